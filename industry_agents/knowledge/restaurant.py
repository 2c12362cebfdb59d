"""Restaurants: multi-unit groups, franchisees and franchisors, fast casual and full service."""

from __future__ import annotations

from schemas import ICP, AgentProfile, Objection, Persona, RubricWeights, TierThresholds

PROFILE = AgentProfile(
    industry="restaurant",
    name="Restaurants",
    description=(
        "Multi-unit restaurant groups, franchisors and large franchisees (QSR, fast casual, casual and "
        "fine dining) fighting food and labor costs and third-party delivery fees for every cover."
    ),
    icp=ICP(
        company_types=[
            "multi-unit restaurant group",
            "restaurant franchisor",
            "franchisee",
            "fast casual chain",
            "quick service restaurant",
            "casual dining chain",
            "hospitality group",
        ],
        employee_min=50,
        employee_max=50_000,
        revenue_min_usd=5_000_000,
        revenue_max_usd=3_000_000_000,
        regions=["United States", "Canada", "United Kingdom"],
        signals=[
            "opening new locations or signing new franchise agreements",
            "launching catering, online ordering or a loyalty app",
            "hiring a marketing, digital or off-premise leader",
            "menu or brand refresh",
            "private equity investment or acquisition",
            "switching POS or delivery partners",
        ],
        signal_keywords=[
            "new location",
            "new locations",
            "opening",
            "grand opening",
            "franchise",
            "franchisee",
            "expansion",
            "catering",
            "online ordering",
            "loyalty",
            "app",
            "off-premise",
            "delivery",
            "menu",
            "rebrand",
            "private equity",
            "acquired",
            "acquisition",
            "hiring",
            "pos",
            "ghost kitchen",
            "drive-thru",
        ],
        industry_keywords=[
            "restaurant",
            "restaurants",
            "grill",
            "kitchen",
            "pizza",
            "burger",
            "cafe",
            "bistro",
            "taco",
            "dining",
            "eatery",
            "food beverage",
            "qsr",
            "fast casual",
            "bar grill",
        ],
        disqualifiers=[
            "single food truck or pop-up without a marketing budget",
            "location that is part of a chain where all decisions sit at corporate",
            "restaurant that is closing or in bankruptcy proceedings",
        ],
    ),
    personas=[
        Persona(
            name="Restaurant Marketing Leader",
            titles=[
                "cmo",
                "vp marketing",
                "director marketing",
                "head marketing",
                "marketing director",
                "brand director",
                "director brand",
                "loyalty",
                "digital marketing",
            ],
            seniority="vp",
            is_decision_maker=True,
            priorities=["traffic and same-store sales", "loyalty member frequency", "digital order share"],
            pains=[
                "Discounting buys traffic but trains guests to wait for the next deal",
                "Loyalty members sign up once and rarely come back more often",
                "Third-party apps own the guest relationship and the data",
            ],
        ),
        Persona(
            name="Restaurant Operations Leader",
            titles=[
                "coo",
                "vp operations",
                "director operations",
                "operations director",
                "area director",
                "regional director",
                "district manager",
                "director franchise operations",
            ],
            seniority="vp",
            is_decision_maker=True,
            priorities=["prime cost (food plus labor)", "speed of service", "consistency across units"],
            pains=[
                "Prime cost keeps creeping above 60% of sales",
                "Turnover means constant hiring and training at every unit",
                "New units take too long to ramp to system-average volume",
            ],
        ),
        Persona(
            name="Owner / Franchise Executive",
            titles=[
                "owner",
                "ceo",
                "founder",
                "president",
                "franchisee",
                "managing partner",
                "principal",
                "franchise owner",
            ],
            seniority="c_level",
            is_decision_maker=True,
            priorities=["unit economics and four-wall EBITDA", "growth in units", "cash flow"],
            pains=[
                "Margins are squeezed between food inflation and wage increases",
                "Growth depends on each new unit ramping fast",
                "Delivery platforms take 15-30% of every order they touch",
            ],
        ),
        Persona(
            name="Off-Premise & Catering Leader",
            titles=[
                "catering",
                "off premise",
                "director digital",
                "head digital",
                "ecommerce",
                "director catering",
                "sales manager catering",
            ],
            seniority="director",
            is_decision_maker=False,
            priorities=["catering revenue per unit", "direct online order share", "corporate accounts"],
            pains=[
                "Catering depends on inbound orders and a few repeat corporate customers",
                "Direct online ordering loses to third-party marketplaces",
            ],
        ),
    ],
    pain_points=[
        "Third-party delivery fees of 15-30% erase the margin on off-premise orders",
        "Food and labor inflation push prime cost past 60% of sales",
        "Guest frequency is flat and discounting only moves traffic temporarily",
        "New locations take months to ramp to system-average unit volume",
        "Catering is underdeveloped and depends on a handful of repeat corporate accounts",
        "Staff turnover drives constant hiring and training cost",
    ],
    value_propositions=[
        "Grow catering and corporate orders with outbound to offices near each unit",
        "Shift repeat guests to direct ordering and away from marketplace fees",
        "Ramp new locations faster with local B2B and group demand from day one",
        "Lift guest frequency without deeper discounts",
    ],
    proof_angles=[
        "catering revenue per unit after 90 days",
        "average weekly sales of new units versus system average",
        "direct versus third-party order mix",
        "references from multi-unit operators and franchisees",
    ],
    tone=(
        "Straight-talking and operator-minded: short sentences, unit economics, no fluff; respect the "
        "rush hours."
    ),
    vocabulary=[
        "covers",
        "AUV",
        "same-store sales",
        "prime cost",
        "four-wall EBITDA",
        "off-premise",
        "catering",
        "ticket average",
        "throughput",
        "franchisee",
    ],
    objections=[
        Objection(
            objection="We do not do outbound; our marketing is local and social.",
            response=(
                "Social brings walk-ins; we bring the offices, schools and event planners near each unit "
                "who order catering for 20 to 200 people."
            ),
        ),
        Objection(
            objection="Franchisees decide their own local marketing.",
            response=(
                "We can start with a handful of corporate or willing franchise units and share results "
                "the franchise advisory council can review."
            ),
        ),
        Objection(
            objection="Margins are too tight to add spend.",
            response=(
                "We price against incremental catering orders, which carry a better margin than delivery."
            ),
        ),
    ],
    rubric=RubricWeights(
        seniority=20, persona_fit=20, company_fit=20, industry_fit=15, intent_signals=20, data_completeness=5
    ),
    tier_thresholds=TierThresholds(tier1=80, tier2=60, tier3=40),
)
