"""The prospect-facts contract: what the service has read out of one prospect, as typed, cited facts.

Both engines produce `ProspectFacts` (the rules extractor in `intelligence.extract`; Claude through
a quote gate), and every judgement reads only facts: the score and tier (`scoring`), hooks, the
approach, and the copy writer's sentence planner. Every fact that comes from free text keeps the
prospect field it came from and the exact span (`Span.text` is a substring of that field's value,
`start`/`end` its offsets), so a reader can always show where a claim came from and a Claude fact
whose quote is not in the input can be dropped.

Stability: other modules build on these names. Add fields (with defaults) rather than rename or
remove; the vocabularies below (`Level`, `Function`, ...) only grow.

Vocabulary
- `Level`: c_level (owner, founder, C-suite, president, law/accounting partner, managing director,
  Geschäftsführer, a hotel/casino/restaurant General Manager) > vp (VP/SVP/EVP) > director (director,
  head of, medical director, plant manager, Leiter) > manager (incl. banking VP/AVP, Responsable,
  Gerente) > individual > junior (assistant, intern, student, chief of staff, office of) ; former
  (ex-, retired, former) is outside the ladder: the person no longer holds the job.
- `Function`: what the person is responsible for; `executive` for general management.
- `Flag`: title blockers and modifiers (assistant_to, office_of, chief_of_staff, intern, student,
  candidate, former, partner_marketing, product_owner, interim, owner, multi_role, non_english...).
- `Role` (persona decision role): signer (can buy), champion (owns the problem, takes it to the
  signer; manager-level matches are champions, never "decision makers"), influencer.
- Relevance: 0..1 share of how directly a fact bears on the sender's offer; `terms` says which offer
  or persona words it met. Intent counts only facts with relevance >= `RELEVANT`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Literal, get_args, get_origin, get_type_hints

Level = Literal["c_level", "vp", "director", "manager", "individual", "junior", "former"]
Function = Literal[
    "executive",
    "sales",
    "marketing",
    "operations",
    "finance",
    "it",
    "engineering",
    "hr",
    "product",
    "clinical",
    "legal",
    "customer_success",
    "revenue_management",
    "procurement",
    "other",
]
Flag = Literal[
    "assistant_to",
    "office_of",
    "chief_of_staff",
    "intern",
    "student",
    "candidate",
    "former",
    "partner_marketing",
    "product_owner",
    "interim",
    "acting",
    "owner",
    "founder",
    "board",
    "multi_role",
    "non_english",
    "banking_title",
    "professional_partner",
    "job_seeker",
]
Role = Literal["signer", "champion", "influencer"]
DisqualifierKind = Literal[
    "vendor",  # sells to the ICP rather than being in it
    "competitor",  # sells what the sender sells
    "distributor",  # resells / distributes without production
    "solo",  # one-person or single-unit business far below the ICP
    "student",  # student, university, academic
    "job_seeker",  # looking for work, candidate
    "no_fit",  # a negated core trait ("no B2B sales motion", "no manufacturing")
    "profile",  # one of the agent profile's own disqualifiers, named in `label`
    "distress",  # closing, bankrupt, in receivership or liquidation, hiring freeze, consent order
    "former",  # the person has left the company or retired
    "no_authority",  # assistant, intern, gatekeeper: not a buyer whatever the account
]
Unit = Literal["percent", "usd", "count", "months", "years", "days", "ratio", "other"]
Tense = Literal["past", "ongoing", "planned", "unknown"]
Engine = Literal["rules", "claude"]

LEVEL_ORDER: tuple[Level, ...] = ("c_level", "vp", "director", "manager", "individual", "junior", "former")
RELEVANT = 0.5  # a fact at or above this relevance counts toward intent
NOT_BUYING = "not buying"  # the keyword of a negated mention: the buyer said no for now ("not evaluating")


@dataclass(frozen=True, slots=True)
class Span:
    """Where a fact came from: prospect field, list index (signals), and the exact quoted text."""

    field: str  # ProspectData field name: "title", "signals", "notes", "company", "industry"...
    text: str  # exact substring of the field's value
    start: int = 0
    end: int = 0
    index: int | None = None  # position in a list field (signals, technologies)


@dataclass(frozen=True, slots=True)
class Relevance:
    """How directly a fact bears on the sender's offer (0..1) and the words that made it so."""

    score: float = 0.0
    terms: tuple[str, ...] = ()


NO_RELEVANCE = Relevance()


@dataclass(frozen=True, slots=True)
class TitleRole:
    """One role inside a title ("CEO & Founder" has two)."""

    level: Level
    function: Function
    text: str  # the part of the title it was read from


@dataclass(frozen=True, slots=True)
class TitleReading:
    """A parsed job title. `level`/`function` are the decisive role's (the most senior current one)."""

    raw: str
    level: Level
    function: Function
    flags: tuple[Flag, ...] = ()
    roles: tuple[TitleRole, ...] = ()
    functions: tuple[Function, ...] = ()  # every function named, decisive first
    reference: str = ""  # how copy may refer to the role, lower-case: "head of sales", "CMO"
    language: str = "en"  # en | fr | de | es | pt | it | nl
    span: Span | None = None

    def has(self, flag: Flag) -> bool:
        return flag in self.flags


@dataclass(frozen=True, slots=True)
class CompanyType:
    """A kind of company the prospect's company is, read from its name, industry or notes."""

    label: str  # e.g. "tribal casino" (an ICP company type) or "operator"
    kind: Literal["icp", "other"] = "icp"
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Disqualifier:
    """A reason not to contact: gates the tier to 4 and is named in the breakdown."""

    kind: DisqualifierKind
    label: str  # human reason, e.g. "a gaming supplier that sells to casinos, not an operator"
    span: Span | None = None  # None when read from numbers (e.g. employee_count=1)
    profile_rule: str | None = None  # the agent profile's disqualifier text it applies, if any


@dataclass(frozen=True, slots=True)
class Event:
    """Something the company did or will do, by lemma: open, launch, raise, hire, acquire..."""

    lemma: str
    object: str  # what was opened/launched/hired..., as written ("a 300-room hotel tower")
    span: Span
    date_text: str | None = None  # as written: "in Q2 2027", "last month", "in September"
    tense: Tense = "unknown"
    negated: bool = False
    relevance: Relevance = NO_RELEVANCE
    # Who or what acted, as written ("Rina Cho" joined; "Sagebrush Health Partners" acquired the prospect).
    subject: str = ""
    # The verb is passive ("Acquired by Sagebrush in March"): `object` is what it happened to (the prospect's
    # company when the sentence does not name it) and `subject` the "by" agent.
    passive: bool = False
    # The label a colon-led statement hangs the event on ("The Birchway at Midtown: ... pre-leasing opens
    # next month" -> "The Birchway at Midtown"); "" when none.
    topic: str = ""
    # The verb or event noun as written ("opens", "commissioning", "Sucht", "joined", "Wiedereröffnung"; "" for a
    # verbless "New CFO"): the writer says the event in the record's own tense, and knows a verb it cannot say in
    # English (`intelligence.foreign` sets it for German, French, Spanish and Dutch shapes).
    verb: str = ""
    # The word tying this event to the one before it in the same span, as written ("nach" in
    # "Wiedereröffnung im Mai nach Renovierung aller Zimmer"); "" when none.
    lead_in: str = ""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with what it measures: "60% of room nights via OTAs"."""

    value: float
    unit: Unit
    measure: str  # what it measures, as written around the number ("of room nights via OTAs")
    span: Span
    relevance: Relevance = NO_RELEVANCE
    # The short thing measured, as written: "occupancy" in "81% occupancy against a 95% target"; "" if unread.
    what: str = ""
    # The figure this one is measured against ("81% occupancy against a 95% target": 95.0), same unit.
    against: float | None = None
    # Set when this number IS the reference another is measured against: its word ("target", "pro forma",
    # "underwrite", "for the category"). A reference is a goal or benchmark, not the company's state.
    reference: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A buying-signal keyword of the agent's ICP found in a signal or notes, not already an event."""

    keyword: str
    span: Span
    negated: bool = False
    relevance: Relevance = NO_RELEVANCE


@dataclass(frozen=True, slots=True)
class PersonaMatch:
    """The agent persona the title fits, through function x level, and the person's decision role."""

    persona: str  # Persona.name
    role: Role
    share: float  # 0..1 persona fit
    function: Function
    level: Level
    why: str = ""


@dataclass(frozen=True, slots=True)
class Firmographics:
    """The company numbers and industry reading the scorer uses."""

    employee_count: int | None = None
    annual_revenue_usd: int | None = None
    industry: str | None = None  # as given
    industry_share: float = 0.0  # 0..1 fit with the agent's industry
    industry_why: str = ""
    location: str | None = None
    company: str | None = None
    present_fields: tuple[str, ...] = ()  # useful prospect fields that are filled
    in_region: bool | None = None  # location inside the ICP regions; None when not recognised
    in_offer_market: bool | None = None  # a company kind the offer names ("banks"); None when unknown
    market_why: str = ""
    secondary_market: str | None = None  # a secondary kind of the ICP named by the company ("office building")


@dataclass(frozen=True, slots=True)
class ProspectFacts:
    """Everything read out of one prospect against one agent profile and offer."""

    engine: Engine = "rules"
    title: TitleReading | None = None
    persona: PersonaMatch | None = None
    firmographics: Firmographics = Firmographics()
    company_types: tuple[CompanyType, ...] = ()
    disqualifiers: tuple[Disqualifier, ...] = ()
    events: tuple[Event, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    unread_signals: tuple[Span, ...] = ()  # signals nothing could be read from
    dropped_quotes: int = 0  # Claude facts dropped because their quote is not in the input
    # Facts written in German, French, Spanish or Dutch (`intelligence.foreign`), as written: the copy writer
    # says them in English; kept out of the score (events, quantities, mentions) so tiers do not move.
    foreign_events: tuple[Event, ...] = ()
    foreign_quantities: tuple[Quantity, ...] = ()
    foreign_gaps: tuple[Mention, ...] = ()

    @property
    def disqualified(self) -> bool:
        return bool(self.disqualifiers)

    def relevant(self) -> list[Event | Quantity | Mention]:
        """Offer-relevant facts, most relevant first (stable)."""
        items: list[Event | Quantity | Mention] = [*self.events, *self.quantities, *self.mentions]
        chosen: list[Event | Quantity | Mention] = []
        seen: set[tuple[str, int | None, int]] = set()
        for f in sorted(items, key=lambda f: -f.relevance.score):
            key = (f.span.field, f.span.index, f.span.start)
            if f.relevance.score >= RELEVANT and not getattr(f, "negated", False) and key not in seen:
                seen.add(key)
                chosen.append(f)
        return chosen

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (stored with the analysis, so the tier can be recomputed from it)."""
        return _plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProspectFacts:
        return _build(cls, data)


_LEAVES = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}  # a class's dataclass fields (None: not a dataclass)


def _plain(value: Any) -> Any:
    """`dataclasses.asdict` without its deep copies: these facts hold only str, numbers and tuples.
    Leaves are returned where they are met and each class's fields looked up once (a third of the
    cost of the generic walk; ~140 nodes per prospect)."""
    cls = value.__class__
    if cls in _LEAVES:
        return value
    try:
        names = _FIELD_NAMES[cls]
    except KeyError:
        fields_of = getattr(cls, "__dataclass_fields__", None)
        names = _FIELD_NAMES[cls] = tuple(fields_of) if fields_of is not None else None
    if names is not None:
        out = {}
        for name in names:
            v = getattr(value, name)
            out[name] = v if v.__class__ in _LEAVES else _plain(v)
        return out
    if isinstance(value, tuple):
        return [v if v.__class__ in _LEAVES else _plain(v) for v in value]
    return value


def _build(tp: Any, value: Any) -> Any:
    """Rebuild nested frozen dataclasses from `asdict` output (tuples restored)."""
    if value is None:
        return None
    if is_dataclass(tp) and isinstance(tp, type):
        hints = get_type_hints(tp)
        return tp(**{f.name: _build(hints[f.name], value[f.name]) for f in fields(tp) if f.name in value})
    origin = get_origin(tp)
    if origin is tuple:
        (inner, *_rest) = get_args(tp)
        return tuple(_build(inner, v) for v in value)
    if origin is not None and origin is not Literal:  # Optional / Union: take the dataclass member
        for arg in get_args(tp):
            if is_dataclass(arg):
                return _build(arg, value)
    return value


__all__ = [
    "LEVEL_ORDER",
    "NOT_BUYING",
    "NO_RELEVANCE",
    "RELEVANT",
    "CompanyType",
    "Disqualifier",
    "DisqualifierKind",
    "Event",
    "Firmographics",
    "Flag",
    "Function",
    "Level",
    "Mention",
    "PersonaMatch",
    "ProspectFacts",
    "Quantity",
    "Relevance",
    "Role",
    "Span",
    "TitleReading",
    "TitleRole",
]
