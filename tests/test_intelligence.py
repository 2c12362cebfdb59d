"""The prospect-facts layer: gates, title blockers, events, quantities, offer relevance and English.

Pure functions against the built-in knowledge with a stated offer, as an agent build stores it.
"""

from __future__ import annotations

import pytest

from industry_agents import build_profile_rules
from intelligence import english
from intelligence.extract import extract_facts
from intelligence.facts import ProspectFacts
from intelligence.personas import label, plural, short
from intelligence.scoring import analyze_rules, score_facts, tier_for
from schemas import AgentProfile, ProspectData

CASINO_OFFER = "player reactivation email and SMS campaigns that win back lapsed rated players"

# A perfect casino account: in-band size and revenue, the buyer, a live trigger.
PERFECT = {
    "email": "dana@redmesacasino.com",
    "first_name": "Dana",
    "title": "VP Marketing",
    "company": "Red Mesa Casino Resort",
    "company_domain": "redmesacasino.com",
    "industry": "Casino & Gaming",
    "employee_count": 1200,
    "annual_revenue_usd": 210_000_000,
    "location": "Albuquerque, New Mexico, United States",
    "signals": ["Relaunching players club as Mesa Rewards in Q1"],
}


def _casino(offer: str = CASINO_OFFER) -> AgentProfile:
    return build_profile_rules(
        industry="casino", description=None, company="Jackpot Loop Marketing", offer=offer, target_personas=None
    )


def _result(**changes: object):  # type: ignore[no-untyped-def]
    return analyze_rules(_casino(), ProspectData(**{**PERFECT, **changes}))


def test_the_perfect_account_is_tier_1() -> None:
    assert _result().tier == 1


@pytest.mark.parametrize(
    ("changes", "kind"),
    [
        (
            {
                "company": "Apex Gaming Systems",
                "industry": "Gaming",
                "signals": ["Launched new slot cabinet at G2E"],
            },
            "vendor",
        ),
        ({"notes": "Player reactivation texting and host CRM for regional casinos."}, "competitor"),
        (
            {"company": "Red Mesa Casino Supply", "notes": "Distributes slot parts to casinos. No manufacturing."},
            "vendor",
        ),
        ({"employee_count": 1, "annual_revenue_usd": None}, "solo"),
        ({"notes": "Affiliate site ranking online casinos; no land-based property."}, "profile"),
        ({"signals": ["Filed for Chapter 11 bankruptcy protection"]}, "distress"),
    ],
)
def test_disqualifiers_gate_a_perfect_account_to_tier_4_and_are_named(
    changes: dict[str, object], kind: str
) -> None:
    result = _result(**changes)
    assert result.tier == 4
    gate = result.breakdown[-1]
    assert gate.component == "disqualifier" and gate.points < 0
    assert "Disqualified:" in gate.why
    facts = ProspectFacts.from_dict(result.facts or {})
    assert kind in {d.kind for d in facts.disqualifiers}
    assert result.score == sum(c.points for c in result.breakdown)


def test_negation_is_read() -> None:
    # "not brand-affiliated" is not "brand-managed"; "no B2B sales motion" disqualifies a SaaS account.
    hotel = build_profile_rules(
        industry="hotel",
        description=None,
        company="DirectStay Digital",
        offer="direct-booking campaigns that shift room nights away from OTAs",
        target_personas=None,
    )
    independent = extract_facts(
        hotel,
        ProspectData(
            email="a@wharf.com",
            company="The Wharf Hotel",
            industry="Hospitality",
            notes="Independent, not brand-affiliated.",
        ),
    )
    assert not independent.disqualifiers
    saas = build_profile_rules(
        industry="saas",
        description=None,
        company="PipelineForge",
        offer="outsourced SDR team that books qualified outbound meetings",
        target_personas=None,
    )
    consumer = extract_facts(
        saas,
        ProspectData(
            email="a@snapfit.app",
            company="SnapFit",
            industry="Consumer Apps",
            notes="Pre-seed consumer app, no B2B sales motion.",
        ),
    )
    assert consumer.disqualifiers


@pytest.mark.parametrize(
    ("title", "not_tier"),
    [
        ("Intern, Office of the CEO", 1),
        ("Executive Assistant to the CMO", 1),
        ("Former VP Marketing", 1),
        ("Chief of Staff to the CEO", 1),
        ("Partner Marketing Manager", 1),
        ("Product Owner", 1),
    ],
)
def test_title_blockers_are_not_tier_1(title: str, not_tier: int) -> None:
    assert _result(title=title).tier != not_tier


def test_geschaftsfuhrer_at_an_icp_account_with_a_trigger_is_tier_1() -> None:
    hotel = build_profile_rules(
        industry="hotel",
        description=None,
        company="DirectStay Digital",
        offer="direct-booking campaigns that shift room nights away from OTAs",
        target_personas=None,
    )
    prospect = ProspectData(
        email="k@alpenhof.at",
        title="Geschäftsführer",
        company="Alpenhof Seefeld",
        industry="Hotellerie",
        employee_count=70,
        annual_revenue_usd=9_300_000,
        location="Seefeld, Austria",
        signals=["Neuer Spa-Flügel eröffnet im Dezember"],
        notes="Booking.com liefert den Großteil der Buchungen.",
    )
    assert analyze_rules(hotel, prospect).tier == 1


def test_manager_is_a_champion_never_the_signer() -> None:
    result = _result(title="Senior Marketing Manager, Demand Generation")
    persona = next(c for c in result.breakdown if c.component == "persona_fit")
    assert "champion" in persona.why and "decision maker" not in persona.why
    assert result.tier == 2


def test_facts_keep_field_and_exact_span() -> None:
    prospect = ProspectData(
        **{
            **PERFECT,
            "notes": "Rated-player database is about 220k; roughly 40% have not "
            "visited in 12+ months. Still relies heavily on direct mail.",
        }
    )
    facts = extract_facts(_casino(), prospect)
    assert facts.events and facts.quantities
    for fact in (*facts.events, *facts.quantities, *facts.mentions):
        value = (
            prospect.signals[fact.span.index]
            if fact.span.field == "signals"
            else getattr(prospect, fact.span.field)
        )
        assert value[fact.span.start : fact.span.end] == fact.span.text
    event = facts.events[0]
    assert event.lemma == "launch" and event.span.field == "signals" and event.date_text == "in Q1"
    lapsed = next(q for q in facts.quantities if q.unit == "percent")
    assert lapsed.value == 40 and lapsed.span.field == "notes" and lapsed.relevance.score >= 0.9


def test_relevance_is_computed_from_the_offer() -> None:
    # The same hotel, two senders: OTA dependence is the trigger for a direct-booking seller, not for an SDR one.
    prospect = ProspectData(
        email="m@harbourview.com",
        title="Director of Sales & Marketing",
        company="Harbourview Hotel & Spa",
        industry="Hotels",
        employee_count=120,
        annual_revenue_usd=12_000_000,
        location="Brighton, United Kingdom",
        notes="Relies on OTAs for about 60% of room nights.",
    )
    booking = build_profile_rules(
        industry="hotel",
        description=None,
        company="DirectStay Digital",
        offer="direct-booking campaigns that shift room nights away from OTAs",
        target_personas=None,
    )
    sdr = build_profile_rules(
        industry="hotel",
        description=None,
        company="PipelineForge",
        offer="outsourced SDR team that books qualified outbound meetings",
        target_personas=None,
    )
    a, b = analyze_rules(booking, prospect), analyze_rules(sdr, prospect)
    assert a.tier == 1 and b.tier > a.tier
    assert ProspectFacts.from_dict(a.facts or {}).relevant()
    assert not ProspectFacts.from_dict(b.facts or {}).relevant()


def test_tier_is_a_function_of_the_stored_facts() -> None:
    profile = _casino()
    result = analyze_rules(profile, ProspectData(**PERFECT))
    facts = ProspectFacts.from_dict(result.facts or {})
    again = score_facts(profile, facts)
    assert sum(c.points for c in again) == result.score
    assert tier_for(result.score, profile.tier_thresholds) == result.tier


def test_persona_language_forms_and_english() -> None:
    hotel = build_profile_rules(industry="hotel", description=None, company=None, offer=None, target_personas=None)
    owners = next(p for p in hotel.personas if p.name == "Ownership & Asset Management")
    assert label(owners) == "hotel owner or asset manager" and plural(owners) == "hotel owners and asset managers"
    assert short(owners) == "ownership"
    assert english.a("e-commerce leader") == "an e-commerce leader"
    assert english.possessive("Summit Trail Outfitters") == "Summit Trail Outfitters'"
    assert english.possessive("Mosaic Payments") == "Mosaic Payments'"
    assert english.possessive("Red Mesa") == "Red Mesa's"


def test_explanations_have_no_raw_label_grammar_errors() -> None:
    for title in ("VP Marketing", "Director of Player Development", "General Manager", "Marketing Coordinator"):
        result = _result(title=title)
        text = " ".join(
            [
                *(c.why for c in result.breakdown),
                result.approach.angle,
                result.approach.cta,
                *(h.text for h in result.hooks),
            ]
        )
        assert " a Ownership" not in text and "s's " not in text and " a E" not in text


def test_a_disqualifier_is_named_even_when_the_score_is_already_low() -> None:
    profile = build_profile_rules(
        industry="saas",
        description=None,
        company="PipelineForge",
        offer="outsourced SDR team",
        target_personas=None,
    )
    result = analyze_rules(profile, ProspectData(email="a@gmail.com", title="Ex-CRO @ ComplyHub | Advisor"))
    assert result.tier == 4
    gate = result.breakdown[-1]
    assert gate.component == "disqualifier" and "no longer in the role" in gate.why
    assert result.score == sum(c.points for c in result.breakdown)
