"""Agents in the database: build (by Claude when available, else the rules engine), version, read.

A build request creates version n+1 in `building`. The rules engine finishes it at once; a Claude
build runs after the response (in a task with its own session) and falls back to the rules
profile when Claude is unavailable or answers garbage. A build that never finished (the process
died) is reported `failed` once it is older than any build could take, so nothing stays
`building` for ever, across restarts too.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Annotated, Any

import structlog
from pydantic import Field
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import NotFound, Unprocessable
from database_async import TuneDatabase
from industry_agents.bounds import AgentDraft, bound_profile
from industry_agents.builder import build_profile_rules
from industry_agents.knowledge import BUILTIN
from industry_agents.resolve import resolve_slug
from llm import LLMClient, LLMUnavailable
from models import AgentStatus, IndustryAgent, utcnow
from perf.cache import WorkspaceCache
from schemas import AgentProfile, Input, Output
from settings import Settings

log = structlog.get_logger()


SYSTEM_PROMPT = """You are a senior B2B outbound strategist. You improve an "agent profile" for selling into one
industry: its description, buyer personas' priorities and pains, the industry's real pains, value
propositions, kinds of proof that land, tone, vocabulary and objections with responses. Be concrete and
specific to the industry, as a sales rep in that industry would recognise. Never invent statistics,
customer names or case studies.

The scoring inputs are fixed by the starting profile and change only within bounds: keep its personas
(same names, same order); you may add up to 5 lower-case title keywords per persona and up to 10
signal and industry keywords; rubric weights may move at most 5 points each and must sum to 100; tier
thresholds may move at most 5 points each, staying in order. Anything beyond that is ignored. Keep every
text short: it is sent with every later request."""


class AgentBuild(Input):
    """Build (or rebuild) the agent for an industry."""

    industry: Annotated[str, Field(min_length=2, max_length=100, examples=["casino"])]
    description: Annotated[str, Field(max_length=5000)] | None = Field(
        None, description="What the industry is and who buys; required for an industry with no built-in knowledge."
    )
    company: Annotated[str, Field(min_length=1, max_length=200, examples=["Tune Outbound"])]
    offer: Annotated[str, Field(min_length=1, max_length=500, examples=["player reactivation campaigns"])]
    target_personas: Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=20)] = []
    rebuild: bool = False


class AgentStatusRead(Output):
    industry: str
    version: int
    status: str
    progress: int
    engine: str | None
    error: str | None = None
    generic: bool = False
    created_at: Any
    updated_at: Any


class AgentRead(AgentStatusRead):
    profile: AgentProfile


def stale_after(settings: Settings) -> timedelta:
    """The longest a build can legitimately take: its Claude call's whole deadline, plus slack."""
    return timedelta(seconds=settings.LLM_DEADLINE_BACKGROUND_S + 60)


def effective_status(agent: IndustryAgent, settings: Settings) -> tuple[str, str | None]:
    """The status to report: a `building` row older than any build can take was interrupted."""
    if agent.status == AgentStatus.BUILDING and agent.updated_at < utcnow() - stale_after(settings):
        return AgentStatus.FAILED, "The build was interrupted (the service stopped); build again."
    return agent.status, agent.error


def status_of(agent: IndustryAgent, settings: Settings) -> AgentStatusRead:
    status, error = effective_status(agent, settings)
    return AgentStatusRead(
        industry=agent.industry,
        version=agent.version,
        status=status,
        progress=agent.progress,
        engine=agent.engine,
        error=error,
        generic=bool((agent.profile or {}).get("generic")),
        created_at=agent.created_at,
        updated_at=agent.updated_at,
    )


async def latest_agent(
    session: AsyncSession, *, workspace_id: uuid.UUID, industry: str, ready_only: bool = False
) -> IndustryAgent | None:
    query = select(IndustryAgent).where(
        IndustryAgent.workspace_id == workspace_id, IndustryAgent.industry == industry
    )
    if ready_only:
        query = query.where(IndustryAgent.status == AgentStatus.READY)
    return await session.scalar(query.order_by(IndustryAgent.version.desc()).limit(1))


async def start_build(
    session: AsyncSession, *, workspace_id: uuid.UUID, data: AgentBuild, llm: LLMClient, settings: Settings
) -> tuple[IndustryAgent, bool]:
    """Create the next version (or return the current one when not rebuilding).

    Returns the agent row and whether a Claude build must be run for it after commit.
    """
    slug = resolve_slug(data.industry)
    if slug not in BUILTIN and not (data.description and data.description.strip()):
        raise Unprocessable(
            f"'{data.industry}' is not a built-in industry; send a description of it "
            f"(who buys and why) so an agent can be built."
        )
    current = await latest_agent(session, workspace_id=workspace_id, industry=slug)
    if (
        current is not None
        and not data.rebuild
        and effective_status(current, settings)[0] in (AgentStatus.READY, AgentStatus.BUILDING)
    ):
        return current, False
    profile = rules_profile(data)
    agent = IndustryAgent(
        workspace_id=workspace_id,
        industry=slug,
        version=current.version + 1 if current else 1,
        request=data.model_dump(),
        profile=profile.model_dump(),
    )
    if llm.enabled:
        agent.status, agent.progress, agent.engine = AgentStatus.BUILDING, 10, None
    else:
        agent.status, agent.progress, agent.engine = AgentStatus.READY, 100, "rules"
    session.add(agent)
    await session.flush()
    log.info("agent.build_started", industry=slug, version=agent.version, engine=agent.engine or "claude")
    return agent, llm.enabled


def rules_profile(data: AgentBuild) -> AgentProfile:
    return build_profile_rules(
        industry=data.industry,
        description=data.description,
        company=data.company,
        offer=data.offer,
        target_personas=data.target_personas or None,
    )


async def ensure_agent(session: AsyncSession, *, workspace_id: uuid.UUID, industry: str) -> IndustryAgent:
    """The latest ready agent; for a built-in industry with none yet, version 1 from the rules engine."""
    slug = resolve_slug(industry)
    agent = await latest_agent(session, workspace_id=workspace_id, industry=slug, ready_only=True)
    if agent is not None:
        return agent
    if slug not in BUILTIN:
        raise Unprocessable(
            f"No agent for '{industry}'. Build one first: POST /api/agents/build with a "
            f"description of the industry."
        )
    agent = IndustryAgent(
        workspace_id=workspace_id,
        industry=slug,
        version=1,
        status=AgentStatus.READY,
        progress=100,
        engine="rules",
        request={"industry": slug, "auto": True},
        profile=BUILTIN[slug].model_dump(),
    )
    try:
        async with session.begin_nested():
            session.add(agent)
    except IntegrityError:  # a concurrent request created it first: use theirs
        agent = await latest_agent(session, workspace_id=workspace_id, industry=slug, ready_only=True)
        if agent is None:
            raise
    return agent


async def run_claude_build(db: TuneDatabase, llm: LLMClient, agent_id: uuid.UUID) -> None:
    """Finish a `building` agent with Claude; on any Claude failure, with the rules profile."""
    async with db.session(write=False) as session:
        agent = await session.get(IndustryAgent, agent_id)
        if agent is None or agent.status != AgentStatus.BUILDING:
            return
        request, seed = AgentBuild.model_validate(agent.request), AgentProfile.model_validate(agent.profile)
        workspace_id = agent.workspace_id
    values: dict[str, Any]
    try:
        prompt = (
            "Build the agent profile for this request. Improve on the starting profile; keep its "
            "industry slug.\n\nRequest:\n"
            + json.dumps(request.model_dump(), indent=1)
            + "\n\nStarting profile:\n"
            + seed.model_dump_json(indent=1)
        )
        result = await llm.structured(
            workspace_id=workspace_id,
            purpose="agent_build",
            system=SYSTEM_PROMPT,
            prompt=prompt,
            output_model=AgentDraft,
            max_tokens=8000,
            lane="background",
        )
        profile, notes = bound_profile(result.value, seed)
        if notes:
            log.info("agent.build_bounded", agent_id=str(agent_id), not_applied=notes)
        values = {
            "status": AgentStatus.READY,
            "progress": 100,
            "engine": "claude",
            "profile": profile.model_dump(),
        }
    except LLMUnavailable as exc:
        values = {
            "status": AgentStatus.READY,
            "progress": 100,
            "engine": "rules",
            "error": f"Claude unavailable ({exc.reason}); built by the rules engine.",
        }
    except Exception as exc:  # a build must end, never hang in `building`
        log.exception("agent.build_failed", agent_id=str(agent_id))
        values = {"status": AgentStatus.FAILED, "error": f"Build failed: {type(exc).__name__}"}
    async with db.session() as session:
        await session.execute(
            update(IndustryAgent)
            .where(IndustryAgent.id == agent_id, IndustryAgent.status == AgentStatus.BUILDING)
            .values(**values, updated_at=utcnow())
        )
    log.info("agent.build_finished", agent_id=str(agent_id), status=values["status"], engine=values.get("engine"))


async def get_status(
    session: AsyncSession, *, workspace_id: uuid.UUID, industry: str, settings: Settings
) -> AgentStatusRead:
    agent = await latest_agent(session, workspace_id=workspace_id, industry=resolve_slug(industry))
    if agent is None:
        raise NotFound(f"No agent has been built for '{industry}'.")
    return status_of(agent, settings)


async def get_agent(
    session: AsyncSession, *, workspace_id: uuid.UUID, industry: str, settings: Settings
) -> AgentRead:
    agent = await latest_agent(
        session, workspace_id=workspace_id, industry=resolve_slug(industry), ready_only=True
    )
    if agent is None:
        raise NotFound(f"No ready agent for '{industry}'. Build one: POST /api/agents/build.")
    return AgentRead(**status_of(agent, settings).model_dump(), profile=AgentProfile.model_validate(agent.profile))


async def list_industries(
    session: AsyncSession, *, workspace_id: uuid.UUID, settings: Settings
) -> list[dict[str, Any]]:
    """Built-in industries and the workspace's built ones, each with its latest agent's status.

    Served from a per-workspace cache (perf/cache.py): any write to the workspace's agents empties it,
    and entries live INDUSTRIES_CACHE_TTL_S at most (a `building` agent turns `failed` with time); one
    request at a time reads it again for everyone (`WorkspaceCache.get_or_load`)."""
    return await _industries_cache.get_or_load(
        workspace_id, lambda: _list_industries(session, workspace_id=workspace_id, settings=settings)
    )


INDUSTRIES_CACHE_TTL_S = 2.0
_industries_cache = WorkspaceCache("industries", ttl_s=INDUSTRIES_CACHE_TTL_S, watch=(IndustryAgent,))


async def _list_industries(
    session: AsyncSession, *, workspace_id: uuid.UUID, settings: Settings
) -> list[dict[str, Any]]:
    newest = (
        select(IndustryAgent.industry, func.max(IndustryAgent.version).label("version"))
        .where(IndustryAgent.workspace_id == workspace_id)
        .group_by(IndustryAgent.industry)
        .subquery()
    )
    rows = (
        (
            await session.execute(
                select(IndustryAgent)
                .join(
                    newest,
                    (IndustryAgent.industry == newest.c.industry) & (IndustryAgent.version == newest.c.version),
                )
                .where(IndustryAgent.workspace_id == workspace_id)
            )
        )
        .scalars()
        .all()
    )
    built = {a.industry: a for a in rows}
    out = []
    for slug, profile in BUILTIN.items():
        agent = built.pop(slug, None)
        out.append(
            {
                "slug": slug,
                "name": profile.name,
                "builtin": True,
                "agent_status": effective_status(agent, settings)[0] if agent else None,
                "agent_version": agent.version if agent else None,
            }
        )
    for slug, agent in sorted(built.items()):
        out.append(
            {
                "slug": slug,
                "name": (agent.profile or {}).get("name", slug),
                "builtin": False,
                "agent_status": effective_status(agent, settings)[0],
                "agent_version": agent.version,
            }
        )
    return out
