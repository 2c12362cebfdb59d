"""The campaign dashboard: one static page at `/dashboard` that reads the JSON API in the browser.

The page holds no data, so it is public (limited per client IP); everything it shows comes from
`/api/...` calls made with the API key the user pastes, which stays in the tab's sessionStorage
and travels only in the `X-API-Key` header. Its CSS and JavaScript are plain files under
`static/dashboard/`, served from the service itself (no build step, no CDN).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from core.deps import PublicLimit

STATIC = Path(__file__).resolve().parent.parent / "static" / "dashboard"
ASSETS = "/static/dashboard"
# Scripts and styles only from this origin (no inline script, no eval), API calls only to it,
# and the page may not be framed: a pasted key cannot be read by an injected script or a clickjacker.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-cache",
}

router = APIRouter(tags=["dashboard"])


@router.get("/dashboard", response_class=HTMLResponse, dependencies=[PublicLimit], include_in_schema=False)
async def dashboard() -> HTMLResponse:
    """The campaign dashboard page (public: it holds no data; the browser calls the API with your key)."""
    return HTMLResponse(PAGE, headers=HEADERS)


PAGE = (STATIC / "index.html").read_text(encoding="utf-8")


def install(app: Any) -> None:
    """Serve the dashboard page and its static assets."""
    app.router.routes.extend(router.routes)
    app.mount(ASSETS, StaticFiles(directory=STATIC), name="dashboard-assets")
