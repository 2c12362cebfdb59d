"""Outreach content over HTTP on both engines: sequences, LinkedIn messages, video scripts."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select

from models import Analysis, Campaign, Message, Workspace
from tests.conftest import assert_problem
from tests.support.people import DANA, SENDER
from tests.test_agents_and_analysis import FACTS


async def _dana(client) -> str:
    r = await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})
    return r.json()["prospect_id"]


async def _count_messages(app) -> int:
    async with app.state.db.session(write=False) as s:
        return await s.scalar(select(func.count()).select_from(Message))


async def test_a_new_user_gets_sequence_note_and_script_grounded_and_stored(rig):
    rg = await rig()
    app, client = rg.app, rg.client
    pid = await _dana(client)
    seq = (await client.post("/api/content/generate-sequence", json={"prospect_id": pid, "sender": SENDER})).json()
    assert seq["engine"] == "rules" and len(seq["steps"]) == 4 and seq["quality"]["passed"]
    assert [s["day_offset"] for s in seq["steps"]] == sorted(s["day_offset"] for s in seq["steps"])
    assert seq["steps"][0]["purpose"] == "opener" and seq["steps"][-1]["purpose"] == "breakup"
    opener = seq["steps"][0]
    assert "Dana" in opener["body"] and "Silver Peak" in opener["body"]
    assert "400-room hotel tower" in opener["body"]
    assert len(set(opener["subject_variants"])) == 2 and opener["subject"] in opener["subject_variants"]
    assert opener["variant"] in ("A", "B")
    for step in seq["steps"]:
        assert step["quality"]["passed"] and step["cta"] and "Sam" in step["body"]
        assert not re.search(r"\{\{|\[First Name\]|lorem|None", step["body"], re.I)

    note = (
        await client.post(
            "/api/content/linkedin-message", json={"prospect_id": pid, "kind": "connection", "sender": SENDER}
        )
    ).json()
    assert note["char_count"] == len(note["body"]) <= 300 and note["quality"]["passed"]
    assert "Dana" in note["body"]

    video = (
        await client.post(
            "/api/content/video-script", json={"prospect_id": pid, "duration_seconds": 60, "sender": SENDER}
        )
    ).json()
    assert 54 <= video["estimated_seconds"] <= 66 and video["quality"]["passed"]
    assert video["scenes"][0]["start_s"] == 0 and video["scenes"][-1]["end_s"] == 60
    assert any("Silver Peak" in s["narration"] for s in video["scenes"])

    stored = (await client.get(f"/api/prospects/{pid}")).json()
    channels = sorted((m["channel"], m["step"]) for m in stored["messages"])
    assert channels == [
        ("email", 1),
        ("email", 2),
        ("email", 3),
        ("email", 4),
        ("linkedin_connection", 1),
        ("video", 1),
    ]
    assert {m["id"] for m in stored["messages"]} >= {opener["message_id"], note["message_id"], video["message_id"]}
    assert await _count_messages(app) == 6


async def test_generating_again_replaces_in_place_and_duplicates_nothing(rig):
    rg = await rig()
    app, client = rg.app, rg.client
    pid = await _dana(client)
    body = {"prospect_id": pid, "sender": SENDER}
    first = (await client.post("/api/content/generate-sequence", json=body)).json()
    again = (await client.post("/api/content/generate-sequence", json=body)).json()
    assert [s["message_id"] for s in again["steps"]] == [s["message_id"] for s in first["steps"]]
    assert again["steps"] == first["steps"]  # deterministic rules engine
    assert await _count_messages(app) == 4


async def test_content_for_inline_prospect_data_stores_the_prospect(rig):
    client = (await rig()).client
    r = await client.post(
        "/api/content/linkedin-message",
        json={"prospect": DANA, "industry": "casino", "kind": "inmail", "sender": SENDER},
    )
    assert r.status_code == 200, r.text
    msg = r.json()
    assert msg["subject"] and len(msg["subject"]) <= 200 and len(msg["body"]) <= 1900
    stored = (await client.get(f"/api/prospects/{msg['prospect_id']}")).json()
    assert stored["analysis"]["tier"] == 1 and stored["messages"][0]["channel"] == "inmail"


async def test_two_people_at_one_company_get_different_emails(rig):
    client = (await rig()).client
    bodies = []
    for person in (
        DANA,
        {
            **DANA,
            "email": "lee.park@silverpeakcasino.com",
            "first_name": "Lee",
            "title": "Director of Player Development",
        },
    ):
        r = await client.post(
            "/api/content/generate-sequence",
            json={"prospect": person, "industry": "casino", "sender": SENDER, "steps": 1},
        )
        bodies.append(r.json()["steps"][0]["body"].replace(person["first_name"], "X"))
    assert bodies[0] != bodies[1]


async def test_campaign_sender_and_industry_are_used_and_foreign_campaign_is_404(rig):
    rg = await rig()
    app, client = rg.app, rg.client
    pid = await _dana(client)
    async with app.state.db.session() as s:
        ws = (await s.scalars(select(Workspace))).one()
        campaign = Campaign(
            workspace_id=ws.id, name="Q1 casinos", industry="casino", sequence_settings={"sender": SENDER}
        )
        other_ws = Workspace(name="rival")
        s.add_all([campaign, other_ws])
        await s.flush()
        foreign = Campaign(workspace_id=other_ws.id, name="theirs", industry="casino")
        s.add(foreign)
    r = await client.post(
        "/api/content/generate-sequence", json={"prospect_id": pid, "campaign_id": str(campaign.id), "steps": 2}
    )
    assert r.status_code == 200, r.text
    assert r.json()["campaign_id"] == str(campaign.id) and "Sam" in r.json()["steps"][0]["body"]
    assert_problem(
        await client.post(
            "/api/content/generate-sequence",
            json={"prospect_id": pid, "campaign_id": str(foreign.id), "sender": SENDER},
        ),
        404,
    )


async def test_bad_input_is_a_clear_4xx(rig):
    client = (await rig()).client
    pid = await _dana(client)
    cases = [
        ({"prospect_id": pid}, 422),  # no sender
        ({"prospect_id": pid, "sender": SENDER, "steps": 0}, 422),
        ({"prospect_id": pid, "sender": SENDER, "steps": 50}, 422),
        ({"prospect_id": pid, "sender": SENDER, "subject_variants": 9}, 422),
        ({"prospect_id": "00000000-0000-0000-0000-000000000000", "sender": SENDER}, 404),
        ({"prospect_id": pid, "sender": SENDER, "campaign_id": "00000000-0000-0000-0000-000000000000"}, 404),
        ({"sender": SENDER}, 422),  # no prospect at all
        ({"prospect_id": pid, "prospect": DANA, "sender": SENDER}, 422),  # both
        ({"prospect": {"email": "x@y.com"}, "sender": SENDER}, 422),  # no industry to write for
        ({"prospect_id": pid, "sender": {**SENDER, "offer": ""}}, 422),
    ]
    for body, status in cases:
        assert_problem(await client.post("/api/content/generate-sequence", json=body), status)
    for duration in (10, 500):
        assert_problem(
            await client.post(
                "/api/content/video-script",
                json={"prospect_id": pid, "sender": SENDER, "duration_seconds": duration},
            ),
            422,
        )
    assert_problem(
        await client.post(
            "/api/content/linkedin-message", json={"prospect_id": pid, "sender": SENDER, "kind": "fax"}
        ),
        422,
    )


# --- Claude engine -----------------------------------------------------------------------------


def _claude_sequence(steps: int, *, invent: bool = False) -> dict[str, Any]:
    body = (
        "Hi Dana, I saw that Silver Peak Casino Resort is opening a 400-room hotel tower in Q2 2027. "
        "Filling those rooms with rated players before opening night is usually the hard part, and "
        "reactivating lapsed players is where Tune Outbound helps. "
        + ("We helped Bellagio grow hotel revenue 37% last year. " if invent else "")
        + "Would a short call next week to compare notes on your reactivation plan be useful? Sam"
    )
    subjects = ["the new tower at Silver Peak", "Dana, a quick question"]
    return {
        "steps": [
            {"subject_variants": subjects, "body": body, "cta": "a short call next week?"} for _ in range(steps)
        ]
    }


async def test_claude_writes_the_sequence_with_usage(rig, fake_anthropic):
    client = (await rig(claude=True)).client
    fake_anthropic.reply(FACTS)
    pid = (await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()[
        "prospect_id"
    ]
    fake_anthropic.reply(_claude_sequence(2))
    r = (
        await client.post(
            "/api/content/generate-sequence", json={"prospect_id": pid, "sender": SENDER, "steps": 2}
        )
    ).json()
    assert r["engine"] == "claude" and r["fallback"] is None and r["usage"]["output_tokens"] > 0
    assert r["steps"][0]["body"].startswith("Hi Dana") and r["quality"]["passed"]
    assert fake_anthropic.last.system[0]["cache_control"] == {"type": "ephemeral"}


async def test_an_invented_fact_is_redrafted_once_then_rules_take_over(rig, fake_anthropic):
    client = (await rig(claude=True)).client
    fake_anthropic.reply(FACTS)
    pid = (await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()[
        "prospect_id"
    ]
    fake_anthropic.reply(_claude_sequence(2, invent=True), times=2)
    r = (
        await client.post(
            "/api/content/generate-sequence", json={"prospect_id": pid, "sender": SENDER, "steps": 2}
        )
    ).json()
    assert r["engine"] == "rules" and r["fallback"] == "quality" and r["quality"]["passed"]
    assert "Bellagio" not in str(r["steps"])
    first, redraft = (r.json["messages"][-1]["content"] for r in fake_anthropic.requests[-2:])
    # The writer is told the checker's hard rules up front, in the checker's terms.
    assert "Hard rules" in first and "not 'Nevada'" in first and '"guaranteed"' in first
    assert "raw title" in first and "ungrounded event" in first
    assert "previous draft" not in first
    # A redraft shows Claude its previous draft and what was wrong with it.
    assert "Your previous draft:" in redraft and "We helped Bellagio grow hotel revenue 37%" in redraft
    assert "ungrounded_claim" in redraft and "Bellagio" in redraft.split("It failed these checks")[1]


async def test_an_invented_fact_fixed_on_the_redraft_is_kept(rig, fake_anthropic):
    client = (await rig(claude=True)).client
    fake_anthropic.reply(FACTS)
    pid = (await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()[
        "prospect_id"
    ]
    fake_anthropic.reply(_claude_sequence(1, invent=True))
    fake_anthropic.reply(_claude_sequence(1))
    r = (
        await client.post(
            "/api/content/generate-sequence", json={"prospect_id": pid, "sender": SENDER, "steps": 1}
        )
    ).json()
    assert r["engine"] == "claude" and fake_anthropic.attempts == 3


async def test_a_claude_connection_note_over_300_chars_never_goes_out(rig, fake_anthropic):
    client = (await rig(claude=True)).client
    fake_anthropic.reply(FACTS)
    pid = (await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()[
        "prospect_id"
    ]
    long_note = "Hi Dana, congratulations on the 400-room hotel tower at Silver Peak Casino Resort. " * 5
    fake_anthropic.reply({"body": long_note + "Open to connecting?"}, times=2)
    r = (
        await client.post(
            "/api/content/linkedin-message", json={"prospect_id": pid, "kind": "connection", "sender": SENDER}
        )
    ).json()
    assert r["engine"] == "rules" and r["fallback"] == "quality"
    assert len(r["body"]) <= 300 and r["char_count"] <= 300


async def test_claude_outage_falls_back_for_every_kind_of_content(rig, fake_anthropic):
    client = (await rig(claude=True)).client
    fake_anthropic.fail(529, times=10)
    pid = (await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()[
        "prospect_id"
    ]
    for path, extra in (
        ("generate-sequence", {}),
        ("linkedin-message", {"kind": "follow_up"}),
        ("video-script", {"duration_seconds": 90}),
    ):
        r = await client.post(f"/api/content/{path}", json={"prospect_id": pid, "sender": SENDER, **extra})
        assert r.status_code == 200 and r.json()["engine"] == "rules" and r.json()["fallback"] == "failed"


INVENTED_HOOK = "Caesars partnership lifted revenue 37% in 2025"


def _sequence_repeating(fact: str, steps: int = 1) -> dict[str, Any]:
    draft = _claude_sequence(steps)
    for step in draft["steps"]:
        step["body"] = step["body"].replace("Filling those rooms", f"Your {fact}; filling those rooms")
    return draft


async def _stored_bodies(app) -> str:
    async with app.state.db.session(write=False) as s:
        return " ".join((await s.scalars(select(Message.body))).all())


async def test_an_invented_hook_never_reaches_a_passed_email(rig, fake_anthropic):
    """The issue's case: a made-up hook cited from `company` was kept, became an allowed fact, and an
    email repeating it passed the checker. Now the gate drops it and the checker does not accept it."""
    rg = await rig(claude=True)
    app, client = rg.app, rg.client
    fake_anthropic.reply(
        {
            **FACTS,
            "events": [
                {
                    "field": "company",
                    "quote": "Silver Peak Casino Resort",
                    "lemma": "launch",
                    "object": INVENTED_HOOK,
                    "date_text": None,
                    "tense": "past",
                    "negated": False,
                }
            ],
        }
    )
    pid = (await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()[
        "prospect_id"
    ]
    fake_anthropic.reply(_sequence_repeating(INVENTED_HOOK), times=2)
    r = (
        await client.post(
            "/api/content/generate-sequence", json={"prospect_id": pid, "sender": SENDER, "steps": 1}
        )
    ).json()
    assert r["engine"] == "rules" and r["fallback"] == "quality"
    bodies = await _stored_bodies(app)
    assert bodies and not any(x in bodies for x in ("Caesars", "37%", "2025"))


async def test_a_stored_hook_from_before_the_gate_is_not_a_fact(rig, fake_anthropic):
    """An analysis stored before the gate (a Claude hook without a quote) does not license the claim."""
    rg = await rig(claude=True)
    app, client = rg.app, rg.client
    fake_anthropic.reply(FACTS)
    pid = (await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()[
        "prospect_id"
    ]
    async with app.state.db.session() as s:
        analysis = (await s.scalars(select(Analysis))).one()
        analysis.result = {**analysis.result, "hooks": [{"text": INVENTED_HOOK, "source_field": "company"}]}
    fake_anthropic.reply(_sequence_repeating(INVENTED_HOOK), times=2)
    r = (
        await client.post(
            "/api/content/generate-sequence", json={"prospect_id": pid, "sender": SENDER, "steps": 1}
        )
    ).json()
    assert r["engine"] == "rules" and r["fallback"] == "quality"
    bodies = await _stored_bodies(app)
    assert bodies and not any(x in bodies for x in ("Caesars", "37%", "2025"))


async def test_a_gated_claude_hook_is_a_fact_the_writer_may_use(rig, fake_anthropic):
    client = (await rig(claude=True)).client
    fake_anthropic.reply(FACTS)  # among them: "Hiring a Player Development Manager", cited from signals
    pid = (await client.post("/api/prospects/analyze", json={"industry": "casino", "prospect": DANA})).json()[
        "prospect_id"
    ]
    fake_anthropic.reply(_sequence_repeating("hiring of a Player Development Manager"))
    r = (
        await client.post(
            "/api/content/generate-sequence", json={"prospect_id": pid, "sender": SENDER, "steps": 1}
        )
    ).json()
    assert r["engine"] == "claude" and "Player Development Manager" in r["steps"][0]["body"]
