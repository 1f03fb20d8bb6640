"""Pages and API of the policy cycle, through the permission matrix (coordinators of the
driver, co-driver and leader countries, a coordinator of a country taking no part, an
analyst, a data-protection officer, a platform administrator), and their answers to bad
input, exports and the public page."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from paccto.core.choices import Role
from paccto.core.permissions import actor_for
from paccto.policy import services
from paccto.policy.models import IndicatorEntry, ThreatAssessment
from tests.factories import make_user, verify_session
from tests.matrix import PermissionMatrix
from tests.policy_data import policy_records

pytestmark = pytest.mark.django_db

PROFILES = ("anonymous", "co_pc", "es_pc", "br_pc", "fr_pc", "analyst", "dpo", "admin")
COORDINATORS = ("co_pc", "es_pc", "br_pc", "fr_pc")
TAKING_PART = ("co_pc", "es_pc", "br_pc")  # driver, co-driver, leader of the action


def expect(anonymous: int, default: int, **overrides: int) -> dict[str, int]:
    return {"anonymous": anonymous, **dict.fromkeys(PROFILES[1:], default), **overrides}


class PolicyActors:
    def __init__(self) -> None:
        self.admin = make_user("ES", "ministry", (Role.PLATFORM_ADMIN,), username="pol.admin")
        self.records = policy_records(admin_user=self.admin)
        self.co_pc, self.es_pc = self.records["co_pc"], self.records["es_pc"]
        self.br_pc, self.fr_pc = self.records["br_pc"], self.records["fr_pc"]
        self.analyst = make_user("PE", "police", (Role.ANALYST,), username="pe.analyst")
        self.dpo = make_user("CO", "police", (Role.DPO,), username="co.dpo.pol")

    def get(self, name):
        return None if name == "anonymous" else getattr(self, name)


@pytest.fixture
def actors(db):
    return PolicyActors()


READERS = dict.fromkeys((*COORDINATORS, "analyst", "admin"), 200)
ENTRY = {
    "indicator": "firearms_seized",
    "unit": "count",
    "value": 3,
    "period_start": "2025-01-01",
    "period_end": "2025-03-31",
}


class TestDashboardApi(PermissionMatrix):
    api = True
    matrix = expect(401, 404, **READERS)

    def request(self, client, actors):
        return f"/api/v1/policy/cycles/{actors.records['cycle'].pk}/dashboard?market=drugs", {}


class TestDashboardPage(PermissionMatrix):
    matrix = expect(302, 404, **READERS)

    def request(self, client, actors):
        return f"/policy/cycles/{actors.records['cycle'].pk}/", {}


class TestIndicatorCreateApi(PermissionMatrix):
    api = True
    method = "post"
    matrix = expect(401, 404, **dict.fromkeys(TAKING_PART, 201))

    def request(self, client, actors):
        url = f"/api/v1/policy/actions/{actors.records['policy_action'].pk}/indicators"
        return url, {"data": ENTRY, "content_type": "application/json"}


class TestIndicatorCreatePage(PermissionMatrix):
    method = "post"
    matrix = expect(302, 404, **dict.fromkeys(TAKING_PART, 302))

    def request(self, client, actors):
        data = {**ENTRY, "kind": ENTRY["indicator"]}
        return f"/policy/actions/{actors.records['policy_action'].pk}/indicators/new/", {
            "data": data
        }


class TestIndicatorDeletePage(PermissionMatrix):
    method = "post"
    matrix = expect(302, 404, co_pc=302)

    def request(self, client, actors):
        return f"/policy/indicators/{actors.records['entry'].pk}/delete/", {}


class TestActionUpdateApi(PermissionMatrix):
    api = True
    method = "patch"
    matrix = expect(401, 404, co_pc=200, es_pc=200, br_pc=200, admin=200)

    def request(self, client, actors):
        url = f"/api/v1/policy/actions/{actors.records['policy_action'].pk}"
        return url, {"data": {"status": "completed"}, "content_type": "application/json"}


class TestActionCreateApi(PermissionMatrix):
    api = True
    method = "post"
    matrix = expect(401, 404, co_pc=201, es_pc=201, admin=201)

    def request(self, client, actors):
        body = {
            "code": "1.2",
            "title": "Controlled deliveries",
            "leader_country": "PT",
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
        }
        url = f"/api/v1/policy/plans/{actors.records['plan'].pk}/actions"
        return url, {"data": body, "content_type": "application/json"}


class TestAssessmentApi(PermissionMatrix):
    api = True
    method = "put"
    matrix = expect(401, 404, **dict.fromkeys(COORDINATORS, 200))

    def request(self, client, actors):
        body = {"answers": dict.fromkeys(("scale", "harm", "transnational"), 2)}
        body["answers"].update(capability=1, proceeds=3, trend=4)
        url = f"/api/v1/policy/cycles/{actors.records['cycle'].pk}/assessments/drugs"
        return url, {"data": body, "content_type": "application/json"}


class TestAssessmentPage(PermissionMatrix):
    matrix = expect(302, 404, **dict.fromkeys(COORDINATORS, 200))

    def request(self, client, actors):
        return f"/policy/cycles/{actors.records['cycle'].pk}/assessments/thb/", {}


class TestImportPage(PermissionMatrix):
    matrix = expect(302, 404, **dict.fromkeys(COORDINATORS, 200))

    def request(self, client, actors):
        return f"/policy/cycles/{actors.records['cycle'].pk}/indicators/import/", {}


class TestCycleCreateApi(PermissionMatrix):
    api = True
    method = "post"
    matrix = expect(401, 403, admin=201)

    def request(self, client, actors):
        body = {"name": "2028-2031", "start_date": "2028-01-01", "end_date": "2031-12-31"}
        return "/api/v1/policy/cycles", {"data": body, "content_type": "application/json"}


# --- answers to bad input -------------------------------------------------------------------


def _client(user, language="en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    verify_session(client, user)
    return client


def test_api_refuses_a_negative_value_in_the_users_language(actors):
    user = actors.es_pc
    user.language = "es"
    user.save(update_fields=["language"])
    url = f"/api/v1/policy/actions/{actors.records['policy_action'].pk}/indicators"
    before = IndicatorEntry.objects.count()
    response = _client(user, "es").post(
        url, {**ENTRY, "value": -3}, content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["errors"] == [
        {"loc": ["body", "value"], "message": "El valor no puede ser negativo."}
    ]
    assert IndicatorEntry.objects.count() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"unit": "kg"}, "unit"),
        ({"period_start": "2023-01-01"}, "period_start"),
        ({"value": "3.5"}, "value"),
        ({"indicator": "drugs_seized", "unit": "kg"}, "drug_type"),
    ],
)
def test_api_names_the_faulty_field(actors, changes, field):
    url = f"/api/v1/policy/actions/{actors.records['policy_action'].pk}/indicators"
    response = _client(actors.es_pc).post(
        url, {**ENTRY, **changes}, content_type="application/json"
    )
    assert response.status_code == 422
    assert field in {e["loc"][-1] for e in response.json()["errors"]}


def test_api_refuses_a_duplicate(actors):
    url = f"/api/v1/policy/actions/{actors.records['policy_action'].pk}/indicators"
    client = _client(actors.es_pc)
    assert client.post(url, ENTRY, content_type="application/json").status_code == 201
    again = client.post(url, ENTRY, content_type="application/json")
    assert again.status_code == 422
    assert "entered already" in again.json()["errors"][0]["message"]


def test_api_assessment_with_an_answer_out_of_range(actors):
    url = f"/api/v1/policy/cycles/{actors.records['cycle'].pk}/assessments/drugs"
    answers = {"scale": 9, "harm": 1, "transnational": 1, "capability": 1, "proceeds": 1}
    response = _client(actors.co_pc).put(
        url, {"answers": {**answers, "trend": 1}}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "scale"]
    assert not ThreatAssessment.objects.exists()


def test_the_entry_form_shows_the_error_and_records_nothing(actors):
    action = actors.records["policy_action"]
    before = IndicatorEntry.objects.count()
    response = _client(actors.es_pc).post(
        f"/policy/actions/{action.pk}/indicators/new/",
        {**ENTRY, "kind": "cash_seized", "unit": "count", "value": "10"},
    )
    assert response.status_code == 200
    assert "This indicator is entered in euros (EUR)." in response.content.decode()
    assert IndicatorEntry.objects.count() == before


def test_csv_import_page_reports_row_field_and_reason(actors):
    cycle = actors.records["cycle"]
    content = (
        b"plan,action,indicator,unit,value,period_start,period_end\n"
        b"OAP-1,1.1,firearms_seized,count,2,2025-01-01,2025-01-31\n"
        b"OAP-1,1.1,firearms_seized,count,-1,2025-02-01,2025-02-28\n"
    )
    client = _client(actors.es_pc)
    response = client.post(
        f"/policy/cycles/{cycle.pk}/indicators/import/",
        {"file": SimpleUploadedFile("figures.csv", content, "text/csv"), "mode": "all"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 rows, 1 with errors, 0 imported." in page
    assert "<td>3</td><td>value</td><td>The value cannot be negative.</td>" in page
    assert not IndicatorEntry.objects.filter(country_id="ES").exists()
    response = client.post(
        f"/policy/cycles/{cycle.pk}/indicators/import/",
        {"file": SimpleUploadedFile("figures.csv", content, "text/csv"), "mode": "valid"},
    )
    assert "2 rows, 1 with errors, 1 imported." in response.content.decode()
    assert IndicatorEntry.objects.filter(country_id="ES").count() == 1


# --- exports and pages ----------------------------------------------------------------------


def test_csv_export_holds_the_aggregates(actors):
    cycle = actors.records["cycle"]
    response = _client(actors.analyst).get(f"/policy/cycles/{cycle.pk}/export.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    entered = [r for r in rows if r["source"] == "entered"]
    assert entered == [
        {
            "source": "entered",
            "indicator": "Arrests",
            "criminal_market": "drugs",
            "country": "CO",
            "year": "2024",
            "drug_type": "",
            "sex": "male",
            "age_group": "adult",
            "unit": "count",
            "value": "12",
        }
    ]


def test_pdf_report_is_a_pdf_with_the_charts(actors):
    cycle = actors.records["cycle"]
    response = _client(actors.analyst).get(f"/policy/cycles/{cycle.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    from reportlab.graphics.shapes import Drawing

    from paccto.policy import selectors
    from paccto.policy.report import chart_drawing

    board = selectors.dashboard(
        actor=actor_for(actors.analyst), cycle=cycle, scope=selectors.DashboardFilter()
    )
    drawings = [chart_drawing(c) for c in board.charts]
    assert drawings and all(isinstance(d, Drawing) for d in drawings)
    assert len(response.content) > 5000


def test_dashboard_page_hands_the_chart_data_to_the_page(actors):
    cycle = actors.records["cycle"]
    page = _client(actors.analyst).get(f"/policy/cycles/{cycle.pk}/").content.decode()
    assert 'id="policy-charts" type="application/json"' in page
    assert 'data-chart="by_market"' in page and "chart.umd.min.js" in page
    assert 'data-kind="arrests">12<' in page


def test_public_page_needs_no_sign_in_and_withholds_small_counts(actors, settings):
    settings.PACCTO_PUBLIC_MIN_COUNT = 20
    response = Client(HTTP_ACCEPT_LANGUAGE="fr").get("/public/statistics/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Statistiques publiques" in page
    # Colombia's 12 arrests (2024) are under 20: withheld, with their total.
    assert 'data-withheld="1"' in page
    assert ">12<" not in page
    for user in (actors.co_pc, actors.es_pc):
        assert user.last_name not in page and user.username not in page
    api = Client().get("/api/v1/policy/public-statistics").json()
    arrests = next(t for t in api["tables"] if t["key"] == "arrests_by_market")
    assert 12 not in [v for row in arrests["cells"] for v in row]
    assert api["threshold"] == 20


def test_platform_admin_builds_a_cycle_through_the_api(actors):
    client = _client(actors.admin)
    cycle = client.post(
        "/api/v1/policy/cycles",
        {"name": "2028-2031", "start_date": "2028-01-01", "end_date": "2031-12-31"},
        content_type="application/json",
    ).json()
    priority = client.post(
        f"/api/v1/policy/cycles/{cycle['id']}/priorities",
        {"criminal_market": "firearms", "title": "Firearms"},
        content_type="application/json",
    ).json()
    goal = client.post(
        f"/api/v1/policy/priorities/{priority['id']}/goals",
        {"code": "SG1", "title": "Trace diverted firearms"},
        content_type="application/json",
    )
    assert goal.status_code == 201
    plan = client.post(
        f"/api/v1/policy/priorities/{priority['id']}/plans",
        {"code": "OAP-F", "title": "Firearms", "driver": "MX", "co_drivers": ["MX"]},
        content_type="application/json",
    )
    assert plan.status_code == 422  # the driver cannot co-drive its own plan
    huge = client.post(
        f"/api/v1/policy/priorities/{priority['id']}/plans",
        {"code": "OAP-F", "title": "Firearms", "driver": "MX", "goal_ids": [10**20]},
        content_type="application/json",
    )
    assert huge.status_code == 422  # an id over 64 bits: was a database error, 500
    plan = client.post(
        f"/api/v1/policy/priorities/{priority['id']}/plans",
        {
            "code": "OAP-F",
            "title": "Firearms",
            "driver": "MX",
            "co_drivers": ["CO", "ES"],
            "goal_ids": [goal.json()["id"]],
        },
        content_type="application/json",
    )
    assert plan.status_code == 201 and plan.json()["co_drivers"] == ["CO", "ES"]
    twice = client.post(
        f"/api/v1/policy/cycles/{cycle['id']}/priorities",
        {"criminal_market": "firearms", "title": "Again"},
        content_type="application/json",
    )
    assert twice.status_code == 422


def test_services_write_audit_records(actors):
    from paccto.audit.models import AuditEntry

    before = AuditEntry.objects.count()
    services.assessment_save(
        actor=actor_for(actors.fr_pc),
        cycle=actors.records["cycle"],
        criminal_market="cybercrime",
        answers={
            "scale": 1,
            "harm": 1,
            "transnational": 1,
            "capability": 1,
            "proceeds": 1,
            "trend": 1,
        },
    )
    assert AuditEntry.objects.count() == before + 1


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_dashboard_and_action_pages_do_not_query_per_row(actors):
    from datetime import date

    from paccto.policy.services import EntryData

    records = actors.records
    client = _client(actors.co_pc)
    dashboard = f"/policy/cycles/{records['cycle'].pk}/"
    action_page = f"/policy/actions/{records['policy_action'].pk}/"
    client.get(dashboard)  # the session's first request does its own bookkeeping
    before = (_queries(client, dashboard), _queries(client, action_page))
    admin = actor_for(actors.admin)
    for i, country in enumerate(("MX", "AR", "CL")):
        plan = services.plan_create(
            actor=admin,
            priority=records["priority"],
            code=f"OAP-{i + 2}",
            title="more",
            driver=country,
            co_drivers=["PE"],
        )
        services.action_create(
            actor=admin,
            plan=plan,
            code="1",
            title="x",
            leader_country=country,
            start_date=date(2025, 1, 1),
            end_date=date(2025, 2, 1),
        )
    for who in (actors.es_pc, actors.br_pc):
        services.indicator_entry_create(
            actor=actor_for(who),
            action=records["policy_action"],
            data=EntryData(
                kind="joint_action_days",
                unit="days",
                value=2,
                period_start=date(2025, 1, 1),
                period_end=date(2025, 1, 31),
            ),
        )
        services.assessment_save(
            actor=actor_for(who),
            cycle=records["cycle"],
            criminal_market="drugs",
            answers=dict.fromkeys(
                ("scale", "harm", "transnational", "capability", "proceeds", "trend"), 2
            ),
        )
    after = (_queries(client, dashboard), _queries(client, action_page))
    assert after == before
