"""Hot-path performance: what the request paths use to stay a few times a bare endpoint (issue 14).

sqlite_inline   an aiosqlite-compatible SQLite connection that runs each call in the calling
                thread (no hand-off to a worker thread per cursor, execute, fetch and commit)
cache           small in-process caches of per-workspace data that rarely changes, with
                explicit invalidation on every write that changes it and a short TTL
jsoncodec       the engines' JSON serializer (orjson, with `json.dumps` for what it refuses)
rawread         hot one-statement reads on the driver itself (compiled once; SQLite inline,
                PostgreSQL a small asyncpg pool), the engine's path when the driver fails
loop            uvloop accepting every waiting connection at each turn of the event loop
                (`uvicorn ... --loop perf.loop:new_event_loop`)
"""
