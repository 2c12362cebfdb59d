"""Issue 14 (round 7), batch paths made cheaper: each must give what the slower path gave.

- A pipeline job prepares a chunk at once (`PipelineJob.prepare_many`: one read of the chunk's stored
  prospects): the same outcome, tier and content per item as `prepare` one item at a time, a bad item
  failing alone with its reason, a known prospect merged over what is stored.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from sqlalchemy import select

import jobs
from campaigns.pipeline import PipelineJob
from models import Campaign, Job, JobItem, Prospect
from tests.support.jobs import wait_job
from tests.support.people import SENDER, people

CONTENT = {"tiers": {"1": ["sequence", "linkedin", "video"], "2": ["sequence", "linkedin"]}, "steps": 3}


def _comparable(prepared: Any) -> Any:
    """What a prepared item carries into `apply`, as plain data (or the failure's type and text)."""
    if isinstance(prepared, BaseException):
        return (type(prepared).__name__, str(prepared))
    outcome = prepared.outcome
    return {
        "tier": prepared.tier,
        "prospect_id": prepared.prospect_id,
        "data": outcome.data.model_dump(mode="json"),
        "given": outcome.given.model_dump(mode="json") if outcome.given else None,
        "result": outcome.result.model_dump(mode="json"),
        "engine": outcome.engine,
        "written": {k: w.piece.model_dump(mode="json") for k, w in prepared.written.items()},
    }


async def test_a_pipeline_chunk_prepared_at_once_equals_items_prepared_one_by_one(rig):
    rg = await rig()
    client = rg.client
    first = await client.post(
        "/api/workflows/complete-pipeline",
        json={
            "campaign": {"name": "known", "industry": "casino"},
            "prospects": people(3),
            "content": {"tiers": {}},
        },
    )
    campaign_id = (await wait_job(client, first.json()["job_id"]))["result"]["campaign_id"]
    known = {**people(3)[0], "location": "Las Vegas, NV", "notes": "Opening a spa in 2027"}
    del known["signals"]  # not sent: the stored signals are kept
    batch = [*people(8)[3:], {"email": "broken"}, known, {**people(8)[4], "title": "CMO"}]
    r = await client.post(
        "/api/workflows/complete-pipeline",
        json={"campaign_id": campaign_id, "prospects": batch, "content": CONTENT, "sender": SENDER},
    )
    assert r.status_code == 202, r.text
    job = await wait_job(client, r.json()["job_id"])
    assert job["status"] == "succeeded" and (job["done"], job["failed"]) == (len(batch) - 1, 1), job
    assert job["errors"][0]["item"].startswith("5:") and "email" in job["errors"][0]["error"]
    async with rg.db.session(write=False) as s:
        row = await s.scalar(select(Prospect).where(Prospect.email == known["email"]))
        assert row is not None and row.data["location"] == "Las Vegas, NV"
        assert row.data["signals"] == people(3)[0]["signals"] != []  # kept from what was stored
        stored = await s.get(Job, uuid.UUID(job["job_id"]))
        assert stored is not None
        items = [
            (key, payload)
            for key, payload in (
                await s.execute(
                    select(JobItem.key, JobItem.payload)
                    .where(JobItem.job_id == stored.id)
                    .order_by(JobItem.position)
                )
            ).all()
        ]
        workspace_id = await s.scalar(select(Campaign.workspace_id).where(Campaign.id == uuid.UUID(campaign_id)))

    def ctx() -> jobs.JobContext:
        return jobs.JobContext(
            db=rg.db,
            llm=rg.app.state.llm,
            settings=rg.settings,
            job_id=stored.id,
            workspace_id=workspace_id,
            payload=stored.payload,
        )

    handler = PipelineJob()
    at_once = await handler.prepare_many(ctx(), items)
    one_ctx = ctx()
    one_by_one = []
    for key, payload in items:
        try:
            one_by_one.append(await handler.prepare(one_ctx, key, payload))
        except Exception as exc:
            one_by_one.append(exc)
    assert [_comparable(p) for p in at_once] == [_comparable(p) for p in one_by_one]
    assert isinstance(at_once[5], Exception) and not any(
        isinstance(p, Exception) for i, p in enumerate(at_once) if i != 5
    )
    assert any(p.written for p in at_once if not isinstance(p, BaseException))  # content was written


async def test_enqueued_items_are_stored_as_the_orm_stored_them_and_results_land_by_id(database_url):
    """`jobs.enqueue` writes its items as Core rows and `_mark_done` sets results with one Core statement
    per item: each item pending at its position with its payload, then done with its own result."""
    from datetime import timedelta

    from database_async import TuneDatabase
    from jobs.registry import register
    from models import Workspace
    from tests.conftest import make_settings

    class Echo:
        async def prepare(self, ctx: Any, key: str, payload: dict[str, Any]) -> Any:
            return payload["n"]

        async def apply(self, session: Any, ctx: Any, key: str, payload: dict[str, Any], prepared: Any) -> Any:
            return {"key": key, "double": 2 * prepared}

        async def apply_many(self, session: Any, ctx: Any, items: list[Any]) -> list[Any]:
            return [{"key": key, "double": 2 * prepared} for key, _, prepared in items]

    register("test_echo", Echo())
    settings = make_settings(database_url)
    db = TuneDatabase(database_url, settings=settings)
    await db.migrate()
    try:
        async with db.session() as s:
            ws = Workspace(name="echo")
            s.add(ws)
            await s.flush()
            items = [(f"k{i}", {"n": i, "note": "é ✓"}) for i in range(7)]
            job_id = (await jobs.enqueue(s, workspace_id=ws.id, kind="test_echo", payload={}, items=items)).id
        async with db.session(write=False) as s:
            rows = (
                await s.execute(
                    select(
                        JobItem.id,
                        JobItem.key,
                        JobItem.position,
                        JobItem.status,
                        JobItem.payload,
                        JobItem.updated_at,
                    )
                    .where(JobItem.job_id == job_id)
                    .order_by(JobItem.position)
                )
            ).all()
        assert [(r.key, r.position, r.status, r.payload) for r in rows] == [
            (k, i, "pending", p) for i, (k, p) in enumerate(items)
        ]
        assert len({r.id for r in rows}) == 7 and all(r.updated_at is not None for r in rows)
        worker = jobs.Worker(db, None, settings, "t", asyncio.Event())
        assert await jobs.claim(db, owner=worker.owner, lease=timedelta(seconds=60)) == job_id
        await worker.run_job(job_id)
        async with db.session(write=False) as s:
            done = (
                await s.execute(
                    select(JobItem.key, JobItem.status, JobItem.result, JobItem.updated_at)
                    .where(JobItem.job_id == job_id)
                    .order_by(JobItem.position)
                )
            ).all()
            row = await s.get(Job, job_id)
        assert [(r.key, r.status, r.result) for r in done] == [
            (k, "done", {"key": k, "double": 2 * p["n"]}) for k, p in items
        ]
        assert all(d.updated_at >= r.updated_at for d, r in zip(done, rows, strict=True))
        assert row is not None and (row.status, row.done, row.failed) == ("succeeded", 7, 0)
    finally:
        await db.dispose()


def test_the_plain_email_shortcut_gives_what_emailstr_gives():
    """ProspectData answers an address of the common shape without email-validator
    (`intake.plain_email`); for every input, accepted or not, the answer is the full validation's."""
    import random
    import string

    from pydantic import BaseModel, ConfigDict, EmailStr, ValidationError, field_validator

    from intelligence.intake import plain_email
    from schemas import ProspectData

    class Full(BaseModel):  # ProspectData's email as it was validated before the shortcut
        model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
        email: EmailStr

        @field_validator("email")
        @classmethod
        def _email(cls, value: str) -> str:
            return value.lower()

    def answer(model: Any, value: Any) -> Any:
        try:
            return model.model_validate({"email": value}).email
        except ValidationError as exc:
            return [(e["type"], e["loc"], e["msg"]) for e in exc.errors()]

    tricky = [
        "Dana.Reyes@SilverPeakCasino.com",
        "a+b_c-d@x-y.co.uk",
        "a..b@x.com",
        ".a@x.com",
        "a.@x.com",
        "a@-x.com",
        "a@x-.com",
        "a@ab--c.com",
        "a@xn--bcher-kva.de",
        "a@bücher.de",
        "a@x.c0m",
        "a@x.c",
        "a@localhost",
        "a@mail.test",
        "a@x.local",
        "a@1.in-addr.arpa",
        "a@my.onion",
        "a@example.com",
        "A" * 64 + "@x.com",
        "A" * 65 + "@x.com",
        "a@" + "b" * 63 + ".com",
        "a@" + "b" * 64 + ".com",
        "a@" + ".".join(["abcdefghi"] * 25) + ".com",
        "o'neil@x.com",
        "Dana <dana@x.com>",
        "  dana@x.com ",
        "dana@x.com\n",
        "\u212a@x.com",  # KELVIN SIGN: folds to k under IGNORECASE, not ASCII
        "dana@x\u3002com",
        "Postmaster@X.com",
        "",
        "@x.com",
        "dana@",
        None,
        7,
    ]
    rnd = random.Random(14)
    chars = string.ascii_letters + string.digits + "._+-@" * 3 + "'!#~ é"
    sample = [
        "".join(rnd.choice(chars) for _ in range(rnd.randint(3, 24))) + rnd.choice([".com", ".io", ""])
        for _ in range(3000)
    ]
    shortcut = 0
    for value in [*tricky, *sample]:
        assert answer(ProspectData, value) == answer(Full, value), value
        shortcut += plain_email(value) is not None
    assert plain_email("Dana.Reyes@SilverPeakCasino.com") == "dana.reyes@silverpeakcasino.com"
    assert shortcut > 50  # the sample exercised the shortcut, not only the full path


def test_a_merge_carries_its_stored_form_and_skips_no_comparison():
    """`intake.merge` dumps the prospect once (`Merged.dumped`, what the writer stores); `changed` and
    `kept` are what they were, for a new e-mail, a merge over stored data and a replace."""
    from intelligence.intake import merge
    from schemas import ProspectData

    given = ProspectData.model_validate({**people(1)[0], "notes": "Opening a spa"})
    stored = {**people(1)[0], "email": given.email, "location": "Reno, NV", "technologies": ["Salesforce"]}
    stored.pop("employees"), stored.pop("revenue")
    for known, replace in ((None, False), (stored, False), (stored, True)):
        m = merge(known, given, replace=replace)
        assert m.dumped == m.data.model_dump(mode="json", exclude_none=True)
    new, over, replaced = merge(None, given), merge(stored, given), merge(stored, given, replace=True)
    assert new.data is given and new.kept == [] and not new.existed
    assert "notes" in new.changed and "technologies" not in new.changed
    assert (
        over.dumped["technologies"] == ["Salesforce"] and over.kept == ["technologies"] and "notes" in over.changed
    )
    assert replaced.data is given and replaced.kept == [] and "technologies" in replaced.changed


def test_a_score_component_is_the_instance_model_construct_builds():
    """`scoring._component` sets a ScoreComponent's state directly: the same instance as
    `ScoreComponent.model_construct` (fields, their order, fields set, no extra or private state)."""
    from intelligence import english
    from intelligence.scoring import _component
    from schemas import ScoreComponent

    fast = _component("seniority", 21.6, 20, ["title"], "a VP, so a buyer")
    slow = ScoreComponent.model_construct(
        component="seniority", points=20, max=20, fields=["title"], why=english.sentence("a VP, so a buyer")
    )
    assert fast == slow and list(fast.__dict__.items()) == list(slow.__dict__.items())
    assert fast.model_fields_set == slow.model_fields_set
    assert (fast.__pydantic_extra__, fast.__pydantic_private__) == (
        slow.__pydantic_extra__,
        slow.__pydantic_private__,
    )
    assert fast.model_dump_json() == slow.model_dump_json()
    fast.points = 3  # an instance's own fields set: changing one does not touch another's
    assert _component("x", 1, 5, [], "y").model_fields_set == slow.model_fields_set


def test_english_join_is_inflects_join_for_every_list():
    """`english.join` joins strings itself (inflect's `join` with its run-time type checks was most of
    the cost): the same text as inflect for every list and conjunction, including commas and blanks."""
    import itertools

    from intelligence import english
    from intelligence.english import _ENGINE

    words = ["a", "b", "x, y", "Q2", "", "c;d", "  ", "and", "é"]
    for k in range(6):
        for combo in itertools.product(words, repeat=min(k, 3)):
            combo = (*combo, *words[: k - 3]) if k > 3 else combo
            for conj in ("and", "or", "", "and/or"):
                items = [i for i in combo if i]
                expected = "".join(items) if len(items) <= 1 else _ENGINE.join(items, final_sep="", conj=conj)
                assert english.join(list(combo), conj) == expected, (combo, conj)


async def test_an_analysis_job_chunk_is_200_items_and_lets_the_event_loop_turn(rig, monkeypatch):
    """On the rules engine an analysis job works 200 items per chunk (`AnalyzeJob.rules_chunk`; the
    default stays 100, Claude's stays JOB_ITEM_CONCURRENCY) and assesses them 50 at a time with a turn
    of the event loop between: other requests are not held for the whole chunk."""
    from prospect_intelligence import ASSESS_SLICE, AnalyzeJob

    rg = await rig()
    r = await rg.client.post("/api/prospects/analyze-batch", json={"industry": "casino", "prospects": people(1)})
    assert r.status_code == 200, r.text
    async with rg.db.session(write=False) as s:
        workspace_id = await s.scalar(select(Prospect.workspace_id))
    worker = jobs.Worker(rg.db, rg.app.state.llm, rg.settings, "t", asyncio.Event())
    assert worker.chunk_size(AnalyzeJob()) == 200 and worker.chunk_size() == 100
    ctx = jobs.JobContext(
        db=rg.db,
        llm=rg.app.state.llm,
        settings=rg.settings,
        job_id=uuid.uuid4(),
        workspace_id=workspace_id,
        payload={"industry": "casino"},
    )
    items = [(str(i), p) for i, p in enumerate([*people(3 * ASSESS_SLICE - 1), {"email": "broken"}])]
    ticks = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0)

    import prospect_intelligence

    seen: list[int] = []  # the ticker's count as each item is assessed
    real_assess = prospect_intelligence.assess

    async def assess(*args: Any, **kwargs: Any) -> Any:
        seen.append(ticks)
        return await real_assess(*args, **kwargs)

    monkeypatch.setattr(prospect_intelligence, "assess", assess)
    task = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    outcomes = await AnalyzeJob().prepare_many(ctx, items)
    stop.set()
    await task
    slices = [seen[i : i + ASSESS_SLICE] for i in range(0, len(seen), ASSESS_SLICE)]
    assert len(slices) == 3 and all(len(set(sl)) == 1 for sl in slices)  # a slice runs in one turn
    assert slices[0][0] < slices[1][0] < slices[2][0]  # and other tasks ran between slices
    assert isinstance(outcomes[-1], Exception) and "email" in str(outcomes[-1])
    assert all(o.engine == "rules" for o in outcomes[:-1] if not isinstance(o, BaseException))
    assert not any(isinstance(o, BaseException) for o in outcomes[:-1])


async def test_a_queued_job_starts_once_committed_not_at_the_next_poll(database_url):
    """Workers are woken again when the enqueuing transaction commits: a claim made before the commit
    does not see the job on PostgreSQL, and the worker used to sleep until its next poll (30 s here)."""
    import time

    from database_async import TuneDatabase
    from jobs.registry import register
    from models import Workspace
    from tests.conftest import make_settings

    class Noop:
        async def prepare(self, ctx: Any, key: str, payload: dict[str, Any]) -> Any:
            return None

        async def apply(self, session: Any, ctx: Any, key: str, payload: dict[str, Any], prepared: Any) -> Any:
            return {"ok": key}

    register("test_noop", Noop())
    settings = make_settings(database_url, JOB_POLL_INTERVAL_S=30, JOB_WORKERS=1)
    db = TuneDatabase(database_url, settings=settings)
    await db.migrate()
    pool = jobs.WorkerPool(db, None, settings)
    try:
        async with db.session() as s:
            ws = Workspace(name="noop")
            s.add(ws)
            await s.flush()
        pool.start()
        await asyncio.sleep(0.2)  # the worker has looked for work and sleeps until woken (or 30 s)
        async with db.session() as s:
            job_id = (
                await jobs.enqueue(s, workspace_id=ws.id, kind="test_noop", payload={}, items=[("a", {})])
            ).id
            await asyncio.sleep(0.3)  # woken by the enqueue, it claims before this transaction commits
        committed = time.monotonic()
        while True:
            async with db.session(write=False) as s:
                row = await s.get(Job, job_id)
            assert row is not None
            if row.status == "succeeded":
                break
            assert time.monotonic() - committed < 5, f"job not started 5 s after its commit: {row.status}"
            await asyncio.sleep(0.05)
    finally:
        await pool.stop(grace_s=5)
        await db.dispose()


async def test_stored_data_reads_the_workspaces_prospects_by_email(rig):
    """`stored_data` (on PostgreSQL one array parameter joined to the unique index, instead of an IN
    list) finds exactly the workspace's prospects with those e-mails: none of another workspace's, none
    missing; so does `known_data` (on PostgreSQL the same statement on the driver, perf/rawread.py)."""
    from prospect_intelligence import known_data, stored_data

    rg = await rig()
    mine, theirs = people(5), people(7)[5:]
    r = await rg.client.post("/api/prospects/analyze-batch", json={"industry": "casino", "prospects": mine})
    assert r.status_code == 200, r.text
    other = await rg.other_client()
    r = await other.post(
        "/api/prospects/analyze-batch", json={"industry": "casino", "prospects": [*theirs, mine[0]]}
    )
    assert r.status_code == 200, r.text
    async with rg.db.session(write=False) as s:
        workspace_id = await s.scalar(select(Prospect.workspace_id).where(Prospect.email == mine[1]["email"]))
        asked = [p["email"] for p in [*mine[:3], *theirs]] + ["nobody@nowhere.com"]
        found = dict((await s.execute(stored_data(s, workspace_id, asked))).all())
        expected = dict(
            (
                await s.execute(
                    select(Prospect.email, Prospect.data).where(
                        Prospect.workspace_id == workspace_id, Prospect.email.in_(asked)
                    )
                )
            ).all()
        )
    assert found == expected and sorted(found) == sorted(p["email"] for p in mine[:3])
    assert await known_data(rg.db, workspace_id=workspace_id, emails=[e.upper() for e in asked]) == expected
    assert await known_data(rg.db, workspace_id=workspace_id, emails=[]) == {}
