"""Async engine, sessions and backend tuning, behind the `TuneDatabase` facade.

SQLite (the embedded default) runs in WAL mode with a busy timeout, and writing transactions start
with `BEGIN IMMEDIATE`, queued in-process (`_WriterQueue`): a deferred transaction that reads and then writes
"database is locked" when another writer committed in between, and pysqlite's own transaction
handling loses updates under concurrency. Reads keep a deferred `BEGIN` so they never queue behind
a writer. PostgreSQL runs through asyncpg with a sized pool, pre-ping and a connect timeout.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import structlog
from sqlalchemy import event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import StaticPool
from sqlalchemy.util import await_only

from perf import jsoncodec
from perf.sqlite_inline import connector, one_hop_connector
from settings import Settings, get_settings

log = structlog.get_logger()

ROOT = Path(__file__).resolve().parent
# Errors that mean "the database is not reachable" rather than "the request is wrong". asyncpg
# surfaces a refused connection as a bare OSError, not as SQLAlchemy's OperationalError.
UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (OSError, TimeoutError, asyncio.TimeoutError)
RECYCLE_MIN_INTERVAL_S = 5.0  # at most one pool recycle per interval, however many requests fail

# SQLSTATE classes (PostgreSQL): what a failure says about the connection, not about the request.
_LOST = ("08", "57P01", "57P02", "57P03")  # connection exception, admin/crash shutdown, cannot connect now
_BUSY = ("53", "57014", "40001", "40P01", "55P03")  # resources, statement timeout, serialization, lock
_DATA, _CONFLICT = "22", "23"


def _sqlstate(exc: BaseException) -> str | None:
    orig = getattr(exc, "orig", None)
    for candidate in (orig, getattr(orig, "__cause__", None), exc):
        code = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
        if isinstance(code, str):
            return code
    return None


def classify_error(exc: BaseException) -> str:
    """What a database failure means for the response.

    - "lost": the connection is gone (refused, reset, closed, timed out): 503, and the connection
      is recycled (closed, not reused);
    - "busy": the server is up but cannot serve now (too many connections, pool exhausted,
      statement timeout, lock timeout, "database is locked"): 503, connections kept;
    - "data": the values do not fit (a NUL byte, an out-of-range number): 422, connections kept;
    - "conflict": a constraint (409);
    - "bug": anything else (a 500, logged).
    """
    if isinstance(exc, PoolTimeoutError):
        return "busy"
    if isinstance(exc, IntegrityError):
        return "conflict"
    code = _sqlstate(exc)
    if code is not None:
        if code.startswith(_LOST):
            return "lost"
        if code.startswith(_BUSY):
            return "busy"
        if code.startswith(_DATA):
            return "data"
        if code.startswith(_CONFLICT):
            return "conflict"
        return "bug"
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return "lost"
        orig = exc.orig
        cause = getattr(orig, "__cause__", None)
        if isinstance(orig, UNAVAILABLE_ERRORS) or isinstance(cause, UNAVAILABLE_ERRORS):
            return "lost"
        if "connection is closed" in str(orig) or "connection was closed" in str(orig):
            return "lost"
        if isinstance(exc, OperationalError):  # SQLite: locked, busy, I/O
            return "busy"
        if type(exc).__name__ == "DataError":
            return "data"
        return "bug"
    if isinstance(exc, UNAVAILABLE_ERRORS):
        return "lost"
    if isinstance(exc, OverflowError):  # a Python int too large for SQLite's INTEGER
        return "data"
    return "bug"


def _mark_disconnects(context: Any) -> None:
    """`handle_error` hook: a lost connection is a disconnect, so SQLAlchemy closes it (and the
    connections opened before it) instead of handing it to the next request. asyncpg reports a
    dropped socket as a bare OSError that its dialect does not recognise as one."""
    if not context.is_disconnect and classify_error(context.original_exception) == "lost":
        context.is_disconnect = True


def _sqlite_pragmas(busy_timeout_ms: int, in_memory: bool, query_only: bool = False) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy's "begin" hook below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        if query_only:  # a write through a read session fails at once instead of waiting for the lock
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    return on_connect


class _WriterQueue:
    """One SQLite writer at a time per process, in arrival order.

    SQLite admits one writer anyway; queueing here, at `BEGIN IMMEDIATE`, hands the write lock
    over as soon as the previous transaction ends, where SQLite's busy handler would poll with
    sleeps of up to 100 ms and give up with "database is locked" after `busy_timeout` when many
    writers wait at once. The wait is bounded by the same timeout. The lock is released when the
    transaction commits or rolls back, or at the latest when its connection goes back to the pool.
    """

    def __init__(self, timeout_s: float) -> None:
        self.lock = asyncio.Lock()
        self.timeout_s = timeout_s

    def on_begin(self, conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        if mode == "IMMEDIATE":
            try:
                await_only(asyncio.wait_for(self.lock.acquire(), self.timeout_s))
            except TimeoutError as exc:
                raise OperationalError(
                    "BEGIN IMMEDIATE", None, TimeoutError("database is locked: writer queue timed out")
                ) from exc
            conn.info["holds_writer"] = True
        conn.exec_driver_sql(f"BEGIN {mode}")

    def on_end(self, conn: Any) -> None:
        if conn.info.pop("holds_writer", False):
            self.lock.release()

    def on_checkin(self, _dbapi_connection: Any, record: Any) -> None:
        if record.info.pop("holds_writer", False):
            self.lock.release()


def _begin_inline(conn: Any) -> None:
    """`BEGIN` (deferred) on an inline read connection, straight on sqlite3 (perf/sqlite_inline.py)."""
    conn.connection.driver_connection.begin()


def _terminate_idle(pool: Any) -> int:
    """Close a retired pool's idle connections at once; returns how many.

    Called outside any greenlet, the async drivers' terminate is immediate (asyncpg's
    `Connection.terminate()`). `_pool` is the queue of idle connection records in SQLAlchemy's
    QueuePool; a pool without one (SQLite's StaticPool) has nothing to close.
    """
    queue = getattr(pool, "_pool", None)
    closed = 0
    while queue is not None:
        try:
            record = queue.get(False)
        except Exception:  # the queue is empty
            break
        try:
            record.invalidate()
            closed += 1
        except Exception:
            log.warning("database.close_failed", exc_info=True)
    return closed


class TuneDatabase:
    """The service's database: one engine, a writer and a reader session factory, migrations."""

    def __init__(self, url: str | None = None, *, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.url: URL = make_url(url or self.settings.DATABASE_URL)
        self.backend = self.url.get_backend_name()
        self.engine = self._create_engine()
        # Writers take the SQLite write lock up front; the option is ignored on PostgreSQL.
        writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self.write_sessions = async_sessionmaker(writer, expire_on_commit=False)
        # SQLite file: reads go through inline connections (no thread hop per call; writes keep
        # aiosqlite's thread, so a commit's I/O never stalls the event loop). Elsewhere, one engine.
        self.read_engine = self.engine
        if self.is_sqlite and self.settings.DB_SQLITE_INLINE and (self.url.database or ":memory:") != ":memory:":
            self.read_engine = self._create_engine(inline=True)
        self.read_sessions = async_sessionmaker(self.read_engine, expire_on_commit=False)
        self.migrated = False
        self._recycled_at = -RECYCLE_MIN_INTERVAL_S
        self._migrate_lock = asyncio.Lock()
        log.info("database_initialized", **self.describe())

    @property
    def is_sqlite(self) -> bool:
        return self.backend == "sqlite"

    def describe(self) -> dict[str, Any]:
        """Backend and pool settings, safe to log (never the password)."""
        info: dict[str, Any] = {
            "backend": self.backend,
            "url": self.url.render_as_string(hide_password=True),
        }
        if not self.is_sqlite:
            info |= {
                "pool_size": self.settings.DB_POOL_SIZE,
                "max_overflow": self.settings.DB_MAX_OVERFLOW,
                "pool_timeout": self.settings.DB_POOL_TIMEOUT,
            }
        return info

    def _create_engine(self, *, inline: bool = False) -> AsyncEngine:
        s = self.settings
        if self.is_sqlite:
            database = self.url.database or ""
            in_memory = database in ("", ":memory:")
            kwargs: dict[str, Any] = {"connect_args": {"timeout": s.DB_BUSY_TIMEOUT_MS / 1000}}
            busy_ms = s.DB_BUSY_TIMEOUT_MS
            if inline:
                # Reads only: each call runs in the event loop's thread (perf/sqlite_inline.py). In WAL
                # mode a reader never waits for a lock, and query_only keeps writes off these connections.
                kwargs = {"async_creator": connector(database)}
                busy_ms = 0
            elif s.DB_SQLITE_INLINE and not in_memory:
                # Writers stay on aiosqlite's thread, with one trip per statement instead of four.
                kwargs = {"async_creator": one_hop_connector(database, s.DB_BUSY_TIMEOUT_MS / 1000)}
            if in_memory:
                kwargs["poolclass"] = StaticPool
            else:
                kwargs |= {
                    "pool_size": s.DB_POOL_SIZE,
                    "max_overflow": s.DB_MAX_OVERFLOW,
                    "pool_timeout": s.DB_POOL_TIMEOUT,
                }
            engine = create_async_engine(self.url, json_serializer=jsoncodec.dumps, **kwargs)
            event.listen(engine.sync_engine, "connect", _sqlite_pragmas(busy_ms, in_memory, query_only=inline))
            queue = _WriterQueue(s.DB_BUSY_TIMEOUT_MS / 1000)
            if not inline:
                self.writer_queue = queue  # shared with perf/sqlite_inline.inline_writer's engine
            # Inline read connections begin their (deferred, read-only) transaction with a direct call:
            # through `exec_driver_sql` the BEGIN cost as much as the query it precedes.
            event.listen(engine.sync_engine, "begin", _begin_inline if inline else queue.on_begin)
            event.listen(engine.sync_engine, "commit", queue.on_end)
            event.listen(engine.sync_engine, "rollback", queue.on_end)
            event.listen(engine.sync_engine.pool, "checkin", queue.on_checkin)
            return engine
        connect_args: dict[str, Any] = {}
        if self.backend == "postgresql":
            # A connect that hangs and a statement that hangs (a stalled network or server) both end
            # in a timeout, hence a 503, instead of holding the request for as long as the stall lasts.
            connect_args |= {"timeout": s.DB_CONNECT_TIMEOUT, "command_timeout": s.DB_STATEMENT_TIMEOUT_S}
        engine = create_async_engine(
            self.url,
            pool_size=s.DB_POOL_SIZE,
            max_overflow=s.DB_MAX_OVERFLOW,
            pool_timeout=s.DB_POOL_TIMEOUT,
            pool_pre_ping=True,
            connect_args=connect_args,
            json_serializer=jsoncodec.dumps,
        )
        event.listen(engine.sync_engine, "handle_error", _mark_disconnects)
        return engine

    @asynccontextmanager
    async def session(self, *, write: bool = True) -> AsyncIterator[AsyncSession]:
        """A session that commits when the block ends without error (for jobs, CLI and scripts)."""
        factory = self.write_sessions if write else self.read_sessions
        async with factory() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    async def ping(self, timeout: float | None = None) -> None:  # noqa: ASYNC109
        """Run `SELECT 1`; raises when the database cannot answer within `timeout` seconds."""

        async def _ping() -> None:
            async with self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))

        await asyncio.wait_for(_ping(), timeout or self.settings.DB_CONNECT_TIMEOUT)

    async def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (idempotent, safe to call again)."""
        async with self._migrate_lock:
            if self.migrated:
                return
            from alembic import command
            from alembic.config import Config

            def upgrade(sync_conn: Any) -> None:
                cfg = Config(str(ROOT / "alembic.ini"))
                cfg.set_main_option("script_location", str(ROOT / "migrations"))
                cfg.attributes["connection"] = sync_conn
                command.upgrade(cfg, "head")

            async with self.engine.begin() as conn:
                await conn.run_sync(upgrade)
            self.migrated = True
            log.info("database.migrated", backend=self.backend)

    async def ensure_ready(self) -> None:
        """Ping, and migrate if this process has not yet (e.g. the database was down at start)."""
        await self.ping()
        if self.settings.DB_AUTO_MIGRATE and not self.migrated:
            await self.migrate()

    def pool_exhausted(self) -> bool:
        """True when every connection the pool may open is checked out (busy, not broken)."""
        pool = self.engine.pool
        if self.is_sqlite or not hasattr(pool, "checkedout"):
            return False
        return bool(pool.checkedout() >= self.settings.DB_POOL_SIZE + self.settings.DB_MAX_OVERFLOW)

    async def forget_connections(self) -> None:
        """After a lost connection: start a new pool and close the old pool's idle connections.

        Called only for connection-level failures (never for a bad value in a request), and at most
        once per `RECYCLE_MIN_INTERVAL_S`, so a flood of failing requests cannot pile up pools.
        The idle connections are terminated (no goodbye handshake: the peer may be gone or
        stalled); connections still checked out are closed by SQLAlchemy when they fail or return.
        """
        now = time.monotonic()
        if now - self._recycled_at < RECYCLE_MIN_INTERVAL_S:
            return
        self._recycled_at = now
        old = self.engine.pool
        await self.engine.dispose(close=False)
        if self.read_engine is not self.engine:
            await self.read_engine.dispose()
        closed = _terminate_idle(old)
        log.warning("database.pool_recycled", closed_idle=closed)

    async def dispose(self) -> None:
        from perf import rawread

        await rawread.close(self)  # the hot reads' own connections (perf/rawread.py)
        await self.engine.dispose()
        if self.read_engine is not self.engine:
            await self.read_engine.dispose()
