"""The FastAPI application: `create_app()` wires lifespan, middleware, error handlers and routers.

Run it with `make run` (or `uvicorn api_server:app`).
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import structlog
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

import perf.ratelimit_memory  # noqa: F401  (registers the O(1) store for RATE_LIMIT_STORAGE_URI=memory://)
from analytics import router as analytics
from apidocs import install_openapi, install_pages, operation_id
from auth import KeyCache
from campaigns import router as campaigns
from clay import router as clay
from core import metrics
from core.errors import install_handlers
from core.logs import configure_logging
from core.middleware import (
    BodySizeLimitMiddleware,
    EdgeLimitMiddleware,
    IdempotencyMiddleware,
    InputGuardMiddleware,
    RequestContextMiddleware,
)
from core.ratelimit import LimitStorage, RateLimiter
from database_async import TuneDatabase
from industry_agents import router as agents
from intelligence import intake
from jobs import WorkerPool
from jobs import kinds as job_kinds
from jobs import router as jobs
from llm import LLMClient
from llm import router as usage
from ops import dashboard, health
from ops import metrics as metrics_route
from perf.fastlane import FastLane
from routers import content, keys, prospects
from settings import PLACEHOLDER, VERSION, Settings, get_settings
from tracking import router as tracking
from tracking.lane import TrackingLane

log = structlog.get_logger()

DESCRIPTION = """
Builds an **agent** per industry, scores and tiers prospects with an explainable breakdown,
writes outreach, groups prospects into campaigns, and tracks and reports results.

Every route except `/api/health` needs an `X-API-Key` header. Errors are RFC 9457
`application/problem+json`. POST routes accept an `Idempotency-Key` header.
"""


_heap_frozen = False


def _freeze_startup_heap() -> None:
    """Once per process: what is loaded at the first start lives as long as the process, so keep it
    out of the cyclic GC and a full collection walks only request-time objects (a 5,000-row import
    otherwise triggered full collections that held the event loop 0.2-0.6 s each; issue 13, finding
    5). Once only: an app started later in the same process (tests) stays collectable."""
    global _heap_frozen
    if not _heap_frozen:
        _heap_frozen = True
        gc.collect()
        gc.freeze()


def create_app(settings: Settings | None = None, *, db: TuneDatabase | None = None) -> FastAPI:
    """Build the application. Tests pass their own settings (and database)."""
    settings = settings or get_settings()
    configure_logging(settings.LOG_LEVEL, settings.LOG_FORMAT)
    intake.configure(settings.FX_USD_RATES, settings.FX_RATES_AS_OF)
    if settings.SENTRY_DSN:
        from core.observability import init_sentry  # sentry-sdk is only loaded when configured

        init_sentry(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        database = db or TuneDatabase(settings=settings)
        app.state.db = database
        await app.state.limiter.storage.open()  # Redis: its pool, pinged (a failure is logged, not fatal)
        app.state.llm = LLMClient(settings, database)
        if settings.DB_AUTO_MIGRATE:
            try:
                await database.migrate()
            except Exception as exc:  # keep serving: health says 503 until the database is back
                log.error("database.unavailable_at_start", error=type(exc).__name__)
        job_kinds.load()  # every job kind, explicitly (WorkerPool.start checks it again)
        # `shared`: Redis, when configured, paces Clay pushes per table across every process
        app.state.workers = workers = WorkerPool(
            database, app.state.llm, settings, shared=app.state.limiter.storage
        )
        workers.start()
        from tracking import HitRecorder  # pixel/click hits share transactions (group commit)

        app.state.tracker = HitRecorder(database, settings)
        await app.state.tracker.start()
        from campaigns import import_pool  # the CSV import's worker processes, started in the background

        import_pool.warm(settings.CSV_IMPORT_WORKERS)
        _freeze_startup_heap()
        if settings.SECRET_KEY == PLACEHOLDER:  # development only: production refuses to start with it
            started = log.warning  # said in the start line, not a line of its own (a start stays short)
            extra = {
                "secret_key": "the placeholder 'change-me': tracking links and cursors can be forged; "
                "`make run` writes a random one to .env"
            }
        else:
            started, extra = log.info, {}
        started(
            "service.started",
            **extra,
            version=VERSION,
            env=settings.ENV,
            job_workers=settings.JOB_WORKERS,
            engine=app.state.llm.state().get("engine"),
            database=database.backend,
            rate_limit=settings.RATE_LIMIT,
        )
        base = settings.PUBLIC_BASE_URL
        log.info("service.ready", dashboard=f"{base}/dashboard", docs=f"{base}/docs", redoc=f"{base}/redoc")
        yield
        await app.state.tracker.stop()  # commits the hits still waiting
        await workers.stop()
        await app.state.llm.close()
        await database.dispose()
        await app.state.limiter.storage.close()

    docs = settings.docs_enabled  # off in production unless DOCS_ENABLED=true (issue 13, finding 13)
    app = FastAPI(
        title="Tune Agent Builder",
        version=VERSION,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json" if docs else None,
        generate_unique_id_function=operation_id,
    )
    app.state.settings = settings
    # One storage (one Redis pool) for both limiters. While Redis is unreachable the API counts per
    # process and the pixel/click fail open (core/ratelimit.py; docs/scale-out.md).
    limit_storage = LimitStorage(settings.RATE_LIMIT_STORAGE_URI, timeout_s=settings.RATE_LIMIT_STORAGE_TIMEOUT_S)
    app.state.limiter = RateLimiter(settings.RATE_LIMIT, limit_storage, name="api", on_storage_error="local")
    app.state.tracking_limiter = RateLimiter(
        settings.TRACKING_RATE_LIMIT, limit_storage, name="tracking", on_storage_error="open"
    )
    app.state.key_cache = KeyCache(settings.API_KEY_CACHE_TTL_S)

    install_handlers(app)
    # Added inside-out: the last one added is the outermost.
    app.add_middleware(IdempotencyMiddleware, ttl=timedelta(hours=settings.IDEMPOTENCY_TTL_HOURS))
    app.add_middleware(InputGuardMiddleware)  # NUL characters, JSON depth: 422 before routing
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.MAX_BODY_BYTES)
    app.add_middleware(EdgeLimitMiddleware)  # per-IP limit for docs and static files
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.ALLOWED_ORIGINS,
        allow_credentials=False,
        allow_methods=["GET", "POST", "PATCH", "DELETE"],
        allow_headers=["X-API-Key", "Content-Type", "Idempotency-Key", "X-Request-ID"],
        expose_headers=[
            "X-Request-ID",
            "Retry-After",
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset",
        ],
    )
    app.add_middleware(FastLane, enabled=settings.FAST_LANE)  # hot GET routes: compiled dependencies
    app.add_middleware(RequestContextMiddleware)
    app.add_middleware(TrackingLane, enabled=settings.FAST_LANE)  # pixel and click: one pure-ASGI layer
    metrics.install(app)  # outermost: times everything, including rejected requests

    # Routers carry their full prefix and their routes are added flat: FastAPI >= 0.16x wraps
    # included routers in an opaque object, and a flat `app.routes` lets the tests walk every route.
    for router in (
        metrics_route.router,
        health.router,
        agents.router,
        prospects.router,
        content.router,
        campaigns.router,
        tracking.router,
        analytics.router,
        clay.router,
        jobs.router,
        usage.router,
        keys.router,
    ):
        app.router.routes.extend(router.routes)
    dashboard.install(app)  # GET /dashboard (public page) and its static assets
    if docs:
        install_pages(app)  # GET /docs and /redoc, their assets served from this process (no CDN)
    install_openapi(app)  # /openapi.json declares every error as problem+json
    return app


app = create_app()
