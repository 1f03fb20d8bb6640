"""The rules that keep a policy cycle consistent, on the services that the pages and the API
share: a plan's participants are not also its driver or co-drivers; a closed cycle takes no
new priority, goal, plan or action; two plans with one code answer a message, not a server
error, even when they race. Each refusal writes nothing and answers in the user's
language."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from paccto.audit.models import AuditEntry
from paccto.core.permissions import actor_for
from paccto.policy import services
from paccto.policy.models import Action, ActionPlan, PolicyCycle, Priority, StrategicGoal
from paccto.policy.services import EntryData
from tests.factories import verify_session
from tests.test_policy_api import PolicyActors

pytestmark = pytest.mark.django_db

PARTICIPANT_DRIVES = "A participant country cannot also drive or co-drive the plan."
CLOSED = "This cycle is closed: nothing more can be added to it."


@pytest.fixture
def actors(db):
    return PolicyActors()


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def _client(user, language="en") -> Client:
    if language != "en":
        user.language = language
        user.save(update_fields=["language"])
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    verify_session(client, user)
    return client


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
    page = _client(actors.admin).post(
        f"/policy/priorities/{priority.pk}/plans/new/",
        {"code": "OAP-2", "title": "x", "driver": "PE", "participants": ["PE", "BR"]},
    )
    assert page.status_code == 200
    assert page.context["form"].errors["participants"] == [PARTICIPANT_DRIVES]
    api = _client(actors.admin, "es").post(
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
    # No service closes a cycle yet: the status is set as an administrator would in the admin.
    PolicyCycle.objects.filter(pk=cycle.pk).update(status="closed")
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
    page = _client(actors.admin).post(
        f"/policy/cycles/{records['cycle'].pk}/priorities/new/",
        {"criminal_market": "thb", "title": "THB", "rank": 2},
    )
    assert page.status_code == 200
    assert page.context["form"].non_field_errors() == [CLOSED]
    assert CLOSED in page.content.decode()
    action_page = _client(actors.co_pc).post(
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
    api = _client(actors.admin, "es").post(
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
