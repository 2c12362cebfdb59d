"""CSV import of prospects, as exported from Clay or a CRM.

- Encoding: UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8"); anything else is a
  422 that says how to save the file. Delimiter: comma, semicolon or tab, detected.
- Headers and values go through the one intake (`intelligence.intake`), as the analyze API and the
  Clay webhook do: aliases ("First Name", "Company Name", "Job Title", "Email Address", "Employees",
  "Annual Revenue", "LinkedIn URL"…; unknown columns are listed in `ignored_columns`), ranges
  ("51-200" → 126, both bounds kept), money in any listed currency ("$180M", "€18M"), names, URLs,
  domains; signals and technologies split on ";" "|" or new lines; city/state/country make a
  location when there is no location column. A file without an email column is a 422.
- A prospect already known (same e-mail) is merged (cells left empty keep what is known) unless
  `replace=true`; `changes` lists, per row of a known prospect, the fields it changed.
- Policy (nothing is half-imported silently): by default good rows are imported and every bad row
  is reported with its spreadsheet row number (the header is row 1); with `all_or_nothing=true`
  a file with any bad row imports nothing and answers 422 with the same row errors. Either way the
  import is one transaction. A repeated email is a row error ("duplicate of row N").
- Analysis: every row is scored by the rules engine with the campaign's agent (score and tier
  always come from the rubric); Claude's qualitative insight can be added later by re-analysing.
- Speed (issue 14): rows are read and scored in worker processes when they are up
  (`campaigns/import_pool.py`, `CSV_IMPORT_WORKERS`), in the event loop otherwise, with the same
  functions; the log line `campaign.csv_imported` gives each phase's seconds (read, score, store).
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import gc
import io
import time
import uuid
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

import prospect_intelligence as intel
from campaigns import import_pool
from campaigns.schemas import ImportRead, RowChange, RowError
from campaigns.service import campaign_agent, open_campaign, upsert_members
from core import sql
from core.errors import TuneError, Unprocessable
from core.sql import owned_campaign
from database_async import TuneDatabase
from intelligence import intake
from intelligence.intake import Merged
from intelligence.scoring import analyze_rules
from models import IndustryAgent
from schemas import AnalysisResult, ProspectData

log = structlog.get_logger()


class UnsupportedMediaType(TuneError):
    status, slug = 415, "unsupported-media-type"


CSV_TYPES = ("text/csv", "application/csv", "text/plain", "application/octet-stream", "application/vnd.ms-excel")


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unprocessable(
            f"The file is not UTF-8 (byte {exc.start}). Save it as 'CSV UTF-8' and upload it again."
        ) from exc


def read_rows(text: str) -> tuple[list[str], list[list[str]]]:
    if not text.strip():
        raise Unprocessable("The CSV file is empty.")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = list(reader)
    except csv.Error as exc:
        raise Unprocessable(f"The CSV file cannot be parsed: {exc}.") from exc
    return [h.strip() for h in rows[0]], rows[1:]


WORKER_CHUNK = 250  # rows per task of the worker processes (campaigns/import_pool.py)
STORE_CHUNK = 100  # prospects written per statement pair; the loop runs other requests in between
# PostgreSQL: each pair is one statement of array parameters on the driver, whatever its size
# (prospect_intelligence.write_analyses, campaigns.service.upsert_members): a worker chunk at a time
PG_STORE_CHUNK = 250
SLICE_S = 0.001  # CPU time an import holds the event loop before letting other requests run
PAUSE_S = 0.001  # then it steps aside this long, so a request in flight finishes several of its steps


class Slices:
    """`await pace()` in a CPU-bound loop: after `SLICE_S` of work, step aside for `PAUSE_S`.

    `sleep(0)` alone hands over for one loop iteration, and a request needs a dozen or more (each
    database round trip is one), so it would wait a slice per step; a short timed pause lets it run
    several steps at once. A 5,000-row import then delays a health check by tens of milliseconds,
    not seconds (issue 13, finding 5), at the cost of about twice the time for its scoring part.
    """

    def __init__(self, seconds: float = SLICE_S, pause: float = PAUSE_S) -> None:
        self.seconds, self.pause = seconds, pause
        self.mark = time.perf_counter()

    async def __call__(self) -> None:
        if time.perf_counter() - self.mark >= self.seconds:
            await asyncio.sleep(self.pause)
            self.mark = time.perf_counter()


_gc_pauses = 0


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while an import runs (nested and concurrent imports count).

    An import keeps ~10^6 container objects alive for seconds (rows, prospects, analyses), and each
    full collection walks all of them with the event loop held: 0.2-0.6 s per collection, several
    per import, measured. Refcounting still frees everything at once; the cyclic collector resumes
    when the last import ends, when these objects are gone (issue 13, finding 5).
    """
    global _gc_pauses
    if _gc_pauses == 0:
        gc.disable()
    _gc_pauses += 1
    try:
        yield
    finally:
        _gc_pauses -= 1
        if _gc_pauses == 0:
            gc.enable()


@dataclass(frozen=True, slots=True)
class Stored:
    prospect_id: uuid.UUID
    analysis_id: uuid.UUID
    tier: int
    score: int
    merged: Merged


async def store_many(
    session: AsyncSession,
    *,
    workspace_id: uuid.UUID,
    agent: IndustryAgent,
    analysed: list[tuple[ProspectData, AnalysisResult]],
    replace: bool = False,
) -> list[Stored]:
    """Upsert prospects (by email, merged over what is stored unless `replace`) and insert their rules
    analyses with a few multi-row statements (`prospect_intelligence.write_analyses`, the one writer)."""
    outcomes = [
        intel.Outcome(data=p, result=result, engine="rules", usage=None, fallback=None, replace=replace)
        for p, result in analysed
    ]
    written = await intel.write_analyses(session, workspace_id=workspace_id, agent=agent, outcomes=outcomes)
    return [
        Stored(w.prospect_id, w.analysis_id, result.tier, result.score, w.merged)
        for w, (_, result) in zip(written, analysed, strict=True)
    ]


async def import_csv(
    session: AsyncSession,
    *,
    db: TuneDatabase,
    workspace_id: uuid.UUID,
    campaign_id: uuid.UUID,
    raw: bytes,
    all_or_nothing: bool,
    max_rows: int,
    replace: bool = False,
    workers: bool = True,
) -> ImportRead:
    """Import prospects from CSV bytes into the campaign (see the module docstring for the policy)."""
    campaign = await open_campaign(db, workspace_id=workspace_id, campaign_id=campaign_id)
    headers, rows = await anyio.to_thread.run_sync(lambda: read_rows(decode(raw)))  # off the event loop
    mapping = {i: f for i, h in enumerate(headers) if (f := intake.field_for(h))}
    if "email" not in mapping.values():
        raise Unprocessable(
            f"No email column among the headers ({', '.join(headers)[:300]}); name one 'Email' or 'Email Address'."
        )
    if len(rows) > max_rows:
        raise Unprocessable(f"At most {max_rows} rows per import ({len(rows)} sent); split the file.")
    errors: list[RowError] = []
    good: list[tuple[int, ProspectData]] = []
    seen: dict[str, int] = {}
    blank = 0
    pace = Slices()
    clock = [time.perf_counter()]  # phase ends: rows read, scored, stored (logged with the outcome)
    pool = import_pool.ready() if workers else None  # `workers`: CSV_IMPORT_WORKERS > 0
    read: list[tuple[str, Any, Any]] | None = None
    if pool is not None:  # in the worker processes (campaigns/import_pool.py), chunks at once
        try:
            parts = await asyncio.gather(
                *(
                    import_pool.run(pool, import_pool.read_rows, headers, rows[i : i + WORKER_CHUNK])
                    for i in range(0, len(rows), WORKER_CHUNK)
                )
            )
            read = [row for part in parts for row in part]
        except BrokenProcessPool:
            import_pool.broken(pool)
            pool = None
    if read is None:
        read = []
        for values in rows:
            await pace()  # small slices: other requests run in between (issue 13, finding 5)
            read.append(import_pool.read_row(headers, values))
    for number, (kind, email, value) in enumerate(read, start=2):
        if kind == "blank":
            blank += 1
            continue
        if kind == "error":
            errors.append(RowError(row=number, email=email, errors=value))
            continue
        prospect = value
        key = str(prospect.email).lower()
        if key in seen:
            errors.append(RowError(row=number, email=key, errors=[{"msg": f"duplicate of row {seen[key]}"}]))
            continue
        seen[key] = number
        good.append((number, prospect))
    mode = "all_or_nothing" if all_or_nothing else "partial"
    if errors and all_or_nothing:
        raise Unprocessable(
            f"{len(errors)} of {len(rows) - blank} rows are invalid; nothing was imported (all_or_nothing).",
            errors=[e.model_dump() for e in errors],
        )
    clock.append(time.perf_counter())
    agent, profile = await campaign_agent(db, campaign)
    scored = await intel.with_known(db, workspace_id=workspace_id, prospects=[p for _, p in good], replace=replace)
    stored: list[Stored] = []
    new: set[uuid.UUID] = set()
    postgres = sql.dialect(session) == "postgresql"

    async def store(first: int, results: list[AnalysisResult]) -> None:
        """Store the good rows from `first` on with their `results` (in chunks, yielding in between)."""
        nonlocal new
        analysed: list[Any] = [
            (p, a) for (_, p), a in zip(good[first : first + len(results)], results, strict=True)
        ]
        results.clear()  # `analysed` holds the analyses now, and lets them go chunk by chunk below
        size = PG_STORE_CHUNK if postgres else STORE_CHUNK
        for start in range(0, len(analysed), size):
            part = await store_many(
                session,
                workspace_id=workspace_id,
                agent=agent,
                replace=replace,
                analysed=analysed[start : start + size],
            )
            new |= await upsert_members(session, workspace_id=workspace_id, campaign_id=campaign_id, stored=part)
            stored.extend(part)
            analysed[start : start + size] = [None] * len(part)  # freed a few at a time, not all at the end
            await asyncio.sleep(PAUSE_S)

    results: list[AnalysisResult] | None = None
    # PostgreSQL: each worker chunk is stored as soon as it is scored, in row order, while the workers
    # score the next ones (one transaction as before). SQLite scores everything first: its write lock
    # would otherwise be held while the workers score.
    overlap = pool is not None and postgres
    done = 0  # rows stored so far
    if overlap and pool is not None:
        await owned_campaign(session, workspace_id=workspace_id, campaign_id=campaign_id)  # still there
        tasks = [
            asyncio.ensure_future(import_pool.run(pool, import_pool.score, profile, scored[i : i + WORKER_CHUNK]))
            for i in range(0, len(scored), WORKER_CHUNK)
        ]
        try:
            for task in tasks:
                part = await task
                n = len(part)
                await store(done, part)
                done += n
            results = []
        except BrokenProcessPool:  # the rows not stored yet are scored in the event loop instead
            import_pool.broken(pool)
            pool = None
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
    elif pool is not None:
        try:
            parts = await asyncio.gather(
                *(
                    import_pool.run(pool, import_pool.score, profile, scored[i : i + WORKER_CHUNK])
                    for i in range(0, len(scored), WORKER_CHUNK)
                )
            )
            results = [result for part in parts for result in part]
        except BrokenProcessPool:  # nothing is written yet: the event loop scores them instead
            import_pool.broken(pool)
            pool = None
    if results is None:
        results = []
        for prospect in scored[done:]:
            results.append(analyze_rules(profile, prospect))
            await pace()  # let other requests run between slices of scoring
    clock.append(time.perf_counter())
    if not overlap:
        await owned_campaign(session, workspace_id=workspace_id, campaign_id=campaign_id)  # still there
    await store(done, results)
    clock.append(time.perf_counter())
    by_tier: dict[str, int] = {}
    for a in stored:
        by_tier[str(a.tier)] = by_tier.get(str(a.tier), 0) + 1
    changes = [
        RowChange(row=number, email=str(p.email), changed_fields=s.merged.changed, kept_fields=s.merged.kept)
        for (number, p), s in zip(good, stored, strict=True)
        if s.merged.existed
    ]
    log.info(
        "campaign.csv_imported",
        campaign_id=str(campaign_id),
        rows=len(rows),
        imported=len(stored),
        failed=len(errors),
        changed=sum(1 for c in changes if c.changed_fields),
        workers=pool is not None,
        seconds={
            name: round(b - a, 3)
            for name, a, b in zip(("read", "score", "store"), clock[:-1], clock[1:], strict=True)
        },
    )
    return ImportRead(
        campaign_id=campaign_id,
        mode=mode,
        rows=len(rows),
        imported=len(stored),
        added=len(new),
        updated=len(stored) - len(new),
        failed=len(errors),
        skipped_blank=blank,
        columns={headers[i]: f for i, f in mapping.items()},
        ignored_columns=[h for i, h in enumerate(headers) if i not in mapping],
        by_tier=dict(sorted(by_tier.items())),
        errors=errors,
        changes=changes,
    )
