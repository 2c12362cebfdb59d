"""Small, dependency-free text helpers shared by the generators and the quality checker.

Everything here is deterministic: variant choice hashes with SHA-256 rather than Python's `hash()`,
which is salted per process and would give the same prospect a different email after a restart.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

from core.text import STOPWORDS, stem, tokens

T = TypeVar("T")

_WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*")


def stable_int(*parts: object) -> int:
    """A process-independent 64-bit integer for `parts` (SHA-256 based)."""
    return _digest_int("\x1f".join(str(p) for p in parts))


@lru_cache(maxsize=16384)
def _digest_int(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def pick(options: Sequence[T], *salt: object) -> T:
    """One of `options`, chosen by a stable hash of `salt` (the same salt always picks the same one)."""
    if not options:
        raise ValueError("pick() needs at least one option")
    return options[stable_int(*salt) % len(options)]


def stable_order(options: Sequence[T], *salt: object) -> list[T]:
    """`options` in a stable pseudo-random order that depends only on `salt`."""
    return [opt for _, opt in sorted(enumerate(options), key=lambda p: stable_int(*salt, p[0]))]


def content_tokens(text: str | None) -> frozenset[str]:
    """Stemmed tokens of `text` that carry meaning (no stopwords, no one- or two-letter words)."""
    return _content_tokens(text) if text else frozenset()


@lru_cache(maxsize=16384)
def _content_tokens(text: str) -> frozenset[str]:
    return frozenset(stem(t) for t in tokens(text) if len(t) > 2 and t not in STOPWORDS)


def overlap(a: str | None, b: str | None) -> int:
    """How many meaningful words two texts share."""
    return len(content_tokens(a) & content_tokens(b))


def words(text: str) -> list[str]:
    """Whitespace-separated words, the unit every word budget in this package counts."""
    return text.split()


def word_count(text: str) -> int:
    """Number of whitespace-separated words in `text`."""
    return len(text.split())


def strip_end(text: str) -> str:
    """`text` without surrounding whitespace and trailing sentence punctuation."""
    return text.strip().rstrip(" .;:!,…").strip()


def sentence(text: str) -> str:
    """`text` ending in exactly one sentence terminator."""
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{strip_end(text)}."


def _is_plain_capitalised(word: str) -> bool:
    # "Opening", "No-shows", "A" yes; "ADT", "RevPAR", "iGaming", "F&B", "I" no: those keep their case.
    letters = word.rstrip(",.;:").replace("-", "").replace("'", "").replace("/", "")
    if letters == "A":
        return True
    return len(letters) > 1 and letters[0].isupper() and letters[1:].isalpha() and letters[1:].islower()


def lc_first(text: str, keep: Iterable[str] = ()) -> str:
    """`text` as it reads mid-sentence: the first word lower-cased when it is an ordinary word.

    The first word keeps its case when it is an acronym, when the next word is an ordinary
    capitalised word too (a name such as "Silver Peak opened…"; "Shorten CAC…" still lowers), or when
    the text starts with one of the `keep` names (the prospect's company, city…).
    """
    lowered = _lowered_first(text)
    if lowered is None:
        return text
    if keep:
        low = text.lower()
        if any(name and low.startswith(name.lower()) for name in keep):
            return text
    return lowered


@lru_cache(maxsize=16384)
def _lowered_first(text: str) -> str | None:
    """`text` with its first word lower-cased, or None when the text alone says it keeps its case (remembered by
    text: the same profile facts are said mid-sentence in every message)."""
    parts = text.split(" ", 2)
    first = parts[0]
    if not _is_plain_capitalised(first):
        return None
    if len(parts) > 1 and _is_plain_capitalised(parts[1]) and parts[1] != "A":
        return None
    if len(parts) > 1 and parts[1] in SITE_NOUNS and first.lower() not in _SITE_MODIFIERS:
        return None  # "Salford scheme occupancy", "Denver clinic": a place's name before its site
    return first[0].lower() + text[1:]


# a site named by its place ("Salford scheme", "Riverside tower"), unless the word before is an ordinary modifier
SITE_NOUNS = frozenset(
    [
        "scheme",
        "schemes",
        "building",
        "buildings",
        "property",
        "site",
        "plant",
        "office",
        "clinic",
        "practice",
        "store",
        "hotel",
        "campus",
        "tower",
        "location",
        "branch",
        "facility",
        "community",
        "project",
        "mill",
        "warehouse",
        "portfolio",
        "market",
        "restaurant",
    ]
)
_SITE_MODIFIERS = frozenset(
    [
        "new",
        "main",
        "old",
        "first",
        "second",
        "third",
        "flagship",
        "downtown",
        "north",
        "south",
        "east",
        "west",
        "central",
        "existing",
        "current",
        "largest",
        "biggest",
        "busiest",
        "older",
        "newer",
        "other",
        "each",
        "every",
        "one",
        "two",
        "three",
        "four",
        "five",
        "our",
        "their",
        "its",
        "the",
        "a",
        "an",
        "this",
        "that",
        "corporate",
        "head",
        "home",
        "regional",
        "local",
        "pilot",
        "office",
        "retail",
        "industrial",
        "medical",
        "apartment",
        "residential",
        "commercial",
        "mixed-use",
        "hotel",
        "student",
        "senior",
        "affordable",
        "luxury",
        "manufacturing",
        "production",
        "distribution",
        "dental",
    ]
)


def cap_first(text: str) -> str:
    """`text` with its first character upper-cased (the rest untouched)."""
    return text[:1].upper() + text[1:]


def lc_words(text: str) -> str:
    """Every ordinary capitalised word lower-cased: "Casino Marketing Leader" -> "casino marketing leader"."""
    return " ".join(w[0].lower() + w[1:] if _is_plain_capitalised(w) else w for w in text.split())


def plural(phrase: str) -> str:
    """A naive English plural of the last word of `phrase` ("tribal casino" -> "tribal casinos")."""
    head, _, last = phrase.rpartition(" ")
    low = last.lower()
    if not last or low.endswith("s"):
        new = last
    elif low.endswith("ing"):  # an activity, not a thing: "pet grooming" -> "pet grooming companies"
        new = f"{last} companies"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        new = last[:-1] + "ies"
    elif low.endswith(("x", "ch", "sh", "z")):
        new = last + "es"
    else:
        new = last + "s"
    return f"{head} {new}" if head else new


def first_clause(text: str, max_words: int) -> str:
    """A long fact cut to its first clause, then to `max_words` words, at a word boundary."""
    text = strip_end(text)
    if word_count(text) <= max_words:
        return text
    clause = re.split(r"\s*[;:(—–]\s*|\s+-\s+|,\s+", text, maxsplit=1)[0]
    if 3 <= word_count(clause) <= max_words:
        return strip_end(clause)
    return strip_end(" ".join(words(text)[:max_words]))


def trim_chars(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, at a sentence end when one is close, else a word end."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s|$)", head)]
    if ends and ends[-1] >= limit * 0.6:
        return head[: ends[-1]].rstrip()
    cut = head[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    cut = cut.rstrip(" ,;:—–-")
    return f"{cut}." if len(cut) < limit else cut


def paragraphs(*parts: str | None) -> str:
    """Non-empty parts joined as paragraphs (blank line between)."""
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


_VOWEL_GROUP = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=16384)
def syllables(word: str) -> int:
    """Estimated syllables of one English word (vowel groups, silent final e, at least one)."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    count = len(_VOWEL_GROUP.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")):
        count -= 1
    if w.endswith(("ed", "es")) and not w.endswith(("ted", "ded", "ses", "zes", "ces", "ges", "xes")):
        count -= 1
    return max(1, count)


def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease (higher is easier; 60-70 is plain English), from a heuristic syllable count.

    Written here rather than taken from `textstat`: textstat 0.7.13 downloads NLTK's CMU dictionary
    over the network on first use, which an offline engine cannot do.
    """
    # Counted line by line (a line break ends a sentence anyway), each line remembered: greetings, sign-offs and
    # stock paragraphs come back in every message.
    n_words = n_sentences = n_syllables = 0
    for line in text.split("\n"):
        if line:
            w, sent, syl = _reading_counts(line)
            n_words += w
            n_sentences += sent
            n_syllables += syl
    if not n_words:
        return 0.0
    n_sentences = max(1, n_sentences)
    score = 206.835 - 1.015 * (n_words / n_sentences) - 84.6 * (n_syllables / n_words)
    return round(score, 1)


@lru_cache(maxsize=16384)
def _reading_counts(line: str) -> tuple[int, int, int]:
    """Words, sentences and syllables of one line (no line break in it)."""
    found = _WORD_RE.findall(line)
    # A greeting or signature line is its own "sentence" even without a full stop.
    segments = re.split(r"[.!?]+(?=\s|$)", line)
    return len(found), sum(1 for seg in segments if _WORD_RE.search(seg)), sum(syllables(w) for w in found)


_US_READERS = re.compile(r"\b(?:United States|USA|U\.S\.A?\.?|Canada)\s*$", re.IGNORECASE)
_US_SPELLING = (
    (re.compile(r"\bprogramme(s?)\b"), r"program\1"),
    (re.compile(r"\bProgramme(s?)\b"), r"Program\1"),
    (re.compile(r"\bto let\b"), "to lease"),
    (re.compile(r"\b([Ff]avo)u(rite|r)"), r"\1\2"),
    (re.compile(r"\b([Cc]ance)ll(ed|ing)\b"), r"\1l\2"),
    (re.compile(r"\b(organi|optimi|prioriti|speciali|personali|recogni)s(e|es|ed|ing|ation)\b"), r"\1z\2"),
)


def localise(text: str, location: str | None) -> str:
    """British spellings and idioms of the writer's tables said the North American way to a US or Canadian
    reader ("programmes" -> "programs", "units to let" -> "units to lease"); other readers get the text as is."""
    if not location or not _US_READERS.search(location.strip()):
        return text
    for pattern, repl in _US_SPELLING:
        text = pattern.sub(repl, text)
    return text
