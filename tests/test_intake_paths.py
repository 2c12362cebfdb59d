"""One intake on every path, over HTTP, on SQLite and PostgreSQL.

- A table of rows (plain numbers, ranges, currencies, aliases) sent to /api/prospects/analyze,
  imported by CSV into a campaign and posted to the Clay webhook gives one stored prospect with
  identical fields and an identical tier.
- No silent loss: a known prospect sent again is merged on every path (analyze, analyze-batch inline
  and as a job, the complete pipeline, campaign add, CSV import, the Clay webhook inline and queued);
  `replace` restores the overwrite; the answer says what changed.
- The pipeline creates its campaign through the campaigns service: an unknown industry is a 422.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from models import Campaign, Job, JobItem, Prospect, Workspace
from tests.conftest import assert_problem, client_for, make_key
from tests.support.jobs import wait_job
from tests.support.people import DANA
from tests.test_clay import CLAY_SETTINGS, NEW_SECRET, SECRET, add_webhook_secrets, post_webhook

# --- the table: one row per case, as the API takes it ------------------------------------------

BASE = {
    "title": "VP of Marketing",
    "industry": "Casino & Gaming",
    "location": "Reno, NV",
    "signals": ["Opening a 400-room hotel tower in Q2 2027", "Hiring a Player Development Manager"],
}
TABLE: list[dict[str, Any]] = [
    # the casino VP: "201-500" was read as 350 by CSV (tier 2) and as 201 by Clay (tier 3)
    {
        **BASE,
        "email": "vp@silverpeakcasino.com",
        "first_name": "Dana",
        "last_name": "Reyes",
        "company": "Silver Peak Casino Resort",
        "employees": "201-500",
        "revenue": "$95M",
        "clay_row_id": "r1",
    },
    # the same VP with less known: 201 (Clay's old reading) is tier 2 here, the midpoint 351 tier 1
    {
        "email": "vp2@silverpeakcasino.com",
        "first_name": "Dana",
        "last_name": "Reyes",
        "title": "VP of Marketing",
        "company": "Silver Peak Casino Resort",
        "industry": "Casino & Gaming",
        "employees": "201-500",
        "signals": ["Hiring a Player Development Manager"],
    },
    {
        **BASE,
        "email": "plain@goldcoastcasino.com",
        "first_name": "Sam",
        "last_name": "Ng",
        "company": "Gold Coast Casino",
        "employees": 2000,
        "revenue": 180_000_000,
        "clay_row_id": "r2",
    },
    {
        **BASE,
        "email": "euro@casinobaden.de",
        "first_name": "Lena",
        "last_name": "Vogel",
        "company": "Casino Baden",
        "employees": "1,001-5,000",
        "revenue": "€18M",
        "clay_row_id": "r3",
    },
    {
        **BASE,
        "email": "big@grandlisboa.com",
        "first_name": "Ana",
        "last_name": "de Sousa",
        "company": "Grand Lisboa Casino",
        "employees": "10K+",
        "revenue": "£2.1bn",
        "clay_row_id": "r4",
    },
    {
        **BASE,
        "email": "small@riverbendcasino.com",
        "first_name": "Joe",
        "last_name": "Park",
        "title": "Director of Player Development",
        "company": "Riverbend Casino",
        "employees": "51-200",
        "revenue": "USD 40 million",
        "clay_row_id": "r5",
    },
    {
        **BASE,
        "email": "Mixed.Case@LuckyStarCasino.com",
        "first_name": "Kim",
        "last_name": "Lee",
        "title": "Casino Marketing Manager",
        "company": "Lucky Star Casino",
        "employees": "11-50",
        "revenue": "$4.5M",
        "website": "www.LuckyStarCasino.com",
        "company_domain": "https://www.luckystarcasino.com/about",
        "linkedin_url": "linkedin.com/in/kimlee",
        "clay_row_id": "r6",
        "signals": [],
    },
]

# CSV headers (aliases a CRM export uses) and Clay keys (aliases a Clay table uses), per field.
CSV_HEADERS = {
    "email": "Email Address",
    "full_name": "Full Name",
    "title": "Title",
    "company": "Company",
    "industry": "Sector",
    "employees": "Employees",
    "revenue": "Revenue",
    "city": "City",
    "state": "State",
    "signals": "Buying Signals",
    "website": "Company Website",
    "company_domain": "Domain",
    "linkedin_url": "LinkedIn Profile",
    "clay_row_id": "Clay Row ID",
}
CLAY_KEYS = {
    "email": "Work Email",
    "first_name": "first_name",
    "last_name": "_last_name",
    "title": "job_title",
    "company": "Company Name",
    "industry": "Company Industry",
    "employees": "Company Size",
    "revenue": "annual_revenue",
    "location": "Location",
    "signals": "News",
    "website": "Website",
    "company_domain": "Company Domain",
    "linkedin_url": "LinkedIn URL",
    "clay_row_id": "Clay Row ID",
}


def csv_row(p: dict[str, Any]) -> dict[str, str]:
    city, state = p["location"].split(", ") if "location" in p else ("", "")
    values = {
        "email": p["email"],
        "full_name": f"{p['first_name']} {p['last_name']}",
        "city": city,
        "state": state,
        "signals": "; ".join(p["signals"]),
        **{
            k: str(p[k])
            for k in (
                "title",
                "company",
                "industry",
                "employees",
                "revenue",
                "website",
                "company_domain",
                "linkedin_url",
                "clay_row_id",
            )
            if k in p
        },
    }
    return {CSV_HEADERS[k]: v for k, v in values.items()}


def clay_row(p: dict[str, Any]) -> dict[str, Any]:
    row = {CLAY_KEYS[k]: v for k, v in p.items() if k != "signals"}
    row[CLAY_KEYS["signals"]] = "; ".join(p["signals"])
    return row


def to_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(CSV_HEADERS.values()), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def make_app(app_factory: Any) -> Any:
    async def make(**overrides: Any) -> Any:
        return await app_factory(**{**CLAY_SETTINGS, "ANALYZE_BATCH_INLINE_MAX": 3, **overrides})

    return make


async def keyed(app: Any, workspace: str) -> httpx.AsyncClient:
    """A client with a key of `workspace`, which also gets the Clay webhook secret `SECRET` (secrets are
    per workspace)."""
    key = await make_key(app.state.db, workspace=workspace)
    await add_webhook_secrets(app, workspace, NEW_SECRET)
    return client_for(app, headers={"X-API-Key": key})


async def new_campaign(client: httpx.AsyncClient, **extra: Any) -> str:
    r = await client.post("/api/campaigns/create", json={"name": "Casinos", "industry": "casino", **extra})
    assert r.status_code == 201, r.text
    return r.json()["id"]


async def stored(client: httpx.AsyncClient, prospect_id: str) -> tuple[dict[str, Any], int, int]:
    """(stored data, tier, score) of a prospect's latest analysis, as GET /api/prospects/{id} shows them."""
    body = (await client.get(f"/api/prospects/{prospect_id}")).json()
    return body["data"], body["analysis"]["tier"], body["analysis"]["score"]


async def ids_by_email(client: httpx.AsyncClient, campaign: str) -> dict[str, str]:
    found = {}
    for tier in (1, 2, 3, 4):
        for p in (await client.get(f"/api/campaigns/{campaign}/prospects/{tier}")).json()["items"]:
            found[p["email"]] = p["prospect_id"]
    return found


async def via_analyze(client: httpx.AsyncClient) -> dict[str, str]:
    out = {}
    for p in TABLE:
        r = await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": p})
        assert r.status_code == 200, r.text
        out[p["email"].lower()] = r.json()["prospect_id"]
    return out


async def via_csv(client: httpx.AsyncClient, campaign: str) -> dict[str, Any]:
    raw = to_csv([csv_row(p) for p in TABLE])
    r = await client.post(
        f"/api/campaigns/{campaign}/prospects/import", content=raw, headers={"Content-Type": "text/csv"}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["imported"], body["failed"], body["ignored_columns"]) == (len(TABLE), 0, []), body
    return body


async def via_clay(public: httpx.AsyncClient, campaign: str) -> dict[str, dict[str, Any]]:
    out = {}
    for p in TABLE:
        r = await post_webhook(public, clay_row(p), campaign, headers=SECRET)
        assert r.status_code == 200, r.text
        out[p["email"].lower()] = r.json()
    return out


async def test_one_row_by_api_csv_and_clay_is_one_prospect_with_one_tier(make_app):
    app = await make_app()
    by_api, by_csv, by_clay = (await keyed(app, "api"), await keyed(app, "csv"), await keyed(app, "clay"))
    public = client_for(app)
    api_ids = await via_analyze(by_api)
    csv_campaign = await new_campaign(by_csv)
    await via_csv(by_csv, csv_campaign)
    csv_ids = await ids_by_email(by_csv, csv_campaign)
    clay_answers = await via_clay(public, await new_campaign(by_clay))

    tiers = {}
    for email, api_id in api_ids.items():
        api_data, api_tier, api_score = await stored(by_api, api_id)
        csv_data, csv_tier, csv_score = await stored(by_csv, csv_ids[email])
        clay_data, clay_tier, clay_score = await stored(by_clay, clay_answers[email]["prospect_id"])
        assert api_data == csv_data == clay_data, email
        assert api_tier == csv_tier == clay_tier == clay_answers[email]["tier"], email
        assert api_score == csv_score == clay_score, email
        tiers[email] = api_tier

    # what was stored: the number scoring reads, both bounds, the original text, the currency and rate
    vp = (await stored(by_api, api_ids["vp@silverpeakcasino.com"]))[0]
    assert vp["employee_count"] == 351 and vp["employee_range"] == {"min": 201, "max": 500, "text": "201-500"}
    assert vp["annual_revenue_usd"] == 95_000_000 and vp["revenue_range"]["text"] == "$95M"
    euro = (await stored(by_api, api_ids["euro@casinobaden.de"]))[0]
    assert euro["employee_count"] == 3001 and euro["annual_revenue_usd"] == 20_880_000
    assert euro["revenue_range"] == {
        "min_usd": 20_880_000,
        "max_usd": 20_880_000,
        "text": "€18M",
        "currency": "EUR",
        "usd_rate": 1.16,
        "rates_as_of": "2025-10-31",
    }
    assert tiers["vp2@silverpeakcasino.com"] == 1  # the casino VP: one tier, by every path
    big = (await stored(by_api, api_ids["big@grandlisboa.com"]))[0]
    assert big["employee_range"] == {"min": 10_000, "text": "10K+"} and big["employee_count"] == 10_000
    plain = (await stored(by_api, api_ids["plain@goldcoastcasino.com"]))[0]
    assert "employee_range" not in plain and plain["employee_count"] == 2000
    mixed = (await stored(by_api, api_ids["mixed.case@luckystarcasino.com"]))[0]
    assert mixed["email"] == "mixed.case@luckystarcasino.com" and mixed["company_domain"] == "luckystarcasino.com"
    assert mixed["website"] == "https://www.luckystarcasino.com" and mixed["linkedin_url"].startswith("https://")

    # the three paths into ONE workspace: one prospect per email, and nothing changes after the first
    one = await keyed(app, "one")
    first = await via_analyze(one)
    campaign = await new_campaign(one)
    imported = await via_csv(one, campaign)
    assert imported["added"] == len(TABLE) and imported["updated"] == 0  # new to the campaign, known prospects
    assert [c["changed_fields"] for c in imported["changes"]] == [[]] * len(TABLE)
    answers = await via_clay(public, campaign)
    async with app.state.db.session(write=False) as s:
        ws = await s.scalar(select(Workspace.id).where(Workspace.name == "one"))
        assert await s.scalar(
            select(func.count()).select_from(Prospect).where(Prospect.workspace_id == ws)
        ) == len(TABLE)
    for email, answer in answers.items():
        assert answer["prospect_id"] == first[email] and answer["changed_fields"] == ""
        assert answer["tier"] == tiers[email]
    for client in (by_api, by_csv, by_clay, public, one):
        await client.aclose()


async def test_openapi_declares_the_accepted_value_forms(make_app):
    app = await make_app()
    async with client_for(app) as c:
        spec = (await c.get("/openapi.json")).json()
    props = spec["components"]["schemas"]["ProspectData"]["properties"]
    count = json.dumps(props["employee_count"])
    money = json.dumps(props["annual_revenue_usd"])
    assert '"integer"' in count and "51-200" in count and "10K+" in count and "midpoint" in count
    assert '"integer"' in money and "\\u20ac18M" in money and "FX_USD_RATES" in money
    assert "employee_range" in props and "revenue_range" in props
    replace = spec["components"]["schemas"]["AnalyzeRequest"]["properties"]["replace"]
    assert replace["default"] is False and "merged" in replace["description"]


async def test_clay_strings_are_accepted_by_analyze_and_bad_ones_are_a_clear_422(make_app):
    app = await make_app()
    async with await keyed(app, "acme") as c:
        ok = await c.post(
            "/api/prospects/analyze",
            json={
                "industry": "casino",
                "prospect": {"email": "a@silverpeakcasino.com", "employees": "51-200", "revenue": "$95M"},
            },
        )
        assert ok.status_code == 200, ok.text
        bad = assert_problem(
            await c.post(
                "/api/prospects/analyze",
                json={
                    "industry": "casino",
                    "prospect": {
                        "email": "a@silverpeakcasino.com",
                        "employees": "a few",
                        "revenue": "lots of money",
                    },
                },
            ),
            422,
        )
        where = {tuple(e["loc"]) for e in bad["errors"]}
        assert where == {("body", "prospect", "employees"), ("body", "prospect", "revenue")}
        assert "a few" not in json.dumps(bad)


# --- no silent loss: a re-send merges on every path --------------------------------------------

# The README's later sends: no last name, revenue, location or industry, one signal of two; plus a CRM id.
AGAIN = {
    "email": "dana.reyes@silverpeakcasino.com",
    "first_name": "Dana",
    "title": "VP of Marketing",
    "company": "Silver Peak Casino Resort",
    "employees": 2000,
    "signals": ["Opening a 400-room hotel tower in Q2 2027"],
    "clay_row_id": "crm-42",
}
KEPT = ["annual_revenue_usd", "industry", "last_name", "location"]


async def _answers_of_job(app: Any, client: httpx.AsyncClient, job_id: str) -> list[dict[str, Any]]:
    job = await wait_job(client, job_id, timeout=60)
    assert job["status"] == "succeeded" and job["failed"] == 0, job
    changed = job["result"]["changed_fields"]  # the job's answer counts the changed fields too
    assert changed.get("clay_row_id") == 1 or {"last_name", "location"} <= set(changed), changed
    async with app.state.db.session(write=False) as s:
        return list(await s.scalars(select(JobItem.result).where(JobItem.job_id == uuid.UUID(job_id))))


async def send(
    path: str,
    app: Any,
    client: httpx.AsyncClient,
    public: httpx.AsyncClient,
    campaign: str,
    prospect: dict[str, Any],
    replace: bool,
) -> tuple[str, list[str]]:
    """Send one prospect by `path`; return (prospect id, changed fields as the answer lists them)."""
    flag = {"replace": True} if replace else {}
    if path == "analyze":
        r = await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": prospect, **flag})
        assert r.status_code == 200, r.text
        return r.json()["prospect_id"], r.json()["changed_fields"]
    if path in ("analyze-batch", "analyze-batch-job"):
        others = [{"email": f"other{i}@silverpeakcasino.com"} for i in range(3 if path.endswith("job") else 0)]
        r = await client.post(
            "/api/prospects/analyze-batch", json={"industry": "casino", "prospects": [prospect, *others], **flag}
        )
        if path == "analyze-batch":
            assert r.status_code == 200, r.text
            result = r.json()["items"][0]["result"]
            return result["prospect_id"], result["changed_fields"]
        assert r.status_code == 202, r.text
        results = await _answers_of_job(app, client, r.json()["job_id"])
    elif path == "pipeline":
        r = await client.post(
            "/api/workflows/complete-pipeline",
            json={"campaign_id": campaign, "prospects": [prospect], "content": {"tiers": {}}, **flag},
        )
        assert r.status_code == 202, r.text
        results = await _answers_of_job(app, client, r.json()["job_id"])
    elif path == "campaign-add":
        r = await client.post(f"/api/campaigns/{campaign}/prospects", json={"prospects": [prospect], **flag})
        assert r.status_code == 200, r.text
        analysis = r.json()["items"][0]["analysis"]
        return analysis["prospect_id"], analysis["changed_fields"]
    elif path == "csv":
        row = {k: str(v) for k, v in prospect.items() if k != "signals"}
        row["signals"] = "; ".join(prospect["signals"])
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
        r = await client.post(
            f"/api/campaigns/{campaign}/prospects/import",
            content=out.getvalue().encode(),
            headers={"Content-Type": "text/csv"},
            params={"replace": "true"} if replace else {},
        )
        assert r.status_code == 200 and r.json()["imported"] == 1, r.text
        pid = (await ids_by_email(client, campaign))[prospect["email"]]
        return pid, r.json()["changes"][0]["changed_fields"]
    elif path in ("clay", "clay-job"):
        row = {**prospect, "signals": "; ".join(prospect["signals"])}
        body: Any = row if path == "clay" else [row, *({"Email": f"other{i}@x.com"} for i in range(6))]
        r = await public.post(
            "/api/clay/webhook",
            content=json.dumps(body).encode(),
            params={"campaign_id": campaign, **({"replace": "true"} if replace else {})},
            headers={"Content-Type": "application/json", **SECRET},
        )
        if path == "clay":
            assert r.status_code == 200, r.text
            answer = r.json()
            return answer["prospect_id"], [f for f in answer["changed_fields"].split(", ") if f]
        assert r.status_code == 202, r.text
        job = await wait_job(client, r.json()["job_id"], timeout=60)
        assert job["status"] == "succeeded" and job["failed"] == 0, job
        answer = job["result"]["results"][0]  # the flat answers, in the order the rows came
        return answer["prospect_id"], [f for f in answer["changed_fields"].split(", ") if f]
    else:
        raise AssertionError(path)
    mine = [res for res in results if res and res.get("changed_fields") is not None]
    async with app.state.db.session(write=False) as s:
        pid = await s.scalar(select(Prospect.id).where(Prospect.email == prospect["email"]))
    answer = next(res for res in mine if res["prospect_id"] == str(pid))
    return answer["prospect_id"], answer["changed_fields"]


PATHS = ["analyze", "analyze-batch", "analyze-batch-job", "pipeline", "campaign-add", "csv", "clay", "clay-job"]


@pytest.mark.parametrize("path", PATHS)
async def test_a_resend_keeps_what_it_omits_and_replace_overwrites(make_app, path):
    app = await make_app()
    client, public = await keyed(app, "acme"), client_for(app)
    campaign = await new_campaign(client)
    first = (await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()
    data, tier, score = await stored(client, first["prospect_id"])
    assert tier == 1

    pid, changed = await send(path, app, client, public, campaign, AGAIN, replace=False)
    assert pid == first["prospect_id"]
    assert changed == ["clay_row_id"]  # the only field this re-send changed
    after, tier_after, score_after = await stored(client, pid)
    assert {k: after[k] for k in KEPT} == {k: data[k] for k in KEPT}  # revenue, last name, location survive
    assert after["signals"] == DANA["signals"] and after["clay_row_id"] == "crm-42"  # and the other signal
    assert (tier_after, score_after) == (tier, score)  # the same person scores the same

    pid, changed = await send(path, app, client, public, campaign, AGAIN, replace=True)
    assert pid == first["prospect_id"]
    assert set(KEPT) | {"signals"} <= set(changed)
    replaced, _, _ = await stored(client, pid)
    assert not set(KEPT) & set(replaced) and replaced["signals"] == AGAIN["signals"]
    await client.aclose()
    await public.aclose()


async def test_the_analyze_answer_lists_kept_fields(make_app):
    app = await make_app()
    async with await keyed(app, "acme") as c:
        await c.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})
        again = (await c.post("/api/prospects/analyze", json={"industry": "casino", "prospect": AGAIN})).json()
    assert again["kept_fields"] == KEPT and again["changed_fields"] == ["clay_row_id"]


async def test_content_with_inline_prospect_data_merges_too(make_app):
    app = await make_app()
    async with await keyed(app, "acme") as c:
        first = (await c.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()
        r = await c.post(
            "/api/content/linkedin-message",
            json={
                "prospect": AGAIN,
                "industry": "casino",
                "kind": "connection",
                "sender": {
                    "name": "Sam Lee",
                    "company": "Tune Outbound",
                    "offer": "player reactivation campaigns",
                },
            },
        )
        assert r.status_code == 200, r.text
        data, tier, score = await stored(c, first["prospect_id"])
    assert r.json()["prospect_id"] == first["prospect_id"]
    assert (data["last_name"], data["location"], data["annual_revenue_usd"]) == ("Reyes", "Reno, NV", 180_000_000)
    assert data["signals"] == DANA["signals"] and (tier, score) == (first["tier"], first["score"])


# --- the pipeline creates its campaign through the campaigns service ---------------------------


async def test_pipeline_with_an_unknown_industry_is_422_like_campaign_create(make_app):
    app = await make_app()
    async with await keyed(app, "acme") as c:
        body = {
            "campaign": {"name": "Yachts", "industry": "yacht charters"},
            "prospects": [DANA],
            "content": {"tiers": {}},
        }
        pipeline = assert_problem(await c.post("/api/workflows/complete-pipeline", json=body), 422)
        create = assert_problem(await c.post("/api/campaigns/create", json=body["campaign"]), 422)
        assert pipeline["detail"] == create["detail"] and "POST /api/agents/build" in pipeline["detail"]
        async with app.state.db.session(write=False) as s:  # no campaign stored, no job queued
            assert await s.scalar(select(func.count()).select_from(Campaign)) == 0
            assert await s.scalar(select(func.count()).select_from(Job)) == 0
        ok = await c.post(
            "/api/workflows/complete-pipeline",
            json={**body, "campaign": {"name": "Casinos", "industry": "Casino"}},
        )
        assert ok.status_code == 202, ok.text
        job = await wait_job(c, ok.json()["job_id"])
        campaign = (await c.get(f"/api/campaigns/{job['result']['campaign_id']}")).json()
        assert campaign["status"] == "draft" and campaign["industry"] == "casino"
