"""Agents and prospect analysis over HTTP, on both engines and both databases.

The Claude engine is the real anthropic SDK talking to the fake Messages server on 127.0.0.1.
"""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

import industry_agents
from intelligence.facts import ProspectFacts
from intelligence.scoring import score_facts, tier_for
from models import Analysis, IndustryAgent, LlmUsage, Workspace, utcnow
from schemas import AgentProfile, TierThresholds
from tests.conftest import assert_problem, client_for, make_key
from tests.support.people import DANA

BUILD = {"industry": "casino", "company": "Tune Outbound", "offer": "player reactivation campaigns"}


# --- rules engine ------------------------------------------------------------------------------


async def test_build_casino_agent_then_rebuild_is_a_new_version(rig):
    client = (await rig()).client
    r = await client.post("/api/agents/build", json=BUILD)
    assert r.status_code == 202, r.text
    assert r.json().items() >= {"industry": "casino", "version": 1, "status": "ready", "engine": "rules"}.items()
    assert (await client.post("/api/agents/build", json=BUILD)).json()["version"] == 1  # no rebuild asked
    status = (await client.get("/api/agents/casino/status")).json()
    assert status["status"] == "ready" and status["progress"] == 100
    agent = (await client.get("/api/agents/casino")).json()
    profile = agent["profile"]
    assert profile["seller"] == {"company": "Tune Outbound", "offer": "player reactivation campaigns"}
    assert any("player" in p.lower() for p in profile["pain_points"])
    assert {"icp", "personas", "value_propositions", "tone", "rubric", "tier_thresholds"} <= profile.keys()
    r = await client.post("/api/agents/build", json={**BUILD, "rebuild": True})
    assert r.json()["version"] == 2
    industries = {i["slug"]: i for i in (await client.get("/api/industries")).json()["items"]}
    assert len(industries) >= 10
    assert industries["casino"]["agent_status"] == "ready" and industries["casino"]["agent_version"] == 2
    assert industries["hotel"]["agent_status"] is None


async def test_unknown_industry_needs_a_description(rig):
    client = (await rig()).client
    body = assert_problem(await client.post("/api/agents/build", json={**BUILD, "industry": "pet grooming"}), 422)
    assert "description" in body["detail"]
    r = await client.post(
        "/api/agents/build",
        json={
            **BUILD,
            "industry": "pet grooming",
            "description": "Dog grooming salons and mobile groomers; owners buy booking and rebooking help.",
        },
    )
    assert r.status_code == 202 and r.json()["generic"] is True
    profile = (await client.get("/api/agents/pet_grooming")).json()["profile"]
    assert profile["generic"] is True and "groom" in profile["description"].lower()
    slugs = {i["slug"]: i for i in (await client.get("/api/industries")).json()["items"]}
    assert slugs["pet_grooming"]["builtin"] is False and slugs["pet_grooming"]["agent_status"] == "ready"
    assert_problem(
        await client.post(
            "/api/prospects/analyze", json={"industry": "llama farming", "prospect": {"email": "a@b.co"}}
        ),
        422,
    )


async def test_casino_vp_is_tier_1_with_grounded_hooks_and_is_stored(rig):
    client = (await rig()).client
    await client.post("/api/agents/build", json=BUILD)
    r = await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})
    assert r.status_code == 200, r.text
    a = r.json()
    assert a["tier"] == 1 and a["engine"] == "rules" and a["usage"] is None
    assert a["agent"] == {"industry": "casino", "version": 1}
    assert sum(c["points"] for c in a["breakdown"]) == a["score"]
    assert {c["component"] for c in a["breakdown"]} >= {
        "seniority",
        "persona_fit",
        "company_fit",
        "industry_fit",
        "intent_signals",
    }
    assert all(c["fields"] and c["why"] and 0 <= c["points"] <= c["max"] for c in a["breakdown"])
    tower = [h for h in a["hooks"] if "400-room hotel tower" in h["text"]]
    assert tower and tower[0]["source_field"] == "signals"
    assert a["persona"] and a["pain_points"] and a["approach"]["cta"]
    stored = (await client.get(f"/api/prospects/{a['prospect_id']}")).json()
    assert stored["email"] == DANA["email"] and stored["data"]["employee_count"] == 2000
    assert stored["analysis"]["analysis_id"] == a["analysis_id"] and stored["analysis"]["tier"] == 1


async def test_tier_is_reproducible_from_the_stored_breakdown(rig):
    client = (await rig()).client
    thresholds = TierThresholds.model_validate(industry_agents.get_builtin("casino").tier_thresholds)
    people = [
        DANA,
        {"email": "x@y.com"},
        {
            **DANA,
            "email": "cto@tinysaas.io",
            "title": "CTO",
            "company": "TinySaaS",
            "industry": "SaaS",
            "employees": 20,
            "signals": [],
        },
    ]
    for person in people:
        a = (await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": person})).json()
        assert a["tier"] == tier_for(sum(c["points"] for c in a["breakdown"]), thresholds)


async def test_reanalysis_upserts_the_prospect_and_old_analyses_keep_their_version(rig):
    client = (await rig()).client
    first = (await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()
    assert first["agent"]["version"] == 1  # built on first use from built-in knowledge
    await client.post("/api/agents/build", json={**BUILD, "rebuild": True})
    second = (
        await client.post(
            "/api/prospects/analyze",
            json={"industry": "casino", "prospect": {**DANA, "title": "Chief Marketing Officer"}},
        )
    ).json()
    assert second["prospect_id"] == first["prospect_id"] and second["agent"]["version"] == 2
    stored = (await client.get(f"/api/prospects/{first['prospect_id']}")).json()
    assert stored["analyses"] == 2 and stored["data"]["title"] == "Chief Marketing Officer"


async def test_another_workspaces_prospect_is_404(rig):
    rg = await rig()
    app, client = rg.app, rg.client
    a = (await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()
    other = await make_key(app.state.db, workspace="rival agency")
    theirs = await client.get(f"/api/prospects/{a['prospect_id']}", headers={"X-API-Key": other})
    missing = await client.get("/api/prospects/00000000-0000-0000-0000-000000000000")
    assert assert_problem(theirs, 404)["title"] == assert_problem(missing, 404)["title"]
    # and the other workspace's own agent list does not show ours
    industries = (await client.get("/api/industries", headers={"X-API-Key": other})).json()["items"]
    assert all(i["agent_status"] is None for i in industries)


async def test_bad_input_is_a_clear_4xx(rig):
    client = (await rig()).client
    assert_problem(await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": {}}), 422)
    assert_problem(
        await client.post(
            "/api/prospects/analyze", json={"industry": "casino", "prospect": {"email": "not-an-email"}}
        ),
        422,
    )
    assert_problem(
        await client.post(
            "/api/prospects/analyze", json={"industry": "casino", "prospect": {**DANA, "is_admin": True}}
        ),
        422,
    )
    assert_problem(await client.post("/api/agents/build", json={"industry": "casino"}), 422)
    assert_problem(await client.get("/api/agents/hotel"), 404)
    assert_problem(await client.get("/api/agents/hotel/status"), 404)
    assert_problem(await client.get("/api/prospects/not-a-uuid"), 422)


async def test_batch_reports_bad_items_alone_and_caps_its_size(rig):
    client = (await rig(ANALYZE_BATCH_INLINE_MAX=5, ANALYZE_BATCH_MAX=8)).client
    r = await client.post(
        "/api/prospects/analyze-batch",
        json={
            "industry": "casino",
            "prospects": [
                DANA,
                {"email": "broken"},
                {**DANA, "email": "sam@silverpeakcasino.com", "title": "Casino Host Manager"},
            ],
        },
    )
    assert r.status_code == 200, r.text
    batch = r.json()
    assert (batch["total"], batch["succeeded"], batch["failed"]) == (3, 2, 1)
    assert [i["status"] for i in batch["items"]] == ["ok", "error", "ok"]
    assert batch["items"][1]["errors"][0]["loc"] == ["email"]
    for item in (batch["items"][0], batch["items"][2]):
        pid = item["result"]["prospect_id"]
        assert (await client.get(f"/api/prospects/{pid}")).json()["analysis"]["tier"] == item["result"]["tier"]
    body = assert_problem(
        await client.post(
            "/api/prospects/analyze-batch",
            json={"industry": "casino", "prospects": [{"email": f"p{i}@x.com"} for i in range(9)]},
        ),
        422,
    )
    assert "at most 8" in body["detail"]


# --- Claude engine (fake Messages server) --------------------------------------------------------


def _cited(field: str, quote: str, **fact: Any) -> dict[str, Any]:
    return {"field": field, "quote": quote, **fact}


TOWER = "Opening a 400-room hotel tower in Q2 2027"
# What Claude answers for DANA: facts with their field and a verbatim quote (intelligence.claude_facts).
FACTS = {
    "title": {
        "quote": "VP of Marketing",
        "level": "vp",
        "function": "marketing",
        "functions": ["marketing"],
        "flags": [],
        "reference": "VP of marketing",
        "language": "en",
    },
    "company_types": [_cited("company", "Silver Peak Casino Resort", label="regional casino resort")],
    "disqualifiers": [],
    "events": [
        _cited(
            "signals",
            TOWER,
            lemma="open",
            object="a 400-room hotel tower",
            date_text="in Q2 2027",
            tense="planned",
            negated=False,
        ),
        _cited(
            "signals",
            "Hiring a Player Development Manager",
            lemma="hire",
            object="a Player Development Manager",
            date_text=None,
            tense="ongoing",
            negated=False,
        ),
    ],
    "quantities": [],
    "mentions": [],
}


def agent_draft(profile: Any, **changes: Any) -> dict[str, Any]:
    """What Claude returns for a build (`industry_agents.bounds.AgentDraft`), from a profile."""
    p = profile.model_dump()
    persona_keys = ("name", "titles", "seniority", "priorities", "pains", "label", "plural", "short")
    draft = {
        k: p[k]
        for k in (
            "name",
            "description",
            "pain_points",
            "value_propositions",
            "proof_angles",
            "tone",
            "vocabulary",
            "objections",
            "rubric",
            "tier_thresholds",
        )
    }
    draft["icp"] = {k: p["icp"][k] for k in ("company_types", "signals", "signal_keywords", "industry_keywords")}
    draft["personas"] = [{k: persona[k] for k in persona_keys} for persona in p["personas"]]
    return {**draft, **changes}


async def test_claude_builds_the_agent_and_adds_insight_with_usage(rig, fake_anthropic):
    casino = industry_agents.get_builtin("casino")
    fake_anthropic.reply(agent_draft(casino, tone="Hospitality-savvy and compliance-aware (written by Claude)"))
    client = (await rig(claude=True)).client
    r = await client.post("/api/agents/build", json=BUILD)
    assert r.status_code == 202 and r.json()["status"] == "building"
    status = (await client.get("/api/agents/casino/status")).json()
    assert status["status"] == "ready" and status["engine"] == "claude"
    assert (await client.get("/api/agents/casino")).json()["profile"]["tone"].endswith("(written by Claude)")

    fake_anthropic.reply(FACTS)
    a = (await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()
    assert a["engine"] == "claude" and a["tier"] == 1 and a["fallback"] is None and a["dropped_facts"] == 0
    assert a["usage"]["input_tokens"] > 0 and a["usage"]["cost_usd"] > 0
    assert a["pain_points"] and a["persona"] == "Casino Marketing Leader"
    assert a["hooks"][0]["source_field"] == "signals" and "400-room hotel tower" in a["hooks"][0]["text"]
    assert fake_anthropic.schema_title(fake_anthropic.last.json) == "ClaudeFacts"
    system = fake_anthropic.last.system
    assert system[0]["cache_control"] == {"type": "ephemeral"} and "Casino" in system[0]["text"]
    # The default model is the current Sonnet, which refuses forced tools: native structured output.
    sent = fake_anthropic.last.json
    assert sent["model"] == "claude-sonnet-5-5" and "tool_choice" not in sent
    assert sent["output_config"]["format"]["type"] == "json_schema"
    usage = (await client.get("/api/usage")).json()
    assert usage["calls"] == 2 and usage["cost_usd"] == pytest.approx(
        a["usage"]["cost_usd"] + usage["by_purpose"]["agent_build"]["cost_usd"], abs=1e-6
    )
    assert usage["budget_usd"] == 50 and not usage["budget_exhausted"]


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ({"status": 529}, "failed"),
        ({"status": 500}, "failed"),
        ({"status": 429, "headers": {"retry-after-ms": "10"}}, "failed"),
        ({"status": 429, "error_code": "enforced_spend_limit_reached"}, "budget"),
        ({"status": 400}, "failed"),
    ],
)
async def test_claude_faults_fall_back_to_rules_without_5xx(rig, fake_anthropic, fault, reason):
    client = (await rig(claude=True)).client
    fake_anthropic.fail(**fault)
    r = await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})
    assert r.status_code == 200, r.text
    assert r.json()["engine"] == "rules" and r.json()["fallback"] == reason and r.json()["tier"] == 1


@pytest.mark.parametrize(
    ("garbage", "reason"),
    [
        ({"raw": b"<html>502 Bad Gateway</html>"}, "invalid_output"),  # a 200 that is not JSON
        ({"raw": {"ok": True}}, "invalid_output"),  # JSON, not a message
        ({"json": {"pain_points": "not a list"}}, "invalid_output"),  # schema mismatch
        (
            {"raw": {"stop_reason": "refusal", "content": [{"type": "text", "text": "I can't help with that."}]}},
            "refused",
        ),
        (
            {"raw": {"stop_reason": "max_tokens", "content": [{"type": "text", "text": '{"persona": "Cas'}]}},
            "truncated",
        ),
        ({"json": {**FACTS, "score": 99}}, "invalid_output"),  # facts plus a key not asked for
        ({"cut_off": FACTS}, "truncated"),  # cut off at max_tokens: never stored, whatever arrived
    ],
)
async def test_claude_garbage_falls_back_to_rules(rig, fake_anthropic, garbage, reason):
    client = (await rig(claude=True)).client
    if "json" in garbage:
        fake_anthropic.reply(garbage["json"])
    elif "cut_off" in garbage:
        fake_anthropic.reply(garbage["cut_off"], stop_reason="max_tokens")
    else:
        raw = garbage["raw"]
        if isinstance(raw, dict) and "stop_reason" in raw:
            raw = {
                "id": "msg_1",
                "type": "message",
                "role": "assistant",
                "model": "claude-sonnet-4-6",
                "stop_sequence": None,
                "usage": {"input_tokens": 10, "output_tokens": 5},
                **raw,
            }
        fake_anthropic.reply_raw(raw)
    r = await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})
    assert r.status_code == 200, r.text
    assert r.json()["engine"] == "rules" and r.json()["fallback"] == reason


async def test_claude_timeout_and_refused_connection_fall_back(rig, fake_anthropic, database_url):
    client = (await rig(claude=True, LLM_TIMEOUT_S=0.3)).client
    fake_anthropic.sleep(2)
    r = await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})
    assert r.json()["engine"] == "rules" and r.json()["fallback"] == "failed"
    refused = (
        await rig(ANTHROPIC_API_KEY="test", ANTHROPIC_BASE_URL="http://127.0.0.1:9", LLM_MAX_ATTEMPTS=1)
    ).client
    r = await refused.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})
    assert r.status_code == 200 and r.json()["fallback"] == "failed"


async def test_spent_budget_switches_to_rules_without_calling_claude(rig, fake_anthropic):
    rg = await rig(claude=True, LLM_MONTHLY_BUDGET_USD=0.01)
    app, client = rg.app, rg.client
    async with app.state.db.session() as s:
        s.add(LlmUsage(model="claude-sonnet-4-6", purpose="analyze", outcome="ok", cost_usd=0.02))
    r = await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})
    assert r.json()["engine"] == "rules" and r.json()["fallback"] == "budget"
    assert fake_anthropic.attempts == 0
    usage = (await client.get("/api/usage")).json()
    assert usage["budget_exhausted"] is True and usage["remaining_usd"] == 0


async def test_open_circuit_sends_work_to_rules(rig, fake_anthropic):
    rg = await rig(claude=True, LLM_BREAKER_FAILURES=2)
    app, client = rg.app, rg.client
    fake_anthropic.fail(503, times=2)
    for _ in range(3):
        r = await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})
        assert r.status_code == 200 and r.json()["engine"] == "rules"
    assert r.json()["fallback"] == "circuit_open" and fake_anthropic.attempts == 2
    health = (await client.get("/api/health")).json()
    assert health["engine"]["circuit"] == "open"
    async with app.state.db.session(write=False) as s:
        assert await s.scalar(select(func.count()).select_from(LlmUsage)) == 2


async def test_a_build_interrupted_by_a_restart_reads_failed_and_can_be_rebuilt(rig):
    rg = await rig()
    app, client = rg.app, rg.client
    async with app.state.db.session() as s:
        ws = (await s.scalars(select(Workspace))).one()
        s.add(
            IndustryAgent(
                workspace_id=ws.id,
                industry="hotel",
                version=1,
                status="building",
                progress=10,
                request={},
                profile=None,
                updated_at=utcnow() - timedelta(hours=1),
            )
        )
    status = (await client.get("/api/agents/hotel/status")).json()
    assert status["status"] == "failed" and "interrupted" in status["error"]
    industries = {i["slug"]: i for i in (await client.get("/api/industries")).json()["items"]}
    assert industries["hotel"]["agent_status"] == "failed"
    r = await client.post("/api/agents/build", json={**BUILD, "industry": "hotel"})
    assert r.json()["version"] == 2 and r.json()["status"] == "ready"


async def test_hung_claude_answers_an_interactive_analysis_with_rules_within_its_deadline(rig, fake_anthropic):
    """Three attempts × 60 s would have been three minutes; the interactive deadline bounds it all."""
    client = (await rig(claude=True, LLM_DEADLINE_INTERACTIVE_S=1, LLM_TIMEOUT_S=60, LLM_MAX_ATTEMPTS=3)).client
    fake_anthropic.sleep(30, times=3)
    started = time.perf_counter()
    r = await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})
    elapsed = time.perf_counter() - started
    assert r.status_code == 200, r.text
    assert r.json()["engine"] == "rules" and r.json()["fallback"] == "deadline" and r.json()["tier"] == 1
    assert elapsed < 2.5, elapsed


async def test_inline_batches_go_to_a_job_when_claude_is_on(rig, fake_anthropic):
    fake_anthropic.responder = lambda request: FACTS
    client = (await rig(claude=True, LLM_INLINE_MAX_ITEMS=3, JOB_WORKERS=0)).client
    people = [{**DANA, "email": f"p{i}@silverpeakcasino.com"} for i in range(4)]
    small = await client.post("/api/prospects/analyze-batch", json={"industry": "casino", "prospects": people[:3]})
    assert small.status_code == 200 and small.json()["succeeded"] == 3
    big = await client.post("/api/prospects/analyze-batch", json={"industry": "casino", "prospects": people})
    assert big.status_code == 202 and big.json()["kind"] == "analyze" and big.json()["total"] == 4
    campaign = (await client.post("/api/campaigns/create", json={"name": "Q1", "industry": "casino"})).json()
    added = await client.post(f"/api/campaigns/{campaign['id']}/prospects", json={"prospects": people})
    assert added.status_code == 202 and added.json()["kind"] == "analyze"
    assert fake_anthropic.attempts == 3  # only the inline three; the queued ones wait for a worker
    # Without Claude the old inline limit stands: nothing waits on the network.
    offline = (await rig(LLM_INLINE_MAX_ITEMS=3)).client
    r = await offline.post("/api/prospects/analyze-batch", json={"industry": "casino", "prospects": people})
    assert r.status_code == 200 and r.json()["succeeded"] == 4


INVENTED_WORDS = ("Caesars", "37", "2025", "Nevada", "Bellagio")


@pytest.mark.parametrize(
    "change",
    [
        # The quote is real; the number and the date are not in it.
        {
            "events": [
                _cited(
                    "company",
                    "Silver Peak Casino Resort",
                    lemma="raise",
                    object="revenue 37% with Caesars",
                    date_text="in 2025",
                    tense="past",
                    negated=False,
                )
            ]
        },
        # The quote is not in the field.
        {
            "events": [
                _cited(
                    "signals",
                    "Caesars partnership lifted revenue 37% in 2025",
                    lemma="launch",
                    object="a partnership",
                    date_text=None,
                    tense="past",
                    negated=False,
                )
            ]
        },
        # One digit off: the date is not the quote's.
        {
            "events": [
                _cited(
                    "signals",
                    TOWER,
                    lemma="open",
                    object="a 400-room hotel tower",
                    date_text="in Q2 2025",
                    tense="planned",
                    negated=False,
                )
            ]
        },
        # A value the quote does not hold.
        {"quantities": [_cited("signals", TOWER, value=37, unit="count", measure="rooms in the hotel tower")]},
        # A name the quote does not hold.
        {"mentions": [_cited("location", "Reno, NV", keyword="Nevada", negated=False)]},
        {"mentions": [_cited("signals", TOWER, keyword="tower near Bellagio", negated=False)]},
    ],
)
async def test_an_invented_claude_fact_is_dropped_and_counted(rig, fake_anthropic, change):
    """A Claude fact whose quote is not in its field, or whose numbers or names are not in the quote,
    never reaches a stored hook, the breakdown, the approach or the stored facts; it is counted."""
    rg = await rig(claude=True)
    app, client = rg.app, rg.client
    fake_anthropic.reply({**FACTS, "events": [], **change})
    a = (await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()
    assert a["engine"] == "claude" and a["dropped_facts"] == 1
    stored = (await client.get(f"/api/prospects/{a['prospect_id']}")).json()["analysis"]
    assert stored["dropped_facts"] == 1
    async with app.state.db.session(write=False) as s:
        row = (await s.scalars(select(Analysis))).one()
    assert row.result["facts"]["dropped_quotes"] == 1 and row.result["facts"]["engine"] == "claude"
    for shown in (a, stored, row.result):
        text = json.dumps({k: shown[k] for k in ("hooks", "breakdown", "approach", "pain_points", "persona")})
        assert not any(word in text for word in INVENTED_WORDS), text
    assert not any(word in json.dumps(row.result["facts"]) for word in INVENTED_WORDS)


async def _rescored(app: Any) -> list[tuple[int, int, list[dict[str, Any]], list[dict[str, Any]], str]]:
    """Each stored analysis: (stored tier, tier from its stored facts, stored and recomputed breakdown, engine)."""
    out = []
    async with app.state.db.session(write=False) as s:
        for row in (await s.scalars(select(Analysis).order_by(Analysis.created_at))).all():
            agent = await s.get(IndustryAgent, row.agent_id)
            profile = AgentProfile.model_validate(agent.profile)
            facts = ProspectFacts.from_dict(row.result["facts"])
            breakdown = score_facts(profile, facts)
            tier = tier_for(max(0, min(100, sum(c.points for c in breakdown))), profile.tier_thresholds)
            out.append(
                (row.tier, tier, row.result["breakdown"], [c.model_dump() for c in breakdown], facts.engine)
            )
    return out


async def test_the_stored_facts_give_the_stored_tier_on_either_engine(rig, fake_anthropic):
    """Claude reads a tier-1 account, and a supplier by the profile's own disqualifier (a rule the profile
    does not have is dropped); a failure falls back to the rules extractor's facts. Re-scoring each
    analysis's stored facts gives its stored tier and breakdown."""
    rg = await rig(claude=True)
    app, client = rg.app, rg.client
    supplier = {
        **DANA,
        "email": "lee@reelmakers.com",
        "company": "Reel Makers Inc.",
        "notes": "Slot machine manufacturer selling cabinets to tribal casinos.",
    }
    rule = "slot machine manufacturer or gaming supplier (a vendor, not an operator)"
    fake_anthropic.reply(FACTS)
    fake_anthropic.reply(
        {
            **FACTS,
            "company_types": [],
            "disqualifiers": [
                _cited(
                    "notes",
                    "Slot machine manufacturer selling cabinets to tribal casinos",
                    kind="profile",
                    profile_rule=rule,
                ),
                _cited(
                    "notes", "selling cabinets", kind="profile", profile_rule="a rule the profile does not have"
                ),
            ],
        }
    )
    fake_anthropic.fail(529, times=3)
    first = (await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()
    vendor = (
        await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": supplier})
    ).json()
    fallen = (
        await client.post(
            "/api/prospects/analyze",
            json={"industry": "casino", "prospect": {**DANA, "email": "kim@silverpeakcasino.com"}},
        )
    ).json()
    assert (first["engine"], first["tier"]) == ("claude", 1)
    assert (vendor["engine"], vendor["tier"], vendor["dropped_facts"]) == ("claude", 4, 1)
    gate = next(c for c in vendor["breakdown"] if c["component"] == "disqualifier")
    assert rule in gate["why"] and "a rule the profile does not have" not in gate["why"]
    assert (fallen["engine"], fallen["fallback"], fallen["tier"]) == ("rules", "failed", 1)
    rescored = await _rescored(app)
    assert [engine for *_, engine in rescored] == ["claude", "claude", "rules"]
    for stored_tier, tier, stored_breakdown, breakdown, _ in rescored:
        assert tier == stored_tier and breakdown == stored_breakdown


async def test_a_claude_build_cannot_move_scoring_inputs_beyond_bounds(rig, fake_anthropic):
    casino = industry_agents.get_builtin("casino")
    first = casino.personas[0]
    wild = agent_draft(
        casino,
        rubric={
            "seniority": 100,
            "persona_fit": 0,
            "company_fit": 0,
            "industry_fit": 0,
            "intent_signals": 0,
            "data_completeness": 0,
        },
        tier_thresholds={"tier1": 30, "tier2": 20, "tier3": 10},
        personas=[
            *agent_draft(casino)["personas"],
            {"name": "Everyone", "titles": ["intern", "assistant"], "seniority": "c_level"},
        ],
    )
    wild["personas"][0]["titles"] = [*first.titles, *(f"extra title {i}" for i in range(8))]
    fake_anthropic.reply(wild)
    client = (await rig(claude=True)).client
    assert (await client.post("/api/agents/build", json=BUILD)).status_code == 202
    profile = (await client.get("/api/agents/casino")).json()["profile"]
    assert profile["rubric"] == casino.rubric.model_dump()
    assert profile["tier_thresholds"] == casino.tier_thresholds.model_dump()
    assert [p["name"] for p in profile["personas"]] == [p.name for p in casino.personas]
    assert profile["personas"][0]["titles"][: len(first.titles)] == first.titles
    assert len(profile["personas"][0]["titles"]) == len(first.titles) + 5
    assert profile["personas"][0]["seniority"] == first.seniority

    # Within bounds, a change is applied; a profile field over its length limit fails the build's schema.
    nudged = agent_draft(
        casino,
        tier_thresholds={
            "tier1": casino.tier_thresholds.tier1 - 5,
            "tier2": casino.tier_thresholds.tier2,
            "tier3": casino.tier_thresholds.tier3 + 5,
        },
    )
    fake_anthropic.reply(nudged)
    fake_anthropic.reply(agent_draft(casino, description="x" * 5000))
    assert (await client.post("/api/agents/build", json={**BUILD, "rebuild": True})).status_code == 202
    assert (await client.get("/api/agents/casino")).json()["profile"]["tier_thresholds"]["tier1"] == (
        casino.tier_thresholds.tier1 - 5
    )
    assert (await client.post("/api/agents/build", json={**BUILD, "rebuild": True})).status_code == 202
    status = (await client.get("/api/agents/casino/status")).json()
    assert status["engine"] == "rules" and "invalid_output" in status["error"]


async def test_one_tenant_cannot_see_or_spend_anothers_claude_budget(rig, fake_anthropic):
    rg = await rig(claude=True, LLM_WORKSPACE_MONTHLY_BUDGET_USD=0.02)
    app, acme = rg.app, rg.client
    globex = client_for(app, headers={"X-API-Key": await make_key(app.state.db, workspace="globex")})
    fake_anthropic.responder = lambda request: FACTS
    fake_anthropic.reply(FACTS, usage={"input_tokens": 2000, "output_tokens": 2000})  # $0.024

    first = (await acme.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()
    second = (await acme.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()
    theirs = (await globex.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()
    assert first["engine"] == "claude" and second["fallback"] == "budget"
    assert theirs["engine"] == "claude" and theirs["fallback"] is None  # acme's spend is not globex's

    mine, other = (await acme.get("/api/usage")).json(), (await globex.get("/api/usage")).json()
    assert mine["calls"] == 1 and mine["budget_exhausted"] is True
    assert mine["cost_usd"] == pytest.approx(first["usage"]["cost_usd"], abs=1e-6)
    assert other["calls"] == 1 and other["budget_exhausted"] is False
    assert other["cost_usd"] == pytest.approx(theirs["usage"]["cost_usd"], abs=1e-6)
    assert other["cost_usd"] != mine["cost_usd"]  # acme's $0.024 call is not in globex's usage
    assert mine["workspace_id"] != other["workspace_id"]
