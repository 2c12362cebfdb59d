"""The pixel's hot statements on the driver: fixed SQL, values converted here, no SQLAlchemy per row.

A pixel batch runs ingestion's logic (tracking/hits.py, tracking/ingest.py) unchanged; what changes is
how its six hot statements reach the database. Through SQLAlchemy each one paid for an execution
context and a bind processor per value (the UUIDs' hex, the datetimes' formatting), and its multi-row
INSERT was new SQL for every batch size (re-prepared on PostgreSQL). `RawExecutor` stands in for the
connection: `execute(stmt, params)` recognises those statements by identity and runs them on the
driver connection of the same transaction (the raw DBAPI connection, `AsyncConnection.
get_raw_connection().driver_connection`); every other statement goes to the connection as before.

- SQLite (the group commit's inline writer, perf/sqlite_inline.py): `sqlite3` calls on the event loop's
  thread, inside the `BEGIN IMMEDIATE` SQLAlchemy began; values through `sqlite_value`.
- PostgreSQL (asyncpg): one statement text per statement whatever the batch size (`= ANY($1)` and
  `unnest($1, $2, …)` arrays), so asyncpg prepares each once per connection; both rollup upserts go in
  one statement (a data-modifying CTE). asyncpg takes UUIDs, aware datetimes and booleans as they are.
  The message lookup may run before SQLAlchemy's transaction has started (a read); every write
  first makes sure it has (`_in_transaction`).

Rows come back as tuples (named where ingestion reads them by name) with the Python types SQLAlchemy
would give: UUIDs, aware UTC datetimes.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import uuid
from collections import namedtuple
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Integer, String, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection

from models import CampaignStat, CampaignStatHourly, CampaignStatVersion, TrackingEvent, TrackingFirstTouch
from perf.sqlite_inline import InlineConnection
from tracking import hits, ingest

MessageRow = namedtuple("MessageRow", "id workspace_id campaign_id prospect_id step variant tier")
StoredRow = namedtuple("StoredRow", "id workspace_id external_id")

EVENT_COLS = tuple(c.name for c in TrackingEvent.__table__.c if c.name != "id")
TOUCH_COLS = tuple(c.name for c in TrackingFirstTouch.__table__.c)
TOUCH_KEY = ("campaign_id", "prospect_id", "metric", "scope", "audience")
STAT_KEY = ("campaign_id", "tier", "step", "variant", "metric")
STAT_COLS = (*STAT_KEY, "workspace_id", "total", "human", "uniq", "uniq_human", "uniq_step", "uniq_step_human")
HOUR_KEY = ("campaign_id", "bucket", "metric")
HOUR_COLS = (*HOUR_KEY, "workspace_id", "total", "human", "uniq", "uniq_human")
VERSION_COLS = (*ingest.VERSION_KEY, *ingest.VERSION_COLS)
_ROWS_PER_INSERT = 400  # SQLite: rows per multi-row INSERT (17 values each, under its 32,766 limit)


def sqlite_value(value: Any) -> Any:
    """A Python value as SQLAlchemy stores it in SQLite for this service's column types: a UUID as its
    32 hex digits (`Uuid`), a datetime as UTC text 'YYYY-MM-DD HH:MM:SS.ffffff' (`UTCDateTime`; a
    naive one is refused, as there), a bool as 0/1; text, numbers and None as they are."""
    kind = type(value)
    if kind is uuid.UUID:
        return value.hex
    if kind is datetime:
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    if kind is bool:
        return int(value)
    return value


_CONVERTERS: dict[tuple[str, tuple[str, ...]], Any] = {}


def _sqlite_row(table: str, cols: tuple[str, ...]) -> Any:
    """`row -> [sqlite_value(row[c]) for c in cols]` for `table`, with its text and integer columns
    (whose values need nothing) taken as they are: a third of the conversion's time."""
    convert = _CONVERTERS.get((table, cols))
    if convert is None:
        from models import Base

        columns = Base.metadata.tables[table].c
        steps = [(c, not isinstance(columns[c].type, String | Integer)) for c in cols]

        def convert(row: dict[str, Any]) -> list[Any]:
            return [sqlite_value(row[c]) if typed else row[c] for c, typed in steps]

        _CONVERTERS[(table, cols)] = convert
    return convert


_PLAIN_TEXT = re.compile(r"[A-Za-z0-9_:.\- ]*\Z")


def pg_literal(value: Any) -> str | None:
    """`value` as a PostgreSQL literal, or None when it is not one this renders: a UUID, an aware
    datetime, an int, a bool, None, or text of letters, digits and `_:.- ` only (metric names,
    scopes, variants). Anything else (a quote, a backslash, any text from a client) is None: the
    caller sends it as a parameter instead."""
    if value is None:
        return "NULL"
    kind = type(value)
    if kind is bool:
        return "TRUE" if value else "FALSE"
    if kind is int:
        return str(value)
    if isinstance(value, uuid.UUID):
        return f"'{uuid.UUID(int=value.int)}'::uuid"
    if kind is datetime and value.tzinfo is not None:
        return f"'{value.isoformat()}'::timestamptz"
    if kind is str and _PLAIN_TEXT.match(value):
        return f"'{value}'"
    return None


def _literal_upsert(
    table: str, cols: tuple[str, ...], key: tuple[str, ...], rows: list[dict[str, Any]]
) -> str | None:
    """A rollup upsert with its rows as literals (for a simple-protocol query), or None if one is not."""
    values = []
    for r in rows:
        literals = [pg_literal(r[c]) for c in cols]
        if None in literals:
            return None
        values.append("(" + ", ".join(literals) + ")")  # type: ignore[arg-type]
    conflict = f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {_updates(table, cols, key)}"
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES {', '.join(values)} {conflict}"


def _uuid(value: str | None) -> uuid.UUID | None:
    return None if value is None else uuid.UUID(hex=value)


def _sqlite_time(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _updates(table: str, cols: tuple[str, ...], key: tuple[str, ...]) -> str:
    return ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in cols if c not in key and c != "workspace_id")


_MESSAGE_SELECT = (
    "SELECT m.id, m.workspace_id, m.campaign_id, m.prospect_id, m.step, m.variant, cp.tier "
    "FROM messages AS m LEFT OUTER JOIN campaign_prospects AS cp "
    "ON cp.campaign_id = m.campaign_id AND cp.prospect_id = m.prospect_id "
)
_MESSAGES_AND_DELIVERIES = (
    "WITH m AS (" + _MESSAGE_SELECT + "WHERE m.id = ANY($1::uuid[])) "
    "SELECT 'm' AS k, id, workspace_id, campaign_id, prospect_id, step, variant, tier, "
    "NULL::varchar AS type, NULL::timestamptz AS occurred_at FROM m "
    "UNION ALL "
    "SELECT 'd', NULL, NULL, p.campaign_id, p.prospect_id, e.step, NULL, NULL, e.type, e.occurred_at "
    "FROM (SELECT DISTINCT campaign_id, prospect_id FROM m WHERE campaign_id IS NOT NULL) AS p "
    # one constant type per branch, so the delivery index is searched on (campaign, prospect, type):
    # with `type IN (…)` PostgreSQL searched (campaign, prospect) and filtered every open of the prospect
    "CROSS JOIN LATERAL ("
    + " UNION ALL ".join(
        "SELECT e.step, e.type, e.occurred_at FROM tracking_events AS e WHERE e.campaign_id = p.campaign_id "
        f"AND e.prospect_id = p.prospect_id AND e.type = '{kind}'"
        for kind in ("sent", "delivered")
    )
    + ") AS e"
)
_DELIVERY_SELECT = "SELECT e.campaign_id, e.prospect_id, e.step, e.type, e.occurred_at FROM tracking_events AS e "


class RawExecutor:
    """Runs ingestion's hot statements on the driver connection under `conn` (see the module docstring)."""

    def __init__(self, conn: AsyncConnection, *, own_transaction: bool = False, sync_commit: bool = True) -> None:
        self.conn = conn
        self.dialect = conn.dialect
        name = conn.dialect.name
        self._handlers: dict[int, Any] = {
            id(hits._MESSAGES_WITH_TIER): self._messages,
            id(ingest._DELIVERY_TIMES): self._delivery_times,
            id(ingest._store_insert(conn)): self._store,
            id(ingest._claim_insert(conn)): self._claim,
            id(ingest._rollup_upsert(conn, CampaignStat, STAT_KEY, STAT_COLS[6:])): self._stats,
            id(ingest._rollup_upsert(conn, CampaignStatHourly, HOUR_KEY, HOUR_COLS[4:])): self._hourly,
            id(
                ingest._rollup_upsert(conn, CampaignStatVersion, ingest.VERSION_KEY, ingest.VERSION_COLS)
            ): self._versions,
            id(ingest.ADVISORY_LOCK): self._lock,
        }
        self._pg = name == "postgresql"
        self._driver: Any = None
        # PostgreSQL, `own_transaction`: this executor BEGINs and COMMITs on the driver itself, the
        # BEGIN sent with the batch's advisory locks and the COMMIT with its rollups (one round trip each).
        # SQLite, `own_transaction`: the caller BEGINs and COMMITs on the driver (tracking/hits.py).
        self.own = own_transaction
        self._locks: list[int] = []
        self._begin = "BEGIN" if sync_commit else "BEGIN; SET LOCAL synchronous_commit TO off"
        self._began = False
        self._stats_rows: list[dict[str, Any]] = []
        self._tail = ""  # rollups rendered as literals, sent with the COMMIT
        self._versions_tail = ""  # the campaigns' version upsert as literals, sent with the COMMIT
        self._delivery: dict[tuple[Any, Any], list[tuple[Any, ...]]] | None = None

    async def start(self) -> RawExecutor | None:
        """Self, when the connection's driver is one this class speaks (inline sqlite3 or asyncpg)."""
        raw = await self.conn.get_raw_connection()
        driver = raw.driver_connection
        if isinstance(driver, InlineConnection):
            self._driver = driver.sqlite
            return self
        if self._pg and type(driver).__module__.startswith("asyncpg"):
            self._driver = driver
            return self
        return None

    @property
    def driver(self) -> Any:
        """The driver connection: `sqlite3.Connection` or asyncpg's."""
        return self._driver

    async def execute(self, statement: Any, parameters: Any = None) -> Any:
        handler = self._handlers.get(id(statement))
        if handler is None:
            if self.own:  # SQLAlchemy would BEGIN a second time: a batch of opens never gets here
                raise RuntimeError("a statement outside the raw writer's own transaction")
            return await self.conn.execute(statement, parameters)
        with driver_errors(handler.__name__):
            return await handler(parameters)

    async def _in_transaction(self) -> None:
        """Before a write. Own transaction: BEGIN with the advisory locks asked for so far. Otherwise
        SQLAlchemy's asyncpg adapter BEGINs at its first statement, and a raw write must not run
        before that, in autocommit (a batch without a campaign takes no advisory lock first)."""
        if not self._pg:
            return
        if self.own:
            if not self._began:
                locks = "".join(f"; SELECT pg_advisory_xact_lock({int(k)})" for k in self._locks)
                await self._driver.execute(self._begin + locks)  # simple protocol: one round trip
                self._began = True
        elif not self._driver.is_in_transaction():
            await self.conn.execute(text("SELECT 1"))

    async def finish(self) -> None:
        """Own transaction: the deferred rollups and COMMIT, in one round trip when they render as
        literals (`pg_literal`), else two. Call once the batch's statements have all run."""
        if not (self.own and self._pg):
            return
        with driver_errors("finish"):
            await self._finish()

    async def _finish(self) -> None:
        await self._in_transaction()
        parts = []
        if self._stats_rows:  # a stats rollup without an hourly one
            sql = _literal_upsert("campaign_stats", STAT_COLS, STAT_KEY, self._stats_rows)
            if sql is None:
                await self._upsert("campaign_stats", STAT_COLS, STAT_KEY, self._stats_rows)
            else:
                parts.append(sql)
            self._stats_rows = []
        if self._tail:
            parts.append(self._tail)
        if self._versions_tail:
            parts.append(self._versions_tail)
        await self._driver.execute("; ".join([*parts, "COMMIT"]))  # simple protocol: one round trip

    async def abort(self) -> None:
        """Own transaction: roll back what this executor began (the connection may be gone: then nothing)."""
        if self.own and self._pg and self._driver is not None and self._driver.is_in_transaction():
            await self._driver.execute("ROLLBACK")

    # --- the statements ------------------------------------------------------------------------

    async def _lock(self, params: dict[str, Any]) -> list[Any]:
        if self.own and self._pg and not self._began:
            self._locks.append(int(params["k"]))
            return []
        await self._in_transaction()
        await self._driver.execute("SELECT pg_advisory_xact_lock($1)", int(params["k"]))
        return []

    async def _messages(self, params: dict[str, Any]) -> list[MessageRow]:
        ids = params["ids"]
        if self._pg:
            # With each message, the send and delivery times of its prospect in its campaign (the machine
            # filter's reference, asked for next by ingest._label): one round trip for both.
            rows = await self._driver.fetch(_MESSAGES_AND_DELIVERIES, ids)
            out = []
            delivery = self._delivery if self._delivery is not None else {}
            for r in rows:
                if r[0] == "m":
                    out.append(MessageRow(*r[1:8]))
                    if r[3] is not None:
                        delivery.setdefault((r[3], r[4]), [])
                else:
                    delivery.setdefault((r[3], r[4]), []).append((r[3], r[4], r[5], r[8], r[9]))
            self._delivery = delivery
            return out
        cursor = self._driver.cursor()
        out = []
        for ident in ids:
            r = cursor.execute(_MESSAGE_SELECT + "WHERE m.id = ?", (ident.hex,)).fetchone()
            if r is not None:
                out.append(MessageRow(ident, _uuid(r[1]), _uuid(r[2]), _uuid(r[3]), r[4], r[5], r[6]))
        cursor.close()
        return out

    async def _delivery_times(self, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        pairs = params["pairs"]
        known = self._delivery
        if known is not None and all(pair in known for pair in pairs):  # read with the messages
            return [row for pair in pairs for row in known[pair]]
        if self._pg:
            await self._in_transaction()
            rows = await self._driver.fetch(
                _DELIVERY_SELECT + "JOIN unnest($1::uuid[], $2::uuid[]) AS p (c, pr) "
                "ON e.campaign_id = p.c AND e.prospect_id = p.pr WHERE e.type IN ('sent', 'delivered')",
                [c for c, _ in pairs],
                [p for _, p in pairs],
            )
            return [tuple(r) for r in rows]
        cursor = self._driver.cursor()
        out = []
        sql = (
            _DELIVERY_SELECT + "WHERE e.campaign_id = ? AND e.prospect_id = ? AND e.type IN ('sent', 'delivered')"
        )
        for c, p in pairs:
            for _, _, step, kind, at in cursor.execute(sql, (c.hex, p.hex)):
                out.append((c, p, step, kind, _sqlite_time(at)))
        cursor.close()
        return out

    async def _store(self, rows: list[dict[str, Any]]) -> list[StoredRow]:
        returning = "RETURNING id, workspace_id, external_id"
        conflict = "ON CONFLICT (workspace_id, external_id) DO NOTHING"
        if self._pg:
            stored = await self._insert_pg("tracking_events", EVENT_COLS, rows, conflict, returning)
            return [StoredRow(*r) for r in stored]
        out = []
        for r in await self._insert_sqlite("tracking_events", EVENT_COLS, rows, conflict, returning):
            out.append(StoredRow(r[0], uuid.UUID(hex=r[1]), r[2]))
        return out

    async def _claim(self, rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        returning = "RETURNING " + ", ".join(TOUCH_KEY)
        if self._pg:
            return [
                tuple(r)
                for r in await self._insert_pg(
                    "tracking_first_touches", TOUCH_COLS, rows, "ON CONFLICT DO NOTHING", returning
                )
            ]
        claimed = await self._insert_sqlite(
            "tracking_first_touches", TOUCH_COLS, rows, "ON CONFLICT DO NOTHING", returning
        )
        return [(uuid.UUID(hex=c), uuid.UUID(hex=p), m, s, a) for c, p, m, s, a in claimed]

    async def _stats(self, rows: list[dict[str, Any]]) -> list[Any]:
        if self.own and self._pg:  # sent with the hourly rollup, or with the COMMIT
            self._stats_rows += rows
            return []
        await self._upsert("campaign_stats", STAT_COLS, STAT_KEY, rows)
        return []

    async def _hourly(self, rows: list[dict[str, Any]]) -> list[Any]:
        if self.own and self._pg:
            stats, self._stats_rows = self._stats_rows, []
            sql = [
                _literal_upsert("campaign_stats", STAT_COLS, STAT_KEY, stats) if stats else "",
                _literal_upsert("campaign_stats_hourly", HOUR_COLS, HOUR_KEY, rows),
            ]
            if None not in sql:  # both as literals: with the COMMIT, in `finish`
                self._tail = "; ".join(q for q in sql if q)
                return []
            if stats:
                await self._upsert("campaign_stats", STAT_COLS, STAT_KEY, stats)
        await self._upsert("campaign_stats_hourly", HOUR_COLS, HOUR_KEY, rows)
        return []

    async def _versions(self, rows: list[dict[str, Any]]) -> list[Any]:
        table = CampaignStatVersion.__tablename__
        if self.own and self._pg:
            sql = _literal_upsert(table, VERSION_COLS, ingest.VERSION_KEY, rows)
            if sql is not None:  # with the COMMIT, in `finish` (after the rollups, in the same transaction)
                self._versions_tail = sql
                return []
        await self._upsert(table, VERSION_COLS, ingest.VERSION_KEY, rows)
        return []

    # --- per driver ------------------------------------------------------------------------------

    async def _insert_sqlite(
        self, table: str, cols: tuple[str, ...], rows: list[dict[str, Any]], conflict: str, returning: str
    ) -> list[Any]:
        cursor = self._driver.cursor()
        out: list[Any] = []
        one = "(" + ", ".join("?" * len(cols)) + ")"
        for start in range(0, len(rows), _ROWS_PER_INSERT):
            chunk = rows[start : start + _ROWS_PER_INSERT]
            values_sql = ", ".join([one] * len(chunk))
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES {values_sql} {conflict} {returning}"
            convert = _sqlite_row(table, cols)
            values = [value for r in chunk for value in convert(r)]
            out += cursor.execute(sql, values).fetchall()
        cursor.close()
        return out

    async def _insert_pg(
        self, table: str, cols: tuple[str, ...], rows: list[dict[str, Any]], conflict: str, returning: str
    ) -> list[Any]:
        await self._in_transaction()
        types = _pg_types(table)
        arrays = ", ".join(f"${i + 1}::{types[c]}[]" for i, c in enumerate(cols))
        sql = f"INSERT INTO {table} ({', '.join(cols)}) SELECT * FROM unnest({arrays}) {conflict} {returning}"
        return list(await self._driver.fetch(sql, *([r[c] for r in rows] for c in cols)))

    async def _upsert(
        self, table: str, cols: tuple[str, ...], key: tuple[str, ...], rows: list[dict[str, Any]]
    ) -> None:
        conflict = f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {_updates(table, cols, key)}"
        if self._pg:
            await self._insert_pg(table, cols, rows, conflict, "")
            return
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) {conflict}"
        self._driver.executemany(sql, [_sqlite_row(table, cols)(r) for r in rows])


@contextlib.contextmanager
def driver_errors(label: str) -> Iterator[None]:
    """A driver's error (sqlite3, asyncpg) as the SQLAlchemy error the engine would have raised, so
    callers classify it as before (database_async.classify_error: a closed connection is "lost",
    "database is locked" is "busy", a constraint a conflict)."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        cls = IntegrityError if isinstance(exc, sqlite3.IntegrityError) else OperationalError
        raise cls(f"rawwrite.{label}", None, exc) from exc
    except Exception as exc:
        if not type(exc).__module__.startswith("asyncpg"):
            raise
        code = str(getattr(exc, "sqlstate", "") or "")
        # a connection the server closed mid-protocol can also surface as asyncpg's InternalClientError ("cannot
        # switch to state 12; another operation is in progress"): lost, like the closed connection it is
        closed = (
            "connection is closed" in str(exc)
            or "connection was closed" in str(exc)
            or type(exc).__name__ == "InternalClientError"
        )
        if code.startswith("23"):
            raise IntegrityError(f"rawwrite.{label}", None, exc) from exc
        if closed or code.startswith("08"):
            raise OperationalError(f"rawwrite.{label}", None, exc, connection_invalidated=True) from exc
        raise DBAPIError(f"rawwrite.{label}", None, exc) from exc


_PG_TYPES: dict[str, dict[str, str]] = {}


def _pg_types(table: str) -> dict[str, str]:
    """Each column's PostgreSQL type name for an `unnest` array cast, from the model's table."""
    types = _PG_TYPES.get(table)
    if types is None:
        from sqlalchemy.dialects import postgresql

        from models import Base

        dialect = postgresql.dialect()
        columns = Base.metadata.tables[table].c
        types = _PG_TYPES[table] = {
            c.name: c.type.dialect_impl(dialect).compile(dialect=dialect).split("(")[0].lower() for c in columns
        }
    return types


async def executor(
    conn: AsyncConnection, *, own_transaction: bool = False, sync_commit: bool = True
) -> RawExecutor | None:
    """A `RawExecutor` over `conn`, or None when its driver is not one it speaks (use `conn` itself)."""
    return await RawExecutor(conn, own_transaction=own_transaction, sync_commit=sync_commit).start()
