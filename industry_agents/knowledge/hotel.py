"""Hotels & Hospitality: independent, boutique and branded hotels, resorts and management groups."""

from __future__ import annotations

from schemas import ICP, AgentProfile, Objection, Persona, RubricWeights, TierThresholds

PROFILE = AgentProfile(
    industry="hotel",
    name="Hotels & Hospitality",
    description=(
        "Independent, boutique and branded hotels, resorts and hotel management companies that live "
        "on occupancy, ADR and the share of bookings they win direct instead of through OTAs."
    ),
    icp=ICP(
        company_types=[
            "independent hotel",
            "boutique hotel",
            "resort",
            "hotel management company",
            "hotel group",
            "branded franchise hotel",
            "conference hotel",
        ],
        employee_min=30,
        employee_max=25_000,
        revenue_min_usd=5_000_000,
        revenue_max_usd=2_000_000_000,
        regions=["United States", "Canada", "United Kingdom", "Europe"],
        signals=[
            "new property opening, conversion or rebrand",
            "renovation or repositioning of an existing hotel",
            "change of management company or ownership",
            "hiring revenue management, sales or e-commerce roles",
            "adding meeting/event space or a spa",
            "launching a new loyalty or direct-booking program",
        ],
        signal_keywords=[
            "opening",
            "new hotel",
            "renovation",
            "repositioning",
            "conversion",
            "rebrand",
            "acquired",
            "acquisition",
            "management company",
            "revenue manager",
            "director of sales",
            "hiring",
            "meeting space",
            "event space",
            "ballroom",
            "spa",
            "direct booking",
            "loyalty",
            "expansion",
            "new rooms",
            "pms",
            "reflagging",
        ],
        industry_keywords=[
            "hotel",
            "hotels",
            "resort",
            "inn",
            "suites",
            "lodge",
            "hospitality",
            "lodging",
            "boutique hotel",
        ],
        disqualifiers=[
            "vacation rental owner with a single unit",
            "brand-managed property where all marketing decisions sit with the brand",
            "hostel or budget motel with no sales or marketing budget",
        ],
    ),
    personas=[
        Persona(
            name="Hotel Commercial Leader",
            titles=[
                "director sales marketing",
                "dosm",
                "director sales",
                "vp sales",
                "vp marketing",
                "cmo",
                "chief commercial officer",
                "commercial director",
                "director marketing",
            ],
            seniority="director",
            is_decision_maker=True,
            priorities=[
                "RevPAR index versus the comp set",
                "group and corporate pace",
                "direct-booking share",
            ],
            pains=[
                "Group pace is behind last year and the sales team is stretched thin",
                "Brand.com and OTA channels take the credit and the commission for demand you created",
                "Corporate accounts shrank and have not come back at pre-2020 volume",
            ],
        ),
        Persona(
            name="Revenue Leader",
            titles=[
                "revenue manager",
                "director revenue",
                "revenue management",
                "vp revenue",
                "chief revenue officer",
                "cro",
                "revenue strategy",
            ],
            seniority="director",
            is_decision_maker=True,
            priorities=["ADR and occupancy mix", "channel cost", "forecast accuracy"],
            pains=[
                "OTA commissions of 15-25% eat the margin on every room they sell",
                "Shoulder nights and midweek stay soft no matter how rates are set",
                "Forecasts miss because pickup data arrives late",
            ],
        ),
        Persona(
            name="Hotel General Manager",
            titles=[
                "general manager",
                "gm",
                "hotel manager",
                "managing director",
                "area general manager",
                "cluster general manager",
            ],
            seniority="c_level",
            is_decision_maker=True,
            priorities=["GOP and flow-through", "guest satisfaction scores", "owner expectations"],
            pains=[
                "Owners want higher GOP while labor costs keep climbing",
                "Review scores slip when the team is short-staffed",
                "Too many vendors, too little time to evaluate them",
            ],
        ),
        Persona(
            name="Ownership & Asset Management",
            titles=[
                "owner",
                "ceo",
                "president",
                "coo",
                "vp operations",
                "asset manager",
                "asset management",
                "principal",
            ],
            seniority="c_level",
            is_decision_maker=True,
            priorities=["NOI and asset value", "return on renovation capital", "portfolio performance"],
            pains=[
                "A renovation has to show its return before the next capital request",
                "Management company fees are fixed while top-line performance is not",
                "Hard to compare performance across properties and brands",
            ],
        ),
    ],
    pain_points=[
        "OTA commissions take 15-25% of every booking they deliver",
        "Midweek and shoulder-season occupancy lags while weekends sell out",
        "Group and corporate business has not recovered to previous volume",
        "A newly opened or renovated property has to ramp occupancy fast to hit its pro forma",
        "Guest data sits in the PMS and is barely used for repeat and direct bookings",
        "Labor shortages cap the service level and review scores",
        "Meeting and event space sits empty on weekdays",
    ],
    value_propositions=[
        "Win more bookings direct and cut OTA commission on repeat guests",
        "Fill midweek and shoulder nights with group, corporate and local demand",
        "Ramp a new or renovated property to stabilised occupancy faster",
        "Book more meetings and events into weekday space",
        "Turn PMS guest history into repeat stays without adding staff",
    ],
    proof_angles=[
        "RevPAR index lift against the comp set",
        "direct-booking share before and after",
        "group room nights booked from outbound",
        "references from independent and boutique properties",
    ],
    tone=(
        "Hospitality-savvy and concise: talk RevPAR, pace and channel mix, respect how busy property "
        "teams are, and keep asks small."
    ),
    vocabulary=[
        "RevPAR",
        "ADR",
        "occupancy",
        "comp set",
        "pace",
        "pickup",
        "OTA",
        "brand.com",
        "group block",
        "GOP",
        "PMS",
        "shoulder season",
    ],
    objections=[
        Objection(
            objection="The brand handles our marketing.",
            response=(
                "The brand drives brand.com; we work the local corporate, group and repeat-guest demand "
                "the brand programs do not reach, and report room nights you can verify in the PMS."
            ),
        ),
        Objection(
            objection="We just signed with a revenue management system.",
            response=(
                "Good, an RMS prices the demand you have; we add demand on the nights it cannot price up."
            ),
        ),
        Objection(
            objection="Our team has no time for another project.",
            response=(
                "We run the outreach end to end; your sales team only takes the leads that are ready to book."
            ),
        ),
    ],
    rubric=RubricWeights(
        seniority=20, persona_fit=20, company_fit=20, industry_fit=15, intent_signals=20, data_completeness=5
    ),
    tier_thresholds=TierThresholds(tier1=80, tier2=60, tier3=40),
)
