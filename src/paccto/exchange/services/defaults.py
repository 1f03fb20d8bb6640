"""What an institution's messages carry unless the sender says otherwise."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.models import Institution
from paccto.core.permissions import Actor
from paccto.exchange.models import LANGUAGE_CHOICES, ExchangeDefaults
from paccto.exchange.permissions import can_edit_defaults_of


def exchange_defaults_for(institution_id: int | None) -> ExchangeDefaults | None:
    """The defaults set for an institution's messages, if any (reference data of the
    institution: every user of it may read them)."""
    if institution_id is None:
        return None
    return ExchangeDefaults.objects.filter(institution_id=institution_id).first()


def exchange_defaults_set(
    *,
    actor: Actor,
    institution: Institution,
    handling_code: str,
    handling_note: str = "",
    source_reliability: str = "X",
    information_reliability: str = "4",
    language: str = "",
) -> ExchangeDefaults:
    """Set what an institution's messages carry unless the sender says otherwise."""
    if not can_edit_defaults_of(actor, institution.country_id):
        raise PermissionDenied(_("You may not change this institution's defaults."))
    defaults = exchange_defaults_for(institution.pk) or ExchangeDefaults(institution=institution)
    defaults.handling_code = handling_code
    defaults.handling_note = handling_note.strip()
    defaults.source_reliability = source_reliability
    defaults.information_reliability = information_reliability
    defaults.language = language if language in dict(LANGUAGE_CHOICES) else ""
    defaults.updated_by_id = actor.user_id
    defaults.updated_at = timezone.now()
    defaults.full_clean(exclude=["institution", "updated_by"])
    with transaction.atomic():
        defaults.save()
        audit_record(
            actor=actor,
            action=AuditAction.ADMINISTER,
            obj=defaults,
            details={
                "institution": institution.key,
                "handling_code": handling_code,
                "grade": f"{source_reliability}{information_reliability}",
                "language": defaults.language,
            },
        )
    return defaults
