"""Shared FastAPI dependencies, as named type aliases, and the session rule.

The session rule: **read, call Claude, then write; never hold a SQLite write lock across a network
call.** A request's `SessionDep` is one session committed before the response (`get_session`); a GET
reads in a deferred transaction, any other method takes SQLite's write lock at its first statement. So
a service that calls Claude (or Clay) reads what it needs on its own read session
(`db.session(write=False)`), makes the network call with no transaction open, and only then writes
through the request's session, whose lock is held for the writes alone. Background jobs follow the
same order: `prepare` (reads and network, no writes), then `apply` (writes).

`DatabaseDep`, `LlmDep` and `SettingsDep` (and tracking's `TrackerDep`) give a route the process's parts by type,
instead of reaching into `request.app.state`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from auth import AdminKey, Principal, ReadKey, WriteKey  # noqa: F401  (re-exported for routers)
from core.ratelimit import limit_by_ip, limit_tracking_by_ip
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


def get_db(request: Request) -> TuneDatabase:
    return request.app.state.db


def get_llm(request: Request) -> LLMClient:
    return request.app.state.llm


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


DatabaseDep = Annotated[TuneDatabase, Depends(get_db)]
LlmDep = Annotated[LLMClient, Depends(get_llm)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
