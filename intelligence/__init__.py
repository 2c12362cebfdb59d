"""Prospect intelligence: everything the service reads out of one prospect, as typed facts.

Owns the one intermediate representation between raw prospect input and every judgement:
`facts` (the contract: title reading, company type and disqualifiers, events, quantities, offer
relevance, persona match), `titles` (the job-title parser), `extract` (the rules extractor that
turns a normalised `ProspectData` and an `AgentProfile` into `ProspectFacts`) and `intake` (one
intake for API JSON, CSV and Clay rows, owned by the intake work, living beside these).

May import: `schemas`, `industry_agents` (knowledge and text helpers) and the standard library or
pinned pure-Python packages (`inflect`). Must not import the database, the web layer, `llm` or
`scoring`: the scorer and the copy writer import this package, never the other way round.
"""
