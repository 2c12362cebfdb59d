"""The rules writer judged on the golden set (tests/golden, labelled blind by another helper).

For every tier 1-2 golden prospect, the step-1 email (each subject variant) and the LinkedIn
connection note must pass the checker with no hard issue in at least 90% of cases, and two people
at one account may share at most one sentence outside greeting and signature. The old holdout4
(now the tuning file prospects6.jsonl) is loaded here in aggregate: its pass rate is asserted
and printed.
"""

from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path
from typing import Any

from pydantic import ValidationError

import industry_agents
from copywriter import Sender, generate_linkedin_rules, generate_sequence_rules
from copywriter.lint import sentences_of
from intelligence.scoring import analyze_rules
from schemas import ProspectData

GOLDEN = Path(__file__).resolve().parent / "golden"
OFFERS: dict[str, dict[str, str]] = json.loads((GOLDEN / "offers.json").read_text())


def prospect_of(row: dict[str, Any]) -> ProspectData:
    """The golden row as the API would read it: Clay strings ("51-200", "$4.5M") through intelligence.intake."""
    return ProspectData.model_validate(row["prospect"])


def sender_for(industry: str) -> Sender:
    offer = OFFERS[industry]
    return Sender(name="Morgan Avery", title="Partner", company=offer["company"], offer=offer["offer"])


def rows(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (GOLDEN / name).read_text().splitlines() if line.strip()]


def write(row: dict[str, Any]) -> tuple[Any, Any, Any]:
    """The golden row's analysis, 4-step sequence and LinkedIn connection note, as its sender would get them."""
    profile = industry_agents.get_builtin(row["industry"])
    assert profile is not None
    who = prospect_of(row)
    analysis = analyze_rules(profile, who)
    sender = sender_for(row["industry"])
    seq = generate_sequence_rules(profile, who, analysis, sender, steps=4)
    note = generate_linkedin_rules(profile, who, analysis, sender, kind="connection")
    return analysis, seq, note


def step_one(row: dict[str, Any]) -> tuple[Any, Any]:
    _, seq, note = write(row)
    return seq.steps[0], note


def pass_rate(selected: list[dict[str, Any]]) -> tuple[int, int, list[str]]:
    passed, total, failures = 0, 0, []
    for row in selected:
        step, note = step_one(row)
        for label, report in (("email", step.quality), ("linkedin", note.quality)):
            total += 1
            hard = [f"{i.code}: {i.span or i.detail}" for i in report.issues if i.severity == "hard"]
            if hard:
                failures.append(f"{row['id']} {label}: {hard}")
            else:
                passed += 1
        assert note.char_count <= 300
    return passed, total, failures


def _inner(body: str) -> list[str]:
    """The sentences of a body without its greeting (first paragraph) and signature (last paragraph)."""
    paragraphs = body.split("\n\n")
    return [s for p in paragraphs[1:-1] for s in sentences_of(p)]


def test_golden_tier_1_2_step_one_passes_the_checker() -> None:
    selected = [r for r in rows("prospects.jsonl") if r["tier"] in (1, 2)]
    passed, total, failures = pass_rate(selected)
    print(f"\ngolden tier 1-2: {passed}/{total} step-1 emails and connection notes pass ({passed / total:.0%})")
    print("\n".join(failures))
    assert passed / total >= 0.9, failures


def test_golden_old_holdout_passes_the_checker() -> None:
    """prospects3.jsonl: the old holdout, read by the round-3 blind reader, now a tuning file."""
    selected = [r for r in rows("prospects3.jsonl") if r.get("tier") in (1, 2) and r.get("industry") in OFFERS]
    passed, total, failures = pass_rate(selected)
    print(f"\ngolden prospects3 tier 1-2: {passed}/{total} pass ({passed / max(1, total):.0%})")
    print("\n".join(failures))
    assert passed / total >= 0.9, failures


def readable(row: dict[str, Any]) -> bool:
    """The intake reads the row (a user sending a value string it cannot read gets a 422, not an email)."""
    try:
        prospect_of(row)
    except ValidationError:
        return False
    return True


def test_golden_prospects6_pass_rate() -> None:
    wanted = [r for r in rows("prospects6.jsonl") if r.get("tier") in (1, 2) and r.get("industry") in OFFERS]
    selected = [r for r in wanted if readable(r)]
    passed, total, _ = pass_rate(selected)
    print(
        f"\ngolden prospects6 tier 1-2: {passed}/{total} pass ({passed / max(1, total):.0%}); "
        f"{len(wanted) - len(selected)} rows refused by the intake"
    )
    assert total == 0 or passed / total >= 0.9


def test_two_people_at_one_account_share_at_most_one_sentence() -> None:
    selected = [r for r in rows("prospects.jsonl") if r["tier"] in (1, 2)]
    by_company: dict[str, list[dict[str, Any]]] = {}
    for row in selected:
        by_company.setdefault(str(row["prospect"].get("company")), []).append(row)
    pairs, worst = 0, 0
    report = []
    for company, people in by_company.items():
        for a, b in combinations(people, 2):
            pairs += 1
            shared = set(_inner(step_one(a)[0].body)) & set(_inner(step_one(b)[0].body))
            worst = max(worst, len(shared))
            report.append(f"{company}: {a['id']} / {b['id']} share {len(shared)}: {sorted(shared)}")
    print(f"\n{pairs} pairs at one account; most sentences shared by a pair: {worst}")
    print("\n".join(report))
    assert pairs > 0
    assert worst <= 1, report


def _opening(industry: str, **fields: Any) -> str:
    """The first paragraph of step 1 for a made-up prospect of `industry` (not a golden row)."""
    profile = industry_agents.get_builtin(industry)
    assert profile is not None
    who = ProspectData.model_validate({"first_name": "Alex", "email": "alex@example-co.com", **fields})
    seq = generate_sequence_rules(profile, who, analyze_rules(profile, who), sender_for(industry), steps=4)
    return seq.steps[0].body.split("\n\n")[1]


def test_step_one_leads_with_the_records_strongest_fact() -> None:
    """A measured pain in the notes is said as what we see ("Only 18% of your ..."), an event in the
    record's present tense as news under way, and neither gives way to the general "Most X I talk to" line."""
    notes = _opening(
        "ecommerce",
        title="Director of Lifecycle Marketing",
        company="Fernhill Goods",
        employee_count=300,
        notes="Only 18% of first-time buyers place a second order within 90 days.",
    )
    assert notes.startswith("Only 18% of your first-time buyers place a second order"), notes
    goal = _opening(
        "hotel",
        title="Director of Distribution",
        company="Larkspur Inns",
        employee_count=250,
        notes="OTA share is 61% of room nights; she wants it under 45% by the end of next year.",
    )
    assert goal.startswith(
        "Your OTA share is 61% of room nights, and you want it under 45% by the end of next year."
    ), goal
    event = _opening(
        "hotel",
        title="Director of Revenue Management",
        company="Costa Alba Resorts",
        employee_count=600,
        signals=["Reopens its Sóller resort in May after a €20M refurbishment"],
    )
    assert "reopening" in event.split(".")[0] and "talk to" not in event, event


def test_the_general_opener_names_the_readers_own_peers() -> None:
    """With no fact to lead with (no trade word, tool or market in the record either: those lead when there, see
    tests/test_copy_observe.py), the peer group fits the reader's role and the company's size."""
    maintenance = _opening(
        "manufacturing", title="Maintenance Manager", company="Brightline Industries", employee_count=200
    )
    assert maintenance.startswith("Most maintenance managers I talk to "), maintenance
    bd = _opening(
        "professional_services",
        title="Director of Business Development",
        company="Hale Orr",
        employee_count=120,
    )
    assert bd.startswith("Most business development leaders I talk to at firms like yours "), bd
    partner = _opening("professional_services", title="Partner", company="Quill & Rowe", employee_count=45)
    assert partner.startswith("Most partners I talk to "), partner
    group = _opening("hotel", title="VP Distribution", company="Meridia Hotel Group", employee_count=3000)
    assert group.startswith("Most hotel groups I talk to "), group
    small = _opening("hotel", title="VP Distribution", company="Casa Lume", employee_count=60)
    # never "independent" the record does not say (a blind reader of the holdout12 tuning read)
    assert small.startswith("Most hotels I talk to "), small


def test_a_verbless_record_fact_is_said_as_a_sentence_not_skipped() -> None:
    """A size, a kind of company or a problem written as a bare noun phrase still leads step 1, said with a
    subject ("you run five clinics"), instead of the general "Most X I talk to" opener."""
    size = _opening(
        "healthcare_clinic",
        title="Practice Manager",
        company="Lakeview Smiles",
        employee_count=40,
        notes="Five offices.",
    )
    # the size merged into what is true of the trade the name tells ("Smiles": a dental practice), not told back
    assert size.startswith("Across five offices, ") and "hygiene" in size and "talk to" not in size, size
    plain = _opening(
        "healthcare_clinic",
        title="Practice Manager",
        company="Lakeview Health",
        employee_count=40,
        notes="Five offices.",
    )
    assert re.search(r"\b(?:You run|Lakeview Health runs) five offices\.", plain) and "talk to" not in plain, plain
    kind = _opening(
        "hotel",
        title="VP Revenue",
        company="Northgate Hospitality",
        employee_count=900,
        notes="Hotel management company operating 27 branded and independent hotels.",
    )
    assert "operate" in kind.split(".")[0] and "27 branded and independent hotels" in kind, kind
    assert "talk to" not in kind.split(".")[1], kind
    problem = _opening(
        "healthcare_clinic",
        title="Director of Patient Access",
        company="Ridgeway Orthopedics",
        employee_count=200,
        signals=["Appointment backlog since moving to a new EHR"],
    )
    assert "been dealing with an appointment backlog since moving to a new EHR" in problem, problem


def test_a_hyphenated_no_word_is_not_a_negation() -> None:
    """ "No-show rate is 16%" is a measured pain, not "no news": it is read and leads step 1."""
    opening = _opening(
        "healthcare_clinic",
        title="Practice Administrator",
        company="Fairmont Family Care",
        employee_count=150,
        notes="Seven sites. No-show rate is around 16% across the group.",
    )
    assert "no-show rate is around 16%" in opening, opening


def test_a_fact_about_other_people_retiring_is_not_a_former_employee() -> None:
    """ "Two senior partners retired" is news about the firm (the person is not former): it is used."""
    opening = _opening(
        "professional_services",
        title="Managing Partner",
        company="Ashdown Kerr",
        employee_count=90,
        signals=["Referral pipeline down 25% after two founding partners retired"],
    )
    assert "down 25%" in opening, opening


def _step_one(industry: str, **fields: Any) -> tuple[str, str]:
    """(subject A, body) of step 1 for a made-up prospect of `industry`."""
    profile = industry_agents.get_builtin(industry)
    assert profile is not None
    who = ProspectData.model_validate({"first_name": "Alex", "email": "alex@example-co.com", **fields})
    seq = generate_sequence_rules(profile, who, analyze_rules(profile, who), sender_for(industry), steps=4)
    return seq.steps[0].subject_variants[0], seq.steps[0].body


def test_a_denied_topic_is_never_claimed() -> None:
    """A record that says there is no expansion or no hiring never hears about its next lease-up, new rooms or
    hiring SDRs, in the body or the question."""
    _, leasing = _step_one(
        "real_estate",
        title="Director of Leasing",
        company="Pellham Property Group",
        employee_count=60,
        notes="Not planning any expansion; the focus is the current buildings.",
    )
    assert not re.search(r"next lease-up|new (?:rooms|floors|buildings?)|expansion", leasing), leasing
    _, sales = _step_one(
        "saas",
        title="VP Sales",
        company="Ledgerly",
        employee_count=120,
        notes="Not hiring this year.",
    )
    assert not re.search(r"\bhiring\b|\bhired\b", sales), sales


def test_a_dated_second_fact_is_said_and_sets_the_question() -> None:
    """A lead with no date and a second fact with one: both are said, and the question is asked before the date."""
    _, body = _step_one(
        "restaurant",
        title="Head of Digital",
        company="Brasa & Co",
        employee_count=400,
        signals=["Reviewing online ordering vendors", "Uber Eats exclusivity deal expires in September"],
    )
    assert "Uber Eats exclusivity deal" in body and "expires in September" in body, body
    # the question is asked before that date, and says what the 15 minutes are for (two blind readers asked)
    assert "before September to plan what we'd run first?" in body, body


def test_a_goal_set_by_an_executive_is_said_with_the_figure() -> None:
    """ "the CFO wants ..." after a figure is said with it, never as "your the CFO wants"."""
    opening = _opening(
        "financial_services",
        title="VP Marketing",
        company="Riverbend Savings Bank",
        employee_count=300,
        notes="Loan-to-deposit ratio is at 101%; the CFO wants more core deposits by year end.",
    )
    assert "and the CFO wants more core deposits by year end" in opening and "your the" not in opening, opening
    assert "your the" not in opening.lower() and "your she" not in opening.lower(), opening


def test_step_one_questions_vary_with_the_fact_and_the_tier() -> None:
    """No stock "first month" question; two prospects of one offer with different facts get different questions,
    and the question names the fact."""
    a_subject, a = _step_one(
        "ecommerce",
        title="Head of Retention",
        company="Moss & Fern",
        employee_count=120,
        notes="Repeat purchase rate is 19%, down from 25%.",
    )
    _, b = _step_one(
        "ecommerce",
        title="Head of Retention",
        company="Tallow Goods",
        employee_count=90,
        notes="Only 12% of first-time buyers order again within six months.",
    )
    ask_a, ask_b = a.split("\n\n")[-2], b.split("\n\n")[-2]
    assert ask_a != ask_b, (ask_a, ask_b)
    assert "first month" not in a + b and "first 60 days" not in a + b
    # the subject carries the figure; the question names what it measures (a figure reads oddly in a question)
    assert "19%" in a_subject and "repeat purchase rate" in ask_a, (a_subject, ask_a)


def _sequence(industry: str, **fields: Any) -> Any:
    profile = industry_agents.get_builtin(industry)
    assert profile is not None
    who = ProspectData.model_validate({"first_name": "Alex", "email": "alex@example-co.com", **fields})
    return generate_sequence_rules(profile, who, analyze_rules(profile, who), sender_for(industry), steps=4)


def test_a_record_in_another_language_is_flagged_and_never_pasted() -> None:
    """A German record: the email stays English with no German fragment in it, and every step carries a soft
    `language` issue naming German; an English record in Germany with an English title is not flagged."""
    german = _sequence(
        "manufacturing",
        title="Leiter Instandhaltung",
        company="Kessler Gusstechnik GmbH",
        employee_count=400,
        location="Dortmund, Nordrhein-Westfalen, Germany",
        signals=["Neue Druckgusslinie geht im Herbst in Betrieb"],
    )
    for step in german.steps:
        assert any(i.code == "language" and "German" in i.detail for i in step.quality.issues), step.quality
        assert not re.search(r"\b(?:Neue|Druckgusslinie|geht|Betrieb)\b", step.body), step.body
    english = _sequence(
        "manufacturing",
        title="Maintenance Manager",
        company="Kessler Castings",
        employee_count=400,
        location="Dortmund, Germany",
        signals=["Adding a second die-casting line in the autumn"],
    )
    assert not any(i.code == "language" for s in english.steps for i in s.quality.issues)
    quebec = _sequence(
        "casino",
        title="Directrice du marketing",
        company="Casino du Fjord",
        employee_count=500,
        location="Saguenay, Québec, Canada",
    )
    assert any(i.code == "language" and "French" in i.detail for i in quebec.steps[0].quality.issues)


def test_a_measured_fact_after_a_denial_is_kept_and_a_notes_payment_is_said_back() -> None:
    """ "Not opening new sites; apps are about 35% of orders": the denial is never claimed, the figure after it is
    still a fact; a payment in the notes is the prospect's own figure ("You mentioned that you paid ...") and
    the subject is built from it."""
    subject, body = _step_one(
        "restaurant",
        title="Head of Digital",
        company="Olive & Ember",
        employee_count=350,
        notes="Not opening new sites this year; apps are about 35% of orders. Paid $2.6M in delivery-app "
        "commissions last year.",
    )
    assert "You paid $2.6M in delivery-app commissions last year" in body and "mentioned" not in body, body
    assert subject.startswith("$2.6M"), subject
    assert not re.search(r"new (?:sites|locations|stores)|expansion|opening", body.split("\n\n")[1]), body


def test_the_body_uses_the_name_people_say_not_the_legal_name() -> None:
    """ "Harbor Point Bank, N.A." and "Kestrel Goods Pty Ltd" read "Harbor Point" and "Kestrel Goods": the legal
    suffix goes, and so does a long name's trailing trade word when a distinctive name is left."""
    seq = _sequence(
        "financial_services",
        title="SVP Marketing",
        company="Harbor Point Bank, N.A.",
        employee_count=300,
        signals=["Opening 2 branches in Tacoma"],
    )
    text = "\n".join(s.body + "\n" + "\n".join(s.subject_variants) for s in seq.steps)
    assert "Harbor Point" in text and "Harbor Point Bank" not in text and "N.A." not in text, text
    shop = _sequence(
        "ecommerce",
        title="Head of CRM",
        company="Kestrel Goods Pty Ltd",
        employee_count=80,
        notes="Repeat rate is 21%.",
    )
    text = "\n".join(s.body for s in shop.steps)
    assert "Pty" not in text and "Ltd" not in text, text


def test_shorthand_subjects_become_the_reader_or_the_company() -> None:
    """ "Firm wants ..." is the company itself; "Two buildings entering lease-up" is the company's two buildings;
    "~40%" is "about 40%"."""
    firm = _opening(
        "professional_services",
        title="Managing Partner",
        company="Varga Holm LLP",
        employee_count=70,
        notes="Firm wants to win more private-equity clients.",
    )
    assert re.search(r"\b(?:Varga Holm wants|you want) to win more private-equity clients\b", firm), firm
    count = _opening(
        "real_estate",
        title="VP Leasing",
        company="Cedar Row Living",
        employee_count=300,
        signals=["Two buildings entering lease-up in the spring"],
    )
    assert re.search(r"\b(?:Cedar Row has|you have) two buildings entering lease-up\b", count), count
    approx = _opening(
        "restaurant",
        title="Head of Digital",
        company="Saffron Lane",
        employee_count=250,
        notes="Delivery apps take ~35% of orders.",
    )
    assert "~" not in approx and "about 35%" in approx, approx


def test_measured_notes_read_as_sentences_with_subjects_from_them() -> None:
    """Shapes the writer used to break or skip, in our own wordings: an adjectival participle heading a measure,
    an -ing noun before its verb, a verb it did not list, a ratio, a count, an idiom."""
    cases = [
        (
            "casino",
            {"notes": "Carded guest trips down 9% since the new casino opened nearby."},
            "your carded guest trips are down 9% since the new casino opened nearby",
            "carded guest trips down 9%",
        ),
        (
            "real_estate",
            {"notes": "The Pine Street building is 71% leased three months after opening."},
            "The Pine Street building is 71% leased",
            "71% leased",
        ),
        (
            "financial_services",
            {"notes": "$85M in certificates reprice in April."},
            "$85M in certificates reprice in April",
            "$85M in certificates",
        ),
        (
            "ecommerce",
            {"notes": "Only 1 in 6 shoppers orders again within a year."},
            "only 1 in 6 shoppers orders again within a year",
            "1 in 6 shoppers",
        ),
        (
            "healthcare_clinic",
            {"notes": "Roughly 2,100 patients are overdue for a cleaning."},
            "roughly 2,100 patients are overdue for a cleaning",
            "2,100 overdue patients",  # the count with what makes it matter (as "1,800 overdue patients")
        ),
        (
            "real_estate",
            {"signals": ["Breaking ground on a 190-unit community in Mesa"]},
            "breaking ground on a 190-unit community in Mesa",
            "190-unit community",
        ),
    ]
    for industry, fields, said, subject_part in cases:
        subject, body = _step_one(
            industry, title="Director", company="Northfield Co", employee_count=300, **fields
        )
        opening = body.split("\n\n")[1]
        assert said.lower() in opening.lower() and "mentioned" not in opening, (industry, opening)
        assert subject_part in subject, (industry, subject)
        assert "talk to" not in opening and "its ground" not in opening, opening


def test_a_rise_that_is_not_a_cost_is_not_called_a_cost() -> None:
    """ "new logos up 40%" is a goal, not a climbing cost."""
    opening = _opening(
        "saas",
        title="CRO",
        company="Plinth Data",
        employee_count=200,
        notes="Board wants new logos up 35% next year.",
    )
    assert "cost climbs" not in opening, opening


def test_more_record_shapes_read_as_the_prospects_own_facts() -> None:
    """What was said to us ("Told us at the expo that ..."), a goal alone, a competitor (never "your competitor"),
    concessions, and a note of how we met (never quoted)."""
    told = _opening(
        "casino",
        title="VP Marketing",
        company="Cedar Bluff Casino",
        employee_count=800,
        signals=["Sponsoring the Great Plains Gaming Summit"],
        notes="Told us at the summit that about 18% of rated players haven't visited since spring.",
    )
    assert "about 18% of your rated players haven't visited since spring" in told, told
    goal = _opening(
        "financial_services",
        title="CMO",
        company="Lakeline Credit Union",
        employee_count=300,
        notes="Met at a regional conference; she wants to grow member checking accounts by 10% this year.",
    )
    assert "want to grow member checking accounts by 10% this year" in goal and "conference" not in goal, goal
    rival_subject, rival = _step_one(
        "casino",
        title="Marketing Director",
        company="Red Willow Casino",
        employee_count=500,
        signals=["New rival casino opening 20 miles away in June"],
    )
    assert "your new rival" not in (rival + rival_subject).lower() and "a new rival casino" in rival, rival
    offer = _opening(
        "real_estate",
        title="Director of Leasing",
        company="Linden Yard Apartments",
        employee_count=120,
        notes="Concessions up to 6 weeks free at the Harbor Street property.",
    )
    assert "offering concessions up to 6 weeks free at the Harbor Street property" in offer, offer


def test_a_so_what_never_points_at_something_the_opening_did_not_say() -> None:
    """ "When meetings drop like that" needs the drop in the opening; a figure from a public deck is not "You
    mentioned"; a company's own buildings are its own."""
    lost = _opening(
        "saas",
        title="VP Sales",
        company="Quotient Labs",
        employee_count=250,
        notes="Lost 5 of 9 SDRs this year; meetings booked down 35% per the board update.",
    )
    assert "like that" not in lost.split(". ", 1)[1], lost
    deck = _opening(
        "ecommerce",
        title="Director of CRM",
        company="Fieldhouse Goods",
        employee_count=400,
        notes="Investor deck: 55% of online customers never order twice.",
    )
    assert not deck.startswith("You mentioned") and "55%" in deck, deck
    own = _opening(
        "real_estate",
        title="Director of Leasing",
        company="Coral Row Living",
        employee_count=150,
        notes="Three new buildings in Hialeah stuck near 75% occupancy.",
    )
    assert re.search(r"\b(?:your|Coral Row's) three new buildings in Hialeah\b", own), own


def test_labelled_and_passive_shorthand_is_said_whole() -> None:
    """ "Series B: $25M led by X", "Goal: ...", "Host team cut from 10 to 6", "the new tower opens ...", and a
    participle after a figure ("versus 8 underwritten") are read as sentences, with subjects built from them."""
    raise_subject, raised = _step_one(
        "saas",
        title="VP Sales",
        company="Lumenbase",
        employee_count=200,
        signals=["Series B: $25M led by Northzone"],
    )
    assert "raising a $25M Series B led by Northzone" in raised and "$25M Series B" in raise_subject, raised
    goal = _opening(
        "professional_services",
        title="CMO",
        company="Tern & Vale CPAs",
        employee_count=250,
        notes="Goal: 20% new-client revenue next year.",
    )
    assert "your goal is 20% new-client revenue next year" in goal.lower(), goal
    hosts_subject, hosts = _step_one(
        "casino",
        title="Director of Player Development",
        company="Silver Reef Casino",
        employee_count=700,
        notes="Host team cut from 10 to 6 after budget cuts.",
    )
    assert "host team was cut from 10 to 6" in hosts and hosts_subject in ("the host team", "your host team"), (
        hosts
    )
    tower = _opening(
        "casino",
        title="VP Marketing",
        company="Blue Mesa Casino",
        employee_count=900,
        signals=["Posted on LinkedIn that the new 150-room hotel tower opens in Q3"],
    )
    assert re.search(r"\b(?:your|Blue Mesa's) new 150-room hotel tower opens in Q3", tower), tower
    lease = _opening(
        "real_estate",
        title="VP Marketing",
        company="Arden Living",
        employee_count=400,
        notes="Average lease-up at recent deliveries took 13 months versus 8 underwritten.",
    )
    assert "took 13 months versus 8 underwritten" in lease and "talk to" not in lease, lease


def test_reported_facts_keep_who_said_them_and_whose_they_are() -> None:
    """ "Told a trade magazine ..." without a "that", a brand as the subject (never "the hotel's Booking.com"),
    "their" said to the reader as "your", a count of hires with its verb, and who said it in an interview."""
    told = _opening(
        "manufacturing",
        title="Plant Manager",
        company="Oberland Stanztechnik",
        employee_count=400,
        notes="Told a trade magazine unplanned press downtime cost about 7 OEE points last year.",
    )
    assert "unplanned press downtime cost about 7 OEE points" in told and "told a" not in told.lower(), told
    brand = _opening(
        "hotel",
        title="Director of Sales",
        company="Lakeside Lodge",
        employee_count=90,
        notes="GM said in a radio interview that Expedia brings about 40% of stays.",
    )
    assert "Your GM said in a radio interview that Expedia brings about 40% of stays" in brand, brand
    their = _opening(
        "casino",
        title="VP Marketing",
        company="Sandstone Casino",
        employee_count=700,
        notes="Roughly 15% of their Platinum players haven't visited in 90 days.",
    )
    assert "15% of your Platinum players" in their, their
    hires = _opening(
        "professional_services",
        title="Managing Partner",
        company="Holt Varga",
        employee_count=80,
        signals=["Four lateral partner hires this year"],
    )
    assert re.search(r"\b(?:Holt Varga has|you've) made four lateral partner hires this year", hires), hires


def test_a_subject_from_a_percentage_keeps_what_it_measures() -> None:
    """ "The Alder building is at 83% occupancy" gives "83% occupancy", never "the 83% Alder building"."""
    subject, _ = _step_one(
        "real_estate",
        title="Director of Asset Management",
        company="Ridgeway Homes",
        employee_count=150,
        notes="The Alder building is at 83% occupancy against a 95% underwrite.",
    )
    assert subject == "83% occupancy", subject


def test_a_hiring_subject_names_who_is_hired_not_the_signal() -> None:
    """ "Hiring 3 SDRs and 2 AEs" gives the subject "3 SDRs and 2 AEs"; a hire already made ("Hired two senior
    partners") never reads "hiring ..."."""
    subject, _ = _step_one(
        "saas", title="VP Sales", company="Gridline", employee_count=150, signals=["Hiring 3 SDRs and 2 AEs"]
    )
    assert subject == "3 SDRs and 2 AEs", subject
    done, _ = _step_one(
        "professional_services",
        title="Managing Partner",
        company="Orme Castle LLP",
        employee_count=90,
        signals=["Hired two senior tax partners"],
    )
    assert not done.startswith("hiring"), done


def test_step_one_pads_with_no_stock_lines_when_the_industry_is_known() -> None:
    """A short fact-led step 1 for a known industry is not padded with "A small test would settle it", an
    opt-out line or a second "judge it on one number" line (the sender line already names the number)."""
    stock = re.compile(
        r"small (?:first )?test|say so and I'll|one-word reply|judg\w+ it on one number|One number would"
    )
    for industry, title, fields in (
        ("ecommerce", "Email Marketing Manager", {"signals": ["Switching ESP next quarter"]}),
        ("real_estate", "VP of Marketing", {"signals": ["Delivering a 280-unit community in April"]}),
        ("hotel", "Director of Marketing", {"signals": ["Launched a new booking engine"]}),
    ):
        body = _opening(industry, title=title, company="Larchmont Outfitters", employee_count=120, **fields)
        assert not stock.search(body), (industry, body)


def test_step_two_brings_a_new_fact_with_its_meaning_and_no_stock_question() -> None:
    """Step 2 says a fact step 1 did not, with what it means, and never asks "to see if it fits?"."""
    seq = _sequence(
        "restaurant",
        title="Director of Digital",
        company="Ember & Rye",
        employee_count=300,
        signals=["Reviewing online ordering vendors"],
        notes="Paid about $3.2M in third-party delivery commissions last year.",
    )
    step2 = seq.steps[1].body
    assert "ordering vendors" in step2 and "ordering vendors" not in seq.steps[0].body, step2
    assert len(step2.split("\n\n")[1].split(". ")) >= 2, step2  # the fact and what it means
    assert not any(i.code == "stock_cta" for i in seq.steps[1].quality.issues), seq.steps[1].quality


def test_a_fact_with_no_bearing_on_the_offer_does_not_lead() -> None:
    """ "Hiring warehouse associates" says nothing a retention offer can use: step 1 gives the general observation
    (flagged for research) instead of a fact with no "so what"; a modernization does lead a maintenance email."""
    seq = _sequence(
        "ecommerce",
        title="Head of CRM",
        company="Birchfield Home",
        employee_count=250,
        signals=["Hiring seasonal warehouse associates"],
    )
    opening = seq.steps[0].body.split("\n\n")[1]
    assert "warehouse" not in opening, opening
    assert any(i.code == "needs_research" for i in seq.steps[0].quality.issues), seq.steps[0].quality
    plant = _opening(
        "manufacturing",
        title="VP Operations",
        company="Keel River Steel",
        employee_count=900,
        signals=["Announced $150M rolling mill modernization"],
    )
    assert "modernization" in plant and "talk to" not in plant, plant


def test_no_doubled_article_in_any_step() -> None:
    """ "I'll stop writing about the the 58% OEE": a topic that starts with "the" is never given another."""
    profile = industry_agents.get_builtin("manufacturing")
    assert profile is not None
    for n in range(12):
        who = ProspectData.model_validate(
            {
                "first_name": "Alex",
                "email": f"reader{n}@brightwater-castings.com",
                "title": "Plant Manager",
                "company": "Brightwater Castings",
                "employee_count": 300,
                "notes": "OEE is around 57% and unplanned downtime runs near 10% of scheduled hours.",
            }
        )
        seq = generate_sequence_rules(
            profile, who, analyze_rules(profile, who), sender_for("manufacturing"), steps=4
        )
        for step in seq.steps:
            assert not re.search(r"\b(\w+) \1\b", step.body, re.IGNORECASE), step.body


def test_a_connection_note_never_quotes_a_private_figure() -> None:
    """A figure from the notes ("repeat purchase rate is 21%") is not something a stranger "saw" on LinkedIn."""
    profile = industry_agents.get_builtin("ecommerce")
    assert profile is not None
    who = ProspectData.model_validate(
        {
            "first_name": "Alex",
            "email": "alex@fenwick-goods.com",
            "title": "Head of Retention",
            "company": "Fenwick Goods",
            "employee_count": 120,
            "notes": "Repeat purchase rate is 21%, down from 27% last year.",
        }
    )
    note = generate_linkedin_rules(
        profile, who, analyze_rules(profile, who), sender_for("ecommerce"), kind="connection"
    )
    assert "21%" not in note.body and len(note.body) <= 300, note.body


def test_a_long_name_is_said_without_its_trade_descriptor() -> None:
    """A practitioner writes "Dunmore's partners", not "Dunmore Chartered Professional Accountants' partners";
    a name that would shrink to a common word, or is already short, stays as given."""
    from copywriter.facts import short_company

    said = {
        "Dunmore Chartered Professional Accountants": "Dunmore",
        "Harbour Table Restaurant Group": "Harbour Table",
        "Whitfield Moss CPAs & Advisors": "Whitfield Moss",
        "Peachtree Physical Therapy & Sports Rehab": "Peachtree",
        "Two Rivers Racino": "Two Rivers",
        "Aspen Hollow Lodge & Spa": "Aspen Hollow",
        "Poutine & Co.": "Poutine & Co.",
        "Kindred Crumb Bakeshop, LLC": "Kindred Crumb",
        "American Dental Partners": "American Dental Partners",
        "Orchard Packaging Co.": "Orchard Packaging",
        "Physical Therapy Associates": "Physical Therapy Associates",
        "Prairie Teachers Credit Union": "Prairie Teachers",  # holdout20 readers: the full name read as pasted
        "Bellhaven Conference Resort": "Bellhaven",  # never "Bellhaven Conference"
        "Redwater Downs Casino & Racetrack": "Redwater Downs",
        # a describing word before the trade goes with it (blind readers named the legal name in the question)
        "Tri-County Community Bank": "Tri-County",
        "Ridgeline Precision Components": "Ridgeline",
        "Evergreen Pediatric Partners": "Evergreen",
        "Crestmark Office Partners": "Crestmark",
        "Lakes Regional Bank": "Lakes Regional Bank",
    }
    assert {name: short_company(name) for name in said} == said
    seq = _sequence(
        "healthcare_clinic",
        title="Owner",
        company="Peachtree Physical Therapy & Sports Rehab",
        employee_count=40,
    )
    text = "\n".join(s.body for s in seq.steps)
    assert "Peachtree" in text and "Peachtree Physical Therapy" not in text, text


def test_a_fact_led_email_asks_about_that_fact_not_the_stock_question() -> None:
    """With a lead fact, step 1's question names it ("... the Sagebrush acquisition?", "... before June?"); the
    stock "Open to a 15-minute call next week?" is only for an email with no fact; a job ad is never the topic."""
    asks = {
        ("three new thermoforming lines", "before Q2"): _step_one(
            "manufacturing",
            title="VP Operations",
            company="Orchard Packaging Co.",
            employee_count=400,
            signals=["Commissioning three new thermoforming lines in Q2 as part of a $22M capex plan"],
        )[1].split("\n\n")[-2],
        ("Sagebrush acquisition",): _step_one(
            "healthcare_clinic",
            title="COO",
            company="Canyon Physical Therapy",
            employee_count=300,
            signals=["Acquired by Sagebrush Health Partners in March", "18 clinics, 3 de novos planned"],
        )[1].split("\n\n")[-2],
    }
    hiring = _step_one(
        "saas",
        title="VP Sales",
        company="Buildgrid",
        employee_count=120,
        signals=["Raised $35M Series B (September)", "Hiring 4 SDRs and 6 AEs"],
    )[1]
    assert "is hiring 4 SDRs" in hiring, hiring
    asks[("hiring", "search is on")] = hiring.split("\n\n")[-2]
    for topics, ask in asks.items():
        assert any(t in ask for t in topics) and ask.endswith("?") and "next week" not in ask, ask


def test_you_mentioned_only_when_the_record_says_they_told_us() -> None:
    """A researcher's figure is an observation ("Your no-show rate ..."); only a note that says the prospect told
    us (on a call) is said back as "You mentioned that ..."."""
    seen = _opening(
        "healthcare_clinic",
        title="Practice Manager",
        company="Alder Family Dental",
        employee_count=40,
        notes="No-show rate is running at about 14%.",
    )
    assert "mentioned" not in seen and "14%" in seen and " running is " not in seen, seen
    told = _opening(
        "healthcare_clinic",
        title="Practice Manager",
        company="Alder Family Dental",
        employee_count=40,
        notes="Told us on a discovery call that the no-show rate is about 14%.",
    )
    assert told.startswith("You mentioned that") and "14%" in told, told


def test_golden_copy_tuning_set_passes_the_checker() -> None:
    """copy_tuning.jsonl: 80 tier 1-2 rows a blind labeller wrote the way agencies feed records in (CRM notes,
    Clay rows with date stamps and headlines, thin rows), for tuning the copy only (no tier bar is asserted)."""
    selected = [r for r in rows("copy_tuning.jsonl") if r.get("tier") in (1, 2) and readable(r)]
    passed, total, failures = pass_rate(selected)
    print(f"\ngolden copy_tuning tier 1-2: {passed}/{total} pass ({passed / max(1, total):.0%})")
    print("\n".join(failures))
    assert total == 160 and passed / total >= 0.9, failures  # a step-1 email and a connection note per row
