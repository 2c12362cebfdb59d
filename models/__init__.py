"""ORM tables, one module per aggregate. Every row a user owns carries `workspace_id`.

    base        `Base`, `UTCDateTime`, `utcnow` (what every table module uses)
    workspaces  workspaces, API keys, idempotency keys
    agents      industry agents (`AgentStatus`)
    prospects   prospects and their analyses
    campaigns   campaigns and their members (`CampaignStatus`, `ProspectStatus`)
    messages    outreach content
    jobs        durable jobs and their items (`JobStatus`, `JobItemStatus`)
    tracking    tracked links, events, first touches and the rollups analytics reads
    clay        Clay table config, push results (`PushStatus`), webhook receipts and secrets
    llm         the Claude usage ledger and Message Batches (`BatchStatus`)

Statuses are `StrEnum`s stored in `String(16)` columns as their plain values (a `StrEnum` compares
equal to its string, so rows read back as `str` compare with the members). Import from `models`
(`from models import Campaign`): this module re-exports every name, and importing it registers every
table on `Base.metadata`. May import: SQLAlchemy only (no feature, no `core`).
"""

from models.agents import AgentStatus, IndustryAgent
from models.base import Base, UTCDateTime, utcnow
from models.campaigns import Campaign, CampaignProspect, CampaignStatus, ProspectStatus
from models.clay import ClayCampaignConfig, ClayPushResult, ClayWebhookSecret, PushStatus, WebhookReceipt
from models.jobs import Job, JobItem, JobItemStatus, JobStatus
from models.llm import BatchStatus, LlmBatch, LlmBatchResult, LlmUsage
from models.messages import Message
from models.prospects import Analysis, Prospect
from models.tracking import (
    CampaignStat,
    CampaignStatHourly,
    CampaignStatVersion,
    EventId,
    TrackedLink,
    TrackingEvent,
    TrackingFirstTouch,
)
from models.workspaces import ApiKey, IdempotencyKey, Workspace

__all__ = [
    "AgentStatus",
    "Analysis",
    "ApiKey",
    "Base",
    "BatchStatus",
    "Campaign",
    "CampaignProspect",
    "CampaignStat",
    "CampaignStatHourly",
    "CampaignStatVersion",
    "CampaignStatus",
    "ClayCampaignConfig",
    "ClayPushResult",
    "ClayWebhookSecret",
    "EventId",
    "IdempotencyKey",
    "IndustryAgent",
    "Job",
    "JobItem",
    "JobItemStatus",
    "JobStatus",
    "LlmBatch",
    "LlmBatchResult",
    "LlmUsage",
    "Message",
    "Prospect",
    "ProspectStatus",
    "PushStatus",
    "TrackedLink",
    "TrackingEvent",
    "TrackingFirstTouch",
    "UTCDateTime",
    "WebhookReceipt",
    "Workspace",
    "utcnow",
]
