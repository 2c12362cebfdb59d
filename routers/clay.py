"""Clay: table setup and outbound push, inbound webhook."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

import clay_integration as clay
from deps import PublicLimit, SessionDep, WriteKey

router = APIRouter(prefix="/api/clay", tags=["clay"])

WEBHOOK_EXAMPLE = {"campaign_id": "0b7d4a0e-4a57-4c3c-9d1e-6a1f0f3f2b11",
                   "Email": "dana.reyes@silverpeakcasino.com", "First Name": "Dana",
                   "Job Title": "VP of Marketing", "Company Name": "Silver Peak Casino Resort",
                   "Employees": "1001-5000", "Signals": "Opening a 400-room hotel tower in Q2 2027"}
WEBHOOK_ANSWER = {"prospect_id": "…", "score": 91, "tier": 1, "hook_1": "…", "hook_2": "…", "angle": "…",
                  "cta": "…", "persona": "…", "engine": "rules", "clay_row_id": "", "status": "scored",
                  "changed_fields": "employee_count, employee_range, title"}


@router.post("/setup-tables", response_model=clay.ClaySetupRead,
             responses={202: {"description": "Definitions, and a push of the campaign's prospects was queued",
                              "model": clay.ClaySetupRead}})
async def setup_tables(body: clay.ClaySetupRequest, key: WriteKey, session: SessionDep, request: Request,
                       response: Response) -> clay.ClaySetupRead:
    """Clay table columns and HTTP API column config for a campaign; queues a push if a table webhook is set."""
    result = await clay.setup_tables(session, workspace_id=key.workspace_id, settings=request.app.state.settings,
                                     data=body)
    if result.push.status == "queued":
        response.status_code = 202
    return result


@router.post("/webhook", dependencies=[PublicLimit], openapi_extra={
    "security": [],
    "parameters": [
        {"name": "X-Clay-Secret", "in": "header", "required": False, "schema": {"type": "string"},
         "description": "One of CLAY_WEBHOOK_SECRETS (x-clay-webhook-auth is accepted too)."},
        {"name": "X-Signature", "in": "header", "required": False, "schema": {"type": "string"},
         "description": "Instead of the secret: t=<unix>,v1=<hex HMAC-SHA256 over '<t>.' + raw body>."}],
    "requestBody": {"required": True, "content": {"application/json": {
        "schema": {"oneOf": [{"type": "object"}, {"type": "array", "items": {"type": "object"}, "maxItems": 100}]},
        "example": WEBHOOK_EXAMPLE}}},
    "responses": {"200": {"description": "Flat answer (a list body: {\"results\": [...]})",
                          "content": {"application/json": {"example": WEBHOOK_ANSWER}}},
                  "202": {"description": "Queued as a job: {\"status\": \"queued\", \"job_id\": …}"}}})
async def webhook(request: Request, session: SessionDep,
                  campaign_id: Annotated[str | None, Query(max_length=64)] = None,
                  replace: Annotated[bool, Query(description=(
                      "false (default): fields a row leaves out keep what is known about that email; "
                      "true: the prospect is stored exactly as the row has it"))] = False) -> JSONResponse:
    """Enriched Clay rows in (public; secret header or HMAC): upsert, re-score, flat answer to map to columns."""
    state = request.app.state
    body = await clay.read_capped_body(request, state.settings.CLAY_WEBHOOK_MAX_BYTES)
    clay.verify_webhook(request.headers, body, secrets=state.settings.CLAY_WEBHOOK_SECRETS)
    status, answer = await clay.receive(session, db=state.db, llm=state.llm, settings=state.settings,
                                        campaign_param=campaign_id, body=body, replace=replace)
    return JSONResponse(answer, status_code=status)
