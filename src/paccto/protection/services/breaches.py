"""Breach reports: the executing state tells the issuing authority, on the standard form,
that the person causing danger breached a measure; the issuing authority informs the
protected person and records when."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import Actor, can
from paccto.protection.choices import ENDED, NotificationKind, OrderEventKind, OrderStatus
from paccto.protection.models import BreachReport, ProtectedPerson, Transmission
from paccto.protection.services.access import protection_refuse
from paccto.protection.services.notifications import protection_notify
from paccto.protection.services.orders import (
    MAX_TEXT,
    Errors,
    mentions_protected_data,
    order_event_add,
    order_restage,
)

BREACHABLE = frozenset({OrderStatus.IN_FORCE, OrderStatus.BREACHED})


def _aware(moment: datetime | None) -> datetime | None:
    """A time without a zone is taken as UTC (the platform's time zone)."""
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def _protected(order_id: int) -> list[dict[str, str]]:
    """The protected persons' data, to keep it out of texts others read (decrypted here,
    never returned)."""
    return [
        {
            "given_names": p.given_names,
            "surnames": p.surnames,
            "address": p.address,
            "email": p.email,
            "phone": p.phone,
        }
        for p in ProtectedPerson.objects.filter(order_id=order_id)
    ]


def breach_report(
    *,
    actor: Actor,
    transmission: Transmission,
    measure_id: int | None,
    occurred_at: datetime | None,
    place: str,
    description: str,
    action_taken: str,
    victim_informed: bool = False,
    victim_informed_at: datetime | None = None,
) -> BreachReport:
    """Report a breach of an order in force in the actor's state to its issuing authority."""
    if not can(actor, "execute", transmission) or actor.user_id is None:
        raise PermissionDenied(_("Only the executing authority reports breaches of this order."))
    order = transmission.order
    now = timezone.now()
    occurred_at, victim_informed_at = _aware(occurred_at), _aware(victim_informed_at)
    place = " ".join(str(place or "").split())
    description = str(description or "").strip()
    action_taken = str(action_taken or "").strip()
    errors = Errors()
    if order.status in ENDED or transmission.status not in BREACHABLE:
        errors.add(
            "__all__",
            _(
                "A breach is reported on an order in force in your state; this one is "
                "“%(status)s” here."
            )
            % {"status": transmission.get_status_display()},
        )
    measure = order.measures.filter(pk=measure_id).first() if measure_id else None
    if measure is None:
        errors.add("measure", _("Choose a measure of this order."))
    if occurred_at is None:
        errors.add("occurred_at", _("This field is required."))
    elif occurred_at > now:
        errors.add("occurred_at", _("This date is in the future."))
    elif not order.valid_from <= timezone.localdate(occurred_at) <= order.valid_to:
        errors.add("occurred_at", _("The breach falls outside the order's validity."))
    for key, value, limit in (
        ("place", place, 300),
        ("description", description, MAX_TEXT),
        ("action_taken", action_taken, MAX_TEXT),
    ):
        if not value:
            errors.add(key, _("This field is required."))
        elif len(value) > limit:
            errors.add(key, _("The text is too long."))
    if victim_informed:
        if victim_informed_at is None:
            errors.add("victim_informed_at", _("Say when she was informed."))
        elif victim_informed_at > now:
            errors.add("victim_informed_at", _("This date is in the future."))
        elif occurred_at is not None and victim_informed_at < occurred_at:
            errors.add("victim_informed_at", _("She was informed before the breach?"))
    elif victim_informed_at is not None:
        errors.add("victim_informed", _("Tick “informed” or leave the date empty."))
    if not errors:
        persons = _protected(order.pk)
        for key, value in (
            ("place", place),
            ("description", description),
            ("action_taken", action_taken),
        ):
            if mentions_protected_data(value, persons):
                errors.add(
                    key,
                    _(
                        "Do not repeat the protected person's name, address or contact details "
                        "here: the issuing authority has them."
                    ),
                )
    if errors:
        protection_refuse(actor=actor, event="breach", errors=errors, order=order)
    assert measure is not None and occurred_at is not None
    with transaction.atomic():
        breach = BreachReport.objects.create(
            transmission=transmission,
            order=order,
            measure=measure,
            occurred_at=occurred_at,
            place=place,
            description=description,
            action_taken=action_taken,
            victim_informed=victim_informed,
            victim_informed_at=victim_informed_at if victim_informed else None,
            reported_by_id=actor.user_id,
        )
        before = transmission.status
        transmission.status = OrderStatus.BREACHED
        transmission.save(update_fields=["status"])
        order_event_add(
            actor, order, OrderEventKind.BREACH, before, OrderStatus.BREACHED, transmission
        )
        order_restage(order)
        protection_notify(
            institution_id=order.issuing_institution_id,
            order=order,
            kind=NotificationKind.BREACH,
            breach=breach,
        )
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=breach,
            recipients=[order.issuing_institution.key],
            details={"order": order.number, "measure": measure.kind},
        )
    return breach


def breach_victim_informed(
    *, actor: Actor, breach: BreachReport, informed_at: datetime | None
) -> BreachReport:
    """The issuing authority records when it informed the protected person of a breach."""
    if not can(actor, "change", breach):
        raise PermissionDenied(_("Only the issuing authority records this."))
    informed_at = _aware(informed_at)
    errors = Errors()
    if breach.victim_informed:
        errors.add("__all__", _("It is already recorded that she was informed."))
    if informed_at is None:
        errors.add("informed_at", _("This field is required."))
    elif informed_at > timezone.now():
        errors.add("informed_at", _("This date is in the future."))
    elif informed_at < breach.occurred_at:
        errors.add("informed_at", _("She was informed before the breach?"))
    if errors:
        protection_refuse(actor=actor, event="victim_informed", errors=errors, order=breach.order)
    with transaction.atomic():
        breach.victim_informed, breach.victim_informed_at = True, informed_at
        breach.save(update_fields=["victim_informed", "victim_informed_at"])
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=breach,
            details={"order": breach.order.number, "event": "victim_informed"},
        )
    return breach
