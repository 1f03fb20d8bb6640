"""What the institutions of a request are told, through the platform's notification centre
(``exchange``: under the bell and by e-mail after commit), and how it is worded. E-mails
carry the request's number and the institution, never its content."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext

from paccto.exchange.choices import NotificationKind
from paccto.exchange.models import Notification
from paccto.exchange.services import notify_institutions
from paccto.judicial.choices import DeadlinePhase, RequestStatus
from paccto.judicial.models import JudicialRequest

EXTENDED = "deadline_extended"


def request_institutions(request: JudicialRequest) -> set[int]:
    """Every institution named on a request."""
    ids = {
        request.requesting_institution_id,
        request.executing_institution_id,
        request.requesting_central_authority_id,
        request.executing_central_authority_id,
    }
    return {i for i in ids if i is not None}


def judicial_notify(
    *,
    request: JudicialRequest,
    kind: str,
    institution_ids: Iterable[int],
    institution_name: str,
    topic: str = "",
    exclude_user_id: int | None = None,
) -> None:
    """Tell the operational users of institutions about a request (in the caller's
    transaction; e-mails after commit)."""
    notify_institutions(
        institution_ids=sorted(set(institution_ids)),
        kind=kind,
        url=reverse("judicial:request_detail", args=[request.pk]),
        reference=request.number,
        institution_name=institution_name,
        topic=topic,
        exclude_user_id=exclude_user_id,
    )


def _params(notification: Notification) -> dict[str, str]:
    return {"reference": notification.reference, "institution": notification.institution_name}


def _phase(notification: Notification) -> str:
    topic = notification.topic
    return str(DeadlinePhase(topic).label) if topic in DeadlinePhase.values else topic


def received_text(notification: Notification) -> str:
    return gettext("New judicial request %(reference)s from %(institution)s") % _params(
        notification
    )


def step_text(notification: Notification) -> str:
    if notification.topic == EXTENDED:
        return gettext(
            "%(institution)s extended a deadline of judicial request %(reference)s"
        ) % _params(notification)
    status = notification.topic
    label = str(RequestStatus(status).label) if status in RequestStatus.values else status
    return gettext("Judicial request %(reference)s is now “%(status)s” (%(institution)s)") % {
        **_params(notification),
        "status": label,
    }


def reminder_text(notification: Notification) -> str:
    return gettext("Judicial request %(reference)s: the deadline (%(phase)s) is near") % {
        **_params(notification),
        "phase": _phase(notification),
    }


def escalation_text(notification: Notification) -> str:
    return gettext("Judicial request %(reference)s: the deadline (%(phase)s) has passed") % {
        **_params(notification),
        "phase": _phase(notification),
    }


NOTIFICATION_TEXTS = {
    NotificationKind.JUDICIAL_RECEIVED: received_text,
    NotificationKind.JUDICIAL_STEP: step_text,
    NotificationKind.JUDICIAL_REMINDER: reminder_text,
    NotificationKind.JUDICIAL_ESCALATION: escalation_text,
}
