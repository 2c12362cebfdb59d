"""Correct English for generated explanations: articles, plurals, possessives and lists (via `inflect`).

No raw label goes into a sentence without passing through here: "an Ownership & Asset Management
persona" is written "the ownership & asset management persona"; "Summit Trail Outfitters's" is
"Summit Trail Outfitters'".
"""

from __future__ import annotations

import re
from functools import lru_cache

import inflect

_ENGINE = inflect.engine()


# Lower-case vocabulary labels ("cpa firm", "b2b saas company") written with their proper case.
_CASED = {
    "cpa": "CPA",
    "dtc": "DTC",
    "d2c": "D2C",
    "b2b": "B2B",
    "b2c": "B2C",
    "saas": "SaaS",
    "ria": "RIA",
    "reit": "REIT",
    "crm": "CRM",
    "shopify": "Shopify",
    "it": "IT",
    "msp": "MSP",
    "ils": "ILS",
    "hr": "HR",
    "icp": "ICP",
    "sdr": "SDR",
    "sdrs": "SDRs",
    "ota": "OTA",
    "otas": "OTAs",
    "cnc": "CNC",
    "oem": "OEM",
}


_ACRONYMS = frozenset(v for v in _CASED.values() if (v.isupper() and v.isalpha()) or v in ("B2B", "B2C", "D2C"))


# a figure said with a vowel sound: eight..., eleven, eighteen (and eleven or eighteen thousand)
_VOWEL_SOUND_DIGIT = re.compile(r"^(?:8|(?:11|18)(?:,\d{3})?(?![\d,]))")


def number_word(n: int) -> str:
    """ "one" to "nine" in words, a larger number (or zero) as digits: "two of your five SDRs", "12 SDRs"."""
    return str(_ENGINE.number_to_words(str(n))) if 1 <= n <= 9 else str(n)


def number_article(quantity: str) -> str:
    """ "an 81% occupancy", "an 18% rate", "a 12% share", "an $18M Series B", "an 11,000-unit portfolio": the
    article as the number is said."""
    return "an" if _VOWEL_SOUND_DIGIT.match(quantity.lstrip("~$€£")) else "a"


@lru_cache(maxsize=4096)
def a(phrase: str) -> str:
    """The phrase with its indefinite article: "an e-commerce leader", "a VP", "an RIA", "an 18% target"."""
    first = phrase.split()[0] if phrase.split() else ""
    if first in _ACRONYMS:  # spelled letter by letter: the article follows the first letter's name
        return f"{'an' if first[0] in 'AEFHILMNORSX' else 'a'} {phrase}"
    if re.match(r"[~$€£]?\d", first):
        return f"{number_article(first)} {phrase}"  # inflect says "a 18%"
    return _ENGINE.a(phrase)


@lru_cache(maxsize=4096)
def plural(noun_phrase: str, count: int = 2) -> str:
    """The phrase's head noun (last word) in the plural when `count` != 1."""
    if count == 1:
        return noun_phrase
    words = noun_phrase.split()
    if not words:
        return noun_phrase
    last = words[-1]
    # an acronym takes a lower-case "s" ("BDRs"; inflect says "BDRS")
    words[-1] = f"{last}s" if last.isupper() and len(last) > 1 else (_ENGINE.plural_noun(last) or last)
    return " ".join(words)


def count(n: int, noun: str) -> str:
    """ "1 signal", "3 signals", with thousands separators."""
    return f"{n:,} {plural(noun, n)}"


@lru_cache(maxsize=4096)
def possessive(name: str) -> str:
    """ "Red Mesa's", "Summit Trail Outfitters'", "Hartley & Co.'s", "Calder & Moss'", "KitchenLink POS's", and a
    name already in the possessive as it is ("Nonna Rosa's", never "Nonna Rosa's'"). The one rule: the copy's three
    copies and this one disagreed on acronyms ("POS'") and names in "-ss"."""
    name = name.strip()
    if not name or name.endswith(("'s", "\u2019s")):
        return name
    return f"{name}'" if name.endswith("s") else f"{name}'s"


@lru_cache(maxsize=4096)
def label(text: str) -> str:
    """A lower-case vocabulary label as it is written in a sentence: "a CPA firm", "a B2B SaaS company",
    "an IT services firm" ("it" is cased only before "services", "consulting", "consultancy" or "firm")."""
    words = text.split()
    out = []
    for i, word in enumerate(words):
        cased = _CASED.get(word)
        if word == "it" and (
            i + 1 >= len(words)
            or words[i + 1] not in ("services", "consulting", "consultancy", "firm", "outsourcing", "department")
        ):
            cased = None
        if word == "plus" and i and words[i - 1] == "shopify":
            cased = "Plus"
        out.append(cased or word)
    return " ".join(out)


def join(items: list[str], conj: str = "and") -> str:
    """ "a", "a and b", "a, b and c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if not all(type(i) is str for i in items) or type(conj) is not str:
        return _ENGINE.join(items, final_sep="", conj=conj)  # its type checks answer for anything else
    # inflect's `join(items, final_sep="", conj=conj)` for strings, without its run-time type checks
    # (typeguard: most of its cost): "a and b", "a, b and c", ";" between items that hold a comma.
    spaced = f" {conj} " if conj else " "
    if len(items) == 2:
        return f"{items[0]}{spaced}{items[1]}"
    sep = "; " if "," in "".join(items) else ", "
    return f"{sep.join(items[:-1])}{spaced}{items[-1]}"


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


__all__ = ["a", "count", "join", "label", "lower_first", "plural", "possessive", "sentence"]
