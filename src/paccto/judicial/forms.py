"""Forms of the judicial pages. They parse input only: every rule is the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from paccto.cases.forms import DateInput
from paccto.core.choices import CriminalMarket
from paccto.core.models import Institution
from paccto.judicial.choices import (
    EntityRole,
    Finality,
    JudgmentType,
    RequestStatus,
    RequestType,
    SafeguardQuestion,
    SentenceType,
    Urgency,
)
from paccto.judicial.models import LegalBasis, RefusalGround

YES_NO = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]


class InstitutionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Institution) -> str:
        return f"{obj.country_id} · {obj.name}"


class LegalBasisChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: LegalBasis) -> str:
        return obj.name


class GroundChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: RefusalGround) -> str:
        return obj.label


class RequestSearchForm(forms.Form):
    box = forms.ChoiceField(
        label=_("Requests"),
        choices=[("", _("All")), ("outgoing", _("Outgoing")), ("incoming", _("Incoming"))],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "—"), *RequestStatus.choices], required=False
    )
    request_type = forms.ChoiceField(
        label=_("Kind"), choices=[("", "—"), *RequestType.choices], required=False
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    q = forms.CharField(label=_("Number or subject"), max_length=100, required=False)


class RequestForm(forms.Form):
    """A request as its requesting authority states it."""

    request_type = forms.ChoiceField(label=_("Kind of request"), choices=RequestType.choices)
    executing_institution = InstitutionChoice(
        label=_("Requested (executing) authority"), queryset=Institution.objects.none()
    )
    legal_basis = LegalBasisChoice(
        label=_("Legal basis"), queryset=LegalBasis.objects.filter(active=True)
    )
    legal_basis_detail = forms.CharField(
        label=_("Treaty or articles"),
        max_length=300,
        required=False,
        help_text=_("Required for a bilateral treaty: its title, date and articles."),
    )
    requesting_central_authority = InstitutionChoice(
        label=_("Central authority of your state (if involved)"),
        queryset=Institution.objects.none(),
        required=False,
    )
    executing_central_authority = InstitutionChoice(
        label=_("Central authority of the requested state (if involved)"),
        queryset=Institution.objects.none(),
        required=False,
    )
    case = forms.ModelChoiceField(
        label=_("Case"), queryset=Institution.objects.none(), required=False
    )
    title = forms.CharField(label=_("Subject"), max_length=200)
    offence = forms.CharField(label=_("Offence (legal qualification)"), max_length=500)
    facts = forms.CharField(
        label=_("Facts"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    facts_from = forms.DateField(label=_("Facts from"), required=False, widget=DateInput)
    facts_to = forms.DateField(label=_("Facts until"), required=False, widget=DateInput)
    criminal_markets = forms.MultipleChoiceField(
        label=_("Criminal markets"),
        choices=CriminalMarket.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    measures = forms.CharField(
        label=_("Measures asked"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    urgency_reasons = forms.CharField(
        label=_("Reasons for urgency"), max_length=1000, required=False
    )
    language = forms.ChoiceField(label=_("Language of the request"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, executing: Any, centrals: Any, cases: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["executing_institution"].queryset = executing
        fields["requesting_central_authority"].queryset = centrals
        fields["executing_central_authority"].queryset = centrals
        fields["case"].queryset = cases
        fields["case"].label_from_instance = lambda case: f"{case.reference}: {case.title}"


class RequestEditForm(RequestForm):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        del self.fields["request_type"]


class StepForm(forms.Form):
    action = forms.CharField(max_length=40)
    reason = forms.CharField(
        label=_("Reason or message"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    ground = GroundChoice(
        label=_("Refusal ground"), queryset=RefusalGround.objects.none(), required=False
    )

    def __init__(self, *args: Any, grounds: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["ground"].queryset = (
            grounds if grounds is not None else RefusalGround.objects.filter(active=True)
        )


class ExtendForm(forms.Form):
    notice = forms.CharField(
        label=_("Notice to the requesting side"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EntityForm(forms.Form):
    entity = forms.IntegerField(
        label=_("Record number"),
        min_value=1,
        max_value=2**53,
        help_text=_("The number at the end of the record's reference (CO-PER-0000042: 42)."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=EntityRole.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class AttachmentForm(forms.Form):
    request = forms.IntegerField(min_value=1, max_value=2**53, widget=forms.HiddenInput)


class SafeguardForm(forms.Form):
    """One answer (yes or no), explanation and assurance per human-rights question."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for code, label in SafeguardQuestion.choices:
            self.fields[f"{code}_answer"] = forms.ChoiceField(
                label=label, choices=YES_NO, required=False
            )
            self.fields[f"{code}_explanation"] = forms.CharField(
                label=_("Explanation"),
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if code == SafeguardQuestion.DEATH_PENALTY:
                self.fields[f"{code}_assurance"] = forms.CharField(
                    label=_("Assurance given (if the death penalty is a risk)"),
                    max_length=2000,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def answers(self) -> list[dict[str, Any]]:
        """The questions answered (or explained): the services check the rest."""
        data = self.cleaned_data
        out = []
        for code in SafeguardQuestion.values:
            answer = data.get(f"{code}_answer", "")
            explanation = data.get(f"{code}_explanation", "")
            if not answer and not explanation:
                continue
            out.append(
                {
                    "question": code,
                    "answer": {"yes": True, "no": False}.get(answer),
                    "explanation": explanation,
                    "assurance": data.get(f"{code}_assurance", ""),
                }
            )
        return out


class JudgmentForm(forms.Form):
    court = InstitutionChoice(label=_("Court"), queryset=Institution.objects.none())
    court_reference = forms.CharField(label=_("Court's reference"), max_length=100, required=False)
    judgment_date = forms.DateField(label=_("Date of the judgment"), widget=DateInput)
    judgment_type = forms.ChoiceField(label=_("Outcome"), choices=JudgmentType.choices)
    defendant = forms.IntegerField(
        label=_("Person judged (record number)"),
        min_value=1,
        max_value=2**53,
        required=False,
        help_text=_("The number at the end of the record's reference (CO-PER-0000042: 42)."),
    )
    offences = forms.CharField(label=_("Offences"), max_length=1000)
    sentence_type = forms.ChoiceField(label=_("Sentence"), choices=SentenceType.choices)
    sentence_months = forms.IntegerField(
        label=_("Months"), min_value=0, max_value=100_000, required=False
    )
    sentence_days = forms.IntegerField(
        label=_("Days"), min_value=0, max_value=100_000, required=False
    )
    fine_amount = forms.DecimalField(
        label=_("Fine"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    fine_currency = forms.CharField(label=_("Currency"), max_length=3, required=False)
    confiscation_ordered = forms.BooleanField(label=_("Confiscation ordered"), required=False)
    confiscation_details = forms.CharField(
        label=_("What is confiscated"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    finality = forms.ChoiceField(label=_("Finality"), choices=Finality.choices)
    final_on = forms.DateField(label=_("Final since"), required=False, widget=DateInput)

    def __init__(self, *args: Any, courts: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["court"].queryset = courts


class FinalForm(forms.Form):
    final_on = forms.DateField(label=_("Final since"), widget=DateInput)
