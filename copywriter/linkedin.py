"""LinkedIn messages from the rules engine: connection notes, post-connection follow-ups, InMails.

LinkedIn's limits are hard (a connection note over 300 characters cannot be sent), so each message
is built from its most personal form down to shorter ones, and only as a last resort cut at a
sentence or word boundary. The same sentence builders as email keep the channels consistent.
"""

from __future__ import annotations

from copywriter.language import flag_language, record_language
from copywriter.models import LinkedInKind, LinkedInMessage, Sender
from copywriter.planner import Plan, build_plan, internal_figure
from copywriter.quality import check_quality
from copywriter.text import cap_first, paragraphs, trim_chars
from schemas import AgentProfile, AnalysisResult, ProspectData

CONNECTION_MAX, FOLLOW_UP_MAX, INMAIL_SUBJECT_MAX, INMAIL_BODY_MAX = 300, 1000, 200, 1900

_CHANNEL = {"connection": "linkedin_connection", "follow_up": "linkedin_follow_up", "inmail": "inmail"}


def _first_fitting(candidates: list[str], limit: int) -> str:
    """The first candidate within `limit` characters; else the last one, trimmed at a boundary."""
    for text in candidates:
        if len(text) <= limit:
            return text
    return trim_chars(candidates[-1], limit)


def _connection(plan: Plan) -> str:
    """A note that says why this person, and asks only to connect: no pitch, no meeting request."""
    ctx = plan.ctx
    hi = ctx.greeting()
    sign = f"– {ctx.sender_first}"
    offer = plan.offer_short
    closing = plan.pick(
        ["Would be good to be connected.", "Glad to connect if that's useful.", "Happy to be connected."],
        "connect-close",
    )
    mine = plan.pick(
        [f"I spend my days on {offer}.", f"I work on {offer}, so I follow this closely."],
        "connect-mine",
        plan.band,
    )
    notes: list[str] = []
    # only what the prospect made public: a figure from the notes ("repeat purchase rate is 22%") is theirs to
    # tell, not something a stranger "saw"
    for fact in [f for f in plan.facts if not internal_figure(f)][:2]:
        clause = plan.clause(fact, you=False)
        if clause:
            notes.append(f"{hi} saw that {clause}. {mine} {closing} {sign}")
            topic = plan.topic(fact)
            if topic and fact.kind is not None:  # "the news about" an event, never about a measure
                topic = topic[4:] if topic.lower().startswith("the ") else topic
                notes.append(f"{hi} saw the news about the {topic} at {plan.ref}. {closing} {sign}")
    role = plan.role_line("connect")
    if role:
        lowered = role if role.startswith(("I ", "I'")) else role[0].lower() + role[1:]
        notes.append(f"{hi} {lowered} {mine} {closing} {sign}")
    notes += [f"{hi} {mine} {closing} {sign}", f"{hi} {closing[0].lower() + closing[1:]} {sign}"]
    return _first_fitting(notes, CONNECTION_MAX)


def _follow_up(plan: Plan) -> str:
    ctx = plan.ctx
    thanks = f"Thanks for connecting, {ctx.first_name}." if ctx.first_name else "Thanks for connecting."
    salt = ("follow_up",)
    lead = plan.lead
    opening = " ".join(
        p
        for p in (
            [plan.fact_sentence(lead, *salt), plan.so_what(lead, *salt)] if lead else [plan.role_line(*salt)]
        )
        if p
    )
    value = " ".join(p for p in [plan.offer_line(*salt), plan.value_line(0, *salt)] if p)
    cta, sign = plan.cta("opener", *salt), ctx.sender_first
    return _first_fitting(
        [
            paragraphs(thanks, opening, value, cta, sign),
            paragraphs(thanks, opening, cta, sign),
            paragraphs(thanks, value, cta, sign),
        ],
        FOLLOW_UP_MAX,
    )


def _inmail(plan: Plan) -> tuple[str, str]:
    ctx = plan.ctx
    salt = ("inmail",)
    subject = trim_chars(cap_first(plan.subjects("opener", 1, 1)[0]), INMAIL_SUBJECT_MAX)
    lead = plan.lead
    opening = " ".join(
        p
        for p in (
            [plan.fact_sentence(lead, *salt), plan.so_what(lead, *salt)]
            if lead
            else [plan.role_line(*salt), plan.pain_line(0, *salt)]
        )
        if p
    )
    value = " ".join(p for p in [plan.offer_line(*salt), plan.value_line(0, *salt)] if p)
    proof = plan.proof_line(0, *salt)
    ask = paragraphs(ctx.calendar_line(), plan.cta("opener", *salt))
    body = _first_fitting(
        [
            paragraphs(ctx.greeting(), opening, value, proof, ask, ctx.signature(*salt)),
            paragraphs(ctx.greeting(), opening, value, ask, ctx.signature(*salt)),
            paragraphs(ctx.greeting(), value, ask, ctx.signature(*salt)),
        ],
        INMAIL_BODY_MAX,
    )
    return subject, body


def generate_linkedin_rules(
    profile: AgentProfile,
    prospect: ProspectData,
    analysis: AnalysisResult,
    sender: Sender,
    *,
    kind: LinkedInKind,
) -> LinkedInMessage:
    """A LinkedIn connection note (≤ 300 characters), follow-up (≤ 1000) or InMail (subject ≤ 200,
    body ≤ 1900), written offline from templates; the limits are enforced, not hoped for."""
    plan = build_plan(profile, prospect, analysis, sender)
    ctx = plan.ctx
    subject: str | None = None
    if kind == "connection":
        body = _connection(plan)
    elif kind == "follow_up":
        body = _follow_up(plan)
    elif kind == "inmail":
        subject, body = _inmail(plan)
    else:
        raise ValueError(f"unknown LinkedIn message kind {kind!r}")
    quality = check_quality(
        channel=_CHANNEL[kind],
        body=body,
        subject=subject,
        step=1,
        profile=profile,
        prospect=prospect,
        allowed_facts=ctx.allowed_facts,
        sender=sender,
        lint=plan.lint,
    )
    return LinkedInMessage(
        kind=kind,
        subject=subject,
        body=body,
        char_count=len(body),
        personalisation=ctx.personalisation(f"{subject or ''}\n{body}"),
        quality=flag_language(quality, record_language(prospect)),
    )
