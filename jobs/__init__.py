"""Durable background jobs: stored in the database, worked by every service process (docs/jobs.md).

    registry  the handler contract (`Handler`, `JobContext`), `register`, `public_error`
    kinds     every job kind, registered once at start-up by `load()` (api and worker-only processes)
    schemas   statuses and `JobRead`
    service   enqueue (in the caller's transaction), get, cancel, list, queue depth
    worker    claiming under a lease, heartbeats, the two-phase item loop, `WorkerPool`
    batches   batch mode: a job's Claude calls in rounds of Message Batches (`llm.batches`)
    router    /api/jobs and POST /api/workflows/complete-pipeline

May import: `core`, `database_async`, `models`, `schemas`, `settings`, `llm` (the client's errors and
usage, and `llm.batches`, for batch mode); `kinds` and `router` alone
import the features that define job kinds. The public names below are the package's interface.
"""

from jobs.registry import HANDLERS, SUMMARIZERS, Handler, JobContext, Summarizer, public_error, register
from jobs.schemas import ACTIVE, FINISHED, JobRead, job_read
from jobs.service import cancel_job, enqueue, get_job, list_jobs, queue_depth
from jobs.worker import LeaseLost, Worker, WorkerPool, claim, wake

__all__ = [
    "ACTIVE",
    "FINISHED",
    "HANDLERS",
    "SUMMARIZERS",
    "Handler",
    "JobContext",
    "JobRead",
    "LeaseLost",
    "Summarizer",
    "Worker",
    "WorkerPool",
    "cancel_job",
    "claim",
    "enqueue",
    "get_job",
    "job_read",
    "list_jobs",
    "public_error",
    "queue_depth",
    "register",
    "wake",
]
