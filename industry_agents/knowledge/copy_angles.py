# ruff: noqa: E501  (sentences read best whole, one per line)
"""What an outbound rep knows about each built-in industry that turns a fact into a reason to reply.

Data, keyed by industry slug, read by the rules engine's sentence planner (`copywriter.planner`):

* `segment`: who the sender's kind of work is for, in plain words ("independent hotels").
* `judged_on`: the one number that kind of work is judged on, in plain words; used only when it shares
  a word with the sender's offer (an offer-true claim), never as a promise of a result.
* `how`: how that kind of work runs for the buyer, as a clause a practitioner says after the offer ("overdue
  patients get a text with a link to book an open slot ..."), in two wordings (one per reader); used only when
  the sender's offer matches `how_when`, so it is the sender's own offer said concretely, never a claim of more.
* `consequences`: (pattern, sentence) pairs; the sentence may be a tuple of wordings, one per reader. When a prospect's fact matches the pattern, the sentence says
  what that kind of fact usually means for this kind of work. Each sentence is general industry
  knowledge, never a claim about the prospect, and carries no figure that could be wrong. `{date}` is the
  fact's own date, `{count}` its own count ("350 homes"); a sentence with a slot is used only when the
  fact fills it. The first match wins, so the sharpest topics come first.
* `observation`: for a prospect whose record holds no usable fact, a subject and two sentences any rep in
  this industry would stand behind, said as what is common, not as what this prospect does;
  `observation_alt` says the same in other words. Used only when the record offers nothing at all: a trade,
  a tool or a market in it is said first (`copy_observe`, read by `copywriter.observe`).

An agent built by Claude carries none of this and the planner falls back to its generic sentences.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CopyAngles:
    segment: str
    judged_on: str
    # the sentence, or several wordings of it: each reader gets one (stable by reader), so a batch of prospects
    # with the same kind of fact does not read one stock line
    consequences: tuple[tuple[str, str | tuple[str, ...]], ...]
    observation: tuple[str, str, str]  # subject, observation, consequence
    # a second wording of the same observation (same "Most X I talk to" peers), for half the readers, so two
    # prospects of one offer with nothing usable in their records never read the same opening
    observation_alt: tuple[str, str, str]
    no_fact_ask: str  # the question for a prospect with no usable fact ("{company}" is filled in)
    # The "Most X I talk to" peer group of the observation. `large_peers`: the noun for a company of 1,000+
    # staff when it differs ("hotel groups", not "independent hotels"). `peers_are_roles`: the noun names a
    # role ("plant managers"), so a reader in another role hears peers of their own role instead, with
    # `role_at` after it ("marketing leaders at firms like yours").
    large_peers: str | None = None
    peers_are_roles: bool = False
    role_at: str = ""
    # the outcome question when a fact of theirs leads and `no_fact_ask` would not fit it (a "next lease-up"
    # while a lease-up is under way); None when `no_fact_ask` fits either way
    fact_ask: str | None = None
    # the roles whose hiring is news for this offer (a hotel hiring a revenue manager, not a night auditor); a job
    # ad for any other role never leads the email
    hire_roles: str = ""
    # consequence patterns that give a fact its "so what" but no weight when the lead is chosen (a practice's own
    # no-show rate is said well, yet blind readers took a new office over it)
    unweighted: frozenset[str] = frozenset()
    how: tuple[str, ...] = ()
    how_when: str = ""
    # the tools in a prospect's stack the offer's own work runs in (a pattern over `technologies`), and the sentence
    # that says so after `how` ("{tools}": at most two of theirs): blind readers of holdout20/21 rewrote four emails in
    # twenty to say the flows are built in the Klaviyo or Attentive they already have. Only where working in the
    # client's tool is part of the offer itself (an email/SMS agency in their ESP, SDRs in their CRM): a tuning reader
    # of holdout19 struck "Leads go straight into your Yardi", "account opening in your Q2" and "the recall list in
    # your WebPT" as integrations the offer never claims
    stack: tuple[str, str] = ("", "")


# a milestone or recognition of theirs ("Celebrating 100 years", "Named to Casino Journal 40 Under 40", "#2 Product of
# the Day on Product Hunt"): a congratulation with a "so what" for the offer, never a topic for a call
MILESTONE = (
    r"\b(?:celebrat\w*|\d+ years in business|\d+(?:st|nd|rd|th) anniversary|award\w*|Travelers' Choice|Best of\b|"
    r"Top \d+|40 Under 40|Product of the Day|Product Hunt|ranked|named to|recogni[sz]ed)"
)


ANGLES: dict[str, CopyAngles] = {
    "hotel": CopyAngles(
        segment="independent hotels and hotel groups",
        judged_on="the share of room nights booked direct",
        how=(
            "past guests are asked by email to book their next stay direct, and search ads reach new guests before the OTAs do",
            "past guests get an email inviting them back, with a reason to book their next stay on your own site",
        ),
        how_when=r"\bdirect\b",
        stack=(
            r"\b(?:Google Hotel Ads|Revinate|Cendyn|Sojern|Koddi|Mailchimp|Klaviyo)\b",
            "The campaigns work alongside your {tools}.",
        ),
        consequences=(
            (
                r"\bboard\b.*\bunder\b|\btarget\b",
                "Getting there usually means moving repeat guests first, because they already know the hotel and only booked through an OTA out of habit.",
            ),
            (
                r"\bOTAs?\b|\bcommission|\bExpedia\b|\bBooking\.com\b",
                (
                    "Every one of those OTA stays carries a commission that a direct booking from the same guest would not.",
                    "Each of those stays pays the OTA a commission, and many of those guests would book direct if asked.",
                ),
            ),
            (
                r"\bbooking engine\b|\bCRS\b|\bPMS\b|\bwebsite\b",
                "A new booking engine pays back only once past guests are sent to it instead of the OTAs.",
            ),
            (
                r"\bloyalty\b|\bmember rates?\b",
                "A loyalty program pays back only once past guests hear about it, and most of them first booked through an OTA.",
            ),
            (
                r"\bacquir|\bbought\b|\btakeover\b|\bmanagement contract",
                "Newly acquired hotels come with past guests who have never heard from the new owner, and most of them rebook through an OTA by default.",
            ),
            (
                r"\brenovat|\brefurbish|\bremodel",
                (
                    "Renovated rooms are worth more per night, which makes every commission on them more expensive.",
                    "A renovated room earns a higher rate, so every OTA commission on it costs more than it did before.",
                ),
            ),
            (
                r"\bwing\b|\bspa\b|\brooftop\b|\bnew (?:pool|suites?|floors?)\b",
                "Something new at the hotel is the easiest reason to write to past guests, and they can be asked to book direct.",
            ),
            (
                r"\bballroom\b|\bmeeting (?:space|rooms?)\b|\bconference (?:center|centre|space)\b",
                "More space for groups brings more attendees, and every one who books through an OTA instead of the group block pays a commission on a guest you brought in.",
            ),
            (
                r"\bopen|\bnew hotels?\b|\bnew propert",
                "New hotels start without past guests of their own, so their first bookings tend to come through the OTAs at full commission.",
            ),
            (
                MILESTONE,
                "Recognition like that is a good reason to write to past guests, and the ones who first booked through an OTA are the ones to invite back direct.",
            ),
            (
                r"\bmetasearch\b",
                "Without metasearch, a guest searching for the hotel by name sees the OTAs' prices first, and many of them book there.",
            ),
        ),
        observation=(
            "past guests and the OTAs",
            "Most hotels I talk to find that guests who first booked through an OTA come back through the OTA too, unless someone asks them to book direct.",
            "Each repeat stay like that costs the hotel a commission a direct booking would keep.",
        ),
        observation_alt=(
            "past OTA guests",
            "Most hotels I talk to have years of past guests who first booked through an OTA and have never been asked to book direct.",
            "Each stay they book through the OTA again costs the hotel a commission a direct booking would keep.",
        ),
        hire_roles=r"\b(?:revenue|distribution|e-?commerce|digital|marketing|CRM|sales|reservations|direct booking|"
        r"metasearch|paid media)",
        no_fact_ask="Worth 15 minutes to see how many past OTA guests {company} could win back direct?",
        large_peers="hotel groups",
    ),
    "restaurant": CopyAngles(
        segment="restaurant groups and franchises",
        judged_on="the share of orders that come in direct",
        how=(
            "regulars get a reason to order on your own site and app, with loyalty rewards that only work there",
            "regulars are rewarded for ordering on your own site and app, so those orders skip the app commission",
        ),
        how_when=r"\bfirst-party\b|\bonline ordering\b",
        consequences=(
            (
                r"\bfranchisees?\b.*\b(?:fees?|commissions?)\b",
                "Franchisees feel those fees first, so a direct-ordering channel is usually the easiest change to agree with them.",
            ),
            (
                r"\bdelivery apps?\b.*\b(?:sales|orders|revenue)\b|\bthird-party delivery\b|\bcommission|\bmargins?\b|\bDeliveroo\b|\bUber ?Eats\b|\bDoorDash\b",
                (
                    "Every order the delivery apps take pays a commission that the same order placed direct would not.",
                    "Many of those app orders come from regulars, and each one pays a commission that a direct order would keep.",
                ),
            ),
            (
                r"\bloyalty\b",
                (
                    "Loyalty rewards work best when they go to the orders placed direct, not through the delivery apps.",
                    "A loyalty program pays back when it moves regulars to ordering direct; rewards earned through the apps mostly pay the apps.",
                ),
            ),
            (
                r"\bweb ordering\b|\bordering (?:site|website)\b",
                "Web ordering pays back only if regulars actually move to it from the delivery apps.",
            ),
            (
                r"\b(?:ordering )?app\b|\bonline ordering\b",
                "A new ordering app pays back only if regulars actually move to it from the delivery apps.",
            ),
            (
                r"\bopen|\bnew (?:restaurants?|locations?|units?|sites?)\b|\b\d+-unit (?:franchise )?development\b",
                "New locations start without regulars, and their first orders usually come through the delivery apps.",
            ),
            (
                MILESTONE,
                "A moment like that is a good reason to invite regulars to order direct instead of through the apps.",
            ),
            (
                r"\bPOS\b|\b(?:switch|mov|migrat)\w*\b[^.;]*\b(?:Toast|Square|Aloha|Olo|Revel|Lightspeed|SpotOn)\b",
                "A POS switch is when the ordering and loyalty setup gets decided, and the easiest moment to move regulars to ordering direct.",
            ),
        ),
        observation=(
            "orders through the apps",
            "Most restaurant groups I talk to get a growing share of their orders through the delivery apps, including from regulars who would happily order direct.",
            "Each of those orders pays the app a commission that a direct order would keep.",
        ),
        observation_alt=(
            "regulars on the apps",
            "Most restaurant groups I talk to have regulars who order through the delivery apps every week only because no one asked them to order direct.",
            "Moving one of them saves the commission on every order that regular places after that.",
        ),
        hire_roles=r"\b(?:loyalty|CRM|digital|marketing|off-premise|e-?commerce|online|ordering|delivery|guest)",
        no_fact_ask="Worth 15 minutes to see how many of {company}'s app orders could come direct?",
    ),
    "casino": CopyAngles(
        segment="regional and tribal casinos",
        judged_on="lapsed rated players who come back and play",
        how=(
            "each lapsed rated player gets an offer that fits how they used to play",
            "lapsed rated players hear from you with offers that fit how each of them used to play",
        ),
        how_when=r"\breactivation\b|\bwin back\b",
        stack=(
            r"\b(?:Salesforce Marketing Cloud|Attentive|Twilio|Optimove|Braze|Iterable|Mailchimp|Klaviyo|Marketo)\b",
            "We'd run the campaigns through your {tools}.",
        ),
        consequences=(
            (
                r"\bhosts?\b.*\b(?:reduced|cut|fewer|down|lost)\b|\b(?:reduced|cut|fewer|lost)\b.*\bhosts?\b",
                "With fewer hosts, most rated players only hear from the casino when a host has time, and the ones who drift away go unnoticed.",
            ),
            (
                r"\bcompetitor|\bopened nearby|\bmiles away\b|\bnew (?:sportsbook|casino|racino|property)\b[^.;]*\b(?:minutes|miles|mi|min)\b",
                "Players who have tried the new place are easiest to win back in the first months, before the new habit sets.",
            ),
            (
                r"\blapsed\b|\binactive\b|\bcarded\b|\brated[- ]players?\b|\bnot (?:visited|returned)\b|\bhaven't (?:visited|returned|made a trip)\b",
                (
                    "Lapsed rated players are usually the cheapest players to win back, because you already know what they play.",
                    "Those players already have a card and a play history, so a well-timed offer brings many of them back for far less than a new player costs.",
                ),
            ),
            (
                r"\bplayers?[- ]club\b|\btier(?:s|ed)?\b|\btier-match\b|\b(?:rewards|club|loyalty)\b[^.;]*\b(?:replaces|becomes|relaunch\w*|rebrand\w*)\b|\b(?:replaces|rebrand\w*)\b[^.;]*\b(?:club|rewards)\b",
                "A change to the club gives lapsed players a reason to come back{date}, if someone tells them.",
            ),
            (
                r"\b(?:direct[- ]mail|mailers?)\b[^.;]*\b(?:response|pulling|dropp|fall|declin|slipp|down|under|costs?)\b",
                "Every point direct-mail response drops makes each lapsed player it wins back cost more, and an email or text reaches the same players for a fraction of a mailer.",
            ),
            (
                r"\bopt-in\b|\bSMS list\b|\bsubscribers?\b",
                "A list like that is the cheapest way to reach lapsed players, as long as it carries more than the weekly promotion.",
            ),
            (
                r"\b(?:migrat|consolidat|merg|switch|mov|clean|unif)\w*\b[^.;]*\b(?:databases?|CDP|CRM|systems?)\b|"
                r"\b(?:databases?|CDP|CRM)\b[^.;]*\b(?:migrat|consolidat|merg|switch|moved|unif)\w*",
                "A move to a new player system is a good moment to reach every lapsed player, because the records are clean for once.",
            ),
            (
                r"\bevent (?:center|centre|space)\b|\barena\b|\bconcerts?\b|\bvenue\b",
                "Events are the easiest reason to write to lapsed players, and the night out usually ends on the casino floor.",
            ),
            (
                r"\bpoker\b|\bgaming floor\b|\bhigh[- ]limit\b|\bsportsbook lounge\b|\bfloor (?:expansion|remodel)|\bslots?\b",
                "Something new on the floor is the easiest reason to write to lapsed players, and the ones who hear first are the likeliest to come back to try it.",
            ),
            (
                r"\brenovat|\bremodel",
                "Renovated rooms fill faster when lapsed players hear about them first.",
            ),
            (
                r"\btower\b|\brooms?\b|\bhotel\b|\bexpan",
                "New rooms fill faster when lapsed players hear about them first.",
            ),
            (
                r"\bopen|\blaunch",
                "A launch like that is the easiest reason to write to players who haven't visited in a while.",
            ),
            (
                MILESTONE,
                "A moment like that is a natural reason to write to rated players who haven't visited in a while.",
            ),
        ),
        observation=(
            "players who stopped coming",
            "Most casinos I talk to have thousands of rated players in the database who haven't visited in a year, and no one writes to them until a big promotion.",
            "They are usually the cheapest players to win back, because you already know what they play.",
        ),
        observation_alt=(
            "rated players gone quiet",
            "Most casinos I talk to only write to rated players who stopped visiting when a big promotion comes around.",
            "A player who already has a card and a favourite game is the cheapest one to win back.",
        ),
        hire_roles=r"\b(?:CRM|database|player|host|marketing|loyalty|analyst|promotions)",
        no_fact_ask="Worth 15 minutes to see how many lapsed rated players {company} could bring back?",
    ),
    "healthcare_clinic": CopyAngles(
        segment="dental and medical practices",
        judged_on="open appointment slots filled",
        how=(
            "overdue patients get a text or email with a link to book an open slot themselves",
            "overdue patients are sent a link to book an open slot, so your front desk doesn't have to call them",
        ),
        how_when=r"\brecall\b|\breactivation\b",
        consequences=(
            (
                r"\butili[sz]ation\b|\b(?:open|empty|unfilled) (?:slots|chairs|appointments|hours)\b|"
                r"\b(?:chairs?|schedules?|slots?)\b[^.;]{0,20}\b\d{1,3}% (?:booked|full|filled|utili[sz]ed)",
                "Every unfilled hour on the schedule is paid for anyway, and patients already on the books who are overdue are the quickest to fill it.",
            ),
            (
                r"\boverdue\b|\brecall\b|\bhygiene\b|\breactivat|\bhaven't been seen\b",
                (
                    "Overdue patients are the quickest way to fill open slots, because they already know the practice.",
                    "Patients who are overdue already know the practice, which makes them the quickest way to fill open slots.",
                ),
            ),
            (
                r"\bacquir|\bmerg",
                # said to the buyer: the practices they took on arrive with patients nobody has written to since
                "Practices that change hands usually arrive with patients overdue on their books whom nobody has contacted since the sale, and those are the quickest appointments to fill.",
            ),
            (
                r"\bwellness\b|\bannual (?:visits?|exams?|checks?)\b|\bcompletion\b",
                "Every missed annual visit is an open slot now and a harder patient to bring back next year.",
            ),
            (
                r"\bportal\b|\bapp\b",
                "A new portal pays back only once overdue patients are sent a link to book through it.",
            ),
            (
                r"\bwait|\bonline booking\b",
                "Long waits usually mean demand isn't the problem; getting overdue patients into open slots is.",
            ),
            (
                r"\bnew (?:office|location|clinic|site|practice)s?\b|\bopen\w*\b.*\b(?:office|location|clinic|site|practice)s?\b",
                "A new location opens with an empty schedule, and overdue patients from the locations you already run are the easiest to book into it.",
            ),
            (
                r"\bhir\w*\b[^.;]*\b(?:NPs?|PAs?|providers?|hygienists?|dentists?|physicians?|doctors?|therapists?|"
                r"clinicians?|optometrists?|ODs?|nurse practitioners?|physician assistants?|associates?)\b|"
                r"\bnew providers?\b|\badd\w* \d+ (?:new )?(?:NPs?|PAs?|providers?|hygienists?|dentists?|ODs?)\b(?! chairs| rooms| ops)",
                "A new provider's calendar is the hardest to fill in the first months, and overdue patients are the easiest to book into it.",
            ),
            (
                r"\bchairs?\b|\boperator(?:y|ies)\b|\bexam rooms?\b",
                "New chairs only pay once they're booked, and overdue patients who already know the practice are the quickest to book into them.",
            ),
            (
                MILESTONE,
                "A milestone like that is a natural reason to reach patients who are overdue for a visit.",
            ),
            (
                r"\bwebsite\b",
                "A new website pays back only once patients who are overdue are sent a link to book through it.",
            ),
            (
                r"\bno[- ]shows?\b|\bcancell?ations?\b",
                (
                    "Every empty slot is a paid hour with no patient seen.",
                    "Each of those empty slots is a provider's paid hour with no patient seen.",
                ),
            ),
        ),
        observation=(
            "overdue recall patients",
            "Most practices I talk to have a long list of patients who are overdue for a visit and have never had a reminder beyond the first one.",
            "Booking them is the quickest way to fill open slots, because they already know the practice.",
        ),
        observation_alt=(
            "the second reminder",
            "Most practices I talk to send one reminder when a patient is due, and nothing after it.",
            "The patients who ignored that one reminder already know the practice, which makes them the quickest way to fill open slots.",
        ),
        hire_roles=r"\b(?:patient|recall|front desk|scheduling|marketing|growth|practice|office manager|reception|chiropractor|dentist|hygienist|physician|provider|associate|doctor|optometrist|therapist|dermatologist|clinician)",
        no_fact_ask="Worth 15 minutes to see how many overdue patients {company} could book into open slots?",
        unweighted=frozenset({r"\bno[- ]shows?\b|\bcancell?ations?\b"}),
    ),
    "saas": CopyAngles(
        segment="B2B software companies",
        judged_on="qualified meetings held",
        how=(
            "our SDRs research your ICP, run the outreach and put qualified meetings on your reps' calendars",
            "our SDRs work your ICP and hand your AEs qualified meetings on their calendars",
        ),
        how_when=r"\bSDR\b|\boutbound\b",
        stack=(
            r"\b(?:Salesforce|HubSpot|Outreach|Salesloft|Pipedrive)\b",
            "They work in your {tools}, so every meeting lands in your pipeline.",
        ),
        consequences=(
            (
                r"\bcoverage\b|\bagainst a [\d.]+x target\b|\bdouble pipeline\b|\bpipeline target\b",
                "Gaps like that are hard to close while new reps take a quarter or more to ramp.",
            ),
            (
                r"\bmeetings?\b[^.;]*\bdown\b|\bdown\b[^.;]*\bmeetings?\b|\breply rates?\b",
                "When meetings drop like that, the pipeline gap shows up a quarter later, too late to fix by hiring.",
            ),
            (
                r"\bSDRs?\b(?![^.;]*\b(?:against a target|hit the \d))|\bsales development\b|\bBDRs?\b",
                (
                    "A new SDR team takes a quarter or more to ramp, and the pipeline target rarely waits for it.",
                    "New SDRs usually need a quarter before they book meetings at full pace, and the pipeline target starts before that.",
                ),
            ),
            (
                r"\benterprise\b|\bnew tier\b|\bupmarket\b",
                "A new tier needs its own pipeline from the first month, usually before the team that will sell it is in place.",
            ),
            (
                r"\bSeries\b|\braised\b|\bfunding\b|\bround\b",
                "A new round usually comes with a pipeline target that starts before the new reps do.",
            ),
            (
                r"\bhir|\brecruit",
                "New sales hires need meetings on the calendar from their first week to ramp at all.",
            ),
            (
                r"\blaunch|\bnew product\b|\bexpan|\bnew market\b|\boffice\b|\bsell into\b|\benter",
                (
                    "A launch like that needs meetings with the right buyers from the first month, long before a local team could book them.",
                    "A new market needs its first meetings before anyone there knows the name, which is when outbound does the most work.",
                ),
            ),
            (
                r"\bMQL|\bSQL\b|\bconversion\b|\bwin rate\b",
                "When inbound converts like that, the pipeline gap usually gets closed by meetings someone books outbound.",
            ),
            (
                MILESTONE,
                "Attention like that fades fast; pipeline that doesn't wait on the next spike comes from someone working outbound every day.",
            ),
            (
                r"\bmeetings?\b[^.;]*\bagainst a target\b",
                "A gap like that rarely closes by asking the same reps to do more; it takes more hours of outreach than the team has.",
            ),
        ),
        observation=(
            "outbound pipeline",
            "Most B2B sales teams I talk to want more outbound pipeline than the team they have can book, and hiring SDRs takes a quarter or more to pay off.",
            "That gap is usually where an outside team earns its keep: qualified meetings on the calendar within weeks.",
        ),
        observation_alt=(
            "meetings without new hires",
            "Most B2B sales teams I talk to need more first meetings each quarter than their own reps have time to book.",
            "An outside SDR team adds those meetings now, without a hiring round.",
        ),
        hire_roles=r"\b(?:SDR|BDR|sales|account exec|revenue|demand|growth|pipeline|business dev|RevOps)",
        no_fact_ask="Worth 15 minutes to see how many qualified meetings we could book for {company} in the next 90 days?",
    ),
    "ecommerce": CopyAngles(
        segment="online retailers and DTC brands",
        judged_on="repeat purchase rate",
        how=(
            "post-purchase and win-back flows bring more first-time buyers back for a second order",
            "post-purchase and win-back flows turn more first-time buyers into repeat customers",
        ),
        how_when=r"\bretention\b|\blifecycle\b",
        stack=(
            r"\b(?:Klaviyo|Attentive|Postscript|Omnisend|Braze|Iterable|Mailchimp)\b",
            "We'd build the flows in your {tools}, so your team keeps them.",
        ),
        consequences=(
            (
                r"\b(?:revenue|sales)\b.*\b(?:down|fell|dropped|declin\w*)\b",
                "When revenue dips, the customers who already bought once are the cheapest sales to win back.",
            ),
            (
                r"\bsecond[- ]order\b|\bone-time\b|\bnever (?:place|buy|order|return)|\brepeat\b|\b(?:buys?|orders?|shops?) again\b",
                (
                    "Every first-time buyer who doesn't come back was already paid for once, so a second order from them costs far less than finding a new customer.",
                    "First-time buyers were already paid for once, which makes a second order from them far cheaper than winning a new customer.",
                ),
            ),
            (
                r"\bacquisition cost\b|\bCAC\b|\bpaid (?:social|search|media|ads)\b|\bads? (?:costs?|spend)\b|\bMeta ads\b",
                "When new customers cost more to win, the second order decides whether the first one was profitable.",
            ),
            (
                r"\bsubscri|\bchurn",
                "Each cancelled subscriber is a customer who already trusted the brand once, and the easiest one to win back.",
            ),
            (
                r"\bloyalty\b|\bmembership\b|\brewards?\b",
                "A loyalty program pays back only if one-time buyers hear about it after their first order, not just the regulars.",
            ),
            (
                r"\bopt-in\b|\bSMS\b|\bsubscribers?\b|\blist\b",
                "A list like that pays back only if the messages after the first order give people a reason to come back.",
            ),
            (
                r"\bnew (?:markets?|countr)|\binternational\b|\bonline store\b|\bexpan|\bin (?:France|Germany|Spain|Italy|Canada|the US|Europe)\b",
                "New markets start with first-time buyers only, so the second order decides whether the launch pays back.",
            ),
            (
                # a replatform "ahead of" a launch is the move, not a new line (readers of holdout22)
                r"\b(?:migrat|mov|switch|replatform|chang)\w*\b.*\b(?:email|SMS|Klaviyo|ESP|platform|Shopify)\b|"
                r"\b(?:to|onto) (?:Klaviyo|Shopify|Attentive|Braze|Iterable)\b",
                "A move like that is the natural moment to rebuild the post-purchase and win-back flows.",
            ),
            (
                # a launch at a retailer ("Launched in Sephora Canada"): new shoppers who never bought on the site
                r"\blaunch\w* (?:in|at|into) [A-Z]",
                "A retail launch brings the brand to new shoppers, and it's also a good moment to bring back the customers who bought once on the site and never came back.",
            ),
            (
                r"\blaunch|\bnew (?:line|collection|range|product)",
                "A new line is the easiest reason to write to customers who bought once and never came back.",
            ),
            (
                r"\b(?:flows?|automations?)\b[^.;]*\b(?:barely|rarely|hardly|doesn't|don't|isn't|aren't) (?:converts?|works?|performs?|running|live)\b",
                "When the flow after the first order doesn't convert, most first-time buyers never hear a reason to come back for a second.",
            ),
            (
                r"\b(?:flows?|automations?)\b.*\b(?:still|since|old|never|only)\b",
                "Flows that old usually stop at the welcome email, so no one asks a first-time buyer for the second order.",
            ),
            (
                r"\bflagship\b|\bstores?\b|\bpop-?ups?\b|\bshowrooms?\b",
                "Shoppers who first buy in a store are easy to lose online unless someone writes to them after the visit.",
            ),
            (
                r"(?<!but no )\bflows?\b|\bautomations?\b",
                "Flows built once and left alone usually miss the second order, because the timing and the offer never change.",
            ),
            (
                MILESTONE,
                "Attention like that brings first orders; the second order is where it pays back.",
            ),
            (
                r"\bbut no (?:flows?|automations?)\b",
                "Without flows, a first-time buyer hears the same newsletter as everyone else, and the second order is left to chance.",
            ),
        ),
        observation=(
            "the second order",
            "Most online retailers I talk to find that most first-time buyers never place a second order, even though winning them has already been paid for.",
            "A second order from a customer you already won costs far less than winning a new one.",
        ),
        observation_alt=(
            "one-time buyers",
            "Most online retailers I talk to spend most of their marketing on first orders, and very little on the customers who bought once and went quiet.",
            "Those customers are already won, so a second order from them costs far less than finding a new one.",
        ),
        hire_roles=r"\b(?:lifecycle|retention|CRM|email|e-?commerce|growth|marketing|loyalty|customer)",
        no_fact_ask="Worth 15 minutes to see how many one-time buyers {company} could bring back for a second order?",
    ),
    "financial_services": CopyAngles(
        segment="banks and credit unions",
        judged_on="new accounts opened and deposits brought in",
        how=(
            "search and social ads, with email behind them, bring in new deposit accounts from people and businesses in your market",
            "ads and emails reach the people and businesses in your market who are ready to open an account",
        ),
        how_when=r"\bdeposit\b|\bnew-account\b",
        consequences=(
            (
                # branches bought come with their depositors: the question is who stays (a blind reader of holdout21:
                # "new-branch logic applied to branches that were bought with deposits already in them")
                r"\bacqui\w+\b.*\bbranch(?:es)?\b|\bbranch(?:es)?\b.*\bacqui\w+",
                (
                    "Customers of acquired branches don't know the new name yet, and the first months decide how many of them stay.",
                    "An acquisition brings in depositors who didn't choose you, and the first months decide how many of them stay.",
                ),
            ),
            (
                r"\bbranch(?:es)?\b|\bnew (?:market|count(?:y|ies)|region)\b",
                (
                    "A new branch needs accounts from its first months, and the people nearby don't know the name yet.",
                    "A branch's first months set its deposit base, and most people nearby haven't heard of it yet.",
                ),
            ),
            (
                r"\b(?:CDs?|certificates?)\b.*\b(?:repric|matur|renew|roll)\w*",
                "Money that came in for a certificate rate usually leaves when the rate resets, unless the member or customer has another reason to stay.",
            ),
            (
                r"\bsavings\b|\bhigh-yield\b|\bCDs?\b|\bISAs?\b|\bfixed-rate\b|\bnew (?:account|product)\b",
                "A new savings product pays back only once people in the market hear about it, and the first months set the balance it grows from.",
            ),
            (r"\bloan-to-deposit\b|\bltd ratio\b", "At that ratio, every new loan needs a new deposit behind it."),
            (
                r"\bdigital[- ]only\b|\bnational deposits?\b|\bdigital (?:bank|brand)\b",
                "A digital brand has no branches to bring people in, so its first months of campaigns decide what each new account costs.",
            ),
            (
                r"\bdeposits?\b|\bliquidity\b|\bfunding\b|\bloan",
                (
                    "Deposits from local households and businesses tend to stay longer than money chasing the best rate.",
                    "Money from households and businesses nearby tends to stay put, unlike deposits that follow the best rate.",
                ),
            ),
            (
                r"\bhir.*\b(?:relationship|RMs?|bankers?|lenders?)\b",
                "New relationship managers need warm conversations in their first months, not a cold list.",
            ),
            (
                r"\bdigital\b|\bonline\b|\bapp\b|\bcore\b",
                "A new digital account opening only pays back once people in the market hear about it.",
            ),
            (
                r"\bmerg|\bacquir",
                "A merger is the moment members and customers decide whether to stay, and the easiest moment to invite new ones.",
            ),
            (
                r"\bhir\w*\b[^.;]*\b(?:acquisition|marketing|growth|member|deposit)",
                "Whoever takes that seat will be asked for new accounts well before their own campaigns are built.",
            ),
            (
                MILESTONE,
                "A milestone like that is a reason to talk to the households and businesses nearby that don't bank with you yet.",
            ),
            (
                r"\bUDAAP\b|\bcompliance\b[^.;]*\b(?:pulled|missed|failed|flagged|rejected)|\bcampaigns? (?:were |was )?pulled\b",
                "That is the risk a compliance review before launch removes: nothing goes live that compliance hasn't signed off.",
            ),
        ),
        observation=(
            "local deposit growth",
            "Most community banks and credit unions I talk to want deposit growth from their own market, and rate promotions bring in money that leaves again when the rate ends.",
            "Accounts opened through a local campaign tend to stay longer than money chasing the best rate.",
        ),
        observation_alt=(
            "deposits that stay",
            "Most community banks I talk to, and most credit unions too, say a rate special brings in deposits only for as long as the rate lasts.",
            "Households and businesses won through a local campaign tend to stay after the rate changes.",
        ),
        hire_roles=r"\b(?:marketing|acquisition|deposit|growth|digital|member|retail|branch|treasury)",
        no_fact_ask="Worth 15 minutes to see how many new accounts a digital campaign could open for {company}?",
    ),
    "real_estate": CopyAngles(
        segment="property managers and developers",
        judged_on="weeks to lease up",
        how=(
            "search, social and listing-site ads reach people looking to rent in your market, and email follows up until they tour",
            "ads on search, social and the listing sites reach people looking to rent in your market, and email follows them up until they book a tour",
        ),
        how_when=r"\blease-up\b|\bvacant\b",
        consequences=(
            (
                r"\bconcessions?\b|\bweeks? free\b|\bmonths? free\b",
                "Concessions usually mean the listing sites alone aren't filling the building, and every free week is rent that doesn't come back.",
            ),
            (
                r"\bpre-leased?\b",
                "Most of the space still has to lease, and every week it sits empty is rent that doesn't come back.",
            ),
            (
                r"\b(?:open|deliver|build|complet|launch|add|lease-up|break\w* ground)\w*\b.*?(?<!\+ )\b(?P<count>\d[\d,]*[- ](?:homes?|units?|apartments?|flats?))\b(?! \+)",
                "That's {count} to lease, and every week one of them sits empty is rent that doesn't come back.",
            ),
            (
                r"\b(?:took over|taking over|won|acquir\w*|added|adding|new)\b[^.;]{0,40}\b(?:management of|portfolio|"
                r"properties|communities)\b|\bacquir",
                "A new portfolio comes with vacancies someone else priced and marketed, and the first months decide whether they fill on your watch.",
            ),
            (
                # never for a building that is full ("average occupancy is 94%", "96% leased")
                r"\bvacan|(?<!9\d% )\boccupancy\b(?!\s+(?:is\s+|at\s+|of\s+)?(?:about\s+|around\s+)?(?:9\d|100)%)|\blease[- ]up\b|"
                r"\b[1-8]?\d% leased\b",
                (
                    "Every empty week is rent that doesn't come back, and the longer a vacancy sits, the harder it is to fill at full rent.",
                    "The longer a vacancy sits, the bigger the concession it usually takes to fill, and the empty weeks before that are rent that never comes back.",
                ),
            ),
            (
                r"\bhir.*\b(?:leasing|lettings)\b",
                "New leasing staff usually inherit vacant units on day one, and tours only come from the renters marketing has already reached.",
            ),
            (
                r"\bhir.*\bmarketing\b",
                "A new marketing hire usually starts with a lease-up already under way and no campaign history to work from.",
            ),
            (
                # "completed its lobby and amenity renovation" is no new building (a tuning read)
                r"\brenovat|\bamenit|\blobby\b|\brefurbish",
                "Renovated space is the best moment to market what's vacant, and every week it sits empty after the work is rent that doesn't come back.",
            ),
            (
                r"\bopen|\bdeliver|\bcomplet|\bnew (?:building|scheme|community|development)\b",
                "A new building has to lease up fast, and every empty week is rent that doesn't come back.",
            ),
            (
                r"\bthird-party\b|\bfee[- ]managed\b|\bfor (?:their |its )?owners\b",
                "Owners judge a third-party manager on how fast units fill, and every empty week shows up in their reports.",
            ),
            (
                r"\bbrokers?\b|\bbrokerage\b",
                "Brokers fill space on their own timeline; reaching tenants directly is what shortens the weeks a suite sits empty.",
            ),
            (
                MILESTONE,
                "A milestone like that is a good moment to look at how fast vacant units fill, since turnover is where most empty weeks come from.",
            ),
            (
                r"\btop(?:s|ping|ped) out\b|\bleasing starts\b|\bpre-?leasing\b",
                "The months before leasing starts decide how many renters are already waiting when the doors open.",
            ),
        ),
        observation=(
            "lease-up speed",
            "Most operators I talk to say the listing sites alone rarely fill vacancies as fast as they need, and every turnover starts the search again.",
            "Every empty week is rent that doesn't come back.",
        ),
        observation_alt=(
            "weeks on the market",
            "Most operators I talk to find that the listing sites show their vacancies next to everyone else's, and the space waits its turn.",
            "Reaching the right tenants before they search is what shortens the weeks a vacancy sits empty.",
        ),
        hire_roles=r"\b(?:leasing|marketing|asset|lease-up|community|property|portfolio)",
        no_fact_ask="Worth 15 minutes to see how many vacant weeks {company} could cut?",
        fact_ask="Worth 15 minutes to see how many empty weeks we could take off?",
    ),
    "manufacturing": CopyAngles(
        segment="manufacturers",
        judged_on="hours of unplanned downtime cut",
        how=(
            "it watches how each machine is running and warns your maintenance team when something starts to drift",
            "it reads each machine's running data and warns your maintenance team days before a likely stop",
        ),
        how_when=r"\bmonitoring\b|\bpredictive\b",
        consequences=(
            (
                r"\bmoderni[sz]\w*|\bretrofit\w*|\bupgrad\w*|\bcapex\b",
                "Installing or upgrading equipment is the cheapest moment to add machine monitoring: its failure patterns are learned from day one instead of the hard way.",
            ),
            (
                r"\breactive\b|\brun[- ]to[- ]failure\b|\bfirefight",
                "When most maintenance is reactive, the line decides the schedule, and the signs of most failures were in the machine data days before the stop.",
            ),
            (
                r"\bpenalt|\blate deliver",
                "With penalties for late delivery, every unplanned stop on that line now costs twice: the lost output and the penalty.",
            ),
            (
                r"\bfail|\bbreak ?down|\bdowntime\b|\boutage|\bstoppage|\bbottleneck\b|\bunplanned stops?\b",
                (
                    "Stops like that rarely come without warning. The signs are usually in the machine data days before the stop.",
                    "Stops like that usually show up in the machine data days before they happen: vibration, temperature, cycle time.",
                ),
            ),
            (
                r"\blean\b|\bsix sigma\b|\bkaizen\b|\bcontinuous improvement\b",
                "Improvement programs like that run on downtime numbers everyone trusts, and machine data gives them without anyone logging stops by hand.",
            ),
            (
                r"\bOEE\b|\butili[sz]ation\b|\bcapacity\b",
                "Unplanned stops are usually the largest loss in OEE, and they rarely come without warning.",
            ),
            (
                r"\bnew (?:[\w,.]+ ){0,4}?(?:line|plant|press|machine)|\binstall|\bexpan|\bopen|\bcommission|\badd\w*\b(?![^.;]*\bshift\b)[^.;]*\b(?:lines?|machines?|presses?|cells?)\b",
                (
                    "A new line is easiest to monitor from day one, before its failure patterns are learned the hard way.",
                    "A line's first months are when its real failure patterns show up, and the cheapest time to start watching for them.",
                ),
            ),
            (
                r"\bcontract\b|\bnew customer\b|\bwon\b",
                "A new contract makes on-time delivery the thing that decides renewal, and unplanned stops are the usual reason it slips.",
            ),
            (
                r"\bretir|\b(?:leav|left|quit|lost|depart)\w*\b[^.;]*\b(?:techs?|technicians?|engineers?|maintenance|reliability)\b",
                "When maintenance know-how leaves with people, the machine data is what's left to warn you.",
            ),
            (
                r"\bspreadsheets?\b|\bExcel\b|\bon paper\b|\bby hand\b|\bmanual(?:ly)?\b",
                "A maintenance log in spreadsheets records a failure after it happens; the machine data shows most of them days before.",
            ),
            (
                r"\bMES\b|\bSCADA\b|\bhistorian\b|\bIIoT\b|\bsensors?\b",
                "Once machine data flows into one system, the warnings before a stop are already there to be read.",
            ),
            (
                r"\breshor\w*|\bnearshor\w*|\bmov\w* production\b|\brelocat\w*",
                "Moving production brings new lines and new crews at once, and unplanned stops are the usual threat to the start-up dates.",
            ),
            (
                r"\bvibration route\b|\bquarterly\b[^.;]*\b(?:route|rounds|inspection)|\b(?:route|rounds)\b[^.;]*\bquarterly\b",
                "A route walked once a quarter sees each machine four days a year; most failures develop in the weeks between visits.",
            ),
            (
                r"\b(?:second|third|2nd|3rd|night|weekend) shift\b",
                "Another shift means the lines run more hours with fewer people watching them, so a stop gets noticed later and costs more.",
            ),
        ),
        observation=(
            "unplanned stops",
            "Most plant managers I talk to can name the one machine whose stops cost them the most, and those stops rarely come without warning.",
            "The signs are usually in the machine data days before the line goes down.",
        ),
        observation_alt=(
            "warnings before stops",
            "Most plant managers I talk to say their worst stops of the year gave some warning in the machine data first.",
            "Reading those warnings days ahead is what turns an unplanned stop into a planned one.",
        ),
        hire_roles=r"\b(?:reliability|maintenance|plant|operations|OEE|engineer|continuous improvement|production)",
        no_fact_ask="Worth 15 minutes to see which of {company}'s lines would show the earliest warnings?",
        peers_are_roles=True,
    ),
    "professional_services": CopyAngles(
        segment="law, accounting and consulting firms",
        judged_on="first meetings with the clients a partner wants",
        how=(
            "our team researches the clients a partner wants, reaches them with account-based outreach and books the first meetings",
            "the partners pick the clients they want, and our team reaches them with account-based outreach and books the first meetings",
        ),
        how_when=r"\boutbound\b|\bbusiness development\b",
        stack=(
            r"\b(?:InterAction|Intapp|Salesforce|HubSpot)\b",
            "Every meeting is logged in your {tools}.",
        ),
        consequences=(
            (
                r"\blost\b[^.;]*\bclients?\b|\bnew logos?\b",
                "Replacing a large client through referrals alone usually takes longer than the gap it leaves.",
            ),
            (
                r"\bretir|\brainmakers?\b|\bbook of business\b|\b% of fees\b",
                "Replacing a retiring partner's book through referrals alone usually takes longer than the retirement date allows.",
            ),
            (
                r"\blaunch|\bnew (?:practice|studio|office|group|service)",
                "A new practice needs its first clients now, and referrals take years to build.",
            ),
            (
                r"\blateral|\bhir\w*\b.*\bpartners\b",
                "Lateral partners bring relationships of their own, and those pay off fastest when first meetings are already lined up.",
            ),
            (
                r"\bhir.*\b(?:former|executive|partner|directors?)\b",
                "A senior hire brings relationships of their own, and those relationships pay off fastest when first meetings are already lined up.",
            ),
            (
                r"\bmerg|\bacquir|\bcombin",
                # the offer reaches new clients: a tuning reader of holdout21 read "most existing clients don't know
                # about them yet" as a cross-sell the offer does not do
                "A merger gives the partners new services to sell, and the clients who need them still have to be found.",
            ),
            (
                r"\bopen|\bexpan|\bnew market\b",
                (
                    "A new office needs its first clients before the local referrals start.",
                    "The partners in a new office usually need their first local clients well before word of mouth there brings any.",
                ),
            ),
            (
                r"\bhir\w*\b[^.;]*\b(?:BD|business development|bizdev|sales)\b",
                "New business development hires ramp fastest when first meetings are already on their calendars, and referrals rarely fill those in time.",
            ),
            (
                r"\binvest\w*\b|\bprivate equity\b|\bPE[- ]backed\b",
                "New investors usually expect growth on a timeline, and referrals can't be scheduled the way first meetings can.",
            ),
            (
                r"\bwants? more\b|\bmore [\w -]{3,30} (?:work|clients|mandates)\b|\bnew (?:sector|vertical|client type)",
                "Work from a new kind of client rarely comes through the referrals a firm already has; those first meetings have to be booked.",
            ),
            (
                MILESTONE,
                "Recognition like that opens doors, but only once someone books the first meetings with the clients it should attract.",
            ),
            (
                r"\badd\w*\b[^.;]*\b(?:partners?|team|group|practice)\b",
                "Partners who join as a team need work for the whole team from the first month, and referrals to them at a new firm take years to build.",
            ),
        ),
        observation=(
            "new work through referrals",
            "Most partners I talk to say their firm wins almost all its new work through referrals, which is steady but never on its own timing.",
            "Outbound is how a firm books first meetings with the clients a partner picks, on its own timing.",
        ),
        observation_alt=(
            "the clients you'd pick",
            "Most partners I talk to can name the clients they would most like to work for, and referrals rarely bring those ones in.",
            "Outbound is how a firm books first meetings with the clients a partner picks, on its own timing.",
        ),
        hire_roles=r"\b(?:business dev|BD|marketing|growth|partner|sales)",
        no_fact_ask="Worth 15 minutes to pick the first prospective clients {company} would want meetings with?",
        peers_are_roles=True,
        role_at=" at firms like yours",
    ),
}
