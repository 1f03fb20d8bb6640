"""Browser tests: the main journeys of PAcCTO in Debian's Chromium, driven by Playwright.

They run against pytest-django's live server (a transactional database flushed after every
test), under the test settings, i.e. production security: MFA required, no demo banner.
On failure a screenshot is kept in ``test-artifacts/<test name>.png``.
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import pytest
from django.test import Client
from django_otp.oath import totp
from playwright.sync_api import Page, expect, sync_playwright

from paccto.accounts.models import User
from paccto.core.choices import Role
from paccto.core.models import Country, Institution, NetworkMembership
from tests.factories import PASSWORD, make_user, verify_session
from tests.live_server import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
TIMEOUT_MS = 10_000
SIGN_IN = "/accounts/sign-in/"
GENERIC_SIGN_IN_ERROR = (
    "Sign-in failed: check your username and password. "
    "After 5 failed attempts the account is locked."
)


# --- screenshots of failed tests ---------------------------------------------------------------

_FAILED = pytest.StashKey[bool]()


class _FailureRecorder:
    """Marks a test item whose setup or call failed (hooks in a test module are not
    collected by pytest, so this small plugin is registered by a fixture below)."""

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = yield
        if report.when in ("setup", "call") and report.failed:
            item.stash[_FAILED] = True
        return report


@pytest.fixture(scope="session", autouse=True)
def _failure_recorder(request):
    manager = request.config.pluginmanager
    if not manager.has_plugin("paccto-browser-failures"):
        manager.register(_FailureRecorder(), "paccto-browser-failures")


# --- browser, live server, data ----------------------------------------------------------------


@pytest.fixture(scope="module")
def _allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in the test thread, which makes Django refuse
    ORM calls there; the tests (and their flushes) still use the ORM synchronously."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(_allow_orm_beside_playwright):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def reference_data(_allow_orm_beside_playwright, live_server, transactional_db):
    """The live server's database is flushed after each test: load the directory again."""
    from paccto.core.services import reference_data_load

    reference_data_load()


@pytest.fixture
def base_url(live_server) -> str:
    return live_server.url


@pytest.fixture
def page(request, browser, reference_data, base_url):
    """A fresh context (no cookies) and page per test, in English unless the user chose."""
    context = browser.new_context(base_url=base_url, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    if request.node.stash.get(_FAILED, False):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception as exc:  # a broken page must not hide the test's own failure
            print(f"screenshot failed: {exc}")  # noqa: T201
    context.close()


def open_session(page: Page, base_url: str, user: User) -> None:
    """Give the browser a signed-in session whose second factor is done (as after TOTP)."""
    client = Client()
    verify_session(client, user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )


def current_totp(secret: str) -> str:
    return f"{totp(base64.b32decode(secret)):06d}"


def submit_sign_in(page: Page, username: str, password: str) -> None:
    page.goto(SIGN_IN)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("[data-testid=sign-in-form] button[type=submit]")


# --- 1. sign-in ----------------------------------------------------------------------------------


def test_sign_in_errors_are_generic_then_totp_enrolment_reaches_the_dashboard(page: Page):
    make_user("CO", "police", (Role.ANALYST,), username="co.analyst")

    # A wrong password and an unknown username get the same generic answer.
    error = page.locator(".errorlist.nonfield")
    submit_sign_in(page, "co.analyst", "wrong-password-123")
    expect(page).to_have_url(re.compile(re.escape(SIGN_IN) + "$"))
    expect(page.locator("input[name=username]")).to_have_value("co.analyst")
    expect(error).to_have_text(GENERIC_SIGN_IN_ERROR)
    wrong_password_answer = page.locator("[data-testid=sign-in-form] .errorlist").all_inner_texts()

    submit_sign_in(page, "nobody.here", "wrong-password-123")
    expect(page.locator("input[name=username]")).to_have_value("nobody.here")
    expect(error).to_have_text(GENERIC_SIGN_IN_ERROR)
    unknown_user_answer = page.locator("[data-testid=sign-in-form] .errorlist").all_inner_texts()
    assert unknown_user_answer == wrong_password_answer

    # The right password leads to enrolment: production settings require a second factor.
    submit_sign_in(page, "co.analyst", PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/mfa/setup/$"))
    expect(page.locator(".qr svg")).to_be_visible()
    secret = page.locator("[data-testid=totp-secret]").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]+=*", secret)
    page.fill("input[name=token]", current_totp(secret))
    page.click("main form button[type=submit]")

    codes = page.locator("[data-testid=backup-codes] li")
    expect(codes).to_have_count(10)
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.locator("[data-testid=profile-link]")).to_have_text("co.analyst")


def test_sign_in_error_is_shown_once(page: Page):
    submit_sign_in(page, "nobody.here", "wrong-password-123")
    errors = page.get_by_text(GENERIC_SIGN_IN_ERROR)
    expect(errors.first).to_be_visible()
    assert errors.count() == 1


# --- 2. language ---------------------------------------------------------------------------------


def test_language_selector_switches_the_interface_and_saves_the_choice(page: Page, base_url: str):
    user = make_user("CO", "police", (Role.ANALYST,), username="co.lang")
    open_session(page, base_url, user)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")

    with page.expect_navigation():
        page.select_option("select#lang-select", "fr")  # autosubmits
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord")
    expect(page.locator("select#lang-select")).to_have_value("fr")

    # The next page keeps the choice.
    page.get_by_role("navigation").get_by_role("link", name="Pays").click()
    expect(page).to_have_url(re.compile(r"/directory/countries/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pays")

    # It is saved in the profile, so another browser (no language cookie) gets it too.
    user.refresh_from_db()
    assert user.language == "fr"
    other = page.context.browser.new_context(base_url=base_url, locale="en-US")
    try:
        other_page = other.new_page()
        open_session(other_page, base_url, user)
        other_page.goto("/")
        expect(other_page.locator("html")).to_have_attribute("lang", "fr")
        expect(other_page.get_by_role("heading", level=1)).to_have_text("Tableau de bord")
    finally:
        other.close()


# --- 3. directory --------------------------------------------------------------------------------


def test_directory_search_country_institution_network(page: Page, base_url: str):
    user = make_user("CO", "police", (Role.ANALYST,), username="co.fr", language="fr")
    open_session(page, base_url, user)
    assert Country.objects.count() == 38

    page.goto("/directory/countries/")
    rows = page.locator("[data-testid=country-table] tbody tr")
    expect(rows).to_have_count(38)

    # Live search through HTMX: the unaccented "peru" finds Peru, shown in French.
    page.fill("[data-testid=country-search]", "peru")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td").first).to_have_text("Pérou")
    expect(page).to_have_url(re.compile(r"[?&]q=peru"))  # hx-push-url
    expect(page.get_by_role("heading", level=1)).to_have_text("Pays")  # no full reload

    rows.first.get_by_role("link", name="Pérou").click()
    expect(page).to_have_url(re.compile(r"/directory/countries/PE/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pérou")

    institution = Institution.objects.get(key="pe-pnp")
    page.get_by_role("link", name=institution.name, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/directory/institutions/{institution.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(institution.name)

    page.get_by_role("link", name="AMERIPOL", exact=True).click()
    expect(page).to_have_url(re.compile(r"/directory/networks/ameripol/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("AMERIPOL")
    expect(page.get_by_role("heading", level=2)).to_have_text("Membres")
    members = NetworkMembership.objects.filter(network__key="ameripol")
    member_rows = page.locator("main table tbody tr")
    expect(member_rows).to_have_count(members.count())
    expect(page.get_by_role("link", name=institution.name, exact=True)).to_be_visible()
    expect(member_rows.filter(has_text=institution.name).locator("td").first).to_have_text("Pérou")


def test_back_after_a_live_search_shows_the_whole_page(page: Page, base_url: str):
    user = make_user("CO", "police", (Role.ANALYST,), username="co.back", language="en")
    open_session(page, base_url, user)
    page.goto("/directory/countries/")
    rows = page.locator("[data-testid=country-table] tbody tr")
    page.fill("[data-testid=country-search]", "peru")
    expect(rows).to_have_count(1)
    expect(page).to_have_url(re.compile(r"[?&]q=peru"))
    page.get_by_role("link", name="Peru", exact=True).click()
    expect(page).to_have_url(re.compile(r"/directory/countries/PE/$"))

    page.go_back()
    expect(page).to_have_url(re.compile(r"/directory/countries/\?q=peru"))
    expect(rows).to_have_count(1)
    assert page.locator("header.topbar").count() == 1
    assert page.get_by_role("heading", level=1).count() == 1


# --- 4. forbidden answers like missing -----------------------------------------------------------


def test_a_forbidden_record_answers_not_found_like_a_missing_one(page: Page, base_url: str):
    analyst = make_user("CO", "police", (Role.ANALYST,), username="co.analyst")
    portuguese = make_user("PT", "police", (Role.ANALYST,), username="pt.analyst")
    missing = 999_999
    assert not User.objects.filter(pk=missing).exists()
    open_session(page, base_url, analyst)

    own = page.goto(f"/accounts/users/{analyst.pk}/")
    assert own.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("co.analyst")

    answers = []
    for pk in (portuguese.pk, missing):
        response = page.goto(f"/accounts/users/{pk}/")
        assert response.status == 404
        expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
        message = page.locator("[data-testid=error-message]")
        expect(message).to_have_text("The page or record was not found.")
        expect(page.locator("body")).not_to_contain_text("pt.analyst")
        answers.append((page.title(), message.inner_text()))
    assert answers[0] == answers[1]

    api_answers = []
    for pk in (portuguese.pk, missing):
        response = page.goto(f"/api/v1/users/{pk}")
        assert response.status == 404
        api_answers.append(response.json())
    assert api_answers[0] == api_answers[1] == {"detail": "Not found."}


# --- 5. demo banner ------------------------------------------------------------------------------


def test_no_demo_banner_under_production_settings(page: Page, base_url: str, settings):
    assert settings.DEMO is False and settings.PACCTO_REQUIRE_MFA is True
    banner = page.locator("[data-testid=demo-banner]")
    page.goto(SIGN_IN)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(banner).to_have_count(0)

    open_session(page, base_url, make_user("CO", "police", (Role.ANALYST,), username="co.nobanner"))
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(banner).to_have_count(0)

    # The check above is not vacuous: with demo settings the same page shows the banner.
    settings.DEMO = True
    page.reload()
    expect(banner).to_be_visible()


def test_record_a_person_then_open_it_with_a_justification(page: Page, base_url: str):
    from paccto.entities.models import Entity

    user = make_user("CO", "police", (Role.ANALYST,), username="co.entity", language="en")
    open_session(page, base_url, user)
    page.goto("/entities/")
    page.locator("select[name=schema]").first.select_option("Person")
    page.get_by_role("button", name="New entity").click()
    form = page.locator("[data-testid=entity-form]")
    form.locator("input[name=p_firstName]").fill("Lucía")
    form.locator("input[name=p_lastName]").fill("Mendoza")
    form.locator("input[name=p_nationality]").fill("co; pe")
    form.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lucía Mendoza")
    expect(page.get_by_text("CO; PE")).to_be_visible()
    entity = Entity.objects.get(caption="Lucía Mendoza")
    # Opening it anew asks for a reason first and shows nothing before.
    page.goto(f"/entities/{entity.pk}/")
    expect(page.locator("[data-testid=justification-form]")).to_be_visible()
    expect(page.get_by_text("Mendoza")).to_have_count(0)
    page.locator("input[name=justification]").fill("Operation Condor 2026/4")
    page.get_by_role("button", name="Open").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lucía Mendoza")


def test_import_a_file_check_its_rows_and_import_the_valid_ones(
    page: Page, base_url: str, tmp_path: Path
):
    from paccto.entities.models import Entity

    user = make_user("CO", "police", (Role.ANALYST,), username="co.import", language="en")
    open_session(page, base_url, user)
    data = tmp_path / "personas.csv"
    data.write_text(
        "nombre;apellido;fecha_nacimiento\nAna;Rojas;1984-07-21\nJosé;Pérez;1984-02-30\n",
        encoding="latin-1",
    )
    page.goto("/entities/")
    page.get_by_test_id("imports-link").click()
    form = page.locator("[data-testid=import-upload]")
    form.locator("input[name=file]").set_input_files(str(data))
    form.locator("select[name=schema]").select_option("Person")
    form.get_by_role("button", name="Upload and check").click()
    mapping = page.locator("[data-testid=import-mapping]")
    expect(mapping.locator("select[name=col_0]")).to_have_value("firstName")
    mapping.get_by_role("button", name="Check every row").click()
    report = page.locator("[data-testid=import-report]")
    expect(report).to_contain_text("fecha_nacimiento")
    expect(report).to_contain_text("This date does not exist.")
    page.get_by_test_id("import-confirm").click()
    expect(page.locator("[data-testid=import-status]")).to_have_attribute("data-status", "done")
    assert list(Entity.objects.values_list("caption", flat=True)) == ["Ana Rojas"]


def test_hit_no_hit_tells_who_holds_the_record_without_showing_it(page: Page, base_url: str):
    from paccto.core.permissions import actor_for
    from paccto.entities.services import entity_create

    owner = make_user("CO", "police", (Role.ANALYST,), username="co.holder", language="en")
    record = entity_create(
        actor=actor_for(owner),
        schema="Person",
        properties={"firstName": "Francisco", "lastName": "Vásquez", "birthDate": "1982-09-05"},
    )
    asker = make_user("PT", "police", (Role.ANALYST,), username="pt.asker", language="en")
    open_session(page, base_url, asker)
    page.goto("/hits/")
    form = page.locator("[data-testid=hit-form]")
    form.locator("input[name=given_name]").fill("Paco")
    form.locator("input[name=surname]").fill("Basquez")
    form.locator("input[name=date_of_birth]").fill("1982-05-09")
    form.locator("input[name=justification]").fill("Operation Tejo 2026/9")
    form.get_by_role("button", name="Check").click()
    row = page.locator("[data-testid=hit-row]")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(record.reference)
    expect(row).to_contain_text("Hit — contact the owner.")
    expect(page.get_by_text("Francisco")).to_have_count(0)
    row.get_by_test_id("hit-request").click()
    expect(
        page.get_by_text(f"The owner institution was asked for record {record.reference}.")
    ).to_be_visible()


# --- secure exchange -----------------------------------------------------------------------------


def test_a_request_with_an_attachment_and_a_3_day_clock_is_acknowledged_answered_and_forwarded(
    page: Page, base_url: str, tmp_path: Path
):
    from datetime import timedelta

    from paccto.exchange.models import ClockRule, ForwardRequest, Message

    sender = make_user("CO", "police", (Role.INVESTIGATOR,), username="co.sender", language="en")
    recipient = make_user("PT", "police", (Role.ANALYST,), username="pt.recipient", language="en")
    third = make_user("CO", "prosecution", (Role.PROSECUTOR,), username="co.third", language="en")
    three_days = ClockRule.objects.get(instrument="eu-2023-977", urgency="urgent-indirect")
    report = tmp_path / "informe.pdf"
    report.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")

    # The sender writes an H2 request for information with an attachment and a 3-day clock.
    open_session(page, base_url, sender)
    page.goto("/")
    page.get_by_test_id("nav-exchange").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inbox")
    page.get_by_test_id("compose").click()
    form = page.locator("[data-testid=compose-form]")
    form.locator("select[name=recipients]").select_option(str(recipient.institution_id))
    form.locator("input[name=subject]").fill("Vessel Estrella del Sur")
    form.locator("textarea[name=body]").fill("Do you hold records on the vessel Estrella del Sur?")
    form.locator("select[name=language]").select_option("en")
    form.locator("select[name=clock_rule]").select_option(str(three_days.pk))
    form.locator("select[name=handling_code]").select_option("H2")
    form.locator("input[name=attachments]").set_input_files(str(report))
    form.get_by_test_id("send").click()
    message = Message.objects.get(subject="Vessel Estrella del Sur")
    expect(page.get_by_text(f"Message {message.reference} sent.")).to_be_visible()
    assert timedelta(days=3) - (message.due_at - message.sent_at) == timedelta(0)
    expect(page.get_by_test_id("due")).to_contain_text(str(message.due_at.year))
    expect(page.get_by_test_id("attachment-link")).to_have_text("informe.pdf")
    expect(page.get_by_test_id("h2-mark")).to_be_visible()

    # The recipient sees it, with its due time, downloads the file, acknowledges and replies.
    page.context.clear_cookies()
    open_session(page, base_url, recipient)
    page.goto("/exchange/")
    expect(page.get_by_test_id("unread-count")).to_have_text("1")
    row = page.locator("[data-testid=inbox-row]").filter(has_text="Vessel Estrella del Sur")
    expect(row).to_contain_text("new")
    row.get_by_role("link", name="Vessel Estrella del Sur").click()
    expect(page.get_by_test_id("message-body")).to_contain_text("Estrella del Sur?")
    with page.expect_download() as download:
        page.get_by_test_id("attachment-link").click()
    assert Path(download.value.path()).read_bytes() == report.read_bytes()
    page.get_by_test_id("acknowledge").click()
    expect(page.get_by_text("Receipt acknowledged on")).to_be_visible()
    expect(page.get_by_test_id("acknowledged")).to_be_visible()
    page.get_by_test_id("reply").click()
    reply = page.locator("[data-testid=compose-form]")
    expect(reply.locator("input[name=subject]")).to_have_value("Re: Vessel Estrella del Sur")
    reply.locator("textarea[name=body]").fill("Yes: two port calls in Leixões in 2025.")
    reply.locator("select[name=clock_rule]").select_option("")
    reply.get_by_test_id("send").click()
    expect(page.get_by_text("In reply to")).to_be_visible()
    message.refresh_from_db()
    assert message.answered_at is not None

    # Forwarding the H2 request to a third institution asks the owner first.
    page.goto(f"/exchange/messages/{message.pk}/")
    forward = page.locator("[data-testid=forward-form]")
    forward.locator("select[name=targets]").select_option(str(third.institution_id))
    forward.get_by_test_id("forward").click()
    expect(page.get_by_text("its owner was asked for permission")).to_be_visible()
    expect(page.get_by_test_id("forward-status").first).to_contain_text("Waiting for the owner")
    assert not Message.objects.filter(forwarded_from=message).exists()

    # The sender sees the acknowledgement, then grants the forwarding.
    page.context.clear_cookies()
    open_session(page, base_url, sender)
    page.goto(f"/exchange/messages/{message.pk}/")
    expect(page.get_by_test_id("recipient-ack")).to_contain_text(recipient.get_full_name())
    page.get_by_test_id("bell").click()
    expect(page.locator("[data-testid=notification-row]").first).to_contain_text(
        "asks permission to forward"
    )
    page.goto("/exchange/forward-requests/")
    page.locator("select[name=decision]").select_option("grant")
    page.get_by_test_id("decide").click()
    expect(page.get_by_text("Forwarding granted: the copy was delivered.")).to_be_visible()
    assert ForwardRequest.objects.get().status == "granted"

    # The third institution now has the copy, with the original owner and H2 restriction.
    page.context.clear_cookies()
    open_session(page, base_url, third)
    page.goto("/exchange/")
    page.get_by_role("link", name="Vessel Estrella del Sur").click()
    expect(page.get_by_test_id("owner")).to_contain_text(sender.institution.name)
    expect(page.get_by_test_id("h2-mark")).to_be_visible()
    expect(page.get_by_test_id("copy-of")).to_contain_text(message.reference)
