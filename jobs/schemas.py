"""Job statuses and the job as the API shows it (`JobRead`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import structlog

from models import Job, JobStatus
from schemas import Output

log = structlog.get_logger()

ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)
FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)


class JobRead(Output):
    job_id: uuid.UUID
    kind: str
    status: str
    total: int
    done: int
    failed: int
    errors: list[dict[str, Any]] = []
    result: dict[str, Any] | None = None
    error: str | None = None
    attempts: int
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None = None
    # A job sent through Message Batches (`jobs.batches`): its latest batch, on GET /api/jobs/{id}.
    message_batch: dict[str, Any] | None = None


def job_read(
    job: Job, errors: Sequence[dict[str, Any]] = (), message_batch: dict[str, Any] | None = None
) -> JobRead:
    return JobRead(
        job_id=job.id,
        kind=job.kind,
        status=job.status,
        total=job.total,
        done=job.done,
        failed=job.failed,
        errors=list(errors),
        result=job.result,
        error=job.error,
        attempts=job.attempts,
        created_at=job.created_at,
        updated_at=job.updated_at,
        finished_at=job.finished_at,
        message_batch=message_batch,
    )
