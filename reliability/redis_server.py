"""A throwaway Redis: Debian's `redis-server` (installed by `.ci/run`) in a temp dir, on a free port
of 127.0.0.1, never persisting, never one that was already running.

    with RedisServer() as redis:
        env["RATE_LIMIT_STORAGE_URI"] = redis.url     # redis://127.0.0.1:<port>/0
        redis.stop()                                  # Redis away (connections refused)
        redis.start()                                 # back on the same port, empty

Used by the `scale` scenario and by tests/test_redis_limits.py.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import free_port


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the process that started it dies, even by SIGKILL or
    a timeout, so that no redis-server outlives its test (Linux; elsewhere nothing)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class RedisServer:
    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError(
                "redis-server not found: install Debian's (`apt-get install -y redis-server`, as .ci/run does)"
            )
        self.binary = binary
        self.dir = Path(tempfile.mkdtemp(prefix="tune-redis-"))
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout_s: float = 10.0) -> RedisServer:
        """Start (again) on this port; return once it answers PING."""
        log = (self.dir / "redis.log").open("ab")
        self.proc = subprocess.Popen(  # noqa: S603
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.dir),
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes",
                "--daemonize",
                "no",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,
        )
        log.close()
        deadline = time.monotonic() + timeout_s
        while not self.ping():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start: {(self.dir / 'redis.log').read_text()[-2000:]}")
            time.sleep(0.02)
        return self

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def connected_clients(self) -> int:
        """Clients connected to the server now, not counting the one asking."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock:
            sock.sendall(b"INFO clients\r\n")
            text = b""
            while b"connected_clients:" not in text or not text.endswith(b"\r\n"):
                text += sock.recv(4096)
        line = next(li for li in text.decode().splitlines() if li.startswith("connected_clients:"))
        return int(line.split(":", 1)[1]) - 1

    def stop(self) -> None:
        """SIGTERM and wait: every connection is closed, new ones are refused."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
