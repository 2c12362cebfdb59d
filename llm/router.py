"""LLM usage against the monthly budget."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from core.deps import LlmDep, ReadKey, SessionDep

router = APIRouter(prefix="/api", tags=["usage"])


@router.get("/usage")
async def usage(key: ReadKey, session: SessionDep, llm: LlmDep) -> dict[str, Any]:
    """The caller's workspace: Claude tokens and cost this month (UTC) against its monthly budget
    (LLM_WORKSPACE_MONTHLY_BUDGET_USD), and the engine in use. Other workspaces' usage is never shown."""
    return {**await llm.month_usage(session, key.workspace_id), "engine": llm.state()}
