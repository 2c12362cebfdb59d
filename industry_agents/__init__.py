"""Industry agents: built-in industry knowledge, the rules engine's agent builder, agent versions in
the database, and their routes.

`BUILTIN` holds one hand-written `AgentProfile` per industry; `resolve_slug` maps what users type to
those slugs; `build_profile_rules` builds the profile an agent starts from (built-in, or generic and
adapted from a description). `knowledge`, `builder`, `bounds`, `resolve` and `text` are pure Python;
`service` stores agent versions (database, optionally Claude) and `router` serves /api/agents.

May import: `core`, `models`, `schemas`, `settings`, `database_async`, `llm`, `perf`.
"""

from __future__ import annotations

from industry_agents.builder import build_profile_rules, description_keywords, generic_profile
from industry_agents.knowledge import BUILTIN
from industry_agents.resolve import ALIASES, normalize_industry, resolve_slug
from industry_agents.text import (
    Seniority,
    contains_phrase,
    normalize_title,
    slugify,
    title_matches,
    title_seniority,
    tokens,
)
from schemas import AgentProfile

__all__ = [
    "ALIASES",
    "BUILTIN",
    "Seniority",
    "build_profile_rules",
    "contains_phrase",
    "description_keywords",
    "generic_profile",
    "get_builtin",
    "list_builtin",
    "normalize_industry",
    "normalize_title",
    "resolve_slug",
    "slugify",
    "title_matches",
    "title_seniority",
    "tokens",
]


def get_builtin(slug: str) -> AgentProfile | None:
    """A deep copy of the built-in profile for `slug` (aliases accepted), or None if there is none."""
    profile = BUILTIN.get(slug) or BUILTIN.get(resolve_slug(slug))
    return profile.model_copy(deep=True) if profile is not None else None


def list_builtin() -> list[tuple[str, str]]:
    """(slug, display name) for every built-in industry, in definition order."""
    return [(slug, profile.name) for slug, profile in BUILTIN.items()]
