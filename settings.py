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
    DB_BUSY_TIMEOUT_MS: int = Field(5000, ge=0)
    DB_AUTO_MIGRATE: bool = True

    # HTTP
    ALLOWED_ORIGINS: Annotated[list[str], NoDecode] = ["http://localhost:3000", "http://localhost:8000"]
    MAX_BODY_BYTES: int = Field(1_048_576, ge=1024)
    RATE_LIMIT: str = "100/minute"
    RATE_LIMIT_STORAGE_URI: str = "memory://"
    IDEMPOTENCY_TTL_HOURS: int = Field(24, ge=1)

    # logs
    LOG_LEVEL: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    LOG_FORMAT: Literal["json", "console"] = "json"

    # secrets
    SECRET_KEY: str = PLACEHOLDER

    @field_validator("ALLOWED_ORIGINS", mode="before")
    @classmethod
    def _origins(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("RATE_LIMIT")
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
        if self.SECRET_KEY == PLACEHOLDER or len(self.SECRET_KEY) < 32:
            problems.append("SECRET_KEY must be set to a random value of at least 32 characters")
        if "*" in self.ALLOWED_ORIGINS:
            problems.append("ALLOWED_ORIGINS must list explicit origins, not '*'")
        if problems:
            raise ValueError("refusing to start in production: " + "; ".join(problems))
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.DATABASE_URL.startswith("sqlite")

    @property
    def key_env(self) -> str:
        """The environment tag inside API keys: `tune_dev_…` or `tune_live_…`."""
        return "live" if self.ENV == "production" else "dev"


@lru_cache
def get_settings() -> Settings:
    return Settings()
