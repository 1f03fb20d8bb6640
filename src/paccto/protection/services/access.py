"""Reads of protection orders and of the protected person's data, each audited with its
reason; refused attempts are audited too."""

from __future__ import annotations

import re
from typing import NoReturn

from django.core.exceptions import ValidationError

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import Actor
from paccto.protection.choices import OrderStatus
from paccto.protection.models import ProtectionOrder

PROTECTED_PERSON = "protection.protectedperson"
ORDER = "protection.protectionorder"
# An order number, whole or from its year on (AR-OMP-2026-000123, 2026-000123, 000123):
# anything else, a name with digits or spaces included, counts as a name and is not kept.
NUMBER_SEARCH = re.compile(r"[A-Za-z]{2}-[A-Za-z]{2,5}-\d[\d-]*|[\d-]*\d[\d-]*")


def protection_order_search_record(
    *, actor: Actor, q: str, status: str = "", orders: list[str] | None = None, via: str = "page"
) -> None:
    """Record a search of the orders with terms: the respondent's name can be searched, so
    it is a consultation of personal data. What was searched by is kept (an order number as
    asked; for a name, that it was a name, never the name), the status, and the numbers of
    the orders shown when known. Browsing without terms is not recorded."""
    q = q.strip()
    if not q:
        return
    search: dict[str, str] = (
        {"by": "number", "number": q.upper()[:32]} if NUMBER_SEARCH.fullmatch(q) else {"by": "name"}
    )
    if status in OrderStatus.values:  # never free text typed into the filter
        search["status"] = status
    details: dict[str, object] = {"search": search}
    if orders is not None:
        details["orders"] = orders
    details["via"] = via
    audit_record(actor=actor, action=AuditAction.CONSULT, object_type=ORDER, details=details)


def protection_order_consult(*, actor: Actor, order: ProtectionOrder, justification: str) -> None:
    """Record that the actor read an order (the person causing danger is personal data)."""
    audit_record(
        actor=actor,
        action=AuditAction.CONSULT,
        obj=order,
        justification=justification,
        personal_data=True,
    )


def protected_persons_consult(
    *, actor: Actor, order: ProtectionOrder, justification: str, via: str = "page"
) -> None:
    """Record that a protection officer read the protected person's and children's data."""
    audit_record(
        actor=actor,
        action=AuditAction.CONSULT,
        object_type=PROTECTED_PERSON,
        object_id=str(order.pk),
        justification=justification,
        details={"order": order.number, "via": via},
        personal_data=True,
    )


def protection_access_refused(
    *,
    actor: Actor,
    object_type: str,
    object_id: object,
    justification: str = "",
    via: str = "page",
) -> None:
    """Record an attempt to read something the actor may not see (answered 404)."""
    audit_record(
        actor=actor,
        action=AuditAction.CONSULT,
        object_type=object_type,
        object_id=str(object_id)[:80],
        justification=justification[:500],
        details={"refused": True, "via": via},
    )


def protection_refuse(
    *,
    actor: Actor,
    event: str,
    errors: dict[str, list[str]] | list[str],
    order: ProtectionOrder | None = None,
    object_type: str = "protection.protectionorder",
    object_id: object = "",
) -> NoReturn:
    """Audit a refused step (which fields were wrong, never their values), then raise the
    translated errors. Call it outside the transaction that would have written."""
    fields = sorted(errors) if isinstance(errors, dict) else ["__all__"]
    audit_record(
        actor=actor,
        action=AuditAction.ALTER,
        obj=order,
        object_type="" if order is not None else object_type,
        object_id="" if order is not None else str(object_id),
        details={"event": event, "refused": True, "fields": fields},
    )
    raise ValidationError(errors)
