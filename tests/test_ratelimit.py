"""Rate limits: per workspace, per IP on public routes, 429 as problem+json, and no route escapes."""

import re
import time

from fastapi.routing import APIRoute

from api_server import create_app
from auth import require_key
from core.ratelimit import limit_by_ip, limit_tracking_by_ip
from tests.conftest import assert_problem, client_for, make_key, make_settings

PUBLIC = {"/api/health", "/t/o/{token}.gif", "/t/c/{token}", "/api/clay/webhook", "/dashboard", "/docs", "/redoc"}


async def test_101st_request_in_a_minute_is_429_with_retry_after(database_url):
    app = create_app(make_settings(database_url, RATE_LIMIT="100/minute"))
    async with app.router.lifespan_context(app):
        key = await make_key(app.state.db)
        sibling = await make_key(app.state.db)
        other = await make_key(app.state.db, workspace="another agency")
        async with client_for(app, headers={"X-API-Key": key}) as client:
            for i in range(100):
                r = await client.get("/api/industries")
                assert r.status_code == 200, (i, r.text)
                assert r.headers["x-ratelimit-limit"] == "100"
                assert r.headers["x-ratelimit-remaining"] == str(99 - i)
            limited = await client.get("/api/industries")
            body = assert_problem(limited, 429)
            assert body["type"].endswith("/rate-limited") and "100/minute" in body["detail"]
            retry_after = int(limited.headers["retry-after"])
            assert 1 <= retry_after <= 60
            assert limited.headers["x-ratelimit-remaining"] == "0"
            assert int(limited.headers["x-ratelimit-reset"]) >= int(time.time())
            # limits are per workspace (issue 13, finding 14): a second key of the same workspace
            # is limited too, so minting keys does not multiply the limit; another workspace is not
            assert_problem(await client.get("/api/industries", headers={"X-API-Key": sibling}), 429)
            r = await client.get("/api/industries", headers={"X-API-Key": other})
            assert r.status_code == 200


async def test_public_route_is_limited_per_ip(database_url):
    app = create_app(make_settings(database_url, RATE_LIMIT="3/minute"))
    async with app.router.lifespan_context(app), client_for(app) as client:
        assert [(await client.get("/api/health")).status_code for _ in range(3)] == [200] * 3
        assert_problem(await client.get("/api/health"), 429)


async def test_failed_auth_counts_against_the_ip(database_url):
    app = create_app(make_settings(database_url, RATE_LIMIT="3/minute"))
    async with app.router.lifespan_context(app), client_for(app) as client:
        bad = {"X-API-Key": "tune_dev_" + "0" * 43}
        assert [(await client.get("/api/industries", headers=bad)).status_code for _ in range(3)] == [401] * 3
        assert_problem(await client.get("/api/industries", headers=bad), 429)


def _dependency_calls(route: APIRoute) -> set:
    calls, stack = set(), [route.dependant]
    while stack:
        dep = stack.pop()
        calls.add(getattr(dep.call, "__name__", None))
        stack.extend(dep.dependencies)
    return calls


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "00000000-0000-0000-0000-000000000000", path)


async def test_every_route_is_authenticated_and_limited(database_url):
    """Walk app.routes: every non-public route needs a key (401 without) and is limited (429)."""
    app = create_app(make_settings(database_url, RATE_LIMIT="1/minute"))
    key_deps = {require_key(s).__name__ for s in ("read", "write", "admin")} | {"require_metrics_access"}
    api_routes = [r for r in app.routes if isinstance(r, APIRoute)]
    assert len(api_routes) >= 5
    async with app.router.lifespan_context(app):
        admin = await make_key(app.state.db, scopes=("read", "write", "admin"))
        async with client_for(app) as client:
            for route in api_routes:
                calls = _dependency_calls(route)
                for method in route.methods:
                    url = _concrete(route.path)
                    if route.path in PUBLIC:
                        assert calls & {limit_by_ip.__name__, limit_tracking_by_ip.__name__}, route.path
                        continue
                    assert calls & key_deps, f"{method} {route.path} has no API-key dependency"
                    first = await client.request(method, url, headers={"X-API-Key": admin})
                    assert first.status_code != 429, (method, route.path)
                    second = await client.request(method, url, headers={"X-API-Key": admin})
                    assert_problem(second, 429)
                    # start the next route with a fresh budget: limits are per workspace
                    admin = await make_key(
                        app.state.db, scopes=("read", "write", "admin"), workspace=f"w-{route.path}-{method}"
                    )


async def test_every_non_public_route_answers_401_without_a_key(client, app):
    for route in (r for r in app.routes if isinstance(r, APIRoute) and r.path not in PUBLIC):
        for method in route.methods:
            assert_problem(await client.request(method, _concrete(route.path)), 401)
