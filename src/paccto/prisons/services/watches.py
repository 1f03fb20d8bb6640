"""Release watches and their alerts: police and prosecutors ask to be told about an
inmate; they are told a number of days before the inmate's expected release or transfer,
and at the event itself, in the platform and by e-mail (secure exchange's notifications).

Each alert is a ``ReleaseAlert`` unique per watch, kind and date of the event: the clock's
pass (``release_alerts_run``, on the exchange clock) and the services that record an
event may both try, the database lets one through. A changed date is a new event."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import SYSTEM, Actor, can
from paccto.exchange.choices import NotificationKind
from paccto.exchange.services import notify_users
from paccto.prisons.choices import AlertKind, CustodyStatus, TransferStatus
from paccto.prisons.models import Inmate, ReleaseAlert, ReleaseWatch, TransferDossier
from paccto.prisons.permissions import WATCH_ROLES, can_watch_inmates
from paccto.prisons.services.access import Errors, prisons_refuse

MAX_DAYS_BEFORE = 365
NOTIFICATION_KINDS = {
    AlertKind.RELEASE_DUE: NotificationKind.RELEASE_DUE,
    AlertKind.RELEASED: NotificationKind.RELEASED,
    AlertKind.TRANSFER_DUE: NotificationKind.TRANSFER_DUE,
    AlertKind.TRANSFERRED: NotificationKind.TRANSFERRED,
    AlertKind.MOVED: NotificationKind.MOVED,
}
# What the clock's pass announces (a move is announced only by the service recording it).
PASS_KINDS = (
    AlertKind.RELEASE_DUE,
    AlertKind.RELEASED,
    AlertKind.TRANSFER_DUE,
    AlertKind.TRANSFERRED,
)


def watch_create(
    *, actor: Actor, inmate: Inmate, reason: str, days_before: int | None = None
) -> ReleaseWatch:
    """Ask, for the actor's institution, to be told before the inmate is released or
    transferred (``days_before``, ``PACCTO_RELEASE_ALERT_DAYS`` by default) and when it
    happens. The reason is the justification of every alert."""
    if not can_watch_inmates(actor) or actor.user_id is None or actor.institution_id is None:
        raise PermissionDenied(_("Only police, customs and prosecution services ask for alerts."))
    if not can(actor, "watch", inmate):
        raise PermissionDenied(_("You may not watch this inmate."))
    errors = Errors()
    why = " ".join(str(reason or "").split())
    if not why:
        errors.add("reason", _("State the reason."))
    elif len(why) > 500:
        errors.add("reason", _("The text is too long."))
    days = settings.PACCTO_RELEASE_ALERT_DAYS if days_before is None else days_before
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS_BEFORE:
        errors.add(
            "days_before", _("Between 1 and %(max)d days of notice.") % {"max": MAX_DAYS_BEFORE}
        )
    if not inmate.in_custody:
        errors.add("__all__", _("This inmate has already left custody."))
    elif ReleaseWatch.objects.filter(
        inmate=inmate, institution_id=actor.institution_id, ended_at__isnull=True
    ).exists():
        errors.add("__all__", _("Your institution already watches this inmate."))
    if errors:
        prisons_refuse(actor=actor, event="watch", errors=errors, obj=inmate)
    try:
        with transaction.atomic():
            watch = ReleaseWatch.objects.create(
                inmate=inmate,
                institution_id=actor.institution_id,
                requested_by_id=actor.user_id,
                reason=why,
                days_before=days,
            )
            audit_record(
                actor=actor,
                action=AuditAction.COLLECT,
                obj=watch,
                justification=why,
                details={"inmate": inmate.reference, "days_before": days},
            )
    except IntegrityError:  # the same watch, asked for by a colleague meanwhile
        prisons_refuse(
            actor=actor,
            event="watch",
            errors={"__all__": [_("Your institution already watches this inmate.")]},
            obj=inmate,
        )
    return watch


def watch_end(*, actor: Actor, watch: ReleaseWatch) -> ReleaseWatch:
    """Stop a watch of the actor's institution."""
    if not can(actor, "change", watch):
        raise PermissionDenied(_("Only the institution that asked ends this watch."))
    if not watch.is_active:
        prisons_refuse(
            actor=actor,
            event="watch_end",
            errors={"__all__": [_("This watch has already ended.")]},
            obj=watch,
        )
    with transaction.atomic():
        watch.ended_at, watch.ended_by_id = timezone.now(), actor.user_id
        watch.save(update_fields=["ended_at", "ended_by"])
        audit_record(actor=actor, action=AuditAction.ALTER, obj=watch, details={"event": "end"})
    return watch


def _recipients(watch: ReleaseWatch) -> list[int]:
    """Who is told: the person who asked, while they may still watch for the institution;
    else the institution's users who may."""
    from paccto.accounts.models import User

    user = watch.requested_by
    if (
        user.is_active
        and user.institution_id == watch.institution_id
        and set(user.role_codes) & set(WATCH_ROLES)
    ):
        return [user.pk]
    return list(
        User.objects.filter(
            institution_id=watch.institution_id,
            is_active=True,
            role_assignments__role__in=list(WATCH_ROLES),
        )
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _send(watch: ReleaseWatch, inmate: Inmate, kind: str, on: date) -> bool:
    """Send one alert, in the caller's transaction; False when it was sent before."""
    if ReleaseAlert.objects.filter(watch=watch, kind=kind, event_date=on).exists():
        return False
    try:
        with transaction.atomic():
            alert = ReleaseAlert.objects.create(watch=watch, kind=kind, event_date=on)
    except IntegrityError:
        return False
    told = notify_users(
        user_ids=_recipients(watch),
        kind=NOTIFICATION_KINDS[AlertKind(kind)],
        url=reverse("prisons:inmate_detail", args=[inmate.pk]),
        reference=inmate.reference,
        institution_name=inmate.owner_institution.name,
        event_date=on,
    )
    alert.notified = len(told)
    alert.save(update_fields=["notified"])
    audit_record(
        actor=SYSTEM,
        action=AuditAction.DISCLOSE,
        obj=inmate,
        justification=watch.reason,
        recipients=[watch.institution.key],
        details={"alert": kind, "date": on.isoformat(), "watch": watch.pk},
        personal_data=True,
    )
    return True


def alerts_for_event(*, inmate: Inmate, kind: str, on: date, final: bool) -> int:
    """Tell every active watch of an inmate that something happened (in the caller's
    transaction); ``final`` (release, transfer abroad) ends the watches, their purpose
    served. Returns how many alerts were sent."""
    sent = 0
    watches = ReleaseWatch.objects.filter(inmate=inmate, ended_at__isnull=True).select_related(
        "institution", "requested_by"
    )
    for watch in watches:
        sent += _send(watch, inmate, kind, on)
        if final:
            watch.ended_at = timezone.now()
            watch.save(update_fields=["ended_at"])
    return sent


def _not_sent(kind: str, date_field: str) -> Exists:
    return Exists(
        ReleaseAlert.objects.filter(
            watch_id=OuterRef("pk"), kind=kind, event_date=OuterRef(date_field)
        )
    )


def release_alerts_run(*, now: datetime | None = None) -> dict[str, int]:
    """One pass: alerts for the releases and transfers abroad that come within a watch's
    notice, and for the releases and transfers that happened but were not announced yet.
    Safe to run at any time, as often as wanted."""
    today = timezone.localdate(now or timezone.now())
    horizon = today + timedelta(days=MAX_DAYS_BEFORE)
    counts = {kind.value: 0 for kind in PASS_KINDS}
    active = ReleaseWatch.objects.filter(ended_at__isnull=True).select_related(
        "institution", "requested_by", "inmate__owner_institution"
    )
    releases = active.filter(
        inmate__status=CustodyStatus.IN_CUSTODY,
        inmate__expected_release_date__gte=today,
        inmate__expected_release_date__lte=horizon,
    ).exclude(_not_sent(AlertKind.RELEASE_DUE, "inmate__expected_release_date"))
    for watch in releases:
        on = watch.inmate.expected_release_date
        if on is not None and on <= today + timedelta(days=watch.days_before):
            with transaction.atomic():
                counts[AlertKind.RELEASE_DUE] += _send(
                    watch, watch.inmate, AlertKind.RELEASE_DUE, on
                )
    planned = TransferDossier.objects.filter(
        status__in=[TransferStatus.ACCEPTED, TransferStatus.ADAPTED],
        planned_transfer_date__gte=today,
        planned_transfer_date__lte=horizon,
        inmate__status=CustodyStatus.IN_CUSTODY,
    ).values_list("inmate_id", "planned_transfer_date")
    for inmate_id, on in planned:
        if on is None:
            continue
        for watch in active.filter(inmate_id=inmate_id):
            if on <= today + timedelta(days=watch.days_before):
                with transaction.atomic():
                    counts[AlertKind.TRANSFER_DUE] += _send(
                        watch, watch.inmate, AlertKind.TRANSFER_DUE, on
                    )
    gone = {
        CustodyStatus.RELEASED: AlertKind.RELEASED,
        CustodyStatus.TRANSFERRED: AlertKind.TRANSFERRED,
    }
    for watch in active.filter(inmate__status__in=list(gone)):
        inmate = watch.inmate
        kind = gone[CustodyStatus(inmate.status)]
        with transaction.atomic():
            counts[kind] += _send(watch, inmate, kind, inmate.released_on or today)
            watch.ended_at = timezone.now()
            watch.save(update_fields=["ended_at"])
    return counts
