"""Clay: table setup and outbound push, inbound webhook."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/clay", tags=["clay"])
