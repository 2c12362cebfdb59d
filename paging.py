"""Opaque keyset cursors for `Page[X]`: base64url of the list's name and the last row's sort key.

A cursor names the list that made it, so a cursor from `/api/campaigns` passed to `/api/jobs` is a
422 rather than a silently wrong page.
"""

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

INVALID = "Invalid cursor; pass back the next_cursor of the previous page."


def encode(*values: Any, kind: str = "list") -> str:
    """A cursor for the list named `kind` holding `values` (the last row's sort key). Name the list:
    the default name is shared by every caller that does not."""
    plain = [v if isinstance(v, int | float | str) else str(v) for v in values]
    raw = json.dumps([kind, *plain], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).rstrip(b"=").decode()


def decode(cursor: str, size: int, *, kind: str = "list") -> list[Any]:
    """The values inside a cursor that `encode` made for the list `kind`; 422 for anything else."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise Unprocessable(INVALID) from exc
    if not isinstance(values, list) or len(values) != size + 1 or not isinstance(values[0], str):
        raise Unprocessable(INVALID)
    if values[0] != kind:
        raise Unprocessable(f"This cursor pages the {values[0]} list, not the {kind} list; pass back the "
                            f"next_cursor that this list gave you.")
    return values[1:]


async def newest_first(session: AsyncSession, query: Select[Any], model: Any, *, cursor: str | None,
                       limit: int, kind: str | None = None) -> tuple[list[Any], str | None]:
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
