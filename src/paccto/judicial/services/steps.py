"""The steps of a request (``judicial.machine``): each side's judges and prosecutors move it
along, every step time-stamped with who, when and why; the deadlines each step starts and
ends; the executing side's one extension with notice; and the clock that reminds both sides
before a deadline and escalates after it. A step out of order or of the other side is
refused with a clear error, changes nothing, and is audited."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import Actor
from paccto.core.selectors import institution_cached
from paccto.exchange.choices import NotificationKind
from paccto.exchange.services import clock_times
from paccto.judicial.choices import (
    RequestAction,
    RequestStatus,
    RequestType,
    SafeguardQuestion,
    Side,
)
from paccto.judicial.machine import (
    DEADLINE_ENDS,
    DEADLINE_STARTS,
    REASON_REQUIRED,
    TRANSITIONS,
    step_refusal,
)
from paccto.judicial.models import JudicialRequest, RefusalGround, RequestDeadline, RequestEvent
from paccto.judicial.permissions import request_sides
from paccto.judicial.selectors import deadline_rule_for
from paccto.judicial.services.access import Errors, judicial_deny, judicial_refuse
from paccto.judicial.services.notifications import (
    EXTENDED,
    judicial_notify,
    request_institutions,
)
from paccto.judicial.services.requests import (
    request_values,
    request_values_check,
    safeguards_missing,
)

# Kinds of request that cannot leave without the person they concern.
PERSON_NEEDED = frozenset(
    {RequestType.EXTRADITION, RequestType.PROVISIONAL_ARREST, RequestType.TRANSFER_SENTENCED}
)
BATCH = 500
MAX_BATCHES = 40


class _Stale(Exception):
    """The request changed between reading and locking it."""


def _status_label(status: str) -> str:
    return str(RequestStatus(status).label) if status in RequestStatus.values else status


def _side_label(side: str) -> str:
    return str(Side(side).label)


def request_due_refresh(request: JudicialRequest) -> None:
    """Set the request's due time: the earliest due time of its open deadlines."""
    request.due_at = request.deadlines.filter(ended_at__isnull=True).aggregate(d=Min("due_at"))["d"]


def deadline_start(request: JudicialRequest, phase: str, now: datetime) -> RequestDeadline | None:
    """Start the deadline of a phase under the request's rule (none without a fixed one)."""
    rule = deadline_rule_for(
        instrument=request.legal_basis.key,
        request_type=request.request_type,
        urgency=request.urgency,
        phase=phase,
    )
    due, remind = clock_times(rule, now)
    if rule is None or due is None:
        return None
    deadline, _created = RequestDeadline.objects.update_or_create(
        request=request,
        phase=phase,
        defaults={
            "rule": rule,
            "starts_at": now,
            "due_at": due,
            "original_due_at": due,
            "extended_at": None,
            "extension_notice": "",
            "ended_at": None,
            "reminded_at": None,
            "escalated_at": None,
            "clock_next_at": remind,
        },
    )
    return deadline


def deadlines_end(request: JudicialRequest, phases: frozenset[str], now: datetime) -> None:
    """End the open deadlines of these phases (``*``: all of them)."""
    open_deadlines = request.deadlines.filter(ended_at__isnull=True)
    if "*" not in phases:
        open_deadlines = open_deadlines.filter(phase__in=sorted(phases))
    open_deadlines.update(ended_at=now, clock_next_at=None)


def _check_send(actor: Actor, request: JudicialRequest, errors: Errors) -> None:
    """What a request needs before it leaves: everything checked again against the
    reference data of today, the human-rights answers where required, the person."""
    for key, messages in request_values_check(
        actor, request_values(request), timezone.localdate()
    ).items():
        for message in messages:
            errors.add(key, message)
    missing = safeguards_missing(request)
    if missing:
        errors.add(
            "safeguards",
            _("Answer the human-rights questions before sending: %(questions)s.")
            % {"questions": ", ".join(str(SafeguardQuestion(q).label) for q in missing)},
        )
    if (
        request.request_type in PERSON_NEEDED
        and not request.entity_links.filter(schema="Person").exists()
    ):
        errors.add(
            "entities", _("Name the person concerned (from the entity store) before sending.")
        )


def _check_step(
    actor: Actor, request: JudicialRequest, action: str, reason: str, ground: RefusalGround | None
) -> Errors:
    errors = Errors()
    if action in REASON_REQUIRED and not reason:
        errors.add("reason", _("This step needs a reason: state it."))
    if len(reason) > 5000:
        errors.add("reason", _("The text is too long."))
    if action == RequestAction.REFUSE:
        if (
            ground is None
            or not ground.active
            or (ground.request_types and request.request_type not in ground.request_types)
        ):
            errors.add("ground", _("Choose a refusal ground of the list."))
        elif ground.needs_explanation and not reason:
            errors.add("reason", _("Explain the ground."))
    if action == RequestAction.SEND:
        _check_send(actor, request, errors)
    return errors


def judicial_request_transition(
    *,
    actor: Actor,
    request: JudicialRequest,
    action: str,
    reason: str = "",
    ground: RefusalGround | None = None,
    now: datetime | None = None,
) -> RequestEvent:
    """Take a step on a request for the actor's side (see ``judicial.machine``), with its
    reason (and refusal ground); start and end the deadlines it concerns; tell the other
    institutions of the request."""
    now = now or timezone.now()
    sides = request_sides(actor, request)
    step = TRANSITIONS.get(action)
    acting = step.side if step is not None and step.side in sides else min(sides, default=None)
    refusal = step_refusal(request.status, action, acting)
    status = _status_label(request.status)
    if refusal == "unknown" or step is None:
        judicial_refuse(
            actor=actor,
            event=str(action)[:40],
            errors={"action": [_("Unknown step.")]},
            obj=request,
        )
    if refusal == "final":
        judicial_refuse(
            actor=actor,
            event=action,
            errors={
                "__all__": [
                    _("This request is “%(status)s”: nothing more can be done.")
                    % {"status": status}
                ]
            },
            obj=request,
        )
    if refusal == "wrong_side":
        judicial_deny(
            actor=actor,
            event=action,
            message=_("Only the judges and prosecutors of the %(side)s take this step.")
            % {"side": _side_label(step.side).lower()},
            obj=request,
        )
    if refusal == "out_of_order":
        judicial_refuse(
            actor=actor,
            event=action,
            errors={
                "__all__": [
                    _("“%(step)s” is not possible now: the request is “%(status)s”.")
                    % {"step": RequestAction(action).label, "status": status}
                ]
            },
            obj=request,
        )
    reason = str(reason or "").strip()
    errors = _check_step(actor, request, action, reason, ground)
    if errors:
        judicial_refuse(actor=actor, event=action, errors=errors, obj=request)
    before = request.status
    try:
        with transaction.atomic():
            locked = JudicialRequest.objects.select_for_update().get(pk=request.pk)
            if locked.status != before:
                raise _Stale
            request.status = step.target
            request.updated_at = now
            fields = ["status", "updated_at", "due_at"]
            if action == RequestAction.SEND:
                request.sent_at = now
                fields.append("sent_at")
            event = RequestEvent.objects.create(
                request=request,
                action=action,
                from_status=before,
                to_status=step.target,
                side=step.side,
                at=now,
                by_id=actor.user_id,
                institution_id=actor.institution_id,
                reason=reason,
                ground=ground if action == RequestAction.REFUSE else None,
            )
            if action in DEADLINE_ENDS:
                deadlines_end(request, DEADLINE_ENDS[action], now)
            if action in DEADLINE_STARTS:
                deadline_start(request, DEADLINE_STARTS[action], now)
            request_due_refresh(request)
            request.save(update_fields=fields)
            _notify_step(actor, request, action)
            _audit_step(actor, request, action, before, ground)
    except _Stale:
        judicial_refuse(
            actor=actor,
            event=action,
            errors={"__all__": [_("The request changed meanwhile: reload it and try again.")]},
            obj=request,
        )
    return event


def _notify_step(actor: Actor, request: JudicialRequest, action: str) -> None:
    assert actor.institution_id is not None
    name = institution_cached(actor.institution_id).name
    if action == RequestAction.SEND:
        told = request_institutions(request) - {request.requesting_institution_id}
        kind, topic = NotificationKind.JUDICIAL_RECEIVED, ""
    else:
        told = request_institutions(request) - {actor.institution_id}
        kind, topic = NotificationKind.JUDICIAL_STEP, request.status
    judicial_notify(
        request=request,
        kind=kind,
        institution_ids=told,
        institution_name=name,
        topic=topic,
        exclude_user_id=actor.user_id,
    )


def _audit_step(
    actor: Actor,
    request: JudicialRequest,
    action: str,
    before: str,
    ground: RefusalGround | None,
) -> None:
    details = {"event": action, "from": before, "to": request.status}
    if ground is not None and action == RequestAction.REFUSE:
        details["ground"] = ground.key
    if action == RequestAction.SEND:
        institutions = request_institutions(request) - {request.requesting_institution_id}
        from paccto.core.models import Institution

        audit_record(
            actor=actor,
            action=AuditAction.DISCLOSE,
            obj=request,
            justification=request.legal_basis.short_name,
            recipients=sorted(
                Institution.objects.filter(pk__in=institutions).values_list("key", flat=True)
            ),
            details=details,
            personal_data=True,
        )
    else:
        audit_record(actor=actor, action=AuditAction.ALTER, obj=request, details=details)


def request_deadline_extend(
    *, actor: Actor, request: JudicialRequest, notice: str, now: datetime | None = None
) -> RequestDeadline:
    """Extend the running deadline whose rule allows it, once, before it runs out (the
    executing side), with a notice to the requesting side saying why."""
    now = now or timezone.now()
    if Side.EXECUTING not in request_sides(actor, request):
        judicial_deny(
            actor=actor,
            event="extend",
            message=_("Only the judges and prosecutors of the executing side extend a deadline."),
            obj=request,
        )
    notice = str(notice or "").strip()
    errors = Errors()
    if not notice:
        errors.add("notice", _("Tell the requesting side why the deadline is extended."))
    elif len(notice) > 2000:
        errors.add("notice", _("The text is too long."))
    deadline = (
        request.deadlines.filter(
            ended_at__isnull=True, extended_at__isnull=True, rule__extension_hours__gt=0
        )
        .select_related("rule")
        .order_by("starts_at", "pk")
        .first()
    )
    if deadline is None:
        errors.add("__all__", _("No deadline of this request can be extended."))
    elif now >= deadline.due_at:
        errors.add(
            "__all__", _("The deadline has passed: it can only be extended before it runs out.")
        )
    if errors:
        judicial_refuse(actor=actor, event="extend", errors=errors, obj=request)
    assert deadline is not None and deadline.rule.extension_hours
    extension = timedelta(hours=deadline.rule.extension_hours)
    with transaction.atomic():
        deadline = (
            RequestDeadline.objects.select_for_update().select_related("rule").get(pk=deadline.pk)
        )
        deadline.due_at += extension
        deadline.extended_at = now
        deadline.extension_notice = notice
        deadline.reminded_at = None
        deadline.clock_next_at = deadline.due_at - extension * (
            min(deadline.rule.remind_percent, 100) / 100
        )
        deadline.save(
            update_fields=[
                "due_at",
                "extended_at",
                "extension_notice",
                "reminded_at",
                "clock_next_at",
            ]
        )
        RequestEvent.objects.create(
            request=request,
            action=RequestAction.EXTEND,
            from_status=request.status,
            to_status=request.status,
            side=Side.EXECUTING,
            at=now,
            by_id=actor.user_id,
            institution_id=actor.institution_id,
            reason=notice,
        )
        request_due_refresh(request)
        request.updated_at = now
        request.save(update_fields=["due_at", "updated_at"])
        assert actor.institution_id is not None
        judicial_notify(
            request=request,
            kind=NotificationKind.JUDICIAL_STEP,
            institution_ids=request_institutions(request) - {actor.institution_id},
            institution_name=institution_cached(actor.institution_id).name,
            topic=EXTENDED,
            exclude_user_id=actor.user_id,
        )
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=request,
            details={
                "event": "extend",
                "phase": deadline.phase,
                "due": deadline.due_at.isoformat(),
            },
        )
    return deadline


def _clock_step(deadline_id: int, now: datetime) -> str | None:
    """Send what has come due for one deadline: its reminder, or its escalation."""
    with transaction.atomic():
        deadline = (
            RequestDeadline.objects.select_for_update(of=("self",))
            .select_related("request__executing_institution")
            .filter(pk=deadline_id, clock_next_at__lte=now)
            .first()
        )
        if deadline is None:  # another pass got here first
            return None
        stage = "reminder" if now < deadline.due_at else "escalation"
        done = deadline.reminded_at if stage == "reminder" else deadline.escalated_at
        if deadline.ended_at is not None or done is not None:
            # Ended meanwhile, or already sent: only where the clock looks next changes.
            later = stage == "reminder" and deadline.ended_at is None
            deadline.clock_next_at = deadline.due_at if later else None
            deadline.save(update_fields=["clock_next_at"])
            return None
        if stage == "reminder":
            deadline.reminded_at, deadline.clock_next_at = now, deadline.due_at
        else:
            deadline.escalated_at, deadline.clock_next_at = now, None
        deadline.save(update_fields=["reminded_at", "escalated_at", "clock_next_at"])
        request = deadline.request
        RequestEvent.objects.create(
            request=request,
            action=RequestAction.REMIND if stage == "reminder" else RequestAction.ESCALATE,
            from_status=request.status,
            to_status=request.status,
            at=now,
        )
        judicial_notify(
            request=request,
            kind=NotificationKind.JUDICIAL_REMINDER
            if stage == "reminder"
            else NotificationKind.JUDICIAL_ESCALATION,
            institution_ids=request_institutions(request),
            institution_name=request.executing_institution.name,
            topic=deadline.phase,
        )
    return stage


def judicial_clock_run(now: datetime | None = None) -> dict[str, int]:
    """One pass of the judicial clock: the reminders and escalations of deadlines that
    have come due, each sent once. Run by the platform's clock (registered with the
    exchange's), safe to run at any time."""
    now = now or timezone.now()
    counts = {"reminder": 0, "escalation": 0}
    for _batch in range(MAX_BATCHES):
        due = list(
            RequestDeadline.objects.filter(clock_next_at__lte=now)
            .order_by("clock_next_at")
            .values_list("pk", flat=True)[:BATCH]
        )
        for pk in due:
            stage = _clock_step(pk, now)
            if stage:
                counts[stage] += 1
        if len(due) < BATCH:
            break
    return counts
