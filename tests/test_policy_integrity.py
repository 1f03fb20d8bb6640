"""The rules that keep a policy cycle consistent, on the services that the pages and the API
share: an action is led by a country taking part in its plan, and may name an action leader
(an official of that country); a plan's participants are not also its driver or co-drivers;
a closed cycle takes no new priority, goal, plan or action; two plans with one code answer a
message, not a server error, even when they race. Each refusal writes nothing and answers in
the user's language."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from paccto.audit.models import AuditEntry
from paccto.core.choices import Role
from paccto.core.permissions import actor_for, can
from paccto.policy import services
from paccto.policy.models import Action, ActionPlan, PolicyCycle, Priority, StrategicGoal
from paccto.policy.services import EntryData
from tests.factories import make_user, signed_in_client
from tests.test_policy_api import PolicyActors

pytestmark = pytest.mark.django_db

NOT_TAKING_PART = (
    "The leader country must take part in the plan: its driver, a co-driver or a participant."
)
PARTICIPANT_DRIVES = "A participant country cannot also drive or co-drive the plan."
CLOSED = "This cycle is closed: nothing more can be added to it."


@pytest.fixture
def actors(db):
    return PolicyActors()


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def _counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count() for m in (Priority, StrategicGoal, ActionPlan, Action, AuditEntry)
    )


def _new_action(actor, plan, **kw) -> Action:
    values = dict(
        code="1.2",
        title="Controlled deliveries",
        leader_country="PT",
        start_date=date(2025, 1, 1),
        end_date=date(2025, 12, 31),
    )
    return services.action_create(actor=actor, plan=plan, **{**values, **kw})


# --- 1. the action's leader country takes part; its named action leader -----------------------


@pytest.mark.parametrize(
    ("country", "allowed", "why"),
    [
        ("CO", True, "the driver"),
        ("ES", True, "a co-driver"),
        ("PT", True, "a participant"),
        ("FR", False, "takes no part in the plan"),
        ("PE", False, "takes no part in the plan"),
    ],
)
def test_an_action_is_led_by_a_country_taking_part_in_the_plan(actors, country, allowed, why):
    co = actor_for(actors.co_pc)
    before = _counts()
    if allowed:
        action = _new_action(co, actors.records["plan"], leader_country=country)
        assert action.leader_country_id == country, why
        return
    with pytest.raises(ValidationError) as caught:
        _new_action(co, actors.records["plan"], leader_country=country)
    assert caught.value.message_dict == {"leader_country": [NOT_TAKING_PART]}, why
    assert _counts() == before


def test_an_action_cannot_be_handed_to_a_country_taking_no_part(actors):
    action = actors.records["policy_action"]
    with pytest.raises(ValidationError) as caught:
        services.action_update(actor=actor_for(actors.co_pc), action=action, leader_country="FR")
    assert caught.value.message_dict == {"leader_country": [NOT_TAKING_PART]}
    action.refresh_from_db()
    assert action.leader_country_id == "BR"


def test_a_named_action_leader_is_an_official_of_the_leader_country_and_may_change_it(actors):
    co = actor_for(actors.co_pc)
    leader = make_user("PT", "police", (Role.INVESTIGATOR,), username="pt.leader")
    action = _new_action(co, actors.records["plan"], leader="pt.leader")
    assert action.leader == leader
    assert can(actor_for(leader), "change", action)
    # Someone of another country, a missing user or one without an operational role: the
    # same answer, which tells nothing about who exists elsewhere.
    make_user("FR", "police", (Role.INVESTIGATOR,), username="fr.officer")
    make_user("PT", "police", (Role.DPO,), username="pt.dpo")
    for username in ("fr.officer", "nobody.at.all", "pt.dpo"):
        before = _counts()
        with pytest.raises(ValidationError) as caught:
            _new_action(co, actors.records["plan"], code="1.3", leader=username)
        assert caught.value.message_dict == {
            "leader": [
                f"No active user with an operational role in the leader country is called "
                f"“{username}”."
            ]
        }
        assert _counts() == before


def test_the_leader_is_named_changed_and_removed_on_an_existing_action(actors):
    action = actors.records["policy_action"]  # led by Brazil
    co = actor_for(actors.co_pc)
    br_officer = make_user("BR", "police", (Role.ANALYST,), username="br.leader")
    services.action_update(actor=co, action=action, leader="br.leader")
    action.refresh_from_db()
    assert action.leader == br_officer
    # The leader country changes, the leader does not: he is of another country now.
    with pytest.raises(ValidationError) as caught:
        services.action_update(actor=co, action=action, leader_country="PT")
    assert list(caught.value.message_dict) == ["leader"]
    action.refresh_from_db()
    assert (action.leader_country_id, action.leader) == ("BR", br_officer)
    services.action_update(actor=co, action=action, leader_country="PT", leader="")
    action.refresh_from_db()
    assert (action.leader_country_id, action.leader) == ("PT", None)


def test_the_action_form_names_the_leader_and_the_action_page_shows_it(actors):
    plan = actors.records["plan"]
    leader = make_user("ES", "police", (Role.INVESTIGATOR,), username="es.leader")
    leader.first_name, leader.last_name = "Lucía", "Navarro"
    leader.save(update_fields=["first_name", "last_name"])
    client = signed_in_client(actors.co_pc)
    form = client.get(f"/policy/plans/{plan.pk}/").content.decode()
    assert 'name="leader"' in form
    response = client.post(
        f"/policy/plans/{plan.pk}/actions/new/",
        {
            "code": "1.2",
            "title": "Controlled deliveries",
            "leader_country": "ES",
            "leader": "es.leader",
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
            "status": "planned",
        },
    )
    action = Action.objects.get(plan=plan, code="1.2")
    assert response.status_code == 302 and action.leader == leader
    page = client.get(f"/policy/actions/{action.pk}/").content.decode()
    assert "Action leader" in page and "Lucía Navarro" in page
    assert 'name="leader" value="es.leader"' in page  # the change form starts from it


def test_the_action_form_refuses_a_leader_country_taking_no_part(actors):
    plan = actors.records["plan"]
    before = _counts()
    response = signed_in_client(actors.co_pc).post(
        f"/policy/plans/{plan.pk}/actions/new/",
        {
            "code": "1.2",
            "title": "x",
            "leader_country": "FR",
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
            "status": "planned",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["leader_country"] == [NOT_TAKING_PART]
    assert _counts() == before


def test_the_api_names_the_leader_and_refuses_a_country_taking_no_part_in_spanish(actors):
    plan = actors.records["plan"]
    make_user("PT", "police", (Role.INVESTIGATOR,), username="pt.leader")
    body = {
        "code": "1.2",
        "title": "Controlled deliveries",
        "leader_country": "PT",
        "leader": "pt.leader",
        "start_date": "2025-01-01",
        "end_date": "2025-12-31",
    }
    client = signed_in_client(actors.co_pc, "es")
    url = f"/api/v1/policy/plans/{plan.pk}/actions"
    created = client.post(url, body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["leader"] == "pt.leader"
    before = _counts()
    refused = client.post(
        url,
        {**body, "code": "1.3", "leader_country": "FR", "leader": ""},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {
            "loc": ["body", "leader_country"],
            "message": "El país líder debe participar en el plan: como país director, "
            "codirector o participante.",
        }
    ]
    assert _counts() == before
    patched = client.patch(
        f"/api/v1/policy/actions/{created.json()['id']}",
        {"leader": ""},
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["leader"] == ""


# --- 2. a participant is not also the driver or a co-driver ----------------------------------


@pytest.mark.parametrize("participants", [["PE"], ["CO", "PE"], ["BR", "CO"]])
def test_a_participant_may_not_also_drive_or_co_drive_the_plan(actors, participants):
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        services.plan_create(
            actor=actor_for(actors.admin),
            priority=actors.records["priority"],
            code="OAP-2",
            title="Air couriers",
            driver="PE",
            co_drivers=["CO"],
            participants=participants,
        )
    assert caught.value.message_dict == {"participants": [PARTICIPANT_DRIVES]}
    assert _counts() == before


def test_the_plan_form_and_the_api_refuse_a_participant_that_drives(actors):
    priority = actors.records["priority"]
    before = _counts()
    page = signed_in_client(actors.admin).post(
        f"/policy/priorities/{priority.pk}/plans/new/",
        {"code": "OAP-2", "title": "x", "driver": "PE", "participants": ["PE", "BR"]},
    )
    assert page.status_code == 200
    assert page.context["form"].errors["participants"] == [PARTICIPANT_DRIVES]
    api = signed_in_client(actors.admin, "es").post(
        f"/api/v1/policy/priorities/{priority.pk}/plans",
        {
            "code": "OAP-2",
            "title": "x",
            "driver": "PE",
            "co_drivers": ["MX"],
            "participants": ["MX"],
        },
        content_type="application/json",
    )
    assert api.status_code == 422
    assert api.json()["errors"] == [
        {
            "loc": ["body", "participants"],
            "message": "Un país participante no puede ser también director ni codirector del plan.",
        }
    ]
    assert _counts() == before


# --- 3. a closed cycle takes nothing new -----------------------------------------------------


def _close(cycle: PolicyCycle) -> None:
    admin = make_user("ES", "ministry", (Role.PLATFORM_ADMIN,), username="pol.closer")
    services.cycle_status_set(actor=actor_for(admin), cycle=cycle, status="closed")
    cycle.refresh_from_db()


def test_a_closed_cycle_takes_no_new_priority_goal_plan_or_action(actors):
    records = actors.records
    admin = actor_for(actors.admin)
    _close(records["cycle"])
    priority = Priority.objects.get(pk=records["priority"].pk)
    plan = ActionPlan.objects.get(pk=records["plan"].pk)
    attempts = {
        "priority": lambda: services.priority_create(
            actor=admin, cycle=records["cycle"], criminal_market="thb", title="THB"
        ),
        "goal": lambda: services.goal_create(actor=admin, priority=priority, code="SG1", title="x"),
        "plan": lambda: services.plan_create(
            actor=admin, priority=priority, code="OAP-2", title="x", driver="PE"
        ),
        "action": lambda: _new_action(actor_for(actors.co_pc), plan),
    }
    before = _counts()
    for what, attempt in attempts.items():
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert caught.value.messages == [CLOSED], what
    assert _counts() == before


def test_a_cycle_opened_closed_takes_no_priority_either(actors):
    admin = actor_for(actors.admin)
    past = services.cycle_create(
        actor=admin,
        name="2020-2023",
        start_date=date(2020, 1, 1),
        end_date=date(2023, 12, 31),
        status="closed",
    )
    with pytest.raises(ValidationError) as caught:
        services.priority_create(actor=admin, cycle=past, criminal_market="drugs", title="x")
    assert caught.value.messages == [CLOSED]


def test_figures_of_a_closed_cycle_may_still_be_reported(actors):
    # Figures of a cycle's last periods arrive after it ends; their own rule is that the
    # period falls inside the cycle, which the closure does not change.
    _close(actors.records["cycle"])
    entry = services.indicator_entry_create(
        actor=actor_for(actors.es_pc),
        action=Action.objects.get(pk=actors.records["policy_action"].pk),
        data=EntryData(
            kind="firearms_seized",
            unit="count",
            value=2,
            period_start=date(2027, 10, 1),
            period_end=date(2027, 12, 31),
        ),
    )
    assert entry.pk is not None


def test_pages_and_api_answer_a_closed_cycle_with_the_message(actors):
    records = actors.records
    _close(records["cycle"])
    before = _counts()
    page = signed_in_client(actors.admin).post(
        f"/policy/cycles/{records['cycle'].pk}/priorities/new/",
        {"criminal_market": "thb", "title": "THB", "rank": 2},
    )
    assert page.status_code == 200
    assert page.context["form"].non_field_errors() == [CLOSED]
    assert CLOSED in page.content.decode()
    action_page = signed_in_client(actors.co_pc).post(
        f"/policy/plans/{records['plan'].pk}/actions/new/",
        {
            "code": "1.2",
            "title": "x",
            "leader_country": "PT",
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
            "status": "planned",
        },
    )
    assert action_page.status_code == 200
    assert action_page.context["form"].non_field_errors() == [CLOSED]
    api = signed_in_client(actors.admin, "es").post(
        f"/api/v1/policy/priorities/{records['priority'].pk}/goals",
        {"code": "SG1", "title": "x"},
        content_type="application/json",
    )
    assert api.status_code == 422
    assert api.json()["errors"] == [
        {"loc": ["body"], "message": "Este ciclo está cerrado: ya no se le puede añadir nada."}
    ]
    assert _counts() == before


# --- 4. two plans with one code --------------------------------------------------------------


def test_a_plan_code_taken_by_a_concurrent_request_answers_a_message(actors, monkeypatch):
    """Both requests pass the check for a free code; the second to save meets the database's
    unique constraint. It must answer the code's message and write nothing."""
    priority = actors.records["priority"]
    original = ActionPlan.full_clean

    def full_clean_then_the_other_request_saves(plan, *args, **kwargs):
        original(plan, *args, **kwargs)
        ActionPlan.objects.create(priority=priority, code=plan.code, title="other", driver_id="MX")

    monkeypatch.setattr(ActionPlan, "full_clean", full_clean_then_the_other_request_saves)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.plan_create(
            actor=actor_for(actors.admin),
            priority=priority,
            code="OAP-2",
            title="Air couriers",
            driver="PE",
            co_drivers=["CO"],
        )
    assert caught.value.message_dict == {"code": ["This code is used already."]}
    [plan] = ActionPlan.objects.filter(code="OAP-2")
    assert plan.title == "other" and not plan.co_drivers.exists()
    assert AuditEntry.objects.count() == before
