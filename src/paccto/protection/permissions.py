"""Who sees protection orders and the protected person's data.

- Orders: protection officers, prosecutors and judges of the issuing institution and of the
  executing institutions the order was transmitted to.
- The protected person's and children's data: protection officers only, of the issuing
  institution and of executing institutions that have not refused the order.
- Issuing, transmitting, revoking, withdrawing: protection officers of the issuing
  institution. Recognising, refusing, enforcing, reporting breaches: protection officers of
  the executing institution.
- Frontline verification has its own narrow selector (measures, never the protected
  person), for police officers and protection officers.
Everything else is denied; a record one may not see answers 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from paccto.core.choices import Role, Sector
from paccto.core.permissions import Actor, register_policy
from paccto.protection.choices import OrderStatus
from paccto.protection.models import (
    BreachReport,
    OrderEvent,
    ProtectedPerson,
    ProtectionMeasure,
    ProtectionNotification,
    ProtectionOrder,
    Transmission,
)

VIEW_ROLES = (Role.PROTECTION_OFFICER, Role.PROSECUTOR, Role.JUDGE)
ISSUING_SECTORS = frozenset({Sector.JUDICIARY, Sector.PROSECUTION, Sector.POLICE})


def _sector(actor: Actor) -> str:
    from paccto.core.selectors import institution_cached

    if actor.institution_id is None:
        return ""
    return str(institution_cached(actor.institution_id).sector)


def can_use_protection(actor: Actor) -> bool:
    """Protection officers, prosecutors and judges work with protection orders."""
    return actor.institution_id is not None and actor.has_role(*VIEW_ROLES)


def can_issue_protection_orders(actor: Actor) -> bool:
    """Protection officers of a judicial, prosecution or police authority issue orders."""
    return (
        actor.institution_id is not None
        and actor.has_role(Role.PROTECTION_OFFICER)
        and _sector(actor) in ISSUING_SECTORS
    )


def can_verify_protection_orders(actor: Actor) -> bool:
    """Frontline verification: operational users of a police institution, and protection
    officers."""
    if actor.institution_id is None or not actor.is_operational:
        return False
    return actor.has_role(Role.PROTECTION_OFFICER) or _sector(actor) == Sector.POLICE


def can_see_protection_statistics(actor: Actor) -> bool:
    return actor.institution_id is not None and actor.has_role(
        Role.PROTECTION_OFFICER, Role.POLICY_COORDINATOR
    )


def _executing(institution_id: int, exclude_refused: bool = False) -> QuerySet:
    qs = Transmission.objects.filter(executing_institution_id=institution_id)
    if exclude_refused:
        qs = qs.exclude(status=OrderStatus.REFUSED)
    return qs.values("order_id")


class ProtectionOrderPolicy:
    """view: viewing roles of the issuing and executing institutions; issue (transmit,
    revoke, withdraw): protection officers of the issuing institution."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if not can_use_protection(actor) or actor.institution_id is None:
            return queryset.none()
        p = self.prefix
        issuing = Q(**{f"{p}issuing_institution_id": actor.institution_id})
        if action == "view":
            executing = Q(**{f"{p}pk__in": _executing(actor.institution_id)})
            return queryset.filter(issuing | executing)
        if action == "issue" and actor.has_role(Role.PROTECTION_OFFICER):
            return queryset.filter(issuing)
        return queryset.none()


class ProtectedPersonPolicy:
    """view: protection officers of the issuing institution, and of executing institutions
    that have not refused the order. Nothing else, for anyone."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if (
            action != "view"
            or actor.institution_id is None
            or not actor.has_role(Role.PROTECTION_OFFICER)
        ):
            return queryset.none()
        return queryset.filter(
            Q(order__issuing_institution_id=actor.institution_id)
            | Q(order_id__in=_executing(actor.institution_id, exclude_refused=True))
        )


class TransmissionPolicy:
    """view: viewing roles of the issuing institution (every executing state) and of the
    executing institution (its own transmission); execute (recognise, refuse, enforce,
    report a breach): protection officers of the executing institution."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if not can_use_protection(actor) or actor.institution_id is None:
            return queryset.none()
        p = self.prefix
        executing = Q(**{f"{p}executing_institution_id": actor.institution_id})
        if action == "view":
            issuing = Q(**{f"{p}order__issuing_institution_id": actor.institution_id})
            return queryset.filter(issuing | executing)
        if action == "execute" and actor.has_role(Role.PROTECTION_OFFICER):
            return queryset.filter(executing)
        return queryset.none()


class BreachReportPolicy:
    """view: as the breach's transmission; change (record that the protected person was
    informed): protection officers of the issuing institution."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action == "view":
            return TransmissionPolicy("transmission__").filter(actor, queryset, "view")
        if action == "change" and actor.has_role(Role.PROTECTION_OFFICER):
            return queryset.filter(order__issuing_institution_id=actor.institution_id)
        return queryset.none()


class ProtectionNotificationPolicy:
    """view: the viewing roles of the institution told."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action != "view" or not can_use_protection(actor):
            return queryset.none()
        return queryset.filter(institution_id=actor.institution_id)


class OrderEventPolicy:
    """view: the steps of the issuing side and of the actor's own executing state."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action != "view" or not can_use_protection(actor):
            return queryset.none()
        orders = ProtectionOrderPolicy("order__").filter(actor, queryset, "view")
        return orders.filter(
            Q(order__issuing_institution_id=actor.institution_id)
            | Q(transmission__isnull=True)
            | Q(transmission__executing_institution_id=actor.institution_id)
        )


register_policy(ProtectionOrder, ProtectionOrderPolicy())
register_policy(ProtectionMeasure, ProtectionOrderPolicy("order__"))
register_policy(ProtectedPerson, ProtectedPersonPolicy())
register_policy(Transmission, TransmissionPolicy())
register_policy(BreachReport, BreachReportPolicy())
register_policy(ProtectionNotification, ProtectionNotificationPolicy())
register_policy(OrderEvent, OrderEventPolicy())
