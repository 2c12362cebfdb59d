"""Healthcare Clinics: physician groups, specialty, dental, urgent care and outpatient practices."""

from __future__ import annotations

from schemas import ICP, AgentProfile, Objection, Persona, RubricWeights, TierThresholds

PROFILE = AgentProfile(
    industry="healthcare_clinic",
    name="Healthcare Clinics",
    description=(
        "Independent and multi-site outpatient practices (primary care, specialty, dental, dermatology, "
        "physical therapy, urgent care) and the MSOs behind them, run on visits, payer mix and staff time."
    ),
    icp=ICP(
        company_types=[
            "multi-site medical group",
            "specialty practice",
            "dental group",
            "urgent care network",
            "physical therapy clinic",
            "dermatology practice",
            "management services organization",
        ],
        employee_min=15,
        employee_max=5_000,
        revenue_min_usd=2_000_000,
        revenue_max_usd=750_000_000,
        regions=["United States"],
        signals=[
            "opening a new location or adding providers",
            "private equity backing or joining an MSO/DSO",
            "switching EHR or practice management system",
            "hiring practice managers, front desk or revenue cycle staff",
            "adding a new service line (cosmetic, telehealth, imaging)",
            "shift toward value-based care contracts",
        ],
        signal_keywords=[
            "new location",
            "opening",
            "new clinic",
            "new providers",
            "expansion",
            "private equity",
            "mso",
            "dso",
            "acquired",
            "acquisition",
            "ehr",
            "practice management",
            "epic",
            "athenahealth",
            "hiring",
            "front desk",
            "revenue cycle",
            "telehealth",
            "service line",
            "value-based",
            "no-show",
            "patient acquisition",
        ],
        industry_keywords=[
            "clinic",
            "medical",
            "health",
            "healthcare",
            "dental",
            "dentistry",
            "dermatology",
            "orthopedic",
            "pediatrics",
            "physical therapy",
            "urgent care",
            "family medicine",
            "practice",
            "physicians",
            "md",
            "dds",
        ],
        disqualifiers=[
            "hospital system where purchasing runs through a central committee",
            "solo practitioner with no staff or marketing budget",
            "any use case that would require sending PHI through unsecured channels",
        ],
    ),
    personas=[
        Persona(
            name="Practice Administrator",
            titles=[
                "practice manager",
                "practice administrator",
                "office manager",
                "clinic manager",
                "director operations",
                "administrator",
                "operations manager",
                "clinic director",
            ],
            seniority="director",
            is_decision_maker=True,
            priorities=["schedule utilisation", "front-desk workload", "collections"],
            pains=[
                "Late cancellations are never refilled in time, so providers sit idle",
                "The front desk spends hours on reminder calls and insurance checks",
                "Staff turnover at the front desk keeps errors and wait times high",
            ],
        ),
        Persona(
            name="Physician Owner / Medical Director",
            titles=[
                "owner",
                "founder",
                "medical director",
                "managing partner",
                "president",
                "physician owner",
                "chief medical officer",
                "dds",
                "partner",
            ],
            seniority="c_level",
            is_decision_maker=True,
            priorities=["patient volume and payer mix", "provider productivity", "practice profitability"],
            pains=[
                "Reimbursement keeps falling while costs rise",
                "Too much of the payer mix is low-reimbursement plans",
                "Providers lose clinical time to administrative work",
            ],
        ),
        Persona(
            name="Group Executive (MSO/DSO)",
            titles=[
                "ceo",
                "coo",
                "cfo",
                "vp operations",
                "vp growth",
                "chief growth officer",
                "vp revenue cycle",
                "regional director",
            ],
            seniority="c_level",
            is_decision_maker=True,
            priorities=["same-clinic growth", "de novo ramp", "EBITDA for the platform"],
            pains=[
                "De novo and acquired clinics ramp slower than the investment model",
                "Patient acquisition cost varies wildly between locations",
                "Standardising processes across acquired practices is slow",
            ],
        ),
        Persona(
            name="Healthcare Marketing Leader",
            titles=[
                "marketing director",
                "director marketing",
                "vp marketing",
                "cmo",
                "patient acquisition",
                "growth marketing",
                "marketing manager",
            ],
            seniority="director",
            is_decision_maker=True,
            priorities=["new patients per month", "cost per new patient", "referral volume"],
            pains=[
                "Paid search costs per new patient keep climbing",
                "Physician referral relationships are not tracked or worked consistently",
                "HIPAA rules limit which marketing tools and data can be used",
            ],
        ),
    ],
    pain_points=[
        "No-shows and late cancellations leave 10-20% of appointment slots empty",
        "A payer mix heavy in low-reimbursement plans drags margin",
        "HIPAA constrains which tools and channels can touch patient data",
        "Front-desk staff are overloaded with calls, reminders and eligibility checks",
        "Referral relationships with other physicians are not worked systematically",
        "New locations and added providers take too long to fill their schedules",
        "Claim denials and slow collections stretch days in A/R",
    ],
    value_propositions=[
        "Fill open appointment slots and cut no-shows without extra front-desk hours",
        "Grow referral volume from nearby physicians and employers",
        "Ramp new locations and providers to a full schedule faster",
        "Attract more commercially insured patients to improve payer mix",
        "Stay HIPAA-compliant: no PHI in outreach, BAA available",
    ],
    proof_angles=[
        "new patients per month per location",
        "no-show rate before and after",
        "schedule utilisation of new providers after 90 days",
        "references from multi-site practices and MSOs",
    ],
    tone=(
        "Respectful of clinicians' time and patient privacy: practical, evidence-minded, never salesy; "
        "name HIPAA up front rather than waiting to be asked."
    ),
    vocabulary=[
        "no-show rate",
        "payer mix",
        "schedule utilisation",
        "new patients",
        "referrals",
        "EHR",
        "HIPAA",
        "BAA",
        "days in A/R",
        "de novo",
        "MSO",
        "DSO",
    ],
    objections=[
        Objection(
            objection="HIPAA makes this too risky.",
            response=(
                "Outreach goes to businesses and referring providers, never uses PHI, and we sign a BAA "
                "wherever patient data is involved."
            ),
        ),
        Objection(
            objection="Our schedule is already full.",
            response=(
                "Then the value is payer mix and no-shows: we fill the gaps and cancellations with "
                "better-reimbursed visits."
            ),
        ),
        Objection(
            objection="We rely on referrals.",
            response="So do the best practices; we make referral outreach consistent and measurable.",
        ),
    ],
    rubric=RubricWeights(
        seniority=20, persona_fit=20, company_fit=20, industry_fit=15, intent_signals=20, data_completeness=5
    ),
    tier_thresholds=TierThresholds(tier1=80, tier2=60, tier3=40),
)
