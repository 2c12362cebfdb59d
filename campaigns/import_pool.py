"""The CSV import's CPU work in worker processes (issue 14): reading rows and scoring them.

A 5,000-row import costs ~2.5 s of CPU (per row: the intake and `ProspectData` validation ~100 us,
the rules engine ~250 us, storing ~100 us). In the event loop, even cut into slices, that CPU is
taken from every other request, and the import cannot finish in 2 s even alone. Here the rows are
read and validated (`read_rows`) and scored (`score`) in `CSV_IMPORT_WORKERS` processes, chunk by
chunk, while the event loop only awaits their results and writes them (one transaction, as before).

The processes come from a `forkserver` that imports the intake and the rules engine once; the pool is
started by `warm` (at the app's start) and shared by every app of the process. Until it is ready, or
if it breaks (a killed worker), an import runs in the event loop as before (`ready()` is None): same
rows, same results, only slower. The functions run here are the ones the event-loop path runs.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from typing import Any

import structlog
from pydantic import ValidationError

from core.errors import flat_errors
from intelligence import intake
from intelligence.scoring import analyze_rules
from schemas import AgentProfile, AnalysisResult, ProspectData

log = structlog.get_logger()

WATCH_S = 1.0  # how often a worker checks that the server process is still there
NICE = 10  # the workers' CPU priority below the server's: an import never takes a core from requests
_lock = threading.Lock()
_pool: concurrent.futures.ProcessPoolExecutor | None = None
_workers = 0
_ready = False


def row_values(headers: list[str], values: list[str]) -> list[tuple[str, str]]:
    """One CSV row as (header, value) pairs, for the intake's alias mapping."""
    return [(h, values[i] if i < len(values) else "") for i, h in enumerate(headers)]


def read_row(headers: list[str], values: list[str]) -> tuple[str, Any, Any]:
    """One row through the intake: ("blank", None, None), ("ok", email, ProspectData) or
    ("error", email, [errors])."""
    if not any(v.strip() for v in values):
        return "blank", None, None
    data = intake.row_fields(row_values(headers, values))
    email = data.get("email")
    try:
        return "ok", email, ProspectData.model_validate(data)
    except ValidationError as exc:
        return "error", email, flat_errors(exc)


def read_rows(headers: list[str], rows: list[list[str]]) -> list[tuple[str, Any, Any]]:
    with _no_gc():
        return [read_row(headers, values) for values in rows]


def score(profile: AgentProfile, prospects: list[ProspectData]) -> list[AnalysisResult]:
    with _no_gc():
        return [analyze_rules(profile, p) for p in prospects]


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """A worker's task runs without the cyclic collector (refcounting frees its objects): the
    collections it triggered walked every result of the task, ~40% of its CPU, measured."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _hello() -> int:
    return 1


def _running(pid: int) -> bool:
    """Whether process `pid` is running (a zombie, ended but not yet reaped, is not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except (ProcessLookupError, PermissionError):  # PermissionError: the pid is another user's now
            return False
        return True


def _start(server_pid: int) -> None:
    """In each worker, first: a lower CPU priority (`NICE`), then watch the server (`_watch`). Two
    workers busy scoring on a 2-core machine otherwise share the cores with the event loop, and every
    request waits its turn for the CPU (health checks during a 5,000-row import on PostgreSQL: p95
    45-60 ms at the same priority)."""
    with contextlib.suppress(OSError):  # a platform without priorities: the same work, served less evenly
        os.nice(NICE)
    _watch(server_pid)


def _watch(server_pid: int) -> None:
    """Exit when the server process is gone, however it ended. A worker holds the
    forkserver's liveness pipe and its own task queue open, so after a server killed without shutting
    its pool down (SIGKILL, a crash) neither the workers nor the forkserver would ever exit (seen)."""

    def watch() -> None:
        while True:
            time.sleep(WATCH_S)
            if not _running(server_pid):
                os._exit(0)

    threading.Thread(target=watch, name="csv-import-watch", daemon=True).start()


def warm(workers: int) -> None:
    """Start the pool of `workers` processes in the background (0: none; imports stay in the loop)."""
    global _pool, _workers, _ready
    with _lock:
        if workers <= 0 or (_pool is not None and _workers == workers):
            return
        old, _pool, _workers, _ready = _pool, None, workers, False
        if old is not None:
            old.shutdown(wait=False, cancel_futures=True)
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["campaigns.import_pool"])
        pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, mp_context=ctx, initializer=_start, initargs=(os.getpid(),)
        )
        _pool = pool
    started = [pool.submit(_hello) for _ in range(workers)]  # every worker forked and importing

    def done(_: Any) -> None:
        global _ready
        with _lock:
            if not all(f.done() for f in started) or _pool is not pool or _ready:
                return
            _ready = ok = all(not f.cancelled() and f.exception() is None for f in started)
        if ok:  # a start says a few things (tests/test_startup.py): this one only when asked
            log.debug("csv_import.workers_ready", workers=workers)
        else:  # imports stay in the event loop
            log.warning("csv_import.workers_failed", workers=workers)

    for f in started:
        f.add_done_callback(done)


def ready() -> concurrent.futures.ProcessPoolExecutor | None:
    """The pool when its processes are up, else None (the import then runs in the event loop)."""
    return _pool if _ready else None


def broken(pool: concurrent.futures.ProcessPoolExecutor) -> None:
    """`pool` failed (a worker died): drop it and start a new one for the next import."""
    global _pool, _ready
    with _lock:
        if _pool is not pool:
            return
        _pool, _ready, workers = None, False, _workers
    pool.shutdown(wait=False, cancel_futures=True)
    log.warning("csv_import.workers_broken", workers=workers)
    warm(workers)


async def run(pool: concurrent.futures.ProcessPoolExecutor, fn: Any, *args: Any) -> Any:
    return await asyncio.wrap_future(pool.submit(fn, *args))
