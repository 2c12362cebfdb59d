"""The quality gate every message passes through, whichever engine wrote it.

Hard issues (a placeholder left in, an invented fact, a platform limit broken, no ask at all) make a
message unsendable; soft issues only cost points. The score is 100 minus a weighted penalty per
issue, so two reports can be compared, and `metrics` keeps the measurements behind the verdict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import get_args

from copywriter.facts import (
    _PLACEHOLDER_NEEDLES,
    Corpus,
    Fact,
    Number,
    build_corpus,
    fact_present,
    find_placeholders,
    numbers_in,
    prospect_facts,
)
from copywriter.lint import PENALTY as LINT_PENALTY
from copywriter.lint import LintContext, lint_context, lint_message, lint_subject, lint_visual
from copywriter.models import Channel, QualityIssue, QualityReport, Sender, Severity
from copywriter.text import flesch_reading_ease, word_count
from schemas import AgentProfile, ProspectData

# Common spam-filter triggers, matched as whole words/phrases, case-insensitively.
SPAM_PHRASES: tuple[str, ...] = (
    "free",
    "100% free",
    "free trial",
    "free gift",
    "free access",
    "free consultation",
    "guarantee",
    "guaranteed",
    "satisfaction guaranteed",
    "money back",
    "money-back",
    "risk-free",
    "risk free",
    "no risk",
    "act now",
    "act immediately",
    "apply now",
    "buy now",
    "call now",
    "order now",
    "order today",
    "sign up now",
    "click here",
    "click below",
    "limited time",
    "limited offer",
    "offer expires",
    "expires today",
    "while supplies last",
    "once in a lifetime",
    "urgent",
    "immediate action",
    "winner",
    "you have been selected",
    "congratulations you",
    "prize",
    "cash bonus",
    "fast cash",
    "extra income",
    "additional income",
    "make money",
    "earn money",
    "double your",
    "lowest price",
    "best price",
    "cheap",
    "bargain",
    "discount",
    "special promotion",
    "exclusive deal",
    "no obligation",
    "no cost",
    "no fees",
    "no hidden costs",
    "no strings attached",
    "miracle",
    "amazing offer",
    "incredible deal",
    "100%",
    "$$$",
    "!!!",
    "this is not spam",
    "not spam",
    "dear friend",
    "increase sales",
    "get paid",
    "giveaway",
    "instant access",
)

# Capitalised words that are not claims: calendar words, common acronyms, the word "I".
_ALWAYS_GROUNDED = frozenset(
    {
        "i",
        "ok",
        "ps",
        "p",
        "s",
        "mr",
        "ms",
        "mrs",
        "dr",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "q1",
        "q2",
        "q3",
        "q4",
        "ceo",
        "cfo",
        "cmo",
        "coo",
        "cto",
        "cro",
        "cio",
        "vp",
        "svp",
        "evp",
        "avp",
        "gm",
        "roi",
        "kpi",
        "kpis",
        "crm",
        "b2b",
        "b2c",
        "ai",
        "faq",
        "linkedin",
        "inmail",
        "email",
        "zoom",
    }
)

# What counts as an ask when there is no question mark.
_CTA_RE = re.compile(
    r"\b(?:let me know|reply|book|grab a time|pick a time|schedule|calendar|worth a (?:call|chat|look)|"
    r"open to|happy to|glad to connect|like to connect|connect)\b",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE)
_EMAIL_RE = re.compile(r"\b\S+@\S+\.\w+\b")
_IMAGE_RE = re.compile(r"<img\b|!\[[^\]]*\]\(", re.IGNORECASE)
# A word, not the unit of a figure ("M" in "$180M" is part of the number).
_WORD_RE = re.compile(r"(?<![\w$€£])[A-Za-z][A-Za-z0-9]*")

_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class _Bounds:
    min_words: int
    max_words: int | None = None
    max_chars: int | None = None
    min_personalisation: int = 1
    max_links: int = 1
    cta_severity: Severity = "hard"


def _bounds(channel: Channel, step: int) -> _Bounds:
    if channel == "email":
        if step <= 1:
            return _Bounds(min_words=50, max_words=150, min_personalisation=2)
        return _Bounds(min_words=15, max_words=150, min_personalisation=1)
    if channel == "linkedin_connection":
        return _Bounds(min_words=8, max_chars=300, max_links=0, cta_severity="soft")
    if channel == "linkedin_follow_up":
        return _Bounds(min_words=20, max_chars=1000, min_personalisation=2)
    if channel == "inmail":
        return _Bounds(min_words=40, max_chars=1900, min_personalisation=2)
    return _Bounds(min_words=50, max_words=500, min_personalisation=2, cta_severity="soft")


def _spam_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w$!])(?:" + "|".join(re.escape(p.lower()) for p in ordered) + r")(?![\w$!])")


_SPAM_RE = _spam_regex(SPAM_PHRASES)


@lru_cache(maxsize=256)
def _vocabulary_re(vocabulary: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = [r"[\s-]+".join(re.escape(part) for part in term.split()) for term in vocabulary if term.split()]
    parts.sort(key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE) if parts else None


def spam_hits(text: str, vocabulary: Iterable[str] = ()) -> list[str]:
    """Distinct spam triggers in `text`, ignoring the industry's own terms ("free play" at a casino)."""
    return list(_spam_hits(text, tuple(vocabulary)))


@lru_cache(maxsize=4096)
def _spam_hits(text: str, vocabulary: tuple[str, ...]) -> tuple[str, ...]:
    """Remembered by text: subject lines and stock sentences come back across steps and prospects."""
    # The profile's vocabulary is how the buyer talks; "free play" is a casino metric, not a pitch.
    pattern = _vocabulary_re(vocabulary)
    masked = pattern.sub(" ", text) if pattern is not None else text
    return tuple(dict.fromkeys(m.group(0) for m in _SPAM_RE.finditer(masked.lower())))


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(*•-":
        i -= 1
    return i < 0 or text[i] in ".!?:;\n"


def ungrounded_claims(text: str, corpus: Corpus) -> list[str]:
    """Figures and names in `text` that the inputs never mention (see `check_quality`).

    Read line by line and remembered per corpus: a sequence repeats its greeting, sign-off and subjects.
    """
    found: list[str] = []
    for line in text.splitlines():
        hit = corpus.claims_cache.get(line)
        if hit is None:
            hit = corpus.claims_cache[line] = _line_claims(line, corpus)
        found.extend(hit)
    return list(dict.fromkeys(found))


def _line_claims(text: str, corpus: Corpus) -> list[str]:
    figures, names = _line_candidates(text)
    found = [n.text for n in figures if not corpus.grounds(n)]
    for word, low, acronym_singular in names:
        if acronym_singular is not None and acronym_singular in corpus.words:
            continue  # "CEOs", "OTAs": the plural of a grounded acronym
        if low not in corpus.words:
            found.append(word)
    return list(dict.fromkeys(found))


@lru_cache(maxsize=16384)
def _line_candidates(text: str) -> tuple[tuple[Number, ...], tuple[tuple[str, str, str | None], ...]]:
    """What in one line could be an invented fact, read from the line alone (remembered by text: greetings,
    sign-offs and stock lines come back for every prospect): its figures, and each capitalised word that is not
    at a sentence start nor always grounded, lower-cased, with its singular when it is an acronym's plural."""
    if "@" in text or "http" in text or "www." in text:
        text = _EMAIL_RE.sub(" ", _URL_RE.sub(" ", text))
    figures = tuple(numbers_in(text, skip_time_asks=True)) if _DIGIT.search(text) else ()
    names: list[tuple[str, str, str | None]] = []
    for line in text.splitlines():
        if " " in line.strip() and line == line.upper():
            continue  # a shouted line has no capitals to read names from (subject_caps covers it)
        for m in _WORD_RE.finditer(line):
            word = m.group(0)
            low = word.lower()
            # A capital at the start of a sentence says nothing; elsewhere it marks a name or a brand.
            if len(word) < 2 or not word[0].isupper() or low in _ALWAYS_GROUNDED:
                continue
            singular = low[:-1]
            acronym_plural = word.endswith("s") and word[:-1].isupper()
            if acronym_plural and singular in _ALWAYS_GROUNDED:
                continue
            if not _sentence_initial(line, m.start()):
                names.append((word, low, singular if acronym_plural else None))
    return figures, tuple(names)


_PENALTY = {
    "placeholder": 40,
    "ungrounded_claim": 35,
    "too_long": 30,
    "no_cta": 25,
    "spam_words": 25,
    "missing_subject": 20,
}
_SOFT_PENALTY = {
    "spam_words": 8,
    "too_long": 10,
    "too_short": 10,
    "no_cta": 10,
    "subject_too_long": 8,
    "subject_caps": 8,
    "low_personalisation": 12,
    "too_many_links": 8,
    "images": 5,
    "reading_ease": 6,
}


def check_quality(
    *,
    channel: str,
    body: str,
    subject: str | None,
    step: int,
    profile: AgentProfile,
    prospect: ProspectData,
    allowed_facts: list[str] | None = None,
    sender: Sender | None = None,
    lint: LintContext | None = None,
    visuals: list[str] | None = None,
) -> QualityReport:
    """Score one message and list what is wrong with it; `passed` is False on any hard issue.

    `channel` is one of "email", "linkedin_connection", "linkedin_follow_up", "inmail", "video".
    Claims are grounded when they appear in the prospect's fields, the profile's text, the sender's
    fields or `allowed_facts`; anything else (a figure, a customer name) is an invented fact.

    With a `sender` (or a prepared `lint` context), the practitioner's checks of `copywriter.lint` run
    too: each finding is an issue with the span it found, so the score is 100 only when nothing fires.
    `visuals` are a video's on-screen descriptions, checked for what the seller can actually film.
    """
    return check_variants(
        channel=channel,
        body=body,
        subjects=[subject],
        step=step,
        profile=profile,
        prospect=prospect,
        allowed_facts=allowed_facts,
        sender=sender,
        lint=lint,
        visuals=visuals,
    )[0]


# One sequence checks a dozen messages for the same prospect: its corpus and facts are read once. The
# caches hold the objects they were computed from, so an id is never confused with a newer object's.
_CORPORA: dict[tuple[int, int, tuple[str, ...]], tuple[AgentProfile, ProspectData, Corpus]] = {}
_FACTS: dict[int, tuple[ProspectData, list[Fact]]] = {}


def _corpus_for(profile: AgentProfile, prospect: ProspectData, extra: tuple[str, ...]) -> Corpus:
    key = (id(profile), id(prospect), extra)
    hit = _CORPORA.get(key)
    if hit is not None and hit[0] is profile and hit[1] is prospect:
        return hit[2]
    if len(_CORPORA) > 64:
        _CORPORA.clear()
    corpus = build_corpus(profile, prospect, extra)
    _CORPORA[key] = (profile, prospect, corpus)
    return corpus


def _facts_for(prospect: ProspectData) -> list[Fact]:
    hit = _FACTS.get(id(prospect))
    if hit is not None and hit[0] is prospect:
        return hit[1]
    if len(_FACTS) > 64:
        _FACTS.clear()
    facts = prospect_facts(prospect)
    _FACTS[id(prospect)] = (prospect, facts)
    return facts


def _issue(
    code: str, severity: Severity, detail: str, weight: int | None = None, span: str | None = None
) -> tuple[QualityIssue, int]:
    table = _PENALTY if severity == "hard" else _SOFT_PENALTY
    return QualityIssue(code=code, severity=severity, detail=detail, span=span), weight or table[code]


# The needles of `copywriter.facts`' placeholder patterns: a text without one has no placeholder, and
# `find_placeholders` (which looks for each needle before its pattern, "lorem" in the lower-cased text) is not run.
_NEEDLES = tuple(n for needles in _PLACEHOLDER_NEEDLES if needles != ("lorem",) for n in needles)
_LOWER_NEEDLES = tuple(n for needles in _PLACEHOLDER_NEEDLES if needles == ("lorem",) for n in needles)


def _may_hold_placeholder(text: str) -> bool:
    for needle in _NEEDLES:
        if needle in text:
            return True
    low = text.lower()
    return any(needle in low for needle in _LOWER_NEEDLES)


def _text_issues(text: str, corpus: Corpus, vocabulary: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Placeholders, invented claims and spam words of one text (a subject or a body)."""
    placeholders = find_placeholders(text) if _may_hold_placeholder(text) else []
    return placeholders, ungrounded_claims(text, corpus), spam_hits(text, vocabulary)


def check_variants(
    *,
    channel: str,
    body: str,
    subjects: list[str | None],
    step: int,
    profile: AgentProfile,
    prospect: ProspectData,
    allowed_facts: list[str] | None = None,
    sender: Sender | None = None,
    lint: LintContext | None = None,
    visuals: list[str] | None = None,
) -> list[QualityReport]:
    """`check_quality` for one body under several subject lines: the body is read once."""
    if channel not in get_args(Channel):
        raise ValueError(f"unknown channel {channel!r}")
    bounds = _bounds(channel, step)  # type: ignore[arg-type]
    body_issues: list[tuple[QualityIssue, int]] = []

    def add(code: str, severity: Severity, detail: str, weight: int | None = None) -> None:
        body_issues.append(_issue(code, severity, detail, weight))

    text = body.strip()
    n_words = word_count(text)
    n_chars = len(text)
    sender_facts = (
        [sender.name, sender.title, sender.company, sender.offer, sender.calendar_link] if sender else []
    )
    corpus = _corpus_for(profile, prospect, tuple(x for x in [*sender_facts, *(allowed_facts or [])] if x))
    body_placeholders, body_claims, body_spam = _text_issues(text, corpus, profile.vocabulary)

    if bounds.max_chars is not None and n_chars > bounds.max_chars:
        add("too_long", "hard", f"{n_chars} characters; the limit for {channel} is {bounds.max_chars}")
    if bounds.max_words is not None and n_words > bounds.max_words:
        severity: Severity = "hard" if n_words > bounds.max_words * 1.25 else "soft"
        add("too_long", severity, f"{n_words} words; aim for at most {bounds.max_words}")
    if n_words < bounds.min_words:
        add("too_short", "soft", f"{n_words} words; aim for at least {bounds.min_words}")

    low = text.lower()
    linked = "http" in low or "www." in low  # every link `_URL_RE` reads starts with one
    no_links = _URL_RE.sub(" ", text) if linked else text
    if "?" not in no_links and not _CTA_RE.search(text):
        add("no_cta", bounds.cta_severity, "no question or clear call to action")

    links = len(_URL_RE.findall(text)) if linked else 0
    if links > bounds.max_links:
        add("too_many_links", "soft", f"{links} link(s); keep it to {bounds.max_links}")
    images = len(_IMAGE_RE.findall(text)) if ("<img" in low or "![" in text) else 0
    if images:
        add("images", "soft", f"{images} image(s) in a cold message hurt deliverability")

    if lint is None and sender is not None:
        lint = lint_context(profile, prospect, sender)
    lead = channel in ("email", "inmail") and step <= 1
    if lint is not None:
        findings = lint_message(text, lint, lead=lead)
        for visual in visuals or []:
            findings.extend(lint_visual(visual, lint))
        for f in findings:
            body_issues.append(
                _issue(f.code, f.severity, f'{f.detail}: "{f.span}"', LINT_PENALTY[f.severity], f.span)
            )

    facts = _facts_for(prospect)
    used = [f for f in facts if fact_present(f, text)]
    wanted = min(bounds.min_personalisation, len(facts))
    if len(used) < wanted:
        add("low_personalisation", "soft", f"uses {len(used)} prospect fact(s); aim for {wanted}")

    reading_ease = flesch_reading_ease(text)
    if n_words >= 20 and reading_ease < 30:
        add("reading_ease", "soft", f"Flesch reading ease {reading_ease}; shorter words and sentences help")

    reports = []
    for subject in subjects:
        issues: list[tuple[QualityIssue, int]] = []
        placeholders, claims, spam = body_placeholders, body_claims, body_spam
        if subject:
            more = _text_issues(subject, corpus, profile.vocabulary)
            placeholders = list(dict.fromkeys([*more[0], *placeholders]))
            claims = list(dict.fromkeys([*more[1], *claims]))
            spam = list(dict.fromkeys([*more[2], *spam]))
        if placeholders:
            issues.append(_issue("placeholder", "hard", f"unfilled placeholder(s): {', '.join(placeholders[:5])}"))
        if claims:
            issues.append(
                _issue(
                    "ungrounded_claim",
                    "hard",
                    f"not found in the prospect, agent or sender data: {', '.join(claims[:8])}",
                )
            )
        if len(spam) >= 3:
            issues.append(_issue("spam_words", "hard", f"spam trigger words: {', '.join(spam)}"))
        elif spam:
            issues.append(
                _issue(
                    "spam_words",
                    "soft",
                    f"spam trigger words: {', '.join(spam)}",
                    _SOFT_PENALTY["spam_words"] * len(spam),
                )
            )
        issues += body_issues
        if channel in ("email", "inmail"):
            if not subject:
                if channel == "inmail":
                    issues.append(_issue("missing_subject", "hard", "an InMail needs a subject"))
            else:
                limit = 200 if channel == "inmail" else 60
                if len(subject) > limit:
                    sev: Severity = "hard" if channel == "inmail" else "soft"
                    weight = _PENALTY["too_long"] if sev == "hard" else None
                    issues.append(
                        _issue(
                            "subject_too_long",
                            sev,
                            f"subject is {len(subject)} characters; keep it to {limit}",
                            weight,
                        )
                    )
                letters = [c for c in subject if c.isalpha()]
                if len(letters) >= 4 and all(c.isupper() for c in letters):
                    issues.append(_issue("subject_caps", "soft", "subject is in all caps"))
                if lint is not None:
                    for f in lint_subject(subject, lint):
                        issues.append(
                            _issue(f.code, f.severity, f'{f.detail}: "{f.span}"', LINT_PENALTY[f.severity], f.span)
                        )
        penalty = sum(weight for _, weight in issues)
        reports.append(
            QualityReport(
                score=max(0, min(100, 100 - penalty)),
                issues=[issue for issue, _ in issues],
                passed=not any(issue.severity == "hard" for issue, _ in issues),
                metrics={
                    "word_count": n_words,
                    "char_count": n_chars,
                    "reading_ease": reading_ease,
                    "links": links,
                    "images": images,
                    "personalisation_count": len(used),
                    "personalisation_fields": list(dict.fromkeys(f.field for f in used)),
                    "spam_words": spam,
                },
            )
        )
    return reports


def merge_reports(reports: list[QualityReport], labels: list[str]) -> QualityReport:
    """One report for several messages: the weakest score, every issue prefixed with its label."""
    if not reports:
        return QualityReport(score=0, issues=[], passed=False, metrics={})
    scores = [r.score for r in reports]
    words = [r.metrics.get("word_count", 0) for r in reports]
    issues = [
        QualityIssue(code=i.code, severity=i.severity, detail=f"{label}: {i.detail}", span=i.span)
        for r, label in zip(reports, labels, strict=True)
        for i in r.issues
    ]
    return QualityReport(
        score=min(scores),
        issues=issues,
        passed=all(r.passed for r in reports),
        metrics={
            "min_score": min(scores),
            "mean_score": round(sum(scores) / len(scores), 1),
            "word_count": sum(int(w) for w in words if isinstance(w, int | float)),
        },
    )
