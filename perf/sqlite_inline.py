"""An aiosqlite look-alike that runs SQLite calls inline, for SQLAlchemy's `sqlite+aiosqlite` dialect.

aiosqlite sends every call (cursor, execute, fetch, commit, close) to the connection's own thread and
back: on a loaded 2-core machine each hop costs 0.3-1 ms of CPU and a trip through the event loop,
and an authenticated read made a dozen of them. A local SQLite file in WAL mode answers a point
query in microseconds, so running the call where it is made is cheaper than handing it off.

Used through `create_async_engine(url, async_creator=...)` for the READ sessions of a SQLite file
(see database_async.py): in WAL mode a reader never waits for a lock, so no inline call can sit in
SQLite's busy handler and stall the event loop; the connections run `query_only` with
`busy_timeout=0` so a write sent to them fails at once. Writers keep aiosqlite's thread: a commit's
I/O (and the checkpoint's fsync) then overlaps with the event loop, and the pixel's group commit
gathers more hits per transaction (measured: inline writers halved the pixel's hits/s).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from perf import jsoncodec


class InlineCursor:
    """The async cursor API aiosqlite offers, over a sqlite3 cursor, without a thread."""

    __slots__ = ("_cursor",)

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._cursor.close()

    async def execute(self, sql: str, parameters: Any = None) -> InlineCursor:
        if parameters is None:
            self._cursor.execute(sql)
        else:
            self._cursor.execute(sql, parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> InlineCursor:
        self._cursor.executemany(sql, parameters)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    async def nextset(self) -> None:
        return None

    async def setinputsizes(self, *sizes: Any) -> None:
        return None

    def __aiter__(self) -> InlineCursor:
        return self

    async def __anext__(self) -> Any:
        row = self._cursor.fetchone()
        if row is None:
            raise StopAsyncIteration
        return row

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value


class _InlineQueue:
    """Stands in for aiosqlite's request queue: SQLAlchemy puts `(future, function)` on it to set the
    isolation level; run the function now and settle the future."""

    __slots__ = ()

    def put_nowait(self, item: tuple[asyncio.Future[Any], Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except Exception as exc:
            future.set_exception(exc)
        else:
            future.set_result(result)


class InlineConnection:
    """The subset of `aiosqlite.Connection` SQLAlchemy's aiosqlite dialect uses, run inline."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._connection: sqlite3.Connection | None = conn
        self._tx = _InlineQueue()

    def cursor(self) -> InlineCursor:
        if self._connection is None:
            raise ValueError("Connection closed")
        return InlineCursor(self._conn.cursor())

    async def execute(self, sql: str, parameters: Any = None) -> InlineCursor:
        return await self.cursor().execute(sql, parameters)

    def begin(self) -> None:
        """A deferred transaction: a consistent snapshot for the statements that follow."""
        self._conn.execute("BEGIN")

    async def commit(self) -> None:
        self._conn.commit()

    async def rollback(self) -> None:
        self._conn.rollback()

    async def close(self) -> None:
        if self._connection is not None:
            self._connection = None
            self._conn.close()

    def stop(self) -> None:
        if self._connection is not None:
            self._connection = None
            self._conn.close()

    async def create_function(self, *args: Any, **kw: Any) -> None:
        self._conn.create_function(*args, **kw)

    @property
    def sqlite(self) -> sqlite3.Connection:
        """The `sqlite3` connection itself (tracking/rawwrite.py runs the pixel's statements on it)."""
        return self._conn

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    @property
    def in_transaction(self) -> bool:
        return self._conn.in_transaction


def connector(database: str) -> Callable[[], Any]:
    """An `async_creator` for `create_async_engine`: inline connections to the SQLite file `database`.

    `check_same_thread=False`: the pool may hand a connection to SQLAlchemy's own threads (e.g. on
    dispose); every use is still one at a time, as the pool guarantees.
    """

    async def connect() -> InlineConnection:
        conn = sqlite3.connect(database, timeout=0, isolation_level=None, check_same_thread=False)
        return InlineConnection(conn)

    return connect


def inline_writer(db: Any) -> Any:
    """A writing engine on the SQLite file of `db` (a `TuneDatabase`) whose calls run inline, on the
    event loop's thread: no hand-off at all, where aiosqlite makes one per statement (see
    tracking/hits.py for its one user, the pixel's group commit).

    It shares `db`'s in-process writer queue, so it never waits for SQLite's lock on another of the
    service's connections; `busy_timeout` is 0, so a lock held by ANOTHER process fails the
    `BEGIN IMMEDIATE` at once ("database is locked") instead of stalling the event loop, and the
    caller retries on the ordinary writer. It does not checkpoint the WAL itself
    (`wal_autocheckpoint=0`, whose fsync would stall the loop): `checkpoint` runs in a thread.
    """
    from sqlalchemy import event
    from sqlalchemy.ext.asyncio import create_async_engine

    database = db.url.database or ""
    engine = create_async_engine(
        db.url,
        async_creator=connector_for_writing(database),
        pool_size=1,
        max_overflow=0,
        json_serializer=jsoncodec.dumps,
    ).execution_options(sqlite_begin="IMMEDIATE")

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in ("busy_timeout=0", "synchronous=NORMAL", "foreign_keys=ON", "wal_autocheckpoint=0"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    queue = db.writer_queue
    event.listen(engine.sync_engine, "connect", on_connect)
    event.listen(engine.sync_engine, "begin", queue.on_begin)
    event.listen(engine.sync_engine, "commit", queue.on_end)
    event.listen(engine.sync_engine, "rollback", queue.on_end)
    event.listen(engine.sync_engine.pool, "checkin", queue.on_checkin)
    return engine


def connector_for_writing(database: str) -> Callable[[], Any]:
    async def connect() -> InlineConnection:
        conn = sqlite3.connect(database, timeout=0, isolation_level=None, check_same_thread=False)
        return InlineConnection(conn)

    return connect


def checkpoint(database: str) -> None:
    """`PRAGMA wal_checkpoint(PASSIVE)` on a connection of its own (run it in a thread): copies what
    it can of the WAL into the database without waiting for readers or writers."""
    conn = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    finally:
        conn.close()


# --- one hop per statement on aiosqlite's thread (writers) ------------------------------------------


class OneHopCursor:
    """A cursor that executes, fetches every row and closes in ONE trip to aiosqlite's thread.

    SQLAlchemy's adapter awaits cursor creation, execute, fetchall and close separately: four trips
    to the connection's thread and back per statement, each a wake-up of the event loop. Here the
    statement runs whole in the thread and the rows come back with it; fetches read the buffer.
    """

    __slots__ = ("_aconn", "_rows", "arraysize", "description", "lastrowid", "rowcount")

    def __init__(self, aconn: Any) -> None:
        self._aconn = aconn
        self._rows: list[Any] = []
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self.arraysize = 1

    async def __aenter__(self) -> OneHopCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._rows = []

    async def execute(self, sql: str, parameters: Any = None) -> OneHopCursor:
        conn = self._aconn

        def run() -> tuple[Any, list[Any], int, int | None]:
            cursor = conn._conn.cursor()
            try:
                if parameters is None:
                    cursor.execute(sql)
                else:
                    cursor.execute(sql, parameters)
                description = cursor.description
                return description, cursor.fetchall() if description else [], cursor.rowcount, cursor.lastrowid
            finally:
                cursor.close()

        self.description, self._rows, self.rowcount, self.lastrowid = await conn._execute(run)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> OneHopCursor:
        conn = self._aconn
        seq = list(parameters)

        def run() -> tuple[Any, list[Any], int, int | None]:
            cursor = conn._conn.cursor()
            try:
                cursor.executemany(sql, seq)
                description = cursor.description
                return description, cursor.fetchall() if description else [], cursor.rowcount, cursor.lastrowid
            finally:
                cursor.close()

        self.description, self._rows, self.rowcount, self.lastrowid = await conn._execute(run)
        return self

    async def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        n = size if size is not None else self.arraysize
        out, self._rows = self._rows[:n], self._rows[n:]
        return out

    async def fetchall(self) -> list[Any]:
        out, self._rows = self._rows, []
        return out

    async def close(self) -> None:
        self._rows = []

    async def nextset(self) -> None:
        return None

    async def setinputsizes(self, *sizes: Any) -> None:
        return None

    def __aiter__(self) -> OneHopCursor:
        return self

    async def __anext__(self) -> Any:
        if not self._rows:
            raise StopAsyncIteration
        return self._rows.pop(0)


class OneHopConnection:
    """An `aiosqlite.Connection` whose cursors make one trip per statement (see `OneHopCursor`);
    everything else (commit, rollback, close, the isolation-level queue) is aiosqlite's own."""

    def __init__(self, aconn: Any) -> None:
        self._aconn = aconn

    def cursor(self) -> OneHopCursor:
        return OneHopCursor(self._aconn)

    async def execute(self, sql: str, parameters: Any = None) -> OneHopCursor:
        return await self.cursor().execute(sql, parameters)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._aconn, name)


def one_hop_connector(database: str, timeout_s: float) -> Callable[[], Any]:
    """An `async_creator` for `create_async_engine`: aiosqlite connections with one-hop cursors."""
    import aiosqlite

    async def connect() -> OneHopConnection:
        aconn = aiosqlite.connect(database, timeout=timeout_s)
        aconn._thread.daemon = True  # as SQLAlchemy does for its own aiosqlite connections
        return OneHopConnection(await aconn)

    return connect
