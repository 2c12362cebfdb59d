"""Clay table columns, and the mapping of rows in both directions.

The column names below are the keys we push (one flat JSON object per row, keys become columns) and
the keys the webhook understands coming back, so a table set up from setup-tables round-trips.
Inbound rows are free-form: keys are normalised ("First Name", "first_name" and "_first_name" are
one key), matched against aliases, values coerced (Clay sends numbers as text, "51-200", "$18M"),
and unknown keys ignored.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, get_args

from pydantic import ValidationError

from schemas import ProspectData

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
    ("Employees", "employee_count", "number", "Headcount; ranges like 51-200 are read as their lower bound"),
    ("Annual Revenue", "annual_revenue_usd", "number", "USD; 180000000, 180M or $1.2B"),
    ("Location", "location", "text", "City, region or country"),
    ("Technologies", "technologies", "text", "Comma-separated tech stack"),
    ("Signals", "signals", "text", "Buying signals, news, job openings; separate several with ';'"),
    ("Notes", "notes", "text", "Anything else worth knowing"),
    ("Clay Row ID", "clay_row_id", "text", "Optional stable row id (e.g. a formula column); improves dedupe"),
]

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
]

ENRICHMENT_COLUMNS: list[dict[str, Any]] = [
    {"name": "Enrich Person", "kind": "Clay enrichment (person, from LinkedIn URL or Email)",
     "fills": ["Job Title", "Location", "LinkedIn URL"], "why": "title drives seniority and persona fit"},
    {"name": "Enrich Company", "kind": "Clay enrichment (company, from Company Domain)",
     "fills": ["Industry", "Employees", "Annual Revenue", "Website"], "why": "company and industry fit"},
    {"name": "Find Work Email", "kind": "Clay waterfall (email finders + validation)",
     "fills": ["Email"], "why": "the prospect's identity; rows without an email are reported as errors"},
    {"name": "Tech Stack", "kind": "Clay enrichment (technographics, from Company Domain)",
     "fills": ["Technologies"], "why": "intent signals and hooks"},
    {"name": "Recent News and Hiring", "kind": "Clay AI research / news and job-postings enrichments",
     "fills": ["Signals"], "why": "intent signals and the most specific hooks"},
]

# Normalised inbound key → ProspectData field, in priority order per field.
ALIASES: dict[str, list[str]] = {
    "email": ["email", "work_email", "email_address", "business_email", "person_email", "contact_email"],
    "first_name": ["first_name", "firstname", "given_name"],
    "last_name": ["last_name", "lastname", "surname", "family_name"],
    "title": ["job_title", "title", "position", "role", "person_title"],
    "company": ["company_name", "company", "organization", "organization_name", "account_name", "employer"],
    "company_domain": ["company_domain", "domain", "email_domain"],
    "website": ["website", "company_website", "website_url", "company_url"],
    "linkedin_url": ["linkedin_url", "linkedin", "linkedin_profile", "linkedin_profile_url",
                     "person_linkedin_url", "li_url"],
    "industry": ["industry", "company_industry"],
    "employee_count": ["employees", "employee_count", "company_size", "headcount", "number_of_employees",
                       "num_employees", "company_employees", "company_employee_count"],
    "annual_revenue_usd": ["annual_revenue", "revenue", "annual_revenue_usd", "company_revenue",
                           "estimated_revenue"],
    "location": ["location", "person_location", "city", "company_location", "hq_location", "country"],
    "technologies": ["technologies", "tech_stack", "technology", "tools"],
    "signals": ["signals", "intent_signals", "buying_signals", "news", "recent_news", "job_openings",
                "hiring_signals"],
    "notes": ["notes", "note"],
    "clay_row_id": ["clay_row_id", "row_id", "clay_id", "record_id"],
}
FULL_NAME_KEYS = ("full_name", "name", "person_name")
MULTI_SOURCE = {"signals"}  # every alias present contributes
_INT_FIELDS = {"employee_count": 10_000_000, "annual_revenue_usd": 10**13}
_LIST_FIELDS = {"technologies": (",", 100, 100), "signals": (";\n", 50, 500)}  # separators, items, chars
_MULTIPLIERS = {"k": 10**3, "m": 10**6, "mm": 10**6, "b": 10**9, "bn": 10**9, "t": 10**12}
_NUMBER_RE = re.compile(r"^\$?\s*(\d+(?:\.\d+)?)\s*(k|mm|m|bn|b|t)?\+?$", re.IGNORECASE)


def normalize_key(key: str) -> str:
    """ "First Name", "first-name", "_first_name" → "first_name"."""
    return re.sub(r"[^a-z0-9]+", "_", key.strip().lower()).strip("_")


def _max_length(field: str) -> int | None:
    """The max_length ProspectData declares for a string field (so long Clay text is cut, not refused)."""
    stack: list[Any] = [ProspectData.model_fields[field]]
    while stack:
        item = stack.pop()
        if getattr(item, "max_length", None) is not None:
            return int(item.max_length)
        stack.extend(getattr(item, "metadata", None) or ())
        stack.extend(getattr(item, "__metadata__", None) or ())
        stack.extend(get_args(getattr(item, "annotation", None)) or get_args(item))
    return None


_STR_LIMITS = {f: _max_length(f) for f in ProspectData.model_fields
               if f not in _INT_FIELDS and f not in _LIST_FIELDS}


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        parts = [t for t in (_text(v) for v in value) if t]
        return ", ".join(parts) or None
    text = str(value).strip()
    return text or None


def parse_number(value: Any) -> int | None:
    """Clay numbers: 2000, "2,000", "51-200" (lower bound), "10,001+", "$18M", "1.2B". None if unreadable."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return int(value) if value == value and abs(value) < 1e16 else None
    text = str(value).strip().replace(",", "").replace("_", "")
    if not text:
        return None
    text = re.split(r"\s*(?:-|–|to)\s*(?=\$?\d)", text, maxsplit=1)[0]  # a range: its lower bound
    match = _NUMBER_RE.match(text.replace(" ", "") if len(text) < 40 else "")
    if not match:
        return None
    number = float(match.group(1)) * _MULTIPLIERS.get((match.group(2) or "").lower(), 1)
    return int(number)


def _items(value: Any, separators: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        out = []
        for v in value:
            if isinstance(v, dict):
                v = v.get("name") or v.get("title") or v.get("value")
            text = _text(v)
            if text:
                out.append(text)
        return out
    text = _text(value)
    if not text:
        return []
    return [p.strip() for p in re.split(f"[{re.escape(separators)}]", text) if p.strip()]


def row_fields(row: dict[str, Any]) -> dict[str, Any]:
    """Map a free-form Clay row to ProspectData fields (unvalidated; unknown keys dropped)."""
    by_key: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(key, str):
            by_key.setdefault(normalize_key(key), value)
    fields: dict[str, Any] = {}
    for field, aliases in ALIASES.items():
        present = [by_key[a] for a in aliases if a in by_key]
        if field in _INT_FIELDS:
            top = _INT_FIELDS[field]
            numbers = [n for n in (parse_number(v) for v in present) if n is not None and 0 <= n <= top]
            if numbers:
                fields[field] = numbers[0]
        elif field in _LIST_FIELDS:
            separators, max_items, max_chars = _LIST_FIELDS[field]
            sources = present if field in MULTI_SOURCE else present[:1]
            items = [item[:max_chars] for v in sources for item in _items(v, separators)]
            if items:
                fields[field] = list(dict.fromkeys(items))[:max_items]
        else:
            texts = [t for t in (_text(v) for v in present) if t]
            if texts:
                limit = _STR_LIMITS.get(field)
                fields[field] = texts[0][:limit] if limit else texts[0]
    if "first_name" not in fields:
        full = next((t for t in (_text(by_key.get(k)) for k in FULL_NAME_KEYS) if t), None)
        if full:
            first, _, last = full.partition(" ")
            fields["first_name"] = first[:100]
            if last.strip() and "last_name" not in fields:
                fields["last_name"] = last.strip()[:100]
    return fields


class RowError(ValueError):
    """A row that cannot become a prospect; the message is safe to return (no values echoed)."""


def to_prospect(fields: dict[str, Any]) -> ProspectData:
    """Validate mapped fields; a RowError names what is wrong without echoing values."""
    if not fields.get("email"):
        raise RowError("The row has no email (columns tried: Email, Work Email, Email Address).")
    try:
        return ProspectData.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "row"
        raise RowError(f"{where}: {first.get('msg')}") from exc


def payload_hash(row: dict[str, Any]) -> str:
    """SHA-256 of the row's canonical JSON (key order and whitespace do not matter)."""
    canonical = json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def prospect_row(*, campaign_id: str, prospect_id: str, data: dict[str, Any], score: int | None,
                 tier: int | None, status: str | None, analysis: dict[str, Any] | None) -> dict[str, Any]:
    """One flat object for Clay's webhook source: every table column, null when unknown."""
    row: dict[str, Any] = {}
    for column, field, _type, _ in PROSPECT_COLUMNS:
        value = data.get(field)
        if field == "technologies":
            value = ", ".join(value) if value else None
        elif field == "signals":
            value = "; ".join(value) if value else None
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
