"""Issue 13: what an adversarial review found, each finding kept fixed by a test, on SQLite and
PostgreSQL. Each test names its finding; each one failed on the code before the fix.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from core import paging
from tests.conftest import assert_problem, client_for, make_key
from tests.support.people import DANA


def _b64(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).rstrip(b"=").decode()


async def _campaign(client: httpx.AsyncClient, prospects: int = 2) -> str:
    created = await client.post("/api/campaigns/create", json={"name": "Reno casinos", "industry": "casino"})
    assert created.status_code == 201, created.text
    cid = created.json()["id"]
    people = [{**DANA, "email": f"p{i}@silverpeakcasino.com"} for i in range(prospects)]
    added = await client.post(f"/api/campaigns/{cid}/prospects", json={"prospects": people})
    assert added.status_code == 200, added.text
    return cid


async def _connections(db: Any) -> int:
    """Connections open on this test's PostgreSQL database (the service's pool and the leaks)."""
    async with db.engine.connect() as conn:
        return int(
            await conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"))
        )


# --- finding 1: bad values flood the database, other tenants must not notice ---------------------


async def test_finding1_data_errors_are_422_and_keep_the_pool(rig, backend):
    """NUL bytes, tampered cursors, out-of-range values: 422, never 503, and no pool is dropped."""
    rg = await rig()
    app, good = rg.app, rg.client
    bad = client_for(app, headers={"X-API-Key": await make_key(app.state.db, workspace="mallory")})
    cid = await _campaign(bad)
    nul = {**DANA, "first_name": "Da\x00na"}
    answers = [
        await bad.post("/api/prospects/analyze", json={"industry": "casino", "prospect": nul}),
        await bad.post("/api/campaigns/create", json={"name": "x\u0000y", "industry": "casino"}),
        await bad.get("/api/campaigns", params={"cursor": _b64(["0001-01-01T00:00:00+14:00", str(uuid.uuid4())])}),
        await bad.get(f"/api/campaigns/{cid}/prospects/1", params={"cursor": _b64([10**30, str(uuid.uuid4())])}),
        await bad.get(f"/api/tracking/{cid}/events", params={"cursor": _b64([10**30])}),
        await bad.get("/api/campaigns", params={"cursor": "abc.def"}),
        await bad.get("/api/industries?x=%00"),
    ]
    for answer in answers:
        assert_problem(answer, 422)
    # The signed cursors the service hands out still work.
    for i in range(3):
        created = await good.post("/api/campaigns/create", json={"name": f"c{i}", "industry": "casino"})
        assert created.status_code == 201
    first = (await good.get("/api/campaigns", params={"limit": 2})).json()
    assert first["next_cursor"] and "." in first["next_cursor"]
    second = await good.get("/api/campaigns", params={"limit": 2, "cursor": first["next_cursor"]})
    assert second.status_code == 200 and len(second.json()["items"]) == 1
    forged = first["next_cursor"].split(".")[0] + "." + "A" * 22
    assert_problem(await good.get("/api/campaigns", params={"cursor": forged}), 422)


async def test_finding1_database_errors_are_classified(app_factory, backend):
    """A value the database refuses is a data error (422, connections kept); a refused or dropped
    connection is 'lost' (503, recycled); pool exhaustion is 'busy' (503, connections kept)."""
    from sqlalchemy.exc import TimeoutError as PoolTimeoutError

    from database_async import classify_error

    app = await app_factory()
    db = app.state.db
    if backend == "postgres":
        for sql, params in (
            ("SELECT CAST(:v AS text)", {"v": "a\x00b"}),
            ("SELECT CAST(:v AS integer) + 1", {"v": 10**12}),
            ("SELECT 1/0", {}),
        ):
            with pytest.raises(Exception) as caught:
                async with db.engine.connect() as conn:
                    await conn.execute(text(sql), params)
            assert classify_error(caught.value) == "data", caught.value
    else:
        with pytest.raises(Exception) as caught:
            async with db.engine.connect() as conn:
                await conn.execute(text("SELECT :v"), {"v": 10**30})
        assert classify_error(caught.value) == "data", caught.value
    assert classify_error(ConnectionRefusedError()) == "lost"
    assert classify_error(PoolTimeoutError()) == "busy"


@pytest.mark.parametrize("backend", ["postgres"])
async def test_finding1_a_flood_of_bad_requests_leaves_other_tenants_untouched(rig, backend):
    """Five loops of malformed requests from one tenant for 3 s (PostgreSQL, pool 5 + 10):
    the other tenant's requests and the health check all answer 200, and the connections open on
    the database never exceed the pool's size."""
    rg = await rig(DB_POOL_SIZE=5, DB_MAX_OVERFLOW=10, RATE_LIMIT="100000/minute")
    app, good = rg.app, rg.client
    cid = await _campaign(good)
    bad = client_for(app, headers={"X-API-Key": await make_key(app.state.db, workspace="mallory")})
    bad_cid = await _campaign(bad)
    public = client_for(app)
    stop = time.monotonic() + 3
    bad_statuses: list[int] = []
    good_statuses: list[int] = []
    peak = 0

    async def flood(i: int) -> None:
        nul = {**DANA, "first_name": "Da\x00na"}
        while time.monotonic() < stop:
            for request in (
                bad.post("/api/prospects/analyze", json={"industry": "casino", "prospect": nul}),
                bad.get(
                    f"/api/campaigns/{bad_cid}/prospects/1", params={"cursor": _b64([10**30, str(uuid.uuid4())])}
                ),
                bad.get(f"/api/tracking/{bad_cid}/events", params={"cursor": _b64([10**30 + i])}),
                bad.get(
                    "/api/campaigns", params={"cursor": _b64(["0001-01-01T00:00:00+14:00", str(uuid.uuid4())])}
                ),
            ):
                bad_statuses.append((await request).status_code)

    async def normal() -> None:
        nonlocal peak
        while time.monotonic() < stop:
            for request in (
                public.get("/api/health"),
                good.get("/api/campaigns"),
                good.get(f"/api/campaigns/{cid}/prospects/1"),
            ):
                good_statuses.append((await request).status_code)
            peak = max(peak, await _connections(app.state.db))
            await asyncio.sleep(0.02)

    await asyncio.gather(*(flood(i) for i in range(5)), normal())
    assert bad_statuses and set(bad_statuses) == {422}, sorted(set(bad_statuses))
    assert good_statuses and set(good_statuses) == {200}, sorted(set(good_statuses))
    assert peak <= 5 + 10 + 1, peak  # the pool's size and overflow, plus the counting connection
    assert (await public.get("/api/health")).status_code == 200


# --- finding 8: malformed input is a 4xx, never a 500 ---------------------------------------------


async def test_finding8_malformed_input_is_4xx(rig, backend):
    rg = await rig()
    app, good = rg.app, rg.client
    cid = await _campaign(good)
    public = client_for(app)
    too_long = await public.post(
        f"/api/clay/webhook?campaign_id={cid}",
        content=b"{}",
        headers={"X-Signature": "t=" + "9" * 400 + ",v1=00", "Content-Type": "application/json"},
    )
    assert_problem(too_long, 401)
    deep = b"[" * 50_000 + b"]" * 50_000
    assert_problem(
        await public.post(
            "/api/clay/webhook",
            content=deep,
            headers={"Content-Type": "application/json", "X-Clay-Secret": "s" * 32},
        ),
        422,
    )
    assert_problem(
        await good.post(
            "/api/prospects/analyze",
            content=b'{"prospect":' + b"[" * 5000,
            headers={"Content-Type": "application/json"},
        ),
        422,
    )
    assert_problem(
        await good.get(f"/api/analytics/{cid}/timeline", params={"since": "0001-01-01T00:00:00+14:00"}), 422
    )
    event = {
        "id": "e1",
        "type": "open",
        "occurred_at": "0001-01-01T00:00:00+14:00",
        "campaign_id": cid,
        "email": "p0@silverpeakcasino.com",
    }
    answer = await good.post("/api/tracking/events", json={"events": [event]})
    assert answer.status_code in (200, 422) and "Traceback" not in answer.text
    if answer.status_code == 200:
        assert answer.json()["items"][0]["status"] == "error", answer.text
    assert_problem(await good.get("/api/campaigns", params={"cursor": paging.encode("x", "y")[:-2] + "zz"}), 422)


# --- finding 12: the SSRF refusal tells nothing about internal names ------------------------------


async def test_finding12_ssrf_refusal_is_generic():
    import clay_integration as clay

    with pytest.raises(clay.UnsafeURL) as private:
        await clay.resolve_target("https://localhost/hook", allow_private=False)
    with pytest.raises(clay.UnsafeURL) as unknown:
        await clay.resolve_target("https://no-such-host.invalid/hook", allow_private=False)
    assert str(private.value) == str(unknown.value) == "the host does not resolve to a public address"
    assert "127.0.0.1" not in str(private.value) and "::1" not in str(private.value)


# --- finding 9: job errors show no SQL -------------------------------------------------------------


class _LeakyHandler:
    """A job kind whose items fail in the database with a statement that names a secret."""

    async def prepare(self, ctx: Any, key: str, payload: dict[str, Any]) -> Any:
        async with ctx.db.engine.connect() as conn:
            await conn.execute(
                text("SELECT no_such_column FROM api_keys WHERE key_hash = :h"), {"h": "hunter2-secret-parameter"}
            )

    async def apply(self, session: Any, ctx: Any, key: str, payload: dict[str, Any], prepared: Any) -> Any:
        return {}


async def test_finding9_job_errors_show_no_sql(rig, backend):
    import auth
    import jobs

    jobs.register("test_leaky", _LeakyHandler())
    rg = await rig()
    app, client = rg.app, rg.client
    async with app.state.db.session() as session:
        ws = await auth.get_or_create_workspace(session, name="acme")
        job = await jobs.enqueue(session, workspace_id=ws.id, kind="test_leaky", payload={}, items=[("k1", {})])
    jobs.wake()
    for _ in range(200):
        got = (await client.get(f"/api/jobs/{job.id}")).json()
        if got["status"] in ("succeeded", "failed"):
            break
        await asyncio.sleep(0.05)
    assert got["failed"] == 1, got
    shown = json.dumps(got)
    assert "SELECT" not in shown and "hunter2" not in shown and "api_keys" not in shown, shown
    assert "ref " in got["errors"][0]["error"]


# --- finding 10: secrets -----------------------------------------------------------------------------


def test_finding10_production_refuses_low_entropy_secrets():
    import secrets as random_secrets

    from pydantic import ValidationError

    from settings import Settings

    good = random_secrets.token_urlsafe(32)
    base = {"ENV": "production", "ALLOWED_ORIGINS": "https://app.example.com"}
    for weak in ("a" * 32, "ab" * 20, "password" * 5, "0123456701234567012345670123456701"):
        with pytest.raises(ValidationError, match="SECRET_KEY"):
            Settings(_env_file=None, SECRET_KEY=weak, **base)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="METRICS_TOKEN"):
        Settings(_env_file=None, SECRET_KEY=good, METRICS_TOKEN="x", **base)  # type: ignore[arg-type]
    for _ in range(50):  # random values always pass
        Settings(
            _env_file=None,
            SECRET_KEY=random_secrets.token_hex(16),  # type: ignore[arg-type]
            METRICS_TOKEN=random_secrets.token_urlsafe(32),
            **base,
        )


def test_finding10_make_run_writes_a_random_secret_once(tmp_path):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "ensure_secret", Path(__file__).resolve().parent.parent / "scripts" / "ensure_secret.py"
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    env = tmp_path / ".env"
    env.write_text("LOG_LEVEL=INFO\nSECRET_KEY=change-me\n")
    assert module.ensure_secret(env, environ={}) is True
    first = env.read_text()
    assert "LOG_LEVEL=INFO" in first and "change-me" not in first
    key = first.split("SECRET_KEY=", 1)[1].strip()
    assert len(key) >= 60
    assert module.ensure_secret(env, environ={}) is False and env.read_text() == first  # kept
    other = tmp_path / "other.env"
    assert module.ensure_secret(other, environ={}) is True
    assert other.read_text().split("=", 1)[1].strip() != key  # random each time
    assert module.ensure_secret(tmp_path / "third.env", environ={"SECRET_KEY": "set-elsewhere-123"}) is False
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/ensure_secret.py" in run and run.index("ensure_secret") < run.index("uvicorn")


# --- findings 13 and 14: docs, limits on every route, metrics ---------------------------------------


async def test_finding13_docs_are_off_in_production_and_locked_down_in_development(database_url):
    import secrets as random_secrets

    from api_server import create_app
    from tests.conftest import make_settings

    prod = create_app(
        make_settings(
            database_url,
            ENV="production",
            SECRET_KEY=random_secrets.token_urlsafe(32),
            ALLOWED_ORIGINS="https://app.example.com",
        )
    )
    async with prod.router.lifespan_context(prod), client_for(prod) as client:
        for path in ("/docs", "/redoc", "/openapi.json"):
            assert_problem(await client.get(path), 404)
    dev = create_app(make_settings(database_url, RATE_LIMIT="3/minute"))
    async with dev.router.lifespan_context(dev), client_for(dev) as client:
        page = await client.get("/docs")
        assert page.status_code == 200
        csp = page.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-eval" not in csp
        assert (await client.get("/openapi.json")).status_code == 200
        assert (await client.get("/redoc")).status_code == 200
        assert_problem(await client.get("/openapi.json"), 429)  # limited per IP like every route


async def test_finding14_limits_per_workspace_and_on_every_route(database_url):
    from api_server import create_app
    from tests.conftest import make_settings

    app = create_app(make_settings(database_url, RATE_LIMIT="3/minute", METRICS_TOKEN="m" * 8))
    async with app.router.lifespan_context(app), client_for(app) as client:
        admin = await make_key(app.state.db, scopes=("read", "write", "admin"))
        minted = [
            (
                await client.post(
                    "/api/keys", json={"name": f"k{i}", "scopes": ["read"]}, headers={"X-API-Key": admin}
                )
            )
            for i in range(2)
        ]
        assert [m.status_code for m in minted] == [201, 201]
        # the admin's workspace has used 2 of 3: a freshly minted key gets 1, not 3 more
        fresh = minted[1].json()["key"]
        assert (await client.get("/api/industries", headers={"X-API-Key": fresh})).status_code == 200
        assert_problem(await client.get("/api/industries", headers={"X-API-Key": fresh}), 429)
        # unmatched routes and static files are limited per IP
        assert [(await client.post(f"/api/nothing-{i}")).status_code for i in range(3)] == [404] * 3
        assert_problem(await client.post("/api/nothing-4"), 429)
        assert_problem(await client.get("/static/dashboard/dashboard.css"), 429)
        # /metrics: a tenant's admin key is refused; only the operator's token opens it
        other = create_app(make_settings(database_url, METRICS_TOKEN="m" * 8))
        async with other.router.lifespan_context(other), client_for(other) as c2:
            assert_problem(await c2.get("/metrics", headers={"X-API-Key": admin}), 403)
            assert (await c2.get("/metrics", headers={"Authorization": "Bearer " + "m" * 8})).status_code == 200


# --- findings 4 and 6: idempotency only for authenticated routed requests, never a secret stored -----


async def _idempotency_rows(db: Any) -> list[Any]:
    from sqlalchemy import select

    from models import IdempotencyKey

    async with db.session(write=False) as session:
        return list(await session.scalars(select(IdempotencyKey)))


async def test_finding4_idempotency_needs_a_valid_key_and_a_route_and_rows_expire(app_factory, backend):
    from datetime import timedelta

    from models import IdempotencyKey, utcnow

    app = await app_factory()
    key = await make_key(app.state.db)
    async with client_for(app) as client:
        for i in range(5):  # any X-API-Key value, unknown routes and known ones
            junk = {"X-API-Key": f"tune_dev_{'x' * 43}{i}", "Idempotency-Key": f"junk-{i}"}
            assert_problem(await client.post(f"/api/nowhere-{i}", json={}, headers=junk), 404)
            assert_problem(
                await client.post("/api/campaigns/create", json={"name": "x", "industry": "casino"}, headers=junk),
                401,
            )
            assert_problem(
                await client.post(
                    f"/api/nowhere-{i}", json={}, headers={"X-API-Key": key, "Idempotency-Key": f"real-{i}"}
                ),
                404,
            )
        assert await _idempotency_rows(app.state.db) == []
        # an expired row is purged when the next idempotent request comes in
        async with app.state.db.session() as session:
            session.add(
                IdempotencyKey(
                    api_key_hash="0" * 64,
                    key="old",
                    request_hash="0" * 64,
                    status_code=200,
                    response_headers=[],
                    response_body=b"{}",
                    created_at=utcnow() - timedelta(hours=25),
                )
            )
        made = await client.post(
            "/api/campaigns/create",
            json={"name": "x", "industry": "casino"},
            headers={"X-API-Key": key, "Idempotency-Key": "fresh"},
        )
        assert made.status_code == 201
        assert [r.key for r in await _idempotency_rows(app.state.db)] == ["fresh"]


async def test_finding6_no_secret_at_rest_and_no_replay_for_a_revoked_key(app_factory, backend):
    app = await app_factory()
    admin = await make_key(app.state.db, scopes=("read", "write", "admin"))
    headers = {"X-API-Key": admin, "Idempotency-Key": "rotate-1"}
    async with client_for(app) as client:
        first = await client.post("/api/keys", json={"name": "rotated"}, headers=headers)
        assert first.status_code == 201 and first.headers["cache-control"] == "no-store"
        secret = first.json()["key"]
        rows = await _idempotency_rows(app.state.db)
        assert len(rows) == 1 and secret.encode() not in (rows[0].response_body or b"")
        assert secret[-12:].encode() not in (rows[0].response_body or b"")
        replay = await client.post("/api/keys", json={"name": "rotated"}, headers=headers)
        assert replay.status_code == 201 and replay.headers["idempotent-replayed"] == "true"
        assert replay.json()["id"] == first.json()["id"] and replay.json()["key"] is None
        # the parent key is revoked (by the new key): its replay is refused, and holds no secret
        listed = (await client.get("/api/keys", headers={"X-API-Key": admin})).json()
        listed = listed["items"] if isinstance(listed, dict) else listed  # a page, or a bare list
        me = next(k for k in listed if k["name"] == "test key")
        new_admin = await make_key(app.state.db, scopes=("read", "write", "admin"), name="second admin")
        revoked = await client.delete(f"/api/keys/{me['id']}", headers={"X-API-Key": new_admin})
        assert revoked.status_code == 200
        again = await client.post("/api/keys", json={"name": "rotated"}, headers=headers)
        assert_problem(again, 401)
        assert secret not in again.text and "idempotent-replayed" not in again.headers


# --- finding 2: the Clay webhook stays inside the secret's workspace --------------------------------


async def test_finding2_clay_secret_per_workspace_and_no_campaign_oracle(app_factory, backend):
    import hashlib
    import hmac

    from sqlalchemy import func, select

    from models import CampaignProspect, ClayWebhookSecret, Prospect

    app = await app_factory()
    db = app.state.db
    admin = ("read", "write", "admin")
    a = client_for(app, headers={"X-API-Key": await make_key(db, workspace="alpha", scopes=admin)})
    b = client_for(app, headers={"X-API-Key": await make_key(db, workspace="beta", scopes=admin)})
    public = client_for(app)
    a_campaign, b_campaign = await _campaign(a, 1), await _campaign(b, 1)
    created = await a.post("/api/clay/webhook-secrets", json={"name": "clay"})
    assert created.status_code == 201 and created.headers["cache-control"] == "no-store"
    secret = created.json()["secret"]
    assert secret.startswith("whsec_") and len(secret) >= 40
    assert (await b.post("/api/clay/webhook-secrets", json={})).status_code == 201  # beta has its own
    listed = (await a.get("/api/clay/webhook-secrets")).json()["items"]
    assert [s["last4"] for s in listed] == [secret[-4:]] and secret not in json.dumps(listed)
    async with db.session(write=False) as s:
        stored = list(await s.scalars(select(ClayWebhookSecret)))
    assert all(secret.encode() not in r.ciphertext and secret[6:20].encode() not in r.ciphertext for r in stored)

    row = {
        "Email": "p0@silverpeakcasino.com",
        "First Name": "Overwritten",
        "Job Title": "Intern",
        "Company Name": "Silver Peak Casino Resort",
    }
    body = json.dumps(row).encode()

    async def post(campaign: Any, headers: dict[str, str]) -> httpx.Response:
        return await public.post(
            f"/api/clay/webhook?campaign_id={campaign}",
            content=body,
            headers={"Content-Type": "application/json", **headers},
        )

    def signed(key: str) -> dict[str, str]:
        t = int(time.time())
        mac = hmac.new(key.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
        return {"X-Signature": f"t={t},v1={mac}"}

    async def members(campaign: str) -> int:
        async with db.session(write=False) as s:
            return int(
                await s.scalar(
                    select(func.count())
                    .select_from(CampaignProspect)
                    .where(CampaignProspect.campaign_id == uuid.UUID(campaign))
                )
                or 0
            )

    before = await members(b_campaign)
    foreign = await post(b_campaign, {"X-Clay-Secret": secret})
    foreign_hmac = await post(b_campaign, signed(secret))
    unknown = await post(uuid.uuid4(), {"X-Clay-Secret": secret})
    wrong = await post(a_campaign, {"X-Clay-Secret": "whsec_" + "Z" * 43})
    for answer in (foreign, foreign_hmac, unknown, wrong):
        problem = assert_problem(answer, 401)
        assert problem["detail"] == "Invalid webhook secret or signature."
        assert "Overwritten" not in answer.text and "silverpeak" not in answer.text
    assert await members(b_campaign) == before
    async with db.session(write=False) as s:
        names = [d.get("first_name") for d in await s.scalars(select(Prospect.data))]
    assert names and "Overwritten" not in names  # no workspace's stored prospect was touched

    # its own campaign: both modes work; after revocation, nothing does
    for headers in ({"X-Clay-Secret": secret}, {"x-clay-webhook-auth": secret}, signed(secret)):
        ok = await post(a_campaign, headers)
        assert ok.status_code == 200, ok.text
        assert ok.json()["status"] == "scored"
    revoked = await a.delete(f"/api/clay/webhook-secrets/{created.json()['id']}")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert_problem(await post(a_campaign, {"X-Clay-Secret": secret}), 401)
    assert_problem(await b.delete(f"/api/clay/webhook-secrets/{created.json()['id']}"), 404)  # not beta's
