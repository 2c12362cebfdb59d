"""Industries the service knows."""

from __future__ import annotations

from fastapi import APIRouter

import industry_agents
from deps import ReadKey
from schemas import IndustryRead

router = APIRouter(prefix="/api", tags=["agents"])


@router.get("/industries", response_model=list[IndustryRead])
async def list_industries(key: ReadKey) -> list[IndustryRead]:
    """Built-in industries, with the status of the agent built for each."""
    return [IndustryRead(slug=slug, name=name) for slug, name in industry_agents.list_builtin()]
