"""Real Estate: brokerages, commercial real estate firms, developers and property managers."""

from __future__ import annotations

from schemas import ICP, AgentProfile, Objection, Persona, RubricWeights, TierThresholds

PROFILE = AgentProfile(
    industry="real_estate",
    name="Real Estate",
    description=(
        "Residential and commercial brokerages, developers, property managers and real estate investors "
        "whose business runs on listings, leases, occupancy and deal flow."
    ),
    icp=ICP(
        company_types=[
            "residential brokerage",
            "commercial real estate firm",
            "property management company",
            "multifamily operator",
            "real estate developer",
            "real estate investment firm",
            "reit",
        ],
        employee_min=10,
        employee_max=20_000,
        revenue_min_usd=2_000_000,
        revenue_max_usd=3_000_000_000,
        regions=["United States", "Canada", "United Kingdom"],
        signals=[
            "new development, lease-up or acquisition of a portfolio",
            "opening a new office or entering a new market",
            "recruiting agents or brokers",
            "rising vacancy or a large lease expiring",
            "new fund raised for acquisitions",
            "switching CRM or property management software",
        ],
        signal_keywords=[
            "development",
            "lease-up",
            "lease up",
            "groundbreaking",
            "new project",
            "acquired",
            "acquisition",
            "portfolio",
            "new office",
            "new market",
            "expansion",
            "recruiting agents",
            "hiring",
            "vacancy",
            "leasing",
            "fund",
            "raised",
            "crm",
            "yardi",
            "appfolio",
            "listings",
            "units",
        ],
        industry_keywords=[
            "real estate",
            "realty",
            "properties",
            "property",
            "realtors",
            "brokerage",
            "homes",
            "residential",
            "commercial real estate",
            "cre",
            "multifamily",
            "apartments",
            "development",
            "reit",
            "estates",
        ],
        disqualifiers=[
            "individual agent without a team or marketing budget",
            "firm in a market where unsolicited outreach to owners is restricted",
            "distressed firm in receivership",
        ],
    ),
    personas=[
        Persona(
            name="Brokerage / Firm Principal",
            titles=[
                "broker owner",
                "managing broker",
                "principal",
                "owner",
                "founder",
                "ceo",
                "president",
                "managing partner",
                "managing director",
            ],
            seniority="c_level",
            is_decision_maker=True,
            priorities=["gross commission income", "agent count and productivity", "market share"],
            pains=[
                "Agent recruiting and retention cost keeps rising as commission splits compress",
                "Deal volume fell with higher mortgage rates and lower transaction counts",
                "Lead sources (portals) are expensive and shared with competitors",
            ],
        ),
        Persona(
            name="Leasing & Asset Leader",
            titles=[
                "vp leasing",
                "director leasing",
                "leasing director",
                "asset manager",
                "vp asset management",
                "director asset management",
                "leasing manager",
                "portfolio manager",
            ],
            seniority="director",
            is_decision_maker=True,
            priorities=["occupancy and lease-up velocity", "net effective rent", "tenant retention"],
            pains=[
                "Lease-up is behind the pro forma and concessions keep growing",
                "Office and retail vacancy is hard to fill with tenant demand shifting",
                "Renewals are worked too late to prevent move-outs",
            ],
        ),
        Persona(
            name="Property Management Executive",
            titles=[
                "vp property management",
                "director property management",
                "property manager",
                "regional manager",
                "coo",
                "vp operations",
                "director operations",
            ],
            seniority="vp",
            is_decision_maker=True,
            priorities=["doors under management", "NOI for owners", "operating cost per unit"],
            pains=[
                "Growth depends on winning new management contracts from owners",
                "Owners churn to competitors over fees and reporting",
            ],
        ),
        Persona(
            name="Real Estate Marketing Leader",
            titles=[
                "cmo",
                "vp marketing",
                "director marketing",
                "marketing director",
                "head marketing",
                "marketing manager",
            ],
            seniority="director",
            is_decision_maker=False,
            priorities=["qualified leads and tours", "cost per lease or listing", "brand in target markets"],
            pains=[
                "Portal and ILS spend keeps climbing for the same leads",
                "Hard to tie marketing spend to signed leases and listings",
            ],
        ),
    ],
    pain_points=[
        "Higher rates cut transaction volume and stretched deal cycles",
        "Lease-up and vacancy run behind the pro forma, forcing concessions",
        "Portal and ILS leads are expensive and shared with every competitor",
        "Winning listings and management contracts depends on referrals and relationships",
        "Agent and broker recruiting is a constant cost with thin retention",
        "Tenant and owner churn hurts NOI and fee revenue",
    ],
    value_propositions=[
        "Reach property owners and tenants directly instead of paying portals for shared leads",
        "Speed up lease-up with outbound to companies expanding in your submarket",
        "Win new management contracts and listings from owners in target areas",
        "Recruit productive agents with targeted, personal outreach",
    ],
    proof_angles=[
        "signed leases or listings sourced from outbound",
        "days to stabilised occupancy on a lease-up",
        "new management contracts or doors added",
        "references from brokerages and operators in similar markets",
    ],
    tone=(
        "Local, relationship-driven and direct: talk about their submarket, deals and occupancy, never "
        "generic."
    ),
    vocabulary=[
        "lease-up",
        "occupancy",
        "NOI",
        "cap rate",
        "GCI",
        "listings",
        "doors under management",
        "submarket",
        "tenant rep",
        "concessions",
        "absorption",
    ],
    objections=[
        Objection(
            objection="Real estate is a referral business.",
            response=(
                "Referrals are the best source; outbound creates more of the conversations that become "
                "referrals, in the submarkets you choose."
            ),
        ),
        Objection(
            objection="The market is slow; we are cutting spend.",
            response=(
                "That is when owners and tenants reconsider their options; we price against deals sourced."
            ),
        ),
        Objection(
            objection="We already pay for portals.",
            response="Portals sell the same lead to several firms; outbound conversations are yours alone.",
        ),
    ],
    rubric=RubricWeights(
        seniority=20, persona_fit=20, company_fit=20, industry_fit=15, intent_signals=20, data_completeness=5
    ),
    tier_thresholds=TierThresholds(tier1=80, tier2=60, tier3=40),
)
