"""Judicial cooperation through the API: a request's whole course by both sides, bad input
answered 422 with the field and nothing written, a step of the other side 403, a request
one may not see 404 exactly like a missing one (and audited), court outcomes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from paccto.accounts import services as account_services
from paccto.audit.models import AuditEntry
from paccto.cases import services as case_services
from paccto.core.permissions import actor_for
from paccto.judicial.models import Judgment, JudicialRequest
from tests.cases_factories import make_case
from tests.factories import institution
from tests.judicial_data import NO_RISK, JudicialActors, person

pytestmark = pytest.mark.django_db

QUESTIONS = ("death_penalty", "torture", "political_offence", "fair_trial")


@pytest.fixture
def people(db):
    return JudicialActors()


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English (the platform's default language is Spanish)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def token(user, scope="write"):
    _, secret = account_services.api_token_create(
        actor=actor_for(user), user=user, name="t", scope=scope, days=1
    )
    return {"Authorization": f"Bearer {secret}"}


def body(**changes):
    data = {
        "request_type": "extradition",
        "executing_institution_id": institution("pt-pgr").pk,
        "legal_basis": "eu-eaw",
        "title": "Surrender of the organiser",
        "offence": "Drug trafficking (article 368 Código Penal)",
        "facts": "Cocaine in containers of bananas landed at Algeciras (synthetic facts).",
        "measures": "Arrest and surrender for prosecution.",
        "language": "es",
        "facts_from": "2025-01-10",
        "facts_to": "2025-11-30",
        "criminal_markets": ["drugs"],
    }
    data.update(changes)
    return data


def post(client, url, data, headers):
    return client.post(url, data, content_type="application/json", headers=headers)


def fields(response) -> set[str]:
    return {error["loc"][-1] for error in response.json()["errors"]}


def test_an_extradition_runs_its_course_through_the_api(client, people):
    es, pt = token(people.es_prosecutor), token(people.pt_prosecutor)
    created = post(client, "/api/v1/judicial/requests", body(), es)
    assert created.status_code == 201, created.content
    data = created.json()
    url = f"/api/v1/judicial/requests/{data['id']}"
    assert data["status"] == "draft" and data["number"].startswith("ES-EXT-")
    assert data["sides"] == ["requesting"] and "send" in data["allowed_steps"]
    assert set(data["safeguards_missing"]) >= set(QUESTIONS)

    refused = post(client, f"{url}/transitions", {"action": "send"}, es)
    assert refused.status_code == 422
    assert {"safeguards", "entities"} <= fields(refused)
    assert JudicialRequest.objects.get(pk=data["id"]).status == "draft"

    answers = [{"question": q, "answer": False, "explanation": NO_RISK} for q in QUESTIONS]
    saved = client.put(
        f"{url}/safeguards", {"answers": answers}, content_type="application/json", headers=es
    )
    assert saved.status_code == 200 and saved.json()["safeguards_missing"] == []
    sought = person(people.es_prosecutor)
    named = post(client, f"{url}/entities", {"entity_id": sought.pk, "role": "sought"}, es)
    assert named.status_code == 201 and named.json()["reference"] == sought.reference
    assert post(client, f"{url}/transitions", {"action": "send"}, es).status_code == 201

    incoming = client.get("/api/v1/judicial/requests?box=incoming", headers=pt).json()
    assert [r["number"] for r in incoming["items"]] == [data["number"]]
    seen = client.get(url, headers=pt).json()
    assert seen["sides"] == ["executing"] and "confirm_receipt" in seen["allowed_steps"]
    assert {a["question"] for a in seen["safeguards"]} == set(QUESTIONS)
    assert [d["phase"] for d in seen["deadlines"]] == ["recognition"]
    for action in ("confirm_receipt", "recognise", "start_execution", "execute"):
        step = post(client, f"{url}/transitions", {"action": action}, pt)
        assert step.status_code == 201, (action, step.content)
    done = client.get(url, headers=es).json()
    assert done["status"] == "executed" and done["due_at"] is None
    assert all(d["ended_at"] and not d["overdue"] for d in done["deadlines"])
    events = client.get(f"{url}/events", headers=es).json()
    assert [e["action"] for e in events] == [
        "create",
        "send",
        "confirm_receipt",
        "recognise",
        "start_execution",
        "execute",
    ]
    assert events[-1]["side"] == "executing" and events[-1]["by"] == "pt.procurador"


BAD = [
    (
        {
            "legal_basis": "eu-eio",
            "request_type": "evidence_order",
            "executing_institution_id": "co-fiscalia",
        },
        "legal_basis",
        "the EIO between EU states only",
    ),
    ({"legal_basis": ""}, "legal_basis", "no legal basis"),
    ({"legal_basis": "caracas-1981"}, "legal_basis", "Spain and Portugal are not parties"),
    ({"legal_basis": "bilateral"}, "legal_basis_detail", "a bilateral treaty must be named"),
    ({"executing_institution_id": "es-fiscalia-general"}, "executing_institution", "own"),
    ({"executing_institution_id": 999_999}, "executing_institution", "unknown institution"),
    ({"facts_from": "2025-12-01", "facts_to": "2025-01-01"}, "facts_to", "dates in wrong order"),
    ({"urgency": "urgent"}, "urgency_reasons", "urgency without its reasons"),
    ({"request_type": "teleportation"}, "request_type", "unknown kind"),
]


@pytest.mark.parametrize("change, field, why", BAD, ids=[b[2] for b in BAD])
def test_a_bad_request_answers_422_with_its_field_writes_nothing_and_is_audited(
    client, people, change, field, why
):
    change = {
        key: institution(value).pk
        if key.endswith("institution_id") and isinstance(value, str)
        else value
        for key, value in change.items()
    }
    response = post(
        client, "/api/v1/judicial/requests", body(**change), token(people.es_prosecutor)
    )
    assert response.status_code == 422, why
    assert field in fields(response), (why, response.json())
    assert not JudicialRequest.objects.exists()
    assert AuditEntry.objects.filter(details__refused__isnull=False).exists()


def test_others_requests_answer_404_like_missing_ones_and_steps_of_the_other_side_403(
    client, people
):
    es = token(people.es_prosecutor)
    data = post(client, "/api/v1/judicial/requests", body(), es).json()
    url = f"/api/v1/judicial/requests/{data['id']}"
    # A draft stays with its institution: the requested one does not see it yet.
    outsiders = (people.pt_prosecutor, people.fr_prosecutor, people.co_police)
    answers = set()
    for user in outsiders:
        for path in (url, f"{url}/events", "/api/v1/judicial/requests/999999"):
            response = client.get(path, headers=token(user))
            assert response.status_code == 404, (user.username, path)
            answers.add(response.content)
    assert len(answers) == 1  # the same answer for a request one may not see and a missing one
    refusals = AuditEntry.objects.filter(details__refused="not_found")
    assert refusals.count() >= len(outsiders)
    assert client.get(url, headers=token(people.es_analyst)).status_code == 200  # colleague
    # The requesting side cannot take the executing side's steps.
    wrong = post(client, f"{url}/transitions", {"action": "confirm_receipt"}, es)
    assert wrong.status_code == 403
    unknown = post(client, f"{url}/transitions", {"action": "teleport"}, es)
    assert unknown.status_code == 422 and "action" in fields(unknown)
    assert JudicialRequest.objects.get().status == "draft"
    # Read-only tokens read and do not write.
    assert (
        post(
            client, "/api/v1/judicial/requests", body(), token(people.es_prosecutor, "read")
        ).status_code
        == 403
    )


def test_court_outcomes_through_the_api(client, people):
    police = people.co_police
    case = make_case(police, reference="CO-API-J")
    case_services.case_add_participant(
        actor=actor_for(police), case=case, role="member", institution=institution("co-fiscalia")
    )
    pro = token(people.co_prosecutor)
    judgment = {
        "case_id": case.pk,
        "court_id": institution("co-corte-suprema").pk,
        "judgment_date": (date.today() - timedelta(days=3)).isoformat(),
        "judgment_type": "conviction",
        "offences": "Drug trafficking",
        "sentence_type": "imprisonment",
        "sentence_months": 60,
        "fine_amount": "25000000",
        "fine_currency": "COP",
    }
    created = post(client, "/api/v1/judicial/judgments", judgment, pro)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert client.get(f"/api/v1/judicial/judgments/{pk}", headers=token(police)).status_code == 200
    outsider = token(people.pt_prosecutor)
    assert client.get(f"/api/v1/judicial/judgments/{pk}", headers=outsider).status_code == 404
    acquittal_with_sentence = post(
        client, "/api/v1/judicial/judgments", {**judgment, "judgment_type": "acquittal"}, pro
    )
    assert acquittal_with_sentence.status_code == 422
    assert Judgment.objects.count() == 1
    early = post(
        client,
        f"/api/v1/judicial/judgments/{pk}/final",
        {"final_on": (date.today() - timedelta(days=10)).isoformat()},
        pro,
    )
    assert early.status_code == 422  # final before the judgment was given
    final = post(
        client,
        f"/api/v1/judicial/judgments/{pk}/final",
        {"final_on": date.today().isoformat()},
        pro,
    )
    assert final.status_code == 200 and final.json()["finality"] == "final"


def test_files_go_through_the_one_upload_path_and_are_checked_at_download(client, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from paccto.judicial.models import RequestAttachment
    from paccto.judicial.services.attachments import JUDICIAL_FILES
    from tests.judicial_data import PDF

    es = token(people.es_prosecutor)
    data = post(client, "/api/v1/judicial/requests", body(), es).json()
    upload = client.post(
        "/api/v1/judicial/attachments",
        {"request_id": data["id"], "file": SimpleUploadedFile("orden.pdf", PDF)},
        headers=es,
    )
    assert upload.status_code == 201, upload.content
    stored = RequestAttachment.objects.get()
    assert stored.side == "requesting" and JUDICIAL_FILES.path(stored.stored_name).exists()
    download = client.get(f"/api/v1/judicial/attachments/{stored.pk}", headers=es)
    assert download.status_code == 200 and download.content == PDF

    # A program dressed as a PDF is refused, audited, and nothing is kept.
    before = set(JUDICIAL_FILES.directory().iterdir())
    program = client.post(
        "/api/v1/judicial/attachments",
        {"request_id": data["id"], "file": SimpleUploadedFile("orden2.pdf", b"MZ\x90\x00" * 64)},
        headers=es,
    )
    assert program.status_code == 422 and "files" in fields(program)
    assert RequestAttachment.objects.count() == 1
    assert set(JUDICIAL_FILES.directory().iterdir()) == before
    assert AuditEntry.objects.filter(details__event="attach", details__refused__isnull=False)

    # A file altered in the store is not handed out, and the refusal is audited.
    JUDICIAL_FILES.path(stored.stored_name).write_bytes(PDF + b"tampered")
    altered = client.get(f"/api/v1/judicial/attachments/{stored.pk}", headers=es)
    assert altered.status_code == 409
    assert AuditEntry.objects.filter(details__refused="integrity").exists()
