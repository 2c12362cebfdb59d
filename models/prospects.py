"""Prospects and their analyses (score, tier, engine)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, _id, utcnow


class Prospect(Base):
    __tablename__ = "prospects"
    __table_args__ = (
        UniqueConstraint("workspace_id", "email", name="uq_prospect_email"),
        Index("ix_prospect_clay_row", "workspace_id", "clay_row_id"),
    )

    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(320))  # lower-cased
    clay_row_id: Mapped[str | None] = mapped_column(String(200))
    data: Mapped[dict] = mapped_column()  # ProspectData as submitted
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Analysis(Base):
    """One scoring of a prospect by one agent version; the newest is the prospect's current one."""

    __tablename__ = "analyses"
    __table_args__ = (Index("ix_analysis_prospect", "prospect_id", "created_at"),)

    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    prospect_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    agent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("industry_agents.id", ondelete="SET NULL"))
    industry: Mapped[str] = mapped_column(String(60))
    agent_version: Mapped[int | None] = mapped_column(Integer)
    engine: Mapped[str] = mapped_column(String(16))
    score: Mapped[int] = mapped_column(Integer)
    tier: Mapped[int] = mapped_column(Integer)
    result: Mapped[dict] = mapped_column()  # AnalysisResult
    usage: Mapped[dict | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
