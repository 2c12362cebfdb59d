"""The one intake (intelligence.intake): value strings, aliases, names, URLs and the merge rule.

Pure functions, no database: the HTTP paths are in tests/test_intake_paths.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from intelligence import intake
from schemas import ProspectData
from tests.support.people import DANA_FROM_CLAY as DANA

COUNTS = [  # written → (employee_count, min, max)
    (2000, (2000, None, None)),
    ("2000", (2000, None, None)),
    ("2,000", (2000, 2000, 2000)),
    ("51-200", (126, 51, 200)),
    ("51 - 200", (126, 51, 200)),
    ("51–200 employees", (126, 51, 200)),
    ("201-500", (351, 201, 500)),
    ("1,001-5,000", (3001, 1001, 5000)),
    ("10,001+", (10001, 10001, None)),
    ("10K+", (10000, 10000, None)),
    ("1 to 10", (6, 1, 10)),
    ("under 10", (5, 0, 10)),
    ("self-employed", (1, 1, 1)),
    (3.7, (4, None, None)),
    # European grouping dots, other languages' range and headcount words, estimates
    ("1.200", (1200, 1200, 1200)),
    ("1.001-5.000", (3001, 1001, 5000)),
    ("51 bis 200 Mitarbeiter", (126, 51, 200)),
    ("11 à 50 salariés", (31, 11, 50)),
    ("ca. 120", (120, 120, 120)),
    ("~85 FTE", (85, 85, 85)),
]
MONEY = [  # written → (annual_revenue_usd, min_usd, max_usd, currency)
    (180_000_000, (180_000_000, None, None, None)),
    ("$180M", (180_000_000, 180_000_000, 180_000_000, "USD")),
    ("$4.5M", (4_500_000, 4_500_000, 4_500_000, "USD")),
    ("1.2B", (1_200_000_000, 1_200_000_000, 1_200_000_000, "USD")),
    ("$180,000,000", (180_000_000, 180_000_000, 180_000_000, "USD")),
    ("USD 40 million", (40_000_000, 40_000_000, 40_000_000, "USD")),
    ("€18M", (20_880_000, 20_880_000, 20_880_000, "EUR")),
    ("40m EUR", (46_400_000, 46_400_000, 46_400_000, "EUR")),
    ("£2.1bn", (2_772_000_000, 2_772_000_000, 2_772_000_000, "GBP")),
    ("CHF 3m", (3_750_000, 3_750_000, 3_750_000, "CHF")),
    ("$10M-$50M", (30_000_000, 10_000_000, 50_000_000, "USD")),
    ("10-50M", (30_000_000, 10_000_000, 50_000_000, "USD")),
    ("$1B+", (1_000_000_000, 1_000_000_000, None, "USD")),
    # scale words in German, Dutch, Spanish, Portuguese, Italian; grouping dots; estimates and notes
    ("12,5 Mio. €", (14_500_000, 14_500_000, 14_500_000, "EUR")),
    ("EUR 3 Mrd.", (3_480_000_000, 3_480_000_000, 3_480_000_000, "EUR")),
    ("40 Millionen Euro", (46_400_000, 46_400_000, 46_400_000, "EUR")),
    ("€2.500.000", (2_900_000, 2_900_000, 2_900_000, "EUR")),
    ("20 mln EUR", (23_200_000, 23_200_000, 23_200_000, "EUR")),
    ("~$20M", (20_000_000, 20_000_000, 20_000_000, "USD")),
    ("CAD 85 million", (60_350_000, 60_350_000, 60_350_000, "CAD")),  # "ca" is no estimate here
    ("C$85M", (60_350_000, 60_350_000, 60_350_000, "CAD")),  # not "circa $85M" in US dollars
    ("CA$85M", (60_350_000, 60_350_000, 60_350_000, "CAD")),
    ("85 M$ CA", (60_350_000, 60_350_000, 60_350_000, "CAD")),  # Québec writes the country after
    ("85 M$ CAD", (60_350_000, 60_350_000, 60_350_000, "CAD")),
    ("$60M (FY2024)", (60_000_000, 60_000_000, 60_000_000, "USD")),
    ("$35M ARR", (35_000_000, 35_000_000, 35_000_000, "USD")),
    ("$4.2M GCI", (4_200_000, 4_200_000, 4_200_000, "USD")),  # a brokerage's gross commission income
    ("£3m in fees", (3_960_000, 3_960_000, 3_960_000, "GBP")),
    ("5–25 Mio. €", (17_400_000, 5_800_000, 29_000_000, "EUR")),
]


@pytest.mark.parametrize(("written", "expected"), COUNTS, ids=[repr(c[0]) for c in COUNTS])
def test_headcounts_one_rule_both_bounds_kept(written, expected):
    p = ProspectData.model_validate({"email": "a@b.co", "employees": written})
    count, low, high = expected
    assert p.employee_count == count
    if low is None:
        assert p.employee_range is None  # a plain number needs no range
    else:
        assert (p.employee_range.min, p.employee_range.max) == (low, high)
        assert p.employee_range.text == str(written)


@pytest.mark.parametrize(("written", "expected"), MONEY, ids=[repr(m[0]) for m in MONEY])
def test_money_converted_to_usd_with_the_dated_rate_and_the_original_kept(written, expected):
    p = ProspectData.model_validate({"email": "a@b.co", "revenue": written})
    usd, low, high, currency = expected
    assert p.annual_revenue_usd == usd
    if currency is None:
        assert p.revenue_range is None
        return
    r = p.revenue_range
    assert (r.min_usd, r.max_usd, r.currency, r.text) == (low, high, currency, written)
    if currency == "USD":
        assert r.usd_rate is None and r.rates_as_of is None
    else:
        assert r.usd_rate == intake.DEFAULT_USD_RATES[currency] and r.rates_as_of == date(2025, 10, 31)


def test_the_rate_table_is_configurable():
    try:
        intake.configure({"EUR": 1.5}, date(2026, 1, 2))
        p = ProspectData.model_validate({"email": "a@b.co", "revenue": "€2M"})
        assert p.annual_revenue_usd == 3_000_000 and p.revenue_range.rates_as_of == date(2026, 1, 2)
        with pytest.raises(ValidationError):  # GBP is not in this table
            ProspectData.model_validate({"email": "a@b.co", "revenue": "£2M"})
    finally:
        intake.configure(intake.DEFAULT_USD_RATES, intake.DEFAULT_RATES_AS_OF)
    assert intake.parse_rate_table("eur=1.1, GBP=1.3") == {"EUR": 1.1, "GBP": 1.3}
    for bad in ("EUR", "EUR=abc", "EURO=1", "EUR=-1"):
        with pytest.raises(ValueError, match="FX_USD_RATES"):
            intake.parse_rate_table(bad)


@pytest.mark.parametrize("field", ["employees", "revenue"])
@pytest.mark.parametrize("written", ["lots", "500-100", "12abc", True, "XYZ 5M", "$5M £3M"])
def test_unreadable_values_are_errors_that_name_the_field_not_the_value(field, written):
    if field == "employees" and written in ("XYZ 5M", "$5M £3M"):
        written = "$5M"  # money is not a headcount
    with pytest.raises(ValidationError) as info:
        ProspectData.model_validate({"email": "a@b.co", field: written})
    error = info.value.errors()[0]
    assert error["loc"] == (field,)
    name = "employee_count" if field == "employees" else "annual_revenue_usd"
    assert name in error["msg"] and (not isinstance(written, str) or written not in error["msg"])


def test_empty_markers_mean_not_given():
    for empty in ("", "n/a", "Unknown", "-"):
        p = ProspectData.model_validate({"email": "a@b.co", "employees": empty, "revenue": empty})
        assert p.employee_count is None and p.annual_revenue_usd is None


def test_a_range_given_directly_must_hold_its_number():
    p = ProspectData.model_validate({"email": "a@b.co", "employee_range": {"min": 51, "max": 200}})
    assert p.employee_count == 126
    with pytest.raises(ValidationError):
        ProspectData.model_validate(
            {"email": "a@b.co", "employees": 5000, "employee_range": {"min": 51, "max": 200}}
        )


def test_names_urls_and_domains():
    assert intake.split_name("Dana Reyes") == ("Dana", "Reyes")
    assert intake.split_name("Reyes, Dana") == ("Dana", "Reyes")
    assert intake.split_name("Dr. Sam  de Vries, PhD") == ("Sam", "de Vries")
    assert intake.split_name("Cher") == ("Cher", None)
    p = ProspectData.model_validate(
        {
            "email": "Dana.Reyes@SilverPeakCasino.com",
            "first_name": " Dana ",
            "last_name": "de  la Cruz",
            "website": "www.SilverPeakCasino.com/About",
            "linkedin_url": "linkedin.com/in/dana",
            "company_domain": "https://www.SilverPeakCasino.com/about",
        }
    )
    assert p.email == "dana.reyes@silverpeakcasino.com" and p.last_name == "de la Cruz"
    assert p.website == "https://www.silverpeakcasino.com/About"
    assert p.linkedin_url == "https://linkedin.com/in/dana" and p.company_domain == "silverpeakcasino.com"
    with pytest.raises(ValidationError, match="company_domain"):
        ProspectData.model_validate({"email": "a@b.co", "company_domain": "Silver Peak"})


def test_rows_map_to_prospect_fields_with_aliases():
    fields = intake.row_fields(
        {
            "Work Email": " Dana@Example.com ",
            "first_name": "Dana",
            "Full Name": "ignored because first name",
            "Job Title": "VP",
            "Company Name": "Silver Peak",
            "Company Size": "51-200",
            "Revenue": "$1.2B",
            "Tech Stack": ["Braze", {"name": "Salesforce"}],
            "News": "Opened a tower",
            "Job Openings": "Hiring a host",
            "_clay_row_id": 123,
            "LinkedIn": "https://linkedin.com/in/dana",
            "Mystery": {"a": 1},
            "Employees": None,
            "Notes": "n" * 6000,
            "City": "Reno",
            "Country": "USA",
        }.items()
    )
    assert fields["email"] == "Dana@Example.com" and fields["first_name"] == "Dana" and "last_name" not in fields
    assert fields["title"] == "VP" and fields["company"] == "Silver Peak"
    assert fields["employee_count"] == "51-200" and fields["annual_revenue_usd"] == "$1.2B"  # read by ProspectData
    assert fields["technologies"] == ["Braze", "Salesforce"]
    assert fields["signals"] == ["Opened a tower", "Hiring a host"]
    assert fields["clay_row_id"] == "123" and fields["linkedin_url"].endswith("/dana")
    assert len(fields["notes"]) == 5000 and fields["location"] == "Reno, USA"
    p = intake.to_prospect(fields)
    assert (p.email, p.employee_count, p.annual_revenue_usd) == ("dana@example.com", 126, 1_200_000_000)
    assert intake.row_fields([("Full Name", "Sam de Vries")]) == {"first_name": "Sam", "last_name": "de Vries"}
    # the alias listed first wins, whatever the column order
    assert intake.row_fields([("Title", "Host"), ("Job Title", "VP")])["title"] == "VP"
    assert intake.field_for("E-mail Address") == intake.field_for("email_address") == "email"
    assert intake.field_for("Favourite Colour") is None
    with pytest.raises(intake.RowError, match="no email"):
        intake.to_prospect({"first_name": "x"})


def test_merge_keeps_what_is_absent_and_replace_does_not():
    known = ProspectData.model_validate(DANA).model_dump(mode="json", exclude_none=True)
    tower = "Opening a 400-room hotel tower in Q2 2027"
    again = ProspectData.model_validate(
        {
            "email": DANA["email"],
            "first_name": "Dana",
            "title": "CMO",
            "employees": 2000,
            "signals": [tower, "New CRM"],
        }
    )
    merged = intake.merge(known, again)
    d = merged.data
    assert (d.last_name, d.location, d.annual_revenue_usd, d.title) == ("Reyes", "Reno, NV", 180_000_000, "CMO")
    assert d.signals == [tower, "New CRM", "Hiring a Player Development Manager"]
    assert d.employee_count == 2000 and d.employee_range is None  # a new number drops its old range
    assert merged.changed == ["employee_count", "employee_range", "signals", "title"]
    assert merged.kept == ["annual_revenue_usd", "last_name", "location", "revenue_range"]
    assert merged.existed
    replaced = intake.merge(known, again, replace=True)
    assert replaced.data.last_name is None and replaced.data.annual_revenue_usd is None and replaced.kept == []
    assert {"last_name", "location", "annual_revenue_usd"} <= set(replaced.changed)
    same = intake.merge(known, ProspectData.model_validate(DANA))
    assert same.changed == [] and same.existed
    echoed = intake.merge(known, ProspectData.model_validate({"email": DANA["email"], "employees": 3001}))
    assert echoed.changed == [] and echoed.data.employee_range.text == "1,001-5,000"  # same number: range kept
    new = intake.merge(None, ProspectData.model_validate(DANA))
    assert not new.existed and "email" in new.changed and new.kept == []


def test_a_clay_push_and_its_echo_keep_both_bounds():
    from clay.columns import prospect_row

    data = ProspectData.model_validate(DANA).model_dump(mode="json", exclude_none=True)
    pushed = prospect_row(
        campaign_id="c", prospect_id="p", data=data, score=90, tier=1, status="scored", analysis=None
    )
    assert pushed["Employees"] == "1,001-5,000" and pushed["Annual Revenue"] == "$180M"
    echoed = intake.to_prospect(intake.row_fields(pushed.items()))
    assert intake.merge(data, echoed).changed == []


def test_normalised_values_still_fit_and_validate_again_unchanged():
    long_url = "linkedin.com/in/" + "x" * 480  # 496 characters; "https://" would make it 504
    with pytest.raises(ValidationError, match="500 characters"):
        ProspectData.model_validate({"email": "a@b.co", "linkedin_url": long_url})
    p = ProspectData.model_validate(
        {
            **DANA,
            "website": "Acme.com",
            "company_domain": "WWW.Acme.com/x",
            "employees": "51-200",
            "revenue": "€18M",
        }
    )
    again = ProspectData.model_validate(p.model_dump(mode="json", exclude_none=True))
    assert again == p
