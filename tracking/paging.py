"""Opaque keyset cursors for `Page[X]`: base64url of the last row's sort key."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

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
