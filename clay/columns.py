"""Clay table columns, and the mapping of rows in both directions.

The column names below are the keys we push (one flat JSON object per row, keys become columns) and
the keys the webhook understands coming back, so a table set up from setup-tables round-trips.
Inbound rows are read by the one intake (`intelligence.intake`), as CSV imports and the analyze API
are: keys matched against its aliases, values read the same way ("51-200", "$18M", "€18M"),
unknown keys ignored.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

# (column, ProspectData field, Clay type, description)
PROSPECT_COLUMNS: list[tuple[str, str, str, str]] = [
    ("Email", "email", "email", "Work email; required, the prospect's identity in Tune"),
    ("First Name", "first_name", "text", "Given name"),
    ("Last Name", "last_name", "text", "Family name"),
    ("Job Title", "title", "text", "Current title; drives seniority and persona fit"),
    ("Company Name", "company", "text", "Employer"),
    ("Company Domain", "company_domain", "text", "e.g. silverpeakcasino.com"),
    ("Website", "website", "url", "Company website"),
    ("LinkedIn URL", "linkedin_url", "url", "Person's LinkedIn profile"),
    ("Industry", "industry", "text", "Company industry as Clay reports it"),
    (
        "Employees",
        "employee_count",
        "text",
        "Headcount; a range like 51-200 counts as its midpoint (126), both bounds kept; 10K+ counts as 10000",
    ),
    (
        "Annual Revenue",
        "annual_revenue_usd",
        "text",
        "180000000, $180M, $1.2B, or another currency (€18M, £2.1bn), converted to USD by the rate table",
    ),
    ("Location", "location", "text", "City, region or country"),
    ("Technologies", "technologies", "text", "Comma-separated tech stack"),
    ("Signals", "signals", "text", "Buying signals, news, job openings; separate several with ';'"),
    ("Notes", "notes", "text", "Anything else worth knowing"),
    ("Clay Row ID", "clay_row_id", "text", "Optional stable row id (e.g. a formula column); improves dedupe"),
]

WRITTEN_AS = {"employee_count": "employee_range", "annual_revenue_usd": "revenue_range"}

# (column, response key, Clay type, description): what the webhook answers, flat.
OUTPUT_COLUMNS: list[tuple[str, str, str, str]] = [
    ("Tune Prospect ID", "prospect_id", "text", "Tune's id for the prospect"),
    ("Tune Score", "score", "number", "0-100, the sum of the explainable rubric components"),
    ("Tune Tier", "tier", "number", "1 (best) to 4 (do not contact yet), from the agent's thresholds"),
    ("Tune Hook 1", "hook_1", "text", "Best personalisation hook, grounded in one of the row's fields"),
    ("Tune Hook 2", "hook_2", "text", "Second hook (empty when there is none)"),
    ("Tune Angle", "angle", "text", "Recommended outreach angle"),
    ("Tune CTA", "cta", "text", "Recommended call to action"),
    ("Tune Status", "status", "text", "scored | queued | error"),
    (
        "Tune Changed Fields",
        "changed_fields",
        "text",
        "Prospect fields this row changed (comma-separated); fields the row leaves empty are kept",
    ),
]

ENRICHMENT_COLUMNS: list[dict[str, Any]] = [
    {
        "name": "Enrich Person",
        "kind": "Clay enrichment (person, from LinkedIn URL or Email)",
        "fills": ["Job Title", "Location", "LinkedIn URL"],
        "why": "title drives seniority and persona fit",
    },
    {
        "name": "Enrich Company",
        "kind": "Clay enrichment (company, from Company Domain)",
        "fills": ["Industry", "Employees", "Annual Revenue", "Website"],
        "why": "company and industry fit",
    },
    {
        "name": "Find Work Email",
        "kind": "Clay waterfall (email finders + validation)",
        "fills": ["Email"],
        "why": "the prospect's identity; rows without an email are reported as errors",
    },
    {
        "name": "Tech Stack",
        "kind": "Clay enrichment (technographics, from Company Domain)",
        "fills": ["Technologies"],
        "why": "intent signals and hooks",
    },
    {
        "name": "Recent News and Hiring",
        "kind": "Clay AI research / news and job-postings enrichments",
        "fills": ["Signals"],
        "why": "intent signals and the most specific hooks",
    },
]


def payload_hash(row: dict[str, Any]) -> str:
    """SHA-256 of the row's canonical JSON (key order and whitespace do not matter)."""
    canonical = json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def prospect_row(
    *,
    campaign_id: str,
    prospect_id: str,
    data: dict[str, Any],
    score: int | None,
    tier: int | None,
    status: str | None,
    analysis: dict[str, Any] | None,
) -> dict[str, Any]:
    """One flat object for Clay's webhook source: every table column, null when unknown."""
    row: dict[str, Any] = {}
    for column, field, _type, _ in PROSPECT_COLUMNS:
        value = data.get(field)
        if field == "technologies":
            value = ", ".join(value) if value else None
        elif field == "signals":
            value = "; ".join(value) if value else None
        elif field in WRITTEN_AS:  # a range goes back as it was written, so the round trip keeps both bounds
            value = (data.get(WRITTEN_AS[field]) or {}).get("text") or value
        row[column] = value
    hooks = [h.get("text") for h in (analysis or {}).get("hooks", [])]
    approach = (analysis or {}).get("approach") or {}
    row |= {
        "Tune Prospect ID": prospect_id,
        "Tune Campaign ID": campaign_id,
        "Tune Score": score,
        "Tune Tier": tier,
        "Tune Hook 1": hooks[0] if hooks else None,
        "Tune Hook 2": hooks[1] if len(hooks) > 1 else None,
        "Tune Angle": approach.get("angle"),
        "Tune CTA": approach.get("cta"),
        "Tune Status": status,
    }
    return row
