"""perf/loop.py: uvloop with a fair accept (`--loop perf.loop:new_event_loop`) serves every waiting
connection at the next turns of a busy loop, and uvicorn runs and stops on it as on its own loops."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from perf.loop import FairAcceptLoop, new_event_loop

ROOT = Path(__file__).resolve().parent.parent


class _Echo(asyncio.Protocol):
    made = 0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        type(self).made += 1
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.transport.write(data)  # type: ignore[attr-defined]


def _turns(loop: asyncio.AbstractEventLoop, n: int) -> None:
    for _ in range(n):
        loop.run_until_complete(asyncio.sleep(0))


def _serve_and_connect(sock_arg: bool) -> None:
    loop = new_event_loop()
    assert isinstance(loop, FairAcceptLoop)
    _Echo.made = 0
    clients: list[socket.socket] = []
    try:
        if sock_arg:  # uvicorn with --workers or --fd hands over a bound socket
            listener = socket.socket()
            listener.bind(("127.0.0.1", 0))
            server = loop.run_until_complete(loop.create_server(_Echo, sock=listener, backlog=2048))
        else:
            server = loop.run_until_complete(loop.create_server(_Echo, host="127.0.0.1", port=0, backlog=2048))
        port = server.sockets[0].getsockname()[1]
        # 300 connections wait in the listen queue while the loop is not running (as while it is busy)
        for _ in range(300):
            c = socket.create_connection(("127.0.0.1", port))
            clients.append(c)
        _turns(loop, 4)  # uvloop's own server accepts one connection per turn here
        assert _Echo.made == 300
        clients[-1].sendall(b"ping")
        loop.run_until_complete(asyncio.sleep(0.05))
        assert clients[-1].recv(16) == b"ping"
        server.close()
        loop.run_until_complete(server.wait_closed())
        assert not server.sockets
        try:  # the listening socket is closed: a new connection is refused
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            refused = False
        except OSError:
            refused = True
        assert refused
    finally:
        for c in clients:
            c.close()
        loop.close()


def test_every_waiting_connection_is_accepted_within_a_few_turns():
    _serve_and_connect(sock_arg=False)


def test_a_socket_handed_over_is_served_the_same_way():
    _serve_and_connect(sock_arg=True)


def test_uvicorn_serves_and_stops_on_the_fair_loop(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = (tmp_path / "server.log").open("wb")
    app, loop = "bench.bare_app:app", "perf.loop:new_event_loop"
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port), "--loop", loop],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/items", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "server.log").read_text()
                time.sleep(0.1)
        assert r.status_code == 200 and len(r.json()) == 10
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
            assert all(client.get("/items").status_code == 200 for _ in range(20))  # one kept-alive connection
        server.send_signal(signal.SIGTERM)
        # uvicorn re-raises SIGTERM once it has shut down, on its own loops too
        assert server.wait(timeout=20) in (0, -signal.SIGTERM)
        text = (tmp_path / "server.log").read_text()
        assert "Finished server process" in text and "Traceback" not in text
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        log.close()
