"""Linking messages of secure exchange to a case, and taking them out again.

Linking a message to a case gives nobody access to it: the case's pages and timeline show a
linked message only to participants who may already see it through secure exchange
(``CaseMessagePolicy``). Whoever links or unlinks one must be a lead or member of the case
and already see the message; both are audited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.cases.models import Case, CaseMessage
from paccto.cases.permissions import actor_user_id, can_contribute_to_case
from paccto.core.permissions import Actor, can

if TYPE_CHECKING:
    from paccto.exchange.models import Message


def case_message_check(*, actor: Actor, case: Case) -> None:
    """Refuse a case the actor may not link messages to (not a lead or member)."""
    if not can_contribute_to_case(actor, case):
        raise PermissionDenied(_("Only the leads and members of a case may link messages to it."))


def case_link_message(*, actor: Actor, case: Case, message: Message) -> CaseMessage:
    """Link a message to a case (a lead or member who sees the message). Nobody gains
    access to the message by it."""
    case_message_check(actor=actor, case=case)
    if not can(actor, "view", message):
        raise Http404
    if CaseMessage.objects.filter(case=case, message=message).exists():
        raise ValidationError({"case": [_("This message is already linked to the case.")]})
    link = CaseMessage(case=case, message=message, added_by_id=actor_user_id(actor))
    try:
        with transaction.atomic():
            link.save()
            audit_record(
                actor=actor,
                action=AuditAction.COMBINE,
                obj=case,
                details={"message": message.pk, "reference": message.reference},
            )
    except IntegrityError as exc:  # linked by someone else meanwhile
        raise ValidationError({"case": [_("This message is already linked to the case.")]}) from exc
    return link


def case_unlink_message(*, actor: Actor, link: CaseMessage) -> None:
    """Take a message out of a case (a lead or member who sees the message)."""
    case_message_check(actor=actor, case=link.case)
    if not can(actor, "view", link.message):
        raise Http404
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=link.case,
            details={"message_unlinked": link.message_id, "reference": link.message.reference},
        )
        link.delete()
