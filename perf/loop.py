"""uvloop, accepting every waiting connection at once: `uvicorn api_server:app --loop perf.loop:new_event_loop`.

uvloop's servers (libuv) accept ONE connection per turn of the event loop. When the loop is busy (a
turn that answers a few hundred requests takes tens of milliseconds), connections opened meanwhile
wait in the listen queue for seconds: at 500 connections the listen queue still held ~250 of them
seconds after wrk opened them, draining at ~45/s, and their first requests answered after 1-3 s (wrk's
timeouts, p99 > 1 s, the bare FastAPI app's too). asyncio's own loop accepts up to `backlog`
connections per turn but costs more CPU per request than uvloop.

This loop is uvloop with one change: a plain TCP server (uvicorn's, `create_server(sock=...)`, no TLS)
is served by a reader on the listening socket that accepts every waiting connection at each turn and
hands each to uvloop's own transport (`connect_accepted_socket`), so requests cost what they cost on
uvloop. Anything else (TLS, host/port, Unix sockets) is uvloop's `create_server` unchanged.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Callable
from typing import Any

import uvloop

log = logging.getLogger(__name__)


class _Server:
    """The part of `asyncio.Server` uvicorn uses: `sockets`, `close()`, `wait_closed()`."""

    def __init__(
        self, loop: FairAcceptLoop, socks: list[socket.socket], factory: Callable[[], Any], backlog: int
    ) -> None:
        self._loop, self._socks, self._factory, self._backlog = loop, socks, factory, max(1, backlog)
        self._serving = True
        self._closed = asyncio.Event()
        for sock in socks:
            sock.setblocking(False)
            loop.add_reader(sock.fileno(), self._accept, sock)

    @property
    def sockets(self) -> tuple[socket.socket, ...]:
        return tuple(self._socks) if self._serving else ()

    def is_serving(self) -> bool:
        return self._serving

    def get_loop(self) -> asyncio.AbstractEventLoop:
        return self._loop

    def _accept(self, sock: socket.socket) -> None:
        for _ in range(self._backlog):
            try:
                conn, _addr = sock.accept()
            except (BlockingIOError, InterruptedError, ConnectionAbortedError):
                return
            except OSError as exc:  # EMFILE and the like: pause accepting for a second, as asyncio does
                log.warning("accept failed, retrying in 1 s: %s", exc)
                self._loop.remove_reader(sock.fileno())
                self._loop.call_later(1.0, self._resume, sock)
                return
            conn.setblocking(False)
            if conn.family in (socket.AF_INET, socket.AF_INET6):
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._loop.create_task(self._connect(conn))

    def _resume(self, sock: socket.socket) -> None:
        if self._serving:
            self._loop.add_reader(sock.fileno(), self._accept, sock)

    async def _connect(self, conn: socket.socket) -> None:
        try:
            await self._loop.connect_accepted_socket(self._factory, conn)
        except Exception as exc:  # the peer went away before its transport was set up
            log.debug("connection dropped at accept: %s", exc)
            conn.close()

    def close(self) -> None:
        if self._serving:
            self._serving = False
            for sock in self._socks:
                self._loop.remove_reader(sock.fileno())
                sock.close()
            self._closed.set()

    async def wait_closed(self) -> None:
        return None

    async def start_serving(self) -> None:
        return None

    async def serve_forever(self) -> None:
        await self._closed.wait()


class FairAcceptLoop(uvloop.Loop):
    async def create_server(self, protocol_factory: Callable[[], Any], *args: Any, **kwargs: Any) -> Any:
        if args or kwargs.get("ssl") is not None or not set(kwargs) <= {"host", "port", "sock", "ssl", "backlog"}:
            return await super().create_server(protocol_factory, *args, **kwargs)
        backlog = kwargs.get("backlog", 100)
        sock = kwargs.get("sock")
        if sock is not None:
            if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.type != socket.SOCK_STREAM:
                return await super().create_server(protocol_factory, *args, **kwargs)
            socks = [sock]
        else:
            socks = await self._bind(kwargs.get("host"), kwargs.get("port"))
        for s in socks:
            s.listen(backlog)
        return _Server(self, socks, protocol_factory, backlog)

    async def _bind(self, host: str | None, port: int | None) -> list[socket.socket]:
        """One listening socket per address of `host`, as asyncio's `create_server` binds them."""
        infos = await self.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        socks: list[socket.socket] = []
        try:
            for family, kind, proto, _name, address in dict.fromkeys(infos):
                sock = socket.socket(family, kind, proto)
                socks.append(sock)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if family == socket.AF_INET6:
                    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                sock.bind(address)
        except BaseException:
            for sock in socks:
                sock.close()
            raise
        return socks


def new_event_loop() -> asyncio.AbstractEventLoop:
    """uvicorn's `--loop perf.loop:new_event_loop`: uvloop with a fair accept."""
    return FairAcceptLoop()
