"""The inputs of one piece of outreach, cleaned and ranked, and the sentences every channel shares.

`Context` turns (profile, prospect, analysis, sender) into what a rep would have on a sticky note:
the name to greet, the signal worth mentioning, the pain most likely to land, the value prop that
answers it. Email, LinkedIn and video differ in length and shape, not in what they say, so they all
build from the same sentence builders here. Each builder has several phrasings; which one a
prospect gets is a stable hash of their email and the slot, so two people at one company read
different emails and the same person always reads the same one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Literal, TypeVar

from copywriter.facts import (
    Fact,
    city,
    clean,
    clean_name,
    fact_present,
    find_placeholders,
    prospect_facts,
    short_company,
)
from copywriter.models import Sender
from copywriter.quality import spam_hits
from copywriter.text import (
    cap_first,
    first_clause,
    lc_first,
    lc_words,
    overlap,
    pick,
    plural,
    stable_order,
    strip_end,
    tokens,
    word_count,
)
from core.text import TOPIC_STOPS
from schemas import AgentProfile, AnalysisResult, Hook, Objection, Persona, ProspectData

T = TypeVar("T")
Style = Literal["neutral", "casual", "formal"]

_CASUAL = ("casual", "friendly", "warm", "relaxed", "informal", "playful", "conversational")
_FORMAL = ("formal", "polished", "conservative", "executive", "corporate")

_GREETING: dict[Style, str] = {"neutral": "Hi", "casual": "Hey", "formal": "Hello"}
_SIGN_OFFS: dict[Style, tuple[str, ...]] = {
    "neutral": ("Best,", "Thanks,", "All the best,"),
    "casual": ("Cheers,", "Thanks,", "Talk soon,"),
    "formal": (
        "Kind regards,",
        "Best regards,",
        "Regards,",
    ),  # "With thanks," read as thanks for nothing in a cold email
}

# Signal verbs read as events ("Opening a tower" -> "is opening a tower"); other -ing words do not.
_NOT_GERUNDS = frozenset(
    {
        "during",
        "morning",
        "evening",
        "thing",
        "nothing",
        "something",
        "anything",
        "everything",
        "spring",
        "string",
        "bring",
        "swing",
        "king",
        "ring",
        "wing",
        "ceiling",
        "pricing",
        "funding",
        "wedding",
    }
)
_IRREGULAR_PAST = frozenset({"won", "built", "began", "became", "made", "got", "took", "grew", "sold", "hit"})
_HIRING = frozenset({"hiring", "recruiting", "hired", "recruited"})
# Personal mailbox providers: their domain is not the prospect's website.
_FREE_MAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "msn.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.net",
        "mail.com",
        "yandex.com",
        "zoho.com",
        "fastmail.com",
        "hey.com",
        "example.com",
        "example.org",
        "example.net",
    }
)
_ARTICLES = frozenset({"a", "an", "the", "its", "their", "our"})

# Value props written as instructions ("Reactivate lapsed players…") read after "we help you…"; a
# value prop is taken as one unless its first word looks like the start of a noun phrase.
_VERBS = frozenset(
    {
        "reach",
        "reactivate",
        "fill",
        "turn",
        "give",
        "grow",
        "cut",
        "reduce",
        "increase",
        "boost",
        "win",
        "book",
        "get",
        "keep",
        "help",
        "make",
        "build",
        "drive",
        "lift",
        "lower",
        "raise",
        "recover",
        "save",
        "shorten",
        "speed",
        "find",
        "land",
        "convert",
        "capture",
        "automate",
        "improve",
        "protect",
        "launch",
        "bring",
        "put",
        "replace",
        "stop",
        "start",
        "add",
        "create",
        "generate",
        "scale",
        "unlock",
        "attract",
        "retain",
        "engage",
        "re-engage",
        "recruit",
        "close",
        "open",
        "expand",
        "prove",
        "show",
        "track",
        "measure",
        "deliver",
        "run",
        "handle",
        "manage",
        "answer",
        "schedule",
        "sell",
        "upsell",
        "cross-sell",
        "collect",
        "recapture",
        "shift",
        "move",
        "earn",
        "free",
        "spend",
        "back",
        "sign",
        "hire",
        "staff",
        "cover",
        "route",
        "match",
        "connect",
        "streamline",
        "simplify",
        "modernize",
        "modernise",
        "prevent",
        "avoid",
        "catch",
        "spot",
        "identify",
        "qualify",
        "nurture",
    }
)


_NOUN_STARTS = frozenset(
    {
        "a",
        "an",
        "the",
        "more",
        "less",
        "fewer",
        "better",
        "higher",
        "faster",
        "measurable",
        "predictable",
        "one",
        "no",
        "our",
        "your",
        "their",
        "every",
        "each",
        "outreach",
        "full",
        "new",
        "qualified",
        "consistent",
        "reliable",
        "direct",
        "compliant",
    }
)


def is_verb_phrase(text: str) -> bool:
    """Whether a value prop reads as an instruction ("Fill midweek rooms") rather than a noun phrase."""
    first = text.split(" ", 1)[0].lower().strip(",.;:")
    if first in _VERBS:
        return True
    if first in _NOUN_STARTS or first.endswith(("ing", "able", "ible", "ful", "ous", "-ready", "-based")):
        return False
    return not (first.endswith("s") and not first.endswith(("ss", "us")))


def _style(tone: str | None) -> Style:
    text = (tone or "").lower()
    if any(word in text for word in _CASUAL):
        return "casual"
    if any(word in text for word in _FORMAL):
        return "formal"
    return "neutral"


def _usable(texts: Sequence[str], vocabulary: Sequence[str]) -> list[str]:
    """Profile texts fit to quote: non-empty, no template slots, no spam triggers; deduplicated."""
    return list(_usable_cached(tuple(texts), tuple(vocabulary)))


@lru_cache(maxsize=1024)
def _usable_cached(texts: tuple[str, ...], vocabulary: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for raw in texts:
        text = clean(raw)
        if not text or find_placeholders(text) or spam_hits(text, vocabulary):
            continue
        key = strip_end(text).casefold()
        if key not in seen:
            seen.add(key)
            out.append(strip_end(text))
    return tuple(out)


def _ranked(texts: list[str], topic: str) -> list[str]:
    """`texts` with those sharing most words with `topic` first; ties keep their given order."""
    return [t for _, t in sorted(enumerate(texts), key=lambda p: (-overlap(p[1], topic), p[0]))]


def _persona(profile: AgentProfile, analysis: AnalysisResult, title: str | None) -> Persona | None:
    """The analysis's persona; a loose name match tolerates an engine's paraphrase ("Marketing leader")."""
    if analysis.persona:
        wanted = analysis.persona.casefold()
        for persona in profile.personas:
            if persona.name.casefold() == wanted:
                return persona
        shared = [len(set(tokens(persona.name)) & set(tokens(wanted))) for persona in profile.personas]
        if shared and max(shared) > 0:
            return profile.personas[shared.index(max(shared))]
    title_tokens = set(tokens(title))
    for persona in profile.personas:
        if any(set(tokens(keyword)) <= title_tokens for keyword in persona.titles if tokens(keyword)):
            return persona
    return None


# a title that says the reader is a physician or a dentist ("DDS | Owner", "Medical Director, MD")
_DOCTOR_TITLE = re.compile(r"\b(?:MD|M\.D\.|DDS|DMD|DO|DPM|Dr\.?)(?=$|[\s,|/)])|\bMedical Director\b")


def _signals(prospect: ProspectData, analysis: AnalysisResult) -> tuple[list[str], list[str]]:
    """The prospect's signals, those the analysis picked as hooks first; plus hook texts used as-is."""
    raw = [strip_end(s) for s in (clean(x) for x in prospect.signals) if s]
    chosen: list[str] = []
    extra: list[str] = []
    for hook in analysis.hooks:
        if not hook.source_field.startswith(("signal", "notes")):
            continue
        best = max(raw, key=lambda s: overlap(s, hook.text), default=None)
        if best is not None and overlap(best, hook.text) >= 2:
            chosen.append(best)
        elif hook.source_field.startswith("notes") and (text := clean(hook.text)):
            # A hook read from free-text notes has no raw signal to quote: use the fact after any
            # lead-in ("Came across this about Acme: <fact>").
            fact = text.split(": ", 1)[-1]
            extra.append(strip_end(fact.rstrip("…")))
    ordered = list(dict.fromkeys([*chosen, *raw, *extra]))
    return ordered, extra


@dataclass(frozen=True)
class Context:
    """Cleaned, ranked inputs for one prospect, and the shared sentence builders."""

    profile: AgentProfile
    prospect: ProspectData
    sender: Sender
    seed: str
    style: Style
    first_name: str | None
    company: str | None
    title: str | None
    persona: Persona | None
    signals: list[str]
    pains: list[str]
    values: list[str]
    proofs: list[str]
    priorities: list[str]
    vocabulary: list[str]
    objections: list[Objection]
    allowed_facts: list[str] = field(default_factory=list)

    # --- choice and names ---------------------------------------------------------------------

    def pick(self, options: Sequence[T], *salt: object) -> T:
        """A variant for this prospect and slot; stable across runs and processes."""
        return pick(options, self.seed, *salt)

    def order(self, options: Sequence[T], *salt: object) -> list[T]:
        """`options` in this prospect's stable order for a slot."""
        return stable_order(options, self.seed, *salt)

    @cached_property
    def names(self) -> list[str]:
        """The prospect's proper names, which keep their capital when a fact is lower-cased."""
        return [
            n
            for n in (self.first_name, self.company, clean(self.prospect.last_name), city(self.prospect.location))
            if n
        ]

    def lc(self, text: str) -> str:
        """A profile or prospect fact as it reads mid-sentence."""
        return lc_first(strip_end(text), keep=self.names)

    @property
    def ref(self) -> str:
        """The prospect's company by name, or "your team"."""
        return self.company or "your team"

    @property
    def at_ref(self) -> str:
        """ "at Acme", or "on your team" when the company is unknown ("at your team" is not English)."""
        return f"at {self.company}" if self.company else "on your team"

    @property
    def website(self) -> str | None:
        """The prospect's website: given, or the company domain, or a work email's domain."""
        for value in (self.prospect.website, self.prospect.company_domain):
            if text := clean(value):
                return text
        domain = str(self.prospect.email).rsplit("@", 1)[-1].lower()
        return None if domain in _FREE_MAIL else domain

    @property
    def sender_first(self) -> str:
        """The sender's first name, for short sign-offs."""
        return self.sender.name.split()[0]

    @property
    def offer(self) -> str:
        """The sender's offer as it reads mid-sentence, cut to a phrase if it was written as a paragraph."""
        return self.lc(first_clause(self.sender.offer, 12))

    @property
    def company_type(self) -> str | None:
        """The profile's first company type, mid-sentence ("regional casino resort")."""
        types = [clean(t) for t in self.profile.icp.company_types]
        return next((lc_words(t) for t in types if t), None)

    @property
    def peers(self) -> str:
        """Who the prospect's peers are: "casino marketing leaders", "teams at tribal casinos"…"""
        if self.persona and clean(self.persona.name):
            return plural(lc_words(strip_end(self.persona.name)))
        if self.company_type:
            return f"teams at {plural(self.company_type)}"
        return "teams like yours"

    @property
    def signal(self) -> str | None:
        """The best signal, cut to a quotable length."""
        return first_clause(self.signals[0], 18) if self.signals else None

    def term_for(self, text: str | None) -> str | None:
        """The industry term closest to `text`, if any shares a word with it."""
        scored = [(overlap(term, text), -i, term) for i, term in enumerate(self.vocabulary)]
        best = max(scored, default=(0, 0, None))
        return best[2] if best[0] > 0 else None

    def pain(self, index: int) -> str | None:
        """The `index`-th best pain (wrapping), or None when the profile lists none."""
        return self.pains[index % len(self.pains)] if self.pains else None

    # --- greeting and signature ---------------------------------------------------------------

    def greeting(self) -> str:
        """ "Hi Dana," or, with no first name, "Hi Acme team," when the name is short, else "Hi there,"."""
        word = _GREETING[self.style]
        last = clean(self.prospect.last_name)
        if last and (
            _DOCTOR_TITLE.search(self.prospect.title or "")
            or re.search(rf"\bDra?\.? {re.escape(last)}\b", self.prospect.notes or "")
        ):
            return f"{word} Dr. {last},"  # a physician or dentist the notes call "Dr. Rao" is greeted so
        if self.first_name:
            return f"{word} {self.first_name},"
        short = self.company
        if short and len(short) <= 32 and len(short.split()) <= 4:
            return f"{word} {short} team,"
        return f"{word} there,"

    def signature(self, *salt: object) -> str:
        """Sign-off, name, and title/company lines."""
        sign_off = self.pick(_SIGN_OFFS[self.style], "sign-off", *salt)
        role = f"{self.sender.title}, {self.sender.company}" if self.sender.title else self.sender.company
        return f"{sign_off}\n{self.sender.name}\n{role}"

    # --- signals ------------------------------------------------------------------------------

    def signal_clause(self, signal: str) -> str | None:
        """The signal as a predicate of the company ("is opening a tower"), or None if it is not a verb."""
        text = self.lc(signal)
        first = text.split(" ", 1)[0].lower()
        if first.endswith("ing") and len(first) >= 5 and first not in _NOT_GERUNDS:
            return f"is {text}"
        if (first.endswith("ed") and len(first) > 4) or first in _IRREGULAR_PAST:
            return text if text.lower().startswith("recently") else f"recently {text}"
        return None

    def signal_topic(self) -> str | None:
        """A subject-sized topic from a verb-led signal: "Opening a tower in Q2" -> "tower"."""
        if not self.signal or self.signal_clause(self.signal) is None:
            return None
        parts = self.signal.split()
        verb, rest = parts[0].lower(), parts[1:]
        while rest and rest[0].lower() in _ARTICLES:
            rest = rest[1:]
        topic: list[str] = []
        for word in rest:
            if word.lower() in TOPIC_STOPS and topic:
                break
            topic.append(word)
        if not 1 <= len(topic) <= 5:
            return None
        phrase = strip_end(" ".join(topic))
        return f"{phrase} hire" if verb in _HIRING else phrase

    # --- sentences ----------------------------------------------------------------------------

    def opening_line(self, *salt: object) -> str:
        """Why we are writing to this person now: their signal, else their role, else their company."""
        signal = self.signal
        if signal:
            sig = self.lc(signal)
            clause = self.signal_clause(signal)
            options = [
                f"Reading up on {self.ref}, one thing stood out: {sig}.",
                f"One thing I noticed about {self.ref}: {sig}.",
                f"This caught my eye while I was looking at {self.ref}: {sig}.",
            ]
            if clause:
                options += [
                    f"I saw that {self.ref} {clause}.",
                    f"Noticed that {self.ref} {clause}, so the timing of this note may be useful.",
                ]
            return self.pick(options, "opening", *salt)
        options = [
            f"I work with {self.peers} on {self.offer}, and {self.ref} stood out as a good fit.",
            f"I'll keep this short: {self.ref} looks like exactly the kind of team we built our {self.offer} for.",
        ]
        if self.company and self.company_type:
            options.append(
                f"I'm reaching out because {self.company} looks like the kind of "
                f"{self.company_type} we like to work with."
            )
        if self.title and self.company and self.priorities:
            options.append(
                f"As {self.title} at {self.company}, {self.lc(self.priorities[0])} is probably high on your list."
            )
        return self.pick(options, "opening", *salt)

    def pain_line(self, index: int, *salt: object) -> str | None:
        """One pain this persona lives with, framed as what peers say, never as a claim about the prospect."""
        raw = self.pain(index)
        if raw is None:
            return None
        pain = self.lc(raw)
        return self.pick(
            [
                f"In conversations with {self.peers}, one issue keeps coming up: {pain}.",
                f"A lot of {self.peers} tell me the same thing: {pain}.",
                f"The pattern I hear most from {self.peers}: {pain}.",
            ],
            "pain",
            index,
            *salt,
        )

    def value_line(self, index: int, *salt: object) -> str:
        """What the sender does about it, from the profile's value props and the sender's offer."""
        if not self.values:
            return f"At {self.sender.company}, we run {self.offer} for {self.peers}."
        value = self.values[index % len(self.values)]
        value_lc = self.lc(value)
        if is_verb_phrase(value):
            options = [
                f"That's where {self.sender.company} comes in: we run {self.offer} built to {value_lc}.",
                f"With {self.offer}, the goal is simple: {value_lc}.",
                f"At {self.sender.company}, we help teams like yours {value_lc}, mostly through {self.offer}.",
            ]
        else:
            options = [
                f"That's where {self.sender.company} comes in. We run {self.offer}, and the outcome we aim "
                f"for is {value_lc}.",
                f"With {self.offer}, the goal is simple: {value_lc}.",
                f"At {self.sender.company}, the point of our {self.offer} is {value_lc}.",
            ]
        return self.pick(options, "value", index, *salt)

    def proof_line(self, index: int, *salt: object) -> str:
        """How results would be judged, from the profile's proof angles; never a number or a customer."""
        if not self.proofs:
            return (
                f"Rather than make promises, I'd suggest we agree up front on the numbers {self.ref} "
                f"already tracks and judge the work by those."
            )
        proof = self.lc(self.proofs[index % len(self.proofs)])
        return self.pick(
            [
                f"{cap_first(self.peers)} typically measure this by {proof}, so that's what I'd want "
                f"{self.ref} to hold us to.",
                f"Rather than make promises, I'd suggest judging it the way {self.peers} usually do: {proof}.",
                f"The fair test for {self.offer} is {proof}, and that's what I'd want us to agree on up front.",
            ],
            "proof",
            index,
            *salt,
        )

    def more_line(self, kind: Literal["pain", "value", "proof"], index: int) -> str | None:
        """A further pain, value prop or proof angle, phrased as "one more" so a list does not repeat
        the framing of the first; the phrasing cycles with `index`."""
        facts = {"pain": self.pains, "value": self.values, "proof": self.proofs}[kind]
        if not facts:
            return None
        text = self.lc(facts[index % len(facts)])
        if kind == "pain":
            options = [
                "Another one I hear often: {x}.",
                "I also hear this a lot: {x}.",
                "Then there's this one: {x}.",
            ]
        elif kind == "proof":
            options = [
                "Another yardstick that works: {x}.",
                "Some teams prefer to look at {x}.",
                "You could also judge it by {x}.",
            ]
        elif is_verb_phrase(text):
            options = ["We also help teams like yours {x}.", "We can also help you {x}."]
        else:
            options = ["Another outcome we aim for: {x}.", "We also focus on this: {x}."]
        return options[index % len(options)].format(x=text)

    def priority_line(self, index: int, *salt: object) -> str | None:
        """The persona's scorecard, tied to the prospect's title when we have one."""
        if not self.priorities:
            return None
        priority = self.lc(self.priorities[index % len(self.priorities)])
        options = [f"If {priority} is on your scorecard this year, this should be relevant."]
        if self.title:
            options.append(f"As {self.title}, you're probably measured on {priority}, which is where this helps.")
        return self.pick(options, "priority", index, *salt)

    def objection_line(self, index: int, *salt: object) -> str | None:
        """A common objection from the profile and its answer, quoted as the profile words them."""
        if not self.objections:
            return None
        item = self.objections[index % len(self.objections)]
        objection, response = strip_end(item.objection), item.response.strip()
        return self.pick(
            [
                f"When I bring up {self.offer} with {self.peers}, a common first reaction is: "
                f'"{objection}." Fair enough. {response}',
                f'You might be thinking: "{objection}." Most {self.peers} do at first. {response}',
            ],
            "objection",
            index,
            *salt,
        )

    def cta(self, purpose: str, *salt: object) -> str:
        """The ask for a step; always a question, so the reader knows what a reply looks like."""
        ref = self.ref
        options: dict[str, list[str]] = {
            "opener": [
                f"Would it be worth a short call next week to see whether this could work for {ref}?",
                f"Open to a quick conversation about what this could look like {self.at_ref}?",
                "Is this on your radar this year, or should I check back later?",
                "Would you be open to a short call to compare notes?",
            ],
            "value": [
                f"Would it help if I sent over a short outline of how this would work for {ref}?",
                "Worth a quick chat to see if this fits?",
                f"Should I send over a few ideas specific to {ref}?",
            ],
            "proof": [
                f"Would you like me to map that out for {ref} on a short call?",
                f"Open to a quick look at how we would measure it for {ref}?",
                "Is that the yardstick you would use too?",
            ],
            "bump": [
                "Is this worth a reply, or should I check back next quarter?",
                f"Should I keep {ref} on my list, or is now the wrong time?",
                "Is this something you're looking at this year?",
            ],
            "breakup": [
                "Should I close the loop on this for now?",
                "Would it make more sense to reconnect later in the year?",
                f"Is there someone else {self.at_ref} I should speak with instead?",
            ],
        }
        pool = options.get(purpose, options["value"])
        if purpose == "opener" and self.persona is not None and not self.persona.is_decision_maker:
            pool = [*pool, f"If this sits with someone else {self.at_ref}, who would you point me to?"]
        return self.pick(pool, "cta", purpose, *salt)

    def calendar_line(self) -> str | None:
        """The sender's booking link as an alternative to replying."""
        link = clean(self.sender.calendar_link)
        return f"If it's easier, you can pick a time here: {link}" if link else None

    # --- grounding ----------------------------------------------------------------------------

    def personalisation(self, text: str) -> list[Hook]:
        """The prospect and agent facts `text` actually uses, with the field each came from."""
        hooks = [Hook(text=f.text, source_field=f.field) for f in self._prospect_facts if fact_present(f, text)]
        lowered = text.casefold()
        for said, fact, source in self._agent_phrases:
            if said in lowered:
                hooks.append(Hook(text=fact, source_field=source))
        return list({(h.text, h.source_field): h for h in hooks}.values())

    @cached_property
    def _prospect_facts(self) -> list[Fact]:
        return prospect_facts(self.prospect)

    @cached_property
    def _agent_phrases(self) -> list[tuple[str, str, str]]:
        """(as said mid-sentence, casefolded; the fact; its field) of every agent fact a message may use."""
        persona_pains = {p.casefold() for p in (self.persona.pains if self.persona else [])}
        agent = [
            *((p, "persona.pains" if p.casefold() in persona_pains else "pain_points") for p in self.pains),
            *((v, "value_propositions") for v in self.values),
            *((p, "proof_angles") for p in self.proofs),
            *((p, "persona.priorities") for p in self.priorities),
            *((o.objection, "objections") for o in self.objections),
            *((h, "hooks") for h in self.allowed_facts),
        ]
        return [(self.lc(fact).casefold(), strip_end(fact), source) for fact, source in agent]

    def grounding(self) -> list[str]:
        """Facts a message may state beyond the prospect and profile: the sender's fields, hook texts."""
        s = self.sender
        return [x for x in (s.name, s.title, s.company, s.offer, s.calendar_link, *self.allowed_facts) if x]


def build_context(
    profile: AgentProfile,
    prospect: ProspectData,
    analysis: AnalysisResult,
    sender: Sender,
    tone: str | None = None,
) -> Context:
    """Clean and rank the inputs of one piece of outreach (see the module docstring)."""
    title = clean(prospect.title)
    persona = _persona(profile, analysis, title)
    vocabulary = [v for v in (clean(x) for x in profile.vocabulary) if v]
    signals, hook_texts = _signals(prospect, analysis)
    topic = " ".join([*signals[:1], title or ""])
    # The analysis already ranked the pains for this prospect; the rest follow, closest to the signal first.
    fallback = _ranked([*(persona.pains if persona else []), *profile.pain_points], topic)
    pains = _usable([*analysis.pain_points, *fallback], vocabulary)
    values = _ranked(_usable(profile.value_propositions, vocabulary), " ".join([*pains[:1], topic]))
    proofs = _ranked(_usable(profile.proof_angles, vocabulary), " ".join(values[:1]))
    priorities = _usable(persona.priorities if persona else [], vocabulary)
    # Objections are quoted whole, so only short, clean ones are usable.
    objections = [
        o
        for o in profile.objections
        if clean(o.objection)
        and clean(o.response)
        and word_count(o.response) <= 60
        and not spam_hits(f"{o.objection} {o.response}", vocabulary)
    ]
    return Context(
        profile=profile,
        prospect=prospect,
        sender=sender,
        seed=str(prospect.email).lower(),
        style=_style(tone or profile.tone),
        first_name=clean_name(prospect.first_name),
        # People write "Acme", not "Acme, Inc.", in an email; the full name stays a grounded fact.
        company=short_company(company) if (company := clean(prospect.company)) else None,
        title=title,
        persona=persona,
        signals=signals,
        pains=pains,
        values=values,
        proofs=proofs,
        priorities=priorities,
        vocabulary=[v for v in vocabulary if not spam_hits(v)],
        objections=objections,
        allowed_facts=hook_texts,
    )
