"""The rules extractor: `ProspectFacts` from a normalised `ProspectData` and an `AgentProfile`.

What it reads, and how:
- the title with `titles.parse_title` (the agent's industry picks the convention);
- the persona by function x level, with the decision role (signer, champion, influencer): a
  manager-level match is a champion, an individual an influencer; a non-executive persona whose
  concerns share nothing with the sender's offer is an influencer for this offer;
- company type and disqualifiers: generic gates (a vendor or supplier that sells to the ICP, a
  competitor that sells what the sender sells, a distributor without production, a solo business,
  a distressed company) and each of the profile's own disqualifiers, read from their text;
  negation-aware ("not brand-affiliated" is not "brand-managed", "No manufacturing." is a distributor);
- events by lemma (open, launch, raise, hire, acquire, merge, renovate, expand, replatform, end, expire,
  renew, commission, join...) with their object and date, who acted (`subject`), a passive voice
  ("Acquired by X": the prospect is the object) and a colon-led statement's `topic`; the verb is read
  within reach of each clause's start, a verb used as a noun ("repeat purchase rate") is none, and a
  plan for new sites with no verb ("Not planning any new locations") is a (negated) expansion;
- quantities (percentages, money, counts) with what they measure (`what`) and the figure they are
  measured against (`against`: a target, a benchmark, a previous value, itself marked `reference`):
  "81% occupancy against a 95% target" is a state, never an event; each fact with its field and exact
  span;
- relevance to the sender's offer, computed from the offer text: the offer's themes (win-back,
  retention, outbound pipeline, direct booking, ordering, deposits, lease-up, downtime, business
  development, ...) against each fact's themes. Growth events are moderately relevant to any offer;
  a fact on the offer's own theme is highly relevant.

Pure and fast: regexes compiled once, profile-derived tables cached per profile content.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypeVar

from core.text import stem, tokens
from industry_agents.knowledge import BUILTIN
from industry_agents.resolve import resolve_slug
from industry_agents.text import contains_phrase
from intelligence import english
from intelligence.facts import (
    NO_RELEVANCE,
    NOT_BUYING,
    RELEVANT,
    CompanyType,
    Disqualifier,
    DisqualifierKind,
    Event,
    Firmographics,
    Mention,
    PersonaMatch,
    ProspectFacts,
    Quantity,
    Relevance,
    Role,
    Span,
    Tense,
    TitleReading,
    Unit,
)
from intelligence.foreign import read_foreign
from intelligence.personas import persona_role, persona_scope
from intelligence.prefilter import prefiltered
from intelligence.titles import convention_for, expanded_words, parse_title
from schemas import AgentProfile, Persona, ProspectData

_F = TypeVar("_F", Event, Quantity, Mention)

# --- themes: what a fact or an offer is about ---------------------------------------------------

_THEMES: dict[str, str] = {
    "win_back": r"lapsed|win[- ]?backs?|winning back|reactivat\w*|re-?engag\w*|haven'?t visited|not visited|"
    r"inactive|dormant|recall\w*|overdue|no-?show\w*|lost (?:players|patients|customers)|"
    # a quantified loss of the customer base: "lost roughly 18% of active carded players"
    r"lost [^.;]{0,40}\b(?:players|patients|customers|guests|members|subscribers|diners|shoppers|buyers)",
    "retention": r"retention|repeat (?:purchase|rate|customers|visits|orders)|churn\w*|lifecycle|loyalty|"
    r"fid[ée]lit[ée]|fid[ée]lisation|treue|fidelidad|fidelizaci[óo]n|fidelit[àa]|klantenbinding|"
    r"rewards|players? club|post-purchase|customer list|database marketing|crm|klaviyo|mailchimp|"
    r"sms|e-?mail|text(?:ing)? campaigns?|first orders|(?:second|another|repeat|next) (?:order|purchase)s?|"
    r"one-time (?:buyers|customers|purchasers)|(?:buy|order|purchase) only once|"
    r"never (?:re-?order|come back|return)",
    "acquisition": r"customer acquisition|new (?:customers|players|patients|members|accounts|clients)|cac|"
    r"lead gen\w*|acquisition campaigns?|cost per (?:lead|acquisition)|new logos?",
    "outbound": r"outbound|sdrs?|bdrs?|sales development|meetings|pipeline|account executives|\baes\b|"
    r"sales (?:team|reps|hires)|quota|prospecting|outsourced sdr|sdr-as-a-service|"
    # founder-led selling: the founder or CEO still does the sales work no team does yet
    r"founder-led (?:sales|selling)|(?:sales|selling) (?:is |are )?(?:still )?founder-led|"
    r"(?:founders?|ceo|owner) (?:still |personally )?(?:runs?|does|handles?|"
    r"takes?|leads?|closes?) (?:all |every |each |most |the )*(?:sales|deals?|demos?|discovery)",
    "direct_booking": r"otas?|booking\.com|expedia|commissions?|direct[- ]book\w*|metasearch|room nights|"
    r"bookings|buchungen|occupancy|revpar|e-?commerce|hostelworld|distribution",
    "ordering": r"online ordering|ordering|deliver(?:y|ies) apps?|delivery|doordash|uber ?eats|grubhub|deliveroo|"
    r"just ?eat|foodpanda|glovo|wolt|menulog|skipthedishes|skip the dishes|swiggy|zomato|"
    r"third-party|off-premise|click-and-collect|loyalty app|takeout|orders",
    "deposits": r"deposits?|loan-to-share|savings|\bisa\b|new accounts?|account opening|branch(?:es)?|"
    r"liquidity|share deposits|cds?\b|checking",
    "lease_up": r"lease-?ups?|leasing|leased|vacanc\w*|vacant|occupancy|concessions|free rent|units?\b|"
    r"rental tower|tenants?|apartment|(?:weeks?|months?) free",
    "downtime": r"downtime|oee|outages?|uptime|predictive maintenance|maintenance|machin\w*|cnc|"
    r"production lines?|lines?\b|second shift|presses|breakdowns?|reliability|vibration|"
    r"produktion|plant expansion|new plant",
    "bd": r"business development|new clients|client development|origination|book of business|"
    r"rainmak\w*|partners? retir\w*|retire\w*|replace (?:that|the) book|new practice|practice group|"
    r"lateral|bd directors|business development directors|new logos?|"
    # losing an anchor client is the classic case for new business
    r"lost (?:its|their|our|a|the|one) (?:largest|biggest|top|key|anchor|main|major) "
    r"(?:client|customer|account)s?",
}
_THEME_RE = {
    name: re.compile(r"(?<![a-z0-9])(?:" + pattern + r")(?![a-z0-9])") for name, pattern in _THEMES.items()
}
# One pass over a text finds every theme: each alternative is a named group. The word-start check is
# made once per position, before the alternatives (the same matches; 4-5x faster than one per theme).
_ANY_THEME = re.compile(
    "(?<![a-z0-9])(?:"
    + "|".join(f"(?P<{name}>(?:{pattern})(?![a-z0-9]))" for name, pattern in _THEMES.items())
    + ")"
)

# --- events ---------------------------------------------------------------------------------------

_LEMMAS: dict[str, str] = {}
for _lemma, _forms in {
    "open": "open opens opened opening reopen reopens reopened reopening eroffnet eroeffnet opent geopend "
    "ouvre ouvert inaugure abre abrio inaugura apre",
    "launch": "unveil rebrand debut "
    "launch launches launched launching relaunch relaunches relaunched relaunching lanza lanzo "
    "lancement lance lancia lanzamiento lancamento lancering startet "
    "lancou lancia lance unveiled unveils introduce introduced introducing debut debuted lanceert lanceren "
    "gelanceerd",
    "raise": "raise raises raised raising secured closed",
    "hire": "recruit hire hires hired hiring recruiting recruits contrata recrute sucht stellenanzeige "
    "stellenausschreibung stellenangebot vacature",
    "acquire": "buy purchase acquire acquires acquired acquiring bought buys purchased",
    "merge": "merge merges merged merging",
    "renovate": "refurbish remodel modernize modernise upgrade redesign "
    "renovate renovates renovated renovating remodel remodeled remodeling refurbish refurbished",
    "expand": "grow scale build construct double triple expand expands expanded expanding expansion",
    "replatform": "migrate switch replatform re-platform "
    "migrated migrating migrate switched switching replacing replaced replace moving moved",
    "relocate": "relocate relocated relocating relocates",
    "install": "implement deploy adopt install installs installed installing",
    "add": "add adds added adding",
    "deliver": "deliver delivers delivered delivering",
    "win": "won wins win winning",
    "appoint": "appoint appointed appoints named promoted",
    "start": "start starts started starting began begins nimmt startet",
    "roll_out": "rolled rolling",
    "announce": "announce announced announces announcing",
    "consolidate": "consolidating consolidated consolidate",
    "enter": "enter entered enters entering",
    "file": "filed files filing",
    "close": "closing closes close closed shutting",
    "lay_off": "laid",
    # A contract or term that runs out or is renewed: a switching window ("Deliveroo exclusivity contract ends
    # in June"). "ends" counts only with an agreement beside it (`_AGREEMENT`): "at both ends" is no event.
    "end": "ends ended ending",
    "expire": "expire expires expired expiring",
    "renew": "renew renews renewed renewing renewal",
    # Bringing new plant into service ("three new lines commissioning in Q2"); not "commission(s)", a fee.
    "commission": "commissioned commissioning",
    # A person who joined the company ("Rina Cho joined as CRO 5 weeks ago"): the person is the subject.
    "join": "join joins joined joining",
}.items():
    for _form in _forms.split():
        _LEMMAS[_form] = _lemma
# Base forms the inflection reader maps back ("reopen" -> open, "remodel" -> renovate).
_LEMMA_BASES: dict[str, str] = {
    form: lemma for form, lemma in _LEMMAS.items() if not form.endswith(("ing", "ed", "s")) or form in ("expands",)
}
_VERB_REACH = 9


@lru_cache(maxsize=8192)
def lemma_of(word: str) -> str | None:
    """The event lemma of an inflected verb form: the table, then -s/-es/-ed/-ing with doubled consonants
    and a dropped silent e ("reopens", "renovating", "expanded", "acquiring", "scaling" when listed)."""
    if word in _LEMMAS:
        return _LEMMAS[word]
    if len(word) < 4:
        return None
    candidates: list[str] = []
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            candidates += [base, base + "e"]
            if len(base) >= 2 and base[-1] == base[-2]:
                candidates.append(base[:-1])  # "planned" -> "plan"
            if suffix == "ed" and base.endswith("i"):
                candidates.append(base[:-1] + "y")
    for base in candidates:
        if base in _LEMMA_BASES:
            return _LEMMA_BASES[base]
    return None


_GROWTH = frozenset(
    {
        "open",
        "launch",
        "raise",
        "acquire",
        "merge",
        "renovate",
        "expand",
        "replatform",
        "relocate",
        "install",
        "add",
        "deliver",
        "win",
        "start",
        "roll_out",
        "consolidate",
        "hire",
    }
)
_NEW = re.compile(
    r"^(?:[A-Za-z ]{1,30}:\s*)?"  # a label first: "Research notes: New 240-flat block ..."
    r"(?:new|neuer|neues|neue|nouveau|nouvelle|nuevo|nueva|novo|nova|nuovo|nuova|nieuwe?)\s",
    re.I,
)
_DATE = re.compile(
    r"\b(?:in|by|through|since|until|from|for|im|en|au|this|next|last|early|late|mid)\s+"
    r"(?:q[1-4](?:\s+\d{4})?|\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?:\s+\d{4})?|"
    r"year|month|week|quarter|spring|summer|fall|autumn|winter|dezember|januar|march|"
    r"(?:spring|summer|fall|winter)\s+\d{4})\b|\b(?:this|next|last) (?:year|month|week|quarter)\b|"
    r"\b(?:q[1-4]\s+\d{4})\b|\bthrough \d{4}\b|"
    r"\b(?:at|by|before)\s+(?:the\s+)?(?:year[- ]end|end of (?:the )?(?:year|quarter))\b|"
    r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|few)\s+"
    r"(?:days?|weeks?|months?|years?|quarters?)\s+ago\b",
    re.I,
)
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9$€£%'+.,&-]+")

# --- quantities -------------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.,])(?P<cur>[$€£])?\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?"
    r"(?P<suffix>%|percent\b|x\b|k\b|m\b|mm\b|bn?\b|million\b|billion\b|\+)?"
    r"(?:\s?(?P<unit>months?|years?|weeks?|days?|hours?|rooms?|units?|locations?|stores?|sites?|clinics?|"
    r"practices?|hotels?|patients?|customers?|players?|presses?|machines?|employees?|people|lawyers?|"
    r"sq ft|square feet|-room|-unit|-lawyer|hospitals?))?",
    re.I,
)
_BARE_YEAR = re.compile(r"(?:19|20)\d\d")
_AGO = re.compile(r"\s*ago\b", re.I)
_HALF = re.compile(r"\babout half\b|\bhalf (?:of|the|our|their)\b", re.I)

# --- negation ----------------------------------------------------------------------------------------

_CLAUSE = re.compile(r"[,;:()|]|\bbut\b")
_PLANNED = re.compile(r"\b(?:will|plans? to|planned|next|upcoming|scheduled)\b", re.I)
_NON_LETTER = re.compile(r"[^a-z]")
# A sentence saying nothing will change: the facts beside it in the same field are not triggers.
_STATUS_QUO = re.compile(
    r"\bno (?:changes?|plans?|projects?|initiatives?|new)\b|\bnothing (?:planned|new)\b|"
    r"\bnot (?:planning|looking|in the market|a priority)\b|\bno (?:need|budget) (?:for|to)\b|"
    r"\balready (?:runs|has|have|uses|use|operates|owns|works with)\b|\b(?:happy|satisfied) with\b|"
    r"\bno (?:\w+ )?(?:issues|problems|complaints) (?:reported|noted)\b",
    re.I,
)
# The buyer's own "no" to buying now: a decision made, not merely nothing planned. "Not evaluating
# alternatives", "not reviewing partners before 2027", "locked into a contract".
_NOT_BUYING = re.compile(
    r"\bnot (?:currently |actively )?(?:evaluating|reviewing|considering|shopping|sourcing|replacing|switching|"
    r"open to (?:switching|replacing|new))\b|\b(?:won't|will not) (?:evaluate|review|consider|switch|replace)\b|"
    r"\bnot (?:currently |actively )?(?:looking (?:at|for) (?:(?:an?|any|new|outside|other|external) ){0,2}"
    r"(?:agenc(?:y|ies)|vendors?|partners?|providers?|suppliers?|alternatives|solutions|help)|"
    r"in the market for)\b|"
    r"\blocked (?:in|into)\b",
    re.I,
)
# "No plans to add first-party ordering": a no to buying only when what is not planned is the offer's own.
_NO_PLANS_TO = re.compile(
    r"\bno plans? to (?:add|buy|replace|switch|change|invest in|launch|build|bring in|adopt)\b", re.I
)
_NEGATION = re.compile(
    r"\b(?:no|not|without|never|non|none|nor|isn't|doesn't|don't|hasn't|lacks?|"
    r"pas|sans|aucune?|kein|keine|keinen|ohne|sin|ningún|ninguna|geen|zonder|nessun|nessuna|senza|sem|nenhum)\b",
    re.I,
)
# An event called off, before or after its verb: "Decided against opening ...", "Tower opening on hold".
_CALLED_OFF = re.compile(
    # "against" alone is a comparison ("81% occupancy against a 95% target"), not a decision
    r"\b(?:(?:decided|voted|chose|opted|ruled|came out) against|"
    r"postpone[sd]?|cancel+(?:ed|s)?|shelved|scrapped|abandoned|paused|halted|"
    r"called off|dropped (?:its |the )?plans?|on hold|delayed indefinitely|put off|backed out of|"
    r"no longer (?:plans?|planning))\b",
    re.I,
)

# --- disqualifiers ---------------------------------------------------------------------------------

_SELLS_TO_PRODUCT = re.compile(
    r"\b(software|platform|app|apps|crm|pos|booking engine|channel manager|sensors?|analytics|texting|"
    r"reminders|campaigns|agency|service|services|flows|search|lead generation|outreach|processing|"
    r"marketing|partner|systems?|tools?|solutions?|sdr-as-a-service|as-a-service|ordering|loyalty|recall|"
    r"reactivation|white-label|programs?|cms|engine)\b"
)
_CUSTOMER_NOUNS = (
    r"hotels?|casinos?|restaurants?|clinics?|practices|dental groups?|hospitals?|health systems?|banks?|"
    r"credit unions?|law firms?|cpa firms?|accounting firms?|firms|brands?|stores?|shops?|retailers?|"
    r"factories|manufacturers?|plants|operators?|property managers?|landlords?|apartments?|lease-?ups?|"
    r"saas|software (?:companies|clients)|companies|businesses|teams|clients|agencies|dtc|b2b|"
    r"merchants|properties|communities|owners|physicians|dentists|lenders"
)
_SELLS_X_TO = re.compile(
    r"\b(?:sells?|selling|markets|supplies|provides|offers)\b[^.;]{3,80}?\bto (?:[a-z&-]+ ){0,3}?(?:"
    + _CUSTOMER_NOUNS
    + r")\b"
)
_SELLS_TO = re.compile(
    r"\b(?:for|used by|serving|serves|sells? to|trusted by|built for|helps|helping|supplies|vendor to|supplier to|"
    r"agency for|partner to|powering|(?:provides|offers|"
    r"sells|markets|delivers|distributes|supplies)\b[^.;]{0,60}?\bto)\s+"
    r"(?:about\s+|over\s+|more than\s+)?(?:\d[\d,]*\+?\s+)?"
    r"(?:[a-z&-]+\s+){0,3}?(?:" + _CUSTOMER_NOUNS + r")\b"
)
# Selling verbs say "vendor" by themselves; "for hotels" needs a product word too.
_SELL_VERB = re.compile(
    r"\b(?:(?:recruits|places|staffs|sources|headhunts)\b[^.;]{0,40}?\b(?:for|at|into)\s+"
    r"(?:[a-z&-]+\s+){0,3}?(?:" + _CUSTOMER_NOUNS + r")|sells? to|vendor to|supplier to|"
    r"(?:provides|offers|sells|markets|delivers|distributes|supplies)\b"
    r"[^.;]{0,60}?\bto\s+(?:about\s+|over\s+|more than\s+)?(?:\d[\d,]*\+?\s+)?(?:[a-z&-]+\s+){0,3}?"
    r"(?:" + _CUSTOMER_NOUNS + r"))\b"
)
# "Restaurant customers make up 80% of its book", "its clients are mostly hotels": it sells to them.
_CLIENTELE = re.compile(
    r"\b(?:restaurant|hotel|casino|clinic|dental|medical practice|bank|credit union|law firm|cpa firm|"
    r"accounting firm|manufacturer|factory|plant|retailer|merchant|landlord|property manager|saas|"
    r"operator)s? (?:customers|clients|accounts) (?:make up|are|account for|represent)\b|"
    r"\b(?:customers|clients|customer base|client base|book) (?:is |are )?(?:mostly |mainly |largely )?"
    r"(?:[a-z-]+ )?"
    r"(?:restaurants|hotels|casinos|clinics|banks|credit unions|law firms|manufacturers|factories|retailers|"
    r"merchants|landlords|property managers)\b"
)
# "Supplier of equipment to hotels", "a consultancy serving law firms", "distributor of parts for clinics".
_SUPPLIER_TO = re.compile(
    r"\b(?:supplier|distributor|reseller|wholesaler|vendor|provider|maker|consultancy|consultants|agency|"
    r"integrator|dealer)s?\b(?: of [^.;]{1,50}?)?\s+(?:to|for|serving|that serves|selling to|used by)\s+"
    r"(?:about |over |more than )?(?:\d[\d,]*\+? )?(?:[a-z&-]+ ){0,3}?(?:" + _CUSTOMER_NOUNS + r")\b"
)
_IN_HOUSE = re.compile(r"\b(?:its own|our own|in-house|their own)\b")
_AGENCY_INDUSTRY = re.compile(
    r"marketing (?:and|&) advertising|advertising|marketing services|public relations|"
    r"lead generation|outsourcing|design services|graphic design|branding|creative services"
)


@lru_cache(maxsize=64)
def _icp_lists_agencies(kinds: tuple[str, ...]) -> bool:
    """The ICP's own company types include agencies (marketing agency, creative agency): agencies buy here."""
    return any(
        re.search(r"\b(?:marketing|creative|digital|advertising|ad|design|branding|pr|media) agenc", k)
        for k in kinds
    )


_SOFTWARE_INDUSTRY = re.compile(
    r"\bsoftware\b|health it|information technology|\bit services\b|\btech\b|saas|"
    r"internet|computer"
)
_FORMER_NOTES = re.compile(
    r"\b(?:left (?:the company|[A-Z][\w&' ]+ in)|open to work|between roles|no longer (?:at|with)|"
    r"retired (?:in|from)|former employee)\b"
)


@dataclass(frozen=True)
class _Rule:
    """A detector for one kind of disqualifier: evidence regex over company text, optional extras."""

    concept: str
    kind: DisqualifierKind
    label: str
    evidence: re.Pattern[str] | None = None
    max_employees: int | None = None
    max_revenue: int | None = None
    also: re.Pattern[str] | None = None  # a second pattern that must also be found
    also_if_tiny: bool = False  # a company well below the ICP size band meets `also` ("no marketing budget")
    unless: re.Pattern[str] | None = None  # voids the evidence ("a 24-room property" is no single unit)


def _rx(pattern: str) -> re.Pattern[str]:
    """Evidence and trigger patterns are lower-case and searched in lower-cased text (no re.I: faster);
    behind their literal prefilter (`intelligence.prefilter`: the same answers, the regex engine skipped
    for a text holding none of the words every match needs)."""
    return prefiltered(re.compile(pattern))


# Concepts a profile's disqualifier text can name, with the evidence that shows them in a prospect.
_RULE_CONCEPTS: tuple[tuple[re.Pattern[str], _Rule], ...] = (
    (
        _rx(r"affiliate|online-only"),
        _Rule(
            "affiliate",
            "profile",
            "an online-only affiliate with no property",
            _rx(r"\baffiliate\b|no land-based|no (?:physical )?property|online-only"),
        ),
    ),
    (
        _rx(r"supplier|manufacturer"),
        _Rule(
            "supplier",
            "vendor",
            "a supplier that sells to the industry, not an operator",
            _rx(
                r"slot (?:cabinet|machine)s?|gaming systems|supplier|manufacturer of|"
                r"game studio|cabinet"
            ),
        ),
    ),
    (
        _rx(r"dropship"),
        _Rule(
            "dropship",
            "profile",
            "a dropshipper without its own brand or customer list",
            # the word, or what it means: orders ship straight from the supplier and the store owns no brand
            _rx(
                r"drop-?ship|aliexpress|\bships? (?:direct(?:ly)? |straight )?from (?:the |its |overseas |"
                r"\w+ )?(?:suppliers?|manufacturers?|factories|wholesalers?)\b|"
                r"(?:fulfilled|shipped) (?:direct(?:ly)? |straight )?(?:by|from) (?:the |its |overseas |\w+ )?"
                r"(?:suppliers?|manufacturers?|factories|wholesalers?)\b|no (?:own |in-house )brand|"
                r"(?:holds|keeps|carries) no (?:stock|inventory)"
            ),
        ),
    ),
    (
        _rx(r"liquidation|winding down|bankrupt|closing|receivership|closure|enforcement action|hiring freeze"),
        _Rule(
            "distress",
            "distress",
            "a company in distress (closing, insolvent or frozen)",
            _rx(
                r"liquidat\w*|(?:entered|in|into) administration|winding down|"
                r"wind down|chapter (?:7|11)|bankrupt\w*|"
                r"receivership|(?:court|lender)-appointed receiver|receivers? (?:took|takes|has taken|have taken) "
                r"(?:control|over|possession)|receivers? (?:was |were |has been |have been )?appointed|"
                r"foreclos(?:ed|ure|ing)|deed in lieu|handed (?:the keys|\w+ (?:buildings?|properties|assets)) "
                r"back to (?:the |its )?lenders?|"
                r"closing \d+|closing (?:all|its|the|underperforming)|will close|to close|"
                r"scheduled (?:for|to) clos\w*|shutting down|consent order|enforcement action|cease and desist|"
                r"hiring freeze|laid off|layoffs|budget cuts|"
                r"regulator sign-off|permanently closed|closed its doors|"
                r"ceased (?:operations|trading)|going out of business|out of business|insolvenc\w*|insolvent|"
                r"wind-down|shutting (?:down|its)|closing (?:down|permanently)|dissolv(?:ing|ed|es|e)\b|"
                r"dissolution|administrators? (?:appointed|called in|named)|"
                r"(?:plant|site|factory|store|office|branch|firm|company) closures?|"
                # "Plant closes at year-end", "the mill is shutting": the site itself closes.
                r"(?:plant|site|factory|facility|mill|store|branch|clinic|hotel|property) "
                r"(?:closes|is closing|will be closed|shuts|is shutting)\b|"
                r"closure (?:announced|planned|scheduled|confirmed)|(?:portfolio|company|business|assets) "
                r"(?:to be|being|will be) (?:sold off|liquidated|wound up)|fire sale|"
                r"(?:production|manufacturing|operations) (?:moving|moved|relocating) offshore"
            ),
        ),
    ),
    (
        _rx(r"single-advisor|single advisor"),
        _Rule(
            "solo", "solo", "a single-advisor practice", _rx(r"single[- ]advisor|solo advisor"), max_employees=3
        ),
    ),
    (
        _rx(r"solo|sole practitioner|no staff"),
        _Rule(
            "solo",
            "solo",
            "a solo practice with no staff",
            _rx(r"\bsolo\b|sole practi\w*|no staff|one-person"),
            max_employees=2,
        ),
    ),
    (
        _rx(r"individual agent"),
        _Rule(
            "solo",
            "solo",
            "an individual agent without a team",
            _rx(r"individual agent|no team|solo agent"),
            max_employees=2,
        ),
    ),
    (
        _rx(r"food truck|pop-up"),
        _Rule("solo", "solo", "a single food truck or pop-up", _rx(r"food truck|\btruck\b|pop-up")),
    ),
    (
        _rx(r"vacation rental"),
        _Rule(
            "solo",
            "profile",
            "a single-unit vacation rental",
            _rx(r"airbnb|vrbo|one (?:beach )?(?:house|cabin|unit|cottage)|single (?:unit|cabin)"),
            # Airbnb as one booking channel of a property with rooms to sell is not a single-unit rental
            unless=_rx(
                r"\b(?:[3-9]|[1-9]\d+)[- ]"
                r"(?:rooms?|keys|units|cabins|suites|villas|cottages|apartments|bedrooms)\b"
            ),
        ),
    ),
    (
        _rx(r"brand-managed|sit with the brand|decisions sit at corporate|part of a chain"),
        _Rule(
            "corporate_controlled",
            "profile",
            "a location whose marketing decisions sit with the brand or corporate",
            _rx(
                r"brand-managed|managed by the (?:franchisor|brand)|decided by (?:brand )?(?:corporate|the brand)|"
                r"set by (?:hq|headquarters|corporate)|"
                r"all decisions (?:sit|made) at corporate|corporate-owned (?:location|unit|store|site|restaurant)|"
                r"(?:run|set|managed|decided|controlled|handled|owned|made|bought|chosen) (?:centrally )?"
                r"(?:by|at) (?:the )?(?:brand(?:'s)?|franchisor(?:'s)?|corporate|hq|headquarters|head office|"
                r"parent(?: company)?|central (?:team|office))\b|"
                r"(?:brand|franchisor|corporate|hq|head office)(?:'s)? central (?:team|office|marketing)"
            ),
        ),
    ),
    (
        _rx(r"hostel|budget motel"),
        _Rule(
            "hostel_no_budget",
            "profile",
            "a hostel or budget motel with no marketing budget",
            _rx(r"hostels?|motels?|budget (?:inn|hotel|lodging)"),
            also=_rx(
                r"no (?:\w+ )?(?:(?:sales|marketing)(?: or | and | ))+budget|no budget for (?:sales|marketing)"
            ),
            also_if_tiny=True,
        ),
    ),
    (
        _rx(r"hospital system|central committee"),
        _Rule(
            "hospital_system",
            "profile",
            "a hospital system that buys through a central committee",
            _rx(
                r"hospital system|health system|\d+-hospital|"
                r"value analysis committee|central (?:purchasing )?committee|"
                r"system-wide"
            ),
        ),
    ),
    (
        _rx(r"pre-product|fewer than \d+ customers"),
        _Rule(
            "pre_pmf",
            "profile",
            "a pre-product-market-fit startup",
            _rx(
                r"pre-seed|pre-revenue|pre-product|no paying customers|design partners|"
                r"\b(?:one|two|three|four|five|"
                r"six|seven|eight|nine|[1-9]) (?:pilot |paying )?customers\b"
            ),
        ),
    ),
    (
        _rx(r"consumer|no b2b"),
        _Rule(
            "consumer_only",
            "no_fit",
            "a consumer-only business with no B2B sales motion",
            _rx(
                r"no b2b|consumer[- ](?:only|apps?)|consumer [\w-]+ apps?\b|consumer internet|"
                r"(?:sold|distributed|available|sells) (?:only )?(?:through|via|on|in) (?:the )?app stores?|"
                r"b2c only|direct-to-consumer app"
            ),
        ),
    ),
    (
        _rx(r"distributor|reseller|no production"),
        _Rule(
            "distributor",
            "distributor",
            "a distributor or reseller with no production",
            _rx(r"\bdistribut(?:or|ors|es)\b|\breseller\b|\bresells\b|no (?:own )?(?:manufacturing|production)"),
        ),
    ),
    (
        _rx(r"panel|rfp appointments|inbound"),
        _Rule(
            "panel_only",
            "profile",
            "a firm that only takes panel or RFP work",
            _rx(
                r"panel appointments|does not pursue (?:direct )?client development|"
                r"only (?:takes|works|comes) .{0,30}(?:panel|rfp)|"
                r"(?:all|only)\b[^.;]{0,40}\b(?:through|via|from) [^.;]{0,30}\b(?:panels?|rfps?|tenders?)\b|"
                r"framework panels?|rfp appointments|"
                r"no direct (?:outreach|client development|business development)"
            ),
        ),
    ),
    (
        _rx(r"no capacity|not accepting"),
        _Rule(
            "no_capacity",
            "solo",
            "a practice not accepting new clients",
            _rx(r"not accepting new clients|no capacity"),
        ),
    ),
    (
        _rx(r"jurisdiction|bans the marketing"),
        _Rule(
            "channel_banned",
            "profile",
            "a jurisdiction that bans the marketing channel offered",
            _rx(
                r"\bbans?\b[^.;]{0,40}(?:sms|text|e-?mail|marketing|advertising|promotion)|"
                r"(?:sms|text|e-?mail|marketing|advertising|"
                r"promotions?) (?:is |are )?(?:banned|prohibited|not allowed)|"
                r"prohibit\w*[^.;]{0,30}(?:sms|text|e-?mail|marketing|"
                r"advertising|promotion)|advertising ban|marketing ban"
            ),
        ),
    ),
    (
        _rx(r"\bphi\b|unsecured"),
        _Rule(
            "phi_unsecured",
            "profile",
            "a use case that would send PHI through unsecured channels",
            _rx(
                r"\bphi\b|unsecured|unencrypted|no baa|(?:won'?t|will not|refuses? to) sign a baa|not hipaa|"
                r"personal (?:gmail|email|phones?)"
            ),
        ),
    ),
    (
        _rx(r"unapproved claims|returns or rates"),
        _Rule(
            "unapproved_claims",
            "profile",
            "an offer that would need unapproved claims about returns or rates",
            _rx(
                r"guarantee\w*[^.;]{0,20}(?:returns?|rates?|yield)|"
                r"unapproved claims|crypto yield|promis\w* returns"
            ),
        ),
    ),
    (
        _rx(r"unsolicited outreach"),
        _Rule(
            "outreach_restricted",
            "profile",
            "a market where unsolicited outreach is restricted",
            _rx(
                r"do[- ]not[- ](?:call|contact|solicit)|unsolicited[^.;]{0,30}(?:restricted|"
                r"banned|prohibited|not allowed)|"
                r"no[- ]solicitation|non-solicitation (?:order|rule|zone)|solicitation (?:ban|restrict\w*)"
            ),
        ),
    ),
    (
        _rx(r"bar or professional rules|forbid"),
        _Rule(
            "rules_forbid",
            "profile",
            "a firm whose professional rules forbid the outreach channel offered",
            _rx(
                r"bar rules|professional (?:conduct )?rules[^.;]{0,40}(?:forbid|prohibit|ban)|forbid\w*[^.;]{0,30}"
                r"(?:solicitation|outreach|cold|contact)|prohibit\w* (?:solicitation|cold outreach|cold contact)|"
                r"no cold (?:outreach|calls?|emails?)"
            ),
        ),
    ),
)
_UNDER = re.compile(r"under \$?(\d+(?:\.\d+)?)\s*(k|m|million)?\s*(people|employees|staff)?", re.I)


@lru_cache(maxsize=256)
def _profile_rules(disqualifiers: tuple[str, ...]) -> tuple[tuple[_Rule, str], ...]:
    """The detectors a profile's own disqualifier texts name, each with the text it applies."""
    rules: list[tuple[_Rule, str]] = []
    for text in disqualifiers:
        for trigger, rule in _RULE_CONCEPTS:
            if trigger.search(text.lower()):
                rules.append((rule, text))
                break
        else:
            if (m := _UNDER.search(text)) is not None:
                amount = float(m.group(1))
                scale = {"k": 1_000, "m": 1_000_000, "million": 1_000_000}.get((m.group(2) or "").lower(), 1)
                if m.group(3) or (scale == 1 and "$" not in text):
                    rules.append((_Rule("too_small", "solo", text, max_employees=int(amount) - 1), text))
                else:
                    rules.append((_Rule("too_small", "solo", text, max_revenue=int(amount * scale) - 1), text))
        if (
            (m := _UNDER.search(text)) is not None
            and rules
            and rules[-1][1] == text
            and rules[-1][0].concept != "too_small"
        ):
            amount = float(m.group(1))
            scale = {"k": 1_000, "m": 1_000_000, "million": 1_000_000}.get((m.group(2) or "").lower(), 1)
            if m.group(3):
                rules.append((_Rule("too_small", "solo", text, max_employees=int(amount) - 1), text))
            elif m.group(2) or "$" in text:
                rules.append((_Rule("too_small", "solo", text, max_revenue=int(amount * scale) - 1), text))
    return tuple(rules)


# --- offer ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Offer:
    """The sender's offer as the extractor sees it: its themes and its distinctive words."""

    text: str
    themes: frozenset[str]
    words: frozenset[str]
    targets: tuple[str, ...]  # company kinds the offer names ("banks", "credit unions")
    functions: frozenset[str] = frozenset()  # the buyer functions the offer serves
    stated: bool = True  # False: no seller offer, the profile's value propositions stand in


_OFFER_FUNCTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "marketing",
        re.compile(
            r"marketing|campaigns?|e-?mail|sms|paid (?:search|social)|metasearch|loyalty|"
            r"retention|direct-booking|reactivation|nurture|ads\b|pipeline|meetings|demand"
        ),
    ),
    ("sales", re.compile(r"\bsdrs?\b|meetings|outbound|business development|sales|pipeline|lead gen")),
    ("sales", re.compile(r"lease-?up|leasing|fill vacant")),
    (
        "operations",
        re.compile(
            r"machine|maintenance|downtime|oee|production|monitoring|appointment|scheduling|"
            r"operations"
        ),
    ),
    ("engineering", re.compile(r"machine monitoring|predictive maintenance|reliability")),
    ("revenue_management", re.compile(r"room nights|direct-booking|otas?\b|pricing")),
)


_OFFER_STOP = frozenset(
    {
        "that",
        "with",
        "from",
        "your",
        "their",
        "more",
        "than",
        "campaigns",
        "campaign",
        "team",
        "teams",
        "marketing",
        "email",
        "sales",
        "faster",
        "lifts",
        "cuts",
        "fill",
        "move",
        "moves",
        "shift",
        "win",
        "back",
        "books",
        "qualified",
        "compliance-reviewed",
        "digital",
        "away",
        "paid",
        "social",
        "search",
        "programmes",
        "programs",
        "partners",
        "firms",
        "outsourced",
    }
)


@lru_cache(maxsize=256)
def offer_of(profile_offer: str | None, industry: str, value_props: tuple[str, ...] = ()) -> Offer:
    """The offer's themes and words; without a stated offer, the profile's value propositions stand in."""
    text = (profile_offer or " ".join(value_props)).lower()
    themes = frozenset(name for name, rx in _THEME_RE.items() if rx.search(text))
    words = frozenset(stem(t) for t in tokens(text) if len(t) >= 4 and t not in _OFFER_STOP)
    targets: tuple[str, ...] = ()
    if (m := re.search(r"\bfor ([a-z ,&-]+)$", text)) is not None:
        targets = tuple(t.strip() for t in re.split(r",|\band\b|&", m.group(1)) if t.strip())
    functions = frozenset(name for name, rx in _OFFER_FUNCTIONS if rx.search(text))
    return Offer(
        text=text, themes=themes, words=words, targets=targets, functions=functions, stated=bool(profile_offer)
    )


def profile_offer(profile: AgentProfile) -> Offer:
    """The offer an agent sells for. Built without one (the built-in profiles), the profile's value
    propositions and its own listed buying signals stand in: a trigger the industry's knowledge names
    ("hiring player development roles") is relevant when no narrower offer says otherwise."""
    stand_in = () if profile.seller.get("offer") else (*profile.value_propositions, *profile.icp.signals)
    return offer_of(profile.seller.get("offer"), profile.industry, tuple(stand_in))


# Rising acquisition cost is the classic case for retention: it touches both themes.
_ACQUISITION_COST = re.compile(r"\b(?:customer )?acquisition costs?\b|\bcac\b|\bcost per (?:acquisition|order)\b")


@lru_cache(maxsize=4096)
def _themes_of_word(word: str) -> tuple[str, ...]:
    """Every theme a matched phrase belongs to: a word several share ("occupancy": direct booking and
    lease-up) counts for each."""
    return tuple(name for name, rx in _THEME_RE.items() if rx.fullmatch(word))


@lru_cache(maxsize=16384)
def themes_in(text: str) -> frozenset[str]:
    """The themes a text touches (win-back, retention, outbound, direct booking, ...)."""
    found: set[str] = set()
    low = text.lower()
    if _ACQUISITION_COST.search(low):
        found.update(("acquisition", "retention"))
    pos = 0
    while (m := _ANY_THEME.search(low, pos)) is not None:
        found.add(m.lastgroup or "")
        found.update(_themes_of_word(m.group(0)))
        pos = m.end() if m.end() > pos else pos + 1
    return frozenset(found)


@lru_cache(maxsize=16384)
def relevance(text: str, offer: Offer, *, base: float = 0.0) -> Relevance:
    """How directly `text` bears on the offer: its themes against the offer's, then shared words."""
    shared = themes_in(text) & offer.themes
    if shared:
        return Relevance(0.9, tuple(sorted(shared)))
    words = {stem(t) for t in tokens(text) if len(t) >= 4}
    common = words & offer.words
    if len(common) >= 2:
        return Relevance(0.7, tuple(sorted(common)))
    return Relevance(base, ()) if base else NO_RELEVANCE


# The pains offers relieve, as opposed to the tools they sell: "no vacancy" denies a need, while
# "no SDR team yet" or "no loyalty program" names a gap the offer fills.
_NEED_WORDS = re.compile(
    r"\b(?:vacanc\w*|vacant|empty units|downtime|outages?|breakdowns?|churn\w*|lapsed|inactive|dormant|"
    r"no-?shows?|overdue|commissions?|(?:ota|third-party|aggregator) (?:reliance|dependence|fees))\b"
)


@lru_cache(maxsize=4096)
def denied_need(text: str, offer: Offer) -> bool:
    """The text names the pain the offer relieves only to deny it: "no vacancy to fill", "no lapsed players"
    (not a missing tool: "no SDR team yet" is the gap the offer fills)."""
    low = text.lower()
    if not (themes_in(text) & offer.themes):
        return False
    needs = list(_NEED_WORDS.finditer(low))
    return bool(needs) and all(_negated(low, m.start()) for m in needs)


# --- helpers -------------------------------------------------------------------------------------

# A period ends a sentence only before a space or the end: "€1.9M" and "Booking.com" stay whole.
_SENTENCE = re.compile(r"(?:[^.;!?\n]|\.(?=\S))+(?:[.;!?]|$)")


@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence-ish piece of `text` (split on . ; ! ? and newlines, not decimals);
    cached: the notes are split by the extractor, the seller reading and the gates alike."""
    out: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1] in " .;!?\n":
            end -= 1
        if end > start:
            out.append((start, end))
    return tuple(out)


def _negated(text: str, start: int) -> bool:
    """True when a negation word sits within the four words before `start` in the same clause."""
    window = _CLAUSE.split(text[max(0, start - 60) : start])[-1]
    words = window.split()
    if start > 60 and words:
        words = words[1:]  # the first word may be cut in half
    return bool(_NEGATION.search(" ".join(words[-4:])))


def _pieces(prospect: ProspectData) -> list[tuple[str, int | None, str, int, int]]:
    """(field, index, field text, start, end) for every signal and every notes sentence."""
    out: list[tuple[str, int | None, str, int, int]] = []
    for index, signal in enumerate(prospect.signals):
        text = signal
        for start, end in _sentences(text) or [(0, len(text))]:
            out.append(("signals", index, text, start, end))
    if prospect.notes:
        for start, end in _sentences(prospect.notes):
            out.append(("notes", None, prospect.notes, start, end))
    return out


def _tense(first_word: str, text: str) -> Tense:
    low = first_word.lower()
    if _PLANNED.search(text):
        return "planned"
    if low.endswith("ing"):
        return "ongoing"
    if low.endswith("ed") or low in ("won", "began", "bought", "closed", "eroffnet", "opent", "laid"):
        return "past"
    return "unknown"


_FUNDING = re.compile(r"\bseries [a-f]\b|\bround\b|\bseed\b|[$€£]|\bfunding\b|\bcapital\b|\bfinancing\b", re.I)
_DISTRESS_OBJECT = re.compile(r"administration|receivership|bankruptcy|insolvency|liquidation|chapter", re.I)


# A clause boundary inside a sentence: the verb reach restarts after it ("The Birchway at Midtown: 240 units,
# first move-ins in June, pre-leasing opens next month"). Not the comma in "41,000".
_CLAUSE_MARK = re.compile(r",(?!\d{3})|[;:()]|\s[-–—]\s")
# A colon-led statement: the label the statement is about ("The Birchway at Midtown:", "$22M capex:").
_TOPIC = re.compile(r"^(?P<topic>[^:;.]{2,60}?):\s+\S")
# An agreement that can end, expire or be renewed: "ends" only names an event beside one of these.
_AGREEMENT = re.compile(
    r"\b(?:contracts?|agreements?|leases?|exclusivity|deals?|partnerships?|terms?|subscriptions?|licen[cs]es?|"
    r"franchise|arrangements?|retainers?|engagements?|commitments?|pilots?|trials?|warrant(?:y|ies)|tenure|"
    r"mandates?|rfps?|sponsorships?|concessions?)\b",
    re.I,
)
# A bare verb form used as a noun: "repeat purchase rate", "email open rates", "a start date", "open roles".
_NOUN_BEFORE = frozenset(
    [
        "a",
        "an",
        "the",
        "repeat",
        "first",
        "second",
        "third",
        "next",
        "last",
        "its",
        "their",
        "our",
        "his",
        "her",
        "per",
        "each",
        "every",
        "this",
        "that",
        "one",
        "average",
        "avg",
        "email",
        "e-mail",
        "soft",
        "grand",
    ]
)
_NOUN_AFTER = frozenset(
    [
        "rate",
        "rates",
        "order",
        "orders",
        "price",
        "prices",
        "intent",
        "history",
        "frequency",
        "cost",
        "costs",
        "volume",
        "value",
        "date",
        "dates",
        "window",
        "cycle",
        "funnel",
        "page",
        "flow",
        "flows",
        "journey",
        "path",
        "behavior",
        "behaviour",
        "decision",
        "decisions",
        "roles",
        "positions",
        "reqs",
        "requisitions",
        "to-book",
        "enrollment",
        "house",
        "button",
    ]
)
# "the new building is ...", "office building", "building permits": the noun, not the verb "to build".
_BUILDING_KINDS = frozenset(
    [
        "new",
        "office",
        "apartment",
        "rental",
        "residential",
        "commercial",
        "medical",
        "mixed-use",
        "flagship",
        "main",
        "historic",
        "existing",
        "industrial",
        "retail",
        "storey",
    ]
)
_OPEN_HOURS = frozenset(["daily", "year-round", "late", "until", "24", "24/7", "seven", "weekends"])
_BUILDING_NEXT = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "sits",
        "stands",
        "remains",
        "at",
        "in",
        "on",
        "has",
        "had",
        "permit",
        "permits",
        "code",
        "codes",
        "department",
        "management",
        "owner",
        "owners",
        "services",
        "systems",
        "materials",
        "products",
        "supplies",
        "automation",
    ]
)
# Words before a verb that are not its subject: auxiliaries and adverbs ("was recently acquired").
_AUX = re.compile(
    r"\b(?:was|were|is|are|been|being|be|has|have|had|got|gets|just|recently|newly|officially|formally|quietly|"
    r"finally|already|also|will|would|set to|due to|expected to|plans? to|planning to|wants? to|aims? to|"
    r"hopes? to|looking to|about to|not|no|never)\b",
    re.I,
)
# What follows an intransitive verb when it names no object: a date or a preposition ("opens next month",
# "ends in June", "commissioning in Q2", "joined as CRO").
_NO_OBJECT = re.compile(
    r"^(?:in|on|at|by|from|next|this|last|early|late|mid|soon|shortly|later|until|after|before|"
    # a noun event's schedule: "Loyalty program relaunch slated for spring", "A grand opening is set for June"
    r"(?:is |are |was |were )?(?:slated|scheduled|set|planned|announced|expected|due|pending|underway|"
    r"under way|on track|confirmed))(?=\s|$)"
)
# A preposition or conjunction before the verb: what the verb is about starts after it ("after app launch",
# "until a second physician joins", "built at launch").
_LEAD_IN = re.compile(r"\b(?:after|before|since|until|till|following|post|upon|once|when|while)\s+", re.I)
# "Exclusivity deal with DoorDash is up for renewal": the deal is what is renewed.
_UP_FOR = re.compile(r"\s*\b(?:is|are|comes?|coming)?\s*(?:up|due)\s+for$", re.I)
_ENDS_IN_PREPOSITION = re.compile(r"\b(?:at|of|on|for|to|with|from|in|by|after|before|since|until)$", re.I)
# A noun phrase announcing new sites or capacity after a plan word, with no verb: "Not planning any new
# locations", "Planning two new stores in 2027", "no new sites planned this year".
_PLAN_WORD = re.compile(
    r"\b(?:plan(?:s|ned|ning)?|intend(?:s|ed|ing)?|considering|eyeing|scouting|pipeline|on the horizon|"
    r"on the cards|in the works|expect(?:s|ed|ing)?|targeting|looking (?:at|for)|evaluating|exploring)\b",
    re.I,
)
_NEW_THING = re.compile(
    r"\b(?:new|more|additional|further|another|extra)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<noun>locations?|stores?|sites?|restaurants?|units?|branch(?:es)?|offices?|clinics?|practices?|"
    r"hotels?|properties|communities|buildings?|towers?|plants?|factories|lines?|markets?|outlets?|"
    r"venues?|doors|shops?|franchises?|openings?)\b",
    re.I,
)
_SITE_NOUN = re.compile(
    r"^(?:locations?|stores?|sites?|restaurants?|branch(?:es)?|offices?|clinics?|practices?|hotels?|properties|"
    r"communities|markets?|outlets?|venues?|doors|shops?|franchises?|openings?)$",
    re.I,
)
# "New Salford scheme is at 81% occupancy": a new thing's measured state, no event.
_MEASURED_STATE = re.compile(
    r"\b(?:is|are|was|were|sits?|stands?|remains?|hovers?|stuck|running|runs)\b(?:\s+[\w-]+){0,2}?\s+"
    r"(?:at\s+)?(?:only\s+|just\s+|about\s+|around\s+|roughly\s+|~)?[$€£]?\d",
    re.I,
)


def _bare_noun(words: list[re.Match[str]], i: int, w: str) -> bool:
    """The verb form at `i` is a noun or an adjective here ("repeat purchase rate", "open roles", "the new
    building is 58% occupied"); "building" is the verb only before what is built ("Building a new plant")."""
    after = words[i + 1].group(0).lower().strip(",.") if i + 1 < len(words) else ""
    before = words[i - 1].group(0).lower().strip(",.") if i > 0 else ""
    if w == "open" and after in _OPEN_HOURS:
        return True  # "open daily", "open 24 hours": opening hours, not an opening
    if w == "building":
        return not after or before in _NOUN_BEFORE or before in _BUILDING_KINDS or after in _BUILDING_NEXT
    if w not in _LEMMA_BASES or w.endswith(("ing", "ed")):
        return False
    return before in _NOUN_BEFORE or after in _NOUN_AFTER


@lru_cache(maxsize=4096)
def _clause_starts(piece: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in _CLAUSE_MARK.finditer(piece)))


def _find_verb(
    piece: str, words: list[re.Match[str]], topic: re.Match[str] | None = None
) -> tuple[str | None, int]:
    """The first event verb within `_VERB_REACH` words of its clause's start, read through its inflections;
    in a colon-led statement the statement's verb before the label's noun ("Plant expansion: second line
    commissioned in March" is a commissioning)."""
    if topic is not None:
        body = next((i for i, m in enumerate(words) if m.start() >= topic.end("topic")), len(words))
        found = _find_verb_in(piece, words, body, len(words))
        return found if found[0] is not None else _find_verb_in(piece, words, 0, body)
    return _find_verb_in(piece, words, 0, len(words))


def _find_verb_in(piece: str, words: list[re.Match[str]], lo: int, hi: int) -> tuple[str | None, int]:
    starts: tuple[int, ...] | None = None  # clause starts, read only past the first _VERB_REACH words
    clause, in_clause = 0, 0
    for i in range(lo, hi):
        m = words[i]
        if i - lo >= _VERB_REACH:
            if starts is None:
                starts = _clause_starts(piece)
                if len(starts) == 1:
                    break  # one clause: nothing past the reach
                # the clause the search began in (a colon-led body starts inside the piece)
                clause = max(k for k, start in enumerate(starts) if start <= words[lo].start())
            while clause + 1 < len(starts) and m.start() >= starts[clause + 1]:
                clause, in_clause = clause + 1, 0
            if in_clause >= _VERB_REACH:
                in_clause += 1
                continue
        found = _token_lemma(m.group(0))
        if (
            found is not None
            and not _bare_noun(words, i, _token_word(m.group(0)))
            # "ends" names an event only beside an agreement: "contract ends in June", not "at both ends"
            and (found != "end" or _AGREEMENT.search(_clause_of(piece, m.start())))
        ):
            return found, i
        in_clause += 1
    return None, 0


@lru_cache(maxsize=16384)
def _token_word(token: str) -> str:
    return _NON_LETTER.sub("", token.lower().replace("ö", "o").replace("é", "e").replace("ó", "o"))


@lru_cache(maxsize=16384)
def _token_lemma(token: str) -> str | None:
    return lemma_of(_token_word(token))


def _clause_of(piece: str, at: int) -> str:
    starts = _clause_starts(piece)
    start = max(s for s in starts if s <= at)
    end = min((s for s in starts if s > at), default=len(piece))
    return piece[start:end]


def _before_verb(piece: str, verb_start: int) -> str:
    """The clause's words before the verb, without auxiliaries, adverbs and a leading date: its subject."""
    start = max((s for s in _clause_starts(piece) if s <= verb_start), default=0)
    text = _DATE.sub(" ", piece[start:verb_start])
    lead_end = 0
    for lead in _LEAD_IN.finditer(text):
        lead_end = lead.end()  # what the verb is about starts after the last lead-in
    text = text[lead_end:]
    text = _AUX.sub(" ", text)
    text = _UP_FOR.sub("", " ".join(text.split()).strip(" ,.;:-")).strip()
    return "" if _ENDS_IN_PREPOSITION.search(text) else text


def _event_in(
    piece: str, offset: int, field: str, index: int | None, offer: Offer, company: str | None = None
) -> Event | None:
    words = list(_WORD.finditer(piece))
    if not words:
        return None
    # The verb may follow a date, a subject or an adverb ("Last month the group opened ..."): read up
    # to _VERB_REACH words of each clause, each through its inflections.
    topic_m = _TOPIC.match(piece) if ":" in piece else None
    lemma, verb_at = _find_verb(piece, words, topic_m)
    new_thing = None
    if lemma is None and _NEW.match(piece):
        if _MEASURED_STATE.search(piece):
            return None  # "New Salford scheme is at 81% occupancy against a 95% target": a state, not news
        # "Neuer Spa-Flügel eröffnet im Dezember", "New CFO": a noun phrase announcing something new.
        for i, m in enumerate(words[1:], start=1):
            w = _NON_LETTER.sub("", m.group(0).lower().replace("ö", "o"))
            if w in _LEMMAS:
                lemma, verb_at = _LEMMAS[w], i
                break
        lemma = lemma or "add"
        verb_at = -1 if lemma == "add" else verb_at
    if lemma is None and _PLAN_WORD.search(piece) and (new_thing := _NEW_THING.search(piece)) is not None:
        # A plan for new sites or capacity, with no verb: "Not planning any new locations".
        lemma = "expand" if _SITE_NOUN.match(new_thing.group("noun")) else "add"
    if lemma is None:
        return None
    topic = topic_m.group("topic").strip() if topic_m else ""
    if new_thing is not None:
        verb_start = new_thing.start()
        obj = word = new_thing.group(0)
    else:
        verb = words[max(verb_at, 0)]
        verb_start = verb.start()
        word = verb.group(0)
        if lemma in ("raise", "close") and word.lower() == "closed":
            # "Closed £12M Series A" raised money; "Closed two stores" closed something.
            lemma = "raise" if _FUNDING.search(piece) else "close"
        obj_start = words[verb_at + 1].start() if verb_at + 1 < len(words) else len(piece)
        obj = piece[0 if verb_at == -1 else obj_start :]
    date = _DATE.search(piece if new_thing is not None else obj)
    date_text = date.group(0) if date else None
    if date and new_thing is None:
        obj = obj[: date.start()]
    obj = obj.strip(" ,.;")
    if date_text is None and _BARE_YEAR.fullmatch(obj):
        date_text, obj = obj, ""  # "Lease expires 2026"
    if lemma == "join" and obj.lower().startswith("forces"):
        lemma, obj = "merge", obj[6:].strip()  # "Joining forces with a regional group"
    subject, passive = "", False
    if verb_at >= 0 and new_thing is None:
        before = _before_verb(piece, verb_start)
        if topic and before.startswith(topic):
            before = before[len(topic) :].strip(" :")
        low = word.lower()
        if obj.lower().startswith("by ") and (low.endswith("ed") or low in ("bought", "won", "laid")):
            # "Acquired by Sagebrush Health Partners in March": the agent did it to the prospect.
            subject, passive = obj[3:].strip(), True
            obj = before or company or "the company"
        elif not obj or _NO_OBJECT.match(obj.lower()) or (lemma == "join" and obj.lower().startswith("as ")):
            if lemma == "join":
                # "Rina Cho joined as CRO": the person joined, in the role after "as" (else the joiner).
                subject = before
                obj = obj[3:].strip() if obj.lower().startswith("as ") else before
            elif before:
                # "Deliveroo exclusivity contract ends in June", "pre-leasing opens next month": what the
                # intransitive verb happens to is its subject.
                obj = before
        else:
            subject = before
    negated = _negated(piece, verb_start) or bool(_CALLED_OFF.search(piece))
    span = Span(field=field, text=piece, start=offset, end=offset + len(piece), index=index)
    return Event(
        lemma=lemma,
        object=obj,
        span=span,
        date_text=date_text,
        tense=_tense(word, piece),
        negated=negated,
        relevance=event_relevance(lemma, piece, obj, offer, negated),
        subject=subject,
        passive=passive,
        topic=topic,
        verb="" if new_thing is not None or verb_at < 0 else word,
    )


# Facilities beside the core business: growing them is not growth of what an offer sells into.
_ANCILLARY = re.compile(
    r"\b(?:meeting|event|events|conference|banquet|function|board) (?:space|rooms?|facilit\w+|cent(?:er|re)s?|"
    r"venues?|halls?)\b|\bballrooms?\b|\bparking\b|\bcar parks?\b|\bparking garages?\b"
)

# ... unless the same event grows the core business too: "adding 40 rooms and a ballroom".
_CORE_GROWTH = re.compile(
    r"\b(?:rooms|keys|units|suites|locations?|stores?|restaurants?|hotels?|sites?|clinics?|branches|"
    r"apartments?|beds|production|lines?|plants?|towers?|properties)\b"
)


GAP = Relevance(0.3, ("the gap the offer fills",))  # what the company lacks and the offer supplies: fit


@lru_cache(maxsize=4096)
def missing_tool(text: str, offer: Offer) -> bool:
    """The text names the offer's subject only as missing ("no SDR team yet", "pas de SDR", "no outbound
    motion"): the gap the offer fills (a fit), not a change happening now; not a denied need either."""
    low = text.lower()
    hits = [m for m in _ANY_THEME.finditer(low) if m.lastgroup in offer.themes]
    # A counted team ("five account executives") says how big the team is: neither news nor the gap.
    hits = [m for m in hits if not _COUNTED.search(low[max(0, m.start() - 20) : m.start()])]
    return (
        bool(hits)
        and all(_NO_NOUN.search(low[max(0, m.start() - 40) : m.start()]) for m in hits)
        and not denied_need(text, offer)
    )


_COUNTED = re.compile(
    r"(?:\b\d+|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen))\s+(?:[\w-]+\s+)?$"
)


# A negation of a thing, just before it ("no SDR team", "pas de SDR", "without an outbound motion"), not of a
# behaviour ("customers never place a second order" is the pain itself).
_NO_NOUN = re.compile(
    r"\b(?:no|without|lacks?|pas d[e']|sans|aucune?|kein(?:e|en)?|ohne|sin|ningún|ninguna|geen|zonder|"
    r"nessun[oa]?|senza|sem|nenhum|(?:their|its|our|his|her) own|in-house)\s*(?:[\w-]+\s+){0,2}$"
)  # ... or done by the company itself ("reps book their own meetings"): the same gap


def event_relevance(lemma: str, text: str, obj: str, offer: Offer, negated: bool = False) -> Relevance:
    """How an event bears on the offer: growth events moderately, the offer's own theme highly, a hire
    into a function the offer serves as a trigger, a negated event not at all (either engine's event)."""
    if negated:
        return NO_RELEVANCE
    if missing_tool(text, offer):
        return GAP  # "no SDR team; AEs prospect themselves": the gap the offer fills is fit, not a trigger
    if lemma == "enter" and not _DISTRESS_OBJECT.search(obj):
        base = 0.6  # entering a market, a country or a segment is expansion
    elif lemma in ("enter", "file", "close", "lay_off", "announce", "appoint") or lemma == "hire":
        base = 0.3
    else:
        base = 0.6 if lemma in _GROWTH else 0.3
    if base == 0.6 and _ANCILLARY.search(obj.lower()) and not _CORE_GROWTH.search(_ANCILLARY.sub("", obj.lower())):
        base = 0.3  # meeting space, a ballroom, a car park: serves groups and events, not the offer's buyers
    rel = relevance(text, offer, base=base)
    if lemma == "hire" and rel.score < RELEVANT and offer.stated:
        # Hiring into a function the offer serves ("Hiring a lifecycle marketing manager") is a trigger.
        hired = parse_title(_hired_role(obj))
        if hired is not None and hired.function in offer.functions and hired.function != "other":
            rel = Relevance(0.6, (hired.function,))
    return rel


# "Manages about 6,000 apartment units", "Operates 42 hotels across the Southeast": how big the company is.
_SIZE_STATEMENT = re.compile(
    r"^(?:it |the (?:company|group|firm) )?(?:manages|operates|owns|runs|oversees|has|with|portfolio of)"
    r"(?: about| around| roughly| approximately| over| more than| nearly| some| almost)? \d[\d,]*\+? "
    r"(?:[a-z-]+ ){0,3}(?:units|apartments|apartment homes|rooms|keys|doors|locations|sites|stores|clinics|"
    r"practices|properties|hotels|restaurants|branches|buildings|communities|beds|offices)\b"
    r"(?:\s+(?:across|in|throughout|around)\b[^.;]*)?$"
)
# One measure of size in a list of them: "$410M in assets", "14 branches", "~22k members", "AUM of $2B".
_SIZE_PART = re.compile(
    r"^(?:~|about |around |roughly |approximately |over |nearly |some |more than )?[$€£]?\d[\d,.]*\s?"
    r"(?:k|m|mm|b|bn|million|billion)?\+? (?:in |of )?(?:[a-z-]+ ){0,2}(?:assets|aum|deposits|loans|"
    r"members|customers|clients|patients|policyholders|accounts|branches|locations|offices|sites|stores|units|"
    r"doors|rooms|keys|beds|employees|staff|people|properties|hotels|restaurants|clinics|practices|plants|"
    r"factories|warehouses|lines|buildings|communities|attorneys|lawyers|partners|providers|physicians)$"
)
_LIST_BREAK = re.compile(r"\s*(?:,(?!\d{3})|;|\band\b|\bwith\b)\s*")  # not the comma in "41,000"


def _size_list(low: str) -> bool:
    """The sentence is nothing but measures of size ("$1.4B in assets, 14 branches"): context."""
    parts = [p for p in _LIST_BREAK.split(low) if p]
    return bool(parts) and all(_SIZE_PART.match(p) for p in parts)


# Occupancy or leasing at or near full: the space is filled, there is nothing to fill.
_FILLED = re.compile(
    r"\b(?P<pct>9[3-9]|100)(?:\.\d+)?\s?(?:%|percent)\s*(?:occupied|occupancy|leased|full|booked)\b|"
    r"\b(?:occupancy|occupied|leased)\b[^.;%]{0,30}?\b(?:9[3-9]|100)(?:\.\d+)?\s?(?:%|percent)"
)
_STABLE = Relevance(0.3, ("context",))
# Occupancy that moved or is only partly good is news: "fell from 95% to 78%", "95% occupied but only ...".
_CHANGE_WORDS = re.compile(
    r"\b(?:fell|fall|falls|dropp\w*|drops?|down|declin\w*|slipp\w*|lower|below|only|"
    r"stuck|but|while|yet|from)\b"
)
_PERCENTS = re.compile(r"(\d+(?:\.\d+)?)\s?(?:%|percent)")


@lru_cache(maxsize=16384)
def quantity_relevance(text: str, offer: Offer) -> Relevance:
    """How a quantity's sentence bears on the offer (either engine's quantity). A size statement
    ("manages about 6,000 units") and occupancy at or above 93% say how big or how full the company is:
    context, not a trigger."""
    low = text.lower().strip(" .;")
    if missing_tool(text, offer):
        return GAP
    if (
        _SIZE_STATEMENT.match(low)
        or _size_list(low)
        or (
            _FILLED.search(low)
            and not _CHANGE_WORDS.search(low)
            and all(float(p) >= 90 for p in _PERCENTS.findall(low))
        )
    ):
        return _STABLE
    return relevance(text, offer, base=0.3)


# "81% occupancy against a 95% target": the number after "against" is the reference the first is measured by.
_COMPARED = re.compile(
    r"\b(?:against|vs\.?|versus|compared (?:to|with)|relative to)\s+"
    r"(?:(?:an?|the|their|its|our|~|about|around|roughly|a planned|planned)\s*)*$",
    re.I,
)
_GOAL_BEFORE = re.compile(
    r"(?:\b(?:target(?:ing)?|goal|aim|budgeted|pro ?forma|underwrit(?:e|ing)|forecast|quota|benchmark)"
    r"(?:\s+(?:of|is|was|at|for))?[\s:]*|"
    # "board wants it under 40%", "management wants share deposits up 10%": a goal stated as a wish
    r"\b(?:wants?|aims?|hopes?|targets?)\b[^,;.]{0,30}?\b(?:under|below|above|over|to|at|up|down|by)\s+)"
    r"(?:~|about\s+|around\s+)?$",
    re.I,
)
_GOAL_AFTER = re.compile(
    r"^\s*(?P<word>target|goal|budget|pro ?forma|underwrite|plan|forecast|quota|benchmark|"
    r"(?:industry|category|peer|market|portfolio|national|regional) (?:average|norm|median|benchmark)|"
    r"for (?:the|its|their) (?:category|industry|market|peers?|sector|portfolio|segment))\b",
    re.I,
)
_MEASURE_STOP = re.compile(
    r"^(?:against|vs|versus|compared|and|but|with|from|to|at|in|for|on|across|after|by|of|per|since|over|through|"
    r"under|below|above|is|are|was|were|this|last|next|while|than|a|an|the|up|down)$",
    re.I,
)
_MEASURE_FILLER = re.compile(
    r"^(?:is|are|was|were|at|about|around|roughly|approximately|only|just|sits?|stands?|stuck|~|of|to|fell|"
    r"rose|dropped|grew|hit|reached|now|currently|still|down|up|a|an|the|said|says|on|that|it|its|their|by|"
    r"for|in|with|via|vs|versus|against|compared|under|over|below|above|from)$",
    re.I,
)
_MEASURE_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'-]*|[^\sA-Za-zÀ-ÿ]+")


_FROM_BEFORE = re.compile(r"\bfrom\s+(?:~|about\s+|around\s+)?$", re.I)
_DOWN_UP_FROM = re.compile(r"\b(?:down|up|fell|dropped|declined|slipped|rose|grew|climbed)\s+from\s+\S*$", re.I)
_TO_NUMBER = re.compile(r"^\s*to\s+[~$€£]?\d", re.I)
_PAIR_GAP = re.compile(r"^\s*(?:and|or|to|-|–)\s*$")


def _what_measured(before: str, after: str) -> str:
    """The short thing a number measures: up to three words after it ("81% occupancy"), else before it
    ("pipeline coverage is 1.6x"), cut at prepositions, copulas and punctuation."""
    out: list[str] = []
    after = re.sub(r"^\s*of\s+", "", after)  # "60% of room nights"
    for w in _MEASURE_WORD.findall(after)[:4]:
        if not w[0].isalpha() or _MEASURE_STOP.match(w) or len(out) == 3:
            break
        out.append(w)
    if out:
        return " ".join(out)
    words = _MEASURE_WORD.findall(_CLAUSE_MARK.split(before)[-1])
    while words and (_MEASURE_FILLER.match(words[-1]) or not words[-1][0].isalpha()):
        words.pop()
    for i in range(len(words) - 1, -1, -1):
        if not words[i][0].isalpha() or _MEASURE_FILLER.match(words[i]) or len(words) - i > 3:
            words = words[i + 1 :]
            break
    return " ".join(words)


def _reference(before: str, after: str) -> str:
    """The word naming a number as a goal or benchmark ("a 95% target", "target 15%", "~30% for the
    category"), "comparison" after "against"/"vs", "previous" for where a figure was ("down from 29%",
    "fell from 31% to 24%"), else ""."""
    if (goal := _GOAL_AFTER.match(after)) is not None:
        return goal.group("word").lower()
    before = before[-50:]  # the patterns below end at the number: the last words are all they read
    if (goal := _GOAL_BEFORE.search(before)) is not None:
        word = goal.group(0).split()[0].lower().strip(":")
        return "goal" if word.startswith(("want", "aim", "hope")) else word
    if _COMPARED.search(before):
        return "comparison"
    if _FROM_BEFORE.search(before) and (_DOWN_UP_FROM.search(before) or _TO_NUMBER.match(after)):
        return "previous"  # "down from 29%", "fell from 31% to 24%": where the figure was
    return ""


def _with_references(out: list[Quantity]) -> list[Quantity]:
    """Each measured number gets the reference figure of its sentence in the same unit (`against`)."""
    refs = [q for q in out if q.reference]
    if not refs:
        return out
    measured = next((q.what for q in out if not q.reference and q.what), "")
    out = [replace(q, what=measured) if q.reference and not q.what else q for q in out]
    refs = [q for q in out if q.reference]
    return [
        q if q.reference else replace(q, against=next((r.value for r in refs if r.unit == q.unit), None))
        for q in out
    ]


def _quantities_in(piece: str, offset: int, field: str, index: int | None, offer: Offer) -> list[Quantity]:
    out: list[Quantity] = []
    gaps: list[str] = []  # the text between each quantity and the next ("61% and 48% leased": " and ")
    last_end = -1
    for m in _NUMBER.finditer(piece):
        raw = m.group("num")
        if not raw:
            continue
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            continue
        suffix = (m.group("suffix") or "").lower()
        unit_word = (m.group("unit") or "").lower()
        cur = m.group("cur")
        # A bare year ("in 2027", "Q2 2027") is a date, not a quantity; so is "5 weeks ago".
        if not cur and not suffix and not unit_word and (1900 <= value <= 2100 or value < 2):
            continue
        if unit_word and _AGO.match(piece, m.end()):
            continue
        unit: Unit
        if suffix in ("%", "percent"):
            unit = "percent"
        elif cur or suffix in ("m", "mm", "b", "bn", "million", "billion", "k"):
            unit = "usd" if cur in (None, "$") else "other"
            scale = {"k": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}
            value *= scale.get(suffix, 1)
        elif suffix == "x":
            unit = "ratio"
        elif unit_word.startswith(("month",)):
            unit = "months"
        elif unit_word.startswith(("year",)):
            unit = "years"
        elif unit_word.startswith(("day", "week", "hour")):
            unit = "days" if unit_word.startswith("day") else "other"
        else:
            unit = "count"
        span = Span(field=field, text=piece, start=offset, end=offset + len(piece), index=index)
        measure = (piece[: m.start()] + piece[m.end() :]).strip(" ,.;")
        # what sits next to the number is all these readings need (bounded: the regexes anchor at its end)
        before, after = piece[max(0, m.start() - 80) : m.start()], piece[m.end() : m.end() + 60]
        if out:
            gaps.append(piece[last_end : m.start()])
        last_end = m.end()
        reference = _reference(before, after)
        out.append(
            Quantity(
                value=value,
                unit=unit,
                measure=measure,
                span=span,
                relevance=quantity_relevance(piece, offer),
                what=reference
                if reference and reference not in ("comparison", "previous")
                else " ".join((unit_word.lstrip("-"), _what_measured("", after))).strip()
                if unit_word
                else _what_measured(before, after),
                reference=reference,
            )
        )
    if not out and _HALF.search(piece):
        # "delivery apps are about half of weeknight orders"
        span = Span(field=field, text=piece, start=offset, end=offset + len(piece), index=index)
        out.append(
            Quantity(
                value=50.0, unit="percent", measure=piece, span=span, relevance=quantity_relevance(piece, offer)
            )
        )
    for i in range(len(gaps) - 1, -1, -1):
        # "61% and 48% leased": the first of a pair measures what the second does
        if _PAIR_GAP.match(gaps[i]) and out[i].unit == out[i + 1].unit and not out[i].reference:
            out[i] = replace(out[i], what=out[i + 1].what)
    return _with_references(out)


# --- persona -------------------------------------------------------------------------------------


def _persona_relevant(persona: Persona, offer: Offer) -> bool:
    """The persona's concerns (name, priorities, pains, titles) share a theme with the offer."""
    return _concerns_touch(
        persona.name, tuple(persona.priorities), tuple(persona.pains), tuple(persona.titles), offer
    )


@lru_cache(maxsize=1024)
def _concerns_touch(
    name: str, priorities: tuple[str, ...], pains: tuple[str, ...], titles: tuple[str, ...], offer: Offer
) -> bool:
    return relevance(" ".join([name, *priorities, *pains, *titles]), offer).score >= 0.9


_ROLE_SHARE: dict[Role, float] = {"signer": 1.0, "champion": 0.6, "influencer": 0.3}


def _keyword_match(persona: Persona, title: TitleReading) -> bool:
    """The title (abbreviations expanded) contains one of the persona's title keywords."""
    words, present = _title_words(title.raw)
    return _first_phrase(list(words), tuple(persona.titles), present) is not None


@lru_cache(maxsize=8192)
def _title_words(raw: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A title's words, abbreviations expanded, and their folded stems (read once per title, not per persona)."""
    words = tuple(expanded_words(raw))
    return words, frozenset(stem(w) for w in words)


def _first_phrase(words: list[str], phrases: tuple[str, ...], present: frozenset[str] | None = None) -> str | None:
    """The first of `phrases` whose tokens occur contiguously in `words` (plurals folded), else None;
    a phrase whose first word is absent is skipped without a scan (the hot path)."""
    if present is None:
        present = frozenset(stem(w) for w in words)
    for phrase in phrases:
        needle = _phrase_stems(phrase)
        if needle and needle[0] in present and (len(needle) == 1 or contains_phrase(words, phrase)):
            return phrase
    return None


def _general_executive(title: TitleReading) -> bool:
    """An owner, CEO, president, managing director or COO: runs the whole business, not one function."""
    return title.function == "executive" or (title.level == "c_level" and title.function == "operations")


def _specialist_chief(title: TitleReading) -> bool:
    """A chief of one specialist function (chief medical, credit, legal, technology officer), not the
    business's general executive: an owner-physician is flagged owner and stays the executive."""
    return (
        title.level == "c_level"
        and title.function in _SPECIALIST_FUNCTIONS
        and not (title.has("owner") or title.has("founder"))
    )


_SPECIALIST_FUNCTIONS = frozenset({"clinical", "finance", "legal", "it", "hr", "engineering", "procurement"})


def _role_for_offer(
    role: Role, persona: Persona, functions: tuple[str, ...], title: TitleReading, offer: Offer
) -> Role:
    """The persona's role for this title and this offer.

    Executives (an executive persona at C-level) sign anything. Otherwise the role holds when the
    title's function is one the offer serves; when only the persona's concerns touch the offer's
    themes a director-level title is a champion at best and a manager an influencer; when nothing
    touches the offer, an influencer. A manager is never the signer: at best a champion, and only in
    a function the offer serves or under one of the persona's own titles. A general executive is never
    below a champion; a chief of a specialist function the offer does not serve (chief medical, credit,
    legal officer) is an influencer. A VP or director whose title names the offer's theme signs.
    """
    if (
        "executive" in functions
        and title.level in ("c_level", "vp", "director")
        and (
            _general_executive(title)
            or not offer.stated
            or title.function in offer.functions
            or (_keyword_match(persona, title) and not _specialist_chief(title))
        )
    ):
        return role  # the owners and general executives buy whatever the business needs
    if not offer.stated:
        # No offer to narrow the buyers: the persona's own role, a manager at best a champion.
        return "champion" if title.level == "manager" and role == "signer" else role
    themed = _persona_relevant(persona, offer)
    in_function = bool(set(title.functions) & offer.functions) or (
        themed and bool(set(functions) & offer.functions)
    )
    if title.level == "manager":
        if role == "influencer":
            return role
        own_function = bool(set(title.functions) & offer.functions)
        # A persona's title word in a seller's title ("Catering Sales Manager") names what they sell, not
        # what they buy: the keyword makes no champion of a seller unless the offer serves sales.
        seller = bool(_SELLER_TITLE.search(title.raw.lower())) and "sales" not in offer.functions
        keyword = _keyword_match(persona, title) and not seller
        return "champion" if own_function or keyword else "influencer"
    if title.level in ("vp", "director") and themes_in(title.raw) & offer.themes:
        # A director whose title names what the offer does ("Director of Off-Premise") owns it.
        in_function = True
        role = "signer" if role == "champion" else role
    if not in_function:
        if themed and not _specialist_chief(title):
            role = "champion" if role == "signer" else role
        else:
            role = "influencer"
    if title.level == "c_level" and role == "influencer" and _general_executive(title):
        role = "champion"
    # A chief whose function the offer does not touch (credit, medical, legal) stays an influencer.
    return role


_PARTNER_WORDS = frozenset({"partnerships", "partnership", "alliances", "alliance", "channel"})


def _partner_manager(title: TitleReading) -> bool:
    """A partnerships, alliances or channel manager: runs partners, does not buy for the business."""
    return title.level == "manager" and bool(_PARTNER_WORDS & set(expanded_words(title.raw)))


# A manager of the whole site ("Office Manager", "Practice Mgr"), not of one function in it.
_SITE_MANAGER = re.compile(r"\b(?:office|practice|clinic|general|site|store|restaurant)\s+(?:mgr|manager)\b")
_ONE_SITE = 50  # below this headcount a business is one site: whoever manages the site runs the business


def match_persona(
    profile: AgentProfile, title: TitleReading | None, offer: Offer, employees: int | None = None
) -> PersonaMatch | None:
    """The best persona for the title by function x level, with the decision role for this offer.

    The title's decisive function must be one of the persona's functions and its level one of the
    persona's levels. The role is the persona's, then: manager level is a champion (never the
    signer), individual contributors, partner marketing and product owners are influencers, and a
    non-executive persona whose function and concerns the offer does not touch is an influencer.
    """
    if title is None or title.level in ("junior", "former"):
        return None
    best: tuple[tuple[int, int, int, int], Persona, TitleReading, Role] | None = None
    # Each function the title heads, the decisive one first: "Dir. of Retail Delivery & Marketing" heads
    # marketing too, and matches a marketing persona by it (ranked after an equal match by the decisive one).
    readings = [title, *(replace(title, function=f) for f in title.functions if f != title.function)]
    for order, (persona, reading) in enumerate((p, r) for r in readings for p in profile.personas):
        functions, levels = persona_scope(persona)
        if reading.function not in functions or reading.level not in levels:
            continue
        role = persona_role(persona)
        own_role = role
        role = _role_for_offer(role, persona, functions, reading, offer)
        if (
            role == "champion"
            and own_role == "signer"
            and reading.level == "manager"
            and employees is not None
            and employees < _ONE_SITE
            and _SITE_MANAGER.search(" ".join(_title_words(reading.raw)[0]))
        ):
            role = "signer"  # the office manager of a one-site practice runs it: no one above to sign
        if (
            reading.level == "individual"
            or reading.has("partner_marketing")
            or reading.has("product_owner")
            or _partner_manager(reading)
        ):
            role = "influencer"
        # The best role first; between equals, the persona that names the title ("deposits") over the first.
        rank = (
            {"signer": 0, "champion": 1, "influencer": 2}[role],
            0 if _keyword_match(persona, reading) else 1,
            0 if reading is readings[0] else 1,
            order,
        )
        if best is None or rank < best[0]:
            best = (rank, persona, reading, role)
    if best is None:
        return None
    _, persona, reading, role = best
    why = (
        f"{reading.reference} matches the {persona.name} persona ({reading.function.replace('_', ' ')}, "
        f"{reading.level.replace('_', '-')}) as {role}"
    )
    return PersonaMatch(
        persona=persona.name,
        role=role,
        share=_ROLE_SHARE[role],
        function=reading.function,
        level=reading.level,
        why=why,
    )


# --- company -------------------------------------------------------------------------------------

_COUNTRIES: dict[str, str] = {
    "united states": "United States",
    "usa": "United States",
    "us": "United States",
    "u s": "United States",
    "canada": "Canada",
    "united kingdom": "United Kingdom",
    "uk": "United Kingdom",
    "england": "United Kingdom",
    "scotland": "United Kingdom",
    "wales": "United Kingdom",
    "mexico": "Mexico",
    "australia": "Australia",
    "macau": "Macau",
    "macao": "Macau",
    "china": "China",
    "hong kong": "Hong Kong",
    "singapore": "Singapore",
    "japan": "Japan",
    "india": "India",
    "philippines": "Philippines",
    "brazil": "Brazil",
    "brasil": "Brazil",
    "argentina": "Argentina",
    "colombia": "Colombia",
    "chile": "Chile",
    "south africa": "South Africa",
    "new zealand": "New Zealand",
    "uae": "United Arab Emirates",
    "dubai": "United Arab Emirates",
    "israel": "Israel",
    "korea": "South Korea",
    "south korea": "South Korea",
    "nigeria": "Nigeria",
}
_EUROPE = {
    "germany",
    "deutschland",
    "france",
    "spain",
    "espana",
    "italy",
    "italia",
    "netherlands",
    "nederland",
    "nl",
    "belgium",
    "belgie",
    "belgique",
    "austria",
    "osterreich",
    "switzerland",
    "schweiz",
    "suisse",
    "portugal",
    "ireland",
    "sweden",
    "sverige",
    "norway",
    "denmark",
    "finland",
    "poland",
    "czech republic",
    "czechia",
    "malta",
    "greece",
    "hungary",
    "romania",
    "luxembourg",
    "croatia",
    "slovakia",
    "slovenia",
    "estonia",
    "latvia",
    "lithuania",
    "bulgaria",
    "cyprus",
    "iceland",
}
_CA_PROVINCES = {
    "ontario",
    "quebec",
    "british columbia",
    "alberta",
    "manitoba",
    "saskatchewan",
    "nova scotia",
    "new brunswick",
    "newfoundland",
    "pei",
    "prince edward island",
    "on",
    "qc",
    "bc",
    "ab",
    "mb",
    "sk",
    "ns",
    "nb",
}
_US_STATES = {
    "al",
    "ak",
    "az",
    "ar",
    "ca",
    "co",
    "ct",
    "de",
    "fl",
    "ga",
    "hi",
    "id",
    "il",
    "in",
    "ia",
    "ks",
    "ky",
    "la",
    "me",
    "md",
    "ma",
    "mi",
    "mn",
    "ms",
    "mo",
    "mt",
    "ne",
    "nv",
    "nh",
    "nj",
    "nm",
    "ny",
    "nc",
    "nd",
    "oh",
    "ok",
    "or",
    "pa",
    "ri",
    "sc",
    "sd",
    "tn",
    "tx",
    "ut",
    "vt",
    "va",
    "wa",
    "wv",
    "wi",
    "wy",
    "dc",
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "west virginia",
    "wisconsin",
    "wyoming",
}


@lru_cache(maxsize=4096)
def country_of(location: str | None) -> tuple[str | None, bool]:
    """(country, in Europe) read from the last parts of a location string; (None, False) when unsure."""
    if not location:
        return None, False
    parts = [" ".join(tokens(p)) for p in location.split(",") if p.strip()]
    for part in reversed(parts):
        if part in _COUNTRIES:
            return _COUNTRIES[part], False
        if part in _EUROPE:
            return part.title(), True
        if part in _US_STATES:
            return "United States", False
        if part in _CA_PROVINCES:
            return "Canada", False
    return None, False


def _in_regions(location: str | None, regions: list[str]) -> bool | None:
    """True/False when the location is recognised; None when it is not (no judgement)."""
    if not regions:
        return None
    country, europe = country_of(location)
    if country is None:
        return None
    wanted = {r.lower() for r in regions}
    if country.lower() in wanted:
        return True
    return bool((europe or country == "United Kingdom") and "europe" in wanted)


# Industry words the built-in aliases lack: other languages and product categories (stems, lower-case).
_MORE_INDUSTRY: dict[str, tuple[str, ...]] = {
    "hotel": ("hotellerie", "hotelaria", "alberghiero", "hoteles", "hotel", "horeca", "hospitalite"),
    "manufacturing": (
        "maschinenbau",
        "fertigung",
        "automotriz",
        "automotive",
        "manufactura",
        "produzione",
        "fabricacion",
        "food production",
        "plastics",
        "machinery",
        "industrial",
        "metal",
        "steel",
        "chemicals",
        "packaging",
        "aerospace",
        "electronics",
        "antriebstechnik",
        "industrie",
    ),
    "professional_services": (
        "advocatuur",
        "advocaten",
        "advocatenkantoor",
        "kanzlei",
        "rechtsanwalt",
        "abogados",
        "avocats",
        "advogados",
        "studio legale",
        "accountancy",
        "steuerberatung",
        "wirtschaftsprufung",
        "it services",
        "information technology and services",
        "consulting",
        "accounting",
        "legal",
        "law",
    ),
    "healthcare_clinic": (
        "gesundheitswesen",
        "praxis",
        "clinica",
        "sante",
        "dentists",
        "dental",
        "medical",
        "physical therapy",
        "dermatology",
        "health",
        "wellness",
    ),
    "ecommerce": (
        "cosmetics",
        "beauty",
        "skincare",
        "calzado",
        "footwear",
        "apparel",
        "fashion",
        "pet products",
        "sporting goods",
        "consumer goods",
        "jewelry",
        "home goods",
        "furniture",
        "toys",
        "moda",
        "food and beverages",
        "food beverages",
        "retail",
        "mode",
        "fashion",
        "moda",
        "kosmetik",
        "cosmetique",
        "cosmetica",
        "schuhe",
        "chaussures",
        "bekleidung",
        "d2c",
        "dtc",
        "consumer",
    ),
    "financial_services": (
        "banking",
        "bank",
        "credit union",
        "building society",
        "financial services",
        "investment management",
        "insurance",
        "wealth",
    ),
    "real_estate": ("real estate", "property", "rentals", "multifamily", "immobilien"),
    "restaurant": ("restaurants", "food service", "hospitality"),
    "casino": ("gaming", "casino", "gambling"),
    "saas": ("software", "saas", "internet", "information technology"),
}


def share_of_industry(profile: AgentProfile, prospect: ProspectData) -> float:
    return industry_fit(profile, prospect)[0]


def industry_fit(profile: AgentProfile, prospect: ProspectData) -> tuple[float, str]:
    """Share 0..1 of industry fit and why, from the stated industry, the company name, domain and notes."""
    keywords = profile.icp.industry_keywords
    evidence: tuple[float, str] = (0.0, "")
    if (kw := _first_keyword(tokens(prospect.company), keywords)) is not None:
        evidence = (0.8, f"the company name contains '{kw}'")
    elif (hit := _domain_keyword(prospect, keywords)) is not None:
        evidence = (0.6, f"the domain {hit[0]} contains '{hit[1]}'")
    elif (kw := _first_keyword(tokens(prospect.notes), keywords)) is not None:
        evidence = (0.5, f"the notes mention '{kw}'")
    if prospect.industry:
        slug = resolve_slug(prospect.industry)
        if slug == profile.industry:
            return 1.0, f"Industry '{prospect.industry}' is {profile.name}."
        if (kw := _first_keyword(tokens(prospect.industry), keywords)) is not None:
            return 0.9, f"Industry '{prospect.industry}' contains '{kw}', {english.a(profile.name)} term."
        extra = _MORE_INDUSTRY.get(profile.industry, ())
        if (kw := _first_keyword(tokens(prospect.industry), extra)) is not None:
            return 0.9, f"Industry '{prospect.industry}' ({kw}) is {english.a(profile.name)} industry."
        if slug not in _BUILTIN_SLUGS and (stem_hit := _foreign_industry(prospect.industry, profile.industry)):
            return 0.9, f"Industry '{prospect.industry}' ({stem_hit}) is {english.a(profile.name)} industry."
        near = _NEAR_INDUSTRY.get(profile.industry)
        if near is not None and (kw := _first_keyword(tokens(prospect.industry), near[0])) is not None:
            return 0.7, f"Industry '{prospect.industry}' ({kw}) is {near[1]}."
        if frozenset({slug, profile.industry}) in _ADJACENT:
            return max(0.5, evidence[0]), f"Industry '{prospect.industry}' is close to {profile.name}."
        if evidence[0]:
            return evidence[
                0
            ] * 0.9, f"Industry '{prospect.industry}' is not listed as {profile.name}, but {evidence[1]}."
        if profile.industry == "saas" and (tech := _tech_startup(prospect)) is not None:
            return 0.6, (
                f"Industry '{prospect.industry}' is not {profile.name}, but {tech}: most likely software "
                "sold into that industry."
            )
        if slug in _BUILTIN_SLUGS:
            return 0.0, f"Industry '{prospect.industry}' is outside {profile.name}."
        return 0.3, f"Industry '{prospect.industry}' is not a known {profile.name} term."
    if evidence[0]:
        return evidence[0], f"No industry given; {evidence[1]}."
    return 0.0, f"No industry given and nothing in the company data points to {profile.name}."


# A venture round or a software domain: a startup filed under its customers' industry (fintech, proptech).
_VENTURE = re.compile(
    r"\bseries [a-e]\b|\bseed (?:round|funding)\b|\bventure[- ](?:backed|funded)\b|\bvc-backed\b", re.I
)
_TECH_TLD = (".io", ".ai", ".dev", ".app", ".tech")


def _tech_startup(prospect: ProspectData) -> str | None:
    """Why the company reads as a software startup whatever its industry label, or None."""
    for text in (*prospect.signals, prospect.notes or ""):
        if (m := _VENTURE.search(text)) is not None:
            return f"it raised a venture round ('{m.group(0)}')"
    domain = (prospect.company_domain or prospect.website or email_domain(prospect) or "").lower().rstrip("/")
    if domain.endswith(_TECH_TLD):
        return f"its domain {domain} is a software domain"
    return None


# Industry labels in French, German, Spanish, Portuguese, Italian and Dutch, as word stems found anywhere
# in the accent-folded label (German compounds: "Kunststoffverarbeitung", "Immobilienverwaltung").
_FOREIGN_INDUSTRY: dict[str, tuple[str, ...]] = {
    "hotel": (
        "gastgewerbe",
        "hotellerie",
        "hotelaria",
        "hoteleria",
        "hosteleria",
        "alberghi",
        "ospitalita",
        "beherbergung",
        "hotelwesen",
        "hotelbranche",
    ),
    "restaurant": (
        "gastronomie",
        "restauration",
        "restaurantes",
        "ristorazione",
        "restauracao",
        "restauracion",
        "systemgastronomie",
        "horeca",
    ),
    "casino": ("spielbank", "gluecksspiel", "glucksspiel", "juegos de azar", "giochi", "jogos", "kansspel"),
    "saas": (
        "logiciel",
        "softwareentwicklung",
        "softwarehersteller",
        "desarrollo de software",
        "programmatuur",
        "editeur de logiciels",
    ),
    "real_estate": (
        "immobilier",
        "immobilien",
        "inmobiliari",
        "imobiliari",
        "immobiliare",
        "vastgoed",
        "wohnungswirtschaft",
        "bienes raices",
        "bens imoveis",
        "beni immobili",
    ),
    "manufacturing": (
        "verarbeitung",
        "herstellung",
        "fertigung",
        "maschinenbau",
        "industrie",
        "fabrica",
        "manufactur",
        "produzione",
        "kunststoff",
        "metallbau",
        "fabricage",
        "maakindustrie",
        "produktion",
        "usinage",
        "metalurg",
    ),
    "healthcare_clinic": (
        "gesundheitswesen",
        "arztpraxis",
        "praxis",
        "clinique",
        "sante",
        "clinica",
        "saude",
        "salud",
        "gezondheidszorg",
        "kliniek",
        "sanita",
        "zahnarzt",
        "dentaire",
    ),
    "financial_services": (
        "banque",
        "bankwesen",
        "banca",
        "bancos",
        "bancario",
        "bancaire",
        "finanzdienst",
        "services financiers",
        "servicios financieros",
        "sparkasse",
        "caisse",
        "bankwezen",
    ),
    "ecommerce": (
        "onlinehandel",
        "versandhandel",
        "commerce en ligne",
        "vente en ligne",
        "comercio electronico",
        "einzelhandel",
        "commercio elettronico",
        "detailhandel",
        "webshop",
        "comercio minorista",
        "retalho",
        "varejo",
        "comercio a retalho",
        "commerce de detail",
        "vente au detail",
        "commercio al dettaglio",
        "vendita al dettaglio",
        "venta minorista",
        "comercio electronico",
    ),
    "professional_services": (
        "kanzlei",
        "conseil",
        "beratung",
        "consultoria",
        "consulenza",
        "advocat",
        "avocat",
        "abogad",
        "steuerberat",
        "wirtschaftspruf",
        "expertise comptable",
        "comptab",
        "contabil",
        "rechtsanwalt",
        "juridique",
        "juridico",
    ),
}


def _foreign_industry(label: str, slug: str) -> str | None:
    """The non-English stem in `label` that names the profile's industry, if any."""
    folded = unicodedata.normalize("NFKD", label.lower().replace("ß", "ss").replace("ü", "ue"))
    folded = folded.encode("ascii", "ignore").decode("ascii")
    return next((w for w in _FOREIGN_INDUSTRY.get(slug, ()) if w in folded), None)


# Industries whose companies are often the profile's buyers under another label (LinkedIn files a
# supplement brand under "Health, Wellness & Fitness"): a near fit, with what makes it one.
_NEAR_INDUSTRY: dict[str, tuple[tuple[str, ...], str]] = {
    "ecommerce": (
        (
            "wellness",
            "fitness",
            "nutrition",
            "supplements",
            "beverages",
            "food",
            "sporting goods",
            "pet products",
            "cosmetics",
            "jewelry",
            "jewellery",
            "luxury goods",
            "furniture",
            "toys",
            "footwear",
            "calzado",
            "mode",
            "moda",
            "consumer electronics",
            "personal care",
            "home goods",
            "homeware",
        ),
        "a consumer-products industry whose brands sell online",
    ),
}

_ADJACENT = frozenset(
    {frozenset({"casino", "hotel"}), frozenset({"hotel", "restaurant"}), frozenset({"casino", "restaurant"})}
)
_BUILTIN_SLUGS = frozenset(BUILTIN)  # the hand-written profiles (industry_agents.knowledge)
_FREE_MAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "mail.com",
    }
)


def _personal_mail(prospect: ProspectData) -> bool:
    """The email is a free webmail address (gmail, outlook, ...), not the company's own domain."""
    return str(prospect.email).rsplit("@", 1)[-1].lower() in _FREE_MAIL


@lru_cache(maxsize=1024)
def _keyword_needles(keywords: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(keyword, " stem stem ") pairs: a phrase is present when its stems occur contiguously."""
    return tuple((kw, " " + " ".join(stem(t) for t in tokens(kw)) + " ") for kw in keywords if tokens(kw))


def _first_keyword(words: list[str], keywords: list[str] | tuple[str, ...]) -> str | None:
    if not words:
        return None
    hay = " " + " ".join(stem(t) for t in words) + " "
    return next((kw for kw, needle in _keyword_needles(tuple(keywords)) if needle in hay), None)


def email_domain(prospect: ProspectData) -> str | None:
    domain = str(prospect.email).rsplit("@", 1)[-1].lower()
    return None if domain in _FREE_MAIL else domain


def _domain_keyword(prospect: ProspectData, keywords: list[str]) -> tuple[str, str] | None:
    domains: list[str] = []
    for raw in (prospect.company_domain, prospect.website):
        if raw:
            host = re.sub(r"^[a-z]+://", "", raw.strip().lower()).split("/")[0].split(":")[0]
            domains.append(host.removeprefix("www."))
    if (d := email_domain(prospect)) is not None:
        domains.append(d)
    squashed = _squashed_keywords(tuple(keywords))
    for domain in dict.fromkeys(domains):
        labels = [part for part in re.split(r"[.\-]", domain.rsplit(".", 1)[0]) if part]
        for keyword, squash in squashed:
            if any(squash in label for label in labels):
                return domain, keyword
    return None


@lru_cache(maxsize=256)
def _squashed_keywords(keywords: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each keyword of five letters or more with its spaces and hyphens removed, as a domain would spell it."""
    out = ((k, k.replace(" ", "").replace("-", "")) for k in keywords)
    return tuple((k, squash) for k, squash in out if len(squash) >= 5)


_GENERIC_TYPE_WORDS = frozenset(
    {
        "company",
        "companies",
        "group",
        "firm",
        "chain",
        "operator",
        "business",
        "network",
        "organization",
        "maker",
        "brand",
        "provider",
        "service",
        "services",
        "and",
        "the",
        "of",
    }
)


@lru_cache(maxsize=256)
def _type_stems(kinds: tuple[str, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((k, frozenset(stem(t) for t in tokens(k) if t not in _GENERIC_TYPE_WORDS)) for k in kinds)


def company_types(profile: AgentProfile, prospect: ProspectData) -> tuple[CompanyType, ...]:
    """ICP company types named by the company, its industry or the notes (half the type's words or more)."""
    found: list[CompanyType] = []
    kinds = tuple(profile.icp.company_types)
    for field in ("company", "industry", "notes"):
        text = getattr(prospect, field)
        if not text:
            continue
        span = Span(field=field, text=text, start=0, end=len(text))
        for company_type in _types_named(kinds, text, field == "notes"):
            if all(c.label != company_type for c in found):
                found.append(CompanyType(label=company_type, kind="icp", span=span))
    return tuple(found)


@lru_cache(maxsize=8192)
def _types_named(kinds: tuple[str, ...], text: str, whole: bool) -> tuple[str, ...]:
    """The types `text` names, the most fully named first ("Casino & Hotel" is a casino hotel before a tribal
    casino). The company's name or industry names a type by half its words ("Harbor Point Management"); the
    notes must name it whole (`whole`): one word there ("management called deposit growth") is context."""
    words = {stem(t) for t in tokens(text)}
    share = 1.0 if whole else 0.5
    matched = []
    for order, (company_type, meaningful) in enumerate(_type_stems(kinds)):
        hits = len(meaningful & words)
        if meaningful and hits / len(meaningful) >= share:
            matched.append((-hits, -hits / len(meaningful), order, company_type))
    return tuple(company_type for *_, company_type in sorted(matched))


_SOLO_NOTES = re.compile(
    r"\b(?:self-employed|sole (?:proprietor|trader|practitioner)|"
    r"one-(?:person|man|woman) (?:shop|business|operation|practice|firm)|solopreneur|just the (?:owner|founder)|"
    r"no (?:other )?(?:staff|employees)(?=\s*(?:[.;,]|$)))",
    re.I,
)
_SELF_EMPLOYED = re.compile(r"self-employed|freelanc\w*|independent consultant|sole proprietor", re.I)
_STUDENT_ORG = re.compile(r"universit|college|business school|school of|higher education|academy|bootcamp", re.I)
_JOB_SEEKING = re.compile(
    r"open to work|seeking (?:a |an |new |my next )?(?:role|position|opportunit\w+|internship|job)|"
    r"looking for (?:a |an |my next )?(?:\w+ ){0,4}(?:role|position|job|internship|opportunit\w+)|"
    r"between roles|in transition|job seeker|available for (?:hire|work)",
    re.I,
)


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # "TenantFlow" -> "Tenant Flow"


def _company_text(prospect: ProspectData) -> str:
    """Company name, industry, notes and signals in one string (what the company says it is and does)."""
    # A brand name run together ("DepositGrowth Partners") is read as its words.
    company = _CAMEL.sub(" ", prospect.company) if prospect.company else None
    return " | ".join(x for x in (company, prospect.industry, prospect.notes, *prospect.signals) if x)


def disqualifiers(
    profile: AgentProfile,
    prospect: ProspectData,
    offer: Offer,
    title: TitleReading | None,
    industry_share: float | None = None,
    types: tuple[CompanyType, ...] | None = None,
    persona: PersonaMatch | bool | None = False,
) -> tuple[Disqualifier, ...]:
    """Every reason not to contact this company (or person), gates before the rubric.

    `persona` is the title's persona match when the caller has it (False: not given, matched here)."""
    found: list[Disqualifier] = []
    company_text = _company_text(prospect)
    notes = prospect.notes or ""
    industry = (prospect.industry or "").lower()
    own_slug = resolve_slug(prospect.industry) if prospect.industry else None

    def add(
        kind: DisqualifierKind,
        label: str,
        field: str | None,
        text: str | None,
        rule: str | None = None,
        start: int = 0,
    ) -> None:
        if any(d.kind == kind and d.label == label for d in found):
            return
        span = Span(field=field, text=text, start=start, end=start + len(text)) if field and text else None
        found.append(Disqualifier(kind=kind, label=label, span=span, profile_rule=rule))

    # Sells to the ICP: "software for 8,000 law firms", "used by 4,000 hotels" (and not "its own ...").
    # Read in the notes and in every signal: the same sentence says the same thing in either field.
    seller: tuple[str, str, int] | None = None  # (field, sentence, start)
    for source_field, source in (("notes", notes), *(("signals", s) for s in prospect.signals)):
        low_source = source.lower()
        for start, end in _sentences(source):
            sentence = low_source[start:end]
            if _IN_HOUSE.search(sentence):
                continue
            if (
                _SELL_VERB.search(sentence)
                or _CLIENTELE.search(sentence)
                or _SUPPLIER_TO.search(sentence)
                or (_SELLS_TO.search(sentence) and _SELLS_TO_PRODUCT.search(sentence))
            ) and not _negated(sentence, 0):
                seller = (source_field, source[start:end], start)
                break
        if seller is not None:
            break
    if seller is None:
        # "Sells vibration sensors and predictive maintenance analytics to plants": selling what the
        # sender sells to the sender's own buyers is a competitor (selling anything else to them need not
        # be: a pump maker sells to plants and is a manufacturer itself).
        for source_field, source in (("notes", notes), *(("signals", s) for s in prospect.signals)):
            for start, end in _sentences(source):
                sentence = source[start:end]
                if (
                    _SELLS_X_TO.search(sentence.lower())
                    and not _negated(sentence.lower(), 0)
                    and relevance(sentence, offer).score >= 0.7
                ):
                    add(
                        "competitor",
                        "a competitor: it sells what the sender sells",
                        source_field,
                        sentence,
                        start=start,
                    )
                    break
    sells_offer = seller is not None and relevance(seller[1], offer).score >= 0.7
    agency = bool(_AGENCY_INDUSTRY.search(industry))
    software = bool(_SOFTWARE_INDUSTRY.search(industry)) and profile.industry not in ("saas",)
    if profile.industry == "professional_services" and re.search(
        r"\bit services\b|information technology", industry
    ):
        software = False
    if seller is not None and sells_offer:
        add("competitor", "a competitor: it sells what the sender sells", seller[0], seller[1], start=seller[2])
    elif (
        (agency or software)
        and relevance(company_text, offer).score >= 0.7
        and seller is None
        and (agency or "crm" in (prospect.company or "").lower())
    ):
        add("competitor", "a competitor: it sells what the sender sells", "industry", prospect.industry)
    elif seller is not None:
        add(
            "vendor",
            "a vendor that sells to the industry, not a buyer in it",
            seller[0],
            seller[1],
            start=seller[2],
        )
    elif (
        software
        and own_slug != profile.industry
        and (
            _mentions_icp(profile, prospect)
            or not (types if types is not None else company_types(profile, prospect))
        )
    ):
        # A software or internet company is not a buyer in another industry: it sells to it, or to no one here.
        add(
            "vendor",
            "a software vendor that sells to the industry, not a buyer in it",
            "industry",
            prospect.industry,
        )
    elif agency and not _icp_lists_agencies(tuple(profile.icp.company_types)):
        # An agency sells marketing services as the sender does; where the ICP itself lists agencies as
        # buyers, it is not disqualified here: whether the offer is for it is the offer market's question.
        add(
            "competitor",
            "an agency: it sells marketing services rather than buying them",
            "industry",
            prospect.industry,
        )

    if (
        seller is None
        and not any(d.kind in ("vendor", "competitor") for d in found)
        and profile.industry != "saas"
    ):
        # No sentence says whom it sells to, but the record reads like a seller's: two independent tells
        # of a company that sells to the ICP rather than buys (see `seller_tells`).
        match = match_persona(profile, title, offer, prospect.employee_count) if persona is False else persona
        known = types if types is not None else company_types(profile, prospect)
        # A company whose own name is an ICP type ("Pinecrest Savings Bank") is a buyer, whatever it launches.
        named_buyer = any(t.span is not None and t.span.field == "company" for t in known)
        tells = (
            []
            if named_buyer
            else seller_tells(prospect, title, match if isinstance(match, PersonaMatch) else None)
        )
        if len(tells) >= 2:
            tell_field, tell_quote = tells[0]
            if relevance(company_text, offer).score >= 0.7:
                add("competitor", "a competitor: it sells what the sender sells", tell_field, tell_quote)
            else:
                add("vendor", "a vendor that sells to the industry, not a buyer in it", tell_field, tell_quote)

    # The profile's own disqualifiers, read from their text.
    company_low = company_text.lower()
    distress_hit: re.Match[str] | None = None
    distress_read = False
    for rule, text in _profile_rules(tuple(profile.icp.disqualifiers)):
        hit: re.Match[str] | None = None
        if rule.evidence is not None:
            hit = rule.evidence.search(company_low)
            if rule.concept == "distress":
                distress_hit, distress_read = hit, True
            if (
                hit is not None
                and _negated(company_low, hit.start())
                and rule.concept not in ("distributor", "consumer_only", "pre_pmf", "panel_only", "no_capacity")
            ):
                hit = None
            if hit is not None and rule.unless is not None and rule.unless.search(company_low):
                hit = None
            if (
                hit is not None
                and rule.also is not None
                and not rule.also.search(company_low)
                and not (rule.also_if_tiny and _tiny(profile, prospect))
            ):
                hit = None
        numeric = False
        if rule.max_employees is not None and prospect.employee_count is not None:
            numeric = prospect.employee_count <= rule.max_employees
        if rule.max_revenue is not None and prospect.annual_revenue_usd is not None:
            numeric = numeric or prospect.annual_revenue_usd <= rule.max_revenue
        if rule.evidence is None and not numeric:
            continue
        if rule.evidence is not None and hit is None and not (numeric and rule.concept == "solo"):
            continue
        field: str | None = None
        quote: str | None = None
        start = 0
        if hit is not None:
            field, quote, start = _locate(prospect, hit.group(0))
        add(
            rule.kind if rule.kind != "profile" else "profile",
            rule.label if rule.concept != "too_small" else text,
            field,
            quote,
            rule=text,
            start=start,
        )

    # Generic gates every profile shares.
    icp_min = profile.icp.employee_min or 0
    if prospect.employee_count is not None and prospect.employee_count <= max(2, icp_min // 10) and icp_min >= 10:
        # A tenth of the ICP's smallest account or less: a micro business with no team to buy for.
        add(
            "solo",
            "a micro business far below the ICP (a tenth of its smallest size or less)",
            "employee_count",
            None,
        )
    if _personal_mail(prospect) and (
        (title is not None and title.level in ("individual", "junior"))
        or (prospect.employee_count is None and not prospect.company_domain)
        or (prospect.employee_count is not None and prospect.employee_count < icp_min / 2)
    ):
        # A personal webmail address, not the company's: someone working on their own account (an
        # independent agent, a one-truck owner), whatever headcount the brand they work under has.
        add(
            "solo",
            "a personal webmail address: working on their own account, not for a buying company",
            "email",
            str(prospect.email),
        )
    distress = _RULE_CONCEPTS[3][1].evidence
    assert distress is not None
    hit = distress_hit if distress_read else distress.search(company_low)
    if hit is not None and not any(d.kind == "distress" for d in found) and not _negated(company_low, hit.start()):
        field, quote, start = _locate(prospect, hit.group(0))
        add("distress", "a company in distress (closing, insolvent or frozen)", field, quote, start=start)
    if prospect.company and _SELF_EMPLOYED.search(prospect.company):
        add("solo", "self-employed, not a company", "company", prospect.company)
    elif (solo := _SOLO_NOTES.search(notes)) is not None and not _negated(notes, solo.start()) and icp_min >= 5:
        add("solo", "a one-person business far below the ICP", "notes", solo.group(0), start=solo.start())
    for field in ("company", "industry"):
        value = getattr(prospect, field)
        if value and _STUDENT_ORG.search(value) and title is not None and title.level in ("junior", "individual"):
            add("student", "a student, not an employee of a buyer", field, value)
    for field in ("title", "company", "notes"):
        value = getattr(prospect, field)
        if value and (m := _JOB_SEEKING.search(value)) is not None:
            add("job_seeker", "looking for work, not at a buying company", field, m.group(0), start=m.start())
            break

    # The person, whatever the account: gone, or without authority to buy.
    person = title_disqualifiers(title)
    gone = None if person and person[0].kind == "former" else person_gone(prospect)
    for d in person:
        if d.kind == "no_authority" and gone is not None:
            continue  # the notes say the person left: that is the reason
        if d.kind != "former" and gone is not None:
            field, quote, start = _locate(prospect, gone)
            add("former", "no longer at the company", field, quote, start=start)
            gone = None
        add(d.kind, d.label, "title", title.raw if title is not None else None)
    if gone is not None:
        field, quote, start = _locate(prospect, gone)
        add("former", "no longer at the company", field, quote, start=start)
    return tuple(found)


_PRODUCT_NAME = re.compile(
    r"\b(?:systems|software|ehr|emr|crm|pos|labs|technologies|tech|analytics|ai|cloud|platform|apps?|saas|"
    r"leads|interactive)\b"
)
# A record that says what the company does for a customer group: "Runs outbound and ABM for law firms".
_SERVES_GROUP = re.compile(
    r"^(?:it |they |we )?(?:runs|provides|offers|delivers|builds|handles|manages|books|sells|supplies|powers|"
    r"helps)\b[^.;]{0,80}?\b(?:for|to) (?:[a-z&-]+ ){0,3}?(?:" + _CUSTOMER_NOUNS + r")\b"
)
_PRODUCT_NEWS = re.compile(
    r"\b(?:launch(?:ed|es|ing)?|releas(?:ed|es|ing)|ship(?:ped|s)|roll(?:ed|s|ing) out|introduc(?:ed|es|ing)|"
    r"unveil(?:ed|s)|rais(?:ed|es|ing)|closed|secured)\b[^.;|]{0,60}?\b(?:platform|add-on|plug-?in|module|"
    r"feature|assistant|integration|api|sdk|software|copilot|chatbot|saas|marketplace)s?\b"
)
_SELLER_TITLE = re.compile(
    r"\b(?:account executive|account manager|sales|business development|partnerships|customer success)\b"
)


def seller_tells(
    prospect: ProspectData, title: TitleReading | None, persona: PersonaMatch | None
) -> list[tuple[str, str]]:
    """Independent signs that the company sells to the industry rather than buys in it, as (field, quote):
    a product word in its name ("... Banking Systems", "... EHR", a .io domain), a seller's title that is
    none of the buyers' personas ("Account Executive, Community Banking"), and product news ("launched
    a leasing assistant", "raised a Series B for its platform"). One alone proves nothing (a clinic
    launches a patient portal); two together read as a vendor."""
    tells: list[tuple[str, str]] = []
    name = prospect.company or ""
    domain = (prospect.company_domain or email_domain(prospect) or "").lower()
    if name and _PRODUCT_NAME.search(_CAMEL.sub(" ", name).lower()):
        tells.append(("company", name))
    elif domain.endswith(_TECH_TLD):
        tells.append(("company_domain", domain))
    if (
        title is not None
        and persona is None
        and title.function == "sales"
        and title.level not in ("junior", "former")
        and _SELLER_TITLE.search(title.raw.lower())
    ):
        tells.append(("title", title.raw))
    for source_field, source in (("notes", prospect.notes or ""), *(("signals", s) for s in prospect.signals)):
        low = source.lower()
        if any(
            _SERVES_GROUP.match(low[a:b].strip()) and not _IN_HOUSE.search(low[a:b]) for a, b in _sentences(low)
        ):
            tells.append((source_field, source))
            break
    for source_field, source in (("signals", s) for s in prospect.signals):
        if _PRODUCT_NEWS.search(source.lower()):
            tells.append((source_field, source))
            break
    else:
        if prospect.notes and _PRODUCT_NEWS.search(prospect.notes.lower()):
            tells.append(("notes", prospect.notes))
    return tells


def title_disqualifiers(title: TitleReading | None) -> tuple[Disqualifier, ...]:
    """The person gates that follow from a title reading alone (either engine's): former, without
    authority (assistant, intern, gatekeeper, board member), student, job seeker; spans on the title."""
    if title is None:
        return ()
    out: list[Disqualifier] = []
    span = Span(field="title", text=title.raw, start=0, end=len(title.raw))
    if title.level == "former":
        out.append(Disqualifier("former", "no longer in the role (former or retired)", span))
    elif title.level == "junior" and not title.has("student"):
        out.append(Disqualifier("no_authority", _junior_label(title), span))
    elif title.has("chief_of_staff") or title.has("assistant_to") or title.has("office_of"):
        out.append(Disqualifier("no_authority", "a gatekeeper to the buyer, not the buyer", span))
    elif title.has("board") and len(title.roles) <= 1 and title.level in ("individual", "junior"):
        out.append(Disqualifier("no_authority", "a board member, not an operator", span))
    if title.has("student") or (title.has("candidate") and title.level == "junior"):
        out.append(Disqualifier("student", "a student, not an employee of a buyer", span))
    if title.has("job_seeker"):
        out.append(Disqualifier("job_seeker", "looking for work, not at a buying company", span))
    return tuple(out)


def _junior_label(title: TitleReading) -> str:
    """What a junior title is, in words: the title itself is quoted beside it in the breakdown."""
    if title.has("intern"):
        return "an intern, not a buyer"
    if title.has("candidate"):
        return "a candidate, not yet in the role"
    if title.has("chief_of_staff") or title.has("office_of"):
        return "a gatekeeper to the buyer, not the buyer"
    if title.has("assistant_to"):
        return "an assistant to the buyer, not the buyer"
    return "an assistant or junior role, not a buyer"


def settled_record(prospect: ProspectData) -> bool:
    """A sentence of the signals or notes says nothing will change ("no changes planned")."""
    return any(_STATUS_QUO.search(text[start:end]) for _, _, text, start, end in _pieces(prospect))


def _tiny(profile: AgentProfile, prospect: ProspectData) -> bool:
    """Under half the ICP minimum in employees or revenue: too small to have a sales or marketing budget."""
    icp = profile.icp
    return any(
        value is not None and low and value < low / 2
        for value, low in (
            (prospect.employee_count, icp.employee_min),
            (prospect.annual_revenue_usd, icp.revenue_min_usd),
        )
    )


def _mentions_icp(profile: AgentProfile, prospect: ProspectData) -> bool:
    """The company's industry, name, title or notes name the agent's industry (who it sells to)."""
    words = tokens(" ".join(x for x in (prospect.industry, prospect.company, prospect.title, prospect.notes) if x))
    keywords = (*profile.icp.industry_keywords, *_MORE_INDUSTRY.get(profile.industry, ()))
    return _first_keyword(words, keywords) is not None


def _locate(prospect: ProspectData, needle: str) -> tuple[str | None, str | None, int]:
    """The field holding `needle` (case-insensitive) and its exact text there."""
    low = needle.lower()
    for field in ("notes", "company", "industry"):
        value = getattr(prospect, field)
        if value and (i := value.lower().find(low)) >= 0:
            return field, value[i : i + len(needle)], i
    for signal in prospect.signals:
        if (i := signal.lower().find(low)) >= 0:
            return "signals", signal[i : i + len(needle)], i
    return None, None, 0


_ROLE_TARGET = re.compile(r"\b(?:partners|teams|leaders|owners|marketers|executives|people)\b")
_ROLE_AT = re.compile(
    r"^(?:[a-z-]+ ){0,2}?(?:partners|teams|leaders|owners|marketers|executives|people) (?:at|of|in) "
)


def offer_market(offer: Offer, types: tuple[CompanyType, ...], prospect: ProspectData) -> tuple[bool | None, str]:
    """Whether the company is a kind the offer names ("for banks and credit unions"); None when unknown."""
    if offer.targets and _AGENCY_INDUSTRY.search((prospect.industry or "").lower()):
        # An agency or studio, for an offer that names the firms it is for and agencies are not among them.
        named = [_ROLE_AT.sub("", t) for t in offer.targets]
        if not any(re.search(r"agenc|marketing|advertis|design|creative|studio", t) for t in named):
            return False, f"a marketing or creative agency, while the offer is for {english.join(named)}"
    targets = [t for t in offer.targets if not _ROLE_TARGET.search(t)]
    if not targets or len(targets) != len(offer.targets):
        return None, ""
    target_words = {stem(w) for t in targets for w in tokens(t) if w not in _GENERIC_TYPE_WORDS}
    text_words = {stem(w) for x in (prospect.company, prospect.industry, prospect.notes) if x for w in tokens(x)}
    if target_words & text_words:
        return True, f"the offer is for {', '.join(targets)}"
    other = next((t for t in types if not ({stem(w) for w in tokens(t.label)} & target_words)), None)
    if other is not None:
        return False, f"{english.a(english.label(other.label))}, while the offer is for {english.join(targets)}"
    return None, ""


def edge_type(profile: AgentProfile, prospect: ProspectData, title: TitleReading | None = None) -> str | None:
    """The profile's edge type ("hostel") named by the company, industry or an owner's title, or (a phrase)
    by the notes.

    One word in the notes ("catering is 5% of sales", "the lender") is context, not what the company is. An
    owner's title names the trade ("Broker/Owner"); anyone else's names their function in it ("Director of
    Off-Premise & Catering" runs catering at a restaurant group)."""
    kinds = profile.icp.edge_types
    owner = title is None or title.level == "c_level"
    fields = ("company", "industry", "title") if owner else ("company", "industry")
    return _named_type(kinds, prospect, fields) or _named_type(
        [k for k in kinds if " " in k], prospect, ("notes",)
    )


def _named_type(
    kinds: list[str], prospect: ProspectData, fields: tuple[str, ...] = ("company", "industry", "notes", "signals")
) -> str | None:
    needles = [(kind, _phrase_stems(kind)) for kind in kinds]
    for field in fields:
        value = getattr(prospect, field)
        for text in value if isinstance(value, list) else [value]:
            if not text:
                continue
            words = tokens(text)
            present = _field_stems(text)
            joined: str | None = None
            for kind, needle in needles:
                # The kind's first word must be in the field before the phrase is looked for (the hot path).
                if not needle or needle[0] not in present:
                    continue
                if len(needle) > 1 and not contains_phrase(words, kind):
                    continue
                joined = joined if joined is not None else " ".join(words)
                if not _negated(joined, joined.find(kind.split()[0])):
                    return kind
    return None


@lru_cache(maxsize=4096)
def _phrase_stems(phrase: str) -> tuple[str, ...]:
    return tuple(stem(t) for t in tokens(phrase))


@lru_cache(maxsize=16384)
def _field_stems(text: str) -> frozenset[str]:
    return frozenset(stem(t) for t in tokens(text))


# Fields that make a prospect workable (data completeness and confidence read their share).
USEFUL_FIELDS: tuple[str, ...] = (
    "first_name",
    "title",
    "company",
    "company_domain",
    "linkedin_url",
    "industry",
    "employee_count",
    "annual_revenue_usd",
    "location",
    "signals",
)


def present(prospect: ProspectData, name: str) -> bool:
    if name == "company_domain":
        return bool(prospect.company_domain or prospect.website)
    value = getattr(prospect, name)
    if isinstance(value, list):
        return any(str(v).strip() for v in value)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def person_gone(prospect: ProspectData) -> str | None:
    """The notes say the person left or is looking for work: the quote, else None."""
    if prospect.notes and (m := _FORMER_NOTES.search(prospect.notes)) is not None:
        return m.group(0)
    return None


# --- the extractor -----------------------------------------------------------------------------


_SETTLED = Relevance(0.3, ("status quo",))
# Someone above the company decides what the offer sells: "the franchisor mandates its own app and loyalty".
_CLAUSE_BREAK = re.compile(r",\s*(?:and|but|while|whereas|so|though)\b|\bbut\b|\bwhile\b|\bwhereas\b", re.I)
_ABOVE_WORDS = re.compile(r"franchisor|brand|parent|corporate|head|hq| by | at ", re.I)  # a cheap first look
_DECIDED_ABOVE = re.compile(
    r"\b(?P<who>franchisor|brand|parent(?: company)?|corporate|head office|headquarters|hq)(?:'s)? "
    r"(?:mandates|requires|dictates|controls|provides|supplies|runs|owns|chooses|selects|sets|handles|"
    r"manages|imposes)\b|"
    r"\b(?:mandated|required|dictated|controlled|provided|supplied|chosen|selected|imposed|run|set|managed|"
    r"handled|owned|decided|bought|purchased|centrali[sz]ed) (?:centrally |entirely |only )?(?:by|at|from) "
    r"(?:the )?(?P<by>[^.;,()]{2,60})",
    re.I,
)
# Who decides, when it is the prospect's own side: "run by the owner", "handled in-house", "by her team".
_OWN_SIDE = re.compile(
    r"^(?:him|her|them|me|us|himself|herself|themselves|our|his|its own|their own|this|the property|the team|"
    r"the owner|the owners|the gm|the general manager|the founder|in-house|each)\b",
    re.I,
)
# The decider is a unit of an organisation above the prospect's ("Marriott's regional commercial cluster",
# "the Orlando support center", "corporate"), not a supplier that runs it for them ("run by Toast", "an agency").
_ORG_ABOVE = re.compile(
    r"\b(?:cluster|cent(?:er|re)|office|headquarters|hq|corporate|parent|group|region(?:al)?|division|"
    r"committee|franchisor|brand|head|home office|management company|owner(?:ship)? group|central|national)\b"
)
# A decider bound by contract to a separate company (a franchisee's franchisor, a flag's brand): nurture.
# Any other decider is the prospect's own organisation above its unit: the unit does not buy.
_CONTRACT_DECIDER = re.compile(r"franchis|brand", re.I)


_HEAD_NOUN = re.compile(r"^(?P<head>.*?\b[A-Za-z]{3,}?)(?P<s>e?s)\b(?P<rest>\s*(?:\(|$|,|;|-|for\b|in\b|at\b).*)$")
_NOT_PLURAL = re.compile(r"(?:sales|operations|relations|analytics|services|logistics|ss|us|is)$", re.I)


@lru_cache(maxsize=4096)
def _hired_role(obj: str) -> str:
    """The role a job ad hires, as a title: counts dropped and the head noun singular ("3 Casino Hosts (x3)"
    -> "Casino Host"), so the title reader reads it as it reads a person's title."""
    role = re.sub(r"^(?:an?|two|three|four|five|several|multiple|\d+)\s+", "", obj.strip(), flags=re.I)[:120]
    role = re.sub(r"\s*\((?:x\s?\d+|\d+\s?x|m/w/d|m/f/d|f/m/d|h/f|f/h|w/m/d)\)", "", role, flags=re.I)
    m = _HEAD_NOUN.match(role)
    if m is not None and not _NOT_PLURAL.search(m.group("head") + m.group("s")):
        suffix = "e" if m.group("s") == "es" and not re.search(r"(?:ch|sh|x|ss)$", m.group("head")) else ""
        role = m.group("head") + suffix + m.group("rest")
    return role


def own_team_hires(events: list[Event], persona: PersonaMatch | None) -> list[Event]:
    """Either engine's events, each hire into the signer's own function made a trigger."""
    if persona is None or persona.role != "signer":
        return events
    return [_own_team_hire(e, persona) for e in events]


def _own_team_hire(event: Event, persona: PersonaMatch) -> Event:
    """A hire into the signer's own function is a trigger (relevance 0.6); any other event unchanged."""
    if event.lemma != "hire" or event.negated or event.relevance.score >= RELEVANT:
        return event
    if event.relevance is _SETTLED or event.relevance == _SETTLED:
        return event  # the record says nothing will change
    hired = parse_title(_hired_role(event.object))
    if hired is None or hired.function in ("other", "executive") or hired.function != persona.function:
        return event
    return replace(event, relevance=Relevance(0.6, (f"{hired.function.replace('_', ' ')} hiring",)))


def _weakened(fact: _F) -> _F:
    """The fact, at most weakly relevant (the record says nothing will change)."""
    if fact.relevance.score > _SETTLED.score:
        return replace(fact, relevance=_SETTLED)
    return fact


def extract_facts(profile: AgentProfile, prospect: ProspectData) -> ProspectFacts:
    """Everything the rules engine reads out of one prospect for one agent profile and its offer."""
    offer = profile_offer(profile)
    title = parse_title(prospect.title, convention_for(profile.industry, prospect.industry, prospect.company))
    events: list[Event] = []
    quantities: list[Quantity] = []
    mentions: list[Mention] = []
    unread: list[Span] = []
    signal_keywords = profile.icp.signal_keywords
    settled: set[tuple[str, int | None]] = set()
    decided_above: tuple[str, str] | None = None  # (who, the sentence)
    for field, index, text, start, end in _pieces(prospect):
        piece = text[start:end]
        if _STATUS_QUO.search(piece):
            settled.add((field, index))
        no_plans = _NO_PLANS_TO.search(piece)
        if _NOT_BUYING.search(piece) or (no_plans and themes_in(piece[no_plans.end() :]) & offer.themes):
            # The buyer said no for now: the record's facts are context, and the need is put off, not open.
            settled.add((field, index))
            span = Span(field=field, text=piece, start=start, end=end, index=index)
            mentions.append(Mention(keyword=NOT_BUYING, span=span, negated=True, relevance=NO_RELEVANCE))
            continue
        if decided_above is None and _ABOVE_WORDS.search(piece) and (above := _DECIDED_ABOVE.search(piece)):
            # What is decided above: the words after "mandates", or before "mandated by".
            decided = piece[above.end() :] if above.group("who") else piece[: above.start()]
            decided = _CLAUSE_BREAK.split(decided)[0 if above.group("who") else -1]
            who = (above.group("who") or above.group("by")).strip().lower()
            above_org = above.group("who") is not None or _ORG_ABOVE.search(who) is not None
            if above_org and themes_in(decided) & offer.themes and not _OWN_SIDE.match(who):
                decided_above = (who, piece)
        event = _event_in(piece, start, field, index, offer, prospect.company)
        qs = _quantities_in(piece, start, field, index, offer)
        if event is not None:
            events.append(event)
        quantities.extend(qs)
        if event is None and not qs:
            rel = relevance(piece, offer)
            words = tokens(piece)
            keyword = _first_phrase(words, tuple(signal_keywords))
            if rel.score or keyword:
                span = Span(field=field, text=piece, start=start, end=end, index=index)
                kw = keyword or (rel.terms[0] if rel.terms else "")
                if missing_tool(piece, offer):
                    mentions.append(Mention(keyword=kw, span=span, negated=False, relevance=GAP))
                    continue
                if denied_need(piece, offer):
                    # "no vacancy to fill": the offer's need is absent (as Claude's negated mention)
                    mentions.append(Mention(keyword=kw, span=span, negated=True, relevance=NO_RELEVANCE))
                    continue
                mentions.append(
                    Mention(
                        keyword=kw, span=span, negated=False, relevance=rel if rel.score else Relevance(0.4, (kw,))
                    )
                )
            elif field == "signals":
                unread.append(Span(field=field, text=piece, start=start, end=end, index=index))
    if settled:
        # "Already runs its own ordering site; no changes planned.": the record's facts are context only,
        # whether that sentence sits in the notes or in a signal of its own.
        events = [_weakened(f) for f in events]
        quantities = [_weakened(f) for f in quantities]
        mentions = [_weakened(f) for f in mentions]
    share, why = industry_fit(profile, prospect)
    types = company_types(profile, prospect)
    if types and share < 0.8 and types[0].span is not None and types[0].span.field in ("company", "notes"):
        # The company names an ICP company type ("... Dental Group", "a regional bank"): that is the industry.
        share, why = (
            0.8,
            f"{why} The {types[0].span.field} names {english.a(english.label(types[0].label))}, "
            "an ICP company type.",
        )
    in_market, market_why = offer_market(offer, types, prospect)
    if decided_above is not None:
        # The offer's subject is bought above the company: its facts on it are context, and it cannot buy.
        events = [_weakened(f) if f.span.text == decided_above[1] else f for f in events]
        quantities = [_weakened(f) if f.span.text == decided_above[1] else f for f in quantities]
        mentions = [_weakened(f) if f.span.text == decided_above[1] else f for f in mentions]
        who, said = decided_above
        in_market, market_why = False, f"the {who.removeprefix('the ')} decides what the offer sells ('{said}')"
    edge = edge_type(profile, prospect, title)
    if edge is not None and in_market is not False:
        in_market, market_why = False, f"'{edge}' puts the company at the edge of the ICP"
    persona = match_persona(profile, title, offer, prospect.employee_count)
    # Hiring into the signer's own function ("Hiring: casino hosts" for a VP of player development):
    # the buyer is investing in the team the offer works for, whatever the offer's own words are.
    events = own_team_hires(events, persona)
    above_unit: tuple[Disqualifier, ...] = ()
    if decided_above is not None and not _CONTRACT_DECIDER.search(decided_above[0]):
        # Decided by the prospect's own organisation above this unit (a support center, a regional
        # cluster, HQ): whoever this is, the unit does not buy what the offer sells.
        field, index, text, start, end = next(
            p for p in _pieces(prospect) if p[2][p[3] : p[4]] == decided_above[1]
        )
        span = Span(field=field, text=decided_above[1], start=start, end=end, index=index)
        label = (
            f"not the buyer: {decided_above[0].removeprefix('the ')} decides what the offer sells for this unit"
        )
        above_unit = (Disqualifier("no_authority", label, span),)
    firmo = Firmographics(
        employee_count=prospect.employee_count,
        annual_revenue_usd=prospect.annual_revenue_usd,
        industry=prospect.industry,
        industry_share=share,
        industry_why=why,
        location=prospect.location,
        company=prospect.company,
        present_fields=tuple(n for n in USEFUL_FIELDS if present(prospect, n)),
        in_region=_in_regions(prospect.location, profile.icp.regions),
        in_offer_market=in_market,
        market_why=market_why,
        secondary_market=_named_type(profile.icp.secondary_types, prospect),
    )
    foreign = read_foreign(prospect.signals, prospect.notes)
    return ProspectFacts(
        engine="rules",
        title=title,
        persona=persona,
        firmographics=firmo,
        company_types=types,
        disqualifiers=disqualifiers(profile, prospect, offer, title, share, types, persona) + above_unit,
        events=tuple(events),
        quantities=tuple(quantities),
        mentions=tuple(mentions),
        unread_signals=tuple(unread),
        # German, French, Spanish and Dutch facts, read beside the score (see intelligence.foreign)
        foreign_events=foreign.events,
        foreign_quantities=foreign.quantities,
        foreign_gaps=foreign.gaps,
    )


__all__ = [
    "GAP",
    "Offer",
    "country_of",
    "denied_need",
    "event_relevance",
    "extract_facts",
    "industry_fit",
    "match_persona",
    "missing_tool",
    "offer_of",
    "own_team_hires",
    "quantity_relevance",
    "relevance",
    "settled_record",
    "themes_in",
    "title_disqualifiers",
]

# Issue 14: the long alternations measured to cost more than their literal prefilter over the golden rows
# (`intelligence.prefilter`: the same answers; anchored or short patterns are faster without it). Rebound
# here, after their definitions, so the rules above read as written.
_CLIENTELE = prefiltered(_CLIENTELE)
_ACQUISITION_COST = prefiltered(_ACQUISITION_COST)
_FILLED = prefiltered(_FILLED)
_IN_HOUSE = prefiltered(_IN_HOUSE)
_FORMER_NOTES = prefiltered(_FORMER_NOTES)
_ANCILLARY = prefiltered(_ANCILLARY)
_SELL_VERB = prefiltered(_SELL_VERB)
_SELLS_X_TO = prefiltered(_SELLS_X_TO)
_PRODUCT_NEWS = prefiltered(_PRODUCT_NEWS)
_SOFTWARE_INDUSTRY = prefiltered(_SOFTWARE_INDUSTRY)
