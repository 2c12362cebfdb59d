"""Facts written in German, French, Spanish or Dutch, read into the facts layer's own fields.

A Clay row for a European prospect often says its strongest fact in the prospect's language:
"Wiedereröffnung im Mai nach Renovierung aller Zimmer", "Nieuw kantoor in Utrecht geopend", "Doce clínicas en
Andalucía", "Sucht Revenue Manager (m/w/d)", "nog geen salesteam". `read_foreign` reads the common shapes
into the same structures the English reader fills, with every text as written:
- an `Event` with its lemma (open, reopen, renovate, expand, launch, hire; and the nominal events rework,
  relaunch, merge, switch, roll out, start, produce: "Refonte du site web", "Fusion avec la Banque du Lac
  finalisée en juin", "ERP-Einführung läuft", "Neues Werk in Polen nimmt Produktion auf"), `verb` as written,
  a status word's tense ("prévue", "finalisée", "läuft"), a one-word label as `topic`, `object`
  ("Nieuw kantoor in Utrecht", "naar Frankrijk", a role without its "(m/w/d)" tag), `date_text` ("im Mai",
  "en 2027"), tense and negation ("Keine Expansion geplant"); an event tied to the one before it by "nach",
  "na", "après" or "tras" is a second event whose `lead_in` is that word ("nach Renovierung aller Zimmer");
- a `Quantity` of sites with what it counts ("Doce clínicas en Andalucía": 12, what "clínicas"), of people
  in a state ("Environ 25 000 membres du club inactifs ..."), of a team ("Équipe de 3 commerciaux, pas de
  BDR"), a figure of theirs ("OEE en líneas de 63%") and the figure a customer requires (`reference`
  "requires", its aside as `measure`);
- a channel's share as an Event "supply" (`subject` the channel: "Expedia liefert den Großteil der
  Buchungen") and reps doing their own prospecting as an Event "prospect";
- a gap the offer can fill as a `Mention` with the `GAP_RELEVANCE` ("nog geen salesteam": keyword as written).
The words it knows are in `intelligence.glossary`; `copywriter.foreign` says these facts in English. They are
kept beside the English reading (`ProspectFacts.foreign_*`), not in the score: a record's tier does not move
with this reading.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from core.text import DATE_STAMP, lower_sentences
from intelligence import glossary as g
from intelligence.facts import Event, Mention, Quantity, Relevance, Span, Tense

GAP_RELEVANCE = Relevance(0.3, ("the gap the offer fills",))

# a name in quotes ("« Club Azur »") is one token; "Hotels.com" and "45 %" keep their dot and their sign
_TOKEN = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"|[dlDL]['’](?=\w)|\w[\w&+/-]*(?:\.\w[\w&+/-]*)*|%")
_ASIDE = re.compile(r"\([^()]*\)")
# "Hotels.com", "sept. 2026", "18 Mio. €", "(Handelsblatt, Okt. 2026)": no sentence end (a sentence starts
# upper case)
_PIECE = re.compile(r"(?:[^.;!?\n]|\.(?=[a-z0-9])|\.(?=\s+(?:\d|[€$£(]|[a-zäöüéèñ])))+")
# a source and its date written after a dash ("... – El Nuevo Día, oct. 2026"): who reported it, never the fact
_SOURCE_TAIL = re.compile(r"\s[–—]\s[A-Z][^,;–—]{1,30}(?:,\s*(?P<date>[\w.]+\s+\d{4}))?\s*$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_QUARTER = re.compile(r"[qQtT][1-4]")  # "au T2 2027": the French trimestre
_DIGITS = re.compile(r"\d{1,4}")
# English words that are also glossary words: on their own they do not make a text foreign
_ENGLISH_WORDS = (
    "in no a de team hotel hotels restaurant restaurants app launch opening expansion site sites winter boutique "
    "boutiques cabinet cabinets lance second mobile grand large agent vers per april august september november "
    "december plant plants line lines office six elf once encore met con op font et y circa passage migration "
    "system fusion client clients presses automobile inactive audit prospection bascule lancer locales ce ans "
    "relaunch website oee occupation conversion van von fin die spa"
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


# a call's label before what was said on it: "Reunião 13/11:", "Llamada 19/11 con Ing. Ramírez:", "chiamata 14/11:"
_CALL_LABEL = re.compile(
    r"^\s*(?:[^\W\d_]+\.?(?:\s+[^\W\d_]+\.?){0,3}\s+\d{1,2}[/.]\d{1,2}\.?(?:\s+[^:]{1,40})?|[A-ZÀ-Þ][a-zà-ÿ]+)\s*:\s*"
)  # or a name's colon ("Ramírez: OEE de 61% ...", the piece after "con Ing.")
_ASIDE_DATE = re.compile(r"(?:[A-Za-zäéûÄÉ]{3,9}\.?\s+)?(?:19|20)\d\d\)$")


def _aside_date(m: re.Match[str]) -> str:
    """An aside blanked, all but a date at its end ("(sept. 2026)", "(Handelsblatt, Okt. 2026)"): when it
    happened."""
    date = _ASIDE_DATE.search(m.group(0))
    if date is None:
        return " " * len(m.group(0))
    return " " * (date.start() - m.start(0) + m.start()) + date.group(0)[:-1] + " "


def tokens(text: str) -> list[Token]:
    """The words of `text` with their offsets; an aside in brackets (a job ad's "(m/w/d)", "(SDR)") is none, and
    a number written with a space before its thousands ("25 000") is one."""
    text = _ASIDE.sub(_aside_date, text)
    # "... – El Nuevo Día, oct. 2026": the source is no word of the fact, its date is when it happened
    text = _SOURCE_TAIL.sub(
        lambda t: " " * (t.start("date") - t.start()) + t.group("date") if t.group("date") else t.group(0), text
    )
    out = [Token(m.group(0), g.fold(m.group(0)), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    for i in range(len(out) - 1, 0, -1):
        a, b = out[i - 1], out[i]
        if (
            _DIGITS.fullmatch(a.fold)
            and not _YEAR.fullmatch(a.fold)
            and re.fullmatch(r"\d{3}", b.fold)
            and text[a.end : b.start] in _THOUSANDS
        ):
            out[i - 1 : i + 1] = [Token(f"{a.text},{b.text}", a.fold + b.fold, a.start, b.end)]
    return out


_THOUSANDS = (" ", "\u00a0", "\u202f", ".")


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
        # a rep's lower-case next sentence is a piece of its own, as the English reader cuts it
        sentences = (m for part in lower_sentences(text) for m in _PIECE.finditer(part))
        offset = 0
        for m in sentences:
            piece = DATE_STAMP.sub("", m.group(0)).strip(" ,")  # "2026-10-08 · Wiedereröffnung ...": the stamp off
            piece = _SOURCE_TAIL.sub(lambda t: t.group(0) if t.group("date") else "", piece)
            if not piece or not is_foreign(piece):
                continue  # an English sentence beside a foreign one is the English reader's
            start = text.index(piece, offset)
            offset = start + len(piece)
            span = Span(field=field, text=piece, start=start, end=start + len(piece), index=index)
            read = _share(piece, span) or _prospecting(piece, span) or _events(piece, span)
            if read:
                events += read
                continue
            q = _quantity(piece, span) or _team(piece, span) or _figure(piece, span)
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
    """Indexes of the tokens that say when: a month, season, year or quarter and the preposition before it; "this"
    or "next" with a season or the year ("dit voorjaar", "l'année prochaine")."""
    out: set[int] = set()
    for i, t in enumerate(toks):
        if t.fold in g.YEAR_WORDS and (
            (i > 0 and toks[i - 1].fold in g.THIS | g.NEXT) or (i + 1 < len(toks) and toks[i + 1].fold in g.NEXT)
        ):
            out |= {i, i - 1} if toks[i - 1].fold in g.THIS | g.NEXT else {i, i + 1}
            if i > 0 and toks[i - 1].fold in g.ARTICLES:
                out.add(i - 1)  # "l'année prochaine"
            continue
        if _YEAR.fullmatch(t.fold) or _QUARTER.fullmatch(t.fold) or t.fold in g.SEASONS or g.month(t.fold):
            if t.fold in ("mai", "mei", "mayo", "may") and i > 0 and toks[i - 1].fold not in g.DATE_PREPOSITIONS:
                continue  # a bare "Mai" may be a name; a month follows its preposition
            out.add(i)
            if i + 1 < len(toks) and toks[i + 1].fold in g.NEXT and not _YEAR.fullmatch(t.fold):
                out.add(i + 1)  # "au printemps prochain": next spring
            k = i - 1 if i > 0 and toks[i - 1].fold in g.END and _YEAR.fullmatch(t.fold) else i
            out.add(k)  # "bis Ende 2027": by the end of 2027
            if k > 0 and toks[k - 1].fold in g.DATE_PREPOSITIONS | g.ARTICLES | g.BY | g.THIS | g.NEXT:
                out.add(k - 1)
                if k > 1 and toks[k - 1].fold in g.ARTICLES and toks[k - 2].fold in g.DATE_PREPOSITIONS:
                    out.add(k - 2)  # "au printemps", "en el verano"
    return out


def _behind(when: list[Token]) -> bool:
    """Whether a date said as a month and a year ("sept. 2026", "im März 2027") is a month already past."""
    year = next((int(t.fold) for t in when if _YEAR.fullmatch(t.fold)), None)
    month = next((g.month(t.fold) for t in when if g.month(t.fold)), None)
    if year is None or month is None:
        return False
    today = date.today()
    return (year, _MONTH_NUMBER[month]) < (today.year, today.month)


_MONTH_NUMBER = {name: n for n, name in enumerate(calendar.month_name) if name}


def _tense(form: str, at: int, toks: list[Token], dated: bool) -> Tense:
    if form == "past" or (form == "finite" and at == len(toks) - 1 and at > 0):
        return "past"  # "Nieuw kantoor in Utrecht geopend", "Neues Büro in Berlin eröffnet"
    return "planned" if dated else "ongoing"


def _split_compounds(toks: list[Token]) -> list[Token]:
    """ "ERP-Einführung" -> "ERP", "Einführung": an event noun after a hyphen is the event, what comes before it
    what the event is about."""
    out: list[Token] = []
    for t in toks:
        head, _, tail = t.text.rpartition("-")
        if head and g.VERBS.get(g.fold(tail), ("", ""))[1] == "noun":
            cut = t.start + len(head)
            out += [Token(head, g.fold(head), t.start, cut), Token(tail, g.fold(tail), cut + 1, t.end)]
        else:
            out.append(t)
    return out


_PHRASES = sorted(g.PHRASE_VERBS.items(), key=lambda p: -len(p[0]))


def _verb_at(toks: list[Token]) -> tuple[int, int, str, str] | None:
    """(index, tokens used, lemma, form) of the first event verb, event noun or several-word event."""
    for i, t in enumerate(toks):
        for words, (lemma, form) in _PHRASES:
            if tuple(x.fold for x in toks[i : i + len(words)]) == words:
                return i, len(words), lemma, form
        if t.fold in g.VERBS:
            return i, 1, *g.VERBS[t.fold]
    return None


def _events(piece: str, span: Span) -> list[Event]:
    toks = _split_compounds(tokens(piece))
    found = _verb_at(toks)
    if found is None:
        return []
    at, used, lemma, form = found
    # "Reshoring: nueva línea de montaje arranca en Q4": a one-word label before the event is its topic
    colon = piece.find(":")
    label = [i for i, t in enumerate(toks) if t.end <= colon] if colon > 0 else []
    topic = _text(piece, [toks[i] for i in label]) if len(label) == 1 and label[-1] < at else ""
    negated = any(t.fold in g.NEGATIONS for t in toks)
    dates = _date_words(toks)
    # the status of a nominal event ("prévue", "conclue", "läuft", "en cours") says its tense and is no object
    status = {
        i: g.STATUS[t.fold] for i, t in enumerate(toks) if t.fold in g.STATUS and i not in range(at, at + used)
    }
    status_words = set(status) | {i - 1 for i in status if i > 0 and toks[i].fold in ("cours", "curso")}
    # a second event tied to the first: "nach Renovierung aller Zimmer", "après rénovation", "tras la reforma"
    after = next(
        (
            i
            for i in range(at + used, len(toks) - 1)
            if toks[i].fold in g.AFTER
            and (toks[i + 1].fold in g.VERBS or (toks[i + 1].fold in g.ARTICLES and i + 2 < len(toks)))
            and next((t.fold for t in toks[i + 1 :] if t.fold not in g.ARTICLES), "") in g.VERBS
        ),
        None,
    )
    end = after if after is not None else len(toks)
    if lemma == "hire" and (comma := piece.find(",", toks[at].end)) > 0:
        end = min(end, sum(1 for t in toks if t.start < comma))  # "Stellenanzeige: SDR (m/w/d), Berlin": the role
    skip = set(range(at, at + used)) | {i for i in range(end) if i in dates} | status_words
    skip |= set(label) if topic else set()
    if lemma == "expand":
        skip |= {i for i in range(at + 1, end) if toks[i].fold in g.PARTICLES}
    obj = [t for i, t in enumerate(toks[:end]) if i not in skip]
    # the date said last belongs to the main event too ("Wiedereröffnung nach Komplettrenovierung im März 2027")
    date_idx = sorted(i for i in dates if i < end) or sorted(dates)
    # a date in a closing aside ("... prévue à l'automne 2026 (janv. 2026)") is when the signal was posted: the
    # event's own date, when the text says one, is the one that counts
    aside = piece.rfind("(") if piece.rstrip().endswith(")") else -1
    if aside >= 0 and any(toks[i].start < aside for i in date_idx):
        date_idx = [i for i in date_idx if toks[i].start < aside]
    date_text = _text(piece, [toks[i] for i in date_idx]) if date_idx else None
    tense = next(iter(status.values()), None) or _tense(form, at, toks[:end], bool(date_text))
    if tense == "planned" and _behind([toks[i] for i in date_idx]):
        tense = "past"  # "Apertura de nueva sucursal (sept. 2026)", read in December 2026: it has opened
    out = [
        Event(
            lemma=lemma,
            object=_text(piece, obj),
            span=span,
            date_text=date_text,
            tense=tense if tense in ("past", "ongoing", "planned") else "unknown",  # type: ignore[arg-type]
            negated=negated,
            verb=_text(piece, toks[at : at + used]),
            topic=topic,
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
    if t.fold.isdigit() and not _YEAR.fullmatch(t.fold):
        return int(t.fold)
    return g.NUMBERS.get(t.fold)


def _noun_len(toks: list[Token], i: int) -> int:
    """How many tokens the longest glossary noun at `i` takes (0 for none)."""
    for n in range(min(g.LONGEST_NOUN, len(toks) - i), 0, -1):
        if " ".join(t.fold for t in toks[i : i + n]) in g.NOUNS:
            return n
    return 0


def _quantity(piece: str, span: Span) -> Quantity | None:
    """ "Doce clínicas en Andalucía", "12 Standorte in Bayern": a count of sites, said as the company's size;
    "Environ 25 000 membres du club inactifs depuis plus de 18 mois": a count of people in a state."""
    toks = tokens(piece)
    toks = toks[1:] if toks and toks[0].fold in g.APPROX else toks
    if len(toks) < 2 or any(t.fold in g.NEGATIONS for t in toks):
        return None
    n = _number(toks[0])
    size = _noun_len(toks, 1)
    noun = g.NOUNS.get(" ".join(t.fold for t in toks[1 : 1 + size])) if size else None
    if n is None or noun is None or not noun[1]:
        return None
    return Quantity(
        value=float(n),
        unit="count",
        measure=_text(piece, toks[1:]),
        span=span,
        what=_text(piece, toks[1 : 1 + size]),
    )


def _team(piece: str, span: Span) -> Quantity | None:
    """ "Équipe de 3 commerciaux, pas de BDR": a sales team's size, what it is made of and the role it lacks."""
    toks = tokens(piece)
    if len(toks) < 4 or toks[0].fold not in g.TEAMS or toks[1].fold not in g.WITH | {"de", "van", "von"}:
        return None
    n = _number(toks[2])
    if n is None:
        return None
    return Quantity(value=float(n), unit="count", measure=_text(piece, toks[3:]), span=span, what=toks[0].text)


def _figure(piece: str, span: Span) -> Quantity | None:
    """ "OEE en líneas de 63%": a figure of theirs, with what it measures; "el cliente automotriz exige 78%
    (auditoría IATF en abril)": the figure a customer requires, a reference (its aside kept as `measure`)."""
    label = _CALL_LABEL.match(piece)  # "Reunião 13/11: taxa de recompra 17% ...": the call is no part of it
    toks = [t for t in tokens(piece) if not label or t.start >= label.end()]
    # the figure's own clause: "Wiederkaufrate nach 90 Tagen nur 17 %, Newsletter läuft über Klaviyo, ..." ends
    # at the comma after the figure, unless its target follows ("..., doel 25% in 2027")
    sign = piece.find("%")
    comma = piece.find(",", sign) if sign >= 0 else -1
    while comma >= 0:
        nxt = piece[comma + 1 :].lstrip().split(" ", 1)[0]
        if g.fold(nxt) not in g.TARGET and g.fold(nxt) != "meta":
            toks = [t for t in toks if t.start < comma]
            break
        comma = piece.find(",", comma + 1)
    pct = next(
        (i for i in range(1, len(toks)) if toks[i].text == "%" and _DIGITS.fullmatch(toks[i - 1].fold)), None
    )
    against: float | None = None
    after: list[Token] = []  # a window ("a 12 meses") or a place ("en prensas") said after the figure
    if pct is not None:
        rest = toks[pct + 1 :]
        k = 0
        if (
            len(rest) >= 3
            and rest[0].fold in g.WINDOW
            and _DIGITS.fullmatch(rest[1].fold)
            and rest[2].fold in (g.TIME_UNITS)
        ):
            k = 3
        if len(rest) >= k + 2 and rest[k].fold in g.PLACE_PREPOSITIONS and rest[k + 1].fold in g.NOUNS:
            k += 2
        after = rest[:k]
        target = rest[k:]
        if (
            len(target) >= 3
            and (target[0].fold in g.TARGET or target[0].fold == "meta")
            and _DIGITS.fullmatch(target[1].fold)
            and target[2].text == "%"
        ):
            # "herhaalaankoop ~19%, doel 28% in 2027": the figure, and the target it is measured against
            if not all(
                t.fold in g.DATE_PREPOSITIONS or _YEAR.fullmatch(t.fold) or g.month(t.fold) for t in target[3:]
            ):
                return None
            against = float(target[1].fold)
            toks = toks[: pct + 1 + k]
        elif target:
            return None
    if pct is None or any(t.fold in g.NEGATIONS for t in toks):
        return None
    value = float(toks[pct - 1].fold)
    requires = next((i for i, t in enumerate(toks) if t.fold in g.REQUIRES), None)
    if requires is not None:
        aside = _ASIDE.search(piece)
        return Quantity(
            value=value,
            unit="percent",
            measure=aside.group(0).strip("()") if aside else "",
            span=span,
            what=_text(piece, toks[:requires]),
            reference="requires",
        )
    before = toks[: pct - 1]
    while before and (
        before[-1].fold in {"de", "von", "van", "bei", "a", "en", "op"} or before[-1].fold in g.ONLY
    ):
        before = before[:-1]  # "de 58%", "von 71 %", "maar 18%"
    if not before:
        return None
    return Quantity(
        value=value,
        unit="percent",
        measure=_text(piece, before + after),
        span=span,
        what=before[0].text,
        against=against,
    )


def _share(piece: str, span: Span) -> list[Event]:
    """ "Expedia liefert den Großteil der Buchungen": a channel brings in most (or a share) of something;
    `subject` is the channel, `object` the share and what it is of, as written."""
    toks = tokens(piece)
    verb = next((i for i, t in enumerate(toks) if t.fold in g.SUPPLIES), None)
    if verb is None:
        return _share_of(piece, span, toks)
    if verb == 0 or verb == len(toks) - 1 or any(t.fold in g.NEGATIONS for t in toks):
        return []
    rest = toks[verb + 1 :]
    if not any(t.fold in g.MOST or t.text == "%" for t in rest[:4]):
        return []
    return [
        Event(
            lemma="supply",
            object=_text(piece, rest),
            span=span,
            tense="ongoing",
            subject=_text(piece, toks[:verb]),
            verb=toks[verb].text,
        )
    ]


_CHANNEL = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(c) for c in g.CHANNELS) + r")(?![\w])", re.IGNORECASE)


def _share_of(piece: str, span: Span, toks: list[Token]) -> list[Event]:
    """ "58 % des nuitées via Booking et Expedia", "OTA (Booking + Expedia) al 68% delle notti", "DoorDash y Uber
    Eats son ~35% de las ventas": the named channels' share of bookings, room nights, orders or sales, with no
    verb to say it; `subject` the channels joined by " + ", `object` the share and what it is of."""
    for i in range(len(toks) - 3):
        if not (toks[i].fold.isdigit() and toks[i + 1].text == "%"):
            continue
        j = i + 2
        while j < len(toks) and toks[j].fold in g.SHARE_OF | g.ARTICLES:
            j += 1
        if j == i + 2 or j >= len(toks):
            continue
        noun = g.NOUNS.get(toks[j].fold)
        if noun is None or noun[0] not in ("room night", "booking", "order", "sale"):
            continue
        channels: list[str] = []
        for m in _CHANNEL.finditer(piece):
            name = next(c for c in g.CHANNELS if c.lower() == m.group(0).lower())
            if name.replace(" ", "").lower() not in {c.replace(" ", "").lower() for c in channels}:
                channels.append(name)
        if not channels or any(t.fold in g.NEGATIONS for t in toks):
            return []
        return [
            Event(
                lemma="supply",
                object=f"{toks[i].text} % {toks[j].text}",
                span=span,
                tense="ongoing",
                subject=" + ".join(channels),
                verb="",
            )
        ]
    return []


def _prospecting(piece: str, span: Span) -> list[Event]:
    """ "los vendedores hacen su propia prospección": who does their own prospecting (`subject`, as written)."""
    toks = tokens(piece)
    do = next((i for i, t in enumerate(toks) if t.fold in g.DO), None)
    if do is None or do == 0 or toks[-1].fold not in g.PROSPECTING or any(t.fold in g.NEGATIONS for t in toks):
        return []
    if not any(t.fold in g.OWN or t.fold in ("propre", "eigene", "propia", "eigen") for t in toks[do:]):
        return []
    return [
        Event(
            lemma="prospect",
            object="",
            span=span,
            tense="ongoing",
            subject=_text(piece, toks[:do]),
            verb=_text(piece, toks[do:]),
        )
    ]


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
