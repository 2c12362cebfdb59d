"""Campaigns: create, list, read with stats, update status and settings, add prospects, list a tier.

Adding prospects analyses each one with the campaign's industry agent (tier thresholds overridden
by the campaign's when set), stores the prospect and its analysis, and upserts its place in the
campaign. Analyses (and any Claude calls) run before the first write, so no write lock is held
while waiting for them.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import structlog
from sqlalchemy import JSON, and_, bindparam, case, func, or_, select, type_coerce, update
from sqlalchemy.ext.asyncio import AsyncSession

import prospect_intelligence as intel
from campaigns.schemas import (
    TRANSITIONS,
    AddItemRead,
    AddRead,
    AnalysisSummary,
    CampaignCreate,
    CampaignDetail,
    CampaignRead,
    CampaignStats,
    CampaignThresholds,
    CampaignUpdate,
    ContentSummary,
    ProspectsAdd,
    StepSummary,
    TierCount,
    TierProspectRead,
)
from core import paging
from core.errors import Conflict, NotFound, Unprocessable, validate_each
from core.sql import chunks, owned_campaign, pg_driver, table_insert
from database_async import TuneDatabase
from industry_agents.knowledge import BUILTIN
from industry_agents.resolve import resolve_slug
from industry_agents.service import ensure_agent, latest_agent
from intelligence.scoring import tier_for
from llm import LLMClient
from models import (
    Analysis,
    Campaign,
    CampaignProspect,
    CampaignStatus,
    IndustryAgent,
    Message,
    Prospect,
    ProspectStatus,
    utcnow,
)
from perf import rawread
from schemas import AgentProfile, Page, ProspectData, TierThresholds
from tracking.rawwrite import driver_errors

log = structlog.get_logger()

CLOSED = (CampaignStatus.COMPLETED, CampaignStatus.ARCHIVED)  # no prospects are added to these


async def create_campaign(session: AsyncSession, *, workspace_id: uuid.UUID, data: CampaignCreate) -> CampaignRead:
    """Create a draft campaign; its industry needs a built-in or built agent."""
    slug = resolve_slug(data.industry)
    if await latest_agent(session, workspace_id=workspace_id, industry=slug) is None:
        if slug not in BUILTIN:
            raise Unprocessable(f"No agent for '{data.industry}'. Build one first: POST /api/agents/build.")
        await ensure_agent(session, workspace_id=workspace_id, industry=slug)
    row = Campaign(
        workspace_id=workspace_id,
        name=data.name,
        industry=slug,
        description=data.description,
        status=CampaignStatus.DRAFT,
        tier_thresholds=data.tier_thresholds.model_dump() if data.tier_thresholds else None,
        sequence_settings=data.sequence_settings.model_dump(mode="json", exclude_none=True)
        if data.sequence_settings
        else None,
    )
    session.add(row)
    await session.flush()
    log.info("campaign.created", campaign_id=str(row.id), industry=slug)
    return CampaignRead.model_validate(row)


async def list_campaigns(
    session: AsyncSession, *, workspace_id: uuid.UUID, status: str | None, cursor: str | None, limit: int
) -> Page[CampaignRead]:
    """The workspace's campaigns, newest first."""
    query = select(Campaign).where(Campaign.workspace_id == workspace_id)
    if status:
        query = query.where(Campaign.status == status)
    rows, next_cursor = await paging.newest_first(session, query, Campaign, cursor=cursor, limit=limit)
    return Page[CampaignRead](items=[CampaignRead.model_validate(r) for r in rows], next_cursor=next_cursor)


async def campaign_stats(
    session: AsyncSession, *, workspace_id: uuid.UUID, campaign_id: uuid.UUID
) -> CampaignStats:
    """The campaign's prospects counted by tier (and status within it) and by status."""
    rows = await session.execute(
        select(CampaignProspect.tier, CampaignProspect.status, func.count())
        .where(CampaignProspect.campaign_id == campaign_id, CampaignProspect.workspace_id == workspace_id)
        .group_by(CampaignProspect.tier, CampaignProspect.status)
    )
    return _stats_of(rows)


def _stats_of(rows: Any) -> CampaignStats:
    tiers: dict[int | None, dict[str, int]] = defaultdict(dict)
    statuses: dict[str, int] = defaultdict(int)
    for tier, status, n in rows:
        tiers[tier][status] = int(n)
        statuses[status] += int(n)
    by_tier = [
        TierCount(tier=t, prospects=sum(s.values()), by_status=s)
        for t, s in sorted(tiers.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
    ]
    return CampaignStats(prospects=sum(statuses.values()), by_tier=by_tier, by_status=dict(statuses))


# The campaign and its counts in one round trip and one row, built once per dialect (a hot read:
# GET /api/campaigns/{id}). The counts by tier and status come as one JSON array of [tier, status, n]
# (json_group_array on SQLite, json_agg on PostgreSQL): a row per group repeated every campaign
# column, and converting them (ids, timestamps, JSON settings) cost more than the query.
_CP, _C = CampaignProspect.__table__, Campaign.__table__


def _detail_statement(dialect: str) -> Any:
    grouped = (
        select(_CP.c.tier, _CP.c.status, func.count().label("n"))
        .where(_CP.c.campaign_id == bindparam("campaign_id"), _CP.c.workspace_id == bindparam("workspace_id"))
        .group_by(_CP.c.tier, _CP.c.status)
        .subquery()
    )
    if dialect == "postgresql":
        counts = func.json_agg(func.json_build_array(grouped.c.tier, grouped.c.status, grouped.c.n))
    else:
        counts = func.json_group_array(func.json_array(grouped.c.tier, grouped.c.status, grouped.c.n))
    return select(*_C.c, type_coerce(select(counts).scalar_subquery(), JSON).label("counts")).where(
        _C.c.id == bindparam("campaign_id"), _C.c.workspace_id == bindparam("workspace_id")
    )


_DETAIL = {name: _detail_statement(name) for name in ("sqlite", "postgresql")}
_CAMPAIGN_KEYS = tuple(c.key for c in _C.c)


async def get_campaign(
    session: AsyncSession, *, workspace_id: uuid.UUID, campaign_id: uuid.UUID
) -> CampaignDetail:
    """A campaign with its prospects counted by tier and by status (one statement)."""
    conn = await session.connection()  # Core: the ORM adds nothing to a plain row
    row = (
        await conn.execute(_DETAIL[conn.dialect.name], {"campaign_id": campaign_id, "workspace_id": workspace_id})
    ).first()
    return _detail_of(row, campaign_id)


async def read_campaign(db: TuneDatabase, *, workspace_id: uuid.UUID, campaign_id: uuid.UUID) -> CampaignDetail:
    """`get_campaign` in one round trip on the driver (perf/rawread.py; GET's hot path), or on a
    connection of its own when the driver path cannot answer."""
    reader = rawread.reader(db)
    params = {"campaign_id": campaign_id, "workspace_id": workspace_id}
    dialect = reader.dialect.name
    if dialect in _DETAIL:
        row = await reader.first(("campaign_detail", dialect), _DETAIL[dialect], params)
        if row is not rawread.FAILED:
            return _detail_of(row, campaign_id)
    async with db.read_engine.connect() as conn:
        row = (
            await conn.execute(
                _DETAIL[conn.dialect.name], {"campaign_id": campaign_id, "workspace_id": workspace_id}
            )
        ).first()
    return _detail_of(row, campaign_id)


def _detail_of(row: Any, campaign_id: uuid.UUID) -> CampaignDetail:
    if row is None:
        raise NotFound(f"No campaign {campaign_id}")
    campaign = {k: row[i] for i, k in enumerate(_CAMPAIGN_KEYS)}
    stats = _stats_of(counts for counts in row[-1] or () if counts[2])
    return CampaignDetail(**campaign, stats=stats)


async def update_campaign(
    session: AsyncSession, *, workspace_id: uuid.UUID, campaign_id: uuid.UUID, data: CampaignUpdate
) -> CampaignDetail:
    """Change status (only along TRANSITIONS; 409 otherwise) and settings."""
    campaign = await owned_campaign(session, workspace_id=workspace_id, campaign_id=campaign_id)
    if data.status is not None and data.status != campaign.status:
        if data.status not in TRANSITIONS[campaign.status]:
            allowed = ", ".join(sorted(TRANSITIONS[campaign.status])) or "none (archived is final)"
            raise Conflict(f"A {campaign.status} campaign cannot become {data.status}; allowed: {allowed}.")
        log.info("campaign.status_changed", campaign_id=str(campaign.id), old=campaign.status, new=data.status)
        campaign.status = data.status
    if data.name is not None:
        campaign.name = data.name
    if "description" in data.model_fields_set:
        campaign.description = data.description
    if data.sequence_settings is not None:
        campaign.sequence_settings = data.sequence_settings.model_dump(mode="json", exclude_none=True)
    if data.tier_thresholds is not None:
        campaign.tier_thresholds = data.tier_thresholds.model_dump()
        await _retier(session, campaign.id, data.tier_thresholds)
    campaign.updated_at = utcnow()
    await session.flush()
    return await get_campaign(session, workspace_id=workspace_id, campaign_id=campaign.id)


async def _retier(session: AsyncSession, campaign_id: uuid.UUID, t: CampaignThresholds) -> None:
    """Re-tier the campaign's prospects from their stored scores (the tier is a function of the score)."""
    score = CampaignProspect.score
    tier = case((score >= t.tier1, 1), (score >= t.tier2, 2), (score >= t.tier3, 3), else_=4)
    await session.execute(
        update(CampaignProspect)
        .where(CampaignProspect.campaign_id == campaign_id, score.is_not(None))
        .values(tier=tier, updated_at=utcnow())
    )


def campaign_thresholds(stored: dict[str, Any] | None) -> TierThresholds | None:
    """A campaign's own tier thresholds (its stored `tier_thresholds`), or None: the agent's apply."""
    return CampaignThresholds.model_validate(stored).as_profile() if stored else None


def campaign_tier(stored: dict[str, Any] | None, *, score: int, tier: int) -> int:
    """A prospect's tier in a campaign: by the campaign's own thresholds when it has them, else `tier`
    (the agent's). The one place a campaign's thresholds are applied to a score in Python."""
    thresholds = campaign_thresholds(stored)
    return tier_for(score, thresholds) if thresholds is not None else tier


async def campaign_agent(db: TuneDatabase, campaign: Campaign) -> tuple[IndustryAgent, AgentProfile]:
    """The campaign industry's agent, with the campaign's tier thresholds when it has its own."""
    agent, profile = await intel.agent_profile(db, workspace_id=campaign.workspace_id, industry=campaign.industry)
    thresholds = campaign_thresholds(campaign.tier_thresholds)
    if thresholds is not None:
        profile = profile.model_copy(update={"tier_thresholds": thresholds})
    return agent, profile


async def open_campaign(db: TuneDatabase, *, workspace_id: uuid.UUID, campaign_id: uuid.UUID) -> Campaign:
    """The campaign, read outside the request's transaction; 409 when it takes no more prospects."""
    async with db.session(write=False) as s:
        campaign = await owned_campaign(s, workspace_id=workspace_id, campaign_id=campaign_id)
    if campaign.status in CLOSED:
        raise Conflict(f"The campaign is {campaign.status}; it takes no more prospects.")
    return campaign


class Analysed(Protocol):
    @property
    def prospect_id(self) -> uuid.UUID: ...
    @property
    def analysis_id(self) -> uuid.UUID: ...
    @property
    def tier(self) -> int: ...
    @property
    def score(self) -> int: ...


async def upsert_members(
    session: AsyncSession,
    *,
    workspace_id: uuid.UUID,
    campaign_id: uuid.UUID,
    stored: Sequence[Analysed],
    raw: bool = True,
) -> set[uuid.UUID]:
    """Put analysed prospects in the campaign (tier, score, analysis); return the ids that were new.

    On PostgreSQL (asyncpg, in a transaction already begun) one statement on the driver does both (the
    members there before, and the upsert: `_PG_MEMBERS`), the same rows in one round trip."""
    driver = await pg_driver(session) if stored and raw else None
    if driver is not None:
        with driver_errors("upsert_members"):
            return await _pg_members(driver, workspace_id=workspace_id, campaign_id=campaign_id, stored=stored)
    ids = [a.prospect_id for a in stored]
    existing: set[uuid.UUID] = set()
    for chunk in chunks(ids):
        existing |= set(
            await session.scalars(
                select(CampaignProspect.prospect_id).where(
                    CampaignProspect.campaign_id == campaign_id, CampaignProspect.prospect_id.in_(chunk)
                )
            )
        )
    latest = {a.prospect_id: a for a in stored}  # the same prospect twice: its last analysis wins
    now = utcnow()
    rows = [
        {
            "id": uuid.uuid4(),
            "workspace_id": workspace_id,
            "campaign_id": campaign_id,
            "prospect_id": pid,
            "analysis_id": a.analysis_id,
            "tier": a.tier,
            "score": a.score,
            "status": ProspectStatus.ANALYZED,
            "created_at": now,
            "updated_at": now,
        }
        for pid, a in latest.items()
    ]
    if rows:
        stmt = table_insert(session, CampaignProspect)
        status = CampaignProspect.__table__.c.status
        await session.execute(
            stmt.on_conflict_do_update(
                index_elements=["campaign_id", "prospect_id"],
                set_={
                    "analysis_id": stmt.excluded.analysis_id,
                    "tier": stmt.excluded.tier,
                    "score": stmt.excluded.score,
                    "updated_at": stmt.excluded.updated_at,
                    # `.value`: a bare StrEnum in case() would be bound untyped (SQLAlchemy's NullType)
                    "status": case((status == ProspectStatus.NEW, ProspectStatus.ANALYZED.value), else_=status),
                },
            ),
            rows,
        )
    return set(latest) - existing


# `upsert_members` on PostgreSQL: which of the prospects were members already (`before`: the statement's
# snapshot, taken before its upsert) and the upsert, in one statement. Every column one array parameter
# (the same text for any batch size, prepared once per connection); `before` joins the ids to the
# unique (campaign, prospect) index, one probe per id whatever the plan.
_PG_MEMBERS = """
WITH before AS (
    SELECT c.prospect_id FROM unnest($3::uuid[]) AS w (prospect_id)
    JOIN campaign_prospects c ON c.campaign_id = $1 AND c.prospect_id = w.prospect_id
), up AS (
    INSERT INTO campaign_prospects (
        id, workspace_id, campaign_id, prospect_id, analysis_id, tier, score, status, created_at, updated_at
    )
    SELECT m.id, $2, $1, m.prospect_id, m.analysis_id, m.tier, m.score, $4, $5, $5
    FROM unnest($6::uuid[], $3::uuid[], $7::uuid[], $8::int[], $9::int[])
        AS m (id, prospect_id, analysis_id, tier, score)
    ON CONFLICT (campaign_id, prospect_id) DO UPDATE SET
        analysis_id = excluded.analysis_id, tier = excluded.tier, score = excluded.score,
        updated_at = excluded.updated_at,
        status = CASE WHEN campaign_prospects.status = $10 THEN $4 ELSE campaign_prospects.status END
)
SELECT prospect_id FROM before
"""


async def _pg_members(
    driver: Any, *, workspace_id: uuid.UUID, campaign_id: uuid.UUID, stored: Sequence[Analysed]
) -> set[uuid.UUID]:
    latest = {a.prospect_id: a for a in stored}  # the same prospect twice: its last analysis wins
    members = list(latest.values())
    before = await driver.fetch(
        _PG_MEMBERS,
        campaign_id,
        workspace_id,
        list(latest),
        ProspectStatus.ANALYZED.value,
        utcnow(),
        [uuid.uuid4() for _ in members],
        [a.analysis_id for a in members],
        [a.tier for a in members],
        [a.score for a in members],
        ProspectStatus.NEW.value,
    )
    return set(latest) - {r[0] for r in before}


@dataclass(frozen=True, slots=True)
class Member:
    prospect_id: uuid.UUID
    analysis_id: uuid.UUID
    tier: int
    score: int


async def attach(session: AsyncSession, *, workspace_id: uuid.UUID, campaign: Campaign, analysis: Analysed) -> int:
    """Put one analysed prospect in a campaign (or update its place there); return its campaign tier.

    A campaign's own tier thresholds, when set, override the agent's. A prospect already further
    along (in a sequence, replied…) keeps its status.
    """
    [tier] = await attach_many(session, workspace_id=workspace_id, campaign=campaign, analyses=[analysis])
    return tier


async def attach_many(
    session: AsyncSession, *, workspace_id: uuid.UUID, campaign: Campaign, analyses: Sequence[Analysed]
) -> list[int]:
    """`attach` for several analyses at once (in order: the same prospect twice, its last one wins)."""
    tiers = [campaign_tier(campaign.tier_thresholds, score=a.score, tier=a.tier) for a in analyses]
    await upsert_members(
        session,
        workspace_id=workspace_id,
        campaign_id=campaign.id,
        stored=[
            Member(prospect_id=a.prospect_id, analysis_id=a.analysis_id, tier=tier, score=a.score)
            for a, tier in zip(analyses, tiers, strict=True)
        ],
    )
    return tiers


async def add_prospects(
    session: AsyncSession,
    *,
    db: TuneDatabase,
    llm: LLMClient,
    workspace_id: uuid.UUID,
    campaign_id: uuid.UUID,
    data: ProspectsAdd,
    max_items: int,
) -> AddRead:
    """Analyse prospects with the campaign's agent and add them; each item succeeds or fails alone."""
    if len(data.prospects) > max_items:
        raise Unprocessable(
            f"At most {max_items} prospects per request ({len(data.prospects)} sent); "
            "import larger lists as CSV: POST /api/campaigns/{id}/prospects/import."
        )
    campaign = await open_campaign(db, workspace_id=workspace_id, campaign_id=campaign_id)
    parsed = validate_each(ProspectData, data.prospects)
    good = [(i, p) for i, p in enumerate(parsed) if isinstance(p, ProspectData)]
    agent, profile = await campaign_agent(db, campaign)
    merged = await intel.with_known(
        db, workspace_id=workspace_id, prospects=[p for _, p in good], replace=data.replace
    )
    outcomes = await asyncio.gather(
        *(
            intel.assess(llm, workspace_id=workspace_id, profile=profile, data=m, given=p, replace=data.replace)
            for (_, p), m in zip(good, merged, strict=True)
        )
    )
    await owned_campaign(session, workspace_id=workspace_id, campaign_id=campaign_id)  # still there
    stored = dict(
        zip(
            (i for i, _ in good),
            await intel.store_many(session, workspace_id=workspace_id, agent=agent, outcomes=list(outcomes)),
            strict=True,
        )
    )
    new = await upsert_members(
        session, workspace_id=workspace_id, campaign_id=campaign_id, stored=list(stored.values())
    )
    items = []
    for i, p in enumerate(parsed):
        if i in stored:
            a = stored[i]
            items.append(
                AddItemRead(
                    index=i,
                    status="added" if a.prospect_id in new else "updated",
                    prospect_id=a.prospect_id,
                    tier=a.tier,
                    score=a.score,
                    analysis=a,
                )
            )
        else:
            items.append(AddItemRead(index=i, status="error", errors=p))
    added = sum(1 for it in items if it.status == "added")
    updated = sum(1 for it in items if it.status == "updated")
    log.info(
        "campaign.prospects_added",
        campaign_id=str(campaign_id),
        added=added,
        updated=updated,
        failed=len(items) - added - updated,
    )
    return AddRead(
        campaign_id=campaign_id,
        total=len(items),
        added=added,
        updated=updated,
        failed=len(items) - added - updated,
        items=items,
    )


async def list_tier(
    session: AsyncSession,
    *,
    workspace_id: uuid.UUID,
    campaign_id: uuid.UUID,
    tier: int,
    cursor: str | None,
    limit: int,
) -> Page[TierProspectRead]:
    """One tier's prospects, best score first, with their analysis and a summary of their content."""
    await owned_campaign(session, workspace_id=workspace_id, campaign_id=campaign_id)
    cp = CampaignProspect
    query = (
        select(cp, Prospect)
        .join(Prospect, Prospect.id == cp.prospect_id)
        .where(cp.campaign_id == campaign_id, cp.workspace_id == workspace_id, cp.tier == tier)
    )
    if cursor:
        score, ident = paging.decode(cursor, 2, kind=f"tier-{tier}")
        try:
            score, last = int(score), uuid.UUID(ident)
        except (TypeError, ValueError) as exc:
            raise Unprocessable("Invalid cursor; pass back the next_cursor of the previous page.") from exc
        query = query.where(or_(cp.score < score, and_(cp.score == score, cp.prospect_id > last)))
    rows = list(await session.execute(query.order_by(cp.score.desc(), cp.prospect_id).limit(limit + 1)))
    more, rows = len(rows) > limit, rows[:limit]
    analysis_ids = [m.analysis_id for m, _ in rows if m.analysis_id]
    analyses = {
        a.id: a
        for a in await session.scalars(
            select(Analysis).where(Analysis.id.in_(analysis_ids), Analysis.workspace_id == workspace_id)
        )
    }
    prospect_ids = [p.id for _, p in rows]
    messages: dict[uuid.UUID, list[Message]] = defaultdict(list)
    for m in await session.scalars(
        select(Message)
        .where(
            Message.campaign_id == campaign_id,
            Message.workspace_id == workspace_id,
            Message.prospect_id.in_(prospect_ids),
        )
        .order_by(Message.step)
    ):
        messages[m.prospect_id].append(m)
    items = []
    for member, prospect in rows:
        a = analyses.get(member.analysis_id) if member.analysis_id else None
        result = a.result if a else {}
        summary = (
            AnalysisSummary(
                analysis_id=a.id,
                engine=a.engine,
                persona=result.get("persona"),
                pain_points=result.get("pain_points", [])[:3],
                hooks=result.get("hooks", []),
                approach=result.get("approach"),
                data_gaps=result.get("data_gaps", []),
            )
            if a
            else None
        )
        own = messages.get(prospect.id, [])
        channels: dict[str, int] = defaultdict(int)
        for m in own:
            channels[m.channel] += 1
        content = ContentSummary(
            messages=len(own),
            channels=dict(channels),
            email_steps=[
                StepSummary(
                    step=m.step, message_id=m.id, subject=m.subject, variant=m.variant, day_offset=m.day_offset
                )
                for m in own
                if m.channel == "email"
            ],
        )
        data = prospect.data or {}
        items.append(
            TierProspectRead(
                prospect_id=prospect.id,
                email=prospect.email,
                first_name=data.get("first_name"),
                last_name=data.get("last_name"),
                title=data.get("title"),
                company=data.get("company"),
                tier=member.tier,
                score=member.score,
                status=member.status,
                added_at=member.created_at,
                analysis=summary,
                content=content,
            )
        )
    last_member = rows[-1][0] if rows else None
    next_cursor = (
        paging.encode(last_member.score, last_member.prospect_id, kind=f"tier-{tier}")
        if more and last_member is not None
        else None
    )
    return Page[TierProspectRead](items=items, next_cursor=next_cursor)
