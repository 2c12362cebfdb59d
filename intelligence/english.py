"""Correct English for generated explanations: articles, plurals, possessives and lists (via `inflect`).

No raw label goes into a sentence without passing through here: "an Ownership & Asset Management
persona" is written "the ownership & asset management persona"; "Summit Trail Outfitters's" is
"Summit Trail Outfitters'".
"""

from __future__ import annotations

from functools import lru_cache

import inflect

_ENGINE = inflect.engine()


@lru_cache(maxsize=4096)
def a(phrase: str) -> str:
    """The phrase with its indefinite article: "an e-commerce leader", "a VP", "an SVP"."""
    return _ENGINE.a(phrase)


@lru_cache(maxsize=4096)
def plural(noun_phrase: str, count: int = 2) -> str:
    """The phrase's head noun (last word) in the plural when `count` != 1."""
    if count == 1:
        return noun_phrase
    words = noun_phrase.split()
    if not words:
        return noun_phrase
    words[-1] = _ENGINE.plural_noun(words[-1]) or words[-1]
    return " ".join(words)


def count(n: int, noun: str) -> str:
    """ "1 signal", "3 signals", with thousands separators."""
    return f"{n:,} {plural(noun, n)}"


@lru_cache(maxsize=4096)
def possessive(name: str) -> str:
    """ "Red Mesa's", "Summit Trail Outfitters'", "Hartley & Co.'s"."""
    name = name.strip()
    if not name:
        return name
    if name.endswith(("s", "S")) and not name.endswith(("ss", "SS")) and len(name.split()[-1]) > 2:
        return name + "'"
    return name + "'s"


def join(items: list[str], conj: str = "and") -> str:
    """ "a", "a and b", "a, b and c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return _ENGINE.join(items, final_sep="", conj=conj)


def sentence(text: str) -> str:
    """Capitalised first letter, one final full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."


def lower_first(text: str) -> str:
    """ "Opening a tower" -> "opening a tower"; acronyms ("OTA", "Q2") and names kept."""
    if len(text) >= 2 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


__all__ = ["a", "count", "join", "lower_first", "plural", "possessive", "sentence"]
