"""The gate Claude's prospect facts pass before anything keeps them (intelligence.claude_facts), pure."""

from __future__ import annotations

from typing import Any

import industry_agents
from intelligence.claude_facts import ClaudeFacts, gate_facts
from intelligence.facts import ProspectFacts
from intelligence.scoring import analyze_facts, analyze_rules, score_facts
from schemas import ProspectData

HOTEL = industry_agents.get_builtin("hotel")
PROSPECT = ProspectData.model_validate(
    {
        "email": "ana@harbourhotel.com",
        "title": "Directora Comercial",
        "company": "Harbour Boutique Hotel",
        "industry": "Hospitality",
        "employees": 120,
        "location": "Lisbon, Portugal",
        "signals": ["Relies on OTAs for 60% of room nights", "Raised $4.5M to renovate 80 rooms"],
        "notes": "Owner-operated. Direct bookings fell last year.",
    }
)


def answer(**parts: Any) -> ClaudeFacts:
    base: dict[str, Any] = {
        "title": None,
        "company_types": [],
        "disqualifiers": [],
        "events": [],
        "quantities": [],
        "mentions": [],
    }
    return ClaudeFacts.model_validate(base | parts)


def q(field: str, quote: str, **fact: Any) -> dict[str, Any]:
    return {"field": field, "quote": quote, **fact}


def test_quantities_keep_only_values_written_in_their_quote():
    gated = gate_facts(
        HOTEL,
        PROSPECT,
        answer(
            quantities=[
                q(
                    "signals",
                    "Relies on OTAs for 60% of room nights",
                    value=60,
                    unit="percent",
                    measure="of room nights",
                ),
                q("signals", "Raised $4.5M", value=4_500_000, unit="usd", measure="raised"),  # the $4.5M, scaled
                q(
                    "signals",
                    "Relies on OTAs for 60% of room nights",
                    value=65,
                    unit="percent",
                    measure="of room nights",
                ),
                q(
                    "signals", "renovate 80 rooms", value=80, unit="count", measure="rooms across 3 floors"
                ),  # "3" invented
            ]
        ),
    )
    assert [(x.value, x.span.index) for x in gated.facts.quantities] == [(60, 0), (4_500_000, 1)]
    assert gated.dropped == 2 and gated.reasons == {"number_not_in_quote": 2}
    assert gated.facts.dropped_quotes == 2 and gated.facts.engine == "claude"


def test_spans_are_the_field_as_written_and_relevance_is_computed_not_given():
    gated = gate_facts(
        HOTEL,
        PROSPECT,
        answer(
            quantities=[q("signals", "relies on OTAs  for 60%", value=60, unit="percent", measure="via OTAs")],
            events=[
                q(
                    "notes",
                    "Direct bookings fell last year",
                    lemma="fall",
                    object="direct bookings",
                    date_text="last year",
                    tense="past",
                    negated=False,
                )
            ],
        ),
    )
    [quantity] = gated.facts.quantities
    assert quantity.span.text == "Relies on OTAs for 60%" and quantity.span.start == 0
    assert quantity.relevance.score >= 0.5  # OTA share is the hotel offer's own theme, read by code
    [event] = gated.facts.events
    assert PROSPECT.notes[event.span.start : event.span.end] == event.span.text


def test_title_company_types_and_disqualifiers_are_checked_against_the_profile():
    rule = HOTEL.icp.disqualifiers[0]
    gated = gate_facts(
        HOTEL,
        PROSPECT,
        answer(
            title={
                "quote": "Directora Comercial",
                "level": "director",
                "function": "sales",
                "functions": ["sales"],
                "flags": ["non_english"],
                "reference": "director of sales at Marriott",
                "language": "es",
            },
            company_types=[
                q("company", "Harbour Boutique Hotel", label=HOTEL.icp.company_types[0]),
                q("company", "Harbour Boutique Hotel", label="a space station"),
            ],
            disqualifiers=[
                q("notes", "Owner-operated", kind="profile", profile_rule="a rule it does not have"),
                q("notes", "Owner-operated", kind="profile", profile_rule=rule),
            ],
        ),
    )
    facts = gated.facts
    assert facts.title is not None and (facts.title.level, facts.title.function) == ("director", "sales")
    assert "Marriott" not in facts.title.reference  # Claude's words with a name the title lacks: the parser's
    assert [t.label for t in facts.company_types] == [HOTEL.icp.company_types[0]]
    assert [(d.kind, d.label) for d in facts.disqualifiers] == [("profile", rule)]
    assert gated.reasons == {"not_an_icp_type": 1, "not_a_profile_rule": 1}
    assert analyze_facts(HOTEL, PROSPECT, facts).tier == 4


def test_a_dropped_title_falls_back_to_the_parser_and_gates_follow_the_reading():
    bad = gate_facts(
        HOTEL,
        PROSPECT,
        answer(
            title={
                "quote": "Chief Commercial Officer",
                "level": "c_level",
                "function": "sales",
                "functions": [],
                "flags": [],
                "reference": "CCO",
                "language": "en",
            }
        ),
    )
    assert bad.dropped == 1 and bad.facts.title == analyze_rules_title()
    intern = gate_facts(
        HOTEL,
        PROSPECT,
        answer(
            title={
                "quote": "Directora Comercial",
                "level": "junior",
                "function": "sales",
                "functions": [],
                "flags": ["intern"],
                "reference": "sales intern",
                "language": "es",
            }
        ),
    )
    assert [d.kind for d in intern.facts.disqualifiers] == ["no_authority"]


def analyze_rules_title():
    return ProspectFacts.from_dict(analyze_rules(HOTEL, PROSPECT).facts or {}).title


def test_the_tier_is_a_function_of_the_facts_after_a_round_trip():
    gated = gate_facts(
        HOTEL,
        PROSPECT,
        answer(
            events=[
                q(
                    "signals",
                    "Raised $4.5M to renovate 80 rooms",
                    lemma="raise",
                    object="$4.5M to renovate 80 rooms",
                    date_text=None,
                    tense="past",
                    negated=False,
                )
            ]
        ),
    )
    result = analyze_facts(HOTEL, PROSPECT, gated.facts)
    again = ProspectFacts.from_dict(result.facts or {})
    assert again == gated.facts
    assert [c.model_dump() for c in score_facts(HOTEL, again)] == [c.model_dump() for c in result.breakdown]
