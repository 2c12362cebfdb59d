"""API keys: format, storage, scopes, rotation, revocation, workspaces, and the CLI."""

import hashlib
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import structlog
from sqlalchemy import select, update

from api_server import create_app
from auth import KeyCache, Principal
from models import ApiKey, utcnow
from tests.conftest import assert_problem, client_for, make_key, make_settings

ROOT = Path(__file__).resolve().parent.parent
KEY_RE = re.compile(r"^tune_dev_[0-9A-Za-z]{43}$")


async def test_no_key_wrong_key_and_query_string_key_are_401(client, api_key):
    assert_problem(await client.get("/api/industries"), 401)
    assert_problem(await client.get("/api/industries", headers={"X-API-Key": "tune_dev_" + "x" * 43}), 401)
    assert_problem(await client.get("/api/industries", headers={"X-API-Key": "not-a-key"}), 401)
    assert_problem(await client.get(f"/api/industries?api_key={api_key}"), 401)
    assert (await client.get("/api/industries", headers={"X-API-Key": api_key})).status_code == 200


async def test_key_is_shown_once_and_stored_as_sha256(client, admin_key, app):
    r = await client.post(
        "/api/keys", json={"name": "zapier", "scopes": ["read"]}, headers={"X-API-Key": admin_key}
    )
    assert r.status_code == 201, r.text
    created = r.json()
    raw = created["key"]
    assert KEY_RE.match(raw)
    assert created["prefix"] == raw[:13] and created["last4"] == raw[-4:]
    async with app.state.db.session(write=False) as s:
        row = await s.get(ApiKey, __import__("uuid").UUID(created["id"]))
        assert row.key_hash == hashlib.sha256(raw.encode()).hexdigest()
        stored = [str(v) for v in (await s.execute(select(ApiKey.__table__))).all()]
    assert not any(raw in v for v in stored)
    page = (await client.get("/api/keys", headers={"X-API-Key": admin_key})).json()
    assert page["next_cursor"] is None  # the same list shape as every other list
    listed = page["items"]
    assert {k["id"] for k in listed} >= {created["id"]}
    assert "key" not in listed[0] and raw not in str(listed)


async def test_scopes_read_cannot_write_and_write_cannot_admin(client, app):
    read_only = await make_key(app.state.db, scopes=("read",))
    writer = await make_key(app.state.db, scopes=("read", "write"))
    assert (await client.get("/api/industries", headers={"X-API-Key": read_only})).status_code == 200
    body = assert_problem(await client.get("/api/keys", headers={"X-API-Key": writer}), 403)
    assert "admin" in body["detail"]
    assert_problem(await client.post("/api/keys", json={"name": "x"}, headers={"X-API-Key": read_only}), 403)


async def test_rotation_two_active_keys_then_revoke_the_old(client, admin_key, app):
    old = await make_key(app.state.db)
    new = await make_key(app.state.db)
    for key in (old, new):
        assert (await client.get("/api/industries", headers={"X-API-Key": key})).status_code == 200
    listed = (await client.get("/api/keys", headers={"X-API-Key": admin_key})).json()["items"]
    old_id = next(k["id"] for k in listed if k["last4"] == old[-4:] and k["prefix"] == old[:13])
    r = await client.delete(f"/api/keys/{old_id}", headers={"X-API-Key": admin_key})
    assert r.status_code == 200 and r.json()["revoked_at"]
    assert_problem(await client.get("/api/industries", headers={"X-API-Key": old}), 401)
    assert (await client.get("/api/industries", headers={"X-API-Key": new})).status_code == 200


async def test_another_workspaces_key_is_404_like_a_missing_one(client, admin_key, app):
    await make_key(app.state.db, workspace="other-agency")
    async with app.state.db.session(write=False) as s:
        foreign = next(k for k in await s.scalars(select(ApiKey)) if k.scopes == ["read", "write"])
    theirs = await client.delete(f"/api/keys/{foreign.id}", headers={"X-API-Key": admin_key})
    missing = await client.delete(
        "/api/keys/00000000-0000-0000-0000-000000000000", headers={"X-API-Key": admin_key}
    )
    assert_problem(theirs, 404)
    assert_problem(missing, 404)
    assert theirs.json()["title"] == missing.json()["title"]
    listed = (await client.get("/api/keys", headers={"X-API-Key": admin_key})).json()["items"]
    assert str(foreign.id) not in {k["id"] for k in listed}


async def test_last_used_at_is_kept_without_a_write_per_request(client, api_key, app):
    for _ in range(5):
        assert (await client.get("/api/industries", headers={"X-API-Key": api_key})).status_code == 200
    async with app.state.db.session(write=False) as s:
        row = (await s.scalars(select(ApiKey))).one()
    first_use = row.last_used_at
    assert first_use is not None
    await client.get("/api/industries", headers={"X-API-Key": api_key})
    async with app.state.db.session(write=False) as s:
        assert (await s.scalars(select(ApiKey))).one().last_used_at == first_use


async def test_validation_is_logged_with_key_id_never_the_key(client, api_key):
    with structlog.testing.capture_logs() as logs:
        await client.get("/api/industries", headers={"X-API-Key": api_key})
    validated = [e for e in logs if e["event"] == "api_key_validated"]
    assert validated and validated[0]["key_id"] and validated[0]["workspace_id"]
    access = [e for e in logs if e["event"] == "request"]
    assert access[0]["route"] == "/api/industries" and access[0]["status"] == 200
    assert access[0]["key_id"] == validated[0]["key_id"] and access[0]["ms"] >= 0
    assert api_key not in str(logs) and api_key[9:] not in str(logs)


@pytest.mark.slow
def test_cli_create_list_revoke(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/cli.db", "LOG_LEVEL": "WARNING"}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "auth.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )

    boot = cli("bootstrap")
    assert boot.returncode == 0, boot.stderr
    first = re.search(r"tune_dev_[0-9A-Za-z]{43}", boot.stdout)
    assert first and "admin" in boot.stdout
    assert "already exist" in cli("bootstrap").stdout  # never a second first key
    typo = cli("create", "--name", "ci", "--workspace", "defualt")
    assert typo.returncode == 1 and typo.stdout == ""
    assert "No workspace 'defualt'. Did you mean 'default'?" in typo.stderr and "--create-workspace" in typo.stderr
    created = cli("create", "--name", "ci", "--workspace", "beta", "--create-workspace", "--scopes", "read")
    assert created.returncode == 0, created.stderr
    key_id = re.search(r"Created API key ([0-9a-f-]{36})", created.stdout).group(1)
    raw = re.search(r"tune_dev_[0-9A-Za-z]{43}", created.stdout).group(0)
    assert created.stdout.startswith("Created API key") and "{" not in created.stdout  # no log lines
    listing = cli("list")
    assert key_id in listing.stdout and "beta" in listing.stdout and raw not in listing.stdout
    assert cli("list", "--workspace", "betta").returncode == 1
    other = cli("create", "--name", "ci2", "--workspace", "beta")
    assert other.returncode == 0, other.stderr
    other_id = re.search(r"Created API key ([0-9a-f-]{36})", other.stdout).group(1)
    shown = f"{raw[:13]}…{raw[-4:]}"  # as `list` shows it
    assert shown in listing.stdout
    revoked = cli("revoke", shown)
    assert revoked.returncode == 0 and key_id in revoked.stdout, revoked.stderr
    assert cli("revoke", other_id[:8]).returncode == 0  # a unique start of the id
    assert cli("list", "--workspace", "beta").stdout.count("revoked") == 2
    assert "matches" in cli("revoke", "tune_dev_").stderr  # ambiguous: every key starts so
    assert cli("revoke", "not-an-id").returncode == 1
    assert cli("create", "--name", "x", "--scopes", "root").returncode == 2


@pytest.mark.slow
def test_cli_help_documents_every_option_with_its_default():
    out = subprocess.run(
        [sys.executable, "auth.py", "create", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    ).stdout
    for option, default in (
        ("--workspace", "default"),
        ("--scopes", "read,write"),
        ("--create-workspace", "False"),
    ):
        assert option in out and f"(default: {default})" in out, out
    assert "--name" in out and "a label for the key" in out


def test_key_cache_expires_and_revocation_leaves_a_tombstone():
    now = [0.0]
    cache = KeyCache(5, clock=lambda: now[0])
    p = Principal(key_id=uuid.uuid4(), workspace_id=uuid.uuid4(), scopes=("read",))
    cache.put("h", p)
    assert cache.get("h") is p
    now[0] = 5.1
    assert cache.get("h") is None  # expired: the next request looks the key up again
    cache.put("h", p)
    cache.evict("h")
    assert cache.get("h") is None
    cache.put("h", p)  # a lookup that raced the revocation cannot bring it back
    assert cache.get("h") is None
    now[0] = 11
    cache.put("h", p)
    assert cache.get("h") is p
    off = KeyCache(0)
    off.put("h", p)
    assert off.get("h") is None


async def test_a_key_revoked_by_another_process_stops_within_the_cache_ttl(database_url):
    app = create_app(make_settings(database_url, API_KEY_CACHE_TTL_S=0))
    async with app.router.lifespan_context(app), client_for(app) as client:
        key = await make_key(app.state.db)
        assert (await client.get("/api/industries", headers={"X-API-Key": key})).status_code == 200
        async with app.state.db.session() as s:  # as `python auth.py revoke` would, from elsewhere
            await s.execute(update(ApiKey).values(revoked_at=utcnow()))
        assert_problem(await client.get("/api/industries", headers={"X-API-Key": key}), 401)
