"""Rate limits on a real Redis (Debian's redis-server, started per test on a free port) shared by
two app instances on one database, as two processes behind a load balancer would be: the limit
holds across them, Redis going away is survived as documented (API counted per process, pixel and
click not limited, health shows it, metrics count it) and coming back is noticed; a key revoked
through one instance is refused by the other within API_KEY_CACHE_TTL_S.

The same, with real uvicorn processes on PostgreSQL, is the reliability suite's `scale` scenario.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from prometheus_client import REGISTRY

from api_server import create_app
from core.ratelimit import STORAGE_RETRY_S
from reliability.redis_server import RedisServer
from tests.conftest import assert_problem, client_for, make_key, make_settings


@pytest.fixture
def redis() -> Iterator[RedisServer]:
    with RedisServer() as server:
        yield server


@contextlib.asynccontextmanager
async def two_apps(database_url: str, redis: RedisServer, **overrides: Any) -> AsyncIterator[tuple[Any, Any]]:
    """Two started apps ("processes") on one database and one Redis."""
    settings = make_settings(database_url, RATE_LIMIT_STORAGE_URI=redis.url, **overrides)
    first, second = create_app(settings), create_app(settings)
    async with first.router.lifespan_context(first), second.router.lifespan_context(second):
        yield first, second


def _counter(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_the_limit_holds_across_processes_whichever_answers(database_url, redis):
    async with two_apps(database_url, redis, RATE_LIMIT="10/minute") as (a, b):
        key = await make_key(a.state.db)
        headers = {"X-API-Key": key}
        async with client_for(a, headers=headers) as ca, client_for(b, headers=headers) as cb:
            clients = [ca, cb]
            answers = [await clients[i % 2].get("/api/industries") for i in range(10)]
            assert [r.status_code for r in answers] == [200] * 10
            # one window, counted once across both: remaining goes 9, 8, … 0 whichever app answered
            assert [int(r.headers["x-ratelimit-remaining"]) for r in answers] == list(range(9, -1, -1))
            for c in clients:  # the 11th (and 12th) is refused by either one
                limited = assert_problem(await c.get("/api/industries"), 429)
                assert "10/minute" in limited["detail"]
            health = (await ca.get("/api/health")).json()
            assert health["rate_limit"] == {"storage": "redis", "state": "ok", "scope": "shared"}


async def test_redis_away_then_back_api_counts_per_process_tracking_fails_open(database_url, redis):
    errors_before = _counter("tune_ratelimit_storage_errors_total", limiter="api")
    open_before = _counter("tune_ratelimit_degraded_total", limiter="tracking", fallback="open")
    async with two_apps(
        database_url,
        redis,
        RATE_LIMIT="4/minute",
        TRACKING_RATE_LIMIT="2/minute",
        METRICS_TOKEN="ops-metrics-token-for-this-test",
    ) as (a, b):
        key = await make_key(a.state.db)
        headers = {"X-API-Key": key}
        async with client_for(a, headers=headers) as ca, client_for(b, headers=headers) as cb:
            assert (await ca.get("/api/industries")).status_code == 200  # 1 of 4 counted in Redis
            redis.stop()
            # The API keeps answering, limited per process: 4 more on each app, then 429 on each.
            for c in (ca, cb):
                assert [(await c.get("/api/industries")).status_code for _ in range(4)] == [200] * 4
                assert_problem(await c.get("/api/industries"), 429)
            # The pixel is not limited at all while Redis is away (its limit is 2/minute).
            pixels = [await ca.get("/t/o/not-a-token.gif") for _ in range(5)]
            assert [p.status_code for p in pixels] == [200] * 5
            assert all(p.content.startswith(b"GIF") and "x-ratelimit-limit" not in p.headers for p in pixels)
            health = await cb.get("/api/health")
            assert health.status_code == 200  # Redis is not a reason to take the process out
            assert health.json()["rate_limit"]["state"] == "unavailable"
            assert health.json()["rate_limit"]["scope"] == "process"
            metrics_text = (
                await ca.get(
                    "/metrics",
                    headers={  # the operator's token, not a tenant's key
                        "Authorization": f"Bearer {a.state.settings.METRICS_TOKEN}"
                    },
                )
            ).text
            assert "tune_ratelimit_storage_up 0.0" in metrics_text
            assert _counter("tune_ratelimit_storage_errors_total", limiter="api") > errors_before
            opened = _counter("tune_ratelimit_degraded_total", limiter="tracking", fallback="open") - open_before
            assert opened == 5

            redis.start()  # back, empty (no persistence); each process tries it again after STORAGE_RETRY_S
            await asyncio.sleep(STORAGE_RETRY_S)
            other = await make_key(a.state.db, name="after")
            got = [
                await (ca if i % 2 else cb).get("/api/industries", headers={"X-API-Key": other}) for i in range(4)
            ]
            assert [int(r.headers["x-ratelimit-remaining"]) for r in got] == [3, 2, 1, 0]
            assert_problem(await cb.get("/api/industries", headers={"X-API-Key": other}), 429)
            pixels = [(await ca.get("/t/o/not-a-token.gif")).status_code for _ in range(3)]
            assert pixels == [200, 200, 429]  # the tracking limit is enforced again
            for c in (ca, cb):
                health = (await c.get("/api/health")).json()
                assert health["rate_limit"] == {"storage": "redis", "state": "ok", "scope": "shared"}


async def test_an_app_starts_while_redis_is_away_and_the_lifespan_closes_the_pool(database_url, redis):
    redis.stop()
    settings = make_settings(database_url, RATE_LIMIT_STORAGE_URI=redis.url)
    app = create_app(settings)
    async with app.router.lifespan_context(app), client_for(app) as c:
        health = await c.get("/api/health")
        assert health.status_code == 200 and health.json()["rate_limit"]["state"] == "unavailable"
        redis.start()
        assert (await c.get("/api/health")).json()["rate_limit"]["state"] == "ok"
        assert redis.connected_clients() >= 1  # the app's pool
    assert redis.connected_clients() == 0  # closed by the lifespan's shutdown


async def test_a_key_revoked_on_one_process_is_refused_by_the_other_within_the_cache_ttl(database_url, redis):
    ttl = 1.0
    async with two_apps(database_url, redis, API_KEY_CACHE_TTL_S=ttl) as (a, b):
        key = await make_key(a.state.db, name="to revoke")
        admin = await make_key(a.state.db, scopes=("read", "write", "admin"), name="admin")
        async with client_for(a, headers={"X-API-Key": key}) as ca, client_for(b) as cb:
            assert (await ca.get("/api/industries")).status_code == 200  # now in a's cache
            keys = (await cb.get("/api/keys", headers={"X-API-Key": admin})).json()["items"]
            key_id = next(k["id"] for k in keys if k["name"] == "to revoke")
            revoked = await cb.delete(f"/api/keys/{key_id}", headers={"X-API-Key": admin})
            assert revoked.status_code == 200, revoked.text
            revoked_at = time.monotonic()
            # refused at once where it was revoked
            assert_problem(await cb.get("/api/industries", headers={"X-API-Key": key}), 401)
            statuses = []
            while time.monotonic() - revoked_at < ttl + 0.5:
                statuses.append(((await ca.get("/api/industries")).status_code, time.monotonic() - revoked_at))
                await asyncio.sleep(0.05)
            # a's cached copy answers until it expires (at most the TTL), never after
            assert all(s == 401 for s, t in statuses if t > ttl), statuses
            assert statuses[-1][0] == 401


async def _starts(pacers: list[Any], per_pacer: int) -> tuple[float, list[float]]:
    """(when the pacers were first called, every start they allowed, sorted)."""
    starts: list[float] = []

    async def go(pacer: Any) -> None:
        for _ in range(per_pacer):
            await pacer.wait()
            starts.append(time.monotonic())

    began = time.monotonic()
    await asyncio.gather(*(go(p) for p in pacers))
    return began, sorted(starts)


def _on_schedule(began: float, starts: list[float], interval: float) -> bool:
    """The n-th start came no sooner than n intervals after the first call (a late wake-up may
    bunch two starts together on a busy machine; an early one would break the schedule)."""
    return all(start - began >= n * interval * 0.9 for n, start in enumerate(starts))


async def test_clay_pushes_to_one_table_are_paced_across_processes_through_redis(redis):
    from clay.push import Pacer
    from core.ratelimit import LimitStorage

    rate, interval = 20.0, 1 / 20.0
    # two processes' storages on one Redis, one pacer each for the same table
    one, two = LimitStorage(redis.url), LimitStorage(redis.url)
    try:
        began, starts = await _starts(
            [Pacer(rate, key="table", shared=one), Pacer(rate, key="table", shared=two)], 5
        )
        assert _on_schedule(began, starts, interval), [round(s - began, 3) for s in starts]

        # Per process (no Redis), the same two pacers would each keep their own schedule:
        began, alone = await _starts([Pacer(rate, key="table"), Pacer(rate, key="table")], 5)
        assert not _on_schedule(began, alone, interval)
        assert alone[1] - began < interval / 2  # both went at once

        # Redis away: each process paces on its own (still on schedule within a process), no error.
        redis.stop()
        began, local = await _starts([Pacer(rate, key="table", shared=one)], 4)
        assert _on_schedule(began, local, interval), [round(s - began, 3) for s in local]
        assert one.state == "unavailable"
    finally:
        await one.close()
        await two.close()
