"""Per-key (and per-IP for public routes) rate limits, as a FastAPI dependency.

Built on `limits`, the engine under slowapi, through its asyncio API. slowapi 0.1.10 itself skips
its default limits for every route mounted with `include_router` on current FastAPI, answers 500
when headers are enabled on a route without a `response` parameter, and talks to Redis
synchronously (see ../shared/PITFALLS.md). A dependency has none of those problems, and a test walks
`app.routes` to prove every route has it.

The counters live wherever `RATE_LIMIT_STORAGE_URI` points: `memory://` for one process,
`redis://host:6379/0` (or `rediss://`, `redis+unix:///path/redis.sock`) to share them between
processes and machines. Redis is reached with redis-py's asyncio client (`limits`'
`implementation="redispy"`; its default, coredis, needs an async context manager around every
client since 6.0 and is capped below 6 by `limits`' own extra): one connection pool per process,
pinged when the app starts and closed when it stops, with `RATE_LIMIT_STORAGE_TIMEOUT_S` on every
connect and command and no client-side retries, so an unreachable Redis costs a request at most that.

When Redis cannot be reached, each limiter decides by its route class (docs/scale-out.md, "Running on
PostgreSQL with several workers"):

- the API (every authenticated route) and the other public routes (health, Clay webhook, dashboard)
  count in this process's memory instead: the limit still holds, per process, so a workspace gets at
  most `processes x RATE_LIMIT` while Redis is away, and nothing fails because of Redis;
- the open pixel and click redirect are not limited at all (fail open): a recipient's mail client
  must always get its image and its redirect.

After a failure the limiter stays local (or open) for `STORAGE_RETRY_S`, then tries Redis again;
every failed call counts in `tune_ratelimit_storage_errors_total`, every request decided without
Redis in `tune_ratelimit_degraded_total`, and the health check shows the storage's state.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any, Literal

import structlog
from fastapi import Request
from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from core import metrics
from core.errors import RateLimited

log = structlog.get_logger()

STORAGE_RETRY_S = 1.0  # after a failed call, how long counters stay local before Redis is tried again
REDIS_SCHEMES = ("async+redis://", "async+rediss://", "async+redis+unix://")
# A schedule shared by every process: KEYS[1] holds the next free start (Redis's clock, seconds);
# take it (or now, if later), move it on by ARGV[1], answer the seconds until the slot taken.
NEXT_SLOT_LUA = """
local now = redis.call('TIME')
local t = tonumber(now[1]) + tonumber(now[2]) / 1000000
local interval = tonumber(ARGV[1])
local slot = math.max(t, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], string.format('%.6f', slot + interval), 'PX',
           math.ceil((slot + interval - t) * 1000) + 1000)
return string.format('%.6f', slot - t)
"""


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


class LimitStorage:
    """Where the counters live (shared by the app's limiters), and whether it can be reached now.

    `shared` is the configured storage; `local` is this process's memory, used while a Redis
    `shared` is unreachable. For `memory://` both are the same and nothing can fail.
    """

    def __init__(self, uri: str, *, timeout_s: float = 0.5) -> None:
        self.uri = uri if uri.startswith("async+") else f"async+{uri}"
        self.backend = self.uri.removeprefix("async+").split(":", 1)[0]
        self.is_redis = self.uri.startswith(REDIS_SCHEMES)
        self.timeout_s = timeout_s
        shared = storage_from_string(self.uri, **self._options())
        if not isinstance(shared, Storage):  # an "async+" URI always gives an asyncio storage
            raise TypeError(f"{self.backend}: not an asyncio rate-limit storage")
        self.shared: Storage = shared
        self.local: Storage = self.shared if isinstance(self.shared, MemoryStorage) else MemoryStorage()
        self.errors: tuple[type[BaseException], ...] = (OSError, TimeoutError)
        if self.shared is not self.local:
            base = self.shared.base_exceptions
            self.errors += base if isinstance(base, tuple) else (base,)
        self.state: Literal["ok", "unavailable"] = "ok"
        self._retry_at = 0.0
        self._slot_script: Any = None

    def _options(self) -> dict[str, Any]:
        if not self.is_redis:
            return {}
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff

        # redis-py retries a failed command 3 times with up to 10 s backoff by default: far too long
        # for a check made on every request. One attempt, bounded; the fallback takes it from there.
        return {
            "implementation": "redispy",
            "socket_timeout": self.timeout_s,
            "socket_connect_timeout": self.timeout_s,
            "retry": Retry(NoBackoff(), 0),
        }

    @property
    def fallible(self) -> bool:
        return self.shared is not self.local

    def available(self) -> bool:
        return not self.fallible or time.monotonic() >= self._retry_at

    def failed(self, exc: BaseException, limiter: str) -> None:
        metrics.record_ratelimit_storage_error(limiter)
        self._retry_at = time.monotonic() + STORAGE_RETRY_S
        if self.state != "unavailable":
            log.warning(
                "ratelimit.storage_unavailable",
                backend=self.backend,
                limiter=limiter,
                error=type(exc).__name__,
                retry_s=STORAGE_RETRY_S,
            )
        self.state = "unavailable"

    def succeeded(self) -> None:
        if self.state != "ok":
            log.warning("ratelimit.storage_recovered", backend=self.backend)
        self.state = "ok"
        self._retry_at = 0.0

    async def ping(self) -> bool:
        """Reach the shared storage now (health check, start-up); updates `state`."""
        if not self.fallible:
            return True
        try:
            ok = await asyncio.wait_for(self.shared.check(), self.timeout_s * 2)
        except self.errors:  # TimeoutError among them
            ok = False
        if ok:
            self.succeeded()
        else:
            if self.state != "unavailable":
                log.warning("ratelimit.storage_unavailable", backend=self.backend, limiter="ping")
            self.state = "unavailable"
            self._retry_at = time.monotonic() + STORAGE_RETRY_S
        return ok

    async def next_slot(self, key: str, interval_s: float) -> float | None:
        """Reserve the next start on a schedule shared by every process (starts `interval_s` apart,
        by Redis's clock); the seconds to wait for it. None: no shared storage (memory://), or it is
        unreachable now (the caller paces on its own)."""
        if not self.fallible or not self.available() or not isinstance(self.shared, RedisStorage):
            return None
        try:
            if self._slot_script is None:
                self._slot_script = self.shared.bridge.get_connection().register_script(  # type: ignore[attr-defined]
                    NEXT_SLOT_LUA
                )  # limits declares `bridge: RedisBridge`, whose concrete bridges all have it
            wait = await self._slot_script(keys=[f"tune:pace:{key}"], args=[repr(interval_s)])
        except self.errors as exc:
            self.failed(exc, "pacer")
            return None
        self.succeeded()
        return max(0.0, float(wait))

    def describe(self) -> dict[str, str]:
        """For the health check: the backend and, when it can fail, its last known state."""
        if not self.fallible:
            return {"storage": self.backend, "state": "ok", "scope": "process"}
        if self.state == "ok":
            return {"storage": self.backend, "state": "ok", "scope": "shared"}
        return {
            "storage": self.backend,
            "state": "unavailable",
            "scope": "process",
            "fallback": "API limits counted per process; pixel and click not limited",
        }

    async def open(self) -> None:
        """Open the pool (a first connection) at start; an unreachable Redis is logged, not fatal."""
        if self.fallible and await self.ping():
            log.info("ratelimit.storage_ready", backend=self.backend)

    async def close(self) -> None:
        """Close the Redis client's connection pool (at shutdown)."""
        client = getattr(getattr(self.shared, "bridge", None), "storage", None)
        if client is not None and hasattr(client, "aclose"):
            await client.aclose()


class RateLimiter:
    """A moving-window limiter: the N+1st request inside any window of the period is refused.

    `on_storage_error` decides what happens while a shared storage is unreachable: `local` counts
    in this process's memory, `open` lets every request through uncounted.
    """

    def __init__(
        self,
        limit: str,
        storage: LimitStorage | str,
        *,
        name: str = "api",
        on_storage_error: Literal["local", "open"] = "local",
    ) -> None:
        self.items: list[RateLimitItem] = parse_many(limit)
        self.description = limit
        self.name = name
        self.on_storage_error = on_storage_error
        self.storage = storage if isinstance(storage, LimitStorage) else LimitStorage(storage)
        self.strategy = MovingWindowRateLimiter(self.storage.shared)
        self.local_strategy = MovingWindowRateLimiter(self.storage.local)

    async def _hit(self, strategy: MovingWindowRateLimiter, identity: str) -> RateLimitState:
        states = []
        for item in self.items:
            allowed = await strategy.hit(item, identity)
            stats = await strategy.get_window_stats(item, identity)
            states.append(RateLimitState(item.amount, stats.remaining, stats.reset_time, allowed))
        refused = [s for s in states if not s.allowed]
        return refused[0] if refused else min(states, key=lambda s: s.remaining)

    async def hit(self, identity: str) -> RateLimitState | None:
        """Count one request for `identity`; the tightest of the configured limits decides.

        None: not counted (the shared storage is unreachable and this limiter fails open)."""
        storage = self.storage
        if storage.available():
            try:
                state = await self._hit(self.strategy, identity)
            except storage.errors as exc:
                storage.failed(exc, self.name)
            else:
                if storage.fallible:
                    storage.succeeded()
                return state
        metrics.record_ratelimit_degraded(self.name, self.on_storage_error)
        if self.on_storage_error == "open":
            return None
        return await self._hit(self.local_strategy, identity)

    async def enforce(self, request: Request, identity: str) -> None:
        """Count the request; raise 429 when over the limit. Headers are added by the middleware."""
        state = await self.hit(identity)
        if state is None:
            return
        request.state.rate_limit = state
        if not state.allowed:
            raise RateLimited(
                f"Rate limit of {self.description} exceeded; retry after {state.headers()['Retry-After']} s.",
                headers=state.headers(),
            )


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
