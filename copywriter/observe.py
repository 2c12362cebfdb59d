"""Weak observations for a record with no strong fact: what the company name, industry, notes, technologies or
location tell, said as a real sentence with its "so what" (`industry_agents.knowledge.copy_observe`).

A record whose notes or signals hold a usable fact never gets here: the sentence planner leads with that fact.
A record with nothing at all keeps the industry's general observation ("Most X I talk to ..."). In between,
this module ranks what the record offers:

1. a core tool the offer works with ("IDeaS", "Klaviyo"): the most specific thing the reader runs;
2. a trade named in the company name ("Racino", "Pediatrics", "Fasteners");
3. the market of the location ("Whistler": a mountain resort town);
4. a trade named in the industry text or the notes ("Dentists", "build-to-rent");
5. any other mapped tool (a CRM, an ERP).

Wording is chosen per reader (a stable hash of their email), so two prospects of one offer read different
sentences; the "so what" must share a word with the sender's offer, or the observation is not said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from copywriter.facts import city, clean
from copywriter.lint import lint_subject
from copywriter.text import cap_first, stable_int
from core.text import STOPWORDS, stem, tokens
from industry_agents.knowledge.copy_observe import OBSERVE, Covered, Market, Tool, Trade
from intelligence.english import possessive

if TYPE_CHECKING:
    from copywriter.planner import Plan


@dataclass(frozen=True)
class Observation:
    """What step 1 opens with for a thin record: its sentences and its subjects (best first)."""

    kind: str  # "tool", "trade", "market", "steady" (growth denied) or "kept" (a tool the prospect keeps)
    lines: tuple[str, ...]
    subjects: tuple[str, ...]


_Entry = Trade | Tool | Market
# a tool whose bare name reads as something else ("With Q2 in place" read as a calendar quarter by a tuning reader)
_TOOL_SAID = {"Q2": "the Q2 banking platform"}
_COMPILED: dict[str, list[tuple[re.Pattern[str], _Entry]]] = {}
for _slug, _obs in OBSERVE.items():
    _entries: list[_Entry] = [*_obs.tools, *_obs.trades, *_obs.markets]
    _COMPILED[_slug] = [(re.compile(e.pattern, re.IGNORECASE), e) for e in _entries]


# a trade's words at the end of a company name ("... Credit Union", "... CPAs", "... Dermatology")
_TRADE_TAIL: dict[str, re.Pattern[str]] = {
    slug: re.compile(rf"(?:\s+(?:{'|'.join(e.pattern for e in obs.trades)})[\w'.-]*)+$", re.IGNORECASE)
    for slug, obs in OBSERVE.items()
    if obs.trades
}


_UNLESS: dict[str, re.Pattern[str]] = {
    e.unless: re.compile(e.unless, re.IGNORECASE) for obs in OBSERVE.values() for e in obs.trades if e.unless
}
_COVERED: dict[str, list[tuple[re.Pattern[str], re.Pattern[str] | None, Covered]]] = {
    slug: [
        (re.compile(c.pattern, re.IGNORECASE), re.compile(c.pitches, re.IGNORECASE) if c.pitches else None, c)
        for c in obs.covered
    ]
    for slug, obs in OBSERVE.items()
}

# --- what the record denies or keeps ----------------------------------------------------------------------
# A plan for growth called off ("Hotel tower project shelved in 2025"): "the hotel tower shelved".
_GROWTH_THING = (
    r"expan\w*|tower|wing|annex|new\b|opening|build\w*|construction|development|locations?|sites?|offices?|"
    r"stores?|restaurants?|units?|hotels?|clinics?|acquisitions?"
)
_SHELVED = re.compile(
    r"^(?:the\s+|our\s+|their\s+)?(?P<thing>[\w'&/ -]{2,40}?)\s+(?:(?:project|plans?|build)\s+)?"
    r"(?:(?:was|is|has been|have been|were|got|now)\s+)?"
    r"(?P<verb>shelved|paused|put on hold|on hold|cancell?ed|scrapped|postponed|called off|dropped)\b",
    re.IGNORECASE,
)
_GROWTH_IN = re.compile(rf"\b(?:{_GROWTH_THING})", re.IGNORECASE)
# Growth denied outright ("No expansion planned for 2027", "not adding locations this year", "No plans to open
# new sites"), in English or a few words of the record's own language ("Sin planes de abrir nuevos locales").
_DENIED = re.compile(
    r"^(?:there (?:are|is|will be) )?(?:no|not|none|nor|never)\b(?P<body>.{0,70})$|"
    r"\b(?:sin|no hay) (?:planes? (?:de|para) )?(?:abrir|expandir|expansi[oó]n|nuevos? |nuevas? )|"
    r"\bkeine? (?:weiteren? |neuen? )?(?:Expansion|Erweiterung|Standort|Filiale|Häuser|Hotels?|Praxen|Eröffnung)|"
    r"\b(?:pas de|aucune?) (?:nouvel(?:le)?s? )?(?:ouverture|expansion|établissement|site|restaurant|agence)|"
    r"\bgeen (?:nieuwe )?(?:vestigingen|locaties|uitbreiding|filialen)\b",
    re.IGNORECASE,
)
_EXPANSION = re.compile(r"\bexpan\w*|\berweiterung|\buitbreiding", re.IGNORECASE)
_PLACES = re.compile(
    r"\b(?:new\s+)?(?P<noun>locations?|sites?|offices?|stores?|restaurants?|units?|properties|property|hotels?|"
    r"clinics?|practices?|openings?|branches?|casinos?)\b",
    re.IGNORECASE,
)
_PLANNED = re.compile(r"\b(?:plan\w*|add\w*|open\w*|new|build\w*|this year|next year|20\d\d)\b", re.IGNORECASE)
_WHEN = re.compile(
    r"\b(?P<this>this year|este año|dieses Jahr|cette année|dit jaar)\b|\b(?P<next>next year)\b|"
    r"\b(?P<year>20\d\d)\b",
    re.IGNORECASE,
)
# "Happy with Weave reminders for now", "Klaviyo in-house, happy with it": a tool the prospect keeps
_HAPPY = re.compile(
    r"\b(?:happy|satisfied|content|pleased) with\b|\bhappy with it\b|\b(?:works?|working) (?:fine|well)\b|"
    r"\bno (?:need|plans?) to (?:replace|switch|change)\b|\blikes? (?:it|what)\b|\bzufrieden\b|"
    r"\bcontents? (?:de|avec)\b|\btevreden\b|\bcontentos? con\b|"
    r"^(?:uses|using|runs|already (?:uses|has|runs))\s+(?=[A-Z])",  # "Uses Weave for reminders": in place, kept
    re.IGNORECASE,
)
_SPLIT = re.compile(r"(?<=[.;!?])\s+|;\s*")


def _sentences_of_record(plan: Plan) -> list[str]:
    who = plan.ctx.prospect
    out = [s.strip() for s in who.signals if s and s.strip()]
    out += [s.strip(" .;") for s in _SPLIT.split(clean(who.notes) or "") if s.strip(" .;")]
    return out


def _when(text: str) -> str:
    m = _WHEN.search(text)
    if m is None:
        return ""
    if m.group("this"):
        return " this year"
    if m.group("next"):
        return " next year"
    return f" for {m.group('year')}"


def denied_growth(plan: Plan) -> list[str]:
    """The record's own denials of growth as noun phrases ("the hotel tower shelved", "no expansion planned for
    2027", "no new locations planned this year"), at most two, in record order."""
    out: list[str] = []
    for text in _sentences_of_record(plan):
        phrase = None
        m = _SHELVED.match(text)
        if m and _GROWTH_IN.search(m.group("thing")):
            thing = re.sub(r"\s+(?:project|plans?)$", "", m.group("thing").strip(), flags=re.IGNORECASE)
            words = thing.split()
            named = re.findall(r"[\w'-]+", (plan.ctx.prospect.location or "").lower())  # a place is a name
            if len(words) > 1 and words[1].islower() and words[0].lower() not in named:
                words[0] = words[0].lower()  # sentence case of the record ("Hotel tower"), not a name ("Reno")
            phrase = f"the {' '.join(words)} {m.group('verb').lower()}"
        else:
            d = _DENIED.search(text)
            body = (d.group("body") or "") if d else ""
            plain = d is not None and d.group("body") is not None
            # a plain denial counts when it denies an expansion or new places, said as a plan ("No new hires
            # planned" is no expansion; "No locations outside Texas" denies no plan)
            growth = not plain or _EXPANSION.search(body) or (_PLACES.search(body) and _PLANNED.search(body))
            if d and growth and not _HAPPY.search(text):
                when = _when(text)
                place = _PLACES.search(body) if d.group("body") is not None else None
                if _EXPANSION.search(text):
                    phrase = f"no expansion planned{when}"
                else:
                    noun = place.group("noun").lower() if place else "locations"
                    noun = {"property": "properties", "opening": "openings"}.get(noun, noun)
                    noun = noun if noun.endswith("s") else f"{noun}s"
                    phrase = (
                        f"no new {noun} planned{when}" if noun != "openings" else f"no new openings planned{when}"
                    )
        if phrase and phrase not in out:
            out.append(phrase)
    return out[:2]


def kept_tool(plan: Plan) -> tuple[Covered, str, re.Pattern[str] | None] | None:
    """A tool the record says the prospect is happy with, as (its knowledge, what to call it, what would pitch
    against it), or None."""
    for text in _sentences_of_record(plan):
        if not _HAPPY.search(text):
            continue
        for pattern, pitches, covered in _COVERED.get(plan.ctx.profile.industry, []):
            found = [m.group(0) for m in pattern.finditer(text)]
            if found:
                brand = next((f for f in found if f[:1].isupper()), None)
                return covered, brand or covered.name, pitches
    return None


def _candidates(plan: Plan) -> list[tuple[float, int, _Entry, str]]:
    """(rank, order, entry, the text it matched) for everything the record offers, best first."""
    compiled = _COMPILED.get(plan.ctx.profile.industry)
    if not compiled:
        return []
    who = plan.ctx.prospect
    name = clean(who.company) or ""
    industry = clean(who.industry) or ""
    notes = clean(who.notes) or ""
    place = city(who.location) or ""
    said = " ".join([notes, *who.signals])
    found: list[tuple[float, int, _Entry, str]] = []
    for order, (pattern, entry) in enumerate(compiled):
        if isinstance(entry, Trade) and entry.unless and _UNLESS[entry.unless].search(said):
            continue  # the record says otherwise
        if isinstance(entry, Tool):
            for tech in who.technologies:
                m = pattern.search(tech)
                if m:
                    said_as = entry.name or _TOOL_SAID.get(m.group(0), m.group(0))
                    found.append((4.0 if entry.core else 1.0, order, entry, said_as))
                    break
        elif isinstance(entry, Trade):
            if pattern.search(name):
                found.append((3.0, order, entry, name))
            elif pattern.search(industry) or pattern.search(notes):
                found.append((2.0, order, entry, industry))
        elif place and pattern.search(place):
            found.append((2.5, order, entry, place))
    found.sort(key=lambda c: (-c[0], c[1]))
    return found


def _sentences(plan: Plan, entry: _Entry, matched: str) -> tuple[list[str], list[str], list[str]]:
    """(observation wordings, "so what" wordings, subjects) of one entry, filled in for this prospect."""
    short = plan.company
    if isinstance(entry, Tool):
        fill = {"tool": matched, "company": short or "your team"}
        # a wording that names the company first: two prospects who run the same tool never share it
        named = [s for s in entry.says if "{company}" in s] if short else []
        says = [
            # "your IGT Advantage": the full name in the possessive read like mail merge (readers of holdout23)
            s.replace("{company}'s", "your").format(**fill)
            for s in (named or [s for s in entry.says if "{company}" not in s])
        ]
        subjects = [s.format(**fill) for s in entry.subjects]
        return says, list(entry.means), subjects
    if isinstance(entry, Trade):
        # named when the company is known, so two prospects of one trade never share the sentence
        name = _without_trade(short, plan.ctx.profile.industry) if short else None
        says = [f"For {entry.trade} like {name}, {entry.clause}."] if name else []
        if not says or not plan.ok(says[0]):
            # the record tells the trade only by inference ("Smiles" for a dental practice): said as general
            says = [f"In {entry.field or entry.trade}, {entry.clause}."]
        return says, list(entry.means), list(entry.subjects)
    says = [
        f"In {entry.market} like {matched}, {entry.clause}.",
        f"{entry.at.format(place=matched)}, {entry.clause}.",
    ]
    return says, list(entry.means), list(entry.subjects)


_GENERIC_TAIL = re.compile(
    r"\s+(?:&\s+)?(?:Partners|Group|Associates|Company|Co\.?|Holdings|Hotels?|Restaurants|Clinics?|LLP|LLC|Inc\.?|Ltd\.?)$",
    re.IGNORECASE,
)


def _without_trade(short: str, slug: str) -> str:
    """The company's name without the trade words the sentence already says ("For a credit union like Valley
    Heritage", not "... like Valley Heritage Credit Union"); the whole name when nothing else would remain."""
    tail = _TRADE_TAIL[slug]
    name = short
    while True:
        trimmed = _GENERIC_TAIL.sub("", name)
        trimmed = tail.sub("", trimmed).rstrip(" &,")
        if trimmed == name or not trimmed or len(trimmed.split()) < 1:
            break
        name = trimmed
    # "Buckeye Valley Community" reads cut off: a describing word left at the end goes too ("Buckeye Valley")
    words = name.split()
    while (
        len(words) > 1
        and words[-1].lower() in ("community", "family", "regional", "national", "federal", "teachers")
        and (len(words) > 2 or len(words[0]) >= 6)  # "Lakes Regional" stays whole
    ):
        words.pop()
    name = " ".join(words)
    return name if name.strip() else short


def _rotated(options: list[str], seed: int) -> list[str]:
    start = seed % len(options) if options else 0
    return options[start:] + options[:start]


def _subject_ok(plan: Plan, subject: str) -> bool:
    if not 2 <= len(subject.split()) <= 5 or len(subject) > 60:
        return False
    return not any(f.severity == "hard" or f.code == "generic_subject" for f in lint_subject(subject, plan.lint))


def _kept_lines(
    plan: Plan, kept: tuple[Covered, str, re.Pattern[str] | None], after_with: bool = False
) -> list[str]:
    """What a tool the prospect keeps covers and what the offer adds beyond it, or [] when either would not
    pass the checker or the offer does not speak to it (`after_with`: never a second sentence opening "With")."""
    covered, tool, _ = kept
    if not plan.terms.relevant(" ".join(covered.means)):
        return []
    seed = stable_int(plan.ctx.seed, "kept", covered.pattern)
    says = [s.format(tool=tool) for s in covered.says if not (after_with and s.startswith("With "))]
    seen = next((cap_first(s) for s in _rotated(says, seed) if plan.ok(cap_first(s))), None)
    why = next((s for s in _rotated(list(covered.means), seed // 7) if plan.ok(s)), None)
    return [seen, why] if seen and why else []


def kept_why(plan: Plan, said: str) -> str | None:
    """What the offer adds beyond a tool the prospect keeps, when the sentence `said` names that tool ("Sunrise
    Pediatrics uses Weave for reminders." -> "The ones reminders don't reach are patients ..."), or None."""
    kept = kept_tool(plan)
    if kept is None or kept[1] not in said:
        return None
    lines = _kept_lines(plan, kept)
    return lines[1] if lines else None


def _steady(plan: Plan, kept: tuple[Covered, str, re.Pattern[str] | None] | None) -> Observation | None:
    """For an offer that works the customers the prospect already has, a record that denies growth is the
    angle: "With the hotel tower shelved and no expansion planned for 2027, more play will likely come from the
    rated players already in Stillwater Downs' database." """
    obs = OBSERVE.get(plan.ctx.profile.industry)
    short = plan.company
    if obs is None or obs.steady is None or not short or not plan.terms.relevant(" ".join(obs.steady.means)):
        return None
    denied = denied_growth(plan)
    if not denied:
        return None
    steady = obs.steady
    seed = stable_int(plan.ctx.seed, "steady")
    said = " and ".join(denied)
    says = [
        f"With {said}, " + s.replace("{company}'s", possessive(short)).replace("{company}", short) + "."
        for s in steady.says
    ]
    seen = next((s for s in _rotated(says, seed) if plan.ok(s)), None)
    if seen is None:
        return None
    # a tool the prospect keeps: what the offer adds beyond it is the "so what"
    beyond = _kept_lines(plan, kept, after_with=True) if kept is not None else []
    why = next((s for s in _rotated(list(steady.means), seed // 7) if plan.ok(s)), None)
    lines = [seen, *beyond] if beyond else [seen, why] if why else []
    subjects = [s for s in _rotated(list(steady.subjects), seed // 11) if _subject_ok(plan, s)]
    if len(lines) < 2 or not subjects:
        return None
    return Observation(kind="steady", lines=tuple(lines), subjects=tuple(subjects))


def _kept(plan: Plan, kept: tuple[Covered, str, re.Pattern[str] | None]) -> Observation | None:
    """A tool the prospect says they are happy with, acknowledged, and what the offer adds beyond it."""
    lines = _kept_lines(plan, kept)
    if not lines:
        return None
    covered, tool, _ = kept
    seed = stable_int(plan.ctx.seed, "kept", covered.pattern)
    subjects = [s.format(tool=tool) for s in _rotated(list(covered.subjects), seed // 11)]
    subjects = [s for s in subjects if _subject_ok(plan, s)]
    return Observation(kind="kept", lines=tuple(lines), subjects=tuple(subjects)) if subjects else None


def observe(plan: Plan) -> Observation | None:
    """The best weak observation the record supports, worded for this reader; None when the record offers none
    (or none is true to the sender's offer). A tool the prospect keeps leads, acknowledged and never pitched
    against; else a record that denies growth leads for an offer that works the customers it already has."""
    kept = kept_tool(plan)
    # a tool they keep leads over a denial of growth: blind readers asked to cut the "With no new locations
    # planned ..." opener when the record names the tool
    said = (_kept(plan, kept) if kept is not None else None) or _steady(plan, None)
    if said is not None:
        return said
    pitches = kept[2] if kept is not None else None
    for _rank, _order, entry, matched in _candidates(plan):
        says, means, subjects = _sentences(plan, entry, matched)
        if not plan.terms.relevant(" ".join(means)):
            continue  # a "so what" the sender's offer does not speak to
        seed = stable_int(plan.ctx.seed, "observe", entry.pattern)
        seen = next((s for s in _rotated(says, seed) if plan.ok(s)), None)
        # never a "so what" that sells what the record says the prospect already has and likes, nor one that says
        # the observation again (tuning readers of holdout21 cut "A note before the next season is usually what
        # brings the second order." after "... waits for the next season unless someone writes before it")
        why = next(
            (
                s
                for s in _rotated(means, seed // 7)
                if plan.ok(s) and not (pitches and pitches.search(s)) and not (seen and _restates(s, seen))
            ),
            None,
        )
        if seen is None or why is None:
            continue
        chosen = [s for s in _rotated(subjects, seed // 11) if _subject_ok(plan, s)]
        if not chosen:
            continue
        kind = "tool" if isinstance(entry, Tool) else "trade" if isinstance(entry, Trade) else "market"
        return Observation(kind=kind, lines=(cap_first(seen), why), subjects=tuple(chosen))
    return None


def _restates(why: str, seen: str) -> bool:
    """Whether most of the "so what"'s own words are already in the observation."""
    own = {stem(w) for w in tokens(why)} - STOPWORDS
    return len(own) >= 3 and len(own & ({stem(w) for w in tokens(seen)} - STOPWORDS)) * 2 > len(own)


def trade_clause(plan: Plan) -> tuple[str, str, tuple[str, ...]] | None:
    """(what is generally true of the trade the record names, as a lower-case clause; its "so what"; its
    subjects) for a
    record whose only fact is its size, so the size is merged into the observation ("Across three
    family-medicine sites, annual physicals ... are the visits patients most often put off.")."""
    kept = kept_tool(plan)
    pitches = kept[2] if kept is not None else None
    for _rank, _order, entry, _matched in _candidates(plan):
        if not isinstance(entry, Trade) or not plan.terms.relevant(" ".join(entry.means)):
            continue
        seed = stable_int(plan.ctx.seed, "observe", entry.pattern)
        why = next(
            (
                s
                for s in _rotated(list(entry.means), seed // 7)
                if plan.ok(s) and not (pitches and pitches.search(s))
            ),
            None,
        )
        subjects = tuple(s for s in _rotated(list(entry.subjects), seed // 11) if _subject_ok(plan, s))
        if why is not None:
            return entry.clause, why, subjects
    return None
