"""Vocabularies of the policy cycle: cycle and action statuses, indicators and their units,
drug types, sex and age groups of the people counted, threat levels and the questions of
the threat assessment."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from paccto.policy import scoring


class CycleStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


# Where a cycle's status may move: forward only (planning straight to closed too, for a
# cycle that never started); a closed cycle stays closed.
CYCLE_STATUS_NEXT: dict[str, tuple[str, ...]] = {
    CycleStatus.PLANNING: (CycleStatus.ACTIVE, CycleStatus.CLOSED),
    CycleStatus.ACTIVE: (CycleStatus.CLOSED,),
    CycleStatus.CLOSED: (),
}

# Priorities of a cycle are ranked from 1 (first) to this.
PRIORITY_RANK_MAX = 100


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Unit(models.TextChoices):
    COUNT = "count", _("number")
    EUR = "eur", _("euros (EUR)")
    KG = "kg", _("kilograms (kg)")
    DAYS = "days", _("days")


class IndicatorKind(models.TextChoices):
    ARRESTS = "arrests", _("Arrests")
    INVESTIGATIONS = "investigations_opened", _("Investigations opened")
    ASSETS = "assets_seized", _("Assets seized (EUR)")
    CASH = "cash_seized", _("Cash seized (EUR)")
    DRUGS = "drugs_seized", _("Drugs seized (kg)")
    FIREARMS = "firearms_seized", _("Firearms seized")
    VICTIMS = "victims_identified", _("Victims identified")
    ACTION_DAYS = "joint_action_days", _("Joint action days")


# The one unit each indicator is entered in; amounts of money in euros, drugs in kilograms.
KIND_UNITS: dict[str, str] = {
    IndicatorKind.ARRESTS: Unit.COUNT,
    IndicatorKind.INVESTIGATIONS: Unit.COUNT,
    IndicatorKind.ASSETS: Unit.EUR,
    IndicatorKind.CASH: Unit.EUR,
    IndicatorKind.DRUGS: Unit.KG,
    IndicatorKind.FIREARMS: Unit.COUNT,
    IndicatorKind.VICTIMS: Unit.COUNT,
    IndicatorKind.ACTION_DAYS: Unit.DAYS,
}
# Indicators that count people: broken down by sex and age group, suppressed when small.
PEOPLE_KINDS = frozenset({IndicatorKind.ARRESTS, IndicatorKind.VICTIMS})
# Indicators entered as whole numbers.
WHOLE_KINDS = frozenset(k for k, u in KIND_UNITS.items() if u in (Unit.COUNT, Unit.DAYS))


class DrugType(models.TextChoices):
    COCAINE = "cocaine", _("Cocaine")
    CANNABIS = "cannabis", _("Cannabis")
    HEROIN = "heroin", _("Heroin and other opioids")
    SYNTHETIC = "synthetic", _("Synthetic drugs")
    NPS = "nps", _("New psychoactive substances")
    PRECURSORS = "precursors", _("Precursors")
    OTHER = "other", _("Other drugs")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNKNOWN = "unknown", _("Not known")


class AgeGroup(models.TextChoices):
    """The age groups of every statistic of people: minors apart, youth 18-29, adults."""

    MINOR = "minor", _("Minors (under 18)")
    YOUTH = "youth", _("Youth (18–29)")  # noqa: RUF001  (an en dash between numbers)
    ADULT = "adult", _("Adults (30 and over)")
    UNKNOWN = "unknown", _("Age not known")


class ThreatLevel(models.TextChoices):
    LOW = scoring.LOW, _("Low")
    MODERATE = scoring.MODERATE, _("Moderate")
    HIGH = scoring.HIGH, _("High")
    VERY_HIGH = scoring.VERY_HIGH, _("Very high")


# The questions of the threat assessment, one per criterion of ``scoring.CRITERIA``.
CRITERION_QUESTIONS = {
    "scale": _(
        "Scale: how many criminal groups and members are active in this market in your country?"
    ),
    "harm": _("Harm: how much violence, how many victims and how much harm to health or nature?"),
    "transnational": _("Transnational reach: how many other countries do the groups operate in?"),
    "capability": _(
        "Capability: corruption, infiltration of the legal economy, counter-surveillance?"
    ),
    "proceeds": _("Proceeds: how large are the criminal proceeds and the losses caused?"),
    "trend": _("Trend: is the threat growing over the last three years?"),
}
ANSWER_LABELS = (
    _("0: none"),
    _("1: limited"),
    _("2: moderate"),
    _("3: significant"),
    _("4: very significant"),
)
