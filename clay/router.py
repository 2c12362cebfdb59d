"""Clay: table setup and outbound push, inbound webhook."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

import clay_integration as clay
from clay import inbound
from clay import secrets as webhook_secrets
from core.deps import AdminKey, DatabaseDep, LlmDep, PublicLimit, SessionDep, SettingsDep, WriteKey
from schemas import Page

router = APIRouter(prefix="/api/clay", tags=["clay"])

WEBHOOK_EXAMPLE = {
    "campaign_id": "0b7d4a0e-4a57-4c3c-9d1e-6a1f0f3f2b11",
    "Email": "dana.reyes@silverpeakcasino.com",
    "First Name": "Dana",
    "Job Title": "VP of Marketing",
    "Company Name": "Silver Peak Casino Resort",
    "Employees": "1001-5000",
    "Signals": "Opening a 400-room hotel tower in Q2 2027",
}
WEBHOOK_ANSWER = {
    "prospect_id": "…",
    "score": 91,
    "tier": 1,
    "hook_1": "…",
    "hook_2": "…",
    "angle": "…",
    "cta": "…",
    "persona": "…",
    "engine": "rules",
    "clay_row_id": "",
    "status": "scored",
    "changed_fields": "employee_count, employee_range, title",
}


@router.post(
    "/setup-tables",
    response_model=clay.ClaySetupRead,
    responses={
        202: {
            "description": "Definitions, and a push of the campaign's prospects was queued",
            "model": clay.ClaySetupRead,
        }
    },
)
async def setup_tables(
    body: clay.ClaySetupRequest, key: WriteKey, session: SessionDep, settings: SettingsDep, response: Response
) -> clay.ClaySetupRead:
    """Clay table columns and HTTP API column config for a campaign; queues a push if a table webhook is set."""
    result = await clay.setup_tables(session, workspace_id=key.workspace_id, settings=settings, data=body)
    if result.push.status == "queued":
        response.status_code = 202
    return result


@router.post(
    "/webhook",
    dependencies=[PublicLimit],
    openapi_extra={
        "security": [],
        "parameters": [
            {
                "name": "X-Clay-Secret",
                "in": "header",
                "required": False,
                "schema": {"type": "string"},
                "description": "A webhook secret of the campaign's workspace (POST /api/clay/webhook-secrets); "
                "x-clay-webhook-auth is accepted too.",
            },
            {
                "name": "X-Signature",
                "in": "header",
                "required": False,
                "schema": {"type": "string"},
                "description": "Instead of the secret: t=<unix>,v1=<hex HMAC-SHA256 over '<t>.' + raw body>.",
            },
        ],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "oneOf": [
                            {"type": "object"},
                            {"type": "array", "items": {"type": "object"}, "maxItems": 100},
                        ]
                    },
                    "example": WEBHOOK_EXAMPLE,
                }
            },
        },
        "responses": {
            "200": {
                "description": 'Flat answer (a list body: {"results": [...]})',
                "content": {"application/json": {"example": WEBHOOK_ANSWER}},
            },
            "202": {"description": 'Queued as a job: {"status": "queued", "job_id": …}'},
            "401": {
                "description": "Wrong secret or signature, or a campaign that is not the "
                "secret's workspace's (or does not exist): the same answer"
            },
        },
    },
)
async def webhook(
    request: Request,
    session: SessionDep,
    db: DatabaseDep,
    llm: LlmDep,
    settings: SettingsDep,
    campaign_id: Annotated[str | None, Query(max_length=64)] = None,
    replace: Annotated[
        bool,
        Query(
            description=(
                "false (default): fields a row leaves out keep what is known about that email; "
                "true: the prospect is stored exactly as the row has it"
            )
        ),
    ] = False,
) -> JSONResponse:
    """Enriched Clay rows in (public; the workspace's secret header or HMAC): upsert, re-score, flat answer."""
    body = await clay.read_capped_body(request, settings.CLAY_WEBHOOK_MAX_BYTES)
    rows, _ = inbound.parse_rows(body)
    campaign = inbound.campaign_id_of(campaign_id, rows)
    async with db.session(write=False) as read:
        workspace_id, secrets = await webhook_secrets.secrets_for_campaign(
            read, campaign_id=campaign, secret_key=settings.SECRET_KEY
        )
    clay.verify_webhook(request.headers, body, secrets=secrets)  # unknown or foreign campaign: no secret
    assert workspace_id is not None  # a secret matched, so the campaign and its workspace exist
    status, answer = await clay.receive(
        session,
        db=db,
        llm=llm,
        settings=settings,
        campaign_param=campaign_id,
        body=body,
        workspace_id=workspace_id,
        replace=replace,
    )
    return JSONResponse(answer, status_code=status)


@router.post("/webhook-secrets", status_code=201, response_model=webhook_secrets.WebhookSecretCreated)
async def create_webhook_secret(
    body: webhook_secrets.WebhookSecretCreate,
    key: AdminKey,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> webhook_secrets.WebhookSecretCreated:
    """Create (or import) a webhook secret for your workspace; the secret is in this response only."""
    response.headers["Cache-Control"] = "no-store"  # a secret: never cached, replayed without it
    row, raw = await webhook_secrets.create_secret(
        session,
        workspace_id=key.workspace_id,
        name=body.name,
        secret_key=settings.SECRET_KEY,
        value=body.secret,
    )
    return webhook_secrets.WebhookSecretCreated.model_validate(
        {**webhook_secrets.WebhookSecretRead.model_validate(row).model_dump(), "secret": raw}
    )


@router.get("/webhook-secrets", response_model=Page[webhook_secrets.WebhookSecretRead])
async def list_webhook_secrets(key: AdminKey, session: SessionDep) -> Page[webhook_secrets.WebhookSecretRead]:
    """Your workspace's webhook secrets (prefix and last four characters, never the secret)."""
    rows = await webhook_secrets.list_secrets(session, workspace_id=key.workspace_id)
    return Page[webhook_secrets.WebhookSecretRead](
        items=[webhook_secrets.WebhookSecretRead.model_validate(r) for r in rows], next_cursor=None
    )


@router.delete("/webhook-secrets/{secret_id}", response_model=webhook_secrets.WebhookSecretRead)
async def revoke_webhook_secret(
    secret_id: uuid.UUID, key: AdminKey, session: SessionDep
) -> webhook_secrets.WebhookSecretRead:
    """Revoke a webhook secret of your workspace; Clay requests with it get 401 at once."""
    row = await webhook_secrets.revoke_secret(session, workspace_id=key.workspace_id, secret_id=secret_id)
    return webhook_secrets.WebhookSecretRead.model_validate(row)
