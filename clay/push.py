"""Pushing a campaign's prospects into a Clay table: one JSON object per POST, paced, retried.

Clay's webhook source takes one flat object per request (keys become columns) with its token in
`x-clay-webhook-auth`. Requests to one table are paced to `CLAY_PUSH_RATE_PER_S`, across every
process when Redis is configured (RATE_LIMIT_STORAGE_URI; else, or while it is away, per process); 429
(honouring a capped Retry-After), 408, 5xx and connection errors are retried with exponential
backoff up to `CLAY_PUSH_MAX_ATTEMPTS`; other answers are final. Redirects are never followed.
Every prospect's outcome is recorded in `clay_push_results` (per campaign, prospect and table), so a
re-push skips rows already pushed to that table unless forced.

As a job (kind `clay_push`): `prepare` sends one row (network only), `apply` records its result.
`push_prospects` runs the same steps inline, for scripts and tests.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpx
import structlog
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, stop_after_attempt

import jobs
from clay.columns import prospect_row
from clay.security import UnsafeURL, pinned_request, resolve_target
from core import sql
from core.http_retry import retry_after
from database_async import TuneDatabase
from models import (
    Analysis,
    CampaignProspect,
    ClayCampaignConfig,
    ClayPushResult,
    JobItem,
    JobItemStatus,
    Prospect,
    PushStatus,
    utcnow,
)
from settings import VERSION, Settings, get_settings

log = structlog.get_logger()

KIND = "clay_push"
AUTH_HEADER = "x-clay-webhook-auth"
MAX_BACKOFF_S = 60.0


@dataclass(frozen=True, slots=True)
class PushTarget:
    """A Clay table's webhook source. `token` is Clay's secret: never logged or returned."""

    url: str
    token: str | None
    source: str  # request | campaign | settings

    @property
    def hash(self) -> str:
        return hashlib.sha256(self.url.encode()).hexdigest()

    @property
    def host(self) -> str:
        try:
            return httpx.URL(self.url).host
        except httpx.InvalidURL:
            return "?"


@dataclass(frozen=True, slots=True)
class SendOutcome:
    ok: bool
    attempts: int
    http_status: int | None
    error: str | None


class Pacer:
    """Spaces request starts at least 1/rate apart (a slot is reserved synchronously, so no lock).

    With `shared` (the app's ratelimit.LimitStorage on Redis) the schedule is kept in Redis, so every
    process pushing to the table shares it; while Redis is unreachable (or with memory://) each
    process paces on its own.
    """

    def __init__(self, rate_per_s: float, *, key: str = "", shared: Any = None) -> None:
        self.interval = 1.0 / rate_per_s
        self._next = 0.0
        self.key, self.shared = key, shared

    async def wait(self) -> None:
        if self.shared is not None:
            delay = await self.shared.next_slot(f"clay:{self.key}", self.interval)
            if delay is not None:
                if delay > 0:
                    await asyncio.sleep(delay)
                return
        now = time.monotonic()
        slot = max(now, self._next)
        self._next = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)


_pacers: dict[tuple[str, float, int], Pacer] = {}


def pacer_for(target: PushTarget, rate_per_s: float, shared: Any = None) -> Pacer:
    """One pacer per table and rate in this process, shared by concurrent job items (and, through
    `shared`, by every process)."""
    key = (target.hash, rate_per_s, id(shared))
    if key not in _pacers:
        _pacers[key] = Pacer(rate_per_s, key=f"{target.hash}:{rate_per_s:g}", shared=shared)
    return _pacers[key]


class _Retryable(Exception):
    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.retry_after = retry_after


def _wait(settings: Settings) -> Any:
    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return min(exc.retry_after, settings.CLAY_PUSH_MAX_RETRY_AFTER_S)
        backoff = settings.CLAY_PUSH_BACKOFF_S * 2 ** (state.attempt_number - 1)
        return min(MAX_BACKOFF_S, backoff * (0.8 + 0.4 * random.random()))  # ±20% jitter

    return wait


def http_client(settings: Settings) -> httpx.AsyncClient:
    """No redirects, no proxies from the environment (they would bypass the address check), timeouts."""
    timeout = httpx.Timeout(settings.CLAY_HTTP_TIMEOUT_S, connect=min(5.0, settings.CLAY_HTTP_TIMEOUT_S))
    return httpx.AsyncClient(
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": f"tune-agent-builder/{VERSION}"},
    )


async def send_row(
    client: httpx.AsyncClient, target: PushTarget, row: dict[str, Any], *, settings: Settings, shared: Any = None
) -> SendOutcome:
    """POST one row to the table, paced and retried; never raises for Clay's or the network's faults."""
    pacer = pacer_for(target, settings.CLAY_PUSH_RATE_PER_S, shared)
    headers = {"Content-Type": "application/json"}
    if target.token:
        headers[AUTH_HEADER] = target.token
    attempts = 0
    retrying = AsyncRetrying(
        stop=stop_after_attempt(settings.CLAY_PUSH_MAX_ATTEMPTS),
        wait=_wait(settings),
        retry=retry_if_exception_type(_Retryable),
        reraise=True,
    )
    try:
        async for attempt in retrying:
            with attempt:
                attempts += 1
                await pacer.wait()
                # Checked on every attempt: DNS may change; the request goes to the checked address.
                safe = await resolve_target(target.url, allow_private=settings.clay_private_urls_allowed)
                try:
                    response = await client.send(pinned_request(client, safe, json=row, headers=headers))
                except httpx.TransportError as exc:
                    raise _Retryable(type(exc).__name__) from exc
                status = response.status_code
                if 200 <= status < 300:
                    return SendOutcome(True, attempts, status, None)
                if status in (408, 429) or status >= 500:
                    wait = retry_after(response.headers)
                    raise _Retryable(f"HTTP {status}", status, wait)
                return SendOutcome(False, attempts, status, f"Clay answered HTTP {status}; not retried")
    except _Retryable as exc:
        return SendOutcome(False, attempts, exc.status, f"gave up after {attempts} attempts; last: {exc}")
    except UnsafeURL as exc:
        return SendOutcome(False, attempts, None, f"refused the table URL: {exc}")
    raise AssertionError("unreachable")  # pragma: no cover


# --- targets and rows -------------------------------------------------------------------------


async def campaign_target(
    session: AsyncSession, *, campaign_id: uuid.UUID, settings: Settings
) -> PushTarget | None:
    """The campaign's stored table webhook, else CLAY_TABLE_WEBHOOK_URL, else None."""
    config = await session.scalar(select(ClayCampaignConfig).where(ClayCampaignConfig.campaign_id == campaign_id))
    if config is not None:
        return PushTarget(config.table_webhook_url, config.webhook_auth_token, "campaign")
    if settings.CLAY_TABLE_WEBHOOK_URL:
        return PushTarget(settings.CLAY_TABLE_WEBHOOK_URL, settings.CLAY_WEBHOOK_AUTH_TOKEN or None, "settings")
    return None


async def pushed_ids(session: AsyncSession, *, campaign_id: uuid.UUID, target_hash: str) -> set[uuid.UUID]:
    rows = await session.scalars(
        select(ClayPushResult.prospect_id).where(
            ClayPushResult.campaign_id == campaign_id,
            ClayPushResult.target_hash == target_hash,
            ClayPushResult.status == PushStatus.PUSHED,
        )
    )
    return set(rows)


async def campaign_prospect_ids(session: AsyncSession, *, campaign_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        await session.scalars(
            select(CampaignProspect.prospect_id)
            .where(CampaignProspect.campaign_id == campaign_id)
            .order_by(CampaignProspect.created_at, CampaignProspect.id)
        )
    )


async def load_row(
    session: AsyncSession, *, workspace_id: uuid.UUID, campaign_id: uuid.UUID, prospect_id: uuid.UUID
) -> dict[str, Any] | None:
    """The flat Clay row for one prospect of a campaign (None when it left the campaign)."""
    found = (
        await session.execute(
            select(CampaignProspect, Prospect, Analysis)
            .join(Prospect, Prospect.id == CampaignProspect.prospect_id)
            .outerjoin(Analysis, Analysis.id == CampaignProspect.analysis_id)
            .where(
                CampaignProspect.campaign_id == campaign_id,
                CampaignProspect.prospect_id == prospect_id,
                CampaignProspect.workspace_id == workspace_id,
            )
        )
    ).first()
    if found is None:
        return None
    cp, prospect, analysis = found
    return prospect_row(
        campaign_id=str(campaign_id),
        prospect_id=str(prospect.id),
        data=prospect.data,
        score=cp.score,
        tier=cp.tier,
        status=cp.status,
        analysis=analysis.result if analysis is not None else None,
    )


async def record_push(
    session: AsyncSession,
    *,
    workspace_id: uuid.UUID,
    campaign_id: uuid.UUID,
    prospect_id: uuid.UUID,
    target_hash: str,
    outcome: SendOutcome,
) -> None:
    """Upsert the prospect's push result for this table."""
    now = utcnow()
    values = {
        "status": PushStatus.PUSHED if outcome.ok else PushStatus.FAILED,
        "attempts": outcome.attempts,
        "http_status": outcome.http_status,
        "last_error": outcome.error[:500] if outcome.error else None,
        "updated_at": now,
        "pushed_at": now if outcome.ok else None,
    }
    stmt = sql.insert(session, ClayPushResult).values(
        id=uuid.uuid4(),
        workspace_id=workspace_id,
        campaign_id=campaign_id,
        prospect_id=prospect_id,
        target_hash=target_hash,
        created_at=now,
        **values,
    )
    update: dict[str, Any] = dict(values)
    if not outcome.ok:  # a failed re-push keeps the time of the last success
        update["pushed_at"] = ClayPushResult.pushed_at
    stmt = stmt.on_conflict_do_update(index_elements=["campaign_id", "prospect_id", "target_hash"], set_=update)
    await session.execute(stmt)


# --- inline ------------------------------------------------------------------------------------


async def push_prospects(
    db: TuneDatabase,
    *,
    workspace_id: uuid.UUID,
    campaign_id: uuid.UUID,
    target: PushTarget,
    settings: Settings,
    force: bool = False,
) -> dict[str, int]:
    """Push a campaign's prospects to a Clay table inline, recording each result; return counts."""
    async with db.session(write=False) as session:
        ids = await campaign_prospect_ids(session, campaign_id=campaign_id)
        done = set() if force else await pushed_ids(session, campaign_id=campaign_id, target_hash=target.hash)
    counts = {"total": len(ids), "pushed": 0, "failed": 0, "skipped": 0}
    async with http_client(settings) as client:
        for prospect_id in ids:
            if prospect_id in done:
                counts["skipped"] += 1
                continue
            async with db.session(write=False) as session:
                row = await load_row(
                    session, workspace_id=workspace_id, campaign_id=campaign_id, prospect_id=prospect_id
                )
            if row is None:
                counts["skipped"] += 1
                continue
            outcome = await send_row(client, target, row, settings=settings)
            async with db.session() as session:
                await record_push(
                    session,
                    workspace_id=workspace_id,
                    campaign_id=campaign_id,
                    prospect_id=prospect_id,
                    target_hash=target.hash,
                    outcome=outcome,
                )
            counts["pushed" if outcome.ok else "failed"] += 1
    log.info("clay.pushed", campaign_id=str(campaign_id), target=target.host, **counts)
    return counts


# --- as a job ---------------------------------------------------------------------------------


async def queue_push(
    session: AsyncSession,
    *,
    workspace_id: uuid.UUID,
    campaign_id: uuid.UUID,
    settings: Settings | None = None,
    target: PushTarget | None = None,
    force: bool = False,
) -> tuple[jobs.JobRead | None, int]:
    """Queue a push of the campaign's not-yet-pushed prospects; (job or None, rows already pushed).

    No network here (it runs inside a write transaction): the URL is checked again at send time.
    """
    settings = settings or get_settings()
    target = target or await campaign_target(session, campaign_id=campaign_id, settings=settings)
    if target is None:
        return None, 0
    ids = await campaign_prospect_ids(session, campaign_id=campaign_id)
    done = set() if force else await pushed_ids(session, campaign_id=campaign_id, target_hash=target.hash)
    todo = [pid for pid in ids if pid not in done]
    if not todo:
        return None, len(ids)
    job = await jobs.enqueue(
        session,
        workspace_id=workspace_id,
        kind=KIND,
        payload={"campaign_id": str(campaign_id), "force": force},
        items=[(str(pid), {"prospect_id": str(pid)}) for pid in todo],
    )
    log.info(
        "clay.push_queued",
        job_id=str(job.id),
        campaign_id=str(campaign_id),
        target=target.host,
        total=len(todo),
        already_pushed=len(ids) - len(todo),
    )
    return jobs.job_read(job), len(ids) - len(todo)


async def enqueue_push(
    session: AsyncSession,
    *,
    workspace_id: uuid.UUID,
    campaign_id: uuid.UUID,
    settings: Settings | None = None,
    force: bool = False,
) -> jobs.JobRead | None:
    """Queue a push of the campaign's not-yet-pushed prospects to its Clay table; None if nothing to do."""
    job, _ = await queue_push(
        session, workspace_id=workspace_id, campaign_id=campaign_id, settings=settings, force=force
    )
    return job


class PushJob:
    """Job handler: `prepare` sends one prospect's row; `apply` records the outcome."""

    async def _target(self, ctx: jobs.JobContext) -> PushTarget | None:
        if "clay_target" not in ctx.cache:
            async with ctx.db.session(write=False) as session:
                ctx.cache["clay_target"] = await campaign_target(
                    session, campaign_id=uuid.UUID(ctx.payload["campaign_id"]), settings=ctx.settings
                )
        return ctx.cache["clay_target"]

    async def prepare(self, ctx: jobs.JobContext, key: str, payload: dict[str, Any]) -> dict[str, Any]:
        target = await self._target(ctx)
        if target is None:
            raise RuntimeError("no Clay table webhook is configured for this campaign any more")
        campaign_id, prospect_id = uuid.UUID(ctx.payload["campaign_id"]), uuid.UUID(payload["prospect_id"])
        async with ctx.db.session(write=False) as session:
            if not ctx.payload.get("force") and prospect_id in await pushed_ids(
                session, campaign_id=campaign_id, target_hash=target.hash
            ):
                return {"skip": "already pushed"}
            row = await load_row(
                session, workspace_id=ctx.workspace_id, campaign_id=campaign_id, prospect_id=prospect_id
            )
        if row is None:
            return {"skip": "no longer in the campaign"}
        async with http_client(ctx.settings) as client:
            outcome = await send_row(client, target, row, settings=ctx.settings, shared=ctx.shared)
        return {"outcome": outcome, "target_hash": target.hash}

    async def apply(
        self,
        session: AsyncSession,
        ctx: jobs.JobContext,
        key: str,
        payload: dict[str, Any],
        prepared: dict[str, Any],
    ) -> dict[str, Any]:
        if "skip" in prepared:
            return {"status": "skipped", "reason": prepared["skip"]}
        outcome: SendOutcome = prepared["outcome"]
        await record_push(
            session,
            workspace_id=ctx.workspace_id,
            campaign_id=uuid.UUID(ctx.payload["campaign_id"]),
            prospect_id=uuid.UUID(payload["prospect_id"]),
            target_hash=prepared["target_hash"],
            outcome=outcome,
        )
        return {
            "status": PushStatus.PUSHED if outcome.ok else PushStatus.FAILED,
            "attempts": outcome.attempts,
            "http_status": outcome.http_status,
            "error": outcome.error,
        }


async def summarize_push(session: AsyncSession, ctx: jobs.JobContext) -> dict[str, Any]:
    """Counts of pushed, failed and skipped rows of this job."""
    results: Iterable[dict[str, Any] | None] = await session.scalars(
        select(JobItem.result).where(JobItem.job_id == ctx.job_id, JobItem.status == JobItemStatus.DONE)
    )
    counts = {"pushed": 0, "failed": 0, "skipped": 0}
    for result in results:
        status = (result or {}).get("status")
        if status in counts:
            counts[status] += 1
    item_errors = await session.scalar(
        select(func.count())
        .select_from(JobItem)
        .where(JobItem.job_id == ctx.job_id, JobItem.status == JobItemStatus.FAILED)
    )
    counts["failed"] += int(item_errors or 0)
    log.info("clay.push_finished", job_id=str(ctx.job_id), campaign_id=ctx.payload.get("campaign_id"), **counts)
    return {"campaign_id": ctx.payload.get("campaign_id"), **counts}
