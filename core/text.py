"""The one tokenizer, plural folding and stop-word list: every feature compares words through these.

Two copies used to disagree: one kept "Café" as "caf" and "&" as nothing, the other folded accents
and read "&" as "and"; one folded "saas" to "saa". These are the folding rules (tests/test_text.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["ABBREVIATIONS", "STOPWORDS", "TOPIC_STOPS", "lower_sentences", "stem", "tokens"]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# an enrichment tool's date stamp before a signal ("2026-09-18 · Launched ..."): never part of what is said
# a month as dates are written in records ("Nov", "Sept.", "October")
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# a weekday as notes abbreviate it ("f/u Tue", "refs by Mon") -> its name, keyed by its first three letters
WEEKDAY = {
    d[:3].lower(): d for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
}
DATE_STAMP = re.compile(
    # "2026-09-18 · Press: ...", and as other tools write it: "Nov 2026: ...", "Oct 22, 2026 - ..."
    r"^\s*(?:\d{4}-\d{2}-\d{2}|"
    rf"{MONTH} (?:\d{{1,2}}, )?\d{{4}}(?=\s*[·•|:–-]))"
    r"\s*(?:[·•|:–-]\s*)?"
)

# the same stamp written after the fact: "Opened Denver office — Oct 2026", "... — posted 11/03/2026", and a
# numeric one with or without the dash: "... in Monterrey - 2026-07", "Launched tier 'Kindred Club' 09-2026",
# "Launched in Sephora Canada 09/2025", and a month after a comma: "Announced slot floor expansion, Mar 2025"
DATE_TAIL = re.compile(
    rf"\s+[—–·|-]\s+(?:posted\s+)?(?:{MONTH} (?:\d{{1,2}}, )?\d{{4}}|"
    r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})\s*$"
    r"|\s+(?:[—–·|-]\s+)?(?:posted\s+)?(?:\d{4}-\d{2}(?:-\d{2})?|\d{2}-\d{4}|\d{1,2}/\d{4}|\d{4}/\d{2}/\d{2}|\d{4}\.\d{2})\s*$"
    rf"|,\s+{MONTH} \d{{4}}\s*$"
)

# Words too common to say two texts are about the same thing. A feature that needs more adds its own
# on top (`STOPWORDS | {...}`), never a second general list.
STOPWORDS = frozenset(
    {
        "a", "about", "above", "after", "again", "all", "also", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
        "did", "do", "does", "doing", "down", "during", "each", "every", "few", "for", "from", "further",
        "get", "gets", "got", "had", "has", "have", "having", "her", "here", "his", "how", "if", "in",
        "into", "is", "it", "its", "just", "like", "more", "most", "much", "must", "my", "new", "no", "nor",
        "not", "now", "of", "off", "often", "on", "once", "only", "or", "other", "our", "out", "over",
        "own", "per", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them",
        "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
        "us", "very", "via", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
        "why", "will", "with", "within", "would", "you", "your", "yours"
    }
)  # fmt: skip

# Words a subject-sized topic ends before ("300-room hotel tower in spring" -> "300-room hotel tower",
# "$30M Series B led by Accel" -> "$30M Series B"): prepositions, linking words and "led". The copy
# writer's one list (copywriter.context and copywriter.planner both cut topics with it).
TOPIC_STOPS = frozenset(
    {
        "about", "across", "after", "against", "and", "around", "as", "at", "before", "by", "during", "for",
        "from", "in", "into", "led", "near", "next", "of", "off", "on", "onto", "over", "per", "than",
        "that", "this", "through", "to", "toward", "towards", "under", "via", "which", "while", "with",
        "within",
    }
)  # fmt: skip


# Scoring a batch re-reads the same titles and keywords thousands of times; the cache makes the rules
# engine cheap enough to score a large CSV inline. A tuple, so callers cannot mutate a cached result.
@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    # Fold accents so "Café" matches "cafe" instead of losing the letter; "&" reads as "and".
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return tuple(t for t in _NON_ALNUM.split(ascii_text.lower().replace("&", " and ")) if t)


def tokens(text: str | None) -> list[str]:
    """Lower-case alphanumeric tokens of `text`, accents folded (empty list for None)."""
    return list(_tokens(text)) if text else []


def stem(token: str) -> str:
    """Crude plural folding ("towers" -> "tower", "clinics" -> "clinic"; "saas", "status" kept)."""
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is", "aas")):
        return token[:-1]
    return token


# a rep's next sentence in lower case ("... top 500. compliance ok as long as ..."), never after an abbreviation's
# own period ("approx. 40", "e.g. the", "incl. the", "env. 25 000", "Okt. 2026")
_LOWER_SENTENCE = re.compile(r"(?<=[\w)%'\"’])\.\s+(?=[a-zäöüéèàçñ])")
ABBREVIATIONS = frozenset(
    """approx incl excl vs est etc eg ie mo mos yr yrs wk wks no nos st ave dept mgr sr jr avg min max ft sq pc co
    inc corp ltd dr mr ms mrs prof pres assn intl govt fig cf ca dir vp env aprox mio mrd bzw inkl ggf evtl nr tel
    sra dra llc bros""".split()  # noqa: SIM905
)


def lower_sentences(text: str) -> list[str]:
    """`text` cut where a rep starts a sentence in lower case after a full stop ("... top 500. compliance ok ...");
    "~$8k/mo. wants proposal": a rate's unit ends its sentence ("approx. 40", "6 mo. ago" do not). Both the English
    and the foreign reader cut notes here."""
    out: list[str] = []
    start = 0
    for m in _LOWER_SENTENCE.finditer(text):
        word = re.search(r"(/?)([\w.]+)$", text[start : m.start()])
        if (
            word
            and not word.group(1)
            and (word.group(2).lower() in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word.group(2), re.I))
        ):
            continue
        out.append(text[start : m.start() + 1])
        start = m.end()
    out.append(text[start:])
    return out
