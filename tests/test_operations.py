"""Operating it: /metrics (protected, counters moving) and Sentry (events with the request id, no
secrets), against a fake Sentry ingest server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import gzip
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from fastapi.routing import APIRoute

from api_server import create_app
from tests.conftest import assert_problem, client_for, make_key, make_settings
from tests.support.people import DANA


def _value(text: str, name: str, **labels: str) -> float:
    """The value of one sample in a Prometheus exposition (0 when absent)."""
    want = ",".join(f'{k}="{v}"' for k, v in labels.items())
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        metric, _, value = line.rpartition(" ")
        base, _, rest = metric.partition("{")
        if base == name and all(f'{k}="{v}"' in rest for k, v in labels.items()) and (want or not rest):
            return float(value)
    return 0.0


async def test_metrics_need_the_token_not_a_tenant_key(database_url):
    app = create_app(make_settings(database_url, METRICS_TOKEN="scrape-secret-123"))
    async with app.router.lifespan_context(app), client_for(app) as client:
        writer = await make_key(app.state.db)
        admin = await make_key(app.state.db, scopes=("read", "write", "admin"))
        assert_problem(await client.get("/metrics"), 401)
        assert_problem(await client.get("/metrics", headers={"Authorization": "Bearer wrong"}), 401)
        assert_problem(await client.get("/metrics", headers={"X-API-Key": writer}), 403)
        assert_problem(await client.get("/metrics", headers={"X-API-Key": admin}), 403)  # issue 13, finding 14
        r = await client.get("/metrics", headers={"Authorization": "Bearer scrape-secret-123"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    public = create_app(make_settings(database_url, METRICS_PUBLIC=True))
    async with public.router.lifespan_context(public), client_for(public) as client:
        assert (await client.get("/metrics")).status_code == 200


async def test_counters_move_with_traffic(database_url):
    app = create_app(make_settings(database_url, METRICS_PUBLIC=True))
    async with app.router.lifespan_context(app), client_for(app) as client:
        key = await make_key(app.state.db)
        before = (await client.get("/metrics")).text
        for _ in range(3):
            await client.get("/api/industries", headers={"X-API-Key": key})
        await client.get("/api/industries")
        await client.post(
            "/api/prospects/analyze", json={"industry": "casino", "prospect": DANA}, headers={"X-API-Key": key}
        )
        after = (await client.get("/metrics")).text
        route = {"method": "GET", "route": "/api/industries"}
        assert (
            _value(after, "tune_http_requests_total", **route, status="200")
            - _value(before, "tune_http_requests_total", **route, status="200")
            == 3
        )
        assert (
            _value(after, "tune_http_requests_total", **route, status="401")
            - _value(before, "tune_http_requests_total", **route, status="401")
            == 1
        )
        assert _value(after, "tune_http_request_duration_seconds_count", **route) >= 4
        assert (
            _value(after, "tune_engine_results_total", feature="analysis", engine="rules", fallback="none")
            - _value(before, "tune_engine_results_total", feature="analysis", engine="rules", fallback="none")
            == 1
        )
        assert _value(after, "tune_llm_circuit_state") == -1  # Claude unconfigured
        assert "tune_db_pool_in_use" in after and 'tune_jobs{status="queued"}' in after


class _SentryIngest(BaseHTTPRequestHandler):
    envelopes: list[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            raw = gzip.decompress(raw)
        items = []
        for line in raw.split(b"\n"):
            try:
                items.append(json.loads(line))
            except ValueError:
                continue
        self.envelopes.append(items)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def sentry_ingest():
    server = HTTPServer(("127.0.0.1", 0), _SentryIngest)
    _SentryIngest.envelopes = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://public@127.0.0.1:{server.server_port}/1", _SentryIngest.envelopes
    server.shutdown()
    import sentry_sdk

    sentry_sdk.init(dsn=None)  # detach the global client from this test's server


async def test_errors_go_to_sentry_with_request_id_and_no_secrets(database_url, sentry_ingest):
    dsn, envelopes = sentry_ingest
    app = create_app(make_settings(database_url, SENTRY_DSN=dsn))

    async def boom() -> None:
        raise RuntimeError("kaboom in the service")

    app.router.routes.append(APIRoute("/api/boom", boom))
    async with app.router.lifespan_context(app), client_for(app) as client:
        key = await make_key(app.state.db)
        r = await client.get("/api/boom?token=abc", headers={"X-API-Key": key, "X-Request-ID": "req-sentry-1"})
        assert_problem(r, 500)
    import sentry_sdk

    sentry_sdk.flush(5)
    deadline = time.monotonic() + 5
    # Filled by Sentry's transport thread: there is nothing to await but time.
    while not envelopes and time.monotonic() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.05)
    events = [item for env in envelopes for item in env if "exception" in item]
    assert events, envelopes
    event = events[0]
    assert event["tags"]["request_id"] == "req-sentry-1"
    assert event["exception"]["values"][-1]["value"] == "kaboom in the service"
    text = json.dumps(envelopes)
    assert key not in text and "abc" not in event.get("request", {}).get("query_string", "")


def test_without_a_dsn_sentry_is_not_loaded():
    import subprocess
    import sys

    code = "import sys, api_server; print('sentry_sdk' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "SENTRY_DSN": "", "LOG_LEVEL": "WARNING"},
    )
    assert out.stdout.strip().endswith("False"), out.stderr
