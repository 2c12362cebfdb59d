"""`/docs` (Swagger UI) and `/redoc` (ReDoc), served with their assets from this process.

The JavaScript and CSS come from the pinned `fastapi-offline` package (Swagger UI and ReDoc's
standalone bundle), mounted at `/docs/assets/`; Swagger UI is started by `static/swagger-init.js`
rather than an inline script. Neither page loads anything from another origin, so they work with
the network off, and their Content-Security-Policy says so: scripts, styles, images and API calls
from this origin only. Styles may be inline (both renderers set style attributes and ReDoc injects
its styles at run time) and ReDoc's search runs in a worker it builds from a `blob:` URL; neither
is a network source.

Checked in headless Chromium with the network unused: both pages render every operation; the one
outside reference in the bundles, ReDoc's footer logo on its CDN, is refused by the policy (ReDoc
then drops the image).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.routing import Mount
from starlette.types import Receive, Scope, Send

from core.deps import PublicLimit

VENDOR = Path(fastapi_offline.__file__).resolve().parent / "static"
OWN = Path(__file__).resolve().parent / "static"
ASSETS = "/docs/assets"
VENDOR_ASSETS = "/docs/assets/vendor"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-cache",
}

SWAGGER = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} – Swagger UI</title>
  <link rel="icon" type="image/png" href="{vendor}/favicon.png">
  <link rel="stylesheet" href="{vendor}/swagger-ui.css">
  <link rel="stylesheet" href="{assets}/docs.css">
</head>
<body>
  <div id="swagger-ui" data-spec-url="{spec}"></div>
  <script src="{vendor}/swagger-ui-bundle.js"></script>
  <script src="{assets}/swagger-init.js"></script>
</body>
</html>
"""

REDOC = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} – ReDoc</title>
  <link rel="icon" type="image/png" href="{vendor}/favicon.png">
  <link rel="stylesheet" href="{assets}/docs.css">
</head>
<body>
  <redoc spec-url="{spec}"></redoc>
  <script src="{vendor}/redoc.standalone.js"></script>
</body>
</html>
"""


def _page(template: str, request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    app = request.app
    html = template.format(
        title=escape(app.title),
        spec=escape(root + (app.openapi_url or "/openapi.json")),
        vendor=root + VENDOR_ASSETS,
        assets=root + ASSETS,
    )
    return HTMLResponse(html, headers=HEADERS)


router = APIRouter(tags=["docs"])


@router.get("/docs", response_class=HTMLResponse, dependencies=[PublicLimit], include_in_schema=False)
async def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI over this service's OpenAPI document (offline: every asset is served here)."""
    return _page(SWAGGER, request)


@router.get("/redoc", response_class=HTMLResponse, dependencies=[PublicLimit], include_in_schema=False)
async def redoc(request: Request) -> HTMLResponse:
    """ReDoc over this service's OpenAPI document (offline: every asset is served here)."""
    return _page(REDOC, request)


class _Assets(StaticFiles):
    """Static files that also say `nosniff` (the browser must not guess a script's type)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-content-type-options", b"nosniff"))
            await send(message)

        await super().__call__(scope, receive, send_with_headers)


def install_pages(app: Any) -> None:
    """Serve /docs, /redoc and their assets (create the app with docs_url=None, redoc_url=None)."""
    app.router.routes.extend(router.routes)
    # The vendor mount first: /docs/assets would otherwise catch /docs/assets/vendor/….
    app.router.routes.append(Mount(VENDOR_ASSETS, app=_Assets(directory=VENDOR), name="docs-vendor"))
    app.router.routes.append(Mount(ASSETS, app=_Assets(directory=OWN), name="docs-assets"))
