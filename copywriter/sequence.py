"""Email sequences from the rules engine: an opener, follow-ups with a new angle each, a breakup."""

from __future__ import annotations

from copywriter.context import Context, build_context
from copywriter.models import Purpose, QualityReport, Sender, Sequence, SequenceStep
from copywriter.quality import check_quality, merge_reports, spam_hits
from copywriter.text import paragraphs, word_count
from schemas import AgentProfile, AnalysisResult, ProspectData

DAY_OFFSETS = (0, 3, 7, 12, 18, 25, 33)

# Which message each position holds, by sequence length: the last one is always the breakup (from 3
# steps), and every follow-up brings a new reason to reply rather than "just checking in".
SEQUENCE_PLANS: dict[int, tuple[Purpose, ...]] = {
    1: ("opener",),
    2: ("opener", "bump"),
    3: ("opener", "value", "breakup"),
    4: ("opener", "value", "proof", "breakup"),
    5: ("opener", "value", "proof", "bump", "breakup"),
    6: ("opener", "value", "proof", "bump", "insight", "breakup"),
    7: ("opener", "value", "proof", "bump", "insight", "objection", "breakup"),
}

OPENER_MIN_WORDS, MAX_WORDS, SUBJECT_MAX = 50, 150, 60


def subject_lines(
    ctx: Context, purpose: str, count: int, *salt: object, term: str | None = None
) -> list[str]:
    """`count` distinct, natural, lower-case subjects of at most 60 characters.

    Personal subjects (the signal's topic, the company, the first name) come first; short generic ones
    fill in when the facts are missing or too long, so the count is always met.
    """
    topic, co, first = ctx.signal_topic(), ctx.company, ctx.first_name
    offer = ctx.offer if word_count(ctx.offer) <= 4 else None
    personal: dict[str, list[str | None]] = {
        "opener": [
            topic and f"question about the {topic}",
            topic and co and f"{topic} at {co}",
            first and f"{first}, quick question",
            co and f"idea for {co}",
            offer and co and f"{offer} at {co}",
        ],
        "value": [
            co and f"an idea for {co}", offer and co and f"{offer} for {co}", first and f"{first}, one idea"
        ],
        "proof": [co and f"measuring this at {co}", first and f"{first}, how you'd judge it"],
        "bump": [first and f"{first}, any thoughts?", co and f"following up for {co}"],
        "insight": [term and f"a thought on your {term}", co and f"another angle for {co}"],
        "objection": [co and f"a fair question for {co}", first and f"{first}, a fair question"],
        "breakup": [first and f"closing the loop, {first}", co and f"last note for {co}"],
    }
    generic: dict[str, list[str]] = {
        "opener": ["quick question", "an idea for your team", "worth a short chat?",
                   "a thought for your team", "question for you"],
        "value": ["one idea worth a look", "a different angle", "something that might help",
                  "how this could work for you", "a concrete idea"],
        "proof": ["how we'd measure this", "proof, not promises", "the right yardstick",
                  "what success looks like", "how you'd judge it"],
        "bump": ["quick follow-up", "bumping this up", "did this get buried?", "circling back",
                 "any thoughts?"],
        "insight": ["one more thought", "another angle", "a quick idea", "worth considering",
                    "a different lens"],
        "objection": ["a fair question", "if you're thinking this", "the usual pushback", "fair pushback",
                      "a common concern"],
        "breakup": ["should I close the loop?", "last note from me", "one last note", "should I stop here?",
                    "closing the loop"],
    }
    mine = [s for s in personal.get(purpose, []) if s]
    candidates = [
        *ctx.order(mine, "subjects", purpose, *salt),
        *ctx.order(generic[purpose], "generic", *salt),
    ]
    chosen: list[str] = []
    for subject in candidates:
        if len(subject) > SUBJECT_MAX or spam_hits(subject, ctx.vocabulary):
            continue
        if subject.casefold() not in {c.casefold() for c in chosen}:
            chosen.append(subject)
        if len(chosen) == count:
            break
    return chosen


def _body(ctx: Context, purpose: str, occurrence: int, salt: tuple[object, ...]) -> tuple[str, str]:
    """The body and the CTA of one step."""
    greeting, signature = ctx.greeting(), ctx.signature(*salt)
    if purpose == "opener":
        cta = ctx.cta("opener", *salt)
        opening, pain, value = ctx.opening_line(*salt), ctx.pain_line(0, *salt), ctx.value_line(0, *salt)
        body = paragraphs(greeting, opening, pain, value, cta, signature)
        if word_count(body) > MAX_WORDS:  # a long signal or offer: the pain line is the one to lose
            body = paragraphs(greeting, opening, value, cta, signature)
        if word_count(body) < OPENER_MIN_WORDS:  # little data: say why it matters to their role
            body = paragraphs(greeting, opening, pain, ctx.priority_line(0, *salt), value, cta, signature)
        return body, cta
    if purpose in ("bump", "breakup"):
        cta = ctx.cta(purpose, *salt)
        if purpose == "bump":
            line = ctx.pick(
                [
                    "Just bringing this back to the top of your inbox in case it got buried.",
                    "I know things get busy, so I'll keep this one short.",
                    f"A quick nudge on my note about {ctx.offer}.",
                ],
                "bump", *salt,
            )
        else:
            line = ctx.pick(
                [
                    "I haven't heard back, so I'll assume the timing isn't right and stop here. If this "
                    f"becomes a priority for {ctx.ref}, just reply to this email and I'll pick it up.",
                    f"This is my last note on {ctx.offer}. If someone else {ctx.at_ref} owns this, a pointer "
                    "would be appreciated; otherwise I'll leave you be.",
                    "I'll stop here so I don't clutter your inbox. If you ever want to revisit "
                    f"{ctx.offer} for {ctx.ref}, a short reply is enough and I'll pick it back up.",
                ],
                "breakup", *salt,
            )
        return paragraphs(greeting, line, cta, signature), cta
    cta = ctx.cta("proof" if purpose == "proof" else "value", *salt)
    ask = paragraphs(ctx.calendar_line(), cta) if purpose in ("value", "proof") else cta
    if purpose == "value":
        intro = ctx.pick(
            [f"Following up with one idea for {ctx.ref}.", "One more thought since my last note.",
             "A quick follow-up with something more concrete."],
            "intro", *salt,
        )
        middle = [ctx.pain_line(1, *salt), ctx.value_line(1, *salt)]
    elif purpose == "proof":
        intro = ctx.pick(
            ["A fair question after my last note: how would you know this is working?",
             "One question I get a lot is how to tell whether this kind of work pays off.",
             f"A quick follow-up on how we would measure this for {ctx.ref}."],
            "intro", *salt,
        )
        middle = [ctx.proof_line(0, *salt)]
    elif purpose == "objection" and ctx.objections:
        intro = "Before I let this rest, one more thing."
        middle = [ctx.objection_line(occurrence, *salt)]
    else:  # insight (and objection when the profile lists none)
        term = ctx.term_for(ctx.pain(2 + occurrence))
        intro = (f"One more thought, this time about your {term}." if term
                 else f"One more thought for {ctx.ref}.")
        middle = [ctx.pain_line(2 + occurrence, *salt), ctx.value_line(2 + occurrence, *salt)]
    return paragraphs(greeting, intro, *middle, ask, signature), ask


def _weakest(reports: list[QualityReport]) -> QualityReport:
    return min(reports, key=lambda r: (r.passed, r.score))


def generate_sequence_rules(
    profile: AgentProfile,
    prospect: ProspectData,
    analysis: AnalysisResult,
    sender: Sender,
    *,
    steps: int = 4,
    subject_variants: int = 2,
    tone: str | None = None,
) -> Sequence:
    """A 1–7 step cold email sequence with A/B subjects, written offline from templates.

    Deterministic: the same inputs always give the same sequence. Each step is quality-checked; a
    step's report is that of its weakest subject variant, and the sequence's is its weakest step's.
    """
    if not 1 <= steps <= 7:
        raise ValueError("steps must be between 1 and 7")
    if not 1 <= subject_variants <= 5:
        raise ValueError("subject_variants must be between 1 and 5")
    ctx = build_context(profile, prospect, analysis, sender, tone)
    out: list[SequenceStep] = []
    seen: dict[str, int] = {}
    for index, purpose in enumerate(SEQUENCE_PLANS[steps]):
        number = index + 1
        if purpose == "objection" and not ctx.objections:
            purpose = "insight"
        occurrence = seen.get(purpose, 0)
        seen[purpose] = occurrence + 1
        salt: tuple[object, ...] = ("email", number, purpose)
        body, cta = _body(ctx, purpose, occurrence, salt)
        term = ctx.term_for(ctx.pain(2 + occurrence)) if purpose == "insight" else None
        subjects = subject_lines(ctx, purpose, subject_variants, *salt, term=term)
        reports = [
            check_quality(channel="email", body=body, subject=subject, step=number, profile=profile,
                          prospect=prospect, allowed_facts=ctx.allowed_facts, sender=sender)
            for subject in subjects
        ]
        out.append(
            SequenceStep(
                step=number,
                day_offset=DAY_OFFSETS[index],
                purpose=purpose,
                subject_variants=subjects,
                body=body,
                cta=cta,
                personalisation=ctx.personalisation("\n".join([*subjects, body])),
                quality=_weakest(reports),
            )
        )
    quality = merge_reports([s.quality for s in out], [f"step {s.step}" for s in out])
    return Sequence(steps=out, quality=quality)
