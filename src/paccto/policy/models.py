"""The policy cycle: a multi-year cycle, the national threat assessments per criminal market,
the priorities and strategic goals drawn from them, the operational action plans (OAPs) with
their driver and co-driver countries, their actions, and the indicators reported per action
and country. Nothing here describes a person: indicators are counts and amounts."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paccto.core.choices import CriminalMarket
from paccto.core.models import Country
from paccto.policy.choices import (
    ActionStatus,
    AgeGroup,
    AssessmentStatus,
    CycleStatus,
    DrugType,
    IndicatorKind,
    Sex,
    ThreatLevel,
    Unit,
)


class PolicyCycle(models.Model):
    """A multi-year policy cycle (for example 2024-2027): threat assessment, priorities,
    plans, actions and indicators all belong to one."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(
        _("status"), max_length=12, choices=CycleStatus.choices, default=CycleStatus.PLANNING
    )
    description = models.TextField(_("description"), blank=True, max_length=5000)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("policy cycle")
        verbose_name_plural = _("policy cycles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="policy_cycle_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date comes before the start date.")})

    @property
    def years(self) -> list[int]:
        return list(range(self.start_date.year, self.end_date.year + 1))


class ThreatAssessment(models.Model):
    """One country's answers to the threat questionnaire about one criminal market in one
    cycle, with the score and level computed from them (``policy.scoring``)."""

    cycle = models.ForeignKey(PolicyCycle, on_delete=models.CASCADE, related_name="assessments")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    criminal_market = models.CharField(
        _("criminal market"), max_length=24, choices=CriminalMarket.choices
    )
    answers = models.JSONField(_("answers"), default=dict)
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1, default=0)
    level = models.CharField(_("threat level"), max_length=12, choices=ThreatLevel.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=5000)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    contributed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["cycle_id", "criminal_market", "country_id"]
        verbose_name = _("threat assessment")
        verbose_name_plural = _("threat assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "country", "criminal_market"], name="uniq_policy_assessment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cycle} {self.country_id} {self.criminal_market}"


class Priority(models.Model):
    """A priority of the cycle: a criminal market the cooperating states act against."""

    cycle = models.ForeignKey(PolicyCycle, on_delete=models.CASCADE, related_name="priorities")
    criminal_market = models.CharField(
        _("criminal market"), max_length=24, choices=CriminalMarket.choices
    )
    title = models.CharField(_("title"), max_length=200)
    rationale = models.TextField(_("rationale"), blank=True, max_length=5000)
    rank = models.PositiveSmallIntegerField(_("rank"), default=1)

    class Meta:
        ordering = ["cycle_id", "rank", "pk"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "criminal_market"], name="uniq_policy_priority_market"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def market_label(self) -> str:
        return str(CriminalMarket(self.criminal_market).label)


class StrategicGoal(models.Model):
    """A multi-year strategic goal of a priority."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="goals")
    code = models.CharField(_("code"), max_length=16)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["priority_id", "code"]
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")
        constraints = [
            models.UniqueConstraint(fields=["priority", "code"], name="uniq_policy_goal_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class ActionPlan(models.Model):
    """An operational action plan (OAP) of a priority for the cycle: driven by one country,
    co-driven by others, carried out by participant countries through actions."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="plans")
    code = models.CharField(_("code"), max_length=24, unique=True)
    title = models.CharField(_("title"), max_length=200)
    driver = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("driver country")
    )
    co_drivers = models.ManyToManyField(
        Country, related_name="+", blank=True, verbose_name=_("co-driver countries")
    )
    participants = models.ManyToManyField(
        Country, related_name="+", blank=True, verbose_name=_("participant countries")
    )
    goals = models.ManyToManyField(
        StrategicGoal, related_name="plans", blank=True, verbose_name=_("strategic goals")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["code"]
        verbose_name = _("operational action plan")
        verbose_name_plural = _("operational action plans")

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class Action(models.Model):
    """An action of a plan, led by one country (and a named action leader when known),
    with its dates and status."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    code = models.CharField(_("code"), max_length=24)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    leader_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("leader country")
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("action leader"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["plan_id", "code"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="uniq_policy_action_code"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="policy_action_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    @property
    def status_label(self) -> str:
        return str(ActionStatus(self.status).label)


class IndicatorEntry(models.Model):
    """A figure reported by one country for one action and period: a count (arrests,
    victims...), an amount in euros or a weight in kilograms. Drugs are broken down by type,
    victims by sex and age group (minors apart)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicators")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("indicator"), max_length=24, choices=IndicatorKind.choices)
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    drug_type = models.CharField(
        _("drug type"), max_length=16, choices=DrugType.choices, blank=True
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, blank=True)
    age_group = models.CharField(_("age group"), max_length=8, choices=AgeGroup.choices, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["action_id", "country_id", "kind", "period_start"]
        verbose_name = _("indicator entry")
        verbose_name_plural = _("indicator entries")
        indexes = [models.Index(fields=["kind", "country"])]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "action",
                    "country",
                    "kind",
                    "period_start",
                    "period_end",
                    "drug_type",
                    "sex",
                    "age_group",
                ],
                name="uniq_policy_indicator_entry",
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="policy_indicator_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action_id} {self.country_id} {self.kind} {self.value}"

    @property
    def kind_label(self) -> str:
        return str(IndicatorKind(self.kind).label)
