"""Campaigns over HTTP on both databases: lifecycle, analysed adds, CSV import, tiers, exports, isolation."""

from __future__ import annotations

import csv
import io
import uuid

from tests.conftest import assert_problem
from tests.support.campaign_rig import TRACKED, add_messages, make_campaign, person, token_of, tracked
from tests.support.people import DANA_ONE_SIGNAL as DANA
from tracking import tokens


async def test_campaign_lifecycle_list_and_status_transitions(rig):
    r = await rig(**TRACKED)
    c = r.client
    ids = []
    for n in range(3):
        created = await c.post(
            "/api/campaigns/create", json={"name": f"C{n}", "industry": "Casinos", "description": "test"}
        )
        assert created.status_code == 201, created.text
        assert created.json()["status"] == "draft" and created.json()["industry"] == "casino"
        ids.append(created.json()["id"])
    first = (await c.get("/api/campaigns", params={"limit": 2})).json()
    assert [x["id"] for x in first["items"]] == ids[::-1][:2] and first["next_cursor"]
    second = (await c.get("/api/campaigns", params={"limit": 2, "cursor": first["next_cursor"]})).json()
    assert [x["id"] for x in second["items"]] == [ids[0]] and second["next_cursor"] is None
    assert_problem(await c.get("/api/campaigns", params={"cursor": "garbage!"}), 422)

    cid = ids[0]
    for status in ("active", "paused", "active", "completed"):
        r2 = await c.patch(f"/api/campaigns/{cid}", json={"status": status})
        assert r2.status_code == 200 and r2.json()["status"] == status, r2.text
    body = assert_problem(await c.patch(f"/api/campaigns/{cid}", json={"status": "active"}), 409)
    assert "archived" in body["detail"]
    assert (await c.patch(f"/api/campaigns/{cid}", json={"status": "archived"})).json()["status"] == "archived"
    assert_problem(await c.patch(f"/api/campaigns/{cid}", json={"status": "draft"}), 409)
    assert_problem(await c.post(f"/api/campaigns/{cid}/prospects", json={"prospects": [DANA]}), 409)
    assert (await c.get("/api/campaigns", params={"status": "archived"})).json()["items"][0]["id"] == cid

    # bad input is a clear 4xx
    assert_problem(await c.post("/api/campaigns/create", json={"name": "x", "industry": "casino", "id": 1}), 422)
    assert_problem(await c.post("/api/campaigns/create", json={"name": "x", "industry": "llama farming"}), 422)
    assert_problem(
        await c.post(
            "/api/campaigns/create",
            json={"name": "x", "industry": "casino", "tier_thresholds": {"tier1": 40, "tier2": 60, "tier3": 20}},
        ),
        422,
    )
    assert_problem(await c.patch(f"/api/campaigns/{ids[1]}", json={"status": "deleted"}), 422)
    assert_problem(await c.get("/api/campaigns/not-a-uuid"), 422)


async def test_prospects_are_analysed_with_the_campaign_thresholds(rig):
    r = await rig(**tracked(ANALYZE_BATCH_INLINE_MAX=3))
    c = r.client
    strict, _ = await make_campaign(r, 0, tier_thresholds={"tier1": 99, "tier2": 90, "tier3": 10})
    normal, _ = await make_campaign(r, 0)
    res = (await c.post(f"/api/campaigns/{normal}/prospects", json={"prospects": [DANA]})).json()
    assert res["items"][0]["tier"] == 1 and res["added"] == 1
    got = await c.post(f"/api/campaigns/{strict}/prospects", json={"prospects": [DANA, {"email": "nope"}]})
    assert got.status_code == 200, got.text
    body = got.json()
    assert (body["total"], body["added"], body["failed"]) == (2, 1, 1)
    ok, bad = body["items"]
    assert ok["tier"] > 1 and ok["score"] == res["items"][0]["score"]  # same score, stricter tiers
    assert ok["analysis"]["breakdown"] and ok["analysis"]["engine"] == "rules"
    assert bad["status"] == "error" and bad["errors"][0]["loc"] == ["email"]
    again = (await c.post(f"/api/campaigns/{strict}/prospects", json={"prospects": [DANA]})).json()
    assert again["items"][0]["status"] == "updated"
    assert_problem(
        await c.post(f"/api/campaigns/{strict}/prospects", json={"prospects": [person(i) for i in range(4)]}), 422
    )

    # loosening the thresholds re-tiers the stored prospects from their scores
    detail = (
        await c.patch(
            f"/api/campaigns/{strict}", json={"tier_thresholds": {"tier1": 50, "tier2": 40, "tier3": 30}}
        )
    ).json()
    assert detail["stats"]["by_tier"][0]["tier"] == 1 and detail["stats"]["prospects"] == 1
    assert detail["stats"]["by_status"] == {"analyzed": 1}


CSV_ROWS = [
    [
        "Email Address",
        "First Name",
        "Last Name",
        "Job Title",
        "Company Name",
        "Employees",
        "Annual Revenue",
        "LinkedIn URL",
        "Website",
        "City",
        "State",
        "Favourite Colour",
    ],
    [
        "dana.reyes@silverpeakcasino.com",
        "Dana",
        "Reyes",
        "VP of Marketing",
        "Silver Peak Casino Resort",
        "1,200",
        "$180M",
        "https://linkedin.com/in/dana",
        "silverpeakcasino.com",
        "Reno",
        "NV",
        "teal",
    ],
    ["not-an-email", "Bad", "Row", "CEO", "X", "10", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", "", "", "", "", ""],
    [
        "sam@goldcoastcasino.com",
        "Sam",
        "Ng",
        "Director of Player Development",
        "Gold Coast Casino",
        "51-200",
        "1.2B",
        "",
        "",
        "",
        "",
        "",
    ],
    ["ann@bluecasino.com", "Ann", "Fox", "Casino Host", "Blue Casino", "lots", "", "", "", "", "", ""],
    ["DANA.REYES@silverpeakcasino.com", "Dup", "Licate", "", "", "", "", "", "", "", "", ""],
]


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


async def test_csv_import_with_bom_aliases_and_bad_rows(rig):
    r = await rig(**TRACKED)
    c = r.client
    cid, _ = await make_campaign(r, 0)
    raw = "\ufeff" + _csv(CSV_ROWS)
    got = await c.post(
        f"/api/campaigns/{cid}/prospects/import", content=raw.encode(), headers={"Content-Type": "text/csv"}
    )
    assert got.status_code == 200, got.text
    body = got.json()
    counts = (body["rows"], body["imported"], body["added"], body["failed"], body["skipped_blank"])
    assert counts == (6, 2, 2, 3, 1)
    assert body["columns"]["Email Address"] == "email" and body["columns"]["Job Title"] == "title"
    assert body["columns"]["Employees"] == "employee_count" and body["ignored_columns"] == ["Favourite Colour"]
    errors = {e["row"]: e for e in body["errors"]}
    assert set(errors) == {3, 6, 7}
    assert errors[3]["errors"][0]["loc"] == ["email"]
    assert "employee_count" in errors[6]["errors"][0]["msg"]
    assert errors[7]["errors"][0]["msg"] == "duplicate of row 2"
    listed = [
        p for t in (1, 2, 3, 4) for p in (await c.get(f"/api/campaigns/{cid}/prospects/{t}")).json()["items"]
    ]
    assert len(listed) == 2
    dana = next(p for p in listed if p["email"] == "dana.reyes@silverpeakcasino.com")
    assert dana["first_name"] == "Dana" and dana["company"] == "Silver Peak Casino Resort"
    stored = (await c.get(f"/api/prospects/{dana['prospect_id']}")).json()["data"]
    assert stored["employee_count"] == 1200 and stored["annual_revenue_usd"] == 180_000_000
    assert stored["location"] == "Reno, NV" and stored["linkedin_url"] == "https://linkedin.com/in/dana"

    # multipart upload, semicolons, no BOM: the same rows, now updates
    files = {"file": ("clay.csv", _csv(CSV_ROWS, ";").encode(), "text/csv")}
    again = (await c.post(f"/api/campaigns/{cid}/prospects/import", files=files)).json()
    assert (again["imported"], again["added"], again["updated"]) == (2, 0, 2)

    # all-or-nothing: any bad row and nothing is imported
    other, _ = await make_campaign(r, 0)
    refused = await c.post(
        f"/api/campaigns/{other}/prospects/import",
        params={"all_or_nothing": "true"},
        content=raw.encode(),
        headers={"Content-Type": "text/csv"},
    )
    assert {e["row"] for e in assert_problem(refused, 422)["errors"]} == {3, 6, 7}
    assert (await c.get(f"/api/campaigns/{other}")).json()["stats"]["prospects"] == 0

    assert_problem(
        await c.post(
            f"/api/campaigns/{cid}/prospects/import",
            content=b"Name,Company\nA,B\n",
            headers={"Content-Type": "text/csv"},
        ),
        422,
    )
    latin1 = "email\né@x.com\n".encode("latin-1")
    assert_problem(
        await c.post(
            f"/api/campaigns/{cid}/prospects/import", content=latin1, headers={"Content-Type": "text/csv"}
        ),
        422,
    )
    assert_problem(
        await c.post(f"/api/campaigns/{cid}/prospects/import", content=b"", headers={"Content-Type": "text/csv"}),
        422,
    )
    assert_problem(await c.post(f"/api/campaigns/{cid}/prospects/import", json={"email": "a@b.co"}), 415)


async def test_tier_listing_is_paginated_with_analysis_and_content(rig):
    r = await rig(**TRACKED)
    c = r.client
    cid, pids = await make_campaign(r, 6)
    await add_messages(r, cid, pids, steps=2)
    tiers = (await c.get(f"/api/campaigns/{cid}")).json()["stats"]["by_tier"]
    tier = max(tiers, key=lambda t: t["prospects"])
    seen, cursor = [], None
    while True:
        page = (
            await c.get(
                f"/api/campaigns/{cid}/prospects/{tier['tier']}",
                params={"limit": 1, **({"cursor": cursor} if cursor else {})},
            )
        ).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == tier["prospects"] == len({p["prospect_id"] for p in seen})
    scores = [p["score"] for p in seen]
    assert scores == sorted(scores, reverse=True)
    item = seen[0]
    assert item["analysis"]["persona"] is not None or item["analysis"]["pain_points"]
    assert item["content"]["messages"] == 2 and [s["step"] for s in item["content"]["email_steps"]] == [1, 2]
    assert_problem(await c.get(f"/api/campaigns/{cid}/prospects/5"), 422)


async def test_export_for_each_tool_embeds_pixel_and_tracked_links(rig):
    r = await rig(**TRACKED)
    c = r.client
    cid, pids = await make_campaign(r, 3)
    messages = await add_messages(r, cid, pids, steps=2, links=1)
    await c.post(
        "/api/tracking/events",
        json={
            "events": [
                {
                    "id": "reply-1",
                    "type": "replied",
                    "occurred_at": "2026-01-05T10:00:00Z",
                    "message_id": messages[(pids[2], 1)],
                }
            ]
        },
    )
    expected = {
        "generic": [
            "email",
            "first_name",
            "last_name",
            "company",
            "title",
            "tier",
            "score",
            "status",
            "prospect_id",
            "campaign_id",
        ]
        + [
            f"step_{s}_{f}"
            for s in (1, 2)
            for f in ("day_offset", "subject", "variant", "body_html", "body_text", "message_id", "pixel_url")
        ],
        "instantly": [
            "email",
            "first_name",
            "last_name",
            "company_name",
            "website",
            "personalization",
            "job_title",
            "tier",
            "score",
            "step_1_subject",
            "step_1_body_html",
            "step_2_subject",
            "step_2_body_html",
        ],
        "smartlead": [
            "email",
            "first_name",
            "last_name",
            "company_name",
            "website",
            "linkedin_profile",
            "location",
            "company_url",
            "job_title",
            "tier",
            "score",
            "step_1_subject",
            "step_1_body_html",
            "step_2_subject",
            "step_2_body_html",
        ],
    }
    secret = r.settings.SECRET_KEY
    for tool, header in expected.items():
        got = await c.get(f"/api/campaigns/{cid}/export", params={"format": "csv", "tool": tool})
        assert got.status_code == 200, got.text
        assert got.headers["content-type"].startswith("text/csv")
        assert f"-{tool}.csv" in got.headers["content-disposition"]
        assert got.headers["x-export-rows"] == "2" and got.headers["x-sequence-day-offsets"] == "0,3"
        rows = list(csv.DictReader(io.StringIO(got.text)))
        assert list(rows[0]) == header
        assert {row["email"] for row in rows} == {person(0)["email"], person(1)["email"]}  # the replier is out
        body = rows[0]["step_1_body_html"]  # the same column name in every layout
        assert body.count("https://track.example.com/t/o/") == 1 and "<img" in body
        assert "https://track.example.com/t/c/" in body and 'href="https://example.com' not in body
        pixel = body.split('src="', 1)[1].split('"', 1)[0]
        assert tokens.verify("open", token_of(pixel), secret) is not None
        click = body.split('href="', 1)[1].split('"', 1)[0]
        assert (await c.get(click.replace("https://track.example.com", ""))).headers[
            "location"
        ] == "https://example.com/page0?step=1"
    assert_problem(await c.get(f"/api/campaigns/{cid}/export", params={"tool": "mailchimp"}), 422)
    assert_problem(await c.get(f"/api/campaigns/{cid}/export", params={"format": "xlsx"}), 422)
    assert_problem(await c.get(f"/api/campaigns/{uuid.uuid4()}/export"), 404)


async def _pool_ready(within_s: float = 90) -> None:
    import asyncio
    import time

    from campaigns import import_pool

    deadline = time.monotonic() + within_s
    while import_pool.ready() is None:
        assert time.monotonic() < deadline, "the CSV import's worker processes did not start"
        await asyncio.sleep(0.1)


def _big_csv() -> str:
    """600 rows over three worker chunks: a known prospect with new fields, bad rows, a duplicate, blanks."""
    rows = [CSV_ROWS[0]]
    titles = ["VP of Marketing", "Director of Player Development", "Casino Host", "CMO", "Intern"]
    for i in range(600):
        if i == 17:
            rows.append(["not-an-email", "Bad", "Row", "CEO", "X", "10", "", "", "", "", "", ""])
        elif i == 18:
            rows.append([""] * 12)
        elif i == 400:
            rows.append([f"p3@casino{3 % 40}.example.com", "Dup", "", "", "", "", "", "", "", "", "", ""])
        else:
            rows.append(
                [
                    f"p{i}@casino{i % 40}.example.com",
                    f"Pat{i}",
                    "Lee",
                    titles[i % 5],
                    f"Casino {i % 40} Resort",
                    str(100 + 7 * i),
                    "",
                    "",
                    "",
                    "Reno" if i % 2 else "",
                    "NV" if i % 2 else "",
                    "",
                ]
            )
    rows.append(CSV_ROWS[1])  # Dana: known (imported before) with new fields, merged over what is stored
    return _csv(rows)


async def test_csv_import_in_worker_processes_answers_as_in_the_event_loop(rig, monkeypatch):
    """With its worker processes up (campaigns/import_pool.py) an import answers and stores exactly
    what the event loop's path does (rows, errors, merges, tiers, scores); when a worker dies, the
    import still answers from the event loop and a new pool starts."""
    import os
    import signal

    from campaigns import import_pool

    r = await rig(**TRACKED)
    await _pool_ready()
    used = []
    real_run = import_pool.run

    async def counting(pool, fn, *args):
        used.append(fn.__name__)
        return await real_run(pool, fn, *args)

    monkeypatch.setattr(import_pool, "run", counting)
    known = _csv([CSV_ROWS[0], ["dana.reyes@silverpeakcasino.com", "Dana", "", "CMO", "", "", "", "", "", ""]])
    answers, tiers = [], []
    for workers in (True, False):
        c = r.client if workers else await r.other_client()
        if not workers:  # the event loop's path, in another workspace, for the same rows
            monkeypatch.setattr(import_pool, "ready", lambda: None)
        cid = (await c.post("/api/campaigns/create", json={"name": "csv", "industry": "casino"})).json()["id"]
        url = f"/api/campaigns/{cid}/prospects/import"
        assert (await c.post(url, content=known.encode(), headers={"Content-Type": "text/csv"})).status_code == 200
        got = await c.post(url, content=_big_csv().encode(), headers={"Content-Type": "text/csv"})
        assert got.status_code == 200, got.text
        answers.append({k: v for k, v in got.json().items() if k != "campaign_id"})
        listed = {}
        for t in (1, 2, 3, 4):
            params: dict[str, str | int] = {"limit": 100}
            while True:
                page = (await c.get(f"/api/campaigns/{cid}/prospects/{t}", params=params)).json()
                listed |= {p["email"]: (p["tier"], p["score"], p["first_name"], p["title"]) for p in page["items"]}
                if not page["next_cursor"]:
                    break
                params["cursor"] = page["next_cursor"]
        tiers.append(listed)
    assert "read_rows" in used and "score" in used  # the first import ran in the workers
    with_workers, in_loop = answers
    assert with_workers == in_loop and tiers[0] == tiers[1]
    assert (with_workers["imported"], with_workers["failed"], with_workers["skipped_blank"]) == (598, 2, 1)
    assert {e["row"] for e in with_workers["errors"]} == {19, 402}
    assert [ch["email"] for ch in with_workers["changes"]] == ["dana.reyes@silverpeakcasino.com"]
    assert len(tiers[0]) == 598 and tiers[0]["dana.reyes@silverpeakcasino.com"][3] == "VP of Marketing"

    monkeypatch.undo()
    pool = import_pool.ready()
    assert pool is not None
    for pid in list(pool._processes):  # a worker killed (out of memory, an operator): the pool is broken
        os.kill(pid, signal.SIGKILL)
    cid, _ = await make_campaign(r, 0)
    got = await r.client.post(
        f"/api/campaigns/{cid}/prospects/import", content=_big_csv().encode(), headers={"Content-Type": "text/csv"}
    )
    assert got.status_code == 200, got.text
    assert {k: v for k, v in got.json().items() if k not in ("campaign_id", "added", "updated", "changes")} == {
        k: v for k, v in with_workers.items() if k not in ("added", "updated", "changes")
    }
    await _pool_ready()  # and a new pool took its place
    assert import_pool.ready() is not pool
    # CSV_IMPORT_WORKERS=0: this app's imports stay in the event loop, though the process has a pool
    used.clear()
    monkeypatch.setattr(import_pool, "run", counting)
    off = await rig(**tracked(CSV_IMPORT_WORKERS=0))
    cid, _ = await make_campaign(off, 0)
    got = await off.client.post(
        f"/api/campaigns/{cid}/prospects/import", content=_big_csv().encode(), headers={"Content-Type": "text/csv"}
    )
    assert got.status_code == 200 and got.json()["imported"] == 598 and used == []


def test_csv_import_workers_exit_when_their_server_is_killed(tmp_path):
    """A server that ends without shutting its pool down (SIGKILL, a crash) leaves no worker behind."""
    import os
    import subprocess
    import sys
    import textwrap
    import time
    from pathlib import Path

    repo = str(Path(__file__).resolve().parents[1])
    script = tmp_path / "server.py"
    script.write_text(
        textwrap.dedent(
            """
            import os, time
            from campaigns import import_pool
            if __name__ == "__main__":
                import_pool.warm(2)
                while import_pool.ready() is None:
                    time.sleep(0.05)
                print("PIDS", *import_pool.ready()._processes, flush=True)
                os._exit(0)  # no shutdown, as after a SIGKILL
            """
        )
    )
    env = {**os.environ, "PYTHONPATH": repo}
    out = subprocess.run(
        [sys.executable, str(script)], cwd=repo, env=env, capture_output=True, text=True, timeout=120
    )
    pids = [int(p) for line in out.stdout.splitlines() if line.startswith("PIDS ") for p in line.split()[1:]]
    assert len(pids) == 2, out.stderr[-2000:]

    def running(pid: int) -> bool:
        try:
            state = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            return False
        return "\nState:\tZ" not in state

    deadline = time.monotonic() + 15
    while any(running(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(running(p) for p in pids)
