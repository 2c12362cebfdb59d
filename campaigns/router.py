"""Campaigns: create, list, read, update; add and import prospects; export for sending tools."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response, status

import campaigns
import prospect_intelligence as intel
from campaigns.csv_import import CSV_TYPES, UnsupportedMediaType, gc_paused
from campaigns.service import open_campaign, read_campaign
from core.deps import DatabaseDep, LlmDep, ReadKey, SessionDep, SettingsDep, WriteKey
from core.errors import Unprocessable
from jobs import JobRead
from schemas import Page

router = APIRouter(prefix="/api/campaigns", tags=["campaigns"])

Cursor = Annotated[str | None, Query(max_length=500, description="next_cursor of the previous page")]
Limit = Annotated[int, Query(ge=1, le=100)]
CSV_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "text/csv": {
                "schema": {"type": "string"},
                "example": "Email Address,First Name,Last Name,Job Title,Company Name,Employees\n"
                "dana.reyes@silverpeakcasino.com,Dana,Reyes,VP Marketing,Silver Peak,2000\n",
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
        },
    }
}


async def _csv_upload(request: Request) -> bytes:
    """The CSV bytes of a multipart upload (field `file`) or of a raw text/csv body."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        upload = (await request.form(max_files=1, max_fields=20)).get("file")
        if upload is None or isinstance(upload, str):
            raise Unprocessable("Send the CSV file in a multipart field named 'file'.")
        return await upload.read()
    if kind in CSV_TYPES or not kind:
        return await request.body()
    raise UnsupportedMediaType(f"Send the CSV as text/csv or as multipart/form-data (field 'file'), not {kind}.")


@router.post("", status_code=status.HTTP_201_CREATED, response_model=campaigns.CampaignRead)
async def create_campaign(
    body: campaigns.CampaignCreate, key: WriteKey, session: SessionDep
) -> campaigns.CampaignRead:
    """Create a draft campaign for an industry, with optional tier thresholds and sequence settings."""
    return await campaigns.create_campaign(session, workspace_id=key.workspace_id, data=body)


# The first address creation had; kept so existing clients and scripts keep working.
router.add_api_route(
    "/create",
    create_campaign,
    methods=["POST"],
    status_code=status.HTTP_201_CREATED,
    response_model=campaigns.CampaignRead,
    name="create_campaign_alias",
    summary="Create a campaign (alias of POST /api/campaigns)",
)


@router.get("", response_model=Page[campaigns.CampaignRead])
async def list_campaigns(
    key: ReadKey,
    session: SessionDep,
    cursor: Cursor = None,
    limit: Limit = 20,
    status: campaigns.CampaignStatusName | None = None,
) -> Page[campaigns.CampaignRead]:
    """Your campaigns, newest first (cursor pagination)."""
    return await campaigns.list_campaigns(
        session, workspace_id=key.workspace_id, status=status, cursor=cursor, limit=limit
    )


@router.get("/{campaign_id}", response_model=campaigns.CampaignDetail)
async def get_campaign(campaign_id: uuid.UUID, key: ReadKey, db: DatabaseDep) -> campaigns.CampaignDetail:
    """A campaign with its prospects counted by tier and by status."""
    return await read_campaign(db, workspace_id=key.workspace_id, campaign_id=campaign_id)


@router.patch("/{campaign_id}", response_model=campaigns.CampaignDetail)
async def update_campaign(
    campaign_id: uuid.UUID, body: campaigns.CampaignUpdate, key: WriteKey, session: SessionDep
) -> campaigns.CampaignDetail:
    """Change a campaign's status (draft → active ⇄ paused → completed → archived; else 409) or settings."""
    return await campaigns.update_campaign(
        session, workspace_id=key.workspace_id, campaign_id=campaign_id, data=body
    )


@router.post(
    "/{campaign_id}/prospects",
    response_model=campaigns.AddRead | JobRead,
    responses={
        202: {
            "model": JobRead,
            "description": "Queued as a background job (Claude on, more than LLM_INLINE_MAX_ITEMS prospects)",
        }
    },
)
async def add_prospects(
    campaign_id: uuid.UUID,
    body: campaigns.ProspectsAdd,
    key: WriteKey,
    session: SessionDep,
    db: DatabaseDep,
    llm: LlmDep,
    settings: SettingsDep,
    response: Response,
) -> campaigns.AddRead | JobRead:
    """Analyse prospects with the campaign's agent and add them (up to ANALYZE_BATCH_INLINE_MAX per call).
    While Claude is on, more than LLM_INLINE_MAX_ITEMS prospects are queued as an analysis job (202)."""
    count, inline_max = len(body.prospects), settings.LLM_INLINE_MAX_ITEMS
    if llm.enabled and inline_max < count <= settings.ANALYZE_BATCH_INLINE_MAX:
        campaign = await open_campaign(db, workspace_id=key.workspace_id, campaign_id=campaign_id)
        response.status_code = status.HTTP_202_ACCEPTED
        return await intel.enqueue_analysis(
            session,
            workspace_id=key.workspace_id,
            industry=campaign.industry,
            prospects=body.prospects,
            campaign_id=campaign.id,
        )
    return await campaigns.add_prospects(
        session,
        db=db,
        llm=llm,
        workspace_id=key.workspace_id,
        campaign_id=campaign_id,
        data=body,
        max_items=settings.ANALYZE_BATCH_INLINE_MAX,
    )


@router.post("/{campaign_id}/prospects/import", response_model=campaigns.ImportRead, openapi_extra=CSV_BODY)
async def import_prospects(
    campaign_id: uuid.UUID,
    key: WriteKey,
    session: SessionDep,
    db: DatabaseDep,
    settings: SettingsDep,
    request: Request,
    all_or_nothing: bool = False,
    replace: Annotated[
        bool,
        Query(
            description=(
                "false (default): a known prospect keeps the fields its row leaves empty; "
                "true: it is stored exactly as the row has it"
            )
        ),
    ] = False,
) -> campaigns.ImportRead:
    """Import a CSV (Clay or CRM export): good rows imported, bad rows reported by row number."""
    raw = await _csv_upload(request)
    if raw.strip() and b"\n" not in raw.strip() and b"\r" not in raw.strip():
        # A header and no rows: almost always `curl -d @file.csv`, which strips the line breaks.
        raise Unprocessable(
            "The CSV has a single line (a header and no rows). If you sent it with "
            "`curl -d @file.csv`, which removes line breaks, use `--data-binary @file.csv`."
        )
    with gc_paused():  # a full GC over an import's objects would hold the event loop (issue 13, finding 5)
        return await campaigns.import_csv(
            session,
            db=db,
            workspace_id=key.workspace_id,
            campaign_id=campaign_id,
            raw=raw,
            all_or_nothing=all_or_nothing,
            replace=replace,
            max_rows=settings.CAMPAIGN_CSV_MAX_ROWS,
            workers=settings.CSV_IMPORT_WORKERS > 0,
        )


@router.get("/{campaign_id}/prospects/{tier}", response_model=Page[campaigns.TierProspectRead])
async def list_tier(
    campaign_id: uuid.UUID,
    tier: Annotated[int, Path(ge=1, le=4)],
    key: ReadKey,
    session: SessionDep,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Page[campaigns.TierProspectRead]:
    """One tier's prospects, best first, with their analysis and a summary of their content."""
    return await campaigns.list_tier(
        session, workspace_id=key.workspace_id, campaign_id=campaign_id, tier=tier, cursor=cursor, limit=limit
    )


@router.get(
    "/{campaign_id}/export",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "One row per prospect"}},
)
async def export_campaign(
    db: DatabaseDep,
    settings: SettingsDep,
    campaign_id: uuid.UUID,
    key: ReadKey,
    format: Literal["csv"] = "csv",
    tool: campaigns.Tool = "generic",
    tier: Annotated[int | None, Query(ge=1, le=4)] = None,
) -> Response:
    """CSV for a sending tool (generic, instantly, smartlead): steps as columns, tracking embedded."""
    export = await campaigns.export_campaign(
        db, workspace_id=key.workspace_id, campaign_id=campaign_id, tool=tool, tier=tier, settings=settings
    )
    return Response(
        export.content,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{export.filename}"',
            "X-Export-Rows": str(export.rows),
            "X-Export-Skipped": str(export.skipped),
            "X-Sequence-Day-Offsets": ",".join(str(d) for d in export.day_offsets),
            "Cache-Control": "no-store",
        },
    )
