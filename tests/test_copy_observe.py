"""Step 1 for a thin record (company, title, size, location, industry, maybe technologies; no usable fact):
the email opens on what the record does tell (the trade the company name or industry names, a tool it runs,
the market it sits in) as a weak observation with its "so what", and a 2-5-word subject built from it, instead
of the industry's stock "Most X I talk to" line; two prospects of one offer never read the same opening.

Every record here is made up for this module (not a golden or holdout row).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

import industry_agents
from copywriter import generate_sequence_rules
from copywriter.lint import sentences_of
from intelligence.scoring import analyze_rules
from schemas import ProspectData
from tests.test_copy_golden import sender_for


def _step_one(slug: str, **fields: Any) -> tuple[list[str], str]:
    """(subject variants, first paragraph) of step 1 for a made-up prospect of the built-in agent `slug`."""
    profile = industry_agents.get_builtin(slug)
    assert profile is not None
    fields.setdefault("email", f"{fields.get('first_name', 'alex').lower()}@example-co.com")
    fields.setdefault("first_name", "Alex")
    who = ProspectData.model_validate(fields)
    seq = generate_sequence_rules(profile, who, analyze_rules(profile, who), sender_for(slug), steps=4)
    step = seq.steps[0]
    return step.subject_variants, step.body.split("\n\n")[1]


# (industry, record, words the first sentence must use, words the subject must use): each record holds one
# thing a practitioner would use, and the expected kind of observation built from it
THIN: list[tuple[str, dict[str, Any], tuple[str, ...], tuple[str, ...]]] = [
    (
        "healthcare_clinic",
        {"company": "Birchfield Pediatrics", "title": "Practice Manager", "industry": "Medical Practices"},
        ("pediatric",),
        ("well-child", "vaccine", "pediatric"),
    ),
    (
        "healthcare_clinic",
        {"company": "Riverbend Family Dentistry", "title": "Office Manager", "industry": "Dentists"},
        ("dental", "hygiene"),
        ("hygiene", "recall", "cleaning"),
    ),
    (
        "hotel",
        {
            "company": "Tidewater Inn",
            "title": "Revenue Manager",
            "industry": "Hospitality",
            "employees": 140,
            "technologies": ["IDeaS G3 RMS"],
        },
        ("IDeaS",),
        ("IDeaS",),
    ),
    (
        "hotel",
        {
            "company": "Alpenglow",
            "title": "Director of Sales",
            "industry": "Hospitality",
            "location": "Whistler, British Columbia, Canada",
        },
        ("Whistler",),
        ("season", "mountain", "guests"),
    ),
    (
        "casino",
        {"company": "Prairie Wind Racino", "title": "VP Marketing", "industry": "Gambling & Casinos"},
        ("racino",),
        ("race", "racino"),
    ),
    (
        "ecommerce",
        {
            "company": "Copper Fern Clothing",
            "title": "Email Marketing Manager",
            "industry": "Apparel & Fashion",
            "technologies": ["Klaviyo"],
        },
        ("Klaviyo",),
        ("Klaviyo",),
    ),
    (
        "manufacturing",
        {"company": "Keystone Fastener Corp", "title": "Plant Manager", "industry": "Manufacturing"},
        ("fastener",),
        ("fastener", "header", "die"),
    ),
    (
        "real_estate",
        {"company": "Quadrangle Student Living", "title": "Director of Leasing", "industry": "Real Estate"},
        ("student",),
        ("term", "pre-leasing", "student"),
    ),
    (
        "professional_services",
        {"company": "Pell & Marsh CPAs", "title": "Managing Partner", "industry": "Accounting"},
        ("accounting", "tax"),
        ("tax", "busy season", "accounting"),
    ),
    (
        "financial_services",
        {"company": "Tri-County Teachers Credit Union", "title": "VP Marketing", "industry": "Banking"},
        ("credit union",),
        ("member", "educator", "teacher"),
    ),
    (
        "restaurant",
        {"company": "Fireside Pizza Co.", "title": "Director of Marketing", "industry": "Restaurants"},
        ("pizza",),
        ("pizza",),
    ),
    (
        "saas",
        {
            "company": "Lumenboard",
            "title": "VP Sales",
            "industry": "Software Development",
            "technologies": ["Outreach", "Salesforce"],
        },
        ("Outreach",),
        ("Outreach", "sequences"),
    ),
]


@pytest.mark.parametrize(("slug", "record", "said", "subject_words"), THIN, ids=[r[1]["company"] for r in THIN])
def test_a_thin_record_opens_on_what_the_record_tells(
    slug: str, record: dict[str, Any], said: tuple[str, ...], subject_words: tuple[str, ...]
) -> None:
    subjects, opening = _step_one(slug, **record)
    first = sentences_of(opening)[0]
    assert any(w.lower() in first.lower() for w in said), first
    assert not re.search(r"\bMost [\w -]+ I talk to\b", opening), opening
    subject = subjects[0]
    assert 2 <= len(subject.split()) <= 5, subject
    assert any(w.lower() in subject.lower() for w in subject_words), (subject, opening)
    # a weak observation comes with its "so what": never a lone sentence about the trade
    assert len(sentences_of(opening)) >= 2, opening


def test_a_real_fact_still_leads_over_the_trade() -> None:
    """A measured pain in the notes leads even when the name also tells the trade."""
    _, opening = _step_one(
        "healthcare_clinic",
        company="Birchfield Pediatrics",
        title="Practice Manager",
        industry="Medical Practices",
        notes="No-show rate is around 15% across the practice.",
    )
    assert "no-show rate is around 15%" in opening, opening
    assert "well-child" not in sentences_of(opening)[0], opening


def test_the_stock_line_stays_only_for_a_record_with_nothing_usable() -> None:
    """No trade word, tool or market to use: the industry's general observation, said as general."""
    _, opening = _step_one(
        "manufacturing", company="Brightline Industries", title="Maintenance Manager", employees=200
    )
    assert opening.startswith("Most maintenance managers I talk to "), opening


def test_two_prospects_of_one_offer_share_no_opening_sentence() -> None:
    """Two thin prospects of one offer whose records tell something (a trade, a tool, a town) open on different
    sentences and share at most their "so what", even when both tell the same trade."""
    pairs = [
        (
            "hotel",
            {"company": "Harbor Point Resort & Marina", "title": "Revenue Manager", "technologies": ["IDeaS"]},
            {"company": "Gasthaus am See", "title": "Sales Director", "location": "Zermatt, Valais, Switzerland"},
        ),
        (
            "healthcare_clinic",
            {"company": "Elm Street Pediatrics", "title": "Practice Manager", "first_name": "Gus"},
            {"company": "Northside Kids Clinic", "title": "Practice Manager", "first_name": "Hana"},
        ),
        (
            "ecommerce",
            {"company": "Juniper Row Apparel", "title": "Head of CRM", "technologies": ["Klaviyo"]},
            {"company": "Orla & Finch Clothing", "title": "Head of CRM", "first_name": "Dev"},
        ),
    ]
    for slug, one, two in pairs:
        first, second = _step_one(slug, **one)[1], _step_one(slug, **two)[1]
        assert sentences_of(first)[0] != sentences_of(second)[0], (first, second)
        assert len(set(sentences_of(first)) & set(sentences_of(second))) <= 1, (first, second)


@pytest.mark.parametrize("slug", ["hotel", "casino", "ecommerce", "manufacturing", "professional_services"])
def test_records_with_nothing_usable_do_not_all_read_the_same(slug: str) -> None:
    """With nothing in the record at all, the general observation comes in two wordings, by reader: six
    prospects of one offer never all get the same opening."""
    names = ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]
    openings = {
        _step_one(slug, company=f"Norda {n}", title="Director of Marketing", first_name=n)[1] for n in names
    }
    assert len(openings) >= 2, openings


def test_a_tool_is_said_for_what_it_is() -> None:
    """A revenue-management system prices rooms; it is never credited with moving bookings direct."""
    _, opening = _step_one(
        "hotel", company="Saltgrass Hotel", title="Revenue Manager", technologies=["IDeaS"], employees=200
    )
    assert "IDeaS" in opening and re.search(r"\b(?:price|rate)", opening), opening
    assert not re.search(r"IDeaS (?:moves|shifts|drives) ", opening), opening


def test_a_size_is_merged_into_the_trade_not_told_back() -> None:
    """A record whose only fact is its size ("Four pediatric offices.") hears the size inside what is true of its
    trade, never "You run four pediatric offices." on its own."""
    _, opening = _step_one(
        "healthcare_clinic",
        company="Harbor Kids Pediatrics",
        title="Practice Administrator",
        industry="Medical Practices",
        notes="Four pediatric offices.",
    )
    first = sentences_of(opening)[0]
    assert first.startswith("Across four pediatric offices, ") and "well-child" in first, opening
    assert not re.search(r"\b(?:You run|runs) four\b", opening), opening
    assert "talk to" not in opening, opening


def test_a_fact_led_email_never_takes_the_trades_subject() -> None:
    """When a real fact leads, neither subject speaks of the trade observation the body never says."""
    subjects, opening = _step_one(
        "restaurant",
        company="Fireside Pizza Co.",
        title="Head of Digital",
        industry="Restaurants",
        signals=["Hiring a Head of Loyalty"],
    )
    assert "pizza regulars" not in opening.lower(), opening
    assert not any("pizza" in s.lower() for s in subjects), (subjects, opening)


def test_an_observation_the_checker_would_flag_is_not_said() -> None:
    """The record names the trade only by inference ("Smiles"): the trade is said as general ("In a dental
    practice, ..."), never claimed of the company the record does not call a dental practice."""
    _, opening = _step_one(
        "healthcare_clinic", company="Bright Orchard Smiles", title="Office Manager", industry="Medical Practices"
    )
    assert "like Bright Orchard" not in opening, opening
    assert opening.startswith("In a dental practice, "), opening


def test_an_observation_the_notes_contradict_is_not_said() -> None:
    """Notes that say growth comes from existing clients: never the trade's pitch for new clients, and the
    existing clients are what the email is about."""
    subjects, opening = _step_one(
        "professional_services",
        company="Fenwick Lowe CPAs",
        title="Managing Partner",
        industry="Accounting",
        notes="No plans for new offices; expects growth from existing clients.",
    )
    assert "new clients" not in opening and "busy season" not in opening, opening
    assert "existing clients" in sentences_of(opening)[0], opening
    assert "existing clients" in subjects[0], subjects


# --- the premise fits the record ---------------------------------------------------------------------------
# Each record below is made up for this module. An offer that works the customers the prospect already has hears
# a denial of growth as its angle; a tool the prospect keeps is acknowledged, never pitched against; notes that
# change a trade's premise change the observation.

DENIED: list[tuple[str, dict[str, Any], tuple[str, ...], str]] = [
    (
        "casino",
        {
            "company": "Red Willow Casino",
            "title": "General Manager",
            "signals": ["Parking garage and hotel wing project shelved", "No expansion planned for 2028"],
        },
        ("hotel wing shelved", "no expansion planned for 2028"),
        r"\brated players\b",
    ),
    (
        "hotel",
        {"company": "Kestrel House", "title": "Director of Sales", "notes": "No plans to open new properties."},
        ("no new properties planned",),
        r"\bguests\b",
    ),
    (
        "healthcare_clinic",
        {
            "company": "Ferncliff Family Dentistry",
            "title": "Office Manager",
            "notes": "Not adding offices this year.",
        },
        ("no new offices planned this year",),
        r"\bpatients\b",
    ),
    (
        "restaurant",
        {
            "company": "Lantern Noodle Bar",
            "title": "Marketing Director",
            "notes": "Sin planes de abrir nuevos locales en 2028.",
        },
        ("no new locations planned for 2028",),
        r"\bregulars\b|\border\b",
    ),
    (
        "ecommerce",
        {
            "company": "Thistle & Thread",
            "title": "Head of Growth",
            "notes": "Not expanding to new markets this year.",
        },
        ("no expansion planned this year",),
        r"\bcustomers\b",
    ),
]


@pytest.mark.parametrize(("slug", "record", "denied", "base"), DENIED, ids=[r[1]["company"] for r in DENIED])
def test_a_record_that_denies_growth_is_the_angle(
    slug: str, record: dict[str, Any], denied: tuple[str, ...], base: str
) -> None:
    """ "No expansion planned" is not skipped: growth will come from the customers already on file, said in the
    record's own words, and the subject is built from it."""
    subjects, opening = _step_one(slug, **record)
    first = sentences_of(opening)[0]
    assert first.startswith("With "), opening
    assert all(d in first for d in denied), (denied, opening)
    assert re.search(r"\bwill (?:likely |mostly )?(?:come from|be filled by)\b", first), opening
    assert re.search(base, first), opening
    assert not re.search(r"\bMost [\w -]+ I talk to\b", opening), opening
    assert "growth" in subjects[0] or re.search(base, subjects[0]) or "own" in subjects[0], subjects
    assert len(sentences_of(opening)) >= 2, opening


def test_a_denial_is_not_the_angle_for_an_offer_that_wins_new_customers() -> None:
    """Outbound to new clients gains nothing from "no new offices": no "growth will come from" line."""
    _, opening = _step_one(
        "professional_services",
        company="Ashdown Varga Attorneys",
        title="Managing Partner",
        industry="Legal Services",
        notes="No new offices planned.",
    )
    assert not re.search(r"\bwill (?:likely |mostly )?come from\b", opening), opening
    assert "new offices" not in opening, opening


def test_a_denied_project_is_never_claimed_as_happening() -> None:
    """The shelved tower is said as shelved; the email never congratulates or plans around it."""
    subjects, opening = _step_one(
        "casino",
        company="Sagebrush Downs",
        title="VP Marketing",
        signals=["Hotel tower project shelved in 2025"],
    )
    assert "the hotel tower shelved" in opening, opening
    assert not re.search(r"\b(?:[Cc]ongrats|opening|new tower|the tower opens)\b", opening), opening
    assert not any("tower" in s for s in subjects), subjects


def test_a_reminder_tool_the_practice_is_happy_with_is_not_pitched_against() -> None:
    """ "Happy with Weave reminders": the email says what Weave covers and what recall adds beyond it (patients
    with no appointment), never that another reminder is what it takes."""
    subjects, opening = _step_one(
        "healthcare_clinic",
        company="Cedar Hollow Dental",
        title="Practice Owner",
        industry="Dentists",
        notes="Happy with Weave reminders for now.",
    )
    assert "Weave" in sentences_of(opening)[0], opening
    assert not re.search(r"\breminder beyond\b|\bmore reminders\b|\ba reminder is (?:usually )?all\b", opening), (
        opening
    )
    assert re.search(r"\bno appointment\b|\bnothing booked\b", opening), opening
    assert not any("reminder" in s for s in subjects), subjects


def test_a_happy_tool_and_a_denial_read_as_one_premise() -> None:
    """Both in the notes: the kept tool leads, acknowledged, and what it leaves is the "so what"; the denial is not
    the opener (two blind readers asked to cut "With no new locations planned ..." in front of the tool)."""
    _, opening = _step_one(
        "healthcare_clinic",
        company="Brookline Smiles",
        title="DDS, Owner",
        notes="Satisfied with Weave for reminders; no plans to open new offices.",
    )
    lines = sentences_of(opening)
    assert "Weave" in lines[0] and not lines[0].startswith("With no new offices planned"), opening
    assert sum(x.startswith("With ") for x in lines) <= 1, opening
    assert "reminder beyond" not in opening, opening


def test_an_email_platform_run_in_house_is_acknowledged() -> None:
    """ "Klaviyo in-house, happy with it": the platform is not the gap; the flows after the first order are."""
    _, opening = _step_one(
        "ecommerce", company="Larkspur Candle Co.", title="Head of CRM", notes="Klaviyo in-house, happy with it."
    )
    first = sentences_of(opening)[0]
    assert "Klaviyo" in first and "isn't the gap" in first, opening
    assert not re.search(r"\b(?:switch|replace)\b", opening), opening


def test_a_group_focused_resort_never_hears_leisure_stays() -> None:
    """A resort whose notes say group business is the focus: no "most stays are leisure trips"."""
    subjects, opening = _step_one(
        "hotel",
        company="Pinecrest Resort",
        title="Director of Sales & Marketing",
        notes="Meetings and group business are their focus.",
    )
    assert "leisure trips" not in opening, opening
    # the note is the premise, not a line told back ("Pinecrest Resort's meetings ... are their focus.")
    assert "their focus" not in opening, opening
    assert "attendees" in sentences_of(opening)[0], opening
    assert "resort" not in subjects[0] and "worth a look" not in subjects[0], subjects


def test_a_conference_resort_by_name_hears_the_group_premise() -> None:
    _, opening = _step_one("hotel", company="Elkhorn Conference Resort", title="DOSM", industry="Hospitality")
    assert "leisure trips" not in opening, opening
    assert "attendees" in sentences_of(opening)[0], opening


def test_a_racino_is_about_lapsed_rated_players_not_race_fans() -> None:
    """The racino observation stays offer-true: lapsed rated players (some first came for a race day), never a
    race-day crowd "won back" to a floor it never played."""
    _, opening = _step_one("casino", company="Twin Rivers Racino", title="Director of Marketing")
    assert "racino" in sentences_of(opening)[0], opening
    assert "lapsed" in opening and "rated players" in opening, opening
    assert not re.search(r"\brace-day crowd\b|\brace fans\b", opening), opening


def test_a_thin_b2b_software_record_hears_its_trade() -> None:
    _, opening = _step_one("saas", company="Gridmint", title="VP Sales", industry="Software Development")
    assert not re.search(r"\bMost [\w -]+ I talk to\b", opening), opening
    first = sentences_of(opening)[0]
    assert "B2B software" in first and "outbound" in first, opening


def test_a_thin_city_hotel_record_hears_its_trade() -> None:
    subjects, opening = _step_one(
        "hotel", company="Marktplatz City Hotel", title="Director of Sales", industry="Hospitality"
    )
    assert not re.search(r"\bMost [\w -]+ I talk to\b", opening), opening
    assert "business travelers" in sentences_of(opening)[0], opening
    assert any(w in subjects[0] for w in ("business", "traveler", "trip")), subjects


def test_an_orthodontic_practice_is_not_told_about_cleanings() -> None:
    _, opening = _step_one("healthcare_clinic", company="Brightpath Orthodontics", title="Office Manager")
    assert "cleaning" not in opening and "hygiene" not in opening, opening
    assert re.search(r"\badjustment\b|\bretainer\b", sentences_of(opening)[0]), opening


def test_a_restaurant_the_notes_keep_off_the_apps_hears_no_app_trade_premise() -> None:
    """The pizza trade's "regulars reorder ... on the delivery apps" is not said to a dine-in-only brand."""
    _, opening = _step_one(
        "restaurant", company="Ember Oven Pizza", title="Owner", notes="Dine-in only, no delivery apps."
    )
    assert "pies week after week" not in opening and "pizza regulars" not in opening, opening


def test_no_step_pitches_a_reminder_to_a_practice_happy_with_its_reminders() -> None:
    """A fact leads (the no-show rate), and the notes say the practice is happy with its reminder tool: no
    subject or sentence in any step sells another reminder."""
    profile = industry_agents.get_builtin("healthcare_clinic")
    assert profile is not None
    who = ProspectData.model_validate(
        {
            "email": "rory@oakview-dental.com",
            "first_name": "Rory",
            "company": "Oakview Dental",
            "title": "Office Manager",
            "notes": "No-show rate around 12%. Happy with Weave reminders.",
        }
    )
    seq = generate_sequence_rules(
        profile, who, analyze_rules(profile, who), sender_for("healthcare_clinic"), steps=4
    )
    pitch = re.compile(r"\b(?:second|another|one more|extra) reminder|\breminders? beyond\b", re.IGNORECASE)
    for step in seq.steps:
        assert not any(pitch.search(s) for s in step.subject_variants), step.subject_variants
        assert not pitch.search(step.body), step.body


def test_a_denial_said_back_is_not_a_claim_but_a_claim_still_is() -> None:
    """The checker's "the record says there is no expansion" check: the denial said as a denial passes, a
    sentence that claims the expansion anyway is still flagged."""
    from copywriter.lint import build_lint_context, lint_sentence

    profile = industry_agents.get_builtin("hotel")
    assert profile is not None
    who = ProspectData.model_validate(
        {
            "email": "ines@quayside-hotel.com",
            "first_name": "Ines",
            "company": "Quayside Hotel",
            "title": "Director of Sales",
            "signals": ["No expansion planned for 2028"],
        }
    )
    ctx = build_lint_context(profile, who, sender_for("hotel"))

    def flagged(text: str) -> bool:
        return any(f.code == "unsupported_claim" for f in lint_sentence(text, ctx))

    assert not flagged("With no expansion planned for 2028, the growth has to come from guests who know Quayside.")
    assert flagged("Your expansion is the moment to win past guests back.")
    assert flagged("New rooms fill faster when past guests hear about them first.")
    assert flagged("With no plan yet, the expansion is the moment to ask past guests back.")


def test_a_place_in_a_denied_project_keeps_its_capital() -> None:
    _, opening = _step_one(
        "casino",
        company="Comstock Lode Casino",
        title="General Manager",
        location="Reno, Nevada, United States",
        signals=["Reno expansion put on hold"],
    )
    assert sentences_of(opening)[0].startswith("With the Reno expansion put on hold, "), opening
