"""Shared FastAPI dependencies, as named type aliases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from auth import AdminKey, Principal, ReadKey, WriteKey  # noqa: F401  (re-exported for routers)
from ratelimit import limit_by_ip, limit_tracking_by_ip


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request, committed before the response is sent.

    Reads use a deferred transaction; writes take SQLite's write lock up front (`BEGIN IMMEDIATE`).
    With `scope="function"` the commit below runs before FastAPI sends the response, so a 2xx for
    a write means it is committed, and a failed commit becomes an error response.
    """
    db = request.app.state.db
    factory = db.read_sessions if request.method in ("GET", "HEAD") else db.write_sessions
    async with factory() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
PublicLimit = Depends(limit_by_ip)
TrackingLimit = Depends(limit_tracking_by_ip)
