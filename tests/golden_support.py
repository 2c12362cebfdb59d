"""Shared by the golden-set test and the intelligence bench: load a golden file, run the rules engine.

Each line of a golden file is {"id", "industry", "prospect", "tier", "reason", "kind", "disqualifier"};
`offers.json` names each industry's sender (company and offer). Prospects may carry Clay/CRM value
strings ("51-200", "$95M", "€18M"): they go through the one intake when it is importable, else through
the same documented rule here (midpoint of a range rounded half up; currencies to USD by a dated table).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from industry_agents import build_profile_rules
from schemas import AgentProfile, ProspectData
from scoring import analyze_rules

GOLDEN = Path(__file__).parent / "golden"
TUNING = GOLDEN / "prospects.jsonl"
HOLDOUT = GOLDEN / "holdout.jsonl"
OFFERS = GOLDEN / "offers.json"

_USD = {"USD": 1.0, "EUR": 1.16, "GBP": 1.32, "CAD": 0.71, "AUD": 0.66, "CHF": 1.25, "SEK": 0.106, "MXN": 0.054}
_SYMBOL = {"$": "USD", "€": "EUR", "£": "GBP", "US$": "USD", "C$": "CAD", "A$": "AUD"}
_SCALE = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}


def _half_up(x: float) -> int:
    return math.floor(x + 0.5)


def _amount(text: str) -> float:
    m = re.match(r"\s*([\d.,]+)\s*([a-z]+)?", text, re.I)
    if not m:
        raise ValueError(text)
    return float(m.group(1).replace(",", "")) * _SCALE.get((m.group(2) or "").lower(), 1)


def _fallback_number(value: Any, money: bool) -> int | None:
    if value is None or isinstance(value, int):
        return value
    text = str(value).strip()
    rate = 1.0
    for symbol, code in sorted(_SYMBOL.items(), key=lambda kv: -len(kv[0])):
        if symbol in text:
            rate, text = _USD[code], text.replace(symbol, "")
            break
    for code, usd in _USD.items():
        if re.search(rf"\b{code}\b", text):
            rate, text = usd, re.sub(rf"\b{code}\b", "", text)
    text = text.strip().replace("–", "-")
    if text.endswith("+"):
        return _half_up(_amount(text[:-1]) * rate)
    if "-" in text:
        low, high = text.split("-", 1)
        hi = _amount(high)
        lo = _amount(low)
        if money and re.search(r"[a-z]", high, re.I) and not re.search(r"[a-z]", low, re.I):
            lo *= _SCALE.get(re.search(r"[a-z]+", high, re.I).group(0).lower(), 1)  # type: ignore[union-attr]
        return _half_up((lo + hi) / 2 * rate)
    return _half_up(_amount(text) * rate)


def to_prospect(raw: dict[str, Any]) -> ProspectData:
    """The prospect as the service stores it, whatever value strings the row carries."""
    try:
        return ProspectData.model_validate(raw)
    except ValidationError:
        pass
    try:  # the one intake, when it has landed
        from intelligence import intake  # type: ignore[attr-defined]

        return ProspectData.model_validate(intake.coerce(raw))
    except (ImportError, AttributeError, ValidationError, ValueError, TypeError):
        pass
    data = dict(raw)
    for key, money in (
        ("employees", False),
        ("employee_count", False),
        ("revenue", True),
        ("annual_revenue_usd", True),
    ):
        if key in data:
            data[key] = _fallback_number(data[key], money)
    return ProspectData.model_validate(data)


@cache
def offers() -> dict[str, dict[str, str]]:
    return json.loads(OFFERS.read_text())


@cache
def profile_for(industry: str) -> AgentProfile:
    """The agent a user would build for this industry's sender: built-in knowledge plus the offer."""
    sender = offers().get(industry, {})
    return build_profile_rules(
        industry=industry,
        description=None,
        company=sender.get("company"),
        offer=sender.get("offer"),
        target_personas=None,
    )


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@dataclass
class Report:
    """Aggregate agreement figures for one golden file (no individual rows)."""

    name: str
    total: int = 0
    exact: int = 0
    confusion: Counter[tuple[int, int]] = field(default_factory=Counter)  # (expected, got)
    false_tier1: list[str] = field(default_factory=list)  # ids; printed only for the tuning file
    dq_in_top: list[str] = field(default_factory=list)

    @property
    def agreement(self) -> float:
        return self.exact / self.total if self.total else 0.0

    def lines(self, show_ids: bool) -> list[str]:
        out = [
            f"{self.name}: {self.total} prospects, exact agreement {self.exact}/{self.total} "
            f"= {self.agreement:.1%}",
            "  confusion (rows = practitioner tier, columns = engine tier):",
            "         " + "".join(f"  t{c}" for c in (1, 2, 3, 4)),
        ]
        for expected in (1, 2, 3, 4):
            out.append(
                f"    t{expected}   " + "".join(f"{self.confusion[(expected, got)]:4d}" for got in (1, 2, 3, 4))
            )
        out.append(f"  false tier 1: {len(self.false_tier1)}" + (f" {self.false_tier1}" if show_ids else ""))
        out.append(
            f"  disqualified in tiers 1-2: {len(self.dq_in_top)}" + (f" {self.dq_in_top}" if show_ids else "")
        )
        return out


def evaluate(path: Path, name: str) -> tuple[Report, list[tuple[dict[str, Any], int]]]:
    """Run every row through the rules engine in-process; the report and (row, engine tier) pairs."""
    report = Report(name)
    results: list[tuple[dict[str, Any], int]] = []
    for row in load(path):
        result = analyze_rules(profile_for(row["industry"]), to_prospect(row["prospect"]))
        expected, got = int(row["tier"]), result.tier
        report.total += 1
        report.exact += expected == got
        report.confusion[(expected, got)] += 1
        if got == 1 and expected != 1:
            report.false_tier1.append(row["id"])
        # Disqualified by the practitioner: a named disqualifier, or tier 4 (do not contact) for any reason.
        if (row.get("disqualifier") or expected == 4) and got <= 2:
            report.dq_in_top.append(row["id"])
        results.append((row, got))
    return report, results
