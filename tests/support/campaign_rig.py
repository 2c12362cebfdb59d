"""Shared set-up for the campaign, tracking and analytics tests (on the one `rig`, tests/support/rig.py):
their settings (`tracked`), a campaign with prospects and email messages, and a recount of every
report figure from raw events.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

import httpx
from sqlalchemy import select

from models import Campaign, Message, TrackingEvent
from tests.support.rig import Rig

COHORTS = {
    "sent": {"sent", "delivered", "opened", "clicked", "replied", "bounced", "unsubscribed"},
    "delivered": {"delivered", "opened", "clicked", "replied", "unsubscribed"},
    "opened": {"opened", "clicked"},
    "clicked": {"clicked"},
    "replied": {"replied"},
    "bounced": {"bounced"},
    "unsubscribed": {"unsubscribed"},
}
HUMAN_UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"


# What the campaign, tracking and analytics tests run with: absolute tracking URLs and a real secret.
TRACKED: dict[str, Any] = {"PUBLIC_BASE_URL": "https://track.example.com", "SECRET_KEY": "test-secret-" + "x" * 40}


def tracked(**overrides: Any) -> dict[str, Any]:
    """`await rig(**tracked(...))`: the tracking settings, with these on top."""
    return {**TRACKED, **overrides}


def person(i: int, **extra: Any) -> dict[str, Any]:
    titles = ["VP of Marketing", "Director of Player Development", "Marketing Coordinator", "Casino Host"]
    return {
        "email": f"person{i}@casino{i % 7}.example.com",
        "first_name": f"Pat{i}",
        "last_name": "Lee",
        "title": titles[i % len(titles)],
        "company": f"Casino {i % 7} Resort",
        "industry": "Casino & Gaming",
        "employees": 500 + 100 * i,
        "location": "Reno, NV",
        **extra,
    }


async def make_campaign(
    r: Rig, n: int = 4, *, client: httpx.AsyncClient | None = None, **body: Any
) -> tuple[str, list[str]]:
    """A campaign with n analysed prospects; returns (campaign id, prospect ids)."""
    c = client or r.client
    created = await c.post("/api/campaigns/create", json={"name": "Q1 casinos", "industry": "casino", **body})
    assert created.status_code == 201, created.text
    cid = created.json()["id"]
    if n:
        added = await c.post(f"/api/campaigns/{cid}/prospects", json={"prospects": [person(i) for i in range(n)]})
        assert added.status_code == 200, added.text
        return cid, [item["prospect_id"] for item in added.json()["items"]]
    return cid, []


async def add_messages(
    r: Rig, campaign_id: str, prospect_ids: list[str], *, steps: int = 2, links: int = 2
) -> dict[tuple[str, int], str]:
    """Email messages (steps × prospects) made directly in the database; variants alternate A/B."""
    ids: dict[tuple[str, int], str] = {}
    async with r.db.session() as session:
        campaign = await session.get(Campaign, uuid.UUID(campaign_id))
        for n, pid in enumerate(prospect_ids):
            for step in range(1, steps + 1):
                variant = "AB"[(n + step) % 2]
                urls = " ".join(f"https://example.com/page{k}?step={step}" for k in range(links))
                body = f"Hi there,\n\nStep {step} for you. Details: {urls}.\n\nWorth a call?\nSam"
                m = Message(
                    workspace_id=campaign.workspace_id,
                    prospect_id=uuid.UUID(pid),
                    campaign_id=campaign.id,
                    content_key=f"{campaign_id}:{pid}:email:{step}",
                    channel="email",
                    step=step,
                    day_offset=(step - 1) * 3,
                    purpose="opener",
                    subject=f"Subject {variant} step {step}",
                    subject_variants=["sa", "sb"],
                    variant=variant,
                    body=body,
                    cta="Worth a call?",
                    quality={"score": 90},
                    engine="rules",
                )
                m.id = uuid.uuid4()
                session.add(m)
                ids[(pid, step)] = str(m.id)
    return ids


async def links_of(r: Rig, message_id: str) -> dict[str, Any]:
    got = await r.client.get(f"/api/tracking/messages/{message_id}/links")
    assert got.status_code == 200, got.text
    return got.json()


def token_of(url: str) -> str:
    """The token in a pixel or click URL."""
    return url.rsplit("/", 1)[1].removesuffix(".gif")


async def recount(r: Rig, campaign_id: str) -> dict[str, Any]:
    """Every report figure recomputed from the raw events, by the documented definitions."""
    async with r.db.session(write=False) as session:
        events = list(
            await session.scalars(
                select(TrackingEvent)
                .where(TrackingEvent.campaign_id == uuid.UUID(campaign_id))
                .order_by(TrackingEvent.id)
            )
        )
    out: dict[str, Any] = {
        "overview": defaultdict(lambda: [0, 0, 0, 0]),
        "tiers": defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0])),
        "steps": defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0])),
        "hours": defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0])),
    }
    first: dict[tuple[Any, ...], TrackingEvent] = {}
    for e in events:
        out["overview"][e.type][0] += 1
        out["overview"][e.type][1] += not e.is_machine
        out["tiers"][e.tier][e.type][0] += 1
        out["tiers"][e.tier][e.type][1] += not e.is_machine
        out["steps"][(e.step, e.variant)][e.type][0] += 1
        out["steps"][(e.step, e.variant)][e.type][1] += not e.is_machine
        hour = e.occurred_at.replace(minute=0, second=0, microsecond=0)
        out["hours"][hour][e.type][0] += 1
        out["hours"][hour][e.type][1] += not e.is_machine
        for metric, types in COHORTS.items():
            if e.type not in types:
                continue
            audiences = ["all"] + (["human"] if metric in ("opened", "clicked") and not e.is_machine else [])
            for audience in audiences:
                slot = 2 if audience == "all" else 3
                if (e.prospect_id, metric, "c", audience) not in first:
                    first[(e.prospect_id, metric, "c", audience)] = e
                    out["overview"][metric][slot] += 1
                    out["tiers"][e.tier][metric][slot] += 1
                    out["hours"][hour][metric][slot] += 1
                if (e.prospect_id, metric, e.step, e.variant, audience) not in first:
                    first[(e.prospect_id, metric, e.step, e.variant, audience)] = e
                    out["steps"][(e.step, e.variant)][metric][slot] += 1
    return out
