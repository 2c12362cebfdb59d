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
from industry_agents.knowledge.copy_observe import OBSERVE, Market, Tool, Trade

if TYPE_CHECKING:
    from copywriter.planner import Plan


@dataclass(frozen=True)
class Observation:
    """What step 1 opens with for a thin record: its sentences and its subjects (best first)."""

    kind: str  # "tool", "trade" or "market"
    lines: tuple[str, ...]
    subjects: tuple[str, ...]


_Entry = Trade | Tool | Market
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


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


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
                    found.append((4.0 if entry.core else 1.0, order, entry, entry.name or m.group(0)))
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
            s.replace("{company}'s", _possessive(short) if short else "your").format(**fill)
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
    return name if name.strip() else short


def _rotated(options: list[str], seed: int) -> list[str]:
    start = seed % len(options) if options else 0
    return options[start:] + options[:start]


def _subject_ok(plan: Plan, subject: str) -> bool:
    if not 2 <= len(subject.split()) <= 5 or len(subject) > 60:
        return False
    return not any(f.severity == "hard" or f.code == "generic_subject" for f in lint_subject(subject, plan.lint))


def observe(plan: Plan) -> Observation | None:
    """The best weak observation the record supports, worded for this reader; None when the record offers none
    (or none is true to the sender's offer)."""
    for _rank, _order, entry, matched in _candidates(plan):
        says, means, subjects = _sentences(plan, entry, matched)
        if not plan.terms.relevant(" ".join(means)):
            continue  # a "so what" the sender's offer does not speak to
        seed = stable_int(plan.ctx.seed, "observe", entry.pattern)
        seen = next((s for s in _rotated(says, seed) if plan.ok(s)), None)
        why = next((s for s in _rotated(means, seed // 7) if plan.ok(s)), None)
        if seen is None or why is None:
            continue
        chosen = [s for s in _rotated(subjects, seed // 11) if _subject_ok(plan, s)]
        if not chosen:
            continue
        kind = "tool" if isinstance(entry, Tool) else "trade" if isinstance(entry, Trade) else "market"
        return Observation(kind=kind, lines=(cap_first(seen), why), subjects=tuple(chosen))
    return None


def trade_clause(plan: Plan) -> tuple[str, str, tuple[str, ...]] | None:
    """(what is generally true of the trade the record names, as a lower-case clause; its "so what"; its
    subjects) for a
    record whose only fact is its size, so the size is merged into the observation ("Across three
    family-medicine sites, annual physicals ... are the visits patients most often put off.")."""
    for _rank, _order, entry, _matched in _candidates(plan):
        if not isinstance(entry, Trade) or not plan.terms.relevant(" ".join(entry.means)):
            continue
        seed = stable_int(plan.ctx.seed, "observe", entry.pattern)
        why = next((s for s in _rotated(list(entry.means), seed // 7) if plan.ok(s)), None)
        subjects = tuple(s for s in _rotated(list(entry.subjects), seed // 11) if _subject_ok(plan, s))
        if why is not None:
            return entry.clause, why, subjects
    return None
