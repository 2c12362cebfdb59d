"""Screenshot the campaign dashboard with seeded data: `python scripts/screenshot_dashboard.py [out.png]`.

Starts the service on a temp SQLite database, seeds a campaign through the API (tests/support/dashboard_seed.py),
opens /dashboard in Debian's headless Chromium, pastes the key, opens a tier 1 prospect's breakdown and
saves a full-page PNG (default docs/dashboard.png).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.async_api import async_playwright  # noqa: E402

from tests.support.dashboard_seed import CHROMIUM, CHROMIUM_ARGS, seed, serve  # noqa: E402


async def main(out: Path) -> None:
    async with serve() as service:
        seeded = await seed(service.url, service.key)
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = await browser.new_page(viewport={"width": 1360, "height": 900}, device_scale_factor=1)
            await page.goto(f"{service.url}/dashboard#campaign={seeded['campaign_id']}")
            await page.get_by_label("API key", exact=True).fill(service.key)
            await page.get_by_role("button", name="Open dashboard").click()
            await page.locator("#steps-panel .step").first.wait_for()
            await page.locator("#prospects-panel tr.prospect").first.wait_for()
            await page.locator("#jobs-panel tr[data-job-id]").first.wait_for()
            await page.locator("#prospects-panel button.expand").first.click()
            await page.locator("#prospects-panel table.breakdown").first.wait_for()
            await page.wait_for_timeout(300)
            out.parent.mkdir(parents=True, exist_ok=True)
            await page.screenshot(path=str(out), full_page=True)
            await browser.close()
    print(f"saved {out}")


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "dashboard.png"))
