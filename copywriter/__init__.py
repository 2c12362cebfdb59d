"""Outreach content: email sequences, LinkedIn messages, video scripts, and the quality checker.

The rules engine here is offline and deterministic: templates filled from the prospect's own fields
and the agent profile, several phrasings per slot chosen by a stable hash of the prospect's email.
`check_quality` is shared by both engines: Claude's output passes through the same gate.
"""

from __future__ import annotations

from copywriter.linkedin import (
    CONNECTION_MAX,
    FOLLOW_UP_MAX,
    INMAIL_BODY_MAX,
    INMAIL_SUBJECT_MAX,
    generate_linkedin_rules,
)
from copywriter.models import (
    Channel,
    LinkedInKind,
    LinkedInMessage,
    Purpose,
    QualityIssue,
    QualityReport,
    Sender,
    Sequence,
    SequenceStep,
    VideoScene,
    VideoScript,
)
from copywriter.quality import SPAM_PHRASES, check_quality
from copywriter.sequence import DAY_OFFSETS, generate_sequence_rules
from copywriter.video import WORDS_PER_MINUTE, generate_video_script_rules

__all__ = [
    "CONNECTION_MAX",
    "DAY_OFFSETS",
    "FOLLOW_UP_MAX",
    "INMAIL_BODY_MAX",
    "INMAIL_SUBJECT_MAX",
    "SPAM_PHRASES",
    "WORDS_PER_MINUTE",
    "Channel",
    "LinkedInKind",
    "LinkedInMessage",
    "Purpose",
    "QualityIssue",
    "QualityReport",
    "Sender",
    "Sequence",
    "SequenceStep",
    "VideoScene",
    "VideoScript",
    "check_quality",
    "generate_linkedin_rules",
    "generate_sequence_rules",
    "generate_video_script_rules",
]
