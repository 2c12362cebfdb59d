"""structlog set-up: JSON (or console) events with the request id bound by middleware."""

from __future__ import annotations

import logging
import sys

import structlog
import structlog.tracebacks


def configure_logging(level: str = "INFO", fmt: str = "json") -> None:
    """Configure structlog and the standard library root logger (uvicorn, alembic) alike."""
    numeric = logging.getLevelName(level)
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer() if fmt == "json" else structlog.dev.ConsoleRenderer()
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            # Tracebacks without local variables: locals can hold keys and message bodies.
            structlog.processors.ExceptionRenderer(structlog.tracebacks.ExceptionDictTransformer(
                show_locals=False)) if fmt == "json" else structlog.dev.set_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=False,
    )
    logging.basicConfig(level=numeric, stream=sys.stderr, format="%(levelname)s %(name)s %(message)s")
    # httpx logs every URL at INFO; outbound URLs (Clay table webhooks) are secrets.
    for name in ("httpx", "httpcore", "httpx2"):
        logging.getLogger(name).setLevel(max(numeric, logging.WARNING))
