"""Pure ASGI middleware: request context and access log, body size cap, idempotency keys.

Pure ASGI rather than `BaseHTTPMiddleware`, so context variables (the request id bound into every
log line) flow through, and responses are not copied through an extra task.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import uuid
from datetime import timedelta
from typing import Any

import structlog
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from auth import authenticate, hash_key
from core import metrics
from core.errors import (
    Conflict,
    DatabaseUnavailable,
    PayloadTooLarge,
    RateLimited,
    TuneError,
    Unauthorized,
    Unprocessable,
    problem,
)
from database_async import UNAVAILABLE_ERRORS, classify_error
from models import IdempotencyKey, utcnow

log = structlog.get_logger()
# Errors that mean "the database cannot answer" (or "cannot store this value": classify_error tells which).
_DATABASE_ERRORS: tuple[type[BaseException], ...] = (DBAPIError, *UNAVAILABLE_ERRORS)
access_log = structlog.get_logger("access")

REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class RequestContextMiddleware:
    """Assign/accept `X-Request-ID`, bind it to logs, add rate-limit headers, log one access line
    and count the request in the Prometheus metrics."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = Headers(scope=scope).get("x-request-id", "")
        request_id = incoming if REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers["X-Request-ID"] = request_id
                limit = state.get("rate_limit")
                if limit is not None:
                    for name, value in limit.headers().items():
                        headers[name] = value
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"  # the template: bounded labels
            seconds = time.perf_counter() - started
            metrics.observe_request(scope["method"], route, status, seconds)
            access_log.info(
                "request",
                method=scope["method"],
                route=route,
                status=status,
                ms=round(seconds * 1000, 2),
                key_id=state.get("key_id"),
            )


class BodySizeLimitMiddleware:
    """Refuse bodies over `max_bytes` with 413, by Content-Length up front or by counting chunks."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit():
            if int(declared) > self.max_bytes:
                await _render(PayloadTooLarge(self._detail()), scope, receive, send)
                return
            await self.app(scope, receive, send)  # the server enforces the declared length
            return
        # No declared length (chunked upload): read it here, up to the cap, then hand it on.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await _render(PayloadTooLarge(self._detail()), scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        await self.app(scope, replaying(b"".join(chunks), receive), send)

    def _detail(self) -> str:
        return f"Request body exceeds the {self.max_bytes}-byte limit."


def replaying(body: bytes, receive: Receive) -> Receive:
    """A `receive` that hands the app a body already read, then defers to the real one."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _render(exc: TuneError, scope: Scope, receive: Receive, send: Send) -> None:
    response = problem(
        exc.status,
        exc.detail,
        request_id=scope.get("state", {}).get("request_id"),
        slug=exc.slug,
        title=exc.default_title(),
        headers=exc.headers,
        **exc.extra,
    )
    await response(scope, receive, send)


# Responses that say nothing final about the request are not stored: the client may retry them.
_NOT_STORED = {401, 403, 409, 429}
_NOT_REPLAYED_HEADERS = {"x-request-id", "content-length", "retry-after"}
# A response marked `Cache-Control: no-store` holds a secret shown once (a new API key, a webhook
# secret): it is stored with these top-level fields set to null, never with the secret itself.
SECRET_FIELDS = ("key", "secret")
PURGE_EVERY_S = 60.0


def redact(body: bytes) -> bytes:
    """The JSON body with its secret fields nulled (and a note saying so)."""
    try:
        data = json.loads(body)
    except ValueError:
        return b""
    if isinstance(data, dict):
        for name in SECRET_FIELDS:
            if name in data:
                data[name] = None
        data["redacted"] = "replayed without the secret, shown only in the first response"
    return json.dumps(data, separators=(",", ":")).encode()


def routed(app: Any, scope: Scope) -> bool:
    """True when an API route (method and path) handles this request."""
    from fastapi.routing import APIRoute
    from starlette.routing import Match

    return any(isinstance(r, APIRoute) and r.matches(scope)[0] == Match.FULL for r in app.router.routes)


class IdempotencyMiddleware:
    """`Idempotency-Key` on POST: replay the stored response; 422 on a different body; 409 while
    the first request with that key is still running. Keys are scoped per API key, kept `ttl`.

    Only for a routed request with a valid, unrevoked key (checked before a row is written or a
    response replayed): anything else goes straight to the app, which answers 401/404 as usual, and
    a revoked key never gets a stored response back. Rows older than `ttl` are purged (at most once
    a minute per process). Issue 13, findings 4 and 6.
    """

    def __init__(self, app: ASGIApp, ttl: timedelta) -> None:
        self.app = app
        self.ttl = ttl
        self._purged_at = -PURGE_EVERY_S

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope) if scope["type"] == "http" else Headers()
        idem_key = headers.get("idempotency-key")
        api_key = headers.get("x-api-key")
        if scope["type"] != "http" or scope["method"] != "POST" or not idem_key or not api_key:
            await self.app(scope, receive, send)
            return
        try:
            if not routed(scope["app"], scope) or not await self._valid(scope, api_key):
                await self.app(scope, receive, send)  # the app gives its own 404/401; nothing is stored
                return
            await self._handle(scope, receive, send, idem_key, api_key)
        except TuneError as exc:
            await _render(exc, scope, receive, send)
        except _DATABASE_ERRORS as exc:
            if classify_error(exc) == "data":
                await _render(Unprocessable("A value in the request cannot be stored."), scope, receive, send)
                return
            log.error("idempotency.db_unavailable", error=type(exc).__name__)
            await _render(DatabaseUnavailable(), scope, receive, send)

    async def _valid(self, scope: Scope, api_key: str) -> bool:
        state = scope["app"].state
        try:
            await authenticate(state.db, api_key, state.key_cache)
        except Unauthorized:
            return False
        return True

    async def _purge(self, db: Any) -> None:
        now = time.monotonic()
        if now - self._purged_at < PURGE_EVERY_S:
            return
        self._purged_at = now
        async with db.session() as session:
            result = await session.execute(
                delete(IdempotencyKey).where(IdempotencyKey.created_at < utcnow() - self.ttl)
            )
        if result.rowcount:
            log.info("idempotency.purged", rows=result.rowcount)

    async def _handle(self, scope: Scope, receive: Receive, send: Send, idem_key: str, api_key: str) -> None:
        if len(idem_key) > 255:
            raise Unprocessable("Idempotency-Key must be at most 255 characters.")
        body = await _read_body(receive)
        fingerprint = hashlib.sha256(
            b"\n".join([scope["path"].encode(), scope.get("query_string", b""), body])
        ).hexdigest()
        scope_hash = hash_key(api_key)
        db = scope["app"].state.db
        await self._purge(db)

        stored = await self._claim(db, scope_hash, idem_key, fingerprint)
        if stored is not None:
            if stored.request_hash != fingerprint:
                raise Unprocessable("This Idempotency-Key was used with a different request body.")
            if stored.status_code is None:
                raise Conflict("A request with this Idempotency-Key is still being processed.")
            await _replay(stored, send)
            return

        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        try:
            await self.app(scope, replaying(body, receive), capture)
        except BaseException:
            await self._release(db, scope_hash, idem_key)
            raise
        assert start is not None
        status = start["status"]
        response_body = b"".join(chunks)
        no_store = "no-store" in Headers(raw=start["headers"]).get("cache-control", "")
        async with db.session() as session:
            if status >= 500 or status in _NOT_STORED:
                await session.execute(
                    delete(IdempotencyKey).where(
                        IdempotencyKey.api_key_hash == scope_hash, IdempotencyKey.key == idem_key
                    )
                )
            else:
                kept = [
                    [k.decode("latin-1"), v.decode("latin-1")]
                    for k, v in start["headers"]
                    if k.decode("latin-1").lower() not in _NOT_REPLAYED_HEADERS
                ]
                await session.execute(
                    update(IdempotencyKey)
                    .where(IdempotencyKey.api_key_hash == scope_hash, IdempotencyKey.key == idem_key)
                    .values(
                        status_code=status,
                        response_headers=kept,
                        response_body=redact(response_body) if no_store else response_body,
                    )
                )
        await send(start)
        await send({"type": "http.response.body", "body": response_body})

    async def _claim(self, db: Any, scope_hash: str, idem_key: str, fingerprint: str) -> IdempotencyKey | None:
        """Insert the key as in-progress; return the existing row when someone already has it."""
        for _ in range(3):
            try:
                async with db.session() as session:
                    session.add(IdempotencyKey(api_key_hash=scope_hash, key=idem_key, request_hash=fingerprint))
                return None
            except IntegrityError:
                pass
            async with db.session() as session:
                existing = await session.scalar(
                    select(IdempotencyKey).where(
                        IdempotencyKey.api_key_hash == scope_hash, IdempotencyKey.key == idem_key
                    )
                )
                if existing is None:
                    continue  # released in between: try the insert again
                if existing.created_at >= utcnow() - self.ttl:
                    return existing
                await session.delete(existing)  # expired: start afresh
        raise Conflict("A request with this Idempotency-Key is still being processed.")

    async def _release(self, db: Any, scope_hash: str, idem_key: str) -> None:
        async with db.session() as session:
            await session.execute(
                delete(IdempotencyKey).where(
                    IdempotencyKey.api_key_hash == scope_hash, IdempotencyKey.key == idem_key
                )
            )


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _replay(stored: IdempotencyKey, send: Send) -> None:
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in stored.response_headers or []]
    headers.append((b"idempotent-replayed", b"true"))
    body = stored.response_body or b""
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": stored.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# --- input guard ------------------------------------------------------------------------------

MAX_JSON_DEPTH = 64
_GUARDED_TYPES = ("application/json", "text/csv", "text/plain", "application/csv", "multipart/form-data")
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS = bytes(range(256)).translate(None, b"[]{}")  # every byte except the brackets, for deletion


def json_too_deep(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when the JSON nests arrays/objects deeper than `limit` (strings are ignored)."""
    brackets = _JSON_STRING.sub(b"", body).translate(None, _BRACKETS)
    depth = 0
    for byte in brackets:
        depth += 1 if byte in (91, 123) else -1  # '[' '{' open, ']' '}' close
        if depth > limit:
            return True
    return False


def nul_in(body: bytes, content_type: str) -> bool:
    """A NUL character in a body: raw (never in UTF-8 text) or, in JSON, the `\\u0000` escape."""
    if b"\x00" in body:
        return True
    # The escape's plain bytes first (a memchr-speed scan): the pattern only runs when they are there.
    return content_type == "application/json" and b"\\u0000" in body and _JSON_NUL.search(body) is not None


class InputGuardMiddleware:
    """Refuse what no handler should see, before routing and auth, with a 422: a NUL character in the
    path, query or a text/JSON body (PostgreSQL cannot store it; finding 1 of issue 13), and JSON
    nested deeper than `MAX_JSON_DEPTH` (the parser would recurse until it fails; finding 8).
    Bodies of the guarded types are read here (BodySizeLimitMiddleware, outside, caps them)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
        query = scope.get("query_string", b"")
        if b"\x00" in raw_path or b"%00" in raw_path.lower() or b"\x00" in query or b"%00" in query.lower():
            await _render(
                Unprocessable("The URL holds a NUL character, which no field accepts."), scope, receive, send
            )
            return
        content_type = Headers(scope=scope).get("content-type", "").split(";")[0].strip().lower()
        if scope["method"] not in ("POST", "PUT", "PATCH") or content_type not in _GUARDED_TYPES:
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        if nul_in(body, content_type):
            await _render(
                Unprocessable("The body holds a NUL character, which no field accepts."), scope, receive, send
            )
            return
        if content_type == "application/json" and json_too_deep(body):
            await _render(
                Unprocessable(f"The JSON nests deeper than {MAX_JSON_DEPTH} levels."), scope, receive, send
            )
            return
        await self.app(scope, replaying(body, receive), send)


# --- the edges: docs and static files ---------------------------------------------------------

EDGE_PREFIXES = ("/static/", "/docs", "/redoc", "/openapi.json")


class EdgeLimitMiddleware:
    """The routes FastAPI and Starlette add themselves (`/docs`, `/redoc`, `/openapi.json`, static
    files, the documentation's assets) have no dependency to count them: count them here, per client IP
    (a bucket of their own, shared with unmatched routes, so a page and its assets do not eat the API
    budget), with the API limit (issue 13, finding 14). The documentation pages set their own strict
    Content-Security-Policy (apidocs/pages.py)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(EDGE_PREFIXES):
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        state = await scope["app"].state.limiter.hit(f"edge:{client[0] if client else 'unknown'}")
        scope.setdefault("state", {})["rate_limit"] = state
        if state is not None and not state.allowed:
            await _render(RateLimited("Rate limit exceeded.", headers=state.headers()), scope, receive, send)
            return
        await self.app(scope, receive, send)
