"""Tracking under load: the pixel with and without group commit, and reports at small vs large volume.

    python -m bench tracking [--seconds 10] [--concurrency 50] [--rounds 2] [--burst 500]
                             [--small 10000] [--large 1000000] [--backends sqlite,postgres]
                             [--skip-pixel]

(a) Pixel hits/s, side by side, all under the same uvicorn flags (one worker, --no-access-log,
    LOG_LEVEL=WARNING): a bare FastAPI endpoint answering the same GIF (no database), ours with group
    commit (TRACKING_GROUP_COMMIT=true: concurrent hits share one transaction) and ours with one commit
    per hit (false). Every hit of ours is committed before its GIF goes out. The time is split into
    `--rounds` rounds alternating the order. Afterwards the events table must hold exactly one event
    per 200 answered: N hits sent → N events stored.
(b) Then `--burst` clients send one pixel hit each at the same moment (group commit): 0 errors,
    and again N events for N hits. (With one commit per hit, hits whose write waits past the lock
    timeout are answered but not stored; that count is shown, not failed: it is the comparison.)
(c) Report latency: `GET /api/campaigns/{id}` and the four analytics reports on a campaign with
    `--small` events and one with `--large` events (same prospects, steps, variants and 7-day span;
    seeded in this process through the ingestion path, so the rollups are what production keeps).
    Reports read rollups, so the ratio large/small should stay near 1. The timeline reads one row per
    hour × metric that had events: a small campaign leaves some hours empty, so its ratio can sit a
    little above 1 until every hour of the span has events; beyond that it no longer grows.
    Target (issue 14): large/small p50 <= 1.5x and large p50 < 10 ms for each, printed PASS/FAIL.

Load comes from `wrk -t1` (the burst, one request per client at once, from httpx in this process).
With wrk, the hits in flight when it stops are committed but never counted as answered, so the
check is: answered <= stored <= answered + connections x rounds.

Each backend in `--backends` runs everything (PostgreSQL from the `pgserver` package, started here).
Exit status 1 on any 5xx, transport error, or a count of stored events that differs from the hits.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import os
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI, Response

from bench import common

GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
NO_STORE = {
    "Cache-Control": "no-store, no-cache, must-revalidate, max-age=0",
    "Pragma": "no-cache",
    "Expires": "0",
}
SECRET = "bench-secret-" + "k" * 40
HUMAN_UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
REPORTS = ("campaign", "overview", "tiers", "steps", "timeline")

bare_pixel_app = FastAPI(title="bench bare pixel")


@bare_pixel_app.get("/t/o/{token}.gif")
async def bare_pixel(token: str) -> Response:
    """The baseline: the same GIF and headers, no token check, no database."""
    return Response(GIF, media_type="image/gif", headers=NO_STORE)


# --- databases ----------------------------------------------------------------------------------


@contextlib.contextmanager
def databases(backend: str) -> Iterator[Callable[[], str]]:
    """A factory of fresh, empty database URLs on `backend` (SQLite files, or PostgreSQL databases)."""
    with tempfile.TemporaryDirectory(prefix="tune-bench-tracking-") as tmp:
        if backend == "sqlite":
            yield lambda: f"sqlite+aiosqlite:///{Path(tmp) / uuid.uuid4().hex}.db"
            return
        import asyncpg
        import pgserver

        server = pgserver.get_server(Path(tmp) / "pg", cleanup_mode="delete")
        host = str(Path(tmp) / "pg")

        def make() -> str:
            name = f"b_{uuid.uuid4().hex[:12]}"

            async def create() -> None:
                conn = await asyncpg.connect(user="postgres", database="postgres", host=host)
                try:
                    await conn.execute(f'CREATE DATABASE "{name}"')
                finally:
                    await conn.close()

            asyncio.run(create())
            return f"postgresql+asyncpg://postgres@/{name}?host={host}"

        try:
            yield make
        finally:
            server.cleanup()


def _settings(url: str, **extra: Any) -> Any:
    from settings import Settings

    return Settings(
        _env_file=None,
        DATABASE_URL=url,
        SECRET_KEY=SECRET,
        LOG_LEVEL="WARNING",  # type: ignore[call-arg]
        DB_POOL_SIZE=5,
        **extra,
    )


async def seed(url: str, *, prospects: int, events: int, steps: int = 3, seed_value: int = 1) -> dict[str, Any]:
    """A campaign in workspace "default" with prospects, email messages and `events` tracking events.

    Events go through `tracking.record` (the ingestion path: machine filter, first touches, rollups)
    in transactions of 5,000. Returns the campaign id and one message's pixel path.
    """
    import auth
    import tracking
    from core.logs import configure_logging
    from database_async import TuneDatabase
    from models import Campaign, CampaignProspect, Message, Prospect

    configure_logging("WARNING", "json")
    settings = _settings(url)
    db = TuneDatabase(settings=settings)
    rng = random.Random(seed_value)
    try:
        await db.migrate()
        async with db.session() as s:
            ws = await auth.get_or_create_workspace(s, name="default")
            campaign = Campaign(workspace_id=ws.id, name="bench", industry="casino", status="active")
            s.add(campaign)
            await s.flush()
            people = [
                Prospect(
                    id=uuid.uuid4(),
                    workspace_id=ws.id,
                    email=f"p{i}@bench{i % 97}.example.com",
                    data={"email": f"p{i}@bench{i % 97}.example.com", "first_name": f"P{i}"},
                )
                for i in range(prospects)
            ]
            s.add_all(people)
            await s.flush()  # no ORM relationships: parents first, explicitly
            messages = []
            for i, p in enumerate(people):
                tier = 1 + i % 4
                s.add(
                    CampaignProspect(
                        workspace_id=ws.id,
                        campaign_id=campaign.id,
                        prospect_id=p.id,
                        tier=tier,
                        score=90 - 15 * (tier - 1),
                        status="in_sequence",
                    )
                )
                for step in range(1, steps + 1):
                    m = Message(
                        id=uuid.uuid4(),
                        workspace_id=ws.id,
                        prospect_id=p.id,
                        campaign_id=campaign.id,
                        content_key=f"bench:{p.id}:{step}",
                        channel="email",
                        step=step,
                        day_offset=3 * (step - 1),
                        subject="Hello",
                        variant="AB"[(i + step) % 2],
                        body="Hi, see https://example.com/offer",
                        quality={},
                        engine="rules",
                    )
                    s.add(m)
                    messages.append((p.id, tier, m))
        start = datetime(2026, 6, 1, tzinfo=UTC)
        types = ["delivered", "opened", "clicked", "replied", "bounced", "sent"]
        weights = [40, 35, 8, 3, 2, 12]
        done = 0
        while done < events:
            batch = []
            for _ in range(min(5000, events - done)):
                pid, tier, m = rng.choice(messages)
                kind = rng.choices(types, weights)[0]
                at = start + timedelta(seconds=rng.randint(0, 7 * 86400))
                batch.append(
                    tracking.Draft(
                        workspace_id=ws.id,
                        type=kind,
                        occurred_at=at,
                        external_id=f"seed-{done + len(batch)}",
                        source="api",
                        campaign_id=campaign.id,
                        prospect_id=pid,
                        message_id=m.id,
                        tier=tier,
                        step=m.step,
                        variant=m.variant or "",
                        user_agent=rng.choice([HUMAN_UA, HUMAN_UA, "Mozilla/5.0"])
                        if kind in ("opened", "clicked")
                        else None,
                    )
                )
            async with db.session() as s:
                await tracking.record(s, batch, settings=settings)
            done += len(batch)
        return {
            "campaign_id": str(campaign.id),
            "pixel_path": f"/t/o/{tracking.sign('open', messages[0][2].id, SECRET)}.gif",
            "workspace_id": ws.id,
        }
    finally:
        await db.dispose()


async def settle(url: str) -> None:
    """PostgreSQL: VACUUM ANALYZE and CHECKPOINT after seeding, so autovacuum and the checkpointer do
    not run during the first measurement (they did, on the large database: the campaign read, which
    never reads an event, measured 1.5-1.6x the small one's p50 at the same CPU per request)."""
    if not url.startswith("postgresql"):
        return
    import asyncpg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    conn = await asyncpg.connect(user="postgres", database=parsed.database, host=parsed.query["host"])
    try:
        await conn.execute("VACUUM ANALYZE")
        await conn.execute("CHECKPOINT")
    finally:
        await conn.close()


async def count_events(url: str) -> int:
    from sqlalchemy import func, select

    from database_async import TuneDatabase
    from models import TrackingEvent

    db = TuneDatabase(settings=_settings(url))
    try:
        async with db.session(write=False) as s:
            return int(await s.scalar(select(func.count()).select_from(TrackingEvent)) or 0)
    finally:
        await db.dispose()


# --- measurements -------------------------------------------------------------------------------


async def _pixels(args: argparse.Namespace, servers: dict[str, tuple[common.Server, str]]) -> dict[str, Any]:
    headers = {"User-Agent": HUMAN_UA}
    async with httpx.AsyncClient(timeout=30) as client:
        for name, (srv, path) in servers.items():
            got = await client.get(srv.url(path), headers=headers)
            if got.status_code != 200 or not got.content.startswith(b"GIF"):
                raise RuntimeError(f"{name}: {path} answered {got.status_code}")
    steady: dict[str, common.LoadResult] = {}
    order = list(servers)
    for i in range(max(1, args.rounds)):
        for name in order if i % 2 == 0 else order[::-1]:
            srv, path = servers[name]
            result = common.wrk(
                srv.url(path),
                connections=args.concurrency,
                seconds=args.seconds / max(1, args.rounds),
                headers=headers,
                server=srv,
            )
            steady[name] = steady[name].merge(result) if name in steady else result
    srv, path = servers["group commit"]
    burst = await common.burst(srv.url(path), args.burst, headers=headers, server=srv)
    return {"steady": steady, "burst": burst}


async def _reports(
    args: argparse.Namespace,
    servers: dict[str, tuple[common.Server, str, str]],
) -> dict[str, dict[str, common.LoadResult]]:
    out: dict[str, dict[str, common.LoadResult]] = {}
    for report in REPORTS:
        out[report] = {}
        urls = {}
        for name, (srv, campaign_id, key) in servers.items():
            path = (
                f"/api/campaigns/{campaign_id}"
                if report == "campaign"
                else f"/api/analytics/{campaign_id}/{report}"
            )
            urls[name] = srv.url(path + ("?interval=hour" if report == "timeline" else ""))
            async with httpx.AsyncClient(timeout=30) as client:
                got = await client.get(urls[name], headers={"X-API-Key": key})
                if got.status_code != 200:
                    raise RuntimeError(f"{name} {report}: {got.status_code} {got.text[:200]}")
        order = list(servers)
        for i in range(2):  # alternating rounds, so a busy moment of the machine does not land on one size
            for name in order if i == 0 else order[::-1]:
                srv, _, key = servers[name]
                r = common.wrk(
                    urls[name],
                    connections=4,
                    seconds=args.report_seconds / 2,
                    headers={"X-API-Key": key},
                    server=srv,
                )
                out[report][name] = out[report][name].merge(r) if name in out[report] else r
    return out


def run_backend(args: argparse.Namespace, backend: str) -> bool:
    """Every measurement on one backend; True when all checks passed."""
    ok = True
    with databases(backend) as new_url:
        if not args.skip_pixel:
            # (a) + (b): the pixel
            urls = {"group commit": new_url(), "commit per hit": new_url()}
            seeded = {name: common.run(seed(url, prospects=50, events=0)) for name, url in urls.items()}
            with contextlib.ExitStack() as stack:
                servers: dict[str, tuple[common.Server, str]] = {}
                bare_env = stack.enter_context(common.temp_env())
                bare_srv = common.Server("bench.bench_tracking:bare_pixel_app", bare_env)
                servers["bare"] = (stack.enter_context(bare_srv), seeded["group commit"]["pixel_path"])
                for name, url in urls.items():
                    group = str(name == "group commit").lower()
                    env = stack.enter_context(
                        common.temp_env(DATABASE_URL=url, SECRET_KEY=SECRET, TRACKING_GROUP_COMMIT=group)
                    )
                    server = common.Server("api_server:app", env, ready_path="/api/health")
                    servers[name] = (stack.enter_context(server), seeded[name]["pixel_path"])
                measured = common.run(_pixels(args, servers))
            steady, burst = measured["steady"], measured["burst"]
            common.print_table(
                f"[{backend}] pixel GET /t/o/<token>.gif: {args.concurrency} concurrent, {args.seconds:g} s each",
                steady,
                baseline="commit per hit",
            )
            gc, single, bare = steady["group commit"], steady["commit per hit"], steady["bare"]
            if single.rps and bare.rps:
                print(
                    f"[{backend}] group commit / commit per hit: {gc.rps / single.rps:.2f}x hits/s;  "
                    f"group commit / bare GIF endpoint: {gc.rps / bare.rps:.2f}x hits/s"
                )
            common.print_table(
                f"[{backend}] pixel burst: {args.burst} clients at once (group commit)", {"burst": burst}
            )
            for name, url in urls.items():
                answered = steady[name].answered_ok + 1  # and the warm-up hit
                if name == "group commit":
                    answered += burst.statuses.get(200, 0)
                stored = common.run(count_events(url))
                in_flight = args.concurrency * max(1, args.rounds)  # wrk stops with these unanswered
                if name == "group commit":
                    good = answered <= stored <= answered + in_flight
                    ok &= good
                    verdict = (
                        f"ok (2xx means committed; up to {in_flight} more were in flight when wrk stopped)"
                        if good
                        else "MISMATCH"
                    )
                else:  # informational: the GIF is served even when its write timed out on the lock
                    lost = answered - stored
                    verdict = (
                        "ok"
                        if not lost
                        else (
                            f"{lost} hits not recorded (their writes waited past the "
                            "lock timeout; the GIF was still served)"
                        )
                    )
                print(f"[{backend}] {name}: {answered} GIFs answered, {stored} events stored: {verdict}")
            for r in (*steady.values(), burst):
                if r.failures:
                    ok = False
                    print(
                        f"FAIL: {r.server_errors} x 5xx, {r.transport_errors} without a response "
                        f"({r.status_summary()})"
                    )

        # (c): reports at two volumes
        sizes = {"small": args.small, "large": args.large}
        report_servers: dict[str, tuple[common.Server, str, str]] = {}
        with contextlib.ExitStack() as stack:
            for name, n in sizes.items():
                url = new_url()
                env = stack.enter_context(common.temp_env(DATABASE_URL=url, SECRET_KEY=SECRET))
                key = common.create_api_key(env)
                started = time.perf_counter()
                info = common.run(seed(url, prospects=args.prospects, events=n))
                took = time.perf_counter() - started
                common.run(settle(url))
                print(
                    f"[{backend}] seeded {n} events for {args.prospects} prospects through the ingestion path "
                    f"in {took:.1f} s ({n / max(took, 1e-9):.0f} events/s)"
                )
                srv = stack.enter_context(common.Server("api_server:app", env, ready_path="/api/health"))
                report_servers[name] = (srv, info["campaign_id"], key)
            results = common.run(_reports(args, report_servers))
        print(
            f"\n== [{backend}] report latency, {args.small} vs {args.large} events (4 concurrent clients, "
            f"{args.report_seconds:g} s each)"
        )
        print(
            f"{'report':10} {'small p50 ms':>13} {'large p50 ms':>13} {'ratio':>7} {'small r/s':>10} "
            f"{'large r/s':>10}"
        )
        for report, by_size in results.items():
            s, lg = by_size["small"], by_size["large"]
            print(
                f"{report:10} {s.p50:>13.2f} {lg.p50:>13.2f} {lg.p50 / s.p50:>6.2f}x {s.rps:>10.0f} "
                f"{lg.rps:>10.0f}"
            )
            if s.failures or lg.failures:
                ok = False
        for report, by_size in results.items():
            s, lg = by_size["small"], by_size["large"]
            ratio = lg.p50 / s.p50 if s.p50 else float("inf")
            ok &= common.target(
                ratio <= 1.5 and lg.p50 < 10 and not (s.failures or lg.failures),
                f"[{backend:8}] report {report:9} O(1) in events: p50 {lg.p50:.2f} ms at {args.large:,} events / "
                f"{s.p50:.2f} ms at {args.small:,} = {ratio:.2f}x, need <= 1.5x and p50 < 10 ms "
                f"(srv CPU {lg.server_cpu_us_per_req or 0:.0f} us/req)",
            )
    return ok


def main(argv: list[str]) -> int:
    parser = common.base_parser(
        "pixel group commit vs one commit per hit; report latency vs volume", prog="python -m bench tracking"
    )
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds for the pixel time (2)")
    parser.add_argument("--burst", type=int, default=500, help="clients in the one-hit burst (500)")
    parser.add_argument("--small", type=int, default=10_000, help="events in the small campaign (10000)")
    parser.add_argument("--large", type=int, default=1_000_000, help="events in the large campaign (1000000)")
    parser.add_argument("--prospects", type=int, default=500, help="prospects per report campaign (500)")
    parser.add_argument("--report-seconds", type=float, default=3.0, help="seconds per report measurement (3)")
    parser.add_argument("--backends", default="sqlite,postgres", help="comma-separated (sqlite,postgres)")
    parser.add_argument("--skip-pixel", action="store_true", help="only the reports")
    args, _ = parser.parse_known_args(argv)
    print(
        f"servers: uvicorn {' '.join(common.UVICORN_ARGS)}; LOG_LEVEL=WARNING; {os.cpu_count()} CPUs; "
        "load: wrk -t1 (the one-request burst: httpx in this process)"
    )
    ok = True
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        ok &= run_backend(args, backend)
    return 0 if ok else 1
