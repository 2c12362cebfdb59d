"""Request and response models of the campaigns API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, computed_field, model_validator

from copywriter.models import Sender
from models import CampaignStatus
from prospect_intelligence import REPLACE_HELP, AnalysisRead
from schemas import Approach, Hook, Input, Output, TierThresholds

# The names of `models.CampaignStatus` as the API accepts them: a Literal, so the OpenAPI schema and a
# bad value's 422 (`literal_error`) stay as they were; a test checks that the two lists agree.
CampaignStatusName = Literal["draft", "active", "paused", "completed", "archived"]
# Which status may follow which. Archived is final; completed can only be archived.
TRANSITIONS: dict[str, frozenset[CampaignStatus]] = {
    CampaignStatus.DRAFT: frozenset({CampaignStatus.ACTIVE, CampaignStatus.ARCHIVED}),
    CampaignStatus.ACTIVE: frozenset({CampaignStatus.PAUSED, CampaignStatus.COMPLETED, CampaignStatus.ARCHIVED}),
    CampaignStatus.PAUSED: frozenset({CampaignStatus.ACTIVE, CampaignStatus.COMPLETED, CampaignStatus.ARCHIVED}),
    CampaignStatus.COMPLETED: frozenset({CampaignStatus.ARCHIVED}),
    CampaignStatus.ARCHIVED: frozenset(),
}


class CampaignThresholds(Input):
    """Minimum score per tier for this campaign (overrides the agent's); below tier3 is tier 4."""

    tier1: int = Field(ge=1, le=100)
    tier2: int = Field(ge=1, le=100)
    tier3: int = Field(ge=1, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> CampaignThresholds:
        if not self.tier1 > self.tier2 > self.tier3:
            raise ValueError("tier thresholds must decrease: tier1 > tier2 > tier3")
        return self

    def as_profile(self) -> TierThresholds:
        return TierThresholds(tier1=self.tier1, tier2=self.tier2, tier3=self.tier3)


class SequenceSettings(Input):
    """How the campaign's sequences are written and signed (read by content generation)."""

    sender: Sender | None = None
    steps: Annotated[int, Field(ge=1, le=7)] | None = None
    subject_variants: Annotated[int, Field(ge=1, le=5)] | None = None
    tone: Annotated[str, Field(max_length=200)] | None = None


_EXAMPLE: dict[str, Any] = {
    "name": "Q1 casino reactivation",
    "industry": "casino",
    "description": "Regional casino resorts opening new hotel towers",
    "tier_thresholds": {"tier1": 85, "tier2": 65, "tier3": 45},
    "sequence_settings": {
        "steps": 4,
        "subject_variants": 2,
        "sender": {
            "name": "Sam Lee",
            "title": "Partner",
            "company": "Tune Outbound",
            "offer": "player reactivation campaigns",
            "calendar_link": "https://cal.example.com/sam",
        },
    },
}


class CampaignCreate(Input):
    """A new campaign for one industry; it starts as a draft."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    industry: Annotated[str, Field(min_length=2, max_length=100)]
    description: Annotated[str, Field(max_length=5000)] | None = None
    tier_thresholds: CampaignThresholds | None = None
    sequence_settings: SequenceSettings | None = None

    model_config = {"json_schema_extra": {"examples": [_EXAMPLE]}}


class CampaignUpdate(Input):
    """Change a campaign: its status (draft → active ⇄ paused → completed → archived) or its settings.

    New tier thresholds re-tier the campaign's prospects from their stored scores.
    """

    name: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    description: Annotated[str, Field(max_length=5000)] | None = None
    status: CampaignStatusName | None = None
    tier_thresholds: CampaignThresholds | None = None
    sequence_settings: SequenceSettings | None = None

    model_config = {"json_schema_extra": {"examples": [{"status": "active"}]}}


class CampaignRead(Output):
    id: uuid.UUID = Field(
        description="The same as campaign_id; kept for existing clients.", json_schema_extra={"deprecated": True}
    )
    name: str
    industry: str
    description: str | None
    status: str
    tier_thresholds: dict[str, Any] | None
    sequence_settings: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime

    @computed_field  # type: ignore[prop-decorator]
    @property
    def campaign_id(self) -> uuid.UUID:
        """The campaign's id, under the name every other answer uses for it."""
        return self.id


class TierCount(Output):
    tier: int | None
    prospects: int
    by_status: dict[str, int]


class CampaignStats(Output):
    prospects: int
    by_tier: list[TierCount]
    by_status: dict[str, int]


class CampaignDetail(CampaignRead):
    stats: CampaignStats


class ProspectsAdd(Input):
    """Prospects to analyse and add to the campaign. Items are validated one by one."""

    prospects: Annotated[list[dict[str, Any]], Field(min_length=1)]
    replace: bool = Field(False, description=REPLACE_HELP)

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "prospects": [
                        {
                            "email": "dana.reyes@silverpeakcasino.com",
                            "first_name": "Dana",
                            "last_name": "Reyes",
                            "title": "VP of Marketing",
                            "company": "Silver Peak Casino Resort",
                            "employees": 2000,
                            "signals": ["Opening a 400-room hotel tower in Q2 2027"],
                        }
                    ]
                }
            ]
        }
    }


class AddItemRead(Output):
    index: int
    status: Literal["added", "updated", "error"]
    prospect_id: uuid.UUID | None = None
    tier: int | None = None
    score: int | None = None
    analysis: AnalysisRead | None = None
    errors: list[dict[str, Any]] | None = None


class AddRead(Output):
    campaign_id: uuid.UUID
    total: int
    added: int
    updated: int
    failed: int
    items: list[AddItemRead]


class RowError(Output):
    row: int = Field(description="Row number as a spreadsheet shows it (the header is row 1)")
    email: str | None = None
    errors: list[dict[str, Any]]


class RowChange(Output):
    row: int = Field(description="Row number as a spreadsheet shows it (the header is row 1)")
    email: str
    changed_fields: list[str] = Field(description="Stored fields this row changed for a prospect already known")
    kept_fields: list[str] = Field(description="Stored fields the row did not have, kept as they were")


class ImportRead(Output):
    campaign_id: uuid.UUID
    mode: Literal["partial", "all_or_nothing"]
    rows: int
    imported: int
    added: int
    updated: int
    failed: int
    skipped_blank: int
    columns: dict[str, str] = Field(description="CSV header → prospect field")
    ignored_columns: list[str]
    by_tier: dict[str, int]
    errors: list[RowError]
    changes: list[RowChange] = Field([], description="For each row of a prospect already known: what it changed")


class AnalysisSummary(Output):
    analysis_id: uuid.UUID
    engine: str
    persona: str | None
    pain_points: list[str]
    hooks: list[Hook]
    approach: Approach | None
    data_gaps: list[str]


class StepSummary(Output):
    step: int
    message_id: uuid.UUID
    subject: str | None
    variant: str | None
    day_offset: int


class ContentSummary(Output):
    messages: int
    channels: dict[str, int]
    email_steps: list[StepSummary]


class TierProspectRead(Output):
    prospect_id: uuid.UUID
    email: str
    first_name: str | None = None
    last_name: str | None = None
    title: str | None = None
    company: str | None = None
    tier: int | None
    score: int | None
    status: str
    added_at: datetime
    analysis: AnalysisSummary | None
    content: ContentSummary
