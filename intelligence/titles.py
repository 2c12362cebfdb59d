"""Job-title parser: level, function and flags from a title as people really write them.

`parse_title("Sr. Dir., Sales | EMEA")` -> level director, function sales. Handles abbreviations
(Dir., Sr., Mgr, Mktg, Ops, BD, Dev., Exec., Svcs, VP/SVP/EVP/AVP, CxO, DOSM), separators ("&",
"|", "/", ",", " - "), several roles in one title (the most senior current role decides; every
function named is kept), blockers ("assistant to", "office of", "chief of staff", "former", "ex-",
"retired", "intern", "student", "candidate", "partner marketing", "product owner"), industry
conventions (banking AVP/VP/SVP one step down; law and accounting "Partner" = owner level; a hotel,
casino or restaurant "General Manager" runs the property; "MD" is a physician in healthcare) and
common titles in French, German, Spanish, Portuguese, Italian and Dutch.

Pure and cached: the same (title, convention) always gives the same `TitleReading`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from intelligence.facts import LEVEL_ORDER, Flag, Function, Level, Span, TitleReading, TitleRole

# Conventions that change how a title reads, chosen from the agent's industry (or the prospect's).
BANKING = "banking"
PROPERTY = "property"  # hotel, casino, restaurant: a General Manager runs the property
HEALTHCARE = "healthcare"
PROFESSIONAL = "professional"


_CREDIT_UNION = re.compile(r"credit union|\bfcu\b|caisse populaire|caisse desjardins")


def convention_for(
    industry_slug: str | None, prospect_industry: str | None = None, company: str | None = None
) -> str | None:
    """The title convention for an agent industry slug (and the prospect's own industry text and company).

    Banks title officers generously (a VP or AVP is manager level); credit unions do not: their VPs
    head a function under the CEO, so a credit union reads with the general convention."""
    text = (prospect_industry or "").lower()
    if _CREDIT_UNION.search(text) or _CREDIT_UNION.search((company or "").lower()):
        return None
    if industry_slug == "financial_services" and not any(w in text for w in ("fintech", "software", "insurtech")):
        return BANKING
    if "bank" in text:
        return BANKING
    if industry_slug in ("hotel", "casino", "restaurant"):
        return PROPERTY
    if industry_slug == "healthcare_clinic":
        return HEALTHCARE
    if industry_slug == "professional_services":
        return PROFESSIONAL
    return None


# --- vocabulary --------------------------------------------------------------------------------

# Single-token abbreviations and spelling variants, expanded before anything else.
_ABBREV: dict[str, str] = {
    "dir": "director",
    "dirs": "director",
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "mgr": "manager",
    "mng": "managing",  # "Mng. Dir.", "Mng Partner"
    "mang": "managing",
    "mngr": "manager",
    "mgrs": "manager",
    "mktg": "marketing",
    "mkt": "marketing",
    "mkting": "marketing",
    "ops": "operations",
    "op": "operations",
    "bizdev": "business development",
    "exec": "executive",
    "svcs": "services",
    "svc": "services",
    "srvcs": "services",
    "asst": "assistant",
    "assoc": "associate",
    "acct": "account",
    "accts": "accounts",
    "mgmt": "management",
    "mgt": "management",
    "engr": "engineer",
    "eng": "engineering",
    "pres": "president",
    "rep": "representative",
    "reps": "representative",
    "coord": "coordinator",
    "spec": "specialist",
    "supv": "supervisor",
    "supvr": "supervisor",
    "dept": "department",
    "intl": "international",
    "natl": "national",
    "vice-president": "vp",
    "dosm": "director sales",
    "doss": "director sales",
    "dom": "director marketing",
    "ecom": "ecommerce",
    "fb": "food beverage",
    "hrbp": "hr business partner",
    "tech": "technology",
    "dev": "development",
    "plyr": "player",  # "Dir. Plyr Dev" (casino player development)
    "plyrs": "player",
    "devt": "development",
    "ctrl": "controller",
    "biz": "business",
    "bus": "business",
    "ecomm": "ecommerce",
    "ea": "executive assistant",
    "daf": "cfo",
    "agm": "assistant general manager",
    "coowner": "owner",
    "dtc": "dtc",
    "d2c": "dtc",
    "pa": "personal assistant",
    "secretary": "secretary",
    "vennoot": "partner",
    "partnerin": "partner",
    "oud": "former",
    "inkoper": "buyer",
    "mfg": "manufacturing",
    "prod": "production",
    "prop": "property",
    "cust": "customer",
    "svp's": "svp",
    "geschaeftsfuehrer": "geschaftsfuhrer",
    "geschaeftsfuehrerin": "geschaftsfuhrer",
    "geschaftsfuhrerin": "geschaftsfuhrer",
    "gf": "geschaftsfuhrer",
    "pdg": "ceo",
    "dg": "directeur_general",
    "ad": "ad",
    "sdr": "sdr",
    "bdr": "bdr",
    "cofounder": "founder",
    "ceo's": "ceo",
    "vp's": "vp",
    "principle": "principal",
    "admin": "administrator",
}

# Multi-word phrases folded into one token (applied longest first, on the space-joined tokens).
_PHRASES: tuple[tuple[str, str], ...] = (
    ("executive assistant to", "ASSISTANT_TO"),
    # Engaging consumers (patients, members, players, guests) is CRM and retention marketing.
    ("pt engagement", "patient_engagement"),
    ("patient engagement", "patient_engagement"),
    ("member engagement", "member_engagement"),
    ("player engagement", "player_engagement"),
    ("guest engagement", "guest_engagement"),
    ("customer engagement", "customer_engagement"),
    ("pt experience", "patient experience"),
    ("administrator assistant", "administrative_assistant"),
    ("personal assistant to", "ASSISTANT_TO"),
    ("executive assistant", "executive_assistant"),
    ("administrative assistant", "administrative_assistant"),
    ("assistante de direction", "executive_assistant"),
    ("assistant de direction", "executive_assistant"),
    ("assistente executiva", "executive_assistant"),
    ("assistente executivo", "executive_assistant"),
    ("directiesecretaresse", "executive_assistant"),
    ("directiesecretaris", "executive_assistant"),
    ("gerente general", "directeur_general"),
    ("assistant to", "ASSISTANT_TO"),
    ("executive secretary to", "ASSISTANT_TO"),
    ("personal secretary to", "ASSISTANT_TO"),
    ("secretary to", "ASSISTANT_TO"),
    ("pa to", "ASSISTANT_TO"),
    ("ea to", "ASSISTANT_TO"),
    ("secretaire de", "ASSISTANT_TO"),
    ("secretaria de", "ASSISTANT_TO"),
    ("secretaria del", "ASSISTANT_TO"),
    ("assistente de", "ASSISTANT_TO"),
    ("assistant de", "ASSISTANT_TO"),
    ("office of the", "OFFICE_OF"),
    ("office of", "OFFICE_OF"),
    ("chief of staff", "chief_of_staff"),
    ("senior executive vice president", "evp"),
    ("executive vice president", "evp"),
    ("senior vice president", "svp"),
    ("assistant vice president", "avp"),
    ("associate vice president", "avp"),
    ("first vice president", "vp"),
    ("vice president", "vp"),
    ("vice presidente", "vp"),
    ("vice presidente", "vp"),
    ("vicepresidente", "vp"),
    ("vice pres", "vp"),
    ("chief executive officer", "ceo"),
    ("chief operating officer", "coo"),
    ("chief financial officer", "cfo"),
    ("chief marketing officer", "cmo"),
    ("chief technology officer", "cto"),
    ("chief revenue officer", "cro"),
    ("chief information officer", "cio"),
    ("chief medical officer", "chief_medical"),
    ("chief growth officer", "chief_growth"),
    ("chief commercial officer", "cco"),
    ("chief lending officer", "chief_lending"),
    ("chief people officer", "chro"),
    ("chief human resources officer", "chro"),
    ("chief product officer", "cpo"),
    ("chief customer officer", "chief_customer"),
    ("chief digital officer", "chief_digital"),
    ("chief legal officer", "clo"),
    ("chief compliance officer", "chief_compliance"),
    ("chief procurement officer", "chief_procurement"),
    ("chief experience officer", "chief_customer"),
    ("chief business development officer", "chief_bd"),
    ("chief strategy officer", "chief_strategy"),
    ("chief administrative officer", "chief_admin"),
    ("chief nursing officer", "chief_nursing"),
    ("chief risk officer", "chief_risk"),
    ("chief information security officer", "ciso"),
    ("chief sales officer", "chief_sales"),
    ("chief supply chain officer", "chief_supply"),
    ("managing director", "managing_director"),
    ("managing member", "managing_director"),
    ("general manager", "general_manager"),
    ("gerente general", "general_manager"),
    ("gerente geral", "general_manager"),
    ("directeur general", "directeur_general"),
    ("directrice generale", "directeur_general"),
    ("director general", "directeur_general"),
    ("directora general", "directeur_general"),
    ("diretor geral", "directeur_general"),
    ("diretora geral", "directeur_general"),
    ("diretor presidente", "ceo"),
    ("direttore generale", "directeur_general"),
    ("direttrice generale", "directeur_general"),
    ("algemeen directeur", "directeur_general"),
    ("algemeen directrice", "directeur_general"),
    ("amministratore delegato", "ceo"),
    ("amministratore unico", "ceo"),
    ("consejero delegado", "ceo"),
    ("consejera delegada", "ceo"),
    ("directeur eigenaar", "owner"),
    ("directeur generaal", "directeur_general"),
    ("executive director", "executive_director"),
    ("medical director", "medical_director"),
    ("head of", "head"),
    ("hoofd", "head"),
    ("chef de", "CHEF_DE"),
    ("jefe de", "jefe"),
    ("jefa de", "jefe"),
    ("responsable de", "responsable"),
    ("responsable du", "responsable"),
    ("responsable des", "responsable"),
    ("charge de", "charge"),
    ("chargee de", "charge"),
    ("sales development", "sdr_function"),
    ("sales dev", "sdr_function"),
    ("business development", "bd"),
    ("new business", "bd"),
    ("desarrollo de negocio", "bd"),
    ("desenvolvimento de negocios", "bd"),
    ("sviluppo commerciale", "bd"),
    ("business developer", "bd_rep"),
    ("of counsel", "counsel"),
    ("human resources", "hr"),
    ("recursos humanos", "hr"),
    ("risorse umane", "hr"),
    ("ressources humaines", "hr"),
    ("information technology", "it"),
    ("information systems", "it"),
    ("information security", "it"),
    ("customer success", "customer_success"),
    ("client success", "customer_success"),
    ("customer experience", "customer_success"),
    # Digital guest or customer experience runs the app, online ordering and loyalty: digital marketing.
    ("digital guest experience", "digital"),
    ("digital customer experience", "digital"),
    ("digital member experience", "digital"),
    ("guest experience", "customer_success"),
    ("client services", "customer_success"),
    ("customer service", "customer_success"),
    ("revenue management", "revenue_management"),
    ("revenue manager", "revenue_management manager"),
    ("revenue operations", "revops"),
    ("rev ops", "revops"),
    ("rev operations", "revops"),  # "Rev. Ops" after "ops" was expanded
    ("rev management", "revenue_management"),  # "Rev Mgmt" after "mgmt" was expanded
    ("rev manager", "revenue_management manager"),
    ("revenue strategy", "revenue_management"),
    ("player development", "player_development"),
    ("players club", "player_development"),
    ("demand generation", "demand_gen"),
    ("demand gen", "demand_gen"),
    ("growth marketing", "marketing"),
    ("account executive", "account_executive"),
    ("account manager", "account_manager"),
    ("key account manager", "account_manager"),
    ("relationship manager", "account_manager"),
    ("customer success manager", "customer_success account_manager"),
    ("partner marketing", "PARTNER_MARKETING"),
    ("product owner", "PRODUCT_OWNER"),
    ("owner s representative", "owners_rep"),
    ("owners representative", "owners_rep"),
    ("food and beverage", "food_beverage"),
    ("food beverage", "food_beverage"),
    ("f and b", "food_beverage"),
    ("continuous improvement", "continuous_improvement"),
    ("front office", "operations"),
    ("rooms division", "operations"),
    ("front desk", "front_desk"),
    ("sales and marketing", "sales and marketing"),
    ("e commerce", "ecommerce"),
    ("asset management", "asset_management"),
    ("asset manager", "asset_management manager"),
    ("portfolio management", "portfolio_management"),
    ("portfolio manager", "portfolio_management manager"),
    ("property management", "property_management"),
    ("property manager", "property_management manager"),
    ("practice manager", "practice manager"),
    ("office manager", "office_manager"),
    ("plant manager", "plant_manager"),
    ("werksleiter", "plant_manager"),
    ("werkleiter", "plant_manager"),
    ("werkleiterin", "plant_manager"),
    ("werksleiterin", "plant_manager"),
    ("team lead", "team_lead"),
    ("team leader", "team_lead"),
    ("mba candidate", "CANDIDATE"),
    ("phd candidate", "CANDIDATE"),
    ("open to work", "JOB_SEEKER"),
    ("looking for", "JOB_SEEKER"),
    ("seeking new", "JOB_SEEKER"),
    ("seeking", "JOB_SEEKER"),
    ("in transition", "JOB_SEEKER"),
    ("board member", "board"),
    ("board of directors", "board"),
    ("member of the board", "board"),
    ("kaufmannischer leiter", "leiter finance"),
    ("technischer leiter", "leiter engineering"),
    ("kaufmannische leiterin", "leiter finance"),
    ("technische leiterin", "leiter engineering"),
    ("directeur commercial", "director sales"),
    ("directrice commerciale", "director sales"),
    ("director comercial", "director sales"),
    ("directora comercial", "director sales"),
    ("diretor comercial", "director sales"),
    ("diretora comercial", "director sales"),
    ("direttore commerciale", "director sales"),
    ("direttrice commerciale", "director sales"),
    ("commercieel directeur", "director sales"),
    ("commercieel manager", "manager sales"),
    ("responsabile commerciale", "manager sales"),
    ("responsable commercial", "manager sales"),
    ("responsable commerciale", "manager sales"),
    ("gerente comercial", "manager sales"),
    ("ingenieur commercial", "sales_rep"),
    ("ejecutivo de ventas", "sales_rep"),
    ("ejecutiva de ventas", "sales_rep"),
    ("vendedor", "sales_rep"),
    ("agente comercial", "sales_rep"),
    ("attache commercial", "sales_rep"),
    ("revenue cycle", "revenue_cycle"),
    ("client development", "bd"),
    ("practice development", "bd"),
    ("retail banking", "sales"),
    ("co owner", "owner"),
    ("instandhaltung", "maintenance"),
    ("mantenimiento", "maintenance"),
    ("manutencao", "maintenance"),
    ("manutenzione", "maintenance"),
    ("onderhoud", "maintenance"),
    ("patient access", "operations"),
    ("digital banking", "it"),
    ("professional services", "customer_success"),
    ("sales operations", "revops"),
    ("marketing operations", "marketing"),
    ("product marketing", "product_marketing"),
    ("chef des", "CHEF_DE"),
    ("chef du", "CHEF_DE"),
    ("directeur administratif et financier", "cfo"),
    ("directeur d hotel", "general_manager"),
    ("directrice d hotel", "general_manager"),
    ("director de hotel", "general_manager"),
    ("directora de hotel", "general_manager"),
    ("diretor de hotel", "general_manager"),
    ("direttore d albergo", "general_manager"),
    ("direttore di albergo", "general_manager"),
    ("hoteldirektor", "general_manager"),
    ("hoteldirektorin", "general_manager"),
    ("hotel director", "general_manager"),
    ("diretor executivo", "ceo"),
    ("diretora executiva", "ceo"),
    ("operationeel directeur", "coo"),
    ("ejecutivo de cuentas", "sales_rep"),
    ("ejecutiva de cuentas", "sales_rep"),
    ("supply chain", "supply_chain"),
    ("managing broker", "managing_broker"),
    ("principal broker", "managing_broker"),
    ("broker owner", "owner broker"),
    ("general counsel", "general_counsel"),
    ("line cook", "cook"),
    ("front desk", "front_desk"),
    ("chief", "chief"),
)

# Level words (after phrase folding). Order of precedence is LEVEL_ORDER.
_LEVEL_WORDS: dict[str, Level] = {
    # owner / C-level
    "ceo": "c_level",
    "coo": "c_level",
    "cfo": "c_level",
    "cmo": "c_level",
    "cgo": "c_level",
    "cto": "c_level",
    "cro": "c_level",
    "cio": "c_level",
    "ciso": "c_level",
    "cpo": "c_level",
    "cco": "c_level",
    "cdo": "c_level",
    "chro": "c_level",
    "clo": "c_level",
    "cso": "c_level",
    "chief": "c_level",
    "chief_medical": "c_level",
    "chief_growth": "c_level",
    "chief_lending": "c_level",
    "chief_customer": "c_level",
    "chief_digital": "c_level",
    "chief_compliance": "c_level",
    "chief_procurement": "c_level",
    "chief_bd": "c_level",
    "chief_strategy": "c_level",
    "chief_admin": "c_level",
    "chief_nursing": "c_level",
    "chief_risk": "c_level",
    "chief_sales": "c_level",
    "chief_supply": "c_level",
    "founder": "c_level",
    "owner": "c_level",
    "president": "c_level",
    "presidente": "c_level",
    "presidenta": "c_level",
    "prasident": "c_level",
    "managing_director": "c_level",
    "proprietor": "c_level",
    "chairman": "c_level",
    "chairwoman": "c_level",
    "chair": "c_level",
    "chairperson": "c_level",
    "executive_director": "director",
    "franchisee": "c_level",
    "operator": "c_level",
    "directeur_general": "c_level",
    "geschaftsfuhrer": "c_level",
    "vorstand": "c_level",
    "vorstandsvorsitzender": "c_level",
    "inhaber": "c_level",
    "inhaberin": "c_level",
    "grunder": "c_level",
    "grunderin": "c_level",
    "fondateur": "c_level",
    "fondatrice": "c_level",
    "gerant": "c_level",
    "gerante": "c_level",
    "proprietaire": "c_level",
    "fundador": "c_level",
    "fundadora": "c_level",
    "propietario": "c_level",
    "propietaria": "c_level",
    "dueno": "c_level",
    "duena": "c_level",
    "proprietario": "c_level",
    "proprietaria": "c_level",
    "titolare": "c_level",
    "fondatore": "c_level",
    "fondatrice_it": "c_level",
    "eigenaar": "c_level",
    "eigenaresse": "c_level",
    "oprichter": "c_level",
    "mede": "c_level",
    "partner": "c_level",
    "principal": "c_level",
    "associe": "c_level",
    "associee": "c_level",
    "socio": "c_level",
    "socia": "c_level",
    "praesident": "c_level",
    "gesellschafter": "c_level",
    # VP
    "vp": "vp",
    "svp": "vp",
    "evp": "vp",
    "avp": "vp",
    "vicepresident": "vp",
    # director / head
    "director": "director",
    "directora": "director",
    "directeur": "director",
    "directrice": "director",
    "diretor": "director",
    "diretora": "director",
    "direttore": "director",
    "direttrice": "director",
    "direktor": "director",
    "direktorin": "director",
    "head": "director",
    "leiter": "director",
    "leiterin": "director",
    "prokurist": "director",
    "administrator": "director",
    "medical_director": "director",
    "jefe": "manager",
    "chief_of_staff": "junior",
    "general_counsel": "c_level",
    "managing_broker": "c_level",
    "cook": "individual",
    "buyer_nl": "individual",
    "executive_director_x": "director",
    "plant_manager": "director",
    "controller": "director",
    "comptroller": "director",
    # manager
    "manager": "manager",
    "managerin": "manager",
    "gerente": "manager",
    "responsable": "manager",
    "responsabile": "manager",
    "CHEF_DE": "manager",
    "lead": "manager",
    "team_lead": "individual",  # a team lead is a first-line supervisor: a player-coach, not a budget holder
    "supervisor": "individual",  # a first-line supervisor (front desk, floor, shift) runs a crew, not a budget
    "superintendent": "manager",
    "foreman": "manager",
    "teamleider": "manager",
    "teamleiter": "manager",
    "gruppenleiter": "manager",
    "bedrijfsleider": "manager",
    "capo": "manager",
    "coordenador": "manager",
    "coordenadora": "manager",
    "office_manager": "manager",
    "encargado": "manager",
    "encargada": "manager",
    # individual contributors
    "specialist": "individual",
    "analyst": "individual",
    "analista": "individual",
    "associate": "individual",
    "representative": "individual",
    "consultant": "individual",
    "consultor": "individual",
    "engineer": "individual",
    "developer": "individual",
    "designer": "individual",
    "accountant": "individual",
    "agent": "individual",
    "recruiter": "individual",
    "planner": "individual",
    "buyer": "individual",
    "advisor": "individual",
    "adviser": "individual",
    "strategist": "individual",
    "writer": "individual",
    "scientist": "individual",
    "technician": "individual",
    "nurse": "individual",
    "hygienist": "individual",
    "therapist": "individual",
    "physician": "individual",
    "dentist": "individual",
    "attorney": "individual",
    "lawyer": "individual",
    "counsel": "individual",
    "paralegal": "individual",
    "bookkeeper": "individual",
    "officer": "individual",
    "executive": "individual",
    "account_executive": "individual",
    "account_manager": "individual",
    "sales_rep": "individual",
    "bd_rep": "individual",
    "sdr": "individual",
    "bdr": "individual",
    "ae": "individual",
    "host": "individual",
    "broker": "individual",
    "realtor": "individual",
    "coordinator": "individual",
    "coordinador": "individual",
    "coordinadora": "individual",
    "coordinatore": "individual",
    "coordinatrice": "individual",
    "coordinateur": "individual",
    "coordinatrice_fr": "individual",
    "charge": "individual",
    "referent": "individual",
    "referentin": "individual",
    "sachbearbeiter": "individual",
    "medewerker": "individual",
    "adviseur": "individual",
    "specialista": "individual",
    "especialista": "individual",
    "tecnico": "individual",
    "ingenieur": "individual",
    "architect": "individual",
    "generalist": "individual",
    "chef": "individual",
    "sommelier": "individual",
    "pharmacist": "individual",
    "optometrist": "individual",
    "veterinarian": "individual",
    "chiropractor": "individual",
    "dds": "individual",
    "dmd": "individual",
    "dvm": "individual",
    "rn": "individual",
    "np": "individual",
    "doctor": "individual",
    "surgeon": "individual",
    "cpa": "individual",
    "auditor": "individual",
    "underwriter": "individual",
    "banker": "individual",
    "teller": "individual",
    "owners_rep": "individual",
    "programmer": "individual",
    "administrator_it": "individual",
    "leasing_consultant": "individual",
    "mitarbeiter": "individual",
    "berater": "individual",
    "beraterin": "individual",
    "asesor": "individual",
    "asesora": "individual",
    "consulente": "individual",
    "vendeur": "individual",
    # junior
    "assistant": "junior",
    "assistente": "junior",
    "asistente": "junior",
    "executive_assistant": "junior",
    "intern": "junior",
    "internship": "junior",
    "student": "junior",
    "trainee": "junior",
    "apprentice": "junior",
    "junior": "junior",
    "receptionist": "junior",
    "secretary": "junior",
    "secretaire": "junior",
    "sekretarin": "junior",
    "secretaria": "junior",
    "segretaria": "junior",
    "administrative_assistant": "junior",
    "clerk": "junior",
    "praktikant": "junior",
    "praktikantin": "junior",
    "werkstudent": "junior",
    "werkstudentin": "junior",
    "stagiaire": "junior",
    "becario": "junior",
    "becaria": "junior",
    "estagiario": "junior",
    "estagiaria": "junior",
    "stagista": "junior",
    "stagiair": "junior",
    "auszubildender": "junior",
    "azubi": "junior",
    "alternant": "junior",
    "alternante": "junior",
    "volunteer": "junior",
    "front_desk": "junior",
    "CANDIDATE": "junior",
    "graduate": "junior",
    "fellow": "junior",
}

# Function words (after phrase folding).
_FUNCTION_WORDS: dict[str, Function] = {
    "ceo": "executive",
    "president": "executive",
    "presidente": "executive",
    "presidenta": "executive",
    "founder": "executive",
    "owner": "executive",
    "managing_director": "executive",
    "general_manager": "executive",
    "directeur_general": "executive",
    "geschaftsfuhrer": "executive",
    "vorstand": "executive",
    "inhaber": "executive",
    "inhaberin": "executive",
    "grunder": "executive",
    "fondateur": "executive",
    "fondatrice": "executive",
    "fundador": "executive",
    "fundadora": "executive",
    "gerant": "executive",
    "gerante": "executive",
    "titolare": "executive",
    "eigenaar": "executive",
    "oprichter": "executive",
    "proprietor": "executive",
    "proprietaire": "executive",
    "propietario": "executive",
    "dueno": "executive",
    "franchisee": "executive",
    "chairman": "executive",
    "chief_strategy": "executive",
    "chief_admin": "executive",
    "chief_of_staff": "executive",
    "board": "executive",
    "partner": "executive",
    "principal": "executive",
    "strategy": "executive",
    "managing_broker": "executive",
    "revenue_cycle": "finance",
    "dtc": "marketing",
    "cook": "operations",
    "front_desk": "operations",
    "reservations": "operations",
    "usine": "operations",
    "industrial": "operations",
    "stabilimento": "operations",
    "patient_engagement": "marketing",
    "member_engagement": "marketing",
    "player_engagement": "marketing",
    "guest_engagement": "marketing",
    "customer_engagement": "marketing",
    "manufactura": "operations",
    "fabricacion": "operations",
    "fabricacao": "operations",
    "produccion": "operations",
    "producao": "operations",
    "fertigung": "operations",
    "financier": "finance",
    "financiere": "finance",
    "finanziario": "finance",
    "financiera": "finance",
    "fabrica": "operations",
    "materials": "procurement",
    "engagement": "customer_success",
    "account_manager": "sales",
    "ventes": "sales",
    "cuentas": "sales",
    "administrator": "operations",
    "admin": "operations",
    "district": "operations",
    "area": "operations",
    "management": "operations",
    "administratif": "operations",
    "socio": "executive",
    "associe": "executive",
    "executive_assistant": "executive",
    "administrative_assistant": "operations",
    "sales": "sales",
    "sdr_function": "sales",
    "cro": "sales",
    "cco": "sales",
    "chief_sales": "sales",
    "bd": "sales",
    "chief_bd": "sales",
    "bd_rep": "sales",
    "account_executive": "sales",
    "sales_rep": "sales",
    "sdr": "sales",
    "bdr": "sales",
    "ae": "sales",
    "revops": "sales",
    "vertrieb": "sales",
    "verkauf": "sales",
    "commercial": "sales",
    "commerciale": "sales",
    "comercial": "sales",
    "ventas": "sales",
    "vendas": "sales",
    "vendite": "sales",
    "verkoop": "sales",
    "partnerships": "sales",
    "channel": "sales",
    "alliances": "sales",
    "leasing": "sales",
    "lending": "sales",
    "chief_lending": "sales",
    "group": "other",
    "catering": "sales",
    "events": "sales",
    "banquets": "sales",
    "wholesale": "sales",
    "broker": "sales",
    "realtor": "sales",
    "loan": "sales",
    "mortgage": "sales",
    "deposits": "sales",  # deposit gathering is a retail-banking sales line ("Head of Savings & Deposits")
    "deposit": "sales",
    "savings": "sales",
    "commercial_banking": "sales",
    "inside": "sales",
    "vendeur": "sales",
    "marketing": "marketing",
    "cmo": "marketing",
    "cgo": "marketing",
    "chief_growth": "marketing",
    "growth": "marketing",
    "brand": "marketing",
    "demand_gen": "marketing",
    "digital": "marketing",
    "communications": "marketing",
    "pr": "marketing",
    "content": "marketing",
    "crm": "marketing",
    "loyalty": "marketing",
    "player_development": "sales",
    "lifecycle": "marketing",
    "retention": "marketing",
    "ecommerce": "marketing",
    "advertising": "marketing",
    "social": "marketing",
    "media": "marketing",
    "host": "sales",
    "vip": "sales",
    "promotions": "marketing",
    "mercadeo": "marketing",
    "mercadotecnia": "marketing",
    "acquisition": "marketing",
    "operations": "operations",
    "coo": "operations",
    "operator": "operations",
    "production": "operations",
    "manufacturing": "operations",
    "plant": "operations",
    "logistics": "operations",
    "facilities": "operations",
    "property_management": "operations",
    "food_beverage": "operations",
    "practice": "operations",
    "office_manager": "operations",
    "betrieb": "operations",
    "exploitation": "operations",
    "operaciones": "operations",
    "operacoes": "operations",
    "operazioni": "operations",
    "produktion": "operations",
    "produzione": "operations",
    "productie": "operations",
    "operaties": "operations",
    "maintenance": "operations",
    "quality": "engineering",
    "continuous_improvement": "operations",
    "supply_chain": "procurement",
    "chief_supply": "procurement",
    "slot": "operations",
    "gaming": "operations",
    "culinary": "other",  # the kitchen and menu: no buyer of ordering, loyalty or booking offers
    "innovation": "product",
    "plant_manager": "operations",
    "kitchen": "operations",
    "restaurant": "operations",
    "restaurants": "operations",
    "hotel": "operations",
    "rooms": "operations",
    "housekeeping": "operations",
    "spa": "operations",
    "beverage": "operations",
    "store": "operations",
    "stores": "operations",
    "retail": "operations",
    "branch": "operations",
    "clinic": "operations",
    "clinics": "operations",
    "clinica": "operations",  # Spanish, Portuguese, Italian: "Gerente de Clínicas", "Responsabile Clinica"
    "clinicas": "operations",
    "cliniche": "operations",
    "clinique": "operations",
    "cliniques": "operations",
    "klinik": "operations",
    "kliniek": "operations",
    "site": "operations",
    "werk": "operations",
    "off": "operations",
    "delivery": "operations",
    "franchise": "operations",
    "fulfillment": "operations",
    "warehouse": "operations",
    "shift": "operations",
    "casino": "operations",
    "table": "operations",
    "finance": "finance",
    "cfo": "finance",
    "financial": "finance",
    "controller": "finance",
    "comptroller": "finance",
    "accounting": "finance",
    "accountant": "finance",
    "treasury": "finance",
    "treasurer": "finance",
    "tax": "finance",
    "audit": "finance",
    "auditor": "finance",
    "fp": "finance",
    "finanzen": "finance",
    "finances": "finance",
    "finanzas": "finance",
    "financas": "finance",
    "finanza": "finance",
    "financien": "finance",
    "financieel": "finance",
    "financiero": "finance",
    "financeiro": "finance",
    "amministrazione": "finance",
    "bookkeeper": "finance",
    "cpa": "finance",
    "asset_management": "finance",
    "portfolio_management": "finance",  # a real-estate or investment portfolio: asset management's work
    "investments": "finance",
    "investment": "finance",
    "billing": "finance",
    "underwriter": "finance",
    "wealth": "finance",
    "credit": "finance",
    "banker": "sales",
    "teller": "operations",
    "risk": "finance",
    "chief_risk": "finance",
    "it": "it",
    "cio": "it",
    "ciso": "it",
    "systems": "it",
    "informatique": "it",
    "informatica": "it",
    "sistemas": "it",
    "ti": "it",
    "infrastructure": "it",
    "security": "it",
    "network": "it",
    "technology": "it",
    "ict": "it",
    "digitalisierung": "it",
    "quality_x": "engineering",
    "engineering": "engineering",
    "cto": "engineering",
    "engineer": "engineering",
    "software": "engineering",
    "development": "engineering",
    "developer": "engineering",
    "technik": "engineering",
    "technique": "engineering",
    "tecnico": "engineering",
    "techniek": "engineering",
    "rd": "engineering",
    "reliability": "engineering",
    "process": "engineering",
    "programmer": "engineering",
    "architect": "engineering",
    "ingenieur": "engineering",
    "ingegneria": "engineering",
    "hr": "hr",
    "chro": "hr",
    "people": "hr",
    "talent": "hr",
    "recruiting": "hr",
    "recruiter": "hr",
    "recruitment": "hr",
    "personal": "hr",
    "rh": "hr",
    "personeel": "hr",
    "personalleiter": "hr",
    "product": "product",
    "cpo": "product",
    "produit": "product",
    "producto": "product",
    "produto": "product",
    "prodotto": "product",
    "PRODUCT_OWNER": "product",
    "product_marketing": "product",
    "merchandising": "product",
    "category": "product",
    "clinical": "clinical",
    "medical": "clinical",
    "chief_medical": "clinical",
    "medical_director": "clinical",
    "physician": "clinical",
    "nurse": "clinical",
    "nursing": "clinical",
    "chief_nursing": "clinical",
    "dds": "clinical",
    "dmd": "clinical",
    "dvm": "clinical",
    "rn": "clinical",
    "np": "clinical",
    "doctor": "clinical",
    "dentist": "clinical",
    "surgeon": "clinical",
    "hygienist": "clinical",
    "therapist": "clinical",
    "pharmacist": "clinical",
    "optometrist": "clinical",
    "dental": "clinical",
    "veterinarian": "clinical",
    "chiropractor": "clinical",
    "patient": "operations",
    "care": "clinical",
    "legal": "legal",
    "general_counsel": "legal",
    "counsel": "legal",
    "clo": "legal",
    "attorney": "legal",
    "lawyer": "legal",
    "paralegal": "legal",
    "compliance": "legal",
    "chief_compliance": "legal",
    "juridique": "legal",
    "juridico": "legal",
    "legale": "legal",
    "juridisch": "legal",
    "recht": "legal",
    "customer_success": "customer_success",
    "chief_customer": "customer_success",
    "support": "customer_success",
    "kundenservice": "customer_success",
    "member": "customer_success",
    "guest": "customer_success",
    "revenue_management": "revenue_management",
    "distribution": "revenue_management",
    "pricing": "revenue_management",
    "yield": "revenue_management",
    "revenue": "sales",
    "procurement": "procurement",
    "purchasing": "procurement",
    "sourcing": "procurement",
    "buyer": "procurement",
    "einkauf": "procurement",
    "achats": "procurement",
    "compras": "procurement",
    "acquisti": "procurement",
    "inkoop": "procurement",
    "chief_procurement": "procurement",
    "vendor": "procurement",
    "chief_digital": "marketing",
}

# German/Dutch compounds: "<function>leiter", "<function>manager", "<function>directeur".
_COMPOUND_PREFIX: dict[str, Function] = {
    "vertriebs": "sales",
    "vertrieb": "sales",
    "verkaufs": "sales",
    "verkauf": "sales",
    "verkoop": "sales",
    "sales": "sales",
    "marketing": "marketing",
    "finanz": "finance",
    "finanzen": "finance",
    "personal": "hr",
    "einkaufs": "procurement",
    "einkauf": "procurement",
    "inkoop": "procurement",
    "produktions": "operations",
    "betriebs": "operations",
    "werks": "operations",
    "logistik": "operations",
    "technik": "engineering",
    "it": "it",
    "kunden": "customer_success",
    "service": "customer_success",
    "filial": "operations",
    "niederlassungs": "operations",
    "account": "sales",
    "product": "product",
    "produkt": "product",
    "marketingmanager": "marketing",
    "bereichs": "other",
    "abteilungs": "other",
    "team": "other",
    "gruppen": "other",
    "projekt": "other",
    "project": "other",
    "office": "operations",
    "restaurant": "operations",
    "hotel": "operations",
    "vestigings": "operations",
    "verkoops": "sales",
}
_COMPOUND_SUFFIX: dict[str, Level] = {
    "leiterin": "director",
    "leiter": "director",
    "leider": "manager",
    "manager": "manager",
    "managerin": "manager",
    "direktor": "director",
    "direktorin": "director",
    "directeur": "director",
    "chef": "director",
    "mitarbeiter": "individual",
    "mitarbeiterin": "individual",
}
_COMPOUND = re.compile(
    r"^(?P<pre>[a-z]{2,}?)(?:-)?(?P<suf>leiterin|leiter|leider|managerin|manager|direktorin|direktor|directeur|chef|"
    r"mitarbeiterin|mitarbeiter)$"
)

# A person is not (yet / any more) in the job.
_FORMER = frozenset(
    {
        "former",
        "ex",
        "retired",
        "retd",
        "previously",
        "formerly",
        "past",
        "ehemaliger",
        "ehemalige",
        "ancien",
        "ancienne",
        "antiguo",
        "antigua",
        "ex-",
        "oud",
        "voormalig",
        "ehemals",
    }
)
# Words after "principal"/"lead"/"senior" that make the title an individual contributor.
_IC_NOUNS = frozenset(
    {
        "engineer",
        "consultant",
        "designer",
        "scientist",
        "architect",
        "developer",
        "analyst",
        "specialist",
        "product",
        "researcher",
        "writer",
        "associate",
        "investigator",
        "accountant",
        "auditor",
        "strategist",
        "programmer",
        "data",
        "software",
        "technician",
    }
)
# "X manager" that are individual roles in practice (account/relationship managers carry a book).
_IC_MANAGERS = frozenset({"account_manager"})
# Context nouns: they say where, not what ("Casino Marketing Manager" is marketing).
_WEAK = frozenset(
    {
        "casino",
        "hotel",
        "restaurant",
        "restaurants",
        "store",
        "stores",
        "retail",
        "branch",
        "clinic",
        "site",
        "district",
        "area",
        "management",
        "patient",
        "practice",
        "business",
        "group",
        "table",
        "slot",
        "gaming",
        "rooms",
        "plant",
        "werk",
        "kitchen",
        "administrator",
        "admin",
        "off",
    }
)
_FILLER = frozenset(
    {
        "of",
        "the",
        "and",
        "for",
        "at",
        "in",
        "to",
        "a",
        "an",
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "del",
        "da",
        "do",
        "dos",
        "das",
        "der",
        "die",
        "van",
        "het",
        "en",
        "et",
        "y",
        "e",
        "und",
        "di",
        "della",
        "dello",
        "degli",
        "delle",
        "voor",
        "fur",
        "senior",
        "group",
        "regional",
        "global",
        "national",
        "international",
        "corporate",
        "division",
        "divisional",
        "emea",
        "apac",
        "na",
        "us",
        "usa",
        "uk",
        "americas",
        "north",
        "america",
        "europe",
        "latam",
        "west",
        "east",
        "south",
        "central",
        "region",
        "zone",
        "principal_ic",
        "sr",
        "i",
        "ii",
        "iii",
        "iv",
        "1",
        "2",
        "3",
        "interim",
        "acting",
        "deputy",
        "co",
        "joint",
        "staff",
        "team",
        "department",
        "unit",
        "general",
    }
)
_LANG_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        {
            "algemeen",
            "algemene",
            "eigenaar",
            "directeur-eigenaar",
            "oprichter",
            "bedrijfsleider",
            "teamleider",
            "verkoop",
            "inkoop",
            "stagiair",
            "medewerker",
            "adviseur",
            "hoofd",
            "commercieel",
        }
    ),
    "de": frozenset(
        {
            "geschaftsfuhrer",
            "vorstand",
            "inhaber",
            "inhaberin",
            "leiter",
            "leiterin",
            "grunder",
            "vertrieb",
            "verkauf",
            "einkauf",
            "werkstudent",
            "praktikant",
            "prokurist",
            "referent",
            "kaufmannischer",
            "technischer",
            "teamleiter",
            "direktor",
            "mitarbeiter",
            "berater",
        }
    ),
    "fr": frozenset(
        {
            "directeur",
            "directrice",
            "fondateur",
            "fondatrice",
            "gerant",
            "gerante",
            "responsable",
            "stagiaire",
            "commerciale",
            "proprietaire",
            "associe",
            "associee",
            "chef",
            "pdg",
            "ingenieur",
            "vendeur",
            "alternant",
        }
    ),
    "es": frozenset(
        {
            "directora",
            "gerente",
            "jefe",
            "fundador",
            "fundadora",
            "propietario",
            "dueno",
            "socia",
            "ventas",
            "becario",
            "comercial",
            "compras",
            "delegado",
            "coordinador",
            "encargado",
            "asesor",
            "asistente",
        }
    ),
    "pt": frozenset(
        {
            "diretor",
            "diretora",
            "gerente",
            "fundador",
            "socio",
            "socia",
            "vendas",
            "estagiario",
            "estagiaria",
            "coordenador",
            "coordenadora",
            "proprietario",
            "comercial",
            "operacoes",
        }
    ),
    "it": frozenset(
        {
            "direttore",
            "direttrice",
            "titolare",
            "fondatore",
            "responsabile",
            "stagista",
            "vendite",
            "commerciale",
            "acquisti",
            "amministrazione",
            "capo",
            "generale",
            "delegato",
            "amministratore",
        }
    ),
}
_ENGLISH_HINTS = frozenset({"director", "manager", "sales", "head", "vp", "owner", "of", "the", "and"})

_SEP = re.compile(r"\s*(?:\||;|/|,|\s[-–—]\s|\(|\)|\bat\b.*$|@.*$)\s*")
_AMP = re.compile(r"\s*(?:&|\+|\band\b|\bund\b|\bet\b|\by\b|\ben\b|\be\b)\s*")
_NON_ALNUM = re.compile(r"[^a-z0-9_']+")


def _fold(text: str) -> str:
    text = text.replace("ß", "ss")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def _expand(segment: str) -> list[str]:
    """Tokens of one segment with abbreviations expanded and phrases folded."""
    words: list[str] = []
    segment = re.sub(r"\b([dl])'", r"\1 ", segment)
    for raw in _NON_ALNUM.split(segment.replace(".", " ").replace("-", " ")):
        if not raw:
            continue
        raw = raw.strip("'")
        if raw.endswith("'s"):
            raw = raw[:-2]
        if not raw:
            continue
        words.extend(_ABBREV.get(raw, raw).split())
    text = " " + " ".join(words) + " "
    for phrase, token in _PHRASES_SORTED:
        if f" {phrase} " in text:
            text = text.replace(f" {phrase} ", f" {token} ")
    return text.split()


_PHRASES_SORTED = sorted(_PHRASES, key=lambda p: -len(p[0]))


def _split(title: str) -> list[tuple[str, bool]]:
    """Segments of a title with whether each began after '&' (a conjunction, not a new role marker)."""
    # "Co-Founder", "E-Commerce", "Owner-Operator": hyphens inside words are not separators.
    text = re.sub(r"\b(co|e|ex)-(?=[a-z])", lambda m: m.group(1) + ("" if m.group(1) != "ex" else " "), title)
    parts: list[tuple[str, bool]] = []
    for major in _SEP.split(text):
        if not major or not major.strip():
            continue
        for i, minor in enumerate(_AMP.split(major)):
            if minor.strip():
                parts.append((minor.strip(), i > 0))
    return parts


_UNSEATED = frozenset({"advisor", "adviser", "advisory", "consultant", "consulting", "mentor", "freelance"})


def _unseated(role: _Role) -> bool:
    """A role that is no seat in a company: an advisor or consultant without a level of its own."""
    return role.level in (None, "individual") and bool(_UNSEATED & set(role.words))


class _Role:
    __slots__ = (
        "chief_acronym",
        "former",
        "functions",
        "level",
        "phrase",
        "professional_partner",
        "text",
        "words",
        "words_for_functions",
    )

    def __init__(self, text: str) -> None:
        self.level: Level | None = None
        self.functions: list[Function] = []
        self.text = text
        self.former = False
        self.words: list[str] = []
        self.professional_partner = False
        self.chief_acronym: str | None = None
        self.words_for_functions: list[str] = []
        self.phrase: list[str] = []

    def add(self, function: Function, word: str) -> None:
        self.functions.append(function)
        self.words_for_functions.append(word)


def _read_segment(words: list[str], flags: set[Flag], convention: str | None) -> _Role:
    role = _Role(" ".join(words))
    role.words = words
    level: Level | None = None
    step_down = 0
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        prev = words[i - 1] if i > 0 else ""
        if w in _FORMER:
            role.former = True
            flags.add("former")
            continue
        if w in ("OFFICE_OF", "ASSISTANT_TO", "chief_of_staff"):
            # "Office of the CEO", "Assistant to the CMO", "Chief of Staff to the President": the words after
            # name whose office it is (their function), not this person's level.
            flags.add({"OFFICE_OF": "office_of", "ASSISTANT_TO": "assistant_to"}.get(w, "chief_of_staff"))  # type: ignore[arg-type]
            level = "junior"
            boss = [_FUNCTION_WORDS[x] for x in words[i + 1 :] if x in _FUNCTION_WORDS]
            role.functions = [boss[-1]] if boss else (role.functions[:1] or ["executive"])
            role.words_for_functions = ["boss"]
            break
        if w == "PARTNER_MARKETING":
            flags.add("partner_marketing")
            role.add("marketing", w)
            continue
        if w == "PRODUCT_OWNER":
            flags.add("product_owner")
            role.add("product", w)
            level = _max_level(level, "individual")
            continue
        if w == "CANDIDATE" or w == "candidate":
            flags.add("candidate")
            level = "junior" if level is None else level
            continue
        if w == "JOB_SEEKER":
            flags.add("job_seeker")
            continue
        if w in (
            "intern",
            "internship",
            "praktikant",
            "praktikantin",
            "stagiaire",
            "becario",
            "becaria",
            "estagiario",
            "estagiaria",
            "stagista",
            "stagiair",
            "trainee",
            "apprentice",
        ):
            flags.add("intern")
        if w in ("student", "werkstudent", "werkstudentin", "graduate"):
            flags.add("student")
        if w in ("interim", "acting"):
            flags.add("interim" if w == "interim" else "acting")
        if w == "board":
            flags.add("board")
        if w in (
            "owner",
            "proprietor",
            "inhaber",
            "inhaberin",
            "eigenaar",
            "proprietaire",
            "propietario",
            "titolare",
            "dueno",
            "franchisee",
        ):
            flags.add("owner")
        if w == "founder" or w in (
            "grunder",
            "fondateur",
            "fondatrice",
            "fundador",
            "fundadora",
            "oprichter",
            "fondatore",
        ):
            flags.add("founder")
        if w in ("assistant", "associate", "asst") and (
            nxt == "general_manager"
            or (nxt in _LEVEL_WORDS and _LEVEL_WORDS[nxt] in ("c_level", "vp", "director", "manager"))
        ):
            step_down += 1
            continue
        if w == "junior" and nxt in _LEVEL_WORDS:
            step_down += 1
            continue
        if w == "partner":
            if nxt in (
                "manager",
                "success",
                "account",
                "development",
                "program",
                "relations",
                "sales",
                "executive",
                "channel",
                "ecosystem",
                "operations",
            ) or prev in ("channel", "business", "alliance", "hr"):
                role.add("sales" if prev != "hr" else "hr", w)
                continue
            role.professional_partner = True
            flags.add("professional_partner")
        if w == "principal" and nxt in _IC_NOUNS:
            continue
        if w in ("lead", "leader") and nxt in _IC_NOUNS:
            continue
        if w == "owner" and nxt in ("representative", "rep", "relations"):
            level = _max_level(level, "individual")
            continue
        if w == "operator" and prev not in ("owner",) and level is None and i > 0:
            # "Machine Operator" is a job on the floor; "Owner/Operator" is the owner.
            level = _max_level(level, "individual")
            role.add("operations", w)
            continue
        if w == "administrator" and prev in ("system", "systems", "network", "database", "office", "it"):
            level = _max_level(level, "individual" if prev != "office" else "junior")
            role.add("it" if prev != "office" else "operations", w)
            continue
        if w == "md":
            w = "physician" if convention == HEALTHCARE else "managing_director"
        if w == "gm":
            w = "general_manager"
        if w == "general_manager":
            level = _max_level(level, "c_level" if convention == PROPERTY else "vp")
            role.add("executive", w)
            continue
        if w == "executive" and nxt in ("chef", "host"):
            continue
        if w in ("chef",) and prev == "executive":
            level = _max_level(level, "manager")
            role.add("other", w)  # the kitchen: not operations
            continue
        if w == "host" and prev == "executive":
            level = _max_level(level, "individual")
            role.add("marketing", w)
            continue
        if w in _LEVEL_WORDS:
            word_level = _LEVEL_WORDS[w]
            if w == "chief" and nxt in _FUNCTION_WORDS:
                role.chief_acronym = None
            if w in _CHIEF_ACRONYMS:
                role.chief_acronym = w.upper()
            if convention == BANKING and w in ("vp", "avp", "svp"):
                word_level = {"avp": "manager", "vp": "manager", "svp": "director"}[w]  # type: ignore[assignment]
            elif w == "avp":
                word_level = "director"
            if w in ("manager", "managerin") and prev in _IC_MANAGERS:
                word_level = "individual"
            if w == "executive" and level is not None:
                pass
            else:
                level = _max_level(level, word_level)
        if convention == PROPERTY and w in ("cro", "revenue"):
            role.add("revenue_management", w)
        elif w in _FUNCTION_WORDS:
            role.add(_FUNCTION_WORDS[w], w)
        else:
            match = _COMPOUND.match(w)
            if match and match.group("pre") in _COMPOUND_PREFIX:
                pre, suf = match.group("pre"), match.group("suf")
                function = _COMPOUND_PREFIX[pre]
                suffix_level = _COMPOUND_SUFFIX[suf]
                if pre in ("team", "gruppen", "projekt", "project"):
                    suffix_level = "manager"
                if pre == "account":
                    suffix_level = "individual"
                level = _max_level(level, suffix_level)
                if function != "other":
                    role.add(function, pre)
    if len(role.functions) > 1:
        # The head of a noun phrase comes last ("Treasury Management Sales" is sales); context nouns
        # ("Casino Marketing": casino) only count when nothing stronger is named.
        pairs = zip(role.functions, role.words_for_functions, strict=False)
        strong = [f for f, w in pairs if w not in _WEAK] or role.functions
        head = strong[-1]
        role.functions = [head, *[f for f in role.functions if f != head]]
    if level is not None and step_down:
        index = min(LEVEL_ORDER.index(level) + step_down, LEVEL_ORDER.index("individual"))
        level = LEVEL_ORDER[index]
    elif level == "individual" and words and words[0] in ("assistant", "asst", "assistente", "asistente"):
        level = "junior"  # "Assistant Marketing Coordinator": an assistant to an individual role
    if convention == PROFESSIONAL and role.professional_partner:
        level = "c_level"
    role.phrase = _phrase_words(words)
    role.level = level
    if role.former and level is not None:
        role.level = "former"
    return role


def _max_level(current: Level | None, new: Level) -> Level:
    if current is None:
        return new
    return new if LEVEL_ORDER.index(new) < LEVEL_ORDER.index(current) else current


def _min_level(current: Level | None, new: Level) -> Level:
    if current is None:
        return new
    return new if LEVEL_ORDER.index(new) > LEVEL_ORDER.index(current) else current


def _language(words: set[str], raw: str) -> str:
    best, hits = "en", 0
    for lang, vocab in _LANG_WORDS.items():
        n = len(words & vocab)
        if n > hits:
            best, hits = lang, n
    if hits == 0 and any(_COMPOUND.match(w) and w.endswith(("leiter", "leiterin")) for w in words):
        return "de"
    return best


_REFERENCE_FN: dict[str, str] = {
    "executive": "",
    "sales": "sales",
    "marketing": "marketing",
    "operations": "operations",
    "finance": "finance",
    "it": "IT",
    "engineering": "engineering",
    "hr": "people",
    "product": "product",
    "clinical": "clinical care",
    "legal": "legal",
    "customer_success": "customer success",
    "revenue_management": "revenue management",
    "procurement": "procurement",
    "other": "",
}


_DISPLAY = {
    "patient_engagement": "patient engagement",
    "member_engagement": "member engagement",
    "player_engagement": "player engagement",
    "guest_engagement": "guest engagement",
    "customer_engagement": "customer engagement",
    "player_development": "player development",
    "bd": "business development",
    "demand_gen": "demand generation",
    "revops": "revenue operations",
    "sdr_function": "sales development",
    "food_beverage": "food and beverage",
    "property_management": "property management",
    "revenue_management": "revenue management",
    "customer_success": "customer success",
    "supply_chain": "supply chain",
    "ecommerce": "e-commerce",
    "it": "IT",
    "hr": "HR",
    "crm": "CRM",
    "dtc": "DTC",
    "pr": "PR",
    "revenue_cycle": "revenue cycle",
    "continuous_improvement": "continuous improvement",
    "asset_management": "asset management",
    "portfolio_management": "portfolio management",
    "product_marketing": "product marketing",
    "general_counsel": "legal",
    "rd": "R&D",
    "fp": "FP&A",
}
# English descriptors that may qualify a function in a reference ("database marketing").
_DESCRIPTORS = frozenset(
    {
        "database",
        "enterprise",
        "inside",
        "field",
        "channel",
        "consumer",
        "digital",
        "brand",
        "guest",
        "patient",
        "player",
        "member",
        "client",
        "customer",
        "key",
        "strategic",
        "new",
        "commercial",
        "lifecycle",
        "retention",
        "growth",
        "performance",
        "partner",
        "vip",
    }
)


def _phrase_words(words: list[str]) -> list[str]:
    """The segment's function named in English ("database marketing"), as a one-item list, or []."""
    kept = [
        w
        for w in words
        if (w in _FUNCTION_WORDS or w in _DESCRIPTORS)
        and w not in _LEVEL_WORDS
        and not w.isupper()
        and w not in _WEAK
        and _FUNCTION_WORDS.get(w) != "executive"
    ]
    if not any(w in _FUNCTION_WORDS for w in kept):
        return []
    return [" ".join(_DISPLAY.get(w, w) for w in kept)]


def _reference(
    level: Level,
    function: Function,
    flags: set[Flag],
    chief: str | None,
    phrase: list[str] | None = None,
    head: bool = False,
    vp_word: str | None = None,
) -> str:
    phrases = list(dict.fromkeys(phrase or []))[:2]
    fn = " and ".join(phrases) if phrases else _REFERENCE_FN[function]
    if level == "c_level":
        if chief:
            return chief
        if "owner" in flags:
            return "owner"
        if "founder" in flags:
            return "founder"
        if "professional_partner" in flags:
            return "partner"
        return f"head of {fn}" if fn else "head of the business"
    if "banking_title" in flags and vp_word and fn:
        return f"{vp_word} of {fn}"  # a bank's "AVP, Marketing" is addressed by the title it holds
    if level == "vp":
        return (f"head of {fn}" if head else f"VP of {fn}") if fn else "executive"
    if level == "director":
        return (f"head of {fn}" if head else f"director of {fn}") if fn else "director"
    if level == "manager":
        return f"{fn} manager" if fn else "manager"
    return f"{fn} team member" if fn else "team member"


_ACRONYM = re.compile(r"^(?:[A-Z]{2,5}|[A-Z]&[A-Z]|SaaS)$")


def _clean_reference(raw: str, language: str) -> str | None:
    """The title itself, lower-cased but for acronyms, when it is one plain English role (else None)."""
    if language != "en" or re.search(r"[|/;,()@&+]|\s[-–—]\s", raw) or len(raw) > 60:
        return None
    words = raw.split()
    if any(
        w.lower().strip(".") in _ABBREV and _ABBREV[w.lower().strip(".")] != w.lower().strip(".") for w in words
    ):
        return None
    if any("." in w for w in words):
        return None
    return " ".join(w if _ACRONYM.match(w) else w.lower() for w in words)


_CHIEF_ACRONYMS = frozenset(
    {"ceo", "coo", "cfo", "cmo", "cto", "cro", "cio", "ciso", "cpo", "cco", "chro", "cdo", "clo", "cgo"}
)
_ADMIN_FINANCE = re.compile(r"administrati(?:f|ve|vo|va) (?:et|e|y) financ\w+")
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}(?![a-z])")
_CMO = re.compile(r"\bcmo\b")
_MARKETING_WORD = re.compile(r"marketing|mktg|growth|brand|digital|communications")
_FORMER_LEAD = re.compile(r"^\s*(?:former|ex\b|ex-|retired|formerly|previously|ehemalige?r?|ancienne?)", re.I)
_NOW = re.compile(r"[(,;|/-]\s*(?:now|currently|today)\b[^)]*\)?")


@lru_cache(maxsize=16384)
def parse_title(title: str | None, convention: str | None = None) -> TitleReading | None:
    """Read a job title; None for an empty title. `convention` from `convention_for`."""
    if not title or not title.strip():
        return None
    raw = title.strip()
    folded = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), _fold(raw))  # "C.R.O." -> "cro"
    # "Directeur Administratif et Financier" (DAF) is the finance director: one function, not two.
    folded = _ADMIN_FINANCE.sub("financier", folded)
    if convention == HEALTHCARE and _CMO.search(folded) and not _MARKETING_WORD.search(folded):
        # In a practice, clinic or hospital a bare "CMO" is the chief medical officer, a clinical leader.
        folded = _CMO.sub("chief medical officer", folded)
    flags: set[Flag] = set()
    if _FORMER_LEAD.match(folded):
        # "Former VP Manufacturing (now advisor)": what the person does now is not a role at the account.
        folded = _NOW.sub("", folded)
    if re.match(r"^\s*ex[\s-]", folded):
        flags.add("former")
    segments = _split(folded)
    roles: list[_Role] = []
    pending: list[Function] = []  # functions of level-less segments waiting for the next role
    pending_former = False  # "Retired - VP Manufacturing": a leading "retired" applies to what follows
    pending_phrase: list[str] = []
    all_words: set[str] = set()
    for index, (segment, _after_amp) in enumerate(segments):
        words = [w for w in _expand(segment) if w not in _FILLER or w in ("interim", "acting")]
        all_words.update(words)
        if index == 0 and "former" in flags:
            words = ["former", *words]
        role = _read_segment(words, flags, convention)
        if roles and roles[-1].former and _after_amp and not role.former:
            role.former = True  # "Retired President & CEO": the conjunct is retired too
            if role.level is not None:
                role.level = "former"
        if pending_former and not role.former:
            role.former = True
            if role.level is not None:
                role.level = "former"
        if role.level is None:
            if role.former and not roles:
                pending_former = True
            if role.former and roles:
                roles[-1].former = True
            target = roles[-1] if roles else None
            if target is not None and (role.functions or not target.functions):
                target.functions.extend(role.functions)
                target.phrase.extend(_phrase_words(role.words))
            else:
                pending.extend(role.functions)
                pending_phrase.extend(_phrase_words(role.words))
            continue
        if pending:
            role.functions = [*pending, *role.functions]
            role.phrase = [*pending_phrase, *role.phrase]
            pending = []
            pending_phrase = []
        if role.former is False and roles and roles[-1].former and _after_amp and role.level != "former":
            pass
        roles.append(role)
    if not roles:
        # No level word at all ("Sales", "Marketing & Events"): an individual in that function.
        role = _Role(folded)
        role.level = "former" if pending_former or "former" in flags else "individual"
        role.functions = pending
        roles.append(role)
    elif pending:
        roles[-1].functions.extend(pending)
        roles[-1].phrase.extend(pending_phrase)
    current = [r for r in roles if r.level != "former" and not r.former]
    if len(current) < len(roles) and all(_unseated(r) for r in current):
        current = []  # "Former COO | Healthcare Advisor": advising after leaving is no seat at the company
    if current:
        best = min(current, key=lambda r: LEVEL_ORDER.index(r.level or "individual"))
        top = [r for r in current if r.level == best.level]
        decisive = next((r for r in top if any(f != "executive" for f in r.functions)), best)
        level: Level = best.level or "individual"
    else:
        decisive = roles[0]
        level = "former"
        flags.add("former")
    if flags & {"intern", "student", "candidate", "assistant_to", "job_seeker"}:
        level = "junior"
    if flags & {"office_of", "chief_of_staff"}:
        level = "junior"
    functions: list[Function] = []
    for r in [decisive, *roles]:
        for f in r.functions:
            if f not in functions:
                functions.append(f)
    specific = [f for f in decisive.functions if f != "executive"]
    top_chiefs = [r for r in current if r.level == "c_level" and r.chief_acronym and r.chief_acronym != "CEO"]
    owner_words = {
        "owner",
        "founder",
        "partner",
        "president",
        "ceo",
        "general_manager",
        "proprietor",
        "directeur_general",
        "geschaftsfuhrer",
        "managing_director",
        "managing_broker",
        "franchisee",
        "inhaber",
        "eigenaar",
        "titolare",
        "chairman",
        "gerant",
        "gerante",
    }
    if level == "c_level" and top_chiefs:
        function: Function = top_chiefs[0].functions[0] if top_chiefs[0].functions else "executive"
    elif level == "c_level" and any(owner_words & set(r.words) for r in current if r.level == "c_level"):
        # Owner/Operator, Practice Owner, Audit Partner, a hotel GM: they run the business.
        function = "executive"
    elif specific:
        function = specific[0]
    elif decisive.functions:
        function = decisive.functions[0]
    elif "executive_director" in decisive.words:
        function = "operations"
    elif level in ("director", "former") and set(decisive.words) & {
        "directeur",
        "direktor",
        "diretor",
        "direttore",
    }:
        function = "executive"  # a bare "directeur" runs the company
    elif level == "c_level" or (level == "vp" and not functions):
        function = "executive"
    else:
        function = functions[0] if functions else "other"
    if len(current) > 1:
        flags.add("multi_role")
    if "assistant_to" in flags and "office_of" not in flags:
        function = "executive" if function == "other" else function
    language = _language({w for w in _NON_ALNUM.split(folded) if w}, raw)
    if language != "en":
        flags.add("non_english")
    if convention == BANKING and all_words & {"vp", "avp", "svp"}:
        flags.add("banking_title")
    if "former" in flags and current:
        flags.discard("former")
        if any(r.former or r.level == "former" for r in roles):
            flags.add("former")
    ordered_flags = tuple(sorted(flags))
    role_tuple = tuple(
        TitleRole(
            level=r.level or "individual", function=(r.functions[0] if r.functions else "other"), text=r.text
        )
        for r in roles
    )
    return TitleReading(
        raw=raw,
        level=level,
        function=function,
        flags=ordered_flags,
        roles=role_tuple,
        functions=tuple(functions) or (function,),
        reference=_clean_reference(raw, language)
        or _reference(
            level,
            function,
            flags,
            decisive.chief_acronym,
            decisive.phrase if language == "en" else None,
            "head" in decisive.words,
            next((w.upper() for w in decisive.words if w in ("vp", "avp", "svp", "evp")), None),
        ),
        language=language,
        span=Span(field="title", text=raw, start=0, end=len(raw)),
    )


def expanded_words(title: str) -> list[str]:
    """The title's words with abbreviations expanded ("Regional Property Mgr" -> ... "manager")."""
    folded = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), _fold(title))
    return [w for segment, _ in _split(folded) for w in _expand_plain(segment)]


def _expand_plain(segment: str) -> list[str]:
    words: list[str] = []
    for raw in _NON_ALNUM.split(segment.replace(".", " ").replace("-", " ")):
        raw = raw.strip("'")
        if raw:
            words.extend(_ABBREV.get(raw, raw).replace("_", " ").split())
    return words


__all__ = ["BANKING", "HEALTHCARE", "PROFESSIONAL", "PROPERTY", "convention_for", "expanded_words", "parse_title"]
