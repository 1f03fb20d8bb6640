"""Legal clocks of requests: the shipped table of instruments and urgencies, the due time
of a request, and the pass that sends reminders before and escalations after deadlines.

The pass (``exchange_clock_run``) reads the requests whose ``clock_next_at`` has come, one
index range. Each reminder or escalation is a ``ClockEvent`` whose uniqueness per message
and stage is enforced by the database: two passes running at once, or the same pass run
again, never notify twice.

This is the platform's one clock: other apps with periodic work (the deadlines of judicial
cooperation requests, the prisons' release alerts) register their own pass with
``register_clock_pass``, and every run of the clock (``paccto exchange-clock``, the clock of
``paccto serve``) runs them too. Each pass must be safe to run at any time, as often as
wanted.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import SYSTEM
from paccto.exchange.choices import ClockStage, NotificationKind
from paccto.exchange.models import Attachment, ClockEvent, ClockRule, Message, MessageRecipient
from paccto.exchange.services.attachments import attachment_file_forget
from paccto.exchange.services.notifications import notify_institutions, notify_users

REFERENCE_FILE = Path(__file__).resolve().parent.parent / "reference" / "clocks.json"
BATCH = 500
MAX_BATCHES = 40  # a pass handles at most 20 000 requests; the next pass goes on

# Other apps' clock passes, run after the exchange's own: name -> function of the time of
# the pass, returning its counts.
ClockPass = Callable[[datetime], Mapping[str, int]]
_clock_passes: dict[str, ClockPass] = {}


def register_clock_pass(name: str, run: ClockPass) -> None:
    """Have every run of the platform's clock also run ``run(now)``; its counts are
    reported as ``"<name> <count name>"``. ``run`` must be safe to call at any time, as
    often as wanted (each reminder or escalation sent once)."""
    _clock_passes[name] = run


class Clock(Protocol):
    """A rule with a clock: hours to answer (None: no fixed deadline) and when to remind."""

    @property
    def hours(self) -> int | None: ...

    @property
    def remind_percent(self) -> int: ...


def clock_rules_load() -> int:
    """Create or update the clock rules from the shipped table; rules no longer shipped
    are deactivated (messages keep theirs). Returns how many rules are active."""
    rows = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))["rules"]
    keys = []
    for position, row in enumerate(rows):
        ClockRule.objects.update_or_create(
            instrument=row["instrument"],
            urgency=row["urgency"],
            defaults={
                "instrument_name": row["instrument_name"],
                "labels": row["labels"],
                "hours": row["hours"],
                "remind_percent": row.get("remind_percent", 20),
                "position": position,
                "active": True,
            },
        )
        keys.append((row["instrument"], row["urgency"]))
    for rule in ClockRule.objects.filter(active=True):
        if (rule.instrument, rule.urgency) not in keys:
            rule.active = False
            rule.save(update_fields=["active"])
    return ClockRule.objects.filter(active=True).count()


def clock_times(rule: Clock | None, sent_at: datetime) -> tuple[datetime | None, datetime | None]:
    """The due time of a request sent at ``sent_at`` under a rule, and when its reminder
    is due (``remind_percent`` of the clock before the deadline); both None without a
    fixed deadline."""
    if rule is None or rule.hours is None:
        return None, None
    clock = timedelta(hours=rule.hours)
    due = sent_at + clock
    return due, due - clock * (min(rule.remind_percent, 100) / 100)


def _open_recipients(message: Message) -> list[int]:
    return list(
        MessageRecipient.objects.filter(message=message, answered_at__isnull=True).values_list(
            "institution_id", flat=True
        )
    )


def _clock_step(message_id: int, now: datetime) -> str | None:
    """Send what is due for one request; returns the stage sent, if any."""
    with transaction.atomic():
        message = (
            Message.objects.select_for_update()
            .select_related("sender_institution")
            .filter(pk=message_id, clock_next_at__lte=now)
            .first()
        )
        if message is None:  # another pass got here first
            return None
        waiting = _open_recipients(message)
        if message.answered_at is not None or message.due_at is None or not waiting:
            message.clock_next_at = None
            message.save(update_fields=["clock_next_at"])
            return None
        stage = ClockStage.REMINDER if now < message.due_at else ClockStage.ESCALATION
        message.clock_next_at = message.due_at if stage == ClockStage.REMINDER else None
        message.save(update_fields=["clock_next_at"])
        if ClockEvent.objects.filter(message=message, stage=stage).exists():
            return None
        try:
            with transaction.atomic():
                ClockEvent.objects.create(message=message, stage=stage, at=now)
        except IntegrityError:
            return None
        kind = {
            ClockStage.REMINDER: NotificationKind.REMINDER,
            ClockStage.ESCALATION: NotificationKind.ESCALATION,
        }[stage]
        url = reverse("exchange:message_detail", args=[message.pk])
        notify_users(
            user_ids=[message.sender_user_id],
            kind=kind,
            url=url,
            message=message,
            reference=message.reference,
            institution_name=", ".join(
                message.recipients.filter(institution_id__in=waiting).values_list(
                    "institution__name", flat=True
                )
            ),
        )
        notify_institutions(
            institution_ids=waiting,
            kind=kind,
            url=url,
            message=message,
            reference=message.reference,
            institution_name=message.sender_institution.name,
        )
    return str(stage)


def exchange_clock_run(*, now: datetime | None = None) -> dict[str, int]:
    """One pass of the exchange clock: reminders and escalations that have come due, and
    the attachments uploaded through the API but never sent, forgotten after
    ``PACCTO_ATTACHMENT_STAGED_HOURS``; then the passes other apps registered. Safe to run
    at any time, as often as wanted."""
    now = now or timezone.now()
    counts = {ClockStage.REMINDER.value: 0, ClockStage.ESCALATION.value: 0, "forgotten": 0}
    for _batch in range(MAX_BATCHES):
        due = list(
            Message.objects.filter(clock_next_at__lte=now)
            .order_by("clock_next_at")
            .values_list("pk", flat=True)[:BATCH]
        )
        for pk in due:
            stage = _clock_step(pk, now)
            if stage:
                counts[stage] += 1
        if len(due) < BATCH:
            break
    cutoff = now - timedelta(hours=settings.PACCTO_ATTACHMENT_STAGED_HOURS)
    for attachment in Attachment.objects.filter(message__isnull=True, uploaded_at__lt=cutoff):
        with transaction.atomic():
            audit_record(
                actor=SYSTEM,
                action=AuditAction.ERASE,
                obj=attachment,
                details={"file": attachment.file_name, "reason": "never sent"},
            )
            attachment.delete()
        attachment_file_forget(attachment.stored_name)
        counts["forgotten"] += 1
    for name, run in _clock_passes.items():
        for key, n in run(now).items():
            counts[f"{name} {key}"] = n
    return counts
