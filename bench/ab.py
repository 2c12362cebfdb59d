"""A/B one setting of our server under wrk: `python -m bench.ab read DB_SQLITE_INLINE=false [--seconds 8]`.

Two servers on the same seeded database, A with the defaults and B with the given overrides, take
turns under `wrk -t1 -c<connections>` (alternating rounds); prints req/s, latency and server CPU per
request for each and the ratio B/A. For measuring one lever at a time on a noisy shared machine.

`--base REV` runs A from the code of git revision REV instead (checked out to a temp dir with `git
archive`), B from the working tree: a change measured before/after back to back, without a setting.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from bench import bench_http, common


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ab")
    parser.add_argument("target", choices=["read", "campaign", "pixel", "overview", "tiers", "steps", "timeline"])
    parser.add_argument("overrides", nargs="*", help="KEY=VALUE settings for server B")
    parser.add_argument("--backend", default="sqlite")
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--base", help="A runs this git revision's code (B: the working tree)")
    parser.add_argument("--events", type=int, default=200, help="events in the campaign (200; reports: use more)")
    args = parser.parse_args(argv)
    from bench import bench_tracking as bt

    with bt.databases(args.backend) as new_url, _checkout(args.base) as base_dir:
        url = new_url()
        reports = ("overview", "tiers", "steps", "timeline")
        info = common.run(bt.seed(url, prospects=500 if args.target in reports else 40, events=args.events))
        with common.temp_env(DATABASE_URL=url, SECRET_KEY=bt.SECRET) as env:
            key = common.create_api_key(env)
            path, headers = {
                "read": ("/api/industries", {"X-API-Key": key}),
                "campaign": (f"/api/campaigns/{info['campaign_id']}", {"X-API-Key": key}),
                "pixel": (info["pixel_path"], bench_http.PIXEL_HEADERS),
                **{r: (f"/api/analytics/{info['campaign_id']}/{r}", {"X-API-Key": key}) for r in reports},
                "timeline": (f"/api/analytics/{info['campaign_id']}/timeline?interval=hour", {"X-API-Key": key}),
            }[args.target]
            env_b = dict(env, **dict(o.split("=", 1) for o in args.overrides))
            with (
                common.Server("api_server:app", env, ready_path="/api/health", cwd=base_dir) as a,
                common.Server("api_server:app", env_b, ready_path="/api/health") as b,
            ):
                for srv in (a, b):
                    common.wrk(srv.url(path), connections=args.connections, seconds=1, headers=headers)
                results: dict[str, common.LoadResult] = {}
                sides = {"A": a, "B": b}
                for i in range(args.rounds):
                    for name in ("A", "B") if i % 2 == 0 else ("B", "A"):
                        r = common.wrk(
                            sides[name].url(path),
                            connections=args.connections,
                            seconds=args.seconds / args.rounds,
                            headers=headers,
                            server=sides[name],
                        )
                        results[name] = results[name].merge(r) if name in results else r
    a_label = f"A {args.base}" if args.base else "A defaults"
    common.print_table(
        f"{args.target} on {args.backend}: {a_label}, B {' '.join(args.overrides) or 'working tree'}",
        results,
        baseline="A",
    )
    return 0


@contextlib.contextmanager
def _checkout(rev: str | None) -> Iterator[Path | None]:
    """The code of git revision `rev` in a temp dir (None: no revision, the working tree serves)."""
    if not rev:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="tune-bench-base-") as tmp:
        git = ["git", "archive", rev]
        archive = subprocess.run(git, cwd=common.REPO, capture_output=True, check=True).stdout  # noqa: S603
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)  # noqa: S603, S607
        yield Path(tmp)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
