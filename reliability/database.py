"""Scenario `database`: PostgreSQL goes away under light load and comes back.

A real PostgreSQL (started from the `pgserver` package, or the one given) with a fresh database,
reached by the service only through tests/netproxy.py's cuttable TCP proxy; DB_CONNECT_TIMEOUT=2.
Four clients send requests one after another (a 50 ms pause between): GET /api/health,
GET /api/industries, GET /api/campaigns and POST /api/prospects/analyze. After 2 s the proxy is cut
(new connections refused, open ones dropped, as when a database server crashes) for a few seconds
(short 3 s, full 15 s), then restored. The service process is the same from start to end.

PASS: during the outage every request that did not succeed is a 503 problem+json with Retry-After
(never a 500, never without an answer), none took longer than DB_CONNECT_TIMEOUT + 2 s, the health
check answered 503; after the restore the health check answers 200 and every kind of request
succeeds again within 10 s, and all requests after that succeed; the process never restarted.
Figures: requests and 503s during the outage, the slowest answer then, the time to recover.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

import httpx

from bench import common as bench
from reliability import common

NAME = "database"
TITLE = "PostgreSQL cut away and back under light load (503 problem+json, never 500 or a hang; recovery)"
CONNECT_TIMEOUT = 2
KINDS = ("health", "industries", "campaigns", "analyze")


@dataclass
class Hit:
    kind: str
    started: float
    seconds: float
    status: int | str
    problem: bool = False
    retry_after: bool = False


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
                r = await c.post("/api/prospects/analyze", json={
                    "industry": "casino", "prospect": common.prospects(1, f"{tag}-{seq}")[0]})
            hit = Hit(kind, started, time.perf_counter() - started, r.status_code,
                      r.headers.get("content-type", "").startswith("application/problem+json"),
                      "retry-after" in r.headers)
        except httpx.TransportError as exc:
            hit = Hit(kind, started, time.perf_counter() - started, f"error:{type(exc).__name__}")
        hits.append(hit)
        await asyncio.sleep(0.05)


async def _scenario(result: common.Result, admin_url: str, outage_s: float) -> None:
    from tests.netproxy import CuttableProxy

    db_url = await common.create_database(admin_url)
    proxy = CuttableProxy(common.pg_connector(db_url))
    await proxy.start()
    try:
        with common.service_env(DATABASE_URL=common.via_port(db_url, proxy.port),
                                DB_CONNECT_TIMEOUT=str(CONNECT_TIMEOUT)) as env:
            key = await asyncio.to_thread(bench.create_api_key, env, name="database", scopes="read,write")
            srv = common.ServiceProcess(env)
            await asyncio.to_thread(srv.start)
            try:
                await _drive(result, srv, key, proxy, outage_s)
                log = srv.log_text()
            finally:
                await asyncio.to_thread(srv.stop)
        errors = common.print_log_errors(result, log)
        unexpected = {k: n for k, n in errors.items() if "unhandled" in k}
        result.check(not unexpected, f"unhandled errors in the server log: {unexpected}")
        result.check("Traceback" not in log, "the server logged a traceback")
    finally:
        await proxy.cut()
        await common.drop_database(admin_url, db_url)


async def _drive(result: common.Result, srv: common.ServiceProcess, key: str, proxy: Any, outage_s: float) -> None:
    assert srv.proc is not None
    pid = srv.proc.pid
    hits: list[Hit] = []
    stop = asyncio.Event()
    tag = common.unique_tag()
    clients = [httpx.AsyncClient(base_url=srv.base_url, headers={"X-API-Key": key}, timeout=30) for _ in KINDS]
    try:
        loops = [asyncio.create_task(_client_loop(kind, c, hits, stop, tag)) for kind, c in zip(KINDS, clients,
                                                                                                 strict=True)]
        await asyncio.sleep(2.0)
        cut_at = time.perf_counter()
        await proxy.cut()
        await asyncio.sleep(outage_s)
        await proxy.start()
        restored_at = time.perf_counter()
        # Recovered: every kind has succeeded since the restore, and then two more seconds of traffic.
        recovered_at = None
        while time.perf_counter() - restored_at < 30:
            ok_since = {h.kind for h in hits if h.started >= restored_at and h.status in (200, 201)}
            if ok_since >= set(KINDS):
                recovered_at = time.perf_counter()
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(2.0)
        stop.set()
        await asyncio.gather(*loops)
    finally:
        for c in clients:
            await c.aclose()

    before = [h for h in hits if h.started + h.seconds < cut_at]
    outage = [h for h in hits if cut_at <= h.started < restored_at]
    after = [h for h in hits if h.started >= restored_at]
    failed = [h for h in outage if h.status not in (200, 201)]
    statuses = Counter(h.status for h in outage)
    bad = [h for h in outage if h.status not in (200, 201, 503)]
    not_problem = [h for h in failed if h.status == 503 and not (h.problem and h.retry_after)]
    slowest = max((h.seconds for h in outage), default=0.0)
    first_ok = {kind: min((h.started + h.seconds - restored_at for h in after
                           if h.kind == kind and h.status in (200, 201)), default=None) for kind in KINDS}
    tail = [h for h in after if recovered_at is not None and h.started >= recovered_at]
    tail_bad = Counter(h.status for h in tail if h.status not in (200, 201))

    result.figure("before the cut", f"{len(before)} requests, statuses {dict(Counter(h.status for h in before))}")
    result.figure("during the outage", f"{len(outage)} requests in {restored_at - cut_at:.1f} s: "
                  + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items(), key=lambda kv: str(kv[0])))
                  + f"; by kind {dict(Counter((h.kind, h.status) for h in outage))}")
    shaped = "all" if not not_problem else f"{statuses.get(503, 0) - len(not_problem)}"
    result.figure("503s", f"{statuses.get(503, 0)} ({shaped} problem+json with Retry-After)")
    result.figure("slowest answer during the outage",
                  f"{slowest * 1000:.0f} ms (DB_CONNECT_TIMEOUT {CONNECT_TIMEOUT} s)")
    recovered_text = f"{recovered_at - restored_at:.1f} s after the restore" if recovered_at else "not within 30 s"
    result.figure("time to recover", f"every kind of request succeeded again {recovered_text}; first 200 by kind: "
                  + ", ".join(f"{k} {v:.2f} s" if v is not None else f"{k} never" for k, v in first_ok.items()))
    result.figure("after recovery", f"{len(tail)} requests, non-2xx {dict(tail_bad)}")
    alive = srv.proc is not None and srv.proc.poll() is None and srv.proc.pid == pid
    result.figure("service process", f"pid {pid}, {'the same process throughout' if alive else 'NOT running'}")

    result.check(bool(outage) and statuses.get(503, 0) > 0, "no request was answered 503 during the outage")
    result.check(not bad, f"during the outage: {dict(Counter(h.status for h in bad))} (only 503 allowed)")
    result.check(not not_problem, f"{len(not_problem)} 503s without problem+json and Retry-After")
    result.check(any(h.kind == "health" and h.status == 503 for h in outage), "the health check never said 503")
    result.check(slowest <= CONNECT_TIMEOUT + 2, f"an answer during the outage took {slowest:.1f} s")
    result.check(recovered_at is not None and recovered_at - restored_at <= 10, f"recovery: {recovered_text}")
    result.check(not tail_bad, f"after recovery, non-2xx answers: {dict(tail_bad)}")
    result.check(alive, "the service process did not stay up")


def run(full: bool = False, *, pg_admin_url: str | None = None, outage_s: float | None = None) -> common.Result:
    result = common.Result(NAME, TITLE)
    outage = outage_s or (15.0 if full else 3.0)
    with common.postgres(pg_admin_url) as admin_url:
        bench.run(_scenario(result, admin_url, outage))
    return result.finish()
