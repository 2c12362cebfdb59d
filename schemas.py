"""Request and response models, named by role (`XCreate`, `XRead`, `Page[X]`).

Inputs forbid unknown fields and carry explicit size bounds, so a mass-assignment attempt or a
50 MB list is a 422 rather than a surprise. The domain models shared by both engines (the agent
profile, a prospect's data, an analysis) live here too, because they are also what the API returns.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    GetJsonSchemaHandler,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    computed_field,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue

from intelligence import intake
from intelligence.intake import CountRange, MoneyRange

T = TypeVar("T")

Scope = Literal["read", "write", "admin"]
Engine = Literal["claude", "rules"]

ShortStr = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(max_length=5000)]


class Input(BaseModel):
    """Base for request bodies: unknown fields are an error, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """Declare each accepted alias (`employees` for `employee_count`) as a property of the schema,
        so the OpenAPI document does not call an accepted field forbidden."""
        schema = handler(core_schema)
        target = handler.resolve_ref_schema(schema)
        properties = target.get("properties", {})
        for field in cls.model_fields.values():
            alias = field.validation_alias
            if not isinstance(alias, AliasChoices):
                continue
            choices = [c for c in alias.choices if isinstance(c, str)]
            main = next((c for c in choices if c in properties), None)
            for choice in choices:
                if main is not None and choice != main and choice not in properties:
                    properties[choice] = {
                        **{k: v for k, v in properties[main].items() if k != "title"},
                        "description": f"Alias of `{main}`; send one of them.",
                    }
        return schema


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(Output, Generic[T]):
    """One page of a list; pass `next_cursor` back as `cursor` for the next page."""

    items: list[T]
    next_cursor: str | None = None


# --- foundation -----------------------------------------------------------------------------


class HealthRead(Output):
    status: Literal["ok"]
    database: str
    version: str
    engine: dict[str, str]
    rate_limit: dict[str, str] = {}  # storage (memory, redis), state (ok, unavailable), scope, fallback


class IndustryRead(Output):
    slug: str
    name: str
    builtin: bool = True
    agent_status: str | None = None
    agent_version: int | None = None


class ApiKeyCreate(Input):
    name: ShortStr = Field(examples=["zapier-sync"])
    scopes: list[Scope] = Field(default=["read", "write"], min_length=1, max_length=3)


class ApiKeyRead(Output):
    id: uuid.UUID
    workspace_id: uuid.UUID
    name: str
    prefix: str
    last4: str
    scopes: list[Scope]
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(description="The secret key. Shown once; store it now.")


# --- domain: agents and prospects (shared by the claude and rules engines) ------------------


class Persona(BaseModel):
    """A buyer persona: who they are, which titles match, what they care about."""

    name: str  # e.g. "Casino Marketing Leader"
    titles: list[str]  # lower-case title keywords that identify this persona, e.g. ["cmo", "vp marketing"]
    seniority: Literal["c_level", "vp", "director", "manager", "individual"]
    is_decision_maker: bool = True
    priorities: list[str] = []  # what they are measured on
    pains: list[str] = []  # pains specific to this persona
    # Persona fit is function x level x decision role (intelligence.facts vocabularies). Empty lists
    # are filled from `titles`/`seniority` by `intelligence.personas.persona_scope` when not declared.
    functions: list[str] = []  # e.g. ["marketing"]
    levels: list[str] = []  # e.g. ["c_level", "vp", "director"]
    role: Literal["signer", "champion", "influencer"] | None = None  # None: from is_decision_maker
    # Language forms for copy: "casino marketing leader" / "casino marketing leaders" / "marketing".
    label: str | None = None
    plural: str | None = None
    short: str | None = None


class Objection(BaseModel):
    objection: str
    response: str


class ICP(BaseModel):
    """Ideal customer profile: the companies worth calling."""

    company_types: list[str]  # e.g. ["tribal casino", "regional casino resort"]
    employee_min: int | None = None
    employee_max: int | None = None
    revenue_min_usd: int | None = None
    revenue_max_usd: int | None = None
    regions: list[str] = []
    signals: list[str] = []  # buying signals, e.g. "opening a new hotel tower", "hiring a CRM manager"
    signal_keywords: list[str] = []  # lower-case keywords that detect those signals in free text
    industry_keywords: list[str] = []  # lower-case keywords that say a company is in this industry
    disqualifiers: list[str] = []
    edge_types: list[str] = []  # in the industry but at its edge (e.g. "hostel"): tier 3 at best, nurture
    secondary_types: list[str] = []  # served, but not the core (e.g. "office building"): tier 2 at best


class RubricWeights(BaseModel):
    """Maximum points per score component; they sum to 100."""

    seniority: int = 25
    persona_fit: int = 20
    company_fit: int = 20
    industry_fit: int = 15
    intent_signals: int = 15
    data_completeness: int = 5


class TierThresholds(BaseModel):
    """Minimum score for each tier; below tier3 is tier 4 (do not contact yet)."""

    tier1: int = 80
    tier2: int = 60
    tier3: int = 40


class AgentProfile(BaseModel):
    """Everything an agent knows about selling into one industry."""

    industry: str  # slug, e.g. "casino"
    name: str  # display name, e.g. "Casino & Gaming"
    description: str
    generic: bool = False  # True when adapted from a description rather than built-in knowledge
    icp: ICP
    personas: list[Persona]
    pain_points: list[str]
    value_propositions: list[str]
    proof_angles: list[str]  # kinds of proof that land in this industry
    tone: str  # how to talk to them
    vocabulary: list[str] = []  # industry terms a rep would use naturally
    objections: list[Objection] = []
    rubric: RubricWeights = RubricWeights()
    tier_thresholds: TierThresholds = TierThresholds()
    seller: dict[str, str] = {}  # company / offer the agent sells for, when built for one


# What the analyze API, CSV and Clay accept for a headcount and an amount (read by intelligence.intake).
CountIn = Annotated[
    int,
    Field(ge=0, le=10_000_000),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": 10_000_000},
                {"type": "string", "maxLength": 100, "examples": ["51-200", "1,001-5,000", "10K+", "under 10"]},
            ],
            "description": "Headcount: a number or a range as Clay and CRMs write it. A range counts as the "
            "midpoint of its bounds (rounded half up; '10K+' as 10000); both bounds and the text are kept in "
            "employee_range.",
        },
        mode="validation",
    ),
]
MoneyIn = Annotated[
    int,
    Field(ge=0, le=10**13),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": 10**13},
                {
                    "type": "string",
                    "maxLength": 100,
                    "examples": ["$95M", "€18M", "£2.1bn", "USD 40 million", "$10M-$50M", "$1B+"],
                },
            ],
            "description": "Annual revenue: USD as a number, or an amount in any listed currency with k/M/B "
            "suffixes, converted to USD with the rate table FX_USD_RATES (as of FX_RATES_AS_OF). A range "
            "counts as its midpoint; the bounds, the text, the currency and the rate are kept in revenue_range.",
        },
        mode="validation",
    ),
]


class ProspectData(Input):
    """A prospect as submitted by API, CSV or Clay. Only email is required.

    `employees` and `revenue` are accepted as aliases of `employee_count` and `annual_revenue_usd`,
    which also take Clay/CRM strings ("51-200", "10K+", "$95M", "€18M"); see `intelligence.intake`.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)

    email: EmailStr
    first_name: Annotated[str, Field(max_length=100)] | None = None
    last_name: Annotated[str, Field(max_length=100)] | None = None
    title: Annotated[str, Field(max_length=200)] | None = None
    company: Annotated[str, Field(max_length=200)] | None = None
    company_domain: Annotated[str, Field(max_length=253)] | None = None
    website: Annotated[str, Field(max_length=500)] | None = None
    linkedin_url: Annotated[str, Field(max_length=500)] | None = None
    industry: Annotated[str, Field(max_length=100)] | None = None
    employee_count: CountIn | None = Field(None, validation_alias=AliasChoices("employee_count", "employees"))
    annual_revenue_usd: MoneyIn | None = Field(
        None, validation_alias=AliasChoices("annual_revenue_usd", "revenue")
    )
    location: Annotated[str, Field(max_length=200)] | None = None
    technologies: Annotated[list[Annotated[str, Field(max_length=100)]], Field(max_length=100)] = []
    signals: Annotated[list[Annotated[str, Field(max_length=500)]], Field(max_length=50)] = []
    notes: Annotated[str, Field(max_length=5000)] | None = None
    clay_row_id: Annotated[str, Field(max_length=200)] | None = None
    employee_range: CountRange | None = Field(
        None, description="Both bounds of employee_count as written (set when it was written as text)"
    )
    revenue_range: MoneyRange | None = Field(
        None, description="Both bounds of annual_revenue_usd in USD, the text, currency and rate used"
    )

    @model_validator(mode="before")
    @classmethod
    def _read_value_strings(cls, data: object) -> object:
        return intake.coerce(data)

    @field_validator("employee_count", mode="before")
    @classmethod
    def _count(cls, value: object) -> object:
        if isinstance(value, str | bool):
            read = intake.read_count(value)  # a ValueError here names the field and the accepted forms
            return None if read is None else read[0]
        return value

    @field_validator("annual_revenue_usd", mode="before")
    @classmethod
    def _money(cls, value: object) -> object:
        if isinstance(value, str | bool):
            read = intake.read_money(value)
            return None if read is None else read[0]
        return value

    @field_validator("email", mode="wrap")
    @classmethod
    def _email(cls, value: object, handler: ValidatorFunctionWrapHandler) -> str:
        # the common shape answered at once (intake.plain_email: what EmailStr would give); else in full
        plain = intake.plain_email(value)
        return plain if plain is not None else str(handler(value)).lower()

    @field_validator("first_name", "last_name", "title", "company", "industry", "location")
    @classmethod
    def _single_spaces(cls, value: str | None) -> str | None:
        return intake.clean_text(value) if value is not None else None

    @field_validator("website", "linkedin_url", mode="before")
    @classmethod
    def _url(cls, value: object) -> object:
        # before the length check, so a URL that gains "https://" is still held to max_length (and a
        # stored value validates again unchanged when the prospect is merged later)
        return intake.clean_url(value) if isinstance(value, str) and value.strip() else value

    @field_validator("company_domain")
    @classmethod
    def _domain(cls, value: str | None) -> str | None:
        return intake.clean_domain(value) if value else value

    @model_validator(mode="after")
    def _ranges_agree(self) -> ProspectData:
        for number, rng, low, high in (
            ("employee_count", "employee_range", "min", "max"),
            ("annual_revenue_usd", "revenue_range", "min_usd", "max_usd"),
        ):
            r = getattr(self, rng)
            if r is None:
                continue
            lo, hi = getattr(r, low), getattr(r, high)
            if lo is None:
                raise ValueError(f"{rng} needs its lower bound")
            if hi is not None and lo > hi:
                raise ValueError(f"{rng}: the lower bound is above the upper bound")
            value = getattr(self, number)
            if value is None:
                setattr(self, number, intake.count_of(lo, hi))
            elif value < lo or (hi is not None and value > hi):
                raise ValueError(f"{number} is outside its {rng}")
        return self


class ScoreComponent(BaseModel):
    component: str  # seniority | persona_fit | company_fit | industry_fit | intent_signals | data_completeness
    points: int
    max: int
    fields: list[str]  # prospect fields this component read
    why: str


class Hook(BaseModel):
    text: str
    source_field: str  # the prospect (or agent) field it is grounded in
    quote: str | None = None  # Claude's hooks: the verbatim part of `source_field` it rests on (grounding gate)


class Approach(BaseModel):
    channel: Literal["email", "linkedin", "phone", "video"]
    angle: str
    cta: str


class AnalysisResult(BaseModel):
    """The outcome of scoring one prospect against one agent, from either engine."""

    score: int = Field(ge=0, le=100)
    tier: int = Field(ge=1, le=4)
    breakdown: list[ScoreComponent]
    persona: str | None
    pain_points: list[str]
    hooks: list[Hook]
    approach: Approach
    confidence: float = Field(ge=0, le=1)
    data_gaps: list[str]
    facts: dict | None = None  # intelligence.facts.ProspectFacts.to_dict(): what the tier was computed from
    dropped_facts: int = Field(
        0,
        ge=0,
        description="Claude facts dropped because their quote is not in the "
        "prospect's field or their numbers or names are not in the quote",
    )


class MessageRead(Output):
    """A stored piece of outreach (a sequence step, a LinkedIn message, a video script)."""

    id: uuid.UUID = Field(
        description="The same as message_id; kept for existing clients.", json_schema_extra={"deprecated": True}
    )
    campaign_id: uuid.UUID | None
    channel: str
    step: int
    day_offset: int
    purpose: str | None
    subject: str | None
    subject_variants: list[str] | None
    variant: str | None
    body: str
    cta: str | None
    quality: dict
    engine: str
    created_at: datetime
    updated_at: datetime

    @computed_field  # type: ignore[prop-decorator]
    @property
    def message_id(self) -> uuid.UUID:
        """The message's id, under the name every other answer uses for it."""
        return self.id


def aware_utc(value: datetime) -> datetime:
    """A timestamp in UTC (naive means UTC); a ValueError, hence a 422, when the conversion leaves
    the calendar (year 1 at +14:00, year 9999 at -12:00) instead of an OverflowError and a 500."""
    from datetime import UTC

    try:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except OverflowError as exc:
        raise ValueError("the timestamp is out of range once converted to UTC") from exc


UTCDatetime = Annotated[datetime, AfterValidator(aware_utc)]
