"""Tracking: open pixel and click redirect (public), event ingestion, events, message links."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="", tags=["tracking"])
