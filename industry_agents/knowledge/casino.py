"""Casino & Gaming: casino resorts, tribal and regional operators, racinos."""

from __future__ import annotations

from schemas import ICP, AgentProfile, Objection, Persona, RubricWeights, TierThresholds

PROFILE = AgentProfile(
    industry="casino",
    name="Casino & Gaming",
    description=(
        "Commercial, tribal and regional casino resorts, racinos and integrated resorts that sell "
        "gaming, hotel rooms, F&B and entertainment, and compete for the same rated players."
    ),
    icp=ICP(
        company_types=[
            "regional casino resort",
            "tribal casino",
            "commercial casino",
            "integrated resort",
            "racino",
            "casino hotel",
            "gaming operator",
        ],
        employee_min=250,
        employee_max=20_000,
        revenue_min_usd=40_000_000,
        revenue_max_usd=3_000_000_000,
        regions=["United States", "Canada"],
        signals=[
            "opening a new hotel tower, expansion or renovation",
            "launching or relaunching a players club / loyalty program",
            "hiring player development, CRM or database marketing roles",
            "launching a sportsbook or iGaming product",
            "new property, acquisition or change of ownership",
            "adding an entertainment venue, event center or new restaurants",
        ],
        signal_keywords=[
            "hotel tower",
            "expansion",
            "renovation",
            "opening",
            "new property",
            "players club",
            "loyalty",
            "player development",
            "casino host",
            "database marketing",
            "crm",
            "sportsbook",
            "sports betting",
            "igaming",
            "online casino",
            "acquisition",
            "acquired",
            "rebrand",
            "event center",
            "entertainment venue",
            "hiring",
            "slot floor",
            "new restaurant",
        ],
        industry_keywords=[
            "casino",
            "gaming",
            "racino",
            "sportsbook",
            "resort casino",
            "card room",
            "gambling",
            "slots",
            "tribal gaming",
        ],
        edge_types=["card club", "card room"],
        disqualifiers=[
            "online-only gambling affiliate with no property",
            "slot machine manufacturer or gaming supplier (a vendor, not an operator)",
            "property in a jurisdiction that bans the marketing channel being offered",
        ],
    ),
    personas=[
        Persona(
            name="Casino Marketing Leader",
            titles=[
                "cmo",
                "chief marketing officer",
                "vp marketing",
                "svp marketing",
                "director marketing",
                "head marketing",
                "marketing director",
                "database marketing",
                "marketing manager",
                "database marketing manager",
                "crm manager",
                "loyalty manager",
            ],
            seniority="vp",
            functions=["marketing"],
            levels=["c_level", "vp", "director", "manager"],
            role="signer",
            label="casino marketing leader",
            plural="casino marketing leaders",
            short="marketing",
            is_decision_maker=True,
            priorities=[
                "growing rated play and trips per player",
                "filling midweek hotel rooms and the gaming floor",
                "lowering free-play spend per incremental visit",
            ],
            pains=[
                "Free play and offers eat margin without moving incremental visits",
                "Direct mail costs keep rising while response rates from unrated players fall",
                "Marketing to lapsed players is limited by responsible-gaming and self-exclusion rules",
            ],
        ),
        Persona(
            name="Player Development Leader",
            titles=[
                "player development",
                "casino host",
                "host manager",
                "executive host",
                "vip services",
                "player relations",
                "player development manager",
            ],
            seniority="director",
            functions=["sales", "marketing", "customer_success"],
            levels=["vp", "director", "manager"],
            role="signer",
            label="player development leader",
            plural="player development leaders",
            short="player development",
            is_decision_maker=True,
            priorities=[
                "host book size and worth per host",
                "reactivating lapsed rated players",
                "keeping top-tier players from defecting to competing properties",
            ],
            pains=[
                "Hosts spend their day on comp requests instead of growing their book",
                "Lapsed high-value players go unnoticed until they show up at a competitor",
                "Host turnover walks player relationships out the door",
            ],
        ),
        Persona(
            name="Hotel & Revenue Leader",
            titles=[
                "hotel operations",
                "director hotel",
                "hotel director",
                "revenue management",
                "revenue manager",
                "director revenue",
                "rooms division",
            ],
            seniority="director",
            functions=["operations", "revenue_management"],
            levels=["vp", "director", "manager"],
            role="influencer",
            label="hotel and revenue leader",
            plural="hotel and revenue leaders",
            short="hotel operations",
            is_decision_maker=False,
            priorities=[
                "occupancy and RevPAR, especially midweek",
                "balancing comp rooms against cash bookings",
                "F&B covers and outlet profitability",
            ],
            pains=[
                "Comped rooms crowd out cash guests on peak nights while midweek sits empty",
                "OTA commissions eat into cash room revenue",
                "New room inventory has to be filled fast after an opening",
            ],
        ),
        Persona(
            name="Property Executive",
            titles=[
                "general manager",
                "gm",
                "coo",
                "chief operating officer",
                "ceo",
                "president",
                "vp operations",
                "svp operations",
                "owner",
            ],
            seniority="c_level",
            functions=["executive", "operations"],
            levels=["c_level", "vp"],
            role="signer",
            label="property executive",
            plural="property executives",
            short="property leadership",
            is_decision_maker=True,
            priorities=[
                "EBITDA and property-level margin",
                "return on new capital projects such as towers and renovations",
                "market share against nearby properties",
            ],
            pains=[
                "A capital project has to pay back while the regional market is flat",
                "Marketing reinvestment is high but hard to tie to net gaming revenue",
                "Labor shortages limit how many outlets and tables can stay open",
            ],
        ),
    ],
    pain_points=[
        "Acquiring new rated players costs more every year as nearby properties compete on free play",
        "Loyalty and host programs reward existing play instead of growing worth per player",
        "Hotel rooms and F&B outlets sit half empty midweek while weekends sell out",
        "Responsible-gaming rules, self-exclusion lists and state regulators limit how and whom you can market to",
        "Players club data sits in the casino management system, hard for marketing to act on",
        "Sportsbook and iGaming sign-ups rarely convert into visits to the property",
        "Reinvestment (free play, comps, mailers) is hard to tie back to net gaming revenue",
    ],
    value_propositions=[
        "Reach new rated players in your drive-in market with compliant, opt-in outreach",
        "Reactivate lapsed players before they settle in at a competing property",
        "Fill new hotel rooms and midweek nights with packages aimed at the players who stay",
        "Turn sportsbook and online sign-ups into visits to the casino floor and outlets",
        "Give hosts a ranked list of players worth a call this week, so their book grows",
    ],
    proof_angles=[
        "incremental trips and theoretical win per reactivated player",
        "midweek occupancy lift after a tower or renovation opening",
        "cost per new rated player versus direct mail",
        "references from tribal and regional casino operators",
    ],
    tone=(
        "Operator to operator: plain, numbers-first, respectful of regulation. Speak in trips, theo and "
        "occupancy, never in hype; never suggest targeting self-excluded or problem gamblers."
    ),
    vocabulary=[
        "rated play",
        "theoretical win (theo)",
        "ADT",
        "free play",
        "reinvestment",
        "players club",
        "host book",
        "comps",
        "RevPAR",
        "drive-in market",
        "responsible gaming",
    ],
    objections=[
        Objection(
            objection="We already have an agency and a direct mail program.",
            response=(
                "Keep them. We work the segment mail misses, players who lapsed or never got rated, "
                "and report incremental trips so you can compare cost per visit side by side."
            ),
        ),
        Objection(
            objection="Compliance won't let us do outbound marketing.",
            response=(
                "Everything runs on opt-in, suppresses self-excluded players and follows your state's "
                "advertising rules; your compliance team approves every message before it goes out."
            ),
        ),
        Objection(
            objection="Our casino management system data is locked down.",
            response=(
                "We only need a de-identified extract or segment counts to start; nothing touches "
                "the CMS directly."
            ),
        ),
        Objection(
            objection="Now is not a good time, we are in the middle of an opening.",
            response=(
                "That is exactly when new rooms and outlets need to be filled; we can start with a "
                "small pilot aimed at the opening weeks."
            ),
        ),
    ],
    rubric=RubricWeights(
        seniority=20, persona_fit=20, company_fit=20, industry_fit=15, intent_signals=20, data_completeness=5
    ),
    tier_thresholds=TierThresholds(tier1=80, tier2=60, tier3=40),
)
