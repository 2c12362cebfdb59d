# ruff: noqa: E501  (the checks are regex and word tables; a pattern reads best on one line)
"""The practitioner's read: one named check per defect a reviewer catches, each reporting its span.

Run on both engines' drafts (`copywriter.quality.check_quality` calls `lint_message`). Checks that
need to know the prospect read the same facts and offer terms as the writer (`copywriter.angles`):

| check | catches |
|---|---|
| splice | a raw signal pasted after a lead-in, with no subject ("one thing stood out: opening a ...") |
| persona_plural | a persona label pasted as a group ("executive (CEO/President/COO)s", "Hotel Commercial Leaders") |
| agreement | "X and Y is", "a E-commerce", "Mosaic Payments's", "3 commercial relationship", "you needs" |
| raw_title | a title as stored ("As DDS \\| Owner-Operator at ...", "Sr. Dir., Sales") |
| leaked_citation | provenance or internal notes ("(TechCrunch, last week)", "Posted on LinkedIn that", "not a bank") |
| broken_subject | a subject cut mid-phrase ("question about the to Shopify Plus", "... Series B led") |
| generic_subject | a subject with nothing from the prospect's facts, or the offer as the subject |
| off_offer | a claim about what the sender does that the offer does not say |
| unrelated_pain | a pain the offer does nothing about |
| wrong_company_type | a company type the record does not support ("the kind of community bank" for a payments firm) |
| wrong_persona_metric | another persona's scorecard ("net interest margin" to a 2-person planner) |
| ungrounded_event | an event no fact mentions ("congrats on the acquisition") |
| template_repetition | stock filler every template email carries ("One more thought since my last note.") |
| unfilmable_visual | a video visual the seller cannot film (their CRM, a highlighted line their site never had) |
| strongest_fact_unused | a step 1 that leaves out the prospect's strongest offer-relevant fact |
| template_opener | an opener any sender could send anyone ("I hope this finds you well", "you're probably the person this would land with") |
| offer_pasted | the offer's parenthesis or its "X that Y" sentence word for word |
| results_line | a stock "one number would tell us whether it works" line |
| generic_so_what | a stock link any fact of its kind could take ("a share like that is usually where ... pays back fastest") |
| metric_subject | the offer's own outcome words as the subject line |
| opt_out_filler | an opt-out or "small test" filler line ("If it isn't useful, say so and I'll drop it.") |
| stock_cta | a question any email could end on ("Open to a short call to compare notes?") |
| fact_arithmetic | the prospect's figure restated as a fraction ("That's roughly half of your evening sales.") |
| teams_like_yours | "for teams like yours" instead of saying who the work is for |
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import inflect

from copywriter.angles import (
    CHANGE_VERBS,
    FINITE,
    GENERIC,
    INTERNAL,
    LOWER_MONTH,
    WEAK,
    CopyFact,
    OfferTerms,
    fact_used,
    offer_terms,
    read_facts,
    verb_kind,
    words_of,
)
from copywriter.facts import clean, short_company
from copywriter.foreign import english_reading
from copywriter.models import Sender, Severity
from core.text import ABBREVIATIONS, MONTH, stem, tokens
from intelligence.english import number_article
from intelligence.foreign import is_foreign
from schemas import AgentProfile, Persona, ProspectData

_INFLECT = inflect.engine()
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")

SEVERITY: dict[str, Severity] = {
    "splice": "hard",
    "persona_plural": "hard",
    "agreement": "hard",
    "raw_title": "hard",
    "leaked_citation": "hard",
    "broken_subject": "hard",
    "off_offer": "hard",
    "unrelated_pain": "hard",
    "wrong_company_type": "hard",
    "wrong_persona_metric": "hard",
    "ungrounded_event": "hard",
    "unfilmable_visual": "hard",
    "generic_subject": "soft",
    "template_repetition": "soft",
    "strongest_fact_unused": "soft",
    "offer_restated": "hard",
    "canned_pain": "hard",
    "unsupported_claim": "hard",
    "name_repeated": "soft",
    "template_opener": "hard",
    "offer_pasted": "hard",
    "results_line": "soft",
    "generic_so_what": "hard",
    "metric_subject": "hard",
    "opt_out_filler": "soft",
    "stock_cta": "soft",
    "fact_arithmetic": "hard",
    "teams_like_yours": "soft",
    "sender_at_end": "hard",
    "fragment": "hard",
    "garbled": "hard",
}
PENALTY = {"hard": 30, "soft": 10}


@dataclass(frozen=True)
class Finding:
    """One defect: which check, the text it found, and why."""

    code: str
    span: str
    detail: str

    @property
    def severity(self) -> Severity:
        return SEVERITY[self.code]


# --- what the checks know about the prospect --------------------------------------------------------------


@dataclass(frozen=True)
class LintContext:
    """The prospect's facts and the offer's words, read once per (profile, prospect, sender)."""

    company: str | None
    company_words: frozenset[str]
    first_name: str | None
    sender_company: str
    sender_words: frozenset[str]
    offer: str
    terms: OfferTerms
    record_words: frozenset[str]
    record_lower: str
    negated_words: frozenset[str]
    facts: tuple[CopyFact, ...]
    fact_lower: str
    persona: Persona | None
    function: str | None
    owner_small: bool
    micro: bool
    priorities: tuple[tuple[str, frozenset[str], str], ...]  # (phrase, persona names, seniority of first)
    persona_names: tuple[str, ...]
    pains: tuple[str, ...]
    raw_title: str | None
    website: bool
    # Prepared once per context so each sentence check is a few regex searches, not a loop of compiles.
    label_re: re.Pattern[str] | None = None  # persona labels with "/", "(" or "&", any case
    titled_re: re.Pattern[str] | None = None  # persona labels as written (Title Case)
    internal_runs: frozenset[str] = frozenset()  # 4-word runs of internal notes
    sender_claim_re: re.Pattern[str] | None = None
    pains_lower: tuple[tuple[str, str], ...] = ()
    # the agent's words for who the sender's kind of work is for and the number it is judged on
    # (industry_agents.knowledge.copy_angles), when that number is true to the offer
    angle_words: frozenset[str] = frozenset()
    denied: frozenset[str] = frozenset()
    full_company: str | None = (
        None  # the legal name as the record writes it ("Tidewater Financial Corp.")  # topics the record says are not happening ("expansion", "hiring")
    )
    cache: dict[str, list[Finding]] = field(default_factory=dict, compare=False, hash=False)
    # What the checks read from a sentence and the sender's side of the context alone (the sender's company and
    # offer, the agent's personas, pains and priorities): one table for every context whose sender side is equal
    # (`_shared_table`), so a stock sentence is read once per campaign, not once per prospect. Never copied by
    # `dataclasses.replace`: a context with other fields starts with its own table.
    shared: dict[object, object] = field(default_factory=dict, init=False, compare=False, hash=False, repr=False)


_TYPE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "saas": ("software", "saas", "platform", "app"),
    "software": ("software", "saas"),
    "bank": ("bank", "banking"),
    "dental": ("dental", "dentist", "dds", "dentistry", "orthodontic"),
    "restaurant": ("restaurant", "restaurants", "grill", "kitchen", "bistro", "cafe", "eatery", "pizza", "burger"),
    "hotel": ("hotel", "hotels", "hospitality", "inn", "resort", "suites", "lodge"),
    "casino": ("casino", "casinos", "gaming", "gambling"),
    "law": ("law", "legal", "attorney", "attorneys"),
    "medical": ("medical", "clinic", "health", "healthcare", "physician"),
    "multifamily": ("multifamily", "apartment", "apartments", "residential"),
    "operator": ("operator", "operates", "communities", "properties"),
    "manufacturer": ("manufacturer", "manufacturing", "industrial", "machinery", "fabrication"),
    "planner": ("planner", "planning", "advisor", "adviser"),
    "retailer": ("retail", "retailer", "store", "stores"),
}
_TYPE_SOFT = frozenset(
    {
        "community",
        "independent",
        "regional",
        "local",
        "small",
        "mid",
        "size",
        "midsize",
        "growing",
        "family",
        "boutique",
        "leading",
        "solo",
        "large",
        "multi",
        "site",
        "multisite",
        "modern",
        "fast",
        "busy",
        "young",
    }
)
_TYPE_GENERIC = frozenset(
    {
        "company",
        "business",
        "firm",
        "group",
        "team",
        "organization",
        "organisation",
        "brand",
        "shop",
        "outfit",
        "player",
        "kind",
        "one",
        "place",
    }
)
_FUNCTION_WORDS = {
    "marketing": "marketing",
    "growth": "marketing",
    "demand": "marketing",
    "brand": "marketing",
    "sales": "sales",
    "revenue": "sales",
    "business development": "sales",
    "commercial": "sales",
    "operations": "operations",
    "ops": "operations",
    "plant": "operations",
    "supply": "operations",
    "compliance": "legal",
    "risk": "legal",
    "finance": "finance",
    "engineering": "engineering",
    "leasing": "sales",
    "player development": "marketing",
    "e-commerce": "marketing",
    "retention": "marketing",
}


_FUNCTION_RES = tuple((re.compile(rf"\b{re.escape(word)}\b"), fn) for word, fn in _FUNCTION_WORDS.items())


@lru_cache(maxsize=4096)
def _function_of(text: str) -> str | None:
    low = text.lower()
    for pattern, fn in _FUNCTION_RES:
        if pattern.search(low):
            return fn
    return None


def _match_persona(profile: AgentProfile, title: str | None) -> Persona | None:
    if not title:
        return None
    title_tokens = set(tokens(title.replace("&", " ")))
    best: tuple[int, Persona] | None = None
    for persona in profile.personas:
        for keyword in persona.titles:
            kw = set(tokens(keyword))
            if kw and kw <= title_tokens and (best is None or len(kw) > best[0]):
                best = (len(kw), persona)
    if best:
        return best[1]
    fn = _function_of(title)
    if fn:
        for persona in profile.personas:
            if _function_of(persona.name) == fn:
                return persona
    return None


_PRIORITY_CACHE: dict[int, tuple[AgentProfile, tuple[tuple[str, frozenset[str], str], ...]]] = {}


def _priority_index(profile: AgentProfile) -> tuple[tuple[str, frozenset[str], str], ...]:
    hit = _PRIORITY_CACHE.get(id(profile))
    if hit is not None and hit[0] is profile:
        return hit[1]
    if len(_PRIORITY_CACHE) > 64:
        _PRIORITY_CACHE.clear()
    value = _priority_index_uncached(profile)
    _PRIORITY_CACHE[id(profile)] = (profile, value)
    return value


def _priority_index_uncached(profile: AgentProfile) -> tuple[tuple[str, frozenset[str], str], ...]:
    owners: dict[str, set[str]] = {}
    seniority: dict[str, str] = {}
    for persona in profile.personas:
        for priority in persona.priorities:
            text = priority.lower().strip()
            parts = {
                text,
                *(p.strip() for p in re.split(r"\s+and\s+|,\s*|\s+\(|\)|\s+versus\s+|\s+especially\s+", text)),
            }
            for part in parts:
                if len(part.split()) >= 2 or (part and "-" in part):
                    owners.setdefault(part, set()).add(persona.name)
                    seniority.setdefault(part, persona.seniority)
    return tuple(sorted(((k, frozenset(v), seniority[k]) for k, v in owners.items()), key=lambda t: -len(t[0])))


@lru_cache(maxsize=512)
def _context(profile_json: str, prospect_json: str, sender_json: str, persona_name: str | None) -> LintContext:
    profile = AgentProfile.model_validate_json(profile_json)
    prospect = ProspectData.model_validate_json(prospect_json)
    sender = Sender.model_validate_json(sender_json)
    return build_lint_context(profile, prospect, sender, persona_name=persona_name)


def lint_context(
    profile: AgentProfile, prospect: ProspectData, sender: Sender, persona_name: str | None = None
) -> LintContext:
    """The checks' view of one prospect (cached on the inputs' JSON)."""
    return _context(profile.model_dump_json(), prospect.model_dump_json(), sender.model_dump_json(), persona_name)


def build_lint_context(
    profile: AgentProfile, prospect: ProspectData, sender: Sender, *, persona_name: str | None = None
) -> LintContext:
    company = short_company(full) if (full := clean(prospect.company)) else None  # the name people say
    terms = offer_terms(profile, sender.offer)
    record_parts = [
        company,
        # the full name is in the record too: "Prairie Wind Racino" says "racino" where people say "Prairie Wind"
        full if full != company else None,
        clean(prospect.industry),
        clean(prospect.title),
        clean(prospect.notes),
        clean(prospect.location),
        clean(prospect.website),
        clean(prospect.company_domain),
        *prospect.signals,
        *prospect.technologies,
    ]
    # a fact written in German, French, Spanish or Dutch is in the record in its English reading too
    english = english_reading(prospect.signals, prospect.notes, company=company, offer=sender.offer)
    record_parts.append(english)
    record = " ".join(p for p in record_parts if p)
    record_lower = record.lower()
    negated: set[str] = set()
    for m in re.finditer(
        r"\b(?:not|isn't|never|no longer)\s+an?\s+([\w-]+(?:\s+[\w-]+)?)|\bno\s+([\w-]+)", record_lower
    ):
        negated.update(words_of(m.group(1) or m.group(2)))
    denied = denied_topics([*prospect.signals, prospect.notes or ""])
    facts = tuple(f for f in read_facts(prospect, terms) if f.usable)
    # the facts as the writer reads them too ("Job post: X" is read "Hiring a X"): an event said from them is grounded
    fact_text = ". ".join([*prospect.signals, prospect.notes or "", english, *(f.text for f in facts)]).lower()
    persona = None
    if persona_name:
        persona = next((p for p in profile.personas if p.name.casefold() == persona_name.casefold()), None)
    if persona is None:
        persona = _match_persona(profile, clean(prospect.title))
    employees = prospect.employee_count
    title_low = (prospect.title or "").lower()
    owner = any(
        w in title_low for w in ("owner", "founder", "ceo", "president", "principal", "partner", "dds", "dmd")
    )
    website = bool(clean(prospect.website) or clean(prospect.company_domain))
    persona_names = tuple(p.name for p in profile.personas)
    label_re, titled_re = _label_res(persona_names)
    runs: set[str] = set()
    for sentence in re.split(r"(?<=[.!?;])\s+", ". ".join([*prospect.signals, prospect.notes or ""]).lower()):
        runs.update(_internal_runs(sentence))
    pains, pains_lower = _profile_pains(profile)
    priorities = _priority_index(profile)
    angle_words = _angle_words(profile.industry, terms, sender.offer)
    sender_claim_re = _sender_claim_re(sender.company)
    record_tokens = tokens(record)
    ctx = LintContext(
        company=company,
        company_words=frozenset(tokens(company)) | frozenset(tokens(full or company)) if company else frozenset(),
        first_name=clean(prospect.first_name),
        sender_company=sender.company,
        sender_words=frozenset(tokens(sender.company)),
        offer=sender.offer,
        terms=terms,
        record_words=frozenset({stem(t) for t in record_tokens} | set(record_tokens)),
        record_lower=record_lower,
        negated_words=frozenset(negated),
        denied=denied,
        full_company=full,
        facts=facts,
        fact_lower=fact_text,
        persona=persona,
        function=_function_of(prospect.title or ""),
        owner_small=owner and (employees is None or employees <= 50),
        micro=employees is not None and employees <= 5,
        priorities=priorities,
        persona_names=persona_names,
        pains=pains,
        raw_title=clean(prospect.title),
        website=website,
        label_re=label_re,
        titled_re=titled_re,
        internal_runs=frozenset(runs),
        sender_claim_re=sender_claim_re,
        pains_lower=pains_lower,
        angle_words=angle_words,
    )
    # the sender's side: every field a `shared` entry is computed from (see `_SHARED_ONLY` and the checks that
    # read `ctx.shared`), so two contexts share a table only when each of those fields is equal
    side = (
        sender.company,
        frozenset(tokens(sender.company)),
        sender.offer,
        terms,
        priorities,
        pains_lower,
        angle_words,
        label_re,
        titled_re,
        sender_claim_re,
    )
    object.__setattr__(ctx, "shared", _shared_table(side))
    return ctx


@lru_cache(maxsize=16384)
def _internal_runs(sentence: str) -> tuple[str, ...]:
    """The four-word runs of a record's sentence (lower case) that holds an internal note, else none."""
    # a note that only says where we met ("Met at the ADA SmileCon;") holds nothing internal to leak: its event
    # may be named back ("Good to meet you at the ADA SmileCon.")
    if INTERNAL.search(sentence) and not re.fullmatch(r"\W*met (?:at|on) [^,;.()]{1,50}[;.]?\s*", sentence):
        words = re.findall(r"[\w'-]+", sentence)
        return tuple(" ".join(words[i : i + 4]) for i in range(len(words) - 3))
    return ()


_PAINS_CACHE: dict[int, tuple[AgentProfile, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]]] = {}


def _profile_pains(profile: AgentProfile) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The agent's pains (profile's, then each persona's, once each) and each lower-cased without its full stop;
    read once per profile object (the cache holds the object, like `_PRIORITY_CACHE`)."""
    hit = _PAINS_CACHE.get(id(profile))
    if hit is not None and hit[0] is profile:
        return hit[1]
    if len(_PAINS_CACHE) > 64:
        _PAINS_CACHE.clear()
    pains = tuple(dict.fromkeys([*profile.pain_points, *(p for pe in profile.personas for p in pe.pains)]))
    value = pains, tuple((p.lower().rstrip("."), p) for p in pains)
    _PAINS_CACHE[id(profile)] = (profile, value)
    return value


# One table per sender side (a campaign: one agent, one sender, many prospects), holding the key it was made for.
_SHARED: dict[tuple[object, ...], dict[object, object]] = {}


def _shared_table(side: tuple[object, ...]) -> dict[object, object]:
    table = _SHARED.get(side)
    if table is None:
        if len(_SHARED) >= 64:
            _SHARED.clear()
        table = _SHARED[side] = {}
    elif len(table) > 50_000:
        table.clear()
    return table


@lru_cache(maxsize=256)
def _label_res(persona_names: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The agent's persona labels as a pasted group ("executive (CEO/President/COO)s", any case) and as written."""
    slashed, titled = [], []
    for name in persona_names:
        if any(ch in name for ch in "/(&"):
            slashed += [re.escape(f) for f in _label_forms(name)]
            if " & " in name:
                head = name.lower().split(" & ")[0]
                slashed.append(rf"{re.escape(head)} & [\w-]+(?: [\w-]+)?s")
        titled += [re.escape(name + "s"), re.escape(name)]
    return (
        re.compile("|".join(slashed), re.IGNORECASE) if slashed else None,
        re.compile(r"(?<!^)\b(?:" + "|".join(titled) + r")\b") if titled else None,
    )


@lru_cache(maxsize=256)
def _sender_claim_re(sender_company: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(sender_company)}(?:'s)?\s+{_CLAIM_VERBS}\b(?P<rest>.*)$")


@lru_cache(maxsize=256)
def _angle_words(industry: str, terms: OfferTerms, offer: str) -> frozenset[str]:
    """The words a claim about the sender may use beyond the offer's own: the industry's segment, the number the
    work is judged on and how it runs (`CopyAngles`), each only when the offer is that kind of work."""
    from industry_agents.knowledge.copy_angles import ANGLES

    angles = ANGLES.get(industry)
    if angles is None:
        return frozenset()
    judged = words_of(angles.judged_on) if terms.relevant(angles.judged_on) else frozenset()
    how = (
        frozenset().union(*(words_of(h) for h in angles.how))
        if angles.how and re.search(angles.how_when, offer)
        else frozenset()
    )
    return words_of(angles.segment) | judged | how | (words_of("judge judged number") if judged else frozenset())


# --- sentence checks --------------------------------------------------------------------------------------

_LEAD_CUE = re.compile(
    r"\b(?:noticed|notice|stood out|caught my|saw|seen|came across|reading|read|looking|look at|about|news|update|"
    r"site|page|jumped out|attention|timely|note on|note for|quick one|stands out|spotted|learned|congrats)\b",
    re.IGNORECASE,
)
_SPLICE = re.compile(r"^(?P<lead>[^:—–]{3,120}?)(?::|\s[—–-]\s)\s*(?P<frag>[a-z][\w'-]*)\b(?P<rest>[^.!?]*)")


@lru_cache(maxsize=16384)
def _spliced(text: str) -> tuple[str, str] | None:
    """(the fragment's first word, the fragment) after a lead-in and a colon, read from the sentence alone."""
    m = _SPLICE.search(text)
    if not m or not _LEAD_CUE.search(m.group("lead")):
        return None
    return m.group("frag"), f"{m.group('frag')}{m.group('rest')}".strip()


def check_splice(text: str, ctx: LintContext | None) -> list[Finding]:
    spliced = _spliced(text)
    if spliced is None:
        return []
    frag, fragment = spliced
    after = fragment.lower()
    pasted = ctx is not None and any(len(after) > 12 and f.raw.lower().startswith(after[:40]) for f in ctx.facts)
    if pasted or verb_kind(frag) in ("gerund", "past") or frag in ("won", "hit", "grew", "raised", "hiring"):
        return [
            Finding(
                "splice",
                fragment,
                "a raw fact pasted after a lead-in, with no subject; write it as a sentence",
            )
        ]
    return []


_PLURAL_LABEL = re.compile(
    r"\b[\w-]+\s*\([\w/ ,&-]+\)s\b|\b[\w-]+(?: [\w-]+)?\s*/\s*[\w-]+(?: [\w-]+){0,3}?\s+(?:leaders|owners|executives|"
    r"managers|directors|principals|officers|heads|ceos|founders|partners|leads)\b|\b[\w-]+(?: [\w-]+)?\s*/\s*(?:ceos|"
    r"founders|owners|directors|leaders)\b",
    re.IGNORECASE,
)
_TITLED_LABEL = re.compile(
    r"(?<!^)(?<![.!?:]\s)\b(?:[A-Z][a-z]+(?:-[A-Za-z]+)? )+(?:Leaders?|Owners?|Executives?|Managers?|Directors?|"
    r"Principals?|Officers?)\b"
)


def _label_forms(name: str) -> list[str]:
    low = name.lower()
    base = [low]
    if not low.endswith("s"):
        base.append(low + "s")
    if "(" in low:
        base.append(low.replace(")", ")s"))
    return base


def _names(ctx: LintContext) -> tuple[str, ...]:
    """The company as the record registers it and as people say it: either may appear in a message."""
    return tuple(dict.fromkeys(n for n in (ctx.full_company, ctx.company) if n))


@lru_cache(maxsize=16384)
def _titled_labels(text: str) -> tuple[str, ...]:
    """Title-case role labels in `text` ("Casino Marketing Leaders"), remembered by text."""
    return tuple(m.group(0) for m in _TITLED_LABEL.finditer(text)) if _UPPER.search(text, 1) else ()


@lru_cache(maxsize=16384)
def _plural_labels(text: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _PLURAL_LABEL.finditer(text)) if ("/" in text or ")s" in text) else ()


def _persona_labels(text: str, ctx: LintContext) -> tuple[tuple[tuple[str, int], ...], tuple[str, ...]]:
    """The agent's persona labels in `text`: as a pasted group (with where each starts) and as written, read
    from the sentence and the sender side alone (remembered in `ctx.shared`)."""
    key = ("labels", text)
    hit = ctx.shared.get(key)
    if hit is not None:
        return hit  # type: ignore[return-value]
    grouped: tuple[tuple[str, int], ...] = ()
    if ctx.label_re is not None and any(ch in text for ch in "/(&"):
        grouped = tuple((m.group(0), m.start()) for m in ctx.label_re.finditer(text))
    titled = tuple(m.group(0) for m in ctx.titled_re.finditer(text)) if ctx.titled_re is not None else ()
    ctx.shared[key] = result = (grouped, titled)
    return result


def check_persona_plural(text: str, ctx: LintContext | None) -> list[Finding]:
    found: list[str] = list(_plural_labels(text))
    if ctx is not None:
        grouped, titled = _persona_labels(text, ctx)
        if grouped:
            spans = [(m.start(), m.end()) for n in _names(ctx) for m in re.finditer(re.escape(n), text)]
            found += [
                label for label, start in grouped if not any(a <= start < b for a, b in spans)
            ]  # "Sierra Lode Hotel & Casino" is a name
        found += titled
    for label in _titled_labels(text):
        if ctx is not None and (any(label in n for n in _names(ctx)) or label.lower() in ctx.record_lower):
            continue  # a name or a job title the record itself gives
        found.append(label)
    return [
        Finding("persona_plural", span, "a persona label pasted into the copy; name the role as people say it")
        for span in dict.fromkeys(found)
    ]


_AN_LETTERS = set("AEFHILMNORSX")
_COMPOUND = re.compile(
    r"(?:^|[,;:]\s+|\b(?:that|because|guess|think|why|so|and now)\s+)(?P<a>(?:[Tt]he |[Yy]our |[Aa]n? |[Ii]ts |[Oo]ur )?"
    r"[\w$%-]+(?: [\w$%-]+){0,3}) and (?P<b>(?:the |your |an? |its |their |our )?[\w$%-]+(?: [\w$%-]+){0,3}) "
    r"(?P<v>is|was|has|makes|means|needs|comes|keeps|seems|looks|goes|matters)\b"
)
_NOT_NOUN_START = frozenset(
    {
        "i",
        "we",
        "you",
        "they",
        "he",
        "she",
        "it",
        "this",
        "that",
        "what",
        "who",
        "which",
        "there",
        "here",
        "if",
        "when",
        "so",
        "but",
        "or",
        "and",
        "then",
        "also",
        "usually",
        "just",
        "now",
        "still",
        "each",
        "every",
    }
)
_NUM_WORD = r"(?:[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Tt]welve|[2-9]|\d{2,}(?:,\d{3})*)"
_NUMBER_NOUN = re.compile(
    rf"(?<![$€£.,\d])\b(?P<n>{_NUM_WORD})\s+(?P<adj>(?:new|more|open|other|old|older|"
    rf"commercial|major|key|local|past|full|existing|current|\w+-\w+)\s+)?(?P<w>[a-z]+)\b(?!-)"
)
_NUMBER_OK = frozenset(
    {
        "percent",
        "million",
        "billion",
        "thousand",
        "hundred",
        "sq",
        "ft",
        "to",
        "or",
        "and",
        "of",
        "in",
        "per",
        "times",
        "x",
        "years",
        "more",
        "out",
        "people",
        "staff",
        "data",
        "feet",
        "square",
        "series",
        "a",
        "the",
        "with",
        "at",
        "for",
        "by",
        "from",
        "on",
        "is",
        "are",
        "was",
        "were",
        "have",
        "has",
        "will",
        "would",
        "can",
        "still",
        "new",
        "already",
        "all",
        "each",
        "minutes",
        "days",
        "weeks",
        "months",
    }
)
_HEAD_FOLLOWERS = frozenset(
    {
        "in",
        "at",
        "for",
        "to",
        "and",
        "need",
        "needs",
        "is",
        "are",
        "share",
        "with",
        "of",
        "from",
        "have",
        "get",
        "start",
        "starts",
        "on",
        "by",
        "this",
        "that",
        "who",
        "which",
        "will",
        "would",
        "can",
        "was",
        "were",
    }
)


# "a is growing", "after is switching", "since is moving": a verb dropped after a word that needs a noun.
_BROKEN_BE = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Yy]our|[Ii]ts|[Tt]heir|[Oo]ur|after|since|before|during)\s+(?:is|are)\b|"
    r"\b(?:is|are) [a-z]+ing (?:is|are)\b|"  # "The Elm Street is building is 74% leased"
    r"\b[a-z]+s (?:up|down) (?:is|are)\b"  # "lapsed rated players up is about 22%"
)
# "your at the expo", "Summit Ridge's she wants", "your is": a possessive has to own a noun.
_POSSESSIVE_CLAUSE = re.compile(
    r"(?:\b[Yy]our|\b[Ii]ts|\b[Tt]heir|\b(?!(?:That|Here|There|It|What|Who|Where|How|Let|He|She|Now|Today)'s)[A-Z][\w&-]*'s)"
    r"\s+(?:or|and|but|at|in|on|for|with|by|from|to|of|she|he|they|we|it|is|are|was|were|has|"
    r"have|had|will|would|that|which|who|the|a|an|told|said|nearly|almost)\b"
)


def _is_head(text: str, end: int) -> bool:
    """Whether the word ending at `end` heads its phrase (nothing noun-like follows it)."""
    nxt = re.match(r"\s*([A-Za-z]+)", text[end:])
    return nxt is None or not text[end:].startswith(" ") or nxt.group(1).lower() in _HEAD_FOLLOWERS


_NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"})
_HAS_NUMBER = re.compile(
    r"\d|\b(?:[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Tt]welve)\b"
)


@lru_cache(maxsize=8192)
def _countable_singular(word: str) -> bool:
    if _INFLECT.singular_noun(word) is not False:
        return False
    plural = _INFLECT.plural_noun(word)
    return bool(plural) and plural != word


@lru_cache(maxsize=8192)
def _plural_noun(word: str) -> bool:
    return bool(_INFLECT.singular_noun(word))


_PLURAL_SUBJECT_WORDS = frozenset(
    {"gets", "needs", "has", "is", "wants", "makes", "means", "takes", "was", "does", "goes", "keeps"}
)
_PLURAL_SUBJECT = re.compile(
    r"\b(?P<s>patients|players|guests|residents|teams|reps|sdrs|clients|customers|offices|"
    r"units|rooms|you|they|we|practices|hotels|banks|leaders|managers|owners)\s+(?P<v>gets|"
    r"needs|has|is|wants|makes|means|takes|was|does|goes|keeps)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def _article_wrong(article: str, word: str) -> bool:
    art = article.lower()
    if word[0] in "$€£" or word[0].isdigit():
        return art != number_article(word)  # "an $18M Series B", "an 11,000-unit portfolio", "a 12% share"
    core = re.sub(r"[^A-Za-z-]", "", word)
    if not core:
        return False
    if core.isupper() and len(core) >= 2:
        return (art == "an") != (core[0] in _AN_LETTERS)
    if any(c.isupper() for c in core[1:]):
        return False  # RevPAR, iPhone: how it is said is not in the spelling
    wanted = _INFLECT.a(core.lower()).split(" ", 1)[0]
    return wanted != art


_RUNNING_IS = re.compile(
    r"\b(?:[Yy]our|[Tt]he|[Ii]ts|[Tt]heir|[Oo]ur)\s+(?:[\w-]+\s+){0,3}?[\w-]+\s+running\s+(?:is|are|was|were)\b"
)


def check_agreement(text: str, ctx: LintContext | None) -> list[Finding]:
    out: list[Finding] = []
    for m in _COMPOUND.finditer(text) if " and " in text else ():
        a_words = m.group("a").lower().split()
        first = a_words[0]
        if first in _NOT_NOUN_START or set(a_words) & {"with", "of", "for", "in", "at", "on", "to", "from", "by"}:
            continue
        if verb_kind(first) == "gerund":
            continue  # "Hiring five SDRs and their manager means...": the gerund is the subject
        out.append(
            Finding(
                "agreement",
                m.group(0).strip(" ,;:"),
                f'two subjects joined by "and" take a plural verb, not "{m.group("v")}"',
            )
        )
    for m in re.finditer(r"\b(a|an|A|An)\s+([$\w][\w$%.-]*)", text):
        if _article_wrong(m.group(1), m.group(2)):
            out.append(Finding("agreement", m.group(0), "wrong article"))
    for m in re.finditer(r"\b[A-Z][\w]*s's\b|\b\w+'s's\b", text) if "s's" in text else ():
        if m.group(0).lower() not in ("james's", "chris's", "charles's", "thomas's", "lucas's", "jones's"):
            out.append(
                Finding("agreement", m.group(0), "possessive of a plural-looking name: write it with ' alone")
            )
    m_be = _BROKEN_BE.search(text) if (" is " in text or " are " in text) else None
    if m_be:
        out.append(Finding("agreement", m_be.group(0), "a verb spliced after an article or a conjunction"))
    m_run = _RUNNING_IS.search(text) if " running " in text else None
    if m_run and not any(
        verb_kind(w) == "gerund" for w in re.findall(r"[a-z]+ing\b", text[: m_run.start()].lower())
    ):
        # "your no-show rate running is about 14%": "is running at" or "is", never "running is" (unless a gerund
        # leads: "Keeping the plant running is ...")
        out.append(Finding("agreement", m_run.group(0), 'a measure "running is": write "is running at" or "is"'))
    m_pos = _POSSESSIVE_CLAUSE.search(text)
    if m_pos:
        out.append(Finding("agreement", m_pos.group(0), "a possessive followed by a clause, not a noun"))
    has_number = bool(_DIGIT.search(text)) or not _NUMBER_WORDS.isdisjoint(text.lower().split())
    for m in _NUMBER_NOUN.finditer(text) if has_number else ():
        word = m.group("w").lower()
        if word in _NUMBER_OK or word.endswith("s") or len(word) < 3 or word in GENERIC:
            continue
        if not _is_head(text, m.end()) or re.fullmatch(r"(?:19|20)\d\d", m.group("n")):
            continue
        if re.search(r"(?:ed|tten|ken|ven|own)$", word):
            continue  # "14 months versus 9 underwritten": a participle, not a noun
        if not _countable_singular(word):
            continue
        if re.match(r"\s+(?:and|or)\s+(?:[\w-]+\s+){0,2}[a-z][\w-]*s\b", text[m.end() :]):
            continue  # "27 branded and independent hotels": coordinated modifiers before one plural head
        if re.search(r"\b[A-Z][a-z]+\s+$", text[: m.start("n")]) and (
            m.group("n")[:1].isupper() or re.search(r"\b(?:an?|the)\s+(?:[A-Z][\w.]*\s+)+$", text[: m.start("n")])
        ):
            continue  # "a Big Four firm", "an Am Law 50 firm", "a Fortune 500 company": a number in a name
        if re.search(r"\b[A-Z]{2,}\s*$", text[: m.start("n")]):
            continue  # "IATF 16949 certification", "ISO 9001 audit": a standard's number is its name
        if True:
            out.append(Finding("agreement", m.group(0), "a number above one needs a plural noun"))
    for m in (
        re.finditer(rf"\bthere(?: is|'s) (?:{_NUM_WORD}|several|many)\b", text, re.IGNORECASE)
        if "here" in text
        else ()
    ):
        out.append(Finding("agreement", m.group(0), '"there are" with a plural'))
    for m in re.finditer(r"\beach of [\w' ]+? (need|have|are|want|do)\b", text, re.IGNORECASE):
        out.append(Finding("agreement", m.group(0), '"each of" takes a singular verb'))
    lowered_words = set(re.findall(r"[a-z]+", text.lower()))
    for m in _PLURAL_SUBJECT.finditer(text) if not _PLURAL_SUBJECT_WORDS.isdisjoint(lowered_words) else ():
        subject = m.group("s").lower()
        before = text[: m.start()].split()
        if m.group("s")[0].isupper() and before and (before[-1] == "&" or before[-1][:1].isupper()):
            continue  # "Marble & Oak Hotels is hiring": the last word of a name, one company
        clause = re.split(r"[,;:]\s*", text[: m.start()])[-1].lower().split()
        if subject not in ("you", "they", "we"):
            if set(clause[-4:]) & {"of", "for", "to", "with", "on", "from", "in", "at", "by", "about"}:
                continue
            if any(verb_kind(w) == "gerund" for w in clause[-4:]):
                continue  # "Ramping five new SDRs takes...": the gerund is the subject
        out.append(Finding("agreement", m.group(0), "a plural subject takes a plural verb"))
    for m in re.finditer(r"\b[Aa] (\d+[\w-]*-\w+) (\w+s)\b", text) if has_number else ():
        if _plural_noun(m.group(2)):
            out.append(Finding("agreement", m.group(0), '"a" with a plural noun'))
    for m in re.finditer(r"\b(?:these|those) ([a-z]+)\b(?: ([a-z]+)\b)?", text, re.IGNORECASE):
        w = m.group(1).lower()
        if m.group(2) and _plural_noun(m.group(2).lower()):
            continue  # "those empty slots": the word after "those" describes the plural noun
        if (
            not w.endswith("s")
            and w
            not in (
                "new",
                "two",
                "three",
                "past",
                "same",
                "other",
                "first",
                "last",
                "few",
                "data",
                "people",
                "staff",
                "kinds",
                "sorts",
            )
            and len(w) > 3
            and _countable_singular(w)
        ):
            out.append(
                Finding("agreement", f"{m.group(0).split()[0]} {m.group(1)}", '"these" with a singular noun')
            )
    return out


_ROLE_SLOT = re.compile(
    r"(?:\b[Aa]s|\b[Rr]ole as|[Yy]ou're(?: the)?|\b[Aa]s the)\s+(?P<role>[A-Z][^.?!]{1,80}?)"
    r"(?=,\s+(?:you|[a-z])|\s+at\s+[A-Z]|\s+puts|\s+you\b|[.?!]|,\s*(?:so|the|new|direct|[a-z]))"
)
_TITLE_JUNK = re.compile(
    r"\||\b(?:Sr|Dir|Mgr|Mng|Mgmt|Mktg|Comm|Exec|Svcs|Dev|Ops)\b\.?|\b(?:DDS|DMD|MBA|CPA|MD|PhD)"
    r"\b\s*\||[A-Z][\w.]* &|\(\w[^)]*\)|^[A-Z]{2,5}, [A-Z]|\b(?:VP|SVP|EVP|AVP),\s|/\s*[A-Z]"
)


@lru_cache(maxsize=16384)
def _raw_roles(text: str) -> tuple[bool, tuple[str, ...]]:
    """Whether `text` has a role slot's cue ("as ", "you're"), and the roles in its slots that read as a stored
    title, in order (from the sentence alone: remembered by text)."""
    cue = any(k in text for k in ("As ", "as ", "ole as", "ou're"))
    roles = tuple(
        role
        for m in _ROLE_SLOT.finditer(text)
        if _TITLE_JUNK.search(role := m.group("role")) or re.match(r"^[A-Z][\w.]*(?: [A-Z][\w.]*)*, [A-Z]", role)
    )
    return cue, roles


def check_raw_title(text: str, ctx: LintContext | None) -> list[Finding]:
    out: list[Finding] = []
    cue, roles = _raw_roles(text)
    if "|" not in text and not cue and not (ctx is not None and ctx.raw_title and ctx.raw_title in text):
        return out
    if "|" in text:
        i = text.index("|")
        out.append(
            Finding("raw_title", text[max(0, i - 25) : i + 20].strip(), "a stored title pasted into the copy")
        )
        return out
    for role in roles:
        if ctx is not None and any(role.startswith(n) for n in _names(ctx)):
            continue
        out.append(
            Finding(
                "raw_title",
                role,
                'a stored title pasted into the copy; refer to the role as people say it ("as head of sales")',
            )
        )
    if ctx is not None and ctx.raw_title and re.search(r"[|,/&().]", ctx.raw_title) and ctx.raw_title in text:
        out.append(Finding("raw_title", ctx.raw_title, "the prospect's stored title pasted as-is"))
    return list({f.span: f for f in out}.values())


_CITE_PAREN = re.compile(
    r"\((?:[^()]*?(?:source|via\b|per\b|techcrunch|crunchbase|linkedin|apollo|zoominfo|clay\b|builtwith|indeed|"
    r"glassdoor|\bg2\b|pitchbook|similarweb|press release|podcast|news\b|journal|review-journal|bloomberg|reuters|"
    r"forbes|\bwsj\b|\bago\b|last (?:week|month|year)|yesterday|our research|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b(?:january|february|march|april|june|july|august|september|october|"
    r"november|december)\b)[^()]*)\)",
    re.IGNORECASE,
)
_CITE_BRACKET = re.compile(r"\[(?:source|\d+|via|ref)[^\]]*\]", re.IGNORECASE)
_CITE_LEAD = re.compile(  # matched on the lower-cased text
    r"(?:^|\b)(?:posted on linkedin that|per (?:crunchbase|linkedin|apollo|zoominfo|clay|our|your job postings|the "
    r"crm|g2|pitchbook)|according to (?:our|the crm|crunchbase|linkedin|apollo|zoominfo)|clay enrichment|scraped "
    r"from|our (?:data|research|notes|crm|records|research notes) (?:show|shows|say|says|suggest)|internal note|notes "
    r"say|research notes say|enrichment (?:data|says))",
)
_CITE_INTERNAL = re.compile(
    r"\b(?:tier [1-4] (?:account|prospect|lead)|lead score|our scoring|icp fit|flagged as|disqualified|not a fit|"
    r"dq'd|no b2b sales motion|pre-seed|in our crm)\b",
)


# a source credited at the end or start of a sentence: "..., per the maintenance lead.", "On the Q2 call, ..."
_CITE_TRAIL = re.compile(
    r",?\s+per\s+(?:the|their|its|our|your|an?)\s+[\w -]{2,40}[.!?]?$|"
    r",?\s+(?:on|in|during)\s+(?:the|their|its|an?)\s+(?:q[1-4]|earnings|investor|analyst|quarterly)[\w -]{0,20}?"
    r"\bcall[.!?]?$|^(?:on|in|during)\s+(?:the|their|its|an?)\s+(?:q[1-4]|earnings|investor|analyst|quarterly)"
    r"[\w -]{0,20}?\bcall\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=16384)
def _citations_in(text: str) -> tuple[str, ...]:
    """The provenance `text` itself shows (no context needed: remembered by text)."""
    found = [m.group(0) for m in _CITE_PAREN.finditer(text)] if "(" in text else []
    if "[" in text:
        found += [m.group(0) for m in _CITE_BRACKET.finditer(text)]
    low = text.lower()
    found += [m.group(0) for m in _CITE_LEAD.finditer(low)]
    if any(a in low for a in ("tier", "score", "icp", "flagged", "disqualif", "fit", "dq", "b2b", "seed", "crm")):
        found += [m.group(0) for m in _CITE_INTERNAL.finditer(low)]
    found += [m.group(0) for m in _CITE_TRAIL.finditer(text)]
    return tuple(found)


@lru_cache(maxsize=16384)
def _word_runs(text: str) -> tuple[str, ...]:
    """Every run of four words of `text`, lower-cased, in order."""
    words = re.findall(r"[\w'-]+", text.lower())
    return tuple(" ".join(words[i : i + 4]) for i in range(len(words) - 3))


def check_leaked_citation(text: str, ctx: LintContext | None) -> list[Finding]:
    found = list(_citations_in(text))
    if ctx is not None and ctx.internal_runs:
        runs = _word_runs(text)
        if not ctx.internal_runs.isdisjoint(runs):
            found.append(next(run for run in runs if run in ctx.internal_runs))
    return [
        Finding("leaked_citation", span, "provenance or an internal note quoted to the prospect")
        for span in dict.fromkeys(found)
    ]


# Claims about the sender: "we run ...", "<Sender> helps ...", "the goal is ...".
_CLAIM_VERBS = (
    r"(?:help|helps|run|runs|build|builds|design|designs|improve|improves|grow|grows|cut|cuts|lower|lowers|"
    r"fill|fills|ramp|ramps|manage|manage|manages|get|gets|recruit|recruits|prepare|prepares|book|books|win|"
    r"wins|reduce|reduces|increase|increases|boost|boosts|drive|drives|deliver|delivers|provide|provides|"
    r"offer|offers|specialize|specialise|specializes|focus|focuses|make|makes|sell|sells|handle|handles|"
    r"bring|brings|turn|turns|create|creates|generate|generates|open|opens)"
)
# "a note on how we handle provincial ad rules" answers their question; it claims nothing
_CLAIM_WE = re.compile(
    rf"(?<!\bhow )(?<!\bwhether )\b(?:we|We)(?:'ll| can| also| only| mostly)?\s+{_CLAIM_VERBS}\b(?P<rest>.*)$"
)
_CLAIM_GOAL = re.compile(
    r"(?:the goal is simple|the outcome we aim for is|the point of our [^,]+ is|built to|comes "
    r"in)[:,]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_CLAIM_FILLER = frozenset(
    {
        "team",
        "teams",
        "like",
        "your",
        "yours",
        "mostly",
        "through",
        "also",
        "help",
        "helps",
        "company",
        "companies",
        "simple",
        "goal",
        "aim",
        "outcome",
        "point",
        "faster",
        "better",
        "more",
        "less",
        "new",
        "way",
        "work",
        "run",
        "runs",
        "client",
        "clients",
        "customer",
        "customers",
        "judge",
        "judged",
        "number",
        "one",
    }
)


def check_off_offer(text: str, ctx: LintContext | None) -> list[Finding]:
    if ctx is None or text.rstrip().endswith("?"):
        return []
    read = _offer_claim(text, ctx)
    if read is None:
        return []
    claim, words = read
    words -= ctx.company_words
    if len(words - ctx.angle_words) < 2 or (words & ctx.terms.expanded) - WEAK:
        return []
    return [Finding("off_offer", claim.strip(" .,:;"), f'a claim the offer ("{ctx.offer}") does not make')]


def _offer_claim(text: str, ctx: LintContext) -> tuple[str, frozenset[str]] | None:
    """The claim `text` makes about the sender, and its words less the offer's, the sender's name, filler and the
    offer's audience: read from the sentence and the sender side alone (remembered in `ctx.shared`)."""
    key = ("offer_claim", text)
    if key in ctx.shared:
        return ctx.shared[key]  # type: ignore[return-value]
    claim = None
    has_sender = ctx.sender_company in text
    m = _CLAIM_WE.search(text) if ("we " in text or "We " in text or "we'" in text) else None
    if m:
        claim = m.group("rest")
    else:
        m2 = ctx.sender_claim_re.search(text) if has_sender and ctx.sender_claim_re is not None else None
        if m2:
            claim = m2.group("rest")
        else:
            m3 = (
                _CLAIM_GOAL.search(text)
                if ("goal" in text or "aim" in text or "point" in text or "built to" in text or "comes in" in text)
                else None
            )
            if m3 and (ctx.offer.lower() in text.lower() or has_sender or "we" in text.lower()):
                claim = m3.group("rest")
    read = None
    if claim is not None:
        read = claim, words_of(claim) - words_of(ctx.offer) - ctx.sender_words - _CLAIM_FILLER - ctx.terms.audience
    ctx.shared[key] = read
    return read


_PAIN_FRAME = re.compile(
    r"(?:tell me(?! (?:if|whether|when|what|how|why|more|so)\b)(?: the same thing)?:?|keeps coming up:?|I hear (?:most|often|a lot)(?: from [^:]+)?:?|(?:issue|problem|"
    r"pattern|complaint) I hear(?: most)?(?: from [^:]+)?:?|what tends to get in the way:?|the catch is(?: usually)?"
    r"(?: that)?)\s*(?P<pain>.+)$",
    re.IGNORECASE,
)


_PAIN_KEYS = ("tell me", "coming up", "hear", "in the way", "catch is")


def check_unrelated_pain(text: str, ctx: LintContext | None) -> list[Finding]:
    if ctx is None:
        return []
    pain: str | None = None
    low = text.lower()
    m = _PAIN_FRAME.search(text) if any(k in low for k in _PAIN_KEYS) else None
    if m:
        pain = m.group("pain")
    else:
        for candidate_low, candidate in ctx.pains_lower:
            if candidate_low in low:
                pain = candidate
                break
    if pain is None:
        return []
    words = words_of(pain) - {"hard", "same", "thing", "issue", "keep", "keeps", "time"}
    if not words or (words & ctx.terms.expanded) - WEAK:
        return []
    return [Finding("unrelated_pain", pain.strip(" ."), "a pain the offer does nothing about")]


_TYPE_CLAIMS = (
    re.compile(r"kind of (?P<t>[\w&/ -]+?) (?:we|that we|I)\b", re.IGNORECASE),
    re.compile(r"^(?:As|For) an? (?P<t>[\w&/ -]+?)(?: like [A-Z][\w ]+)?, (?P<co>[A-Z][\w' ]+)"),
    re.compile(r"(?:^|[Ff]or an? )(?P<t>[A-Za-z][\w&/ -]+?)s? like (?P<co>[A-Z][\w' ]+)"),
    re.compile(r"(?P<co>[A-Z][\w' ]+?), as an? (?P<t>[\w&/ -]+?),"),
)


def check_wrong_company_type(text: str, ctx: LintContext | None) -> list[Finding]:
    if ctx is None or not ctx.company:
        return []
    if not _type_claim_cue(text):
        return []  # none of `_TYPE_CLAIMS` can match
    out: list[Finding] = []
    for pattern in _TYPE_CLAIMS:
        for m in pattern.finditer(text):
            co = m.groupdict().get("co")
            if co is not None:
                co_words = set(tokens(co))
                if not co_words or not (co_words & ctx.company_words) or co_words <= {"you", "your"}:
                    continue
            claimed = re.split(r"\s+(?:with|that|in|like|who|which)\s+", m.group("t"))[0]
            claimed = re.sub(r"^(?:[Ff]or|[Aa]s) an? ", "", claimed)  # the frame is not part of the type
            words = [w for w in tokens(claimed) if w not in _TYPE_SOFT and w not in _TYPE_GENERIC and len(w) > 1]
            words = [w for w in words if w not in ("a", "an", "the")]
            if not words:
                continue
            missing = []
            for w in words:
                base = stem(w)
                forms = {w, base, *_TYPE_SYNONYMS.get(base, ()), *_TYPE_SYNONYMS.get(w, ())}
                present = any(f in ctx.record_words for f in forms)
                if not present or base in ctx.negated_words or w in ctx.negated_words:
                    missing.append(w)
            if missing:
                out.append(
                    Finding(
                        "wrong_company_type",
                        claimed.strip(),
                        f"the record does not say the company is a {claimed.strip()}",
                    )
                )
    return list({f.span: f for f in out}.values())


def _priorities_in(text: str, ctx: LintContext) -> tuple[tuple[str, frozenset[str], str, bool], ...]:
    """The agent's priority phrases `text` names (each at its first place, none inside a longer one), with whether
    the offer speaks to it: read from the sentence and the sender side alone, remembered in `ctx.shared`."""
    key = ("priorities", text)
    hit = ctx.shared.get(key)
    if hit is not None:
        return hit  # type: ignore[return-value]
    low = text.lower()
    found: list[tuple[str, frozenset[str], str, bool]] = []
    taken: list[tuple[int, int]] = []
    for phrase, owners, seniority in ctx.priorities:
        i = low.find(phrase)
        if i < 0 or any(a <= i < b for a, b in taken):
            continue
        taken.append((i, i + len(phrase)))
        found.append((phrase, owners, seniority, bool(ctx.terms.overlap(phrase) - WEAK)))
    ctx.shared[key] = result = tuple(found)
    return result


def check_wrong_persona_metric(text: str, ctx: LintContext | None) -> list[Finding]:
    if ctx is None:
        return []
    out: list[Finding] = []
    for phrase, owners, seniority, offer_true in _priorities_in(text, ctx):
        if offer_true and not ctx.micro:
            continue
        mine = ctx.persona is not None and ctx.persona.name in owners
        if mine and not ctx.micro:
            continue
        if ctx.owner_small and not ctx.micro and seniority != "c_level":
            continue
        out.append(
            Finding(
                "wrong_persona_metric", phrase, "another persona's metric, or one this company is too small for"
            )
        )
    return out


_EVENT_CUE = re.compile(
    r"\b(?:congrats|congratulations)(?: again)? on (?P<a>[^.!?;]+)|\b(?:saw|noticed|heard|read|great to see)(?: that)?"
    r"(?: the news about| about| the)? (?P<b>[^.!?;]+)",
    re.IGNORECASE,
)
_EVENT_GROUPS: dict[str, tuple[str, ...]] = {
    "acquire": ("acquisition", "acquire", "acquired", "acquiring", "bought", "buyout"),
    "merge": ("merger", "merge", "merged", "merging"),
    "raise": ("series", "funding", "round", "raise", "raised", "raising", "fund", "investment", "seed"),
    "ipo": ("ipo", "public listing", "went public"),
    "expand": ("expansion", "expand", "expanded", "expanding"),
    "launch": ("launch", "launched", "launching", "relaunch", "relaunched", "debut", "rollout"),
    "open": ("opening", "openings", "open", "opened", "office", "location", "branch", "new unit", "new store"),
    "rebrand": ("rebrand", "rebranded", "rebranding", "new name"),
    "hire": ("hiring", "hire", "hired", "new general manager", "new cfo", "new ceo", "head of", "new gm"),
    "role": ("new role", "promotion", "promoted", "new job", "joined"),
    "award": ("award", "awarded", "recognition", "ranked", "named one of"),
    "renovate": ("renovation", "renovated", "remodel", "refurbish"),
    "move": ("move to", "moved", "migration", "migrated", "switch to", "relocation", "relocated"),
    "win": ("contract", "won", "win", "deal"),
    "anniversary": ("anniversary",),
}
_FACT_GROUP_WORDS: dict[str, tuple[str, ...]] = {
    "open": ("open", "opened", "opening", "openings", "new office", "new location", "new branch"),
    # and in the record's own language ("overstap naar Shopify Plus", "Wechsel von Shopware auf Shopify Plus")
    "move": (
        "migrated",
        "moved",
        "migration",
        "switched",
        "relocated",
        "move",
        "overstap",
        "wechsel",
        "umstieg",
        "migración",
        "passage à",
    ),
    # a job ad in German, French, Spanish or Dutch ("Sucht 2 Instandhaltungstechniker") is a hire too
    "hire": (
        "hiring",
        "hired",
        "hire",
        "recruiting",
        "adding",
        "appointed",
        "appoints",
        "named",
        "sucht",
        "suchen",
        "recrute",
        "busca",
        "zoekt",
    ),
    "role": ("joined", "promoted", "new role", "appointed"),
    # an honour the record names without the word "award" ("Tripadvisor Travelers' Choice 2026")
    "award": (
        "award",
        "recogni",
        "ranked",
        "named one of",
        "named to",
        "travelers' choice",
        "best of",
        "40 under 40",
        "product of the day",
    ),
}


def check_ungrounded_event(text: str, ctx: LintContext | None) -> list[Finding]:
    if ctx is None:
        return []
    out: list[Finding] = []
    for claim, low, groups, specifics, unaddressed in _event_claims(text):
        facts = ctx.fact_lower
        grounded = False
        for g in groups:
            words = _FACT_GROUP_WORDS.get(g, _EVENT_GROUPS[g])
            if any(re.search(rf"\b{re.escape(w)}", facts) for w in words):
                grounded = True
        for word in specifics:
            # a month is grounded by its abbreviation ("soft launch Feb 2027" grounds "February 2027")
            short = word.lower()[:3] if re.fullmatch(MONTH, word) else word.lower()
            if short not in ctx.record_lower and not any(word in n for n in _names(ctx)):
                grounded = False
        if unaddressed and not any(w in low for w in (*(n.lower() for n in _names(ctx)), *ctx.company_words)):
            continue  # "saw a lot of ..." is not an event claim about the prospect
        if not grounded:
            out.append(Finding("ungrounded_event", claim, "an event nothing in the record mentions"))
    return out


@lru_cache(maxsize=16384)
def _event_claims(text: str) -> tuple[tuple[str, str, tuple[str, ...], tuple[str, ...], bool], ...]:
    """The event claims `text` makes, read from the sentence alone (remembered by text): each claim, lower-cased,
    its event groups, the specifics a record must ground (names, figures; not acronyms), and whether it is a
    "saw ..." that addresses nobody ("you", "their", "the") in its first words."""
    low_text = text.lower()
    if not any(k in low_text for k in ("congrat", "saw", "notic", "heard", "read", "great to see")):
        return ()
    out = []
    for m in _EVENT_CUE.finditer(text):
        claim = (m.group("a") or m.group("b") or "").strip()
        low = claim.lower()
        groups = tuple(
            g for g, words in _EVENT_GROUPS.items() if any(re.search(rf"\b{re.escape(w)}\b", low) for w in words)
        )
        if not groups:
            continue
        specifics = [
            w
            for w in re.findall(r"\b(?:[A-Z][\w-]+|\d[\w$%.,-]*|Series [A-Z])\b", claim)
            if w.lower() not in ("i", "congrats", "saw", "series")
        ]
        specifics += re.findall(r"\bSeries [A-Z]\b", claim)
        specifics = [w for w in specifics if not (sum(c.isupper() for c in w) >= 2 and not w.startswith("Series"))]
        unaddressed = m.group("b") is not None and not re.search(r"\b(?:you|your|they|their|the)\b", low[:40])
        out.append((claim, low, groups, tuple(specifics), unaddressed))
    return tuple(out)


_STOCK = re.compile(
    r"hope (?:this|you|all)\b[^.!?]*\b(?:well|great|good)|\bjust (?:checking|following|wanted|circling|bumping)\b|"
    r"circling back|touch(?:ing)? base|pick your brain|per my last|did you (?:get a chance|see my)|sorry to bother|"
    r"reach(?:ing)? out (?:and|to) introduce|bumping (?:this|my)|top of your inbox|got buried|slipped through|"
    r"one more thought|(?:i know|since) (?:you're|you are|things get|your inbox is) (?:busy|full)|keep this "
    r"(?:short|brief|one short)|one last time before|close (?:your|the) file|any thoughts on my|small gains per person|"
    r"looks like exactly the kind of team|stood out as a good fit|timing of this note may be useful|before i let this "
    r"rest|i'll stop here so i don't|one question i get a lot|a fair question after my last note|following up with one "
    r"idea|a quick follow-up (?:with|on)|a quick nudge|i haven't heard back|the goal is simple|that's where [\w ]+ "
    r"comes in|rather than make promises|one issue keeps coming up|tell me the same thing|the pattern i hear most|"
    r"following up (?:on|in case)|wanted to follow up|(?:following|follow) up on my (?:previous|last)|my (?:last|previous) "
    r"(?:email|note)\b|in case (?:it|my)[\w ]* (?:buried|missed)|this is my last note",
)


_STOCK_ANCHORS = (
    "hope",
    "just ",
    "circling",
    "touch",
    "brain",
    "per my",
    "did you",
    "sorry",
    "introduce",
    "bumping",
    "inbox",
    "buried",
    "slipped",
    "one more",
    "busy",
    "full",
    "keep this",
    "last time",
    "file",
    "thoughts",
    "small gains",
    "kind of team",
    "good fit",
    "timing of",
    "let this",
    "stop here",
    "question i get",
    "after my last",
    "one idea",
    "quick follow",
    "nudge",
    "heard back",
    "goal is",
    "comes in",
    "promises",
    "coming up",
    "same thing",
    "i hear most",
    "follow",
    "my last",
    "my previous",
    "in case",
    "last note",
)


def check_template_repetition(text: str, ctx: LintContext | None) -> list[Finding]:
    low = text.lower()
    if not any(a in low for a in _STOCK_ANCHORS):
        return []
    return [
        Finding("template_repetition", m.group(0), "stock filler a reader has seen a hundred times")
        for m in _STOCK.finditer(low)
    ]


# --- the "so what" pasted from the offer, canned pains and guessed metrics, promises the offer does not make ---

_BRIDGE = re.compile(
    r"\bthe kind of number\b[^.?!]*\bis meant to move\b|\bis the lever i'd look at first\b|\ba good reason to start\b"
    r"[^.?!]*\bnow rather than later\b|\bfor exactly that\.|\bis usually the most direct way to move that number\b|"
    r"\bthat's usually the moment when\b[^.?!]*\bpays off fastest\b|\bthat's usually where\b[^.?!]*\bmakes the "
    r"biggest difference\b|\b(?:is|are) one of the cheaper ways to get there\b|\bwhich is where\b[^.?!]*\b(?:starts|helps)\b|"
    r"\btends to slip down the list\b|\bto the back of the queue\b|\bis worth a look\b|\bwhile the (?:news|upgrade) "
    r"is (?:still )?(?:fresh|news)\b|\bthat's the work [^.?!]* does, with\b"
)
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'-]*")


def _offer_runs(offer: str, n: int = 4) -> frozenset[tuple[str, ...]]:
    words = _TOKEN.findall(offer.lower())
    return frozenset(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


@lru_cache(maxsize=256)
def _long_words(name: str) -> frozenset[str]:
    return frozenset(w for w in _TOKEN.findall(name.lower()) if len(w) > 3)


@lru_cache(maxsize=256)
def _offer_stems(offer: str) -> tuple[frozenset[tuple[str, ...]], frozenset[str], frozenset[str]]:
    """The offer's 4-word runs by 5-letter stems, its words, and their 3-letter stems."""
    words = frozenset(_TOKEN.findall(offer.lower()))
    runs = frozenset(tuple(r[:5] for r in run) for run in _offer_runs(offer))
    return runs, words, frozenset(w[:3] for w in words)


@lru_cache(maxsize=16384)
def _offer_reading(text: str) -> tuple[str | None, tuple[str, ...], bool, tuple[str, ...]]:
    """What `check_offer_restated` reads in the sentence alone (remembered by text): a stock bridge, the words,
    whether the sentence is the sender's own claim ("we ...", "I work ..."), and the words' 5-letter stems."""
    low = text.lower()
    m = _BRIDGE.search(low)
    words = tuple(_TOKEN.findall(low))
    claimed = re.search(r"\bwe(?:'d|'ll)?\b|\bi (?:work|spend|run|build)\b", low) is not None
    return (m.group(0) if m else None), words, claimed, tuple(w[:5] for w in words)


def check_offer_restated(text: str, ctx: LintContext | None) -> list[Finding]:
    """A stock bridge that pastes the offer's words where the fact's "so what" should be, or any sentence that
    repeats four words of the offer without being the one line that claims it (naming the sender)."""
    bridge, words, claimed, stems = _offer_reading(text)
    if bridge is not None:
        return [Finding("offer_restated", bridge, 'a stock bridge in place of the fact\'s own "so what"')]
    sender = _long_words(ctx.sender_company) if ctx is not None else frozenset()
    if ctx is None or sender & set(words) or claimed:
        return []
    runs, offer_words, offer_stems = _offer_stems(ctx.offer)
    for i in range(len(stems) - 3):
        if tuple(stems[i : i + 4]) in runs:
            if not text.rstrip().endswith("?") and any(
                w.endswith("ing") and w[:3] in offer_stems and w not in offer_words
                for w in words[max(0, i - 4) : i + 2]
            ):
                continue  # the offer's outcome said as an activity in a "so what" ("winning back lapsed ...")
            return [
                Finding(
                    "offer_restated",
                    " ".join(words[i : i + 4]),
                    "the offer's wording repeated outside the one line that claims it",
                )
            ]
    return []


_CANNED_PAIN = re.compile(
    r"\boften the harder part is that\b|\bmost teams i talk to say\b|\bi'd guess\b[^.?!]*\b(?:one of|among) the numbers "
    r"you answer for\b|\byou probably have\b[^.?!]*\bon your list\b|\ba lot of [\w ]{3,40} leaders tell me\b|"
    r"\bin conversations with [^,]{3,60}, one issue\b"
)


def check_canned_pain(text: str, ctx: LintContext | None) -> list[Finding]:
    """A pain or a metric guessed for the persona instead of read from the record."""
    low = text.lower()
    if not any(
        k in low for k in ("harder part", "talk to say", "i'd guess", "probably have", "tell me", "one issue")
    ):
        return []
    return [
        Finding("canned_pain", m.group(0), "a guessed pain or metric, not something the record says")
        for m in _CANNED_PAIN.finditer(low)
    ]


_PROMISE = re.compile(
    r"\bsees? every reply\b|\bwithout your sign-off\b|\bno long commitment\b|\breport against it every\b|"
    r"\bapprove every message\b|\bwithout adding work for your team\b|\bevery two weeks\b"
)
_VALUE_FRAME = re.compile(
    r"^(?:in practice that means|the point is|for [^,]{2,60}, that would mean|what you'd get is|the result we work toward "
    r"is)\s+(?P<claim>.+?)\.?$"
)
_VALUE_FILLER = frozenset({"without", "more", "less", "team", "your", "work", "adding", "not", "faster", "better"})


# A topic the record denies ("not planning any expansion", "Not hiring", "no funding news"): the negation and,
# within a few words, what it denies; and the wordings that would claim that topic anyway.
_DENIAL = re.compile(
    r"\b(?:not|no|never|isn't|aren't|won't|without|none|nothing|zero)\b(?P<what>(?:\W+\w[\w'-]*){1,5})",
    re.IGNORECASE,
)
_DENIED_TOPICS: dict[str, re.Pattern[str]] = {
    "expansion": re.compile(
        r"\b(?:expan\w*|grow(?:ing|th)|new (?:locations?|sites?|buildings?|propert\w+|deliver\w*|offices?|clinics?|"
        r"stores?|hotels?|units|rooms|floors|branch\w*)|deliveries|openings?|acquisitions?|lease-ups?|development)\b"
    ),
    "hiring": re.compile(r"\b(?:hir(?:e|es|ed|ing)|recruit\w*|headcount)\b"),
    "funding": re.compile(r"\b(?:fund(?:ing|raise)|rais(?:e|ed|ing)|round)\b"),
}
_TOPIC_CLAIMS: dict[str, re.Pattern[str]] = {
    "expansion": re.compile(
        r"\bnew (?:rooms|floors|buildings?|locations?|sites?|offices?|clinics?|stores?|hotels?|units|properties|"
        r"branch(?:es)?|towers?|wings?)\b|\b(?:next|new|upcoming) (?:opening|expansion)\b|\blease-ups?\b|\bexpansion\b|"
        r"\byour (?:growth|expansion) plans?\b",
        re.IGNORECASE,
    ),
    "hiring": re.compile(
        r"\b(?:hiring|new hires|recruiting|(?:is|are|being|get) hired|(?:new|more) (?:SDRs|reps|staff))\b|"
        r"\bthe in-house team is hired\b",
        re.IGNORECASE,
    ),
    "funding": re.compile(r"\b(?:the|your|new) (?:raise|round|funding)\b|\bpost-raise\b", re.IGNORECASE),
}


_SAID_DENIED = re.compile(r"\b(?:[Nn]o|[Nn]ot|[Ww]ithout|[Nn]ever)\s+(?:any\s+|more\s+)?$")


def denied_topics(texts: list[str]) -> frozenset[str]:
    """The topics a record says are not happening, from its signals and notes."""
    out: set[str] = set()
    for text in texts:
        for m in _DENIAL.finditer(text or ""):
            what = m.group("what").lower()
            out.update(t for t, rx in _DENIED_TOPICS.items() if rx.search(what))
    return frozenset(out)


@lru_cache(maxsize=16384)
def _claims_in(text: str) -> tuple[tuple[str, ...], str | None]:
    """The promises and the value claim a sentence makes, read from it alone (remembered by text)."""
    low = text.lower()
    frame = _VALUE_FRAME.match(low)
    return tuple(p.group(0) for p in _PROMISE.finditer(low)), (frame.group("claim") if frame else None)


@lru_cache(maxsize=16384)
def _beyond_offer(value_claim: str, offer: str) -> frozenset[str]:
    """The words of a value claim the offer does not say (by 5-letter stem), less filler."""
    stems = {w[:5] for w in words_of(offer)}
    return frozenset({w for w in words_of(value_claim) if w[:5] not in stems} - _VALUE_FILLER)


def check_unsupported_claim(text: str, ctx: LintContext | None) -> list[Finding]:
    """A promise about how the sender works, a value the sender's offer text does not state, or a claim the
    record denies ("New rooms fill faster ..." to a prospect "not planning any expansion")."""
    promises, value_claim = _claims_in(text)
    out = (
        [
            Finding("unsupported_claim", promise, "a promise the sender's offer does not make")
            for promise in promises
            if ctx is None or promise not in ctx.offer.lower()
        ]
        if promises
        else []
    )
    for topic in ctx.denied if ctx is not None else ():
        # the denial said back ("With no expansion planned for 2027, ...") claims nothing
        claim = next(
            (c for c in _TOPIC_CLAIMS[topic].finditer(text) if not _SAID_DENIED.search(text[: c.start()])), None
        )
        # the sender saying what it does
        own = (ctx is not None and ctx.sender_company in text) or re.search(r"\b[Ww]e(?:'re)?\b", text)
        if claim and not own:
            out.append(Finding("unsupported_claim", claim.group(0), f"the record says there is no {topic}"))
    if value_claim is not None and ctx is not None:
        extra = _beyond_offer(value_claim, ctx.offer) - ctx.company_words
        if len(extra) >= 2:
            out.append(Finding("unsupported_claim", value_claim, "a value the sender's offer does not state"))
    return out


_TEMPLATE_OPENER = re.compile(
    r"^(?:I don't know much about (?:your team|you)\b|I'm writing to you as\b|I'm reaching out because [^.]*\blooks like "
    r"the kind of\b|I hope (?:this|you're|you are)\b|My name is\b|I wanted to (?:reach out|introduce)\b|I'm reaching out to "
    r"introduce\b|Allow me to introduce\b|I came across your (?:profile|company)\b|I'll keep (?:this|it) short and say why\b|"
    r"I'm writing because (?:at an? [\w -]+ like\b|[^.]*\bis usually worth a look\b)|.{0,80}?\byou're probably the person this "
    r"would land with\b)",
    re.IGNORECASE,
)


def check_template_opener(text: str, ctx: LintContext | None) -> list[Finding]:
    """An opener any sender could send to anyone: it says nothing about the reader or why now."""
    m = _TEMPLATE_OPENER.search(text.strip())
    return (
        [Finding("template_opener", m.group(0), "a template opener; open on a fact or why this role cares")]
        if m
        else []
    )


def check_offer_pasted(text: str, ctx: LintContext | None) -> list[Finding]:
    """The offer pasted as written: its parenthesis, or its "X that Y" clause word for word."""
    if ctx is None:
        return []
    parentheses, clause = _offer_pastes(ctx.offer)
    low = text.lower()
    for paren in parentheses:
        if paren.lower() in low:
            return [Finding("offer_pasted", paren, "the offer's parenthesis pasted into the copy")]
    if clause is not None and clause in re.sub(r"\s*\([^()]*\)", "", low):
        return [Finding("offer_pasted", clause, "the offer's sentence spliced in word for word")]
    return []


@lru_cache(maxsize=256)
def _offer_pastes(offer_text: str) -> tuple[tuple[str, ...], str | None]:
    """The offer's parentheses, and its "X that Y" clause of five words or more (lower case), read once an offer."""
    offer = " ".join(offer_text.split()).strip(" .")
    parentheses = tuple(m.group(0) for m in re.finditer(r"\(([^()]{6,})\)", offer))
    link = re.search(r"\s(?:that|which)\s", offer)
    if not link:
        return parentheses, None
    head = re.sub(r"\s*\([^()]*\)", "", offer[: link.start()]).split()[-3:]
    clause = " ".join([*head, *offer[link.start() :].split()[:4]]).lower()
    return parentheses, clause if len(clause.split()) >= 5 else None


_RESULTS_LINE = re.compile(
    r"\b(?:one number would tell us whether it works|i'd suggest judging it on one number|the number i'd hold it to is|"
    r"if it works, it shows up in|the fair test is [^.]*?(?:measured )?before and after|the result we work toward is|"
    r"judged on that number alone)\b",
    re.IGNORECASE,
)


def check_results_line(text: str, ctx: LintContext | None) -> list[Finding]:
    """A stock "how we'd measure it" line with the offer's metric pasted in: readers skip it, and it rarely fits."""
    m = _RESULTS_LINE.search(text)
    return (
        [Finding("results_line", m.group(0), "a stock results line; say what the fact means instead")] if m else []
    )


_GENERIC_SO_WHAT = re.compile(
    r"\b(?:ha(?:s|ve) to earn (?:its|their) keep quickly|comes? with a payback date attached|the targets rarely wait for "
    r"them|comes with a growth target that starts before|fresh money usually comes with a target|bring customers nobody "
    r"has contacted yet|(?:work|a project) like that (?:has to pay back quickly|comes with a payback date)|small gains per "
    r"person add up|judged on results before their first quarter is out|usually comes with customers who don't know you|whoever "
    r"joins will be judged on|is usually the cheapest place to start|usually puts [^.]{3,80} on the agenda|(?:share|rate|drop|"
    r"numbers?) like that (?:is|are) usually where [^.]{3,80} pays? back fastest|raises? the stakes on)\b",
    re.IGNORECASE,
)


def check_generic_so_what(text: str, ctx: LintContext | None) -> list[Finding]:
    """A "so what" that fits any fact of its kind and says nothing about what it means for the sender's offer."""
    m = _GENERIC_SO_WHAT.search(text)
    return (
        [Finding("generic_so_what", m.group(0), 'a stock "so what"; tie the fact to what the offer changes')]
        if m
        else []
    )


_OPT_OUT = re.compile(
    r"\b(?:if it isn't useful, say so|a one-word reply is fine|if the timing is wrong, say so|a small (?:first )?test would "
    r"(?:give a clear answer|settle it)|the quickest way to know is a small (?:first )?test|if it's not useful, say so)\b",
    re.IGNORECASE,
)


def check_opt_out_filler(text: str, ctx: LintContext | None) -> list[Finding]:
    """An opt-out or "small test" line that fills space: readers cut it before sending."""
    m = _OPT_OUT.search(text)
    return [Finding("opt_out_filler", m.group(0), "a filler opt-out line; end on the one question")] if m else []


_STOCK_CTA = re.compile(r"\b(?:to compare notes|to see (?:whether|if) it fits(?: [^?]{0,60})?)\?", re.IGNORECASE)


def check_stock_cta(text: str, ctx: LintContext | None) -> list[Finding]:
    """A question any email could end on; tie it to the fact or its timing."""
    m = _STOCK_CTA.search(text)
    return [Finding("stock_cta", m.group(0), "a stock question; tie it to the fact or its timing")] if m else []


_ARITHMETIC = re.compile(
    r"\bthat's (?:roughly |about |nearly |more than |almost )?(?:half|a (?:third|quarter|fifth|sixth|"
    r"seventh|eighth|tenth)|one in (?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty))\b",
    re.IGNORECASE,
)


def check_fact_arithmetic(text: str, ctx: LintContext | None) -> list[Finding]:
    """The prospect's own figure restated as a fraction: it adds nothing and is easy to get wrong
    ("40% ... That's roughly half of your evening sales")."""
    m = _ARITHMETIC.search(text)
    return (
        [Finding("fact_arithmetic", m.group(0), "a figure restated as a fraction; say what it means instead")]
        if m
        else []
    )


@lru_cache(maxsize=256)
def _sender_at_end_re(sender_company: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:for|with)\s+[^.;:!?]{{2,90}}?\s+at\s+{re.escape(sender_company)}\b")


def check_sender_at_end(text: str, ctx: LintContext | None) -> list[Finding]:
    """The sender's name tacked on after the audience: "We build ... for manufacturers at PlantPulse" reads as if the
    clients worked at the sender. The name leads: "At PlantPulse, we build ..." or "PlantPulse builds ..."."""
    if ctx is None or not ctx.sender_company or ctx.sender_company not in text:
        return []
    m = _sender_at_end_re(ctx.sender_company).search(text)
    if m and re.search(r"\b(?:we|We)\s+\w+", text[: m.start() + 1] + text[m.start() : m.end()]):
        return [
            Finding(
                "sender_at_end", m.group(0), "the sender's name after the audience reads as the clients' employer"
            )
        ]
    return []


_FRAGMENT_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|do|does|did|"
    r"'s|'re|'ve|'ll|'d)\b|n't\b"
)


@lru_cache(maxsize=1024)
def _owner_re(full_company: str, company: str) -> re.Pattern[str]:
    """A sentence that opens on the company's (or "your") possession: "Acme's ...", "I saw that Acme's ..."."""
    names = "|".join(re.escape(n) for n in dict.fromkeys([full_company, company]))
    return re.compile(rf"^(?:I saw that\s+)?(?:(?:{names})(?:'s|')|[Yy]our)\s+")


def check_fragment(text: str, ctx: LintContext | None) -> list[Finding]:
    """A record's note pasted as a sentence with no finite verb: "Silver Hollow's players club relaunch announced
    for Q3.", "Tidewater Financial's deposit growth the top priority after cost of funds rose 60 bps." """
    if ctx is None or not ctx.company:
        return []
    m = _owner_re(ctx.full_company or ctx.company, ctx.company).match(text)
    if not m or text.rstrip().endswith("?"):
        return []
    rest = text[m.end() :].rstrip(".!")
    main: list[str] = []
    for w in rest.split():
        lw = w.lower().strip(",;")
        if (
            lw
            in ("after", "before", "since", "when", "because", "while", "once", "until", "if", "as", "than", "but")
            and main
        ):
            break
        main.append(w)
    words = [w.lower().strip(",;") for w in main]
    if not words or _FRAGMENT_VERB.search(" ".join(main).lower()):
        return []
    for i, w in enumerate(words[1:], 1):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if verb_kind(w) == "past" and w.endswith("ed"):
            if nxt not in ("for", "in", "on", "by", "to", "at", "as", ""):
                return []  # "opened a new office": a finite past (not "announced for Q3")
        elif verb_kind(w) == "past":
            return []  # an irregular past ("caught my eye", "fell to 18%") is finite
        elif w in FINITE or w in CHANGE_VERBS or (verb_kind(w) == "present" and w not in _NOUN_TOO):
            return []
        elif words[i - 1] in _HOW_OFTEN and w.isalpha():
            return []  # "its win-back flow barely converts": the word after "barely" is the verb
    return [Finding("fragment", text, "a note pasted with no verb; say it as a sentence or use the next fact")]


_HOW_OFTEN = frozenset({"barely", "never", "rarely", "hardly", "seldom", "always", "usually", "often", "still"})


# --- garbled: record words where the grammar needs something else ------------------------------------------------

_DETERMINERS = r"(?:the|a|an|your|our|their|its|my|his|her)"
_NOT_A_NOUN = (
    r"(?:is|are|was|were|will|would|could|should|must|does|did|says|said|wouldn't|won't|can't|couldn't|isn't|aren't|"
    r"wasn't|weren't|doesn't|don't|didn't|hasn't|haven't|shouldn't|they're|he's|she's|we're|i|he|she|they|we|"
    r"the|a|an|your|our|their)"
)
# "Lumen Goods' wouldn't share", "the says retention", "Red Mesa's is opening", "The the", "Your All BD": a word
# that cannot start the noun a determiner or a possessive name announces
_AFTER_DETERMINER = re.compile(
    rf"(?:\b{_DETERMINERS}|\b[A-Z][\w&.-]*(?:['’]s|s['’]))\s+(?:{_NOT_A_NOUN}|All)(?![\w'’-])",
    re.IGNORECASE,
)
# "... budget about $8k a month. wants a proposal": a note's next sentence, pasted on with its lower-case start
_LOWER_START = re.compile(r"(?<![.\w])(\w+)[.!?]\s+[a-z]\w*")
# words only an English sentence has
_ENGLISH_FRAME = frozenset(
    """you your you're the is are that with for we our this it's i'll i'd we'd we're they're has have""".split()  # noqa: SIM905
)
_CONTRACTED = frozenset({"it's", "that's", "there's", "here's", "what's", "who's", "let's", "he's", "she's"})
# "for jan start", "in the feb", "delivers may 2027": a month as a note abbreviates it, never as copy writes it
# "is adding expands", "2nd is building delivers": a progressive and a second finite verb for one subject
_TWO_VERBS = re.compile(r"\b(?:is|are|was|were)\s+[a-z]+ing\s+([a-z]+s)\b")
# "Ember Grill sba-backed its acquisition": a compound adjective in the verb's place
_ADJECTIVE_AS_VERB = re.compile(
    r"\b[A-Z][\w&.'’-]*\s+[A-Za-z]+-(?:backed|funded|led|owned|based)\s+(?:its|their|the)\b"
)
# "Alder Manufacturing's alder earns ...": the name's own word again, lower case, after its possessive
_NAME_POSSESSIVE = re.compile(r"((?:[A-Z][\w&.-]*\s+){0,4}[A-Z][\w&.-]*)['’]s?\s+([a-z][\w-]*)")
# "Your used an SDR agency", "your go out via mail house": a verb where the determiner needs its noun
_DETERMINER_VERB = re.compile(
    r"\b(?:your|the|its|their|our)\s+(?:([a-z]+ed)\s+(?:a|an|the|their|its|our)\b|(?:go|goes|went|come|comes|came|"
    r"get|gets|got)\s+(?:out|in|up|back|through|via)\b)",
    re.IGNORECASE,
)
# "Your hosts only work is the top 300": an adverb's verb made the subject of a second verb
_ONLY_VERB_IS = re.compile(r"\b(?:your|the|our|their)\s+[a-z]+s\s+only\s+[a-z]+\s+(?:is|are)\b", re.IGNORECASE)
# "the adding three branches", "the hiring a patient coordinator": a verb's -ing form with its object, after "the"
_THE_VERB_ING = re.compile(
    r"\bthe\s+([a-z]+ing)\s+(?:a|an|the|your|its|their|\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.IGNORECASE,
)
# nouns in -ing the verb reader takes for gerunds ("the opening a year ago", "the spending a bank ..."); the others
# it already knows are nouns (copywriter.angles.verb_kind)
_ING_NOUNS = frozenset({"spending", "seating", "bedding", "opening", "filling", "setting", "ending", "beginning"})
# a name with its particles ("Le Jardin des Plantes", "Van den Berg & Smit") is no sign of the text's language
_NAME_RUN = re.compile(
    r"[A-ZÀ-Þ][\w'’&.-]*(?:\s+(?:(?:de|des|du|la|le|les|del|della|di|da|van|von|der|den|het|y|et|e|am|im|zum|zur)\s+)*"
    r"[A-ZÀ-Þ][\w'’&.-]*)*"
)


def check_garbled(text: str, ctx: LintContext | None) -> list[Finding]:
    """A sentence a reader cannot parse, with the span that breaks it: a verb where a determiner or a possessive
    name needs its noun ("Lumen Goods' wouldn't share", "the says"), a note's lower-case month ("for jan start"),
    words of another language ("nog geen SDR's"), two finite verbs for one subject ("is building delivers"), a
    compound adjective as the verb ("sba-backed its"), the name's own word again ("Alder's alder earns")."""
    spans, foreign = _garbled(text)
    if foreign and ctx is not None:
        named = text
        for name in (ctx.full_company, ctx.company):
            named = named.replace(name, "Name") if name else named  # "Caisse d'économie Bellechasse": their name
        foreign = named == text or is_foreign(_NAME_RUN.sub("Name", named))
    return [
        Finding("garbled", span, "not a sentence a reader can parse; say the fact in plain English")
        for span in (*spans, *((text,) if foreign else ()))
    ]


@lru_cache(maxsize=16384)
def _garbled(text: str) -> tuple[tuple[str, ...], bool]:
    """The spans of `check_garbled` a sentence shows on its own, and whether it reads as foreign outside names (by
    text: the same stock sentences come back in every prospect's messages)."""
    spans: list[str] = []
    for m in _AFTER_DETERMINER.finditer(text):
        first = m.group(0).split()[0].lower()
        if first not in _CONTRACTED and not (m.group(0).split()[-1] == "All" and not m.group(0)[0].isupper()):
            spans.append(m.group(0))
    spans += [m.group(0) for m in LOWER_MONTH.finditer(text)]
    spans += [m.group(0) for m in _LOWER_START.finditer(text) if m.group(1).lower() not in ABBREVIATIONS]
    spans += [
        m.group(0)
        for m in _TWO_VERBS.finditer(text)
        if verb_kind(m.group(1)) == "present" and m.group(1) not in _NOUN_TOO
    ]
    spans += [m.group(0) for m in _ADJECTIVE_AS_VERB.finditer(text)]
    spans += [
        m.group(0)
        for m in _NAME_POSSESSIVE.finditer(text)
        if m.group(2) in {w.lower() for w in m.group(1).split()}
    ]
    spans += [m.group(0) for m in _ONLY_VERB_IS.finditer(text)]
    spans += [m.group(0) for m in _DETERMINER_VERB.finditer(text)]
    spans += [
        m.group(0)
        for m in _THE_VERB_ING.finditer(text)
        if m.group(1).lower() not in _ING_NOUNS and verb_kind(m.group(1)) == "gerund"  # "the spring 2026 tower"
    ]
    # foreign words inside an English sentence; a sentence wholly in the prospect's language (a Claude draft in
    # French) is no English sentence gone wrong
    english = not _ENGLISH_FRAME.isdisjoint(re.findall(r"[a-z']+", text.lower()))
    return tuple(spans), english and is_foreign(_NAME_RUN.sub("Name", text))


def check_teams_like_yours(text: str, ctx: LintContext | None) -> list[Finding]:
    """ "for teams like yours": the sender line says who the work is for in plain words instead."""
    m = re.search(r"\b(?:teams|companies|businesses) like yours\b", text, re.IGNORECASE)
    return (
        [Finding("teams_like_yours", m.group(0), 'say who the work is for, not "teams like yours"')] if m else []
    )


SENTENCE_CHECKS = (
    check_sender_at_end,
    check_fragment,
    check_garbled,
    check_opt_out_filler,
    check_stock_cta,
    check_fact_arithmetic,
    check_teams_like_yours,
    check_template_opener,
    check_offer_pasted,
    check_results_line,
    check_generic_so_what,
    check_splice,
    check_persona_plural,
    check_agreement,
    check_raw_title,
    check_leaked_citation,
    check_off_offer,
    check_unrelated_pain,
    check_wrong_company_type,
    check_wrong_persona_metric,
    check_ungrounded_event,
    check_template_repetition,
    check_offer_restated,
    check_canned_pain,
    check_unsupported_claim,
)


# The checks that read the sentence alone (no `ctx`): their findings are remembered by text, since the same stock
# sentences come back in every prospect's messages.
_TEXT_ONLY = frozenset(
    {
        check_opt_out_filler,
        check_stock_cta,
        check_fact_arithmetic,
        check_teams_like_yours,
        check_template_opener,
        check_results_line,
        check_generic_so_what,
        check_agreement,
        check_template_repetition,
        check_canned_pain,
    }
)


# The checks that read the sentence and the sender's side of the context only (the sender's company and offer, the
# agent's pains): their findings are remembered per text in the table every context of that sender side shares.
_SHARED_ONLY = frozenset({check_sender_at_end, check_offer_pasted, check_offer_restated, check_unrelated_pain})


@lru_cache(maxsize=16384)
def _text_findings(text: str) -> tuple[tuple[Finding, ...] | None, ...]:
    """Each text-only check's findings for `text`, in `SENTENCE_CHECKS` order (None for the checks that need a context)."""
    return tuple(tuple(check(text, None)) if check in _TEXT_ONLY else None for check in SENTENCE_CHECKS)


def _type_claim_cue(text: str) -> bool:
    return " like " in text or ", as a" in text or text.startswith(("As a", "For a")) or "kind of" in text.lower()


# For the other checks, a reading of the sentence and the sender side that says when the check cannot fire for any
# prospect (each mirrors the check's own first test): the check then finds nothing, and is not run again.
_CAN_FIRE: dict[Callable[[str, LintContext | None], list[Finding]], Callable[[str, LintContext], bool]] = {
    check_splice: lambda text, ctx: _spliced(text) is not None,
    check_wrong_company_type: lambda text, ctx: _type_claim_cue(text),
    check_ungrounded_event: lambda text, ctx: bool(_event_claims(text)),
    check_off_offer: lambda text, ctx: not text.rstrip().endswith("?") and _offer_claim(text, ctx) is not None,
    check_wrong_persona_metric: lambda text, ctx: bool(_priorities_in(text, ctx)),
    check_persona_plural: lambda text, ctx: bool(
        _plural_labels(text) or _titled_labels(text) or any(_persona_labels(text, ctx))
    ),
    # the company's possession ("Acme's ...", "Acme' ...") or "your ..." opens every fragment
    check_fragment: lambda text, ctx: "'" in text or text.startswith(("Your", "your", "I saw that")),
}


def _sender_side_findings(
    text: str, ctx: LintContext
) -> tuple[tuple[Finding, ...] | Callable[..., list[Finding]], ...]:
    """What is left to do for `text` under any context of this sender side, in `SENTENCE_CHECKS` order: the findings
    of the text-only and `_SHARED_ONLY` checks (when there are any), and the checks to run with the prospect's
    context (each check that can fire, `_CAN_FIRE`). Remembered in `ctx.shared`."""
    known = ctx.shared.get(text)
    if known is None:
        steps: list[tuple[Finding, ...] | Callable[..., list[Finding]]] = []
        for check, found in zip(SENTENCE_CHECKS, _text_findings(text), strict=True):
            if found is None:
                if check in _SHARED_ONLY:
                    found = tuple(check(text, ctx))
                elif (can_fire := _CAN_FIRE.get(check)) is not None and not can_fire(text, ctx):
                    found = ()
                else:
                    steps.append(check)
                    continue
            if found:
                steps.append(found)
        ctx.shared[text] = known = tuple(steps)
    return known  # type: ignore[return-value]


def lint_sentence(text: str, ctx: LintContext | None = None) -> list[Finding]:
    """Every sentence check's findings for one sentence (remembered per context: the writer checks its own
    sentences as it plans them, and the quality report reads the same sentences again)."""
    out: list[Finding] = []
    if ctx is None:
        for check, found in zip(SENTENCE_CHECKS, _text_findings(text), strict=True):
            out.extend(check(text, ctx) if found is None else found)
        return out
    hit = ctx.cache.get(text)
    if hit is not None:
        return hit
    for step in _sender_side_findings(text, ctx):
        out.extend(step if isinstance(step, tuple) else step(text, ctx))
    ctx.cache[text] = out
    return out


# --- subjects ---------------------------------------------------------------------------------------------

_SUBJECT_STOCK = frozenset(
    {
        "quick",
        "question",
        "questions",
        "idea",
        "ideas",
        "thought",
        "thoughts",
        "one",
        "a",
        "an",
        "the",
        "for",
        "your",
        "you",
        "team",
        "re",
        "following",
        "follow",
        "up",
        "checking",
        "in",
        "touching",
        "base",
        "intro",
        "introduction",
        "hello",
        "hi",
        "from",
        "partnership",
        "opportunity",
        "call",
        "chat",
        "minutes",
        "15",
        "30",
        "any",
        "about",
        "our",
        "conversation",
        "helping",
        "help",
        "grow",
        "growth",
        "better",
        "way",
        "to",
        "last",
        "note",
        "closing",
        "loop",
        "another",
        "angle",
        "fair",
        "measuring",
        "this",
        "at",
        "how",
        "judge",
        "it",
        "concrete",
        "different",
        "lens",
        "worth",
        "considering",
        "circling",
        "back",
        "bumping",
        "something",
        "might",
        "what",
        "success",
        "looks",
        "like",
        "proof",
        "not",
        "promises",
        "right",
        "yardstick",
        "did",
        "get",
        "buried",
        "common",
        "concern",
        "usual",
        "pushback",
        "should",
        "i",
        "stop",
        "here",
        "close",
        "me",
        "if",
        "thinking",
        "we",
        "d",
        "measure",
        "could",
        "work",
        "more",
        "s",
        "you're",
        "youre",
        "short",
        "look",
        "and",
        "with",
        "on",
        "of",
        "is",
        "are",
        "it's",
        "quickly",
        "time",
        "thanks",
        "hey",
        "meeting",
        "connect",
        "connecting",
        "catch",
        "sync",
        "you'd",
        "we'd",
        "i'd",
        "let's",
        "talk",
        "update",
        "news",
        "plans",
        "plan",
        "next",
        "steps",
        "step",
    }
)
_SUBJECT_END = frozenset(
    {
        "the",
        "a",
        "an",
        "to",
        "of",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "and",
        "or",
        "but",
        "from",
        "about",
        "led",
        "this",
        "that",
        "its",
        "your",
        "their",
        "our",
        "into",
        "as",
        "than",
        "via",
        "per",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
    }
)
_NOMINAL_ING = frozenset(
    {
        "opening",
        "openings",
        "meeting",
        "building",
        "booking",
        "pricing",
        "funding",
        "marketing",
        "planning",
        "offering",
        "listing",
        "rating",
        "training",
        "hiring",
        "launch",
        "banking",
        "catering",
        "lending",
        "spring",
        "engineering",
        "ordering",
        "recruiting",
        "consulting",
    }
)


_NOUN_TOO = frozenset({"plans", "needs", "offers", "works", "uses", "runs", "gets", "brings", "spends", "sells"})
_SUBJECT_PREP = frozenset(
    {
        "before",
        "after",
        "about",
        "for",
        "on",
        "of",
        "in",
        "at",
        "with",
        "from",
        "to",
        "into",
        "and",
        "or",
        "&",
        "+",
        "since",
        "during",
        "behind",
        "vs",
        "vs.",
        "over",
        "through",
        "across",
        "by",
        "under",
        "per",
        "than",
        "like",
        "without",
        "within",
        "among",
        "between",
        "off",
        "up",
        "worth",
        "is",
        "are",
        "was",
        "meet",
        "meets",
    }
)


@lru_cache(maxsize=16384)
def _subject_cuts(subject: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """What `check_broken_subject` finds in the subject alone (remembered by text): the spans before and after its
    check against the facts. None for an empty subject."""
    s = subject.strip()
    words = s.split()
    out: list[str] = []
    if not words:
        return None
    last = words[-1].lower().strip("?!.,")
    series = len(words) > 1 and words[-2].lower() in ("series", "round", "phase", "tier", "class", "grade", "plan")
    if (
        (last in _SUBJECT_END and not (series and words[-1].isupper()))
        or (last in ("up", "down") and len(words) > 1)
        or (words[-1][-1] in "|(-&+,:/" or s.count("(") != s.count(")"))
    ):
        out.append(words[-1])  # ("$12M Series A" is a name, not a dangling article)
    if (
        last.endswith("ed")
        and len(words) > 1
        and verb_kind(last) == "past"
        and words[-2].lower() not in ("the", "a", "an", "just", "you", "we", "i")
    ):
        out.append(words[-1])
    for m in re.finditer(
        r"\b(the|a|an|your)\s+(the|a|an|to|of|for|and|or|but|at|in|on|by|with|from|down|up|only|\w+ed|\w+ing|won|"
        r"\w+s)\b",
        s,
        re.I,
    ):
        nxt = m.group(2).lower()
        after = s[m.end() :].split()
        if nxt.endswith("ing") and (
            nxt in _NOMINAL_ING
            or (
                after
                and after[0].isalpha()
                and after[0].islower()
                and after[0] not in _SUBJECT_END
                and after[0] not in ("new", "more", "two", "three", "four", "five")
                and verb_kind(after[0]) is None
            )
        ):
            continue  # "the restructuring practice": the -ing word is a modifier
        if nxt.endswith("s") and not nxt.endswith("ss") and (verb_kind(nxt) != "present" or nxt in _NOUN_TOO):
            continue  # "the manages about 6,000": an article before a verb; "the plans" is a noun
        if nxt.endswith("ed") and verb_kind(nxt) != "past":
            continue
        out.append(m.group(0))
    if re.search(r"\b(?:led|raised|opened|won|launched|hired)\s+(?:at|for)\s+[A-Z]", s):
        out.append(s)
    if re.search(r"\b\w+s hire$", s):
        out.append(s)
    for i in range(1, len(words)):  # "your deposit growth the top": a determiner after a noun, no preposition
        prev = words[i - 1].lower()
        if (
            words[i].lower() in ("the", "a", "an", "your", "its", "their")
            and not (words[i] == "A" and prev in ("series", "round", "phase", "tier", "class", "grade", "plan"))
            and prev not in _SUBJECT_PREP
            and prev[-1] not in ",:;-–—|+&/"
            and not any(ch.isdigit() for ch in prev)
            and not prev.endswith("ing")
            and prev not in _SUBJECT_END
        ):
            out.append(f"{words[i - 1]} {words[i]}")
    if (
        len(words) >= 3
        and words[0].lower() in ("your", "the")
        and not (
            words[0] == "The" and words[1][:1].isupper()
        )  # "The Foundry at 58%": a property's name and its figure
        and re.fullmatch(r"(?:at|about|around|near|nearly|roughly|up|down)", words[-2].lower())
        and _HAS_NUMBER.search(words[-1])
    ):
        out.append(s)  # "your loan-to-deposit ratio at 98%": a clause without its verb; "the 98% ... ratio" reads
    before = tuple(out)
    out = []
    if re.fullmatch(r"\d{1,3}", last) and len(words) > 1 and not re.fullmatch(MONTH, words[-2]):  # "January 15"
        out.append(words[-1])
    for m in _NUMBER_NOUN.finditer(s):
        word = m.group("w").lower()
        if word in _NUMBER_OK or word.endswith("s") or len(word) < 3:
            continue
        if not _is_head(s, m.end()) or re.fullmatch(r"(?:19|20)\d\d", m.group("n")):
            continue
        if re.search(r"\b[A-Z]{2,}\s*$", s[: m.start("n")]):
            continue  # "the IATF 16949 certification": a standard's number is its name
        if _INFLECT.singular_noun(word) is False and (pl := _INFLECT.plural_noun(word)) and pl != word:
            out.append(m.group(0))
    return before, tuple(out)


def check_broken_subject(subject: str, ctx: LintContext | None) -> list[Finding]:
    s = subject.strip()
    cuts = _subject_cuts(subject)
    if cuts is None:
        return [Finding("broken_subject", s, "empty subject")]
    words = s.split()
    out: list[str] = list(cuts[0])
    if ctx is not None and len(words) >= 2:
        core = [w for w in words if w.lower() not in ("the", "a", "an", "your")]
        run = " ".join(core).lower()
        for fact in ctx.facts:
            raw_words = fact.raw.lower().split()
            for j in range(1, len(raw_words)):
                if " ".join(raw_words[j : j + len(core)]).strip(",.;") == run:
                    before = raw_words[j - 1].strip(",;")
                    if (
                        len(before) <= 3
                        and before.isalpha()
                        and before not in _SUBJECT_STOCK
                        and before not in _SUBJECT_END
                        and before not in _SUBJECT_PREP
                        and before not in _NUMBER_WORDS
                    ):
                        out.append(s)  # "the novo offices" cut from "3 de novo offices": a word of the name lost
    out += cuts[1]
    if ctx is not None:
        low = s.lower().rstrip("?!. ")
        for fact in ctx.facts:
            raw = fact.raw.lower()
            if len(low) > 6 and raw.startswith(low) and len(raw) > len(low):
                nxt = raw[len(low) :].lstrip()
                if (
                    raw[len(low)] == " "
                    and nxt
                    and nxt[0] not in "(,;"  # "Alder Yards (312 units) delivers ...": the name is whole
                    and nxt.split()[0] not in _SUBJECT_CUT_OK
                    and nxt.split()[0] not in FINITE  # "$120M in CDs" + "reprice in March": a whole noun phrase
                    and verb_kind(nxt.split()[0])
                    != "past"  # "two lateral partners" + "joined": its subject, whole
                ):
                    out.append(s)
    return [Finding("broken_subject", span, "a subject cut mid-phrase") for span in dict.fromkeys(out)]


# Words a subject taken from the start of a fact may stop before ("deposit balances down 6%" + "since January").
_SUBJECT_CUT_OK = frozenset(
    {"in", "at", "for", "by", "on", "to", "from", "this", "next", "and", "with", "of", "since", "after", "before"}
    | {"over", "during", "across", "year", "last", "against"}
)


def check_generic_subject(subject: str, ctx: LintContext | None) -> list[Finding]:
    words = [w for w in re.findall(r"[a-z0-9$%']+", subject.lower())]
    names: set[str] = set()
    if ctx is not None:
        names |= set(ctx.company_words) | set(ctx.sender_words)
        if ctx.first_name:
            names |= set(tokens(ctx.first_name))
        offer_words = set(ctx.terms.activity)
        subject_words = words_of(subject)
        shared = subject_words & offer_words
        if offer_words and len(shared - words_of(ctx.fact_lower)) >= max(
            2, round(0.6 * len(offer_words))
        ):  # a fact in the offer's own words is still a fact ("pipeline for the new SDRs" says the hiring)
            return [Finding("generic_subject", subject, "the offer as the subject line")]
    if re.fullmatch(r"[\w .&'-]+ \+ [\w .&'-]+", subject.strip()) and all(
        p.strip()[:1].isupper() for p in subject.split("+")
    ):
        return [Finding("generic_subject", subject, "two company names are not a reason to open")]
    rest = [w for w in words if w not in _SUBJECT_STOCK and w not in names and w.strip("'s") not in names]
    if not rest:
        return [Finding("generic_subject", subject, "a subject with nothing from the prospect's facts")]
    return []


def check_metric_subject(subject: str, ctx: LintContext | None) -> list[Finding]:
    """A subject that is just the offer's own outcome or metric ("repeat purchase rate", "unplanned downtime"):
    it names what the sender sells, not anything about the reader."""
    if ctx is None:
        return []
    words = [w for w in re.findall(r"[a-z0-9%$][\w%-]*", subject.lower()) if w not in ("the", "your", "a", "an")]
    if len(words) < 2 or ctx.company_words & set(words):
        return []
    offer = " ".join(re.findall(r"[a-z0-9%$][\w%-]*", ctx.offer.lower()))
    if f" {' '.join(words)} " in f" {offer} " and not set(words) <= set(re.findall(r"[\w%-]+", ctx.fact_lower)):
        return [Finding("metric_subject", subject, "the offer's own words as the subject; build it from a fact")]
    return []


def lint_subject(subject: str, ctx: LintContext | None = None) -> list[Finding]:
    """Every subject check's findings (remembered per context, like `lint_sentence`: the planner tries the same
    subject lines for several steps)."""
    key = "\x00subject " + subject  # never a sentence's key
    if ctx is not None and key in ctx.cache:
        return ctx.cache[key]
    out = [
        *check_broken_subject(subject, ctx),
        *check_garbled(subject, ctx),
        *check_generic_subject(subject, ctx),
        *check_metric_subject(subject, ctx),
        *check_leaked_citation(subject, ctx),
        *check_persona_plural(subject, ctx),
    ]
    if ctx is not None:
        ctx.cache[key] = out
    return out


# --- video visuals ----------------------------------------------------------------------------------------

_INTERNAL_SYSTEM = re.compile(
    r"\b(?:pms|crm|dashboard|database|analytics|erp|billing system|practice management|internal|salesforce|hubspot|"
    r"klaviyo|account showing|booking report|member dashboard|players club database|report|system|inbox|"
    r"spreadsheet)\b",
    re.IGNORECASE,
)
_THEIR_DATA_CHART = re.compile(
    r"\bchart of (?:their|the prospect's|[A-Z][\w ]+?(?:'s|')(?=\s)(?! own))", re.IGNORECASE
)
_HIGHLIGHT = re.compile(
    r"\b(?:highlighted|circled|underlined|with the line|zoomed|post highlighted)\b", re.IGNORECASE
)
_QUOTED = re.compile(r"[\"“]([^\"”]+)[\"”]")


def lint_visual(visual: str, ctx: LintContext | None = None) -> list[Finding]:
    """A video visual: only what the seller can film (their own slide, a page that exists)."""
    out: list[Finding] = []
    low = visual.lower()
    sender_side = (ctx is not None and (ctx.sender_company.lower() in low.split(" on ")[0])) or low.startswith(
        ("a slide", "one slide", "slide")
    )
    if re.search(r"\b(?:their|the prospect's)\b", low) or (ctx and ctx.company and ctx.company.lower() in low):
        m = _INTERNAL_SYSTEM.search(visual)
        if m and not sender_side:
            out.append(
                Finding("unfilmable_visual", m.group(0), "the seller cannot film the prospect's own systems")
            )
    m = _THEIR_DATA_CHART.search(visual)
    if m and not sender_side:
        out.append(
            Finding(
                "unfilmable_visual", m.group(0), "a chart of the prospect's own numbers the seller has not seen"
            )
        )
    if re.search(r"\b(?:website|site|linkedin|homepage)\b", low) and _HIGHLIGHT.search(visual):
        quoted = _QUOTED.findall(visual)
        from_site = ctx is not None and any(
            f.website and (not quoted or f.text.lower() in quoted[0].lower() or quoted[0].lower() in f.raw.lower())
            for f in ctx.facts
        )
        if not from_site:
            out.append(
                Finding(
                    "unfilmable_visual",
                    quoted[0] if quoted else _HIGHLIGHT.search(visual).group(0),  # type: ignore[union-attr]
                    "a line highlighted on their site or profile that did not come from it",
                )
            )
    if ctx is not None and not ctx.website and re.search(r"\btheir website\b", low):
        out.append(Finding("unfilmable_visual", "their website", "no website is known for this prospect"))
    return out


# --- whole messages ---------------------------------------------------------------------------------------

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“0-9$])|\n+")


def sentences_of(body: str) -> list[str]:
    return list(_sentences(body))


@lru_cache(maxsize=1024)
def _sentences(body: str) -> tuple[str, ...]:
    """`sentences_of`, remembered by text: a message's checks read its sentences more than once."""
    return tuple(s.strip() for s in _SENTENCE_SPLIT.split(body) if s and s.strip())


def check_strongest_fact(body: str, ctx: LintContext | None) -> list[Finding]:
    if ctx is None or not ctx.facts:
        return []
    top = ctx.facts[0]
    contenders = [f for f in ctx.facts if f.score >= top.score - 0.7]
    body = re.sub(re.escape(ctx.sender_company), " ", body, flags=re.IGNORECASE)
    if any(fact_used(f, body) for f in contenders):
        return []
    return [Finding("strongest_fact_unused", top.text, "step 1 leaves out the strongest offer-relevant fact")]


@lru_cache(maxsize=256)
def _offer_stem_runs(offer: str) -> tuple[int, frozenset[tuple[str, ...]]]:
    """The run length `check_repeats` reads the offer in (up to 4 words), and its runs by 5-letter stems."""
    n = min(4, len(_TOKEN.findall(offer.lower())))
    return n, frozenset(tuple(w[:5] for w in run) for run in _offer_runs(offer, n)) if n >= 3 else frozenset()


@lru_cache(maxsize=16384)
def _names_offer(sentence: str, offer: str) -> bool:
    """Whether `sentence` repeats a run of the offer's words (by stem)."""
    n, runs = _offer_stem_runs(offer)
    stems = [w[:5] for w in _TOKEN.findall(sentence.lower())]
    return any(tuple(stems[i : i + n]) in runs for i in range(len(stems) - n + 1))


def check_repeats(body: str, ctx: LintContext | None) -> list[Finding]:
    """Step 1 names the prospect's company at most twice and claims the offer once."""
    if ctx is None:
        return []
    out = []
    if ctx.company and len(re.findall(re.escape(ctx.company), body)) > 2:
        out.append(Finding("name_repeated", ctx.company, "the company named more than twice"))
    naming = [sentence for sentence in _sentences(body) if _names_offer(sentence, ctx.offer)]
    if len(naming) > 1:
        out.append(Finding("name_repeated", naming[1], "the offer named more than once"))
    return out


def lint_message(
    body: str, ctx: LintContext | None = None, *, subject: str | None = None, lead: bool = False
) -> list[Finding]:
    """All findings for one message: each sentence, the subject, and (for a step 1) the lead fact."""
    out: list[Finding] = []
    for sentence in _sentences(body):
        if len(sentence) < 40 and not sentence.endswith((".", "?", "!")):
            continue  # a greeting, a sign-off, a name or a title line: nothing here to check
        out.extend(lint_sentence(sentence, ctx))
    if subject is not None:
        out.extend(lint_subject(subject, ctx))
    if lead:
        out.extend(check_strongest_fact(body, ctx))
        out.extend(check_repeats(body, ctx))
    seen: set[tuple[str, str]] = set()
    unique = []
    for f in out:
        if (f.code, f.span) not in seen:
            seen.add((f.code, f.span))
            unique.append(f)
    return unique
