"""Record shapes the clause machinery cannot say, restated as a real opening sentence.

A record's strongest fact often comes in a shape no clause can be built from: a project name and a colon
("The Birchway at Midtown: 240 units, first move-ins in June, pre-leasing opens next month"), a capex line
("$22M capex: three new thermoforming lines commissioning in Q2"), a passive event ("Acquired by X in
March"), the recipient's own start ("Rina Cho joined as CRO 5 weeks ago"), a job ad in German, or a gap
the offer fills ("No in-house marketing director"). `restate` turns each into one sentence with a subject,
a 2-5-word subject line naming the fact, and, where the shape itself implies one, a "so what" that assumes
nothing the record does not say. Anything else returns None and the planner's own clause is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER_WORDS = {
    "1": "one",
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
    "6": "six",
    "7": "seven",
    "8": "eight",
    "9": "nine",
    "10": "ten",
}

_WHEN = (
    r"(?:in|by|from|this|next|early|late|mid|last)\b[\w -]{0,20}?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"q[1-4]|spring|summer|fall|autumn|winter|month|week|quarter|year|20\d\d)"
)


@dataclass(frozen=True)
class Restated:
    """A fact said as a sentence: `sentence` opens the email, `subject` names it, `why` (or None) says what it
    implies for this buyer without inventing anything."""

    sentence: str
    subject: str
    why: str | None = None


def _count(text: str) -> str:
    return re.sub(r"\b(10|[1-9])\b(?!\s*[%$€£.,/:\d])", lambda m: _NUMBER_WORDS[m.group(1)], text)


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _bare(name: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)


# --- "<Name>: <part>, <part>, ..." -----------------------------------------------------------------------

_COLON = re.compile(r"^(?P<head>[^:]{2,60}?)\s*:\s*(?P<parts>.{4,})$")
_CAPEX_HEAD = re.compile(
    r"^(?P<amount>[$€£]\s?\d[\d.,]*\s?(?:[KMB]|bn|million|billion)?)\s+(?P<noun>capex|capital (?:plan|program|"
    r"budget)|investment|expansion|upgrade|moderni[sz]ation)$",
    re.IGNORECASE,
)
_ING_PART = re.compile(rf"^(?P<np>[\w$€£ ,.-]+?)\s+(?P<verb>[a-z]+ing)\s+(?P<when>{_WHEN})$", re.IGNORECASE)
_EVENT_PART = re.compile(
    rf"^(?P<np>[a-z][\w -]{{1,30}}?)\s+(?P<verb>opens|starts|begins|launches|kicks off|closes|completes|ends)\s+"
    rf"(?P<when>{_WHEN})$",
    re.IGNORECASE,
)
# "lease-up starting", "construction underway": the event is happening now
_EVENT_NOW = re.compile(
    r"^(?P<np>[a-z][\w -]{1,30}?)\s+(?:starting|started|underway|under way|beginning|begun|in progress)$",
    re.IGNORECASE,
)
_DATED_PART = re.compile(rf"^(?P<np>[a-z][\w -]{{1,30}}?)\s+(?P<when>{_WHEN})$", re.IGNORECASE)


def _colon(text: str) -> Restated | None:
    m = _COLON.match(text)
    if not m:
        return None
    head, parts = m.group("head").strip(), [p.strip() for p in re.split(r",\s*(?:and\s+)?", m.group("parts"))]
    capex = _CAPEX_HEAD.match(head)
    if capex:
        for part in parts:
            ing = _ING_PART.match(part)
            if ing and ing.group("verb").lower() not in ("during", "morning", "evening"):
                np_ = _count(ing.group("np").strip())
                noun = capex.group("noun").lower()
                noun = f"{noun} plan" if noun == "capex" else noun
                amount = capex.group("amount").replace(" ", "")
                # "your $18M capex plan": no article to get wrong before a figure ("a $18M" / "an $18M")
                doing = f"{ing.group('verb').lower()} {np_} {ing.group('when')}"
                return Restated(
                    f"You're {doing} as part of your {amount} {noun}.",
                    np_ if len(np_.split()) <= 4 else f"the {amount} {noun}",
                )
        return None
    if not head[:1].isupper() or any(c.isdigit() for c in head):
        return None
    event = next((e for p in parts if (e := _EVENT_PART.match(p))), None)
    now = next((e for p in parts if (e := _EVENT_NOW.match(p))), None) if event is None else None
    if event is None and now is None:
        return None
    if event is not None:
        np_ = event.group("np").strip()
        sentence = f"{np_[0].upper()}{np_[1:]} for {head} {event.group('verb').lower()} {event.group('when')}"
    else:
        assert now is not None
        np_ = now.group("np").strip()
        sentence = f"{np_[0].upper()}{np_[1:]} for {head} is under way"
        event = now
    dated = next(
        (d for p in parts if (d := _DATED_PART.match(p)) and d.group(0) != event.group(0)),
        None,
    )
    if dated:
        sentence += f", with {_count(dated.group(0))}"
    name = _bare(head) if len(_bare(head).split()) <= 2 else _bare(head).split()[0]
    topic = "lease-up" if re.search(r"leas|move-in", np_ + " " + (dated.group(0) if dated else ""), re.I) else np_
    return Restated(sentence + ".", f"the {name} {topic}")


# --- "Acquired by X in March" ------------------------------------------------------------------------------

_ACQUIRED_BY = re.compile(
    rf"^(?:was\s+|got\s+)?(?:acquired|bought)\s+by\s+(?P<buyer>[A-Z][\w&.' -]{{1,60}}?)(?:\s+(?P<when>{_WHEN}))?$",
    re.IGNORECASE,
)


def _acquired(text: str, company: str) -> Restated | None:
    m = _ACQUIRED_BY.match(text)
    if not m or not company:
        return None
    buyer, when = m.group("buyer").strip(), m.group("when")
    sentence = f"{buyer} acquired {company}{' ' + when if when else ''}."
    return Restated(
        sentence,
        f"the {_bare(buyer).split()[0]} acquisition",
        "A new owner usually arrives with growth targets for the first year.",
    )


# --- "<Recipient> joined as CRO 5 weeks ago" ---------------------------------------------------------------

_JOINED = re.compile(
    r"^(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,2})\s+(?:joined|started|was named|was appointed|came on board)"
    r"\s+(?:as\s+)?(?:the\s+)?(?:new\s+)?(?P<role>[A-Z][\w &/-]{1,40}?)"
    r"(?P<when>\s+(?:\d+|a|one|two|three|four|five|six)\s+(?P<unit>days?|weeks?|months?)\s+ago|\s+(?:in|last)\s+\w+)?$"
)


def _joined(text: str, first: str | None, last: str | None) -> Restated | None:
    m = _JOINED.match(text)
    if not m:
        return None
    name, role = m.group("name"), m.group("role").strip()
    when = _count(m.group("when") or "")
    mine = bool(first and last and name.lower() == f"{first} {last}".lower())
    if not mine:
        return Restated(f"{name} joined as {role}{when}.", f"the new {role}" if len(role.split()) <= 3 else name)
    unit = "weeks" if (m.group("unit") or "months").rstrip("s") in ("day", "week") else "months"
    # a subject line has at most five words: "your first weeks as CRO", "your new VP Sales role"
    subject = next(
        (s for s in (f"your first {unit} as {role}", f"your new {role} role") if len(s.split()) <= 5),
        f"your first {unit}",
    )
    return Restated(
        f"You joined as {role}{when}.",
        subject,
        "The first months in a new role are usually when the plan for the year gets set.",
    )


# --- "Sucht 2 Instandhaltungstechniker (m/w/d)": a German job ad ----------------------------------------------

# compound parts of German job titles, longest first when matched
_GERMAN_PARTS = {
    "instandhaltung": "maintenance",
    "wartung": "maintenance",
    "produktion": "production",
    "fertigung": "production",
    "qualität": "quality",
    "qualitaet": "quality",
    "logistik": "logistics",
    "vertrieb": "sales",
    "verkauf": "sales",
    "marketing": "marketing",
    "einkauf": "purchasing",
    "personal": "HR",
    "schicht": "shift",
    "betrieb": "operations",
    "service": "service",
    "lager": "warehouse",
}
_GERMAN_ROLES = {
    "techniker": "technicians",
    "mechaniker": "mechanics",
    "mechatroniker": "mechatronics technicians",
    "elektroniker": "electronics technicians",
    "elektriker": "electricians",
    "ingenieur": "engineers",
    "ingenieure": "engineers",
    "leiter": "leads",
    "mitarbeiter": "staff",
    "manager": "managers",
    "meister": "supervisors",
    "planer": "planners",
}
# nouns at the end of a German compound ("Fertigungslinie" -> "production line")
_GERMAN_THINGS = {
    "linie": "line",
    "anlage": "plant",
    "anlagen": "plants",
    "halle": "hall",
    "werk": "plant",
    "maschine": "machine",
    "maschinen": "machines",
    "lager": "warehouse",
    "zentrum": "center",
}
# a job ad's verb in German, French, Spanish or Dutch, then an optional count and the role
_AD = re.compile(
    r"^(?:sucht|suchen|wir suchen|stellt ein|recrute|recherche|busca|contrata|zoekt)\s+(?:(?P<n>\d+)\s+)?"
    r"(?P<role>[A-ZÄÖÜ][\wäöüß -]{1,50}?)$",
    re.IGNORECASE,
)
_HEAD_OF = re.compile(r"^(?:Leiter|Leiterin|Leitung|Head of)\s+(?P<area>[A-ZÄÖÜ][\wäöüß-]+)$")
_ENGLISH_ROLE = re.compile(
    r"^(?:[A-Z][a-z]+\s+){0,3}(?i:developers?|engineers?|managers?|representatives?|reps?|executives?|technicians?|"
    r"sdrs?|bdrs?|aes?|specialists?|consultants?|designers?|analysts?)$"
)


def _german_word(word: str, tails: dict[str, str]) -> str | None:
    """A German compound in English: a known first part ("Instandhaltung") and a known tail ("techniker");
    a hyphenated prefix ("CNC-") is kept."""
    prefix, _, word = word.rpartition("-")
    low = word.lower()
    for part, en in sorted(_GERMAN_PARTS.items(), key=lambda p: -len(p[0])):
        if low.startswith(part):
            rest = low[len(part) :]
            rest = rest[1:] if rest.startswith("s") and rest[1:] in tails else rest
            tail = tails.get(rest) or tails.get(rest.removesuffix("in"))
            if tail:
                return " ".join(x for x in (prefix, en, tail) if x)
    return " ".join(x for x in (prefix, tails[low]) if x) if low in tails else None


_HIRING_COLON = re.compile(
    r"^(?:Hiring|Now hiring|Job ad|Job posting|Open role|Stellenanzeige|Offre d'emploi)\s*:\s*"
    r"(?P<role>[A-Z][\w&/ -]{2,50}?)(?:\s*\(x\s?(?P<n>\d+)\))?(?:\s*\([^)]*\))*(?:\s+f(?:ü|u)r\s.*)?$"
)


def _hiring_colon(raw: str, company: str) -> Restated | None:
    """ "Hiring: Executive Casino Host (x4)" -> "... is hiring four executive casino hosts." """
    m = _HIRING_COLON.match(raw.strip().rstrip("."))
    if not m or not company:
        return None
    role = " ".join(w if sum(c.isupper() for c in w) > 1 else w.lower() for w in m.group("role").split())
    n = int(m.group("n")) if m.group("n") else 1
    if n == 1:
        article = "an" if role[:1].lower() in "aeiou" else "a"
        what = f"{article} {role}"
    else:
        plural = role if role.endswith("s") else role + "s"
        what = f"{_count(str(n))} {plural}"
    return Restated(f"I saw that {company} is hiring {what}.", what if n > 1 else f"hiring {what}")


def _job_ad(text: str, company: str, title: str | None) -> Restated | None:
    m = _AD.match(text)
    if not m or not company:
        return None
    phrase = m.group("role").strip()
    count = _count(m.group("n")) if m.group("n") else None
    head = _HEAD_OF.match(phrase)
    area = _GERMAN_PARTS.get(head.group("area").lower()) if head else None
    if head and area:
        role, single = f"head of {area}", True
    elif _ENGLISH_ROLE.match(phrase):
        # "Business Developers" -> "business developers"; an acronym keeps its case ("SDRs")
        role = " ".join(w if sum(c.isupper() for c in w) > 1 else w.lower() for w in phrase.split())
        single = False
    elif " " not in phrase and (translated := _german_word(phrase, _GERMAN_ROLES)):
        role, single = translated, False
    else:
        return None  # a role we cannot say in English is not pasted in German
    title_words = [t for t in re.findall(r"[\wäöüß]+", (title or "").lower()) if len(t) >= 5]
    own = any(t in phrase.lower() for t in title_words)
    if single or count == "one":
        what = f"a {role.removesuffix('s') if count == 'one' else role}"
    else:
        what = f"{count} {role}" if count else role
    return Restated(
        f"I saw that {company} is hiring {what}.",
        what if count and not single else f"hiring {what}",
        "Open roles on your own team usually mean the people you have are covering more than they should."
        if own
        else None,
    )


# "Inbetriebnahme einer neuen CNC-Fertigungslinie in Q3": a German commissioning line
_COMMISSIONING = re.compile(
    rf"^Inbetriebnahme\s+(?:einer|eines|der|des|von)\s+(?P<new>neuen\s+)?(?P<what>[\wäöüß-]+)\s+(?P<when>{_WHEN})$",
    re.IGNORECASE,
)


def _german_project(text: str) -> Restated | None:
    m = _COMMISSIONING.match(text)
    if not m:
        return None
    what = _german_word(m.group("what"), _GERMAN_THINGS)
    if what is None:
        return None
    what = f"new {what}" if m.group("new") else what
    article = "an" if what[:1].lower() in "aeiou" else "a"
    return Restated(f"You're commissioning {article} {what} {m.group('when')}.", f"the {what}")


# --- "No in-house marketing director": a gap the offer fills --------------------------------------------------

GAP = re.compile(
    r"^(?:there is\s+)?no\s+(?P<kind>in-house|dedicated|internal|full-time)\s+(?P<role>[a-z][\w -]{2,40}?)"
    r"(?:\s+(?:today|yet|on staff|at the moment))?\.?$",
    re.IGNORECASE,
)
_ROLE_HEAD = re.compile(r"\s+(?:director|manager|lead|head|team|person|hire|staff|department)$", re.IGNORECASE)


def gap(text: str, company: str) -> Restated | None:
    """'No in-house marketing director' as the lead: who does that work now is the "so what"."""
    m = GAP.match(text.strip())
    if not m or not company:
        return None
    role = m.group("role").strip()
    area = _ROLE_HEAD.sub("", role)
    if area == role or not area:
        return None
    kind = m.group("kind").lower()
    return Restated(
        f"With no {kind} {role} at {company}, {area} work usually lands on your desk along with everything else.",
        f"without a {role}" if len(role.split()) <= 3 else f"no {kind} {area}",
    )


# --- "Online orders only through Uber Eats and DoorDash": a single channel, no direct one ----------------------

_ONLY_THROUGH = re.compile(
    r"^(?P<what>[A-Z][\w -]{2,40}?)\s+(?:come\s+|comes\s+|are\s+|is\s+)?only\s+(?:through|via|on)\s+"
    r"(?P<where>[A-Z][\w.&' -]{1,60}?)$"
)


def _only_through(text: str, company: str) -> Restated | None:
    m = _ONLY_THROUGH.match(text)
    if not m or not company:
        return None
    what, where = m.group("what").strip(), m.group("where").strip()
    what = what if sum(c.isupper() for c in what) > 1 else what[0].lower() + what[1:]
    verb = "come" if what.split()[-1].endswith("s") else "comes"
    return Restated(
        f"Right now, {_possessive(company)} {what} {verb} only through {where}.",
        where if len(where.split()) <= 5 else f"{what} through the apps",
    )


# --- "Hygiene chairs running ~78% utilised": a measure with no verb of its own ---------------------------------

_RUNNING_AT = re.compile(
    r"^(?P<np>[A-Z][a-z]+(?:\s+[a-z]+){0,3}s)\s+running\s+(?:at\s+)?(?P<figure>~?\s?(?:about\s+)?\d[\d.,]*%)"
    r"(?P<rest>(?:\s+[\w-]+){0,6})$"
)


def _running_at(text: str) -> Restated | None:
    m = _RUNNING_AT.match(text)
    if not m:
        return None
    np_ = m.group("np").lower()
    figure = re.sub(r"^~\s?", "about ", m.group("figure"))
    return Restated(f"Your {np_} are running {figure}{m.group('rest')}.", f"your {np_}")


def restate(
    text: str,
    *,
    company: str | None,
    first: str | None,
    last: str | None,
    title: str | None,
    raw: str | None = None,
) -> Restated | None:
    """The fact in `text` (`raw`: as written) as an opening sentence, or None for any other shape."""
    co = company or ""
    return (
        _hiring_colon(raw or text, co)
        or _colon(text)
        or _acquired(text, co)
        or _joined(text, first, last)
        or _job_ad(text, co, title)
        or _german_project(text)
        or _only_through(text, co)
        or _running_at(text)
        or gap(text, co)
    )
