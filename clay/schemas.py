"""Request and response models of the Clay endpoints."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from pydantic import Field

from schemas import Input, Output


class ClaySetupRequest(Input):
    """Which campaign to set Clay up for; optionally where its Clay table's webhook source is."""

    campaign_id: uuid.UUID
    table_webhook_url: Annotated[str, Field(min_length=8, max_length=2000)] | None = Field(
        None,
        description="The Clay table's webhook source URL; stored for the campaign. "
        "Without it, the campaign's stored URL or CLAY_TABLE_WEBHOOK_URL is used.",
    )
    webhook_auth_token: Annotated[str, Field(min_length=1, max_length=500)] | None = Field(
        None, description="The Clay webhook's auth token, sent as x-clay-webhook-auth (never returned)."
    )
    push: bool = Field(True, description="Push the campaign's prospects when a table webhook is configured.")
    force: bool = Field(False, description="Push again rows already pushed to this table.")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "campaign_id": "0b7d4a0e-4a57-4c3c-9d1e-6a1f0f3f2b11",
                    "table_webhook_url": "https://api.clay.com/v3/sources/webhook/pull-in-data-from-a-webhook-…",
                    "webhook_auth_token": "clay-token-…",
                }
            ]
        }
    }


class ColumnRead(Output):
    name: str
    type: str
    description: str
    maps_to: str | None = None  # our field (prospect columns) or response key (output columns)


class EnrichmentColumnRead(Output):
    name: str
    kind: str
    fills: list[str]
    why: str


class HeaderRead(Output):
    name: str
    value: str
    note: str | None = None


class ResponseMappingRead(Output):
    key: str  # in our JSON answer
    column: str  # the Clay column to map it to


class HttpApiColumnRead(Output):
    """How to configure Clay's HTTP API enrichment column to call us back."""

    column_name: str
    method: Literal["POST"]
    url: str
    headers: list[HeaderRead]
    body: dict[str, Any]  # the JSON body template; {{Column}} are Clay column references
    response_mapping: list[ResponseMappingRead]
    alternative_auth: str
    notes: list[str]


class TableRead(Output):
    name: str
    prospect_columns: list[ColumnRead]
    enrichment_columns: list[EnrichmentColumnRead]
    output_columns: list[ColumnRead]


class PushRead(Output):
    """What happened to the push: `not_configured`, `nothing_to_push` (all done), `skipped`, `queued`."""

    status: Literal["not_configured", "nothing_to_push", "skipped", "queued"]
    target: str | None = None  # the table webhook URL's host, never the whole URL or token
    source: Literal["request", "campaign", "settings"] | None = None
    total: int = 0  # rows queued
    already_pushed: int = 0  # rows skipped because they were pushed to this table before
    job_id: uuid.UUID | None = None
    job: dict[str, Any] | None = None  # jobs.job_read(job), when queued


class ClaySetupRead(Output):
    campaign_id: uuid.UUID
    campaign_name: str
    industry: str
    table: TableRead
    http_api_column: HttpApiColumnRead
    webhook_source: dict[str, Any]  # how to create the table's webhook source for our pushes
    push: PushRead
