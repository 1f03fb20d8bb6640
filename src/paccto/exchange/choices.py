from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageType(models.TextChoices):
    REQUEST = "request", _("Request for information")
    REPLY = "reply", _("Reply")
    SPONTANEOUS = "spontaneous", _("Spontaneous information")
    NOTIFICATION = "notification", _("Notification")
    # Written by prison officers about inmates (the prisons app sends them; not composed
    # here): shared with police and prosecutors like any message, with its handling code.
    PRISON_REPORT = "prison_report", _("Prison intelligence report")


# The types a user composes on the exchange pages and the API; the others are sent by the
# apps that own them (a prison intelligence report names its inmates and category).
COMPOSED_TYPES = (
    MessageType.REQUEST,
    MessageType.REPLY,
    MessageType.SPONTANEOUS,
    MessageType.NOTIFICATION,
)


class ClockStage(models.TextChoices):
    REMINDER = "reminder", _("Reminder before the deadline")
    ESCALATION = "escalation", _("Escalation after the deadline")


class ForwardStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the owner")
    GRANTED = "granted", _("Granted by the owner")
    REFUSED = "refused", _("Refused by the owner")


class NotificationKind(models.TextChoices):
    DELIVERED = "delivered", _("New message")
    ACKNOWLEDGED = "acknowledged", _("Receipt acknowledged")
    FORWARD_REQUESTED = "forward_requested", _("Permission to forward asked")
    FORWARD_DECIDED = "forward_decided", _("Forwarding decided")
    REMINDER = "reminder", _("Deadline approaching")
    ESCALATION = "escalation", _("Deadline passed")
    HIT = "hit", _("Hit on our record")
    # Judicial cooperation requests (``paccto.judicial`` registers their texts).
    JUDICIAL_RECEIVED = "judicial_received", _("New judicial request")
    JUDICIAL_STEP = "judicial_step", _("Judicial request moved on")
    JUDICIAL_REMINDER = "judicial_reminder", _("Judicial deadline approaching")
    JUDICIAL_ESCALATION = "judicial_escalation", _("Judicial deadline passed")
    # Release alerts of the prisons app (a watch on an inmate).
    RELEASE_DUE = "release_due", _("Release approaching")
    RELEASED = "released", _("Inmate released")
    TRANSFER_DUE = "transfer_due", _("Transfer approaching")
    TRANSFERRED = "transferred", _("Inmate transferred")
    MOVED = "moved", _("Inmate moved")
