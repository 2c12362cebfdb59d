"""Tracking: links, events, first touches, and the rollups kept up to date at ingestion (analytics reads them)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, _id, utcnow

# SQLite only autoincrements an INTEGER PRIMARY KEY (the rowid); PostgreSQL gets a BIGSERIAL.
EventId = BigInteger().with_variant(Integer(), "sqlite")


class TrackedLink(Base):
    """A link found in a message's body or CTA; its click token redirects only to this stored URL."""

    __tablename__ = "tracked_links"
    __table_args__ = (UniqueConstraint("message_id", "url", name="uq_tracked_link_url"),)

    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    url: Mapped[str] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TrackingEvent(Base):
    """One tracking event: a pixel or click hit, or an event a sending tool posted.

    `id` grows in ingestion order; "a prospect's first event" means its lowest id. `external_id` is
    the tool's event id (ours for pixel and click hits), unique per workspace for idempotency.
    """

    __tablename__ = "tracking_events"
    __table_args__ = (
        UniqueConstraint("workspace_id", "external_id", name="uq_tracking_event_external_id"),
        Index("ix_tracking_event_campaign", "campaign_id", "id"),
        Index("ix_tracking_event_prospect", "campaign_id", "prospect_id", "id"),
        Index("ix_tracking_event_message", "message_id", "type", "occurred_at"),
        # the machine filter's send/delivery times: a seek, not a scan of the prospect's every open
        Index("ix_tracking_event_delivery", "campaign_id", "prospect_id", "type", "step", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(EventId, primary_key=True, autoincrement=True)
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    prospect_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    message_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
    link_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("tracked_links.id", ondelete="SET NULL"))
    external_id: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(8))  # pixel | click | api
    # sent | delivered | opened | clicked | replied | bounced | unsubscribed
    type: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[datetime] = mapped_column()
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    tier: Mapped[int] = mapped_column(Integer, default=0)  # the prospect's tier then; 0 = unknown
    step: Mapped[int] = mapped_column(Integer, default=0)  # 0 = not attributed to a step
    variant: Mapped[str] = mapped_column(String(4), default="")
    is_machine: Mapped[bool] = mapped_column(Boolean, default=False)
    machine_reason: Mapped[str | None] = mapped_column(String(40))
    url: Mapped[str | None] = mapped_column(String(2000))
    user_agent: Mapped[str | None] = mapped_column(String(300))


class TrackingFirstTouch(Base):
    """The first event (lowest id) that put a prospect into a metric's cohort, per scope and audience.

    scope is "c" (the campaign) or "s:<step>:<variant>"; audience is "all" or "human". A row exists
    once per key, so inserting it tells whether an event is a prospect's first: unique counts stay
    exact without counting distinct prospects at report time.
    """

    __tablename__ = "tracking_first_touches"
    __table_args__ = (PrimaryKeyConstraint("campaign_id", "prospect_id", "metric", "scope", "audience"),)

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    prospect_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    metric: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str] = mapped_column(String(24))
    audience: Mapped[str] = mapped_column(String(8))
    event_id: Mapped[int] = mapped_column(EventId)
    occurred_at: Mapped[datetime] = mapped_column()


class CampaignStat(Base):
    """Rollup per campaign × tier × step × variant × metric, kept up to date at ingestion.

    total/human count events of the metric's own type; uniq* count prospects whose first event in
    the metric's cohort (campaign scope, or step × variant scope for uniq_step*) had these dimensions.
    """

    __tablename__ = "campaign_stats"
    __table_args__ = (PrimaryKeyConstraint("campaign_id", "tier", "step", "variant", "metric"),)

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    tier: Mapped[int] = mapped_column(Integer)
    step: Mapped[int] = mapped_column(Integer)
    variant: Mapped[str] = mapped_column(String(4))
    metric: Mapped[str] = mapped_column(String(16))
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    total: Mapped[int] = mapped_column(Integer, default=0)
    human: Mapped[int] = mapped_column(Integer, default=0)
    uniq: Mapped[int] = mapped_column(Integer, default=0)
    uniq_human: Mapped[int] = mapped_column(Integer, default=0)
    uniq_step: Mapped[int] = mapped_column(Integer, default=0)
    uniq_step_human: Mapped[int] = mapped_column(Integer, default=0)


class CampaignStatHourly(Base):
    """Rollup per campaign × hour (UTC) × metric, for the timeline; uniq* count first-time prospects."""

    __tablename__ = "campaign_stats_hourly"
    __table_args__ = (PrimaryKeyConstraint("campaign_id", "bucket", "metric"),)

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    bucket: Mapped[datetime] = mapped_column()
    metric: Mapped[str] = mapped_column(String(16))
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    total: Mapped[int] = mapped_column(Integer, default=0)
    human: Mapped[int] = mapped_column(Integer, default=0)
    uniq: Mapped[int] = mapped_column(Integer, default=0)
    uniq_human: Mapped[int] = mapped_column(Integer, default=0)


class CampaignStatVersion(Base):
    """A counter per campaign that every write of its rollups raises, in the same transaction.

    A report built from the rollups while the counter read v is still exact while it reads v: the
    timeline keeps its JSON per campaign and checks the counter (one row) instead of reading and
    writing its buckets again (analytics/service.py). No row: the rollups were never written since
    this table exists (version 0).
    """

    __tablename__ = "campaign_stats_versions"

    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(BigInteger, default=0)
