"""What a Claude agent build may change, and by how much.

Claude enriches an agent's language (description, pains, value propositions, proof, tone, vocabulary,
objections, persona priorities and pains) within length limits on every field, because a profile is
sent in every later prompt. The inputs of deterministic scoring stay the seed's (the built-in
knowledge or the rules builder), except within bounded, validated ranges:

  rubric weights        each within ±RUBRIC_STEP points of the seed's, summing to exactly 100
  tier thresholds       each within ±THRESHOLD_STEP of the seed's, strictly ordered with gaps ≥ 5
  title keywords        the seed's kept; at most EXTRA_TITLES added per persona (lower-case, short)
  signal / industry     the seed's kept; at most EXTRA_KEYWORDS added to each list
  keywords
  personas              the seed's set, in its order, with its seniority, functions, levels and role;
                        Claude's personas are matched by name (else position) for language only
  ICP sizes, company types, regions, disqualifiers, edge and secondary types: the seed's.

Anything outside a bound is not applied (the seed's value stands) and is listed in the notes.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas import AgentProfile, Objection, RubricWeights, TierThresholds

RUBRIC_STEP = 5
THRESHOLD_STEP = 5
MIN_TIER_GAP = 5
EXTRA_TITLES = 5
EXTRA_KEYWORDS = 10


Name = Annotated[str, Field(max_length=100)]
Short = Annotated[str, Field(max_length=80)]
Keyword = Annotated[str, Field(max_length=60)]
Line = Annotated[str, Field(max_length=300)]
Lines = Annotated[list[Line], Field(max_length=10)]
Keywords = Annotated[list[Keyword], Field(max_length=40)]


class _Draft(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonaDraft(_Draft):
    name: Name
    titles: Annotated[list[Keyword], Field(max_length=30)] = []
    seniority: Literal["c_level", "vp", "director", "manager", "individual"] = "manager"
    priorities: Annotated[list[Line], Field(max_length=8)] = []
    pains: Annotated[list[Line], Field(max_length=8)] = []
    label: Short | None = None
    plural: Short | None = None
    short: Short | None = None


class ObjectionDraft(_Draft):
    objection: Line
    response: Annotated[str, Field(max_length=600)]


class ICPDraft(_Draft):
    company_types: Annotated[list[Name], Field(max_length=15)] = []
    signals: Annotated[list[Line], Field(max_length=15)] = []
    signal_keywords: Keywords = []
    industry_keywords: Keywords = []


class AgentDraft(_Draft):
    """What Claude returns for an agent build: every field length-limited."""

    name: Name
    description: Annotated[str, Field(max_length=1500)]
    icp: ICPDraft
    personas: Annotated[list[PersonaDraft], Field(max_length=8)]
    pain_points: Lines
    value_propositions: Lines
    proof_angles: Lines
    tone: Annotated[str, Field(max_length=500)]
    vocabulary: Keywords = []
    objections: Annotated[list[ObjectionDraft], Field(max_length=10)] = []
    rubric: RubricWeights
    tier_thresholds: TierThresholds


_KEYWORD = re.compile(r"^[a-z0-9][a-z0-9 &/+.'-]{0,38}[a-z0-9.]$|^[a-z0-9]$")


def _keywords(seed: list[str], proposed: list[str], limit: int) -> tuple[list[str], int]:
    """The seed's keywords plus at most `limit` new, well-formed lower-case ones (1-4 words)."""
    known = {k.lower() for k in seed}
    extra: list[str] = []
    refused = 0
    for raw in proposed:
        k = " ".join(raw.lower().split())
        if k in known or k in extra:
            continue
        if len(extra) < limit and _KEYWORD.match(k) and len(k.split()) <= 4:
            extra.append(k)
        else:
            refused += 1
    return [*seed, *extra], refused


def _rubric(proposed: RubricWeights, seed: RubricWeights) -> RubricWeights | None:
    p, s = proposed.model_dump(), seed.model_dump()
    if sum(p.values()) != 100 or any(abs(p[k] - s[k]) > RUBRIC_STEP or p[k] < 0 for k in s):
        return None
    return proposed


def _thresholds(proposed: TierThresholds, seed: TierThresholds) -> TierThresholds | None:
    t, s = proposed, seed
    within = all(abs(getattr(t, k) - getattr(s, k)) <= THRESHOLD_STEP for k in ("tier1", "tier2", "tier3"))
    ordered = (
        t.tier1 <= 100
        and t.tier1 - t.tier2 >= MIN_TIER_GAP
        and t.tier2 - t.tier3 >= MIN_TIER_GAP
        and t.tier3 >= MIN_TIER_GAP
    )
    return proposed if within and ordered else None


def bound_profile(draft: AgentDraft, seed: AgentProfile) -> tuple[AgentProfile, list[str]]:
    """The profile to store: Claude's language on the seed's scoring inputs, changed only within
    bounds. Returns it and notes on what was not applied."""
    notes: list[str] = []
    rubric = _rubric(draft.rubric, seed.rubric)
    if rubric is None:
        rubric = seed.rubric
        if draft.rubric != seed.rubric:
            notes.append(f"rubric weights outside ±{RUBRIC_STEP} of the seed's (or not summing to 100)")
    thresholds = _thresholds(draft.tier_thresholds, seed.tier_thresholds)
    if thresholds is None:
        thresholds = seed.tier_thresholds
        if draft.tier_thresholds != seed.tier_thresholds:
            notes.append(f"tier thresholds outside ±{THRESHOLD_STEP} of the seed's or out of order")

    by_name = {p.name.strip().lower(): p for p in draft.personas}
    personas = []
    for i, base in enumerate(seed.personas):
        mine = by_name.get(base.name.strip().lower()) or (draft.personas[i] if i < len(draft.personas) else None)
        if mine is None:
            personas.append(base)
            continue
        titles, refused = _keywords(base.titles, mine.titles, EXTRA_TITLES)
        if refused:
            notes.append(f"{refused} title keyword(s) for {base.name!r} not applied")
        personas.append(
            base.model_copy(
                update={
                    "titles": titles,
                    "priorities": mine.priorities or base.priorities,
                    "pains": mine.pains or base.pains,
                    "label": base.label or mine.label,
                    "plural": base.plural or mine.plural,
                    "short": base.short or mine.short,
                }
            )
        )
    if len(draft.personas) > len(seed.personas):
        notes.append(f"{len(draft.personas) - len(seed.personas)} new persona(s) not applied")

    signal_keywords, refused_signal = _keywords(
        seed.icp.signal_keywords, draft.icp.signal_keywords, EXTRA_KEYWORDS
    )
    industry_keywords, refused_industry = _keywords(
        seed.icp.industry_keywords, draft.icp.industry_keywords, EXTRA_KEYWORDS
    )
    if refused_signal or refused_industry:
        notes.append(f"{refused_signal + refused_industry} ICP keyword(s) not applied")
    icp = seed.icp.model_copy(
        update={
            "signal_keywords": signal_keywords,
            "industry_keywords": industry_keywords,
            "signals": draft.icp.signals or seed.icp.signals,
        }
    )
    profile = seed.model_copy(
        update={
            "name": draft.name or seed.name,
            "description": draft.description or seed.description,
            "icp": icp,
            "personas": personas,
            "pain_points": draft.pain_points or seed.pain_points,
            "value_propositions": draft.value_propositions or seed.value_propositions,
            "proof_angles": draft.proof_angles or seed.proof_angles,
            "tone": draft.tone or seed.tone,
            "vocabulary": draft.vocabulary or seed.vocabulary,
            "objections": [Objection(objection=o.objection, response=o.response) for o in draft.objections]
            or seed.objections,
            "rubric": rubric,
            "tier_thresholds": thresholds,
        }
    )
    return AgentProfile.model_validate(profile.model_dump()), notes
