"""The Claude client a job item's `prepare` runs with in a batch-mode job: answers from the item's
stored batch results, or records the call for the next Message Batch."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any, Literal

import structlog
from anthropic.types import Message

from llm import LLMResult, LLMUnavailable, Reason, T, read_answer, request_params, usage_of
from settings import Settings

log = structlog.get_logger()


class NeedsBatch(Exception):
    """The item's next Claude call has no stored answer: it goes into the job's next Message Batch."""


@dataclass(frozen=True)
class PendingCall:
    """One call an item waits for: what goes into the batch, and who it belongs to."""

    item_id: uuid.UUID
    custom_id: str
    purpose: str
    params: dict[str, Any]


@dataclass(frozen=True)
class StoredResult:
    """What a batch answered for one request (see `models.LlmBatchResult`)."""

    result_type: str
    message: dict[str, Any] | None
    error: str | None


def custom_id(item_id: uuid.UUID, params: dict[str, Any]) -> str:
    """The item's id and a digest of the request: the same call of the same item always gets the same
    id (so a replayed `prepare` finds its answer), different calls never share one (57 characters,
    within the API's `^[a-zA-Z0-9_-]{1,64}$`)."""
    digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()
    return f"{item_id.hex}-{digest[:24]}"


class BatchCollector:
    """Stands in for `llm.LLMClient` (`enabled`, `structured`) inside one item's `prepare`."""

    enabled = True

    def __init__(
        self, settings: Settings, item_id: uuid.UUID, results: dict[str, StoredResult], *, allow_new: bool
    ) -> None:
        self.settings = settings
        self.item_id = item_id
        self.results = results
        self.allow_new = allow_new
        self.pending: PendingCall | None = None

    async def structured(
        self,
        *,
        workspace_id: uuid.UUID | None,
        purpose: str,
        system: str,
        prompt: str,
        output_model: type[T],
        max_tokens: int = 2048,
        lane: Any = None,
    ) -> LLMResult[T]:
        """The stored answer to this call (validated like a live one), or `NeedsBatch`."""
        params = request_params(
            self.settings, system=system, prompt=prompt, output_model=output_model, max_tokens=max_tokens
        )
        cid = custom_id(self.item_id, params)
        stored = self.results.get(cid)
        if stored is None:
            if not self.allow_new:
                raise LLMUnavailable("failed", "this job has used up its Message Batch rounds")
            self.pending = PendingCall(self.item_id, cid, purpose, params)
            raise NeedsBatch(cid)
        return answer(self.settings, stored, output_model, params=params, purpose=purpose)


def answer(
    settings: Settings, stored: StoredResult, output_model: type[T], *, params: dict[str, Any], purpose: str
) -> LLMResult[T]:
    """A stored batch result read exactly as `LLMClient.structured` reads a live answer (stop reason
    first, then the schema); anything but a valid success raises `LLMUnavailable`."""
    if stored.result_type == "succeeded" and stored.message is not None:
        message = Message.model_validate(stored.message)
        structured: Literal["native", "tool"] = "native" if "output_config" in params else "tool"
        outcome, value, problem = read_answer(message, output_model, structured=structured)
        if value is None:
            reason: Reason = "invalid_output" if outcome == "invalid" else outcome  # type: ignore[assignment]
            log.info("llm.batch_answer", purpose=purpose, outcome=outcome, detail=problem)
            raise LLMUnavailable(reason, problem)
        return LLMResult(value=value, usage=usage_of(settings, message, batch=True))
    if stored.result_type == "budget":
        raise LLMUnavailable("budget", "the monthly LLM budget was spent when this batch was due")
    raise LLMUnavailable(
        "failed",
        f"the Message Batch request {stored.result_type}" + (f" ({stored.error})" if stored.error else ""),
    )
