"""Opaque keyset cursors for `Page[X]`: base64url of the last row's sort key, signed.

A cursor is `<base64url JSON>.<base64url HMAC-SHA256, 16 bytes>` keyed by `SECRET_KEY`, so a client
can pass back only a cursor the service made: a tampered one (an out-of-range number, a date that
cannot be converted) is a 422 before any query runs (issue 13, findings 1 and 8).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, or_
from sqlalchemy.ext.asyncio import AsyncSession

from errors import Unprocessable

MAX_CURSOR_LEN = 512
_INVALID = "Invalid cursor; pass back the next_cursor of the previous page."


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _tag(payload: str) -> str:
    from settings import get_settings

    key = hashlib.sha256(b"tune-cursor\n" + get_settings().SECRET_KEY.encode()).digest()
    return _b64(hmac.new(key, payload.encode(), hashlib.sha256).digest()[:16])


def encode(*values: Any) -> str:
    plain = [v if isinstance(v, int | float | str) else str(v) for v in values]
    payload = _b64(json.dumps(plain, separators=(",", ":")).encode())
    return f"{payload}.{_tag(payload)}"


def decode(cursor: str, size: int) -> list[Any]:
    """The values inside a cursor made by `encode`; 422 for anything else (unsigned, tampered)."""
    payload, _, tag = cursor.partition(".")
    if len(cursor) > MAX_CURSOR_LEN or not tag or not hmac.compare_digest(tag.encode(), _tag(payload).encode()):
        raise Unprocessable(_INVALID)
    try:
        values = json.loads(_unb64(payload))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise Unprocessable(_INVALID) from exc
    if not isinstance(values, list) or len(values) != size:
        raise Unprocessable(_INVALID)
    return values


async def newest_first(session: AsyncSession, query: Select[Any], model: Any, *, cursor: str | None,
                       limit: int) -> tuple[list[Any], str | None]:
    """One page of `query`'s rows, newest first by (created_at, id), and the cursor of the next page."""
    if cursor:
        created, ident = decode(cursor, 2)
        try:
            at, last = datetime.fromisoformat(created), uuid.UUID(ident)
        except (TypeError, ValueError) as exc:
            raise Unprocessable(_INVALID) from exc
        query = query.where(or_(model.created_at < at, and_(model.created_at == at, model.id < last)))
    rows = list(await session.scalars(query.order_by(model.created_at.desc(), model.id.desc()).limit(limit + 1)))
    more, rows = len(rows) > limit, rows[:limit]
    return rows, encode(rows[-1].created_at.isoformat(), rows[-1].id) if more and rows else None
