"""Forms of the policy pages: they parse input; the services check and write."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from paccto.core.choices import CriminalMarket
from paccto.core.models import Country
from paccto.policy import scoring
from paccto.policy.choices import (
    ANSWER_LABELS,
    CRITERION_QUESTIONS,
    ActionStatus,
    AgeGroup,
    CycleStatus,
    DrugType,
    IndicatorKind,
    Sex,
    Unit,
)
from paccto.policy.models import Priority, StrategicGoal

DATE = forms.DateInput(attrs={"type": "date"})


class CycleForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=120)
    start_date = forms.DateField(label=_("start date"), widget=DATE)
    end_date = forms.DateField(label=_("end date"), widget=DATE)
    status = forms.ChoiceField(label=_("status"), choices=CycleStatus.choices)
    description = forms.CharField(
        label=_("description"), required=False, max_length=5000, widget=forms.Textarea
    )


class CycleStatusForm(forms.Form):
    """Move a cycle to one next status; closing it asks the administrator to confirm. The
    service decides which moves are allowed."""

    status = forms.ChoiceField(choices=CycleStatus.choices, widget=forms.HiddenInput)
    justification = forms.CharField(label=_("reason (optional)"), required=False, max_length=500)
    confirm = forms.BooleanField(
        label=_("Yes, close this cycle"),
        required=False,  # required for closing only: checked in ``clean``
        widget=forms.CheckboxInput(attrs={"required": True}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == CycleStatus.CLOSED and not data.get("confirm"):
            self.add_error("confirm", _("Tick the box to confirm that the cycle closes."))
        return data


class PriorityForm(forms.Form):
    criminal_market = forms.ChoiceField(label=_("criminal market"), choices=CriminalMarket.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    rationale = forms.CharField(
        label=_("rationale"), required=False, max_length=5000, widget=forms.Textarea
    )
    rank = forms.IntegerField(
        label=_("rank"), initial=1, help_text=_("1 for the first priority of the cycle.")
    )


class GoalForm(forms.Form):
    code = forms.CharField(label=_("code"), max_length=16)
    title = forms.CharField(label=_("title"), max_length=300)


def _countries(label: Any) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Country.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


class PlanForm(forms.Form):
    """An operational action plan of one priority: its driver, co-driver and participant
    countries and the priority's strategic goals it serves."""

    code = forms.CharField(label=_("code"), max_length=24)
    title = forms.CharField(label=_("title"), max_length=200)
    driver = forms.ModelChoiceField(
        label=_("driver country"), queryset=Country.objects.all(), to_field_name="code"
    )
    co_drivers = _countries(_("co-driver countries"))
    participants = _countries(_("participant countries"))
    goals = forms.ModelMultipleChoiceField(
        label=_("strategic goals"),
        queryset=StrategicGoal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, priority: Priority, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goals = cast(forms.ModelMultipleChoiceField, self.fields["goals"])
        goals.queryset = priority.goals.all()
        if not goals.queryset.exists():  # nothing to choose yet: no empty list on the page
            goals.widget = forms.MultipleHiddenInput()

    def plan_data(self) -> dict[str, Any]:
        """The cleaned input as ``services.plan_create`` takes it (country codes, goal ids)."""
        data = self.cleaned_data
        return {
            "code": data["code"],
            "title": data["title"],
            "driver": data["driver"].code,
            "co_drivers": [c.code for c in data["co_drivers"]],
            "participants": [c.code for c in data["participants"]],
            "goal_ids": [g.pk for g in data["goals"]],
        }


class AssessmentForm(forms.Form):
    """The threat questionnaire: one level from 0 to 4 per criterion."""

    comment = forms.CharField(
        label=_("comment"), required=False, max_length=5000, widget=forms.Textarea
    )
    submit_final = forms.BooleanField(
        label=_("Submit as final (it can no longer change)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(i), label) for i, label in enumerate(ANSWER_LABELS)]
        for name in scoring.CRITERIA:
            self.fields[name] = forms.TypedChoiceField(
                label=CRITERION_QUESTIONS[name],
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
            )
        self.order_fields([*scoring.CRITERIA, "comment", "submit_final"])

    def answers(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in scoring.CRITERIA}


class ActionForm(forms.Form):
    """An action of a plan: led by a country taking part in the plan and, when one is
    named, by an action leader of that country (a username; the service checks both)."""

    code = forms.CharField(label=_("code"), max_length=24)
    title = forms.CharField(label=_("title"), max_length=300)
    description = forms.CharField(
        label=_("description"), required=False, max_length=5000, widget=forms.Textarea
    )
    leader_country = forms.ModelChoiceField(
        label=_("leader country"), queryset=Country.objects.all(), to_field_name="code"
    )
    leader = forms.CharField(
        label=_("action leader (username)"),
        max_length=150,
        required=False,
        help_text=_("An official of the leader country; leave empty while none is named."),
    )
    start_date = forms.DateField(label=_("start date"), widget=DATE)
    end_date = forms.DateField(label=_("end date"), widget=DATE)
    status = forms.ChoiceField(label=_("status"), choices=ActionStatus.choices)


class ActionEditForm(ActionForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["code"]


def _blank(choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [("", "—"), *choices]


class IndicatorEntryForm(forms.Form):
    """One figure. Values are read as text so that the service gives the one message for
    every bad value (negative, not a number, decimals on a count)."""

    kind = forms.ChoiceField(label=_("indicator"), choices=IndicatorKind.choices)
    unit = forms.ChoiceField(label=_("unit"), choices=Unit.choices)
    value = forms.CharField(label=_("value"), max_length=32)
    period_start = forms.DateField(label=_("period start"), widget=DATE)
    period_end = forms.DateField(label=_("period end"), widget=DATE)
    drug_type = forms.ChoiceField(
        label=_("drug type"), choices=_blank(DrugType.choices), required=False
    )
    sex = forms.ChoiceField(label=_("sex"), choices=_blank(Sex.choices), required=False)
    age_group = forms.ChoiceField(
        label=_("age group"), choices=_blank(AgeGroup.choices), required=False
    )
    note = forms.CharField(label=_("note"), max_length=500, required=False)


class IndicatorImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))
    mode = forms.ChoiceField(
        label=_("import"),
        choices=[
            ("all", _("All rows or nothing")),
            ("valid", _("The valid rows only")),
        ],
        initial="all",
        widget=forms.RadioSelect,
    )
