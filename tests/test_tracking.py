"""Tracking over HTTP on both databases: tokens, pixel, click redirect, links, event ingestion,
the machine filter, group commit, and workspace isolation."""

from __future__ import annotations

import asyncio
import base64
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

import tracking.hits
from models import CampaignProspect, Message, TrackingEvent
from tests.conftest import assert_problem
from tests.support.campaign_rig import (
    HUMAN_UA,
    TRACKED,
    add_messages,
    links_of,
    make_campaign,
    token_of,
    tracked,
)
from tracking import tokens

GIF_MAGIC = b"GIF89a"
MPP_UA = "Mozilla/5.0"
SCANNER_UA = "Mozilla/5.0 (compatible; Proofpoint URL Defense)"


def _iso(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


async def _events(r, campaign_id: str, **params) -> list[dict]:
    got = await r.client.get(f"/api/tracking/{campaign_id}/events", params={"limit": 200, **params})
    assert got.status_code == 200, got.text
    return got.json()["items"]


async def test_tokens_are_signed_bound_to_their_kind_and_canonical():
    secret, other = "s" * 40, "t" * 40
    ident = uuid.uuid4()
    token = tokens.sign("open", ident, secret)
    assert len(token) == 43 and tokens.verify("open", token, secret) == ident
    assert tokens.verify("click", token, secret) is None  # a pixel token is not a click token
    assert tokens.verify("open", tokens.sign("open", ident, other), secret) is None  # forged elsewhere
    for i in range(43):  # any single changed character is refused, including base64's spare bits
        for ch in "AQgw_-":
            if token[i] != ch:
                assert tokens.verify("open", token[:i] + ch + token[i + 1 :], secret) is None
    raw = base64.urlsafe_b64decode(token + "=")
    swapped = base64.urlsafe_b64encode(uuid.uuid4().bytes + raw[16:]).rstrip(b"=").decode()
    assert tokens.verify("open", swapped, secret) is None  # another id under the same MAC
    for junk in ("", "x", "a" * 42, "a" * 44, "../../etc/passwd", "%00" * 15, "é" * 43):
        assert tokens.verify("open", junk, secret) is None


async def test_pixel_always_answers_the_gif_and_records_only_valid_tokens(rig):
    r = await rig(**TRACKED)
    cid, pids = await make_campaign(r, 1)
    mid = (await add_messages(r, cid, pids, steps=1))[(pids[0], 1)]
    pixel = (await links_of(r, mid))["pixel_url"]
    assert pixel.startswith("https://track.example.com/t/o/") and pixel.endswith(".gif")
    good = token_of(pixel)
    forged = tokens.sign("open", uuid.UUID(mid), "another-secret-" + "y" * 30)
    tampered = good[:10] + ("A" if good[10] != "A" else "B") + good[11:]
    for token in (good, "garbage", tampered, forged, "x" * 300, good):
        got = await r.client.get(f"/t/o/{token}.gif", headers={"User-Agent": HUMAN_UA})
        assert got.status_code == 200 and got.content.startswith(GIF_MAGIC)
        assert got.content[6:10] == b"\x01\x00\x01\x00"  # 1×1
        assert got.headers["content-type"] == "image/gif"
        assert "no-store" in got.headers["cache-control"]
    events = await _events(r, cid)
    assert [e["type"] for e in events] == ["opened"]  # the second good hit is a replay: counted once
    assert all(e["message_id"] == mid and e["source"] == "pixel" and not e["is_machine"] for e in events)


async def test_click_redirects_only_to_the_stored_url(rig):
    r = await rig(**TRACKED)
    cid, pids = await make_campaign(r, 2)
    msgs = await add_messages(r, cid, pids, steps=1, links=2)
    first = (await links_of(r, msgs[(pids[0], 1)]))["links"]
    second = (await links_of(r, msgs[(pids[1], 1)]))["links"]
    assert [link["url"] for link in first] == [
        "https://example.com/page0?step=1",
        "https://example.com/page1?step=1",
    ]
    c = r.client
    url = first[1]["tracked_url"].replace("https://track.example.com", "")
    got = await c.get(
        url + "?url=https://evil.example&next=https://evil.example", headers={"User-Agent": HUMAN_UA}
    )
    assert got.status_code == 302 and got.headers["location"] == first[1]["url"]
    assert "no-store" in got.headers["cache-control"]
    other = second[0]["tracked_url"].replace("https://track.example.com", "")
    assert (await c.get(other)).headers["location"] == second[0]["url"]  # its own link, never another's
    token = token_of(url)
    pixel_token = token_of((await links_of(r, msgs[(pids[0], 1)]))["pixel_url"])
    for bad in (
        "garbage",
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        pixel_token,
        tokens.sign("click", uuid.UUID(first[0]["link_id"]), "not-our-secret-" + "z" * 30),
        tokens.sign("click", uuid.uuid4(), r.settings.SECRET_KEY),
    ):
        refused = await c.get(f"/t/c/{bad}", params={"url": "https://evil.example"})
        assert "location" not in refused.headers
        assert_problem(refused, 404)
    clicks = await _events(r, cid, type="clicked")
    assert len(clicks) == 2 and {e["url"] for e in clicks} == {first[1]["url"], second[0]["url"]}


async def test_links_are_stored_once_and_kept_when_a_message_changes(rig):
    r = await rig(**TRACKED)
    cid, pids = await make_campaign(r, 1)
    mid = (await add_messages(r, cid, pids, steps=1, links=1))[(pids[0], 1)]
    async with r.db.session() as s:
        m = await s.get(Message, uuid.UUID(mid))
        m.cta = "Grab 15 minutes: https://cal.example.com/sam."
    one = await links_of(r, mid)
    assert [link["url"] for link in one["links"]] == [
        "https://example.com/page0?step=1",
        "https://cal.example.com/sam",
    ]
    assert one["body_html"].count("/t/c/") == 1
    assert one["body_html"].endswith('style="display:block;border:0;width:1px;height:1px">')
    assert "https://example.com/page0?step=1" not in one["body_text"] and "/t/c/" in one["body_text"]
    assert (await links_of(r, mid))["links"] == one["links"]  # stable ids and tokens
    async with r.db.session() as s:
        m = await s.get(Message, uuid.UUID(mid))
        m.body = "New copy: https://example.com/new-page"
    changed = await links_of(r, mid)
    assert [link["url"] for link in changed["links"]] == [
        "https://example.com/page0?step=1",
        "https://cal.example.com/sam",
        "https://example.com/new-page",
    ]
    old = one["links"][0]["tracked_url"].replace("https://track.example.com", "")
    assert (await r.client.get(old)).headers["location"] == "https://example.com/page0?step=1"
    assert_problem(await r.client.get(f"/api/tracking/messages/{uuid.uuid4()}/links"), 404)


async def test_event_ingestion_is_idempotent_with_a_result_per_item(rig):
    r = await rig(**TRACKED)
    c = r.client
    cid, pids = await make_campaign(r, 3)
    msgs = await add_messages(r, cid, pids, steps=2)
    t0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    prospect_email = (await c.get(f"/api/prospects/{pids[1]}")).json()["email"]
    batch = [
        {"id": "e1", "type": "sent", "occurred_at": _iso(t0), "message_id": msgs[(pids[0], 1)]},
        {
            "id": "e2",
            "type": "delivered",
            "occurred_at": _iso(t0 + timedelta(seconds=5)),
            "message_id": msgs[(pids[0], 1)],
        },
        {"id": "e2", "type": "delivered", "occurred_at": _iso(t0), "message_id": msgs[(pids[0], 1)]},  # dup
        {
            "id": "e3",
            "type": "opened",
            "occurred_at": "2026-01-05T10:00:00Z",
            "campaign_id": cid,
            "email": prospect_email.upper(),
            "step": 2,
            "user_agent": HUMAN_UA,
        },
        {
            "id": "e4",
            "type": "replied",
            "occurred_at": _iso(t0 + timedelta(hours=2)),
            "campaign_id": cid,
            "email": prospect_email,
        },  # no step: the last step sent to them (none yet) -> 0
        {"id": "e5", "type": "bogus", "occurred_at": _iso(t0), "message_id": msgs[(pids[0], 1)]},
        {"id": "e6", "type": "opened", "occurred_at": _iso(t0), "message_id": str(uuid.uuid4())},
        {"id": "e7", "type": "opened", "occurred_at": _iso(t0), "campaign_id": cid, "email": "who@else.com"},
        {"id": "e8", "type": "opened", "occurred_at": _iso(t0)},
        {"id": "e9", "type": "opened", "occurred_at": "2099-01-01T00:00:00Z", "message_id": msgs[(pids[0], 1)]},
        {"id": "e10", "type": "bounced", "occurred_at": _iso(t0), "message_id": msgs[(pids[2], 1)]},
    ]
    got = await c.post("/api/tracking/events", json={"events": batch})
    assert got.status_code == 200, got.text
    body = got.json()
    statuses = [i["status"] for i in body["items"]]
    assert statuses == [
        "created",
        "created",
        "duplicate",
        "created",
        "created",
        "error",
        "error",
        "error",
        "error",
        "error",
        "created",
    ]
    assert (body["total"], body["created"], body["duplicates"], body["errors"]) == (11, 5, 1, 5)
    assert body["items"][6]["errors"] == [{"msg": "unknown message_id"}]
    assert body["items"][7]["errors"] == [{"msg": "no prospect with this email in the campaign"}]
    again = (await c.post("/api/tracking/events", json={"events": batch[:2]})).json()
    assert [i["status"] for i in again["items"]] == ["duplicate", "duplicate"]
    stored = await _events(r, cid)
    assert len(stored) == 5
    opened = next(e for e in stored if e["external_id"] == "e3")
    assert opened["step"] == 2 and opened["message_id"] == msgs[(pids[1], 2)] and opened["variant"] in ("A", "B")

    # a reply, bounce or unsubscribe ends the sequence; a later reply does not undo an unsubscribe
    async with r.db.session(write=False) as s:
        rows = await s.execute(
            select(CampaignProspect.prospect_id, CampaignProspect.status).where(
                CampaignProspect.campaign_id == uuid.UUID(cid)
            )
        )
        status = {str(p): st for p, st in rows}
    assert status == {pids[0]: "in_sequence", pids[1]: "replied", pids[2]: "bounced"}
    await c.post(
        "/api/tracking/events",
        json={
            "events": [
                {"id": "u1", "type": "unsubscribed", "occurred_at": _iso(t0), "message_id": msgs[(pids[1], 1)]},
                {"id": "u2", "type": "replied", "occurred_at": _iso(t0), "message_id": msgs[(pids[1], 2)]},
            ]
        },
    )
    detail = (await c.get(f"/api/campaigns/{cid}")).json()["stats"]["by_status"]
    assert detail == {"in_sequence": 1, "unsubscribed": 1, "bounced": 1}

    assert_problem(await c.post("/api/tracking/events", json={"events": [batch[0]] * 1001}), 422)
    assert_problem(await c.post("/api/tracking/events", json={"events": []}), 422)
    assert_problem(await c.post("/api/tracking/events", json={"events": batch, "extra": 1}), 422)


async def test_machine_hits_are_labelled_not_dropped(rig):
    r = await rig(**TRACKED)
    c = r.client
    cid, pids = await make_campaign(r, 4)
    msgs = await add_messages(r, cid, pids, steps=1, links=3)
    now = datetime.now(UTC).replace(microsecond=0)
    mpp, scanner, soon, burst = (msgs[(p, 1)] for p in pids)
    assert (
        await c.get(f"/t/o/{token_of((await links_of(r, mpp))['pixel_url'])}.gif", headers={"User-Agent": MPP_UA})
    ).status_code == 200
    await c.get(
        f"/t/o/{token_of((await links_of(r, scanner))['pixel_url'])}.gif", headers={"User-Agent": SCANNER_UA}
    )
    got = await c.post(
        "/api/tracking/events",
        json={
            "events": [
                {
                    "id": "d1",
                    "type": "delivered",
                    "occurred_at": _iso(now - timedelta(seconds=4)),
                    "message_id": soon,
                },
                {
                    "id": "o1",
                    "type": "opened",
                    "occurred_at": _iso(now),
                    "message_id": soon,
                    "user_agent": HUMAN_UA,
                },
                {
                    "id": "o2",
                    "type": "opened",
                    "occurred_at": _iso(now + timedelta(minutes=5)),
                    "message_id": soon,
                    "user_agent": HUMAN_UA,
                },
                {
                    "id": "o3",
                    "type": "opened",
                    "occurred_at": _iso(now),
                    "message_id": scanner,
                    "ip": "40.107.22.10",
                    "user_agent": HUMAN_UA,
                },
                {
                    "id": "o4",
                    "type": "opened",
                    "occurred_at": _iso(now),
                    "message_id": mpp,
                    "ip": "17.58.101.4",
                    "user_agent": HUMAN_UA,
                },
            ]
        },
    )
    reasons = {i["id"]: i["machine_reason"] for i in got.json()["items"]}
    assert reasons == {
        "d1": None,
        "o1": "too_soon_after_delivery",
        "o2": None,
        "o3": "scanner_network",
        "o4": "apple_mpp",
    }
    # a scanner follows every link of one message within a second: all its clicks are machine,
    # including the first one, recorded (as human) before the burst showed
    links = (await links_of(r, burst))["links"]
    for link in links:
        assert (
            await c.get(
                link["tracked_url"].replace("https://track.example.com", ""), headers={"User-Agent": HUMAN_UA}
            )
        ).status_code == 302
    clicks = await _events(r, cid, type="clicked")
    assert len(clicks) == 3 and {e["machine_reason"] for e in clicks} == {"click_burst"}
    by_reason = {e["machine_reason"] for e in await _events(r, cid, audience="machine")}
    assert by_reason == {
        "apple_mpp",
        "scanner_user_agent",
        "scanner_network",
        "too_soon_after_delivery",
        "click_burst",
    }
    human = await _events(r, cid, audience="human")
    assert {e["external_id"] for e in human if e["type"] == "opened"} == {"o2"}
    overview = (await c.get(f"/api/analytics/{cid}/overview")).json()
    assert overview["counts"]["clicked"] == {"events": 3, "human_events": 0, "unique": 1, "unique_human": 0}
    assert overview["counts"]["opened"]["unique"] == 4 and overview["counts"]["opened"]["unique_human"] == 1


async def test_events_listing_filters_and_paginates(rig):
    r = await rig(**TRACKED)
    cid, pids = await make_campaign(r, 2)
    msgs = await add_messages(r, cid, pids, steps=1)
    t0 = datetime(2026, 2, 1, tzinfo=UTC)
    events = [
        {
            "id": f"x{i}",
            "type": ["delivered", "opened"][i % 2],
            "occurred_at": _iso(t0 + timedelta(hours=i)),
            "message_id": msgs[(pids[i % 2], 1)],
            "user_agent": MPP_UA if i % 4 == 1 else HUMAN_UA,
        }
        for i in range(9)
    ]
    assert (await r.client.post("/api/tracking/events", json={"events": events})).json()["created"] == 9
    seen, cursor = [], None
    while True:
        params = {"limit": 4, **({"cursor": cursor} if cursor else {})}
        page = (await r.client.get(f"/api/tracking/{cid}/events", params=params)).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert [e["external_id"] for e in seen] == [f"x{i}" for i in reversed(range(9))]
    assert len(await _events(r, cid, type="opened")) == 4
    assert {e["external_id"] for e in await _events(r, cid, type="opened", audience="machine")} == {"x1", "x5"}
    assert_problem(await r.client.get(f"/api/tracking/{cid}/events", params={"type": "exploded"}), 422)
    assert_problem(await r.client.get(f"/api/tracking/{cid}/events", params={"cursor": "!!"}), 422)


async def test_concurrent_pixel_hits_are_all_stored_in_shared_transactions(rig):
    for group_commit in (True, False):
        # every hit is one client's replay here: the replay filter is off to measure the storage path
        r = await rig(
            **tracked(TRACKING_GROUP_COMMIT=group_commit, TRACKING_BATCH_WAIT_MS=5, TRACKING_REPLAY_WINDOW_S=0)
        )
        cid, pids = await make_campaign(r, 2)
        msgs = await add_messages(r, cid, pids, steps=1)
        pixels = [
            (await links_of(r, m))["pixel_url"].replace("https://track.example.com", "") for m in msgs.values()
        ]
        before = r.app.state.tracker.batches
        n = 120
        answers = await asyncio.gather(
            *(r.client.get(pixels[i % 2], headers={"User-Agent": HUMAN_UA}) for i in range(n))
        )
        assert all(a.status_code == 200 and a.content.startswith(GIF_MAGIC) for a in answers)
        async with r.db.session(write=False) as s:
            stored = await s.scalar(
                select(func.count()).select_from(TrackingEvent).where(TrackingEvent.campaign_id == uuid.UUID(cid))
            )
        assert stored == n
        batches = r.app.state.tracker.batches - before
        assert batches < n / 4 if group_commit else batches == n
        overview = (await r.client.get(f"/api/analytics/{cid}/overview")).json()
        assert overview["counts"]["opened"]["events"] == n and overview["counts"]["opened"]["unique"] == 2


async def test_a_failed_batch_reaches_every_waiter_and_one_bad_hit_sinks_no_other(rig, monkeypatch):
    r = await rig(**tracked(TRACKING_BATCH_WAIT_MS=20))
    cid, pids = await make_campaign(r, 2)
    msgs = await add_messages(r, cid, pids, steps=1)
    good, poison = (uuid.UUID(m) for m in msgs.values())
    real = tracking.hits.write_hits

    async def flaky(session, hits, *, settings):
        if any(h.ident == poison for h in hits):
            raise ValueError("poison hit")
        return await real(session, hits, settings=settings)

    monkeypatch.setattr(tracking.hits, "write_hits", flaky)
    recorder = r.app.state.tracker
    now = datetime.now(UTC)
    hit = tracking.hits.Hit
    results = await asyncio.gather(
        *(recorder.record(hit("open", good if i % 3 else poison, now, HUMAN_UA, None)) for i in range(9)),
        return_exceptions=True,
    )
    assert [isinstance(x, ValueError) for x in results] == [i % 3 == 0 for i in range(9)]
    assert all(x.recorded for x in results if not isinstance(x, Exception))
    # the pixel still answers its GIF when recording fails
    pixel = (await links_of(r, str(poison)))["pixel_url"].replace("https://track.example.com", "")
    got = await r.client.get(pixel, headers={"User-Agent": HUMAN_UA})
    assert got.status_code == 200 and got.content.startswith(GIF_MAGIC)
    assert len(await _events(r, cid)) == 6


async def test_another_workspaces_campaign_is_404_on_every_route(rig):
    r = await rig(**TRACKED)
    cid, pids = await make_campaign(r, 1)
    mid = (await add_messages(r, cid, pids, steps=1))[(pids[0], 1)]
    them = await r.other_client()
    missing = str(uuid.uuid4())
    for target in (cid, missing):
        for method, path, kwargs in [
            ("GET", f"/api/campaigns/{target}", {}),
            ("PATCH", f"/api/campaigns/{target}", {"json": {"status": "active"}}),
            ("POST", f"/api/campaigns/{target}/prospects", {"json": {"prospects": [{"email": "a@b.co"}]}}),
            (
                "POST",
                f"/api/campaigns/{target}/prospects/import",
                {"content": b"email\na@b.co\n", "headers": {"Content-Type": "text/csv"}},
            ),
            ("GET", f"/api/campaigns/{target}/prospects/1", {}),
            ("GET", f"/api/campaigns/{target}/export", {"params": {"tool": "instantly"}}),
            ("GET", f"/api/analytics/{target}/overview", {}),
            ("GET", f"/api/analytics/{target}/tiers", {}),
            ("GET", f"/api/analytics/{target}/steps", {}),
            ("GET", f"/api/analytics/{target}/timeline", {"params": {"interval": "hour"}}),
            ("GET", f"/api/tracking/{target}/events", {}),
        ]:
            assert_problem(await them.request(method, path, **kwargs), 404)
    assert_problem(await them.get(f"/api/tracking/messages/{mid}/links"), 404)
    theirs = await them.post(
        "/api/tracking/events",
        json={
            "events": [
                {"id": "t1", "type": "opened", "occurred_at": "2026-01-01T00:00:00Z", "message_id": mid},
                {
                    "id": "t2",
                    "type": "opened",
                    "occurred_at": "2026-01-01T00:00:00Z",
                    "campaign_id": cid,
                    "email": "a@b.co",
                },
            ]
        },
    )
    assert [i["errors"][0]["msg"] for i in theirs.json()["items"]] == ["unknown message_id", "unknown campaign_id"]
    assert (await r.client.get(f"/api/campaigns/{cid}")).json()["status"] == "draft"  # untouched
    assert await _events(r, cid) == []


async def test_pixel_hits_wait_for_a_write_lock_held_by_another_process(rig):
    """SQLite: the group commit runs inline on the event loop; when another process holds the write
    lock it must neither fail the hit nor stall the loop, but commit once the lock is released."""
    import sqlite3
    import time

    r = await rig(TRACKING_BATCH_WAIT_MS=1, TRACKING_REPLAY_WINDOW_S=0)
    if not r.db.is_sqlite:
        return  # the inline writer exists on SQLite files only; PostgreSQL has no such lock
    cid, pids = await make_campaign(r, 1)
    mid = uuid.UUID(next(iter((await add_messages(r, cid, pids, steps=1)).values())))
    recorder = r.app.state.tracker
    assert recorder._inline is not None
    await recorder.record(tracking.hits.Hit("open", mid, datetime.now(UTC), HUMAN_UA, None))  # inline
    other = sqlite3.connect(r.db.url.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process's writer, in effect
    hit = asyncio.create_task(recorder.record(tracking.hits.Hit("open", mid, datetime.now(UTC), HUMAN_UA, None)))
    started = time.monotonic()
    await asyncio.sleep(0.3)  # the loop keeps running meanwhile
    assert time.monotonic() - started < 0.6 and not hit.done()
    other.execute("COMMIT")
    other.close()
    assert (await asyncio.wait_for(hit, 10)).recorded
    async with r.db.session(write=False) as s:
        stored = await s.scalar(
            select(func.count()).select_from(TrackingEvent).where(TrackingEvent.message_id == mid)
        )
    assert stored == 2
