"""Shared FastAPI dependencies, as named type aliases, and the session rule.

The session rule: **read, call Claude, then write; never hold a SQLite write lock across a network
call.** A request's `SessionDep` is one session committed before the response (`get_session`); a GET
reads in a deferred transaction, any other method takes SQLite's write lock at its first statement. So
a service that calls Claude (or Clay) reads what it needs on its own read session
(`db.session(write=False)`), makes the network call with no transaction open, and only then writes
through the request's session, whose lock is held for the writes alone. Background jobs follow the
same order: `prepare` (reads and network, no writes), then `apply` (writes).

`DatabaseDep`, `LlmDep`, `SettingsDep`, `KeyCacheDep`, `LimiterDep` and the metrics' two (and
tracking's `TrackerDep`, in tracking/deps.py, since core never imports a feature) give a route the
process's parts by type, visible in its signature, instead of reaching into `request.app.state`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from prometheus_client.registry import CollectorRegistry
from sqlalchemy.ext.asyncio import AsyncSession

from auth import AdminKey, KeyCache, Principal, ReadKey, WriteKey  # noqa: F401  (re-exported for routers)
from core.metrics import StateCollector
from core.ratelimit import RateLimiter, limit_by_ip, limit_tracking_by_ip
from database_async import TuneDatabase
from llm import LLMClient
from settings import Settings


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request, committed before the response is sent.

    Reads use a deferred transaction; writes take SQLite's write lock up front (`BEGIN IMMEDIATE`).
    With `scope="function"` the commit below runs before FastAPI sends the response, so a 2xx for
    a write means it is committed, and a failed commit becomes an error response. A request that
    never touched its session (served from a cache) costs no commit, rollback or close.
    """
    db = request.app.state.db
    factory = db.read_sessions if request.method in ("GET", "HEAD") else db.write_sessions
    session = factory()
    try:
        yield session
        if _touched(session):
            await session.commit()
    except BaseException:
        if _touched(session):
            await session.rollback()
        raise
    finally:
        if _touched(session):
            await session.close()


def _touched(session: AsyncSession) -> bool:
    sync = session.sync_session
    return sync.in_transaction() or bool(sync.identity_map) or bool(sync.new) or bool(sync.deleted)


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
PublicLimit = Depends(limit_by_ip)
TrackingLimit = Depends(limit_tracking_by_ip)


def app_part(name: str) -> Callable[[Request], Awaitable[Any]]:
    """A dependency answering `request.app.state.<name>`: one of the process's parts, set by
    api_server's lifespan. `async`, so FastAPI awaits it in place: a plain `def` dependency would go
    through the thread pool on every request (the pixel's route takes two)."""

    async def part(request: Request) -> Any:
        return getattr(request.app.state, name)

    part.__name__ = part.__qualname__ = f"app_part_{name}"
    return part


DatabaseDep = Annotated[TuneDatabase, Depends(app_part("db"))]
LlmDep = Annotated[LLMClient, Depends(app_part("llm"))]
SettingsDep = Annotated[Settings, Depends(app_part("settings"))]
KeyCacheDep = Annotated[KeyCache, Depends(app_part("key_cache"))]
LimiterDep = Annotated[RateLimiter, Depends(app_part("limiter"))]  # the API's per-IP / per-key limiter
MetricsCollectorDep = Annotated[StateCollector, Depends(app_part("metrics_collector"))]
MetricsRegistryDep = Annotated[CollectorRegistry, Depends(app_part("metrics_registry"))]
