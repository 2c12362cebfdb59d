"""A literal prefilter for the rules engine's long alternations (issue 14).

Python's `re` tries every alternative of a pattern like the distress evidence (`liquidat\\w*|...|fire sale`,
~50 branches) at every position of the text: ~13-18 us for a 100-character company text that holds
none of them, which is what most texts are. `required_literals` reads the pattern's parse tree for a set
of plain strings of which any match must contain at least one (one per branch: "liquidat", "winding
down", ...); `prefiltered` answers "no match" at once when none of them is in the text (a few `in`
tests, ~1-2 us) and otherwise runs the pattern itself on the whole text, so every answer, match object
and position is the pattern's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as C  # type: ignore[attr-defined]  # the parser's opcodes
from re import _parser as P  # type: ignore[attr-defined]  # the standard library's own pattern parser
from typing import Any, cast

MIN_LITERAL = 3  # a shorter required literal is in too many texts to save anything

_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}  # consume nothing: the characters around them stay adjacent


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective candidate: the longest shortest literal, then the fewest literals."""
    usable = [c for c in candidates if c and min(map(len, c)) >= 1]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(map(len, c)), -len(c)))


def _required(items: Any) -> frozenset[str] | None:
    """A set of strings one of which is in every match of the parsed sequence `items` (None: none known)."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            candidates.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:
            continue
        close()
        if op is C.BRANCH:
            alternatives = [_required(alt) for alt in av[1]]
            if all(a is not None for a in alternatives):
                candidates.append(frozenset().union(*cast(list[frozenset[str]], alternatives)))
        elif op is C.SUBPATTERN:
            _group, add_flags, _del_flags, inner = av
            if add_flags & (re.IGNORECASE | re.LOCALE):
                return None  # case folded inside: its literals are not plain
            found = _required(inner)
            if found is not None:
                candidates.append(found)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            low, _high, inner = av
            if low >= 1:
                found = _required(inner)
                if found is not None:
                    candidates.append(found)
        elif op is getattr(C, "ATOMIC_GROUP", None):
            found = _required(av)
            if found is not None:
                candidates.append(found)
        # anything else (a class, any character, a back reference, a conditional) consumes what it
        # consumes: it ends the run and requires nothing we can name
    close()
    return _best(candidates)


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of `pattern` contains (each at least `MIN_LITERAL` long, none
    containing another), or None when the pattern has no such set (or folds case)."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.IGNORECASE | re.LOCALE):
        return None
    found = _required(P.parse(pattern.pattern, pattern.flags))
    if found is None or min(map(len, found)) < MIN_LITERAL:
        return None
    # "wind down" makes "winding down" redundant only if it is inside it; keep the minimal ones
    minimal = [s for s in found if not any(o != s and o in s for o in found)]
    return tuple(sorted(minimal, key=lambda s: (len(s), s)))


class Prefiltered:
    """A compiled pattern that skips the regex engine when none of its required literals is in the
    text. `search`, `match`, `fullmatch`, `finditer`, `findall` and `sub` answer exactly as the pattern
    does; everything else is the pattern's own attribute."""

    __slots__ = ("_literals", "_pattern")

    def __init__(self, pattern: re.Pattern[str], literals: tuple[str, ...]) -> None:
        self._pattern = pattern
        self._literals = literals

    def _absent(self, text: str) -> bool:
        # a plain loop: `all(... for ...)` costs a generator, ~40% more here (measured)
        for literal in self._literals:  # noqa: SIM110
            if literal in text:
                return False
        return True

    def search(self, text: str, *args: Any, **kwargs: Any) -> re.Match[str] | None:
        if not args and not kwargs and self._absent(text):
            return None
        return self._pattern.search(text, *args, **kwargs)

    def match(self, text: str, *args: Any, **kwargs: Any) -> re.Match[str] | None:
        if not args and not kwargs and self._absent(text):
            return None
        return self._pattern.match(text, *args, **kwargs)

    def fullmatch(self, text: str, *args: Any, **kwargs: Any) -> re.Match[str] | None:
        if not args and not kwargs and self._absent(text):
            return None
        return self._pattern.fullmatch(text, *args, **kwargs)

    def finditer(self, text: str, *args: Any, **kwargs: Any) -> Iterator[re.Match[str]]:
        if not args and not kwargs and self._absent(text):
            return iter(())
        return self._pattern.finditer(text, *args, **kwargs)

    def findall(self, text: str, *args: Any, **kwargs: Any) -> list[Any]:
        if not args and not kwargs and self._absent(text):
            return []
        return self._pattern.findall(text, *args, **kwargs)

    def sub(self, repl: Any, text: str, *args: Any, **kwargs: Any) -> str:
        if not args and not kwargs and self._absent(text):
            return text
        return self._pattern.sub(repl, text, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)

    def __eq__(self, other: object) -> bool:  # as patterns compare: by source and flags
        return self._pattern == (other._pattern if isinstance(other, Prefiltered) else other)

    def __hash__(self) -> int:
        return hash(self._pattern)

    def __repr__(self) -> str:
        return f"prefiltered({self._pattern!r})"


def prefiltered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` behind its literal prefilter, or the pattern itself when it has none. Typed as a pattern:
    it answers the calls above as the pattern does."""
    literals = required_literals(pattern)
    if literals is None:
        return pattern
    return cast("re.Pattern[str]", Prefiltered(pattern, literals))


__all__ = ["Prefiltered", "prefiltered", "required_literals"]
