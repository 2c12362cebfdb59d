"""Prospect intelligence: score, tier, pain points, hooks and approach, persisted per workspace.

Both engines produce the same prospect facts (`intelligence.facts`) and the analysis is read from
them alone (`scoring.analyze_facts`): score, tier, breakdown, hooks, pains and approach. When Claude is
available it fills the facts (`intelligence.claude_facts`): every fact names a prospect field and a
verbatim quote of it, and is kept only if it passes `grounding.quote_gate` (the quote is in that
field; every number and name of the fact is in the quote). Dropped facts are counted in the result
(`dropped_facts`) and the logs. The stored facts reproduce the stored tier on either engine. When
Claude is unconfigured, over budget, failing or answers garbage, the rules extractor's facts stand
and the response says why (`fallback`).

The Claude call happens before any write, so no database lock is held while waiting for it.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any

import structlog
from pydantic import Field, ValidationError
from sqlalchemy import JSON, Integer, String, and_, bindparam, column, func, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

import jobs
from core import metrics, paging, sql
from core.errors import NotFound, validate_each
from database_async import TuneDatabase
from industry_agents.resolve import resolve_slug
from industry_agents.service import ensure_agent, latest_agent
from intelligence import intake
from intelligence.claude_facts import FACTS_SYSTEM, ClaudeFacts, facts_prompt, gate_facts
from intelligence.facts import ProspectFacts
from intelligence.scoring import analyze_facts, analyze_rules
from llm import LLMClient, LLMUnavailable
from llm.batches import USE_BATCHES_HELP
from models import (
    AgentStatus,
    Analysis,
    CampaignProspect,
    IndustryAgent,
    JobItem,
    JobItemStatus,
    Message,
    Prospect,
    utcnow,
)
from perf import jsoncodec, rawread
from schemas import (
    AgentProfile,
    AnalysisResult,
    Approach,
    Hook,
    Input,
    MessageRead,
    Output,
    Page,
    ProspectData,
    ScoreComponent,
)
from tracking.rawwrite import driver_errors

log = structlog.get_logger()

REPLACE_HELP = (
    "A prospect already known (same e-mail) is merged by default: fields given replace, fields "
    "absent are kept, signals and technologies add to the known ones. true: store exactly what "
    "is sent (fields not sent are removed)."
)


class AnalyzeRequest(Input):
    """Score one prospect against an industry's agent."""

    industry: Annotated[str, Field(min_length=2, max_length=100, examples=["casino"])]
    prospect: ProspectData
    replace: bool = Field(False, description=REPLACE_HELP)

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "industry": "casino",
                    "prospect": {
                        "email": "dana.reyes@silverpeakcasino.com",
                        "first_name": "Dana",
                        "last_name": "Reyes",
                        "title": "VP of Marketing",
                        "company": "Silver Peak Casino Resort",
                        "industry": "Casino & Gaming",
                        "employees": 2000,
                        "revenue": 180000000,
                        "location": "Reno, NV",
                        "signals": [
                            "Opening a 400-room hotel tower in Q2 2027",
                            "Hiring a Player Development Manager",
                        ],
                    },
                }
            ]
        }
    }


class AnalyzeBatchRequest(Input):
    """Score many prospects against one industry's agent. Items are validated one by one."""

    industry: Annotated[str, Field(min_length=2, max_length=100, examples=["casino"])]
    prospects: Annotated[list[dict[str, Any]], Field(min_length=1)]
    replace: bool = Field(False, description=REPLACE_HELP)
    use_batches: bool | None = Field(None, description=USE_BATCHES_HELP)


class AgentRef(Output):
    industry: str
    version: int | None


class AnalysisRead(Output):
    prospect_id: uuid.UUID
    analysis_id: uuid.UUID
    score: int
    tier: int
    engine: str
    agent: AgentRef
    breakdown: list[ScoreComponent]
    persona: str | None
    pain_points: list[str]
    hooks: list[Hook]
    approach: Approach
    confidence: float
    data_gaps: list[str]
    dropped_facts: int = Field(
        0,
        description="Claude facts dropped by the quote gate (their quote is not in the "
        "prospect's field, or their numbers or names are not in the quote)",
    )
    usage: dict[str, Any] | None = None
    fallback: str | None = Field(None, description="Why Claude was not used, when it is configured but was not.")
    changed_fields: list[str] = Field(
        [],
        description="Stored prospect fields this request added, changed or "
        "(with replace) removed; every field for a new prospect",
    )
    kept_fields: list[str] = Field([], description="Stored fields this request did not send, kept as they were")


class BatchItemRead(Output):
    index: int
    status: str  # ok | error
    result: AnalysisRead | None = None
    errors: list[dict[str, Any]] | None = None


class BatchRead(Output):
    industry: str
    total: int
    succeeded: int
    failed: int
    items: list[BatchItemRead]


@dataclass
class Outcome:
    """One prospect's analysis before it is stored."""

    data: ProspectData  # what was scored: the given fields merged over what was known
    result: AnalysisResult
    engine: str
    usage: dict[str, Any] | None
    fallback: str | None
    given: ProspectData | None = None  # what the request sent (None: `data` itself)
    replace: bool = False


def claude_analysis(
    profile: AgentProfile, data: ProspectData, answer: ClaudeFacts, rules: AnalysisResult
) -> AnalysisResult:
    """Claude's facts, through the quote gate, scored like any facts: the tier is `score_facts` of the
    kept facts, so re-scoring what is stored gives the stored tier. Dropped facts are counted in the
    result (`dropped_facts`, and `facts.dropped_quotes`) and logged by reason, never by their text."""
    gated = gate_facts(profile, data, answer, ProspectFacts.from_dict(rules.facts) if rules.facts else None)
    if gated.dropped:
        log.info("analysis.facts_dropped", dropped=gated.dropped, reasons=gated.reasons)
        metrics.record_dropped_facts(gated.reasons)
    return analyze_facts(profile, data, gated.facts).model_copy(update={"dropped_facts": gated.dropped})


async def assess(
    llm: LLMClient,
    *,
    workspace_id: uuid.UUID,
    profile: AgentProfile,
    data: ProspectData,
    given: ProspectData | None = None,
    replace: bool = False,
) -> Outcome:
    """Read the prospect's facts (Claude when it can, else the rules extractor) and score them. Never
    raises for Claude's faults: the rules extractor's facts stand in and `fallback` says why.

    `data` is what is scored (the merged prospect); `given` and `replace` say how to store it.
    """
    rules = analyze_rules(profile, data)
    if not llm.enabled:
        return Outcome(data, rules, "rules", None, None, given, replace)
    try:
        reply = await llm.structured(
            workspace_id=workspace_id,
            purpose="analyze",
            system=FACTS_SYSTEM + profile.model_dump_json(),
            prompt=facts_prompt(data),
            output_model=ClaudeFacts,
            max_tokens=2500,
        )
    except LLMUnavailable as exc:
        return Outcome(data, rules, "rules", None, exc.reason, given, replace)
    return Outcome(
        data,
        claude_analysis(profile, data, reply.value, rules),
        "claude",
        reply.usage.as_dict(),
        None,
        given,
        replace,
    )


async def known_data(db: TuneDatabase, *, workspace_id: uuid.UUID, emails: list[str]) -> dict[str, dict[str, Any]]:
    """The stored data of the workspace's prospects with these e-mails, read outside the request's transaction."""
    wanted = sorted({e.lower() for e in emails})
    found: dict[str, dict[str, Any]] = {}
    if not wanted:
        return found
    if db.backend in ("postgresql", "sqlite"):  # on the driver: one round trip, no session, BEGIN or pre-ping
        reader = rawread.reader(db)
        stmt, key = (
            (_STORED_PG, "intel.stored_data") if db.backend == "postgresql" else (_STORED_SQLITE, "intel.sq")
        )
        rows = await reader.all(key, stmt, {"workspace_id": workspace_id, "emails": wanted})
        if rows is not rawread.FAILED:
            data = reader.column(key, stmt, 1)
            return {email: data(value) for email, value in rows}
    async with db.session(write=False) as session:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found.update((await session.execute(stored_data(session, workspace_id, chunk))).all())
    return found


_WANTED = (
    func.unnest(bindparam("emails", type_=postgresql.ARRAY(String)))
    .table_valued("email")
    .render_derived(name="wanted")
)
_STORED_PG = (
    select(Prospect.email, Prospect.data)
    .select_from(_WANTED)
    .join(Prospect, and_(Prospect.workspace_id == bindparam("workspace_id"), Prospect.email == _WANTED.c.email))
)


# `known_data` on a SQLite file's driver connection: the e-mails as one JSON array parameter (one statement
# text for any batch size, compiled once), each looked up through the unique (workspace, e-mail) index.
_STORED_SQLITE = select(Prospect.email, Prospect.data).where(
    Prospect.workspace_id == bindparam("workspace_id"),
    Prospect.email.in_(
        select(column("value", String)).select_from(func.json_each(bindparam("emails", type_=JSON)))
    ),
)


def stored_data(session: AsyncSession, workspace_id: uuid.UUID, emails: list[str]) -> Any:
    """The (email, data) of the workspace's prospects with these e-mails. On PostgreSQL the e-mails go
    as one array parameter (one statement text, prepared once), not as an IN list of as many
    parameters as e-mails, and are joined to the unique (workspace, e-mail) index: one probe per
    e-mail whatever the plan. With `email = ANY($2)` the generic plan PostgreSQL switches to after five
    runs of a prepared statement scanned the workspace's every prospect (4 ms at 3,000 prospects, and
    growing with them; the join stays at ~0.4 ms)."""
    dialect = sql.dialect(session)
    if dialect == "postgresql":
        return _STORED_PG.params(workspace_id=workspace_id, emails=emails)
    if dialect == "sqlite":  # one JSON array parameter too: built once (building an IN of 100 took ~0.1 ms)
        return _STORED_SQLITE.params(workspace_id=workspace_id, emails=emails)
    return select(Prospect.email, Prospect.data).where(
        Prospect.workspace_id == workspace_id, Prospect.email.in_(emails)
    )


async def with_known(
    db: TuneDatabase, *, workspace_id: uuid.UUID, prospects: list[ProspectData], replace: bool
) -> list[ProspectData]:
    """Each prospect as it will be stored (merged over what is known), so that is what gets scored."""
    if replace or not prospects:
        return list(prospects)
    known = await known_data(db, workspace_id=workspace_id, emails=[str(p.email) for p in prospects])
    # A new e-mail stores what was given (`intake.merge(None, p).data is p`): no merge to compute.
    return [p if (k := known.get(str(p.email).lower())) is None else intake.merge(k, p).data for p in prospects]


async def store(
    session: AsyncSession, *, workspace_id: uuid.UUID, agent: IndustryAgent, outcome: Outcome
) -> AnalysisRead:
    """Store one prospect (upserted by email, merged over what is stored) and its analysis."""
    [stored] = await store_many(session, workspace_id=workspace_id, agent=agent, outcomes=[outcome])
    return stored


STORE_CHUNK = 400  # rows per statement (well under SQLite's 32,766 bound parameters)


@dataclass(frozen=True, slots=True)
class StoredRow:
    """Where one outcome was written: its prospect (new or merged into) and its new analysis."""

    prospect_id: uuid.UUID
    analysis_id: uuid.UUID
    merged: intake.Merged


def result_json(result: AnalysisResult) -> dict[str, Any]:
    """The stored form of an analysis result: `model_dump(mode="json")`, but the facts (already plain
    JSON from `ProspectFacts.to_dict`, ~140 nodes) are taken as they are instead of re-walked by the
    serializer as an untyped dict, which was most of the dump's cost."""
    out = result.model_dump(mode="json", exclude={"facts"})
    out["facts"] = result.facts
    return out


# The analysis fields an AnalysisRead repeats from its AnalysisResult (all but the stored facts).
READ_FIELDS = tuple(name for name in AnalysisResult.model_fields if name != "facts")


async def write_analyses(
    session: AsyncSession,
    *,
    workspace_id: uuid.UUID,
    agent: IndustryAgent,
    outcomes: list[Outcome],
    raw: bool = True,
) -> list[StoredRow]:
    """Upsert the outcomes' prospects (by email, merged over what is stored unless `replace`) and insert
    their analyses, in order: the same rows as writing them one after the other (a later item with the
    same email merges over the earlier one), in three statements per chunk instead of three per prospect
    (read what is stored, upsert the prospects, insert the analyses), with Core rows, no ORM objects.

    On PostgreSQL (asyncpg; `raw`, the default) the upsert and the insert are one statement on the
    driver connection of the session's transaction (`_pg_write`): the same rows in one round trip."""
    if not outcomes:
        return []
    given = [o.given or o.data for o in outcomes]
    emails = [str(d.email).lower() for d in given]
    current: dict[str, Any] = {}
    for i in range(0, len(emails), STORE_CHUNK):
        chunk = sorted(set(emails[i : i + STORE_CHUNK]))
        current.update(dict((await session.execute(stored_data(session, workspace_id, chunk))).all()))
    merges = []
    latest: dict[str, dict[str, Any]] = {}  # one upsert row per email: the last merge wins
    now = utcnow()
    for o, d, email in zip(outcomes, given, emails, strict=True):
        merged = intake.merge(current.get(email), d, replace=o.replace)
        merges.append(merged)
        current[email] = data = merged.dumped  # merged.data as stored (dumped once, by the merge)
        latest[email] = {
            "id": uuid.uuid4(),
            "workspace_id": workspace_id,
            "email": email,
            "created_at": now,
            "updated_at": now,
            "clay_row_id": merged.data.clay_row_id,
            "data": data,
        }
    driver = await sql.pg_driver(session) if raw else None
    if driver is not None:
        analysis_ids = [uuid.uuid4() for _ in outcomes]
        with driver_errors("write_analyses"):
            ids = await _pg_write(driver, workspace_id, agent, now, latest, outcomes, emails, analysis_ids)
        return [
            StoredRow(ids[email], analysis_id, merged)
            for email, analysis_id, merged in zip(emails, analysis_ids, merges, strict=True)
        ]
    stmt, insert_analyses = _write_statements(session)
    ids = {}
    rows = list(latest.values())
    for i in range(0, len(rows), STORE_CHUNK):
        ids.update(dict((await session.execute(stmt, rows[i : i + STORE_CHUNK])).all()))
    out = [StoredRow(ids[email], uuid.uuid4(), merged) for email, merged in zip(emails, merges, strict=True)]
    analyses = [
        {
            "id": row.analysis_id,
            "workspace_id": workspace_id,
            "prospect_id": row.prospect_id,
            "agent_id": agent.id,
            "industry": agent.industry,
            "agent_version": agent.version,
            "engine": o.engine,
            "score": o.result.score,
            "tier": o.result.tier,
            "result": result_json(o.result),
            "usage": o.usage,
            "created_at": now,
        }
        for o, row in zip(outcomes, out, strict=True)
    ]
    for i in range(0, len(analyses), STORE_CHUNK):
        await session.execute(insert_analyses, analyses[i : i + STORE_CHUNK])
    return out


# `write_analyses` on PostgreSQL: the prospect upsert and the analysis insert in one statement (a
# data-modifying CTE; each analysis finds its prospect's id by e-mail among the upsert's RETURNING),
# every column one array parameter, so the text is the same for any batch size (prepared once per
# connection) and nothing is converted per value on our side but the JSON, by the engines' codec.
_PG_WRITE = """
WITH stored AS (
    INSERT INTO prospects (id, workspace_id, email, created_at, updated_at, clay_row_id, data)
    SELECT p.id, $1, p.email, $2, $2, p.clay_row_id, p.data
    FROM unnest($3::uuid[], $4::varchar[], $5::varchar[], $6::json[]) AS p (id, email, clay_row_id, data)
    ON CONFLICT (workspace_id, email) DO UPDATE
    SET data = excluded.data, updated_at = excluded.updated_at, clay_row_id = excluded.clay_row_id
    RETURNING email, id
), analysed AS (
    INSERT INTO analyses (
        id, workspace_id, prospect_id, agent_id, industry, agent_version, engine, score, tier, result, usage,
        created_at
    )
    SELECT a.id, $1, stored.id, $7, $8, $9, a.engine, a.score, a.tier, a.result, a.usage, $2
    FROM unnest($10::uuid[], $11::varchar[], $12::varchar[], $13::int[], $14::int[], $15::json[], $16::json[])
        WITH ORDINALITY AS a (id, email, engine, score, tier, result, usage, n)
    JOIN stored ON stored.email = a.email
    ORDER BY a.n
)
SELECT email, id FROM stored
"""


def _json(value: Any) -> str:
    """A JSON column's value as SQLAlchemy's `JSON` type binds it: the engines' codec (None is JSON null)."""
    return jsoncodec.dumps(value)


async def _pg_write(
    driver: Any,
    workspace_id: uuid.UUID,
    agent: IndustryAgent,
    now: Any,
    latest: dict[str, dict[str, Any]],
    outcomes: list[Outcome],
    emails: list[str],
    analysis_ids: list[uuid.UUID],
) -> dict[str, uuid.UUID]:
    """Run `_PG_WRITE`; the prospect id of each e-mail."""
    rows = list(latest.values())
    returned = await driver.fetch(
        _PG_WRITE,
        workspace_id,
        now,
        [r["id"] for r in rows],
        [r["email"] for r in rows],
        [r["clay_row_id"] for r in rows],
        [_json(r["data"]) for r in rows],
        agent.id,
        agent.industry,
        agent.version,
        analysis_ids,
        emails,
        [o.engine for o in outcomes],
        [o.result.score for o in outcomes],
        [o.result.tier for o in outcomes],
        [_json(result_json(o.result)) for o in outcomes],
        [_json(o.usage) for o in outcomes],
    )
    ids = {email: ident for email, ident in returned}
    if len(ids) != len(latest):  # every e-mail is inserted or updated: each analysis found its prospect
        raise RuntimeError(f"write_analyses: {len(ids)} prospects stored for {len(latest)} e-mails")
    return ids


_WRITES: dict[str, tuple[Any, Any]] = {}


def _write_statements(session: AsyncSession) -> tuple[Any, Any]:
    """The prospect upsert and the analysis insert of `write_analyses`: Core statements on the tables
    (no ORM bulk-insert layer), built once per dialect instead of on every call."""
    key = sql.dialect(session)
    stmts = _WRITES.get(key)
    if stmts is None:
        base = sql.table_insert(session, Prospect)
        t = Prospect.__table__.c
        upsert = base.on_conflict_do_update(
            index_elements=["workspace_id", "email"],
            set_={
                "data": base.excluded.data,
                "updated_at": base.excluded.updated_at,
                "clay_row_id": base.excluded.clay_row_id,
            },
        ).returning(t.email, t.id)
        stmts = _WRITES[key] = (upsert, sql.table_insert(session, Analysis))
    return stmts


async def store_many(
    session: AsyncSession, *, workspace_id: uuid.UUID, agent: IndustryAgent, outcomes: list[Outcome]
) -> list[AnalysisRead]:
    """`store` for a batch (see `write_analyses`), each answered as `store` answers it."""
    out = []
    blog = log.bind()  # the lazy module logger resolved once per batch, not once per prospect
    ref = AgentRef(industry=agent.industry, version=agent.version)
    engines: Counter[tuple[str, str | None]] = Counter()
    for o, row in zip(
        outcomes,
        await write_analyses(session, workspace_id=workspace_id, agent=agent, outcomes=outcomes),
        strict=True,
    ):
        result = o.result
        blog.info(
            "prospect.analyzed",
            prospect_id=str(row.prospect_id),
            tier=result.tier,
            score=result.score,
            engine=o.engine,
            changed=len(row.merged.changed),
            kept=len(row.merged.kept),
        )
        engines[o.engine, o.fallback] += 1
        out.append(
            AnalysisRead(
                prospect_id=row.prospect_id,
                analysis_id=row.analysis_id,
                engine=o.engine,
                agent=ref,
                usage=o.usage,
                fallback=o.fallback,
                changed_fields=row.merged.changed,
                kept_fields=row.merged.kept,
                # The result's validated parts as they are (no dump and re-validation of each part).
                **{name: getattr(result, name) for name in READ_FIELDS},
            )
        )
    for (engine, fallback), n in engines.items():
        metrics.record_engine("analysis", engine, fallback, n)
    return out


_AGENT_COLUMNS = tuple(IndustryAgent.__table__.c)
_LATEST_READY = (
    select(*_AGENT_COLUMNS)
    .where(
        IndustryAgent.workspace_id == bindparam("workspace_id"),
        IndustryAgent.industry == bindparam("industry"),
        IndustryAgent.status == bindparam("status"),
    )
    .order_by(IndustryAgent.version.desc())
    .limit(bindparam("one", type_=Integer))
)
# SQLite renders a LIMIT with an OFFSET parameter of its own; the driver's first row is the same answer.
_LATEST_READY_SQLITE = _LATEST_READY.limit(None)


async def agent_profile(
    db: TuneDatabase, *, workspace_id: uuid.UUID, industry: str
) -> tuple[IndustryAgent, AgentProfile]:
    """The industry's latest ready agent (version 1 of a built-in one made at its first use) and its
    profile. The agent is read on the driver (perf/rawread.py: on PostgreSQL one round trip, no session,
    BEGIN or pre-ping; on a SQLite file its `query_only` connection inline, no session: 1.5 -> 0.2 ms
    per batch) into an `IndustryAgent` not attached to any session, as `latest_agent` reads it; the
    engine's session when the driver cannot (in-memory SQLite, `DB_SQLITE_INLINE=false`, an error)."""
    slug = resolve_slug(industry)
    agent: IndustryAgent | None = None
    row: Any = rawread.FAILED
    if db.backend in ("postgresql", "sqlite"):
        sqlite = db.backend == "sqlite"
        row = await rawread.reader(db).first(
            "intel.latest_ready_agent_sqlite" if sqlite else "intel.latest_ready_agent",
            _LATEST_READY_SQLITE if sqlite else _LATEST_READY,
            {"workspace_id": workspace_id, "industry": slug, "status": AgentStatus.READY.value, "one": 1},
        )
        if row is not None and row is not rawread.FAILED:
            agent = IndustryAgent(**{c.key: value for c, value in zip(_AGENT_COLUMNS, row, strict=True)})
    if row is rawread.FAILED:
        async with db.session(write=False) as session:
            agent = await latest_agent(session, workspace_id=workspace_id, industry=slug, ready_only=True)
    if agent is None:  # first use of a built-in industry: a short write creates version 1
        async with db.session() as session:
            agent = await ensure_agent(session, workspace_id=workspace_id, industry=industry)
    return agent, AgentProfile.model_validate(agent.profile)


async def analyze_prospect(
    session: AsyncSession, *, db: TuneDatabase, llm: LLMClient, workspace_id: uuid.UUID, data: AnalyzeRequest
) -> AnalysisRead:
    """Analyse one prospect and store the prospect (upserted by email) and its analysis."""
    agent, profile = await agent_profile(db, workspace_id=workspace_id, industry=data.industry)
    [merged] = await with_known(db, workspace_id=workspace_id, prospects=[data.prospect], replace=data.replace)
    outcome = await assess(
        llm, workspace_id=workspace_id, profile=profile, data=merged, given=data.prospect, replace=data.replace
    )
    return await store(session, workspace_id=workspace_id, agent=agent, outcome=outcome)


async def analyze_batch(
    session: AsyncSession, *, db: TuneDatabase, llm: LLMClient, workspace_id: uuid.UUID, data: AnalyzeBatchRequest
) -> BatchRead:
    """Analyse a batch inline: each item validated and reported on its own; good items stored."""
    agent, profile = await agent_profile(db, workspace_id=workspace_id, industry=data.industry)
    parsed = validate_each(ProspectData, data.prospects)
    good = [(i, p) for i, p in enumerate(parsed) if isinstance(p, ProspectData)]
    merged = await with_known(db, workspace_id=workspace_id, prospects=[p for _, p in good], replace=data.replace)
    # LLMClient bounds concurrent Claude calls itself (LLM_MAX_CONCURRENCY).
    outcomes = await asyncio.gather(
        *(
            assess(llm, workspace_id=workspace_id, profile=profile, data=m, given=p, replace=data.replace)
            for (_, p), m in zip(good, merged, strict=True)
        )
    )
    stored = await store_many(session, workspace_id=workspace_id, agent=agent, outcomes=list(outcomes))
    results = {i: a for (i, _), a in zip(good, stored, strict=True)}
    items = [
        BatchItemRead(index=i, status="ok", result=results[i])
        if i in results
        else BatchItemRead(index=i, status="error", errors=p)
        for i, p in enumerate(parsed)
    ]
    return BatchRead(
        industry=agent.industry,
        total=len(items),
        succeeded=len(results),
        failed=len(items) - len(results),
        items=items,
    )


class ProspectRead(Output):
    prospect_id: uuid.UUID
    id: uuid.UUID = Field(
        description="The same as prospect_id; kept for existing clients.", json_schema_extra={"deprecated": True}
    )
    email: str
    data: dict[str, Any]
    created_at: Any
    updated_at: Any
    analysis: AnalysisRead | None = None
    analyses: int = 0
    messages: list[MessageRead] = []


async def get_prospect(session: AsyncSession, *, workspace_id: uuid.UUID, prospect_id: uuid.UUID) -> ProspectRead:
    """A prospect with its latest analysis. Another workspace's prospect is not found."""
    prospect = await session.scalar(
        select(Prospect).where(Prospect.id == prospect_id, Prospect.workspace_id == workspace_id)
    )
    if prospect is None:
        raise NotFound(f"No prospect {prospect_id}")
    analyses = list(
        await session.scalars(
            select(Analysis).where(Analysis.prospect_id == prospect.id).order_by(Analysis.created_at.desc())
        )
    )
    latest = None
    if analyses:
        a = analyses[0]
        latest = AnalysisRead(
            prospect_id=prospect.id,
            analysis_id=a.id,
            engine=a.engine,
            agent=AgentRef(industry=a.industry, version=a.agent_version),
            usage=a.usage,
            **AnalysisResult.model_validate(a.result).model_dump(),
        )
    messages = await session.scalars(
        select(Message)
        .where(Message.prospect_id == prospect.id)
        .order_by(Message.campaign_id, Message.channel, Message.step)
    )
    return ProspectRead(
        prospect_id=prospect.id,
        id=prospect.id,
        email=prospect.email,
        data=prospect.data,
        created_at=prospect.created_at,
        updated_at=prospect.updated_at,
        analysis=latest,
        analyses=len(analyses),
        messages=[MessageRead.model_validate(m) for m in messages],
    )


# --- campaigns and batch jobs -----------------------------------------------------------------


ASSESS_SLICE = 50  # items of a job chunk assessed between two turns of the event loop


class AnalyzeJob:
    """Job kind `analyze`: one item per prospect; optional `campaign_id` in the job payload. The worker
    prepares and stores a chunk of items at once (`prepare_many`, `apply_many`: the bulk writer, as an
    inline batch); `prepare` and `apply` are the same steps for one item (Message Batches replays, and
    the worker's one-by-one fallback when a chunk's writes fail)."""

    # Items per chunk on the rules engine: fewer transactions, statements and commits per item than the
    # worker's default 100 (measured: ~6% of CPU per item); `prepare_many` yields to the event loop
    # every `ASSESS_SLICE` items, so a chunk holds the loop no longer than an inline batch of 50 would.
    rules_chunk = 200

    async def _setup(self, ctx: jobs.JobContext) -> None:
        if "profile" not in ctx.cache:
            ctx.cache["agent"], ctx.cache["profile"] = await agent_profile(
                ctx.db, workspace_id=ctx.workspace_id, industry=ctx.payload["industry"]
            )

    async def prepare(self, ctx: jobs.JobContext, key: str, payload: dict[str, Any]) -> Outcome:
        [outcome] = await self.prepare_many(ctx, [(key, payload)])
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    async def prepare_many(
        self, ctx: jobs.JobContext, items: list[tuple[str, dict[str, Any]]]
    ) -> list[Outcome | BaseException]:
        """Each item's outcome, or the exception that fails it alone (a bad item, with the reason)."""
        parsed = [_parse(payload) for _, payload in items]  # a bad item fails alone, with the reason
        good = [p for p in parsed if isinstance(p, ProspectData)]
        replace = bool(ctx.payload.get("replace"))
        try:
            await self._setup(ctx)
            merged = await with_known(ctx.db, workspace_id=ctx.workspace_id, prospects=good, replace=replace)
        except Exception as exc:  # every item fails with it (a database outage retries the job)
            return [exc if isinstance(p, ProspectData) else p for p in parsed]
        pairs = list(zip(good, merged, strict=True))
        done: list[Outcome | BaseException] = []
        for start in range(0, len(pairs), ASSESS_SLICE):
            if start:
                await asyncio.sleep(0)  # let other requests in between slices (the rules engine never waits)
            done += await asyncio.gather(
                *(
                    assess(
                        ctx.llm,
                        workspace_id=ctx.workspace_id,
                        profile=ctx.cache["profile"],
                        data=m,
                        given=g,
                        replace=replace,
                    )
                    for g, m in pairs[start : start + ASSESS_SLICE]
                ),
                return_exceptions=True,
            )
        outcomes = iter(done)
        return [next(outcomes) if isinstance(p, ProspectData) else p for p in parsed]

    async def apply(
        self, session: AsyncSession, ctx: jobs.JobContext, key: str, payload: dict[str, Any], prepared: Outcome
    ) -> dict[str, Any]:
        [result] = await self.apply_many(session, ctx, [(key, payload, prepared)])
        return result

    async def apply_many(
        self, session: AsyncSession, ctx: jobs.JobContext, items: list[tuple[str, dict[str, Any], Outcome]]
    ) -> list[dict[str, Any]]:
        """Store the items' prospects and analyses (the one bulk writer) and place them in the campaign."""
        stored = await store_many(
            session, workspace_id=ctx.workspace_id, agent=ctx.cache["agent"], outcomes=[o for _, _, o in items]
        )
        tiers = [s.tier for s in stored]
        if ctx.payload.get("campaign_id"):
            campaign = await sql.owned_campaign(
                session, workspace_id=ctx.workspace_id, campaign_id=uuid.UUID(ctx.payload["campaign_id"])
            )
            # Imported here: campaigns' modules import this one (its schemas and analysis), so at module
            # level the two would be a cycle. campaigns owns campaign membership.
            from campaigns.service import attach_many

            tiers = await attach_many(session, workspace_id=ctx.workspace_id, campaign=campaign, analyses=stored)
        return [
            {
                "prospect_id": str(s.prospect_id),
                "analysis_id": str(s.analysis_id),
                "tier": tier,
                "score": s.score,
                "engine": s.engine,
                "changed_fields": s.changed_fields,
                "cost_usd": (s.usage or {}).get("cost_usd", 0.0),
            }
            for s, tier in zip(stored, tiers, strict=True)
        ]


def _parse(payload: dict[str, Any]) -> ProspectData | ValidationError:
    try:
        return ProspectData.model_validate(payload)
    except ValidationError as exc:
        return exc


async def summarize_results(session: AsyncSession, ctx: jobs.JobContext) -> dict[str, Any]:
    """Tiers, engines, Claude cost and changed prospect fields over a job's finished items."""
    results: Iterable[dict[str, Any] | None] = await session.scalars(
        select(JobItem.result).where(JobItem.job_id == ctx.job_id, JobItem.status == JobItemStatus.DONE)
    )
    tiers: Counter[str] = Counter()
    engines: Counter[str] = Counter()
    content: Counter[str] = Counter()
    changed: Counter[str] = Counter()
    cost = 0.0
    for r in results:
        if not r:
            continue
        changed.update(r.get("changed_fields") or ())
        if "tier" in r:
            tiers[str(r["tier"])] += 1
        if "engine" in r:
            engines[r["engine"]] += 1
        for channel, n in (r.get("content") or {}).items():
            content[channel] += n
        cost += float(r.get("cost_usd") or 0)
    summary: dict[str, Any] = {
        "tiers": dict(sorted(tiers.items())),
        "engines": dict(engines),
        "cost_usd": round(cost, 6),
    }
    if content:
        summary["content"] = dict(content)
    summary["changed_fields"] = dict(sorted(changed.items()))  # field → prospects whose stored value changed
    return summary


async def enqueue_analysis(
    session: AsyncSession,
    *,
    workspace_id: uuid.UUID,
    industry: str,
    prospects: list[dict[str, Any]],
    campaign_id: uuid.UUID | None = None,
    replace: bool = False,
    use_batches: bool = False,
) -> jobs.JobRead:
    """Queue a large batch: one job item per prospect (keyed by position), worked in the background;
    `use_batches`: its Claude calls go through Message Batches (`llm.batches`)."""
    items = [(f"{i}:{str(p.get('email', ''))[:150].lower()}", p) for i, p in enumerate(prospects)]
    job = await jobs.enqueue(
        session,
        workspace_id=workspace_id,
        kind="analyze",
        payload={
            "industry": industry,
            "replace": replace,
            "campaign_id": str(campaign_id) if campaign_id else None,
            "use_batches": use_batches,
        },
        items=items,
    )
    return jobs.job_read(job)


# --- the list of prospects --------------------------------------------------------------------


class ProspectListItem(Output):
    """One prospect in `GET /api/prospects`: who it is and where it stands."""

    prospect_id: uuid.UUID
    email: str
    first_name: str | None = None
    last_name: str | None = None
    title: str | None = None
    company: str | None = None
    tier: int | None = Field(None, description="In the campaign when filtered by one, else the latest analysis's.")
    score: int | None = None
    created_at: Any
    updated_at: Any


async def list_prospects(
    session: AsyncSession,
    *,
    workspace_id: uuid.UUID,
    email: str | None,
    campaign_id: uuid.UUID | None,
    tier: int | None,
    cursor: str | None,
    limit: int,
) -> Page[ProspectListItem]:
    """The workspace's prospects, newest first; by email, by campaign, by tier (keyset pages)."""
    query = select(Prospect).where(Prospect.workspace_id == workspace_id)
    if email:
        query = query.where(Prospect.email == email.strip().lower())
    if campaign_id is not None:
        await sql.owned_campaign(session, workspace_id=workspace_id, campaign_id=campaign_id)  # 404 if not yours
        member = select(CampaignProspect.prospect_id).where(
            CampaignProspect.campaign_id == campaign_id, CampaignProspect.workspace_id == workspace_id
        )
        if tier is not None:
            member = member.where(CampaignProspect.tier == tier)
        query = query.where(Prospect.id.in_(member))
    elif tier is not None:
        latest_tier = (
            select(Analysis.tier)
            .where(Analysis.prospect_id == Prospect.id)
            .order_by(Analysis.created_at.desc(), Analysis.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        query = query.where(latest_tier == tier)
    rows, next_cursor = await paging.newest_first(
        session, query, Prospect, cursor=cursor, limit=limit, kind="prospects"
    )
    ids = [p.id for p in rows]
    standing: dict[uuid.UUID, tuple[int | None, int | None]] = {}
    if ids and campaign_id is not None:
        for pid, t, s in await session.execute(
            select(CampaignProspect.prospect_id, CampaignProspect.tier, CampaignProspect.score).where(
                CampaignProspect.campaign_id == campaign_id, CampaignProspect.prospect_id.in_(ids)
            )
        ):
            standing[pid] = (t, s)
    elif ids:
        for pid, t, s in await session.execute(
            select(Analysis.prospect_id, Analysis.tier, Analysis.score)
            .where(Analysis.prospect_id.in_(ids))
            .order_by(Analysis.created_at, Analysis.id)
        ):
            standing[pid] = (t, s)  # the newest analysis comes last and wins
    items = []
    for p in rows:
        data = p.data or {}
        t, s = standing.get(p.id, (None, None))
        items.append(
            ProspectListItem(
                prospect_id=p.id,
                email=p.email,
                first_name=data.get("first_name"),
                last_name=data.get("last_name"),
                title=data.get("title"),
                company=data.get("company"),
                tier=t,
                score=s,
                created_at=p.created_at,
                updated_at=p.updated_at,
            )
        )
    return Page[ProspectListItem](items=items, next_cursor=next_cursor)
