"""The prison academies' training: the shipped catalogue, sessions given by an academy,
enrolment of prison staff of RAP member institutions (no double enrolment, never over
capacity) and completion (attended, with or without a certificate)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.accounts.models import User
from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.choices import Role
from paccto.core.models import Institution
from paccto.core.permissions import Actor, can
from paccto.prisons.choices import SEAT_HOLDING, CourseTopic, EnrolmentStatus
from paccto.prisons.models import Course, CourseSession, Enrolment
from paccto.prisons.permissions import can_enrol_staff
from paccto.prisons.services.access import Errors, prisons_refuse

CATALOGUE_FILE = Path(__file__).resolve().parent.parent / "reference" / "rap_catalogue.json"
MAX_CAPACITY = 500


def rap_catalogue_load() -> int:
    """Create or update the courses of the shipped catalogue (and their first sessions,
    when a course has none yet); courses no longer shipped are no longer offered. Returns
    how many courses are offered."""
    rows = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))["courses"]
    providers = {
        i.key: i for i in Institution.objects.filter(key__in=[row["provider"] for row in rows])
    }
    codes = []
    today = timezone.localdate()
    for row in rows:
        provider = providers.get(row["provider"])
        if provider is None or row["topic"] not in CourseTopic.values:
            continue
        course, _created = Course.objects.update_or_create(
            code=row["code"],
            defaults={
                "topic": row["topic"],
                "titles": row["titles"],
                "descriptions": row.get("descriptions", {}),
                "languages": row["languages"],
                "hours": row["hours"],
                "provider": provider,
                "active": True,
            },
        )
        codes.append(course.code)
        if not course.sessions.exists():
            for session in row.get("sessions", []):
                starts = date.fromordinal(today.toordinal() + session["starts_in_days"])
                CourseSession.objects.create(
                    course=course,
                    starts_on=starts,
                    ends_on=date.fromordinal(starts.toordinal() + session["days"] - 1),
                    online=session.get("online", False),
                    place=session.get("place", ""),
                    language=session["language"],
                    capacity=session["capacity"],
                )
    Course.objects.filter(active=True).exclude(code__in=codes).update(active=False)
    return Course.objects.filter(active=True).count()


def session_create(
    *,
    actor: Actor,
    course: Course,
    starts_on: date | None,
    ends_on: date | None,
    language: str,
    capacity: int | None,
    online: bool = False,
    place: str = "",
) -> CourseSession:
    """Schedule a session of a course given by the actor's academy."""
    if not can(actor, "manage", course) or actor.user_id is None:
        raise PermissionDenied(_("Only the academy giving the course schedules its sessions."))
    today = timezone.localdate()
    errors = Errors()
    if starts_on is None:
        errors.add("starts_on", _("This field is required."))
    elif starts_on < today:
        errors.add("starts_on", _("A session cannot start in the past."))
    if ends_on is None:
        errors.add("ends_on", _("This field is required."))
    elif starts_on is not None and ends_on < starts_on:
        errors.add("ends_on", _("The end comes before the start."))
    if language not in course.languages:
        errors.add("language", _("Choose one of the languages the course is taught in."))
    if (
        isinstance(capacity, bool)
        or not isinstance(capacity, int)
        or not 1 <= capacity <= MAX_CAPACITY
    ):
        errors.add("capacity", _("Between 1 and %(max)d places.") % {"max": MAX_CAPACITY})
    where = " ".join(str(place or "").split())[:200]
    if not online and not where:
        errors.add("place", _("Say where the session takes place, or that it is online."))
    if errors:
        prisons_refuse(actor=actor, event="session", errors=errors, obj=course)
    assert starts_on is not None and ends_on is not None and isinstance(capacity, int)
    with transaction.atomic():
        session = CourseSession.objects.create(
            course=course,
            starts_on=starts_on,
            ends_on=ends_on,
            online=online,
            place=where,
            language=language,
            capacity=capacity,
            created_by_id=actor.user_id,
        )
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=session,
            details={"course": course.code, "capacity": capacity},
        )
    return session


def enrolment_create(
    *, actor: Actor, session: CourseSession, participant: User | None = None
) -> Enrolment:
    """Enrol a member of the actor's prison staff (the actor by default) in a session,
    before it starts and while places remain. Enrolling twice is refused."""
    if not can_enrol_staff(actor) or actor.user_id is None or actor.institution_id is None:
        raise PermissionDenied(
            _("Only prison officers of institutions of the prison academies' network enrol.")
        )
    person = participant if participant is not None else User.objects.get(pk=actor.user_id)
    if (
        person.institution_id != actor.institution_id
        or not person.is_active
        or Role.PRISON_OFFICER not in person.role_codes
    ):
        prisons_refuse(
            actor=actor,
            event="enrol",
            errors={"participant": [_("Only prison staff of your institution can be enrolled.")]},
            obj=session,
        )
    if session.starts_on <= timezone.localdate():
        prisons_refuse(
            actor=actor,
            event="enrol",
            errors={"__all__": [_("Enrolment closes when the session starts.")]},
            obj=session,
        )
    with transaction.atomic():
        locked = CourseSession.objects.select_for_update().get(pk=session.pk)
        existing = Enrolment.objects.filter(session=locked, participant=person).first()
        taken = Enrolment.objects.filter(session=locked, status__in=list(SEAT_HOLDING)).count()
        problem = ""
        if existing is not None and existing.status != EnrolmentStatus.WITHDRAWN:
            problem = _("%(user)s is already enrolled in this session.") % {
                "user": person.get_username()
            }
        elif taken >= locked.capacity:
            problem = _("This session is full (%(capacity)d places).") % {
                "capacity": locked.capacity
            }
        if not problem:
            if existing is not None:
                existing.status, existing.enrolled_by_id = EnrolmentStatus.ENROLLED, actor.user_id
                existing.enrolled_at = timezone.now()
                existing.save(update_fields=["status", "enrolled_by", "enrolled_at"])
                enrolment = existing
            else:
                enrolment = Enrolment.objects.create(
                    session=locked,
                    participant=person,
                    institution_id=actor.institution_id,
                    enrolled_by_id=actor.user_id,
                )
            audit_record(
                actor=actor,
                action=AuditAction.COLLECT,
                obj=enrolment,
                details={"session": session.pk, "participant": person.get_username()},
            )
    if problem:
        prisons_refuse(actor=actor, event="enrol", errors={"__all__": [problem]}, obj=session)
    return enrolment


def enrolment_withdraw(*, actor: Actor, enrolment: Enrolment) -> Enrolment:
    """Withdraw from a session that has not started; the place is free again."""
    if not can(actor, "withdraw", enrolment):
        raise PermissionDenied(_("You may not withdraw this enrolment."))
    problem = ""
    if enrolment.status != EnrolmentStatus.ENROLLED:
        problem = _("Only an enrolment not yet completed is withdrawn.")
    elif enrolment.session.starts_on <= timezone.localdate():
        problem = _("The session has started: record its completion instead.")
    if problem:
        prisons_refuse(actor=actor, event="withdraw", errors={"__all__": [problem]}, obj=enrolment)
    with transaction.atomic():
        enrolment.status = EnrolmentStatus.WITHDRAWN
        enrolment.save(update_fields=["status"])
        audit_record(
            actor=actor, action=AuditAction.ALTER, obj=enrolment, details={"event": "withdraw"}
        )
    return enrolment


def enrolment_complete(
    *, actor: Actor, enrolment: Enrolment, attended: bool, certificate: bool = False
) -> Enrolment:
    """The academy records whether the participant attended a session that has started,
    and issues a certificate to those who did."""
    if not can(actor, "complete", enrolment) or actor.user_id is None:
        raise PermissionDenied(_("Only the academy giving the course records completion."))
    errors = Errors()
    if enrolment.status != EnrolmentStatus.ENROLLED:
        errors.add("__all__", _("Completion is recorded once, for an enrolment still open."))
    elif enrolment.session.starts_on > timezone.localdate():
        errors.add("__all__", _("The session has not started yet."))
    if certificate and not attended:
        errors.add("certificate", _("A certificate goes to those who attended."))
    if errors:
        prisons_refuse(actor=actor, event="complete", errors=errors, obj=enrolment)
    with transaction.atomic():
        enrolment.status = EnrolmentStatus.ATTENDED if attended else EnrolmentStatus.ABSENT
        enrolment.completed_at, enrolment.completed_by_id = timezone.now(), actor.user_id
        if certificate:
            code = enrolment.session.course.code.upper()
            enrolment.certificate_number = f"RAP-{code}-{enrolment.session_id}-{enrolment.pk}"[:40]
        enrolment.save(
            update_fields=["status", "completed_at", "completed_by", "certificate_number"]
        )
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=enrolment,
            details={"event": "complete", "attended": attended, "certificate": certificate},
        )
    return enrolment
