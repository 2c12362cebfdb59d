"""The people the tests score and write to, defined once (tests import them from here, never from
another test module)."""

from __future__ import annotations

from typing import Any

# A tier-1 casino marketer, as a client sends her (the aliases `employees` and `revenue`).
DANA: dict[str, Any] = {
    "email": "dana.reyes@silverpeakcasino.com",
    "first_name": "Dana",
    "last_name": "Reyes",
    "title": "VP of Marketing",
    "company": "Silver Peak Casino Resort",
    "industry": "Casino & Gaming",
    "employees": 2000,
    "revenue": 180_000_000,
    "location": "Reno, NV",
    "signals": ["Opening a 400-room hotel tower in Q2 2027", "Hiring a Player Development Manager"],
}
# The same person with one signal (campaign tests).
DANA_ONE_SIGNAL: dict[str, Any] = {**DANA, "signals": DANA["signals"][:1]}
# As a Clay row reads her: ranges and money as text, no company (intake tests).
DANA_FROM_CLAY: dict[str, Any] = {
    "email": "dana.reyes@silverpeakcasino.com",
    "first_name": "Dana",
    "last_name": "Reyes",
    "title": "VP of Marketing",
    "employees": "1,001-5,000",
    "revenue": "$180M",
    "location": "Reno, NV",
    "signals": ["Opening a 400-room hotel tower in Q2 2027", "Hiring a Player Development Manager"],
}
# With the canonical field names and 1,200 employees (the rules engine's unit tests).
DANA_RULES: dict[str, Any] = {
    "email": "dana.reyes@silverpeakcasino.com",
    "first_name": "Dana",
    "last_name": "Reyes",
    "title": "VP of Marketing",
    "company": "Silver Peak Casino Resort",
    "industry": "Casino & Gaming",
    "employee_count": 1200,
    "annual_revenue_usd": 180000000,
    "location": "Reno, NV",
    "signals": ["Opening a 400-room hotel tower in Q2 2027", "Hiring a Player Development Manager"],
}

SENDER: dict[str, str] = {
    "name": "Sam Lee",
    "title": "Partner",
    "company": "Tune Outbound",
    "offer": "player reactivation campaigns",
}


def people(n: int) -> list[dict[str, Any]]:
    """n prospects at several casinos, across tiers."""
    titles = ["VP of Marketing", "Director of Player Development", "Marketing Coordinator", "Intern"]
    return [
        {
            **DANA,
            "email": f"p{i}@casino{i % 7}.com",
            "first_name": f"Pat{i}",
            "title": titles[i % len(titles)],
            "company": f"Casino {i % 7} Resort",
            "employees": [2000, 300, 40][i % 3],
            "signals": DANA["signals"] if i % 2 == 0 else [],
        }
        for i in range(n)
    ]
