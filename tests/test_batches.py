"""Message Batches (issue 17): large jobs send their Claude calls through the fake's Batches API, apply
the results through the same per-item step, fall back per item, ledger at batch prices, and keep
every item done exactly once across a crash between submit and storing the id, and a `kill -9`."""

# ruff: noqa: F811
from __future__ import annotations

import asyncio
import os
import re
import signal
import time
import uuid
from collections import Counter
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bench.fakes import claude_answer
from database_async import TuneDatabase
from llm import Usage
from llm import batches as message_batches
from models import Analysis, CampaignProspect, Job, LlmBatch, LlmUsage, Message
from tests.conftest import make_key, make_settings
from tests.support.fake_anthropic import FakeAnthropic, fake_anthropic  # noqa: F401
from tests.support.jobs import wait_job, wait_until
from tests.support.people import SENDER, people
from tests.test_jobs import _free_port, _serve, _until_up

PLAN = {"1": ["sequence", "linkedin"], "2": ["sequence"]}
CHANNELS = {"sequence": "email", "linkedin": "linkedin_connection"}
STEPS = 3


def _answer(request: dict[str, Any]) -> dict[str, Any]:
    return claude_answer(request)[1]


def _email_of(params: dict[str, Any]) -> str:
    found = re.search(r'"email": "([^"]+)"', str(params["messages"][0]["content"]))
    return found.group(1) if found else ""


def _pipeline(prospects: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "campaign": {"name": f"batches {uuid.uuid4().hex[:6]}", "industry": "casino"},
        "prospects": prospects,
        "content": {"tiers": PLAN, "steps": STEPS},
        "sender": SENDER,
        **extra,
    }


async def _json(response: Any) -> Any:
    return (await response).json()


async def _ledger(db: TuneDatabase) -> list[LlmUsage]:
    async with db.session(write=False) as s:
        return list(await s.scalars(select(LlmUsage)))


def _batch_priced(settings: Any, row: LlmUsage) -> tuple[float, float]:
    """(batch price, Messages price) of a ledger row's tokens."""
    tokens = {
        "model": row.model,
        "input_tokens": row.input_tokens,
        "output_tokens": row.output_tokens,
        "cache_read_tokens": row.cache_read_tokens,
        "cache_write_tokens": row.cache_write_tokens,
    }
    return (Usage.priced(settings, **tokens, batch=True).cost_usd, Usage.priced(settings, **tokens).cost_usd)


async def _assert_content_by_tier(app: Any, campaign_id: uuid.UUID, n: int) -> None:
    async with app.state.db.session(write=False) as s:
        tiers = dict(
            (
                await s.execute(
                    select(CampaignProspect.prospect_id, CampaignProspect.tier).where(
                        CampaignProspect.campaign_id == campaign_id
                    )
                )
            ).all()
        )
        messages = Counter(
            (
                await s.execute(
                    select(Message.prospect_id, Message.channel).where(Message.campaign_id == campaign_id)
                )
            ).all()
        )
        analyses = Counter(await s.scalars(select(Analysis.prospect_id)))
    assert len(tiers) == n and set(analyses.values()) == {1}
    for prospect_id, tier in tiers.items():
        want = {CHANNELS[c]: (STEPS if c == "sequence" else 1) for c in PLAN.get(str(tier), [])}
        have = {ch: k for (p, ch), k in messages.items() if p == prospect_id}
        assert have == want, (tier, have, want)


def test_the_setting_and_the_request_decide():
    s = make_settings("sqlite+aiosqlite://", ANTHROPIC_API_KEY="test", LLM_BATCH_MIN_ITEMS=50)
    assert message_batches.wanted(s, None, 50) and not message_batches.wanted(s, None, 49)
    assert message_batches.wanted(s, True, 1) and not message_batches.wanted(s, False, 5000)
    off = make_settings("sqlite+aiosqlite://", ANTHROPIC_API_KEY="test", LLM_BATCHES="off")
    assert not message_batches.wanted(off, None, 5000) and message_batches.wanted(off, True, 2)
    rules_only = make_settings("sqlite+aiosqlite://", ANTHROPIC_API_KEY="")
    assert not message_batches.wanted(rules_only, None, 5000)


async def test_a_pipeline_goes_through_message_batches_with_per_item_fallback(rig, fake_anthropic):
    fake_anthropic.responder = _answer
    fake_anthropic.batch_delay_s = 0.05
    broken = {"p3@casino3.com", "p7@casino0.com"}  # every request of these two prospects errors
    fake_anthropic.batch_outcome = lambda cid, params: "errored" if _email_of(params) in broken else None
    rg = await rig(claude=True, LLM_BATCH_POLL_S=0.05, JOB_ITEM_CONCURRENCY=4)
    app, client = rg.app, rg.client
    r = await client.post("/api/workflows/complete-pipeline", json=_pipeline(people(12), use_batches=True))
    assert r.status_code == 202, r.text
    job = await wait_job(client, r.json()["job_id"], timeout=120)
    assert job["status"] == "succeeded" and job["done"] == 12 and job["failed"] == 0, job

    # Every Claude call went through the Batches API, each request once; no Messages call.
    assert fake_anthropic.attempts == 0
    submitted = fake_anthropic.batch_requests
    assert len(submitted) == len(set(submitted)) > 12
    # Analysis first, then content: one round per step of the longest item, and no more.
    assert 3 <= fake_anthropic.batch_creates <= 4
    assert job["result"]["engines"] == {"claude": 10, "rules": 2}, job["result"]
    assert job["message_batch"]["status"] == "collected"
    assert job["message_batch"]["rounds"] == fake_anthropic.batch_creates
    await _assert_content_by_tier(app, uuid.UUID(job["result"]["campaign_id"]), 12)

    # The ledger: one row per request, priced at batch rates by the answering model; errors at $0.
    ledger = await _ledger(app.state.db)
    assert len(ledger) == len(submitted)
    errored = [row for row in ledger if row.outcome == "error"]
    params = {cid: p for b in fake_anthropic.batches.values() for cid, p in b.requests.items()}
    assert len(errored) == sum(1 for cid in submitted if _email_of(params[cid]) in broken)
    assert errored and all(row.cost_usd == 0 for row in errored)
    ok = [row for row in ledger if row.outcome == "ok"]
    assert ok and len(ok) + len(errored) == len(ledger)
    for row in ok:
        batch_price, full_price = _batch_priced(app.state.settings, row)
        assert row.model == "claude-sonnet-5-5" and row.cost_usd == pytest.approx(batch_price)
        assert batch_price < full_price
    # The job's summary shows what the items cost: the ledger's total.
    assert job["result"]["cost_usd"] == pytest.approx(sum(row.cost_usd for row in ledger), abs=1e-5)


async def test_the_non_batch_path_is_unchanged(rig, fake_anthropic):
    fake_anthropic.responder = _answer
    rg = await rig(claude=True, LLM_BATCH_MIN_ITEMS=1000)
    app, client = rg.app, rg.client
    r = await client.post("/api/workflows/complete-pipeline", json=_pipeline(people(6)))
    job = await wait_job(client, r.json()["job_id"], timeout=60)
    assert job["status"] == "succeeded" and job["done"] == 6 and job["result"]["engines"] == {"claude": 6}
    assert fake_anthropic.batch_creates == 0 and fake_anthropic.attempts > 6
    ledger = await _ledger(app.state.db)
    assert len(ledger) == fake_anthropic.attempts
    for row in ledger:
        assert row.cost_usd == pytest.approx(_batch_priced(app.state.settings, row)[1])


async def test_a_small_analyze_batch_asking_for_batches_is_queued_and_answered_by_one(rig, fake_anthropic):
    fake_anthropic.responder = _answer
    fake_anthropic.batch_delay_s = 0.5
    fake_anthropic.batch_outcome = lambda cid, params: "expired" if _email_of(params) == "p1@casino1.com" else None
    rg = await rig(claude=True, LLM_BATCH_POLL_S=0.3)
    app, client = rg.app, rg.client
    r = await client.post(
        "/api/prospects/analyze-batch", json={"industry": "casino", "prospects": people(3), "use_batches": True}
    )
    assert r.status_code == 202, r.text
    # While Anthropic processes the batch, the job shows it: running, its batch submitted, no lease held.
    waiting = await wait_until(
        lambda: _json(client.get(f"/api/jobs/{r.json()['job_id']}")),
        lambda job: (
            job["message_batch"] not in (None, {"rounds": 0}) and job["message_batch"]["status"] != "submitting"
        ),
        every=0.01,
    )
    assert waiting["status"] == "running" and waiting["done"] == 0
    assert waiting["message_batch"]["status"] == "submitted" and waiting["message_batch"]["requests"] == 3
    async with app.state.db.session(write=False) as s:
        assert await s.scalar(select(Job.lease_owner).where(Job.id == uuid.UUID(waiting["job_id"]))) is None
    job = await wait_job(client, r.json()["job_id"])
    assert job["status"] == "succeeded" and job["result"]["engines"] == {"claude": 2, "rules": 1}
    assert fake_anthropic.batch_creates == 1 and fake_anthropic.attempts == 0
    async with app.state.db.session(write=False) as s:
        engines = dict((await s.execute(select(Analysis.engine, func.count()).group_by(Analysis.engine))).all())
    assert engines == {"claude": 2, "rules": 1}


async def test_a_crash_between_submit_and_storing_the_id_does_not_submit_twice(rig, fake_anthropic):
    """The fake makes the batch and drops the connection: the worker never learns the id. The next
    claim finds the batch in Anthropic's list and adopts it instead of paying for a second one."""
    fake_anthropic.responder = _answer
    fake_anthropic.batch_delay_s = 0.05
    fake_anthropic.drop_batch_creates = 1
    rg = await rig(claude=True, LLM_BATCH_POLL_S=0.05, LLM_TIMEOUT_S=5)
    app, client = rg.app, rg.client
    r = await client.post(
        "/api/prospects/analyze-batch", json={"industry": "casino", "prospects": people(8), "use_batches": True}
    )
    job = await wait_job(client, r.json()["job_id"], timeout=60)
    assert job["status"] == "succeeded" and job["done"] == 8 and job["result"]["engines"] == {"claude": 8}, job
    assert fake_anthropic.batch_creates == 1 and len(fake_anthropic.batch_requests) == 8
    ledger = await _ledger(app.state.db)
    assert len(ledger) == 8 and {row.outcome for row in ledger} == {"ok"}
    async with app.state.db.session(write=False) as s:
        rows = list(await s.scalars(select(LlmBatch)))
    assert [(row.status, row.batch_id) for row in rows] == [("collected", next(iter(fake_anthropic.batches)))]


async def test_a_spent_budget_sends_no_batch_and_falls_back(rig, fake_anthropic):
    fake_anthropic.responder = _answer
    client = (await rig(claude=True, LLM_BATCH_POLL_S=0.05, LLM_WORKSPACE_MONTHLY_BUDGET_USD=0)).client
    r = await client.post(
        "/api/prospects/analyze-batch", json={"industry": "casino", "prospects": people(4), "use_batches": True}
    )
    job = await wait_job(client, r.json()["job_id"])
    assert job["status"] == "succeeded" and job["result"]["engines"] == {"rules": 4}
    assert fake_anthropic.batch_creates == 0 and fake_anthropic.attempts == 0


async def test_a_refused_batch_falls_back_and_a_failing_one_is_retried(rig, fake_anthropic):
    """A 400 on create (a request the API will not take) answers every waiting call with the rules
    engine; a 529 (overloaded) is a failed attempt of the job, retried, and then goes through."""
    fake_anthropic.responder = _answer
    fake_anthropic.batch_delay_s = 0.05
    fake_anthropic.refuse_batch_creates = [(400, "invalid_request_error")]
    client = (await rig(claude=True, LLM_BATCH_POLL_S=0.05, LLM_TIMEOUT_S=1)).client
    r = await client.post(
        "/api/prospects/analyze-batch", json={"industry": "casino", "prospects": people(3), "use_batches": True}
    )
    job = await wait_job(client, r.json()["job_id"])
    assert job["status"] == "succeeded" and job["result"]["engines"] == {"rules": 3}
    assert fake_anthropic.batch_creates == 0 and fake_anthropic.attempts == 0

    fake_anthropic.refuse_batch_creates = [(529, "overloaded_error")]
    r = await client.post(
        "/api/prospects/analyze-batch",
        json={"industry": "casino", "prospects": people(3), "use_batches": True, "replace": True},
    )
    job = await wait_job(client, r.json()["job_id"], timeout=60)
    assert job["status"] == "succeeded" and job["result"]["engines"] == {"claude": 3}, job
    assert job["attempts"] == 2 and fake_anthropic.batch_creates == 1


async def test_cancelling_a_waiting_job_cancels_its_batch(rig, fake_anthropic):
    fake_anthropic.responder = _answer
    fake_anthropic.batch_delay_s = 2
    rg = await rig(claude=True, LLM_BATCH_POLL_S=0.2)
    app, client = rg.app, rg.client
    r = await client.post(
        "/api/prospects/analyze-batch", json={"industry": "casino", "prospects": people(3), "use_batches": True}
    )
    job_id = r.json()["job_id"]
    await wait_until(
        lambda: _json(client.get(f"/api/jobs/{job_id}")),
        lambda job: (job["message_batch"] or {}).get("status") == "submitted",
        every=0.01,
    )
    cancelled = await client.post(f"/api/jobs/{job_id}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    [batch] = fake_anthropic.batches.values()
    assert batch.cancel_initiated is not None and batch.status in ("canceling", "ended")
    await asyncio.sleep(2.2)  # the batch ends (its requests cancelled); the job is not worked again
    assert [r["result"]["type"] for r in batch.results] == ["canceled"] * 3
    job = (await client.get(f"/api/jobs/{job_id}")).json()
    assert job["status"] == "cancelled" and job["done"] == 0 and await _ledger(app.state.db) == []


# --- kill -9 with 1,000 prospects ----------------------------------------------------------------


@pytest.mark.slow
async def test_kill_9_during_a_1000_prospect_batched_pipeline(database_url, fake_anthropic):
    """A real service runs a 1,000-prospect complete pipeline through Message Batches and is killed
    with SIGKILL at the worst moment: Anthropic has just made the second batch and the process has not
    stored its id (items of the first round are done, the rest wait). A new process finishes the job.
    Every prospect has exactly one analysis and the content its tier calls for; the second batch was
    adopted, not paid for twice: every Claude request went into exactly one batch; the ledger holds one
    row per request, at batch prices."""
    n = 1000
    fake_anthropic.responder = _answer
    fake_anthropic.batch_delay_s = 0.5
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ANTHROPIC_API_KEY": "test",
        "ANTHROPIC_BASE_URL": fake_anthropic.url,
        "LLM_MAX_ATTEMPTS": "1",
        "JOB_WORKERS": "1",
        "JOB_LEASE_S": "2",
        "JOB_POLL_INTERVAL_S": "0.1",
        "LLM_BATCH_POLL_S": "0.2",
        "LLM_BATCH_MIN_ITEMS": "500",
        "LOG_LEVEL": "WARNING",
        "RATE_LIMIT": "100000/minute",
    }
    settings = make_settings(database_url)
    db = TuneDatabase(database_url, settings=settings)
    await db.migrate()
    key = await make_key(db)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    server = _serve(env, port)

    def kill_at_the_second_create(batch: Any) -> None:  # in the fake's thread, before it answers
        if fake_anthropic.batch_creates == 2:
            os.killpg(server.pid, signal.SIGKILL)

    fake_anthropic.on_batch_create = kill_at_the_second_create
    # The fake's HTTP server would print a traceback for the connection the killed process reset.
    fake_anthropic._server.handle_error = lambda request, client_address: None  # type: ignore[union-attr]
    try:
        await _until_up(url)
        async with httpx.AsyncClient(base_url=url, headers={"X-API-Key": key}, timeout=120) as client:
            r = await client.post("/api/workflows/complete-pipeline", json=_pipeline(people(n)))  # auto: ≥ 500
            assert r.status_code == 202, r.text
            job_id = r.json()["job_id"]
            await asyncio.to_thread(server.wait, 300)
            fake_anthropic.on_batch_create = None
            async with db.session(write=False) as s:
                done_at_kill = await s.scalar(select(Job.done).where(Job.id == uuid.UUID(job_id)))
                markers = (
                    await s.execute(select(LlmBatch.status, LlmBatch.batch_id).order_by(LlmBatch.round))
                ).all()
            assert 0 < done_at_kill < n
            # The kill landed between Anthropic making the batch and the id being stored.
            assert [tuple(m) for m in markers] == [
                ("collected", next(iter(fake_anthropic.batches))),
                ("submitting", None),
            ]
            server = _serve(env, port)
            await _until_up(url)
            job = await wait_job(client, job_id, timeout=600)
        elapsed = time.monotonic() - started
        assert job["status"] == "succeeded" and job["done"] == n and job["failed"] == 0, job
        assert job["result"]["engines"] == {"claude": n}, job["result"]

        assert fake_anthropic.attempts == 0  # no Messages call: everything went through batches
        submitted = fake_anthropic.batch_requests
        assert len(submitted) == len(set(submitted))  # no request was ever sent twice
        async with db.session(write=False) as s:
            analyses = Counter(await s.scalars(select(Analysis.prospect_id)))
            campaign_id = uuid.UUID(job["result"]["campaign_id"])
            tiers = dict(
                (
                    await s.execute(
                        select(CampaignProspect.prospect_id, CampaignProspect.tier).where(
                            CampaignProspect.campaign_id == campaign_id
                        )
                    )
                ).all()
            )
            messages = Counter(
                (
                    await s.execute(
                        select(Message.prospect_id, Message.channel).where(Message.campaign_id == campaign_id)
                    )
                ).all()
            )
            ledger = list(await s.scalars(select(LlmUsage)))
            batches = (await s.execute(select(LlmBatch.status, func.count()).group_by(LlmBatch.status))).all()
        assert len(analyses) == n and set(analyses.values()) == {1}
        assert len(tiers) == n
        wanted = Counter()
        for prospect_id, tier in tiers.items():
            for channel in PLAN.get(str(tier), []):
                wanted[(prospect_id, CHANNELS[channel])] = STEPS if channel == "sequence" else 1
        assert messages == wanted
        # Calls needed once each: an analysis per prospect, then one per content piece.
        assert len(submitted) == n + sum(len(PLAN.get(str(t), [])) for t in tiers.values())
        assert len(ledger) == len(submitted) and {row.outcome for row in ledger} == {"ok"}
        for row in ledger:
            batch_price, full_price = _batch_priced(settings, row)
            assert row.cost_usd == pytest.approx(batch_price) and batch_price < full_price
        assert dict(batches) == {"collected": fake_anthropic.batch_creates}
        print(
            f"\n1,000-prospect batched pipeline with a kill -9 at {done_at_kill} done: {elapsed:.1f} s, "
            f"{fake_anthropic.batch_creates} batches, {len(submitted)} requests, "
            f"ledger ${sum(r.cost_usd for r in ledger):.4f} "
            f"(Messages prices: ${sum(_batch_priced(settings, r)[1] for r in ledger):.4f})"
        )
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        await db.dispose()


async def test_the_fake_batches_api_is_the_sdks_shape(fake_anthropic):
    """The fake's Batches endpoints answer what the pinned SDK parses under strict validation."""

    async def run(fake: FakeAnthropic) -> None:
        fake.responder = lambda request: {"ok": True}
        fake.batch_delay_s = 0.05
        fake.batch_outcome = lambda cid, params: {"b": "errored", "c": "canceled"}.get(cid)
        client = fake.sdk_client()
        params = {"model": "claude-sonnet-5-5", "max_tokens": 50, "messages": [{"role": "user", "content": "hi"}]}
        bad = {**params, "temperature": 0.5}  # gone in 2.x: that request errors, the others do not
        batch = await client.messages.batches.create(
            requests=[
                {"custom_id": "a", "params": params},
                {"custom_id": "b", "params": params},
                {"custom_id": "c", "params": params},
                {"custom_id": "d", "params": bad},
            ]
        )
        assert batch.processing_status == "in_progress" and batch.request_counts.processing == 4
        assert batch.results_url is None
        batch = await wait_until(
            lambda: client.messages.batches.retrieve(batch.id),
            lambda b: b.processing_status == "ended",
            every=0.02,
        )
        counts = batch.request_counts
        assert (counts.succeeded, counts.errored, counts.canceled) == (1, 2, 1)
        results = {r.custom_id: r.result async for r in await client.messages.batches.results(batch.id)}
        assert results["a"].type == "succeeded" and results["a"].message.model == "claude-sonnet-5-5"
        assert results["d"].type == "errored" and results["d"].error.error.type == "invalid_request_error"
        listed = [b.id async for b in client.messages.batches.list(limit=1)]
        assert listed == [batch.id]
        with pytest.raises(Exception, match="custom_id"):
            await client.messages.batches.create(
                requests=[{"custom_id": "x", "params": params}, {"custom_id": "x", "params": params}]
            )
        await client.close()

    await run(fake_anthropic)
