"""`api_server:app` unchanged, plus one log line per database error naming the driver's message.

The service answers a database error with a 503 and logs only its class (`db.unavailable`,
`error=OperationalError`), so "database is locked" never appears in its output. The scenarios serve
this module instead (`uvicorn reliability.traced_app:app`) so that the log says which error it was:
the response is still the service's own handler's.
"""

from __future__ import annotations

from typing import Any

import structlog
from sqlalchemy.exc import DBAPIError

from api_server import app

log = structlog.get_logger()
_service_handler = app.exception_handlers[DBAPIError]


async def _logged(request: Any, exc: Exception) -> Any:
    orig = getattr(exc, "orig", None) or exc
    log.error(
        "reliability.db_error",
        error=type(orig).__name__,
        message=str(orig)[:300],
        method=request.method,
        path=request.url.path,
    )
    return await _service_handler(request, exc)


app.exception_handlers[DBAPIError] = _logged
