"""Who reads and writes the policy cycle.

- Cycles, priorities, goals, plans, actions and indicator entries (aggregates, no personal
  data): read by every signed-in user with an operational role, and by platform
  administrators.
- Cycles, priorities, goals and plans: managed by platform administrators.
- Actions of a plan: managed by the policy coordinators of its driver and co-driver
  countries; one action also by its named action leader and the policy coordinators of its
  leader country; platform administrators manage all.
- Threat assessments: read by policy coordinators and platform administrators; answered and
  changed by the policy coordinators of the assessed country only.
- Indicator entries: entered and changed by the policy coordinators of the entry's country,
  for actions of plans their country takes part in.
Everything else is denied; a record one may not see answers 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from paccto.core.choices import Role
from paccto.core.permissions import Actor, register_policy
from paccto.policy.models import (
    Action,
    ActionPlan,
    IndicatorEntry,
    PolicyCycle,
    Priority,
    StrategicGoal,
    ThreatAssessment,
)


def can_read_policy(actor: Actor) -> bool:
    """Operational roles and platform administrators read the dashboards of aggregates."""
    return actor.is_authenticated and (actor.is_operational or actor.has_role(Role.PLATFORM_ADMIN))


def can_manage_cycles(actor: Actor) -> bool:
    """Platform administrators create cycles, priorities, goals and plans."""
    return actor.is_authenticated and actor.has_role(Role.PLATFORM_ADMIN)


def is_policy_coordinator(actor: Actor) -> bool:
    return actor.country_id is not None and actor.has_role(Role.POLICY_COORDINATOR)


def can_contribute(actor: Actor) -> bool:
    """Policy coordinators answer their country's threat assessments and enter indicators."""
    return is_policy_coordinator(actor)


def plan_country_q(actor: Actor, prefix: str = "") -> Q:
    """Plans the actor's country takes part in (driver, co-driver, participant or leader
    of one of its actions)."""
    country = actor.country_id
    return (
        Q(**{f"{prefix}driver_id": country})
        | Q(**{f"{prefix}co_drivers": country})
        | Q(**{f"{prefix}participants": country})
        | Q(**{f"{prefix}actions__leader_country_id": country})
    )


class ReadManagePolicy:
    """view: readers of the policy cycle; manage: platform administrators."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action == "view" and can_read_policy(actor):
            return queryset
        if action == "manage" and can_manage_cycles(actor):
            return queryset
        return queryset.none()


class ActionPlanPolicy(ReadManagePolicy):
    """As the cycle, plus ``manage_actions``: platform administrators and the policy
    coordinators of the driver and co-driver countries."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action != "manage_actions":
            return super().filter(actor, queryset, action)
        if can_manage_cycles(actor):
            return queryset
        if not is_policy_coordinator(actor):
            return queryset.none()
        drivers = Q(driver_id=actor.country_id) | Q(co_drivers=actor.country_id)
        return queryset.filter(pk__in=ActionPlan.objects.filter(drivers).values("pk"))


class ActionPolicy:
    """view: readers; change: platform administrators, coordinators of the plan's driver and
    co-driver countries, the action leader and coordinators of the leader country;
    report (enter indicators): coordinators of a country taking part in the plan."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action == "view":
            return queryset if can_read_policy(actor) else queryset.none()
        if action == "change":
            if can_manage_cycles(actor):
                return queryset
            own = Q(leader_id=actor.user_id) if actor.user_id is not None else Q(pk__in=[])
            if is_policy_coordinator(actor):
                drivers = ActionPlan.objects.filter(
                    Q(driver_id=actor.country_id) | Q(co_drivers=actor.country_id)
                ).values("pk")
                own |= Q(plan_id__in=drivers) | Q(leader_country_id=actor.country_id)
            return queryset.filter(pk__in=Action.objects.filter(own).values("pk"))
        if action == "report" and is_policy_coordinator(actor):
            plans = ActionPlan.objects.filter(plan_country_q(actor)).values("pk")
            return queryset.filter(plan_id__in=plans)
        return queryset.none()


class ThreatAssessmentPolicy:
    """view: policy coordinators and platform administrators; change: coordinators of the
    assessed country."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action == "view" and (is_policy_coordinator(actor) or can_manage_cycles(actor)):
            return queryset
        if action == "change" and is_policy_coordinator(actor):
            return queryset.filter(country_id=actor.country_id)
        return queryset.none()


class IndicatorEntryPolicy:
    """view: readers; change (correct, delete): coordinators of the entry's country."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action == "view":
            return queryset if can_read_policy(actor) else queryset.none()
        if action == "change" and is_policy_coordinator(actor):
            return queryset.filter(country_id=actor.country_id)
        return queryset.none()


register_policy(PolicyCycle, ReadManagePolicy())
register_policy(Priority, ReadManagePolicy())
register_policy(StrategicGoal, ReadManagePolicy())
register_policy(ActionPlan, ActionPlanPolicy())
register_policy(Action, ActionPolicy())
register_policy(ThreatAssessment, ThreatAssessmentPolicy())
register_policy(IndicatorEntry, IndicatorEntryPolicy())
