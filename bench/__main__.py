"""Run the benchmarks: `python -m bench [NAME ...] [FLAGS]` (`make bench` runs them all).

Every `bench/bench_<name>.py` is a benchmark. It exposes `main(argv: list[str]) -> int` or
`async def run(argv: list[str]) -> int`; a return of None counts as 0. NAME selects modules
(`http` or `bench_http`); FLAGS (everything from the first argument starting with "-") go to each
selected module, so modules parse them with `parse_known_args`. Exit status: 0 when every
benchmark returned 0, 1 otherwise, 2 for an unknown name.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import os
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def available() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def run_module(name: str, argv: list[str]) -> int:
    module = importlib.import_module(f"bench.bench_{name}")
    if hasattr(module, "main"):
        outcome = module.main(argv)
        if inspect.isawaitable(outcome):
            outcome = asyncio.run(outcome)
    elif hasattr(module, "run"):
        params = inspect.signature(module.run).parameters
        outcome = asyncio.run(module.run(argv) if params else module.run())
    else:
        print(f"bench_{name}: no main(argv) or async run(argv); skipped", file=sys.stderr)
        return 1
    return int(outcome or 0)


def main(argv: list[str]) -> int:
    names = []
    while argv and not argv[0].startswith("-"):
        names.append(argv.pop(0).removesuffix(".py").removeprefix("bench/").removeprefix("bench_"))
    known = available()
    if argv[:1] in (["-l"], ["--list"]):
        print("\n".join(known))
        return 0
    unknown = [n for n in names if n not in known]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(known)}", file=sys.stderr)
        return 2
    failed = []
    for name in names or known:
        print(f"\n##### bench_{name}", flush=True)
        started = time.perf_counter()
        try:
            code = run_module(name, list(argv))
        except SystemExit as exc:  # argparse's --help or a usage error
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
        except Exception:
            traceback.print_exc()
            code = 1
        print(f"##### bench_{name}: exit {code} in {time.perf_counter() - started:.1f} s", flush=True)
        if code:
            failed.append(name)
    from bench import common

    if common.TARGET_LINES:
        print(
            "\n##### targets (issue 14); the machine's load average now: "
            + " ".join(f"{x:.1f}" for x in os.getloadavg())
        )
        for _, line in common.TARGET_LINES:
            print(line)
    if failed:
        print(f"\nFAILED: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
