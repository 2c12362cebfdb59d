"""The one Claude client behind every AI feature: structured calls, retries, circuit breaker,
usage ledger and monthly budget.

    LLMClient.structured(...)            -> LLMResult[T] (a validated pydantic value + Usage)
      ├─ LLMUnavailable("unconfigured")  no ANTHROPIC_API_KEY in settings
      ├─ LLMUnavailable("budget")        the workspace's spend this month ≥ LLM_WORKSPACE_MONTHLY_BUDGET_USD,
      │                                  the service's ≥ the optional cap LLM_MONTHLY_BUDGET_USD, or
      │                                  Anthropic answered with a spend-limit error
      ├─ LLMUnavailable("circuit_open")  too many consecutive transient failures; cooling down (also
      │                                  when the circuit opens while this call waits to retry)
      ├─ LLMUnavailable("deadline")      no answer within the lane's total deadline (slot wait,
      │                                  attempts and backoff together)
      ├─ LLMUnavailable("failed")        transient failures outlived the retries, or a
      │                                  non-retryable API error (400/401/403/404…)
      ├─ LLMUnavailable("invalid_output") Claude answered, but not with the schema we asked for
      ├─ LLMUnavailable("truncated")      the answer stopped at `max_tokens` (or the context window):
      │                                  never stored, even when what arrived happens to validate
      └─ LLMUnavailable("refused")        Claude declined (`stop_reason: refusal`)

Structured output is asked for the way the model takes it, from the model table in settings
(`Settings.model_spec`): "native" sends `output_config={"format": {"type": "json_schema", …}}` and
reads the JSON text block; "tool" forces one tool call (Claude Sonnet 5.5 and Opus 5.5 answer 400 to
a forced `tool_choice`, so they are "native").

Callers catch `LLMUnavailable`, run the rules engine instead and flag `reason` in their response.

There is exactly one retry layer: the SDK runs with `max_retries=0` and tenacity retries only
transient errors (connection errors and timeouts, 408, 409, 429, ≥500 including 529), obeys the
server's `x-should-retry`, and waits for a server `retry-after` only up to
`LLM_MAX_RETRY_AFTER_S`. Two layers would multiply (SDK retries × tenacity attempts), and the SDK
alone would honour an hour-long `retry-after`.

`router` serves GET /api/usage; `batches` holds the Message Batches side (the per-job decision and
the stand-in client a batch-mode job item runs with; the rounds themselves are `jobs.batches`).
May import: `core`, `models`, `settings`, `database_async`; never a feature (features call Claude
through this client), nor `jobs`.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import heapq
import itertools
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, Generic, Literal, TypeVar

import structlog
from anthropic import (
    APIConnectionError,
    APIError,
    APIStatusError,
    AsyncAnthropic,
    ContractSpendLimitReachedError,
    EnforcedSpendLimitReachedError,
    LinkedOrganizationSpendLimitReachedError,
    transform_schema,
)
from anthropic.types import Message, TextBlock, TextBlockParam, ToolChoiceToolParam, ToolParam, ToolUseBlock
from pydantic import BaseModel, ValidationError
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, wait_exponential_jitter

from core import metrics
from core.http_retry import retry_after
from database_async import UNAVAILABLE_ERRORS, TuneDatabase
from models import LlmUsage
from settings import Settings

log = structlog.get_logger()

T = TypeVar("T", bound=BaseModel)

Reason = Literal[
    "unconfigured", "budget", "circuit_open", "failed", "invalid_output", "truncated", "refused", "deadline"
]
Outcome = Literal["ok", "invalid", "error", "truncated", "refused"]

TOOL_NAME = "emit"
TOOL_DESCRIPTION = "Return your complete answer by calling this tool exactly once, with input matching its schema."

# In 2.x these are subclasses of RateLimitError (429) or PaymentRequiredError (402): a naive
# "retry 429" would hammer an organisation that is out of money, so they are checked first.
SPEND_LIMIT_ERRORS: tuple[type[APIStatusError], ...] = (
    EnforcedSpendLimitReachedError,
    ContractSpendLimitReachedError,
    LinkedOrganizationSpendLimitReachedError,
)
RETRYABLE_STATUSES = frozenset({408, 409, 429})
# A ledger write that fails for these is logged, not raised (see `LLMClient._record`).
LEDGER_ERRORS: tuple[type[BaseException], ...] = (SQLAlchemyError, *UNAVAILABLE_ERRORS)


class LLMUnavailable(Exception):
    """Claude cannot answer this call; `reason` says why (the caller falls back to the rules engine)."""

    def __init__(self, reason: Reason, detail: str | None = None) -> None:
        super().__init__(detail or reason)
        self.reason: Reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Usage:
    """Tokens and cost of one Claude call, priced from the settings' price table."""

    model: str
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    cost_usd: float = 0.0

    def ledger_row(
        self, *, workspace_id: uuid.UUID | None, purpose: str, outcome: str, created_at: datetime
    ) -> LlmUsage:
        """This call as one row of the spend ledger (`llm_usage`)."""
        return LlmUsage(
            workspace_id=workspace_id,
            model=self.model,
            purpose=purpose,
            outcome=outcome,
            input_tokens=self.input_tokens,
            output_tokens=self.output_tokens,
            cache_read_tokens=self.cache_read_tokens,
            cache_write_tokens=self.cache_write_tokens,
            cost_usd=self.cost_usd,
            created_at=created_at,
        )

    @classmethod
    def priced(
        cls,
        settings: Settings,
        *,
        model: str,
        input_tokens: int = 0,
        output_tokens: int = 0,
        cache_read_tokens: int = 0,
        cache_write_tokens: int = 0,
        cache_write_1h_tokens: int = 0,
        batch: bool = False,
    ) -> Usage:
        """Usage with `cost_usd` from the model table row of `model` (the model that answered).

        Anthropic's `input_tokens` excludes cached tokens, so the counts add up without overlap.
        `cache_write_tokens` is every cache write; `cache_write_1h_tokens` of them are 1-hour writes
        (priced higher). A Message Batches request is discounted on all of it (input, output, cache
        writes and reads: Anthropic's cache multipliers stack with the batch discount). A model missing
        from the table is priced as `LLM_MODEL` (and logged), never as free.
        """
        spec = settings.model_spec(model)
        if spec is None:
            log.warning("llm.unpriced_model", model=model, priced_as=settings.LLM_MODEL)
            spec = settings.model_spec(settings.LLM_MODEL)
        assert spec is not None  # LLM_MODEL is validated against the table at startup
        discount = spec.batch_discount if batch else 1.0
        write_5m = max(cache_write_tokens - cache_write_1h_tokens, 0)
        cost = (
            (
                input_tokens * spec.input
                + output_tokens * spec.output
                + cache_read_tokens * spec.cache_read
                + write_5m * spec.cache_write_5m
                + cache_write_1h_tokens * spec.cache_write_1h
            )
            * discount
            / 1_000_000
        )
        return cls(
            model=model,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            cache_read_tokens=cache_read_tokens,
            cache_write_tokens=cache_write_tokens,
            cost_usd=round(cost, 8),
        )

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, as stored on analyses and returned in API responses."""
        return asdict(self)


@dataclass(frozen=True)
class LLMResult(Generic[T]):
    """A validated structured answer and what it cost."""

    value: T
    usage: Usage


# --- lanes, deadlines and priority -------------------------------------------------------------

Lane = Literal["interactive", "background"]
# Which lane the current task's Claude calls run in: a request answers someone waiting
# ("interactive", the default); job workers and agent builds set "background".
LANE: contextvars.ContextVar[Lane] = contextvars.ContextVar("llm_lane", default="interactive")


def background_lane() -> None:
    """Mark the current task (and tasks it starts) as background work: job items, agent builds."""
    LANE.set("background")


class DeadlineReached(Exception):
    """The call's total deadline passed before an attempt could be sent (waiting for a slot)."""


class CircuitOpened(Exception):
    """The breaker opened while this call waited for a slot or a retry: no further attempt."""


class PrioritySlots:
    """A semaphore whose waiters are served by priority (0 first), then in arrival order: an
    interactive call waiting for a slot goes ahead of queued job calls. Cancellation-safe: a waiter
    cancelled (by its deadline) after being granted a slot hands the slot on."""

    def __init__(self, slots: int) -> None:
        self._free = slots
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()

    @property
    def waiting(self) -> int:
        return sum(1 for *_, f in self._waiters if not f.done())

    async def acquire(self, priority: int) -> None:
        if self._free > 0 and not self.waiting:
            self._free -= 1
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (priority, next(self._seq), future))
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release()  # granted just as we were cancelled: pass it on
            raise

    def release(self) -> None:
        while self._waiters:
            *_, future = heapq.heappop(self._waiters)
            if not future.done():
                future.set_result(None)
                return
        self._free += 1

    @contextlib.asynccontextmanager
    async def slot(self, priority: int) -> AsyncIterator[None]:
        await self.acquire(priority)
        try:
            yield
        finally:
            self.release()


# --- circuit breaker ---------------------------------------------------------------------------


class CircuitBreaker:
    """Closed → open after `failures` consecutive transient failures (failed attempts, whichever
    calls made them) → after `cooldown_s` one half-open probe → closed on success, open again on
    failure.

    Only one caller at a time gets the probe; the others are refused until it settles, so a
    recovering API sees one request, not a stampede. Methods never await, so on one event loop
    they are atomic without a lock.
    """

    def __init__(self, *, failures: int, cooldown_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.failures = failures
        self.cooldown_s = cooldown_s
        self._clock = clock
        self._state: Literal["closed", "open", "half_open"] = "closed"
        self._consecutive = 0
        self._opened_at = 0.0
        self._probes = 0  # probes granted so far: identifies the one in flight

    @property
    def state(self) -> Literal["closed", "open", "half_open"]:
        """ "closed", "open" or "half_open" (a probe is in flight)."""
        return self._state

    @property
    def consecutive_failures(self) -> int:
        return self._consecutive

    @property
    def probe_ticket(self) -> int:
        """Identifies the current half-open probe, for `release`."""
        return self._probes

    def allow(self) -> bool:
        """May a call go out now? True in closed state, and for the single half-open probe."""
        if self._state == "closed":
            return True
        if self._state == "open" and self._clock() - self._opened_at >= self.cooldown_s:
            self._state = "half_open"
            self._probes += 1
            return True
        return False

    def record_success(self) -> None:
        """The API answered: close the circuit and forget past failures."""
        self._state = "closed"
        self._consecutive = 0

    def record_failure(self) -> None:
        """A transient failure (after retries): count it; a failed probe reopens at once."""
        self._consecutive += 1
        if self._state == "half_open" or self._consecutive >= self.failures:
            if self._state != "open":
                log.warning("llm.circuit_opened", consecutive_failures=self._consecutive)
            self._state = "open"
            self._opened_at = self._clock()

    def release(self, ticket: int) -> None:
        """Probe `ticket` ended without a verdict (cancelled, or an unexpected error): let the
        next caller probe instead of leaving the circuit half-open forever."""
        if self._state == "half_open" and ticket == self._probes:
            self._state = "open"


# --- error classification ----------------------------------------------------------------------


def is_spend_limit(exc: BaseException) -> bool:
    """Anthropic refused because the organisation's spend limit is reached (never retried)."""
    if isinstance(exc, SPEND_LIMIT_ERRORS):
        return True
    # Future spend-limit codes arrive as a bare RateLimitError/PaymentRequiredError with a code.
    return isinstance(exc, APIStatusError) and (exc.error_code or "").endswith("spend_limit_reached")


def is_transient(exc: BaseException) -> bool:
    """Worth another attempt: connection errors and timeouts, 408/409/429/≥500, or the server
    said `x-should-retry: true`. Never a spend limit, never a plain 4xx."""
    if is_spend_limit(exc):
        return False
    if isinstance(exc, APIStatusError):
        should_retry = exc.response.headers.get("x-should-retry")
        if should_retry == "true":
            return True
        if should_retry == "false":
            return False
        return exc.status_code in RETRYABLE_STATUSES or exc.status_code >= 500
    # APITimeoutError is an APIConnectionError; TimeoutError is our own per-attempt guard.
    return isinstance(exc, APIConnectionError | TimeoutError)


def retry_after_seconds(exc: BaseException | None) -> float | None:
    """The server's requested wait (`retry-after-ms`, then `retry-after` seconds or HTTP date)."""
    if not isinstance(exc, APIStatusError):
        return None
    return retry_after(exc.response.headers)


def _describe_error(exc: BaseException) -> dict[str, Any]:
    """Loggable facts about a failure: class, status, API error type. Never the message text,
    which may echo the request."""
    info: dict[str, Any] = {"error": type(exc).__name__}
    if isinstance(exc, APIStatusError):
        info |= {"status": exc.status_code, "error_type": exc.type, "error_code": exc.error_code}
    return info


def make_anthropic_client(settings: Settings, **kwargs: Any) -> AsyncAnthropic:
    """The SDK client for these settings: explicit key, our timeout, and no SDK retries (tenacity
    is the one retry layer). Tests add `_strict_response_validation=True`."""
    return AsyncAnthropic(
        api_key=settings.ANTHROPIC_API_KEY,
        base_url=settings.ANTHROPIC_BASE_URL,
        timeout=settings.LLM_TIMEOUT_S,
        max_retries=0,
        **kwargs,
    )


def month_start(now: datetime) -> datetime:
    """Midnight UTC on the first of `now`'s month: the budget period."""
    return now.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


@functools.lru_cache(maxsize=64)
def _native_schema(output_model: type[BaseModel]) -> dict[str, Any]:
    """The `output_config` JSON schema: the SDK's transform to what structured outputs accept
    (objects closed with `additionalProperties: false`; bounds the grammar cannot enforce moved into
    descriptions). The answer is still validated against `output_model` itself."""
    return transform_schema(output_model)


@functools.lru_cache(maxsize=64)
def _schema(output_model: type[BaseModel]) -> dict[str, Any]:
    """The tool's input schema; cached because it is the same for every call of a batch (and
    must stay byte-identical for the prompt cache to hit)."""
    return output_model.model_json_schema()


def _utcnow() -> datetime:
    return datetime.now(UTC)


# --- the client --------------------------------------------------------------------------------


def _refuse_if_spent(purpose: str, scope: str, spent: float, budget: float, what: str) -> None:
    """`LLMUnavailable("budget")` (logged) when `spent` has reached `budget`."""
    if spent >= budget:
        log.warning(
            "llm.budget_exhausted", purpose=purpose, scope=scope, spent_usd=round(spent, 6), budget_usd=budget
        )
        raise LLMUnavailable("budget", f"{what} of ${budget:.2f} is spent")


class LLMClient:
    """Claude behind one interface for every AI feature; one instance per process (app.state)."""

    def __init__(
        self,
        settings: Settings,
        db: TuneDatabase,
        *,
        client: AsyncAnthropic | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        now: Callable[[], datetime] = _utcnow,
    ) -> None:
        self.settings = settings
        self.db = db
        self._clock = clock
        self._sleep = sleep
        self._now = now
        # Decided from settings: the SDK builds a client without a key and fails only on first use.
        self._client: AsyncAnthropic | None = None
        if settings.llm_configured:
            self._client = client or make_anthropic_client(settings)
        self.breaker = CircuitBreaker(
            failures=settings.LLM_BREAKER_FAILURES, cooldown_s=settings.LLM_BREAKER_COOLDOWN_S, clock=clock
        )
        self._slots = PrioritySlots(settings.LLM_MAX_CONCURRENCY)
        self._backoff = wait_exponential_jitter(multiplier=0.5, max=8, jitter=0.5)
        # Set when Anthropic answers with a spend-limit error: refuse locally for a cooldown
        # rather than send calls that cannot succeed.
        self._spend_limited_at: float | None = None
        # The month ("2026-11") whose budget the last check found spent, for `state()`.
        self._exhausted_month: str | None = None

    @property
    def enabled(self) -> bool:
        """Claude is configured (it may still be refused by budget or circuit)."""
        return self._client is not None

    @property
    def anthropic(self) -> AsyncAnthropic | None:
        """The SDK client (None when Claude is not configured), for the Message Batches path
        (`llm.batches`), which sends the same `request_params` as `structured`."""
        return self._client

    async def check_budget(self, purpose: str, workspace_id: uuid.UUID | None) -> None:
        """Raise `LLMUnavailable("budget")` when the workspace's budget or the service cap is spent
        (checked before a Message Batch is submitted, as before every call)."""
        await self._check_budget(purpose, workspace_id)

    def _spend_limited(self) -> bool:
        if self._spend_limited_at is None:
            return False
        if self._clock() - self._spend_limited_at >= self.settings.LLM_BREAKER_COOLDOWN_S:
            self._spend_limited_at = None
            return False
        return True

    def state(self) -> dict[str, str]:
        """Engine state for the health endpoint: which engine answers now, and why."""
        circuit = self.breaker.state
        if not self.enabled:
            reason = "unconfigured"
        elif self._exhausted_month == month_start(self._now()).strftime("%Y-%m") or self._spend_limited():
            reason = "budget"
        elif circuit == "open":
            reason = "circuit_open"
        else:
            reason = "ok"
        return {
            "engine": "claude" if reason == "ok" else "rules",
            "circuit": circuit,
            "reason": reason,
            "model": self.settings.LLM_MODEL,
        }

    async def close(self) -> None:
        """Close the SDK's HTTP connections (app shutdown)."""
        if self._client is not None:
            await self._client.close()

    # --- budget and ledger ---

    async def month_spend(self, workspace_id: uuid.UUID | None = None) -> float:
        """USD spent this calendar month (UTC): by one workspace, or by the whole service (None)."""
        query = select(func.coalesce(func.sum(LlmUsage.cost_usd), 0.0)).where(
            LlmUsage.created_at >= month_start(self._now())
        )
        if workspace_id is not None:
            query = query.where(LlmUsage.workspace_id == workspace_id)
        async with self.db.session(write=False) as session:
            total = await session.scalar(query)
        return float(total or 0.0)

    async def month_usage(self, session: AsyncSession, workspace_id: uuid.UUID) -> dict[str, Any]:
        """This month's calls, tokens and cost of one workspace against its budget (GET /api/usage).
        Other workspaces' usage is never shown; the service-wide cap shows only whether it is reached."""
        now = self._now()
        since = month_start(now)
        columns = (
            func.count(LlmUsage.id),
            func.coalesce(func.sum(LlmUsage.input_tokens), 0),
            func.coalesce(func.sum(LlmUsage.output_tokens), 0),
            func.coalesce(func.sum(LlmUsage.cache_read_tokens), 0),
            func.coalesce(func.sum(LlmUsage.cache_write_tokens), 0),
            func.coalesce(func.sum(LlmUsage.cost_usd), 0.0),
        )
        rows = (
            await session.execute(
                select(LlmUsage.purpose, LlmUsage.outcome, *columns)
                .where(LlmUsage.created_at >= since, LlmUsage.workspace_id == workspace_id)
                .group_by(LlmUsage.purpose, LlmUsage.outcome)
            )
        ).all()
        keys = ("calls", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "cost_usd")
        totals: dict[str, Any] = dict.fromkeys(keys, 0)
        by_purpose: dict[str, dict[str, Any]] = {}
        by_outcome: dict[str, int] = {}
        for purpose, outcome, *values in rows:
            bucket = by_purpose.setdefault(purpose, dict.fromkeys(keys, 0))
            for key, value in zip(keys, values, strict=True):
                bucket[key] += value
                totals[key] += value
            by_outcome[outcome] = by_outcome.get(outcome, 0) + int(values[0])
        for bucket in (totals, *by_purpose.values()):
            bucket["cost_usd"] = round(float(bucket["cost_usd"]), 6)
        budget = self.settings.LLM_WORKSPACE_MONTHLY_BUDGET_USD
        service_cap = self.settings.LLM_MONTHLY_BUDGET_USD
        service_exhausted = False
        if service_cap is not None:
            service_total = await session.scalar(
                select(func.coalesce(func.sum(LlmUsage.cost_usd), 0.0)).where(LlmUsage.created_at >= since)
            )
            service_exhausted = float(service_total or 0.0) >= service_cap
            self._note_budget(since, service_exhausted)
        exhausted = totals["cost_usd"] >= budget or service_exhausted
        return {
            "month": since.strftime("%Y-%m"),
            "workspace_id": str(workspace_id),
            **totals,
            "budget_usd": budget,
            "remaining_usd": 0.0 if service_exhausted else round(max(budget - totals["cost_usd"], 0.0), 6),
            "budget_exhausted": exhausted,
            "service_budget_exhausted": service_exhausted,
            "by_purpose": by_purpose,
            "by_outcome": by_outcome,
        }

    def _note_budget(self, since: datetime, exhausted: bool) -> None:
        """Remember whether the service-wide cap is spent this month, for `state()`."""
        self._exhausted_month = since.strftime("%Y-%m") if exhausted else None

    async def _record(
        self, *, workspace_id: uuid.UUID | None, purpose: str, outcome: Outcome, usage: Usage
    ) -> None:
        """One ledger row in its own short transaction, never the caller's: the spend is real
        even when the caller's transaction rolls back."""
        metrics.record_llm_call(purpose=purpose, outcome=outcome, usage=usage)
        try:
            async with self.db.session() as session:
                session.add(
                    usage.ledger_row(
                        workspace_id=workspace_id, purpose=purpose, outcome=outcome, created_at=self._now()
                    )
                )
        except LEDGER_ERRORS as exc:
            # The answer is already paid for; losing it over a ledger blip would waste it. The
            # budget check before the next call reads the same database, so an outage stops spend.
            log.error("llm.ledger_failed", purpose=purpose, outcome=outcome, error=type(exc).__name__)

    # --- the call ---

    async def structured(
        self,
        *,
        workspace_id: uuid.UUID | None,
        purpose: str,
        system: str,
        prompt: str,
        output_model: type[T],
        max_tokens: int = 2048,
        lane: Lane | None = None,
    ) -> LLMResult[T]:
        """Ask Claude for an `output_model` (native structured output or a forced tool, per the model
        table), validated, recorded and priced.

        `system` is sent as a cached block, so a batch re-reads a long agent profile from the
        prompt cache. Raises `LLMUnavailable` (see the module docstring) instead of degrading
        silently; callers fall back to the rules engine.

        Time is bounded: one total deadline per lane (`LLM_DEADLINE_INTERACTIVE_S` for requests,
        `LLM_DEADLINE_BACKGROUND_S` for jobs and builds; `lane` defaults to the task's `LANE`) covers
        the wait for a concurrency slot, every attempt and every backoff. Interactive calls get a
        free slot before queued background calls. The breaker is consulted before every attempt,
        not only on admission: once it opens, calls already admitted stop retrying.

        The budget is checked inside the concurrency slot, just before each request is sent, so a
        large batch cannot pass the check all at once: the overshoot is bounded by the calls in
        flight (about `LLM_MAX_CONCURRENCY`). Don't call this while holding a write transaction: a network
        call should not hold locks, and on SQLite the ledger's own transaction would wait for yours.
        """
        if self._client is None:
            raise LLMUnavailable("unconfigured", "ANTHROPIC_API_KEY is not set")
        if self._spend_limited():
            raise LLMUnavailable("budget", "Anthropic reported the organisation's spend limit")
        if not self.breaker.allow():
            raise LLMUnavailable("circuit_open", "Claude is cooling down after repeated failures")

        probe = self.breaker.state == "half_open"
        ticket = self.breaker.probe_ticket
        lane = lane or LANE.get()
        try:
            return await self._call(
                workspace_id=workspace_id,
                purpose=purpose,
                system=system,
                prompt=prompt,
                output_model=output_model,
                max_tokens=max_tokens,
                lane=lane,
                probe=probe,
            )
        finally:
            if probe:
                self.breaker.release(ticket)  # a no-op once the probe recorded its verdict

    def deadline_s(self, lane: Lane) -> float:
        """The total time one call in `lane` may take, slot wait and retries included."""
        s = self.settings
        return s.LLM_DEADLINE_INTERACTIVE_S if lane == "interactive" else s.LLM_DEADLINE_BACKGROUND_S

    def _wait(self, state: RetryCallState) -> float:
        """Backoff before the next attempt: the server's `retry-after` (capped), else exponential
        backoff with jitter."""
        exc = state.outcome.exception() if state.outcome is not None else None
        server = retry_after_seconds(exc)
        if server is not None:
            return min(server, self.settings.LLM_MAX_RETRY_AFTER_S)
        return float(self._backoff(state))

    async def _check_budget(self, purpose: str, workspace_id: uuid.UUID | None) -> None:
        """Refuse when the workspace's monthly budget, or the optional service-wide cap, is spent."""
        s = self.settings
        if workspace_id is not None:
            spent = await self.month_spend(workspace_id)
            _refuse_if_spent(
                purpose,
                "workspace",
                spent,
                s.LLM_WORKSPACE_MONTHLY_BUDGET_USD,
                "this workspace's monthly LLM budget",
            )
        if s.LLM_MONTHLY_BUDGET_USD is not None:
            total = await self.month_spend()
            self._note_budget(month_start(self._now()), total >= s.LLM_MONTHLY_BUDGET_USD)
            _refuse_if_spent(purpose, "service", total, s.LLM_MONTHLY_BUDGET_USD, "the service's monthly LLM cap")

    async def _call(
        self,
        *,
        workspace_id: uuid.UUID | None,
        purpose: str,
        system: str,
        prompt: str,
        output_model: type[T],
        max_tokens: int,
        lane: Lane,
        probe: bool,
    ) -> LLMResult[T]:
        client = self._client
        assert client is not None
        s = self.settings
        model = s.LLM_MODEL
        spec = s.model_spec(model)
        assert spec is not None
        request = request_params(s, system=system, prompt=prompt, output_model=output_model, max_tokens=max_tokens)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.deadline_s(lane)
        attempts = 0
        stopped_by: str | None = None

        def circuit_still_closed() -> bool:
            # A half-open probe is this call's own; any other open state means stop.
            return self.breaker.state == "closed" or (probe and self.breaker.state == "half_open")

        async def attempt() -> Message:
            nonlocal attempts
            # Holding the slot only while a request is in flight: a call sleeping before its
            # retry must not block the others.
            try:
                async with asyncio.timeout_at(deadline):
                    await self._slots.acquire(0 if lane == "interactive" else 1)
            except TimeoutError:
                raise DeadlineReached from None
            try:
                if not circuit_still_closed():
                    raise CircuitOpened
                await self._check_budget(purpose, workspace_id)
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise DeadlineReached
                attempts += 1
                # The SDK timeout is per socket read; this bounds the whole attempt, and the deadline
                # bounds it further.
                try:
                    async with asyncio.timeout(min(s.LLM_TIMEOUT_S, remaining)):
                        return await client.messages.create(**request)
                except (APIError, TimeoutError) as exc:
                    # Each failed attempt counts, so concurrent calls against a hung API open the
                    # circuit after LLM_BREAKER_FAILURES attempts, not after that many whole calls.
                    if is_transient(exc):
                        self.breaker.record_failure()
                    raise
            finally:
                self._slots.release()

        def stop(state: RetryCallState) -> bool:
            nonlocal stopped_by
            if state.attempt_number >= s.LLM_MAX_ATTEMPTS:
                stopped_by = "attempts"
            elif loop.time() + state.upcoming_sleep >= deadline:
                stopped_by = "deadline"
            elif not circuit_still_closed():
                stopped_by = "circuit"
            return stopped_by is not None

        def before_sleep(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome is not None else None
            log.info(
                "llm.retry",
                purpose=purpose,
                attempt=state.attempt_number,
                wait_s=round(state.upcoming_sleep, 3),
                **_describe_error(exc) if exc else {},
            )

        retrying = AsyncRetrying(
            stop=stop,
            wait=self._wait,
            retry=retry_if_exception(is_transient),
            sleep=self._sleep,
            before_sleep=before_sleep,
            reraise=True,
        )
        started = time.perf_counter()

        def elapsed_ms() -> int:
            return round((time.perf_counter() - started) * 1000)

        try:
            message: Message | None = await retrying(attempt)
        except CircuitOpened:
            log.info(
                "llm.call",
                purpose=purpose,
                model=model,
                outcome="skipped",
                attempts=attempts,
                ms=elapsed_ms(),
                reason="circuit_open",
            )
            if attempts:  # this call's own failed attempts were spent: ledger them
                await self._record(workspace_id=workspace_id, purpose=purpose, outcome="error", usage=Usage(model))
            raise LLMUnavailable("circuit_open", "the circuit opened while this call waited to retry") from None
        except DeadlineReached:
            if attempts:  # its failed attempts were counted by the breaker as they failed
                await self._record(workspace_id=workspace_id, purpose=purpose, outcome="error", usage=Usage(model))
            log.warning(
                "llm.call",
                purpose=purpose,
                model=model,
                outcome="error",
                attempts=attempts,
                ms=elapsed_ms(),
                reason="deadline",
                lane=lane,
            )
            raise LLMUnavailable(
                "deadline", f"no answer within the {lane} deadline ({self.deadline_s(lane):g} s)"
            ) from None
        except (APIError, TimeoutError) as exc:
            # The breaker's verdict first, so other callers see it while the ledger is written.
            if is_spend_limit(exc):
                # Anthropic's own limit is a budget signal; it says nothing about availability.
                self._spend_limited_at = self._clock()
                self.breaker.record_success()
                error = LLMUnavailable("budget", "Anthropic reported the organisation's spend limit")
            else:
                if not is_transient(exc):
                    # A definitive 4xx proves the API is up: it must not hold the circuit open.
                    self.breaker.record_success()
                if stopped_by == "deadline" and is_transient(exc):
                    error = LLMUnavailable(
                        "deadline",
                        f"no answer within the {lane} deadline "
                        f"({self.deadline_s(lane):g} s; {type(exc).__name__})",
                    )
                elif stopped_by == "circuit" and is_transient(exc):
                    error = LLMUnavailable(
                        "circuit_open", f"the circuit opened while retrying ({type(exc).__name__})"
                    )
                else:
                    error = LLMUnavailable("failed", f"Claude call failed ({type(exc).__name__})")
            log.warning(
                "llm.call",
                purpose=purpose,
                model=model,
                outcome="error",
                attempts=attempts,
                ms=elapsed_ms(),
                reason=error.reason,
                lane=lane,
                **_describe_error(exc),
            )
            await self._record(
                workspace_id=workspace_id, purpose=purpose, outcome="error", usage=Usage(model=model)
            )
            raise error from exc
        except ValueError as exc:  # a 200 whose body is not JSON: garbage from a reachable API
            message = None
            garbage: str | None = f"unreadable answer ({type(exc).__name__})"
        else:
            garbage = (
                None
                if isinstance(getattr(message, "content", None), list)
                and getattr(message, "usage", None) is not None
                else "an answer that is not a message"
            )

        self.breaker.record_success()
        if message is None or garbage is not None:
            log.warning(
                "llm.call",
                purpose=purpose,
                model=model,
                outcome="invalid",
                attempts=attempts,
                ms=elapsed_ms(),
                reason="invalid_output",
                detail=garbage,
            )
            await self._record(
                workspace_id=workspace_id, purpose=purpose, outcome="invalid", usage=Usage(model=model)
            )
            raise LLMUnavailable("invalid_output", garbage)
        usage = usage_of(s, message)
        outcome, value, problem = read_answer(message, output_model, structured=spec.structured)
        await self._record(workspace_id=workspace_id, purpose=purpose, outcome=outcome, usage=usage)
        log.info(
            "llm.call",
            purpose=purpose,
            model=usage.model,
            outcome=outcome,
            attempts=attempts,
            ms=elapsed_ms(),
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            cache_read_tokens=usage.cache_read_tokens,
            cache_write_tokens=usage.cache_write_tokens,
            cost_usd=usage.cost_usd,
            stop_reason=message.stop_reason,
        )
        if value is None:
            reason: Reason = "invalid_output" if outcome == "invalid" else outcome  # type: ignore[assignment]
            raise LLMUnavailable(reason, problem)
        return LLMResult(value=value, usage=usage)


# --- requests and answers (shared by the Messages and the Batches paths) -------------------------


def request_params(
    settings: Settings, *, system: str, prompt: str, output_model: type[BaseModel], max_tokens: int
) -> dict[str, Any]:
    """The `messages.create` parameters for one structured call, in the form the model takes.

    The system block is cached (`LLM_CACHE_TTL`), so a batch re-reads a long agent profile. The
    output schema is the same object for every call with this model, so the cached prefix stays
    byte-identical.
    """
    spec = settings.model_spec(settings.LLM_MODEL)
    assert spec is not None
    cache: dict[str, Any] = {"type": "ephemeral"}
    if settings.LLM_CACHE_TTL != "5m":
        cache["ttl"] = settings.LLM_CACHE_TTL
    system_blocks: list[TextBlockParam] = [{"type": "text", "text": system, "cache_control": cache}]  # type: ignore[typeddict-item]
    params: dict[str, Any] = {
        "model": settings.LLM_MODEL,
        "max_tokens": max_tokens,
        "system": system_blocks,
        "messages": [{"role": "user", "content": prompt}],
    }
    if spec.structured == "native":
        params["output_config"] = {"format": {"type": "json_schema", "schema": _native_schema(output_model)}}
    else:
        tool: ToolParam = {
            "name": TOOL_NAME,
            "description": TOOL_DESCRIPTION,
            "input_schema": _schema(output_model),
        }
        choice: ToolChoiceToolParam = {"type": "tool", "name": TOOL_NAME, "disable_parallel_tool_use": True}
        params |= {"tools": [tool], "tool_choice": choice}
    return params


def usage_of(settings: Settings, message: Message, *, batch: bool = False) -> Usage:
    """The priced usage of one answer, by the model that answered it."""
    u = message.usage
    one_hour = u.cache_creation.ephemeral_1h_input_tokens if u.cache_creation is not None else 0
    return Usage.priced(
        settings,
        model=message.model,
        input_tokens=u.input_tokens,
        output_tokens=u.output_tokens,
        cache_read_tokens=u.cache_read_input_tokens or 0,
        cache_write_tokens=u.cache_creation_input_tokens or 0,
        cache_write_1h_tokens=one_hour,
        batch=batch,
    )


def read_answer(
    message: Message, output_model: type[T], *, structured: Literal["native", "tool"]
) -> tuple[Outcome, T | None, str | None]:
    """(outcome, value, problem) of one answer. The stop reason is read first: an answer cut off at
    `max_tokens` or refused is never a success, even if what arrived happens to validate."""
    stop = message.stop_reason
    if stop in ("max_tokens", "model_context_window_exceeded"):
        return "truncated", None, f"the answer was cut off (stop_reason={stop})"
    if stop == "refusal":
        category = message.stop_details.category if message.stop_details is not None else None
        return "refused", None, f"Claude declined (category={category})"
    if structured == "native":
        text = "".join(b.text for b in message.content if isinstance(b, TextBlock))
        if not text.strip():
            return "invalid", None, f"no JSON text in the answer (stop_reason={stop})"
        try:
            return "ok", output_model.model_validate_json(text), None
        except ValidationError as exc:
            return "invalid", None, f"{exc.error_count()} validation error(s) against {output_model.__name__}"
    block = next((b for b in message.content if isinstance(b, ToolUseBlock) and b.name == TOOL_NAME), None)
    if block is None:
        return "invalid", None, f"no {TOOL_NAME} tool call (stop_reason={stop})"
    try:
        return "ok", output_model.model_validate(block.input), None
    except ValidationError as exc:
        return "invalid", None, f"{exc.error_count()} validation error(s) against {output_model.__name__}"
