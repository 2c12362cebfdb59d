"""Outreach content on two engines: email sequences, LinkedIn messages and video scripts.

Claude writes when it is available; every piece it writes goes through the same quality gate as the
rules engine's (`copywriter.check_quality`: placeholders, invented facts, spam words, length, CTA…).
A Claude draft that fails a hard check is regenerated once with the issues listed; if it fails
again, or Claude is unavailable, the rules engine writes it and the response says why (`fallback`).

Everything written is stored as `Message` rows keyed by prospect, campaign, channel and step, so
generating again replaces the content in place and never duplicates it.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Annotated, Any, Generic, Literal, TypeVar

import structlog
from pydantic import BaseModel, Field, model_validator
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

import prospect_intelligence as intel
import tracking
from copywriter import (
    CONNECTION_MAX,
    DAY_OFFSETS,
    LinkedInMessage,
    Sender,
    Sequence,
    SequenceStep,
    VideoScene,
    VideoScript,
    check_quality,
    generate_linkedin_rules,
    generate_sequence_rules,
    generate_video_script_rules,
    lint,
)
from copywriter.quality import SPAM_PHRASES, merge_reports
from copywriter.sequence import SEQUENCE_PLANS
from copywriter.video import WORDS_PER_MINUTE
from core import metrics, sql
from core.errors import NotFound, Unprocessable
from database_async import TuneDatabase
from grounding import trusted_facts
from intelligence import intake
from intelligence.scoring import analyze_rules
from llm import LLMClient, LLMUnavailable
from models import Analysis, Campaign, IndustryAgent, Message, Prospect, utcnow
from schemas import AgentProfile, AnalysisResult, Hook, Input, Output, ProspectData

log = structlog.get_logger()

LinkedInKind = Literal["connection", "follow_up", "inmail"]
LINKEDIN_CHANNELS = {"connection": "linkedin_connection", "follow_up": "linkedin_follow_up", "inmail": "inmail"}
Usage = dict[str, Any]
P = TypeVar("P")

WRITER_SYSTEM = """You are an expert B2B outbound copywriter. Write plain-text outreach a senior salesperson
would send: short, specific, conversational, one clear call to action, no hype, no spam words, no
placeholders. Ground every personal detail in the prospect's own fields; use the agent profile for
pains and value. Never invent numbers, customers, case studies or facts. Answer only through the tool.
Lead with the prospect's strongest fact for the sender's offer, written as a sentence with a subject
("you're opening a 300-room tower in the spring"), never pasted after a colon; leave out sources
("(TechCrunch, last week)") and internal notes. Say only what the sender's offer says the sender does,
and only pains that offer answers. Refer to titles as people say them ("as head of sales"), never as
stored, and never use persona labels. Subjects are 2-5 words built from the chosen fact, not the offer.

Agent profile:
"""


# --- requests and responses -------------------------------------------------------------------


class _Target(Input):
    """Who the content is for: a stored prospect by id, or a prospect's data (stored on the way)."""

    prospect_id: uuid.UUID | None = None
    prospect: ProspectData | None = None
    industry: Annotated[str, Field(min_length=2, max_length=100)] | None = Field(
        None, description="Defaults to the campaign's industry, else the prospect's latest analysis."
    )
    campaign_id: uuid.UUID | None = None
    sender: Sender | None = Field(None, description="Required unless the campaign's sequence_settings has one.")

    @model_validator(mode="after")
    def _one_prospect(self) -> _Target:
        if (self.prospect_id is None) == (self.prospect is None):
            raise ValueError("give exactly one of prospect_id or prospect")
        return self


STEPS_DEFAULT = "Default: the campaign's sequence_settings.steps, else 4."
VARIANTS_DEFAULT = "Default: the campaign's sequence_settings.subject_variants, else 2."
TONE_DEFAULT = "Default: the campaign's sequence_settings.tone, else the agent's tone."


def sequence_shape(
    steps: int | None, subject_variants: int | None, tone: str | None, campaign_settings: dict[str, Any] | None
) -> tuple[int, int, str | None]:
    """Steps, subject variants and tone of a sequence: what the request says, else the campaign's
    `sequence_settings`, else 4 steps and 2 variants."""
    defaults = campaign_settings or {}
    return (
        steps or defaults.get("steps") or 4,
        subject_variants or defaults.get("subject_variants") or 2,
        tone or defaults.get("tone"),
    )


_SENDER_EXAMPLE: dict[str, Any] = {
    "name": "Sam Lee",
    "title": "Partner",
    "company": "Tune Outbound",
    "offer": "player reactivation campaigns",
    "calendar_link": "https://cal.example.com/sam",
}


class SequenceRequest(_Target):
    """Write a multi-step email sequence with A/B subject lines."""

    steps: int | None = Field(None, ge=1, le=7, description=STEPS_DEFAULT)
    subject_variants: int | None = Field(None, ge=1, le=5, description=VARIANTS_DEFAULT)
    tone: Annotated[str, Field(max_length=200)] | None = Field(None, description=TONE_DEFAULT)

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "prospect_id": "5f0c3c1e-3a55-4a3c-9f1e-0d9d7a0c2b11",
                    "industry": "casino",
                    "steps": 4,
                    "subject_variants": 2,
                    "sender": _SENDER_EXAMPLE,
                }
            ]
        }
    }


class LinkedInRequest(_Target):
    """Write a LinkedIn connection note (≤ 300 characters), follow-up or InMail."""

    kind: LinkedInKind = "connection"

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "prospect_id": "5f0c3c1e-3a55-4a3c-9f1e-0d9d7a0c2b11",
                    "kind": "connection",
                    "sender": _SENDER_EXAMPLE,
                }
            ]
        }
    }


class VideoRequest(_Target):
    """Write a timed script for a short personalised video."""

    duration_seconds: int = Field(60, ge=30, le=180)

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "prospect_id": "5f0c3c1e-3a55-4a3c-9f1e-0d9d7a0c2b11",
                    "duration_seconds": 60,
                    "sender": _SENDER_EXAMPLE,
                }
            ]
        }
    }


class StepRead(SequenceStep):
    message_id: uuid.UUID
    variant: str  # the subject variant this prospect gets ("A", "B"…)
    subject: str


class SequenceRead(Output):
    prospect_id: uuid.UUID
    campaign_id: uuid.UUID | None
    engine: str
    fallback: str | None = None
    usage: Usage | None = None
    steps: list[StepRead]
    quality: Any


class LinkedInRead(LinkedInMessage):
    message_id: uuid.UUID
    prospect_id: uuid.UUID
    campaign_id: uuid.UUID | None
    engine: str
    fallback: str | None = None
    usage: Usage | None = None


class VideoRead(VideoScript):
    message_id: uuid.UUID
    prospect_id: uuid.UUID
    campaign_id: uuid.UUID | None
    engine: str
    fallback: str | None = None
    usage: Usage | None = None


# --- what Claude returns ----------------------------------------------------------------------


class _ClaudeStep(BaseModel):
    subject_variants: Annotated[list[Annotated[str, Field(max_length=120)]], Field(min_length=1, max_length=5)]
    body: Annotated[str, Field(max_length=3000)]
    cta: Annotated[str, Field(max_length=300)]
    personalisation: Annotated[list[Hook], Field(max_length=5)] = []


class _ClaudeSequence(BaseModel):
    steps: Annotated[list[_ClaudeStep], Field(min_length=1, max_length=7)]


class _ClaudeLinkedIn(BaseModel):
    subject: Annotated[str, Field(max_length=300)] | None = None
    body: Annotated[str, Field(max_length=3000)]
    personalisation: Annotated[list[Hook], Field(max_length=5)] = []


class _ClaudeVideo(BaseModel):
    scenes: Annotated[list[VideoScene], Field(min_length=2, max_length=10)]
    personalisation: Annotated[list[Hook], Field(max_length=5)] = []


# --- context: who, for which campaign, with which agent -----------------------------------------


@dataclass
class _Body:
    """What `tracking.sync_links` reads of a message."""

    id: uuid.UUID
    workspace_id: uuid.UUID
    body: str
    cta: str | None


@dataclass
class Written(Generic[P]):
    """A piece of content and how it came to be: engine, why not Claude, and Claude's usage."""

    piece: P
    engine: str
    fallback: str | None
    usage: Usage | None


@dataclass
class Brief:
    """Everything a writer needs, resolved from the request."""

    workspace_id: uuid.UUID
    prospect_id: uuid.UUID | None
    prospect: ProspectData
    campaign_id: uuid.UUID | None
    profile: AgentProfile
    analysis: AnalysisResult
    sender: Sender
    agent: IndustryAgent
    analysis_to_store: intel.Outcome | None = None  # when the prospect was analysed for this content


async def _brief(db: TuneDatabase, llm: LLMClient, *, workspace_id: uuid.UUID, req: _Target) -> Brief:
    """Resolve prospect, campaign, industry, agent, analysis and sender (reads only)."""
    async with db.session(write=False) as session:
        campaign = None
        if req.campaign_id is not None:
            campaign = await sql.owned_campaign(session, workspace_id=workspace_id, campaign_id=req.campaign_id)
        prospect_id, data, latest = None, req.prospect, None
        if req.prospect_id is not None:
            row = await session.scalar(
                select(Prospect).where(Prospect.id == req.prospect_id, Prospect.workspace_id == workspace_id)
            )
            if row is None:
                raise NotFound(f"No prospect {req.prospect_id}")
            prospect_id, data = row.id, ProspectData.model_validate(row.data)
        else:
            assert data is not None
            row = await session.scalar(
                select(Prospect).where(
                    Prospect.workspace_id == workspace_id, Prospect.email == str(data.email).lower()
                )
            )
            prospect_id = row.id if row else None
            data = intake.merge(row.data if row else None, data).data  # a re-send keeps what is known
        if prospect_id is not None:
            latest = await session.scalar(
                select(Analysis)
                .where(Analysis.prospect_id == prospect_id)
                .order_by(Analysis.created_at.desc())
                .limit(1)
            )
    assert data is not None
    industry = req.industry or (campaign.industry if campaign else None) or (latest.industry if latest else None)
    if industry is None:
        raise Unprocessable("Say which industry's agent should write: give `industry` or a `campaign_id`.")
    sender_data = req.sender or ((campaign.sequence_settings or {}).get("sender") if campaign else None)
    if sender_data is None:
        raise Unprocessable("A `sender` (name, company, offer) is required to sign the outreach.")
    sender = Sender.model_validate(sender_data)
    agent, profile = await intel.agent_profile(db, workspace_id=workspace_id, industry=industry)
    outcome = None
    if latest is not None and latest.industry == agent.industry and req.prospect is None:
        stored = AnalysisResult.model_validate(latest.result)
        # A stored analysis may predate the quote gate: only hooks that pass it now are used.
        analysis = stored.model_copy(update={"hooks": trusted_hooks(stored.hooks, profile, data)})
    else:  # new or changed prospect data: analyse it now, and store that analysis with the content
        outcome = await intel.assess(
            llm, workspace_id=workspace_id, profile=profile, data=data, given=req.prospect
        )
        analysis = outcome.result
    return Brief(
        workspace_id=workspace_id,
        prospect_id=prospect_id,
        prospect=data,
        campaign_id=campaign.id if campaign else None,
        profile=profile,
        analysis=analysis,
        sender=sender,
        analysis_to_store=outcome,
        agent=agent,
    )


def _variant_index(email: str, step: int, count: int) -> int:
    """Which subject variant a prospect gets: a stable split, so A/B groups are balanced and fixed."""
    digest = hashlib.sha256(f"{email.lower()}:{step}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % count


def _lint_rules() -> list[str]:
    """The copy linter's hard checks, in its own words (its docstring table), so the writer is told
    exactly what the checker rejects and the two cannot drift apart."""
    rules = []
    for line in (lint.__doc__ or "").splitlines():
        cells = [c.strip().replace("\x00", "|") for c in line.replace("\\|", "\x00").strip().strip("|").split("|")]
        if len(cells) == 2 and lint.SEVERITY.get(cells[0]) == "hard":
            rules.append(f"no {cells[0].replace('_', ' ')}: {cells[1]}")
    return rules


def hard_rules(channel: str) -> list[str]:
    """What the checker rejects outright (`copywriter.check_quality`), stated for the writer."""
    rules = [
        "Every number, date, year, percentage, name, brand, place and customer you write must appear in "
        "the prospect's fields, the analysis hooks or the sender's details below, written as it is there: "
        "a prospect in 'Reno, NV' is in 'Reno, NV' (not 'Nevada'); never add results, customers, case "
        "studies or statistics.",
        "No placeholders or template slots ({first_name}, [Company], <name>, TODO).",
        "No spam-filter words or phrases: " + ", ".join(f'"{w}"' for w in SPAM_PHRASES) + ".",
        "One clear call to action: a question, or an ask to reply or book a time.",
        "Stay within the length the task gives (a hard limit, not a target to exceed).",
    ]
    if channel == "inmail":
        rules.append("An InMail needs a subject.")
    if channel == "linkedin_connection":
        rules.append(f"A connection note is at most {CONNECTION_MAX} characters in total, with no link.")
    return rules + _lint_rules()


def _writer_prompt(
    brief: Brief, task: str, channel: str, issues: list[str] | None = None, previous: str | None = None
) -> str:
    hooks = trusted_hooks(brief.analysis.hooks, brief.profile, brief.prospect)
    analysis = brief.analysis.model_copy(update={"hooks": hooks})
    parts = [
        task,
        "Hard rules (a draft that breaks any of them is rejected):\n- " + "\n- ".join(hard_rules(channel)),
        "Prospect:\n" + brief.prospect.model_dump_json(exclude_none=True, indent=1),
        "Analysis:\n"
        + analysis.model_dump_json(include={"persona", "pain_points", "hooks", "approach"}, indent=1),
        "Sender:\n" + brief.sender.model_dump_json(exclude_none=True, indent=1),
    ]
    if issues:
        if previous:
            parts.append("Your previous draft:\n" + previous)
        parts.append("It failed these checks; fix every one and keep what was right:\n- " + "\n- ".join(issues))
    return "\n\n".join(parts)


def _hard(report: Any) -> list[str]:
    return [f"{i.code}: {i.detail}" for i in report.issues if i.severity == "hard"]


async def _with_claude(
    llm: LLMClient,
    brief: Brief,
    *,
    purpose: str,
    task: str,
    output_model: type[BaseModel],
    build: Any,
    channel: str,
) -> tuple[Any, str | None, Usage | None]:
    """Draft with Claude (told the checker's hard rules), check, redraft once with the previous draft
    and its issues; None and the reason if it never passes."""
    if not llm.enabled:
        return None, None, None
    issues: list[str] | None = None
    previous: str | None = None
    usage: Usage | None = None
    for _attempt in range(2):
        try:
            reply = await llm.structured(
                workspace_id=brief.workspace_id,
                purpose=purpose,
                system=WRITER_SYSTEM + brief.profile.model_dump_json(),
                prompt=_writer_prompt(brief, task, channel, issues, previous),
                output_model=output_model,
                max_tokens=4000,
            )
        except LLMUnavailable as exc:
            return None, exc.reason, usage
        usage = _add_usage(usage, reply.usage.as_dict())
        previous = reply.value.model_dump_json(indent=1)
        try:
            piece = build(reply.value)
        except ValueError as exc:
            issues = [str(exc)]
            continue
        issues = _hard(piece.quality)
        if not issues:
            return piece, None, usage
    log.info("content.claude_rejected", purpose=purpose, issues=len(issues or []))
    return None, "quality", usage


def _add_usage(total: Usage | None, more: Usage) -> Usage:
    if total is None:
        return dict(more)
    return {k: (total.get(k, 0) + v if isinstance(v, int | float) else v) for k, v in more.items()}


def trusted_hooks(hooks: list[Hook], profile: AgentProfile, prospect: ProspectData) -> list[Hook]:
    """The hooks a writer may state as facts: the rules engine's own (built by code from the prospect's
    fields) and Claude's that pass the quote gate (`grounding`). A Claude hook without a quote, or
    whose numbers or names are not in its quote, is not a fact."""
    rules = [h.text for h in analyze_rules(profile, prospect).hooks]
    texts = set(trusted_facts(hooks, prospect, rules_hooks=rules))
    return [h for h in hooks if h.text in texts]


def _check(brief: Brief, *, channel: str, body: str, subject: str | None, step: int) -> Any:
    # The checker accepts as facts only hooks that passed the gate (or that the rules engine built).
    hooks = [h.text for h in trusted_hooks(brief.analysis.hooks, brief.profile, brief.prospect)]
    return check_quality(
        channel=channel,
        body=body,
        subject=subject,
        step=step,
        profile=brief.profile,
        prospect=brief.prospect,
        sender=brief.sender,
        allowed_facts=hooks,
    )


# --- writers: sequence, LinkedIn, video ----------------------------------------------------------


def _claude_sequence(brief: Brief, steps: int) -> Any:
    plan = SEQUENCE_PLANS[steps]

    def build(value: _ClaudeSequence) -> Sequence:
        if len(value.steps) != steps:
            raise ValueError(f"wrote {len(value.steps)} steps, {steps} were asked for")
        out = []
        for n, (draft, purpose) in enumerate(zip(value.steps, plan, strict=True), start=1):
            reports = [
                _check(brief, channel="email", body=draft.body, subject=s, step=n) for s in draft.subject_variants
            ]
            weakest = min(reports, key=lambda r: r.score)
            out.append(
                SequenceStep(
                    step=n,
                    day_offset=DAY_OFFSETS[n - 1],
                    purpose=purpose,
                    subject_variants=draft.subject_variants,
                    body=draft.body,
                    cta=draft.cta,
                    personalisation=draft.personalisation,
                    quality=weakest,
                )
            )
        labels = [f"step {s.step}" for s in out]
        return Sequence(steps=out, quality=merge_reports([s.quality for s in out], labels))

    return build


async def write_sequence(
    llm: LLMClient, brief: Brief, *, steps: int, subject_variants: int, tone: str | None
) -> Written[Sequence]:
    plan = SEQUENCE_PLANS[steps]
    task = (
        f"Write a {steps}-step cold email sequence. Steps, in order, with their purpose and send day: "
        + ", ".join(f"{i + 1}. {p} (day {DAY_OFFSETS[i]})" for i, p in enumerate(plan))
        + f". Give each step {subject_variants} distinct subject lines (at most 60 characters), "
        f"a body of 50-150 words signed by the sender, and its call to action."
        + (f" Tone: {tone}." if tone else "")
    )
    piece, fallback, usage = await _with_claude(
        llm,
        brief,
        purpose="sequence",
        task=task,
        output_model=_ClaudeSequence,
        build=_claude_sequence(brief, steps),
        channel="email",
    )
    if piece is not None:
        return Written(piece, "claude", None, usage)
    rules = generate_sequence_rules(
        brief.profile,
        brief.prospect,
        brief.analysis,
        brief.sender,
        steps=steps,
        subject_variants=subject_variants,
        tone=tone,
    )
    return Written(rules, "rules", fallback, usage)


async def write_linkedin(llm: LLMClient, brief: Brief, kind: LinkedInKind) -> Written[LinkedInMessage]:
    channel = LINKEDIN_CHANNELS[kind]
    limits = {
        "connection": f"at most {CONNECTION_MAX} characters in total, no subject",
        "follow_up": "at most 1000 characters, no subject",
        "inmail": "a subject of at most 200 characters and a body of at most 1900 characters",
    }[kind]

    def build(value: _ClaudeLinkedIn) -> LinkedInMessage:
        subject = value.subject if kind == "inmail" else None
        report = _check(brief, channel=channel, body=value.body, subject=subject, step=1)
        return LinkedInMessage(
            kind=kind,
            subject=subject,
            body=value.body,
            char_count=len(value.body),
            personalisation=value.personalisation,
            quality=report,
        )

    task = f"Write a LinkedIn {kind.replace('_', ' ')} message: {limits}."
    piece, fallback, usage = await _with_claude(
        llm,
        brief,
        purpose=f"linkedin_{kind}",
        task=task,
        output_model=_ClaudeLinkedIn,
        build=build,
        channel=channel,
    )
    if piece is not None:
        return Written(piece, "claude", None, usage)
    return Written(
        generate_linkedin_rules(brief.profile, brief.prospect, brief.analysis, brief.sender, kind=kind),
        "rules",
        fallback,
        usage,
    )


async def write_video(llm: LLMClient, brief: Brief, duration: int) -> Written[VideoScript]:
    def build(value: _ClaudeVideo) -> VideoScript:
        scenes = value.scenes
        if (
            scenes[0].start_s != 0
            or abs(scenes[-1].end_s - duration) > 0.5
            or any(a.end_s != b.start_s or a.end_s <= a.start_s for a, b in pairwise(scenes))
        ):
            raise ValueError(f"scenes must tile 0-{duration} s without gaps or overlaps")
        narration = " ".join(s.narration for s in scenes)
        words = len(narration.split())
        estimated = round(words / WORDS_PER_MINUTE * 60, 1)
        if abs(estimated - duration) > duration * 0.1:
            raise ValueError(
                f"narration runs {estimated} s at {WORDS_PER_MINUTE} words a minute; "
                f"it must be within 10% of {duration} s ({round(duration * 2.5)} words)"
            )
        report = _check(brief, channel="video", body=narration, subject=None, step=1)
        return VideoScript(
            duration_seconds=duration,
            scenes=scenes,
            word_count=words,
            estimated_seconds=estimated,
            personalisation=value.personalisation,
            quality=report,
        )

    task = (
        f"Write a {duration}-second personalised video script as 4-7 timed scenes that tile 0-{duration} s "
        f"exactly. For each scene say what is on screen (their website, their LinkedIn profile, a simple "
        f"chart, the sender on camera) and the narration. The narration must total about "
        f"{round(duration * WORDS_PER_MINUTE / 60)} words (spoken at {WORDS_PER_MINUTE} words a minute)."
    )
    piece, fallback, usage = await _with_claude(
        llm, brief, purpose="video_script", task=task, output_model=_ClaudeVideo, build=build, channel="video"
    )
    if piece is not None:
        return Written(piece, "claude", None, usage)
    script = generate_video_script_rules(
        brief.profile, brief.prospect, brief.analysis, brief.sender, duration_seconds=duration
    )
    return Written(script, "rules", fallback, usage)


# --- storage ----------------------------------------------------------------------------------


async def _prospect_id(session: AsyncSession, brief: Brief) -> uuid.UUID:
    if brief.analysis_to_store is not None:  # analysed just now: store the prospect and its analysis
        stored = await intel.store(
            session, workspace_id=brief.workspace_id, agent=brief.agent, outcome=brief.analysis_to_store
        )
        return stored.prospect_id
    assert brief.prospect_id is not None
    return brief.prospect_id


def _count(feature: str, written: Written[Any]) -> None:
    metrics.record_engine(feature, written.engine, written.fallback)


async def save_message(
    session: AsyncSession,
    *,
    workspace_id: uuid.UUID,
    prospect_id: uuid.UUID,
    campaign_id: uuid.UUID | None,
    channel: str,
    step: int,
    engine: str,
    usage: Usage | None,
    body: str,
    quality: dict[str, Any],
    **fields: Any,
) -> uuid.UUID:
    """Insert or replace the message for (prospect, campaign, channel, step); return its id."""
    key = f"{campaign_id or 'none'}:{prospect_id}:{channel}:{step}"
    now = utcnow()
    values = {
        "workspace_id": workspace_id,
        "prospect_id": prospect_id,
        "campaign_id": campaign_id,
        "content_key": key,
        "channel": channel,
        "step": step,
        "engine": engine,
        "usage": usage,
        "body": body,
        "quality": quality,
        "updated_at": now,
        "day_offset": 0,
        "purpose": None,
        "subject": None,
        "subject_variants": None,
        "variant": None,
        "cta": None,
        "personalisation": None,
        "extra": None,
        **fields,
    }
    return (
        await session.execute(
            _message_upsert(session, tuple(values)), {"id": uuid.uuid4(), "created_at": now, **values}
        )
    ).scalar_one()


_UPSERTS: dict[tuple[str, tuple[str, ...]], Any] = {}


def _message_upsert(session: AsyncSession, columns: tuple[str, ...]) -> Any:
    """The upsert of `save_message` for these columns, built once per dialect and column list (building
    it, with its `excluded` alias, cost more than running it): the values come as parameters."""
    key = (sql.dialect(session), columns)
    upsert = _UPSERTS.get(key)
    if upsert is None:
        stmt = sql.table_insert(session, Message)
        replace = {k: stmt.excluded[k] for k in columns if k not in ("workspace_id", "content_key")}
        t = Message.__table__.c
        upsert = _UPSERTS[key] = stmt.on_conflict_do_update(
            index_elements=[t.workspace_id, t.content_key], set_=replace
        ).returning(t.id)
    return upsert


def _jsonable(items: Iterable[BaseModel]) -> list[dict[str, Any]]:
    return [i.model_dump(mode="json") for i in items]


async def store_sequence(
    session: AsyncSession, brief: Brief, prospect_id: uuid.UUID, written: Written[Sequence]
) -> SequenceRead:
    """Store each step as a message; each prospect gets one subject variant per step, split A/B."""
    _count("sequence", written)
    steps = []
    for s in written.piece.steps:
        index = _variant_index(str(brief.prospect.email), s.step, len(s.subject_variants))
        variant, subject = chr(ord("A") + index), s.subject_variants[index]
        message_id = await save_message(
            session,
            workspace_id=brief.workspace_id,
            prospect_id=prospect_id,
            campaign_id=brief.campaign_id,
            channel="email",
            step=s.step,
            engine=written.engine,
            usage=written.usage if s.step == 1 else None,
            body=s.body,
            quality=s.quality.model_dump(mode="json"),
            day_offset=s.day_offset,
            purpose=s.purpose,
            subject=subject,
            subject_variants=s.subject_variants,
            variant=variant,
            cta=s.cta,
            personalisation=_jsonable(s.personalisation),
        )
        steps.append(StepRead(**s.model_dump(), message_id=message_id, variant=variant, subject=subject))
    # Each email's links are stored as it is made, so the tracked URLs exist before any export.
    await tracking.sync_links(session, [_Body(st.message_id, brief.workspace_id, st.body, st.cta) for st in steps])
    log.info(
        "content.sequence_written",
        prospect_id=str(prospect_id),
        steps=len(steps),
        engine=written.engine,
        score=written.piece.quality.score,
    )
    return SequenceRead(
        prospect_id=prospect_id,
        campaign_id=brief.campaign_id,
        engine=written.engine,
        fallback=written.fallback,
        usage=written.usage,
        steps=steps,
        quality=written.piece.quality,
    )


async def store_linkedin(
    session: AsyncSession, brief: Brief, prospect_id: uuid.UUID, written: Written[LinkedInMessage]
) -> LinkedInRead:
    message = written.piece
    _count("linkedin", written)
    message_id = await save_message(
        session,
        workspace_id=brief.workspace_id,
        prospect_id=prospect_id,
        campaign_id=brief.campaign_id,
        channel=LINKEDIN_CHANNELS[message.kind],
        step=1,
        engine=written.engine,
        usage=written.usage,
        body=message.body,
        quality=message.quality.model_dump(mode="json"),
        subject=message.subject,
        personalisation=_jsonable(message.personalisation),
    )
    return LinkedInRead(
        **message.model_dump(),
        message_id=message_id,
        prospect_id=prospect_id,
        campaign_id=brief.campaign_id,
        engine=written.engine,
        fallback=written.fallback,
        usage=written.usage,
    )


async def store_video(
    session: AsyncSession, brief: Brief, prospect_id: uuid.UUID, written: Written[VideoScript]
) -> VideoRead:
    script = written.piece
    _count("video", written)
    message_id = await save_message(
        session,
        workspace_id=brief.workspace_id,
        prospect_id=prospect_id,
        campaign_id=brief.campaign_id,
        channel="video",
        step=1,
        engine=written.engine,
        usage=written.usage,
        body="\n\n".join(s.narration for s in script.scenes),
        quality=script.quality.model_dump(mode="json"),
        personalisation=_jsonable(script.personalisation),
        extra={
            "duration_seconds": script.duration_seconds,
            "scenes": _jsonable(script.scenes),
            "word_count": script.word_count,
            "estimated_seconds": script.estimated_seconds,
        },
    )
    return VideoRead(
        **script.model_dump(),
        message_id=message_id,
        prospect_id=prospect_id,
        campaign_id=brief.campaign_id,
        engine=written.engine,
        fallback=written.fallback,
        usage=written.usage,
    )


async def generate_sequence(
    session: AsyncSession, *, db: TuneDatabase, llm: LLMClient, workspace_id: uuid.UUID, req: SequenceRequest
) -> SequenceRead:
    """Write and store an email sequence for one prospect."""
    brief = await _brief(db, llm, workspace_id=workspace_id, req=req)
    campaign_settings = None
    if req.campaign_id is not None:  # its owner was checked by _brief
        campaign_settings = await session.scalar(
            select(Campaign.sequence_settings).where(Campaign.id == req.campaign_id)
        )
    steps, variants, tone = sequence_shape(req.steps, req.subject_variants, req.tone, campaign_settings)
    written = await write_sequence(llm, brief, steps=steps, subject_variants=variants, tone=tone)
    return await store_sequence(session, brief, await _prospect_id(session, brief), written)


async def generate_linkedin(
    session: AsyncSession, *, db: TuneDatabase, llm: LLMClient, workspace_id: uuid.UUID, req: LinkedInRequest
) -> LinkedInRead:
    """Write and store a LinkedIn message for one prospect."""
    brief = await _brief(db, llm, workspace_id=workspace_id, req=req)
    written = await write_linkedin(llm, brief, req.kind)
    return await store_linkedin(session, brief, await _prospect_id(session, brief), written)


async def generate_video(
    session: AsyncSession, *, db: TuneDatabase, llm: LLMClient, workspace_id: uuid.UUID, req: VideoRequest
) -> VideoRead:
    """Write and store a personalised video script for one prospect."""
    brief = await _brief(db, llm, workspace_id=workspace_id, req=req)
    written = await write_video(llm, brief, req.duration_seconds)
    return await store_video(session, brief, await _prospect_id(session, brief), written)
