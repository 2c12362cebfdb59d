"""Professional Services: law, accounting, consulting, agencies, staffing, IT services firms."""

from __future__ import annotations

from schemas import ICP, AgentProfile, Objection, Persona, RubricWeights, TierThresholds

PROFILE = AgentProfile(
    industry="professional_services",
    name="Professional Services",
    description=(
        "Law firms, accounting and advisory firms, consultancies, agencies, staffing and IT services "
        "firms that sell expertise by the hour or the engagement and live on utilisation and pipeline."
    ),
    icp=ICP(
        company_types=[
            "law firm",
            "accounting firm",
            "cpa firm",
            "management consultancy",
            "marketing agency",
            "staffing firm",
            "it services firm",
            "managed service provider",
            "architecture firm",
        ],
        employee_min=10,
        employee_max=10_000,
        revenue_min_usd=2_000_000,
        revenue_max_usd=2_000_000_000,
        regions=["United States", "Canada", "United Kingdom", "Europe"],
        signals=[
            "new practice area, service line or office",
            "partner hires or lateral moves",
            "merger of firms or private equity investment",
            "hiring business development or marketing roles",
            "losing a major client or a key rainmaker",
            "rebrand or website relaunch",
        ],
        signal_keywords=[
            "practice area",
            "service line",
            "new office",
            "opening",
            "lateral",
            "partner",
            "joined",
            "merger",
            "merged",
            "private equity",
            "acquired",
            "acquisition",
            "hiring",
            "business development",
            "rebrand",
            "new website",
            "launch",
            "expansion",
            "new service",
            "rainmaker",
        ],
        industry_keywords=[
            "law",
            "legal",
            "attorneys",
            "llp",
            "cpa",
            "accounting",
            "advisory",
            "consulting",
            "consultants",
            "agency",
            "partners",
            "associates",
            "staffing",
            "recruiting",
            "solutions",
            "group",
            "studio",
        ],
        disqualifiers=[
            "sole practitioner with no capacity for new clients",
            "firm whose bar or professional rules forbid the outreach channel offered",
            "firm that only works from inbound panel or RFP appointments",
        ],
    ),
    personas=[
        Persona(
            name="Managing Partner / Firm Owner",
            titles=[
                "managing partner",
                "founding partner",
                "partner",
                "owner",
                "founder",
                "ceo",
                "president",
                "principal",
                "managing director",
            ],
            seniority="c_level",
            is_decision_maker=True,
            priorities=["revenue per partner", "utilisation and realisation", "succession and firm growth"],
            pains=[
                "New business depends on a few rainmaker partners",
                "Utilisation dips between engagements and nobody owns pipeline",
                "Younger partners have never had to originate work",
            ],
        ),
        Persona(
            name="Business Development & Marketing Leader",
            titles=[
                "cmo",
                "chief marketing officer",
                "director business development",
                "business development",
                "director marketing",
                "marketing director",
                "head growth",
                "vp marketing",
                "cbdo",
            ],
            seniority="director",
            is_decision_maker=True,
            priorities=["new-client pipeline", "cross-selling practice areas", "proposal win rate"],
            pains=[
                "Partners do not follow up on the introductions marketing creates",
                "Events and sponsorships are hard to tie to new matters",
                "The CRM is full of contacts and empty of activity",
            ],
        ),
        Persona(
            name="Operations & Finance Leader",
            titles=[
                "coo",
                "cfo",
                "chief operating officer",
                "director operations",
                "firm administrator",
                "executive director",
                "director finance",
            ],
            seniority="vp",
            is_decision_maker=True,
            priorities=["utilisation and realisation", "lockup and collections", "cost per hire"],
            pains=[
                "Bench time between engagements erodes margin",
                "Write-downs and slow collections hurt realisation",
            ],
        ),
        Persona(
            name="Practice or Account Lead",
            titles=[
                "practice lead",
                "practice leader",
                "account director",
                "account manager",
                "senior manager",
                "director client services",
                "engagement manager",
            ],
            seniority="manager",
            is_decision_maker=False,
            priorities=["growing accounts", "team utilisation", "client satisfaction"],
            pains=["No time to do business development while delivering client work"],
        ),
    ],
    pain_points=[
        "New business depends on referrals and a few rainmaker partners",
        "Utilisation drops between engagements and the pipeline is not visible",
        "Fee pressure and procurement-led buying squeeze rates and realisation",
        "Cross-selling other practice areas to existing clients rarely happens",
        "Professional rules (bar, AICPA, independence) limit how the firm can market",
        "Billable people have no time for business development",
    ],
    value_propositions=[
        "A steady flow of first meetings with decision makers in your target sectors",
        "Keep utilisation high by filling the pipeline before engagements end",
        "Free partners from prospecting so their hours stay billable",
        "Outreach written to your professional rules and reviewed by your risk team",
    ],
    proof_angles=[
        "first meetings and new matters or engagements sourced",
        "pipeline value by practice area",
        "utilisation before and after",
        "references from firms of similar size and practice mix",
    ],
    tone=(
        "Credible and understated: peer-level, specific to their practice, no hard sell, mindful of "
        "professional rules."
    ),
    vocabulary=[
        "utilisation",
        "realisation",
        "billable hours",
        "rainmaker",
        "practice area",
        "matters",
        "engagements",
        "retainer",
        "bench",
        "lockup",
        "origination",
    ],
    objections=[
        Objection(
            objection="Our work comes from referrals and reputation.",
            response=(
                "That will not change; we create more first conversations with the clients you want, and "
                "your partners take it from there."
            ),
        ),
        Objection(
            objection="Outbound looks unprofessional for a firm like ours.",
            response=(
                "Done badly, it does. Ours is low-volume, researched and written in your voice, and your "
                "risk team approves the templates."
            ),
        ),
        Objection(
            objection="Partners will not take the meetings.",
            response=(
                "We only book meetings that match criteria the partners sign off on, on their calendars."
            ),
        ),
    ],
    rubric=RubricWeights(
        seniority=25, persona_fit=20, company_fit=15, industry_fit=15, intent_signals=20, data_completeness=5
    ),
    tier_thresholds=TierThresholds(tier1=80, tier2=60, tier3=40),
)
