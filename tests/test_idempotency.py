"""Idempotency-Key on POST: replay, conflict on a different body, 409 while in flight."""

import hashlib

from sqlalchemy import func, select

from models import ApiKey, IdempotencyKey
from tests.conftest import assert_problem, make_key


async def _count_keys(app) -> int:
    async with app.state.db.session(write=False) as s:
        return await s.scalar(select(func.count()).select_from(ApiKey))


async def test_replay_returns_the_stored_response_and_does_not_run_twice(client, admin_key, app):
    headers = {"X-API-Key": admin_key, "Idempotency-Key": "create-ci-key-1"}
    first = await client.post("/api/keys", json={"name": "ci"}, headers=headers)
    assert first.status_code == 201
    before = await _count_keys(app)
    again = await client.post("/api/keys", json={"name": "ci"}, headers=headers)
    assert again.status_code == 201
    # the same key, but its secret is never stored: the replay carries it as null (issue 13, finding 6)
    assert again.json()["id"] == first.json()["id"] and first.json()["key"].startswith("tune_")
    assert again.json()["key"] is None
    assert {k: v for k, v in again.json().items() if k not in ("key", "redacted")} == {
        k: v for k, v in first.json().items() if k != "key"
    }
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["x-request-id"] != first.headers["x-request-id"]
    assert await _count_keys(app) == before


async def test_same_key_different_body_is_422(client, admin_key):
    headers = {"X-API-Key": admin_key, "Idempotency-Key": "k-2"}
    assert (await client.post("/api/keys", json={"name": "a"}, headers=headers)).status_code == 201
    body = assert_problem(await client.post("/api/keys", json={"name": "b"}, headers=headers), 422)
    assert "different request" in body["detail"]


async def test_concurrent_duplicate_is_409(client, admin_key, app):
    # The first request with this key is still running: its row is claimed but has no response yet.
    async with app.state.db.session() as s:
        s.add(
            IdempotencyKey(
                api_key_hash=hashlib.sha256(admin_key.encode()).hexdigest(),
                key="k-3",
                request_hash=hashlib.sha256(b"/api/keys\n\n" + b'{"name":"c"}').hexdigest(),
            )
        )
    r = await client.post(
        "/api/keys",
        content=b'{"name":"c"}',
        headers={"X-API-Key": admin_key, "Idempotency-Key": "k-3", "Content-Type": "application/json"},
    )
    assert_problem(r, 409)


async def test_keys_are_scoped_per_api_key(client, admin_key, app):
    other_admin = await make_key(app.state.db, workspace="other", scopes=("read", "write", "admin"))
    a = await client.post(
        "/api/keys", json={"name": "x"}, headers={"X-API-Key": admin_key, "Idempotency-Key": "s"}
    )
    b = await client.post(
        "/api/keys", json={"name": "x"}, headers={"X-API-Key": other_admin, "Idempotency-Key": "s"}
    )
    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"]
    assert a.json()["workspace_id"] != b.json()["workspace_id"]


async def test_failures_are_not_stored_so_a_retry_can_succeed(client, api_key, admin_key):
    headers = {"Idempotency-Key": "retry-me"}
    forbidden = await client.post("/api/keys", json={"name": "x"}, headers={**headers, "X-API-Key": api_key})
    assert_problem(forbidden, 403)
    ok = await client.post("/api/keys", json={"name": "x"}, headers={**headers, "X-API-Key": api_key})
    assert_problem(ok, 403)  # still evaluated afresh, not replayed
    assert "idempotent-replayed" not in ok.headers
