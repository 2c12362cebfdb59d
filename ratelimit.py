"""Per-key (and per-IP for public routes) rate limits, as a FastAPI dependency.

Built on `limits`, the engine under slowapi, through its asyncio API. slowapi 0.1.10 itself skips
its default limits for every route mounted with `include_router` on current FastAPI, answers 500
when headers are enabled on a route without a `response` parameter, and talks to Redis
synchronously (see ../shared/PITFALLS.md). A dependency has none of those problems, and a test walks
`app.routes` to prove every route has it.

The counters live wherever `RATE_LIMIT_STORAGE_URI` points: `memory://` for one process,
`redis://host:6379` to share them between processes and machines.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from fastapi import Request
from limits import RateLimitItem, parse_many
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from errors import RateLimited


@dataclass(frozen=True, slots=True)
class RateLimitState:
    limit: int
    remaining: int
    reset_at: float  # unix time when a slot frees up
    allowed: bool

    def headers(self) -> dict[str, str]:
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(int(self.reset_at)),
        }
        if not self.allowed:
            headers["Retry-After"] = str(max(1, int(self.reset_at - time.time() + 0.999)))
        return headers


class RateLimiter:
    """A moving-window limiter: the N+1st request inside any window of the period is refused."""

    def __init__(self, limit: str, storage_uri: str) -> None:
        self.items: list[RateLimitItem] = parse_many(limit)
        self.description = limit
        uri = storage_uri if storage_uri.startswith("async+") else f"async+{storage_uri}"
        self.storage = storage_from_string(uri)
        self.strategy = MovingWindowRateLimiter(self.storage)

    async def hit(self, identity: str) -> RateLimitState:
        """Count one request for `identity`; the tightest of the configured limits decides."""
        states = []
        for item in self.items:
            allowed = await self.strategy.hit(item, identity)
            stats = await self.strategy.get_window_stats(item, identity)
            states.append(RateLimitState(item.amount, stats.remaining, stats.reset_time, allowed))
        refused = [s for s in states if not s.allowed]
        return refused[0] if refused else min(states, key=lambda s: s.remaining)

    async def enforce(self, request: Request, identity: str) -> None:
        """Count the request; raise 429 when over the limit. Headers are added by the middleware."""
        state = await self.hit(identity)
        request.state.rate_limit = state
        if not state.allowed:
            raise RateLimited(f"Rate limit of {self.description} exceeded; retry after "
                              f"{state.headers()['Retry-After']} s.", headers=state.headers())


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def limit_by_ip(request: Request) -> None:
    """Dependency for public routes: the same limit, counted per client IP."""
    await request.app.state.limiter.enforce(request, f"ip:{client_ip(request)}")


async def limit_tracking_by_ip(request: Request) -> None:
    """Dependency for the open pixel and click redirect: `TRACKING_RATE_LIMIT` per client IP.

    Mail providers' image proxies (Gmail, Apple) fetch pixels for many recipients from a few
    addresses, so these routes get their own, higher limit than the API's.
    """
    await request.app.state.tracking_limiter.enforce(request, f"ip:{client_ip(request)}")
