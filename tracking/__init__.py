"""Email tracking: signed tokens, the open pixel and click redirect, events from sending tools, the
machine filter, and the rollups the analytics reports read.

    tokens    HMAC-signed pixel/click tokens; links found in a message; tracked HTML and text
    machine   the machine filter (Apple MPP, security scanners, too soon, click bursts)
    ingest    the write path: store, label, count unique prospects, update rollups
    hits      pixel/click hits with group commit (HitRecorder)
    service   message links, hits, event ingestion and listing
    deps      `TrackerDep`: the process's HitRecorder as a typed route dependency
    router    /api/tracking routes, the pixel (/t/o) and the click redirect (/t/c)
    lane      the pixel and the click redirect as one pure-ASGI layer (perf; the router's routes stay)

May import: `core`, `models`, `schemas`, `settings`, `database_async`, `perf`. Nothing of another feature.
"""

from tracking.hits import Hit, HitRecorder, HitResult, write_hits
from tracking.ingest import COHORTS, EVENT_TYPES, METRICS, Draft, record
from tracking.schemas import EventIn, EventRead, EventsIngest, IngestRead, MessageLinksRead
from tracking.service import (
    click_hit,
    ingest_events,
    list_events,
    message_links,
    open_hit,
    render_message,
    sync_links,
)
from tracking.tokens import pixel_url, sign, verify

__all__ = [
    "COHORTS",
    "EVENT_TYPES",
    "METRICS",
    "Draft",
    "EventIn",
    "EventRead",
    "EventsIngest",
    "Hit",
    "HitRecorder",
    "HitResult",
    "IngestRead",
    "MessageLinksRead",
    "click_hit",
    "ingest_events",
    "list_events",
    "message_links",
    "open_hit",
    "pixel_url",
    "record",
    "render_message",
    "sign",
    "sync_links",
    "verify",
    "write_hits",
]
