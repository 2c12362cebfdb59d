"""Prospect intelligence: everything the service reads out of one prospect, as typed facts.

Owns the one intermediate representation between raw prospect input and every judgement:

    intake   one intake for every path (analyze API, batches, pipeline, campaign add, CSV import,
             Clay webhook): column aliases, Clay/CRM value strings (ranges, money in any currency),
             names, URLs, domains, and the merge of a re-sent prospect over what is known.
    facts    the contract: title reading, company type and disqualifiers, events, quantities,
             offer relevance, persona match.
    titles   the job-title parser (level, function, flags; abbreviations and six languages).
    extract  the rules extractor: a normalised `ProspectData` and an `AgentProfile` → `ProspectFacts`.
    personas persona scope (functions × levels × decision role) and language forms (label, plural, short).
    english  articles, plurals, possessives and lists for generated sentences (`inflect`).
    foreign  facts written in German, French, Spanish or Dutch read into the same fields (events,
             counts, gaps), as written; kept beside the score (`ProspectFacts.foreign_*`).
    glossary the words of those four languages the service can say in English (record nouns, verbs,
             numbers, dates, places, job-ad tags; month and country names from CLDR via `babel`).
    claude_facts  the schema Claude fills with the same facts, and the gate each fact passes
             (`grounding.quote_gate`) before it is kept; relevance and wording stay code's.
    scoring  the explainable score and tier: pure functions of the facts (components, disqualifier
             gates, thresholds), so a stored analysis re-scores to its stored tier.

May import: `schemas`, `industry_agents` (knowledge and text helpers), `grounding` (the quote gate)
and the standard library or pinned pure-Python packages (`inflect`, `pydantic`, `babel`). Must not import
the database, the web layer or `llm`; only `scoring` reads the other modules' facts to judge, and
the copy writer imports this package, never the other way round.
"""
