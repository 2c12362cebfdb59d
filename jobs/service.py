"""API-side job services: enqueue in the caller's transaction, read, cancel, list, queue depth."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import structlog
from sqlalchemy import event, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core import paging, sql
from core.errors import Conflict, NotFound
from jobs.registry import HANDLERS
from jobs.schemas import ACTIVE, JobRead, job_read
from jobs.worker import wake
from models import Job, JobItem, JobItemStatus, JobStatus, LlmBatch, utcnow
from schemas import Page

log = structlog.get_logger()

# --- API-side services ------------------------------------------------------------------------


async def enqueue(
    session: AsyncSession,
    *,
    workspace_id: uuid.UUID,
    kind: str,
    payload: dict[str, Any],
    items: Sequence[tuple[str, dict[str, Any]]],
) -> Job:
    """Store a job and its items in the caller's transaction; workers pick it up after commit."""
    if kind not in HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job(
        workspace_id=workspace_id,
        kind=kind,
        payload=payload,
        total=len(items),
        status=JobStatus.QUEUED,
        next_run_at=utcnow(),
    )
    session.add(job)
    await session.flush()
    if items:  # Core rows, one multi-row INSERT per slice, no ORM object per item
        now = utcnow()
        rows = [
            {
                "id": uuid.uuid4(),
                "job_id": job.id,
                "key": key,
                "position": i,
                "status": JobItemStatus.PENDING,
                "payload": item,
                "updated_at": now,
            }
            for i, (key, item) in enumerate(items)
        ]
        await session.execute(sql.table_insert(session, JobItem), rows)
    log.info("job.enqueued", job_id=str(job.id), kind=kind, total=len(items))
    wake()
    # And again once the caller's transaction has committed: a claim made before that does not see the
    # job on PostgreSQL (SQLite's waits for the writer lock), and the worker would wait for its next poll.
    event.listen(session.sync_session, "after_commit", _wake_after_commit, once=True)
    return job


def _wake_after_commit(_session: Any) -> None:
    wake()


async def get_job(session: AsyncSession, *, workspace_id: uuid.UUID, job_id: uuid.UUID) -> JobRead:
    """A job with its progress and the first item errors. Another workspace's job is not found."""
    job = await session.scalar(select(Job).where(Job.id == job_id, Job.workspace_id == workspace_id))
    if job is None:
        raise NotFound(f"No job {job_id}")
    errors = (
        await session.execute(
            select(JobItem.key, JobItem.error)
            .where(JobItem.job_id == job.id, JobItem.status == JobItemStatus.FAILED)
            .order_by(JobItem.position)
            .limit(50)
        )
    ).all()
    batch = None
    if job.payload.get("use_batches"):
        row = (
            await session.execute(
                select(LlmBatch.round, LlmBatch.batch_id, LlmBatch.status, LlmBatch.requests, LlmBatch.counts)
                .where(LlmBatch.job_id == job.id)
                .order_by(LlmBatch.round.desc())
                .limit(1)
            )
        ).first()
        batch = (
            {
                "rounds": row.round + 1,
                "batch_id": row.batch_id,
                "status": row.status,
                "requests": row.requests,
                "counts": row.counts,
            }
            if row
            else {"rounds": 0}
        )
    return job_read(job, [{"item": key, "error": error} for key, error in errors], batch)


async def cancel_job(session: AsyncSession, *, workspace_id: uuid.UUID, job_id: uuid.UUID) -> JobRead:
    """Cancel a queued or running job; items already done stay done. A finished job is a 409."""
    result = await session.execute(
        update(Job)
        .where(Job.id == job_id, Job.workspace_id == workspace_id, Job.status.in_(ACTIVE))
        .values(status=JobStatus.CANCELLED, finished_at=utcnow(), lease_owner=None, updated_at=utcnow())
    )
    job = await get_job(session, workspace_id=workspace_id, job_id=job_id)
    if not getattr(result, "rowcount", 0):
        raise Conflict(
            f"Job {job_id} is finished ({job.status}); only a queued or running job can be cancelled.",
            job_status=job.status,
        )
    return job


async def list_jobs(
    session: AsyncSession,
    *,
    workspace_id: uuid.UUID,
    status: str | None,
    campaign_id: uuid.UUID | None,
    cursor: str | None,
    limit: int,
) -> Page[JobRead]:
    """The workspace's jobs, newest first; `status` may be "active" (queued or running).

    A job belongs to a campaign when its payload names it (pipelines, content batches, Clay pushes
    and Clay webhook batches do). Item errors are left out: `GET /api/jobs/{id}` has them.
    """
    query = select(Job).where(Job.workspace_id == workspace_id)
    if status == "active":
        query = query.where(Job.status.in_(ACTIVE))
    elif status:
        query = query.where(Job.status == status)
    if campaign_id is not None:
        query = query.where(Job.payload["campaign_id"].as_string() == str(campaign_id))
    rows, next_cursor = await paging.newest_first(session, query, Job, cursor=cursor, limit=limit)
    return Page[JobRead](items=[job_read(j) for j in rows], next_cursor=next_cursor)


async def queue_depth(session: AsyncSession) -> dict[str, int]:
    """Jobs by status (for metrics and health)."""
    rows = (await session.execute(select(Job.status, func.count()).group_by(Job.status))).all()
    return {status: count for status, count in rows}
