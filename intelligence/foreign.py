"""Facts written in German, French, Spanish or Dutch, read into the facts layer's own fields.

A Clay row for a European prospect often says its strongest fact in the prospect's language:
"Wiedereröffnung im Mai nach Renovierung aller Zimmer", "Nieuw kantoor in Utrecht geopend", "Doce clínicas en
Andalucía", "Sucht Revenue Manager (m/w/d)", "nog geen salesteam". `read_foreign` reads the common shapes
into the same structures the English reader fills, with every text as written:
- an `Event` with its lemma (open, reopen, renovate, expand, launch, hire), `verb` as written, `object`
  ("Nieuw kantoor in Utrecht", "naar Frankrijk", a role without its "(m/w/d)" tag), `date_text` ("im Mai",
  "en 2027"), tense and negation ("Keine Expansion geplant"); an event tied to the one before it by "nach",
  "na", "après" or "tras" is a second event whose `lead_in` is that word ("nach Renovierung aller Zimmer");
- a `Quantity` of sites with what it counts ("Doce clínicas en Andalucía": 12, what "clínicas");
- a gap the offer can fill as a `Mention` with the `GAP_RELEVANCE` ("nog geen salesteam": keyword as written).
The words it knows are in `intelligence.glossary`; `copywriter.foreign` says these facts in English. They are
kept beside the English reading (`ProspectFacts.foreign_*`), not in the score: a record's tier does not move
with this reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from intelligence import glossary as g
from intelligence.facts import Event, Mention, Quantity, Relevance, Span, Tense

GAP_RELEVANCE = Relevance(0.3, ("the gap the offer fills",))

_TOKEN = re.compile(r"[dlDL]['’](?=\w)|\w[\w&+/-]*")
_ASIDE = re.compile(r"\([^()]*\)")
_PIECE = re.compile(r"[^.;!?\n]+")
_YEAR = re.compile(r"(?:19|20)\d\d")
_QUARTER = re.compile(r"[qQ][1-4]")
_DIGITS = re.compile(r"\d{1,4}")
# English words that are also glossary words: on their own they do not make a text foreign
_ENGLISH_WORDS = (
    "in no a de team hotel hotels restaurant restaurants app launch opening expansion site sites winter boutique "
    "boutiques cabinet cabinets lance second mobile grand large agent vers per april august september november "
    "december plant plants line lines office six elf once encore"
)
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
_NAME_WORDS = "am zum zur auf mit und fur bei von van ter"


@lru_cache(maxsize=1)
def _markers() -> frozenset[str]:
    return frozenset(w for w in g.WRITTEN if w not in _ENGLISH and " " not in w)


# a function word inside a text with a capital is part of a name ("Las Vegas", "La Quinta", "Am Law 50")
_NAME_ARTICLES = (
    g.ARTICLES
    | g.PLACE_PREPOSITIONS
    | g.DATE_PREPOSITIONS
    | g.BY
    | g.AFTER
    | g.TOWARD
    | frozenset(_NAME_WORDS.split())
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    fold: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The words of `text` with their offsets; an aside in brackets (a job ad's "(m/w/d)", "(SDR)") is none."""
    text = _ASIDE.sub(lambda m: " " * len(m.group(0)), text)
    return [Token(m.group(0), g.fold(m.group(0)), m.start(), m.end()) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=4096)
def is_foreign(text: str) -> bool:
    """Whether `text` has a word of German, French, Spanish or Dutch that English does not share; a capitalised
    word inside the text is a name ("Las Vegas", "La Quinta"), not a sign of the language."""
    markers = _markers()
    if markers.isdisjoint(_TOKEN.findall(text.lower())):
        return False  # the common case, an English text: one pass, no per-word work
    for i, m in enumerate(_TOKEN.finditer(_ASIDE.sub(" ", text))):
        word = m.group(0)
        if word.lower() in markers and (i == 0 or not word[0].isupper() or g.fold(word) not in _NAME_ARTICLES):
            return True
    return False


@dataclass(frozen=True, slots=True)
class ForeignReading:
    events: tuple[Event, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    gaps: tuple[Mention, ...] = ()


NOTHING = ForeignReading()


def read_foreign(signals: tuple[str, ...] | list[str], notes: str | None) -> ForeignReading:
    """Every foreign-language fact in the signals and notes (`NOTHING` for an English record)."""
    return _read(tuple(signals), notes or "")


@lru_cache(maxsize=2048)
def _read(signals: tuple[str, ...], notes: str) -> ForeignReading:
    events: list[Event] = []
    quantities: list[Quantity] = []
    gaps: list[Mention] = []
    fields: list[tuple[str, int | None, str]] = [("signals", i, s) for i, s in enumerate(signals)]
    if notes:
        fields.append(("notes", None, notes))
    for field, index, text in fields:
        if not is_foreign(text):
            continue
        for m in _PIECE.finditer(text):
            piece = m.group(0).strip(" ,")
            if not piece or not is_foreign(piece):
                continue  # an English sentence beside a foreign one is the English reader's
            start = text.index(piece, m.start())
            span = Span(field=field, text=piece, start=start, end=start + len(piece), index=index)
            read = _events(piece, span)
            if read:
                events += read
                continue
            q = _quantity(piece, span)
            if q is not None:
                quantities.append(q)
                continue
            gap = _gap(piece, span)
            if gap is not None:
                gaps.append(gap)
    if not (events or quantities or gaps):
        return NOTHING
    return ForeignReading(tuple(events), tuple(quantities), tuple(gaps))


def _text(piece: str, toks: list[Token]) -> str:
    """The tokens as written: contiguous runs from the piece, runs joined by a space."""
    runs: list[str] = []
    i = 0
    while i < len(toks):
        j = i
        while j + 1 < len(toks) and piece[toks[j].end : toks[j + 1].start].strip(" ") == "":
            j += 1
        runs.append(piece[toks[i].start : toks[j].end])
        i = j + 1
    return " ".join(runs).strip(" ,")


def _date_words(toks: list[Token]) -> set[int]:
    """Indexes of the tokens that say when: a month, season, year or quarter and the preposition before it."""
    out: set[int] = set()
    for i, t in enumerate(toks):
        if _YEAR.fullmatch(t.fold) or _QUARTER.fullmatch(t.fold) or t.fold in g.SEASONS or g.month(t.fold):
            if t.fold in ("mai", "mei", "mayo", "may") and i > 0 and toks[i - 1].fold not in g.DATE_PREPOSITIONS:
                continue  # a bare "Mai" may be a name; a month follows its preposition
            out.add(i)
            if i > 0 and toks[i - 1].fold in g.DATE_PREPOSITIONS | g.ARTICLES | g.BY:
                out.add(i - 1)
                if i > 1 and toks[i - 1].fold in g.ARTICLES and toks[i - 2].fold in g.DATE_PREPOSITIONS:
                    out.add(i - 2)  # "au printemps", "en el verano"
    return out


def _tense(form: str, at: int, toks: list[Token], dated: bool) -> Tense:
    if form == "past" or (form == "finite" and at == len(toks) - 1 and at > 0):
        return "past"  # "Nieuw kantoor in Utrecht geopend", "Neues Büro in Berlin eröffnet"
    return "planned" if dated else "ongoing"


def _events(piece: str, span: Span) -> list[Event]:
    toks = tokens(piece)
    at = next((i for i, t in enumerate(toks) if t.fold in g.VERBS), None)
    if at is None:
        return []
    lemma, form = g.VERBS[toks[at].fold]
    negated = any(t.fold in g.NEGATIONS for t in toks)
    dates = _date_words(toks)
    # a second event tied to the first: "nach Renovierung aller Zimmer", "après rénovation", "tras la reforma"
    after = next(
        (
            i
            for i in range(at + 1, len(toks) - 1)
            if toks[i].fold in g.AFTER
            and (toks[i + 1].fold in g.VERBS or (toks[i + 1].fold in g.ARTICLES and i + 2 < len(toks)))
            and next((t.fold for t in toks[i + 1 :] if t.fold not in g.ARTICLES), "") in g.VERBS
        ),
        None,
    )
    end = after if after is not None else len(toks)
    skip = {at} | {i for i in range(end) if i in dates}
    if lemma == "expand":
        skip |= {i for i in range(at + 1, end) if toks[i].fold in g.PARTICLES}
    obj = [t for i, t in enumerate(toks[:end]) if i not in skip]
    # the date said last belongs to the main event too ("Wiedereröffnung nach Komplettrenovierung im März 2027")
    date_idx = sorted(i for i in dates if i < end) or sorted(dates)
    date_text = _text(piece, [toks[i] for i in date_idx]) if date_idx else None
    out = [
        Event(
            lemma=lemma,
            object=_text(piece, obj),
            span=span,
            date_text=date_text,
            tense=_tense(form, at, toks[:end], bool(date_text)),
            negated=negated,
            verb=toks[at].text,
        )
    ]
    if after is not None:
        second = next(i for i in range(after + 1, len(toks)) if toks[i].fold in g.VERBS)
        rest = [t for i, t in enumerate(toks) if i > second and i not in dates]
        lemma2, _form2 = g.VERBS[toks[second].fold]
        out.append(
            Event(
                lemma=lemma2,
                object=_text(piece, rest),
                span=span,
                tense="past",
                negated=negated,
                verb=toks[second].text,
                lead_in=toks[after].text,
            )
        )
    return out


def _number(t: Token) -> int | None:
    if _DIGITS.fullmatch(t.fold) and not _YEAR.fullmatch(t.fold):
        return int(t.fold)
    return g.NUMBERS.get(t.fold)


def _quantity(piece: str, span: Span) -> Quantity | None:
    """ "Doce clínicas en Andalucía", "12 Standorte in Bayern": a count of sites, said as the company's size."""
    toks = tokens(piece)
    if len(toks) < 2 or any(t.fold in g.NEGATIONS for t in toks):
        return None
    n = _number(toks[0])
    noun = g.NOUNS.get(toks[1].fold)
    if n is None or noun is None or not noun[1]:
        return None
    return Quantity(
        value=float(n),
        unit="count",
        measure=_text(piece, toks[1:]),
        span=span,
        what=toks[1].text,
    )


def _gap(piece: str, span: Span) -> Mention | None:
    """ "nog geen salesteam", "noch kein Vertriebsteam", "pas encore d'équipe commerciale": a team the company
    does not have; the keyword is the phrase as written from the negation on."""
    toks = tokens(piece)
    neg = next((i for i, t in enumerate(toks) if t.fold in g.NEGATIONS), None)
    if neg is None:
        return None
    start = neg - 1 if neg > 0 and toks[neg - 1].fold in g.YET else neg
    for i in range(neg + 1, min(neg + 5, len(toks))):
        for n in range(min(g.LONGEST_NOUN, len(toks) - i), 0, -1):
            key = " ".join(t.fold for t in toks[i : i + n])
            if g.NOUNS.get(key, ("", False))[0].endswith("team"):
                return Mention(keyword=_text(piece, toks[start : i + n]), span=span, relevance=GAP_RELEVANCE)
    return None


__all__ = ["GAP_RELEVANCE", "NOTHING", "ForeignReading", "Token", "is_foreign", "read_foreign", "tokens"]
