"""Shared FastAPI dependencies, as named type aliases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from auth import AdminKey, Principal, ReadKey, WriteKey  # noqa: F401  (re-exported for routers)
from core.ratelimit import limit_by_ip, limit_tracking_by_ip


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
