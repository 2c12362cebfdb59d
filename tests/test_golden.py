"""The golden set: a practitioner's hand-tiered prospects, scored in-process by the rules engine.

Files written by practitioners before the engine ran: `tests/golden/prospects.jsonl` (tuning: the
engine was tuned on it), `tests/golden/prospects2.jsonl` (a second, blind labeller's 200 rows; the
engine first agreed on 74.0% of it, measured before any change made in response, then it became a
second tuning set), `tests/golden/prospects3.jsonl` (70 rows, formerly `holdout.jsonl`: measured once
at 82.9% exact agreement before any tuning on it, then it became the third tuning set),
`tests/golden/prospects4.jsonl` (a third blind labeller's 100 rows, formerly `holdout2.jsonl`: measured
twice as a holdout, 85.0% then 86.0% exact agreement, 4 false tier 1 and 1 disqualified prospect in
tiers 1-2 both times; then it became the fourth tuning set), `tests/golden/prospects5.jsonl` (a fourth
blind labeller's 100 rows, formerly `holdout3.jsonl`: measured once as a holdout after the round-2
changes, 87.0% exact agreement, 1 false tier 1 and 1 disqualified prospect in tiers 1-2; then it became
the fifth tuning set) and `tests/golden/prospects6.jsonl` (a fifth blind labeller's 100 rows, formerly
`holdout4.jsonl`: measured as a holdout after the round-3 changes, 75.0% then 76.0% after an intake fix,
7 false tier 1 and 3 disqualified prospects in tiers 1-2; then it became the sixth tuning set).
`tests/golden/holdout5.jsonl` (a sixth blind labeller's 100 rows), `tests/golden/holdout6.jsonl` and
`tests/golden/holdout7.jsonl` (a seventh's and an eighth's, written after issue 11 was closed) and
`tests/golden/holdout8.jsonl` and `holdout9.jsonl` (a ninth's and an eleventh's, written 1 December for clean copy
reads) are kept
aside: never tuned on, and only their aggregate figures are printed, never a row. Each industry's sender
(company and offer) comes from `tests/golden/offers.json`, as an agent build would store it. Run with `-s` to
see the figures.

Pass bars, each tuning set: at least 90% exact tier agreement, no false tier 1, no disqualified prospect
(a named disqualifier or a practitioner's tier 4) in tiers 1-2. prospects6 has one contested label
(`CONTESTED_TIER1`, a label other labellers contradict on the same situation): its false tier 1 list must be
exactly that row, so any new false tier 1 fails. Holdout: the same figures printed, with
no pass bar: the holdout is reported, not a bar we tuned toward.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.golden_support import (
    HOLDOUT,
    HOLDOUT6,
    HOLDOUT7,
    HOLDOUT8,
    HOLDOUT9,
    HOLDOUT10,
    HOLDOUT11,
    HOLDOUT12,
    HOLDOUT13,
    HOLDOUT14,
    HOLDOUT15,
    HOLDOUT16,
    HOLDOUT17,
    HOLDOUT19,
    HOLDOUT20,
    HOLDOUT21,
    HOLDOUT22,
    HOLDOUT23,
    TUNING,
    TUNING2,
    TUNING3,
    TUNING4,
    TUNING5,
    TUNING6,
    evaluate,
)

MIN_AGREEMENT = 0.90


@pytest.mark.parametrize(
    ("path", "minimum"),
    [(TUNING, 100), (TUNING2, 200), (TUNING3, 70), (TUNING4, 100), (TUNING5, 100)],
    ids=["prospects", "prospects2", "prospects3", "prospects4", "prospects5"],
)
def test_tuning_set_agrees_with_the_practitioner(path: Path, minimum: int) -> None:
    report, _ = evaluate(path, f"tuning set {path.name}")
    print("\n" + "\n".join(report.lines(show_ids=True)))
    assert report.total >= minimum
    assert report.agreement >= MIN_AGREEMENT, f"exact agreement {report.agreement:.1%} < {MIN_AGREEMENT:.0%}"
    assert report.false_tier1 == [], f"false tier 1: {report.false_tier1}"
    assert report.dq_in_top == [], f"disqualified in tiers 1-2: {report.dq_in_top}"
    assert report.refused == [], f"refused by the intake: {report.refused}"


# One prospects6 label contradicts the other labellers' labels of the same situation: a Director of Marketing
# at a multifamily operator with a live lease-up is tier 2 there (marketing "runs the campaigns, leasing and
# asset management hold the budget"), tier 1 in prospects (real_estate-03), prospects2 (real_estate-2-04) and
# prospects3 (real_estate-h05). No general reading can agree with both; the engine keeps the majority's.
CONTESTED_TIER1 = ["real_estate-h4-10"]


def test_sixth_tuning_set_agrees_with_the_practitioner() -> None:
    """prospects6 (the old holdout4): the tuning bars, with its one contested label named, not hidden."""
    report, _ = evaluate(TUNING6, f"tuning set {TUNING6.name}")
    print("\n" + "\n".join(report.lines(show_ids=True)))
    assert report.total >= 100
    assert report.agreement >= MIN_AGREEMENT, f"exact agreement {report.agreement:.1%} < {MIN_AGREEMENT:.0%}"
    assert report.false_tier1 == CONTESTED_TIER1, f"false tier 1: {report.false_tier1}"
    assert report.dq_in_top == [], f"disqualified in tiers 1-2: {report.dq_in_top}"
    assert report.refused == [], f"refused by the intake: {report.refused}"


@pytest.mark.parametrize(
    "path",
    [
        HOLDOUT,
        HOLDOUT6,
        HOLDOUT7,
        HOLDOUT8,
        HOLDOUT9,
        HOLDOUT10,
        HOLDOUT11,
        HOLDOUT12,
        HOLDOUT13,
        HOLDOUT14,
        HOLDOUT15,
        HOLDOUT16,
        HOLDOUT17,
        HOLDOUT19,
        HOLDOUT20,
        HOLDOUT21,
        HOLDOUT22,
        HOLDOUT23,
    ],
    ids=[
        "holdout5",
        "holdout6",
        "holdout7",
        "holdout8",
        "holdout9",
        "holdout10",
        "holdout11",
        "holdout12",
        "holdout13",
        "holdout14",
        "holdout15",
        "holdout16",
        "holdout17",
        "holdout19",
        "holdout20",
        "holdout21",
        "holdout22",
        "holdout23",
    ],
)
def test_holdout_set_figures(path: Path) -> None:
    if not path.exists():
        pytest.fail(f"tests/golden/{path.name} is missing")
    report, _ = evaluate(path, f"holdout set {path.name} (never tuned on; aggregate figures only)")
    print("\n" + "\n".join(report.lines(show_ids=False)))
    assert report.total > 0  # figures only: holdout rows are never named or printed
