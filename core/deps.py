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

from collections.abc import AsyncIterator
from typing import Annotated

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


# The process's parts, set on `app.state` by api_server's lifespan, reached by type. Each getter is
# `async def`: FastAPI awaits it in place, where a plain `def` dependency would go through the thread
# pool on every request (the pixel's route takes one).


async def get_db(request: Request) -> TuneDatabase:
    return request.app.state.db


async def get_llm(request: Request) -> LLMClient:
    return request.app.state.llm


async def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_key_cache(request: Request) -> KeyCache:
    return request.app.state.key_cache


async def get_limiter(request: Request) -> RateLimiter:
    return request.app.state.limiter


async def get_metrics_collector(request: Request) -> StateCollector:
    return request.app.state.metrics_collector


async def get_metrics_registry(request: Request) -> CollectorRegistry:
    return request.app.state.metrics_registry


DatabaseDep = Annotated[TuneDatabase, Depends(get_db)]
LlmDep = Annotated[LLMClient, Depends(get_llm)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
KeyCacheDep = Annotated[KeyCache, Depends(get_key_cache)]
LimiterDep = Annotated[RateLimiter, Depends(get_limiter)]  # the API's per-IP / per-key limiter
MetricsCollectorDep = Annotated[StateCollector, Depends(get_metrics_collector)]
MetricsRegistryDep = Annotated[CollectorRegistry, Depends(get_metrics_registry)]
