"""General readings the rules extractor must get right, probed with wordings of our own (pure).

Each case is a kind of statement, not a golden row: a word two themes share, a quantified loss of
customers, one-time buyers, a lost anchor client, a recruiter that serves the industry, a budget
property too small to have a marketing budget, credit-union officer titles, first-line supervisors,
abbreviated managing directors, "Rev. Ops", industry labels in other languages and consumer-product
industries that e-commerce brands file under.
"""

from __future__ import annotations

import pytest

from industry_agents import build_profile_rules
from intelligence.extract import extract_facts, themes_in
from intelligence.titles import convention_for, parse_title
from schemas import AgentProfile, ProspectData
from scoring import analyze_rules

OFFERS = {
    "casino": "player reactivation email and SMS campaigns that win back lapsed rated players",
    "ecommerce": "email and SMS retention marketing (lifecycle flows, win-back, post-purchase) that lifts repeat "
                 "purchase rate",
    "real_estate": "lease-up marketing campaigns that fill vacant units faster",
    "professional_services": "outbound business development programmes for partners at law and accounting firms",
    "saas": "outsourced SDR team that books qualified outbound meetings for B2B sales teams",
    "hotel": "direct-booking campaigns that shift room nights away from OTAs",
    "financial_services": "digital deposit and new-account acquisition campaigns for banks and credit unions",
}


def profile(industry: str) -> AgentProfile:
    return build_profile_rules(industry=industry, description=None, company="Sender Co", offer=OFFERS[industry],
                               target_personas=None)


@pytest.mark.parametrize(("text", "themes"), [
    ("Occupancy at the new building is stuck at 72%", {"lease_up", "direct_booking"}),
    ("Lost about a quarter of its loyalty members to a new resort", {"win_back"}),
    ("Churned 30% of active subscribers since the price rise", {"retention"}),
    ("Half of first-time customers never come back", {"retention"}),
    ("Only 1 in 3 buyers places a second order", {"retention"}),
    ("Lost its biggest account in March", {"bd"}),
    ("Board wants 12 new logos this year", {"acquisition", "bd"}),
    ("Offering six weeks free on two-bedroom units", {"lease_up"}),
])
def test_themes_read_from_the_statement(text: str, themes: set[str]) -> None:
    assert themes <= themes_in(text), themes_in(text)


def _prospect(**fields: object) -> ProspectData:
    return ProspectData(**{"email": "pat@example.com", **fields})


@pytest.mark.parametrize(("industry", "company", "notes"), [
    ("saas", "Quota Talent", "Places account executives at Series B SaaS companies."),
    ("hotel", "Front Desk Staffing Co", "Recruits night auditors and housekeepers for independent hotels."),
    ("real_estate", "LeaseTeam Partners", "Staffs leasing consultants into apartment communities across Texas."),
])
def test_a_recruiter_that_serves_the_industry_sells_to_it(industry: str, company: str, notes: str) -> None:
    """A vendor, or a competitor when what it places is what the sender sells (SDRs, leasing staff)."""
    facts = extract_facts(profile(industry), _prospect(title="Managing Director", company=company,
                                                       industry="Staffing & Recruiting", employee_count=40,
                                                       notes=notes))
    assert facts.disqualifiers and facts.disqualifiers[0].kind in ("vendor", "competitor")
    assert facts.disqualifiers[0].span is not None and facts.disqualifiers[0].span.field == "notes"


def test_a_budget_property_far_below_the_band_has_no_marketing_budget() -> None:
    hotel = profile("hotel")
    tiny = _prospect(title="Owner", company="Roadside Budget Inn", industry="Hospitality", employee_count=5,
                     annual_revenue_usd=350_000, location="Tulsa, Oklahoma")
    assert [d.profile_rule for d in extract_facts(hotel, tiny).disqualifiers] == [
        "hostel or budget motel with no sales or marketing budget"]
    assert analyze_rules(hotel, tiny).tier == 4
    # In the band, "budget" alone is a positioning, not a missing budget.
    chain = tiny.model_copy(update={"employee_count": 400, "annual_revenue_usd": 60_000_000})
    assert not extract_facts(hotel, chain).disqualifiers


@pytest.mark.parametrize(("title", "company", "level"), [
    ("Vice President of Marketing", "Lakeshore Federal Credit Union", "vp"),
    ("VP, Member Growth", "Granite State FCU", "vp"),
    ("Vice President of Marketing", "Lakeshore Savings Bank", "manager"),  # banks title officers generously
])
def test_credit_union_vps_head_a_function_and_bank_vps_do_not(title: str, company: str, level: str) -> None:
    reading = parse_title(title, convention_for("financial_services", "Financial Services", company))
    assert reading is not None and reading.level == level


@pytest.mark.parametrize(("title", "level", "function"), [
    ("Mng. Dir., Business Development", "c_level", None),
    ("Mng Partner", "c_level", None),
    ("VP, Rev. Ops", "vp", "sales"),
    ("Shift Supervisor", "individual", None),
    ("Guest Services Supervisor", "individual", None),
    ("Director, Digital Customer Experience", "director", "marketing"),
    ("Head of Retail Deposits", "director", "sales"),
])
def test_abbreviations_and_first_line_titles(title: str, level: str, function: str | None) -> None:
    reading = parse_title(title)
    assert reading is not None and reading.level == level, reading
    assert function is None or reading.function == function


@pytest.mark.parametrize(("industry", "label"), [
    ("ecommerce", "Comércio a retalho"),
    ("ecommerce", "Varejo"),
    ("real_estate", "Bienes raíces"),
])
def test_industry_labels_in_other_languages(industry: str, label: str) -> None:
    facts = extract_facts(profile(industry), _prospect(title="CEO", company="Acme", industry=label))
    assert facts.firmographics.industry_share >= 0.9, facts.firmographics.industry_why


@pytest.mark.parametrize("label", ["Health, Wellness & Fitness", "Nutrition", "Personal Care", "Homeware"])
def test_consumer_product_industries_are_near_ecommerce(label: str) -> None:
    facts = extract_facts(profile("ecommerce"), _prospect(title="VP Growth", company="Acme", industry=label))
    assert facts.firmographics.industry_share == 0.7, facts.firmographics.industry_why
    assert facts.firmographics.industry_why.endswith("is a consumer-products industry whose brands sell online.")
    # Not for every profile: a supplement label says nothing about a hotel.
    assert extract_facts(profile("hotel"), _prospect(title="VP Growth", company="Acme", industry=label)
                         ).firmographics.industry_share < 0.5


# --- the breakdown's English -----------------------------------------------------------------------


@pytest.mark.parametrize(("label", "written"), [
    ("cpa firm", "a CPA firm"), ("b2b saas company", "a B2B SaaS company"),
    ("it services firm", "an IT services firm"), ("ria", "an RIA"), ("shopify plus brand", "a Shopify Plus brand"),
    ("insurance carrier", "an insurance carrier"),
])
def test_vocabulary_labels_are_written_with_their_case_and_article(label: str, written: str) -> None:
    from intelligence import english
    assert english.a(english.label(label)) == written


def _why(agent: str, component: str, **fields: object) -> str:
    result = analyze_rules(profile(agent), _prospect(**fields))
    return next(c.why for c in result.breakdown if c.component == component)


def test_disqualifier_sentences_name_each_reason_once_with_its_article() -> None:
    why = _why("professional_services", "disqualifier", title="Attorney", company="Dana Cole, Sole Practitioner",
               industry="Law Practice", employee_count=1, notes="Sole practitioner; solo practice.")
    assert why.count("solo") + why.count("one-person") + why.count("one- or two-person") == 1, why
    why = _why("professional_services", "disqualifier", title="Executive Assistant to the Managing Partner",
               company="Hartley & Co", industry="Accounting", employee_count=120)
    assert "an assistant to the buyer, not the buyer ('Executive Assistant to the Managing Partner')" in why
    assert "managing partner:" not in why.lower()
    company = _why("professional_services", "company_fit", title="Managing Partner", company="Hartley CPA Firm",
                   industry="Accounting", employee_count=120)
    assert "it is a CPA firm, an ICP company type" in company or "it is an accounting firm" in company, company
