"""Settings: laptop defaults, and production refusing to start half-configured."""

import pytest
from pydantic import ValidationError

from settings import Settings


def test_defaults_serve_a_laptop():
    s = Settings(_env_file=None)
    assert s.DATABASE_URL == "sqlite+aiosqlite:///./tune_campaigns.db"
    assert (s.DB_POOL_SIZE, s.DB_MAX_OVERFLOW, s.DB_POOL_TIMEOUT) == (20, 10, 30)
    assert s.RATE_LIMIT == "600/minute" and s.RATE_LIMIT_STORAGE_URI == "memory://"
    assert s.ENV == "development" and not s.llm_configured
    assert (s.HOST, s.PORT, s.PUBLIC_BASE_URL) == ("127.0.0.1", 8000, "http://localhost:8000")


def test_production_rate_limit_default_is_tighter():
    s = Settings(
        _env_file=None,
        ENV="production",
        SECRET_KEY="q8Zr2mVx7LpT4nWc9KbY3dHf6JsA1eGu",
        ALLOWED_ORIGINS="https://app.example.com",
    )
    assert s.RATE_LIMIT == "100/minute"
    assert Settings(_env_file=None, RATE_LIMIT="5/second").RATE_LIMIT == "5/second"


def test_public_base_url_follows_host_and_port():
    assert Settings(_env_file=None, PORT=8777).PUBLIC_BASE_URL == "http://localhost:8777"
    assert Settings(_env_file=None, HOST="0.0.0.0", PORT=9000).PUBLIC_BASE_URL == "http://localhost:9000"  # noqa: S104
    assert Settings(_env_file=None, HOST="10.1.2.3").PUBLIC_BASE_URL == "http://10.1.2.3:8000"
    assert (
        Settings(_env_file=None, PORT=8777, PUBLIC_BASE_URL="https://t.example.com/").PUBLIC_BASE_URL
        == "https://t.example.com"
    )


def test_allowed_origins_is_a_comma_separated_list(monkeypatch):
    monkeypatch.setenv("ALLOWED_ORIGINS", "https://app.example.com, https://admin.example.com")
    assert Settings(_env_file=None).ALLOWED_ORIGINS == ["https://app.example.com", "https://admin.example.com"]


def test_production_refuses_placeholder_secret():
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(_env_file=None, ENV="production", ALLOWED_ORIGINS="https://app.example.com")


def test_production_refuses_wildcard_origin():
    with pytest.raises(ValidationError, match="ALLOWED_ORIGINS"):
        Settings(
            _env_file=None, ENV="production", SECRET_KEY="q8Zr2mVx7LpT4nWc9KbY3dHf6JsA1eGu", ALLOWED_ORIGINS="*"
        )


def test_production_starts_when_configured():
    s = Settings(
        _env_file=None,
        ENV="production",
        SECRET_KEY="q8Zr2mVx7LpT4nWc9KbY3dHf6JsA1eGu",
        ALLOWED_ORIGINS="https://a.example",
    )
    assert s.key_env == "live"


def test_bad_rate_limit_is_refused():
    with pytest.raises(ValidationError, match="RATE_LIMIT"):
        Settings(_env_file=None, RATE_LIMIT="lots")
