"""setup-tables: the Clay table a user creates for a campaign, and the HTTP API column that calls us.

The answer is everything needed to wire Clay by hand: the prospect columns (the same names we push
and read back), suggested Clay enrichments, our output columns, and for Clay's HTTP API enrichment
column the URL, method, headers (the secret header's name, never a secret), a JSON body template
with `{{Column}}` references, and which response keys to map to which columns. When the campaign
has a Clay table webhook (given here, stored earlier, or `CLAY_TABLE_WEBHOOK_URL`), its prospects
are queued for a push.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from clay.columns import ENRICHMENT_COLUMNS, OUTPUT_COLUMNS, PROSPECT_COLUMNS
from clay.push import PushTarget, campaign_target, queue_push
from clay.schemas import (
    ClaySetupRead,
    ClaySetupRequest,
    ColumnRead,
    EnrichmentColumnRead,
    HeaderRead,
    HttpApiColumnRead,
    PushRead,
    ResponseMappingRead,
    TableRead,
)
from clay.security import UnsafeURL, check_url_syntax, resolve_target
from core import sql
from core.errors import Unprocessable
from models import Campaign, ClayCampaignConfig, utcnow
from settings import Settings

SECRET_PLACEHOLDER = "<your workspace's webhook secret>"  # noqa: S105  (shown, not used)


def webhook_url(settings: Settings, campaign_id: uuid.UUID) -> str:
    return f"{settings.PUBLIC_BASE_URL}/api/clay/webhook?campaign_id={campaign_id}"


def http_api_column(settings: Settings, campaign: Campaign) -> HttpApiColumnRead:
    """Clay's HTTP API enrichment column, configured to score each row with this campaign's agent."""
    body: dict[str, str] = {"campaign_id": str(campaign.id)}
    body |= {column: "{{" + column + "}}" for column, *_ in PROSPECT_COLUMNS}
    notes = [
        "Insert each {{Column}} reference with Clay's column picker and keep the quotes: values go as text, "
        "and numbers such as '51-200' or '$18M' are read on our side.",
        "Delete the lines of columns your table does not have; only Email is required. Unknown keys are ignored.",
        "Set 'Only run if' to Email is not empty, so rows without an email are not sent.",
        "Clay re-runs rows: a re-run with unchanged values gets the stored answer back and is not scored twice.",
        "Map the response keys below to columns; they are flat and always present.",
    ]
    if not settings.PUBLIC_BASE_URL.startswith("https://") or "localhost" in settings.PUBLIC_BASE_URL:
        notes.insert(
            0,
            f"PUBLIC_BASE_URL is {settings.PUBLIC_BASE_URL}: Clay cannot reach that. Set it to this "
            "service's public https address (or a tunnel to it) before wiring Clay.",
        )
    return HttpApiColumnRead(
        column_name="Tune Score",
        method="POST",
        url=webhook_url(settings, campaign.id),
        headers=[
            HeaderRead(name="Content-Type", value="application/json"),
            HeaderRead(
                name="X-Clay-Secret",
                value=SECRET_PLACEHOLDER,
                note="A webhook secret of your workspace (POST /api/clay/webhook-secrets, admin key). "
                "x-clay-webhook-auth is accepted as the header name too.",
            ),
        ],
        body=body,
        response_mapping=[ResponseMappingRead(key=key, column=column) for column, key, *_ in OUTPUT_COLUMNS],
        alternative_auth="A relay that can sign may send X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 "
        "of '<t>.' + the raw body, keyed with the secret> instead of the secret header; "
        "signatures older than 5 minutes are refused.",
        notes=notes,
    )


def table_definition(campaign: Campaign) -> TableRead:
    return TableRead(
        name=f"Tune · {campaign.name}",
        prospect_columns=[ColumnRead(name=c, type=t, description=d, maps_to=f) for c, f, t, d in PROSPECT_COLUMNS],
        enrichment_columns=[EnrichmentColumnRead(**e) for e in ENRICHMENT_COLUMNS],
        output_columns=[ColumnRead(name=c, type=t, description=d, maps_to=k) for c, k, t, d in OUTPUT_COLUMNS],
    )


def webhook_source_help(settings: Settings) -> dict[str, object]:
    return {
        "steps": [
            "In the Clay table: Add → Source → Webhook.",
            "Copy the webhook URL (and its auth token, if you set one).",
            "Call POST /api/clay/setup-tables again with table_webhook_url and webhook_auth_token.",
        ],
        "sends": "One JSON object per prospect; its keys are the prospect and Tune output columns above, "
        "plus 'Tune Campaign ID'.",
        "auth_header": "x-clay-webhook-auth",
        "rate_per_s": settings.CLAY_PUSH_RATE_PER_S,
        "limits": "A Clay webhook source accepts 50,000 submissions in its lifetime; rows already pushed to a "
        "table are skipped on the next push unless force is true.",
    }


async def save_config(
    session: AsyncSession, *, workspace_id: uuid.UUID, campaign_id: uuid.UUID, url: str, token: str | None
) -> None:
    """Store (or replace) the campaign's Clay table webhook."""
    now = utcnow()
    stmt = sql.insert(session, ClayCampaignConfig).values(
        id=uuid.uuid4(),
        workspace_id=workspace_id,
        campaign_id=campaign_id,
        table_webhook_url=url,
        webhook_auth_token=token,
        created_at=now,
        updated_at=now,
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["campaign_id"],
        set_={"table_webhook_url": url, "webhook_auth_token": token, "updated_at": now},
    )
    await session.execute(stmt)


async def setup_tables(
    session: AsyncSession, *, workspace_id: uuid.UUID, settings: Settings, data: ClaySetupRequest
) -> ClaySetupRead:
    """Table definitions and callback config for a campaign; queue a push when a table webhook is known."""
    allow_private = settings.clay_private_urls_allowed
    if data.webhook_auth_token and not data.table_webhook_url:
        raise Unprocessable("webhook_auth_token goes with table_webhook_url: send both to (re)configure the push.")
    if data.table_webhook_url:
        try:  # before touching the database: no write lock is held while DNS answers
            await resolve_target(data.table_webhook_url, allow_private=allow_private)
        except UnsafeURL as exc:
            raise Unprocessable(f"table_webhook_url refused: {exc}.") from exc
    campaign = await sql.owned_campaign(session, workspace_id=workspace_id, campaign_id=data.campaign_id)
    target: PushTarget | None
    if data.table_webhook_url:
        await save_config(
            session,
            workspace_id=workspace_id,
            campaign_id=campaign.id,
            url=data.table_webhook_url,
            token=data.webhook_auth_token,
        )
        target = PushTarget(data.table_webhook_url, data.webhook_auth_token, "request")
    else:
        target = await campaign_target(session, campaign_id=campaign.id, settings=settings)
        if target is not None:
            try:  # checked fully (with DNS) again before every request
                check_url_syntax(target.url, allow_private=allow_private)
            except UnsafeURL as exc:
                name = "CLAY_TABLE_WEBHOOK_URL" if target.source == "settings" else "the campaign's table webhook"
                raise Unprocessable(f"{name} refused: {exc}.") from exc

    if target is None:
        push = PushRead(status="not_configured")
    elif not data.push:
        push = PushRead(status="skipped", target=target.host, source=target.source)
    else:
        job, already = await queue_push(
            session,
            workspace_id=workspace_id,
            campaign_id=campaign.id,
            settings=settings,
            target=target,
            force=data.force,
        )
        push = PushRead(
            status="queued" if job else "nothing_to_push",
            target=target.host,
            source=target.source,
            total=job.total if job else 0,
            already_pushed=already,
            job_id=job.job_id if job else None,
            job=job.model_dump(mode="json") if job else None,
        )
    return ClaySetupRead(
        campaign_id=campaign.id,
        campaign_name=campaign.name,
        industry=campaign.industry,
        table=table_definition(campaign),
        http_api_column=http_api_column(settings, campaign),
        webhook_source=webhook_source_help(settings),
        push=push,
    )
