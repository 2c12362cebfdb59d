"""API keys of the caller's workspace (admin scope)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

import auth
from core.deps import AdminKey, KeyCacheDep, SessionDep, SettingsDep
from schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyRead, Page

router = APIRouter(prefix="/api/keys", tags=["keys"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ApiKeyCreated)
async def create_key(
    body: ApiKeyCreate, key: AdminKey, session: SessionDep, settings: SettingsDep, response: Response
) -> ApiKeyCreated:
    """Create an API key in your workspace; the key is in this response only."""
    response.headers["Cache-Control"] = "no-store"  # a secret: never cached, replayed without it
    row, raw = await auth.create_key(
        session, workspace_id=key.workspace_id, name=body.name, scopes=list(body.scopes), env=settings.key_env
    )
    return ApiKeyCreated.model_validate({**ApiKeyRead.model_validate(row).model_dump(), "key": raw})


@router.get("", response_model=Page[ApiKeyRead])
async def list_keys(key: AdminKey, session: SessionDep) -> Page[ApiKeyRead]:
    """List your workspace's keys (prefix and last four characters, never the secret), in one page."""
    rows = await auth.list_keys(session, workspace_id=key.workspace_id)
    return Page[ApiKeyRead](items=[ApiKeyRead.model_validate(k) for k in rows], next_cursor=None)


@router.delete("/{key_id}", response_model=ApiKeyRead)
async def revoke_key(key_id: uuid.UUID, key: AdminKey, session: SessionDep, key_cache: KeyCacheDep) -> ApiKeyRead:
    """Revoke a key of your workspace; it stops working at once (other processes: API_KEY_CACHE_TTL_S)."""
    row = await auth.revoke_key(session, key_id=key_id, workspace_id=key.workspace_id)
    key_cache.evict(row.key_hash)
    return ApiKeyRead.model_validate(row)
