"""Writes to joint investigation teams: the agreement, membership, tasks, meetings and the
closing evaluation. Once closed, a team's space is read-only: every write is refused with
a clear error, changes nothing, and the attempt is audited."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.accounts.models import User
from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.cases.choices import JitStatus, MemberFunction, TaskStatus
from paccto.cases.models import (
    Case,
    Jit,
    JitEvaluation,
    JitEvaluationStatement,
    JitMeeting,
    JitMember,
    JitParty,
    JitTask,
)
from paccto.cases.permissions import actor_user_id, can_close_jit, can_create_jit, can_manage_jit
from paccto.core.choices import Sector
from paccto.core.models import Institution
from paccto.core.permissions import OPERATIONAL_ROLES, Actor

SECTOR_FUNCTIONS = {
    Sector.POLICE: MemberFunction.POLICE,
    Sector.CUSTOMS: MemberFunction.POLICE,
    Sector.FIU: MemberFunction.ANALYST,
    Sector.PROSECUTION: MemberFunction.PROSECUTOR,
    Sector.CENTRAL_AUTHORITY: MemberFunction.PROSECUTOR,
    Sector.JUDICIARY: MemberFunction.JUDGE,
}


def jit_refuse_if_closed(*, actor: Actor, jit: Jit, attempt: str) -> None:
    """Refuse any write to a closed team, and audit the attempt (in its own transaction:
    the refusal itself changes nothing else)."""
    if not Jit.objects.filter(pk=jit.pk, status=JitStatus.CLOSED).exists():
        return
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=jit,
            details={"refused": "jit_closed", "attempt": attempt},
        )
    raise ValidationError(_("This joint investigation team is closed: its space is read-only."))


def _member_ids(jit: Jit) -> set[int]:
    return set(jit.members.filter(left_at__isnull=True).values_list("user_id", flat=True))


def _require_member(jit: Jit, user: User | None, field: str) -> None:
    if user is None or user.pk not in _member_ids(jit):
        raise ValidationError({field: [_("Choose a member of the team.")]})


def _resolve_parties(party_ids: list[int]) -> list[Institution]:
    ids = sorted({int(i) for i in party_ids})
    found = list(Institution.objects.filter(pk__in=ids).select_related("country"))
    unknown = sorted(set(ids) - {i.pk for i in found})
    if unknown:
        raise ValidationError(
            {
                "parties": [
                    _("Unknown institution: %(ids)s.") % {"ids": ", ".join(map(str, unknown))}
                ]
            }
        )
    return found


def _resolve_member(username: str, parties: dict[int, Institution], field: str = "members") -> User:
    user = (
        User.objects.filter(username=username.strip(), is_active=True)
        .select_related("institution")
        .first()
    )
    if (
        user is None
        or user.institution_id not in parties
        or not set(user.role_codes) & OPERATIONAL_ROLES
    ):
        raise ValidationError(
            {
                field: [
                    _(
                        "No active user with an operational role in a party institution is "
                        "called “%(username)s”."
                    )
                    % {"username": username.strip()[:150]}
                ]
            }
        )
    return user


def _institution_id(user: User) -> int:
    if user.institution_id is None:  # members are resolved among party institutions
        raise ValidationError(_("This person belongs to no institution."))
    return user.institution_id


def _function(user: User, function: str) -> str:
    if function:
        if function not in MemberFunction.values:
            raise ValidationError({"function": [_("Choose one of the allowed values.")]})
        return function
    sector = Sector(user.institution.sector) if user.institution else None
    return str(SECTOR_FUNCTIONS.get(sector, MemberFunction.EXPERT)) if sector else "expert"


def _countries(users: list[User]) -> set[str]:
    return {u.institution.country_id for u in users if u.institution is not None}


def jit_create(
    *,
    actor: Actor,
    name: str,
    legal_basis: str,
    purpose: str,
    start_date: date,
    end_date: date,
    party_ids: list[int],
    members: list[tuple[str, str]],
    leader: str,
    administrator: str = "",
    legal_basis_text: str = "",
    case: Case | None = None,
) -> Jit:
    """Set up a team under its agreement: party institutions of at least two countries, and
    members (username, function) of party institutions from at least two countries. The
    actor's institution is a party and the actor a member (the administrator unless
    another member is named)."""
    if not can_create_jit(actor) or actor.user_id is None:
        raise PermissionDenied(_("You may not set up joint investigation teams."))
    errors: dict[str, list[str]] = {}
    parties = {p.pk: p for p in _resolve_parties(party_ids)}
    if len({p.country_id for p in parties.values()}) < 2:
        errors["parties"] = [_("The parties must come from at least two countries.")]
    if actor.institution_id not in parties:
        errors.setdefault("parties", []).append(_("Your own institution must be a party."))
    if errors:
        raise ValidationError(errors)
    chosen: dict[int, tuple[User, str]] = {}
    for username, function in members:
        if not username.strip():
            continue
        user = _resolve_member(username, parties)
        chosen[user.pk] = (user, _function(user, function))
    if actor.user_id not in chosen:
        me = User.objects.select_related("institution").get(pk=actor.user_id)
        chosen[me.pk] = (me, _function(me, ""))
    users = [u for u, _f in chosen.values()]
    if len(_countries(users)) < 2:
        raise ValidationError(
            {"members": [_("The members must come from at least two countries.")]}
        )
    by_name = {u.username: u for u in users}
    leader_user = by_name.get(leader.strip())
    admin_user = (
        by_name.get(administrator.strip()) if administrator.strip() else by_name.get(actor.username)
    )
    if leader_user is None:
        errors["leader"] = [_("Choose a member of the team.")]
    if admin_user is None:
        errors["administrator"] = [_("Choose a member of the team.")]
    jit = Jit(
        name=name.strip(),
        case=case,
        legal_basis=legal_basis,
        legal_basis_text=legal_basis_text.strip(),
        purpose=purpose.strip(),
        start_date=start_date,
        end_date=end_date,
        leader=leader_user,
        administrator=admin_user,
        created_by_id=actor_user_id(actor),
    )
    try:
        jit.full_clean(exclude=[k for k in ("leader", "administrator") if k in errors])
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        jit.save()
        JitParty.objects.bulk_create([JitParty(jit=jit, institution=p) for p in parties.values()])
        JitMember.objects.bulk_create(
            [
                JitMember(
                    jit=jit,
                    user=u,
                    institution_id=_institution_id(u),
                    function=f,
                    added_by_id=actor_user_id(actor),
                )
                for u, f in chosen.values()
            ]
        )
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=jit,
            recipients=[f"user:{u.pk}" for u in users],
            details={
                "parties": sorted(parties),
                "countries": sorted({p.country_id for p in parties.values()}),
                "legal_basis": legal_basis,
                "case": case.pk if case else None,
            },
        )
    return jit


def jit_add_member(*, actor: Actor, jit: Jit, username: str, function: str = "") -> JitMember:
    """Add a person of a party institution to the team (the space administrator)."""
    if not can_manage_jit(actor, jit):
        raise PermissionDenied(_("Only the space administrator manages the members."))
    jit_refuse_if_closed(actor=actor, jit=jit, attempt="member_add")
    parties = {p.institution_id: p.institution for p in jit.parties.select_related("institution")}
    user = _resolve_member(username, parties, field="username")
    function = _function(user, function)
    member = JitMember.objects.filter(jit=jit, user=user).first()
    if member is not None and member.left_at is None:
        raise ValidationError({"username": [_("This person is already a member.")]})
    with transaction.atomic():
        if member is None:
            member = JitMember.objects.create(
                jit=jit,
                user=user,
                institution_id=_institution_id(user),
                function=function,
                added_by_id=actor_user_id(actor),
            )
        else:
            member.left_at, member.function = None, function
            member.added_by_id, member.added_at = actor_user_id(actor), timezone.now()
            member.institution_id = _institution_id(user)
            member.save(
                update_fields=["left_at", "function", "added_by", "added_at", "institution"]
            )
        audit_record(
            actor=actor,
            action=AuditAction.DISCLOSE,
            obj=jit,
            recipients=[f"user:{user.pk}"],
            details={"member_added": user.pk, "function": function},
        )
    return member


def jit_remove_member(*, actor: Actor, jit: Jit, member: JitMember) -> None:
    """Take a person out of the team (the space administrator). The leader and the
    administrator stay, and so do members from at least two countries."""
    if not can_manage_jit(actor, jit):
        raise PermissionDenied(_("Only the space administrator manages the members."))
    jit_refuse_if_closed(actor=actor, jit=jit, attempt="member_remove")
    if member.jit_id != jit.pk or member.left_at is not None:
        raise ValidationError(_("This person is not a member."))
    if member.user_id in (jit.leader_id, jit.administrator_id):
        raise ValidationError(_("The leader and the space administrator stay members."))
    remaining = jit.members.filter(left_at__isnull=True).exclude(pk=member.pk)
    if remaining.values("institution__country_id").distinct().count() < 2:
        raise ValidationError(_("The members must come from at least two countries."))
    with transaction.atomic():
        member.left_at = timezone.now()
        member.save(update_fields=["left_at"])
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=jit,
            details={"member_removed": member.user_id},
        )


def jit_task_create(
    *,
    actor: Actor,
    jit: Jit,
    title: str,
    assignee: User | None,
    due_date: date,
    description: str = "",
) -> JitTask:
    """Give a member something to do by a date."""
    jit_refuse_if_closed(actor=actor, jit=jit, attempt="task_create")
    _require_member(jit, assignee, "assignee")
    task = JitTask(
        jit=jit,
        title=title.strip(),
        description=description.strip(),
        assignee=assignee,
        due_date=due_date,
        created_by_id=actor_user_id(actor),
    )
    task.full_clean()
    with transaction.atomic():
        task.save()
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=task,
            details={"jit": jit.pk, "assignee": assignee.pk if assignee else None},
        )
    return task


def jit_task_update(
    *,
    actor: Actor,
    task: JitTask,
    status: str | None = None,
    assignee: User | None = None,
    due_date: date | None = None,
) -> JitTask:
    """Move a task on: its status, assignee or due date."""
    jit = task.jit
    jit_refuse_if_closed(actor=actor, jit=jit, attempt="task_update")
    changed: dict[str, Any] = {}
    if status is not None:
        if status not in TaskStatus.values:
            raise ValidationError({"status": [_("Choose one of the allowed values.")]})
        task.status, changed["status"] = status, status
    if assignee is not None:
        _require_member(jit, assignee, "assignee")
        task.assignee, changed["assignee"] = assignee, assignee.pk
    if due_date is not None:
        task.due_date, changed["due_date"] = due_date, due_date.isoformat()
    task.updated_at = timezone.now()
    with transaction.atomic():
        task.save(update_fields=[*changed, "updated_at"])
        audit_record(actor=actor, action=AuditAction.ALTER, obj=task, details=changed)
    return task


def jit_meeting_create(
    *,
    actor: Actor,
    jit: Jit,
    held_at: datetime,
    title: str,
    attendees: list[User],
    minutes: str,
) -> JitMeeting:
    """Record an operational meeting, its attendees (members) and its minutes."""
    jit_refuse_if_closed(actor=actor, jit=jit, attempt="meeting_create")
    members = _member_ids(jit)
    if not attendees:
        raise ValidationError({"attendees": [_("Name at least one attendee.")]})
    if any(u.pk not in members for u in attendees):
        raise ValidationError({"attendees": [_("Every attendee must be a member of the team.")]})
    meeting = JitMeeting(
        jit=jit,
        held_at=held_at,
        title=title.strip(),
        minutes=minutes.strip(),
        recorded_by_id=actor_user_id(actor),
    )
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        meeting.attendees.set(attendees)
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=meeting,
            details={"jit": jit.pk, "attendees": sorted(u.pk for u in attendees)},
        )
    return meeting


def jit_close(
    *,
    actor: Actor,
    jit: Jit,
    objectives_met: str,
    cooperation_quality: str,
    lessons_learned: str,
    legal_obstacles: str = "",
    statements: dict[int, str] | None = None,
) -> JitEvaluation:
    """Close the team with its joint evaluation (the administrator or the leader): the
    objectives, the legal obstacles met, the quality of cooperation, the lessons learned
    and each party's own statement. The space is read-only afterwards."""
    if not can_close_jit(actor, jit):
        raise PermissionDenied(_("Only the leader or the space administrator closes the team."))
    jit_refuse_if_closed(actor=actor, jit=jit, attempt="close")
    party_ids = set(jit.parties.values_list("institution_id", flat=True))
    statements = {int(k): (v or "").strip() for k, v in (statements or {}).items()}
    if set(statements) - party_ids:
        raise ValidationError({"statements": [_("A statement may only come from a party.")]})
    evaluation = JitEvaluation(
        jit=jit,
        objectives_met=objectives_met,
        cooperation_quality=cooperation_quality,
        lessons_learned=lessons_learned.strip(),
        legal_obstacles=legal_obstacles.strip(),
        submitted_by_id=actor_user_id(actor),
    )
    evaluation.full_clean(exclude=["jit"])
    with transaction.atomic():
        locked = Jit.objects.select_for_update().get(pk=jit.pk)
        if locked.status == JitStatus.CLOSED:
            raise ValidationError(
                _("This joint investigation team is closed: its space is read-only.")
            )
        evaluation.save()
        JitEvaluationStatement.objects.bulk_create(
            [
                JitEvaluationStatement(evaluation=evaluation, institution_id=pk, text=text)
                for pk, text in sorted(statements.items())
                if text
            ]
        )
        jit.status, jit.closed_at = JitStatus.CLOSED, timezone.now()
        jit.save(update_fields=["status", "closed_at"])
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=jit,
            details={"closed": True, "objectives_met": objectives_met},
        )
    return evaluation
