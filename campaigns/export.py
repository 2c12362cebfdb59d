"""Export a campaign as CSV for a sending tool: one row per prospect, sequence steps as columns.

Each step's body is HTML with every link going through its tracked URL and the open pixel at the
end, so the tool sends exactly what we track. Layouts:

- `generic`: our field names, then per step `step_N_day_offset`, `step_N_subject`, `step_N_variant`,
  `step_N_body_html`, `step_N_body_text`, `step_N_message_id`, `step_N_pixel_url`.
- `instantly`: Instantly's lead columns (`email`, `first_name`, `last_name`, `company_name`,
  `website`, `personalization`); every other column becomes a custom variable, so the sequence's
  step N uses `{{step_N_subject}}` as its subject and `{{step_N_body_html}}` as its body.
- `smartlead`: Smartlead's lead columns (`email`, `first_name`, `last_name`, `company_name`,
  `website`, `linkedin_profile`, `location`, `company_url`); other columns become custom fields,
  used the same way (`{{step_N_subject}}`, `{{step_N_body_html}}`).

Step columns have the same names in every layout. The tools' own lead columns keep the tools'
names (Instantly's `personalization` is its built-in variable; our API spells the word
`personalisation` everywhere else).

In the tools, the wait between steps belongs to the sequence, not the lead: the
`X-Sequence-Day-Offsets` header gives the day offsets to set there. Prospects whose sequence has
ended (replied, bounced, unsubscribed) and prospects without email content are left out; the
`X-Export-Rows` and `X-Export-Skipped` headers count them.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

import structlog
from sqlalchemy import select

from core.sql import chunks, owned_campaign
from database_async import TuneDatabase
from models import Analysis, CampaignProspect, Message, Prospect, TrackedLink
from settings import Settings
from tracking import tokens
from tracking.ingest import ENDING
from tracking.service import render_message, sync_links

log = structlog.get_logger()

Tool = Literal["generic", "instantly", "smartlead"]


@dataclass
class ExportFile:
    filename: str
    content: str
    rows: int
    skipped: int
    day_offsets: list[int]


LEAD_FIELDS: dict[str, list[str]] = {
    "generic": [
        "email",
        "first_name",
        "last_name",
        "company",
        "title",
        "tier",
        "score",
        "status",
        "prospect_id",
        "campaign_id",
    ],
    "instantly": [
        "email",
        "first_name",
        "last_name",
        "company_name",
        "website",
        "personalization",
        "job_title",
        "tier",
        "score",
    ],
    "smartlead": [
        "email",
        "first_name",
        "last_name",
        "company_name",
        "website",
        "linkedin_profile",
        "location",
        "company_url",
        "job_title",
        "tier",
        "score",
    ],
}


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A cell a spreadsheet would run as a formula, made inert (OWASP "CSV Injection"): a text cell
    that starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`. Numbers stay
    numbers; values come from the API, CSV imports and Clay, so none is trusted (issue 13, finding 3)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _lead_columns(
    tool: Tool, p: dict[str, Any], member: CampaignProspect, prospect: Prospect, hook: str | None
) -> dict[str, Any]:
    site = p.get("website") or p.get("company_domain")
    values = {
        "email": prospect.email,
        "first_name": p.get("first_name"),
        "last_name": p.get("last_name"),
        "company": p.get("company"),
        "company_name": p.get("company"),
        "title": p.get("title"),
        "job_title": p.get("title"),
        "tier": member.tier,
        "score": member.score,
        "status": member.status,
        "prospect_id": prospect.id,
        "campaign_id": member.campaign_id,
        "website": site,
        "company_url": site,
        "personalization": hook,
        "linkedin_profile": p.get("linkedin_url"),
        "location": p.get("location"),
    }
    return {field: values[field] for field in LEAD_FIELDS[tool]}


def _step_columns(tool: Tool, step: int) -> list[str]:
    if tool == "generic":
        return [
            f"step_{step}_{c}"
            for c in ("day_offset", "subject", "variant", "body_html", "body_text", "message_id", "pixel_url")
        ]
    return [f"step_{step}_subject", f"step_{step}_body_html"]


def _step_values(tool: Tool, step: int, message: Message, rendered: Any) -> dict[str, Any]:
    if tool == "generic":
        return {
            f"step_{step}_day_offset": message.day_offset,
            f"step_{step}_subject": message.subject,
            f"step_{step}_variant": message.variant,
            f"step_{step}_body_html": rendered.body_html,
            f"step_{step}_body_text": rendered.body_text,
            f"step_{step}_message_id": message.id,
            f"step_{step}_pixel_url": rendered.pixel_url,
        }
    return {f"step_{step}_subject": message.subject, f"step_{step}_body_html": rendered.body_html}


async def export_campaign(
    db: TuneDatabase,
    *,
    workspace_id: uuid.UUID,
    campaign_id: uuid.UUID,
    tool: Tool,
    tier: int | None,
    settings: Settings,
) -> ExportFile:
    """The campaign as a CSV in the layout `tool` imports, with tracking embedded in every body."""
    async with db.session(write=False) as session:
        campaign = await owned_campaign(session, workspace_id=workspace_id, campaign_id=campaign_id)
        query = (
            select(CampaignProspect, Prospect)
            .join(Prospect, Prospect.id == CampaignProspect.prospect_id)
            .where(
                CampaignProspect.campaign_id == campaign_id,
                CampaignProspect.workspace_id == workspace_id,
                CampaignProspect.status.not_in(tuple(ENDING)),
            )
        )
        if tier is not None:
            query = query.where(CampaignProspect.tier == tier)
        members = list(
            await session.execute(
                query.order_by(CampaignProspect.tier, CampaignProspect.score.desc(), Prospect.email)
            )
        )
        messages: dict[uuid.UUID, dict[int, Message]] = defaultdict(dict)
        for chunk in chunks([p.id for _, p in members]):
            for m in await session.scalars(
                select(Message).where(
                    Message.campaign_id == campaign_id,
                    Message.workspace_id == workspace_id,
                    Message.channel == "email",
                    Message.prospect_id.in_(chunk),
                )
            ):
                messages[m.prospect_id][m.step] = m
        every = [m for steps in messages.values() for m in steps.values()]
        hooks: dict[uuid.UUID, str] = {}
        for chunk in chunks([m.analysis_id for m, _ in members if m.analysis_id]):
            for found in await session.execute(select(Analysis.id, Analysis.result).where(Analysis.id.in_(chunk))):
                first = (found.result or {}).get("hooks") or []
                if first and isinstance(first[0], dict) and first[0].get("text"):
                    hooks[found.id] = first[0]["text"]
        links: dict[uuid.UUID, list[TrackedLink]] = defaultdict(list)
        for chunk in chunks([m.id for m in every]):
            for link in await session.scalars(
                select(TrackedLink).where(TrackedLink.message_id.in_(chunk)).order_by(TrackedLink.position)
            ):
                links[link.message_id].append(link)
    missing = [m for m in every if set(tokens.extract_urls(m.body, m.cta)) - {lk.url for lk in links[m.id]}]
    if missing:  # a short writing transaction only for messages with links not stored yet
        async with db.session() as session:
            links.update(await sync_links(session, missing))

    steps = sorted({s for per in messages.values() for s in per})
    offsets = {s: m.day_offset for per in messages.values() for s, m in per.items()}
    out = io.StringIO()
    fields = LEAD_FIELDS[tool] + [c for step in steps for c in _step_columns(tool, step)]
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    rows = skipped = 0
    for member, prospect in members:
        own = messages.get(prospect.id)
        if not own:
            skipped += 1
            continue
        row = _lead_columns(
            tool,
            prospect.data or {},
            member,
            prospect,
            hooks.get(member.analysis_id) if member.analysis_id else None,
        )
        for step in steps:
            message = own.get(step)
            if message is not None:
                row.update(_step_values(tool, step, message, render_message(message, links[message.id], settings)))
        writer.writerow({k: "" if v is None else neutralise(v) for k, v in row.items()})
        rows += 1
    slug = re.sub(r"[^a-z0-9]+", "-", campaign.name.lower()).strip("-")[:60] or "campaign"
    log.info("campaign.exported", campaign_id=str(campaign.id), tool=tool, rows=rows, skipped=skipped)
    return ExportFile(
        filename=f"{slug}-{tool}.csv",
        content=out.getvalue(),
        rows=rows,
        skipped=skipped,
        day_offsets=[offsets[s] for s in steps],
    )
