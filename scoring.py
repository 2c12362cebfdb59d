"""Explainable rules scoring: score, tier, pain points, hooks and approach for one prospect.

Pure functions, no database and no network, so the same profile and prospect always give the same
analysis. The score is the sum of six named components, each with its maximum (from the agent's
rubric, normalised to 100), the prospect fields it read and a sentence saying why; the tier follows
from that sum alone via `tier_for`, so it can be recomputed from a stored breakdown.

Hooks are built only from the prospect's own fields and name the field they quote; nothing in an
analysis asserts a fact about the prospect that the prospect data does not contain.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from industry_agents import contains_phrase, resolve_slug, title_matches, title_seniority, tokens
from industry_agents.text import Seniority, stem
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

# Share of the seniority maximum per level: the people who sign outrank the people who use.
_SENIORITY_SHARE: dict[Seniority, float] = {
    "c_level": 1.0,
    "vp": 0.9,
    "director": 0.75,
    "manager": 0.45,
    "individual": 0.2,
}
_SENIORITY_LABEL: dict[Seniority, str] = {
    "c_level": "C-level / owner",
    "vp": "VP / head-of",
    "director": "director",
    "manager": "manager",
    "individual": "individual contributor",
}

# Fields that make a prospect workable; their share drives data_completeness and confidence.
_USEFUL_FIELDS: tuple[str, ...] = (
    "first_name",
    "title",
    "company",
    "company_domain",  # website counts too: either tells us who the company is
    "linkedin_url",
    "industry",
    "employee_count",
    "annual_revenue_usd",
    "location",
    "signals",
)
# Missing fields worth reporting, in the order an enrichment step should fill them.
_GAP_FIELDS: tuple[str, ...] = (
    "title",
    "company",
    "industry",
    "employee_count",
    "annual_revenue_usd",
    "signals",
    "linkedin_url",
)

# Industries close enough that a prospect in one is a partial fit for the other.
_ADJACENT: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({"casino", "hotel"}),
        frozenset({"hotel", "restaurant"}),
        frozenset({"casino", "restaurant"}),
    }
)

# Generic words in ICP company types that say nothing about the kind of company.
_GENERIC_TYPE_WORDS = frozenset(
    {"company", "companies", "group", "firm", "chain", "operator", "business", "network", "organization",
     "maker", "brand", "provider", "and", "the", "of"}
)  # fmt: skip

_FREE_MAIL = frozenset(
    {"gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "msn.com",
     "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "mail.com"}
)  # fmt: skip

# Words that start a signal but are usually nouns ("Funding round closed"), not verbs ("Hiring a…").
_ING_NOUNS = frozenset(
    {"spring", "morning", "evening", "ceiling", "string", "during", "something", "nothing", "everything",
     "anything", "wedding", "clothing", "housing", "funding", "pricing", "marketing", "gaming", "banking",
     "lending", "catering", "parking", "meeting", "training", "holding", "offering", "listing", "booking",
     "ranking", "rating", "building", "manufacturing", "consulting", "accounting", "recruiting"}
)  # fmt: skip
_PAST_VERBS = frozenset(
    {"raised", "opened", "launched", "announced", "acquired", "hired", "signed", "won", "completed",
     "closed", "expanded", "added", "appointed", "named", "partnered", "secured", "introduced", "unveiled",
     "began", "started", "moved", "relaunched", "rebranded", "joined", "promoted", "received", "merged",
     "entered", "released", "renovated", "broke", "finished", "purchased", "bought", "sold", "posted"}
)  # fmt: skip

# Words too common to make two texts "about the same thing" when ranking pain points.
_RELEVANCE_STOP = frozenset(
    {"with", "that", "this", "from", "their", "they", "your", "into", "more", "than", "have", "keep",
     "while", "every", "each", "team", "teams", "company", "new", "hiring", "manager", "director"}
)  # fmt: skip


@dataclass(frozen=True)
class SignalMatch:
    """One piece of free text (a signal or a notes sentence) and the ICP keywords it hit."""

    text: str
    source_field: str
    keywords: tuple[str, ...]


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
    # Hand the rounding leftovers to the components with the largest fractional parts (stable order).
    leftovers = sorted(COMPONENTS, key=lambda n: (-(exact[n] - scaled[n]), COMPONENTS.index(n)))
    for name in leftovers[: 100 - sum(scaled.values())]:
        scaled[name] += 1
    return scaled


def match_persona(profile: AgentProfile, title: str | None) -> Persona | None:
    """The persona whose title keywords best match `title` (most specific keyword wins, then order)."""
    best: Persona | None = None
    best_len = 0
    for persona in profile.personas:
        for keyword in persona.titles:
            if title_matches(title, keyword):
                length = len(tokens(keyword))
                if length > best_len:
                    best, best_len = persona, length
    return best


def data_gaps(prospect: ProspectData) -> list[str]:
    """Names of missing prospect fields that would change the score or the message."""
    return [name for name in _GAP_FIELDS if not _present(prospect, name)]


def score_components(profile: AgentProfile, prospect: ProspectData) -> list[ScoreComponent]:
    """The six score components for a prospect, in `COMPONENTS` order; their points sum to the score."""
    return _components(
        profile, prospect, match_persona(profile, prospect.title), signal_matches(profile, prospect)
    )


def _components(
    profile: AgentProfile, prospect: ProspectData, persona: Persona | None, matches: list[SignalMatch]
) -> list[ScoreComponent]:
    weights = normalised_weights(profile.rubric)
    return [
        _score_seniority(prospect, weights["seniority"]),
        _score_persona(prospect, persona, weights["persona_fit"]),
        _score_company(profile, prospect, weights["company_fit"]),
        _score_industry(profile, prospect, weights["industry_fit"]),
        _score_intent(prospect, matches, weights["intent_signals"]),
        _score_completeness(prospect, weights["data_completeness"]),
    ]


def analyze_rules(profile: AgentProfile, prospect: ProspectData) -> AnalysisResult:
    """Score and explain one prospect against one agent profile with the deterministic rules engine."""
    persona = match_persona(profile, prospect.title)
    matches = signal_matches(profile, prospect)
    breakdown = _components(profile, prospect, persona, matches)
    score = max(0, min(100, sum(c.points for c in breakdown)))
    tier = tier_for(score, profile.tier_thresholds)
    pains = rank_pain_points(profile, persona, prospect)
    return AnalysisResult(
        score=score,
        tier=tier,
        breakdown=breakdown,
        persona=persona.name if persona else None,
        pain_points=pains,
        hooks=_hooks(prospect, persona, matches),
        approach=_approach(profile, prospect, persona, matches, pains, tier),
        confidence=_confidence(prospect),
        data_gaps=data_gaps(prospect),
    )


def rank_pain_points(
    profile: AgentProfile, persona: Persona | None, prospect: ProspectData, limit: int = 3
) -> list[str]:
    """Up to `limit` pains, persona's first, re-ranked by words shared with the prospect's signals/notes."""
    candidates = list(dict.fromkeys([*(persona.pains if persona else []), *profile.pain_points]))
    context = _relevance_words([*prospect.signals, prospect.notes or ""])
    ranked = sorted(
        enumerate(candidates),
        key=lambda item: (-len(_relevance_words([item[1]]) & context), item[0]),
    )
    chosen: list[str] = []
    for _, pain in ranked:
        words = _relevance_words([pain])
        # A persona pain and a profile pain often say the same thing; one of them is enough.
        if any(_overlap(words, _relevance_words([other])) >= 0.6 for other in chosen):
            continue
        chosen.append(pain)
        if len(chosen) == limit:
            break
    return chosen


def build_hooks(profile: AgentProfile, prospect: ProspectData, limit: int = 3) -> list[Hook]:
    """Up to `limit` personalisation hooks, each quoting one of the prospect's own fields and naming it.

    Empty only when the prospect has nothing of its own to quote (e.g. just a free-mail address).
    """
    persona = match_persona(profile, prospect.title)
    return _hooks(prospect, persona, signal_matches(profile, prospect), limit)


def _hooks(
    prospect: ProspectData, persona: Persona | None, matches: list[SignalMatch], limit: int = 3
) -> list[Hook]:
    company = prospect.company
    subject = company or "your team"
    hooks: list[Hook] = []
    matched_signals = [m for m in matches if m.source_field == "signals"]
    # Signals that hit buying-signal keywords first, then any other signal the prospect came with.
    ordered_signals = [m.text for m in sorted(matched_signals, key=lambda m: -len(m.keywords))]
    ordered_signals += [s.strip() for s in prospect.signals if s.strip() and s.strip() not in ordered_signals]
    for signal in ordered_signals[:2]:
        hooks.append(Hook(text=_signal_sentence(signal, subject), source_field="signals"))
    if len(hooks) < 2:
        note = next((m for m in matches if m.source_field == "notes"), None)
        if note is not None:
            text = f"Came across this about {subject}: {_clean(note.text)}."
            hooks.append(Hook(text=text, source_field="notes"))
    if prospect.title and company:
        if persona and persona.priorities:
            text = f"As {prospect.title} at {company}, {persona.priorities[0]} is likely high on your list."
        else:
            text = f"As {prospect.title} at {company}, you are close to the problem this solves."
        hooks.append(Hook(text=text, source_field="title"))
    if prospect.employee_count and company:
        hooks.append(
            Hook(
                text=f"With a team of about {prospect.employee_count:,} at {company}, small gains per person "
                "add up quickly.",
                source_field="employee_count",
            )
        )
    if prospect.location:
        text = f"Since you are based in {prospect.location}, I kept this specific to your market."
        hooks.append(Hook(text=text, source_field="location"))
    if not hooks and (domain := _email_domain(prospect)) is not None:
        # Last resort: the email address is the one fact every prospect has.
        hooks.append(Hook(text=f"Reaching out to the team at {domain}.", source_field="email"))
    return hooks[:limit]


# --- components ------------------------------------------------------------------------------


def _score_seniority(prospect: ProspectData, maximum: int) -> ScoreComponent:
    level = title_seniority(prospect.title)
    if level is None:
        why = "No title, so seniority is unknown."
        return ScoreComponent(component="seniority", points=0, max=maximum, fields=["title"], why=why)
    points = round(maximum * _SENIORITY_SHARE[level])
    return ScoreComponent(
        component="seniority",
        points=points,
        max=maximum,
        fields=["title"],
        why=f"'{prospect.title}' reads as {_SENIORITY_LABEL[level]}.",
    )


def _score_persona(prospect: ProspectData, persona: Persona | None, maximum: int) -> ScoreComponent:
    fields = ["title"]
    if not prospect.title:
        return ScoreComponent(
            component="persona_fit", points=0, max=maximum, fields=fields, why="No title to match a persona."
        )
    if persona is not None:
        share = 1.0 if persona.is_decision_maker else 0.6
        role = "a decision maker" if persona.is_decision_maker else "an influencer, not the usual signer"
        return ScoreComponent(
            component="persona_fit",
            points=round(maximum * share),
            max=maximum,
            fields=fields,
            why=f"'{prospect.title}' matches the {persona.name} persona, {role}.",
        )
    if title_seniority(prospect.title) == "c_level":
        # An executive outside the target personas can still sponsor the deal, but is not the buyer.
        return ScoreComponent(
            component="persona_fit",
            points=round(maximum * 0.3),
            max=maximum,
            fields=fields,
            why=f"'{prospect.title}' is an executive but outside the target personas.",
        )
    return ScoreComponent(
        component="persona_fit",
        points=0,
        max=maximum,
        fields=fields,
        why=f"'{prospect.title}' does not match any target persona.",
    )


def _score_company(profile: AgentProfile, prospect: ProspectData, maximum: int) -> ScoreComponent:
    icp = profile.icp
    parts: list[str] = []
    share = 0.0
    if prospect.employee_count is not None:
        fit = _range_fit(prospect.employee_count, icp.employee_min, icp.employee_max)
        share += 0.45 * fit
        parts.append(
            f"{prospect.employee_count:,} employees {_fit_word(fit)} the ICP range "
            f"({_range_text(icp.employee_min, icp.employee_max, _count)})"
        )
    else:
        parts.append("employee count unknown")
    if prospect.annual_revenue_usd is not None:
        fit = _range_fit(prospect.annual_revenue_usd, icp.revenue_min_usd, icp.revenue_max_usd)
        share += 0.35 * fit
        parts.append(
            f"revenue {_money(prospect.annual_revenue_usd)} {_fit_word(fit)} the ICP range "
            f"({_range_text(icp.revenue_min_usd, icp.revenue_max_usd, _money)})"
        )
    else:
        parts.append("revenue unknown")
    type_fit, company_type = _company_type_fit(icp.company_types, [prospect.company, prospect.notes])
    if company_type:
        share += 0.2 * type_fit
        parts.append(f"company matches the ICP type '{company_type}'")
    return ScoreComponent(
        component="company_fit",
        points=round(maximum * share),
        max=maximum,
        fields=["employee_count", "annual_revenue_usd", "company", "notes"],
        why=_sentence("; ".join(parts)),
    )


def _score_industry(profile: AgentProfile, prospect: ProspectData, maximum: int) -> ScoreComponent:
    fields = ["industry", "company", "company_domain", "website", "email", "notes"]
    keywords = profile.icp.industry_keywords

    def result(share: float, why: str) -> ScoreComponent:
        return ScoreComponent(
            component="industry_fit", points=round(maximum * share), max=maximum, fields=fields, why=why
        )

    # Evidence from the company itself, strongest first: its name, its domain, then the notes.
    evidence: tuple[float, str] = (0.0, "")
    if (kw := _first_keyword(tokens(prospect.company), keywords)) is not None:
        evidence = (0.8, f"company name '{prospect.company}' contains '{kw}'")
    elif (hit := _domain_keyword(prospect, keywords)) is not None:
        evidence = (0.6, f"domain '{hit[0]}' contains '{hit[1]}'")
    elif (kw := _first_keyword(tokens(prospect.notes), keywords)) is not None:
        evidence = (0.5, f"notes mention '{kw}'")

    if prospect.industry:
        slug = resolve_slug(prospect.industry)
        if slug == profile.industry:
            return result(1.0, f"Industry '{prospect.industry}' is {profile.name}.")
        if (kw := _first_keyword(tokens(prospect.industry), keywords)) is not None:
            return result(0.9, f"Industry '{prospect.industry}' contains '{kw}', a {profile.name} term.")
        if frozenset({slug, profile.industry}) in _ADJACENT:
            share = max(0.4, evidence[0])
            return result(share, f"Industry '{prospect.industry}' is adjacent to {profile.name}.")
        if evidence[0]:
            # The stated industry disagrees with the company's own name or domain: trust neither fully.
            return result(
                evidence[0] / 2,
                f"Industry '{prospect.industry}' is not {profile.name}, though the {evidence[1]}.",
            )
        return result(0.0, f"Industry '{prospect.industry}' is outside {profile.name}.")
    if evidence[0]:
        return result(evidence[0], _sentence(f"No industry given; the {evidence[1]}"))
    return result(0.0, f"No industry given and nothing in the company data points to {profile.name}.")


def _score_intent(prospect: ProspectData, matches: list[SignalMatch], maximum: int) -> ScoreComponent:
    fields = ["signals", "notes"]
    from_signals = [m for m in matches if m.source_field == "signals"]
    from_notes = [m for m in matches if m.source_field == "notes"]
    other_signals = len([s for s in prospect.signals if s.strip()]) - len(from_signals)
    # A first matched signal is most of the story, a second confirms it; notes are our own research and
    # count half; unmatched signals show some activity but not buying intent.
    share = 0.0
    for index in range(len(from_signals)):
        share += 0.6 if index == 0 else 0.4
    share += 0.3 * len(from_notes) + 0.15 * other_signals
    points = min(maximum, round(maximum * share))
    if not matches and other_signals <= 0:
        why = "No signals or notes that point to buying intent."
    else:
        parts = [f"'{_short(m.text)}' ({', '.join(m.keywords[:3])})" for m in matches[:3]]
        total = len(from_signals) + max(other_signals, 0)
        why = f"{len(from_signals)} of {total} signals match buying signals"
        if from_notes:
            why += f", notes add {len(from_notes)}"
        why += (": " + "; ".join(parts) + ".") if parts else "."
    return ScoreComponent(component="intent_signals", points=points, max=maximum, fields=fields, why=why)


def _score_completeness(prospect: ProspectData, maximum: int) -> ScoreComponent:
    present = [name for name in _USEFUL_FIELDS if _present(prospect, name)]
    share = len(present) / len(_USEFUL_FIELDS)
    return ScoreComponent(
        component="data_completeness",
        points=round(maximum * share),
        max=maximum,
        fields=list(_USEFUL_FIELDS),
        why=f"{len(present)} of {len(_USEFUL_FIELDS)} useful fields present.",
    )


# --- approach and confidence -----------------------------------------------------------------


def _approach(
    profile: AgentProfile,
    prospect: ProspectData,
    persona: Persona | None,
    matches: list[SignalMatch],
    pains: list[str],
    tier: int,
) -> Approach:
    strong_signal = next((m for m in matches if m.source_field == "signals"), None)
    # Nothing timely to reference: a lighter touch on LinkedIn, where they already are, beats a cold email.
    channel: Literal["email", "linkedin"] = (
        "linkedin" if strong_signal is None and prospect.linkedin_url else "email"
    )
    value_props = profile.value_propositions or ["A better way to hit this year's targets"]
    # The prospect's own words decide first; the chosen pains only break ties, then profile order.
    prospect_words = _relevance_words([*prospect.signals, prospect.notes or "", prospect.title or ""])
    pain_words = _relevance_words(pains)
    best = min(
        enumerate(value_props),
        key=lambda item: (
            -len(_relevance_words([item[1]]) & prospect_words),
            -len(_relevance_words([item[1]]) & pain_words) if prospect_words else 0,
            item[0],
        ),
    )[1]
    if strong_signal is not None:
        reason = f"it ties to the signal '{_short(strong_signal.text)}'"
    elif persona and persona.priorities:
        reason = f"a {persona.name} is measured on {persona.priorities[0]}"
    else:
        reason = f"it is the core value for {profile.name} buyers"
    if tier == 4:
        reason += "; tier 4, so nurture and enrich before a direct ask"
    return Approach(channel=channel, angle=f"{best.rstrip('.')}, because {reason}.", cta=_cta(prospect, tier))


def _cta(prospect: ProspectData, tier: int) -> str:
    company = prospect.company or "your team"
    if tier == 1:
        return f"Open to a 20-minute call next week to see how this would work for {company}?"
    if tier == 2:
        return f"Worth a 15-minute call to see whether this fits {company}'s plans this quarter?"
    if tier == 3:
        return "Would a one-page summary of how similar teams approach this be useful?"
    return "Would it help if I sent a short overview you can read when timing is right?"


def _confidence(prospect: ProspectData) -> float:
    share = sum(_present(prospect, name) for name in _USEFUL_FIELDS) / len(_USEFUL_FIELDS)
    return round(0.3 + 0.65 * share, 2)


# --- helpers ---------------------------------------------------------------------------------


def _present(prospect: ProspectData, name: str) -> bool:
    if name == "company_domain":
        return bool(prospect.company_domain or prospect.website)
    value = getattr(prospect, name)
    if isinstance(value, list):
        return any(str(v).strip() for v in value)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def signal_matches(profile: AgentProfile, prospect: ProspectData) -> list[SignalMatch]:
    """Signals (then notes sentences) that hit the ICP's signal keywords, in input order."""
    keywords = profile.icp.signal_keywords
    found: list[SignalMatch] = []
    for signal in prospect.signals:
        hits = _keywords_in(signal, keywords)
        if hits:
            found.append(SignalMatch(signal.strip(), "signals", hits))
    for sentence in re.split(r"(?<=[.!?;])\s+|\n+", prospect.notes or ""):
        hits = _keywords_in(sentence, keywords)
        if sentence.strip() and hits:
            found.append(SignalMatch(sentence.strip(), "notes", hits))
    return found


def _keywords_in(text: str, keywords: Iterable[str]) -> tuple[str, ...]:
    words = tokens(text)
    return tuple(dict.fromkeys(kw for kw in keywords if contains_phrase(words, kw)))


def _first_keyword(words: list[str], keywords: Iterable[str]) -> str | None:
    return next((kw for kw in keywords if contains_phrase(words, kw)), None)


def _domain_keyword(prospect: ProspectData, keywords: Iterable[str]) -> tuple[str, str] | None:
    """(domain, keyword) when a company domain contains an industry keyword, e.g. 'silverpeakcasino.com'."""
    for domain in _domains(prospect):
        labels = [part for part in re.split(r"[.\-]", domain.rsplit(".", 1)[0]) if part]
        for keyword in keywords:
            squashed = keyword.replace(" ", "").replace("-", "")
            # Short keywords ("inn", "spa", "app") hide inside unrelated words, so only long ones count.
            if len(squashed) >= 5 and any(squashed in label for label in labels):
                return domain, keyword
    return None


def _domains(prospect: ProspectData) -> list[str]:
    domains: list[str] = []
    for raw in (prospect.company_domain, prospect.website):
        if raw:
            host = re.sub(r"^[a-z]+://", "", raw.strip().lower()).split("/")[0].split(":")[0]
            domains.append(host.removeprefix("www."))
    if (email_domain := _email_domain(prospect)) is not None:
        domains.append(email_domain)
    return list(dict.fromkeys(d for d in domains if d))


def _email_domain(prospect: ProspectData) -> str | None:
    """The email's domain when it is a company's own (free-mail domains say nothing about the employer)."""
    domain = str(prospect.email).rsplit("@", 1)[-1].lower()
    return None if domain in _FREE_MAIL else domain


def _company_type_fit(company_types: list[str], texts: list[str | None]) -> tuple[float, str | None]:
    """Best share of a company type's meaningful words found in the company name/notes (>= half)."""
    words = {stem(t) for text in texts for t in tokens(text)}
    best: tuple[float, str | None] = (0.0, None)
    for company_type in company_types:
        meaningful = [stem(t) for t in tokens(company_type) if t not in _GENERIC_TYPE_WORDS]
        if not meaningful:
            continue
        share = sum(t in words for t in meaningful) / len(meaningful)
        if share >= 0.5 and share > best[0]:
            best = (share, company_type)
    return best


def _range_fit(value: int, low: int | None, high: int | None) -> float:
    """1 inside the range, partial credit near it; far below scores lower than far above."""
    if (low is None or value >= low) and (high is None or value <= high):
        return 1.0
    if low is not None and value < low:
        return 0.5 if value >= low / 2 else 0.0
    # Above the range: a bigger company is still a prospect, just a slower, committee-driven one.
    return 0.5 if high is None or value <= high * 2 else 0.2


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
            amount = value / size
            text = f"{amount:.1f}".rstrip("0").rstrip(".")
            return f"${text}{unit}"
    return f"${value}"


def _relevance_words(texts: Iterable[str]) -> set[str]:
    return {stem(t) for text in texts for t in tokens(text) if len(t) >= 4 and t not in _RELEVANCE_STOP}


def _overlap(a: set[str], b: set[str]) -> float:
    """Share of the smaller word set found in the other one (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _clean(text: str) -> str:
    return text.strip().rstrip(".!;,")


def _lower_first(text: str) -> str:
    # Keep acronyms and names intact: only "Opening" -> "opening", never "Q2" or "AI".
    if len(text) >= 2 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _signal_sentence(signal: str, subject: str) -> str:
    """Turn a signal into a sentence about the prospect without adding facts to it."""
    body = _clean(signal)
    first = body.split()[0].lower() if body.split() else ""
    if first.endswith("ing") and len(first) > 5 and first not in _ING_NOUNS:
        return f"Saw that {subject} is {_lower_first(body)}."
    if first in _PAST_VERBS:
        return f"Saw that {subject} recently {_lower_first(body)}."
    return f"Came across this about {subject}: {body}."


def _short(text: str, limit: int = 80) -> str:
    text = _clean(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else f"{text}."
