"""The four reports on both databases: every figure equals a recount from the raw events, rates
name their denominators and never exceed 1, A/B winners only when significant, and a new user's
whole journey (CSV import → Instantly export → events, pixels, clicks → reports)."""

from __future__ import annotations

import csv
import io
import json
import math
import random
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from statistics import NormalDist
from typing import Any

import pytest
from sqlalchemy import select

import analytics.service as analytics
from models import Campaign, CampaignProspect, Message
from tests.conftest import assert_problem
from tests.support.campaign_rig import (
    HUMAN_UA,
    TRACKED,
    add_messages,
    links_of,
    make_campaign,
    recount,
    token_of,
    tracked,
)

METRICS = ("sent", "delivered", "opened", "clicked", "replied", "bounced", "unsubscribed")
MPP_UA, SCANNER_UA = "Mozilla/5.0", "Barracuda Sentinel (EE)"


def _iso(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


def _counts(v: list[int], metric: str) -> dict[str, int]:
    human = metric in ("opened", "clicked")
    return {"events": v[0], "human_events": v[1], "unique": v[2], "unique_human": v[3] if human else v[2]}


def _assert_rates_possible(figures: dict[str, Any]) -> None:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if {"numerator", "denominator", "rate"} <= node.keys():
                assert node["numerator"] <= node["denominator"] or node["denominator"] == 0, node
                assert node["numerator_name"] and node["denominator_name"]
                assert node["rate"] is None or 0 <= node["rate"] <= 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(figures)


async def _check_against_recount(r, cid: str) -> None:
    truth = await recount(r, cid)
    c = r.client
    overview = (await c.get(f"/api/analytics/{cid}/overview")).json()
    for m in METRICS:
        assert overview["counts"][m] == _counts(truth["overview"][m], m), m
    tiers = {t["tier"]: t for t in (await c.get(f"/api/analytics/{cid}/tiers")).json()["tiers"]}
    for tier, per in truth["tiers"].items():
        for m in METRICS:
            assert tiers[tier]["counts"][m] == _counts(per[m], m), (tier, m)
    steps = {s["step"]: s for s in (await c.get(f"/api/analytics/{cid}/steps")).json()["steps"]}
    step_totals: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0]))
    for (step, variant), per in truth["steps"].items():
        variants = {v["variant"]: v for v in steps[step]["variants"]}
        for m in METRICS:
            assert variants[variant]["counts"][m] == _counts(per[m], m), (step, variant, m)
            step_totals[step][m] = [a + b for a, b in zip(step_totals[step][m], per[m], strict=True)]
    for step, per in step_totals.items():
        for m in METRICS:
            assert steps[step]["counts"][m] == _counts(per[m], m), (step, m)
    hourly = (await c.get(f"/api/analytics/{cid}/timeline", params={"interval": "hour"})).json()["buckets"]
    daily = (await c.get(f"/api/analytics/{cid}/timeline", params={"interval": "day"})).json()["buckets"]
    by_day: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0]))
    for hour, per in truth["hours"].items():
        for m, v in per.items():
            day = hour.replace(hour=0).isoformat().replace("+00:00", "Z")
            by_day[day][m] = [a + b for a, b in zip(by_day[day][m], v, strict=True)]
    by_hour = {h.isoformat().replace("+00:00", "Z"): p for h, p in truth["hours"].items()}
    for buckets, expected in ((hourly, by_hour), (daily, by_day)):
        got = {b["start"].replace("+00:00", "Z"): b["metrics"] for b in buckets}
        assert set(got) == set(expected)
        for start, per in expected.items():
            for m, v in per.items():
                human = m in ("opened", "clicked")
                assert got[start][m] == {
                    "events": v[0],
                    "human_events": v[1],
                    "new_unique": v[2],
                    "new_unique_human": v[3] if human else v[2],
                }, (start, m)
    for report in (overview, tiers, steps):
        _assert_rates_possible(report)
    rates = overview["rates"]
    assert rates["open_rate"]["human"]["numerator"] == overview["counts"]["opened"]["unique_human"]
    assert rates["open_rate"]["human"]["denominator"] == overview["counts"]["delivered"]["unique"]
    assert rates["open_rate"]["human"]["denominator_name"] == "delivered"
    assert rates["click_to_open"]["human"]["denominator_name"] == "unique human openers"


@pytest.mark.parametrize("seed", [7, 2026])
async def test_every_report_figure_equals_a_recount_of_the_raw_events(rig, seed):
    rng = random.Random(seed)
    r = await rig(**tracked(TRACKING_BURST_WINDOW_S=3))
    c = r.client
    cid, pids = await make_campaign(r, 8)
    msgs = await add_messages(r, cid, pids, steps=3, links=2)
    emails = {pid: (await c.get(f"/api/prospects/{pid}")).json()["email"] for pid in pids}
    links = {mid: await links_of(r, mid) for mid in msgs.values()}
    t0 = datetime(2026, 3, 2, 8, tzinfo=UTC)
    types = ["sent", "delivered", "opened", "clicked", "replied", "bounced", "unsubscribed"]
    events: list[dict[str, Any]] = []
    for i in range(260):
        pid, step = rng.choice(pids), rng.randint(1, 3)
        mid = msgs[(pid, step)]
        kind = rng.choices(types, weights=[3, 4, 6, 3, 1, 1, 1])[0]
        at = t0 + timedelta(seconds=rng.randint(0, 3 * 86400))
        event: dict[str, Any] = {
            "id": f"ev-{i}" if rng.random() > 0.06 or not events else events[-1]["id"],
            "type": kind,
            "occurred_at": _iso(at),
        }
        how = rng.random()
        if how < 0.6:
            event["message_id"] = mid
        else:
            event.update(campaign_id=cid, email=emails[pid], **({"step": step} if how < 0.85 else {}))
        if kind in ("opened", "clicked"):
            event["user_agent"] = rng.choice([HUMAN_UA, HUMAN_UA, MPP_UA, SCANNER_UA])
        if kind == "clicked":
            event["url"] = rng.choice(links[mid]["links"])["url"]
        events.append(event)
    # a scanner's burst arriving over two batches: the first click is relabelled later
    burst_mid = msgs[(pids[0], 1)]
    for k, link in enumerate(links[burst_mid]["links"]):
        events.append(
            {
                "id": f"burst-{k}",
                "type": "clicked",
                "occurred_at": _iso(t0 + timedelta(seconds=k)),
                "message_id": burst_mid,
                "url": link["url"],
                "user_agent": HUMAN_UA,
            }
        )
    start = 0
    while start < len(events):
        size = rng.randint(1, 60)
        got = await c.post("/api/tracking/events", json={"events": events[start : start + size]})
        assert got.status_code == 200, got.text
        start += size
        if rng.random() < 0.5:  # real pixel and click hits in between
            mid = msgs[(rng.choice(pids), rng.randint(1, 3))]
            await c.get(
                f"/t/o/{token_of(links[mid]['pixel_url'])}.gif",
                headers={"User-Agent": rng.choice([HUMAN_UA, MPP_UA])},
            )
            await c.get(
                links[mid]["links"][0]["tracked_url"].replace("https://track.example.com", ""),
                headers={"User-Agent": HUMAN_UA},
            )
    clicks = (await c.get(f"/api/tracking/{cid}/events", params={"type": "clicked", "limit": 200})).json()
    burst = [e for e in clicks["items"] if e["external_id"].startswith("burst-")]
    assert len(burst) == 2 and all(e["machine_reason"] == "click_burst" for e in burst)
    await _check_against_recount(r, cid)


async def test_rates_name_their_denominators_and_clicks_without_opens_stay_possible(rig):
    r = await rig(**TRACKED)
    c = r.client
    cid, pids = await make_campaign(r, 3)
    msgs = await add_messages(r, cid, pids, steps=1)
    t0 = datetime(2026, 4, 1, 9, tzinfo=UTC)
    # images blocked: a click with no open; no delivered events reported at all
    got = await c.post(
        "/api/tracking/events",
        json={
            "events": [
                {
                    "id": "c1",
                    "type": "clicked",
                    "occurred_at": _iso(t0),
                    "message_id": msgs[(pids[0], 1)],
                    "user_agent": HUMAN_UA,
                    "url": "https://example.com/page0?step=1",
                },
                {"id": "r1", "type": "replied", "occurred_at": _iso(t0), "message_id": msgs[(pids[1], 1)]},
                {"id": "b1", "type": "bounced", "occurred_at": _iso(t0), "message_id": msgs[(pids[2], 1)]},
            ]
        },
    )
    assert got.json()["created"] == 3
    o = (await c.get(f"/api/analytics/{cid}/overview")).json()
    assert o["prospects"] == 3 and o["definitions"]["delivered"].startswith("prospects with a delivered")
    assert o["counts"]["delivered"]["unique"] == 2 and o["counts"]["sent"]["unique"] == 3
    assert o["counts"]["opened"]["unique_human"] == 1  # the click proves the open
    assert o["rates"]["click_to_open"]["human"] == {
        "numerator": 1,
        "denominator": 1,
        "rate": 1.0,
        "numerator_name": "unique human clickers",
        "denominator_name": "unique human openers",
    }
    assert o["rates"]["reply_rate"] == {
        "numerator": 1,
        "denominator": 2,
        "rate": 0.5,
        "numerator_name": "repliers",
        "denominator_name": "delivered",
    }
    assert o["rates"]["bounce_rate"]["denominator_name"] == "sent" and o["rates"]["bounce_rate"]["rate"] == 0.3333
    _assert_rates_possible(o)
    empty, _ = await make_campaign(r, 0)
    e = (await c.get(f"/api/analytics/{empty}/overview")).json()
    assert e["rates"]["open_rate"]["human"]["rate"] is None and e["counts"]["opened"]["events"] == 0
    assert (await c.get(f"/api/analytics/{empty}/steps")).json()["steps"] == []
    assert_problem(await c.get(f"/api/analytics/{cid}/timeline", params={"interval": "week"}), 422)


def test_two_proportion_z_test_matches_the_textbook():
    # pooled p = 0.3, se = sqrt(0.3 * 0.7 * (1/100 + 1/100)); p-value from the normal CDF
    z, p = analytics.two_proportion_z(50, 100, 10, 100)
    assert z == pytest.approx(0.4 / math.sqrt(0.0042), abs=1e-3) and p == pytest.approx(
        2 * (1 - NormalDist().cdf(0.4 / math.sqrt(0.0042))), rel=1e-3
    )
    z, p = analytics.two_proportion_z(12, 100, 10, 100)
    assert z == pytest.approx(0.4520, abs=1e-3) and p == pytest.approx(0.6513, abs=1e-3)
    assert analytics.two_proportion_z(0, 0, 1, 10) == (None, None)
    assert analytics.two_proportion_z(0, 10, 0, 10) == (None, None)


async def test_steps_report_names_a_winner_only_when_significant(rig):
    r = await rig(**TRACKED)
    c = r.client
    cid, _ = await make_campaign(r, 0)
    rows = [["email", "title", "company"]] + [
        [f"p{i}@casino{i}.example.com", "VP Marketing", f"Casino {i}"] for i in range(80)
    ]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    await c.post(
        f"/api/campaigns/{cid}/prospects/import",
        content=out.getvalue().encode(),
        headers={"Content-Type": "text/csv"},
    )
    async with r.db.session() as s:
        campaign = await s.get(Campaign, uuid.UUID(cid))
        pids = list(
            await s.scalars(
                select(CampaignProspect.prospect_id)
                .where(CampaignProspect.campaign_id == campaign.id)
                .order_by(CampaignProspect.prospect_id)
            )
        )
        ids = {}
        for n, pid in enumerate(pids):
            for step in (1, 2):
                m = Message(
                    workspace_id=campaign.workspace_id,
                    prospect_id=pid,
                    campaign_id=campaign.id,
                    content_key=f"k:{pid}:{step}",
                    channel="email",
                    step=step,
                    variant="AB"[n % 2],
                    subject="s",
                    body="Hello",
                    quality={},
                    engine="rules",
                )
                s.add(m)
                await s.flush()
                ids[(n, step)] = str(m.id)
    t0 = datetime(2026, 5, 1, 9, tzinfo=UTC)
    events = []
    for n in range(80):
        a = n % 2 == 0
        for step in (1, 2):
            mid = ids[(n, step)]
            events.append({"id": f"d{n}-{step}", "type": "delivered", "occurred_at": _iso(t0), "message_id": mid})
            # step 1: A opens 18/40, B 4/40 (significant); step 2: A 10/40, B 9/40 (not)
            if n // 2 < {(1, True): 18, (1, False): 4, (2, True): 10, (2, False): 9}[(step, a)]:
                events.append(
                    {
                        "id": f"o{n}-{step}",
                        "type": "opened",
                        "message_id": mid,
                        "user_agent": HUMAN_UA,
                        "occurred_at": _iso(t0 + timedelta(hours=1)),
                    }
                )
    assert (await c.post("/api/tracking/events", json={"events": events})).json()["errors"] == 0
    steps = {s["step"]: s for s in (await c.get(f"/api/analytics/{cid}/steps")).json()["steps"]}
    test1 = next(t for t in steps[1]["tests"] if t["metric"] == "unique_open_rate")
    assert (test1["leader"], test1["winner"], test1["significant"]) == ("A", "A", True) and test1["p_value"] < 0.05
    test2 = next(t for t in steps[2]["tests"] if t["metric"] == "unique_open_rate")
    assert test2["winner"] is None and not test2["significant"] and test2["p_value"] > 0.05
    reply = next(t for t in steps[1]["tests"] if t["metric"] == "reply_rate")
    assert reply["winner"] is None and reply["p_value"] is None  # no replies at all: nothing to test
    variants = {v["variant"]: v for v in steps[1]["variants"]}
    assert variants["A"]["rates"]["open_rate"]["human"]["numerator"] == 18
    assert variants["A"]["rates"]["open_rate"]["human"]["denominator"] == 40


async def test_a_new_users_journey_with_bot_aware_figures(rig):
    """Create a campaign, import 1,000 prospects from CSV, export for Instantly, post events, hit
    pixels and links (some through Apple MPP), read the four reports."""
    r = await rig(**TRACKED)
    c = r.client
    cid = (await c.post("/api/campaigns/create", json={"name": "Casino Q1", "industry": "casino"})).json()["id"]
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["Email Address", "First Name", "Job Title", "Company Name", "Employees"])
    for i in range(1000):
        w.writerow(
            [
                f"p{i}@casino{i % 40}.example.com",
                f"P{i}",
                ["VP Marketing", "Casino Host", "CMO"][i % 3],
                f"Casino {i % 40} Resort",
                300 + i,
            ]
        )
    raw = ("\ufeff" + out.getvalue()).encode()
    imported = (
        await c.post(f"/api/campaigns/{cid}/prospects/import", content=raw, headers={"Content-Type": "text/csv"})
    ).json()
    assert imported["imported"] == 1000
    async with r.db.session(write=False) as s:
        pids = [
            str(p)
            for p in await s.scalars(
                select(CampaignProspect.prospect_id)
                .where(CampaignProspect.campaign_id == uuid.UUID(cid))
                .order_by(CampaignProspect.prospect_id)
            )
        ]
    await add_messages(r, cid, pids, steps=1, links=1)
    exported = await c.get(f"/api/campaigns/{cid}/export", params={"tool": "instantly"})
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert len(rows) == 1000 and all("/t/o/" in row["step_1_body_html"] for row in rows)
    by_email = {row["email"]: row for row in rows}
    now = datetime.now(UTC) - timedelta(hours=1)
    async with r.db.session(write=False) as s:
        message_of = {
            str(p): str(m)
            for p, m in await s.execute(
                select(Message.prospect_id, Message.id).where(Message.campaign_id == uuid.UUID(cid))
            )
        }
    delivered = [
        {"id": f"dl-{pid}", "type": "delivered", "occurred_at": _iso(now), "message_id": message_of[pid]}
        for pid in pids
    ]
    for k in range(0, 1000, 500):
        posted = await c.post("/api/tracking/events", json={"events": delivered[k : k + 500]})
        assert posted.json()["created"] == 500
    sample = list(by_email.values())[:60]
    for n, row in enumerate(sample):
        pixel = row["step_1_body_html"].split('src="', 1)[1].split('"', 1)[0]
        pixel = pixel.replace("https://track.example.com", "")
        ua = MPP_UA if n % 3 == 0 else HUMAN_UA  # a third read on Apple Mail: prefetched, machine
        assert (await c.get(pixel, headers={"User-Agent": ua})).status_code == 200
        if n % 5 == 1:
            link = row["step_1_body_html"].split('href="', 1)[1].split('"', 1)[0]
            link = link.replace("https://track.example.com", "")
            assert (await c.get(link, headers={"User-Agent": HUMAN_UA})).status_code == 302
    o = (await c.get(f"/api/analytics/{cid}/overview")).json()
    assert o["counts"]["delivered"]["unique"] == 1000
    # 20 of the 60 openers were prefetched by Apple MPP; 4 of those also clicked, which a person did
    assert o["counts"]["opened"]["unique"] == 60 and o["counts"]["opened"]["unique_human"] == 44
    assert o["counts"]["opened"]["events"] == 60 and o["counts"]["opened"]["human_events"] == 40
    assert o["rates"]["open_rate"]["human"]["rate"] == 0.044 and o["rates"]["open_rate"]["total"]["rate"] == 0.06
    assert o["counts"]["clicked"]["unique_human"] == 12
    await _check_against_recount(r, cid)


async def test_timeline_is_the_models_json_on_the_driver_and_the_engine(rig, monkeypatch):
    """The timeline is written directly as JSON (issue 14): its bytes are exactly what FastAPI writes
    for a `TimelineRead` with the same values; the driver and the engine's fallback answer alike;
    since/until keep the buckets they cover; a new campaign has no buckets; another workspace's is 404."""
    from perf import rawread

    r = await rig(**TRACKED)
    c = r.client
    cid, pids = await make_campaign(r, 4)
    msgs = await add_messages(r, cid, pids, steps=1)
    t0 = datetime(2026, 4, 1, 22, 15, tzinfo=UTC)
    events = []
    for k in range(40):  # 40 events over 4 prospects and ~10 hours across midnight
        pid = pids[k % 4]
        kind = ("delivered", "opened", "clicked", "replied", "opened")[k % 5]
        event: dict[str, Any] = {
            "id": f"t{k}",
            "type": kind,
            "occurred_at": _iso(t0 + timedelta(minutes=15 * k)),
            "message_id": msgs[(pid, 1)],
        }
        if kind in ("opened", "clicked"):
            event["user_agent"] = MPP_UA if k % 3 == 0 else HUMAN_UA
        if kind == "clicked":
            event["url"] = "https://example.com/page0?step=1"
        events.append(event)
    assert (await c.post("/api/tracking/events", json={"events": events})).status_code == 200
    reader = rawread.reader(r.db)
    answers = []
    real_all = reader.all

    async def counting(*args, **kwargs):
        answers.append(await real_all(*args, **kwargs))
        return answers[-1]

    monkeypatch.setattr(reader, "all", counting)
    queries = [{"interval": "hour"}, {"interval": "day"}, {"interval": "hour", "since": "2026-04-02T01:30:00Z"}]
    queries += [{"interval": "hour", "until": "2026-04-02T03:00:00+02:00"}, {"since": "2026-04-02T00:00:00Z"}]
    fast = {}
    for params in queries:
        got = await c.get(f"/api/analytics/{cid}/timeline", params=params)
        assert got.status_code == 200 and got.headers["content-type"] == "application/json"
        assert got.content == analytics.TimelineRead.model_validate(got.json()).model_dump_json().encode()
        fast[str(params)] = got.content
    assert answers and rawread.FAILED not in answers  # the driver answered
    hourly = json.loads(fast[str(queries[0])])["buckets"]
    assert len(hourly) >= 10 and [b["start"] for b in hourly] == sorted(b["start"] for b in hourly)
    assert hourly[0]["start"] == "2026-04-01T22:00:00Z" and list(hourly[0]["metrics"]) == sorted(
        hourly[0]["metrics"]
    )
    daily = json.loads(fast[str(queries[1])])["buckets"]
    assert [b["start"] for b in daily] == ["2026-04-01T00:00:00Z", "2026-04-02T00:00:00Z"]
    for metric in ("opened", "delivered"):  # a day is the sum of its hours
        for name in ("events", "human_events", "new_unique", "new_unique_human"):
            assert sum(d["metrics"].get(metric, {}).get(name, 0) for d in daily) == sum(
                h["metrics"].get(metric, {}).get(name, 0) for h in hourly
            )
    since = json.loads(fast[str(queries[2])])["buckets"]
    assert since == [b for b in hourly if b["start"] >= "2026-04-02T01:00:00Z"]
    until = json.loads(fast[str(queries[3])])["buckets"]
    assert until == [b for b in hourly if b["start"] < "2026-04-02T01:00:00Z"] and until

    def broken(self, values):
        raise OSError("connection lost")

    monkeypatch.setattr(rawread._Prepared, "params", broken)  # the driver fails: the engine answers
    r.db._timelines.entries.clear()  # (the timelines kept would answer without reading the buckets)
    for params in queries:
        got = await c.get(f"/api/analytics/{cid}/timeline", params=params)
        assert answers[-1] is rawread.FAILED and got.content == fast[str(params)], params
    monkeypatch.undo()
    empty, _ = await make_campaign(r, 0)
    got = await c.get(f"/api/analytics/{empty}/timeline", params={"interval": "hour"})
    assert got.json()["buckets"] == [] and got.json()["campaign_id"] == empty
    assert_problem(await c.get(f"/api/analytics/{uuid.uuid4()}/timeline"), 404)
    other = await r.other_client()
    assert_problem(await other.get(f"/api/analytics/{cid}/timeline"), 404)


async def test_a_kept_timeline_shows_every_write_committed_since_by_any_writer(rig, monkeypatch):
    """The timeline is kept per campaign with its rollups' version (issue 14): read again only when a
    write raised the version, which every path that writes the rollups does in its own transaction:
    the events API, the pixel's group commit, the click redirect, and another process (another
    TuneDatabase on the same database, which has its own kept timelines or none)."""
    import tracking
    from database_async import TuneDatabase

    r = await rig(**TRACKED)
    c = r.client
    cid, pids = await make_campaign(r, 3)
    msgs = await add_messages(r, cid, pids, steps=1, links=1)
    links = {mid: await links_of(r, mid) for mid in msgs.values()}
    t0 = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)
    events = [
        {"id": f"k{k}", "type": "delivered", "occurred_at": _iso(t0 + timedelta(hours=k)), "message_id": mid}
        for k, mid in enumerate(msgs.values())
    ]
    assert (await c.post("/api/tracking/events", json={"events": events})).status_code == 200
    built = []
    real_body = analytics._timeline_body

    async def counting(*args, **kwargs):
        built.append(args[3])
        return await real_body(*args, **kwargs)

    monkeypatch.setattr(analytics, "_timeline_body", counting)
    first = await c.get(f"/api/analytics/{cid}/timeline", params={"interval": "hour"})
    again = await c.get(f"/api/analytics/{cid}/timeline", params={"interval": "hour"})
    assert first.status_code == 200 and again.content == first.content and len(built) == 1  # kept
    await _check_against_recount(r, cid)
    mid = msgs[(pids[0], 1)]
    await c.get(f"/t/o/{token_of(links[mid]['pixel_url'])}.gif", headers={"User-Agent": HUMAN_UA})
    await _check_against_recount(r, cid)
    await c.get(links[mid]["links"][0]["tracked_url"].replace("https://track.example.com", ""))
    await _check_against_recount(r, cid)
    async with r.db.session(write=False) as session:
        m = await session.get(Message, uuid.UUID(msgs[(pids[1], 1)]))
        assert m is not None
        cp = await session.scalar(
            select(CampaignProspect).where(
                CampaignProspect.campaign_id == m.campaign_id, CampaignProspect.prospect_id == m.prospect_id
            )
        )
    before = len(built)
    other = TuneDatabase(settings=r.settings)  # another process: its own engine, caches and reader
    try:
        async with other.session() as session:
            draft = tracking.Draft(
                workspace_id=m.workspace_id,
                type="replied",
                occurred_at=t0 + timedelta(days=1),
                external_id="from-another-process",
                source="api",
                campaign_id=m.campaign_id,
                prospect_id=m.prospect_id,
                message_id=m.id,
                tier=cp.tier if cp and cp.tier else 0,
                step=m.step,
                variant=m.variant or "",
            )
            await tracking.record(session, [draft], settings=r.settings)
    finally:
        await other.dispose()
    hourly = (await c.get(f"/api/analytics/{cid}/timeline", params={"interval": "hour"})).json()["buckets"]
    assert len(built) == before + 1

    def replied_counts(n: int) -> dict[str, int]:
        return {"events": n, "human_events": n, "new_unique": n, "new_unique_human": n}

    replied = {b["start"]: b["metrics"] for b in hourly if "replied" in b["metrics"]}
    assert replied == {_iso((t0 + timedelta(days=1)).replace(minute=0)): {"replied": replied_counts(1)}}
    await _check_against_recount(r, cid)
