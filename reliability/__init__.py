"""The reliability suite: `python -m reliability [--full] [--only NAME ...]` (`make reliability`).

Each scenario starts the real service as a uvicorn subprocess, drives it from this process, prints
its figures and a PASS/FAIL line; the exit status is 1 when any scenario failed. See
docs/reliability.md. `tests/test_reliability.py` runs the short version of each under pytest.

    schema    schemathesis against /openapi.json: 0 server errors, responses conform to the schema
    load      mixed concurrent clients on SQLite: 0 5xx, 0 "database is locked", events counted exactly
    kill      kill -9 during a complete-pipeline job, restart, every prospect done exactly once
    claude    Claude faults from the fake server: every answer 2xx on the rules engine; the breaker
    database  PostgreSQL cut away and back: 503 problem+json, never 500 or a hang; recovery, no restart
    scale     two processes (2 workers each) on one PostgreSQL and one Redis: the limit holds across them,
              revocation within the key-cache TTL, Redis away and back, kill -9 of a job's holder
    tenants   a bad tenant floods malformed requests and a big import; the good one sees 0 errors, p99 < 1 s
"""

from __future__ import annotations

SCENARIOS = ("schema", "load", "kill", "claude", "database", "scale", "tenants")
