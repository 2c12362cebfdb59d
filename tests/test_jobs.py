"""Durable jobs: large batches, the complete pipeline, content batches, cancel, exclusive claims,
graceful shutdown, and a real `kill -9` of a service process in the middle of a job."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

import jobs
from database_async import TuneDatabase
from models import Analysis, CampaignProspect, Job, Message, Prospect, Workspace
from tests.conftest import assert_problem, make_key, make_settings
from tests.support.jobs import wait_job, wait_until
from tests.support.people import SENDER, people
from tests.test_agents_and_analysis import FACTS

ROOT = Path(__file__).resolve().parent.parent
INSIGHT = FACTS  # what Claude answers for an analysis: DANA's facts, each with its field and quote


async def count(app: Any, model: Any, *where: Any) -> int:
    async with app.state.db.session(write=False) as s:
        return await s.scalar(select(func.count()).select_from(model).where(*where))


async def test_a_large_batch_becomes_a_job_and_finishes(rig):
    rg = await rig(ANALYZE_BATCH_INLINE_MAX=5)
    app, client = rg.app, rg.client
    batch = [*people(11), {"email": "broken"}]
    r = await client.post("/api/prospects/analyze-batch", json={"industry": "casino", "prospects": batch})
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "queued" and r.json()["total"] == 12
    job = await wait_job(client, r.json()["job_id"])
    assert job["status"] == "succeeded" and (job["done"], job["failed"]) == (11, 1)
    assert job["errors"][0]["item"].startswith("11:") and "email" in job["errors"][0]["error"]
    assert sum(job["result"]["tiers"].values()) == 11 and job["result"]["engines"] == {"rules": 11}
    assert await count(app, Analysis) == 11 and await count(app, Prospect) == 11


async def test_complete_pipeline_fills_the_campaign_by_tier(rig):
    rg = await rig()
    app, client = rg.app, rg.client
    r = await client.post(
        "/api/workflows/complete-pipeline",
        json={
            "campaign": {"name": "Nevada casinos", "industry": "Casino & Gaming"},
            "prospects": people(8),
            "content": {"tiers": {"1": ["sequence", "linkedin", "video"], "2": ["sequence"]}, "steps": 3},
            "sender": SENDER,
        },
    )
    assert r.status_code == 202, r.text
    job = await wait_job(client, r.json()["job_id"])
    assert job["status"] == "succeeded" and job["done"] == 8, job
    summary = job["result"]
    tiers = summary["tiers"]
    assert sum(tiers.values()) == 8 and summary["engines"] == {"rules": 8} and summary["cost_usd"] == 0
    expected = {
        "sequence": tiers.get("1", 0) + tiers.get("2", 0),
        "linkedin": tiers.get("1", 0),
        "video": tiers.get("1", 0),
    }
    assert summary.get("content", {}) == {k: v for k, v in expected.items() if v}
    campaign_id = uuid.UUID(summary["campaign_id"])
    assert await count(app, CampaignProspect, CampaignProspect.campaign_id == campaign_id) == 8
    assert (
        await count(app, Message, Message.campaign_id == campaign_id, Message.channel == "email")
        == 3 * expected["sequence"]
    )
    assert (
        await count(app, Message, Message.campaign_id == campaign_id, Message.channel == "video")
        == expected["video"]
    )


async def test_content_batch_writes_what_is_missing_and_never_duplicates(rig):
    rg = await rig()
    app, client = rg.app, rg.client
    pipeline = await client.post(
        "/api/workflows/complete-pipeline",
        json={
            "campaign": {"name": "c", "industry": "casino"},
            "prospects": people(6),
            "content": {"tiers": {}},
            "sender": SENDER,
        },
    )
    campaign_id = (await wait_job(client, pipeline.json()["job_id"]))["result"]["campaign_id"]
    assert await count(app, Message) == 0
    body = {"campaign_id": campaign_id, "channels": ["sequence", "linkedin"], "steps": 2, "sender": SENDER}
    first = await wait_job(client, (await client.post("/api/content/generate-batch", json=body)).json()["job_id"])
    assert first["status"] == "succeeded" and first["done"] == 6
    assert await count(app, Message) == 6 * 3
    again = await client.post("/api/content/generate-batch", json=body)
    assert again.status_code == 202 and again.json()["total"] == 0
    assert (await wait_job(client, again.json()["job_id"]))["status"] == "succeeded"
    assert await count(app, Message) == 18
    tier_only = await client.post("/api/content/generate-batch", json={**body, "channels": ["video"], "tier": 1})
    job = await wait_job(client, tier_only.json()["job_id"])
    tier1 = await count(app, CampaignProspect, CampaignProspect.tier == 1)
    assert job["done"] == tier1 and await count(app, Message, Message.channel == "video") == tier1


async def test_pipeline_and_job_input_errors_are_4xx(rig):
    rg = await rig()
    app, client = rg.app, rg.client
    assert_problem(await client.post("/api/workflows/complete-pipeline", json={"prospects": people(1)}), 422)
    assert_problem(
        await client.post(
            "/api/workflows/complete-pipeline",
            json={"campaign_id": str(uuid.uuid4()), "prospects": people(1), "sender": SENDER},
        ),
        404,
    )
    assert_problem(
        await client.post(
            "/api/workflows/complete-pipeline",
            json={"campaign": {"name": "x", "industry": "casino"}, "prospects": people(1)},
        ),
        422,
    )  # content needs a sender
    assert_problem(
        await client.post(
            "/api/content/generate-batch", json={"campaign_id": str(uuid.uuid4()), "sender": SENDER}
        ),
        404,
    )
    assert_problem(await client.get(f"/api/jobs/{uuid.uuid4()}"), 404)
    r = await client.post(
        "/api/workflows/complete-pipeline",
        json={"campaign": {"name": "x", "industry": "casino"}, "prospects": people(2), "sender": SENDER},
    )
    other = await make_key(app.state.db, workspace="rival")
    assert_problem(await client.get(f"/api/jobs/{r.json()['job_id']}", headers={"X-API-Key": other}), 404)
    assert_problem(await client.post(f"/api/jobs/{r.json()['job_id']}/cancel", headers={"X-API-Key": other}), 404)


async def test_cancel_stops_a_job(rig):
    client = (await rig(JOB_WORKERS=0)).client  # nobody works it: it stays queued until cancelled
    r = await client.post(
        "/api/workflows/complete-pipeline",
        json={"campaign": {"name": "x", "industry": "casino"}, "prospects": people(3), "sender": SENDER},
    )
    cancelled = (await client.post(f"/api/jobs/{r.json()['job_id']}/cancel")).json()
    assert cancelled["status"] == "cancelled" and cancelled["done"] == 0 and cancelled["finished_at"]
    again = assert_problem(await client.post(f"/api/jobs/{r.json()['job_id']}/cancel"), 409)
    assert again["job_status"] == "cancelled" and "finished" in again["detail"]


async def test_two_workers_never_claim_the_same_job(database_url):
    db = TuneDatabase(database_url, settings=make_settings(database_url))
    await db.migrate()
    try:
        async with db.session() as s:
            ws = Workspace(name="w")
            s.add(ws)
            await s.flush()
            s.add_all(Job(workspace_id=ws.id, kind="pipeline", payload={}, total=0) for _ in range(30))
        claims: list[tuple[str, uuid.UUID]] = []

        async def claimer(name: str) -> None:
            while (job_id := await jobs.claim(db, owner=name, lease=timedelta(seconds=60))) is not None:
                claims.append((name, job_id))

        await asyncio.gather(*(claimer(f"worker-{i}") for i in range(6)))
        ids = [job_id for _, job_id in claims]
        assert len(ids) == 30 and len(set(ids)) == 30
        assert len({name for name, _ in claims}) > 1  # they really competed
    finally:
        await db.dispose()


async def test_graceful_shutdown_releases_and_another_process_resumes(rig, fake_anthropic):
    fake_anthropic.reply(INSIGHT, delay=0.05, times=400)
    rg = await rig(claude=True, JOB_WORKERS=1, JOB_ITEM_CONCURRENCY=2, ANALYZE_BATCH_INLINE_MAX=1)
    app, client = rg.app, rg.client
    r = await client.post("/api/prospects/analyze-batch", json={"industry": "casino", "prospects": people(40)})
    job_id = r.json()["job_id"]
    await wait_until(lambda: client.get(f"/api/jobs/{job_id}"), lambda r: r.json()["done"] >= 6, every=0.02)
    await app.state.workers.stop()  # what the lifespan does at shutdown
    released = (await client.get(f"/api/jobs/{job_id}")).json()
    assert released["status"] == "queued" and 6 <= released["done"] < 40
    rg = await rig(claude=True, JOB_ITEM_CONCURRENCY=4)
    app2, client2 = rg.app, rg.client
    job = await wait_job(client2, job_id)
    assert job["status"] == "succeeded" and job["done"] == 40
    assert await count(app2, Analysis) == 40


# --- kill -9 --------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api_server:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


async def _until_up(url: str) -> None:
    deadline = time.monotonic() + 30
    async with httpx.AsyncClient() as c:
        while time.monotonic() < deadline:
            try:
                if (await c.get(url + "/api/health")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError("service did not start")


@pytest.mark.slow
async def test_kill_9_mid_job_resumes_with_every_item_done_exactly_once(database_url, fake_anthropic):
    """A real service process is killed with SIGKILL in the middle of a 200-prospect job through
    Claude; a new process resumes it. Every prospect ends with exactly one analysis, and Claude was
    not asked again for items finished before the kill."""
    fake_anthropic.responder = lambda request: INSIGHT
    fake_anthropic.reply(INSIGHT, delay=0.03, times=1000)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ANTHROPIC_API_KEY": "test",
        "ANTHROPIC_BASE_URL": fake_anthropic.url,
        "LLM_MAX_ATTEMPTS": "1",
        "JOB_WORKERS": "1",
        "JOB_ITEM_CONCURRENCY": "4",
        "JOB_LEASE_S": "1",
        "JOB_POLL_INTERVAL_S": "0.1",
        "ANALYZE_BATCH_INLINE_MAX": "10",
        "LOG_LEVEL": "WARNING",
        "RATE_LIMIT": "100000/minute",
        "LLM_MAX_CONCURRENCY": "4",
    }
    db = TuneDatabase(database_url, settings=make_settings(database_url))
    await db.migrate()
    key = await make_key(db)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = _serve(env, port)
    try:
        await _until_up(url)
        async with httpx.AsyncClient(base_url=url, headers={"X-API-Key": key}, timeout=30) as client:
            r = await client.post(
                "/api/prospects/analyze-batch", json={"industry": "casino", "prospects": people(200)}
            )
            assert r.status_code == 202, r.text
            job_id = r.json()["job_id"]
            done = (
                await wait_until(
                    lambda: client.get(f"/api/jobs/{job_id}"),
                    lambda r: r.json()["done"] >= 40,
                    timeout=120,
                    every=0.02,
                )
            ).json()["done"]
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
            async with db.session(write=False) as s:
                finished_before = await s.scalar(select(Job.done).where(Job.id == uuid.UUID(job_id)))
            assert 40 <= finished_before < 200, done
            calls_before = fake_anthropic.attempts

            server = _serve(env, port)
            await _until_up(url)
            job = await wait_job(client, job_id, timeout=120)
        assert job["status"] == "succeeded" and job["done"] == 200 and job["failed"] == 0, job
        async with db.session(write=False) as s:
            analyses = await s.execute(select(Analysis.prospect_id, func.count()).group_by(Analysis.prospect_id))
            per_prospect = dict(analyses.all())
        assert len(per_prospect) == 200 and set(per_prospect.values()) == {1}
        # Claude was called again only for the items not finished at the kill (plus the ones in flight).
        redone = fake_anthropic.attempts - calls_before
        assert 200 - finished_before <= redone <= 200 - finished_before + 4
        assert fake_anthropic.attempts <= 200 + 4
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        await db.dispose()


def test_a_worker_only_process_has_every_job_kind():
    """A process that only works jobs (no API, no router imported) still knows every kind: the kinds
    are registered explicitly at start-up (jobs.kinds), not as a side effect of importing a feature."""
    code = (
        "import types\n"
        "from jobs import HANDLERS, SUMMARIZERS, WorkerPool\n"
        "WorkerPool(None, None, types.SimpleNamespace(JOB_WORKERS=0)).start()\n"
        "print(sorted(HANDLERS), sorted(SUMMARIZERS))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    kinds = sorted(["analyze", "pipeline", "clay_push", "clay_webhook"])
    assert out.stdout.strip() == f"{kinds} {kinds}"


class _BulkKind:
    """A job kind that stores each item as a workspace named by its key, in bulk (`apply_many`) or one
    by one (`apply`); an item with `apply_fails` cannot be stored, one with `prepare_fails` is bad input."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[str]]] = []

    async def prepare(self, ctx: Any, key: str, payload: dict[str, Any]) -> dict[str, Any]:
        if payload.get("prepare_fails"):
            raise ValueError("bad input")
        return payload

    async def _store(self, session: Any, key: str, payload: dict[str, Any]) -> dict[str, Any]:
        session.add(Workspace(name=f"bulk-{key}"))
        await session.flush()
        if payload.get("apply_fails"):
            raise ValueError("cannot store")
        return {"stored": key}

    async def apply(
        self, session: Any, ctx: Any, key: str, payload: dict[str, Any], prepared: Any
    ) -> dict[str, Any]:
        self.calls.append(("one", [key]))
        return await self._store(session, key, payload)

    async def apply_many(self, session: Any, ctx: Any, items: list[Any]) -> list[dict[str, Any]]:
        self.calls.append(("many", [key for key, _, _ in items]))
        return [await self._store(session, key, payload) for key, payload, _ in items]


@pytest.mark.parametrize("apply_fails", [False, True])
async def test_a_chunk_is_stored_in_bulk_and_a_failing_item_fails_alone(database_url, apply_fails):
    from jobs.registry import register
    from models import JobItem

    kind = _BulkKind()
    register("test_bulk", kind)
    settings = make_settings(database_url)
    db = TuneDatabase(database_url, settings=settings)
    await db.migrate()
    try:
        async with db.session() as s:
            ws = Workspace(name="owner")
            s.add(ws)
            await s.flush()
            items = [(k, {}) for k in "abcdef"]
            items[2] = ("c", {"prepare_fails": True})
            items[4] = ("e", {"apply_fails": apply_fails})
            job = await jobs.enqueue(s, workspace_id=ws.id, kind="test_bulk", payload={}, items=items)
            job_id = job.id
        worker = jobs.Worker(db, None, settings, "t", asyncio.Event())
        assert await jobs.claim(db, owner=worker.owner, lease=timedelta(seconds=60)) == job_id
        await worker.run_job(job_id)
        async with db.session(write=False) as s:
            row = await s.get(Job, job_id)
            states = dict(
                (await s.execute(select(JobItem.key, JobItem.status).where(JobItem.job_id == job_id))).all()
            )
            results = dict(
                (await s.execute(select(JobItem.key, JobItem.result).where(JobItem.job_id == job_id))).all()
            )
            names = sorted(await s.scalars(select(Workspace.name).where(Workspace.name.like("bulk-%"))))
        stored = [k for k in "abdf"] + ([] if apply_fails else ["e"])
        assert row is not None and row.status == "succeeded"
        assert (row.done, row.failed) == (len(stored), 6 - len(stored))
        assert names == sorted(f"bulk-{k}" for k in stored)  # each stored once; the rolled-back bulk left nothing
        assert {k for k, v in states.items() if v == "done"} == set(stored)
        assert all(results[k] == {"stored": k} for k in stored)
        if apply_fails:  # the bulk write failed, so the chunk was applied again one by one
            assert kind.calls == [("many", ["a", "b", "d", "e", "f"])] + [("one", [k]) for k in "abdef"]
        else:
            assert kind.calls == [("many", ["a", "b", "d", "e", "f"])]
    finally:
        await db.dispose()
