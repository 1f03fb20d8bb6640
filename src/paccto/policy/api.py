"""The policy cycle in the API: cycles and their dashboards (aggregates), priorities, plans
and actions, indicator entries and threat assessments; the public statistics need no
sign-in. Records one may not see answer 404."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from paccto.api.auth import require_write
from paccto.core.choices import CriminalMarket
from paccto.core.permissions import actor_for
from paccto.policy import selectors, services
from paccto.policy.models import Action, ActionPlan, IndicatorEntry, PolicyCycle
from paccto.policy.permissions import can_contribute
from paccto.policy.schemas import (
    ActionIn,
    ActionOut,
    ActionPatch,
    AssessmentIn,
    AssessmentOut,
    CycleIn,
    CycleOut,
    CycleStatusIn,
    DashboardOut,
    EntryIn,
    EntryOut,
    GoalIn,
    GoalOut,
    PlanIn,
    PlanOut,
    PriorityIn,
    PriorityOut,
    PublicStatisticsOut,
)
from paccto.policy.services import EntryData

router = Router(tags=["policy cycle"])


class ScopeQuery(Schema):
    market: str = ""
    country: str = ""
    region: str = ""
    grouping: str = ""


def _cycle_out(cycle: PolicyCycle) -> dict[str, Any]:
    return {
        "id": cycle.pk,
        "name": cycle.name,
        "start_date": cycle.start_date,
        "end_date": cycle.end_date,
        "status": cycle.status,
        "description": cycle.description,
    }


def _plan_out(plan: ActionPlan) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "code": plan.code,
        "title": plan.title,
        "priority_id": plan.priority_id,
        "driver": plan.driver_id,
        "co_drivers": sorted(c.code for c in plan.co_drivers.all()),
        "participants": sorted(c.code for c in plan.participants.all()),
        "progress": selectors.plan_progress([plan])[0].percent,
    }


def _action_out(action: Action) -> dict[str, Any]:
    return {
        "id": action.pk,
        "plan_id": action.plan_id,
        "code": action.code,
        "title": action.title,
        "description": action.description,
        "leader_country": action.leader_country_id,
        "leader": action.leader.username if action.leader else "",
        "start_date": action.start_date,
        "end_date": action.end_date,
        "status": action.status,
    }


def _entry_out(entry: IndicatorEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "action_id": entry.action_id,
        "country": entry.country_id,
        "indicator": entry.kind,
        "unit": entry.unit,
        "value": entry.value,
        "period_start": entry.period_start,
        "period_end": entry.period_end,
        "drug_type": entry.drug_type,
        "sex": entry.sex,
        "age_group": entry.age_group,
        "note": entry.note,
    }


@router.get("/policy/cycles", response=list[CycleOut])
def policy_cycle_list(request: HttpRequest):
    """The policy cycles (readers of the policy cycle)."""
    return [_cycle_out(c) for c in selectors.cycle_list(actor=actor_for(request.user))]


@router.post("/policy/cycles", response={201: CycleOut})
def policy_cycle_create(request: HttpRequest, body: CycleIn):
    """Open a cycle (platform administrators)."""
    require_write(request)
    cycle = services.cycle_create(actor=actor_for(request.user), **body.dict())
    return Status(201, _cycle_out(cycle))


@router.post("/policy/cycles/{int:cycle_id}/status", response=CycleOut)
def policy_cycle_status_set(request: HttpRequest, cycle_id: int, body: CycleStatusIn):
    """Move a cycle to its next status, forward only: planning, active, closed (platform
    administrators). A closed cycle takes no new priority, goal, plan or action."""
    require_write(request)
    actor = actor_for(request.user)
    cycle = selectors.cycle_get(actor=actor, pk=cycle_id, action="manage")
    return _cycle_out(services.cycle_status_set(actor=actor, cycle=cycle, **body.dict()))


@router.get("/policy/cycles/{int:cycle_id}/dashboard", response=DashboardOut)
def policy_cycle_dashboard(request: HttpRequest, cycle_id: int, scope: Query[ScopeQuery]):
    """The aggregates of a cycle's dashboard, optionally for one criminal market, country,
    region (eu, lac) or grouping: totals, chart series, plan progress, threat scores."""
    actor = actor_for(request.user)
    cycle = selectors.cycle_get(actor=actor, pk=cycle_id)
    board = selectors.dashboard(
        actor=actor, cycle=cycle, scope=selectors.DashboardFilter.parse(scope.dict())
    )
    return {
        "cycle": _cycle_out(cycle),
        "scope": asdict(board.scope),
        "totals": board.totals,
        "charts": [c.as_json() for c in board.charts],
        "plans": [
            {
                "id": p.plan.pk,
                "code": p.plan.code,
                "actions": p.actions,
                "completed": p.completed,
                "percent": p.percent,
            }
            for p in board.plans
        ],
        "assessments": board.assessments,
    }


@router.post("/policy/cycles/{int:cycle_id}/priorities", response={201: PriorityOut})
def policy_priority_create(request: HttpRequest, cycle_id: int, body: PriorityIn):
    """Make a criminal market a priority of the cycle (platform administrators)."""
    require_write(request)
    actor = actor_for(request.user)
    cycle = selectors.cycle_get(actor=actor, pk=cycle_id, action="manage")
    priority = services.priority_create(actor=actor, cycle=cycle, **body.dict())
    return Status(
        201,
        {
            "id": priority.pk,
            "cycle_id": cycle.pk,
            "criminal_market": priority.criminal_market,
            "title": priority.title,
            "rationale": priority.rationale,
            "rank": priority.rank,
        },
    )


@router.post("/policy/priorities/{int:priority_id}/goals", response={201: GoalOut})
def policy_goal_create(request: HttpRequest, priority_id: int, body: GoalIn):
    """Add a strategic goal to a priority (platform administrators)."""
    require_write(request)
    actor = actor_for(request.user)
    priority = selectors.priority_get(actor=actor, pk=priority_id, action="manage")
    goal = services.goal_create(actor=actor, priority=priority, **body.dict())
    return Status(
        201, {"id": goal.pk, "priority_id": priority.pk, "code": goal.code, "title": goal.title}
    )


@router.post("/policy/priorities/{int:priority_id}/plans", response={201: PlanOut})
def policy_plan_create(request: HttpRequest, priority_id: int, body: PlanIn):
    """Adopt an operational action plan (platform administrators)."""
    require_write(request)
    actor = actor_for(request.user)
    priority = selectors.priority_get(actor=actor, pk=priority_id, action="manage")
    plan = services.plan_create(actor=actor, priority=priority, **body.dict())
    return Status(201, _plan_out(plan))


@router.get("/policy/plans/{int:plan_id}", response=PlanOut)
def policy_plan_detail(request: HttpRequest, plan_id: int):
    return _plan_out(selectors.plan_get(actor=actor_for(request.user), pk=plan_id))


@router.post("/policy/plans/{int:plan_id}/actions", response={201: ActionOut})
def policy_action_create(request: HttpRequest, plan_id: int, body: ActionIn):
    """Add an action (the plan's driver and co-drivers, platform administrators)."""
    require_write(request)
    actor = actor_for(request.user)
    plan = selectors.plan_get(actor=actor, pk=plan_id, action="manage_actions")
    action = services.action_create(actor=actor, plan=plan, **body.dict())
    return Status(201, _action_out(action))


@router.patch("/policy/actions/{int:action_id}", response=ActionOut)
def policy_action_update(request: HttpRequest, action_id: int, body: ActionPatch):
    """Change an action's dates, status, leader country, action leader (a username, empty
    for none) or text (whoever manages it)."""
    require_write(request)
    actor = actor_for(request.user)
    action = selectors.action_get(actor=actor, pk=action_id, action="change")
    changes = body.dict(exclude_unset=True)
    if not changes:
        raise ValidationError(_("Nothing to change."))
    if any(v is None for v in changes.values()):
        raise ValidationError(_("A field cannot be emptied."))
    return _action_out(services.action_update(actor=actor, action=action, **changes))


@router.get("/policy/actions/{int:action_id}/indicators", response=list[EntryOut])
def policy_indicator_list(request: HttpRequest, action_id: int):
    """The figures reported for an action."""
    actor = actor_for(request.user)
    action = selectors.action_get(actor=actor, pk=action_id)
    return [_entry_out(e) for e in selectors.entry_list(actor=actor, action=action)]


@router.post("/policy/actions/{int:action_id}/indicators", response={201: EntryOut})
def policy_indicator_create(request: HttpRequest, action_id: int, body: EntryIn):
    """Report a figure of the actor's country (policy coordinators of a country taking
    part in the plan)."""
    require_write(request)
    actor = actor_for(request.user)
    action = selectors.action_get(actor=actor, pk=action_id, action="report")
    data = body.dict()
    data["kind"] = data.pop("indicator")
    entry = services.indicator_entry_create(actor=actor, action=action, data=EntryData(**data))
    return Status(201, _entry_out(entry))


@router.put("/policy/cycles/{int:cycle_id}/assessments/{market}", response={200: AssessmentOut})
def policy_assessment_save(request: HttpRequest, cycle_id: int, market: str, body: AssessmentIn):
    """Answer the actor's country's threat questionnaire for one market (policy
    coordinators); ``submit`` makes it final."""
    require_write(request)
    actor = actor_for(request.user)
    cycle = selectors.cycle_get(actor=actor, pk=cycle_id)
    if not can_contribute(actor):
        raise Http404
    if market not in CriminalMarket.values:
        raise ValidationError({"criminal_market": [_("Unknown criminal market.")]})
    saved = services.assessment_save(
        actor=actor,
        cycle=cycle,
        criminal_market=market,
        answers=dict(body.answers),
        comment=body.comment,
        submit=body.submit,
    )
    return {
        "id": saved.pk,
        "cycle_id": cycle.pk,
        "country": saved.country_id,
        "criminal_market": saved.criminal_market,
        "answers": saved.answers,
        "score": saved.score,
        "level": saved.level,
        "status": saved.status,
    }


@router.get("/policy/public-statistics", response=PublicStatisticsOut, auth=None)
def policy_public_statistics(request: HttpRequest):
    """The public statistics (no sign-in): counts only, small ones withheld."""
    threshold = settings.PACCTO_PUBLIC_MIN_COUNT
    tables = []
    for t in selectors.public_statistics(threshold=threshold):
        table = t.table
        tables.append(
            {
                "key": t.key,
                "title": t.title,
                "rows": t.row_labels,
                "columns": t.column_labels,
                "cells": [[table.cell(r, c) for c in table.columns] for r in table.rows],
                "row_totals": [table.row_totals[r] for r in table.rows],
                "column_totals": [table.column_totals[c] for c in table.columns],
                "total": table.total,
            }
        )
    return {"threshold": threshold, "tables": tables}
