"""Request and response models of the tracking API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import EmailStr, Field, IPvAnyAddress, computed_field, field_validator, model_validator

from schemas import Input, Output, aware_utc

EventType = Literal["sent", "delivered", "opened", "clicked", "replied", "bounced", "unsubscribed"]
MAX_EVENTS = 1000


class EventIn(Input):
    """One event from a sending tool. Name the message by `message_id` (from our export), or by
    `campaign_id` + `email` (+ `step`; without it, the last step sent to that prospect)."""

    id: Annotated[str, Field(min_length=1, max_length=200, description="The tool's event id (idempotency key)")]
    type: EventType
    occurred_at: datetime
    message_id: uuid.UUID | None = None
    campaign_id: uuid.UUID | None = None
    email: EmailStr | None = None
    step: Annotated[int, Field(ge=1, le=50)] | None = None
    url: Annotated[str, Field(max_length=2000)] | None = Field(None, description="The clicked link")
    user_agent: Annotated[str, Field(max_length=1000)] | None = None
    ip: IPvAnyAddress | None = None

    @field_validator("occurred_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        if value.tzinfo is None:  # guessing UTC would misplace a local time by hours, silently
            raise ValueError("occurred_at needs a timezone, e.g. 2026-11-30T14:02:11Z or +01:00")
        return aware_utc(value)  # out of range once in UTC: a 422, not a 500 (issue 13, finding 8)

    @model_validator(mode="after")
    def _addressed(self) -> EventIn:
        if self.message_id is None and (self.campaign_id is None or self.email is None):
            raise ValueError("give message_id, or campaign_id and email")
        return self


class EventsIngest(Input):
    """Up to 1,000 events; each is validated, deduplicated and answered on its own."""

    events: Annotated[list[dict[str, Any]], Field(min_length=1, max_length=MAX_EVENTS)]

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "events": [
                        {
                            "id": "inst_evt_81723",
                            "type": "delivered",
                            "occurred_at": "2026-11-30T14:02:11Z",
                            "message_id": "7a1c0c55-6d0b-4a8e-9a56-2f5b1f8c3e10",
                        },
                        {
                            "id": "inst_evt_81790",
                            "type": "replied",
                            "occurred_at": "2026-11-30T16:40:00Z",
                            "campaign_id": "3f1d2c4b-8a9e-4f1a-b2c3-d4e5f6a7b8c9",
                            "email": "dana.reyes@silverpeakcasino.com",
                            "step": 1,
                        },
                    ]
                }
            ]
        }
    }


class EventResult(Output):
    index: int
    id: str | None = None
    status: Literal["created", "duplicate", "error"]
    event_id: int | None = None
    is_machine: bool | None = None
    machine_reason: str | None = None
    errors: list[dict[str, Any]] | None = None


class IngestRead(Output):
    total: int
    created: int
    duplicates: int
    errors: int
    items: list[EventResult]


class EventRead(Output):
    id: int = Field(
        description="The same as event_id; kept for existing clients.", json_schema_extra={"deprecated": True}
    )
    external_id: str = Field(description="The sending tool's event id (`id` when it was ingested).")
    type: str
    source: str
    occurred_at: datetime
    received_at: datetime
    campaign_id: uuid.UUID | None
    prospect_id: uuid.UUID | None
    message_id: uuid.UUID | None
    link_id: uuid.UUID | None
    tier: int
    step: int
    variant: str
    is_machine: bool
    machine_reason: str | None
    url: str | None
    user_agent: str | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def event_id(self) -> int:
        """Our id of the event, as the ingest answer names it."""
        return self.id


class TrackedLinkRead(Output):
    link_id: uuid.UUID
    position: int
    url: str
    tracked_url: str


class MessageLinksRead(Output):
    message_id: uuid.UUID
    pixel_url: str
    pixel_html: str
    links: list[TrackedLinkRead]
    body_html: str = Field(description="The body as HTML with tracked links and the pixel, ready to send")
    body_text: str = Field(description="The plain-text body with tracked links")
