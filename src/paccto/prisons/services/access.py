"""Reads of inmates audited with their reason, and refused attempts audited: a step out of
order or bad input (which fields, never their values), and asking by id for a record one
may not see (answered 404)."""

from __future__ import annotations

from typing import NoReturn

from django.core.exceptions import ValidationError
from django.db import models

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import Actor
from paccto.prisons.models import Inmate


class Errors(dict[str, list[str]]):
    """Translated errors by field, collected before anything is written."""

    def add(self, key: str, message: str) -> None:
        self.setdefault(key, []).append(str(message))


def inmate_consult(*, actor: Actor, inmate: Inmate, justification: str, via: str = "page") -> None:
    """Record that the actor read an inmate record (personal data), and why."""
    audit_record(
        actor=actor,
        action=AuditAction.CONSULT,
        obj=inmate,
        justification=justification,
        details={"reference": inmate.reference, "via": via},
        personal_data=True,
    )


def inmate_search_record(*, actor: Actor, query: dict[str, str], count: int) -> None:
    """Record a search of the inmates (a consultation of the list)."""
    audit_record(
        actor=actor,
        action=AuditAction.CONSULT,
        object_type="prisons.inmate",
        details={"search": {k: v for k, v in query.items() if v}, "count": count},
    )


def prisons_access_refused(
    *, actor: Actor, object_type: str, object_id: object, attempted: str = "view", via: str = "page"
) -> None:
    """Record that someone asked by id for a prison record they may not see, or that does
    not exist (both answered 404): probing leaves a trace."""
    audit_record(
        actor=actor,
        action=AuditAction.CONSULT,
        object_type=object_type,
        object_id=str(object_id)[:80],
        details={"refused": "not_found", "attempted": attempted, "via": via},
    )


def prisons_refuse(
    *,
    actor: Actor,
    event: str,
    errors: dict[str, list[str]],
    obj: models.Model | None = None,
    object_type: str = "",
) -> NoReturn:
    """Audit a refused step (which fields were wrong, never their values), then raise the
    translated errors. Called before the transaction that would have written."""
    audit_record(
        actor=actor,
        action=AuditAction.ALTER,
        obj=obj,
        object_type=object_type if obj is None else "",
        details={"event": event, "refused": True, "fields": sorted(errors)},
    )
    raise ValidationError(dict(errors))
