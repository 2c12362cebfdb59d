"""Shared helpers for `bench/bench_*.py`: servers, API keys, load generation, result tables.

    from bench import common

    with common.temp_env() as env:                      # temp SQLite DB, RATE_LIMIT very high, LOG_LEVEL=WARNING
        key = common.create_api_key(env)                # runs `auth.py create`, returns "tune_dev_..."
        with common.Server("api_server:app", env) as srv:   # uvicorn subprocess on a free port
            result = common.run(common.load(srv.url("/api/industries"), headers={"X-API-Key": key},
                                            concurrency=50, seconds=10, server=srv))
    common.print_table("GET /api/industries", {"ours": result})

Servers are separate processes (one uvicorn worker, no access log); the load generator runs in the
benchmark's own process. On a 2-core machine the client can be the bottleneck, so results also carry
the CPU time each side used: server CPU per request is the figure least disturbed by a slow client.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Coroutine, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx

REPO = Path(__file__).resolve().parent.parent
T = TypeVar("T")
KEY_RE = re.compile(r"\btune_(?:dev|live)_[0-9A-Za-z]{43}\b")

# The settings every benchmark server runs with; anything else comes from the environment.
BENCH_SETTINGS = {
    "RATE_LIMIT": "1000000/minute",  # measure the limiter's cost, never its 429s
    "TRACKING_RATE_LIMIT": "1000000/minute",
    # Every pixel hit is written: the benchmarks replay one pixel URL from one client, which the replay
    # filter would otherwise count once per 10 minutes (a no-op that measures nothing).
    "TRACKING_REPLAY_WINDOW_S": "0",
    "RATE_LIMIT_STORAGE_URI": "memory://",
    "LOG_LEVEL": "WARNING",  # per-request info events (access log, key validated) are filtered out
    "DB_AUTO_MIGRATE": "true",
}
# `--loop perf.loop:new_event_loop`: uvloop accepting every waiting connection at each turn (the
# deployment's flag too: see perf/loop.py); the bare app runs under the same flags.
UVICORN_ARGS = (
    "--workers",
    "1",
    "--no-access-log",
    "--log-level",
    "warning",
    "--loop",
    "perf.loop:new_event_loop",
)


def base_parser(
    description: str, *, prog: str | None = None, seconds: float = 10.0, concurrency: int = 50
) -> argparse.ArgumentParser:
    """An argument parser with the flags most benchmarks share (`--seconds`, `--concurrency`).

    Parse with `parser.parse_known_args(argv)`: `python -m bench` passes the same flags to every module.
    """
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--seconds", type=float, default=seconds, help=f"seconds per measurement ({seconds:g})")
    parser.add_argument(
        "--concurrency", type=int, default=concurrency, help=f"concurrent client workers ({concurrency})"
    )
    return parser


# --- environment and API keys ------------------------------------------------------------------


@contextlib.contextmanager
def temp_env(**overrides: str) -> Iterator[dict[str, str]]:
    """`os.environ` plus BENCH_SETTINGS and a fresh SQLite database in a temp dir (removed on exit).

    Keyword arguments override any setting, e.g. `temp_env(LOG_LEVEL="INFO")`.
    """
    with tempfile.TemporaryDirectory(prefix="tune-bench-") as tmp:
        env = dict(os.environ)
        env.update(BENCH_SETTINGS)
        env["DATABASE_URL"] = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        env["BENCH_TMPDIR"] = tmp
        env.update(overrides)
        yield env


def create_api_key(
    env: Mapping[str, str], *, name: str = "bench", scopes: str = "read,write,admin", workspace: str = "default"
) -> str:
    """Create an API key on env's DATABASE_URL with `python auth.py create`; return the key."""
    cmd = [
        sys.executable,
        "auth.py",
        "create",
        "--name",
        name,
        "--workspace",
        workspace,
        "--scopes",
        scopes,
        "--create-workspace",
    ]
    proc = subprocess.run(  # noqa: S603
        cmd,
        cwd=REPO,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    match = KEY_RE.search(proc.stdout)
    if proc.returncode != 0 or match is None:
        raise RuntimeError(f"auth.py create failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return match.group(0)


# --- servers ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`uvicorn APP` in a subprocess on a free port of 127.0.0.1; a context manager.

    `Server("api_server:app", env)` starts it on enter and waits until it answers HTTP (any status),
    then stops it on exit. Output goes to a log file whose tail is shown if the server fails to start.
    """

    def __init__(
        self,
        app: str,
        env: Mapping[str, str] | None = None,
        *,
        args: Sequence[str] = UVICORN_ARGS,
        ready_path: str = "/",
        startup_timeout: float = 60.0,
        cwd: str | Path | None = None,
    ) -> None:
        self.app = app
        self.cwd = cwd or REPO  # another checkout of the code (bench.ab --base)
        self.env = dict(env if env is not None else os.environ)
        self.args = list(args)
        self.ready_path = ready_path
        self.startup_timeout = startup_timeout
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self._log: Any = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> Server:
        self.port = free_port()
        self._log = tempfile.NamedTemporaryFile(prefix="tune-bench-server-", suffix=".log")  # noqa: SIM115
        cmd = [
            sys.executable,
            "-m",
            "uvicorn",
            self.app,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            *self.args,
        ]
        self.proc = subprocess.Popen(  # noqa: S603
            cmd,
            cwd=self.cwd,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + self.startup_timeout
        with httpx.Client(timeout=2.0) as client:
            while True:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"{self.app} exited with {self.proc.returncode}:\n{self.log_tail()}")
                try:
                    client.get(self.url(self.ready_path))
                    return
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"{self.app} did not answer within {self.startup_timeout:g} s:\n{self.log_tail()}"
                    )
                time.sleep(0.05)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines: int = 30) -> str:
        if self._log is None:
            return ""
        self._log.flush()
        text = Path(self._log.name).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def cpu_seconds(self) -> float | None:
        """User + system CPU time the server process has used so far (None where unknown)."""
        if self.proc is None:
            return None
        return process_cpu_seconds(self.proc.pid)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def process_cpu_seconds(pid: int) -> float | None:
    try:
        import psutil  # optional: present in the dev environment (via pgserver)

        times = psutil.Process(pid).cpu_times()
        return float(times.user + times.system)
    except ImportError:
        pass
    except Exception:
        return None
    try:  # Linux without psutil
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


# --- load generation ----------------------------------------------------------------------------


def run(coro: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run` on uvloop when it is installed (it is, with uvicorn[standard]): a faster client."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


@dataclass
class LoadResult:
    """What a load run saw. `statuses` counts HTTP statuses (int) and transport errors ("error:Name")."""

    count: int = 0
    elapsed_s: float = 0.0
    statuses: Counter[int | str] = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)
    client_cpu_s: float | None = None
    server_cpu_s: float | None = None
    # wrk reports percentiles from its histogram, not every latency: {percentile: ms}
    fixed_percentiles: dict[float, float] | None = None

    @property
    def rps(self) -> float:
        return self.count / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile of the latencies, in ms."""
        if self.fixed_percentiles is not None:
            return self.fixed_percentiles.get(float(p), math.nan)
        if not self.latencies_ms:
            return math.nan
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p95(self) -> float:
        return self.percentile(95)

    @property
    def p99(self) -> float:
        return self.percentile(99)

    @property
    def server_errors(self) -> int:
        """Responses with a 5xx status."""
        return sum(n for s, n in self.statuses.items() if isinstance(s, int) and s >= 500)

    @property
    def transport_errors(self) -> int:
        """Requests that got no HTTP response at all (refused, reset, timed out)."""
        return sum(n for s, n in self.statuses.items() if isinstance(s, str) and s.startswith("error:"))

    @property
    def failures(self) -> int:
        """5xx, requests without a response, and (from wrk, which does not tell them apart) non-2xx/3xx."""
        return self.server_errors + self.transport_errors + self.statuses.get("non-2xx", 0)

    @property
    def answered_ok(self) -> int:
        """Responses with a 2xx status (wrk: 2xx or 3xx)."""
        return self.statuses.get("2xx", 0) + sum(
            n for s, n in self.statuses.items() if isinstance(s, int) and 200 <= s < 300
        )

    @property
    def server_cpu_us_per_req(self) -> float | None:
        if self.server_cpu_s is None or not self.count:
            return None
        return self.server_cpu_s / self.count * 1e6

    @property
    def server_capacity_rps(self) -> float | None:
        """Requests per second one core could serve at this CPU cost per request (an upper bound)."""
        per_req = self.server_cpu_us_per_req
        return 1e6 / per_req if per_req else None

    @property
    def client_cpu_pct(self) -> float | None:
        if self.client_cpu_s is None or self.elapsed_s <= 0:
            return None
        return 100 * self.client_cpu_s / self.elapsed_s

    def merge(self, other: LoadResult) -> LoadResult:
        """Two runs as one (counts, time, latencies and CPU added up): for interleaved rounds."""

        def add(a: float | None, b: float | None) -> float | None:
            return None if a is None or b is None else a + b

        fixed = None
        if self.fixed_percentiles is not None and other.fixed_percentiles is not None:
            # Histograms are not kept: below p99 the request-weighted mean, from p99 up the worse round.
            total = max(1, self.count + other.count)
            fixed = {
                p: (
                    max(v, other.fixed_percentiles.get(p, v))
                    if p >= 99
                    else (v * self.count + other.fixed_percentiles.get(p, v) * other.count) / total
                )
                for p, v in self.fixed_percentiles.items()
            }
        return LoadResult(
            self.count + other.count,
            self.elapsed_s + other.elapsed_s,
            self.statuses + other.statuses,
            self.latencies_ms + other.latencies_ms,
            add(self.client_cpu_s, other.client_cpu_s),
            add(self.server_cpu_s, other.server_cpu_s),
            fixed,
        )

    def status_summary(self) -> str:
        return " ".join(f"{s}:{n}" for s, n in sorted(self.statuses.items(), key=lambda kv: str(kv[0])))


def _client(timeout: float) -> httpx.AsyncClient:
    """A client holding one connection. httpcore 1.0's pool does O(connections) work per request (see
    encode/httpcore#1035), so one shared client with 50 connections spends most of its CPU in the pool;
    a client per worker keeps the load generator's cost per request flat."""
    global _SSL_CONTEXT
    if _SSL_CONTEXT is None:  # loading CA certificates costs ~50 ms: once, not once per client
        _SSL_CONTEXT = ssl.create_default_context()
    return httpx.AsyncClient(
        timeout=timeout, verify=_SSL_CONTEXT, limits=httpx.Limits(max_connections=1, max_keepalive_connections=1)
    )


_SSL_CONTEXT: ssl.SSLContext | None = None


@contextlib.asynccontextmanager
async def measuring(result: LoadResult, server: Server | None) -> AsyncIterator[None]:
    """Record the block's wall time, this process's CPU and (when given) the server's CPU in `result`."""
    server_cpu = server.cpu_seconds() if server else None
    client_cpu = time.process_time()
    started = time.perf_counter()
    yield
    result.elapsed_s = time.perf_counter() - started
    result.client_cpu_s = time.process_time() - client_cpu
    if server is not None and server_cpu is not None:
        after = server.cpu_seconds()
        result.server_cpu_s = None if after is None else after - server_cpu


async def load(
    url: str,
    *,
    concurrency: int = 50,
    seconds: float | None = 10.0,
    requests: int | None = None,
    method: str = "GET",
    headers: Mapping[str, str] | None = None,
    json: Any = None,
    content: bytes | None = None,
    server: Server | None = None,
    request_timeout: float = 30.0,
) -> LoadResult:
    """`concurrency` workers, each on its own keep-alive connection, send requests back to back for
    `seconds`, or until `requests` have been sent in total; whichever comes first (`seconds=None`: count only).

    With `server`, the server's CPU time over the run is recorded too. Transport errors are counted, not raised.
    """
    if seconds is None and requests is None:
        raise ValueError("give seconds or requests")
    result = LoadResult()
    remaining = requests
    clients = [_client(request_timeout) for _ in range(concurrency)]

    async def worker(client: httpx.AsyncClient, deadline: float) -> None:
        nonlocal remaining
        while time.perf_counter() < deadline:
            if remaining is not None:
                if remaining <= 0:
                    return
                remaining -= 1
            started = time.perf_counter()
            try:
                response = await client.request(method, url, headers=headers, json=json, content=content)
                status: int | str = response.status_code
            except httpx.TransportError as exc:
                status = f"error:{type(exc).__name__}"
            result.latencies_ms.append((time.perf_counter() - started) * 1000)
            result.statuses[status] += 1

    try:
        async with measuring(result, server):
            deadline = time.perf_counter() + seconds if seconds is not None else math.inf
            await asyncio.gather(*(worker(client, deadline) for client in clients))
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    result.count = sum(result.statuses.values())
    return result


async def burst(
    url: str,
    n: int = 500,
    *,
    method: str = "GET",
    headers: Mapping[str, str] | None = None,
    json: Any = None,
    server: Server | None = None,
    request_timeout: float = 60.0,
) -> LoadResult:
    """`n` clients, each with its own connection, send one request each, released at the same moment."""
    return await load(
        url,
        concurrency=n,
        seconds=None,
        requests=n,
        method=method,
        headers=headers,
        json=json,
        server=server,
        request_timeout=request_timeout,
    )


# --- output -------------------------------------------------------------------------------------


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None or (isinstance(value, float) and math.isnan(value)) else format(value, spec)


def print_table(title: str, results: Mapping[str, LoadResult], *, baseline: str | None = None) -> None:
    """One row per result; with `baseline`, then the ratio of every other row to it.

    Columns: requests, req/s, latency percentiles (ms), server CPU per request (us) and the req/s one
    core could serve at that cost, the client's CPU use, and the count of each status. Ratios read
    "name/baseline": req/s below 1 means slower; latency and CPU per request above 1 mean costlier.
    """
    print(f"\n== {title}")
    header = (
        f"{'':14} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'srv CPU us/req':>14} {'=> max r/s':>10} {'client CPU':>10}  statuses"
    )
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        client = _fmt(r.client_cpu_pct, ".0f")
        print(
            f"{name:14} {r.count:>9} {r.rps:>8.0f} {_fmt(r.p50, '.2f'):>8} {_fmt(r.p95, '.2f'):>8} "
            f"{_fmt(r.p99, '.2f'):>8} {_fmt(r.server_cpu_us_per_req, '.0f'):>14} "
            f"{_fmt(r.server_capacity_rps, '.0f'):>10} {client + '%' if client != '-' else client:>10}  "
            f"{r.status_summary()}"
        )
    if baseline is not None and baseline in results:
        base = results[baseline]
        for name, r in results.items():
            if name != baseline:
                print(
                    f"ratio {name}/{baseline}:  req/s {_ratio(r.rps, base.rps)}   "
                    f"p50 {_ratio(r.p50, base.p50)}   p99 {_ratio(r.p99, base.p99)}   server CPU/req "
                    f"{_ratio(r.server_cpu_us_per_req, base.server_cpu_us_per_req)}"
                )
    if any((r.client_cpu_pct or 0) >= 80 for r in results.values()):
        print(
            "note: the client used >= 80% of a core, so it, not the server, may cap req/s (a req/s ratio"
            " then understates the difference); server CPU per request is not affected by that."
        )


def _ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or not b or math.isnan(a) or math.isnan(b):
        return "-"
    return f"{a / b:.2f}x"


# --- wrk: the C load generator ------------------------------------------------------------------

# wrk's `done` hook prints machine-readable totals and latency percentiles (microseconds).
_WRK_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d\\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout))
  for _, p in ipairs({50, 90, 95, 99, 99.9}) do
    io.write(string.format("WRKP %g %d\\n", p, latency:percentile(p)))
  end
  io.write(string.format("WRKMAX %d\\n", latency.max))
end
"""


def wrk_available() -> bool:
    import shutil

    return shutil.which("wrk") is not None


def wrk(
    url: str,
    *,
    connections: int = 64,
    seconds: float = 6.0,
    headers: Mapping[str, str] | None = None,
    server: Server | None = None,
    timeout_s: float = 2.0,
) -> LoadResult:
    """`wrk -t1 -c<connections> -d<seconds>` against `url`; the server's CPU over the run when given.

    One wrk thread (C, epoll) drives all connections: on a 2-core machine it costs a fraction of what
    the server does, so req/s measures the server. Statuses: 2xx/3xx answered ("2xx"), other statuses
    ("non-2xx"), and requests that got no answer ("error:timeout", "error:read", ...); wrk's timeout
    is `timeout_s` (2 s, its default). Latency percentiles come from wrk's histogram.
    """
    import resource

    with tempfile.NamedTemporaryFile("w", suffix=".lua", prefix="tune-wrk-", delete=False) as script:
        script.write(_WRK_LUA)
    cmd = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        f"--timeout={timeout_s:g}s",
        "-s",
        script.name,
    ]
    for name, value in (headers or {}).items():
        cmd += ["-H", f"{name}: {value}"]
    cmd.append(url)
    result = LoadResult()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu = server.cpu_seconds() if server else None
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=False)  # noqa: S603
    finally:
        os.unlink(script.name)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if server is not None and server_cpu is not None:
        now = server.cpu_seconds()
        result.server_cpu_s = None if now is None else now - server_cpu
    result.client_cpu_s = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    totals = re.search(
        r"^WRK requests=(\d+) duration_us=(\d+) connect=(\d+) read=(\d+) write=(\d+) "
        r"status=(\d+) timeout=(\d+)$",
        proc.stdout,
        re.M,
    )
    if proc.returncode != 0 or totals is None:
        raise RuntimeError(f"wrk failed (exit {proc.returncode}): {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
    requests, duration_us, connect, read, write, status, timeouts = map(int, totals.groups())
    result.count = requests
    result.elapsed_s = duration_us / 1e6
    result.statuses["2xx"] = requests - status
    for label, n in (
        ("non-2xx", status),
        ("error:connect", connect),
        ("error:read", read),
        ("error:write", write),
        ("error:timeout", timeouts),
    ):
        if n:
            result.statuses[label] += n
    result.fixed_percentiles = {
        float(p): int(us) / 1000 for p, us in re.findall(r"^WRKP (\S+) (\d+)$", proc.stdout, re.M)
    }
    return result


# --- targets (issue 14): every benchmark reports its targets here; `python -m bench` sums them up ------

TARGET_LINES: list[tuple[bool, str]] = []


def target(passed: bool, line: str) -> bool:
    """Print `PASS|FAIL line` now and keep it for the summary `python -m bench` prints at the end."""
    text = f"{'PASS' if passed else 'FAIL'} {line}"
    print(text, flush=True)
    TARGET_LINES.append((passed, text))
    return passed
