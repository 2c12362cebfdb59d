"""The four campaign reports: overview, tiers, steps (with A/B significance), timeline.

Every figure is read from the rollups that ingestion keeps up to date (tracking/ingest.py), so a
report costs the same at 1k or 1M events: it reads at most one row per tier × step × variant ×
metric (or per hour × metric for the timeline).

Definitions (also returned in each report's `definitions`):

- Unique counts are unique prospects. Each metric counts a cohort of event types, so no rate can
  exceed 1: *sent* = any event; *delivered* = a delivered, open, click, reply or unsubscribe event
  (each proves delivery); *opened* = an open or a click (a click proves the open, even with images
  off); *clicked*, *replied*, *bounced*, *unsubscribed* = that event.
- *Human* counts leave out machine events (Apple MPP prefetch, security scanners, too-soon hits,
  click bursts); *total* counts include them. Replies, bounces and sends are never machine.
- Rates are {numerator, denominator, rate} with both named: unique open rate = unique human
  openers ÷ delivered; click rate = unique human clickers ÷ delivered; click-to-open = unique human
  clickers ÷ unique human openers; reply rate = repliers ÷ delivered; bounce rate = bounced ÷ sent;
  unsubscribe rate = unsubscribed ÷ delivered. The `total` variants use all openers/clickers.
- A prospect's unique count goes to the tier (and hour) of its first event in the cohort. Step
  figures are unique per step × subject variant; a step's total is the sum over its variants.
"""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any, Literal, NamedTuple

import orjson
from sqlalchemy import and_, bindparam, func, select

from core.errors import NotFound
from database_async import TuneDatabase
from models import Campaign, CampaignProspect, CampaignStat, CampaignStatHourly, CampaignStatVersion
from perf import rawread
from schemas import Output
from tracking.ingest import HUMAN_METRICS, METRICS

ALPHA = 0.05
DEFINITIONS = {
    "unique": "distinct prospects",
    "sent": "prospects with any event",
    "delivered": "prospects with a delivered, opened, clicked, replied or unsubscribed event",
    "opened": "prospects with an open or a click (a click proves the open)",
    "human": "excludes machine events (Apple MPP prefetch, security scanners, too-soon hits, click bursts)",
    "attribution": "a prospect's unique count goes to the tier and hour of its first event in the cohort",
}


class Rate(Output):
    numerator: int
    denominator: int
    rate: float | None = None
    numerator_name: str
    denominator_name: str


class HumanTotal(Output):
    human: Rate
    total: Rate


class MetricCounts(Output):
    events: int
    human_events: int
    unique: int
    unique_human: int


class Rates(Output):
    open_rate: HumanTotal
    click_rate: HumanTotal
    click_to_open: HumanTotal
    reply_rate: Rate
    bounce_rate: Rate
    unsubscribe_rate: Rate


class Figures(Output):
    counts: dict[str, MetricCounts]
    rates: Rates

    def parts(self) -> dict[str, Any]:
        """The fields for a report model that extends Figures: the models themselves, which pydantic
        takes as they are (a `model_dump()` here was dumped and validated again, field by field)."""
        return {"counts": self.counts, "rates": self.rates}


class OverviewRead(Figures):
    campaign_id: uuid.UUID
    name: str
    status: str
    prospects: int
    definitions: dict[str, str]


class TierRead(Figures):
    tier: int | None
    prospects: int


class TiersRead(Output):
    campaign_id: uuid.UUID
    tiers: list[TierRead]
    definitions: dict[str, str]


class SignificanceTest(Output):
    metric: str
    leader: str
    runner_up: str
    z: float | None
    p_value: float | None
    alpha: float
    significant: bool
    winner: str | None


class VariantRead(Figures):
    variant: str


class StepRead(Figures):
    step: int
    variants: list[VariantRead]
    tests: list[SignificanceTest]


class StepsRead(Output):
    campaign_id: uuid.UUID
    steps: list[StepRead]
    definitions: dict[str, str]


class BucketRead(Output):
    start: datetime
    metrics: dict[str, dict[str, int]]


class TimelineRead(Output):
    campaign_id: uuid.UUID
    interval: Literal["day", "hour"]
    buckets: list[BucketRead]
    definitions: dict[str, str]


# --- figures ----------------------------------------------------------------------------------


def _rate(n: int, d: int, n_name: str, d_name: str) -> Rate:
    n = min(n, d)  # only reachable when a prospect changed tier between events; never more than all
    return Rate(
        numerator=n,
        denominator=d,
        rate=round(n / d, 4) if d else None,
        numerator_name=n_name,
        denominator_name=d_name,
    )


def figures(sums: dict[str, list[int]]) -> Figures:
    """Counts and rates from per-metric sums [events, human events, unique, unique human]."""
    c = {
        m: MetricCounts(
            events=v[0], human_events=v[1], unique=v[2], unique_human=v[3] if m in HUMAN_METRICS else v[2]
        )
        for m in METRICS
        for v in [sums.get(m, [0, 0, 0, 0])]
    }
    delivered, sent = c["delivered"].unique, c["sent"].unique
    op, cl = c["opened"], c["clicked"]
    rates = Rates(
        open_rate=HumanTotal(
            human=_rate(op.unique_human, delivered, "unique human openers", "delivered"),
            total=_rate(op.unique, delivered, "unique openers", "delivered"),
        ),
        click_rate=HumanTotal(
            human=_rate(cl.unique_human, delivered, "unique human clickers", "delivered"),
            total=_rate(cl.unique, delivered, "unique clickers", "delivered"),
        ),
        click_to_open=HumanTotal(
            human=_rate(cl.unique_human, op.unique_human, "unique human clickers", "unique human openers"),
            total=_rate(cl.unique, op.unique, "unique clickers", "unique openers"),
        ),
        reply_rate=_rate(c["replied"].unique, delivered, "repliers", "delivered"),
        bounce_rate=_rate(c["bounced"].unique, sent, "bounced", "sent"),
        unsubscribe_rate=_rate(c["unsubscribed"].unique, delivered, "unsubscribed", "delivered"),
    )
    return Figures(counts=c, rates=rates)


def two_proportion_z(x1: int, n1: int, x2: int, n2: int) -> tuple[float | None, float | None]:
    """Two-sided two-proportion z-test with a pooled variance: (z, p-value), or (None, None)."""
    if n1 <= 0 or n2 <= 0:
        return None, None
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return None, None
    z = (x1 / n1 - x2 / n2) / se
    return round(z, 4), math.erfc(abs(z) / math.sqrt(2))


def significance(variants: list[VariantRead]) -> list[SignificanceTest]:
    """Per metric, the best variant against each other one; a winner only if it beats all of them at
    ALPHA (Bonferroni-corrected when there are more than two variants)."""
    tests: list[SignificanceTest] = []
    if len(variants) < 2:
        return tests
    for metric, pick in (
        ("unique_open_rate", lambda f: f.rates.open_rate.human),
        ("click_rate", lambda f: f.rates.click_rate.human),
        ("reply_rate", lambda f: f.rates.reply_rate),
    ):
        ranked = sorted(variants, key=lambda v: (-(pick(v).rate or 0), v.variant))
        leader, alpha = ranked[0], ALPHA / (len(variants) - 1)
        worst_p, worst_z, runner_up = 0.0, None, ranked[1]
        for other in ranked[1:]:
            a, b = pick(leader), pick(other)
            z, p = two_proportion_z(a.numerator, a.denominator, b.numerator, b.denominator)
            if p is None:
                worst_p, worst_z, runner_up = 1.0, None, other
                break
            if p >= worst_p:
                worst_p, worst_z, runner_up = p, z, other
        ahead = (pick(leader).rate or 0) > (pick(runner_up).rate or 0)
        significant = worst_z is not None and worst_p < alpha and ahead
        tests.append(
            SignificanceTest(
                metric=metric,
                leader=leader.variant,
                runner_up=runner_up.variant,
                z=worst_z,
                p_value=round(worst_p, 6) if worst_z is not None else None,
                alpha=alpha,
                significant=significant,
                winner=leader.variant if significant else None,
            )
        )
    return tests


# --- reports ----------------------------------------------------------------------------------


# Hot statements built once (issue 14): building them on every request was a quarter of a report's
# CPU. `c` and `w` are the campaign and workspace ids.
_s, _h = CampaignStat, CampaignStatHourly
_C: Any = bindparam("c")
_W: Any = bindparam("w")
_CAMPAIGN = select(Campaign.id, Campaign.name, Campaign.status).where(
    Campaign.id == _C, Campaign.workspace_id == _W
)
_PROSPECTS_BY_TIER = (
    select(CampaignProspect.tier, func.count())
    .where(CampaignProspect.campaign_id == _C, CampaignProspect.workspace_id == _W)
    .group_by(CampaignProspect.tier)
)
_SUMS = (func.sum(_s.total), func.sum(_s.human), func.sum(_s.uniq), func.sum(_s.uniq_human))
_OVERVIEW = select(_s.metric, *_SUMS).where(_s.campaign_id == _C, _s.workspace_id == _W).group_by(_s.metric)
_TIERS = (
    select(_s.tier, _s.metric, *_SUMS)
    .where(_s.campaign_id == _C, _s.workspace_id == _W)
    .group_by(_s.tier, _s.metric)
)
_STEPS = (
    select(
        _s.step,
        _s.variant,
        _s.metric,
        func.sum(_s.total),
        func.sum(_s.human),
        func.sum(_s.uniq_step),
        func.sum(_s.uniq_step_human),
    )
    .where(_s.campaign_id == _C, _s.workspace_id == _W)
    .group_by(_s.step, _s.variant, _s.metric)
)
_TIMELINE = select(_h.bucket, _h.metric, _h.total, _h.human, _h.uniq, _h.uniq_human).where(
    _h.campaign_id == _C, _h.workspace_id == _W
)


async def _read(db: TuneDatabase, name: str, stmt: Any, params: dict[str, Any]) -> list[Any]:
    """The statement's rows on the driver (perf/rawread.py: no session, BEGIN or pool pre-ping), or
    through the engine when the driver cannot answer."""
    reader = rawread.reader(db)
    key = ("analytics", name)
    rows = await reader.all(key, stmt, params)
    if rows is rawread.FAILED:
        async with db.read_engine.connect() as conn:
            return list((await conn.execute(stmt, params)).all())
    prepared = reader.prepared(key, stmt)
    return [prepared.row(r) for r in rows]


class _CampaignRow(NamedTuple):
    id: uuid.UUID
    name: str
    status: str


async def _campaign(db: TuneDatabase, workspace_id: uuid.UUID, campaign_id: uuid.UUID) -> _CampaignRow:
    """The workspace's campaign (id, name, status); another workspace's is not found, like a missing one."""
    rows = await _read(db, "campaign", _CAMPAIGN, {"c": campaign_id, "w": workspace_id})
    if not rows:
        raise NotFound(f"No campaign {campaign_id}")
    return _CampaignRow(*rows[0])


def _utc(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


async def _prospects_by_tier(
    db: TuneDatabase, workspace_id: uuid.UUID, campaign_id: uuid.UUID
) -> dict[int | None, int]:
    rows = await _read(db, "prospects_by_tier", _PROSPECTS_BY_TIER, {"c": campaign_id, "w": workspace_id})
    return {tier: int(n) for tier, n in rows}


async def overview(db: TuneDatabase, *, workspace_id: uuid.UUID, campaign_id: uuid.UUID) -> OverviewRead:
    """The campaign's funnel: counts (human and total) and rates with named denominators."""
    campaign = await _campaign(db, workspace_id, campaign_id)
    rows = await _read(db, "overview", _OVERVIEW, {"c": campaign.id, "w": workspace_id})
    sums = {m: [int(v or 0) for v in rest] for m, *rest in rows}
    prospects = sum((await _prospects_by_tier(db, workspace_id, campaign.id)).values())
    return OverviewRead(
        campaign_id=campaign.id,
        name=campaign.name,
        status=campaign.status,
        prospects=prospects,
        definitions=DEFINITIONS,
        **figures(sums).parts(),
    )


async def tiers(db: TuneDatabase, *, workspace_id: uuid.UUID, campaign_id: uuid.UUID) -> TiersRead:
    """The funnel per tier (tier 0 = events of prospects without a tier)."""
    campaign = await _campaign(db, workspace_id, campaign_id)
    rows = await _read(db, "tiers", _TIERS, {"c": campaign.id, "w": workspace_id})
    per: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for tier, metric, *rest in rows:
        per[tier][metric] = [int(v or 0) for v in rest]
    prospects = await _prospects_by_tier(db, workspace_id, campaign.id)
    all_tiers = sorted(set(per) | {t or 0 for t in prospects})
    return TiersRead(
        campaign_id=campaign.id,
        definitions=DEFINITIONS,
        tiers=[
            TierRead(
                tier=t,
                prospects=prospects.get(t, 0) + (prospects.get(None, 0) if t == 0 else 0),
                **figures(per.get(t, {})).parts(),
            )
            for t in all_tiers
        ],
    )


async def steps(db: TuneDatabase, *, workspace_id: uuid.UUID, campaign_id: uuid.UUID) -> StepsRead:
    """The funnel per sequence step and per subject variant, with a two-proportion z-test per step."""
    campaign = await _campaign(db, workspace_id, campaign_id)
    rows = await _read(db, "steps", _STEPS, {"c": campaign.id, "w": workspace_id})
    per: dict[int, dict[str, dict[str, list[int]]]] = defaultdict(lambda: defaultdict(dict))
    for step, variant, metric, *rest in rows:
        per[step][variant][metric] = [int(v or 0) for v in rest]
    out = []
    for step in sorted(per):
        total: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        variants = []
        for variant in sorted(per[step]):
            for metric, values in per[step][variant].items():
                total[metric] = [a + b for a, b in zip(total[metric], values, strict=True)]
            variants.append(VariantRead(variant=variant, **figures(per[step][variant]).parts()))
        named = [v for v in variants if v.variant]
        out.append(
            StepRead(step=step, variants=variants, tests=significance(named), **figures(dict(total)).parts())
        )
    return StepsRead(campaign_id=campaign.id, steps=out, definitions=DEFINITIONS)


def _iso(at: datetime) -> str:
    """`at` as pydantic writes an aware datetime in JSON (UTC as `Z`), so the bytes are the model's."""
    text = at.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


_HOURS: dict[Any, tuple[datetime, str]] = {}  # a stored bucket -> (its UTC datetime, its JSON text)


def _hour(raw: Any, convert: Any) -> tuple[datetime, str]:
    """A bucket as read (driver value, or a datetime when `convert` is None): (UTC datetime, JSON text),
    remembered: a week by hour is 168 of them per report, the same ones report after report."""
    got = _HOURS.get(raw)
    if got is None:
        if len(_HOURS) > 100_000:  # a bound on memory; a pure function of the value, so never stale
            _HOURS.clear()
        at = _utc(raw if convert is None else convert(raw))
        got = _HOURS[raw] = (at, _iso(at))
    return got


_TIMELINE_NAMES = ("events", "human_events", "new_unique", "new_unique_human")
_TIMELINE_DEFINITIONS = {
    **DEFINITIONS,
    "new_unique": "prospects whose first event in the metric's cohort fell in this bucket",
}
_SINCE: Any = bindparam("since")
_UNTIL: Any = bindparam("until")


def _timeline_rows(since: bool, until: bool) -> Any:
    """The campaign outer-joined to its hourly rollups: one round trip both says whether the workspace
    has the campaign (no row when not; one row of NULLs when it has no rollup) and reads every bucket."""
    on = [_h.campaign_id == Campaign.id, _h.workspace_id == Campaign.workspace_id]
    if since:
        on.append(_h.bucket >= _SINCE)
    if until:
        on.append(_h.bucket < _UNTIL)
    return (
        select(_h.bucket, _h.metric, _h.total, _h.human, _h.uniq, _h.uniq_human)
        .select_from(Campaign)
        .outerjoin(_h, and_(*on))
        .where(Campaign.id == _C, Campaign.workspace_id == _W)
        .order_by(_h.bucket)  # the primary key's order: no sort, and each hour's rows come together
    )


_TIMELINE_ROWS = {(s, u): _timeline_rows(s, u) for s in (False, True) for u in (False, True)}
# The workspace's campaign and its rollups' version (tracking/ingest.py raises it with every rollup
# write, in the same transaction): no row when the workspace has no such campaign.
_TIMELINE_VERSION = (
    select(Campaign.id, CampaignStatVersion.version)
    .select_from(Campaign)
    .outerjoin(CampaignStatVersion, CampaignStatVersion.campaign_id == Campaign.id)
    .where(Campaign.id == _C, Campaign.workspace_id == _W)
)
TIMELINE_CACHE_BYTES = 32 << 20  # a bound on the memory of the timelines kept, per database


class _Timelines:
    """Timelines as written, per (workspace, campaign, interval, since, until), each with the version
    of the campaign's rollups read before its rows: served again only while the version reads the same
    (a write raises it in the transaction that changes the rollups, whichever process commits it)."""

    __slots__ = ("entries", "size")

    def __init__(self) -> None:
        self.entries: dict[tuple[Any, ...], tuple[Any, bytes]] = {}
        self.size = 0

    def get(self, key: tuple[Any, ...], version: Any) -> bytes | None:
        got = self.entries.get(key)
        return got[1] if got is not None and got[0] == version else None

    def put(self, key: tuple[Any, ...], version: Any, body: bytes) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[1])
        if self.size + len(body) > TIMELINE_CACHE_BYTES:
            self.entries.clear()
            self.size = 0
        self.entries[key] = (version, body)
        self.size += len(body)


def _timelines(db: TuneDatabase) -> _Timelines:
    cache: _Timelines | None = getattr(db, "_timelines", None)
    if cache is None:
        cache = _Timelines()
        db._timelines = cache  # type: ignore[attr-defined]
    return cache


async def timeline(
    db: TuneDatabase,
    *,
    workspace_id: uuid.UUID,
    campaign_id: uuid.UUID,
    interval: Literal["day", "hour"],
    since: datetime | None = None,
    until: datetime | None = None,
) -> bytes:
    """Events and first-time (new unique) prospects per hour or day (UTC), per metric: a `TimelineRead`
    as JSON, the very bytes FastAPI would write for the model.

    Written directly (issue 14): by hour a week is 168 buckets × 7 metrics, and building and validating
    those models cost more than reading them. The rows come from the driver (perf/rawread.py), each
    distinct hour converted once; the engine reads them when the driver cannot.

    Kept per campaign with its rollups' version (issue 14): each request reads the version (one row,
    which also checks the workspace's campaign) and reads and writes the buckets again only when it has
    moved, so every committed event shows, from this process or another."""
    shape = (since is not None, until is not None)
    stmt = _TIMELINE_ROWS[shape]
    params: dict[str, Any] = {"c": campaign_id, "w": workspace_id}
    if since is not None:
        params["since"] = _utc(since).replace(minute=0, second=0, microsecond=0)
    if until is not None:
        params["until"] = _utc(until)
    versions = await _read(db, "timeline_version", _TIMELINE_VERSION, {"c": campaign_id, "w": workspace_id})
    if not versions:
        raise NotFound(f"No campaign {campaign_id}")
    version = versions[0][1]  # read before the rows: a write after it raises it, so never served stale
    cache, cache_key = (
        _timelines(db),
        (workspace_id, campaign_id, interval, params.get("since"), params.get("until")),
    )
    body = cache.get(cache_key, version)
    if body is None:
        body = await _timeline_body(db, stmt, shape, params, campaign_id=campaign_id, interval=interval)
        cache.put(cache_key, version, body)
    return body


async def _timeline_body(
    db: TuneDatabase,
    stmt: Any,
    shape: tuple[bool, bool],
    params: dict[str, Any],
    *,
    campaign_id: uuid.UUID,
    interval: Literal["day", "hour"],
) -> bytes:
    """The timeline's JSON from its rows (see `timeline`)."""
    reader = rawread.reader(db)
    key = ("timeline", shape)
    rows = await reader.all(key, stmt, params)
    if rows is rawread.FAILED:
        async with db.read_engine.connect() as conn:
            rows = (await conn.execute(stmt, params)).all()
        convert: Any = None
    else:
        convert = reader.column(key, stmt, 0)
    if not rows:
        raise NotFound(f"No campaign {campaign_id}")
    # per raw bucket value (one per hour): metric -> its four counts, named as the report names them
    raw_buckets: dict[Any, dict[str, dict[str, int]]] = {}
    last: Any = None
    per: dict[str, dict[str, int]] = {}
    for bucket, metric, total, human, uniq, uniq_human in rows:
        if metric is None:  # the campaign's row when no rollup matched
            continue
        if bucket != last:  # a new hour (rows come by hour; comparing is cheaper than hashing a datetime)
            last = bucket
            per = raw_buckets.setdefault(bucket, {})
        uniq = uniq or 0
        per[metric] = {
            "events": total or 0,
            "human_events": human or 0,
            "new_unique": uniq,
            "new_unique_human": (uniq_human or 0) if metric in HUMAN_METRICS else uniq,
        }
    starts: dict[tuple[datetime, str], dict[str, dict[str, int]]] = {}
    if interval == "hour":  # one row per hour and metric: nothing to add up
        for bucket, per in raw_buckets.items():
            starts[_hour(bucket, convert)] = per
    else:
        for bucket, per in raw_buckets.items():
            hour = _hour(bucket, convert)[0]
            day = _hour(hour.replace(hour=0), None)
            into = starts.get(day)
            if into is None:
                starts[day] = per
                continue
            for metric, v in per.items():
                had = into.get(metric)
                if had is None:
                    into[metric] = v
                else:
                    into[metric] = {name: had[name] + v[name] for name in _TIMELINE_NAMES}
    buckets = [{"start": start[1], "metrics": dict(sorted(starts[start].items()))} for start in sorted(starts)]
    return orjson.dumps(
        {
            "campaign_id": str(campaign_id),
            "interval": interval,
            "buckets": buckets,
            "definitions": _TIMELINE_DEFINITIONS,
        }
    )
