"""What a deal under way owes the prospect: the things the notes say they asked for, or that we noted to send.

"Met at DSO Summit 9/25 ... needs BAA + pricing", "Wants case study w/ theo numbers before looping in VP Mktg.
Send deck, f/u Tue.", "Envoyer propale + cas client d'ici vendredi": a practitioner answers such a record with what
was promised and the agreed next step ("I'll have the case study with the theo numbers and our deck over to you
this week, so you have them before you bring in your VP of Marketing. Does Tuesday still work to follow up?"),
never with a cold pitch or "Shall I send the case study first?" (blind readers: "asks permission for something
she already requested").

`owed(notes)` reads the request; the sentence planner (`copywriter.planner.Plan.promise_line`) says it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.text import WEEKDAY
from intelligence import glossary as g
from intelligence.english import number_word

# How a note names a thing we send (English and the record languages we read) -> how a rep says it. A word
# before the thing ("per-meeting pricing", "CPL benchmarks", "law-firm refs") is kept; see `_said_item`.
_ITEMS: tuple[tuple[str, str], ...] = (
    (r"pricing deck", "pricing deck"),
    (r"case stud(?:y|ies)|cas clients?|casos? de [ée]xito|Fallstudien?|klantcases?", "case study"),
    (r"decks?|pitch deck", "deck"),
    (r"proposals?|propale|proposition(?: commerciale)?|propuesta|Angebot|offerte|voorstel", "proposal"),
    (r"quotes?|soumission|devis|presupuesto|cotizaci[oó]n", "quote"),
    (r"pricing|prices|tarifs|precios|Preise|prijzen", "pricing"),
    (r"BAA(?: template)?", "BAA"),
    (r"ROI model|ROI calc(?:ulator)?", "ROI model"),
    (r"refs|references", "references"),
    (r"benchmarks?", "benchmarks"),
    (r"one-pager|1-pager", "one-pager"),
    (r"(?:one-page )?overview", "overview"),
    (r"creds|credentials", "credentials"),
    (r"MSA", "MSA"),
    (r"SOW(?: draft)?", "SOW"),
    (r"contract draft|draft contract", "draft contract"),
    (r"security questionnaire", "security questionnaire"),
    (r"security (?:doc|document|overview)s?", "security document"),
    (r"(?:[\w/-]+ ){0,3}memo", "memo"),
    (r"(?:[\w-]+ ){0,2}workflows?", "workflow"),
    (
        r"sample (?:[A-Za-z]+ ){0,2}?"
        r"(?:ICP doc|plan|creative|flows?|emails?|campaigns?|texts?|messages?|SMS(?![ -]\w))",
        "sample",
    ),
    (r"(?:cost )?comparison", "comparison"),
    (r"exemples?|examples?|ejemplos?|voorbeelden|Beispiele", "examples"),
    (r"redlines", "redlines"),
    (r"RFP response", "RFP response"),
    (r"(?:pilot |rollout )?plan", "plan"),
    (r"(?:[\w-]+ )?(?:pilot )?outline", "outline"),  # "a 4-machine pilot outline"
    (r"(?:pilot |project )?scope", "scope"),
    (r"numbers(?: on [\w -]{3,40})?", "numbers"),
)
_ITEM = re.compile(r"\b(?:" + "|".join(f"(?P<i{n}>{p})" for n, (p, _) in enumerate(_ITEMS)) + r")(?![\w-])")
# the request: theirs ("wants", "needs", "asked for", "requested", "will want") or a to-do of ours ("Send deck",
# "Sending MSA + SOW draft", "Envoyer ...", "Enviar ...", "Schicken ...", "Sturen ...")
_THEIRS = (
    r"[Ww]ants?|[Nn]eeds?|[Aa]sked for|[Rr]equested|will want|[Vv]eut|[Qq]uiere|[Mm]öchte|[Ww]il|[Dd]emande|"
    r"[Pp]ide|[Ss]olicita|[Vv]raagt|[Aa] demandé|[Hh]a pedido|[Hh]eeft gevraagd"
)
_OURS = r"[Ss]end(?:ing)?|[Ee]nvoyer|[Ee]nviar|[Mm]andar|[Ss]chicken|[Ss]enden|[Ss]turen|[Nn]ext:"
_REQUEST = re.compile(
    rf"(?:^|(?<=[\s(]))(?:(?P<theirs>{_THEIRS})|(?P<ours>{_OURS}))\s+(?:to see\s+)?(?P<items>[^.;:,()]{{2,90}}?)"
    r"(?:\s+(?P<prep>before|by|d'ici|avant le|avant|antes del?|bis)\s+(?P<when>[^.;,()]{2,40}?))?"
    r"\s*(?=$|[.;,):]|\s+f/u\b)",
)
_HOW = re.compile(r"^how (we|our \w+(?: \w+)?) (.{3,50})$")
_YOURS = re.compile(r"\b(?:their|his|her)\b")
_MEETING = re.compile(r"\b(?:demo|call|meeting|visit|tour|intro)\b", re.IGNORECASE)
_JOIN = re.compile(r"\s*(?:\+|&|\band\b|\bet\b|\by\b|\bund\b|\ben\b)\s*")
_ARTICLES = re.compile(
    r"^(?:a|an|the|our|some|un|une|le|la|les|des|el|los|las|unos|unas|das|die|der|een|de|het)\s+", re.IGNORECASE
)
_ABBREVIATIONS = {"CPL": "cost-per-lead", "CPA": "cost-per-acquisition"}
# the next step of theirs a promise is timed to ("before looping in VP Mktg")
_LOOP_IN = re.compile(
    r"^(?:looping|bringing|pulling)\s+in\s+(?:the\s+|their\s+|his\s+|her\s+)?(?P<who>[\w ]{2,25})$"
)
# a role as notes write it -> as a rep says it ("VP Mktg" -> "VP of Marketing"); one not listed is said as written
ROLE_SAID = {
    "plant mgr": "plant manager",
    "vp sales": "VP of Sales",
    "vp mktg": "VP of Marketing",
    "vp marketing": "VP of Marketing",
    "vp ops": "VP of Operations",
    "fd": "finance director",
}


_PLURALS = (
    "references",
    "benchmarks",
    "numbers",
    "redlines",
    "credentials",
    "examples",
    "texts",
    "messages",
    "studies",
)


@dataclass(frozen=True)
class Owed:
    """The things owed, as a rep says them ("the case study with the theo numbers and our deck"), how many,
    whether the prospect asked for them, the date they are due by as the note wrote it ("Friday", "12/10",
    "budget lock Jan 9") with its preposition, and whom the prospect will show them to ("your VP of Marketing")."""

    things: str
    count: int
    theirs: bool
    prep: str = ""
    when: str = ""
    show_to: str = ""

    @property
    def them(self) -> str:
        """The pronoun for the things owed: "them" for several or a plural, "it" for one."""
        plural = self.things.endswith(_PLURALS)
        return "them" if self.count > 1 or plural else "it"


# the figures a rep puts together for them ("wants pilot numbers before the budget meeting")
_OUR_NUMBERS = frozenset({"pilot", "roi", "payback", "savings", "projected", "pricing"})


def _said_item(chunk: str) -> tuple[str, str] | None:
    """One item of a request as a rep says it, and its canonical name; None when the chunk names no item."""
    chunk = _ARTICLES.sub("", chunk.strip())
    m = _ITEM.search(chunk)
    if m is None or chunk.startswith("to "):  # "wants to plan the Q1 budget": no thing we send
        return None
    name = next(_ITEMS[int(k[1:])][1] for k, v in m.groupdict().items() if v)
    before = _ARTICLES.sub("", chunk[: m.start()].strip())
    if name == "numbers" and before and before.lower() not in _OUR_NUMBERS:
        return None  # "wants to see Luma numbers first": another vendor's figures, not a thing we send
    if re.fullmatch(r"\w+ per \w+", before):
        before = before.replace(" ", "-")  # "cost per lead benchmarks": "cost-per-lead benchmarks"
    # "2 QSR refs": the count in words ("two QSR references"); any other figure is no part of the name
    before = re.sub(r"^(\d)(?= \S)", lambda d: number_word(int(d.group(1))), before)
    counted = re.fullmatch(r"[2-9]", before)
    if counted and name in ("case study", "sample", "examples", "references"):
        # "2 case studies": how many, said in words ("the two case studies")
        return f"{number_word(int(before))} {m.group(0).lower() if name == 'case study' else name}", name
    if len(before.split()) > 2 or re.search(r"\d(?![\d]*-[a-z])", before) or before.lower() in ("to see", "see"):
        before = ""
    before = " ".join(_ABBREVIATIONS.get(w, w) for w in before.split())
    after = chunk[m.end() :].strip()
    with_ = re.match(r"(?:w/|with)\s+(?P<what>[\w$%+ -]{2,30})$", after)
    # a sample keeps its own words ("sample ICP doc"); any other item is said by its name
    said = (
        f"{before.lower()} {m.group(0)}"
        if name == "numbers" and before  # "pilot numbers": ours to put together
        else m.group(0)
        if name in ("sample", "numbers", "plan", "comparison", "scope", "memo", "workflow", "outline")
        else " ".join(p for p in (before, name) if p)
    )
    if said.endswith("case study") and m.group(0).lower().endswith("studies"):
        said = said[: -len("study")] + "studies"  # "wants case studies": more than one, said so
    if re.match(r"(?:two|three|four|five|six|seven|eight|nine) ", said) and said.endswith(" case study"):
        said = said[: -len("study")] + "studies"  # "2 regional case studies": "the two regional case studies"
    if with_:
        said += f" with the {with_.group('what').strip()}"
    elif against := re.match(r"(?:vs\.?|versus|against)\s+(?P<what>[\w$%&' -]{2,40})$", after):
        said += f" against {_YOURS.sub('your', against.group('what').strip())}"  # "... vs their current Olo setup"
    return said, name


def owed(notes: str | None) -> Owed | None:
    """What the notes say we owe them, or None: every item of every request, once, in the order written."""
    if not notes:
        return None
    said: list[str] = []
    names: set[str] = set()
    theirs = False
    prep = when = show_to = ""
    for m in _REQUEST.finditer(notes):
        # "Wil voorstel voor win-back + post-purchase flows": what the thing is for is no second item
        written, *rest = re.split(r" (?:voor|for|pour|para|für) ", m.group("items"), maxsplit=1)
        purpose = _JOIN.sub(" and ", rest[0]).strip() if rest and len(rest[0].split()) <= 6 else ""
        # "... sample SMS flow she can send to compliance": who they will show it to is no part of it
        written = re.sub(r" (?:she|he|they|we) (?:can|could|will|would) .*$", "", written)
        written = re.sub(
            r"^(?:send|sending)\s+", "", written, flags=re.IGNORECASE
        )  # "Next: send deposit case study"
        parts = [c.strip() for c in _JOIN.split(written) if c.strip()]
        # "+ loyalty demo with the owner next Tue", "demo of ordering + loyalty": a meeting they asked for is no
        # thing we send, and neither is what it is about
        meeting = any(_MEETING.search(c) for c in parts)
        items: list[tuple[str, str] | None] = []
        pending: list[str] = []
        after_meeting = False
        for c in parts:
            if _MEETING.search(c):
                after_meeting = True
                continue
            if how := _HOW.match(c):
                # "how we integrate w/ their MES": a note on it, in the reader's words
                items.append((f"a note on how {how.group(1)} {_YOURS.sub('your', how.group(2))}", "note"))
                continue
            item = _said_item(c)
            if item is None and after_meeting:
                continue  # "demo of ordering + loyalty": what the meeting is about
            after_meeting = False
            if item is None:
                pending.append(c)  # "ILS", "CD": a modifier of the thing that follows
                continue
            if pending:
                joined = " and ".join([*pending, c])
                item = (joined.split(" w/ ")[0], item[1]) if len(joined.split()) <= 8 else None
                pending = []
            items.append(item)
        if pending and not meeting:
            items.append(None)
        if not items or not all(items):
            continue  # "wants pilot in 3 offices": not a thing we send
        for item in items:
            assert item is not None
            if item[1] not in names:
                names.add(item[1])
                said.append(item[0])
        if purpose and len(items) == 1:
            # "the proposal for the win-back and post-purchase flows"; a time, a name or "the board" as written
            # "by 12/10", "Q1": a time as written; "6-month pilot" is a thing, with its article
            own = (
                purpose[:1].isupper()
                or (purpose[:1].isdigit() and not re.match(r"\d+[- ][a-z]", purpose))
                or _ARTICLES.match(purpose)
            )
            said[-1] += f" for {purpose}" if own else f" for the {purpose}"
        theirs = theirs or bool(m.group("theirs"))
        if m.group("when"):
            loop_in = _LOOP_IN.match(m.group("when").strip())
            if m.group("prep") == "before" and loop_in:
                who = loop_in.group("who").strip()
                if who.lower() in ROLE_SAID or re.fullmatch(r"[A-Z]{2,4}|VP [A-Z]\w+", who):
                    show_to = ROLE_SAID.get(who.lower(), who)
            elif not when and not re.match(r"any(?:thing)?\b", m.group("when").strip()):
                # "BAA before any pilot": the BAA first, no date
                prep, when = (
                    {
                        "d'ici": "by",
                        "avant": "before",
                        "avant le": "before",
                        "antes de": "before",
                        "antes del": "before",
                        "bis": "by",
                    }.get(m.group("prep"), m.group("prep")),
                    " ".join(
                        g.WEEKDAYS.get(g.fold(w))
                        or (WEEKDAY.get(w.rstrip(".").lower()) if len(w) <= 4 else None)
                        or w
                        for w in m.group("when").split()
                    ),
                )
    if not said:
        return None
    return Owed(_phrase(said), len(said), theirs, prep, when, show_to)


def _phrase(items: list[str]) -> str:
    """The items with the article a rep uses: "our" for our own documents, "the" for one made for them, none for a
    later mass or plural item ("our BAA and pricing", "the cost-per-lead benchmarks and the plan")."""
    out: list[str] = []
    for n, item in enumerate(items):
        if item.startswith("a "):
            out.append(item)  # "a note on how we integrate with your MES"
            continue
        head = item.split(" with ")[0].split()[-1]
        if head in ("BAA", "deck", "MSA", "redlines", "credentials"):
            out.append(f"our {item}")
        elif n and head in ("pricing", *_PLURALS):
            out.append(item)
        else:
            out.append(f"the {item}")
    if len(out) == 1:
        return out[0]
    return ", ".join(out[:-1]) + f" and {out[-1]}"
