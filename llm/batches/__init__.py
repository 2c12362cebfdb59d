"""Message Batches for large jobs (issue 17): a job's Claude calls sent through Anthropic's Message
Batches API at half the input and output price, instead of one Messages call at a time.

Owns: the decision (`wanted`: the `LLM_BATCHES` setting or a request's `use_batches`), the stand-in
client a job item's `prepare` runs with (`collector.BatchCollector`), and the rounds a batch-mode job
goes through (`jobs.batches.run`, called by `jobs.Worker` for jobs whose payload says `use_batches`: it
drives the worker and the job's items, so it lives in jobs/, which may import llm/, not the reverse).
The tables are `models.LlmBatch` and `models.LlmBatchResult`.

How a job runs in rounds: every pending item's `prepare` runs with a `BatchCollector` in place of the
Claude client. A call whose answer is already stored (from an earlier batch) is answered from it; the
first call without one is recorded and stops that item (`NeedsBatch`). Items that finish are applied
at once through the handler's own `apply`, in the same transaction as their done-mark, exactly as
without batches. The recorded calls (one per waiting item, `custom_id` = the item's id and a digest of
the request) go out as one Message Batch; the job is released without a lease and re-claimed every
`LLM_BATCH_POLL_S` to check it. When it has ended, its results are stored and ledgered (at batch
prices, by the answering model) in one transaction, and the next round replays each waiting item's
`prepare`, which now finds its answer and goes on (to its next call, e.g. content after analysis).
An errored, expired or cancelled request answers `LLMUnavailable`, so that item falls back to the
rules engine like a failed call does.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import structlog
from anthropic import APIError

from settings import Settings

log = structlog.get_logger()


def wanted(settings: Settings, requested: bool | None, items: int) -> bool:
    """Should a job of `items` items send its Claude calls as Message Batches? A request's
    `use_batches` decides when given; else `LLM_BATCHES=auto` with Claude configured and at least
    `LLM_BATCH_MIN_ITEMS` items."""
    if requested is not None:
        return requested
    return settings.LLM_BATCHES == "auto" and settings.llm_configured and items >= settings.LLM_BATCH_MIN_ITEMS


USE_BATCHES_HELP = (
    "Send this job's Claude calls through the Message Batches API: half the price, answers "
    "within minutes (at most 24 h). Default: LLM_BATCHES (auto: jobs of at least "
    "LLM_BATCH_MIN_ITEMS items while Claude is on)."
)


async def cancel_at_anthropic(llm: Any, job_id: uuid.UUID, batch_id: str) -> None:
    """Ask Anthropic to cancel the batch of a job that was cancelled (run after the answer: best
    effort, logged; requests already processed are still billed)."""
    client = getattr(llm, "anthropic", None)
    if client is None:
        return
    try:
        async with asyncio.timeout(llm.settings.LLM_TIMEOUT_S):
            await client.messages.batches.cancel(batch_id)
        log.info("llm.batch_cancelled", job_id=str(job_id), batch_id=batch_id)
    except (APIError, TimeoutError) as exc:
        log.warning("llm.batch_cancel_failed", job_id=str(job_id), batch_id=batch_id, error=type(exc).__name__)
