"""Clay: per-campaign table webhook, push results, inbound webhook receipts and secrets."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, _id, utcnow


class ClayCampaignConfig(Base):
    """Where a campaign's prospects are pushed in Clay: the table's webhook source URL and its token.

    The token is Clay's (sent as `x-clay-webhook-auth`); it is never returned by the API.
    """

    __tablename__ = "clay_campaign_configs"

    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), unique=True)
    table_webhook_url: Mapped[str] = mapped_column(String(2000))
    webhook_auth_token: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PushStatus(StrEnum):
    """The outcome of pushing one prospect to one Clay table."""

    PUSHED = "pushed"
    FAILED = "failed"


class ClayPushResult(Base):
    """The outcome of pushing one prospect of a campaign to one Clay table (by URL hash).

    A re-push skips rows whose status is `pushed` for the same target unless forced.
    """

    __tablename__ = "clay_push_results"
    __table_args__ = (UniqueConstraint("campaign_id", "prospect_id", "target_hash", name="uq_clay_push_target"),)

    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    prospect_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    target_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 of the table webhook URL
    status: Mapped[str] = mapped_column(String(16))  # PushStatus
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    http_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(500))
    pushed_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class WebhookReceipt(Base):
    """One inbound webhook row already answered: a replay returns `response` without re-scoring.

    `dedupe_key` is SHA-256 over (campaign, Clay row id, payload hash); unique per source.
    """

    __tablename__ = "webhook_receipts"
    __table_args__ = (
        UniqueConstraint("source", "dedupe_key", name="uq_webhook_receipt_key"),
        Index("ix_webhook_receipt_created_at", "created_at"),
    )

    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(16))  # clay
    dedupe_key: Mapped[str] = mapped_column(String(64))
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    row_id: Mapped[str | None] = mapped_column(String(200))
    payload_hash: Mapped[str] = mapped_column(String(64))
    prospect_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("prospects.id", ondelete="SET NULL"))
    response: Mapped[dict] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ClayWebhookSecret(Base):
    """A workspace's secret for the inbound Clay webhook (issue 13, finding 2).

    Stored encrypted (AES-GCM under a key derived from SECRET_KEY, bound to the row and workspace),
    not hashed: the HMAC mode needs the secret itself to recompute a signature over the body.
    Shown once when created; `prefix`/`last4` identify it afterwards. Several may be active at
    once while rotating; a revoked one stops working at once.
    """

    __tablename__ = "clay_webhook_secrets"

    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)  # nonce (12 bytes) + AES-GCM output
    prefix: Mapped[str] = mapped_column(String(16))
    last4: Mapped[str] = mapped_column(String(4))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column()
