"""`python -m reliability [--full] [--only NAME ...]`: run the scenarios, print their figures."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
import traceback

from reliability import SCENARIOS
from reliability.common import Result


def run_one(name: str, full: bool) -> Result:
    module = importlib.import_module(f"reliability.{name}")
    try:
        return module.run(full=full)
    except Exception as exc:
        traceback.print_exc()
        result = Result(name, getattr(module, "TITLE", name), announce=False)
        result.check(False, f"crashed: {type(exc).__name__}: {exc}")
        return result.finish()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m reliability", description=__doc__)
    parser.add_argument("--full", action="store_true", help="the full version (minutes, not seconds)")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help=f"run only this scenario (repeatable, or comma-separated): {', '.join(SCENARIOS)}",
    )
    args = parser.parse_args(argv)
    names = [n.strip() for item in args.only for n in item.split(",") if n.strip()] or list(SCENARIOS)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario(s) {', '.join(unknown)}; choose from {', '.join(SCENARIOS)}")
    print(
        f"reliability suite ({'full' if args.full else 'short'}): {', '.join(names)}; "
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}",
        flush=True,
    )
    started = time.perf_counter()
    results = [run_one(name, args.full) for name in names]
    print(f"\n=== summary ({'full' if args.full else 'short'}, {time.perf_counter() - started:.0f} s)")
    for r in results:
        print(
            f"{'PASS' if r.passed else 'FAIL'} {r.name:9} {r.seconds:6.1f} s  "
            + ("; ".join(r.failures) if r.failures else "")
        )
    failed = [r.name for r in results if not r.passed]
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
