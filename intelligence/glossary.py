"""The words of German, French, Spanish and Dutch records the service can say in English.

Clay rows for European prospects carry signals and notes in the prospect's own language ("Nieuw kantoor in
Utrecht geopend", "Doce clínicas en Andalucía"). `intelligence.foreign` reads their shape into the facts
layer's fields (an event's lemma, object and date; a count and what it counts; a gap the offer fills), and
`copywriter.foreign` says them in English from those fields and this glossary. Nothing else is translated:
a fact with a word that is not here stays out of the copy, so no foreign fragment is ever pasted.

What this module owns, all keyed by `fold` (lower case, no accents, "ß" as "ss"):
- `VERBS`: event verbs and event nouns -> (lemma, form): "eröffnet" -> ("open", "finite"), "geopend" ->
  ("open", "past"), "Wiedereröffnung" -> ("reopen", "noun"), "sucht" -> ("hire", "present").
- `NOUNS`: record nouns (sites, businesses, teams, projects, products) -> (English, plural?), one- or
  several-word keys ("programme de fidélité").
- `ADJECTIVES` ("neues" -> "new"), `ORDINALS` ("deuxième" -> "second"), `NUMBERS` ("doce" -> 12),
  `ARTICLES` (dropped: English articles come from the realiser), `EVERY` ("aller", "toutes" -> every room).
- function words the reader needs: `PLACE_PREPOSITIONS`, `TOWARD` ("naar Frankrijk" -> "into France"),
  `AFTER`, `DATE_PREPOSITIONS`, `BY` ("bis Juni" -> "by June"), `NEGATIONS`, `YET`, `OWN`.
- `WRITTEN`: every form of those tables as written, accents kept, by which a text is told foreign
  ("rénovation", not "renovation"); names and job titles are not in it.
- `SEASONS`; month and country names come from the CLDR data of `babel` (`month`, `place`), with a
  short list of regions and cities whose English name differs (`PLACES`).
- `PHRASE_VERBS` (events said in several words: "nimmt Produktion auf", "in Betrieb ab"), `STATUS` (the
  tense a nominal event is said in: "prévue", "finalisée", "läuft", "en cours"), and the words of the
  nominal shapes: `WITH` (a merger's partner), `TO` (a platform moved to), `SIZE_UNITS` ("de 240 chambres"
  -> 240-room), `THIS`/`NEXT`/`YEAR_WORDS`/`END` (dates), `AND` (two places), `APPROX`, `MORE_THAN`, `SINCE`,
  `TIME_UNITS` (people inactive for a time), `SUPPLIES`/`MOST` (a channel brings in most bookings),
  `MEASURES`/`REQUIRES`/`AUDIT` (a figure of theirs and what a customer requires), `TEAMS`/`PEOPLE` (a
  team's size), `DO`/`PROSPECTING`, `LABELS` (a label dropped before an event), `COMPOUND_MODIFIERS`
  ("Wellness-Flügel"), `BRANDS` and `LEGAL_FORMS` (names a German fact may carry).
- `ROLE_WORDS` (an English job title kept as written: "Revenue Manager"), `ROLES` (a foreign title said in
  English: "Directeur commercial" -> "sales director"), `ROLE_HEADS`/`ROLE_MODIFIERS` (a French or Spanish
  title whose head comes first: "analista de datos" -> data analyst), and the one table of German
  job-title and plant compounds (`ROLE_PARTS` x `ROLE_TAILS`, `ROLE_TAIL_PLURALS`, `THING_TAILS`,
  `german_compound`: "Instandhaltungstechniker" -> "maintenance technician", "Fertigungslinie" ->
  "production line"), which `copywriter.restate` uses too; `JOB_TAG` matches the gender tags of a job ad
  ("(m/w/d)", "(h/f)", "(m/v/x)"), which are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

LANGUAGES = ("de", "fr", "es", "nl")


def fold(word: str) -> str:
    """`word` as the glossary keys it: lower case, accents removed, "ß" as "ss", curly apostrophes straight."""
    low = word.lower().replace("ß", "ss").replace("’", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))


# Every word form of the function-word, verb, noun and number tables as written (lower case, accents kept):
# `intelligence.foreign.is_foreign` tells a foreign text by them ("rénovation" is French, "renovation" English).
WRITTEN: set[str] = set()


def _key(form: str) -> str:
    WRITTEN.add(form.lower().replace("’", "'"))
    return fold(form)


def words(text: str, *, written: bool = True) -> frozenset[str]:
    """The folded words of a space-separated list; `written=False` for words English shares ("commission", "solo",
    "week"), which must not make an English text read as foreign (`WRITTEN`)."""
    return frozenset((_key(w) if written else fold(w)) for w in text.split())


def _forms(table: dict[str, str], *, written: bool = True) -> dict[str, str]:
    """`table` (English -> its forms) inverted; `written=False` for names and titles, which say no language."""
    return {
        (_key(form) if written else fold(form)): value for value, forms in table.items() for form in forms.split()
    }


# --- verbs and event nouns: lemma and form ------------------------------------------------------------------
# form: "past" (a participle: "geopend", "ouvert"), "present" ("opent", "ouvre"), "finite" (German "eröffnet" is
# both: the word order decides), "noun" ("Eröffnung", "ouverture").
_VERB_FORMS: dict[tuple[str, str], str] = {
    ("open", "past"): "geopend ouvert ouverte inauguré inaugurée abierto abierta abrió inauguró",
    ("open", "present"): "opent ouvre inaugure abre inaugura",
    ("open", "finite"): "eröffnet",
    ("open", "noun"): "eröffnung neueröffnung opening ouverture inauguration apertura inauguración",
    ("reopen", "past"): "heropend rouvert rouverte reabierto reabierta reabrió",
    ("reopen", "present"): "heropent rouvre reabre",
    ("reopen", "finite"): "wiedereröffnet",
    ("reopen", "noun"): "wiedereröffnung heropening réouverture reapertura",
    ("renovate", "past"): "gerenoveerd rénové rénovée rénovés rénovées renovado renovada renovados renovadas",
    ("renovate", "present"): "renoveert rénove renueva reforma",
    ("renovate", "finite"): "renoviert saniert",
    (
        "renovate",
        "noun",
    ): "renovierung sanierung modernisierung renovatie rénovation renovación komplettrenovierung "
    "komplettsanierung generalsanierung",
    ("expand", "present"): "expandiert breidt expandeert expande",
    ("expand", "noun"): "expansion uitbreiding expansión",
    ("launch", "past"): "gelanceerd lancé lancée lanzó gestartet lanzado lanzada",
    ("launch", "present"): "lanceert lance lanza",
    ("launch", "finite"): "startet lanciert",
    ("launch", "noun"): "launch markteinführung lancering lancement lanzamiento",
    ("hire", "present"): "sucht zoekt recrute busca contrata",
    ("hire", "noun"): "vacature stellenanzeige stellenangebot",
    ("merge", "past"): "fusioniert fusionné fusionnée fusionó gefuseerd",
    ("roll out", "past"): "eingeführt déployé déployée implantado implementado geïmplementeerd ingevoerd",
    ("open", "infinitive"): "eröffnen openen ouvrir abrir",
    ("launch", "infinitive"): "lancieren lanceren lancer lanzar",
    # reworking or relaunching what the company already has ("Refonte du site web")
    ("rework", "noun"): "refonte überarbeitung neugestaltung rediseño herziening",
    ("relaunch", "noun"): "relance relaunch relanzamiento herlancering",
    ("merge", "noun"): "fusion fusión fusie",
    # moving to a tool ("Passage à Salesforce", "Umstieg auf SAP S/4HANA", "Migración a Shopify")
    ("switch", "noun"): "passage umstieg wechsel migration migración migratie overstap bascule",
    # rolling out a system ("ERP-Einführung läuft", "Déploiement du CRM en cours")
    ("roll out", "noun"): "einführung déploiement implantación implementación implementatie invoering uitrol",
    # a line or plant starting up ("nueva línea de montaje arranca en Q4")
    ("start", "present"): "arranca arrancan démarre démarrent",
    ("start", "past"): "arrancó démarré démarrée",
    ("start", "noun"): "arranque démarrage",
    ("produce", "noun"): "produktionsstart productiestart",
}
VERBS: dict[str, tuple[str, str]] = {
    _key(form): key for key, forms in _VERB_FORMS.items() for form in forms.split()
}
# A separable Dutch verb ends on its particle: "Breidt in 2027 uit naar Frankrijk".
PARTICLES = frozenset({"uit"})
# events said in several words, folded ("Neues Werk in Polen nimmt Produktion auf", "Neue Linie in Betrieb ab Q3")
PHRASE_VERBS: dict[tuple[str, ...], tuple[str, str]] = {
    tuple(fold(w) for w in phrase.split()): key
    for phrase, key in {
        "nimmt Produktion auf": ("produce", "present"),
        "nimmt die Produktion auf": ("produce", "present"),
        "nimmt den Betrieb auf": ("start", "present"),
        "nimmt Betrieb auf": ("start", "present"),
        "geht in Betrieb": ("start", "present"),
        "in Betrieb genommen": ("start", "past"),
        "in Betrieb": ("start", "present"),
        "démarre la production": ("produce", "present"),
        "démarre sa production": ("produce", "present"),
        "inicia producción": ("produce", "present"),
        "inicia la producción": ("produce", "present"),
        "arranca producción": ("produce", "present"),
        "start productie": ("produce", "present"),
        "gaat in productie": ("produce", "present"),
        "in gebruik genomen": ("start", "past"),
    }.items()
}
# their words that say the language ("production", "start" are English too)
words("nimmt Produktion Betrieb genommen démarre producción productie gebruik inicia")
# the status a nominal event is said in ("prévue en octobre", "finalisée en juin", "ERP-Einführung läuft")
STATUS = _forms(
    {
        "planned": "prévu prévue prévus prévues geplant gepland prevista previsto previstas previstos "
        "programada programado",
        "past": "conclue conclu conclus conclues abgeschlossen vollzogen cerrada cerrado completada completado "
        "afgerond voltooid finalisée finalisé",
        "ongoing": "läuft laufend loopt cours curso",
    }
)

# --- record nouns: (English, plural?) ---------------------------------------------------------------------
_NOUN_FORMS: dict[tuple[str, bool], str] = {
    ("office", False): "büro kantoor bureau oficina",
    ("office", True): "büros kantoren bureaux oficinas",
    ("location", False): "standort vestiging locatie ubicación",
    ("location", True): "standorte vestigingen locaties ubicaciones locales",
    ("site", False): "site sede",
    ("site", True): "sites sedes",
    ("branch", False): "filiale niederlassung filiaal agence succursale sucursal",
    ("branch", True): "filialen niederlassungen agences succursales sucursales",
    ("clinic", False): "klinik kliniek clinique clínica",
    ("clinic", True): "kliniken klinieken cliniques clínicas",
    ("practice", False): "praxis praktijk cabinet consulta",
    ("practice", True): "praxen praktijken cabinets consultas",
    ("hotel", False): "hotel hôtel",
    ("hotel", True): "hotels hôtels hoteles",
    ("restaurant", False): "restaurant restaurante",
    ("restaurant", True): "restaurants restaurantes",
    ("store", False): "geschäft laden winkel magasin boutique tienda",
    ("store", True): "geschäfte läden winkels magasins boutiques tiendas",
    ("online store", False): "onlineshop webshop webwinkel",
    ("plant", False): "werk fabriek usine planta fábrica",
    ("plant", True): "werke fabrieken usines plantas fábricas",
    ("production line", False): "produktionslinie fertigungslinie productielijn",
    ("line", False): "linie lijn ligne línea",
    ("line", True): "linien lijnen lignes líneas",
    ("team", False): "team équipe equipo",
    ("sales team", False): "vertriebsteam salesteam verkoopteam outbound-team outboundteam",
    ("marketing team", False): "marketingteam marketingabteilung",
    ("room", True): "zimmer zimmern kamers chambres habitaciones",
    ("renovation", False): "renovierung renovatie rénovation renovación",
    ("full renovation", False): "komplettrenovierung komplettsanierung generalsanierung",
    ("expansion", False): "expansion uitbreiding expansión",
    ("reopening", False): "wiedereröffnung heropening réouverture reapertura",
    ("opening", False): "eröffnung opening ouverture apertura",
    ("launch", False): "launch lancering lancement lanzamiento",
    ("app", False): "app application aplicación applicatie",
    ("loyalty program", False): "treueprogramm kundenbindungsprogramm bonusprogramm loyaliteitsprogramma "
    "spaarprogramma treueprogramms kundenbindungsprogramms bonusprogramms",
    ("tower", False): "torre turm toren",
    ("hotel tower", False): "hotelturm hoteltoren",
    ("wing", False): "flügel aile vleugel",
    ("spa", False): "spa spabereich spa-bereich wellnessbereich spabereichs spa-bereichs wellnessbereichs",
    ("website", False): "website webseite sitio",
    ("system", False): "system système sistema systeem",
    ("account", False): "konto compte cuenta rekening",
    ("savings account", False): "sparkonto spaarrekening",
    ("assembly line", False): "montagelinie assemblagelijn",
    ("member", True): "mitglieder membres miembros socios leden",
    ("customer", False): "kunde client cliente klant",
    ("customer", True): "kunden clients clientes klanten",
    ("booking", True): "buchungen réservations résas reservas boekingen prenotazioni",
    ("order", True): "bestellungen commandes pedidos bestellingen ordini encomendas",
    ("room night", True): "übernachtungen nuitées nuits noches nachten notti noites",
    ("sale", True): "ventes ventas vendite vendas omzet umsatz",
    ("press", True): "pressen presses prensas persen",
}
NOUNS: dict[str, tuple[str, bool]] = {
    _key(form): key for key, forms in _NOUN_FORMS.items() for form in forms.split()
}
# several-word nouns, matched before single words
NOUNS.update(
    {
        fold(phrase): value
        for phrase, value in {
            "programme de fidélité": ("loyalty program", False),
            "programa de fidelización": ("loyalty program", False),
            "programa de fidelidad": ("loyalty program", False),
            "équipe commerciale": ("sales team", False),
            "équipe de vente": ("sales team", False),
            "équipe marketing": ("marketing team", False),
            "equipo de ventas": ("sales team", False),
            "equipo comercial": ("sales team", False),
            "equipo de marketing": ("marketing team", False),
            "ligne de production": ("production line", False),
            "línea de producción": ("production line", False),
            "boutique en ligne": ("online store", False),
            "app de reservas": ("booking app", False),
            "banca digital móvil": ("mobile banking app", False),
            "banca móvil": ("mobile banking app", False),
            "application de réservation": ("booking app", False),
            "buchungs-app": ("booking app", False),
            "reserveringsapp": ("booking app", False),
            "tienda online": ("online store", False),
            "tour hôtelière": ("hotel tower", False),
            "torre hotelera": ("hotel tower", False),
            "programme de fidélisation": ("loyalty program", False),
            "compte d' épargne": ("savings account", False),
            "cuenta de ahorro": ("savings account", False),
            "línea de ensamble": ("assembly line", False),
            "línea de montaje": ("assembly line", False),
            "ligne d' assemblage": ("assembly line", False),
            "ligne de montage": ("assembly line", False),
            "site web": ("website", False),
            "site internet": ("website", False),
            "sitio web": ("website", False),
            "club de joueurs": ("players club", False),
            "club des joueurs": ("players club", False),
            "club de jugadores": ("players club", False),
            "spielerclub": ("players club", False),
            "membres du club": ("club member", True),
            "miembros del club": ("club member", True),
            "socios del club": ("club member", True),
            "clubmitglieder": ("club member", True),
            "clubleden": ("club member", True),
        }.items()
    }
)
LONGEST_NOUN = max(len(k.split()) for k in NOUNS)

ADJECTIVES = _forms(
    {
        "new": "neu neue neuer neues neuen nieuw nieuwe nouveau nouvel nouvelle nouveaux nouvelles nuevo nueva "
        "nuevos nuevas",
        "own": "eigen eigene eigenes eigenen propre propio propia",
        "mobile": "mobile mobiel mobiele móvil",
        "large": "groß große großes großen groot grote grand grande",
        "digital": "numérique numériques digitale digitalen digitales digitaal",
        "automotive": "automotriz automobile automóvil automobiel",
        "inactive": "inactif inactifs inactive inactives inaktiv inaktive inaktiven inactivo inactivos inactiva "
        "inactivas inactief inactieve",
    }
)
ORDINALS = _forms(
    {
        "second": "zweite zweiter zweites zweiten tweede deuxième second seconde segundo segunda",
        "third": "dritte dritter drittes dritten derde troisième tercer tercero tercera",
        "fourth": "vierte vierter viertes vierten vierde quatrième cuarto cuarta",
        "fifth": "fünfte fünfter fünftes fünften vijfde cinquième quinto quinta",
    }
)
_NUMBER_FORMS = {
    2: "zwei twee deux dos",
    3: "drei drie trois tres",
    4: "vier quatre cuatro",
    5: "fünf vijf cinq cinco",
    6: "sechs zes six seis",
    7: "sieben zeven sept siete",
    8: "acht huit ocho",
    9: "neun negen neuf nueve",
    10: "zehn tien dix diez",
    11: "elf onze once",
    12: "zwölf twaalf douze doce",
}
NUMBERS: dict[str, int] = {_key(form): n for n, forms in _NUMBER_FORMS.items() for form in forms.split()}
ENGLISH_NUMBERS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
}
# indefinite articles: "one" when they count ("ein Hotel"), "a" in English
ONE = words("ein eine einen einem einer eines een un une uno una")
ARTICLES = ONE | words("der die das den dem des het de le la les l' d' du el los las lo del al unos unas")
EVERY = words("aller alle allen sämtlicher sämtliche toutes tous todas todos")

PLACE_PREPOSITIONS = words("in im à au aux en")
TOWARD = words("nach naar vers")  # "naar Frankrijk": into France
AFTER = words("nach na après tras dopo después")
# "semaine du 12 janvier": the week of a date (folded, not written: "week" is English too)
WEEK_OF = words("semaine semana woche week settimana", written=False)
DATE_PREPOSITIONS = words("im in ab en au à per vanaf dès desde para em entro nel")
BY = words("bis tot hasta")  # "bis Juni": by June
NEGATIONS = words("kein keine keinen keiner nicht geen niet pas aucun aucune sans sin ningún ninguna no")
YET = words("noch nog encore todavía aún")
OWN = words("eigenes eigenen eigene eigen interne internes interno interna propio")
# "dit voorjaar", "dieses Jahr", "l'année prochaine": this and next, with a season or the year
THIS = words("dit deze dieses diesen diesem dieser diese ce cet cette este esta")
NEXT = words("volgend volgende nächstes nächsten nächste prochain prochaine próximo próxima")
YEAR_WORDS = words("jahr jaar année año")
AND = words("und en et y")  # "in Frankrijk en Spanje": in France and Spain
APPROX = words("environ etwa rund circa ungefähr unos unas aproximadamente alrededor ongeveer")
MORE_THAN: dict[tuple[str, ...], str] = {
    ("plus", "de"): "more than",
    ("mehr", "als"): "more than",
    ("más", "de"): "more than",
}
MORE_THAN.update({("meer", "dan"): "more than", ("uber",): "more than"})
MORE_THAN = {tuple(fold(w) for w in k): v for k, v in MORE_THAN.items()}
SINCE = words("depuis seit sinds hace")  # "inactifs depuis plus de 12 mois": inactive for more than 12 months
TIME_UNITS = _forms(
    {
        "months": "mois monate monaten meses maanden mesi",
        "years": "ans jahre jahren años jaar anni anos",
        "weeks": "semaines wochen semanas weken settimane",
        "days": "jours tage tagen días dagen giorni dias",
    }
)
WEEKDAYS = _forms(  # "d'ici vendredi": by Friday
    {
        "Monday": "lundi lunes montag maandag",
        "Tuesday": "mardi martes dienstag dinsdag",
        "Wednesday": "mercredi miércoles mittwoch woensdag",
        "Thursday": "jeudi jueves donnerstag donderdag",
        "Friday": "vendredi viernes freitag vrijdag",
    }
)
WITH = words("avec mit con met")  # "Fusion avec la Caisse X": a merger with Caisse X
TO = words("à auf zu zur zum naar op a vers")  # "Passage à Salesforce": a move to Salesforce
FROM = words("von van de desde du")  # "Wechsel von Shopware auf Shopify Plus": a move from Shopware
# a size said after the noun: "de 180 chambres", "mit 120 Zimmern" -> "180-room"
SIZE_UNITS = _forms({"room": "chambres zimmer zimmern habitaciones kamers", "bed": "lits betten camas bedden"})
# "Expedia liefert den Großteil der Buchungen": a channel brings in most of something
SUPPLIES = words("liefert bringt generiert apporte génère fournit aporta genera levert brengt")
MOST = words("großteil grossteil mehrheit majorité plupart mayoría merendeel meeste")
# "el cliente automotriz exige 75%": what a customer requires
REQUIRES = words("exige exigen verlangt fordert eist vereist")
# "herhaalaankoop ~19%, doel 28%": the target a figure is measured against
TARGET = words(
    "doel objectif ziel objetivo streefwaarde obiettivo"
)  # "meta" only before its figure: Meta is a company
# the words that keep a figure from its measure ("herhaalaankopen maar 18%", "Wiederkaufrate nur 17 %")
# (folded, not written: "solo" is English too, and a marker word would make "a solo planner" foreign)
ONLY = words("maar nur seulement solo solamente apenas soltanto slechts", written=False)
# a figure's window after it: "17% a 12 meses", "17 % nach 90 Tagen", "18% na 90 dagen", "20 % à 90 jours"
WINDOW = words("a à na nach dopo binnen tras")
AUDIT = words("audit auditoría auditoria")
# "los vendedores hacen su propia prospección": the reps do their own prospecting
DO = words("font machen macht hacen hace doen doet")
PROSPECTING = words("prospection akquise kaltakquise prospección prospectie acquisitie")
# a label a record hangs an event on, dropped when the event is said ("Reshoring: nueva línea ... arranca")
LABELS = frozenset(
    {"nearshoring", "reshoring", "update", "news", "projet", "proyecto", "projekt", "project"}
    # a press release's own label ("Communiqué (2026-10-30): lancement du ...")
    | {"communique", "comunicado", "comunicato", "pressemitteilung", "persbericht"}
)
# what a figure of theirs measures ("OEE en líneas de 63%", "Auslastung von 71 %"), folded, several words joined
MEASURES = {
    " ".join(_key(w) for w in k.split()): v
    for k, v in {
        "oee": "OEE",
        "taux d' occupation": "occupancy",
        "tasa de ocupación": "occupancy",
        "ocupación": "occupancy",
        "auslastung": "utilization",
        "bezettingsgraad": "occupancy",
        "taux de conversion": "conversion rate",
        "tasa de conversión": "conversion rate",
        "konversionsrate": "conversion rate",
        "conversieratio": "conversion rate",
        "ausschussquote": "scrap rate",
        "herhaalaankoop": "repeat purchase rate",
        "herhaalaankopen": "repeat purchase rate",
        "wiederkaufrate": "repeat purchase rate",
        "wiederkaufquote": "repeat purchase rate",
        "taux de réachat": "repeat purchase rate",
        "tasa de recompra": "repeat purchase rate",
        "taxa de recompra": "repeat purchase rate",
        "tasso di riacquisto": "repeat purchase rate",
        "tasso di occupazione": "occupancy",
        "taxa de ocupação": "occupancy",
        "taux de rebut": "scrap rate",
        "tasa de rechazo": "scrap rate",
    }.items()
}
# the channels a share of bookings or orders comes through ("58 % des nuitées via Booking et Expedia"), as written
CHANNELS = (
    "Booking.com",
    "Booking",
    "Expedia",
    "Hotels.com",
    "Airbnb",
    "Uber Eats",
    "UberEats",
    "DoorDash",
    "Deliveroo",
    "Glovo",
    "Just Eat",
    "Thuisbezorgd",
    "Lieferando",
    "Wolt",
    "Rappi",
)
# the "of" between a share and what it is of ("68% delle notti", "35 % des commandes", "27 % van de omzet")
SHARE_OF = words("des de del delle della dei degli das dos da van der")
# "commission ~18 %", "commissioni circa €410k": what a channel charges
# (folded, not written: "commission" is English too, and a marker word would make every English text foreign)
COMMISSION = words(
    "frais commission commissions comisión comisiones commissione commissioni comissão comissões commissie "
    "provision provisionen",
    written=False,
)
# "Implementatie van een nieuw ERP-systeem", "Einführung von SAP": the "of" before what an event is about
OF = words("van von del")
# "bis Ende 2027", "fin 2027", "eind 2027": the end of a year
END = words("ende fin finales fines eind")
# people a team is counted in when no role is said ("Vertriebsteam mit 4 Mitarbeitern")
PEOPLE = words("mitarbeiter mitarbeitern leute leuten personnes personas mensen medewerkers")
# the words after a French or Spanish title's head, said before it in English ("analista de datos" -> data analyst)
ROLE_MODIFIERS = _forms(
    {
        "data": "datos données",
        "sales": "ventas ventes",
        "maintenance": "mantenimiento",
        "quality": "calidad qualité",
        "production": "producción",
        "marketing": "mercadotecnia",
    }
)
# a team noun a team's size is said on ("Équipe de 3 commerciaux", "Vertriebsteam mit 5 Leuten")
TEAMS = words("équipe equipo team vertriebsteam verkoopteam salesteam")
# a first word a hyphenated German or Dutch compound keeps in English ("Wellness-Flügel" -> "wellness wing")
COMPOUND_MODIFIERS = {"spa": "spa", "wellness": "wellness", "hotel": "hotel", "konferenz": "conference"}
COMPOUND_MODIFIERS |= {"tagungs": "conference", "event": "event", "restaurant": "restaurant", "casino": "casino"}
# the head word of a French or Spanish job title, which comes first ("analyste data" -> "data analyst")
ROLE_HEADS = {
    fold(k): v
    for k, v in {
        "analyste": "analyst",
        "analista": "analyst",
        "ingénieur": "engineer",
        "ingeniero": "engineer",
        "ingeniera": "engineer",
        "développeur": "developer",
        "développeuse": "developer",
        "desarrollador": "developer",
        "desarrolladora": "developer",
        "technicien": "technician",
        "technicienne": "technician",
        "técnico": "technician",
        "técnica": "technician",
        "responsable": "manager",
        "consultant": "consultant",
        "consultor": "consultant",
        "consultora": "consultant",
    }.items()
}
# the plural heads ("des analystes data": data analysts), said with the singular's English and a plural
_ROLE_HEAD_PLURALS = {
    "analystes": "analyst",
    "analistas": "analyst",
    "ingénieurs": "engineer",
    "ingenieros": "engineer",
    "développeurs": "developer",
    "desarrolladores": "developer",
    "techniciens": "technician",
    "técnicos": "technician",
    "responsables": "manager",
    "consultants": "consultant",
    "consultores": "consultant",
}
ROLE_HEAD_PLURALS = frozenset(fold(k) for k in _ROLE_HEAD_PLURALS)
ROLE_HEADS.update({fold(k): v for k, v in _ROLE_HEAD_PLURALS.items()})
# names a German record writes like any noun: a name in a German fact must look like one ("Hotels.com",
# "SAP S/4HANA", "HubSpot") or be one of these
_BRANDS = (
    "Shopify Salesforce HubSpot SAP Oracle Microsoft Dynamics Odoo Zoho Magento WooCommerce Shopware "
    "Klaviyo Mews Opera Toast Lightspeed Expedia Airbnb Amazon Zalando DoorDash Lieferando TheFork OpenTable "
    "Google Pipedrive Sparkasse Volksbank Raiffeisenbank"
)
BRANDS = frozenset(fold(b) for b in _BRANDS.split())
LEGAL_FORMS = frozenset({"gmbh", "ag", "se", "kg", "eg", "sa", "sas", "sl", "bv", "nv"})
SEASONS = _forms(
    {
        "spring": "frühjahr frühling voorjaar lente printemps primavera",
        "summer": "sommer zomer été verano",
        "fall": "herbst najaar herfst automne otoño",
        "winter": "winter hiver invierno",
    }
)

# --- places ----------------------------------------------------------------------------------------------------
# regions and cities whose English name differs from the record's; any other capitalised place is a name
PLACES = _forms(
    {
        "Andalusia": "Andalucía Andalusien",
        "Catalonia": "Cataluña Catalunya Katalonien",
        "Bavaria": "Bayern Beieren Bavière",
        "Munich": "München Munich Múnich",
        "Cologne": "Köln Keulen",
        "Vienna": "Wien Wenen Vienne Viena",
        "Seville": "Sevilla Séville",
        "Zurich": "Zürich",
        "Brussels": "Brussel Bruxelles Bruselas Brüssel",
        "The Hague": "Haag",
        "Lisbon": "Lisboa Lissabon Lisbonne",
        "Milan": "Milano Mailand",
        "Geneva": "Genf Genève Ginebra",
        "Antwerp": "Antwerpen Anvers Amberes",
        "Ghent": "Gent Gand",
        "Flanders": "Vlaanderen Flandern Flandre",
        "Wallonia": "Wallonie Wallonien",
        "Brittany": "Bretagne",
        "Normandy": "Normandie",
        "Provence": "Provence",
        "the Nordics": "Nordics",
        "Scandinavia": "Skandinavien Scandinavië Scandinavie Escandinavia",
        "the Benelux": "Benelux",
        "Europe": "Europa Europe",
        "the US": "USA",
    },
    written=False,
)
# German cities known in English by the same name: in German every noun is capitalised, so a German fact's
# place must be a known one ("im Gewerbegebiet Süd" is no name)
_SAME_IN_ENGLISH = (
    "Berlin Hamburg Frankfurt Stuttgart Düsseldorf Dortmund Essen Leipzig Dresden Hannover Bremen Bonn Mannheim "
    "Karlsruhe Freiburg Augsburg Münster Aachen Kiel Rostock Mainz Wiesbaden Potsdam Salzburg Graz Innsbruck Linz "
    "Basel Bern"
)
PLACES.update({fold(city): city for city in _SAME_IN_ENGLISH.split()})
PLACES.update({"nurnberg": "Nuremberg", "luzern": "Lucerne"})
# words that mark a German text, whose capitalised nouns are no names
GERMAN = words(
    "der die das den dem des ein eine einen einem einer eines im am zum zur nach aller alle neu neue neues neuer "
    "neuen zweite zweiten dritte dritten sucht eröffnet eröffnung wiedereröffnung renovierung kein keine noch mit "
    "für und bei auf büro büros standort standorte filiale filialen zimmer werk werke"
)
_THE = {"NL": "the Netherlands", "GB": "the UK", "US": "the US", "AE": "the UAE", "PH": "the Philippines"}


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Foreign country names (CLDR, via babel) -> English; loaded on the first foreign record only."""
    from babel import Locale

    english = Locale("en").territories
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha() and code in english:
                out.setdefault(fold(name), _THE.get(code, english[code]))
    return out


@lru_cache(maxsize=1)
def _months() -> dict[str, str]:
    from babel.dates import get_month_names

    english = get_month_names("wide", locale="en")
    names = {
        fold(name): english[n] for lang in LANGUAGES for n, name in get_month_names("wide", locale=lang).items()
    }
    # "sept.", "Okt.", "oct.", "mrt": a month as a date is abbreviated in a record, before its year
    for lang in LANGUAGES:
        for n, name in get_month_names("abbreviated", locale=lang).items():
            short = fold(name).rstrip(".")
            if short not in ("jan", "mar", "ago"):  # a first name, "the sea", an English word
                names.setdefault(short, english[n])
    return names


def month(word: str) -> str | None:
    """The English month for a month name in one of the four languages ("März", "mei", "août" -> "August")."""
    return _months().get(fold(word))


def place(words: str) -> str | None:
    """The English name of a country, region or city written in one of the four languages, else None."""
    key = fold(words)
    return PLACES.get(key) or _countries().get(key)


def is_place_word(words: str) -> bool:
    return place(words) is not None


# --- job ads -----------------------------------------------------------------------------------------------------
JOB_TAG = re.compile(
    r"\s*\((?:[mwfdhvx]\s?/\s?){1,3}[mwfdhvx]\*?\)|\s*\((?:all genders|gn\*?|alle geslachten)\)", re.IGNORECASE
)
# English job-title words a foreign ad keeps as written ("Sucht Revenue Manager (m/w/d)")
_ROLE_WORDS = (
    "guest relations night auditor housekeeping concierge bar banquet catering talent acquisition people "
    "recruiter payroll accountant controller analyst data software backend frontend fullstack devops cloud "
    "security support channel alliances procurement buyer purchasing logistics supply chain warehouse fleet "
    "store shop district online paid ux ui designer copywriter editor community press public legal counsel "
    "compliance risk credit loan mortgage teller advisor adviser wealth portfolio asset property leasing "
    "facility facilities site shift process mechanic electrician operator team chief vice president vp "
    "principal staff associate administrator admin sales-manager coordinator dental hygienist nurse "
    "revenue sales marketing account accounts key area regional country general operations "
    "office project product customer success business development front desk reservations "
    "reservation maintenance quality production plant hr finance it e-commerce ecommerce "
    "digital growth content event events spa food beverage senior junior head of manager "
    "managers director directors executive executives representative representatives "
    "developer developers engineer engineers technician technicians specialist specialists "
    "consultant consultants coordinator coordinators lead leads officer chef host hosts agent "
    "agents sdr sdrs bdr bdrs ae aes partnerships partner success inside field outside crm "
    "performance sem seo social media brand communications pr"
)
ROLE_WORDS = frozenset(fold(w) for w in _ROLE_WORDS.split())
ROLES = _forms(
    {
        "sales director": "directeur_commercial directrice_commerciale director_comercial directora_comercial "
        "verkoopdirecteur",
        "sales manager": "responsable_commercial responsable_commerciale jefe_de_ventas gerente_comercial "
        "verkoopmanager vertriebsmanager",
        "marketing manager": "responsable_marketing jefe_de_marketing marketingmanager",
        "head of sales": "vertriebsleiter vertriebsleiterin leiter_vertrieb",
        "sales rep": "commercial commerciale commerciaux commerciales vendedor vendedora vendedores vendedoras "
        "verkoper verkopers",
        "account manager": "accountmanager accountmanagers",
        "head of marketing": "marketingleiter marketingleiterin leiter_marketing",
    },
    written=False,
)
ROLES = {k.replace("_", " "): v for k, v in ROLES.items()}
# German compounds: a known first part and a known tail ("Instandhaltungs" + "techniker", "Fertigungs" + "linie");
# the one table of German job-title and plant words (`copywriter.restate` says a German job ad and a
# commissioning line with them, `copywriter.foreign` a job ad's role and a plant noun)
ROLE_PARTS = {
    "instandhaltung": "maintenance",
    "wartung": "maintenance",
    "produktion": "production",
    "fertigung": "production",
    "qualitat": "quality",
    "qualitaet": "quality",
    "logistik": "logistics",
    "vertrieb": "sales",
    "verkauf": "sales",
    "marketing": "marketing",
    "einkauf": "purchasing",
    "personal": "HR",
    "schicht": "shift",
    "betrieb": "operations",
    "service": "service",
    "lager": "warehouse",
    "spritzguss": "injection molding",
    "verpackung": "packaging",
}
# a job title's tail, singular ("Instandhaltungstechniker" -> "maintenance technician")
ROLE_TAILS = {
    "techniker": "technician",
    "mechaniker": "mechanic",
    "mechatroniker": "mechatronics technician",
    "elektroniker": "electronics technician",
    "elektriker": "electrician",
    "ingenieur": "engineer",
    "leiter": "lead",
    "mitarbeiter": "associate",
    "manager": "manager",
    "meister": "supervisor",
    "planer": "planner",
}
# the same tails as a job ad says them, for more than one person ("Sucht 2 Instandhaltungstechniker")
ROLE_TAIL_PLURALS = {
    "techniker": "technicians",
    "mechaniker": "mechanics",
    "mechatroniker": "mechatronics technicians",
    "elektroniker": "electronics technicians",
    "elektriker": "electricians",
    "ingenieur": "engineers",
    "ingenieure": "engineers",
    "leiter": "leads",
    "mitarbeiter": "staff",
    "manager": "managers",
    "meister": "supervisors",
    "planer": "planners",
}
# the nouns a German plant compound ends on ("Fertigungslinie" -> "production line")
THING_TAILS = {
    "linie": "line",
    "anlage": "plant",
    "anlagen": "plants",
    "halle": "hall",
    "werk": "plant",
    "maschine": "machine",
    "maschinen": "machines",
    "lager": "warehouse",
    "zentrum": "center",
}
# the words a German job ad starts with ("Sucht", "Stellt ... ein") and, in the other three languages, the verb
# of a job ad; and the German words for the head of an area ("Leiter Instandhaltung")
JOB_AD_VERBS = frozenset({"sucht", "suchen", "stellt", "recrute", "recherche", "busca", "contrata", "zoekt"})
HEAD_OF = frozenset({"leiter", "leiterin", "leitung", "head of"})
_ACRONYM_PREFIX = re.compile(r"[A-Z0-9]{2,}")


def german_compound(word: str, tails: dict[str, str], *, bare: bool = True) -> str | None:
    """A German compound in English: a known first part and a known tail of `tails` ("Instandhaltungstechniker",
    "Fertigungslinie"); an acronym before a hyphen is kept ("CNC-Fertigungslinie" -> "CNC production line");
    `bare`: a tail alone is said too ("Techniker"). None when a part is unknown."""
    prefix, _, word = word.rpartition("-")
    if prefix and not _ACRONYM_PREFIX.fullmatch(prefix):
        return None
    low = fold(word)
    for part, english in sorted(ROLE_PARTS.items(), key=lambda p: -len(p[0])):
        if low.startswith(part):
            rest = low[len(part) :]
            rest = rest[1:] if rest.startswith("s") and rest[1:] in tails else rest
            tail = tails.get(rest) or tails.get(rest.removesuffix("in"))
            if tail:
                return " ".join(x for x in (prefix, english, tail) if x)
    return " ".join(x for x in (prefix, tails[low]) if x) if bare and low in tails else None


def german_role(word: str) -> str | None:
    """A German job-title compound in English, singular ("Instandhaltungstechniker" -> "maintenance
    technician"); None when a part is unknown."""
    return german_compound(word, ROLE_TAILS, bare=False) if "-" not in word else None
