"""LLM usage against the monthly budget."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from deps import ReadKey, SessionDep

router = APIRouter(prefix="/api", tags=["usage"])


@router.get("/usage")
async def usage(key: ReadKey, session: SessionDep, request: Request) -> dict[str, Any]:
    """Claude tokens and cost this month (UTC) against LLM_MONTHLY_BUDGET_USD, and the engine in use."""
    llm = request.app.state.llm
    return {**await llm.month_usage(session), "engine": llm.state()}
