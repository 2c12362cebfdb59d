"""The rules engine's agent builder: a built-in profile tuned to a seller, or a generic one.

The rules engine cannot research an industry it does not know, so for an unknown industry it builds
an honest generic B2B profile: it borrows the words of the user's own description for matching,
says plainly that it is generic, and leaves the Claude engine to do better when it is available.
"""

from __future__ import annotations

from collections import Counter

from core.text import STOPWORDS, tokens
from industry_agents.knowledge import BUILTIN
from industry_agents.resolve import resolve_slug
from industry_agents.text import slugify, title_matches, title_seniority
from schemas import ICP, AgentProfile, Objection, Persona

# Words that never make a useful industry/signal keyword when lifted from a free-text description:
# the shared stop words, plus pronouns and the words every business description uses.
_STOPWORDS = STOPWORDS | frozenset(
    {
        "across", "against", "am", "around", "based", "business", "businesses", "buy", "buyers", "client",
        "clients", "companies", "company", "customer", "customers", "etc", "firm", "firms", "he", "help",
        "helping", "helps", "hers", "him", "i", "industries", "industry", "it's", "itself", "long", "make",
        "makes", "many", "may", "me", "mostly", "need", "needs", "ours", "people", "sell", "selling", "sells",
        "team", "teams", "theirs", "they're", "typically", "use", "used", "using", "usually", "want", "wants",
        "we're", "well",
    }
)  # fmt: skip

_GENERIC_SIGNAL_KEYWORDS = [
    "hiring",
    "funding",
    "raised",
    "series",
    "expansion",
    "expanding",
    "new location",
    "opening",
    "launch",
    "launched",
    "acquisition",
    "acquired",
    "joined",
    "promoted",
    "rfp",
    "evaluating",
    "replacing",
    "migration",
]


def description_keywords(description: str | None, limit: int = 8) -> list[str]:
    """The most frequent meaningful words of a description, most frequent first (ties: first seen)."""
    words = [t for t in tokens(description) if len(t) >= 4 and not t.isdigit() and t not in _STOPWORDS]
    counts = Counter(words)
    first_seen = {w: i for i, w in reversed(list(enumerate(words)))}
    ranked = sorted(counts, key=lambda w: (-counts[w], first_seen[w]))
    return ranked[:limit]


def _label(industry: str) -> str:
    """The industry as it reads mid-sentence: "Veterinary Clinics" -> "veterinary clinics", "HVAC" kept."""
    words = industry.split()
    return " ".join(w.lower() if w[:1].isupper() and w[1:].islower() else w for w in words)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _seller(company: str | None, offer: str | None) -> dict[str, str]:
    seller: dict[str, str] = {}
    if company and company.strip():
        seller["company"] = company.strip()
    if offer and offer.strip():
        seller["offer"] = offer.strip()
    return seller


def _persona_for_title(title: str, profile: AgentProfile) -> Persona:
    """A persona for a target title the profile lacks, borrowing priorities from its closest peer.

    The user named this title as a target, so it counts as a buyer unless it is an individual role.
    """
    level = title_seniority(title) or "manager"
    peers = [p for p in profile.personas if p.seniority == level] or profile.personas
    peer = peers[0] if peers else None
    return Persona(
        name=title.strip(),
        titles=[" ".join(tokens(title))],
        seniority=level,
        is_decision_maker=level != "individual",
        priorities=list(peer.priorities) if peer else [],
        pains=list(peer.pains) if peer else list(profile.pain_points[:3]),
    )


def _apply_target_personas(
    profile: AgentProfile, target_personas: list[str] | None, *, always_add: bool = False
) -> None:
    """Put personas matching the target titles first (in target order); add one for unmatched titles.

    With `always_add` (generic profiles, whose personas are broad seniority buckets) every target title
    gets its own persona, because the user's titles are more specific than anything the profile has.
    """
    if not target_personas:
        return
    ordered: list[Persona] = []
    seen_titles: set[str] = set()
    for raw in target_personas:
        title = raw.strip()
        key = " ".join(tokens(title))
        if not key or key in seen_titles:
            continue
        seen_titles.add(key)
        match = None
        if not always_add:
            match = next(
                (p for p in profile.personas if any(title_matches(title, kw) for kw in p.titles)),
                None,
            )
        if match is None:
            match = _persona_for_title(title, profile)
        if match not in ordered:
            ordered.append(match)
    profile.personas = ordered + [p for p in profile.personas if p not in ordered]


def generic_profile(industry: str, description: str | None, offer: str | None) -> AgentProfile:
    """A generic B2B profile for an industry with no built-in knowledge, adapted from its description."""
    name = " ".join(industry.split()) or "General B2B"
    label = _label(name)
    desc_words = description_keywords(description)
    name_words = [t for t in tokens(name) if len(t) >= 3 and t not in _STOPWORDS]
    industry_keywords = list(dict.fromkeys([" ".join(tokens(name)), *name_words, *desc_words]))
    intro = (
        f"Generic B2B profile for {name}: there is no built-in knowledge for this industry, so it "
        "was adapted from the description given and should be reviewed before a large campaign."
    )
    description_text = f"{intro} Description: {_sentence(description)}" if description else intro
    value_props = [
        f"More qualified conversations with {label} buyers without adding headcount",
        "Measurable results within one quarter, reported in the numbers leadership already tracks",
        "A low-risk pilot that proves value before any long commitment",
        "Less manual work for the team, so time goes to customers instead of admin",
    ]
    if offer and offer.strip():
        value_props.insert(0, f"{offer.strip().rstrip('.')}, set up for how {label} teams work")
    return AgentProfile(
        industry=slugify(name),
        name=name,
        description=description_text,
        generic=True,
        icp=ICP(
            company_types=[label],
            employee_min=20,
            employee_max=5_000,
            revenue_min_usd=2_000_000,
            revenue_max_usd=1_000_000_000,
            signals=[
                "hiring for the roles the offer supports",
                "new funding, acquisition or expansion",
                "a new leader in the buying role (first 90 days)",
                "launching a new product, location or market",
                "evaluating or replacing a vendor",
            ],
            signal_keywords=list(dict.fromkeys([*_GENERIC_SIGNAL_KEYWORDS, *desc_words[:4]])),
            industry_keywords=industry_keywords,
            disqualifiers=[
                "too small to have a dedicated owner for the problem",
                "recently signed a multi-year contract with a direct competitor",
            ],
        ),
        personas=[
            Persona(
                name="Executive Leader",
                titles=[
                    "ceo",
                    "founder",
                    "cofounder",
                    "owner",
                    "president",
                    "coo",
                    "managing director",
                    "general manager",
                ],
                seniority="c_level",
                priorities=["revenue growth", "margin", "predictable execution"],
                pains=[
                    f"Growth targets in {label} keep rising while headcount stays flat",
                    "Hard to see which investments actually pay back",
                ],
            ),
            Persona(
                name="Functional Leader",
                titles=["vp", "svp", "evp", "head"],
                seniority="vp",
                priorities=["hitting the function's targets", "team productivity", "budget efficiency"],
                pains=[
                    "Owns the number but not all the levers that move it",
                    "Manual reporting eats time the team should spend on customers",
                ],
            ),
            Persona(
                name="Department Director",
                titles=["director"],
                seniority="director",
                priorities=["delivering the plan", "process quality", "team capacity"],
                pains=[
                    "Too many tools that do not talk to each other",
                    "Projects stall waiting on other teams",
                ],
            ),
            Persona(
                name="Team Manager",
                titles=["manager", "lead", "supervisor"],
                seniority="manager",
                is_decision_maker=False,
                priorities=["daily throughput", "quality", "keeping the team staffed"],
                pains=["Spends the day firefighting instead of improving the process"],
            ),
        ],
        pain_points=[
            f"Growth targets in {label} keep rising while headcount stays flat",
            f"Pipeline in {label} leans on referrals and repeat business, so revenue is hard to forecast",
            "Teams lose hours each week to manual work that should be automated",
            "Leadership lacks clear numbers on which channels and customers are profitable",
            f"Competitors in {label} are modernising and winning deals on speed",
        ],
        value_propositions=value_props,
        proof_angles=[
            f"a short case study from a comparable {label} company",
            "before/after numbers from a pilot",
            "time to first result",
        ],
        tone=("Clear, specific and brief: lead with the prospect's situation, one idea per message, no jargon."),
        vocabulary=desc_words,
        objections=[
            Objection(
                objection="We already have something for this.",
                response="Makes sense; most teams we talk to do. The question is whether it is hitting "
                "the numbers you need, and a short comparison answers that quickly.",
            ),
            Objection(
                objection="No budget right now.",
                response="Understood. A small pilot sized to prove the return usually pays for itself "
                "before the next budget cycle.",
            ),
            Objection(
                objection="Send me some information.",
                response="Happy to. To keep it relevant: which of growth, cost or speed matters most "
                "this quarter?",
            ),
        ],
    )


def build_profile_rules(
    *,
    industry: str,
    description: str | None,
    company: str | None,
    offer: str | None,
    target_personas: list[str] | None,
) -> AgentProfile:
    """Build an agent profile with the rules engine: built-in knowledge if known, else generic.

    For a built-in industry the result is the built-in profile with the seller set, the campaign
    description appended, and personas matching `target_personas` moved first (an unknown title
    becomes a new persona). For anything else it is a `generic=True` profile adapted from the
    description.
    """
    slug = resolve_slug(industry)
    builtin = BUILTIN.get(slug)
    if builtin is not None:
        profile = builtin.model_copy(deep=True)
        if description and description.strip():
            profile.description = f"{_sentence(profile.description)} Campaign focus: {_sentence(description)}"
    else:
        profile = generic_profile(industry, description, offer)
    profile.seller = _seller(company, offer)
    _apply_target_personas(profile, target_personas, always_add=profile.generic)
    return profile
