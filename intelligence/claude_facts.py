"""Claude fills the prospect facts: the answer's schema, and the gate every fact must pass to be kept.

Claude is asked for the same facts the rules extractor reads (`intelligence.extract`), never for
prose: the title reading, ICP company types, disqualifiers, events, quantities and keyword mentions.
Every fact names the prospect `field` it comes from and a verbatim `quote` of that field. Code keeps
a fact only if (`grounding.quote_gate`):

  1. the quote is a substring of that field (of one item for `signals`, `technologies`), and
  2. every number and every proper name in the fact's own words (an event's object and date, a
     quantity's measure, a mention's keyword, the title's reference) appears in the quote, and a
     quantity's value is a number of the quote (with its k/M/bn scale).

A company type must be one of the profile's ICP company types, a profile disqualifier one of the
profile's own; labels of disqualifiers are written by code from their kind. Relevance to the
sender's offer is computed by code from the quote, exactly as the rules extractor computes it, so
Claude cannot make a fact matter more than its words do. The persona match, firmographics (from the
structured fields) and the person gates that follow from the title reading (former, assistant,
student, job seeker) are computed by code. A dropped fact is counted (`ProspectFacts.dropped_quotes`)
and its reason kept as a category (never its text, which may hold the invented claim).

    FACTS_SYSTEM                               the system prompt (the agent profile JSON follows it)
    ClaudeFacts                                the answer's schema (native structured output or a tool)
    facts_prompt(prospect) -> str              the user message: the prospect's fields
    gate_facts(profile, prospect, answer, rules=None) -> GatedFacts
                                               the kept facts as `ProspectFacts(engine="claude")`,
                                               with the dropped count and reasons

Pure: no database, no network, no `llm`; `prospect_intelligence` makes the call.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from grounding.quote_gate import numbers_in, prospect_values, quote_gate
from intelligence.extract import (
    GAP,
    event_relevance,
    extract_facts,
    match_persona,
    missing_tool,
    own_team_hires,
    profile_offer,
    quantity_relevance,
    relevance,
    settled_record,
    title_disqualifiers,
)
from intelligence.facts import (
    CompanyType,
    Disqualifier,
    DisqualifierKind,
    Event,
    Flag,
    Function,
    Level,
    Mention,
    ProspectFacts,
    Quantity,
    Relevance,
    Span,
    Tense,
    TitleReading,
    TitleRole,
    Unit,
)
from schemas import AgentProfile, ProspectData

FACTS_SYSTEM = """You read one B2B prospect for an outbound agency and fill in the facts a practitioner
would use to decide whether to contact them. You do not score, tier or write copy: code does that from
your facts.

Facts, not prose. Every fact names `field`, the prospect field it comes from ("title", "company",
"industry", "location", "signals", "notes" or "technologies"), and `quote`, a verbatim, contiguous piece
of that field's value copied exactly (for "signals", from one signal). Every number and every name in a
fact's words must appear in its quote. A fact that does not meet this is discarded. Never infer
numbers, names or dates that are not written.

- title: the person's level (c_level covers owners, founders, presidents, managing directors and a
  hotel/casino General Manager; banking VP/AVP is manager level; "assistant to", "office of", chief of
  staff, interns and students are junior; former/ex-/retired is former), the function they run, every
  function named, and flags for blockers. `reference` is how copy may name the role in lower case
  ("head of sales", "CMO"). Quote the title.
- company_types: which of the agent's ICP company types (exactly as written in the profile) the
  company is, with the quote that says so.
- disqualifiers: a reason not to contact, only when the input says it: a vendor or supplier that sells
  to the ICP rather than being in it, a competitor that sells what the sender sells, a distributor or
  reseller without production, a solo or single-unit business far below the ICP, a student or job
  seeker, a company in distress, a person no longer in the role, an assistant or gatekeeper, or one of
  the profile's own disqualifiers (`profile_rule` copied exactly from the profile). Mind negation:
  "no B2B sales motion", "No manufacturing." are facts; "not a distributor" is not a disqualifier.
- events: what the company did or will do, by verb lemma (open, launch, raise, hire, acquire, merge,
  renovate, expand, replatform, relocate, ...), with its object and date as written, the tense, and
  `negated` when it was called off, denied or is not happening.
- quantities: numbers with what they measure ("60% of room nights via OTAs"): the value as a plain
  number (60, 4500000), its unit and the measure as written.
- mentions: a buying-signal keyword of the profile found in a signal or the notes that is not already
  an event or a quantity.

Agent profile:
"""

CitedField = Literal["title", "company", "industry", "location", "signals", "notes", "technologies"]
Language = Literal["en", "fr", "de", "es", "pt", "it", "nl"]

_Short = Annotated[str, Field(max_length=120)]
_Quote = Annotated[str, Field(min_length=1, max_length=500)]


class _Cited(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: CitedField
    quote: _Quote


class ClaudeTitle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    quote: _Quote
    level: Level
    function: Function
    functions: Annotated[list[Function], Field(max_length=4)]
    flags: Annotated[list[Flag], Field(max_length=6)]
    reference: _Short
    language: Language


class ClaudeCompanyType(_Cited):
    label: _Short


class ClaudeDisqualifier(_Cited):
    kind: DisqualifierKind
    profile_rule: Annotated[str, Field(max_length=300)] | None


class ClaudeEvent(_Cited):
    lemma: Annotated[str, Field(max_length=30)]
    object: Annotated[str, Field(max_length=200)]
    date_text: Annotated[str, Field(max_length=60)] | None
    tense: Tense
    negated: bool


class ClaudeQuantity(_Cited):
    value: float
    unit: Unit
    measure: Annotated[str, Field(max_length=200)]


class ClaudeMention(_Cited):
    keyword: _Short
    negated: bool


class ClaudeFacts(BaseModel):
    """What Claude answers for one prospect: facts with their field and verbatim quote, nothing else."""

    model_config = ConfigDict(extra="forbid")

    title: ClaudeTitle | None
    company_types: Annotated[list[ClaudeCompanyType], Field(max_length=5)]
    disqualifiers: Annotated[list[ClaudeDisqualifier], Field(max_length=5)]
    events: Annotated[list[ClaudeEvent], Field(max_length=10)]
    quantities: Annotated[list[ClaudeQuantity], Field(max_length=10)]
    mentions: Annotated[list[ClaudeMention], Field(max_length=10)]


# Disqualifier labels are code's, by kind: Claude's words never reach the breakdown.
KIND_LABELS: dict[str, str] = {
    "vendor": "a vendor that sells to the industry, not a buyer in it",
    "competitor": "a competitor: it sells what the sender sells",
    "distributor": "a distributor or reseller without production of its own",
    "solo": "a one-person or single-unit business far below the ICP",
    "student": "a student, not an employee of a buyer",
    "job_seeker": "looking for work, not at a buying company",
    "no_fit": "a core trait of the ICP is missing",
    "distress": "a company in distress (closing, insolvent or frozen)",
    "former": "no longer in the role (former or retired)",
    "no_authority": "a gatekeeper, assistant or intern, not a buyer",
}
_PROSPECT_FIELDS = ("title", "company", "industry", "location", "signals", "notes", "technologies")


def facts_prompt(prospect: ProspectData) -> str:
    """The user message: the prospect's fields Claude may cite (and the numbers code reads itself)."""
    return "Prospect:\n" + prospect.model_dump_json(exclude_none=True, exclude={"clay_row_id"}, indent=1)


@dataclass(frozen=True)
class GatedFacts:
    """Claude's facts after the gate: what is kept, how many were dropped and why (categories only)."""

    facts: ProspectFacts
    dropped: int
    reasons: dict[str, int]


def _category(reason: str | None) -> str:
    """A reason without its text (which may carry the invented name or number)."""
    reason = reason or ""
    for prefix, category in (
        ("numbers not", "number_not_in_quote"),
        ("names not", "name_not_in_quote"),
        ("the quote is not", "quote_not_in_field"),
        ("the prospect has no", "no_such_field"),
        ("the quote is empty", "quote_too_short"),
    ):
        if reason.startswith(prefix):
            return category
    return reason or "dropped"


_SCALES = (1.0, 1e3, 1e6, 1e9)


def _value_quoted(value: float, quote: str) -> bool:
    """`value` is a number written in `quote`, at some k/M/bn scale ("$4.5M" holds 4500000)."""
    for raw in numbers_in(quote):
        try:
            n = float(raw.replace(",", "."))  # "1,5" (European decimal) when not a thousands group
        except ValueError:
            continue
        for candidate in {n, float(raw.replace(",", "")) if "," in raw else n}:
            if any(abs(candidate * s - value) <= max(1e-6, abs(value) * 1e-6) for s in _SCALES):
                return True
    return False


def _located(values: dict[str, Any], field: str, quote: str, index: int | None) -> Span | None:
    """The quote as it is written in the field (exact text and offsets), whitespace and case forgiven."""
    value = values.get(field)
    items = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
    candidates = [index] if index is not None and index < len(items) else range(len(items))
    words = quote.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    for i in candidates:
        if (m := pattern.search(items[i])) is not None:
            in_list = isinstance(value, list | tuple)
            return Span(field=field, text=m.group(0), start=m.start(), end=m.end(), index=i if in_list else None)
    return None


def gate_facts(
    profile: AgentProfile, prospect: ProspectData, answer: ClaudeFacts, rules: ProspectFacts | None = None
) -> GatedFacts:
    """Claude's answer as `ProspectFacts`, keeping only facts whose quote and words pass the gate.

    `rules` (the rules extractor's facts for the same prospect, computed when not given) supplies what
    is not read from text: firmographics, the disqualifiers read from numbers, and the title reading
    when Claude's is missing or dropped.
    """
    rules = rules if rules is not None else extract_facts(profile, prospect)
    values = prospect_values(prospect)
    offer = profile_offer(profile)
    dropped: Counter[str] = Counter()

    def cite(text: str, field: str, quote: str) -> Span | None:
        verdict = quote_gate(text, field=field, quote=quote, values=values)
        if not verdict:
            dropped[_category(verdict.reason)] += 1
            return None
        span = _located(values, field, quote, verdict.index)
        if span is None:
            dropped["quote_not_in_field"] += 1
        return span

    # Title: Claude's reading, or the parser's when Claude's is missing or does not quote the title.
    title = rules.title
    if answer.title is not None:
        t = answer.title
        span = cite("", "title", t.quote)
        if span is not None and prospect.title:
            functions = tuple(dict.fromkeys((t.function, *t.functions)))
            # The reference is Claude's words: kept only if its names and numbers are the title's own.
            reference = t.reference.strip()
            if not reference or not quote_gate(reference, field="title", quote=t.quote, values=values):
                reference = rules.title.reference if rules.title is not None else prospect.title.strip()
            title = TitleReading(
                raw=prospect.title.strip(),
                level=t.level,
                function=t.function,
                flags=tuple(dict.fromkeys(t.flags)),
                roles=(TitleRole(level=t.level, function=t.function, text=span.text),),
                functions=functions,
                reference=reference,
                language=t.language,
                span=span,
            )

    icp_types = {c.lower(): c for c in profile.icp.company_types}
    types: list[CompanyType] = []
    for c in answer.company_types:
        label = icp_types.get(c.label.strip().lower())
        if label is None:
            dropped["not_an_icp_type"] += 1
            continue
        span = cite(c.label, c.field, c.quote)
        if span is not None and all(x.label != label for x in types):
            types.append(CompanyType(label=label, kind="icp", span=span))

    rules_of_profile = {r.strip().lower(): r for r in profile.icp.disqualifiers}
    found: list[Disqualifier] = []
    for d in answer.disqualifiers:
        rule = None
        if d.kind == "profile" or d.profile_rule:
            rule = rules_of_profile.get((d.profile_rule or "").strip().lower())
            if rule is None:
                dropped["not_a_profile_rule"] += 1
                continue
        span = cite("", d.field, d.quote)
        if span is None:
            continue
        label = rule if d.kind == "profile" and rule else KIND_LABELS.get(d.kind, d.kind)
        if all(x.kind != d.kind for x in found):
            found.append(Disqualifier(kind=d.kind, label=label, span=span, profile_rule=rule))
    # Gates code reads from numbers and from the title reading (whichever engine read the title).
    # ... and from the structured fields (the email's domain), which need no reading.
    structured = [x for x in rules.disqualifiers if x.span is None or x.span.field == "email"]
    for gate in (*structured, *title_disqualifiers(title)):
        if all(x.kind != gate.kind for x in found):
            found.append(gate)

    settled = settled_record(prospect)
    events: list[Event] = []
    for e in answer.events:
        span = cite(f"{e.object} {e.date_text or ''}", e.field, e.quote)
        if span is None:
            continue
        lemma = e.lemma.strip().lower()
        rel = event_relevance(lemma, span.text, e.object, offer, e.negated)
        events.append(
            Event(
                lemma=lemma,
                object=e.object.strip(),
                span=span,
                date_text=e.date_text,
                tense=e.tense,
                negated=e.negated,
                relevance=_settle(rel, settled),
            )
        )
    quantities: list[Quantity] = []
    for q in answer.quantities:
        span = cite(q.measure, q.field, q.quote)
        if span is None:
            continue
        if not _value_quoted(q.value, q.quote):
            dropped["number_not_in_quote"] += 1
            continue
        quantities.append(
            Quantity(
                value=q.value,
                unit=q.unit,
                measure=q.measure.strip(),
                span=span,
                relevance=_settle(quantity_relevance(span.text, offer), settled),
            )
        )
    mentions: list[Mention] = []
    keywords = profile.icp.signal_keywords
    for m in answer.mentions:
        span = cite(m.keyword, m.field, m.quote)
        if span is None:
            continue
        rel = relevance(span.text, offer)
        if rel.score and missing_tool(span.text, offer):
            rel = GAP  # the gap the offer fills: fit, not a trigger
        if not rel.score and any(m.keyword.strip().lower() == k.lower() for k in keywords):
            rel = Relevance(0.4, (m.keyword.strip().lower(),))
        mentions.append(
            Mention(
                keyword=m.keyword.strip(),
                span=span,
                negated=m.negated,
                relevance=Relevance() if m.negated else _settle(rel, settled),
            )
        )

    spans: list[Span] = [*(e.span for e in events), *(q.span for q in quantities), *(m.span for m in mentions)]
    covered = {span.index for span in spans if span.field == "signals"}
    unread = tuple(
        Span(field="signals", text=s, start=0, end=len(s), index=i)
        for i, s in enumerate(prospect.signals)
        if i not in covered and s.strip()
    )
    total = sum(dropped.values())
    persona = match_persona(profile, title, offer, prospect.employee_count)
    facts = ProspectFacts(
        engine="claude",
        title=title,
        persona=persona,
        firmographics=rules.firmographics,
        company_types=tuple(types),
        disqualifiers=tuple(found),
        events=tuple(own_team_hires(events, persona)),
        quantities=tuple(quantities),
        mentions=tuple(mentions),
        unread_signals=unread,
        dropped_quotes=total,
    )
    return GatedFacts(facts=facts, dropped=total, reasons=dict(dropped))


def _settle(rel: Relevance, settled: bool) -> Relevance:
    """The record says nothing will change: its facts are context only (as the rules extractor does)."""
    if settled and rel.score > 0.3:
        return replace(rel, score=0.3, terms=("status quo",))
    return rel


__all__ = ["FACTS_SYSTEM", "KIND_LABELS", "ClaudeFacts", "GatedFacts", "facts_prompt", "gate_facts"]
