"""The quote gate (see the package docstring)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Words that may open a sentence with a capital without being a name.
_COMMON_WORDS = """
a about after again all also an and another any are around as at be because been before being both but by
can congrats congratulations could did do does during each even every few for from had has have having he
her here hers his how i if in into is it its just last lately many may more most much my new next no not now
of on once one only or other our out over per plans planning recent recently she since so some soon still
such than that the their them then there these they this those through to today under up upcoming us very
was we were what when where which while who why will with would yet you your yours
"""
_COMMON = frozenset(_COMMON_WORDS.split())
# Generic business acronyms: not names, not facts about anyone.
_GENERIC = frozenset({"crm", "b2b", "b2c", "roi", "ai", "kpi", "kpis", "saas", "ok"})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_][\w’'&.-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:;\n•\-–—(\"“]\s*$")


@dataclass(frozen=True)
class Verdict:
    """The gate's answer: `ok`, or why not; when ok, where the quote was found."""

    ok: bool
    reason: str | None = None
    field: str | None = None
    index: int | None = None  # position in a list field
    start: int = 0  # offsets of the quote in the (normalised) field value
    end: int = 0

    def __bool__(self) -> bool:
        return self.ok


def _norm(text: str) -> str:
    """Case-folded, NFKC, curly quotes straightened, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").replace("“", '"')
    return " ".join(text.replace("”", '"').split()).casefold()


def numbers_in(text: str) -> set[str]:
    """Every number in `text`, thousands separators dropped ("1,200" → "1200"; "37%" → "37")."""
    out = set()
    for m in _NUMBER.finditer(text):
        raw = m.group(0)
        out.add(raw.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", raw) else raw)
    return out


def _word_key(word: str) -> str:
    word = _norm(word).strip(".-&'")
    return word[:-2] if word.endswith("'s") else word


def names_in(text: str) -> list[str]:
    """Proper names (and acronyms) in `text`: capitalised words, except a common word that merely
    opens a sentence, a gerund/participle/adverb doing so, and generic business acronyms."""
    names = []
    for m in _WORD.finditer(text):
        word = m.group(0).rstrip(".-")
        if not word or not (word[0].isupper() or any(c.isupper() for c in word[1:])):
            continue
        key = _word_key(word)
        if key in _GENERIC:
            continue
        opens = not text[: m.start()].strip() or bool(_SENTENCE_END.search(text[: m.start()]))
        plain = len(word) == 1 or word[1:].islower()
        if opens and plain and (key in _COMMON or key.endswith(("ing", "ed", "ly"))):
            continue
        names.append(word)
    return list(dict.fromkeys(names))


def _words(text: str) -> set[str]:
    return {_word_key(w) for w in _WORD.findall(text)}


def _field_items(values: Mapping[str, Any], field: str) -> list[str] | None:
    value = values.get(field)
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def quote_gate(text: str, *, field: str, quote: str, values: Mapping[str, Any]) -> Verdict:
    """Keep the claim `text` only if `quote` is a verbatim part of `values[field]` and every number
    and proper name in `text` appears in `quote` (see the package docstring)."""
    items = _field_items(values, field)
    if items is None:
        return Verdict(False, f"the prospect has no {field!r}")
    q = _norm(quote)
    if len(q.replace(" ", "")) < 3:
        return Verdict(False, "the quote is empty or too short")
    found: tuple[int, int] | None = None
    for index, item in enumerate(items):
        start = _norm(item).find(q)
        if start >= 0:
            found = (index, start)
            break
    if found is None:
        return Verdict(False, f"the quote is not in {field!r}")
    missing_numbers = sorted(numbers_in(text) - numbers_in(quote))
    if missing_numbers:
        return Verdict(False, f"numbers not in the quote: {', '.join(missing_numbers)}")
    quoted = _words(quote)
    missing_names = [n for n in names_in(text) if _word_key(n) not in quoted]
    if missing_names:
        return Verdict(False, f"names not in the quote: {', '.join(missing_names)}")
    index, start = found
    return Verdict(
        True,
        None,
        field=field,
        index=index if len(items) > 1 or isinstance(values.get(field), list) else None,
        start=start,
        end=start + len(q),
    )


def prospect_values(data: Any) -> dict[str, Any]:
    """A prospect's fields as the gate reads them (a pydantic model or a plain mapping)."""
    if isinstance(data, Mapping):
        return dict(data)
    return data.model_dump(mode="json", exclude_none=True)


def gate_hooks(hooks: Iterable[Any], data: Any) -> tuple[list[Any], list[tuple[Any, str]]]:
    """Split hooks (objects with `text`, `source_field` and `quote`) into kept and (dropped, why)."""
    values = prospect_values(data)
    kept, dropped = [], []
    for hook in hooks:
        quote = getattr(hook, "quote", None)
        verdict = (
            quote_gate(hook.text, field=hook.source_field, quote=quote, values=values)
            if quote
            else Verdict(False, "no quote")
        )
        if verdict:
            kept.append(hook)
        else:
            dropped.append((hook, verdict.reason or ""))
    return kept, dropped


def trusted_facts(hooks: Iterable[Any], data: Any, rules_hooks: Sequence[str] = ()) -> list[str]:
    """The hook texts a writer may state as facts: the rules engine's own hooks (built by code from
    the prospect's fields) and hooks whose quote passes the gate now. A stored Claude hook without a
    quote (made before the gate) is never trusted."""
    rules = set(rules_hooks)
    kept, _ = gate_hooks([h for h in hooks if h.text not in rules], data)
    return [*(h.text for h in hooks if h.text in rules), *(h.text for h in kept)]
