"""Cross-cutting rules with one owner in core/: the tokenizer and plural folding (the agents, the scorer
and the copywriter read words the same way; two copies used to disagree on accents, "&" and "saas"),
and the Retry-After parser (Claude and Clay honour the same header the same way)."""

import email.utils
import time

import copywriter.text
import industry_agents.text
from copywriter.angles import words_of
from core.http_retry import retry_after
from core.text import STOPWORDS, stem, tokens
from industry_agents.builder import description_keywords


def test_tokens_fold_accents_and_read_ampersand_as_and():
    assert tokens("Café & Bar") == ["cafe", "and", "bar"]
    assert tokens(None) == [] and tokens("") == []
    # Every feature that splits words gets the same answer.
    same = {tuple(split("Café & Bar")) for split in (industry_agents.text.tokens, copywriter.text.tokens, tokens)}
    assert same == {("cafe", "and", "bar")}


def test_stem_keeps_saas_and_status_and_folds_plurals():
    assert stem("saas") == "saas"
    assert industry_agents.text.stem("saas") == copywriter.text.stem("saas") == "saas"
    assert [stem(w) for w in ("clinics", "towers", "status", "business", "analysis")] == [
        "clinic",
        "tower",
        "status",
        "business",
        "analysis",
    ]


def test_copy_and_agents_compare_the_same_words():
    # The copywriter's content words: accents folded, stop words dropped, plurals folded.
    assert words_of("Cafés and SaaS platforms") == {"cafe", "saas", "platform"}
    # The builder drops the shared stop words and its own business filler on top.
    assert "with" in STOPWORDS
    assert description_keywords("We help companies with clinics and cafés") == ["clinics", "cafes"]


def test_retry_after_reads_seconds_milliseconds_and_http_dates():
    assert retry_after({}) is None
    assert retry_after({"retry-after": "7"}) == 7.0
    assert retry_after({"retry-after-ms": "1500", "retry-after": "9"}) == 1.5
    assert retry_after({"retry-after": "-3"}) == 0.0
    assert retry_after({"retry-after": "soon"}) is None
    in_a_minute = email.utils.formatdate(time.time() + 60, usegmt=True)
    assert 55 <= (retry_after({"retry-after": in_a_minute}) or 0) <= 60
