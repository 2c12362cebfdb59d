"""The one dialect switch (`INSERT … ON CONFLICT` in the session's dialect), row chunking, and the
one "the workspace's campaign or 404" lookup.

PostgreSQL and SQLite each have their own `insert()` construct with `on_conflict_do_update` /
`on_conflict_do_nothing` and `.excluded`; every upsert in the service builds its statement here.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, TypeAlias

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import Insert as PgInsert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import Insert as SqliteInsert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from core.errors import NotFound
from models import Campaign

__all__ = [
    "CHUNK",
    "Executor",
    "Upsert",
    "chunks",
    "dialect",
    "insert",
    "owned_campaign",
    "pg_driver",
    "table_insert",
]

# Rows per `IN (…)` list or multi-row statement: under SQLite's and asyncpg's parameter limits.
CHUNK = 400

Upsert = PgInsert | SqliteInsert
# What a write path executes Core statements on: a session, or a connection (no ORM layer per statement),
# or the pixel's driver-level stand-in for a connection (tracking/rawwrite.py).
if TYPE_CHECKING:
    from tracking.rawwrite import RawExecutor
Executor: TypeAlias = "AsyncSession | AsyncConnection | RawExecutor"


def dialect(session: Executor) -> str:
    """The session's (or connection's) dialect name ("postgresql" or "sqlite")."""
    if isinstance(session, AsyncSession):
        return session.get_bind().dialect.name
    return session.dialect.name


def insert(session: Executor, target: Any) -> Upsert:
    """`insert(target)` in the session's dialect, so `on_conflict_do_*` and `.excluded` are available."""
    return pg_insert(target) if dialect(session) == "postgresql" else sqlite_insert(target)


def table_insert(session: Executor, model: Any) -> Upsert:
    """A Core INSERT for the model's table, in the session's dialect (ON CONFLICT available).

    Executed with a list of rows, SQLAlchemy batches it as multi-row VALUES from one cached
    compiled statement ("insertmanyvalues"), RETURNING included: far cheaper than compiling a
    `.values([...])` statement of thousands of parameters per call.
    """
    return insert(session, model.__table__)


async def pg_driver(session: AsyncSession) -> Any:
    """The asyncpg connection under the session, inside the session's transaction (begun by a statement
    before), for a hot write sent on the driver itself; None on another backend or driver, or before the
    transaction has begun (SQLAlchemy's asyncpg adapter sends its BEGIN with the first statement): then
    the caller runs its SQLAlchemy statements as usual."""
    if dialect(session) != "postgresql":
        return None
    conn = await session.connection()
    driver: Any = (await conn.get_raw_connection()).driver_connection
    if not type(driver).__module__.startswith("asyncpg") or not driver.is_in_transaction():
        return None
    return driver


def chunks(rows: list[Any], size: int = CHUNK) -> list[list[Any]]:
    """`rows` in consecutive slices of at most `size`."""
    return [rows[i : i + size] for i in range(0, len(rows), size)]


async def owned_campaign(session: AsyncSession, *, workspace_id: uuid.UUID, campaign_id: uuid.UUID) -> Campaign:
    """The workspace's campaign; another workspace's is not found, like a missing one (never told apart)."""
    campaign = await session.scalar(
        select(Campaign).where(Campaign.id == campaign_id, Campaign.workspace_id == workspace_id)
    )
    if campaign is None:
        raise NotFound(f"No campaign {campaign_id}")
    return campaign
