"""A fact a European prospect's record gives in German, French, Spanish or Dutch reaches step 1 in English.

The facts layer reads the fact's shape (intelligence.foreign) and the writer says it from those fields and a small
glossary (copywriter.foreign): the first paragraph opens on the fact as a real English sentence, the subject line
is built from it, no word of the foreign text reaches any message (a proper name may), the soft `language` issue
is still raised, and the tier is what the scorer gave before this reading existed. A fact with a word the glossary
does not know stays out, as before.

Rows written for this test, read the way an SDR manager reads an email before pressing send."""

from __future__ import annotations

import re
from typing import Any

import pytest

import industry_agents
from copywriter.foreign import restatements
from intelligence.extract import extract_facts
from intelligence.foreign import is_foreign, read_foreign
from tests.test_copy_golden import prospect_of, write


def _row(
    industry: str,
    title: str,
    company: str,
    location: str,
    *,
    signals: list[str] | None = None,
    notes: str | None = None,
) -> dict[str, Any]:
    prospect: dict[str, Any] = {
        "email": "alex@example.com",
        "first_name": "Alex",
        "last_name": "Moreau",
        "title": title,
        "company": company,
        "employees": 120,
        "revenue": "$20M",
        "location": location,
    }
    if signals:
        prospect["signals"] = signals
    if notes:
        prospect["notes"] = notes
    return {"industry": industry, "prospect": prospect}


def _write(row: dict[str, Any]) -> tuple[int, Any, Any]:
    analysis, seq, note = write(row)
    return analysis.tier, seq, note


# (case, row, opening sentence, first subject, tier before this reading, the record's foreign words)
CASES: list[tuple[str, dict[str, Any], str, str, int, tuple[str, ...]]] = [
    (
        "de: a reopening after a renovation",
        _row(
            "hotel",
            "Direktorin",
            "Hotel Seeblick Konstanz",
            "Konstanz, Germany",
            signals=["Wiedereröffnung im April nach Renovierung aller Zimmer"],
        ),
        "You're reopening in April after renovating every room.",
        "the April reopening",
        3,
        ("Wiedereröffnung", "Renovierung", "aller", "Zimmer", "nach", "im"),
    ),
    (
        "de: a job ad keeps the role, with an article, without its (m/w/d)",
        _row(
            "hotel",
            "Geschäftsführer",
            "Alpenhof Garmisch",
            "Garmisch-Partenkirchen, Germany",
            signals=["Sucht Revenue Manager (m/w/d)"],
        ),
        "I saw that Alpenhof Garmisch is hiring a revenue manager.",
        "hiring a revenue manager",
        3,
        ("Sucht", "m/w/d"),
    ),
    (
        "de: a new office in a city with an English name",
        _row(
            "saas",
            "Geschäftsführer",
            "Datenwerk Analytics",
            "Hamburg, Germany",
            signals=["Eröffnet neues Büro in München"],
        ),
        "You're opening a new office in Munich.",
        "the new office in Munich",
        1,
        ("Eröffnet", "neues", "Büro", "München"),
    ),
    (
        "de: a count of sites in a region",
        _row(
            "restaurant",
            "Inhaber",
            "Brauhaus Gruppe Weber",
            "Regensburg, Germany",
            signals=["Acht Restaurants in Bayern"],
        ),
        "You run eight restaurants in Bavaria.",
        "your eight restaurants",
        3,
        ("Acht", "Bayern"),
    ),
    (
        "nl: an office opened",
        _row("saas", "CEO", "Planlab", "Amsterdam, Netherlands", signals=["Nieuw kantoor in Eindhoven geopend"]),
        "Congrats on opening the Eindhoven office.",
        "the Eindhoven office",
        3,
        ("Nieuw", "kantoor", "geopend"),
    ),
    (
        "nl: an expansion into a country, a separable verb",
        _row(
            "saas",
            "Oprichter",
            "Roosterly",
            "Rotterdam, Netherlands",
            notes="Breidt in 2027 uit naar Duitsland; nog geen salesteam",
        ),
        "You're expanding into Germany in 2027.",
        "the Germany expansion",
        3,
        ("Breidt", "uit", "naar", "Duitsland", "nog", "geen", "salesteam"),
    ),
    (
        "nl: a second practice",
        _row(
            "healthcare_clinic",
            "Praktijkmanager",
            "Tandartsen Spaarne",
            "Haarlem, Netherlands",
            signals=["Opent tweede praktijk in Leiden"],
        ),
        "You're opening a second practice in Leiden.",
        "the second practice in Leiden",
        3,
        ("Opent", "tweede", "praktijk"),
    ),
    (
        "nl: a gap the offer fills",
        _row("saas", "Oprichter", "Factuurly", "Utrecht, Netherlands", notes="Nog geen salesteam"),
        "With no sales team at Factuurly yet, sales work usually lands on your desk along with everything else.",
        "without a sales team",
        3,
        ("Nog", "geen", "salesteam"),
    ),
    (
        "es: a count of clinics in a region",
        _row(
            "healthcare_clinic",
            "Directora de Operaciones",
            "Clínicas Sonrisa",
            "Sevilla, Spain",
            signals=["Nueve clínicas en Andalucía"],
        ),
        "You run nine clinics in Andalusia.",
        "your nine clinics",
        3,
        ("Nueve", "Andalucía", "en"),
    ),
    (
        "es: a second hotel with a year",
        _row(
            "hotel",
            "Director General",
            "Hoteles Turia",
            "Valencia, Spain",
            signals=["Apertura de un segundo hotel en Valencia en 2027"],
        ),
        "You're opening a second hotel in Valencia in 2027.",
        "the second hotel in Valencia",
        3,
        ("Apertura", "segundo", "un"),
    ),
    (
        "es: an app launch with a month",
        _row(
            "restaurant",
            "Director de Marketing",
            "Grupo Tapería",
            "Madrid, Spain",
            signals=["Lanzamiento de una app en septiembre"],
        ),
        "You're launching an app in September.",
        "the app launch",
        3,
        ("Lanzamiento", "una", "septiembre"),
    ),
    (
        "fr: a second hotel with a year",
        _row(
            "hotel",
            "Directrice Générale",
            "Hôtels de la Garonne",
            "Bordeaux, France",
            signals=["Ouverture d'un deuxième hôtel à Toulouse en 2028"],
        ),
        "You're opening a second hotel in Toulouse in 2028.",
        "the second hotel in Toulouse",
        2,
        ("Ouverture", "deuxième", "hôtel"),
    ),
    (
        "fr: a loyalty program launch",
        _row(
            "restaurant",
            "Directeur Marketing",
            "Maison Brasserie",
            "Lille, France",
            signals=["Lancement d'un programme de fidélité en mars"],
        ),
        "You're launching a loyalty program in March.",
        "the loyalty program launch",
        3,
        ("Lancement", "programme", "fidélité", "mars"),
    ),
    (
        "fr: a new hotel tower with its size and a season",
        _row(
            "casino",
            "Directeur Général",
            "Casino des Alpilles",
            "Avignon, France",
            signals=["Ouverture d'une nouvelle tour hôtelière de 240 chambres à l'automne"],
        ),
        "You're opening a new 240-room hotel tower in the fall.",
        "the new 240-room hotel tower",
        3,
        ("Ouverture", "nouvelle", "tour", "hôtelière", "chambres", "automne"),
    ),
    (
        "fr: a named loyalty program relaunched (with its so-what), a job ad beside it",
        _row(
            "casino",
            "Directrice Marketing",
            "Casino Mistral",
            "Marseille, France",
            signals=[
                "Relance du programme de fidélité « Club Azur » prévue en octobre",
                "Recrute un analyste data",
            ],
        ),
        "You're relaunching your Club Azur loyalty program in October. A change to the club gives lapsed players",
        "the Club Azur relaunch",
        3,
        ("Relance", "programme", "fidélité", "prévue", "octobre", "Recrute", "analyste"),
    ),
    (
        "fr: a job ad whose title's head comes first",
        _row(
            "casino",
            "Directrice Marketing",
            "Casino Mistral",
            "Marseille, France",
            signals=["Recrute un analyste data"],
        ),
        "I saw that Casino Mistral is hiring a data analyst.",
        "hiring a data analyst",
        3,
        ("Recrute", "analyste"),
    ),
    (
        "fr: a merger that closed, the partner's name kept with its particle",
        _row(
            "financial_services",
            "Directeur Général",
            "Caisse Populaire Rivière-Verte",
            "Moncton, Canada",
            signals=["Fusion avec la Banque du Lac finalisée en juin"],
        ),
        "Congrats on closing your merger with Banque du Lac in June.",
        "the Banque du Lac merger",
        3,
        ("Fusion", "avec", "finalisée", "juin"),
    ),
    (
        "fr: a move to a platform",
        _row(
            "ecommerce",
            "Directrice E-commerce",
            "Maison Lunel",
            "Lyon, France",
            signals=["Passage à Salesforce en avril"],
        ),
        "You're moving to Salesforce in April.",
        "the move to Salesforce",
        3,
        ("Passage", "avril"),
    ),
    (
        "fr: inactive members, a number with a space before its thousands",
        _row(
            "casino",
            "Directeur Marketing",
            "Casino du Lac Bleu",
            "Annecy, France",
            notes="Environ 25 000 membres du club inactifs depuis plus de 18 mois.",
        ),
        "About 25,000 of your club members have been inactive for more than 18 months.",
        "your 25,000 inactive club members",
        3,
        ("Environ", "membres", "inactifs", "depuis", "mois"),
    ),
    (
        "fr: a sales team's size and the role it lacks",
        _row(
            "saas",
            "CEO",
            "Tablio",
            "Nantes, France",
            notes="Équipe de 3 commerciaux, pas de BDR; les AE font leur propre prospection.",
        ),
        "Your team is three sales reps, with no BDRs.",
        "three reps, no BDRs",
        3,
        ("Équipe", "commerciaux", "pas", "font", "leur", "propre", "prospection"),
    ),
    (
        "de: a channel brings in most bookings, and a new wing opens",
        _row(
            "hotel",
            "Direktor",
            "Hotel Bergkristall",
            "Oberstdorf, Germany",
            signals=["Neuer Wellness-Flügel eröffnet im März"],
            notes="Expedia liefert den Großteil der Buchungen.",
        ),
        "Expedia brings in most of your bookings.",
        "bookings via Expedia",
        1,
        ("Flügel", "Wellness-Flügel", "eröffnet", "März", "liefert", "Großteil", "Buchungen"),
    ),
    (
        "de: a new plant starts production",
        _row(
            "manufacturing",
            "Werkleiter",
            "Kessler Antriebe",
            "Ulm, Germany",
            signals=["Neues Werk in Polen nimmt Produktion auf"],
        ),
        "Your new plant in Poland is starting production.",
        "the new plant in Poland",
        3,
        ("Werk", "Polen", "nimmt", "Produktion"),
    ),
    (
        "de: a new line in operation from a quarter",
        _row(
            "manufacturing",
            "Leiter Instandhaltung",
            "Hartmann Kunststofftechnik",
            "Lüdenscheid, Germany",
            signals=["Neue Montagelinie in Betrieb ab Q3 2027"],
        ),
        "You're commissioning a new assembly line in Q3 2027.",
        "the new assembly line",
        3,
        ("Montagelinie", "Betrieb", "ab"),
    ),
    (
        "de: a system rollout under way",
        _row("manufacturing", "Werkleiter", "Vogt Präzision", "Aalen, Germany", notes="ERP-Einführung läuft."),
        "Your ERP rollout is under way.",
        "the ERP rollout",
        3,
        ("Einführung", "läuft"),
    ),
    (
        "es: a labelled line start-up",
        _row(
            "manufacturing",
            "Gerente de Planta",
            "Metalúrgica Bajío",
            "Querétaro, Mexico",
            notes="Reshoring: nueva línea de montaje arranca en Q4",
        ),
        "You're commissioning a new assembly line in Q4.",
        "the new assembly line",
        3,
        ("línea", "montaje", "arranca", "nueva"),
    ),
    (
        "es: a figure of theirs against what their customer requires",
        _row(
            "manufacturing",
            "Gerente de Planta",
            "Troqueles del Norte",
            "Saltillo, Mexico",
            notes="OEE en líneas de 63%; el cliente automotriz exige 78% (auditoría IATF en noviembre)",
        ),
        "Your OEE on the lines is 63%, and your automotive customer requires 78%, with an IATF audit in November.",
        "OEE at 63%",
        3,
        ("líneas", "cliente", "automotriz", "exige", "auditoría", "noviembre"),
    ),
    (
        "nl: an online store launched in two countries this season",
        _row(
            "ecommerce",
            "Oprichter",
            "Fietsmerk Noord",
            "Groningen, Netherlands",
            signals=["Lanceert webshop in Frankrijk en Spanje dit najaar"],
        ),
        "You're launching an online store in France and Spain this fall.",
        "the online store launch",
        3,
        ("Lanceert", "webshop", "Frankrijk", "Spanje", "najaar", "dit"),
    ),
    (
        "fr: a job ad without its (H/F)",
        _row(
            "saas", "Directeur Commercial", "Quillo", "Paris, France", signals=["Recrute un Sales Manager (H/F)"]
        ),
        "I saw that Quillo is hiring a sales manager.",
        "hiring a sales manager",
        3,
        ("Recrute", "H/F"),
    ),
]


def _leaks(text: str, words: tuple[str, ...]) -> list[str]:
    return [w for w in words if re.search(rf"(?<![\w/]){re.escape(w)}(?![\w/])", text, re.IGNORECASE)]


@pytest.mark.parametrize(
    ("case", "row", "opening", "subject", "tier", "foreign"), CASES, ids=[c[0] for c in CASES]
)
def test_a_foreign_fact_opens_step_one_in_english(
    case: str, row: dict[str, Any], opening: str, subject: str, tier: int, foreign: tuple[str, ...]
) -> None:
    got_tier, seq, note = _write(row)
    step = seq.steps[0]
    first_paragraph = step.body.split("\n\n")[1]
    assert first_paragraph.startswith(opening), first_paragraph
    assert step.subject_variants[0] == subject
    assert got_tier == tier  # the scorer's tier, as before the foreign reading
    assert not [i for i in step.quality.issues if i.severity == "hard"], step.quality.issues
    assert any(i.code == "language" for i in step.quality.issues)  # still: confirm they read English
    for message in [*(f"{s.subject_variants} {s.body}" for s in seq.steps), note.body]:
        assert not _leaks(message, foreign), (case, _leaks(message, foreign), message)


def test_the_facts_layer_reads_the_shape_into_its_fields() -> None:
    row = _row(
        "hotel",
        "Direktorin",
        "Hotel Seeblick Konstanz",
        "Konstanz, Germany",
        signals=["Wiedereröffnung im April nach Renovierung aller Zimmer", "Keine Expansion geplant"],
        notes="Doce hoteles en Cataluña",
    )
    profile = industry_agents.get_builtin("hotel")
    assert profile is not None
    facts = extract_facts(profile, prospect_of(row))
    reopen, renovate, expand = facts.foreign_events
    assert (reopen.lemma, reopen.object, reopen.date_text, reopen.negated) == ("reopen", "", "im April", False)
    assert (renovate.lemma, renovate.object, renovate.lead_in) == ("renovate", "aller Zimmer", "nach")
    assert (expand.lemma, expand.negated) == ("expand", True)
    (count,) = facts.foreign_quantities
    assert (count.value, count.unit, count.what) == (12.0, "count", "hoteles")
    # the score reads only the English-read fields: this reading does not move a tier
    assert facts.foreign_events and not any(e.lemma == "reopen" for e in facts.events)
    again = type(facts).from_dict(facts.to_dict())
    assert again.foreign_events == facts.foreign_events


def test_a_foreign_fact_that_cannot_be_read_stays_out_and_the_email_stays_as_before() -> None:
    # "switching to a new till system is planned": no verb or noun the glossary knows
    unread = _row(
        "restaurant",
        "Inhaber",
        "Gasthof Lindner",
        "Passau, Germany",
        signals=["Umstellung auf ein neues Kassensystem geplant"],
    )
    tier, seq, _ = _write(unread)
    body = seq.steps[0].body
    assert tier == 3
    assert not _leaks(body, ("Umstellung", "Kassensystem", "geplant", "neues"))
    assert body.split("\n\n")[1].startswith("Most restaurant groups I talk to")  # the general observation
    assert any(i.code == "needs_research" for i in seq.steps[0].quality.issues)
    # a place that is no known name in a German fact ("an office in the south business park") is not pasted
    place = _row(
        "saas",
        "Geschäftsführer",
        "Logiwerk",
        "Bremen, Germany",
        signals=["Eröffnet neues Büro im Gewerbegebiet Süd"],
    )
    _, seq, _ = _write(place)
    assert not _leaks(seq.steps[0].body, ("Gewerbegebiet", "Süd", "Büro", "Eröffnet"))


def test_a_negated_foreign_fact_is_never_claimed() -> None:
    row = _row("hotel", "Direktor", "Hotel am Ring", "Wien, Austria", signals=["Keine Expansion geplant"])
    tier, seq, _ = _write(row)
    body = seq.steps[0].body
    assert tier == 2
    # never claimed; said back only as what it is, a denial ("With no expansion planned, ..." is the angle for an
    # offer that works the guests already on file)
    assert not re.search(r"(?<!\bno )expan", body.lower()), body
    assert not _leaks(body, ("Keine", "geplant"))  # "Expansion" is also the English word: checked above


SHAPES = [
    ("Renovierung aller Zimmer bis Juni", "You're renovating every room by June."),
    ("Expansion nach Österreich 2027", "You're expanding into Austria in 2027."),
    ("Eröffnung der dritten Filiale in Wien", "You're opening a third branch in Vienna."),
    ("Sucht 2 Instandhaltungstechniker (m/w/d)", "I saw that Acme is hiring two maintenance technicians."),
    (
        "Kein eigenes Marketingteam",
        "With no in-house marketing team at Acme, marketing work usually lands on your desk",
    ),
    ("Heropening in juni na renovatie", "You're reopening in June after a renovation."),
    ("Acht vestigingen in Nederland", "You run eight locations in the Netherlands."),
    ("Zoekt Sales Manager (m/v/x)", "I saw that Acme is hiring a sales manager."),
    ("Lancement d'une application mobile en juin", "You're launching a mobile app in June."),
    ("Recrute 3 commerciaux (H/F)", "I saw that Acme is hiring three sales reps."),
    ("Pas encore d'équipe commerciale", "With no sales team at Acme yet, sales work usually lands on your desk"),
    ("Nouvelle clinique ouverte à Nantes", "Congrats on opening the Nantes clinic."),
    ("Expansión a Portugal en 2027", "You're expanding into Portugal in 2027."),
    ("Busca Director Comercial", "I saw that Acme is hiring a sales director."),
    ("Sucht Guest Relations Manager (m/w/d)", "I saw that Acme is hiring a guest relations manager."),
    ("Recrute des commerciaux (H/F)", "I saw that Acme is hiring sales reps."),
    (
        "Reapertura en junio tras la renovación de todas las habitaciones",
        "You're reopening in June after renovating",
    ),
    ("Refonte du site web", "You're revamping your website."),
    ("Überarbeitung der Website", "You're revamping your website."),
    ("Tasa de ocupación de 64%", "Your occupancy is 64%."),
    ("Recrute des analystes data (H/F)", "I saw that Acme is hiring data analysts."),
    ("Mit der Sparkasse Nordheide fusioniert", "Congrats on closing your merger with Sparkasse Nordheide."),
    ("SAP S/4HANA eingeführt", "Congrats on rolling out SAP S/4HANA."),
    ("Ouverture d'une nouvelle usine à Lille au T2 2027", "You're opening a new plant in Lille in Q2 2027."),
    ("Busca dos ingenieros de mantenimiento", "I saw that Acme is hiring two maintenance engineers."),
    (
        "Opening van een nieuw hotel met 80 kamers in Utrecht dit najaar",
        "You're opening a new 80-room hotel in Utrecht this fall.",
    ),
    (
        "Lancement d'une nouvelle application mobile au printemps prochain",
        "You're launching a new mobile app next spring.",
    ),
    ("Implementatie van een nieuw ERP-systeem loopt", "You're rolling out a new ERP system."),
    ("Einführung von SAP S/4HANA bis Ende 2027", "You're rolling out SAP S/4HANA by the end of 2027."),
    ("Busca analista de datos", "I saw that Acme is hiring a data analyst."),
    (
        "Unos 15 000 socios inactivos desde hace más de 12 meses",
        "About 15,000 of your members have been inactive for more than 12 months.",
    ),
    ("Vertriebsteam mit 4 Mitarbeitern, kein SDR", "Your sales team is four people, with no SDRs."),
    ("Hotels.com apporte la majorité des réservations", "Hotels.com brings in most of your bookings."),
    ("Relaunch des Treueprogramms im Mai", "You're relaunching your loyalty program in May."),
    (
        "Lancement d'un compte d'épargne 100 % numérique en juin",
        "You're launching a 100% digital savings account in June.",
    ),
    (
        "Fusion mit der Volksbank Mittelland abgeschlossen",
        "Congrats on closing your merger with Volksbank Mittelland.",
    ),
    (
        "Fusión con Caja Rural del Sur prevista en marzo",
        "Your merger with Caja Rural del Sur is set to close in March.",
    ),
    ("Umstieg auf HubSpot im Januar", "You're moving to HubSpot in January."),
    ("Migración a Shopify en mayo", "You're moving to Shopify in May."),
    ("Déploiement du CRM en cours", "Your CRM rollout is under way."),
    ("Neue Produktionslinie in Betrieb genommen", "Congrats on commissioning the new production line."),
    (
        "Neue Spritzgusslinie in Betrieb ab Q1 2028",
        "You're commissioning a new injection molding line in Q1 2028.",
    ),
    ("Airbnb liefert 45 % der Buchungen", "Airbnb brings in 45% of your bookings."),
    ("los vendedores hacen su propia prospección", "Your sales reps do their own prospecting."),
    ("Ongeveer 12 000 leden inactief sinds meer dan 6 maanden", "About 12,000 of your members have been inactive"),
    (
        "Opent nieuwe vestiging in Gent en Antwerpen volgend jaar",
        "You're opening a new location in Ghent and Antwerp next year.",
    ),
]
UNSAID = [
    "Keine neuen Standorte geplant",  # negated
    "Pas d'ouverture prévue en 2026",  # negated
    "Neue Produktionslinie wird gebaut",  # a verb the glossary does not know
    "Eröffnet neues Büro im Gewerbegebiet Süd",  # a German capitalised noun is no place name
    "Opening a new casino in Las Vegas",  # English: read by the English reader, not here
    "Sin planes de abrir nuevas tiendas en 2028",  # a denial: never claimed as growth
    "Keine Fusion mit der Volksbank Mittelland geplant",  # negated
    "Fusion mit einem Wettbewerber abgeschlossen",  # a German noun after "mit" is no name
    "Umstieg auf neue Software",  # no name to move to
    "Projekt Nordlicht: neue Linie in Betrieb ab Q2",  # a label that is no known word
    "Refonte du parcours client",  # "parcours" is not a glossary word
]


@pytest.mark.parametrize(("text", "sentence"), SHAPES, ids=[s[0] for s in SHAPES])
def test_common_shapes_of_the_four_languages_are_said_in_english(text: str, sentence: str) -> None:
    said = restatements(
        [("signals", text)], [text], None, company="Acme", offer="outbound SDR meetings and marketing campaigns"
    )
    assert said[text].restated.sentence.startswith(sentence)
    assert 2 <= len(said[text].restated.subject.split()) <= 5


@pytest.mark.parametrize("text", UNSAID)
def test_what_cannot_be_said_wholly_in_english_is_not_said(text: str) -> None:
    assert restatements([("signals", text)], [text], None, company="Acme", offer="outbound SDR meetings") == {}


@pytest.mark.parametrize(
    "text",
    [
        "Reopening in April after a full room renovation",
        "Six family medicine clinics serving a bilingual community",
        "Opened a 90-seat steakhouse in March",
        "Three lateral partners joined from Am Law 50 firms in Q1",
        "Opening a new casino in Las Vegas",
        "Commercial real estate fund with a hotel in Den Haag",
        "Relaunch of the website in May",
        "Migration to Salesforce in Q3",
        "Bought a refrigerated van for catering in May",
        "OEE at 61% on the press line; conversion rate flat",
        "Met at MGMA; CE-certified presses",
    ],
)
def test_an_english_fact_is_never_taken_for_a_foreign_one(text: str) -> None:
    # English words the glossary shares ("renovation", "six", "Am Law", "Las Vegas") say no other language, so the
    # English reader keeps every English record as it was
    assert not is_foreign(text)
    assert read_foreign([text], None).events == ()


def test_a_foreign_job_ad_for_a_role_of_unknown_words_is_not_said_at_all() -> None:
    # "looking for a banquet manager" with the German word: before, "... is hiring bankett manager."
    row = _row(
        "hotel",
        "Direktor",
        "Hotel Seeblick Konstanz",
        "Konstanz, Germany",
        signals=["Sucht Bankett Manager (m/w/d)"],
    )
    _, seq, note = _write(row)
    for message in [*(s.body for s in seq.steps), note.body]:
        assert not _leaks(message, ("Bankett", "Sucht", "m/w/d"))
    assert "hiring" not in seq.steps[0].body.split("\n\n")[1]


def test_a_date_said_last_belongs_to_the_main_event() -> None:
    """ "Wiedereröffnung nach Komplettsanierung im Juni 2027": the reopening is in June 2027, after a (full)
    renovation; the question is asked before it."""
    from tests.test_copy_golden import _step_one

    subject, body = _step_one(
        "hotel",
        title="Leiterin Vertrieb",
        company="Seehotel Birkenhof",
        employee_count=120,
        location="Tegernsee, Bayern, Germany",
        signals=["Wiedereröffnung nach Komplettsanierung im Juni 2027"],
    )
    first = body.split("\n\n")[1]
    assert first.startswith("You're reopening in June 2027 after a renovation."), first
    assert "June" in subject and "reopening" in subject, subject
    assert "before the June" in body.split("\n\n")[-2], body


def test_a_foreign_denial_of_growth_is_never_claimed_as_growth() -> None:
    row = _row(
        "restaurant",
        "Director General",
        "Grupo Fogón",
        "Monterrey, Mexico",
        notes="Sin planes de abrir nuevas tiendas en 2028",
    )
    _, seq, note = _write(row)
    for message in [*(s.body for s in seq.steps), note.body]:
        assert not re.search(r"you're opening|congrats|new stores? in 2028", message, re.IGNORECASE), message
        assert not _leaks(message, ("Sin", "planes", "abrir", "nuevas", "tiendas"))


def test_nominal_events_and_figures_are_read_into_the_facts_layer_beside_the_score() -> None:
    row = _row(
        "manufacturing",
        "Gerente de Planta",
        "Troqueles del Norte",
        "Saltillo, Mexico",
        signals=["Fusion avec la Banque du Lac finalisée en juin", "MES-Einführung läuft"],
        notes="OEE en líneas de 63%; el cliente automotriz exige 78% (auditoría IATF en noviembre)",
    )
    profile = industry_agents.get_builtin("manufacturing")
    assert profile is not None
    facts = extract_facts(profile, prospect_of(row))
    merge, rollout = facts.foreign_events
    assert (merge.lemma, merge.object, merge.date_text, merge.tense) == (
        "merge",
        "avec la Banque du Lac",
        "en juin",
        "past",
    )
    assert (rollout.lemma, rollout.object, rollout.tense) == ("roll out", "MES", "ongoing")
    figure, required = facts.foreign_quantities
    assert (figure.value, figure.unit, figure.what, figure.reference) == (63.0, "percent", "OEE", "")
    assert (required.value, required.reference, required.measure) == (
        78.0,
        "requires",
        "auditoría IATF en noviembre",
    )
    # the score reads only the English-read fields
    assert not any(e.lemma in ("merge", "roll out") for e in facts.events)
