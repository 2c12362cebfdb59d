"""What every scenario shares: its result (figures, checks, PASS/FAIL), a service process with its
log, `/metrics` scraping, and a throwaway PostgreSQL.

    result = Result("load", "500 mixed clients on SQLite")
    result.figure("requests", 51234)                 # printed at once: "  requests: 51234"
    result.check(fives == 0, f"{fives} responses were 5xx")   # a failed check makes the scenario FAIL
    result.finish()                                  # prints "PASS load (12.3 s)" or "FAIL load: ..."

The service runs as a real uvicorn subprocess (bench/common.py's `Server`), its output in a log file
that a scenario can grep (`ServiceProcess.log_text()`); the scenario's own process is the client.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.engine import make_url

from bench import common

METRICS_TOKEN = "reliability-metrics-token"  # noqa: S105  (a test value for a throwaway server)
SECRET_KEY = "reliability-secret-" + "k" * 40
HUMAN_UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
SENDER = {
    "name": "Sam Lee",
    "title": "Partner",
    "company": "Tune Outbound",
    "offer": "player reactivation campaigns",
    "calendar_link": "https://cal.example.com/sam",
}
# Limits high enough that a load never meets them: what is measured is the service, not its limiter.
NO_LIMITS = {"RATE_LIMIT": "100000000/minute", "TRACKING_RATE_LIMIT": "100000000/minute"}


# --- results ------------------------------------------------------------------------------------


@dataclass
class Result:
    """One scenario's figures and verdict. Figures and failures are printed as they come."""

    name: str
    title: str
    figures: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0
    announce: bool = True

    def __post_init__(self) -> None:
        if self.announce:
            print(f"\n=== {self.name}: {self.title}", flush=True)

    @property
    def passed(self) -> bool:
        return not self.failures

    def figure(self, label: str, value: Any) -> None:
        self.figures[label] = value
        print(f"  {label}: {value}", flush=True)

    def info(self, text: str) -> None:
        print(f"  {text}", flush=True)

    def check(self, ok: bool, message: str) -> bool:
        """Record `message` as a failure unless `ok`."""
        if not ok:
            self.failures.append(message)
            print(f"  ! {message}", flush=True)
        return ok

    def finish(self) -> Result:
        self.seconds = time.perf_counter() - self.started
        if self.passed:
            print(f"PASS {self.name} ({self.seconds:.1f} s)", flush=True)
        else:
            print(f"FAIL {self.name} ({self.seconds:.1f} s): {'; '.join(self.failures)}", flush=True)
        return self

    def summary(self) -> str:
        """The failures, for an assertion message."""
        return f"{self.name} failed: " + "; ".join(self.failures) if self.failures else f"{self.name} passed"


# --- the service --------------------------------------------------------------------------------


class ServiceProcess(common.Server):
    """The service (`api_server:app`, through reliability/traced_app.py, which adds the driver's
    message to the log of a database error) as uvicorn in a subprocess (see bench/common.py), whose
    log can be read whole, and which can be killed with SIGKILL."""

    def __init__(self, env: Mapping[str, str], *, app: str = "reliability.traced_app:app") -> None:
        super().__init__(app, env, ready_path="/api/health")

    def log_text(self) -> str:
        if self._log is None:
            return ""
        self._log.flush()
        return Path(self._log.name).read_text(errors="replace")

    def kill9(self) -> None:
        """SIGKILL: no shutdown hook, no lease released, nothing flushed."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait()


def service_env(**overrides: str) -> contextlib.AbstractContextManager[dict[str, str]]:
    """bench's `temp_env` (fresh SQLite in a temp dir, high RATE_LIMIT, LOG_LEVEL=WARNING) plus what
    the suite needs: no Claude unless a scenario points at its fake, a metrics token, a secret key."""
    return common.temp_env(
        **{
            "ANTHROPIC_API_KEY": "",
            "ANTHROPIC_BASE_URL": "",
            "METRICS_TOKEN": METRICS_TOKEN,
            "SECRET_KEY": SECRET_KEY,
            "ENV": "development",
            "SENTRY_DSN": "",
            **NO_LIMITS,
            **overrides,
        }
    )


# --- metrics ------------------------------------------------------------------------------------

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


async def scrape(client: httpx.AsyncClient, base_url: str) -> Samples:
    """Every sample of `/metrics` (with the bearer token), keyed by (name, sorted labels)."""
    response = await client.get(base_url + "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    response.raise_for_status()
    samples: Samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def total(samples: Samples, name: str, **labels: str) -> float:
    """Sum of `name`'s samples whose labels include `labels`."""
    return sum(
        value
        for (n, lbls), value in samples.items()
        if n == name and all(dict(lbls).get(k) == v for k, v in labels.items())
    )


def by_label(samples: Samples, name: str, *keys: str) -> dict[tuple[str, ...], float]:
    """`name`'s samples added up by the values of `keys`."""
    out: dict[tuple[str, ...], float] = {}
    for (n, lbls), value in samples.items():
        if n == name:
            d = dict(lbls)
            k = tuple(d.get(key, "") for key in keys)
            out[k] = out.get(k, 0.0) + value
    return out


def delta(after: Mapping[Any, float], before: Mapping[Any, float]) -> dict[Any, float]:
    """after - before per key, zero deltas left out."""
    out = {k: v - before.get(k, 0.0) for k, v in after.items()}
    return {k: v for k, v in out.items() if v}


# --- PostgreSQL ---------------------------------------------------------------------------------


@contextlib.contextmanager
def postgres(admin_url: str | None = None) -> Iterator[str]:
    """An asyncpg admin URL of a PostgreSQL server: `admin_url` as given, or one started from the
    `pgserver` package (PostgreSQL 16 from its wheel) and removed afterwards."""
    if admin_url:
        yield admin_url
        return
    import pgserver

    data_dir = Path(tempfile.mkdtemp(prefix="tune-reliability-pg-"))
    server = pgserver.get_server(data_dir, cleanup_mode="delete")
    try:
        yield f"postgresql+asyncpg://postgres@/postgres?host={data_dir}"
    finally:
        server.cleanup()


async def _pg_execute(admin_url: str, sql: str) -> None:
    import asyncpg

    u = make_url(admin_url)
    conn = await asyncpg.connect(
        user=u.username, password=u.password, database=u.database, host=u.query.get("host") or u.host, port=u.port
    )
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def create_database(admin_url: str) -> str:
    """A new, empty database on the server; its asyncpg URL."""
    name = f"rel_{uuid.uuid4().hex[:12]}"
    await _pg_execute(admin_url, f'CREATE DATABASE "{name}"')
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


async def drop_database(admin_url: str, url: str) -> None:
    name = make_url(url).database
    with contextlib.suppress(Exception):
        await _pg_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_connector(url: str) -> Any:
    """A `connect()` for tests/support/netproxy.py's CuttableProxy: to the server's Unix socket or TCP port."""
    target = make_url(url)
    socket_dir = target.query.get("host")

    async def connect() -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if socket_dir:  # pgserver listens on a Unix socket
            return await asyncio.open_unix_connection(f"{socket_dir}/.s.PGSQL.{target.port or 5432}")
        return await asyncio.open_connection(target.host, target.port or 5432)

    return connect


def via_port(url: str, port: int) -> str:
    """`url` reached through 127.0.0.1:`port` instead (the proxy)."""
    return make_url(url).set(host="127.0.0.1", port=port, query={}).render_as_string(hide_password=False)


# --- data through the API -----------------------------------------------------------------------


def prospects(n: int, tag: str) -> list[dict[str, Any]]:
    """n casino prospects across tiers, emails unique per `tag` (bench/fakes.py's `people`)."""
    from bench import fakes

    return fakes.people(n, tag=tag)


@dataclass
class Seeded:
    campaign_id: str
    prospect_ids: list[str]
    message_ids: list[str]
    pixel_paths: list[str]
    click_paths: list[str]


def _path(url: str) -> str:
    return httpx.URL(url).raw_path.decode()


async def seed_campaign(
    client: httpx.AsyncClient, *, prospects_n: int = 12, sequences: int = 3, tag: str | None = None
) -> Seeded:
    """Through the API: a campaign, `prospects_n` prospects in it, a sequence (4 emails) for the first
    `sequences` of them, and each email's pixel and tracked-link paths."""
    tag = tag or unique_tag()
    r = await client.post(
        "/api/campaigns/create",
        json={
            "name": f"reliability {tag}",
            "industry": "casino",
            "sequence_settings": {"steps": 4, "subject_variants": 2, "sender": SENDER},
        },
    )
    r.raise_for_status()
    campaign_id = r.json()["id"]
    r = await client.post(
        f"/api/campaigns/{campaign_id}/prospects", json={"prospects": prospects(prospects_n, tag)}
    )
    r.raise_for_status()
    prospect_ids = [item["prospect_id"] for item in r.json()["items"] if item.get("prospect_id")]
    seeded = Seeded(campaign_id, prospect_ids, [], [], [])
    for prospect_id in prospect_ids[:sequences]:
        r = await client.post(
            "/api/content/generate-sequence",
            json={"prospect_id": prospect_id, "campaign_id": campaign_id, "sender": SENDER},
        )
        r.raise_for_status()
        for step in r.json()["steps"]:
            seeded.message_ids.append(step["message_id"])
            links = await client.get(f"/api/tracking/messages/{step['message_id']}/links")
            links.raise_for_status()
            seeded.pixel_paths.append(_path(links.json()["pixel_url"]))
            seeded.click_paths += [_path(link["tracked_url"]) for link in links.json()["links"]]
    return seeded


# --- the server's log ---------------------------------------------------------------------------


def log_errors(log: str) -> Counter[str]:
    """Error-level events of a JSON log, condensed to "event: exception type: message" and counted.

    Unhandled exceptions (`request.unhandled_error`) carry structlog's `exception` list; database errors
    logged by reliability/traced_app.py carry the driver's message."""
    out: Counter[str] = Counter()
    for line in log.splitlines():
        if not line.startswith("{") or '"level": "error"' not in line:
            continue
        try:
            event = json.loads(line)
        except ValueError:
            continue
        text = str(event.get("event"))
        exc = event.get("exception")
        if isinstance(exc, list) and exc:
            last = exc[-1] if isinstance(exc[-1], dict) else {}
            text += f": {last.get('exc_type')}: {str(last.get('exc_value'))[:200]}"
        elif event.get("message"):
            text += f": {event.get('error')}: {event.get('message')} ({event.get('method')} {event.get('path')})"
        elif event.get("error"):
            text += f": {event.get('error')}"
        out[text] += 1
    return out


def print_log_errors(result: Result, log: str, limit: int = 8) -> Counter[str]:
    errors = log_errors(log)
    for text, n in errors.most_common(limit):
        result.info(f"server log: {n} x {text}")
    return errors


# --- small helpers ------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))]


def unique_tag() -> str:
    return uuid.uuid4().hex[:8]
