"""Health: 200 when the database answers, 503 problem+json when it does not, and recovery
without a restart."""

import asyncio

from sqlalchemy.engine import make_url

from api_server import create_app
from settings import VERSION
from tests.conftest import assert_problem, client_for, make_key, make_settings
from tests.support.netproxy import CuttableProxy


async def test_health_ok(client, backend):
    r = await client.get("/api/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["version"] == VERSION
    assert body["database"] == ("sqlite" if backend == "sqlite" else "postgresql")
    assert body["engine"]["engine"] == "rules" and body["engine"]["reason"] == "unconfigured"


async def test_sqlite_path_that_cannot_open_is_503_then_recovers(tmp_path):
    missing_dir = tmp_path / "not-yet"
    app = create_app(make_settings(f"sqlite+aiosqlite:///{missing_dir}/tune.db"))
    async with app.router.lifespan_context(app), client_for(app) as client:
        body = assert_problem(await client.get("/api/health"), 503)
        assert "Database" in body["detail"]
        # a protected route also answers 503 (not 500) while the database is away
        assert_problem(await client.get("/api/industries", headers={"X-API-Key": "tune_dev_" + "a" * 43}), 503)
        missing_dir.mkdir()
        r = await client.get("/api/health")
        assert r.status_code == 200, r.text  # migrated on the way, no restart
        key = await make_key(app.state.db)
        assert (await client.get("/api/industries", headers={"X-API-Key": key})).status_code == 200


async def test_postgres_port_where_nothing_listens_is_503_quickly():
    url = "postgresql+asyncpg://tune:pw@127.0.0.1:1/tune"
    app = create_app(make_settings(url, DB_CONNECT_TIMEOUT=2))
    async with app.router.lifespan_context(app), client_for(app) as client:
        body = assert_problem(await client.get("/api/health"), 503)
        assert "pw@" not in str(body)
        assert_problem(await client.get("/api/industries", headers={"X-API-Key": "tune_dev_" + "a" * 43}), 503)
        r = await client.post(
            "/api/keys", json={"name": "x"}, headers={"X-API-Key": "tune_dev_" + "a" * 43, "Idempotency-Key": "k1"}
        )
        assert_problem(r, 503)


async def test_postgres_that_goes_away_and_comes_back(pg_database_url):
    """Cut the network to a real PostgreSQL under a running app: 503; restore it: 200, no restart."""
    target = make_url(pg_database_url)
    socket_dir = target.query.get("host")

    async def connect():
        if socket_dir:  # pgserver listens on a Unix socket
            return await asyncio.open_unix_connection(f"{socket_dir}/.s.PGSQL.{target.port or 5432}")
        return await asyncio.open_connection(target.host, target.port or 5432)

    proxy = CuttableProxy(connect)
    await proxy.start()
    via_proxy = target.set(host="127.0.0.1", port=proxy.port, query={}).render_as_string(hide_password=False)
    app = create_app(make_settings(via_proxy, DB_CONNECT_TIMEOUT=2))
    async with app.router.lifespan_context(app), client_for(app) as client:
        key = await make_key(app.state.db)
        assert (await client.get("/api/industries", headers={"X-API-Key": key})).status_code == 200
        await proxy.cut()
        assert_problem(await client.get("/api/health"), 503)
        # A read that must reach the database (the industries list may be served from its cache).
        assert_problem(await client.get("/api/campaigns", headers={"X-API-Key": key}), 503)
        await proxy.start()
        assert (await client.get("/api/health")).status_code == 200
        assert (await client.get("/api/campaigns", headers={"X-API-Key": key})).status_code == 200
    await proxy.cut()
