"""Industry agents: build, status, profile; and the list of industries."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Request, status

from core.deps import ReadKey, SessionDep, WriteKey
from industry_agents import service
from industry_agents.service import AgentBuild, AgentRead, AgentStatusRead
from schemas import IndustryRead, Page

router = APIRouter(prefix="/api", tags=["agents"])


@router.get("/industries", response_model=Page[IndustryRead])
async def list_industries(key: ReadKey, session: SessionDep, request: Request) -> Page[IndustryRead]:
    """Built-in industries and the ones you built, with the status of each one's agent (one page)."""
    rows = await service.list_industries(
        session, workspace_id=key.workspace_id, settings=request.app.state.settings
    )
    return Page[IndustryRead](items=[IndustryRead(**row) for row in rows], next_cursor=None)


@router.post("/agents/build", status_code=status.HTTP_202_ACCEPTED, response_model=AgentStatusRead)
async def build_agent(
    body: AgentBuild, key: WriteKey, session: SessionDep, request: Request, background: BackgroundTasks
) -> AgentStatusRead:
    """Build an industry's agent (or, with `rebuild`, its next version); poll its status."""
    state = request.app.state
    agent, needs_claude = await service.start_build(
        session, workspace_id=key.workspace_id, data=body, llm=state.llm, settings=state.settings
    )
    if needs_claude:  # runs after the response, so after this request's commit
        background.add_task(service.run_claude_build, state.db, state.llm, agent.id)
    return service.status_of(agent, state.settings)


@router.get("/agents/{industry}/status", response_model=AgentStatusRead)
async def agent_status(industry: str, key: ReadKey, session: SessionDep, request: Request) -> AgentStatusRead:
    """Whether the industry's newest agent version is building, ready or failed."""
    return await service.get_status(
        session, workspace_id=key.workspace_id, industry=industry, settings=request.app.state.settings
    )


@router.get("/agents/{industry}", response_model=AgentRead)
async def get_agent(industry: str, key: ReadKey, session: SessionDep, request: Request) -> AgentRead:
    """The newest ready agent profile: ICP, personas, pains, value props, tone, rubric, tiers."""
    return await service.get_agent(
        session, workspace_id=key.workspace_id, industry=industry, settings=request.app.state.settings
    )
