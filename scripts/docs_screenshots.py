"""Screenshots for the user guides (docs/img/*.png).

Starts a real server with the demo data (tests.live_server.PlatformServer: gunicorn, a fresh
SQLite database in a temporary directory, PACCTO_REQUIRE_MFA=0), signs in with Playwright
(Chromium) as several demo accounts and saves one PNG per page into docs/img/.

    .venv/bin/python scripts/docs_screenshots.py [--out docs/img]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from tests.live_server import CHROMIUM, CHROMIUM_ARGS, PlatformServer  # noqa: E402

PASSWORD = "paccto-demo-2026"
VIEWPORT = {"width": 1280, "height": 800}
MAX_HEIGHT = 1400  # full-page shots are cut here to keep the files small


class Shooter:
    def __init__(self, browser: Browser, base_url: str, out: Path) -> None:
        self.browser = browser
        self.base_url = base_url
        self.out = out
        self.saved: list[Path] = []

    def page(self, username: str | None = None, locale: str = "es-ES") -> Page:
        """A fresh browser context, signed in as ``username`` if given. ``locale`` is the
        browser's (date inputs); the interface language is the account's own."""
        context = self.browser.new_context(viewport=VIEWPORT, base_url=self.base_url, locale=locale)
        page = context.new_page()
        if username:
            page.goto("/accounts/sign-in/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", PASSWORD)
            with page.expect_navigation():
                page.click("[data-testid=sign-in-form] button[type=submit]")
            if "/accounts/sign-in/" in page.url:
                raise RuntimeError(f"sign-in as {username} failed")
        return page

    def shot(self, page: Page, name: str, full_page: bool = True) -> None:
        page.wait_for_load_state("networkidle")
        path = self.out / f"{name}.png"
        height = page.evaluate("document.documentElement.scrollHeight")
        if full_page and height > MAX_HEIGHT:
            clip = {"x": 0, "y": 0, "width": VIEWPORT["width"], "height": MAX_HEIGHT}
            page.screenshot(path=str(path), type="png", full_page=True, clip=clip)
        else:
            page.screenshot(path=str(path), type="png", full_page=full_page)
        self.saved.append(path)
        print(f"  {path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB", flush=True)


def institution_pk(server: PlatformServer, key: str) -> int:
    out = server.paccto(
        "shell",
        "-v",
        "0",
        "-c",
        "from paccto.core.models import Institution;"
        f"print(Institution.objects.get(key={key!r}).pk)",
    )
    return int(out.strip().splitlines()[-1])


def take(shooter: Shooter, server: PlatformServer) -> None:
    # Sign-in page (anonymous), with the username typed.
    page = shooter.page()
    page.goto("/accounts/sign-in/")
    page.fill("input[name=username]", "co.analyst")
    shooter.shot(page, "sign-in", full_page=False)
    page.context.close()

    # One wrong password for co.analyst: it shows up in the Colombian DPO's audit log below.
    page = shooter.page()
    page.goto("/accounts/sign-in/")
    page.fill("input[name=username]", "co.analyst")
    page.fill("input[name=password]", "not-the-password-1")
    with page.expect_navigation():
        page.click("[data-testid=sign-in-form] button[type=submit]")
    page.context.close()

    # An analyst (Colombia, Spanish interface).
    page = shooter.page("co.analyst")
    page.goto("/")
    shooter.shot(page, "dashboard")

    page.goto("/directory/countries/")
    with page.expect_response(lambda r: "/directory/countries/?" in r.url and "q=" in r.url):
        page.fill("[data-testid=country-search]", "guay")
    page.wait_for_timeout(300)
    shooter.shot(page, "countries-search")

    page.goto(f"/directory/institutions/{institution_pk(server, 'co-policia-nacional')}/")
    shooter.shot(page, "institution")

    page.goto("/directory/networks/ameripol/")
    shooter.shot(page, "network")

    # A read token, so that the tokens table is not empty.
    page.goto("/accounts/profile/")
    page.fill("input[name=name]", "informes")
    page.select_option("select[name=scope]", "read")
    page.fill("input[name=days]", "30")
    with page.expect_navigation():
        page.click("form[action$='/profile/tokens/'] button[type=submit]")
    page.goto("/accounts/profile/")
    shooter.shot(page, "profile-tokens")
    page.context.close()

    # A national administrator: the accounts of Colombia.
    page = shooter.page("co.admin")
    page.goto("/accounts/users/")
    shooter.shot(page, "accounts")
    page.context.close()

    # A data-protection officer: the audit log of Colombia.
    page = shooter.page("co.dpo")
    page.goto("/audit/")
    shooter.shot(page, "audit-search")
    page.context.close()

    # The dashboard in French.
    page = shooter.page("fr.analyst", locale="fr-FR")
    page.goto("/")
    shooter.shot(page, "dashboard-fr")
    page.context.close()
    take_policy(shooter)


def take_policy(shooter: Shooter) -> None:
    """The policy cycle: a coordinator's dashboard of the demo cycle (charts drawn), and the
    public statistics page, without signing in."""
    page = shooter.page("co.policy")
    page.goto("/policy/")
    page.get_by_role("link", name="EU-LAC 2024-2027").click()
    page.wait_for_selector('canvas[data-chart="trend"][data-drawn="1"]')
    shooter.shot(page, "policy-dashboard")
    page.context.close()
    page = shooter.page(None, locale="en-GB")
    page.goto("/public/statistics/")
    shooter.shot(page, "public-statistics")
    page.context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="paccto-shots-") as tmp:
        server = PlatformServer(Path(tmp), workers=2)
        print("Preparing the server (migrate, collectstatic, seed-demo)...", flush=True)
        server.prepare()
        server.start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
                )
                try:
                    take(Shooter(browser, server.url, args.out.resolve()), server)
                finally:
                    browser.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
