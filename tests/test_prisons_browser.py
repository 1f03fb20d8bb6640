"""Browser journey of a case from police intelligence to a prison admission, in Debian's
Chromium (see test_browser.py for the set-up: live server, production settings,
screenshots of failures)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from paccto.core.choices import Role
from paccto.core.permissions import actor_for
from tests import test_browser as _browser
from tests.cases_factories import make_case
from tests.factories import make_user
from tests.prisons_factories import identity, prison_officer
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


def test_a_case_runs_from_intelligence_to_a_prison_admission_on_one_timeline_and_the_release_alerts_the_police(  # noqa: E501
    page: Page, base_url: str
):
    from paccto.cases import services as case_services
    from paccto.entities.services import entity_create
    from paccto.exchange.models import Notification
    from paccto.prisons.models import Inmate

    today = timezone.localdate()
    investigator = make_user("CO", "police", (Role.INVESTIGATOR,), username="co.inv", language="en")
    officer = prison_officer("CO", username="co.prison", language="en")
    lead = actor_for(investigator)

    # The police's case moves along the chain to the execution of the sentence; the prison
    # service takes part in it, and the convicted person is one of the case's persons.
    case = make_case(investigator, reference="CO-2026-909")
    for stage in ("investigation", "prosecution", "trial", "sentence_execution"):
        case_services.case_change_stage(actor=lead, case=case, to_stage=stage, reason=stage)
    case_services.case_add_participant(
        actor=lead, case=case, role="member", institution=officer.institution
    )
    who = identity("CO")
    person = entity_create(
        actor=lead,
        schema="Person",
        properties={
            "firstName": who["given_name"],
            "lastName": who["surname"],
            "birthDate": who["birth_date"],
            "nationality": "co",
        },
        provenance={"share_scope": "country"},
    )
    case_services.case_link_entity(actor=lead, case=case, entity=person, justification="matrix")

    # The prison officer admits him, linked to the case.
    open_session(page, base_url, officer)
    page.goto("/prisons/inmates/new/")
    form = page.locator("[data-testid=inmate-form]")
    form.locator("[name=person]").fill(person.reference)
    form.locator("[name=register_number]").fill("RN-0909")
    form.locator("[name=establishment]").fill("Establecimiento La Picota, Bogotá")
    form.locator("[name=admission_date]").fill(today.isoformat())
    form.locator("[name=case]").select_option(str(case.pk))
    form.locator("[name=legal_status]").select_option("sentenced")
    form.locator("[name=sentence_type]").select_option("imprisonment")
    form.locator("[name=sentence_months]").fill("60")
    form.locator("[name=sentence_court]").fill("Juzgado 3 Penal del Circuito Especializado")
    form.locator("[name=sentence_date]").fill((today - timedelta(days=20)).isoformat())
    form.locator("[name=expected_release_date]").fill((today + timedelta(days=5 * 365)).isoformat())
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    inmate = Inmate.objects.get(register_number="RN-0909")
    assert inmate.person_id == person.pk and inmate.case_id == case.pk
    expect(page.locator("[data-testid=inmate-reference]")).to_have_text(inmate.reference)
    expect(page.locator("[data-testid=inmate-event][data-kind=admission]")).to_have_count(1)

    # The case's timeline shows the stage changes and, in the prison lane, the admission.
    open_session(page, base_url, investigator)
    page.goto(f"/cases/{case.pk}/")
    timeline = page.locator("[data-testid=case-events]")
    expect(timeline.locator("[data-lane=case]")).to_have_count(5)
    prison = timeline.locator("[data-lane=prison]")
    expect(prison).to_have_count(1)
    expect(prison).to_contain_text(f"Admitted: {inmate.full_name}")

    # The police ask to be told before the release, on the inmate's page.
    page.goto(f"/prisons/inmates/{inmate.pk}/?justification=CO-2026-909")
    watch = page.locator("[data-testid=watch-form]")
    watch.locator("[name=reason]").fill("CO-2026-909: head of the Urabá cell")
    watch.locator("[name=days_before]").fill("30")
    with page.expect_navigation():
        watch.locator("button[type=submit]").click()
    expect(page.locator("[data-testid=inmate-watches]")).to_contain_text("co.inv")

    # The prison service records the release; the police get their alert at once.
    open_session(page, base_url, officer)
    page.goto(f"/prisons/inmates/{inmate.pk}/?justification=release")
    release = page.locator("[data-testid=release-form]")
    release.locator("xpath=ancestor::details").locator("summary").click()
    release.locator("[name=released_on]").fill(today.isoformat())
    with page.expect_navigation():
        release.locator("button[type=submit]").click()
    expect(page.locator("[data-testid=inmate-status]")).to_have_text("Released")
    assert Notification.objects.get(user=investigator).kind == "released"

    open_session(page, base_url, investigator)
    page.goto("/exchange/notifications/")
    expect(page.locator("main")).to_contain_text(f"Inmate {inmate.reference} was released on")
