"""structlog set-up: one log format for the service's events and every library's records alike.

`LOG_FORMAT=auto` (the default) writes readable lines when stderr is a terminal and one JSON event
per line otherwise (a container, a file, a log shipper); `json` and `console` force one of them.
Standard-library records (uvicorn, alembic, SQLAlchemy) go through the same renderer, so a terminal
shows one format, not four. Alembic's per-revision lines are DEBUG noise: at INFO the service says
`database.migrated` once instead.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any, TextIO

import structlog
import structlog.tracebacks

# Libraries whose INFO lines are noise (or secrets: httpx logs every URL, and Clay table webhook
# URLs are secrets): shown from WARNING up unless LOG_LEVEL=DEBUG.
QUIET = ("httpx", "httpcore", "httpx2", "alembic")


def resolve_format(fmt: str, stream: TextIO) -> str:
    """`auto` → `console` on a terminal, else `json`."""
    if fmt != "auto":
        return fmt
    isatty = getattr(stream, "isatty", None)
    return "console" if callable(isatty) and isatty() else "json"


def configure_logging(level: str = "INFO", fmt: str = "auto", stream: TextIO | None = None) -> str:
    """Configure structlog and the standard library's root logger alike; return the format used."""
    stream = stream or sys.stderr
    fmt = resolve_format(fmt, stream)
    numeric = logging.getLevelName(level)
    timestamper = structlog.processors.TimeStamper(fmt="iso", utc=True)
    renderer: Any
    if fmt == "json":
        # Tracebacks without local variables: locals can hold keys and message bodies.
        exceptions: Any = structlog.processors.ExceptionRenderer(
            structlog.tracebacks.ExceptionDictTransformer(show_locals=False)
        )
        renderer = structlog.processors.JSONRenderer()
    else:
        exceptions = structlog.dev.set_exc_info
        colors = bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")
        renderer = structlog.dev.ConsoleRenderer(colors=colors, exception_formatter=structlog.dev.plain_traceback)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            timestamper,
            exceptions,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=structlog.PrintLoggerFactory(stream),
        cache_logger_on_first_use=False,
    )
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[structlog.stdlib.add_log_level, structlog.stdlib.add_logger_name, timestamper],
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                *([exceptions] if fmt == "json" else []),
                renderer,
            ],
        )
    )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(numeric)
    # uvicorn configured its own handlers and formats before it imported the app: use ours instead.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    for name in QUIET:
        logging.getLogger(name).setLevel(numeric if numeric <= logging.DEBUG else max(numeric, logging.WARNING))
    return fmt
