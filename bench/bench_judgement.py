"""CPU per prospect of the rules judgement (facts extraction + scoring), beside the old scorer.

    python -m bench judgement [--copies 20] [--rounds 3]

In this process, no HTTP or database. Prospects are the practitioner's golden rows
(`tests/golden/prospects.jsonl`, each with its industry's sender from `offers.json`), copied
`--copies` times with a unique tag in the company, signals and notes so that no per-text cache
helps more than it would on a real import (profile-derived caches stay warm, as in a batch).
Figures are CPU milliseconds per prospect (time.process_time), best of `--rounds`:

    facts + score     intelligence.extract.extract_facts + scoring.score_facts (the tier path)
    full analysis     scoring.analyze_rules (adds pains, hooks, approach and the stored facts dict)
    old analysis      scoring.analyze_rules as it was before the facts layer (read from git, commit
                      OLD_COMMIT), on the same prospects: the old figure

Budget (issue 11): facts + score <= 0.3 ms per prospect. Exit status 1 when it is over budget.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import common

OLD_COMMIT = "15bca17"  # main before the prospect-facts layer
BUDGET_MS = 0.3


def _prospects(copies: int, tag: str) -> list[tuple[Any, Any]]:
    from tests.support.golden_support import TUNING, load, profile_for, to_prospect

    out = []
    for copy in range(copies):
        for row in load(TUNING):
            raw = dict(row["prospect"])
            mark = f"{tag}{copy}"
            raw["email"] = f"{mark}.{raw['email']}"
            if raw.get("company"):
                raw["company"] = f"{raw['company']} {mark}"
            raw["signals"] = [f"{s} ({mark})" for s in raw.get("signals", [])]
            if raw.get("notes"):
                raw["notes"] = f"{raw['notes']} Ref {mark}."
            out.append((profile_for(row["industry"]), to_prospect(raw)))
    return out


def _old_analyze() -> Callable[[Any, Any], Any] | None:
    """The old `scoring.analyze_rules`, loaded from git; None when git or the commit is unavailable."""
    try:
        source = subprocess.run(  # noqa: S603
            ["git", "show", f"{OLD_COMMIT}:scoring.py"],  # noqa: S607
            cwd=common.REPO,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = Path(tempfile.mkdtemp()) / "old_scoring.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("old_scoring", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_scoring"] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module.analyze_rules  # type: ignore[no-any-return]


def _cpu_ms(fn: Callable[[Any, Any], Any], items: list[tuple[Any, Any]]) -> float:
    started = time.process_time()
    for profile, prospect in items:
        fn(profile, prospect)
    return (time.process_time() - started) / len(items) * 1000


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench judgement", description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args, _ = parser.parse_known_args(argv)
    sys.path.insert(0, str(common.REPO))

    from intelligence.extract import extract_facts
    from intelligence.scoring import analyze_rules, score_facts

    def facts_and_score(profile: Any, prospect: Any) -> Any:
        return score_facts(profile, extract_facts(profile, prospect))

    old = _old_analyze()
    runs: dict[str, list[float]] = {"facts + score": [], "full analysis": [], "old analysis": []}
    for r in range(args.rounds):
        # Fresh prospects per measurement, so per-text caches start cold every time.
        runs["facts + score"].append(_cpu_ms(facts_and_score, _prospects(args.copies, f"f{r}x")))
        runs["full analysis"].append(_cpu_ms(analyze_rules, _prospects(args.copies, f"a{r}x")))
        if old is not None:
            runs["old analysis"].append(_cpu_ms(old, _prospects(args.copies, f"o{r}x")))
    n = len(_prospects(1, "n")) * args.copies
    print(f"{n} unique prospects per measurement (golden tuning rows x {args.copies}), best of {args.rounds}")
    print(f"{'':16} {'CPU ms/prospect':>16}")
    for name, values in runs.items():
        if values:
            print(f"{name:16} {min(values):16.3f}")
        else:
            print(f"{name:16} {'(old commit not available)':>16}")
    best = min(runs["facts + score"])
    verdict = "within" if best <= BUDGET_MS else "OVER"
    print(f"facts + score: {best:.3f} ms per prospect, {verdict} the {BUDGET_MS} ms budget")
    return 0 if best <= BUDGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
