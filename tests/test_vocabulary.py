"""One vocabulary: every list is `{items, next_cursor}`, prospects can be listed and found by email,
and each thing has one id name in answers (issue 18, item 8)."""

from __future__ import annotations

import uuid

from api_server import create_app
from tests.conftest import assert_problem, make_key, make_settings
from tests.support.campaign_rig import TRACKED, add_messages, make_campaign, person


def test_no_operation_answers_a_bare_list(tmp_path):
    document = create_app(make_settings(f"sqlite+aiosqlite:///{tmp_path}/v.db")).openapi()
    schemas = document["components"]["schemas"]
    bare = []
    for path, ops in document["paths"].items():
        for method, op in ops.items():
            for status, response in op["responses"].items():
                schema = response.get("content", {}).get("application/json", {}).get("schema", {})
                if schema.get("type") == "array":
                    bare.append(f"{method.upper()} {path} {status}")
                if status == "200" and method == "get" and "$ref" in schema:
                    name = schema["$ref"].rsplit("/", 1)[1]
                    if name.endswith("Page"):
                        assert set(schemas[name]["properties"]) == {"items", "next_cursor"}
    assert bare == []


async def test_keys_and_industries_are_pages(rig):
    r = await rig(**TRACKED)
    industries = (await r.client.get("/api/industries")).json()
    assert set(industries) == {"items", "next_cursor"} and industries["next_cursor"] is None
    assert "casino" in {i["slug"] for i in industries["items"]}
    admin = await make_key(r.db, scopes=("read", "write", "admin"), name="admin")
    keys = (await r.client.get("/api/keys", headers={"X-API-Key": admin})).json()
    assert set(keys) == {"items", "next_cursor"} and len(keys["items"]) == 2


async def test_list_prospects_by_email_campaign_and_tier_with_pages(rig):
    r = await rig(**TRACKED)
    c = r.client
    cid, pids = await make_campaign(r, n=6)
    other_cid, _ = await make_campaign(r, n=0)
    added = await c.post(f"/api/campaigns/{other_cid}/prospects", json={"prospects": [person(20), person(21)]})
    other_pids = [item["prospect_id"] for item in added.json()["items"]]
    everyone = (await c.get("/api/prospects", params={"limit": 100})).json()
    assert {p["prospect_id"] for p in everyone["items"]} == set(pids) | set(other_pids)
    assert everyone["next_cursor"] is None

    found = (await c.get("/api/prospects", params={"email": person(3)["email"].upper()})).json()["items"]
    assert [p["email"] for p in found] == [person(3)["email"]]
    assert found[0]["first_name"] == "Pat3" and found[0]["tier"] in (1, 2, 3, 4) and found[0]["score"] is not None
    assert (await c.get("/api/prospects", params={"email": "nobody@nowhere.example"})).json()["items"] == []

    in_campaign = (await c.get("/api/prospects", params={"campaign_id": other_cid})).json()["items"]
    assert {p["prospect_id"] for p in in_campaign} == set(other_pids)

    tiers = {p["prospect_id"]: p["tier"] for p in everyone["items"]}
    for tier in set(tiers.values()):
        got = (await c.get("/api/prospects", params={"campaign_id": cid, "tier": tier})).json()["items"]
        assert {p["prospect_id"] for p in got} == {pid for pid in pids if tiers[pid] == tier}
        anywhere = (await c.get("/api/prospects", params={"tier": tier})).json()["items"]
        assert {p["prospect_id"] for p in anywhere} == {pid for pid, t in tiers.items() if t == tier}

    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = (await c.get("/api/prospects", params=params)).json()
        seen += [p["prospect_id"] for p in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [p["prospect_id"] for p in everyone["items"]] and len(seen) == 8
    first = (await c.get("/api/prospects", params={"limit": 1})).json()["next_cursor"]
    assert_problem(await c.get("/api/campaigns", params={"cursor": first}), 422)
    assert_problem(await c.get("/api/prospects", params={"campaign_id": str(uuid.uuid4())}), 404)
    assert_problem(await c.get("/api/prospects", params={"tier": 5}), 422)
    them = await r.other_client()
    assert (await them.get("/api/prospects")).json()["items"] == []
    assert_problem(await them.get("/api/prospects", params={"campaign_id": cid}), 404)


async def test_each_thing_has_one_id_name_in_answers(rig):
    r = await rig(**TRACKED)
    cid, pids = await make_campaign(r, n=1)
    prospect = (await r.client.get(f"/api/prospects/{pids[0]}")).json()
    assert prospect["prospect_id"] == pids[0] == prospect["id"]
    campaign = (await r.client.get(f"/api/campaigns/{cid}")).json()
    assert campaign["campaign_id"] == cid == campaign["id"]
    listed = (await r.client.get("/api/campaigns")).json()["items"][0]
    assert listed["campaign_id"] == cid
    mid = (await add_messages(r, cid, pids, steps=1))[(pids[0], 1)]
    message = (await r.client.get(f"/api/prospects/{pids[0]}")).json()["messages"][0]
    assert message["message_id"] == mid == message["id"]
    ingested = (
        await r.client.post(
            "/api/tracking/events",
            json={
                "events": [
                    {"id": "tool-1", "type": "delivered", "occurred_at": "2026-11-30T14:02:11Z", "message_id": mid}
                ]
            },
        )
    ).json()
    event = (await r.client.get(f"/api/tracking/{cid}/events")).json()["items"][0]
    assert event["event_id"] == ingested["items"][0]["event_id"] == event["id"]
    assert event["message_id"] == mid and event["prospect_id"] == pids[0] and event["external_id"] == "tool-1"
