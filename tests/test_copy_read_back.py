"""Step 1 says a record's own words back the way a rep would (cases in our own wording, not golden rows).

Each case is a fault practitioners marked in blind reads of the rules engine's step-1 emails: a figure's
predicate pasted into the subject and the question ("about the 2,300 patients are overdue?"), the
prospect's "them" kept in what they told us ("cost them about $2.1M"), a discovery-call note said as if
found, record shorthand ("YoY", "DoorDash/Uber Eats"), a project written as a bare noun left out, a lower-cased
acronym ("ci managers"), a second fact tacked on with no "so what", a group told "the hotel pays".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import inflect

import industry_agents
from copywriter import generate_sequence_rules
from copywriter.facts import short_company
from copywriter.models import Sender
from copywriter.planner import _weekday_checked
from copywriter.quality import check_quality
from intelligence.scoring import analyze_rules
from schemas import ProspectData
from tests.test_copy_golden import _step_one, sender_for

_INFLECT = inflect.engine()


def _INFLECT_ORDINAL(n: int) -> str:
    return str(_INFLECT.ordinal(str(n)))


def _days_ago(days: int) -> str:
    """An enrichment stamp `days` before today ("2026-10-12"), so a dated signal stays recent news."""
    return (date.today() - timedelta(days=days)).isoformat()


def _first(body: str) -> str:
    return body.split("\n\n")[1]


def _question(body: str) -> str:
    """The step-1 question, its frame said one way ("Open to a 15-minute call to ...?" and "Could we find 15
    minutes to ...?" read as "Worth 15 minutes to ...?"; the frames are tested on their own)."""
    asked = next(line for line in body.split("\n\n") if line.rstrip().endswith("?"))
    return re.sub(
        r"^(?:Open to a 15-minute call|Could we find 15 minutes) (?=to |on |before |while |for )",
        "Worth 15 minutes ",
        asked,
    )


def _promised(body: str) -> str:
    """The sentence that says what we owe them, in one of its two wordings, as "I'll have X over to you WHEN."."""
    said = next(m.group(0) for m in re.finditer(r"I'll (?:have|send) [^.?]+\.", body))
    return re.sub(r"^I'll send (.+?) over\b", r"I'll have \1 over to you", said)


def _go_through(them: str, *, dated: bool = False) -> set[str]:
    """The question after what we owe them, when the notes set no follow-up day and no meeting; when we owe it by a
    date, never a call "next week" before it exists (a tuning reader of holdout19)."""
    if dated:
        held = "it's" if them == "it" else "they're"
        return {f"Could we find 20 minutes once {held} with you to go through {them}?"}
    return {
        f"Would a short call next week to go through {them} work?",
        f"Shall we find 20 minutes next week to go through {them}?",
    }


def test_a_figure_with_its_predicate_is_a_noun_phrase_in_the_subject_and_question() -> None:
    subject, body = _step_one(
        "healthcare_clinic",
        title="COO",
        company="Granite Peak Physical Therapy",
        employee_count=160,
        notes="Said ~1,800 patients are overdue for a follow-up visit and nobody has time to call them.",
    )
    assert subject == "1,800 overdue patients", subject
    assert " are overdue?" not in body and "1,800 patients are overdue?" not in body, body
    assert "1,800" in _first(body), body


def test_what_they_told_us_costs_them_is_said_to_them_as_you() -> None:
    subject, body = _step_one(
        "restaurant",
        title="Director of Off-Premise",
        company="Slice Theory Pizza",
        employee_count=900,
        notes="Told us Grubhub/DoorDash fees cost them ~$900K a year.",
    )
    first = _first(body)
    assert first.startswith("You mentioned that"), first
    assert "cost you about $900K" in first and "them" not in first.split(".")[0], first
    assert "Grubhub and DoorDash" in first and "/" not in first, first
    assert subject == "$900K in fees", subject


def test_a_discovery_call_note_is_what_they_mentioned_and_shorthand_is_spelled_out() -> None:
    subject, body = _step_one(
        "casino",
        title="VP Player Development",
        company="Mesa Verde Racino",
        employee_count=700,
        notes="On intro call: trips from lapsed Platinum-tier rated players down 22% YoY.",
    )
    first = _first(body)
    assert first.startswith("You mentioned that"), first
    assert "year over year" in first and "YoY" not in body, first
    assert subject == "trips down 22%", subject  # the measure that fell, not a shorter noun that misstates it
    # the question asks about what the offer changes; the figure said in the opening is not echoed back as a topic
    # ("a call about the 22% drop in trips?" read as note-speak to blind readers)
    question = _question(body)
    assert "22%" not in question and "lapsed rated players" in question, question


def test_a_project_written_as_a_noun_is_said_with_its_verb() -> None:
    subject, body = _step_one(
        "manufacturing",
        title="Operations Director",
        company="Keystone Gearworks",
        employee_count=450,
        signals=["MES implementation across 2 plants"],
    )
    first = _first(body)
    assert re.match(
        r"(?:I saw that )?(?:You're|Keystone Gearworks is) implementing MES across 2 plants\.", first
    ), first
    assert subject == "your MES implementation", subject
    assert not first.startswith("Most "), first


def test_an_acronym_in_the_readers_role_keeps_its_capitals() -> None:
    _, body = _step_one("manufacturing", title="QA Manager", company="Bramley Castings", employee_count=220)
    assert not re.search(r"\bqa managers?\b", body), body


def test_a_second_fact_never_stands_alone_without_its_so_what() -> None:
    """A dated second fact is said with its own "so what" or joined to the first, never as a bare
    "You're also ..." line with nothing after it."""
    _, body = _step_one(
        "healthcare_clinic",
        title="Practice Administrator",
        company="Seaside Smiles Dental Group",
        employee_count=120,
        signals=["No-show rate 12%", "Opening a 6th office in Oceanside in May"],
    )
    sentences = re.split(r"(?<=[.?!])\s+", _first(body))
    for i, sentence in enumerate(sentences):
        if sentence.startswith("You're also"):
            assert i + 1 < len(sentences), body  # something follows it in the paragraph: its "so what"


def test_a_hotel_group_is_not_told_the_hotel_pays() -> None:
    _, body = _step_one(
        "hotel",
        title="Director of Distribution",
        company="Tidewater Hotels",
        employee_count=400,
        signals=["OTA share ~48% of room nights across the four hotels"],
    )
    assert "The hotel pays" not in body, body
    assert "48%" in _first(body), body


def test_the_rest_via_a_name_is_said_as_a_clause() -> None:
    _, body = _step_one(
        "restaurant",
        title="Head of Digital",
        company="Noodle Yard",
        employee_count=300,
        notes="Own website takes about 15% of online orders, the rest via Uber Eats.",
    )
    first = _first(body)
    assert "and Uber Eats takes the rest" in first and "the rest via" not in first, first


def test_a_follow_up_never_repeats_a_fact_step_one_already_said() -> None:
    """Step 1 may say two facts (the lead and a dated one); step 2 then brings something else, never the same
    fact and its "so what" a second time."""

    profile = industry_agents.get_builtin("casino")
    assert profile is not None
    who = ProspectData.model_validate(
        {
            "email": "jo@example-co.com",
            "first_name": "Jo",
            "title": "VP Marketing",
            "company": "Pine Bluff Casino",
            "employee_count": 900,
            "signals": ["Moving the player database to a new casino management system in Q3"],
            "notes": "Told us at G2E that about 30% of their rated players haven't visited in a year.",
        }
    )
    seq = generate_sequence_rules(profile, who, analyze_rules(profile, who), sender_for("casino"), steps=4)
    one, two = seq.steps[0].body, seq.steps[1].body
    assert "30%" in one and "Q3" in one, one
    inner = two.split("\n\n")[1:-2]
    for sentence in (s for p in inner for s in re.split(r"(?<=[.?!])\s+", p)):
        assert sentence not in one, (sentence, one, two)
    assert "casino management system" not in two and "30%" not in two, two


def test_news_of_theirs_is_asked_about_what_we_would_do_around_it() -> None:
    """The question on a new office asks what we would do for it (the industry's outcome question, of the office),
    not for "a call about the office"; "while the Phoenix office is new" read as clumsy to later readers."""
    _, body = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Ashby Lind LLP",
        employee_count=140,
        signals=["Opened a Phoenix office in September"],
    )
    question = _question(body)
    assert "Phoenix office" in question and "about the Phoenix office" not in question, question
    assert (
        question
        == "Worth 15 minutes to pick the first prospective clients the Phoenix office would want meetings with?"
    )


def test_a_figure_of_theirs_is_never_something_we_saw() -> None:
    for seed in ("amy", "bo", "cy", "di", "ed", "flo"):
        profile_kw = {
            "title": "Director of Distribution",
            "company": "Quayside Hotels",
            "employee_count": 300,
            "signals": ["OTA share ~52% of room nights"],
            "email": f"{seed}@quayside-hotels.com",
        }

        profile = industry_agents.get_builtin("hotel")
        assert profile is not None
        who = ProspectData.model_validate({"first_name": "Sam", **profile_kw})
        seq = generate_sequence_rules(profile, who, analyze_rules(profile, who), sender_for("hotel"), steps=4)
        first = _first(seq.steps[0].body)
        assert "52%" in first and "I saw that" not in first, first


def test_a_switch_next_quarter_dates_the_question() -> None:
    _, body = _step_one(
        "restaurant",
        title="Director of Digital",
        company="Ember Oven Pizza",
        employee_count=700,
        notes="Told us Uber Eats commissions cost them ~$1.4M a year; moving POS to Square next quarter.",
    )
    assert _question(body).endswith("before the switch next quarter to plan what we'd run first?"), body
    assert "Square next quarter" in _first(body), body


def test_a_so_what_that_points_back_at_a_figure_never_follows_a_date() -> None:
    """ "Many of those app orders ..." after "Your Deliveroo contract ends in June." has nothing to point at."""
    _, body = _step_one(
        "restaurant",
        title="Head of Digital",
        company="Saffron Lane",
        employee_count=400,
        signals=["Tendering for a new online ordering platform", "Deliveroo exclusivity contract ends in June"],
    )
    sentences = re.split(r"(?<=[.?!])\s+", _first(body))
    for i, sentence in enumerate(sentences[1:], 1):
        if re.search(r"\b(?:those|these)\b", sentence):
            assert not re.search(r"\bends in June\.$", sentences[i - 1]), body


def test_people_who_joined_are_a_hire_said_back_with_its_own_question() -> None:
    """ "Two lateral partners joined" is news (the firm hired them), not "while you're hiring"."""
    subject, body = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Dorsey Vale LLP",
        employee_count=110,
        signals=["Two lateral tax partners joined"],
    )
    first, question = _first(body), _question(body)
    assert "hired two lateral tax partners" in first, first
    assert subject == "two lateral tax partners", subject
    assert "while you're hiring" not in question and "two lateral tax partners" in question, question


def test_the_records_its_is_the_company_and_a_place_keeps_its_capital() -> None:
    subject, body = _step_one(
        "healthcare_clinic",
        title="Practice Administrator",
        company="Birchwood Sports Rehab",
        employee_count=80,
        notes="Its Tucson clinic was acquired by Canyon Outpatient Group in May.",
    )
    first = _first(body)
    assert "Its" not in first and "Birchwood's Its" not in first, first
    assert "Tucson clinic" in first, first
    assert "Tucson" in subject and "tucson" not in subject, subject


def test_next_years_budget_times_the_question() -> None:
    _, body = _step_one(
        "hotel",
        title="Director of Revenue",
        company="Brightwater Hotels",
        employee_count=350,
        signals=["OTA share ~49% of room nights", "Wants to grow direct bookings in 2028 budget"],
    )
    assert _question(body) in (
        "Worth 15 minutes before the 2028 budget is set?",
        "Want me to send a short note before the 2028 budget is set?",
    ), body


def test_news_takes_the_offers_figure_along() -> None:
    """A launch leads, and the figure the offer is about is not dropped: "..., with its third-party delivery
    at about 41% of sales." """
    _, body = _step_one(
        "restaurant",
        title="VP Marketing",
        company="Salsa Verde Cantina",
        employee_count=900,
        signals=["Launching a new ordering app in Q3", "Third-party delivery ~41% of sales"],
    )
    first = _first(body)
    assert "launching a new ordering app in Q3" in first and "about 41% of sales" in first, first


def test_the_vague_what_that_could_look_like_question_gives_way_to_the_industrys_own() -> None:
    for who in ("ana", "ben", "cai", "dee", "eve", "fox", "gus", "hal"):
        profile = industry_agents.get_builtin("healthcare_clinic")
        assert profile is not None
        prospect = ProspectData.model_validate(
            {
                "email": f"{who}@maplecreekhealth.com",
                "first_name": who.title(),
                "title": "Practice Administrator",
                "company": "Maple Creek Health",
                "employee_count": 140,
                "signals": ["Launched a new patient portal", "Annual wellness visit completion down 12%"],
            }
        )
        seq = generate_sequence_rules(
            profile, prospect, analyze_rules(profile, prospect), sender_for("healthcare_clinic"), steps=4
        )
        assert "what that could look like" not in seq.steps[0].body, seq.steps[0].body


def test_a_question_in_the_news_own_time_agrees_with_its_noun() -> None:
    _, body = _step_one(
        "financial_services",
        title="CMO",
        company="Cedar Ridge Bank",
        employee_count=400,
        signals=["Opened three new branches in the Boise market"],
    )
    question = _question(body)
    assert " branches is " not in question and " new branches are new" not in question, question


def test_what_they_told_us_in_one_breath_is_said_in_one_sentence() -> None:
    _, body = _step_one(
        "casino",
        title="VP Player Development",
        company="Red Mesa Racino",
        employee_count=800,
        notes=(
            "On intro call: trips from lapsed Platinum-tier rated players down 22% YoY; "
            "postcards aren't bringing them back."
        ),
    )
    first = _first(body)
    assert first.startswith(
        "You mentioned that trips from your lapsed Platinum-tier rated players are down 22%"
    ), first
    assert "and that your postcards aren't bringing them back" in first, first


def test_a_fall_said_with_its_verb_is_asked_about_without_it() -> None:
    _, body = _step_one(
        "financial_services",
        title="CMO",
        company="Harbor Point Credit Union",
        employee_count=250,
        notes="Told us share deposits are down 5% YoY.",
    )
    question = _question(body)
    assert " are?" not in question and " is?" not in question, question


def test_a_single_hire_in_the_subject_takes_its_article() -> None:
    subject, _ = _step_one(
        "casino",
        title="VP Marketing",
        company="Silver Mesa Casino",
        employee_count=900,
        signals=["Hiring a Loyalty Manager and two casino hosts"],
    )
    assert not re.fullmatch(r"hiring [A-Z]\w+ Manager", subject), subject


def test_a_record_partly_in_another_language_is_never_pasted() -> None:
    """ "OEE en prensas de 58%" carries Spanish words no English clause may paste."""
    _, body = _step_one(
        "manufacturing",
        title="Gerente de Mantenimiento",
        company="Forjas del Norte",
        employee_count=1200,
        location="Monterrey, Nuevo León, Mexico",
        notes="OEE en prensas de 61%; el cliente exige 80%.",
    )
    assert not re.search(r"\b(?:en prensas|de is|el cliente)\b", body), body


def test_a_project_with_a_bare_date_reads_as_a_sentence() -> None:
    _, body = _step_one(
        "real_estate",
        title="VP Leasing",
        company="Maple Street Residential",
        employee_count=300,
        signals=["240-unit Eastside lease-up opens June 2027"],
    )
    first = _first(body)
    assert re.match(r"(?:Maple Street's|Your) 240-unit Eastside lease-up opens in June 2027\.", first), first


def test_a_budget_already_approved_is_no_date_to_ask_before() -> None:
    _, body = _step_one(
        "financial_services",
        title="VP Marketing",
        company="Summit Valley Credit Union",
        employee_count=300,
        notes="Board approved a $250K deposit campaign budget for 2027.",
    )
    assert "budget is set" not in _question(body), body


def test_crm_note_speak_is_spelled_out() -> None:
    """ "w/", "<40%", "hrs", "qtr", "in Jan": a rep's shorthand in the notes never reaches the email as written."""
    _, body = _step_one(
        "manufacturing",
        title="Plant Manager",
        company="Ridgeway Castings",
        employee_count=400,
        notes="Told us unplanned downtime hit 140 hrs last qtr on the die-cast cells; wants it <40 hrs by Jan.",
    )
    assert not re.search(r"\bhrs\b|\bqtr\b|<\s?\d|\bw/", body), body
    _, body = _step_one(
        "casino",
        title="VP Player Development",
        company="Copper Bluff Casino",
        employee_count=700,
        notes="On a call: rated trips from lapsed Gold players down 15% YoY; unhappy w/ current mailers.",
    )
    assert "w/" not in body and "YoY" not in body, body


def test_a_question_under_a_figure_names_the_outcome_even_for_a_long_company_name() -> None:
    _, body = _step_one(
        "real_estate",
        title="VP of Leasing",
        company="Parkway Residential Development Partners",
        employee_count=300,
        notes="Riverside tower delivered in May, only 44% leased so far.",
    )
    question = _question(body)
    assert "44%" in _first(body), body
    assert "44%" not in question and "call next week" not in question, question
    # a lease-up is under way: no "next lease-up", and the long name does not ride in the question
    assert "empty weeks" in question and "next" not in question, question


def test_a_notes_second_clause_without_a_subject_is_the_readers_and_shorthand_is_spelled_out() -> None:
    _, body = _step_one(
        "hotel",
        title="Director of Revenue",
        company="Kestrel Bay Inn",
        employee_count=90,
        notes="OTA share ~61% of room nights, wants it <45% next yr",
    )
    first = _first(body)
    assert "and you want it under 45%" in first, first
    assert ", wants" not in first and "<" not in first and " yr" not in first, first


def test_time_lost_to_a_cause_leads_with_the_cause_and_a_money_figure_takes_its_article() -> None:
    _, plant = _step_one(
        "manufacturing",
        title="Plant Manager",
        company="Oakridge Bottling",
        employee_count=400,
        notes="Lost ~90 hrs to capper breakdowns last qtr; maint. tracked in spreadsheets",
    )
    opening = _first(plant)
    said = r"Capper breakdowns cost (?:you|Oakridge Bottling) about 90 hours last quarter\."
    assert re.match(said, opening), plant
    _, bank = _step_one(
        "financial_services",
        title="SVP Marketing",
        company="Riverstone Credit Union",
        employee_count=250,
        notes="Board approved $250K checking campaign budget for next year",
    )
    assert "approved a $250K checking campaign budget" in _first(bank), bank


def test_how_they_feel_about_a_named_thing_is_a_sentence_and_a_bracketed_crm_note_is_not_the_name() -> None:
    _, body = _step_one(
        "restaurant",
        title="Owner",
        company="Copper Kettle Diners (franchisee, 9 units)",
        employee_count=300,
        notes="Unhappy w/ Grubhub fee increase",
    )
    assert "(" not in body and "franchisee, 9 units" not in body, body
    assert "unhappy with the Grubhub fee increase" in body, body


def test_a_goal_follows_the_fact_behind_it() -> None:
    _, body = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Ashby Crane LLP",
        employee_count=120,
        notes="Wants 3 new mid-market clients next year; lost biggest client in March",
    )
    assert "biggest client" in _first(body) and not _first(body).startswith("You want"), body


def test_a_rollout_under_way_is_said_as_work_in_progress() -> None:
    _, body = _step_one(
        "manufacturing",
        title="Reliability Manager",
        company="Brightwater Paper",
        employee_count=600,
        signals=["SCADA rollout underway"],
    )
    assert _first(body).startswith("You're rolling out SCADA"), body


def test_where_we_met_opens_and_a_time_they_asked_us_to_wait_for_is_when_we_come_back() -> None:
    _, body = _step_one(
        "healthcare_clinic",
        title="Practice Administrator",
        company="Cedar Ridge Family Dental",
        employee_count=40,
        notes=(
            "Met at the ADA SmileCon; uses Solutionreach for reminders; "
            "interested but not until after PMS switch in Mar"
        ),
    )
    first = _first(body)
    assert first.startswith("Good to meet you at the ADA SmileCon."), first
    # they asked us to wait: step 1 says when we come back and with what, and pitches nothing now
    # (until the holding note, this email pitched reactivation and asked "Shall I follow up after ...?")
    assert "rather pick this up after the PMS switch in March, so I'll be in touch then" in first, first
    assert "Solutionreach" not in body and "no appointment" not in body, body
    assert _question(body) == "Anything you'd like me to include in it?", body


def test_crm_arrows_halves_targets_and_who_told_us_are_said_as_a_rep_would() -> None:
    _, sdr = _step_one(
        "saas",
        title="VP Sales",
        company="Quillmark",
        employee_count=150,
        notes="Board wants pipeline cov 2x -> 3x by H2",
    )
    assert "coverage from 2x to 3x by the second half" in _first(sdr), sdr
    _, shop = _step_one(
        "ecommerce",
        title="Head of Retention",
        company="Fernhill Goods",
        employee_count=80,
        notes="Repeat rate 19% vs 30% target per CRM manager",
    )
    first = _first(shop)
    assert "19% against a 30% target" in first, first
    assert "per CRM manager" not in shop and " vs " not in shop, shop


def test_a_headline_signal_is_one_sentence_and_a_place_keeps_its_capital() -> None:
    _, hotel = _step_one(
        "hotel",
        title="General Manager",
        company="The Wrenfield",
        employee_count=90,
        signals=["Opening May: 96-room boutique hotel"],
    )
    first = _first(hotel)
    assert "opening a 96-room boutique hotel in May" in first and ":" not in first, first
    _, flats = _step_one(
        "real_estate",
        title="Head of Lettings",
        company="Gatehouse Living",
        employee_count=200,
        notes="Leeds scheme occupancy 68% vs 95% target",
    )
    assert "Leeds scheme occupancy is 68% against a 95% target" in _first(flats), flats


def test_note_shapes_that_used_to_be_dropped_lead_as_sentences() -> None:
    _, shop = _step_one(
        "ecommerce",
        title="Head of CRM",
        company="Larkspur Home",
        employee_count=120,
        notes="Email list of 250k, but only an abandoned-cart flow is live.",
    )
    assert re.match(r"(?:You have|Larkspur Home has) an email list of 250k, but only", _first(shop)), shop
    _, diner = _step_one(
        "restaurant",
        title="Director of Digital",
        company="Brick Lane Pizza Co",
        employee_count=400,
        signals=["All 9 stores on Grubhub and DoorDash", "Website 'Order Now' button links out to Grubhub"],
    )
    first = _first(diner)
    assert "all 9 of" in first.lower() or "button on" in first, first
    assert "website's" not in diner, diner
    _, firm = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Pell & Rourke",
        employee_count=150,
        signals=["Growth investment from Alder Capital"],
    )
    assert re.match(
        r"(?:You've|Pell & Rourke has) taken on growth investment from Alder Capital\.", _first(firm)
    ), firm
    assert "note on your" not in _question(firm), firm


def test_a_subject_never_carries_a_figure_the_email_does_not_say_and_a_moved_goal_is_its_subject() -> None:
    subject, body = _step_one(
        "saas",
        title="CRO",
        company="Tallyho",
        employee_count=220,
        notes="Board wants pipeline coverage from 2.5x to 4x by year-end; 3 SDRs can't cover the Nordics",
    )
    assert subject == "pipeline coverage to 4x", subject
    assert all(d in body for d in re.findall(r"\d[\d.,]*", subject)), (subject, body)


def test_an_enrichment_tools_date_stamp_and_source_label_never_reach_the_copy() -> None:
    _, bank = _step_one(
        "financial_services",
        title="SVP Retail Banking",
        company="Tidewater Savings Bank",
        employee_count=300,
        signals=[f"{_days_ago(50)} · Press: Tidewater Savings Bank opens 2 branches in Norfolk"],
    )
    first = _first(bank)
    assert "2026-10-12" not in bank and "Press:" not in bank and "·" not in bank, bank
    assert "opening 2 branches in Norfolk" in first, first
    assert "Tidewater Savings Bank's Tidewater" not in bank, bank
    _, shop = _step_one(
        "ecommerce",
        title="VP Ecommerce",
        company="Pine & Pebble",
        employee_count=90,
        signals=["Job post: Senior Lifecycle Marketer (Remote)"],
    )
    assert "hiring a Senior Lifecycle Marketer" in _first(shop) and "Job post" not in shop, shop


def test_a_job_ad_for_a_role_the_offer_does_not_touch_never_leads() -> None:
    _, body = _step_one(
        "hotel",
        title="Director of Revenue",
        company="The Larchmont",
        employee_count=120,
        signals=["Hiring a Night Auditor"],
    )
    assert "Night Auditor" not in body, body


def test_crm_engagement_is_never_said_to_the_prospect() -> None:
    _, body = _step_one(
        "financial_services",
        title="CMO",
        company="Granite Federal Credit Union",
        employee_count=400,
        notes="Opened our deposit benchmark email 3x; accepted LinkedIn connect",
    )
    assert "opened our" not in body.lower() and "linkedin" not in body.lower(), body


def test_a_quoted_remark_is_not_pasted_and_units_are_spelled_out() -> None:
    _, body = _step_one(
        "real_estate",
        title="VP Asset Management",
        company="Harrow Point Partners",
        employee_count=150,
        notes="New 120k sf office building delivered Sept, 0 of 6 floors leased, 'brokers haven't shown it much'",
    )
    first = _first(body)
    assert "brokers" not in first and ", '" not in first, first
    assert "sq ft" in first and "in September" in first and "none of the 6 floors leased yet" in first, first


def test_a_wait_they_asked_for_is_when_we_come_back_and_their_quoted_words_are_not_a_fact() -> None:
    _, body = _step_one(
        "casino",
        title="VP Marketing",
        company="Silver Hollow Casino",
        employee_count=900,
        notes="open to a win-back test but not before new FY Jul 1; said 'our hosts already call the top 300'",
    )
    # the holding note (before it, the question was "Shall I follow up in the new fiscal year on July 1?")
    assert _first(body).startswith("You said you'd rather pick this up in the new fiscal year on July 1, "), body
    assert _question(body) == "Anything you'd like me to include in it?", body
    assert "top 300" not in body and "hosts" not in body, body


def test_a_renamed_program_is_news_under_way_and_a_needed_figure_is_what_they_need() -> None:
    _, casino = _step_one(
        "casino",
        title="Director of Player Development",
        company="Bluebonnet Casino",
        employee_count=800,
        signals=["Rebrand: Bluebonnet Rewards replaces Bluebonnet Club"],
    )
    assert "Bluebonnet Rewards is replacing Bluebonnet Club" in _first(casino), casino
    assert "Your Bluebonnet Rewards" not in casino, casino
    _, sdr = _step_one(
        "saas",
        title="VP Sales",
        company="Ferncastle",
        employee_count=180,
        notes="Q2 coverage ~2.1x, needs 3.5x",
    )
    assert "2.1x against the 3.5x" in _first(sdr), sdr


def test_more_note_shapes_read_as_sentences() -> None:
    _, bank = _step_one(
        "financial_services",
        title="CFO",
        company="Red Mesa Bank",
        employee_count=300,
        notes="loan-to-deposit ~101%, and wants commercial deposit accounts",
    )
    assert "and you want commercial deposit accounts" in _first(bank), bank
    _, firm = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Ostrander Lowe",
        employee_count=90,
        notes="Founding partner retires Sept 2027",
    )
    assert "retires in September 2027" in _first(firm), firm
    _, shop = _step_one(
        "ecommerce",
        title="VP Growth",
        company="Kindle & Cork",
        employee_count=60,
        notes="Meta CAC up ~28% YoY, now ~$71",
    )
    assert not re.search(r"\s(?:up|down)\?$", _question(shop)), shop


def test_earlier_contact_opens_the_email_as_a_rep_would_say_it() -> None:
    _, called = _step_one(
        "hotel",
        title="Director of Revenue",
        company="Saltwind Hotels",
        employee_count=150,
        notes="Zoom 11/19; OTA mix ~44% across portfolio",
    )
    assert _first(called).startswith("Thanks for the time on Zoom on the 19th."), called
    _, introduced = _step_one(
        "casino",
        title="CMO",
        company="Copper Ridge Casino",
        employee_count=900,
        notes="Intro via Maya at Raving conf, said they run reactivation in-house today.",
    )
    assert _first(introduced).startswith("Maya suggested I get in touch after the Raving conference."), introduced
    _, sent = _step_one(
        "financial_services",
        title="Director of Marketing",
        company="Ridgeline Savings",
        employee_count=200,
        notes="Opened our deposit pricing guide email twice",
    )
    assert _first(sent).startswith("Following up on the deposit pricing guide we sent over."), sent
    assert "opened our" not in sent.lower() and "twice" not in sent, sent


def test_a_note_that_asks_us_to_wait_is_the_question_not_the_pitch() -> None:
    _, body = _step_one(
        "healthcare_clinic",
        title="COO",
        company="Stridewell Physical Therapy",
        employee_count=400,
        notes="signed w/ Luma Health in Sept (1-yr), wants to see Luma numbers first, revisit ~Q3 2027; "
        "no-show ~12%",
    )
    assert _question(body) == "Shall I follow up in Q3 2027?", body
    assert "revisit" not in body and "Luma" not in _first(body), body


def test_an_honour_is_congratulated_with_a_so_what_and_never_the_topic_of_a_call() -> None:
    subject, award = _step_one(
        "hotel",
        title="General Manager",
        company="The Birchwood Inn",
        employee_count=60,
        signals=["Tripadvisor Travelers' Choice 2026"],
    )
    # an award named without the word "award" is said as one (two readers of copy_tuning seed 11 asked for it)
    assert _first(award).startswith("Congrats on the Tripadvisor Travelers' Choice award for 2026. "), award
    # the subject names the honour whole or not at all (never cut short: "your #2 Product")
    assert "Travelers" not in _question(award), award
    assert subject == "the Tripadvisor Travelers' Choice award" or "Choice" not in subject, subject
    _, named = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Vance & Oduya",
        employee_count=80,
        signals=["Ranked in Chambers USA 2026 (Employment)"],
    )
    assert _first(named).startswith("Congrats on being ranked in Chambers USA 2026."), named


def test_two_measures_moving_opposite_ways_are_joined_with_but() -> None:
    _, body = _step_one(
        "ecommerce",
        title="Head of Ecommerce",
        company="Northbay Outfitters",
        employee_count=120,
        notes="Online revenue up 11%, repeat purchase rate slipped to 21%",
    )
    assert "up 11%, but the repeat purchase rate slipped to 21%" in _first(body), body


def test_a_measure_that_moved_is_the_subject_with_its_figure_and_one_common_word_is_not() -> None:
    subject, _ = _step_one(
        "casino",
        title="VP Marketing",
        company="Cedar Flats Casino",
        employee_count=700,
        notes="Rated trips down ~12% YoY since a competitor opened nearby",
    )
    assert subject == "rated trips down 12%", subject
    subject, _ = _step_one(
        "financial_services",
        title="SVP Retail",
        company="Prairie State Bank",
        employee_count=300,
        signals=["Opening a branch in Ames in Q3"],
    )
    assert subject == "the Ames branch", subject


def test_the_next_step_they_named_is_the_question_and_a_request_of_theirs_is_thanked() -> None:
    _, casino = _step_one(
        "casino",
        title="SVP Marketing",
        company="Juniper Falls Casino",
        employee_count=900,
        notes="Rated trips down ~7% YoY; wants pilot on 60-180 day lapsed segment before Q1 budget lock Jan 20",
    )
    assert (
        _question(casino)
        == "Worth 15 minutes to plan the pilot on your 60-180 day lapsed segment before the Q1 budget "
        "lock on January 20?"
    ), casino
    _, hotel = _step_one(
        "hotel",
        title="Revenue Manager",
        company="Tidewater Inn",
        employee_count=80,
        notes="Asked for a case study after our LinkedIn post",
    )
    assert _first(hotel).startswith("Thanks for asking for the case study after our LinkedIn post."), hotel


def test_clay_headlines_and_rep_shorthand_from_the_spent_holdout_read() -> None:
    _, plant = _step_one(
        "manufacturing",
        title="Plant Manager",
        company="Brookfield Extrusion",
        employee_count=350,
        signals=[f"{_days_ago(90)} · $22M expansion adds three blown-film lines, online Q3 2027"],
    )
    assert "your $22M expansion adds three blown-film lines, coming online in Q3 2027" in _first(plant).replace(
        "Brookfield Extrusion's", "your"
    ), plant
    _, tower = _step_one(
        "real_estate",
        title="VP Leasing",
        company="Harborview Office Partners",
        employee_count=120,
        notes="leasing runs thru CBRE exclusive listing til mid-'28; ILS spend ~$12k/mo mostly LoopNet, "
        "CPL climbing",
    )
    body = tower
    assert not re.search(r"\bthru\b|\btil\b|'28|/mo\b", body), body
    _, bank = _step_one(
        "financial_services",
        title="President",
        company="Lakeland Savings Bank",
        employee_count=200,
        signals=[f"{_days_ago(30)} · Core conversion to Fiserv live; new online account opening"],
    )
    assert (
        "core conversion to Fiserv is live" in _first(bank) or "launched a new online account opening" in bank
    ), bank


def test_a_signal_dated_more_than_a_year_ago_is_not_news() -> None:
    _, body = _step_one(
        "casino",
        title="VP Marketing",
        company="Prairie Run Racino",
        employee_count=600,
        signals=[f"{_days_ago(500)} · Launched sportsbook lounge"],
    )
    assert "sportsbook" not in body, body


def test_press_lines_and_job_ads_from_the_copy_tuning_read() -> None:
    """A named project takes "the"; "<Name> to open ..." is their news to come; a job ad yields to the
    company's own news; a "Private equity:" label is not pasted."""
    _, tower = _step_one(
        "real_estate",
        title="Director of Asset Management",
        company="Quarry Hill Development",
        employee_count=120,
        signals=[f"{_days_ago(20)} · Press: Quarry Hill tops out 180-unit Larkin at Elm Park"],
    )
    assert "topping out the 180-unit Larkin at Elm Park" in _first(tower), tower
    subject, bistro = _step_one(
        "restaurant",
        title="Director of Digital",
        company="Saffron Lane Kitchens",
        employee_count=900,
        signals=[
            f"{_days_ago(40)} · Press: Saffron Lane to open 9 locations in Utah in 2027",
            "Job post: Loyalty Manager (Denver, CO)",
        ],
    )
    assert "opening 9 locations in Utah in 2027" in _first(bistro), bistro
    # the news leads; a job ad for the offer's own work (loyalty) is joined after it, never the subject or the lead
    first = _first(bistro).split(".")[0]
    assert "hiring" not in subject and first.index("opening") < first.index(" and is hiring a Loyalty Manager"), (
        subject,
        bistro,
    )
    subject, firm = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Tolland Reeve Advisory",
        employee_count=60,
        signals=[f"{_days_ago(25)} · Private equity: minority investment from Birchgate Capital"],
    )
    assert "taken on a minority investment from Birchgate Capital" in _first(firm), firm
    assert subject == "the Birchgate Capital investment", subject
    assert "Private equity:" not in firm, firm


def test_rep_notes_from_the_copy_tuning_read_are_said_as_sentences() -> None:
    subject, dental = _step_one(
        "healthcare_clinic",
        title="Practice Administrator",
        company="Birchwood Dental Partners",
        employee_count=90,
        notes="Zoom 11/4; no-show ~11%; ~3,100 overdue recall pts; Dr. Osei (owner) signs",
    )
    first = _first(dental)
    assert "3,100 overdue recall patients" in first, dental
    assert "no patient seen" not in first, first  # the overdue patients' own "so what", not the no-shows'
    assert "Osei" not in dental and "signs" not in dental, dental
    _, saas = _step_one(
        "saas",
        title="Founder & CEO",
        company="Kennelry",
        employee_count=30,
        notes="Call 11/9; 2 AEs, 0 SDRs; founder-led sales still ~70% of new ARR; "
        "board wants $10M ARR by end of 2027",
    )
    assert "two AEs and no SDRs" in saas or "account for about 70%" in saas, saas
    assert "still is" not in saas and "by end of" not in saas, saas
    subject, office = _step_one(
        "real_estate",
        title="Managing Director",
        company="Ridgeback Capital Partners",
        employee_count=40,
        notes="new 90k sf flex/industrial delivered Sept, 0 of 6 suites signed; "
        "listing agreements run thru May 2027; wants paid search aimed at small biz users; "
        "MD decides w/ his partner",
    )
    assert "flex/industrial building" in _first(office) and "none of the 6 suites signed" in office, office
    assert subject == "6 suites still unsigned", subject
    assert "are run through" not in office and "decides" not in office, office
    assert "your paid search" not in office, office


def test_where_we_met_in_other_words_and_languages_opens_the_email() -> None:
    for notes, event in (
        ("Good chat at IMTS, nothing specific yet.", "IMTS"),
        ("Lo conocimos en FABTECH México; quieren piloto antes de abril", "FABTECH México"),
        ("Kennengelernt auf der Hannover Messe", "Hannover Messe"),
    ):
        _, body = _step_one(
            "manufacturing", title="COO", company="Stanton Forge Works", employee_count=300, notes=notes
        )
        assert _first(body).startswith(f"Good to meet you at {event}."), body


def test_a_subject_is_never_a_figure_alone_and_an_ordinal_site_is_theirs() -> None:
    subject, _ = _step_one(
        "healthcare_clinic",
        title="COO",
        company="Juniper Ridge Dermatology",
        employee_count=200,
        signals=[f"{_days_ago(30)} · Opening 5th clinic in Boise in March"],
    )
    assert subject in ("your 5th clinic", "the Boise clinic"), subject


def test_a_clay_size_line_and_a_bare_website_relaunch_are_sentences_with_a_so_what() -> None:
    subject, diner = _step_one(
        "restaurant",
        title="Marketing Manager",
        company="Casa Verde Cantina",
        employee_count=400,
        signals=["9 locations, Phoenix metro"],
    )
    assert _first(diner).startswith("Casa Verde runs 9 locations across the Phoenix metro."), diner
    assert subject == "your 9 Phoenix locations", subject
    _, clinic = _step_one(
        "healthcare_clinic",
        title="Director of Marketing",
        company="Larchmont Pediatrics",
        employee_count=120,
        signals=[f"{_days_ago(120)} · Website relaunch"],
    )
    first = _first(clinic)
    assert re.search(r"relaunch(?:ed|ing) (?:its|your) website", first) and "book through it" in first, clinic


def test_counted_things_in_a_place_are_named_by_the_place_in_the_subject_and_question() -> None:
    subject, body = _step_one(
        "real_estate",
        title="Director of Leasing",
        company="Saguaro Point Communities",
        employee_count=300,
        signals=[f"{_days_ago(45)} · Acquired 3-property, 860-unit portfolio in Tucson metro"],
    )
    assert subject == "the Tucson portfolio", subject
    assert "860-unit portfolio is new" not in _question(body), body


def test_second_copy_tuning_read_job_ads_requests_intros_and_mergers() -> None:
    subject, sdr = _step_one(
        "saas",
        title="Sales Development Manager",
        company="Pollen HQ",
        employee_count=80,
        signals=["Hiring: SDR (x4), Austin"],
    )
    assert "hiring 4 SDRs" in _first(sdr) and subject == "your 4 SDR hires", (subject, sdr)
    _, demo = _step_one(
        "healthcare_clinic",
        title="Director of Operations",
        company="Northgate Eye Associates",
        employee_count=150,
        notes="Demo req from webinar; 6 sites",
    )
    assert _first(demo).startswith("Thanks for asking for the demo after the webinar."), demo
    _, intro = _step_one(
        "saas",
        title="CRO",
        company="Ledgerfox",
        employee_count=90,
        notes="Intro via board member; pipeline coverage ~2x, needs 3x",
    )
    assert _first(intro).startswith("A member of your board suggested I get in touch."), intro
    subject, firm = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Harlan & Reese CPAs",
        employee_count=120,
        signals=[f"{_days_ago(30)} · Merger: Harlan & Reese combines with Oakmont Tax Group"],
    )
    # a press release's merger is done ("merged", since the seventh session: a tuning reader of holdout21 marked
    # "is merging" wrong for a merger a release of 1 October announced)
    assert "merged with Oakmont Tax Group" in _first(firm), firm
    assert subject == "the Oakmont Tax merger", subject


def test_second_copy_tuning_read_honours_events_and_sizes() -> None:
    _, book = _step_one(
        "casino",
        title="VP Marketing",
        company="Kestrel Bend Casino",
        employee_count=900,
        signals=[f"{_days_ago(60)} · Launched Kestrel Play mobile sportsbook in Ohio"],
    )
    assert "Kestrel Play mobile sportsbook" in book and "launching Kestrel Play" not in book, book
    _, hunt = _step_one(
        "saas",
        title="CEO",
        company="Loomcast",
        employee_count=20,
        signals=["#3 Product of the Day on Product Hunt"],
    )
    assert _first(hunt).startswith("Congrats on landing #3 Product of the Day on Product Hunt."), hunt
    _, show = _step_one(
        "manufacturing",
        title="President",
        company="Vireo Machining",
        employee_count=150,
        signals=["Attended PMTS 2026"],
    )
    assert _first(show).startswith("I saw you were at PMTS 2026."), show
    _, chat = _step_one(
        "manufacturing",
        title="COO",
        company="Dunmore Metalworks",
        employee_count=200,
        notes="Good chat at FABTECH about robotics, nothing specific yet.",
    )
    assert _first(chat).startswith("Good to talk robotics with you at FABTECH."), chat
    _, clinics = _step_one(
        "healthcare_clinic",
        title="COO",
        company="Stride Physical Therapy",
        employee_count=400,
        notes="Met at APTA CSM; 19 clinics; cancel/no-show ~9%",
    )
    assert "you run 19 clinics" not in clinics.lower() and "10-20%" not in clinics, clinics


def test_second_copy_tuning_read_runs_ons_targets_and_brands() -> None:
    _, firm = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Osgood Bray CPAs",
        employee_count=150,
        notes="Met at AICPA ENGAGE; ~65% of new clients come from 2 partners' referrals; "
        "launching advisory practice in March, needs mid-market pipeline",
    )
    assert ", and you're also launching" not in firm, firm
    subject, bank = _step_one(
        "financial_services",
        title="CMO",
        company="Prairie Rock Bank",
        employee_count=400,
        notes="Call 11/12; launching digital-only brand 'Rock Direct' in Q2 for national deposits, "
        "target $150M in 12 mos",
    )
    assert "aiming for $150M in 12 months" in bank and ", target $" not in bank, bank
    assert "nearby" not in _first(bank), bank
    assert subject == "the Rock Direct launch", subject
    _, union = _step_one(
        "financial_services",
        title="CEO",
        company="Fallon Valley Credit Union",
        employee_count=120,
        notes="loan/share ratio ~97%, need deposits",
    )
    assert ", need deposits" not in union and "you need deposits" in union, union


def test_the_next_step_a_call_agreed_is_the_question() -> None:
    _, january = _step_one(
        "saas",
        title="CRO",
        company="Tallowby",
        employee_count=120,
        notes="Zoom 11/3; coverage ~2x, needs 3x; wants pilot in Jan",
    )
    assert _question(january) in (
        "Worth 15 minutes to plan the pilot for January?",
        "Want me to send a short plan for the pilot for January?",  # a tier 2 is offered something to read
    ), january
    _, pilot = _step_one(
        "professional_services",
        title="Head of Growth",
        company="Marlowe Advisory",
        employee_count=90,
        notes="Call 11/5; FY27 pipeline ~50% of target; MP wants an outsourced test, 60-day pilot",
    )
    assert _question(pilot) == "Worth 15 minutes to plan the 60-day pilot?", pilot
    _, bank = _step_one(
        "financial_services",
        title="CMO",
        company="Greyhawk State Bank",
        employee_count=300,
        notes="Call 11/2; prior agency missed UDAAP review; CCO Dana Ruiz must be on next call",
    )
    assert _question(bank) == "Would a call next week with you and Dana Ruiz work?", bank


def test_crm_shorthand_from_the_second_read_is_said_whole() -> None:
    _, sdr = _step_one(
        "saas",
        title="CRO",
        company="Brindle Labs",
        employee_count=120,
        notes="3 of 6 SDRs quit in Sept, backfill 90+ days",
    )
    assert _first(sdr).startswith("Three of your six SDRs quit in September, and backfilling takes 90+ days."), sdr
    _, eye = _step_one(
        "healthcare_clinic",
        title="Director of Operations",
        company="Parkline Eye Care",
        employee_count=150,
        notes="recall compliance ~50% vs 70% target; 3 new ODs start Feb, schedules need filling; ModMed EHR",
    )
    assert "adding 3 new ODs in February" in eye and "modmed" not in eye.lower(), eye
    assert ", and you're also adding" not in eye, eye  # never a run-on of two joined clauses
    _, hotel = _step_one(
        "hotel",
        title="Director of Revenue Management",
        company="Seabright Hotels",
        employee_count=400,
        notes="ownership wants direct share up before refi in Q2",
    )
    assert "direct share is up" not in hotel, hotel


def test_clay_project_headlines_from_the_holdout8_reread() -> None:
    subject, tower = _step_one(
        "casino",
        title="VP Marketing",
        company="Red Willow Casino",
        employee_count=900,
        signals=[f"{_days_ago(20)} · News: 280-room hotel tower tops out, opening spring 2027"],
    )
    assert "topping out a 280-room hotel tower" in _first(tower), tower
    _, lease = _step_one(
        "real_estate",
        title="CFO",
        company="Larkin Apartment Communities",
        employee_count=200,
        signals=[f"{_days_ago(20)} · Lease-up begins at 180-unit Larkin at Mill Park"],
    )
    assert "Larkin is starting lease-up at the 180-unit Larkin at Mill Park" in _first(lease), lease
    subject, plant = _step_one(
        "manufacturing",
        title="Continuous Improvement Manager",
        company="Ostrander Components",
        employee_count=400,
        signals=[
            f"{_days_ago(30)} · Kicked off plant-wide lean / TPM program",
            f"{_days_ago(40)} · Job posting: Reliability Engineer",
        ],
    )
    assert "kicked off your plant-wide lean and TPM program" in _first(plant).replace("its", "your"), plant
    assert subject == "the TPM program", subject


def test_new_group_space_and_a_named_club_relaunch_lead_with_their_own_subjects() -> None:
    subject, resort = _step_one(
        "hotel",
        title="Director of Marketing",
        company="Pinecrest Conference Resort",
        employee_count=300,
        signals=[f"{_days_ago(40)} · Unveiled new 12,000 sq ft ballroom"],
    )
    assert re.search(r"open(?:ed|ing) a new 12,000 sq ft ballroom", _first(resort)), resort
    assert "group block" in _first(resort), resort
    assert subject == "the new ballroom", subject
    subject, _ = _step_one(
        "casino",
        title="Director of Database Marketing",
        company="Aspen Hollow Casino",
        employee_count=800,
        signals=[f"{_days_ago(30)} · News: Aspen Hollow relaunching Hollow Rewards players club in March 2027"],
    )
    assert subject == "the Hollow Rewards relaunch", subject


def test_a_dutch_figure_with_its_target_is_said_in_english_and_meta_stays_a_company() -> None:
    subject, shop = _step_one(
        "ecommerce",
        title="Hoofd E-commerce",
        company="Zeewind Outdoor",
        employee_count=80,
        notes="Gesproken op Emerce eDay; herhaalaankoop ~21%, doel 30% in 2027; Klaviyo alleen voor nieuwsbrieven",
    )
    first = _first(shop)
    assert "Your repeat purchase rate is about 21%, against a 30% target for 2027." in first, shop
    assert "herhaalaankoop" not in shop and "doel" not in shop and "herhaalaankoop" not in subject, (subject, shop)
    _, meta = _step_one(
        "ecommerce",
        title="VP Growth",
        company="Pellucid Skin",
        employee_count=60,
        notes="Meta CAC up ~30% YoY, now ~$58",
    )
    assert "Meta CAC is up about 30% year over year" in _first(meta), meta


def test_meeting_notes_from_the_holdout9_reread_are_said_back_as_theirs() -> None:
    _, cro = _step_one(
        "saas",
        title="CRO",
        company="Trackwise",
        employee_count=150,
        notes="met at Pavilion; Q1 pipeline coverage 1.9x, board wants 3x; 5 SDRs, 2 quit last month; "
        "wants a Feb pilot",
    )
    assert "coverage is 1.9x" in cro, cro
    assert _question(cro) == "Worth 15 minutes to plan the February pilot?", cro
    _, casino = _step_one(
        "casino",
        title="VP Marketing",
        company="Juniper Flats Casino",
        employee_count=700,
        notes="met at G2E; lapsed rated players up ~15% YoY since a new casino opened nearby",
    )
    # what they said at the meeting, said back as theirs
    assert _first(casino).startswith("Good to meet you at G2E. You mentioned that your lapsed rated players"), (
        casino
    )
    _, hotel = _step_one(
        "hotel",
        title="Revenue Manager",
        company="Gullwing Beach Resort",
        employee_count=200,
        notes="rev mgr; Booking.com ~48% of Q3 room nights, hates the commission; wants a case study first",
    )
    assert "Booking.com accounts for about 48%" in _first(hotel) and "hates" not in hotel, hotel
    # what they asked for is sent, not asked about again ("Shall I send the case study first?")
    assert "You want a case study" not in hotel, hotel
    assert _promised(hotel) == "I'll have the case study over to you this week.", hotel
    assert _question(hotel) in _go_through("it"), hotel
    _, plant = _step_one(
        "manufacturing",
        title="Reliability Manager",
        company="Amberfield Foods",
        employee_count=500,
        notes="~7% unplanned downtime, mostly conveyors + seamers; 12 fryer/packaging lines",
    )
    assert "unplanned downtime is about 7%, mostly on conveyors and seamers" in _first(plant).lower(), plant
    _, asset = _step_one(
        "real_estate",
        title="Asset Manager",
        company="Quillon Capital",
        employee_count=40,
        notes="The Vista at 72% occ vs 92% pro forma; 3P mgmt co runs marketing 'poorly', she can hire a lease-up "
        "agency directly; BD decisions sit with the partners",
    )
    assert "delivery" not in asset and "she can" not in asset and "decisions sit" not in asset, asset


def test_press_verbs_cuisine_names_events_and_call_backs_from_the_holdout9_reread() -> None:
    subject, grill = _step_one(
        "restaurant",
        title="VP Digital & Off-Premise",
        company="Solana Fresh Mexican Grill",
        employee_count=1500,
        signals=[
            f"{_days_ago(20)} · Job post: Loyalty Program Manager",
            f"{_days_ago(40)} · Press: Solana Fresh signs 12-unit development deal in Arizona",
        ],
    )
    assert _first(grill).startswith(
        "Solana Fresh signed a 12-unit development deal in Arizona and is now hiring a Loyalty Program Manager."
    ), grill
    assert subject == "the Arizona development deal", subject
    _, firm = _step_one(
        "professional_services",
        title="Dir. BD",
        company="Pellham & Stroud CPAs",
        employee_count=120,
        notes="met at AAM Summit; lost largest client in Sept",
    )
    assert _first(firm).startswith("Good to meet you at the AAM Summit."), firm
    _, shop = _step_one(
        "ecommerce",
        title="Hoofd E-commerce",
        company="Fietsenhuis De Wit",
        employee_count=60,
        notes="ontmoet op Shopping Today; bellen in januari",
    )
    # since the seventh session a call back asked for in their language is a holding note, as in English (the
    # after-readers of holdout22: such emails "go out now, although they asked to be called back")
    assert "pick this up in January" in shop, shop
    _, burger = _step_one(
        "restaurant", title="COO", company="Dockside Burger Co.", employee_count=300, notes="maybe Q3 next yr"
    )
    assert _question(burger) == "Shall I follow up in Q3 next year?", burger
    subject, _ = _step_one(
        "casino",
        title="VP Marketing",
        company="Golden Mesa Casino",
        employee_count=900,
        signals=[f"{_days_ago(30)} · Completed $38M room and pool renovation"],
    )
    assert subject == "the $38M renovation", subject


def test_a_tools_gap_they_named_is_said_plainly_with_its_own_so_what() -> None:
    _, dental = _step_one(
        "healthcare_clinic",
        title="Practice Administrator",
        company="Cedar Lane Dental",
        employee_count=80,
        notes="Weave does reminders but 'no reactivation at all'",
    )
    first = _first(dental)
    assert "Weave for reminders, but no reactivation" in first and "'" not in first, dental
    assert "overdue" in first.lower(), dental  # the gap's "so what": overdue patients nobody brings back
    _, shop = _step_one(
        "ecommerce",
        title="Head of Ecommerce",
        company="Harbor Supply Co",
        employee_count=60,
        notes="Klaviyo for newsletters only, no flows",
    )
    assert "Klaviyo for newsletters, but no flows" in _first(shop), shop
    assert "Flows built once" not in shop, shop  # never a "so what" about flows they do not have


def test_open_reqs_and_acqd_are_said_whole() -> None:
    subject, body = _step_one(
        "saas",
        title="SDR Manager",
        company="Quillo",
        employee_count=60,
        signals=["Hiring SDRs (4 open reqs)"],
    )
    assert "hiring 4 SDRs" in _first(body) and subject == "your 4 SDR hires", (subject, body)
    _, dso = _step_one(
        "healthcare_clinic",
        title="COO",
        company="Pinegate Dental Partners",
        employee_count=400,
        notes="acq'd 7 practices",
    )
    assert "acq'd" not in dso, dso


def test_figures_beside_news_are_a_clause_and_a_bare_date_question_says_what_for() -> None:
    _, grill = _step_one(
        "restaurant",
        title="VP Marketing",
        company="Cobalt Street Kitchen",
        employee_count=900,
        notes="3P delivery ~29% of sales",
        signals=["Launching loyalty app in Q1"],
    )
    first = _first(grill)
    assert ", with its" not in first and ", while its third-party delivery is about 29% of sales" in first, grill
    assert "not through the apps" not in first, grill  # never "the apps" the record never named
    _, union = _step_one(
        "financial_services",
        title="CMO",
        company="Sound Valley Credit Union",
        employee_count=300,
        signals=["Merger with Cedar Coast CU closes January"],
    )
    question = _question(union)
    assert question.endswith("before January to plan what we'd run first?") or "January" not in question, union


def test_a_thin_record_is_never_offered_a_plan_for_a_company_we_know_nothing_about() -> None:
    for title, company in (
        ("Marketing Manager", "Cedar Ridge Physical Therapy"),
        ("Office Manager", "Larkspur Family Dental"),
        ("Marketing Director", "Prairie Oak Bank"),
    ):
        industry = "financial_services" if "Bank" in company else "healthcare_clinic"
        _, body = _step_one(industry, title=title, company=company, employee_count=40)
        assert "plan for" not in _question(body), body


def test_the_sender_line_states_the_offer_and_no_audience_it_does_not_name() -> None:
    _, body = _step_one(
        "casino", title="VP Marketing", company="Silver Pine Casino", employee_count=800, notes="Met at G2E"
    )
    assert "regional and tribal casinos" not in body, body  # the industry's segment is ours, not the sender's
    assert "player reactivation email and SMS campaigns" in body, body


def test_a_meeting_at_a_dinner_opens_and_what_they_said_there_is_theirs() -> None:
    subject, body = _step_one(
        "saas",
        title="CRO",
        company="Ferrow",
        employee_count=150,
        notes="met at Pavilion dinner SF; Q1 pipeline coverage 2.2x, board wants 3x",
    )
    assert _first(body).startswith(
        "Good to meet you at the Pavilion dinner. You mentioned that your Q1 pipeline coverage is 2.2x"
    ), body
    assert subject == "Q1 coverage at 2.2x", subject
    subject, _ = _step_one(
        "saas",
        title="CRO",
        company="Ordwell",
        employee_count=150,
        notes="3 of 6 SDRs quit in Sept, backfill 90+ days",
    )
    assert subject == "three of six SDRs gone", subject


def test_english_compounds_are_not_foreign_and_a_call_note_is_said_to_the_reader() -> None:
    _, plant = _step_one(
        "manufacturing",
        title="Plant Manager",
        company="Kestrel Castings",
        employee_count=300,
        signals=["Unplanned downtime ~12% on die-cast cells", "Hiring a Reliability Engineer"],
    )
    assert "unplanned downtime is about 12% on die-cast cells" in _first(plant), plant  # "die-cast" is English
    _, saas = _step_one(
        "saas",
        title="Co-Founder & CEO",
        company="Rosterly",
        employee_count=25,
        notes="On a call: pipeline coverage 1.7x for Q1 and he is still closing every deal himself.",
    )
    assert (
        "You mentioned that your pipeline coverage is 1.7x for Q1 and you are still closing every deal yourself."
        in (_first(saas))
    ), saas
    subject, _ = _step_one(
        "casino",
        title="Director of Database Marketing",
        company="Big Pine Casino",
        employee_count=900,
        signals=["Players club tiers relaunched as Summit Rewards in October"],
    )
    assert subject == "the Summit Rewards relaunch", subject


def test_a_named_lease_up_is_its_own_subject() -> None:
    subject, _ = _step_one(
        "real_estate",
        title="VP of Leasing",
        company="Cardinal Peak Residential",
        employee_count=300,
        signals=["240-unit Lakeside lease-up opens March 2027"],
    )
    assert subject == "the Lakeside lease-up", subject


def test_calls_tours_and_rep_shorthand_from_the_spent_holdout10_read() -> None:
    _, plant = _step_one(
        "manufacturing",
        title="Plant Manager",
        company="Ostrom Extrusion",
        employee_count=300,
        notes="Plant tour 11/4. OEE ~61% on press line 3, unplanned downtime ~9 hrs/wk, "
        "mostly die + hydraulic failures.",
    )
    first = _first(plant)
    assert first.startswith("Thanks for the plant tour on the 4th."), plant
    assert "OEE is about 61% on press line 3, and unplanned downtime runs about 9 hours a week" in first, plant
    _, kids = _step_one(
        "healthcare_clinic",
        title="Practice Administrator",
        company="Harbor Lights Pediatrics",
        employee_count=90,
        notes="Spoke 11/12 w/ Dana. No-shows running ~12%, ~1,400 kids overdue for well visits. "
        "Front desk does recall calls 'when they have time' (never).",
    )
    assert "no-shows are running about 12%, and about 1,400 kids are overdue for well visits" in kids, kids
    assert "'when they have time'" not in kids, kids
    _, racino = _step_one(
        "casino",
        title="VP Player Development",
        company="Pine Hollow Racino",
        employee_count=800,
        notes="Mtg 11/14 w/ Ray. Lapsed rated (no trip 90+ days) up to ~12k from ~8k a yr ago. "
        "Wants a proposal before budget lock Jan 9.",
    )
    assert _first(racino).startswith("Thanks for the meeting on the 14th."), racino
    assert "lapsed rated players have grown to about 12k from about 8k" in racino, racino
    assert _promised(racino) == "I'll have the proposal over to you before the budget lock on January 9.", racino
    assert _question(racino) in _go_through("it", dated=True), racino
    subject, sdr = _step_one(
        "saas",
        title="Head of Sales Development",
        company="Boxline",
        employee_count=90,
        signals=["Job postings: 5 x SDR (Nov 2026)"],
    )
    assert "hiring 5 SDRs" in _first(sdr) and subject == "your 5 SDR hires", (subject, sdr)
    _, clinic = _step_one(
        "healthcare_clinic",
        title="Medical Director & Owner",
        company="Cedar Family Medicine",
        employee_count=40,
        notes="Dr. Lin: adding 2 NPs in Feb, needs their schedules full by spring. "
        "~500 patients not seen in 18+ mo. Worried about texting + HIPAA.",
    )
    assert "about 500 patients haven't been seen in 18+ months" in clinic.lower(), clinic
    assert "worried" not in clinic.lower() and "your schedules" not in clinic, clinic


def test_date_labels_as_enrichment_tools_write_them_and_a_round_over_an_sdr_ad() -> None:
    subject, body = _step_one(
        "ecommerce",
        title="Head of Retention & CRM",
        company="Birch & Bay Skincare",
        employee_count=120,
        signals=[
            "Nov 2026: Birch & Bay raises $16M Series B led by Harbor Consumer",
            "Job post: Lifecycle Marketing Manager",
        ],
    )
    assert "Nov 2026" not in body and "nov 2026" not in subject.lower(), (subject, body)
    assert "raised a $16M Series B" in _first(body) or "raising a $16M Series B" in _first(body), body
    _, sales = _step_one(
        "saas",
        title="VP Sales",
        company="TallyCrate",
        employee_count=200,
        signals=[
            "Oct 22, 2026 - TallyCrate raises $40M Series C to expand into mid-market",
            "Hiring: SDR Manager",
        ],
    )
    assert "$40M Series C" in _first(sales), sales  # the round, not the job ad, even to a sales reader
    _, guide = _step_one(
        "hotel",
        title="Revenue Manager",
        company="Gullrock Resort",
        employee_count=200,
        notes="Downloaded OTA guide.",
    )
    assert "downloaded" not in guide.lower(), guide  # what they did with our content stays internal


def test_a_date_written_after_the_fact_and_note_shorthand_never_reach_the_copy() -> None:
    subject, firm = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Holcomb Brandt LLP",
        employee_count=80,
        signals=["Opened Phoenix office — Oct 2026", "Job post: Director of Digital — posted 11/03/2026"],
    )
    assert "2026" not in _first(firm) and "posted" not in firm, firm
    assert "2026" not in subject, subject
    _, plant = _step_one(
        "manufacturing",
        title="Plant Manager",
        company="Tarrow Metal Works",
        employee_count=300,
        notes="Call 11/19. Unplanned DT ~11% last quarter, missed a Tier 1 delivery in Oct",
    )
    assert "unplanned downtime was about 11% last quarter" in plant.lower(), plant
    _, casino = _step_one(
        "casino",
        title="VP Player Development",
        company="Rushmore Falls Casino",
        employee_count=700,
        notes="Call 11/18. Host team down 2 hosts since July, says ~4,200 rated players lapsed 12mo+",
    )
    assert "says" not in casino and "12mo+" not in casino and "for 12+ months" in casino, casino


def test_a_call_label_in_any_shape_opens_the_email_and_never_reaches_a_fact() -> None:
    """Blind readers marked post-call emails that read cold ("no reference to the call") and call labels pasted
    into facts ("your spoke 2/12 - 45 units"): the label after a comma, with a name before its date, written day
    first in the record's own language."""
    _, saas = _step_one(
        "saas",
        title="VP Sales",
        company="Tallyfold",
        employee_count=80,
        notes="Inbound via webinar, disco call 10/2 - evaluating 3 agencies. Wants ROI model before next mtg.",
    )
    assert "on the 2nd" in _first(saas) and "disco" not in saas.lower(), saas
    assert _promised(saas) == "I'll have the ROI model over to you before our next meeting.", saas
    _, leasing = _step_one(
        "real_estate",
        title="VP of Leasing",
        company="Birchline Living",
        employee_count=200,
        notes="spoke 2/12 - 45 units in lease-up at Maple Yard, asked for references",
    )
    first = _first(leasing)
    assert "on the 12th" in first and "45 units in lease-up at Maple Yard" in first, leasing
    assert "spoke" not in leasing.lower() and "runs 45 units" not in leasing, leasing
    assert _promised(leasing) == "I'll have the references over to you this week.", leasing
    for notes, day in (
        ("Spoke w/ Dana 11/17. Cancel/no-show ~12%.", "17th"),
        ("Llamada 19/11 con Marisol: 3 clínicas.", "19th"),
        ("Gespräch 20.11. mit Herrn Vogel.", "20th"),
    ):
        _, clinic = _step_one(
            "healthcare_clinic", title="Practice Manager", company="Alder Clinics", employee_count=60, notes=notes
        )
        assert f"on the {day}" in _first(clinic), (notes, clinic)


def test_what_they_asked_us_to_send_or_set_up_is_the_question() -> None:
    _, clinic = _step_one(
        "healthcare_clinic",
        title="Director of Operations",
        company="Ridgeway Physical Therapy",
        employee_count=150,
        notes="Spoke w/ Dana 11/17. No-show/late cancel ~13%, ~500 pts/mo drop off before finishing plan of care. "
        "Wants BAA before any pilot.",
    )
    first = _first(clinic)
    assert _promised(clinic) == "I'll have our BAA over to you this week.", clinic
    assert _question(clinic) in _go_through("it"), clinic
    assert "BAA" not in first and "13%, and about 500 patients a month drop off" in first, clinic
    assert "empty slot" in first, clinic  # a no-show figure has its own "so what" ("No-show" is no negation)
    _, saas = _step_one(
        "saas",
        title="CRO",
        company="Pellucid Data",
        employee_count=200,
        notes="Disco 11/19. Q4 coverage 2.2x. Last agency's meetings were junk, "
        "wants meeting definition in contract.",
    )
    assert _question(saas) == "Shall I send the meeting definition we'd put in the contract?", saas
    _, plant = _step_one(
        "manufacturing",
        title="Plant Manager",
        company="Kessler Stamping",
        employee_count=300,
        notes="Demo booked 12/9 w/ Sam + CFO. Press failures cost ~$400k last yr. Wants contract draft by 12/15.",
    )
    assert _first(plant).startswith("Looking forward to the demo on the 9th."), plant
    assert _promised(plant) == "I'll have the draft contract over to you by December 15.", plant
    assert _question(plant) == "Anything else you'd like me to cover at the demo?", plant
    _, line = _step_one(
        "manufacturing",
        title="Plant Manager",
        company="Orrin Foods",
        employee_count=400,
        notes="Zoom 11/3. Scrap ~6% on line 2. Wants demo on the line.",
    )
    assert _question(line) == "Shall we set up the demo on the line?", line


def test_foreign_signals_with_abbreviated_dates_and_sources_are_said_in_english() -> None:
    """Readers marked emails that ignored a Spanish or German signal for a stock opener: a month abbreviated with
    a period ("sept. 2026", "Okt. 2026"), a source after a dash or in brackets, a job-ad label ("Stellenanzeige:")
    and a German genitive kept the fact out of the copy."""
    subject, bank = _step_one(
        "financial_services",
        title="Vicepresidenta de Mercadeo",
        company="Cooperativa Río Claro",
        employee_count=300,
        signals=["Apertura de nueva sucursal en Mayagüez (sept. 2026)"],
    )
    assert _first(bank).startswith("Congrats on opening the Mayagüez branch in September."), bank
    assert subject == "the Mayagüez branch", subject
    _, app = _step_one(
        "financial_services",
        title="VP de Mercadeo",
        company="Cooperativa Río Claro",
        employee_count=300,
        signals=["Lanzamiento de banca digital móvil – Primera Hora, oct. 2026"],
    )
    assert "mobile banking app in October" in _first(app) and "Primera Hora" not in app, app
    _, spa = _step_one(
        "hotel",
        title="Direktorin Vertrieb & Marketing",
        company="Hotel Bergsee",
        employee_count=80,
        signals=["Neueröffnung des Spa-Bereichs im Mai 2027 (Schwäbische Zeitung)"],
    )
    assert "opening a spa in May 2027" in _first(spa) and "Zeitung" not in spa, spa
    subject, sdr = _step_one(
        "saas",
        title="Head of Sales DACH",
        company="Lumenwerk GmbH",
        employee_count=90,
        signals=["Stellenanzeige: Sales Development Representative (m/w/d), München, Okt. 2026"],
    )
    assert "is hiring an SDR." in _first(sdr) and "München" not in _first(sdr), sdr
    assert "October" not in _first(sdr), sdr  # when the ad was posted is not when the hire is


def test_company_news_is_the_companys_even_to_a_manager_and_a_lease_up_label_is_said() -> None:
    """A reader marked "You launched your Cyber Risk Advisory practice" to a senior manager: the firm launched it.
    An enrichment label ("Lease-up: <project>, <units>, first move-ins <month>") lost to a job ad."""
    _, firm = _step_one(
        "professional_services",
        title="Senior Manager, Forensic Advisory",
        company="Ashgrove Partners",
        employee_count=300,
        signals=["Launched Forensic Accounting practice (press, Nov 2026)"],
    )
    assert _first(firm).startswith("Ashgrove Partners launched its Forensic Accounting practice."), firm
    subject, leasing = _step_one(
        "real_estate",
        title="VP of Leasing",
        company="Calder Residential",
        employee_count=200,
        signals=[
            "Lease-up: The Wren at Eastside, 280 units, first move-ins Feb 2027",
            "Job: Leasing Manager - Denver",
        ],
    )
    assert "lease-up at The Wren at Eastside in February 2027" in _first(leasing), leasing
    assert subject == "The Wren lease-up", subject
    assert "hiring" not in _first(leasing), leasing


def test_a_job_ad_for_the_offers_own_work_is_joined_to_the_news_it_follows() -> None:
    """A reader wrote "Blue Canyon is hiring a Player Reactivation Analyst just as the renovation is finished"
    where the email said only the renovation: a role named for the offer's own work rides with the news; any other
    role does not."""
    subject, casino = _step_one(
        "casino",
        title="Director of Database Marketing",
        company="Red Willow Casino Resort",
        employee_count=1500,
        signals=[
            f"{_days_ago(30)} · Press: Red Willow completes $30M renovation of 250 hotel rooms",
            "Job post: Player Reactivation Specialist",
        ],
    )
    first = _first(casino).split(". ")[0]
    assert "$30M renovation of 250 hotel rooms" in first and "hiring a Player Reactivation Specialist" in first, (
        casino
    )
    assert "hiring" not in subject, subject
    _, other = _step_one(
        "casino",
        title="Director of Database Marketing",
        company="Red Willow Casino Resort",
        employee_count=1500,
        signals=[
            f"{_days_ago(30)} · Press: Red Willow completes $30M renovation of 250 hotel rooms",
            "Job post: Night Auditor",
        ],
    )
    assert "hiring" not in _first(other), other


def test_someone_else_decides_so_the_question_brings_them_in() -> None:
    """Readers marked a generic "15 minutes" to a reader whose notes name who decides: bring that person in (by
    name, or by an introduction the reader offered), or send something the reader can take to them."""
    _, bank = _step_one(
        "financial_services",
        title="Director of Digital Banking",
        company="Ridgeview Federal Credit Union",
        employee_count=400,
        notes="Moving online banking to Alkami in Q3. Says campaigns + agency spend sit with the CMO (Nora Diaz).",
    )
    assert _question(bank) == "Would it make sense to include Nora on a 15-minute call?", bank
    _, casino = _step_one(
        "casino",
        title="Director of Hotel Operations",
        company="Silver Creek Casino Hotel",
        employee_count=900,
        notes="Met at G2E booth. Midweek occ ~61%. Says casino mktg (Dir Mktg Omar Reyes) owns player campaigns. "
        "Offered to intro.",
    )
    assert (
        _question(casino)
        == "Thanks for offering to introduce me to Omar; would a short call with the three of us next week work?"
    ), casino
    _, sdr = _step_one(
        "saas",
        title="SDR Manager",
        company="Quillpath",
        employee_count=90,
        notes="Team of 4 SDRs can't hit the 80 mtgs/mo target, doing ~50. Likes the idea, but VP Sales decides.",
    )
    assert "is doing about 50 meetings a month against a target of 80" in _first(sdr), sdr
    assert "new SDR" not in _first(sdr).lower(), sdr  # an existing team is no new team to ramp
    assert _question(sdr) == "Want me to send a one-page summary you could share with your VP of Sales?", sdr
    _, own = _step_one(
        "saas",
        title="VP Sales",
        company="Quillpath",
        first_name="Ryan",
        employee_count=90,
        notes="Coverage 1.7x. VP Sales (Ryan Shaw) signs anything under $20k/mo.",
    )
    assert "include Ryan" not in own, own  # the reader decides: nobody to bring in


def test_a_webinar_and_a_quoted_verdict_are_said_as_a_rep_would() -> None:
    _, shop = _step_one(
        "ecommerce",
        title="Email Marketing Manager",
        company="Birch & Bark Pet",
        employee_count=60,
        notes="Inbound webinar attendee. Says post-purchase flow 'barely converts', "
        "~35% of customers one-and-done.",
    )
    first = _first(shop)
    assert first.startswith("Thanks for joining our webinar."), shop
    assert (
        "post-purchase flow barely converts, and about 35% of your customers buy once and never come back" in first
    )
    assert "'barely" not in first, shop


def _month_day(days: int) -> str:
    """A notes date ("12/3") `days` from today."""
    day = date.today() + timedelta(days=days)
    return f"{day.month}/{day.day}"


def test_a_meeting_set_ahead_is_what_the_question_prepares_for() -> None:
    """Readers marked "Worth 15 minutes?" to a prospect with a meeting already set ("mtg 12/3 with him + CEO",
    "Demo set wk of 12/7"): ask what to bring to it; a meeting ahead is never thanked for."""
    ahead = _month_day(5)
    day = _INFLECT_ORDINAL(int(ahead.split("/")[1]))
    _, saas = _step_one(
        "saas",
        title="CRO",
        company="Freightlane",
        employee_count=200,
        notes=f"Call {_month_day(-10)}. Coverage 1.7x vs 3x target. Dana signs; mtg {ahead} with her + CEO.",
    )
    assert _question(saas) == f"Anything you'd like me to bring to the meeting on the {day}?", saas
    _, casino = _step_one(
        "casino",
        title="VP Player Development",
        company="Cedar Ridge Casino",
        employee_count=900,
        notes=f"Mtg {ahead} w/ Ray. ~30% of rated players havent been back in 6+ mo, hosts cant keep up.",
    )
    assert "Thanks for the meeting" not in casino, casino  # it has not happened yet
    assert "haven't been back in 6+ months, and hosts can't keep up" in casino, casino
    _, demo = _step_one(
        "casino",
        title="VP Player Development",
        company="Cedar Ridge Casino",
        employee_count=900,
        notes=f"Talked {_month_day(-3)}. ~30% of rated players lapsed. Demo set wk of {ahead}.",
    )
    assert _question(demo) == f"Anything you'd like me to bring to the demo the week of the {day}?", demo


def test_who_said_it_on_a_podcast_is_named_and_the_measure_loses_its_verb() -> None:
    subject, body = _step_one(
        "healthcare_clinic",
        title="Office Manager",
        company="Brookline Orthopaedics",
        employee_count=40,
        notes="Dr. Alvarez on a regional practice-owner podcast: no-shows ran ~16% last quarter.",
    )
    assert _first(body).startswith(
        "Dr. Alvarez said on a regional practice-owner podcast that no-shows ran about 16% last quarter."
    ), body
    assert "ran" not in subject and "Alvarez" not in subject, subject


def test_a_cold_call_a_failure_count_and_a_foreign_platform_move_are_said() -> None:
    _, plant = _step_one(
        "manufacturing",
        title="Maintenance Manager",
        company="Holloway Turning",
        employee_count=120,
        notes="Cold call connect. Gearbox failures on the lathe line, 4 unplanned stops last month.",
    )
    first = _first(plant)
    assert first.startswith("Thanks for taking my call the other day."), plant
    assert "gearbox failures caused 4 unplanned stops on the lathe line last month" in first, plant
    subject, shop = _step_one(
        "ecommerce",
        title="Leiterin E-Commerce",
        company="Teehaus Nord GmbH",
        employee_count=40,
        signals=["Wechsel von Shopware auf Shopify Plus im März geplant"],
    )
    assert _first(shop).startswith("You're moving from Shopware to Shopify Plus in March."), shop
    assert subject == "the move to Shopify Plus", subject


def test_a_platform_move_note_takes_its_article_and_its_date_a_preposition() -> None:
    _, bank = _step_one(
        "financial_services",
        title="Director of Digital Banking",
        company="Lakeshore Federal Credit Union",
        employee_count=400,
        notes="Replacing online banking platform Q3 2027.",
    )
    assert "replacing your online banking platform in Q3 2027" in _first(bank).replace("its", "your"), bank


def test_names_are_never_cut_mid_phrase_and_urgent_care_gets_its_own_observation() -> None:
    """Readers marked "Crestline Urgent" and "a credit union like Buckeye Valley Community" as cut-off names, and a
    recall pitch about patients who are "due" to an urgent care, where patients walk in."""
    _, urgent = _step_one(
        "healthcare_clinic", title="Marketing Manager", company="Pinecrest Urgent Care", employee_count=120
    )
    assert "Pinecrest Urgent " not in urgent.replace("Pinecrest Urgent Care", ""), urgent
    assert "walk" in urgent or "come in once" in urgent, urgent
    assert "when a patient is due" not in urgent, urgent
    _, union = _step_one(
        "financial_services",
        title="President & CEO",
        company="Maple Hollow Community Credit Union",
        employee_count=90,
    )
    assert "Maple Hollow Community," not in union and "Maple Hollow Community " not in union.replace(
        "Maple Hollow Community Credit Union", ""
    ), union
    _, plant = _step_one(
        "manufacturing",
        title="VP Operations",
        company="Kestrel Plastics",
        employee_count=400,
        signals=["Adding 10 injection molding presses at new Querétaro plant"],
    )
    assert "at its new Querétaro plant" in _first(plant), plant


def test_enrichment_labels_with_dates_and_dots_and_a_pos_switch_with_its_hire() -> None:
    """From a tuning read: "Press release 10/14/2026: X breaks ground on 300-room hotel tower" and "Job post ·
    Player Reactivation Analyst" were never said; a POS switch across 38 units lost to a job ad."""
    subject, casino = _step_one(
        "casino",
        title="Director of Database Marketing",
        company="Two Forks Casino Resort",
        employee_count=1500,
        signals=[
            "Job post · Player Reactivation Manager · 2026-11-02",
            "Press release 10/20/2026: Two Forks breaks ground on 280-room hotel tower",
        ],
    )
    first = _first(casino).split(". ")[0]
    assert "breaking ground on a 280-room hotel tower" in first and "Player Reactivation Manager" in first, casino
    assert subject == "the 280-room hotel tower", subject
    subject, bagels = _step_one(
        "restaurant",
        title="VP Marketing",
        company="Maple Street Bagels",
        employee_count=900,
        signals=["Hiring: Director of Digital & Loyalty", "Switching POS from Aloha to Toast, 41 units"],
    )
    first = _first(bagels)
    assert (
        "switching its POS from Aloha to Toast across 41 units and is hiring a Director of Digital & Loyalty"
        in (first)
    ), bagels
    assert "POS switch" in first and "hiring" not in subject, (subject, bagels)


def test_questions_name_what_the_offer_would_move_not_a_bare_fifteen_minutes() -> None:
    """Readers called "Worth 15 minutes while you're hiring?", "Could we find 15 minutes while your 6th office is
    new?", "Open to a 15-minute call next week?" and "a short example from a similar company" weak asks."""
    _, hire = _step_one(
        "saas", title="VP Sales", company="Quotient Labs", employee_count=150, signals=["Hiring 5 SDRs and 2 AEs"]
    )
    bare = ("Worth 15 minutes while you're hiring?", "Could we find 15 minutes while the search is on?")
    assert _question(hire) not in bare, hire
    _, office = _step_one(
        "healthcare_clinic",
        title="Practice Administrator",
        company="Harborview Family Dental Group",
        employee_count=150,
        signals=[f"{_days_ago(60)} · Opened 7th office in Port Orchard"],
    )
    assert "your 7th office could book into open slots?" in _question(office), office
    for seed in ("a", "b", "c", "d", "e", "f"):
        _, thin = _step_one(
            "hotel",
            title="Corporate Revenue Manager",
            company="Marisol Hospitality Group",
            employee_count=900,
            email=f"{seed}@marisol-hg.com",
        )
        question = _question(thin)
        assert "similar company" not in question and "next week" not in question, question


def test_a_launch_in_the_offers_own_words_leads_and_lateral_partners_are_said_whole() -> None:
    subject, grill = _step_one(
        "restaurant",
        title="Off-Premise Manager",
        company="Saltgrass Kitchen",
        employee_count=600,
        signals=[
            "Launched new Saltgrass app with online ordering (Oct 2026)",
            "Opening 6 locations in Austin in 2027",
        ],
    )
    assert _first(grill).startswith("Saltgrass Kitchen launched its new Saltgrass app with online ordering."), (
        grill
    )
    assert subject == "the new Saltgrass app", subject
    subject, firm = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Hollis Crane LLP",
        employee_count=120,
        signals=["Four tax partners joined laterally from a rival firm (Sep 2026)"],
    )
    assert "four lateral tax partners" in _first(firm).lower() and "laterally" not in firm, firm
    assert subject == "four lateral tax partners", subject
    _, big = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Hollis Crane LLP",
        employee_count=120,
        signals=["Four tax partners joined laterally from a Big Four firm (Sep 2026)"],
    )
    assert "from a Big Four firm" in _first(big), big  # a number in a name is no agreement fault


def test_an_owners_goal_and_a_channel_they_do_not_run_yet_are_said() -> None:
    _, resort = _step_one(
        "hotel",
        title="Director of Sales & Marketing",
        company="Cedar Cove Resort",
        employee_count=200,
        notes="Call 11/16. OTA mix 44% of room nights, paying ~17% comm. Owner wants direct at 55%+ by 2027.",
    )
    assert "paying about 17% commission, and that the owner wants the direct share at 55%+ by 2027" in resort, (
        resort
    )
    _, inn = _step_one(
        "hotel", title="GM", company="Wexley Inn", employee_count=40, notes="Opera Cloud. No metasearch running."
    )
    assert _first(inn).startswith("You're not running metasearch yet. Without metasearch,"), inn
    _, denial = _step_one(
        "hotel", title="GM", company="Wexley Inn", employee_count=40, notes="No renovation running."
    )
    assert "renovation" not in denial.lower(), denial  # only a channel of the offer's own work is a gap


def test_an_event_label_is_its_verb_and_a_soft_opening_keeps_its_date() -> None:
    _, body = _step_one(
        "casino",
        title="Director of Hotel Operations",
        company="Red Bluff River Casino",
        employee_count=2000,
        signals=["Opening: 180-room hotel tower, soft opening Mar 2027 (Casino Journal)"],
    )
    assert "is opening a 180-room hotel tower, with a soft opening in March 2027" in _first(body), body
    assert "Opening:" not in body and "Casino Journal" not in body, body


def test_a_european_call_date_a_board_target_and_app_shares_read_right() -> None:
    """From a tuning read: "Call 18/11" was thanked as "the call on the 11th"; "+$120M core deposits",
    "Deliveroo + Uber Eats ~35% of sales" and "pro forma assumed 88%" were pasted."""
    _, saas = _step_one(
        "saas",
        title="Sales Manager DACH",
        company="Klantvast B.V.",
        employee_count=120,
        notes="Call 18/11. DACH pipeline at zero, launching Germany in Q1.",
    )
    assert "on the 18th" in _first(saas) and "on the 11th" not in saas, saas
    _, bank = _step_one(
        "financial_services",
        title="VP Marketing",
        company="Granite Falls Community Bank",
        employee_count=200,
        notes="Call 11/12. LTD ~97%, board wants +$90M core deposits in 2027.",
    )
    assert "wants another $90M in core deposits in 2027" in bank and "+$" not in bank, bank
    _, burgers = _step_one(
        "restaurant",
        title="Head of Digital",
        company="Ember Lane Burgers",
        employee_count=700,
        notes="Deliveroo + Uber Eats ~30% of sales at ~27% commission.",
    )
    assert _first(burgers).startswith("About 30% of your sales come through Deliveroo and Uber Eats"), burgers


def test_a_coffee_a_dated_job_label_and_an_announced_plant_are_said() -> None:
    _, firm = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Hale Bishop LLP",
        employee_count=90,
        notes="Coffee 11/14 w/ Ann. 2 of their 4 rainmakers retire in '27.",
    )
    assert _first(firm).startswith("Thanks for the coffee on the 14th."), firm
    _, plant = _step_one(
        "manufacturing",
        title="VP Manufacturing",
        company="Osprey Components",
        employee_count=900,
        signals=[
            "Announced new 150,000 sq ft machining plant in Monterrey (2026-10-02)",
            "Job posting (2026-11-05): Maintenance Planner",
        ],
    )
    assert "is opening a new 150,000 sq ft machining plant in Monterrey" in _first(plant), plant
    assert "Job posting" not in plant, plant


def test_a_physician_or_dentist_is_greeted_as_doctor() -> None:
    """A reader marked "Hi Anika" to a physician-owner the notes call "Dr. Rao"."""
    dentist = _step_one(
        "healthcare_clinic", title="Owner, DDS", company="Brightleaf Dental", last_name="Okafor", employee_count=20
    )[1]
    assert dentist.startswith("Hi Dr. Okafor,"), dentist
    owner = _step_one(
        "healthcare_clinic",
        title="Medical Director & Owner",
        company="Cedar Family Medicine",
        last_name="Lin",
        employee_count=40,
        notes="Dr. Lin: ~500 patients not seen in 18+ mo.",
    )[1]
    assert owner.startswith("Hi Dr. Lin,"), owner
    manager = _step_one(
        "healthcare_clinic", title="Practice Manager", company="Cedar Family Medicine", last_name="Ng"
    )[1]
    assert manager.startswith("Hi Alex,"), manager


def test_shorthand_from_the_spent_holdout13_read_is_said_plainly() -> None:
    _, plant = _step_one(
        "manufacturing",
        title="Plant Manager",
        company="Tri-County Molding",
        employee_count=300,
        signals=["Adding 4 presses / new line in Q2 2027"],
    )
    assert "adding 4 presses and a new line in Q2 2027" in _first(plant) and " / " not in plant, plant
    _, bowls = _step_one(
        "restaurant",
        title="VP Marketing",
        company="Green Ladle",
        employee_count=800,
        notes="Loyalty app relaunch slated Mar 2027.",
    )
    assert "relaunch is slated for" in _first(bowls), bowls


def test_a_deal_under_way_gets_what_was_promised_and_the_agreed_next_step() -> None:
    """Blind readers of the holdout14 read marked every post-call email that asked "Shall I send the case study
    first?" about something the prospect had already asked for ("asks permission for something she already
    requested"): a deal under way is answered with what we owe them, by when, and the next step they agreed."""
    _, racino = _step_one(
        "casino",
        title="Mgr, Player Dev",
        company="Cedar Bend Racino",
        employee_count=600,
        notes="Spoke 10/21 - ~30% of rated players haven't tripped in 6 mo. Wants case study w/ reinvestment "
        "numbers before looping in VP Mktg. Send deck, f/u Wed 10am.",
    )
    assert _promised(racino) == (
        "I'll have the case study with the reinvestment numbers and our deck over to you this week, so you have "
        "them before you bring in your VP of Marketing."
    ), racino
    assert _question(racino) == "Does Wednesday at 10am still work to go through them?", racino
    assert "Shall I send" not in racino and "At Jackpot Loop" not in racino, racino  # they know who we are
    _, dso = _step_one(
        "healthcare_clinic",
        title="COO",
        company="Summit Smiles Dental",
        employee_count=400,
        notes="Met at AADOM 10/2. 19 offices. Needs BAA + pricing for a 2-office pilot.",
    )
    assert _first(dso).startswith("Good to meet you at AADOM."), dso  # the day after the event is not said
    assert _promised(dso) == "I'll have our BAA and pricing over to you this week.", dso
    _, hotel = _step_one(
        "hotel",
        title="Directrice Commerciale",
        company="Hôtel Les Embruns",
        employee_count=70,
        notes="Appel 3/10 : 55 % des nuitées via Booking. Envoyer propale + cas client d'ici vendredi.",
    )
    assert _promised(hotel) == "I'll have the proposal and the case study over to you by Friday.", hotel
    _, leasing = _step_one(
        "real_estate",
        title="VP Marketing",
        company="Larkspur Living",
        employee_count=300,
        notes="Call 4/8. 260-unit lease-up, 38% leased. Asked for CPL benchmarks. Wants plan by mid-Dec.",
    )
    assert _promised(leasing) == (
        "I'll have the cost-per-lead benchmarks and the plan over to you by mid-December."
    ), leasing


def test_what_is_not_ours_to_send_is_no_promise() -> None:
    """Another vendor's figures, a plan they will make, a pilot they want: nothing we owe them."""
    from copywriter.promise import owed

    assert owed("Signed w/ Luma in Sept, wants to see Luma numbers first, revisit Q3 2027") is None
    assert owed("Wants to plan the Q1 budget with the CFO. Wants pilot in 3 offices.") is None
    assert owed("Needs their schedules full by spring.") is None
    assert owed("Wants BAA before any pilot.") == owed("Wants BAA.")


def test_shapes_from_the_spent_holdout14_read() -> None:
    """Shapes blind readers of holdout14 marked: "your says about 38%", "and about 14% unfilled hygiene", a budget
    the reader holds told back as the company's, a full building pitched for its vacancies, "Monterrey - 2026-07"
    and "'Kindred Club' 09-2026" pasted with their dates, "Shall I follow up in 2027 delivery?"."""
    _, casino = _step_one(
        "casino",
        title="Player Development Manager",
        company="Red Willow Casino",
        employee_count=500,
        notes="Spoke 10/7 - says ~31% of rated players haven't visited in 9 mo.",
    )
    assert "You mentioned that about 31% of your rated players" in _first(casino), casino
    _, dental = _step_one(
        "healthcare_clinic",
        title="COO",
        company="Brightpath Dental",
        employee_count=300,
        notes="Open chair time is their top KPI issue, ~12% unfilled hygiene.",
    )
    assert "with hygiene about 12% unfilled" in dental and "and about 12% unfilled" not in dental, dental
    _, full = _step_one(
        "real_estate",
        title="Marketing Director",
        company="Harbor Row Living",
        employee_count=200,
        notes="Owns ILS budget (~$35k/mo) across 18 props. Avg occ 95%. Next lease-up not until 2028 delivery.",
    )
    assert "owns its ILS budget" not in full and "95%" not in full and "props" not in full, full
    assert _question(full) == "Shall I follow up before the 2028 delivery?", full
    _, plant = _step_one(
        "manufacturing",
        title="VP Operations",
        company="Halvorsen Machining",
        employee_count=300,
        signals=["Opened new machining plant in Saltillo - 2026-08"],
    )
    assert "in Saltillo." in _first(plant) and "2026-08" not in plant, plant
    _, shop = _step_one(
        "ecommerce",
        title="Director of Retention",
        company="Hearth Tea Co.",
        employee_count=120,
        signals=["Launched subscription tier 'Hearth Circle' 08-2026"],
    )
    assert "launching the Hearth Circle subscription tier" in _first(shop) and "08-2026" not in shop, shop


def test_a_thin_record_names_its_trade_from_the_company_name() -> None:
    """Blind readers of holdout14 found two thin e-commerce emails word for word the same ("Most online retailers
    I talk to ...") for a skincare brand and an athletic-wear brand: the trade in the name sets the observation."""
    for company, trade in (
        ("Lumen Skin", "In consumables, customers run out on a schedule"),
        ("Northpeak Athletic", "In apparel, the first order is often a test of fit"),
        ("Copperleaf Roasters", "In consumables, customers run out on a schedule"),
    ):
        _, shop = _step_one("ecommerce", title="CMO", company=company, employee_count=60)
        assert _first(shop).startswith(trade) and "I talk to" not in shop, (company, shop)
    for company, trade in (
        ("Verde Salad Co.", "In quick service"),
        ("Pasta Nonna Trattoria Group", "In full-service dining"),
    ):
        _, food = _step_one("restaurant", title="Marketing Manager", company=company, employee_count=300)
        assert _first(food).startswith(trade), (company, food)
    _, foundry = _step_one(
        "manufacturing", title="Plant Manager", company="Oak Hollow Castings", employee_count=200
    )
    assert "the machines on the floor usually give warnings" in _first(foundry), foundry


def test_the_step_one_question_is_framed_three_ways_across_a_batch() -> None:
    """Blind readers saw "Worth 15 minutes ..." end every email of a batch: the frame varies by reader and voice,
    the question it asks does not."""
    frames: set[str] = set()
    for name in (
        "Harbor Light",
        "Saltmarsh",
        "Juniper Point",
        "Cobble Lane",
        "Lantern Bay",
        "Alder Ridge",
        "Moss Hill",
    ):
        _, body = _step_one(
            "hotel",
            title="Director of Revenue",
            company=f"{name} Hotel",
            email=f"alex@{name.replace(' ', '').lower()}.com",  # the reader: what the frame's hash is keyed on
            employee_count=150,
            notes="OTAs bring in ~55% of room nights.",
        )
        asked = next(line for line in body.split("\n\n") if line.rstrip().endswith("?"))
        frames.add(re.sub(r" (?:to see|before|while|on) .*", "", asked))
        assert _question(body).startswith("Worth 15 minutes "), body
    # tier 1 readers get two frames; the third is the other voice's (two people at one account differ)
    assert frames == {"Worth 15 minutes", "Open to a 15-minute call"}, frames


def test_shapes_from_the_tuning_read_of_holdout13() -> None:
    """Shapes two blind readers named in a tuning read of the spent holdout13: a department after a dash in a job
    ad, a date after a dash or a comma, a retail launch called "a new line", "the 35% third-party delivery", a
    size glued to a figure of theirs, "190 units to let" from "(268 + 190 units)", the next call the notes set."""
    _, firm = _step_one(
        "professional_services",
        title="Dir. Business Development",
        company="Ashby Crane CPAs",
        employee_count=120,
        signals=["Hiring: Business Development Manager - Tax (2026-10-02)"],
    )
    assert "hiring a business development manager." in firm.lower() and "- tax" not in firm.lower(), firm
    subject, beauty = _step_one(
        "ecommerce",
        title="Dir. Retention",
        company="Willowmere Skin",
        employee_count=80,
        signals=["Launched in Ulta Beauty 08/2026"],
    )
    assert "08/2026" not in beauty and "A new line" not in beauty and subject == "the Ulta Beauty launch", beauty
    subject, bowls = _step_one(
        "restaurant",
        title="Director of Off-Premise",
        company="Grainhouse Bowls",
        employee_count=900,
        notes="Call 3/4 - 52 units, 3PD is ~30% of off-prem and margin on those orders is thin. "
        "Send creds + 2 QSR refs.",
    )
    assert "your 52 units, and" not in bowls, bowls
    assert "third-party delivery is about 30% of off-premise sales" in bowls, bowls
    assert subject == "third-party delivery at 30%", subject
    assert _promised(bowls) == "I'll have our credentials and two QSR references over to you this week.", bowls
    _, leasing = _step_one(
        "real_estate",
        title="Dir. Leasing",
        company="Fernhill Residential",
        employee_count=150,
        notes="Call 5/2 - 2 lease-ups (240 + 180 units), 40% leased, need 90% by Oct for refi. "
        "Asked for a proposal. Next 5/9.",
    )
    assert "180 units to" not in leasing and "the two lease-ups are 40% leased" in leasing, leasing
    assert _promised(leasing) == "I'll have the proposal over to you before the call on the 9th.", leasing
    assert _question(leasing) == "Anything else you'd like me to cover on the call?", leasing


def test_open_roles_and_a_size_of_many_sites() -> None:
    """ "3 open BDR roles" is a job ad of the offer's own work, not a record with nothing to say; a size of two or
    more digits ("14 communities", "about 60 units") is said inside what is true of the trade, as one digit was."""
    _, sdr = _step_one(
        "saas",
        title="Director, Revenue Operations",
        company="Tallyrun AI",
        employee_count=300,
        signals=["4 open BDR roles (Oct 2026)"],
    )
    assert _first(sdr).startswith("I saw that Tallyrun AI is hiring 4 BDRs."), sdr
    _, diner = _step_one(
        "restaurant", title="Director of Off-Premise", company="Copper Pot Kitchen", notes="~40 units."
    )
    assert _first(diner).startswith("Across about 40 units, takeout is the side of the business"), diner


def test_a_bare_size_is_no_subject_when_the_trade_has_one() -> None:
    """Blind readers marked "3 sites" and "60 units" as a bare number copied from the record."""
    subject, clinic = _step_one(
        "healthcare_clinic", title="Medical Director & Owner", company="RapidCare Urgent Care", notes="4 sites"
    )
    assert not re.fullmatch(r"\d+ sites", subject) and subject.split()[-1] in clinic.lower(), (subject, clinic)


def test_the_sender_line_varies_across_a_batch() -> None:
    """Blind readers named "the same sender line in all 20": across readers of one sender it takes several
    shapes; none points back at the paragraph before it ("That's the work we do at ..." and "It's what we do at
    ..." read as pointing at a problem, not a service, to two readers)."""
    lines = set()
    for name in (
        "Harbor Light",
        "Saltmarsh",
        "Juniper Point",
        "Cobble Lane",
        "Lantern Bay",
        "Alder Ridge",
        "Moss Hill",
    ):
        for tier_title in ("Director of Revenue", "Revenue Analyst"):
            _, body = _step_one(
                "hotel",
                title=tier_title,
                company=f"{name} Hotel",
                email=f"sam@{name.replace(' ', '').lower()}.com",
                employee_count=150,
                notes="OTAs bring in ~55% of room nights.",
            )
            lines.add(body.split("\n\n")[2])
    assert len(lines) >= 3, lines
    assert not any(line.startswith(("That's the work", "It's what")) for line in lines), lines


def test_repeats_and_vague_plans_from_the_tuning_read() -> None:
    """A second sentence that says the first again, a tool named as "With Mailchimp at X", "comes due" twice, and
    "a short written plan" of nothing named: each was marked by a blind reader."""
    _, firm = _step_one("professional_services", title="Partner", company="Hale Durban CPAs", employee_count=40)
    assert firm.count("after busy season") <= 1, firm
    _, shop = _step_one(
        "ecommerce",
        title="VP Marketing",
        company="Ridgewell Outfitters",
        employee_count=80,
        technologies=["Mailchimp"],
    )
    assert "With Mailchimp at" not in shop, shop
    _, clinic = _step_one("healthcare_clinic", title="Owner", company="FastLane Urgent Care", notes="2 sites")
    assert clinic.count("comes due") <= 1, clinic
    asked = _question(clinic)
    assert "plan" not in asked or "plan of what we'd run" in asked, clinic


def test_news_that_is_new_is_asked_through_the_outcome() -> None:
    """ "while the $22M renovation is new?" read as mechanical (and stale months later) to two blind readers: a
    tier 1 with news of that kind hears the industry's outcome question."""
    _, hotel = _step_one(
        "hotel",
        title="Director of Revenue Management",
        company="Saltgrass Resort & Spa",
        employee_count=300,
        signals=["Completed $18M renovation of all 140 rooms (May 2026)"],
    )
    assert "is new?" not in hotel and "renovation is" not in _question(hotel), hotel


def test_shapes_from_the_tuning_read_of_holdout12() -> None:
    """A blind reader's marks: a pasted job title as the subject, "a stay pays a commission", "independent" the
    record never says, "is down 2 hosts since July", "in Kansas City metro", "no-show/late cancel is about 14%"."""
    subject, _ = _step_one(
        "ecommerce",
        title="Head of Retention",
        company="Fernway Skincare",
        employee_count=90,
        signals=["Hiring: Lifecycle Marketing Manager"],
    )
    assert subject.lower() == "your lifecycle marketing hire", subject
    _, hotel = _step_one("hotel", title="General Manager", company="The Alcott Hotel", employee_count=60)
    assert "independent" not in hotel and not re.search(r"stays? (?:\w+ )*pays a commission", hotel), hotel
    _, casino = _step_one(
        "casino",
        title="VP Player Development",
        company="Iron Creek Casino",
        employee_count=700,
        notes="Call 11/18. Host team down 2 hosts since July, says ~4,000 rated players lapsed 12mo+.",
    )
    assert "is down 2 hosts since" not in casino, casino
    _, bank = _step_one(
        "financial_services",
        title="CMO",
        company="Prairie Oak Bank",
        employee_count=400,
        signals=["Opening three branches in Omaha metro"],
    )
    assert "in the Omaha metro" in bank and "for banks and credit unions" not in bank, bank


def test_a_certificate_of_occupancy_and_mail_costs_are_read() -> None:
    """Facts a blind reader called the strongest in their records, left unread: a building's certificate of
    occupancy (a completed building to lease up), direct mail's cost a piece."""
    _, dev = _step_one(
        "real_estate",
        title="Principal",
        company="Larkin Row Developments",
        employee_count=30,
        signals=["Certificate of occupancy received for 120-unit Larkin Row South — Oct 2026"],
    )
    assert _first(dev).startswith("Congrats on completing the 120-unit Larkin Row South."), dev
    from copywriter.angles import normalise_note

    said = normalise_note("Konami CMS, offers go out via mail house only, DM running ~$1.20/pc and she hates it")
    assert "direct mail costs about $1.20 a piece" in said and "hates" not in said and "Konami" not in said, said


def test_shapes_from_the_spent_holdout15_read() -> None:
    """Shapes blind readers of holdout15 marked after the read: "is hiring Leasing Consultants x6", "hiring a BDR"
    for "3x BDR", "3 SDRs on Greenhouse", "now is 34%", "after full renovation", ", go-live Feb 2026", "Open to a
    15-minute call on the switch to Shopify Plus?", "... on booking qualified outbound meetings while the search is
    on?"."""
    from copywriter.angles import read_fact

    said = {
        "Hiring Leasing Consultants x6 (Oct 2025)": "Hiring 6 Leasing Consultants",
        "Hiring 3x BDR": "Hiring 3 BDRs",
        "Hiring 3 SDRs on Greenhouse": "Hiring 3 SDRs",
        "Hiring Lifecycle Marketing Manager": "Hiring a Lifecycle Marketing Manager",
    }
    for written, expected in said.items():
        fact = read_fact(written, "signals", None)
        assert fact is not None and fact.text == expected, (written, fact)
    _, pizza = _step_one(
        "restaurant",
        title="VP Digital",
        company="Emberline Pizza",
        employee_count=800,
        signals=["CEO on podcast: third-party delivery now 31% of sales (Sept 2025)"],
    )
    assert "delivery is now 31% of sales" in pizza, pizza
    _, sdr = _step_one(
        "saas", title="VP Sales", company="Ledgerpine", employee_count=120, signals=["Hiring 4 SDRs"]
    )
    assert "while the search is on" not in sdr, sdr
    _, shop = _step_one(
        "ecommerce",
        title="Director of Retention",
        company="Cobalt Trail Outfitters",
        employee_count=150,
        signals=["Replatformed to Shopify Plus (Aug 2025)"],
    )
    assert "the switch to Shopify Plus?" not in _question(shop), shop


def test_a_lease_up_begun_leads() -> None:
    """ "The Aster at Mill Creek (312 units) began lease-up Sept 2025" was the strongest fact a blind reader found
    unused (its count was cut and its clause never read)."""
    subject, leasing = _step_one(
        "real_estate",
        title="VP of Leasing",
        company="Eastbrook Residential",
        employee_count=400,
        signals=["The Linden at Fox Hollow (280 units) began lease-up Aug 2026", "Hiring Leasing Consultants x4"],
    )
    assert "lease-up at the 280-unit Linden at Fox Hollow in August 2026" in _first(leasing), leasing
    assert "280 units to lease" in leasing and "lease-up" in subject, (subject, leasing)


def test_an_employer_award_does_not_lead() -> None:
    """ "Named to Crain's Best Places to Work" led an email to an office landlord with "A milestone like that is a
    good moment to look at how fast vacant units fill", a non sequitur to its blind reader."""
    _, office = _step_one(
        "real_estate",
        title="Asset Manager",
        company="Halden Office Partners",
        employee_count=60,
        signals=["Named to Crain's 2026 Best Places to Work"],
    )
    assert "Best Places" not in office and "milestone" not in office.lower(), office


def test_a_second_fact_comes_with_its_own_so_what_or_not_at_all() -> None:
    """ "You also announced a 400-game slot floor expansion." after the lead's "so what" read as tacked on: a
    second fact follows with a "so what" of its own."""
    _, casino = _step_one(
        "casino",
        title="Dir. Database Marketing",
        company="Red Mesa Casino",
        employee_count=800,
        signals=["Job posting: Player Reactivation Analyst", "Announced 300-game slot floor expansion"],
    )
    first = _first(casino)
    assert "You also announced a 300-game slot floor expansion. Something new on the floor" in first, casino


def test_shapes_from_the_tuning_read_of_holdout14() -> None:
    """A blind reader's marks on a re-read of the spent holdout14: the notes' strongest figures left as unread
    fragments ("New 312-unit lease-up in Charlotte, 41% leased at mo 5", "2.1x pipe coverage against a 3.5x
    target", "In-house SDR team of 3, 2 quit in Q3"), "renovation 2026.09", "Dallas - 6 new units", "one a direct
    booking would keep"."""
    from copywriter.angles import normalise_note, read_fact

    said = {
        "New 280-unit lease-up in Raleigh, 38% leased at mo 4, behind pro forma": "The new 280-unit lease-up in "
        "Raleigh is 38% leased at month 4, behind pro forma",
        "1.8x pipe coverage vs a 3x target": "Pipeline coverage is 1.8x vs a 3x target",
        "In-house SDR team of 4, 3 quit in Q2": "Three of your four SDRs quit in Q2",
        "Expanding into Austin - 5 new units": "Expanding into Austin with 5 new units",
    }
    for written, expected in said.items():
        assert normalise_note(written) == expected, (written, normalise_note(written))
    fact = read_fact("Lobby and amenity renovation 2026.09", "signals", None)
    assert fact is not None and "2026.09" not in fact.text, fact
    _, hotel = _step_one("hotel", title="General Manager", company="The Alcott Hotel", employee_count=60)
    assert "one a direct booking" not in hotel, hotel


def test_requests_in_the_records_language_are_owed() -> None:
    """ "Wil voorstel voor win-back + post-purchase flows. Vervolg 21/10." and "Demande une soumission." were
    answered with a cold 15-minute ask (two readers of the holdout14 re-read)."""
    from copywriter.promise import owed

    dutch = owed("Wil voorstel voor win-back + post-purchase flows. Vervolg 21/10.")
    assert dutch is not None and dutch.things == "the proposal for the win-back and post-purchase flows", dutch
    french = owed("Demande une soumission.")
    assert french is not None and french.things == "the quote", french
    _, shop = _step_one(
        "ecommerce",
        title="Hoofd E-commerce",
        company="Kiezel Wonen",
        employee_count=60,
        notes="Gesprek 7/10: 65% van de klanten koopt maar één keer. Wil voorstel voor win-back flows. "
        "Vervolg 24/10.",
    )
    assert (
        _promised(shop) == "I'll have the proposal for the win-back flows over to you before the call on the 24th."
    )
    assert _question(shop) == "Anything else you'd like me to cover on the call?", shop


def test_a_doubt_about_agencies_is_answered_and_an_offered_intro_thanked() -> None:
    """A blind reader of the holdout14 re-read: the email "does nothing about Tom's doubts about agencies" and
    "repeats his own offer back to him without thanks"."""
    _, sdr = _step_one(
        "saas",
        title="SDR Manager",
        company="Quillmark",
        employee_count=70,
        notes="Likes the idea, but says VP Sales (Dana) owns budget and is skeptical of agencies after a bad "
        "experience w/ last vendor. Offered to intro.",
    )
    assert _first(sdr).startswith("Glad the idea landed. I understand Dana has been burned by an agency before"), (
        sdr
    )
    assert sdr.count("qualified meetings held") == 1, sdr  # the sender line does not say the number again
    assert _question(sdr).startswith("Thanks for offering to introduce me to Dana;"), sdr


def test_shapes_from_the_spent_holdout16_read() -> None:
    """Requests and notes two blind readers of holdout16 marked as unanswered or pasted."""
    from copywriter.angles import normalise_note, read_fact
    from copywriter.promise import owed

    asked = {
        "Asked for ILS + paid social plan w/ pricing.": "the ILS and paid social plan with pricing",
        "Asked for 2 fintech refs + pricing for 6-mo pilot. Next: refs by Mon.": "the two fintech references and "
        "pricing",
        "Asked for a 3-store pilot proposal + loyalty demo with the owner next Tue.": "the 3-store pilot proposal",
        "A demandé une proposition et des exemples de campagnes.": "the proposal and examples",
        "Asked for pricing + sample SMS flow she can send to compliance.": "the pricing and the sample SMS flow",
        "Send 1-pager before Q3 budget review.": "the one-pager",
        "Llamada 4/2: Mandar caso de éxito.": "the case study",
    }
    for notes, things in asked.items():
        got = owed(normalise_note(notes))
        assert got is not None and got.things == things, (notes, got)
    refs = owed(normalise_note("Next: refs by Mon."))
    assert refs is not None and (refs.prep, refs.when) == ("by", "Monday"), refs
    said = {
        "new 180-unit bldg at 41% leased": "The new 180-unit building is 41% leased",
        "need ~$60M new deposits by Q4": "Need about $60M in new deposits by Q4",
        "lost ~140 hours unplanned downtime": "Lost about 140 hours of unplanned downtime",
        "opening 2 branches in Raleigh-Durham MSA": "Opening 2 branches in the Raleigh-Durham area",
    }
    for written, expected in said.items():
        assert normalise_note(written) == expected, (written, normalise_note(written))
    for written, expected in {
        "Hiring 3 Maintenance Technician": "Hiring 3 Maintenance Technicians",
        "Hiring 3 SDRs and SDR Manager": "Hiring 3 SDRs and an SDR Manager",
        "Reopened after 14-month renovation": "Reopened after a 14-month renovation",
    }.items():
        fact = read_fact(written, "signals", None)
        assert fact is not None and fact.text == expected, (written, fact)


def test_a_second_call_is_a_call() -> None:
    """ "2nd call 3/9." read as cold (no reference to the call) to a blind reader of holdout16."""
    _, pizza = _step_one(
        "restaurant",
        title="Director of Operations",
        company="Forno Vecchio Group",
        employee_count=300,
        notes="2nd call 3/9. 3P delivery = 30% of sales. Asked for a pilot proposal.",
    )
    assert _first(pizza).startswith(
        ("Thanks for the call on the 9th.", "Good talking on the 9th.", "Thanks again")
    ), pizza


def test_shapes_from_the_spent_holdout17_read() -> None:
    """Requests and notes two blind readers of holdout17 found unanswered or pasted (read at 40ee5b1)."""
    from copywriter.angles import normalise_note
    from copywriter.promise import owed

    asked = {
        "Asked for pilot proposal: 2 SDR pods, NA + EMEA.": "the pilot proposal",
        "Asked for demo of ordering + loyalty and cost comparison vs their Olo setup.": (
            "the cost comparison against your Olo setup"
        ),
        "Asked for pilot quote on 2 lines + how we integrate w/ their MES.": (
            "the pilot quote and a note on how we integrate with your MES"
        ),
        "Asked for BAA + sample recall texts.": "our BAA and sample recall texts",
    }
    for notes, things in asked.items():
        got = owed(normalise_note(notes))
        assert got is not None and got.things == things, (notes, got)
    for written, expected in {
        "need ~$60M new deposits by YE": "Need about $60M in new deposits by year-end",
        "with OEE about at 58%": "With OEE at about 58%",
        "Wants more deposits but says marketing owns campaigns": "Wants more deposits",
    }.items():
        assert normalise_note(written) == expected, (written, normalise_note(written))
    _, cafe = _step_one(
        "restaurant",
        title="COO",
        company="Cumin Street Eats",
        employee_count=400,
        notes="Call 3/11. 3P delivery = 31% of sales. Decides w/ CEO, budget opens Q2.",
    )
    assert "decides" not in cafe.lower() and "budget opens" not in cafe, cafe
    _, bank = _step_one(
        "financial_services",
        title="Chief Lending Officer",
        company="Ridgeway State Bank",
        employee_count=300,
        notes="Intro call 3/28. Wants more commercial deposits; offered intro to their CMO.",
    )
    assert _question(bank).startswith("Thanks for offering to introduce me to your CMO;"), bank


def test_after_a_call_the_company_is_not_introduced_again() -> None:
    """Blind readers of holdout17 and of the holdout14 re-read: the email "introduces the company again to people
    who were already on a call". Met at an event, the reader may not remember us, and the line stays."""
    _, called = _step_one(
        "hotel",
        title="Director of Revenue",
        company="Larchmere Hotel",
        employee_count=150,
        notes="Call 11/12. OTAs ~52% of room nights.",
    )
    assert "runs direct-booking campaigns" not in called and "we run direct-booking campaigns" not in called, (
        called
    )
    _, met = _step_one(
        "casino", title="VP Marketing", company="Silver Pine Casino", employee_count=800, notes="Met at G2E"
    )
    assert "player reactivation email and SMS campaigns" in met, met


def test_the_sender_line_says_how_the_work_runs_only_for_that_kind_of_offer() -> None:
    """Blind readers took "the one number we're judged on is ..." in every email for a template and an implied
    promise: the sender line says how the sender's kind of work runs for the buyer instead ("overdue patients
    are sent a link to book an open slot"), and only when the sender's offer is that kind of work; a clinic
    sender with another offer never claims a recall mechanism it does not sell, and the checker reads that claim
    as off-offer."""
    profile = industry_agents.get_builtin("healthcare_clinic")
    assert profile is not None
    who = ProspectData(
        email="mara@lakesidefamilydental.com",
        first_name="Mara",
        title="Practice Manager",
        company="Lakeside Family Dental",
        employee_count=40,
        notes="About 1,400 patients overdue for hygiene recall.",
    )
    analysis = analyze_rules(profile, who)
    recall = generate_sequence_rules(profile, who, analysis, sender_for("healthcare_clinic"), steps=4)
    line = next(p for p in recall.steps[0].body.split("\n\n") if "RecallRx Health" in p)
    assert re.search(r"overdue patients (?:get|are sent) a link to book an open slot", line), line
    assert "judged" not in line and "measure" not in line and recall.steps[0].quality.passed
    billing = Sender(name="Morgan Avery", company="ClaimPath", offer="medical billing and claims follow-up")
    other = generate_sequence_rules(profile, who, analysis, billing, steps=4).steps[0]
    assert "book an open slot" not in other.body and "overdue patients are sent" not in other.body, other.body
    pasted = other.body.replace(
        next(p for p in other.body.split("\n\n") if "ClaimPath" in p),
        "ClaimPath provides medical billing and claims follow-up: overdue patients get a link to book a slot.",
    )
    report = check_quality(
        channel="email", body=pasted, subject=None, step=1, profile=profile, prospect=who, sender=billing
    )
    assert any(i.code == "off_offer" for i in report.issues), report.issues


def test_call_notes_are_said_back_as_whole_sentences() -> None:
    """Every fresh blind read named call notes pasted back as comma splices ("..., 22% pre-leased", "..., staff
    running 15-20 open slots") and bare subjects ("You mentioned that MQL-to-SQL rate is ..."): a verbless
    fragment is joined with "with", a second measure is said "with X at Y", a bare subject is theirs, and its verb
    agrees with its head."""
    cases = [
        (
            "real_estate",
            "VP of Leasing",
            "Halvorsen Living",
            "Call 4/2 - 96-unit tower in Tacoma delivering in May, 30% pre-leased.",
            "You mentioned that your 96-unit tower in Tacoma is delivering in May, with 30% pre-leased.",
        ),
        (
            "saas",
            "VP Sales",
            "Quillmark",
            "Call 3/3 - SQL-to-win rate is about 18%, pipeline coverage 1.6x.",
            "You mentioned that your SQL-to-win rate is about 18%, with pipeline coverage at 1.6x.",
        ),
        (
            "healthcare_clinic",
            "Practice Manager",
            "Brookside Pediatrics",
            "Call 5/6: about 1,200 patients overdue for well visits, 30+ open slots a week.",
            "You mentioned that about 1,200 patients are overdue for well visits, with 30+ open slots a week.",
        ),
        (
            "ecommerce",
            "Head of Retention",
            "Fernleaf Goods",
            "Call 2/9 - repeat rate on first-time buyers are stuck at 19%.",
            "You mentioned that your repeat rate on first-time buyers is stuck at 19%.",
        ),
    ]
    for industry, title, company, notes, said in cases:
        _, body = _step_one(
            industry,
            title=title,
            company=company,
            email=f"lee@{company.replace(' ', '').lower()}.com",
            employee_count=120,
            notes=notes,
        )
        assert said in body, (said, body)


def test_how_the_deal_moves_is_never_told_back_as_news() -> None:
    """Notes on who joins the next call and whether they want one ("Wants to loop in office mgr on next call",
    "Didn't want a call yet") were pasted as the opening ("You mentioned that your didn't want a call yet."): they
    are ours to plan with, not facts to tell."""
    for industry, title, company, notes in (
        (
            "hotel",
            "Director of Revenue",
            "Ashgrove Inn",
            "Met at AHLA 4/2. Doesn't want a call until after peak season. Wants to bring in the GM next time.",
        ),
        (
            "manufacturing",
            "Plant Manager",
            "Tolland Extrusions",
            "Intro call 6/3. Wants to loop in maintenance lead on next call. No demo yet.",
        ),
    ):
        _, body = _step_one(
            industry,
            title=title,
            company=company,
            email=f"lee@{company.replace(' ', '').lower()}.com",
            employee_count=120,
            notes=notes,
        )
        opening = body.split("\n\n")[1]
        assert not re.search(r"\bwant a call|\bbring in the GM|\bloop in|\bno demo", opening, re.IGNORECASE), body


def test_a_signal_is_dated_by_its_event_not_by_when_it_was_posted() -> None:
    """ "Ouverture d'une nouvelle tour ... prévue à l'automne 2026 (janv. 2026)" was told as "Congrats on opening a
    new 180-room hotel tower in January" (a blind reader: the date in brackets is when the signal was logged)."""
    year = date.today().year
    subject, body = _step_one(
        "casino",
        title="Directrice marketing",
        company="Casino des Trois-Pins",
        email="m.roy@casinotroispins.ca",
        signals=[f"Ouverture d'une tour hôtelière de 200 chambres prévue en juin {year + 1} (janv. {year})"],
    )
    assert "June" in body and "January" not in body and "Congrats" not in body, body
    subject, body = _step_one(
        "hotel",
        title="Leiterin E-Commerce",
        company="Seehotel Almblick",
        email="k.berger@seehotel-almblick.at",
        signals=[f"Wiedereröffnung nach Komplettrenovierung im Oktober {year + 1} (März {year})"],
    )
    assert "March" not in subject + body and "October" in subject + body, (subject, body)


def test_a_shift_written_as_a_numeral_gets_its_so_what() -> None:
    """ "Added its 2nd shift and 4 new CNC cells" led with no "so what" (a blind reader): an ordinal written as a
    numeral is the same shift."""
    _, body = _step_one(
        "manufacturing",
        title="Plant Manager",
        company="Tamsin Tool & Die",
        email="r.tamsin@tamsintool.com",
        employee_count=180,
        signals=["Added a 3rd shift at the Dayton plant (Mar 2026)"],
    )
    assert "Another shift means" in body, body


def test_someone_who_asked_us_to_come_back_later_gets_a_holding_note_not_a_pitch() -> None:
    """A blind reader of a record that said "reconnect in August": "she already said 'later', yet she gets a full
    cold pitch and 'worth a look this quarter'". Step 1 says when we come back and with what, asks one question
    about it, and its subject is that time; a time that is only a fact of theirs keeps the usual email."""
    subject, body = _step_one(
        "restaurant",
        title="Director of Operations",
        company="Copperline Taqueria Group",
        email="d.ruiz@copperlinetaqueria.com",
        employee_count=350,
        notes="Call 5/2, 15 min. 9 units, Toast POS. "
        "Told us to circle back in October once the menu refresh is done.",
    )
    first = _first(body)
    assert first.startswith("Good talking on the 2nd."), body
    assert "rather pick this up in October once the menu refresh is done, so I'll be in touch then" in first
    assert first.endswith("for Copperline."), first
    assert _question(body) == "Anything you'd like me to include in it?", body
    assert body.count("\n\n") <= 4, body  # greeting, note, question, sign-off: after a call, no sender line
    assert subject == "picking this up in October", subject
    _, fact = _step_one(
        "restaurant",
        title="Director of Operations",
        company="Copperline Taqueria Group",
        email="d.ruiz@copperlinetaqueria.com",
        employee_count=350,
        notes="9 units, Toast POS. Next new opening not until 2028.",
    )
    assert "rather pick this up" not in fact, fact


def test_the_sender_line_names_no_compliance_label_and_says_the_channel_once() -> None:
    """ "HIPAA-compliant patient recall and reactivation text and email campaigns: overdue patients get a text or
    email ..." read as the offer pasted in (tuning readers): the label goes, the channel is said where the work
    is described, and an offer whose description names no channel keeps its own ("email and SMS")."""
    _, clinic = _step_one(
        "healthcare_clinic", title="Practice Manager", company="Larkspur Dental Studio", employee_count=30
    )
    sender = next(p for p in clinic.split("\n\n") if "RecallRx" in p)
    assert "HIPAA" not in sender and "compliant" not in sender, sender
    assert "patient recall and reactivation" in sender, sender
    assert len(re.findall(r"\btext\b", sender)) <= 1, sender
    _, casino = _step_one("casino", title="VP Marketing", company="Larkspur Casino", employee_count=800)
    assert "player reactivation email and SMS campaigns" in casino, casino


def test_shapes_from_the_spent_holdout16_and_holdout17_reads() -> None:
    """Shapes tuning readers of holdout16/17 marked, probed in our own wording: "the April effective" (a date after
    "effective"), "3 SDRs and SDR Manager", "40 mi east", "Metriqa's curious about outsourced SDR, said." (an
    interest note said as news, its quote cut), an intro call not thanked for, and news joined to a hire with no
    "so what" after them."""
    subject, club = _step_one(
        "casino",
        title="Director of Database Marketing",
        company="Lone Cedar Casino",
        email="a.moss@lonecedarcasino.com",
        employee_count=1500,
        signals=["Announced rewards program overhaul effective March 2026"],
    )
    assert "effective" not in subject + club and "overhaul from March 2026" in club, (subject, club)
    _, team = _step_one(
        "saas",
        title="CRO",
        company="Quintly",
        email="j.park@quintly.io",
        employee_count=150,
        signals=["Hiring 4 SDRs + SDR Team Lead"],
    )
    assert "4 SDRs and an SDR Team Lead" in team, team
    _, rival = _step_one(
        "casino",
        title="VP Marketing",
        company="Lone Cedar Casino",
        email="a.moss@lonecedarcasino.com",
        employee_count=1500,
        notes="Call 6/3. Lapsed rated players up ~12% since a competitor opened 25 mi south.",
    )
    assert "25 miles south" in rival and " mi " not in rival, rival
    _, curious = _step_one(
        "saas",
        title="Co-founder & CEO",
        company="Tallyfin",
        email="sam@tallyfin.com",
        notes="intro 3/12 - ~60 ppl. Curious about outsourced SDR, said 'maybe next half'.",
    )
    assert _first(curious).startswith("Thanks"), curious  # the intro call is thanked for
    assert "curious" not in curious.lower() and ", said" not in curious, curious
    _, hire = _step_one(
        "restaurant",
        title="VP Marketing",
        company="Bramble Street Pizza",
        email="k.lowe@bramblestreetpizza.com",
        employee_count=700,
        signals=["Launched a lunch menu in 20 units (2026-03)", "Hiring: Loyalty Marketing Manager"],
    )
    first = _first(hire)
    assert "hiring a Loyalty Marketing Manager" in first, hire
    assert len(re.findall(r"[.!?](?:\s|$)", first)) >= 2, first  # the two facts, then what they mean for them


def test_shapes_from_the_spent_holdout13_tuning_read() -> None:
    """A tuning reader of holdout13 (seed 777): "I'll send the area and SOW draft" (an MSA is an agreement there),
    a share "via" the OTAs left unread, and a named owner someone offered to introduce us to."""
    _, msa = _step_one(
        "saas",
        title="CRO",
        company="Ledgerbright",
        email="c.wu@ledgerbright.io",
        employee_count=140,
        notes="Call 9/3. Pipe cov ~2x. Asked for per-meeting pricing. Sending MSA + SOW draft.",
    )
    assert "area" not in msa and "MSA" in msa and "pipeline coverage" in msa, msa
    _, ota = _step_one(
        "hotel",
        title="Director of Revenue",
        company="Saltmarsh Inn Collection",
        email="r.hale@saltmarshinns.com",
        employee_count=120,
        notes="Call 10/2. ~58% of RNs via Expedia/Booking at 17% comm.",
    )
    assert "58% of your room nights come through Expedia and Booking at 17% commission" in ota, ota
    _, owner = _step_one(
        "casino",
        title="Revenue Manager",
        company="Cedar Falls Casino",
        email="m.ito@cedarfallscasino.com",
        employee_count=1200,
        notes="Spoke 5/9. Said reactivation is owned by marketing (Dana Price, CMO) - she'll intro.",
    )
    assert "introduce me to Dana" in owner, owner


def test_shapes_from_the_holdout19_tuning_read() -> None:
    """A tuning reader of holdout19 (seed 20261220) and the after-readers of the lost holdout18: reps type the next
    sentence of a note in lower case ("... top 500. compliance ok as long as ..."), and each is its own fact, never
    pasted onto the one before; shorthand said as a person says it. Probed in our own wording."""
    subject, lower = _step_one(
        "healthcare_clinic",
        title="Office Manager",
        company="Brookside Smiles",
        email="t.ng@brooksidesmiles.com",
        employee_count=60,
        notes="spoke 3/4. ~1,700 pts >18 mo overdue for cleanings. chairs 71% booked, goal 85%. no texting today.",
    )
    first = _first(lower)
    assert "about 1,700 patients are over 18 months overdue" in first, lower
    assert not re.search(r"\. [a-z]", first) and "goal 85%" not in first, lower  # no lower-case fragment pasted
    assert subject == "1,700 overdue patients", subject
    _, share = _step_one(
        "restaurant",
        title="Director of Marketing",
        company="Olive & Ash",
        email="j.ruiz@oliveash.com",
        employee_count=400,
        notes="Call 2/3. 3P apps = 36% of orders = roughly 900 orders/wk. Grubhub contract runs to Sep 2027.",
    )
    assert "apps is" not in share and "= " not in share and "orders/w" not in share, share
    assert "900 orders a week" in share and "your grubhub contract runs to september 2027" in share.lower(), share
    subject, mail = _step_one(
        "casino",
        title="Director of Player Development",
        company="Gold Basin Casino",
        email="r.ames@goldbasincasino.com",
        employee_count=900,
        notes="DM reactivation response sliding, 1.2% last qtr.",
    )
    assert "direct-mail reactivation response is sliding, down to 1.2% last quarter" in mail, mail
    assert subject == "direct-mail reactivation response at 1.2%", subject
    _, quarter = _step_one(
        "financial_services",
        title="SVP Retail Banking",
        company="Fox River Bank",
        email="m.lee@foxriverbank.com",
        employee_count=300,
        signals=["Opening 3 branches in Appleton Q3"],
    )
    assert "in Appleton in Q3" in quarter, quarter
    _, coverage = _step_one(
        "saas",
        title="VP Sales",
        company="Routewell",
        email="p.ode@routewell.io",
        employee_count=180,
        notes="H2 pipeline coverage 2.1x, needs 3x. had 6 SDRs, 3 quit in Sept.",
    )
    assert "your second-half pipeline coverage is 2.1x" in _first(coverage).lower(), coverage
    assert "your had" not in coverage.lower() and "in the second half pipeline" not in coverage, coverage
    _, owed = _step_one(
        "healthcare_clinic",
        title="Practice Administrator",
        company="Maple Hill Pediatrics",
        email="s.rao@maplehillpeds.com",
        employee_count=80,
        notes="Call 11/18. ~900 kids overdue for well visits. wants BAA + sample msgs before call 12/11.",
    )
    assert "before our call on the 11th" in owed and "before the call December" not in owed, owed
    assert "Shall we find" not in owed and "Would a short call" not in owed, owed  # a call is already set


def test_more_shapes_from_the_holdout19_read() -> None:
    """The rest of what that read and ours of holdout19 marked, in our own wording: a legal name's trade tail in
    another language ("Accountants en Adviseurs"), a job ad counted as "open roles for", a property's own name
    said without "your", a measure whose name starts with a figure, and a date with its year."""
    assert short_company("De Wit & Bakker Accountants en Adviseurs") == "De Wit & Bakker"
    assert short_company("Marlow & Co. CPAs") == "Marlow & Co"  # never "... Co.." at a full stop
    assert short_company("Larchmont Habitat Developments") == "Larchmont Habitat"
    subject, ads = _step_one(
        "saas",
        title="VP Sales",
        company="Carrowline",
        email="d.fay@carrowline.io",
        employee_count=150,
        signals=["Hiring: 4 open roles for Business Development Representative"],
    )
    assert "hiring 4 Business Development Representatives" in ads and "open roles for" not in ads, ads
    assert subject == "4 Business Development Representatives", subject
    subject, place = _step_one(
        "real_estate",
        title="VP Leasing",
        company="Fernway Living",
        email="k.obi@fernwayliving.com",
        employee_count=200,
        notes="Call 10/7. Birch Commons (280 units) delivers Apr '27, pre-leased 9% vs 20% target.",
    )
    assert "Birch Commons delivers in April 2027" in place and "Your Birch Commons" not in place, place
    assert subject == "Birch Commons", subject
    _, rate = _step_one(
        "ecommerce",
        title="Head of Retention",
        company="Larkspur Tea",
        email="m.ito@larkspurtea.com",
        employee_count=70,
        notes="90-day repeat rate 19%, wants 30% by Q3.",
    )
    assert "90-day repeat rate is 19%" in rate, rate
    _, dated = _step_one(
        "financial_services",
        title="SVP Marketing",
        company="Kettle Creek Bank",
        email="l.fox@kettlecreekbank.com",
        employee_count=250,
        notes="board goal +$80M core deposits by 3/31/27.",
    )
    assert "$80M more in core deposits by March 31, 2027" in dated and "3/31/27" not in dated, dated
    _, bought = _step_one(
        "real_estate",
        title="Director of Asset Management",
        company="Greyline Capital",
        email="p.sun@greylinecapital.com",
        employee_count=60,
        signals=["Acquired 220,000 sq ft flex portfolio in Tempe, 28% vacant"],
    )
    assert "a 220,000 sq ft flex portfolio in Tempe, now 28% vacant" in bought, bought


def test_call_note_shapes_of_holdout19_casinos_and_restaurants() -> None:
    """Our wording of what the holdout19 read found in casino and restaurant notes: players "w/ no trip since",
    a budget cut, "so she wants" about the reader, a channel that brings in only a share since launch, and a
    request for "how we handle ..." promised, not refused as a claim about us."""
    _, quiet = _step_one(
        "casino",
        title="VP Player Development",
        company="Copper Ridge Casino",
        email="l.hart@copperridgecasino.com",
        employee_count=1100,
        notes="call 10/2. ~15k rated players w/ no trip since May. hosts only work top 300.",
    )
    assert "about 15k rated players haven't made a trip since may" in quiet.lower(), quiet
    _, cut = _step_one(
        "casino",
        title="General Manager",
        company="Bitterroot Casino",
        email="g.mott@bitterrootcasino.com",
        employee_count=500,
        notes="DM budget cut 30% for '27 so she wants a cheaper channel to reach lapsed. asked for pricing + "
        "how we handle tribal gaming rules. f/u Thu 1/7",
    )
    assert "budget is cut 30% for 2027, so you want a cheaper channel to reach lapsed players" in cut, cut
    assert "a note on how we handle tribal gaming rules" in cut, cut
    _, app = _step_one(
        "restaurant",
        title="VP Marketing",
        company="Saltgrass Taqueria",
        email="r.vega@saltgrasstaqueria.com",
        employee_count=600,
        notes="Call 11/3. own app + loyalty launched '23 but only 7% of orders.",
    )
    assert "your own app and loyalty have brought in only 7% of your orders since launching in 2023" in app, app


def test_signal_shapes_of_the_holdout19_read() -> None:
    """Our wording of signals the holdout19 read marked: a completion label with its units and first move-ins (the
    strongest fact, lost to a job ad), a project "on schedule to open <month>", a job ad's second part that is the
    role's work ("CRM Manager, Player Reactivation" lost "Player Reactivation"), a follow-up set by date, and a
    "next: pilot scope" we owe."""
    subject, done = _step_one(
        "real_estate",
        title="Director of Leasing",
        company="Tamarack Homes",
        email="b.lund@tamarackhomes.com",
        employee_count=90,
        signals=[
            "Completion (2026-10): The Quarry Flats, 180 purpose-built rental units, first move-ins February 2027",
            "Hiring: Leasing Consultant",
        ],
    )
    assert (
        "completed The Quarry Flats, with 180 purpose-built rental units and first move-ins in February 2027"
        in done
    )
    assert "Quarry Flats" in subject and "renovation" not in subject, subject
    _, tower = _step_one(
        "casino",
        title="VP Marketing",
        company="Sable Point Casino",
        email="n.cole@sablepointcasino.com",
        employee_count=1400,
        signals=[
            "News (2026-09): 250-room hotel tower on track to open May 2027",
            "Hiring: CRM Analyst, Player Retention",
        ],
    )
    assert "250-room hotel tower is on track to open in May 2027" in tower, tower
    _, analyst = _step_one(
        "casino",
        title="VP Marketing",
        company="Sable Point Casino",
        email="n.cole@sablepointcasino.com",
        employee_count=1400,
        signals=["Hiring: CRM Analyst, Player Retention"],
    )
    assert "a CRM Analyst for player retention" in analyst, analyst
    _, dated = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Kestrel Advisory",
        email="a.roe@kestreladvisory.com",
        employee_count=40,
        notes="all new work via referrals. asked for pricing deck + case study, f/u 2/3",
    )
    assert "Shall I call you on February 3 to go through them?" in dated, dated
    _, scope = _step_one(
        "casino",
        title="Director of Player Development",
        company="Red Hollow Casino",
        email="c.ng@redhollowcasino.com",
        employee_count=800,
        notes="call 11/12. ~9k rated players w/ no trip since July. next: pilot scope to her by 12/18",
    )
    assert re.search(r"I.ll (?:have|send) the pilot scope over (?:to you )?by December 18\.", scope), scope


def test_record_words_that_read_as_something_else() -> None:
    """Our wording of the last shapes of the holdout19 reads: "Q2" the banking platform read as a calendar quarter,
    "UE+DD" and "1P", a rep's "lol", "<name> says ..." before what the reader said, brands as the subject, and an
    overview we said we would send."""
    _, platform = _step_one(
        "financial_services",
        title="VP Marketing",
        company="Millbrook Savings",
        email="e.kay@millbrooksavings.com",
        employee_count=220,
        technologies=["Q2", "Google Ads"],
    )
    assert "With Q2 in place" not in platform, platform
    _, apps = _step_one(
        "restaurant",
        title="Director of Marketing",
        company="Tin Cup Tacos",
        email="s.diaz@tincuptacos.com",
        employee_count=300,
        notes="UE+DD ~30% of orders. loyalty = stamp cards lol. wants 1P ordering live by summer.",
    )
    assert "UE+DD" not in apps and " lol" not in apps and "1P" not in apps, apps
    _, said = _step_one(
        "hotel",
        title="Director of Sales & Marketing",
        company="Cliffside Inn",
        email="r.moss@cliffsideinn.com",
        employee_count=90,
        notes="independent, 120 keys. Rosa says Expedia + Booking are ~60% of transient. ok to send overview now.",
    )
    assert "Rosa says" not in said and "Cliffside's Expedia" not in said, said
    assert "Expedia and Booking are about 60% of" in said and "the overview" in said, said


def test_what_the_holdout20_readers_named() -> None:
    """The after-readers of holdout20 (2 December) named these among what kept emails from going out; in our own
    wording: a bank hears that the campaigns are compliance-reviewed (the point of the offer to a bank; a clinic's
    "HIPAA-compliant" label still reads as the offer pasted in), "opening first branch" takes its "its", and a
    credit union's "CU" is no part of the name people say."""
    _, bank = _step_one(
        "financial_services",
        title="SVP Marketing",
        company="Pine Hollow CU",
        email="d.roy@pinehollowcu.org",
        employee_count=180,
        signals=["Opening first branch in Clark County (Q2 2027)"],
    )
    # said as what happens to every ad since readers of holdout19-21 read the "compliance-reviewed ..." label as
    # the offer pasted in; the bank still hears it
    assert "every ad is reviewed for compliance before it runs" in bank, bank
    assert "opening its first branch" in bank and "Pine Hollow CU" not in bank.split("\n\n", 1)[1], bank
    _, clinic = _step_one(
        "healthcare_clinic",
        title="Practice Administrator",
        company="Fernbrook Family Dental",
        email="k.ivy@fernbrookdental.com",
        employee_count=40,
        signals=["Opened a second office in Salem (October 2026)"],
    )
    assert "HIPAA-compliant" not in clinic, clinic


def test_more_of_what_the_holdout20_readers_named() -> None:
    """Our wording of the rest the holdout20 after-readers named: a walk-through thanked for, a second measure with
    its target, a rep's "- no pipeline there yet", a credit union's ratio and ALCO goal said whole (no pasted asset
    size), a memo and a workflow promised, a weekday that is not the date's, an inn called an inn, an acquisition
    announced is done, and the SDR question without the offer's label."""
    _, walk = _step_one(
        "manufacturing",
        title="VP Operations",
        company="Riverbend Cartons",
        email="t.lowe@riverbendcartons.com",
        employee_count=400,
        notes="Plant 1 walk-through 10/6. Unplanned downtime ~9% on the corrugators, OEE 61% vs 75% target. "
        "Needs ROI calc + security doc by 10/30.",
    )
    assert walk.split("\n\n")[1].startswith("Thanks for the walk-through on the 6th."), walk
    assert "with OEE at 61% against a 75% target" in walk and "the ROI model and the security document" in walk
    _, cu = _step_one(
        "financial_services",
        title="VP Marketing",
        company="Northshore Teachers Credit Union",
        email="p.ash@northshoreteachers.org",
        employee_count=250,
        notes="Met at GAC 3/2. $900M assets, LTS at 95%, ALCO wants ~$40M new deposits by Q4 '27. "
        "Next: send deposit case study + sample disclosure workflow by 3/20.",
    )
    assert "wants about $40M in new deposits by Q4 2027, with the loan-to-share ratio at 95%" in cu, cu
    assert "$900M" not in cu and "the sample disclosure workflow" in cu and "the send" not in cu, cu
    assert _weekday_checked("Friday November 21", date(2026, 12, 2)) == "November 21"  # a Saturday in 2026
    assert _weekday_checked("Friday December 4", date(2026, 12, 2)) == "Friday December 4"
    _, law = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Aldine Marsh LLP",
        email="k.marsh@aldinemarsh.com",
        employee_count=50,
        notes="Lunch 9/8. Opened Austin office w/ 2 laterals in Aug - no pipeline there yet. "
        "Send 1-pager + TX ethics rules memo.",
    )
    assert "with no pipeline there yet" in law and "the TX ethics rules memo" in law, law
    _, inn = _step_one("hotel", title="GM", company="Larkspur Inn", email="a.b@larkspurinn.com", employee_count=25)
    assert "lodge" not in inn, inn
    _, bought = _step_one(
        "real_estate",
        title="Director of Asset Management",
        company="Ridgefield Industrial",
        email="m.orr@ridgefieldindustrial.com",
        employee_count=80,
        signals=[
            "News (2026-09): Ridgefield Industrial acquires 4-building, 300,000 sq ft flex portfolio at 68% "
            "occupancy"
        ],
    )
    assert "is acquiring" not in bought and "acquiring a 4-building" in bought, bought
    _, sdr = _step_one("saas", title="Head of Growth", company="Quotient Loop", email="a.b@quotientloop.io")
    assert "outsourced SDR team could book" not in _question(sdr), sdr


def test_what_the_holdout21_readers_marked_rewrite() -> None:
    """Our wording of the garbled sentences the holdout21 readers marked "rewrite": a note that no clause can say
    (a verb after a possessive, another language, a lower-case month) gives way to the next fact or the
    observation instead of being pasted; a lower-case month is a month; a headline's verbs are all told as done
    (or all as under way); a rate's "/mo." ends its sentence; a standard's number takes a singular noun."""
    _, shy = _step_one(
        "ecommerce",
        title="Head of Marketing",
        company="Tinder Box Tea Co.",
        email="r.h@tinderboxtea.com",
        employee_count=30,
        notes="came from webinar 10/3. wouldn't share repeat rate, says retention is 'fine'. nudge in jan.",
    )
    assert "wouldn't share" not in shy and " the says" not in shy, shy
    _, dutch = _step_one(
        "saas",
        title="Commercieel Directeur",
        company="Rekenwerk B.V.",
        email="joost@rekenwerk.nl",
        employee_count=60,
        notes="gesprek 4/11: uitbreiding naar Frankrijk per Q2 2027, nog geen SDR's. offerte sturen.",
    )
    assert not {"uitbreiding", "naar", "nog", "geen"} & set(dutch.lower().split()), dutch
    _, later = _step_one(
        "hotel",
        title="Cluster GM",
        company="Kestrel Hospitality",
        email="m.k@kestrelhospitality.com",
        employee_count=90,
        notes="call 10/6. happy w/ current agency until 3/31 - said revisit in feb. owner decides.",
    )
    assert "pick this up in February," in later, later
    _, start = _step_one(
        "real_estate",
        title="VP Leasing",
        company="Larchmont Residential",
        email="a.l@larchmontres.com",
        employee_count=200,
        notes="call 10/2. wants proposal by 11/10 for jan start. 2nd building delivers may 2027.",
    )
    assert "jan start" not in start and " may 2027" not in start and "2nd is building" not in start, start
    _, merge = _step_one(
        "professional_services",
        title="Chief Business Development Officer",
        company="Hollis & Grant CPAs",
        email="j.g@hollisgrant.com",
        employee_count=180,
        signals=[
            "Press release (2026-09-02): Hollis & Grant merges with Northfield Advisory and opens a Tulsa office"
        ],
    )
    assert "merged with Northfield Advisory and opened a Tulsa office" in merge, merge
    _, cert = _step_one(
        "manufacturing",
        title="Plant Manager",
        company="Corvid Contract Assembly",
        email="k.c@corvidassembly.com",
        employee_count=300,
        signals=["Press release (2026-09-20): Corvid earns IATF 16949 certification and adds two SMT lines"],
    )
    assert "earned its IATF 16949 certification and added two SMT lines" in cert, cert
    _, rate = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Pell Ardmore LLP",
        email="r.p@pellardmore.com",
        employee_count=60,
        notes="call 10/20. MP decides w/ exec committee, budget ~$8k/mo. wants proposal by 11/11.",
    )
    assert ". wants" not in rate and "a month. " not in rate.split("\n\n")[1], rate


def test_what_the_holdout20_and_21_tuning_readers_named() -> None:
    """Our wording of what the seventh session's tuning readers of holdout20/21 named: a channel's share in an
    Italian, French or Spanish note leads (with its commission); a demo is thanked as their time; a fund close is
    no round; acquired branches keep their depositors; a deal's subject is its partner; a bank's market is its
    town; meetings are promised "in the next 90 days", never "this quarter"; what they would not share stays
    ours; the proposal for "the" 6-month pilot."""
    _, garda = _step_one(
        "hotel",
        title="Direttore Commerciale",
        company="Hotel Riva Chiara",
        email="m.r@hotelrivachiara.it",
        employee_count=60,
        notes="chiamata 3/11: OTA (Booking + Expedia) al 61% delle notti, commissioni circa €300k nel 2025.",
    )
    assert "Booking and Expedia bring in 61% of your room nights, with about €300K in commission in 2025." in garda
    _, tacos = _step_one(
        "restaurant",
        title="Dueño",
        company="Grupo Tacos del Norte",
        email="r.n@tacosdelnorte.mx",
        employee_count=200,
        notes="llamada 5/11: DoorDash y Uber Eats son ~30% de las ventas, comisiones del 25 %.",
    )
    assert "DoorDash and Uber Eats bring in about 30% of your sales, at 25% commission." in tacos, tacos
    _, demo = _step_one(
        "saas",
        title="CRO",
        company="Brickwise",
        email="e.b@brickwise.io",
        employee_count=150,
        notes="demo 11/19. Q1 pipeline coverage 1.7x, needs 3x. wants proposal for 6-month pilot by 12/6.",
    )
    assert "Thanks for your time at the demo on the 19th." in demo, demo
    assert "the proposal for the 6-month pilot" in demo and "this quarter" not in demo, demo
    _, fund = _step_one(
        "real_estate",
        title="Portfolio Manager",
        company="Larchfield Capital",
        email="j.l@larchfieldcap.com",
        employee_count=40,
        signals=["Funding (2026-09): closed $150M Fund II for value-add multifamily acquisitions"],
    )
    assert "round" not in fund, fund
    subject, bank = _step_one(
        "financial_services",
        title="SVP Marketing",
        company="Susquehanna Ridge Bank",
        email="d.s@susqridge.com",
        employee_count=300,
        location="Lewisburg, Pennsylvania, United States",
        signals=[
            "Press release (2026-10-15): Susquehanna Ridge completes acquisition of Mifflin County Savings, "
            "adding four branches"
        ],
    )
    assert subject == "the Mifflin County Savings acquisition", subject
    assert "first months set its deposit base" not in bank and "in and around Lewisburg" in bank, bank
    _, dentist = _step_one(
        "healthcare_clinic",
        title="Owner, DDS",
        company="Adeyemi Family Dentistry",
        email="k.a@adeyemidental.com",
        employee_count=15,
        notes="2 offices. Uses Dentrix recall postcards, didn't share numbers.",
    )
    assert "share" not in dentist, dentist


def test_after_a_call_their_second_figure_before_the_trade_line() -> None:
    """After a call, a second figure of theirs with its own "so what" takes the place of the industry's line about
    the first (tuning readers of holdout21: "skips the two SDRs who quit"); their signing authority is never told
    back, and a determiner never takes a verb ("Your used an SDR agency")."""
    _, quit_ = _step_one(
        "saas",
        title="CRO",
        company="Tillerline",
        email="a.t@tillerline.io",
        employee_count=250,
        notes="call 10/20. pipeline coverage 1.7x vs 3x target for FY27. "
        "3 of 6 SDRs quit since June, backfill ~4 mo.",
    )
    opening = quit_.split("\n\n")[1]
    assert "SDRs quit" in opening and "hard to close while new reps" not in opening, quit_
    _, capex = _step_one(
        "manufacturing",
        title="Plant Manager",
        company="Ostrava Stamping",
        email="p.o@ostravastamping.com",
        employee_count=400,
        notes="call 10/24. OEE ~60% on stamping lines, ~120 hrs unplanned downtime last qtr. "
        "owns capex under $200k.",
    )
    assert "capex" not in capex, capex


def test_a_demo_set_in_french_and_a_rate_with_what_it_comes_to() -> None:
    """A demo set in the record's language is the question ("démo prévue le 9 déc." -> what to bring to it, never
    another 15 minutes); "3p delivery = 31% of sales, avg commission ~24% so roughly $1.1M/yr" is said whole."""
    _, demo = _step_one(
        "restaurant",
        title="Propriétaire",
        company="Groupe Café Sorel",
        email="m.s@cafesorel.ca",
        employee_count=120,
        notes="appel 10/11 : livraison UberEats/DoorDash ≈ 25 % des ventes, commissions autour de 30 %. "
        "démo prévue le 9 déc.",
    )
    assert "Uber Eats and DoorDash bring in about 25% of your sales, at about 30% commission." in demo, demo
    assert "the demo on the 9th?" in _question(demo), demo
    _, rate = _step_one(
        "restaurant",
        title="VP Marketing",
        company="Copper Skillet",
        email="t.c@copperskillet.com",
        employee_count=600,
        notes="call 10/19. 3p delivery = 29% of sales, avg commission ~23% so roughly $900k/yr in fees.",
    )
    assert "third-party delivery is 29% of sales, at an average commission of about 23%, or roughly $900k" in rate


def test_a_foreign_rate_with_its_target_and_a_call_back_at_the_end_of_a_month() -> None:
    """A rate measured against a target in a Portuguese, Dutch, German or Spanish note leads in English ("Your
    repeat purchase rate is 17% at 12 months, against a 25% target for 2027."), the call's own label in that
    language is thanked for, and "llamar a fines de febrero" is a holding note."""
    _, pt = _step_one(
        "ecommerce",
        title="Diretora de Marketing",
        company="Sapataria Ribeira",
        email="i.r@sapatariaribeira.pt",
        employee_count=40,
        notes="Reunião 13/11: taxa de recompra 16% a 12 meses, objetivo 24% em 2027. Shopify + Klaviyo.",
    )
    assert "Your repeat purchase rate is 16% at 12 months, against a 24% target for 2027." in pt.replace(
        "You mentioned that your", "Your"
    ), pt
    assert "on the 13th" in pt.split("\n\n")[1], pt
    _, de = _step_one(
        "ecommerce",
        title="Leiterin E-Commerce",
        company="Wolkenhaus GmbH",
        email="k.w@wolkenhaus.de",
        employee_count=60,
        notes="Telefonat 12.11.: Wiederkaufrate nach 90 Tagen nur 15 %, Newsletter läuft über Klaviyo.",
    )
    assert "repeat purchase rate is 15% at 90 days" in de, de
    _, es = _step_one(
        "manufacturing",
        title="Gerente de Planta",
        company="Troqueles del Bajío",
        email="j.t@troquelesbajio.mx",
        employee_count=300,
        notes="Llamada 18/11 con Ing. Soto: OEE de 60% en prensas, meta 72% para junio 2027.",
    )
    assert "OEE on the presses is 60%, against a 72% target for June 2027" in es, es
    _, later = _step_one(
        "healthcare_clinic",
        title="Administradora de Práctica",
        company="Clínicas Pediátricas Sol",
        email="i.s@pediatricassol.com",
        employee_count=50,
        notes="hablamos 11/12. interesada en recordatorios por texto. llamar a fines de febrero",
    )
    assert "pick this up at the end of February" in later, later  # a holding note, as in English


def test_a_call_day_read_month_first_when_day_first_is_still_ahead() -> None:
    """ "hablamos 11/12" on a record read on December 2: the call happened, so it was on November 12, not on the
    11th of a December still to come (a tuning reader of holdout19); and a follow-up date already past is never
    proposed."""
    from copywriter.planner import _ahead_of_today, _gone

    assert _ahead_of_today(12, 11, date(2026, 12, 2)) and not _ahead_of_today(11, 12, date(2026, 12, 2))
    assert _gone(11, 20, date(2026, 12, 2)) and not _gone(1, 7, date(2026, 12, 2))


def test_foreign_openings_with_two_places_and_a_named_club() -> None:
    """ "deux nouvelles succursales à Mirabel et Blainville" is said whole ("two new branches in Mirabel and
    Blainville", subject "the two new branches"), and the sender line does not name the head office's town for
    them; a press release's "lancement du nouveau club de joueurs « Cercle Marée »" names the club."""
    subject, caisse = _step_one(
        "financial_services",
        title="Vice-présidente, Marketing",
        company="Caisse des Deux-Rives",
        email="g.r@caissedeuxrives.ca",
        employee_count=400,
        location="Saint-Eustache, Québec, Canada",
        signals=["Ouverture (2026-10): deux nouvelles succursales à Mirabel et Blainville au printemps 2027"],
    )
    assert "two new branches in Mirabel and Blainville" in caisse and subject == "the two new branches", caisse
    assert "Saint-Eustache" not in caisse, caisse
    subject, club = _step_one(
        "casino",
        title="Directrice, marketing relationnel",
        company="Casino de la Baie",
        email="g.b@casinodelabaie.ca",
        employee_count=600,
        signals=["Communiqué (2026-10-30): lancement du nouveau club de joueurs « Cercle Azur » en janvier 2027"],
    )
    assert "You're launching Cercle Azur, a new players club, in January 2027." in club, club


def test_a_follow_up_weekday_keeps_its_date() -> None:
    """ "f/u Tue 12/8" is "Tuesday the 8th" (a tuning reader of holdout19), only when 8 December is a Tuesday."""
    from copywriter.planner import _weekday_fits

    assert _weekday_fits("Tue", "12", "8", date(2026, 12, 2)) and not _weekday_fits(
        "Wed", "12", "8", date(2026, 12, 2)
    )


def test_a_denied_rumour_is_no_fact_and_the_call_back_time_is_the_one_that_names_a_time() -> None:
    """ "rumor they're moving EHR is wrong" and "no-shows 'not really a thing'" are nothing to write about; of
    "maybe recall for sports physicals ..., undecided. call back mid-feb" the wait is the call back's."""
    subject, held = _step_one(
        "healthcare_clinic",
        title="Medical Director & Partner",
        company="Brightline Urgent Care",
        email="a.r@brightlineuc.com",
        last_name="Reyes",
        employee_count=120,
        notes="call 11/17. 6 sites. rumor they're switching EHR is wrong - staying on athena. "
        "no-shows 'not really a thing' for walk-ins. maybe recall for flu shots before august, undecided. "
        "call back mid-feb.",
    )
    assert "rumor" not in held and "not really" not in held, held
    assert "pick this up in mid-February" in held and subject == "picking this up in mid-February", (subject, held)


def test_a_holding_note_sets_up_the_demo_asked_for_and_office_space_is_leased_to_businesses() -> None:
    """ "wants a vibration sensor demo, call back after ..." is held with the demo, not a plan; the lease-up sender
    line speaks of businesses looking for space to an owner of office buildings (tuning reader of holdout19)."""
    subject, held = _step_one(
        "manufacturing",
        title="Maint. Mgr",
        company="Clearwater Bottling",
        email="w.c@clearwaterbottling.com",
        employee_count=150,
        notes="call 11/20. 2 bottling lines. no CMMS. wants a vibration sensor demo, "
        "call back after inventory count 1/6",
    )
    assert "set up the vibration sensor demo." in held and subject == "the vibration sensor demo", (subject, held)
    assert _question(held) == "Anything you'd like the demo to cover?", held
    _, office = _step_one(
        "real_estate",
        title="Asset Manager",
        company="Ridgeline Capital",
        email="d.r@ridgelinecap.com",
        employee_count=40,
        signals=["Acquisition (2026-10): acquired 150,000 sq ft suburban office portfolio, 30% vacant"],
    )
    assert "people looking to rent" not in office and "looking for space" in office, office


def test_rates_per_month_sizes_and_possessives_said_as_a_rep_would() -> None:
    """ "subs churn ~9%/mo" is "subscription churn about 9% a month", "1k+ emp accounts" are "1,000+-employee
    accounts", a rate "on first-time buyers" is one rate ("is stuck at"), ", no numbers" is ours, and a name
    already possessive keeps one apostrophe ("Nonna Rosa's app orders")."""
    from copywriter.angles import normalise_note
    from intelligence.english import possessive

    said = normalise_note("2nd-order rate on first-time buyers stuck ~24%, subs churn ~9%/mo")
    assert said == "2nd-order rate on first-time buyers is stuck at about 24%, subscription churn about 9% a month"
    assert normalise_note("moving upmarket to 1k+ emp accounts") == "Moving upmarket to 1,000+-employee accounts"
    assert normalise_note("downtime on the fillers 'a headache', no numbers shared") == (
        "Downtime on the fillers 'a headache'"
    )
    assert possessive("Nonna Rosa's") == "Nonna Rosa's" and possessive("Mosaic Payments") == "Mosaic Payments'"


def test_what_the_holdout22_readers_named() -> None:
    """Our wording of what the after-readers of holdout22 named: a headline's joined verb keeps the lead's form
    ("Congrats on completing ... and opening a rooftop bar", never "and opened rooftop bar"), its bare objects
    take their articles ("in a $28M expansion"), "revisit Jan 6" is "on January 6", "11 hrs/wk/plant" is "a week
    per plant"."""
    from copywriter.angles import normalise_note
    from copywriter.planner import _with_articles

    assert _with_articles("Completed $14M renovation and opened rooftop bar") == (
        "Completed $14M renovation and opened a rooftop bar"
    )
    assert _with_articles("Added second molding line in $28M expansion") == (
        "Added second molding line in a $28M expansion"
    )
    assert normalise_note("downtime ~11 hrs/wk/plant") == "Downtime about 11 hours a week per plant"
    _, held = _step_one(
        "ecommerce",
        title="Director of Ecommerce",
        company="Fernleaf Skincare",
        email="d.f@fernleafskincare.com",
        employee_count=40,
        notes="call 11/12. repeat rate ~25%. said revisit Jan 6, after the holiday rush.",
    )
    assert "pick this up on January 6" in held, held


def test_a_call_back_asked_for_in_french_is_a_holding_note() -> None:
    """ "Rappeler après le 15 janvier" after a call: held until then (after-readers of holdout22), with the
    company's own French name no sign of a garbled sentence, and a subject that names the date."""
    subject, held = _step_one(
        "financial_services",
        title="Directrice principale, marketing",
        company="Caisse d'économie Val-Brillant",
        email="g.v@caissevalbrillant.ca",
        employee_count=200,
        notes="Appel 30/10 avec Geneviève. Objectif : +30 M$ en dépôts. Rappeler après le 15 janvier.",
    )
    assert "pick this up after January 15" in held and subject == "after January 15", (subject, held)


def test_a_passive_note_in_the_past_and_what_is_missing() -> None:
    """ "Flows built by a freelancer in 2023, no SMS" is "Flows were built by a freelancer in 2023, and there's no
    SMS yet"; "12 stores + site" is the stores (an after-reader of holdout22 cut "Across 12 stores and site")."""
    from copywriter.angles import normalise_note

    assert normalise_note("Flows built by a freelancer in 2023, no SMS") == (
        "Flows were built by a freelancer in 2023, and there's no SMS yet"
    )
    assert normalise_note("Maintenance tracked in spreadsheets") == "Maintenance is tracked in spreadsheets"
    assert normalise_note("12 stores + site") == "12 stores"


def test_own_work_hires_and_verbless_notes_from_the_spent_holdout21_read() -> None:
    """A job ad for the sender's own work leads over news months away, and its subject names that work; a note
    with no verb ("<thing> to open ...", "<measure> at 17%", "<N> towers, now about 21% vacant") is said as a
    clause, without the report it was read in; "'Call me in late <year>.'" holds the email until then."""
    far = date.today().year + 2
    subject, casino = _step_one(
        "casino",
        title="VP of Marketing",
        company="Copper Ridge Casino",
        employee_count=1500,
        signals=[
            f"{_days_ago(30)} · Press: Copper Ridge breaks ground on a 180-room hotel tower opening summer {far}",
            f"{_days_ago(10)} · Job posting: Player Reactivation Manager",
        ],
    )
    opening = _first(casino)
    assert opening.split(".")[0].endswith("is hiring a Player Reactivation Manager"), casino
    # news sooner than that leads, and the job ad for the offer's work is joined to it, never dropped
    soon_subject, soon = _step_one(
        "casino",
        title="SVP Marketing",
        company="Copper Ridge Casino",
        employee_count=1500,
        signals=[
            f"{_days_ago(30)} · Press: Copper Ridge's 180-room hotel tower is on schedule to open in "
            f"{(date.today() + timedelta(days=80)).strftime('%B %Y')}",
            f"{_days_ago(10)} · Job posting: CRM Manager, Player Reactivation",
        ],
    )
    assert ", and you're hiring a CRM Manager" in _first(soon), soon
    assert soon_subject == "the 180-room hotel tower", soon_subject  # never "your Ridge's ..."
    assert "Until that seat is filled and ramped" in opening and "180-room hotel tower" in opening, casino
    assert subject == "your reactivation hire", subject
    _, bank = _step_one(
        "financial_services",
        title="SVP, Marketing",
        company="Pine Hollow Bank",
        employee_count=300,
        signals=[
            f"{_days_ago(15)} · Press release: de novo branch in Lock Haven to open Q1 {date.today().year + 1}"
        ],
    )
    assert "de novo branch in Lock Haven is set to open in Q1" in _first(bank), bank
    _, towers = _step_one(
        "real_estate",
        title="VP Leasing",
        company="Marlow Street Partners",
        employee_count=80,
        notes="Q3 MD&A: portfolio vacancy at 17%. 3 downtown office towers, now about 21% vacant.",
    )
    assert "MD&A" not in towers, towers
    assert re.search(
        r"your (?:three downtown office towers are now about 21%|portfolio vacancy is at 17%)", towers, re.I
    ), towers
    _, later = _step_one(
        "real_estate",
        title="Principal",
        company="Harrow Lane Partners",
        employee_count=40,
        notes=f"Call 11/4. 12 buildings, 95% occupied. 'Call me in late {far}.' Liked the ILS cost breakdown.",
    )
    assert f"in late {far}" in _first(later) and "Call me" not in later, later


def test_named_properties_lapsed_players_and_open_capacity_from_the_spent_reads() -> None:
    """Our wording of shapes the tuning readers of holdout20/21 named as the strongest fact left unused: a named
    property and how full it is ("'The Birches' 240-unit lease-up in durham at 52% leased vs 70% pro forma"),
    people with no visit since a time, open slots across new sites, a "disc call" label; "an Am Law 50 firm" is a
    ranking's name, not a count."""
    subject, lease = _step_one(
        "real_estate",
        title="VP Leasing",
        company="Kestrel Residential",
        employee_count=300,
        notes="disc call 11/18. 'The Birches' 240-unit lease-up in durham at 52% leased vs 70% pro forma, giving "
        "6 wks free. wants proposal by 12/12.",
    )
    assert "Thanks for the call on the 18th" in _first(lease), lease
    assert "The Birches' 240 units are 52% leased against a 70% pro forma." in _first(lease), lease
    assert subject == "The Birches at 52%", subject
    subject, casino = _step_one(
        "casino",
        title="Director of Player Development",
        company="Blue Mesa Casino",
        employee_count=1200,
        notes="Call 11/12. ~4,800 rated players no trip in 6+ mo. ~18% of Gold/Plat tier no trip since Q3 - he "
        "blames the new casino 25 min north.",
    )
    said = _first(casino).lower()
    assert "about 4,800 rated players haven't made a trip in 6+ months" in said, casino
    assert (
        "18% of your gold and platinum players haven't made a trip since q3, which you put down to the new "
        in said
    )
    assert subject in ("4,800 lapsed rated players", "18% of Gold and Platinum"), subject
    _, clinic = _step_one(
        "healthcare_clinic",
        title="Practice Administrator",
        company="Cedar Bend Family Medicine",
        employee_count=120,
        notes="About 260 open slots a month across new sites.",
    )
    assert "you have about 260 open slots a month across your new sites" in _first(clinic).lower(), clinic
    _, firm = _step_one(
        "professional_services",
        title="Chief Business Development Officer",
        company="Marlowe Fenwick LLP",
        employee_count=300,
        signals=[f"{_days_ago(20)} · Five trial partners joined laterally from an Am Law 50 firm"],
    )
    assert "from an Am Law 50 firm" in _first(firm), firm


def test_the_work_is_said_to_run_in_the_tools_they_already_have() -> None:
    """Blind readers of holdout20/21 rewrote emails to say the flows are built "in your Klaviyo and Postscript" or
    the campaigns run through the Attentive they already have: the sender line names the prospect's own tools the
    offer works in (at most two), and only those; a stack with none of them says nothing."""
    _, shop = _step_one(
        "ecommerce",
        title="Head of Retention",
        company="Fernway Goods",
        employee_count=80,
        technologies=["Shopify Plus", "Klaviyo", "Postscript", "Gorgias"],
        signals=[f"{_days_ago(12)} · Job posting: Lifecycle Marketing Manager"],
    )
    assert "We'd build the flows in your Klaviyo and Postscript, so your team keeps them." in shop, shop
    assert "Shopify" not in shop and "Gorgias" not in shop, shop
    _, plain = _step_one(
        "ecommerce",
        title="Head of Retention",
        company="Fernway Goods",
        employee_count=80,
        technologies=["Shopify Plus", "Gorgias"],
        signals=[f"{_days_ago(12)} · Job posting: Lifecycle Marketing Manager"],
    )
    assert "in your" not in plain.split("\n\n")[2], plain
    _, sales = _step_one(
        "saas",
        title="VP Sales",
        company="Quillstone",
        employee_count=150,
        technologies=["Salesforce", "Outreach", "Gong"],
        signals=[f"{_days_ago(20)} · Job posting: Sales Development Representative (4 openings)"],
    )
    assert "They work in your Salesforce and Outreach, so every meeting lands in your pipeline." in sales, sales
    # an integration the offer never claims is not said (a tuning reader of holdout19 struck "Leads go straight
    # into your Yardi"): a leasing agency names no property-management system
    _, leasing = _step_one(
        "real_estate",
        title="VP Leasing",
        company="Corbel Residential",
        employee_count=200,
        technologies=["Yardi Voyager", "Knock CRM"],
        signals=[f"{_days_ago(20)} · Delivering The Linden, a 240-unit community, in March"],
    )
    assert "Yardi" not in leasing and "Knock" not in leasing, leasing
    # an opening that already names their Klaviyo does not hear it twice
    _, named = _step_one(
        "ecommerce",
        title="Head of Retention",
        company="Fernway Goods",
        employee_count=80,
        technologies=["Klaviyo"],
        notes="Klaviyo flows built in 2022 and never touched since. Repeat rate 19%, wants 28% by end of 2027.",
    )
    assert named.count("Klaviyo") == 1, named


def test_notes_of_a_conversation_with_no_day_open_as_after_a_call() -> None:
    """A tuning reader of holdout19 read four post-call emails as cold pitches: notes that record a conversation
    with no day written ("Maya says ...", "asked for pricing deck", "offered intro") thank them for the time, and
    what we owe them replaces the pitch; what someone said in public ("said on a podcast") is no conversation."""
    _, hotel = _step_one(
        "hotel",
        title="Director of Sales & Marketing",
        company="Northgate Harbour Hotel",
        employee_count=120,
        notes="independent, 186 keys. Maya says Expedia + Booking are ~half of transient. likes metasearch idea. "
        "ok to send overview now, she'll forward",
    )
    assert _first(hotel).startswith("Thanks for the time."), hotel
    assert "DirectStay Digital" not in hotel.split("\n\n")[2], hotel
    _, podcast = _step_one(
        "healthcare_clinic",
        title="Practice Administrator",
        company="Lakewood Orthopaedic",
        employee_count=90,
        notes="Dr. Patel said on a local practice-management podcast that no-shows ran about 18% last quarter.",
    )
    assert "Thanks for the time" not in podcast, podcast


def test_a_decider_named_after_an_equals_sign_and_a_quoted_verdict_from_the_spent_holdout19_read() -> None:
    """ "budget + agency decisions = Dir. Ecomm <Name>" names who decides, and "<reader> offered intro" is thanked
    for, not asked again; a quoted verdict that was all of a comma piece ("flows 'ok not great'") takes the piece
    with it, never leaving a bare "flows"."""
    _, shop = _step_one(
        "ecommerce",
        title="Lifecycle Marketing Manager",
        first_name="Jordan",
        company="Pinecrest Outfitters",
        employee_count=300,
        notes="runs Klaviyo day to day, 900k list, flows 'fine not great'. repeat rate ~27%. budget + agency "
        "decisions = Dir. Ecomm Casey Lund. Jordan offered intro.",
    )
    assert "introduce me to Casey" in shop, shop
    assert ", flows." not in shop and "with a 900k list" in shop, shop


def test_our_own_revisit_note_and_a_call_still_ahead_from_the_spent_holdout20_read() -> None:
    """ "Revisit Q2 '27" is our note of when to come back, never put in their mouth ("You said you'd rather ...");
    "said revisit in feb" is theirs; a call in the record's language dated ahead ("llamada 9 dic.") is not thanked
    for as if it happened."""
    _, ours = _step_one(
        "hotel",
        title="Director of Sales & Marketing",
        company="Mariposa Springs Resort",
        employee_count=150,
        notes="Call 11/12 - OTA share ~38% but she said direct booking is 'not a priority until the spa reopens'. "
        f"Revisit Q2 '{(date.today().year + 1) % 100}.",
    )
    assert "I'll check back in Q2" in _first(ours) and "You said" not in ours, ours
    _, theirs = _step_one(
        "hotel",
        title="Cluster General Manager",
        company="Riverside Hospitality Partners",
        employee_count=80,
        notes="call 11/6. happy w/ current agency, contract ends 3/31 - said revisit in feb.",
    )
    assert "You said you'd rather pick this up in February" in _first(theirs), theirs
    ahead = date.today() + timedelta(days=7)
    month = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"][ahead.month - 1]
    _, plant = _step_one(
        "manufacturing",
        title="Gerente de Planta",
        company="Estampados del Norte",
        employee_count=400,
        notes=f"Paros no programados ~14 h/semana. Enviar demo en español, llamada {ahead.day} {month}.",
    )
    assert "Thanks for the call" not in plant and "Good talking" not in plant, plant


def test_what_the_holdout23_readers_named() -> None:
    """Our wording of what the after-readers of holdout23 named: "Your email 11/10:" is their email to us, thanked
    for by its day and never pasted; what they ended is no topic to pitch ("since they ended the loyalty program"
    gets no loyalty "so what", and "they" is the reader); a tool in their stack is "your", never the full company
    name in the possessive."""
    _, shop = _step_one(
        "ecommerce",
        title="Director of Ecommerce",
        company="Northway Goods",
        employee_count=200,
        notes="Your email 11/10: second-order rate down from 33% to 28% since they ended the loyalty program in "
        "April. Open to a call after 12/7.",
    )
    assert _first(shop).startswith("Thanks for your email on the 10th."), shop
    assert "since you ended the loyalty program" in shop and "Your email" not in shop, shop
    assert "loyalty program pays back" not in shop.lower(), shop
    _, casino = _step_one(
        "casino",
        title="Director of Database Marketing",
        company="Bluestem Flats Casino",
        employee_count=600,
        technologies=["IGT Advantage"],
    )
    assert "Bluestem Flats Casino's" not in casino and "Bluestem Flats'" not in casino, casino
    _, plant = _step_one(
        "manufacturing",
        title="Maintenance Manager",
        first_name="Jordan",
        company="Clearbrook Packaging",
        employee_count=300,
        notes="Call 11/6. ~7 hrs/wk unplanned stops on the folder-gluers, ~$30k/hr on line 2. Plant mgr Dana "
        "signs capex, Jordan builds the case. Wants a 4-machine pilot outline.",
    )
    said = _first(plant)
    assert "losing about 7 hours a week to unplanned stops on the folder-gluers, at about $30k an hour" in said, (
        plant
    )
    assert "signs capex" not in plant and "4-machine pilot outline" in plant, plant
