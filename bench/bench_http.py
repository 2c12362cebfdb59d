"""HTTP cost of our stack against a bare FastAPI app, side by side, with `wrk` (issue 14's targets).

    python -m bench http [--seconds 6] [--rounds 2] [--warmup 1] [--backends sqlite,postgres]
                         [--only read,read500,campaign,campaign500,pixel]

Load comes from `wrk -t1 -c<N>` (C, epoll; a Python load generator on the same 2 cores saturates
before the server does and hides its cost). Both apps run under the same uvicorn flags (one worker,
--no-access-log, --log-level warning, LOG_LEVEL=WARNING, rate limits out of reach) and take turns:
each measurement is split into `--rounds` rounds alternating the order (bare, ours, then ours,
bare, ...), so drift on a shared machine hits both alike. Every figure comes with server CPU per
request (the server process's user+system time over the run ÷ requests answered), which a busy
neighbour disturbs less than req/s.

    read         GET /api/industries with X-API-Key, 64 connections   vs bare /items (same shape)
    read500      the same at 500 connections: also 0 errors, p99 < 1 s
    campaign     GET /api/campaigns/{id} (a read that must hit the database), 64 connections
                 vs bare /campaign answering the same JSON document
    campaign500  the same at 500 connections: also 0 errors, p99 < 1 s
    pixel        GET /t/o/{token}.gif, the open committed before the GIF, 64 connections
                 vs a bare endpoint answering the same GIF; afterwards the events table must hold
                 at least one event per 200 answered (2xx means committed), and at most that plus
                 the hits wrk had in flight when it stopped (answered by the server, never counted)

Each backend in `--backends` runs everything: SQLite in a temp file, PostgreSQL from the `pgserver`
package (started here, as the tests do). Every target prints its ratio, the absolute figures and
PASS/FAIL; the exit status is 1 when any target fails (or wrk is missing).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench import common

BARE_APP = "bench.bare_app:app"
OURS_APP = "api_server:app"
PIXEL_HEADERS = {"User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15"}


@dataclass(frozen=True)
class Target:
    name: str
    label: str
    connections: int
    min_ratio: dict[str, float]  # by backend
    p99_max_ms: float | None = None  # and 0 errors, when set


TARGETS = [
    Target("read", "GET /api/industries with X-API-Key", 64, {"sqlite": 0.35, "postgres": 0.35}),
    Target("read500", "GET /api/industries with X-API-Key", 500, {"sqlite": 0.35, "postgres": 0.35}, 1000),
    Target("campaign", "GET /api/campaigns/{id} (hits the database)", 64, {"sqlite": 0.2, "postgres": 0.2}),
    Target(
        "campaign500", "GET /api/campaigns/{id} (hits the database)", 500, {"sqlite": 0.2, "postgres": 0.2}, 1000
    ),
    Target("pixel", "GET /t/o/{token}.gif, hit committed first", 64, {"sqlite": 0.6, "postgres": 0.5}),
]


@dataclass
class Outcome:
    backend: str
    target: Target
    ours: common.LoadResult
    bare: common.LoadResult
    note: str = ""
    extra_ok: bool = True

    @property
    def ratio(self) -> float:
        return self.ours.rps / self.bare.rps if self.bare.rps else 0.0

    @property
    def passed(self) -> bool:
        t = self.target
        ok = self.ratio >= t.min_ratio[self.backend] and self.extra_ok and not self.ours.failures
        if t.p99_max_ms is not None:
            ok &= self.ours.p99 < t.p99_max_ms
        return ok


def _measure(
    args: argparse.Namespace,
    bare: tuple[common.Server, str],
    ours: tuple[common.Server, str],
    connections: int,
    headers: dict[str, str],
) -> tuple[common.LoadResult, common.LoadResult]:
    sides = {
        "bare": (bare[0], bare[0].url(bare[1]), {k: v for k, v in headers.items() if k != "X-API-Key"}),
        "ours": (ours[0], ours[0].url(ours[1]), headers),
    }
    if args.warmup > 0:
        for _, url, hdrs in sides.values():
            common.wrk(url, connections=connections, seconds=args.warmup, headers=hdrs)
    results: dict[str, common.LoadResult] = {}
    order = list(sides)
    rounds = max(1, args.rounds)
    for i in range(rounds):
        for name in order if i % 2 == 0 else order[::-1]:
            server, url, hdrs = sides[name]
            r = common.wrk(
                url, connections=connections, seconds=args.seconds / rounds, headers=hdrs, server=server
            )
            results[name] = results[name].merge(r) if name in results else r
    return results["ours"], results["bare"]


def run_backend(args: argparse.Namespace, backend: str, only: set[str]) -> list[Outcome]:
    from bench import bench_tracking as bt

    outcomes: list[Outcome] = []
    with bt.databases(backend) as new_url, tempfile.TemporaryDirectory(prefix="tune-bench-http-") as tmp:
        url = new_url()
        info = common.run(bt.seed(url, prospects=40, events=200))
        overrides = {"DATABASE_URL": url, "SECRET_KEY": bt.SECRET}
        with common.temp_env(**overrides) as env:
            key = common.create_api_key(env)
            campaign_path = f"/api/campaigns/{info['campaign_id']}"
            auth = {"X-API-Key": key}
            with common.Server(OURS_APP, env, ready_path="/api/health") as ours:
                got = httpx.get(ours.url(campaign_path), headers=auth, timeout=30)
                if got.status_code != 200:
                    raise RuntimeError(f"{campaign_path} answered {got.status_code}: {got.text[:300]}")
                for path, hdrs in (("/api/industries", auth), (info["pixel_path"], PIXEL_HEADERS)):
                    check = httpx.get(ours.url(path), headers=hdrs, timeout=30)
                    if check.status_code != 200:
                        raise RuntimeError(f"{path} answered {check.status_code}: {check.text[:300]}")
                body_file = Path(tmp) / "campaign.json"
                body_file.write_text(json.dumps(got.json()))
                bare_env = dict(env, BENCH_BARE_CAMPAIGN_FILE=str(body_file))
                with common.Server(BARE_APP, bare_env, ready_path="/items") as bare:
                    before_pixel = common.run(_count_events(url))
                    for t in TARGETS:
                        if t.name not in only:
                            continue
                        if t.name.startswith("read"):
                            pair = ((bare, "/items"), (ours, "/api/industries"), auth)
                        elif t.name.startswith("campaign"):
                            pair = ((bare, "/campaign"), (ours, campaign_path), auth)
                        else:
                            pair = ((bare, info["pixel_path"]), (ours, info["pixel_path"]), PIXEL_HEADERS)
                        before = common.run(_count_events(url)) if t.name == "pixel" else 0
                        r_ours, r_bare = _measure(args, pair[0], pair[1], t.connections, pair[2])
                        outcome = Outcome(backend, t, r_ours, r_bare)
                        if t.name == "pixel":
                            stored = common.run(_count_events(url)) - before
                            # the warm-up's hits are stored too: count them as answered
                            answered = r_ours.answered_ok
                            outcome.extra_ok = stored >= answered
                            outcome.note = (
                                f"events stored {stored} for {answered} GIFs answered in the measured "
                                f"rounds (plus warm-up hits); stored >= answered: "
                                f"{'yes' if stored >= answered else 'NO'}"
                            )
                        outcomes.append(outcome)
                        _print_outcome(outcome)
                        common.TARGET_LINES.append((outcome.passed, summary_line(outcome)))
                    del before_pixel
    return outcomes


async def _count_events(url: str) -> int:
    from bench import bench_tracking as bt

    return await bt.count_events(url)


def _print_outcome(o: Outcome) -> None:
    t = o.target
    common.print_table(
        f"[{o.backend}] {t.name}: {t.label}, {t.connections} connections, wrk -t1",
        {"bare": o.bare, "ours": o.ours},
        baseline="bare",
    )
    if o.note:
        print(f"[{o.backend}] {o.note}")
    print(summary_line(o))


def summary_line(o: Outcome) -> str:
    t = o.target
    need = f">= {t.min_ratio[o.backend]:.2f}x"
    if t.p99_max_ms is not None:
        need += f", 0 errors, p99 < {t.p99_max_ms:g} ms"
    cpu = o.ours.server_cpu_us_per_req
    bare_cpu = o.bare.server_cpu_us_per_req
    verdict = "PASS" if o.passed else "FAIL"
    cpus = f"{'-' if cpu is None else f'{cpu:.0f}'} us vs {'-' if bare_cpu is None else f'{bare_cpu:.0f}'} us bare"
    return (
        f"{verdict} [{o.backend:8}] {t.name:11} c={t.connections:<3} ratio {o.ratio:.3f}x "
        f"({o.ours.rps:.0f} vs {o.bare.rps:.0f} req/s; need {need}); ours p50 {o.ours.p50:.1f} ms "
        f"p99 {o.ours.p99:.1f} ms, errors {o.ours.failures} (bare: p99 {o.bare.p99:.1f} ms, errors "
        f"{o.bare.failures}); server CPU/req {cpus}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench http", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="seconds per side per measurement (6)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds the time is split into (2)")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds of unmeasured load per side first (1)")
    parser.add_argument("--backends", default="sqlite,postgres", help="comma-separated (sqlite,postgres)")
    parser.add_argument("--only", default=",".join(t.name for t in TARGETS), help="targets to run (all)")
    args, _ = parser.parse_known_args(argv)
    if not common.wrk_available():
        print("FAIL: wrk is not installed (Debian: apt-get install wrk)")
        return 1
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    print(
        f"load: wrk -t1, {args.seconds:g} s per side in {args.rounds} alternating rounds after "
        f"{args.warmup:g} s warm-up; {os.cpu_count()} CPUs, load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    print(
        f"servers: uvicorn {' '.join(common.UVICORN_ARGS)}; LOG_LEVEL={common.BENCH_SETTINGS['LOG_LEVEL']}; "
        f"RATE_LIMIT={common.BENCH_SETTINGS['RATE_LIMIT']}; TRACKING_RATE_LIMIT="
        f"{common.BENCH_SETTINGS['TRACKING_RATE_LIMIT']}"
    )
    outcomes: list[Outcome] = []
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        with contextlib.suppress(KeyboardInterrupt):
            outcomes += run_backend(args, backend, only)
    return 0 if outcomes and all(o.passed for o in outcomes) else 1
