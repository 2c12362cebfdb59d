"""Cross-cutting code every feature may use: SQL dialect helpers, text, errors, dependencies, paging,
rate limits, logs, metrics, middleware, observability.

May import: the standard library, third-party packages, `settings`, `models`, `database_async`, `auth`,
`llm` (the Claude client's type, for `core.deps`), and other `core` modules.
Never imports a feature folder (campaigns/, tracking/, clay/, …) or a feature's front door.
"""
