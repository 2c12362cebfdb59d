"""Clay in both directions, on both databases.

Outbound pushes go through the real httpx client to a fake Clay table webhook on 127.0.0.1 (allowed
only because the tests set ENV=development and CLAY_ALLOW_PRIVATE_URLS=true). Inbound webhooks go
through the ASGI app with real secret headers and HMAC signatures.
"""

# ruff: noqa: F811
from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import itertools
import json
import math
import time
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

import auth
import clay_integration as clay
from clay.push import Pacer
from models import Analysis, Campaign, CampaignProspect, ClayPushResult, Prospect, WebhookReceipt
from settings import Settings
from tests.conftest import assert_problem
from tests.support.fake_clay import fake_clay  # noqa: F401  (the fixture)
from tests.support.jobs import wait_job
from tests.support.people import DANA
from tests.support.rig import Rig, RigFactory

OLD_SECRET = "old-secret-0123456789abcdefghij"
NEW_SECRET = "new-secret-abcdefghij0123456789"
CLAY_SETTINGS: dict[str, Any] = {
    "CLAY_ALLOW_PRIVATE_URLS": True,
    "CLAY_PUSH_BACKOFF_S": 0.01,
    "CLAY_PUSH_MAX_RETRY_AFTER_S": 0.2,
    "CLAY_PUSH_RATE_PER_S": 100,
    "CLAY_PUSH_MAX_ATTEMPTS": 3,
    "CLAY_HTTP_TIMEOUT_S": 5,
    "JOB_POLL_INTERVAL_S": 0.05,
}
FLAT_KEYS = {
    "prospect_id",
    "score",
    "tier",
    "hook_1",
    "hook_2",
    "angle",
    "cta",
    "persona",
    "engine",
    "clay_row_id",
    "status",
    "changed_fields",
}
ROW = {
    "Email": "dana.reyes@silverpeakcasino.com",
    "First Name": "Dana",
    "Last Name": "Reyes",
    "Job Title": "VP of Marketing",
    "Company Name": "Silver Peak Casino Resort",
    "Industry": "Casino & Gaming",
    "Employees": "1,001-5,000",
    "Annual Revenue": "$180M",
    "Location": "Reno, NV",
    "Signals": "Opening a 400-room hotel tower in Q2 2027; Hiring a Player Development Manager",
    "Clay Row ID": "row-1",
    "Some Enrichment": {"nested": True},
}


async def clay_rig(rig: RigFactory, secrets: tuple[str, ...] = (NEW_SECRET, OLD_SECRET), **overrides: Any) -> Rig:
    """The one rig with Clay settings, and these webhook secrets imported into workspace "acme"."""
    r = await rig(**{**CLAY_SETTINGS, **overrides})
    await add_webhook_secrets(r.app, "acme", *secrets)
    return r


async def add_webhook_secrets(app: Any, workspace: str, *values: str) -> None:
    """Import webhook secrets into a workspace, as `POST /api/clay/webhook-secrets` with `secret` does."""
    from clay import secrets as webhook_secrets

    async with app.state.db.session() as s:
        ws = await auth.get_or_create_workspace(s, name=workspace)
        for value in values:
            await webhook_secrets.create_secret(
                s, workspace_id=ws.id, name="test", value=value, secret_key=app.state.settings.SECRET_KEY
            )


async def seed_campaign(
    db: Any, *, prospects: int = 3, workspace: str = "acme", industry: str = "casino"
) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """A campaign with analysed prospects, written straight through the ORM."""
    async with db.session() as s:
        ws = await auth.get_or_create_workspace(s, name=workspace)
        campaign = Campaign(workspace_id=ws.id, name="Reno casinos", industry=industry)
        s.add(campaign)
        await s.flush()
        ids = []
        for i in range(prospects):
            p = Prospect(
                workspace_id=ws.id,
                email=f"p{i}@silverpeakcasino.com",
                data={
                    "email": f"p{i}@silverpeakcasino.com",
                    "first_name": f"Pat{i}",
                    "title": "Director of Marketing",
                    "company": "Silver Peak Casino Resort",
                    "technologies": ["Salesforce", "Braze"],
                    "signals": ["New hotel tower"],
                },
            )
            s.add(p)
            await s.flush()
            s.add(
                CampaignProspect(
                    workspace_id=ws.id,
                    campaign_id=campaign.id,
                    prospect_id=p.id,
                    tier=1,
                    score=88,
                    status="analyzed",
                )
            )
            ids.append(p.id)
    return campaign.id, ids


def signed(body: bytes, secret: str, t: int | None = None) -> dict[str, str]:
    t = int(time.time()) if t is None else t
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Signature": f"t={t},v1={mac}", "Content-Type": "application/json"}


def post_webhook(
    client: httpx.AsyncClient, body: Any, campaign_id: Any = None, headers: dict[str, str] | None = None
) -> Any:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    params = {"campaign_id": str(campaign_id)} if campaign_id else None
    return client.post(
        "/api/clay/webhook",
        content=raw,
        params=params,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


SECRET = {"X-Clay-Secret": NEW_SECRET}


# --- setup-tables ------------------------------------------------------------------------------


async def test_setup_tables_gives_columns_and_the_callback_config(rig):
    rg = await clay_rig(rig, PUBLIC_BASE_URL="https://tune.example.com")
    app, client, public = rg.app, rg.client, rg.public
    campaign_id, _ = await seed_campaign(app.state.db)
    r = await client.post("/api/clay/setup-tables", json={"campaign_id": str(campaign_id)})
    assert r.status_code == 200, r.text
    setup = r.json()
    assert NEW_SECRET not in r.text and OLD_SECRET not in r.text
    column = setup["http_api_column"]
    assert column["method"] == "POST"
    assert column["url"] == f"https://tune.example.com/api/clay/webhook?campaign_id={campaign_id}"
    headers = {h["name"]: h["value"] for h in column["headers"]}
    assert headers == {"Content-Type": "application/json", "X-Clay-Secret": "<your workspace's webhook secret>"}
    body = column["body"]
    assert body["campaign_id"] == str(campaign_id)
    assert body["Email"] == "{{Email}}" and body["First Name"] == "{{First Name}}"
    assert body["Job Title"] == "{{Job Title}}" and body["Employees"] == "{{Employees}}"
    mapping = {m["key"]: m["column"] for m in column["response_mapping"]}
    assert mapping["score"] == "Tune Score" and mapping["tier"] == "Tune Tier"
    assert {"prospect_id", "hook_1", "hook_2", "angle", "status"} <= mapping.keys()
    assert "X-Signature" in column["alternative_auth"]
    table = setup["table"]
    names = [c["name"] for c in table["prospect_columns"]]
    assert names[0] == "Email" and set(body) - {"campaign_id"} == set(names)
    assert {c["name"] for c in table["output_columns"]} >= {"Tune Score", "Tune Tier", "Tune Hook 1"}
    assert table["enrichment_columns"] and all(e["fills"] for e in table["enrichment_columns"])
    assert setup["push"] == {
        "status": "not_configured",
        "target": None,
        "source": None,
        "total": 0,
        "already_pushed": 0,
        "job_id": None,
        "job": None,
    }
    # the body template, filled as Clay would, is accepted by the webhook
    filled = {k: (ROW.get(k, "") if k != "campaign_id" else v) for k, v in body.items()}
    answer = await post_webhook(public, filled, headers=SECRET)
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "scored" and answer.json()["clay_row_id"] == "row-1"


async def test_setup_tables_404_for_a_missing_or_foreign_campaign(rig):
    rg = await clay_rig(rig)
    app, client = rg.app, rg.client
    foreign, _ = await seed_campaign(app.state.db, workspace="other")
    for campaign_id in (foreign, uuid.uuid4()):
        assert_problem(await client.post("/api/clay/setup-tables", json={"campaign_id": str(campaign_id)}), 404)
    assert_problem(await client.post("/api/clay/setup-tables", json={"campaign_id": "nope"}), 422)
    assert_problem(await client.post("/api/clay/setup-tables", json={"campaign_id": str(foreign), "x": 1}), 422)
    assert_problem(
        await client.post("/api/clay/setup-tables", json={"campaign_id": str(foreign), "webhook_auth_token": "t"}),
        422,
    )


# --- pushes --------------------------------------------------------------------------------------


async def test_push_through_setup_tables_then_a_repush_skips_done_rows(rig, fake_clay):
    rg = await clay_rig(rig)
    app, client = rg.app, rg.client
    campaign_id, ids = await seed_campaign(app.state.db, prospects=3)
    request = {
        "campaign_id": str(campaign_id),
        "table_webhook_url": fake_clay.url + "/hook/abc",
        "webhook_auth_token": "clay-token-123",
    }
    r = await client.post("/api/clay/setup-tables", json=request)
    assert r.status_code == 202, r.text
    push = r.json()["push"]
    assert push["status"] == "queued" and push["total"] == 3 and push["source"] == "request"
    assert push["target"] == "127.0.0.1" and "clay-token-123" not in r.text
    job = await wait_job(client, push["job_id"], timeout=20)
    assert job["status"] == "succeeded", job
    assert job["result"] == {"campaign_id": str(campaign_id), "pushed": 3, "failed": 0, "skipped": 0}

    assert len(fake_clay.requests) == 3  # one POST per prospect
    for received in fake_clay.requests:
        assert received.path == "/hook/abc"
        assert received.headers["x-clay-webhook-auth"] == "clay-token-123"
        assert received.headers["content-type"] == "application/json"
        row = received.json
        assert isinstance(row, dict) and all(not isinstance(v, dict | list) for v in row.values())  # flat
        assert row["Tune Campaign ID"] == str(campaign_id) and row["Tune Score"] == 88 and row["Tune Tier"] == 1
        assert row["Technologies"] == "Salesforce, Braze" and row["Job Title"] == "Director of Marketing"
    assert sorted(r.json["Email"] for r in fake_clay.requests) == [f"p{i}@silverpeakcasino.com" for i in range(3)]
    async with app.state.db.session(write=False) as s:
        results = list(await s.scalars(select(ClayPushResult)))
    assert {r.prospect_id for r in results} == set(ids)
    assert all(r.status == "pushed" and r.attempts == 1 and r.pushed_at and r.http_status == 200 for r in results)

    # the URL is stored for the campaign: asking again pushes nothing new…
    r = await client.post("/api/clay/setup-tables", json={"campaign_id": str(campaign_id)})
    assert r.status_code == 200 and r.json()["push"]["status"] == "nothing_to_push"
    assert r.json()["push"]["already_pushed"] == 3 and r.json()["push"]["source"] == "campaign"
    assert len(fake_clay.requests) == 3
    # …unless forced
    r = await client.post("/api/clay/setup-tables", json={"campaign_id": str(campaign_id), "force": True})
    assert r.status_code == 202
    assert (await wait_job(client, r.json()["push"]["job_id"], timeout=20))["result"]["pushed"] == 3
    assert len(fake_clay.requests) == 6


async def test_push_retries_429_and_5xx_then_gives_up_and_records_it(rig, fake_clay):
    app = (await clay_rig(rig)).app
    settings: Settings = app.state.settings
    campaign_id, ids = await seed_campaign(app.state.db, prospects=2)
    workspace_id = await _workspace_of(app.state.db, campaign_id)
    # first prospect: 429 (Retry-After 1 s, capped to 0.2 s), then 503, then success
    fake_clay.script(429, headers={"Retry-After": "1"})
    fake_clay.script(503)
    fake_clay.script(200)
    # second prospect: 500 three times = CLAY_PUSH_MAX_ATTEMPTS: given up
    fake_clay.script(500, times=3)
    target = clay.PushTarget(fake_clay.url + "/hook", None, "request")
    started = time.monotonic()
    counts = await clay.push_prospects(
        app.state.db, workspace_id=workspace_id, campaign_id=campaign_id, target=target, settings=settings
    )
    assert counts == {"total": 2, "pushed": 1, "failed": 1, "skipped": 0}
    times = [r.at for r in fake_clay.requests]
    assert len(times) == 6
    assert times[1] - times[0] >= 0.18  # Retry-After honoured, capped at CLAY_PUSH_MAX_RETRY_AFTER_S
    assert time.monotonic() - started < 3
    assert "x-clay-webhook-auth" not in fake_clay.requests[0].headers  # no token configured
    async with app.state.db.session(write=False) as s:
        results = {r.prospect_id: r for r in await s.scalars(select(ClayPushResult))}
    ok, failed = results[ids[0]], results[ids[1]]
    assert (ok.status, ok.attempts, ok.http_status, ok.last_error) == ("pushed", 3, 200, None)
    assert (failed.status, failed.attempts, failed.http_status) == ("failed", 3, 500)
    assert "gave up after 3 attempts" in failed.last_error and failed.pushed_at is None

    # a re-push retries only the failed row
    fake_clay.reset()
    counts = await clay.push_prospects(
        app.state.db, workspace_id=workspace_id, campaign_id=campaign_id, target=target, settings=settings
    )
    assert counts == {"total": 2, "pushed": 1, "failed": 0, "skipped": 1}
    assert [r.json["Email"] for r in fake_clay.requests] == ["p1@silverpeakcasino.com"]


async def test_push_connection_errors_redirects_and_4xx(rig, fake_clay):
    app = (await clay_rig(rig, CLAY_PUSH_MAX_ATTEMPTS=2)).app
    settings: Settings = app.state.settings
    row = {"Email": "a@b.co"}
    fake_target = clay.PushTarget(fake_clay.url, None, "request")
    async with clay.push.http_client(settings) as http:
        closed = clay.PushTarget("http://127.0.0.1:9/hook", None, "request")  # nothing listens on port 9
        outcome = await clay.send_row(http, closed, row, settings=settings)
        assert not outcome.ok and outcome.attempts == 2 and "ConnectError" in outcome.error
        fake_clay.script(302, headers={"Location": "http://169.254.169.254/latest/meta-data"})
        outcome = await clay.send_row(http, fake_target, row, settings=settings)
        assert (outcome.ok, outcome.attempts, outcome.http_status) == (False, 1, 302)  # not followed
        fake_clay.script(400)
        outcome = await clay.send_row(http, fake_target, row, settings=settings)
        assert (outcome.ok, outcome.attempts, outcome.http_status) == (False, 1, 400)  # not retried
    assert len(fake_clay.requests) == 2


async def test_pushes_are_paced(rig, fake_clay):
    app = (await clay_rig(rig, CLAY_PUSH_RATE_PER_S=20)).app
    campaign_id, _ = await seed_campaign(app.state.db, prospects=6)
    workspace_id = await _workspace_of(app.state.db, campaign_id)
    await clay.push_prospects(
        app.state.db,
        workspace_id=workspace_id,
        campaign_id=campaign_id,
        target=clay.PushTarget(fake_clay.url + "/paced", None, "request"),
        settings=app.state.settings,
    )
    times = [r.at for r in fake_clay.requests]
    assert len(times) == 6
    # 20/s: request starts are reserved 50 ms apart (arrival times jitter a little around that)
    assert times[-1] - times[0] >= 5 * 0.05 * 0.9
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.02


async def test_pacer_spaces_concurrent_callers():
    pacer = Pacer(50)
    stamps: list[float] = []

    async def one() -> None:
        await pacer.wait()
        stamps.append(time.monotonic())

    await asyncio.gather(*(one() for _ in range(5)))
    stamps.sort()
    assert stamps[-1] - stamps[0] >= 4 * 0.02 * 0.9


# --- SSRF --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.example.com/x",  # not https
        "https://127.0.0.1/x",
        "https://10.1.2.3/x",
        "https://192.168.0.10/x",
        "https://172.16.5.4/x",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/x",
        "https://[::ffff:127.0.0.1]/x",
        "https://[fd00::1]/x",
        "https://224.0.0.1/x",
        "https://0.0.0.0/x",
        "https://100.64.0.1/x",
        "https://localhost/x",  # a hostname that resolves to loopback
        "https://user:pw@93.184.215.14/x",  # credentials in the URL
        "ftp://93.184.215.14/x",
        "not a url",
    ],
)
async def test_outbound_urls_are_refused_unless_public_https(url):
    with pytest.raises(clay.UnsafeURL):
        await clay.resolve_target(url, allow_private=False)


async def test_public_https_addresses_pass_and_are_pinned():
    target = await clay.resolve_target("https://93.184.215.14:8443/hook", allow_private=False)
    assert target.address == "93.184.215.14"
    assert clay.is_public(ipaddress.ip_address("8.8.8.8"))
    async with httpx.AsyncClient() as http:
        from clay.security import SafeTarget, pinned_request

        pinned = SafeTarget(url=httpx.URL("https://hooks.clay.com/x?y=1"), address="93.184.215.14")
        request = pinned_request(http, pinned, json={"a": 1}, headers={"x-clay-webhook-auth": "t"})
    assert request.url.host == "93.184.215.14" and request.headers["host"] == "hooks.clay.com"
    assert request.extensions["sni_hostname"] == "hooks.clay.com"


async def test_setup_tables_refuses_private_urls_when_not_allowed(rig, fake_clay):
    rg = await clay_rig(rig, CLAY_ALLOW_PRIVATE_URLS=False)
    app, client = rg.app, rg.client
    campaign_id, _ = await seed_campaign(app.state.db)
    for url in (
        fake_clay.url + "/hook",
        "https://127.0.0.1/hook",
        "https://10.0.0.8/hook",
        "https://169.254.169.254/latest",
        "https://localhost/hook",
    ):
        body = assert_problem(
            await client.post(
                "/api/clay/setup-tables", json={"campaign_id": str(campaign_id), "table_webhook_url": url}
            ),
            422,
        )
        assert "table_webhook_url refused" in body["detail"]
    assert fake_clay.requests == []
    # a URL stored earlier (or in settings) is checked again when sending: nothing leaves
    workspace_id = await _workspace_of(app.state.db, campaign_id)
    counts = await clay.push_prospects(
        app.state.db,
        workspace_id=workspace_id,
        campaign_id=campaign_id,
        target=clay.PushTarget(fake_clay.url, None, "settings"),
        settings=app.state.settings,
    )
    assert counts["failed"] == 3 and fake_clay.requests == []
    async with app.state.db.session(write=False) as s:
        errors = set(await s.scalars(select(ClayPushResult.last_error)))
    assert len(errors) == 1 and errors.pop().startswith("refused the table URL")


def test_private_urls_are_never_allowed_in_production():
    base = {"ENV": "production", "SECRET_KEY": "q8Zr2mVx7LpT4nWc9KbY3dHf6JsA1eGu"}
    assert not Settings(_env_file=None, **base).clay_private_urls_allowed  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="CLAY_ALLOW_PRIVATE_URLS"):
        Settings(_env_file=None, CLAY_ALLOW_PRIVATE_URLS=True, **base)  # type: ignore[arg-type]
    assert Settings(_env_file=None, CLAY_ALLOW_PRIVATE_URLS=True).clay_private_urls_allowed  # type: ignore[call-arg]


def test_an_imported_webhook_secret_must_be_random():
    from pydantic import ValidationError

    from clay.secrets import WebhookSecretCreate

    for bad in ("change-me", "short", "a" * 30):
        with pytest.raises(ValidationError, match="secret"):
            WebhookSecretCreate(secret=bad)
    assert WebhookSecretCreate(secret=NEW_SECRET).secret == NEW_SECRET


# --- webhook: authentication -------------------------------------------------------------------


async def test_webhook_secret_header_and_hmac_with_rotation(rig):
    rg = await clay_rig(rig)
    app, public = rg.app, rg.public
    campaign_id, _ = await seed_campaign(app.state.db, prospects=0)
    body = json.dumps({**ROW, "campaign_id": str(campaign_id)}).encode()
    for headers in (
        {"X-Clay-Secret": NEW_SECRET},
        {"X-Clay-Secret": OLD_SECRET},
        {"x-clay-webhook-auth": NEW_SECRET},
        signed(body, NEW_SECRET),
        signed(body, OLD_SECRET),
    ):
        r = await post_webhook(public, body, headers=headers)
        assert r.status_code == 200, (headers, r.text)
        assert r.json()["status"] == "scored"
    # two v1 signatures, one valid (a relay mid-rotation)
    good = signed(body, OLD_SECRET)["X-Signature"]
    t, mac = good.split(",")
    r = await post_webhook(public, body, headers={"X-Signature": f"{t},v1={'0' * 64},{mac}"})
    assert r.status_code == 200, r.text


async def test_webhook_refuses_bad_credentials_with_401(rig):
    rg = await clay_rig(rig)
    app, public = rg.app, rg.public
    campaign_id, _ = await seed_campaign(app.state.db, prospects=0)
    body = json.dumps({**ROW, "campaign_id": str(campaign_id)}).encode()
    tampered = body.replace(b"VP of Marketing", b"CEO")
    now = int(time.time())
    cases = {
        "missing": {},
        "wrong secret": {"X-Clay-Secret": "not-the-secret"},
        "wrong hmac secret": signed(body, "not-the-secret"),
        "tampered body": {**signed(body, NEW_SECRET), "_body": "tampered"},
        # timestamps are made when the case is sent (see below), so a slow run cannot move them
        "301 s old": {"_skew": "-301"},
        "301 s ahead": {"_skew": "301"},
        "malformed": {"X-Signature": "v1=abc"},
        "two bad signatures": {"X-Signature": f"t={now},v1={'0' * 64},v1={'1' * 64}"},
    }
    for name, headers in cases.items():
        send = tampered if headers.pop("_body", None) else body
        if "_skew" in headers:  # floor/ceil keep the distance at 301 s or more whatever the sub-second
            late = int(headers.pop("_skew")) < 0
            t = math.floor(time.time()) - 301 if late else math.ceil(time.time()) + 301
            headers = signed(body, NEW_SECRET, t)
        problem = assert_problem(await post_webhook(public, send, headers=headers), 401)
        assert problem["type"].endswith("/unauthorized"), name
        assert NEW_SECRET not in json.dumps(problem)
    old = signed(body, NEW_SECRET, math.floor(time.time()) - 301)
    assert "window" in assert_problem(await post_webhook(public, body, headers=old), 401)["detail"]
    # well inside the window either way
    for skew in (-290, 290):
        inside = signed(body, NEW_SECRET, int(time.time()) + skew)
        assert (await post_webhook(public, body, headers=inside)).status_code == 200
    async with app.state.db.session(write=False) as s:
        assert await s.scalar(select(func.count()).select_from(Analysis)) == 1  # only the accepted copies, once


async def test_webhook_without_configured_secrets_refuses_everything(rig):
    rg = await clay_rig(rig, secrets=())  # a workspace that has created no webhook secret
    app, public = rg.app, rg.public
    campaign_id, _ = await seed_campaign(app.state.db, prospects=0)
    assert_problem(await post_webhook(public, ROW, campaign_id, headers={"X-Clay-Secret": ""}), 401)
    body = json.dumps(ROW).encode()
    for headers in (SECRET, signed(body, NEW_SECRET)):
        problem = assert_problem(await post_webhook(public, body, campaign_id, headers=headers), 401)
        assert problem["detail"] == "Invalid webhook secret or signature."


# --- webhook: behaviour ------------------------------------------------------------------------


async def test_webhook_scores_upserts_attaches_and_answers_flat(rig):
    rg = await clay_rig(rig)
    app, public = rg.app, rg.public
    campaign_id, _ = await seed_campaign(app.state.db, prospects=0)
    r = await post_webhook(public, ROW, campaign_id, headers=SECRET)
    assert r.status_code == 200, r.text
    answer = r.json()
    assert set(answer) == FLAT_KEYS
    assert all(isinstance(v, str | int) for v in answer.values())  # flat: every key maps to a column
    assert answer["status"] == "scored" and answer["tier"] == 1 and answer["score"] >= 80
    assert answer["clay_row_id"] == "row-1" and answer["engine"] == "rules"
    assert "400-room hotel tower" in answer["hook_1"] + answer["hook_2"] and answer["angle"]
    async with app.state.db.session(write=False) as s:
        prospect = await s.scalar(select(Prospect))
        cp = await s.scalar(select(CampaignProspect))
    assert str(prospect.id) == answer["prospect_id"] and prospect.clay_row_id == "row-1"
    # one range rule on every path (intelligence.intake): the midpoint, both bounds and the text kept
    assert prospect.data["employee_count"] == 3001 and prospect.data["annual_revenue_usd"] == 180_000_000
    assert prospect.data["employee_range"] == {"min": 1001, "max": 5000, "text": "1,001-5,000"}
    assert prospect.data["signals"] == [
        "Opening a 400-room hotel tower in Q2 2027",
        "Hiring a Player Development Manager",
    ]
    assert (cp.campaign_id, cp.tier, cp.score, cp.status) == (campaign_id, 1, answer["score"], "analyzed")


async def test_the_same_row_twice_is_answered_from_the_receipt(rig):
    rg = await clay_rig(rig)
    app, public = rg.app, rg.public
    campaign_id, _ = await seed_campaign(app.state.db, prospects=0)
    first = await post_webhook(public, ROW, campaign_id, headers=SECRET)
    second = await post_webhook(public, dict(reversed(list(ROW.items()))), campaign_id, headers=SECRET)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    async with app.state.db.session(write=False) as s:
        assert await s.scalar(select(func.count()).select_from(Analysis)) == 1
        assert await s.scalar(select(func.count()).select_from(WebhookReceipt)) == 1
    # changed data is a new payload: scored again, same prospect
    changed = {**ROW, "Job Title": "Chief Marketing Officer"}
    third = await post_webhook(public, changed, campaign_id, headers=SECRET)
    assert third.json()["prospect_id"] == first.json()["prospect_id"]
    async with app.state.db.session(write=False) as s:
        assert await s.scalar(select(func.count()).select_from(Analysis)) == 2


async def test_concurrent_copies_of_a_row_make_one_analysis(rig):
    rg = await clay_rig(rig)
    app, public = rg.app, rg.public
    campaign_id, _ = await seed_campaign(app.state.db, prospects=0)
    answers = await asyncio.gather(*(post_webhook(public, ROW, campaign_id, headers=SECRET) for _ in range(4)))
    assert {a.status_code for a in answers} == {200}
    assert len({json.dumps(a.json(), sort_keys=True) for a in answers}) == 1
    async with app.state.db.session(write=False) as s:
        assert await s.scalar(select(func.count()).select_from(Analysis)) == 1


async def test_a_list_with_a_bad_row_reports_it_flat_and_scores_the_rest(rig):
    rg = await clay_rig(rig)
    app, public = rg.app, rg.public
    campaign_id, _ = await seed_campaign(app.state.db, prospects=0)
    rows = [
        ROW,
        {"First Name": "No Email"},
        {**ROW, "Email": "not-an-email", "Clay Row ID": "row-3"},
        "text",
        {"Work Email": "sam@silverpeakcasino.com", "Title": "Casino Host Manager", "Unknown Column": 1},
    ]
    r = await post_webhook(public, rows, campaign_id, headers=SECRET)
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["scored", "error", "error", "error", "scored"]
    assert "no email" in results[1]["error"] and results[2]["clay_row_id"] == "row-3"
    assert "email" in results[2]["error"] and "not-an-email" not in results[2]["error"]
    assert set(results[4]) == FLAT_KEYS
    # one bad row alone: 422
    assert_problem(await post_webhook(public, {"First Name": "x"}, campaign_id, headers=SECRET), 422)


async def test_webhook_body_limits_and_campaign_errors(rig):
    rg = await clay_rig(rig, CLAY_WEBHOOK_MAX_BYTES=2048)
    app, public = rg.app, rg.public
    campaign_id, _ = await seed_campaign(app.state.db, prospects=0)
    big = {**ROW, "Notes": "x" * 3000}
    assert_problem(await post_webhook(public, big, campaign_id, headers=SECRET), 413)
    assert_problem(await post_webhook(public, [ROW] * 101, campaign_id, headers=SECRET), 413)
    # unknown campaign: the same 401 as a wrong secret (issue 13: no existence oracle)
    assert_problem(await post_webhook(public, ROW, uuid.uuid4()), 401)
    assert_problem(await post_webhook(public, ROW, uuid.uuid4(), headers=SECRET), 401)
    assert_problem(await post_webhook(public, ROW, "not-a-uuid", headers=SECRET), 422)
    assert_problem(await post_webhook(public, ROW, headers=SECRET), 422)  # no campaign at all
    assert_problem(await post_webhook(public, b"{not json", campaign_id, headers=SECRET), 422)
    assert_problem(await post_webhook(public, [], campaign_id, headers=SECRET), 422)
    assert_problem(await post_webhook(public, 42, campaign_id, headers=SECRET), 422)


async def test_webhook_caps_a_list_at_100_rows(rig):
    rg = await clay_rig(rig)
    app, public = rg.app, rg.public
    campaign_id, _ = await seed_campaign(app.state.db, prospects=0)
    rows = [{"Email": "a@b.co"}] * 101
    body = assert_problem(await post_webhook(public, rows, campaign_id, headers=SECRET), 422)
    assert "100" in body["detail"]


async def test_a_long_list_is_queued_as_a_job_and_replays_afterwards(rig):
    rg = await clay_rig(rig, CLAY_WEBHOOK_INLINE_MAX_ROWS=2)
    app, client, public = rg.app, rg.client, rg.public
    campaign_id, _ = await seed_campaign(app.state.db, prospects=0)
    rows = [{**ROW, "Email": f"host{i}@silverpeakcasino.com", "Clay Row ID": f"r{i}"} for i in range(4)]
    rows.append({"First Name": "no email"})
    r = await post_webhook(public, rows, campaign_id, headers=SECRET)
    assert r.status_code == 202, r.text
    queued = r.json()
    assert queued["status"] == "queued" and queued["queued"] == 4
    assert [x["status"] for x in queued["results"]] == ["queued"] * 4 + ["error"]
    job = await wait_job(client, queued["job_id"], timeout=20)
    assert job["status"] == "succeeded" and job["done"] == 4, job
    results = job["result"]["results"]
    assert [x["status"] for x in results] == ["scored"] * 4 and job["result"]["scored"] == 4
    assert [x["clay_row_id"] for x in results] == ["r0", "r1", "r2", "r3"]
    # Clay re-runs the same rows: answered inline from the receipts, no new analysis
    again = await post_webhook(public, rows, campaign_id, headers=SECRET)
    assert again.status_code == 200
    assert again.json()["results"][:4] == results
    async with app.state.db.session(write=False) as s:
        assert await s.scalar(select(func.count()).select_from(Analysis)) == 4
        assert await s.scalar(select(func.count()).select_from(CampaignProspect)) == 4


async def test_webhook_is_rate_limited_per_ip(rig):
    public = (await clay_rig(rig, RATE_LIMIT="3/minute")).public
    codes = [(await post_webhook(public, ROW, uuid.uuid4())).status_code for _ in range(4)]
    assert codes == [401, 401, 401, 429]


async def _workspace_of(db: Any, campaign_id: uuid.UUID) -> uuid.UUID:
    async with db.session(write=False) as s:
        return (await s.get(Campaign, campaign_id)).workspace_id


async def test_complete_pipeline_pushes_the_campaign_to_clay_when_asked(rig, fake_clay):
    client = (await clay_rig(rig, CLAY_TABLE_WEBHOOK_URL=fake_clay.url + "/hook/pipeline")).client
    r = await client.post(
        "/api/workflows/complete-pipeline",
        json={
            "campaign": {"name": "Pipeline to Clay", "industry": "casino"},
            "prospects": [{**DANA, "email": f"p{i}@silverpeakcasino.com"} for i in range(3)],
            "content": {"tiers": {}},
            "push_to_clay": True,
        },
    )
    assert r.status_code == 202, r.text
    pipeline = await wait_job(client, r.json()["job_id"], timeout=20)
    assert pipeline["status"] == "succeeded" and pipeline["done"] == 3, pipeline
    push = await wait_job(client, pipeline["result"]["clay_push_job_id"], timeout=20)
    assert push["status"] == "succeeded" and push["result"]["pushed"] == 3, push
    assert sorted(q.json["Email"] for q in fake_clay.requests) == [f"p{i}@silverpeakcasino.com" for i in range(3)]
    assert all(q.json["Tune Campaign ID"] == pipeline["result"]["campaign_id"] for q in fake_clay.requests)
