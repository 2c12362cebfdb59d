"""The protected `GET /metrics`: Prometheus exposition of the counters and gauges in core/metrics."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Depends, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST

from auth import api_key_header
from core.deps import DatabaseDep, LimiterDep, MetricsCollectorDep, MetricsRegistryDep, SettingsDep
from core.errors import Forbidden, Unauthorized
from core.metrics import exposition
from core.ratelimit import client_ip
from jobs import queue_depth


async def require_metrics_access(request: Request, settings: SettingsDep, limiter: LimiterDep) -> None:
    """`Authorization: Bearer <METRICS_TOKEN>`, unless METRICS_PUBLIC=true.

    The metrics are the whole service's (every tenant's traffic), so a tenant's API key, even an
    admin one, does not open them (issue 13, finding 14): only the operator's token does.
    """
    await limiter.enforce(request, f"ip:{client_ip(request)}")
    if settings.METRICS_PUBLIC:
        return
    bearer = request.headers.get("authorization", "")
    if (
        settings.METRICS_TOKEN
        and bearer.startswith("Bearer ")
        and hmac.compare_digest(bearer.removeprefix("Bearer ").encode(), settings.METRICS_TOKEN.encode())
    ):
        return
    if await api_key_header(request):
        raise Forbidden("Metrics are service-wide: they need the METRICS_TOKEN bearer token, not an API key.")
    raise Unauthorized("Metrics need the METRICS_TOKEN bearer token.")


router = APIRouter(tags=["operations"])


@router.get(
    "/metrics",
    response_class=Response,
    dependencies=[Depends(require_metrics_access)],
    responses={200: {"content": {"text/plain": {}}, "description": "Prometheus exposition"}},
)
async def metrics(db: DatabaseDep, collector: MetricsCollectorDep, registry: MetricsRegistryDep) -> Response:
    """Prometheus metrics (METRICS_TOKEN bearer, unless METRICS_PUBLIC=true)."""
    async with db.session(write=False) as session:
        counts = await queue_depth(session)
    collector.jobs = counts
    return Response(exposition(registry), media_type=CONTENT_TYPE_LATEST)
