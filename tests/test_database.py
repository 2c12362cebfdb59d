"""The database layer: SQLite tuning, write transactions that neither lose updates nor lock,
migrations that match the models, and the seed's smoke test."""

import asyncio
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from database_async import TuneDatabase
from models import Base
from tests.conftest import make_settings

ROOT = Path(__file__).resolve().parent.parent


async def test_sqlite_connections_are_tuned(tmp_path):
    db = TuneDatabase(f"sqlite+aiosqlite:///{tmp_path}/t.db", settings=make_settings("sqlite://"))
    try:
        async with db.engine.connect() as conn:
            pragmas = {
                name: (await conn.execute(text(f"PRAGMA {name}"))).scalar()
                for name in ("journal_mode", "busy_timeout", "synchronous", "foreign_keys")
            }
        assert pragmas == {"journal_mode": "wal", "busy_timeout": 5000, "synchronous": 1, "foreign_keys": 1}
    finally:
        await db.dispose()


async def test_sqlite_reads_run_inline_and_cannot_write(tmp_path):
    """Read sessions of a SQLite file use inline connections (no aiosqlite thread): WAL readers never
    wait for a lock, and `query_only` makes a write sent to them fail at once rather than wait."""
    db = TuneDatabase(f"sqlite+aiosqlite:///{tmp_path}/t.db", settings=make_settings("sqlite://"))
    try:
        async with db.session() as s:
            await s.execute(text("CREATE TABLE t (n INTEGER)"))
            await s.execute(text("INSERT INTO t VALUES (1)"))
        async with db.session(write=False) as s:
            conn = await s.connection()
            assert type((await conn.get_raw_connection()).driver_connection).__name__ == "InlineConnection"
            assert (await s.execute(text("SELECT count(*) FROM t"))).scalar_one() == 1
            pragmas = {
                name: (await s.execute(text(f"PRAGMA {name}"))).scalar()
                for name in ("journal_mode", "busy_timeout", "foreign_keys", "query_only")
            }
            assert pragmas == {"journal_mode": "wal", "busy_timeout": 0, "foreign_keys": 1, "query_only": 1}
        with pytest.raises(OperationalError, match="readonly"):
            async with db.session(write=False) as s:
                await s.execute(text("INSERT INTO t VALUES (2)"))
    finally:
        await db.dispose()


async def test_sqlite_writer_waits_for_another_process_without_stalling_the_event_loop(tmp_path):
    """Another process holds the write lock for 0.4 s: our write waits for it (in aiosqlite's thread)
    and commits, and the event loop keeps serving meanwhile (a ticker never misses a beat by more
    than 0.15 s). Past DB_BUSY_TIMEOUT_MS the write fails with 'database is locked' instead of waiting forever."""
    path = tmp_path / "t.db"
    db = TuneDatabase(f"sqlite+aiosqlite:///{path}", settings=make_settings("sqlite://", DB_BUSY_TIMEOUT_MS=1000))
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        async with db.session() as s:
            await s.execute(text("CREATE TABLE t (n INTEGER)"))
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO t VALUES (1)")
        gaps: list[float] = []

        async def ticker() -> None:
            last = time.monotonic()
            while True:
                await asyncio.sleep(0.01)
                now = time.monotonic()
                gaps.append(now - last)
                last = now

        async def release_later() -> None:
            await asyncio.sleep(0.4)
            other.execute("COMMIT")

        tick = asyncio.create_task(ticker())
        started = time.monotonic()
        async with asyncio.TaskGroup() as tg:
            tg.create_task(release_later())
            async with db.session() as s:
                await s.execute(text("INSERT INTO t VALUES (2)"))
        waited = time.monotonic() - started
        tick.cancel()
        assert waited >= 0.35
        assert max(gaps) < 0.15
        async with db.session(write=False) as s:
            assert (await s.execute(text("SELECT count(*) FROM t"))).scalar_one() == 2

        other.execute("BEGIN IMMEDIATE")  # now held past the timeout
        with pytest.raises(OperationalError, match="locked"):
            async with db.session() as s:
                await s.execute(text("INSERT INTO t VALUES (3)"))
        other.execute("ROLLBACK")
    finally:
        other.close()
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
    out = subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    current = subprocess.run(
        [sys.executable, "-m", "alembic", "current"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "(head)" in current.stdout, current.stdout + current.stderr


def test_seed_smoke_test_works(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", "from database_async import TuneDatabase; db = TuneDatabase(); print('ok')"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/x.db"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")
    assert "database_initialized" in out.stdout + out.stderr


def test_describe_never_shows_the_password():
    url = "postgresql+asyncpg://tune:s3cret-pw@db.internal:5432/tune"
    db = TuneDatabase(url, settings=make_settings(url))
    assert "s3cret-pw" not in str(db.describe())
    assert db.describe()["pool_size"] == 5
