"""The rules engine's industry knowledge and explainable scoring, tested as plain functions."""

from __future__ import annotations

import re

import pytest

from industry_agents import (
    ALIASES,
    BUILTIN,
    build_profile_rules,
    get_builtin,
    list_builtin,
    resolve_slug,
)
from intelligence.scoring import COMPONENTS, GATES, analyze_rules, normalised_weights, tier_for
from schemas import AgentProfile, Hook, ProspectData, RubricWeights, TierThresholds
from tests.support.people import DANA_RULES as DANA

REQUIRED_SLUGS = {
    "casino",
    "hotel",
    "restaurant",
    "healthcare_clinic",
    "saas",
    "ecommerce",
    "financial_services",
    "real_estate",
    "manufacturing",
    "professional_services",
}
PLACEHOLDER = re.compile(r"\{\{|\}\}|\[first name\]|\[company\]|\[name\]|lorem|ipsum|\bTODO\b|\bTBD\b", re.I)

SAAS_CTO = {
    "email": "sam@loopwise.io",
    "first_name": "Sam",
    "title": "CTO",
    "company": "Loopwise",
    "industry": "SaaS",
    "employee_count": 20,
    "signals": ["Raised a $4M seed round"],
}


def _strings(value: object) -> list[str]:
    """Every string inside a dumped model, however deeply nested."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _casino() -> AgentProfile:
    profile = get_builtin("casino")
    assert profile is not None
    return profile


# --- built-in knowledge ----------------------------------------------------------------------


def test_all_required_industries_are_builtin() -> None:
    assert set(BUILTIN) >= REQUIRED_SLUGS
    assert {slug for slug, _ in list_builtin()} == set(BUILTIN)
    assert dict(list_builtin())["casino"] == "Casino & Gaming"


@pytest.mark.parametrize("slug", sorted(REQUIRED_SLUGS))
def test_builtin_profile_is_complete_and_valid(slug: str) -> None:
    profile = BUILTIN[slug]
    AgentProfile.model_validate(profile.model_dump())
    assert profile.industry == slug
    assert not profile.generic
    assert sum(profile.rubric.model_dump().values()) == 100
    t = profile.tier_thresholds
    assert 100 >= t.tier1 > t.tier2 > t.tier3 > 0
    assert 3 <= len(profile.personas) <= 4
    assert 5 <= len(profile.pain_points) <= 7
    assert 4 <= len(profile.value_propositions) <= 6
    assert 3 <= len(profile.objections) <= 4
    assert profile.proof_angles and profile.tone and profile.vocabulary
    icp = profile.icp
    assert icp.company_types and icp.signals and icp.disqualifiers
    assert icp.employee_min is not None and icp.employee_max is not None and icp.employee_min < icp.employee_max
    assert icp.revenue_min_usd is not None and icp.revenue_max_usd is not None
    assert icp.revenue_min_usd < icp.revenue_max_usd
    keywords = [
        *icp.signal_keywords,
        *icp.industry_keywords,
        *(t for p in profile.personas for t in p.titles),
    ]
    assert keywords and all(k == k.lower() and k.strip() for k in keywords)
    for persona in profile.personas:
        assert persona.titles and persona.priorities and persona.pains


@pytest.mark.parametrize("slug", sorted(REQUIRED_SLUGS))
def test_builtin_profile_has_no_placeholder_text(slug: str) -> None:
    for text in _strings(BUILTIN[slug].model_dump()):
        assert not PLACEHOLDER.search(text), text


def test_casino_knowledge_is_casino_specific() -> None:
    text = " ".join(_strings(_casino().model_dump())).lower()
    for term in ("player", "loyalty", "host", "hotel", "responsible-gaming", "free play"):
        assert term in text


def test_get_builtin_returns_a_deep_copy() -> None:
    first = _casino()
    first.pain_points.append("mutated")
    first.personas[0].titles.append("mutated")
    again = _casino()
    assert "mutated" not in again.pain_points
    assert "mutated" not in again.personas[0].titles
    assert get_builtin("no_such_industry") is None


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Casino/Gaming", "casino"),
        ("Casino & Gaming", "casino"),
        ("gaming", "casino"),
        ("Tribal casinos", "casino"),
        ("hospitality", "hotel"),
        ("Hotels", "hotel"),
        ("Restaurants", "restaurant"),
        ("F&B", "restaurant"),
        ("B2B SaaS", "saas"),
        ("Computer Software", "saas"),
        ("retail", "ecommerce"),
        ("E-Commerce", "ecommerce"),
        ("fintech", "financial_services"),
        ("Banking", "financial_services"),
        ("clinic", "healthcare_clinic"),
        ("Medical Practice", "healthcare_clinic"),
        ("Hospital & Health Care", "healthcare_clinic"),
        ("Commercial Real Estate", "real_estate"),
        ("Industrial Manufacturing", "manufacturing"),
        ("Law Firm", "professional_services"),
        ("agency", "professional_services"),
        ("SAAS", "saas"),
        ("casino", "casino"),
    ],
)
def test_resolve_slug_aliases(text: str, slug: str) -> None:
    assert resolve_slug(text) == slug


def test_resolve_slug_unknown_is_slugified() -> None:
    assert resolve_slug("Veterinary Clinics") == "veterinary_clinics"
    assert resolve_slug("Hotel software") == "hotel_software"  # ambiguous: no built-in claims it
    assert resolve_slug("  Cold-Chain Logistics!! ") == "cold_chain_logistics"
    long_slug = resolve_slug("x" * 100 + " widgets")
    assert len(long_slug) <= 60 and re.fullmatch(r"[a-z0-9_]+", long_slug)
    assert all(re.fullmatch(r"[a-z0-9_]+", key) for key in ALIASES)


# --- agent builder ---------------------------------------------------------------------------


def test_build_builtin_sets_seller_and_orders_target_personas() -> None:
    profile = build_profile_rules(
        industry="Casino/Gaming",
        description="Regional casinos in the Midwest",
        company="Northwind Outbound",
        offer="Lapsed-player reactivation campaigns",
        target_personas=["Director of Player Development", "VP of Guest Experience"],
    )
    assert profile.industry == "casino" and not profile.generic
    assert profile.seller == {
        "company": "Northwind Outbound",
        "offer": "Lapsed-player reactivation campaigns",
    }
    assert profile.personas[0].name == "Player Development Leader"
    assert profile.personas[1].name == "VP of Guest Experience"  # a title the built-in lacked
    assert len(profile.personas) == len(BUILTIN["casino"].personas) + 1
    assert "Midwest" in profile.description
    # Building never mutates the shared built-in data.
    assert BUILTIN["casino"].seller == {}
    assert BUILTIN["casino"].personas[0].name == "Casino Marketing Leader"


def test_build_unknown_industry_is_generic_and_uses_the_description() -> None:
    description = "Independent veterinary clinics and animal hospitals that want fewer no-shows."
    profile = build_profile_rules(
        industry="Veterinary Clinics",
        description=description,
        company=None,
        offer="Online booking and reminders",
        target_personas=["Practice Manager"],
    )
    assert profile.generic is True
    assert profile.industry == "veterinary_clinics"
    assert "generic" in profile.description.lower() and description in profile.description
    assert {"veterinary", "animal"} <= set(profile.icp.industry_keywords)
    assert any("veterinary clinics" in pain for pain in profile.pain_points)
    assert profile.value_propositions[0].startswith("Online booking and reminders")
    assert profile.personas[0].name == "Practice Manager"
    assert profile.seller == {"offer": "Online booking and reminders"}
    assert sum(profile.rubric.model_dump().values()) == 100
    for text in _strings(profile.model_dump()):
        assert not PLACEHOLDER.search(text), text


def test_build_without_optional_inputs() -> None:
    profile = build_profile_rules(
        industry="Widgets", description=None, company=None, offer=None, target_personas=None
    )
    assert profile.generic and profile.seller == {} and profile.personas
    for text in _strings(profile.model_dump()):
        assert not PLACEHOLDER.search(text), text


# --- scoring ---------------------------------------------------------------------------------


def test_dana_scores_tier_1_with_a_grounded_hotel_tower_hook() -> None:
    result = analyze_rules(_casino(), ProspectData(**DANA))
    assert result.tier == 1
    assert result.score == sum(c.points for c in result.breakdown)
    assert [c.component for c in result.breakdown] == list(COMPONENTS)
    assert result.persona == "Casino Marketing Leader"
    tower = [h for h in result.hooks if "hotel tower" in h.text]
    assert tower and tower[0].source_field == "signals"
    assert 1 <= len(result.hooks) <= 3
    assert len(result.pain_points) == 3
    assert result.approach.channel == "email"
    assert "Silver Peak Casino Resort" in result.approach.cta
    assert result.data_gaps == ["linkedin_url"]
    assert result.confidence >= 0.75
    industry = next(c for c in result.breakdown if c.component == "industry_fit")
    assert industry.points == industry.max


def test_email_only_prospect_is_tier_4_with_many_gaps() -> None:
    result = analyze_rules(_casino(), ProspectData(email="dana.reyes@silverpeakcasino.com"))
    assert result.tier == 4
    assert result.score == sum(c.points for c in result.breakdown)
    assert {"title", "company", "employee_count", "annual_revenue_usd", "signals", "industry"} <= set(
        result.data_gaps
    )
    assert result.persona is None
    assert result.confidence == pytest.approx(0.3)
    seniority = next(c for c in result.breakdown if c.component == "seniority")
    assert seniority.points == 0


def test_saas_cto_scores_low_industry_fit_against_casino() -> None:
    result = analyze_rules(_casino(), ProspectData(**SAAS_CTO))
    industry = next(c for c in result.breakdown if c.component == "industry_fit")
    assert industry.points <= industry.max * 0.2
    assert result.tier >= 3
    # The same prospect fits the SaaS agent far better.
    saas = get_builtin("saas")
    assert saas is not None
    assert analyze_rules(saas, ProspectData(**SAAS_CTO)).score > result.score


@pytest.mark.parametrize("slug", sorted(REQUIRED_SLUGS))
def test_breakdown_is_consistent_for_every_profile(slug: str) -> None:
    profile = BUILTIN[slug]
    for data in (DANA, SAAS_CTO, {"email": "someone@example.com"}):
        result = analyze_rules(profile, ProspectData(**data))
        assert result.score == sum(c.points for c in result.breakdown)
        assert result.tier == tier_for(sum(c.points for c in result.breakdown), profile.tier_thresholds)
        assert sum(c.max for c in result.breakdown) == 100
        # The six components stay within their maxima; a gate entry (a named disqualifier or a tier
        # cap/floor, max 0) moves the score into its tier's band and says why.
        assert [c.component for c in result.breakdown][:6] == list(COMPONENTS)
        for component in result.breakdown[:6]:
            assert 0 <= component.points <= component.max
            assert component.fields and component.why
        for gate in result.breakdown[6:]:
            assert gate.component in GATES and gate.max == 0 and gate.why
        assert 0.3 <= result.confidence <= 0.95


def test_tier_for_boundaries() -> None:
    thresholds = TierThresholds(tier1=80, tier2=60, tier3=40)
    assert [tier_for(s, thresholds) for s in (100, 80, 79, 60, 59, 40, 39, 0)] == [1, 1, 2, 2, 3, 3, 4, 4]
    custom = TierThresholds(tier1=70, tier2=50, tier3=30)
    assert [tier_for(s, custom) for s in (70, 69, 50, 49, 30, 29)] == [1, 2, 2, 3, 3, 4]


def test_rubric_that_does_not_sum_to_100_is_normalised() -> None:
    weights = normalised_weights(
        RubricWeights(
            seniority=10,
            persona_fit=10,
            company_fit=10,
            industry_fit=10,
            intent_signals=10,
            data_completeness=10,
        )
    )
    assert sum(weights.values()) == 100
    profile = _casino()
    profile.rubric = RubricWeights(
        seniority=50, persona_fit=40, company_fit=40, industry_fit=30, intent_signals=30, data_completeness=10
    )
    result = analyze_rules(profile, ProspectData(**DANA))
    assert sum(c.max for c in result.breakdown) == 100
    assert result.score == sum(c.points for c in result.breakdown)


def _field_text(prospect: ProspectData, field: str) -> list[str]:
    value = getattr(prospect, field)
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, int):
        return [str(value), f"{value:,}"]
    return [str(value)] if value is not None else []


def _grounded(hook: Hook, prospect: ProspectData) -> bool:
    text = hook.text.lower()
    values = _field_text(prospect, hook.source_field)
    if hook.source_field == "email":
        values = [str(prospect.email).rsplit("@", 1)[-1]]
    if hook.source_field == "notes":  # a notes hook quotes one sentence of the notes
        values = re.split(r"(?<=[.!?;])\s+", prospect.notes or "")
    return any(v.strip().rstrip(".").lower() in text for v in values if v.strip())


@pytest.mark.parametrize(
    "data",
    [
        DANA,
        SAAS_CTO,
        {"email": "dana.reyes@silverpeakcasino.com"},
        {
            "email": "lee@harborlights.com",
            "title": "Director of Player Development",
            "company": "Harbor Lights Casino",
            "location": "Biloxi, MS",
            "notes": "Their players club relaunched last month. Looking at CRM tools.",
        },
        {"email": "kim@gmail.com", "location": "Tulsa, OK", "signals": ["Funding round closed"]},
    ],
)
def test_hooks_only_quote_the_prospects_own_fields(data: dict[str, object]) -> None:
    prospect = ProspectData(**data)
    result = analyze_rules(_casino(), prospect)
    assert len(result.hooks) <= 3
    for hook in result.hooks:
        assert hook.source_field in ProspectData.model_fields
        assert _grounded(hook, prospect), hook
        assert not PLACEHOLDER.search(hook.text)


def test_no_facts_invented_when_fields_are_missing() -> None:
    result = analyze_rules(_casino(), ProspectData(email="kim@gmail.com"))
    assert result.hooks == []  # a free-mail address says nothing about the prospect to quote
    for text in (result.approach.angle, result.approach.cta, *result.pain_points):
        assert "None" not in text and not PLACEHOLDER.search(text)
    dana = analyze_rules(_casino(), ProspectData(**{**DANA, "company": None}))
    assert all("None" not in h.text for h in dana.hooks)
    assert "your team" in dana.hooks[0].text


def test_linkedin_channel_when_no_strong_signal() -> None:
    data = {**SAAS_CTO, "signals": [], "linkedin_url": "https://www.linkedin.com/in/sam"}
    result = analyze_rules(_casino(), ProspectData(**data))
    assert result.approach.channel == "linkedin"
    with_signal = analyze_rules(_casino(), ProspectData(**{**DANA, "linkedin_url": data["linkedin_url"]}))
    assert with_signal.approach.channel == "email"


def test_pain_points_prefer_the_prospects_signals() -> None:
    result = analyze_rules(_casino(), ProspectData(**DANA))
    assert "hotel" in result.pain_points[0].lower()
    assert len(set(result.pain_points)) == len(result.pain_points)


def test_analysis_is_deterministic() -> None:
    first = analyze_rules(_casino(), ProspectData(**DANA)).model_dump()
    for _ in range(3):
        assert analyze_rules(_casino(), ProspectData(**DANA)).model_dump() == first
    generic = build_profile_rules(
        industry="Veterinary Clinics",
        description="vet clinics",
        company=None,
        offer=None,
        target_personas=None,
    )
    again = build_profile_rules(
        industry="Veterinary Clinics",
        description="vet clinics",
        company=None,
        offer=None,
        target_personas=None,
    )
    assert generic.model_dump() == again.model_dump()
