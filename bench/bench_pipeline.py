"""The complete pipeline as a job (analyse -> tier -> content for tiers 1-2 -> campaign), on the rules
engine and through Claude with a latency, against what an ideal run would take.

    python -m bench pipeline [--prospects 250] [--baseline-prospects 100] [--claude-prospects 100]
                             [--latency-ms 100] [--llm-concurrency 4] [--job-workers 2]
                             [--job-item-concurrency 4] [--skip-claude] [--skip-rules]

One uvicorn worker on a temp SQLite database. Each run is one `POST /api/workflows/complete-pipeline`
with a new campaign and new casino prospects (across tiers), content {"1": sequence + linkedin +
video, "2": sequence + linkedin} (4-step sequences, 60 s videos), then this process polls
GET /api/jobs/{id} every 50 ms until the job has finished. Wall time runs from the POST to the poll
that saw it succeed. The job must end `succeeded` with done == total, no failed item, every
prospect on the expected engine and the content counts matching the tiers, else exit 1.

(a) Rules engine: `--prospects` prospects, against the same pipeline without content
    (`"content": {"tiers": {}}`) on `--baseline-prospects`, run half before and half after: the
    ratio is what writing the content costs per prospect.
(b) Claude: `--claude-prospects` prospects; the tests' fake Messages API in this process answers
    every call after `--latency-ms` (analysis, sequence, LinkedIn note, video script: one call each,
    nothing redrafted). Ideal wall =
    calls x L / effective concurrency, with effective concurrency = min(LLM_MAX_CONCURRENCY,
    JOB_WORKERS x JOB_ITEM_CONCURRENCY). Also shown: the bound one job can reach (a job is worked by
    one worker, so min(LLM_MAX_CONCURRENCY, JOB_ITEM_CONCURRENCY)), and a chunk-aware ideal: a worker
    takes JOB_ITEM_CONCURRENCY items at a time and waits for the slowest before the next ones, and an
    item's calls run one after another (1 for tiers 3-4, 3 for tier 2, 4 for tier 1).

Default sizes keep the run near 60 s on a shared 2-core machine: 1,000 prospects on the rules engine
take 55-75 s alone and 200 through Claude ~33 s, so the bigger run is
`python -m bench pipeline --prospects 1000 --claude-prospects 200` (~2 minutes).
"""

from __future__ import annotations

import argparse
import math
import os
import time
from typing import Any

import httpx

from bench import common, fakes

URL = "/api/workflows/complete-pipeline"
CONTENT = {
    "tiers": {"1": ["sequence", "linkedin", "video"], "2": ["sequence", "linkedin"]},
    "steps": 4,
    "video_seconds": 60,
}


class Failure(Exception):
    """An endpoint misbehaved: the message says how."""


async def pipeline(
    c: httpx.AsyncClient, srv: common.Server, *, n: int, tag: str, engine: str, content: dict[str, Any] = CONTENT
) -> dict[str, Any]:
    """Run one pipeline job of `n` new prospects; check it; return wall, CPU, timestamps and the job."""
    body = {
        "campaign": {"name": f"bench {tag}", "industry": "casino"},
        "prospects": fakes.people(n, tag=tag),
        "content": content,
        "sender": fakes.SENDER,
    }
    cpu = srv.cpu_seconds()
    started = time.perf_counter()
    response = await c.post(URL, json=body)
    if response.status_code != 202:
        raise Failure(
            f"POST {URL} ({n} prospects) answered {response.status_code}, not 202: {response.text[:500]}"
        )
    job = await fakes.wait_job(c, response.json()["job_id"], max_wait_s=1800)
    wall = time.perf_counter() - started
    after = srv.cpu_seconds()
    result = job.get("result") or {}
    tiers = {int(t): k for t, k in (result.get("tiers") or {}).items()}
    problems = []
    if (job["status"], job["done"], job["failed"], job["total"]) != ("succeeded", n, 0, n):
        problems.append(
            f"status={job['status']} done={job['done']} failed={job['failed']} total={job['total']} "
            f"(expected succeeded, {n}/0/{n})"
        )
    if result.get("engines") != {engine: n}:
        problems.append(f"engines={result.get('engines')} (expected {{{engine!r}: {n}}})")
    if sum(tiers.values()) != n:
        problems.append(f"tiers={result.get('tiers')} sum to {sum(tiers.values())}, not {n}")
    plan = content.get("tiers", {})
    expected = {
        kind: sum(k for t, k in tiers.items() if kind in plan.get(str(t), []))
        for kind in ("sequence", "linkedin", "video")
    }
    expected = {kind: k for kind, k in expected.items() if k}
    if (result.get("content") or {}) != expected:
        problems.append(f"content={result.get('content')} (expected {expected} from tiers {result.get('tiers')})")
    if problems:
        raise Failure(
            f"pipeline of {n}: " + "; ".join(problems) + f"; error={job.get('error')} "
            f"item errors={job.get('errors', [])[:3]}"
        )
    return {
        "n": n,
        "wall_s": wall,
        "cpu_s": None if cpu is None or after is None else after - cpu,
        "started": started,
        "job": job,
        "tiers": tiers,
        "content": expected,
    }


def _row(name: str, run: dict[str, Any]) -> str:
    n, wall, cpu = run["n"], run["wall_s"], run["cpu_s"]
    pieces = sum(run["content"].values())
    cpu_ms = "-" if cpu is None else f"{cpu / n * 1000:.2f}"
    return f"{name:24} {n:>9} {pieces:>7} {wall:>8.2f} {n / wall:>11.1f} {wall / n * 1000:>11.2f} {cpu_ms:>19}"


async def rules_part(args: argparse.Namespace, srv: common.Server, key: str) -> None:
    async with fakes.client(srv.base_url, key) as c:
        await pipeline(c, srv, n=8, tag="warm", engine="rules")  # creates the agent; warms every path
        half = max(1, args.baseline_prospects // 2)
        base1 = await pipeline(c, srv, n=half, tag="base1", engine="rules", content={"tiers": {}})
        full = await pipeline(c, srv, n=args.prospects, tag="full", engine="rules")
        base2 = await pipeline(c, srv, n=half, tag="base2", engine="rules", content={"tiers": {}})
    base = {
        "n": base1["n"] + base2["n"],
        "wall_s": base1["wall_s"] + base2["wall_s"],
        "cpu_s": None if base1["cpu_s"] is None or base2["cpu_s"] is None else base1["cpu_s"] + base2["cpu_s"],
        "content": {},
    }
    print(
        f"\n== (a) rules engine: complete pipeline, content for tiers 1-2 vs none (the baseline ran "
        f"{half} before and {half} after)"
    )
    header = (
        f"{'':24} {'prospects':>9} {'pieces':>7} {'wall s':>8} {'prospects/s':>11} {'ms/prospect':>11} "
        f"{'srv CPU ms/prospect':>19}"
    )
    print(header)
    print("-" * len(header))
    print(_row("pipeline + content", full))
    print(_row("pipeline, no content", base))
    full_rate, base_rate = full["n"] / full["wall_s"], base["n"] / base["wall_s"]
    full_cpu = None if full["cpu_s"] is None else full["cpu_s"] / full["n"]
    base_cpu = None if base["cpu_s"] is None else base["cpu_s"] / base["n"]
    print(
        f"ratio with/without content:  prospects/s {fakes.fmt_ratio(full_rate, base_rate)}   "
        f"srv CPU/prospect {fakes.fmt_ratio(full_cpu, base_cpu)}"
    )
    tiers = ", ".join(f"tier {t}: {k}" for t, k in sorted(full["tiers"].items()))
    print(
        f"total wall for {full['n']} prospects: {full['wall_s']:.1f} s   ({tiers}; pieces written: "
        f"{full['content']})"
    )
    common.target(
        full_rate >= 200,
        f"[{args.backend:8}] complete pipeline, rules, content for tiers 1-2: {full_rate:.0f} "
        f"prospects/s, need >= 200 ({full['n']} prospects in {full['wall_s']:.1f} s; srv CPU "
        f"{(full_cpu or 0) * 1000:.2f} ms/prospect)",
    )


def _chunk_ideal(calls: list[int], size: int, llm: int, latency: float) -> float:
    """A worker's items in chunks of `size` by position; a chunk lasts as long as its longest item's
    sequential calls, or as its calls take through `llm` slots, whichever is longer."""
    total = 0.0
    for i in range(0, len(calls), size):
        chunk = calls[i : i + size]
        total += max(max(chunk), math.ceil(sum(chunk) / llm)) * latency
    return total


async def claude_part(args: argparse.Namespace, claude: fakes.FakeClaude, srv: common.Server, key: str) -> None:
    n, latency = args.claude_prospects, args.latency_ms / 1000
    llm, workers, items = args.llm_concurrency, args.job_workers, args.job_item_concurrency
    async with fakes.client(srv.base_url, key) as c:
        await pipeline(c, srv, n=4, tag="cwarm", engine="claude")
        claude.reset_counts()
        run = await pipeline(c, srv, n=n, tag="claude", engine="claude")
    pieces = sum(run["content"].values())
    expected_calls = n + pieces
    by_purpose = dict(claude.by_purpose)
    want_purpose = {"analyze": n, **run["content"]}
    if claude.calls != expected_calls or by_purpose != want_purpose or claude.unscripted:
        raise Failure(
            f"claude pipeline: the fake got {claude.calls} calls {by_purpose} ({claude.unscripted} "
            f"unscripted); expected {expected_calls} {want_purpose} (one per analysis and piece)"
        )
    if claude.max_concurrent > llm:
        raise Failure(f"{claude.max_concurrent} calls in flight at once, above LLM_MAX_CONCURRENCY={llm}")
    per_item = [claude.emails.get(p["email"], 0) for p in fakes.people(n, tag="claude")]
    if sum(per_item) != expected_calls:
        raise Failure(f"calls per prospect add up to {sum(per_item)}, not {expected_calls}")

    wall = run["wall_s"]
    effective = min(llm, workers * items)
    one_job = min(llm, items)
    ideal = expected_calls * latency / effective
    ideal_job = expected_calls * latency / one_job
    ideal_chunks = _chunk_ideal(per_item, items, llm, latency)
    t = claude.timeline(run["started"], run["started"] + wall, llm)
    print(
        f"\n== (b) through Claude (fake Messages API, {args.latency_ms:g} ms per call): complete pipeline "
        f"of {n}, content for tiers 1-2"
    )
    print(
        f"LLM_MAX_CONCURRENCY={llm} JOB_WORKERS={workers} JOB_ITEM_CONCURRENCY={items}; calls: {claude.calls} "
        f"({by_purpose}); {n / wall:.1f} prospects/s; wall {wall:.2f} s; "
        f"most calls in flight at once: {claude.max_concurrent}"
    )
    header = f"{'ideal':58} {'ideal s':>8} {'wall/ideal':>10}"
    print(header)
    print("-" * len(header))
    for label, value in (
        (f"calls x L / min(LLM, workers x items) = {effective}", ideal),
        (f"calls x L / min(LLM, items) = {one_job}  (one job, one worker)", ideal_job),
        (f"chunks of {items}, an item's calls in sequence", ideal_chunks),
    ):
        print(f"{label:58} {value:>8.2f} {wall / value:>9.2f}x")
    print(
        f"timeline at the fake: {t['head_s'] * 1000:.0f} ms before the first call, calls from first start to "
        f"last end {t['span_s']:.2f} s, {t['tail_s'] * 1000:.0f} ms after the last (finishing the job + "
        f"the poll); LLM slot use in between {t['utilisation']:.0%} (summed call time / ({llm} x span))"
    )
    gaps = sorted(claude.gaps_between_calls())
    if gaps:
        mean = sum(gaps) / len(gaps)
        chain = sum(k - 1 for k in per_item if k > 1)
        print(
            f"service time between one prospect's consecutive calls (call end -> next call start): mean "
            f"{mean * 1000:.1f} ms, p50 {gaps[len(gaps) // 2] * 1000:.1f} ms, max {gaps[-1] * 1000:.1f} ms over "
            f"{len(gaps)} gaps; vs L = {args.latency_ms:g} ms per call, so an item's chain of calls takes "
            f"~{(latency + mean) / latency:.2f}x its ideal ({chain} such gaps in this run)"
        )
    cpu = run["cpu_s"]
    if cpu is not None:
        print(f"server CPU: {cpu:.2f} s ({cpu / n * 1000:.2f} ms per prospect, {cpu / wall:.0%} of one core)")


def main(argv: list[str]) -> int:
    parser = common.base_parser(
        "complete pipeline: rules throughput, and Claude wall time vs ideal", prog="python -m bench pipeline"
    )
    parser.add_argument("--prospects", type=int, default=250, help="prospects in the rules-engine run (250)")
    parser.add_argument(
        "--baseline-prospects",
        type=int,
        default=100,
        help="prospects in the no-content baseline, half before and half after (100)",
    )
    parser.add_argument("--claude-prospects", type=int, default=100, help="prospects in the Claude run (100)")
    parser.add_argument("--latency-ms", type=float, default=100, help="fake Claude latency per call (100)")
    parser.add_argument("--llm-concurrency", type=int, default=4, help="LLM_MAX_CONCURRENCY (4)")
    parser.add_argument("--job-workers", type=int, default=2, help="JOB_WORKERS (2)")
    parser.add_argument("--job-item-concurrency", type=int, default=4, help="JOB_ITEM_CONCURRENCY (4)")
    parser.add_argument("--skip-claude", action="store_true", help="only the rules-engine part")
    parser.add_argument("--skip-rules", action="store_true", help="only the Claude part")
    parser.add_argument("--backends", default="sqlite,postgres", help="rules part on these (sqlite,postgres)")
    args, _ = parser.parse_known_args(argv)
    jobs_env = {"JOB_WORKERS": str(args.job_workers), "JOB_ITEM_CONCURRENCY": str(args.job_item_concurrency)}

    first_target = len(common.TARGET_LINES)
    print(
        f"servers: uvicorn {' '.join(common.UVICORN_ARGS)}, LOG_LEVEL=WARNING, "
        f"JOB_WORKERS={args.job_workers} JOB_ITEM_CONCURRENCY={args.job_item_concurrency}; job polled every "
        f"50 ms; client: httpx in this process; {os.cpu_count()} CPUs"
    )
    try:
        from bench import bench_tracking as bt

        for backend in [] if args.skip_rules else [b.strip() for b in args.backends.split(",") if b.strip()]:
            args.backend = backend
            with (
                bt.databases(backend) as new_url,
                common.temp_env(**fakes.rules_env(**jobs_env), DATABASE_URL=new_url()) as env,
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
                common.temp_env(**claude.env(LLM_MAX_CONCURRENCY=str(args.llm_concurrency), **jobs_env)) as env,
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
