"""The README's tour is executed (issue 18): its bash blocks run in order, as written, against a
fresh service started as `make run` starts it, and every `# →` line must be what the service printed.

How a shown output is read (README, "A ten-minute tour"):
- it belongs to the command just above it (the command starts on the nearest line above that begins
  in column 0 and is not a comment; its continuation lines are indented);
- `# → {…}` or `# → […]` is JSON, compared as a subset: every key shown must be in the answer with the
  value shown; a list must have exactly the elements shown, unless it ends with `…` (then the shown
  ones are its first elements); `…` alone is any value, and inside a string any text;
- anything else is text: each shown line must match a printed line, in order (`…`: any text);
- lines right below a `# →` that start with `#` and two or more spaces continue it;
- `http://localhost:8000` in a shown output stands for the service's address.

When the service's answers change (scoring or copy tuned), the failure names the command, the key
and what came back. `README_TOUR_SHOW=1 pytest tests/test_readme.py -s` prints every shown output
next to the service's actual answer, to update the README in one pass.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
TOUR_START, TOUR_END = "## A ten-minute tour", "## Further reading"
SHOWN = "# → "
CONTINUED = re.compile(r"^#\s{2,}\S")
DOC_BASE = "http://localhost:8000"
ELLIPSIS = "…"


# ---------------------------------------------------------------- reading the README


@dataclass
class Shown:
    number: int
    command: str  # the command as written (its first line, for messages)
    text: str  # the shown output, continuation lines joined with newlines


def tour_blocks(readme: str) -> list[str]:
    start = readme.index(TOUR_START)
    end = readme.index(TOUR_END, start)
    return re.findall(r"```bash\n(.*?)```", readme[start:end], flags=re.S)


def is_command_start(line: str) -> bool:
    return bool(line) and not line[0].isspace() and not line.startswith("#")


def instrument(blocks: list[str]) -> tuple[str, list[Shown]]:
    """One bash script: the blocks in order, with markers around each command whose output is shown."""
    lines: list[str] = []
    for block in blocks:
        lines += block.splitlines()
    lines = ["export KEY  # set by the test" if re.match(r"^export KEY=", line) else line for line in lines]
    out: list[str] = []
    shown: list[Shown] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith(SHOWN):
            out.append(line)
            i += 1
            continue
        text = [line[len(SHOWN) :]]
        i += 1
        while i < len(lines) and CONTINUED.match(lines[i]):
            text.append(lines[i][1:].strip())
            i += 1
        start = next((j for j in range(len(out) - 1, -1, -1) if is_command_start(out[j])), None)
        assert start is not None, f"README: `{line}` follows no command"
        number = len(shown)
        shown.append(Shown(number, out[start], "\n".join(text)))
        out.insert(start, f"echo '@@BEGIN {number}@@'")
        out.append(f"echo; echo '@@END {number}@@'")
    return "set -e\n" + "\n".join(out) + "\n", shown


# ---------------------------------------------------------------- JSON with "…"


class _Any:
    def __repr__(self) -> str:
        return ELLIPSIS


ANY = _Any()


@dataclass
class OpenList:
    items: list[Any]  # the first elements; more may follow


class _Parser:
    def __init__(self, text: str) -> None:
        self.text, self.pos = text, 0

    def error(self, what: str) -> ValueError:
        return ValueError(f"{what} at {self.pos} in shown output: {self.text!r}")

    def ws(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self) -> str:
        self.ws()
        return self.text[self.pos : self.pos + 1]

    def eat(self, token: str) -> None:
        if self.peek() != token:
            raise self.error(f"expected {token!r}")
        self.pos += 1

    def value(self) -> Any:
        c = self.peek()
        if c == ELLIPSIS:
            self.pos += 1
            return ANY
        if c == "{":
            return self.obj()
        if c == "[":
            return self.arr()
        if c == '"':
            return self.string()
        m = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null").match(self.text, self.pos)
        if not m:
            raise self.error("expected a value")
        self.pos = m.end()
        return json.loads(m.group())

    def string(self) -> Any:
        m = re.compile(r'"((?:[^"\\]|\\.)*)"').match(self.text, self.pos)
        if not m:
            raise self.error("bad string")
        self.pos = m.end()
        s = json.loads(m.group())
        if ELLIPSIS not in s:
            return s
        if s == ELLIPSIS:
            return ANY
        return re.compile(".*".join(re.escape(part) for part in s.split(ELLIPSIS)), re.S)

    def obj(self) -> dict[str, Any]:
        self.eat("{")
        result: dict[str, Any] = {}
        while self.peek() != "}":
            if self.peek() == ELLIPSIS:
                self.pos += 1
            else:
                key = self.string()
                if not isinstance(key, str):
                    raise self.error("a key cannot be elided")
                self.eat(":")
                result[key] = self.value()
            if self.peek() == ",":
                self.pos += 1
        self.eat("}")
        return result

    def arr(self) -> list[Any] | OpenList:
        self.eat("[")
        items: list[Any] = []
        open_ended = False
        while self.peek() != "]":
            if self.peek() == ELLIPSIS:
                self.pos += 1
                open_ended = True
            else:
                items.append(self.value())
            if self.peek() == ",":
                self.pos += 1
        self.eat("]")
        return OpenList(items) if open_ended else items


def parse_shown(text: str) -> Any:
    parser = _Parser(text)
    value = parser.value()
    parser.ws()
    if parser.pos != len(text):
        raise parser.error("trailing text")
    return value


def differences(shown: Any, actual: Any, path: str = "") -> list[str]:
    where = path or "the answer"
    if shown is ANY:
        return []
    if isinstance(shown, re.Pattern):
        if isinstance(actual, str) and shown.fullmatch(actual):
            return []
        return [f"{where}: shown {shown.pattern!r} (… = any text), service returned {actual!r}"]
    if isinstance(shown, dict):
        if not isinstance(actual, dict):
            return [f"{where}: shown an object, service returned {actual!r}"]
        found: list[str] = []
        for key, value in shown.items():
            if key not in actual:
                found.append(f"{path}.{key}: shown {value!r}, absent from the answer (keys: {sorted(actual)})")
            else:
                found += differences(value, actual[key], f"{path}.{key}")
        return found
    if isinstance(shown, (list, OpenList)):
        items = shown.items if isinstance(shown, OpenList) else shown
        if not isinstance(actual, list):
            return [f"{where}: shown a list, service returned {actual!r}"]
        if len(actual) < len(items) or (isinstance(shown, list) and len(actual) != len(items)):
            return [
                f"{where}: shown {len(items)} item(s){' and more' if isinstance(shown, OpenList) else ''}, "
                f"service returned {len(actual)}: {json.dumps(actual)[:600]}"
            ]
        found = []
        for n, (s, a) in enumerate(zip(items, actual, strict=False)):
            found += differences(s, a, f"{path}[{n}]")
        return found
    if shown != actual or (type(shown) is bool and type(actual) is not bool):
        return [f"{where}: shown {shown!r}, service returned {actual!r}"]
    return []


def text_differences(shown: str, printed: str) -> list[str]:
    lines = printed.splitlines()
    at = 0
    for want in shown.splitlines():
        pattern = re.compile(".*".join(re.escape(part) for part in want.split(ELLIPSIS)))
        while at < len(lines) and not pattern.fullmatch(lines[at].rstrip("\r")):
            at += 1
        if at == len(lines):
            return [f"shown line {want!r} not printed (in order); service printed {printed!r}"]
        at += 1
    return []


def compare(shown: Shown, printed: str, base: str) -> list[str]:
    text = shown.text.replace(DOC_BASE, base)
    printed = printed.strip("\n")
    if text[:1] in "{[":
        try:
            actual = json.loads(printed)
        except ValueError:
            return [f"shown JSON, but the command printed {printed[:600]!r}"]
        return differences(parse_shown(text), actual)
    return text_differences(text, printed)


# ---------------------------------------------------------------- unit checks of the comparison


def test_the_comparison_is_strict_where_it_shows_and_loose_where_it_elides():
    shown = parse_shown('{"a": 1, "b": [{"c": "x…"}, …], "d": […], "e": "…", …}')
    assert differences(shown, {"a": 1, "b": [{"c": "xyz", "z": 0}, {}], "d": [], "e": "q", "f": 2}) == []
    assert differences(shown, {"a": 2, "b": [{"c": "x"}], "d": [1], "e": ""})[0].startswith(".a: shown 1")
    assert "absent" in differences(shown, {"b": [{"c": "x"}], "d": [], "e": ""})[0]
    assert differences(shown, {"a": 1, "b": [{"c": "yx"}], "d": [1], "e": ""}) == [
        ".b[0].c: shown 'x.*' (… = any text), service returned 'yx'"
    ]
    assert differences(parse_shown("[1, 2]"), [1, 2, 3])  # no … : the length counts
    assert differences(parse_shown('{"t": true}'), {"t": 1})
    assert text_differences("200 image/gif", "200 image/gif\n") == []
    assert text_differences("HTTP/1.1 429 …\nretry-after: …", "HTTP/1.1 429 Too Many\r\nretry-after: 12\r") == []
    assert text_differences("HTTP/1.1 429 …\nretry-after: …", "HTTP/1.1 200 OK\nretry-after: 12")
    assert text_differences("a\nb", "b\na")
    script, shown_list = instrument(["X=$(curl a \\\n  -d '{}')\ncurl b\n# → {\"k\": 1}\n#   more\n"])
    assert shown_list[0].command == "curl b" and shown_list[0].text == '{"k": 1}\nmore'
    assert script.index("@@BEGIN 0@@") > script.index("-d '{}')")


# ---------------------------------------------------------------- the service, as `make run` starts it


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def service(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/tour.db",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "ENV": "development",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "WARNING",
        "SECRET_KEY": "readme-tour-" + "k" * 40,
    }
    for name in (
        "PYTHONPATH",
        "PUBLIC_BASE_URL",
        "ANTHROPIC_API_KEY",
        "RATE_LIMIT",
        "METRICS_TOKEN",
        "METRICS_PUBLIC",
    ):
        env.pop(name, None)
    boot = subprocess.run(
        [sys.executable, "auth.py", "bootstrap"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    key = re.search(r"tune_dev_[A-Za-z0-9]+", boot.stdout)
    assert key, f"auth.py bootstrap printed no key:\n{boot.stdout}\n{boot.stderr}"
    log = (tmp_path / "server.log").open("wb")  # open for the server's whole life
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
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, (tmp_path / "server.log").read_text()
            assert time.monotonic() < deadline, "the service did not start in 120 s"
            time.sleep(0.3)
        yield base, key.group()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.mark.slow
def test_the_readme_tour_prints_what_it_shows(service, tmp_path):
    base, key = service
    script, shown = instrument(tour_blocks(README.read_text()))
    assert len(shown) >= 20, "the tour shows an output for most capabilities"
    env = {**os.environ, "KEY": key, "BASE": base}
    try:
        run = subprocess.run(
            ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
        )
    except subprocess.TimeoutExpired as late:
        out = late.stdout.decode(errors="replace") if isinstance(late.stdout, bytes) else late.stdout or ""
        began = re.findall(r"@@BEGIN (\d+)@@", out)
        stuck = shown[int(began[-1]) + 1].command if began and int(began[-1]) + 1 < len(shown) else "?"
        pytest.fail(f"the README's tour did not finish in 600 s; it was stuck before or at `{stuck}`")
    outputs = dict(re.findall(r"@@BEGIN (\d+)@@\n(.*?)@@END \1@@", run.stdout, flags=re.S))
    problems: list[str] = []
    show = os.environ.get("README_TOUR_SHOW")
    for item in shown:
        printed = outputs.get(str(item.number))
        if show:
            print(f"\n### {item.command}\n# README: {item.text}\n# service: {printed}")
        if printed is None:
            problems.append(f"`{item.command}` never ran (the tour stopped before it)")
            continue
        problems += [f"`{item.command}`: {p}" for p in compare(item, printed, base)]
    assert run.returncode == 0 and not problems, (
        f"the README's tour differs from the service (bash exit {run.returncode}):\n- "
        + "\n- ".join(problems)
        + f"\nstderr of the tour:\n{run.stderr[-3000:]}"
    )
