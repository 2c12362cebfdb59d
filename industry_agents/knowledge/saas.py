"""SaaS: B2B software companies from Series A to public, selling subscriptions."""

from __future__ import annotations

from schemas import ICP, AgentProfile, Objection, Persona, RubricWeights, TierThresholds

PROFILE = AgentProfile(
    industry="saas",
    name="SaaS",
    description=(
        "B2B software companies selling subscriptions, from Series A to public, measured on pipeline, "
        "net revenue retention and CAC payback."
    ),
    icp=ICP(
        company_types=[
            "b2b saas company",
            "vertical saas",
            "software company",
            "platform company",
            "devtools company",
            "venture-backed startup",
        ],
        employee_min=30,
        employee_max=5_000,
        revenue_min_usd=3_000_000,
        revenue_max_usd=1_000_000_000,
        regions=["United States", "Canada", "United Kingdom", "Europe"],
        signals=[
            "raised a funding round (Series A-D)",
            "hiring SDRs, AEs or a first sales or marketing leader",
            "launching a new product or moving upmarket",
            "entering a new region or segment",
            "new CRO, VP Sales or VP Marketing in the first 90 days",
            "missed plan or layoffs in go-to-market teams",
        ],
        signal_keywords=[
            "raised",
            "funding",
            "series a",
            "series b",
            "series c",
            "series d",
            "seed",
            "hiring",
            "sdr",
            "bdr",
            "account executive",
            "launch",
            "launched",
            "new product",
            "upmarket",
            "enterprise",
            "new region",
            "expansion",
            "emea",
            "new cro",
            "joined as",
            "layoffs",
            "pipeline",
            "plg",
        ],
        industry_keywords=[
            "saas",
            "software",
            "platform",
            "cloud",
            "app",
            "api",
            "b2b software",
            "tech",
            "ai",
            "analytics",
            "devtools",
            "io",
        ],
        edge_types=[
            "it consulting",
            "it consultancy",
            "it services",
            "managed services",
            "systems integrator",
            "it outsourcing",
        ],
        disqualifiers=[
            "pre-product-market-fit startup with fewer than 10 customers",
            "consumer-only app with no B2B sales motion",
            "company in a hiring freeze with no go-to-market budget",
        ],
    ),
    personas=[
        Persona(
            name="Revenue Leader",
            titles=[
                "cro",
                "chief revenue officer",
                "vp sales",
                "svp sales",
                "head sales",
                "vp revenue",
                "director sales",
                "sales director",
                "sales manager",
                "inside sales manager",
            ],
            seniority="vp",
            functions=["sales"],
            levels=["c_level", "vp", "director", "manager"],
            role="signer",
            label="revenue leader",
            plural="revenue leaders",
            short="sales",
            is_decision_maker=True,
            priorities=["new ARR against plan", "pipeline coverage", "win rate and sales cycle length"],
            pains=[
                "Pipeline coverage is under 3x and the quarter depends on a few big deals",
                "AEs spend their time prospecting instead of closing",
                "New reps take too long to ramp to quota",
            ],
        ),
        Persona(
            name="Marketing / Demand Gen Leader",
            titles=[
                "cmo",
                "vp marketing",
                "head marketing",
                "demand generation",
                "growth",
                "head growth",
                "director marketing",
                "vp growth",
                "demand generation manager",
                "growth manager",
            ],
            seniority="vp",
            functions=["marketing"],
            levels=["c_level", "vp", "director", "manager"],
            role="signer",
            label="marketing leader",
            plural="marketing leaders",
            short="marketing",
            is_decision_maker=True,
            priorities=["sourced pipeline", "CAC and CAC payback", "MQL-to-opportunity conversion"],
            pains=[
                "Paid channels are saturated and cost per opportunity keeps rising",
                "Sales says the leads are not qualified",
                "Hard to attribute pipeline to programs the board asks about",
            ],
        ),
        Persona(
            name="Founder / CEO",
            titles=["ceo", "founder", "cofounder", "president", "owner"],
            seniority="c_level",
            functions=["executive"],
            levels=["c_level"],
            role="signer",
            label="founder or CEO",
            plural="founders and CEOs",
            short="leadership",
            is_decision_maker=True,
            priorities=[
                "ARR growth and efficiency (burn multiple)",
                "hitting the plan the round was raised on",
                "building a repeatable sales motion",
            ],
            pains=[
                "The founder is still the best salesperson and it does not scale",
                "Growth has to be efficient now: investors watch CAC payback and burn",
            ],
        ),
        Persona(
            name="Sales Development Leader",
            titles=[
                "sales development",
                "sdr manager",
                "bdr manager",
                "head sales development",
                "director sales development",
                "revops",
                "revenue operations",
                "sdr team lead",
            ],
            seniority="manager",
            functions=["sales"],
            levels=["vp", "director", "manager"],
            role="champion",
            label="sales development leader",
            plural="sales development leaders",
            short="sales development",
            is_decision_maker=False,
            priorities=["meetings booked per rep", "SDR ramp time", "reply rates"],
            pains=[
                "Reply rates have dropped as inboxes fill with generic sequences",
                "Data quality problems waste SDR hours on bad contacts",
            ],
        ),
    ],
    pain_points=[
        "Pipeline coverage is thin and the forecast depends on a handful of deals",
        "CAC payback has stretched past 18-24 months as paid channels saturate",
        "Net revenue retention is under target because expansion is not worked proactively",
        "Outbound reply rates have collapsed under generic, high-volume sequences",
        "Hiring and ramping SDRs is slow and expensive",
        "Moving upmarket needs a different, multi-threaded sales motion",
    ],
    value_propositions=[
        "Add qualified pipeline in your ICP without hiring more SDRs",
        "Shorten CAC payback with outbound that costs less per opportunity than paid",
        "Multi-thread into enterprise accounts as you move upmarket",
        "Grow NRR by finding expansion signals in your existing customer base",
        "Lift reply rates with research-based personalisation at scale",
    ],
    proof_angles=[
        "qualified opportunities and pipeline created in 90 days",
        "cost per opportunity versus paid channels",
        "reply and meeting rates against the SaaS benchmark",
        "references from SaaS companies at a similar ARR stage",
    ],
    tone=("Peer-to-peer and metric-fluent: crisp, specific to their GTM motion, zero buzzwords, one clear ask."),
    vocabulary=[
        "ARR",
        "NRR",
        "CAC payback",
        "pipeline coverage",
        "ICP",
        "ACV",
        "win rate",
        "SDR",
        "PLG",
        "burn multiple",
        "multi-threading",
    ],
    objections=[
        Objection(
            objection="We built our own outbound team.",
            response=(
                "Great; we add capacity on segments your SDRs do not cover and hand over warm meetings, "
                "so their quota attainment goes up, not sideways."
            ),
        ),
        Objection(
            objection="Outbound does not work for our product; we are PLG.",
            response=(
                "PLG brings the users; outbound reaches the economic buyer in accounts already on a free "
                "plan, which is where most PLG companies find their enterprise deals."
            ),
        ),
        Objection(
            objection="We tried an agency and got bad meetings.",
            response=(
                "We agree a written ICP and meeting definition first, and you only pay for meetings that meet it."
            ),
        ),
        Objection(
            objection="Not this quarter.",
            response=(
                "Pipeline built now closes next quarter; a two-week pilot shows reply rates before you commit."
            ),
        ),
    ],
    rubric=RubricWeights(
        seniority=25, persona_fit=20, company_fit=20, industry_fit=15, intent_signals=15, data_completeness=5
    ),
    tier_thresholds=TierThresholds(tier1=80, tier2=60, tier3=40),
)
