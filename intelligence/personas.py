"""Persona scope (functions x levels x decision role) and the persona's language forms.

A built-in persona declares its functions, levels, role and its singular/plural/short forms; a
persona that does not (an older stored profile, a persona the builder made from a target title)
gets them derived here from its title keywords, seniority and name, so every persona can be matched
by function x level and named correctly in a sentence.
"""

from __future__ import annotations

from functools import lru_cache
from typing import get_args

import inflect

from intelligence.facts import LEVEL_ORDER, Function, Level, Role
from intelligence.titles import _FUNCTION_WORDS, expanded_words, parse_title
from schemas import Persona

_ENGINE = inflect.engine()
_LADDER: dict[str, tuple[Level, ...]] = {
    "c_level": ("c_level",),
    "vp": ("c_level", "vp"),
    "director": ("vp", "director"),
    "manager": ("director", "manager"),
    "individual": ("manager", "individual"),
}
# Words that stay capitalised in a persona label ("CEO", "SaaS", "MSO/DSO", "E-commerce" lower-cases).
_KEEP = frozenset({"CEO", "COO", "CFO", "CMO", "CRO", "CTO", "MSO", "DSO", "SaaS", "IT", "HR", "F&B", "RevOps"})


@lru_cache(maxsize=1024)
def _scope(
    titles: tuple[str, ...], seniority: str, functions: tuple[str, ...], levels: tuple[str, ...]
) -> tuple[tuple[Function, ...], tuple[Level, ...]]:
    fns: list[Function] = list(functions)  # type: ignore[arg-type]
    lvls: list[Level] = list(levels)  # type: ignore[arg-type]
    if not fns:
        for keyword in titles:
            reading = parse_title(keyword)
            if reading is None:
                continue
            if not any(w in _FUNCTION_WORDS for w in expanded_words(keyword)) and reading.level != "c_level":
                # A bare level ("vp", "director", "manager"): the persona covers every function.
                fns = list(get_args(Function))
                break
            for f in reading.functions:
                if f not in fns and f != "other":
                    fns.append(f)
        if not fns:
            fns = ["executive"] if seniority == "c_level" else ["other"]
    if not lvls:
        lvls = list(_LADDER.get(seniority, ("manager",)))
    lvls.sort(key=LEVEL_ORDER.index)
    return tuple(fns), tuple(lvls)


def persona_scope(persona: Persona) -> tuple[tuple[Function, ...], tuple[Level, ...]]:
    """(functions, levels) the persona covers: declared, else derived from its titles and seniority."""
    return _scope(tuple(persona.titles), persona.seniority, tuple(persona.functions), tuple(persona.levels))


def persona_role(persona: Persona) -> Role:
    """The persona's own decision role: declared, else signer for decision makers, else influencer."""
    if persona.role:
        return persona.role
    return "signer" if persona.is_decision_maker else "influencer"


def _label_from_name(name: str) -> str:
    # "Casino Marketing Leader" -> "casino marketing leader"; "Founder / CEO" -> "founder or CEO".
    name = name.split("(")[0].strip()
    words = []
    for word in name.replace(" / ", " or ").replace("/", " or ").split():
        words.append(word if word in _KEEP or (word.isupper() and len(word) > 1) else word.lower())
    return " ".join(words)


def label(persona: Persona) -> str:
    """Singular form for a sentence: "casino marketing leader"."""
    return persona.label or _label_from_name(persona.name)


def plural(persona: Persona) -> str:
    """Plural form: "casino marketing leaders" (inflect pluralises the head noun)."""
    if persona.plural:
        return persona.plural
    singular = label(persona)
    head, _, rest = singular.partition(" or ")
    words = head.split()
    if not words:
        return singular
    words[-1] = _ENGINE.plural_noun(words[-1]) or words[-1]
    text = " ".join(words)
    if rest:
        tail = rest.split()
        tail[-1] = _ENGINE.plural_noun(tail[-1]) or tail[-1]
        text += " or " + " ".join(tail)
    return text


def short(persona: Persona) -> str:
    """Short form naming the function: "marketing"."""
    if persona.short:
        return persona.short
    functions, _ = persona_scope(persona)
    first = functions[0] if functions else "other"
    return {
        "executive": "leadership",
        "other": label(persona),
        "it": "IT",
        "hr": "people",
        "customer_success": "customer success",
        "revenue_management": "revenue management",
    }.get(first, first)


def with_an(phrase: str) -> str:
    """The phrase with its indefinite article: "an e-commerce leader", "a casino host"."""
    return _ENGINE.a(phrase)


__all__ = ["label", "persona_role", "persona_scope", "plural", "short", "with_an"]
