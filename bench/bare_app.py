"""The baseline for bench_http: a bare FastAPI app, no middleware, no auth, no database.

    uvicorn bench.bare_app:app

- `GET /items` mirrors `GET /api/industries` (ten items of the same shape, validated through a
  response model the same way), so the ratio measures our stack (API-key check, rate limit,
  request-id/access-log, CORS, body-size and idempotency middleware, session, query, error handlers)
  rather than a difference in payload or serialisation.
- `GET /campaign` answers the JSON document in the file named by `BENCH_BARE_CAMPAIGN_FILE` (ours'
  `GET /api/campaigns/{id}` body, captured by the benchmark), through FastAPI's default encoding.
- `GET /t/o/{token}.gif` answers the tracking pixel's GIF and headers, no token check, no write.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Response
from pydantic import BaseModel


class Item(BaseModel):
    slug: str
    name: str
    builtin: bool = True
    agent_status: str | None = None
    agent_version: int | None = None


ITEMS = [Item(slug=f"industry-{i}", name=f"Industry number {i}") for i in range(10)]
_CAMPAIGN_FILE = os.environ.get("BENCH_BARE_CAMPAIGN_FILE")
CAMPAIGN: dict[str, Any] = json.loads(Path(_CAMPAIGN_FILE).read_text()) if _CAMPAIGN_FILE else {}
GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
NO_STORE = {
    "Cache-Control": "no-store, no-cache, must-revalidate, max-age=0",
    "Pragma": "no-cache",
    "Expires": "0",
}

app = FastAPI(title="bench bare app")


@app.get("/items", response_model=list[Item])
async def items() -> list[Item]:
    return ITEMS


@app.get("/campaign")
async def campaign() -> dict[str, Any]:
    return CAMPAIGN


@app.get("/t/o/{token}.gif")
async def pixel(token: str) -> Response:
    return Response(GIF, media_type="image/gif", headers=NO_STORE)
