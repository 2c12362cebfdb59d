"""Analytics: campaign reports read from the tracking rollups (funnel, by tier/step/variant, A/B
significance, time series) and their routes.

    service   the reports (pure reads of the rollups that tracking/ingest keeps up to date)
    router    GET /api/analytics/...

May import: `core`, `models`, `schemas`, `tracking` (its metric names). Nothing imports it but the app.
"""
