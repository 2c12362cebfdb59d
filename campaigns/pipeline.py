"""The complete pipeline as a durable job: analyse → tier → write content per tier → attach to the
campaign (→ push to Clay). Content batches for a campaign are the same job without the analysis.

One item per prospect. `prepare` does the slow part with no database writes (scoring, Claude calls);
`apply` stores the analysis, the campaign placement and the messages in the transaction that marks
the item done, so a prospect is never analysed or written twice, even across a crash.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

import content_generator as content
import jobs
import prospect_intelligence as intel
from campaigns.schemas import CampaignCreate, CampaignRead
from campaigns.service import attach_many, campaign_tier, create_campaign
from copywriter import Sender
from core.errors import Unprocessable
from core.sql import owned_campaign
from llm import batches as message_batches
from models import Analysis, Campaign, CampaignProspect, Message, Prospect, ProspectStatus
from schemas import AnalysisResult, Input, ProspectData
from settings import Settings

Channel = Literal["sequence", "linkedin", "video"]
TierKey = Literal["1", "2", "3", "4"]
DEFAULT_CONTENT: dict[TierKey, list[Channel]] = {
    "1": ["sequence", "linkedin", "video"],
    "2": ["sequence", "linkedin"],
    "3": ["sequence"],
}
# What each content kind is stored as; a prospect "has" a kind when such a message exists.
STORED_AS = {"sequence": "email", "linkedin": "linkedin_connection", "video": "video"}


class NewCampaign(Input):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    industry: Annotated[str, Field(min_length=2, max_length=100)]
    description: Annotated[str, Field(max_length=5000)] | None = None


class ContentPlan(Input):
    """Which content each tier gets, and its shape."""

    tiers: dict[TierKey, list[Channel]] = Field(default_factory=lambda: dict(DEFAULT_CONTENT))
    steps: int | None = Field(None, ge=1, le=7, description=content.STEPS_DEFAULT)
    subject_variants: int | None = Field(None, ge=1, le=5, description=content.VARIANTS_DEFAULT)
    video_seconds: int = Field(60, ge=30, le=180)
    tone: Annotated[str, Field(max_length=200)] | None = Field(None, description=content.TONE_DEFAULT)

    def for_campaign(self, campaign: Campaign | CampaignRead) -> ContentPlan:
        """This plan with the campaign's sequence_settings filling what it leaves out."""
        steps, variants, tone = content.sequence_shape(
            self.steps, self.subject_variants, self.tone, campaign.sequence_settings
        )
        return self.model_copy(update={"steps": steps, "subject_variants": variants, "tone": tone})

    def channels_for(self, tier: int) -> list[Channel]:
        """The content kinds a prospect of this tier gets (none for a tier the plan does not name)."""
        return next((kinds for key, kinds in self.tiers.items() if key == str(tier)), [])


class PipelineRequest(Input):
    """Run the whole pipeline for a campaign's prospects, as a background job."""

    campaign_id: uuid.UUID | None = None
    campaign: NewCampaign | None = None
    prospects: Annotated[list[dict[str, Any]], Field(max_length=10_000)] | None = Field(
        None, description="Prospects to add; without them, the campaign's own prospects are re-run."
    )
    content: ContentPlan = Field(default_factory=ContentPlan)
    sender: Sender | None = None
    push_to_clay: bool = False
    replace: bool = Field(False, description=intel.REPLACE_HELP)
    use_batches: bool | None = Field(None, description=message_batches.USE_BATCHES_HELP)

    @model_validator(mode="after")
    def _one_campaign(self) -> PipelineRequest:
        if (self.campaign_id is None) == (self.campaign is None):
            raise ValueError("give exactly one of campaign_id or campaign")
        return self

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "campaign": {"name": "Nevada casinos Q1", "industry": "casino"},
                    "prospects": [
                        {
                            "email": "dana.reyes@silverpeakcasino.com",
                            "first_name": "Dana",
                            "title": "VP of Marketing",
                            "company": "Silver Peak Casino Resort",
                            "employees": 2000,
                            "signals": ["Opening a 400-room hotel tower in Q2 2027"],
                        }
                    ],
                    "content": {"tiers": {"1": ["sequence", "linkedin", "video"], "2": ["sequence"]}},
                    "sender": {
                        "name": "Sam Lee",
                        "company": "Tune Outbound",
                        "offer": "player reactivation campaigns",
                    },
                }
            ]
        }
    }


class ContentBatchRequest(Input):
    """Write content for each prospect of a campaign (or one tier) that lacks it, as a job."""

    campaign_id: uuid.UUID
    tier: int | None = Field(None, ge=1, le=4)
    channels: Annotated[list[Channel], Field(min_length=1, max_length=3)] = ["sequence"]
    steps: int | None = Field(None, ge=1, le=7, description=content.STEPS_DEFAULT)
    subject_variants: int | None = Field(None, ge=1, le=5, description=content.VARIANTS_DEFAULT)
    video_seconds: int = Field(60, ge=30, le=180)
    sender: Sender | None = None
    use_batches: bool | None = Field(None, description=message_batches.USE_BATCHES_HELP)


# --- the job ----------------------------------------------------------------------------------


@dataclass
class Prepared:
    prospect_id: uuid.UUID | None
    outcome: intel.Outcome | None  # None when the stored analysis is reused
    tier: int
    brief: content.Brief | None
    written: dict[str, content.Written[Any]] = field(default_factory=dict)


async def _setup(ctx: jobs.JobContext) -> None:
    """Per-claim cache: the campaign's agent profile and thresholds."""
    if "profile" in ctx.cache:
        return
    async with ctx.db.session(write=False) as session:
        campaign = await owned_campaign(
            session, workspace_id=ctx.workspace_id, campaign_id=uuid.UUID(ctx.payload["campaign_id"])
        )
        ctx.cache["thresholds"] = campaign.tier_thresholds
    ctx.cache["agent"], ctx.cache["profile"] = await intel.agent_profile(
        ctx.db, workspace_id=ctx.workspace_id, industry=ctx.payload["industry"]
    )


class PipelineJob:
    """Job kind `pipeline`: payload {campaign_id, industry, analyze, plan, sender}; items are prospect
    data (`{"prospect": {...}}`) or stored prospects (`{"prospect_id": …}`)."""

    async def prepare(self, ctx: jobs.JobContext, key: str, payload: dict[str, Any]) -> Prepared:
        return await self._prepare(ctx, payload, None)

    async def prepare_many(
        self, ctx: jobs.JobContext, items: list[tuple[str, dict[str, Any]]]
    ) -> list[Prepared | BaseException]:
        """`prepare` for a chunk, each item's outcome or the exception that fails it alone: the stored
        data of the chunk's new prospects is read in one statement (`prepare` reads it per item; no
        write happens before the chunk's `apply` either way), then the items are prepared
        JOB_ITEM_CONCURRENCY at a time, as the worker runs `prepare`."""
        n = len(items)
        try:
            await _setup(ctx)
            ContentPlan.model_validate(ctx.payload["plan"])  # an error here fails every item, as in `prepare`
        except Exception as exc:
            return [exc] * n
        known: dict[int, tuple[ProspectData, ProspectData] | BaseException] = {}
        given: dict[int, ProspectData] = {}
        for i, (_, payload) in enumerate(items):
            if "prospect_id" not in payload:
                try:
                    given[i] = ProspectData.model_validate(payload["prospect"])
                except Exception as exc:
                    known[i] = exc
        if given:
            try:
                merged = await intel.with_known(
                    ctx.db,
                    workspace_id=ctx.workspace_id,
                    prospects=list(given.values()),
                    replace=bool(ctx.payload.get("replace")),
                )
                known.update((i, (g, m)) for (i, g), m in zip(given.items(), merged, strict=True))
            except Exception as exc:
                known.update((i, exc) for i in given)
        gate = asyncio.Semaphore(ctx.settings.JOB_ITEM_CONCURRENCY)

        async def one(i: int, payload: dict[str, Any]) -> Prepared:
            read = known.get(i)
            if isinstance(read, BaseException):
                raise read
            async with gate:
                return await self._prepare(ctx, payload, read)

        return await asyncio.gather(
            *(one(i, payload) for i, (_, payload) in enumerate(items)), return_exceptions=True
        )

    async def _prepare(
        self, ctx: jobs.JobContext, payload: dict[str, Any], read: tuple[ProspectData, ProspectData] | None
    ) -> Prepared:
        """One item; `read`: its prospect as given and as merged over what is stored, when already read."""
        await _setup(ctx)
        profile, plan = ctx.cache["profile"], ContentPlan.model_validate(ctx.payload["plan"])
        prospect_id, analysis, outcome = None, None, None
        replace = bool(ctx.payload.get("replace"))
        if "prospect_id" in payload:
            prospect_id = uuid.UUID(payload["prospect_id"])
            async with ctx.db.session(write=False) as session:
                row = await session.get(Prospect, prospect_id)
                latest = await session.scalar(
                    select(Analysis)
                    .where(Analysis.prospect_id == prospect_id)
                    .order_by(Analysis.created_at.desc())
                    .limit(1)
                )
            if row is None or row.workspace_id != ctx.workspace_id:
                raise ValueError("the prospect no longer exists")
            data = ProspectData.model_validate(row.data)
            if latest is not None and not ctx.payload["analyze"]:
                analysis = AnalysisResult.model_validate(latest.result)
            given = data
        elif read is not None:
            given, data = read
        else:
            given = ProspectData.model_validate(payload["prospect"])
            [data] = await intel.with_known(
                ctx.db, workspace_id=ctx.workspace_id, prospects=[given], replace=replace
            )
        if analysis is None:
            outcome = await intel.assess(
                ctx.llm, workspace_id=ctx.workspace_id, profile=profile, data=data, given=given, replace=replace
            )
            analysis = outcome.result
        tier = campaign_tier(ctx.cache["thresholds"], score=analysis.score, tier=analysis.tier)
        channels = plan.channels_for(tier)
        if ctx.payload.get("only"):  # a content batch: just the kinds this prospect still lacks
            channels = [c for c in ctx.payload["only"] if c in payload.get("missing", ctx.payload["only"])]
        prepared = Prepared(prospect_id=prospect_id, outcome=outcome, tier=tier, brief=None)
        if channels:
            sender = Sender.model_validate(ctx.payload["sender"])
            brief = content.Brief(
                workspace_id=ctx.workspace_id,
                prospect_id=prospect_id,
                prospect=data,
                campaign_id=uuid.UUID(ctx.payload["campaign_id"]),
                profile=profile,
                analysis=analysis,
                sender=sender,
                agent=ctx.cache["agent"],
            )
            prepared.brief = brief
            for channel in channels:
                if channel == "sequence":
                    prepared.written[channel] = await content.write_sequence(
                        ctx.llm,
                        brief,
                        steps=plan.steps or 4,
                        subject_variants=plan.subject_variants or 2,
                        tone=plan.tone,
                    )
                elif channel == "linkedin":
                    prepared.written[channel] = await content.write_linkedin(ctx.llm, brief, "connection")
                else:
                    prepared.written[channel] = await content.write_video(ctx.llm, brief, plan.video_seconds)
        return prepared

    async def apply(
        self, session: AsyncSession, ctx: jobs.JobContext, key: str, payload: dict[str, Any], prepared: Prepared
    ) -> dict[str, Any]:
        [result] = await self.apply_many(session, ctx, [(key, payload, prepared)])
        return result

    async def apply_many(
        self, session: AsyncSession, ctx: jobs.JobContext, items: list[tuple[str, dict[str, Any], Prepared]]
    ) -> list[dict[str, Any]]:
        """The chunk's new analyses stored together (the one bulk writer) and placed in the campaign,
        then each item's content."""
        analysed = [i for i, (_, _, p) in enumerate(items) if p.outcome is not None]
        stored: dict[int, intel.AnalysisRead] = {}
        if analysed:
            outcomes = [items[i][2].outcome for i in analysed]
            rows = await intel.store_many(
                session,
                workspace_id=ctx.workspace_id,
                agent=ctx.cache["agent"],
                outcomes=[o for o in outcomes if o is not None],
            )
            campaign = await owned_campaign(
                session, workspace_id=ctx.workspace_id, campaign_id=uuid.UUID(ctx.payload["campaign_id"])
            )
            await attach_many(session, workspace_id=ctx.workspace_id, campaign=campaign, analyses=rows)
            stored = dict(zip(analysed, rows, strict=True))
        return [await self._content(session, ctx, p, stored.get(i)) for i, (_, _, p) in enumerate(items)]

    async def _content(
        self, session: AsyncSession, ctx: jobs.JobContext, prepared: Prepared, stored: intel.AnalysisRead | None
    ) -> dict[str, Any]:
        cost = 0.0
        prospect_id = prepared.prospect_id
        engine = "rules"
        changed: list[str] = []
        if stored is not None:
            prospect_id, engine, changed = stored.prospect_id, stored.engine, stored.changed_fields
            cost += float((stored.usage or {}).get("cost_usd", 0))
        assert prospect_id is not None
        counts: dict[str, int] = {}
        store: dict[str, Callable[..., Awaitable[Any]]] = {
            "sequence": content.store_sequence,
            "linkedin": content.store_linkedin,
            "video": content.store_video,
        }
        for channel, written in prepared.written.items():
            assert prepared.brief is not None
            await store[channel](session, prepared.brief, prospect_id, written)
            counts[channel] = 1
            cost += float((written.usage or {}).get("cost_usd", 0))
            engine = "claude" if written.engine == "claude" else engine
        if counts:
            await session.execute(
                update(CampaignProspect)
                .where(
                    CampaignProspect.campaign_id == uuid.UUID(ctx.payload["campaign_id"]),
                    CampaignProspect.prospect_id == prospect_id,
                    CampaignProspect.status.in_((ProspectStatus.NEW, ProspectStatus.ANALYZED)),
                )
                .values(status=ProspectStatus.CONTENT_READY)
                .execution_options(synchronize_session=False)
            )
        return {
            "prospect_id": str(prospect_id),
            "tier": prepared.tier,
            "engine": engine,
            "content": counts,
            "changed_fields": changed,
            "cost_usd": round(cost, 6),
        }


async def summarize_pipeline(session: AsyncSession, ctx: jobs.JobContext) -> dict[str, Any]:
    summary = await intel.summarize_results(session, ctx)
    summary["campaign_id"] = ctx.payload["campaign_id"]
    if ctx.payload.get("push_to_clay"):
        summary["clay_push_job_id"] = await _push_to_clay(session, ctx)
    return summary


async def _push_to_clay(session: AsyncSession, ctx: jobs.JobContext) -> str | None:
    import clay_integration  # the Clay job kind registers itself on import

    job = await clay_integration.enqueue_push(
        session,
        workspace_id=ctx.workspace_id,
        campaign_id=uuid.UUID(ctx.payload["campaign_id"]),
        settings=ctx.settings,
    )
    return str(job.job_id) if job is not None else None


# --- starting one -----------------------------------------------------------------------------


def _sender(given: Sender | None, campaign: Campaign | CampaignRead, needed: bool) -> dict[str, Any] | None:
    sender = given.model_dump() if given else (campaign.sequence_settings or {}).get("sender")
    if needed and not sender:
        raise Unprocessable(
            "A `sender` (name, company, offer) is required to write content; give one here "
            "or in the campaign's sequence_settings."
        )
    return sender


async def start_pipeline(
    session: AsyncSession, *, workspace_id: uuid.UUID, data: PipelineRequest, settings: Settings
) -> jobs.JobRead:
    """Create the campaign if asked (through the campaigns service: an industry without an agent is a
    422), then queue one pipeline job over the prospects."""
    campaign: Campaign | CampaignRead
    if data.campaign is not None:
        campaign = await create_campaign(
            session,
            workspace_id=workspace_id,
            data=CampaignCreate(
                name=data.campaign.name, industry=data.campaign.industry, description=data.campaign.description
            ),
        )
    else:
        assert data.campaign_id is not None
        campaign = await owned_campaign(session, workspace_id=workspace_id, campaign_id=data.campaign_id)
    items: list[tuple[str, dict[str, Any]]]
    if data.prospects is not None:
        if len(data.prospects) > settings.ANALYZE_BATCH_MAX:
            raise Unprocessable(f"A pipeline holds at most {settings.ANALYZE_BATCH_MAX} prospects.")
        items = [
            (f"{i}:{str(p.get('email', ''))[:150].lower()}", {"prospect": p}) for i, p in enumerate(data.prospects)
        ]
    else:
        ids = await session.scalars(
            select(CampaignProspect.prospect_id).where(CampaignProspect.campaign_id == campaign.id)
        )
        items = [(str(pid), {"prospect_id": str(pid)}) for pid in ids]
    if not items:
        raise Unprocessable("No prospects: send `prospects`, or add some to the campaign first.")
    sender = _sender(data.sender, campaign, needed=any(data.content.tiers.values()))
    job = await jobs.enqueue(
        session,
        workspace_id=workspace_id,
        kind="pipeline",
        items=items,
        payload={
            "campaign_id": str(campaign.id),
            "industry": campaign.industry,
            "analyze": True,
            "plan": data.content.for_campaign(campaign).model_dump(),
            "sender": sender,
            "push_to_clay": data.push_to_clay,
            "replace": data.replace,
            "use_batches": message_batches.wanted(settings, data.use_batches, len(items)),
        },
    )
    return jobs.job_read(job)


async def start_content_batch(
    session: AsyncSession, *, workspace_id: uuid.UUID, data: ContentBatchRequest, settings: Settings | None = None
) -> jobs.JobRead:
    """Queue content for the campaign's prospects (of a tier) that lack any of the asked kinds."""
    campaign = await owned_campaign(session, workspace_id=workspace_id, campaign_id=data.campaign_id)
    query = select(CampaignProspect.prospect_id).where(CampaignProspect.campaign_id == campaign.id)
    if data.tier is not None:
        query = query.where(CampaignProspect.tier == data.tier)
    have = set(
        (
            await session.execute(
                select(Message.prospect_id, Message.channel).distinct().where(Message.campaign_id == campaign.id)
            )
        ).all()
    )
    items = []
    for pid in await session.scalars(query.order_by(CampaignProspect.score.desc())):
        missing = [c for c in data.channels if (pid, STORED_AS[c]) not in have]
        if missing:
            items.append((str(pid), {"prospect_id": str(pid), "missing": missing}))
    plan = ContentPlan(
        steps=data.steps, subject_variants=data.subject_variants, video_seconds=data.video_seconds
    ).for_campaign(campaign)
    job = await jobs.enqueue(
        session,
        workspace_id=workspace_id,
        kind="pipeline",
        items=items,
        payload={
            "campaign_id": str(campaign.id),
            "industry": campaign.industry,
            "analyze": False,
            "plan": plan.model_dump(),
            "only": list(data.channels),
            "sender": _sender(data.sender, campaign, needed=True),
            "use_batches": message_batches.wanted(settings, data.use_batches, len(items))
            if settings
            else bool(data.use_batches),
        },
    )
    return jobs.job_read(job)
