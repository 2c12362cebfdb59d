"""What a message may say: the prospect's facts, and the corpus every claim must be grounded in.

The generators use this to clean inputs and to list the personalisation they used; the quality
checker uses the same code to count personalisation and to reject claims (numbers, names) that
appear nowhere in what we were given. Sharing it keeps the two from disagreeing.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from copywriter.foreign import english_reading
from copywriter.text import content_tokens, strip_end
from schemas import AgentProfile, ProspectData

# Values that CSV exports and CRMs put in empty cells; they must never reach a message.
_MISSING = frozenset(
    {"", "none", "null", "nil", "nan", "n/a", "na", "-", "--", "unknown", "undefined", "tbd", "tba", "?"}
)

# Unfilled template slots, in the spellings mail-merge tools and LLMs leave behind.
_HTML_TAGS = "a|b|i|u|p|br|hr|em|strong|div|span|img|ul|ol|li|table|tr|td|th|html|body|head|small|sup|sub"
PLACEHOLDER_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\{\{[^{}]*\}\}"),
    re.compile(r"\{[^{}\n]{0,60}\}"),
    re.compile(r"\[(?:[A-Za-z][A-Za-z ._'-]{0,40})\](?!\()"),
    re.compile(rf"<(?!/?(?:{_HTML_TAGS})\b)[A-Za-z][A-Za-z _-]{{0,40}}>", re.IGNORECASE),
    re.compile(r"\b[A-Z]{2,}(?:_[A-Z]{2,})+\b"),  # FIRST_NAME
    re.compile(r"\bNone\b(?!\s+of\b)"),
    re.compile(r"\b(?:null|undefined|NaN)\b"),
    re.compile(r"\blorem ipsum\b", re.IGNORECASE),
)

_LEGAL_SUFFIX = re.compile(
    r"[,\s]+(?:inc|incorporated|llc|l\.l\.c|ltd|limited|corp|corporation|co|gmbh|plc|llp|pllc|p\.?c|p\.?a|l\.?p|"
    r"n\.?a|ag|kg|gmbh\s*&\s*co\.?\s*kg|s\.?a|s\.?a\.?s|s\.?l|s\.?l\.?u|s\.?p\.?a|s\.?r\.?l|s\.?a\.? de c\.?v|"
    r"b\.?v|n\.?v|sarl|sas|pty|ltda|oy|ab|a/s|aps|pte|k\.?k)\.?$",
    re.IGNORECASE,
)


# What each of PLACEHOLDER_PATTERNS cannot match without (a pattern is only run when one of its needles is in the
# text; "lorem" is looked for in the lower-cased text).
_PLACEHOLDER_NEEDLES: tuple[tuple[str, ...], ...] = (
    ("{{",),
    ("{",),
    ("[",),
    ("<",),
    ("_",),
    ("None",),
    ("null", "undefined", "NaN"),
    ("lorem",),
)


def find_placeholders(text: str) -> list[str]:
    """Every unfilled-placeholder-looking fragment of `text` (`{{first_name}}`, `[Company]`, `None`…)."""
    found: list[str] = []
    for pattern, needles in zip(PLACEHOLDER_PATTERNS, _PLACEHOLDER_NEEDLES, strict=True):
        within = text.lower() if needles == ("lorem",) else text
        if any(n in within for n in needles):
            found.extend(m.group(0) for m in pattern.finditer(text))
    return list(dict.fromkeys(found))


def clean(value: object) -> str | None:
    """A field value fit to print, or None when it is empty, a null spelling or a template slot."""
    if value is None:
        return None
    return _clean_text(value if isinstance(value, str) else str(value))


@lru_cache(maxsize=8192)
def _clean_text(value: str) -> str | None:
    text = " ".join(value.split())
    if text.lower().strip(" .") in _MISSING or find_placeholders(text):
        return None
    return text


def clean_name(value: str | None) -> str | None:
    """A person's name fit for a greeting: "DANA" / "dana" -> "Dana"; emails and digits rejected."""
    text = clean(value)
    if text is None or "@" in text or any(ch.isdigit() for ch in text):
        return None
    if text.isupper() or text.islower():
        text = "-".join(part.capitalize() for part in text.split("-"))
        text = " ".join(w[:1].upper() + w[1:] for w in text.split())
    return text


# Words that say what trade a company is in ("Restaurant Group", "CPAs & Advisors", "Physical Therapy & Sports
# Rehab"): as the tail of a long name they are what the register needs, not what people say in a sentence.
_TRADE_WORDS = frozenset(
    """accountants accounting advisors advisory apartment apartments associates bakery bakeshop bancorp bancshares
    bank barbecue bbq bistro brewery brewing builders burgers cantina chinese eatery greek indian italian japanese
    mexican outfitters pizzeria steakhouse taqueria thai cafe care casino center centre chartered chiropractic
    clinic clinics club
    communities conference construction consulting convention cpa cpas dental dentistry engineering
    family federal financial fitness foods golf grill group health healthcare holdings hospital
    hospitality hospitals hotel hotels inn inns insurance kitchen law legal living lodge logistics
    management manufacturing marketing medical orthodontics packaging pharmacy physical practice
    professional properties property racetrack racino realty rehab rehabilitation residential resort
    resorts restaurant restaurants savings senior services solutions spa sports studio studios suites
    system systems therapy trust veterinary wealth wellness winery components parts partners pediatrics
    developments development adviseurs advisers belastingadviseurs cu fcu""".split()  # noqa: SIM905
)
# A one-word remainder that is a common word, not a name: "American Dental Partners" stays whole.
_GENERIC_NAME_WORDS = frozenset(
    """american central city coastal community first global metro national new north northern pacific premier
    regional south southern the united university valley west western east eastern summit tri-state
    lakes""".split()  # noqa: SIM905
)


_JOINERS = frozenset(["&", "and", "en", "et", "und", "y"])
# the small words inside a name people say ("Van den Berg & Smit", "Castellan & Reyes")
_NAME_PARTICLES = frozenset(["&", "van", "den", "der", "de", "von", "du", "la", "le", "di", "da", "y"])
# a word that describes the trade after it, never the end of a name people say
_DESCRIBING_WORDS = frozenset(
    [
        "contract",
        "custom",
        "precision",
        "pediatric",
        "office",
        "general",
        "advanced",
        "quality",
        "industrial",
        "commercial",
        "professional",
        "financial",
        "medical",
        "dental",
        "family",
        "community",
        "regional",
        "national",
        "metal",
        "plastic",
        "urgent",  # "Crestline Urgent Care" is not "Crestline Urgent"
        "primary",
        "express",
    ]
)


def _trade_tail_dropped(name: str) -> str:
    """A long name without its trailing trade descriptor, when a distinctive name is left ("Dunmore Chartered
    Professional Accountants" -> "Dunmore", "Kindred Crumb Bakeshop" -> "Kindred Crumb"); else the name."""
    words = name.split()
    if len(words) < 3:
        return name  # "Orchard Packaging" is already the name people say
    cut = len(words)
    while cut > 0 and (w := words[cut - 1].strip(".,").lower()) and (w in _TRADE_WORDS or w in _JOINERS):
        cut -= 1
    rest = words[:cut]
    if cut == len(words) or not rest or rest[-1].lower() in {"&", "and", "of", "the", "at", "for", "de"}:
        return name
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _NAME_PARTICLES for w in rest):
        return name
    # a describing word before the trade goes with it ("Tri-County Community Bank" -> "Tri-County", "Ridgeline
    # Precision Components" -> "Ridgeline": blind readers named the whole legal name in the question)
    while len(rest) > 1 and rest[-1].lower() in _DESCRIBING_WORDS:
        rest = rest[:-1]
    if len(rest) == 1 and (rest[0].lower() in _GENERIC_NAME_WORDS or len(rest[0]) < 4):
        return name  # "American Dental Partners" is not "American"
    if rest[-1].lower() in _DESCRIBING_WORDS or (len(rest) == 2 and rest[0] == "The"):
        return name  # "Tri-State Contract Manufacturing" stays whole; so does "The Alder Lodge"
    return " ".join(rest).removesuffix(
        "."
    )  # "Hartley & Co. CPAs" -> "Hartley & Co", never "... Co.." at a full stop


def short_company(company: str) -> str:
    """The company as people say it: legal suffixes dropped ("Acme Software, Inc." -> "Acme Software"), and a
    long name's trailing trade descriptor too when a distinctive name remains ("Harbour Table Restaurant Group"
    -> "Harbour Table")."""
    # "Firebird Wings (franchisee, 18 units)": a CRM's note in brackets is not part of the name
    short = re.sub(r"\s*\([^()]*\)", "", company).strip() or company
    for _ in range(3):  # "Kestrel Active Pty Ltd", "Harbor City Bank, N.A.": every legal suffix, not just the last
        trimmed = _LEGAL_SUFFIX.sub("", short).strip(" ,")
        if trimmed == short or not trimmed:
            break
        short = trimmed
    # "Keystone Valley Credit Union" -> "Keystone Valley" ("Prairie Union Credit Union" keeps its own "Union")
    union = re.sub(r"\s+(?:Federal\s+)?Credit\s+Union$", "", short)
    if union != short and (
        len(union.split()) > 1 or (len(union) >= 4 and union.lower() not in _GENERIC_NAME_WORDS)
    ):
        return union
    if short.endswith(("&", " and")):
        return _trade_tail_dropped(company)  # "Poutine & Co." is the name, not "Poutine &"; "Lodge & Spa" a trade
    return _trade_tail_dropped(short) if short else company


def city(location: str | None) -> str | None:
    """The city part of "Reno, NV"."""
    text = clean(location)
    return strip_end(text.split(",")[0]) if text else None


@dataclass(frozen=True)
class Fact:
    """One thing we know about the prospect, and the phrases that show a message used it."""

    field: str
    text: str
    markers: tuple[str, ...] = ()
    fuzzy: bool = False  # free text (signals, notes): used when most of its meaningful words appear


def prospect_facts(prospect: ProspectData) -> list[Fact]:
    """The prospect's personalisable facts, one per field value (each signal is its own fact)."""
    facts: list[Fact] = []
    for name in ("first_name", "last_name"):
        value = clean_name(getattr(prospect, name))
        if value:
            facts.append(Fact(name, value, (value,)))
    company = clean(prospect.company)
    if company:
        facts.append(Fact("company", company, tuple(dict.fromkeys((company, short_company(company))))))
    title = clean(prospect.title)
    if title:
        facts.append(Fact("title", title, (title,)))
    location = clean(prospect.location)
    if location:
        facts.append(Fact("location", location, tuple(m for m in (location, city(location)) if m)))
    industry = clean(prospect.industry)
    if industry:
        facts.append(Fact("industry", industry, (industry,)))
    for signal in prospect.signals:
        text = clean(signal)
        if text:
            # a signal in German, French, Spanish or Dutch is used when its English reading is
            english = english_reading([text], None, company=None, offer="")
            facts.append(Fact("signals", strip_end(english or text), fuzzy=True))
    return facts


@lru_cache(maxsize=4096)
def _phrase_re(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE)


def _phrase_in(phrase: str, text: str) -> bool:
    return phrase.lower() in text.lower() and _phrase_re(phrase).search(text) is not None


def fact_present(fact: Fact, text: str) -> bool:
    """Whether `text` uses `fact` (a marker phrase appears, or most of a free-text fact's words do)."""
    if not fact.fuzzy:
        return any(_phrase_in(m, text) for m in fact.markers)
    wanted = content_tokens(fact.text)
    if not wanted:
        return False
    need = min(3, max(2, math.ceil(len(wanted) / 2))) if len(wanted) > 1 else 1
    return len(wanted & content_tokens(text)) >= need


# --- the grounding corpus ----------------------------------------------------------------------

_NUMBER_RE = re.compile(
    r"(?<![\w.,/])([$€£])?\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:\s?(%|percent\b)|\s?(million|billion|thousand)\b|(mm|bn|k|m|b|x)\b)?(?![\w%])",
    re.IGNORECASE,
)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}
# "a 15-minute call", "in 2 weeks": scheduling asks, not claims about results.
_TIME_UNIT = re.compile(r"^[\s-]*(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """A figure as written: its kind decides what it must match (a percentage needs a percentage)."""

    text: str
    kind: str  # percent | multiple | money | plain
    value: float  # scaled: "$1.2M" -> 1_200_000
    raw: float  # as written: "$1.2M" -> 1.2


def numbers_in(text: str, *, skip_time_asks: bool = False) -> list[Number]:
    """Every figure in `text`, parsed ("37%", "$1.2M", "3x", "1,200", "2027")."""
    out: list[Number] = []
    for m in _NUMBER_RE.finditer(text):
        currency, digits, decimals, percent, scale_word, suffix = m.groups()
        raw = float(digits.replace(",", "") + (decimals or ""))
        unit = (scale_word or suffix or "").lower()
        plain_small = not (currency or percent or unit) and raw <= 90
        if skip_time_asks and plain_small and _TIME_UNIT.match(text[m.end() :]):
            continue
        if percent:
            kind = "percent"
        elif unit == "x":
            kind = "multiple"
        elif currency:
            kind = "money"
        else:
            kind = "plain"
        scaled = raw * _SCALE.get(unit, 1.0)
        out.append(Number(m.group(0).strip(), kind, scaled, raw))
    return out


@dataclass
class Corpus:
    """Everything a message may state: the words and figures of the inputs it was written from."""

    words: set[str] = field(default_factory=set)
    numbers: set[tuple[str, float]] = field(default_factory=set)
    raw_numbers: set[float] = field(default_factory=set)
    claims_cache: dict[str, list[str]] = field(default_factory=dict, compare=False)  # line -> claims

    def add_text(self, text: str) -> None:
        self.words.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", text))
        for n in numbers_in(text):
            self.numbers.add((n.kind, n.value))
            self.raw_numbers.add(n.raw)

    def add_number(self, value: float) -> None:
        self.numbers.add(("plain", float(value)))
        self.raw_numbers.add(float(value))

    def grounds(self, n: Number) -> bool:
        """Whether figure `n` is stated somewhere in the corpus, in a compatible form."""
        if n.kind in ("percent", "multiple"):
            return (n.kind, n.value) in self.numbers
        scaled = {value for kind, value in self.numbers if kind in ("plain", "money")}
        if n.kind == "money":
            return n.value in scaled
        return n.value in scaled or n.raw in self.raw_numbers


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


_PROFILE_BASES: dict[int, tuple[AgentProfile, Corpus]] = {}


def _profile_base(profile: AgentProfile) -> Corpus:
    """`_profile_corpus` for this profile object, without dumping it to JSON again for every prospect."""
    hit = _PROFILE_BASES.get(id(profile))
    if hit is not None and hit[0] is profile:
        return hit[1]
    if len(_PROFILE_BASES) > 64:
        _PROFILE_BASES.clear()
    base = _profile_corpus(profile.model_dump_json(exclude={"rubric", "tier_thresholds"}))
    _PROFILE_BASES[id(profile)] = (profile, base)
    return base


@lru_cache(maxsize=64)
def _profile_corpus(profile_json: str) -> Corpus:
    # A sequence checks a dozen messages against one profile; parse its text once, not per message.
    corpus = Corpus()
    for text in _strings(json.loads(profile_json)):
        corpus.add_text(text)
    return corpus


def build_corpus(profile: AgentProfile, prospect: ProspectData, extra: Iterable[str | None] = ()) -> Corpus:
    """The grounding corpus: the prospect's fields, the profile's text and any extra facts.

    Only the profile's *text* counts: its rubric weights and ICP bounds are scoring internals, and
    "20" being a weight must not let a message claim "20% more visits".
    """
    base = _profile_base(profile)
    corpus = Corpus(set(base.words), set(base.numbers), set(base.raw_numbers))
    data = prospect.model_dump()
    for text in _strings(data):
        corpus.add_text(text)
    for name in ("employee_count", "annual_revenue_usd"):
        if data.get(name) is not None:
            corpus.add_number(data[name])
    for fact in extra:
        if fact:
            corpus.add_text(fact)
    # the English reading of a foreign fact grounds its English names ("Andalucía" -> "Andalusia")
    corpus.add_text(english_reading(prospect.signals, prospect.notes, company=None, offer=""))
    return corpus
