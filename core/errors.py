"""Domain exceptions and their RFC 9457 problem+json rendering.

    TuneError (status 500)            base: every error the service raises on purpose
    ├── BadRequest (400)
    ├── Unauthorized (401)            missing, unknown or revoked API key; bad webhook signature
    ├── Forbidden (403)               the key lacks the scope
    ├── NotFound (404)                missing, or owned by another workspace (never told apart)
    ├── Conflict (409)                a concurrent duplicate, a state that forbids the change
    ├── PayloadTooLarge (413)
    ├── Unprocessable (422)           valid JSON that breaks a rule (a batch over its cap…)
    ├── RateLimited (429)             carries Retry-After
    └── ServiceUnavailable (503)      a dependency cannot answer
        └── DatabaseUnavailable       the database: always with Retry-After (the one owner of that answer)

Framework errors (routing 404/405, validation 422, a JSON body sent as another type: 415) and
database outages are rendered the same way by the handlers registered in `install_handlers`. No
stack trace ever leaves the process.
"""

from __future__ import annotations

import difflib
import sys
import typing
from http import HTTPStatus
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from database_async import UNAVAILABLE_ERRORS, classify_error

log = structlog.get_logger()

PROBLEM_BASE = "https://tune-agent-builder.dev/problems/"
PROBLEM_JSON = "application/problem+json"


class TuneError(Exception):
    status = 500
    slug = "internal-error"
    title: str | None = None

    def __init__(self, detail: str | None = None, *, headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(detail or self.default_title())
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra

    @classmethod
    def default_title(cls) -> str:
        return cls.title or HTTPStatus(cls.status).phrase


class BadRequest(TuneError):
    status, slug = 400, "bad-request"


class Unauthorized(TuneError):
    status, slug = 401, "unauthorized"


class Forbidden(TuneError):
    status, slug = 403, "forbidden"


class NotFound(TuneError):
    status, slug = 404, "not-found"


class Conflict(TuneError):
    status, slug = 409, "conflict"


class PayloadTooLarge(TuneError):
    status, slug = 413, "payload-too-large"


class UnsupportedMediaType(TuneError):
    status, slug = 415, "unsupported-media-type"


class Unprocessable(TuneError):
    status, slug = 422, "unprocessable"


class RateLimited(TuneError):
    status, slug = 429, "rate-limited"


class ServiceUnavailable(TuneError):
    status, slug = 503, "service-unavailable"


class DatabaseUnavailable(ServiceUnavailable):
    """The database cannot answer now; the client retries after `Retry-After` seconds."""

    RETRY_AFTER_S = 5

    def __init__(self, detail: str = "The database is unavailable; retry shortly.") -> None:
        super().__init__(detail, headers={"Retry-After": str(self.RETRY_AFTER_S)})


_SLUGS = {cls.status: cls.slug for cls in TuneError.__subclasses__()}


def request_id_of(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


def problem(
    status: int,
    detail: str | None = None,
    *,
    request_id: str | None = None,
    slug: str | None = None,
    title: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """Render one problem+json response."""
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + (slug or _SLUGS.get(status, "error")),
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or HTTPStatus(status).description,
        "request_id": request_id,
        **extra,
    }
    headers = dict(headers or {})
    if request_id:  # also on responses rendered outside the request-id middleware (500s)
        headers["X-Request-ID"] = request_id
    return JSONResponse(jsonable_encoder(body), status_code=status, headers=headers, media_type=PROBLEM_JSON)


def flat_errors(exc: ValidationError | RequestValidationError) -> list[dict[str, Any]]:
    """Pydantic errors as {loc, msg, type}: the echoed input ("input"/"ctx") is dropped, as it may be
    large or hold a secret. Every 422 item list in the service is built here."""
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]


M = typing.TypeVar("M", bound=BaseModel)


def validate_each(model: type[M], raws: typing.Iterable[Any]) -> list[M | list[dict[str, Any]]]:
    """Each raw item validated on its own (a batch's items fail alone): the model, or its flat errors."""
    parsed: list[M | list[dict[str, Any]]] = []
    for raw in raws:
        try:
            parsed.append(model.model_validate(raw))
        except ValidationError as exc:
            parsed.append(flat_errors(exc))
    return parsed


def _validation_errors(exc: RequestValidationError, request: Request | None = None) -> list[dict[str, Any]]:
    errors = flat_errors(exc)
    model = _body_model(request) if request is not None else None
    for error in errors:
        if error["type"] == "extra_forbidden" and model is not None and error["loc"][:1] == ["body"]:
            unknown = str(error["loc"][-1])
            if guess := _did_you_mean(unknown, _names_at(model, error["loc"][1:-1])):
                error["msg"] = f"Unknown field '{unknown}'; did you mean '{guess}'?"
                error["suggestion"] = guess
            else:
                error["msg"] = f"Unknown field '{unknown}'."
    return errors


def _body_model(request: Request) -> type[BaseModel] | None:
    """The pydantic model of the matched route's body, if it has one."""
    field = getattr(request.scope.get("route"), "body_field", None)
    annotation = getattr(getattr(field, "field_info", None), "annotation", None)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _names_at(model: type[BaseModel], path: list[Any]) -> set[str]:
    """The field names (and aliases) accepted at `path` inside `model` (list indexes skipped)."""
    models = [model]
    for part in path:
        if isinstance(part, int):
            continue
        models = [
            m
            for parent in models
            if (f := parent.model_fields.get(str(part))) is not None
            for m in _models_in(f.annotation)
        ]
    names: set[str] = set()
    for m in models:
        for name, field in m.model_fields.items():
            names.add(name)
            alias = field.validation_alias
            names.update(c for c in getattr(alias, "choices", [alias]) if isinstance(c, str))
    return names


def _did_you_mean(unknown: str, names: set[str]) -> str | None:
    folded = {n.lower().replace("-", "_").replace(" ", "_"): n for n in names}
    key = unknown.lower().replace("-", "_").replace(" ", "_")
    if key in folded:
        return folded[key]
    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route answers at this path (Starlette's Allow names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.routes:
        match, _ = route.matches(request.scope)
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    methods.discard("HEAD")
    return sorted(methods)


def _is_json(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return kind == "application/json" or kind.endswith("+json")


def _sqlstate_of(exc: Exception) -> str | None:
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None)


def install_handlers(app: FastAPI) -> None:
    """Register the problem+json handlers for domain, framework and database errors."""

    @app.exception_handler(TuneError)
    async def _tune(request: Request, exc: TuneError) -> JSONResponse:
        return problem(
            exc.status,
            exc.detail,
            request_id=request_id_of(request),
            slug=exc.slug,
            title=exc.default_title(),
            headers=exc.headers,
            **exc.extra,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else None
        if exc.status_code in (404, 405) and request.scope.get("route") is None:
            # An unmatched route has no limit of its own: count it against the caller's IP (finding 14).
            from core.ratelimit import client_ip

            state = await request.app.state.limiter.hit(f"edge:{client_ip(request)}")
            request.state.rate_limit = state
            if state is not None and not state.allowed:
                return problem(
                    429, "Rate limit exceeded.", request_id=request_id_of(request), headers=state.headers()
                )
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"No route {request.method} {request.url.path}"
        if exc.status_code == 405:
            allowed = _allowed_methods(request)
            detail = f"{request.method} is not allowed on {request.url.path}; allowed: {', '.join(allowed)}."
            exc.headers = {**(getattr(exc, "headers", None) or {}), "Allow": ", ".join(allowed)}
        return problem(
            exc.status_code, detail, request_id=request_id_of(request), headers=getattr(exc, "headers", None)
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc, request)
        content_type = request.headers.get("content-type", "")
        if (
            _body_model(request) is not None
            and not _is_json(content_type)
            and any(e["loc"] == ["body"] for e in errors)
        ):
            sent = content_type.split(";")[0].strip() or "no Content-Type"
            return problem(
                415,
                f"Send the body as JSON with Content-Type: application/json (got {sent}).",
                request_id=request_id_of(request),
                slug="unsupported-media-type",
            )
        # A misspelt field also makes its real name "missing": lead with the suggestion.
        first = next((e for e in errors if "suggestion" in e), errors[0] if errors else {})
        where = ".".join(str(p) for p in first.get("loc", []))
        detail = f"{where}: {first.get('msg')}" if first else "Invalid request"
        return problem(422, detail, request_id=request_id_of(request), slug="validation-error", errors=errors)

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        log.warning("db.integrity_error", error=type(exc.orig).__name__)
        return problem(409, "The request conflicts with data already stored.", request_id=request_id_of(request))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("request.unhandled_error")
        if "sentry_sdk" in sys.modules:  # loaded only when SENTRY_DSN is set
            sys.modules["sentry_sdk"].capture_exception(exc)
        return problem(500, "An unexpected error occurred; it has been logged.", request_id=request_id_of(request))

    async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
        # Only a lost connection recycles the pool; a bad value is the request's fault (422) and
        # must not cost other tenants their connections (issue 13, finding 1).
        kind = classify_error(exc)
        if kind == "data":
            log.warning("db.data_error", error=type(exc).__name__, sqlstate=_sqlstate_of(exc))
            return problem(
                422,
                "A value in the request cannot be stored or compared (out of range or not allowed).",
                request_id=request_id_of(request),
            )
        if kind == "conflict":
            return await _integrity(request, exc)  # type: ignore[arg-type]
        if kind == "bug":
            return await _unexpected(request, exc)
        log.error("db.unavailable", error=type(exc).__name__, kind=kind)
        if kind == "lost":
            await request.app.state.db.forget_connections()
        return await _tune(request, DatabaseUnavailable())

    for exc_type in (DBAPIError, PoolTimeoutError, *UNAVAILABLE_ERRORS):
        app.add_exception_handler(exc_type, _unavailable)
