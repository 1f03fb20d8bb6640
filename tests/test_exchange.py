"""Secure exchange: sending, clocks, status, onward sharing, search, mentions, notices."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from paccto.audit.models import AuditEntry
from paccto.core.choices import Role
from paccto.core.models import Network, NetworkMembership
from paccto.core.permissions import actor_for, visible_to
from paccto.entities.choices import SourceKind
from paccto.entities.models import Entity
from paccto.entities.services import entity_create
from paccto.exchange import selectors, services
from paccto.exchange.models import (
    ClockEvent,
    ClockRule,
    ExchangeDefaults,
    ForwardRequest,
    Message,
    MessageEntity,
    MessageRecipient,
    Notification,
    Thread,
)
from tests.exchange_helpers import rule, send
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the e-mails) at the end of a ``with`` block."""
    return django_capture_on_commit_callbacks


def _sees(user, message) -> bool:
    return visible_to(actor_for(user), Message).filter(pk=message.pk).exists()


# Reference data -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instrument", "urgency", "hours"),
    [
        ("eu-2023-977", "urgent-direct", 8),
        ("eu-2023-977", "urgent-indirect", 72),
        ("eu-2023-977", "normal", 168),
        ("prum-ii", "core-data", 48),
        ("mla-classic", "no-deadline", None),
        ("palermo", "no-deadline", None),
        ("bilateral", "no-deadline", None),
    ],
)
def test_clock_rules_are_loaded_with_the_reference_data(instrument, urgency, hours):
    assert rule(instrument, urgency).hours == hours


def test_loading_the_clock_rules_again_changes_nothing():
    before = list(ClockRule.objects.values_list("pk", "instrument", "urgency", "hours"))
    assert services.clock_rules_load() == len(before)
    assert list(ClockRule.objects.values_list("pk", "instrument", "urgency", "hours")) == before


# Sending ---------------------------------------------------------------------------------------


def test_a_request_is_delivered_with_its_due_time_audited_and_notified(actors, mails):
    before = timezone.now()
    with mails(execute=True):
        message = send(actors.owner, actors.other_institution, actors.other_country)
    assert message.due_at is not None
    assert timedelta(hours=72) <= message.due_at - before < timedelta(hours=72, seconds=5)
    # The reminder comes when 20 % of the clock is left.
    assert message.clock_next_at == message.due_at - timedelta(hours=72 * 0.2)
    rows = MessageRecipient.objects.filter(message=message)
    assert {r.institution_id for r in rows} == {
        actors.other_institution.institution_id,
        actors.other_country.institution_id,
    }
    assert all(r.delivered_at and r.read_at is None for r in rows)
    entry = AuditEntry.objects.get(object_type="exchange.message", action="disclose")
    assert len(entry.recipients) == 2 and entry.details["reference"] == message.reference
    assert message.owner_institution_id == message.sender_institution_id
    notified = set(Notification.objects.values_list("user_id", flat=True))
    assert notified == {actors.other_institution.pk, actors.other_country.pk}
    assert len(mail.outbox) == 2


def test_e_mails_carry_a_link_never_the_content(actors, mails):
    with mails(execute=True):
        message = send(
            actors.owner, actors.other_country, subject="Víctima María Gómez", handling_code="H2"
        )
    (email,) = mail.outbox
    text = email.subject + email.body
    assert message.reference in text and f"/exchange/messages/{message.pk}/" in text
    assert "Gómez" not in text and "Juan" not in text
    assert email.to == [actors.other_country.email]


def test_e_mails_follow_the_recipients_language(actors, mails):
    actors.other_country.language = "pt"
    actors.other_country.save()
    with mails(execute=True):
        send(actors.owner, actors.other_country)
    assert "Nova mensagem" in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"recipient_ids": []}, "recipients"),
        ({"recipient_ids": [999_999]}, "recipients"),
        ({"handling_code": ""}, "handling_code"),
        ({"handling_code": None}, "handling_code"),
        ({"handling_code": "H3", "handling_note": "  "}, "handling_note"),
        ({"clock_rule": None}, "clock_rule"),
        ({"message_type": "reply"}, "in_reply_to"),
        ({"message_type": "spontaneous", "clock_rule": "rule"}, "clock_rule"),
        ({"message_type": "gossip"}, "message_type"),
        ({"subject": "   "}, "subject"),
        ({"body": ""}, "body"),
        ({"criminal_markets": ["jaywalking"]}, "criminal_markets"),
        ({"language": "de"}, "language"),
    ],
)
def test_bad_messages_are_refused_and_change_nothing(actors, overrides, field):
    if overrides.get("clock_rule") == "rule":
        overrides["clock_rule"] = rule()
    with pytest.raises(ValidationError) as info:
        send(actors.owner, actors.other_country, **overrides)
    assert field in info.value.message_dict
    assert not Message.objects.exists() and not Thread.objects.exists()
    assert not AuditEntry.objects.filter(object_type="exchange.message").exists()
    assert not Notification.objects.exists() and not mail.outbox


def test_one_cannot_write_to_ones_own_institution(actors):
    with pytest.raises(ValidationError) as info:
        send(actors.owner, actors.colleague_no_role)
    assert "recipients" in info.value.message_dict


def test_only_operational_roles_send(actors):
    with pytest.raises(PermissionDenied):
        send(actors.co_admin, actors.other_country)


def test_the_institutions_defaults_apply_when_the_sender_gives_none(actors):
    ExchangeDefaults.objects.create(
        institution_id=actors.owner.institution_id,
        handling_code="H3",
        handling_note="Solo para la Fiscalía",
        source_reliability="B",
        information_reliability="2",
        language="es",
    )
    message = send(actors.owner, actors.other_country, handling_code=None)
    assert (message.handling_code, message.handling_note, message.grade) == (
        "H3",
        "Solo para la Fiscalía",
        "B2",
    )
    given = send(actors.owner, actors.other_country, handling_code="H1")
    assert given.handling_code == "H1" and given.handling_note == ""


def test_a_network_message_goes_to_its_contact_points(actors):
    network = Network.objects.get(key="ameripol")
    sender = actors.owner  # an analyst of the Colombian police, a member of AMERIPOL
    assert network.pk in actor_for(sender).network_ids
    points = set(
        NetworkMembership.objects.filter(network=network, is_contact_point=True).values_list(
            "institution_id", flat=True
        )
    )
    message = send(sender, recipient_ids=[], network=network)
    delivered = set(message.recipients.values_list("institution_id", flat=True))
    assert delivered == points - {sender.institution_id} and len(delivered) > 20
    assert set(message.recipients.values_list("via_network_id", flat=True)) == {network.pk}


def test_a_network_one_is_not_a_member_of_is_refused(actors):
    network = Network.objects.exclude(pk__in=actor_for(actors.owner).network_ids).first()
    with pytest.raises(ValidationError) as info:
        send(actors.owner, recipient_ids=[], network=network)
    assert "network" in info.value.message_dict
    assert not Message.objects.exists()


# Visibility and status ---------------------------------------------------------------------------


def test_a_message_is_seen_by_the_sender_and_recipients_only(actors):
    message = send(actors.owner, actors.other_country)
    assert _sees(actors.owner, message) and _sees(actors.other_country, message)
    assert not _sees(actors.other_institution, message)
    assert not _sees(actors.colleague_no_role, message)  # same institution, no role
    assert not _sees(actors.platform_admin, message)


def test_the_first_reading_by_a_recipient_marks_it_read(actors):
    message = send(actors.owner, actors.other_country)
    assert not services.message_open(actor=actor_for(actors.owner), message=message)
    assert services.message_open(actor=actor_for(actors.other_country), message=message)
    colleague = make_user("PT", "police", (Role.INVESTIGATOR,))
    assert not services.message_open(actor=actor_for(colleague), message=message)
    row = message.recipients.get()
    assert row.read_by_id == actors.other_country.pk and row.read_at is not None
    reads = AuditEntry.objects.filter(object_type="exchange.message", action="consult")
    assert reads.count() == 3


def test_acknowledging_is_a_timestamped_proof_the_sender_sees(actors, mails):
    message = send(actors.owner, actors.other_country)
    with mails(execute=True):
        row = services.message_acknowledge(actor=actor_for(actors.other_country), message=message)
    assert row.acknowledged_at and row.acknowledged_by_id == actors.other_country.pk
    assert row.read_at is not None  # acknowledging implies reading
    sender_view = selectors.message_recipients(actor=actor_for(actors.owner), message=message)
    assert sender_view.get().acknowledged_at == row.acknowledged_at
    assert Notification.objects.filter(user=actors.owner, kind="acknowledged").count() == 1
    assert len(mail.outbox) == 1
    again = services.message_acknowledge(actor=actor_for(actors.other_country), message=message)
    assert again.acknowledged_at == row.acknowledged_at
    assert AuditEntry.objects.filter(action="alter", object_type="exchange.message").count() == 1
    with pytest.raises(PermissionDenied):
        services.message_acknowledge(actor=actor_for(actors.owner), message=message)


def test_a_reply_joins_the_thread_and_stops_the_clock(actors):
    request = send(actors.owner, actors.other_country)
    reply = send(
        actors.other_country,
        actors.owner,
        message_type="reply",
        in_reply_to=request,
        subject="Re: antecedentes",
        handling_code="H2",
    )
    request.refresh_from_db()
    assert reply.thread_id == request.thread_id
    assert request.answered_at is not None and request.clock_next_at is None
    assert request.recipients.get().answered_at is not None
    thread = selectors.thread_get(actor=actor_for(actors.owner), pk=request.thread_id)
    listed = selectors.thread_messages(actor=actor_for(actors.owner), thread=thread)
    assert [m.pk for m in listed] == [request.pk, reply.pk]
    assert not request.is_overdue


def test_a_third_institution_cannot_reply_to_what_it_does_not_see(actors):
    request = send(actors.owner, actors.other_country)
    from django.http import Http404

    with pytest.raises(Http404):
        send(actors.other_institution, actors.owner, message_type="reply", in_reply_to=request)


# Onward sharing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["H0", "H1", "H3"])
def test_forwarding_makes_a_copy_that_keeps_the_owner_and_its_restrictions(actors, code):
    note = "Solo uso policial" if code == "H3" else ""
    original = send(
        actors.owner,
        actors.other_country,
        handling_code=code,
        handling_note=note,
        source_reliability="B",
        information_reliability="2",
    )
    copy = services.message_forward(
        actor=actor_for(actors.other_country),
        message=original,
        target_ids=[actors.other_institution.institution_id],
        note="Para su información",
    )
    assert isinstance(copy, Message) and copy.forwarded_from_id == original.pk
    assert copy.owner_institution_id == actors.owner.institution_id
    assert copy.sender_institution_id == actors.other_country.institution_id
    assert (copy.handling_code, copy.handling_note, copy.grade) == (code, note, "B2")
    assert copy.not_for_judicial_use == (code == "H1")
    assert _sees(actors.other_institution, copy) and not _sees(actors.other_institution, original)
    assert _sees(actors.owner, copy)  # the owner sees where its information went
    entry = AuditEntry.objects.filter(action="disclose", object_id=str(copy.pk)).get()
    assert entry.actor_id == actors.other_country.pk
    assert entry.details["forwarded_from"] == original.reference


def test_h2_content_asks_the_owner_and_is_delivered_only_after_a_grant(actors):
    original = send(actors.owner, actors.other_country, handling_code="H2")
    third = actors.other_institution
    request = services.message_forward(
        actor=actor_for(actors.other_country),
        message=original,
        target_ids=[third.institution_id],
        note="Lo necesita la Fiscalía",
    )
    assert isinstance(request, ForwardRequest) and request.status == "pending"
    assert Message.objects.count() == 1  # no copy yet
    assert not visible_to(actor_for(third), Message).exists()
    assert Notification.objects.filter(user=actors.owner, kind="forward_requested").exists()
    # The requester cannot decide; the owner can.
    with pytest.raises(PermissionDenied):
        services.forward_request_decide(
            actor=actor_for(actors.other_country), request=request, grant=True
        )
    decided = services.forward_request_decide(
        actor=actor_for(actors.owner), request=request, grant=True
    )
    copy = decided.copy
    assert decided.status == "granted" and copy is not None
    assert copy.owner_institution_id == actors.owner.institution_id
    assert copy.sender_institution_id == actors.other_country.institution_id
    assert copy.handling_code == "H2" and _sees(third, copy)
    with pytest.raises(PermissionDenied):  # decided once and for all
        services.forward_request_decide(actor=actor_for(actors.owner), request=request, grant=False)


def test_a_refused_forwarding_delivers_nothing(actors):
    original = send(actors.owner, actors.other_country, handling_code="H2")
    request = services.message_forward(
        actor=actor_for(actors.other_country),
        message=original,
        target_ids=[actors.other_institution.institution_id],
    )
    services.forward_request_decide(
        actor=actor_for(actors.owner), request=request, grant=False, note="Operación en curso"
    )
    request.refresh_from_db()
    assert request.status == "refused" and request.copy is None
    assert not visible_to(actor_for(actors.other_institution), Message).exists()
    assert Notification.objects.filter(user=actors.other_country, kind="forward_decided").exists()


def test_the_owner_forwards_its_own_h2_content_directly(actors):
    original = send(actors.owner, actors.other_country, handling_code="H2")
    copy = services.message_forward(
        actor=actor_for(actors.owner),
        message=original,
        target_ids=[actors.other_institution.institution_id],
    )
    assert isinstance(copy, Message) and _sees(actors.other_institution, copy)


def test_forwarding_to_someone_who_has_it_or_to_nobody_is_refused(actors):
    original = send(actors.owner, actors.other_country)
    for targets in ([], [actors.owner.institution_id], [999_999]):
        with pytest.raises(ValidationError):
            services.message_forward(
                actor=actor_for(actors.other_country), message=original, target_ids=targets
            )
    with pytest.raises(PermissionDenied):
        services.message_forward(
            actor=actor_for(actors.other_institution),
            message=original,
            target_ids=[actors.fr_admin.institution_id],
        )
    assert Message.objects.count() == 1


# Clocks ----------------------------------------------------------------------------------------


def test_the_clock_reminds_then_escalates_once_each(actors, mails):
    message = send(actors.owner, actors.other_country)
    Notification.objects.all().delete()
    assert services.exchange_clock_run(now=message.sent_at + timedelta(hours=1))["reminder"] == 0
    reminder_time = message.due_at - timedelta(hours=1)
    with mails(execute=True):
        assert services.exchange_clock_run(now=reminder_time)["reminder"] == 1
        assert services.exchange_clock_run(now=reminder_time)["reminder"] == 0
    kinds = sorted(Notification.objects.values_list("user_id", "kind"))
    assert kinds == sorted([(actors.owner.pk, "reminder"), (actors.other_country.pk, "reminder")])
    after = message.due_at + timedelta(minutes=1)
    with mails(execute=True):
        assert services.exchange_clock_run(now=after)["escalation"] == 1
        assert services.exchange_clock_run(now=after)["escalation"] == 0
    assert ClockEvent.objects.filter(message=message).count() == 2
    assert Notification.objects.filter(kind="escalation").count() == 2
    assert len(mail.outbox) == 4
    message.refresh_from_db()
    assert message.clock_next_at is None


def test_an_answered_request_is_not_reminded(actors):
    request = send(actors.owner, actors.other_country)
    send(actors.other_country, actors.owner, message_type="reply", in_reply_to=request)
    Notification.objects.all().delete()
    counts = services.exchange_clock_run(now=request.due_at + timedelta(days=1))
    assert counts["reminder"] == counts["escalation"] == 0
    assert not Notification.objects.exists()


def test_a_request_without_a_fixed_deadline_has_no_clock(actors):
    message = send(
        actors.owner, actors.other_country, clock_rule=rule("mla-classic", "no-deadline")
    )
    assert message.due_at is None and message.clock_next_at is None


def test_the_clock_command_runs_one_pass(actors):
    message = send(
        actors.owner, actors.other_country, clock_rule=rule("eu-2023-977", "urgent-direct")
    )
    Message.objects.filter(pk=message.pk).update(
        sent_at=message.sent_at - timedelta(hours=9),
        due_at=message.due_at - timedelta(hours=9),
        clock_next_at=message.clock_next_at - timedelta(hours=9),
    )
    call_command("exchange_clock")
    assert ClockEvent.objects.filter(message=message, stage="escalation").exists()
    assert not ClockEvent.objects.filter(message=message, stage="reminder").exists()
    inbox = selectors.inbox(actor=actor_for(actors.other_country), overdue=True)
    assert [r.message_id for r in inbox] == [message.pk]


# Search ----------------------------------------------------------------------------------------


def test_search_ignores_accents_and_case_and_stays_within_what_one_sees(actors):
    message = send(actors.owner, actors.other_country, body="Cargamento en el puerto de Itajaí")
    send(actors.owner, actors.other_institution, body="Otro asunto en ITAJAI")
    found = selectors.message_search(actor=actor_for(actors.other_country), q="itajai PUERTO")
    assert [m.pk for m in found] == [message.pk]
    by_reference = selectors.message_search(
        actor=actor_for(actors.other_country), q=message.reference
    )
    assert [m.pk for m in by_reference] == [message.pk]
    assert not selectors.message_search(actor=actor_for(actors.fr_dpo), q="itajai").exists()


# Entities mentioned ------------------------------------------------------------------------------


def test_a_person_mentioned_is_recorded_with_the_message_as_source(actors):
    message = send(
        actors.owner,
        actors.other_country,
        handling_code="H2",
        source_reliability="B",
        information_reliability="2",
        criminal_markets=["drugs"],
    )
    entity = services.message_entity_record(
        actor=actor_for(actors.other_country),
        message=message,
        schema="Person",
        properties={"firstName": "Juan", "lastName": "Pérez"},
        provenance={"handling_code": "H0", "share_scope": "platform"},
    )
    assert entity.source_kind == SourceKind.MESSAGE and entity.source_ref == message.reference
    assert entity.owner_institution_id == actors.other_country.institution_id
    # Another owner's restrictions win over what was chosen.
    assert (entity.handling_code, entity.grade, entity.share_scope) == ("H2", "B2", "owner")
    assert entity.criminal_markets == ["drugs"]
    assert MessageEntity.objects.get(entity=entity).recorded


def test_an_entity_one_sees_can_be_linked_once(actors):
    message = send(actors.owner, actors.other_country)
    person = entity_create(
        actor=actor_for(actors.owner), schema="Person", properties={"firstName": "Ana"}
    )
    first = services.message_entity_link(
        actor=actor_for(actors.owner), message=message, entity=person
    )
    again = services.message_entity_link(
        actor=actor_for(actors.owner), message=message, entity=person
    )
    assert first.pk == again.pk and not first.recorded
    with pytest.raises(PermissionDenied):  # the Portuguese police cannot see this record
        services.message_entity_link(
            actor=actor_for(actors.other_country), message=message, entity=person
        )
    assert Entity.objects.count() == 1
    mentions = selectors.message_mentions(actor=actor_for(actors.other_country), message=message)
    assert not mentions.exists()  # nor its mention


# Notifications --------------------------------------------------------------------------------


def test_notifications_are_ones_own_and_can_be_marked_read(actors):
    send(actors.owner, actors.other_country)
    me = actor_for(actors.other_country)
    assert selectors.notification_unread_count(actor=me) == 1
    assert selectors.notification_unread_count(actor=actor_for(actors.owner)) == 0
    assert services.notifications_mark_read(actor=actor_for(actors.owner)) == 0
    assert services.notifications_mark_read(actor=me) == 1
    assert selectors.notification_unread_count(actor=me) == 0


def test_the_bells_count_is_the_notification_policys_count_for_everyone(actors):
    """The bell counts in plain SQL (it runs on every page): the same figure as the
    permission engine's, for every actor, anonymous included."""
    from django.contrib.auth.models import AnonymousUser

    from paccto.core.permissions import visible_to
    from paccto.exchange.models import Notification

    send(actors.owner, actors.other_country)
    send(actors.other_country, actors.owner)
    services.notifications_mark_read(actor=actor_for(actors.owner))
    send(actors.other_country, actors.owner)
    for user in (actors.owner, actors.other_country, actors.other_institution, AnonymousUser()):
        actor = actor_for(user)
        reference = visible_to(actor, Notification).filter(read_at__isnull=True).count()
        assert selectors.notification_unread_count(actor=actor) == reference
    assert selectors.notification_unread_count(actor=actor_for(actors.owner)) >= 1


@pytest.mark.parametrize("deep", [False, True])
def test_a_page_of_values_is_the_same_read_deep_in_a_list(actors, monkeypatch, deep):
    """Deep pages read their ids first, then their rows: the same rows in the same order."""
    from paccto.exchange.views.boxes import INBOX_FIELDS

    for n in range(7):
        send(actors.owner, actors.other_country, subject=f"Subject {n}")
    monkeypatch.setattr(selectors, "DEEP_PAGE", 1 if deep else 10**9)
    inbox = selectors.inbox(actor=actor_for(actors.other_country))
    for low, high in ((0, 3), (2, 5), (5, 9)):
        page = inbox[low:high]
        assert selectors.page_values(page, *INBOX_FIELDS) == list(page.values(*INBOX_FIELDS))
    assert [r["message__subject"] for r in selectors.page_values(inbox[2:5], *INBOX_FIELDS)] == [
        "Subject 4",
        "Subject 3",
        "Subject 2",
    ]


def test_the_demo_seeds_a_few_messages_once(settings):
    import io

    settings.DEMO = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    count = Message.objects.count()
    assert count >= 5 and "demo messages sent" in out.getvalue()
    assert Message.objects.filter(attachments__isnull=False, due_at__isnull=False).exists()
    assert Message.objects.filter(network__key="ameripol").exists()
    call_command("seed_demo", stdout=io.StringIO())
    assert Message.objects.count() == count


def test_serve_runs_the_exchange_clock_every_minute_by_default(monkeypatch):
    """``paccto serve`` enqueues a pass of the exchange clock on its own clock."""
    import signal
    import types

    from django.core.management import call_command as run

    from paccto.core.management.commands import serve

    class Child:
        def poll(self):
            return None

        def terminate(self):
            pass

        def wait(self, timeout=None):
            return 0

    handlers, naps, enqueued = {}, [], []
    monkeypatch.setattr(serve.subprocess, "Popen", lambda *a, **k: Child())
    monkeypatch.setattr(serve.signal, "signal", lambda sig, fn: handlers.update({sig: fn}))
    now = [0.0]
    monkeypatch.setattr(serve.time, "monotonic", lambda: now[0])

    def nap(seconds):  # each turn of the loop: 30 seconds later
        naps.append(seconds)
        now[0] += 30
        if len(naps) == 8:
            handlers[signal.SIGTERM](signal.SIGTERM, None)

    monkeypatch.setattr(serve.time, "sleep", nap)
    monkeypatch.setattr("django.core.management.call_command", lambda *a, **k: None)
    fake = types.SimpleNamespace(enqueue=lambda: enqueued.append("exchange"))
    monkeypatch.setattr("paccto.exchange.tasks.exchange_clock_task", fake)
    checkpoint = types.SimpleNamespace(enqueue=lambda: enqueued.append("checkpoint"))
    monkeypatch.setattr("paccto.audit.tasks.audit_checkpoint_task", checkpoint)
    run("serve")
    # Turns at 0, 30 ... 210 s: a pass at 60, 120 and 180 s; no audit checkpoint before 300 s.
    assert enqueued == ["exchange"] * 3
