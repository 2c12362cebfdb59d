"""Prospect analysis throughput through the real service: inline batches vs a job, small vs large
batches on the rules engine, and how fully a batch through Claude uses the LLM concurrency bound.

    python -m bench intelligence [--batch 100] [--inline-batches 10] [--job-size 1000] [--rounds 1]
                                 [--small-rounds 3] [--claude-n 40] [--latency-ms 200]
                                 [--llm-concurrency 4] [--claude-rounds 2] [--job-item-concurrency 4]
                                 [--skip-claude]

(a) Rules engine, one uvicorn worker on a temp SQLite database. `--inline-batches` sequential
    `POST /api/prospects/analyze-batch` requests of `--batch` prospects each (inline: a 200 means
    every analysis is committed), against one batch of `--job-size` prospects, which answers 202 with
    a job that this process polls (GET /api/jobs/{id} every 50 ms) until it has succeeded. Every
    prospect is new (unique emails), so each analysis inserts a prospect and an analysis row. With
    `--rounds` > 1 the two alternate order. `--job-item-concurrency` sets the server's
    JOB_ITEM_CONCURRENCY (items of one job worked at once). Then small vs large: 10 sequential
    batches of 10 vs one batch of 100, alternating for `--small-rounds` rounds.
(b) The same endpoint with Claude configured, against the tests' fake Messages API (in this process)
    answering after `--latency-ms`, LLM_MAX_CONCURRENCY=`--llm-concurrency`: one inline batch of
    `--claude-n` prospects. The ideal wall time is ceil(N / C) x L (C calls always in flight); the
    ratio wall / ideal is 1.0 when the bound is used fully, and what is above it is per-call overhead
    (ledger write and budget read per call, SDK, storing the analyses).

Every response is checked (every item ok, the expected engine, job done == total) before a figure is
printed; any failure prints what went wrong and exits 1.
"""

from __future__ import annotations

import argparse
import math
import os
import time
from dataclasses import dataclass
from typing import Any

import httpx

from bench import common, fakes

URL_BATCH = "/api/prospects/analyze-batch"


class Failure(Exception):
    """An endpoint misbehaved: the message says how."""


@dataclass
class Run:
    """One measured run: how many prospects, the wall time and the server CPU it took."""

    name: str
    prospects: int
    wall_s: float
    server_cpu_s: float | None
    started: float = 0.0  # time.perf_counter() at the first request

    def merge(self, other: Run) -> Run:
        cpu = (
            None
            if self.server_cpu_s is None or other.server_cpu_s is None
            else self.server_cpu_s + other.server_cpu_s
        )
        return Run(self.name, self.prospects + other.prospects, self.wall_s + other.wall_s, cpu)

    @property
    def rate(self) -> float:
        return self.prospects / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def ms_per_prospect(self) -> float:
        return self.wall_s / self.prospects * 1000

    @property
    def cpu_ms_per_prospect(self) -> float | None:
        return None if self.server_cpu_s is None else self.server_cpu_s / self.prospects * 1000


def check_inline(response: httpx.Response, n: int, engine: str) -> list[dict[str, Any]]:
    """An inline batch answered 200 with every item ok on `engine`; returns the items."""
    if response.status_code != 200:
        raise Failure(f"POST {URL_BATCH} ({n} prospects) answered {response.status_code}: {response.text[:500]}")
    body = response.json()
    if (body.get("total"), body.get("succeeded"), body.get("failed")) != (n, n, 0):
        raise Failure(
            f"inline batch of {n}: total={body.get('total')} succeeded={body.get('succeeded')} "
            f"failed={body.get('failed')}"
        )
    items = body["items"]
    bad = [i for i in items if i["status"] != "ok" or (i.get("result") or {}).get("engine") != engine]
    if len(items) != n or bad:
        first = bad[0] if bad else {}
        raise Failure(
            f"inline batch of {n}: {len(items)} items, {len(bad)} not ok on engine {engine!r}; first: "
            f"status={first.get('status')} engine={(first.get('result') or {}).get('engine')} "
            f"fallback={(first.get('result') or {}).get('fallback')} errors={first.get('errors')}"
        )
    return items


async def inline_batches(
    c: httpx.AsyncClient,
    srv: common.Server,
    name: str,
    *,
    batches: int,
    size: int,
    tag: str,
    engine: str = "rules",
) -> Run:
    """`batches` sequential inline batches of `size` new prospects."""
    bodies = [{"industry": "casino", "prospects": fakes.people(size, tag=f"{tag}-{b}")} for b in range(batches)]
    cpu = srv.cpu_seconds()
    started = time.perf_counter()
    for body in bodies:
        check_inline(await c.post(URL_BATCH, json=body), size, engine)
    wall = time.perf_counter() - started
    after = srv.cpu_seconds()
    return Run(name, batches * size, wall, None if cpu is None or after is None else after - cpu, started)


async def job_batch(c: httpx.AsyncClient, srv: common.Server, name: str, *, size: int, tag: str) -> Run:
    """One batch of `size` new prospects that becomes a job: 202, then poll until it succeeded."""
    body = {"industry": "casino", "prospects": fakes.people(size, tag=tag)}
    cpu = srv.cpu_seconds()
    started = time.perf_counter()
    response = await c.post(URL_BATCH, json=body)
    if response.status_code != 202:
        raise Failure(
            f"POST {URL_BATCH} ({size} prospects) answered {response.status_code}, not 202: {response.text[:500]}"
        )
    job = await fakes.wait_job(c, response.json()["job_id"])
    wall = time.perf_counter() - started
    after = srv.cpu_seconds()
    engines = (job.get("result") or {}).get("engines")
    if (job["status"], job["done"], job["failed"], job["total"]) != ("succeeded", size, 0, size) or engines != {
        "rules": size
    }:
        raise Failure(
            f"job of {size}: status={job['status']} done={job['done']} failed={job['failed']} "
            f"total={job['total']} engines={engines} error={job.get('error')} "
            f"errors={job.get('errors', [])[:3]}"
        )
    return Run(name, size, wall, None if cpu is None or after is None else after - cpu, started)


def print_runs(title: str, runs: list[Run]) -> None:
    print(f"\n== {title}")
    header = (
        f"{'':22} {'prospects':>9} {'wall s':>8} {'prospects/s':>11} {'ms/prospect':>11} "
        f"{'srv CPU ms/prospect':>19}"
    )
    print(header)
    print("-" * len(header))
    for r in runs:
        cpu = r.cpu_ms_per_prospect
        print(
            f"{r.name:22} {r.prospects:>9} {r.wall_s:>8.2f} {r.rate:>11.1f} {r.ms_per_prospect:>11.2f} "
            f"{'-' if cpu is None else f'{cpu:.2f}':>19}"
        )


async def rules_part(args: argparse.Namespace, srv: common.Server, key: str) -> None:
    async with fakes.client(srv.base_url, key) as c:
        await inline_batches(c, srv, "warm-up", batches=1, size=10, tag="warm")  # creates the agent (v1)
        inline: Run | None = None
        job: Run | None = None
        for rnd in range(max(1, args.rounds)):
            order = ["inline", "job"] if rnd % 2 == 0 else ["job", "inline"]
            for what in order:
                if what == "inline":
                    r = await inline_batches(
                        c,
                        srv,
                        f"inline {args.inline_batches}x{args.batch}",
                        batches=args.inline_batches,
                        size=args.batch,
                        tag=f"in{rnd}",
                    )
                    inline = r if inline is None else inline.merge(r)
                else:
                    r = await job_batch(c, srv, f"job 1x{args.job_size}", size=args.job_size, tag=f"job{rnd}")
                    job = r if job is None else job.merge(r)
        small: Run | None = None
        large: Run | None = None
        for rnd in range(max(1, args.small_rounds)):
            order = ["small", "large"] if rnd % 2 == 0 else ["large", "small"]
            for what in order:
                if what == "small":
                    r = await inline_batches(c, srv, "inline 10x10", batches=10, size=10, tag=f"s{rnd}")
                    small = r if small is None else small.merge(r)
                else:
                    r = await inline_batches(c, srv, "inline 1x100", batches=1, size=100, tag=f"l{rnd}")
                    large = r if large is None else large.merge(r)
    assert inline and job and small and large
    print_runs(
        f"(a) rules engine: inline batches vs a job ({args.rounds} round(s); prospects/s = prospects / "
        "wall from the first request to the last answer, or to the poll that saw the job succeed)",
        [inline, job],
    )
    print(
        f"ratio job/inline:  prospects/s {fakes.fmt_ratio(job.rate, inline.rate)}   "
        f"srv CPU/prospect {fakes.fmt_ratio(job.cpu_ms_per_prospect, inline.cpu_ms_per_prospect)}"
    )
    print_runs(
        f"(a) rules engine: small vs large inline batches ({args.small_rounds} alternating round(s), "
        "100 prospects per round each)",
        [small, large],
    )
    print(
        f"ratio 10x10 / 1x100:  prospects/s {fakes.fmt_ratio(small.rate, large.rate)}   "
        f"ms/prospect {fakes.fmt_ratio(small.ms_per_prospect, large.ms_per_prospect)}   "
        f"srv CPU/prospect {fakes.fmt_ratio(small.cpu_ms_per_prospect, large.cpu_ms_per_prospect)}"
    )
    per_request = (small.ms_per_prospect - large.ms_per_prospect) * 100 / 9  # 9 more requests per 100
    print(f"=> fixed cost per analyze-batch request (beyond its prospects): ~{per_request:.1f} ms")
    b = args.backend
    common.target(
        inline.rate >= 2000,
        f"[{b:8}] inline analysis (rules, persisted): {inline.rate:.0f} prospects/s, need >= 2,000 "
        f"(batches of {args.batch}; srv CPU {inline.cpu_ms_per_prospect or 0:.2f} ms/prospect)",
    )
    jc, ic = job.cpu_ms_per_prospect, inline.cpu_ms_per_prospect
    common.target(
        jc is not None and ic is not None and jc <= 1.2 * ic,
        f"[{b:8}] job-backed CPU/item within 1.2x inline: {fakes.fmt_ratio(jc, ic)} "
        f"({jc or 0:.2f} vs {ic or 0:.2f} ms/prospect; job {job.rate:.0f} prospects/s)",
    )


async def claude_part(args: argparse.Namespace, claude: fakes.FakeClaude, srv: common.Server, key: str) -> None:
    n, conc, latency = args.claude_n, args.llm_concurrency, args.latency_ms / 1000
    ideal = math.ceil(n / conc) * latency
    async with fakes.client(srv.base_url, key) as c:
        await inline_batches(c, srv, "warm-up", batches=1, size=conc, tag="cwarm", engine="claude")
        runs = []
        for rnd in range(max(1, args.claude_rounds)):
            claude.reset_counts()
            r = await inline_batches(
                c, srv, f"claude inline 1x{n} #{rnd + 1}", batches=1, size=n, tag=f"c{rnd}", engine="claude"
            )
            if claude.calls != n or claude.unscripted:
                raise Failure(
                    f"claude batch of {n}: the fake got {claude.calls} calls ({claude.unscripted} "
                    f"unscripted), expected exactly {n}"
                )
            if claude.max_concurrent > conc:
                raise Failure(
                    f"claude batch: {claude.max_concurrent} calls in flight at once, above "
                    f"LLM_MAX_CONCURRENCY={conc}"
                )
            runs.append((r, claude.max_concurrent, claude.timeline(r.started, r.started + r.wall_s, conc)))
    print(
        f"\n== (b) through Claude (fake Messages API, latency {args.latency_ms:g} ms per call, "
        f"LLM_MAX_CONCURRENCY={conc}): one inline batch of {n}"
    )
    print(f"ideal = ceil({n}/{conc}) x {args.latency_ms:g} ms = {ideal:.2f} s")
    header = (
        f"{'':22} {'wall s':>7} {'ideal s':>7} {'wall/ideal':>10} {'over ms':>7} {'/wave':>6} "
        f"{'head ms':>7} {'calls s':>7} {'tail ms':>7} {'slot use':>8} {'peak':>4} {'prospects/s':>11} "
        f"{'srv CPU ms/pr':>13}"
    )
    print(header)
    print("-" * len(header))
    waves = math.ceil(n / conc)
    for r, peak, t in runs:
        over = (r.wall_s - ideal) * 1000
        cpu = r.cpu_ms_per_prospect
        print(
            f"{r.name:22} {r.wall_s:>7.2f} {ideal:>7.2f} {r.wall_s / ideal:>9.2f}x {over:>7.0f} "
            f"{over / waves:>6.1f} {t['head_s'] * 1000:>7.0f} {t['span_s']:>7.2f} {t['tail_s'] * 1000:>7.0f} "
            f"{t['utilisation']:>7.0%} {peak:>4} {r.rate:>11.1f} {'-' if cpu is None else f'{cpu:.2f}':>13}"
        )
    best = min(r.wall_s for r, _, _ in runs)
    print(f"best wall/ideal: {best / ideal:.2f}x  (1.00x = the concurrency bound fully used)")
    print(
        f"over ms = wall - ideal; /wave = that per wave of {conc} calls; head = request sent -> first call "
        "reaches the fake; calls s = first call start -> last call end; tail = last call end -> response "
        "received (storing the analyses, commit, JSON); slot use = summed call time / (C x calls s); "
        "peak = most calls in flight at the fake"
    )


def main(argv: list[str]) -> int:
    parser = common.base_parser(
        "analyze throughput: inline vs job, small vs large, Claude concurrency",
        prog="python -m bench intelligence",
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=100,
        help="prospects per inline batch (100, the default ANALYZE_BATCH_INLINE_MAX)",
    )
    parser.add_argument("--inline-batches", type=int, default=10, help="sequential inline batches (10)")
    parser.add_argument("--job-size", type=int, default=1000, help="prospects in the job-backed batch (1000)")
    parser.add_argument("--rounds", type=int, default=1, help="inline-vs-job rounds, alternating order (1)")
    parser.add_argument("--small-rounds", type=int, default=3, help="10x10 vs 1x100 rounds, alternating (3)")
    parser.add_argument("--claude-n", type=int, default=40, help="prospects in the Claude batch (40)")
    parser.add_argument("--latency-ms", type=float, default=200, help="fake Claude latency per call (200)")
    parser.add_argument("--llm-concurrency", type=int, default=4, help="LLM_MAX_CONCURRENCY (4)")
    parser.add_argument("--claude-rounds", type=int, default=2, help="measured Claude batches (2)")
    parser.add_argument(
        "--job-item-concurrency",
        type=int,
        default=4,
        help="JOB_ITEM_CONCURRENCY of the rules server (4, the default)",
    )
    parser.add_argument("--skip-claude", action="store_true", help="only the rules-engine part")
    parser.add_argument("--backends", default="sqlite,postgres", help="rules part on these (sqlite,postgres)")
    args, _ = parser.parse_known_args(argv)
    if not 10 <= args.batch < args.job_size or args.batch > 1000:
        parser.error("need 10 <= --batch < --job-size and --batch <= 1000 (ANALYZE_BATCH_INLINE_MAX := --batch)")

    first_target = len(common.TARGET_LINES)
    print(
        f"servers: uvicorn {' '.join(common.UVICORN_ARGS)}, LOG_LEVEL=WARNING, "
        f"JOB_WORKERS=2 (default) JOB_ITEM_CONCURRENCY={args.job_item_concurrency}; client: httpx in this "
        f"process; {os.cpu_count()} CPUs"
    )
    try:
        from bench import bench_tracking as bt

        for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
            args.backend = backend
            with (
                bt.databases(backend) as new_url,
                common.temp_env(
                    **fakes.rules_env(
                        ANALYZE_BATCH_INLINE_MAX=str(max(100, args.batch)),
                        JOB_ITEM_CONCURRENCY=str(args.job_item_concurrency),
                    ),
                    DATABASE_URL=new_url(),
                ) as env,
            ):
                key = common.create_api_key(env)
                with common.Server("api_server:app", env, ready_path="/api/health") as srv:
                    print(f"\n##### rules engine on {backend}")
                    try:
                        common.run(rules_part(args, srv, key))
                    except Failure:
                        print(f"\n--- server log (tail)\n{srv.log_tail() or '(empty)'}")
                        raise
        if not args.skip_claude:
            with (
                fakes.FakeClaude(args.latency_ms / 1000) as claude,
                common.temp_env(
                    **claude.env(
                        LLM_MAX_CONCURRENCY=str(args.llm_concurrency),
                        # this part measures Claude calls inside one inline request (a job above this)
                        LLM_INLINE_MAX_ITEMS=str(min(1000, max(100, args.claude_n))),
                        ANALYZE_BATCH_INLINE_MAX=str(min(1000, max(100, args.claude_n))),
                    )
                ) as env,
            ):
                key = common.create_api_key(env)
                with common.Server("api_server:app", env, ready_path="/api/health") as srv:
                    try:
                        common.run(claude_part(args, claude, srv, key))
                    except Failure:
                        print(f"\n--- server log (tail)\n{srv.log_tail() or '(empty)'}")
                        raise
    except Failure as exc:
        print(f"FAIL {exc}")
        return 1
    return 0 if all(passed for passed, _ in common.TARGET_LINES[first_target:]) else 1
