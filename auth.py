"""Workspaces and API keys: creation, lookup, scopes, revocation, and the `python auth.py` CLI.

A key looks like `tune_dev_<43 base62 chars>` (32 random bytes). Only its SHA-256 is stored, with a
display prefix and the last four characters; the key itself is shown once. Lookups go by hash and
the stored hash is compared in constant time. Several keys may be active in one workspace, so a key
is rotated by creating the new one, switching clients, then revoking the old one.

    python auth.py create --name NAME [--workspace W [--create-workspace]] [--scopes read,write,admin]
    python auth.py list [--workspace W]
    python auth.py revoke KEY       # the id, a unique start of it, or the prefix `list` shows
    python auth.py bootstrap        # first admin key, only when no key exists yet
    python auth.py COMMAND --help   # every option, with its default
"""

from __future__ import annotations

import argparse
import asyncio
import difflib
import hashlib
import hmac
import secrets
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

import structlog
from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader
from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Forbidden, NotFound, Unauthorized
from core.ratelimit import client_ip
from models import ApiKey, Workspace, utcnow

log = structlog.get_logger()

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
SECRET_LEN = 43  # 62**43 > 2**256: room for all 32 random bytes
SCOPE_ORDER = ("read", "write", "admin")  # each scope includes the ones before it
TOUCH_EVERY = timedelta(seconds=60)  # last_used_at resolution: at most one write a minute per key

api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="An API key from `python auth.py create` or POST /api/keys."
)


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def generate_key(env: str) -> str:
    """A new key: `tune_<env>_` then 32 random bytes in base62."""
    n = int.from_bytes(secrets.token_bytes(32), "big")
    chars = []
    for _ in range(SECRET_LEN):
        n, r = divmod(n, 62)
        chars.append(BASE62[r])
    return f"tune_{env}_{''.join(chars)}"


def grants(scopes: list[str], needed: str) -> bool:
    """True when the key's scopes include `needed` (admin implies write implies read)."""
    rank = SCOPE_ORDER.index(needed)
    return any(s in SCOPE_ORDER and SCOPE_ORDER.index(s) >= rank for s in scopes)


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the key's id, its workspace and its scopes."""

    key_id: uuid.UUID
    workspace_id: uuid.UUID
    scopes: tuple[str, ...]


# --- services ---------------------------------------------------------------------------------


async def get_or_create_workspace(session: AsyncSession, *, name: str) -> Workspace:
    workspace = await session.scalar(select(Workspace).where(Workspace.name == name))
    if workspace is None:
        workspace = Workspace(name=name)
        session.add(workspace)
        await session.flush()
    return workspace


async def create_key(
    session: AsyncSession, *, workspace_id: uuid.UUID, name: str, scopes: list[str], env: str
) -> tuple[ApiKey, str]:
    """Store a new key's hash; return the row and the key itself (the only time it exists)."""
    raw = generate_key(env)
    ordered = [s for s in SCOPE_ORDER if s in set(scopes)]
    row = ApiKey(
        workspace_id=workspace_id,
        name=name,
        key_hash=hash_key(raw),
        prefix=raw[: len(f"tune_{env}_") + 4],
        last4=raw[-4:],
        scopes=ordered,
    )
    session.add(row)
    await session.flush()
    log.info("api_key.created", key_id=str(row.id), workspace_id=str(workspace_id), scopes=ordered)
    return row, raw


async def list_keys(session: AsyncSession, *, workspace_id: uuid.UUID | None = None) -> list[ApiKey]:
    query = select(ApiKey).order_by(ApiKey.created_at)
    if workspace_id is not None:
        query = query.where(ApiKey.workspace_id == workspace_id)
    return list(await session.scalars(query))


async def revoke_key(session: AsyncSession, *, key_id: uuid.UUID, workspace_id: uuid.UUID | None = None) -> ApiKey:
    """Revoke a key (idempotent). A key of another workspace is reported as not found."""
    row = await session.get(ApiKey, key_id)
    if row is None or (workspace_id is not None and row.workspace_id != workspace_id):
        raise NotFound(f"No API key {key_id}")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        log.info("api_key.revoked", key_id=str(key_id), workspace_id=str(row.workspace_id))
    return row


async def count_keys(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(ApiKey)) or 0)


class KeyCache:
    """Validated keys, kept `ttl` seconds so most requests cost no key lookup.

    A key revoked through this process is evicted at once and cannot be re-cached for `ttl`
    seconds (a tombstone), so a lookup racing the revocation cannot bring it back; other processes
    stop accepting it within `ttl` seconds. `ttl=0` disables the cache.

    A key in the second half of its `ttl` is looked up again by one request (`due`) while the others
    are still answered from the cache, so under load no request waits for the lookup (every request
    used to wait on it each `ttl`: at 500 connections, hundreds of milliseconds every 5 s).
    """

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self.clock = ttl, clock
        self._valid: dict[str, tuple[Principal, float]] = {}
        self._revoked: dict[str, float] = {}
        # Lookups under way, by key hash: requests that miss together share one lookup (and at most
        # one last_used_at write) instead of queueing a write each behind the database's writer lock.
        self.inflight: dict[str, asyncio.Future[Any]] = {}

    def get(self, key_hash: str) -> Principal | None:
        entry = self._valid.get(key_hash)
        if entry is None or entry[1] < self.clock():
            return None
        return entry[0]

    def due(self, key_hash: str) -> bool:
        """True when the cached key is past half its life and nobody is looking it up yet."""
        entry = self._valid.get(key_hash)
        return entry is not None and entry[1] - self.clock() <= self.ttl / 2 and key_hash not in self.inflight

    def drop(self, key_hash: str) -> None:
        """Forget a key a lookup found invalid (revoked elsewhere): its next request is refused too."""
        self._valid.pop(key_hash, None)

    def put(self, key_hash: str, principal: Principal) -> None:
        now = self.clock()
        if self.ttl <= 0 or self._revoked.get(key_hash, 0) > now:
            return
        if len(self._valid) >= 10_000:  # bounded memory: keep only the entries still fresh
            self._valid = {k: v for k, v in self._valid.items() if v[1] >= now}
            self._revoked = {k: t for k, t in self._revoked.items() if t > now}
        self._valid[key_hash] = (principal, now + self.ttl)

    def evict(self, key_hash: str) -> None:
        self._valid.pop(key_hash, None)
        self._revoked[key_hash] = self.clock() + self.ttl


_RETRY = object()  # a shared lookup that failed for a reason other than the key itself


async def authenticate(db: Any, raw: str | None, cache: KeyCache | None = None) -> Principal:
    """Resolve a presented key to its principal, or raise 401."""
    if not raw or not raw.startswith("tune_") or len(raw) > 100:
        raise Unauthorized("Missing or malformed X-API-Key header.")
    presented = hash_key(raw)
    if cache is None:
        return await _lookup(db, presented, None)
    if (principal := cache.get(presented)) is not None:
        if not cache.due(presented):
            return principal
        return await _refresh(db, presented, cache, principal)
    pending = cache.inflight.get(presented)
    if pending is not None:  # another request is looking this key up: share its answer
        shared = await asyncio.shield(pending)
        if shared is _RETRY:  # that lookup failed (database error, cancelled): try on our own
            return await authenticate(db, raw, cache)
        if shared is None:
            raise Unauthorized("Invalid or revoked API key.")
        return shared
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    cache.inflight[presented] = future
    try:
        principal = await _lookup(db, presented, cache)
    except Unauthorized:
        future.set_result(None)
        raise
    except BaseException:
        future.set_result(_RETRY)
        raise
    else:
        future.set_result(principal)
        return principal
    finally:
        if cache.inflight.get(presented) is future:
            del cache.inflight[presented]


async def _refresh(db: Any, presented: str, cache: KeyCache, principal: Principal) -> Principal:
    """Look a cached key up again for everyone (others keep the cached principal meanwhile).

    A key found revoked is dropped and refused; if the database fails, the cached principal (still
    within its ttl) answers, as it would have for any other request."""
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    cache.inflight[presented] = future
    try:
        fresh = await _lookup(db, presented, cache)
    except Unauthorized:
        cache.drop(presented)
        future.set_result(None)
        raise
    except Exception:
        future.set_result(_RETRY)
        if cache.get(presented) is principal:
            log.warning("api_key.refresh_failed", exc_info=True)
            return principal
        raise
    except BaseException:
        future.set_result(_RETRY)
        raise
    else:
        future.set_result(fresh)
        return fresh
    finally:
        if cache.inflight.get(presented) is future:
            del cache.inflight[presented]


async def _lookup(db: Any, presented: str, cache: KeyCache | None) -> Principal:
    async with db.read_sessions() as session:
        row = (
            await session.execute(
                select(
                    ApiKey.id,
                    ApiKey.workspace_id,
                    ApiKey.scopes,
                    ApiKey.key_hash,
                    ApiKey.revoked_at,
                    ApiKey.last_used_at,
                ).where(ApiKey.key_hash == presented)
            )
        ).first()
    if row is None or not hmac.compare_digest(row.key_hash, presented) or row.revoked_at is not None:
        raise Unauthorized("Invalid or revoked API key.")
    now = utcnow()
    if row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY:
        # At most one write per key per minute; the WHERE makes concurrent touches a no-op.
        async with db.session() as session:
            await session.execute(
                update(ApiKey)
                .where(
                    ApiKey.id == row.id,
                    or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at < now - TOUCH_EVERY),
                )
                .values(last_used_at=now)
            )
    log.info("api_key_validated", key_id=str(row.id), workspace_id=str(row.workspace_id))
    principal = Principal(key_id=row.id, workspace_id=row.workspace_id, scopes=tuple(row.scopes))
    if cache is not None:
        cache.put(presented, principal)
    return principal


def require_key(scope: str) -> Callable[..., Awaitable[Principal]]:
    """Dependency factory: a valid key with `scope`, counted against its workspace's rate limit.

    Per workspace, not per key: an admin could otherwise mint keys to multiply its limit (issue 13,
    finding 14)."""

    async def dependency(request: Request, raw: Annotated[str | None, Security(api_key_header)]) -> Principal:
        app_state = request.app.state
        try:
            principal = await authenticate(app_state.db, raw, app_state.key_cache)
        except Unauthorized:
            # Failed attempts count against the caller's IP, so key guessing is throttled too.
            await app_state.limiter.enforce(request, f"ip:{client_ip(request)}")
            raise
        request.state.key_id = str(principal.key_id)
        structlog.contextvars.bind_contextvars(
            key_id=str(principal.key_id), workspace_id=str(principal.workspace_id)
        )
        await app_state.limiter.enforce(request, f"workspace:{principal.workspace_id}")
        if not grants(list(principal.scopes), scope):
            raise Forbidden(f"This API key lacks the '{scope}' scope.")
        return principal

    dependency.__name__ = f"require_{scope}_key"
    return dependency


ReadKey = Annotated[Principal, Depends(require_key("read"))]
WriteKey = Annotated[Principal, Depends(require_key("write"))]
AdminKey = Annotated[Principal, Depends(require_key("admin"))]


# --- CLI --------------------------------------------------------------------------------------


class CliError(Exception):
    """A mistake on the command line: printed to stderr, exit status 1."""


async def find_workspace(session: AsyncSession, name: str, *, create: bool) -> Workspace:
    """The workspace called `name`; an unknown name is an error (with a suggestion) unless `create`."""
    workspace = await session.scalar(select(Workspace).where(Workspace.name == name))
    if workspace is not None:
        return workspace
    if create:
        return await get_or_create_workspace(session, name=name)
    names = list(await session.scalars(select(Workspace.name).order_by(Workspace.name)))
    close = difflib.get_close_matches(name, names, n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    existing = f" Existing: {', '.join(names)}." if names else " There is none yet."
    raise CliError(f"No workspace '{name}'.{hint}{existing} To create it, add --create-workspace.")


async def find_key(session: AsyncSession, ref: str) -> ApiKey:
    """A key by its id, a unique start of its id, or the prefix `list` shows (`tune_dev_AbCd`,
    optionally with `…` and the last four characters)."""
    ref = ref.strip()
    try:
        row = await session.get(ApiKey, uuid.UUID(ref))
    except ValueError:
        row = None
    if row is not None:
        return row
    display = ref.replace("...", "…")
    prefix, _, last4 = display.partition("…")
    keys = await list_keys(session)
    if prefix.startswith("tune_"):
        matches = [k for k in keys if k.prefix.startswith(prefix) and (not last4 or k.last4 == last4)]
    elif len(ref) >= 4 and all(c in "0123456789abcdef-" for c in ref.lower()):
        matches = [k for k in keys if str(k.id).startswith(ref.lower())]
    else:
        raise CliError(f"'{ref}' is neither a key id nor a key prefix such as tune_dev_AbCd (see `list`).")
    if not matches:
        raise CliError(f"No API key matches '{ref}' (see `python auth.py list`).")
    if len(matches) > 1:
        raise CliError(
            f"'{ref}' matches {len(matches)} keys: "
            + ", ".join(f"{k.id} ({k.prefix}…{k.last4})" for k in matches)
            + "; give more of it."
        )
    return matches[0]


async def _cli(args: argparse.Namespace) -> int:
    from core.logs import configure_logging
    from database_async import TuneDatabase
    from settings import get_settings

    settings = get_settings()
    # Logs go to stderr, so stdout holds only what the command prints (a new key, a list).
    configure_logging("DEBUG" if settings.LOG_LEVEL == "DEBUG" else "WARNING", settings.LOG_FORMAT)
    db = TuneDatabase(settings=settings)
    try:
        await db.migrate()
        async with db.session() as session:
            if args.command == "bootstrap":
                if await count_keys(session):
                    print("API keys already exist; none created. Use `python auth.py list`.")
                    return 0
                args.command, args.name, args.workspace, args.scopes = (
                    "create",
                    "first admin key",
                    "default",
                    "read,write,admin",
                )
                args.create_workspace = True
            if args.command == "create":
                scopes = [s.strip() for s in args.scopes.split(",") if s.strip()]
                bad = [s for s in scopes if s not in SCOPE_ORDER]
                if bad or not scopes:
                    print(f"unknown scope(s): {bad}; use read, write, admin", file=sys.stderr)
                    return 2
                workspace = await find_workspace(session, args.workspace, create=args.create_workspace)
                row, raw = await create_key(
                    session, workspace_id=workspace.id, name=args.name, scopes=scopes, env=settings.key_env
                )
                print(
                    f"Created API key {row.id} ({','.join(row.scopes)}) in workspace "
                    f"'{workspace.name}'.\nKey (shown once, store it now):\n\n    {raw}\n"
                )
            elif args.command == "list":
                only = (await find_workspace(session, args.workspace, create=False)).id if args.workspace else None
                names = {w.id: w.name for w in await session.scalars(select(Workspace))}
                print(f"{'id':36}  {'workspace':16} {'name':20} {'key':22} {'scopes':18} status")
                for k in await list_keys(session, workspace_id=only):
                    status = "revoked" if k.revoked_at else "active"
                    print(
                        f"{k.id!s:36}  {names[k.workspace_id][:16]:16} {k.name[:20]:20} "
                        f"{k.prefix + '…' + k.last4:22} {','.join(k.scopes):18} {status}"
                    )
            elif args.command == "revoke":
                row = await revoke_key(session, key_id=(await find_key(session, args.key)).id)
                print(f"Revoked {row.id} ({row.prefix}…{row.last4}).")
        return 0
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        await db.dispose()


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.ArgumentDefaultsHelpFormatter
    parser = argparse.ArgumentParser(
        prog="python auth.py",
        formatter_class=formatter,
        description="Manage workspaces and API keys in the database named by DATABASE_URL (.env or the "
        "environment). Keys are printed on stdout; logs and errors go to stderr.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    create = sub.add_parser(
        "create",
        formatter_class=formatter,
        help="create a key and print it once",
        description="Create an API key and print it once (only its hash is stored).",
    )
    create.add_argument("--name", required=True, help="a label for the key, e.g. the client that will use it")
    create.add_argument(
        "--workspace",
        default="default",
        help="the workspace the key belongs to; it must exist unless --create-workspace",
    )
    create.add_argument(
        "--create-workspace",
        action="store_true",
        help="create the workspace when there is none of that name (a typo otherwise fails)",
    )
    create.add_argument(
        "--scopes",
        default="read,write",
        help="comma-separated: read, write (includes read), admin (includes write; manages keys)",
    )
    listing = sub.add_parser(
        "list",
        formatter_class=formatter,
        help="list keys (never the secrets)",
        description="List keys: id, workspace, name, display prefix, scopes, status.",
    )
    listing.add_argument("--workspace", default=None, help="only this workspace's keys (default: every workspace)")
    revoke = sub.add_parser(
        "revoke",
        formatter_class=formatter,
        help="revoke a key at once",
        description="Revoke a key. Other processes stop accepting it within API_KEY_CACHE_TTL_S seconds.",
    )
    revoke.add_argument(
        "key",
        metavar="KEY",
        help="the key's id, a unique start of it, or the prefix `list` shows (tune_dev_AbCd…)",
    )
    sub.add_parser(
        "bootstrap",
        formatter_class=formatter,
        help="create a first admin key if there is no key",
        description="Create a first admin key in workspace 'default', only when no key exists yet "
        "(`make run` calls it).",
    )
    return asyncio.run(_cli(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
