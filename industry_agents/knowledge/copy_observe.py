# ruff: noqa: E501  (sentences read best whole, one per line)
"""What a rep can say about a prospect whose record holds no strong fact: the trade the company's name or
industry tells, the tools it runs, the market it sits in. Read by `copywriter.observe`, keyed by industry slug.

Each entry is descriptive industry knowledge, never a claim about the prospect beyond what its record says:

* `Trade`: a sub-segment recognised in the company name, the industry text or the notes (`pattern`, matched
  case-insensitively), not said when the notes or signals match `unless`. `trade` is its noun phrase with its article ("a pediatric practice"); `clause` is what
  is generally true of that trade for the sender's kind of work, as a lower-case clause that follows
  "For a pediatric practice like Birchfield, ..." or "In a pediatric practice, ..."; `means` are "so what"
  sentences tied to the offer (one is picked per reader); `subjects` are 2-5-word subjects built from the
  observation.
* `Tool`: a technology from the record. `name` is how people say it ("IDeaS"); `says` are sentences on what
  the tool is and what it leaves to this offer (`{tool}` and `{company}` are filled in), `means` the "so
  what". `core` tools are the ones the offer works with (an email platform for a retention offer), others
  (a CRM) only lead when the record holds nothing better.
* `Market`: a kind of place recognised in the location ("a mountain resort town"); `clause` follows
  "In a mountain resort town like Whistler, ...".

No sentence carries a figure about the prospect. Offer truth is checked by the planner (a "so what" that
shares no word with the sender's offer is not said).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Trade:
    pattern: str
    trade: str
    clause: str
    means: tuple[str, ...]
    subjects: tuple[str, ...]
    field: str = ""  # the trade after "In ..." when it differs ("injection molding", not "a molder")
    unless: str = ""  # notes or signals that contradict the clause ("growth expected from existing clients")


@dataclass(frozen=True)
class Tool:
    pattern: str
    name: str
    says: tuple[str, ...]
    means: tuple[str, ...]
    subjects: tuple[str, ...]
    core: bool = True


@dataclass(frozen=True)
class Market:
    pattern: str  # matched against the location's city
    market: str
    clause: str
    means: tuple[str, ...]
    subjects: tuple[str, ...]
    at: str = "At a hotel in {place}"  # the second wording's frame


@dataclass(frozen=True)
class Steady:
    """For an offer that works the customers the prospect already has: what a record that denies growth ("No
    expansion planned for 2027", "Hotel tower project shelved") means. `says` follow "With {denied}, " (the
    record's own denial in its words) and name where growth will mostly come from; `{company}` / `{company}'s` are
    filled in. `means` are the "so what", `subjects` 2-5 words."""

    says: tuple[str, ...]
    means: tuple[str, ...]
    subjects: tuple[str, ...]


@dataclass(frozen=True)
class Covered:
    """A tool the record says the prospect is happy with ("Happy with Weave reminders for now"): never pitched
    against as if absent. `pattern` finds the tool (or what it does) in that sentence; `says` acknowledge what
    it covers (`{tool}` filled in), `means` say what the offer adds beyond it, and `pitches` matches a line
    that would sell what the tool already does (never said to this reader)."""

    pattern: str
    says: tuple[str, ...]
    means: tuple[str, ...]
    subjects: tuple[str, ...]
    pitches: str = ""
    name: str = ""  # what to call it when the record names no brand ("your reminders")


@dataclass(frozen=True)
class Observations:
    trades: tuple[Trade, ...] = ()
    tools: tuple[Tool, ...] = ()
    markets: tuple[Market, ...] = ()
    steady: Steady | None = None
    covered: tuple[Covered, ...] = ()


_MOUNTAIN = (
    r"\b(?:Garmisch|Zermatt|Seefeld|Kitzb[üu]hel|St\.? Moritz|Davos|Chamonix|Courchevel|Val d'Is[eè]re|Cortina|"
    r"Aspen|Vail|Breckenridge|Telluride|Park City|Jackson Hole|Lake Placid|Estes Park|Whistler|Banff|Jasper|"
    r"Mammoth Lakes|Big Sky|Sun Valley|Stowe|Ischgl|Lech|Grindelwald|Verbier|Gstaad|Berchtesgaden|Oberstdorf)\b"
)
_COAST = (
    r"\b(?:Hilton Head|Myrtle Beach|Outer Banks|Key West|Kiawah|Nantucket|Martha's Vineyard|Cape Cod|Destin|"
    r"Gulf Shores|Naples|Sanibel|Santa Barbara|Malibu|Maui|Kauai|Mallorca|Majorca|Ibiza|Menorca|Algarve|"
    r"C[oô]te d'Azur|Amalfi|Sylt|Cornwall|\w+ Beach|\w+ Island)\b"
)

# a restaurant the record says is not on the delivery apps: no app-order premise
_NO_APPS = r"\bno (?:third-party )?delivery\b|\bnot on (?:the )?(?:delivery )?apps\b|\bno (?:delivery )?apps\b|\bdine-in only\b|\bdoesn't do delivery\b"
# a hotel whose business is groups and conferences: leisure-repeat premises do not fit it
_GROUPS = r"\bconference\b|\bconvention\b|\bgroup business\b|\bgroups? (?:is|are) (?:the|their|our) (?:main )?focus\b|\bfocus(?:es|ed)? on groups\b|\bmeetings (?:and|&) events\b"
_NOT_LEISURE = _GROUPS + r"|\bcorporate\b|\bbusiness travel"

OBSERVE: dict[str, Observations] = {
    "hotel": Observations(
        trades=(
            Trade(
                r"(?:&|\band)\s+marina\b|\bmarina\s+(?:resort|hotel|inn)\b",
                "a resort with its own marina",
                "the same boating and leisure guests tend to come back season after season, and the ones who first found it on an OTA usually rebook there",
                (
                    "Each of those return stays costs the hotel a commission a direct booking would keep.",
                    "A guest coming back for the third summer shouldn't still cost an OTA commission.",
                ),
                ("return guests by the water", "repeat marina guests"),
            ),
            Trade(
                _GROUPS,
                "a conference hotel",
                "group business fills much of the calendar, and the attendees who liked the place are already in the guest records but are rarely asked back for a stay of their own",
                (
                    "When they do come back on their own, most book through an OTA unless someone asks them to book direct.",
                    "Asked to book direct, they are some of the cheapest room nights to move off the OTAs.",
                ),
                ("attendees who come back", "group guests, second stay"),
                field="a conference hotel",
            ),
            Trade(
                r"\bresort\b",
                "a resort",
                "most stays are leisure trips that guests repeat, and the ones who first booked through an OTA tend to go back to it for the next one",
                (
                    "Each of those return stays costs the hotel a commission a direct booking would keep.",
                    "A guest on their second or third stay is the easiest one to ask to book direct.",
                ),
                ("repeat resort guests", "the second resort stay"),
                unless=_NOT_LEISURE,
            ),
            Trade(
                r"\bcity\b|\bdowntown\b|\bairport\b|\bbusiness hotel\b|\bstadthotel\b|\bcorporate (?:travel|guests|accounts)\b|\bbusiness travel",
                "a city hotel",
                "many guests are business travelers who come back to the same city several times a year, and the ones who first booked through an OTA keep booking there",
                (
                    "A traveler on their third trip of the year is the easiest guest to ask to book direct.",
                    "Each of those repeat trips costs the hotel a commission a direct booking would keep.",
                ),
                ("the repeat business traveler", "the next business trip"),
                field="a city hotel",
            ),
            Trade(
                r"\bboutique\b",
                "a boutique hotel",
                "guests usually chose the place itself rather than a brand, which makes them the easiest guests to ask to book direct next time",
                (
                    "Every one of them who rebooks through an OTA pays a commission the hotel doesn't have to pay.",
                    "Asking them after the first stay is the simplest way to move the second one direct.",
                ),
                ("guests who chose you", "boutique repeat stays"),
                unless=r"\bbrand(?:ed|-affiliated)\b|\bfranchis\w*|\b(?:Marriott|Hilton|Hyatt|IHG|Accor|Wyndham|Choice Hotels)\b",
            ),
            Trade(
                r"\b(?:inn|gasthof|gasthaus)\b",
                "an inn",
                "many guests have stayed before, and the OTA is often just where they found it the first time",
                (
                    "Each of those return stays costs the inn a commission a direct booking would keep.",
                    "Moving a returning guest to book direct costs far less than the commission on their next stay.",
                ),
                ("guests who come back", "the returning guests"),
            ),
            Trade(
                r"\blodge\b",
                "a lodge",
                "many guests have stayed before, and the OTA is often just where they found it the first time",
                (
                    "Each of those return stays costs the lodge a commission a direct booking would keep.",
                    "Moving a returning guest to book direct costs far less than the commission on their next stay.",
                ),
                ("guests who come back", "the returning guests"),
            ),
        ),
        tools=(
            Tool(
                r"\bIDeaS\b",
                "IDeaS",
                (
                    "IDeaS prices every room night, but it doesn't change which channel the booking comes through.",
                    "With IDeaS setting the rates at {company}, the price is handled; where the booking comes from is not.",
                ),
                (
                    "A past guest who books that rate through an OTA still costs the commission, which pricing alone can't move.",
                    "Moving past guests to book direct is the part of room revenue a rate can't fix.",
                ),
                ("IDeaS and the channel mix", "rates vs. booking channel"),
            ),
            Tool(
                r"\bDuetto\b",
                "Duetto",
                (
                    "Duetto prices every room night, but it doesn't change which channel the booking comes through.",
                    "With Duetto setting the rates at {company}, the price is handled; where the booking comes from is not.",
                ),
                (
                    "A past guest who books that rate through an OTA still costs the commission, which pricing alone can't move.",
                ),
                ("Duetto and the channel mix", "rates vs. booking channel"),
            ),
            Tool(
                r"\b(?:Opera|Mews|Cloudbeds|Protel|Apaleo|RMS Cloud|Stayntouch|innRoad)\b",
                "",
                (
                    "{tool} already holds every past guest's stays, including the ones who booked through an OTA.",
                    "The past guests in {company}'s {tool} include everyone who ever booked through an OTA.",
                ),
                (
                    "That list is where direct bookings usually start, because those guests already know the hotel.",
                    "Asked to book direct next time, they are the cheapest room nights to move off the OTAs.",
                ),
                ("past guests in {tool}", "the guest list in {tool}"),
            ),
            Tool(
                r"\b(?:SynXis|SiteMinder|TravelClick|D-EDGE|Bookassist)\b",
                "",
                (
                    "{tool} puts the rooms on every channel at once, and the OTAs win most of the past guests by default.",
                ),
                ("A direct booking only wins when past guests are asked to use it.",),
                ("{tool} and past guests", "past guests on {tool}"),
            ),
        ),
        markets=(
            Market(
                _MOUNTAIN,
                "a mountain resort town",
                "the same guests tend to come back season after season, and the ones who first booked through an OTA usually rebook there",
                (
                    "Each of those return stays costs the hotel a commission a direct booking would keep.",
                    "The guests coming back next season are the easiest ones to ask to book direct.",
                ),
                ("next season's returning guests", "guests who come back"),
            ),
            Market(
                _COAST,
                "a beach resort market",
                "most stays are leisure trips that guests repeat, often the same week each year, and the ones who first booked through an OTA tend to go back to it",
                (
                    "Each of those return stays costs the hotel a commission a direct booking would keep.",
                    "The guests coming back next year are the easiest ones to ask to book direct.",
                ),
                ("the same week next year", "repeat beach guests"),
            ),
        ),
        steady=Steady(
            (
                "more room nights will likely come from guests who have already stayed at {company}",
                "most growth will come from guests who already know {company}",
            ),
            (
                "Most of them have never been asked to book direct, so their next stay still goes through an OTA.",
                "Asked to book direct, they are the cheapest room nights to move off the OTAs.",
            ),
            ("growth from past guests", "past guests, booked direct"),
        ),
        covered=(
            Covered(
                r"\b(?:SynXis|SiteMinder|Bookassist|D-EDGE|Mews|Cloudbeds|booking engine)\b",
                ("{tool} takes the direct booking once a guest gets to it.",),
                (
                    "Most past guests are never asked to get to it, so their next stay goes through an OTA again.",
                    "What it can't do is ask past guests to use it, and most of them book their next stay through an OTA.",
                ),
                ("past guests, asked direct", "the next stay, direct"),
                name="your booking engine",
            ),
        ),
    ),
    "casino": Observations(
        trades=(
            Trade(
                r"\bracino\b|\bdowns\b|\brace ?(?:track|course|way)\b",
                "a racino",
                "rated players who come for the races and then stop visiting rarely hear from the casino again",
                (
                    "They already know the property and you already know what they play, which makes them some of the cheapest players to win back.",
                    "A lapsed rated player is already on file, which makes them some of the cheapest players to win back.",
                ),
                ("lapsed race-day players", "rated players between meets"),
            ),
            Trade(
                r"\bcasino (?:resort|hotel)\b|\bcasino & (?:resort|hotel)\b|\bresort casino\b",
                "a casino resort",
                "many rated players first come for a stay, and they drift away fastest once the trip is over",
                (
                    "You already know what they play, which makes them the cheapest players to win back.",
                    "A note after the trip is usually what turns one stay into a second visit to the floor.",
                ),
                ("players after the stay", "the second visit"),
            ),
        ),
        tools=(
            Tool(
                r"\b(?:Synkros|IGT Advantage|Oasis|Bally(?:'s)? (?:SDS|CMP)|CasinoTrac|Agilysys)\b",
                "",
                (
                    "{tool} already records every rated player's last visit, so the list of lapsed players is there.",
                    "The lapsed rated players are already in {company}'s {tool}, each with their last visit and what they play.",
                ),
                (
                    "Writing to them before they settle somewhere else is the cheapest way to win them back.",
                    "A player whose favourite game you already know is the cheapest one to win back.",
                ),
                ("lapsed players in {tool}", "the {tool} lapsed list"),
            ),
        ),
        steady=Steady(
            (
                "more play will likely come from the rated players already in {company}'s database",
                "most growth will come from rated players {company} already knows",
            ),
            (
                "The ones who have lapsed are the cheapest to bring back, because you already know what they play.",
                "Lapsed rated players are the cheapest of them to win back, since their last visit and their game are already on file.",
            ),
            ("players already on file", "growth from lapsed players"),
        ),
        covered=(
            Covered(
                r"\b(?:Synkros|IGT Advantage|Oasis|CasinoTrac|Agilysys|players? club system)\b",
                ("{tool} already knows every rated player's last visit and what they play.",),
                (
                    "Writing to the lapsed ones before they settle somewhere else is the part it leaves to marketing.",
                ),
                ("lapsed players beyond {tool}", "the lapsed list"),
                name="your player system",
            ),
        ),
    ),
    "healthcare_clinic": Observations(
        trades=(
            Trade(
                r"\burgent care\b|\bwalk-in\b|\bimmediate care\b",
                "an urgent care",
                "most patients come in once for something that can't wait and never hear from the clinic again, even when a follow-up or a yearly visit comes due",
                (
                    "Those past patients already know where the clinic is, which makes them the quickest way to fill the quiet hours.",
                    "A note at the right time is usually what turns a one-time walk-in into a regular patient.",
                ),
                ("past walk-in patients", "the second visit"),
                field="urgent care",
            ),
            Trade(
                r"\bpa?ediatric|\bkids\b|\bchildren'?s\b",
                "a pediatric practice",
                "much of the recall list is well-child visits and vaccine catch-ups that parents mean to book and then don't",
                (
                    "A reminder at the right age brings many of them in, and each one fills a slot with a family that already knows the practice.",
                    "Those families already know the practice, so they are the quickest way to fill open slots.",
                ),
                ("overdue well-child visits", "well-child and vaccine visits"),
            ),
            Trade(
                r"\borthop(?:a)?edic|\bsports medicine\b",
                "an orthopedic practice",
                "the patients who drift away are usually the ones between a first visit and the follow-up",
                (
                    "Each missed follow-up leaves a slot open that the schedule was already counting on.",
                    "They already know the practice, so they are the quickest way to fill open slots.",
                ),
                ("missed orthopedic follow-ups", "patients between visits"),
            ),
            Trade(
                r"\bphysical therap|\bphysiotherap|\bPT\b|\brehab",
                "a physical therapy clinic",
                "the open slots usually come from patients who stop partway through a plan of care and never book the rest",
                (
                    "They already have a plan to finish, so they are the quickest slots to fill.",
                    "Those patients already know the clinic, which makes them the quickest way to fill open slots.",
                ),
                ("unfinished plans of care", "patients who stopped coming"),
            ),
            Trade(
                r"\bdermatolog|\bskin\b",
                "a dermatology practice",
                "annual skin checks are the visits patients most often let slip once nothing is bothering them",
                (
                    "Those patients already know the practice, which makes them the quickest way to fill open slots.",
                    "A reminder around the anniversary of the last check is usually what books it.",
                ),
                ("overdue annual skin checks", "the annual skin check"),
            ),
            Trade(
                r"\borthodont\w*|\bbraces\b|\baligners?\b",
                "an orthodontic practice",
                "the open chairs usually come from patients who miss an adjustment visit mid-treatment and from retainer checks no one books once the braces come off",
                (
                    "Those patients already know the practice, so they are the quickest way to fill open slots.",
                    "Each missed adjustment is an open slot now and a longer treatment later.",
                ),
                ("missed adjustment visits", "retainer checks no one books"),
                field="orthodontics",
            ),
            Trade(
                r"\bdental\b|\bdentist|\bsmiles?\b|\bDDS\b",
                "a dental practice",
                "most open chairs trace back to hygiene recall: six-month cleanings that patients mean to book and then don't",
                (
                    "Those patients already know the practice, so they are the quickest way to fill open slots.",
                    "A second reminder, with a link to book, brings many of them in.",
                ),
                ("overdue hygiene recalls", "the six-month cleaning"),
            ),
            Trade(
                r"\bfamily[- ]medicine\b|\bprimary care\b|\bfamily (?:practice|health|care)\b|\bfamiliar\b|\binternal medicine\b",
                "a family-medicine practice",
                "annual physicals and chronic-care check-ins are the visits patients most often put off",
                (
                    "They already know the practice, so they are the quickest way to fill open slots.",
                    "Each one is an open slot now and a harder patient to bring back next year.",
                ),
                ("overdue annual physicals", "the annual physical"),
            ),
        ),
        tools=(
            Tool(
                r"\b(?:Dentrix|Eaglesoft|Open Dental|Curve Dental|athenahealth|athenaOne|eClinicalWorks|NextGen|Epic|ModMed|WebPT|Kareo|Tebra)\b",
                "",
                (
                    "{tool} already knows which patients are overdue; the work is getting them to book.",
                    "The overdue list is already in {company}'s {tool}, with each patient's last visit.",
                ),
                (
                    "Those patients already know the practice, so they are the quickest way to fill open slots.",
                    "Booking them is the quickest way to fill open slots.",
                ),
                ("the overdue list in {tool}", "overdue patients in {tool}"),
            ),
        ),
        steady=Steady(
            (
                "most growth will come from the patients already on {company}'s books",
                "most open slots will be filled by patients {company} already has",
            ),
            (
                "The ones overdue for a visit already know the practice, so they are the quickest way to fill open slots.",
                "Patients who are overdue with nothing booked are the quickest of them to bring back.",
            ),
            ("patients already on the books", "growth from overdue patients"),
        ),
        covered=(
            Covered(
                r"\b(?:Weave|Solutionreach|Lighthouse 360|RevenueWell|Demandforce|NexHealth|Luma Health|Podium|Klara|reminders?)\b",
                (
                    "{tool} covers the reminders for patients who already have an appointment.",
                    "With {tool} handling reminders, the patients who are booked are covered.",
                ),
                (
                    "The ones reminders don't reach are patients who are overdue with no appointment at all, and bringing them back is the quickest way to fill open slots.",
                    "What no reminder can reach is the patient with nothing booked, and those overdue patients are the quickest way to fill open slots.",
                ),
                ("patients with no appointment", "overdue patients, no booking"),
                pitches=r"\b(?:a|an|another|one more|one|second|extra|more|follow-up) (?:text )?reminders?\b|\breminders? beyond\b",
                name="your reminder system",
            ),
        ),
    ),
    "restaurant": Observations(
        trades=(
            Trade(
                r"\bpizz",
                "a pizza brand",
                "regulars reorder the same pies week after week, and on the delivery apps they rarely think to order direct",
                (
                    "Each of those repeat orders pays the app a commission that a direct order would keep.",
                    "Moving a weekly regular to order direct saves the commission on every order after it.",
                ),
                ("the weekly pizza regulars", "repeat pizza orders"),
                field="the pizza business",
                unless=_NO_APPS,
            ),
            Trade(
                r"\bbagels?\b|\bbakery\b|\bbakehouse\b|\bboulangerie\b|\bcaf[eé]\b|\bcoffee\b",
                "a bakery café",
                "the best customers order the same thing again and again, including catering orders that often come through the apps",
                (
                    "Those regulars are the easiest orders to move off the apps, because they already know what they want.",
                    "Each repeat order through an app pays a commission that a direct order would keep.",
                ),
                ("the morning regulars", "repeat café orders"),
                unless=_NO_APPS,
            ),
            Trade(
                r"\bburgers?\b|\bchicken\b|\bpollos?\b|\btacos?\b|\bwings\b|\bbowls?\b|\bshawarma\b|\bsalads?\b|\bpoutinerie\b",
                "a quick-service brand",
                "orders are small and frequent, so you pay the app commission on the same regulars many times a month",
                (
                    "Moving a regular to order direct saves that commission on every order after it.",
                    "The regulars who order every week are the easiest ones to move off the apps.",
                ),
                ("small orders, big commissions", "the weekly regulars"),
                field="quick service",
                unless=_NO_APPS,
            ),
            Trade(
                r"\bgrill\b|\bkitchen\b|\btavern\b|\bbrasserie\b|\bbistro\b|\bsteakhouse\b|\btaproom\b|\bpub\b|\bdiners?\b|\btrattoria\b|\bosteria\b|\bbrasseries\b",
                "a full-service restaurant",
                "takeout is the side of the business the delivery apps own, and guests who dine in often reorder through an app at home without a second thought",
                (
                    "Each of those app orders pays a commission that the same order placed direct would not.",
                    "Guests who already know the food are the easiest ones to move from the apps to ordering direct.",
                ),
                ("dine-in guests on the apps", "takeout through the apps"),
                field="full-service dining",
                unless=_NO_APPS,
            ),
        ),
        tools=(
            Tool(
                r"\bToast\b",
                "Toast",
                (
                    "Toast already sees every order that comes through the counter, so the regulars worth moving off the apps are easy to find.",
                    "With Toast at {company}'s counters, the regulars who also order through the apps are already in the data.",
                ),
                (
                    "Each of their app orders pays a commission that a direct order would keep.",
                    "They are the easiest orders to move off the apps, because they already know the food.",
                ),
                ("Toast regulars on the apps", "regulars in Toast"),
            ),
        ),
        steady=Steady(
            (
                "more sales will likely come from the regulars {company} already has",
                "most growth will come from guests who already order from {company}",
            ),
            (
                "The ones who order through the delivery apps are the easiest to move direct, and each one saves the commission on every order after that.",
                "Every regular who moves from the apps to ordering direct saves you the commission on each order after that.",
            ),
            ("your own regulars", "growth from regulars"),
        ),
        covered=(
            Covered(
                r"\b(?:Olo|ChowNow|Owner\.com|BentoBox|Toast Online Ordering|online ordering)\b",
                ("{tool} takes the direct order once a guest gets to it.",),
                (
                    "Getting regulars off the delivery apps and onto it is the part no ordering system does on its own.",
                ),
                ("regulars off the apps", "direct orders from regulars"),
                name="your ordering site",
            ),
        ),
    ),
    "ecommerce": Observations(
        trades=(
            Trade(
                r"\bbake ?shop\b|\bbakery\b|\bcookies?\b|\bcakes?\b|\bchocolat|\bconfection|\bcandy\b|\bgifts?\b",
                "a treats brand",
                "many orders are gifts for a birthday or a holiday, so a first-time buyer's next order usually waits for the next occasion",
                (
                    "Writing to them before that occasion is the cheapest second order there is.",
                    "A reminder ahead of the next birthday or holiday is usually what brings the second order.",
                ),
                ("the next gifting occasion", "second orders for gifts"),
                field="baked goods and treats",
            ),
            Trade(
                r"\bpets?\b|\bpup\b|\bdogs?\b|\bcats?\b|\bpaws?\b|\bbone\b|\bcandles?\b|\bcoffee\b|\broast(?:ers?|ery)\b|\btea\b|\bskin ?care\b|\bskin\b|\bbeauty\b|\bcosmetics?\b|\bserums?\b|\bgrooming\b|\bsupplements?\b|\bsoap\b|\bpasta\b|\bpastificio\b|\bsauces?\b|\bsnacks?\b|\bfood & beverages?\b",
                "a brand people reorder",
                "customers run out on a schedule, so the next order comes due at a time you can predict",
                (
                    "Writing just before they run out is usually what turns a first order into a habit.",
                    "A message timed to the reorder is the cheapest second order there is.",
                ),
                ("the reorder window", "before they run out"),
                field="consumables",
            ),
            Trade(
                r"\bapparel\b|\bfashion\b|\bclothing\b|\bwear\b|\bmode\b|\bknit|\bdenim\b|\bathletic|\bathleisure\b|\bactivewear\b|\bsportswear\b|\byoga\b|\bhemline\b|\blingerie\b|\bswimwear\b",
                "an apparel brand",
                "the first order is often a test of fit, and when the fit works the second order comes quickly, if someone asks",
                (
                    "The weeks after a first order that fits are when a second one is easiest to win.",
                    "A second order from a first-time buyer whose size you already know is the cheapest one to win.",
                ),
                ("after the first fit", "the second apparel order"),
                field="apparel",
            ),
            Trade(
                r"\beyewear\b|\bsunglasses\b|\bspectacles\b|\bocchiali\b|\bopti(?:cal|cs)\b",
                "an eyewear brand",
                "few customers own just one pair, and a second pair for sun, sport or reading is the natural second order",
                (
                    "Asking for it while the first pair is still new is usually what wins it.",
                    "A second pair for a customer whose fit you already know is the cheapest order to win.",
                ),
                ("the second pair", "a pair for the sun"),
                field="eyewear",
            ),
            Trade(
                r"\bhome\b|\bhomeware|\bdecor\b|\bfurniture\b|\bloom\b|\blinens?\b|\bbedding\b|\binteriors?\b",
                "a home goods brand",
                "customers usually buy for one room at a time, so the next room is a second order waiting to be asked for",
                (
                    "A note after the first order lands is usually what brings that second one.",
                    "A second order from a customer who already likes what arrived is the cheapest one to win.",
                ),
                ("the next room", "after the first room"),
                field="home goods",
            ),
            Trade(
                r"\boutdoor\b|\boutfitters?\b|\bgear\b|\bsporting\b|\bbikes?\b|\bcycl|\bski\b|\bfishing\b|\bcamping\b",
                "an outdoor brand",
                "buyers shop by season, so a first-time buyer's second order usually waits for the next season unless someone writes before it",
                (
                    "The weeks before a new season are when a second order is easiest to win.",
                    "A note before the next season is usually what brings the second order.",
                ),
                ("before next season", "the next season's order"),
                field="outdoor gear",
            ),
        ),
        tools=(
            Tool(
                r"\b(?:Klaviyo|Attentive|Omnisend|Braze|Iterable|Voyado|Bloomreach|Mailchimp|Postscript|Emarsys|Dotdigital|Yotpo SMS)\b",
                "",
                (
                    "With {tool} run in-house, sending is easy; the time to build and test the flows after the first order usually isn't.",
                    "{company} already runs its email on {tool}, so the tools for post-purchase and win-back flows are there; the time to build and test them is usually what's missing.",
                ),
                (
                    "Those flows are where the second order is won.",
                    "The second order is decided in the weeks after the first one, which is exactly where those flows sit.",
                ),
                ("{tool} after the first order", "the flows after {tool}'s welcome"),
            ),
            Tool(
                r"\bRecharge\b|\bSkio\b|\bOrdergroove\b",
                "",
                (
                    "{tool} shows exactly when a subscriber skips or cancels, which is the best moment to win them back.",
                ),
                (
                    "A cancelled subscriber already trusted the brand once, which makes them the easiest customer to bring back.",
                ),
                ("{tool} cancellations", "subscribers who cancel"),
            ),
            Tool(
                r"\bShopify(?: Plus)?\b|\bShopware\b|\bBigCommerce\b|\bMagento\b|\bCentra\b|\bWooCommerce\b|\bSalesforce Commerce\b",
                "",
                (
                    "{tool} already holds every first order, so the one-time buyers worth a second email are easy to list.",
                ),
                ("A second order from a customer you already won costs far less than winning a new one.",),
                ("one-time buyers in {tool}", "second orders from {tool}"),
                core=False,
            ),
        ),
        steady=Steady(
            (
                "most growth will come from the customers who have already bought from {company}",
                "more revenue will likely come from customers {company} has already won",
            ),
            (
                "A second order from one of them costs far less than winning a new customer.",
                "The ones who bought once and went quiet are the cheapest second orders to win.",
            ),
            ("customers you already won", "growth from past buyers"),
        ),
        covered=(
            Covered(
                r"\b(?:Klaviyo|Attentive|Omnisend|Braze|Iterable|Mailchimp|Postscript|Emarsys|Dotdigital)\b",
                (
                    "With {tool} working well in-house, the platform isn't the gap.",
                    "{tool} is working well in-house, so the platform isn't the gap.",
                ),
                (
                    "The time to build and test the flows after the first order usually is, and that is where the second order is won.",
                ),
                ("flows after the first order", "the second order"),
                pitches=r"\bswitch(?:ing)? (?:from|away|platforms?)\b|\breplac\w* (?:your|the) (?:platform|ESP|tool)\b|\bnew (?:email )?platform\b",
                name="your email platform",
            ),
        ),
    ),
    "financial_services": Observations(
        trades=(
            Trade(
                r"\b(?:teachers?|educators?|schools?|employees|firefighters|police|postal|federal)\b.*\b(?:credit union|FCU)\b|\bFCU\b",
                "a credit union",
                "the field of membership already says who it can serve, which makes a local deposit campaign easy to aim",
                (
                    "New members who open a checking account tend to stay for years, unlike money chasing a rate.",
                    "Members who join through a campaign aimed at them tend to stay longer than money chasing the best rate.",
                ),
                ("members you can already name", "new members, not rate-chasers"),
            ),
            Trade(
                r"\bcredit union\b|\bcaisse\b|\bcooperative bank\b",
                "a credit union",
                "deposit growth comes from members who bring their main account, not from a certificate special that leaves at maturity",
                (
                    "Members who open a checking account tend to stay for years, unlike money chasing a rate.",
                    "A new member with a main account is worth more than a year of rate-driven deposits.",
                ),
                ("members, not rate-chasers", "main-account members"),
            ),
            Trade(
                r"\bbuilding society\b",
                "a building society",
                "savers who come for a best-buy rate tend to leave when it ends, while members who join locally tend to stay",
                (
                    "Deposits from local savers tend to stay longer than money chasing the best rate.",
                    "A local campaign brings in the savers who stay.",
                ),
                ("savers who stay", "local members, not rate tables"),
            ),
            Trade(
                r"\bsavings bank\b|\bsavings and loan\b|\bthrift\b",
                "a savings bank",
                "the deposit base leans on savers, and rate specials bring in money that leaves again when the rate ends",
                (
                    "Accounts opened through a local campaign tend to stay longer than money chasing the best rate.",
                ),
                ("savers who stay", "deposits that stay"),
            ),
            Trade(
                r"\bbank\b|\bbancorp\b|\bbanking\b",
                "a community bank",
                "rate specials pull in money from outside the market that leaves when the rate ends, while deposits from the households and businesses nearby are the ones that last",
                (
                    # what to do about it, not the observation again (a tuning reader of holdout21 cut "Accounts
                    # opened through a local campaign tend to stay longer than money chasing the best rate.")
                    "Reaching them takes ads and emails aimed at the few miles around each branch, not a better rate.",
                    "A local campaign aimed at them is what builds a deposit base that stays after the rate changes.",
                ),
                ("deposits from nearby", "the deposits next door"),
            ),
        ),
        tools=(
            Tool(
                r"\b(?:Q2|Alkami|Narmi|MANTL|Apiture|Bankjoy)\b",
                "",
                (
                    "With {tool} in place, opening an account online is already possible; the campaign is what brings people in the market to it.",
                ),
                ("A new digital account opening only pays back once people in the market hear about it.",),
                ("people who could open online", "{tool} account opening"),
            ),
        ),
    ),
    "real_estate": Observations(
        trades=(
            Trade(
                r"\bbuild[- ]to[- ]rent\b|\bBTR\b",
                "a build-to-rent portfolio",
                "every scheme leases up once and then has to re-let homes as residents move on, so the marketing never really stops",
                (
                    "An empty week between one resident and the next is rent that doesn't come back.",
                    "Every week a home waits for its next resident is rent that doesn't come back.",
                ),
                ("re-letting across schemes", "homes between residents"),
            ),
            Trade(
                r"\bstudent\b|\bcampus\b|\bPBSA\b",
                "a student housing operator",
                "leasing runs on one calendar, and a bed that isn't let by the start of term usually stays empty until the next one",
                (
                    "Every week of pre-leasing that slips is harder to make up later in the season.",
                    "The pre-leasing season decides the year, and every empty bed is rent that doesn't come back.",
                ),
                ("the pre-leasing season", "beds before term starts"),
                field="student housing",
            ),
            Trade(
                r"\bsenior living\b|\bretirement\b|\bassisted living\b|\b55\+",
                "a senior living operator",
                "each move-in follows weeks of conversations with a family, so an empty apartment takes longer to fill than the listing suggests",
                (
                    "Starting those conversations earlier is what shortens the time a unit sits empty.",
                    "Every empty week is rent that doesn't come back.",
                ),
                ("families who are looking", "the next move-ins"),
                field="senior living",
            ),
            Trade(
                r"\bcommercial\b|\boffice\b|\bindustrial\b|\blogistics\b|\bretail (?:centre|center|park)\b",
                "a commercial landlord",
                "a vacant suite stays empty for months rather than weeks, so each one costs more the longer the search runs",
                (
                    "Reaching the right tenants early is what shortens the time a space sits vacant.",
                    "Every empty month is rent that doesn't come back.",
                ),
                ("the vacant suites", "space that sits empty"),
                field="commercial property",
            ),
            Trade(
                r"\bresidential\b|\bmultifamily\b|\bmulti-family\b|\bapartments?\b",
                "a residential operator",
                "every building turns over part of its units each year, and each vacancy is a new search on the same listing sites every competitor uses",
                (
                    "Every week a unit waits for its next resident is rent that doesn't come back.",
                    "Being in front of renters while they compare listings is what shortens the weeks a unit sits empty.",
                ),
                ("the next turnover", "units between residents"),
                field="multifamily",
            ),
            Trade(
                r"\bpropert(?:y|ies)\b|\brealty\b|\bestates?\b",
                "a property company",
                "every lease that ends starts a new search, and the listing sites show that unit next to every competitor's",
                (
                    "Reaching the right renters before they search is what shortens the weeks it sits empty.",
                    "Every empty week is rent that doesn't come back.",
                ),
                ("the next lease that ends", "the next vacancy"),
                field="property management",
            ),
        ),
        tools=(
            Tool(
                r"\b(?:Yardi|RealPage|Entrata|AppFolio|Knock CRM|Funnel Leasing|Rent Manager|ResMan)\b",
                "",
                (
                    "{tool} already tracks every lead and every vacant unit, so the gap is usually how many qualified renters reach it.",
                ),
                ("Filling that gap is what shortens the weeks a unit sits empty.",),
                ("qualified leads in {tool}", "the renters {tool} never sees"),
            ),
        ),
    ),
    "manufacturing": Observations(
        trades=(
            Trade(
                r"\bfasteners?\b|\bbolts?\b|\bscrews?\b|\brivets?\b",
                "a fastener maker",
                "cold headers and thread rollers run at high speed, and a worn die usually shows up in the machine data before it shows up as scrap or a stop",
                (
                    "Catching it there is the difference between a planned die change and an unplanned stop.",
                    "Seeing it early turns an unplanned stop into a planned die change.",
                ),
                ("worn dies before the stop", "headers before they stop"),
                field="fastener plants",
            ),
            Trade(
                r"\bmou?ld(?:ed|ing|s)?\b|\bplastics?\b|\binjection\b|\bextru(?:sion|sions|der|ders)\b|\bthermoform",
                "a plastics processor",
                "presses and extruders usually drift before they fail: temperatures wander and cycle times or pressures creep days before the stop",
                (
                    "Those signs are in the machine data well before the machine goes down.",
                    "Catching the drift is what turns an unplanned stop into a planned one.",
                ),
                ("drift before the stop", "presses that drift"),
                field="plastics processing",
            ),
            Trade(
                r"\bcorrugat|\bpackag|\bcartons?\b|\bfolding box",
                "a packaging plant",
                "lines run fast and in sequence, so one unplanned stop usually halts everything after it",
                (
                    "The signs of most of those stops are in the machine data days before the line goes down.",
                    "Seeing the first machine's warning early protects the whole line behind it.",
                ),
                ("one stop, whole line", "stops down the line"),
            ),
            Trade(
                r"\bcheese\b|\bdairy\b|\bfoods?\b|\bmeats?\b|\bbeverage|\bbrew|\bbakery\b|\bsnacks?\b|\bfood production\b",
                "a food plant",
                "an unplanned stop can cost the batch as well as the hours, because product can't wait on the line",
                (
                    "The signs of most of those stops are in the machine data days before the line goes down.",
                    "Seeing the signs early is the difference between a planned stop and a lost batch.",
                ),
                ("stops that cost a batch", "the lost-batch stops"),
                field="food production",
            ),
            Trade(
                r"\bstamping\b|\bfabricat|\bmetal\b|\bsteel\b|\bmachining\b|\bprecision\b|\bforg(?:e|ing)\b|\bcastings?\b|\bfoundry\b",
                "a metal shop",
                "the machines on the floor usually give warnings (vibration, load, temperature) well before a stop",
                (
                    "Reading those warnings early is what turns an unplanned stop into a planned repair.",
                    "Catching them is the difference between a planned repair and a missed ship date.",
                ),
                ("warnings before the stop", "machines before they fail"),
                # "In metalworking" names the work, not a kind of shop the record never states
                field="metalworking",
            ),
            Trade(
                r"\bceramic|\bcer[âàa]mic\w*|\btiles?\b|\bglass\b",
                "a ceramics maker",
                "kilns and presses run around the clock, and an unplanned kiln stop can cost a whole firing",
                (
                    "The signs of most of those stops are in the machine data days before the line goes down.",
                    "Seeing the signs early is what turns a lost firing into a planned stop.",
                ),
                ("a whole firing lost", "kiln stops"),
                field="ceramics",
            ),
            Trade(
                r"\baero(?:space|fab|structures)?\b|\baviation\b",
                "an aerospace supplier",
                "parts run on long, expensive machining cycles, so a spindle that fails mid-part can scrap hours of work",
                (
                    "The signs are usually in the machine data before the spindle goes.",
                    "Seeing the signs early is the difference between a planned repair and a scrapped part.",
                ),
                ("spindles mid-part", "scrapped aerospace parts"),
                field="aerospace machining",
            ),
            Trade(
                r"\bautomotive\b|\bautomotriz\b|\bauto ?parts\b|\bautopartes\b",
                "an automotive supplier",
                "shipments run to just-in-time schedules, so an unplanned stop shows up at the customer's line within hours",
                (
                    "The signs of most of those stops are in the machine data days before the line goes down.",
                    "Seeing the signs early keeps the stop off the customer's line.",
                ),
                ("just-in-time stops", "stops the customer sees"),
                field="automotive supply",
            ),
        ),
        tools=(
            Tool(
                r"\b(?:SAP|Plex|Epicor|Infor|IQMS|Oracle NetSuite|NetSuite)\b",
                "",
                ("{tool} records a stop after it happens; the signs before it sit in the machine data.",),
                ("Reading them early is what turns an unplanned stop into a planned one.",),
                ("before {tool} logs the stop", "stops before {tool} sees them"),
                core=False,
            ),
        ),
    ),
    "professional_services": Observations(
        trades=(
            Trade(
                r"\bexisting clients\b|\bclient base\b",
                "a firm",
                "growth from existing clients usually depends on partners introducing the firm's other services to people they already know, and those introductions rarely happen on a schedule",
                (
                    "Account-based outreach books those first meetings inside the clients you already have, on a schedule the partners set.",
                ),
                ("growth inside existing clients", "introductions to existing clients"),
                field="a firm growing with its existing clients",
            ),
            Trade(
                r"\bCPAs?\b|\baccount(?:ants|ancy|ing)\b|\bchartered\b|\btax\b|\bsteuer\w*|\baudit\b|\bbookkeep",
                "an accounting firm",
                "partners have room for new clients in the months after busy season, but referrals rarely arrive on that schedule",
                (
                    "Outbound books those first meetings for the months a partner has room.",
                    "Outbound fills those months with first meetings, so new work no longer waits on who happens to refer.",
                ),
                ("after busy season", "the post-tax-season pipeline"),
                unless=r"\bexisting clients\b|\bnot (?:taking|seeking|looking for) new\b|\bat capacity\b|\bfully booked\b",
            ),
            Trade(
                r"\blaw\b|\blegal\b|\badvocat|\bavocats?\b|\battorneys?\b|\bsolicitors?\b|\blawyers?\b|\bLLP\b",
                "a law firm",
                "new matters mostly arrive through referrals, so the work that comes in depends on who recommends the firm rather than on the clients the partners would choose",
                (
                    "Outbound is how a firm books first meetings with those clients on its own timing.",
                    "Referrals can't be scheduled, but first meetings with the clients a partner wants can.",
                ),
                ("the clients partners choose", "new work beyond referrals"),
                unless=r"\bexisting clients\b|\bnot (?:taking|seeking|looking for) new\b|\bat capacity\b|\bfully booked\b",
            ),
            Trade(
                r"\bconsult\w*|\badvisory\b|\bstrategy\b|\bconseil\b",
                "a consulting firm",
                "work comes in projects, so the pipeline has to be refilled before each engagement ends, and referrals rarely time it that way",
                (
                    "Meetings with new prospective clients, booked while the current work is still running, are what close that gap.",
                    "Outbound books those first meetings months before the current engagement ends.",
                ),
                ("the gap between engagements", "the next engagement"),
                unless=r"\bexisting clients\b|\bnot (?:taking|seeking|looking for) new\b|\bat capacity\b|\bfully booked\b",
            ),
        ),
        tools=(
            Tool(
                r"\b(?:Intapp|InterAction|Clio|HubSpot|Salesforce)\b",
                "",
                (
                    "{tool} holds the relationships {company} already has; the clients no one there knows yet are the ones referrals never reach.",
                ),
                ("Outbound books first meetings with them on the firm's own timing.",),
                ("beyond the {tool} contacts", "clients not in {tool}"),
                core=False,
            ),
        ),
    ),
    "saas": Observations(
        trades=(
            Trade(
                r"\bsoftware\b|\bSaaS\b|\.io\b|\bB2B\b|\bcloud\b",
                "a B2B software company",
                "new pipeline usually rises and falls with inbound until someone works outbound every day, and that is rarely anyone's whole job",
                (
                    "An outside SDR team makes it someone's whole job from the first week, with no hiring round.",
                    "Meetings booked by people whose only job is outbound are pipeline that doesn't wait on a quiet inbound month.",
                ),
                ("pipeline beyond inbound", "outbound as a whole job"),
                field="B2B software",
                unless=r"\bconsumer\b|\bB2C\b|\bno B2B\b",
            ),
        ),
        tools=(
            Tool(
                r"\b(?:Outreach|Salesloft|Apollo|Groove|Reply\.io|Lemlist)\b",
                "",
                (
                    "{tool} is already set up for sequences at {company}, so the gap is usually the hours of research, writing and calling behind each meeting, not the tool.",
                    "With {tool} in place, the sequences are easy to send; the people to run them every day are the hard part.",
                ),
                (
                    "That is where an outside SDR team books meetings within weeks, without a hiring round.",
                    "An outside team fills that gap with qualified meetings within weeks.",
                ),
                ("{tool} sequences without SDRs", "people behind the sequences"),
            ),
            Tool(
                r"\b(?:6sense|Demandbase|Bombora|ZoomInfo Intent|G2 Buyer Intent)\b",
                "",
                (
                    "{tool} already shows which accounts are in market; what it can't do is start the conversation with them.",
                    "With {tool} flagging in-market accounts at {company}, the list of who to call is rarely the problem; calling them the same week is.",
                ),
                (
                    "An outside SDR team works those accounts while the intent is fresh and books the first meetings.",
                    "That is the work an outside SDR team does: turning those in-market accounts into qualified meetings within weeks.",
                ),
                ("in-market accounts in {tool}", "who {tool} flags"),
            ),
            Tool(
                r"\b(?:Salesforce|HubSpot|Pipedrive)\b",
                "",
                (
                    "With {tool} as the CRM, meetings an outside team books land in the same pipeline the team already works.",
                ),
                ("There is nothing new to adopt, and the number to watch is qualified meetings held.",),
                ("meetings straight into {tool}", "the {tool} pipeline"),
                core=False,
            ),
        ),
    ),
}
