"""A fact written in German, French, Spanish or Dutch, said in English as the opening sentence.

`intelligence.foreign` reads a foreign signal or notes sentence into the facts layer's fields (an event's lemma,
object and date; a count of sites; a gap the offer fills). This module builds an English sentence and a 2-5-word
subject line from those fields and `intelligence.glossary`: "Nieuw kantoor in Utrecht geopend" -> "Congrats on
opening the Utrecht office."; "Wiedereröffnung im Mai nach Renovierung aller Zimmer" -> "You're reopening in
May after renovating every room."; "Sucht Revenue Manager (m/w/d)" -> "I saw that Alpenhof is hiring a revenue
manager." Every word of the fact must be known (a glossary word, a number, a date, an English job-title word)
or a proper name after a place preposition; anything else returns nothing and the fact stays out of the copy,
so a foreign fragment is never pasted. The email stays English and the soft `language` issue still asks the user
to confirm the prospect reads English (`copywriter.language`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from copywriter.restate import Restated
from intelligence import glossary as g
from intelligence.facts import Event, Mention, Quantity
from intelligence.foreign import ForeignReading, Token, read_foreign, tokens

if TYPE_CHECKING:
    from copywriter.angles import CopyFact, OfferTerms

_YEAR = re.compile(r"(?:19|20)\d\d")
_QUARTER = re.compile(r"[qQ][1-4]")
_ACRONYM = re.compile(r"[A-Z0-9]{2,}")
_MONTHS = g.words("January February March April May June July August September October November December")
_PLURALS = {"branch": "branches", "loyalty program": "loyalty programs", "team": "teams"}
# what a gap is about, and the offer words that fill it ("nog geen salesteam" for an outbound agency)
_GAP_FILLERS = {
    "sales team": ("sdr", "outbound", "pipeline", "meeting", "sales", "prospect"),
    "marketing team": ("market", "campaign", "email", "sms", "ads", "brand", "acquisition"),
    "team": (),
}


def _plural(noun: str) -> str:
    return _PLURALS.get(noun) or (noun if noun.endswith("s") else f"{noun}s")


def _a(phrase: str) -> str:
    return f"{'an' if phrase[:1].lower() in 'aeiou' else 'a'} {phrase}"


@dataclass(frozen=True)
class Phrase:
    """An object said in English: "a second hotel" in "Lyon"."""

    np: str  # "a second hotel", "every room", "twelve clinics", "the new office"
    head: str  # "hotel"
    core: str  # "second hotel", "new office": the np without article or count
    place: str = ""  # "Lyon", "France"
    toward: bool = False  # "naar Frankrijk": into France

    def with_place(self) -> str:
        if not self.place:
            return self.np
        return f"{self.np} {'into' if self.toward else 'in'} {self.place}"


def _noun_at(toks: list[Token], i: int) -> tuple[str, bool, int] | None:
    """(English noun, plural, tokens used) for the longest glossary noun at `i`; "CNC-Fertigungslinie" keeps
    its acronym prefix."""
    for n in range(min(g.LONGEST_NOUN, len(toks) - i), 0, -1):
        key = " ".join(t.fold for t in toks[i : i + n])
        if key in g.NOUNS:
            english, plural = g.NOUNS[key]
            return english, plural, n
    prefix, _, rest = toks[i].text.rpartition("-")
    if prefix and _ACRONYM.fullmatch(prefix) and g.fold(rest) in g.NOUNS:
        english, plural = g.NOUNS[g.fold(rest)]
        return f"{prefix} {english}", plural, 1
    return None


def _place_at(toks: list[Token], i: int, german: bool) -> tuple[str, int] | None:
    """(English place, tokens used) for a name at `i`: a known country, region or city, else (not in German,
    where every noun is capitalised) capitalised words that are no glossary word ("Utrecht", "Lyon")."""
    for n in (3, 2, 1):
        if i + n <= len(toks):
            known = g.place(" ".join(t.text for t in toks[i : i + n]))
            if known:
                return known, n
    if german:
        return None
    n = 0
    while i + n < len(toks) and n < 3:
        t = toks[i + n]
        if not t.text[:1].isupper() or t.fold in g.NOUNS or t.fold in g.VERBS or g.month(t.fold):
            break
        n += 1
    return (" ".join(t.text for t in toks[i : i + n]), n) if n else None


def phrase(written: str) -> Phrase | None:
    """The object of a foreign fact in English, or None when one of its words is not known."""
    toks = tokens(written)
    count, every, ordinal, adjectives = 0, False, "", []
    head: tuple[str, bool] | None = None
    place, toward = "", False
    i = 0
    while i < len(toks):
        t = toks[i]
        if head is None and t.fold in g.EVERY:
            every = True
        elif head is None and t.fold in g.ONE:
            count = count or 1
        elif t.fold in g.ARTICLES:
            pass
        elif head is None and (t.fold in g.NUMBERS or (t.fold.isdigit() and not _YEAR.fullmatch(t.fold))):
            count = g.NUMBERS.get(t.fold) or int(t.fold)
        elif head is None and t.fold in g.ORDINALS:
            ordinal = g.ORDINALS[t.fold]
        elif t.fold in g.ADJECTIVES:  # before the noun, or after it ("application mobile")
            adjectives.append(g.ADJECTIVES[t.fold])
        elif (t.fold in g.PLACE_PREPOSITIONS or t.fold in g.TOWARD) and not place and i + 1 < len(toks):
            j = i + 1 + (toks[i + 1].fold in g.ARTICLES)
            found = _place_at(toks, j, any(w.fold in g.GERMAN for w in toks))
            if found is None:
                return None
            place, toward = found[0], t.fold in g.TOWARD
            i = j + found[1]
            continue
        elif head is None and (found_noun := _noun_at(toks, i)) is not None:
            head = (found_noun[0], found_noun[1])
            i += found_noun[2]
            continue
        else:
            return None
        i += 1
    if head is None:
        return (
            Phrase("", "", "", place, toward) if place and not (count or every or ordinal or adjectives) else None
        )
    noun, plural = head[0], head[1]
    core = " ".join([*([ordinal] if ordinal else []), *adjectives, noun])
    if every:
        np = f"every {core}"
    elif count > 1 or (plural and count != 1):
        if count <= 1:
            return None  # "Zimmer" alone: how many is not said
        np = f"{g.ENGLISH_NUMBERS.get(count, str(count))} {_plural(core)}"
    else:
        np = _a(core)
    return Phrase(np, noun, core, place, toward)


def when(written: str | None) -> str | None:
    """A date as written in English ("im Mai" -> "in May", "en 2027" -> "in 2027", "au printemps 2027" ->
    "in spring 2027"); "" for no date; None when a word is unknown."""
    if not written:
        return ""
    month = season = year = quarter = ""
    by = False
    for t in tokens(written):
        if t.fold in g.BY:
            by = True  # "bis Juni": by June
            continue
        if t.fold in g.DATE_PREPOSITIONS or t.fold in g.ARTICLES:
            continue
        if _YEAR.fullmatch(t.fold):
            year = t.fold
        elif _QUARTER.fullmatch(t.fold):
            quarter = t.fold.upper()
        elif t.fold in g.SEASONS:
            season = g.SEASONS[t.fold]
        elif g.month(t.fold):
            month = g.month(t.fold) or ""
        else:
            return None
    what = month or quarter or season
    prep = "by" if by else "in"
    if what and year:
        return f"{prep} {what} {year}"
    if season:
        return f"{prep} the {season}"
    return f"{prep} {what or year}" if what or year else None


def _role(written: str) -> str | None:
    """A job ad's role in English with its article: "Revenue Manager" -> "a revenue manager", "2
    Instandhaltungstechniker" -> "two maintenance technicians"; None for a title with an unknown word."""
    toks = tokens(re.sub(r"\s*\([^()]*\)", "", written))  # an aside ("(SDR)") is not part of the title
    count = 0
    while toks and (toks[0].fold in g.ARTICLES or toks[0].fold in g.NUMBERS or toks[0].fold.isdigit()):
        if toks[0].fold in g.NUMBERS or toks[0].fold.isdigit():
            count = g.NUMBERS.get(toks[0].fold) or int(toks[0].fold)
        toks = toks[1:]
    if not toks:
        return None
    title = " ".join(t.fold for t in toks)
    if title in g.ROLES:
        role = g.ROLES[title]
    elif len(toks) == 1 and (compound := g.german_role(toks[0].text)):
        role = compound
    elif all(t.fold in g.ROLE_WORDS for t in toks):
        role = " ".join(t.text if _ACRONYM.fullmatch(t.text) else t.fold for t in toks)
        if count > 1 or (role.endswith("s") and not _ACRONYM.fullmatch(toks[-1].text)):
            role = role.removesuffix("s")
            count = count or 2  # "Business Developers" with no number: more than one
    else:
        return None
    if count > 1:
        return f"{g.ENGLISH_NUMBERS.get(count, str(count))} {_plural(role)}"
    return _a(role)


# --- sentences -----------------------------------------------------------------------------------------------

_ING = {
    "open": "opening",
    "reopen": "reopening",
    "renovate": "renovating",
    "expand": "expanding",
    "launch": "launching",
}


_AFTER_NOUN = {
    "open": "the opening",
    "reopen": "the reopening",
    "renovate": "a renovation",
    "expand": "an expansion",
    "launch": "the launch",
}


def _after(second: Event | None) -> str | None:
    """ "nach Renovierung aller Zimmer" -> " after renovating every room"; "" for none; None when unknown."""
    if second is None:
        return ""
    if second.lemma not in _ING or second.negated:
        return None
    said = phrase(second.object) if second.object else None
    if second.object and said is None:
        return None
    if said is None or not said.np:
        return f" after {_AFTER_NOUN[second.lemma]}"  # "na renovatie": after a renovation
    return f" after {_ING[second.lemma]} {said.with_place()}"


@dataclass(frozen=True)
class Said:
    """A foreign fact in English: the opening sentence and subject, and the fact as an English record line
    ("Opened a new office in Utrecht") that the writer's English reader takes for its key words and so-whats."""

    restated: Restated
    english: str


def _said(sentence: str, subject: str, english: str) -> Said:
    return Said(
        Restated(sentence, subject if len(subject.split()) <= 5 else " ".join(subject.split()[:5])), english
    )


_PAST = {
    "open": "Opened",
    "reopen": "Reopened",
    "renovate": "Renovated",
    "expand": "Expanded",
    "launch": "Launched",
}


_OWN_TEAM = "Open roles on your own team usually mean the people you have are covering more than they should."


def _event(event: Event, second: Event | None, company: str, field: str, title: str = "") -> Said | None:
    if event.negated:
        return None
    date = when(event.date_text)
    after = _after(second)
    if date is None or after is None:
        return None
    dated = f" {date}" if date else ""
    if event.lemma == "hire":
        role = _role(event.object)
        if role is None or not company:
            return None
        lead = f"I saw that {company} is" if field == "signals" else "You're"
        subject = role if role.split()[0] not in ("a", "an") else f"hiring {role}"
        hiring = _said(
            f"{lead} hiring {role}{dated}.",
            subject if len(subject.split()) <= 5 else "the open role",
            f"Hiring {role}{dated}",
        )
        # a role in the reader's own area ("Instandhaltungstechniker" for a "Leiter Instandhaltung")
        own = any(w in g.fold(event.object) for w in re.findall(r"\w{5,}", g.fold(title)))
        return replace(hiring, restated=replace(hiring.restated, why=_OWN_TEAM)) if own else hiring
    said = phrase(event.object) if event.object else Phrase("", "", "")
    if said is None or event.lemma not in _ING:
        return None
    ing = _ING[event.lemma]
    past = event.tense == "past"
    if event.lemma == "reopen":
        if said.np or said.place:
            return None  # "reopening a hotel in ...": not a shape read here
        month = date.split()[1] if date.startswith("in ") and date.split()[1].lower() in _MONTHS else ""
        subject = f"the {month} reopening" if month else "the reopening"
        if past:
            return _said(f"Congrats on reopening{after}.", subject, f"Reopened{after}")
        return _said(f"You're reopening{dated}{after}.", subject, f"Reopening{dated}{after}")
    if event.lemma == "expand":
        if not said.place or said.np:
            return None  # "naar Frankrijk", "en Allemagne", "a Portugal": a place, and nothing else
        return _said(
            f"You're expanding into {said.place}{dated}.",
            f"the {said.place} expansion",
            f"Expanding into {said.place}{dated}",
        )
    if not said.np:
        return None
    told = f"{said.with_place()}{dated}{after}"
    english = f"{_PAST[event.lemma] if past else ing.capitalize()} {told}"
    if event.lemma == "open" and past:
        new = said.core.startswith("new ") and said.np.startswith("a ")
        if new and said.place and len(said.place.split()) <= 2:
            thing = f"the {said.place} {said.core.removeprefix('new ')}"  # "the Utrecht office"
            return _said(f"Congrats on opening {thing}{dated}{after}.", thing, english)
        return _said(f"Congrats on opening {told}.", f"the {said.core}", english)
    if past:
        return _said(f"Congrats on {ing} {told}.", f"the {said.core}", english)
    subject = f"the {said.core} in {said.place}" if said.place else f"the {said.core}"
    if event.lemma == "launch" and said.np.startswith(("a ", "an ")):
        subject = f"the {said.core} launch" if not said.core.startswith("new ") else f"the {said.core}"
    if event.lemma == "renovate":
        subject = "the renovation"
    return _said(
        f"You're {ing} {told}.",
        subject if len(subject.split()) <= 5 else f"the {said.head}",
        english,
    )


def _quantity(q: Quantity) -> Said | None:
    n = int(q.value)
    said = phrase(f"{n} {q.measure}") if q.value == n else None
    if said is None or not said.np or n < 2:
        return None
    number = g.ENGLISH_NUMBERS.get(n, str(n))
    np = f"{number} {_plural(said.core)}"
    verb = "have" if said.head == "room" else "run"
    where = f" in {said.place}" if said.place else ""
    return _said(f"You {verb} {np}{where}.", f"your {np}", f"{np[:1].upper()}{np[1:]}{where}")


def _gap(gap: Mention, offer: str, company: str) -> Said | None:
    toks = tokens(gap.keyword)
    yet = " yet" if any(t.fold in g.YET for t in toks) else ""
    last = max((i for i, t in enumerate(toks) if t.fold in g.YET or t.fold in g.NEGATIONS), default=-1)
    rest = toks[last + 1 :]
    own = bool(rest) and rest[0].fold in g.OWN
    said = phrase(gap.keyword[rest[1 if own else 0].start :]) if len(rest) > own else None
    if said is None or said.np != _a(said.core) or said.place:
        return None
    if own:  # "kein eigenes Marketingteam": no in-house marketing team
        said = Phrase(_a(f"in-house {said.core}"), said.head, f"in-house {said.core}")
    fillers = _GAP_FILLERS.get(said.core.removeprefix("in-house "))
    if not fillers or not any(w in offer.lower() for w in fillers):
        return None  # a gap the offer does not fill is not the hook
    area = said.core.removeprefix("in-house ").removesuffix(" team")
    if company and area != said.core:
        # who does that work today is the "so what", as for an English gap (copywriter.restate.gap)
        sentence = (
            f"With no {said.core} at {company}{yet}, {area} work usually lands on your desk along with everything "
            "else."
        )
    else:
        sentence = f"You don't have {said.np}{yet}."
    return _said(sentence, f"without {said.np}", f"No {said.core}{yet}")


def english_fact(fact: CopyFact, english: str, terms: OfferTerms | None) -> CopyFact:
    """`fact` as the writer's English reader reads its English wording; `raw` stays the record's own text."""
    from copywriter.angles import read_fact  # the reader imports the lint context, which imports this module

    read = read_fact(english, fact.field, terms)
    return replace(read, raw=fact.raw) if read is not None else fact


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", g.fold(text)).strip()


def restatements(
    facts: Iterable[tuple[str, str]],
    signals: list[str] | tuple[str, ...],
    notes: str | None,
    *,
    company: str | None,
    offer: str,
    title: str | None = None,
    reading: ForeignReading | None = None,
) -> dict[str, Said]:
    """For each (field, raw) fact of the writer that the facts layer read in a foreign language and every word of
    which is known, its English opening sentence, keyed by `raw`."""
    reading = reading if reading is not None else read_foreign(signals, notes)
    if not (reading.events or reading.quantities or reading.gaps):
        return {}
    co = company or ""
    by_span: dict[str, list[Event | Quantity | Mention]] = {}
    items: list[Event | Quantity | Mention] = [*reading.events, *reading.quantities, *reading.gaps]
    for item in items:
        by_span.setdefault(_key(item.span.text), []).append(item)
    out: dict[str, Said] = {}
    for field, raw in facts:
        found = by_span.get(_key(g.JOB_TAG.sub("", raw))) or by_span.get(_key(raw))
        said = _realise(found, field, co, offer, title or "") if found else None
        if said is not None:
            out[raw] = said
    return out


def _realise(
    items: list[Event | Quantity | Mention], field: str, company: str, offer: str, title: str = ""
) -> Said | None:
    """The English sentence for what the facts layer read in one span."""
    events = [i for i in items if isinstance(i, Event)]
    if events:
        second = next((e for e in events[1:] if e.lead_in), None)
        return _event(events[0], second, company, field, title)
    for item in items:
        said = (
            _quantity(item)
            if isinstance(item, Quantity)
            else _gap(item, offer, company)
            if isinstance(item, Mention)
            else None
        )
        if said is not None:
            return said
    return None


def english_reading(
    signals: list[str] | tuple[str, ...], notes: str | None, *, company: str | None, offer: str
) -> str:
    """Every foreign fact of the record said in English, one sentence each ("" for an English record): the
    checker grounds a claim in it as in the record's own words ("Congrats on opening the Utrecht office")."""
    reading = read_foreign(signals, notes)
    if not (reading.events or reading.quantities or reading.gaps):
        return ""
    spans: dict[tuple[str, int | None, int], list[Event | Quantity | Mention]] = {}
    items: list[Event | Quantity | Mention] = [*reading.events, *reading.quantities, *reading.gaps]
    for item in items:
        spans.setdefault((item.span.field, item.span.index, item.span.start), []).append(item)
    said = [_realise(items, key[0], company or "", offer) for key, items in spans.items()]
    return " ".join(s.restated.sentence for s in said if s is not None)


__all__ = ["Phrase", "Said", "english_fact", "english_reading", "phrase", "restatements", "when"]
