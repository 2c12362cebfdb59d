"""Writing tracking events: store, label and roll up a batch in the caller's transaction.

Every report figure comes from two rollups kept up to date here, so reports cost the same at 1k or
1M events:

- `campaign_stats` (campaign × tier × step × variant × metric) and `campaign_stats_hourly`
  (campaign × hour × metric) hold `total`/`human` event counts and `uniq*` prospect counts.
- A prospect is counted once per metric and scope by claiming a `tracking_first_touches` row
  (INSERT … ON CONFLICT DO NOTHING RETURNING): the claim succeeds only for its first event. The
  unique count is attributed to that event's tier, step, variant and hour.

Metrics count a cohort of event types, so that no rate can exceed 1: a click proves an open, and
an open, click, reply or unsubscribe proves delivery; any event proves the message was sent.

Ordering: "first" means lowest event id. Events of a batch are claimed in id order; on PostgreSQL
each batch takes a transaction-level advisory lock per campaign, so ids and claims of concurrent
batches cannot interleave (SQLite's BEGIN IMMEDIATE already serialises writers).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import and_, bindparam, delete, func, select, text, tuple_, update

from core import metrics, sql
from core.sql import Executor, chunks, table_insert
from models import (
    CampaignProspect,
    CampaignStat,
    CampaignStatHourly,
    CampaignStatVersion,
    ProspectStatus,
    TrackedLink,
    TrackingEvent,
    TrackingFirstTouch,
    utcnow,
)
from settings import Settings
from tracking import machine

log = structlog.get_logger()

EVENT_TYPES = ("sent", "delivered", "opened", "clicked", "replied", "bounced", "unsubscribed")
COHORTS: dict[str, frozenset[str]] = {
    "sent": frozenset(EVENT_TYPES),
    "delivered": frozenset({"delivered", "opened", "clicked", "replied", "unsubscribed"}),
    "opened": frozenset({"opened", "clicked"}),
    "clicked": frozenset({"clicked"}),
    "replied": frozenset({"replied"}),
    "bounced": frozenset({"bounced"}),
    "unsubscribed": frozenset({"unsubscribed"}),
}
METRICS = tuple(COHORTS)
HUMAN_METRICS = ("opened", "clicked")  # only opens and clicks can be a machine's
METRICS_OF = {t: tuple(m for m in METRICS if t in COHORTS[m]) for t in EVENT_TYPES}
# Status a prospect gets in its campaign (an event type that ends the sequence is also its status), and
# the statuses that event does not override; weakest first, so a stronger ending in the same batch wins.
ENDING: dict[str, tuple[ProspectStatus, ...]] = {
    ProspectStatus.REPLIED: (ProspectStatus.REPLIED, ProspectStatus.BOUNCED, ProspectStatus.UNSUBSCRIBED),
    ProspectStatus.BOUNCED: (ProspectStatus.BOUNCED, ProspectStatus.UNSUBSCRIBED),
    ProspectStatus.UNSUBSCRIBED: (ProspectStatus.UNSUBSCRIBED,),
}
STARTED_FROM = (ProspectStatus.NEW, ProspectStatus.ANALYZED, ProspectStatus.CONTENT_READY)
STRENGTH = {
    ProspectStatus.IN_SEQUENCE: 0,
    ProspectStatus.REPLIED: 1,
    ProspectStatus.BOUNCED: 2,
    ProspectStatus.UNSUBSCRIBED: 3,
}

StatKey = tuple[uuid.UUID, int, int, str, str]  # campaign, tier, step, variant, metric
HourKey = tuple[uuid.UUID, datetime, str]  # campaign, bucket, metric
TouchKey = tuple[uuid.UUID, uuid.UUID, str, str, str]  # campaign, prospect, metric, scope, audience


@dataclass
class Draft:
    """One event on its way in. `ip` only feeds the machine filter; it is never stored."""

    workspace_id: uuid.UUID
    type: str
    occurred_at: datetime
    external_id: str
    source: str  # pixel | click | api
    campaign_id: uuid.UUID | None = None
    prospect_id: uuid.UUID | None = None
    message_id: uuid.UUID | None = None
    link_id: uuid.UUID | None = None
    tier: int = 0
    step: int = 0
    variant: str = ""
    url: str | None = None
    user_agent: str | None = None
    ip: str | None = None
    links_in_message: int = 0
    is_machine: bool = False
    machine_reason: str | None = None
    event_id: int | None = None  # set once stored
    duplicate: bool = False  # set when the external id was already stored

    @property
    def counted(self) -> bool:
        return self.campaign_id is not None and self.prospect_id is not None


def bucket_of(at: datetime) -> datetime:
    return at.replace(minute=0, second=0, microsecond=0)


def scope_of(step: int, variant: str) -> str:
    return f"s:{step}:{variant}"


class _Deltas:
    """Rollup increments gathered in memory, then written with one upsert per table and chunk."""

    def __init__(self) -> None:
        self.stats: dict[StatKey, list[int]] = defaultdict(lambda: [0] * 6)
        self.hourly: dict[HourKey, list[int]] = defaultdict(lambda: [0] * 4)
        self.workspace: dict[uuid.UUID, uuid.UUID] = {}

    def event(
        self,
        ws: uuid.UUID,
        campaign: uuid.UUID,
        tier: int,
        step: int,
        variant: str,
        at: datetime,
        metric: str,
        human: bool,
        sign: int = 1,
    ) -> None:
        self.workspace[campaign] = ws
        row = self.stats[(campaign, tier, step, variant, metric)]
        hour = self.hourly[(campaign, bucket_of(at), metric)]
        row[0] += sign
        hour[0] += sign
        if human:
            row[1] += sign
            hour[1] += sign

    def human_only(
        self,
        ws: uuid.UUID,
        campaign: uuid.UUID,
        tier: int,
        step: int,
        variant: str,
        at: datetime,
        metric: str,
        sign: int,
    ) -> None:
        self.workspace[campaign] = ws
        self.stats[(campaign, tier, step, variant, metric)][1] += sign
        self.hourly[(campaign, bucket_of(at), metric)][1] += sign

    def unique(
        self,
        ws: uuid.UUID,
        campaign: uuid.UUID,
        tier: int,
        step: int,
        variant: str,
        at: datetime,
        metric: str,
        scope: str,
        audience: str,
        sign: int = 1,
    ) -> None:
        self.workspace[campaign] = ws
        human = audience == "human"
        if scope == "c":
            self.stats[(campaign, tier, step, variant, metric)][3 if human else 2] += sign
            self.hourly[(campaign, bucket_of(at), metric)][3 if human else 2] += sign
        else:
            self.stats[(campaign, tier, step, variant, metric)][5 if human else 4] += sign

    async def flush(self, session: Executor) -> None:
        stat_cols = ("total", "human", "uniq", "uniq_human", "uniq_step", "uniq_step_human")
        rows = [
            {
                "campaign_id": k[0],
                "tier": k[1],
                "step": k[2],
                "variant": k[3],
                "metric": k[4],
                "workspace_id": self.workspace[k[0]],
                **dict(zip(stat_cols, v, strict=True)),
            }
            for k, v in self.stats.items()
            if any(v)
        ]
        if rows:
            await session.execute(
                _rollup_upsert(
                    session, CampaignStat, ("campaign_id", "tier", "step", "variant", "metric"), stat_cols
                ),
                rows,
            )
        hour_cols = stat_cols[:4]
        rows = [
            {
                "campaign_id": k[0],
                "bucket": k[1],
                "metric": k[2],
                "workspace_id": self.workspace[k[0]],
                **dict(zip(hour_cols, v, strict=True)),
            }
            for k, v in self.hourly.items()
            if any(v)
        ]
        if rows:
            await session.execute(
                _rollup_upsert(session, CampaignStatHourly, ("campaign_id", "bucket", "metric"), hour_cols), rows
            )
        # every campaign whose rollups changed: its version + 1, committed with them (a cached report
        # of the campaign is then read again, in this process or any other)
        changed = sorted(
            {k[0] for k, v in self.stats.items() if any(v)} | {k[0] for k, v in self.hourly.items() if any(v)}
        )
        if changed:
            await session.execute(
                _rollup_upsert(session, CampaignStatVersion, VERSION_KEY, VERSION_COLS),
                [{"campaign_id": c, "version": 1} for c in changed],
            )


VERSION_KEY = ("campaign_id",)
VERSION_COLS = ("version",)


_UPSERTS: dict[tuple[str, str, tuple[str, ...]], Any] = {}
ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(:k)")  # PostgreSQL: one per campaign of a batch


def _rollup_upsert(session: Executor, model: Any, index: tuple[str, ...], cols: tuple[str, ...]) -> Any:
    """`INSERT … ON CONFLICT (index) DO UPDATE SET c = c + excluded.c`, built once per dialect and table:
    building it (the `excluded` alias) on every flush was 8% of the pixel's CPU."""
    key = (sql.dialect(session), model.__tablename__, cols)
    stmt = _UPSERTS.get(key)
    if stmt is None:
        base = table_insert(session, model)
        t = model.__table__.c
        stmt = _UPSERTS[key] = base.on_conflict_do_update(
            index_elements=list(index), set_={c: t[c] + base.excluded[c] for c in cols}
        )
    return stmt


async def record(session: Executor, drafts: list[Draft], *, settings: Settings) -> None:
    """Label, store and roll up `drafts` in the session's transaction (the caller commits).

    Sets `event_id` on each stored draft and `duplicate` on those whose external id was stored
    before (or earlier in the same batch).
    """
    if not drafts:
        return
    if sql.dialect(session) == "postgresql":
        for campaign_id in sorted({d.campaign_id for d in drafts if d.campaign_id}):
            key = int.from_bytes(campaign_id.bytes[:8], "big", signed=True)
            await session.execute(ADVISORY_LOCK, {"k": key})
    deltas = _Deltas()
    await _label(session, drafts, settings, deltas)
    created = await _store(session, drafts)
    await _claim(session, created, deltas)
    await deltas.flush(session)
    await _statuses(session, created)
    for d in created:
        metrics.record_tracking_event(d.type, d.is_machine)


async def _label(session: Executor, drafts: list[Draft], settings: Settings, deltas: _Deltas) -> None:
    """Apply the machine filter to the batch; relabel stored clicks that turn out to be part of a burst."""
    engaged = [d for d in drafts if d.type in machine.ENGAGEMENT and d.counted]
    reference = await _delivery_times(session, drafts, engaged)
    for d in drafts:
        if d.type not in machine.ENGAGEMENT:
            continue
        key = (d.campaign_id, d.prospect_id, d.step)
        times = reference.get(key, {})
        delivered = max((t for t in times.get("delivered", []) if t <= d.occurred_at), default=None)
        sent = max((t for t in times.get("sent", []) if t <= d.occurred_at), default=None)
        reason = machine.classify(
            event_type=d.type,
            source=d.source,
            user_agent=d.user_agent,
            ip=d.ip,
            occurred_at=d.occurred_at,
            delivered_at=delivered or sent,
            too_soon_s=settings.TRACKING_TOO_SOON_S,
            extra_ranges=settings.TRACKING_MACHINE_IP_RANGES,
        )
        if reason:
            d.is_machine, d.machine_reason = True, reason
    relabel = await _bursts(session, [d for d in drafts if d.type == "clicked" and d.message_id], settings)
    if relabel:
        await _relabel(session, relabel, deltas)


# Hot statements built once (the pixel's group commit runs them per batch): building one and
# generating its cache key cost about as much as running it.
_DELIVERY_TIMES = select(
    TrackingEvent.campaign_id,
    TrackingEvent.prospect_id,
    TrackingEvent.step,
    TrackingEvent.type,
    TrackingEvent.occurred_at,
).where(
    tuple_(TrackingEvent.campaign_id, TrackingEvent.prospect_id).in_(bindparam("pairs", expanding=True)),
    TrackingEvent.type.in_(("sent", "delivered")),
)
_INSERTS: dict[tuple[str, str], Any] = {}  # (dialect, table) -> statement


def _insert_returning(
    session: Executor, model: Any, returning: tuple[str, ...], conflict: list[str] | None
) -> Any:
    """`model`'s INSERT … ON CONFLICT DO NOTHING RETURNING `returning`, built once per dialect and model."""
    key = (sql.dialect(session), model.__tablename__)
    stmt = _INSERTS.get(key)
    if stmt is None:
        columns = model.__table__.c
        stmt = _INSERTS[key] = (
            table_insert(session, model)
            .on_conflict_do_nothing(index_elements=conflict)
            .returning(*(columns[name] for name in returning))
        )
    return stmt


def _store_insert(session: Executor) -> Any:
    """The events' insert (a duplicate external id is skipped)."""
    return _insert_returning(
        session, TrackingEvent, ("id", "workspace_id", "external_id"), ["workspace_id", "external_id"]
    )


def _claim_insert(session: Executor) -> Any:
    """The first touches' insert (a touch already claimed is skipped)."""
    return _insert_returning(
        session, TrackingFirstTouch, ("campaign_id", "prospect_id", "metric", "scope", "audience"), None
    )


async def _delivery_times(
    session: Executor, drafts: list[Draft], engaged: list[Draft]
) -> dict[tuple[Any, ...], dict[str, list[datetime]]]:
    """Send and delivery times per (campaign, prospect, step) for the prospects opening or clicking."""
    times: dict[tuple[Any, ...], dict[str, list[datetime]]] = defaultdict(lambda: defaultdict(list))
    pairs = sorted({(d.campaign_id, d.prospect_id) for d in engaged}, key=str)
    for chunk in chunks(pairs):
        rows = await session.execute(_DELIVERY_TIMES, {"pairs": chunk})
        for c, p, step, kind, at in rows:
            times[(c, p, step)][kind].append(at)
    for d in drafts:
        if d.type in ("sent", "delivered") and d.counted:
            times[(d.campaign_id, d.prospect_id, d.step)][d.type].append(d.occurred_at)
    return times


async def _bursts(session: Executor, clicks: list[Draft], settings: Settings) -> list[int]:
    """Label the batch's burst clicks; return the ids of stored human clicks that joined a burst."""
    if not clicks:
        return []
    window = timedelta(seconds=settings.TRACKING_BURST_WINDOW_S)
    earliest = min(d.occurred_at for d in clicks) - window
    latest = max(d.occurred_at for d in clicks) + window
    by_message: dict[uuid.UUID, list[tuple[int, datetime, str]]] = defaultdict(list)
    stored: dict[int, bool] = {}  # stored event id -> is_machine
    message_ids = sorted({d.message_id for d in clicks if d.message_id}, key=str)
    for chunk in chunks(message_ids):
        rows = await session.execute(
            select(
                TrackingEvent.id,
                TrackingEvent.message_id,
                TrackingEvent.occurred_at,
                TrackingEvent.link_id,
                TrackingEvent.url,
                TrackingEvent.is_machine,
            ).where(
                TrackingEvent.message_id.in_(chunk),
                TrackingEvent.type == "clicked",
                TrackingEvent.occurred_at.between(earliest, latest),
            )
        )
        for row in rows:  # message_id is set: the query selects by it
            by_message[row.message_id].append((-row.id, row.occurred_at, str(row.link_id or row.url)))
            stored[row.id] = row.is_machine
    links: dict[uuid.UUID, int] = {}
    for i, d in enumerate(clicks):
        assert d.message_id is not None
        by_message[d.message_id].append((i, d.occurred_at, str(d.link_id or d.url)))
        links[d.message_id] = max(links.get(d.message_id, 0), d.links_in_message)
    relabel: list[int] = []
    for message_id, items in by_message.items():
        members = machine.burst_members(
            items,
            links_in_message=links.get(message_id, 0),
            window_s=settings.TRACKING_BURST_WINDOW_S,
            min_links=settings.TRACKING_BURST_MIN_LINKS,
        )
        for index in members:
            if index >= 0:
                d = clicks[index]
                if not d.is_machine:
                    d.is_machine, d.machine_reason = True, "click_burst"
            elif not stored[-index]:
                relabel.append(-index)
    return sorted(relabel)


async def _relabel(session: Executor, event_ids: list[int], deltas: _Deltas) -> None:
    """Turn stored human clicks into machine ones, moving their counts and first-touch claims."""
    e = TrackingEvent
    cols = (e.id, e.workspace_id, e.campaign_id, e.tier, e.step, e.variant, e.occurred_at, e.type)
    events = {row.id: row for row in await session.execute(select(*cols).where(e.id.in_(event_ids)))}
    await session.execute(
        update(e)
        .where(e.id.in_(event_ids))
        .values(is_machine=True, machine_reason="click_burst")
        .execution_options(synchronize_session=False)
    )
    for ev in events.values():
        if ev.campaign_id is not None:
            deltas.human_only(
                ev.workspace_id, ev.campaign_id, ev.tier, ev.step, ev.variant, ev.occurred_at, ev.type, -1
            )
    t = TrackingFirstTouch
    held = list(
        await session.execute(
            select(t.campaign_id, t.prospect_id, t.metric, t.scope, t.event_id).where(
                t.audience == "human", t.event_id.in_(event_ids)
            )
        )
    )
    for campaign_id, prospect_id, metric, scope, event_id in held:
        old = events[event_id]
        deltas.unique(
            old.workspace_id,
            campaign_id,
            old.tier,
            old.step,
            old.variant,
            old.occurred_at,
            metric,
            scope,
            "human",
            -1,
        )
        await session.execute(
            delete(t).where(
                t.campaign_id == campaign_id,
                t.prospect_id == prospect_id,
                t.metric == metric,
                t.scope == scope,
                t.audience == "human",
            )
        )
        query = select(*cols).where(
            e.campaign_id == campaign_id,
            e.prospect_id == prospect_id,
            e.is_machine.is_(False),
            e.type.in_(COHORTS[metric]),
        )
        if scope != "c":
            _, step, variant = scope.split(":", 2)
            query = query.where(e.step == int(step), e.variant == variant)
        nxt = (await session.execute(query.order_by(e.id).limit(1))).first()
        if nxt is not None:  # the prospect's next human event in the cohort becomes its first
            await session.execute(
                sql.insert(session, t).values(
                    campaign_id=campaign_id,
                    prospect_id=prospect_id,
                    metric=metric,
                    scope=scope,
                    audience="human",
                    event_id=nxt.id,
                    occurred_at=nxt.occurred_at,
                )
            )
            deltas.unique(
                nxt.workspace_id,
                campaign_id,
                nxt.tier,
                nxt.step,
                nxt.variant,
                nxt.occurred_at,
                metric,
                scope,
                "human",
                1,
            )
    log.info("tracking.clicks_relabelled", events=len(event_ids), claims_moved=len(held))


async def _store(session: Executor, drafts: list[Draft]) -> list[Draft]:
    """Insert the batch's new events; mark duplicates; return the stored drafts in id order."""
    fresh: dict[tuple[uuid.UUID, str], Draft] = {}
    for d in drafts:
        key = (d.workspace_id, d.external_id)
        if key in fresh:
            d.duplicate = True
        else:
            fresh[key] = d
    now = utcnow()
    rows = [
        {
            "workspace_id": d.workspace_id,
            "campaign_id": d.campaign_id,
            "prospect_id": d.prospect_id,
            "message_id": d.message_id,
            "link_id": d.link_id,
            "external_id": d.external_id,
            "source": d.source,
            "type": d.type,
            "occurred_at": d.occurred_at,
            "received_at": now,
            "tier": d.tier,
            "step": d.step,
            "variant": d.variant,
            "is_machine": d.is_machine,
            "machine_reason": d.machine_reason,
            "url": d.url,
            "user_agent": d.user_agent[:300] if d.user_agent else None,
        }
        for d in fresh.values()
    ]
    if rows:
        for row in await session.execute(_store_insert(session), rows):
            fresh[(row.workspace_id, row.external_id)].event_id = row.id
    for d in fresh.values():
        if d.event_id is None:
            d.duplicate = True
    return sorted((d for d in fresh.values() if d.event_id is not None), key=lambda d: d.event_id or 0)


async def _claim(session: Executor, created: list[Draft], deltas: _Deltas) -> None:
    """Count the stored events and claim first touches (unique prospects) in id order."""
    candidates: dict[TouchKey, Draft] = {}
    for d in created:
        if not d.counted:
            continue
        assert d.campaign_id is not None and d.prospect_id is not None
        deltas.event(
            d.workspace_id, d.campaign_id, d.tier, d.step, d.variant, d.occurred_at, d.type, not d.is_machine
        )
        for metric in METRICS_OF[d.type]:
            audiences = ("all", "human") if metric in HUMAN_METRICS and not d.is_machine else ("all",)
            for scope in ("c", scope_of(d.step, d.variant)):
                for audience in audiences:
                    candidates.setdefault((d.campaign_id, d.prospect_id, metric, scope, audience), d)
    rows = [
        {
            "campaign_id": k[0],
            "prospect_id": k[1],
            "metric": k[2],
            "scope": k[3],
            "audience": k[4],
            "event_id": d.event_id,
            "occurred_at": d.occurred_at,
        }
        for k, d in candidates.items()
    ]
    if not rows:
        return
    for key in await session.execute(_claim_insert(session), rows):
        d = candidates[tuple(key)]
        deltas.unique(d.workspace_id, key[0], d.tier, d.step, d.variant, d.occurred_at, key[2], key[3], key[4])


async def _statuses(session: Executor, created: list[Draft]) -> None:
    """A reply, bounce or unsubscribe ends the prospect's sequence; a send starts it."""
    groups: dict[tuple[uuid.UUID, ProspectStatus], set[uuid.UUID]] = defaultdict(set)
    for d in created:
        if d.counted and d.type in (*ENDING, "sent", "delivered"):
            assert d.campaign_id is not None and d.prospect_id is not None
            status = ProspectStatus.IN_SEQUENCE if d.type in ("sent", "delivered") else ProspectStatus(d.type)
            groups[(d.campaign_id, status)].add(d.prospect_id)
    # Weakest first, so an unsubscribe in the same batch as a reply wins.
    for (campaign_id, status), prospects in sorted(groups.items(), key=lambda g: STRENGTH[g[0][1]]):
        keep = STARTED_FROM if status is ProspectStatus.IN_SEQUENCE else None
        for chunk in chunks(sorted(prospects, key=str)):
            where = [CampaignProspect.campaign_id == campaign_id, CampaignProspect.prospect_id.in_(chunk)]
            where.append(
                CampaignProspect.status.in_(keep) if keep else CampaignProspect.status.not_in(ENDING[status])
            )
            await session.execute(
                update(CampaignProspect).where(and_(*where)).values(status=status, updated_at=utcnow())
            )


async def links_per_message(session: Executor, message_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    counts: dict[uuid.UUID, int] = {}
    for chunk in chunks(sorted(set(message_ids), key=str)):
        rows = await session.execute(
            select(TrackedLink.message_id, func.count())
            .where(TrackedLink.message_id.in_(chunk))
            .group_by(TrackedLink.message_id)
        )
        counts.update({m: int(n) for m, n in rows})
    return counts
