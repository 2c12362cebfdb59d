"""The database layer: SQLite tuning, write transactions that neither lose updates nor lock,
migrations that match the models, and the seed's smoke test."""

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from database_async import TuneDatabase
from models import Base
from tests.conftest import make_settings

ROOT = Path(__file__).resolve().parent.parent


async def test_sqlite_connections_are_tuned(tmp_path):
    db = TuneDatabase(f"sqlite+aiosqlite:///{tmp_path}/t.db", settings=make_settings("sqlite://"))
    try:
        async with db.engine.connect() as conn:
            pragmas = {name: (await conn.execute(text(f"PRAGMA {name}"))).scalar()
                       for name in ("journal_mode", "busy_timeout", "synchronous", "foreign_keys")}
        assert pragmas == {"journal_mode": "wal", "busy_timeout": 5000, "synchronous": 1, "foreign_keys": 1}
    finally:
        await db.dispose()


async def test_concurrent_read_modify_write_loses_nothing(database_url):
    """20 writers each read a counter and write it back +1: with BEGIN IMMEDIATE on SQLite (and a
    row lock on PostgreSQL) every increment survives and none fails with 'database is locked'."""
    db = TuneDatabase(database_url, settings=make_settings(database_url))
    try:
        async with db.session() as s:
            await s.execute(text("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)"))
            await s.execute(text("INSERT INTO counter VALUES (1, 0)"))
        lock = "" if db.is_sqlite else " FOR UPDATE"

        async def increment() -> None:
            async with db.session() as s:
                n = (await s.execute(text(f"SELECT n FROM counter WHERE id = 1{lock}"))).scalar_one()
                await asyncio.sleep(0.005)  # widen the race window
                await s.execute(text("UPDATE counter SET n = :n WHERE id = 1"), {"n": n + 1})

        await asyncio.gather(*(increment() for _ in range(20)))
        async with db.session(write=False) as s:
            assert (await s.execute(text("SELECT n FROM counter"))).scalar_one() == 20
    finally:
        await db.dispose()


async def test_models_and_migrations_agree(database_url):
    db = TuneDatabase(database_url, settings=make_settings(database_url))
    try:
        await db.migrate()
        async with db.engine.connect() as conn:
            diff = await conn.run_sync(lambda c: compare_metadata(MigrationContext.configure(c), Base.metadata))
        assert diff == []
    finally:
        await db.dispose()


def test_alembic_command_line_upgrades(database_url):
    env = {**os.environ, "DATABASE_URL": database_url}
    out = subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    current = subprocess.run([sys.executable, "-m", "alembic", "current"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=120)
    assert "(head)" in current.stdout, current.stdout + current.stderr


def test_seed_smoke_test_works(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", "from database_async import TuneDatabase; db = TuneDatabase(); print('ok')"],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/x.db"},
        capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")
    assert "database_initialized" in out.stdout + out.stderr


def test_describe_never_shows_the_password():
    url = "postgresql+asyncpg://tune:s3cret-pw@db.internal:5432/tune"
    db = TuneDatabase(url, settings=make_settings(url))
    assert "s3cret-pw" not in str(db.describe())
    assert db.describe()["pool_size"] == 5
