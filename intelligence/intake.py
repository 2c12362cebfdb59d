"""One intake: an external row or request body → prospect fields, the same way on every path.

The analyze API, analyze batches, the complete pipeline, campaign add, the CSV import and the Clay
webhook all go through this module, so one row gets one stored prospect whichever way it came in.

**Column names** (CSV headers, Clay keys) are matched case- and punctuation-insensitively against
`ALIASES` ("Job Title", "job_title", "_job_title" are one key). When several columns name the same
field, the alias listed first wins (then the left-most column). `city`/`state`/`country` make a
`location` when there is no location column; a full name is split when there is no first/last name;
every signal column contributes to `signals`.

**Headcounts and money** may be numbers or the strings Clay and CRMs write. The rule for a range,
everywhere: *both bounds are kept* (`employee_range`, `revenue_range`, with the original text), and
the single number that scoring reads (`employee_count`, `annual_revenue_usd`) is the **midpoint of
the bounds, rounded half up**; "under N" has the lower bound 0; an open range "N+" has no upper
bound and counts as N.

    "51-200"        → 126            min 51,    max 200
    "1,001-5,000"   → 3001           min 1001,  max 5000
    "10K+"          → 10000          min 10000, max none
    "$4.5M"         → 4500000        "$10M-$50M" → 30000000 (min 10M, max 50M)
    "€18M"          → 18M × the EUR rate      "£2.1bn", "USD 40 million", "40m EUR" alike

Suffixes: k/thousand, m/mm/mn/mil/million, b/bn/billion, t/tn/trillion; "10-50M" reads as 10M-50M.
Currencies: ISO codes before or after the amount, and $, US$, €, £, ¥ (JPY), ₹, A$, C$, NZ$, S$,
HK$, R$, MX$. Amounts are converted to USD with one small dated table of USD per unit
(`FX_USD_RATES`, `FX_RATES_AS_OF` in settings; the rate and its date are stored with the amount).
Empty markers ("", "-", "n/a", "unknown", …) mean "not given"; anything else that cannot be read is
an error that names the field (a 422 by API, a row error by CSV or Clay), never a silent drop.

**Text**: e-mail lower-cased; names with single spaces; URLs get `https://` when they have no scheme
and a lower-case host; `company_domain` is the bare host ("https://www.Acme.com/about" → "acme.com").
Row paths (CSV, Clay) cut text longer than a field allows; the JSON API refuses it (422).

**Re-sending a known prospect** (same workspace and e-mail) merges by default: fields given replace,
fields absent are kept, list fields (signals, technologies) add the new items first and keep the
known ones (up to the field's item limit, newest first); `replace=True` stores exactly what was sent.
`merge` says what changed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, get_args
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

if TYPE_CHECKING:
    from schemas import ProspectData

# --- the rate table ---------------------------------------------------------------------------

# USD per unit of each currency: approximate market rates at the end of October 2025, rounded.
# Configurable with FX_USD_RATES / FX_RATES_AS_OF (settings); `configure` installs them at start.
DEFAULT_USD_RATES: dict[str, float] = {
    "USD": 1.0,
    "EUR": 1.16,
    "GBP": 1.32,
    "CAD": 0.71,
    "AUD": 0.66,
    "NZD": 0.57,
    "CHF": 1.25,
    "JPY": 0.0065,
    "CNY": 0.14,
    "INR": 0.0113,
    "SGD": 0.77,
    "HKD": 0.129,
    "SEK": 0.106,
    "NOK": 0.099,
    "DKK": 0.155,
    "MXN": 0.054,
    "BRL": 0.186,
    "ZAR": 0.058,
    "PLN": 0.27,
    "AED": 0.272,
}
DEFAULT_RATES_AS_OF = date(2025, 10, 31)


@dataclass(frozen=True)
class Rates:
    usd_per_unit: dict[str, float]
    as_of: date
    codes: re.Pattern[str] = field(init=False)  # the table's ISO codes as words, lower-case

    def __post_init__(self) -> None:
        words = "|".join(sorted(code.lower() for code in self.usd_per_unit))
        object.__setattr__(self, "codes", re.compile(rf"\b(?:{words})\b"))


_rates = Rates(dict(DEFAULT_USD_RATES), DEFAULT_RATES_AS_OF)


def configure(usd_per_unit: Mapping[str, float], as_of: date) -> None:
    """Install the rate table (from settings) used to convert money to USD."""
    global _rates
    table = {code.upper(): float(rate) for code, rate in usd_per_unit.items()}
    table.setdefault("USD", 1.0)
    _rates = Rates(table, as_of)


def rates() -> Rates:
    return _rates


def parse_rate_table(text: str) -> dict[str, float]:
    """'EUR=1.16,GBP=1.32' → {'EUR': 1.16, 'GBP': 1.32}; a ValueError names a bad entry."""
    table: dict[str, float] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        code, sep, rate = part.partition("=")
        code = code.strip().upper()
        try:
            value = float(rate)
        except ValueError:
            value = -1.0
        if not sep or not re.fullmatch(r"[A-Z]{3}", code) or not value > 0 or not math.isfinite(value):
            raise ValueError(f"FX_USD_RATES entry {part.strip()!r} is not CODE=positive rate (e.g. EUR=1.16)")
        table[code] = value
    return table


# --- stored shapes of a parsed range ----------------------------------------------------------


class CountRange(BaseModel):
    """Both bounds of a headcount as written ("51-200": 51 and 200; "10K+": 10000 and none), and the text."""

    model_config = ConfigDict(extra="forbid")

    min: int | None = Field(None, ge=0, le=10_000_000)
    max: int | None = Field(None, ge=0, le=10_000_000)
    text: str | None = Field(None, max_length=100, description="The value as it was written")


class MoneyRange(BaseModel):
    """Both bounds of an amount in USD, the text as written, and the currency and rate used."""

    model_config = ConfigDict(extra="forbid")

    min_usd: int | None = Field(None, ge=0, le=10**13)
    max_usd: int | None = Field(None, ge=0, le=10**13)
    text: str | None = Field(None, max_length=100, description="The value as it was written, e.g. '€18M'")
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$", description="ISO code of the written amount")
    usd_rate: float | None = Field(None, gt=0, description="USD per unit used for the conversion")
    rates_as_of: date | None = Field(None, description="Date of the rate table used")


# --- value strings ----------------------------------------------------------------------------

EMPTY = frozenset(
    {
        "",
        "-",
        "--",
        "—",
        "–",
        "n/a",
        "na",
        "n.a.",
        "none",
        "null",
        "nil",
        "unknown",
        "?",
        "nan",
        "not available",
        "not found",
        "no data",
    }
)
_SCALE = {
    "": 1.0,
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trillion": 1e12,
    # other languages' and markets' words: "€12 Mio.", "1,2 Mrd. €", "R$ 12 milhões", "₹200 crore"
    "mio": 1e6,
    "millionen": 1e6,
    "mln": 1e6,
    "mill": 1e6,
    "millones": 1e6,
    "millon": 1e6,
    "millón": 1e6,
    "milhões": 1e6,
    "milhoes": 1e6,
    "milhão": 1e6,
    "milioni": 1e6,
    "milione": 1e6,
    "miljoen": 1e6,
    "millions": 1e6,
    "mrd": 1e9,
    "milliarden": 1e9,
    "milliarde": 1e9,
    "milliards": 1e9,
    "milliard": 1e9,
    "mds": 1e9,
    "bln": 1e9,
    "mld": 1e9,
    "miliardi": 1e9,
    "miljard": 1e9,
    "crore": 1e7,
    "crores": 1e7,
    "cr": 1e7,
    "lakh": 1e5,
    "lakhs": 1e5,
}
_SYMBOLS = {
    "us$": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "nz$": "NZD",
    "s$": "SGD",
    "sg$": "SGD",
    "hk$": "HKD",
    "r$": "BRL",
    "mx$": "MXN",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
}
_SYMBOL_RE = re.compile("|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True)))
_SCALE_WORDS = "|".join(re.escape(w) for w in sorted((w for w in _SCALE if w), key=len, reverse=True))
_AMOUNT = rf"(\d[\d,.]*)\s*({_SCALE_WORDS})?\.?"
# A range: "51-200", "11 to 50", "51 bis 200", "51 à 200", "10 tot 50", "10 até 50".
_QUANTITY = re.compile(rf"^{_AMOUNT}(?:\s*(?:-|to|bis|à|a|tot|até|al)\s*{_AMOUNT})?$")
# "ca. 120", "~$20M", "approx. €30M": an estimate reads as its number.
# Never the "C" of "C$95M" or "CA$95M": those are Canadian dollars, not "circa $95M".
_ABOUT = re.compile(
    r"^(?:~|≈|(?:ca|c|circa|approx|approximately|about|around|roughly|est|estimated)\b(?!\$)\.?)\s*"
)
# "95 M$ CA", "95 M$ CAD", "12 M$ US": a dollar sign with its country after the amount (Québec, ...).
_DOLLAR_AFTER = re.compile(r"\$\s*(ca|can|cad|us|usd|au|aud|nz|nzd)\b")
_DOLLAR_CODES = {
    "ca": "cad",
    "can": "cad",
    "cad": "cad",
    "us": "usd",
    "usd": "usd",
    "au": "aud",
    "aud": "aud",
    "nz": "nzd",
    "nzd": "nzd",
}
# "$95M (2023)", "$40M ARR", "€12M revenue", "12 Mio. € p.a.", "$6M GCI" (a brokerage's gross commission
# income), "$8M in billings": what the amount is, not part of it.
_AMOUNT_NOTE = re.compile(
    r"\s*(?:\([^)]*\)|\b(?:arr|annual revenue|revenue|turnover|umsatz|sales|per year|a year|p\.a\.?|/yr|/year|"
    r"gci|gross commission income|gross revenue|net revenue|fee income|fees|billings|in revenue|in sales|"
    r"in billings|in fees|"
    r"est\.?|estimated)\b\.?)\s*$"
)
# Headcount words in the languages titles come in: "201-500 Mitarbeiter", "50 empleados", "120 FTE".
_PEOPLE_WORDS = re.compile(
    r"\s*(?:employees|employee|people|staff|ftes?|mitarbeiter(?:innen)?|mitarbeitende|beschäftigte|"
    r"empleados|trabajadores|employés|salariés|funcionários|colaboradores|dipendenti|werknemers|"
    r"medewerkers)$"
)
_OPEN_UP_PREFIX = re.compile(r"^(?:over|more than|greater than|above|at least|>=|>)\s*")
_OPEN_UP_SUFFIX = re.compile(r"\s*(?:\+|or more|and above|and up|or above|plus)$")
_OPEN_DOWN_PREFIX = re.compile(r"^(?:under|less than|fewer than|below|up to|<=|<)\s*")
_SOLO = frozenset({"self-employed", "self employed", "myself only", "just me", "sole proprietor", "solo"})
COUNT_HELP = "write a number or a range such as 1200, '51-200', '1,001-5,000' or '10K+'"
MONEY_HELP = "write an amount such as 180000000, '$4.5M', '€18M', '£2.1bn', 'USD 40 million' or '$10M-$50M'"


@dataclass(frozen=True)
class Quantity:
    low: float | None
    high: float | None
    currency: str | None


# The common shape of an e-mail address, ASCII only: a dot-atom local part of letters, digits and
# `_+-`, then a dot-separated host whose labels start and end with a letter or digit and whose last label
# is 2-63 letters. `plain_email` answers for these alone; anything else (whitespace, quotes, a display
# name, Unicode, IDNA, other characters) goes through pydantic's EmailStr (email-validator) as before.
_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9_+\-]+(?:\.[A-Za-z0-9_+\-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


def plain_email(value: object) -> str | None:
    """`value` as ProspectData stores its email (EmailStr's normalized form, lower-cased) when it is an
    address of the common shape that email-validator accepts with no change but the case (see
    `_PLAIN_EMAIL`; lengths within RFC 5321's, no `--` in the host, no special-use domain); None when
    it must be validated in full. The same answer as the full validation, in a few microseconds
    (tests/test_speed_batches.py compares them)."""
    if type(value) is not str or len(value) > 254 or not value.isascii() or not _PLAIN_EMAIL.fullmatch(value):
        return None
    local, _, host = value.lower().partition("@")
    if len(local) > 64 or len(host) > 253 or "--" in host or _special_use(host):
        return None
    return f"{local}@{host}"


def _special_use(host: str) -> bool:
    import email_validator  # pydantic's EmailStr needs it: installed with the app

    return any(host == d or host.endswith("." + d) for d in email_validator.SPECIAL_USE_DOMAIN_NAMES)


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in EMPTY)


def _number(text: str, *, scaled: bool = False) -> float:
    """A number as people write it: "1,200", "2,1" (a decimal comma), and, unless a scale word follows,
    "1.200" and "5.001" (dots grouping thousands, as in German, Dutch, Spanish or Italian)."""
    text = text.rstrip(".")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text) and (not scaled or text.count(".") > 1):
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+,\d{1,2}", text):  # a decimal comma: "2,1bn"
        return float(text.replace(",", "."))
    if "," in text or text.count(".") > 1:
        raise ValueError(text)
    return float(text)


def _quantity(raw: str, *, money: bool) -> Quantity:
    """Read a count or an amount with its bounds; raises ValueError (without the value) when unreadable."""
    text = re.sub(r"\s+", " ", raw.strip().lower().replace("–", "-").replace("—", "-"))
    text = _ABOUT.sub("", text)
    currency = None
    if money:
        while (note := _AMOUNT_NOTE.search(text)) is not None and note.start() > 0:
            text = text[: note.start()]
        text = re.sub(r"\beuros?\b", "€", text)
        text = _DOLLAR_AFTER.sub(lambda m: f" {_DOLLAR_CODES[m.group(1)]}", text)
        found = {_SYMBOLS[s] for s in _SYMBOL_RE.findall(text)}
        text = _SYMBOL_RE.sub(" ", text)
        found |= {code.upper() for code in _rates.codes.findall(text)}
        text = _rates.codes.sub(" ", text)
        if len(found) > 1:
            raise ValueError("several currencies in one amount")
        currency = found.pop() if found else "USD"
        text = re.sub(r"\s+", " ", text).strip().replace(" - ", "-")
        text = re.sub(r"\s*(?:usd|dollars?)$", "", text)
        text = _ABOUT.sub("", text)  # "€ ca. 30M" once the symbol is gone
    else:
        text = _PEOPLE_WORDS.sub("", text)
        if text in _SOLO:
            return Quantity(1, 1, None)
    open_up = open_down = False
    if (m := _OPEN_UP_PREFIX.match(text)) or (m := _OPEN_UP_SUFFIX.search(text)):
        open_up = True
        text = (text[m.end() :] if m.start() == 0 else text[: m.start()]).strip()
    elif m := _OPEN_DOWN_PREFIX.match(text):
        open_down = True
        text = text[m.end() :].strip()
    match = _QUANTITY.match(text)
    if not match:
        raise ValueError("unreadable")
    first, first_scale, second, second_scale = match.groups()
    low = _number(first, scaled=bool(first_scale or second_scale)) * _SCALE[first_scale or ""]
    high = None
    if second is not None:
        if open_up or open_down:
            raise ValueError("a range cannot also be open")
        high = _number(second, scaled=bool(second_scale)) * _SCALE[second_scale or ""]
        if not first_scale and second_scale:  # "10-50M" is 10M-50M, unless that would invert the range
            scaled = _number(first, scaled=True) * _SCALE[second_scale]
            low = scaled if scaled <= high else low
        if low > high:
            raise ValueError("the lower bound is above the upper bound")
    elif open_up:
        high = None
    elif open_down:
        low, high = 0.0, low
    else:
        high = low
    return Quantity(low, high, currency)


def _half_up(x: float) -> int:
    return math.floor(x + 0.5)


def midpoint(low: float, high: float | None) -> float:
    """The one number a range counts as: the midpoint of its bounds; an open range "N+" counts as N."""
    return low if high is None else (low + high) / 2


def count_of(low: float, high: float | None) -> int:
    """The midpoint rule as an integer: rounded half up."""
    return _half_up(midpoint(low, high))


def _plain_int(value: Any) -> int | None:
    """Numbers, and strings of digits only, need no range: they are stored as they are."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return _half_up(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _read(value: Any, *, money: bool) -> tuple[int | None, Quantity | None]:
    """(a plain number, None), (None, the quantity written as text), or (None, None) when not given."""
    if is_empty(value):
        return None, None
    plain = _plain_int(value)
    if plain is not None:
        return plain, None
    what = "annual_revenue_usd is not a readable amount" if money else "employee_count is not a readable headcount"
    help_text = MONEY_HELP if money else COUNT_HELP
    if not isinstance(value, str) or len(value) > 100:
        raise ValueError(f"{what}; {help_text}")
    try:
        return None, _quantity(value, money=money)
    except ValueError:
        raise ValueError(f"{what}; {help_text}") from None


def _bounds(q: Quantity, rate: float, field: str, top: int) -> tuple[int, int | None]:
    assert q.low is not None
    low, high = _half_up(q.low * rate), None if q.high is None else _half_up(q.high * rate)
    if max(low, high or 0) > top:
        raise ValueError(f"{field} is above {top:,}")
    return low, high


def read_count(value: Any) -> tuple[int, CountRange | None] | None:
    """A headcount: (the number scoring reads, its range when written as text). None when not given."""
    plain, q = _read(value, money=False)
    if q is None:
        return None if plain is None else (plain, None)
    low, high = _bounds(q, 1.0, "employee_count", 10_000_000)
    return count_of(low, high), CountRange(min=low, max=high, text=str(value).strip())


def read_money(value: Any) -> tuple[int, MoneyRange | None] | None:
    """An amount in USD: (the number scoring reads, its range and currency when written as text)."""
    plain, q = _read(value, money=True)
    if q is None:
        return None if plain is None else (plain, None)
    assert q.currency is not None
    rate = _rates.usd_per_unit.get(q.currency)
    if rate is None:
        raise ValueError(f"annual_revenue_usd is in {q.currency}, which the rate table (FX_USD_RATES) lacks")
    low, high = _bounds(q, rate, "annual_revenue_usd", 10**13)
    foreign = q.currency != "USD"
    rng = MoneyRange(
        min_usd=low,
        max_usd=high,
        text=str(value).strip(),
        currency=q.currency,
        usd_rate=rate if foreign else None,
        rates_as_of=_rates.as_of if foreign else None,
    )
    return count_of(low, high), rng


# (fields that may carry the value, in pydantic's alias order) → (range field, reader)
_VALUE_FIELDS: tuple[tuple[tuple[str, ...], str, Any], ...] = (
    (("employee_count", "employees"), "employee_range", read_count),
    (("annual_revenue_usd", "revenue"), "revenue_range", read_money),
)


def coerce(data: Any) -> Any:
    """Before ProspectData validates: read headcount and money strings into numbers plus their ranges.

    A value that cannot be read is left as it is, so the field's own validator reports it in place.
    """
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for names, range_field, reader in _VALUE_FIELDS:
        name = next((n for n in names if n in out), None)
        if name is None:
            continue
        try:
            read = reader(out[name])
        except ValueError:
            continue
        if read is None:
            out[name] = None
            continue
        number, rng = read
        out[name] = number
        if rng is not None:
            out[range_field] = rng.model_dump(exclude_none=True)
    return out


# --- text -------------------------------------------------------------------------------------

_CREDENTIALS = frozenset(
    {
        "jr",
        "sr",
        "ii",
        "iii",
        "iv",
        "phd",
        "md",
        "mba",
        "cpa",
        "esq",
        "cfa",
        "pmp",
        "dds",
        "rn",
        "jd",
        "msc",
        "ma",
        "bsc",
        "ba",
    }
)
_HONORIFICS = frozenset({"mr", "mrs", "ms", "mx", "dr", "prof", "sir", "dame"})


_SPACES = re.compile(r"\s+")  # compiled once: `re.sub` with a pattern string looks it up on every call


def clean_text(value: str) -> str:
    return _SPACES.sub(" ", value).strip()


def split_name(full: str) -> tuple[str | None, str | None]:
    """'Dana Reyes' → ('Dana', 'Reyes'); 'Reyes, Dana' → ('Dana', 'Reyes'); 'Dr. Sam de Vries, PhD' →
    ('Sam', 'de Vries'). The first word is the first name, the rest the last name."""
    text = clean_text(full)
    if "," in text:
        head, _, tail = text.partition(",")
        if all(w.strip(".").lower() in _CREDENTIALS for w in tail.replace(",", " ").split()):
            text = head
        elif " " not in head.strip() and tail.strip():
            text = f"{tail.strip()} {head.strip()}"
    words = [w for w in text.split(" ") if w]
    while words and words[0].strip(".").lower() in _HONORIFICS and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and words[-1].strip(".,").lower() in _CREDENTIALS:
        words = words[:-1]
    if not words:
        return None, None
    return words[0], " ".join(words[1:]) or None


def clean_url(value: str) -> str:
    """Add https:// when there is no scheme; lower-case the scheme and host; keep the path as written."""
    text = value.strip()
    if not text:
        return text
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text):
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
    except ValueError:
        return value.strip()
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, parts.fragment))


_DOMAIN = re.compile(r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]")


def clean_domain(value: str) -> str:
    """'https://www.Acme.com/about' → 'acme.com'; 'dana@acme.com' → 'acme.com'; ValueError if not a domain."""
    text = value.strip().lower()
    if "://" in text:
        try:
            text = urlsplit(text).hostname or ""
        except ValueError:
            text = ""
    text = text.rsplit("@", 1)[-1]
    text = re.split(r"[/?#:]", text, maxsplit=1)[0].rstrip(".")
    text = text.removeprefix("www.")
    try:
        ascii_text = text.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_text = ""
    if not _DOMAIN.fullmatch(ascii_text):
        raise ValueError("company_domain is not a domain name (e.g. silverpeakcasino.com)")
    return text


# --- column aliases (CSV headers, Clay keys) ---------------------------------------------------

ALIASES: dict[str, tuple[str, ...]] = {
    "email": (
        "email",
        "work email",
        "email address",
        "e-mail",
        "business email",
        "person email",
        "contact email",
        "work email address",
        "primary email",
        "email 1",
        "mail",
    ),
    "first_name": ("first name", "firstname", "given name", "forename", "fname", "contact first name", "first"),
    "last_name": ("last name", "lastname", "surname", "family name", "lname", "contact last name", "last"),
    "full_name": ("full name", "name", "contact name", "person name", "contact"),
    "title": ("job title", "title", "person title", "position", "role", "job role", "designation", "headline"),
    "company": (
        "company name",
        "company",
        "organization name",
        "organization",
        "organisation",
        "account name",
        "account",
        "employer",
        "business name",
    ),
    "company_domain": ("company domain", "domain", "company website domain", "email domain"),
    "website": ("website", "company website", "website url", "company url", "homepage", "url", "web"),
    "linkedin_url": (
        "linkedin url",
        "linkedin",
        "linkedin profile",
        "linkedin profile url",
        "person linkedin url",
        "linkedin profile link",
        "li url",
    ),
    "industry": ("industry", "company industry", "sector", "vertical"),
    "employee_count": (
        "employees",
        "employee count",
        "company employee count",
        "company employees",
        "number of employees",
        "num employees",
        "no of employees",
        "company size",
        "headcount",
        "company headcount",
        "employee range",
        "size",
    ),
    "annual_revenue_usd": (
        "annual revenue",
        "annual revenue usd",
        "annual revenue (usd)",
        "revenue",
        "revenue usd",
        "company revenue",
        "estimated revenue",
    ),
    "location": ("location", "person location", "company location", "hq location", "address", "hq"),
    "city": ("city", "company city"),
    "state": ("state", "region", "province", "company state"),
    "country": ("country", "company country"),
    "technologies": ("technologies", "tech stack", "technology", "techstack", "tools"),
    "signals": (
        "signals",
        "intent signals",
        "buying signals",
        "signal",
        "news",
        "recent news",
        "job openings",
        "hiring signals",
        "trigger",
        "triggers",
        "notes on company",
    ),
    "notes": ("notes", "note", "comments", "description"),
    "clay_row_id": ("clay row id", "row id", "clay id", "record id", "clay record id"),
}
ROW_ONLY = ("full_name", "city", "state", "country")  # parts that make other fields
LIST_SPLIT = {"signals": re.compile(r"\s*(?:;|\||\n)\s*"), "technologies": re.compile(r"\s*(?:;|\||\n|,)\s*")}
LIST_LIMITS = {"signals": (50, 500), "technologies": (100, 100)}  # items, characters per item


def normalize_key(key: str) -> str:
    """'First Name', 'first_name', '_first-name' → 'firstname'."""
    return _NOT_KEY.sub("", key.lower())


_NOT_KEY = re.compile(r"[^a-z0-9]+")


_LOOKUP: dict[str, tuple[str, int]] = {}
for _field, _names in ALIASES.items():
    for _rank, _alias in enumerate(_names):
        _LOOKUP.setdefault(normalize_key(_alias), (_field, _rank))


def field_for(key: str) -> str | None:
    """The prospect field (or row part: full_name, city, state, country) a column name maps to."""
    hit = _LOOKUP.get(normalize_key(key))
    return hit[0] if hit else None


@cache
def _max_lengths() -> dict[str, int]:
    """The max_length ProspectData declares per string field (row text is cut to it, not refused)."""
    from schemas import ProspectData

    limits: dict[str, int] = {}
    for name, info in ProspectData.model_fields.items():
        stack: list[Any] = [info]
        while stack:
            item = stack.pop()
            if getattr(item, "max_length", None) is not None and not isinstance(item, type):
                limits[name] = int(item.max_length)
                break
            stack.extend(getattr(item, "metadata", None) or ())
            stack.extend(getattr(item, "__metadata__", None) or ())
            stack.extend(get_args(getattr(item, "annotation", None)) or get_args(item))
    return limits


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        parts = [t for t in (_text(v) for v in value) if t]
        return ", ".join(parts) or None
    text = clean_text(str(value))
    return None if text.lower() in EMPTY else text


def _items(value: Any, split: re.Pattern[str]) -> list[str]:
    if isinstance(value, list):
        out = []
        for v in value:
            if isinstance(v, dict):
                v = v.get("name") or v.get("title") or v.get("value")
            text = _text(v)
            if text:
                out.append(text)
        return out
    text = _text(value) if not isinstance(value, str) else value.strip()
    if not text or text.lower() in EMPTY:
        return []
    return [clean_text(p) for p in split.split(text) if p.strip()]


def row_fields(pairs: Iterable[tuple[Any, Any]]) -> dict[str, Any]:
    """Map one external row (column name → value pairs, in column order) to ProspectData input.

    Values stay as written (headcounts and money are read by ProspectData, through `coerce`), text
    is cut to the field's length, lists are split, unknown columns and empty values are dropped.
    """
    best: dict[str, tuple[int, Any]] = {}
    lists: dict[str, list[tuple[int, int, Any]]] = {"signals": [], "technologies": []}
    for position, (key, value) in enumerate(pairs):
        if not isinstance(key, str):
            continue
        hit = _LOOKUP.get(normalize_key(key))
        if hit is None or is_empty(value) or isinstance(value, dict):
            continue
        name, rank = hit
        if name in lists:
            lists[name].append((rank, position, value))
        elif name not in best or rank < best[name][0]:
            best[name] = (rank, value)
    limits = _max_lengths()
    out: dict[str, Any] = {}
    for name, (_, value) in best.items():
        if name in ("employee_count", "annual_revenue_usd"):
            out[name] = value if not isinstance(value, str) else value.strip()
            continue
        text = _text(value)
        if text is None:
            continue
        out[name] = text[: limits[name]] if name in limits else text
    for name, sources in lists.items():
        max_items, max_chars = LIST_LIMITS[name]
        items = [
            item[:max_chars]
            for _, _, v in sorted(sources, key=lambda s: (s[0], s[1]))
            for item in _items(v, LIST_SPLIT[name])
        ]
        if items:
            out[name] = list(dict.fromkeys(items))[:max_items]
    full = out.pop("full_name", None)
    if full and not (out.get("first_name") or out.get("last_name")):
        first, last = split_name(full)
        if first:
            out["first_name"] = first[:100]
        if last:
            out["last_name"] = last[:100]
    parts = [out.pop(k) for k in ("city", "state", "country") if k in out]
    if parts and "location" not in out:
        out["location"] = ", ".join(dict.fromkeys(parts))[: limits.get("location", 200)]
    return out


class RowError(ValueError):
    """A row that cannot become a prospect; the message names the field, never echoes the value."""


def to_prospect(fields: dict[str, Any]) -> ProspectData:
    """Validate mapped row fields; a RowError names what is wrong without echoing values."""
    from schemas import ProspectData

    if not fields.get("email"):
        raise RowError("The row has no email (columns tried: Email, Work Email, Email Address).")
    try:
        return ProspectData.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "row"
        raise RowError(f"{where}: {first.get('msg')}") from exc


# --- merging a re-sent prospect ----------------------------------------------------------------

# A number and the range it was read from travel together: a different number sent without a range
# drops the old range (the same number, e.g. Clay echoing 3001 back, keeps it).
LINKED = {"employee_count": "employee_range", "annual_revenue_usd": "revenue_range"}
LIST_FIELDS = ("signals", "technologies")


@dataclass
class Merged:
    data: ProspectData
    changed: list[str] = field(default_factory=list)  # fields whose stored value this changes
    kept: list[str] = field(default_factory=list)  # stored fields not sent, kept as they were
    existed: bool = False  # the e-mail was known before
    # `data.model_dump(mode="json", exclude_none=True)`, the form it is stored in (dumped once, here)
    dumped: dict[str, Any] = field(default_factory=dict)


def _stored(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None and v != []}


def merge(known: Mapping[str, Any] | None, given: ProspectData, *, replace: bool = False) -> Merged:
    """The prospect to store when `given` arrives for an e-mail already `known` (stored data or None).

    Merge (default): fields given replace, fields absent are kept, list fields keep their known items
    after the new ones. Replace: exactly what was given.
    """
    from schemas import ProspectData

    before = _stored(known or {})
    if replace or not before:
        data = given
        sent: dict[str, Any] = {}  # read below only when something was stored and is merged over
    else:
        sent = given.model_dump(mode="json", exclude_unset=True)
        combined = dict(before)
        for name, value in sent.items():
            if name in LIST_FIELDS and value:
                limit = LIST_LIMITS[name][0]
                value = list(dict.fromkeys([*value, *(before.get(name) or [])]))[:limit]
            combined[name] = value
        for number, rng in LINKED.items():  # a different number without its range: the old range goes
            if number in sent and rng not in sent and sent[number] != before.get(number):
                combined.pop(rng, None)
        combined = _stored(combined)
        try:
            data = ProspectData.model_validate(combined)
        except ValidationError as exc:  # a stored value today's rules refuse: drop it, keep the rest
            bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]} - set(sent)
            try:
                data = ProspectData.model_validate({k: v for k, v in combined.items() if k not in bad})
            except ValidationError:  # stored values that only fail together: what was sent stands alone
                data = given  # (`changed` then lists every field this removed)
    dumped = data.model_dump(mode="json", exclude_none=True)
    after = _stored(dumped)
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    kept = [] if replace else sorted(k for k in before if k not in sent and k in after)
    return Merged(data, changed, kept, existed=known is not None, dumped=dumped)
