"""Scenario `database`: PostgreSQL goes away under light load and comes back, twice.

A real PostgreSQL (started from the `pgserver` package, or the one given) with a fresh database,
reached by the service only through a TCP proxy (tests/support/netproxy.py's CuttableProxy, which this
module extends with a stall); DB_CONNECT_TIMEOUT=2 and DB_STATEMENT_TIMEOUT_S=2. Four clients send requests one
(a 50 ms pause between): GET /api/health, GET /api/industries, GET /api/campaigns and
POST /api/prospects/analyze. The service process is the same from start to end.

1. `cut`: the proxy refuses new connections and drops the open ones, as when the database server
   crashes or restarts (short 3 s, full 15 s); then it listens again.
2. `stall`: the proxy keeps every connection open but forwards nothing, as during a network
   partition or a frozen server (short 7 s, full 20 s); then bytes flow again.

PASS, for each: while the database is away, every request that does not succeed is a 503
problem+json with Retry-After (never a 500, never without an answer) and none waits longer than
2 x DB_CONNECT_TIMEOUT + 1 s (a connect, ping or statement timeout, plus its cancellation); the health check
answers 503; once the database is back, the health check answers 200 and every kind of request
succeeds again within 10 s, and every request after that succeeds; the process never restarted.
Figures: requests and 503s while away, the slowest answer then, the time to recover.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

import httpx

from bench import common as bench
from reliability import common

NAME = "database"
TITLE = "PostgreSQL cut away and stalled, then back, under light load (503, never 500 or a hang; recovery)"
CONNECT_TIMEOUT = 2
MAX_WAIT_S = 2 * CONNECT_TIMEOUT + 1
KINDS = ("health", "industries", "campaigns", "analyze")


@dataclass
class Hit:
    kind: str
    started: float
    seconds: float
    status: int | str
    problem: bool = False
    retry_after: bool = False


def _proxy(connect: Any) -> Any:
    from tests.support.netproxy import CuttableProxy

    class StallableProxy(CuttableProxy):
        """CuttableProxy that can also stall: connections stay open, no byte goes through."""

        def __init__(self, connect: Any) -> None:
            super().__init__(connect)
            self.flowing = asyncio.Event()
            self.flowing.set()

        async def stall(self) -> None:
            self.flowing.clear()

        async def unstall(self) -> None:
            self.flowing.set()

        async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            up_reader, up_writer = await self._connect()
            self._writers |= {writer, up_writer}

            async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
                with contextlib.suppress(Exception):
                    while data := await src.read(65536):
                        await self.flowing.wait()
                        dst.write(data)
                        await dst.drain()
                dst.close()

            await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    return StallableProxy(connect)


async def _client_loop(kind: str, c: httpx.AsyncClient, hits: list[Hit], stop: asyncio.Event, tag: str) -> None:
    seq = 0
    while not stop.is_set():
        seq += 1
        started = time.perf_counter()
        try:
            if kind == "health":
                r = await c.get("/api/health")
            elif kind == "industries":
                r = await c.get("/api/industries")
            elif kind == "campaigns":
                r = await c.get("/api/campaigns")
            else:
                r = await c.post(
                    "/api/prospects/analyze",
                    json={"industry": "casino", "prospect": common.prospects(1, f"{tag}-{seq}")[0]},
                )
            hit = Hit(
                kind,
                started,
                time.perf_counter() - started,
                r.status_code,
                r.headers.get("content-type", "").startswith("application/problem+json"),
                "retry-after" in r.headers,
            )
        except httpx.TransportError as exc:
            hit = Hit(kind, started, time.perf_counter() - started, f"error:{type(exc).__name__}")
        hits.append(hit)
        await asyncio.sleep(0.05)


async def _scenario(result: common.Result, admin_url: str, outages: dict[str, float]) -> None:
    db_url = await common.create_database(admin_url)
    proxy = _proxy(common.pg_connector(db_url))
    await proxy.start()
    try:
        with common.service_env(
            DATABASE_URL=common.via_port(db_url, proxy.port),
            DB_CONNECT_TIMEOUT=str(CONNECT_TIMEOUT),
            DB_STATEMENT_TIMEOUT_S=str(CONNECT_TIMEOUT),
        ) as env:
            key = await asyncio.to_thread(bench.create_api_key, env, name="database", scopes="read,write")
            srv = common.ServiceProcess(env)
            await asyncio.to_thread(srv.start)
            try:
                await _drive(result, srv, key, proxy, outages)
                log = srv.log_text()
            finally:
                await asyncio.to_thread(srv.stop)
        errors = common.print_log_errors(result, log)
        unexpected = {k: n for k, n in errors.items() if "unhandled" in k}
        result.check(not unexpected, f"unhandled errors in the server log: {unexpected}")
        result.check("Traceback" not in log, "the server logged a traceback")
    finally:
        await proxy.unstall()
        await proxy.cut()
        await common.drop_database(admin_url, db_url)


async def _drive(
    result: common.Result, srv: common.ServiceProcess, key: str, proxy: Any, outages: dict[str, float]
) -> None:
    assert srv.proc is not None
    pid = srv.proc.pid
    hits: list[Hit] = []
    stop = asyncio.Event()
    tag = common.unique_tag()
    clients = [httpx.AsyncClient(base_url=srv.base_url, headers={"X-API-Key": key}, timeout=60) for _ in KINDS]
    windows: list[tuple[str, float, float, float | None]] = []  # (mode, away at, back at, recovered at)
    try:
        loops = [
            asyncio.create_task(_client_loop(kind, c, hits, stop, tag))
            for kind, c in zip(KINDS, clients, strict=True)
        ]
        for mode, seconds in outages.items():
            await asyncio.sleep(2.0)
            away_at = time.perf_counter()
            await (proxy.cut() if mode == "cut" else proxy.stall())
            await asyncio.sleep(seconds)
            await (proxy.start() if mode == "cut" else proxy.unstall())
            back_at = time.perf_counter()
            # Recovered: every kind of request has succeeded since the database came back.
            recovered_at = None
            while time.perf_counter() - back_at < 30:
                ok_since = {h.kind for h in hits if h.started >= back_at and h.status in (200, 201)}
                if ok_since >= set(KINDS):
                    recovered_at = time.perf_counter()
                    break
                await asyncio.sleep(0.05)
            windows.append((mode, away_at, back_at, recovered_at))
        await asyncio.sleep(2.0)
        stop.set()
        await asyncio.gather(*loops)
    finally:
        for c in clients:
            await c.aclose()

    first_away = windows[0][1]
    before = [h for h in hits if h.started + h.seconds < first_away]
    result.figure("before", f"{len(before)} requests, statuses {dict(Counter(h.status for h in before))}")
    for i, (mode, away_at, back_at, recovered_at) in enumerate(windows):
        next_away = windows[i + 1][1] if i + 1 < len(windows) else float("inf")
        _judge(result, hits, mode, away_at, back_at, recovered_at, next_away)
    alive = srv.proc is not None and srv.proc.poll() is None and srv.proc.pid == pid
    result.figure("service process", f"pid {pid}, {'the same process throughout' if alive else 'NOT running'}")
    result.check(alive, "the service process did not stay up")


def _judge(
    result: common.Result,
    hits: list[Hit],
    mode: str,
    away_at: float,
    back_at: float,
    recovered_at: float | None,
    next_away: float,
) -> None:
    away = [h for h in hits if h.started < back_at and h.started + h.seconds > away_at]  # in flight meanwhile
    # After this outage and before the next: a request still in flight when the next outage began
    # belongs to that outage (it is judged there), not to this recovery.
    after = [h for h in hits if back_at <= h.started and h.started + h.seconds < next_away]
    statuses = Counter(h.status for h in away)
    bad = [h for h in away if h.status not in (200, 201, 503)]
    not_problem = [h for h in away if h.status == 503 and not (h.problem and h.retry_after)]
    slow = sorted((h for h in away if h.seconds > MAX_WAIT_S), key=lambda h: -h.seconds)
    slowest = max((h.seconds for h in away), default=0.0)
    first_ok = {
        kind: min(
            (h.started + h.seconds - back_at for h in after if h.kind == kind and h.status in (200, 201)),
            default=None,
        )
        for kind in KINDS
    }
    tail = [h for h in after if recovered_at is not None and h.started >= recovered_at]
    tail_bad = Counter(f"{h.status} {h.kind}" for h in tail if h.status not in (200, 201))
    label = f"{mode} ({back_at - away_at:.0f} s)"

    result.figure(
        f"{label}: requests while away",
        f"{len(away)}: "
        + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items(), key=lambda kv: str(kv[0])))
        + f"; 503s {statuses.get(503, 0)}, of which {statuses.get(503, 0) - len(not_problem)} "
        "problem+json with Retry-After",
    )
    result.figure(f"{label}: slowest answer while away", f"{slowest * 1000:.0f} ms (limit {MAX_WAIT_S} s)")
    for h in slow[:4]:
        result.info(
            f"  {h.kind} started {h.started - away_at:.1f} s into the {mode} answered {h.status} "
            f"after {h.seconds:.1f} s"
        )
    recovered_text = f"{recovered_at - back_at:.1f} s after it came back" if recovered_at else "not within 30 s"
    result.figure(
        f"{label}: time to recover",
        f"every kind of request succeeded again {recovered_text}; "
        "first 200: "
        + ", ".join(f"{k} {v:.2f} s" if v is not None else f"{k} never" for k, v in first_ok.items()),
    )
    result.figure(f"{label}: after recovery", f"{len(tail)} requests, non-2xx {dict(tail_bad)}")

    result.check(statuses.get(503, 0) > 0, f"{mode}: no request was answered 503 while the database was away")
    result.check(not bad, f"{mode}: while away {dict(Counter(h.status for h in bad))} (only 503 allowed)")
    result.check(not not_problem, f"{mode}: {len(not_problem)} 503s without problem+json and Retry-After")
    result.check(
        any(h.kind == "health" and h.status == 503 for h in away), f"{mode}: the health check never said 503"
    )
    result.check(
        not slow,
        f"{mode}: {len(slow)} requests waited longer than {MAX_WAIT_S} s "
        f"(slowest {slowest:.1f} s: {', '.join(sorted({h.kind for h in slow}))})",
    )
    result.check(recovered_at is not None and recovered_at - back_at <= 10, f"{mode}: recovery {recovered_text}")
    result.check(not tail_bad, f"{mode}: after recovery, non-2xx answers {dict(tail_bad)}")


def run(
    full: bool = False,
    *,
    pg_admin_url: str | None = None,
    cut_s: float | None = None,
    stall_s: float | None = None,
) -> common.Result:
    result = common.Result(NAME, TITLE)
    outages = {"cut": cut_s or (15.0 if full else 3.0), "stall": stall_s or (20.0 if full else 7.0)}
    with common.postgres(pg_admin_url) as admin_url:
        bench.run(_scenario(result, admin_url, outages))
    return result.finish()
