"""The tracking lane: the open pixel and the click redirect answered in one pure-ASGI layer.

Every e-mail open fetches `/t/o/{token}.gif`, so the pixel is the busiest route by far. Through the
ordinary stack it walked seven middleware layers (each wrapping `send`), the router and FastAPI's
dependency solver before its handler ran; the bare work is a token check, a rate-limit count and a
committed write. This layer sits outermost among the app's middleware (inside Starlette's
ServerErrorMiddleware, so an unexpected error is still the app's problem+json 500) and does, in
order, what the stack did for these two routes:

- the request id (`X-Request-ID` accepted when well formed, else a new one), bound to every log line;
- `TRACKING_RATE_LIMIT` counted per client IP through the same limiter (`RateLimiter.enforce`): over
  it, the same 429 problem+json with `Retry-After`; the `X-RateLimit-*` headers on every answer;
- `open_hit` / `click_hit` (tracking/service.py): the token verified in memory (HMAC), the hit handed
  to the group commit, and the GIF or the 302 sent only once that hit is committed (a bad token
  records nothing; an unknown or forged click token is a 404 problem+json);
- `Vary: Origin` as CORS adds it, the request counted in the Prometheus metrics by route template,
  one access-log line.

A request takes the lane only when nothing else could apply to it (as in perf/fastlane.py): GET, the
exact path shape without escapes, no query string, no `Origin` (CORS), no request body headers (the
body-size cap), no dependency overrides (tests). Anything else goes down the ordinary stack, which
still serves both routes. `FAST_LANE=false` turns this lane off with the fast lane.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import structlog
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from core import metrics
from core.errors import TuneError, problem
from core.middleware import REQUEST_ID_RE, access_log
from perf import fastlane
from tracking.router import GIF, NO_STORE
from tracking.service import click_hit, open_hit

log = structlog.get_logger()

OPEN_ROUTE = "/t/o/{token}.gif"
CLICK_ROUTE = "/t/c/{token}"
# Headers a request must not carry for the lane: CORS (origin) and the body-size cap's.
_NOT_FOR_LANE = frozenset({b"origin", b"content-length", b"transfer-encoding"})
_GIF_HEADERS = [
    *((k.lower().encode(), v.encode()) for k, v in NO_STORE.items()),
    (b"content-length", str(len(GIF)).encode()),
    (b"content-type", b"image/gif"),
    (b"vary", b"Origin"),
]
_CLICK_HEADERS = {**NO_STORE, "Referrer-Policy": "no-referrer"}


class TrackingLane:
    """Pure ASGI middleware: `/t/o/{token}.gif` and `/t/c/{token}` without the stack; the rest passes on."""

    def __init__(self, app: ASGIApp, enabled: bool = True) -> None:
        self.app = app
        self.enabled = enabled
        self._observed: dict[tuple[str, int], Any] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.enabled or scope["type"] != "http" or scope["method"] != "GET" or scope.get("query_string"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith("/t/o/") and path.endswith(".gif"):
            route, token = OPEN_ROUTE, path[5:-4]
        elif path.startswith("/t/c/"):
            route, token = CLICK_ROUTE, path[5:]
        else:
            await self.app(scope, receive, send)
            return
        application = scope["app"]
        if not token or "/" in token or b"%" in scope.get("raw_path", b"%") or application.dependency_overrides:
            await self.app(scope, receive, send)
            return
        incoming = user_agent = None
        for name, value in scope["headers"]:
            if name in _NOT_FOR_LANE:
                await self.app(scope, receive, send)
                return
            if name == b"user-agent":
                user_agent = value.decode("latin-1")
            elif name == b"x-request-id":
                incoming = value.decode("latin-1")
        await self._serve(scope, receive, send, application, route, token, incoming, user_agent)

    async def _serve(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        application: Any,
        route: str,
        token: str,
        incoming: str | None,
        user_agent: str | None,
    ) -> None:
        started = time.perf_counter()
        request_id = incoming if incoming and REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        scope["path_params"] = {"token": token}
        fastlane.SERVED[route] += 1
        client = scope.get("client")
        ip = client[0] if client else "unknown"
        app_state = application.state
        status = 500
        try:
            try:
                await app_state.tracking_limiter.enforce(Request(scope, receive), f"ip:{ip}")
                if route is OPEN_ROUTE:
                    await open_hit(
                        app_state.tracker, token=token, user_agent=user_agent, ip=ip, settings=app_state.settings
                    )
                    status = 200
                    await self._send_gif(send, request_id, state.get("rate_limit"))
                    return
                url = await click_hit(
                    app_state.tracker, token=token, user_agent=user_agent, ip=ip, settings=app_state.settings
                )
                response: Response = RedirectResponse(url, status_code=302, headers=_CLICK_HEADERS)
            except TuneError as exc:  # what the app's TuneError handler renders
                response = problem(
                    exc.status,
                    exc.detail,
                    request_id=request_id,
                    slug=exc.slug,
                    title=exc.default_title(),
                    headers=exc.headers,
                    **exc.extra,
                )
            status = response.status_code
            headers = response.headers
            headers["Vary"] = "Origin"
            headers["X-Request-ID"] = request_id
            limit = state.get("rate_limit")
            if limit is not None:
                for name, value in limit.headers().items():
                    headers[name] = value
            await response(scope, receive, send)
        finally:
            seconds = time.perf_counter() - started
            self._observe(route, status, seconds)
            access_log.info(
                "request", method="GET", route=route, status=status, ms=round(seconds * 1000, 2), key_id=None
            )

    @staticmethod
    async def _send_gif(send: Send, request_id: str, limit: Any) -> None:
        headers = [*_GIF_HEADERS, (b"x-request-id", request_id.encode())]
        if limit is not None:
            headers += [(k.lower().encode(), v.encode()) for k, v in limit.headers().items()]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": GIF})

    def _observe(self, route: str, status: int, seconds: float) -> None:
        """`metrics.observe_request`, with the two label children looked up once per route and status."""
        children = self._observed.get((route, status))
        if children is None:
            children = self._observed[(route, status)] = (
                metrics.HTTP_REQUESTS.labels("GET", route, str(status)),
                metrics.HTTP_LATENCY.labels("GET", route),
            )
        children[0].inc()
        children[1].observe(seconds)
