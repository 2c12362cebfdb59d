"""The Claude client: the real anthropic SDK against a fake Messages server on 127.0.0.1, with the
usage ledger on SQLite and PostgreSQL. Sleeps and the breaker's clock are injected, so retries,
capped `retry-after` waits and cooldowns are observed without waiting for them."""

from __future__ import annotations

import asyncio
import email.utils
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2
import pytest
from anthropic import BadRequestError, RateLimitError
from anthropic.types import TextBlock, ToolUseBlock
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from structlog.testing import capture_logs

import auth
import llm as llm_module
from database_async import TuneDatabase
from llm import (
    TOOL_NAME,
    CircuitBreaker,
    LLMClient,
    LLMUnavailable,
    Usage,
    make_anthropic_client,
    retry_after_seconds,
)
from models import LlmUsage
from settings import Settings
from tests.conftest import make_settings
from tests.support.fake_anthropic import FakeAnthropic

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)
SYSTEM = "You are the casino industry agent. ICP: VP Marketing at resorts with 300+ rooms."
ANSWER = {"score": 86, "tier": 1, "hooks": ["New 400-room tower opening in Q2"]}
# A system prompt long enough to be cached (Sonnet caches prefixes of 1,024+ tokens).
LONG_SYSTEM = (
    SYSTEM
    + "\n"
    + " ".join(f"Objection {i}: we already have a CRM; answer with reactivation figures." for i in range(120))
)
# Claude Sonnet 5.5 (the default model) per million tokens: input, output, 5m/1h cache write, cache read.
S55 = {"input": 2.0, "output": 10.0, "write_5m": 2.50, "write_1h": 4.0, "read": 0.20}


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: int = Field(ge=0, le=100)
    tier: int = Field(ge=1, le=3)
    hooks: list[str] = Field(max_length=5)


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@dataclass
class Rig:
    llm: LLMClient
    db: TuneDatabase
    settings: Settings
    clock: FakeClock
    sleeps: list[float] = field(default_factory=list)
    workspace_id: uuid.UUID | None = None

    async def ask(self, prompt: str = "Score Dana Reyes, VP Marketing, Bellagio.", **kwargs: Any) -> Any:
        return await self.llm.structured(
            workspace_id=self.workspace_id,
            purpose=kwargs.pop("purpose", "analyze"),
            system=kwargs.pop("system", SYSTEM),
            prompt=prompt,
            output_model=Answer,
            **kwargs,
        )

    async def ledger(self) -> list[LlmUsage]:
        async with self.db.session(write=False) as session:
            return list((await session.scalars(select(LlmUsage).order_by(LlmUsage.created_at))).all())


RigFactory = Callable[..., Awaitable[Rig]]


@pytest.fixture
async def make_rig(database_url: str, fake_anthropic: FakeAnthropic) -> AsyncIterator[RigFactory]:
    """Build an LLMClient on a migrated database, aimed at the fake with a strict SDK client."""
    databases: list[TuneDatabase] = []
    clients: list[LLMClient] = []

    async def build(**overrides: Any) -> Rig:
        values = {
            "LLM_MAX_ATTEMPTS": 3,
            "LLM_BREAKER_FAILURES": 3,
            "LLM_BREAKER_COOLDOWN_S": 30,
            "LLM_MAX_RETRY_AFTER_S": 2,
            "LLM_TIMEOUT_S": 5,
            **overrides,
        }
        s = make_settings(database_url, **fake_anthropic.settings(**values))
        db = TuneDatabase(database_url, settings=s)
        databases.append(db)
        await db.migrate()
        async with db.session() as session:
            workspace = await auth.get_or_create_workspace(session, name="acme")
        clock = FakeClock()
        sleeps: list[float] = []

        async def sleep(seconds: float) -> None:
            sleeps.append(seconds)

        llm = LLMClient(s, db, client=fake_anthropic.sdk_client(s), clock=clock, sleep=sleep, now=lambda: NOW)
        clients.append(llm)
        return Rig(llm=llm, db=db, settings=s, clock=clock, sleeps=sleeps, workspace_id=workspace.id)

    yield build
    for llm in clients:
        await llm.close()
    for db in databases:
        await db.dispose()


async def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:  # noqa: ASYNC109  (says what it waited for)
    """Poll until `condition()` holds (a background call reached some point)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.01)


async def expect_unavailable(call: Awaitable[Any], reason: str) -> LLMUnavailable:
    with pytest.raises(LLMUnavailable) as info:
        await call
    assert info.value.reason == reason, info.value
    return info.value


# --- the happy path ----------------------------------------------------------------------------


async def test_structured_call_is_validated_recorded_and_priced(
    make_rig: RigFactory, fake_anthropic: FakeAnthropic
) -> None:
    rig = await make_rig()
    fake_anthropic.reply(
        ANSWER,
        usage={
            "input_tokens": 1000,
            "output_tokens": 500,
            "cache_creation_input_tokens": 2000,
            "cache_read_input_tokens": 4000,
        },
    )

    with capture_logs() as logs:
        result = await rig.ask(max_tokens=1024)

    assert isinstance(result.value, Answer) and result.value == Answer.model_validate(ANSWER)
    # Sonnet 5.5: 1000×$2 + 500×$10 + 2000×$2.50 (5-minute cache write) + 4000×$0.20 (cache read), per MTok
    expected_cost = (1000 * 2.0 + 500 * 10.0 + 2000 * 2.50 + 4000 * 0.20) / 1_000_000
    assert rig.settings.LLM_MODEL == "claude-sonnet-5-5"
    assert result.usage == Usage(
        model=rig.settings.LLM_MODEL,
        input_tokens=1000,
        output_tokens=500,
        cache_read_tokens=4000,
        cache_write_tokens=2000,
        cost_usd=expected_cost,
    )
    assert result.usage.as_dict()["cost_usd"] == pytest.approx(0.0128)

    [row] = await rig.ledger()
    assert (row.workspace_id, row.purpose, row.outcome, row.model) == (
        rig.workspace_id,
        "analyze",
        "ok",
        rig.settings.LLM_MODEL,
    )
    assert (row.input_tokens, row.output_tokens, row.cache_read_tokens, row.cache_write_tokens) == (
        1000,
        500,
        4000,
        2000,
    )
    assert row.cost_usd == pytest.approx(expected_cost)
    assert fake_anthropic.attempts == 1 and rig.llm.breaker.state == "closed"

    # One event with the numbers, and never the prompt or the output text.
    [event] = [e for e in logs if e["event"] == "llm.call"]
    assert {k: event[k] for k in ("purpose", "model", "outcome", "input_tokens", "output_tokens")} == {
        "purpose": "analyze",
        "model": rig.settings.LLM_MODEL,
        "outcome": "ok",
        "input_tokens": 1000,
        "output_tokens": 500,
    }
    assert event["cost_usd"] == pytest.approx(expected_cost) and event["ms"] >= 0
    logged = repr(logs)
    assert "Dana Reyes" not in logged and "casino industry agent" not in logged and "400-room" not in logged


async def test_current_sonnet_gets_native_structured_output_and_a_cached_system(
    make_rig: RigFactory, fake_anthropic: FakeAnthropic
) -> None:
    rig = await make_rig()  # claude-sonnet-5-5: forced tools are refused, so native output_config
    fake_anthropic.responder = lambda request: ANSWER

    first = await rig.ask(prompt="prospect one", system=LONG_SYSTEM)
    second = await rig.ask(prompt="prospect two", system=LONG_SYSTEM)

    assert first.value == second.value == Answer.model_validate(ANSWER)
    sent = fake_anthropic.last.json
    assert sent["model"] == "claude-sonnet-5-5" and sent["max_tokens"] == 2048
    assert "tools" not in sent and "tool_choice" not in sent
    schema = sent["output_config"]["format"]
    assert schema["type"] == "json_schema" and schema["schema"]["additionalProperties"] is False
    assert set(schema["schema"]["properties"]) == {"score", "tier", "hooks"}
    assert sent["system"] == [{"type": "text", "text": LONG_SYSTEM, "cache_control": {"type": "ephemeral"}}]
    assert sent["messages"] == [{"role": "user", "content": "prospect two"}]
    assert not {"temperature", "top_p", "top_k"} & sent.keys()
    # The second call of a batch re-reads the agent profile from the prompt cache.
    assert first.usage.cache_write_tokens > 1024 and first.usage.cache_read_tokens == 0
    assert second.usage.cache_read_tokens == first.usage.cache_write_tokens
    assert second.usage.cache_write_tokens == 0
    assert second.usage.cost_usd < first.usage.cost_usd


async def test_older_model_gets_a_forced_tool(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    rig = await make_rig(LLM_MODEL="claude-sonnet-4-6")
    fake_anthropic.reply(ANSWER, usage={"input_tokens": 1000, "output_tokens": 100})

    result = await rig.ask()

    sent = fake_anthropic.last.json
    assert "output_config" not in sent
    assert sent["tools"] == [
        {
            "name": TOOL_NAME,
            "description": sent["tools"][0]["description"],
            "input_schema": Answer.model_json_schema(),
        }
    ]
    assert sent["tool_choice"] == {"type": "tool", "name": TOOL_NAME, "disable_parallel_tool_use": True}
    assert result.value.score == 86
    assert result.usage.cost_usd == pytest.approx((1000 * 3.0 + 100 * 15.0) / 1_000_000)  # Sonnet 4.6 prices


async def test_forced_tool_on_the_current_sonnet_is_a_400(
    make_rig: RigFactory, fake_anthropic: FakeAnthropic
) -> None:
    """What the old code did on Sonnet 5.5: the fake, like the API, refuses a forced tool."""
    wrong = {
        "claude-sonnet-5-5": {
            "structured": "tool",
            "input": 2,
            "output": 10,
            "cache_write_5m": 2.5,
            "cache_write_1h": 4,
            "cache_read": 0.2,
        }
    }
    rig = await make_rig(LLM_MODELS=wrong, LLM_BREAKER_FAILURES=1)
    fake_anthropic.responder = lambda request: ANSWER

    error = await expect_unavailable(rig.ask(), "failed")

    assert "BadRequestError" in str(error) and fake_anthropic.attempts == 1  # a 400 is not retried
    assert rig.llm.breaker.state == "closed"
    [row] = await rig.ledger()
    assert (row.outcome, row.model) == ("error", "claude-sonnet-5-5")


async def test_short_system_is_not_cached(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    """Below the model's minimum cacheable length the API caches nothing: all of it is input."""
    rig = await make_rig()
    fake_anthropic.responder = lambda request: ANSWER

    first = await rig.ask(system=SYSTEM)
    second = await rig.ask(system=SYSTEM)

    for usage in (first.usage, second.usage):
        assert usage.cache_write_tokens == usage.cache_read_tokens == 0
    assert second.usage.input_tokens == first.usage.input_tokens > 0


async def test_one_hour_cache_writes_are_priced_as_such(
    make_rig: RigFactory, fake_anthropic: FakeAnthropic
) -> None:
    rig = await make_rig(LLM_CACHE_TTL="1h")
    fake_anthropic.responder = lambda request: ANSWER

    first = await rig.ask(system=LONG_SYSTEM)

    assert fake_anthropic.last.system[0]["cache_control"] == {"type": "ephemeral", "ttl": "1h"}
    u = first.usage
    expected = (
        u.input_tokens * S55["input"] + u.output_tokens * S55["output"] + u.cache_write_tokens * S55["write_1h"]
    ) / 1_000_000
    assert u.cache_write_tokens > 1024 and u.cost_usd == pytest.approx(expected)


async def test_priced_by_the_model_that_answered(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    rig = await make_rig()
    body = {
        "id": "msg_01",
        "type": "message",
        "role": "assistant",
        "model": "claude-haiku-4-5-20251001",
        "content": [{"type": "text", "text": '{"score": 50, "tier": 2, "hooks": []}'}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 1000, "output_tokens": 100},
    }
    fake_anthropic.reply_raw(body)
    fake_anthropic.reply_raw({**body, "model": "claude-unknown-9"})

    haiku = await rig.ask()
    unknown = await rig.ask()

    assert haiku.usage.model == "claude-haiku-4-5-20251001"
    assert haiku.usage.cost_usd == pytest.approx((1000 * 1.0 + 100 * 5.0) / 1_000_000)  # Haiku 4.5's prices
    # A model missing from the table is priced as LLM_MODEL, never as free.
    assert unknown.usage.cost_usd == pytest.approx((1000 * 2.0 + 100 * 10.0) / 1_000_000)
    assert [row.model for row in await rig.ledger()] == ["claude-haiku-4-5-20251001", "claude-unknown-9"]


@pytest.mark.parametrize("model", ["claude-sonnet-5-5", "claude-sonnet-4-6"])
async def test_cut_off_answer_is_never_a_success(
    make_rig: RigFactory, fake_anthropic: FakeAnthropic, model: str
) -> None:
    """stop_reason max_tokens: even a tool input that validates is not stored as a result."""
    rig = await make_rig(LLM_MODEL=model)
    fake_anthropic.reply({"score": 86, "tier": 1, "hooks": []}, stop_reason="max_tokens")

    error = await expect_unavailable(rig.ask(max_tokens=300), "truncated")

    assert "max_tokens" in str(error)
    [row] = await rig.ledger()
    assert (row.outcome, row.output_tokens) == ("truncated", 300)
    assert row.cost_usd > 0  # paid for, even though unusable
    assert rig.llm.breaker.state == "closed"


async def test_refusal_is_a_classified_failure(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    rig = await make_rig()
    fake_anthropic.refuse(category="general_harms", explanation="no")

    error = await expect_unavailable(rig.ask(), "refused")

    assert "general_harms" in str(error) and fake_anthropic.attempts == 1
    assert [row.outcome for row in await rig.ledger()] == ["refused"]


def test_model_table_is_checked_at_startup(database_url: str) -> None:
    with pytest.raises(ValueError, match="not in the model table"):
        make_settings(database_url, LLM_MODEL="claude-nonexistent-1")
    custom = {
        "claude-nonexistent-1": {
            "structured": "tool",
            "input": 1,
            "output": 2,
            "cache_write_5m": 1.25,
            "cache_write_1h": 2,
            "cache_read": 0.1,
        }
    }
    s = make_settings(database_url, LLM_MODEL="claude-nonexistent-1", LLM_MODELS=custom)
    assert s.model_spec("claude-nonexistent-1").structured == "tool"  # type: ignore[union-attr]
    assert s.model_spec("claude-sonnet-5-5").structured == "native"  # type: ignore[union-attr]
    assert s.model_spec("claude-opus-5-5").structured == "native"  # type: ignore[union-attr]


async def test_ledger_row_survives_the_callers_rollback(
    make_rig: RigFactory, fake_anthropic: FakeAnthropic
) -> None:
    """The spend is recorded in the client's own transaction, not the caller's."""
    rig = await make_rig()
    fake_anthropic.reply(ANSWER)

    class CallerFailed(Exception):
        pass

    with pytest.raises(CallerFailed):
        async with rig.db.session(write=False) as session:
            await session.execute(select(LlmUsage.id))
            await rig.ask()
            raise CallerFailed

    assert [row.outcome for row in await rig.ledger()] == ["ok"]


# --- retries -----------------------------------------------------------------------------------


async def test_overloaded_then_ok_succeeds_after_one_retry(
    make_rig: RigFactory, fake_anthropic: FakeAnthropic
) -> None:
    rig = await make_rig()
    fake_anthropic.fail(529)
    fake_anthropic.reply(ANSWER)

    result = await rig.ask()

    assert result.value.tier == 1
    assert fake_anthropic.attempts == 2
    assert len(rig.sleeps) == 1 and 0.5 <= rig.sleeps[0] <= 1.0  # backoff with jitter, first step
    assert [row.outcome for row in await rig.ledger()] == ["ok"]
    assert rig.llm.breaker.consecutive_failures == 0


async def test_retry_after_is_honoured_but_capped(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    rig = await make_rig(LLM_MAX_RETRY_AFTER_S=2)
    fake_anthropic.fail(429, headers={"retry-after": "3600"})
    fake_anthropic.fail(503, headers={"retry-after-ms": "250"})
    fake_anthropic.reply(ANSWER)

    await rig.ask()

    assert rig.sleeps == [2.0, 0.25]  # an hour capped to LLM_MAX_RETRY_AFTER_S; milliseconds honoured
    assert fake_anthropic.attempts == 3


async def test_x_should_retry_header_is_obeyed(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    rig = await make_rig()
    fake_anthropic.fail(500, headers={"x-should-retry": "false"})
    await expect_unavailable(rig.ask(), "failed")
    assert fake_anthropic.attempts == 1 and rig.sleeps == []

    fake_anthropic.fail(400, headers={"x-should-retry": "true"})
    fake_anthropic.reply(ANSWER)
    await rig.ask()
    assert fake_anthropic.attempts == 3 and len(rig.sleeps) == 1


async def test_client_errors_are_not_retried(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    rig = await make_rig(LLM_BREAKER_FAILURES=1)
    for n, status in enumerate((400, 401, 403, 404), start=1):
        fake_anthropic.fail(status)
        await expect_unavailable(rig.ask(), "failed")
        assert fake_anthropic.attempts == n
    assert rig.sleeps == []
    # A definitive answer proves the API is up: it never opens the circuit.
    assert rig.llm.breaker.state == "closed"
    assert [row.outcome for row in await rig.ledger()] == ["error"] * 4


async def test_spend_limit_is_not_retried_and_reads_as_budget(
    make_rig: RigFactory, fake_anthropic: FakeAnthropic
) -> None:
    rig = await make_rig()
    fake_anthropic.fail(
        429, error_type="rate_limit_error", error_code="enforced_spend_limit_reached", headers={"retry-after": "1"}
    )

    await expect_unavailable(rig.ask(), "budget")
    assert fake_anthropic.attempts == 1 and rig.sleeps == []
    assert rig.llm.state()["reason"] == "budget"

    # Refused locally for a while: no request can succeed, so none is sent.
    await expect_unavailable(rig.ask(), "budget")
    assert fake_anthropic.attempts == 1

    rig.clock.advance(rig.settings.LLM_BREAKER_COOLDOWN_S)
    fake_anthropic.reply(ANSWER)
    await rig.ask()
    assert fake_anthropic.attempts == 2 and rig.llm.state()["engine"] == "claude"


async def test_all_attempts_failing_is_failed(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    rig = await make_rig(LLM_MAX_ATTEMPTS=3, LLM_BREAKER_FAILURES=5)
    fake_anthropic.fail(529, times=3)

    error = await expect_unavailable(rig.ask(), "failed")

    assert "OverloadedError" in str(error)
    assert fake_anthropic.attempts == 3
    assert len(rig.sleeps) == 2 and 0.5 <= rig.sleeps[0] <= 1.0 and 1.0 <= rig.sleeps[1] <= 1.5
    assert rig.llm.breaker.consecutive_failures == 3  # every failed attempt counts, not every failed call
    assert rig.llm.breaker.state == "closed"
    [row] = await rig.ledger()
    assert (row.outcome, row.input_tokens, row.cost_usd) == ("error", 0, 0.0)


async def test_timeouts_are_retried_then_failed(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    rig = await make_rig(LLM_TIMEOUT_S=0.5, LLM_MAX_ATTEMPTS=2)
    fake_anthropic.sleep(1.5, times=2)

    started = time.perf_counter()
    await expect_unavailable(rig.ask(), "failed")
    elapsed = time.perf_counter() - started

    assert fake_anthropic.attempts == 2 and len(rig.sleeps) == 1
    assert elapsed < 2.0  # two attempts of ~0.5 s each, not the fake's 1.5 s
    assert rig.llm.breaker.consecutive_failures == 2


async def test_concurrency_is_bounded(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    rig = await make_rig(LLM_MAX_CONCURRENCY=2)
    fake_anthropic.reply(ANSWER, delay=0.1, times=6)

    results = await asyncio.gather(*(rig.ask(prompt=f"prospect {i}") for i in range(6)))

    assert len(results) == 6 and fake_anthropic.max_concurrent == 2


# --- circuit breaker ---------------------------------------------------------------------------


async def test_breaker_opens_refuses_probes_and_closes(
    make_rig: RigFactory, fake_anthropic: FakeAnthropic
) -> None:
    rig = await make_rig(LLM_BREAKER_FAILURES=2, LLM_MAX_ATTEMPTS=1, LLM_BREAKER_COOLDOWN_S=30)
    fake_anthropic.fail(503, times=2)
    for _ in range(2):
        await expect_unavailable(rig.ask(), "failed")
    assert rig.llm.breaker.state == "open"
    assert rig.llm.state() == {
        "engine": "rules",
        "circuit": "open",
        "reason": "circuit_open",
        "model": rig.settings.LLM_MODEL,
    }

    await expect_unavailable(rig.ask(), "circuit_open")
    assert fake_anthropic.attempts == 2  # refused without calling the server

    rig.clock.advance(29)
    await expect_unavailable(rig.ask(), "circuit_open")

    # After the cooldown exactly one caller probes; the others are refused while it runs.
    rig.clock.advance(1)
    fake_anthropic.reply(ANSWER, delay=0.2)
    probe = asyncio.create_task(rig.ask())
    await wait_until(lambda: fake_anthropic.attempts == 3)
    assert rig.llm.breaker.state == "half_open"
    await expect_unavailable(rig.ask(), "circuit_open")
    assert (await probe).value.score == 86
    assert rig.llm.breaker.state == "closed" and fake_anthropic.attempts == 3
    assert rig.llm.state()["engine"] == "claude"


async def test_failed_probe_reopens_the_circuit(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    rig = await make_rig(LLM_BREAKER_FAILURES=1, LLM_MAX_ATTEMPTS=1, LLM_BREAKER_COOLDOWN_S=10)
    fake_anthropic.fail(529, times=2)
    await expect_unavailable(rig.ask(), "failed")
    rig.clock.advance(10)
    await expect_unavailable(rig.ask(), "failed")  # the probe
    assert rig.llm.breaker.state == "open"
    await expect_unavailable(rig.ask(), "circuit_open")  # a fresh cooldown started
    assert fake_anthropic.attempts == 2


def test_breaker_state_machine() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(failures=2, cooldown_s=5, clock=clock)
    assert breaker.state == "closed" and breaker.allow()
    breaker.record_failure()
    assert breaker.state == "closed"
    breaker.record_success()  # a success resets the count: failures must be consecutive
    breaker.record_failure()
    assert breaker.state == "closed"
    breaker.record_failure()
    assert breaker.state == "open" and not breaker.allow()

    clock.advance(5)
    assert breaker.allow() and breaker.state == "half_open"
    ticket = breaker.probe_ticket
    assert not breaker.allow()  # one probe at a time
    breaker.release(ticket)  # the probe was cancelled: the next caller may probe
    assert breaker.state == "open" and breaker.allow()
    breaker.record_failure()
    assert breaker.state == "open" and not breaker.allow()
    clock.advance(5)
    assert breaker.allow()
    breaker.record_success()
    assert breaker.state == "closed" and breaker.allow()
    breaker.release(ticket)  # a stale ticket changes nothing
    assert breaker.state == "closed"


async def test_cancelled_probe_lets_the_next_caller_probe(
    make_rig: RigFactory, fake_anthropic: FakeAnthropic
) -> None:
    rig = await make_rig(LLM_BREAKER_FAILURES=1, LLM_MAX_ATTEMPTS=1)
    fake_anthropic.fail(503)
    await expect_unavailable(rig.ask(), "failed")
    rig.clock.advance(rig.settings.LLM_BREAKER_COOLDOWN_S)
    fake_anthropic.reply(ANSWER, delay=1.0)
    probe = asyncio.create_task(rig.ask())
    await wait_until(lambda: fake_anthropic.attempts == 2)
    probe.cancel()
    with pytest.raises(asyncio.CancelledError):
        await probe
    assert rig.llm.breaker.state == "open"
    fake_anthropic.reply(ANSWER)
    assert (await rig.ask()).value.tier == 1


# --- budget, configuration, output validation ----------------------------------------------------


async def test_service_cap_counts_every_workspace(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    """The optional service-wide cap: spend from any workspace (and none) counts against it."""
    rig = await make_rig(LLM_MONTHLY_BUDGET_USD=1.0, LLM_WORKSPACE_MONTHLY_BUDGET_USD=100)
    async with rig.db.session() as session:
        other = (await auth.get_or_create_workspace(session, name="globex")).id
        # Last month's spend does not count against this month's budget.
        session.add(
            LlmUsage(
                workspace_id=rig.workspace_id,
                model="m",
                purpose="analyze",
                outcome="ok",
                cost_usd=50.0,
                created_at=datetime(2026, 10, 31, 23, 59, tzinfo=UTC),
            )
        )
    fake_anthropic.reply(ANSWER, usage={"input_tokens": 100, "output_tokens": 10})
    await rig.ask()

    async with rig.db.session() as session:
        session.add(
            LlmUsage(
                workspace_id=other,
                model="m",
                purpose="sequence",
                outcome="ok",
                input_tokens=10,
                output_tokens=20,
                cost_usd=0.6,
                created_at=datetime(2026, 11, 1, 0, 0, tzinfo=UTC),
            )
        )
        session.add(
            LlmUsage(
                workspace_id=None,
                model="m",
                purpose="agent_build",
                outcome="ok",
                cost_usd=0.4,
                created_at=datetime(2026, 11, 10, tzinfo=UTC),
            )
        )

    await expect_unavailable(rig.ask(), "budget")
    assert fake_anthropic.attempts == 1
    assert rig.llm.state() == {
        "engine": "rules",
        "circuit": "closed",
        "reason": "budget",
        "model": rig.settings.LLM_MODEL,
    }

    async with rig.db.session(write=False) as session:
        usage = await rig.llm.month_usage(session, rig.workspace_id)  # type: ignore[arg-type]
    first_cost = (100 * 2.0 + 10 * 10.0) / 1_000_000
    # Only this workspace's own calls are shown; the cap says only that it is reached.
    assert usage["month"] == "2026-11" and usage["workspace_id"] == str(rig.workspace_id)
    assert usage["calls"] == 1 and usage["input_tokens"] == 100 and usage["output_tokens"] == 10
    assert usage["cost_usd"] == pytest.approx(first_cost)
    assert usage["budget_usd"] == 100 and usage["remaining_usd"] == 0 and usage["budget_exhausted"] is True
    assert usage["service_budget_exhausted"] is True
    assert set(usage["by_purpose"]) == {"analyze"} and usage["by_outcome"] == {"ok": 1}


async def test_one_workspace_cannot_spend_anothers_budget(
    make_rig: RigFactory, fake_anthropic: FakeAnthropic
) -> None:
    rig = await make_rig(LLM_WORKSPACE_MONTHLY_BUDGET_USD=0.01)
    async with rig.db.session() as session:
        other = (await auth.get_or_create_workspace(session, name="globex")).id
    fake_anthropic.responder = lambda request: ANSWER
    fake_anthropic.reply(ANSWER, usage={"input_tokens": 1000, "output_tokens": 1000})  # $0.012: over $0.01

    await rig.ask()  # acme spends its whole budget
    await expect_unavailable(rig.ask(), "budget")  # acme is refused…
    rig.workspace_id = other
    assert (await rig.ask()).value.score == 86  # …globex is not
    assert rig.llm.state()["engine"] == "claude"  # one tenant's budget is not the service's state
    assert fake_anthropic.attempts == 2


async def test_month_usage_with_budget_left(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    rig = await make_rig(LLM_WORKSPACE_MONTHLY_BUDGET_USD=10.0)
    async with rig.db.session(write=False) as session:
        empty = await rig.llm.month_usage(session, rig.workspace_id)  # type: ignore[arg-type]
    assert empty["calls"] == 0 and empty["cost_usd"] == 0 and empty["remaining_usd"] == 10.0
    assert empty["budget_exhausted"] is False and empty["by_purpose"] == {}
    assert empty["service_budget_exhausted"] is False


async def test_unconfigured_never_calls(tmp_path: Path, fake_anthropic: FakeAnthropic) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/t.db"
    s = make_settings(url, ANTHROPIC_API_KEY="  ", ANTHROPIC_BASE_URL=fake_anthropic.url)
    db = TuneDatabase(url, settings=s)
    try:
        llm = LLMClient(s, db)
        assert not llm.enabled
        assert llm.state() == {
            "engine": "rules",
            "circuit": "closed",
            "reason": "unconfigured",
            "model": s.LLM_MODEL,
        }
        await expect_unavailable(
            llm.structured(workspace_id=None, purpose="analyze", system=SYSTEM, prompt="x", output_model=Answer),
            "unconfigured",
        )
        assert fake_anthropic.attempts == 0
    finally:
        await db.dispose()


async def test_client_built_from_settings_has_one_retry_layer(
    database_url: str, fake_anthropic: FakeAnthropic
) -> None:
    s = make_settings(database_url, **fake_anthropic.settings(LLM_TIMEOUT_S=7, LLM_MAX_ATTEMPTS=2))
    sdk = make_anthropic_client(s)
    assert sdk.max_retries == 0 and sdk.timeout == 7 and str(sdk.base_url).startswith(fake_anthropic.url)
    await sdk.close()

    db = TuneDatabase(database_url, settings=s)
    await db.migrate()
    llm = LLMClient(s, db, sleep=lambda _seconds: asyncio.sleep(0))
    try:
        fake_anthropic.fail(529, times=2)
        await expect_unavailable(
            llm.structured(workspace_id=None, purpose="analyze", system=SYSTEM, prompt="x", output_model=Answer),
            "failed",
        )
        assert fake_anthropic.attempts == 2  # LLM_MAX_ATTEMPTS in all, not multiplied by SDK retries
        assert all(r.headers["x-stainless-retry-count"] == "0" for r in fake_anthropic.requests)
    finally:
        await llm.close()
        await db.dispose()


async def test_invalid_tool_output_is_flagged_and_recorded(
    make_rig: RigFactory, fake_anthropic: FakeAnthropic
) -> None:
    rig = await make_rig()
    fake_anthropic.reply({"score": 420, "tier": 1, "hooks": []}, usage={"input_tokens": 200, "output_tokens": 40})

    error = await expect_unavailable(rig.ask(), "invalid_output")

    assert "Answer" in str(error)
    assert fake_anthropic.attempts == 1 and rig.llm.breaker.state == "closed"
    [row] = await rig.ledger()
    assert (row.outcome, row.input_tokens, row.output_tokens) == ("invalid", 200, 40)
    assert row.cost_usd == pytest.approx((200 * 2.0 + 40 * 10.0) / 1_000_000)  # paid for, even if unusable


async def test_answer_without_the_tool_is_invalid(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    rig = await make_rig(LLM_MODEL="claude-sonnet-4-6")
    fake_anthropic.reply_raw(
        {
            "id": "msg_01",
            "type": "message",
            "role": "assistant",
            "model": rig.settings.LLM_MODEL,
            "content": [{"type": "text", "text": "I would rate this prospect highly."}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {
                "input_tokens": 50,
                "output_tokens": 20,
                "cache_creation_input_tokens": 0,
                "cache_read_input_tokens": 0,
            },
        }
    )

    error = await expect_unavailable(rig.ask(), "invalid_output")

    assert "no emit tool call" in str(error)
    assert [(row.outcome, row.output_tokens) for row in await rig.ledger()] == [("invalid", 20)]


async def test_native_answer_that_is_not_json_is_invalid(
    make_rig: RigFactory, fake_anthropic: FakeAnthropic
) -> None:
    rig = await make_rig()
    fake_anthropic.reply_raw(
        {
            "id": "msg_01",
            "type": "message",
            "role": "assistant",
            "model": rig.settings.LLM_MODEL,
            "content": [{"type": "text", "text": "I would rate this prospect highly."}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": 50, "output_tokens": 20},
        }
    )

    await expect_unavailable(rig.ask(), "invalid_output")
    assert [row.outcome for row in await rig.ledger()] == ["invalid"]


def _rate_limited(headers: dict[str, str]) -> RateLimitError:
    request = httpx2.Request("POST", "http://127.0.0.1/v1/messages")
    return RateLimitError(
        "rate limited", response=httpx2.Response(429, headers=headers, request=request), body=None
    )


def test_retry_after_parsing() -> None:
    assert retry_after_seconds(None) is None
    assert retry_after_seconds(_rate_limited({})) is None
    assert retry_after_seconds(_rate_limited({"retry-after": "7"})) == 7.0
    assert retry_after_seconds(_rate_limited({"retry-after-ms": "1500", "retry-after": "9"})) == 1.5
    in_a_minute = email.utils.formatdate(time.time() + 60, usegmt=True)
    assert 55 <= (retry_after_seconds(_rate_limited({"retry-after": in_a_minute})) or 0) <= 60
    assert retry_after_seconds(_rate_limited({"retry-after": "soon"})) is None


# --- the fake is as strict as the API ----------------------------------------------------------


async def test_fake_rejects_what_the_api_rejects(fake_anthropic: FakeAnthropic) -> None:
    """Model-specific and shape rules, through the real SDK with strict response validation."""
    sdk = fake_anthropic.sdk_client()
    fake_anthropic.responder = lambda request: ANSWER
    base: dict[str, Any] = {"max_tokens": 100, "messages": [{"role": "user", "content": "x"}]}
    tool = {"name": "emit", "input_schema": {"type": "object", "properties": {}}}
    try:
        for model in ("claude-sonnet-5-5", "claude-opus-5-5"):
            with pytest.raises(BadRequestError, match="forced tool use is not supported"):
                await sdk.messages.create(
                    model=model,
                    tools=[tool],  # type: ignore[list-item]
                    tool_choice={"type": "tool", "name": "emit"},
                    **base,
                )
        ok = await sdk.messages.create(
            model="claude-sonnet-4-6",
            tools=[tool],  # type: ignore[list-item]
            tool_choice={"type": "tool", "name": "emit"},
            **base,
        )
        assert ok.stop_reason == "tool_use" and isinstance(ok.content[0], ToolUseBlock)

        with pytest.raises(BadRequestError, match="temperature: Extra inputs"):  # gone in 2.x
            await sdk.messages.create(model="claude-sonnet-5-5", extra_body={"temperature": 0.2}, **base)
        with pytest.raises(BadRequestError, match="additionalProperties"):
            await sdk.messages.create(
                model="claude-sonnet-5-5",
                output_config={"format": {"type": "json_schema", "schema": {"type": "object", "properties": {}}}},
                **base,
            )

        answer_schema = Answer.model_json_schema() | {"additionalProperties": False}
        native = await sdk.messages.create(
            model="claude-sonnet-5-5",
            output_config={"format": {"type": "json_schema", "schema": answer_schema}},
            **base,
        )
        assert native.stop_reason == "end_turn" and isinstance(native.content[0], TextBlock)
        assert Answer.model_validate_json(native.content[0].text) == Answer.model_validate(ANSWER)

        fake_anthropic.reply(ANSWER, stop_reason="max_tokens")
        fake_anthropic.refuse(category="cyber")
        closed: Any = {
            "type": "json_schema",
            "schema": {"type": "object", "properties": {}, "additionalProperties": False},
        }
        cut = await sdk.messages.create(model="claude-sonnet-5-5", output_config={"format": closed}, **base)
        refused = await sdk.messages.create(model="claude-sonnet-5-5", output_config={"format": closed}, **base)
        assert cut.stop_reason == "max_tokens" and cut.usage.output_tokens == 100
        assert refused.stop_reason == "refusal" and refused.content == []
        assert refused.stop_details is not None and refused.stop_details.category == "cyber"
    finally:
        await sdk.close()


# --- bounded time: deadlines, priority, the breaker before every attempt --------------------------


async def test_deadline_bounds_all_attempts(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    """A hung API: one interactive call ends at its total deadline, not attempts × LLM_TIMEOUT_S."""
    rig = await make_rig(
        LLM_DEADLINE_INTERACTIVE_S=0.8, LLM_TIMEOUT_S=5, LLM_MAX_ATTEMPTS=5, LLM_BREAKER_FAILURES=5
    )
    fake_anthropic.sleep(10, times=5)

    started = time.perf_counter()
    error = await expect_unavailable(rig.ask(), "deadline")
    elapsed = time.perf_counter() - started

    assert 0.7 <= elapsed < 1.5, elapsed
    assert "interactive deadline (0.8 s" in str(error)
    assert fake_anthropic.attempts == 1 and rig.llm.breaker.consecutive_failures == 1
    assert [row.outcome for row in await rig.ledger()] == ["error"]


async def test_deadline_covers_the_wait_for_a_slot(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    rig = await make_rig(LLM_MAX_CONCURRENCY=1, LLM_DEADLINE_INTERACTIVE_S=0.4)
    fake_anthropic.reply(ANSWER, delay=1.5)
    busy = asyncio.create_task(rig.ask(prompt="long job call", lane="background"))
    await wait_until(lambda: fake_anthropic.attempts == 1)

    started = time.perf_counter()
    await expect_unavailable(rig.ask(prompt="waiting"), "deadline")

    assert time.perf_counter() - started < 1.0
    assert fake_anthropic.attempts == 1  # never sent: it timed out in the queue
    assert rig.llm.breaker.consecutive_failures == 0  # queueing says nothing about the API
    assert (await busy).value.score == 86  # the background call had minutes, and finished


async def test_interactive_calls_go_ahead_of_queued_job_calls(
    make_rig: RigFactory, fake_anthropic: FakeAnthropic
) -> None:
    rig = await make_rig(LLM_MAX_CONCURRENCY=1)
    fake_anthropic.reply(ANSWER, delay=0.3)
    fake_anthropic.responder = lambda request: ANSWER
    first = asyncio.create_task(rig.ask(prompt="job 0", lane="background"))
    await wait_until(lambda: fake_anthropic.attempts == 1)
    queued = [asyncio.create_task(rig.ask(prompt=f"job {i}", lane="background")) for i in range(1, 4)]
    await asyncio.sleep(0.05)
    interactive = asyncio.create_task(rig.ask(prompt="interactive"))

    await asyncio.gather(first, *queued, interactive)

    order = [r.json["messages"][0]["content"] for r in fake_anthropic.requests]
    assert order == ["job 0", "interactive", "job 1", "job 2", "job 3"]


async def test_job_lane_has_the_long_deadline(make_rig: RigFactory, fake_anthropic: FakeAnthropic) -> None:
    rig = await make_rig(LLM_DEADLINE_INTERACTIVE_S=0.3, LLM_DEADLINE_BACKGROUND_S=5)
    fake_anthropic.reply(ANSWER, delay=0.6)

    async def in_a_job() -> Any:
        llm_module.background_lane()  # what a job worker does for its task
        return await rig.ask()

    assert (await asyncio.create_task(in_a_job())).value.tier == 1
    assert llm_module.LANE.get() == "interactive"  # the worker's lane did not leak into this task


async def test_hung_api_20_concurrent_calls_stop_when_the_breaker_opens(
    make_rig: RigFactory, fake_anthropic: FakeAnthropic
) -> None:
    """Before: all 20 calls made all 60 attempts with the circuit open. Now each failed attempt
    counts, and every call consults the breaker before each attempt (and after waiting for a slot)."""
    rig = await make_rig(
        LLM_MAX_CONCURRENCY=4,
        LLM_TIMEOUT_S=0.2,
        LLM_MAX_ATTEMPTS=3,
        LLM_BREAKER_FAILURES=5,
        LLM_DEADLINE_INTERACTIVE_S=30,
    )
    fake_anthropic.sleep(3, times=60)
    sent_when_opened: list[int] = []
    record_failure = rig.llm.breaker.record_failure

    def spy() -> None:
        was = rig.llm.breaker.state
        record_failure()
        if was != "open" and rig.llm.breaker.state == "open":
            sent_when_opened.append(fake_anthropic.attempts)

    rig.llm.breaker.record_failure = spy  # type: ignore[method-assign]

    results = await asyncio.gather(*(rig.ask(prompt=f"p{i}") for i in range(20)), return_exceptions=True)

    reasons = [r.reason for r in results if isinstance(r, LLMUnavailable)]
    assert len(reasons) == 20 and set(reasons) <= {"failed", "circuit_open"}
    assert reasons.count("circuit_open") >= 12
    [opened_at] = sent_when_opened
    assert opened_at <= 8  # 5 failed attempts open it; at most the 3 others in flight with them
    assert fake_anthropic.attempts == opened_at  # not one request after the circuit opened
    assert rig.llm.breaker.state == "open"
