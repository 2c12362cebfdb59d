"""The baseline for bench_http: a bare FastAPI app, one GET endpoint, no middleware, no database.

Its payload mirrors `GET /api/industries` (ten items of the same shape, validated through a
response model the same way), so the ratio measures our stack (API-key lookup in the database,
rate limit, request-id/access-log, CORS, body-size and idempotency middleware, error handlers)
rather than a difference in payload or serialisation.

    uvicorn bench.bare_app:app
"""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel


class Item(BaseModel):
    slug: str
    name: str
    builtin: bool = True
    agent_status: str | None = None
    agent_version: int | None = None


ITEMS = [Item(slug=f"industry-{i}", name=f"Industry number {i}") for i in range(10)]

app = FastAPI(title="bench bare app")


@app.get("/items", response_model=list[Item])
async def items() -> list[Item]:
    return ITEMS
