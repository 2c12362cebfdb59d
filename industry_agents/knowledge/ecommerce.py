"""E-commerce & Retail: DTC brands, omnichannel retailers and online marketplaces sellers."""

from __future__ import annotations

from schemas import ICP, AgentProfile, Objection, Persona, RubricWeights, TierThresholds

PROFILE = AgentProfile(
    industry="ecommerce",
    name="E-commerce & Retail",
    description=(
        "DTC brands, omnichannel retailers and marketplace sellers whose growth depends on customer "
        "acquisition cost, conversion, repeat purchase and inventory turning into cash."
    ),
    icp=ICP(
        company_types=[
            "dtc brand",
            "omnichannel retailer",
            "specialty retailer",
            "shopify plus brand",
            "consumer goods brand",
            "online retailer",
            "marketplace seller",
        ],
        employee_min=20,
        employee_max=20_000,
        revenue_min_usd=5_000_000,
        revenue_max_usd=5_000_000_000,
        regions=["United States", "Canada", "United Kingdom", "Europe", "Australia"],
        signals=[
            "replatforming (e.g. to Shopify Plus, BigCommerce or Salesforce Commerce)",
            "opening retail stores or entering wholesale",
            "launching on Amazon or new marketplaces",
            "new product line or international expansion",
            "hiring retention, CRM or e-commerce roles",
            "funding round or private equity investment",
        ],
        signal_keywords=[
            "replatform",
            "shopify",
            "shopify plus",
            "bigcommerce",
            "headless",
            "new store",
            "retail store",
            "wholesale",
            "amazon",
            "marketplace",
            "new product",
            "product line",
            "collection",
            "launch",
            "international",
            "expansion",
            "hiring",
            "retention",
            "crm",
            "funding",
            "raised",
            "subscription",
        ],
        industry_keywords=[
            "ecommerce",
            "e-commerce",
            "retail",
            "retailer",
            "store",
            "shop",
            "brand",
            "dtc",
            "apparel",
            "beauty",
            "fashion",
            "consumer goods",
            "boutique",
            "outfitters",
            "goods",
        ],
        disqualifiers=[
            "hobby store under $1M online revenue",
            "pure dropshipper without its own brand or customer list",
            "brand in liquidation or winding down",
        ],
    ),
    personas=[
        Persona(
            name="E-commerce Leader",
            titles=[
                "vp ecommerce",
                "head ecommerce",
                "director ecommerce",
                "ecommerce director",
                "vp digital",
                "chief digital officer",
                "director digital",
                "ecommerce manager",
            ],
            seniority="vp",
            is_decision_maker=True,
            priorities=[
                "online revenue and conversion rate",
                "average order value",
                "site and channel performance",
            ],
            pains=[
                "Conversion rate is flat while traffic gets more expensive",
                "Replatforming and app sprawl eat the roadmap",
                "Marketplace sales cannibalise margin from the owned store",
            ],
        ),
        Persona(
            name="Growth / Retention Marketing Leader",
            titles=[
                "cmo",
                "vp marketing",
                "head growth",
                "vp growth",
                "director marketing",
                "retention",
                "crm",
                "lifecycle",
                "head marketing",
            ],
            seniority="vp",
            is_decision_maker=True,
            priorities=["blended CAC and MER", "repeat purchase rate", "customer lifetime value"],
            pains=[
                "Meta and Google CAC keep rising and attribution got worse after iOS privacy changes",
                "Too few first-time buyers come back for a second order",
                "Email and SMS lists are fatigued by discount-heavy campaigns",
            ],
        ),
        Persona(
            name="Founder / CEO",
            titles=["ceo", "founder", "cofounder", "owner", "president"],
            seniority="c_level",
            is_decision_maker=True,
            priorities=["profitable growth", "contribution margin", "cash tied up in inventory"],
            pains=[
                "Growth at any cost is over and contribution margin is under pressure",
                "Cash is locked in slow-moving inventory",
            ],
        ),
        Persona(
            name="Retail & Wholesale Leader",
            titles=[
                "vp retail",
                "director retail",
                "head wholesale",
                "vp sales",
                "director wholesale",
                "head partnerships",
                "merchandising",
                "vp merchandising",
            ],
            seniority="director",
            is_decision_maker=True,
            priorities=["sell-through", "new retail doors and partners", "store productivity"],
            pains=[
                "Opening wholesale accounts depends on trade shows and cold intros",
                "Store traffic is down and hard to connect to online customers",
            ],
        ),
    ],
    pain_points=[
        "Paid social and search CAC rise every quarter while attribution gets murkier",
        "Repeat purchase rate is too low to pay back the cost of the first order",
        "Discounting trains customers to wait for promotions and erodes margin",
        "Inventory ties up cash and slow sellers end up marked down",
        "Marketplace fees and returns shrink contribution margin",
        "Growing wholesale and retail partnerships depends on slow trade-show cycles",
    ],
    value_propositions=[
        "Open new wholesale and retail partner accounts with targeted outbound to buyers",
        "Lower blended CAC by adding B2B, corporate gifting and partner channels",
        "Lift repeat purchase and LTV without deeper discounts",
        "Move slow inventory through bulk and corporate orders instead of markdowns",
    ],
    proof_angles=[
        "new wholesale doors or partners opened in a quarter",
        "corporate gifting revenue from outbound",
        "repeat purchase rate and LTV lift",
        "references from DTC brands at a similar revenue stage",
    ],
    tone=(
        "Brand-aware and commercially sharp: talk margin, CAC and LTV, mirror the brand's voice, keep it "
        "short."
    ),
    vocabulary=[
        "CAC",
        "MER",
        "ROAS",
        "AOV",
        "LTV",
        "repeat purchase rate",
        "contribution margin",
        "sell-through",
        "DTC",
        "wholesale",
        "SKU",
    ],
    objections=[
        Objection(
            objection="We are a consumer brand; outbound is not for us.",
            response=(
                "The consumers come from your ads; outbound is for the buyers behind wholesale, retail "
                "partners and corporate gifting orders."
            ),
        ),
        Objection(
            objection="Our agency runs paid and email already.",
            response="We do not touch paid or email; we add B2B channels that do not depend on ad auctions.",
        ),
        Objection(
            objection="Margins are too thin right now.",
            response=(
                "Wholesale and bulk orders come without ad spend per order, which usually improves margin."
            ),
        ),
    ],
    rubric=RubricWeights(
        seniority=20, persona_fit=20, company_fit=20, industry_fit=15, intent_signals=20, data_completeness=5
    ),
    tier_thresholds=TierThresholds(tier1=80, tier2=60, tier3=40),
)
