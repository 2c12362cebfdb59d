"""Explainable rules scoring: score, tier, pain points, hooks and approach, read only from prospect facts.

`analyze_rules` runs the rules extractor (`intelligence.extract.extract_facts`) and then
`analyze_facts`, which reads nothing but the `ProspectFacts` (and the agent profile), so Claude's
facts, once gated, score the same way. Pure functions: no database, no network.

The score is the sum of six named components (seniority, persona_fit, company_fit, industry_fit,
intent_signals, data_completeness), each with its maximum from the agent's rubric (normalised to
100), the fields it read and a sentence saying why, plus at most one gate entry when a judgement
overrides the sum:
- `disqualifier`: a named disqualifier (vendor, competitor, distributor, solo, distress, the
  profile's own, or a person who is not a buyer: former, assistant, intern) caps the tier at 4;
- `tier_cap`: the best tier this prospect can reach, with the reasons (a champion or no
  offer-relevant fact caps at 2; wrong function, individual contributor, outside the ICP regions,
  far below the size band or outside the offer's market caps at 3);
- `tier_floor`: someone at an in-industry account with no blocker stays in tier 3 (nurture).
The gate entry's points move the score just inside the tier's band, so the tier is always
`tier_for(sum of points)`, recomputable from the stored breakdown; the stored facts reproduce it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import Literal

from core.text import stem, tokens
from intelligence import english
from intelligence.extract import (
    USEFUL_FIELDS,
    Offer,
    extract_facts,
    present,
    profile_offer,
    relevance,
    themes_in,
)
from intelligence.facts import (
    NOT_BUYING,
    RELEVANT,
    Disqualifier,
    Event,
    Level,
    Mention,
    ProspectFacts,
    Quantity,
    Span,
)
from intelligence.personas import label as persona_label
from schemas import (
    AgentProfile,
    AnalysisResult,
    Approach,
    Hook,
    Persona,
    ProspectData,
    RubricWeights,
    ScoreComponent,
    TierThresholds,
)

COMPONENTS: tuple[str, ...] = (
    "seniority",
    "persona_fit",
    "company_fit",
    "industry_fit",
    "intent_signals",
    "data_completeness",
)
GATES: tuple[str, ...] = ("disqualifier", "tier_cap", "tier_floor")

# Share of the seniority maximum per level: the people who sign outrank the people who use.
_SENIORITY_SHARE: dict[Level, float] = {
    "c_level": 1.0,
    "vp": 0.9,
    "director": 0.8,
    "manager": 0.55,
    "individual": 0.25,
    "junior": 0.05,
    "former": 0.0,
}
_LEVEL_WORDS: dict[Level, str] = {
    "c_level": "owner or C-level",
    "vp": "VP level",
    "director": "director or head-of level",
    "manager": "manager level",
    "individual": "individual-contributor level",
    "junior": "assistant or intern level",
    "former": "no longer in the role",
}

_GAP_FIELDS: tuple[str, ...] = (
    "title",
    "company",
    "industry",
    "employee_count",
    "annual_revenue_usd",
    "signals",
    "linkedin_url",
)
_RELEVANCE_STOP = frozenset(
    {"with", "that", "this", "from", "their", "they", "your", "into", "more", "than", "have", "keep",
     "while", "every", "each", "team", "teams", "company", "new", "hiring", "manager", "director"}
)  # fmt: skip


# --- public API ------------------------------------------------------------------------------


def tier_for(score: int, thresholds: TierThresholds) -> int:
    """Tier 1..4 for a score: at or above `tier1` is 1, ... , below `tier3` is 4 (do not contact yet)."""
    if score >= thresholds.tier1:
        return 1
    if score >= thresholds.tier2:
        return 2
    if score >= thresholds.tier3:
        return 3
    return 4


def normalised_weights(rubric: RubricWeights) -> dict[str, int]:
    """Rubric maxima scaled to sum to exactly 100 (largest remainder), so sum(points) is the score."""
    raw = {name: max(int(getattr(rubric, name)), 0) for name in COMPONENTS}
    total = sum(raw.values())
    if total == 100:
        return raw
    if total == 0:
        return normalised_weights(RubricWeights())
    exact = {name: value * 100 / total for name, value in raw.items()}
    scaled = {name: int(value) for name, value in exact.items()}
    leftovers = sorted(COMPONENTS, key=lambda n: (-(exact[n] - scaled[n]), COMPONENTS.index(n)))
    for name in leftovers[: 100 - sum(scaled.values())]:
        scaled[name] += 1
    return scaled


def data_gaps(prospect: ProspectData) -> list[str]:
    """Names of missing prospect fields that would change the score or the message."""
    return [name for name in _GAP_FIELDS if not present(prospect, name)]


def analyze_rules(profile: AgentProfile, prospect: ProspectData) -> AnalysisResult:
    """Score and explain one prospect against one agent profile with the deterministic rules engine."""
    return analyze_facts(profile, prospect, extract_facts(profile, prospect))


def analyze_facts(profile: AgentProfile, prospect: ProspectData, facts: ProspectFacts) -> AnalysisResult:
    """The analysis read from facts; `prospect` only supplies names to write with and the data gaps."""
    breakdown = score_facts(profile, facts)
    score = max(0, min(100, sum(c.points for c in breakdown)))
    tier = tier_for(score, profile.tier_thresholds)
    persona = _persona(profile, facts)
    pains = rank_pain_points(profile, persona, facts)
    return AnalysisResult(
        score=score,
        tier=tier,
        breakdown=breakdown,
        persona=persona.name if persona else None,
        pain_points=pains,
        hooks=_hooks(profile, facts, persona),
        approach=_approach(profile, facts, persona, tier),
        confidence=_confidence(facts),
        data_gaps=data_gaps(prospect),
        facts=facts.to_dict(),
    )


def score_components(profile: AgentProfile, prospect: ProspectData) -> list[ScoreComponent]:
    """The breakdown for a prospect (six components, plus a gate entry when one applies)."""
    return score_facts(profile, extract_facts(profile, prospect))


def score_facts(profile: AgentProfile, facts: ProspectFacts) -> list[ScoreComponent]:
    """The breakdown, a deterministic function of the facts and the profile's rubric and thresholds."""
    weights = normalised_weights(profile.rubric)
    components = [
        _score_seniority(facts, weights["seniority"]),
        _score_persona(facts, weights["persona_fit"]),
        _score_company(profile, facts, weights["company_fit"]),
        _score_industry(facts, weights["industry_fit"]),
        _score_intent(facts, weights["intent_signals"]),
        _score_completeness(facts, weights["data_completeness"]),
    ]
    gate = _gate(profile, facts, sum(c.points for c in components))
    return components + ([gate] if gate is not None else [])


def rank_pain_points(
    profile: AgentProfile, persona: Persona | None, facts: ProspectFacts, limit: int = 3
) -> list[str]:
    """Up to `limit` pains: on the offer's themes first, then sharing words with the prospect's facts."""
    offer = profile_offer(profile)
    candidates = list(dict.fromkeys([*(persona.pains if persona else []), *profile.pain_points]))
    fact_texts = [s.text for s in _fact_spans(facts)]
    context = _relevance_words(fact_texts)
    fact_themes = frozenset().union(*(themes_in(t) for t in fact_texts)) if fact_texts else frozenset()

    def key(item: tuple[int, str]) -> tuple[int, int, int, int]:
        index, pain = item
        pain_themes = themes_in(pain)
        return (
            -len(pain_themes & fact_themes & offer.themes) if offer.themes else 0,
            -len(_words_of(pain) & context),
            -len(pain_themes & offer.themes),
            index,
        )

    chosen: list[str] = []
    for _, pain in sorted(enumerate(candidates), key=key):
        words = _words_of(pain)
        if any(_overlap(words, _words_of(other)) >= 0.6 for other in chosen):
            continue
        chosen.append(pain)
        if len(chosen) == limit:
            break
    return chosen


def build_hooks(profile: AgentProfile, prospect: ProspectData, limit: int = 3) -> list[Hook]:
    """Up to `limit` hooks, each a sentence built from one fact and naming the field it came from."""
    facts = extract_facts(profile, prospect)
    return _hooks(profile, facts, _persona(profile, facts), limit)


# --- components ------------------------------------------------------------------------------


_COMPONENT_FIELDS = tuple(ScoreComponent.model_fields)
assert _COMPONENT_FIELDS == ("component", "points", "max", "fields", "why")
assert not ScoreComponent.__pydantic_post_init__ and ScoreComponent.model_config.get("extra") != "allow"
_set = object.__setattr__


def _component(name: str, points: float, maximum: int, fields: list[str], why: str) -> ScoreComponent:
    # Built without re-validation: every value is already of the declared type (the hot path, ~7 per
    # prospect). What `ScoreComponent.model_construct` builds with every field given (same __dict__,
    # fields set, no extra, no private), set directly: a third of its cost (tests/test_speed_batches.py).
    m = ScoreComponent.__new__(ScoreComponent)
    _set(
        m,
        "__dict__",
        {
            "component": name,
            "points": max(0, min(maximum, round(points))),
            "max": maximum,
            "fields": fields,
            "why": english.sentence(why),
        },
    )
    _set(m, "__pydantic_fields_set__", set(_COMPONENT_FIELDS))
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m


def _score_seniority(facts: ProspectFacts, maximum: int) -> ScoreComponent:
    title = facts.title
    if title is None:
        return _component("seniority", 0, maximum, ["title"], "No title, so seniority is unknown")
    return _component(
        "seniority",
        maximum * _SENIORITY_SHARE[title.level],
        maximum,
        ["title"],
        f"'{title.raw}' reads as {_LEVEL_WORDS[title.level]} ({title.reference})",
    )


def _score_persona(facts: ProspectFacts, maximum: int) -> ScoreComponent:
    title, match = facts.title, facts.persona
    if title is None:
        return _component("persona_fit", 0, maximum, ["title"], "No title to match a persona")
    if match is None:
        fn = title.function.replace("_", " ")
        return _component(
            "persona_fit",
            0,
            maximum,
            ["title"],
            f"'{title.raw}' ({fn}, {_LEVEL_WORDS[title.level]}) matches none of the buying personas",
        )
    role = {
        "signer": "the person who signs",
        "champion": "a champion who takes it to the signer, not the signer",
        "influencer": "an influencer, not a buyer of this offer",
    }[match.role]
    return _component(
        "persona_fit",
        maximum * match.share,
        maximum,
        ["title"],
        f"'{title.raw}' fits the {match.persona} persona as {role}",
    )


def _range_fit(value: int, low: int | None, high: int | None) -> float:
    if (low is None or value >= low) and (high is None or value <= high):
        return 1.0
    if low is not None and value < low:
        return 0.5 if value >= low / 2 else 0.0
    return 0.6 if high is None or value <= high * 2 else 0.3


def _score_company(profile: AgentProfile, facts: ProspectFacts, maximum: int) -> ScoreComponent:
    icp, firmo = profile.icp, facts.firmographics
    parts: list[tuple[float, float]] = []  # (weight, fit)
    said: list[str] = []
    if firmo.employee_count is not None:
        fit = _range_fit(firmo.employee_count, icp.employee_min, icp.employee_max)
        parts.append((0.45, fit))
        said.append(
            f"{english.count(firmo.employee_count, 'employee')} is {_fit_word(fit)} the ICP range "
            f"({_range_text(icp.employee_min, icp.employee_max, _count)})"
        )
    else:
        said.append("employee count unknown")
    if firmo.annual_revenue_usd is not None:
        fit = _range_fit(firmo.annual_revenue_usd, icp.revenue_min_usd, icp.revenue_max_usd)
        parts.append((0.35, fit))
        said.append(
            f"revenue {_money(firmo.annual_revenue_usd)} is {_fit_word(fit)} the ICP range "
            f"({_range_text(icp.revenue_min_usd, icp.revenue_max_usd, _money)})"
        )
    else:
        said.append("revenue unknown")
    if facts.company_types:
        parts.append((0.2, 1.0))
        said.append(f"it is {english.a(english.label(facts.company_types[0].label))}, an ICP company type")
    if parts:
        known = sum(w for w, _ in parts)
        share = sum(w * f for w, f in parts) / known * (0.75 + 0.25 * known / 1.0 if known < 0.8 else 1.0)
    else:
        share = 0.3
    return _component(
        "company_fit",
        maximum * min(share, 1.0),
        maximum,
        ["employee_count", "annual_revenue_usd", "company", "industry", "notes"],
        "; ".join(said),
    )


def _score_industry(facts: ProspectFacts, maximum: int) -> ScoreComponent:
    firmo = facts.firmographics
    return _component(
        "industry_fit",
        maximum * firmo.industry_share,
        maximum,
        ["industry", "company", "company_domain", "website", "email", "notes"],
        firmo.industry_why,
    )


def _all_facts(facts: ProspectFacts) -> list[Event | Quantity | Mention]:
    return [*facts.events, *facts.quantities, *facts.mentions]


def _score_intent(facts: ProspectFacts, maximum: int) -> ScoreComponent:
    relevant = facts.relevant()
    weak = [f for f in _all_facts(facts) if 0 < f.relevance.score < RELEVANT and not getattr(f, "negated", False)]
    if relevant:
        share = min(1.0, relevant[0].relevance.score + 0.1 + 0.2 * (len(relevant) - 1))
    else:
        share = min(0.3, 0.15 * len(weak))
    fields = ["signals", "notes"]
    if not relevant and not weak:
        return _component("intent_signals", 0, maximum, fields, "No signals or notes that bear on the offer")
    if not relevant:
        return _component(
            "intent_signals",
            maximum * share,
            maximum,
            fields,
            f"{english.count(len(weak), 'fact')} in the signals and notes, none about what the "
            f"offer does (e.g. '{_short(weak[0].span.text)}')",
        )
    quoted = "; ".join(f"'{_short(f.span.text)}'" for f in relevant[:2])
    return _component(
        "intent_signals",
        maximum * share,
        maximum,
        fields,
        f"{english.count(len(relevant), 'fact')} relevant to the offer: {quoted}",
    )


def _score_completeness(facts: ProspectFacts, maximum: int) -> ScoreComponent:
    present = facts.firmographics.present_fields
    return _component(
        "data_completeness",
        maximum * len(present) / len(USEFUL_FIELDS),
        maximum,
        list(USEFUL_FIELDS),
        f"{len(present)} of {len(USEFUL_FIELDS)} useful fields present",
    )


# --- gates -----------------------------------------------------------------------------------


def ceiling(profile: AgentProfile, facts: ProspectFacts) -> tuple[int, list[str]]:
    """The best tier the facts allow (1 = no cap) and the reasons, most severe first."""
    if facts.disqualifiers:
        return 4, [d.label for d in facts.disqualifiers]
    caps: list[tuple[int, str, float]] = []  # (best tier, reason, how much of one rubric miss it is)
    title, match, firmo, icp = facts.title, facts.persona, facts.firmographics, profile.icp
    if title is None:
        caps.append((3, "no title, so the buyer is unknown", 1.0))
    elif match is None:
        caps.append((3, f"{english.a(title.reference)} is outside the buying personas", 1.0))
    elif match.role == "influencer":
        caps.append((3, f"{english.a(title.reference)} influences but does not buy this offer", 1.0))
    elif match.role == "champion":
        caps.append((2, f"{english.a(title.reference)} is a champion, not the signer", _HALF))
    if title is not None and title.level == "individual":
        caps.append((3, "an individual contributor", 1.0))
    if firmo.in_region is False:
        caps.append((3, f"{firmo.location} is outside the ICP regions ({english.join(icp.regions)})", 1.0))
    if firmo.in_offer_market is False:
        caps.append((3, firmo.market_why, 1.0))
    if firmo.secondary_market:
        caps.append((2, f"{english.plural(firmo.secondary_market)} are a secondary market for this offer", _HALF))
    if firmo.industry_share < 0.5:
        caps.append((3, "the industry does not clearly fit", 1.0))
    size = _size_cap(profile, facts)
    if size is not None:
        caps.append(size)
    refusal = next((m for m in facts.mentions if m.negated and m.keyword == NOT_BUYING), None)
    if refusal is not None:
        # The buyer has said no for now, whoever they are: nurture until the timing changes.
        caps.append(
            (3, f"the {refusal.span.field} say they are not buying now ('{_short(refusal.span.text)}')", 1.0)
        )
    if not facts.relevant():
        caps.append((2, "nothing current that bears on the offer", 1.0))
        # The need denied outright and no signer to decide otherwise: two of the three things missing.
        denied = _denied_need(profile, facts) if match is None or match.role != "signer" else None
        if denied is not None:
            caps.append((3, f"the {denied.span.field} say the need is absent ('{_short(denied.span.text)}')", 1.0))
    if not caps:
        return 1, []
    worst = max(c[0] for c in caps)
    # The rubric: tier 2 misses one of account, owner and trigger, tier 3 misses two. A cap of 2 is one
    # miss (below the size band, no current trigger) or half of one (a champion rather than the signer,
    # the edge of the size band, a secondary market): two misses in all are tier 3.
    missed = sum(weight for tier, _, weight in caps if tier == 2)
    if missed >= 2:
        worst = max(worst, 3)
    return worst, [reason for tier, reason, _ in sorted(caps, key=lambda c: -c[0]) if reason]


def _denied_need(profile: AgentProfile, facts: ProspectFacts) -> Mention | None:
    """A negated mention on the offer's own themes ("no vacancy to fill"): the need the offer serves is absent."""
    offer = profile_offer(profile)
    return next((m for m in facts.mentions if m.negated and themes_in(m.span.text) & offer.themes), None)


def _size_cap(profile: AgentProfile, facts: ProspectFacts) -> tuple[int, str, float] | None:
    icp, firmo = profile.icp, facts.firmographics
    checks = [
        (firmo.employee_count, icp.employee_min, "employees"),
        (firmo.annual_revenue_usd, icp.revenue_min_usd, "revenue"),
    ]
    below = [(v, low, what) for v, low, what in checks if v is not None and low and v < low]
    # Well below: under half the minimum, or below on both counts with one under two thirds of it.
    far = [(v, low, what) for v, low, what in below if v < low / 2 or (len(below) == 2 and v < low * 2 / 3)]
    if far:
        return 3, "well below the ICP size band", 1.0
    if below:
        return 2, "below the ICP size band", 1.0
    edge = [(v, low, what) for v, low, what in checks if v is not None and low and v < low * 1.25]
    if edge:
        return 2, "at the bottom edge of the ICP size band", _HALF
    # The top of the band: large accounts run big in-house teams and central buying.
    tops = [
        (firmo.employee_count, icp.employee_max),
        (firmo.annual_revenue_usd, icp.revenue_max_usd),
    ]
    if any(v is not None and high and v >= high * _TOP_EDGE for v, high in tops):
        return 2, "at the top edge of the ICP size band", _HALF
    return None


_HALF = 0.5  # half a rubric miss: a champion, the edge of the size band, a secondary market
_TOP_EDGE = 0.75  # a size at or above this share of the ICP maximum is the band's top edge


def _gate(profile: AgentProfile, facts: ProspectFacts, raw: int) -> ScoreComponent | None:
    thresholds = profile.tier_thresholds
    raw_tier = tier_for(raw, thresholds)
    cap, reasons = ceiling(profile, facts)
    floor_ok = not facts.disqualifiers and facts.firmographics.industry_share >= 0.5 and facts.title is not None
    tier = max(raw_tier, cap)
    if floor_ok and tier == 4:
        tier = 3
    if tier == raw_tier and not facts.disqualifiers:
        return None
    upper = {1: 100, 2: thresholds.tier1 - 1, 3: thresholds.tier2 - 1, 4: thresholds.tier3 - 1}[tier]
    lower = {1: thresholds.tier1, 2: thresholds.tier2, 3: thresholds.tier3, 4: 0}[tier]
    if facts.disqualifiers:
        upper = min(upper, 19)
    score = min(max(raw, lower), upper)
    fields = [
        "title",
        "company",
        "industry",
        "employee_count",
        "annual_revenue_usd",
        "location",
        "signals",
        "notes",
    ]
    if facts.disqualifiers:
        shown = _one_per_kind(facts)
        names = english.join([f"{_reason(d)} ({_quote(d)})" if _quote(d) else _reason(d) for d in shown])
        return ScoreComponent(
            component="disqualifier",
            points=score - raw,
            max=0,
            fields=fields,
            why=english.sentence(f"Disqualified: {names}; tier 4, do not contact"),
        )
    if tier > raw_tier:
        return ScoreComponent(
            component="tier_cap",
            points=score - raw,
            max=0,
            fields=fields,
            why=english.sentence(f"At best tier {tier}: {english.join(reasons)}"),
        )
    return ScoreComponent(
        component="tier_floor",
        points=score - raw,
        max=0,
        fields=fields,
        why="In the industry with no blocker: kept in tier 3 to nurture.",
    )


_DETERMINER = re.compile(r"^(?:a|an|the|any|every|no|one|each)\b", re.I)


def _one_per_kind(facts: ProspectFacts) -> list[Disqualifier]:
    """The disqualifiers to name: the first of each kind (of each profile rule), so "solo" is said once."""
    seen: set[tuple[str, str | None]] = set()
    out = []
    for d in facts.disqualifiers:
        key = (d.kind, d.profile_rule if d.kind == "profile" else None)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _reason(d: Disqualifier) -> str:
    """The disqualifier as a noun phrase: a profile's own rule text gets its article ("a hobby store ...")."""
    if d.label == d.profile_rule and not _DETERMINER.match(d.label):
        return english.a(d.label)
    return d.label


def _quote(d: object) -> str:
    span = getattr(d, "span", None)
    if span is None or not span.text:
        return ""
    return f"'{_short(span.text, 60)}'"


# --- hooks, approach, confidence ---------------------------------------------------------------


def _persona(profile: AgentProfile, facts: ProspectFacts) -> Persona | None:
    if facts.persona is None:
        return None
    return next((p for p in profile.personas if p.name == facts.persona.persona), None)


def _fact_spans(facts: ProspectFacts) -> list[Span]:
    return [f.span for f in _all_facts(facts)]


def _subject_sentence(company: str | None, text: str) -> str:
    """A sentence with a subject: "Noticed that Red Mesa is relaunching its players club."."""
    body = text.strip().rstrip(".;!")
    first = body.split()[0] if body.split() else ""
    subject = company or "your team"
    low = first.lower()
    if low.endswith("ing") and len(low) > 5 and low not in _ING_NOUNS:
        return english.sentence(f"Noticed that {subject} is {english.lower_first(body)}")
    if low.endswith("ed") or low in _IRREGULAR_PAST or low in ("relies", "runs", "has", "uses", "sells"):
        return english.sentence(f"Noticed that {subject} {english.lower_first(body)}")
    return english.sentence(f"Noted about {subject}: {body}")


_ING_NOUNS = frozenset(
    {
        "spring",
        "morning",
        "evening",
        "ceiling",
        "string",
        "during",
        "something",
        "nothing",
        "wedding",
        "clothing",
        "housing",
        "funding",
        "pricing",
        "marketing",
        "gaming",
        "banking",
        "lending",
        "catering",
        "parking",
        "meeting",
        "training",
        "holding",
        "offering",
        "listing",
        "booking",
        "ranking",
        "rating",
        "building",
        "manufacturing",
        "consulting",
        "accounting",
        "recruiting",
    }
)
_IRREGULAR_PAST = frozenset({"won", "began", "bought", "sold", "broke", "built", "took", "made", "led", "hit"})


def _hooks(profile: AgentProfile, facts: ProspectFacts, persona: Persona | None, limit: int = 3) -> list[Hook]:
    company = facts.firmographics.company
    hooks: list[Hook] = []
    ranked: list[Event | Quantity | Mention] = sorted(
        [f for f in _all_facts(facts) if not getattr(f, "negated", False)],
        key=lambda f: (-f.relevance.score, 0 if f.span.field == "signals" else 1),
    )
    seen: set[str] = set()
    for fact in ranked:
        if fact.span.text in seen or len(hooks) >= 2:
            continue
        seen.add(fact.span.text)
        hooks.append(Hook(text=_subject_sentence(company, fact.span.text), source_field=fact.span.field))
    for span in facts.unread_signals:
        if len(hooks) >= 2 or span.text in seen:
            continue
        seen.add(span.text)
        hooks.append(Hook(text=_subject_sentence(company, span.text), source_field="signals"))
    title = facts.title
    if title is not None and title.level not in ("junior", "former") and company:
        if persona and persona.priorities:
            text = f"As {title.reference} at {company}, you are likely measured on {persona.priorities[0]}."
        else:
            text = f"As {title.reference} at {company}, you are close to the problem this solves."
        hooks.append(Hook(text=english.sentence(text), source_field="title"))
    if not hooks and company and not facts.disqualifiers:
        hooks.append(Hook(text=f"Reaching out to the team at {company}.", source_field="company"))
    return hooks[:limit]


def _approach(profile: AgentProfile, facts: ProspectFacts, persona: Persona | None, tier: int) -> Approach:
    relevant = facts.relevant()
    strong = relevant[0] if relevant else None
    channel: Literal["email", "linkedin"] = (
        "linkedin" if strong is None and "linkedin_url" in facts.firmographics.present_fields else "email"
    )
    offer = profile_offer(profile)
    value_props = profile.value_propositions or ["A better way to hit this year's targets"]
    fact_text = " ".join(s.text for s in _fact_spans(facts))
    fact_words = _relevance_words([fact_text])
    best = min(
        enumerate(value_props),
        key=lambda item: (
            -_rounded_relevance(item[1], offer),
            -len(_words_of(item[1]) & fact_words),
            item[0],
        ),
    )[1]
    if strong is not None:
        reason = f"it ties to '{_short(strong.span.text)}'"
    elif persona and persona.priorities:
        reason = f"{english.a(persona_label(persona))} is measured on {persona.priorities[0]}"
    else:
        reason = f"it is the core value for {profile.name} buyers"
    if tier == 4:
        reason += "; tier 4, so do not pitch: enrich or drop"
    return Approach(
        channel=channel,
        angle=f"{best.rstrip('.')}, because {reason}.",
        cta=_cta(facts.firmographics.company, tier),
    )


def _cta(company: str | None, tier: int) -> str:
    company = company or "your team"
    if tier == 1:
        return f"Open to a 20-minute call next week to see how this would work for {company}?"
    if tier == 2:
        return f"Worth a 15-minute call to see whether this fits {english.possessive(company)} plans this quarter?"
    if tier == 3:
        return "Would a one-page summary of how similar teams approach this be useful?"
    return "Would it help if I sent a short overview you can read when timing is right?"


def _confidence(facts: ProspectFacts) -> float:
    share = len(facts.firmographics.present_fields) / len(USEFUL_FIELDS)
    return round(0.3 + 0.65 * share, 2)


# --- helpers ---------------------------------------------------------------------------------


def _fit_word(fit: float) -> str:
    if fit >= 1.0:
        return "inside"
    return "near" if fit >= 0.5 else "outside"


def _range_text(low: int | None, high: int | None, render: Callable[[int], str]) -> str:
    if low is not None and high is not None:
        return f"{render(low)}-{render(high)}"
    if low is not None:
        return f"at least {render(low)}"
    if high is not None:
        return f"up to {render(high)}"
    return "any size"


def _count(value: int) -> str:
    return f"{value:,}"


def _money(value: int) -> str:
    for unit, size in (("B", 1_000_000_000), ("M", 1_000_000), ("K", 1_000)):
        if value >= size:
            text = f"{value / size:.1f}".rstrip("0").rstrip(".")
            return f"${text}{unit}"
    return f"${value}"


def _relevance_words(texts: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for text in texts:
        out |= _words_of(text)
    return out


@lru_cache(maxsize=16384)
def _words_of(text: str) -> frozenset[str]:
    return frozenset(stem(t) for t in tokens(text) if len(t) >= 4 and t not in _RELEVANCE_STOP)


@lru_cache(maxsize=4096)
def _rounded_relevance(text: str, offer: Offer) -> float:
    # A value proposition's relevance to the offer: both the profile's, the same for every prospect.
    return round(relevance(text, offer).score, 1)


def _overlap(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


_SPACES = re.compile(r"\s+")


def _short(text: str, limit: int = 80) -> str:
    text = _SPACES.sub(" ", text.strip().rstrip(".!;,"))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


__all__ = [
    "COMPONENTS",
    "GATES",
    "analyze_facts",
    "analyze_rules",
    "build_hooks",
    "ceiling",
    "data_gaps",
    "normalised_weights",
    "rank_pain_points",
    "score_components",
    "score_facts",
    "tier_for",
]
