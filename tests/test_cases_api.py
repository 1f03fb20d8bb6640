"""Cases and teams through the API and the pages: whole journeys, bad input and abuse,
and the cost of the lists."""

import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from paccto.audit.models import AuditEntry
from paccto.cases import services
from paccto.cases.models import Case, CustodyEvent, Evidence, Jit
from paccto.core.permissions import actor_for
from tests.cases_factories import PDF, PNG, make_case, make_jit, register_evidence
from tests.factories import verify_session
from tests.matrix import PermissionMatrix

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English (the platform's default language is Spanish)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


class TestJitDetailAnswersNotFoundToNonMembers(PermissionMatrix):
    api = True
    matrix = {
        "anonymous": 401,
        "owner": 200,
        "other_country": 200,
        "other_institution": 404,
        "colleague_no_role": 404,
        "co_admin": 404,
        "co_dpo": 404,
        "platform_admin": 404,
    }

    def prepare(self, actors):
        self.jit = make_jit(actors.owner, actors.other_country)

    def request(self, client, actors):
        return f"/api/v1/jits/{self.jit.pk}", {}


class TestEvidencePageOfATeam(PermissionMatrix):
    matrix = {"anonymous": 302, "owner": 200, "other_country": 200, "other_institution": 404}

    def prepare(self, actors):
        self.jit = make_jit(actors.owner, actors.other_country)
        self.evidence = register_evidence(actors.owner, self.jit)

    def request(self, client, actors):
        return f"/cases/jits/{self.jit.pk}/evidence/{self.evidence.pk}/", {}


class TestCasePageOfParticipants(PermissionMatrix):
    matrix = {"anonymous": 302, "owner": 200, "other_country": 404, "other_institution": 404}

    def prepare(self, actors):
        self.case = make_case(actors.owner)

    def request(self, client, actors):
        return f"/cases/{self.case.pk}/", {}


def _signed(client, user):
    client.logout()
    verify_session(client, user)
    return client


def _jit_body(actors, **overrides):
    body = {
        "name": "ECI Tejo",
        "legal_basis": "coe_1959_p2",
        "purpose": "Synthetic drugs from Rotterdam through Lisbon to Bogotá",
        "start_date": "2026-02-01",
        "end_date": "2027-01-31",
        "party_ids": [actors.owner.institution_id, actors.other_country.institution_id],
        "members": [{"username": "co.owner"}, {"username": "pt.other", "function": "police"}],
        "leader": "pt.other",
    }
    return {**body, **overrides}


def test_a_team_of_two_countries_registers_evidence_hands_it_over_and_the_chain_verifies(
    client, actors
):
    _signed(client, actors.owner)
    response = client.post("/api/v1/jits", _jit_body(actors), content_type="application/json")
    assert response.status_code == 201, response.json()
    jit = response.json()
    assert {p["country"] for p in jit["parties"]} == {"CO", "PT"}
    assert (jit["leader"], jit["administrator"]) == ("pt.other", "co.owner")
    url = f"/api/v1/jits/{jit['id']}"
    response = client.post(
        f"{url}/evidence",
        {
            "item": "Ledger",
            "evidence_type": "document",
            "description": "Handwritten ledger of shipments",
            "seized_at": "2026-03-02T10:30:00Z",
            "seized_place": "Porto de Leixões",
            "seized_by": "Inspector Costa",
            "files": [SimpleUploadedFile("ledger.pdf", PDF), SimpleUploadedFile("p.png", PNG)],
        },
    )
    assert response.status_code == 201, response.json()
    evidence = response.json()
    assert evidence["holder"] == "co.owner"
    assert [f["content_type"] for f in evidence["files"]] == ["application/pdf", "image/png"]
    custody = f"{url}/evidence/{evidence['id']}/custody"
    response = client.post(
        custody,
        {"kind": "handed_over", "to_holder": "co.other"},  # not a member
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "to_holder"]
    response = client.post(
        custody,
        {"kind": "handed_over", "to_holder": "pt.other", "place": "Lisboa"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["to_holder"] == "pt.other"

    _signed(client, actors.other_country)
    detail = client.get(f"{url}/evidence/{evidence['id']}").json()
    assert detail["holder"] == "pt.other"
    assert [e["kind"] for e in detail["custody"]] == ["registered", "handed_over"]
    file_id = evidence["files"][0]["id"]
    download = client.get(f"{url}/files/{file_id}")
    assert download.status_code == 200
    assert download.content == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="ledger.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    report = client.get(f"{url}/custody/verify").json()
    assert report == {"ok": True, "items": 1, "events": 3, "files": 2, "problems": []}

    # A non-member gets exactly what a missing id gets, on every URL of the team.
    _signed(client, actors.other_institution)
    missing = 999_999
    for path in (
        "",
        "/evidence",
        f"/evidence/{evidence['id']}",
        f"/files/{file_id}",
        "/custody/verify",
        "/tasks",
        "/meetings",
    ):
        forbidden = client.get(f"{url}{path}")
        absent = client.get(f"/api/v1/jits/{missing}{path}")
        assert forbidden.status_code == absent.status_code == 404, path
        assert forbidden.json() == absent.json()
    response = client.post(custody, {"kind": "accessed"}, content_type="application/json")
    assert response.status_code == 404
    assert CustodyEvent.objects.count() == 3


@pytest.mark.parametrize(
    ("overrides", "loc"),
    [
        ({"members": [{"username": "co.owner"}]}, "members"),
        ({"start_date": "2026-05-01", "end_date": "2026-04-01"}, "end_date"),
        ({"party_ids": [999_998, 999_999]}, "parties"),
        ({"party_ids": [10**20, 2**63]}, "1"),  # over 64 bits: was a database error, 500
        ({"legal_basis": "other"}, "legal_basis_text"),
        ({"legal_basis": "pirate_code"}, "legal_basis"),
        ({"leader": "nobody"}, "leader"),
    ],
)
def test_bad_teams_answer_422_and_change_nothing(client, actors, overrides, loc):
    _signed(client, actors.owner)
    response = client.post(
        "/api/v1/jits", _jit_body(actors, **overrides), content_type="application/json"
    )
    assert response.status_code == 422
    assert loc in {e["loc"][-1] for e in response.json()["errors"]}, response.json()
    assert not Jit.objects.exists()


@pytest.fixture
def team(actors):
    return make_jit(actors.owner, actors.other_country)


def _evidence_data(**files):
    return {
        "item": "Phone",
        "evidence_type": "digital",
        "description": "Seized phone",
        "seized_at": "2026-03-02T10:30:00Z",
        "seized_place": "Cartagena",
        "seized_by": "Patrullero Gómez",
        **files,
    }


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("empty.pdf", b""), "is empty"),
        (SimpleUploadedFile("photo.jpg", PDF), "does not match its extension"),
        (SimpleUploadedFile("setup.exe", b"MZ" + b"\0" * 100), "programs cannot be registered"),
    ],
)
def test_bad_files_through_the_api_answer_422(client, actors, team, upload, message):
    _signed(client, actors.owner)
    response = client.post(f"/api/v1/jits/{team.pk}/evidence", _evidence_data(files=[upload]))
    assert response.status_code == 422
    assert message in response.json()["errors"][0]["message"]
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    "seized_at", ["0001-01-01T00:00:00", "1850-05-01T10:00:00Z", "9999-12-31T23:59:59"]
)
def test_a_seizure_time_out_of_range_answers_422(client, actors, team, seized_at):
    """Year 1 without a time zone was a 500 (the custody snapshot's conversion to UTC);
    a seizure in the future, or before 1900, is no seizure time."""
    _signed(client, actors.owner)
    response = client.post(f"/api/v1/jits/{team.pk}/evidence", _evidence_data(seized_at=seized_at))
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][-1] == "seized_at"
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("field", ["description", "item", "seized_place", "seized_by"])
def test_a_nul_character_in_a_multipart_form_is_refused(client, actors, team, field):
    """Urlencoded and JSON bodies were refused; a multipart form's fields were stored."""
    _signed(client, actors.owner)
    data = _evidence_data(**{field: "A\x00B"}, files=[SimpleUploadedFile("a.pdf", PDF)])
    response = client.post(f"/api/v1/jits/{team.pk}/evidence", data)
    assert response.status_code == 400
    assert not Evidence.objects.exists()
    page = client.post(f"/cases/jits/{team.pk}/evidence/new/", data)
    assert page.status_code == 400
    assert not Evidence.objects.exists()


def test_a_seizure_time_without_a_time_zone_is_the_platforms(client, actors, team):
    _signed(client, actors.owner)
    data = _evidence_data(seized_at="2026-03-02T10:30:00")
    response = client.post(f"/api/v1/jits/{team.pk}/evidence", data)
    assert response.status_code == 201, response.json()
    assert Evidence.objects.get().seized_at.tzinfo is not None


def test_a_file_over_the_limit_through_the_api(client, actors, team, settings):
    settings.PACCTO_EVIDENCE_MAX_BYTES = 64
    _signed(client, actors.owner)
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 100)
    response = client.post(f"/api/v1/jits/{team.pk}/evidence", _evidence_data(files=[upload]))
    assert response.status_code == 422
    assert "larger than" in response.json()["errors"][0]["message"]
    assert not Evidence.objects.exists()


def test_a_path_traversal_name_never_leaves_the_evidence_directory(client, actors, team):
    from paccto.cases.services.evidence import EVIDENCE_FILES

    _signed(client, actors.owner)
    upload = SimpleUploadedFile("../../../../tmp/evil.pdf", PDF)
    response = client.post(f"/api/v1/jits/{team.pk}/evidence", _evidence_data(files=[upload]))
    # Django keeps only the last part of the name; the file is stored under a random name.
    assert response.status_code == 201
    [stored] = Evidence.objects.get().files.all()
    assert stored.original_name == "evil.pdf"
    assert (EVIDENCE_FILES.directory() / stored.stored_name).read_bytes() == PDF


def test_evidence_cannot_be_changed_through_the_api(client, actors, team):
    evidence = register_evidence(actors.owner, team)
    _signed(client, actors.other_country)
    url = f"/api/v1/jits/{team.pk}/evidence/{evidence.pk}"
    for method in ("patch", "put", "delete"):
        response = getattr(client, method)(
            url, json.dumps({"item": "Another item"}), content_type="application/json"
        )
        assert response.status_code == 422
        assert "cannot be changed" in response.json()["errors"][0]["message"]
    assert Evidence.objects.get().item == evidence.item
    refusals = AuditEntry.objects.filter(details__refused="evidence_immutable")
    assert refusals.count() == 3 and refusals.first().details["fields"] in ([], ["item"])


def test_a_closed_team_refuses_every_write_through_the_api(client, actors, team):
    evidence = register_evidence(actors.owner, team)
    _signed(client, actors.owner)
    url = f"/api/v1/jits/{team.pk}"
    closing = {
        "objectives_met": "yes",
        "cooperation_quality": "5",
        "lessons_learned": "Meet in person early.",
        "statements": [{"institution_id": actors.other_country.institution_id, "text": "Bom."}],
    }
    assert client.post(f"{url}/close", closing, content_type="application/json").status_code == 200
    evaluation = client.get(f"{url}/evaluation").json()
    assert evaluation["statements"][0]["text"] == "Bom."
    writes = [
        ("post", f"{url}/evidence", _evidence_data(), None),
        ("post", f"{url}/evidence/{evidence.pk}/custody", {"kind": "accessed"}, "json"),
        (
            "post",
            f"{url}/tasks",
            {"title": "t", "assignee": "co.owner", "due_date": "2026-09-01"},
            "json",
        ),
        ("post", f"{url}/members", {"username": "co.other"}, "json"),
        ("post", f"{url}/close", closing, "json"),
    ]
    counts = (Evidence.objects.count(), CustodyEvent.objects.count())
    for method, path, data, kind in writes:
        kwargs = {"content_type": "application/json"} if kind else {}
        response = getattr(client, method)(path, data, **kwargs)
        assert response.status_code == 422, (path, response.content)
        assert "read-only" in response.json()["errors"][0]["message"], path
    assert (Evidence.objects.count(), CustodyEvent.objects.count()) == counts


def test_a_read_only_token_cannot_write(client, actors, team):
    from paccto.accounts.services import api_token_create

    _, secret = api_token_create(
        actor=actor_for(actors.owner), user=actors.owner, name="r", scope="read", days=1
    )
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get(f"/api/v1/jits/{team.pk}", **headers).status_code == 200
    response = client.post(
        f"/api/v1/jits/{team.pk}/tasks",
        {"title": "t", "assignee": "co.owner", "due_date": "2026-09-01"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 403


def test_case_journey_through_the_api(client, actors):
    _signed(client, actors.owner)
    response = client.post(
        "/api/v1/cases",
        {"reference": "CO-2026-77", "title": "Ruta del Pacífico", "criminal_markets": ["drugs"]},
        content_type="application/json",
    )
    assert response.status_code == 201
    case_id = response.json()["id"]
    url = f"/api/v1/cases/{case_id}"
    bad = client.post(
        f"{url}/stage", {"to_stage": "trial", "reason": "x"}, content_type="application/json"
    )
    assert bad.status_code == 422
    empty = client.post(
        f"{url}/stage", {"to_stage": "investigation", "reason": ""}, content_type="application/json"
    )
    assert empty.status_code == 422
    ok = client.post(
        f"{url}/stage",
        {"to_stage": "investigation", "reason": "Judge authorised interceptions"},
        content_type="application/json",
    )
    assert ok.status_code == 200
    response = client.post(
        f"{url}/participants",
        {"role": "member", "username": "pt.other"},
        content_type="application/json",
    )
    assert response.status_code == 201
    dup = client.post(
        "/api/v1/cases",
        {"reference": "CO-2026-77", "title": "Again"},
        content_type="application/json",
    )
    assert dup.status_code == 422
    detail = client.get(url).json()
    assert detail["stage"] == "investigation"
    assert [s["to_stage"] for s in detail["timeline"]] == ["intelligence", "investigation"]
    assert detail["allowed_stages"] == ["intelligence", "prosecution", "closed"]
    assert AuditEntry.objects.filter(object_type="cases.case", action="consult").count() == 1
    assert Case.objects.count() == 1
    events = client.get(f"{url}/timeline").json()
    assert [(e["lane"], e["title"]) for e in events] == [
        ("case", "Intelligence"),
        ("case", "Investigation"),
    ]
    assert events[1]["detail"] == "Judge authorised interceptions"
    assert AuditEntry.objects.filter(object_type="cases.case", action="consult").count() == 2


def test_lists_cost_a_fixed_number_of_queries(client, actors, team, django_assert_max_num_queries):
    for _ in range(3):
        register_evidence(actors.owner, team)
    for i in range(3):
        services.jit_task_create(
            actor=actor_for(actors.owner),
            jit=team,
            title=f"t{i}",
            assignee=actors.other_country,
            due_date=date(2026, 5, i + 1),
        )
        make_case(actors.owner, reference=f"R{i}")
    _signed(client, actors.owner)
    counts = {}
    for path in (
        f"/api/v1/jits/{team.pk}/evidence",
        f"/api/v1/jits/{team.pk}/tasks",
        "/api/v1/cases",
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        counts[path] = len(ctx.captured_queries)
    register_evidence(actors.owner, team)
    make_case(actors.owner, reference="R9")
    for path, before in counts.items():
        with django_assert_max_num_queries(before):
            assert client.get(path).status_code == 200


def test_pages_of_a_team_for_a_member(client, actors, team):
    evidence = register_evidence(actors.owner, team)
    _signed(client, actors.owner)
    page = client.get(f"/cases/jits/{team.pk}/").content.decode()
    assert evidence.reference in page and "pt.other" in page
    response = client.post(
        f"/cases/jits/{team.pk}/evidence/new/",
        {**_evidence_data(seized_at="2026-03-02T10:30"), "files": SimpleUploadedFile("a.jpg", PDF)},
    )
    assert response.status_code == 400
    assert "does not match its extension" in response.content.decode()
    response = client.post(
        f"/cases/jits/{team.pk}/evidence/{evidence.pk}/custody/",
        {"kind": "handed_over", "to_holder": "pt.other", "place": "Bogotá"},
    )
    assert response.status_code == 302
    evidence.custody_head.refresh_from_db()
    assert evidence.custody_head.holder == actors.other_country
    bad = client.post(
        "/cases/jits/new/",
        {
            "name": "x",
            "legal_basis": "bilateral",
            "purpose": "x",
            "start_date": "2026-05-02",
            "end_date": "2026-05-01",
            "parties": [str(actors.owner.institution_id)],
            "members": "co.owner",
            "leader": "co.owner",
        },
    )
    assert bad.status_code == 400
    assert Jit.objects.count() == 1


def test_the_case_page_pictures_the_chain_and_the_timeline(client, actors):
    case = make_case(actors.owner)
    services.case_change_stage(
        actor=actor_for(actors.owner), case=case, to_stage="investigation", reason="Taps"
    )
    _signed(client, actors.owner)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-stage="intelligence" data-state="done"' in page
    assert 'data-stage="investigation" data-state="current"' in page
    assert 'data-stage="trial" data-state="ahead"' in page
    events = page[page.index('data-testid="case-events"') :]
    assert events.count('class="timeline-event lane-case"') == 2
    assert "Taps" in events


def test_evidence_larger_than_the_body_limit_passes_on_its_upload_route(
    client, actors, team, settings
):
    big = PDF + b"0" * (3 * 1024 * 1024)
    assert len(big) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    _signed(client, actors.owner)
    upload = SimpleUploadedFile("grande.pdf", big)
    response = client.post(f"/api/v1/jits/{team.pk}/evidence", _evidence_data(files=[upload]))
    assert response.status_code == 201
    assert Evidence.objects.get().files.get().size == len(big)
