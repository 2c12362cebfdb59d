"""Industry names and aliases -> built-in slugs.

Users type industries the way their CRM or LinkedIn spells them ("Casino/Gaming", "Hospital &
Health Care", "B2B SaaS"). Aliases are stored as normalised phrases (tokens joined by "_", filler
words dropped) so one entry covers every punctuation and casing variant.
"""

from __future__ import annotations

from core.text import stem, tokens
from industry_agents.text import slugify

# Filler that never decides an industry ("the casino industry" == "casino").
_FILLER = frozenset({"and", "the", "of", "industry", "industries", "sector", "vertical", "market", "space"})

_ALIAS_GROUPS: dict[str, list[str]] = {
    "casino": [
        "casino",
        "casino gaming",
        "gaming",
        "gambling",
        "casino resort",
        "resort casino",
        "casino hotel",
        "tribal gaming",
        "tribal casino",
        "racino",
        "sportsbook",
        "sports betting",
        "igaming",
        "gaming hospitality",
        "card room",
    ],
    "hotel": [
        "hotel",
        "hotels",
        "hospitality",
        "hotels hospitality",
        "hotel hospitality",
        "lodging",
        "resort",
        "resorts",
        "hotel resort",
        "hotels resorts",
        "boutique hotel",
        "hotel group",
        "hotel management",
        "leisure travel tourism",
        "travel hospitality",
        "motel",
    ],
    "restaurant": [
        "restaurant",
        "restaurants",
        "food beverage",
        "f b",
        "fnb",
        "qsr",
        "quick service restaurant",
        "fast casual",
        "casual dining",
        "fine dining",
        "dining",
        "restaurant group",
        "food service",
        "foodservice",
        "hospitality restaurants",
        "franchise restaurant",
        "cafe",
        "bakery cafe",
    ],
    "healthcare_clinic": [
        "clinic",
        "clinics",
        "healthcare clinic",
        "healthcare clinics",
        "medical practice",
        "medical clinic",
        "healthcare",
        "health care",
        "hospital health care",
        "medical",
        "medical group",
        "physician practice",
        "private practice",
        "urgent care",
        "outpatient",
        "dental",
        "dental practice",
        "dentistry",
        "dermatology",
        "physical therapy",
        "chiropractic",
        "med spa",
        "medical spa",
        "behavioral health",
        "specialty clinic",
        "medical practices",
    ],
    "saas": [
        "saas",
        "b2b saas",
        "software",
        "software as service",
        "computer software",
        "enterprise software",
        "b2b software",
        "software development",
        "cloud software",
        "martech",
        "hr tech",
        "devtools",
        "software company",
        "internet software",
    ],
    "ecommerce": [
        "ecommerce",
        "e commerce",
        "retail",
        "online retail",
        "retail ecommerce",
        "ecommerce retail",
        "dtc",
        "d2c",
        "direct consumer",
        "dtc brand",
        "consumer goods",
        "cpg",
        "online store",
        "shopify",
        "apparel fashion",
        "retailer",
        "consumer brand",
    ],
    "financial_services": [
        "financial services",
        "finance",
        "fintech",
        "banking",
        "bank",
        "banks",
        "credit union",
        "wealth management",
        "insurance",
        "insurtech",
        "lending",
        "payments",
        "asset management",
        "investment management",
        "capital markets",
        "mortgage",
        "community bank",
        "financial",
    ],
    "real_estate": [
        "real estate",
        "commercial real estate",
        "cre",
        "residential real estate",
        "property management",
        "proptech",
        "real estate brokerage",
        "brokerage",
        "realty",
        "multifamily",
        "property development",
        "real estate development",
        "homebuilder",
        "real estate investment",
        "reit",
    ],
    "manufacturing": [
        "manufacturing",
        "manufacturer",
        "industrial",
        "industrial manufacturing",
        "machinery",
        "automotive",
        "aerospace",
        "electronics manufacturing",
        "plastics",
        "metal fabrication",
        "chemicals",
        "packaging",
        "contract manufacturing",
        "oem",
        "industrial automation",
        "discrete manufacturing",
        "process manufacturing",
        "factory",
        "medical device",
        "medical devices",
    ],
    "professional_services": [
        "professional services",
        "consulting",
        "management consulting",
        "law firm",
        "legal",
        "legal services",
        "law practice",
        "accounting",
        "accounting firm",
        "cpa firm",
        "agency",
        "marketing agency",
        "advertising agency",
        "digital agency",
        "creative agency",
        "staffing",
        "recruiting",
        "staffing recruiting",
        "architecture",
        "engineering services",
        "it services",
        "managed services",
        "msp",
        "consultancy",
        "advisory",
    ],
}


# Words that mean "selling to" or "next to" an industry rather than being in it: "casino equipment
# suppliers" and "veterinary clinics" must not inherit the casino or healthcare profile by accident.
_QUALIFIERS = frozenset(
    {
        "equipment",
        "supplier",
        "suppliers",
        "supply",
        "vendor",
        "vendors",
        "software",
        "tech",
        "technology",
        "platform",
        "platforms",
        "lab",
        "labs",
        "laboratory",
        "veterinary",
        "vet",
        "animal",
        "pet",
        "pets",
        "distributor",
        "distributors",
        "wholesale",
    }
)


def normalize_industry(text: str) -> str:
    """Normalised key for an industry phrase: tokens minus filler, joined by '_'."""
    return "_".join(t for t in tokens(text) if t not in _FILLER)


ALIASES: dict[str, str] = {
    normalize_industry(alias): slug for slug, aliases in _ALIAS_GROUPS.items() for alias in aliases
}
# Every slug resolves to itself, and so does its display name's spelling (e.g. "real estate").
ALIASES.update({slug: slug for slug in _ALIAS_GROUPS})


def _lookup(words: list[str]) -> str | None:
    key = "_".join(words)
    return ALIASES.get(key) or ALIASES.get("_".join(stem(w) for w in words))


def resolve_slug(text: str) -> str:
    """Map an industry name or alias to a built-in slug, else return a slugified form of it.

    An exact alias wins. Otherwise the longest alias phrase found inside the text decides, but only
    when the phrases of that length all agree and no qualifier says the company serves the industry
    rather than belongs to it ("Tribal casinos" -> casino; "Hotel software" stays "hotel_software"
    and gets a generic profile).
    """
    words = [t for t in tokens(text) if t not in _FILLER]
    if not words:
        return slugify(text)
    exact = _lookup(words)
    if exact:
        return exact
    if any(w in _QUALIFIERS for w in words):
        return slugify(text)
    for size in range(min(len(words), 4), 0, -1):
        found = {slug for i in range(len(words) - size + 1) if (slug := _lookup(words[i : i + size])) is not None}
        if len(found) == 1:
            return found.pop()
        if found:
            break
    return slugify(text)
