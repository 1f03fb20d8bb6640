"""Browser journeys of the policy cycle (Playwright + Debian's Chromium): a dashboard draws
its charts (Chart.js, vendored) from seeded figures, a platform administrator adds a priority
and its action plan from the cycle page and closes the cycle (after ticking the
confirmation), and the public statistics page, opened without signing in, shows aggregated
figures with small counts withheld."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from paccto.core.choices import Role
from paccto.core.permissions import actor_for
from paccto.policy import services
from paccto.policy.services import EntryData
from tests.factories import make_user
from tests.policy_data import policy_records
from tests.test_browser import (  # noqa: F401  (fixtures)
    _allow_orm_beside_playwright,
    _failure_recorder,
    base_url,
    browser,
    open_session,
    page,
    reference_data,
)

pytestmark = pytest.mark.browser

# Non-blank pixels of a canvas: a drawn chart has bars, axes and labels.
PAINTED = """(canvas) => {
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) { n += 1; } }
  return n;
}"""


def _seed() -> dict:
    records = policy_records()
    es = actor_for(records["es_pc"])
    for kind, unit, value, extra in (
        ("arrests", "count", 40, {"sex": "female", "age_group": "youth"}),
        ("victims_identified", "count", 3, {"sex": "female", "age_group": "minor"}),
        ("victims_identified", "count", 25, {"sex": "female", "age_group": "adult"}),
        ("drugs_seized", "kg", "812.5", {"drug_type": "cocaine"}),
    ):
        services.indicator_entry_create(
            actor=es,
            action=records["policy_action"],
            data=EntryData(
                kind=kind,
                unit=unit,
                value=value,
                period_start=date(2025, 1, 1),
                period_end=date(2025, 12, 31),
                **extra,
            ),
        )
    return records


def test_a_dashboard_draws_its_charts_from_the_seeded_figures(page: Page, base_url: str):  # noqa: F811
    records = _seed()
    analyst = make_user("PE", "police", (Role.ANALYST,), username="pe.analyst")
    open_session(page, base_url, analyst)
    page.goto("/policy/")
    page.get_by_role("link", name="2024-2027").click()
    expect(page.get_by_test_id("cycle-name")).to_contain_text("2024-2027")
    expect(page.get_by_test_id("totals").locator('[data-kind="arrests"]')).to_have_text("52")
    for key in ("by_market", "trend", "victims", "drugs", "by_country"):
        canvas = page.get_by_test_id(f"chart-{key}")
        expect(canvas).to_have_attribute("data-drawn", "1")
        assert canvas.evaluate(PAINTED) > 500, key
    expect(page.get_by_test_id("plan-progress")).to_contain_text(records["plan"].code)
    # A narrower scope: Europe only leaves Spain's figures.
    page.locator("select[name=region]").select_option("eu")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("totals").locator('[data-kind="arrests"]')).to_have_text("40")
    expect(page.get_by_test_id("chart-by_market")).to_have_attribute("data-drawn", "1")


def test_an_administrator_adds_a_priority_and_its_plan_from_the_cycle_page(
    page: Page,  # noqa: F811
    base_url: str,  # noqa: F811
):
    admin = make_user("ES", "ministry", (Role.PLATFORM_ADMIN,), username="pol.admin")
    records = policy_records(admin_user=admin)
    open_session(page, base_url, admin)
    page.goto(f"/policy/cycles/{records['cycle'].pk}/")
    page.get_by_test_id("priority-new").click()
    form = page.get_by_test_id("priority-form")
    form.locator("select[name=criminal_market]").select_option("firearms")
    form.locator("input[name=title]").fill("Diverted firearms")
    form.get_by_role("button", name="Add").click()
    priority = page.get_by_test_id("priority-firearms")
    expect(priority).to_contain_text("2. Firearms trafficking: Diverted firearms")
    priority.get_by_test_id("plan-new").click()
    form = page.get_by_test_id("plan-form")
    form.locator("input[name=code]").fill("OAP-F")
    form.locator("input[name=title]").fill("Tracing")
    form.locator("select[name=driver]").select_option("MX")
    form.locator("select[name=co_drivers]").select_option(["CO", "ES"])
    form.locator("select[name=participants]").select_option(["PE"])
    form.get_by_role("button", name="Adopt").click()
    expect(page.get_by_test_id("plan-title")).to_have_text("OAP-F: Tracing")
    expect(page.locator("dl.facts")).to_contain_text("Colombia")
    page.get_by_role("link", name=records["cycle"].name, exact=True).click()
    plans = page.get_by_test_id("priority-firearms").get_by_test_id("priority-plans")
    expect(plans).to_contain_text("OAP-F: Tracing")


def test_an_administrator_closes_the_cycle_only_after_confirming_it(
    page: Page,  # noqa: F811
    base_url: str,  # noqa: F811
):
    admin = make_user("ES", "ministry", (Role.PLATFORM_ADMIN,), username="pol.admin")
    records = policy_records(admin_user=admin)  # an active cycle
    open_session(page, base_url, admin)
    page.goto(f"/policy/cycles/{records['cycle'].pk}/")
    expect(page.get_by_test_id("cycle-status-active")).to_have_count(0)
    closing = page.get_by_test_id("cycle-status-closed")
    expect(closing).to_contain_text("A closed cycle takes no new priority, goal, plan or action.")
    closing.locator("input[name=justification]").fill("Replaced by the next cycle")
    # Unticked, the browser keeps the form (the box is required) and nothing changes.
    closing.get_by_role("button", name="Close the cycle").click()
    expect(page.get_by_test_id("cycle-status-closed")).to_be_visible()
    records["cycle"].refresh_from_db()
    assert records["cycle"].status == "active"
    closing.get_by_label("Yes, close this cycle").check()
    closing.get_by_role("button", name="Close the cycle").click()
    expect(page.get_by_text("The cycle was closed.")).to_be_visible()
    expect(page.get_by_test_id("cycle-status")).to_have_count(0)
    records["cycle"].refresh_from_db()
    assert records["cycle"].status == "closed"


def test_the_public_page_shows_only_aggregates_with_small_counts_withheld(
    page: Page,  # noqa: F811
    base_url: str,  # noqa: F811
):
    records = _seed()
    page.goto("/public/statistics/")
    expect(page.get_by_role("heading", name="Public statistics", exact=True)).to_be_visible()
    victims = page.get_by_test_id("public-victims_identified_by_sex_age")
    female = victims.locator("tbody tr").first
    cells = female.locator("td")
    # minors 3 (withheld), youth 0, adults 25 (withheld too, else 28 - 25 gives the 3 back)
    expect(cells.nth(0)).to_have_text("*")
    expect(cells.nth(1)).to_have_text("0")
    expect(cells.nth(2)).to_have_text("*")
    expect(cells.nth(4)).to_have_text("28")
    text = page.locator("main").inner_text()
    for user in (records["co_pc"], records["es_pc"]):
        assert user.last_name not in text and user.username not in text
    # No sign-in, no menu of the platform.
    expect(page.locator("nav[aria-label=Main]")).to_have_count(0)
    page.locator("#lang-select").select_option("es")
    expect(page.get_by_role("heading", name="Estadísticas públicas", exact=True)).to_be_visible()
