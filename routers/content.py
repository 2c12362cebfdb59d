"""Outreach content: sequences, LinkedIn messages, video scripts."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/content", tags=["content"])
