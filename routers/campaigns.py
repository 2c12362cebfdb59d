"""Campaigns: create, list, read, update; add and import prospects; export for sending tools."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/campaigns", tags=["campaigns"])
