# ruff: noqa: E501  (corpus text is data: long lines keep each sentence whole and greppable)
"""Build the labelled copy corpus: `tune.jsonl` (checks are tuned on it) and `holdout.jsonl` (never tuned on).

    python -m tests.copy_corpus.build

Every item is one sentence, subject line, video visual or (for "strongest fact unused") one message
body, labelled with its defect class or "good", and tied to a prospect context in `contexts.json`
(the prospect record and the sender's offer the text was written for). Sources, in `src`:

* `issue`  - verbatim from issue 12's table;
* `target` - the before (bad) and after (good) texts of the practitioner's rewrites (copy-target.md);
* `engine` - real output of the old rules engine for the contexts (`old_engine_output.jsonl`, frozen
  from commit 15bca17), labelled by the template that wrote it (rules below, one per template);
* `own`    - written for this corpus.

About 25% of each class goes to the holdout, chosen by a stable hash of the text, so the split does
not change when items are added elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
CTX = json.loads((HERE / "contexts.json").read_text())

Item = dict[str, str]
ITEMS: list[Item] = []


def add(label: str, kind: str, src: str, ctx: str, *texts: str) -> None:
    for text in texts:
        ITEMS.append({"label": label, "kind": kind, "src": src, "ctx": ctx, "text": text})


S, SUBJ, VIS, MSG = "sentence", "subject", "visual", "message"

# --- splice: a raw signal pasted after a lead-in, with no subject ------------------------------------
add(
    "splice",
    S,
    "issue",
    "red_mesa",
    "Reading up on Red Mesa Casino Resort, one thing stood out: opening a 300-room hotel tower in spring 2026.",
)
add(
    "splice",
    S,
    "target",
    "harborview",
    "One thing I noticed about The Harborview Hotel: launching a direct-booking loyalty program.",
)
add(
    "splice",
    S,
    "target",
    "stackwise",
    "Reading up on Stackwise, one thing stood out: raised a $30M Series B led by Accel in October.",
)
add(
    "splice",
    S,
    "own",
    "cedar_valley",
    "Quick note on Cedar Valley Bank: opened a commercial banking office in Pittsburgh.",
    "Something I noticed: hiring 3 commercial relationship managers.",
)
add(
    "splice",
    S,
    "own",
    "ember_grill",
    "Saw this about Ember Grill: opening 6 new units in Arizona this year.",
    "Noticed on your site: relaunched its loyalty app in May.",
    "Quick one about Ember Grill - opening 6 new units in Arizona this year.",
)
add(
    "splice",
    S,
    "own",
    "harborview",
    "What stood out to me: completed a $15M renovation of all 180 rooms.",
    "Came across this about The Harborview Hotel: completed a $15M renovation of all 180 rooms.",
)
add(
    "splice",
    S,
    "own",
    "alder_mfg",
    "Congrats on the news: won a $40M contract with a Tier 1 automotive OEM.",
    "Your team caught my attention: expanding the Cleveland plant by 120,000 sq ft.",
    "Looking at Alder Manufacturing, this jumped out — expanding the Cleveland plant by 120,000 sq ft.",
)
add(
    "splice",
    S,
    "own",
    "lumen_goods",
    "I came across Lumen Goods recently: migrated the storefront to Shopify Plus.",
    "A detail from your site that caught my eye: migrated the storefront to Shopify Plus.",
)
add(
    "splice",
    S,
    "own",
    "fairway_law",
    "Saw the update on Fairway Law Group: opened an employment law practice in Denver.",
    "While reading about Fairway Law Group, one thing stood out: opened an employment law practice in Denver.",
)
add("splice", S, "own", "mosaic", "Noticed this about Mosaic Payments: launched a merchant cash advance product.")
add(
    "splice",
    S,
    "own",
    "northgate_planning",
    "One thing I noticed about Northgate Planning: added estate planning to her services.",
)
add(
    "splice",
    S,
    "own",
    "stackwise_dg",
    "Reading up on Stackwise, this stood out: hiring 5 SDRs and an SDR manager.",
    "Saw the news about Stackwise: raised a $30M Series B led by Accel in October.",
)
add(
    "splice",
    S,
    "own",
    "red_mesa",
    "Timely note for Red Mesa Casino Resort: hiring a CRM manager.",
    "Looking at your careers page, this stood out: hiring a CRM manager.",
)
add(
    "splice",
    S,
    "own",
    "bright_smiles",
    "Reading up on Bright Smiles Family Dental, one thing stood out: opened a third office in Meridian.",
)

# --- persona label as a plural (or pasted as a label) -------------------------------------------------
add(
    "persona_plural",
    S,
    "issue",
    "cedar_valley",
    "In conversations with executive (CEO/President/COO)s, one issue keeps coming up: growth is behind plan.",
)
add(
    "persona_plural",
    S,
    "target",
    "bright_smiles",
    "In conversations with physician owner / medical directors, one issue keeps coming up: no-shows and late "
    "cancellations leave appointment slots empty.",
)
add(
    "persona_plural",
    S,
    "target",
    "cedar_valley",
    "I work with commercial banking / business development leaders on commercial deposit acquisition campaigns.",
)
add(
    "persona_plural",
    S,
    "own",
    "northgate_planning",
    "Most executive (CEO/President/COO)s I speak with want referrals they can trust.",
    "A lot of executive (ceo/president/coo)s tell me the same thing: referrals dried up.",
)
add(
    "persona_plural",
    S,
    "own",
    "alder_mfg",
    "Executive (CEO/President/Owner)s usually judge this by new OEM contracts won.",
    "I talk to a lot of executive (ceo/president/owner)s about winning new OEM contracts.",
)
add(
    "persona_plural",
    S,
    "own",
    "bright_smiles",
    "Most physician owner / medical directors do at first.",
    "Group executive (MSO/DSO)s usually look at same-clinic growth.",
    "In conversations with group executive (mso/dso)s, recall comes up often.",
)
add(
    "persona_plural",
    S,
    "own",
    "stackwise_dg",
    "I work with marketing / demand gen leaders on outsourced SDR pipeline generation.",
    "A lot of Marketing / Demand Gen Leaders tell me pipeline is the hard part.",
)
add("persona_plural", S, "own", "jotbox", "I work with founder / CEOs on outsourced SDR pipeline generation.")
add(
    "persona_plural",
    S,
    "own",
    "lumen_goods",
    "Most growth / retention marketing leaders track repeat purchase rate weekly.",
    "I work with founder / ceos of DTC brands on retention email.",
)
add(
    "persona_plural",
    S,
    "own",
    "ember_grill",
    "Owner / franchise executives often ask how catering revenue is tracked.",
    "In conversations with off-premise & catering leaders, corporate accounts come up first.",
)
add(
    "persona_plural",
    S,
    "own",
    "parkside",
    "I work with leasing & asset leaders on resident renewal campaigns.",
    "Brokerage / firm principals usually measure agent productivity.",
)
add(
    "persona_plural",
    S,
    "own",
    "fairway_law",
    "I work with managing partner / firm owners on client development campaigns.",
    "Business development & marketing leaders at law firms tell me referrals are uneven.",
)
add(
    "persona_plural",
    S,
    "own",
    "harborview",
    "Ownership & asset managements usually want to see the return on the renovation.",
    "Most Hotel Commercial Leaders I speak with track direct-booking share.",
)
add(
    "persona_plural",
    S,
    "own",
    "red_mesa",
    "Player Development Leaders tell me lapsed players are the cheapest to win back.",
    "In conversations with hotel & revenue leaders, midweek occupancy comes up every time.",
)

# --- agreement: number, articles, possessives ---------------------------------------------------------
add(
    "agreement",
    S,
    "issue",
    "bright_smiles",
    "I'd guess patient volume and payer mix is probably high on your list.",
)
add(
    "agreement",
    S,
    "issue",
    "lumen_goods",
    "That matters because a E-commerce Leader is measured on online revenue and conversion rate.",
)
add("agreement", S, "issue", "mosaic", "I'd like to learn more about Mosaic Payments's plans for the year.")
# Broken "You mentioned that ..." realisations and dropped verbs (round-6 read), in our own wordings.
add(
    "agreement",
    S,
    "own",
    "red_mesa",
    "You mentioned that your at the Southwest Gaming Summit that is about 30% of your rated play.",
    "I saw that Red Mesa Casino Resort's she wants the hotel tower full by summer.",
    "Your hosts report a is growing lapsed segment since the new casino opened.",
)
add(
    "agreement",
    S,
    "own",
    "bright_smiles",
    "You've had a recall backlog since is moving to new practice software.",
    "You mentioned that your with the front desk short-staffed, recalls slip.",
    "Bright Smiles Family Dental's they added a third office last year.",
)
add(
    "agreement",
    S,
    "own",
    "tidewater",
    "You mentioned that your is the top priority after cost of funds rose.",
    "I saw that your the deposit growth plan is due in the spring.",
)
add(
    "good",
    S,
    "own",
    "red_mesa",
    "That's the part a reactivation campaign is built for.",
    "Here's what the first two weeks would look like.",
    "It's the rated players who stopped visiting that pay back first.",
)
add(
    "good",
    S,
    "own",
    "bright_smiles",
    "You've been dealing with a recall backlog since moving to new practice software.",
    "You run three offices, and the newest one still has open hygiene chairs.",
    "Most practices that size have hundreds of patients overdue for a cleaning.",
)
add(
    "good",
    S,
    "own",
    "harborview",
    "You operate 180 renovated rooms as an independent hotel, so every OTA commission is yours to cut.",
    "For an independent hotel like Harborview, past guests are the cheapest bookings to win back.",
    "Tell me if a one-page plan would be more useful than a call.",
)
add(
    "agreement",
    S,
    "own",
    "harborview",
    "OTA commission and midweek occupancy is the two numbers I'd look at first.",
    "Your renovation and the loyalty launch makes this a big year.",
    "After a $15M renovation of all 180 room, that's a lot of commission.",
    "It is an hotel with a loyal base of repeat guests.",
)
add(
    "agreement",
    S,
    "own",
    "stackwise",
    "Hiring five SDRs and their manager at once usually mean the number arrives first.",
    "We'd run a outbound pod while the team ramps.",
    "Want me to send an one-page 90-day plan?",
    "Each of your new SDRs need a list on day one.",
)
add(
    "agreement",
    S,
    "own",
    "cedar_valley",
    "There is 3 commercial relationship managers starting this quarter.",
    "Loan growth and core deposits is what most commercial teams watch.",
    "Your new Pittsburgh office and its team needs a pipeline from day one.",
)
add(
    "agreement",
    S,
    "own",
    "lumen_goods",
    "Lumen Goods's repeat purchase rate fell to 18% last year.",
    "Repeat rate and customer lifetime value is where retention email earns its keep.",
    "These campaign usually pay for themselves within a quarter.",
)
add(
    "agreement",
    S,
    "own",
    "parkside",
    "A 220-unit buildings in Austin needs residents fast.",
    "Renewals and referrals is the cheapest way to fill a lease-up.",
    "Parkside Living's's communities span most of Texas.",
)
add(
    "agreement",
    S,
    "own",
    "ember_grill",
    "Six new unit in Arizona need corporate accounts from week one.",
    "Catering revenue and corporate orders is what we'd measure.",
)
add(
    "agreement",
    S,
    "own",
    "bright_smiles",
    "Your three office share one front desk workload.",
    "The Meridian office and the two older offices has open hygiene slots.",
    "Overdue patients gets a text with a link to book.",
)
add(
    "agreement",
    S,
    "own",
    "alder_mfg",
    "A $40M contract and a bigger plant means you needs the next OEM soon.",
    "Win rate and contract value is the numbers to watch.",
)
add(
    "agreement",
    S,
    "own",
    "fairway_law",
    "Fairway Law Group are opening an employment practice; they has a Denver team.",
    "Referrals and repeat clients is what a new practice lives on.",
)

# --- raw title pasted --------------------------------------------------------------------------------
add(
    "raw_title",
    S,
    "issue",
    "bright_smiles",
    "As DDS | Owner-Operator at Bright Smiles Family Dental, you probably care about filling hygiene chairs.",
)
add(
    "raw_title",
    S,
    "own",
    "alder_mfg",
    "As Sr. Dir., Sales | EMEA at Alder Manufacturing, you probably care about winning new OEM contracts.",
    "In your role as Sr. Dir., Sales | EMEA, new OEM contracts are probably the number you watch.",
    "Grace, as Sr. Dir., Sales | EMEA, you're likely measured on new contract value.",
)
add(
    "raw_title",
    S,
    "own",
    "cedar_valley",
    "As SVP, Commercial Banking at Cedar Valley Bank, you're probably measured on core deposits.",
    "Your role as SVP, Commercial Banking puts deposit growth on your plate.",
)
add(
    "raw_title",
    S,
    "own",
    "northgate_planning",
    "As Owner & Financial Planner at Northgate Planning, referrals are probably your main source of clients.",
)
add(
    "raw_title",
    S,
    "own",
    "bright_smiles",
    "You're DDS | Owner-Operator, so the schedule is yours to fill.",
    "Since you're the DDS | Owner-Operator, overdue recall is probably on your list.",
)
add(
    "raw_title",
    S,
    "own",
    "harborview",
    "As Dir. of S&M at The Harborview Hotel, direct share is probably on your scorecard.",
    "As DOSM | Harborview, you probably own the loyalty launch.",
)
add(
    "raw_title",
    S,
    "own",
    "stackwise",
    "As VP Sales, NA | Mid-Market, you probably own the new SDR team.",
    "As Sr. VP, Sales (Americas) at Stackwise, pipeline coverage is probably on your mind.",
)
add(
    "raw_title",
    S,
    "own",
    "red_mesa",
    "As VP Mktg & Player Dev at Red Mesa Casino Resort, you probably own the reactivation budget.",
    "As Dir., Mktg - Casino Ops, the tower opening is probably on your plate.",
)
add(
    "raw_title",
    S,
    "own",
    "ember_grill",
    "As Dir. Mktg (Brand & Loyalty) at Ember Grill, you probably own the loyalty app.",
    "In your role as Mktg Mgr / Digital, the loyalty app relaunch was probably yours.",
)
add(
    "raw_title",
    S,
    "own",
    "parkside",
    "As VP, Leasing & Asset Mgmt at Parkside Living, the Austin lease-up is probably yours.",
)
add(
    "raw_title",
    S,
    "own",
    "lumen_goods",
    "As Dir. E-Comm | DTC at Lumen Goods, repeat rate is probably on your scorecard.",
    "As Sr. Mgr, CRM & Retention, you likely own the email program.",
)
add(
    "raw_title",
    S,
    "own",
    "fairway_law",
    "As Mng. Partner | Employment Practice at Fairway Law Group, new clients are on your plate.",
)
add(
    "raw_title",
    S,
    "own",
    "mosaic",
    "As Head of Growth | Payments at Mosaic Payments, merchant acquisition is probably your focus.",
)

# --- citation or internal note leaked -----------------------------------------------------------------
add(
    "leaked_citation",
    S,
    "issue",
    "stackwise",
    "Congrats on the news: Stackwise just closed a $12M Series A (TechCrunch, last week).",
)
add(
    "leaked_citation",
    S,
    "issue",
    "jotbox",
    "I saw that Jotbox is a pre-seed consumer note-taking app, no B2B sales motion.",
)
add(
    "leaked_citation",
    S,
    "engine",
    "stackwise",
    "Noticed that Stackwise recently raised a $30M Series B led by Accel in October (TechCrunch, last week), "
    "so the timing of this note may be useful.",
)
add(
    "leaked_citation",
    S,
    "own",
    "stackwise",
    "Posted on LinkedIn that they are hiring 5 SDRs and an SDR manager.",
    "Per Crunchbase, Stackwise raised a $30M Series B in October.",
    "Stackwise is hiring 5 SDRs (source: LinkedIn Jobs).",
    "Congrats on the Series B (via Crunchbase).",
)
add(
    "leaked_citation",
    S,
    "own",
    "harborview",
    "According to our CRM notes, the GM is unhappy with the OTA share.",
    "The Harborview Hotel is flagged as a tier 1 account in our scoring.",
    "OTAs bring in about 60% of room nights (podcast, March).",
)
add(
    "leaked_citation",
    S,
    "own",
    "mosaic",
    "I saw that Mosaic Payments is a payments processor for small merchants, not a bank.",
    "Your lead score jumped after the product launch.",
)
add(
    "leaked_citation",
    S,
    "own",
    "cozy_cabin",
    "Not a fit: single-unit vacation rental, but I wanted to reach out anyway.",
    "Our data shows Cozy Cabin Getaways has 1 employee (Apollo).",
)
add(
    "leaked_citation",
    S,
    "own",
    "cedar_valley",
    "Cedar Valley Bank is hiring 3 commercial relationship managers (Indeed, 2 weeks ago).",
    "Per your job postings on LinkedIn, you're adding 3 RMs.",
    "Clay enrichment says Cedar Valley opened a Pittsburgh office.",
)
add(
    "leaked_citation",
    S,
    "own",
    "lumen_goods",
    "Lumen Goods runs on Shopify Plus (BuiltWith).",
    "Repeat purchase rate fell to 18% last year [source: Similarweb].",
)
add(
    "leaked_citation",
    S,
    "own",
    "alder_mfg",
    "Alder Manufacturing won a $40M contract with a Tier 1 automotive OEM (press release, Jan 12).",
    "Our research notes say the Cleveland plant is expanding.",
)
add(
    "leaked_citation",
    S,
    "own",
    "red_mesa",
    "Red Mesa is opening a 300-room hotel tower in spring 2026 (Las Vegas Review-Journal).",
    "Scraped from your careers page: hiring a CRM manager.",
)
add(
    "leaked_citation",
    S,
    "own",
    "bright_smiles",
    "Internal note: no online booking on the website, so they are a good fit.",
    "Several Google reviews mention long waits to get a cleaning (per our research).",
)
add(
    "leaked_citation",
    S,
    "own",
    "ember_grill",
    "Ember Grill is opening 6 new units in Arizona this year (source: Nation's Restaurant News).",
    "Disqualified last quarter, but your loyalty app relaunch caught my eye.",
)

# --- broken subject ----------------------------------------------------------------------------------
add("broken_subject", SUBJ, "issue", "lumen_goods", "question about the to Shopify Plus")
add("broken_subject", SUBJ, "issue", "stackwise", "question about the $30M Series B led")
add("broken_subject", SUBJ, "engine", "stackwise", "$30M Series B led at Stackwise")
add("broken_subject", SUBJ, "engine", "cedar_valley", "question about the 3 commercial relationship managers hire")
add("broken_subject", SUBJ, "own", "red_mesa", "the hotel tower in", "opening a at Red Mesa", "hiring a CRM")
add(
    "broken_subject",
    SUBJ,
    "own",
    "bright_smiles",
    "question about the a new office",
    "re: the of Meridian",
    "Meridian office opening (",
)
add(
    "broken_subject",
    SUBJ,
    "own",
    "harborview",
    "idea for the",
    "the $15M renovation of",
    "quick question about the the loyalty program",
    "question about the launching",
)
add("broken_subject", SUBJ, "own", "cedar_valley", "3 commercial relationship", "question about the opened")
add("broken_subject", SUBJ, "own", "parkside", "Austin lease-up starts in", "the 220-unit building and")
add(
    "broken_subject",
    SUBJ,
    "own",
    "ember_grill",
    "new units in Arizona this",
    "the for Ember Grill",
    "loyalty app relaunched",
)
add("broken_subject", SUBJ, "own", "alder_mfg", "EMEA |", "congrats on the won", "the Cleveland plant by")
add("broken_subject", SUBJ, "own", "fairway_law", "question about the opened employment", "Denver practice with")
add("broken_subject", SUBJ, "own", "mosaic", "merchant cash advance product led")
add("broken_subject", SUBJ, "own", "stackwise_dg", "5 SDRs and an", "about the hiring 5")

# --- offer credited with what it does not do ----------------------------------------------------------
add(
    "off_offer",
    S,
    "issue",
    "lumen_goods",
    "At Loopline, we run retention email and SMS programs built to open new wholesale and retail partner accounts.",
)
add(
    "off_offer",
    S,
    "engine",
    "harborview",
    "With direct-booking campaigns that win repeat guests back from the OTAs, the goal is simple: fill midweek "
    "and shoulder nights with group, corporate and local demand.",
)
add(
    "off_offer",
    S,
    "own",
    "harborview",
    "At Roomline Growth, we help hotels book more meetings and events into weekday space.",
    "Roomline Growth ramps new properties to stabilised occupancy faster.",
    "We also help you cut labor cost at the front desk.",
)
add(
    "off_offer",
    S,
    "own",
    "stackwise",
    "Pipeline Forge builds customer onboarding playbooks for SaaS teams.",
    "We help revenue teams improve forecast accuracy.",
    "At Pipeline Forge, we run paid social campaigns for software brands.",
)
add(
    "off_offer",
    S,
    "own",
    "bright_smiles",
    "RecallPro runs Google Ads for dental practices.",
    "At RecallPro, we help practices negotiate better payer contracts.",
    "We help dental groups recruit and retain hygienists.",
)
add(
    "off_offer",
    S,
    "own",
    "cedar_valley",
    "DepositLift grows consumer mortgage originations for community banks.",
    "We help banks prepare for compliance exams.",
    "At DepositLift, we run wealth management seminars for high-net-worth clients.",
)
add(
    "off_offer",
    S,
    "own",
    "ember_grill",
    "TableTurn cuts food and labor cost across units.",
    "We help restaurant groups hire and train line cooks faster.",
)
add(
    "off_offer",
    S,
    "own",
    "alder_mfg",
    "OEM Reach improves OEE and throughput on the plant floor.",
    "We help manufacturers cut scrap and raise first-pass yield.",
    "At OEM Reach, we lower material cost with supplier audits.",
)
add(
    "off_offer",
    S,
    "own",
    "parkside",
    "LeaseLoop fills office and retail vacancies for property owners.",
    "We help operators lower operating cost per unit.",
)
add(
    "off_offer",
    S,
    "own",
    "fairway_law",
    "Counsel Pipeline improves lockup and collections for law firms.",
    "We help firms recruit lateral partners.",
)
add(
    "off_offer",
    S,
    "own",
    "northgate_planning",
    "AdvisorReach grows deposits at a sustainable cost.",
    "We help advisors pass marketing-rule audits.",
)
add(
    "off_offer",
    S,
    "own",
    "lumen_goods",
    "Loopline gets your products into new retail doors.",
    "We manage your Amazon storefront and ads.",
)
add(
    "off_offer",
    S,
    "own",
    "red_mesa",
    "Tune Outbound designs the hotel tower's interiors and signage.",
    "We help casinos hire dealers and security staff faster.",
)

# --- pain unrelated to the offer ----------------------------------------------------------------------
add(
    "unrelated_pain",
    S,
    "issue",
    "parkside",
    "A lot of leasing leaders tell me the same thing: office and retail vacancy is hard to fill.",
)
add(
    "unrelated_pain",
    S,
    "engine",
    "harborview",
    "In conversations with hotel commercial leaders, one issue keeps coming up: group pace is behind last year "
    "and the sales team is stretched thin.",
)
add(
    "unrelated_pain",
    S,
    "own",
    "harborview",
    "A lot of hotel teams tell me the same thing: labor shortages cap the service level and review scores.",
    "The pattern I hear most: meeting and event space sits empty on weekdays.",
)
add(
    "unrelated_pain",
    S,
    "own",
    "stackwise",
    "A lot of revenue leaders tell me forecasts miss because CRM hygiene is poor.",
    "The issue I hear most from sales leaders: customer churn after onboarding.",
)
add(
    "unrelated_pain",
    S,
    "own",
    "bright_smiles",
    "Most practice owners tell me payer reimbursement keeps falling.",
    "The pattern I hear most: hiring and keeping hygienists is the hardest part of the job.",
)
add(
    "unrelated_pain",
    S,
    "own",
    "cedar_valley",
    "A lot of bankers tell me exam findings on UDAAP take months to close.",
    "The issue I hear most: core system conversions run late and over budget.",
)
add(
    "unrelated_pain",
    S,
    "own",
    "ember_grill",
    "Most restaurant operators tell me food costs keep climbing.",
    "The pattern I hear most: line-cook turnover slows every new opening.",
)
add(
    "unrelated_pain",
    S,
    "own",
    "alder_mfg",
    "A lot of plant leaders tell me unplanned downtime eats their OEE.",
    "The issue I hear most: scrap rates creep up on every new line.",
)
add(
    "unrelated_pain",
    S,
    "own",
    "parkside",
    "Most operators tell me maintenance work orders pile up after move-in.",
    "The pattern I hear most: property taxes keep rising faster than rents.",
)
add(
    "unrelated_pain",
    S,
    "own",
    "fairway_law",
    "A lot of managing partners tell me billing realisation keeps slipping.",
    "The issue I hear most: associates leave after two years.",
)
add(
    "unrelated_pain",
    S,
    "own",
    "lumen_goods",
    "Most e-commerce leaders tell me warehouse costs keep climbing.",
    "The pattern I hear most: getting into new wholesale accounts is slow.",
)
add(
    "unrelated_pain",
    S,
    "own",
    "northgate_planning",
    "A lot of advisors tell me compliance paperwork eats their week.",
    "The issue I hear most: custodial fees keep going up.",
)
add(
    "unrelated_pain",
    S,
    "own",
    "red_mesa",
    "A lot of casino leaders tell me slot floor maintenance is a constant headache.",
    "The pattern I hear most: dealer turnover is high.",
)

# --- wrong company type asserted ----------------------------------------------------------------------
add(
    "wrong_company_type",
    S,
    "issue",
    "mosaic",
    "Mosaic Payments looks like the kind of community bank we like to work with.",
)
add(
    "wrong_company_type",
    S,
    "target",
    "bright_smiles",
    "I'm reaching out because Bright Smiles Family Dental looks like the kind of multi-site medical group we "
    "like to work with.",
)
add(
    "wrong_company_type",
    S,
    "own",
    "mosaic",
    "As a community bank, Mosaic Payments probably watches deposit costs closely.",
    "For a credit union like Mosaic Payments, member growth is everything.",
)
add(
    "wrong_company_type",
    S,
    "own",
    "cozy_cabin",
    "I'm reaching out because Cozy Cabin Getaways looks like the kind of independent hotel we like to work with.",
    "As a boutique hotel, Cozy Cabin Getaways depends on direct bookings.",
    "Hotel groups like Cozy Cabin Getaways usually run a loyalty program.",
)
add(
    "wrong_company_type",
    S,
    "own",
    "jotbox",
    "Jotbox looks like the kind of B2B SaaS company we like to work with.",
    "As a vertical SaaS platform, Jotbox sells to enterprise buyers.",
)
add(
    "wrong_company_type",
    S,
    "own",
    "northgate_planning",
    "Northgate Planning looks like the kind of community bank we like to work with.",
    "As a wealth management firm with a large advisor team, Northgate Planning needs steady referrals.",
    "Regional banks like Northgate Planning are adding advisory services.",
)
add(
    "wrong_company_type",
    S,
    "own",
    "parkside",
    "Parkside Living looks like the kind of residential brokerage we like to work with.",
    "As a commercial real estate firm, Parkside Living leases office space.",
)
add(
    "wrong_company_type",
    S,
    "own",
    "cedar_valley",
    "For a credit union like Cedar Valley Bank, member deposits are the core.",
    "Cedar Valley Bank looks like the kind of wealth management firm we like to work with.",
)
add(
    "wrong_company_type",
    S,
    "own",
    "bright_smiles",
    "As an urgent care network, Bright Smiles Family Dental sees a lot of walk-ins.",
    "Specialty practices like Bright Smiles Family Dental rely on referrals from GPs.",
)
add(
    "wrong_company_type", S, "own", "stackwise", "Stackwise looks like the kind of DTC brand we like to work with."
)
add(
    "wrong_company_type",
    S,
    "own",
    "lumen_goods",
    "As a restaurant franchisor, Lumen Goods has a lot of units to fill.",
)
add(
    "wrong_company_type",
    S,
    "own",
    "ember_grill",
    "Ember Grill looks like the kind of boutique hotel we like to work with.",
)
add("wrong_company_type", S, "own", "fairway_law", "As an accounting firm, Fairway Law Group lives on tax season.")
add(
    "wrong_company_type",
    S,
    "own",
    "alder_mfg",
    "Alder Manufacturing looks like the kind of law firm we like to work with.",
)

# --- wrong persona metric -----------------------------------------------------------------------------
add(
    "wrong_persona_metric",
    S,
    "issue",
    "northgate_planning",
    "You're probably measured on net interest margin and efficiency ratio, which is where this helps.",
)
add(
    "wrong_persona_metric",
    S,
    "own",
    "northgate_planning",
    "If deposit growth at a sustainable cost is on your scorecard this year, this should be relevant.",
    "Treasury fee income is probably a number you watch.",
    "You probably care about loan growth in target segments.",
)
add(
    "wrong_persona_metric",
    S,
    "own",
    "harborview",
    "If GOP and flow-through is on your scorecard this year, this should be relevant.",
    "You're probably measured on NOI and asset value.",
    "Forecast accuracy is probably the number you watch most.",
)
add(
    "wrong_persona_metric",
    S,
    "own",
    "red_mesa",
    "You're probably measured on host book size and worth per host.",
    "EBITDA and property-level margin is probably on your mind.",
)
add(
    "wrong_persona_metric",
    S,
    "own",
    "stackwise",
    "You're probably measured on ARR growth and efficiency (burn multiple).",
    "If MQL-to-opportunity conversion is on your scorecard, this should help.",
)
add(
    "wrong_persona_metric",
    S,
    "own",
    "bright_smiles",
    "You're probably measured on EBITDA for the platform.",
    "If de novo ramp is on your scorecard this year, this should be relevant.",
)
add(
    "wrong_persona_metric",
    S,
    "own",
    "cedar_valley",
    "UDAAP and marketing-rule compliance is probably what you're measured on.",
    "If clean exams are on your scorecard, this should be relevant.",
)
add("wrong_persona_metric", S, "own", "mosaic", "Net interest margin is probably the number you watch most.")
add(
    "wrong_persona_metric",
    S,
    "own",
    "cozy_cabin",
    "You're probably measured on RevPAR index versus the comp set.",
    "You probably care about portfolio performance across properties.",
    "If group and corporate pace is on your scorecard, this should help.",
)
add(
    "wrong_persona_metric",
    S,
    "own",
    "alder_mfg",
    "You're probably measured on scrap and first-pass yield.",
    "If OEE and throughput are on your scorecard, this should be relevant.",
)
add(
    "wrong_persona_metric",
    S,
    "own",
    "parkside",
    "You're probably measured on gross commission income.",
    "Doors under management is probably the number you watch.",
)
add(
    "wrong_persona_metric",
    S,
    "own",
    "ember_grill",
    "You're probably measured on prime cost (food plus labor).",
    "If speed of service is on your scorecard, this should be relevant.",
)
add(
    "wrong_persona_metric",
    S,
    "own",
    "lumen_goods",
    "You're probably measured on sell-through and store productivity.",
    "If cash tied up in inventory is on your scorecard, this should help.",
)

# --- lower-case event claims that nothing grounds -----------------------------------------------------
add("ungrounded_event", S, "issue", "harborview", "Congrats on the acquisition.")
add(
    "ungrounded_event",
    S,
    "own",
    "harborview",
    "Congrats on the Series B.",
    "Saw the news about your new general manager.",
    "Congrats on the merger with the Cove Inn group.",
)
add(
    "ungrounded_event",
    S,
    "own",
    "cedar_valley",
    "Congrats on the recent funding round.",
    "Great to see the rebrand go live.",
    "Congrats on the acquisition of a smaller community bank.",
)
add(
    "ungrounded_event",
    S,
    "own",
    "lumen_goods",
    "Saw you just launched a new product line.",
    "Congrats on the new role!",
    "Congrats on the Series A.",
)
add(
    "ungrounded_event",
    S,
    "own",
    "parkside",
    "Congrats on the expansion into Florida.",
    "Saw that you recently acquired a portfolio in Dallas.",
)
add(
    "ungrounded_event",
    S,
    "own",
    "bright_smiles",
    "Congrats on the award for best dental practice.",
    "Saw that you're hiring two hygienists.",
)
add(
    "ungrounded_event",
    S,
    "own",
    "stackwise",
    "Congrats on the IPO filing.",
    "Saw that you just opened an office in London.",
    "Congrats on the acquisition of a competitor.",
)
add(
    "ungrounded_event",
    S,
    "own",
    "ember_grill",
    "Congrats on the promotion.",
    "Saw the news about the merger.",
    "Congrats on the funding round.",
)
add(
    "ungrounded_event",
    S,
    "own",
    "alder_mfg",
    "Congrats on the rebrand.",
    "Saw that you're hiring a head of sales.",
    "Congrats on the acquisition.",
)
add(
    "ungrounded_event",
    S,
    "own",
    "fairway_law",
    "Congrats on the merger.",
    "Saw that you recently raised a fund.",
    "Congrats on the new Boston office.",
)
add(
    "ungrounded_event",
    S,
    "own",
    "red_mesa",
    "Congrats on the sportsbook launch.",
    "Saw the news about the acquisition.",
)
add(
    "ungrounded_event",
    S,
    "own",
    "mosaic",
    "Congrats on the Series C.",
    "Saw that you're opening a branch in Ohio.",
)

# --- generic subject ----------------------------------------------------------------------------------
add("generic_subject", SUBJ, "issue", "lumen_goods", "Marisol, quick question")
add("generic_subject", SUBJ, "issue", "harborview", "idea for The Harborview Hotel")
add("generic_subject", SUBJ, "target", "harborview", "Claire, quick question")
add("generic_subject", SUBJ, "target", "stackwise", "outsourced SDR pipeline generation at Stackwise")
add("generic_subject", SUBJ, "target", "bright_smiles", "idea for Bright Smiles Family Dental")
add("generic_subject", SUBJ, "own", "red_mesa", "quick question", "Partnership opportunity", "Dana, one idea")
add("generic_subject", SUBJ, "own", "cedar_valley", "Intro", "Hello from DepositLift", "Quick call?")
add("generic_subject", SUBJ, "own", "parkside", "checking in", "touching base", "Cedar + LeaseLoop")
add("generic_subject", SUBJ, "own", "alder_mfg", "Alder Manufacturing + OEM Reach", "a quick question for you")
add(
    "generic_subject",
    SUBJ,
    "own",
    "ember_grill",
    "catering and corporate order campaigns at Ember Grill",
    "Luis - idea",
    "thoughts?",
)
add(
    "generic_subject",
    SUBJ,
    "own",
    "fairway_law",
    "client development campaigns for Fairway Law Group",
    "Helen, 15 minutes?",
)
add("generic_subject", SUBJ, "own", "mosaic", "following up", "re: our conversation")
add("generic_subject", SUBJ, "own", "northgate_planning", "Gail, quick idea", "helping Northgate Planning grow")
add("generic_subject", SUBJ, "own", "stackwise_dg", "Priya, a thought", "outsourced SDR pipeline generation")
add(
    "generic_subject",
    SUBJ,
    "own",
    "bright_smiles",
    "patient recall and reactivation campaigns",
    "a better way to grow",
)

# --- template repetition: the stock filler that made every sequence read the same -------------------
add("template_repetition", S, "issue", "harborview", "One more thought since my last note.")
add(
    "template_repetition",
    S,
    "issue",
    "cozy_cabin",
    "With a team of about 1 at Cozy Cabin Getaways, small gains per person add up quickly.",
)
add(
    "template_repetition",
    S,
    "own",
    "stackwise",
    "I hope this email finds you well.",
    "Just checking in on my last email.",
    "Circling back on this in case it slipped through the cracks.",
)
add(
    "template_repetition",
    S,
    "own",
    "cedar_valley",
    "I wanted to touch base about my previous note.",
    "Hope you're having a great week!",
    "Sorry to bother you again.",
)
add(
    "template_repetition",
    S,
    "own",
    "parkside",
    "Did you get a chance to read my last email?",
    "I'd love to pick your brain for 15 minutes.",
    "Per my last email, I think this could help.",
)
add(
    "template_repetition",
    S,
    "own",
    "ember_grill",
    "I wanted to reach out and introduce myself.",
    "Just following up on my previous email.",
    "Bumping this to the top of your inbox.",
)
add(
    "template_repetition",
    S,
    "own",
    "alder_mfg",
    "With a team of about 650 at Alder Manufacturing, small gains per person add up quickly.",
    "I know you're busy, so I'll keep this brief.",
    "Just wanted to follow up here.",
)
add(
    "template_repetition",
    S,
    "own",
    "fairway_law",
    "I hope all is well with you and the team.",
    "Any thoughts on my last note?",
    "Reaching out one last time before I close your file.",
)
add(
    "template_repetition",
    S,
    "own",
    "lumen_goods",
    "Hope this finds you well!",
    "Following up in case my last email got buried.",
    "I'll keep this short since I know your inbox is full.",
)

# --- video visuals that cannot be filmed --------------------------------------------------------------
add(
    "unfilmable_visual",
    VIS,
    "issue",
    "stackwise",
    'Their website (stackwise.io) on screen, scrolling slowly, with the line "Raised a $30M Series B led by '
    'Accel in October" highlighted',
)
add(
    "unfilmable_visual",
    VIS,
    "own",
    "harborview",
    "Their PMS booking report with the OTA share circled",
    'Their website with the line "OTAs bring in about 60% of room nights" highlighted',
    "A chart of The Harborview Hotel's direct-booking share over the last year",
)
add(
    "unfilmable_visual",
    VIS,
    "own",
    "stackwise",
    "Their Salesforce pipeline dashboard on screen",
    "Their LinkedIn profile with the Series B post highlighted",
)
add(
    "unfilmable_visual",
    VIS,
    "own",
    "cedar_valley",
    "Cedar Valley Bank's deposit growth chart from their internal reports",
    'Their website on screen with the line "Hiring 3 commercial relationship managers" highlighted',
)
add(
    "unfilmable_visual",
    VIS,
    "own",
    "red_mesa",
    "Their players club database with the lapsed players filtered",
    'Their website with "Opening a 300-room hotel tower in spring 2026" highlighted',
)
add(
    "unfilmable_visual",
    VIS,
    "own",
    "bright_smiles",
    "Their practice management system showing overdue recalls",
    "A chart of Bright Smiles' no-show rate by month",
)
add(
    "unfilmable_visual",
    VIS,
    "own",
    "lumen_goods",
    "Their Shopify analytics with the repeat purchase rate highlighted",
    "Their Klaviyo account showing flow revenue",
)
add(
    "unfilmable_visual",
    VIS,
    "own",
    "ember_grill",
    "Their loyalty app's member dashboard",
    'Their website with "Opening 6 new units in Arizona" highlighted',
)
add(
    "unfilmable_visual",
    VIS,
    "own",
    "alder_mfg",
    "Their ERP screen with the new OEM order",
    "Their LinkedIn page with the $40M contract post highlighted",
)
add(
    "unfilmable_visual",
    VIS,
    "own",
    "parkside",
    "Their leasing CRM showing upcoming renewals",
    "A chart of Parkside Living's occupancy by community",
)
add("unfilmable_visual", VIS, "own", "fairway_law", "Their billing system with realisation by practice")
add(
    "unfilmable_visual",
    VIS,
    "own",
    "mosaic",
    'Their website with the line "Launched a merchant cash advance product" highlighted',
)

# --- strongest fact not used (whole step-1 bodies) ----------------------------------------------------
add(
    "strongest_fact_unused",
    MSG,
    "target",
    "harborview",
    "Hi Claire,\n\nOne thing I noticed about The Harborview Hotel: launching a direct-booking loyalty program.\n\n"
    "A lot of hotel commercial leaders tell me the same thing: guest data sits in the PMS and is barely used for "
    "repeat and direct bookings.\n\nAt Roomline Growth, we help teams like yours win more bookings direct and cut "
    "OTA commission on repeat guests, mostly through direct-booking campaigns that win guests back from the "
    "OTAs.\n\nWould it be worth a short call next week to see whether this could work for The Harborview Hotel?",
)
add(
    "strongest_fact_unused",
    MSG,
    "target",
    "stackwise",
    "Hi Jordan,\n\nReading up on Stackwise, one thing stood out: raised a $30M Series B led by Accel in October.\n\n"
    "The pattern I hear most from revenue leaders: hiring and ramping SDRs is slow and expensive.\n\nThat's where "
    "Pipeline Forge comes in: we run outsourced SDR pipeline generation built to add qualified pipeline in your "
    "ICP without hiring more SDRs.\n\nIs this on your radar this year, or should I check back later?",
)
add(
    "strongest_fact_unused",
    MSG,
    "target",
    "bright_smiles",
    "Hi Kevin,\n\nI'm reaching out because Bright Smiles Family Dental looks like the kind of multi-site medical "
    "group we like to work with.\n\nIn conversations with physician owner / medical directors, one issue keeps "
    "coming up: no-shows and late cancellations leave 10-20% of appointment slots empty.\n\nAt RecallPro, we help "
    "teams like yours fill open appointment slots and cut no-shows without extra front-desk hours, mostly through "
    "patient recall and reactivation campaigns.\n\nOpen to a quick conversation about what this could look like "
    "at Bright Smiles Family Dental?",
)
_WEAK = {
    "harborview": [
        "Congrats on the loyalty program you're launching; it's a good moment to look at repeat guests.",
        "Hi Claire, I work with independent hotels on direct bookings and thought of The Harborview Hotel.",
        "Claire, with the loyalty launch coming up, who owns the guest list for it?",
    ],
    "stackwise": [
        "Congrats on the Series B from Accel. Pipeline Forge runs outbound for SaaS teams after a raise.",
        "Jordan, after a raise the board usually wants pipeline quickly. Worth a call?",
    ],
    "stackwise_dg": [
        "Congrats on the Series B, Priya. Demand gen usually gets a bigger number after a raise.",
        "Priya, I work with demand gen teams at SaaS companies. Worth comparing notes?",
    ],
    "red_mesa": [
        "Dana, saw you're hiring a CRM manager. Reactivation usually lands on that desk first.",
        "Hi Dana, I work with regional casinos on player reactivation. Worth a call?",
    ],
    "lumen_goods": [
        "Marisol, congrats on the move to Shopify Plus. Retention flows are easier to build there.",
        "Hi Marisol, Loopline runs retention email for DTC brands. Open to a call?",
    ],
    "parkside": [
        "Omar, with 14 communities in Texas, renewals must be a big part of your year.",
        "Hi Omar, LeaseLoop runs renewal campaigns for multifamily operators. Worth a call?",
    ],
    "alder_mfg": [
        "Grace, expanding the Cleveland plant is a big step. Congrats.",
        "Hi Grace, OEM Reach runs outbound for contract manufacturers. Worth a call?",
    ],
    "ember_grill": [
        "Luis, congrats on relaunching the loyalty app in May.",
        "Hi Luis, TableTurn runs catering campaigns for restaurant groups. Worth a call?",
    ],
}
for ctx, bodies in _WEAK.items():
    add("strongest_fact_unused", MSG, "own", ctx, *bodies)

# =====================================================================================================
# GOOD: what a practitioner would send.
# =====================================================================================================
add(
    "good",
    S,
    "target",
    "harborview",
    "Your GM mentioned on a podcast that OTAs still bring in about 60% of Harborview's room nights.",
    "After a $15M renovation of all 180 rooms, that's a lot of commission on rooms you just paid to upgrade.",
    "The loyalty program you're launching is the right lever.",
    "The quickest early win is usually past OTA guests already in your PMS who have never been asked to book "
    "direct.",
    "That's the campaign Roomline runs for independent hotels, judged on one number: direct share of repeat stays.",
    "Worth 15 minutes before the loyalty launch to size that list for Harborview?",
)
add("good", SUBJ, "target", "harborview", "the 60% OTA share")
add(
    "good",
    S,
    "target",
    "stackwise",
    "Congrats on the Series B.",
    "Hiring five SDRs and their manager at the same time usually means the post-raise number arrives before that "
    "team is ramped.",
    "Pipeline Forge runs an interim outbound pod for exactly that gap: we work your ICP now, then hand the lists, "
    "sequences and what converted to your new SDR manager, so they start from data instead of a blank CRM.",
    "Want me to send a one-page 90-day plan for Stackwise?",
    "If it's not useful, say so and I'll drop it.",
)
add("good", SUBJ, "target", "stackwise", "5 SDRs + a manager")
add(
    "good",
    S,
    "target",
    "stackwise_dg",
    "Jordan's team is hiring five SDRs; demand gen usually gets asked to keep them fed while they ramp.",
)
add(
    "good",
    S,
    "target",
    "bright_smiles",
    "Congrats on opening the Meridian office.",
    "A few Google reviews mention long waits to get a cleaning, and there's no online booking yet, which usually "
    "means demand isn't the problem; getting overdue patients into open chairs is.",
    "RecallPro runs recall and reactivation campaigns for dental practices: overdue patients get a text with a "
    "link to book open hygiene slots, including at the new office, without adding calls to your front desk.",
    "Would a quick count of overdue-recall patients across your three offices be useful?",
)
add("good", SUBJ, "target", "bright_smiles", "Meridian hygiene schedule")
add(
    "good",
    S,
    "target",
    "cedar_valley",
    "Robert, saw Cedar Valley just opened in Pittsburgh and is adding 3 commercial RMs.",
    "I spend my days on commercial deposit growth for community banks.",
    "Would be good to be connected.",
)
add(
    "good",
    VIS,
    "target",
    "stackwise",
    "The careers page with the 5 SDR postings on screen",
    "One slide from Pipeline Forge on how the interim pod hands over to the new SDR manager",
)

_GOOD_OWN: dict[str, dict[str, list[str]]] = {
    "harborview": {
        S: [
            "OTAs still bring in about 60% of Harborview's room nights, by your GM's own count.",
            "That's commission paid on guests who already know the hotel.",
            "You're launching a direct-booking loyalty program, which is the right moment to win back past OTA guests.",
            "Roomline runs direct-booking campaigns that bring repeat guests back from the OTAs.",
            "We judge the work on one number: the direct share of repeat stays.",
            "Would it help if I sized the list of past OTA guests in your PMS?",
            "Happy to send a one-page outline first if a call is too much.",
            "The renovation gave past guests a reason to come back, and most of them don't know yet.",
            "If the loyalty launch is already planned, I'd rather fit around it than add another project.",
            "Claire, is direct share of repeat stays something you report on?",
            "You've just renovated all 180 rooms, so every booking that comes through an OTA costs more than it should.",
        ],
        SUBJ: ["180 renovated rooms", "past OTA guests", "Harborview's repeat stays", "before the loyalty launch"],
        VIS: [
            "Priya on camera, saying hello and naming the loyalty launch",
            "A slide from Roomline: how a win-back campaign reaches past OTA guests",
            "Priya on camera with the ask",
        ],
    },
    "red_mesa": {
        S: [
            "You're opening a 300-room hotel tower in spring 2026, and those rooms will need players in them from "
            "the first week.",
            "Lapsed rated players are usually the quickest to fill a new tower midweek.",
            "Tune Outbound runs player reactivation campaigns that bring lapsed players back to the property.",
            "Would a count of players who haven't visited in a year be useful before the tower opens?",
            "The CRM manager you're hiring will inherit whatever list exists on day one.",
            "We can have the reactivation list built before the new hire starts.",
            "I'd suggest judging it on trips from reactivated players, nothing else.",
            "Dana, who is planning the opening offers for the tower?",
            "A new tower is the best reason a lapsed player has had in years to come back.",
        ],
        SUBJ: ["the spring 2026 tower", "300 new rooms", "before the tower opens", "lapsed players for the tower"],
        VIS: [
            "Sam on camera, introducing himself and the tower opening",
            "A slide from Tune Outbound showing how a reactivation offer reaches lapsed players",
        ],
    },
    "stackwise": {
        S: [
            "Stackwise is hiring five SDRs and an SDR manager, which usually means a new pipeline number.",
            "Ramping five new SDRs takes a quarter, and the number doesn't wait.",
            "Pipeline Forge runs outsourced SDR pipeline generation while your team ramps.",
            "When your SDR manager starts, they get the lists, sequences and replies we've built.",
            "Would a 90-day plan for the ramp gap be useful?",
            "Jordan, how many meetings a month does the new team need to book?",
            "We'd work the accounts your new reps won't reach for a few months.",
            "The raise from Accel usually comes with a pipeline target that starts right away.",
        ],
        SUBJ: ["the SDR ramp gap", "five new SDRs", "after the Series B", "Stackwise's SDR hiring"],
        VIS: [
            "Alex on camera, naming the Series B and the SDR hiring",
            "The Accel press release about the Series B on screen",
            "A slide from Pipeline Forge: the 90-day handover plan",
        ],
    },
    "stackwise_dg": {
        S: [
            "Priya, with five SDRs starting, demand gen will be asked to keep their calendars full.",
            "We can feed the new SDRs outbound meetings while your inbound programs catch up.",
            "Pipeline Forge runs outbound for the accounts your campaigns haven't reached yet.",
            "Would it help to see which target accounts your inbound hasn't touched?",
        ],
        SUBJ: ["feeding five new SDRs", "pipeline for the new SDRs"],
    },
    "bright_smiles": {
        S: [
            "You opened a third office in Meridian, so there are more hygiene chairs to fill.",
            "Several Google reviews mention long waits to get a cleaning.",
            "Without online booking, every recall depends on a phone call.",
            "RecallPro texts overdue patients a link to book an open hygiene slot.",
            "Dr. Tran, would a count of overdue-recall patients be a useful start?",
            "The front desk doesn't make a single extra call.",
            "We'd judge it on one number: recall appointments booked per month.",
            "Most practices have a few hundred patients who are a year past their last cleaning.",
        ],
        SUBJ: ["the Meridian office", "overdue recalls", "open hygiene chairs"],
        VIS: [
            "Jenna on camera, congratulating Dr. Tran on the Meridian office",
            "A slide from RecallPro: what an overdue patient's text looks like",
        ],
    },
    "mosaic": {
        S: [
            "Ana, I'll be straight: we work with community banks, so this may not fit Mosaic Payments.",
            "You launched a merchant cash advance product, which is a different motion from deposits.",
            "If a bank partner of yours needs deposits, I'd be glad to be introduced.",
        ],
        SUBJ: ["the merchant cash advance launch"],
    },
    "cedar_valley": {
        S: [
            "Cedar Valley just opened a commercial banking office in Pittsburgh.",
            "You're hiring 3 commercial relationship managers, and each will need a book of prospects.",
            "DepositLift runs commercial deposit acquisition campaigns for community banks.",
            "We'd build the target list of Pittsburgh operating businesses before the RMs start.",
            "Would a list of 200 Pittsburgh businesses that bank out of town be useful?",
            "Robert, who will own the Pittsburgh pipeline?",
            "Cedar Valley Bank's new office is the easiest story a commercial RM can tell.",
            "A new office gives every local business a reason to take the meeting.",
        ],
        SUBJ: ["the Pittsburgh office", "3 new commercial RMs", "Pittsburgh deposit pipeline"],
        VIS: [
            "Chris on camera, naming the Pittsburgh office",
            "The careers page with the relationship manager postings on screen",
        ],
    },
    "lumen_goods": {
        S: [
            "Lumen Goods' repeat purchase rate fell to 18% last year.",
            "You moved the storefront to Shopify Plus, so the data for better flows is finally in one place.",
            "Loopline runs retention email and SMS programs for DTC brands.",
            "We'd start with the customers who bought once and never came back.",
            "Would a quick audit of your post-purchase flows be useful?",
            "Marisol, who owns retention email today?",
            "An 18% repeat rate usually means the second order is where the money is.",
        ],
        SUBJ: ["the 18% repeat rate", "second orders", "after the Shopify Plus move"],
        VIS: [
            "Tess on camera, naming the move to Shopify Plus",
            "A slide from Loopline: a post-purchase flow that earns the second order",
        ],
    },
    "parkside": {
        S: [
            "You're starting the lease-up of a 220-unit building in Austin in March.",
            "Your residents in the other 14 communities are the best source of referrals for it.",
            "LeaseLoop runs resident renewal and referral campaigns for multifamily operators.",
            "Would a referral campaign to your current Texas residents help the Austin lease-up?",
            "Omar, who runs resident referrals today?",
            "We'd judge it on signed leases from referrals, not clicks.",
        ],
        SUBJ: ["the Austin lease-up", "220 units in March", "referrals for Austin"],
        VIS: [
            "Lena on camera, naming the Austin lease-up",
            "A slide from LeaseLoop: how a resident referral offer works",
        ],
    },
    "northgate_planning": {
        S: [
            "Gail, you added estate planning to your services.",
            "Your current clients are the people most likely to need it first, and to refer a friend.",
            "AdvisorReach runs client referral campaigns for independent financial advisors.",
            "Would a short note to your current clients about estate planning be useful?",
        ],
        SUBJ: ["estate planning referrals", "the new estate planning service"],
    },
    "alder_mfg": {
        S: [
            "Congrats on the $40M contract with a Tier 1 automotive OEM.",
            "With the Cleveland plant growing by 120,000 sq ft, the next contract matters as much as this one.",
            "OEM Reach helps contract manufacturers win new OEM contracts with outbound campaigns.",
            "Would a list of OEM programs that need capacity in the next year be useful?",
            "Grace, as head of sales for EMEA, you'll be asked to fill the new space.",
            "We'd judge it on RFQs received from target OEMs.",
        ],
        SUBJ: ["the $40M OEM contract", "filling the Cleveland expansion", "the next OEM contract"],
        VIS: [
            "Mark on camera, congratulating Grace on the OEM contract",
            "A slide from OEM Reach: how a target OEM list is built",
        ],
    },
    "fairway_law": {
        S: [
            "You opened an employment law practice in Denver.",
            "A new practice lives or dies on its first twenty clients.",
            "Counsel Pipeline runs client development campaigns for mid-size law firms.",
            "Would a list of Denver employers without outside employment counsel be useful?",
            "Helen, who leads business development for the Denver practice?",
        ],
        SUBJ: ["the Denver employment practice", "first clients in Denver"],
        VIS: ["Ben on camera, naming the Denver practice"],
    },
    "ember_grill": {
        S: [
            "You're opening 6 new units in Arizona this year.",
            "Each new unit needs corporate catering accounts nearby to carry the weekday lunch.",
            "TableTurn runs catering and corporate order campaigns for restaurant groups.",
            "Would a list of offices within a mile of the new Arizona units be useful?",
            "Luis, who owns catering sales for the new units?",
            "We'd judge it on catering orders per unit in the first 90 days.",
            "You relaunched the loyalty app in May, so repeat guests are covered; corporate orders are the gap.",
        ],
        SUBJ: ["6 Arizona openings", "catering for the new units", "weekday lunch in Arizona"],
        VIS: [
            "Nora on camera, naming the Arizona openings",
            "A slide from TableTurn: a corporate catering offer for offices near a new unit",
        ],
    },
    "cozy_cabin": {
        S: ["Mike, I'll keep it short: Roomline works with hotels, so this may not fit a single cabin rental."],
    },
    "jotbox": {
        S: ["Sam, this may not be for you: we run outbound for B2B teams."],
    },
}
for ctx, by_kind in _GOOD_OWN.items():
    for kind, texts in by_kind.items():
        add("good", kind, "own", ctx, *texts)


# More good sentences written for the corpus: constructions a checker must not trip on (colons,
# articles before acronyms, possessives, clean titles, grounded congratulations, correct type claims,
# the persona's own metrics, offer-true claims with an audience, pains the offer answers).
_GOOD_TRICKY: dict[str, list[str]] = {
    "harborview": [
        "Here's the short version: past OTA guests are the cheapest direct bookings you'll get.",
        "As director of sales and marketing, you probably own the loyalty launch.",
        "Direct-booking share is probably the number your owners ask about first.",
        "An OTA guest who books direct once usually books direct again.",
        "Harborview's renovation is the news your past guests haven't heard.",
        "Congrats on finishing the renovation.",
        "OTA commission on repeat guests is money spent twice.",
        "For an independent hotel like Harborview, the guest list is the biggest asset after the building.",
        "Roomline's campaigns go only to guests who have stayed before.",
        "We don't touch rates or the brand; we only work the past-guest list.",
        "I'd suggest one test: 500 past OTA guests, one offer, and a count of direct bookings after 60 days.",
        "The data for it is already in your PMS.",
    ],
    "red_mesa": [
        "As VP of marketing, you'll be asked to fill the tower before it opens.",
        "An opening offer for lapsed rated players is the simplest place to start.",
        "Here's what I'd test first: lapsed players within a two-hour drive, one hotel offer, one month.",
        "Red Mesa's players club is the list that matters here.",
        "Growing rated play and trips per player is probably on your scorecard already.",
        "We only contact players who opted in, and every offer is yours to approve.",
    ],
    "stackwise": [
        "As VP of sales, the new SDR team's first quarter lands on your number.",
        "An SDR manager who starts with a warm list ramps the team faster.",
        "Stackwise's new SDRs will need a few months before they book at full pace.",
        "Pipeline coverage is probably the number you watch every Monday.",
        "We book meetings in your ICP and hand them to your AEs.",
        "Here's the idea in one line: we cover the ramp, then hand everything to your team.",
    ],
    "bright_smiles": [
        "As the practice owner, you see the empty hygiene chairs before anyone else.",
        "Congrats on the third office.",
        "An overdue patient who gets a booking link usually books within a day or two.",
        "Schedule utilisation is the number I'd expect the new office to be judged on.",
        "The patients are already in your system; they just haven't been asked.",
        "Here's the simple version: a text, a link, an open slot.",
    ],
    "cedar_valley": [
        "As a community bank, Cedar Valley can win operating accounts the big banks ignore.",
        "As head of commercial banking, you'll be asked how fast the new office fills its book.",
        "Core deposit relationships are probably what the new RMs will be judged on.",
        "Congrats on the Pittsburgh opening.",
        "An RM who starts with a warm list gets to the first deposit faster.",
        "We reach owners of Pittsburgh businesses with $2M to $50M in revenue, and your RMs take the meetings.",
    ],
    "lumen_goods": [
        "As director of e-commerce, you probably own the repeat rate.",
        "Repeat purchase rate is probably the number you'd want this judged on.",
        "An 18% repeat rate leaves most first-time buyers one email away from a second order.",
        "Congrats on the move to Shopify Plus.",
        "We write the flows, send them from your account, and report second orders each week.",
        "Here's where I'd start: buyers from the last six months who never ordered again.",
    ],
    "parkside": [
        "As VP of leasing, the Austin lease-up is probably the project on your desk.",
        "Lease-up velocity is probably the number you'll be judged on in Austin.",
        "A resident who refers a friend usually renews too.",
        "For a multifamily operator with 14 communities, the referral pool is already large.",
        "We only contact current residents, through your own channels.",
    ],
    "alder_mfg": [
        "As head of sales for EMEA, the new capacity is yours to fill.",
        "Winning new OEM contracts is probably the number that matters most this year.",
        "An OEM program that needs a second source is usually the fastest RFQ.",
        "Here's what I'd send first: a list of OEM programs that match your machining capacity.",
    ],
    "ember_grill": [
        "As director of marketing, you probably own the launch of each new unit.",
        "An office of 200 people ordering lunch once a month is worth a lot to a new unit.",
        "Catering revenue per unit is the number I'd expect the new stores to be judged on.",
        "Congrats on the Arizona openings.",
        "We find the offices, schools and event planners near each unit, and your team takes the orders.",
    ],
    "fairway_law": [
        "As managing partner, you decide where the Denver practice spends its first year.",
        "Congrats on the Denver opening.",
        "New-client pipeline is probably what the Denver practice will be judged on.",
        "An employer with 200 staff and no outside employment counsel is the obvious first client.",
    ],
    "northgate_planning": [
        "As a solo planner, you don't have time to run a referral program by hand.",
        "Gail's clients already trust her; they just haven't been asked for an introduction.",
    ],
    "mosaic": [
        "Mosaic Payments isn't a bank, so I'm not sure our work fits; tell me if I'm wrong.",
    ],
}
for ctx, texts in _GOOD_TRICKY.items():
    add("good", S, "own", ctx, *texts)

# Good step-1 bodies: they lead with the strongest fact.
_GOOD_BODIES = {
    "harborview": "Hi Claire,\n\nOTAs still bring in about 60% of Harborview's room nights. After the $15M renovation, "
    "that's commission on rooms you just upgraded.\n\nWorth 15 minutes?",
    "stackwise": "Hi Jordan,\n\nHiring 5 SDRs and an SDR manager at once usually means the number arrives first. "
    "Pipeline Forge covers the ramp gap.\n\nWant a 90-day plan?",
    "stackwise_dg": "Hi Priya,\n\nWith 5 SDRs and an SDR manager starting, demand gen gets asked to keep them fed. "
    "We can help.\n\nWorth a look?",
    "red_mesa": "Hi Dana,\n\nYou're opening a 300-room hotel tower in spring 2026. Lapsed players fill new rooms "
    "fastest.\n\nWant a count of them?",
    "lumen_goods": "Hi Marisol,\n\nRepeat purchase rate fell to 18% last year; the second order is where retention "
    "email pays.\n\nWorth an audit?",
    "parkside": "Hi Omar,\n\nThe lease-up of a 220-unit building in Austin starts in March. Resident referrals are "
    "the cheapest leads.\n\nWorth a look?",
    "alder_mfg": "Hi Grace,\n\nCongrats on the $40M contract with a Tier 1 automotive OEM. The next one fills the "
    "new space.\n\nWorth a list?",
    "ember_grill": "Hi Luis,\n\nYou're opening 6 new units in Arizona this year; each needs nearby catering "
    "accounts.\n\nWorth a list?",
    "bright_smiles": "Hi Dr. Tran,\n\nCongrats on the third office in Meridian. Google reviews mention long waits "
    "for a cleaning, and there's no online booking.\n\nWorth a recall count?",
}
for ctx, body in _GOOD_BODIES.items():
    add("good", MSG, "own", ctx, body)

# --- offer restated: the offer's wording pasted where the fact's "so what" should be (blind read, issue 12) ---
add(
    "offer_restated",
    S,
    "issue",
    "harborview",
    "That's the kind of number winning repeat guests back from the OTAs is meant to move.",
    "If that number matters this year, winning repeat guests back from the OTAs is the lever I'd look at first.",
    "Something like that is a good reason to start winning repeat guests back from the OTAs now rather than later.",
    "Roomline Growth runs direct-booking campaigns for exactly that.",
    "That's usually the moment when winning repeat guests back from the OTAs pays off fastest.",
    "Is winning repeat guests back from the OTAs something you're working on this quarter?",
)
add(
    "offer_restated",
    S,
    "issue",
    "bright_smiles",
    "If that number matters this year, filling open appointment slots is the lever I'd look at first.",
    "That's the kind of number patient recall and reactivation campaigns are meant to move.",
    "Patient recall and reactivation campaigns for dental practices are usually the most direct way to move that number.",
)
add(
    "offer_restated",
    S,
    "own",
    "red_mesa",
    "Something like that is a good reason to start player reactivation campaigns now rather than later.",
    "Tune Outbound runs player reactivation campaigns for exactly that.",
    "That's the work Tune Outbound does, with player reactivation campaigns.",
    "A new tower has to earn its keep quickly, and player reactivation campaigns are one of the cheaper ways to get there.",
)
add(
    "offer_restated",
    S,
    "own",
    "cedar_valley",
    "That's the kind of number commercial deposit acquisition campaigns are meant to move.",
    "Integration work tends to push commercial deposit acquisition campaigns to the back of the queue.",
    "Until those seats are filled and ramped, commercial deposit acquisition tends to slip down the list.",
)
add(
    "offer_restated",
    S,
    "own",
    "ember_grill",
    "That's usually where catering and corporate order campaigns make the biggest difference.",
    "It's the kind of moment when catering and corporate order campaigns are worth a look.",
    "That's a good moment for catering and corporate order campaigns, while the news is fresh.",
)
add(
    "offer_restated",
    S,
    "own",
    "lumen_goods",
    "If that number matters this year, retention email and SMS programs are the lever I'd look at first.",
    "Deals like that usually bring customers nobody has contacted yet, which is where retention email and SMS programs starts.",
)
add(
    "offer_restated",
    S,
    "own",
    "alder_mfg",
    "Work like that has to pay back, and outbound campaigns that win new OEM contracts are usually the quickest lever.",
    "Is winning new OEM contracts for contract manufacturers on your list this quarter?",
)
add(
    "offer_restated",
    S,
    "own",
    "fairway_law",
    "Client development campaigns for mid-size law firms are usually the most direct way to move that number.",
    "After a merger, client development campaigns for mid-size law firms tend to slip down the list.",
)
add(
    "name_repeated",
    MSG,
    "issue",
    "harborview",
    "Hi Claire,\n\nI saw that The Harborview Hotel is launching a direct-booking loyalty program. Your GM said OTAs bring in about 60% of room nights, too.\n\n"
    "At Roomline Growth, we run direct-booking campaigns that win repeat guests back from the OTAs for The Harborview Hotel.\n\n"
    "Worth 15 minutes this month to see whether it fits The Harborview Hotel?\n\nPriya",
)
add(
    "name_repeated",
    MSG,
    "own",
    "red_mesa",
    "Hi Dana,\n\nRed Mesa Casino Resort is opening a 300-room hotel tower in spring 2026.\n\n"
    "Tune Outbound runs player reactivation campaigns. Player reactivation campaigns are the quickest lever for a new tower.\n\n"
    "Want an outline?\n\nAlex",
)
add(
    "name_repeated",
    MSG,
    "own",
    "cedar_valley",
    "Hi Tom,\n\nCedar Valley Bank opened a commercial banking office in Pittsburgh. Cedar Valley Bank is also hiring 3 commercial relationship managers.\n\n"
    "DepositLift runs commercial deposit acquisition campaigns for community banks.\n\n"
    "Would a one-page outline for Cedar Valley Bank be useful?\n\nAlex",
)

add(
    "name_repeated",
    MSG,
    "own",
    "ember_grill",
    "Hi Sam,\n\nEmber Grill is opening 6 new units in Arizona this year. New units at Ember Grill have to earn their keep quickly.\n\n"
    "TableTurn runs catering and corporate order campaigns for restaurant groups.\n\n"
    "Worth 15 minutes to see whether it fits Ember Grill?\n\nAlex",
    "Hi Sam,\n\nEmber Grill is opening 6 new units in Arizona this year.\n\n"
    "TableTurn runs catering and corporate order campaigns for restaurant groups. Catering and corporate order campaigns fill weekday lunch.\n\n"
    "Worth a short call?\n\nAlex",
)
add(
    "name_repeated",
    MSG,
    "own",
    "bright_smiles",
    "Hi Kevin,\n\nBright Smiles Family Dental added a third location. Bright Smiles Family Dental also runs evening hours.\n\n"
    "RecallPro runs patient recall and reactivation campaigns for dental practices.\n\n"
    "Would a one-page outline for Bright Smiles Family Dental be useful?\n\nAlex",
)
add(
    "name_repeated",
    MSG,
    "own",
    "parkside",
    "Hi Jo,\n\nParkside Living has 400 leases up for renewal this spring.\n\n"
    "LeaseLoop runs resident renewal and referral campaigns for multifamily operators. Resident renewal and referral campaigns lift renewals.\n\n"
    "Worth a short call?\n\nAlex",
)

# --- canned pain: a pain or metric guessed for the persona, not read from the record (blind read, issue 12) ----
add(
    "canned_pain",
    S,
    "issue",
    "lumen_goods",
    "Often the harder part is that conversion rate is flat while traffic gets more expensive.",
    "I'd guess online revenue and conversion rate are among the numbers you answer for at Lumen Goods.",
    "Most teams I talk to say conversion rate is flat while traffic gets more expensive.",
)
add(
    "canned_pain",
    S,
    "issue",
    "parkside",
    "I'd guess gross commission income is one of the numbers you answer for at Parkside Living.",
    "Often the harder part is that lease-up and vacancy run behind the pro forma, forcing concessions.",
)
add(
    "canned_pain",
    S,
    "own",
    "cedar_valley",
    "As head of marketing at Cedar Valley Bank, you probably have new households and accounts on your list this year.",
    "Often the harder part is that deposit costs rose and rate-chasers leave as soon as the promotion ends.",
    "Most teams I talk to say deposit costs rose and rate-chasers leave as soon as the promotion ends.",
)
add(
    "canned_pain",
    S,
    "own",
    "bright_smiles",
    "I'd guess recall rate and hygiene production are among the numbers you answer for at Bright Smiles Family Dental.",
    "Often the harder part is that patient acquisition cost varies wildly between locations.",
    "As the owner of Bright Smiles Family Dental, you probably have chair utilization on your list this year.",
)
add(
    "canned_pain",
    S,
    "own",
    "harborview",
    "Most teams I talk to say guest data sits in the PMS and is barely used for repeat and direct bookings.",
    "A lot of hotel commercial leaders tell me the same thing: guest data sits in the PMS and is barely used.",
    "I'd guess direct booking share is one of the numbers you answer for at The Harborview Hotel.",
)
add(
    "canned_pain",
    S,
    "own",
    "stackwise",
    "In conversations with revenue leaders, one issue keeps coming up: hiring and ramping SDRs is slow and expensive.",
    "Often the harder part is that hiring and ramping SDRs is slow and expensive.",
)
add(
    "canned_pain",
    S,
    "own",
    "ember_grill",
    "I'd guess catering revenue is one of the numbers you answer for at Ember Grill.",
    "Most teams I talk to say third-party delivery fees eat the margin on every order.",
    "As VP of marketing at Ember Grill, you probably have same-store sales on your list this year.",
)
add(
    "canned_pain",
    S,
    "own",
    "fairway_law",
    "Often the harder part is that partners have no time for business development.",
    "I'd guess origination credit is one of the numbers you answer for at Fairway Law Group.",
)

# --- unsupported claim: a promise or value the sender's offer text does not state (blind read, issue 12) -------
add(
    "unsupported_claim",
    S,
    "issue",
    "red_mesa",
    "Your team sees every reply the same day, and nothing is sent without your sign-off.",
    "The point is reaching new rated players in your drive-in market with compliant, opt-in outreach, without adding work for your team.",
    "There's no long commitment needed to find out whether it fits.",
    "We'd agree up front on the one number that matters to you and report against it every two weeks.",
)
add(
    "unsupported_claim",
    S,
    "issue",
    "cedar_valley",
    "In practice that means growing core operating deposits from local businesses, not rate-chasers.",
    "Your team sees every reply the same day, and nothing is sent without your sign-off.",
    "The point is growing core operating deposits from local businesses, not rate-chasers, without adding work for your team.",
)
add(
    "unsupported_claim",
    S,
    "own",
    "harborview",
    "For The Harborview Hotel, that would mean cutting OTA commission and lifting average daily rate.",
    "There's no long commitment needed to find out whether it fits.",
    "You'd approve every message before anything goes out in The Harborview Hotel's name.",
)
add(
    "unsupported_claim",
    S,
    "own",
    "lumen_goods",
    "In practice that means lifting repeat purchase and LTV without deeper discounts.",
    "What you'd get is a higher average order value and fewer returns.",
    "We'd agree up front on the one number that matters to you and report against it every two weeks.",
)
add(
    "unsupported_claim",
    S,
    "own",
    "bright_smiles",
    "The point is filling hygiene chairs and cutting no-shows without extra front-desk hours.",
    "Your team sees every reply the same day, and nothing is sent without your sign-off.",
)
add(
    "unsupported_claim",
    S,
    "own",
    "stackwise",
    "In practice that means adding qualified pipeline in your ICP without hiring more SDRs.",
    "The result we work toward is a booked meeting rate above industry benchmarks.",
    "There's no long commitment needed to find out whether it fits.",
)
add(
    "unsupported_claim",
    S,
    "own",
    "parkside",
    "The point is lifting renewals and cutting turnover costs, without adding work for your team.",
    "You'd approve every message before anything goes out in Parkside Living's name.",
)
add(
    "unsupported_claim",
    S,
    "own",
    "alder_mfg",
    "In practice that means landing Tier 1 programs with shorter RFQ cycles.",
    "Your team sees every reply the same day.",
)

# --- good: the "so what" from the fact's own measure or event, the offer claimed once as written --------------
add(
    "good",
    S,
    "own",
    "harborview",
    "That's roughly a third of your room nights.",
    "Roomline Growth helps independent hotels win repeat guests back from the OTAs with direct-booking campaigns.",
    "A new program is usually the right moment for winning repeat guests back from the OTAs.",
    "A small first test would give a clear answer.",
)
add(
    "good",
    S,
    "own",
    "bright_smiles",
    "That's roughly one in eight.",
    "At RecallPro, we run patient recall and reactivation campaigns for dental practices.",
    "I'm writing because at a practice like Bright Smiles Family Dental, patient recall usually sits with the owner.",
)
add(
    "good",
    S,
    "own",
    "red_mesa",
    "Tune Outbound runs player reactivation campaigns.",
    "You're also hiring two database marketing analysts.",
)
add(
    "good",
    S,
    "own",
    "cedar_valley",
    "DepositLift runs commercial deposit acquisition campaigns for community banks.",
)
add("good", S, "own", "stackwise", "At Pipeline Forge, we run outsourced SDR pipeline generation.")
add("good", S, "own", "ember_grill", "That's roughly a sixth of your sales.")
add(
    "good",
    MSG,
    "own",
    "cedar_valley",
    "Hi Tom,\n\nCedar Valley Bank opened a commercial banking office in Pittsburgh. You're also hiring 3 commercial relationship managers.\n\n"
    "DepositLift runs commercial deposit acquisition campaigns for community banks.\n\n"
    "Would a one-page outline for Cedar Valley Bank be useful?\n\nAlex",
)


# --- harvested old-engine output, labelled by template -----------------------------------------------
_STOCK_ENGINE = re.compile(
    r"^(One more thought since my last note\.|Just bringing this back to the top of your inbox|I know things get "
    r"busy, so I'll keep this one short\.|A quick follow-up with something more concrete\.|Before I let this rest, "
    r"one more thing\.|I'll stop here so I don't clutter your inbox\.|One question I get a lot is how to tell "
    r"whether this kind of work pays off\.|A fair question after my last note|Following up with one idea for |"
    r"One more thought for |One more thought, this time about your )"
)
_GENERIC_SUBJ = re.compile(
    r"(, (quick question|one idea|any thoughts\?|a fair question|how you'd judge it)$|^(idea for|an idea for|"
    r"following up for|last note for|measuring this at|another angle for|a fair question for|closing the loop, )|"
    r"^(quick question|an idea for your team|worth a short chat\?|a thought for your team|question for you|one idea "
    r"worth a look|a different angle|something that might help|how this could work for you|a concrete idea|how "
    r"we'd measure this|proof, not promises|the right yardstick|what success looks like|how you'd judge it|quick "
    r"follow-up|bumping this up|did this get buried\?|circling back|any thoughts\?|one more thought|another "
    r"angle|a quick idea|worth considering|a different lens|a fair question|if you're thinking this|the usual "
    r"pushback|fair pushback|a common concern|should I close the loop\?|last note from me|one last note|should I "
    r"stop here\?|closing the loop)$)"
)
_SPLICE_ENGINE = re.compile(
    r"^(Reading up on .+, one thing stood out: |One thing I noticed about .+: |This caught "
    r"my eye while I was looking at .+: )[a-z]"
)
_PLURAL_ENGINE = re.compile(
    r"\)s\b|\b\w+ / [\w-]+(?: [\w-]+)*s\b|& asset leaders|& catering leaders|& revenue leaders"
)
for line in (HERE / "old_engine_output.jsonl").read_text().splitlines():
    ctx, kind, text = json.loads(line)
    if kind == "subject" and _GENERIC_SUBJ.search(text):
        add("generic_subject", SUBJ, "engine", ctx, text)
    elif kind == "sentence" and "(TechCrunch" not in text and _SPLICE_ENGINE.search(text):
        add("splice", S, "engine", ctx, text)
    elif kind == "sentence" and _STOCK_ENGINE.search(text):
        add("template_repetition", S, "engine", ctx, text)
    elif kind == "sentence" and _PLURAL_ENGINE.search(text) and "(TechCrunch" not in text:
        add("persona_plural", S, "engine", ctx, text)
    elif kind == "visual" and "highlighted" in text and ctx != "bright_smiles":
        add("unfilmable_visual", VIS, "engine", ctx, text)
    elif kind == "sentence" and text.endswith("?") and "check back" not in text:
        add("good", S, "engine", ctx, text)  # the old engine's questions are plain, sendable English
    elif kind == "sentence" and text.startswith("I saw that ") and "(" not in text:
        add("good", S, "engine", ctx, text)

# --- what the blind readers rejected in step 1 (round 2): template openers, the offer pasted, stock results
# lines, a stock "so what", the offer's own words as the subject ----------------------------------------------
add(
    "template_opener",
    S,
    "engine",
    "harborview",
    "I don't know much about your team yet, so I'll be direct about why I'm writing.",
    "I'm writing to you as director of sales and marketing at The Harborview Hotel.",
    "I hope this email finds you well.",
)
add(
    "template_opener",
    S,
    "own",
    "bright_smiles",
    "I'm writing to you as the owner of Bright Smiles Family Dental.",
    "I'm reaching out because Bright Smiles Family Dental looks like the kind of practice we like to work with.",
    "My name is Jenna and I work at RecallPro.",
)
add(
    "template_opener",
    S,
    "own",
    "cedar_valley",
    "I don't know much about you yet, so I'll keep this short.",
    "I wanted to reach out about commercial deposits at Cedar Valley Bank.",
    "I'm writing to you as chief marketing officer at Cedar Valley Bank.",
)
add(
    "template_opener",
    S,
    "own",
    "lumen_goods",
    "I came across your company and wanted to connect.",
    "I wanted to introduce DTC retention programs to Lumen Goods.",
    "Allow me to introduce our retention team.",
)
add(
    "offer_pasted",
    S,
    "engine",
    "harborview",
    "At Roomline Growth, we run direct-booking campaigns that win repeat guests back from the OTAs.",
    "My team at Roomline Growth runs direct-booking campaigns that win repeat guests back from the OTAs.",
    "Roomline Growth runs direct-booking campaigns that win repeat guests back from the OTAs.",
)
add(
    "offer_pasted",
    S,
    "own",
    "alder_mfg",
    "I'm with OEM Reach; we run outbound campaigns that win new OEM contracts for contract manufacturers.",
    "OEM Reach runs outbound campaigns that win new OEM contracts for contract manufacturers.",
    "At OEM Reach, we run outbound campaigns that win new OEM contracts.",
)
add(
    "results_line",
    S,
    "engine",
    "harborview",
    "One number would tell us whether it works: direct share of repeat stays and OTA commission.",
    "The fair test is direct-booking share, measured before and after.",
    "If it works, it shows up in direct share of repeat stays.",
)
add(
    "results_line",
    S,
    "engine",
    "bright_smiles",
    "I'd suggest judging it on one number: new patients per month per location.",
    "The number I'd hold it to is recall appointments booked per month.",
)
add(
    "results_line",
    S,
    "own",
    "lumen_goods",
    "The fair test is repeat purchase rate and LTV lift, measured before and after.",
    "The result we work toward is a higher repeat purchase rate.",
    "One number would tell us whether it works: repeat purchase rate.",
)
add(
    "generic_so_what",
    S,
    "engine",
    "harborview",
    "A new program has to earn its keep quickly.",
    "A new program usually comes with a payback date attached.",
)
add(
    "generic_so_what",
    S,
    "engine",
    "red_mesa",
    "A new tower has to earn its keep quickly.",
    "New analysts usually come with a payback date attached.",
)
add(
    "generic_so_what",
    S,
    "engine",
    "cedar_valley",
    "New hires take a quarter or more to ramp, and the targets rarely wait for them.",
    "Whoever joins will be judged on results before their first quarter is out.",
)
add(
    "generic_so_what",
    S,
    "engine",
    "stackwise",
    "A new round usually comes with a growth target that starts before the team is ready for it.",
    "Fresh money usually comes with a target that arrives before the team does.",
)
add(
    "generic_so_what",
    S,
    "engine",
    "ember_grill",
    "Deals like that usually bring customers nobody has contacted yet.",
    "Work like that has to pay back quickly.",
    "A project like that comes with a payback date attached.",
)
add(
    "generic_so_what",
    S,
    "issue",
    "cozy_cabin",
    "With a team of about 1 at Cozy Cabin Getaways, small gains per person add up quickly.",
)
add("metric_subject", SUBJ, "engine", "lumen_goods", "retention email and SMS programs", "SMS programs")
add(
    "metric_subject",
    SUBJ,
    "engine",
    "harborview",
    "repeat guests back",
    "direct-booking campaigns",
    "win repeat guests back",
)
add("metric_subject", SUBJ, "engine", "alder_mfg", "new OEM contracts", "OEM contracts")
add("metric_subject", SUBJ, "engine", "bright_smiles", "patient recall and reactivation", "reactivation campaigns")
add("metric_subject", SUBJ, "own", "ember_grill", "corporate order campaigns", "catering and corporate orders")
add("good", S, "own", "red_mesa", "That's the work we do at Tune Outbound, with player reactivation campaigns.")
add(
    "good",
    S,
    "own",
    "stackwise",
    "New hires take a quarter or more to ramp, and booking qualified outbound meetings can't wait that long.",
    "A new round usually comes with growth targets, and outbound pipeline is one of the quickest levers on them.",
)
add(
    "good",
    S,
    "own",
    "alder_mfg",
    "A contract that size has to pay back, and the next OEM program is usually the fastest way to make it.",
    "That's what OEM Reach does for contract manufacturers, with outbound campaigns.",
)
add(
    "good",
    S,
    "own",
    "lumen_goods",
    "When acquisition costs climb like that, repeat purchases are usually the cheapest growth left.",
)
add(
    "good",
    S,
    "own",
    "harborview",
    "A reopening is usually the right moment for winning repeat guests back from the OTAs.",
    "That's the work we do at Roomline Growth, with direct-booking campaigns across metasearch and email.",
)
add("good", SUBJ, "own", "lumen_goods", "Lumen Goods' repeat buyers", "the Shopify Plus move")
add("good", SUBJ, "own", "harborview", "the 60% OTA share", "Harborview's repeat guests")

# --- what the blind reader rejected in round 3 (verdict on round3_emails.md), as named checks: opt-out filler,
# stock questions, a figure restated as a fraction, "teams like yours", the role-note template and stock links;
# items the round-2 corpus called good and the reader did not are relabelled as the reader judged them ----------
add(
    "generic_so_what",
    S,
    "engine",
    "red_mesa",
    "A new tower has to pay back quickly, and winning back lapsed rated players is usually the cheapest place to start.",
)
add(
    "template_opener",
    S,
    "engine",
    "lumen_goods",
    "I'm writing because at a brand like Lumen Goods, retention usually sits with the head of ecommerce.",
)
add(
    "template_opener",
    S,
    "engine",
    "red_mesa",
    "I'm writing because at a business like Red Mesa Casino Resort, winning back lapsed rated players usually sits with the COO.",
    "As COO at Red Mesa Casino Resort, you're probably the person this would land with, so I'll keep it short.",
    "I'll keep this short and say why I'm writing.",
)
add(
    "template_opener",
    S,
    "engine",
    "harborview",
    "I'm writing because winning repeat guests back from the OTAs is usually worth a look at a business like The Harborview Hotel.",
    "As director of sales and marketing at The Harborview Hotel, you're probably the person this would land with, so I'll keep it short.",
)
add(
    "template_opener",
    S,
    "engine",
    "alder_mfg",
    "I'm writing because winning new OEM contracts is usually worth a look at a business like Alder Manufacturing.",
    "I'm writing because at a business like Alder Manufacturing, winning new OEM contracts usually sits with the VP of sales.",
)
add(
    "generic_so_what",
    S,
    "engine",
    "ember_grill",
    "That usually puts catering and corporate orders on the agenda.",
    "A share like that is usually where catering and corporate orders pay back fastest.",
    "A new location raises the stakes on catering and corporate orders.",
)
add(
    "generic_so_what",
    S,
    "engine",
    "harborview",
    "A share like that is usually where winning repeat guests back from the OTAs pays back fastest.",
    "A new program raises the stakes on winning repeat guests back from the OTAs.",
    "New hotels have to pay back quickly, and winning repeat guests back from the OTAs is usually the cheapest place to start.",
    "That usually puts winning repeat guests back from the OTAs on the agenda.",
)
add(
    "generic_so_what",
    S,
    "engine",
    "stackwise",
    "Whoever joins will be judged on booking qualified outbound meetings before their first quarter is out.",
    "A drop like that is usually where outbound pipeline pays back fastest.",
)
add(
    "opt_out_filler",
    S,
    "engine",
    "harborview",
    "If it isn't useful, say so and I'll drop it.",
    "If it's not for you, a one-word reply is fine.",
    "If the timing is wrong, say so and I'll leave it.",
)
add(
    "opt_out_filler",
    S,
    "engine",
    "stackwise",
    "A small first test would give a clear answer.",
    "The quickest way to know is a small first test.",
    "A small test would settle it either way.",
)
add(
    "opt_out_filler",
    S,
    "own",
    "ember_grill",
    "If it isn't useful, say so and I'll leave you alone.",
    "If it's not useful, say so and I'll stop writing.",
    "If it's not a fit, a one-word reply is fine.",
)
add(
    "opt_out_filler",
    S,
    "own",
    "cedar_valley",
    "If the timing is wrong, say so and I'll check back in spring.",
    "A small test would give a clear answer either way.",
    "The quickest way to know is a small first test at Cedar Valley Bank.",
)
add(
    "stock_cta",
    S,
    "engine",
    "harborview",
    "Open to a short call to compare notes?",
    "Worth a short call to see whether it fits?",
    "Worth 15 minutes this month to see whether it fits The Harborview Hotel?",
)
add(
    "stock_cta",
    S,
    "engine",
    "red_mesa",
    "Open to a quick call to compare notes?",
    "Would a short call make sense to see if it fits?",
    "Worth 15 minutes to see whether it fits Red Mesa Casino Resort?",
)
add(
    "stock_cta",
    S,
    "own",
    "alder_mfg",
    "Would you be open to a call to compare notes?",
    "Worth a quick look to see whether it fits?",
    "Could we talk next week to see if it fits?",
)
add(
    "stock_cta",
    S,
    "own",
    "parkside",
    "Happy to jump on a call to compare notes?",
    "Worth a chat to see whether it fits?",
)
add(
    "fact_arithmetic",
    S,
    "engine",
    "ember_grill",
    "That's roughly half of your evening sales.",
    "That's roughly a sixth of your active carded.",
    "That's roughly one in eight.",
)
add(
    "fact_arithmetic",
    S,
    "engine",
    "harborview",
    "That's more than half of your room nights.",
    "That's roughly a third of your room nights.",
    "That's about a quarter of your bookings.",
)
add(
    "fact_arithmetic",
    S,
    "own",
    "bright_smiles",
    "That's roughly one in five patients.",
    "That's nearly half of your hygiene schedule.",
    "That's roughly a tenth of your chairs.",
)
add(
    "fact_arithmetic",
    S,
    "own",
    "lumen_goods",
    "That's roughly a fifth of your customers.",
    "That's almost a third of your online revenue.",
)
add(
    "teams_like_yours",
    S,
    "engine",
    "harborview",
    "That's what Roomline Growth does for teams like yours, with direct-booking campaigns across metasearch and email.",
    "At Roomline Growth, we help teams like yours win repeat guests back from the OTAs with direct-booking campaigns.",
)
add(
    "teams_like_yours",
    S,
    "engine",
    "red_mesa",
    "That's what Tune Outbound does for teams like yours, with player reactivation campaigns.",
    "Tune Outbound helps teams like yours with player reactivation campaigns.",
)
add(
    "teams_like_yours",
    S,
    "engine",
    "ember_grill",
    "That's what TableTurn does for teams like yours, with catering and corporate order campaigns.",
    "TableTurn works with companies like yours on catering and corporate order campaigns.",
)
add(
    "teams_like_yours",
    S,
    "own",
    "parkside",
    "LeaseLoop runs resident renewal campaigns for businesses like yours.",
    "We help teams like yours with resident renewal and referral campaigns.",
)
add(
    "teams_like_yours",
    S,
    "own",
    "bright_smiles",
    "RecallPro helps teams like yours with patient recall campaigns.",
    "That's what RecallPro does for teams like yours, with patient recall and reactivation campaigns.",
    "We work with practices like yours and companies like yours on recall.",
)
add(
    "teams_like_yours",
    S,
    "own",
    "cedar_valley",
    "That's what DepositLift does for teams like yours, with commercial deposit acquisition campaigns.",
    "DepositLift helps teams like yours grow commercial deposits.",
    "At DepositLift, we work with businesses like yours on deposit campaigns.",
)
add(
    "teams_like_yours",
    S,
    "own",
    "alder_mfg",
    "That's the work OEM Reach does for teams like yours.",
    "OEM Reach helps companies like yours win new OEM contracts.",
)
# what the reader would send: a fact's consequence said as general knowledge, a one-line sender claim with the
# number the work is judged on, a question tied to the fact or its timing
add(
    "good",
    S,
    "own",
    "harborview",
    "Every one of those OTA stays pays a commission that a direct booking from the same guest would not.",
    "A loyalty program pays back only once past guests hear about it, and most of them first booked through an OTA.",
    "At Roomline Growth, we run direct-booking campaigns for independent hotels and judge the work on one number: the share of repeat stays booked direct.",
    "Worth 15 minutes before the loyalty launch?",
    "Most independent hotels I talk to find that guests who first booked through an OTA come back through the OTA too, unless someone asks them to book direct.",
)
add(
    "good",
    S,
    "own",
    "red_mesa",
    "New rooms and new floors fill faster when lapsed players hear about them first.",
    "Lapsed rated players are usually the cheapest visits to win back, because you already know what they play.",
    "Could we find 15 minutes before the spring opening?",
)
add(
    "good",
    S,
    "own",
    "ember_grill",
    "New locations start without regulars, and their first orders usually come through the delivery apps.",
    "Would a short sketch of the first 60 days at Ember Grill be useful?",
    "Want me to send a one-page outline of how it would run at Ember Grill?",
)
add(
    "good",
    S,
    "own",
    "alder_mfg",
    "A new line is easiest to sell from day one, before a competitor fills it.",
    "At OEM Reach, we run outbound campaigns for contract manufacturers, and the one number we're judged on is new OEM contracts won.",
)
add(
    "good",
    S,
    "own",
    "bright_smiles",
    "Overdue patients are the quickest slots to fill, because they already know the practice.",
    "Every empty slot is a paid hour with no patient in the chair.",
    "Worth 15 minutes to see how many overdue patients Bright Smiles could book into open slots?",
)
add(
    "good",
    S,
    "own",
    "stackwise",
    "A new SDR team takes a quarter or more to ramp, and the pipeline target rarely waits for it.",
    "A new round usually comes with a pipeline target that starts before the new reps do.",
)

# --- what the blind reader rejected in round 4 (verdict on round4_emails.md): the sender's name after the audience,
# subjects cut mid-clause, notes pasted with no verb or with their source credit -----------------------------------
add(
    "sender_at_end",
    S,
    "issue",
    "prairie_gold",
    "We build machine monitoring and predictive maintenance software for manufacturers at PlantPulse, judged on one number: hours of unplanned downtime.",
)
add(
    "sender_at_end",
    S,
    "issue",
    "gulf_coast",
    "We run lease-up marketing campaigns for property managers and developers at LeaseUp Labs, judged on one number: weeks to lease up.",
)
add(
    "sender_at_end",
    S,
    "issue",
    "tidewater",
    "We run compliance-reviewed digital deposit and new-account acquisition campaigns for banks and credit unions at Harborline Growth, judged on one number: new accounts and deposits opened.",
)
add(
    "sender_at_end",
    S,
    "own",
    "silver_hollow",
    "We run player reactivation email and SMS campaigns for regional and tribal casinos at Jackpot Loop Marketing.",
    "We win back lapsed rated players for casinos like yours at Jackpot Loop Marketing.",
)
add(
    "sender_at_end",
    S,
    "own",
    "saguaro",
    "We run patient recall and reactivation campaigns for dental and medical practices at RecallRx Health.",
    "We fill open appointment slots for dental groups at RecallRx Health, judged on slots filled.",
)
add(
    "sender_at_end",
    S,
    "own",
    "badger",
    "We run digital deposit campaigns for community banks at Harborline Growth.",
)
add(
    "sender_at_end",
    S,
    "own",
    "harborview",
    "We run direct-booking campaigns for independent hotels at Roomline Growth, judged on one number: direct share of repeat stays.",
)
add(
    "sender_at_end",
    S,
    "own",
    "alder_mfg",
    "We run outbound campaigns for contract manufacturers at OEM Reach, and the number we answer for is new OEM contracts won.",
)
add("sender_at_end", S, "own", "stackwise", "We book qualified meetings for B2B software teams at Pipeline Forge.")
add(
    "sender_at_end",
    S,
    "own",
    "ember_grill",
    "We run first-party ordering and loyalty campaigns for restaurant groups at TableTurn.",
)
add(
    "good",
    S,
    "own",
    "prairie_gold",
    "At PlantPulse, we build machine monitoring and predictive maintenance software for manufacturers, and we measure the work by hours of unplanned downtime.",
    "PlantPulse builds machine monitoring and predictive maintenance software for manufacturers. The number we answer for is hours of unplanned downtime.",
    "At PlantPulse, the maintenance planners we work with at plants like yours see stops days ahead.",
)
add(
    "good",
    S,
    "own",
    "gulf_coast",
    "LeaseUp Labs runs lease-up marketing campaigns for property managers and developers, and the number we're measured on is weeks to lease up.",
    "Gulf Coast Property Management manages about 6,000 apartment units, and portfolio occupancy is 95%.",
)
add(
    "good",
    S,
    "own",
    "tidewater",
    "At Harborline Growth, we run digital deposit campaigns for banks and credit unions, and the one number we're judged on is new accounts and deposits opened.",
    "Deposit growth is the top priority at Tidewater Financial after cost of funds rose 60 bps.",
    "Your deposit growth is the top priority after cost of funds rose 60 bps.",
)
add(
    "good",
    S,
    "own",
    "silver_hollow",
    "Your players club relaunch is set for Q3.",
    "Silver Hollow Casino Resort's players club relaunch is set for Q3, and a relaunch is the easiest reason to write to lapsed players.",
    "Jackpot Loop Marketing runs player reactivation email and SMS campaigns for regional and tribal casinos.",
)
add(
    "good",
    S,
    "own",
    "saguaro",
    "Saguaro Dental Partners opened 3 de novo offices in 2025.",
    "Your three new offices have open chairs to fill from day one.",
)
add(
    "good",
    S,
    "own",
    "badger",
    "Badger State Bank's loan-to-deposit ratio is at 98%, so every new loan needs a deposit behind it.",
)
add(
    "good",
    S,
    "own",
    "prairie_gold",
    "Downtime on your main filler line costs about $18K an hour.",
    "An hour of downtime on the filler line costs about $18K, so a stop caught early pays for itself quickly.",
)

add(
    "fragment",
    S,
    "issue",
    "silver_hollow",
    "Silver Hollow Casino Resort's players club relaunch announced for Q3.",
)
add(
    "fragment",
    S,
    "issue",
    "tidewater",
    "Tidewater Financial Corp.'s deposit growth the top priority after cost of funds rose 60 bps.",
    "I saw that Tidewater Financial Corp.'s deposit growth the top priority after cost of funds rose 60 bps.",
)
add(
    "fragment",
    S,
    "own",
    "silver_hollow",
    "Your players club relaunch announced for Q3.",
    "Silver Hollow Casino Resort's new CRM & Reactivation Manager role posted in May.",
)
add(
    "fragment",
    S,
    "own",
    "badger",
    "Badger State Bank's loan-to-deposit ratio at 98%.",
    "Your loan-to-deposit ratio at 98% after a strong lending year.",
)
add(
    "fragment",
    S,
    "own",
    "gulf_coast",
    "Your portfolio occupancy 95% across about 6,000 apartment units.",
    "Gulf Coast Property Management's portfolio occupancy 95%.",
)
add(
    "fragment",
    S,
    "own",
    "prairie_gold",
    "Prairie Gold Foods' new packaging line scheduled for commissioning in spring.",
    "Your main filler line downtime about $18K an hour.",
)
add(
    "fragment",
    S,
    "own",
    "saguaro",
    "Saguaro Dental Partners' three de novo offices opened in 2025.",
    "Your patient care coordinator roles advertised in March.",
)
add(
    "fragment",
    S,
    "own",
    "harborview",
    "The Harborview Hotel's direct-booking loyalty program launch planned for spring.",
)

add(
    "leaked_citation",
    S,
    "issue",
    "prairie_gold",
    "I saw that Prairie Gold Foods' downtime on the main filler line costs about $18K an hour, per the maintenance lead.",
)
add(
    "leaked_citation",
    S,
    "own",
    "tidewater",
    "Deposit growth is the top priority after cost of funds rose 60 bps, on the Q2 call.",
    "On the Q2 call, management called deposit growth the top priority.",
    "Deposit growth is your top priority, per the CFO.",
)
add(
    "leaked_citation",
    S,
    "own",
    "gulf_coast",
    "Portfolio occupancy sits at 95%, per the asset management team.",
    "Occupancy is at 95% across the portfolio, per their investor deck.",
)

add("broken_subject", SUBJ, "issue", "tidewater", "your deposit growth the top")
add("broken_subject", SUBJ, "issue", "saguaro", "the novo offices")
add("broken_subject", SUBJ, "issue", "gulf_coast", "the manages about 6,000")
add("broken_subject", SUBJ, "issue", "badger", "your loan-to-deposit ratio at 98%")
add("broken_subject", SUBJ, "own", "gulf_coast", "your portfolio occupancy the", "the manages about")
add("broken_subject", SUBJ, "own", "tidewater", "deposit growth the priority")
add("broken_subject", SUBJ, "own", "badger", "your ratio at 98%", "the opens 3 branches")
add("broken_subject", SUBJ, "own", "saguaro", "novo offices in 2025")
add("good", SUBJ, "own", "tidewater", "your deposit growth", "deposit growth after 60 bps")
add("good", SUBJ, "own", "saguaro", "3 de novo offices", "the de novo offices")
add("good", SUBJ, "own", "gulf_coast", "6,000 apartment units", "95% occupancy")
add("good", SUBJ, "own", "badger", "the 98% loan-to-deposit ratio", "the Madison branches")
add("good", SUBJ, "own", "prairie_gold", "the $18K hour", "the main filler line")
add("good", SUBJ, "own", "silver_hollow", "your players club relaunch", "the Q3 relaunch")
add("good", SUBJ, "own", "fairway_law", "the restructuring practice", "the employment law practice")
add("metric_subject", SUBJ, "issue", "gulf_coast", "lease-up marketing campaigns")

# --- garbled: what the blind readers of holdout20/21 marked "rewrite" in the seventh session: record words where the
# grammar needs something else (a verb after a possessive or an article, a lower-case month, a note in another
# language inside an English sentence, two verbs for one subject), labelled before the check was written (four
# items written then were taken out before the check ran: "your rumor they're moving EHR is wrong", "Your worry
# they're losing players ...", "Your deposit team they're rebuilding ..." and "... is starting runs in March" parse as
# English; what is wrong with the first three is what they tell back, not their grammar) ----------------------------
add(
    "garbled",
    S,
    "engine",
    "lumen_goods",
    "Lumen Goods' wouldn't share repeat rate, and the says retention is fine.",
    "Lumen Goods' doesn't have a win-back flow.",
    "You mentioned that the says retention is fine.",
)
add(
    "garbled",
    S,
    "own",
    "red_mesa",
    "Red Mesa Casino Resort's wouldn't share how many players lapsed.",
    "Your hosts only work is the top 300.",
    "Red Mesa's is opening a 300-room tower in the spring.",
    "Your can't reach lapsed players by text today.",
    "The the players club relaunch is set for Q3.",
)
add(
    "garbled",
    S,
    "engine",
    "fairway_law",
    "Your All BD referral-based, never done outbound.",
    "Fairway Law Group's will open a Denver office in January.",
)
add(
    "garbled",
    S,
    "engine",
    "ember_grill",
    "Ember Grill sba-backed its acquisition of 6 units.",
    "Ember Grill pe-backed its purchase of 4 franchise units.",
    "I'll send the proposal over by December 10 for jan start.",
)
add(
    "garbled",
    S,
    "own",
    "alder_mfg",
    "Alder Manufacturing's alder earns IATF 16949 certification and adds two SMT lines.",
    "Alder Manufacturing is adding expands the Cleveland plant by 120,000 sq ft.",
)
add(
    "garbled",
    S,
    "engine",
    "stackwise",
    "You're uitbreiding your naar UK en DACH per in Q1 2027, nog geen SDR's.",
    "You mentioned that nog geen SDR's are hired.",
    "Stackwise is hiring 4 SDRs for the expansion naar Duitsland.",
)
add(
    "garbled",
    S,
    "engine",
    "parkside",
    "You mentioned that 2nd is building delivers may 2027.",
    "Your second building delivers may 2027.",
    "Shall I follow up in the feb?",
)
add(
    "garbled",
    S,
    "own",
    "harborview",
    "You mentioned that OTAs bring in 58% des nuitées.",
    "The Harborview Hotel is lancement du nouveau programme de fidélité.",
    "Open to a call in the sept to plan the winter campaign?",
)
add(
    "garbled",
    S,
    "own",
    "cedar_valley",
    "Cedar Valley Bank's is adding three branches in Pittsburgh.",
    "I saw that the adding three branches in Pittsburgh.",
)
add(
    "garbled",
    S,
    "own",
    "saguaro",
    "Saguaro Dental Partners' doesn't text overdue patients today.",
    "You mentioned that the hiring a patient coordinator.",
)
# written after the tuning read of the seventh session's second-fact change, before the rule that catches them
add(
    "garbled",
    S,
    "engine",
    "stackwise",
    "Your used an SDR agency in 2024, 'meetings was junk' - wants meeting definition in contract.",
)
add("garbled", S, "engine", "silver_hollow", "You also offer your go out via mail house only.")
add(
    "good",
    S,
    "own",
    "lumen_goods",
    "Your used inventory sells through the outlet, and the second order rarely comes.",
)
# a sentence wholly in the prospect's language (a Claude draft to a Québec reader) is no English sentence gone wrong
# (added with the rule that passes it)
add("good", S, "own", "cedar_valley", "Bonjour Geneviève, vos deux nouvelles succursales ouvrent au printemps.")
# near misses: the same words in sentences a reader would send
add(
    "good",
    S,
    "own",
    "red_mesa",
    "Your hosts only work the top 300, so most lapsed players never hear from anyone.",
    "Red Mesa's players club has about 40,000 members, and most lapsed ones never hear from you.",
    "Your May relaunch of the players club is a natural moment to write to lapsed players.",
    "The opening of the tower in March gives lapsed players a reason to come back.",
    "You said they're losing players to the new property 30 miles east.",
)
add(
    "good",
    S,
    "own",
    "ember_grill",
    "Ember Grill's PE-backed expansion adds six units this year.",
    "Ember Grill is opening 6 new units in Arizona, and each one starts without regulars.",
)
add(
    "good",
    S,
    "own",
    "harborview",
    "The Harborview Hotel is reopening Le Jardin des Plantes, its restaurant, in April.",
    "Thanks for the call on the 12th: OTAs bring in about 58% of your room nights.",
    "I'll have the proposal over to you by December 10, ahead of a January start.",
)
add(
    "good",
    S,
    "own",
    "stackwise",
    "Stackwise is entering the UK and DACH in Q1 2027 with no SDRs there yet.",
    "Stackwise raised a $30M Series B, and the hiring plan that comes with it usually starts with SDRs.",
)
add(
    "good",
    S,
    "own",
    "parkside",
    "Your second building delivers in May 2027, so its lease-up starts in the spring.",
    "The building is 58% leased against a 75% pro forma, even with 8 weeks free.",
)
add(
    "good",
    S,
    "own",
    "lumen_goods",
    "Lumen Goods' repeat rate is 24%, and the board wants 35% by the end of Q2.",
    "You said retention is fine, and you'd rather not share the repeat rate yet.",
)

# Items labelled good before the round-3 blind read that the reader rejected, relabelled as the reader judged them
# (the practitioner's own "If it's not useful, say so" included: the reader cut it in 9 of 20 emails).
RELABEL = {
    "If it's not useful, say so and I'll drop it.": "opt_out_filler",
    "A small first test would give a clear answer.": "opt_out_filler",
    "That's roughly one in eight.": "fact_arithmetic",
    "That's roughly a third of your room nights.": "fact_arithmetic",
    "That's roughly a sixth of your sales.": "fact_arithmetic",
    "I'm writing because at a practice like Bright Smiles Family Dental, patient recall usually sits with the owner.": "template_opener",
    "Would you be open to a short call to compare notes?": "stock_cta",
}
for _item in ITEMS:
    if _item["label"] == "good" and _item["text"] in RELABEL:
        _item["label"] = RELABEL[_item["text"]]


def _holdout(item: Item) -> bool:
    digest = hashlib.sha256(f"{item['label']}|{item['kind']}|{item['text']}".encode()).digest()
    return digest[0] % 4 == 0


def main() -> None:
    seen: set[tuple[str, str, str]] = set()
    tune, hold = [], []
    for item in ITEMS:
        key = (item["ctx"], item["kind"], item["text"])
        if key in seen:
            continue
        seen.add(key)
        assert item["ctx"] in CTX, item
        (hold if _holdout(item) else tune).append(item)
    for name, rows in (("tune.jsonl", tune), ("holdout.jsonl", hold)):
        with open(HERE / name, "w") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts: dict[str, list[int]] = {}
    for rows, i in ((tune, 0), (hold, 1)):
        for row in rows:
            counts.setdefault(row["label"], [0, 0])[i] += 1
    for label, (t, h) in sorted(counts.items()):
        print(f"{label:22} tune {t:4}  holdout {h:4}")
    bad = sum(t + h for label, (t, h) in counts.items() if label != "good")
    print(f"bad {bad}, good {sum(counts['good'])}")


if __name__ == "__main__":
    main()
