"""The machine filter: which opens and clicks were made by software rather than by the recipient.

Machine hits are labelled (`is_machine`, `machine_reason`), never dropped, and always answered.
Rules, first match wins:

- `apple_mpp`: Apple Mail Privacy Protection prefetches every image through Apple's proxies with
  the bare user agent "Mozilla/5.0"; an open from Apple's 17.0.0.0/8 network counts too.
- `scanner_user_agent`: a security scanner, crawler or HTTP library says so in its user agent
  (Proofpoint, Mimecast, Barracuda, Safe Links, python-requests…).
- `scanner_network`: the hit comes from a known mail-security network (Microsoft Exchange Online
  Protection, Proofpoint, Mimecast, Barracuda) or one listed in TRACKING_MACHINE_IP_RANGES.
- `no_user_agent`: a pixel or click hit without a user agent (every mail client sends one).
- `too_soon_after_delivery`: an open or click within TRACKING_TOO_SOON_S of the message's delivery
  (or its send, when no delivery was reported): people do not read that fast, prefetchers do.
- `click_burst`: clicks on TRACKING_BURST_MIN_LINKS distinct links of one message (or on all of
  them, if it has fewer) within TRACKING_BURST_WINDOW_S: scanners follow every link at once. The
  earlier clicks of the burst are relabelled too (see ingest.py).

Gmail's and Yahoo's image proxies fetch when the recipient opens, so they count as human.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from functools import lru_cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

APPLE_MPP_UA = "Mozilla/5.0"
APPLE_RANGES = ("17.0.0.0/8",)
# Published mail-security egress ranges (indicative; extend with TRACKING_MACHINE_IP_RANGES).
SCANNER_RANGES = (
    # Microsoft Exchange Online Protection / Defender for Office 365 (Safe Links)
    "40.92.0.0/15",
    "40.107.0.0/16",
    "52.100.0.0/14",
    "104.47.0.0/17",
    "2a01:111:f400::/48",
    # Proofpoint
    "67.231.144.0/20",
    "148.163.128.0/19",
    "205.220.160.0/19",
    # Mimecast
    "205.139.110.0/24",
    "207.211.30.0/24",
    "91.220.42.0/24",
    "185.58.84.0/22",
    # Barracuda
    "64.235.144.0/20",
    "209.222.80.0/21",
)
SCANNER_UA_WORDS = (
    "bot",
    "crawler",
    "spider",
    "scanner",
    "preview",
    "proofpoint",
    "mimecast",
    "barracuda",
    "safelinks",
    "safe links",
    "symantec",
    "messagelabs",
    "trendmicro",
    "trend micro",
    "forcepoint",
    "ironport",
    "fireeye",
    "sophos",
    "zscaler",
    "cisco",
    "checkpoint",
    "avanan",
    "python-requests",
    "python-urllib",
    "aiohttp",
    "httpx",
    "curl/",
    "wget",
    "go-http-client",
    "java/",
    "okhttp",
    "libwww",
    "headlesschrome",
    "phantomjs",
    "apache-httpclient",
    "urlscan",
    "wordpress",
)
ENGAGEMENT = ("opened", "clicked")


@lru_cache(maxsize=16)
def _networks(ranges: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(r, strict=False) for r in ranges)


@lru_cache(maxsize=65_536)
def _in(ip: str | None, ranges: tuple[str, ...]) -> bool:
    """Cached: parsing the address and testing it against every range was a fifth of a pixel batch's
    CPU, and the same clients (proxies, scanners, offices) come back again and again."""
    if not ip:
        return False
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(address.version == net.version and address in net for net in _networks(ranges))


@lru_cache(maxsize=16_384)
def _scanner_ua(ua: str) -> bool:
    """A scanner's or a script's user agent (cached: a few user agents make most of the traffic)."""
    lowered = ua.lower()
    return any(word in lowered for word in SCANNER_UA_WORDS)


def classify(
    *,
    event_type: str,
    source: str,
    user_agent: str | None,
    ip: str | None,
    occurred_at: datetime,
    delivered_at: datetime | None,
    too_soon_s: float,
    extra_ranges: Sequence[str] = (),
) -> str | None:
    """The machine reason for one open or click, or None when it looks human (burst aside)."""
    if event_type not in ENGAGEMENT:
        return None
    ua = (user_agent or "").strip()
    # MPP fetches images, not links: from Apple's network only an open is a prefetch (a click from
    # there can be a person behind iCloud Private Relay).
    if ua == APPLE_MPP_UA or (event_type == "opened" and _in(ip, APPLE_RANGES)):
        return "apple_mpp"
    if _scanner_ua(ua):
        return "scanner_user_agent"
    if _in(ip, SCANNER_RANGES) or (extra_ranges and _in(ip, tuple(extra_ranges))):
        return "scanner_network"
    if not ua and source != "api":  # a tool may not forward the user agent; a mail client always sends one
        return "no_user_agent"
    if delivered_at is not None and timedelta(0) <= occurred_at - delivered_at < timedelta(seconds=too_soon_s):
        return "too_soon_after_delivery"
    return None


def burst_members(
    clicks: Iterable[tuple[int, datetime, str]], *, links_in_message: int, window_s: float, min_links: int
) -> set[int]:
    """Indexes of clicks (index, time, link key) on one message that belong to a burst.

    A burst: within `window_s`, clicks on `min(min_links, links_in_message)` distinct links (at
    least two). Every click inside such a window is a member.
    """
    needed = max(2, min(min_links, max(links_in_message, 2)))
    ordered = sorted(clicks, key=lambda c: c[1])
    members: set[int] = set()
    start = 0
    window = timedelta(seconds=window_s)
    for end in range(len(ordered)):
        while ordered[end][1] - ordered[start][1] > window:
            start += 1
        span = ordered[start : end + 1]
        if len({c[2] for c in span}) >= needed:
            members.update(c[0] for c in span)
    return members
