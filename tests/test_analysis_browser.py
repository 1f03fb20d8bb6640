"""Browser journey of the link chart, in Debian's Chromium (see test_browser.py for the
set-up): open a chart on an entity, expand it, run centrality and a shortest path, export
a PNG, and never see a record of another institution that is not shared."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from paccto.core.choices import Role
from paccto.core.permissions import actor_for
from tests import test_browser as _browser
from tests.factories import make_user
from tests.test_browser import open_session

_allow_orm_beside_playwright = _browser._allow_orm_beside_playwright
_failure_recorder = _browser._failure_recorder
browser = _browser.browser
reference_data = _browser.reference_data
base_url = _browser.base_url
page = _browser.page

pytestmark = pytest.mark.browser
PLATFORM = {"share_scope": "platform"}


def chain(analyst, outsider):
    """A-B-C-D recorded by the analyst's police; H, owner-only at a Portuguese force, is
    linked to B and D (a shortcut the analyst must never see)."""
    from paccto.entities.services import entity_create, link_create

    me, them = actor_for(analyst), actor_for(outsider)
    names = ("Alba", "Bruno", "Carla", "Dario")
    nodes = [
        entity_create(
            actor=me,
            schema="Person",
            properties={"firstName": n, "lastName": "Ruiz"},
            provenance=PLATFORM,
        )
        for n in names
    ]
    for a, b in itertools.pairwise(nodes):
        link_create(actor=me, source=a, target=b, link_type="associate", provenance=PLATFORM)
    hidden = entity_create(
        actor=them, schema="Person", properties={"firstName": "Hidalgo", "lastName": "Secreto"}
    )
    link_create(actor=them, source=nodes[1], target=hidden, link_type="called", provenance=PLATFORM)
    link_create(actor=them, source=hidden, target=nodes[3], link_type="called", provenance=PLATFORM)
    return nodes, hidden


def chart_ids(page: Page) -> set[int]:
    return set(
        page.evaluate("() => window.paccoChart.nodes().not(':parent').map(n => n.data('entity'))")
    )


def select(page: Page, *ids: int) -> None:
    page.evaluate(
        "(ids) => { const cy = window.paccoChart; cy.elements().unselect();"
        " ids.forEach(id => cy.getElementById('n' + id).select()); }",
        list(ids),
    )


def test_an_analyst_charts_expands_analyses_and_exports_without_seeing_hidden_records(
    page: Page, base_url: str, tmp_path: Path
):
    analyst = make_user("CO", "police", (Role.ANALYST,), username="co.chart", language="en")
    outsider = make_user("PT", "police", (Role.ANALYST,), username="pt.chart", language="en")
    (a, b, c, d), hidden = chain(analyst, outsider)

    open_session(page, base_url, analyst)
    page.goto("/")
    page.get_by_test_id("nav-analysis").click()
    start = page.get_by_test_id("chart-start")
    start.locator("input[name=id]").fill(str(a.pk))
    start.locator("input[name=justification]").fill("Operación Marea Blanca")
    start.get_by_role("button", name="Open chart").click()
    status = page.get_by_test_id("chart-status")
    expect(status).to_contain_text("Entities on the chart: 2")
    assert chart_ids(page) == {a.pk, b.pk}

    # Expanding B brings C, never the hidden H.
    select(page, b.pk)
    page.get_by_test_id("chart-expand").click()
    expect(status).to_contain_text("Entities on the chart: 3")
    select(page, c.pk)
    page.get_by_test_id("chart-expand").click()
    expect(status).to_contain_text("Entities on the chart: 4")
    assert chart_ids(page) == {a.pk, b.pk, c.pk, d.pk}

    # Undo takes the last expansion back.
    page.get_by_test_id("chart-undo").click()
    assert chart_ids(page) == {a.pk, b.pk, c.pk}
    page.get_by_test_id("chart-expand").click()
    expect(status).to_contain_text("Entities on the chart: 4")

    # Centrality: the table lists the four visible entities, B and C first by betweenness.
    page.get_by_test_id("chart-metric").select_option("betweenness")
    page.get_by_test_id("chart-centrality").click()
    rows = page.get_by_test_id("chart-metrics-rows").locator("tr")
    expect(rows).to_have_count(4)
    expect(page.get_by_test_id("chart-metrics")).not_to_contain_text("Hidalgo")
    page.locator("th[data-sort=betweenness]").click()
    first_two = {rows.nth(0).get_attribute("data-entity"), rows.nth(1).get_attribute("data-entity")}
    assert first_two == {str(b.pk), str(c.pk)}
    sizes = page.evaluate(
        "(ids) => ids.map(id => window.paccoChart.getElementById('n' + id).data('size'))",
        [a.pk, b.pk],
    )
    assert sizes[1] > sizes[0]

    # The shortest path from A to D is 3 links through the visible chain (not 2 through H).
    select(page, a.pk, d.pk)
    page.get_by_test_id("chart-paths").click()
    expect(status).to_contain_text("Shortest path length: 3")
    assert hidden.pk not in chart_ids(page)

    # PNG export (a real PNG file) and data export.
    with page.expect_download() as download:
        page.get_by_test_id("chart-png").click()
    png = Path(download.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 1000
    with page.expect_download() as download:
        page.get_by_test_id("chart-json").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert {n["id"] for n in data["nodes"]} == {a.pk, b.pk, c.pk, d.pk}
    assert len(data["edges"]) == 3

    # Someone else's owner-only record: the chart cannot start from it.
    page.goto(f"/analysis/?kind=entity&id={hidden.pk}&justification=probe")
    expect(status).to_have_text("Not found.")
    assert chart_ids(page) == set()
