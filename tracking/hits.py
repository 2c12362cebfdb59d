"""Pixel and click hits, written with group commit.

A hit must be committed before its GIF or redirect goes out, and one commit per hit caps the
pixel near the disk's fsync rate. `HitRecorder` gathers the hits that arrive together (for up to
TRACKING_BATCH_WAIT_MS, or until TRACKING_BATCH_MAX are waiting), writes them in one transaction,
then releases every waiter with its own result. While one batch commits, the next one fills up,
so the busier the pixel, the larger the batches. An error reaches every waiter of the failed
batch; a batch that fails for a reason other than an unreachable database is retried hit by hit,
so one bad hit cannot sink the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import structlog
from sqlalchemy import and_, bindparam, select
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection

from core.sql import Executor
from database_async import UNAVAILABLE_ERRORS, TuneDatabase, classify_error
from models import CampaignProspect, Message, TrackedLink
from perf import sqlite_inline
from settings import Settings
from tracking import ingest, rawwrite

log = structlog.get_logger()

# Turns of the event loop without a new hit that end a batch's wait (a request takes ~2 turns from its
# socket to `record`; measured under wrk: 2-12 turns, 5 best, 1.25x the req/s of the timer alone).
IDLE_TURNS = 5
_FATAL = (*UNAVAILABLE_ERRORS, OperationalError, InterfaceError)


@dataclass(frozen=True, slots=True)
class Hit:
    """A verified pixel (`open`, id = message id) or click (`click`, id = link id) hit."""

    kind: Literal["open", "click"]
    ident: uuid.UUID
    at: datetime
    user_agent: str | None
    ip: str | None


@dataclass(slots=True)
class HitResult:
    recorded: bool
    url: str | None = None  # the stored target of a click
    event_id: int | None = None
    is_machine: bool = False
    machine_reason: str | None = None


# Built once (an expanding IN list): building and cache-keying them per batch cost as much as running them.
_MESSAGES_WITH_TIER = (
    select(
        Message.id,
        Message.workspace_id,
        Message.campaign_id,
        Message.prospect_id,
        Message.step,
        Message.variant,
        CampaignProspect.tier,
    )
    .outerjoin(
        CampaignProspect,
        and_(
            CampaignProspect.campaign_id == Message.campaign_id,
            CampaignProspect.prospect_id == Message.prospect_id,
        ),
    )
    .where(Message.id.in_(bindparam("ids", expanding=True)))
)
_LINKS = select(TrackedLink.id, TrackedLink.message_id, TrackedLink.url).where(
    TrackedLink.id.in_(bindparam("ids", expanding=True))
)


async def write_hits(session: Executor, hits: list[Hit], *, settings: Settings) -> list[HitResult]:
    """Resolve hits to their message (and link), then record them as events in this transaction
    (on a session or, as the recorder does, a connection: Core statements need no ORM layer)."""
    link_rows = {}
    click_ids = [h.ident for h in hits if h.kind == "click"]
    for chunk in ingest.chunks(sorted(set(click_ids), key=str)):
        rows = await session.execute(_LINKS, {"ids": chunk})
        link_rows.update({r.id: r for r in rows})
    message_ids = {h.ident for h in hits if h.kind == "open"} | {r.message_id for r in link_rows.values()}
    messages = {}
    tiers: dict[tuple[uuid.UUID, uuid.UUID], int] = {}
    for chunk in ingest.chunks(sorted(message_ids, key=str)):
        # One statement for the message and its prospect's tier in the campaign (it was two).
        found: Any = await session.execute(_MESSAGES_WITH_TIER, {"ids": chunk})
        for r in found:
            messages[r.id] = r
            if r.campaign_id is not None:
                tiers[(r.campaign_id, r.prospect_id)] = r.tier or 0
    link_counts = await ingest.links_per_message(session, [r.message_id for r in link_rows.values()])

    drafts: list[ingest.Draft | None] = []
    for h in hits:
        link = link_rows.get(h.ident) if h.kind == "click" else None
        message = messages.get(link.message_id if link else h.ident) if (link or h.kind == "open") else None
        if message is None:
            drafts.append(None)
            continue
        drafts.append(
            ingest.Draft(
                workspace_id=message.workspace_id,
                type="opened" if h.kind == "open" else "clicked",
                occurred_at=h.at,
                external_id=external_id(h.kind),
                source="pixel" if h.kind == "open" else "click",
                campaign_id=message.campaign_id,
                prospect_id=message.prospect_id,
                message_id=message.id,
                link_id=link.id if link else None,
                tier=tiers.get((message.campaign_id, message.prospect_id), 0) if message.campaign_id else 0,
                step=message.step or 0,
                variant=message.variant or "",
                url=link.url if link else None,
                user_agent=h.user_agent,
                ip=h.ip,
                links_in_message=link_counts.get(message.id, 0),
            )
        )
    await ingest.record(session, [d for d in drafts if d is not None], settings=settings)
    return [
        HitResult(recorded=False)
        if d is None
        else HitResult(
            recorded=True, url=d.url, event_id=d.event_id, is_machine=d.is_machine, machine_reason=d.machine_reason
        )
        for d in drafts
    ]


class _ExternalIds:
    """External ids for hits: this process's 64 random bits, then a counter (`open:<16 hex><12 hex>`).

    Unique as a uuid4 would be (a new prefix per process, and in a forked child), but in insertion
    order within a process, so the events' (workspace, external id) index takes each at its right edge
    instead of at a random page: inserting 60 rows, 11 -> 4 us per row on SQLite (uuid4 included).
    """

    def __init__(self) -> None:
        self.renew()
        os.register_at_fork(after_in_child=self.renew)

    def renew(self) -> None:
        self.prefix = os.urandom(8).hex()
        self.counter = itertools.count()

    def __call__(self, kind: str) -> str:
        return f"{kind}:{self.prefix}{next(self.counter):012x}"


external_id = _ExternalIds()


class ReplayFilter:
    """Pixel hits for the same message from the same client within `window` seconds count once.

    Replaying one pixel URL 2,000 times used to add 2,000 "human" opens and grow the table without
    bound (issue 13, finding 11). In memory, per process (each process filters its own share), and
    bounded: at most `max_keys` clients are remembered; the oldest are forgotten first.
    """

    def __init__(self, window: float, max_keys: int = 100_000, clock: Any = time.monotonic) -> None:
        self.window, self.max_keys, self.clock = window, max_keys, clock
        self._seen: dict[tuple[uuid.UUID, str], float] = {}

    def is_replay(self, message_id: uuid.UUID, client: str | None) -> bool:
        """True when this client's hit on this message was counted within the window."""
        if self.window <= 0:
            return False
        now = self.clock()
        key = (message_id, client or "unknown")
        last = self._seen.get(key)
        if last is not None and now - last < self.window:
            return True
        self._seen.pop(key, None)
        self._seen[key] = now  # re-inserted: insertion order is age order
        if len(self._seen) > self.max_keys:
            for old in list(self._seen)[: len(self._seen) // 10]:
                del self._seen[old]
        return False


class HitRecorder:
    """Records hits durably: with group commit (the default) or one transaction per hit."""

    def __init__(self, db: TuneDatabase, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.group_commit = settings.TRACKING_GROUP_COMMIT
        self.max_batch = settings.TRACKING_BATCH_MAX
        self.wait_s = settings.TRACKING_BATCH_WAIT_MS / 1000
        self._pending: list[tuple[Hit, asyncio.Future[HitResult]]] = []
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self.replays = ReplayFilter(settings.TRACKING_REPLAY_WINDOW_S)
        # Batches run on a connection of the writer engine (SQLite: BEGIN IMMEDIATE), no ORM session.
        self._writer = db.engine.execution_options(sqlite_begin="IMMEDIATE")
        # SQLite file: batches run inline on the event loop's thread (see `_write_inline`).
        self._inline: Any = None
        self._inline_conn: AsyncConnection | None = None  # its one connection, kept between batches
        self._checkpointed = 0.0
        # Hot statements on the driver (tracking/rawwrite.py); PostgreSQL: on a connection kept between batches.
        self.raw = settings.TRACKING_RAW_WRITER
        self._held: AsyncConnection | None = None
        self._holding = False  # a batch is on the kept connection
        self._checkpoint: asyncio.Task[None] | None = None
        self.batches = 0  # for tests and benchmarks: how many transactions hits took
        self.hits = 0

    async def start(self) -> None:
        if self.group_commit and self._task is None:
            self._closing = False
            db = self.db
            if (
                self._inline is None
                and self.settings.TRACKING_INLINE_WRITER
                and db.is_sqlite
                and db.settings.DB_SQLITE_INLINE
                and (db.url.database or ":memory:") != ":memory:"
            ):
                self._inline = sqlite_inline.inline_writer(db)
            self._task = asyncio.create_task(self._run(), name="tracking-group-commit")

    async def stop(self) -> None:
        """Write what is still waiting, then stop."""
        self._closing = True
        self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None
        if self._checkpoint is not None:
            await self._checkpoint
        if self._inline_conn is not None:
            await _discard(self._inline_conn)
            self._inline_conn = None
        if self._inline is not None:
            await self._inline.dispose()
            self._inline = None
        if self._held is not None:
            await _discard(self._held)
            self._held = None

    async def record(self, hit: Hit) -> HitResult:
        """Record one hit; returns once it is committed (raises if it could not be)."""
        if self._task is None or self._task.done() or self._closing:
            return (await self._write([hit]))[0]
        future: asyncio.Future[HitResult] = asyncio.get_running_loop().create_future()
        future.add_done_callback(_retrieve)  # an abandoned waiter's error is logged by _flush, not asyncio
        self._pending.append((hit, future))
        self._wake.set()
        return await asyncio.shield(future)  # a client hanging up must not un-record its hit

    async def _write(self, hits: list[Hit]) -> list[HitResult]:
        results = await self._write_inline(hits) if self._inline is not None else None
        if results is None:
            if self.raw and not self.db.is_sqlite and not self._holding:
                results = await self._write_held(hits)
            else:  # (without group commit, hits are written concurrently: each on a connection of the pool)
                async with self._writer.begin() as conn:
                    results = await write_hits(await self._on(conn), hits, settings=self.settings)
        self.batches += 1
        self.hits += len(hits)
        return results

    async def _on(self, conn: AsyncConnection, *, own_transaction: bool = False) -> Executor:
        """What `write_hits` runs on: the driver-level executor (tracking/rawwrite.py) when enabled."""
        if self.raw:
            sync = self.settings.TRACKING_PG_SYNCHRONOUS_COMMIT
            return await rawwrite.executor(conn, own_transaction=own_transaction, sync_commit=sync) or conn
        return conn

    async def _write_held(self, hits: list[Hit]) -> list[HitResult]:
        """The batch on a connection the recorder keeps between batches (PostgreSQL, raw writer): a pool
        checkout pre-pings with three round trips (BEGIN, a query, ROLLBACK), as many as the batch's own
        statements. A connection found lost is dropped, and the batch tried once on a fresh one."""
        self._holding = True
        try:
            for attempt in (1, 2):
                conn, held = self._held, self._held is not None
                self._held = None
                if conn is None:
                    conn = await self._writer.connect()
                try:
                    async with conn.begin():
                        # A batch of opens only runs nothing but the raw writer's statements: it BEGINs and
                        # COMMITs on the driver itself, two round trips fewer (rawwrite.RawExecutor.own).
                        on = await self._on(conn, own_transaction=all(h.kind == "open" for h in hits))
                        try:
                            results = await write_hits(on, hits, settings=self.settings)
                            if isinstance(on, rawwrite.RawExecutor):
                                await on.finish()
                        except BaseException:
                            if isinstance(on, rawwrite.RawExecutor):
                                with contextlib.suppress(Exception):
                                    await on.abort()
                            raise
                except BaseException as exc:  # (cancelled too: the connection is never left checked out)
                    await _discard(conn)
                    if held and attempt == 1 and isinstance(exc, Exception) and classify_error(exc) == "lost":
                        log.warning("tracking.writer_reconnect", error=type(exc).__name__)
                        continue
                    raise
                self._held = conn
                return results
            raise AssertionError("unreachable")
        finally:
            self._holding = False

    async def _write_inline(self, hits: list[Hit]) -> list[HitResult] | None:
        """The batch on the inline writer; None when another process holds SQLite's write lock.

        Through aiosqlite every statement of a batch is a hand-off to its thread and back (a GIL
        switch and a wake-up of the event loop each): a third of a batch's CPU. Inline, the lock is
        taken through the service's writer queue, a commit does no fsync (WAL, synchronous=NORMAL),
        and the WAL is checkpointed in a thread, at most once a second.
        """
        conn = self._inline_conn or await self._inline.connect()
        self._inline_conn = None
        try:
            on = await self._on(conn, own_transaction=all(h.kind == "open" for h in hits))
            if isinstance(on, rawwrite.RawExecutor) and on.own:
                results = await self._write_inline_raw(on, hits)
            else:
                async with conn.begin():  # commits at the end of the block, else rolls back
                    results = await write_hits(on, hits, settings=self.settings)
        except OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                await _discard(conn)
                raise
            self._inline_conn = conn
            return None  # nothing was committed: the ordinary writer waits for the lock in its thread
        except BaseException:
            await _discard(conn)
            raise
        self._inline_conn = conn  # kept between batches: no pool checkout per batch
        now = time.monotonic()
        if now - self._checkpointed >= 1.0 and (self._checkpoint is None or self._checkpoint.done()):
            self._checkpointed = now
            database = self.db.url.database or ""
            self._checkpoint = asyncio.create_task(asyncio.to_thread(_checkpoint, database))
        return results

    async def _write_inline_raw(self, on: rawwrite.RawExecutor, hits: list[Hit]) -> list[HitResult]:
        """A batch of opens on the inline writer's sqlite3 connection: the write lock taken in the
        service's writer queue, then BEGIN IMMEDIATE and COMMIT on the driver (no SQLAlchemy
        transaction: its begin and commit cost as much as a batch's inserts)."""
        queue = self.db.writer_queue
        try:
            async with asyncio.timeout(queue.timeout_s):
                await queue.lock.acquire()
        except TimeoutError as exc:
            raise OperationalError(
                "BEGIN IMMEDIATE", None, TimeoutError("database is locked: writer queue timed out")
            ) from exc
        driver = on.driver
        try:
            with rawwrite.driver_errors("begin"):
                driver.execute("BEGIN IMMEDIATE")  # busy_timeout 0: another process's lock fails at once
            try:
                results = await write_hits(on, hits, settings=self.settings)
                with rawwrite.driver_errors("commit"):
                    driver.execute("COMMIT")
            except BaseException:
                if driver.in_transaction:
                    with contextlib.suppress(Exception):
                        driver.execute("ROLLBACK")
                raise
        finally:
            queue.lock.release()
        return results

    async def _run(self) -> None:
        while True:
            if not self._pending:
                if self._closing:
                    return
                self._wake.clear()
                await self._wake.wait()
                continue
            if len(self._pending) < self.max_batch and self.wait_s > 0 and not self._closing:
                await self._gather()
            batch = self._pending[: self.max_batch]
            del self._pending[: self.max_batch]
            try:
                await self._flush(batch)
            except Exception as exc:  # never leave a waiter hanging, never stop the loop
                log.exception("tracking.batcher_error")
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)

    async def _gather(self) -> None:
        """Let more hits join the batch: until TRACKING_BATCH_MAX wait, for at most TRACKING_BATCH_WAIT_MS,
        and no longer than the event loop keeps bringing new ones: once IDLE_TURNS turns of the loop
        add none, the requests that had arrived have all had their say, and waiting on would only idle
        (the 2 ms timer alone left the server idle a fifth of the time under load)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.wait_s
        quiet = 0
        while len(self._pending) < self.max_batch and not self._closing and loop.time() < deadline:
            seen = len(self._pending)
            await asyncio.sleep(0)
            quiet = quiet + 1 if len(self._pending) == seen else 0
            if quiet >= IDLE_TURNS:
                return

    async def _flush(self, batch: list[tuple[Hit, asyncio.Future[HitResult]]]) -> None:
        try:
            results = await self._write([hit for hit, _ in batch])
        except Exception as exc:
            if len(batch) == 1 or isinstance(exc, _FATAL):
                log.error("tracking.batch_failed", hits=len(batch), error=type(exc).__name__)
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                return
            log.warning("tracking.batch_retried_one_by_one", hits=len(batch), error=type(exc).__name__)
            for item in batch:
                await self._flush([item])
            return
        for (_, future), result in zip(batch, results, strict=True):
            if not future.done():
                future.set_result(result)


async def _discard(conn: AsyncConnection) -> None:
    """Close a writer connection that failed or is no longer kept (invalidated: never back to the pool)."""
    with contextlib.suppress(Exception):
        await conn.invalidate()
    with contextlib.suppress(Exception):
        await conn.close()


def _checkpoint(database: str) -> None:
    try:
        sqlite_inline.checkpoint(database)
    except Exception as exc:  # the next one will do; the WAL only grows meanwhile
        log.warning("tracking.checkpoint_failed", error=type(exc).__name__)


def _retrieve(future: asyncio.Future[HitResult]) -> None:
    if not future.cancelled():
        future.exception()
