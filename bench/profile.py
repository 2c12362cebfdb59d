"""Profile our server under wrk load with py-spy: `python -m bench.profile [read|campaign|pixel]`.

Starts one uvicorn worker on a temp SQLite database (or `--backend postgres`), seeds a campaign,
drives the chosen request with `wrk -t1 -c64` for `--seconds`, records the server's main thread with
`py-spy record --format raw` (collapsed stacks), and prints the top frames by own time and by
inclusive time, as % of samples. `--out FILE` keeps the collapsed stacks (for a flame graph).
"""

from __future__ import annotations

import argparse
import collections
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from bench import bench_http, common


def summarize(collapsed: str, top: int = 25) -> str:
    own: collections.Counter[str] = collections.Counter()
    incl: collections.Counter[str] = collections.Counter()
    total = 0
    for line in collapsed.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [
            f.split(" (")[0] + " (" + f.split(" (")[1].split(":")[0].rsplit("/", 1)[-1] + ")" if " (" in f else f
            for f in stack.split(";")
        ]
        own[frames[-1]] += n
        for f in set(frames):
            incl[f] += n
    out = [f"{total} samples", "", "own time:"]
    out += [f"  {100 * n / total:5.1f}%  {f}" for f, n in own.most_common(top)]
    out += ["", "inclusive time:"]
    out += [f"  {100 * n / total:5.1f}%  {f}" for f, n in incl.most_common(top + 15)]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("target", choices=["read", "campaign", "pixel"], nargs="?", default="read")
    parser.add_argument("--backend", default="sqlite")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--rate", type=int, default=100, help="py-spy samples per second (100)")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--out", help="keep the collapsed stacks here")
    args = parser.parse_args(argv)
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    from bench import bench_tracking as bt

    with bt.databases(args.backend) as new_url, tempfile.TemporaryDirectory() as tmp:
        url = new_url()
        info = common.run(bt.seed(url, prospects=40, events=200))
        with common.temp_env(DATABASE_URL=url, SECRET_KEY=bt.SECRET) as env:
            key = common.create_api_key(env)
            path, headers = {
                "read": ("/api/industries", {"X-API-Key": key}),
                "campaign": (f"/api/campaigns/{info['campaign_id']}", {"X-API-Key": key}),
                "pixel": (info["pixel_path"], bench_http.PIXEL_HEADERS),
            }[args.target]
            with common.Server("api_server:app", env, ready_path="/api/health") as srv:
                common.wrk(srv.url(path), connections=args.connections, seconds=2, headers=headers)  # warm up
                out = Path(args.out or Path(tmp) / "stacks.txt")
                assert srv.proc is not None
                spy_proc = subprocess.Popen(  # noqa: S603
                    [
                        spy,
                        "record",
                        "-p",
                        str(srv.proc.pid),
                        "-r",
                        str(args.rate),
                        "-d",
                        str(int(args.seconds)),
                        "--format",
                        "raw",
                        "-o",
                        str(out),
                        "--nonblocking",
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
                result: list[common.LoadResult] = []
                t = threading.Thread(
                    target=lambda: result.append(
                        common.wrk(
                            srv.url(path),
                            connections=args.connections,
                            seconds=args.seconds,
                            headers=headers,
                            server=srv,
                        )
                    )
                )
                t.start()
                spy_proc.wait()
                t.join()
            r = result[0]
            print(
                f"{args.target} on {args.backend}: {r.rps:.0f} req/s, server CPU "
                f"{r.server_cpu_us_per_req or 0:.0f} us/req, p50 {r.p50:.1f} ms, statuses {r.status_summary()}"
            )
            print(summarize(out.read_text(), args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
