"""A faster in-process store for the moving-window rate limits (`RATE_LIMIT_STORAGE_URI=memory://`).

Importing this module registers it for `async+memory://` with `limits` (a subclass of limits'
own `MemoryStorage`, so the fixed and sliding windows are inherited unchanged). limits 5.8's
moving window inserts every hit at the head of a list (O(hits in the window) per hit) and, on
every hit, starts a sweep of all keys that hands each key's list to a worker thread; under load
that is a thread round trip per request. Here each key keeps a deque of hit times in arrival
order: a hit drops the expired times at the left and appends at the right, O(1) amortised, and a
sweep of idle keys runs inline every `SWEEP_EVERY` hits. The decisions are the same: a hit is
allowed when the hits in the last `expiry` seconds plus its cost stay within the limit.
"""

from __future__ import annotations

import time
from collections import deque

from limits.aio.storage import MemoryStorage

SWEEP_EVERY = 10_000


class DequeMemoryStorage(MemoryStorage):
    STORAGE_SCHEME = ["async+memory"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: str) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.windows: dict[str, tuple[deque[float], float]] = {}  # key -> (hit times, expiry seconds)
        self._hits = 0

    def _window(self, key: str, expiry: float, now: float) -> deque[float]:
        entry = self.windows.get(key)
        if entry is None:
            times: deque[float] = deque()
            self.windows[key] = (times, expiry)
            return times
        times = entry[0]
        cutoff = now - expiry
        while times and times[0] <= cutoff:
            times.popleft()
        return times

    async def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        if amount > limit:
            return False
        now = time.time()
        self._hits += 1
        if self._hits >= SWEEP_EVERY:
            self._sweep(now)
        times = self._window(key, expiry, now)
        if len(times) + amount > limit:
            return False
        times.extend([now] * amount)
        return True

    async def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        now = time.time()
        if key not in self.windows:
            return now, 0
        times = self._window(key, expiry, now)
        return (times[0], len(times)) if times else (now, 0)

    def _sweep(self, now: float) -> None:
        self._hits = 0
        self.windows = {k: (t, e) for k, (t, e) in self.windows.items() if t and t[-1] > now - e}

    async def clear(self, key: str) -> None:
        self.windows.pop(key, None)
        await super().clear(key)

    async def reset(self) -> int | None:
        self.windows.clear()
        return await super().reset()
