"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter

from core.deps import DatabaseDep, LimiterDep, LlmDep, PublicLimit
from core.errors import DatabaseUnavailable
from database_async import classify_error
from schemas import HealthRead
from settings import VERSION

router = APIRouter(prefix="/api", tags=["health"])


@router.get(
    "/health",
    response_model=HealthRead,
    dependencies=[PublicLimit],
    responses={503: {"description": "The database cannot be reached"}},
)
async def health(db: DatabaseDep, llm: LlmDep, limiter: LimiterDep) -> HealthRead:
    """Liveness and readiness: pings the database (503 when away) and the rate-limit storage (shown)."""
    try:
        await db.ensure_ready()
    except Exception as exc:  # any failure to reach or migrate the database means "not ready"
        if classify_error(exc) == "lost" and not db.pool_exhausted():  # a full pool is busy, not lost
            await db.forget_connections()
        raise DatabaseUnavailable(f"Database not reachable ({type(exc).__name__}).") from exc
    storage = limiter.storage
    await storage.ping()  # Redis down is reported, not a 503: the limits fall back (core/ratelimit.py)
    return HealthRead(
        status="ok",
        database=db.backend,
        version=VERSION,
        engine=llm.state(),
        rate_limit=storage.describe(),
    )
