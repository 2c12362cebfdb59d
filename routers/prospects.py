"""Prospect analysis."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request

import prospect_intelligence as intel
from deps import ReadKey, SessionDep, WriteKey
from errors import Unprocessable

router = APIRouter(prefix="/api/prospects", tags=["prospects"])


@router.post("/analyze", response_model=intel.AnalysisRead)
async def analyze(body: intel.AnalyzeRequest, key: WriteKey, session: SessionDep,
                  request: Request) -> intel.AnalysisRead:
    """Score and tier one prospect with an explainable breakdown, hooks and approach; stored."""
    state = request.app.state
    return await intel.analyze_prospect(session, db=state.db, llm=state.llm, workspace_id=key.workspace_id,
                                        data=body)


@router.post("/analyze-batch", response_model=intel.BatchRead)
async def analyze_batch(body: intel.AnalyzeBatchRequest, key: WriteKey, session: SessionDep,
                        request: Request) -> intel.BatchRead:
    """Analyse up to ANALYZE_BATCH_INLINE_MAX prospects inline; each item succeeds or fails alone."""
    state = request.app.state
    cap = state.settings.ANALYZE_BATCH_INLINE_MAX
    if len(body.prospects) > cap:
        raise Unprocessable(f"A batch holds at most {cap} prospects ({len(body.prospects)} sent); "
                            f"split it into batches of {cap}.")
    return await intel.analyze_batch(session, db=state.db, llm=state.llm, workspace_id=key.workspace_id,
                                     data=body)


@router.get("/{prospect_id}", response_model=intel.ProspectRead)
async def get_prospect(prospect_id: uuid.UUID, key: ReadKey, session: SessionDep) -> intel.ProspectRead:
    """A prospect with its latest analysis."""
    return await intel.get_prospect(session, workspace_id=key.workspace_id, prospect_id=prospect_id)
