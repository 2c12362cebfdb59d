"""Output models of the content engines (and the sender input they sign with).

Both engines return these shapes, so the API, the database and the quality checker never need to
know which engine wrote a message.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from schemas import Hook, Input

Channel = Literal["email", "linkedin_connection", "linkedin_follow_up", "inmail", "video"]
Severity = Literal["hard", "soft"]
Purpose = Literal["opener", "value", "proof", "bump", "insight", "objection", "breakup"]
LinkedInKind = Literal["connection", "follow_up", "inmail"]


class Sender(Input):
    """Who signs the outreach and what they offer."""

    name: Annotated[str, Field(min_length=1, max_length=100)]
    title: Annotated[str, Field(max_length=100)] | None = None
    company: Annotated[str, Field(min_length=1, max_length=200)]
    offer: Annotated[str, Field(min_length=1, max_length=300)]
    calendar_link: Annotated[str, Field(max_length=500)] | None = None


class QualityIssue(BaseModel):
    code: str  # spam_words, too_long, too_short, placeholder, no_cta, ungrounded_claim, splice, ...
    severity: Severity
    detail: str
    span: str | None = None  # the text the check found, for the copy checks of copywriter.lint


class QualityReport(BaseModel):
    """A score out of 100, the issues behind it, and the measurements it was computed from."""

    score: int = Field(ge=0, le=100)
    issues: list[QualityIssue] = []
    passed: bool  # no hard issues
    metrics: dict[str, int | float | list[str]] = {}


class SequenceStep(BaseModel):
    step: int = Field(ge=1, le=7)
    day_offset: int = Field(ge=0)
    purpose: Purpose
    subject_variants: list[str]
    body: str
    cta: str
    personalisation: list[Hook]
    quality: QualityReport


class Sequence(BaseModel):
    steps: list[SequenceStep]
    quality: QualityReport  # score = weakest step; metrics carry min and mean; issues prefixed by step


class LinkedInMessage(BaseModel):
    kind: LinkedInKind
    subject: str | None = None  # InMail only
    body: str
    char_count: int
    personalisation: list[Hook]
    quality: QualityReport


class VideoScene(BaseModel):
    start_s: float = Field(ge=0)
    end_s: float = Field(gt=0)
    visual: str  # what is on screen
    narration: str


class VideoScript(BaseModel):
    duration_seconds: int  # the target
    scenes: list[VideoScene]
    word_count: int
    estimated_seconds: float  # word_count at 150 words per minute
    personalisation: list[Hook] = []
    quality: QualityReport
