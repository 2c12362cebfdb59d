"""One typed `Settings`, read from the environment and `.env`.

Defaults serve a laptop (SQLite, rules engine, port 8000). In production the service refuses to
start with a placeholder secret or a wildcard CORS origin, so a forgotten setting is loud.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

VERSION = "0.1.0"
PLACEHOLDER = "change-me"


def entropy_bits(secret: str) -> float:
    """An estimate of a secret's randomness: its length times the Shannon entropy of its characters.
    `'a' * 32` scores 0, a repeated short word little, `secrets.token_urlsafe(32)` about 200."""
    import math
    from collections import Counter

    if not secret:
        return 0.0
    n = len(secret)
    return n * -sum(c / n * math.log2(c / n) for c in Counter(secret).values())


MIN_SECRET_BITS = 80  # `secrets.token_hex(16)` scores 94 or more, `token_urlsafe(24)` 128 or more


def repeats(secret: str) -> bool:
    """Whether a secret is a short pattern repeated ("password" * 5, "01234567" * 4): it compresses to under 80% of
    its length, which a random value never does (0 of 100,000 `token_hex(16)`). This replaced a floor of 10
    distinct characters, which refused about 1 random `token_hex(16)` in 12,000 (9 distinct hex digits in 32)."""
    import zlib

    return len(zlib.compress(secret.encode(), 9)) < 0.8 * len(secret)


def weak_secret(secret: str, min_len: int) -> bool:
    """Too short, a placeholder, or too regular to be random (issue 13, finding 10)."""
    return (
        secret == PLACEHOLDER or len(secret) < min_len or repeats(secret) or entropy_bits(secret) < MIN_SECRET_BITS
    )


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class ModelSpec(BaseModel):
    """One row of the model table: how to ask a model for structured output, and its prices.

    Prices are USD per million tokens. `structured` is "native" (`output_config` with a JSON
    schema) or "tool" (a forced tool call); Claude Sonnet 5.5 and Opus 5.5 answer 400 to a forced
    `tool_choice`, so they must be "native". A prompt prefix shorter than `min_cache_tokens` is not
    cached by the API. Message Batches requests cost `batch_discount` × every one of these prices
    (input, output, cache writes and reads: the cache multipliers stack with the batch discount).
    """

    model_config = ConfigDict(extra="forbid")

    structured: Literal["native", "tool"] = "native"
    input: float = Field(ge=0)
    output: float = Field(ge=0)
    cache_write_5m: float = Field(ge=0)
    cache_write_1h: float = Field(ge=0)
    cache_read: float = Field(ge=0)
    batch_discount: float = Field(0.5, gt=0, le=1)
    min_cache_tokens: int = Field(1024, ge=0)


def _spec(structured: Literal["native", "tool"], price_in: float, price_out: float, min_cache: int) -> ModelSpec:
    # Anthropic's multipliers: 5-minute cache write 1.25×, 1-hour 2×, cache read 0.1× the input price.
    return ModelSpec(
        structured=structured,
        input=price_in,
        output=price_out,
        cache_write_5m=price_in * 1.25,
        cache_write_1h=price_in * 2,
        cache_read=round(price_in * 0.1, 6),
        min_cache_tokens=min_cache,
    )


# The built-in model table (Anthropic's published prices, autumn 2026). LLM_MODELS adds or overrides rows.
MODEL_TABLE: dict[str, ModelSpec] = {
    "claude-sonnet-5-5": _spec("native", 2.0, 10.0, 1024),
    "claude-opus-5-5": _spec("native", 4.0, 20.0, 4096),
    "claude-haiku-5-5": _spec("native", 1.0, 5.0, 4096),
    "claude-sonnet-5": _spec("native", 2.0, 10.0, 1024),
    "claude-opus-5": _spec("native", 5.0, 25.0, 4096),
    "claude-opus-4-8": _spec("tool", 5.0, 25.0, 4096),
    "claude-opus-4-7": _spec("tool", 5.0, 25.0, 4096),
    "claude-opus-4-6": _spec("tool", 5.0, 25.0, 4096),
    "claude-opus-4-5": _spec("tool", 5.0, 25.0, 4096),
    "claude-sonnet-4-6": _spec("tool", 3.0, 15.0, 1024),
    "claude-sonnet-4-5": _spec("tool", 3.0, 15.0, 1024),
    "claude-haiku-4-5": _spec("tool", 1.0, 5.0, 4096),
}


def _default_rates() -> dict[str, float]:
    from intelligence.intake import DEFAULT_USD_RATES

    return DEFAULT_USD_RATES


def _default_rates_as_of() -> date:
    from intelligence.intake import DEFAULT_RATES_AS_OF

    return DEFAULT_RATES_AS_OF


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    ENV: Literal["development", "production"] = "development"

    # database
    DATABASE_URL: str = "sqlite+aiosqlite:///./tune_campaigns.db"
    DB_POOL_SIZE: int = Field(20, ge=1)
    DB_MAX_OVERFLOW: int = Field(10, ge=0)
    DB_POOL_TIMEOUT: float = Field(30, gt=0)
    DB_CONNECT_TIMEOUT: float = Field(5, gt=0)
    DB_STATEMENT_TIMEOUT_S: float = Field(15, gt=0)
    DB_BUSY_TIMEOUT_MS: int = Field(5000, ge=0)
    DB_AUTO_MIGRATE: bool = True
    DB_SQLITE_INLINE: bool = True  # SQLite file: run calls in the event loop's thread (perf/sqlite_inline.py)
    FAST_LANE: bool = True  # the hottest GET routes run their compiled dependencies (perf/fastlane.py)

    # HTTP
    HOST: str = "127.0.0.1"  # where `make run` listens: set in the environment or as `make run HOST=…`
    PORT: int = Field(8000, ge=1, le=65535)
    ALLOWED_ORIGINS: Annotated[list[str], NoDecode] = ["http://localhost:3000", "http://localhost:8000"]
    MAX_BODY_BYTES: int = Field(1_048_576, ge=1024)
    # Per key (per IP on public routes). Unset: 600/minute in development (room for the README's tour,
    # about 10 requests a second), 100/minute in production.
    RATE_LIMIT: str = ""
    TRACKING_RATE_LIMIT: str = "6000/minute"
    RATE_LIMIT_STORAGE_URI: str = "memory://"
    RATE_LIMIT_STORAGE_TIMEOUT_S: float = Field(0.5, gt=0, le=10)  # Redis connect/command timeout
    IDEMPOTENCY_TTL_HOURS: int = Field(24, ge=1)
    API_KEY_CACHE_TTL_S: float = Field(5, ge=0, le=300)
    ANALYZE_BATCH_INLINE_MAX: int = Field(100, ge=1, le=1000)
    ANALYZE_BATCH_MAX: int = Field(10_000, ge=1)

    # background jobs
    JOB_WORKERS: int = Field(2, ge=0, le=64)
    JOB_ITEM_CONCURRENCY: int = Field(4, ge=1, le=100)
    JOB_LEASE_S: float = Field(30, ge=1)
    JOB_MAX_ATTEMPTS: int = Field(3, ge=1)
    JOB_POLL_INTERVAL_S: float = Field(1.0, gt=0)

    # operations
    METRICS_PUBLIC: bool = False
    METRICS_TOKEN: str = ""
    SENTRY_DSN: str = ""
    SENTRY_TRACES_SAMPLE_RATE: float = Field(0.0, ge=0, le=1)

    # logs
    LOG_LEVEL: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # auto: readable lines on a terminal, JSON lines otherwise (a pipe, a file, a container)
    LOG_FORMAT: Literal["auto", "json", "console"] = "auto"

    # secrets
    SECRET_KEY: str = PLACEHOLDER

    # Claude (the rules engine is used when ANTHROPIC_API_KEY is empty)
    ANTHROPIC_API_KEY: str = ""
    ANTHROPIC_BASE_URL: str | None = None
    LLM_MODEL: str = "claude-sonnet-5-5"  # must be in the model table (built-in or LLM_MODELS)
    # Extra or corrected rows of the model table, as JSON: {"model-id": {"structured": "native", ...}}
    LLM_MODELS: dict[str, ModelSpec] = {}
    LLM_CACHE_TTL: Literal["5m", "1h"] = "5m"  # prompt-cache lifetime of the system block
    LLM_TIMEOUT_S: float = Field(60, gt=0)
    LLM_MAX_CONCURRENCY: int = Field(4, ge=1)
    LLM_MAX_ATTEMPTS: int = Field(3, ge=1, le=10)
    LLM_MAX_RETRY_AFTER_S: float = Field(30, ge=0)
    # Monthly Claude budget of each workspace (USD); and an optional cap on the whole service (empty: none).
    LLM_WORKSPACE_MONTHLY_BUDGET_USD: float = Field(50, ge=0)
    LLM_MONTHLY_BUDGET_USD: float | None = Field(None, ge=0)
    LLM_BREAKER_FAILURES: int = Field(5, ge=1)
    LLM_BREAKER_COOLDOWN_S: float = Field(30, gt=0)
    # Total time one Claude call may take (slot wait, attempts and backoff together): a request answers
    # someone waiting, so seconds; job items and agent builds run in the background, so minutes.
    LLM_DEADLINE_INTERACTIVE_S: float = Field(30, gt=0, le=600)
    LLM_DEADLINE_BACKGROUND_S: float = Field(600, gt=0, le=7200)
    # With Claude on, inline batch routes queue a job (202) for more prospects than this.
    LLM_INLINE_MAX_ITEMS: int = Field(5, ge=1, le=100)
    # Message Batches (half the input and output price; answers within minutes, at most 24 h): with
    # "auto", a job of at least LLM_BATCH_MIN_ITEMS items sends its Claude calls as Message Batches (a
    # request's `use_batches` overrides either way); "off": never unless a request asks. A waiting job
    # checks its batch every LLM_BATCH_POLL_S seconds.
    LLM_BATCHES: Literal["off", "auto"] = "auto"
    LLM_BATCH_MIN_ITEMS: int = Field(500, ge=1)
    LLM_BATCH_POLL_S: float = Field(60, gt=0, le=3600)

    # campaigns and tracking
    # Absolute pixel, click (and Clay callback) URLs. Unset: http://HOST:PORT (localhost for 0.0.0.0/::).
    PUBLIC_BASE_URL: str = ""
    CAMPAIGN_CSV_MAX_ROWS: int = Field(5000, ge=1, le=100_000)
    # CSV import: rows read and scored in this many processes (campaigns/import_pool.py); 0 = in the event loop
    CSV_IMPORT_WORKERS: int = Field(2, ge=0, le=16)
    TRACKING_GROUP_COMMIT: bool = True  # false: one transaction per pixel/click hit (for comparison)
    TRACKING_BATCH_MAX: int = Field(500, ge=1, le=10_000)
    TRACKING_BATCH_WAIT_MS: float = Field(2, ge=0, le=1000)
    # SQLite file: group commits run their statements inline, no thread hand-off (perf/sqlite_inline.py)
    TRACKING_INLINE_WRITER: bool = True
    # Group commits run their hot statements on the driver (tracking/rawwrite.py); PostgreSQL keeps its connection
    TRACKING_RAW_WRITER: bool = True
    # PostgreSQL, raw writer: false = a batch of opens commits without waiting for its WAL flush
    TRACKING_PG_SYNCHRONOUS_COMMIT: bool = True
    TRACKING_TOO_SOON_S: float = Field(10, ge=0)
    TRACKING_BURST_WINDOW_S: float = Field(5, ge=0)
    TRACKING_BURST_MIN_LINKS: int = Field(3, ge=2, le=100)
    TRACKING_MACHINE_IP_RANGES: Annotated[list[str], NoDecode] = []

    # money in other currencies → USD (intelligence.intake): USD per unit, and the date of that table
    FX_USD_RATES: Annotated[dict[str, float], NoDecode] = Field(default_factory=lambda: dict(_default_rates()))
    FX_RATES_AS_OF: date = Field(default_factory=lambda: _default_rates_as_of())

    @field_validator("FX_USD_RATES", mode="before")
    @classmethod
    def _fx_rates(cls, value: object) -> object:
        from intelligence.intake import parse_rate_table

        return parse_rate_table(value) if isinstance(value, str) else value

    @field_validator("PUBLIC_BASE_URL")
    @classmethod
    def _base_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("PUBLIC_BASE_URL must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("TRACKING_MACHINE_IP_RANGES", mode="before")
    @classmethod
    def _ranges(cls, value: object) -> object:
        import ipaddress

        ranges = _split_csv(value)
        for cidr in ranges if isinstance(ranges, list) else []:
            ipaddress.ip_network(cidr, strict=False)  # a ValueError names the bad range
        return ranges

    @field_validator("ALLOWED_ORIGINS", mode="before")
    @classmethod
    def _origins(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("ANTHROPIC_BASE_URL", "LLM_MONTHLY_BUDGET_USD", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return value or None

    @field_validator("RATE_LIMIT", "TRACKING_RATE_LIMIT")
    @classmethod
    def _rate_limit(cls, value: str) -> str:
        from limits import parse_many

        if not value:  # RATE_LIMIT unset: the environment's default, below
            return value
        try:
            parse_many(value)
        except ValueError as exc:
            raise ValueError(f"RATE_LIMIT {value!r} is not a rate such as '100/minute'") from exc
        return value

    @model_validator(mode="after")
    def _rate_limit_default(self) -> Settings:
        if not self.RATE_LIMIT:
            self.RATE_LIMIT = "600/minute" if self.ENV == "development" else "100/minute"
        return self

    @model_validator(mode="after")
    def _public_base_url_follows_host_and_port(self) -> Settings:
        if not self.PUBLIC_BASE_URL:
            loopback_or_any = ("127.0.0.1", "::1", "0.0.0.0", "::", "")  # noqa: S104
            host = "localhost" if self.HOST in loopback_or_any else self.HOST
            host = f"[{host}]" if ":" in host else host
            self.PUBLIC_BASE_URL = f"http://{host}:{self.PORT}"
        return self

    @model_validator(mode="after")
    def _production_is_configured(self) -> Settings:
        if self.ENV != "production":
            return self
        problems = []
        if weak_secret(self.SECRET_KEY, 32):
            problems.append(
                "SECRET_KEY must be set to a random value of at least 32 characters "
                "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
        if self.METRICS_TOKEN and weak_secret(self.METRICS_TOKEN, 32):
            problems.append("METRICS_TOKEN must be a random value of at least 32 characters (or empty)")
        if "*" in self.ALLOWED_ORIGINS:
            problems.append("ALLOWED_ORIGINS must list explicit origins, not '*'")
        if problems:
            raise ValueError("refusing to start in production: " + "; ".join(problems))
        return self

    def model_spec(self, model: str) -> ModelSpec | None:
        """The table row for `model`: exact id first, then the longest listed id it starts with
        (a dated snapshot such as `claude-haiku-4-5-20251001` is priced as `claude-haiku-4-5`)."""
        table = {**MODEL_TABLE, **self.LLM_MODELS}
        if model in table:
            return table[model]
        prefixes = [m for m in table if model.startswith(m + "-")]
        return table[max(prefixes, key=len)] if prefixes else None

    @model_validator(mode="after")
    def _model_is_known(self) -> Settings:
        if self.model_spec(self.LLM_MODEL) is None:
            raise ValueError(
                f"LLM_MODEL {self.LLM_MODEL!r} is not in the model table; add it with LLM_MODELS "
                f"(how it takes structured output, and its prices)"
            )
        return self

    @property
    def llm_configured(self) -> bool:
        return bool(self.ANTHROPIC_API_KEY.strip())

    @property
    def is_sqlite(self) -> bool:
        return self.DATABASE_URL.startswith("sqlite")

    @property
    def key_env(self) -> str:
        """The environment tag inside API keys: `tune_dev_…` or `tune_live_…`."""
        return "live" if self.ENV == "production" else "dev"

    # Clay
    # Inbound webhook secrets are per workspace, created through the API (clay/secrets.py).
    CLAY_WEBHOOK_MAX_BYTES: int = Field(262_144, ge=1024)
    CLAY_WEBHOOK_INLINE_MAX_ROWS: int = Field(5, ge=1, le=100)  # more rows (or a list with Claude): a job
    # Outbound: the Clay table's webhook source (a campaign's own URL, given to setup-tables, wins).
    CLAY_TABLE_WEBHOOK_URL: str = ""
    CLAY_WEBHOOK_AUTH_TOKEN: str = ""  # sent as x-clay-webhook-auth when set
    CLAY_PUSH_RATE_PER_S: float = Field(10, gt=0, le=1000)
    CLAY_PUSH_MAX_ATTEMPTS: int = Field(5, ge=1, le=20)
    CLAY_PUSH_BACKOFF_S: float = Field(1.0, ge=0, le=60)  # first retry delay; doubles each attempt
    CLAY_PUSH_MAX_RETRY_AFTER_S: float = Field(60, ge=0)  # cap on Clay's Retry-After
    CLAY_HTTP_TIMEOUT_S: float = Field(10, gt=0, le=120)
    # Development only: let outbound URLs be http:// and private/loopback (the tests' fake Clay).
    CLAY_ALLOW_PRIVATE_URLS: bool = False

    @model_validator(mode="after")
    def _clay_production_is_configured(self) -> Settings:
        if self.ENV != "production":
            return self
        problems = []
        if self.CLAY_WEBHOOK_AUTH_TOKEN == PLACEHOLDER:
            problems.append("CLAY_WEBHOOK_AUTH_TOKEN must be Clay's token, not a placeholder")
        if self.CLAY_ALLOW_PRIVATE_URLS:
            problems.append("CLAY_ALLOW_PRIVATE_URLS is for development only")
        if problems:
            raise ValueError("refusing to start in production: " + "; ".join(problems))
        return self

    @property
    def clay_private_urls_allowed(self) -> bool:
        """Outbound Clay URLs may be http:// and private only in development, and only when asked."""
        return self.ENV == "development" and self.CLAY_ALLOW_PRIVATE_URLS

    # Security (issue 13)
    # API docs (/docs, /redoc, /openapi.json): empty means on in development, off in production.
    DOCS_ENABLED: bool | None = None
    # Pixel hits for one message from one client (IP) within this many seconds count once (0: all count).
    TRACKING_REPLAY_WINDOW_S: float = Field(600, ge=0, le=86_400)

    @field_validator("DOCS_ENABLED", mode="before")
    @classmethod
    def _blank_is_default(cls, value: object) -> object:
        return None if value == "" else value

    @property
    def docs_enabled(self) -> bool:
        return self.DOCS_ENABLED if self.DOCS_ENABLED is not None else self.ENV == "development"


@lru_cache
def get_settings() -> Settings:
    return Settings()
