"""ORM tables. Every row a user owns carries `workspace_id`."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every backend (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, dict: JSON, list: JSON}


def _id() -> Mapped[uuid.UUID]:
    return mapped_column(primary_key=True, default=uuid.uuid4)


class Workspace(Base):
    __tablename__ = "workspaces"

    id: Mapped[uuid.UUID] = _id()
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 hex of the whole key
    prefix: Mapped[str] = mapped_column(String(16))  # e.g. "tune_dev_"
    last4: Mapped[str] = mapped_column(String(4))
    scopes: Mapped[list] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class IdempotencyKey(Base):
    """A POST's stored outcome, so a retried request replays instead of running twice."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (
        UniqueConstraint("api_key_hash", "key", name="uq_idempotency_scope_key"),
        Index("ix_idempotency_created_at", "created_at"),
    )

    id: Mapped[uuid.UUID] = _id()
    api_key_hash: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer)  # None while the first request runs
    response_headers: Mapped[list | None] = mapped_column()
    response_body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- agents and prospect intelligence ---------------------------------------------------------


class IndustryAgent(Base):
    """One version of a workspace's agent for an industry. A rebuild adds version n+1."""

    __tablename__ = "industry_agents"
    __table_args__ = (UniqueConstraint("workspace_id", "industry", "version", name="uq_agent_version"),)

    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    industry: Mapped[str] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # building | ready | failed
    progress: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(String(1000))
    engine: Mapped[str | None] = mapped_column(String(16))
    request: Mapped[dict] = mapped_column()  # what the build was asked for
    profile: Mapped[dict | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


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


# --- campaigns and content --------------------------------------------------------------------


class Campaign(Base):
    __tablename__ = "campaigns"
    __table_args__ = (Index("ix_campaign_workspace_created", "workspace_id", "created_at"),)

    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    industry: Mapped[str] = mapped_column(String(60))
    description: Mapped[str | None] = mapped_column(String(5000))
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft|active|paused|completed|archived
    tier_thresholds: Mapped[dict | None] = mapped_column()  # overrides the agent's, when set
    sequence_settings: Mapped[dict | None] = mapped_column()  # steps, channels, sender…
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class CampaignProspect(Base):
    """A prospect's place in a campaign: its tier and score there, and how far it has gone."""

    __tablename__ = "campaign_prospects"
    __table_args__ = (
        UniqueConstraint("campaign_id", "prospect_id", name="uq_campaign_prospect"),
        Index("ix_campaign_prospect_tier", "campaign_id", "tier", "score"),
    )

    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    prospect_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    analysis_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("analyses.id", ondelete="SET NULL"))
    tier: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[int | None] = mapped_column(Integer)
    # new | analyzed | content_ready | in_sequence | replied | bounced | unsubscribed | completed
    status: Mapped[str] = mapped_column(String(16), default="new")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


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


# --- durable background jobs ------------------------------------------------------------------


class Job(Base):
    """A unit of long work, claimed by one worker at a time under a lease kept alive by heartbeats."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_job_claim", "status", "next_run_at"),)

    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued|running|succeeded|failed|cancelled
    payload: Mapped[dict] = mapped_column()
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[datetime | None] = mapped_column()
    next_run_at: Mapped[datetime] = mapped_column(default=utcnow)
    error: Mapped[str | None] = mapped_column(String(2000))
    result: Mapped[dict | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column()


class JobItem(Base):
    """One item of a job; `(job_id, key)` is unique, so an item is done at most once."""

    __tablename__ = "job_items"
    __table_args__ = (
        UniqueConstraint("job_id", "key", name="uq_job_item_key"),
        Index("ix_job_item_pending", "job_id", "status", "position"),
    )

    id: Mapped[uuid.UUID] = _id()
    job_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | done | failed
    payload: Mapped[dict] = mapped_column()
    result: Mapped[dict | None] = mapped_column()
    error: Mapped[str | None] = mapped_column(String(2000))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# --- tracking and analytics -------------------------------------------------------------------

from sqlalchemy import BigInteger, Boolean, PrimaryKeyConstraint  # noqa: E402

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


# --- Clay: per-campaign table webhook, push results, inbound webhook receipts -------------------


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
    status: Mapped[str] = mapped_column(String(16))  # pushed | failed
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


# --- Message Batches (claude_batches) ---------------------------------------------------------


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
    status: Mapped[str] = mapped_column(String(16))  # submitting | submitted | collected | abandoned
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
