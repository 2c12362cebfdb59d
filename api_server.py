"""The FastAPI application: `create_app()` wires lifespan, middleware, error handlers and routers.

Run it with `make run` (or `uvicorn api_server:app`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import structlog
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

import dashboard
import metrics
from apidocs import install_openapi, install_pages, operation_id
from auth import KeyCache
from database_async import TuneDatabase
from errors import install_handlers
from jobs import WorkerPool
from llm import LLMClient
from logs import configure_logging
from middleware import BodySizeLimitMiddleware, IdempotencyMiddleware, RequestContextMiddleware
from ratelimit import RateLimiter
from routers import agents, analytics, campaigns, clay, content, health, jobs, keys, prospects, tracking, usage
from settings import VERSION, Settings, get_settings

log = structlog.get_logger()

DESCRIPTION = """
Builds an **agent** per industry, scores and tiers prospects with an explainable breakdown,
writes outreach, groups prospects into campaigns, and tracks and reports results.

Every route except `/api/health` needs an `X-API-Key` header. Errors are RFC 9457
`application/problem+json`. POST routes accept an `Idempotency-Key` header.
"""


def create_app(settings: Settings | None = None, *, db: TuneDatabase | None = None) -> FastAPI:
    """Build the application. Tests pass their own settings (and database)."""
    settings = settings or get_settings()
    configure_logging(settings.LOG_LEVEL, settings.LOG_FORMAT)
    if settings.SENTRY_DSN:
        from observability import init_sentry  # sentry-sdk is only loaded when configured

        init_sentry(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        database = db or TuneDatabase(settings=settings)
        app.state.db = database
        app.state.llm = LLMClient(settings, database)
        if settings.DB_AUTO_MIGRATE:
            try:
                await database.migrate()
            except Exception as exc:  # keep serving: health says 503 until the database is back
                log.error("database.unavailable_at_start", error=type(exc).__name__)
        app.state.workers = workers = WorkerPool(database, app.state.llm, settings)
        workers.start()
        from tracking import HitRecorder  # pixel/click hits share transactions (group commit)

        app.state.tracker = HitRecorder(database, settings)
        await app.state.tracker.start()
        log.info("service.started", version=VERSION, env=settings.ENV, job_workers=settings.JOB_WORKERS,
                 engine=app.state.llm.state().get("engine"), database=database.backend,
                 rate_limit=settings.RATE_LIMIT)
        base = settings.PUBLIC_BASE_URL
        log.info("service.ready", dashboard=f"{base}/dashboard", docs=f"{base}/docs", redoc=f"{base}/redoc")
        yield
        await app.state.tracker.stop()  # commits the hits still waiting
        await workers.stop()
        await app.state.llm.close()
        await database.dispose()

    app = FastAPI(title="Tune Agent Builder", version=VERSION, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, generate_unique_id_function=operation_id)
    app.state.settings = settings
    app.state.limiter = RateLimiter(settings.RATE_LIMIT, settings.RATE_LIMIT_STORAGE_URI)
    app.state.tracking_limiter = RateLimiter(settings.TRACKING_RATE_LIMIT, settings.RATE_LIMIT_STORAGE_URI)
    app.state.key_cache = KeyCache(settings.API_KEY_CACHE_TTL_S)
    app.state.engine_state = lambda: app.state.llm.state()

    install_handlers(app)
    # Added inside-out: the last one added is the outermost.
    app.add_middleware(IdempotencyMiddleware, ttl=timedelta(hours=settings.IDEMPOTENCY_TTL_HOURS))
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.MAX_BODY_BYTES)
    app.add_middleware(CORSMiddleware, allow_origins=settings.ALLOWED_ORIGINS, allow_credentials=False,
                       allow_methods=["GET", "POST", "PATCH", "DELETE"],
                       allow_headers=["X-API-Key", "Content-Type", "Idempotency-Key", "X-Request-ID"],
                       expose_headers=["X-Request-ID", "Retry-After", "X-RateLimit-Limit",
                                       "X-RateLimit-Remaining", "X-RateLimit-Reset"])
    app.add_middleware(RequestContextMiddleware)
    metrics.install(app)  # outermost: times everything, including rejected requests

    # Routers carry their full prefix and their routes are added flat: FastAPI >= 0.16x wraps
    # included routers in an opaque object, and a flat `app.routes` lets the tests walk every route.
    for router in (health.router, agents.router, prospects.router, content.router, campaigns.router,
                   tracking.router, analytics.router, clay.router, jobs.router, usage.router, keys.router):
        app.router.routes.extend(router.routes)
    dashboard.install(app)  # GET /dashboard (public page) and its static assets
    install_pages(app)  # GET /docs and /redoc, their assets served from this process (no CDN)
    install_openapi(app)  # /openapi.json declares every error as problem+json
    return app


app = create_app()
