"""Statuses are `StrEnum`s in models; their stored strings and the API's accepted names must not drift."""

from __future__ import annotations

from enum import StrEnum
from typing import get_args

import pytest

import models
from campaigns.schemas import TRANSITIONS, CampaignStatusName
from jobs.router import StatusFilter

# The strings already stored in databases: an enum's value changing would need a data migration.
STORED = {
    models.AgentStatus: ["building", "ready", "failed"],
    models.CampaignStatus: ["draft", "active", "paused", "completed", "archived"],
    models.ProspectStatus: [
        "new",
        "analyzed",
        "content_ready",
        "in_sequence",
        "replied",
        "bounced",
        "unsubscribed",
        "completed",
    ],
    models.JobStatus: ["queued", "running", "succeeded", "failed", "cancelled"],
    models.JobItemStatus: ["pending", "done", "failed"],
    models.PushStatus: ["pushed", "failed"],
    models.BatchStatus: ["submitting", "submitted", "collected", "abandoned"],
}


@pytest.mark.parametrize("enum", list(STORED), ids=lambda e: e.__name__)
def test_stored_values_unchanged_and_fit_their_column(enum: type[StrEnum]) -> None:
    assert [s.value for s in enum] == STORED[enum]
    assert all(len(s) <= 16 for s in enum)  # every status column is String(16)
    assert all(s == s.value and str(s) == s.value for s in enum)  # compares and formats as the plain string


def test_api_names_agree_with_the_enums() -> None:
    assert list(get_args(CampaignStatusName)) == [s.value for s in models.CampaignStatus]
    assert list(get_args(StatusFilter)) == ["active", *(s.value for s in models.JobStatus)]
    assert set(TRANSITIONS) == set(models.CampaignStatus)
