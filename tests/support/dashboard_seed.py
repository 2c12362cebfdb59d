"""A running service with a seeded campaign, for the dashboard's browser test and its screenshot.

`serve()` starts the real service (uvicorn subprocess, free port, temp SQLite file) with an API key;
`seed()` fills it through the API as a user would: a campaign whose prospects land in every tier
(one named with HTML, as a CSV could), content written by a background job (two steps, A/B subject
variants), and a sending tool's events, human and machine, over five days. Step 1's variant A is
opened far more often than B (a significant winner); step 2's variants are even (none).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from tests.support.jobs import wait_job

ROOT = Path(__file__).resolve().parent.parent.parent
HUMAN_UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
APPLE_MPP_UA = "Mozilla/5.0"  # Apple Mail Privacy Protection's prefetch: labelled machine
SCANNER_UA = "Barracuda Sentinel (EE)"
EVIL_NAME = '<img src=x onerror="window.__xss=1">'
SENDER = {
    "name": "Sam Lee",
    "title": "Partner",
    "company": "Tune Outbound",
    "offer": "player reactivation campaigns",
    "calendar_link": "https://cal.example.com/sam",
}
T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")  # Debian's chromium; never a downloaded build
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SIGNALS = ["Opening a 400-room hotel tower in Q2 2027", "Hiring a Player Development Manager"]
# (title, employees, revenue, signals): with the casino agent's rubric, three of these land in tier 1,
# four in tier 2, three in tier 3 and two in tier 4.
PROFILES = [
    ("VP of Marketing", 2500, 180_000_000, SIGNALS),
    ("Chief Marketing Officer", 1200, 180_000_000, SIGNALS),
    ("Director of Player Development", 600, 120_000_000, SIGNALS),
    ("Casino Host Manager", 1200, 90_000_000, SIGNALS[:1]),
    ("Director of Marketing", 1200, 90_000_000, []),
    ("Player Development Manager", 300, 90_000_000, []),
    ("Casino Host", 1200, 90_000_000, []),
    ("Marketing Manager", 1200, 90_000_000, []),
    ("Casino Host", 600, None, []),
    ("Marketing Coordinator", 1200, 90_000_000, []),
    ("Marketing Coordinator", 300, None, []),
    ("Intern", 40, None, []),
]
FIRST = [
    "Dana",
    "Ravi",
    "Zoë",
    "Marcus",
    "Aiko",
    "Lena",
    "Tomás",
    "Grace",
    "Omar",
    "Priya",
    "Jonah",
    "Mei",
    "Kofi",
]
LAST = [
    "Reyes",
    "Patel",
    "O'Brien-Núñez",
    "Hughes",
    "Tanaka",
    "Fischer",
    "García",
    "Okafor",
    "Haddad",
    "Iyer",
    "Berg",
]
COMPANIES = ["Silver Peak", "Gold Coast", "Lucky River"]


@dataclass
class Service:
    url: str
    key: str
    database_url: str
    process: subprocess.Popen[bytes]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _create_key(database_url: str) -> str:
    from database_async import TuneDatabase
    from tests.conftest import make_key, make_settings

    db = TuneDatabase(database_url, settings=make_settings(database_url))
    try:
        await db.migrate()
        return await make_key(db, workspace="Tune demo agency", scopes=("read", "write"), name="dashboard")
    finally:
        await db.dispose()


@contextlib.asynccontextmanager
async def serve(**settings: str) -> AsyncIterator[Service]:
    """The service in a subprocess on 127.0.0.1 with a fresh SQLite database and a read+write key."""
    with tempfile.TemporaryDirectory(prefix="tune-dashboard-") as tmp:
        database_url = f"sqlite+aiosqlite:///{Path(tmp) / 'dashboard.db'}"
        key = await _create_key(database_url)
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "RATE_LIMIT": "10000/minute",
            "LOG_LEVEL": "WARNING",
            "JOB_WORKERS": "1",
            "JOB_POLL_INTERVAL_S": "0.1",
            "ENV": "development",
            "PUBLIC_BASE_URL": "https://track.example.com",
            "SECRET_KEY": "dashboard-test-" + "x" * 40,
            "ANTHROPIC_API_KEY": "",
            **settings,
        }
        port = free_port()
        # Blocking calls while nothing else runs on the loop (the server is not up yet).
        log = open(Path(tmp) / "server.log", "wb")  # noqa: SIM115, ASYNC230  (closed below)
        process = subprocess.Popen(  # noqa: ASYNC220
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
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            await _until_up(url, process, Path(tmp) / "server.log")
            yield Service(url=url, key=key, database_url=database_url, process=process)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()


async def _until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"the service exited ({process.returncode}):\n{log.read_text()[-3000:]}")  # noqa: ASYNC240
            try:
                if (await client.get(url + "/api/health")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"the service did not start in 60 s:\n{log.read_text()[-3000:]}")  # noqa: ASYNC240


def prospects(n: int) -> list[dict[str, Any]]:
    """n casino prospects from the C-suite to interns, so every tier gets some; one is named with HTML."""
    out = []
    for i in range(n):
        title, employees, revenue, signals = PROFILES[i % len(PROFILES)]
        first, last = FIRST[i % len(FIRST)], LAST[i % len(LAST)]
        local = first.lower().replace("ë", "e").replace("á", "a")
        out.append(
            {
                "email": f"{local}.{i}@casino{i % 9}.example.com",
                "first_name": EVIL_NAME if i == 5 else first,
                "last_name": last,
                "title": title,
                "company": f"{COMPANIES[i % 3]} Casino {i % 9}",
                "industry": "Casino & Gaming",
                "employees": employees,
                "location": "Reno, NV",
                **({"revenue": revenue} if revenue else {}),
                **({"signals": signals} if signals else {}),
            }
        )
    return out


def _iso(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


async def _tier_items(client: httpx.AsyncClient, cid: str) -> list[dict[str, Any]]:
    items = []
    for tier in (1, 2, 3, 4):
        got = await client.get(f"/api/campaigns/{cid}/prospects/{tier}", params={"limit": 100})
        assert got.status_code == 200, got.text
        items += got.json()["items"]
    return items


def events_for(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A sending tool's report for each prospect's two email steps, human and machine."""
    events: list[dict[str, Any]] = []

    def add(kind: str, message_id: str, at: datetime, **extra: Any) -> None:
        events.append(
            {"id": f"seed-{len(events)}", "type": kind, "occurred_at": _iso(at), "message_id": message_id, **extra}
        )

    for n, item in enumerate(sorted(items, key=lambda i: i["email"])):
        steps = {s["step"]: s for s in item["content"]["email_steps"]}
        if 1 not in steps:
            continue
        s1 = steps[1]
        sent = T0 + timedelta(minutes=7 * n)
        add("sent", s1["message_id"], sent)
        if n == 3:
            add("bounced", s1["message_id"], sent + timedelta(minutes=1))
            continue
        add("delivered", s1["message_id"], sent + timedelta(minutes=1))
        a = s1["variant"] == "A"
        if n % 4 == 1:  # Apple MPP prefetches the pixel: a machine open, whatever the subject
            add("opened", s1["message_id"], sent + timedelta(minutes=2), user_agent=APPLE_MPP_UA)
        if (a and n % 7 != 0) or (not a and n % 5 == 0):  # people open A far more often than B
            opened = sent + timedelta(hours=3 + n % 20)
            add("opened", s1["message_id"], opened, user_agent=HUMAN_UA)
            if n % 3 == 0:
                add(
                    "clicked",
                    s1["message_id"],
                    opened + timedelta(minutes=4),
                    user_agent=HUMAN_UA,
                    url=SENDER["calendar_link"],
                )
            if n % 4 == 0:
                add("replied", s1["message_id"], opened + timedelta(hours=20))
        if n % 6 == 2:  # a security scanner follows the links
            add("clicked", s1["message_id"], sent + timedelta(minutes=3), user_agent=SCANNER_UA)
        if 2 in steps and n % 4 != 0:
            s2 = steps[2]
            sent2 = T0 + timedelta(days=3, minutes=5 * n)
            add("sent", s2["message_id"], sent2)
            add("delivered", s2["message_id"], sent2 + timedelta(minutes=1))
            if n % 2 == 0:  # no difference between the variants here
                add("opened", s2["message_id"], sent2 + timedelta(hours=2 + n % 30), user_agent=HUMAN_UA)
    return events


async def seed(url: str, key: str, *, n: int = 36) -> dict[str, Any]:
    """Seed a campaign through the API; returns its id, the other campaign's id and the content job."""
    async with httpx.AsyncClient(base_url=url, headers={"X-API-Key": key}, timeout=60) as client:
        empty = await client.post(
            "/api/campaigns/create", json={"name": "Spring hotel pilot", "industry": "hotel"}
        )
        assert empty.status_code == 201, empty.text
        created = await client.post(
            "/api/campaigns/create",
            json={
                "name": "Q1 casino reactivation",
                "industry": "casino",
                "description": "Regional casino resorts opening new hotel towers",
                "sequence_settings": {"steps": 2, "subject_variants": 2, "sender": SENDER},
            },
        )
        assert created.status_code == 201, created.text
        cid = created.json()["id"]
        added = await client.post(f"/api/campaigns/{cid}/prospects", json={"prospects": prospects(n)})
        assert added.status_code == 200 and added.json()["failed"] == 0, added.text
        queued = await client.post(
            "/api/content/generate-batch",
            json={"campaign_id": cid, "channels": ["sequence"], "steps": 2, "subject_variants": 2},
        )
        assert queued.status_code == 202, queued.text
        job = await wait_job(client, queued.json()["job_id"])
        assert job["status"] == "succeeded" and job["failed"] == 0, job
        items = await _tier_items(client, cid)
        events = events_for(items)
        ingested = await client.post("/api/tracking/events", json={"events": events})
        assert ingested.status_code == 200 and ingested.json()["errors"] == 0, ingested.text
        return {
            "campaign_id": cid,
            "empty_campaign_id": empty.json()["id"],
            "job_id": job["job_id"],
            "events": len(events),
        }
