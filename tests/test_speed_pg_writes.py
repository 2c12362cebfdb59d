"""Issue 14 (round 8), PostgreSQL write paths made cheaper: each must store what the slower path stored.

- `write_analyses` on PostgreSQL upserts the prospects and inserts the analyses in one statement on the
  driver (`_PG_WRITE`); the Core statements it replaces stay the path elsewhere. Both are run on the
  same batch (a repeated e-mail, a known prospect whose stored fields must be kept, a replace, text
  outside ASCII) in two workspaces, and every stored column is compared, the JSON as stored text.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, text

import prospect_intelligence as intel
from models import Analysis, Prospect
from schemas import ProspectData

KNOWN = {
    "email": "dana.reyes@silverpeakcasino.com",
    "first_name": "Dana",
    "title": "VP of Marketing",
    "company": "Silver Peak Casino Resort",
    "signals": ["Opening a 400-room hotel tower in Q2 2027"],
}
BATCH: list[tuple[dict[str, Any], bool]] = [
    # the known prospect again, without her title: the stored title is kept, the signal added
    ({"email": "Dana.Reyes@SilverPeakCasino.com", "employees": 2000, "signals": ["Hiring a host"]}, False),
    ({"email": "zoe.muller@casino.example.com", "first_name": "Zoë", "last_name": 'Müller-"Ñandú"'}, False),
    (
        {"email": "sam@casino.example.com", "first_name": "Sam", "title": "Casino Host", "clay_row_id": "r-7"},
        False,
    ),
    # the same e-mail later in the batch merges over the earlier item
    ({"email": "zoe.muller@casino.example.com", "title": "Director of Player Development"}, False),
    # replace: what is sent, nothing kept
    ({"email": "lee@casino.example.com", "first_name": "Lee", "company": "Harbor Casino"}, True),
]


def _bind(db: Any, value: uuid.UUID) -> Any:
    return value.hex if db.is_sqlite else value


async def _stored(db: Any, workspace_id: uuid.UUID) -> dict[str, Any]:
    """The workspace's prospects and analyses as stored (ids replaced by e-mails, JSON as its text)."""
    async with db.session(write=False) as s:
        prospects = (
            await s.execute(
                text(
                    "SELECT email, clay_row_id, CAST(data AS TEXT), created_at = updated_at FROM prospects "
                    "WHERE workspace_id = :w ORDER BY email"
                ),
                {"w": _bind(db, workspace_id)},
            )
        ).all()
        analyses = (
            await s.execute(
                text(
                    "SELECT p.email, a.agent_id = i.id, a.industry, a.agent_version, a.engine, a.score, a.tier, "
                    "CAST(a.result AS TEXT), CAST(a.usage AS TEXT), a.usage IS NULL "
                    "FROM analyses a JOIN prospects p ON p.id = a.prospect_id "
                    "JOIN industry_agents i ON i.workspace_id = a.workspace_id AND i.industry = 'casino' "
                    "WHERE a.workspace_id = :w ORDER BY p.email, a.created_at"
                ),
                {"w": _bind(db, workspace_id)},
            )
        ).all()
    return {"prospects": [tuple(r) for r in prospects], "analyses": [tuple(r) for r in analyses]}


async def _write(rg: Any, workspace: str, *, raw: bool) -> tuple[uuid.UUID, list[intel.StoredRow]]:
    db = rg.db
    other = await rg.other_client(workspace)
    r = await other.post("/api/prospects/analyze-batch", json={"industry": "casino", "prospects": [KNOWN]})
    assert r.status_code == 200, r.text
    async with db.session(write=False) as s:
        pid = uuid.UUID(r.json()["items"][0]["result"]["prospect_id"])
        workspace_id = (await s.execute(select(Prospect.workspace_id).where(Prospect.id == pid))).scalar_one()
    agent, profile = await intel.agent_profile(db, workspace_id=workspace_id, industry="casino")
    outcomes = []
    for item, replace in BATCH:
        given = ProspectData.model_validate(item)
        [merged] = await intel.with_known(db, workspace_id=workspace_id, prospects=[given], replace=replace)
        outcomes.append(
            await intel.assess(
                rg.app.state.llm,
                workspace_id=workspace_id,
                profile=profile,
                data=merged,
                given=given,
                replace=replace,
            )
        )
    async with db.session() as s:
        rows = await intel.write_analyses(s, workspace_id=workspace_id, agent=agent, outcomes=outcomes, raw=raw)
    return workspace_id, rows


async def test_the_one_statement_pg_write_stores_what_the_core_statements_store(rig, monkeypatch):
    rg = await rig()
    calls = []
    one_statement = intel._pg_write

    async def counted(*args: Any) -> Any:
        calls.append(len(args[5]))
        return await one_statement(*args)

    monkeypatch.setattr(intel, "_pg_write", counted)
    ws_raw, raw_rows = await _write(rg, "raw writer", raw=True)
    # on PostgreSQL the known prospect's request and the batch went through the one statement (SQLite
    # has only the Core statements)
    assert calls == ([] if rg.db.is_sqlite else [1, 5])
    calls.clear()
    ws_core, core_rows = await _write(rg, "core writer", raw=False)
    assert calls == ([] if rg.db.is_sqlite else [1])  # the request only
    raw, core = await _stored(rg.db, ws_raw), await _stored(rg.db, ws_core)
    assert raw == core
    # four prospects (the known one merged, Zoë once), six analyses (the known one's first, then five)
    assert len(raw["prospects"]) == 4 and len(raw["analyses"]) == 6
    dana = next(p for p in raw["prospects"] if p[0].startswith("dana"))
    assert '"title":"VP of Marketing"' in dana[2] and "Hiring a host" in dana[2]  # kept and added
    # each answer names the prospect and the analysis it stored, as the Core path's answer does
    assert [r.merged.changed for r in raw_rows] == [r.merged.changed for r in core_rows]
    assert len({r.analysis_id for r in raw_rows}) == 5 and raw_rows[1].prospect_id == raw_rows[3].prospect_id
    async with rg.db.session(write=False) as s:
        for r in raw_rows:
            pid = (await s.execute(select(Analysis.prospect_id).where(Analysis.id == r.analysis_id))).scalar_one()
            assert pid == r.prospect_id


async def test_the_one_statement_member_upsert_stores_what_the_core_statements_store(rig, monkeypatch):
    """`upsert_members` on PostgreSQL (one statement: the members there before, and the upsert) against
    its Core statements, on two campaigns with the same members: a member whose status is `new` becomes
    `analyzed`, one further along keeps its status, a prospect twice takes its last analysis, a new one
    is added and reported new."""
    from campaigns import service
    from core.sql import owned_campaign
    from models import CampaignProspect
    from tests.support.campaign_rig import make_campaign, person

    rg = await rig()
    calls = []
    one_statement = service._pg_members

    async def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(len(kwargs["stored"]))
        return await one_statement(*args, **kwargs)

    monkeypatch.setattr(service, "_pg_members", counted)
    cid_a, pids = await make_campaign(rg, 4)
    cid_b, same = await make_campaign(rg, 4)
    assert same == pids
    r = await rg.client.post("/api/prospects/analyze-batch", json={"industry": "casino", "prospects": [person(9)]})
    assert r.status_code == 200, r.text
    newcomer = uuid.UUID(r.json()["items"][0]["result"]["prospect_id"])
    calls.clear()
    async with rg.db.session() as s:
        for cid in (cid_a, cid_b):
            for pid, status in ((pids[1], "in_sequence"), (pids[2], "new")):
                member = (
                    await s.execute(
                        select(CampaignProspect).where(
                            CampaignProspect.campaign_id == uuid.UUID(cid),
                            CampaignProspect.prospect_id == uuid.UUID(pid),
                        )
                    )
                ).scalar_one()
                member.status = status
        analyses = {
            p: a
            for p, a in (
                await s.execute(select(Analysis.prospect_id, Analysis.id).order_by(Analysis.created_at))
            ).all()
        }
        workspace_id = (await s.execute(select(Prospect.workspace_id).where(Prospect.id == newcomer))).scalar_one()
    other_analysis = analyses[newcomer]
    ids = [uuid.UUID(p) for p in pids]
    stored = [
        service.Member(ids[0], analyses[ids[0]], 2, 55),
        service.Member(ids[1], analyses[ids[1]], 1, 88),
        service.Member(ids[2], analyses[ids[2]], 3, 30),
        service.Member(ids[3], analyses[ids[3]], 2, 60),
        service.Member(newcomer, other_analysis, 1, 91),
        service.Member(ids[0], other_analysis, 4, 12),  # again: the last one wins
    ]
    new = {}
    for cid, raw in ((cid_a, True), (cid_b, False)):
        async with rg.db.session() as s:
            await owned_campaign(s, workspace_id=workspace_id, campaign_id=uuid.UUID(cid))  # begins, as callers do
            new[cid] = await service.upsert_members(
                s, workspace_id=workspace_id, campaign_id=uuid.UUID(cid), stored=stored, raw=raw
            )
    assert calls == ([] if rg.db.is_sqlite else [6])
    assert new[cid_a] == new[cid_b] == {newcomer}
    rows = {}
    async with rg.db.session(write=False) as s:
        for cid in (cid_a, cid_b):
            rows[cid] = sorted(
                (
                    await s.execute(
                        select(
                            CampaignProspect.prospect_id,
                            CampaignProspect.analysis_id,
                            CampaignProspect.tier,
                            CampaignProspect.score,
                            CampaignProspect.status,
                            CampaignProspect.workspace_id,
                            CampaignProspect.updated_at >= CampaignProspect.created_at,
                        ).where(CampaignProspect.campaign_id == uuid.UUID(cid))
                    )
                ).all()
            )
    assert rows[cid_a] == rows[cid_b]
    by_id = {r[0]: r for r in rows[cid_a]}
    assert by_id[ids[0]][1:4] == (other_analysis, 4, 12)
    assert by_id[ids[1]][4] == "in_sequence" and by_id[ids[2]][4] == "analyzed"
    assert by_id[newcomer][4] == "analyzed" and len(by_id) == 5


async def test_a_pool_that_breaks_mid_import_leaves_the_rest_to_the_event_loop(rig, monkeypatch):
    """On PostgreSQL a CSV import stores each worker chunk as soon as it is scored; when the pool breaks
    after the first chunk (a worker killed), the rows not yet stored are scored in the event loop and
    the answer is the one an import without workers gives (SQLite scores all first, as before)."""
    import asyncio
    import time
    from concurrent.futures.process import BrokenProcessPool

    from campaigns import import_pool
    from tests.support.people import people

    rg = await rig()
    deadline = time.monotonic() + 90
    while import_pool.ready() is None:
        assert time.monotonic() < deadline, "the CSV import's worker processes did not start"
        await asyncio.sleep(0.1)
    rows = ["Email Address,First Name,Job Title,Company Name,Employees"] + [
        f"{p['email']},{p['first_name']},{p['title']},{p['company']},{p['employees']}" for p in people(600)
    ]
    body = ("\n".join(rows) + "\n").encode()
    real_run = import_pool.run
    scores, broke = [], []

    async def flaky(pool: Any, fn: Any, *args: Any) -> Any:
        if fn.__name__ == "score":
            scores.append(len(args[1]))
            if len(scores) > 1:
                raise BrokenProcessPool("a worker died")
        return await real_run(pool, fn, *args)

    monkeypatch.setattr(import_pool, "run", flaky)
    monkeypatch.setattr(import_pool, "broken", broke.append)
    answers = []
    for client in (rg.client, await rg.other_client()):
        if answers:  # the event loop's path, in another workspace, for the same rows
            monkeypatch.setattr(import_pool, "ready", lambda: None)
        cid = (await client.post("/api/campaigns/create", json={"name": "csv", "industry": "casino"})).json()["id"]
        got = await client.post(
            f"/api/campaigns/{cid}/prospects/import", content=body, headers={"Content-Type": "text/csv"}
        )
        assert got.status_code == 200, got.text
        answers.append({k: v for k, v in got.json().items() if k != "campaign_id"})
    assert scores[0] == 250 and len(broke) == 1  # one chunk from the workers, then the pool broke
    assert answers[0] == answers[1] and answers[0]["imported"] == 600 and answers[0]["added"] == 600
    async with rg.db.session(write=False) as s:
        counts = (
            await s.execute(
                text(
                    "SELECT c.campaign_id, count(*), count(DISTINCT a.id) FROM campaign_prospects c "
                    "JOIN analyses a ON a.id = c.analysis_id GROUP BY c.campaign_id"
                )
            )
        ).all()
    assert sorted(n for _, n, _ in counts) == [600, 600] and all(n == m for _, n, m in counts)


async def test_the_agent_read_on_the_driver_is_the_agent_the_session_reads(rig, monkeypatch):
    """`agent_profile` (read on the driver) gives the latest ready version with every
    column as `latest_agent` loads it, and its profile; a version still building is passed over."""
    from industry_agents.service import latest_agent
    from models import IndustryAgent

    rg = await rig()
    r = await rg.client.post("/api/prospects/analyze-batch", json={"industry": "casino", "prospects": [KNOWN]})
    assert r.status_code == 200, r.text
    async with rg.db.session() as s:
        v1 = (await s.execute(select(IndustryAgent))).scalar_one()
        workspace_id = v1.workspace_id
        s.add(
            IndustryAgent(
                workspace_id=workspace_id,
                industry="casino",
                version=2,
                status="building",
                request={},
                profile=None,
            )
        )
    from perf import rawread

    reader, answers = rawread.reader(rg.db), []
    first = reader.first

    async def recorded(*args: Any) -> Any:
        answers.append(await first(*args))
        return answers[-1]

    monkeypatch.setattr(reader, "first", recorded)
    agent, profile = await intel.agent_profile(rg.db, workspace_id=workspace_id, industry="Casino")
    # read on the driver (a row, not the engine's fallback): PostgreSQL, and a SQLite file since issue 14's round 9
    assert len(answers) == 1 and isinstance(answers[0], tuple)
    async with rg.db.session(write=False) as s:
        loaded = await latest_agent(s, workspace_id=workspace_id, industry="casino", ready_only=True)
    assert loaded is not None and loaded.version == 1
    columns = [c.key for c in IndustryAgent.__table__.c]
    assert {c: getattr(agent, c) for c in columns} == {c: getattr(loaded, c) for c in columns}
    assert profile.model_dump() == loaded.profile


async def test_known_data_is_read_on_the_driver_on_postgresql(rig, monkeypatch):
    """`known_data` reads the stored prospects on the driver (not the engine's fallback),
    merged data as stored; an e-mail in any case finds its prospect."""
    from perf import rawread

    rg = await rig()
    r = await rg.client.post("/api/prospects/analyze-batch", json={"industry": "casino", "prospects": [KNOWN]})
    assert r.status_code == 200, r.text
    async with rg.db.session(write=False) as s:
        workspace_id, data = (await s.execute(select(Prospect.workspace_id, Prospect.data))).one()
    reader, answers = rawread.reader(rg.db), []
    every = reader.all

    async def recorded(*args: Any) -> Any:
        answers.append(await every(*args))
        return answers[-1]

    monkeypatch.setattr(reader, "all", recorded)
    found = await intel.known_data(rg.db, workspace_id=workspace_id, emails=[KNOWN["email"].upper(), "x@y.com"])
    assert found == {KNOWN["email"]: data}
    # on the driver on both (a SQLite file since issue 14's round 9: the e-mails as one JSON array)
    assert len(answers) == 1 and answers[0] is not rawread.FAILED
    async with rg.db.session(write=False) as s:  # the engine's statement finds the same
        wanted = [KNOWN["email"].lower(), "x@y.com"]
        assert dict((await s.execute(intel.stored_data(s, workspace_id, wanted))).all()) == found
