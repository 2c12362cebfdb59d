"""A fact written in German, French, Spanish or Dutch, said in English as the opening sentence.

`intelligence.foreign` reads a foreign signal or notes sentence into the facts layer's fields (an event's lemma,
object and date; a count of sites; a gap the offer fills). This module builds an English sentence and a 2-5-word
subject line from those fields and `intelligence.glossary`: "Nieuw kantoor in Utrecht geopend" -> "Congrats on
opening the Utrecht office."; "Wiedereröffnung im Mai nach Renovierung aller Zimmer" -> "You're reopening in
May after renovating every room."; "Sucht Revenue Manager (m/w/d)" -> "I saw that Alpenhof is hiring a revenue
manager."; nominal events and figures too ("Fusion avec la Banque du Lac finalisée en juin" -> "Congrats on
closing your merger with Banque du Lac in June."; "Expedia liefert den Großteil der Buchungen" -> "Expedia
brings in most of your bookings."). Every word of the fact must be known (a glossary word, a number, a date, an
English job-title word) or a proper name (after a place preposition, a merger's "avec", a move's "à", in
quotes; in German it must look like one); anything else returns nothing and the fact stays out of the copy, so
a foreign fragment is never pasted. The email stays English and the soft `language` issue still asks the user
to confirm the prospect reads English (`copywriter.language`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from copywriter.restate import Restated
from core.text import DATE_STAMP
from intelligence import glossary as g
from intelligence.english import a as with_article
from intelligence.english import join, plural
from intelligence.facts import Event, Mention, Quantity
from intelligence.foreign import ForeignReading, Token, read_foreign, tokens

if TYPE_CHECKING:
    from copywriter.angles import CopyFact, OfferTerms

_YEAR = re.compile(r"(?:19|20)\d\d")
_QUARTER = re.compile(r"[qQtT][1-4]")  # "T2" (trimestre) is Q2
_ACRONYM = re.compile(r"[A-Z0-9]{2,}")
_MONTH_NAMES = "January February March April May June July August September October November December"
_MONTHS = frozenset(_MONTH_NAMES.lower().split())
_PLURALS = {"press": "presses"}  # a noun in -s that is singular ("presses", not "press")
# what a gap is about, and the offer words that fill it ("nog geen salesteam" for an outbound agency)
_GAP_FILLERS = {
    "sales team": ("sdr", "outbound", "pipeline", "meeting", "sales", "prospect"),
    "marketing team": ("market", "campaign", "email", "sms", "ads", "brand", "acquisition"),
    "team": (),
}


def _plural(noun: str) -> str:
    """ "new branch" -> "new branches": the last word takes the plural (`inflect`, via `intelligence.english`)."""
    return _PLURALS.get(noun) or (noun if noun.endswith("s") else plural(noun))


@dataclass(frozen=True)
class Phrase:
    """An object said in English: "a second hotel" in "Lyon"."""

    np: str  # "a second hotel", "every room", "twelve clinics", "the new office"
    head: str  # "hotel"
    core: str  # "second hotel", "new office": the np without article or count
    place: str = ""  # "Lyon", "France"
    toward: bool = False  # "naar Frankrijk": into France
    name: str = ""  # a name in quotes: "« Club Azur »" -> "Club Azur"

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
    if prefix and g.fold(rest) in g.NOUNS:
        english, plural = g.NOUNS[g.fold(rest)]
        if _ACRONYM.fullmatch(prefix):
            return f"{prefix} {english}", plural, 1
        if g.fold(prefix) in g.COMPOUND_MODIFIERS:  # "Wellness-Flügel": a wellness wing
            return f"{g.COMPOUND_MODIFIERS[g.fold(prefix)]} {english}", plural, 1
    compound = g.german_compound(toks[i].text, g.THING_TAILS, bare=False)  # "Spritzgussanlage"
    if compound:
        return compound, compound.endswith("s"), 1
    return None


def _places_at(toks: list[Token], i: int, german: bool) -> tuple[str, int] | None:
    """A place, or two joined by "and" ("Frankrijk en Spanje" -> "France and Spain")."""
    first = _place_at(toks, i, german)
    if first is None:
        return None
    j = i + first[1]
    # a known place, or (not in German) a capitalised name after "et"/"y"/"en" ("à Mirabel et Blainville")
    if (
        j + 1 < len(toks)
        and toks[j].fold in g.AND
        and (
            g.place(toks[j + 1].text)
            or g.place(toks[j + 1].fold)
            or (not german and toks[j + 1].text[:1].isupper())
        )
    ):
        second = _place_at(toks, j + 1, german)
        if second is not None:
            return f"{first[0]} and {second[0]}", first[1] + 1 + second[1]
    return first


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


_QUOTES = '«»“”" '


def phrase(written: str) -> Phrase | None:
    """The object of a foreign fact in English, or None when one of its words is not known."""
    toks = tokens(written)
    count, every, ordinal, adjectives = 0, False, "", []
    head: tuple[str, bool] | None = None
    place, toward, name, size = "", False, "", ""
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.text[:1] in '«“"' and not name:
            name = t.text.strip(_QUOTES)  # "programme de fidélité « Club Azur »": its name
        elif (
            head is not None
            and not size
            and t.fold in g.WITH | {"de"}
            and i + 2 < len(toks)
            and toks[i + 1].fold.isdigit()
            and toks[i + 2].fold in g.SIZE_UNITS
        ):
            size = f"{toks[i + 1].text}-{g.SIZE_UNITS[toks[i + 2].fold]}"  # "de 180 chambres": 180-room
            i += 3
            continue
        elif (
            t.fold.isdigit() and i + 2 < len(toks) and toks[i + 1].text == "%" and toks[i + 2].fold in g.ADJECTIVES
        ):
            adjectives.append(f"{t.text}% {g.ADJECTIVES[toks[i + 2].fold]}")  # "100 % numérique": 100% digital
            i += 3
            continue
        elif i == 0 and t.fold in g.OF:
            pass  # "van een nieuw hotel": what the event is about follows
        elif head is None and t.fold in g.EVERY:
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
            found = _places_at(toks, j, any(w.fold in g.GERMAN for w in toks))
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
    core = " ".join([*([ordinal] if ordinal else []), *adjectives, *([size] if size else []), noun])
    if every:
        np = f"every {core}"
    elif count > 1 or (plural and count != 1):
        if count <= 1:
            return None  # "Zimmer" alone: how many is not said
        np = f"{g.ENGLISH_NUMBERS.get(count, str(count))} {_plural(core)}"
    else:
        np = with_article(core)
    return Phrase(np, noun, core, place, toward, name)


_SEASON_ENDS = {"spring": 5, "summer": 8, "fall": 11, "autumn": 11}


def when(written: str | None) -> str | None:
    """A date as written in English ("im Mai" -> "in May", "en 2027" -> "in 2027", "au printemps 2027" ->
    "in spring 2027"); "" for no date; None when a word is unknown."""
    if not written:
        return ""
    month = season = year = quarter = day = ""
    by = after = week = False
    this = next_ = the_year = end = False
    for t in tokens(written):
        if t.fold in g.AFTER:
            after = True  # "après le 15 janvier": after January 15
            continue
        if t.fold in g.WEEK_OF:
            week = True  # "semaine du 12 janvier": the week of January 12
            continue
        if t.fold.isdigit() and 1 <= int(t.fold) <= 31 and not day and not month:
            day = str(int(t.fold))  # "le 15 janvier": the day before its month
            continue
        if t.fold in g.BY:
            by = True  # "bis Juni": by June
            continue
        if t.fold in g.THIS or t.fold in g.NEXT:
            this, next_ = this or t.fold in g.THIS, next_ or t.fold in g.NEXT  # "dit voorjaar": this spring
            continue
        if t.fold in g.YEAR_WORDS:
            the_year = True
            continue
        if t.fold in g.END:
            end = True  # "Ende 2027": the end of 2027
            continue
        if t.fold in g.DATE_PREPOSITIONS or t.fold in g.ARTICLES or t.fold in ("a", "de", "van"):
            continue
        if _YEAR.fullmatch(t.fold):
            year = t.fold
        elif _QUARTER.fullmatch(t.fold):
            quarter = f"Q{t.fold[1]}"
        elif t.fold in g.SEASONS:
            season = g.SEASONS[t.fold]
        elif g.month(t.fold):
            month = g.month(t.fold) or ""
        else:
            return None
    what = month or quarter or season
    if day:
        if not month or this or next_ or end or season or quarter:
            return None
        dated = f"{month} {day}"
        return f"the week of {dated}" if week else f"after {dated}" if after else f"{'by' if by else 'on'} {dated}"
    if after or week:
        return None
    if end and month and not (this or next_):
        return f"{'by' if by else 'at'} the end of {month}"  # "a fines de febrero": at the end of February
    if end:
        return f"{'by' if by else 'at'} the end of {year}" if year and not what and not (this or next_) else None
    if this or next_:
        said = what or ("year" if the_year and not year else "")
        return f"{'by ' if by else ''}{'this' if this else 'next'} {said}" if said and not year else None
    if the_year:
        return None
    prep = "by" if by else "in"
    if what and year:
        # "sept. 2026" read in 2026: "in September"; another year keeps its year
        today = date.today()
        if int(year) == today.year and month:
            return f"{prep} {what}"
        if int(year) == today.year and season and today.month <= _SEASON_ENDS.get(season, 0):
            return f"{'by' if by else 'this'} {season}"  # "this fall", while the fall is still ahead
        return f"{prep} {what} {year}"
    if season:
        return f"{prep} the {season}"
    return f"{prep} {what or year}" if what or year else None


_TITLE_OF = frozenset({"de", "des", "du", "d'", "del"})
# the words a job title ends on, whose plural says the ad is for more than one person
_ROLE_HEAD_WORDS = (
    "manager director executive representative developer engineer technician specialist consultant coordinator "
    "lead officer host agent sdr bdr ae designer analyst recruiter accountant controller mechanic electrician "
    "operator associate nurse hygienist auditor buyer advisor adviser teller administrator editor copywriter "
    "concierge partner"
)
_ROLE_HEADS = frozenset(_ROLE_HEAD_WORDS.split())


_ROLE_ACRONYMS = {"sales development representative": "SDR", "business development representative": "BDR"}


def _role(written: str) -> str | None:
    """A job ad's role in English with its article: "Revenue Manager" -> "a revenue manager", "2
    Instandhaltungstechniker" -> "two maintenance technicians"; None for a title with an unknown word."""
    toks = tokens(re.sub(r"\s*\([^()]*\)", "", written))  # an aside ("(SDR)") is not part of the title
    count, plural = 0, False
    while toks and (toks[0].fold in g.ARTICLES or toks[0].fold in g.NUMBERS or toks[0].fold.isdigit()):
        if toks[0].fold in g.NUMBERS or toks[0].fold.isdigit():
            count = g.NUMBERS.get(toks[0].fold) or int(toks[0].fold)
        toks = toks[1:]
    if not toks:
        return None
    title = " ".join(t.fold for t in toks)
    if title in g.ROLES:
        role = g.ROLES[title]
        plural = len(toks) == 1 and title.endswith(("s", "x"))  # "commerciaux", "vendedores"
    elif len(toks) == 1 and (compound := g.german_role(toks[0].text)):
        role = compound
    elif (
        len(toks) > 1
        and toks[0].fold in g.ROLE_HEADS
        and (mods := [t for t in toks[1:] if t.fold not in _TITLE_OF])
        and all(t.fold in g.ROLE_WORDS or t.fold in g.ROLE_MODIFIERS for t in mods)
    ):
        # "analyste data", "analista de datos": the head comes first in French and Spanish
        rest = " ".join(
            g.ROLE_MODIFIERS.get(t.fold) or (t.text if sum(c.isupper() for c in t.text) > 1 else t.fold)
            for t in mods
        )
        role = f"{rest} {g.ROLE_HEADS[toks[0].fold]}"
        plural = toks[0].fold in g.ROLE_HEAD_PLURALS  # "des analystes data"
    elif all(t.fold in g.ROLE_WORDS for t in toks):
        # an acronym keeps its capitals ("SDRs"), other words are lower case ("Revenue Manager")
        role = " ".join(t.text if sum(c.isupper() for c in t.text) > 1 else t.fold for t in toks)
        last = toks[-1].fold
        if last.endswith("s") and last[:-1] in _ROLE_HEADS:
            role, plural = role[:-1], True  # "Business Developers": more than one, how many not said
    else:
        return None
    role = _ROLE_ACRONYMS.get(role, role)  # "sales development representative" -> "SDR", as a rep says it
    if count > 1:
        return f"{g.ENGLISH_NUMBERS.get(count, str(count))} {_plural(role)}"
    if plural and count != 1:
        return _plural(role)
    return with_article(role)


# --- sentences -----------------------------------------------------------------------------------------------

_ING = {
    "open": "opening",
    "reopen": "reopening",
    "renovate": "renovating",
    "expand": "expanding",
    "launch": "launching",
    "rework": "revamping",
    "relaunch": "relaunching",
    "start": "starting up",
    "produce": "starting production at",  # said in `_starting`
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


def _name(written: str, german: bool) -> str | None:
    """A name after its preposition and article ("avec la Banque du Lac" -> "Banque du Lac", "à
    Salesforce", "ERP"): capitalised words that are no glossary word. In German, where every noun is
    capitalised, each word must look like a name ("Hotels.com", "S/4HANA", "HubSpot"), be a known brand, a legal
    form, or follow one ("Volksbank Mittelland")."""
    toks = tokens(written)
    while toks and (toks[0].fold in g.WITH | g.TO | g.ARTICLES | g.OF):
        toks = toks[1:]
    if not toks or len(toks) > 5:
        return None
    named = False
    for n, t in enumerate(toks):
        word = t.text.strip(_QUOTES)
        if t.fold in _NAME_PARTICLES and 0 < n < len(toks) - 1:
            continue  # "Banque du Lac", "Caja de Ahorros"
        if not word[:1].isupper() and not word[:1].isdigit():
            return None
        known = t.fold in g.NOUNS or t.fold in g.VERBS or t.fold in g.ADJECTIVES or t.fold in g.STATUS
        looks = bool(re.search(r"[.\d/]|[A-Z].*[A-Z]", word[1:] if len(word) > 1 else "")) or word.isupper()
        if known and not looks:
            return None
        if german and not (looks or t.fold in g.BRANDS or t.fold in g.LEGAL_FORMS or named):
            return None
        named = named or looks or t.fold in g.BRANDS
    return _text_of(written, toks)


_NAME_PARTICLES = frozenset({"de", "du", "des", "la", "le", "del", "van", "von", "der", "y", "et", "&"})


def _text_of(written: str, toks: list[Token]) -> str:
    return written[toks[0].start : toks[-1].end].strip(_QUOTES)


def _german(event: Event) -> bool:
    return any(t.fold in g.GERMAN for t in tokens(event.span.text))


def _merge(event: Event, date: str) -> Said | None:
    """ "Fusion avec la Caisse Bellerive conclue en juin" -> "Congrats on closing your merger with Caisse
    Bellerive in June."; planned, "... is set to close in June"."""
    name = _name(event.object, _german(event))
    if name is None:
        return None
    subject = f"the {name} merger" if len(name.split()) <= 3 else "your merger"
    dated = f" {date}" if date else ""
    if event.tense == "past":
        return _said(
            f"Congrats on closing your merger with {name}{dated}.", subject, f"Closed merger with {name}{dated}"
        )
    if date:
        return _said(f"Your merger with {name} is set to close {date}.", subject, f"Merging with {name} {date}")
    return _said(f"You're merging with {name}.", subject, f"Merging with {name}")


def _switch(event: Event, date: str) -> Said | None:
    """ "Passage à Salesforce en avril" -> "You're moving to Salesforce in April."; "Wechsel von Shopware auf
    Shopify Plus im Januar" -> "You're moving from Shopware to Shopify Plus in January." """
    toks = tokens(event.object)
    source = ""
    if toks and toks[0].fold in g.FROM and (to := next((t for t in toks[1:] if t.fold in g.TO), None)) is not None:
        origin = _name(event.object[toks[1].start : to.start], _german(event))
        if origin is None:
            return None
        source, toks = f" from {origin}", toks[toks.index(to) :]
    written = event.object[toks[0].start :] if toks else ""
    name = _name(written, _german(event))
    if name is None or not toks or toks[0].fold not in g.TO:
        return None
    subject = f"the move to {name}" if len(name.split()) <= 2 else "your platform move"
    if event.tense == "past":
        return _said(f"Congrats on moving{source} to {name}.", subject, f"Moved{source} to {name}")
    dated = f" {date}" if date else ""
    return _said(f"You're moving{source} to {name}{dated}.", subject, f"Moving{source} to {name}{dated}")


def _rollout(event: Event, date: str) -> Said | None:
    """ "ERP-Einführung läuft" -> "Your ERP rollout is under way."; "Einführung eines neuen ERP-Systems im Herbst"
    -> "You're rolling out a new ERP system in the fall." """
    name = _name(event.object, _german(event))
    said = phrase(event.object) if name is None else None
    if name is None and (said is None or not said.np or said.place):
        return None
    thing = name or (said.np if said else "")
    short = name or (said.core if said else "")
    subject = f"the {short} rollout" if len(short.split()) <= 3 else "the rollout"
    if event.tense == "past":
        return _said(f"Congrats on rolling out {thing}.", subject, f"Rolled out {thing}")
    if date:
        return _said(f"You're rolling out {thing} {date}.", subject, f"Rolling out {thing} {date}")
    if name:
        return _said(f"Your {name} rollout is under way.", subject, f"Rolling out {name}")
    return _said(f"You're rolling out {thing}.", subject, f"Rolling out {thing}")


_NAMED = {"merge": _merge, "switch": _switch, "roll out": _rollout}


def _own_thing(lemma: str, said: Phrase, dated: str) -> Said | None:
    """ "Refonte du site web" -> "You're revamping your website."; "Relance du programme de fidélité
    « Club Azur » prévue en octobre" -> "You're relaunching your Club Azur loyalty program in October." What
    is reworked is the company's own."""
    if not said.np or said.place or said.np != with_article(said.core):
        return None
    ing, noun = _ING[lemma], {"rework": "revamp", "relaunch": "relaunch"}[lemma]
    named = f"{said.name} {said.core}" if said.name else said.core
    subject = f"the {said.name or said.core} {noun}"
    return _said(
        f"You're {ing} your {named}{dated}.",
        subject if len(subject.split()) <= 5 else f"your {said.head}",
        f"{ing.capitalize()} your {named}{dated}",
    )


_COMMISSIONED = (
    "line",
    "plant",
    "plants",
    "machine",
    "machines",
    "press",
    "hall",
    "warehouse",
    "system",
    "center",
)


def _starting(lemma: str, said: Phrase, dated: str, past: bool) -> Said | None:
    """ "nueva línea de montaje arranca en Q4" -> "You're commissioning a new assembly line in Q4."; "Neues Werk
    in Polen nimmt Produktion auf" -> "Your new plant in Poland is starting production." """
    if not said.np or said.np != with_article(said.core) or said.name:
        return None
    where = said.with_place()
    subject = f"the {said.core}" + (f" in {said.place}" if said.place else "")
    subject = subject if len(subject.split()) <= 5 else f"the {said.core}"
    if lemma == "produce":
        english = f"{'Started' if past else 'Starting'} production at {where}{dated}"
        if past:
            return _said(f"Congrats on starting production at the {said.core}.", subject, english)
        if said.core.startswith("new "):
            at = f" in {said.place}" if said.place else ""
            return _said(f"Your {said.core}{at} is starting production{dated}.", subject, english)
        return _said(f"You're starting production at {where}{dated}.", subject, english)
    # a line or plant brought into service is commissioned, the word a plant manager uses
    ing, done = (
        ("commissioning", "Commissioned") if said.head.endswith(_COMMISSIONED) else ("starting up", "Started up")
    )
    english = f"{done if past else ing.capitalize()} {where}{dated}"
    if past:
        return _said(f"Congrats on {ing} the {said.core}.", subject, english)
    return _said(f"You're {ing} {where}{dated}.", subject, english)


_APPROX = r"(?:[~≈]|ca\.?|circa|environ|env\.|autour de|alrededor de|cerca de|rund|etwa|ongeveer|about)"
# "commission ~18 %", "commissioni circa €410k nel 2025", "comisiones del 30 %": what the channels charge
_COMMISSION = re.compile(
    r"\b(?:" + "|".join(sorted(g.COMMISSION, key=len, reverse=True)) + r")\b\s*(?:\(?(?:moyenne|media|medio|"
    r"gemiddeld|durchschnittlich)\)?\s*)?(?:(?:de|del|di|van|von|of)\s+)?(?P<about>" + _APPROX + r"\s*)?"
    r"(?:(?P<pct>\d{1,2}(?:[.,]\d)?)\s?%|(?P<money>[€$£]\s?\d[\d.,]*\s?[kKmM]?)(?:\s+(?:nel|en|in|im|em)\s+"
    r"(?P<year>(?:19|20)\d\d))?)",
    re.IGNORECASE,
)


def _channels(subject: str) -> tuple[str, bool] | None:
    """ "Booking + Expedia" -> ("Booking and Expedia", plural); each part a name."""
    names = [_name(part, False) for part in subject.split(" + ")]
    if not names or any(n is None for n in names):
        return None
    said = [("Uber Eats" if n == "UberEats" else str(n)) for n in names]
    return join(said), len(said) > 1


def _commission(text: str) -> str:
    """ ", at about 18% commission", ", with about €410k in commission in 2025", or "" when the text names none."""
    m = _COMMISSION.search(text)
    if m is None:
        return ""
    about = "about " if m.group("about") else ""
    if m.group("pct"):
        return f", at {about}{m.group('pct').replace(',', '.')}% commission"
    money = re.sub(r"\s", "", m.group("money")).replace(",", ".")
    money = money[:-1] + money[-1].upper() if money[-1] in "km" else money
    year = f" in {m.group('year')}" if m.group("year") else ""
    return f", with {about}{money} in commission{year}"


def _supply(event: Event) -> Said | None:
    """ "Expedia liefert den Großteil der Buchungen" -> "Expedia brings in most of your bookings."; "OTA (Booking +
    Expedia) al 68% delle notti, commissioni circa €410k nel 2025" -> "Booking and Expedia bring in 68% of your
    room nights, with about €410K in commission in 2025." """
    if " + " in event.subject:
        named = _channels(event.subject)
        channel, plural = named if named else (None, False)
    else:
        channel, plural = _name(event.subject, _german(event)), False
    toks = [t for t in tokens(event.object) if t.fold not in g.ARTICLES and t.fold not in {"van", "de"}]
    if channel is None or len(toks) < 2:
        return None
    if toks[0].fold in g.MOST:
        share, toks = "most", toks[1:]
    elif len(toks) > 2 and toks[0].fold.isdigit() and toks[1].text == "%":
        share, toks = f"{toks[0].text}%", toks[2:]
    else:
        return None
    noun = g.NOUNS.get(toks[0].fold) if len(toks) == 1 else None
    if noun is None or not noun[1]:
        return None
    what = _plural(noun[0])
    if share != "most" and re.search(_APPROX + r"\s*" + re.escape(share.rstrip("%")) + r"\s?%", event.span.text):
        share = f"about {share}"
    brings = "bring" if plural else "brings"
    paid = _commission(event.span.text[event.span.text.find(share.split()[-1].rstrip("%")) :])
    return _said(
        f"{channel} {brings} in {share} of your {what}{paid}.",
        f"{what} via {channel}" if share == "most" else f"{share.removeprefix('about ')} of {what}",
        f"{channel} {brings} in {share} of the {what}{paid}",
    )


_PLURAL_ARTICLES = frozenset({"les", "die", "los", "las", "de"})


def _prospecting(event: Event) -> Said | None:
    """ "los vendedores hacen su propia prospección" -> "Your sales reps do their own prospecting." """
    who = _role(event.subject)
    toks = tokens(event.subject)
    if (
        who
        and who.startswith(("a ", "an "))
        and toks[0].fold in _PLURAL_ARTICLES
        and _ACRONYM.fullmatch(toks[-1].text)
    ):
        who = f"{who.split(' ', 1)[1]}s"  # "les BDR": the BDRs
    if who is None or who.startswith(("a ", "an ")) or who.split()[0] in g.ENGLISH_NUMBERS.values():
        return None
    return _said(
        f"Your {who} do their own prospecting.", f"prospecting by your {who}", f"{who} prospect themselves"
    )


_OWN_TEAM = "Open roles on your own team usually mean the people you have are covering more than they should."


def _event(event: Event, second: Event | None, company: str, field: str, title: str = "") -> Said | None:
    if event.negated:
        return None
    date = when(event.date_text)
    after = _after(second)
    if date is None or after is None:
        return None
    dated = f" {date}" if date else ""
    if event.lemma == "supply":
        return _supply(event)
    if event.lemma == "prospect":
        return _prospecting(event)
    if event.lemma == "hire":
        role = _role(event.object)
        if role is None or not company:
            return None
        lead = f"I saw that {company} is" if field == "signals" else "You're"
        subject = role if role.split()[0] not in ("a", "an") else f"hiring {role}"
        if event.tense == "past":
            dated = ""  # "Stellenanzeige: ..., Okt. 2026": when the ad was posted, not when the hire is
        hiring = _said(
            f"{lead} hiring {role}{dated}.",
            subject if len(subject.split()) <= 5 else "the open role",
            f"Hiring {role}{dated}",
        )
        # a role in the reader's own area ("Instandhaltungstechniker" for a "Leiter Instandhaltung")
        own = any(w in g.fold(event.object) for w in re.findall(r"\w{5,}", g.fold(title)))
        return replace(hiring, restated=replace(hiring.restated, why=_OWN_TEAM)) if own else hiring
    if event.topic and g.fold(event.topic) not in g.LABELS:
        return None  # a label we do not know ("Projekt Nordlicht: ...") is not dropped silently
    if event.lemma in _NAMED:
        return _NAMED[event.lemma](event, date)
    said = phrase(event.object) if event.object else Phrase("", "", "")
    if said is None or event.lemma not in _ING:
        return None
    if event.lemma in ("rework", "relaunch"):
        return _own_thing(event.lemma, said, dated)
    if event.lemma in ("start", "produce"):
        return _starting(event.lemma, said, dated, event.tense == "past")
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
    if said.name and event.lemma in ("launch", "open") and not past and not after:
        # "lancement du nouveau club de joueurs « Cercle Marée » en janvier 2027": the thing by its name
        return _said(
            f"You're {_ING[event.lemma]} {said.name}, {said.with_place()},{dated}.".replace(",.", "."),
            f"the {said.name} {'launch' if event.lemma == 'launch' else 'opening'}",
            f"{_ING[event.lemma].capitalize()} {said.name}, {said.with_place()},{dated}".rstrip(","),
        )
    english = f"{_PAST[event.lemma] if past else ing.capitalize()} {told}"
    if event.lemma == "open" and past:
        new = said.core.startswith("new ") and said.np.startswith("a ")
        if new and said.place and len(said.place.split()) <= 2:
            thing = f"the {said.place} {said.core.removeprefix('new ')}"  # "the Utrecht office"
            return _said(f"Congrats on opening {thing}{dated}{after}.", thing, english)
        return _said(f"Congrats on opening {told}.", f"the {said.core}", english)
    if past:
        return _said(f"Congrats on {ing} {told}.", f"the {said.core}", english)
    # "two new branches" keeps its count in the subject ("the two new branches", never "the new branch")
    core = said.np if said.np.split()[0] in g.ENGLISH_NUMBERS.values() else said.core
    subject = f"the {core} in {said.place}" if said.place else f"the {core}"
    if event.lemma == "launch" and said.np.startswith(("a ", "an ")):
        subject = f"the {said.core} launch" if not said.core.startswith("new ") else f"the {said.core}"
    if event.lemma == "renovate":
        subject = "the renovation"
    shorter = [f"the {said.head} launch"] if event.lemma == "launch" else [f"the {core}", f"the {said.head}"]
    return _said(f"You're {ing} {told}.", next(s for s in [subject, *shorter] if len(s.split()) <= 5), english)


def _count_of(n: int) -> str:
    return g.ENGLISH_NUMBERS.get(n, f"{n:,}")


def _people(q: Quantity) -> Said | None:
    """ "Environ 25 000 membres du club inactifs depuis plus de 18 mois" -> "About 25,000 of your club members
    have been inactive for more than 18 months." """
    toks = tokens(q.measure)
    size = next(
        (n for n in range(min(g.LONGEST_NOUN, len(toks)), 0, -1) if " ".join(t.fold for t in toks[:n]) in g.NOUNS),
        0,
    )
    noun = g.NOUNS.get(" ".join(t.fold for t in toks[:size])) if size else None
    rest = toks[size:]
    if noun is None or not noun[1] or not rest or g.ADJECTIVES.get(rest[0].fold) != "inactive":
        return None
    rest = rest[1:]
    if not rest or rest[0].fold not in g.SINCE | {"desde"}:
        return None
    while rest and rest[0].fold in g.SINCE | {"desde"}:
        rest = rest[1:]  # "desde hace": for
    more = ""
    for words, said in g.MORE_THAN.items():
        if tuple(t.fold for t in rest[: len(words)]) == words:
            more, rest = f"{said} ", rest[len(words) :]
            break
    if len(rest) != 2 or not rest[0].fold.isdigit() or rest[1].fold not in g.TIME_UNITS:
        return None
    n = int(q.value)
    about = "About " if tokens(q.span.text)[0].fold in g.APPROX else ""
    figure = f"{n:,}"
    people = _plural(noun[0])
    unit = g.TIME_UNITS[rest[1].fold]
    return _said(
        f"{about}{figure} of your {people} have been inactive for {more}{rest[0].text} {unit}.",
        f"your {figure} inactive {people}" if len(people.split()) <= 2 else f"{figure} inactive members",
        f"{figure} inactive {people}",
    )


def _team(q: Quantity) -> Said | None:
    """ "Équipe de 3 commerciaux, pas de BDR" -> "Your team is three sales reps, with no BDRs." """
    toks = tokens(q.measure)
    neg = next((i for i, t in enumerate(toks) if t.fold in g.NEGATIONS), len(toks))
    n = int(q.value)
    people = neg == 1 and toks[0].fold in g.PEOPLE
    reps = f"{_count_of(n)} people" if people else _role(" ".join(t.text for t in toks[:neg]))
    team = g.NOUNS.get(g.fold(q.what), ("team", False))[0]
    team = team if team.endswith("team") else "team"
    if reps is None or reps.startswith(("a ", "an ")) or n < 2:
        return None
    reps = f"{_count_of(n)} {reps}" if reps.split()[0] != _count_of(n) else reps
    if neg == len(toks):
        return _said(f"Your {team} is {reps}.", f"your {reps}", f"A {team} of {reps}")
    lacking = [t for t in toks[neg + 1 :] if t.fold not in g.ARTICLES and t.fold not in {"de", "d'"}]
    if not lacking or not all(t.fold in g.ROLE_WORDS for t in lacking):
        return None
    role = " ".join(t.text if sum(c.isupper() for c in t.text) > 1 else t.fold for t in lacking)
    roles = role if role.endswith("s") else f"{role}s"
    return _said(
        f"Your {team} is {reps}, with no {roles}.",
        f"{_count_of(n)} reps, no {roles}"
        if "rep" in reps
        else f"{_count_of(n)} people, no {roles}"
        if people
        else f"no {roles}",
        f"A {team} of {reps} and no {roles}",
    )


def _figure(q: Quantity, others: tuple[Quantity, ...]) -> Said | None:
    """ "OEE en líneas de 63%" -> "Your OEE on the lines is 63%."; with the figure a customer requires after it
    in the same text (", and your automotive customer requires 75%, with an IATF audit in April")."""
    if q.reference:
        return None  # a required figure is said with the figure it is measured against
    toks = tokens(q.measure)
    size = next(
        (n for n in range(min(4, len(toks)), 0, -1) if " ".join(t.fold for t in toks[:n]) in g.MEASURES), 0
    )
    if not size:
        return None
    measure, rest = g.MEASURES[" ".join(t.fold for t in toks[:size])], toks[size:]
    where = window = ""
    i = 0
    while i < len(rest):  # "en prensas": where; "a 12 meses", "nach 90 Tagen": the window it is measured over
        noun = g.NOUNS.get(rest[i + 1].fold) if i + 1 < len(rest) else None
        if not where and noun and rest[i].fold in g.PLACE_PREPOSITIONS | {"an", "auf", "sur", "op", "bei"}:
            where, i = f" on the {_plural(noun[0]) if noun[1] else noun[0]}", i + 2
        elif (
            not window
            and i + 2 < len(rest)
            and rest[i].fold in g.WINDOW
            and rest[i + 1].fold.isdigit()
            and rest[i + 2].fold in g.TIME_UNITS
        ):
            window, i = f" at {rest[i + 1].text} {g.TIME_UNITS[rest[i + 2].fold]}", i + 3
        else:
            return None
    value = f"{q.value:g}%"
    sentence = f"Your {measure}{where} is {value}{window}"
    if q.against is not None:
        # "herhaalaankoop ~19%, doel 28% in 2027" -> "Your repeat purchase rate is 19%, against a 28% target."
        target = f"against {with_article(f'{q.against:g}% target')}"
        tail = q.span.text[q.span.text.lower().rfind(f"{q.against:g}") :]
        dated = when(re.sub(r"^[\d.,]+\s?%\s*", "", tail).rstrip(". "))  # "para junio 2027" -> "in June 2027"
        year = _YEAR.search(tail)
        if dated and dated.startswith("in ") and not dated.startswith("in Q"):
            target += f" for {dated.removeprefix('in ')}"
        elif year:
            target += f" for {year.group(0)}"
        if re.search(rf"[~≈]\s?{q.value:g}\s?%", q.span.text):
            sentence = sentence.replace(f" is {value}", f" is about {value}")  # "~19%"
        return _said(
            f"{sentence}, {target}.", f"{measure} at {value}", f"{measure[:1].upper()}{measure[1:]} at {value}"
        )
    required = next(
        (
            o
            for o in others
            if o.reference == "requires"
            and o.span.field == q.span.field
            and o.span.index == q.span.index
            and o.span.start > q.span.start
        ),
        None,
    )
    english = f"{measure[:1].upper()}{measure[1:]}{where} at {value}"
    if (
        required is not None
        and (who := phrase(required.what)) is not None
        and who.np == with_article(who.core)
        and not who.place
        and who.head == "customer"
    ):
        sentence += f", and your {who.core} requires {required.value:g}%"
        english += f", and the {who.core} requires {required.value:g}%"
        audit = _audit(required.measure)
        if audit is None:
            return None
        sentence += audit
    return _said(f"{sentence}.", f"{measure} at {value}", english)


def _audit(aside: str) -> str | None:
    """ "auditoría IATF en abril" -> ", with an IATF audit in April"; "" for no aside; None when unknown."""
    if not aside:
        return ""
    toks = tokens(aside)
    if len(toks) < 2 or toks[0].fold not in g.AUDIT or not _ACRONYM.fullmatch(toks[1].text):
        return None
    date = when(aside[toks[2].start :] if len(toks) > 2 else "")
    if date is None:
        return None
    return f", with {with_article(toks[1].text)} audit{' ' + date if date else ''}"


def _quantity(q: Quantity, others: tuple[Quantity, ...] = ()) -> Said | None:
    if q.unit == "percent":
        return _figure(q, others)
    if tokens(q.span.text)[0].fold in g.TEAMS:
        return _team(q)
    if people := _people(q):
        return people
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
    if said is None or said.np != with_article(said.core) or said.place:
        return None
    if own:  # "kein eigenes Marketingteam": no in-house marketing team
        said = Phrase(with_article(f"in-house {said.core}"), said.head, f"in-house {said.core}")
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
    return re.sub(r"[^a-z0-9]+", " ", g.fold(DATE_STAMP.sub("", text))).strip()


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
        if not found:
            # "Telefonat 14.11.: Wiederkaufrate ...": the writer keeps the call's label on the fact, the facts
            # layer reads from after it
            key = _key(raw)
            found = next((v for k, v in by_span.items() if len(k) > 20 and key.endswith(" " + k)), None)
        said = _realise(found, field, co, offer, title or "", reading.quantities) if found else None
        if said is not None:
            out[raw] = said
    return out


def unsayable_job_ads(
    facts: Iterable[tuple[str, str]], signals: list[str] | tuple[str, ...], notes: str | None
) -> set[str]:
    """The raw facts read as a foreign job ad whose role is not wholly known words ("Sucht Nachtportier"): no
    other shape may say them either (never "is hiring Nachtportier", never a role without its article)."""
    reading = read_foreign(signals, notes)
    hires = {_key(e.span.text) for e in reading.events if e.lemma == "hire" and _role(e.object) is None}
    return {raw for _, raw in facts if hires and (_key(g.JOB_TAG.sub("", raw)) in hires or _key(raw) in hires)}


def _realise(
    items: list[Event | Quantity | Mention],
    field: str,
    company: str,
    offer: str,
    title: str = "",
    others: tuple[Quantity, ...] = (),
) -> Said | None:
    """The English sentence for what the facts layer read in one span (`others`: every figure of the record, for
    the one a figure is measured against)."""
    events = [i for i in items if isinstance(i, Event)]
    if events:
        second = next((e for e in events[1:] if e.lead_in), None)
        return _event(events[0], second, company, field, title)
    for item in items:
        said = (
            _quantity(item, others)
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
    said = [_realise(items, key[0], company or "", offer, "", reading.quantities) for key, items in spans.items()]
    return " ".join(s.restated.sentence for s in said if s is not None)


__all__ = [
    "Phrase",
    "Said",
    "english_fact",
    "english_reading",
    "phrase",
    "restatements",
    "unsayable_job_ads",
    "when",
]
