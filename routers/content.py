"""Outreach content: sequences, LinkedIn messages, video scripts."""

from __future__ import annotations

from fastapi import APIRouter, status

import campaigns.pipeline as workflows
import content_generator as content
from core.deps import DatabaseDep, LlmDep, SessionDep, SettingsDep, WriteKey
from jobs import JobRead

router = APIRouter(prefix="/api/content", tags=["content"])


@router.post("/generate-sequence", response_model=content.SequenceRead)
async def generate_sequence(
    body: content.SequenceRequest, key: WriteKey, session: SessionDep, db: DatabaseDep, llm: LlmDep
) -> content.SequenceRead:
    """Write a multi-step email sequence with A/B subjects and a quality report; stored as messages."""
    return await content.generate_sequence(session, db=db, llm=llm, workspace_id=key.workspace_id, req=body)


@router.post("/linkedin-message", response_model=content.LinkedInRead)
async def linkedin_message(
    body: content.LinkedInRequest, key: WriteKey, session: SessionDep, db: DatabaseDep, llm: LlmDep
) -> content.LinkedInRead:
    """Write a LinkedIn connection note (never over 300 characters), follow-up or InMail."""
    return await content.generate_linkedin(session, db=db, llm=llm, workspace_id=key.workspace_id, req=body)


@router.post("/video-script", response_model=content.VideoRead)
async def video_script(
    body: content.VideoRequest, key: WriteKey, session: SessionDep, db: DatabaseDep, llm: LlmDep
) -> content.VideoRead:
    """Write a 30–180 s personalised video script as timed scenes (visual + narration)."""
    return await content.generate_video(session, db=db, llm=llm, workspace_id=key.workspace_id, req=body)


@router.post("/generate-batch", status_code=status.HTTP_202_ACCEPTED, response_model=JobRead)
async def generate_batch(
    body: workflows.ContentBatchRequest, key: WriteKey, session: SessionDep, settings: SettingsDep
) -> JobRead:
    """Write content for each prospect of a campaign (or one tier) that lacks it, as a background job."""
    return await workflows.start_content_batch(
        session, workspace_id=key.workspace_id, data=body, settings=settings
    )
