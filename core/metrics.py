"""Prometheus metrics: the counters, the scrape-time state gauges and their exposition (the protected
`GET /metrics` route is ops/metrics.py).

Counters are updated where things happen (requests, Claude calls, engine fallbacks, tracking
events); gauges that describe state (database pool, jobs by status, circuit breaker) are read at
scrape time, so they are always current and cost nothing between scrapes.

Several worker processes: set `PROMETHEUS_MULTIPROC_DIR` to an empty directory shared by the
processes (prometheus-client's multiprocess mode); `/metrics` then aggregates every process's
counters. Without it, each process reports its own (scrape them per process).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from models import JobStatus

HTTP_REQUESTS = Counter(
    "tune_http_requests_total", "HTTP requests by route and status", ["method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "tune_http_request_duration_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
LLM_CALLS = Counter(
    "tune_llm_calls_total", "Claude calls by purpose and outcome (ok, invalid, error)", ["purpose", "outcome"]
)
LLM_TOKENS = Counter(
    "tune_llm_tokens_total", "Claude tokens by kind (input, output, cache_read, cache_write)", ["kind"]
)
LLM_COST = Counter("tune_llm_cost_usd_total", "Claude spend in USD")
ENGINE_RESULTS = Counter(
    "tune_engine_results_total",
    "Analyses and content by the engine that produced them, and why not Claude",
    ["feature", "engine", "fallback"],
)
DROPPED_FACTS = Counter(
    "tune_claude_facts_dropped_total", "Claude prospect facts dropped by the quote gate, by reason", ["reason"]
)
TRACKING_EVENTS = Counter(
    "tune_tracking_events_total", "Tracking events stored, by type and human/machine", ["type", "machine"]
)
RATELIMIT_STORAGE_ERRORS = Counter(
    "tune_ratelimit_storage_errors_total",
    "Rate-limit storage (Redis) calls that failed, by limiter (api, tracking)",
    ["limiter"],
)
RATELIMIT_DEGRADED = Counter(
    "tune_ratelimit_degraded_total",
    "Requests decided without the shared rate-limit storage: counted per process (local) or not limited (open)",
    ["limiter", "fallback"],
)


def record_llm_call(*, purpose: str, outcome: str, usage: Any) -> None:
    LLM_CALLS.labels(purpose, outcome).inc()
    for kind in ("input", "output", "cache_read", "cache_write"):
        LLM_TOKENS.labels(kind).inc(getattr(usage, f"{kind}_tokens", 0))
    LLM_COST.inc(usage.cost_usd)


def record_engine(feature: str, engine: str, fallback: str | None, n: int = 1) -> None:
    ENGINE_RESULTS.labels(feature, engine, fallback or "none").inc(n)


def record_dropped_facts(reasons: dict[str, int]) -> None:
    for reason, n in reasons.items():
        DROPPED_FACTS.labels(reason).inc(n)


def record_tracking_event(event_type: str, is_machine: bool) -> None:
    TRACKING_EVENTS.labels(event_type, "machine" if is_machine else "human").inc()


def record_ratelimit_storage_error(limiter: str) -> None:
    RATELIMIT_STORAGE_ERRORS.labels(limiter).inc()


def record_ratelimit_degraded(limiter: str, fallback: str) -> None:
    RATELIMIT_DEGRADED.labels(limiter, fallback).inc()


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """Called once per request by the request-context middleware (route template, not raw path)."""
    HTTP_REQUESTS.labels(method, route, str(status)).inc()
    HTTP_LATENCY.labels(method, route).observe(seconds)


class StateCollector(Collector):
    """Gauges read at scrape time from the running app: pool, jobs, circuit breaker, rate-limit storage."""

    def __init__(self, app_state: Any) -> None:
        self.state = app_state
        self.jobs: dict[str, int] = {}  # refreshed by the /metrics route just before collecting

    def collect(self) -> Iterator[GaugeMetricFamily]:
        pool = self.state.db.engine.pool
        in_use = GaugeMetricFamily("tune_db_pool_in_use", "Database connections checked out of the pool")
        in_use.add_metric([], float(pool.checkedout()) if hasattr(pool, "checkedout") else 0.0)
        yield in_use
        jobs = GaugeMetricFamily("tune_jobs", "Jobs by status", labels=["status"])
        for status in JobStatus:
            jobs.add_metric([status.value], float(self.jobs.get(status, 0)))
        yield jobs
        breaker = GaugeMetricFamily(
            "tune_llm_circuit_state", "Claude circuit: 0 closed, 1 half-open, 2 open; -1 Claude unconfigured"
        )
        llm = self.state.llm.state()
        codes = {"closed": 0.0, "half_open": 1.0, "open": 2.0}
        breaker.add_metric([], codes[llm["circuit"]] if llm["reason"] != "unconfigured" else -1.0)
        yield breaker
        storage = self.state.limiter.storage
        limits_up = GaugeMetricFamily(
            "tune_ratelimit_storage_up",
            "Rate-limit storage as this process last found it: 1 reachable, "
            "0 unreachable (counting per process), -1 memory:// (always per process)",
        )
        limits_up.add_metric([], -1.0 if not storage.fallible else 1.0 if storage.state == "ok" else 0.0)
        yield limits_up


def exposition(state_registry: CollectorRegistry) -> bytes:
    """This process's counters (or every process's, in multiprocess mode) plus the state gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        counters = CollectorRegistry()
        multiprocess.MultiProcessCollector(counters)
    else:
        counters = REGISTRY
    return generate_latest(counters) + generate_latest(state_registry)


def install(app: Any) -> None:
    """Give the app the scrape-time state gauges (the route is ops/metrics.py)."""
    app.state.metrics_collector = StateCollector(app.state)
    app.state.metrics_registry = CollectorRegistry(auto_describe=False)
    app.state.metrics_registry.register(app.state.metrics_collector)
