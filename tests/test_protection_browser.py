"""Browser journey of a protection order (Playwright + Debian's Chromium): issued in
Argentina, recognised in Uruguay, verified by a Uruguayan police officer who sees the
measures and never the protected person; a breach report reaches the issuer."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from paccto.core.choices import Role
from paccto.protection.models import ProtectionOrder
from tests.factories import institution
from tests.protection_data import officer
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

VICTIM = {
    "given": "Florencia Abril",
    "surnames": "Maidana Sosa",
    "phone": "+598 98 765 432",
    "email": "florencia.demo@example.org",
    "address": "Bulevar Artigas 1825, Montevideo",
    "child": "Valentino",
}


def _new_page(first: Page, url: str, user) -> Page:
    """Another browser context (another person at another desk), signed in as ``user``."""
    context = first.context.browser.new_context(base_url=url, locale="en-US")
    context.set_default_timeout(10_000)
    other = context.new_page()
    open_session(other, url, user)
    return other


def _open_order(p: Page, number: str, reason: str) -> None:
    p.goto("/protection/")
    p.get_by_role("link", name=number).first.click()
    p.locator("input[name=justification]").fill(reason)
    p.get_by_role("button", name="Open").click()
    expect(p.get_by_test_id("order-number")).to_have_text(number)


def test_an_order_from_argentina_recognised_in_uruguay_verified_by_police_then_breached(
    page: Page,  # noqa: F811  (the fixture imported above)
    base_url: str,  # noqa: F811
):
    ar_po = officer("ar-csjn", (Role.PROTECTION_OFFICER,), "ar.po")
    uy_po = officer("uy-scj", (Role.PROTECTION_OFFICER,), "uy.po")
    uy_police = officer("uy-policia-nacional", (Role.INVESTIGATOR,), "uy.police")
    today = timezone.localdate()

    # 1. Argentina issues the order from a national measure and transmits it to Uruguay.
    open_session(page, base_url, ar_po)
    page.goto("/protection/")
    page.get_by_test_id("order-new").click()
    form = page.get_by_test_id("order-form")
    for name, value in {
        "national_measure_reference": "Expte. 4512/2026",
        "national_measure_date": (today - timedelta(days=2)).isoformat(),
        "national_measure_authority": "Juzgado Nacional en lo Civil n.º 92",
        "valid_from": (today - timedelta(days=1)).isoformat(),
        "valid_to": (today + timedelta(days=365)).isoformat(),
        "respondent_given_name": "Julián Andrés",
        "respondent_surname": "Benítez",
        "respondent_second_surname": "Carranza",
        "respondent_date_of_birth": "1985-11-02",
        "respondent_nationality": "AR",
        "victim_given_names": VICTIM["given"],
        "victim_surnames": VICTIM["surnames"],
        "victim_date_of_birth": "1991-04-17",
        "victim_phone": VICTIM["phone"],
        "victim_email": VICTIM["email"],
        "victim_address": VICTIM["address"],
        "child_1_given_names": VICTIM["child"],
        "child_1_surnames": "Benítez Maidana",
        "child_1_date_of_birth": "2016-08-09",
        "distance_metres": "500",
        "no_entry_places": "Barrio Cordón, Montevideo",
    }.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("[name=m_distance]").check()
    form.locator("[name=m_no_contact]").check()
    form.locator("[name=no_contact_means][value=any]").check()
    form.locator("[name=m_no_entry]").check()
    form.get_by_role("button", name="Issue (draft)").click()
    expect(page.get_by_test_id("order-status")).to_have_text("Draft")
    number = page.get_by_test_id("order-number").inner_text()
    assert re.fullmatch(r"AR-OMP-\d{4}-\d{6}", number)
    transmit = page.get_by_test_id("transmit-form")
    transmit.locator("select[name=executing_institution]").select_option(
        str(institution("uy-scj").pk)
    )
    transmit.get_by_role("button", name="Transmit").click()
    expect(page.get_by_test_id("order-status")).to_have_text("Transmitted")

    # 2. Uruguay's protection officer is told, reads her data, recognises and enforces it.
    uy = _new_page(page, base_url, uy_po)
    uy.goto("/protection/")
    expect(uy.get_by_test_id("protection-notifications")).to_contain_text(
        "An order was transmitted to your institution"
    )
    _open_order(uy, number, "Reception of order from Argentina")
    uy.get_by_test_id("victim-link").click()
    uy.locator("input[name=justification]").fill("Safety plan with the local team")
    uy.get_by_role("button", name="Open").click()
    expect(uy.get_by_test_id("protected-persons")).to_contain_text(VICTIM["address"])
    uy.go_back()
    uy.go_back()
    for decision, status in (("recognise", "Recognised"), ("enforce", "In force")):
        decide = uy.get_by_test_id("decision-form")
        decide.locator("select[name=decision]").select_option(decision)
        decide.get_by_role("button", name="Record the decision").click()
        expect(uy.get_by_test_id("transmission-status")).to_have_text(status)

    # 3. A Uruguayan police officer verifies: measures and respondent, never her.
    police = _new_page(page, base_url, uy_police)
    police.goto("/protection/verify/")
    check = police.get_by_test_id("verify-form")
    check.locator("[name=given_name]").fill("Julian")
    check.locator("[name=surname]").fill("Benitez Carranza")
    check.locator("[name=date_of_birth]").fill("1985-11-02")
    check.locator("[name=justification]").fill("Roadside check 2026-118")
    check.get_by_role("button", name="Verify").click()
    result = police.get_by_test_id("valid-order")
    expect(result).to_have_count(1)
    expect(result).to_contain_text(number)
    expect(result.get_by_test_id("measure")).to_have_count(3)
    expect(result).to_contain_text("at least 500 metres")
    expect(result).to_contain_text("Any means")
    expect(police.get_by_test_id("verified-respondent")).to_contain_text("Benítez")
    body = police.locator("body")
    for secret in (*VICTIM.values(), "Florencia", "Maidana", "98 765 432"):
        expect(body).not_to_contain_text(secret)
    # The police officer cannot open the order or her data either.
    order = ProtectionOrder.objects.get(number=number)
    assert police.goto(f"/protection/{order.pk}/protected-persons/?justification=x").status == 404
    assert police.goto(f"/protection/{order.pk}/?justification=x").status == 404

    # 4. Uruguay reports a breach on the standard form.
    _open_order(uy, number, "Breach follow-up")
    uy.get_by_test_id("breach-new").click()
    breach = uy.get_by_test_id("breach-form")
    breach.locator("select[name=measure]").select_option(label="Minimum distance")
    when = timezone.localtime() - timedelta(hours=3)
    breach.locator("[name=occurred_at]").fill(when.strftime("%Y-%m-%dT%H:%M"))
    breach.locator("[name=place]").fill("Parque Rodó, Montevideo")
    breach.locator("[name=description]").fill("The proximity alarm went off at 60 metres.")
    breach.locator("[name=action_taken]").fill("Patrol sent; he was detained for the prosecutor.")
    breach.get_by_role("button", name="Send to the issuing authority").click()
    expect(uy.get_by_test_id("breach")).to_contain_text("The proximity alarm went off")

    # 5. The breach reaches the issuer, who records that she was informed.
    page.goto("/protection/")
    expect(page.get_by_test_id("protection-notifications")).to_contain_text("A breach was reported")
    _open_order(page, number, "Breach received from Uruguay")
    expect(page.get_by_test_id("order-status")).to_have_text("Breach reported")
    row = page.get_by_test_id("breach")
    expect(row).to_contain_text("Parque Rodó, Montevideo")
    informed = row.get_by_test_id("informed-form")
    informed.locator("[name=informed_at]").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    informed.get_by_role("button", name="Record").click()
    expect(page.get_by_test_id("breach")).to_contain_text("Yes")
    for p in (uy, police):
        p.context.close()
