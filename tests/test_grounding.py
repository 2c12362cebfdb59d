"""The quote gate (`grounding`): a Claude fact is kept only if its quote is in the field it names and
every number and name of the fact is in the quote."""

from __future__ import annotations

import pytest

from grounding import names_in, numbers_in, quote_gate, trusted_facts
from schemas import Hook, ProspectData

DANA = ProspectData.model_validate(
    {
        "email": "dana.reyes@silverpeakcasino.com",
        "first_name": "Dana",
        "title": "VP of Marketing",
        "company": "Silver Peak Casino Resort",
        "location": "Reno, NV",
        "employees": 2000,
        "signals": ["Opening a 400-room hotel tower in Q2 2027", "Hiring a Player Development Manager"],
    }
)
VALUES = DANA.model_dump(mode="json", exclude_none=True)


@pytest.mark.parametrize(
    ("text", "field", "quote"),
    [
        ("Your 400-room hotel tower opening in Q2 2027", "signals", "Opening a 400-room hotel tower in Q2 2027"),
        (
            "Hiring a Player Development Manager",
            "signals",
            "hiring  a player\tdevelopment manager",
        ),  # case, spaces
        ("New hotel tower on the way", "signals", "400-room hotel tower"),
        ("Leading marketing at Silver Peak", "company", "Silver Peak Casino Resort"),
        ("A team of about 2,000", "employee_count", "2000"),
    ],
)
def test_a_quoted_fact_passes(text: str, field: str, quote: str) -> None:
    verdict = quote_gate(text, field=field, quote=quote, values=VALUES)
    assert verdict.ok, verdict.reason


@pytest.mark.parametrize(
    ("text", "field", "quote", "why"),
    [
        ("Caesars partnership lifted revenue 37% in 2025", "company", "Silver Peak Casino Resort", "numbers"),
        ("Caesars partnership", "company", "Silver Peak Casino Resort", "names not in the quote: Caesars"),
        ("Your tower", "company", "Caesars Palace", "not in 'company'"),  # the quote is invented
        ("Your tower opening in Q2 2025", "signals", "Opening a 400-room hotel tower in Q2 2027", "2025"),
        ("Based in Nevada", "location", "Reno, NV", "Nevada"),
        ("Congrats on the Series B", "funding", "Series B", "no 'funding'"),
        ("Your tower", "signals", " ", "too short"),
        ("Opening a tower at Silver Peak", "signals", "Opening a 400-room hotel tower", "Silver, Peak"),
    ],
)
def test_an_unsupported_fact_is_dropped(text: str, field: str, quote: str, why: str) -> None:
    verdict = quote_gate(text, field=field, quote=quote, values=VALUES)
    assert not verdict.ok and why in (verdict.reason or ""), verdict.reason


def test_numbers_and_names_read_from_text() -> None:
    assert numbers_in("1,200 rooms, 37% and 2.5x in 2025") == {"1200", "37", "2.5", "2025"}
    # Sentence-opening common words and gerunds are not names; capitals elsewhere are.
    found = names_in("New tower. Opening soon at Caesars, with the CRM team of Bellagio's")
    assert found == ["Caesars", "Bellagio's"]


def test_trusted_facts_keep_rules_hooks_and_gated_claude_hooks_only() -> None:
    rules = "As VP of Marketing at Silver Peak Casino Resort, you are close to the problem this solves."
    hooks = [
        Hook(text=rules, source_field="title"),
        Hook(
            text="Hiring a Player Development Manager",
            source_field="signals",
            quote="Hiring a Player Development Manager",
        ),
        Hook(text="Caesars partnership lifted revenue 37% in 2025", source_field="company"),  # pre-gate
        Hook(text="Caesars partnership", source_field="company", quote="Silver Peak Casino Resort"),
    ]
    assert trusted_facts(hooks, DANA, rules_hooks=[rules]) == [rules, "Hiring a Player Development Manager"]
