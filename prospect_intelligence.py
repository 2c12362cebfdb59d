"""Prospect intelligence: score, tier, pain points, hooks and approach, persisted per workspace.

Both engines produce the same prospect facts (`intelligence.facts`) and the analysis is read from
them alone (`scoring.analyze_facts`): score, tier, breakdown, hooks, pains and approach. When Claude is
available it fills the facts (`intelligence.claude_facts`): every fact names a prospect field and a
verbatim quote of it, and is kept only if it passes `grounding.quote_gate` (the quote is in that
field; every number and name of the fact is in the quote). Dropped facts are counted in the result
(`dropped_facts`) and the logs. The stored facts reproduce the stored tier on either engine. When
Claude is unconfigured, over budget, failing or answers garbage, the rules extractor's facts stand
and the response says why (`fallback`).

The Claude call happens before any write, so no database lock is held while waiting for it.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Annotated, Any

import structlog
from pydantic import Field, ValidationError
from sqlalchemy import case, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

import jobs
import metrics
import paging
from database_async import TuneDatabase
from errors import NotFound
from industry_agents.resolve import resolve_slug
from industry_agents.service import ensure_agent, latest_agent
from intelligence import intake
from intelligence.claude_facts import FACTS_SYSTEM, ClaudeFacts, facts_prompt, gate_facts
from intelligence.facts import ProspectFacts
from llm import LLMClient, LLMUnavailable
from models import Analysis, Campaign, CampaignProspect, IndustryAgent, JobItem, Message, Prospect, utcnow
from schemas import (
    AgentProfile,
    AnalysisResult,
    Approach,
    Hook,
    Input,
    MessageRead,
    Output,
    Page,
    ProspectData,
    ScoreComponent,
    TierThresholds,
)
from scoring import analyze_facts, analyze_rules, tier_for

log = structlog.get_logger()

REPLACE_HELP = ("A prospect already known (same e-mail) is merged by default: fields given replace, fields "
                "absent are kept, signals and technologies add to the known ones. true: store exactly what "
                "is sent (fields not sent are removed).")


class AnalyzeRequest(Input):
    """Score one prospect against an industry's agent."""

    industry: Annotated[str, Field(min_length=2, max_length=100, examples=["casino"])]
    prospect: ProspectData
    replace: bool = Field(False, description=REPLACE_HELP)

    model_config = {"json_schema_extra": {"examples": [{
        "industry": "casino",
        "prospect": {"email": "dana.reyes@silverpeakcasino.com", "first_name": "Dana", "last_name": "Reyes",
                     "title": "VP of Marketing", "company": "Silver Peak Casino Resort",
                     "industry": "Casino & Gaming", "employees": 2000, "revenue": 180000000,
                     "location": "Reno, NV",
                     "signals": ["Opening a 400-room hotel tower in Q2 2027",
                                 "Hiring a Player Development Manager"]}}]}}


class AnalyzeBatchRequest(Input):
    """Score many prospects against one industry's agent. Items are validated one by one."""

    industry: Annotated[str, Field(min_length=2, max_length=100, examples=["casino"])]
    prospects: Annotated[list[dict[str, Any]], Field(min_length=1)]
    replace: bool = Field(False, description=REPLACE_HELP)


class AgentRef(Output):
    industry: str
    version: int | None


class AnalysisRead(Output):
    prospect_id: uuid.UUID
    analysis_id: uuid.UUID
    score: int
    tier: int
    engine: str
    agent: AgentRef
    breakdown: list[ScoreComponent]
    persona: str | None
    pain_points: list[str]
    hooks: list[Hook]
    approach: Approach
    confidence: float
    data_gaps: list[str]
    dropped_facts: int = Field(0, description="Claude facts dropped by the quote gate (their quote is not in the "
                                              "prospect's field, or their numbers or names are not in the quote)")
    usage: dict[str, Any] | None = None
    fallback: str | None = Field(None, description="Why Claude was not used, when it is configured but was not.")
    changed_fields: list[str] = Field([], description="Stored prospect fields this request added, changed or "
                                                      "(with replace) removed; every field for a new prospect")
    kept_fields: list[str] = Field([], description="Stored fields this request did not send, kept as they were")


class BatchItemRead(Output):
    index: int
    status: str  # ok | error
    result: AnalysisRead | None = None
    errors: list[dict[str, Any]] | None = None


class BatchRead(Output):
    industry: str
    total: int
    succeeded: int
    failed: int
    items: list[BatchItemRead]


@dataclass
class Outcome:
    """One prospect's analysis before it is stored."""

    data: ProspectData  # what was scored: the given fields merged over what was known
    result: AnalysisResult
    engine: str
    usage: dict[str, Any] | None
    fallback: str | None
    given: ProspectData | None = None  # what the request sent (None: `data` itself)
    replace: bool = False


def claude_analysis(profile: AgentProfile, data: ProspectData, answer: ClaudeFacts,
                    rules: AnalysisResult) -> AnalysisResult:
    """Claude's facts, through the quote gate, scored like any facts: the tier is `score_facts` of the
    kept facts, so re-scoring what is stored gives the stored tier. Dropped facts are counted in the
    result (`dropped_facts`, and `facts.dropped_quotes`) and logged by reason, never by their text."""
    gated = gate_facts(profile, data, answer, ProspectFacts.from_dict(rules.facts) if rules.facts else None)
    if gated.dropped:
        log.info("analysis.facts_dropped", dropped=gated.dropped, reasons=gated.reasons)
        metrics.record_dropped_facts(gated.reasons)
    return analyze_facts(profile, data, gated.facts).model_copy(update={"dropped_facts": gated.dropped})


async def assess(llm: LLMClient, *, workspace_id: uuid.UUID, profile: AgentProfile, data: ProspectData,
                 given: ProspectData | None = None, replace: bool = False) -> Outcome:
    """Read the prospect's facts (Claude when it can, else the rules extractor) and score them. Never
    raises for Claude's faults: the rules extractor's facts stand in and `fallback` says why.

    `data` is what is scored (the merged prospect); `given` and `replace` say how to store it.
    """
    rules = analyze_rules(profile, data)
    if not llm.enabled:
        return Outcome(data, rules, "rules", None, None, given, replace)
    try:
        reply = await llm.structured(workspace_id=workspace_id, purpose="analyze",
                                     system=FACTS_SYSTEM + profile.model_dump_json(), prompt=facts_prompt(data),
                                     output_model=ClaudeFacts, max_tokens=2500)
    except LLMUnavailable as exc:
        return Outcome(data, rules, "rules", None, exc.reason, given, replace)
    return Outcome(data, claude_analysis(profile, data, reply.value, rules), "claude", reply.usage.as_dict(), None,
                   given, replace)


async def known_data(db: TuneDatabase, *, workspace_id: uuid.UUID, emails: list[str]) -> dict[str, dict[str, Any]]:
    """The stored data of the workspace's prospects with these e-mails, read outside the request's transaction."""
    wanted = sorted({e.lower() for e in emails})
    found: dict[str, dict[str, Any]] = {}
    async with db.session(write=False) as session:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            found.update((await session.execute(select(Prospect.email, Prospect.data).where(
                Prospect.workspace_id == workspace_id, Prospect.email.in_(chunk)))).all())
    return found


async def with_known(db: TuneDatabase, *, workspace_id: uuid.UUID, prospects: list[ProspectData],
                     replace: bool) -> list[ProspectData]:
    """Each prospect as it will be stored (merged over what is known), so that is what gets scored."""
    if replace or not prospects:
        return list(prospects)
    known = await known_data(db, workspace_id=workspace_id, emails=[str(p.email) for p in prospects])
    return [intake.merge(known.get(str(p.email).lower()), p).data for p in prospects]


async def upsert_prospect(session: AsyncSession, *, workspace_id: uuid.UUID, data: ProspectData,
                          replace: bool = False) -> tuple[uuid.UUID, intake.Merged]:
    """Insert the workspace's prospect with this email, or merge `data` into it (replace: overwrite).

    The merge is made again here, over the row as it is inside this write transaction, so a field
    written by a concurrent request since the prospect was scored is not lost.
    """
    email = str(data.email).lower()
    current = await session.scalar(select(Prospect.data).where(Prospect.workspace_id == workspace_id,
                                                               Prospect.email == email))
    merged = intake.merge(current, data, replace=replace)
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    values = {"workspace_id": workspace_id, "email": email, "clay_row_id": merged.data.clay_row_id,
              "data": merged.data.model_dump(mode="json", exclude_none=True), "updated_at": utcnow()}
    stmt = insert(Prospect).values(id=uuid.uuid4(), created_at=utcnow(), **values)
    stmt = stmt.on_conflict_do_update(
        index_elements=[Prospect.workspace_id, Prospect.email],
        set_={"data": stmt.excluded.data, "updated_at": stmt.excluded.updated_at,
              "clay_row_id": stmt.excluded.clay_row_id},
    ).returning(Prospect.id)
    return (await session.execute(stmt)).scalar_one(), merged


async def store(session: AsyncSession, *, workspace_id: uuid.UUID, agent: IndustryAgent,
                outcome: Outcome) -> AnalysisRead:
    prospect_id, merged = await upsert_prospect(session, workspace_id=workspace_id,
                                                data=outcome.given or outcome.data, replace=outcome.replace)
    result = outcome.result
    row = Analysis(workspace_id=workspace_id, prospect_id=prospect_id, agent_id=agent.id, industry=agent.industry,
                   agent_version=agent.version, engine=outcome.engine, score=result.score, tier=result.tier,
                   result=result.model_dump(mode="json"), usage=outcome.usage)
    session.add(row)
    await session.flush()
    log.info("prospect.analyzed", prospect_id=str(prospect_id), tier=result.tier, score=result.score,
             engine=outcome.engine, changed=len(merged.changed), kept=len(merged.kept))
    metrics.record_engine("analysis", outcome.engine, outcome.fallback)
    return AnalysisRead(prospect_id=prospect_id, analysis_id=row.id, engine=outcome.engine,
                        agent=AgentRef(industry=agent.industry, version=agent.version), usage=outcome.usage,
                        fallback=outcome.fallback, changed_fields=merged.changed, kept_fields=merged.kept,
                        **result.model_dump())


async def agent_profile(db: TuneDatabase, *, workspace_id: uuid.UUID,
                         industry: str) -> tuple[IndustryAgent, AgentProfile]:
    async with db.session(write=False) as session:
        agent = await latest_agent(session, workspace_id=workspace_id, industry=resolve_slug(industry),
                                   ready_only=True)
    if agent is None:  # first use of a built-in industry: a short write creates version 1
        async with db.session() as session:
            agent = await ensure_agent(session, workspace_id=workspace_id, industry=industry)
    return agent, AgentProfile.model_validate(agent.profile)


async def analyze_prospect(session: AsyncSession, *, db: TuneDatabase, llm: LLMClient, workspace_id: uuid.UUID,
                           data: AnalyzeRequest) -> AnalysisRead:
    """Analyse one prospect and store the prospect (upserted by email) and its analysis."""
    agent, profile = await agent_profile(db, workspace_id=workspace_id, industry=data.industry)
    [merged] = await with_known(db, workspace_id=workspace_id, prospects=[data.prospect], replace=data.replace)
    outcome = await assess(llm, workspace_id=workspace_id, profile=profile, data=merged, given=data.prospect,
                           replace=data.replace)
    return await store(session, workspace_id=workspace_id, agent=agent, outcome=outcome)


async def analyze_batch(session: AsyncSession, *, db: TuneDatabase, llm: LLMClient, workspace_id: uuid.UUID,
                        data: AnalyzeBatchRequest) -> BatchRead:
    """Analyse a batch inline: each item validated and reported on its own; good items stored."""
    agent, profile = await agent_profile(db, workspace_id=workspace_id, industry=data.industry)
    parsed: list[ProspectData | list[dict[str, Any]]] = []
    for raw in data.prospects:
        try:
            parsed.append(ProspectData.model_validate(raw))
        except ValidationError as exc:
            parsed.append(intake.validation_errors(exc))
    good = [(i, p) for i, p in enumerate(parsed) if isinstance(p, ProspectData)]
    merged = await with_known(db, workspace_id=workspace_id, prospects=[p for _, p in good], replace=data.replace)
    # LLMClient bounds concurrent Claude calls itself (LLM_MAX_CONCURRENCY).
    outcomes = await asyncio.gather(*(
        assess(llm, workspace_id=workspace_id, profile=profile, data=m, given=p, replace=data.replace)
        for (_, p), m in zip(good, merged, strict=True)))
    results = {i: await store(session, workspace_id=workspace_id, agent=agent, outcome=o)
               for (i, _), o in zip(good, outcomes, strict=True)}
    items = [BatchItemRead(index=i, status="ok", result=results[i]) if i in results
             else BatchItemRead(index=i, status="error", errors=p)  # type: ignore[arg-type]
             for i, p in enumerate(parsed)]
    return BatchRead(industry=agent.industry, total=len(items), succeeded=len(results),
                     failed=len(items) - len(results), items=items)


class ProspectRead(Output):
    prospect_id: uuid.UUID
    id: uuid.UUID = Field(description="The same as prospect_id; kept for existing clients.",
                        json_schema_extra={"deprecated": True})
    email: str
    data: dict[str, Any]
    created_at: Any
    updated_at: Any
    analysis: AnalysisRead | None = None
    analyses: int = 0
    messages: list[MessageRead] = []


async def get_prospect(session: AsyncSession, *, workspace_id: uuid.UUID, prospect_id: uuid.UUID) -> ProspectRead:
    """A prospect with its latest analysis. Another workspace's prospect is not found."""
    prospect = await session.scalar(select(Prospect).where(Prospect.id == prospect_id,
                                                           Prospect.workspace_id == workspace_id))
    if prospect is None:
        raise NotFound(f"No prospect {prospect_id}")
    analyses = list(await session.scalars(select(Analysis).where(Analysis.prospect_id == prospect.id)
                                          .order_by(Analysis.created_at.desc())))
    latest = None
    if analyses:
        a = analyses[0]
        latest = AnalysisRead(prospect_id=prospect.id, analysis_id=a.id, engine=a.engine,
                              agent=AgentRef(industry=a.industry, version=a.agent_version), usage=a.usage,
                              **AnalysisResult.model_validate(a.result).model_dump())
    messages = await session.scalars(select(Message).where(Message.prospect_id == prospect.id)
                                     .order_by(Message.campaign_id, Message.channel, Message.step))
    return ProspectRead(prospect_id=prospect.id, id=prospect.id, email=prospect.email, data=prospect.data,
                        created_at=prospect.created_at,
                        updated_at=prospect.updated_at, analysis=latest, analyses=len(analyses),
                        messages=[MessageRead.model_validate(m) for m in messages])


# --- campaigns and batch jobs -----------------------------------------------------------------


async def attach_to_campaign(session: AsyncSession, *, workspace_id: uuid.UUID, campaign: Campaign,
                             analysis: AnalysisRead) -> int:
    """Put an analysed prospect in a campaign (or update its place there); return its campaign tier.

    A campaign's own tier thresholds, when set, override the agent's. A prospect already further
    along (in a sequence, replied…) keeps its status.
    """
    tier = analysis.tier
    if campaign.tier_thresholds:
        tier = tier_for(analysis.score, TierThresholds.model_validate(campaign.tier_thresholds))
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    now = utcnow()
    stmt = insert(CampaignProspect).values(
        id=uuid.uuid4(), workspace_id=workspace_id, campaign_id=campaign.id, prospect_id=analysis.prospect_id,
        analysis_id=analysis.analysis_id, tier=tier, score=analysis.score, status="analyzed", created_at=now,
        updated_at=now)
    stmt = stmt.on_conflict_do_update(
        index_elements=[CampaignProspect.campaign_id, CampaignProspect.prospect_id],
        set_={"analysis_id": stmt.excluded.analysis_id, "tier": stmt.excluded.tier, "score": stmt.excluded.score,
              "updated_at": now,
              "status": case((CampaignProspect.status == "new", "analyzed"), else_=CampaignProspect.status)})
    await session.execute(stmt)
    return tier


async def campaign_of(session: AsyncSession, *, workspace_id: uuid.UUID, campaign_id: uuid.UUID) -> Campaign:
    campaign = await session.scalar(select(Campaign).where(Campaign.id == campaign_id,
                                                           Campaign.workspace_id == workspace_id))
    if campaign is None:
        raise NotFound(f"No campaign {campaign_id}")
    return campaign


class AnalyzeJob:
    """Job kind `analyze`: one item per prospect; optional `campaign_id` in the job payload."""

    async def prepare(self, ctx: jobs.JobContext, key: str, payload: dict[str, Any]) -> Outcome:
        given = ProspectData.model_validate(payload)  # a bad item fails alone, with the reason
        if "profile" not in ctx.cache:
            ctx.cache["agent"], ctx.cache["profile"] = await agent_profile(
                ctx.db, workspace_id=ctx.workspace_id, industry=ctx.payload["industry"])
        replace = bool(ctx.payload.get("replace"))
        [data] = await with_known(ctx.db, workspace_id=ctx.workspace_id, prospects=[given], replace=replace)
        return await assess(ctx.llm, workspace_id=ctx.workspace_id, profile=ctx.cache["profile"], data=data,
                            given=given, replace=replace)

    async def apply(self, session: AsyncSession, ctx: jobs.JobContext, key: str, payload: dict[str, Any],
                    prepared: Outcome) -> dict[str, Any]:
        stored = await store(session, workspace_id=ctx.workspace_id, agent=ctx.cache["agent"], outcome=prepared)
        tier = stored.tier
        if ctx.payload.get("campaign_id"):
            campaign = await campaign_of(session, workspace_id=ctx.workspace_id,
                                         campaign_id=uuid.UUID(ctx.payload["campaign_id"]))
            tier = await attach_to_campaign(session, workspace_id=ctx.workspace_id, campaign=campaign,
                                            analysis=stored)
        return {"prospect_id": str(stored.prospect_id), "analysis_id": str(stored.analysis_id), "tier": tier,
                "score": stored.score, "engine": stored.engine, "changed_fields": stored.changed_fields,
                "cost_usd": (stored.usage or {}).get("cost_usd", 0.0)}


async def summarize_results(session: AsyncSession, ctx: jobs.JobContext) -> dict[str, Any]:
    """Tiers, engines, Claude cost and changed prospect fields over a job's finished items."""
    results = await session.scalars(select(JobItem.result).where(JobItem.job_id == ctx.job_id,
                                                                 JobItem.status == "done"))
    tiers: Counter[str] = Counter()
    engines: Counter[str] = Counter()
    content: Counter[str] = Counter()
    changed: Counter[str] = Counter()
    cost = 0.0
    for r in results:
        if not r:
            continue
        changed.update(r.get("changed_fields") or ())
        if "tier" in r:
            tiers[str(r["tier"])] += 1
        if "engine" in r:
            engines[r["engine"]] += 1
        for channel, n in (r.get("content") or {}).items():
            content[channel] += n
        cost += float(r.get("cost_usd") or 0)
    summary: dict[str, Any] = {"tiers": dict(sorted(tiers.items())), "engines": dict(engines),
                               "cost_usd": round(cost, 6)}
    if content:
        summary["content"] = dict(content)
    summary["changed_fields"] = dict(sorted(changed.items()))  # field → prospects whose stored value changed
    return summary


async def enqueue_analysis(session: AsyncSession, *, workspace_id: uuid.UUID, industry: str,
                           prospects: list[dict[str, Any]], campaign_id: uuid.UUID | None = None,
                           replace: bool = False) -> jobs.JobRead:
    """Queue a large batch: one job item per prospect (keyed by position), worked in the background."""
    items = [(f"{i}:{str(p.get('email', ''))[:150].lower()}", p) for i, p in enumerate(prospects)]
    job = await jobs.enqueue(session, workspace_id=workspace_id, kind="analyze",
                             payload={"industry": industry, "replace": replace,
                                      "campaign_id": str(campaign_id) if campaign_id else None},
                             items=items)
    return jobs.job_read(job)


jobs.register("analyze", AnalyzeJob(), summarize_results)


# --- the list of prospects --------------------------------------------------------------------


class ProspectListItem(Output):
    """One prospect in `GET /api/prospects`: who it is and where it stands."""

    prospect_id: uuid.UUID
    email: str
    first_name: str | None = None
    last_name: str | None = None
    title: str | None = None
    company: str | None = None
    tier: int | None = Field(None, description="In the campaign when filtered by one, else the latest analysis's.")
    score: int | None = None
    created_at: Any
    updated_at: Any


async def list_prospects(session: AsyncSession, *, workspace_id: uuid.UUID, email: str | None,
                         campaign_id: uuid.UUID | None, tier: int | None, cursor: str | None,
                         limit: int) -> Page[ProspectListItem]:
    """The workspace's prospects, newest first; by email, by campaign, by tier (keyset pages)."""
    query = select(Prospect).where(Prospect.workspace_id == workspace_id)
    if email:
        query = query.where(Prospect.email == email.strip().lower())
    if campaign_id is not None:
        await campaign_of(session, workspace_id=workspace_id, campaign_id=campaign_id)  # 404 if not yours
        member = (select(CampaignProspect.prospect_id)
                  .where(CampaignProspect.campaign_id == campaign_id,
                         CampaignProspect.workspace_id == workspace_id))
        if tier is not None:
            member = member.where(CampaignProspect.tier == tier)
        query = query.where(Prospect.id.in_(member))
    elif tier is not None:
        latest_tier = (select(Analysis.tier).where(Analysis.prospect_id == Prospect.id)
                       .order_by(Analysis.created_at.desc(), Analysis.id.desc()).limit(1).scalar_subquery())
        query = query.where(latest_tier == tier)
    rows, next_cursor = await paging.newest_first(session, query, Prospect, cursor=cursor, limit=limit,
                                                  kind="prospects")
    ids = [p.id for p in rows]
    standing: dict[uuid.UUID, tuple[int | None, int | None]] = {}
    if ids and campaign_id is not None:
        for pid, t, s in await session.execute(
                select(CampaignProspect.prospect_id, CampaignProspect.tier, CampaignProspect.score)
                .where(CampaignProspect.campaign_id == campaign_id, CampaignProspect.prospect_id.in_(ids))):
            standing[pid] = (t, s)
    elif ids:
        for pid, t, s in await session.execute(
                select(Analysis.prospect_id, Analysis.tier, Analysis.score).where(Analysis.prospect_id.in_(ids))
                .order_by(Analysis.created_at, Analysis.id)):
            standing[pid] = (t, s)  # the newest analysis comes last and wins
    items = []
    for p in rows:
        data = p.data or {}
        t, s = standing.get(p.id, (None, None))
        items.append(ProspectListItem(
            prospect_id=p.id, email=p.email, first_name=data.get("first_name"), last_name=data.get("last_name"),
            title=data.get("title"), company=data.get("company"), tier=t, score=s, created_at=p.created_at,
            updated_at=p.updated_at))
    return Page[ProspectListItem](items=items, next_cursor=next_cursor)
