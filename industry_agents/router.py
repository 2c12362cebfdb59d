"""Industry agents: build, status, profile; and the list of industries."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, status

from core.deps import DatabaseDep, LlmDep, ReadKey, SessionDep, SettingsDep, WriteKey
from industry_agents import service
from industry_agents.service import AgentBuild, AgentRead, AgentStatusRead
from schemas import IndustryRead, Page

router = APIRouter(prefix="/api", tags=["agents"])


@router.get("/industries", response_model=Page[IndustryRead])
async def list_industries(key: ReadKey, session: SessionDep, settings: SettingsDep) -> Page[IndustryRead]:
    """Built-in industries and the ones you built, with the status of each one's agent (one page)."""
    rows = await service.list_industries(session, workspace_id=key.workspace_id, settings=settings)
    return Page[IndustryRead](items=[IndustryRead(**row) for row in rows], next_cursor=None)


@router.post("/agents/build", status_code=status.HTTP_202_ACCEPTED, response_model=AgentStatusRead)
async def build_agent(
    body: AgentBuild,
    key: WriteKey,
    session: SessionDep,
    db: DatabaseDep,
    llm: LlmDep,
    settings: SettingsDep,
    background: BackgroundTasks,
) -> AgentStatusRead:
    """Build an industry's agent (or, with `rebuild`, its next version); poll its status."""
    agent, needs_claude = await service.start_build(
        session, workspace_id=key.workspace_id, data=body, llm=llm, settings=settings
    )
    if needs_claude:  # runs after the response, so after this request's commit
        background.add_task(service.run_claude_build, db, llm, agent.id)
    return service.status_of(agent, settings)


@router.get("/agents/{industry}/status", response_model=AgentStatusRead)
async def agent_status(industry: str, key: ReadKey, session: SessionDep, settings: SettingsDep) -> AgentStatusRead:
    """Whether the industry's newest agent version is building, ready or failed."""
    return await service.get_status(session, workspace_id=key.workspace_id, industry=industry, settings=settings)


@router.get("/agents/{industry}", response_model=AgentRead)
async def get_agent(industry: str, key: ReadKey, session: SessionDep, settings: SettingsDep) -> AgentRead:
    """The newest ready agent profile: ICP, personas, pains, value props, tone, rubric, tiers."""
    return await service.get_agent(session, workspace_id=key.workspace_id, industry=industry, settings=settings)
