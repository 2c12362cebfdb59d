"""The one test rig: a started app on this test's database (SQLite or PostgreSQL) and clients for it.

    r = await rig(claude=False, **settings)
    r.app, r.db, r.settings     the app, its TuneDatabase and Settings
    r.client, r.key             a client holding a fresh read+write key of workspace "acme", and that key
    r.public                    a client with no key (public routes, webhooks)
    await r.other_client(ws)    a client with a key of another workspace

`claude=True` points the app at the fake Anthropic server (one attempt per call). Every client is
closed after the test and every app stopped (by `app_factory`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

import auth
from database_async import TuneDatabase


def client_for(application: Any, **kwargs: Any) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=application, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://test", **kwargs)


async def make_key(
    db: TuneDatabase,
    *,
    workspace: str = "acme",
    scopes: tuple[str, ...] = ("read", "write"),
    name: str = "test key",
) -> str:
    """Create a key straight through the service layer; return the raw key."""
    async with db.session() as session:
        ws = await auth.get_or_create_workspace(session, name=workspace)
        _, raw = await auth.create_key(session, workspace_id=ws.id, name=name, scopes=list(scopes), env="dev")
    return raw


@dataclass
class Rig:
    app: Any
    client: httpx.AsyncClient
    key: str
    settings: Any = None
    extra: list[httpx.AsyncClient] = field(default_factory=list)

    @property
    def db(self) -> Any:
        return self.app.state.db

    @property
    def public(self) -> httpx.AsyncClient:
        """A client with no API key (made at first use)."""
        for c in self.extra:
            if "x-api-key" not in c.headers:
                return c
        c = client_for(self.app)
        self.extra.append(c)
        return c

    async def other_client(self, workspace: str = "rival agency") -> httpx.AsyncClient:
        other = client_for(self.app, headers={"X-API-Key": await make_key(self.db, workspace=workspace)})
        self.extra.append(other)
        return other


RigFactory = Callable[..., Awaitable[Rig]]


@pytest.fixture
async def rig(app_factory: Any) -> AsyncIterator[RigFactory]:
    """`await rig(claude=False, **settings)` → a `Rig` (see the module docstring)."""
    opened: list[Rig] = []

    async def make(claude: bool = False, **overrides: Any) -> Rig:
        app = await app_factory(claude, **overrides)
        key = await make_key(app.state.db)
        r = Rig(app=app, client=client_for(app, headers={"X-API-Key": key}), key=key, settings=app.state.settings)
        opened.append(r)
        return r

    yield make
    for r in opened:
        for c in (r.client, *r.extra):
            await c.aclose()
