"""Outbound URL safety (no SSRF) and inbound webhook authentication.

Outbound: a push URL must be https, carry no credentials, and every address its host resolves to
must be public (not private, loopback, link-local, multicast, reserved, unspecified, shared or
IPv4-mapped private). The request then connects to the address that was checked (the host stays in
`Host` and in TLS SNI/certificate checks), so DNS cannot be rebound between check and connect, and
redirects are never followed. Only with `ENV=development` and `CLAY_ALLOW_PRIVATE_URLS=true` are
http:// and private addresses allowed (the tests' fake Clay on 127.0.0.1).

Inbound: Clay does not sign its requests, so the HTTP API column sends a static secret header
(`X-Clay-Secret`, or `x-clay-webhook-auth` like Clay's own webhooks); relays that can sign send
`X-Signature: t=<unix>,v1=<hex>` with HMAC-SHA256 over `f"{t}.".encode() + raw_body`, accepted
within five minutes either way. The secrets tried are the campaign's workspace's active ones
(`clay.secrets`; several while rotating), several `v1=` may be given, and all comparisons are
constant-time.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import re
import secrets as _secrets
import socket
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import httpx

from core.errors import Unauthorized

SIGNATURE_TOLERANCE_S = 300
SECRET_HEADERS = ("x-clay-secret", "x-clay-webhook-auth")
SIGNATURE_HEADER = "x-signature"
RESOLVE_TIMEOUT_S = 5.0

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeURL(ValueError):
    """An outbound URL we refuse to call."""


@dataclass(frozen=True, slots=True)
class SafeTarget:
    """A checked URL and the checked address to connect to."""

    url: httpx.URL
    address: str


def is_public(ip: IPAddress) -> bool:
    """True only for globally routable unicast addresses."""
    if isinstance(ip, ipaddress.IPv6Address):
        for embedded in (ip.ipv4_mapped, ip.sixtofour):
            if embedded is not None:
                return is_public(embedded)
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


async def _addresses(host: str, port: int) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), RESOLVE_TIMEOUT_S)
    except (OSError, TimeoutError) as exc:
        raise UnsafeURL("the host does not resolve to a public address") from exc
    found: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if ip not in found:
            found.append(ip)
    if not found:
        raise UnsafeURL("the host does not resolve to a public address")
    return found


def check_url_syntax(url: str, *, allow_private: bool) -> httpx.URL:
    """Scheme, host and credentials; no network. Raises UnsafeURL."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise UnsafeURL("not a valid URL") from exc
    allowed = ("https", "http") if allow_private else ("https",)
    if parsed.scheme not in allowed:
        raise UnsafeURL("the URL must use https")
    if not parsed.host:
        raise UnsafeURL("the URL has no host")
    if parsed.userinfo:
        raise UnsafeURL("the URL must not carry credentials")
    return parsed


async def resolve_target(url: str, *, allow_private: bool) -> SafeTarget:
    """Check `url` and resolve it to one address we may connect to. Raises UnsafeURL."""
    parsed = check_url_syntax(url, allow_private=allow_private)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    addresses = await _addresses(parsed.host, port)
    if not allow_private:
        bad = [ip for ip in addresses if not is_public(ip)]
        if bad:  # one answer for both: never tell what (or whether) an internal name resolves (finding 12)
            raise UnsafeURL("the host does not resolve to a public address")
    return SafeTarget(url=parsed, address=str(addresses[0]))


def pinned_request(
    client: httpx.AsyncClient, target: SafeTarget, *, json: object, headers: Mapping[str, str]
) -> httpx.Request:
    """A POST to the checked address, with the original host in `Host` and in TLS (SNI, certificate)."""
    extensions = {}
    try:
        ipaddress.ip_address(target.url.host)
    except ValueError:
        extensions["sni_hostname"] = target.url.host
    return client.build_request(
        "POST",
        target.url.copy_with(host=target.address),
        json=json,
        headers={**headers, "Host": target.url.netloc.decode("ascii")},
        extensions=extensions,
    )


# --- inbound ----------------------------------------------------------------------------------


def signature(secret: str, timestamp: int | str, body: bytes) -> str:
    """The hex HMAC-SHA256 a signing relay sends as `v1=` (over `f"{t}.".encode() + body`)."""
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def _parse_signature(header: str) -> tuple[int, list[str]]:
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        name, sep, value = part.strip().partition("=")
        if not sep:
            continue
        if name == "t" and re.fullmatch(r"[0-9]{1,12}", value.strip()):  # bounded: no overflow on 400 digits
            timestamp = int(value.strip())
        elif name == "v1" and value.strip():
            candidates.append(value.strip().lower())
    if timestamp is None or not candidates:
        raise Unauthorized("Malformed X-Signature header; expected 't=<unix seconds>,v1=<hex HMAC-SHA256>'.")
    return timestamp, candidates


def verify_webhook(
    headers: Mapping[str, str], body: bytes, *, secrets: Sequence[str], now: float | None = None
) -> str:
    """Authenticate an inbound webhook; return the method that passed ("secret" or "hmac").

    Raises Unauthorized (401) when no secret is configured, nothing is presented, or nothing matches.
    """
    # No secret (an unknown campaign, or a workspace without one): compare against a random value,
    # so the answer and its timing are those of a wrong secret (issue 13, finding 2).
    secrets = list(secrets) or [_secrets.token_urlsafe(32)]
    keys = [s.encode() for s in secrets]
    presented = [headers[h].encode() for h in SECRET_HEADERS if headers.get(h)]
    ok = False
    for value in presented:
        for key in keys:
            ok |= hmac.compare_digest(value, key)
    if ok:
        return "secret"
    raw_signature = headers.get(SIGNATURE_HEADER)
    if raw_signature:
        timestamp, candidates = _parse_signature(raw_signature)
        if abs((now if now is not None else time.time()) - timestamp) > SIGNATURE_TOLERANCE_S:
            raise Unauthorized("X-Signature timestamp is outside the 5-minute window; sign with the current time.")
        for secret in secrets:
            expected = signature(secret, timestamp, body).encode()
            for candidate in candidates:
                ok |= hmac.compare_digest(expected, candidate.encode())
        if ok:
            return "hmac"
    if not presented and not raw_signature:
        raise Unauthorized("Missing X-Clay-Secret (or x-clay-webhook-auth) or X-Signature header.")
    raise Unauthorized("Invalid webhook secret or signature.")
