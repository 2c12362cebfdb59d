"""Clay integration facade: table setup and outbound push, inbound webhook (code in the `clay` package).

    setup_tables(session, workspace_id=, settings=, data=)   table definitions + HTTP API column config;
                                                             queues a push when a table webhook is known
    enqueue_push(session, workspace_id=, campaign_id=)       queue a push job (None when nothing to do)
    push_prospects(db, workspace_id=, campaign_id=, target=, settings=)   the same push, inline
    verify_webhook(headers, body, secrets=)                  secret header or HMAC signature, else 401
    receive(session, db=, llm=, settings=, campaign_param=, body=, replace=)   the webhook's work

The job kinds `clay_push` and `clay_webhook` are registered by `jobs.kinds.load()`.
"""

from __future__ import annotations

from fastapi import Request

from clay import inbound, push
from clay.columns import OUTPUT_COLUMNS, PROSPECT_COLUMNS
from clay.inbound import receive
from clay.push import PushTarget, SendOutcome, enqueue_push, push_prospects, queue_push, send_row
from clay.schemas import ClaySetupRead, ClaySetupRequest
from clay.security import UnsafeURL, is_public, resolve_target, signature, verify_webhook
from clay.setup import setup_tables
from core.errors import PayloadTooLarge

__all__ = [
    "OUTPUT_COLUMNS",
    "PROSPECT_COLUMNS",
    "ClaySetupRead",
    "ClaySetupRequest",
    "PushTarget",
    "SendOutcome",
    "UnsafeURL",
    "enqueue_push",
    "inbound",
    "is_public",
    "push",
    "push_prospects",
    "queue_push",
    "read_capped_body",
    "receive",
    "resolve_target",
    "send_row",
    "setup_tables",
    "signature",
    "verify_webhook",
]


async def read_capped_body(request: Request, max_bytes: int) -> bytes:
    """The raw body (the HMAC is over these exact bytes), refused with 413 past `max_bytes`."""
    detail = f"A Clay webhook body may hold at most {max_bytes} bytes."
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise PayloadTooLarge(detail)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise PayloadTooLarge(detail)
        chunks.append(chunk)
    return b"".join(chunks)
