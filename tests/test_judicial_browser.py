"""Browser journey of a judicial request, in Debian's Chromium (see test_browser.py for the
set-up: live server, production settings, screenshots of failures).

A Spanish prosecutor drafts an extradition from the case page, is refused sending it before
the human-rights questions are answered, answers them, names the person sought and sends it
under the European Arrest Warrant; the Portuguese prosecution service confirms receipt,
recognises and executes it within both of its clocks; the case's timeline shows every step.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from paccto.cases import services as case_services
from paccto.core.choices import Role
from paccto.core.permissions import actor_for
from tests import test_browser as _browser
from tests.cases_factories import make_case
from tests.factories import institution
from tests.judicial_data import NO_RISK, basis, official, person
from tests.test_browser import open_session

# The browser, the live server and its data, and the screenshots of failures come from the
# fixtures of test_browser.py.
_allow_orm_beside_playwright = _browser._allow_orm_beside_playwright
_failure_recorder = _browser._failure_recorder
browser = _browser.browser
reference_data = _browser.reference_data
base_url = _browser.base_url
page = _browser.page

pytestmark = pytest.mark.browser

QUESTIONS = ("death_penalty", "torture", "political_offence", "fair_trial")


def take_step(page: Page, action: str, reason: str = "") -> None:
    form = page.locator(f"[data-testid=step-{action}]")
    if reason:
        form.locator("textarea[name=reason]").fill(reason)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_a_prosecutor_sends_an_extradition_that_is_confirmed_recognised_and_executed_in_time(
    page: Page, base_url: str
):
    from paccto.judicial.models import JudicialRequest

    prosecutor = official("es-fiscalia-general", (Role.PROSECUTOR,), "es.fiscal.browser")
    executing = official("pt-pgr", (Role.PROSECUTOR,), "pt.procurador.browser")
    police = official("es-policia-nacional", (Role.INVESTIGATOR,), "es.police.browser")
    case = make_case(police, reference="ES-UDYCO-2026-7", title="Operación Estrecho")
    case_services.case_add_participant(
        actor=actor_for(police),
        case=case,
        role="member",
        institution=institution("es-fiscalia-general"),
    )
    sought = person(prosecutor, nationality="es")

    # The prosecutor drafts the request from the case page: the case is already chosen.
    open_session(page, base_url, prosecutor)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_test_id("case-request-new").click()
    form = page.locator("[data-testid=request-form]")
    expect(form.locator("select[name=case]")).to_have_value(str(case.pk))
    form.locator("select[name=request_type]").select_option("extradition")
    form.locator("select[name=executing_institution]").select_option(str(institution("pt-pgr").pk))
    form.locator("select[name=legal_basis]").select_option(str(basis("eu-eaw").pk))
    form.locator("input[name=title]").fill("Surrender of the organiser of the shipments")
    form.locator("input[name=offence]").fill("Drug trafficking (article 368 Código Penal)")
    form.locator("textarea[name=facts]").fill(
        "Cocaine in containers of bananas landed at Algeciras in 2025 (synthetic facts)."
    )
    form.locator("textarea[name=measures]").fill("Arrest and surrender for prosecution.")
    with page.expect_navigation():
        form.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_test_id("request-status")).to_have_attribute("data-status", "draft")
    number = page.get_by_test_id("request-number").inner_text()
    request = JudicialRequest.objects.get(number=number)
    assert request.case_id == case.pk and request.request_type == "extradition"
    expect(page.get_by_test_id("safeguards-missing")).to_be_visible()

    # Sending before the human-rights questions are answered is refused, and nothing changes.
    take_step(page, "send")
    expect(page.get_by_text("Answer the human-rights questions before sending")).to_be_visible()
    expect(page.get_by_test_id("request-status")).to_have_attribute("data-status", "draft")

    # The answers, then the person sought, then sending.
    page.get_by_test_id("safeguards-link").click()
    answers = page.locator("[data-testid=safeguards-form]")
    for question in QUESTIONS:
        answers.locator(f"select[name={question}_answer]").select_option("no")
        answers.locator(f"textarea[name={question}_explanation]").fill(NO_RISK)
    with page.expect_navigation():
        answers.get_by_role("button", name="Save the answers").click()
    expect(page.get_by_text("The answers were saved.")).to_be_visible()
    expect(page.get_by_test_id("safeguards-missing")).to_have_count(0)
    page.get_by_text("Name a person or an asset of the entity store").click()
    entity = page.locator("[data-testid=entity-form]")
    entity.locator("input[name=entity]").fill(str(sought.pk))
    entity.locator("select[name=role]").select_option("sought")
    with page.expect_navigation():
        entity.get_by_role("button", name="Add").click()
    expect(page.get_by_test_id("request-entities")).to_contain_text("Person sought")
    take_step(page, "send")
    expect(page.get_by_test_id("request-status")).to_have_attribute("data-status", "sent")
    recognition = page.locator("[data-testid=deadline][data-phase=recognition]")
    expect(recognition).to_contain_text("running")
    expect(page.get_by_test_id("step-confirm_receipt")).to_have_count(0)  # not their step
    request_url = page.url

    # The Portuguese prosecution service finds it in its incoming requests and acts on it.
    open_session(page, base_url, executing)
    page.goto("/judicial/?box=incoming")
    row = page.locator(f"[data-testid=request-row][data-number='{number}']")
    expect(row).to_be_visible()
    row.get_by_role("link").first.click()
    expect(
        page.locator("[data-testid=safeguards] tr[data-question=death_penalty]")
    ).to_contain_text("No")
    expect(page.get_by_test_id("request-entities")).to_contain_text(sought.reference)
    for action, status in (
        ("confirm_receipt", "receipt_confirmed"),
        ("recognise", "recognised"),
        ("start_execution", "in_execution"),
        ("execute", "executed"),
    ):
        take_step(page, action, reason="" if action != "execute" else "Surrendered at Lisbon")
        expect(page.get_by_test_id("request-status")).to_have_attribute("data-status", status)
    for phase in ("recognition", "execution"):
        deadline = page.locator(f"[data-testid=deadline][data-phase={phase}]")
        expect(deadline).to_contain_text("met")
        expect(deadline).not_to_contain_text("met late")
    expect(page.get_by_test_id("overdue-marker")).to_have_count(0)
    actions = page.locator("[data-testid=event]")
    expect(actions).to_have_count(6)  # drafted, sent and the four steps of the executing side

    # Back on the case, the requesting prosecutor sees every step in the judicial lane.
    open_session(page, base_url, prosecutor)
    page.goto(request_url)
    expect(page.get_by_test_id("request-status")).to_have_attribute("data-status", "executed")
    page.goto(f"/cases/{case.pk}/")
    judicial = page.locator("[data-testid=case-events] li[data-lane=judicial]")
    expect(judicial.first).to_contain_text(number)
    expect(judicial.filter(has_text="Executed")).to_have_count(1)
    assert judicial.count() >= 6

    # A prosecutor of neither side gets "not found", as for a request that does not exist.
    outsider = official("fr-pnf", (Role.PROSECUTOR,), "fr.procureur.browser")
    open_session(page, base_url, outsider)
    response = page.goto(request_url)
    assert response is not None and response.status == 404
    expect(page.locator("body")).not_to_contain_text(number)
