"""Industry agents: one row per version of a workspace's agent for an industry."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, _id, utcnow


class AgentStatus(StrEnum):
    """An agent version's build: `building` until the rules or Claude finish it."""

    BUILDING = "building"
    READY = "ready"
    FAILED = "failed"


class IndustryAgent(Base):
    """One version of a workspace's agent for an industry. A rebuild adds version n+1."""

    __tablename__ = "industry_agents"
    __table_args__ = (UniqueConstraint("workspace_id", "industry", "version", name="uq_agent_version"),)

    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    industry: Mapped[str] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # AgentStatus
    progress: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(String(1000))
    engine: Mapped[str | None] = mapped_column(String(16))
    request: Mapped[dict] = mapped_column()  # what the build was asked for
    profile: Mapped[dict | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
