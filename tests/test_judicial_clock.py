"""The judicial clock, with the time set by the tests: deadlines started and ended by the
steps, reminders before and escalations after them (once each, to both sides), overdue
lists, the one extension, and the pass run by the platform's clock."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from paccto.core.permissions import actor_for
from paccto.exchange.models import Notification
from paccto.exchange.services import exchange_clock_run
from paccto.judicial import selectors, services
from paccto.judicial.models import RequestDeadline, RequestEvent
from tests.judicial_data import JudicialActors, answer_all, draft, person, step

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


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


def eio(people, now=T0):
    """An investigation order from Spain to Portugal under the EIO directive, sent at
    ``now``: 30 days to decide (+30 once), 90 to execute."""
    request = draft(people.es_prosecutor, "pt-pgr", "evidence_order", "eu-eio")
    answer_all(people.es_prosecutor, request)  # Portugal's law requires them for any request
    step(people.es_prosecutor, request, "send", now=now)
    request.refresh_from_db()
    return request


def run(now):
    return services.judicial_clock_run(now=now)


def clock_notifications(kind):
    return Notification.objects.filter(kind=kind)


def test_sending_starts_the_recognition_deadline_with_its_reminder_time(people):
    request = eio(people)
    deadline = request.deadlines.get()
    assert deadline.phase == "recognition"
    assert deadline.due_at == T0 + 720 * HOUR == request.due_at
    assert deadline.clock_next_at == T0 + 720 * HOUR * 0.8  # 20 % of the clock left
    assert deadline.rule.instrument == "eu-eio"


def test_a_reminder_before_and_an_escalation_after_each_once_to_both_sides(people):
    request = eio(people)
    assert run(T0 + 575 * HOUR) == {"reminder": 0, "escalation": 0}
    assert run(T0 + 577 * HOUR) == {"reminder": 1, "escalation": 0}
    assert run(T0 + 578 * HOUR) == {"reminder": 0, "escalation": 0}  # never twice
    told = set(clock_notifications("judicial_reminder").values_list("user__username", flat=True))
    # Every operational user of both institutions: the requesting prosecutor and analyst,
    # the Portuguese prosecutor.
    assert {"es.fiscal", "es.fiscalia.analyst", "pt.procurador"} <= told
    assert not told & {"co.fiscal", "fr.procureur"}
    assert not selectors.judicial_request_list(
        actor=actor_for(people.pt_prosecutor), overdue=True, now=T0 + 700 * HOUR
    ).exists()

    assert run(T0 + 721 * HOUR) == {"reminder": 0, "escalation": 1}
    assert run(T0 + 800 * HOUR) == {"reminder": 0, "escalation": 0}
    assert clock_notifications("judicial_escalation").filter(user=people.es_prosecutor).count() == 1
    assert list(request.events.order_by("pk").values_list("action", flat=True)) == [
        "create",
        "send",
        "remind",
        "escalate",
    ]
    overdue = selectors.judicial_request_list(
        actor=actor_for(people.pt_prosecutor), overdue=True, now=T0 + 721 * HOUR
    )
    assert list(overdue) == [request]
    mail = clock_notifications("judicial_escalation").first()
    assert mail.reference == request.number and request.title not in mail.text


def test_a_server_down_past_the_deadline_sends_the_escalation_only(people):
    eio(people)
    assert run(T0 + 1000 * HOUR) == {"reminder": 0, "escalation": 1}
    deadline = RequestDeadline.objects.get()
    assert deadline.reminded_at is None and deadline.escalated_at == T0 + 1000 * HOUR
    assert not clock_notifications("judicial_reminder").exists()


def test_deciding_in_time_ends_the_deadline_and_starts_the_execution_one(people):
    request = eio(people)
    executing = people.pt_prosecutor
    step(executing, request, "confirm_receipt", now=T0 + 24 * HOUR)
    step(executing, request, "recognise", now=T0 + 200 * HOUR)
    recognition = request.deadlines.get(phase="recognition")
    execution = request.deadlines.get(phase="execution")
    assert recognition.ended_at == T0 + 200 * HOUR and not recognition.is_overdue
    assert execution.due_at == T0 + 200 * HOUR + 2160 * HOUR
    request.refresh_from_db()
    assert request.due_at == execution.due_at
    # The recognition deadline, met, sends nothing when its time comes.
    assert run(T0 + 800 * HOUR) == {"reminder": 0, "escalation": 0}
    step(executing, request, "start_execution", now=T0 + 300 * HOUR)
    step(executing, request, "execute", now=T0 + 900 * HOUR)
    request.refresh_from_db()
    assert request.due_at is None
    assert run(T0 + 5000 * HOUR) == {"reminder": 0, "escalation": 0}
    assert not RequestEvent.objects.filter(action__in=["remind", "escalate"]).exists()


def test_a_decision_after_the_deadline_is_met_late(people):
    request = eio(people)
    step(people.pt_prosecutor, request, "confirm_receipt", now=T0 + HOUR)
    step(people.pt_prosecutor, request, "recognise", now=T0 + 800 * HOUR)
    recognition = request.deadlines.get(phase="recognition")
    assert recognition.ended_at > recognition.due_at and recognition.is_overdue


def test_the_executing_side_extends_once_before_the_deadline_with_notice(people):
    request = eio(people)
    executing = actor_for(people.pt_prosecutor)
    with pytest.raises(PermissionDenied):
        services.request_deadline_extend(
            actor=actor_for(people.es_prosecutor), request=request, notice="x", now=T0
        )
    with pytest.raises(ValidationError) as caught:
        services.request_deadline_extend(actor=executing, request=request, notice=" ", now=T0)
    assert "notice" in caught.value.message_dict
    deadline = services.request_deadline_extend(
        actor=executing,
        request=request,
        notice="The bank has asked for more time to gather the records.",
        now=T0 + 100 * HOUR,
    )
    assert deadline.due_at == T0 + 1440 * HOUR and deadline.original_due_at == T0 + 720 * HOUR
    assert deadline.clock_next_at == T0 + 1440 * HOUR - 720 * HOUR * 0.2
    request.refresh_from_db()
    assert request.due_at == T0 + 1440 * HOUR
    assert request.events.filter(action="extend").get().reason.startswith("The bank")
    assert Notification.objects.filter(user=people.es_prosecutor, topic="deadline_extended")
    with pytest.raises(ValidationError) as caught:  # once only
        services.request_deadline_extend(
            actor=executing, request=request, notice="Again", now=T0 + 200 * HOUR
        )
    assert "__all__" in caught.value.message_dict
    # The extended clock reminds again before its new due time, and nothing before.
    assert run(T0 + 720 * HOUR) == {"reminder": 0, "escalation": 0}
    assert run(T0 + 1300 * HOUR) == {"reminder": 1, "escalation": 0}


def test_a_deadline_that_has_passed_cannot_be_extended(people):
    request = eio(people)
    with pytest.raises(ValidationError) as caught:
        services.request_deadline_extend(
            actor=actor_for(people.pt_prosecutor),
            request=request,
            notice="Too late",
            now=T0 + 721 * HOUR,
        )
    assert "has passed" in str(caught.value)
    assert RequestDeadline.objects.get().extended_at is None


def test_classic_mutual_legal_assistance_has_no_fixed_deadline(people):
    request = draft(people.es_prosecutor, "co-fiscalia", "mla_evidence", "untoc")
    step(people.es_prosecutor, request, "send", now=T0)
    request.refresh_from_db()
    assert request.due_at is None and not request.deadlines.exists()
    assert run(T0 + 10_000 * HOUR) == {"reminder": 0, "escalation": 0}


def test_a_provisional_arrest_has_48_hours_and_a_reminder_at_a_quarter_left(people):
    prosecutor = people.co_prosecutor
    request = draft(
        prosecutor,
        "es-fiscalia-general",
        "provisional_arrest",
        "untoc",
        urgency="custody",
        urgency_reasons="The person sought was stopped at Barajas airport.",
    )
    answer_all(prosecutor, request)
    services.request_entity_add(
        actor=actor_for(prosecutor), request=request, entity=person(prosecutor), role="sought"
    )
    step(prosecutor, request, "send", now=T0)
    deadline = request.deadlines.get()
    assert deadline.due_at == T0 + 48 * HOUR
    assert deadline.clock_next_at == T0 + 36 * HOUR
    assert run(T0 + 37 * HOUR)["reminder"] == 1


def test_the_platforms_clock_runs_the_judicial_pass(people):
    eio(people)
    counts = exchange_clock_run(now=T0 + 721 * HOUR)
    assert counts["judicial escalation"] == 1 and counts["judicial reminder"] == 0
    assert exchange_clock_run(now=T0 + 722 * HOUR)["judicial escalation"] == 0


def test_the_judicial_clock_command_runs_one_pass(people):
    eio(people, now=datetime.now(UTC) - 721 * HOUR)
    out = io.StringIO()
    call_command("judicial_clock", stdout=out)
    assert out.getvalue().strip() == "reminder: 0, escalation: 1"
