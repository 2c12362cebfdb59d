"""Scenario `claude`: Claude's faults, played by the fake Messages API, and the circuit breaker.

One service process on SQLite whose `ANTHROPIC_BASE_URL` is tests/support/netproxy.py's cuttable proxy in
front of tests/support/fake_anthropic.py (so "connection refused" is real: the proxy stops listening).
LLM_MAX_ATTEMPTS=2, LLM_TIMEOUT_S=1, LLM_BREAKER_FAILURES=5, LLM_BREAKER_COOLDOWN_S=2 (full: 5). The breaker
counts failed attempts: one fault case (two calls × two attempts = 4) stays under it.

1. Each fault in turn, scripted for every attempt of one `POST /api/prospects/analyze` and one
   `POST /api/content/generate-sequence`: 429 with `retry-after: 1`, 529, 500, a timeout (the fake
   answers after 2.5 s), malformed output (tool input against the schema; text and no tool call; a
   200 whose body is not JSON; JSON that is not a message), connection refused. After each fault one
   healthy analysis resets the breaker's count (so each fault shows its own reason).
2. The breaker: connections refused until the health check shows the circuit open, a few more
   requests (answered at once with `circuit_open`), then the proxy listens again: the first call
   after the cooldown is the probe, it succeeds, the circuit closes.

PASS: every request answered 2xx; every fault's answers are `engine: rules` with the expected
`fallback` (failed for transport and 5xx faults, invalid_output for malformed output); the 429's
retry waited its retry-after; the health check shows the circuit open after LLM_BREAKER_FAILURES
failed attempts (⌈5 / 2⌉ = 3 refused calls) and closed again (engine claude) within cooldown + 3 s
of the fake coming back; /metrics shows the breaker gauge at 2 then 0.
Figures: answers by fallback reason, each fault's latency, time for the circuit to close.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

import httpx

from bench import common as bench
from bench.fakes import claude_answer
from reliability import common

NAME = "claude"
TITLE = "Claude faults from the fake server: 2xx on the rules engine with a fallback reason; the breaker"
ATTEMPTS = 2
TIMEOUT_S = 1
BREAKER_FAILURES = 5  # failed attempts; more than one fault case's 2 calls × ATTEMPTS


class NotJson:
    """A body the fake sends as these exact bytes (not JSON)."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw


def _fake() -> Any:
    from tests.support.fake_anthropic import FakeAnthropic  # the dev requirements (anthropic, pytest)

    class FaultyAnthropic(FakeAnthropic):
        """tests/support/fake_anthropic.py's fake, able to answer a 200 that is not JSON at all."""

        @staticmethod
        def _send_json(handler: BaseHTTPRequestHandler, status: int, body: Any, headers: dict[str, str]) -> None:
            if not isinstance(body, NotJson):
                FakeAnthropic._send_json(handler, status, body, headers)
                return
            handler.send_response(status)
            handler.send_header("content-type", "application/json")
            handler.send_header("content-length", str(len(body.raw)))
            handler.end_headers()
            handler.wfile.write(body.raw)

    fake = FaultyAnthropic()
    fake.responder = lambda request: claude_answer(request)[1]
    return fake


TEXT_ONLY = {
    "id": "msg_text_only",
    "type": "message",
    "role": "assistant",
    "model": "claude-sonnet-4-6",
    "content": [{"type": "text", "text": "Sure! Here is my analysis of the prospect: ..."}],
    "stop_reason": "end_turn",
    "stop_sequence": None,
    "usage": {"input_tokens": 100, "output_tokens": 20},
}


def faults(proxy: Any) -> list[tuple[str, str, Callable[[Any, int], None], Any, Any]]:
    """(name, expected fallback, script(fake, calls), before, after): `script` queues the fault for
    `calls` Claude calls; `before`/`after` are coroutines run around the requests (or None)."""
    return [
        (
            "429 + retry-after: 1",
            "failed",
            lambda f, k: f.fail(429, headers={"retry-after": "1"}, times=k * ATTEMPTS),
            None,
            None,
        ),
        ("529 overloaded", "failed", lambda f, k: f.fail(529, times=k * ATTEMPTS), None, None),
        ("500 api_error", "failed", lambda f, k: f.fail(500, times=k * ATTEMPTS), None, None),
        (
            f"timeout (2.5 s > LLM_TIMEOUT_S={TIMEOUT_S})",
            "failed",
            lambda f, k: f.sleep(TIMEOUT_S + 1.5, times=k * ATTEMPTS),
            None,
            None,
        ),
        (
            "malformed: tool input against the schema",
            "invalid_output",
            lambda f, k: f.reply({"unexpected": "shape"}, times=k),
            None,
            None,
        ),
        (
            "malformed: text, no tool call",
            "invalid_output",
            lambda f, k: f.reply_raw(TEXT_ONLY, times=k),
            None,
            None,
        ),
        (
            "malformed: 200 whose body is not JSON",
            "invalid_output",
            lambda f, k: f.reply_raw(NotJson(b"<html>502 Bad Gateway</html>"), times=k),
            None,
            None,
        ),
        (
            "malformed: JSON that is not a message",
            "invalid_output",
            lambda f, k: f.reply_raw({"ok": True}, times=k),
            None,
            None,
        ),
        ("connection refused", "failed", lambda f, k: None, proxy.cut, proxy.start),
    ]


async def _scenario(result: common.Result, full: bool) -> None:
    from tests.support.netproxy import CuttableProxy

    cooldown = 5.0 if full else 2.0
    fake = _fake().start()
    fake_port = int(fake.url.rsplit(":", 1)[1])
    proxy = CuttableProxy(lambda: asyncio.open_connection("127.0.0.1", fake_port))
    await proxy.start()
    try:
        with common.service_env(
            ANTHROPIC_API_KEY="test",
            ANTHROPIC_BASE_URL=f"http://127.0.0.1:{proxy.port}",
            LLM_MAX_ATTEMPTS=str(ATTEMPTS),
            LLM_TIMEOUT_S=str(TIMEOUT_S),
            LLM_MAX_RETRY_AFTER_S="5",
            LLM_BREAKER_FAILURES=str(BREAKER_FAILURES),
            LLM_BREAKER_COOLDOWN_S=str(cooldown),
        ) as env:
            key = await asyncio.to_thread(bench.create_api_key, env, name="claude", scopes="read,write")
            srv = common.ServiceProcess(env)
            await asyncio.to_thread(srv.start)
            try:
                await _drive(result, srv, key, fake, proxy, cooldown)
                log = srv.log_text()
                common.print_log_errors(result, log)
            finally:
                await asyncio.to_thread(srv.stop)
        result.check("Traceback" not in log, "the server logged a traceback")
    finally:
        await proxy.cut()
        fake.stop()


async def _drive(
    result: common.Result, srv: common.ServiceProcess, key: str, fake: Any, proxy: Any, cooldown: float
) -> None:
    tag = common.unique_tag()
    seq = 0
    answers: Counter[tuple[str, str, str]] = Counter()  # (feature, engine, fallback)
    non_2xx: list[str] = []

    # A new connection per request: after an unexpected 500 the server closes its connection, and on a
    # kept-alive one the next request would fail too, hiding which request did what.
    async with httpx.AsyncClient(
        base_url=srv.base_url,
        headers={"X-API-Key": key},
        timeout=60,
        limits=httpx.Limits(max_keepalive_connections=0),
    ) as c:

        async def post(feature: str, path: str, body: dict[str, Any]) -> tuple[dict[str, Any], float]:
            """POST; the answer's JSON with its `status` (or status "no answer"), and the seconds it took."""
            started = time.perf_counter()
            try:
                r = await c.post(path, json=body)
            except httpx.TransportError as exc:
                non_2xx.append(f"POST {path} -> no answer ({type(exc).__name__})")
                return {"status": "no answer"}, time.perf_counter() - started
            took = time.perf_counter() - started
            if r.status_code != 200:
                non_2xx.append(f"POST {path} -> {r.status_code}: {r.text[:300]}")
                return {"status": r.status_code}, took
            answer = r.json()
            answers[(feature, answer["engine"], answer.get("fallback") or "none")] += 1
            return {"status": 200, **answer}, took

        async def analyze() -> tuple[dict[str, Any], float]:
            nonlocal seq
            seq += 1
            return await post(
                "analysis",
                "/api/prospects/analyze",
                {"industry": "casino", "prospect": common.prospects(1, f"{tag}-{seq}")[0]},
            )

        async def sequence(prospect_id: str) -> tuple[dict[str, Any], float]:
            return await post(
                "sequence",
                "/api/content/generate-sequence",
                {"prospect_id": prospect_id, "sender": common.SENDER, "steps": 3},
            )

        async def health() -> dict[str, str]:
            return (await c.get("/api/health")).json().get("engine", {})

        async def circuit_gauge() -> float:
            return common.total(await common.scrape(c, srv.base_url), "tune_llm_circuit_state")

        before = await common.scrape(c, srv.base_url)
        base, _ = await analyze()
        prospect_id = base.get("prospect_id", "")
        result.check(base.get("engine") == "claude", f"the healthy baseline answered {base.get('engine')}")

        # 1. each fault
        result.info(f"{'fault':44} {'analysis':>28} {'sequence':>28}  then a healthy call")
        for name, expected, script, before_requests, after_requests in faults(proxy):
            script(fake, 2)  # one analysis and one sequence
            if before_requests:
                await before_requests()
            a, a_s = await analyze()
            s, s_s = await sequence(prospect_id)
            if after_requests:
                await after_requests()
            healthy, _ = await analyze()
            cells = [
                f"{x['status']} {x.get('engine', '-')}/{x.get('fallback', '-')} {t:4.1f}s"
                for x, t in ((a, a_s), (s, s_s))
            ]
            result.info(f"{name:44} {cells[0]:>28} {cells[1]:>28}  {healthy['status']} {healthy.get('engine')}")
            for feature, body in (("analysis", a), ("sequence", s)):
                result.check(
                    body.get("engine") == "rules" and body.get("fallback") == expected,
                    f"{name}: {feature} answered {body['status']}, engine {body.get('engine')}, "
                    f"fallback {body.get('fallback')} (expected 200 rules/{expected})",
                )
            result.check(
                healthy.get("engine") == "claude",
                f"after {name}: a healthy call answered {healthy['status']} {healthy.get('engine')}",
            )
            if name.startswith("429"):
                result.check(
                    a_s >= 1.0 and s_s >= 1.0,
                    f"429: answered in {a_s:.2f} s and {s_s:.2f} s, before the retry-after of 1 s",
                )
        result.check(fake.pending == 0, f"{fake.pending} scripted faults were never requested")

        # 2. the breaker
        await proxy.cut()
        failures_to_open = 0
        while (await health()).get("circuit") != "open" and failures_to_open < 3 * BREAKER_FAILURES:
            await analyze()
            failures_to_open += 1
        opened_at = time.perf_counter()
        state_open = await health()
        gauge_open = await circuit_gauge()
        fast = []
        for _ in range(5):
            body, took = await analyze()
            fast.append(took)
            result.check(
                body.get("fallback") == "circuit_open",
                f"with the circuit open, an analysis answered fallback {body.get('fallback')}",
            )
        await proxy.start()
        restored_at = time.perf_counter()
        closed_after = None
        probes = 0
        while time.perf_counter() - restored_at < cooldown + 10:
            body, _ = await analyze()
            probes += 1
            if body.get("engine") == "claude":
                closed_after = time.perf_counter()
                break
            await asyncio.sleep(0.2)
        state_closed = await health()
        gauge_closed = await circuit_gauge()
        after = await common.scrape(c, srv.base_url)

    result.figure(
        "breaker",
        f"opened after {failures_to_open} refused calls (health: {state_open}); "
        f"/metrics tune_llm_circuit_state {gauge_open:g}",
    )
    result.figure(
        "while open", f"5 analyses answered circuit_open in {max(fast) * 1000:.0f} ms at most (no call made)"
    )
    closed_text = (
        f"{closed_after - opened_at:.1f} s after opening ({closed_after - restored_at:.1f} s after "
        f"the fake came back, {probes} tries)"
        if closed_after
        else "never"
    )
    result.figure("closed", f"{closed_text}; health: {state_closed}; tune_llm_circuit_state {gauge_closed:g}")
    by_reason: Counter[str] = Counter()
    for (_, engine, fallback), count in answers.items():
        by_reason[f"{engine}/{fallback}"] += count
    result.figure("answers by engine/fallback", ", ".join(f"{k}: {v}" for k, v in sorted(by_reason.items())))
    labels = ("feature", "engine", "fallback")
    engine_delta = common.delta(
        common.by_label(after, "tune_engine_results_total", *labels),
        common.by_label(before, "tune_engine_results_total", *labels),
    )
    result.figure(
        "/metrics tune_engine_results_total delta",
        ", ".join(f"{f}/{e}/{fb}: {n:.0f}" for (f, e, fb), n in sorted(engine_delta.items())),
    )
    for line in non_2xx[:10]:
        result.info("non-2xx: " + line)

    result.check(not non_2xx, f"{len(non_2xx)} requests were not answered 2xx")
    result.check(
        state_open.get("circuit") == "open" and state_open.get("engine") == "rules",
        f"the health check never showed the circuit open: {state_open}",
    )
    calls_to_open = -(-BREAKER_FAILURES // ATTEMPTS)  # each refused call fails ATTEMPTS attempts
    result.check(
        failures_to_open == calls_to_open,
        f"the circuit opened after {failures_to_open} refused calls, not {calls_to_open} "
        f"({BREAKER_FAILURES} failed attempts)",
    )
    result.check(max(fast) < 1.0, f"with the circuit open an answer took {max(fast):.2f} s")
    result.check(
        closed_after is not None and closed_after - opened_at <= cooldown + 3,
        f"the circuit did not close within cooldown + 3 s ({closed_text})",
    )
    result.check(
        state_closed.get("circuit") == "closed" and state_closed.get("engine") == "claude",
        f"after recovery the health check shows {state_closed}",
    )
    result.check(
        gauge_open == 2 and gauge_closed == 0,
        f"tune_llm_circuit_state was {gauge_open:g} open and {gauge_closed:g} closed (want 2, 0)",
    )


def run(full: bool = False) -> common.Result:
    result = common.Result(NAME, TITLE)
    bench.run(_scenario(result, full))
    return result.finish()
