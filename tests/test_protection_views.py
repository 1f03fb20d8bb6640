"""Protection orders in pages and the API, under the permission matrix: who sees an order,
who reads the protected person's data (protection officers of the issuing and executing
authorities only), who acts on it; verification; abuse answered 404 and audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from paccto.audit.models import AuditEntry
from paccto.core.permissions import actor_for
from paccto.protection import services
from paccto.protection.models import BreachReport, ProtectionOrder, Transmission
from tests.conftest import Actors
from tests.factories import institution, verify_session
from tests.matrix import PermissionMatrix
from tests.protection_data import (
    ProtectionActors,
    issue,
    recognised_in_uruguay,
    respondent_identity,
    victim_data,
)

pytestmark = pytest.mark.django_db

VICTIM = victim_data()
SECRETS = (VICTIM["given_names"], VICTIM["surnames"], VICTIM["address"], VICTIM["email"])


class Everyone(Actors):
    """The platform's usual profiles and the protection officers, judges and police of
    Argentina, Uruguay, Brazil, Spain and Mexico."""

    def __init__(self) -> None:
        super().__init__()
        self.protection = ProtectionActors()

    def get(self, name):
        if name == "anonymous":
            return None
        return getattr(self.protection, name, None) or getattr(self, name)


@pytest.fixture
def actors(db):
    return Everyone()


PROFILES = (
    "anonymous",
    "ar_po",
    "ar_po2",
    "ar_judge",
    "ar_analyst",
    "ar_other_po",
    "uy_po",
    "uy_judge",
    "uy_prosecutor_elsewhere",
    "uy_police",
    "br_po",
    "br_police",
    "es_po",
    "mx_policy",
    "other_country",
    "co_dpo",
)


def expect(anonymous: int, default: int, **overrides: int) -> dict[str, int]:
    return {"anonymous": anonymous, **dict.fromkeys(PROFILES[1:], default), **overrides}


ISSUER_SIDE = dict(ar_po=200, ar_po2=200, ar_judge=200)
EXECUTING_SIDE = dict(uy_po=200, uy_judge=200)
PROTECTION_OFFICERS = dict(ar_po=200, ar_po2=200, uy_po=200)


class OrderInUruguay(PermissionMatrix):
    """An order issued in Argentina (ar-csjn), recognised and in force in Uruguay (uy-scj)."""

    def prepare(self, actors):
        people = actors.protection
        self.order, self.sent = recognised_in_uruguay(people, victim=VICTIM)
        services.transmission_decide(
            actor=people.actor("uy_po"), transmission=self.sent, decision="enforce"
        )


class TestOrderPage(OrderInUruguay):
    matrix = expect(302, 404, **ISSUER_SIDE, **EXECUTING_SIDE)

    def request(self, client, actors):
        return f"/protection/{self.order.pk}/?justification=matrix", {}


class TestVictimPage(OrderInUruguay):
    matrix = expect(302, 404, **PROTECTION_OFFICERS)

    def request(self, client, actors):
        return f"/protection/{self.order.pk}/protected-persons/?justification=matrix", {}


class TestOrderApi(OrderInUruguay):
    api = True
    matrix = expect(401, 404, **ISSUER_SIDE, **EXECUTING_SIDE)

    def request(self, client, actors):
        return f"/api/v1/protection/orders/{self.order.pk}?justification=matrix", {}


class TestVictimApi(OrderInUruguay):
    api = True
    matrix = expect(401, 404, **PROTECTION_OFFICERS)

    def request(self, client, actors):
        return f"/api/v1/protection/orders/{self.order.pk}/protected-persons?justification=m", {}


class TestVerifyApiByNumber(OrderInUruguay):
    """Police of Uruguay learn of the order; police elsewhere get the answer of no order."""

    api = True
    method = "post"
    matrix = expect(
        401,
        403,
        ar_po=404,
        ar_po2=404,
        ar_other_po=404,
        uy_po=200,
        uy_police=200,
        br_po=404,
        br_police=404,
        es_po=404,
        other_country=404,
    )

    def request(self, client, actors):
        data = {"number": self.order.number, "justification": "Call 2026-0457"}
        return "/api/v1/protection/verify", {"data": data, "content_type": "application/json"}


class TestBreachPage(OrderInUruguay):
    matrix = expect(302, 404, uy_po=200)

    def request(self, client, actors):
        return f"/protection/transmissions/{self.sent.pk}/breaches/new/", {}


class TestDecisionPage(PermissionMatrix):
    method = "post"
    matrix = expect(302, 404, uy_po=302)

    def prepare(self, actors):
        people = actors.protection
        order = issue(people.ar_po)
        self.sent = services.protection_order_transmit(
            actor=people.actor("ar_po"), order=order, executing_institution=institution("uy-scj")
        )

    def request(self, client, actors):
        return f"/protection/transmissions/{self.sent.pk}/decide/", {
            "data": {"decision": "recognise"}
        }


class TestTransmitPage(PermissionMatrix):
    method = "post"
    matrix = expect(302, 404, ar_po=302, ar_po2=302)

    def prepare(self, actors):
        self.order = issue(actors.protection.ar_po)

    def request(self, client, actors):
        data = {"executing_institution": institution("uy-scj").pk}
        return f"/protection/{self.order.pk}/transmit/", {"data": data}


class TestOrderListPage(PermissionMatrix):
    matrix = expect(
        302,
        403,
        ar_po=200,
        ar_po2=200,
        ar_judge=200,
        ar_other_po=200,
        uy_po=200,
        uy_judge=200,
        uy_prosecutor_elsewhere=200,
        br_po=200,
        es_po=200,
    )

    def request(self, client, actors):
        return "/protection/", {}


class TestIssuePage(PermissionMatrix):
    matrix = expect(
        302, 403, ar_po=200, ar_po2=200, ar_other_po=200, uy_po=200, br_po=200, es_po=200
    )

    def request(self, client, actors):
        return "/protection/new/", {}


class TestStatisticsPage(PermissionMatrix):
    matrix = expect(
        302,
        403,
        ar_po=200,
        ar_po2=200,
        ar_other_po=200,
        uy_po=200,
        br_po=200,
        es_po=200,
        mx_policy=200,
    )

    def request(self, client, actors):
        return "/protection/statistics/", {}


class TestVerifyPage(PermissionMatrix):
    matrix = expect(
        302,
        403,
        ar_po=200,
        ar_po2=200,
        ar_other_po=200,
        uy_po=200,
        uy_police=200,
        br_po=200,
        br_police=200,
        es_po=200,
        other_country=200,
    )

    def request(self, client, actors):
        return "/protection/verify/", {}


# --- behaviour ---------------------------------------------------------------------------


def _client(user):
    """A client of its own for a user (``signed_in`` reuses one client)."""
    from django.test import Client

    client = Client()
    verify_session(client, user)
    return client


def _main(response) -> str:
    """The error message of an error page (the rest carries the URL and a CSRF token)."""
    import re

    found = re.search(r'data-testid="error-message"[^>]*>(.*?)<', response.content.decode(), re.S)
    assert found, response.content.decode()[:500]
    return found.group(1).strip()


def _section(response, testid: str) -> str:
    body = response.content.decode()
    start = body.index(f'data-testid="{testid}"')
    return body[start : body.index("</section>", start)]


@pytest.fixture
def people(actors):
    return actors.protection


def _form(**overrides):
    today = timezone.localdate()
    data = {
        "national_measure_reference": "Expte. 77/2026",
        "national_measure_date": (today - timedelta(days=2)).isoformat(),
        "national_measure_authority": "Juzgado de Familia n.º 4",
        "valid_from": (today - timedelta(days=1)).isoformat(),
        "valid_to": (today + timedelta(days=180)).isoformat(),
        "respondent_given_name": "Julián",
        "respondent_surname": "Benítez",
        "respondent_date_of_birth": "1985-11-02",
        "victim_given_names": VICTIM["given_names"],
        "victim_surnames": VICTIM["surnames"],
        "victim_date_of_birth": "1991-04-17",
        "victim_phone": VICTIM["phone"],
        "victim_email": VICTIM["email"],
        "victim_address": VICTIM["address"],
        "child_1_given_names": "Bruno",
        "child_1_surnames": "Benítez",
        "child_1_date_of_birth": "2017-01-05",
        "m_distance": "on",
        "distance_metres": "300",
        "m_no_contact": "on",
        "no_contact_means": ["phone", "messages"],
    }
    data.update(overrides)
    return data


def test_issuing_an_order_through_the_page(people, signed_in):
    client = signed_in(people.ar_po)
    response = client.post("/protection/new/", _form())
    order = ProtectionOrder.objects.get()
    assert response.status_code == 302 and f"/protection/{order.pk}/" in response["Location"]
    assert order.protected_persons.count() == 2
    assert sorted(order.measures.values_list("kind", flat=True)) == ["distance", "no_contact"]
    page = client.get(response["Location"]).content.decode()
    assert order.number in page and "Benítez" in page
    assert not any(secret in page for secret in SECRETS)  # not on the order page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"valid_to": "2020-01-01"}, "The end of validity comes before its start."),
        ({"distance_metres": ""}, "Minimum distance: give the distance in metres."),
        ({"m_distance": "", "m_no_contact": ""}, "Choose at least one measure."),
        ({"no_contact_means": []}, "No contact: choose the means of contact forbidden."),
        ({"respondent": "AR-PER-9999999"}, "Choose a person of the entity store you may see."),
    ],
)
def test_bad_orders_get_their_errors_on_the_page_and_nothing_is_issued(
    people, signed_in, overrides, message
):
    client = signed_in(people.ar_po)
    response = client.post("/protection/new/", _form(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProtectionOrder.objects.exists()


def test_the_whole_life_of_an_order_through_the_api(people, django_capture_on_commit_callbacks):
    from django.core import mail

    issuer = _client(people.ar_po)
    today = timezone.localdate()
    body = {
        "national_measure_reference": "Expte. 12/2026",
        "national_measure_date": today.isoformat(),
        "national_measure_authority": "Juzgado de Familia n.º 4",
        "valid_from": (today - timedelta(days=1)).isoformat(),
        "valid_to": (today + timedelta(days=90)).isoformat(),
        "respondent": respondent_identity(),
        "victim": {**VICTIM, "date_of_birth": "1991-04-17"},
        "children": [{"given_names": "Ema", "surnames": "Benítez", "date_of_birth": "2019-02-02"}],
        "measures": [
            {"kind": "distance", "distance_metres": 200},
            {"kind": "monitoring", "monitoring": "proximity"},
            {"kind": "weapons", "note": "Licence 55-221 and one pistol"},
        ],
    }
    created = issuer.post("/api/v1/protection/orders", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    order = created.json()
    assert order["framework"] == "omp" and order["status"] == "draft" and order["children"] == 1
    assert not any(secret in created.content.decode() for secret in SECRETS)
    uy = institution("uy-scj")
    sent = issuer.post(
        f"/api/v1/protection/orders/{order['id']}/transmissions",
        {"executing_institution_id": uy.pk},
        content_type="application/json",
    )
    assert sent.status_code == 201 and sent.json()["status"] == "transmitted"
    executing = _client(people.uy_po)
    listed = executing.get("/api/v1/protection/orders").json()
    assert [o["number"] for o in listed["items"]] == [order["number"]]
    notified = executing.get("/api/v1/protection/notifications").json()["items"]
    assert notified[0]["kind"] == "transmitted"
    persons = executing.get(
        f"/api/v1/protection/orders/{order['id']}/protected-persons?justification=Reception"
    ).json()
    assert persons[0]["surnames"] == VICTIM["surnames"] and persons[1]["given_names"] == "Ema"
    transmission = sent.json()["id"]
    for decision in ("recognise", "enforce"):
        step = executing.post(
            f"/api/v1/protection/transmissions/{transmission}/decision",
            {"decision": decision},
            content_type="application/json",
        )
        assert step.status_code == 200, step.json()
    again = executing.post(
        f"/api/v1/protection/transmissions/{transmission}/decision",
        {"decision": "recognise"},
        content_type="application/json",
    )
    assert again.status_code == 422 and "in your state" in again.json()["errors"][0]["message"]
    measure = ProtectionOrder.objects.get().measures.get(kind="distance")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        breach = executing.post(
            f"/api/v1/protection/transmissions/{transmission}/breaches",
            {
                "measure_id": measure.pk,
                "occurred_at": (timezone.now() - timedelta(minutes=30)).isoformat(),
                "place": "Bus terminal Tres Cruces",
                "description": "Alarm of the proximity device; he was 80 metres away.",
                "action_taken": "Patrol sent, he left.",
            },
            content_type="application/json",
        )
    assert breach.status_code == 201, breach.json()
    issued = issuer.get(f"/api/v1/protection/orders/{order['id']}?justification=Follow-up").json()
    assert issued["status"] == "breached"
    informed = issuer.post(
        f"/api/v1/protection/breaches/{breach.json()['id']}/victim-informed",
        {"informed_at": timezone.now().isoformat()},
        content_type="application/json",
    )
    assert informed.status_code == 200 and informed.json()["victim_informed"] is True
    assert any(m.to == ["ar.po@example.org"] for m in mail.outbox)
    closed = issuer.post(
        f"/api/v1/protection/orders/{order['id']}/close",
        {"closing": "revoke", "reason": "National measure lifted on appeal"},
        content_type="application/json",
    )
    assert closed.status_code == 200 and closed.json()["status"] == "revoked"


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        (lambda b: b.update(valid_to="2020-01-01"), "valid_to"),
        (lambda b: b["measures"].append({"kind": "distance"}), "measures"),
        (lambda b: b.update(measures=[{"kind": "distance"}]), "distance_metres"),
        (lambda b: b.update(measures=[{"kind": "no_entry"}]), "no_entry_places"),
        (lambda b: b.update(respondent={"given_name": "Solo"}), "respondent_surname"),
    ],
)
def test_bad_orders_through_the_api_get_422_and_nothing_changes(people, signed_in, change, loc):
    client = signed_in(people.ar_po)
    today = timezone.localdate()
    body = {
        "national_measure_reference": "Expte. 12/2026",
        "national_measure_date": today.isoformat(),
        "national_measure_authority": "Juzgado",
        "valid_from": (today - timedelta(days=1)).isoformat(),
        "valid_to": (today + timedelta(days=90)).isoformat(),
        "respondent": respondent_identity(),
        "victim": {**VICTIM, "date_of_birth": "1991-04-17"},
        "measures": [{"kind": "distance", "distance_metres": 100}],
    }
    change(body)
    response = client.post("/api/v1/protection/orders", body, content_type="application/json")
    assert response.status_code == 422
    assert loc in [e["loc"][-1] for e in response.json()["errors"]]
    assert not ProtectionOrder.objects.exists()


def test_transmission_to_an_unknown_institution_or_the_own_state_is_refused(people, signed_in):
    order = issue(people.ar_po)
    client = signed_in(people.ar_po)
    for pk in (999_999, institution("ar-pfa").pk):
        response = client.post(
            f"/api/v1/protection/orders/{order.pk}/transmissions",
            {"executing_institution_id": pk},
            content_type="application/json",
        )
        assert response.status_code == 422
    page = client.post(f"/protection/{order.pk}/transmit/", {"executing_institution": "abc"})
    assert page.status_code == 302
    assert not Transmission.objects.exists()
    assert AuditEntry.objects.filter(details__event="transmit", details__refused=True).count() == 3


def test_reading_the_protected_persons_data_is_audited_with_the_reason(people, signed_in):
    order, _sent = recognised_in_uruguay(people, victim=VICTIM)
    client = signed_in(people.uy_po)
    asked = client.get(f"/protection/{order.pk}/protected-persons/")
    assert b'data-testid="justification-form"' in asked.content
    assert not any(s.encode() in asked.content for s in SECRETS)  # nothing before the reason
    shown = client.get(f"/protection/{order.pk}/protected-persons/?justification=Her+safety+plan")
    body = shown.content.decode()
    assert VICTIM["surnames"] in body and VICTIM["address"] in body
    entry = AuditEntry.objects.get(object_type="protection.protectedperson", details__via="page")
    assert entry.justification == "Her safety plan" and entry.object_id == str(order.pk)
    assert entry.actor_username == "uy.po"


@pytest.mark.parametrize("who", ["ar_judge", "uy_judge", "uy_police", "br_po", "other_country"])
def test_attempts_to_read_her_data_by_id_answer_404_like_a_missing_order_and_are_audited(
    people, actors, signed_in, who
):
    order, _sent = recognised_in_uruguay(people, victim=VICTIM)
    client = signed_in(actors.get(who))
    answers = []
    for pk in (order.pk, 999_999):
        page = client.get(f"/protection/{pk}/protected-persons/?justification=curious")
        api = client.get(f"/api/v1/protection/orders/{pk}/protected-persons?justification=x")
        assert page.status_code == api.status_code == 404
        answers.append((_main(page), api.json()))
    assert answers[0] == answers[1] and answers[0][0]
    refused = AuditEntry.objects.filter(
        details__refused=True, actor_username=actors.get(who).username
    )
    assert refused.count() == 4


def test_an_executing_authority_that_refused_no_longer_reads_her_data(people, signed_in):
    order = issue(people.ar_po)
    sent = services.protection_order_transmit(
        actor=people.actor("ar_po"), order=order, executing_institution=institution("br-stj")
    )
    client = signed_in(people.br_po)
    url = f"/protection/{order.pk}/protected-persons/?justification=Reception"
    assert client.get(url).status_code == 200
    services.transmission_decide(
        actor=people.actor("br_po"), transmission=sent, decision="refuse", ground="not_present"
    )
    assert client.get(url).status_code == 404
    assert client.get(f"/protection/{order.pk}/?justification=x").status_code == 200


def test_her_data_are_found_by_no_search_no_hit_check_and_no_export(people, signed_in):
    recognised_in_uruguay(people, victim=VICTIM)
    surname = VICTIM["surnames"].split()[0]
    client = signed_in(people.ar_po)
    listing = client.get(f"/protection/?q={surname}").content.decode()
    table = listing[listing.index('data-testid="order-table"') :]
    assert "AR-OMP-" not in table and '<td colspan="6">' in table
    api = client.get(f"/api/v1/protection/orders?q={surname}").json()
    assert api["count"] == 0
    entities = client.get(f"/api/v1/entities?q={surname}&justification=search").json()
    assert entities["count"] == 0
    hits = client.post(
        "/api/v1/hits",
        {"given_name": VICTIM["given_names"], "surname": surname, "justification": "check"},
        content_type="application/json",
    ).json()
    assert hits["hits"] == []
    for export in ("/api/v1/entities/export.csv", "/api/v1/entities/export.ftm.jsonl"):
        body = client.get(f"{export}?justification=export").content.decode()
        assert not any(secret in body for secret in SECRETS)


def test_verification_by_identity_is_tolerant_and_shows_measures_not_her(people, signed_in):
    order, _sent = recognised_in_uruguay(people, victim=VICTIM)
    client = signed_in(people.uy_police)
    response = client.post(
        "/protection/verify/",
        {
            "given_name": "Julian",  # no accent
            "surname": "Benitez Carranza",
            "date_of_birth": "1985-02-11",  # day and month swapped
            "justification": "Roadside check 2026-118",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and order.number in body
    assert "at least 500 metres" in body and "Ciudad Vieja" in body
    assert "Benítez" in body and "1985-11-02" in body  # to confirm who he is
    assert not any(secret in body for secret in SECRETS)
    entry = AuditEntry.objects.get(object_type="protection.verification")
    assert entry.justification == "Roadside check 2026-118"
    assert entry.details["found"] == [order.number] and "Benitez" not in str(entry.details)
    other = client.post(
        "/protection/verify/",
        {
            "given_name": "Marcelo",
            "surname": "Ferreyra",
            "date_of_birth": "1970-01-01",
            "justification": "x",
        },
    )
    assert b'data-testid="no-valid-order"' in other.content


def test_outside_a_recognising_state_the_answer_is_exactly_that_of_no_order(people, signed_in):
    order, _sent = recognised_in_uruguay(people)
    client = signed_in(people.br_police)
    answers = []
    for number in (order.number, "AR-OMP-2026-999999"):
        api = client.post(
            "/api/v1/protection/verify",
            {"number": number, "justification": "Check"},
            content_type="application/json",
        )
        page = client.post("/protection/verify/", {"number": number, "justification": "Check"})
        assert api.status_code == 404 and page.status_code == 200
        answers.append((api.json(), _section(page, "verify-results")))
    assert answers[0] == answers[1] and "No valid order." in answers[0][1]
    audited = AuditEntry.objects.filter(
        object_type="protection.verification", actor_username="br.police"
    )
    assert audited.count() == 4 and all(e.details["found"] == [] for e in audited)


def test_orders_not_yet_recognised_ended_or_out_of_validity_are_not_valid(people, signed_in):
    order = issue(people.ar_po)
    sent = services.protection_order_transmit(
        actor=people.actor("ar_po"), order=order, executing_institution=institution("uy-scj")
    )
    client = signed_in(people.uy_police)

    def verify():
        return client.post(
            "/api/v1/protection/verify",
            {"number": order.number, "justification": "Check"},
            content_type="application/json",
        ).status_code

    assert verify() == 404  # transmitted, not recognised
    services.transmission_decide(
        actor=people.actor("uy_po"), transmission=sent, decision="recognise"
    )
    assert verify() == 200
    ProtectionOrder.objects.filter(pk=order.pk).update(
        valid_to=timezone.localdate() - timedelta(days=1)
    )
    assert verify() == 404
    ProtectionOrder.objects.filter(pk=order.pk).update(valid_to=timezone.localdate())
    services.protection_order_close(
        actor=people.actor("ar_po"), order=order, closing="withdraw", reason="Moved back"
    )
    assert verify() == 404


def test_verification_needs_a_justification_and_is_rate_limited(people, signed_in, settings):
    client = signed_in(people.uy_police)
    missing = client.post(
        "/api/v1/protection/verify",
        {"number": "AR-OMP-2026-000001", "justification": " "},
        content_type="application/json",
    )
    assert missing.status_code == 422
    bad = client.post(
        "/api/v1/protection/verify",
        {"number": "12345", "justification": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    settings.PACCTO_PROTECTION_CHECKS_PER_HOUR = 2
    data = {"number": "AR-OMP-2026-000001", "justification": "x"}
    for _ in range(2):
        assert client.post("/protection/verify/", data).status_code == 200
    assert client.post("/protection/verify/", data).status_code == 429
    response = client.post("/api/v1/protection/verify", data, content_type="application/json")
    assert response.status_code == 429 and response.json()["detail"]


def test_a_breach_reported_on_the_page_reaches_the_issuer(people, signed_in):
    order, sent = recognised_in_uruguay(people)
    services.transmission_decide(actor=people.actor("uy_po"), transmission=sent, decision="enforce")
    client = signed_in(people.uy_po)
    measure = order.measures.get(kind="no_contact")
    bad = client.post(f"/protection/transmissions/{sent.pk}/breaches/new/", {"measure": measure.pk})
    assert bad.status_code == 400 and not BreachReport.objects.exists()
    response = client.post(
        f"/protection/transmissions/{sent.pk}/breaches/new/",
        {
            "measure": measure.pk,
            "occurred_at": (timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Montevideo",
            "description": "Forty messages in one night.",
            "action_taken": "Phone seized; case opened.",
            "victim_informed": "on",
            "victim_informed_at": timezone.now().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    issuer = signed_in(people.ar_po)
    page = issuer.get(f"/protection/{order.pk}/?justification=Follow-up").content.decode()
    assert "Forty messages in one night." in page and "A breach was reported" in page
    listing = issuer.get("/protection/").content.decode()
    assert "A breach was reported" in listing


def test_the_order_list_reads_a_fixed_number_of_queries(
    people, signed_in, django_assert_max_num_queries
):
    for _ in range(5):
        recognised_in_uruguay(people)
    client = signed_in(people.uy_po)
    with django_assert_max_num_queries(14):
        page = client.get("/protection/")
    assert page.content.decode().count("AR-OMP-") >= 5
    with django_assert_max_num_queries(12):
        listed = client.get("/api/v1/protection/orders").json()
    assert listed["count"] == 5


def test_statistics_in_the_api_for_policy_coordinators(people, signed_in):
    recognised_in_uruguay(people)
    client = signed_in(people.mx_policy)
    stats = client.get("/api/v1/protection/statistics").json()
    assert stats["totals"]["issued"] == 1 and stats["totals"]["recognised"] == 1
    assert signed_in(people.uy_police).get("/api/v1/protection/statistics").status_code == 403
    page = signed_in(people.mx_policy).get("/protection/statistics/").content.decode()
    assert 'data-country="UY"' in page


def test_times_without_a_zone_are_taken_as_utc(people):
    order, sent = recognised_in_uruguay(people)
    services.transmission_decide(actor=people.actor("uy_po"), transmission=sent, decision="enforce")
    client = _client(people.uy_po)
    naive = (timezone.now() - timedelta(hours=1)).replace(tzinfo=None).isoformat()
    response = client.post(
        f"/api/v1/protection/transmissions/{sent.pk}/breaches",
        {
            "measure_id": order.measures.get(kind="distance").pk,
            "occurred_at": naive,
            "place": "Montevideo",
            "description": "Seen nearby.",
            "action_taken": "Patrol.",
            "victim_informed": True,
            "victim_informed_at": naive,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()


@pytest.fixture
def keep_test_connection():
    """Call the WSGI application without it closing the test's database connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_issuing_and_verifying_through_the_api_never_answer_5xx_whatever_the_input(
    people, keep_test_connection
):
    """Schema-based fuzzing of the two richest inputs, as protection officer and police
    officer (the general API fuzzing runs as an administrator, refused before any rule)."""
    import schemathesis

    from paccto.accounts.services import api_token_create
    from paccto.config.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    recognised_in_uruguay(people)
    for user, path in (
        (people.ar_po, "/api/v1/protection/orders"),
        (people.uy_police, "/api/v1/protection/verify"),
    ):
        _, secret = api_token_create(
            actor=actor_for(user), user=user, name="fuzz", scope="write", days=1
        )
        _fuzz(schema[path]["POST"], {"Authorization": f"Bearer {secret}"})


def _fuzz(operation, headers):
    from hypothesis import HealthCheck, given, settings

    @given(case=operation.as_strategy())
    @settings(
        max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    def check(case):
        response = case.call(headers=headers)
        assert response.status_code < 500, (case.body, response.text[:300])

    check()


def test_searching_the_orders_is_audited_without_the_name_asked(people, signed_in):
    """A search of the orders by the respondent's name is a consultation of personal data:
    recorded with what was searched by (not the name), the status and the orders found;
    browsing the list without terms is not recorded (docs/architecture.md)."""
    order, _sent = recognised_in_uruguay(people)
    client = signed_in(people.uy_po)
    before = AuditEntry.objects.count()
    assert client.get("/protection/").status_code == 200
    assert client.get("/api/v1/protection/orders").status_code == 200
    assert AuditEntry.objects.count() == before
    page = client.get("/protection/?q=Benítez&status=recognised")
    assert order.number in page.content.decode()
    entry = AuditEntry.objects.filter(object_type="protection.protectionorder").latest("seq")
    assert entry.action == "consult" and entry.actor_username == "uy.po"
    assert entry.details == {
        "search": {"by": "name", "status": "recognised"},
        "orders": [order.number],
        "via": "page",
    }
    listed = client.get(f"/api/v1/protection/orders?q={order.number}").json()
    assert listed["count"] == 1
    entry = AuditEntry.objects.filter(object_type="protection.protectionorder").latest("seq")
    assert entry.details == {"search": {"by": "number", "number": order.number}, "via": "api"}
    # Names with digits or spaces, and free text in the API's status, are not kept either.
    for query in ("Benitez 1985", "Julian2", "Benitez-1", "AR-Benitez"):
        client.get("/protection/", {"q": query})
        client.get("/api/v1/protection/orders", {"q": query, "status": "Carranza"})
        for via in ("page", "api"):
            entry = AuditEntry.objects.filter(details__via=via).latest("seq")
            assert entry.details["search"] == {"by": "name"}, (query, via)
    logged = str(list(AuditEntry.objects.values_list("details", flat=True)))
    for name in ("Benítez", "Benitez", "BENITEZ", "Julián", "Julian", "JULIAN", "Carranza"):
        assert name not in logged
