"""Manufacturing: discrete and process manufacturers, OEMs and contract manufacturers."""

from __future__ import annotations

from schemas import ICP, AgentProfile, Objection, Persona, RubricWeights, TierThresholds

PROFILE = AgentProfile(
    industry="manufacturing",
    name="Manufacturing",
    description=(
        "Mid-market discrete and process manufacturers, OEMs and contract manufacturers running on OEE, "
        "uptime, on-time delivery and a supply chain that refuses to stay predictable."
    ),
    icp=ICP(
        company_types=[
            "discrete manufacturer",
            "process manufacturer",
            "oem",
            "contract manufacturer",
            "industrial equipment maker",
            "metal fabricator",
            "plastics manufacturer",
            "food manufacturer",
        ],
        employee_min=50,
        employee_max=25_000,
        revenue_min_usd=10_000_000,
        revenue_max_usd=5_000_000_000,
        regions=["United States", "Canada", "Mexico", "Europe"],
        signals=[
            "new plant, line or capacity expansion",
            "reshoring or nearshoring production",
            "ERP or MES implementation",
            "hiring plant managers, maintenance or continuous improvement roles",
            "new contracts, certifications (ISO, AS9100, IATF) or product lines",
            "acquisition or private equity investment",
        ],
        signal_keywords=[
            "new plant",
            "new facility",
            "new line",
            "capacity",
            "expansion",
            "reshoring",
            "nearshoring",
            "erp",
            "mes",
            "automation",
            "robotics",
            "hiring",
            "plant manager",
            "maintenance",
            "lean",
            "six sigma",
            "iso",
            "as9100",
            "iatf",
            "contract",
            "acquired",
            "acquisition",
            "private equity",
        ],
        industry_keywords=[
            "manufacturing",
            "manufacturer",
            "industrial",
            "industries",
            "fabrication",
            "machining",
            "plastics",
            "metals",
            "components",
            "precision",
            "engineering",
            "products",
            "mfg",
            "machinery",
            "foundry",
            "packaging",
        ],
        disqualifiers=[
            "distributor or reseller with no production",
            "job shop under 20 people with no purchasing process",
            "plant scheduled for closure",
        ],
    ),
    personas=[
        Persona(
            name="Plant & Operations Leader",
            titles=[
                "plant manager",
                "vp operations",
                "director operations",
                "coo",
                "operations director",
                "vp manufacturing",
                "director manufacturing",
                "general manager",
                "site director",
            ],
            seniority="vp",
            is_decision_maker=True,
            priorities=["OEE and throughput", "on-time delivery", "cost per unit"],
            pains=[
                "Unplanned downtime kills OEE and the schedule",
                "Skilled labor shortages leave shifts and lines unstaffed",
                "Expediting and overtime eat the margin on late orders",
            ],
        ),
        Persona(
            name="Supply Chain Leader",
            titles=[
                "vp supply chain",
                "director supply chain",
                "supply chain",
                "procurement",
                "purchasing",
                "director purchasing",
                "sourcing",
                "materials manager",
                "chief procurement officer",
            ],
            seniority="director",
            is_decision_maker=True,
            priorities=["supplier on-time delivery", "inventory turns", "material cost"],
            pains=[
                "Single-source suppliers create shortages that stop the line",
                "Lead times and freight costs swing unpredictably",
                "Too much working capital sits in safety stock",
            ],
        ),
        Persona(
            name="Executive (CEO/President/Owner)",
            titles=["ceo", "president", "owner", "founder", "chief executive officer", "cfo"],
            seniority="c_level",
            is_decision_maker=True,
            priorities=[
                "revenue growth and EBITDA margin",
                "winning new OEM contracts",
                "capacity utilisation",
            ],
            pains=[
                "Growth depends on a few large customers",
                "Capacity added for a program sits idle when volumes drop",
            ],
        ),
        Persona(
            name="Engineering & Continuous Improvement Leader",
            titles=[
                "vp engineering",
                "director engineering",
                "engineering manager",
                "continuous improvement",
                "quality",
                "director quality",
                "maintenance manager",
                "manufacturing engineer",
            ],
            seniority="manager",
            is_decision_maker=False,
            priorities=["scrap and first-pass yield", "maintenance backlog", "quality audits"],
            pains=[
                "Scrap and rework hide in the numbers until the month closes",
                "Preventive maintenance slips behind when production is behind",
            ],
        ),
    ],
    pain_points=[
        "Unplanned downtime drags OEE well below world-class levels",
        "Supply chain disruptions and long lead times stop lines and inflate inventory",
        "Skilled labor shortages leave shifts unstaffed and overtime high",
        "Revenue concentration in a few OEM customers makes growth fragile",
        "Scrap, rework and quality escapes eat margin",
        "Capacity sits idle between programs while sales relies on trade shows and reps",
    ],
    value_propositions=[
        "Fill open capacity with new OEM and contract customers in your target sectors",
        "Diversify revenue away from a handful of large accounts",
        "Reach engineering and procurement buyers before RFQs go out",
        "Replace trade-show dependency with a steady flow of qualified RFQs",
    ],
    proof_angles=[
        "RFQs and new customer programs sourced from outbound",
        "capacity utilisation before and after",
        "share of revenue from the top three customers",
        "references from manufacturers with similar processes and certifications",
    ],
    tone=(
        "Practical and specific: speak in capacity, tolerances, certifications and lead times; no "
        "marketing gloss."
    ),
    vocabulary=[
        "OEE",
        "uptime",
        "throughput",
        "RFQ",
        "capacity utilisation",
        "lead time",
        "first-pass yield",
        "scrap",
        "ERP",
        "MES",
        "ISO 9001",
        "reshoring",
    ],
    objections=[
        Objection(
            objection="Our reps and distributors handle new business.",
            response=(
                "We reach the engineering and procurement contacts your reps do not cover, and route "
                "every opportunity through your existing rep agreements."
            ),
        ),
        Objection(
            objection="We are at capacity.",
            response=(
                "Then we target higher-margin programs for when capacity frees up, so you can be selective."
            ),
        ),
        Objection(
            objection="Our sales cycle is 6-18 months.",
            response=(
                "Which is why the pipeline has to start now; we measure RFQs and qualified conversations."
            ),
        ),
    ],
    rubric=RubricWeights(
        seniority=20, persona_fit=20, company_fit=20, industry_fit=15, intent_signals=20, data_completeness=5
    ),
    tier_thresholds=TierThresholds(tier1=80, tier2=60, tier3=40),
)
