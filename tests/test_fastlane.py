"""The fast lane (perf/fastlane.py) answers its hot routes exactly as the ordinary stack does:
same status, headers and body for successes and for every error, with the same limits, scopes,
revocation and workspace isolation; anything it does not fully understand goes down the stack."""

from __future__ import annotations

import uuid

from perf import fastlane
from tests.conftest import assert_problem, client_for, make_key
from tests.support.campaign_rig import HUMAN_UA, TRACKED, add_messages, links_of, make_campaign, tracked

_VARYING = {"x-request-id", "date", "x-ratelimit-remaining", "x-ratelimit-reset"}  # per app


def _same(fast, slow) -> None:
    assert fast.status_code == slow.status_code, (fast.text, slow.text)
    assert fast.content == slow.content or _problem_without_id(fast) == _problem_without_id(slow)
    strip = lambda r: sorted((k, v) for k, v in r.headers.items() if k not in _VARYING)  # noqa: E731
    assert strip(fast) == strip(slow)


def _problem_without_id(r) -> dict:
    body = r.json()
    body.pop("request_id", None)
    return body


async def test_the_lane_answers_like_the_stack(rig):
    fast = await rig(**TRACKED)
    slow = await rig(**tracked(FAST_LANE=False))  # same database, same workspace
    cid, pids = await make_campaign(fast, 2)
    mid = (await add_messages(fast, cid, pids, steps=1, links=1))[(pids[0], 1)]
    links = await links_of(fast, mid)
    pixel = links["pixel_url"].replace("https://track.example.com", "")
    click = links["links"][0]["tracked_url"].replace("https://track.example.com", "")
    before = dict(fastlane.SERVED)
    ua = {"User-Agent": HUMAN_UA}
    for path, headers in (
        ("/api/industries", {}),
        (f"/api/campaigns/{cid}", {}),
        (f"/api/campaigns/{uuid.uuid4()}", {}),  # 404, problem+json
        ("/api/campaigns/not-a-uuid", {}),  # FastAPI's 422: down the stack
        (f"/api/campaigns/{cid}", {"X-API-Key": "tune_dev_nope"}),  # 401
        ("/t/o/garbage.gif", ua),
        (pixel, ua),
        ("/t/c/garbage", ua),
        (click, ua),
    ):
        a = await fast.client.get(path, headers=headers)
        b = await slow.client.get(path, headers=headers)
        _same(a, b)
    got = await fast.client.get(f"/api/campaigns/{cid}")
    assert got.status_code == 200 and got.json()["stats"]["prospects"] == 2
    assert (await fast.client.get(click, headers=ua)).headers["location"] == links["links"][0]["url"]
    served = {k: fastlane.SERVED[k] - before.get(k, 0) for k in fastlane.HOT_PATHS}
    assert all(n >= 1 for n in served.values()), served
    # Not for the lane: a query string, an Origin header (CORS), a missing key (same 401 as the stack)
    no_key = client_for(fast.app)
    _same(await no_key.get("/api/industries"), await client_for(slow.app).get("/api/industries"))
    assert_problem(await no_key.get("/api/industries"), 401)
    cors = await fast.client.get("/api/industries", headers={"Origin": "http://localhost:3000"})
    assert cors.headers["access-control-allow-origin"] == "http://localhost:3000"
    assert (await fast.client.get("/api/industries?x=1")).status_code == 200


async def test_isolation_and_revocation_hold_in_the_lane(rig):
    r = await rig(**TRACKED)
    cid, _ = await make_campaign(r, 1)
    rival = await r.other_client()
    assert_problem(await rival.get(f"/api/campaigns/{cid}"), 404)  # another workspace's campaign
    admin = client_for(r.app, headers={"X-API-Key": await make_key(r.db, scopes=("read", "write", "admin"))})
    victim = await make_key(r.db, name="to revoke")
    victim_client = client_for(r.app, headers={"X-API-Key": victim})
    assert (await victim_client.get(f"/api/campaigns/{cid}")).status_code == 200  # now cached
    keys = (await admin.get("/api/keys")).json()["items"]
    key_id = next(k["id"] for k in keys if k["name"] == "to revoke")
    assert (await admin.delete(f"/api/keys/{key_id}")).status_code == 200
    assert_problem(await victim_client.get(f"/api/campaigns/{cid}"), 401)  # at once, in process
    assert_problem(await victim_client.get("/api/industries"), 401)


async def test_rate_limits_apply_in_the_lane(rig):
    r = await rig(**tracked(RATE_LIMIT="3/minute", TRACKING_RATE_LIMIT="2/minute"))
    statuses = [(await r.client.get("/api/industries")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = await r.client.get("/api/industries")
    assert_problem(limited, 429)
    assert limited.headers["retry-after"] and limited.headers["x-ratelimit-limit"] == "3"
    pixels = [(await r.client.get("/t/o/garbage.gif")) for _ in range(3)]
    assert [p.status_code for p in pixels] == [200, 200, 429]


async def test_the_tracking_lane_keeps_ids_limits_metrics_and_commits(rig):
    """The pixel and the click (tracking/lane.py, outside the middleware stack): an incoming request id
    is echoed, each answered hit is already stored, the request is counted in the metrics, a 429 is
    problem+json with Retry-After, and what the lane does not take (a query string, an Origin
    header) goes down the stack and is recorded all the same."""
    from sqlalchemy import func, select

    from core import metrics
    from models import TrackingEvent

    r = await rig(**tracked(TRACKING_RATE_LIMIT="6/minute", TRACKING_REPLAY_WINDOW_S=0))
    cid, pids = await make_campaign(r, 1)
    mid = (await add_messages(r, cid, pids, steps=1, links=1))[(pids[0], 1)]
    links = await links_of(r, mid)
    pixel = links["pixel_url"].replace("https://track.example.com", "")
    click = links["links"][0]["tracked_url"].replace("https://track.example.com", "")

    async def stored() -> int:
        async with r.db.session(write=False) as s:
            return await s.scalar(
                select(func.count()).select_from(TrackingEvent).where(TrackingEvent.message_id == uuid.UUID(mid))
            )

    def counted(route: str, status: str) -> float:
        return metrics.HTTP_REQUESTS.labels("GET", route, status)._value.get()

    before_open = counted("/t/o/{token}.gif", "200")
    served = fastlane.SERVED["/t/o/{token}.gif"]
    got = await r.client.get(pixel, headers={"User-Agent": HUMAN_UA, "X-Request-ID": "mail-123"})
    assert got.status_code == 200 and got.content.startswith(b"GIF89a")
    assert got.headers["x-request-id"] == "mail-123" and got.headers["x-ratelimit-limit"] == "6"
    assert got.headers["cache-control"].startswith("no-store") and got.headers["vary"] == "Origin"
    assert fastlane.SERVED["/t/o/{token}.gif"] == served + 1  # the lane answered it
    assert await stored() == 1  # committed before the GIF went out
    assert counted("/t/o/{token}.gif", "200") == before_open + 1
    moved = await r.client.get(click, headers={"User-Agent": HUMAN_UA})
    assert moved.status_code == 302 and moved.headers["location"] == links["links"][0]["url"]
    assert moved.headers["referrer-policy"] == "no-referrer" and await stored() == 2
    # Down the stack: a query string, an Origin header (CORS); still limited, still recorded
    served = fastlane.SERVED["/t/o/{token}.gif"]
    for extra in ({"params": {"utm": "x"}}, {"headers": {"Origin": "http://localhost:3000"}}):
        kwargs = {"headers": {"User-Agent": HUMAN_UA, **extra.get("headers", {})}, "params": extra.get("params")}
        assert (await r.client.get(pixel, **kwargs)).status_code == 200
    assert fastlane.SERVED["/t/o/{token}.gif"] == served and await stored() == 4
    assert (await r.client.get("/t/o/garbage.gif", headers={"User-Agent": HUMAN_UA})).status_code == 200
    assert (await r.client.get("/t/c/garbage")).status_code == 404  # the sixth hit in the minute
    limited = await r.client.get(pixel, headers={"User-Agent": HUMAN_UA})
    assert_problem(limited, 429)
    assert limited.headers["retry-after"] and limited.headers["x-ratelimit-remaining"] == "0"
    assert await stored() == 4  # a refused hit records nothing
