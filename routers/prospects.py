"""Prospect analysis."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

import prospect_intelligence as intel
from core.deps import DatabaseDep, LlmDep, ReadKey, SessionDep, SettingsDep, WriteKey
from core.errors import Unprocessable
from jobs import JobRead
from llm import batches as message_batches
from schemas import Page

router = APIRouter(prefix="/api/prospects", tags=["prospects"])


@router.post("/analyze", response_model=intel.AnalysisRead)
async def analyze(
    body: intel.AnalyzeRequest, key: WriteKey, session: SessionDep, db: DatabaseDep, llm: LlmDep
) -> intel.AnalysisRead:
    """Score and tier one prospect with an explainable breakdown, hooks and approach; stored."""
    return await intel.analyze_prospect(session, db=db, llm=llm, workspace_id=key.workspace_id, data=body)


@router.post(
    "/analyze-batch",
    response_model=intel.BatchRead | JobRead,
    responses={202: {"model": JobRead, "description": "Queued as a background job"}},
)
async def analyze_batch(
    body: intel.AnalyzeBatchRequest,
    key: WriteKey,
    session: SessionDep,
    db: DatabaseDep,
    llm: LlmDep,
    settings: SettingsDep,
    response: Response,
) -> intel.BatchRead | JobRead:
    """Analyse many prospects: up to ANALYZE_BATCH_INLINE_MAX inline (LLM_INLINE_MAX_ITEMS while Claude is
    on, so a request never waits on many Claude calls), larger batches as a job (202)."""
    count, cap = len(body.prospects), settings.ANALYZE_BATCH_MAX
    if count > cap:
        raise Unprocessable(f"A batch holds at most {cap} prospects ({count} sent); split it.")
    inline_max = settings.ANALYZE_BATCH_INLINE_MAX
    if llm.enabled:
        inline_max = min(inline_max, settings.LLM_INLINE_MAX_ITEMS)
    # Asking for Message Batches (with Claude on) always queues a job: a batch is answered in minutes.
    if count > inline_max or (body.use_batches and llm.enabled):
        response.status_code = status.HTTP_202_ACCEPTED
        return await intel.enqueue_analysis(
            session,
            workspace_id=key.workspace_id,
            industry=body.industry,
            prospects=body.prospects,
            replace=body.replace,
            use_batches=message_batches.wanted(settings, body.use_batches, count),
        )
    return await intel.analyze_batch(session, db=db, llm=llm, workspace_id=key.workspace_id, data=body)


@router.get("", response_model=Page[intel.ProspectListItem])
async def list_prospects(
    key: ReadKey,
    session: SessionDep,
    email: Annotated[str | None, Query(max_length=320, description="Exact, any case")] = None,
    campaign_id: uuid.UUID | None = None,
    tier: Annotated[int | None, Query(ge=1, le=4)] = None,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> Page[intel.ProspectListItem]:
    """Your prospects, newest first; find one by email, or list a campaign's (or a tier's)."""
    return await intel.list_prospects(
        session,
        workspace_id=key.workspace_id,
        email=email,
        campaign_id=campaign_id,
        tier=tier,
        cursor=cursor,
        limit=limit,
    )


@router.get("/{prospect_id}", response_model=intel.ProspectRead)
async def get_prospect(prospect_id: uuid.UUID, key: ReadKey, session: SessionDep) -> intel.ProspectRead:
    """A prospect with its latest analysis."""
    return await intel.get_prospect(session, workspace_id=key.workspace_id, prospect_id=prospect_id)
