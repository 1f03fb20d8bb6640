"""Forms of the case and joint investigation team pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from paccto.cases.choices import (
    MANUAL_CUSTODY_KINDS,
    CaseStage,
    CooperationQuality,
    CustodyKind,
    EvidenceType,
    LegalBasis,
    MemberFunction,
    ObjectivesMet,
    ParticipantRole,
    TaskStatus,
)
from paccto.core.choices import CriminalMarket
from paccto.core.models import Institution


class InstitutionChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Institution) -> str:
        return f"{obj.country_id} · {obj.name}"


class SingleInstitutionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Institution) -> str:
        return f"{obj.country_id} · {obj.name}"


def _institutions():
    return Institution.objects.order_by("country_id", "name")


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        return value.strftime("%Y-%m-%dT%H:%M") if hasattr(value, "strftime") else value


class CaseSearchForm(forms.Form):
    q = forms.CharField(label=_("Reference or title"), max_length=100, required=False)
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", "—"), *CaseStage.choices], required=False
    )


class CaseForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=60)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    criminal_markets = forms.MultipleChoiceField(
        label=_("Criminal markets"),
        choices=CriminalMarket.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=[c for c in CaseStage.choices if c[0] != CaseStage.CLOSED],
        initial=CaseStage.INTELLIGENCE,
    )


class CaseEditForm(CaseForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["reference"]
        del self.fields["stage"]


class StageForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("New stage"), choices=CaseStage.choices)
    reason = forms.CharField(label=_("Reason"), max_length=1000)

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [c for c in CaseStage.choices if c[0] in allowed]


class ParticipantForm(forms.Form):
    institution = SingleInstitutionChoice(
        label=_("Institution"), queryset=_institutions(), required=False
    )
    username = forms.CharField(label=_("or a person (username)"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Role"), choices=ParticipantRole.choices, initial=ParticipantRole.MEMBER
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("institution")) == bool((data.get("username") or "").strip()):
            raise forms.ValidationError(_("Name either an institution or a person."))
        return data


class EntityLinkForm(forms.Form):
    entity = forms.IntegerField(
        label=_("Record number"),
        min_value=1,
        help_text=_("The number at the end of the record's reference (CO-PER-0000042: 42)."),
    )
    justification = forms.CharField(label=_("Justification"), max_length=500)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.TextInput(attrs={"placeholder": _("Reason")}),
    )


class JitForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    case = forms.TypedChoiceField(label=_("Case"), coerce=int, required=False, empty_value=None)
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)
    legal_basis_text = forms.CharField(
        label=_("Legal basis (text)"),
        max_length=500,
        required=False,
        help_text=_("Required for “Other”: name the instrument."),
    )
    purpose = forms.CharField(
        label=_("Purpose"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    end_date = forms.DateField(label=_("End date"), widget=DateInput)
    parties = InstitutionChoice(
        label=_("Parties (institutions)"),
        queryset=_institutions(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    members = forms.CharField(
        label=_("Members (usernames, one per line)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("People of the party institutions, from at least two countries."),
    )
    leader = forms.CharField(label=_("Leader (username)"), max_length=150)
    administrator = forms.CharField(
        label=_("Space administrator (username)"),
        max_length=150,
        required=False,
        help_text=_("You, unless you name another member."),
    )

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [("", "—"), *[(c.pk, str(c)) for c in cases]]

    def member_list(self) -> list[tuple[str, str]]:
        names = self.cleaned_data["members"].replace(",", "\n").splitlines()
        return [(n.strip(), "") for n in names if n.strip()]


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    function = forms.ChoiceField(
        label=_("Function"),
        choices=[("", _("From the institution's sector")), *MemberFunction.choices],
        required=False,
    )


class EvidenceForm(forms.Form):
    item = forms.CharField(label=_("Item"), max_length=200)
    evidence_type = forms.ChoiceField(label=_("Type"), choices=EvidenceType.choices)
    description = forms.CharField(
        label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    seized_at = forms.DateTimeField(label=_("Seized on"), widget=DateTimeInput)
    seized_place = forms.CharField(label=_("Seized at (place)"), max_length=300)
    seized_by = forms.CharField(label=_("Seized by"), max_length=300)


class CustodyForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Event"), choices=[(k.value, k.label) for k in MANUAL_CUSTODY_KINDS]
    )
    to_holder = forms.ChoiceField(label=_("To (member)"), required=False)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_holder"].choices = [("", "—"), *[(u, u) for u in members]]
        self.fields["kind"].initial = CustodyKind.HANDED_OVER


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    assignee = forms.ChoiceField(label=_("Assignee"))
    due_date = forms.DateField(label=_("Due date"), widget=DateInput)
    description = forms.CharField(label=_("Description"), max_length=5000, required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [(u, u) for u in members]


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)


class MeetingForm(forms.Form):
    held_at = forms.DateTimeField(label=_("Date"), widget=DateTimeInput)
    title = forms.CharField(label=_("Subject"), max_length=200)
    attendees = forms.MultipleChoiceField(label=_("Attendees"), widget=forms.CheckboxSelectMultiple)
    minutes = forms.CharField(
        label=_("Minutes"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = [(u, u) for u in members]


class EvaluationForm(forms.Form):
    objectives_met = forms.ChoiceField(
        label=_("Were the objectives met?"), choices=ObjectivesMet.choices
    )
    legal_obstacles = forms.CharField(
        label=_("Legal obstacles met"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cooperation_quality = forms.ChoiceField(
        label=_("Quality of cooperation"), choices=CooperationQuality.choices
    )
    lessons_learned = forms.CharField(
        label=_("Lessons learned"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.party_fields = []
        for institution in parties:
            name = f"party_{institution.pk}"
            self.fields[name] = forms.CharField(
                label=_("Statement of %(party)s") % {"party": institution.name},
                max_length=5000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.party_fields.append(name)

    def statements(self) -> dict[int, str]:
        return {int(n.split("_", 1)[1]): self.cleaned_data.get(n, "") for n in self.party_fields}
