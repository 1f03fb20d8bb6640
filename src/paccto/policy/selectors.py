"""Reads of the policy cycle: cycles, plans and actions the actor may see, the figures of a
dashboard (per criminal market, country, region or grouping, per year; plan progress;
breakdowns by sex and age group), and the public statistics with small counts withheld."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import ExtractYear

from paccto.core.choices import CriminalMarket
from paccto.core.models import Country, Grouping, country_name
from paccto.core.permissions import Actor, get_for, visible_to
from paccto.policy import suppression
from paccto.policy.choices import (
    KIND_UNITS,
    PEOPLE_KINDS,
    ActionStatus,
    AgeGroup,
    AssessmentStatus,
    DrugType,
    IndicatorKind,
    Sex,
    Unit,
)
from paccto.policy.models import (
    Action,
    ActionPlan,
    IndicatorEntry,
    PolicyCycle,
    Priority,
    ThreatAssessment,
)
from paccto.policy.sources import SourceCount, indicator_sources

# How far an action counts towards its plan's progress.
STATUS_WEIGHT = {
    ActionStatus.PLANNED: 0.0,
    ActionStatus.ONGOING: 0.5,
    ActionStatus.COMPLETED: 1.0,
}
MARKET = "action__plan__priority__criminal_market"


def cycle_list(*, actor: Actor) -> QuerySet[PolicyCycle]:
    """The cycles the actor may read, with their numbers of priorities and plans."""
    return visible_to(actor, PolicyCycle).annotate(
        n_priorities=Count("priorities", distinct=True),
        n_plans=Count("priorities__plans", distinct=True),
    )


def cycle_get(*, actor: Actor, pk: Any, action: str = "view") -> PolicyCycle:
    return get_for(actor, PolicyCycle, pk, action)


def priority_get(*, actor: Actor, pk: Any, action: str = "view") -> Priority:
    return get_for(actor, visible_to(actor, Priority, action).select_related("cycle"), pk, action)


def priority_list(*, actor: Actor, cycle: PolicyCycle, market: str = "") -> QuerySet[Priority]:
    """The priorities of a cycle (of one criminal market when given) in rank order, with their
    strategic goals and the action plans the actor may read; ``cycle`` comes from
    ``cycle_get``."""
    plans = visible_to(actor, ActionPlan).select_related("driver").order_by("code")
    priorities = (
        visible_to(actor, Priority)
        .filter(cycle=cycle)
        .prefetch_related("goals", Prefetch("plans", queryset=plans))
        .order_by("rank", "pk")
    )
    if market:
        priorities = priorities.filter(criminal_market=market)
    return priorities


def priority_ids_managed(*, actor: Actor, cycle: PolicyCycle) -> frozenset[int]:
    """The priorities of a cycle the actor may add strategic goals and action plans to
    (``manage``), in one query."""
    managed = visible_to(actor, Priority, "manage").filter(cycle=cycle)
    return frozenset(managed.values_list("pk", flat=True))


def plan_get(*, actor: Actor, pk: Any, action: str = "view") -> ActionPlan:
    plans = (
        visible_to(actor, ActionPlan, action)
        .select_related("priority__cycle", "driver")
        .prefetch_related("co_drivers", "participants", "goals")
    )
    return get_for(actor, plans, pk, action)


def action_get(*, actor: Actor, pk: Any, action: str = "view") -> Action:
    actions = visible_to(actor, Action, action).select_related(
        "plan__priority__cycle", "leader_country", "leader"
    )
    return get_for(actor, actions, pk, action)


def entry_get(*, actor: Actor, pk: Any, action: str = "view") -> IndicatorEntry:
    entries = visible_to(actor, IndicatorEntry, action).select_related(
        "action__plan__priority__cycle"
    )
    return get_for(actor, entries, pk, action)


def assessment_own(
    *, actor: Actor, cycle: PolicyCycle, criminal_market: str
) -> ThreatAssessment | None:
    """The actor's country's assessment of one market in the cycle, if answered."""
    return (
        visible_to(actor, ThreatAssessment, "change")
        .filter(cycle=cycle, criminal_market=criminal_market)
        .first()
    )


def assessment_list(*, actor: Actor, cycle: PolicyCycle) -> QuerySet[ThreatAssessment]:
    return (
        visible_to(actor, ThreatAssessment)
        .filter(cycle=cycle)
        .select_related("country")
        .order_by("criminal_market", "country_id")
    )


def entry_list(*, actor: Actor, action: Action) -> QuerySet[IndicatorEntry]:
    return (
        visible_to(actor, IndicatorEntry)
        .filter(action=action)
        .select_related("country")
        .order_by("country_id", "kind", "period_start", "pk")
    )


@dataclass
class PlanProgress:
    plan: ActionPlan
    actions: int
    completed: int
    percent: int


def plan_progress(plans: Iterable[ActionPlan]) -> list[PlanProgress]:
    """Progress of each plan: its actions weighted by status (completed 1, ongoing 0.5,
    planned 0; cancelled ones left out), as a percentage."""
    result = []
    for plan in plans:
        statuses = [a.status for a in plan.actions.all() if a.status != ActionStatus.CANCELLED]
        done = sum(STATUS_WEIGHT.get(ActionStatus(s), 0.0) for s in statuses)
        percent = round(100 * done / len(statuses)) if statuses else 0
        completed = sum(1 for s in statuses if s == ActionStatus.COMPLETED)
        result.append(PlanProgress(plan, len(statuses), completed, percent))
    return result


def plan_list(*, actor: Actor, cycle: PolicyCycle, market: str = "") -> list[PlanProgress]:
    plans = (
        visible_to(actor, ActionPlan)
        .filter(priority__cycle=cycle)
        .select_related("priority", "driver")
        .prefetch_related("co_drivers", Prefetch("actions", queryset=Action.objects.order_by()))
        .order_by("code")
    )
    if market:
        plans = plans.filter(priority__criminal_market=market)
    return plan_progress(plans)


# --- dashboards --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardFilter:
    """What a dashboard is about: a criminal market, a country, a region (``eu``, ``lac``)
    or a grouping (``mercosur``...). Empty means all."""

    market: str = ""
    country: str = ""
    region: str = ""
    grouping: str = ""

    @classmethod
    def parse(cls, params: Any) -> DashboardFilter:
        """From request parameters; unknown values are ignored (the whole cycle)."""
        market = str(params.get("market", ""))[:32]
        country = str(params.get("country", ""))[:2].upper()
        region = str(params.get("region", ""))[:8]
        grouping = str(params.get("grouping", ""))[:32]
        return cls(
            market=market if market in CriminalMarket.values else "",
            country=country if Country.objects.filter(code=country).exists() else "",
            region=region if region in ("eu", "lac") else "",
            grouping=grouping if Grouping.objects.filter(code=grouping).exists() else "",
        )

    def countries(self) -> frozenset[str] | None:
        """The countries in scope, or None for every country."""
        qs = Country.objects.all()
        if not (self.country or self.region or self.grouping):
            return None
        if self.country:
            qs = qs.filter(code=self.country)
        if self.region:
            qs = qs.filter(region=self.region)
        if self.grouping:
            qs = qs.filter(memberships__grouping__code=self.grouping)
        return frozenset(qs.values_list("code", flat=True))


@dataclass
class Chart:
    """One chart of a dashboard, as handed to Chart.js and drawn into the PDF report."""

    key: str
    title: str
    kind: str  # "bar", "line" or "hbar"
    labels: list[str]
    datasets: list[dict[str, Any]]
    stacked: bool = False
    unit: str = ""

    def rows(self) -> list[tuple[str, list[Any]]]:
        """The figures as table rows (label, one value per dataset), beside the chart."""
        return [
            (label, [d["data"][i] for d in self.datasets]) for i, label in enumerate(self.labels)
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "type": self.kind,
            "labels": self.labels,
            "datasets": self.datasets,
            "stacked": self.stacked,
            "unit": self.unit,
        }


@dataclass
class Dashboard:
    cycle: PolicyCycle
    scope: DashboardFilter
    totals: list[dict[str, Any]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    plans: list[PlanProgress] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)  # every aggregate, for CSV
    assessments: list[dict[str, Any]] = field(default_factory=list)


def _num(value: Decimal | int | None) -> float | int:
    if value is None:
        return 0
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else round(as_float, 2)


def _entry_aggregates(cycle: PolicyCycle, scope: DashboardFilter) -> list[dict[str, Any]]:
    entries = IndicatorEntry.objects.filter(action__plan__priority__cycle=cycle)
    if scope.market:
        entries = entries.filter(**{MARKET: scope.market})
    countries = scope.countries()
    if countries is not None:
        entries = entries.filter(country_id__in=countries)
    return list(
        entries.order_by()
        .values(MARKET, "country_id", "kind", "drug_type", "sex", "age_group")
        .annotate(year=ExtractYear("period_start"), total=Sum("value"))
        .values(MARKET, "country_id", "kind", "drug_type", "sex", "age_group", "year", "total")
    )


def _source_counts(cycle: PolicyCycle, scope: DashboardFilter) -> dict[str, list[SourceCount]]:
    countries = scope.countries()
    found: dict[str, list[SourceCount]] = {}
    for source in indicator_sources():
        counts = [
            c
            for c in source.count(cycle.start_date, cycle.end_date)
            if (not scope.market or scope.market in c.criminal_markets)
            and (countries is None or c.country in countries)
        ]
        found[source.code] = counts
    return found


def _group(rows: Iterable[dict[str, Any]], key: str, kinds: Iterable[str]) -> dict[str, dict]:
    by: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    wanted = set(kinds)
    for row in rows:
        if row["kind"] in wanted:
            by[str(row[key])][row["kind"]] += row["total"] or 0
    return by


COUNT_KINDS = (
    IndicatorKind.ARRESTS,
    IndicatorKind.INVESTIGATIONS,
    IndicatorKind.FIREARMS,
    IndicatorKind.VICTIMS,
)
EUR_KINDS = (IndicatorKind.ASSETS, IndicatorKind.CASH)


def _kind_datasets(
    grouped: dict[str, dict], keys: list[str], kinds: Iterable[str]
) -> list[dict[str, Any]]:
    return [
        {
            "label": str(IndicatorKind(k).label),
            "code": str(k),
            "data": [_num(grouped.get(key, {}).get(k)) for key in keys],
        }
        for k in kinds
    ]


def _people_chart(rows: list[dict[str, Any]], kind: str, key: str, title: str) -> Chart:
    """A count of people by age group (minors apart), stacked by sex."""
    cells: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for row in rows:
        if row["kind"] == kind:
            cells[(row["sex"] or Sex.UNKNOWN, row["age_group"] or AgeGroup.UNKNOWN)] += row["total"]
    return Chart(
        key,
        title,
        "bar",
        [str(g.label) for g in AgeGroup],
        [
            {
                "label": str(s.label),
                "code": str(s.value),
                "data": [_num(cells.get((s.value, g.value))) for g in AgeGroup],
            }
            for s in Sex
        ],
        stacked=True,
    )


def dashboard(*, actor: Actor, cycle: PolicyCycle, scope: DashboardFilter) -> Dashboard:
    """The figures of one cycle's dashboard within a scope: totals per indicator; charts per
    criminal market, per country, per year, of seizures, of people counted by sex and age
    group, of threat scores and of the platform's own counts; plan progress. Aggregates
    only; ``cycle`` comes from ``cycle_get`` (the actor may read it)."""
    from django.utils.translation import gettext as _

    rows = _entry_aggregates(cycle, scope)
    board = Dashboard(cycle=cycle, scope=scope)
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        totals[row["kind"]] += row["total"] or 0
    board.totals = [
        {
            "code": str(k.value),
            "label": str(k.label),
            "unit": str(Unit(KIND_UNITS[k]).label),
            "value": _num(totals.get(k.value)),
        }
        for k in IndicatorKind
    ]
    market_keys = [m.value for m in CriminalMarket if not scope.market or m.value == scope.market]
    market_labels = [str(CriminalMarket(m).label) for m in market_keys]
    by_market = _group(rows, MARKET, COUNT_KINDS)
    board.charts.append(
        Chart(
            "by_market",
            _("Results by criminal market"),
            "bar",
            market_labels,
            _kind_datasets(by_market, market_keys, COUNT_KINDS),
        )
    )
    eur_by_market = _group(rows, MARKET, EUR_KINDS)
    board.charts.append(
        Chart(
            "seized_eur",
            _("Assets and cash seized by criminal market (EUR)"),
            "bar",
            market_labels,
            _kind_datasets(eur_by_market, market_keys, EUR_KINDS),
            stacked=True,
            unit="EUR",
        )
    )
    by_country = _group(rows, "country_id", COUNT_KINDS)
    country_keys = sorted(by_country, key=lambda c: country_name(c))
    board.charts.append(
        Chart(
            "by_country",
            _("Results by country"),
            "hbar",
            [country_name(c) for c in country_keys],
            _kind_datasets(by_country, country_keys, COUNT_KINDS),
            stacked=True,
        )
    )
    years = [str(y) for y in cycle.years]
    by_year = _group(rows, "year", COUNT_KINDS)
    board.charts.append(
        Chart(
            "trend",
            _("Trend over the cycle"),
            "line",
            years,
            _kind_datasets(by_year, years, COUNT_KINDS),
        )
    )
    drugs: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        if row["kind"] == IndicatorKind.DRUGS:
            drugs[row["drug_type"]] += row["total"]
    board.charts.append(
        Chart(
            "drugs",
            _("Drugs seized by type (kg)"),
            "bar",
            [str(d.label) for d in DrugType],
            [
                {
                    "label": str(IndicatorKind.DRUGS.label),
                    "code": "drugs_seized",
                    "data": [_num(drugs.get(d.value)) for d in DrugType],
                }
            ],
            unit="kg",
        )
    )
    board.charts.append(
        _people_chart(
            rows, IndicatorKind.VICTIMS, "victims", _("Victims identified by sex and age")
        )
    )
    board.charts.append(
        _people_chart(rows, IndicatorKind.ARRESTS, "arrests", _("Arrests by sex and age"))
    )
    _add_source_charts(board, cycle, scope, market_keys, market_labels, years)
    _add_assessments(board, actor, cycle, scope, market_keys, market_labels)
    board.plans = plan_list(actor=actor, cycle=cycle, market=scope.market)
    board.rows = _csv_rows(rows, board, cycle, scope)
    return board


def _add_source_charts(
    board: Dashboard,
    cycle: PolicyCycle,
    scope: DashboardFilter,
    market_keys: list[str],
    market_labels: list[str],
    years: list[str],
) -> None:
    from django.utils.translation import gettext as _

    counts = _source_counts(cycle, scope)
    sources = {s.code: s for s in indicator_sources()}
    by_market = [s for s in sources.values() if not s.counts_people]
    if by_market:
        board.charts.append(
            Chart(
                "platform_by_market",
                _("Counted on the platform, by criminal market"),
                "bar",
                market_labels,
                [
                    {
                        "label": str(s.label),
                        "code": s.code,
                        "data": [
                            sum(c.value for c in counts[s.code] if m in c.criminal_markets)
                            for m in market_keys
                        ],
                    }
                    for s in by_market
                ],
            )
        )
    board.charts.append(
        Chart(
            "platform_trend",
            _("Counted on the platform, by year"),
            "line",
            years,
            [
                {
                    "label": str(s.label),
                    "code": s.code,
                    "data": [
                        sum(c.value for c in counts[s.code] if str(c.year) == y) for y in years
                    ],
                }
                for s in sources.values()
            ],
        )
    )
    for s in sources.values():
        if s.counts_people:
            board.charts.append(
                Chart(
                    f"platform_{s.code}_age",
                    str(s.label) + " · " + _("by age group"),
                    "bar",
                    [str(g.label) for g in AgeGroup],
                    [
                        {
                            "label": str(s.label),
                            "code": s.code,
                            "data": [
                                sum(c.value for c in counts[s.code] if c.age_group == g.value)
                                for g in AgeGroup
                            ],
                        }
                    ],
                )
            )
    for s in sources.values():
        for c in counts[s.code]:
            board.rows.append(
                {
                    "source": s.code,
                    "indicator": str(s.label),
                    "criminal_market": " ".join(c.criminal_markets),
                    "country": c.country,
                    "year": c.year,
                    "drug_type": "",
                    "sex": c.sex,
                    "age_group": c.age_group,
                    "unit": Unit.COUNT.value,
                    "value": c.value,
                }
            )


def _add_assessments(
    board: Dashboard,
    actor: Actor,
    cycle: PolicyCycle,
    scope: DashboardFilter,
    market_keys: list[str],
    market_labels: list[str],
) -> None:
    """Mean submitted threat score per market (aggregate of the national assessments)."""
    from django.utils.translation import gettext as _

    assessments = ThreatAssessment.objects.filter(
        cycle=cycle, status=AssessmentStatus.SUBMITTED
    ).order_by()
    countries = scope.countries()
    if countries is not None:
        assessments = assessments.filter(country_id__in=countries)
    scores: dict[str, list[Decimal]] = defaultdict(list)
    for market, score in assessments.values_list("criminal_market", "score"):
        scores[market].append(score)
    board.assessments = [
        {
            "market": m,
            "label": label,
            "countries": len(scores.get(m, [])),
            "mean": round(float(sum(scores[m]) / len(scores[m])), 1) if scores.get(m) else None,
        }
        for m, label in zip(market_keys, market_labels, strict=True)
    ]
    board.charts.append(
        Chart(
            "threat",
            _("Threat score by criminal market (mean of the national assessments, 0-100)"),
            "bar",
            market_labels,
            [
                {
                    "label": _("Threat score"),
                    "code": "threat_score",
                    "data": [a["mean"] or 0 for a in board.assessments],
                }
            ],
        )
    )


def _csv_rows(
    rows: list[dict[str, Any]], board: Dashboard, cycle: PolicyCycle, scope: DashboardFilter
) -> list[dict[str, Any]]:
    out = [
        {
            "source": "entered",
            "indicator": str(IndicatorKind(r["kind"]).label),
            "criminal_market": r[MARKET],
            "country": r["country_id"],
            "year": r["year"],
            "drug_type": r["drug_type"],
            "sex": r["sex"],
            "age_group": r["age_group"],
            "unit": KIND_UNITS[r["kind"]],
            "value": _num(r["total"]),
        }
        for r in sorted(
            rows, key=lambda r: (r[MARKET], r["country_id"], r["kind"], r["year"], r["drug_type"])
        )
    ]
    return out + board.rows


# --- public statistics ---------------------------------------------------------------------


@dataclass
class PublicTable:
    """A published table: translated labels of rows and columns, and the suppressed
    counts."""

    key: str
    title: str
    row_title: str
    row_labels: list[str]
    column_labels: list[str]
    table: suppression.Table

    def body(self) -> list[tuple[str, list[int | None], int | None]]:
        t = self.table
        return [
            (label, [t.cell(r, c) for c in t.columns], t.row_totals[r])
            for r, label in zip(t.rows, self.row_labels, strict=True)
        ]

    def footer(self) -> list[int | None]:
        return [self.table.column_totals[c] for c in self.table.columns]


def _public(
    key: str,
    title: str,
    row_title: str,
    counts: dict[tuple[str, str], int],
    rows: list[tuple[str, str]],
    columns: list[tuple[str, str]],
    threshold: int,
) -> PublicTable:
    table = suppression.table_from_counts(counts, [r for r, _ in rows], [c for c, _ in columns])
    return PublicTable(
        key,
        title,
        row_title,
        [label for _, label in rows],
        [label for _, label in columns],
        suppression.suppress(table, threshold),
    )


def public_statistics(*, threshold: int) -> list[PublicTable]:
    """The figures published to everyone without signing in: counts only, aggregated over
    every cycle, with counts from 1 to ``threshold - 1`` withheld and enough others that
    none can be recomputed. Never anything about a person."""
    from django.utils.translation import gettext as _

    tables: list[PublicTable] = []
    age_columns = [(g.value, str(g.label)) for g in AgeGroup]
    markets = [(m.value, str(m.label)) for m in CriminalMarket]
    entries = (
        IndicatorEntry.objects.order_by()
        .values(MARKET, "kind", "sex", "age_group")
        .annotate(year=ExtractYear("period_start"), total=Sum("value"))
        .values(MARKET, "kind", "sex", "age_group", "year", "total")
    )
    entries_list = list(entries)
    years = sorted({r["year"] for r in entries_list})
    year_columns = [(str(y), str(y)) for y in years]
    for kind in (IndicatorKind.ARRESTS, IndicatorKind.INVESTIGATIONS, IndicatorKind.VICTIMS):
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for r in entries_list:
            if r["kind"] == kind:
                counts[(r[MARKET], str(r["year"]))] += int(r["total"] or 0)
        tables.append(
            _public(
                f"{kind.value}_by_market",
                str(kind.label) + " · " + _("by criminal market and year"),
                _("Criminal market"),
                counts,
                markets,
                year_columns,
                threshold,
            )
        )
    for kind in sorted(PEOPLE_KINDS):
        counts = defaultdict(int)
        for r in entries_list:
            if r["kind"] == kind:
                counts[(r["sex"] or Sex.UNKNOWN, r["age_group"] or AgeGroup.UNKNOWN)] += int(
                    r["total"] or 0
                )
        tables.append(
            _public(
                f"{kind}_by_sex_age",
                str(IndicatorKind(kind).label) + " · " + _("by sex and age group"),
                _("Sex"),
                counts,
                [(s.value, str(s.label)) for s in Sex],
                age_columns,
                threshold,
            )
        )
    from datetime import date

    everything = (date(1900, 1, 1), date(9999, 12, 31))
    for source in indicator_sources():
        found = list(source.count(*everything))
        if source.counts_people:
            counts = defaultdict(int)
            for c in found:
                counts[(c.country, c.age_group or AgeGroup.UNKNOWN)] += c.value
            codes = sorted({c.country for c in found}, key=country_name)
            tables.append(
                _public(
                    f"{source.code}_by_country_age",
                    str(source.label) + " · " + _("by country and age group"),
                    _("Country"),
                    counts,
                    [(c, country_name(c)) for c in codes],
                    age_columns,
                    threshold,
                )
            )
        else:
            # A record of two markets is counted in both rows (the page says so), and the
            # totals add up the rows, so that suppression can reason on them.
            counts = defaultdict(int)
            for c in found:
                for market in c.criminal_markets or ("",):
                    counts[(market, str(c.year))] += c.value
            source_years = sorted({str(c.year) for c in found})
            rows = [*markets]
            if any(not c.criminal_markets for c in found):
                rows.append(("", _("No criminal market recorded")))
            tables.append(
                _public(
                    f"{source.code}_by_market",
                    str(source.label) + " · " + _("by criminal market and year"),
                    _("Criminal market"),
                    counts,
                    rows,
                    [(y, y) for y in source_years],
                    threshold,
                )
            )
    return tables
