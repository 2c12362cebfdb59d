"""Small text helpers shared by the agent builder and the rules scorer.

Titles and industry names arrive in every shape ("VP of Marketing", "Vice-President, Marketing",
"Casino/Gaming"), so everything is compared as lists of normalised tokens rather than raw strings.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from core.text import _tokens, stem, tokens

Seniority = Literal["c_level", "vp", "director", "manager", "individual"]

# Words that carry no meaning when matching titles ("VP of Marketing" == "vp marketing").
_TITLE_FILLER = frozenset({"of", "the", "and", "for", "at", "in", "to", "a", "an"})

# Multi-word spellings folded into one token so that "vice president" matches the keyword "vp".
_TITLE_PHRASES: tuple[tuple[str, str], ...] = (
    ("senior vice president", "svp"),
    ("executive vice president", "evp"),
    ("vice president", "vp"),
    ("chief executive officer", "ceo"),
    ("chief operating officer", "coo"),
    ("chief financial officer", "cfo"),
    ("chief marketing officer", "cmo"),
    ("chief technology officer", "cto"),
    ("chief revenue officer", "cro"),
    ("chief information officer", "cio"),
    ("chief medical officer", "cmo_medical"),
    ("managing director", "managing_director"),
    ("general manager", "general_manager"),
    ("head of", "head"),
)

# Ordered most senior first: the first rule that matches wins.
_SENIORITY_TOKENS: tuple[tuple[Seniority, frozenset[str]], ...] = (
    (
        "c_level",
        frozenset(
            {
                "ceo",
                "coo",
                "cfo",
                "cmo",
                "cto",
                "cro",
                "cio",
                "ciso",
                "cpo",
                "cco",
                "cmo_medical",
                "chief",
                "founder",
                "cofounder",
                "owner",
                "president",
                "partner",
                "principal",
                "managing_director",
                "general_manager",
                "gm",
                "proprietor",
                "chairman",
            }
        ),
    ),
    ("vp", frozenset({"vp", "svp", "evp", "avp", "head", "vicepresident"})),
    ("director", frozenset({"director", "administrator"})),
    ("manager", frozenset({"manager", "lead", "supervisor", "superintendent", "controller"})),
)

# Seniority words that downgrade a match: an "assistant director" is not a director.
_JUNIOR_PREFIXES = frozenset({"assistant", "associate", "deputy", "junior", "jr"})


_CO_FOUNDER = re.compile(r"\bco founder\b")
_PHRASE_PATTERNS = [(re.compile(rf"\b{phrase}\b"), token) for phrase, token in _TITLE_PHRASES]


@lru_cache(maxsize=8192)
def _normalize_title(title: str) -> tuple[str, ...]:
    text = " ".join(_tokens(title))
    # "co-founder" tokenises to "co founder"; fold it back so it reads as one seniority word.
    text = _CO_FOUNDER.sub("cofounder", text)
    for pattern, token in _PHRASE_PATTERNS:
        text = pattern.sub(token, text)
    return tuple(t for t in text.split() if t not in _TITLE_FILLER)


def normalize_title(title: str | None) -> list[str]:
    """Tokens of a job title with filler words dropped and common phrases folded."""
    return list(_normalize_title(title)) if title else []


def title_matches(title: str | None, keyword: str) -> bool:
    """True when every token of a persona title keyword appears in the title."""
    if not title:
        return False
    have = _normalize_title(title)
    want = _normalize_title(keyword)
    return bool(want) and all(t in have for t in want)


def title_seniority(title: str | None) -> Seniority | None:
    """Seniority level read from a job title, or None when there is no title."""
    words = normalize_title(title)
    if not words:
        return None
    junior = any(w in _JUNIOR_PREFIXES for w in words)
    for level, markers in _SENIORITY_TOKENS:
        if any(w in markers for w in words):
            if junior:
                # One step down: an assistant director manages, an associate partner is a director.
                order: list[Seniority] = ["c_level", "vp", "director", "manager", "individual"]
                return order[min(order.index(level) + 1, len(order) - 1)]
            return level
    return "individual"


def slugify(text: str, max_len: int = 60) -> str:
    """A URL/database-safe slug: lower-case `[a-z0-9_]`, at most `max_len` characters."""
    slug = "_".join(tokens(text))[:max_len].strip("_")
    return slug or "general"


@lru_cache(maxsize=8192)
def _stems(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(stem(t) for t in words)


def contains_phrase(haystack_tokens: list[str], phrase: str) -> bool:
    """True when the tokens of `phrase` occur contiguously in `haystack_tokens` (plurals folded)."""
    needle = _stems(_tokens(phrase)) if phrase else ()
    if not needle:
        return False
    hay = _stems(tuple(haystack_tokens))
    n = len(needle)
    if n == 1:
        return needle[0] in hay
    return any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))
