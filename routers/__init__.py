"""The routers whose feature's front door is a top-level module: prospects (`prospect_intelligence`),
content (`content_generator`), API keys (`auth`). Every other feature keeps its `router.py` in its
folder. A router validates, calls one service, returns a schema."""
