"""Claude: the usage ledger and Message Batches (`llm.batches`, `jobs.batches`)."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, _id, utcnow


class LlmUsage(Base):
    """The usage ledger: one row per Claude call, with its cost from the settings' price table."""

    __tablename__ = "llm_usage"
    __table_args__ = (
        Index("ix_llm_usage_created_at", "created_at"),
        Index("ix_llm_usage_workspace_created", "workspace_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("workspaces.id", ondelete="SET NULL"))
    model: Mapped[str] = mapped_column(String(100))
    purpose: Mapped[str] = mapped_column(String(60))  # agent_build | analyze | sequence | …
    outcome: Mapped[str] = mapped_column(String(16))  # ok | invalid | error
    input_tokens: Mapped[int] = mapped_column(Integer, default=0)
    output_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cache_read_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cache_write_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cost_usd: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class BatchStatus(StrEnum):
    """A Message Batch's row: see `LlmBatch` for the order."""

    SUBMITTING = "submitting"
    SUBMITTED = "submitted"
    COLLECTED = "collected"
    ABANDONED = "abandoned"


class LlmBatch(Base):
    """One Message Batch a job sent to Anthropic (one per round of its items' Claude calls).

    Written as `submitting` (with its requests in `llm_batch_results`) before the create call, so a
    worker killed between Anthropic accepting the batch and `batch_id` being stored leaves a marker
    that the next claim reconciles instead of submitting again. Then `submitted` (Anthropic's id),
    then `collected` (results stored and ledgered) or `abandoned` (never created, or not ours)."""

    __tablename__ = "llm_batches"
    __table_args__ = (UniqueConstraint("job_id", "round", name="uq_llm_batch_round"),)

    id: Mapped[uuid.UUID] = _id()
    job_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # BatchStatus
    batch_id: Mapped[str | None] = mapped_column(String(100))  # Anthropic's msgbatch_… id
    requests: Mapped[int] = mapped_column(Integer)
    counts: Mapped[dict | None] = mapped_column()  # request_counts when it ended
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column()
    ended_at: Mapped[datetime | None] = mapped_column()


class LlmBatchResult(Base):
    """One request of a Message Batch and, once collected, its result: what a job item's replayed
    Claude call answers with. `custom_id` is the item's id and a digest of the request."""

    __tablename__ = "llm_batch_results"
    __table_args__ = (
        UniqueConstraint("job_id", "custom_id", name="uq_llm_batch_result_custom_id"),
        Index("ix_llm_batch_result_item", "item_id"),
    )

    id: Mapped[uuid.UUID] = _id()
    job_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("job_items.id", ondelete="CASCADE"))
    batch_row_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("llm_batches.id", ondelete="CASCADE"))
    custom_id: Mapped[str] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(String(60))
    # pending | succeeded | errored | expired | canceled | failed (never sent) | budget (not sent: spent)
    result_type: Mapped[str] = mapped_column(String(16))
    message: Mapped[dict | None] = mapped_column()  # the Message, when succeeded
    error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
