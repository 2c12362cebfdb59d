"""Hot reads on the driver itself: one statement, compiled once, one round trip, no SQLAlchemy engine.

Through SQLAlchemy's async engine a point read costs a pool checkout (PostgreSQL: with a pre-ping
round trip), a `BEGIN`, the execution context, greenlet switches per call, and a rollback on check-in:
measured, that was half of the server CPU of `GET /api/campaigns/{id}`. Here a SELECT built as a
SQLAlchemy Core statement is compiled once per dialect, its parameters and result columns go through
the same type processors SQLAlchemy would apply (so rows come back exactly as from the engine), and
it runs on:

- SQLite (a file): one `sqlite3` connection per database, in autocommit and `query_only`, called
  inline on the event loop's thread (as perf/sqlite_inline.py's read connections are): in WAL mode a
  reader never waits for a lock, and each statement sees the latest commit;
- PostgreSQL: a small asyncpg pool of its own (`POOL_SIZE`, at most `DB_POOL_SIZE`; no transaction, no
  reset query on release; asyncpg prepares each statement once per connection), with the JSON codecs
  SQLAlchemy's asyncpg dialect installs.

Only for reads that need no transaction (one statement). Any driver error makes `first` return
`FAILED` (and for `RETRY_AFTER_FAILURE_S` after it, without trying): the caller then runs the same
statement through the engine, which reports an unreachable database the usual way (503
problem+json). In-memory SQLite and other backends always take the engine.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from typing import Any

import structlog
from sqlalchemy.sql import Select

log = structlog.get_logger()

FAILED = object()  # `first`'s answer when the caller must use the engine instead
POOL_SIZE = 4
RETRY_AFTER_FAILURE_S = 5.0


class _Prepared:
    """A statement compiled for one dialect, with its bind and result processors."""

    __slots__ = ("names", "processors", "results", "sql")

    def __init__(self, stmt: Select[Any], dialect: Any) -> None:
        compiled = stmt.compile(dialect=dialect)
        self.sql: str = compiled.string
        self.names: list[str] = list(compiled.positiontup or ())
        binds: Any = compiled._bind_processors  # what the engine applies to each parameter
        self.processors = [binds.get(name) for name in self.names]
        self.results = [c.type._cached_result_processor(dialect, None) for c in stmt.selected_columns]

    def params(self, values: dict[str, Any]) -> list[Any]:
        out = []
        for name, proc in zip(self.names, self.processors, strict=True):
            value = values[name]
            out.append(value if proc is None else proc(value))
        return out

    def row(self, raw: Any) -> tuple[Any, ...]:
        return tuple(value if proc is None else proc(value) for proc, value in zip(self.results, raw, strict=True))


class RawReader:
    """The driver-level reader of one `TuneDatabase` (see the module docstring)."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self.dialect = db.read_engine.dialect
        self.kind = _kind(db)
        self._prepared: dict[Any, _Prepared] = {}
        self._sqlite: sqlite3.Connection | None = None
        self._pool: Any = None
        self._pool_lock = asyncio.Lock()
        # First come, first served for the pool's connections: asyncpg's pool hands a released
        # connection to whichever task asks next (asyncio.Queue lets a newcomer take it before the
        # waiter it woke runs, and that waiter queues again at the back), so under load some requests
        # waited for seconds; Python's Semaphore serves its waiters in order.
        self._turns: asyncio.Semaphore | None = None
        self._down_until = 0.0

    def prepared(self, key: Any, stmt: Select[Any]) -> _Prepared:
        p = self._prepared.get(key)
        if p is None:
            p = self._prepared[key] = _Prepared(stmt, self.dialect)
        return p

    async def first(self, key: Any, stmt: Select[Any], values: dict[str, Any]) -> Any:
        """The statement's first row (a tuple in select order), None for no row, or FAILED."""
        if self.kind is None or time.monotonic() < self._down_until:
            return FAILED
        p = self.prepared(key, stmt)
        try:
            if self.kind == "sqlite":
                raw = self._sqlite_conn().execute(p.sql, p.params(values)).fetchone()
            else:
                pool = self._pool or await self._open_pool()
                async with self._fair(), pool.acquire() as conn:
                    raw = await conn.fetchrow(p.sql, *p.params(values))
        except Exception as exc:  # the engine path reports it (or succeeds) the usual way
            log.warning("rawread.failed", error=type(exc).__name__)
            # A database that is down is not asked again for a while: the engine's path answers
            # (503 when it cannot either) without first waiting for this one's connect timeout.
            self._down_until = time.monotonic() + RETRY_AFTER_FAILURE_S
            self._reset()
            if isinstance(exc, TimeoutError):
                raise  # a stalled database: 503 now, not a second wait on the engine's path
            return FAILED
        return None if raw is None else p.row(raw)

    async def all(self, key: Any, stmt: Select[Any], values: dict[str, Any]) -> Any:
        """Every row as the driver returns it (no result processors: see `column`), or FAILED.

        For reports of many rows whose columns repeat few values (an hour, a metric name): the
        caller converts each distinct value once instead of every column of every row."""
        if self.kind is None or time.monotonic() < self._down_until:
            return FAILED
        p = self.prepared(key, stmt)
        try:
            if self.kind == "sqlite":
                return self._sqlite_conn().execute(p.sql, p.params(values)).fetchall()
            pool = self._pool or await self._open_pool()
            async with self._fair(), pool.acquire() as conn:
                return await conn.fetch(p.sql, *p.params(values))
        except Exception as exc:  # as in `first`: the engine path answers
            log.warning("rawread.failed", error=type(exc).__name__)
            self._down_until = time.monotonic() + RETRY_AFTER_FAILURE_S
            self._reset()
            if isinstance(exc, TimeoutError):
                raise  # as in `first`
            return FAILED

    def column(self, key: Any, stmt: Select[Any], index: int) -> Any:
        """The function SQLAlchemy applies to column `index` of `stmt`'s rows (identity when none)."""
        proc = self.prepared(key, stmt).results[index]
        return proc if proc is not None else _same

    def _fair(self) -> asyncio.Semaphore:
        if self._turns is None:
            self._turns = asyncio.Semaphore(self._pool_size())
        return self._turns

    def _pool_size(self) -> int:
        return int(min(POOL_SIZE, self.db.settings.DB_POOL_SIZE))

    def _sqlite_conn(self) -> sqlite3.Connection:
        if self._sqlite is None:
            conn = sqlite3.connect(self.db.url.database, timeout=0, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA query_only=ON")
            self._sqlite = conn
        return self._sqlite

    async def _open_pool(self) -> Any:
        async with self._pool_lock:
            if self._pool is None and time.monotonic() < self._down_until:
                raise ConnectionError("the raw reader's last attempt failed moments ago")
            if self._pool is None:
                import asyncpg

                settings = self.db.settings
                url = self.db.url.set(drivername="postgresql")

                async def init(conn: Any) -> None:  # SQLAlchemy's asyncpg dialect's JSON codecs
                    await conn.set_type_codec(
                        "json",
                        encoder=str.encode,
                        decoder=lambda b: json.loads(b.decode()),
                        schema="pg_catalog",
                        format="binary",
                    )
                    await conn.set_type_codec(
                        "jsonb",
                        encoder=lambda s: b"\x01" + s.encode(),
                        decoder=lambda b: json.loads(b[1:].decode()),
                        schema="pg_catalog",
                        format="binary",
                    )

                async def no_reset(conn: Any) -> None:  # nothing to reset: no transaction, no session state
                    return None

                self._pool = await asyncpg.create_pool(
                    url.render_as_string(hide_password=False),
                    min_size=1,
                    max_size=self._pool_size(),
                    init=init,
                    reset=no_reset,
                    timeout=settings.DB_CONNECT_TIMEOUT,
                    command_timeout=settings.DB_STATEMENT_TIMEOUT_S,
                )
        return self._pool

    def _reset(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        pool, self._pool = self._pool, None
        if pool is not None:  # its connections may all be broken (a restarted server): start afresh
            pool.terminate()

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            await pool.close()
        self._reset()


def _same(value: Any) -> Any:
    return value


def _kind(db: Any) -> str | None:
    if db.is_sqlite:
        database = db.url.database or ":memory:"
        return "sqlite" if database != ":memory:" and db.settings.DB_SQLITE_INLINE else None
    return "postgresql" if db.url.get_backend_name() == "postgresql" else None


def reader(db: Any) -> RawReader:
    """`db`'s reader, made at the first use."""
    r: RawReader | None = getattr(db, "_raw_reader", None)
    if r is None:
        r = db._raw_reader = RawReader(db)
    return r


async def close(db: Any) -> None:
    r: RawReader | None = getattr(db, "_raw_reader", None)
    if r is not None:
        await r.close()
