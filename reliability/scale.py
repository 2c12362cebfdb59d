"""Scenario `scale`: two service processes on one PostgreSQL and one real Redis, traffic alternating.

Set up exactly as docs/scale-out.md, "Running on PostgreSQL with several workers", says: a PostgreSQL database
(from `pgserver`, or the one given), Debian's `redis-server` (reliability/redis_server.py: a free
port, a temp dir, never one already running), `DB_AUTO_MIGRATE=false`, `.venv/bin/alembic upgrade
head`, `.venv/bin/python auth.py bootstrap`, then two nodes, A and B, each
`.venv/bin/uvicorn api_server:app --workers 2 … --proxy-headers --forwarded-allow-ips 127.0.0.1` with
`RATE_LIMIT_STORAGE_URI=redis://…` (RATE_LIMIT 100/minute, the default) and its own
`PROMETHEUS_MULTIPROC_DIR`. Claude is bench/fakes.py's fake (50 ms a call), for the pipeline job.

Each phase uses keys of a workspace of its own (the API's limit is counted per workspace).
1. limit: one key, 100 requests alternating A, B, A, …: all 200 with X-RateLimit-Remaining 99 … 0
   whichever answered; the 101st (on A) and 102nd (on B) are 429.
2. revocation: a key used on both; revoked through B (DELETE /api/keys/{id}); A refuses it within
   API_KEY_CACHE_TTL_S (short 2 s, full 5 s: the default) and never accepts it after.
3. throughput: C clients (own connection each) fetch pixels for S seconds from A alone, then
   alternating A and B (interleaved rounds): every pixel served is a stored event (database), and on each node the
   /metrics deltas (summed over its two workers) equal what that node served; the ratio of the two
   rates is printed.
4. redis: Redis stopped for a few seconds under traffic to both (an API key, pixels, health), then
   started again: as documented, the API keeps answering (counted per process), pixels are not
   limited (tune_ratelimit_degraded_total{tracking,open} = pixels served meanwhile, on each node),
   health answers 200 and says `unavailable`, tune_ratelimit_storage_errors_total moves on both,
   nothing is 5xx; once back, health says `ok` on both and counting is shared again.
5. kill: `complete-pipeline` for N prospects through A; at ~40 % done, the node whose worker holds
   the job's lease (`jobs.lease_owner` names the pid) is killed with SIGKILL, master and workers;
   the other node resumes it when the lease (3 s) expires: the job succeeds with every item done
   once (one analysis per prospect, exactly its tier's content).

No 5xx and no traceback anywhere. Short: pixels 2 rounds of 2 s + 2 s, Redis away 3 s, 40 prospects;
full: 3 rounds of 5 s + 5 s, 10 s, 300 prospects.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.metadata
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.engine import make_url

from bench import common as bench
from bench import fakes
from reliability import common
from reliability.redis_server import RedisServer

NAME = "scale"
TITLE = "two processes (2 workers each) on one PostgreSQL and one Redis: shared limits, revocation, kill -9"
VENV_BIN = Path(sys.executable).parent
UVICORN_ARGS = ("--workers", "2", "--no-access-log", "--proxy-headers", "--forwarded-allow-ips", "127.0.0.1")
KEY_TTL_S = {False: 2.0, True: 5.0}  # API_KEY_CACHE_TTL_S: short, full (the default)
LEASE_S = 3
PLAN = {"1": ["sequence", "linkedin"], "2": ["sequence"]}
STEPS = 3
CHANNELS = {"sequence": "email", "linkedin": "linkedin_connection"}
KILL_AT = 0.4


class Node(common.ServiceProcess):
    """One service process: `uvicorn api_server:app --workers 2 …`, with its own multiprocess metrics
    directory, killable with SIGKILL as a whole (the master and its workers)."""

    def __init__(self, name: str, env: Mapping[str, str]) -> None:
        self.name = name
        self.metrics_dir = Path(tempfile.mkdtemp(prefix=f"tune-scale-metrics-{name}-"))
        env = {**env, "PROMETHEUS_MULTIPROC_DIR": str(self.metrics_dir)}
        # Two workers each importing the app (~4 s of CPU) on a shared 2-core machine: allow for it.
        bench.Server.__init__(
            self, "api_server:app", env, args=UVICORN_ARGS, ready_path="/api/health", startup_timeout=180.0
        )

    def pids(self) -> set[int]:
        import psutil

        if self.proc is None or self.proc.poll() is not None:
            return set()
        try:
            parent = psutil.Process(self.proc.pid)
            return {self.proc.pid} | {p.pid for p in parent.children(recursive=True)}
        except psutil.NoSuchProcess:
            return set()

    def kill9_all(self) -> None:
        """SIGKILL to the master and every worker at once, as when the machine dies."""
        for pid in self.pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait()

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.metrics_dir, ignore_errors=True)


@dataclass
class Seen:
    """Every answer of the run: statuses per phase and node, and a few examples of the unexpected."""

    statuses: dict[str, Counter[int | str]] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    def add(self, phase: str, node: str, response: httpx.Response | None, error: str = "") -> None:
        status: int | str = response.status_code if response is not None else f"error:{error}"
        self.statuses.setdefault(f"{phase}@{node}", Counter())[status] += 1
        if (isinstance(status, str) or status >= 500) and len(self.examples) < 5:
            body = response.text[:300] if response is not None else ""
            self.examples.append(f"{phase}@{node}: {status} {body}")

    def count(self, predicate: Any) -> int:
        return sum(n for c in self.statuses.values() for s, n in c.items() if predicate(s))


async def _get(
    c: httpx.AsyncClient, seen: Seen, phase: str, node: str, url: str, **kw: Any
) -> httpx.Response | None:
    try:
        r = await c.get(url, **kw)
    except httpx.TransportError as exc:
        seen.add(phase, node, None, type(exc).__name__)
        return None
    seen.add(phase, node, r)
    return r


def _run_cli(args: list[str], env: Mapping[str, str]) -> str:
    proc = subprocess.run(  # noqa: S603
        args,
        cwd=bench.REPO,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


async def _new_key(
    db_url: str, workspace: str, name: str, scopes: tuple[str, ...] = ("read", "write")
) -> tuple[str, str]:
    """A key in `workspace` (created if new), through the service layer as `auth.py create
    --create-workspace` does: (key, id). The API's limit is counted per workspace, so each phase gets
    a workspace, hence a RATE_LIMIT budget, of its own."""
    import auth
    from database_async import TuneDatabase
    from settings import Settings

    db = TuneDatabase(db_url, settings=Settings(_env_file=None, DATABASE_URL=db_url))  # type: ignore[call-arg]
    try:
        async with db.session() as session:
            ws = await auth.get_or_create_workspace(session, name=workspace)
            row, raw = await auth.create_key(
                session, workspace_id=ws.id, name=name, scopes=list(scopes), env="dev"
            )
            return raw, str(row.id)
    finally:
        await db.dispose()


# --- 1. the per-key limit across processes --------------------------------------------------------


async def _limit(result: common.Result, nodes: list[Node], c: httpx.AsyncClient, db_url: str, seen: Seen) -> None:
    key, _ = await _new_key(db_url, "limit", "limit")
    headers = {"X-API-Key": key}
    answers = []
    for i in range(100):
        node = nodes[i % 2]
        answers.append(
            (node.name, await _get(c, seen, "limit", node.name, node.url("/api/industries"), headers=headers))
        )
    ok = [r for _, r in answers if r is not None and r.status_code == 200]
    remaining = [int(r.headers["x-ratelimit-remaining"]) for r in ok]
    over = [
        (node.name, await _get(c, seen, "limit", node.name, node.url("/api/industries"), headers=headers))
        for node in nodes
    ]
    over_status = [(n, r.status_code if r is not None else None) for n, r in over]
    result.figure(
        "limit (RATE_LIMIT 100/minute)",
        f"{len(ok)} of 100 alternating requests 200 "
        f"(remaining {remaining[0] if remaining else '?'} → "
        f"{remaining[-1] if remaining else '?'}), then " + ", ".join(f"{n}: {s}" for n, s in over_status),
    )
    result.check(len(ok) == 100, f"{100 - len(ok)} of the first 100 requests were not 200")
    result.check(
        remaining == list(range(99, -1, -1)),
        f"X-RateLimit-Remaining did not count one shared window: {remaining[:12]}…",
    )
    result.check(all(s == 429 for _, s in over_status), f"the 101st and 102nd answered {over_status}, not 429")


# --- 2. a key revoked on one process ------------------------------------------------------------


async def _revocation(
    result: common.Result, nodes: list[Node], c: httpx.AsyncClient, db_url: str, seen: Seen, ttl: float
) -> None:
    a, b = nodes
    key, key_id = await _new_key(db_url, "revocation", "to revoke")
    admin, _ = await _new_key(db_url, "revocation", "admin", ("read", "write", "admin"))
    for i in range(8):  # cached by (very likely) every worker of both nodes
        await _get(
            c,
            seen,
            "revocation",
            nodes[i % 2].name,
            nodes[i % 2].url("/api/industries"),
            headers={"X-API-Key": key},
        )
    r = await c.delete(b.url(f"/api/keys/{key_id}"), headers={"X-API-Key": admin})
    seen.add("revocation", b.name, r)
    revoked_at = time.monotonic()
    accepted_on_a: list[float] = []
    refused_on_a: list[float] = []
    while time.monotonic() - revoked_at < ttl + 1:
        got = await _get(c, seen, "revocation", a.name, a.url("/api/industries"), headers={"X-API-Key": key})
        t = time.monotonic() - revoked_at
        if got is not None and got.status_code == 401:
            refused_on_a.append(t)
        elif got is not None:
            accepted_on_a.append(t)
        await asyncio.sleep(0.1)
    on_b = await _get(c, seen, "revocation", b.name, b.url("/api/industries"), headers={"X-API-Key": key})
    last_ok = max(accepted_on_a, default=0.0)
    first_refusal = min(refused_on_a, default=float("nan"))
    result.figure(
        "revocation",
        f"revoked through B: A answered it {len(accepted_on_a)} times more, the last "
        f"{last_ok:.2f} s after (API_KEY_CACHE_TTL_S {ttl:g}); first 401 on A at "
        f"{first_refusal:.2f} s; B: {on_b.status_code if on_b is not None else None}",
    )
    result.check(r.status_code == 200, f"DELETE /api/keys answered {r.status_code}")
    result.check(bool(refused_on_a), "A never refused the revoked key")
    result.check(last_ok <= ttl + 0.5, f"A still accepted the revoked key {last_ok:.2f} s after revocation")
    result.check(on_b is not None and on_b.status_code == 401, "B accepted the key it revoked")


# --- 3. pixels from both, and throughput --------------------------------------------------------


async def _pixels(
    nodes: list[Node], paths: list[str], clients: int, seconds: float, seen: Seen, phase: str
) -> tuple[Counter[str], Counter[str], float]:
    """(pixel requests per node, GIFs served per node, elapsed)."""
    sent: Counter[str] = Counter()
    served: Counter[str] = Counter()
    deadline = time.perf_counter() + seconds

    async def client(i: int) -> None:
        node = nodes[i % len(nodes)]
        async with httpx.AsyncClient(
            timeout=30,
            headers={"User-Agent": common.HUMAN_UA},
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        ) as hc:
            n = i
            while time.perf_counter() < deadline:
                n += 1
                r = await _get(hc, seen, phase, node.name, node.url(paths[n % len(paths)]))
                sent[node.name] += 1
                if r is not None and r.status_code == 200 and r.content.startswith(b"GIF"):
                    served[node.name] += 1

    started = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    return sent, served, time.perf_counter() - started


async def _scrape_all(c: httpx.AsyncClient, nodes: list[Node]) -> dict[str, common.Samples]:
    return {n.name: await common.scrape(c, n.base_url) for n in nodes}


async def _throughput(
    result: common.Result,
    nodes: list[Node],
    c: httpx.AsyncClient,
    admin: str,
    seen: Seen,
    db_url: str,
    *,
    clients: int,
    seconds: float,
    rounds: int,
) -> None:
    """Pixels from A alone, then from A and B alternately, `rounds` times (interleaved, so that other
    load on the machine weighs on both alike)."""
    seeded = await common.seed_campaign(c_with(c, nodes[0], admin), prospects_n=6, sequences=2)
    before = await _scrape_all(c, nodes)
    sent: dict[int, Counter[str]] = {1: Counter(), 2: Counter()}
    served: dict[int, Counter[str]] = {1: Counter(), 2: Counter()}
    elapsed = {1: 0.0, 2: 0.0}
    cpu = {1: 0.0, 2: 0.0}
    for _ in range(rounds):
        for n in (1, 2):
            cpu_before = sum(_cpu(node) for node in nodes)
            s_, v_, t_ = await _pixels(nodes[:n], seeded.pixel_paths, clients, seconds, seen, f"pixels-{n}")
            cpu[n] += sum(_cpu(node) for node in nodes) - cpu_before
            sent[n] += s_
            served[n] += v_
            elapsed[n] += t_
    after = await _scrape_all(c, nodes)
    stored = await _pg_scalar(
        db_url, "SELECT count(*) FROM tracking_events WHERE campaign_id = $1", uuid.UUID(seeded.campaign_id)
    )
    total_served = sum(served[1].values()) + sum(served[2].values())
    rate = {n: sum(served[n].values()) / elapsed[n] for n in (1, 2)}
    per_hit = {n: 1000 * cpu[n] / max(1, sum(served[n].values())) for n in (1, 2)}
    result.figure(
        "pixels, one process",
        f"{sum(served[1].values())} served in {elapsed[1]:.1f} s by A "
        f"({rate[1]:.0f}/s; server CPU {per_hit[1]:.1f} ms a pixel), {clients} "
        f"clients, {rounds} rounds of {seconds:g} s",
    )
    result.figure(
        "pixels, two processes",
        f"{sum(served[2].values())} served in {elapsed[2]:.1f} s "
        f"(A {served[2]['A']}, B {served[2]['B']}; {rate[2]:.0f}/s; server CPU "
        f"{per_hit[2]:.1f} ms a pixel)",
    )
    result.figure(
        "throughput two processes / one",
        f"{rate[2] / rate[1]:.2f} ({os.cpu_count()} CPUs shared by "
        f"both nodes, Redis, PostgreSQL and the clients; load average "
        f"{os.getloadavg()[0]:.1f})",
    )
    result.figure("pixel events stored", f"{stored} in the database for {total_served} pixels served")
    result.check(stored == total_served, f"{total_served} pixels served but {stored} events stored")
    unserved = {n: sum(sent[n].values()) - sum(served[n].values()) for n in (1, 2)}
    result.check(not any(unserved.values()), f"pixels not served: {unserved}")
    result.check(served[2]["A"] > 0 and served[2]["B"] > 0, f"a node served no pixel: {dict(served[2])}")
    for node in nodes:
        events = common.total(after[node.name], "tune_tracking_events_total") - common.total(
            before[node.name], "tune_tracking_events_total"
        )
        hits = common.total(after[node.name], "tune_http_requests_total", route="/t/o/{token}.gif") - common.total(
            before[node.name], "tune_http_requests_total", route="/t/o/{token}.gif"
        )
        want = served[1][node.name] + served[2][node.name]
        node_sent = sent[1][node.name] + sent[2][node.name]
        result.info(
            f"/metrics of {node.name} (2 workers summed): +{events:.0f} tracking events, +{hits:.0f} "
            f"pixel requests; it served {want} of {node_sent}"
        )
        result.check(
            events == want and hits == node_sent,
            f"/metrics of {node.name}: +{events:.0f} events, +{hits:.0f} pixel requests; "
            f"it served {want} of {node_sent} sent",
        )


def _cpu(node: Node) -> float:
    return sum(bench.process_cpu_seconds(pid) or 0.0 for pid in node.pids())


def c_with(c: httpx.AsyncClient, node: Node, key: str) -> httpx.AsyncClient:
    """A client on `node` with `key`, sharing nothing with `c` but its settings."""
    return httpx.AsyncClient(base_url=node.base_url, headers={"X-API-Key": key}, timeout=c.timeout)


async def _pg_scalar(db_url: str, sql: str, *args: Any) -> Any:
    async with _pg(db_url) as conn:
        return await conn.fetchval(sql, *args)


@contextlib.asynccontextmanager
async def _pg(db_url: str) -> Any:
    import asyncpg

    u = make_url(db_url)
    conn = await asyncpg.connect(
        user=u.username, password=u.password, database=u.database, host=u.query.get("host") or u.host, port=u.port
    )
    try:
        yield conn
    finally:
        await conn.close()


# --- 4. Redis away and back ---------------------------------------------------------------------


async def _redis_away(
    result: common.Result,
    nodes: list[Node],
    c: httpx.AsyncClient,
    db_url: str,
    seen: Seen,
    redis: RedisServer,
    *,
    seconds: float,
    pixel_path: str,
) -> None:
    key, _ = await _new_key(db_url, "redis away", "redis away")
    before = await _scrape_all(c, nodes)
    redis.stop()
    stopped = time.monotonic()
    sent: Counter[tuple[str, str]] = Counter()
    ok: Counter[tuple[str, str]] = Counter()
    health_states: dict[str, Counter[str]] = {n.name: Counter() for n in nodes}

    async def loop(kind: str, interval: float) -> None:
        i = 0
        while time.monotonic() - stopped < seconds:
            node = nodes[i % 2]
            i += 1
            if kind == "api":
                r = await _get(
                    c, seen, "redis-away", node.name, node.url("/api/industries"), headers={"X-API-Key": key}
                )
                good = r is not None and r.status_code == 200
            elif kind == "pixel":
                r = await _get(
                    c, seen, "redis-away", node.name, node.url(pixel_path), headers={"User-Agent": common.HUMAN_UA}
                )
                good = r is not None and r.status_code == 200 and r.content.startswith(b"GIF")
            else:
                r = await _get(c, seen, "redis-away", node.name, node.url("/api/health"))
                good = r is not None and r.status_code == 200
                if good:
                    health_states[node.name][r.json().get("rate_limit", {}).get("state", "?")] += 1
            sent[(kind, node.name)] += 1
            ok[(kind, node.name)] += good
            await asyncio.sleep(interval)

    await asyncio.gather(loop("api", 0.05), loop("pixel", 0.02), loop("health", 0.25))
    during = await _scrape_all(c, nodes)
    redis.start()
    restarted = time.monotonic()
    recovered: dict[str, float] = {}
    while len(recovered) < len(nodes) and time.monotonic() - restarted < 10:
        for node in nodes:
            r = await _get(c, seen, "redis-back", node.name, node.url("/api/health"))
            if (
                node.name not in recovered
                and r is not None
                and r.status_code == 200
                and r.json().get("rate_limit", {}).get("state") == "ok"
            ):
                recovered[node.name] = time.monotonic() - restarted
        await asyncio.sleep(0.1)
    from core.ratelimit import STORAGE_RETRY_S

    await asyncio.sleep(STORAGE_RETRY_S)  # every worker has tried Redis again by now
    shared_key, _ = await _new_key(db_url, "redis back", "redis back")
    remaining = []
    for i in range(10):
        r = await _get(
            c,
            seen,
            "redis-back",
            nodes[i % 2].name,
            nodes[i % 2].url("/api/industries"),
            headers={"X-API-Key": shared_key},
        )
        remaining.append(int(r.headers.get("x-ratelimit-remaining", -1)) if r is not None else None)

    kinds = ("api", "pixel", "health")
    result.figure(
        "Redis away",
        f"{seconds:g} s: "
        + "; ".join(
            f"{k} {sum(ok[(k, n.name)] for n in nodes)}/{sum(sent[(k, n.name)] for n in nodes)} ok" for k in kinds
        )
        + "; health said "
        + ", ".join(f"{n}: {dict(s)}" for n, s in health_states.items()),
    )
    for node in nodes:
        errors = common.total(during[node.name], "tune_ratelimit_storage_errors_total") - common.total(
            before[node.name], "tune_ratelimit_storage_errors_total"
        )
        degraded = "tune_ratelimit_degraded_total"
        opened, local = (
            common.total(during[node.name], degraded, limiter=lim, fallback=fb)
            - common.total(before[node.name], degraded, limiter=lim, fallback=fb)
            for lim, fb in (("tracking", "open"), ("api", "local"))
        )
        up = common.total(during[node.name], "tune_ratelimit_storage_up")
        result.info(
            f"/metrics of {node.name}: +{errors:.0f} storage errors, +{local:.0f} API requests counted "
            f"per process, +{opened:.0f} pixel/click requests not limited; storage_up {up:.0f}"
        )
        result.check(errors > 0, f"tune_ratelimit_storage_errors_total did not move on {node.name}")
        result.check(
            opened == ok[("pixel", node.name)],
            f"{node.name}: {opened:.0f} pixel requests decided open, {ok[('pixel', node.name)]} served",
        )
        result.check(
            health_states[node.name]["unavailable"] > 0 and health_states[node.name]["ok"] == 0,
            f"{node.name}'s health said {dict(health_states[node.name])} while Redis was away",
        )
    result.figure(
        "Redis back",
        "health ok on "
        + ", ".join(f"{n} after {t:.2f} s" for n, t in recovered.items())
        + f"; then X-RateLimit-Remaining alternating A/B: {remaining}",
    )
    for kind in kinds:
        total_sent = sum(sent[(kind, n.name)] for n in nodes)
        total_ok = sum(ok[(kind, n.name)] for n in nodes)
        result.check(
            total_sent > 0 and total_ok == total_sent,
            f"{kind}: {total_ok} of {total_sent} ok while Redis was away",
        )
    result.check(len(recovered) == len(nodes), f"health did not say ok again on every node: {recovered}")
    result.check(
        remaining == list(range(99, 89, -1)), f"counting not shared again after Redis came back: {remaining}"
    )


# --- 5. kill -9 of the node holding a pipeline job ----------------------------------------------


async def _wait_job(db_url: str, job_id: str, until: Any, max_wait_s: float) -> dict[str, Any]:
    """Poll the job's row (status, done, lease_owner) in the database until `until(row)`: straight
    from PostgreSQL, so the polling costs no request against the key's 100/minute."""
    deadline = time.monotonic() + max_wait_s
    async with _pg(db_url) as conn:
        while True:
            row = dict(
                await conn.fetchrow(
                    "SELECT status, done, failed, lease_owner FROM jobs WHERE id = $1", uuid.UUID(job_id)
                )
            )
            if until(row):
                return row
            if time.monotonic() > deadline:
                raise TimeoutError(f"job {job_id}: not there within {max_wait_s:g} s ({row})")
            await asyncio.sleep(0.05)


async def _kill(
    result: common.Result, nodes: list[Node], c: httpx.AsyncClient, db_url: str, *, prospects: int
) -> Node:
    """Returns the node still running."""
    key, _ = await _new_key(db_url, "pipeline", "pipeline")
    people = common.prospects(prospects, f"scale-{common.unique_tag()}")
    a = nodes[0]
    r = await c.post(
        a.url("/api/workflows/complete-pipeline"),
        headers={"X-API-Key": key},
        timeout=120,
        json={
            "campaign": {"name": "scale kill -9", "industry": "casino"},
            "prospects": people,
            "content": {"tiers": PLAN, "steps": STEPS},
            "sender": common.SENDER,
        },
    )
    r.raise_for_status()
    job_id = r.json()["job_id"]
    started = time.perf_counter()
    at_kill = await _wait_job(db_url, job_id, lambda j: j["done"] >= KILL_AT * prospects, max_wait_s=300)
    owner = at_kill["lease_owner"]
    pid = int(str(owner).split(":")[1]) if owner else -1
    holder = next((n for n in nodes if pid in n.pids()), None)
    result.check(holder is not None, f"no node runs the job's lease owner {owner!r}")
    holder = holder or nodes[1]
    survivor = next(n for n in nodes if n is not holder)
    holder.kill9_all()
    killed = time.perf_counter()
    done_before = await _pg_scalar(db_url, "SELECT done FROM jobs WHERE id = $1", uuid.UUID(job_id))
    await _wait_job(db_url, job_id, lambda j: j["done"] > done_before, max_wait_s=120)
    moving_at = time.perf_counter() - killed
    await _wait_job(db_url, job_id, lambda j: j["status"] in ("succeeded", "failed", "cancelled"), max_wait_s=600)
    finished_at = time.perf_counter() - killed
    r = await c.get(survivor.url(f"/api/jobs/{job_id}"), headers={"X-API-Key": key})
    r.raise_for_status()
    job = r.json()  # as the API shows it, through the node still running

    async with _pg(db_url) as conn:
        campaign_id = await conn.fetchval("SELECT id FROM campaigns WHERE name = 'scale kill -9'")
        rows = await conn.fetch(
            "SELECT p.email, cp.tier, "
            "(SELECT count(*) FROM analyses an WHERE an.prospect_id = p.id) AS analyses, "
            "(SELECT count(*) FROM messages m WHERE m.prospect_id = p.id AND m.channel = 'email') AS emails, "
            "(SELECT count(*) FROM messages m WHERE m.prospect_id = p.id AND m.channel = 'linkedin_connection') "
            "AS linkedin FROM campaign_prospects cp JOIN prospects p ON p.id = cp.prospect_id "
            "WHERE cp.campaign_id = $1",
            campaign_id,
        )
        items = await conn.fetchval(
            "SELECT count(*) FROM job_items WHERE job_id = $1 AND status = 'done'", uuid.UUID(job_id)
        )
    wrong = []
    for row in rows:
        plan = PLAN.get(str(row["tier"]), [])
        want = (1, STEPS if "sequence" in plan else 0, 1 if "linkedin" in plan else 0)
        have = (row["analyses"], row["emails"], row["linkedin"])
        if have != want:
            wrong.append(f"{row['email']} tier {row['tier']}: (analyses, emails, linkedin) {have}, wants {want}")
    tiers = Counter(row["tier"] for row in rows)
    result.figure(
        "kill -9",
        f"job on {owner} ({holder.name}) killed at {done_before}/{prospects} done, "
        f"{killed - started:.1f} s in; {survivor.name} moved it at {moving_at:.1f} s "
        f"(lease {LEASE_S} s), {job['status']} at {finished_at:.1f} s: {job['done']} done, "
        f"{job['failed']} failed, {items} items done in the database, "
        f"attempts {job['attempts']}",
    )
    result.figure(
        "prospects",
        f"{len(rows)} in the campaign (tiers {dict(sorted(tiers.items()))}); "
        f"{len(wrong)} without exactly one analysis and their tier's content",
    )
    result.check(job["status"] == "succeeded", f"the job ended {job['status']}: {job.get('error')}")
    result.check(
        job["done"] == prospects and job["failed"] == 0 and items == prospects,
        f"job done {job['done']}, failed {job['failed']}, items done {items} of {prospects}",
    )
    result.check(0 < done_before < prospects, f"the kill came at {done_before} of {prospects}, not in the middle")
    result.check(len(rows) == prospects, f"{len(rows)} prospects in the campaign, not {prospects}")
    result.check(not wrong, f"{len(wrong)} prospects with the wrong content: {wrong[:3]}")
    return survivor


# --- the scenario -------------------------------------------------------------------------------


async def _scenario(result: common.Result, admin_url: str, full: bool) -> None:
    db_url = await common.create_database(admin_url)
    nodes: list[Node] = []
    try:
        with (
            RedisServer() as redis,
            fakes.FakeClaude(latency_s=0.05) as claude,
            common.service_env(
                **claude.env(
                    DATABASE_URL=db_url,
                    RATE_LIMIT_STORAGE_URI=redis.url,
                    DB_AUTO_MIGRATE="false",
                    RATE_LIMIT="100/minute",
                    TRACKING_RATE_LIMIT="100000000/minute",
                    API_KEY_CACHE_TTL_S=str(KEY_TTL_S[full]),
                    JOB_WORKERS="1",
                    JOB_ITEM_CONCURRENCY="4",
                    JOB_LEASE_S=str(LEASE_S),
                    JOB_POLL_INTERVAL_S="0.2",
                    LLM_MAX_CONCURRENCY="4",
                    DB_POOL_SIZE="5",
                    DB_MAX_OVERFLOW="5",
                    LLM_INLINE_MAX_ITEMS="100",
                )
            ) as env,
        ):  # seeding adds its few prospects inline, not as a job
            server = getattr(claude.fake, "_server", None)
            if server is not None:  # connections reset by the killed node: expected here
                server.handle_error = lambda request, client_address: None
            pinned = re.search(r"^redis==(\S+)", (bench.REPO / "requirements.txt").read_text(), re.M)
            installed = importlib.metadata.version("redis")
            result.check(
                pinned is not None and pinned.group(1) == installed,
                f"redis-py {installed} installed, requirements.txt pins {pinned and pinned.group(1)}",
            )
            # The commands of docs/scale-out.md, as written there (with this PostgreSQL and this Redis).
            commands = [
                [str(VENV_BIN / "alembic"), "upgrade", "head"],
                [str(VENV_BIN / "python"), "auth.py", "bootstrap"],
            ]
            t0 = time.perf_counter()
            outputs = [await asyncio.to_thread(_run_cli, cmd, env) for cmd in commands]
            admin = bench.KEY_RE.search(outputs[1])
            if admin is None:
                raise RuntimeError(f"auth.py bootstrap printed no key:\n{outputs[1]}")
            result.info(
                f"ran: alembic upgrade head, auth.py bootstrap ({time.perf_counter() - t0:.1f} s); "
                f"Redis {redis.url}; starting A and B: uvicorn api_server:app {' '.join(UVICORN_ARGS)}"
            )
            nodes += [Node("A", env), Node("B", env)]
            await asyncio.gather(*(asyncio.to_thread(node.start) for node in nodes))
            seen = Seen()
            async with httpx.AsyncClient(timeout=60) as c:
                await _limit(result, nodes, c, db_url, seen)
                await _revocation(result, nodes, c, db_url, seen, KEY_TTL_S[full])
                await _throughput(
                    result,
                    nodes,
                    c,
                    admin.group(0),
                    seen,
                    db_url,
                    clients=40 if full else 20,
                    seconds=5.0 if full else 2.0,
                    rounds=3 if full else 2,
                )
                pixel = (
                    await common.seed_campaign(c_with(c, nodes[1], admin.group(0)), prospects_n=2, sequences=1)
                ).pixel_paths[0]
                await _redis_away(
                    result, nodes, c, db_url, seen, redis, seconds=10.0 if full else 3.0, pixel_path=pixel
                )
                await _kill(result, nodes, c, db_url, prospects=300 if full else 40)
            fives = seen.count(lambda s: isinstance(s, int) and s >= 500)
            unanswered = seen.count(lambda s: isinstance(s, str))
            result.figure(
                "answers",
                ", ".join(
                    f"{k}: " + " ".join(f"{s}:{n}" for s, n in sorted(v.items(), key=lambda kv: str(kv[0])))
                    for k, v in sorted(seen.statuses.items())
                ),
            )
            for example in seen.examples:
                result.info("example: " + example)
            result.check(fives == 0, f"{fives} responses were 5xx")
            result.check(unanswered == 0, f"{unanswered} requests got no answer")
            for node in nodes:
                log = node.log_text()
                common.print_log_errors(result, log)
                retried = log.count("tracking.batch_retried_one_by_one")
                result.figure(
                    f"node {node.name}'s log",
                    f"{retried} pixel batches retried one by one, "
                    f"{log.count('DeadlockDetected')} deadlocks, "
                    f"{log.count('tracking.batch_failed')} batches failed",
                )
                result.check("Traceback" not in log, f"node {node.name} logged a traceback")
    finally:
        for node in nodes:
            await asyncio.to_thread(node.stop)
        await common.drop_database(admin_url, db_url)


def run(full: bool = False, *, pg_admin_url: str | None = None) -> common.Result:
    result = common.Result(NAME, TITLE)
    with common.postgres(pg_admin_url) as admin_url:
        bench.run(_scenario(result, admin_url, full))
    return result.finish()
