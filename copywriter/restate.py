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
from collections.abc import Sequence
from dataclasses import dataclass

from intelligence import glossary as g
from intelligence.english import possessive
from intelligence.facts import Event, Quantity

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


# --- the facts layer's events (intelligence.extract), said as sentences ------------------------------------------


def _as_written(phrase: str) -> str:
    """A phrase of the record without its asides ("Ridgeline Partners (PE)" -> "Ridgeline Partners")."""
    return " ".join(re.sub(r"\s*\([^()]*\)", "", phrase).split())


# the present forms a colon-led statement's event is said in ("pre-leasing opens next month")
_SCHEDULED = frozenset({"opens", "starts", "begins", "launches", "closes", "ends"})
# a statement's event that is happening now ("lease-up starting")
_UNDER_WAY = frozenset({"starting", "started", "beginning", "begun"})
# the noun a capital plan is said with ("$22M capex" -> "your $22M capex plan")
_CAPEX_NOUNS = frozenset({"capex", "capital plan", "capital program", "capital budget", "investment", "expansion"})
_CAPEX_NOUNS |= {"upgrade", "modernization", "modernisation"}
_DATED_PART = re.compile(rf"^(?P<np>[a-z][\w -]{{1,30}}?)\s+(?P<when>{_WHEN})$", re.IGNORECASE)


def _capex(event: Event, quantities: Sequence[Quantity]) -> Restated | None:
    """ "$22M capex: three new thermoforming lines commissioning in Q2": the label is a capital plan (the facts
    layer reads it as an amount of money and what it is), the event is what the reader is doing with it."""
    money = next((q for q in quantities if q.unit == "usd" and q.what.lower() in _CAPEX_NOUNS), None)
    verb = event.verb.lower()
    if money is None or not verb.endswith("ing") or not event.date_text or not event.object:
        return None
    label = event.topic
    at = label.lower().rfind(money.what.lower())
    amount, noun = label[:at].replace(" ", ""), label[at:].lower()
    if at < 1 or amount[:1] not in "$€£" or at + len(noun) != len(label):
        return None
    np_ = _count(event.object)
    noun = f"{noun} plan" if noun == "capex" else noun
    # "your $18M capex plan": no article to get wrong before a figure ("a $18M" / "an $18M")
    return Restated(
        f"You're {verb} {np_} {event.date_text} as part of your {amount} {noun}.",
        np_ if len(np_.split()) <= 4 else f"the {amount} {noun}",
    )


def _statement(event: Event) -> Restated | None:
    """ "The Birchway at Midtown: 240 units, first move-ins in June, pre-leasing opens next month": the event of a
    statement hung on a project's name, said about the project, with a dated part of the statement after it."""
    head, verb, np_ = event.topic, event.verb.lower(), event.object
    if not head[:1].isupper() or any(c.isdigit() for c in head) or not np_[:1].islower() or len(np_) > 31:
        return None
    if verb in _SCHEDULED and event.date_text:
        sentence = f"{np_[0].upper()}{np_[1:]} for {head} {verb} {event.date_text}"
    elif verb in _UNDER_WAY and not event.date_text:
        sentence = f"{np_[0].upper()}{np_[1:]} for {head} is under way"
    else:
        return None
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?", event.span.text.partition(":")[2])]
    dated = next((d for p in parts if (d := _DATED_PART.match(p)) and np_ not in p), None)
    if dated:
        sentence += f", with {_count(dated.group(0))}"
    name = _bare(head) if len(_bare(head).split()) <= 2 else _bare(head).split()[0]
    topic = "lease-up" if re.search(r"leas|move-in", np_ + " " + (dated.group(0) if dated else ""), re.I) else np_
    return Restated(sentence + ".", f"the {name} {topic}")


def _acquired(event: Event, company: str, named: str | None) -> Restated | None:
    """ "Acquired by X in March": the facts layer reads the buyer as the one who acquired the prospect."""
    if not (event.passive and event.subject and company) or event.object != (named or company):
        return None
    buyer, when = _as_written(event.subject), event.date_text
    return Restated(
        f"{buyer} acquired {company}{' ' + when if when else ''}.",
        f"the {_bare(buyer).split()[0]} acquisition",
        "A new owner usually arrives with growth targets for the first year.",
    )


# "joined as CRO", "started as VP Sales", "was appointed CRO", "was named CMO"
_JOINED = frozenset({"joined", "started", "appointed", "named"})
_PERSON = re.compile(r"^[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,2}$")
_ROLE = re.compile(r"^(?:the\s+)?(?:new\s+)?(?P<role>[A-Z][\w &/-]{1,40})$")
_AGO = re.compile(r"^(?:\d+|a|one|two|three|four|five|six)\s+(?P<unit>days?|weeks?|months?)\s+ago$")


def _joined(event: Event, first: str | None, last: str | None) -> Restated | None:
    """ "Rina Cho joined as CRO 5 weeks ago": the facts layer reads who joined, the role and when."""
    role_m = _ROLE.match(re.sub(r"^as\s+", "", event.object))
    if event.verb not in _JOINED or not _PERSON.match(event.subject) or not role_m:
        return None
    name, role, date = event.subject, role_m.group("role").strip(), event.date_text or ""
    ago = _AGO.match(date)
    if date and not ago and not re.match(r"^(?:in|last)\s+\w+$", date):
        return None
    when = _count(f" {date}" if date else "")
    mine = bool(first and last and name.lower() == f"{first} {last}".lower())
    if not mine:
        return Restated(f"{name} joined as {role}{when}.", f"the new {role}" if len(role.split()) <= 3 else name)
    unit = "weeks" if (ago.group("unit") if ago else "months").rstrip("s") in ("day", "week") else "months"
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

# the labels a job ad is hung on ("Hiring: Executive Casino Host (x4)"); a job ad's foreign verb ("Sucht",
# "Recrute") and German title words are the glossary's (`intelligence.glossary`)
_AD_LABELS = frozenset({"hiring", "now hiring", "job ad", "job posting", "open role", "stellenanzeige"})
_AD_LABELS |= {"offre d'emploi"}
_HEAD_OF = re.compile(r"^(?P<head>[A-Z][a-z]+(?: of)?)\s+(?P<area>[A-ZÄÖÜ][\wäöüß-]+)$")
_ENGLISH_ROLE = re.compile(
    r"^(?:[A-Z][a-z]+\s+){0,3}(?i:developers?|engineers?|managers?|representatives?|reps?|executives?|technicians?|"
    r"sdrs?|bdrs?|aes?|specialists?|consultants?|designers?|analysts?)$"
)


_LABELLED_ROLE = re.compile(
    # "... Manager - Advisory": the department after the dash is not said
    r"^(?P<role>[A-Z][\w&/ -]{2,50}?)(?:\s+[-–—]\s+[A-Z][\w&/ ]{1,25})?"
    r"(?:\s*\((?:x\s?(?P<n>\d+)|(?P<n2>\d+)\s?x)\))?(?:\s*\([^)]*\))*(?:\s+f(?:ü|u)r\s.*)?$"
)
_AD_ROLE = re.compile(r"^(?:(?P<n>\d+)\s+)?(?P<role>[A-ZÄÖÜ][\wäöüß -]{1,50}?)$")


_ROLE_TAILS = frozenset({"manager", "analyst", "director", "lead", "specialist", "coordinator", "executive"})


def hire_subject(role: str) -> str:
    """The subject for one open role: "your Lifecycle Marketing hire", not "hiring a Lifecycle Marketing Manager"
    (blind readers: a pasted job title reads like a recruiter's email)."""
    words = role.split()
    if len(words) >= 3 and words[-1].lower() in _ROLE_TAILS:
        words = words[:-1]
    return f"your {' '.join(words)} hire"


def _labelled_ad(event: Event, company: str) -> Restated | None:
    """ "Hiring: Executive Casino Host (x4)" -> "... is hiring four executive casino hosts." """
    m = _LABELLED_ROLE.match(event.object)
    if not m:
        return None
    role = " ".join(w if sum(c.isupper() for c in w) > 1 else w.lower() for w in m.group("role").split())
    n = int(m.group("n") or m.group("n2") or 1)
    if n == 1:
        article = "an" if role[:1].lower() in "aeiou" else "a"
        what = f"{article} {role}"
    else:
        plural = role if role.endswith("s") else role + "s"
        what = f"{_count(str(n))} {plural}"
    return Restated(f"I saw that {company} is hiring {what}.", what if n > 1 else hire_subject(role))


def _job_ad(event: Event, company: str, title: str | None) -> Restated | None:
    """ "Sucht 2 Instandhaltungstechniker (m/w/d)", "Recrute 3 Business Developers (SDR)": the role in English."""
    m = _AD_ROLE.match(_as_written(event.object))
    if not m:
        return None
    phrase = m.group("role").strip()
    count = _count(m.group("n")) if m.group("n") else None
    head = _HEAD_OF.match(phrase)
    area = (
        g.ROLE_PARTS.get(g.fold(head.group("area"))) if head and g.fold(head.group("head")) in g.HEAD_OF else None
    )
    if head and area:
        role, single = f"head of {area}", True
    elif _ENGLISH_ROLE.match(phrase):
        # "Business Developers" -> "business developers"; an acronym keeps its case ("SDRs")
        role = " ".join(w if sum(c.isupper() for c in w) > 1 else w.lower() for w in phrase.split())
        single = False
    elif " " not in phrase and (translated := g.german_compound(phrase, g.ROLE_TAIL_PLURALS)):
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
        what if count and not single else hire_subject(role),
        "Open roles on your own team usually mean the people you have are covering more than they should."
        if own
        else None,
    )


def _hiring(event: Event, company: str, title: str | None) -> Restated | None:
    if not company:
        return None
    if event.topic.lower() in _AD_LABELS:
        return _labelled_ad(event, company)
    return _job_ad(event, company, title) if event.verb.lower() in g.JOB_AD_VERBS else None


# "Inbetriebnahme einer neuen CNC-Fertigungslinie in Q3": a German commissioning line
_COMMISSIONING = re.compile(
    rf"^Inbetriebnahme\s+(?:einer|eines|der|des|von)\s+(?P<new>neuen\s+)?(?P<what>[\wäöüß-]+)\s+(?P<when>{_WHEN})$",
    re.IGNORECASE,
)


def _german_project(text: str) -> Restated | None:
    m = _COMMISSIONING.match(text)
    if not m:
        return None
    what = g.german_compound(m.group("what"), g.THING_TAILS)
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


# "No metasearch running", "No SMS program in place": a channel of the offer's own work they do not run yet
NOT_RUNNING = re.compile(
    r"^(?:no|zero)\s+(?P<thing>[a-zA-Z][\w -]{1,30}?)\s+(?:running|in place|set up|live)(?:\s+yet)?\.?$",
    re.IGNORECASE,
)


def not_running(text: str) -> Restated | None:
    """'No metasearch running' as a fact: said as what they do not run yet (the caller has checked that the thing
    is the offer's own work)."""
    m = NOT_RUNNING.match(text.strip())
    if not m:
        return None
    thing = m.group("thing").strip()
    thing = thing if any(c.isupper() for c in thing) else thing.lower()
    return Restated(f"You're not running {thing} yet.", f"no {thing} yet")


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
        f"Right now, {possessive(company)} {what} {verb} only through {where}.",
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


# --- "The Verdant at Frisco: 312 units, TCO 1/15, pre-leased only 9% against a 25% target": a named property and
# how full it is, in a rep's shorthand ----------------------------------------------------------------------------

_NAMED_LEASE = re.compile(
    r"^['\"‘“]?(?P<name>(?:The )?[A-Z][\w'&-]*(?: (?:at|on|of) [A-Z][\w'&-]*| [A-Z][\w'&-]*){0,3})['\"’”]?"
    r"(?::|,)?\s+(?P<desc>[^;]*?)\b(?:at\s+)?"
    r"(?:(?P<verb1>pre-leased|leased|occupied)\s+(?P<pct1>(?:only\s+)?(?:about\s+)?\d{1,3}%)|"
    r"(?P<pct2>(?:only\s+)?(?:about\s+)?\d{1,3}%)\s+(?P<verb2>pre-leased|leased|occupied))"
    r"(?P<target>\s+(?:against|vs\.?|versus)\s+(?:an?\s+)?\d{1,3}%\s+"
    r"(?:target|pro forma|budget|underwriting|plan))?"
    r"(?:,\s*(?:giving|offering)\s+[^,]+)?\.?$"  # nothing else said: a note with more in it keeps its own reading
)
# what a property's name never starts with ("Two new buildings", "Delivering 410,000 sq ft ...")
_NOT_A_NAME = frozenset(
    {
        "two",
        "three",
        "four",
        "five",
        "six",
        "both",
        "all",
        "our",
        "their",
        "its",
        "new",
        "delivering",
        "building",
        "opening",
        "portfolio",
        "occupancy",
        "leasing",
        "lease-up",
        "phase",
        "tower",
    }
)


def _named_lease(text: str) -> Restated | None:
    m = _NAMED_LEASE.match(text)
    if not m:
        return None
    words = re.sub(r"^The ", "", m.group("name")).split()
    desc = m.group("desc").lower().split()
    if (
        not words
        or words[0].lower() in _NOT_A_NAME
        or set(desc) & {"is", "are", "was", "were", "has", "have", "had", "sits", "sit"}
        or any(w.endswith("ed") for w in desc)
        or re.search(_WHEN, m.group("desc"), re.IGNORECASE)  # "Alder Yards delivers in February 2027, with ..."
    ):
        return None  # "The Foundry delivered in August, with 41% leased": the note has its own verb
    name, pct = m.group("name").rstrip("'’"), m.group("pct1") or m.group("pct2")
    verb = m.group("verb1") or m.group("verb2")
    target = re.sub(r"\s+(?:vs\.?|versus)\s+", " against ", m.group("target") or "")
    target = re.sub(
        r"against (\d)", lambda t: f"against {'an' if t.group(1) == '8' else 'a'} {t.group(1)}", target
    )
    units = re.search(r"\b(\d[\d,]*)[- ]units?\b", m.group("desc"))
    if units:
        sentence = f"{possessive(name)} {units.group(1)} units are {pct} {verb}{target}."
    else:
        sentence = f"{name} is {pct} {verb}{target}."
    return Restated(
        sentence, f"{re.sub(r' (?:at|on|of) .*$', '', name)} at {pct.split()[-1]}"
    )  # "The Verdant at 9%"


def _from_event(
    event: Event,
    quantities: Sequence[Quantity],
    company: str,
    named: str | None,
    first: str | None,
    last: str | None,
    title: str | None,
) -> Restated | None:
    """The event the facts layer read in the fact, by its shape: a job ad, a capital plan or a project's
    statement hung on a label, a passive acquisition, the reader's own start."""
    if event.negated:
        return None
    if event.lemma == "hire":
        return _hiring(event, company, title)
    if event.topic:
        return _capex(event, quantities) or _statement(event)
    if event.lemma == "acquire":
        return _acquired(event, company, named)
    if event.lemma in ("join", "start", "appoint"):
        return _joined(event, first, last)
    return None


def restate(
    text: str,
    *,
    company: str | None,
    first: str | None,
    last: str | None,
    title: str | None,
    events: Sequence[Event] = (),
    quantities: Sequence[Quantity] = (),
    named: str | None = None,
) -> Restated | None:
    """The fact in `text` as an opening sentence, or None for any other shape. `events` and `quantities` are what
    the facts layer (`intelligence.extract`) read in the fact's sentence; `named` is the company as the record
    names it (the facts layer's object of a passive event that does not name one)."""
    co = company or ""
    return (
        next((r for e in events if (r := _from_event(e, quantities, co, named, first, last, title))), None)
        or _german_project(text)
        or _only_through(text, co)
        or _running_at(text)
        or _named_lease(text)
        or gap(text, co)
        or not_running(text)
    )
