"""Per-workspace secrets for the inbound Clay webhook (issue 13, finding 2).

One service-wide secret let anyone who held it write into any workspace that had a campaign id
they knew. Now each workspace creates its own (`POST /api/clay/webhook-secrets`, admin scope), shown
once, and the webhook accepts a request only when the secret (header or HMAC) is one of the
campaign's own workspace's active secrets. An unknown campaign and another workspace's campaign get
the same 401 as a wrong secret, so the answer does not tell whether a campaign exists.

Storage: encrypted, not hashed. The header mode could live with a hash, but the HMAC mode must
recompute `HMAC(secret, t + "." + body)`, which needs the secret itself. Each secret is sealed with
AES-256-GCM under a key derived from `SECRET_KEY`, with the row id and workspace id as associated
data, so a database dump alone reveals nothing and a ciphertext moved to another row or workspace
does not decrypt. Changing `SECRET_KEY` therefore invalidates these secrets (create new ones).

Rotation: create a new secret (the old one keeps working), put it in Clay, then revoke the old one.
"""

from __future__ import annotations

import hashlib
import secrets as random
import uuid
from datetime import datetime

import structlog
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pydantic import Field, field_validator
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, NotFound
from models import Campaign, ClayWebhookSecret, utcnow
from schemas import Input, Output
from settings import weak_secret

log = structlog.get_logger()

PREFIX = "whsec_"
MAX_ACTIVE = 5  # per workspace: enough to rotate, not a way to pile up secrets


class WebhookSecretCreate(Input):
    """A name for the secret; `secret` imports an existing value (e.g. one already set in Clay)."""

    name: str = Field("clay", min_length=1, max_length=100)
    secret: str | None = Field(
        None,
        min_length=24,
        max_length=200,
        description="Optional: an existing random value to import (at least 24 "
        "characters). Omit it to have one generated.",
    )

    @field_validator("secret")
    @classmethod
    def _random_enough(cls, value: str | None) -> str | None:
        if value is not None and weak_secret(value, 24):
            raise ValueError("the secret must be a random value of at least 24 characters")
        return value


class WebhookSecretRead(Output):
    id: uuid.UUID
    name: str
    prefix: str
    last4: str
    created_at: datetime
    revoked_at: datetime | None = None


class WebhookSecretCreated(WebhookSecretRead):
    secret: str | None = Field(description="The secret. Shown once; put it in Clay's X-Clay-Secret header now.")


def _key(secret_key: str) -> bytes:
    return hashlib.sha256(b"tune-clay-webhook-secret\n" + secret_key.encode()).digest()


def _aad(row_id: uuid.UUID, workspace_id: uuid.UUID) -> bytes:
    return row_id.bytes + workspace_id.bytes


def seal(value: str, *, row_id: uuid.UUID, workspace_id: uuid.UUID, secret_key: str) -> bytes:
    nonce = random.token_bytes(12)
    return nonce + AESGCM(_key(secret_key)).encrypt(nonce, value.encode(), _aad(row_id, workspace_id))


def unseal(row: ClayWebhookSecret, *, secret_key: str) -> str | None:
    """The secret, or None when it cannot be opened (SECRET_KEY changed, or the row was tampered with)."""
    try:
        return (
            AESGCM(_key(secret_key))
            .decrypt(row.ciphertext[:12], row.ciphertext[12:], _aad(row.id, row.workspace_id))
            .decode()
        )
    except (InvalidTag, ValueError):
        log.warning("clay.webhook_secret_unreadable", secret_id=str(row.id))
        return None


async def create_secret(
    session: AsyncSession, *, workspace_id: uuid.UUID, name: str, secret_key: str, value: str | None = None
) -> tuple[ClayWebhookSecret, str]:
    """Store a new (or imported) secret sealed; return the row and the secret, the only time it is shown."""
    active = await list_secrets(session, workspace_id=workspace_id, active_only=True)
    if len(active) >= MAX_ACTIVE:
        raise Conflict(f"A workspace has at most {MAX_ACTIVE} active webhook secrets; revoke an old one first.")
    raw = value or PREFIX + random.token_urlsafe(32)
    row = ClayWebhookSecret(
        id=uuid.uuid4(), workspace_id=workspace_id, name=name, prefix=raw[:10], last4=raw[-4:], ciphertext=b""
    )
    row.ciphertext = seal(raw, row_id=row.id, workspace_id=workspace_id, secret_key=secret_key)
    session.add(row)
    await session.flush()
    log.info(
        "clay.webhook_secret_created",
        secret_id=str(row.id),
        workspace_id=str(workspace_id),
        imported=value is not None,
    )
    return row, raw


async def list_secrets(
    session: AsyncSession, *, workspace_id: uuid.UUID, active_only: bool = False
) -> list[ClayWebhookSecret]:
    query = select(ClayWebhookSecret).where(ClayWebhookSecret.workspace_id == workspace_id)
    if active_only:
        query = query.where(ClayWebhookSecret.revoked_at.is_(None))
    return list(await session.scalars(query.order_by(ClayWebhookSecret.created_at)))


async def revoke_secret(
    session: AsyncSession, *, workspace_id: uuid.UUID, secret_id: uuid.UUID
) -> ClayWebhookSecret:
    """Revoke a secret of the workspace (idempotent); another workspace's is not found."""
    row = await session.get(ClayWebhookSecret, secret_id)
    if row is None or row.workspace_id != workspace_id:
        raise NotFound(f"No webhook secret {secret_id}")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        log.info("clay.webhook_secret_revoked", secret_id=str(secret_id), workspace_id=str(workspace_id))
    return row


async def secrets_for_campaign(
    session: AsyncSession, *, campaign_id: uuid.UUID, secret_key: str
) -> tuple[uuid.UUID | None, list[str]]:
    """The campaign's workspace and that workspace's active secrets; (None, []) for no such campaign."""
    workspace_id = await session.scalar(select(Campaign.workspace_id).where(Campaign.id == campaign_id))
    if workspace_id is None:
        return None, []
    rows = await list_secrets(session, workspace_id=workspace_id, active_only=True)
    return workspace_id, [s for r in rows if (s := unseal(r, secret_key=secret_key)) is not None]
