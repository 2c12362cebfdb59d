"""Issue 14: the rules engine's literal prefilter (`intelligence.prefilter`) answers as its pattern does.

Every match of a prefiltered pattern contains one of its required literals, checked for every pattern
of the rules engine that has some, over every text of the golden rows; and a prefiltered pattern
answers `search`, `finditer`, `sub` ... exactly as the pattern itself, matched or not.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest

from intelligence import extract, foreign, personas, scoring, titles
from intelligence.prefilter import Prefiltered, prefiltered, required_literals

GOLDEN = Path(__file__).parent / "golden"


def _texts() -> list[str]:
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.update((value, value.lower()))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted(GOLDEN.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                walk(json.loads(line)["prospect"] if '"prospect"' in line else {})
    return sorted(found)


def _patterns() -> list[re.Pattern[str]]:
    found: dict[tuple[str, int], re.Pattern[str]] = {}

    def collect(value: Any, depth: int = 0) -> None:
        if isinstance(value, Prefiltered):
            value = value._pattern
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
            found[value.pattern, value.flags] = value
        elif depth < 3 and isinstance(value, tuple | list):
            for v in value:
                collect(v, depth + 1)
        elif depth < 3 and dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                collect(getattr(value, f.name), depth + 1)

    for module in (extract, scoring, titles, personas, foreign):
        for value in vars(module).values():
            collect(value)
    return list(found.values())


TEXTS = _texts()


def test_every_match_holds_a_required_literal() -> None:
    checked = 0
    for pattern in _patterns():
        literals = required_literals(pattern)
        if literals is None:
            continue
        for text in TEXTS:
            for m in pattern.finditer(text):
                assert any(lit in m.group(0) for lit in literals), (pattern.pattern, literals, m.group(0))
                checked += 1
    assert checked > 1000  # the golden texts do match these patterns


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            r"liquidat\w*|(?:entered|in|into) administration|wind down",
            {"liquidat", " administration", "wind down"},
        ),
        (r"\b(?:its own|our own)\b", {"its own", "our own"}),
        (r"(?P<x>ab|cd)e", None),  # "ab" or "cd": under the 3 characters worth a test; "e" alone too
        (r"abc(?:def)?", {"abc"}),
        (r"x*", None),
        (r"(?:foo|\w+)bar", {"bar"}),
        (r"(?i)hotel", None),  # folds case: not plain literals
        (r"(?i:hotel)|motel", None),
        (r"(?:hotel|motel){2,}", {"hotel", "motel"}),
        (r"(?<=hotel)x|casino", None),  # a look-behind consumes nothing: "x" alone is too short
    ],
)
def test_required_literals(source: str, expected: set[str] | None) -> None:
    found = required_literals(re.compile(source))
    assert (set(found) if found is not None else None) == expected


def _span(m: re.Match[str] | None) -> tuple[tuple[int, int], str] | None:
    return None if m is None else (m.span(), m.group(0))


def test_prefiltered_answers_as_the_pattern() -> None:
    distress = extract._RULE_CONCEPTS[3][1].evidence
    assert isinstance(distress, Prefiltered)  # the one that pays most (~15 us per prospect)
    for pattern in (distress, extract._CLIENTELE, re.compile(r"\b(?:its own|our own)\b")):
        raw = pattern._pattern if isinstance(pattern, Prefiltered) else pattern
        wrapped = prefiltered(raw)
        assert isinstance(wrapped, Prefiltered)
        for text in [*TEXTS[:3000], "closing 3 stores", "it runs its own crm", "a law firm", ""]:
            assert _span(raw.search(text)) == _span(wrapped.search(text))
            assert _span(raw.match(text)) == _span(wrapped.match(text))
            assert _span(raw.fullmatch(text)) == _span(wrapped.fullmatch(text))
            assert _span(raw.search(text, 2)) == _span(wrapped.search(text, 2))
            assert [m.span() for m in raw.finditer(text)] == [m.span() for m in wrapped.finditer(text)]
            assert raw.findall(text) == wrapped.findall(text)
            assert raw.sub("#", text) == wrapped.sub("#", text)
        assert wrapped.pattern == raw.pattern and wrapped.groupindex == raw.groupindex
        assert wrapped == raw and wrapped == prefiltered(raw) and hash(wrapped) == hash(raw)  # as patterns compare
