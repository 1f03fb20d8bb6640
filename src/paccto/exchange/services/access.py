"""Asking for a message or an attachment by id: what one may see, or 404 and a trace of
the attempt (probing other institutions' ids is worth a DPO's look)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import Http404

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import Actor
from paccto.exchange.models import Attachment, Message
from paccto.exchange.selectors import attachment_get, message_get


def access_refused_record(*, actor: Actor, object_type: str, object_id: Any, action: str) -> None:
    """Record that someone asked for a message or attachment by id that they may not see,
    or that does not exist (both are answered 404): probing leaves a trace."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.DISCLOSE if action == "forward" else AuditAction.CONSULT,
            object_type=object_type,
            object_id=str(object_id)[:80],
            details={"refused": "not_found", "attempted": action},
        )


def message_access(*, actor: Actor, pk: Any, action: str = "view") -> Message:
    """A message the actor may act on; otherwise the attempt is recorded and the answer is
    404, whether the message exists or not."""
    try:
        return message_get(actor=actor, pk=pk, action=action)
    except Http404:
        access_refused_record(
            actor=actor, object_type="exchange.message", object_id=pk, action=action
        )
        raise


def attachment_access(*, actor: Actor, pk: Any) -> Attachment:
    """An attachment the actor may download; otherwise recorded, and 404."""
    try:
        return attachment_get(actor=actor, pk=pk)
    except Http404:
        access_refused_record(
            actor=actor, object_type="exchange.attachment", object_id=pk, action="download"
        )
        raise
