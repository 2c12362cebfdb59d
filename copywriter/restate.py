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
                return Restated(
                    f"You're {ing.group('verb').lower()} {np_} {ing.group('when')} as part of a {amount} {noun}.",
                    np_ if len(np_.split()) <= 4 else f"the {amount} {noun}",
                )
        return None
    if not head[:1].isupper() or any(c.isdigit() for c in head):
        return None
    event = next((e for p in parts if (e := _EVENT_PART.match(p))), None)
    if event is None:
        return None
    np_ = event.group("np").strip()
    sentence = f"{np_[0].upper()}{np_[1:]} for {head} {event.group('verb').lower()} {event.group('when')}"
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
_GERMAN_AD = re.compile(
    r"^(?:sucht|suchen|stellt ein|wir suchen)\s+(?:(?P<n>\d+)\s+)?(?P<role>[A-ZÄÖÜ][\wäöüß-]+)", re.I
)


def _german_role(word: str) -> str | None:
    low = word.lower().replace("-", "")
    for part, en in sorted(_GERMAN_PARTS.items(), key=lambda p: -len(p[0])):
        if low.startswith(part):
            rest = low[len(part) :].lstrip("s")
            role = _GERMAN_ROLES.get(rest) or _GERMAN_ROLES.get(rest.rstrip("in"))
            if role:
                return f"{en} {role}"
    return _GERMAN_ROLES.get(low)


def _job_ad(text: str, company: str, title: str | None) -> Restated | None:
    m = _GERMAN_AD.match(text)
    if not m or not company:
        return None
    word = m.group("role")
    role = _german_role(word)
    count = _count(m.group("n")) if m.group("n") else None
    own = bool(title) and any(
        len(t) >= 5 and t in word.lower() for t in re.findall(r"[\wäöüß]+", (title or "").lower())
    )
    if role is None:
        return Restated(f"I saw the job ad for {word} at {company}.", "the open role")
    what = f"{count} {role}" if count else role
    if count == "one":
        what = f"a {role.rstrip('s')}"
    return Restated(
        f"I saw that {company} is hiring {what}.",
        what if count else f"hiring {role}",
        "Open roles on your own team usually mean the people you have are covering more than they should."
        if own
        else None,
    )


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


def restate(
    text: str, *, company: str | None, first: str | None, last: str | None, title: str | None
) -> Restated | None:
    """The fact in `text` as an opening sentence, or None when its shape is not one of these."""
    co = company or ""
    return (
        _colon(text)
        or _acquired(text, co)
        or _joined(text, first, last)
        or _job_ad(text, co, title)
        or gap(text, co)
    )
