"""Mistakes a newcomer makes get a clear 4xx that says what to do, never a silent 200 (issue 18)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import assert_problem
from tests.support.campaign_rig import TRACKED, add_messages, make_campaign, person, tracked

CSV = "Email,First Name,Title,Company\nann@casino1.example.com,Ann,VP Marketing,Casino 1\n"


async def test_post_api_campaigns_creates_and_create_still_works(rig):
    r = await rig(**TRACKED)
    created = await r.client.post("/api/campaigns", json={"name": "Q1", "industry": "casino"})
    assert created.status_code == 201, created.text
    assert created.json()["name"] == "Q1" and created.json()["status"] == "draft"
    alias = await r.client.post("/api/campaigns/create", json={"name": "Q2", "industry": "casino"})
    assert alias.status_code == 201
    listed = (await r.client.get("/api/campaigns")).json()["items"]
    assert [c["name"] for c in listed] == ["Q2", "Q1"]


async def test_wrong_method_says_which_methods_are_allowed(rig):
    r = await rig(**TRACKED)
    body = assert_problem(await r.client.delete("/api/campaigns"), 405)
    assert body["detail"] == "DELETE is not allowed on /api/campaigns; allowed: GET, POST."


async def test_json_routes_refuse_other_content_types_with_415(rig):
    r = await rig(**TRACKED)
    raw = b'{"name": "Q1", "industry": "casino"}'
    for headers, sent in (
        ({}, "no Content-Type"),
        ({"Content-Type": "application/x-www-form-urlencoded"}, "application/x-www-form-urlencoded"),
        ({"Content-Type": "text/plain"}, "text/plain"),
    ):
        body = assert_problem(await r.client.post("/api/campaigns", content=raw, headers=headers), 415)
        assert body["detail"] == f"Send the body as JSON with Content-Type: application/json (got {sent})."
    ok = await r.client.post("/api/campaigns", content=raw, headers={"Content-Type": "application/json"})
    assert ok.status_code == 201
    # A JSON body that is not an object is still a 422 about the body, not a 415.
    assert_problem(await r.client.post("/api/campaigns", json=["not", "an", "object"]), 422)


async def test_unknown_fields_get_a_did_you_mean(rig):
    r = await rig(**TRACKED)
    body = assert_problem(await r.client.post("/api/campaigns", json={"nmae": "Q1", "industry": "casino"}), 422)
    assert body["detail"] == "body.nmae: Unknown field 'nmae'; did you mean 'name'?"
    assert {
        "loc": ["body", "nmae"],
        "msg": "Unknown field 'nmae'; did you mean 'name'?",
        "type": "extra_forbidden",
        "suggestion": "name",
    } in body["errors"]
    # Inside a nested model, and among its accepted aliases.
    nested = assert_problem(
        await r.client.post(
            "/api/prospects/analyze", json={"industry": "casino", "prospect": {**person(9), "employes": 300}}
        ),
        422,
    )
    assert nested["errors"][0]["loc"] == ["body", "prospect", "employes"]
    assert nested["errors"][0]["suggestion"] == "employees"
    far = assert_problem(
        await r.client.post("/api/campaigns", json={"name": "Q", "industry": "casino", "zzzz": 1}), 422
    )
    assert far["errors"][0]["msg"] == "Unknown field 'zzzz'." and "suggestion" not in far["errors"][0]


async def test_csv_sent_with_curl_d_is_an_error_not_zero_rows(rig):
    r = await rig(**TRACKED)
    cid, _ = await make_campaign(r, n=1)
    url = f"/api/campaigns/{cid}/prospects/import"
    # `curl -d @file.csv` without a type: form-encoded.
    form = assert_problem(
        await r.client.post(
            url, content=CSV.encode(), headers={"Content-Type": "application/x-www-form-urlencoded"}
        ),
        415,
    )
    assert "text/csv" in form["detail"]
    # `curl -d @file.csv -H 'Content-Type: text/csv'`: the line breaks are gone.
    flat = CSV.replace("\n", "").encode()
    body = assert_problem(await r.client.post(url, content=flat, headers={"Content-Type": "text/csv"}), 422)
    assert "--data-binary @file.csv" in body["detail"]
    good = await r.client.post(url, content=CSV.encode(), headers={"Content-Type": "text/csv"})
    assert good.status_code == 200 and good.json()["imported"] == 1


async def test_a_cursor_only_pages_the_list_that_made_it(rig):
    r = await rig(**TRACKED)
    for n in range(3):
        created = await r.client.post("/api/campaigns", json={"name": f"C{n}", "industry": "casino"})
        assert created.status_code == 201
    cursor = (await r.client.get("/api/campaigns", params={"limit": 1})).json()["next_cursor"]
    assert cursor
    body = assert_problem(await r.client.get("/api/jobs", params={"cursor": cursor}), 422)
    assert body["detail"] == (
        "This cursor pages the campaigns list, not the jobs list; pass back the "
        "next_cursor that this list gave you."
    )
    second = await r.client.get("/api/campaigns", params={"limit": 1, "cursor": cursor})
    assert second.status_code == 200 and second.json()["items"][0]["name"] == "C1"


async def test_event_times_need_a_timezone(rig):
    r = await rig(**TRACKED)
    cid, pids = await make_campaign(r, n=1)
    mid = (await add_messages(r, cid, pids, steps=1))[(pids[0], 1)]
    got = await r.client.post(
        "/api/tracking/events",
        json={
            "events": [
                {"id": "naive", "type": "delivered", "occurred_at": "2026-11-30T14:02:11", "message_id": mid},
                {
                    "id": "aware",
                    "type": "delivered",
                    "occurred_at": "2026-11-30T14:02:11+01:00",
                    "message_id": mid,
                },
            ]
        },
    )
    assert got.status_code == 200, got.text
    naive, aware = got.json()["items"]
    assert naive["status"] == "error" and "needs a timezone" in str(naive["errors"])
    assert aware["status"] == "created"
    events = (await r.client.get(f"/api/tracking/{cid}/events")).json()["items"]
    assert len(events) == 1
    assert datetime.fromisoformat(events[0]["occurred_at"]) == datetime(2026, 11, 30, 13, 2, 11, tzinfo=UTC)


async def test_public_base_url_follows_host_and_port(rig):
    r = await rig(**tracked(PUBLIC_BASE_URL="", PORT=8777))
    assert r.settings.PUBLIC_BASE_URL == "http://localhost:8777"
    cid, pids = await make_campaign(r, n=1)
    mid = (await add_messages(r, cid, pids, steps=1))[(pids[0], 1)]
    links = (await r.client.get(f"/api/tracking/messages/{mid}/links")).json()
    assert links["pixel_url"].startswith("http://localhost:8777/t/o/")
    set_explicitly = await rig(**tracked(PUBLIC_BASE_URL="https://track.example.com", PORT=8777))
    assert set_explicitly.settings.PUBLIC_BASE_URL == "https://track.example.com"
