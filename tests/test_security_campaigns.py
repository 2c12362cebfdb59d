"""Issue 13 on campaigns: formula cells in exports (finding 3), a big CSV import must not block the
event loop (finding 5), pixel replays (finding 11). On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io

import pytest

from tests import campaign_rig
from tests.campaign_rig import add_messages, make_campaign, person

rig = campaign_rig.rig

FORMULAS = {"first_name": "=HYPERLINK(\"https://evil.example\",\"x\")", "last_name": "+1+1",
            "company": "-2+3", "title": "@SUM(A1:A9)", "location": "=cmd|' /C calc'!A0"}


@pytest.mark.parametrize("tool", ["generic", "instantly", "smartlead"])
async def test_finding3_exports_neutralise_formula_cells(rig, tool):
    r = await rig()
    cid, _ = await make_campaign(r, 0)
    added = await r.client.post(f"/api/campaigns/{cid}/prospects",
                                json={"prospects": [person(0, **FORMULAS), person(1)]})
    assert added.status_code == 200, added.text
    await add_messages(r, cid, [i["prospect_id"] for i in added.json()["items"]], steps=1, links=0)
    got = await r.client.get(f"/api/campaigns/{cid}/export", params={"tool": tool})
    assert got.status_code == 200, got.text
    rows = list(csv.DictReader(io.StringIO(got.text)))
    cells = [v for row in rows for v in row.values()]
    assert not [v for v in cells if v[:1] in ("=", "+", "-", "@")], [v for v in cells if v[:1] in "=+-@"]
    evil = next(row for row in rows if row["email"] == person(0)["email"])
    assert evil["first_name"] == "'" + FORMULAS["first_name"]  # kept, readable, inert
    assert evil["last_name"] == "'+1+1"
    plain = next(row for row in rows if row["email"] == person(1)["email"])
    assert plain["first_name"] == "Pat1" and plain["score"].isdigit()  # numbers stay numbers
