"""Batch mode of the job worker: one claim of a job whose Claude calls go through Message Batches
(`llm.batches`). Check the job's open Message Batch (and collect it once it ended), then run a round
over the pending items and submit the calls they wait for.

It lives in jobs/, not in llm/batches/, because it drives the worker (`Worker`, its lease and
`_apply_chunk`) and the job's items: llm/ sits below jobs/ and never imports it.

Exactly once, across `kill -9` anywhere:
- items are applied through `Worker._apply_chunk`: the item's writes and its done-mark commit
  together, only by the lease holder, only while the item is pending;
- a batch is stored (`LlmBatch` `submitting`, with one `pending` `LlmBatchResult` per request) in a
  committed transaction *before* `messages.batches.create`, and its Anthropic id right after. A claim
  that finds a `submitting` marker never submits again blindly: it looks the batch up in Anthropic's
  list (created within the marker's window, same request count, an id no other row holds) and adopts
  it; only when none appears after the create call's timeout has passed is the marker abandoned and the
  round re-run (so a crash between submit and storing the id does not bill twice). The adopted batch is
  verified when collected: its custom_ids must be this job's, else it is dropped;
- results are stored and ledgered in one transaction, each request only while still `pending`, so a
  crash while collecting ledgers nothing, and collecting again ledgers each request once.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from datetime import timedelta
from typing import Any

import structlog
from anthropic import APIError, APIStatusError
from anthropic.types.messages import MessageBatch
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core import metrics
from jobs.registry import Handler, JobContext
from jobs.worker import LeaseLost, Worker
from llm import LLMUnavailable, Usage, is_spend_limit, is_transient, usage_of
from llm.batches.collector import BatchCollector, NeedsBatch, PendingCall, StoredResult
from models import BatchStatus, Job, JobItem, JobItemStatus, JobStatus, LlmBatch, LlmBatchResult, utcnow

log = structlog.get_logger()

MAX_ROUNDS = 12  # batches per job: beyond, an item's further calls fall back to the rules engine
CLOCK_SKEW = timedelta(seconds=60)  # between this host and Anthropic's created_at, when reconciling
MIN_CHUNK = 25  # items per prepare/apply chunk in a round (replays make no network calls)


async def run(worker: Worker, ctx: JobContext, handler: Handler, lost: asyncio.Event) -> bool:
    """Work one claim of a batch-mode job. True: every item is settled (the caller finishes the job);
    False: the job was released, to wait for its Message Batch (or because the worker is stopping)."""
    client = worker.llm.anthropic
    assert client is not None
    row = await _open_batch(ctx)
    if row is not None and row.status == BatchStatus.SUBMITTING:
        row, wait = await _reconcile(worker, ctx, row)
        if wait:
            await _wait(worker, ctx)
            return False
    if row is not None and row.status == BatchStatus.SUBMITTED:
        assert row.batch_id is not None
        try:
            batch = await client.messages.batches.retrieve(row.batch_id)
        except APIStatusError as exc:
            if is_transient(exc):
                log.warning("llm.batch_poll_failed", job_id=str(ctx.job_id), status=exc.status_code)
                await _wait(worker, ctx)
                return False
            log.error("llm.batch_lost", job_id=str(ctx.job_id), batch_id=row.batch_id, status=exc.status_code)
            await _settle_unsent(ctx, row.id, "failed", f"the batch could not be read ({exc.status_code})")
            batch = None
        except (APIError, TimeoutError) as exc:
            log.warning("llm.batch_poll_failed", job_id=str(ctx.job_id), error=type(exc).__name__)
            await _wait(worker, ctx)
            return False
        if batch is not None:
            if batch.processing_status != "ended":
                log.info(
                    "llm.batch_waiting",
                    job_id=str(ctx.job_id),
                    batch_id=batch.id,
                    processing=batch.request_counts.processing,
                )
                await _wait(worker, ctx)
                return False
            try:
                await _collect(worker, ctx, row, batch)
            except (APIError, TimeoutError) as exc:  # reading the results failed: try again at the next poll
                log.warning("llm.batch_results_failed", job_id=str(ctx.job_id), error=type(exc).__name__)
                await _wait(worker, ctx)
                return False

    while True:
        rounds = await _rounds(ctx)
        needed = await _round(worker, ctx, handler, lost, allow_new=rounds < MAX_ROUNDS)
        if needed is None:  # stopping: hand the job back
            await worker._release(ctx.job_id)
            return False
        if not needed:
            return True
        try:
            await worker.llm.check_budget("batch", ctx.workspace_id)
        except LLMUnavailable as exc:
            marker = await _mark(worker, ctx, needed, rounds)
            await _settle_unsent(ctx, marker, "budget", exc.detail)
            continue  # the waiting items now fall back to the rules engine
        marker = await _mark(worker, ctx, needed, rounds)
        try:
            batch = await client.messages.batches.create(
                requests=[{"custom_id": c.custom_id, "params": c.params} for c in needed]
            )
        except APIError as exc:
            if not isinstance(exc, APIStatusError) or is_transient(exc):
                raise  # maybe made: the next claim reconciles the marker (a failed attempt of the job)
            kind = "budget" if is_spend_limit(exc) else "failed"
            log.error("llm.batch_refused", job_id=str(ctx.job_id), status=exc.status_code, error_type=exc.type)
            await _settle_unsent(ctx, marker, kind, f"Anthropic refused the batch ({exc.status_code})")
            continue
        async with ctx.db.session() as session:  # the id and the release together
            await session.execute(
                update(LlmBatch)
                .where(LlmBatch.id == marker)
                .values(status=BatchStatus.SUBMITTED, batch_id=batch.id, submitted_at=utcnow())
            )
            await _wait(worker, ctx, session)
        log.info(
            "llm.batch_submitted", job_id=str(ctx.job_id), batch_id=batch.id, requests=len(needed), round=rounds
        )
        return False


# --- the round -----------------------------------------------------------------------------------


async def _round(
    worker: Worker, ctx: JobContext, handler: Handler, lost: asyncio.Event, *, allow_new: bool
) -> list[PendingCall] | None:
    """Replay every pending item's `prepare` against its stored answers; apply the items that finish,
    return the calls the others wait for (None when the worker is stopping)."""
    size = max(ctx.settings.JOB_ITEM_CONCURRENCY, MIN_CHUNK)
    needed: list[PendingCall] = []
    last = -1
    started, applied = time.perf_counter(), 0
    while True:
        if lost.is_set():
            raise LeaseLost
        if worker.stopping.is_set():
            return None
        async with ctx.db.session(write=False) as session:
            items = (
                await session.execute(
                    select(JobItem.id, JobItem.key, JobItem.payload, JobItem.position)
                    .where(
                        JobItem.job_id == ctx.job_id,
                        JobItem.status == JobItemStatus.PENDING,
                        JobItem.position > last,
                    )
                    .order_by(JobItem.position)
                    .limit(size)
                )
            ).all()
            if not items:
                log.info(
                    "llm.batch_round",
                    job_id=str(ctx.job_id),
                    applied=applied,
                    waiting=len(needed),
                    ms=round((time.perf_counter() - started) * 1000),
                )
                return needed
            last = items[-1].position
            stored: dict[Any, dict[str, StoredResult]] = {item.id: {} for item in items}
            rows = (
                await session.execute(
                    select(
                        LlmBatchResult.item_id,
                        LlmBatchResult.custom_id,
                        LlmBatchResult.result_type,
                        LlmBatchResult.message,
                        LlmBatchResult.error,
                    ).where(LlmBatchResult.item_id.in_(list(stored)), LlmBatchResult.result_type != "pending")
                )
            ).all()
            for row in rows:
                stored[row.item_id][row.custom_id] = StoredResult(row.result_type, row.message, row.error)
        collectors = [
            BatchCollector(ctx.settings, item.id, stored[item.id], allow_new=allow_new) for item in items
        ]
        prepared = await asyncio.gather(
            *(
                handler.prepare(dataclasses.replace(ctx, llm=collector), item.key, item.payload)
                for item, collector in zip(items, collectors, strict=True)
            ),
            return_exceptions=True,
        )
        ready, outcomes = [], []
        for item, collector, outcome in zip(items, collectors, prepared, strict=True):
            if isinstance(outcome, NeedsBatch):
                assert collector.pending is not None
                needed.append(collector.pending)
            else:
                ready.append((item.id, item.key, item.payload))
                outcomes.append(outcome)
        if ready:
            await worker._apply_chunk(ctx, handler, ready, outcomes)
            applied += len(ready)


# --- batches in the database ---------------------------------------------------------------------


async def _open_batch(ctx: JobContext) -> LlmBatch | None:
    async with ctx.db.session(write=False) as session:
        return await session.scalar(
            select(LlmBatch)
            .where(
                LlmBatch.job_id == ctx.job_id, LlmBatch.status.in_((BatchStatus.SUBMITTING, BatchStatus.SUBMITTED))
            )
            .order_by(LlmBatch.round.desc())
            .limit(1)
        )


async def _rounds(ctx: JobContext) -> int:
    async with ctx.db.session(write=False) as session:
        return int(
            await session.scalar(select(func.count()).select_from(LlmBatch).where(LlmBatch.job_id == ctx.job_id))
            or 0
        )


async def _mark(worker: Worker, ctx: JobContext, needed: list[PendingCall], round_no: int) -> Any:
    """Store the submission marker and its requests, committed before the create call; only while
    this worker holds the job's lease."""
    async with ctx.db.session() as session:
        held = await session.execute(
            update(Job)
            .where(Job.id == ctx.job_id, Job.lease_owner == worker.owner, Job.status == JobStatus.RUNNING)
            .values(updated_at=utcnow())
        )
        if not held.rowcount:  # type: ignore[attr-defined]
            raise LeaseLost
        marker = LlmBatch(
            job_id=ctx.job_id,
            round=round_no,
            status=BatchStatus.SUBMITTING,
            requests=len(needed),
            created_at=utcnow(),
        )
        session.add(marker)
        await session.flush()
        session.add_all(
            LlmBatchResult(
                job_id=ctx.job_id,
                item_id=c.item_id,
                batch_row_id=marker.id,
                custom_id=c.custom_id,
                purpose=c.purpose,
                result_type="pending",
            )
            for c in needed
        )
        return marker.id


async def _settle_unsent(ctx: JobContext, marker: Any, kind: str, detail: str | None) -> None:
    """A batch that was never made (or is lost): its requests answer `kind`, so the items fall back."""
    async with ctx.db.session() as session:
        await session.execute(
            update(LlmBatchResult)
            .where(LlmBatchResult.batch_row_id == marker, LlmBatchResult.result_type == "pending")
            .values(result_type=kind, error=(detail or kind)[:500])
        )
        await session.execute(
            update(LlmBatch).where(LlmBatch.id == marker).values(status=BatchStatus.COLLECTED, ended_at=utcnow())
        )


async def _abandon(ctx: JobContext, marker: Any) -> None:
    """Forget a marker whose batch was never made (or is not ours): its requests may be sent again."""
    async with ctx.db.session() as session:
        await session.execute(delete(LlmBatchResult).where(LlmBatchResult.batch_row_id == marker))
        await session.execute(
            update(LlmBatch).where(LlmBatch.id == marker).values(status=BatchStatus.ABANDONED, ended_at=utcnow())
        )


async def _wait(worker: Worker, ctx: JobContext, session: AsyncSession | None = None) -> None:
    """Release the job without a lease until the next check of its batch: still `running` (for
    whoever looks), claimable again once `lease_expires_at` (the next poll) has passed."""
    if session is None:
        async with ctx.db.session() as own:
            await _wait(worker, ctx, own)
        return
    poll = utcnow() + timedelta(seconds=ctx.settings.LLM_BATCH_POLL_S)
    await session.execute(
        update(Job)
        .where(Job.id == ctx.job_id, Job.lease_owner == worker.owner, Job.status == JobStatus.RUNNING)
        .values(
            lease_owner=None,
            lease_expires_at=poll,
            next_run_at=poll,
            attempts=Job.attempts - 1,
            updated_at=utcnow(),
        )
    )


# --- reconcile and collect -----------------------------------------------------------------------


async def _reconcile(worker: Worker, ctx: JobContext, row: LlmBatch) -> tuple[LlmBatch | None, bool]:
    """A marker without a batch id: the worker stopped between storing it and storing the id. Adopt
    the batch Anthropic made for it, if any. Returns (the row, now `submitted`, or None when abandoned;
    wait: True while it is too early to tell)."""
    client = worker.llm.anthropic
    assert client is not None
    timeout = timedelta(seconds=ctx.settings.LLM_TIMEOUT_S)
    low, high = row.created_at - CLOCK_SKEW, row.created_at + timeout + CLOCK_SKEW
    async with ctx.db.session(write=False) as session:
        known = set(
            await session.scalars(
                select(LlmBatch.batch_id).where(
                    LlmBatch.batch_id.is_not(None), LlmBatch.created_at >= low - timedelta(days=1)
                )
            )
        )
    candidates: list[MessageBatch] = []
    try:
        async for batch in client.messages.batches.list(limit=100):
            if batch.created_at < low:
                break
            counts = batch.request_counts
            total = counts.processing + counts.succeeded + counts.errored + counts.canceled + counts.expired
            if batch.created_at <= high and batch.id not in known and total == row.requests:
                candidates.append(batch)
    except (APIError, TimeoutError) as exc:
        log.warning("llm.batch_reconcile_failed", job_id=str(ctx.job_id), error=type(exc).__name__)
        return row, True
    if candidates:
        adopted = min(candidates, key=lambda b: b.created_at)
        async with ctx.db.session() as session:
            await session.execute(
                update(LlmBatch)
                .where(LlmBatch.id == row.id)
                .values(status=BatchStatus.SUBMITTED, batch_id=adopted.id, submitted_at=utcnow())
            )
        log.warning("llm.batch_adopted", job_id=str(ctx.job_id), batch_id=adopted.id, requests=row.requests)
        row.status, row.batch_id = BatchStatus.SUBMITTED, adopted.id
        return row, False
    if utcnow() < row.created_at + timedelta(seconds=ctx.settings.LLM_TIMEOUT_S):
        return row, True  # the create may still be on its way
    log.warning("llm.batch_never_made", job_id=str(ctx.job_id), requests=row.requests)
    await _abandon(ctx, row.id)
    return None, False


async def _collect(worker: Worker, ctx: JobContext, row: LlmBatch, batch: MessageBatch) -> None:
    """Store an ended batch's results and ledger them (batch prices, the answering model), in one
    transaction; each request only while it is still pending."""
    client = worker.llm.anthropic
    assert client is not None and row.batch_id is not None
    lines = [line async for line in await client.messages.batches.results(row.batch_id)]
    settings = ctx.settings
    now = worker.llm._now()
    async with ctx.db.session() as session:
        purposes = dict(
            (
                await session.execute(
                    select(LlmBatchResult.custom_id, LlmBatchResult.purpose).where(
                        LlmBatchResult.batch_row_id == row.id, LlmBatchResult.result_type == "pending"
                    )
                )
            ).all()
        )
        ours = [line for line in lines if line.custom_id in purposes]
        if lines and not ours and purposes:
            log.error("llm.batch_not_ours", job_id=str(ctx.job_id), batch_id=row.batch_id)
            await session.execute(delete(LlmBatchResult).where(LlmBatchResult.batch_row_id == row.id))
            await session.execute(
                update(LlmBatch)
                .where(LlmBatch.id == row.id)
                .values(status=BatchStatus.ABANDONED, ended_at=utcnow())
            )
            return
        cost = 0.0
        for line in ours:
            result = line.result
            values: dict[str, Any] = {"result_type": result.type}
            purpose = purposes[line.custom_id]
            if result.type == "succeeded":
                message = result.message
                values["message"] = message.model_dump(mode="json")
                usage = usage_of(settings, message, batch=True)
                stop = message.stop_reason
                outcome = (
                    "truncated"
                    if stop in ("max_tokens", "model_context_window_exceeded")
                    else "refused"
                    if stop == "refusal"
                    else "ok"
                )
            else:
                if result.type == "errored":
                    values["error"] = f"{result.error.error.type}: {result.error.error.message}"[:500]
                usage = Usage(model=settings.LLM_MODEL)  # not billed
                outcome = "error"
            changed = await session.execute(
                update(LlmBatchResult)
                .where(
                    LlmBatchResult.job_id == ctx.job_id,
                    LlmBatchResult.custom_id == line.custom_id,
                    LlmBatchResult.result_type == "pending",
                )
                .values(**values)
            )
            if not changed.rowcount:  # type: ignore[attr-defined]
                continue
            session.add(
                usage.ledger_row(workspace_id=ctx.workspace_id, purpose=purpose, outcome=outcome, created_at=now)
            )
            metrics.record_llm_call(purpose=purpose, outcome=outcome, usage=usage)
            cost += usage.cost_usd
        # A request the results left out (it should not happen) is not left waiting.
        await session.execute(
            update(LlmBatchResult)
            .where(LlmBatchResult.batch_row_id == row.id, LlmBatchResult.result_type == "pending")
            .values(result_type="failed", error="no result in the batch")
        )
        counts = batch.request_counts.model_dump()
        await session.execute(
            update(LlmBatch)
            .where(LlmBatch.id == row.id)
            .values(status=BatchStatus.COLLECTED, counts=counts, ended_at=batch.ended_at or utcnow())
        )
    log.info(
        "llm.batch_collected", job_id=str(ctx.job_id), batch_id=row.batch_id, cost_usd=round(cost, 6), **counts
    )
