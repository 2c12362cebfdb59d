"""A campaign's `sequence_settings` are the defaults for its content: single sequences with a
`campaign_id`, content batches and the pipeline all write its number of steps (issue 18, item 6)."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from models import Message
from tests.support.jobs import wait_job
from tests.support.people import SENDER, people

SETTINGS = {"steps": 3, "subject_variants": 3, "sender": SENDER}


async def _steps_per_prospect(app, campaign_id: str) -> set[int]:
    async with app.state.db.session(write=False) as s:
        rows = await s.execute(
            select(Message.prospect_id, func.count())
            .where(Message.campaign_id == uuid.UUID(campaign_id), Message.channel == "email")
            .group_by(Message.prospect_id)
        )
        return {n for _, n in rows}


async def test_single_sequence_takes_the_campaigns_steps_unless_asked(rig):
    client = (await rig()).client
    campaign = await client.post(
        "/api/campaigns", json={"name": "Three steps", "industry": "casino", "sequence_settings": SETTINGS}
    )
    assert campaign.status_code == 201, campaign.text
    cid = campaign.json()["id"]
    prospect = people(1)[0]
    written = await client.post("/api/content/generate-sequence", json={"campaign_id": cid, "prospect": prospect})
    assert written.status_code == 200, written.text
    steps = written.json()["steps"]
    assert [s["step"] for s in steps] == [1, 2, 3]
    assert all(len(s["subject_variants"]) == 3 for s in steps)
    asked = await client.post(
        "/api/content/generate-sequence", json={"campaign_id": cid, "prospect": prospect, "steps": 5}
    )
    assert [s["step"] for s in asked.json()["steps"]] == [1, 2, 3, 4, 5]
    # Without a campaign, the documented default.
    plain = await client.post(
        "/api/content/generate-sequence", json={"industry": "casino", "prospect": prospect, "sender": SENDER}
    )
    assert len(plain.json()["steps"]) == 4


async def test_batch_and_pipeline_take_the_campaigns_steps(rig):
    rg = await rig()
    app, client = rg.app, rg.client
    created = await client.post(
        "/api/campaigns", json={"name": "Three steps", "industry": "casino", "sequence_settings": SETTINGS}
    )
    cid = created.json()["id"]
    pipeline = await client.post(
        "/api/workflows/complete-pipeline",
        json={
            "campaign_id": cid,
            "prospects": people(4),
            "content": {"tiers": {"1": ["sequence"], "2": ["sequence"], "3": ["sequence"], "4": ["sequence"]}},
        },
    )
    assert pipeline.status_code == 202, pipeline.text
    assert (await wait_job(client, pipeline.json()["job_id"]))["status"] == "succeeded"
    assert await _steps_per_prospect(app, cid) == {3}

    two = {**SETTINGS, "steps": 2}
    other = (
        await client.post(
            "/api/campaigns", json={"name": "Two steps", "industry": "casino", "sequence_settings": two}
        )
    ).json()["id"]
    added = await client.post(f"/api/campaigns/{other}/prospects", json={"prospects": people(3)})
    assert added.status_code == 200, added.text
    batch = await client.post("/api/content/generate-batch", json={"campaign_id": other})
    assert batch.status_code == 202, batch.text
    assert (await wait_job(client, batch.json()["job_id"]))["status"] == "succeeded"
    assert await _steps_per_prospect(app, other) == {2}
