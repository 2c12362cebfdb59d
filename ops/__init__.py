"""Operations: the liveness/readiness check (`health`: GET /health) and the campaign dashboard page
(`dashboard`: GET /dashboard and its static files).

May import: `core`, `database_async`, `settings`, `schemas`. No feature's service: the dashboard page
reads the public analytics API from the browser.
"""
