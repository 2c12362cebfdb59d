"""Error tracking with Sentry, loaded only when `SENTRY_DSN` is set.

Events carry the request id (to find the matching log lines) and never a secret or a body: API
keys, authorization and cookie headers are scrubbed, request bodies and local variables dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import structlog

from settings import VERSION, Settings

if TYPE_CHECKING:
    from sentry_sdk.types import Event, Hint

SECRET_HEADERS = {"x-api-key", "authorization", "cookie", "x-clay-secret", "x-clay-webhook-auth", "x-signature"}


def scrub(event: Event, _hint: Hint) -> Event | None:
    """Sentry `before_send`: tag the request id; remove secrets, bodies and locals."""
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    request = event.get("request") or {}
    request.pop("data", None)
    request.pop("cookies", None)
    headers = request.get("headers")
    if isinstance(headers, dict):
        request["headers"] = {k: ("[Filtered]" if k.lower() in SECRET_HEADERS else v) for k, v in headers.items()}
    request["query_string"] = ""  # may carry tokens
    for exc in (event.get("exception") or {}).get("values", []):
        for frame in (exc.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    return event


def init_sentry(settings: Settings) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.fastapi import FastApiIntegration
    from sentry_sdk.integrations.starlette import StarletteIntegration

    sentry_sdk.init(
        dsn=settings.SENTRY_DSN,
        environment=settings.ENV,
        release=f"tune-agent-builder@{VERSION}",
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=settings.SENTRY_TRACES_SAMPLE_RATE,
        before_send=scrub,
        integrations=[StarletteIntegration(), FastApiIntegration()],
    )
