"""`TrackerDep`: the process's pixel/click hit recorder as a typed route dependency (here, not in
core/deps, because core never names a feature's class)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from core.deps import app_part
from tracking.hits import HitRecorder

TrackerDep = Annotated[HitRecorder, Depends(app_part("tracker"))]  # started and stopped by api_server's lifespan
