"""Durable background jobs: stored in the database, worked by every service process.

A job is a list of items with unique keys. Workers in each process claim a job under a lease (one
atomic `UPDATE … RETURNING` on SQLite, `FOR UPDATE SKIP LOCKED` on PostgreSQL), keep the lease
alive with heartbeats, and work its pending items in chunks (`Worker.chunk_size`). Each item
runs in two phases: `prepare` (no writes; may call Claude or another network service), for the
whole chunk at once, then `apply` (writes), in the same transaction as the item's done-mark: one
transaction per chunk, a savepoint per item (or one for the chunk, for a handler with `apply_many`).
So after a crash or `kill -9`, a job whose lease expired is claimed again and resumes with its
pending items only: finished items are never redone, nor is their LLM spend repeated.

A job that fails as a whole (not an item: items fail alone and are reported) is retried with
backoff up to `JOB_MAX_ATTEMPTS` claims, then `failed` with the reason. Shutdown stops claiming,
lets the items in flight finish, and releases the lease so another process resumes at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, cast

import structlog
from sqlalchemy import Table, and_, bindparam, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from database_async import UNAVAILABLE_ERRORS, TuneDatabase
from jobs.registry import HANDLERS, SUMMARIZERS, Handler, JobContext, public_error
from models import Job, JobItem, JobItemStatus, JobStatus, utcnow
from settings import Settings

log = structlog.get_logger()

RULES_CHUNK = 100  # items per chunk when no item can call Claude (see `Worker.chunk_size`)

# --- claiming ---------------------------------------------------------------------------------


def _claimable(now: datetime) -> Any:
    return or_(
        and_(Job.status == JobStatus.QUEUED, Job.next_run_at <= now),
        and_(Job.status == JobStatus.RUNNING, Job.lease_expires_at < now),
    )


async def claim(db: TuneDatabase, *, owner: str, lease: timedelta) -> uuid.UUID | None:
    """Atomically take the oldest runnable job (or one whose lease expired) for `owner`."""
    now = utcnow()
    values = {
        "status": JobStatus.RUNNING,
        "lease_owner": owner,
        "lease_expires_at": now + lease,
        "attempts": Job.attempts + 1,
        "updated_at": now,
    }
    async with db.session() as session:
        if db.is_sqlite:
            # One statement: BEGIN IMMEDIATE serialises writers, and the sub-select sees the newest state.
            oldest = select(Job.id).where(_claimable(now)).order_by(Job.created_at).limit(1).scalar_subquery()
            return await session.scalar(update(Job).where(Job.id == oldest).values(**values).returning(Job.id))
        job_id = await session.scalar(
            select(Job.id)
            .where(_claimable(now))
            .order_by(Job.created_at)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if job_id is not None:
            await session.execute(update(Job).where(Job.id == job_id).values(**values))
        return job_id


async def _heartbeat(db: TuneDatabase, job_id: uuid.UUID, owner: str, lease: timedelta) -> bool:
    """Extend the lease; False when it was lost (cancelled, or taken over after expiry)."""
    async with db.session() as session:
        result = await session.execute(
            update(Job)
            .where(Job.id == job_id, Job.lease_owner == owner, Job.status == JobStatus.RUNNING)
            .values(lease_expires_at=utcnow() + lease)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


# --- the worker -------------------------------------------------------------------------------


_pools: set[WorkerPool] = set()


def wake() -> None:
    """Tell idle workers in this process to look for work now rather than at the next poll."""
    for pool in _pools:
        pool.wakeup.set()


class LeaseLost(Exception):
    pass


# Each item's result by primary key: a Core statement executed with one parameter set per item (the ORM's
# bulk update by primary key built and sorted its rows first). `updated_at` is set by its `onupdate`.
_ITEMS = cast(Table, JobItem.__table__)
_SET_RESULT = update(_ITEMS).where(_ITEMS.c.id == bindparam("item_id")).values(result=bindparam("result"))


class Worker:
    """One claiming loop. A process runs `JOB_WORKERS` of them (see `WorkerPool`)."""

    def __init__(
        self, db: TuneDatabase, llm: Any, settings: Settings, name: str, wakeup: asyncio.Event, shared: Any = None
    ) -> None:
        self.db, self.llm, self.settings, self.wakeup = db, llm, settings, wakeup
        self.shared = shared
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{name}:{uuid.uuid4().hex[:6]}"
        self.lease = timedelta(seconds=settings.JOB_LEASE_S)
        self.stopping = asyncio.Event()

    async def run_forever(self) -> None:
        from llm import background_lane  # here: llm → metrics → jobs would be a cycle at import time

        background_lane()  # job items are background work: the long deadline, behind interactive calls
        while not self.stopping.is_set():
            # Cleared before the claim, not after it fails: a wake-up that comes while the claim runs
            # (a job committed meanwhile) is kept, and the next claim follows at once.
            self.wakeup.clear()
            try:
                job_id = await claim(self.db, owner=self.owner, lease=self.lease)
            except Exception as exc:  # e.g. the database is away: wait and try again
                log.warning("job.claim_failed", error=type(exc).__name__)
                job_id = None
            if job_id is None:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.wakeup.wait(), self.settings.JOB_POLL_INTERVAL_S)
                continue
            await self.run_job(job_id)

    async def run_job(self, job_id: uuid.UUID) -> None:
        async with self.db.session(write=False) as session:
            job = await session.get(Job, job_id)
            assert job is not None
            ctx = JobContext(
                db=self.db,
                llm=self.llm,
                settings=self.settings,
                shared=self.shared,
                job_id=job.id,
                workspace_id=job.workspace_id,
                payload=job.payload,
            )
            kind, attempts = job.kind, job.attempts
        log.info("job.claimed", job_id=str(job_id), kind=kind, attempt=attempts, owner=self.owner)
        handler = HANDLERS.get(kind)
        lost = asyncio.Event()
        keep_alive = asyncio.create_task(self._keep_alive(job_id, lost))
        try:
            if handler is None:
                raise RuntimeError(f"no handler for job kind {kind!r}")
            if attempts > self.settings.JOB_MAX_ATTEMPTS:
                raise RuntimeError(f"gave up after {attempts - 1} attempts")
            if ctx.payload.get("use_batches") and getattr(self.llm, "enabled", False):
                from jobs import batches  # here: it imports this module

                if not await batches.run(self, ctx, handler, lost):
                    return  # released: waiting for its Message Batch, or stopping
            else:
                await self._work_items(ctx, handler, lost)
            if self.stopping.is_set():
                await self._release(job_id)
                return
            await self._finish(ctx, kind)
        except LeaseLost:
            log.info("job.lease_lost", job_id=str(job_id))
        except Exception as exc:
            await self._failed_attempt(job_id, attempts, exc)
        finally:
            keep_alive.cancel()

    async def _keep_alive(self, job_id: uuid.UUID, lost: asyncio.Event) -> None:
        """Heartbeat: extend the lease every third of its length while the job runs."""
        while True:
            await asyncio.sleep(self.lease.total_seconds() / 3)
            try:
                if not await _heartbeat(self.db, job_id, self.owner, self.lease):
                    lost.set()
                    return
            except Exception as exc:  # a missed beat is fine; the lease has slack for two more
                log.warning("job.heartbeat_failed", job_id=str(job_id), error=type(exc).__name__)

    def chunk_size(self, handler: Handler | None = None) -> int:
        """Items per chunk: `JOB_ITEM_CONCURRENCY` when items may call Claude (a kill loses at most a
        chunk of prepared calls), else `RULES_CHUNK` (or the handler's own `rules_chunk`), so a chunk's
        writes go in a few bulk statements."""
        size = self.settings.JOB_ITEM_CONCURRENCY
        rules = getattr(handler, "rules_chunk", RULES_CHUNK)
        return size if getattr(self.llm, "enabled", False) else max(size, rules)

    async def _work_items(self, ctx: JobContext, handler: Handler, lost: asyncio.Event) -> None:
        size = self.chunk_size(handler)
        gate = asyncio.Semaphore(self.settings.JOB_ITEM_CONCURRENCY)

        async def prepare(key: str, payload: dict[str, Any]) -> Any:
            async with gate:
                return await handler.prepare(ctx, key, payload)

        while not self.stopping.is_set():
            if lost.is_set():
                raise LeaseLost
            async with self.db.session(write=False) as session:
                items = (
                    await session.execute(
                        select(JobItem.id, JobItem.key, JobItem.payload)
                        .where(JobItem.job_id == ctx.job_id, JobItem.status == JobItemStatus.PENDING)
                        .order_by(JobItem.position)
                        .limit(size)
                    )
                ).all()
            if not items:
                return
            prepare_many = getattr(handler, "prepare_many", None)
            if prepare_many is not None:  # the chunk at once (e.g. one read of the stored prospects)
                prepared = await prepare_many(ctx, [(item.key, item.payload) for item in items])
            else:
                prepared = await asyncio.gather(
                    *(prepare(item.key, item.payload) for item in items), return_exceptions=True
                )
            await self._apply_chunk(ctx, handler, items, prepared)

    async def _apply_chunk(
        self, ctx: JobContext, handler: Handler, items: Sequence[Any], prepared: list[Any]
    ) -> None:
        """Store a chunk's outcomes in one transaction (one commit for the chunk). A handler with
        `apply_many` stores the chunk's good items together (bulk statements) in one savepoint, marked
        done in two statements; should that fail, the savepoint is rolled back and the items are applied
        one by one, each in its own savepoint: an item whose `apply` fails is rolled back alone and
        recorded as failed."""
        done = failed = 0
        async with self.db.session() as session:
            good: list[tuple[Any, Any]] = []
            for item, outcome in zip(items, prepared, strict=True):
                if isinstance(outcome, BaseException):
                    if isinstance(outcome, UNAVAILABLE_ERRORS):  # not the item's fault: retry the job
                        raise RuntimeError(f"database unavailable ({type(outcome).__name__})") from outcome
                    if not isinstance(outcome, Exception):
                        raise outcome
                    await self._fail_item(session, ctx, item[0], item[1], outcome)
                    failed += 1
                else:
                    good.append((item, outcome))
            apply_many = getattr(handler, "apply_many", None)
            if apply_many is not None and len(good) > 1:
                try:
                    async with session.begin_nested():
                        results = await apply_many(
                            session, ctx, [(item[1], item[2], outcome) for item, outcome in good]
                        )
                        await self._mark_done(
                            session,
                            ctx,
                            [(item[0], result) for (item, _), result in zip(good, results, strict=True)],
                        )
                    done += len(good)
                    good = []
                except LeaseLost:
                    raise
                except UNAVAILABLE_ERRORS as exc:
                    raise RuntimeError(f"database unavailable ({type(exc).__name__})") from exc
                except Exception as exc:  # some item's writes failed: find which, one by one
                    log.info(
                        "job.chunk_fallback", job_id=str(ctx.job_id), items=len(good), error=type(exc).__name__
                    )
            for (item_id, key, payload), outcome in good:
                try:
                    async with session.begin_nested():
                        result = await handler.apply(session, ctx, key, payload, outcome)
                        # Only the lease holder may finish items; `status == pending` makes it once only.
                        # Marked after `apply`, with its result, in one statement: without the lease,
                        # LeaseLost rolls the savepoint (and `apply` with it) back.
                        mark = await session.execute(
                            update(JobItem)
                            .where(
                                JobItem.id == item_id,
                                JobItem.status == JobItemStatus.PENDING,
                                JobItem.job_id.in_(
                                    select(Job.id).where(
                                        Job.id == ctx.job_id,
                                        Job.lease_owner == self.owner,
                                        Job.status == JobStatus.RUNNING,
                                    )
                                ),
                            )
                            .values(status=JobItemStatus.DONE, result=result, updated_at=utcnow())
                        )
                        if not mark.rowcount:  # type: ignore[attr-defined]
                            raise LeaseLost
                    done += 1
                except LeaseLost:
                    raise
                except UNAVAILABLE_ERRORS as exc:
                    raise RuntimeError(f"database unavailable ({type(exc).__name__})") from exc
                except Exception as exc:
                    await self._fail_item(session, ctx, item_id, key, exc)
                    failed += 1
            await session.execute(
                update(Job).where(Job.id == ctx.job_id).values(done=Job.done + done, failed=Job.failed + failed)
            )

    async def _mark_done(
        self, session: AsyncSession, ctx: JobContext, results: Sequence[tuple[uuid.UUID, dict[str, Any]]]
    ) -> None:
        """Mark the items done with their results: one guarded statement (only the lease holder, only
        pending items: LeaseLost unless every item was marked), then the results by primary key."""
        now = utcnow()
        mark = await session.execute(
            update(JobItem)
            .where(
                JobItem.id.in_([item_id for item_id, _ in results]),
                JobItem.status == JobItemStatus.PENDING,
                JobItem.job_id.in_(
                    select(Job.id).where(
                        Job.id == ctx.job_id, Job.lease_owner == self.owner, Job.status == JobStatus.RUNNING
                    )
                ),
            )
            .values(status=JobItemStatus.DONE, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if mark.rowcount != len(results):  # type: ignore[attr-defined]
            raise LeaseLost
        await session.execute(_SET_RESULT, [{"item_id": item_id, "result": result} for item_id, result in results])

    async def _fail_item(
        self, session: AsyncSession, ctx: JobContext, item_id: uuid.UUID, key: str, exc: Exception
    ) -> None:
        log.warning("job.item_failed", job_id=str(ctx.job_id), item=key, error=type(exc).__name__)
        await session.execute(
            update(JobItem)
            .where(JobItem.id == item_id, JobItem.status == JobItemStatus.PENDING)
            .values(
                status=JobItemStatus.FAILED,
                error=public_error(exc, job_id=str(ctx.job_id), item=key),
                updated_at=utcnow(),
            )
        )

    async def _finish(self, ctx: JobContext, kind: str) -> None:
        async with self.db.session() as session:
            summary = await SUMMARIZERS[kind](session, ctx) if kind in SUMMARIZERS else None
            await session.execute(
                update(Job)
                .where(Job.id == ctx.job_id, Job.lease_owner == self.owner, Job.status == JobStatus.RUNNING)
                .values(
                    status=JobStatus.SUCCEEDED,
                    result=summary,
                    finished_at=utcnow(),
                    lease_owner=None,
                    lease_expires_at=None,
                    updated_at=utcnow(),
                )
            )
        log.info("job.succeeded", job_id=str(ctx.job_id), kind=kind)

    async def _release(self, job_id: uuid.UUID) -> None:
        """Hand the job back at shutdown so another process resumes it without waiting for the lease."""
        async with self.db.session() as session:
            await session.execute(
                update(Job)
                .where(Job.id == job_id, Job.lease_owner == self.owner, Job.status == JobStatus.RUNNING)
                .values(
                    status=JobStatus.QUEUED,
                    lease_owner=None,
                    lease_expires_at=None,
                    attempts=Job.attempts - 1,
                    next_run_at=utcnow(),
                )
            )
        log.info("job.released", job_id=str(job_id))

    async def _failed_attempt(self, job_id: uuid.UUID, attempts: int, exc: Exception) -> None:
        final = attempts >= self.settings.JOB_MAX_ATTEMPTS
        reason = public_error(exc, job_id=str(job_id), attempt=attempts)[:1000]
        log.error(
            "job.attempt_failed", job_id=str(job_id), attempt=attempts, final=final, error=type(exc).__name__
        )
        backoff = timedelta(seconds=min(300, 2**attempts))
        values: dict[str, Any] = {
            "lease_owner": None,
            "lease_expires_at": None,
            "error": reason,
            "updated_at": utcnow(),
        }
        if final:
            values |= {"status": JobStatus.FAILED, "finished_at": utcnow()}
        else:
            values |= {"status": JobStatus.QUEUED, "next_run_at": utcnow() + backoff}
        try:
            async with self.db.session() as session:
                await session.execute(
                    update(Job).where(Job.id == job_id, Job.lease_owner == self.owner).values(**values)
                )
        except Exception:  # the lease will expire and another claim will count the attempt
            log.exception("job.record_failure_failed", job_id=str(job_id))


class WorkerPool:
    """The process's workers, started and stopped with the app."""

    def __init__(self, db: TuneDatabase, llm: Any, settings: Settings, *, shared: Any = None) -> None:
        self.wakeup = asyncio.Event()
        self.workers = [
            Worker(db, llm, settings, f"w{i}", self.wakeup, shared) for i in range(settings.JOB_WORKERS)
        ]
        self.tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        # Every job kind, whatever this process imported: a worker-only process works them all.
        from jobs import kinds  # not at module level: kinds imports the features, which import jobs

        kinds.load()
        _pools.add(self)
        self.tasks = [asyncio.create_task(w.run_forever(), name=w.owner) for w in self.workers]

    async def stop(self, grace_s: float = 30) -> None:
        """Stop claiming; let items in flight finish (then release) for up to `grace_s` seconds."""
        _pools.discard(self)
        for w in self.workers:
            w.stopping.set()
        self.wakeup.set()
        if self.tasks:
            _done, pending = await asyncio.wait(self.tasks, timeout=grace_s)
            for task in pending:
                task.cancel()
