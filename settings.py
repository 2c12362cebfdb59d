"""One typed `Settings`, read from the environment and `.env`.

Defaults serve a laptop (SQLite, rules engine, port 8000). In production the service refuses to
start with a placeholder secret or a wildcard CORS origin, so a forgotten setting is loud.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
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


def weak_secret(secret: str, min_len: int) -> bool:
    """Too short, a placeholder, or too regular to be random (issue 13, finding 10)."""
    return (secret == PLACEHOLDER or len(secret) < min_len or len(set(secret)) < 10
            or entropy_bits(secret) < MIN_SECRET_BITS)


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


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

    # HTTP
    ALLOWED_ORIGINS: Annotated[list[str], NoDecode] = ["http://localhost:3000", "http://localhost:8000"]
    MAX_BODY_BYTES: int = Field(1_048_576, ge=1024)
    RATE_LIMIT: str = "100/minute"
    TRACKING_RATE_LIMIT: str = "6000/minute"
    RATE_LIMIT_STORAGE_URI: str = "memory://"
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
    LOG_FORMAT: Literal["json", "console"] = "json"

    # secrets
    SECRET_KEY: str = PLACEHOLDER

    # Claude (the rules engine is used when ANTHROPIC_API_KEY is empty)
    ANTHROPIC_API_KEY: str = ""
    ANTHROPIC_BASE_URL: str | None = None
    LLM_MODEL: str = "claude-sonnet-4-6"
    LLM_TIMEOUT_S: float = Field(60, gt=0)
    LLM_MAX_CONCURRENCY: int = Field(4, ge=1)
    LLM_MAX_ATTEMPTS: int = Field(3, ge=1, le=10)
    LLM_MAX_RETRY_AFTER_S: float = Field(30, ge=0)
    LLM_MONTHLY_BUDGET_USD: float = Field(50, ge=0)
    LLM_BREAKER_FAILURES: int = Field(5, ge=1)
    LLM_BREAKER_COOLDOWN_S: float = Field(30, gt=0)
    # USD per million tokens, for the model above
    LLM_PRICE_INPUT_PER_MTOK: float = Field(3.0, ge=0)
    LLM_PRICE_OUTPUT_PER_MTOK: float = Field(15.0, ge=0)
    LLM_PRICE_CACHE_WRITE_PER_MTOK: float = Field(3.75, ge=0)
    LLM_PRICE_CACHE_READ_PER_MTOK: float = Field(0.30, ge=0)

    # campaigns and tracking
    PUBLIC_BASE_URL: str = "http://localhost:8000"  # absolute pixel, click (and Clay callback) URLs
    CAMPAIGN_CSV_MAX_ROWS: int = Field(5000, ge=1, le=100_000)
    TRACKING_GROUP_COMMIT: bool = True  # false: one transaction per pixel/click hit (for comparison)
    TRACKING_BATCH_MAX: int = Field(500, ge=1, le=10_000)
    TRACKING_BATCH_WAIT_MS: float = Field(2, ge=0, le=1000)
    TRACKING_TOO_SOON_S: float = Field(10, ge=0)
    TRACKING_BURST_WINDOW_S: float = Field(5, ge=0)
    TRACKING_BURST_MIN_LINKS: int = Field(3, ge=2, le=100)
    TRACKING_MACHINE_IP_RANGES: Annotated[list[str], NoDecode] = []

    @field_validator("PUBLIC_BASE_URL")
    @classmethod
    def _base_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
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

    @field_validator("ANTHROPIC_BASE_URL", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return value or None

    @field_validator("RATE_LIMIT", "TRACKING_RATE_LIMIT")
    @classmethod
    def _rate_limit(cls, value: str) -> str:
        from limits import parse_many

        try:
            parse_many(value)
        except ValueError as exc:
            raise ValueError(f"RATE_LIMIT {value!r} is not a rate such as '100/minute'") from exc
        return value

    @model_validator(mode="after")
    def _production_is_configured(self) -> Settings:
        if self.ENV != "production":
            return self
        problems = []
        if weak_secret(self.SECRET_KEY, 32):
            problems.append("SECRET_KEY must be set to a random value of at least 32 characters "
                            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))')")
        if self.METRICS_TOKEN and weak_secret(self.METRICS_TOKEN, 32):
            problems.append("METRICS_TOKEN must be a random value of at least 32 characters (or empty)")
        if "*" in self.ALLOWED_ORIGINS:
            problems.append("ALLOWED_ORIGINS must list explicit origins, not '*'")
        if problems:
            raise ValueError("refusing to start in production: " + "; ".join(problems))
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
