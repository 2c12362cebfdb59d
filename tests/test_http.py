"""HTTP hygiene: CORS, body cap, request ids, problem+json for every error, no stack traces."""

import json

from fastapi.routing import APIRoute

from api_server import create_app
from tests.conftest import assert_problem, client_for, make_settings


async def test_cors_allows_only_listed_origins(client):
    ok = await client.options(
        "/api/industries",
        headers={
            "Origin": "http://localhost:3000",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "X-API-Key",
        },
    )
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == "http://localhost:3000"
    evil = await client.options(
        "/api/industries", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in evil.headers


async def test_oversized_body_is_413_by_length_and_by_stream(database_url):
    app = create_app(make_settings(database_url, MAX_BODY_BYTES=2048))
    async with app.router.lifespan_context(app), client_for(app) as client:
        big = json.dumps({"name": "x" * 5000})
        r = await client.post("/api/keys", content=big, headers={"Content-Type": "application/json"})
        assert_problem(r, 413)

        async def chunks():
            for _ in range(5):
                yield b"x" * 1000

        r = await client.post(
            "/api/keys", content=chunks(), headers={"Content-Type": "application/json", "X-API-Key": "tune_dev_x"}
        )
        assert_problem(r, 413)


async def test_request_id_is_accepted_or_made_and_returned(client, api_key):
    r = await client.get("/api/industries", headers={"X-API-Key": api_key, "X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    r = await client.get("/api/industries", headers={"X-API-Key": api_key, "X-Request-ID": "bad id\n!"})
    assert r.headers["x-request-id"] != "bad id\n!" and len(r.headers["x-request-id"]) == 32


async def test_routing_errors_are_problem_json(client, api_key):
    assert_problem(await client.get("/api/nope", headers={"X-API-Key": api_key}), 404)
    assert_problem(await client.put("/api/health"), 405)


async def test_validation_error_is_422_problem_without_echoing_input(client, admin_key):
    r = await client.post(
        "/api/keys",
        json={"name": "x", "scopes": ["root"], "secret_field": "hunter2"},
        headers={"X-API-Key": admin_key},
    )
    body = assert_problem(r, 422)
    assert {tuple(e["loc"]) for e in body["errors"]} >= {("body", "scopes", 0), ("body", "secret_field")}
    assert "hunter2" not in r.text
    assert_problem(
        await client.post(
            "/api/keys", content=b"{not json", headers={"X-API-Key": admin_key, "Content-Type": "application/json"}
        ),
        422,
    )


async def test_unexpected_error_is_500_problem_without_stack_trace(database_url):
    app = create_app(make_settings(database_url))

    async def boom() -> None:
        raise RuntimeError("secret internals: password=hunter2")

    app.router.routes.append(APIRoute("/api/boom", boom))
    async with app.router.lifespan_context(app), client_for(app) as client:
        r = await client.get("/api/boom")
        body = assert_problem(r, 500)
        assert "hunter2" not in r.text and "RuntimeError" not in r.text
        assert body["request_id"]


async def test_openapi_documents_the_api(client):
    spec = (await client.get("/openapi.json")).json()
    assert "/api/industries" in spec["paths"] and "/api/keys" in spec["paths"]
    assert "APIKeyHeader" in spec["components"]["securitySchemes"]
    assert (await client.get("/docs")).status_code == 200
