"""Prison intelligence reports: written by prison officers about inmates of their prison
service, and sent through secure exchange like any message (to institutions or to a
network's contact points, REDCOPEN or AMERIPOL for instance) with the sender's handling
code and grade. The inmates' persons are noted as mentioned in the message; seized phone
numbers become Phone entities of the store, linked to each inmate (``uses``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.models import Network
from paccto.core.permissions import Actor, can
from paccto.entities.choices import LinkType
from paccto.entities.schemata import PropertyError, properties_clean
from paccto.exchange.choices import MessageType
from paccto.exchange.services import message_entity_link, message_entity_record, message_send
from paccto.prisons.choices import ReportCategory
from paccto.prisons.models import Inmate, PrisonReport
from paccto.prisons.permissions import can_admit_inmates
from paccto.prisons.services.access import Errors, prisons_refuse

MAX_INMATES = 50
MAX_PHONES = 20


def _phones(errors: Errors, numbers: Iterable[str]) -> list[str]:
    clean: list[str] = []
    for number in numbers:
        if not str(number).strip():
            continue
        try:
            value = properties_clean("Phone", {"number": [str(number)]})["number"][0]
        except PropertyError as exc:
            errors.add("phone_numbers", str(exc.args[0]))
            continue
        if value not in clean:
            clean.append(value)
    if len(clean) > MAX_PHONES:
        errors.add("phone_numbers", _("At most %(n)d phone numbers.") % {"n": MAX_PHONES})
    return clean


def prison_report_send(
    *,
    actor: Actor,
    category: str,
    inmates: Sequence[Inmate],
    occurred_on: date | None,
    subject: str,
    body: str,
    recipient_ids: Iterable[int] = (),
    network: Network | None = None,
    language: str = "",
    criminal_markets: Sequence[str] = (),
    case_reference: str = "",
    handling_code: str | None = None,
    handling_note: str | None = None,
    source_reliability: str | None = None,
    information_reliability: str | None = None,
    phone_numbers: Iterable[str] = (),
    uploads: Sequence[Any] = (),
    attachment_ids: Sequence[int] = (),
) -> PrisonReport:
    """Write a report about inmates of the actor's prison service and send it as a message
    of secure exchange; its recipients, handling code, grade and onward sharing follow the
    exchange's rules. Nothing is written or sent unless everything is valid."""
    if not can_admit_inmates(actor) or actor.user_id is None:
        raise PermissionDenied(_("Only prison officers write prison intelligence reports."))
    errors = Errors()
    if category not in ReportCategory.values:
        errors.add("category", _("Choose what the report is about."))
    chosen = list(dict.fromkeys(inmates))
    if not chosen:
        errors.add("inmates", _("Choose the inmates the report is about."))
    elif len(chosen) > MAX_INMATES:
        errors.add("inmates", _("At most %(n)d inmates.") % {"n": MAX_INMATES})
    elif any(not can(actor, "change", inmate) for inmate in chosen):
        errors.add("inmates", _("Choose inmates of your prison service."))
    if occurred_on is None:
        errors.add("occurred_on", _("This field is required."))
    elif occurred_on > timezone.localdate():
        errors.add("occurred_on", _("This date is in the future."))
    if not subject.strip():
        errors.add("subject", _("This field is required."))
    if not body.strip():
        errors.add("body", _("This field is required."))
    phones = _phones(errors, phone_numbers)
    if errors:
        prisons_refuse(actor=actor, event="report", errors=errors, object_type="prisons.report")
    assert occurred_on is not None

    try:
        return _send(
            actor,
            category,
            chosen,
            occurred_on,
            phones,
            dict(
                subject=subject,
                body=body,
                recipient_ids=recipient_ids,
                network=network,
                language=language,
                criminal_markets=criminal_markets,
                case_reference=case_reference,
                handling_code=handling_code,
                handling_note=handling_note,
                source_reliability=source_reliability,
                information_reliability=information_reliability,
                uploads=uploads,
                attachment_ids=attachment_ids,
            ),
        )
    except ValidationError as exc:  # the exchange's rules (recipients, handling code...)
        errors = Errors()
        for field, messages in exc.message_dict.items():
            for message in messages:
                errors.add(field, message)
        prisons_refuse(actor=actor, event="report", errors=errors, object_type="prisons.report")


def _send(
    actor: Actor,
    category: str,
    chosen: list[Inmate],
    occurred_on: date,
    phones: list[str],
    message_fields: dict[str, Any],
) -> PrisonReport:
    from paccto.entities.services import link_create

    assert actor.user_id is not None
    with transaction.atomic():
        message = message_send(
            actor=actor, message_type=MessageType.PRISON_REPORT, **message_fields
        )
        report = PrisonReport.objects.create(
            message=message,
            category=category,
            occurred_on=occurred_on,
            phone_numbers=phones,
            created_by_id=actor.user_id,
        )
        report.inmates.set(chosen)
        for inmate in chosen:
            message_entity_link(actor=actor, message=message, entity=inmate.person)
        for number in phones:
            phone = message_entity_record(
                actor=actor,
                message=message,
                schema="Phone",
                properties={"number": [number]},
                provenance={
                    "share_scope": chosen[0].share_scope,
                    "share_network_id": chosen[0].share_network_id,
                },
            )
            for inmate in chosen:
                link_create(
                    actor=actor,
                    source=inmate.person,
                    target=phone,
                    link_type=LinkType.USES,
                    start_date=occurred_on,
                    note=_("Seized in prison (report %(reference)s)")
                    % {"reference": message.reference},
                    provenance={
                        "handling_code": message.handling_code,
                        "handling_note": message.handling_note,
                        "source_reliability": message.source_reliability,
                        "information_reliability": message.information_reliability,
                        "share_scope": inmate.share_scope,
                        "share_network_id": inmate.share_network_id,
                    },
                )
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=report,
            details={
                "message": message.reference,
                "category": category,
                "inmates": [inmate.reference for inmate in chosen],
                "phones": len(phones),
            },
        )
    return report
