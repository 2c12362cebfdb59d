"""CPU per request of one hot route, in process, no network: `python -m bench.inproc read [--n 3000]`.

Builds the app on a seeded temp database, runs its lifespan, then calls it as an ASGI app `--n`
times (one request at a time, or `--concurrency` at once: the pixel's group commit then batches) and
prints the CPU per request; `--profile` adds a cProfile of the loop (top functions by own and by
cumulative time). No socket and no load generator, so the figure is not disturbed by a busy machine
the way wrk's req/s is: use it to measure a lever, then confirm with `python -m bench http`.
`forged-pixel` is the pixel with a forged token: the request side alone, nothing written. `job` posts
batches of `--batch` prospects (1000: a job each) and waits for each job to finish: CPU per item of
the job-backed path, enqueue and worker together, beside `analyze` (inline).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import pstats
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bench import bench_csv, bench_http, common, fakes


async def _drive(
    app: Any,
    path: str,
    headers: dict[str, str],
    n: int,
    profile: cProfile.Profile | None,
    body: Callable[[int], bytes] | None = None,
    content_type: str = "application/json",
    concurrency: int = 1,
    after: Callable[[bytes], Awaitable[None]] | None = None,
) -> float:
    """CPU seconds per request; with `body`, POST `body(i)` (a new body per request) instead of GET;
    with `after`, each answer's body is handed to it (the `job` target waits there for its job)."""
    raw_headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    if body is not None:
        raw_headers.append((b"content-type", content_type.encode()))
    raw_headers.append((b"host", b"127.0.0.1"))
    path_only, _, query = path.partition("?")
    statuses: dict[int, int] = {}

    warm = min(200, n) if body is None else 3
    payloads = [body(i) for i in range(warm + n)] if body is not None else []  # built before the clock
    sent = 0

    async def one() -> None:
        nonlocal sent
        payload = payloads[sent] if payloads else b""
        sent += 1
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET" if body is None else "POST",
            "scheme": "http",
            "path": path_only,
            "raw_path": path_only.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": [*raw_headers, (b"content-length", str(len(payload)).encode())]
            if body is not None
            else raw_headers,
            "client": ("127.0.0.1", 40000),
            "server": ("127.0.0.1", 8000),
            "app": app,
        }

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": payload, "more_body": False}

        answer = bytearray()

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                statuses[message["status"]] = statuses.get(message["status"], 0) + 1
            elif message["type"] == "http.response.body":
                answer.extend(message.get("body", b""))

        await app(scope, receive, send)
        if after is not None:
            await after(bytes(answer))

    for _ in range(warm):  # warm-up: caches, compiled statements
        await one()
    statuses.clear()
    if profile is not None:
        profile.enable()
    started = time.process_time()
    if concurrency <= 1:
        for _ in range(n):
            await one()
    else:  # `concurrency` clients at once (the pixel's group commit then batches their hits)

        async def client(k: int) -> None:
            for _ in range(k):
                await one()

        share = [n // concurrency + (1 if i < n % concurrency else 0) for i in range(concurrency)]
        await asyncio.gather(*(client(k) for k in share))
    spent = time.process_time() - started
    if profile is not None:
        profile.disable()
    print(f"statuses {statuses}")
    return spent / n


REPORT_TARGETS = ("overview", "tiers", "steps", "timeline", "timeline-day")


def _job_waiter(app: Any, size: int) -> Callable[[bytes], Awaitable[None]]:
    """For the `job` target: wait until the job the answer names has finished all `size` items (read
    from the database every 20 ms, no HTTP poll)."""
    import uuid

    from models import Job

    async def wait(answer: bytes) -> None:
        job_id = uuid.UUID(json.loads(answer)["job_id"])
        while True:
            await asyncio.sleep(0.02)
            async with app.state.db.session(write=False) as session:
                job = await session.get(Job, job_id)
                if job is not None and job.status not in ("queued", "running"):
                    break
        if (job.status, job.done) != ("succeeded", size):
            raise RuntimeError(f"job {job_id}: {job.status}, {job.done} of {size} done, {job.failed} failed")

    return wait


async def _run(args: argparse.Namespace) -> None:
    from api_server import create_app
    from bench import bench_tracking as bt

    with bt.databases(args.backend) as new_url:
        url = await asyncio.to_thread(new_url)  # PostgreSQL: it creates the database with asyncio.run
        reports = args.target in REPORT_TARGETS
        info = await bt.seed(url, prospects=500 if reports else 40, events=args.events if reports else 200)
        with common.temp_env(DATABASE_URL=url, SECRET_KEY=bt.SECRET) as env:
            key = common.create_api_key(env)
            from settings import Settings

            values: dict[str, Any] = {k: env[k] for k in ("DATABASE_URL", "SECRET_KEY", *common.BENCH_SETTINGS)}
            # the rules engine, even with a Claude key in the shell
            values.update(fakes.rules_env(CAMPAIGN_CSV_MAX_ROWS=str(max(5000, args.batch))))
            settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
            batch = args.batch

            def analyze_body(i: int) -> bytes:
                people = fakes.people(batch, tag=f"inproc-{i}")
                return json.dumps({"industry": "casino", "prospects": people}).encode()

            def import_body(i: int) -> bytes:
                return bench_csv.csv_rows(batch, f"inproc-{i}")

            body = {"analyze": analyze_body, "job": analyze_body, "import": import_body}.get(args.target)
            path, headers = {
                "read": ("/api/industries", {"X-API-Key": key}),
                "campaign": (f"/api/campaigns/{info['campaign_id']}", {"X-API-Key": key}),
                "pixel": (info["pixel_path"], bench_http.PIXEL_HEADERS),
                # a forged token: the GIF with nothing written (the request side of the pixel alone)
                "forged-pixel": ("/t/o/" + "A" * 43 + ".gif", bench_http.PIXEL_HEADERS),
                "analyze": ("/api/prospects/analyze-batch", {"X-API-Key": key}),
                "job": ("/api/prospects/analyze-batch", {"X-API-Key": key}),
                "import": (f"/api/campaigns/{info['campaign_id']}/prospects/import", {"X-API-Key": key}),
                **{
                    r: (f"/api/analytics/{info['campaign_id']}/{r}", {"X-API-Key": key})
                    for r in ("overview", "tiers", "steps")
                },
                # as `python -m bench tracking` reads it: by hour, a week of events = 168 hours x 7 metrics
                "timeline": (f"/api/analytics/{info['campaign_id']}/timeline?interval=hour", {"X-API-Key": key}),
                "timeline-day": (f"/api/analytics/{info['campaign_id']}/timeline", {"X-API-Key": key}),
            }[args.target]
            app = create_app(settings)
            async with app.router.lifespan_context(app):
                profile = cProfile.Profile() if args.profile else None
                content_type = "text/csv" if args.target == "import" else "application/json"
                tracker = app.state.tracker
                batches, hits = tracker.batches, tracker.hits
                after = _job_waiter(app, batch) if args.target == "job" else None
                per = await _drive(
                    app, path, headers, args.n, profile, body, content_type, args.concurrency, after
                )
                batches, hits = tracker.batches - batches, tracker.hits - hits
            print(
                f"{args.target} on {args.backend}: {per * 1e6:.0f} us CPU per request in process "
                f"({args.n} requests, {args.concurrency} at a time)"
                + (f"; {hits} hits in {batches} transactions" if batches else "")
            )
            if body is not None:
                print(
                    f"  = {per / batch * 1e6:.0f} us CPU per prospect, {batch / per:.0f} prospects/s "
                    f"({'CSV imports' if args.target == 'import' else 'batches'} of {batch} new prospects)"
                )
            if profile is not None:
                for key_name in ("tottime", "cumtime"):
                    out = io.StringIO()
                    pstats.Stats(profile, stream=out).sort_stats(key_name).print_stats(args.top)
                    print("\n".join(out.getvalue().splitlines()[6:]))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.inproc")
    parser.add_argument(
        "target",
        choices=["read", "campaign", "pixel", "forged-pixel", "analyze", "job", "import", *REPORT_TARGETS],
    )
    parser.add_argument("--backend", default="sqlite")
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--concurrency", type=int, default=1, help="requests at once (1)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--events", type=int, default=5000, help="reports: events in the campaign (5000)")
    parser.add_argument(
        "--batch", type=int, default=100, help="analyze, job: prospects per batch; import: rows per CSV"
    )
    args = parser.parse_args(argv)
    common.run(_run(args))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
