"""Opaque keyset cursors for `Page[X]`: base64url of the last row's sort key."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, or_
from sqlalchemy.ext.asyncio import AsyncSession

from errors import Unprocessable


def encode(*values: Any) -> str:
    plain = [v if isinstance(v, int | float | str) else str(v) for v in values]
    raw = json.dumps(plain, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).rstrip(b"=").decode()


def decode(cursor: str, size: int) -> list[Any]:
    """The values inside a cursor made by `encode`; 422 for anything else."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise Unprocessable("Invalid cursor; pass back the next_cursor of the previous page.") from exc
    if not isinstance(values, list) or len(values) != size:
        raise Unprocessable("Invalid cursor; pass back the next_cursor of the previous page.")
    return values


async def newest_first(session: AsyncSession, query: Select[Any], model: Any, *, cursor: str | None,
                       limit: int) -> tuple[list[Any], str | None]:
    """One page of `query`'s rows, newest first by (created_at, id), and the cursor of the next page."""
    if cursor:
        created, ident = decode(cursor, 2)
        try:
            at, last = datetime.fromisoformat(created), uuid.UUID(ident)
        except (TypeError, ValueError) as exc:
            raise Unprocessable("Invalid cursor; pass back the next_cursor of the previous page.") from exc
        query = query.where(or_(model.created_at < at, and_(model.created_at == at, model.id < last)))
    rows = list(await session.scalars(query.order_by(model.created_at.desc(), model.id.desc()).limit(limit + 1)))
    more, rows = len(rows) > limit, rows[:limit]
    return rows, encode(rows[-1].created_at.isoformat(), rows[-1].id) if more and rows else None
