"""The reliability suite's short version (reliability/, `make reliability`) under pytest, so that
`make test` runs it: each scenario starts the real service as a uvicorn subprocess, drives it, prints
its figures (shown by pytest when a test fails) and must PASS. About 3.5 minutes in all on 2 cores.

`python -m reliability --full` is the long version (docs/reliability.md).
"""

from __future__ import annotations

import pytest

from reliability import claude, database, kill, load, scale, schema, tenants

pytestmark = pytest.mark.slow


def test_schemathesis_finds_no_server_error_and_no_schema_violation():
    result = schema.run(full=False)
    assert result.passed, result.summary()


def test_concurrent_mixed_clients_on_sqlite():
    result = load.run(full=False)
    assert result.passed, result.summary()


def test_kill_9_during_a_pipeline_job_and_recovery():
    result = kill.run(full=False)
    assert result.passed, result.summary()


def test_claude_faults_fall_back_to_rules_and_the_breaker_opens_and_closes():
    result = claude.run(full=False)
    assert result.passed, result.summary()


def test_postgres_going_away_and_coming_back(pg_admin_url):
    result = database.run(full=False, pg_admin_url=pg_admin_url)
    assert result.passed, result.summary()


def test_two_processes_on_one_postgres_and_one_redis(pg_admin_url):
    result = scale.run(full=False, pg_admin_url=pg_admin_url)
    assert result.passed, result.summary()


def test_a_bad_tenant_flooding_changes_nothing_for_the_good_one(pg_admin_url):
    result = tenants.run(full=False, pg_admin_url=pg_admin_url)
    assert result.passed, result.summary()
