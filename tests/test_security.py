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

import paging
from tests.conftest import assert_problem, client_for, make_key
from tests.test_agents_and_analysis import DANA


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
        return int(await conn.scalar(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")))


# --- finding 1: bad values flood the database, other tenants must not notice ---------------------


async def test_finding1_data_errors_are_422_and_keep_the_pool(rig, backend):
    """NUL bytes, tampered cursors, out-of-range values: 422, never 503, and no pool is dropped."""
    app, good = await rig()
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
        for sql, params in (("SELECT CAST(:v AS text)", {"v": "a\x00b"}),
                            ("SELECT CAST(:v AS integer) + 1", {"v": 10**12}),
                            ("SELECT 1/0", {})):
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
    app, good = await rig(DB_POOL_SIZE=5, DB_MAX_OVERFLOW=10, RATE_LIMIT="100000/minute")
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
            for request in (bad.post("/api/prospects/analyze", json={"industry": "casino", "prospect": nul}),
                            bad.get(f"/api/campaigns/{bad_cid}/prospects/1",
                                    params={"cursor": _b64([10**30, str(uuid.uuid4())])}),
                            bad.get(f"/api/tracking/{bad_cid}/events", params={"cursor": _b64([10**30 + i])}),
                            bad.get("/api/campaigns", params={"cursor": _b64(["0001-01-01T00:00:00+14:00",
                                                                               str(uuid.uuid4())])})):
                bad_statuses.append((await request).status_code)

    async def normal() -> None:
        nonlocal peak
        while time.monotonic() < stop:
            for request in (public.get("/api/health"), good.get("/api/campaigns"),
                            good.get(f"/api/campaigns/{cid}/prospects/1")):
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
    app, good = await rig(CLAY_WEBHOOK_SECRETS="s" * 32)
    cid = await _campaign(good)
    public = client_for(app)
    too_long = await public.post("/api/clay/webhook", content=b"{}",
                                 headers={"X-Signature": "t=" + "9" * 400 + ",v1=00",
                                          "Content-Type": "application/json"})
    assert_problem(too_long, 401)
    deep = b"[" * 50_000 + b"]" * 50_000
    assert_problem(await public.post("/api/clay/webhook", content=deep,
                                      headers={"Content-Type": "application/json", "X-Clay-Secret": "s" * 32}),
                   422)
    assert_problem(await good.post("/api/prospects/analyze", content=b'{"prospect":' + b"[" * 5000,
                                   headers={"Content-Type": "application/json"}), 422)
    assert_problem(await good.get(f"/api/analytics/{cid}/timeline",
                                  params={"since": "0001-01-01T00:00:00+14:00"}), 422)
    event = {"id": "e1", "type": "open", "occurred_at": "0001-01-01T00:00:00+14:00", "campaign_id": cid,
             "email": "p0@silverpeakcasino.com"}
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
            await conn.execute(text("SELECT no_such_column FROM api_keys WHERE key_hash = :h"),
                               {"h": "hunter2-secret-parameter"})

    async def apply(self, session: Any, ctx: Any, key: str, payload: dict[str, Any], prepared: Any) -> Any:
        return {}


async def test_finding9_job_errors_show_no_sql(rig, backend):
    import auth
    import jobs

    jobs.register("test_leaky", _LeakyHandler())
    app, client = await rig()
    async with app.state.db.session() as session:
        ws = await auth.get_or_create_workspace(session, name="acme")
        job = await jobs.enqueue(session, workspace_id=ws.id, kind="test_leaky", payload={},
                                 items=[("k1", {})])
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
