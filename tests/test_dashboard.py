"""The campaign dashboard: the page and its assets are served (public, limited per IP, locked down by
CSP), the jobs list it polls, and a person's visit in headless Chromium against the real service:
every number the page shows equals what the API answers.

The browser test needs Debian's chromium (`apt-get install chromium`; `.ci/run` installs it). Without
it the test is skipped, unless `TUNE_REQUIRE_BROWSER=1` (set by CI), which makes it a failure.
"""

from __future__ import annotations

import os
import re
import time
from datetime import datetime
from typing import Any

import httpx
import pytest

from tests.conftest import assert_problem, client_for, make_settings
from tests.support.campaign_rig import make_campaign, tracked
from tests.support.dashboard_seed import CHROMIUM, CHROMIUM_ARGS, EVIL_NAME, SENDER, seed, serve, wait_job

METRICS = ("sent", "delivered", "opened", "clicked", "replied", "bounced", "unsubscribed")


# --- the page and its assets ------------------------------------------------------------------


async def test_dashboard_page_is_public_locked_down_and_limited_per_ip(tmp_path):
    from api_server import create_app

    app = create_app(make_settings(f"sqlite+aiosqlite:///{tmp_path}/t.db", RATE_LIMIT="3/minute"))
    async with app.router.lifespan_context(app), client_for(app) as client:
        page = await client.get("/dashboard")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe" not in csp
        assert page.headers["x-content-type-options"] == "nosniff"
        assert 'src="/static/dashboard/dashboard.js"' in page.text and "<script>" not in page.text
        assert "http://" not in page.text and "https://" not in page.text  # nothing from a CDN
        js = await client.get("/static/dashboard/dashboard.js")
        assert js.status_code == 200 and "javascript" in js.headers["content-type"]
        assert ".innerHTML" not in js.text and "insertAdjacentHTML" not in js.text and "eval(" not in js.text
        assert "localStorage" not in js.text
        css = await client.get("/static/dashboard/dashboard.css")
        assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
        assert (await client.get("/static/dashboard/../../settings.py")).status_code == 404
        assert (await client.get("/dashboard")).status_code == 200
        assert (await client.get("/dashboard")).status_code == 200
        assert_problem(await client.get("/dashboard"), 429)  # per IP: the 4th in a minute


# --- GET /api/jobs ------------------------------------------------------------------------------


async def test_jobs_list_filters_by_campaign_status_and_workspace(rig):
    r = await rig(**tracked(JOB_WORKERS=0))  # no workers: queued jobs stay queued
    c = r.client
    mine, _ = await make_campaign(r, 2, sequence_settings={"sender": SENDER})
    other, _ = await make_campaign(r, 2, sequence_settings={"sender": SENDER})
    queued = []
    for cid in (mine, other, mine):
        got = await c.post("/api/content/generate-batch", json={"campaign_id": cid, "steps": 1})
        assert got.status_code == 202, got.text
        queued.append(got.json()["job_id"])
    listed = (await c.get("/api/jobs")).json()
    assert [j["job_id"] for j in listed["items"]] == queued[::-1] and listed["next_cursor"] is None
    assert {j["status"] for j in listed["items"]} == {"queued"} and listed["items"][0]["total"] == 2
    by_campaign = (await c.get("/api/jobs", params={"campaign_id": mine})).json()["items"]
    assert [j["job_id"] for j in by_campaign] == [queued[2], queued[0]]
    assert len((await c.get("/api/jobs", params={"status": "active"})).json()["items"]) == 3
    assert (await c.get("/api/jobs", params={"status": "succeeded"})).json()["items"] == []
    cancelled = await c.post(f"/api/jobs/{queued[1]}/cancel")
    assert cancelled.json()["status"] == "cancelled"
    assert [j["job_id"] for j in (await c.get("/api/jobs", params={"status": "cancelled"})).json()["items"]] == [
        queued[1]
    ]
    first = (await c.get("/api/jobs", params={"limit": 2})).json()
    second = (await c.get("/api/jobs", params={"limit": 2, "cursor": first["next_cursor"]})).json()
    assert [j["job_id"] for j in first["items"] + second["items"]] == queued[::-1]
    assert second["next_cursor"] is None
    assert_problem(await c.get("/api/jobs", params={"cursor": "nonsense"}), 422)
    assert_problem(await c.get("/api/jobs", params={"status": "sleeping"}), 422)
    outsider = await r.other_client()
    assert (await outsider.get("/api/jobs")).json()["items"] == []
    assert (await outsider.get("/api/jobs", params={"campaign_id": mine})).json()["items"] == []


# --- in a real browser --------------------------------------------------------------------------


def _require_browser() -> Any:
    """Playwright's async API, or a skip (a failure when TUNE_REQUIRE_BROWSER=1) saying what is missing."""
    missing = None
    try:
        from playwright import async_api
    except ImportError:
        missing = "the playwright package is not installed (pip install -r requirements-dev.txt)"
    if missing is None and not os.access(CHROMIUM, os.X_OK):
        missing = f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    if missing:
        if os.environ.get("TUNE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"TUNE_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(f"browser test skipped: {missing}; TUNE_REQUIRE_BROWSER=1 makes this a failure")
    return async_api


def _pct(rate: float | None) -> str | None:
    return None if rate is None else f"{rate * 100:.1f}"


def _assert_pct(shown: str, rate: float | None) -> None:
    """The page shows rates to 0.1 %; JavaScript and Python may round a tie differently."""
    if rate is None:
        assert shown == "—"
        return
    assert shown.endswith("%") and abs(float(shown[:-1]) - rate * 100) <= 0.0501, (shown, rate)


def _slot(start: str, interval: str) -> str:
    at = datetime.fromisoformat(start.replace("Z", "+00:00"))
    return at.strftime("%Y-%m-%d %H:00" if interval == "hour" else "%Y-%m-%d")


async def test_a_person_reads_the_campaign_in_the_browser(tmp_path):
    pw_api = _require_browser()
    expect = pw_api.expect
    expect.set_options(timeout=15_000)
    started = time.monotonic()
    async with serve() as svc:
        seeded = await seed(svc.url, svc.key)
        cid, empty_cid = seeded["campaign_id"], seeded["empty_campaign_id"]
        async with (
            httpx.AsyncClient(base_url=svc.url, headers={"X-API-Key": svc.key}, timeout=30) as api,
            pw_api.async_playwright() as pw,
        ):
            detail = (await api.get(f"/api/campaigns/{cid}")).json()
            overview = (await api.get(f"/api/analytics/{cid}/overview")).json()
            tiers = (await api.get(f"/api/analytics/{cid}/tiers")).json()
            steps = (await api.get(f"/api/analytics/{cid}/steps")).json()
            timeline = {
                i: (await api.get(f"/api/analytics/{cid}/timeline", params={"interval": i})).json()
                for i in ("day", "hour")
            }
            tier_items = {
                t: (await api.get(f"/api/campaigns/{cid}/prospects/{t}", params={"limit": 50})).json()["items"]
                for t in (1, 2, 3, 4)
            }
            assert all(tier_items.values()), "the seed puts prospects in every tier"

            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                context = await browser.new_context(viewport={"width": 1360, "height": 900})
                await context.add_init_script("window.TUNE_DASHBOARD_POLL_MS = 300;")
                page = await context.new_page()
                page_errors: list[str] = []
                page.on("pageerror", lambda e: page_errors.append(str(e)))
                urls: list[str] = []
                page.on("request", lambda req: urls.append(req.url))
                await _check_page(
                    page,
                    expect,
                    svc,
                    api,
                    cid=cid,
                    empty_cid=empty_cid,
                    detail=detail,
                    overview=overview,
                    tiers=tiers,
                    steps=steps,
                    timeline=timeline,
                    tier_items=tier_items,
                    job_id=seeded["job_id"],
                )
                assert page_errors == []
                assert urls and not any(svc.key in u for u in urls), "the key never goes in a URL"
            finally:
                await browser.close()
    assert time.monotonic() - started < 90


async def _check_page(
    page: Any,
    expect: Any,
    svc: Any,
    api: httpx.AsyncClient,
    *,
    cid: str,
    empty_cid: str,
    detail: dict[str, Any],
    overview: dict[str, Any],
    tiers: dict[str, Any],
    steps: dict[str, Any],
    timeline: dict[str, dict[str, Any]],
    tier_items: dict[int, list[dict[str, Any]]],
    job_id: str,
) -> None:
    response = await page.goto(f"{svc.url}/dashboard")
    assert response.status == 200 and "script-src 'self'" in response.headers["content-security-policy"]

    async def shows(locator: Any, text: str) -> None:
        await expect(locator).to_have_text(text)

    def ratio(human: int, total: int) -> str:
        return f"{human:,} / {total:,}"

    key_input = page.get_by_label("API key", exact=True)
    open_button = page.get_by_role("button", name="Open dashboard")

    # A wrong key: a clear message, the key form again, nothing stored.
    await key_input.fill("tune_dev_" + "W" * 43)
    await open_button.click()
    await expect(page.locator("#key-error")).to_contain_text("not accepted")
    await expect(key_input).to_be_visible()
    await expect(page.locator("#main")).to_be_hidden()
    assert await page.evaluate("sessionStorage.length") == 0

    # The right key: kept in sessionStorage only, sent as a header only.
    await key_input.fill(svc.key)
    await open_button.click()
    picker = page.get_by_label("Campaign", exact=True)
    await expect(picker).to_be_enabled()
    await expect(page.locator("#key-section")).to_be_hidden()
    assert await page.evaluate("sessionStorage.getItem('tune.dashboard.apiKey')") == svc.key
    assert await page.evaluate("localStorage.length") == 0 and await page.evaluate("document.cookie") == ""
    assert svc.key not in page.url

    # The empty campaign: empty states, not errors.
    await picker.select_option(empty_cid)
    await expect(page.locator("#tiers-panel")).to_contain_text("No prospects in this campaign yet")
    await expect(page.locator("#funnel-panel")).to_contain_text("No events yet")
    await expect(page.locator("#steps-panel")).to_contain_text("No events per step yet")
    await expect(page.locator("#timeline-panel")).to_contain_text("No events yet")
    await expect(page.locator("#prospects-panel")).to_contain_text("No prospects in tier 1")
    await expect(page.locator("#jobs-panel")).to_contain_text("No jobs for this campaign")

    # The seeded campaign.
    await picker.select_option(cid)
    assert f"campaign={cid}" in page.url

    # Tier distribution = GET /api/campaigns/{id} stats.
    await shows(page.locator("#campaign-summary [data-field=prospects]"), str(detail["stats"]["prospects"]))
    for row in detail["stats"]["by_tier"]:
        await expect(
            page.locator(f"#tiers-panel tr[data-tier='{row['tier']}'] [data-field=prospects]")
        ).to_have_text(f"{row['prospects']:,}")
        await expect(page.locator(f"#tier-tabs button[data-tier='{row['tier']}']")).to_have_text(
            f"Tier {row['tier']} · {row['prospects']:,}"
        )

    # The funnel = the overview report: unique prospects (human and all), events, and the rates with
    # their numerators, denominators and the denominators' names.
    funnel = page.locator("#funnel-panel")
    for metric in METRICS:
        counts = overview["counts"][metric]
        row = funnel.locator(f"tr[data-metric={metric}]")
        await expect(row.locator("[data-field=unique]")).to_have_text(f"{counts['unique']:,}")
        await expect(row.locator("[data-field=unique_human]")).to_have_text(f"{counts['unique_human']:,}")
        await shows(row.locator("[data-field=machine]"), f"{counts['unique'] - counts['unique_human']:,}")
        await expect(row.locator("[data-field=events]")).to_have_text(f"{counts['events']:,}")
        await expect(row.locator("[data-field=human_events]")).to_have_text(f"{counts['human_events']:,}")
    assert overview["counts"]["opened"]["unique_human"] < overview["counts"]["opened"]["unique"], "machine opens"
    for name, rate in overview["rates"].items():
        cells = [("human", rate["human"]), ("total", rate["total"])] if "human" in rate else [("total", rate)]
        for audience, r in cells:
            cell = funnel.locator(f"tr[data-rate-name={name}] td[data-audience={audience}]")
            await expect(cell.locator("[data-part=numerator]")).to_have_text(f"{r['numerator']:,}")
            await expect(cell.locator("[data-part=denominator]")).to_have_text(f"{r['denominator']:,}")
            await expect(cell.locator("[data-part=denominator-name]")).to_have_text(r["denominator_name"])
            _assert_pct(await cell.locator("[data-part=rate]").inner_text(), r["rate"])

    # Funnel by tier = the tiers report.
    for t in tiers["tiers"]:
        row = page.locator(f"#tier-funnel-panel tr[data-tier='{t['tier']}']")
        await expect(row.locator("[data-field=prospects]")).to_have_text(f"{t['prospects']:,}")
        await shows(row.locator("[data-field=delivered]"), f"{t['counts']['delivered']['unique']:,}")
        opened = t["counts"]["opened"]
        await shows(row.locator("[data-field=opened]"), ratio(opened["unique_human"], opened["unique"]))
        _assert_pct(
            await row.locator("[data-field=open_rate]").inner_text(), t["rates"]["open_rate"]["human"]["rate"]
        )

    # Steps and A/B: per-variant figures, and a winner only where the API found a significant one.
    winners = [(s["step"], t) for s in steps["steps"] for t in s["tests"] if t["winner"]]
    assert winners and any(not t["significant"] for s in steps["steps"] for t in s["tests"]), "seeded so"
    for s in steps["steps"]:
        block = page.locator(f"#steps-panel [data-step='{s['step']}']")
        for v in s["variants"]:
            row = block.locator(f"tr[data-variant='{v['variant']}']")
            await shows(row.locator("[data-field=delivered]"), f"{v['counts']['delivered']['unique']:,}")
            opened = v["counts"]["opened"]
            await shows(row.locator("[data-field=opened]"), ratio(opened["unique_human"], opened["unique"]))
            _assert_pct(
                await row.locator("[data-field=open_rate]").inner_text(), v["rates"]["open_rate"]["human"]["rate"]
            )
            is_winner = any(t["winner"] == v["variant"] for t in s["tests"])
            await expect(row.locator(".badge.win")).to_have_count(1 if is_winner else 0)
        for t in s["tests"]:
            line = block.locator(f"li[data-metric={t['metric']}]")
            await expect(line).to_have_attribute("data-significant", "true" if t["significant"] else "false")
            if t["winner"]:
                await expect(line.locator("[data-field=winner]")).to_have_text(f"Variant {t['winner']} wins")
            else:
                await expect(line.locator("[data-field=winner]")).to_have_count(0)
                await expect(line).not_to_contain_text("wins")

    # The timeline, by day then by hour: one table row per bucket the API returns, same numbers.
    panel = page.locator("#timeline-panel")
    for interval in ("day", "hour"):
        if interval == "hour":
            await page.get_by_label("Hour", exact=True).check()
            await expect(panel.locator("caption")).to_contain_text("per hour")
        await panel.locator("summary").click()
        buckets = timeline[interval]["buckets"]
        await expect(panel.locator("tbody tr")).to_have_count(len(buckets))
        await expect(panel.locator("svg[role=img]")).to_have_count(1)
        for n, bucket in enumerate(buckets):
            row = panel.locator("tbody tr").nth(n)
            m = bucket["metrics"]
            await expect(row.locator("th")).to_have_text(_slot(bucket["start"], interval))
            await expect(row.locator("[data-field=sent]")).to_have_text(f"{m.get('sent', {}).get('events', 0):,}")
            opened = m.get("opened", {"human_events": 0, "events": 0})
            await shows(row.locator("[data-field=opened]"), ratio(opened["human_events"], opened["events"]))

    # The prospects of a tier: the tier with the HTML-named prospect, its name shown as text.
    prospects = page.locator("#prospects-panel")
    await expect(prospects.locator("tr.prospect")).to_have_count(len(tier_items[1]))
    evil = next(t for t, items in tier_items.items() if any(i["first_name"] == EVIL_NAME for i in items))
    await page.locator(f"#tier-tabs button[data-tier='{evil}']").click()
    await expect(page.locator(f"#tier-tabs button[data-tier='{evil}']")).to_have_attribute("aria-pressed", "true")
    await expect(prospects.locator("tr.prospect")).to_have_count(len(tier_items[evil]))
    item = next(i for i in tier_items[evil] if i["first_name"] == EVIL_NAME)
    row = prospects.locator(f"tr[data-prospect-id='{item['prospect_id']}']")
    await expect(row.locator("[data-field=name]")).to_have_text(f"{EVIL_NAME} {item['last_name']}")
    await expect(row.locator("[data-field=score]")).to_have_text(str(item["score"]))
    assert await page.evaluate("window.__xss") is None
    assert await page.locator("img").count() == 0

    # Open the row: the score breakdown = GET /api/prospects/{id}, and the content of this campaign.
    prospect = (await api.get(f"/api/prospects/{item['prospect_id']}")).json()
    toggle = row.get_by_role("button", name=re.compile("^Details for"))
    await expect(toggle).to_have_attribute("aria-expanded", "false")
    await toggle.click()
    await expect(toggle).to_have_attribute("aria-expanded", "true")
    detail_row = page.locator(f"[id='detail-{item['prospect_id']}']")
    for component in prospect["analysis"]["breakdown"]:
        line = detail_row.locator(f"tr[data-component={component['component']}]")
        await expect(line.locator("[data-field=points]")).to_have_text(str(component["points"]))
        await expect(line.locator("[data-field=max]")).to_have_text(str(component["max"]))
    await expect(detail_row.locator("[data-field=total]")).to_have_text(str(item["score"]))
    campaign_messages = [m for m in prospect["messages"] if m["campaign_id"] == cid]
    assert len(campaign_messages) == 2
    await expect(detail_row.locator("details[data-message-id]")).to_have_count(len(campaign_messages))

    # Jobs: the seeding job as the API reports it; a new job appears by itself (polling) and finishes.
    job = (await api.get(f"/api/jobs/{job_id}")).json()
    job_row = page.locator(f"#jobs-panel tr[data-job-id='{job_id}']")
    await expect(job_row.locator("[data-field=status]")).to_have_text("Succeeded")
    await expect(job_row.locator("[data-field=progress]")).to_have_text(f"{job['done']:,} / {job['total']:,} done")
    queued = await api.post(
        "/api/content/generate-batch", json={"campaign_id": cid, "channels": ["linkedin"], "tier": 4}
    )
    assert queued.status_code == 202, queued.text
    new_row = page.locator(f"#jobs-panel tr[data-job-id='{queued.json()['job_id']}']")
    await expect(new_row).to_have_count(1)
    finished = await wait_job(api, queued.json()["job_id"])
    await expect(new_row.locator("[data-field=status]")).to_have_text("Succeeded")
    await expect(new_row.locator("[data-field=progress]")).to_have_text(
        f"{finished['done']:,} / {finished['total']:,} done"
    )
    await expect(page.locator("#steps-panel .step")).to_have_count(len(steps["steps"]))  # reloaded, settled

    # Rate limited: the page says so, counts down from Retry-After, retries and recovers.
    async def too_many(route: Any) -> None:
        await route.fulfill(
            status=429,
            headers={"Retry-After": "2", "Content-Type": "application/problem+json"},
            body='{"type": "https://tune.example/problems/rate-limited", "title": "Too Many '
            'Requests", "status": 429, "detail": "slow down"}',
        )

    await page.route("**/api/analytics/*/overview", too_many, times=1)
    await page.get_by_role("button", name="Refresh").click()
    notice = page.locator("#notice")
    await expect(notice).to_contain_text(re.compile(r"Rate limited — retrying in [12] s"))
    await expect(notice).to_be_hidden()
    await expect(funnel.locator("tr[data-metric=sent] [data-field=unique]")).to_have_text(
        f"{overview['counts']['sent']['unique']:,}"
    )

    # A network error: said plainly, with a retry that works.
    async def offline(route: Any) -> None:
        await route.abort("internetdisconnected")

    await page.route("**/api/analytics/*/steps", offline, times=1)
    await page.get_by_role("button", name="Refresh").click()
    steps_panel = page.locator("#steps-panel")
    await expect(steps_panel).to_contain_text("Cannot reach the service (network error)")
    await steps_panel.get_by_role("button", name="Retry").click()
    await expect(steps_panel.locator(".step")).to_have_count(len(steps["steps"]))
    await expect(notice).to_be_hidden()

    # Forgetting the key clears it from the tab.
    await page.get_by_role("button", name="Forget key").click()
    await expect(key_input).to_be_visible()
    assert await page.evaluate("sessionStorage.length") == 0
