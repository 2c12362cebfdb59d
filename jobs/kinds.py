"""Every job kind, registered explicitly: `load()` runs once at start-up, in the API process and in any
process that only works jobs (`WorkerPool.start` calls it), so no process depends on having imported
the right feature modules by chance.

The one module of `jobs` that imports features: they import `jobs` for its contract, so `jobs`'s
own modules never import this one at module level.
"""

from __future__ import annotations

import prospect_intelligence as intel
from campaigns import pipeline
from clay import inbound, push
from jobs.registry import HANDLERS, register

__all__ = ["KINDS", "load"]

KINDS = ("analyze", "pipeline", push.KIND, inbound.KIND)


def load() -> None:
    """Register every job kind (idempotent)."""
    register("analyze", intel.AnalyzeJob(), intel.summarize_results)
    register("pipeline", pipeline.PipelineJob(), pipeline.summarize_pipeline)
    register(push.KIND, push.PushJob(), push.summarize_push)
    register(inbound.KIND, inbound.WebhookJob(), inbound.summarize_webhook)
    assert set(KINDS) <= set(HANDLERS)
