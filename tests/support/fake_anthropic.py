"""A small fake Anthropic Messages API on 127.0.0.1, for testing the real SDK end to end.

anthropic 2.x runs on `httpx2`, so `respx` cannot intercept it: tests point a real SDK client at
this server instead (`base_url=fake.url`), built with `_strict_response_validation=True` so a
response that drifts from the Messages API shape fails loudly.

Use it
------
    # ruff: noqa: F811   (at the top of the test module: parameters shadow the imported fixture)
    from tests.support.fake_anthropic import fake_anthropic  # noqa: F401  (the fixture)

    async def test_x(fake_anthropic, database_url):
        s = make_settings(database_url, **fake_anthropic.settings())   # key "test" + base_url
        llm = LLMClient(s, db, client=fake_anthropic.sdk_client(s), sleep=no_sleep)
        fake_anthropic.reply({"score": 80})                             # next request's tool input
        ...
        assert fake_anthropic.attempts == 1
        assert fake_anthropic.last.json["tool_choice"] == {"type": "tool", "name": "emit", ...}

    fake.url                     "http://127.0.0.1:<port>"
    fake.settings(**extra)       {"ANTHROPIC_API_KEY": "test", "ANTHROPIC_BASE_URL": fake.url, **extra}
    fake.sdk_client(settings)    AsyncAnthropic(api_key="test", base_url=fake.url, max_retries=0,
                                 timeout=settings.LLM_TIMEOUT_S, _strict_response_validation=True)

For an app-level test, pass `**fake_anthropic.settings()` to `make_settings`; the service builds
its own (non-strict) SDK client from those settings and sleeps for real between retries, so
script failures with `LLM_MAX_ATTEMPTS=1` or a `retry-after-ms` header to keep the test fast.

Scripting: a FIFO queue of behaviours, one consumed per request
---------------------------------------------------------------
    fake.reply(value, *, usage=None, delay=0, times=1, stop_reason=None)
        200 carrying `value` the way the request asked for it: a request with `output_config`
        (native structured output) gets one text block holding `value` as JSON and `stop_reason:
        end_turn`; a request with tools gets one `tool_use` block named after the forced tool
        (`tool_choice.name`, else the first tool) and `stop_reason: tool_use`. `usage` overrides
        token counts. `stop_reason="max_tokens"` cuts the answer off like the API does: the JSON
        text is truncated mid-way (a tool's input is sent as given) and `output_tokens` equals the
        request's `max_tokens`.
    fake.refuse(*, category=None, explanation=None, times=1)
        200 with `stop_reason: refusal`, `stop_details` {"type": "refusal", …} and no answer.
    fake.fail(status, *, error_type=None, message=None, error_code=None, headers=None, delay=0, times=1)
        HTTP `status` with a proper error body {"type": "error", "error": {"type", "message"
        [, "details": {"error_code"}]}, "request_id"}. `error_type` defaults from the status
        (529 → overloaded_error, 429 → rate_limit_error…); `headers` adds e.g. {"retry-after":
        "3600"}, {"retry-after-ms": "250"}, {"x-should-retry": "false"}. A spend limit is
        `fail(429, error_code="enforced_spend_limit_reached")`.
    fake.sleep(seconds, *, times=1)
        wait `seconds` (latency, or a timeout when longer than the client's), then answer like
        an unscripted request would.
    fake.reply_raw(body, *, status=200, headers=None, delay=0, times=1)
        any JSON body, e.g. a message with only a text block (the model ignored the tool).
    fake.responder = callable(request_json) -> tool_input dict
        answers every request once the queue is empty (the default for batch tests).

With the queue empty and no responder the fake answers 500 with `x-should-retry: false`, so a
test that forgot to script a call fails instead of hanging in retries; `fake.unscripted` counts
those answers.

Usage (token counts) when not given: `input_tokens` ≈ prompt chars / 4; the system block with
`cache_control` is priced as a prompt cache write the first time a (tools, output format, system)
prefix is seen and as a cache read afterwards, like the real API, but only when that prefix is at
least the model's minimum cacheable length (`min_cache_tokens`: 1,024 tokens for Sonnet, 4,096 for
Opus and Haiku); a shorter prefix is billed as plain input. Writes are split by the block's `ttl`
("5m" or "1h") in `usage.cache_creation`. `output_tokens` ≈ output chars / 4.

Model-specific rules, like the API: a forced tool (`tool_choice` of type "tool" or "any") on a model
in `FORCED_TOOL_REJECTED` (Claude Sonnet 5.5, Opus 5.5) gets 400; an `output_config.format` must be
`{"type": "json_schema", "schema": …}` whose every object schema has `additionalProperties: false`.
`fake.schema_title(request)` names the schema a request asked for, whichever way it asked.

Message Batches
---------------
    POST /v1/messages/batches, GET /v1/messages/batches[/{id}[/results]], POST …/{id}/cancel, like the
    API: a create answers a `message_batch` in `in_progress` (`request_counts.processing` = its
    requests; 400 for an empty list, a `custom_id` not matching `^[a-zA-Z0-9_-]{1,64}$` or used twice);
    after `fake.batch_delay_s` (default 0.2 s) a background thread answers every request the way
    an unscripted Messages request would be answered (the responder; prompt-cache usage as above), and
    the batch `ended` with its counts and a `results_url` (JSONL, one line per request, in shuffled
    order). A request whose params the Messages endpoint would reject ends `errored`
    (invalid_request_error). The list is newest first (`limit`, `after_id`, `before_id`).
    fake.batch_outcome = callable(custom_id, params) -> "errored" | "expired" | "canceled" | None
        makes single requests end otherwise than `succeeded` (None: succeed).
    fake.drop_batch_creates = n
        the next n creates make the batch and then close the connection without answering (the
        client sees a connection error: a crash between submit and storing the id).
    fake.refuse_batch_creates = [(status, error_type), …]
        the next creates answer these errors and make nothing (e.g. (400, "invalid_request_error"),
        (429, "rate_limit_error") with `error_code="enforced_spend_limit_reached"` not modelled).
    fake.on_batch_create = callable(batch)
        called once a batch is made, before the answer is sent (e.g. to kill the client's process there).
    fake.batches: dict[id, FakeBatch]      each with `.requests` (custom_id → params) and `.results`
    fake.batch_creates -> int              number of batches created
    fake.batch_requests -> list[str]       every custom_id ever submitted, in order (duplicates kept)

What was received
-----------------
    fake.requests: list[RecordedRequest]  (method, path, headers (lower-case keys), json)
    fake.attempts -> int                  number of POST /v1/messages received
    fake.last -> RecordedRequest          the newest one
    fake.max_concurrent -> int            most requests in flight at once (concurrency limits)
    fake.pending -> int                   scripted behaviours not yet consumed
    RecordedRequest.system                the system blocks, e.g. to assert `cache_control`
    fake.reset()                          clear queue, responder, records and the cache

Requests without a key (`Authorization: Bearer …` or `x-api-key`) or `anthropic-version`, a
body without `model`, `max_tokens` or `messages`, a body the SDK's own `MessageCreateParams` type
rejects (an unknown key such as `temperature`, a wrong `output_config`…), a tool without an object
`input_schema`, or a `tool_choice` naming a tool that was not sent, get a 401/400 like the real API.
Every answer the fake builds is validated against the SDK's `Message` type before it is sent.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import random
import re
import socket
import threading
import time
import typing
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from anthropic import AsyncAnthropic
from anthropic.types import Message
from anthropic.types.message_create_params import MessageCreateParamsNonStreaming
from pydantic import TypeAdapter, ValidationError

from settings import Settings

Responder = Callable[[dict[str, Any]], dict[str, Any]]

# The SDK's own request and response types: every request must be a valid `messages.create` body (no
# unknown keys, such as the `temperature` 2.x removed) and every answer a valid `Message`.
_REQUEST = TypeAdapter(MessageCreateParamsNonStreaming)
_REQUEST_KEYS = frozenset(typing.get_type_hints(MessageCreateParamsNonStreaming))

# Models that answer 400 to a forced tool ("What's new in Claude Sonnet 5.5", breaking changes).
FORCED_TOOL_REJECTED = ("claude-sonnet-5-5", "claude-opus-5-5")


def min_cache_tokens(model: str) -> int:
    """The shortest prefix the API caches for `model` (shorter prefixes are billed as input)."""
    return 4096 if model.startswith(("claude-opus", "claude-haiku")) else 1024


def _rejects_forced_tool(model: str) -> bool:
    return any(model == m or model.startswith(m + "-") for m in FORCED_TOOL_REJECTED)


def _open_objects(schema: Any) -> bool:
    """Some object schema in `schema` lacks `additionalProperties: false` (structured outputs need it)."""
    if isinstance(schema, dict):
        if schema.get("type") == "object" and schema.get("additionalProperties") is not False:
            return True
        return any(_open_objects(v) for v in schema.values())
    if isinstance(schema, list):
        return any(_open_objects(v) for v in schema)
    return False


ERROR_TYPES: dict[int, str] = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    408: "timeout_error",
    409: "conflict_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    502: "api_error",
    503: "api_error",
    504: "timeout_error",
    529: "overloaded_error",
}


CUSTOM_ID = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


def _iso(epoch: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch)) + f".{int(epoch % 1 * 1e6):06d}Z"


@dataclass
class FakeBatch:
    """One Message Batch the fake holds."""

    id: str
    created: float
    requests: dict[str, dict[str, Any]]
    status: str = "in_progress"  # in_progress | canceling | ended
    results: list[dict[str, Any]] = field(default_factory=list)
    ended: float | None = None
    cancel_initiated: float | None = None

    def body(self, base_url: str) -> dict[str, Any]:
        counts = {"processing": 0, "succeeded": 0, "errored": 0, "canceled": 0, "expired": 0}
        if self.status == "ended":
            for r in self.results:
                counts[r["result"]["type"]] += 1
        else:
            counts["processing"] = len(self.requests)
        return {
            "id": self.id,
            "type": "message_batch",
            "processing_status": self.status,
            "request_counts": counts,
            "created_at": _iso(self.created),
            "expires_at": _iso(self.created + 86400),
            "ended_at": _iso(self.ended) if self.ended else None,
            "cancel_initiated_at": _iso(self.cancel_initiated) if self.cancel_initiated else None,
            "archived_at": None,
            "results_url": f"{base_url}/v1/messages/batches/{self.id}/results" if self.status == "ended" else None,
        }


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake received it."""

    method: str
    path: str
    headers: dict[str, str]
    json: Any

    @property
    def system(self) -> list[dict[str, Any]]:
        """The system blocks (a bare string system prompt is returned as one text block)."""
        system = self.json.get("system", []) if isinstance(self.json, dict) else []
        return [{"type": "text", "text": system}] if isinstance(system, str) else list(system)


@dataclass
class _Behaviour:
    kind: str  # "reply" | "fail" | "raw" | "sleep"
    delay: float = 0.0
    tool_input: dict[str, Any] | None = None
    usage: dict[str, int] | None = None
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    error_type: str | None = None
    message: str | None = None
    error_code: str | None = None
    stop_reason: str | None = None
    refusal: dict[str, Any] | None = None


def _tokens(value: Any) -> int:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return max(1, math.ceil(len(text) / 4))


class FakeAnthropic:
    """The fake server: script behaviours, then read `requests` (see the module docstring)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: deque[_Behaviour] = deque()
        self._cached_prefixes: set[str] = set()
        self.requests: list[RecordedRequest] = []
        self.responder: Responder | None = None
        self.unscripted = 0
        self.max_concurrent = 0
        self._in_flight = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.url = ""
        self.batches: dict[str, FakeBatch] = {}
        self.batch_delay_s = 0.2
        self.batch_outcome: Callable[[str, dict[str, Any]], str | None] | None = None
        self.drop_batch_creates = 0
        self.on_batch_create: Callable[[FakeBatch], None] | None = None
        self.refuse_batch_creates: list[tuple[int, str]] = []
        self.batch_requests: list[str] = []

    # --- lifecycle ---

    def start(self) -> FakeAnthropic:
        """Listen on a free port of 127.0.0.1 in a daemon thread."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                fake._handle(self)

            def do_GET(self) -> None:
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.block_on_close = False  # a handler still sleeping for a timeout test must not stall teardown
        self._server = server
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-anthropic", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # --- configuration helpers ---

    def settings(self, **extra: Any) -> dict[str, Any]:
        """Overrides for `make_settings` that point the service at this fake."""
        return {"ANTHROPIC_API_KEY": "test", "ANTHROPIC_BASE_URL": self.url, **extra}

    def sdk_client(self, settings: Settings | None = None, **kwargs: Any) -> AsyncAnthropic:
        """A real SDK client aimed here: strict response validation, no SDK retries, the
        settings' timeout."""
        options: dict[str, Any] = {
            "api_key": "test",
            "base_url": self.url,
            "max_retries": 0,
            "_strict_response_validation": True,
        }
        if settings is not None:
            options["timeout"] = settings.LLM_TIMEOUT_S
        return AsyncAnthropic(**(options | kwargs))

    # --- scripting ---

    def _push(self, behaviour: _Behaviour, times: int) -> None:
        with self._lock:
            self._queue.extend(_Behaviour(**vars(behaviour)) for _ in range(times))

    def reply(
        self,
        tool_input: dict[str, Any],
        *,
        usage: dict[str, int] | None = None,
        delay: float = 0.0,
        times: int = 1,
        stop_reason: str | None = None,
    ) -> None:
        """Answer the next request(s) with `tool_input`, as JSON text or a `tool_use` block
        (whichever the request asked for); `stop_reason="max_tokens"` truncates it."""
        self._push(
            _Behaviour("reply", delay=delay, tool_input=tool_input, usage=usage, stop_reason=stop_reason), times
        )

    def refuse(self, *, category: str | None = None, explanation: str | None = None, times: int = 1) -> None:
        """Answer the next request(s) with `stop_reason: refusal` and no answer."""
        self._push(
            _Behaviour("refuse", refusal={"type": "refusal", "category": category, "explanation": explanation}),
            times,
        )

    @staticmethod
    def schema_title(request: dict[str, Any]) -> str:
        """The title of the output schema a request asked for (native format, else the first tool)."""
        fmt = (request.get("output_config") or {}).get("format") or {}
        schema = fmt.get("schema") or ((request.get("tools") or [{}])[0].get("input_schema") or {})
        return str(schema.get("title", ""))

    def fail(
        self,
        status: int,
        *,
        error_type: str | None = None,
        message: str | None = None,
        error_code: str | None = None,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        times: int = 1,
    ) -> None:
        """Answer the next request(s) with HTTP `status` and an Anthropic error body."""
        self._push(
            _Behaviour(
                "fail",
                delay=delay,
                status=status,
                headers=dict(headers or {}),
                error_type=error_type,
                message=message,
                error_code=error_code,
            ),
            times,
        )

    def sleep(self, seconds: float, *, times: int = 1) -> None:
        """Stall the next request(s) for `seconds`, then answer as an unscripted request."""
        self._push(_Behaviour("sleep", delay=seconds), times)

    def reply_raw(
        self,
        body: Any,
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        times: int = 1,
    ) -> None:
        """Answer the next request(s) with exactly this JSON body (`bytes`: sent as they are, e.g. not JSON)."""
        self._push(_Behaviour("raw", delay=delay, status=status, body=body, headers=dict(headers or {})), times)

    def reset(self) -> None:
        """Forget the script, the responder, the records and the prompt cache."""
        with self._lock:
            self._queue.clear()
            self._cached_prefixes.clear()
            self.requests.clear()
            self.responder = None
            self.unscripted = 0
            self.max_concurrent = 0
            self.batches.clear()
            self.batch_requests.clear()
            self.batch_outcome = None
            self.drop_batch_creates = 0
            self.on_batch_create = None
            self.refuse_batch_creates = []

    # --- inspection ---

    @property
    def attempts(self) -> int:
        """How many `POST /v1/messages` requests arrived (each retry is one)."""
        with self._lock:
            return sum(1 for r in self.requests if r.method == "POST" and r.path == "/v1/messages")

    @property
    def batch_creates(self) -> int:
        """How many Message Batches were created."""
        with self._lock:
            return len(self.batches)

    @property
    def last(self) -> RecordedRequest:
        """The newest request received."""
        with self._lock:
            return self.requests[-1]

    @property
    def pending(self) -> int:
        """Scripted behaviours not yet consumed."""
        with self._lock:
            return len(self._queue)

    # --- serving ---

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("content-length") or 0)
        raw = handler.rfile.read(length) if length else b""
        try:
            payload: Any = json.loads(raw) if raw else None
        except ValueError:
            payload = None
        path = handler.path.split("?", 1)[0]
        headers = {k.lower(): v for k, v in handler.headers.items()}
        with self._lock:
            self.requests.append(RecordedRequest(handler.command, path, headers, payload))

        is_batches = path.startswith("/v1/messages/batches")
        if not is_batches and (handler.command != "POST" or path != "/v1/messages"):
            self._send_error(handler, 404, "not_found_error", f"{handler.command} {path} not found")
            return
        # anthropic 2.x sends the API key as `Authorization: Bearer …`; older clients as x-api-key.
        if not (headers.get("x-api-key") or headers.get("authorization", "").startswith("Bearer ")):
            self._send_error(handler, 401, "authentication_error", "an API key is required")
            return
        if is_batches:
            self._batches_endpoint(handler, headers, path, handler.path.partition("?")[2], payload)
            return
        problem = self._invalid(headers, payload)
        if problem:
            self._send_error(handler, 400, "invalid_request_error", problem)
            return

        with self._lock:
            behaviour = self._queue.popleft() if self._queue else None
            self._in_flight += 1
            self.max_concurrent = max(self.max_concurrent, self._in_flight)
        try:
            self._respond(handler, payload, behaviour)
        finally:
            with self._lock:
                self._in_flight -= 1

    def _respond(
        self, handler: BaseHTTPRequestHandler, payload: dict[str, Any], behaviour: _Behaviour | None
    ) -> None:
        if behaviour is not None and behaviour.delay:
            time.sleep(behaviour.delay)  # this handler's own thread: other requests go on
        if behaviour is None or behaviour.kind == "sleep":
            self._answer_unscripted(handler, payload)
        elif behaviour.kind == "reply":
            self._send_message(
                handler, payload, behaviour.tool_input or {}, behaviour.usage, stop_reason=behaviour.stop_reason
            )
        elif behaviour.kind == "refuse":
            self._send_message(
                handler, payload, None, behaviour.usage, stop_reason="refusal", refusal=behaviour.refusal
            )
        elif behaviour.kind == "fail":
            self._send_error(
                handler,
                behaviour.status,
                behaviour.error_type or ERROR_TYPES.get(behaviour.status, "api_error"),
                behaviour.message,
                error_code=behaviour.error_code,
                headers=behaviour.headers,
            )
        else:
            self._send_json(handler, behaviour.status, behaviour.body, behaviour.headers)

    # --- Message Batches ---

    def _batches_endpoint(
        self, handler: BaseHTTPRequestHandler, headers: dict[str, str], path: str, query: str, payload: Any
    ) -> None:
        parts = path.rstrip("/").split("/")[4:]  # after /v1/messages/batches
        method = handler.command
        if method == "POST" and not parts:
            self._create_batch(handler, headers, payload)
            return
        if method == "GET" and not parts:
            self._list_batches(handler, query)
            return
        with self._lock:
            batch = self.batches.get(parts[0]) if parts else None
        if batch is None:
            self._send_error(handler, 404, "not_found_error", f"no message batch {parts[0] if parts else ''!r}")
            return
        if method == "GET" and len(parts) == 1:
            with self._lock:
                body = batch.body(self.url)
            self._send_json(handler, 200, body, {})
        elif method == "POST" and parts[1:] == ["cancel"]:
            with self._lock:
                if batch.status == "in_progress":
                    batch.status = "canceling"
                    batch.cancel_initiated = time.time()
                body = batch.body(self.url)
            self._send_json(handler, 200, body, {})
        elif method == "GET" and parts[1:] == ["results"]:
            with self._lock:
                ended = batch.status == "ended"
                lines = list(batch.results)
            if not ended:
                self._send_error(handler, 400, "invalid_request_error", "the batch has not ended")
                return
            data = "".join(json.dumps(line) + "\n" for line in lines).encode()
            self._send_json(handler, 200, data, {})
        else:
            self._send_error(handler, 404, "not_found_error", f"{method} {path} not found")

    def _create_batch(self, handler: BaseHTTPRequestHandler, headers: dict[str, str], payload: Any) -> None:
        with self._lock:
            refusal = self.refuse_batch_creates.pop(0) if self.refuse_batch_creates else None
        if refusal is not None:
            self._send_error(handler, refusal[0], refusal[1], "fake: batch refused")
            return
        requests = payload.get("requests") if isinstance(payload, dict) else None
        if not isinstance(requests, list) or not requests:
            self._send_error(handler, 400, "invalid_request_error", "requests: at least one request is required")
            return
        seen: dict[str, dict[str, Any]] = {}
        for r in requests:
            custom_id = r.get("custom_id") if isinstance(r, dict) else None
            if not isinstance(custom_id, str) or not CUSTOM_ID.match(custom_id):
                self._send_error(handler, 400, "invalid_request_error", f"custom_id {custom_id!r} is not valid")
                return
            if custom_id in seen:
                self._send_error(handler, 400, "invalid_request_error", f"custom_id {custom_id!r} is used twice")
                return
            if not isinstance(r.get("params"), dict):
                self._send_error(handler, 400, "invalid_request_error", "params: Field required")
                return
            seen[custom_id] = r["params"]
        batch = FakeBatch(id=f"msgbatch_{uuid.uuid4().hex[:24]}", created=time.time(), requests=seen)
        with self._lock:
            self.batches[batch.id] = batch
            self.batch_requests.extend(seen)
            drop = self.drop_batch_creates > 0
            if drop:
                self.drop_batch_creates -= 1
            body = batch.body(self.url)
        timer = threading.Timer(self.batch_delay_s, self._process_batch, args=(batch, headers))
        timer.daemon = True
        timer.start()
        if self.on_batch_create is not None:
            self.on_batch_create(batch)
        if drop:  # made, but the client never hears of it
            handler.close_connection = True
            with contextlib.suppress(OSError):
                handler.connection.shutdown(socket.SHUT_RDWR)
            return
        self._send_json(handler, 200, body, {})

    def _process_batch(self, batch: FakeBatch, headers: dict[str, str]) -> None:
        results = []
        for custom_id, params in batch.requests.items():
            with self._lock:
                canceled = batch.status == "canceling"
            outcome = (
                "canceled" if canceled else (self.batch_outcome(custom_id, params) if self.batch_outcome else None)
            )
            problem = self._invalid(headers, params)
            if problem and outcome is None:
                results.append(
                    {
                        "custom_id": custom_id,
                        "result": {
                            "type": "errored",
                            "error": {
                                "type": "error",
                                "error": {"type": "invalid_request_error", "message": problem},
                                "request_id": None,
                            },
                        },
                    }
                )
            elif outcome == "errored":
                results.append(
                    {
                        "custom_id": custom_id,
                        "result": {
                            "type": "errored",
                            "error": {
                                "type": "error",
                                "error": {"type": "api_error", "message": "fake: this request errored"},
                                "request_id": None,
                            },
                        },
                    }
                )
            elif outcome in ("expired", "canceled"):
                results.append({"custom_id": custom_id, "result": {"type": outcome}})
            else:
                value = self.responder(params) if self.responder is not None else {}
                results.append(
                    {
                        "custom_id": custom_id,
                        "result": {"type": "succeeded", "message": self.message_body(params, value, None)},
                    }
                )
        random.Random(batch.id).shuffle(results)  # the API does not keep request order
        with self._lock:
            batch.results = results
            batch.status = "ended"
            batch.ended = time.time()

    def _list_batches(self, handler: BaseHTTPRequestHandler, query: str) -> None:
        params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
        limit = max(1, min(int(params.get("limit", 20)), 1000))
        with self._lock:
            ordered = sorted(self.batches.values(), key=lambda b: b.created, reverse=True)
            ids = [b.id for b in ordered]
            start, stop = 0, len(ordered)
            if params.get("after_id") in ids:
                start = ids.index(params["after_id"]) + 1
            if params.get("before_id") in ids:
                stop = ids.index(params["before_id"])
                start = max(start, stop - limit)
            page = ordered[start:stop][:limit]
            data = [b.body(self.url) for b in page]
            has_more = start + len(page) < stop
        self._send_json(
            handler,
            200,
            {
                "data": data,
                "has_more": has_more,
                "first_id": data[0]["id"] if data else None,
                "last_id": data[-1]["id"] if data else None,
            },
            {},
        )

    @staticmethod
    def _invalid(headers: dict[str, str], payload: Any) -> str | None:
        if not headers.get("anthropic-version"):
            return "anthropic-version header is required"
        if not isinstance(payload, dict):
            return "body must be a JSON object"
        for key in ("model", "max_tokens", "messages"):
            if key not in payload:
                return f"{key}: Field required"
        if not isinstance(payload["messages"], list) or not payload["messages"]:
            return "messages: at least one message is required"
        if not isinstance(payload["max_tokens"], int) or payload["max_tokens"] < 1:
            return "max_tokens: must be a positive integer"
        extra = sorted(set(payload) - _REQUEST_KEYS - {"stream"})
        if extra:
            return f"{extra[0]}: Extra inputs are not permitted"
        try:
            _REQUEST.validate_python(payload)
        except ValidationError as exc:
            first = exc.errors()[0]
            return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        tools = payload.get("tools") or []
        for tool in tools:
            schema = tool.get("input_schema") if isinstance(tool, dict) else None
            if not tool.get("name") or not isinstance(schema, dict) or schema.get("type") != "object":
                return "tools: each tool needs a name and an input_schema of type object"
        choice = payload.get("tool_choice") or {}
        if choice.get("type") == "tool" and choice.get("name") not in {t["name"] for t in tools}:
            return f"tool_choice: tool {choice.get('name')!r} not found in tools"
        if choice.get("type") in ("tool", "any") and _rejects_forced_tool(str(payload["model"])):
            return f"tool_choice: forced tool use is not supported with {payload['model']}; use structured outputs"
        output_config = payload.get("output_config")
        if output_config is not None:
            fmt = output_config.get("format") if isinstance(output_config, dict) else None
            if fmt is not None:
                if (
                    not isinstance(fmt, dict)
                    or fmt.get("type") != "json_schema"
                    or not isinstance(fmt.get("schema"), dict)
                ):
                    return "output_config.format: expected {type: json_schema, schema: {...}}"
                if _open_objects(fmt["schema"]):
                    return "output_config.format.schema: every object must set additionalProperties to false"
                if tools and choice.get("type") in ("tool", "any"):
                    return "output_config.format cannot be combined with a forced tool"
        return None

    def _answer_unscripted(self, handler: BaseHTTPRequestHandler, payload: dict[str, Any]) -> None:
        if self.responder is not None:
            self._send_message(handler, payload, self.responder(payload), None)
            return
        with self._lock:
            self.unscripted += 1
        self._send_error(
            handler,
            500,
            "api_error",
            "fake_anthropic: no scripted behaviour and no responder",
            headers={"x-should-retry": "false"},
        )

    def _usage(self, payload: dict[str, Any], output: Any) -> dict[str, Any]:
        system = payload.get("system") or []
        blocks = [{"type": "text", "text": system}] if isinstance(system, str) else list(system)
        marked = [b for b in blocks if isinstance(b, dict) and b.get("cache_control")]
        prefix = [payload.get("tools") or [], (payload.get("output_config") or {}).get("format"), blocks]
        prefix_tokens = _tokens(prefix)
        usage: dict[str, Any] = {
            "input_tokens": _tokens(payload["messages"]),
            "output_tokens": _tokens(output),
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
        }
        if not marked or prefix_tokens < min_cache_tokens(str(payload["model"])):
            usage["input_tokens"] += prefix_tokens  # too short to cache: the API bills it as input
            return usage
        key = hashlib.sha256(json.dumps([payload["model"], prefix], sort_keys=True).encode()).hexdigest()
        with self._lock:
            hit = key in self._cached_prefixes
            self._cached_prefixes.add(key)
        if hit:
            usage["cache_read_input_tokens"] = prefix_tokens
        else:
            one_hour = marked[-1]["cache_control"].get("ttl") == "1h"
            usage["cache_creation_input_tokens"] = prefix_tokens
            usage["cache_creation"] = {
                "ephemeral_5m_input_tokens": 0 if one_hour else prefix_tokens,
                "ephemeral_1h_input_tokens": prefix_tokens if one_hour else 0,
            }
        return usage

    def _send_message(
        self,
        handler: BaseHTTPRequestHandler,
        payload: dict[str, Any],
        tool_input: dict[str, Any] | None,
        usage: dict[str, int] | None,
        *,
        stop_reason: str | None = None,
        refusal: dict[str, Any] | None = None,
    ) -> None:
        self._send_json(
            handler,
            200,
            self.message_body(payload, tool_input, usage, stop_reason=stop_reason, refusal=refusal),
            {},
        )

    def message_body(
        self,
        payload: dict[str, Any],
        value: dict[str, Any] | None,
        usage: dict[str, int] | None,
        *,
        stop_reason: str | None = None,
        refusal: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A Messages API answer to `payload` carrying `value` (see `reply`)."""
        choice = payload.get("tool_choice") or {}
        tools = payload.get("tools") or []
        native = bool((payload.get("output_config") or {}).get("format"))
        content: list[dict[str, Any]]
        if stop_reason == "refusal":
            content = []
        elif native:
            text = json.dumps(value)
            if stop_reason == "max_tokens":
                text = text[: max(1, len(text) // 2)]
            content = [{"type": "text", "text": text}]
        else:
            name = choice.get("name") if choice.get("type") == "tool" else (tools[0]["name"] if tools else "emit")
            content = [
                {"type": "tool_use", "id": f"toolu_{uuid.uuid4().hex[:24]}", "name": name, "input": value or {}}
            ]
        full_usage: dict[str, Any] = {
            "input_tokens": 0,
            "output_tokens": 0,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
        }
        full_usage |= usage if usage is not None else self._usage(payload, value or "")
        if stop_reason == "max_tokens":
            full_usage["output_tokens"] = payload["max_tokens"]
        body = {
            "id": f"msg_{uuid.uuid4().hex[:24]}",
            "type": "message",
            "role": "assistant",
            "model": payload["model"],
            "content": content,
            "stop_reason": stop_reason or ("end_turn" if native else "tool_use"),
            "stop_details": refusal,
            "stop_sequence": None,
            "usage": full_usage,
        }
        Message.model_validate(body)  # the fake's own answers must match the SDK's type
        return body

    def _send_error(
        self,
        handler: BaseHTTPRequestHandler,
        status: int,
        error_type: str,
        message: str | None,
        *,
        error_code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        error: dict[str, Any] = {"type": error_type, "message": message or f"fake {error_type}"}
        if error_code:
            error["details"] = {"error_code": error_code}
        body = {"type": "error", "error": error, "request_id": f"req_{uuid.uuid4().hex[:24]}"}
        self._send_json(handler, status, body, headers or {})

    @staticmethod
    def _send_json(handler: BaseHTTPRequestHandler, status: int, body: Any, headers: dict[str, str]) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Overloaded" if status == 529 else "Error"
        try:
            handler.send_response(status, phrase)
            handler.send_header("content-type", "application/json")
            handler.send_header("content-length", str(len(data)))
            handler.send_header("request-id", f"req_{uuid.uuid4().hex[:24]}")
            for key, value in headers.items():
                handler.send_header(key, value)
            handler.end_headers()
            handler.wfile.write(data)
            handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to answer


@pytest.fixture
def fake_anthropic() -> Iterator[FakeAnthropic]:
    """A fresh fake Messages API per test (see the module docstring for its API)."""
    fake = FakeAnthropic().start()
    try:
        yield fake
    finally:
        fake.stop()
