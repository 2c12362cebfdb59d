"""Cross-cutting code every feature may use: SQL dialect helpers, text, errors, dependencies, paging,
rate limits, logs, metrics, middleware, observability.

May import: the standard library, third-party packages, `settings`, `models`, and other `core` modules.
Never imports a feature folder (campaigns/, tracking/, clay/, …) or a feature's front door.
"""
