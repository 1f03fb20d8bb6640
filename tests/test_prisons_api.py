"""The prisons API used by a prison officer and by the police: the shapes it answers, and
the translated errors of bad input, which change nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from paccto.core.choices import Role
from paccto.prisons.models import Inmate, ReleaseWatch
from tests.factories import make_user, verify_session
from tests.prisons_factories import admit, identity, prison_officer

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
JSON = "application/json"


@pytest.fixture
def officer():
    return prison_officer("CO", username="co.prison.api", language="en")


def _as(client, user):
    client.logout()
    verify_session(client, user)
    return client


def test_an_officer_admits_reads_moves_and_releases_through_the_api(client, officer):
    api = _as(client, officer)
    body = {
        "person": identity("CO"),
        "register_number": "RN-API-1",
        "establishment": "La Picota",
        "admission_date": (TODAY - timedelta(days=30)).isoformat(),
        "legal_status": "sentenced",
        "sentence_type": "imprisonment",
        "sentence_months": 48,
        "sentence_court": "Juzgado 1",
        "sentence_date": (TODAY - timedelta(days=40)).isoformat(),
        "expected_release_date": (TODAY + timedelta(days=900)).isoformat(),
        "risk_level": "high",
        "provenance": {"share_scope": "country"},
    }
    created = api.post("/api/v1/prisons/inmates", body, content_type=JSON)
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["owner"]["country"] == "CO" and [e["kind"] for e in data["events"]] == ["admission"]
    assert data["events"][0]["by"] == "co.prison.api"
    pk = data["id"]
    listed = api.get("/api/v1/prisons/inmates?mine=true").json()
    assert [i["id"] for i in listed["items"]] == [pk]
    assert api.get(f"/api/v1/prisons/inmates/{pk}").status_code == 422  # no justification
    moved = api.post(
        f"/api/v1/prisons/inmates/{pk}/moves",
        {"to_establishment": "Cómbita", "on": TODAY.isoformat()},
        content_type=JSON,
    )
    assert moved.status_code == 201 and moved.json()["to_value"] == "Cómbita"
    early = api.post(
        f"/api/v1/prisons/inmates/{pk}/release",
        {"released_on": (TODAY - timedelta(days=60)).isoformat()},
        content_type=JSON,
    )
    assert early.status_code == 422 and "released_on" in str(early.json())
    assert Inmate.objects.get(pk=pk).status == "in_custody"
    released = api.post(
        f"/api/v1/prisons/inmates/{pk}/release",
        {"released_on": TODAY.isoformat()},
        content_type=JSON,
    )
    assert released.status_code == 200 and released.json()["status"] == "released"


def test_a_case_the_officer_takes_no_part_in_answers_as_a_missing_one(client, officer):
    """The error named the field case for an existing case and case_id for a missing one:
    the answer told whether a case exists."""
    from tests.cases_factories import make_case

    other = make_user("CO", "police", (Role.INVESTIGATOR,), username="co.other.case")
    case = make_case(other, reference="CO-2026-777")
    inmate = admit(officer)
    api = _as(client, officer)
    url = f"/api/v1/prisons/inmates/{inmate.pk}"
    existing = api.patch(url, {"case_id": case.pk}, content_type=JSON)
    missing = api.patch(url, {"case_id": case.pk + 1000}, content_type=JSON)
    assert existing.status_code == missing.status_code == 422
    assert existing.json() == missing.json()


def test_the_police_watch_an_inmate_and_list_their_watches(client, officer):
    inmate = admit(officer)
    police = make_user("CO", "police", (Role.INVESTIGATOR,), username="co.inv.api")
    api = _as(client, police)
    url = f"/api/v1/prisons/inmates/{inmate.pk}/watches"
    bad = api.post(url, {"reason": "", "days_before": 0}, content_type=JSON)
    assert bad.status_code == 422 and not ReleaseWatch.objects.exists()
    made = api.post(url, {"reason": "CO-2026-1", "days_before": 15}, content_type=JSON)
    assert made.status_code == 201 and made.json()["days_before"] == 15
    assert api.get("/api/v1/prisons/watches").json()["count"] == 1
    detail = api.get(f"/api/v1/prisons/inmates/{inmate.pk}?justification=CO-2026-1")
    assert detail.status_code == 200 and detail.json()["reference"] == inmate.reference


def test_an_officer_writes_a_report_sent_through_secure_exchange(client, officer):
    inmate = admit(officer)
    police = make_user("CO", "police", (Role.ANALYST,), username="co.an.api")
    api = _as(client, officer)
    body = {
        "category": "seized_phone",
        "inmate_ids": [inmate.pk],
        "occurred_on": TODAY.isoformat(),
        "subject": "Teléfono incautado",
        "body": "Un teléfono en la celda 12.",
        "recipient_ids": [police.institution_id],
        "handling_code": "H2",
        "phone_numbers": ["+573001112233"],
    }
    sent = api.post("/api/v1/prisons/reports", body, content_type=JSON)
    assert sent.status_code == 201, sent.content
    report = sent.json()["id"]
    reader = _as(client, police)
    assert reader.get(f"/api/v1/prisons/reports/{report}").status_code == 200
    assert reader.get("/api/v1/prisons/reports").json()["count"] == 1
