"""Polling with a deadline: every wait in the tests ends, with what it last saw.

A `timeout` parameter rather than `asyncio.timeout()` (ruff ASYNC109): the failure must say what the
last poll saw, which a cancelled await cannot."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

FINISHED = ("succeeded", "failed", "cancelled")


async def wait_job(client: httpx.AsyncClient, job_id: str, timeout: float = 60) -> dict[str, Any]:  # noqa: ASYNC109
    """The job once it has finished; fails the test with the job's last state after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        job = (await client.get(f"/api/jobs/{job_id}")).json()
        if job["status"] in FINISHED:
            return job
        assert time.monotonic() < deadline, f"job {job_id} not finished after {timeout} s: {job}"
        await asyncio.sleep(0.05)


async def wait_until(
    probe: Callable[[], Awaitable[Any]],
    done: Callable[[Any], bool],
    *,
    timeout: float = 60,  # noqa: ASYNC109 (a test's deadline, asserted with its last result)
    every: float = 0.05,
) -> Any:
    """Call `probe` until `done(result)`; the result, or the test fails with the last one after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        result = await probe()
        if done(result):
            return result
        assert time.monotonic() < deadline, f"not done after {timeout} s: {result}"
        await asyncio.sleep(every)
