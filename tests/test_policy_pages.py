"""Pages that build a policy cycle: a priority of a cycle, the strategic goals of a priority
and its operational action plans (driver, co-drivers, participants, goals). Who may open them
(the same check as the API: platform administrators; everyone else 404), the cycle page that
lists priorities with their goals and plans, answers to bad input in the user's language with
nothing written, and the services' own refusals."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from paccto.audit.models import AuditEntry
from paccto.core.permissions import actor_for
from paccto.policy import services
from paccto.policy.models import ActionPlan, Priority, StrategicGoal
from tests.factories import verify_session
from tests.matrix import PermissionMatrix
from tests.test_policy_api import PolicyActors, expect

pytestmark = pytest.mark.django_db

ADMIN_ONLY_PAGE = expect(302, 404, admin=200)
ADMIN_ONLY_WRITE = expect(302, 404, admin=302)


@pytest.fixture
def actors(db):
    return PolicyActors()


def _client(user, language="en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    verify_session(client, user)
    return client


def _priority_url(actors, what: str) -> str:
    return f"/policy/priorities/{actors.records['priority'].pk}/{what}/new/"


# --- who may open them: the driver's and co-driver's coordinators may not either ------------


class TestPriorityCreatePage(PermissionMatrix):
    matrix = ADMIN_ONLY_PAGE

    def request(self, client, actors):
        return f"/policy/cycles/{actors.records['cycle'].pk}/priorities/new/", {}


class TestPriorityCreatePost(PermissionMatrix):
    method = "post"
    matrix = ADMIN_ONLY_WRITE

    def request(self, client, actors):
        url = f"/policy/cycles/{actors.records['cycle'].pk}/priorities/new/"
        return url, {"data": {"criminal_market": "thb", "title": "THB", "rank": 2}}


class TestGoalCreatePage(PermissionMatrix):
    matrix = ADMIN_ONLY_PAGE

    def request(self, client, actors):
        return _priority_url(actors, "goals"), {}


class TestGoalCreatePost(PermissionMatrix):
    method = "post"
    matrix = ADMIN_ONLY_WRITE

    def request(self, client, actors):
        return _priority_url(actors, "goals"), {"data": {"code": "SG2", "title": "Ports"}}


class TestPlanCreatePage(PermissionMatrix):
    matrix = ADMIN_ONLY_PAGE

    def request(self, client, actors):
        return _priority_url(actors, "plans"), {}


class TestPlanCreatePost(PermissionMatrix):
    method = "post"
    matrix = ADMIN_ONLY_WRITE

    def request(self, client, actors):
        data = {"code": "OAP-2", "title": "Ports", "driver": "PE", "co_drivers": ["CO"]}
        return _priority_url(actors, "plans"), {"data": data}


def test_a_missing_cycle_or_priority_answers_404_to_the_admin_too(actors):
    client = _client(actors.admin)
    assert client.get("/policy/cycles/999999/priorities/new/").status_code == 404
    assert client.get("/policy/priorities/999999/plans/new/").status_code == 404
    assert client.post("/policy/priorities/999999/goals/new/", {}).status_code == 404


# --- the cycle page -------------------------------------------------------------------------


def _with_goal(actors) -> StrategicGoal:
    return services.goal_create(
        actor=actor_for(actors.admin),
        priority=actors.records["priority"],
        code="SG1",
        title="Cut the cocaine flow through container ports",
    )


def test_the_cycle_page_lists_priorities_with_their_goals_and_plans(actors):
    _with_goal(actors)
    cycle = actors.records["cycle"]
    page = _client(actors.analyst).get(f"/policy/cycles/{cycle.pk}/").content.decode()
    priority = actors.records["priority"]
    assert f'id="priority-{priority.pk}"' in page
    assert "1. Drug trafficking: Cocaine" in page
    assert "SG1: Cut the cocaine flow through container ports" in page
    assert f'href="/policy/plans/{actors.records["plan"].pk}/">OAP-1: Containers</a> (' in page


def test_only_who_may_manage_sees_the_links_to_add(actors):
    cycle, priority = actors.records["cycle"], actors.records["priority"]
    links = (
        f"/policy/cycles/{cycle.pk}/priorities/new/",
        f"/policy/priorities/{priority.pk}/goals/new/",
        f"/policy/priorities/{priority.pk}/plans/new/",
    )
    admin_page = _client(actors.admin).get(f"/policy/cycles/{cycle.pk}/").content.decode()
    assert all(link in admin_page for link in links)
    for user in (actors.co_pc, actors.es_pc, actors.analyst):
        page = _client(user).get(f"/policy/cycles/{cycle.pk}/").content.decode()
        assert not any(link in page for link in links), user.username


def test_a_market_scope_shows_only_that_markets_priorities(actors):
    cycle = actors.records["cycle"]
    services.priority_create(
        actor=actor_for(actors.admin), cycle=cycle, criminal_market="thb", title="Exploitation"
    )
    client = _client(actors.analyst)
    assert "Exploitation" in client.get(f"/policy/cycles/{cycle.pk}/").content.decode()
    drugs = client.get(f"/policy/cycles/{cycle.pk}/?market=drugs").content.decode()
    assert "Exploitation" not in drugs and "Cocaine" in drugs


def _dashboard_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_cycle_page_does_not_query_per_priority_goal_or_plan(actors):
    admin = actor_for(actors.admin)
    cycle = actors.records["cycle"]
    url = f"/policy/cycles/{cycle.pk}/"
    client = _client(actors.admin)
    client.get(url)  # the session's first request does its own bookkeeping
    before = _dashboard_queries(client, url)
    for market, driver in (("thb", "MX"), ("firearms", "AR"), ("cybercrime", "CL")):
        priority = services.priority_create(
            actor=admin, cycle=cycle, criminal_market=market, title=market
        )
        goal = services.goal_create(actor=admin, priority=priority, code="SG1", title="g")
        services.goal_create(actor=admin, priority=priority, code="SG2", title="h")
        services.plan_create(
            actor=admin,
            priority=priority,
            code=f"OAP-{market}",
            title=market,
            driver=driver,
            co_drivers=["PE"],
            goal_ids=[goal.pk],
        )
    assert _dashboard_queries(client, url) == before


# --- adding through the pages ---------------------------------------------------------------


def test_admin_adds_a_priority_and_lands_on_it(actors):
    cycle = actors.records["cycle"]
    client = _client(actors.admin)
    form = client.get(f"/policy/cycles/{cycle.pk}/priorities/new/").content.decode()
    assert 'name="rank" value="2"' in form  # the next rank after the drugs priority
    before = AuditEntry.objects.count()
    response = client.post(
        f"/policy/cycles/{cycle.pk}/priorities/new/",
        {"criminal_market": "thb", "title": "Labour exploitation", "rationale": "", "rank": 2},
    )
    priority = Priority.objects.get(cycle=cycle, criminal_market="thb")
    assert response.status_code == 302
    assert response["Location"] == f"/policy/cycles/{cycle.pk}/#priority-{priority.pk}"
    assert (priority.title, priority.rank) == ("Labour exploitation", 2)
    assert AuditEntry.objects.count() == before + 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"criminal_market": "drugs", "title": "Again", "rank": 2},
            "criminal_market",
            "This criminal market is a priority of the cycle already.",
        ),
        ({"criminal_market": "thb", "title": "THB", "rank": 0}, "rank", "from 1 to 100."),
        ({"criminal_market": "thb", "title": "THB", "rank": 101}, "rank", "from 1 to 100."),
        ({"criminal_market": "thb", "title": "", "rank": 2}, "title", "This field is required."),
        ({"criminal_market": "luck", "title": "x", "rank": 2}, "criminal_market", "valid choice"),
    ],
)
def test_the_priority_form_shows_the_error_and_writes_nothing(actors, data, field, message):
    cycle = actors.records["cycle"]
    before = (Priority.objects.count(), AuditEntry.objects.count())
    response = _client(actors.admin).post(f"/policy/cycles/{cycle.pk}/priorities/new/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert message in response.content.decode()
    assert (Priority.objects.count(), AuditEntry.objects.count()) == before


def test_the_priority_form_answers_in_the_users_language(actors):
    user = actors.admin
    user.language = "es"
    user.save(update_fields=["language"])
    client = _client(user, "es")
    url = f"/policy/cycles/{actors.records['cycle'].pk}/priorities/new/"
    twice = client.post(url, {"criminal_market": "drugs", "title": "Otra vez", "rank": 2})
    page = twice.content.decode()
    assert "Añadir una prioridad" in page
    assert "Este mercado delictivo ya es una prioridad del ciclo." in page
    ranked = client.post(url, {"criminal_market": "thb", "title": "Trata", "rank": 0})
    assert "Elija un orden entre 1 y 100." in ranked.content.decode()
    assert Priority.objects.count() == 1


def test_admin_adds_a_goal_and_a_used_code_is_refused(actors):
    priority = actors.records["priority"]
    client = _client(actors.admin)
    url = _priority_url(actors, "goals")
    response = client.post(url, {"code": "SG1", "title": "Ports"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#priority-{priority.pk}")
    again = client.post(url, {"code": "SG1", "title": "Airports"})
    assert again.status_code == 200
    assert again.context["form"].errors["code"] == ["This code is used already."]
    assert list(priority.goals.values_list("title", flat=True)) == ["Ports"]


def test_admin_adopts_a_plan_with_its_countries_and_goals(actors):
    goal = _with_goal(actors)
    priority = actors.records["priority"]
    client = _client(actors.admin)
    form = client.get(_priority_url(actors, "plans")).content.decode()
    assert f'value="{goal.pk}"' in form and 'name="co_drivers"' in form
    response = client.post(
        _priority_url(actors, "plans"),
        {
            "code": "OAP-2",
            "title": "Air couriers",
            "driver": "PE",
            "co_drivers": ["CO", "ES"],
            "participants": ["BR", "PT"],
            "goals": [goal.pk],
        },
    )
    plan = ActionPlan.objects.get(code="OAP-2")
    assert response.status_code == 302 and response["Location"] == f"/policy/plans/{plan.pk}/"
    assert plan.priority == priority and plan.driver_id == "PE"
    assert sorted(plan.co_drivers.values_list("code", flat=True)) == ["CO", "ES"]
    assert sorted(plan.participants.values_list("code", flat=True)) == ["BR", "PT"]
    assert list(plan.goals.all()) == [goal]


def _other_goal(actors) -> StrategicGoal:
    admin = actor_for(actors.admin)
    other = services.priority_create(
        actor=admin, cycle=actors.records["cycle"], criminal_market="thb", title="THB"
    )
    return services.goal_create(actor=admin, priority=other, code="SG9", title="Other")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"co_drivers": ["PE", "ES"]}, "co_drivers", "The driver country cannot also co-drive."),
        ({"code": "OAP-1"}, "code", "This code is used already."),
        ({"driver": "ZZ"}, "driver", "valid choice"),
        ({"participants": ["ZZ"]}, "participants", "valid choice"),
        ({"title": ""}, "title", "This field is required."),
        ("other_goal", "goals", "valid choice"),
    ],
)
def test_the_plan_form_shows_the_error_and_writes_nothing(actors, changes, field, message):
    if changes == "other_goal":
        changes = {"goals": [_other_goal(actors).pk]}
    data = {"code": "OAP-2", "title": "Air couriers", "driver": "PE", **changes}
    before = (ActionPlan.objects.count(), AuditEntry.objects.count())
    response = _client(actors.admin).post(_priority_url(actors, "plans"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert (ActionPlan.objects.count(), AuditEntry.objects.count()) == before


# --- the services the pages and the API share -----------------------------------------------


def test_services_refuse_a_rank_out_of_range_for_the_api_too(actors):
    cycle = actors.records["cycle"]
    for rank in (0, 101):
        with pytest.raises(ValidationError) as caught:
            services.priority_create(
                actor=actor_for(actors.admin),
                cycle=cycle,
                criminal_market="thb",
                title="x",
                rank=rank,
            )
        assert list(caught.value.message_dict) == ["rank"]
    assert not Priority.objects.filter(criminal_market="thb").exists()


def test_coordinators_may_not_build_the_cycle_through_the_services(actors):
    priority = actors.records["priority"]
    driver = actor_for(actors.co_pc)  # coordinator of the plan's driver country
    with pytest.raises(PermissionDenied):
        services.priority_create(
            actor=driver, cycle=priority.cycle, criminal_market="thb", title="x"
        )
    with pytest.raises(PermissionDenied):
        services.goal_create(actor=driver, priority=priority, code="SG1", title="x")
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=driver, priority=priority, code="OAP-9", title="x", driver="CO")
    assert not StrategicGoal.objects.exists()
    assert ActionPlan.objects.count() == 1
