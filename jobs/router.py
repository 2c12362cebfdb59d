"""Background jobs and the complete pipeline."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Query, status

import campaigns.pipeline as workflows
import jobs
from core.deps import LlmDep, ReadKey, SessionDep, SettingsDep, WriteKey
from llm import batches as message_batches
from models import BatchStatus
from schemas import Page

router = APIRouter(prefix="/api", tags=["jobs"])

StatusFilter = Literal["active", "queued", "running", "succeeded", "failed", "cancelled"]


@router.get("/jobs", response_model=Page[jobs.JobRead])
async def list_jobs(
    key: ReadKey,
    session: SessionDep,
    status: StatusFilter | None = None,
    campaign_id: uuid.UUID | None = None,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Page[jobs.JobRead]:
    """Your jobs, newest first; filter by status ("active" = queued or running) and by campaign."""
    return await jobs.list_jobs(
        session, workspace_id=key.workspace_id, status=status, campaign_id=campaign_id, cursor=cursor, limit=limit
    )


@router.get("/jobs/{job_id}", response_model=jobs.JobRead)
async def get_job(job_id: uuid.UUID, key: ReadKey, session: SessionDep) -> jobs.JobRead:
    """A job's status, progress (done/failed of total), item errors and result summary."""
    return await jobs.get_job(session, workspace_id=key.workspace_id, job_id=job_id)


@router.post("/jobs/{job_id}/cancel", response_model=jobs.JobRead)
async def cancel_job(
    job_id: uuid.UUID, key: WriteKey, session: SessionDep, llm: LlmDep, background: BackgroundTasks
) -> jobs.JobRead:
    """Cancel a queued or running job; items already done stay done (a Message Batch it is waiting
    for is cancelled at Anthropic too, after the answer)."""
    job = await jobs.cancel_job(session, workspace_id=key.workspace_id, job_id=job_id)
    if job.message_batch and job.message_batch.get("status") == BatchStatus.SUBMITTED:
        background.add_task(message_batches.cancel_at_anthropic, llm, job.job_id, job.message_batch["batch_id"])
    return job


@router.post("/workflows/complete-pipeline", status_code=status.HTTP_202_ACCEPTED, response_model=jobs.JobRead)
async def complete_pipeline(
    body: workflows.PipelineRequest, key: WriteKey, session: SessionDep, settings: SettingsDep
) -> jobs.JobRead:
    """Analyse → tier → write content per tier → attach to the campaign (→ push to Clay), as one job."""
    return await workflows.start_pipeline(session, workspace_id=key.workspace_id, data=body, settings=settings)
