"""The rules engine's outreach content and the quality checker shared by both engines.

Pure functions, so plain sync tests: no database, no app. Each test reads the output the way a
salesperson would before pressing send.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import industry_agents
from copywriter import (
    CONNECTION_MAX,
    FOLLOW_UP_MAX,
    INMAIL_BODY_MAX,
    INMAIL_SUBJECT_MAX,
    LinkedInMessage,
    QualityReport,
    Sender,
    Sequence,
    VideoScript,
    check_quality,
    generate_linkedin_rules,
    generate_sequence_rules,
    generate_video_script_rules,
)
from intelligence.scoring import analyze_rules
from schemas import ICP, AgentProfile, AnalysisResult, Objection, Persona, ProspectData
from tests.support.people import DANA_RULES as DANA

ROOT = Path(__file__).resolve().parents[1]

SENDER = {
    "name": "Sam Lee",
    "title": "Partner",
    "company": "Tune Outbound",
    "offer": "player reactivation campaigns",
}

# Leftovers a template engine must never ship.
BAD_OUTPUT = re.compile(r"\{|\}|\[[A-Za-z ]+\]|<[a-z_ ]+>|\bNone\b|\bnull\b|\bundefined\b|lorem ipsum", re.I)


def small_profile() -> AgentProfile:
    """A compact, self-contained profile, so these tests do not depend on the built-in knowledge."""
    return AgentProfile(
        industry="vet_clinic",
        name="Veterinary Clinics",
        description="Independent and group-owned veterinary clinics and animal hospitals.",
        icp=ICP(company_types=["veterinary clinic", "animal hospital"], signal_keywords=["opening", "hiring"]),
        personas=[
            Persona(
                name="Practice Owner",
                titles=["owner", "practice owner", "medical director"],
                seniority="c_level",
                priorities=["keeping appointment books full", "retaining good associate vets"],
                pains=[
                    "Lapsed clients skip annual wellness visits",
                    "Front desk staff spend hours on reminder calls",
                ],
            ),
            Persona(
                name="Practice Manager",
                titles=["practice manager", "office manager"],
                seniority="manager",
                is_decision_maker=False,
                priorities=["smooth scheduling"],
                pains=["No-shows leave gaps in the day"],
            ),
        ],
        pain_points=["New clinics nearby compete on price for routine care", "Reminder postcards get ignored"],
        value_propositions=[
            "Bring lapsed clients back for wellness visits",
            "Fill open appointment slots with existing clients",
            "Free the front desk from reminder calls",
        ],
        proof_angles=["rebooked wellness visits per month", "no-show rate before and after"],
        tone="Warm, practical and friendly; talk like a practice manager, not a marketer.",
        vocabulary=["wellness plan", "compliance", "client bonding"],
        objections=[
            Objection(
                objection="We already send reminder postcards.",
                response="Keep them; we reach the clients postcards miss and report rebookings.",
            )
        ],
    )


def casino() -> AgentProfile:
    profile = industry_agents.get_builtin("casino")
    assert profile is not None
    return profile


def builtin_slugs() -> list[str]:
    return [slug for slug, _ in industry_agents.list_builtin()]


def prospect(**fields: object) -> ProspectData:
    return ProspectData.model_validate({**DANA, **fields})


def sender(**fields: object) -> Sender:
    return Sender.model_validate({**SENDER, **fields})


def analysis(profile: AgentProfile, who: ProspectData) -> AnalysisResult:
    """The rules engine's analysis of `who`."""
    return analyze_rules(profile, who)


def texts_of(item: Sequence | LinkedInMessage | VideoScript) -> list[str]:
    """Every piece of text a recipient could see."""
    if isinstance(item, Sequence):
        return [t for s in item.steps for t in (s.body, s.cta, *s.subject_variants)]
    if isinstance(item, LinkedInMessage):
        return [item.body, item.subject or ""]
    return [t for sc in item.scenes for t in (sc.narration, sc.visual)]


def assert_sendable(item: Sequence | LinkedInMessage | VideoScript) -> None:
    reports: list[QualityReport] = [s.quality for s in item.steps] if isinstance(item, Sequence) else []
    reports.append(item.quality)
    for report in reports:
        assert report.passed, report.issues
    for text in texts_of(item):
        assert not BAD_OUTPUT.search(text), text


# --- email sequences --------------------------------------------------------------------------


def test_casino_sequence_is_personal_grounded_and_passes_quality() -> None:
    profile, dana = casino(), prospect()
    seq = generate_sequence_rules(profile, dana, analysis(profile, dana), sender(), steps=4)

    assert [s.purpose for s in seq.steps] == ["opener", "value", "proof", "breakup"]
    assert [s.day_offset for s in seq.steps] == [0, 3, 7, 12]
    opener = seq.steps[0]
    assert opener.body.startswith("Hi Dana,")
    assert "Silver Peak" in opener.body and "hotel tower" in opener.body
    assert 50 <= len(opener.body.split()) <= 150
    assert {h.source_field for h in opener.personalisation} >= {"first_name", "company", "signals"}
    for step in seq.steps:
        assert len(step.subject_variants) == 2
        assert len({s.casefold() for s in step.subject_variants}) == 2, step.subject_variants
        assert all(len(s) <= 60 and s != s.upper() for s in step.subject_variants)
        assert "Sam Lee" in step.body and "Tune Outbound" in step.body
        assert step.cta and step.cta in step.body and "?" in step.cta
        assert step.quality.passed and step.quality.score >= 80, step.quality.issues
    assert len(seq.steps[-1].body.split()) < len(opener.body.split()) + 10
    assert seq.quality.passed and seq.quality.score == min(s.quality.score for s in seq.steps)
    assert_sendable(seq)


def test_proof_never_invents_numbers_or_customers() -> None:
    profile, dana = casino(), prospect()
    seq = generate_sequence_rules(profile, dana, analysis(profile, dana), sender(), steps=7)
    proof = next(s for s in seq.steps if s.purpose == "proof")
    assert not re.search(r"\d", proof.body), proof.body
    assert any(h.source_field == "proof_angles" for h in proof.personalisation)
    assert not any(i.code == "ungrounded_claim" for s in seq.steps for i in s.quality.issues)


def test_two_people_at_one_company_get_different_openers() -> None:
    profile = small_profile()
    common = {
        "company": "Maple Grove Animal Hospital",
        "title": "Practice Owner",
        "signals": ["Opening a second clinic"],
    }
    first = ProspectData(email="ana@maplegrovevet.com", first_name="Ana", **common)
    second = ProspectData(email="ben@maplegrovevet.com", first_name="Ben", **common)
    bodies = [
        generate_sequence_rules(profile, p, analysis(profile, p), sender(), steps=1).steps[0].body
        for p in (first, second)
    ]
    assert bodies[0] != bodies[1]
    # Even with no name to tell them apart, the phrasing differs (it is seeded by the email).
    no_names = [p.model_copy(update={"first_name": None}) for p in (first, second)]
    bodies = [
        generate_sequence_rules(profile, p, analysis(profile, p), sender(), steps=1).steps[0].body
        for p in no_names
    ]
    assert bodies[0] != bodies[1]


def test_same_inputs_same_output_in_one_process() -> None:
    profile, dana = small_profile(), prospect()
    a = generate_sequence_rules(profile, dana, analysis(profile, dana), sender(), steps=5, subject_variants=3)
    b = generate_sequence_rules(profile, dana, analysis(profile, dana), sender(), steps=5, subject_variants=3)
    assert a.model_dump() == b.model_dump()


def test_same_inputs_same_output_across_processes() -> None:
    """Variant choice must not depend on Python's per-process string hash."""
    script = (
        "import json, sys\n"
        "sys.path.insert(0, '.')\n"
        "from tests.test_rules_content import small_profile, prospect, sender, analysis\n"
        "from copywriter import generate_sequence_rules, generate_video_script_rules\n"
        "p, d = small_profile(), prospect()\n"
        "seq = generate_sequence_rules(p, d, analysis(p, d), sender(), steps=7, subject_variants=3)\n"
        "video = generate_video_script_rules(p, d, analysis(p, d), sender(), duration_seconds=90)\n"
        "print(json.dumps([seq.model_dump(), video.model_dump()], sort_keys=True))\n"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        outputs.append(json.loads(run.stdout))
    assert outputs[0] == outputs[1]


def test_one_step_and_seven_steps() -> None:
    profile, dana = small_profile(), prospect()
    one = generate_sequence_rules(profile, dana, analysis(profile, dana), sender(), steps=1)
    assert [(s.step, s.day_offset, s.purpose) for s in one.steps] == [(1, 0, "opener")]
    seven = generate_sequence_rules(profile, dana, analysis(profile, dana), sender(), steps=7, subject_variants=5)
    assert [s.day_offset for s in seven.steps] == [0, 3, 7, 12, 18, 25, 33]
    assert seven.steps[0].purpose == "opener" and seven.steps[-1].purpose == "breakup"
    assert len({s.body for s in seven.steps}) == 7
    for step in seven.steps:
        assert len(step.subject_variants) == 5
        assert len({s.casefold() for s in step.subject_variants}) == 5
        assert all(len(s) <= 60 for s in step.subject_variants)
    bump = next(s for s in seven.steps if s.purpose == "bump")
    assert len(bump.body.split()) < len(seven.steps[0].body.split())
    assert_sendable(one)
    assert_sendable(seven)


@pytest.mark.parametrize("steps", [3, 5])
def test_last_step_is_the_breakup_from_three_steps(steps: int) -> None:
    profile, dana = small_profile(), prospect()
    seq = generate_sequence_rules(profile, dana, analysis(profile, dana), sender(), steps=steps)
    assert seq.steps[-1].purpose == "breakup"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"steps": 0}, "steps"), ({"steps": 8}, "steps"), ({"subject_variants": 6}, "subject_variants")],
)
def test_out_of_range_arguments_are_refused(kwargs: dict[str, int], message: str) -> None:
    profile, dana = small_profile(), prospect()
    with pytest.raises(ValueError, match=message):
        generate_sequence_rules(profile, dana, analysis(profile, dana), sender(), **kwargs)


def test_missing_and_junk_fields_degrade_gracefully() -> None:
    profile = small_profile()
    bare = ProspectData(email="someone@northwind-example.com")
    junk = ProspectData(
        email="x@acme-example.com", first_name="None", company="null", title="{{title}}", signals=["", "N/A"]
    )
    for who in (bare, junk):
        seq = generate_sequence_rules(profile, who, analysis(profile, who), sender(), steps=4)
        assert seq.steps[0].body.startswith(("Hi there,", "Hey there,"))  # the profile's tone is friendly
        assert 50 <= len(seq.steps[0].body.split()) <= 150
        assert_sendable(seq)


def test_company_greeting_and_tone() -> None:
    profile = small_profile()
    who = ProspectData(email="info@maplegrovevet.com", company="Maple Grove Vets")
    body = generate_sequence_rules(profile, who, analysis(profile, who), sender(), steps=1).steps[0].body
    assert body.startswith(("Hey Maple Grove Vets team,", "Hi Maple Grove Vets team,"))
    dana = prospect()
    formal = generate_sequence_rules(profile, dana, analysis(profile, dana), sender(), steps=1, tone="formal")
    assert formal.steps[0].body.startswith("Hello Dana,")


def test_calendar_link_is_offered_in_follow_ups() -> None:
    profile, dana = small_profile(), prospect()
    link = "https://cal.example.com/sam-lee/intro"
    seq = generate_sequence_rules(profile, dana, analysis(profile, dana), sender(calendar_link=link), steps=4)
    assert link not in seq.steps[0].body  # no links in a first cold email
    assert link in seq.steps[1].body and link in seq.steps[1].cta
    assert_sendable(seq)


# --- LinkedIn ---------------------------------------------------------------------------------


def absurd_prospect() -> ProspectData:
    return ProspectData(
        email="a@b-example.com",
        first_name="Bartholomew-Maximilian" * 4,
        last_name="Q" * 100,
        title="Senior Executive Vice President of Global Player Development " * 3,
        company="The Extraordinarily Long Name Casino Hotel Resort and Entertainment Complex " * 2,
        signals=["Opening a " + "very large and spectacular " * 17 + "hotel tower", "Hiring " + "x" * 490],
    )


@pytest.mark.parametrize(
    "who", [prospect(), absurd_prospect(), ProspectData(email="z@example.org")], ids=["dana", "absurd", "bare"]
)
def test_linkedin_limits_are_enforced(who: ProspectData) -> None:
    profile = small_profile()
    long_sender = sender(name="Alexandria " + "Montgomery-" * 8, offer="outbound campaigns " * 15)
    for s in (sender(), long_sender):
        result = analysis(profile, who)
        note = generate_linkedin_rules(profile, who, result, s, kind="connection")
        assert note.char_count == len(note.body) <= CONNECTION_MAX
        follow = generate_linkedin_rules(profile, who, result, s, kind="follow_up")
        assert len(follow.body) <= FOLLOW_UP_MAX
        inmail = generate_linkedin_rules(profile, who, result, s, kind="inmail")
        assert inmail.subject and len(inmail.subject) <= INMAIL_SUBJECT_MAX
        assert len(inmail.body) <= INMAIL_BODY_MAX
        for message in (note, follow, inmail):
            assert not any(i.code == "too_long" for i in message.quality.issues)
            assert_sendable(message)
        assert note.subject is None and follow.subject is None


def test_casino_connection_note_is_personal() -> None:
    profile, dana = casino(), prospect()
    note = generate_linkedin_rules(profile, dana, analysis(profile, dana), sender(), kind="connection")
    assert note.body.startswith("Hi Dana,") and "Silver Peak" in note.body
    assert note.char_count <= 300
    assert {h.source_field for h in note.personalisation} >= {"first_name", "company"}


# --- video ------------------------------------------------------------------------------------


@pytest.mark.parametrize("duration", [30, 60, 90, 180])
@pytest.mark.parametrize("who", [prospect(), ProspectData(email="z@example.org")], ids=["dana", "bare"])
def test_video_script_fits_its_duration(duration: int, who: ProspectData) -> None:
    profile = small_profile()
    script = generate_video_script_rules(profile, who, analysis(profile, who), sender(), duration_seconds=duration)
    assert script.duration_seconds == duration
    assert 4 <= len(script.scenes) <= 7
    assert abs(script.estimated_seconds - duration) <= 0.1 * duration, script.estimated_seconds
    assert script.word_count == sum(len(sc.narration.split()) for sc in script.scenes)
    assert script.scenes[0].start_s == 0 and script.scenes[-1].end_s == duration
    for before, after in zip(script.scenes, script.scenes[1:], strict=False):
        assert before.end_s == after.start_s
    assert all(sc.start_s < sc.end_s and sc.visual and sc.narration for sc in script.scenes)
    narration = " ".join(sc.narration for sc in script.scenes)
    if who.first_name:
        assert "Dana" in narration
    assert len(set(re.split(r"(?<=[.?!])\s+", narration))) == len(re.split(r"(?<=[.?!])\s+", narration))
    assert_sendable(script)


def test_casino_video_shows_their_website_and_the_calendar() -> None:
    profile, dana = casino(), prospect()
    link = "https://cal.example.com/sam"
    script = generate_video_script_rules(
        profile, dana, analysis(profile, dana), sender(calendar_link=link), duration_seconds=90
    )
    visuals = " ".join(sc.visual for sc in script.scenes)
    assert "silverpeakcasino.com" in visuals and link in script.scenes[-1].visual
    assert "Sam Lee on camera" in visuals and "chart" in visuals
    assert "hotel tower" in " ".join(sc.narration for sc in script.scenes)
    assert_sendable(script)


@pytest.mark.parametrize("duration", [29, 181])
def test_video_duration_out_of_range_is_refused(duration: int) -> None:
    profile, dana = small_profile(), prospect()
    with pytest.raises(ValueError, match="duration_seconds"):
        generate_video_script_rules(profile, dana, analysis(profile, dana), sender(), duration_seconds=duration)


# --- the quality checker ----------------------------------------------------------------------

GOOD_BODY = (
    "Hi Dana,\n\nI saw that Silver Peak Casino Resort is opening a 400-room hotel tower in Q2 2027. A lot of "
    "new rooms will need guests midweek, and lapsed clients are the cheapest to bring back. Tune Outbound runs "
    "player reactivation campaigns, and the fair test is rebooked wellness visits per month. "
    "Would it be worth a short call next week to see whether this could work for Silver Peak?\n\n"
    "Best,\nSam Lee\nPartner, Tune Outbound"
)


def check(
    body: str, subject: str | None = "the Q2 2027 tower", channel: str = "email", **kwargs: object
) -> QualityReport:
    return check_quality(
        channel=channel,
        body=body,
        subject=subject,
        step=1,
        profile=small_profile(),
        prospect=prospect(),
        sender=sender(),
        **kwargs,
    )  # type: ignore[arg-type]


def codes(report: QualityReport) -> dict[str, str]:
    return {i.code: i.severity for i in report.issues}


def test_a_good_message_passes_cleanly() -> None:
    report = check(GOOD_BODY)
    assert report.passed and report.issues == [] and report.score == 100
    assert report.metrics["personalisation_count"] >= 3
    assert 50 <= report.metrics["word_count"] <= 150


def test_invented_facts_are_hard_failures() -> None:
    body = GOOD_BODY.replace("A lot of", "Last year we helped Bellagio grow revenue 37%. A lot of")
    report = check(body)
    assert not report.passed and codes(report)["ungrounded_claim"] == "hard"
    detail = next(i.detail for i in report.issues if i.code == "ungrounded_claim")
    assert "Bellagio" in detail and "37%" in detail
    assert not check(GOOD_BODY.replace("A lot of", "We work with MGM. A lot of")).passed
    assert not check(GOOD_BODY.replace("A lot of", "It cut costs by $2.5M. A lot of")).passed


def test_facts_from_the_inputs_are_grounded() -> None:
    # The prospect's revenue, the sender's company, an allowed fact and a scheduling ask are not claims.
    claims = (
        "At $180M in revenue and a team of 1,200, with Acme Labs as a reference and a 15-minute call, a lot of"
    )
    body = GOOD_BODY.replace("A lot of", claims)
    assert "ungrounded_claim" in codes(check(body))
    report = check(body, allowed_facts=["Acme Labs is a reference customer"])
    assert "ungrounded_claim" not in codes(report), report.issues


def test_spam_words_are_caught_but_industry_terms_are_not() -> None:
    report = check(GOOD_BODY.replace("Would it", "Act now, this is a free offer. Would it"))
    assert codes(report)["spam_words"] == "soft" and report.score < 100
    assert set(report.metrics["spam_words"]) >= {"act now", "free"}  # type: ignore[arg-type]
    worse = check(GOOD_BODY.replace("Would it", "URGENT: click here for a guaranteed, risk-free win! Would"))
    assert codes(worse)["spam_words"] == "hard" and not worse.passed
    # "free play" is casino vocabulary, not a pitch.
    profile = casino()
    body = GOOD_BODY.replace("A lot of", "Free play adds up. A lot of")
    clean_casino = check_quality(
        channel="email",
        body=body,
        subject="quick question",
        step=1,
        profile=profile,
        prospect=prospect(),
        sender=sender(),
        allowed_facts=["reminder postcards get ignored", "wellness visits"],
    )
    assert "spam_words" not in codes(clean_casino)


@pytest.mark.parametrize(
    "leftover",
    [
        "{{first_name}}",
        "{company}",
        "[First Name]",
        "[Company]",
        "<name>",
        "None",
        "null",
        "FIRST_NAME",
        "Lorem ipsum",
    ],
)
def test_placeholders_are_hard_failures(leftover: str) -> None:
    report = check(GOOD_BODY.replace("Dana,", f"{leftover},", 1))
    assert codes(report).get("placeholder") == "hard" and not report.passed


def test_missing_cta_and_bad_subjects() -> None:
    ask = "Would it be worth a short call next week to see whether this could work for Silver Peak?"
    no_ask = GOOD_BODY.replace(ask, "Silver Peak is a good fit.")
    report = check(no_ask)
    assert codes(report)["no_cta"] == "hard" and not report.passed
    shouting = check(GOOD_BODY, subject="QUICK QUESTION ABOUT THE HOTEL TOWER")
    assert codes(shouting)["subject_caps"] == "soft" and shouting.passed
    long_subject = check(GOOD_BODY, subject="a question about the hotel tower and all the other plans there")
    assert codes(long_subject)["subject_too_long"] == "soft"


def test_length_links_and_channel_limits() -> None:
    assert codes(check("Hi Dana, quick question about Silver Peak?"))["too_short"] == "soft"
    too_long = check(GOOD_BODY + " More words here." * 60)
    assert codes(too_long)["too_long"] == "hard"
    links = check(GOOD_BODY + "\nhttps://a.example.com https://b.example.com")
    assert codes(links)["too_many_links"] == "soft"
    note = check(
        "Hi Dana, " + "the hotel tower at Silver Peak looks great. " * 8 + "Open to connecting?",
        subject=None,
        channel="linkedin_connection",
    )
    assert codes(note)["too_long"] == "hard"
    assert codes(check(GOOD_BODY, subject=None, channel="inmail"))["missing_subject"] == "hard"
    with pytest.raises(ValueError):
        check(GOOD_BODY, channel="fax")


# --- every built-in industry ------------------------------------------------------------------


def industry_prospects(profile: AgentProfile) -> list[ProspectData]:
    """A well-described prospect in the industry's own words, and one with nothing but an email."""
    persona = profile.personas[0] if profile.personas else None
    rich = ProspectData(
        email=f"jordan.kim@{profile.industry.replace('_', '')}-example.com",
        first_name="Jordan",
        last_name="Kim",
        title=persona.titles[0].title() if persona and persona.titles else "Head of Growth",
        company="Northwind Group",
        industry=profile.name,
        location="Denver, CO",
        signals=[s[:1].upper() + s[1:] for s in profile.icp.signals[:2]],
    )
    return [rich, ProspectData(email=f"ops@{profile.industry.replace('_', '')}-example.org")]


@pytest.mark.parametrize("slug", [*builtin_slugs(), "generic:pet grooming"])
def test_every_builtin_industry_writes_sendable_content(slug: str) -> None:
    if slug.startswith("generic:"):  # an industry with no built-in knowledge gets an adapted profile
        profile = industry_agents.generic_profile(slug[8:], "Mobile grooming vans for dog owners", "bookings")
    else:
        profile = industry_agents.get_builtin(slug)
    assert profile is not None
    for who in industry_prospects(profile):
        result = analysis(profile, who)
        seq = generate_sequence_rules(profile, who, result, sender(), steps=7, subject_variants=3)
        assert 50 <= len(seq.steps[0].body.split()) <= 150
        assert_sendable(seq)
        for kind in ("connection", "follow_up", "inmail"):
            assert_sendable(generate_linkedin_rules(profile, who, result, sender(), kind=kind))  # type: ignore[arg-type]
        for duration in (30, 180):
            script = generate_video_script_rules(profile, who, result, sender(), duration_seconds=duration)
            assert abs(script.estimated_seconds - duration) <= 0.1 * duration
            assert_sendable(script)


DIRECTSTAY = {
    "company": "DirectStay Digital",
    "offer": "direct-booking campaigns (metasearch, paid search and email to past guests) that "
    "shift room nights away from OTAs",
}


def test_step_one_leads_with_a_notes_fact_as_a_sentence_and_its_consequence() -> None:
    """A notes fact written as shorthand reads as a sentence, the "so what" is what such a fact means for this
    kind of work (no arithmetic on the figure), the sender line is one plain sentence, and no filler is added."""
    profile = industry_agents.get_builtin("hotel")
    assert profile is not None
    who = ProspectData(
        email="p.devries@grachten-example.nl",
        first_name="Pieter",
        title="Commercial Director",
        company="Grachten Hotels",
        industry="Hospitality",
        employee_count=300,
        notes="Four canal-side boutique hotels; OTA share around 55% and rising since 2024, "
        "board wants it under 40%.",
    )
    step = generate_sequence_rules(profile, who, analysis(profile, who), sender(**DIRECTSTAY), steps=4).steps[0]
    body = step.body
    assert "OTA share is around 55% and has been rising since 2024, and the board wants it under 40%." in body
    assert "55%" in step.subject_variants[0]
    # the sender line says how the work runs for them (its wording varies by reader), not a number we are judged on
    line = next(p for p in body.split("\n\n") if "DirectStay Digital" in p)
    assert "past guests" in line and "direct" in line and "judged" not in line and "measure" not in line
    assert "(" not in body and "teams like yours" not in body
    for filler in (
        "roughly half",
        "say so",
        "one-word reply",
        "small first test",
        "compare notes",
        "I'm writing because",
    ):
        assert filler not in body
    assert step.quality.passed and not any(i.code == "needs_research" for i in step.quality.issues)


def test_step_one_without_a_fact_is_general_and_flagged_needs_research() -> None:
    profile = industry_agents.get_builtin("hotel")
    assert profile is not None
    who = ProspectData(
        email="jgarcia@calamarina-example.es",
        first_name="Javier",
        title="Director of Sales",
        company="Hotel Cala Marina",
        industry="Hospitality",
        employee_count=130,
    )
    step = generate_sequence_rules(profile, who, analysis(profile, who), sender(**DIRECTSTAY), steps=4).steps[0]
    assert step.quality.passed
    flags = [i for i in step.quality.issues if i.code == "needs_research"]
    assert flags and flags[0].severity == "soft" and step.quality.score < 100
    for template in ("I'm writing because", "you're probably the person", "I'll keep this short", "one idea for"):
        assert template not in step.body and template not in step.subject_variants[0]
    assert step.body.count("Hotel Cala Marina") <= 1  # no claim about the prospect beyond its name in the ask
