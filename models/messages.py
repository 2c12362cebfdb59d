"""Outreach content: one row per sequence step, LinkedIn message or video script."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, _id, utcnow


class Message(Base):
    """One piece of outreach for one prospect: a sequence step, a LinkedIn message or a video script.

    `content_key` makes generation idempotent: the same prospect, campaign, channel and step is one
    row, regenerated in place (so its id and tracking token stay valid).
    """

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("workspace_id", "content_key", name="uq_message_content_key"),
        Index("ix_message_prospect", "prospect_id", "channel", "step"),
        Index("ix_message_campaign", "campaign_id", "step"),
    )

    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    prospect_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    content_key: Mapped[str] = mapped_column(String(200))
    # email | linkedin_connection | linkedin_follow_up | inmail | video
    channel: Mapped[str] = mapped_column(String(24))
    step: Mapped[int] = mapped_column(Integer, default=1)
    day_offset: Mapped[int] = mapped_column(Integer, default=0)
    purpose: Mapped[str | None] = mapped_column(String(40))
    subject: Mapped[str | None] = mapped_column(String(300))  # the variant this prospect gets
    subject_variants: Mapped[list | None] = mapped_column()
    variant: Mapped[str | None] = mapped_column(String(4))  # "A", "B"…: which subject variant
    body: Mapped[str] = mapped_column(String(20000))
    cta: Mapped[str | None] = mapped_column(String(500))
    personalisation: Mapped[list | None] = mapped_column()
    extra: Mapped[dict | None] = mapped_column()  # channel-specific: video scenes, word counts…
    quality: Mapped[dict] = mapped_column()
    engine: Mapped[str] = mapped_column(String(16))
    usage: Mapped[dict | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
