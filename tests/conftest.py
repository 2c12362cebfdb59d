"""Fixtures: a fresh real database per test, on SQLite and on PostgreSQL, and an HTTP client over
the ASGI app.

PostgreSQL comes from `TEST_DATABASE_URL` when set (an asyncpg URL to a server where we may create
databases), otherwise from the `pgserver` package, which starts PostgreSQL 16 from its wheel.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager
from sqlalchemy.engine import make_url

from api_server import create_app
from settings import Settings
from tests.support.fake_anthropic import fake_anthropic  # noqa: F401  (the fixture, for every test module)
from tests.support.rig import client_for, make_key, rig  # noqa: F401  (the one rig, for every test module)

BACKENDS = ["sqlite", "postgres"]
logging.getLogger("pgserver").setLevel(logging.WARNING)


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """An asyncpg URL of a PostgreSQL server where tests may create databases."""
    if os.environ.get("TEST_DATABASE_URL"):
        yield os.environ["TEST_DATABASE_URL"]
        return
    import pgserver

    # Outside pytest's basetemp, which another pytest run on the machine may rotate away.
    data_dir = Path(tempfile.mkdtemp(prefix="tune-pg-"))
    server = pgserver.get_server(data_dir, cleanup_mode="delete")
    yield f"postgresql+asyncpg://postgres@/postgres?host={data_dir}"
    server.cleanup()


async def _pg_execute(url: str, sql: str) -> None:
    u = make_url(url)
    conn = await asyncpg.connect(
        user=u.username, password=u.password, database=u.database, host=u.query.get("host") or u.host, port=u.port
    )
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
async def pg_database_url(pg_admin_url: str) -> AsyncIterator[str]:
    """A new, empty PostgreSQL database for one test."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    await _pg_execute(pg_admin_url, f'CREATE DATABASE "{name}"')
    yield make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    await _pg_execute(pg_admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A new, empty database for one test, on each backend in turn."""
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/test.db"
    return str(request.getfixturevalue("pg_database_url"))


def make_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "DATABASE_URL": database_url,
        "RATE_LIMIT": "1000/minute",
        "LOG_LEVEL": "INFO",
        "DB_POOL_SIZE": 5,
        "JOB_POLL_INTERVAL_S": 0.05,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def settings(database_url: str) -> Settings:
    return make_settings(database_url)


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[Any]:
    application = create_app(settings)
    async with LifespanManager(application):
        yield application


@pytest.fixture
async def app_factory(database_url: str, request: pytest.FixtureRequest) -> AsyncIterator[Any]:
    """`await app_factory(claude=False, **settings)`: a started app on this test's database, stopped
    after the test. `claude=True` points it at the fake Anthropic server (one attempt per call)."""
    async with contextlib.AsyncExitStack() as stack:

        async def make(claude: bool = False, **overrides: Any) -> Any:
            extra = request.getfixturevalue("fake_anthropic").settings(LLM_MAX_ATTEMPTS=1) if claude else {}
            application = create_app(make_settings(database_url, **{**extra, **overrides}))
            await stack.enter_async_context(application.router.lifespan_context(application))
            return application

        yield make


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(app) as c:
        yield c


@pytest.fixture
async def api_key(app: Any) -> str:
    return await make_key(app.state.db)


@pytest.fixture
async def admin_key(app: Any) -> str:
    return await make_key(app.state.db, scopes=("read", "write", "admin"), name="admin")


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The response is RFC 9457 problem+json with our request id, and no stack trace."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://") and body["title"] and body["detail"]
    assert body["request_id"] == response.headers["x-request-id"]
    assert "Traceback" not in response.text
    return body
