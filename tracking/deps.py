"""`TrackerDep`: the process's pixel/click hit recorder, by type (core/deps cannot name a feature's class)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from tracking.hits import HitRecorder


async def get_tracker(request: Request) -> HitRecorder:
    return request.app.state.tracker  # started and stopped by api_server's lifespan


TrackerDep = Annotated[HitRecorder, Depends(get_tracker)]
