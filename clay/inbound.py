"""The inbound webhook: Clay rows in, flat scores out.

A body is one row object or a list of up to 100. The campaign comes from `?campaign_id=` or a
`campaign_id` key in the row(s); the secret must be one of that campaign's workspace's own
(`clay.secrets`), so a secret opens only its own workspace's campaigns. Each row is mapped to a
prospect by the one intake (`intelligence.intake`), merged over what we already know about that
email (`?replace=true`: stored as sent), re-scored with the campaign's agent, upserted, attached to
the campaign, and answered flat (`prospect_id`, `score`, `tier`, `hook_1`, `hook_2`, `angle`,
`status`, `changed_fields`…).

Clay re-runs rows, so every answered row leaves a receipt keyed by SHA-256(campaign, Clay row id,
payload hash): the same row again gets the stored answer, with no second analysis. The receipt is
claimed with INSERT … ON CONFLICT DO NOTHING in the transaction that stores the analysis, so two
copies racing each other still make one analysis. Scoring (maybe a Claude call) happens before the
first write, so no write lock is held meanwhile. Lists with more than `CLAY_WEBHOOK_INLINE_MAX_ROWS`
new rows, or any list while Claude is enabled, become a job (kind `clay_webhook`): 202 + job id.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

import structlog
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

import campaigns.service as campaign_members
import jobs
import prospect_intelligence as intel
from clay.columns import payload_hash
from core import sql
from core.errors import Unprocessable
from core.sql import owned_campaign
from database_async import TuneDatabase
from intelligence import intake
from intelligence.intake import RowError, normalize_key, row_fields, to_prospect
from models import Campaign, IndustryAgent, JobItem, JobItemStatus, Prospect, WebhookReceipt
from schemas import ProspectData
from settings import Settings

log = structlog.get_logger()

KIND = "clay_webhook"
SOURCE = "clay"
MAX_ROWS = 100
CAMPAIGN_KEYS = ("campaignid", "tunecampaignid")  # normalised keys


@dataclass
class Row:
    index: int
    raw: Any
    row_id: str | None = None
    payload_hash: str = ""
    dedupe_key: str = ""
    data: ProspectData | None = None  # what is scored: the row merged over what is known
    given: ProspectData | None = None  # the row alone
    error: str | None = None
    answer: dict[str, Any] | None = None  # the flat answer, once known


def _error(message: str, row_id: str | None = None) -> dict[str, Any]:
    return {"status": "error", "error": message, "clay_row_id": row_id or ""}


def flat_answer(analysis: intel.AnalysisRead, *, tier: int, row_id: str | None) -> dict[str, Any]:
    """The answer Clay maps to columns: flat, every key always present."""
    hooks = [h.text for h in analysis.hooks]
    return {
        "prospect_id": str(analysis.prospect_id),
        "score": analysis.score,
        "tier": tier,
        "hook_1": hooks[0] if hooks else "",
        "hook_2": hooks[1] if len(hooks) > 1 else "",
        "angle": analysis.approach.angle,
        "cta": analysis.approach.cta,
        "persona": analysis.persona or "",
        "engine": analysis.engine,
        "clay_row_id": row_id or "",
        "status": "scored",
        "changed_fields": ", ".join(analysis.changed_fields),
    }


# --- parsing ----------------------------------------------------------------------------------


def parse_rows(body: bytes) -> tuple[list[Row], bool]:
    """The body's rows and whether it was a list. Raises Unprocessable for a body that is neither."""
    try:
        parsed = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Unprocessable("The body is not valid JSON; send one row object or a list of rows.") from exc
    if isinstance(parsed, dict):
        return [Row(0, parsed)], False
    if isinstance(parsed, list):
        if not parsed:
            raise Unprocessable("The list of rows is empty.")
        if len(parsed) > MAX_ROWS:
            raise Unprocessable(f"A webhook holds at most {MAX_ROWS} rows ({len(parsed)} sent); split it.")
        return [Row(i, r) for i, r in enumerate(parsed)], True
    raise Unprocessable("The body must be one row object or a list of row objects.")


def campaign_id_of(query_value: str | None, rows: list[Row]) -> uuid.UUID:
    """`?campaign_id=` wins; else the rows' own `campaign_id`, which must agree."""
    found = {
        str(v).strip()
        for r in rows
        if isinstance(r.raw, dict)
        for k, v in r.raw.items()
        if isinstance(k, str) and normalize_key(k) in CAMPAIGN_KEYS and v
    }
    if query_value:
        value = query_value.strip()
    elif len(found) == 1:
        value = found.pop()
    elif found:
        raise Unprocessable("The rows name different campaign_id values; send one campaign per request.")
    else:
        raise Unprocessable("campaign_id is required: in the URL (?campaign_id=…) or in the body.")
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise Unprocessable("campaign_id is not a valid UUID.") from exc


def _prepare_row(row: Row, campaign_id: uuid.UUID, replace: bool = False) -> None:
    """Row id, payload hash and dedupe key, or the row's error. A replace is not a replay of a merge."""
    if not isinstance(row.raw, dict):
        row.error = "A row must be a JSON object of column names to values."
        return
    fields = row_fields(row.raw.items())
    row.row_id = fields.get("clay_row_id")
    row.payload_hash = payload_hash(row.raw)
    mode = "\nreplace" if replace else ""  # merge keys are unchanged, so existing receipts still replay
    row.dedupe_key = hashlib.sha256(
        f"{campaign_id}\n{row.row_id or ''}\n{row.payload_hash}{mode}".encode()
    ).hexdigest()
    row.raw = fields  # keep only what we understood


# --- storage ----------------------------------------------------------------------------------


async def _claim_receipt(
    session: AsyncSession, *, workspace_id: uuid.UUID, campaign_id: uuid.UUID, row: Row
) -> bool:
    """Insert the row's receipt; False when another request (or job item) already has it."""
    stmt = (
        sql.insert(session, WebhookReceipt)
        .values(
            id=uuid.uuid4(),
            workspace_id=workspace_id,
            source=SOURCE,
            dedupe_key=row.dedupe_key,
            campaign_id=campaign_id,
            row_id=row.row_id,
            payload_hash=row.payload_hash,
            response={"status": "pending"},
        )
        .on_conflict_do_nothing(index_elements=["source", "dedupe_key"])
        .returning(WebhookReceipt.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def _stored_answer(session: AsyncSession, dedupe_key: str) -> dict[str, Any] | None:
    return await session.scalar(
        select(WebhookReceipt.response).where(
            WebhookReceipt.source == SOURCE, WebhookReceipt.dedupe_key == dedupe_key
        )
    )


async def store_row(
    session: AsyncSession,
    *,
    workspace_id: uuid.UUID,
    campaign: Campaign,
    agent: IndustryAgent,
    outcome: intel.Outcome,
    row: Row,
) -> dict[str, Any]:
    """Claim the receipt, then store the analysis, attach to the campaign and keep the answer."""
    if not await _claim_receipt(session, workspace_id=workspace_id, campaign_id=campaign.id, row=row):
        return await _stored_answer(session, row.dedupe_key) or _error("A duplicate of this row is in progress.")
    stored = await intel.store(session, workspace_id=workspace_id, agent=agent, outcome=outcome)
    tier = await campaign_members.attach(session, workspace_id=workspace_id, campaign=campaign, analysis=stored)
    answer = flat_answer(stored, tier=tier, row_id=row.row_id)
    await session.execute(
        update(WebhookReceipt)
        .where(WebhookReceipt.source == SOURCE, WebhookReceipt.dedupe_key == row.dedupe_key)
        .values(prospect_id=stored.prospect_id, response=answer)
    )
    return answer


# --- the service ------------------------------------------------------------------------------


async def receive(
    session: AsyncSession,
    *,
    db: TuneDatabase,
    llm: Any,
    settings: Settings,
    campaign_param: str | None,
    body: bytes,
    workspace_id: uuid.UUID,
    replace: bool = False,
) -> tuple[int, dict[str, Any]]:
    """Handle one webhook body authenticated for `workspace_id`; return (HTTP status, flat JSON answer).

    The campaign must belong to that workspace (the secret's): it is looked up in it only."""
    rows, is_list = parse_rows(body)
    campaign_id = campaign_id_of(campaign_param, rows)
    for row in rows:
        _prepare_row(row, campaign_id, replace)

    # Reads on their own session: the request's write transaction starts only when scores are ready.
    async with db.session(write=False) as read:
        campaign = await owned_campaign(read, workspace_id=workspace_id, campaign_id=campaign_id)
        keys = [r.dedupe_key for r in rows if r.dedupe_key]
        stored: dict[str, Any] = (
            dict(
                (
                    await read.execute(
                        select(WebhookReceipt.dedupe_key, WebhookReceipt.response).where(
                            WebhookReceipt.source == SOURCE, WebhookReceipt.dedupe_key.in_(keys)
                        )
                    )
                ).all()
            )
            if keys
            else {}
        )
        emails = {str(r.raw.get("email", "")).strip().lower() for r in rows if r.error is None}
        known: dict[str, Any] = (
            dict(
                (
                    await read.execute(
                        select(Prospect.email, Prospect.data).where(
                            Prospect.workspace_id == workspace_id, Prospect.email.in_(emails)
                        )
                    )
                ).all()
            )
            if emails
            else {}
        )

    new: dict[str, Row] = {}  # by dedupe key: a row repeated in one body is scored once
    for row in rows:
        if row.error is not None:
            continue
        answer = stored.get(row.dedupe_key)
        if answer is not None and answer.get("status") != "pending":
            row.answer = answer
            continue
        try:
            row.given = to_prospect(row.raw)
            row.data = row.given if replace else intake.merge(known.get(str(row.given.email)), row.given).data
        except RowError as exc:
            row.error = str(exc)
            continue
        new.setdefault(row.dedupe_key, row)

    if new and is_list and (len(new) > settings.CLAY_WEBHOOK_INLINE_MAX_ROWS or llm.enabled):
        return await _queue(session, db=db, campaign=campaign, rows=rows, new=new, replace=replace)

    if new:
        agent, profile = await intel.agent_profile(db, workspace_id=workspace_id, industry=campaign.industry)
        todo = list(new.values())
        outcomes = await asyncio.gather(
            *(
                intel.assess(
                    llm,
                    workspace_id=workspace_id,
                    profile=profile,
                    data=r.data,  # type: ignore[arg-type]
                    given=r.given,
                    replace=replace,
                )
                for r in todo
            )
        )
        for row, outcome in zip(todo, outcomes, strict=True):
            row.answer = await store_row(
                session, workspace_id=workspace_id, campaign=campaign, agent=agent, outcome=outcome, row=row
            )
    answers = []
    for row in rows:
        if row.error is not None:
            answers.append(_error(row.error, row.row_id))
        else:
            answers.append(row.answer or new[row.dedupe_key].answer or _error("not scored"))
    scored = sum(1 for r in rows if r.dedupe_key in new and r is new[r.dedupe_key])
    log.info(
        "clay.webhook_received",
        campaign_id=str(campaign_id),
        rows=len(rows),
        scored=scored,
        replayed=sum(1 for r in rows if r.error is None and r.dedupe_key not in new),
        errors=sum(1 for r in rows if r.error is not None),
    )
    if not is_list:
        if rows[0].error is not None:
            raise Unprocessable(f"The row cannot be scored: {rows[0].error}")
        return 200, answers[0]
    return 200, {"results": answers}


async def _queue(
    session: AsyncSession,
    *,
    db: TuneDatabase,
    campaign: Campaign,
    rows: list[Row],
    new: dict[str, Row],
    replace: bool,
) -> tuple[int, dict[str, Any]]:
    # Make sure the agent exists now (a short write of its own), so job items only read it.
    await intel.agent_profile(db, workspace_id=campaign.workspace_id, industry=campaign.industry)
    job = await jobs.enqueue(
        session,
        workspace_id=campaign.workspace_id,
        kind=KIND,
        payload={"campaign_id": str(campaign.id), "industry": campaign.industry, "replace": replace},
        items=[
            (
                key,
                {
                    "row_id": r.row_id,
                    "payload_hash": r.payload_hash,
                    "prospect": r.given.model_dump(mode="json", exclude_unset=True),  # type: ignore[union-attr]
                },
            )
            for key, r in new.items()
        ],
    )
    results = []
    for row in rows:
        if row.error is not None:
            results.append(_error(row.error, row.row_id))
        elif row.answer is not None:
            results.append(row.answer)
        else:
            results.append({"status": "queued", "job_id": str(job.id), "clay_row_id": row.row_id or ""})
    log.info(
        "clay.webhook_queued", campaign_id=str(campaign.id), job_id=str(job.id), rows=len(rows), queued=len(new)
    )
    return 202, {"status": "queued", "job_id": str(job.id), "queued": len(new), "results": results}


class WebhookJob:
    """Job kind `clay_webhook`: one item per new row; `prepare` scores, `apply` stores like inline."""

    async def _setup(self, ctx: jobs.JobContext) -> None:
        if "agent" not in ctx.cache:
            ctx.cache["agent"], ctx.cache["profile"] = await intel.agent_profile(
                ctx.db, workspace_id=ctx.workspace_id, industry=ctx.payload["industry"]
            )

    async def prepare(self, ctx: jobs.JobContext, key: str, payload: dict[str, Any]) -> Any:
        async with ctx.db.session(write=False) as read:
            answer = await _stored_answer(read, key)
        if answer is not None and answer.get("status") != "pending":
            return answer  # already answered (a replay, or a copy in another job): no second scoring
        await self._setup(ctx)
        given = ProspectData.model_validate(payload["prospect"])
        replace = bool(ctx.payload.get("replace"))
        [data] = await intel.with_known(ctx.db, workspace_id=ctx.workspace_id, prospects=[given], replace=replace)
        return await intel.assess(
            ctx.llm,
            workspace_id=ctx.workspace_id,
            profile=ctx.cache["profile"],
            data=data,
            given=given,
            replace=replace,
        )

    async def apply(
        self, session: AsyncSession, ctx: jobs.JobContext, key: str, payload: dict[str, Any], prepared: Any
    ) -> dict[str, Any]:
        if isinstance(prepared, dict):
            return prepared
        campaign = await owned_campaign(
            session, workspace_id=ctx.workspace_id, campaign_id=uuid.UUID(ctx.payload["campaign_id"])
        )
        row = Row(0, None, row_id=payload.get("row_id"), payload_hash=payload["payload_hash"], dedupe_key=key)
        return await store_row(
            session,
            workspace_id=ctx.workspace_id,
            campaign=campaign,
            agent=ctx.cache["agent"],
            outcome=prepared,
            row=row,
        )


async def summarize_webhook(session: AsyncSession, ctx: jobs.JobContext) -> dict[str, Any]:
    """The flat answers of every row, in the order they came (failed rows as errors)."""
    items = (
        await session.execute(
            select(JobItem.status, JobItem.result, JobItem.error)
            .where(JobItem.job_id == ctx.job_id)
            .order_by(JobItem.position)
        )
    ).all()
    results = [
        item.result if item.status == JobItemStatus.DONE and item.result else _error(item.error or "not scored")
        for item in items
    ]
    return {
        "campaign_id": ctx.payload["campaign_id"],
        "scored": sum(r.get("status") == "scored" for r in results),
        "errors": sum(r.get("status") == "error" for r in results),
        "results": results,
    }
