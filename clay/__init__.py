"""The Clay integration, in both directions (the `clay_integration` module is its facade).

    security   outbound URL checks (no SSRF) and inbound webhook authentication
    columns    Clay table columns, prospect → Clay row, Clay row → ProspectData
    push       pacing, retries and per-prospect results for pushes into a Clay table
    setup      setup-tables: the table definition and the HTTP API column's callback config
    inbound    the webhook: dedupe, upsert, re-score, attach to the campaign, flat answers
    schemas    request and response models
    router     /api/clay routes and the public webhook

May import: `core`, `models`, `schemas`, `settings`, `database_async`, `jobs`, `intelligence` (intake),
`prospect_intelligence` (scoring a row), `campaigns.service` (membership).
"""
