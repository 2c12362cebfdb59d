"""Record shapes a clause cannot say (a project and a colon, a capex line, "Acquired by", the reader's own start,
a German job ad, a gap the offer fills) open step 1 as a real sentence with a subject line naming them.

Rows written for this test, read the way an SDR manager reads an email before pressing send."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_copy_golden import step_one


def _row(
    industry: str,
    title: str,
    company: str,
    *,
    signals: list[str] | None = None,
    notes: str | None = None,
    first: str = "Alex",
    last: str = "Moreau",
) -> dict[str, Any]:
    prospect: dict[str, Any] = {
        "email": f"{first.lower()}@example.com",
        "first_name": first,
        "last_name": last,
        "title": title,
        "company": company,
        "employees": 400,
        "revenue": "$70M",
        "location": "Denver, CO",
    }
    if signals:
        prospect["signals"] = signals
    if notes:
        prospect["notes"] = notes
    return {"industry": industry, "prospect": prospect}


def _opening(row: dict[str, Any]) -> tuple[str, list[str], str]:
    step, _ = step_one(row)
    body = step.body
    first_paragraph = body.split("\n\n")[1]
    return first_paragraph, step.subject_variants, body


def test_a_project_named_before_a_colon_becomes_a_sentence() -> None:
    row = _row(
        "real_estate",
        "Director of Leasing",
        "Kestrel Living",
        signals=["Cedar Yards: 180 homes, first move-ins in August, pre-leasing starts in May"],
    )
    opening, subjects, _ = _opening(row)
    assert opening.startswith("Pre-leasing for Cedar Yards starts in May, with first move-ins in August.")
    assert "Cedar Yards:" not in opening
    assert subjects[0] == "the Cedar Yards lease-up"


def test_a_capex_line_becomes_what_the_reader_is_doing() -> None:
    row = _row(
        "manufacturing",
        "VP Operations",
        "Ridgeback Plastics",
        notes="$9M expansion: two new extrusion lines commissioning in Q3",
    )
    opening, subjects, body = _opening(row)
    assert opening.startswith("You're commissioning two new extrusion lines in Q3 as part of your $9M expansion.")
    assert "Most " not in opening
    assert subjects[0] == "two new extrusion lines"
    assert "$9M expansion:" not in body


def test_a_gap_the_offer_fills_leads() -> None:
    row = _row(
        "financial_services",
        "President",
        "Prairie Teachers Credit Union",
        notes="$250M assets, 4 branches. No dedicated marketing manager.",
    )
    opening, subjects, _ = _opening(row)
    assert opening.startswith("With no dedicated marketing manager at Prairie Teachers,")
    assert subjects[0] == "without a marketing manager"


def test_a_passive_acquisition_names_the_buyer_as_the_one_who_acquired() -> None:
    row = _row(
        "healthcare_clinic",
        "COO",
        "Juniper Sports Rehab",
        signals=["Acquired by Mesa Outpatient Group last year", "11 clinics"],
    )
    opening, subjects, body = _opening(row)
    assert opening.startswith("Mesa Outpatient Group acquired Juniper last year.")  # the name people say
    assert "acquiring by" not in body.lower() and "congrats" not in body.lower()
    # nothing the record does not say: no patient lists "nobody has contacted since the sale"
    assert "since the sale" not in body and "nobody has contacted" not in body
    assert subjects[0] == "the Mesa acquisition"


def test_a_passive_acquisition_that_names_the_company_is_said_the_same_way() -> None:
    # the facts layer reads "<company> was acquired by X" as X acquiring the prospect, as it reads "Acquired by X"
    row = _row(
        "healthcare_clinic",
        "COO",
        "Juniper Sports Rehab",
        signals=["Juniper Sports Rehab was acquired by Mesa Outpatient Group in May", "11 clinics"],
    )
    opening, subjects, body = _opening(row)
    assert opening.startswith("Mesa Outpatient Group acquired Juniper in May.")
    assert "Juniper's Juniper" not in body and "was acquired by" not in body
    assert subjects[0] == "the Mesa acquisition"


def test_the_reader_joining_is_said_to_them_not_about_the_company() -> None:
    row = _row(
        "saas",
        "VP Sales",
        "Tallyfox",
        signals=["Tomas Reyes joined as VP Sales 3 weeks ago"],
        first="Tomas",
        last="Reyes",
    )
    opening, subjects, body = _opening(row)
    assert opening.startswith("You joined as VP Sales three weeks ago.")
    assert "Tallyfox joined" not in body and "Tomas Reyes joined" not in body
    assert subjects[0] == "your new VP Sales role"


def test_a_german_job_ad_in_the_readers_own_function_leads_in_english() -> None:
    row = _row(
        "manufacturing",
        "Leiter Instandhaltung",
        "Mosel Spritzguss GmbH",
        signals=["Sucht 3 Instandhaltungsmechaniker (m/w/d)"],
    )
    opening, subjects, body = _opening(row)
    assert "hiring three maintenance mechanics" in opening
    assert "Most " not in opening and "Sucht" not in body
    assert subjects[0] == "three maintenance mechanics"


@pytest.mark.parametrize("first", ["Nadia", "Owen", "Priya", "Lucas", "Greta", "Hugo"])
def test_the_senders_one_number_is_one_number_said_once(first: str) -> None:
    row = _row("financial_services", "CEO", "Bayside Federal Credit Union", first=first, last="Kerr")
    _, _, body = _opening(row)
    low = body.lower()
    assert low.count("number") <= 1, body
    assert "one number would tell us" not in low
    assert "new accounts opened and deposits" not in low


@pytest.mark.parametrize("first", ["Nadia", "Owen", "Priya", "Lucas", "Greta", "Hugo", "Ines", "Marco"])
def test_notes_are_never_read_back_as_something_i_saw(first: str) -> None:
    row = _row(
        "hotel",
        "Director of Sales",
        "Lakeshore Lodge",
        notes="Renovating 60 guest rooms and the lobby this winter",
        first=first,
        last="Hale",
    )
    _, _, body = _opening(row)
    assert "I saw" not in body


def test_a_german_commissioning_line_and_a_french_job_ad_are_said_in_english() -> None:
    plant = _row(
        "manufacturing",
        "Werksleiter",
        "Talbach Drehteile GmbH",
        signals=["Inbetriebnahme einer neuen CNC-Fertigungslinie in Q4", "Sucht Leiter Instandhaltung (m/w/d)"],
    )
    opening, subjects, body = _opening(plant)
    assert opening.startswith("You're commissioning a new CNC production line in Q4.")
    assert "Inbetriebnahme" not in body and "Fertigungslinie" not in body
    assert subjects[0] == "the new CNC production line"
    sales = _row(
        "saas",
        "Directeur Commercial",
        "Quillo",
        signals=["Recrute 4 Business Developers (SDR)"],
    )
    opening, subjects, body = _opening(sales)
    assert opening.startswith("I saw that Quillo is hiring four business developers.")
    assert "Recrute" not in body
    assert subjects[0] == "four business developers"


def test_a_second_opening_subject_is_never_the_industry_stock_topic_when_the_body_opens_on_a_fact() -> None:
    row = _row(
        "manufacturing",
        "Plant Manager",
        "Bluestem Foods",
        notes="$14M capex: two new packaging lines commissioning in Q1",
    )
    step, _ = step_one(row)
    assert "unplanned stops" not in step.subject_variants


def test_what_they_told_our_team_at_an_event_is_said_as_that_conversation() -> None:
    row = _row(
        "casino",
        "VP Marketing",
        "Red Bluff Casino",
        notes="Told us at the Western Gaming Summit that about 30% of their rated players have lapsed",
    )
    opening, _, body = _opening(row)
    assert opening.startswith("When you spoke with our team at the Western Gaming Summit, you mentioned that")
    assert "I saw" not in body


def test_orders_through_the_apps_only_is_the_reader_own_fact_not_the_industry_line() -> None:
    row = _row(
        "restaurant", "Owner", "Casa Verde Kitchen", notes="Online orders only through Grubhub and DoorDash."
    )
    opening, subjects, _ = _opening(row)
    assert opening.startswith(
        "Right now, Casa Verde's online orders come only through Grubhub and DoorDash."  # the name people say
    )
    assert not opening.startswith("Most ")
    assert subjects[0] == "Grubhub and DoorDash"


def test_a_tool_alone_is_never_the_subject_with_an_article() -> None:
    row = _row(
        "ecommerce", "Head of Retention", "Fernhill Botanics", notes="Runs Klaviyo with only a welcome flow live."
    )
    _, subjects, _ = _opening(row)
    assert "the Klaviyo" not in subjects and "after the Klaviyo" not in subjects
    assert subjects[0] == "your Klaviyo setup"


def test_a_measure_with_no_verb_and_an_ordinal_read_as_english() -> None:
    row = _row(
        "healthcare_clinic",
        "Practice Administrator",
        "Mesquite Family Dental",
        signals=["Opening 5th office in Chandler in June"],
        notes="Hygiene chairs running ~70% utilised across the group.",
    )
    _, _, body = _opening(row)
    assert "chairs running is" not in body
    assert "opening 5th office" not in body.lower()
    assert (
        "Your hygiene chairs are running about 70% utilised across the group." in body or "your 5th office" in body
    )


def test_a_hiring_label_with_a_count_and_a_lease_up_under_way() -> None:
    hosts = _row(
        "casino",
        "VP, Player Development",
        "Granite Falls Casino",
        signals=["Hiring: Casino Host (x3)"],
    )
    opening, _, body = _opening(hosts)
    assert "hiring three casino hosts" in opening
    assert "Hiring:" not in body and "(x3)" not in body
    assert body.count("I saw that") <= 1
    tower = _row(
        "real_estate",
        "VP of Leasing",
        "Larkspur Residential",
        signals=["The Wren at Eastgate: 220 units, first move-ins in May, lease-up starting"],
    )
    opening, subjects, body = _opening(tower)
    assert opening.startswith("Lease-up for The Wren at Eastgate is under way, with first move-ins in May.")
    assert subjects[0] == "the Wren lease-up"
    assert "next lease-up" not in body
