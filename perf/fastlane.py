"""The fast lane: the hottest GET routes run their own dependencies and endpoint directly.

A FastAPI request walks the router (an average GET tried ~18 route patterns), builds a dependency
solution through the generic solver, enters two exit stacks and passes through every middleware
layer, whatever the route. For the few routes in `HOT_PATHS` that work is done once, at the first
request: each route's dependency tree is compiled into a plan (which callables to await, in FastAPI's
order, with which arguments). At request time the plan runs the SAME dependencies and endpoint
(`require_key(...)`: authentication, rate limit, scope; `get_session`: commit before the response;
`limit_tracking_by_ip`; ...) and serialises through FastAPI's own `serialize_response`, so the answer
is byte for byte the one FastAPI gives. Errors go to the app's own exception handlers (problem+json).

A request takes the lane only when nothing else could apply to it: GET, a path of the expected
shape without escapes and an empty query string (the input guard has nothing to check), no `Origin`
header (CORS has nothing to add), path parameters that validate (otherwise FastAPI answers its 422),
and no dependency overrides (tests). Everything else goes down the ordinary stack. The lane sits
inside `RequestContextMiddleware`, so request ids, rate-limit headers, metrics and the access log are
the same for both. `FAST_LANE=false` turns it off.
"""

from __future__ import annotations

import collections
import contextlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import structlog
from fastapi.routing import APIRoute, serialize_response
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

log = structlog.get_logger()

# Path templates served by the lane (each a GET route of the app).
HOT_PATHS = ("/api/industries", "/api/campaigns/{campaign_id}", "/t/o/{token}.gif", "/t/c/{token}")
SERVED: collections.Counter[str] = collections.Counter()  # requests the lane answered, by path template


class NotEligible(Exception):
    """A route whose dependencies the lane cannot run the way FastAPI would."""


@dataclass
class _Dep:
    """One dependency call: its own dependencies first, then the call with their values."""

    call: Callable[..., Any]
    name: str | None
    request_param: str | None
    subs: list[_Dep]
    generator: bool  # an async generator with scope="function" (a session): entered on the exit stack
    cache_key: Any


@dataclass
class _Plan:
    route: APIRoute
    deps: list[_Dep]
    request_param: str | None
    path_fields: list[Any]
    status_code: int
    default_response: bool
    serialize: dict[str, Any] = field(default_factory=dict)


def _compile_dep(dependant: Any) -> _Dep:
    if (
        dependant.query_params
        or dependant.header_params
        or dependant.cookie_params
        or dependant.body_params
        or dependant.path_params
        or dependant.websocket_param_name
        or (dependant.request_param_name and dependant.http_connection_param_name)
        or dependant.response_param_name
        or dependant.background_tasks_param_name
        or dependant.security_scopes_param_name
        or dependant.own_oauth_scopes
    ):
        raise NotEligible(f"dependency {dependant.call!r} takes parameters the lane does not provide")
    call = dependant.call
    target = call if inspect.isfunction(call) or inspect.ismethod(call) else getattr(call, "__call__", None)  # noqa: B004
    generator = inspect.isasyncgenfunction(target)
    if generator and dependant.scope != "function":
        raise NotEligible(f"generator dependency {call!r} without scope='function'")
    if not generator and not inspect.iscoroutinefunction(target):
        raise NotEligible(f"dependency {call!r} is not a coroutine function")
    subs = [_compile_dep(d) for d in dependant.dependencies]
    factory = contextlib.asynccontextmanager(call) if generator else call
    request_param = dependant.request_param_name or dependant.http_connection_param_name  # both get the request
    return _Dep(
        factory,
        dependant.name,
        request_param,
        subs,
        generator,
        (call, dependant.scope) if dependant.use_cache else None,
    )


def compile_route(route: APIRoute) -> _Plan:
    """The plan for a GET route, or NotEligible."""
    d = route.dependant
    if (
        d.query_params
        or d.header_params
        or d.cookie_params
        or d.body_params
        or d.websocket_param_name
        or d.http_connection_param_name
        or d.response_param_name
        or d.background_tasks_param_name
        or d.security_scopes_param_name
        or route.body_field is not None
    ):
        raise NotEligible(f"{route.path} takes parameters the lane does not provide")
    if not inspect.iscoroutinefunction(route.endpoint) or inspect.isasyncgenfunction(route.endpoint):
        raise NotEligible(f"{route.path}: endpoint is not a coroutine function")
    from fastapi.datastructures import DefaultPlaceholder

    default_response = isinstance(route.response_class, DefaultPlaceholder)
    plan = _Plan(
        route=route,
        deps=[_compile_dep(sub) for sub in d.dependencies],
        request_param=d.request_param_name,
        path_fields=list(d.path_params),
        status_code=route.status_code or 200,
        default_response=default_response,
    )
    plan.serialize = {
        "include": route.response_model_include,
        "exclude": route.response_model_exclude,
        "by_alias": route.response_model_by_alias,
        "exclude_unset": route.response_model_exclude_unset,
        "exclude_defaults": route.response_model_exclude_defaults,
        "exclude_none": route.response_model_exclude_none,
    }
    return plan


class FastLane:
    """Pure ASGI middleware: serves `HOT_PATHS` through compiled plans, everything else passes on."""

    def __init__(self, app: ASGIApp, enabled: bool = True, paths: tuple[str, ...] = HOT_PATHS) -> None:
        self.app = app
        self.enabled = enabled
        self.paths = paths
        self._static: dict[str, _Plan] | None = None  # built at the first request (routes are final then)
        self._patterns: list[tuple[Any, _Plan]] = []

    def _build(self, application: Any) -> None:
        static: dict[str, _Plan] = {}
        for route in application.router.routes:
            if (
                not isinstance(route, APIRoute)
                or route.path not in self.paths
                or "GET" not in (route.methods or ())
            ):
                continue
            try:
                plan = compile_route(route)
            except NotEligible as exc:
                log.warning("fastlane.route_skipped", path=route.path, reason=str(exc))
                continue
            if route.param_convertors:
                self._patterns.append((route.path_regex, plan))
            else:
                static[route.path] = plan
        self._static = static

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.enabled or scope["type"] != "http" or scope["method"] != "GET" or scope.get("query_string"):
            await self.app(scope, receive, send)
            return
        application = scope["app"]
        if self._static is None:
            self._build(application)
        path = scope["path"]
        plan = self._static.get(path) if self._static else None
        params: dict[str, str] = {}
        if plan is None:
            for regex, candidate in self._patterns:
                match = regex.match(path)
                if match is not None:
                    plan, params = candidate, match.groupdict()
                    break
        if plan is None or b"%" in scope.get("raw_path", b"%") or application.dependency_overrides:
            await self.app(scope, receive, send)
            return
        for name, _ in scope["headers"]:
            if name == b"origin":  # CORS headers are CORSMiddleware's
                await self.app(scope, receive, send)
                return
        values: dict[str, Any] = {}
        for f in plan.path_fields:
            value, errors = f.validate(params.get(f.alias), {}, loc=("path", f.alias))
            if errors:  # FastAPI's 422, with its wording
                await self.app(scope, receive, send)
                return
            values[f.name] = value
        scope["route"] = plan.route
        scope["endpoint"] = plan.route.endpoint
        scope["path_params"] = params
        request = Request(scope, receive)
        SERVED[plan.route.path] += 1
        try:
            response = await self._run(plan, request, values)
        except Exception as exc:
            handler = _handler_for(application, exc)
            if handler is None:
                raise  # ServerErrorMiddleware's 500, as for any route
            response = handler(request, exc)
            if inspect.isawaitable(response):
                response = await response
        vary = response.headers.get("vary")  # what CORSMiddleware adds to a request without Origin
        response.headers["Vary"] = f"{vary}, Origin" if vary else "Origin"
        await response(scope, receive, send)

    async def _run(self, plan: _Plan, request: Request, values: dict[str, Any]) -> Response:
        cache: dict[Any, Any] = {}
        async with contextlib.AsyncExitStack() as stack:
            for dep in plan.deps:
                value = await _solve(dep, request, stack, cache)
                if dep.name:
                    values[dep.name] = value
            if plan.request_param:
                values[plan.request_param] = request
            raw = await plan.route.endpoint(**values)
            if isinstance(raw, Response):
                return raw  # leaving the block commits the session before the response goes out
            content = await serialize_response(
                field=plan.route.response_field,
                response_content=raw,
                is_coroutine=True,
                dump_json=plan.default_response and plan.route.response_field is not None,
                **plan.serialize,
            )
        if plan.default_response and plan.route.response_field is not None:
            return Response(content=content, media_type="application/json", status_code=plan.status_code)
        response_class = plan.route.response_class
        cls = response_class.value if hasattr(response_class, "value") else response_class
        return cls(content, status_code=plan.status_code)


async def _solve(dep: _Dep, request: Request, stack: contextlib.AsyncExitStack, cache: dict[Any, Any]) -> Any:
    if dep.cache_key is not None and dep.cache_key in cache:
        return cache[dep.cache_key]
    kwargs: dict[str, Any] = {}
    for sub in dep.subs:
        value = await _solve(sub, request, stack, cache)
        if sub.name:
            kwargs[sub.name] = value
    if dep.request_param:
        kwargs[dep.request_param] = request
    if dep.generator:
        value = await stack.enter_async_context(dep.call(**kwargs))
    else:
        value = await dep.call(**kwargs)
    if dep.cache_key is not None:
        cache[dep.cache_key] = value
    return value


def _handler_for(application: Any, exc: Exception) -> Callable[..., Any] | None:
    """The app's handler for `exc`, looked up as Starlette's ExceptionMiddleware does (a handler for
    `Exception` itself is ServerErrorMiddleware's: the caller re-raises when there is none)."""
    from starlette.exceptions import HTTPException

    handlers = application.exception_handlers
    if isinstance(exc, HTTPException) and exc.status_code in handlers:
        return handlers[exc.status_code]
    for cls in type(exc).__mro__:
        if cls in handlers and cls is not Exception:
            return handlers[cls]
    return None
