"""The job kinds: the handler contract (`Handler`, `JobContext`), `register`, and what a failed item may
show (`public_error`). Every kind is registered by `jobs.kinds.load()`, called once at start-up.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from database_async import TuneDatabase
from settings import Settings

log = structlog.get_logger()


def public_error(exc: BaseException, **context: Any) -> str:
    """What `GET /api/jobs/{id}` may show about a failure (issue 13, finding 9).

    A domain error or a validation error says what was wrong with the item, in words meant for the
    client. Anything else (a database error carries its SQL and parameters) shows only its kind and
    a reference; the details go to the log under that reference, with the job's context.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from core.errors import TuneError

    if isinstance(exc, TuneError | ValueError) and not isinstance(exc, SQLAlchemyError):
        return (str(exc) or type(exc).__name__)[:500]
    ref = uuid.uuid4().hex[:12]
    log.error("job.error_details", ref=ref, error=type(exc).__name__, detail=str(exc)[:2000], **context)
    return f"{type(exc).__name__}: an internal error occurred (ref {ref}; details in the service log)"


@dataclass
class JobContext:
    """What a handler sees: the service's parts and the job's own payload."""

    db: TuneDatabase
    llm: Any
    settings: Settings
    job_id: uuid.UUID
    workspace_id: uuid.UUID
    payload: dict[str, Any]
    cache: dict[str, Any] = field(default_factory=dict)  # per-claim scratch space (e.g. an agent profile)
    shared: Any = None  # state shared by every process (ratelimit.LimitStorage: Redis), e.g. Clay pacing


class Handler(Protocol):
    async def prepare(self, ctx: JobContext, key: str, payload: dict[str, Any]) -> Any:
        """Work that writes nothing (may call Claude); its result is handed to `apply`."""

    async def apply(
        self, session: AsyncSession, ctx: JobContext, key: str, payload: dict[str, Any], prepared: Any
    ) -> dict[str, Any]:
        """Write the item's outcome; committed together with the item's done-mark."""


HANDLERS: dict[str, Handler] = {}
Summarizer = Callable[[AsyncSession, JobContext], Awaitable[dict[str, Any]]]
SUMMARIZERS: dict[str, Summarizer] = {}


def register(kind: str, handler: Handler, summarize: Summarizer | None = None) -> None:
    """Make `kind` runnable by the workers."""
    HANDLERS[kind] = handler
    if summarize is not None:
        SUMMARIZERS[kind] = summarize
