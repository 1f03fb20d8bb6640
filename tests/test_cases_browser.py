"""Browser journey of a joint investigation team, in Debian's Chromium (see test_browser.py
for the set-up: live server, production settings, screenshots of failures)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from paccto.core.choices import Role
from tests import test_browser as _browser
from tests.cases_factories import PDF
from tests.factories import make_user
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


def test_a_jit_of_two_countries_registers_evidence_hands_it_over_and_the_chain_verifies(
    page: Page,
    base_url: str,
    tmp_path: Path,
):
    from paccto.cases.models import CustodyEvent, Jit

    lead = make_user("CO", "police", (Role.INVESTIGATOR,), username="co.lead", language="en")
    member = make_user("PT", "police", (Role.INVESTIGATOR,), username="pt.member", language="en")
    outsider = make_user("CO", "prosecution", (Role.PROSECUTOR,), username="co.out", language="en")

    # The lead sets up the team with the Portuguese police.
    open_session(page, base_url, lead)
    page.goto("/cases/jits/")
    page.get_by_test_id("jit-new").click()
    form = page.locator("[data-testid=jit-form]")
    form.locator("input[name=name]").fill("ECI Atlántico")
    form.locator("select[name=legal_basis]").select_option("bilateral")
    form.locator("textarea[name=purpose]").fill("Cocaine through container ports")
    form.locator("input[name=start_date]").fill("2026-01-01")
    form.locator("input[name=end_date]").fill("2026-12-31")
    form.locator("select[name=parties]").select_option(
        [str(lead.institution_id), str(member.institution_id)]
    )
    form.locator("textarea[name=members]").fill("co.lead\npt.member")
    form.locator("input[name=leader]").fill("co.lead")
    form.get_by_role("button", name="Set up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ECI Atlántico")
    expect(page.locator("[data-testid=jit-members]")).to_contain_text("pt.member")
    jit = Jit.objects.get()

    # Evidence with its file.
    upload = tmp_path / "acta-incautacion.pdf"
    upload.write_bytes(PDF)
    page.get_by_test_id("evidence-new").click()
    form = page.locator("[data-testid=evidence-form]")
    form.locator("input[name=item]").fill("Seizure report")
    form.locator("select[name=evidence_type]").select_option("document")
    form.locator("textarea[name=description]").fill("Report of the seizure at the port")
    form.locator("input[name=seized_at]").fill("2026-03-02T10:30")
    form.locator("input[name=seized_place]").fill("Cartagena")
    form.locator("input[name=seized_by]").fill("Patrullero Gómez")
    form.locator("input[name=files]").set_input_files(str(upload))
    form.get_by_role("button", name="Register").click()
    expect(page.locator("[data-testid=evidence-holder]")).to_have_text("co.lead")
    expect(page.locator("[data-testid=evidence-files]")).to_contain_text("acta-incautacion.pdf")

    # Handed over to the Portuguese member.
    custody = page.locator("[data-testid=custody-form]")
    custody.locator("select[name=kind]").select_option("handed_over")
    custody.locator("select[name=to_holder]").select_option("pt.member")
    custody.locator("input[name=place]").fill("Lisboa")
    custody.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The custody event was recorded.")).to_be_visible()
    expect(page.locator("[data-testid=evidence-holder]")).to_have_text("pt.member")
    expect(page.locator("[data-testid=custody-row]")).to_have_count(2)
    evidence_url = page.url

    # The member downloads the file (checked against its SHA-256) and verifies the chain.
    open_session(page, base_url, member)
    page.goto(evidence_url)
    with page.expect_download() as download:
        page.get_by_test_id("file-download").click()
    assert Path(download.value.path()).read_bytes() == PDF
    page.goto(f"/cases/jits/{jit.pk}/")
    page.get_by_test_id("custody-verify-link").click()
    verdict = page.locator("[data-testid=custody-verdict]")
    expect(verdict).to_have_attribute("data-ok", "true")
    expect(verdict).to_contain_text("every chain is intact")
    assert list(CustodyEvent.objects.values_list("kind", flat=True)) == [
        "registered",
        "handed_over",
        "downloaded",
    ]

    # Someone outside the team gets "not found", exactly as for a team that does not exist.
    open_session(page, base_url, outsider)
    answers = []
    for pk in (jit.pk, 999_999):
        for path in ("", "custody/verify/"):
            response = page.goto(f"/cases/jits/{pk}/{path}")
            assert response.status == 404
            expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
            expect(page.locator("body")).not_to_contain_text("Atlántico")
            answers.append((page.title(), page.locator("[data-testid=error-message]").inner_text()))
    assert len(set(answers)) == 1
    page.goto("/cases/jits/")
    expect(page.locator("[data-testid=jit-table]")).not_to_contain_text("Atlántico")
