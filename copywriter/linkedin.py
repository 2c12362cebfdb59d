"""LinkedIn messages from the rules engine: connection notes, post-connection follow-ups, InMails.

LinkedIn's limits are hard (a connection note over 300 characters cannot be sent), so each message
is built from its most personal form down to shorter ones, and only as a last resort cut at a
sentence or word boundary. The same sentence builders as email keep the channels consistent.
"""

from __future__ import annotations

from copywriter.context import Context, build_context
from copywriter.models import LinkedInKind, LinkedInMessage, Sender
from copywriter.quality import check_quality
from copywriter.sequence import subject_lines
from copywriter.text import paragraphs, trim_chars
from schemas import AgentProfile, AnalysisResult, ProspectData

CONNECTION_MAX, FOLLOW_UP_MAX, INMAIL_SUBJECT_MAX, INMAIL_BODY_MAX = 300, 1000, 200, 1900

_CHANNEL = {"connection": "linkedin_connection", "follow_up": "linkedin_follow_up", "inmail": "inmail"}


def _first_fitting(candidates: list[str], limit: int) -> str:
    """The first candidate within `limit` characters; else the last one, trimmed at a boundary."""
    for text in candidates:
        if len(text) <= limit:
            return text
    return trim_chars(candidates[-1], limit)


def _connection(ctx: Context) -> str:
    hi, sign = ctx.greeting(), f"Best, {ctx.sender_first}"
    personal: list[str] = []
    if ctx.signal:
        clause = ctx.signal_clause(ctx.signal)
        if clause:
            personal.append(f"{hi} I saw that {ctx.ref} {clause}. I work with {ctx.peers} on {ctx.offer} and "
                            f"would be glad to connect. {sign}")
        personal.append(f"{hi} reading up on {ctx.ref}, this stood out: {ctx.lc(ctx.signal)}. I work with "
                        f"{ctx.peers} on {ctx.offer}. Open to connecting? {sign}")
    if ctx.title and ctx.company and ctx.priorities:
        personal.append(f"{hi} as {ctx.title} at {ctx.company}, you probably care about "
                        f"{ctx.lc(ctx.priorities[0])}. I work on {ctx.offer} and would be glad to connect. "
                        f"{sign}")
    personal.append(f"{hi} I work with {ctx.peers} on {ctx.offer}, and {ctx.ref} looks like a natural fit "
                    f"for a conversation. Open to connecting? {sign}")
    shorter = [
        f"{hi} I work with {ctx.peers} on {ctx.offer}. Would be glad to connect. {sign}",
        f"{hi} would be glad to connect. {sign}",
    ]
    return _first_fitting([*ctx.order(personal, "connection"), *shorter], CONNECTION_MAX)


def _follow_up(ctx: Context) -> str:
    thanks = f"Thanks for connecting, {ctx.first_name}." if ctx.first_name else "Thanks for connecting."
    salt = ("follow_up",)
    opening, pain, value = ctx.opening_line(*salt), ctx.pain_line(0, *salt), ctx.value_line(0, *salt)
    cta, sign = ctx.cta("opener", *salt), ctx.sender_first
    return _first_fitting(
        [
            paragraphs(thanks, opening, pain, value, cta, sign),
            paragraphs(thanks, opening, value, cta, sign),
            paragraphs(thanks, value, cta, sign),
        ],
        FOLLOW_UP_MAX,
    )


def _inmail(ctx: Context) -> tuple[str, str]:
    salt = ("inmail",)
    subject = trim_chars(subject_lines(ctx, "opener", 1, *salt)[0], INMAIL_SUBJECT_MAX)
    greeting, signature = ctx.greeting(), ctx.signature(*salt)
    opening, pain, value = ctx.opening_line(*salt), ctx.pain_line(0, *salt), ctx.value_line(0, *salt)
    proof, ask = ctx.proof_line(0, *salt), paragraphs(ctx.calendar_line(), ctx.cta("opener", *salt))
    body = _first_fitting(
        [
            paragraphs(greeting, opening, pain, value, proof, ask, signature),
            paragraphs(greeting, opening, value, ask, signature),
            paragraphs(greeting, value, ask, signature),
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
    ctx = build_context(profile, prospect, analysis, sender)
    subject: str | None = None
    if kind == "connection":
        body = _connection(ctx)
    elif kind == "follow_up":
        body = _follow_up(ctx)
    elif kind == "inmail":
        subject, body = _inmail(ctx)
    else:
        raise ValueError(f"unknown LinkedIn message kind {kind!r}")
    quality = check_quality(channel=_CHANNEL[kind], body=body, subject=subject, step=1, profile=profile,
                            prospect=prospect, allowed_facts=ctx.allowed_facts, sender=sender)
    return LinkedInMessage(
        kind=kind,
        subject=subject,
        body=body,
        char_count=len(body),
        personalisation=ctx.personalisation(f"{subject or ''}\n{body}"),
        quality=quality,
    )
