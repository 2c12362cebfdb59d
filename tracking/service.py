"""Tracking services: message links, pixel and click hits, event ingestion and listing."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Any, Protocol

import structlog
from sqlalchemy import func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from core import paging, sql
from core.errors import NotFound, Unprocessable, validate_each
from database_async import TuneDatabase
from models import Campaign, CampaignProspect, Message, Prospect, TrackedLink, TrackingEvent, utcnow
from schemas import Page
from settings import Settings
from tracking import ingest, tokens
from tracking.hits import Hit, HitRecorder
from tracking.schemas import (
    EventIn,
    EventRead,
    EventResult,
    EventsIngest,
    IngestRead,
    MessageLinksRead,
    TrackedLinkRead,
)

log = structlog.get_logger()

FUTURE_SLACK = timedelta(days=1)  # a sending tool's clock may be off, not by days


class _Body(Protocol):
    id: uuid.UUID
    workspace_id: uuid.UUID
    body: str
    cta: str | None


# --- links ------------------------------------------------------------------------------------


async def sync_links(session: AsyncSession, messages: Sequence[_Body]) -> dict[uuid.UUID, list[TrackedLink]]:
    """Store the links of each message's body and CTA (new ones only); return every message's links.

    Links are never removed: an email sent before a regeneration still redirects.
    """
    ids = [m.id for m in messages]
    links: dict[uuid.UUID, list[TrackedLink]] = {i: [] for i in ids}
    for chunk in ingest.chunks(ids):
        for link in await session.scalars(
            select(TrackedLink).where(TrackedLink.message_id.in_(chunk)).order_by(TrackedLink.position)
        ):
            links[link.message_id].append(link)
    rows = []
    for m in messages:
        known = {link.url for link in links[m.id]}
        position = max((link.position for link in links[m.id]), default=0)
        for url in tokens.extract_urls(m.body, m.cta):
            if url not in known:
                position += 1
                rows.append(
                    {
                        "id": uuid.uuid4(),
                        "workspace_id": m.workspace_id,
                        "message_id": m.id,
                        "position": position,
                        "url": url,
                        "created_at": utcnow(),
                    }
                )
    if rows:
        await session.execute(ingest.table_insert(session, TrackedLink).on_conflict_do_nothing(), rows)
        fresh = {r["message_id"] for r in rows}
        for chunk in ingest.chunks(sorted(fresh, key=str)):
            for mid in chunk:
                links[mid] = []
            for link in await session.scalars(
                select(TrackedLink).where(TrackedLink.message_id.in_(chunk)).order_by(TrackedLink.position)
            ):
                links[link.message_id].append(link)
    return links


def render_message(message: _Body, links: list[TrackedLink], settings: Settings) -> MessageLinksRead:
    """The pixel, the tracked links and the body with both embedded."""
    base, secret = settings.PUBLIC_BASE_URL, settings.SECRET_KEY
    pixel = tokens.pixel_url(base, message.id, secret)
    reads = [
        TrackedLinkRead(
            link_id=link.id,
            position=link.position,
            url=link.url,
            tracked_url=tokens.click_url(base, link.id, secret),
        )
        for link in links
    ]
    tracked = {r.url: r.tracked_url for r in reads}
    return MessageLinksRead(
        message_id=message.id,
        pixel_url=pixel,
        links=reads,
        pixel_html=f'<img src="{pixel}" width="1" height="1" alt="" style="display:block;border:0">',
        body_html=tokens.tracked_html(message.body, tracked, pixel),
        body_text=tokens.tracked_text(message.body, tracked),
    )


async def message_links(
    db: TuneDatabase, *, workspace_id: uuid.UUID, message_id: uuid.UUID, settings: Settings
) -> MessageLinksRead:
    """The pixel URL and tracked links of one message (links are stored the first time they are asked)."""
    async with db.session() as session:  # may store links: a writing transaction even for a GET
        message = await session.scalar(
            select(Message).where(Message.id == message_id, Message.workspace_id == workspace_id)
        )
        if message is None:
            raise NotFound(f"No message {message_id}")
        links = (await sync_links(session, [message]))[message.id]
    return render_message(message, links, settings)


# --- pixel and click --------------------------------------------------------------------------


async def open_hit(
    recorder: HitRecorder, *, token: str, user_agent: str | None, ip: str | None, settings: Settings
) -> None:
    """Record an open for a valid pixel token; an invalid one records nothing. Never raises."""
    message_id = tokens.verify("open", token, settings.SECRET_KEY)
    if message_id is None:
        log.info("tracking.bad_token", kind="open")
        return
    if recorder.replays.is_replay(message_id, ip):  # the same client again within the window: counted once
        log.info("tracking.replay_ignored", kind="open")
        return
    try:
        await recorder.record(Hit("open", message_id, utcnow(), user_agent, ip))
    except Exception as exc:  # the pixel must still answer; the failure is logged for the operator
        log.error("tracking.open_not_recorded", error=type(exc).__name__)


async def click_hit(
    recorder: HitRecorder, *, token: str, user_agent: str | None, ip: str | None, settings: Settings
) -> str:
    """Record a click and return the link's stored URL; a bad or forged token is 404, never a redirect."""
    link_id = tokens.verify("click", token, settings.SECRET_KEY)
    if link_id is None:
        log.info("tracking.bad_token", kind="click")
        raise NotFound("Unknown link.")
    result = await recorder.record(Hit("click", link_id, utcnow(), user_agent, ip))
    if not result.recorded or not result.url:
        raise NotFound("Unknown link.")
    return result.url


# --- events from sending tools ----------------------------------------------------------------


async def _resolve(
    session: AsyncSession, workspace_id: uuid.UUID, events: list[EventIn]
) -> list[ingest.Draft | str]:
    """Each event as a draft (message, prospect, step, variant, tier, link), or an error message."""
    by_id = {e.message_id for e in events if e.message_id}
    messages: dict[uuid.UUID, Any] = {}
    cols = (Message.id, Message.campaign_id, Message.prospect_id, Message.step, Message.variant)
    for chunk in ingest.chunks(sorted(by_id, key=str)):
        rows = await session.execute(
            select(*cols).where(Message.id.in_(chunk), Message.workspace_id == workspace_id)
        )
        messages.update({r.id: r for r in rows})
    by_email = [e for e in events if e.message_id is None]
    campaign_ids = sorted({e.campaign_id for e in by_email if e.campaign_id}, key=str)
    owned = set(
        await session.scalars(
            select(Campaign.id).where(Campaign.id.in_(campaign_ids), Campaign.workspace_id == workspace_id)
        )
    )
    emails = sorted({str(e.email).lower() for e in by_email if e.email})
    prospects: dict[str, uuid.UUID] = {}
    for chunk in ingest.chunks(emails):
        prospect_rows = await session.execute(
            select(Prospect.email, Prospect.id).where(
                Prospect.workspace_id == workspace_id, Prospect.email.in_(chunk)
            )
        )
        prospects.update({email: pid for email, pid in prospect_rows})
    pairs = {(m.campaign_id, m.prospect_id) for m in messages.values() if m.campaign_id}
    pairs |= {
        (e.campaign_id, prospects[str(e.email).lower()])
        for e in by_email
        if e.campaign_id in owned and str(e.email).lower() in prospects
    }
    tiers: dict[tuple[Any, Any], int] = {}
    last_step: dict[tuple[Any, Any], int] = {}
    for chunk in ingest.chunks(sorted(pairs, key=str)):
        tier_rows = await session.execute(
            select(CampaignProspect.campaign_id, CampaignProspect.prospect_id, CampaignProspect.tier).where(
                tuple_(CampaignProspect.campaign_id, CampaignProspect.prospect_id).in_(chunk)
            )
        )
        tiers.update({(c, p): t or 0 for c, p, t in tier_rows})
        step_rows = await session.execute(
            select(TrackingEvent.campaign_id, TrackingEvent.prospect_id, func.max(TrackingEvent.step))
            .where(
                tuple_(TrackingEvent.campaign_id, TrackingEvent.prospect_id).in_(chunk),
                TrackingEvent.type.in_(("sent", "delivered")),
            )
            .group_by(TrackingEvent.campaign_id, TrackingEvent.prospect_id)
        )
        last_step.update({(c, p): s for c, p, s in step_rows})

    # Events addressed by email: which step (given, or the last one sent, also within this batch).
    addressed: list[tuple[uuid.UUID, uuid.UUID, int] | str | None] = []
    for e in events:
        if e.message_id is not None:
            addressed.append(None)
            continue
        pid = prospects.get(str(e.email).lower())
        if e.campaign_id not in owned:
            addressed.append("unknown campaign_id")
        elif pid is None or (e.campaign_id, pid) not in tiers:
            addressed.append("no prospect with this email in the campaign")
        else:
            key = (e.campaign_id, pid)
            step = e.step or last_step.get(key, 0)
            if e.type in ("sent", "delivered") and step:
                last_step[key] = max(last_step.get(key, 0), step)
            addressed.append((e.campaign_id, pid, step))
    triples = sorted({a for a in addressed if isinstance(a, tuple) and a[2]}, key=str)
    step_messages: dict[tuple[Any, Any, int], Any] = {}
    for chunk in ingest.chunks(triples):
        message_rows = await session.execute(
            select(*cols).where(
                Message.workspace_id == workspace_id,
                Message.channel == "email",
                tuple_(Message.campaign_id, Message.prospect_id, Message.step).in_(chunk),
            )
        )
        step_messages.update({(r.campaign_id, r.prospect_id, r.step): r for r in message_rows})
    message_ids = {m.id for m in messages.values()} | {m.id for m in step_messages.values()}
    link_ids: dict[tuple[uuid.UUID, str], uuid.UUID] = {}
    for chunk in ingest.chunks(sorted(message_ids, key=str)):
        link_rows = await session.execute(
            select(TrackedLink.message_id, TrackedLink.url, TrackedLink.id).where(
                TrackedLink.message_id.in_(chunk)
            )
        )
        link_ids.update({(m, u): i for m, u, i in link_rows})
    counts = await ingest.links_per_message(session, sorted(message_ids, key=str))

    out: list[ingest.Draft | str] = []
    horizon = utcnow() + FUTURE_SLACK
    for e, where in zip(events, addressed, strict=True):
        if isinstance(where, str):
            out.append(where)
            continue
        if e.occurred_at > horizon:
            out.append("occurred_at is in the future")
            continue
        if where is None:
            message = messages.get(e.message_id)  # type: ignore[arg-type]
            if message is None:
                out.append("unknown message_id")
                continue
            if e.campaign_id is not None and e.campaign_id != message.campaign_id:
                out.append("message_id does not belong to campaign_id")
                continue
            campaign_id, prospect_id, step, variant = (
                message.campaign_id,
                message.prospect_id,
                message.step or 0,
                message.variant or "",
            )
        else:
            campaign_id, prospect_id, step = where
            message = step_messages.get(where)
            variant = (message.variant or "") if message else ""
        url = tokens.clean_url(e.url) if e.url else None
        mid = message.id if message is not None else None
        out.append(
            ingest.Draft(
                workspace_id=workspace_id,
                type=e.type,
                occurred_at=e.occurred_at,
                external_id=e.id,
                source="api",
                campaign_id=campaign_id,
                prospect_id=prospect_id,
                message_id=mid,
                link_id=link_ids.get((mid, url)) if mid and url else None,
                tier=tiers.get((campaign_id, prospect_id), 0),
                step=step,
                variant=variant,
                url=url,
                user_agent=e.user_agent,
                ip=str(e.ip) if e.ip else None,
                links_in_message=counts.get(mid, 0) if mid else 0,
            )
        )
    return out


async def ingest_events(
    session: AsyncSession, *, workspace_id: uuid.UUID, data: EventsIngest, settings: Settings
) -> IngestRead:
    """Store a sending tool's events; each one is created, a duplicate (same id) or an error."""
    parsed = validate_each(EventIn, data.events)
    good = [(i, p) for i, p in enumerate(parsed) if isinstance(p, EventIn)]
    resolved = dict(
        zip([i for i, _ in good], await _resolve(session, workspace_id, [p for _, p in good]), strict=True)
    )
    drafts = {i: d for i, d in resolved.items() if isinstance(d, ingest.Draft)}
    await ingest.record(session, list(drafts.values()), settings=settings)
    items: list[EventResult] = []
    for i, p in enumerate(parsed):
        raw_id = data.events[i].get("id")
        ident = raw_id if isinstance(raw_id, str) else None
        if not isinstance(p, EventIn):
            items.append(EventResult(index=i, id=ident, status="error", errors=p))
        elif i not in drafts:
            items.append(EventResult(index=i, id=ident, status="error", errors=[{"msg": resolved[i]}]))
        else:
            d = drafts[i]
            items.append(
                EventResult(
                    index=i,
                    id=ident,
                    status="duplicate" if d.duplicate else "created",
                    event_id=d.event_id,
                    is_machine=d.is_machine if not d.duplicate else None,
                    machine_reason=d.machine_reason if not d.duplicate else None,
                )
            )
    created = sum(1 for item in items if item.status == "created")
    duplicates = sum(1 for item in items if item.status == "duplicate")
    log.info(
        "tracking.events_ingested",
        total=len(items),
        created=created,
        duplicates=duplicates,
        errors=len(items) - created - duplicates,
    )
    return IngestRead(
        total=len(items),
        created=created,
        duplicates=duplicates,
        errors=len(items) - created - duplicates,
        items=items,
    )


async def list_events(
    session: AsyncSession,
    *,
    workspace_id: uuid.UUID,
    campaign_id: uuid.UUID,
    event_type: str | None,
    audience: str,
    cursor: str | None,
    limit: int,
) -> Page[EventRead]:
    """A campaign's events, newest first, filtered by type and by human/machine."""
    await sql.owned_campaign(session, workspace_id=workspace_id, campaign_id=campaign_id)
    query = select(TrackingEvent).where(
        TrackingEvent.campaign_id == campaign_id, TrackingEvent.workspace_id == workspace_id
    )
    if event_type:
        query = query.where(TrackingEvent.type == event_type)
    if audience != "all":
        query = query.where(TrackingEvent.is_machine.is_(audience == "machine"))
    if cursor:
        (before,) = paging.decode(cursor, 1, kind="events")
        if not isinstance(before, int):
            raise Unprocessable("Invalid cursor; pass back the next_cursor of the previous page.")
        query = query.where(TrackingEvent.id < before)
    rows = list(await session.scalars(query.order_by(TrackingEvent.id.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return Page[EventRead](
        items=[EventRead.model_validate(r) for r in rows],
        next_cursor=paging.encode(rows[-1].id, kind="events") if more and rows else None,
    )
