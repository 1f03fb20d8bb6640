"""Release alerts: police and prosecutors watch an inmate and are told, once per event, a
number of days before the expected release or transfer and at the event itself, in the
platform and by e-mail; the pass runs on the exchange clock and as a command."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from paccto.audit.models import AuditEntry
from paccto.core.choices import Role
from paccto.core.permissions import actor_for
from paccto.exchange.models import Notification
from paccto.exchange.services import exchange_clock_run
from paccto.prisons import services
from paccto.prisons.models import ReleaseAlert, ReleaseWatch
from tests.factories import make_user
from tests.prisons_factories import admit, open_transfer, prison_officer, run_transfer

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _in_english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def officer():
    return prison_officer("CO", username="co.prison")


@pytest.fixture
def investigator():
    return make_user("CO", "police", (Role.INVESTIGATOR,), username="co.inv", language="en")


def _watch(user, inmate, days=30, reason="Operación Cóndor: leader of a cell"):
    return services.watch_create(
        actor=actor_for(user), inmate=inmate, reason=reason, days_before=days
    )


def test_police_and_prosecutors_watch_the_inmates_they_see(officer, investigator):
    inmate = admit(officer)
    watch = _watch(investigator, inmate)
    assert (watch.institution_id, watch.days_before) == (investigator.institution_id, 30)
    prosecutor = make_user("CO", "prosecution", (Role.PROSECUTOR,))
    _watch(prosecutor, inmate, days=10)
    for user in (officer, make_user("CO", "judiciary", (Role.JUDGE,))):
        with pytest.raises(PermissionDenied):
            _watch(user, inmate)
    hidden = admit(officer, provenance={"share_scope": "owner"})
    with pytest.raises(PermissionDenied):
        _watch(investigator, hidden)
    with pytest.raises(ValidationError, match="already watches"):
        _watch(make_user("CO", "police", (Role.ANALYST,)), inmate)
    for days, reason, field in (
        (0, "x", "days_before"),
        (400, "x", "days_before"),
        (30, " ", "reason"),
    ):
        with pytest.raises(ValidationError) as error:
            _watch(prosecutor, admit(officer), days, reason)
        assert field in error.value.message_dict


def test_an_alert_comes_once_before_the_expected_release_and_again_for_a_new_date(
    officer, investigator, django_capture_on_commit_callbacks
):
    inmate = admit(officer, expected_release_date=TODAY + timedelta(days=40))
    _watch(investigator, inmate, days=30)
    assert services.release_alerts_run()["release_due"] == 0  # 40 days away, 30 of notice
    services.inmate_update(
        actor=actor_for(officer),
        inmate=inmate,
        changes={"expected_release_date": TODAY + timedelta(days=20)},
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails leave after commit
        assert services.release_alerts_run()["release_due"] == 1
        assert services.release_alerts_run()["release_due"] == 0  # once per event
    notification = Notification.objects.get(user=investigator)
    assert notification.kind == "release_due"
    assert notification.event_date == TODAY + timedelta(days=20)
    assert inmate.reference in notification.text and officer.institution.name in notification.text
    assert len(mail.outbox) == 1
    assert inmate.full_name not in mail.outbox[0].body  # references, never names
    assert inmate.reference in mail.outbox[0].subject
    services.inmate_update(
        actor=actor_for(officer),
        inmate=inmate,
        changes={"expected_release_date": TODAY + timedelta(days=10)},
    )
    assert services.release_alerts_run()["release_due"] == 1
    assert ReleaseAlert.objects.filter(kind="release_due").count() == 2
    disclosure = AuditEntry.objects.filter(object_type="prisons.inmate", action="disclose")
    assert disclosure.count() == 2
    assert disclosure.first().justification == "Operación Cóndor: leader of a cell"


def test_the_release_itself_is_announced_at_once_and_ends_the_watch(officer, investigator):
    inmate = admit(officer)
    watch = _watch(investigator, inmate)
    services.inmate_release(actor=actor_for(officer), inmate=inmate, released_on=TODAY)
    alert = ReleaseAlert.objects.get(watch=watch)
    assert (alert.kind, alert.event_date, alert.notified) == ("released", TODAY, 1)
    watch.refresh_from_db()
    assert watch.ended_at is not None
    assert services.release_alerts_run() == {
        "release_due": 0,
        "released": 0,
        "transfer_due": 0,
        "transferred": 0,
    }
    assert Notification.objects.get(user=investigator).kind == "released"


def test_moves_and_transfers_abroad_are_announced(officer, investigator):
    inmate = admit(officer)
    watch = _watch(investigator, inmate, days=30)
    services.inmate_move(
        actor=actor_for(officer), inmate=inmate, to_establishment="Cómbita", on=TODAY
    )
    assert ReleaseAlert.objects.get(watch=watch).kind == "moved"  # the watch goes on
    es = prison_officer("ES")
    dossier = open_transfer(officer, inmate, to="ES")
    run_transfer(officer, es, dossier, until="administering_decision")
    services.transfer_step(
        actor=actor_for(es),
        dossier=dossier,
        step="adapt",
        data={"adapted": False, "planned_transfer_date": TODAY + timedelta(days=7)},
    )
    assert services.release_alerts_run()["transfer_due"] == 1
    services.transfer_step(
        actor=actor_for(officer), dossier=dossier, step="transfer", data={"transfer_date": TODAY}
    )
    kinds = sorted(ReleaseAlert.objects.filter(watch=watch).values_list("kind", flat=True))
    assert kinds == ["moved", "transfer_due", "transferred"]
    assert not ReleaseWatch.objects.filter(ended_at__isnull=True).exists()


def test_the_exchange_clock_and_the_command_run_the_pass(officer, investigator, capsys):
    inmate = admit(officer, expected_release_date=TODAY + timedelta(days=3))
    _watch(investigator, inmate, days=5)
    counts = exchange_clock_run()
    assert counts["release_alerts release_due"] == 1
    other = admit(officer, expected_release_date=TODAY + timedelta(days=2))
    _watch(investigator, other, days=5)
    call_command("release_alerts")
    assert "release_due: 1" in capsys.readouterr().out
    assert ReleaseAlert.objects.count() == 2


def test_alerts_go_to_the_institution_when_the_person_who_asked_left(officer, investigator):
    inmate = admit(officer, expected_release_date=TODAY + timedelta(days=3))
    _watch(investigator, inmate, days=5)
    colleague = make_user("CO", "police", (Role.ANALYST,))
    investigator.is_active = False
    investigator.save()
    services.release_alerts_run()
    assert list(Notification.objects.values_list("user", flat=True)) == [colleague.pk]
