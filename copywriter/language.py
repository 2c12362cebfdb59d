"""The language a prospect's record is written in, and what the rules engine does about it.

The rules engine writes English only: its sentences come from English templates and an English grammar
library, and a French or German email built the same way would read as machine-made. So for a record in
another language (its signals or notes written in it, or a title in it from a region that speaks it: a
"Directrice marketing" in Quebec, a "Werksleiter" in Germany) it keeps the email in English, never pastes a
non-English fragment into an English sentence (`copywriter.angles.FOREIGN` keeps such facts out), and flags
every step with a soft `language` issue naming the language, so a user confirms the prospect reads English
or has the message written by someone fluent before it is sent. A practitioner would do the same: not send
English blind to a German plant manager, and not send broken German either.
"""

from __future__ import annotations

import re

from copywriter.models import QualityIssue, QualityReport
from intelligence.titles import parse_title
from schemas import ProspectData

NAMES = {"fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "nl": "Dutch"}

# Short function words and record vocabulary that tell one language from another in a signal or a note.
_WORDS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "des",
            "du",
            "une",
            "et",
            "pour",
            "avec",
            "dans",
            "sur",
            "au",
            "aux",
            "prévue",
            "prévu",
            "recrute",
            "lancement",
            "ouverture",
            "nouveau",
            "nouvelle",
            "levée",
            "fonds",
            "programme",
            "fidélité",
            "relance",
            "chiffre",
            "affaires",
            "depuis",
            "pas",
            "leur",
            "propre",
            "font",
            "équipe",
            "commerciaux",
            "refonte",
            "membres",
            "inactifs",
            "mois",
            "environ",
            "épargne",
            "compte",
            "chambres",
            "conclue",
            "hôtelière",
        ]
    ),
    "de": frozenset(
        [
            "nach",
            "aller",
            "zimmer",
            "wiedereröffnung",
            "renovierung",
            "standorte",
            "büro",
            "kein",
            "keine",
            "noch",
            "eröffnung",
            "der",
            "die",
            "das",
            "und",
            "mit",
            "für",
            "im",
            "ein",
            "eine",
            "einer",
            "neue",
            "neues",
            "neuer",
            "nimmt",
            "sucht",
            "eröffnet",
            "werk",
            "inbetriebnahme",
            "einer",
            "neuen",
            "seit",
            "über",
            "produktion",
            "liefert",
            "buchungen",
            "großteil",
            "läuft",
            "einführung",
            "flügel",
            "betrieb",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "los",
            "las",
            "del",
            "y",
            "para",
            "con",
            "nuevo",
            "nueva",
            "apertura",
            "lanzamiento",
            "segundo",
            "septiembre",
            "clínicas",
            "tras",
            "reapertura",
            "doce",
            "nueve",
            "abre",
            "desde",
            "sobre",
            "una",
            "línea",
            "arranca",
            "exige",
            "cliente",
            "planes",
            "sin",
            "abrir",
            "prensas",
        ]
    ),
    "it": frozenset(
        ["il", "lo", "gli", "di", "del", "della", "e", "per", "con", "nuovo", "nuova", "apre", "una", "dal"]
    ),
    "pt": frozenset(["o", "os", "do", "da", "e", "para", "com", "novo", "nova", "abre", "uma", "desde"]),
    "nl": frozenset(
        [
            "het",
            "een",
            "en",
            "van",
            "voor",
            "met",
            "nieuw",
            "nieuwe",
            "opent",
            "kantoor",
            "naar",
            "nog",
            "geen",
            "uit",
            "breidt",
            "geopend",
            "vestiging",
            "vestigingen",
            "zoekt",
            "salesteam",
            "tweede",
            "praktijk",
            "praktijken",
            "heropening",
            "lanceert",
            "dit",
            "voorjaar",
            "najaar",
            "leden",
            "uitbreiding",
            "kantoren",
        ]
    ),
}
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "for",
        "with",
        "a",
        "an",
        "is",
        "are",
        "was",
        "has",
        "have",
        "its",
        "our",
        "their",
        "new",
    ]
)

# Regions whose own language a title in that language confirms (a Spanish title in Texas is not a Spanish record;
# Dutch B2B buyers read English as a matter of course, so only a Dutch record, not a title, counts).
_REGIONS: dict[str, tuple[str, ...]] = {
    "fr": ("france", "quebec", "québec", "qc", "belgium", "belgique", "switzerland", "suisse", "luxembourg"),
    "de": ("germany", "deutschland", "austria", "österreich", "switzerland", "schweiz"),
    "es": ("spain", "españa", "espana", "mexico", "méxico", "argentina", "chile", "colombia", "peru"),
    "it": ("italy", "italia"),
    "pt": ("portugal", "brazil", "brasil"),
    "nl": ("netherlands", "nederland", "belgium", "belgië"),
}
_TOKEN = re.compile(r"[a-zäöüßàâçéèêëîïôûùüÿñáíóú]+")


def _free_text_language(texts: list[str]) -> str | None:
    words = [w for t in texts for w in _TOKEN.findall(t.lower())]
    if not words:
        return None
    english = sum(w in _ENGLISH for w in words)
    best, hits = None, 0
    for lang, vocab in _WORDS.items():
        n = sum(w in vocab for w in words)
        if n > hits:
            best, hits = lang, n
    return best if best and hits >= 2 and hits > english else None


def record_language(prospect: ProspectData) -> str | None:
    """The record's language when it is not English ("fr", "de", ...), else None."""
    free = _free_text_language([*prospect.signals, prospect.notes or ""])
    if free:
        return free
    title = parse_title(prospect.title) if prospect.title else None
    lang = title.language if title is not None else "en"
    where = (prospect.location or "").lower()
    if lang in _REGIONS and lang != "nl" and any(re.search(rf"\b{re.escape(r)}\b", where) for r in _REGIONS[lang]):
        return lang
    return None


def language_issue(lang: str) -> QualityIssue:
    name = NAMES.get(lang, lang)
    return QualityIssue(
        code="language",
        severity="soft",
        detail=f"the prospect's record is in {name}: this message is in English; confirm they read English, or "
        f"have it written in {name} by someone fluent before sending",
    )


def flag_language(report: QualityReport, lang: str | None) -> QualityReport:
    """`report` with the soft language issue added when the record is not in English."""
    if lang is None:
        return report
    issues = [*report.issues, language_issue(lang)]
    return report.model_copy(update={"issues": issues, "score": max(0, report.score - 10)})
