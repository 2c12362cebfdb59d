"""Tracking: open pixel and click redirect (public), event ingestion, events, message links."""

from __future__ import annotations

import base64
import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import RedirectResponse

import tracking
from core.deps import DatabaseDep, ReadKey, SessionDep, SettingsDep, TrackingLimit, WriteKey
from core.ratelimit import client_ip
from schemas import Page
from tracking.deps import TrackerDep
from tracking.schemas import EventType

router = APIRouter(prefix="", tags=["tracking"])

# A transparent 1×1 GIF (42 bytes).
GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
NO_STORE = {
    "Cache-Control": "no-store, no-cache, must-revalidate, max-age=0",
    "Pragma": "no-cache",
    "Expires": "0",
}


@router.get(
    "/t/o/{token}.gif",
    dependencies=[TrackingLimit],
    response_class=Response,
    responses={200: {"content": {"image/gif": {}}, "description": "Always the 1×1 GIF"}},
)
async def open_pixel(token: str, request: Request, tracker: TrackerDep, settings: SettingsDep) -> Response:
    """Open pixel (public): always a 1×1 GIF, never cached; a valid token's open is committed first."""
    await tracking.open_hit(
        tracker,
        token=token,
        user_agent=request.headers.get("user-agent"),
        ip=client_ip(request),
        settings=settings,
    )
    return Response(GIF, media_type="image/gif", headers=NO_STORE)


@router.get(
    "/t/c/{token}",
    dependencies=[TrackingLimit],
    response_class=RedirectResponse,
    status_code=302,
    responses={302: {"description": "To the link's stored URL"}, 404: {"description": "Unknown token"}},
)
async def click_redirect(
    token: str, request: Request, tracker: TrackerDep, settings: SettingsDep
) -> RedirectResponse:
    """Click redirect (public): to the URL stored for this link only; a bad or forged token is 404."""
    url = await tracking.click_hit(
        tracker,
        token=token,
        user_agent=request.headers.get("user-agent"),
        ip=client_ip(request),
        settings=settings,
    )
    return RedirectResponse(url, status_code=302, headers={**NO_STORE, "Referrer-Policy": "no-referrer"})


@router.get("/api/tracking/messages/{message_id}/links", response_model=tracking.MessageLinksRead)
async def message_links(
    message_id: uuid.UUID, key: ReadKey, db: DatabaseDep, settings: SettingsDep
) -> tracking.MessageLinksRead:
    """The pixel URL and tracked link URLs to put in a message, and its body with both embedded."""
    return await tracking.message_links(
        db, workspace_id=key.workspace_id, message_id=message_id, settings=settings
    )


@router.post("/api/tracking/events", response_model=tracking.IngestRead)
async def ingest_events(
    body: tracking.EventsIngest, key: WriteKey, session: SessionDep, settings: SettingsDep
) -> tracking.IngestRead:
    """Ingest up to 1,000 events from a sending tool; idempotent by event id, one result per event."""
    return await tracking.ingest_events(session, workspace_id=key.workspace_id, data=body, settings=settings)


@router.get("/api/tracking/{campaign_id}/events", response_model=Page[tracking.EventRead])
async def list_events(
    campaign_id: uuid.UUID,
    key: ReadKey,
    session: SessionDep,
    type: EventType | None = None,
    audience: Literal["all", "human", "machine"] = "all",
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Page[tracking.EventRead]:
    """A campaign's events, newest first; filter by type and by human or machine."""
    return await tracking.list_events(
        session,
        workspace_id=key.workspace_id,
        campaign_id=campaign_id,
        event_type=type,
        audience=audience,
        cursor=cursor,
        limit=limit,
    )
