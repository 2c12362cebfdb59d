"""Shared pieces of the service-level benchmarks (intelligence, content, pipeline).

    from bench import fakes

    fakes.people(100, tag="r1")          # 100 distinct prospects (unique emails per tag), across tiers
    fakes.SENDER                         # a sender for content requests
    fakes.rules_env()                    # temp_env overrides that force the rules engine
    with fakes.FakeClaude(latency_s=0.2) as claude:     # the tests' fake Messages API, in this process
        env = common.temp_env(**claude.env(LLM_MAX_CONCURRENCY="4"))
        ...
        claude.calls, claude.max_concurrent, claude.by_purpose
    result, bodies = await fakes.post_each(url, [body, ...], headers=..., concurrency=1, server=srv)
    job, seconds = await fakes.wait_job(client, job_id)

The fake Claude answers every request after sleeping `latency_s` in its own handler thread (so
requests overlap like real network calls), with an answer that passes the service's validation and
quality gate: an insight for analyses, and plain, grounded copy for sequences, LinkedIn notes and
video scripts. So no call is redrafted or falls back, and a piece of content costs exactly one call.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

import httpx

from bench import common

# --- data -----------------------------------------------------------------------------------------

SENDER = {
    "name": "Sam Lee",
    "title": "Partner",
    "company": "Tune Outbound",
    "offer": "player reactivation campaigns",
}
_TITLES = ["VP of Marketing", "Director of Player Development", "Marketing Coordinator", "Intern"]
_SIGNALS = ["Opening a 400-room hotel tower in Q2 2027", "Hiring a Player Development Manager"]


def people(n: int, *, tag: str = "p") -> list[dict[str, Any]]:
    """n casino prospects across tiers (like tests/test_jobs.py's `people`), emails unique per `tag`."""
    return [
        {
            "email": f"{tag}.{i}@casino{i % 7}.com",
            "first_name": f"Pat{i}",
            "last_name": "Reyes",
            "title": _TITLES[i % len(_TITLES)],
            "company": f"Casino {i % 7} Resort",
            "industry": "Casino & Gaming",
            "employees": [2000, 300, 40][i % 3],
            "revenue": 180_000_000,
            "location": "Reno, NV",
            "signals": _SIGNALS if i % 2 == 0 else [],
        }
        for i in range(n)
    ]


def rules_env(**extra: str) -> dict[str, str]:
    """Overrides that keep a server on the rules engine even if the caller's shell has a Claude key."""
    return {"ANTHROPIC_API_KEY": "", "ANTHROPIC_BASE_URL": "", **extra}


# --- the fake Claude ------------------------------------------------------------------------------


def _facts(prompt: str) -> dict[str, Any]:
    """An analysis answer (intelligence.claude_facts.ClaudeFacts) quoting the prospect in the prompt:
    the title read as a marketing VP, each signal as an event, so every fact passes the quote gate."""
    try:
        prospect = json.loads(prompt.split("Prospect:", 1)[1])
    except (IndexError, ValueError):
        prospect = {}
    title = prospect.get("title")
    reading = (
        {
            "quote": title,
            "level": "vp",
            "function": "marketing",
            "functions": ["marketing"],
            "flags": [],
            "reference": "marketing leader",
            "language": "en",
        }
        if title
        else None
    )
    events = [
        {
            "field": "signals",
            "quote": signal,
            "lemma": "open",
            "object": "it",
            "date_text": None,
            "tense": "unknown",
            "negated": False,
        }
        for signal in prospect.get("signals", [])[:10]
        if signal
    ]
    return {
        "title": reading,
        "company_types": [],
        "disqualifiers": [],
        "events": events,
        "quantities": [],
        "mentions": [],
    }


# Plain copy: no figures, no capitalised names (nothing the quality gate could call invented), a question.
_EMAIL = (
    "Most teams we talk to are trying to bring lapsed regulars back without leaning on bigger "
    "offers. We run reactivation campaigns that find the guests who drifted away and give them a "
    "simple reason to return, and the work is measured visit by visit so you can see what moved. "
    "It is light on your team and fits the tools you already use. Would it be worth a short call "
    "next week to see whether it fits?"
)
_FOLLOW_UP = (
    "Following up on my last note about bringing lapsed regulars back. Would a short call next week be useful?"
)
_LINKEDIN = (
    "Your work on guest loyalty caught my eye. We help teams bring lapsed regulars back with "
    "simple reactivation campaigns. Open to connecting?"
)
_NARRATION = [
    "we",
    "help",
    "teams",
    "bring",
    "lapsed",
    "regulars",
    "back",
    "with",
    "simple",
    "reactivation",
    "campaigns",
    "that",
    "are",
    "easy",
    "to",
    "run",
    "and",
    "easy",
    "to",
    "measure",
    "and",
    "we",
    "would",
    "love",
    "to",
    "show",
    "you",
    "how",
    "it",
    "could",
    "work",
    "for",
    "your",
    "guests",
]


def _sequence(steps: int, variants: int) -> dict[str, Any]:
    subjects = ["quick question", "lapsed regulars", "guests coming back", "a simple idea", "worth a look"]
    return {
        "steps": [
            {
                "subject_variants": subjects[:variants],
                "body": _EMAIL if n == 0 else _FOLLOW_UP,
                "cta": "Worth a short call next week?",
                "personalisation": [],
            }
            for n in range(steps)
        ]
    }


def _video(duration: int) -> dict[str, Any]:
    words = round(duration * 150 / 60)  # the service's 150 words a minute
    scenes, count = 4, 0
    out = []
    for i in range(scenes):
        n = words // scenes + (1 if i < words % scenes else 0)
        text = " ".join(_NARRATION[(count + k) % len(_NARRATION)] for k in range(n))
        count += n
        out.append(
            {
                "start_s": duration * i / scenes,
                "end_s": duration * (i + 1) / scenes,
                "visual": "the sender on camera",
                "narration": text + ".",
            }
        )
    out[-1]["narration"] = out[-1]["narration"][:-1] + "?"
    return {"scenes": out, "personalisation": []}


def claude_answer(request: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """(purpose, answer) for one Messages request, chosen by the schema it asked for (native or tool)."""
    fmt = (request.get("output_config") or {}).get("format") or {}
    schema = fmt.get("schema") or ((request.get("tools") or [{}])[0].get("input_schema") or {})
    title = str(schema.get("title", ""))
    prompt = str(request["messages"][0]["content"])
    if title == "_ClaudeSequence":
        steps = re.search(r"Write a (\d+)-step", prompt)
        variants = re.search(r"Give each step (\d+) distinct", prompt)
        return "sequence", _sequence(
            int(steps.group(1)) if steps else 4, int(variants.group(1)) if variants else 2
        )
    if title == "_ClaudeLinkedIn":
        return "linkedin", {"body": _LINKEDIN, "personalisation": []}
    if title == "_ClaudeVideo":
        duration = re.search(r"Write a (\d+)-second", prompt)
        return "video", _video(int(duration.group(1)) if duration else 60)
    return "analyze", _facts(prompt)


class FakeClaude:
    """tests/support/fake_anthropic.py's server with a latency and an answer for every purpose; a context manager.

    `calls` counts the Messages requests answered, `by_purpose` splits them, `emails` counts the calls
    made for each prospect (read from the prompt), `max_concurrent` is the most in flight at once, and
    `spans` holds each call's (start, end) on this process's `time.perf_counter` clock (from when the
    fake has read the request to when its answer is ready), to see how the calls filled the time.
    """

    def __init__(self, latency_s: float) -> None:
        from tests.support.fake_anthropic import FakeAnthropic  # needs the dev requirements (pytest, anthropic)

        self.latency_s = latency_s
        self.fake = FakeAnthropic()
        self._lock = threading.Lock()
        self.by_purpose: Counter[str] = Counter()
        self.emails: Counter[str] = Counter()
        self.spans: list[tuple[float, float]] = []
        self.calls_by_email: dict[str, list[tuple[str, float, float]]] = {}  # email -> (purpose, start, end)
        self.fake.responder = self._respond

    def _respond(self, request: dict[str, Any]) -> dict[str, Any]:
        started = time.perf_counter()
        time.sleep(self.latency_s)  # the handler's own thread: other requests go on meanwhile
        purpose, answer = claude_answer(request)
        email = re.search(r'"email": "([^"]+)"', str(request["messages"][0]["content"]))
        with self._lock:
            self.by_purpose[purpose] += 1
            ended = time.perf_counter()
            if email:
                self.emails[email.group(1)] += 1
                self.calls_by_email.setdefault(email.group(1), []).append((purpose, started, ended))
            self.spans.append((started, ended))
        return answer

    def env(self, **extra: str) -> dict[str, str]:
        """Overrides for `common.temp_env` pointing the service here (LLM_MAX_ATTEMPTS=1: no hidden retries)."""
        # LLM_BATCHES=off: these figures are of the Messages path (large jobs would use Message Batches).
        return {
            "ANTHROPIC_API_KEY": "test",
            "ANTHROPIC_BASE_URL": self.fake.url,
            "LLM_MAX_ATTEMPTS": "1",
            "LLM_BATCHES": "off",
            **extra,
        }

    @property
    def calls(self) -> int:
        return self.fake.attempts

    @property
    def max_concurrent(self) -> int:
        return self.fake.max_concurrent

    @property
    def unscripted(self) -> int:
        return self.fake.unscripted

    def reset_counts(self) -> None:
        with self._lock:
            self.by_purpose.clear()
            self.emails.clear()
            self.spans.clear()
            self.calls_by_email.clear()
        self.fake.reset()  # forgets the responder too: put it back
        self.fake.responder = self._respond

    def timeline(self, started: float, ended: float, concurrency: int) -> dict[str, float]:
        """How the calls filled a run from `started` to `ended` (perf_counter): `head_s` before the first
        call, `span_s` from the first call's start to the last one's end, `tail_s` after it, `busy_s`
        the calls' summed time, and `utilisation` = busy_s / (concurrency x span_s)."""
        with self._lock:
            spans = sorted(self.spans)
        if not spans:
            return {"head_s": 0.0, "span_s": 0.0, "tail_s": 0.0, "busy_s": 0.0, "utilisation": 0.0}
        first, last = spans[0][0], max(end for _, end in spans)
        busy = sum(end - start for start, end in spans)
        span = last - first
        return {
            "head_s": first - started,
            "span_s": span,
            "tail_s": ended - last,
            "busy_s": busy,
            "utilisation": busy / (concurrency * span) if span > 0 else 0.0,
        }

    def gaps_between_calls(self) -> list[float]:
        """For prospects with several calls (made one after another): each gap, in seconds, from one
        call's end to the next call's start. That is the service's own time between two calls."""
        with self._lock:
            per_email = [sorted(calls, key=lambda c: c[1]) for calls in self.calls_by_email.values()]
        return [b[1] - a[2] for calls in per_email for a, b in pairwise(calls)]

    def __enter__(self) -> FakeClaude:
        self.fake.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.fake.stop()


# --- requests -------------------------------------------------------------------------------------


def client(base_url: str, key: str, timeout: float = 300.0) -> httpx.AsyncClient:
    """A client for setup, polling and big single requests (not for load: see `post_each`)."""
    return httpx.AsyncClient(base_url=base_url, headers={"X-API-Key": key}, timeout=timeout)


async def post_each(
    url: str,
    bodies: Sequence[Any],
    *,
    headers: Mapping[str, str],
    concurrency: int = 1,
    server: common.Server | None = None,
    request_timeout: float = 300.0,
) -> tuple[common.LoadResult, list[tuple[int, Any]]]:
    """POST each body once, `concurrency` at a time (one keep-alive connection per worker), and return
    a `common.LoadResult` (with the server's CPU time when `server` is given) and each (status, JSON)
    in the order of `bodies`."""
    result = common.LoadResult()
    answers: list[tuple[int, Any]] = [(0, None)] * len(bodies)
    queue = iter(range(len(bodies)))
    clients = [
        httpx.AsyncClient(
            timeout=request_timeout, limits=httpx.Limits(max_connections=1, max_keepalive_connections=1)
        )
        for _ in range(max(1, min(concurrency, len(bodies))))
    ]

    async def worker(c: httpx.AsyncClient) -> None:
        for i in queue:
            started = time.perf_counter()
            try:
                response = await c.post(url, headers=headers, json=bodies[i])
                status: int | str = response.status_code
                try:
                    answers[i] = (response.status_code, response.json())
                except ValueError:
                    answers[i] = (response.status_code, response.text)
            except httpx.TransportError as exc:
                status = f"error:{type(exc).__name__}"
                answers[i] = (0, status)
            result.latencies_ms.append((time.perf_counter() - started) * 1000)
            result.statuses[status] += 1

    try:
        async with common.measuring(result, server):
            await asyncio.gather(*(worker(c) for c in clients))
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))
    result.count = sum(result.statuses.values())
    return result, answers


async def wait_job(
    c: httpx.AsyncClient, job_id: str, *, max_wait_s: float = 600.0, interval: float = 0.05
) -> dict[str, Any]:
    """Poll GET /api/jobs/{id} until it is finished; raise on a non-200 answer or after `max_wait_s`."""
    deadline = time.monotonic() + max_wait_s
    while True:
        response = await c.get(f"/api/jobs/{job_id}")
        if response.status_code != 200:
            raise RuntimeError(f"GET /api/jobs/{job_id} answered {response.status_code}: {response.text[:500]}")
        job = response.json()
        if job["status"] in ("succeeded", "failed", "cancelled"):
            return job
        if time.monotonic() > deadline:
            raise RuntimeError(f"job {job_id} not finished after {max_wait_s:g} s: {json.dumps(job)[:500]}")
        await asyncio.sleep(interval)


def fmt_ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or not b:
        return "-"
    return f"{a / b:.2f}x"


def ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.2f}"
