"""HTTP overhead of our stack: `GET /api/industries` vs a bare FastAPI endpoint, side by side.

    python -m bench http [--seconds 10] [--concurrency 50] [--rounds 2] [--warmup 1] [--burst 500]

Both apps run under the same uvicorn settings (one worker, --no-access-log, --log-level warning,
LOG_LEVEL=WARNING so per-request log events are filtered out rather than written) and get the same
load: `--concurrency` keep-alive clients for `--seconds` each, split into `--rounds` that alternate
the order (bare, ours, then ours, bare, ...) so drift on a shared machine hits both alike. Ours
answers with an API key looked up in its (temp SQLite) database and counted by the rate limiter
(RATE_LIMIT=1000000/minute, so no 429s), through the request-id/access-log, CORS, body-size and
idempotency middleware. The bare app (bench/bare_app.py) returns a list of the same shape and size.

Then a burst: `--burst` clients each send one request at the same moment (each on its own new
connection). Any 5xx, or a request that got no response at all, makes the exit status 1.

Writes are not measured yet: the only write endpoint is POST /api/keys, and creating API keys is
not a representative write. Add one here when a cheap write endpoint exists.
"""

from __future__ import annotations

import argparse
import os

import httpx

from bench import common

BARE_APP, BARE_PATH = "bench.bare_app:app", "/items"
OURS_APP, OURS_PATH = "api_server:app", "/api/industries"


async def _measure(args: argparse.Namespace, bare: common.Server, ours: common.Server,
                   key: str) -> tuple[dict[str, common.LoadResult], dict[str, common.LoadResult]]:
    seconds, concurrency, rounds = args.seconds, args.concurrency, max(1, args.rounds)
    targets = {
        "bare": (bare, bare.url(BARE_PATH), {}),
        "ours": (ours, ours.url(OURS_PATH), {"X-API-Key": key}),
    }
    async with httpx.AsyncClient(timeout=30) as client:
        for name, (_, url, headers) in targets.items():
            response = await client.get(url, headers=headers)
            if response.status_code != 200:
                raise RuntimeError(f"{name}: GET {url} answered {response.status_code}: {response.text[:300]}")
    if args.warmup > 0:
        for _, url, headers in targets.values():
            await common.load(url, concurrency=concurrency, seconds=args.warmup, headers=headers)

    steady: dict[str, common.LoadResult] = {}
    order = list(targets)
    for i in range(rounds):
        for name in order if i % 2 == 0 else order[::-1]:
            server, url, headers = targets[name]
            result = await common.load(url, concurrency=concurrency, seconds=seconds / rounds, headers=headers,
                                       server=server)
            steady[name] = steady[name].merge(result) if name in steady else result

    bursts = {}
    for name, (server, url, headers) in targets.items():
        bursts[name] = await common.burst(url, args.burst, headers=headers, server=server)
    return steady, bursts


def main(argv: list[str]) -> int:
    parser = common.base_parser("GET /api/industries vs a bare FastAPI endpoint", prog="python -m bench http")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds the time is split into (2)")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds of unmeasured load per app first (1)")
    parser.add_argument("--burst", type=int, default=500, help="clients in the one-request burst (500)")
    args, _ = parser.parse_known_args(argv)

    print(f"load: {args.concurrency} keep-alive clients, {args.seconds:g} s per app in {args.rounds} alternating "
          f"rounds, after {args.warmup:g} s warm-up; client: httpx in this process; {os.cpu_count()} CPUs")
    print(f"servers: uvicorn {' '.join(common.UVICORN_ARGS)}; LOG_LEVEL={common.BENCH_SETTINGS['LOG_LEVEL']} "
          f"(per-request log events filtered, not written); RATE_LIMIT={common.BENCH_SETTINGS['RATE_LIMIT']}; "
          "temp SQLite database")
    print(f"bare: {BARE_APP} GET {BARE_PATH}    ours: {OURS_APP} GET {OURS_PATH} with X-API-Key")

    with common.temp_env() as env:
        key = common.create_api_key(env)
        with common.Server(BARE_APP, env) as bare, common.Server(OURS_APP, env, ready_path="/api/health") as ours:
            steady, bursts = common.run(_measure(args, bare, ours, key))
            failed = any(r.server_errors or r.transport_errors for r in (*steady.values(), *bursts.values()))
            logs = {"bare": bare.log_tail(), "ours": ours.log_tail()} if failed else {}

    common.print_table(f"steady load: {args.concurrency} concurrent, {args.seconds:g} s each", steady,
                       baseline="bare")
    common.print_table(f"burst: {args.burst} clients, one request each, all at once "
                       "(req/s = burst size / time to answer all)", bursts, baseline="bare")
    ours_burst = bursts["ours"]
    print(f"\nburst on ours, by status: {ours_burst.status_summary()}")
    print(f"5xx: {ours_burst.server_errors}   no response: {ours_burst.transport_errors}")
    print("\nwrites: skipped (no cheap write endpoint yet; POST /api/keys is not a representative write)")

    failures = {f"{phase} {name}": r for phase, results in (("steady", steady), ("burst", bursts))
                for name, r in results.items() if r.server_errors or r.transport_errors}
    for label, r in failures.items():
        print(f"FAIL {label}: {r.server_errors} x 5xx, {r.transport_errors} without a response "
              f"({r.status_summary()})")
    for name, tail in logs.items():
        print(f"\n--- {name} server log (tail)\n{tail or '(empty)'}")
    return 1 if failures else 0
