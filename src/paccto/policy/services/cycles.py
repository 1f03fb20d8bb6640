"""Writes of the cycle's structure: cycles, priorities, goals, plans and actions, and the
threat assessments of national contributors. Each writes its audit record in the same
transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from paccto.accounts.models import User
from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.choices import CriminalMarket
from paccto.core.models import Country
from paccto.core.permissions import OPERATIONAL_ROLES, Actor, can
from paccto.policy import scoring
from paccto.policy.choices import (
    CYCLE_STATUS_NEXT,
    PRIORITY_RANK_MAX,
    ActionStatus,
    AssessmentStatus,
    CycleStatus,
)
from paccto.policy.models import (
    Action,
    ActionPlan,
    PolicyCycle,
    Priority,
    StrategicGoal,
    ThreatAssessment,
)
from paccto.policy.permissions import can_contribute, can_manage_cycles

ANSWER_REASONS = {
    "missing": gettext_lazy("Answer this question."),
    "unknown": gettext_lazy("This question is not part of the questionnaire."),
    "range": gettext_lazy("Answer with a level from 0 to 4."),
}


def _require_admin(actor: Actor) -> None:
    if not can_manage_cycles(actor):
        raise PermissionDenied(_("Only platform administrators manage policy cycles."))


def _require_open(cycle: PolicyCycle) -> None:
    """A closed cycle is the record of what was done: nothing is added to it any more."""
    if cycle.status == CycleStatus.CLOSED:
        raise ValidationError(_("This cycle is closed: nothing more can be added to it."))


def _save(obj: Any, actor: Actor, action: str, details: dict[str, Any]) -> None:
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
            audit_record(actor=actor, action=action, obj=obj, details=details)
    except IntegrityError as exc:
        raise ValidationError(_("This record already exists.")) from exc


def cycle_create(
    *,
    actor: Actor,
    name: str,
    start_date: date,
    end_date: date,
    status: str = CycleStatus.PLANNING,
    description: str = "",
) -> PolicyCycle:
    """Open a policy cycle (platform administrators)."""
    _require_admin(actor)
    if PolicyCycle.objects.filter(name=name.strip()).exists():
        raise ValidationError({"name": [_("A cycle with this name exists already.")]})
    cycle = PolicyCycle(
        name=name.strip(),
        start_date=start_date,
        end_date=end_date,
        status=status,
        description=description,
    )
    _save(cycle, actor, AuditAction.ADMINISTER, {"cycle": cycle.name})
    return cycle


def cycle_next_statuses(cycle: PolicyCycle) -> list[str]:
    """The statuses a cycle may move to next (``choices.CYCLE_STATUS_NEXT``)."""
    return list(CYCLE_STATUS_NEXT.get(cycle.status, ()))


def _status_refusal(current: str, status: str) -> str | None:
    """Why a cycle with status ``current`` may not move to ``status``, or None if it may."""
    if status not in CycleStatus.values:
        return _("Choose one of the allowed values.")
    if status == current:
        return _("The cycle's status is “%(status)s” already.") % {
            "status": CycleStatus(status).label
        }
    if current == CycleStatus.CLOSED:
        return _("A closed cycle stays closed: its status cannot change any more.")
    if status not in CYCLE_STATUS_NEXT[current]:
        return _(
            "A cycle's status moves forward only, from planning to active to closed: it "
            "cannot go back from “%(from)s” to “%(to)s”."
        ) % {"from": CycleStatus(current).label, "to": CycleStatus(status).label}
    return None


def cycle_status_set(
    *, actor: Actor, cycle: PolicyCycle, status: str, justification: str = ""
) -> PolicyCycle:
    """Move a cycle to its next status (platform administrators): forward only, planning to
    active to closed, or planning straight to closed for a cycle that never started; a
    closed cycle stays closed. The move is checked against the stored cycle, locked, so two
    administrators acting at once cannot both move it.

    Closing asks for nothing more, on purpose: the end date says when a cycle runs, the
    status what may still be added to it. A cycle may close before its end date (replaced
    by the next one), and figures of its last periods are still reported after it closed
    (``indicator_entry_create`` does not look at the status), so no date rule would hold."""
    _require_admin(actor)
    justification = justification.strip()[:500]
    with transaction.atomic():
        locked = PolicyCycle.objects.select_for_update().get(pk=cycle.pk)
        current = locked.status
        refusal = _status_refusal(current, status)
        if refusal is not None:
            raise ValidationError({"status": [refusal]})
        locked.status = status
        locked.full_clean()
        locked.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action=AuditAction.ADMINISTER,
            obj=locked,
            justification=justification,
            details={"cycle": locked.name, "status": {"from": current, "to": status}},
        )
    cycle.status = status
    return cycle


def priority_create(
    *,
    actor: Actor,
    cycle: PolicyCycle,
    criminal_market: str,
    title: str,
    rationale: str = "",
    rank: int = 1,
) -> Priority:
    """Make a criminal market a priority of the cycle, ranked from 1 (first) to
    ``PRIORITY_RANK_MAX`` (platform administrators), while the cycle is not closed."""
    _require_admin(actor)
    _require_open(cycle)
    if criminal_market not in CriminalMarket.values:
        raise ValidationError({"criminal_market": [_("Unknown criminal market.")]})
    if not 1 <= rank <= PRIORITY_RANK_MAX:
        raise ValidationError(
            {"rank": [_("Choose a rank from 1 to %(max)s.") % {"max": PRIORITY_RANK_MAX}]}
        )
    if cycle.priorities.filter(criminal_market=criminal_market).exists():
        raise ValidationError(
            {"criminal_market": [_("This criminal market is a priority of the cycle already.")]}
        )
    priority = Priority(
        cycle=cycle, criminal_market=criminal_market, title=title, rationale=rationale, rank=rank
    )
    _save(priority, actor, AuditAction.ADMINISTER, {"market": criminal_market})
    return priority


def goal_create(*, actor: Actor, priority: Priority, code: str, title: str) -> StrategicGoal:
    """Add a strategic goal to a priority (platform administrators), while its cycle is not
    closed."""
    _require_admin(actor)
    _require_open(priority.cycle)
    if priority.goals.filter(code=code).exists():
        raise ValidationError({"code": [_("This code is used already.")]})
    goal = StrategicGoal(priority=priority, code=code, title=title)
    _save(goal, actor, AuditAction.ADMINISTER, {"code": code})
    return goal


def _countries(codes: Iterable[str], field: str) -> list[Country]:
    codes = sorted(set(codes))
    found = list(Country.objects.filter(code__in=codes))
    if len(found) != len(codes):
        raise ValidationError({field: [_("Unknown country.")]})
    return found


def plan_create(
    *,
    actor: Actor,
    priority: Priority,
    code: str,
    title: str,
    driver: str,
    co_drivers: Iterable[str] = (),
    participants: Iterable[str] = (),
    goal_ids: Iterable[int] = (),
) -> ActionPlan:
    """Adopt an operational action plan for a priority, with its driver, co-driver and
    participant countries (platform administrators), while its cycle is not closed. A
    country has one place in a plan: a participant is not also its driver or a co-driver."""
    _require_admin(actor)
    _require_open(priority.cycle)
    driver_country = Country.objects.filter(code=driver).first()
    if driver_country is None:
        raise ValidationError({"driver": [_("Unknown country.")]})
    co = _countries(co_drivers, "co_drivers")
    if driver_country in co:
        raise ValidationError({"co_drivers": [_("The driver country cannot also co-drive.")]})
    parts = _countries(participants, "participants")
    if driver_country in parts or set(co) & set(parts):
        raise ValidationError(
            {"participants": [_("A participant country cannot also drive or co-drive the plan.")]}
        )
    goals = list(priority.goals.filter(pk__in=list(goal_ids)))
    if len(goals) != len(set(goal_ids)):
        raise ValidationError({"goals": [_("Choose goals of this priority.")]})
    if ActionPlan.objects.filter(code=code).exists():
        raise ValidationError({"code": [_("This code is used already.")]})
    plan = ActionPlan(priority=priority, code=code, title=title, driver=driver_country)
    plan.full_clean()
    try:
        # A savepoint: a plan of the same code saved by a concurrent request since the check
        # above is refused by the unique constraint, and leaves nothing of this one behind.
        with transaction.atomic():
            plan.save()
            plan.co_drivers.set(co)
            plan.participants.set(parts)
            plan.goals.set(goals)
            audit_record(
                actor=actor,
                action=AuditAction.ADMINISTER,
                obj=plan,
                details={"driver": driver, "co_drivers": sorted(c.code for c in co)},
            )
    except IntegrityError as exc:
        if not ActionPlan.objects.filter(code=code).exists():
            raise
        raise ValidationError({"code": [_("This code is used already.")]}) from exc
    return plan


ACTION_FIELDS = (
    "title",
    "description",
    "start_date",
    "end_date",
    "status",
    "leader_country",
    "leader",
)


def _leader_country(plan: ActionPlan, code: str) -> Country:
    """The country leading an action: one taking part in its plan (driver, co-driver or
    participant)."""
    country = Country.objects.filter(code=code).first()
    if country is None:
        raise ValidationError({"leader_country": [_("Unknown country.")]})
    taking_part = {plan.driver_id}
    taking_part |= {c.pk for c in plan.co_drivers.all()}
    taking_part |= {c.pk for c in plan.participants.all()}
    if country.pk not in taking_part:
        raise ValidationError(
            {
                "leader_country": [
                    _(
                        "The leader country must take part in the plan: its driver, a "
                        "co-driver or a participant."
                    )
                ]
            }
        )
    return country


def _action_leader(username: str, country: str) -> User | None:
    """The named action leader: an active official with an operational role in the leader
    country, or nobody for an empty name. A user elsewhere, or none, gets the same answer."""
    name = username.strip()
    if not name:
        return None
    user = (
        User.objects.filter(username=name, is_active=True, institution__country_id=country)
        .prefetch_related("role_assignments")
        .first()
    )
    if user is None or not set(user.role_codes) & OPERATIONAL_ROLES:
        raise ValidationError(
            {
                "leader": [
                    _(
                        "No active user with an operational role in the leader country is "
                        "called “%(username)s”."
                    )
                    % {"username": name[:150]}
                ]
            }
        )
    return user


def _check_action_dates(plan: ActionPlan, start: date, end: date) -> None:
    cycle = plan.priority.cycle
    errors: dict[str, list[str]] = {}
    if end < start:
        errors["end_date"] = [_("The end date comes before the start date.")]
    if not cycle.start_date <= start <= cycle.end_date:
        errors["start_date"] = [_("The date is outside the cycle.")]
    if not cycle.start_date <= end <= cycle.end_date:
        errors.setdefault("end_date", []).append(_("The date is outside the cycle."))
    if errors:
        raise ValidationError(errors)


def action_create(
    *,
    actor: Actor,
    plan: ActionPlan,
    code: str,
    title: str,
    leader_country: str,
    start_date: date,
    end_date: date,
    description: str = "",
    status: str = ActionStatus.PLANNED,
    leader: str = "",
) -> Action:
    """Add an action to a plan (its drivers and co-drivers, platform administrators), while
    its cycle is not closed: led by a country taking part in the plan and, when one is
    named, by an action leader (the username of an official of that country)."""
    if not can(actor, "manage_actions", plan):
        raise PermissionDenied(_("You may not manage the actions of this plan."))
    _require_open(plan.priority.cycle)
    country = _leader_country(plan, leader_country)
    leader_user = _action_leader(leader, country.pk)
    if status not in ActionStatus.values:
        raise ValidationError({"status": [_("Choose one of the allowed values.")]})
    _check_action_dates(plan, start_date, end_date)
    if plan.actions.filter(code=code).exists():
        raise ValidationError({"code": [_("This code is used already.")]})
    action = Action(
        plan=plan,
        code=code,
        title=title,
        description=description,
        leader_country=country,
        leader=leader_user,
        start_date=start_date,
        end_date=end_date,
        status=status,
    )
    _save(action, actor, AuditAction.COLLECT, {"plan": plan.code, "code": code})
    return action


def action_update(*, actor: Actor, action: Action, **changes: Any) -> Action:
    """Change an action's title, description, dates, status, leader country (one taking
    part in the plan) or action leader (a username of the leader country, empty for none);
    whoever manages it: ``change`` on the action."""
    if not can(actor, "change", action):
        raise PermissionDenied(_("You may not change this action."))
    unknown = set(changes) - set(ACTION_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    if "status" in changes and changes["status"] not in ActionStatus.values:
        raise ValidationError({"status": [_("Choose one of the allowed values.")]})
    fields = sorted(changes)
    country_id = action.leader_country_id
    if "leader_country" in changes:
        changes["leader_country"] = _leader_country(action.plan, changes["leader_country"])
        country_id = changes["leader_country"].pk
    if "leader" in changes:
        changes["leader"] = _action_leader(changes["leader"], country_id)
    elif "leader_country" in changes and action.leader is not None:
        # A named leader stays only as an official of the new leader country.
        _action_leader(action.leader.username, country_id)
    for name, value in changes.items():
        setattr(action, name, value)
    _check_action_dates(action.plan, action.start_date, action.end_date)
    action.updated_at = timezone.now()
    action.full_clean()
    with transaction.atomic():
        action.save(update_fields=[*fields, "updated_at"])
        audit_record(
            actor=actor, action=AuditAction.ALTER, obj=action, details={"fields": sorted(fields)}
        )
    return action


def assessment_save(
    *,
    actor: Actor,
    cycle: PolicyCycle,
    criminal_market: str,
    answers: dict[str, object],
    comment: str = "",
    submit: bool = False,
) -> ThreatAssessment:
    """Answer (or change) the actor's country's threat assessment of one criminal market,
    scored with ``policy.scoring``; ``submit`` marks it final. Policy coordinators only, for
    their own country, while the cycle is not closed."""
    if not can_contribute(actor) or actor.user_id is None or actor.country_id is None:
        raise PermissionDenied(_("Only policy coordinators contribute threat assessments."))
    if criminal_market not in CriminalMarket.values:
        raise ValidationError({"criminal_market": [_("Unknown criminal market.")]})
    if cycle.status == CycleStatus.CLOSED:
        raise ValidationError(_("This cycle is closed."))
    try:
        score = scoring.threat_score(answers)
    except scoring.AnswerError as exc:
        raise ValidationError({exc.criterion: [str(ANSWER_REASONS[exc.reason])]}) from exc
    checked = scoring.check_answers(answers)
    with transaction.atomic():
        assessment, created = ThreatAssessment.objects.select_for_update().get_or_create(
            cycle=cycle,
            country_id=actor.country_id,
            criminal_market=criminal_market,
            defaults={"contributed_by_id": actor.user_id, "level": score.level},
        )
        if assessment.status == AssessmentStatus.SUBMITTED and not created:
            raise ValidationError(_("This assessment was submitted and can no longer change."))
        assessment.answers = checked
        assessment.score = Decimal(str(score.value))
        assessment.level = score.level
        assessment.comment = comment
        assessment.contributed_by_id = actor.user_id
        assessment.status = AssessmentStatus.SUBMITTED if submit else AssessmentStatus.DRAFT
        assessment.updated_at = timezone.now()
        assessment.full_clean()
        assessment.save()
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT if created else AuditAction.ALTER,
            obj=assessment,
            details={"score": score.value, "level": score.level, "status": assessment.status},
        )
    return assessment
