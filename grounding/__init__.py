"""The quote gate: what a Claude fact or hook must prove before anything keeps it.

Claude is asked for facts, not prose: every hook or fact it gives names the prospect `field` it
comes from and a verbatim `quote` of that field. `quote_gate` keeps it only if

  1. the quote is a substring of that field's value (whitespace and case normalised; for a list
     field such as `signals`, of one of its items), and
  2. every number and every proper name in the claim's text appears in the quote.

So "Caesars partnership lifted revenue 37% in 2025", cited from `company` = "Silver Peak Casino
Resort", is dropped: neither "Caesars", "37" nor "2025" is in the quote, and the quote need not
even be checked for them to be missing from the input.

    quote_gate(text, field=…, quote=…, values=…) -> Verdict   one claim; `values` are the prospect's
                                                             fields (`prospect_values(data)`)
    prospect_values(data) -> dict                            a ProspectData's fields, as the gate reads them
    gate_hooks(hooks, data) -> (kept, dropped)               Claude hooks (text, source_field, quote)
    trusted_facts(hooks, data, rules_hooks) -> list[str]      the hook texts a writer may state as facts

Pure functions over strings: no database, no network, no `llm`. Anything that lets Claude state a
fact about a prospect (analysis hooks, the prospect-facts layer in `intelligence/`, the writer's
allowed facts) goes through here.
"""

from grounding.quote_gate import (
    Verdict,
    gate_hooks,
    names_in,
    numbers_in,
    prospect_values,
    quote_gate,
    trusted_facts,
)

__all__ = ["Verdict", "gate_hooks", "names_in", "numbers_in", "prospect_values", "quote_gate", "trusted_facts"]
