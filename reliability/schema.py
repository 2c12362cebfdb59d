"""Scenario `schema`: schemathesis against the running service's OpenAPI schema.

A real service process on a fresh SQLite database, seeded through the API with a campaign, prospects,
emails, tracked links and a job, so that generated requests reach real rows as well as 404s:
schemathesis draws each path id (campaign, prospect, message, job, pixel/click token, industry)
from the seeded values half of the time (a "dictionary" in its config) and from the schema the rest.

Every operation of `/openapi.json` is tested (nothing excluded), with an admin API key and the Clay
webhook secret as headers, in all four phases (examples, coverage, fuzzing, stateful), checks
`not_a_server_error` and `response_schema_conformance`. Short: 10 examples per operation; full: 100.

PASS: schemathesis reports no failure and no error, and the server's own /metrics counted no 5xx.
Figures: operations tested, test cases, requests the server answered (by status class), failures.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

from bench import common as bench
from reliability import common

NAME = "schema"
TITLE = "schemathesis against /openapi.json (0 server errors, responses conform to the schema)"
CLAY_SECRET = "whsec_reliability_Q7mZ2xK9pL4vN8cR3tY6wB1"  # noqa: S105  (a test value, throwaway server)
CHECKS = "not_a_server_error,response_schema_conformance"
ST = "import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())"


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def write_config(path: Path, ids: dict[str, list[str]]) -> None:
    """schemathesis.toml: each kind of id drawn from the seeded values with probability 0.5."""
    bindings = {
        "campaign": ["path.campaign_id", "query.campaign_id", "body.campaign_id"],
        "prospect": ["path.prospect_id", "body.prospect_id"],
        "message": ["path.message_id"],
        "job": ["path.job_id"],
        "token": ["path.token"],
        "industry": ["path.industry"],
    }
    lines = []
    for name, values in ids.items():
        if values:
            lines += [f"[dictionaries.{name}]", f"values = {_toml_list(values)}", ""]
    lines.append("[parameters]")
    for name, keys in bindings.items():
        if ids.get(name):
            lines += [f'"{key}" = {{ dictionary = "{name}", probability = 0.5 }}' for key in keys]
    path.write_text("\n".join(lines) + "\n")


async def _seed(client: httpx.AsyncClient) -> dict[str, list[str]]:
    seeded = await common.seed_campaign(client, prospects_n=8, sequences=2)
    r = await client.post(
        "/api/workflows/complete-pipeline",
        json={
            "campaign_id": seeded.campaign_id,
            "prospects": common.prospects(3, "schema-job"),
            "content": {"tiers": {"1": ["sequence"]}, "steps": 2},
            "sender": common.SENDER,
        },
    )
    r.raise_for_status()
    tokens = [p.removeprefix("/t/o/").removesuffix(".gif") for p in seeded.pixel_paths[:4]]
    tokens += [p.removeprefix("/t/c/") for p in seeded.click_paths[:4]]
    return {
        "campaign": [seeded.campaign_id],
        "prospect": seeded.prospect_ids[:4],
        "message": seeded.message_ids[:4],
        "job": [r.json()["job_id"]],
        "token": tokens,
        "industry": ["casino", "hotel", "saas"],
    }


def _describe_failure(failure: dict[str, Any]) -> str:
    """One line per kind of failure from schemathesis' JSON report: code, title, count, operations."""
    ops = ", ".join(map(str, failure.get("operations") or []))
    return (
        f"{failure.get('code', '')} {failure.get('title') or failure.get('type')} x{failure.get('count', '?')}"
        f": {ops}"
        if ops
        else json.dumps(failure, default=str)[:1500]
    )


def failures_section(output: str, limit: int = 200) -> list[str]:
    """The CLI's FAILURES section (each failing case: the check, the response, a curl to reproduce it)."""
    lines = output.splitlines()
    start = next((i for i, line in enumerate(lines) if " FAILURES " in line), None)
    if start is None:
        return []
    end = next(
        (i for i in range(start + 1, len(lines)) if " SUMMARY " in lines[i] or " WARNINGS " in lines[i]),
        len(lines),
    )
    return lines[start + 1 : end][:limit]


def run(full: bool = False, *, examples: int | None = None, seed: int = 1) -> common.Result:
    result = common.Result(NAME, TITLE)
    examples = examples or (100 if full else 10)
    with tempfile.TemporaryDirectory(prefix="tune-reliability-st-") as tmp, common.service_env() as env:
        key = bench.create_api_key(env, name="schemathesis", scopes="read,write,admin")
        with common.ServiceProcess(env) as srv:

            async def prepare() -> tuple[dict[str, list[str]], common.Samples]:
                async with httpx.AsyncClient(base_url=srv.base_url, headers={"X-API-Key": key}, timeout=60) as c:
                    imported = await c.post(
                        "/api/clay/webhook-secrets",  # the workspace's webhook secret
                        json={"name": "schemathesis", "secret": CLAY_SECRET},
                    )
                    imported.raise_for_status()
                    ids = await _seed(c)
                    return ids, await common.scrape(c, srv.base_url)

            ids, before = bench.run(prepare())
            config = Path(tmp) / "schemathesis.toml"
            write_config(config, ids)
            cmd = [
                sys.executable,
                "-c",
                ST,
                "--config-file",
                str(config),
                "--no-color",
                "run",
                srv.url("/openapi.json"),
                "-H",
                f"X-API-Key: {key}",
                "-H",
                f"X-Clay-Secret: {CLAY_SECRET}",
                "--checks",
                CHECKS,
                "--max-examples",
                str(examples),
                "--seed",
                str(seed),
                "--generation-database",
                "none",
                "--request-timeout",
                "30",
                "--workers",
                "2",
                "--report",
                "json",
                "--report-dir",
                str(Path(tmp) / "report"),
            ]
            result.info(
                f"schemathesis {_version()}: {examples} examples per operation, all phases, "
                f"checks {CHECKS}, seed {seed}"
            )
            proc = subprocess.run(  # noqa: S603
                cmd,
                cwd=tmp,
                capture_output=True,
                text=True,
                check=False,
                timeout=3600,
            )
            log_path = Path(tempfile.gettempdir()) / "tune-reliability-schemathesis.log"
            output = proc.stdout + proc.stderr
            log_path.write_text(output)

            async def after() -> common.Samples:
                async with httpx.AsyncClient(timeout=60) as c:
                    return await common.scrape(c, srv.base_url)

            samples = bench.run(after())
            server_log = srv.log_text()
        reports = sorted((Path(tmp) / "report").glob("*.json"))
        if not reports:
            result.check(False, f"schemathesis wrote no report (exit {proc.returncode}); output in {log_path}")
            tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-30:])
            result.info(tail)
            return result.finish()
        report = json.loads(reports[-1].read_text())

    statuses = common.delta(
        common.by_label(samples, "tune_http_requests_total", "status"),
        common.by_label(before, "tune_http_requests_total", "status"),
    )
    by_class: dict[str, int] = {}
    for (status,), n in statuses.items():
        by_class[status[0] + "xx"] = by_class.get(status[0] + "xx", 0) + int(n)
    by_class["2xx"] = by_class.get("2xx", 0) - 1  # the /metrics scrape before the run
    operations, cases = report["operations"], report["test_cases"]
    result.figure(
        "operations tested",
        f"{operations['tested']} of {operations['total']} "
        f"(errored {operations['errored']}, skipped {operations['skipped']})",
    )
    result.figure(
        "test cases",
        f"{cases['generated']} generated, {cases['with_failures']} with failures, "
        f"{cases['unique_failures']} unique failures, {cases['errored']} errored",
    )
    result.figure(
        "requests answered by the server",
        f"{sum(by_class.values())} ({', '.join(f'{k}: {v}' for k, v in sorted(by_class.items()))})",
    )
    reached = common.delta(
        common.by_label(samples, "tune_http_requests_total", "method", "route", "status"),
        common.by_label(before, "tune_http_requests_total", "method", "route", "status"),
    )
    ok_ops = {(m, r) for (m, r, s) in reached if s[0] in "23" and r not in ("/openapi.json", "unmatched")}
    result.figure("operations answered 2xx/3xx at least once", f"{len(ok_ops)} of {operations['total']}")
    result.figure("schemathesis run time", f"{report['running_time']:.1f} s")
    warnings = {k: v for k, v in (report.get("warnings") or {}).items() if v}
    for kind, ops in warnings.items():
        result.info(f"schemathesis warning {kind}: {', '.join(map(str, ops))}")
    for failure in report.get("failures") or []:
        result.info("failure: " + _describe_failure(failure))
    for line in failures_section(output):
        result.info("| " + line)
    for error in report.get("errors") or []:
        result.info("error: " + _describe_failure(error))
    result.check(
        not report.get("failures"),
        f"{len(report.get('failures') or [])} schemathesis failure(s) "
        f"(see the lines above; full output in {log_path})",
    )
    result.check(not report.get("errors"), f"{len(report.get('errors') or [])} schemathesis error(s)")
    result.check(
        operations["tested"] == operations["total"],
        f"only {operations['tested']} of {operations['total']} operations tested",
    )
    result.check(by_class.get("5xx", 0) == 0, f"the server answered {by_class.get('5xx', 0)} x 5xx")
    common.print_log_errors(result, server_log)
    result.check("Traceback" not in server_log, "the server logged a traceback")
    return result.finish()


def _version() -> str:
    from importlib.metadata import version

    return version("schemathesis")
