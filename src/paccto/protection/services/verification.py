"""Frontline verification: a police officer of a state where an order is recognised learns
whether a valid order exists for an order number or an identity, and which measures apply.
Never anything about the protected person. Someone outside a recognising state gets the same
answer as when there is no order; every check is audited and limited per user."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import Actor
from paccto.hits.services import band_for, rate_limit
from paccto.matching.compare import PersonRecord, compare_persons
from paccto.protection.models import VerificationQuery
from paccto.protection.permissions import can_verify_protection_orders
from paccto.protection.selectors import (
    VerifiableOrder,
    protection_verification_candidates,
    protection_verification_identities,
)

IDENTITY_FIELDS = ("given_name", "surname", "second_surname", "full_name", "date_of_birth")
MAX_RESULTS = 10


@dataclass(frozen=True)
class Verification:
    """A valid order found, with how well the identity matched (for identity checks)."""

    order: VerifiableOrder
    band: str = ""
    probability: float | None = None


def _clean(number: str, identity: dict[str, Any]) -> tuple[str, PersonRecord | None]:
    number = re.sub(r"\s+", "", str(number or "")).upper()[:32]
    values = {k: " ".join(str(identity.get(k) or "").split()) for k in IDENTITY_FIELDS}
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        if len(value) > 200:
            errors[name] = [_("The text is too long.")]
    if number:
        if not re.fullmatch(r"[A-Z]{2}-[A-Z]{3}-\d{4}-\d{6,}", number):
            errors["number"] = [_("Enter an order number such as AR-OMP-2026-000123.")]
        if errors:
            raise ValidationError(errors)
        return number, None
    dob = values["date_of_birth"]
    if not dob:
        errors["date_of_birth"] = [_("Give the date of birth with the names.")]
    elif not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", dob):
        errors["date_of_birth"] = [_("Enter a date as YYYY, YYYY-MM or YYYY-MM-DD.")]
    if not (values["full_name"] or (values["given_name"] and values["surname"])):
        errors["surname"] = [
            _("Give an order number, or the given names, surname and date of birth.")
        ]
    if errors:
        raise ValidationError(errors)
    return "", PersonRecord(
        given_name=values["given_name"],
        surname=values["surname"],
        second_surname=values["second_surname"],
        full_name="" if values["given_name"] or values["surname"] else values["full_name"],
        date_of_birth=dob,
    )


def _record(r: dict[str, str]) -> PersonRecord:
    return PersonRecord(
        given_name=r["given_name"],
        surname=r["surname"],
        second_surname=r["second_surname"],
        full_name="" if r["given_name"] or r["surname"] else r["full_name"],
        date_of_birth=r["date_of_birth"],
    )


def protection_verify(
    *,
    actor: Actor,
    justification: str,
    number: str = "",
    identity: dict[str, Any] | None = None,
) -> list[Verification]:
    """Valid orders enforceable in the actor's state for an order number, or for the person
    causing danger (names and date of birth, compared tolerantly by the matching engine)."""
    if not can_verify_protection_orders(actor) or actor.user_id is None:
        raise PermissionDenied(_("You may not verify protection orders."))
    assert actor.institution_id is not None
    justification = str(justification or "").strip()[:500]
    if not justification:
        raise ValidationError({"justification": [_("A justification is required.")]})
    number, query = _clean(number, identity or {})
    rate_limit(
        VerificationQuery.objects.filter(user_id=actor.user_id),
        per_hour=settings.PACCTO_PROTECTION_CHECKS_PER_HOUR,
        per_day=settings.PACCTO_PROTECTION_CHECKS_PER_DAY,
    )
    today = timezone.localdate()
    found: list[Verification] = []
    if query is None:
        found = [
            Verification(order=o)
            for o in protection_verification_candidates(actor=actor, today=today, number=number)
        ]
    else:
        threshold = settings.PACCTO_HIT_THRESHOLD
        scores: dict[int, float] = {}
        for order_id, respondent in protection_verification_identities(actor=actor, today=today):
            probability = compare_persons(query, _record(respondent)).probability
            if probability >= threshold:
                scores[order_id] = max(probability, scores.get(order_id, 0.0))
        best = sorted(scores, key=lambda pk: -scores[pk])[:MAX_RESULTS]
        orders = protection_verification_candidates(actor=actor, today=today, order_ids=best)
        found = sorted(
            (
                Verification(
                    order=o,
                    band=band_for(scores[o.pk]),
                    probability=round(scores[o.pk], 4),
                )
                for o in orders
            ),
            key=lambda v: -(v.probability or 0),
        )
    found = found[:MAX_RESULTS]
    with transaction.atomic():
        check = VerificationQuery.objects.create(
            user_id=actor.user_id, institution_id=actor.institution_id, found=len(found)
        )
        audit_record(
            actor=actor,
            action=AuditAction.CONSULT,
            object_type="protection.verification",
            object_id=str(check.pk),
            justification=justification,
            details={
                "by": "number" if number else "identity",
                "number": number,
                "fields": sorted(k for k in IDENTITY_FIELDS if query and getattr(query, k)),
                "found": [v.order.number for v in found],
            },
            personal_data=True,
        )
    return found
