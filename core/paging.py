"""Opaque keyset cursors for `Page[X]`: the list's name and the last row's sort key, signed.

A cursor is `<base64url JSON>.<base64url HMAC-SHA256, 16 bytes>` keyed by `SECRET_KEY`, so a client
can pass back only a cursor the service made: a tampered one (an out-of-range number, a date that
cannot be converted) is a 422 before any query runs (issue 13, findings 1 and 8). A cursor names the
list that made it, so a cursor from `/api/campaigns` passed to `/api/jobs` is a 422 rather than a
silently wrong page.
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

from core.errors import Unprocessable

MAX_CURSOR_LEN = 512
INVALID = "Invalid cursor; pass back the next_cursor of the previous page."


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _tag(payload: str) -> str:
    from settings import get_settings

    key = hashlib.sha256(b"tune-cursor\n" + get_settings().SECRET_KEY.encode()).digest()
    return _b64(hmac.new(key, payload.encode(), hashlib.sha256).digest()[:16])


def encode(*values: Any, kind: str = "list") -> str:
    """A cursor for the list named `kind` holding `values` (the last row's sort key). Name the list:
    the default name is shared by every caller that does not."""
    plain = [v if isinstance(v, int | float | str) else str(v) for v in values]
    payload = _b64(json.dumps([kind, *plain], separators=(",", ":")).encode())
    return f"{payload}.{_tag(payload)}"


def decode(cursor: str, size: int, *, kind: str = "list") -> list[Any]:
    """The values inside a cursor that `encode` made for the list `kind`; 422 for anything else
    (unsigned, tampered, another list's)."""
    payload, _, tag = cursor.partition(".")
    if len(cursor) > MAX_CURSOR_LEN or not tag or not hmac.compare_digest(tag.encode(), _tag(payload).encode()):
        raise Unprocessable(INVALID)
    try:
        values = json.loads(_unb64(payload))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise Unprocessable(INVALID) from exc
    if not isinstance(values, list) or len(values) != size + 1 or not isinstance(values[0], str):
        raise Unprocessable(INVALID)
    if values[0] != kind:
        raise Unprocessable(
            f"This cursor pages the {values[0]} list, not the {kind} list; pass back the "
            f"next_cursor that this list gave you."
        )
    return values[1:]


async def newest_first(
    session: AsyncSession,
    query: Select[Any],
    model: Any,
    *,
    cursor: str | None,
    limit: int,
    kind: str | None = None,
) -> tuple[list[Any], str | None]:
    """One page of `query`'s rows, newest first by (created_at, id), and the cursor of the next page.

    `kind` names the list in its cursors (default: the model's table name).
    """
    kind = kind or model.__tablename__
    if cursor:
        created, ident = decode(cursor, 2, kind=kind)
        try:
            at, last = datetime.fromisoformat(created), uuid.UUID(ident)
        except (TypeError, ValueError) as exc:
            raise Unprocessable(INVALID) from exc
        query = query.where(or_(model.created_at < at, and_(model.created_at == at, model.id < last)))
    rows = list(await session.scalars(query.order_by(model.created_at.desc(), model.id.desc()).limit(limit + 1)))
    more, rows = len(rows) > limit, rows[:limit]
    return rows, encode(rows[-1].created_at.isoformat(), rows[-1].id, kind=kind) if more and rows else None
