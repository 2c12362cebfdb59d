"""The OpenAPI document, corrected to say what the server does.

FastAPI's generated document declares one error per operation, a 422 `HTTPValidationError` in
`application/json`, while the server answers every error as RFC 9457 `application/problem+json`
(core/errors.py) and can also answer 401, 403, 404, 409, 413, 415, 429 and 503. `install_openapi`
rewrites the document once, on first request:

* every operation declares each error it can answer (`expected_errors`, derived from the route:
  its key dependency, rate limit, path parameters, body, method), all with the shared `Problem`
  schema (`ValidationProblem` for 422) and an example;
* operation ids are readable (`analyzeProspect`, `listCampaigns`), from the route's function name;
* schema names carry no module prefix (`analytics__StepRead` → `AnalyticsStepRead`,
  `Page_CampaignRead_` → `CampaignReadPage`);
* input aliases (`employees` for `employee_count`) are declared as properties of their schema.

tests/test_openapi.py fails when an operation lacks one of its errors.
"""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from core.errors import PROBLEM_BASE, PROBLEM_JSON

# --- operation ids --------------------------------------------------------------------------

# Route functions whose names alone would be ambiguous in a client library.
OPERATION_IDS = {
    "analyze": "analyzeProspect",
    "analyze_batch": "analyzeProspectBatch",
    "overview": "analyticsOverview",
    "tiers": "analyticsTiers",
    "steps": "analyticsSteps",
    "timeline": "analyticsTimeline",
    "webhook": "clayWebhook",
    "setup_tables": "claySetupTables",
    "usage": "getUsage",
    "health": "getHealth",
    "metrics": "getMetrics",
    "list_tier": "listCampaignTier",
    "generate_batch": "generateContentBatch",
    "message_links": "getMessageLinks",
    "agent_status": "getAgentStatus",
    "create_campaign_alias": "createCampaignAtCreate",
}


def operation_id(route: APIRoute) -> str:
    """`analyzeProspect`, `listCampaigns`: camelCase of the route function's name (or a clearer one)."""
    if route.name in OPERATION_IDS:
        return OPERATION_IDS[route.name]
    first, *rest = route.name.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


# --- errors ---------------------------------------------------------------------------------

ERROR_STATUSES = (400, 401, 403, 404, 409, 413, 415, 422, 429, 503)

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "description": "An RFC 9457 problem detail; every error the service answers has this shape.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri", "description": "Identifies the kind of problem."},
        "title": {"type": "string", "description": "The HTTP status phrase."},
        "status": {"type": "integer", "description": "The HTTP status code."},
        "detail": {"type": "string", "description": "What went wrong and, where possible, how to fix it."},
        "request_id": {"type": ["string", "null"], "description": "Also in the X-Request-ID header; quote it."},
    },
    "additionalProperties": True,
}

VALIDATION_PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "ValidationProblem",
    "description": "A 422 problem: the request was understood but breaks a rule. `errors` lists every "
    "invalid field (its location, message and type) when the body or a parameter failed "
    "validation.",
    "allOf": [
        {"$ref": "#/components/schemas/Problem"},
        {
            "type": "object",
            "properties": {
                "errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["loc", "msg", "type"],
                        "properties": {
                            "loc": {"type": "array", "items": {"type": ["string", "integer"]}},
                            "msg": {"type": "string"},
                            "type": {"type": "string"},
                        },
                    },
                }
            },
        },
    ],
}

# What each error means for any operation that can answer it, and an example body.
ERRORS: dict[int, tuple[str, str, str]] = {
    400: ("bad-request", "The request is malformed.", "The request could not be read."),
    401: (
        "unauthorized",
        "No API key, or an unknown or revoked one (the Clay webhook: no valid secret).",
        "Missing or malformed X-API-Key header.",
    ),
    403: (
        "forbidden",
        "The API key lacks the scope this operation needs.",
        "This API key lacks the 'write' scope.",
    ),
    404: (
        "not-found",
        "A resource named in the path or body does not exist in your workspace.",
        "No campaign 0b7d4a0e-4a57-4c3c-9d1e-6a1f0f3f2b11",
    ),
    409: (
        "conflict",
        "The state forbids the change, or a request with the same Idempotency-Key is in flight.",
        "A completed campaign cannot become active; allowed: archived.",
    ),
    413: ("payload-too-large", "The body is over MAX_BODY_BYTES.", "Request body over 1048576 bytes."),
    415: (
        "unsupported-media-type",
        "The body's Content-Type is not one this operation reads.",
        "Send the body as JSON with Content-Type: application/json, not application/x-www-form-urlencoded.",
    ),
    422: (
        "validation-error",
        "The body or a parameter is invalid; `errors` says which field and why.",
        "body.email: value is not a valid email address",
    ),
    429: (
        "rate-limited",
        "Over the rate limit (per key, or per client IP on public routes); see Retry-After.",
        "Rate limit of 100/minute exceeded; retry after 12 s.",
    ),
    503: (
        "service-unavailable",
        "The database cannot be reached; retry after Retry-After seconds.",
        "The database is unavailable; retry shortly.",
    ),
}
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}}

# Operations whose body names nothing to look up (so no 404 from it).
NO_LOOKUP_IN_BODY = {"createKey", "buildAgent", "ingestEvents"}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Reads its raw body whatever the Content-Type (relays in front of Clay do not always set it).
READS_ANY_MEDIA_TYPE = {"clayWebhook"}


def _dependency_names(route: APIRoute) -> set[str]:
    names: set[str] = set()
    stack = list(route.dependant.dependencies)
    while stack:
        dep = stack.pop()
        if dep.call is not None:
            names.add(getattr(dep.call, "__name__", ""))
        stack.extend(dep.dependencies)
    return names


def _has_body(route: APIRoute) -> bool:
    return bool(route.body_field) or "requestBody" in (route.openapi_extra or {})


def _path_params(route: APIRoute) -> set[str]:
    return set(re.findall(r"{([^}:]+)", route.path))


def expected_errors(route: APIRoute) -> set[int]:
    """The error statuses this route can answer, read from what it depends on and takes."""
    op, deps = operation_id(route), _dependency_names(route)
    keyed = any(name.startswith("require_") and name.endswith(("_key", "_access")) for name in deps)
    statuses: set[int] = set()
    if keyed:
        statuses |= {401, 403, 429, 503}  # the key is looked up (and counted) before anything else
    if deps & {"limit_by_ip", "limit_tracking_by_ip"}:
        statuses.add(429)
    if op == "clayWebhook":  # public, but authenticated by a shared secret or an HMAC signature
        statuses |= {401}
    if op == "openPixel":  # always the GIF, whatever the token: only the rate limit can refuse it
        return statuses
    body, params = _has_body(route), _path_params(route)
    dependant = route.dependant
    if body or dependant.query_params or any(p.name in params for p in dependant.path_params):
        statuses.add(422)
    if body:
        statuses |= {413, 422}
        if op not in READS_ANY_MEDIA_TYPE:
            statuses.add(415)
    if params or (body and op not in NO_LOOKUP_IN_BODY):
        statuses.add(404)
    if (route.methods or set()) & WRITE_METHODS:
        statuses.add(409)  # a state that forbids the change, or an Idempotency-Key still in flight
    if route.path.startswith(("/api/", "/t/", "/metrics")):  # every one of them reads the database
        statuses.add(503)
    return statuses & set(ERROR_STATUSES)


def _problem_response(status: int, description: str | None) -> dict[str, Any]:
    slug, meaning, detail = ERRORS[status]
    example: dict[str, Any] = {
        "type": PROBLEM_BASE + slug,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "request_id": "5f0c3a1e9b7d4c2a8e6f1b3d5a7c9e0f",
    }
    if status == 422:
        example["errors"] = [
            {"loc": ["body", "email"], "msg": "value is not a valid email address", "type": "value_error"}
        ]
    schema = "ValidationProblem" if status == 422 else "Problem"
    response: dict[str, Any] = {
        "description": description or meaning,
        "content": {PROBLEM_JSON: {"schema": {"$ref": f"#/components/schemas/{schema}"}, "example": example}},
    }
    if status in (429, 503):
        response["headers"] = RETRY_AFTER
    return response


# --- schema names and aliases -----------------------------------------------------------------


def _readable(name: str) -> str:
    if "__" in name:  # FastAPI's module prefix for two models of the same name
        module, _, cls = name.rpartition("__")
        module = module.rsplit("__", 1)[-1]
        return "".join(part.capitalize() for part in module.split("_")) + cls
    if match := re.fullmatch(r"Page_(\w+)_", name):
        return match.group(1) + "Page"
    return name


def _rename_refs(node: Any, renames: dict[str, str]) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/schemas/"):
                name = value.rsplit("/", 1)[1]
                value = "#/components/schemas/" + renames.get(name, name)
            out[key] = _rename_refs(value, renames)
        return out
    if isinstance(node, list):
        return [_rename_refs(item, renames) for item in node]
    return node


# --- the rewrite ------------------------------------------------------------------------------


def rewrite(app: FastAPI, document: dict[str, Any]) -> dict[str, Any]:
    """Apply the corrections listed in the module docstring to a generated document."""
    schemas: dict[str, Any] = document.setdefault("components", {}).setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    renames = {name: _readable(name) for name in schemas if _readable(name) != name}
    document = _rename_refs(document, renames)
    schemas = document["components"]["schemas"]
    for old, new in renames.items():
        schemas[new] = schemas.pop(old)
        schemas[new]["title"] = new
    schemas["Problem"] = PROBLEM_SCHEMA
    schemas["ValidationProblem"] = VALIDATION_PROBLEM_SCHEMA

    routes = {
        (method.lower(), route.path_format): route
        for route in app.routes
        if isinstance(route, APIRoute)
        for method in route.methods or ()
    }
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            route = routes.get((method, path))
            if route is None:
                continue
            responses = operation.setdefault("responses", {})
            for status in sorted(expected_errors(route)):
                declared = responses.get(str(status), {})
                responses[str(status)] = _problem_response(status, declared.get("description"))
            if "422" in responses and 422 not in expected_errors(route):
                del responses["422"]  # FastAPI's default, on an operation that cannot answer it
    return document


def install_openapi(app: FastAPI) -> None:
    """Serve the rewritten document at /openapi.json (built once, on first request)."""
    generate = app.openapi
    for route in app.routes:  # routers were built apart from the app: name their operations here
        if isinstance(route, APIRoute) and not route.operation_id:
            route.operation_id = operation_id(route)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = rewrite(app, generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
