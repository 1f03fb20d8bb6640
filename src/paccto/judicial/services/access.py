"""Reads of requests and judgments that are audited, and refused attempts (bad input, steps
out of order, records one may not see), which are audited too and change nothing."""

from __future__ import annotations

from typing import NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import Actor
from paccto.judicial.models import JudicialRequest

REQUEST = "judicial.judicialrequest"


class Errors(dict[str, list[str]]):
    """Translated errors by field, gathered before anything is written."""

    def add(self, key: str, message: str) -> None:
        self.setdefault(key, []).append(str(message))


def _refusal_record(
    actor: Actor,
    event: str,
    fields: list[str],
    obj: models.Model | None,
    object_type: str,
    object_id: object,
    reason: str,
) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=obj,
            object_type="" if obj is not None else object_type,
            object_id="" if obj is not None else str(object_id)[:80],
            details={"event": event, "refused": reason, "fields": fields},
        )


def judicial_refusal_record(
    *, actor: Actor, event: str, fields: list[str], obj: models.Model | None = None
) -> None:
    """Audit input refused before it reached a service (a form or a body that did not
    parse): which fields, never their values."""
    _refusal_record(actor, event, sorted(fields), obj, REQUEST, "", "invalid")


def judicial_refuse(
    *,
    actor: Actor,
    event: str,
    errors: dict[str, list[str]],
    obj: models.Model | None = None,
    object_type: str = REQUEST,
    object_id: object = "",
) -> NoReturn:
    """Audit a refused write (which fields were wrong, never their values), then raise the
    translated errors. Called before any write."""
    _refusal_record(actor, event, sorted(errors), obj, object_type, object_id, "invalid")
    raise ValidationError(errors)


def judicial_deny(
    *, actor: Actor, event: str, message: str, obj: models.Model | None = None
) -> NoReturn:
    """Audit an attempt to act without the right to (a step of the other side, a record
    one may see but not change), then refuse it (403)."""
    _refusal_record(actor, event, [], obj, REQUEST, "", "forbidden")
    raise PermissionDenied(message)


def judicial_access_refused(
    *, actor: Actor, object_type: str, object_id: object, via: str = "page"
) -> None:
    """Record an attempt to read or act on something the actor may not see (answered
    404, like a record that does not exist)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.CONSULT,
            object_type=object_type,
            object_id=str(object_id)[:80],
            details={"refused": "not_found", "via": via},
        )


def judgment_consult(*, actor: Actor, judgment: models.Model, case_reference: str) -> None:
    """Record that the actor read a judgment (the person judged is personal data); the
    case is the purpose."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.CONSULT,
            obj=judgment,
            justification=case_reference,
            personal_data=True,
        )


def judicial_request_consult(*, actor: Actor, request: JudicialRequest, via: str = "page") -> None:
    """Record that the actor read a request (its persons, facts and safeguard answers are
    personal data); the request is the purpose: its number is the justification."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.CONSULT,
            obj=request,
            justification=request.number,
            details={"via": via},
            personal_data=True,
        )
