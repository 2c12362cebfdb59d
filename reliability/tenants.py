"""Scenario `tenants`: a bad tenant floods the service while a good one works normally.

The real service on a real PostgreSQL (started from the `pgserver` package, or the one given) with a
small pool (DB_POOL_SIZE=5, DB_MAX_OVERFLOW=5) and no rate limits, so what is measured is isolation,
not the limiter. Two workspaces, each with its own admin key and campaign:

- the bad tenant runs 4 loops (full: 8) of malformed requests: strings with a NUL byte, tampered
  and forged paging cursors with out-of-range values, webhooks with its own Clay secret aimed at
  the good tenant's campaign, forged signatures, a 400-digit signature timestamp and 50,000-deep
  JSON, POSTs to unknown routes with junk keys and Idempotency-Keys; plus one big CSV import
  (short 3,000 rows, full 5,000 rows three times);
- the good tenant runs 2 loops of ordinary requests: list its campaigns, read one, analyse a
  prospect, read a tier page, and the health check.

Short: 8 s of flood; full: 60 s. PASS: the good tenant sees 0 non-2xx answers and a p99 under 1 s; the bad
tenant gets only 4xx (never a 5xx); the health check answers 200 throughout; the connections open on
the database never exceed the pool's size (+1 for the counting connection); no unhandled error in
the server's log. Figures: requests per side, statuses, the good side's p50/p99/max, peak connections.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
import uuid
from collections import Counter
from typing import Any

import httpx

from bench import common as bench
from reliability import common

NAME = "tenants"
TITLE = "a bad tenant floods malformed requests and a big import; the good tenant sees 0 errors, p99 < 1 s"
POOL = {"DB_POOL_SIZE": "5", "DB_MAX_OVERFLOW": "5"}
P99_LIMIT_S = 1.0


def _b64(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).rstrip(b"=").decode()


def _csv(rows: int, tag: str) -> bytes:
    lines = ["Email Address,First Name,Last Name,Job Title,Company Name,Employees,Industry"]
    lines += [
        f"{tag}{i}@casino{i % 40}.example.com,Pat{i},Lee,VP of Marketing,Casino {i % 40} Resort,{500 + i},"
        "Casino & Gaming"
        for i in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


async def _connections(pg_url: str) -> int:
    import asyncpg
    from sqlalchemy.engine import make_url

    u = make_url(pg_url)
    conn = await asyncpg.connect(
        user=u.username, password=u.password, database=u.database, host=u.query.get("host") or u.host, port=u.port
    )
    try:
        # the service's connections only: this watcher's own is not one of them
        return int(
            await conn.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", u.database
            )
        )
    finally:
        await conn.close()


async def _scenario(
    result: common.Result,
    srv: common.ServiceProcess,
    good_key: str,
    bad_key: str,
    pg_url: str,
    *,
    seconds: float,
    bad_loops: int,
    imports: int,
    import_rows: int,
) -> None:
    timeout = httpx.Timeout(60.0)
    good = httpx.AsyncClient(base_url=srv.base_url, headers={"X-API-Key": good_key}, timeout=timeout)
    bad = httpx.AsyncClient(base_url=srv.base_url, headers={"X-API-Key": bad_key}, timeout=timeout)
    public = httpx.AsyncClient(base_url=srv.base_url, timeout=timeout)
    try:
        good_seed = await common.seed_campaign(good, prospects_n=6, sequences=0)
        bad_seed = await common.seed_campaign(bad, prospects_n=3, sequences=0)
        secret = (await bad.post("/api/clay/webhook-secrets", json={"name": "mallory"})).json()["secret"]
        person = common.prospects(1, common.unique_tag())[0]
        good_statuses: Counter[int | str] = Counter()
        bad_statuses: Counter[int | str] = Counter()
        health: Counter[int | str] = Counter()
        latencies: list[float] = []
        peak = 0
        stop = time.perf_counter() + seconds

        def bad_requests(i: int) -> list[Any]:
            nul = {**person, "first_name": "Da\x00na"}
            row = json.dumps({"Email": "x@y.example.com", "First Name": "Overwritten"}).encode()
            webhook = f"/api/clay/webhook?campaign_id={good_seed.campaign_id}"
            json_type = {"Content-Type": "application/json"}
            stale = {**json_type, "X-Signature": f"t={int(time.time())},v1=00"}
            huge = {**json_type, "X-Signature": "t=" + "9" * 400 + ",v1=0"}
            old_date = _b64(["0001-01-01T00:00:00+14:00", str(uuid.uuid4())])
            return [
                bad.post("/api/prospects/analyze", json={"industry": "casino", "prospect": nul}),
                bad.get("/api/campaigns", params={"cursor": old_date}),
                bad.get(
                    f"/api/campaigns/{bad_seed.campaign_id}/prospects/1",
                    params={"cursor": _b64([10**30 + i, str(uuid.uuid4())])},
                ),
                bad.get(f"/api/tracking/{bad_seed.campaign_id}/events", params={"cursor": "forged.cursor"}),
                public.post(webhook, content=row, headers={**json_type, "X-Clay-Secret": secret}),
                public.post(webhook, content=row, headers=stale),
                public.post(webhook, content=row, headers=huge),
                public.post(webhook, content=b"[" * 50_000 + b"]" * 50_000, headers=json_type),
                public.post(
                    f"/api/nowhere/{i}",
                    json={},
                    headers={"X-API-Key": f"tune_dev_junk{i}", "Idempotency-Key": uuid.uuid4().hex},
                ),
            ]

        async def bad_loop(i: int) -> None:
            while time.perf_counter() < stop:
                for request in bad_requests(i):
                    try:
                        bad_statuses[(await request).status_code] += 1
                    except httpx.HTTPError as exc:
                        bad_statuses[type(exc).__name__] += 1

        async def big_imports() -> None:
            for n in range(imports):
                if time.perf_counter() >= stop:
                    break
                try:
                    got = await bad.post(
                        f"/api/campaigns/{bad_seed.campaign_id}/prospects/import",
                        content=_csv(import_rows, f"imp{n}x"),
                        headers={"Content-Type": "text/csv"},
                    )
                    bad_statuses[f"import {got.status_code}"] += 1
                except httpx.HTTPError as exc:
                    bad_statuses[f"import {type(exc).__name__}"] += 1

        async def good_loop(i: int) -> None:
            n = 0
            while time.perf_counter() < stop:
                n += 1
                for request in (
                    good.get("/api/campaigns"),
                    good.get(f"/api/campaigns/{good_seed.campaign_id}"),
                    good.post(
                        "/api/prospects/analyze",
                        json={
                            "industry": "casino",
                            "prospect": {**person, "email": f"good{i}-{n}@casino.example.com"},
                        },
                    ),
                    good.get(f"/api/campaigns/{good_seed.campaign_id}/prospects/1"),
                ):
                    started = time.perf_counter()
                    try:
                        status: int | str = (await request).status_code
                    except httpx.HTTPError as exc:
                        status = type(exc).__name__
                    latencies.append(time.perf_counter() - started)
                    good_statuses[status] += 1

        async def watch() -> None:
            nonlocal peak
            while time.perf_counter() < stop:
                try:
                    health[(await public.get("/api/health")).status_code] += 1
                except httpx.HTTPError as exc:
                    health[type(exc).__name__] += 1
                peak = max(peak, await _connections(pg_url))
                await asyncio.sleep(0.25)

        await asyncio.gather(
            *(bad_loop(i) for i in range(bad_loops)), big_imports(), *(good_loop(i) for i in range(2)), watch()
        )
    finally:
        for c in (good, bad, public):
            await c.aclose()

    pool_max = int(POOL["DB_POOL_SIZE"]) + int(POOL["DB_MAX_OVERFLOW"])
    good_bad = {k: v for k, v in good_statuses.items() if not (isinstance(k, int) and 200 <= k < 300)}
    bad_5xx = {
        k: v
        for k, v in bad_statuses.items()
        if not (isinstance(k, int) and 400 <= k < 500) and k not in ("import 200",)
    }
    p99 = common.percentile(latencies, 99)
    result.figure("bad tenant", f"{sum(bad_statuses.values())} requests, statuses {dict(bad_statuses)}")
    result.figure("good tenant", f"{sum(good_statuses.values())} requests, statuses {dict(good_statuses)}")
    result.figure(
        "good tenant latency",
        f"p50 {common.percentile(latencies, 50) * 1000:.0f} ms, "
        f"p99 {p99 * 1000:.0f} ms, max {max(latencies, default=0) * 1000:.0f} ms",
    )
    result.figure("health checks", dict(health))
    result.figure("database connections", f"peak {peak} (pool {pool_max})")
    result.check(bool(latencies) and not good_bad, f"the good tenant saw non-2xx answers: {good_bad}")
    result.check(
        p99 < P99_LIMIT_S, f"the good tenant's p99 was {p99 * 1000:.0f} ms (limit {P99_LIMIT_S * 1000:.0f} ms)"
    )
    result.check(not bad_5xx, f"the bad tenant got answers other than 4xx: {bad_5xx}")
    result.check(set(health) == {200}, f"the health check answered {dict(health)}")
    # +1: an overflow connection closed on check-in is still listed for a moment while its replacement opens
    result.check(peak <= pool_max + 1, f"{peak} service connections open on the database (pool {pool_max})")


async def _keys(pg_url: str) -> tuple[str, str]:
    """An admin key in each of two workspaces, made in this process (two `auth.py` runs cost seconds)."""
    import auth
    from database_async import TuneDatabase
    from settings import Settings

    db = TuneDatabase(settings=Settings(_env_file=None, DATABASE_URL=pg_url))  # type: ignore[call-arg]
    try:
        await db.migrate()
        keys = []
        async with db.session() as session:
            for name in ("good agency", "bad agency"):
                workspace = await auth.get_or_create_workspace(session, name=name)
                _, raw = await auth.create_key(
                    session, workspace_id=workspace.id, name=name, scopes=["read", "write", "admin"], env="dev"
                )
                keys.append(raw)
        return keys[0], keys[1]
    finally:
        await db.dispose()


def run(full: bool = False, *, pg_admin_url: str | None = None) -> common.Result:
    result = common.Result(NAME, TITLE)
    seconds = 60.0 if full else 8.0
    with common.postgres(pg_admin_url) as admin_url:
        pg_url = bench.run(common.create_database(admin_url))
        try:
            with common.service_env(DATABASE_URL=pg_url, CAMPAIGN_CSV_MAX_ROWS="5000", **POOL) as env:
                good_key, bad_key = bench.run(_keys(pg_url))
                with common.ServiceProcess(env) as srv:
                    bench.run(
                        _scenario(
                            result,
                            srv,
                            good_key,
                            bad_key,
                            pg_url,
                            seconds=seconds,
                            bad_loops=8 if full else 4,
                            imports=3 if full else 1,
                            import_rows=5000 if full else 3000,
                        )
                    )
                    errors = common.print_log_errors(result, srv.log_text())
                    unhandled = {k: v for k, v in errors.items() if "unhandled" in k}
                    result.check(not unhandled, f"unhandled errors in the server log: {unhandled}")
        finally:
            bench.run(common.drop_database(admin_url, pg_url))
    return result.finish()
