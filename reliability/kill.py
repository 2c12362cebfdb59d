"""Scenario `kill`: `kill -9` of the service in the middle of a complete-pipeline job, and recovery.

One service process (one job worker, 4 items at a time, a 3 s lease) on a fresh SQLite file, with
Claude played by bench/fakes.py's fake Messages API (every call answers after a latency; its answers
pass validation and the quality gate, so each piece of content costs exactly one call). Then:

1. `POST /api/workflows/complete-pipeline` for N new prospects (short 100, full 1000): tier 1 gets a
   3-step sequence and a LinkedIn note, tier 2 a sequence, tiers 3-4 nothing.
2. When about 40% of the items are done, SIGKILL the process (no shutdown hook, the lease is left held).
3. Start a new process on the same database at once; it takes the job over when the lease expires.

PASS: the job ends `succeeded` with N done and 0 failed; every prospect has exactly one analysis and
one campaign row, and exactly the content its tier calls for (no more, no less); no prospect whose
item was done before the kill got another Claude call after it; Claude calls redone (in flight at the
kill) are at most one chunk's worth.
Figures: items done before the kill, time from the kill to the service answering, to the job moving
again, and to the job finished; Claude calls made, expected and redone.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
import uuid
from collections import Counter
from typing import Any

import httpx
from sqlalchemy.engine import make_url

from bench import common as bench
from bench import fakes
from reliability import common

NAME = "kill"
TITLE = "kill -9 during a complete-pipeline job, restart, every prospect done exactly once"
PLAN = {"1": ["sequence", "linkedin"], "2": ["sequence"]}
STEPS = 3
ITEM_CONCURRENCY = 4
LEASE_S = 3
KILL_AT = 0.4
CHANNELS = {"sequence": "email", "linkedin": "linkedin_connection"}
PURPOSES = {"sequence": "sequence", "linkedin": "linkedin"}  # bench.fakes.claude_answer's purpose names


def _rows(db_path: str, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        return conn.execute(sql, params).fetchall()


def _job_state(db_path: str, job_hex: str) -> tuple[str, int, int, list[str]]:
    """(status, done, failed, emails of the items done) straight from the database."""
    status, done, failed = _rows(db_path, "SELECT status, done, failed FROM jobs WHERE id = ?", job_hex)[0]
    payloads = _rows(db_path, "SELECT payload FROM job_items WHERE job_id = ? AND status = 'done'", job_hex)
    emails = [json.loads(p)["prospect"]["email"].lower() for (p,) in payloads]
    return status, done, failed, emails


async def _poll(url: str, key: str, job_id: str, until: Any, max_wait_s: float) -> dict[str, Any]:
    deadline = time.monotonic() + max_wait_s
    async with httpx.AsyncClient(base_url=url, headers={"X-API-Key": key}, timeout=30) as c:
        while True:
            r = await c.get(f"/api/jobs/{job_id}")
            if r.status_code == 200 and until(r.json()):
                return r.json()
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"job {job_id}: condition not met within {max_wait_s:g} s ({r.status_code} {r.text[:300]})"
                )
            await asyncio.sleep(0.05)


def run(full: bool = False, *, prospects: int | None = None, latency_s: float | None = None) -> common.Result:
    result = common.Result(NAME, TITLE)
    n = prospects or (1000 if full else 100)
    latency = latency_s if latency_s is not None else 0.05
    with (
        fakes.FakeClaude(latency_s=latency) as claude,
        common.service_env(
            **claude.env(
                JOB_WORKERS="1",
                JOB_ITEM_CONCURRENCY=str(ITEM_CONCURRENCY),
                JOB_LEASE_S=str(LEASE_S),
                JOB_POLL_INTERVAL_S="0.2",
                LLM_MAX_CONCURRENCY="4",
            )
        ) as env,
    ):
        db_path = make_url(env["DATABASE_URL"]).database
        assert db_path
        # The fake's HTTP server prints a traceback for each connection the killed process reset: expected here.
        server = getattr(claude.fake, "_server", None)
        if server is not None:
            server.handle_error = lambda request, client_address: None
        key = bench.create_api_key(env, name="kill", scopes="read,write")
        people = common.prospects(n, f"kill-{common.unique_tag()}")
        result.info(
            f"{n} prospects, Claude fake latency {latency * 1000:.0f} ms, content {PLAN} ({STEPS} steps), "
            f"{ITEM_CONCURRENCY} items at a time, lease {LEASE_S} s; SIGKILL at ~{KILL_AT:.0%} done"
        )
        first = common.ServiceProcess(env).start()
        try:
            r = httpx.post(
                first.url("/api/workflows/complete-pipeline"),
                headers={"X-API-Key": key},
                timeout=120,
                json={
                    "campaign": {"name": "kill -9", "industry": "casino"},
                    "prospects": people,
                    "content": {"tiers": PLAN, "steps": STEPS},
                    "sender": common.SENDER,
                },
            )
            r.raise_for_status()
            job_id = r.json()["job_id"]
            job_started = time.perf_counter()
            bench.run(_poll(first.base_url, key, job_id, lambda j: j["done"] >= KILL_AT * n, max_wait_s=600))
            first.kill9()
            killed_at = time.perf_counter()
        finally:
            first.stop()
        calls_before = claude.calls
        job_hex = uuid.UUID(job_id).hex
        _, done_before, _, done_emails = _job_state(db_path, job_hex)
        result.figure(
            "done before the kill",
            f"{done_before} of {n} items, after {killed_at - job_started:.1f} s "
            f"({calls_before} Claude calls so far)",
        )

        second = common.ServiceProcess(env).start()
        try:
            up = time.perf_counter() - killed_at
            bench.run(_poll(second.base_url, key, job_id, lambda j: j["done"] > done_before, max_wait_s=120))
            resumed = time.perf_counter() - killed_at
            job = bench.run(
                _poll(
                    second.base_url,
                    key,
                    job_id,
                    lambda j: j["status"] in ("succeeded", "failed", "cancelled"),
                    max_wait_s=1200,
                )
            )
            finished = time.perf_counter() - killed_at
            log = second.log_text()
        finally:
            second.stop()

        # --- what the database holds ---
        email_of = dict(_rows(db_path, "SELECT id, email FROM prospects"))
        campaign_hex = _rows(db_path, "SELECT id FROM campaigns WHERE name = 'kill -9'")[0][0]
        tier_of = {
            email_of[p]: t
            for p, t in _rows(
                db_path, "SELECT prospect_id, tier FROM campaign_prospects WHERE campaign_id = ?", campaign_hex
            )
        }
        analyses = Counter(email_of[p] for (p,) in _rows(db_path, "SELECT prospect_id FROM analyses"))
        messages = Counter(
            (email_of[p], ch) for p, ch in _rows(db_path, "SELECT prospect_id, channel FROM messages")
        )
        emails = {p["email"].lower() for p in people}

        # --- Claude calls ---
        calls = claude.calls_by_email  # email -> [(purpose, start, end)]
        expected_calls = sum(1 + len(PLAN.get(str(tier_of.get(e)), [])) for e in emails)
        redone = claude.calls - expected_calls
        after_kill_for_done = sum(
            1 for e in done_emails for (_, start, _) in calls.get(e, []) if start > killed_at
        )
        per_purpose = Counter(p for e in emails for (p, _, _) in calls.get(e, []))

        result.figure(
            "time to recover",
            f"service answering {up:.1f} s after the kill, job moving again at "
            f"{resumed:.1f} s (lease {LEASE_S} s), job {job['status']} at "
            f"{finished:.1f} s",
        )
        result.figure(
            "job",
            f"{job['status']}: {job['done']} done, {job['failed']} failed of {job['total']}; "
            f"attempts {job['attempts']}",
        )
        tiers = Counter(tier_of.values())
        result.figure(
            "prospects",
            f"{len(tier_of)} in the campaign (tiers "
            f"{', '.join(f'{t}: {c}' for t, c in sorted(tiers.items()))}); analyses per "
            f"prospect {dict(Counter(analyses[e] for e in emails))}",
        )
        result.figure(
            "Claude calls",
            f"{claude.calls} made ({dict(per_purpose)}), {expected_calls} needed once "
            f"each: {redone} redone (in flight at the kill; bound "
            f"{ITEM_CONCURRENCY * 3}), {after_kill_for_done} after the kill for items "
            f"done before it",
        )

        result.check(job["status"] == "succeeded", f"the job ended {job['status']}: {job.get('error')}")
        result.check(
            job["done"] == n and job["failed"] == 0, f"job done {job['done']}, failed {job['failed']} of {n}"
        )
        result.check(0 < done_before < n, f"the kill came at {done_before} of {n} done, not in the middle")
        result.check(set(tier_of) == emails, f"{len(emails - set(tier_of))} prospects missing from the campaign")
        bad_analyses = {e: analyses[e] for e in emails if analyses[e] != 1}
        result.check(
            not bad_analyses,
            f"{len(bad_analyses)} prospects without exactly one analysis: {dict(list(bad_analyses.items())[:5])}",
        )
        wrong_content = []
        for e in emails:
            want = {CHANNELS[c]: (STEPS if c == "sequence" else 1) for c in PLAN.get(str(tier_of.get(e)), [])}
            have = {ch: messages[(e, ch)] for ch in {ch for (em, ch) in messages if em == e}}
            if have != want:
                wrong_content.append(f"{e}: tier {tier_of.get(e)} has {have}, wants {want}")
        result.check(
            not wrong_content, f"{len(wrong_content)} prospects with the wrong content: {wrong_content[:3]}"
        )
        result.check(
            after_kill_for_done == 0, f"{after_kill_for_done} Claude calls after the kill for items done before it"
        )
        result.check(
            0 <= redone <= ITEM_CONCURRENCY * 3, f"{redone} Claude calls redone (bound {ITEM_CONCURRENCY * 3})"
        )
        result.check(
            claude.unscripted == 0, f"the fake Claude got {claude.unscripted} requests it could not answer"
        )
        common.print_log_errors(result, log)
        result.check("Traceback" not in log, "the restarted server logged a traceback")
    return result.finish()
