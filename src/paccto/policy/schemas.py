"""API schemas of the policy cycle."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from paccto.core.schemas import Id
from paccto.policy.choices import PRIORITY_RANK_MAX


class CycleIn(Schema):
    name: str = Field(max_length=120)
    start_date: date
    end_date: date
    status: str = "planning"
    description: str = Field("", max_length=5000)


class CycleOut(Schema):
    id: int
    name: str
    start_date: date
    end_date: date
    status: str
    description: str


class CycleStatusIn(Schema):
    """The status a cycle moves to (forward only: planning, active, closed), and why."""

    status: str = Field(max_length=12, description="active or closed")
    justification: str = Field("", max_length=500)


class PriorityIn(Schema):
    criminal_market: str = Field(max_length=24)
    title: str = Field(max_length=200)
    rationale: str = Field("", max_length=5000)
    rank: int = Field(1, ge=1, le=PRIORITY_RANK_MAX)


class PriorityOut(Schema):
    id: int
    cycle_id: int
    criminal_market: str
    title: str
    rationale: str
    rank: int


class GoalIn(Schema):
    code: str = Field(max_length=16)
    title: str = Field(max_length=300)


class GoalOut(Schema):
    id: int
    priority_id: int
    code: str
    title: str


class PlanIn(Schema):
    code: str = Field(max_length=24)
    title: str = Field(max_length=200)
    driver: str = Field(max_length=2)
    co_drivers: list[str] = []
    participants: list[str] = []
    goal_ids: list[Id] = []


class PlanOut(Schema):
    id: int
    code: str
    title: str
    priority_id: int
    driver: str
    co_drivers: list[str]
    participants: list[str]
    progress: int


class ActionIn(Schema):
    code: str = Field(max_length=24)
    title: str = Field(max_length=300)
    description: str = Field("", max_length=5000)
    leader_country: str = Field(max_length=2)
    leader: str = Field("", max_length=150, description="username of the action leader")
    start_date: date
    end_date: date
    status: str = "planned"


class ActionPatch(Schema):
    title: str | None = Field(None, max_length=300)
    description: str | None = Field(None, max_length=5000)
    leader_country: str | None = Field(None, max_length=2)
    leader: str | None = Field(None, max_length=150, description="username; empty for none")
    start_date: date | None = None
    end_date: date | None = None
    status: str | None = None


class ActionOut(Schema):
    id: int
    plan_id: int
    code: str
    title: str
    description: str
    leader_country: str
    leader: str
    start_date: date
    end_date: date
    status: str


class EntryIn(Schema):
    """One figure; ``value`` is a number (or a numeric string) in ``unit``."""

    indicator: str = Field(max_length=32)
    unit: str = Field(max_length=8)
    value: Decimal | str
    period_start: date
    period_end: date
    drug_type: str = Field("", max_length=16)
    sex: str = Field("", max_length=8)
    age_group: str = Field("", max_length=8)
    note: str = Field("", max_length=500)


class EntryOut(Schema):
    id: int
    action_id: int
    country: str
    indicator: str
    unit: str
    value: Decimal
    period_start: date
    period_end: date
    drug_type: str
    sex: str
    age_group: str
    note: str


class AssessmentIn(Schema):
    answers: dict[str, int]
    comment: str = Field("", max_length=5000)
    submit: bool = False


class AssessmentOut(Schema):
    id: int
    cycle_id: int
    country: str
    criminal_market: str
    answers: dict[str, int]
    score: Decimal
    level: str
    status: str


class DashboardOut(Schema):
    cycle: CycleOut
    scope: dict[str, str]
    totals: list[dict[str, Any]]
    charts: list[dict[str, Any]]
    plans: list[dict[str, Any]]
    assessments: list[dict[str, Any]]


class PublicTableOut(Schema):
    key: str
    title: str
    rows: list[str]
    columns: list[str]
    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None


class PublicStatisticsOut(Schema):
    threshold: int
    tables: list[PublicTableOut]
