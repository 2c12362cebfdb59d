"""A fake Clay table webhook on 127.0.0.1: records every request, answers from a script.

fake = FakeClay().start()          # or the `fake_clay` fixture
fake.url                           "http://127.0.0.1:<port>"
fake.script(429, headers={"Retry-After": "1"})   # next request's answer (FIFO, one per request)
fake.script(503, times=2)
...                                # unscripted requests get 200 {"ok": true}
fake.requests                      [Received(path, headers (lower-case), json, at (monotonic))]
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    json: Any
    at: float


@dataclass
class _Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None


class FakeClay:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: deque[_Answer] = deque()
        self.requests: list[Received] = []
        self._server: ThreadingHTTPServer | None = None
        self.url = ""

    def start(self) -> FakeClay:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms delayed-ACK stall

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = raw.decode("latin-1")
                with fake._lock:
                    fake.requests.append(
                        Received(
                            self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.monotonic()
                        )
                    )
                    answer = fake._queue.popleft() if fake._queue else _Answer()
                payload = json.dumps(answer.body if answer.body is not None else {"ok": answer.status < 300})
                data = payload.encode()
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self._server = server
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True, name="fake-clay"
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def script(
        self, status: int, *, headers: dict[str, str] | None = None, body: Any = None, times: int = 1
    ) -> None:
        with self._lock:
            for _ in range(times):
                self._queue.append(_Answer(status, headers or {}, body))

    def reset(self) -> None:
        with self._lock:
            self._queue.clear()
            self.requests.clear()


@pytest.fixture
def fake_clay() -> Iterator[FakeClay]:
    fake = FakeClay().start()
    yield fake
    fake.stop()
