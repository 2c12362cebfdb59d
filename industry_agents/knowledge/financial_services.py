"""Financial Services: community banks, credit unions, wealth managers, insurers, lenders, fintech."""

from __future__ import annotations

from schemas import ICP, AgentProfile, Objection, Persona, RubricWeights, TierThresholds

PROFILE = AgentProfile(
    industry="financial_services",
    name="Financial Services",
    description=(
        "Community and regional banks, credit unions, wealth and asset managers, insurers, lenders and "
        "fintechs, growing deposits, AUM and loans under tight compliance review."
    ),
    icp=ICP(
        company_types=[
            "community bank",
            "regional bank",
            "credit union",
            "wealth management firm",
            "ria",
            "insurance carrier",
            "insurance agency",
            "lender",
            "fintech company",
        ],
        employee_min=25,
        employee_max=20_000,
        revenue_min_usd=5_000_000,
        revenue_max_usd=5_000_000_000,
        regions=["United States", "Canada", "United Kingdom"],
        signals=[
            "opening branches or entering a new market",
            "merger, acquisition or charter conversion",
            "digital banking or core system conversion",
            "new commercial lending or treasury management push",
            "hiring relationship managers, advisors or loan officers",
            "regulatory action or exam findings prompting change",
        ],
        signal_keywords=[
            "new branch",
            "branch",
            "opening",
            "new market",
            "merger",
            "acquisition",
            "acquired",
            "charter",
            "core conversion",
            "digital banking",
            "online banking",
            "commercial lending",
            "treasury",
            "hiring",
            "relationship manager",
            "loan officer",
            "advisor",
            "deposit",
            "aum",
            "launch",
            "consent order",
            "expansion",
        ],
        industry_keywords=[
            "bank",
            "banking",
            "credit union",
            "financial",
            "finance",
            "capital",
            "wealth",
            "insurance",
            "lending",
            "mortgage",
            "fintech",
            "investments",
            "advisors",
            "trust",
            "payments",
            "asset management",
        ],
        disqualifiers=[
            "institution under an enforcement action that freezes new vendors",
            "single-advisor practice without marketing budget",
            "offer that would require unapproved claims about returns or rates",
        ],
    ),
    personas=[
        Persona(
            name="Financial Services Marketing Leader",
            titles=[
                "cmo",
                "chief marketing officer",
                "vp marketing",
                "svp marketing",
                "director marketing",
                "head marketing",
                "marketing director",
            ],
            seniority="vp",
            is_decision_maker=True,
            priorities=["new households and accounts", "deposit growth at a sustainable cost", "brand trust"],
            pains=[
                "Deposit costs rose and rate-chasers leave as soon as the promotion ends",
                "Every campaign waits weeks for compliance review",
                "Fintechs and big banks outspend them in digital channels",
            ],
        ),
        Persona(
            name="Commercial Banking / Business Development Leader",
            titles=[
                "chief lending officer",
                "commercial lending",
                "commercial banking",
                "business development",
                "treasury management",
                "director sales",
                "vp sales",
                "market president",
                "head sales",
            ],
            seniority="vp",
            is_decision_maker=True,
            priorities=[
                "loan growth in target segments",
                "core deposit relationships",
                "treasury fee income",
            ],
            pains=[
                "Relationship managers rely on referrals and their own networks for new business",
                "Loan-to-deposit ratio is high and they need operating accounts, not just loans",
            ],
        ),
        Persona(
            name="Executive (CEO/President/COO)",
            titles=[
                "ceo",
                "president",
                "coo",
                "chief operating officer",
                "founder",
                "managing partner",
                "principal",
                "owner",
                "cfo",
            ],
            seniority="c_level",
            is_decision_maker=True,
            priorities=[
                "net interest margin and efficiency ratio",
                "growth versus plan",
                "regulatory standing",
            ],
            pains=[
                "Net interest margin is squeezed by deposit costs",
                "Efficiency ratio is stuck above target",
                "Growth must not create compliance findings",
            ],
        ),
        Persona(
            name="Compliance & Risk Officer",
            titles=[
                "chief compliance officer",
                "compliance",
                "bsa officer",
                "risk officer",
                "chief risk officer",
                "general counsel",
            ],
            seniority="director",
            is_decision_maker=False,
            priorities=["clean exams", "UDAAP and marketing-rule compliance", "vendor risk management"],
            pains=[
                "Marketing content arrives for review with claims that cannot be approved",
                "Vendor due diligence for every new tool takes months",
            ],
        ),
    ],
    pain_points=[
        "Deposit costs rose and rate-sensitive money leaves when promotions end",
        "Compliance review (UDAAP, FINRA/SEC marketing rules) slows every campaign",
        "Relationship managers and advisors depend on referrals for new business",
        "Fintechs and national banks win younger and digital-first customers",
        "Net interest margin and efficiency ratio are under pressure",
        "Vendor risk management makes new partnerships slow to start",
    ],
    value_propositions=[
        "Grow core operating deposits from local businesses, not rate-chasers",
        "Fill relationship managers' and advisors' calendars with qualified introductions",
        "Compliance-ready outreach: every message pre-approved, fully archived and auditable",
        "Enter new markets and branches with a pipeline on day one",
    ],
    proof_angles=[
        "new commercial relationships and core deposits opened",
        "meetings per relationship manager or advisor per month",
        "compliance approval turnaround and audit trail",
        "references from community banks, credit unions and RIAs",
    ],
    tone=(
        "Conservative, precise and trustworthy: no hype, no promises about rates or returns, cite the "
        "compliance process, and respect that decisions take committees."
    ),
    vocabulary=[
        "deposits",
        "NIM",
        "efficiency ratio",
        "AUM",
        "treasury management",
        "relationship manager",
        "loan-to-deposit ratio",
        "UDAAP",
        "vendor due diligence",
        "households",
    ],
    objections=[
        Objection(
            objection="Compliance will never approve outbound.",
            response=(
                "We submit every template for approval up front, archive every message and follow your "
                "marketing-rule policies; many regulated institutions run it this way today."
            ),
        ),
        Objection(
            objection="Our bankers own their own prospecting.",
            response=(
                "We give them warmer conversations, not a replacement; they still own every relationship."
            ),
        ),
        Objection(
            objection="Vendor onboarding takes six months.",
            response=(
                "We have a due-diligence package ready (SOC 2, policies, insurance) to shorten the review."
            ),
        ),
    ],
    rubric=RubricWeights(
        seniority=25, persona_fit=20, company_fit=20, industry_fit=15, intent_signals=15, data_completeness=5
    ),
    tier_thresholds=TierThresholds(tier1=80, tier2=60, tier3=40),
)
