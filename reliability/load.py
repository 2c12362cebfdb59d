"""Scenario `load`: many concurrent mixed clients on SQLite.

One service process (one uvicorn worker) on a fresh SQLite file, seeded through the API with a
campaign, prospects, emails and their pixels. Then N clients, each on its own keep-alive connection,
send requests back to back for S seconds (short: 100 clients for 10 s; full: 500 for 60 s), each
request drawn from this mix:

    reads   GET /api/industries, /api/campaigns, /api/campaigns/{id}, /api/analytics/{id}/<report>
    writes  POST /api/prospects/analyze (a new prospect each time), POST /api/tracking/events (5 events
            with new ids), POST /api/campaigns/{id}/prospects (2 new prospects)
    pixel   GET /t/o/<token>.gif (a real email's pixel; some with Apple's prefetch user agent)

with RATE_LIMIT and TRACKING_RATE_LIMIT set out of reach. `/metrics` is scraped (METRICS_TOKEN)
before, every few seconds during, and after the run.

PASS: 0 5xx and 0 requests without an answer; "database is locked" in no response and nowhere in the
server's log (nor any traceback, nor a pixel hit not recorded); tracking events stored = events
accepted by the ingestion API + pixel hits answered, counted in the database, and the same count in
the campaign report (its rollups) and in the tune_tracking_events_total delta; the request counter
moved by at least the requests sent.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import random
import sqlite3
import ssl
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy.engine import make_url

from bench import common as bench
from reliability import common

NAME = "load"
TITLE = "mixed concurrent clients on SQLite (0 5xx, 0 'database is locked', events counted exactly)"
MIX = {
    "industries": 8,
    "campaigns": 5,
    "campaign": 6,
    "analytics": 10,
    "analyze": 8,
    "events": 12,
    "add_prospects": 5,
    "pixel": 46,
}
EVENTS_PER_POST = 5
EVENT_TYPES = ("sent", "delivered", "opened", "clicked")
REPORTS = ("overview", "tiers", "steps", "timeline")
LOCKED = "database is locked"


@dataclass
class Tally:
    statuses: dict[str, Counter[int | str]] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    events_posted: int = 0  # events in ingestion requests that answered 200
    events_created: int = 0  # "created" in those answers
    events_unanswered: int = 0  # events in ingestion requests without a 200 (should stay 0)
    pixels_served: int = 0  # pixel hits answered 200 with a GIF
    locked_bodies: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, action: str, status: int | str, ms: float) -> None:
        self.statuses.setdefault(action, Counter())[status] += 1
        self.latencies.append(ms)

    @property
    def requests(self) -> int:
        return sum(sum(c.values()) for c in self.statuses.values())

    def count(self, predicate: Any) -> int:
        return sum(n for c in self.statuses.values() for s, n in c.items() if predicate(s))


async def _worker(
    i: int,
    base_url: str,
    key: str,
    seeded: common.Seeded,
    deadline: float,
    tally: Tally,
    tag: str,
    tls: ssl.SSLContext,
) -> None:
    rng = random.Random(i)
    actions, weights = list(MIX), list(MIX.values())
    cid = seeded.campaign_id
    seq = 0
    # One connection per client (a shared pool costs O(connections) per request: bench/common.py), and
    # one TLS context for all of them (each new one loads the CA bundle: ~50 ms of CPU per client).
    async with httpx.AsyncClient(
        base_url=base_url,
        headers={"X-API-Key": key},
        timeout=60,
        verify=tls,
        limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
    ) as c:
        while time.perf_counter() < deadline:
            seq += 1
            action = rng.choices(actions, weights)[0]
            n_events = 0
            if action == "industries":
                req = c.build_request("GET", "/api/industries")
            elif action == "campaigns":
                req = c.build_request("GET", "/api/campaigns", params={"limit": 20})
            elif action == "campaign":
                req = c.build_request("GET", f"/api/campaigns/{cid}")
            elif action == "analytics":
                req = c.build_request("GET", f"/api/analytics/{cid}/{rng.choice(REPORTS)}")
            elif action == "analyze":
                person = common.prospects(1, f"{tag}-a{i}-{seq}")[0]
                req = c.build_request(
                    "POST", "/api/prospects/analyze", json={"industry": "casino", "prospect": person}
                )
            elif action == "add_prospects":
                people = common.prospects(2, f"{tag}-c{i}-{seq}")
                req = c.build_request("POST", f"/api/campaigns/{cid}/prospects", json={"prospects": people})
            elif action == "events":
                now = datetime.now(UTC).isoformat()
                n_events = EVENTS_PER_POST
                events = [
                    {
                        "id": f"{tag}-{i}-{seq}-{k}",
                        "type": rng.choice(EVENT_TYPES),
                        "occurred_at": now,
                        "message_id": rng.choice(seeded.message_ids),
                    }
                    for k in range(n_events)
                ]
                req = c.build_request("POST", "/api/tracking/events", json={"events": events})
            else:  # pixel
                ua = common.HUMAN_UA if rng.random() < 0.8 else "Mozilla/5.0"  # Apple MPP: labelled machine
                req = c.build_request("GET", rng.choice(seeded.pixel_paths), headers={"User-Agent": ua})
            started = time.perf_counter()
            try:
                response = await c.send(req)
                status: int | str = response.status_code
            except httpx.TransportError as exc:
                response, status = None, f"error:{type(exc).__name__}"
            tally.add(action, status, (time.perf_counter() - started) * 1000)
            if response is None:
                tally.events_unanswered += n_events
                continue
            if status != 200 and status != 201:
                body = response.text
                if LOCKED in body:
                    tally.locked_bodies += 1
                if len(tally.examples) < 5:
                    tally.examples.append(f"{req.method} {req.url.path} -> {status}: {body[:300]}")
                tally.events_unanswered += n_events
                continue
            if action == "events":
                tally.events_posted += n_events
                tally.events_created += response.json()["created"]
            elif action == "pixel" and response.content.startswith(b"GIF"):
                tally.pixels_served += 1


def _db_counts(database_url: str, campaign_id: str) -> tuple[int, int, dict[str, int]]:
    """(events in the campaign, events in the whole table, per type) straight from the SQLite file."""
    path = make_url(database_url).database
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        cid = campaign_id.replace("-", "")
        rows = conn.execute("SELECT type, count(*) FROM tracking_events GROUP BY type").fetchall()
        in_campaign = conn.execute(
            "SELECT count(*) FROM tracking_events WHERE replace(campaign_id, '-', '') = ?", (cid,)
        ).fetchone()[0]
    by_type = {t: n for t, n in rows}
    return in_campaign, sum(by_type.values()), by_type


async def _scenario(
    result: common.Result,
    srv: common.ServiceProcess,
    key: str,
    env: dict[str, str],
    *,
    clients: int,
    seconds: float,
    interval: float,
) -> None:
    tag = common.unique_tag()
    async with httpx.AsyncClient(base_url=srv.base_url, headers={"X-API-Key": key}, timeout=120) as c:
        seeded = await common.seed_campaign(c, prospects_n=30, sequences=5, tag=tag)
        before = await common.scrape(c, srv.base_url)
        result.info(
            f"seeded: 1 campaign, {len(seeded.prospect_ids)} prospects, {len(seeded.message_ids)} emails "
            f"with pixels; {clients} clients for {seconds:g} s; mix {MIX}"
        )
        tally = Tally()
        started = time.perf_counter()
        deadline = started + seconds
        cpu_before = srv.cpu_seconds()
        tls = ssl.create_default_context()
        workers = asyncio.gather(
            *(_worker(i, srv.base_url, key, seeded, deadline, tally, tag, tls) for i in range(clients))
        )
        series: list[tuple[float, float, float]] = []
        while not workers.done():
            await asyncio.wait([workers], timeout=interval)
            with_metrics = await common.scrape(c, srv.base_url)
            point = (
                time.perf_counter() - started,
                common.total(with_metrics, "tune_http_requests_total")
                - common.total(before, "tune_http_requests_total"),
                common.total(with_metrics, "tune_tracking_events_total")
                - common.total(before, "tune_tracking_events_total"),
            )
            series.append(point)
            result.info(
                f"/metrics at {point[0]:5.1f} s: +{point[1]:.0f} requests, +{point[2]:.0f} tracking events"
            )
        await workers
        elapsed = time.perf_counter() - started
        cpu = (srv.cpu_seconds() or 0.0) - (cpu_before or 0.0)
        after = await common.scrape(c, srv.base_url)
        overview = (await c.get(f"/api/analytics/{seeded.campaign_id}/overview")).json()

    log = srv.log_text()
    in_campaign, in_table, by_type = _db_counts(env["DATABASE_URL"], seeded.campaign_id)
    fives = tally.count(lambda s: isinstance(s, int) and s >= 500)
    unanswered = tally.count(lambda s: isinstance(s, str))
    other = tally.count(lambda s: isinstance(s, int) and s not in (200, 201) and s < 500)
    requests_delta = common.delta(
        common.by_label(after, "tune_http_requests_total", "status"),
        common.by_label(before, "tune_http_requests_total", "status"),
    )
    events_delta = common.delta(
        common.by_label(after, "tune_tracking_events_total", "type", "machine"),
        common.by_label(before, "tune_tracking_events_total", "type", "machine"),
    )
    expected = tally.events_created + tally.pixels_served
    report_by_type = {t: overview["counts"].get(t, {}).get("events", 0) for t in EVENT_TYPES}
    report_events = sum(report_by_type.values())

    result.figure(
        "requests",
        f"{tally.requests} in {elapsed:.1f} s ({tally.requests / elapsed:.0f}/s), "
        f"p50 {common.percentile(tally.latencies, 50):.0f} ms, "
        f"p99 {common.percentile(tally.latencies, 99):.0f} ms, "
        f"max {max(tally.latencies, default=0):.0f} ms",
    )
    for action in MIX:
        counts = tally.statuses.get(action, Counter())
        result.info(
            f"  {action:14} {sum(counts.values()):7}  "
            + " ".join(f"{s}:{n}" for s, n in sorted(counts.items(), key=lambda kv: str(kv[0])))
        )
    result.info(
        f"server CPU {cpu:.1f} s over {elapsed:.1f} s ({100 * cpu / elapsed:.0f}% of one core); "
        f"{os.cpu_count()} CPUs shared by the server and the clients"
    )
    result.figure("5xx", fives)
    result.figure("no answer (transport errors)", unanswered)
    result.figure("other non-2xx", other)
    locked_in_log = log.count(LOCKED)
    result.figure("'database is locked'", f"{tally.locked_bodies} in responses, {locked_in_log} in the server log")
    result.figure(
        "tracking events sent",
        f"{tally.events_posted} via POST /api/tracking/events "
        f"({tally.events_created} created) + {tally.pixels_served} pixel hits "
        f"= {expected}",
    )
    types = ", ".join(f"{t}: {n}" for t, n in sorted(by_type.items()))
    result.figure(
        "tracking events stored",
        f"{in_campaign} in the database ({types}), {report_events} in the campaign report",
    )
    result.figure(
        "/metrics tune_http_requests_total delta",
        f"{sum(requests_delta.values()):.0f} ("
        + ", ".join(f"{s}: {n:.0f}" for (s,), n in sorted(requests_delta.items()))
        + ")",
    )
    result.figure(
        "/metrics tune_tracking_events_total delta",
        f"{sum(events_delta.values()):.0f} ("
        + ", ".join(f"{t}/{m}: {n:.0f}" for (t, m), n in sorted(events_delta.items()))
        + ")",
    )
    for example in tally.examples:
        result.info("example: " + example)
    common.print_log_errors(result, log)

    result.check(fives == 0, f"{fives} responses were 5xx")
    result.check(unanswered == 0, f"{unanswered} requests got no answer")
    result.check(other == 0, f"{other} responses were 4xx")
    result.check(
        tally.locked_bodies == 0 and locked_in_log == 0,
        f"'database is locked': {tally.locked_bodies} responses, {locked_in_log} log lines",
    )
    result.check("Traceback" not in log, "the server logged a traceback")
    not_recorded = log.count("open_not_recorded")
    result.check(not_recorded == 0, f"{not_recorded} pixel hits answered but not recorded")
    result.check(
        tally.events_created == tally.events_posted,
        f"ingestion created {tally.events_created} of {tally.events_posted} new events",
    )
    result.check(tally.events_unanswered == 0, f"{tally.events_unanswered} events were in requests without a 200")
    result.check(
        in_campaign == expected == in_table,
        f"events stored {in_campaign} (table {in_table}) != events sent {expected}",
    )
    result.check(
        report_events == in_campaign and all(report_by_type[t] == by_type.get(t, 0) for t in EVENT_TYPES),
        f"the report counts {report_by_type}, the table {by_type}",
    )
    result.check(
        sum(events_delta.values()) == in_campaign,
        f"tune_tracking_events_total moved by {sum(events_delta.values()):.0f}, not {in_campaign}",
    )
    result.check(
        sum(requests_delta.values()) >= tally.requests,
        f"tune_http_requests_total moved by {sum(requests_delta.values()):.0f} < {tally.requests} sent",
    )
    during = [(0.0, 0.0, 0.0)] + [p for p in series if p[0] < seconds]
    still = [f"{a[0]:.1f}-{b[0]:.1f} s" for a, b in itertools.pairwise(during) if b[1] - a[1] < 2 or b[2] <= a[2]]
    result.check(not still, f"counters did not move between scrapes during the run: {', '.join(still)}")


def run(full: bool = False, *, clients: int | None = None, seconds: float | None = None) -> common.Result:
    result = common.Result(NAME, TITLE)
    clients = clients or (500 if full else 100)
    seconds = seconds or (60.0 if full else 10.0)
    # Every pixel hit answered must be stored (the invariant below), so replays are not folded here.
    with common.service_env(TRACKING_REPLAY_WINDOW_S="0") as env:
        key = bench.create_api_key(env, name="load", scopes="read,write,admin")
        with common.ServiceProcess(env) as srv:
            bench.run(
                _scenario(result, srv, key, env, clients=clients, seconds=seconds, interval=10.0 if full else 2.5)
            )
    return result.finish()
