"""`.env.example` lists every setting, and its defaults are the code's defaults."""

from pathlib import Path

from settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def _example() -> dict[str, str]:
    lines = (ROOT / ".env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_env_example_lists_every_setting_with_its_default():
    example = _example()
    assert set(example) == set(Settings.model_fields)
    from_example = Settings(_env_file=ROOT / ".env.example")
    assert from_example.model_dump() == Settings(_env_file=None).model_dump()


def test_the_settings_page_documents_every_setting():
    page = (ROOT / "docs" / "settings.md").read_text()
    missing = [name for name in Settings.model_fields if f"`{name}`" not in page]
    assert missing == []
