"""The copy checker against the labelled corpus (tests/copy_corpus): recall per defect class, false positives.

The checks were tuned on `tune.jsonl`; `holdout.jsonl` (about 25% of each class) was never looked at
while tuning and is reported beside it. The test fails below 95% recall on any class or above 2%
false positives on the tuning half.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path

import industry_agents
from copywriter import Sender
from copywriter.lint import LintContext, lint_context, lint_message, lint_sentence, lint_subject, lint_visual
from schemas import ProspectData

CORPUS = Path(__file__).resolve().parent / "copy_corpus"
CONTEXTS = json.loads((CORPUS / "contexts.json").read_text())
CLASSES = (
    "splice",
    "persona_plural",
    "agreement",
    "raw_title",
    "leaked_citation",
    "broken_subject",
    "off_offer",
    "unrelated_pain",
    "wrong_company_type",
    "wrong_persona_metric",
    "strongest_fact_unused",
    "generic_subject",
    "template_repetition",
    "unfilmable_visual",
    "ungrounded_event",
    "offer_restated",
    "canned_pain",
    "unsupported_claim",
    "name_repeated",
    "template_opener",
    "offer_pasted",
    "results_line",
    "generic_so_what",
    "metric_subject",
    "opt_out_filler",
    "stock_cta",
    "fact_arithmetic",
    "teams_like_yours",
    "sender_at_end",
    "fragment",
    "garbled",
)


@cache
def ctx_for(name: str) -> LintContext:
    data = CONTEXTS[name]
    profile = industry_agents.get_builtin(data["industry"])
    assert profile is not None
    prospect = ProspectData.model_validate(data["prospect"])
    return lint_context(profile, prospect, Sender.model_validate(data["sender"]))


def findings(item: dict[str, str]) -> list[str]:
    ctx = ctx_for(item["ctx"])
    kind, text = item["kind"], item["text"]
    if kind == "subject":
        found = lint_subject(text, ctx)
    elif kind == "visual":
        found = lint_visual(text, ctx)
    elif kind == "message":
        found = lint_message(text, ctx, lead=True)
    else:
        found = lint_sentence(text, ctx)
    return [f.code for f in found]


def load(name: str) -> list[dict[str, str]]:
    return [json.loads(line) for line in (CORPUS / name).read_text().splitlines() if line.strip()]


def measure(rows: list[dict[str, str]]) -> tuple[dict[str, tuple[int, int]], tuple[int, int], list[str]]:
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    fp, good = 0, 0
    misses: list[str] = []
    for item in rows:
        codes = findings(item)
        if item["label"] == "good":
            good += 1
            if codes:
                fp += 1
                misses.append(f"FP {codes} {item['ctx']}: {item['text'][:120]}")
        else:
            totals[item["label"]] += 1
            if item["label"] in codes:
                hits[item["label"]] += 1
            else:
                misses.append(f"MISS {item['label']} {codes} {item['ctx']}: {item['text'][:120]}")
    return {c: (hits[c], totals[c]) for c in totals}, (fp, good), misses


def report(name: str, per_class: dict[str, tuple[int, int]], fp: tuple[int, int]) -> str:
    lines = [f"{name}: false positives {fp[0]}/{fp[1]} = {fp[0] / max(1, fp[1]):.1%}"]
    for c in CLASSES:
        h, t = per_class.get(c, (0, 0))
        lines.append(f"  {c:22} recall {h:3}/{t:<3} = {h / max(1, t):.0%}")
    return "\n".join(lines)


def test_corpus_covers_every_class_with_300_bad_and_300_good() -> None:
    rows = load("tune.jsonl") + load("holdout.jsonl")
    labels = Counter(r["label"] for r in rows)
    assert set(CLASSES) <= set(labels), set(CLASSES) - set(labels)
    assert sum(n for label, n in labels.items() if label != "good") >= 300
    assert labels["good"] >= 300
    holdout = Counter(r["label"] for r in load("holdout.jsonl"))
    for c in CLASSES:
        assert holdout[c] >= 1, c


def test_checker_recall_and_false_positives() -> None:
    tune, fp_tune, misses = measure(load("tune.jsonl"))
    hold, fp_hold, _misses_hold = measure(load("holdout.jsonl"))
    print("\n" + report("tuning half", tune, fp_tune))
    print(report("holdout half (not tuned on)", hold, fp_hold))
    print("\n".join(misses[:60]))
    low = {c: f"{h}/{t}" for c, (h, t) in tune.items() if h / t < 0.95}
    assert not low, f"recall below 95% on the tuning half: {low}"
    assert fp_tune[0] / fp_tune[1] <= 0.02, f"false positives {fp_tune[0]}/{fp_tune[1]} on the tuning half"


# The records behind the round-4 blind read's most frequent faults (contexts.json): what the writer says for them.
ROUND4 = ("silver_hollow", "saguaro", "badger", "tidewater", "gulf_coast", "prairie_gold")


def _step1(name: str) -> tuple[str, str, LintContext]:
    from copywriter import generate_sequence_rules
    from intelligence.scoring import analyze_rules

    data = CONTEXTS[name]
    profile = industry_agents.get_builtin(data["industry"])
    assert profile is not None
    prospect = ProspectData.model_validate(data["prospect"])
    seq = generate_sequence_rules(
        profile, prospect, analyze_rules(profile, prospect), Sender.model_validate(data["sender"]), steps=4
    )
    return seq.steps[0].subject_variants[0], seq.steps[0].body, ctx_for(name)


def test_writer_names_the_sender_first_and_pastes_no_fragment_or_credit() -> None:
    from copywriter.lint import sentences_of

    for name in ROUND4:
        _subject, body, ctx = _step1(name)
        sender = CONTEXTS[name]["sender"]["company"]
        assert f"at {sender}," not in body.split("\n\n", 2)[2] or body.count(f"At {sender},"), (name, body)
        codes = {f.code for s in sentences_of(body) for f in lint_sentence(s, ctx)}
        assert not codes & {"sender_at_end", "fragment", "leaked_citation"}, (name, codes, body)
        assert ";" not in body.split("\n\n")[1], (name, body)  # a record's semicolon is never pasted
        assert "per the maintenance lead" not in body and "on the Q2 call" not in body.lower(), body


def test_writer_subjects_are_whole_phrases_the_body_says() -> None:
    from copywriter.angles import words_of

    for name in ROUND4:
        subject, body, ctx = _step1(name)
        assert not [f.code for f in lint_subject(subject, ctx)], (name, subject)
        assert 2 <= len(subject.split()) <= 5, subject
        content = words_of(subject) - words_of("the your a an")
        figures = {w for w in content if any(c.isdigit() for c in w)}
        assert content <= words_of(body) | figures, (name, subject, body)


def test_us_readers_get_us_spelling() -> None:
    from copywriter.text import localise

    assert (
        localise("312 units to let; outbound programmes", "Austin, Texas, United States")
        == "312 units to lease; outbound programs"
    )
    assert (
        localise("312 units to let; outbound programmes", "Leeds, England, United Kingdom")
        == "312 units to let; outbound programmes"
    )


def test_an_irregular_past_is_a_verb_not_a_fragment() -> None:
    """'caught' is a finite past like 'opened': the fragment check flagged Claude's LinkedIn note
    "Your work on guest loyalty caught my eye." and forced a needless redraft (seen in the Batches test)."""
    from copywriter.lint import check_fragment

    ctx = next(iter(_contexts_for_fragment()))
    assert check_fragment("Your work on guest loyalty caught my eye.", ctx) == []
    assert check_fragment("Your new wing opened last month.", ctx) == []
    assert check_fragment("Your players club relaunch announced for Q3.", ctx) != []


def _contexts_for_fragment() -> list[LintContext]:
    return [_step1(name)[2] for name in ROUND4[:1]]


def test_a_company_name_ending_in_a_plural_is_one_subject() -> None:
    """ "Marble & Oak Hotels is hiring" names one company; "the hotels is" is still a plural subject."""
    assert not [f for f in lint_sentence("I saw that Marble & Oak Hotels is hiring a revenue manager.", None)]
    assert [f.code for f in lint_sentence("Our hotels is booked through an OTA.", None)] == ["agreement"]


def test_a_measure_running_is_is_flagged_and_its_fixes_are_not() -> None:
    """ "your no-show rate running is about 14%" is a slip a reader fixes before sending; the two right
    wordings, and a gerund subject that keeps something running, are clean."""
    bad = lint_sentence("Your no-show rate running is about 14% across the three clinics.")
    assert [f.code for f in bad] == ["agreement"] and "running is" in bad[0].span
    for good in (
        "Your no-show rate is running at about 14% across the three clinics.",
        "Your no-show rate is about 14% across the three clinics.",
        "Keeping the old line running is what eats your maintenance budget.",
    ):
        assert not [f for f in lint_sentence(good) if f.code == "agreement"], good
