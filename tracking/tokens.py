"""Tracking tokens, tracked URLs, and links found in a message.

A token is `base64url(id.bytes + HMAC-SHA256(key, kind + id.bytes)[:16])`, 43 characters: the id
of a message (open pixel) or of a stored link (click), and a MAC that only the holder of
`SECRET_KEY` can make. The kind byte separates the two uses, so a pixel token is never a valid
click token. Tokens are checked in constant time and must be in canonical form (base64 has two
spare bits in its last character, which would otherwise let four spellings pass for one token).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import html
import re
import uuid
from typing import Literal
from urllib.parse import urlsplit

Kind = Literal["open", "click"]

_KIND_BYTE = {"open": b"o", "click": b"c"}
_MAC_LEN = 16
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")
# A URL in plain text: stops at whitespace, quotes and brackets; trailing punctuation is trimmed.
URL_RE = re.compile(r"https?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
_TRAILING = ".,;:!?*"
MAX_URL = 2000


@functools.lru_cache(maxsize=8)
def _key(secret: str) -> bytes:
    # Derived, so the tracking MAC never equals any other HMAC made with SECRET_KEY. Cached: every
    # pixel verifies a token, and deriving the key cost as much as the token's own MAC.
    return hmac.new(secret.encode(), b"tune-tracking-token-v1", hashlib.sha256).digest()


def sign(kind: Kind, ident: uuid.UUID, secret: str) -> str:
    """The token for a message (`open`) or a stored link (`click`)."""
    mac = hmac.digest(_key(secret), _KIND_BYTE[kind] + ident.bytes, "sha256")[:_MAC_LEN]
    return base64.urlsafe_b64encode(ident.bytes + mac).rstrip(b"=").decode()


def verify(kind: Kind, token: str, secret: str) -> uuid.UUID | None:
    """The id inside a valid token of this kind, else None (malformed, forged or tampered)."""
    if not TOKEN_RE.match(token):
        return None
    raw = base64.urlsafe_b64decode(token + "=")
    ident = uuid.UUID(bytes=raw[:16])
    if not hmac.compare_digest(sign(kind, ident, secret), token):
        return None
    return ident


def pixel_url(base_url: str, message_id: uuid.UUID, secret: str) -> str:
    return f"{base_url}/t/o/{sign('open', message_id, secret)}.gif"


def click_url(base_url: str, link_id: uuid.UUID, secret: str) -> str:
    return f"{base_url}/t/c/{sign('click', link_id, secret)}"


def clean_url(candidate: str) -> str | None:
    """A URL worth tracking (http/https with a host, bounded length), trailing punctuation trimmed."""
    url = candidate.rstrip(_TRAILING)
    if len(url) > MAX_URL:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def extract_urls(*texts: str | None) -> list[str]:
    """Distinct http(s) URLs in the texts, in order of first appearance; our own tracking URLs excluded."""
    seen: dict[str, None] = {}
    for text in texts:
        for match in URL_RE.finditer(text or ""):
            url = clean_url(match.group(0))
            if url and "/t/c/" not in url and "/t/o/" not in url:
                seen.setdefault(url, None)
    return list(seen)


def tracked_text(text: str, tracked: dict[str, str]) -> str:
    """Plain text with each stored URL replaced by its tracked URL."""

    def swap(match: re.Match[str]) -> str:
        raw = match.group(0)
        url = raw.rstrip(_TRAILING)
        return tracked.get(url, url) + raw[len(url) :]

    return URL_RE.sub(swap, text)


def tracked_html(text: str, tracked: dict[str, str], pixel: str | None) -> str:
    """The plain-text body as simple HTML: paragraphs, links through their tracked URLs, the pixel last."""

    def render(chunk: str) -> str:
        out, last = [], 0
        for match in URL_RE.finditer(chunk):
            raw = match.group(0)
            url = raw.rstrip(_TRAILING)
            out.append(html.escape(chunk[last : match.start()]))
            target = tracked.get(url)
            out.append(f'<a href="{html.escape(target)}">{html.escape(url)}</a>' if target else html.escape(url))
            last = match.start() + len(url)
        out.append(html.escape(chunk[last:]))
        return "".join(out).replace("\n", "<br>")

    paragraphs = [p.strip("\n") for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    body = "".join(f"<p>{render(p)}</p>" for p in paragraphs)
    if pixel:
        body += (
            f'<img src="{html.escape(pixel)}" width="1" height="1" alt="" '
            'style="display:block;border:0;width:1px;height:1px">'
        )
    return body
