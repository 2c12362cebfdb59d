"""A friendly start: one log format (readable on a terminal, JSON otherwise), no migration noise at
INFO, and the dashboard and docs URLs in the first lines (issue 18, item 10)."""

from __future__ import annotations

import io
import json
import logging
import os
import pty
import re
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import structlog

from core.logs import configure_logging
from database_async import TuneDatabase
from tests.conftest import make_settings

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_auto_format_is_json_off_a_terminal_and_readable_on_one():
    try:
        for stream, expected in ((io.StringIO(), "json"), (_Terminal(), "console")):
            assert configure_logging("INFO", "auto", stream=stream) == expected
            structlog.get_logger().info("prospect.analyzed", tier=1)
            logging.getLogger("uvicorn.error").info("Uvicorn running on %s", "http://127.0.0.1:8000")
            lines = ANSI.sub("", stream.getvalue()).splitlines()
            assert len(lines) == 2, lines
            if expected == "json":
                events = [json.loads(line) for line in lines]  # both lines: the same JSON shape
                assert events[0]["event"] == "prospect.analyzed" and events[0]["level"] == "info"
                assert events[1]["event"] == "Uvicorn running on http://127.0.0.1:8000"
                assert events[1]["level"] == "info" and events[1]["logger"] == "uvicorn.error"
                assert all("timestamp" in e for e in events)
            else:
                assert not any(line.startswith("{") for line in lines)
                assert "prospect.analyzed" in lines[0] and "tier=1" in lines[0]
                assert "Uvicorn running on http://127.0.0.1:8000" in lines[1] and "[info" in lines[1]
        assert configure_logging("INFO", "console", stream=io.StringIO()) == "console"
    finally:
        configure_logging("INFO", "auto")


async def test_migrations_say_one_line_at_info(tmp_path):
    stream = io.StringIO()
    try:
        configure_logging("INFO", "json", stream=stream)
        url = f"sqlite+aiosqlite:///{tmp_path}/fresh.db"
        db = TuneDatabase(url, settings=make_settings(url))
        await db.migrate()
        await db.dispose()
    finally:
        configure_logging("INFO", "auto")
    events = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [e["event"] for e in events] == ["database_initialized", "database.migrated"]
    stream = io.StringIO()
    try:
        configure_logging("DEBUG", "json", stream=stream)  # at DEBUG, Alembic says what it runs
        url = f"sqlite+aiosqlite:///{tmp_path}/fresh2.db"
        db = TuneDatabase(url, settings=make_settings(url))
        await db.migrate()
        await db.dispose()
    finally:
        configure_logging("INFO", "auto")
    assert "Running upgrade" in stream.getvalue()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(tmp_path: Path, *, terminal: bool) -> tuple[subprocess.Popen[bytes], int, int]:
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/serve.db",
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "LOG_LEVEL": "INFO",
        "LOG_FORMAT": "auto",
        "PUBLIC_BASE_URL": "",
    }
    env.pop("PYTHONPATH", None)
    read_fd, write_fd = pty.openpty() if terminal else os.pipe()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api_server:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
        stdout=write_fd,
        stderr=write_fd,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    os.close(write_fd)
    return server, read_fd, port


def _read_until(fd: int, marker: str, timeout: float = 60) -> str:
    out = b""
    deadline = time.monotonic() + timeout
    while marker.encode() not in out and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out.decode(errors="replace")


def _stop(server: subprocess.Popen[bytes], fd: int) -> None:
    server.terminate()
    server.wait(timeout=30)
    os.close(fd)


@pytest.mark.slow
def test_a_real_start_prints_where_to_go_in_one_format(tmp_path):
    server, fd, port = _start(tmp_path, terminal=False)
    try:
        text = _read_until(fd, "Application startup complete")
        text += _read_until(fd, "Uvicorn running on", timeout=10)
    finally:
        _stop(server, fd)
    lines = [line for line in text.splitlines() if line.strip()]
    events = [json.loads(line) for line in lines]  # every line is a JSON event, uvicorn's too
    names = [e["event"] for e in events]
    ready = next(e for e in events if e["event"] == "service.ready")
    assert ready["dashboard"] == f"http://localhost:{port}/dashboard"
    assert ready["docs"] == f"http://localhost:{port}/docs"
    assert "database.migrated" in names and not any("Running upgrade" in n for n in names)
    assert any(n.startswith("Uvicorn running on") for n in names)
    assert len(lines) <= 8, names  # a start says a few things, not a page


@pytest.mark.slow
def test_a_terminal_gets_readable_lines(tmp_path):
    server, fd, port = _start(tmp_path, terminal=True)
    try:
        text = _read_until(fd, "Uvicorn running on")
    finally:
        _stop(server, fd)
    lines = [line for line in ANSI.sub("", text).splitlines() if line.strip()]
    assert lines and not any(line.lstrip().startswith("{") for line in lines), lines
    assert not any(line.startswith("INFO:") for line in lines)  # uvicorn's own format is gone
    ready = next(line for line in lines if "service.ready" in line)
    assert f"http://localhost:{port}/dashboard" in ready and f"http://localhost:{port}/docs" in ready
