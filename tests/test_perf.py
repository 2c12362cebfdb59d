"""Hot-path shortcuts keep every promise: cached reads see writes at once, the faster rate-limit
store decides exactly like a moving window, reads skip the session work but writes still commit."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest
from sqlalchemy import update

from models import IndustryAgent, utcnow
from perf.ratelimit_memory import DequeMemoryStorage

BUILD = {"industry": "casino", "company": "Tune Outbound", "offer": "player reactivation campaigns"}


async def _industries(client) -> dict:
    r = await client.get("/api/industries")
    assert r.status_code == 200, r.text
    return {i["slug"]: i for i in r.json()["items"]}


async def test_cached_industries_show_a_build_and_a_change_at_once(rig):
    """The list is served from a per-workspace cache; a build (ORM insert) and a status change made
    with a bulk UPDATE both show on the very next read, long before the cache's TTL."""
    rg = await rig()
    app, client = rg.app, rg.client
    assert (await _industries(client))["casino"]["agent_status"] is None
    assert (await _industries(client))["casino"]["agent_status"] is None  # now cached
    assert (await client.post("/api/agents/build", json=BUILD)).status_code == 202
    casino = (await _industries(client))["casino"]
    assert (casino["agent_status"], casino["agent_version"]) == ("ready", 1)
    async with app.state.db.session() as session:
        await session.execute(
            update(IndustryAgent).where(IndustryAgent.industry == "casino").values(status="failed")
        )
    assert (await _industries(client))["casino"]["agent_status"] == "failed"


async def test_another_workspace_never_sees_a_cached_list(rig):
    from tests.conftest import client_for, make_key

    rg = await rig()

    app, client = rg.app, rg.client
    assert (await client.post("/api/agents/build", json=BUILD)).status_code == 202
    assert (await _industries(client))["casino"]["agent_version"] == 1
    other = client_for(app, headers={"X-API-Key": await make_key(app.state.db, workspace="other")})
    assert (await _industries(other))["casino"]["agent_version"] is None


async def test_memory_rate_limit_store_is_a_moving_window():
    store = DequeMemoryStorage()
    assert [await store.acquire_entry("k", 3, 1) for _ in range(4)] == [True, True, True, False]
    start, n = await store.get_moving_window("k", 3, 1)
    assert n == 3 and time.time() - 1 < start <= time.time()
    assert await store.acquire_entry("other", 3, 1)  # per key
    assert not await store.acquire_entry("k", 3, 1, amount=1)
    await asyncio.sleep(1.05)
    assert await store.acquire_entry("k", 3, 1)  # the window moved: the oldest hits expired
    assert (await store.get_moving_window("k", 3, 1))[1] == 1
    assert not await store.acquire_entry("k", 3, 1, amount=4)  # more than the limit at once
    await store.reset()
    assert (await store.get_moving_window("k", 3, 1))[1] == 0


async def test_requests_that_miss_the_key_cache_together_share_one_lookup(rig, monkeypatch):
    """A cold cache under load used to send every waiting request to the database, each with its own
    last_used_at write queued behind the writer lock (seconds of waiting at 64 connections)."""
    import auth
    from tests.conftest import client_for, make_key

    app = (await rig()).app
    calls = []
    real = auth._lookup

    async def counting(*args, **kwargs):
        calls.append(args[1])
        await asyncio.sleep(0.05)  # a lookup that takes a while: the others arrive meanwhile
        return await real(*args, **kwargs)

    monkeypatch.setattr(auth, "_lookup", counting)
    fresh = client_for(app, headers={"X-API-Key": await make_key(app.state.db, name="fresh")})
    answers = await asyncio.gather(*(fresh.get("/api/industries") for _ in range(20)))
    assert [r.status_code for r in answers] == [200] * 20 and len(calls) == 1
    forged = client_for(app, headers={"X-API-Key": "tune_dev_" + "x" * 43})
    refused = await asyncio.gather(*(forged.get("/api/industries") for _ in range(10)))
    assert [r.status_code for r in refused] == [401] * 10 and len(calls) == 2


async def test_a_batch_stored_in_bulk_matches_storing_one_by_one(rig):
    """store_many writes a batch with a few multi-row statements; a repeated email still merges over
    the earlier item of the same batch, as when the items were stored one after the other."""
    client = (await rig()).client
    first = {"email": "Dana@Casino.example.com", "first_name": "Dana", "title": "VP Marketing"}
    again = {"email": "dana@casino.example.com", "company": "Silver Peak Casino", "employees": 2000}
    other = {"email": "sam@casino.example.com", "first_name": "Sam", "title": "Casino Host"}
    r = await client.post(
        "/api/prospects/analyze-batch", json={"industry": "casino", "prospects": [first, other, again]}
    )
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [i["status"] for i in items] == ["ok"] * 3
    one, two, three = (i["result"] for i in items)
    assert one["prospect_id"] == three["prospect_id"] != two["prospect_id"]
    assert len({one["analysis_id"], two["analysis_id"], three["analysis_id"]}) == 3
    assert "company" in three["changed_fields"] and "title" in three["kept_fields"]
    stored = (await client.get(f"/api/prospects/{one['prospect_id']}")).json()
    assert stored["data"]["title"] == "VP Marketing" and stored["data"]["company"] == "Silver Peak Casino"


async def test_a_stored_analysis_reads_back_as_it_was_answered(rig):
    """The batch writer stores the result (its facts taken as they are) and the prospect through the
    engines' JSON codec (orjson): non-ASCII text, quotes and the facts come back exactly as answered."""
    client = (await rig()).client
    zoe = {
        "email": "zoe.muller@casino.example.com",
        "first_name": "Zoë",
        "last_name": 'Müller-"Ñandú"',
        "title": "VP Marketing",
        "company": "Casino Barrière Montreux",
        "employees": 900,
        "signals": ["Opening a 300-room hotel tower in Q2 2027 (€45M)", "Hiring a CRM manager — ‘loyalty’"],
    }
    r = await client.post("/api/prospects/analyze-batch", json={"industry": "casino", "prospects": [zoe]})
    assert r.status_code == 200, r.text
    answered = r.json()["items"][0]["result"]
    stored = (await client.get(f"/api/prospects/{answered['prospect_id']}")).json()
    assert stored["data"]["first_name"] == "Zoë" and stored["data"]["last_name"] == 'Müller-"Ñandú"'
    assert stored["data"]["signals"] == zoe["signals"]
    same = ("score", "tier", "breakdown", "persona", "pain_points", "hooks", "approach", "confidence", "data_gaps")
    assert {k: stored["analysis"][k] for k in same} == {k: answered[k] for k in same}
    assert stored["analysis"]["analysis_id"] == answered["analysis_id"]


def test_json_codec_writes_what_json_dumps_would_and_falls_back_for_the_rest():
    """orjson for what it can write (same value once read back), `json.dumps` for integers beyond 64
    bits, and the same TypeError as before for a value JSON cannot hold."""
    import json
    from datetime import UTC, datetime

    import pytest

    from perf import jsoncodec

    value = {"name": 'Zoë "Ñ" €', "n": [1, 2.5, None, True], "nested": {"t": ("a", "b")}, 3: "x"}
    assert json.loads(jsoncodec.dumps(value)) == json.loads(json.dumps(value))
    big = {"revenue": 10**30}
    assert json.loads(jsoncodec.dumps(big)) == big
    with pytest.raises(TypeError):
        jsoncodec.dumps({"at": datetime.now(UTC)})


async def test_the_campaign_read_on_the_driver_answers_like_the_engine(rig, monkeypatch):
    """GET /api/campaigns/{id} runs its one statement on the driver (perf/rawread.py): the same
    detail as the engine's path, a write seen by the very next read, and the engine's answer when
    the driver path fails."""
    import uuid

    from campaigns.service import get_campaign, read_campaign
    from models import Campaign
    from perf import rawread
    from tests.support.campaign_rig import make_campaign

    r = await rig()
    cid, _ = await make_campaign(r, 3)
    async with r.db.session(write=False) as s:
        ws = (await s.get(Campaign, uuid.UUID(cid))).workspace_id
    reader = rawread.reader(r.db)
    assert reader.kind in ("sqlite", "postgresql")
    answers = []
    real_first = reader.first

    async def counting(*args, **kwargs):
        answers.append(await real_first(*args, **kwargs))
        return answers[-1]

    monkeypatch.setattr(reader, "first", counting)
    fast = await read_campaign(r.db, workspace_id=ws, campaign_id=uuid.UUID(cid))
    assert answers and answers[-1] is not rawread.FAILED  # the driver answered
    async with r.db.session(write=False) as s:
        slow = await get_campaign(s, workspace_id=ws, campaign_id=uuid.UUID(cid))
    assert fast.model_dump() == slow.model_dump() and fast.stats.prospects == 3
    assert (await r.client.patch(f"/api/campaigns/{cid}", json={"status": "active"})).status_code == 200
    got = await r.client.get(f"/api/campaigns/{cid}")
    assert got.json()["status"] == "active" and answers[-1] is not rawread.FAILED
    assert (await r.client.get(f"/api/campaigns/{uuid.uuid4()}")).status_code == 404
    other = await r.other_client()
    assert (await other.get(f"/api/campaigns/{cid}")).status_code == 404  # another workspace's

    def broken(self, values):
        raise OSError("connection lost")

    monkeypatch.setattr(rawread._Prepared, "params", broken)
    again = await r.client.get(f"/api/campaigns/{cid}")
    assert answers[-1] is rawread.FAILED
    assert again.status_code == 200 and again.json() == got.json()


async def test_a_workspace_cache_reads_once_at_a_time_and_refreshes_before_it_runs_out():
    """Under load every entry used to run out for all requests at once, each of which then read the
    database itself (a 1-2 s stall at 500 connections on PostgreSQL). Now one read at a time per
    workspace; an entry past half its TTL is still answered while one request reads it again."""
    from perf.cache import WorkspaceCache

    now = [0.0]
    cache = WorkspaceCache("test", ttl_s=2.0, clock=lambda: now[0])
    ws = uuid.uuid4()
    reads: list[int] = []
    gate = asyncio.Event()

    async def load() -> list[int]:
        reads.append(len(reads))
        await gate.wait()
        return [len(reads)]

    misses = [asyncio.ensure_future(cache.get_or_load(ws, load)) for _ in range(20)]
    await asyncio.sleep(0)
    gate.set()
    assert [await m for m in misses] == [[1]] * 20 and len(reads) == 1  # 20 misses, one read
    gate.clear()
    now[0] = 0.9  # young entry: answered, no read
    assert await cache.get_or_load(ws, load) == [1] and len(reads) == 1
    now[0] = 1.2  # past half its TTL: one request reads again, the others get the entry meanwhile
    refresh = asyncio.ensure_future(cache.get_or_load(ws, load))
    await asyncio.sleep(0)
    assert [await cache.get_or_load(ws, load) for _ in range(5)] == [[1]] * 5 and len(reads) == 2
    gate.set()
    assert await refresh == [2]
    now[0] = 2.1  # the refreshed entry is young again
    assert await cache.get_or_load(ws, load) == [2] and len(reads) == 2
    now[0] = 3.3  # past the refreshed entry's TTL (no request in its second half): read again
    assert await cache.get_or_load(ws, load) == [3] and len(reads) == 3


async def test_a_workspace_cache_read_that_began_before_a_write_is_not_shared_after_it():
    from perf.cache import WorkspaceCache

    cache = WorkspaceCache("test", ttl_s=60.0)
    ws = uuid.uuid4()
    gate = asyncio.Event()
    version = ["before"]

    async def load() -> str:
        seen = version[0]
        await gate.wait()
        return seen

    early = asyncio.ensure_future(cache.get_or_load(ws, load))
    await asyncio.sleep(0)
    version[0] = "after"
    cache.invalidate(ws)  # what a flush or commit of the workspace's agents does
    late = asyncio.ensure_future(cache.get_or_load(ws, load))  # arrives after the write
    await asyncio.sleep(0)
    gate.set()
    assert (await early, await late) == ("before", "after")
    assert cache.get(ws) == "after"  # the read from before the write was not kept

    failing = WorkspaceCache("test", ttl_s=60.0)
    calls = []

    async def broken() -> str:
        calls.append(1)
        await asyncio.sleep(0.01)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        return "ok"

    first = asyncio.ensure_future(failing.get_or_load(ws, broken))
    await asyncio.sleep(0)
    waiter = asyncio.ensure_future(failing.get_or_load(ws, broken))
    with pytest.raises(RuntimeError):
        await first
    assert await waiter == "ok" and len(calls) == 2  # the waiter read on its own


async def test_a_cached_key_is_looked_up_again_by_one_request_and_revocation_still_holds(rig, monkeypatch):
    """A key past half its cache life is looked up again by one request while the others are
    answered from the cache; a key revoked elsewhere is refused from that lookup on, within the TTL."""
    import auth
    from models import ApiKey
    from tests.conftest import client_for, make_key

    app = (await rig()).app
    cache = app.state.key_cache
    now = [1000.0]
    monkeypatch.setattr(cache, "clock", lambda: now[0])
    calls = []
    real = auth._lookup

    async def counting(*args, **kwargs):
        calls.append(1)
        await asyncio.sleep(0.05)
        return await real(*args, **kwargs)

    monkeypatch.setattr(auth, "_lookup", counting)
    client = client_for(app, headers={"X-API-Key": await make_key(app.state.db, name="refresh")})
    assert (await client.get("/api/industries")).status_code == 200 and len(calls) == 1
    now[0] += cache.ttl * 0.4
    assert (await client.get("/api/industries")).status_code == 200 and len(calls) == 1  # cached
    now[0] += cache.ttl * 0.2  # past half its life: one lookup, nobody waits for it
    answers = await asyncio.gather(*(client.get("/api/industries") for _ in range(10)))
    assert [r.status_code for r in answers] == [200] * 10 and len(calls) == 2
    async with app.state.db.session() as s:  # revoked from another process
        await s.execute(update(ApiKey).values(revoked_at=utcnow()))
    now[0] += cache.ttl * 0.6
    assert (await client.get("/api/industries")).status_code == 401  # the lookup finds it revoked
    assert (await client.get("/api/industries")).status_code == 401 and len(calls) == 4


async def test_driver_reads_on_postgresql_take_the_pool_first_come_first_served(pg_database_url, monkeypatch):
    """asyncpg's pool hands a released connection to whichever task asks next: a client reading
    again at once took it back before the waiter it had woken, which queued again at the back (at 500
    connections some campaign reads waited over a second). The raw reader now serves them in order."""
    import contextvars

    import asyncpg
    from sqlalchemy import literal_column, select

    from api_server import create_app
    from perf import rawread
    from tests.conftest import make_settings

    app = create_app(make_settings(pg_database_url))
    async with app.router.lifespan_context(app):
        reader = rawread.reader(app.state.db)
        stmt = select(literal_column("1"))
        # the pool opens its connections as they are first needed: open them all before measuring
        await asyncio.gather(*(reader.first("fairness-probe", stmt, {}) for _ in range(16)))
        assert len(reader._pool._holders) == reader._pool_size()
        slot: contextvars.ContextVar[int] = contextvars.ContextVar("slot")
        arrived, started = [], []
        real = asyncpg.connection.Connection.fetchrow

        def fetchrow(self, *args, **kwargs):  # the moment a read got its connection
            started.append(slot.get())
            return real(self, *args, **kwargs)

        monkeypatch.setattr(asyncpg.connection.Connection, "fetchrow", fetchrow)

        async def client() -> None:
            for _ in range(8):  # back to back, as a load generator's connection does
                slot.set(len(arrived))
                arrived.append(slot.get())
                assert await reader.first("fairness-probe", stmt, {}) == (1,)

        await asyncio.gather(*(client() for _ in range(24)))
        assert len(started) == 192 and started == arrived
