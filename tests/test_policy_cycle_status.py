"""A policy cycle's status: platform administrators move it forward only (planning, active,
closed; planning straight to closed too), through the service, the API and the cycle page;
nothing comes back from closed and the same status twice is an error. Every move is
audited, every refusal writes nothing and answers in the user's language, and a cycle
closed this way takes no new priority. Also: the plan page names each action's leader."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from paccto.audit.models import AuditEntry
from paccto.core.choices import Role
from paccto.core.permissions import actor_for
from paccto.policy import services
from paccto.policy.models import PolicyCycle, Priority
from tests.factories import make_user, signed_in_client
from tests.matrix import PermissionMatrix
from tests.test_policy_api import PolicyActors, expect

pytestmark = pytest.mark.django_db

CLOSING_WARNING = "A closed cycle takes no new priority, goal, plan or action."
CLOSED_MESSAGE = "This cycle is closed: nothing more can be added to it."


@pytest.fixture
def actors(db):
    return PolicyActors()


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def _planning_cycle(actors) -> PolicyCycle:
    return services.cycle_create(
        actor=actor_for(actors.admin),
        name="2028-2031",
        start_date=date(2028, 1, 1),
        end_date=date(2031, 12, 31),
    )


def _status(cycle: PolicyCycle) -> str:
    return PolicyCycle.objects.values_list("status", flat=True).get(pk=cycle.pk)


def _status_entries(cycle: PolicyCycle):
    return AuditEntry.objects.filter(
        object_type="policy.policycycle", object_id=str(cycle.pk)
    ).order_by("pk")


# --- 1. the service ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "why"),
    [
        (["active", "closed"], "the usual way: planning, active, closed"),
        (["closed"], "a cycle that never started may be closed from planning"),
        (["active"], "a cycle is opened in planning and made active"),
    ],
)
def test_an_administrator_moves_a_cycle_forward(actors, path, why):
    cycle = _planning_cycle(actors)
    admin = actor_for(actors.admin)
    for status in path:
        returned = services.cycle_status_set(actor=admin, cycle=cycle, status=status)
        assert returned.status == status == _status(cycle), why
    assert cycle.status == path[-1]


@pytest.mark.parametrize(
    ("path", "status", "message", "why"),
    [
        (
            ["active"],
            "planning",
            "A cycle's status moves forward only, from planning to active to closed: it "
            "cannot go back from “Active” to “Planning”.",
            "no way back to planning",
        ),
        (
            ["closed"],
            "active",
            "A closed cycle stays closed: its status cannot change any more.",
            "nothing comes back from closed",
        ),
        (
            ["active", "closed"],
            "planning",
            "A closed cycle stays closed: its status cannot change any more.",
            "nothing comes back from closed",
        ),
        ([], "planning", "The cycle's status is “Planning” already.", "the same status"),
        (["active"], "active", "The cycle's status is “Active” already.", "the same status"),
        (["closed"], "closed", "The cycle's status is “Closed” already.", "the same status"),
        ([], "archived", "Choose one of the allowed values.", "no such status"),
    ],
)
def test_a_cycle_does_not_move_back_or_stay_and_nothing_is_written(
    actors, path, status, message, why
):
    cycle = _planning_cycle(actors)
    admin = actor_for(actors.admin)
    for step in path:
        services.cycle_status_set(actor=admin, cycle=cycle, status=step)
    before = (_status(cycle), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as caught:
        services.cycle_status_set(actor=admin, cycle=cycle, status=status)
    assert caught.value.message_dict == {"status": [message]}, why
    assert (_status(cycle), AuditEntry.objects.count()) == before, why


def test_only_platform_administrators_change_a_cycles_status(actors):
    cycle = _planning_cycle(actors)
    before = AuditEntry.objects.count()
    # The coordinator of the plan's driver country, an analyst, a data-protection officer
    # and a national administrator: none of them may.
    national_admin = make_user("CO", "police", (Role.NATIONAL_ADMIN,), username="co.nat.admin")
    for user in (actors.co_pc, actors.analyst, actors.dpo, national_admin):
        with pytest.raises(PermissionDenied):
            services.cycle_status_set(actor=actor_for(user), cycle=cycle, status="active")
    assert (_status(cycle), AuditEntry.objects.count()) == ("planning", before)


def test_a_status_change_is_audited_with_its_reason(actors):
    cycle = _planning_cycle(actors)
    admin = actor_for(actors.admin)
    services.cycle_status_set(actor=admin, cycle=cycle, status="active")
    services.cycle_status_set(
        actor=admin, cycle=cycle, status="closed", justification="  Replaced by 2032-2035 "
    )
    *_, activated, closed = _status_entries(cycle)
    assert (activated.action, closed.action) == ("administer", "administer")
    assert activated.actor_username == closed.actor_username == actors.admin.username
    assert activated.details == {
        "cycle": "2028-2031",
        "status": {"from": "planning", "to": "active"},
    }
    assert (activated.justification, closed.justification) == ("", "Replaced by 2032-2035")
    assert closed.details["status"] == {"from": "active", "to": "closed"}


def test_the_status_is_checked_against_the_stored_cycle_not_a_stale_copy(actors):
    cycle = _planning_cycle(actors)
    stale = PolicyCycle.objects.get(pk=cycle.pk)
    services.cycle_status_set(actor=actor_for(actors.admin), cycle=cycle, status="closed")
    with pytest.raises(ValidationError) as caught:
        services.cycle_status_set(actor=actor_for(actors.admin), cycle=stale, status="active")
    assert list(caught.value.message_dict) == ["status"]
    assert _status(cycle) == "closed"


# --- 2. the API -------------------------------------------------------------------------------


class TestCycleStatusApi(PermissionMatrix):
    api = True
    method = "post"
    matrix = expect(401, 404, admin=200)

    def request(self, client, actors):
        url = f"/api/v1/policy/cycles/{actors.records['cycle'].pk}/status"
        return url, {"data": {"status": "closed"}, "content_type": "application/json"}


def _api_status(client, cycle_id, body):
    return client.post(
        f"/api/v1/policy/cycles/{cycle_id}/status", body, content_type="application/json"
    )


def test_the_api_moves_a_cycle_forward_and_answers_the_cycle(actors):
    cycle = _planning_cycle(actors)
    client = signed_in_client(actors.admin)
    response = _api_status(client, cycle.pk, {"status": "active", "justification": "Adopted"})
    assert response.status_code == 200, response.content
    assert response.json()["id"] == cycle.pk and response.json()["status"] == "active"
    assert _status(cycle) == "active"
    assert _status_entries(cycle).last().justification == "Adopted"


def test_the_api_refuses_a_move_back_in_the_users_language_and_writes_nothing(actors):
    cycle = actors.records["cycle"]  # active
    before = AuditEntry.objects.count()
    response = _api_status(signed_in_client(actors.admin, "es"), cycle.pk, {"status": "planning"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "loc": ["body", "status"],
            "message": "El estado de un ciclo solo avanza, de planificación a activo y a "
            "cerrado: no puede volver de «Activo» a «Planificación».",
        }
    ]
    assert (_status(cycle), AuditEntry.objects.count()) == ("active", before)


def test_the_api_answers_404_for_a_missing_cycle_and_422_for_a_missing_status(actors):
    client = signed_in_client(actors.admin)
    assert _api_status(client, 999999, {"status": "closed"}).status_code == 404
    response = _api_status(client, actors.records["cycle"].pk, {})
    assert response.status_code == 422
    assert _status(actors.records["cycle"]) == "active"


# --- 3. the cycle page ------------------------------------------------------------------------


class TestCycleStatusPost(PermissionMatrix):
    method = "post"
    matrix = expect(302, 404, admin=302)

    def request(self, client, actors):
        url = f"/policy/cycles/{actors.records['cycle'].pk}/status/"
        return url, {"data": {"status": "closed", "confirm": "on"}}


def test_only_administrators_see_the_status_forms(actors):
    cycle = _planning_cycle(actors)
    url = f"/policy/cycles/{cycle.pk}/"
    action = f'action="/policy/cycles/{cycle.pk}/status/"'
    admin_page = signed_in_client(actors.admin).get(url).content.decode()
    assert admin_page.count(action) == 2  # to active, and to closed
    assert 'data-testid="cycle-status-active"' in admin_page
    assert 'data-testid="cycle-status-closed"' in admin_page
    assert CLOSING_WARNING in admin_page
    for user in (actors.co_pc, actors.es_pc, actors.analyst):
        page = signed_in_client(user).get(url).content.decode()
        assert action not in page and CLOSING_WARNING not in page, user.username


def test_the_page_offers_only_the_next_statuses(actors):
    client = signed_in_client(actors.admin)
    active = client.get(f"/policy/cycles/{actors.records['cycle'].pk}/").content.decode()
    assert 'data-testid="cycle-status-closed"' in active
    assert 'data-testid="cycle-status-active"' not in active
    assert 'data-testid="cycle-status-planning"' not in active
    services.cycle_status_set(
        actor=actor_for(actors.admin), cycle=actors.records["cycle"], status="closed"
    )
    closed = client.get(f"/policy/cycles/{actors.records['cycle'].pk}/").content.decode()
    assert 'data-testid="cycle-status-' not in closed


def test_the_page_activates_a_cycle_with_a_message(actors):
    cycle = _planning_cycle(actors)
    client = signed_in_client(actors.admin)
    response = client.post(
        f"/policy/cycles/{cycle.pk}/status/", {"status": "active", "justification": "Adopted"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/policy/cycles/{cycle.pk}/"
    assert _status(cycle) == "active"
    assert _status_entries(cycle).last().justification == "Adopted"
    page = client.get(response["Location"]).content.decode()
    assert "The cycle is active now." in page


def test_closing_from_the_page_needs_the_confirmation(actors):
    cycle = actors.records["cycle"]
    client = signed_in_client(actors.admin)
    before = AuditEntry.objects.count()
    unconfirmed = client.post(f"/policy/cycles/{cycle.pk}/status/", {"status": "closed"})
    assert unconfirmed.status_code == 302
    assert (_status(cycle), AuditEntry.objects.count()) == ("active", before)
    page = client.get(unconfirmed["Location"]).content.decode()
    assert "Tick the box to confirm that the cycle closes." in page
    confirmed = client.post(
        f"/policy/cycles/{cycle.pk}/status/", {"status": "closed", "confirm": "on"}
    )
    assert confirmed.status_code == 302 and _status(cycle) == "closed"
    assert "The cycle was closed." in client.get(confirmed["Location"]).content.decode()


def test_the_page_shows_the_services_refusal_in_the_users_language(actors):
    cycle = actors.records["cycle"]  # active
    client = signed_in_client(actors.admin, "es")
    before = AuditEntry.objects.count()
    response = client.post(f"/policy/cycles/{cycle.pk}/status/", {"status": "planning"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "no puede volver de «Activo» a «Planificación»" in page
    assert (_status(cycle), AuditEntry.objects.count()) == ("active", before)


def test_a_missing_cycle_answers_404_to_the_admin_too(actors):
    response = signed_in_client(actors.admin).post(
        "/policy/cycles/999999/status/", {"status": "active"}
    )
    assert response.status_code == 404


def test_a_cycle_closed_on_its_page_refuses_a_new_priority_on_the_page(actors):
    cycle = actors.records["cycle"]
    client = signed_in_client(actors.admin)
    client.post(f"/policy/cycles/{cycle.pk}/status/", {"status": "closed", "confirm": "on"})
    assert _status(cycle) == "closed"
    before = (Priority.objects.count(), AuditEntry.objects.count())
    response = client.post(
        f"/policy/cycles/{cycle.pk}/priorities/new/",
        {"criminal_market": "thb", "title": "THB", "rank": 2},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [CLOSED_MESSAGE]
    assert CLOSED_MESSAGE in response.content.decode()
    assert (Priority.objects.count(), AuditEntry.objects.count()) == before


def test_a_closed_cycles_page_offers_no_more_additions(actors):
    cycle = actors.records["cycle"]
    client = signed_in_client(actors.admin)
    links = ('data-testid="priority-new"', 'data-testid="goal-new"', 'data-testid="plan-new"')
    page = client.get(f"/policy/cycles/{cycle.pk}/").content.decode()
    assert all(link in page for link in links)
    services.cycle_status_set(actor=actor_for(actors.admin), cycle=cycle, status="closed")
    page = client.get(f"/policy/cycles/{cycle.pk}/").content.decode()
    assert not any(link in page for link in links)


# --- 4. the plan page names each action's leader ----------------------------------------------


def test_the_plan_page_lists_each_actions_named_leader(actors):
    plan, action = actors.records["plan"], actors.records["policy_action"]
    leader = make_user("BR", "police", (Role.INVESTIGATOR,), username="br.lead")
    leader.first_name, leader.last_name = "Joana", "Ribeiro"
    leader.save(update_fields=["first_name", "last_name"])
    unnamed = make_user(
        "PT", "police", (Role.INVESTIGATOR,), username="pt.lead", first_name="", last_name=""
    )
    co = actor_for(actors.co_pc)
    services.action_update(actor=co, action=action, leader="br.lead")
    services.action_create(
        actor=co,
        plan=plan,
        code="1.2",
        title="Controlled deliveries",
        leader_country="PT",
        leader=unnamed.username,
        start_date=date(2025, 1, 1),
        end_date=date(2025, 12, 31),
    )
    page = signed_in_client(actors.analyst).get(f"/policy/plans/{plan.pk}/").content.decode()
    assert "Action leader" in page
    assert '<td data-testid="action-leader">Joana Ribeiro</td>' in page
    assert '<td data-testid="action-leader">pt.lead</td>' in page  # no name: the username


def test_the_plan_page_does_not_query_per_action_leader(actors):
    plan = actors.records["plan"]
    client = signed_in_client(actors.analyst)
    url = f"/policy/plans/{plan.pk}/"
    client.get(url)  # the session's first request does its own bookkeeping

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = queries()
    co = actor_for(actors.co_pc)
    for i, country in enumerate(("PT", "BR", "ES")):
        leader = make_user(country, "police", (Role.INVESTIGATOR,), username=f"lead.{i}")
        services.action_create(
            actor=co,
            plan=plan,
            code=f"2.{i}",
            title="x",
            leader_country=country,
            leader=leader.username,
            start_date=date(2025, 1, 1),
            end_date=date(2025, 2, 1),
        )
    assert queries() == before
