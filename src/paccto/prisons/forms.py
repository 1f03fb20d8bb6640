"""Forms of the prison pages. They parse input; the services decide what is valid (the
same rules for pages and the API)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from paccto.entities.forms import ProvenanceForm
from paccto.exchange.forms import MessageForm
from paccto.prisons.choices import (
    AffiliationRole,
    AffiliationSource,
    ConsentException,
    CourseTopic,
    LegalStatus,
    ReportCategory,
    RiskLevel,
    SentenceType,
    TransferDocumentKind,
    TransferInstrument,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 2})
EMPTY = [("", "—")]


def entity_number(text: str) -> int | None:
    """The number of an entity from its reference (``CO-PER-0000042``) or number; 0 for
    something that is neither (found by nobody)."""
    text = text.strip()
    if not text:
        return None
    tail = text.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() and len(tail) < 12 else 0


class SentenceFields(forms.Form):
    legal_status = forms.ChoiceField(label=_("Legal status"), choices=LegalStatus.choices)
    sentence_type = forms.ChoiceField(
        label=_("Sentence"), choices=EMPTY + SentenceType.choices, required=False
    )
    sentence_months = forms.IntegerField(
        label=_("Length (months)"), required=False, min_value=0, max_value=100_000
    )
    sentence_court = forms.CharField(label=_("Sentencing court"), max_length=200, required=False)
    sentence_date = forms.DateField(label=_("Date of the sentence"), required=False, widget=DATE)
    expected_release_date = forms.DateField(
        label=_("Expected release date"), required=False, widget=DATE
    )
    risk_level = forms.ChoiceField(
        label=_("Risk level"), choices=RiskLevel.choices, initial=RiskLevel.MEDIUM
    )
    case = forms.TypedChoiceField(
        label=_("Case"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("A case your institution takes part in: its participants will see the inmate."),
    )

    def sentence(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data[name] if data[name] not in ("", None) else None
            for name in ("sentence_type", "sentence_months", "sentence_court", "sentence_date")
        }


class InmateForm(SentenceFields, ProvenanceForm):
    person = forms.CharField(
        label=_("Person of the entity store"),
        max_length=40,
        required=False,
        help_text=_("Its reference (CO-PER-0000042) or number; or leave empty and fill in below."),
    )
    person_given_name = forms.CharField(label=_("Given names"), max_length=200, required=False)
    person_surname = forms.CharField(label=_("Surname"), max_length=200, required=False)
    person_second_surname = forms.CharField(
        label=_("Second surname"), max_length=200, required=False
    )
    person_birth_date = forms.CharField(
        label=_("Date of birth"),
        max_length=10,
        required=False,
        help_text=_("YYYY-MM-DD, or YYYY-MM, or YYYY."),
    )
    person_nationality = forms.CharField(
        label=_("Nationality (ISO code)"), max_length=2, required=False
    )
    person_id_number = forms.CharField(label=_("Document number"), max_length=120, required=False)
    person_gender = forms.ChoiceField(
        label=_("Sex"),
        required=False,
        choices=[*EMPTY, ("female", _("Female")), ("male", _("Male")), ("other", _("Other"))],
    )
    register_number = forms.CharField(label=_("Prison register number"), max_length=40)
    establishment = forms.CharField(label=_("Establishment"), max_length=200)
    admission_date = forms.DateField(label=_("Admission date"), widget=DATE)

    def __init__(self, *args: Any, cases: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [("", "—"), *cases]
        self.fields["share_scope"].initial = "country"

    def groups(self) -> list[tuple[Any, list[Any]]]:
        """The fields by section, for the page."""

        def bound(*names: str) -> list[Any]:
            return [self[name] for name in names]

        return [
            (
                _("Person"),
                bound(
                    "person",
                    "person_given_name",
                    "person_surname",
                    "person_second_surname",
                    "person_birth_date",
                    "person_nationality",
                    "person_id_number",
                    "person_gender",
                ),
            ),
            (
                _("Custody"),
                bound("register_number", "establishment", "admission_date", "risk_level", "case"),
            ),
            (
                _("Legal status and sentence"),
                bound(
                    "legal_status",
                    "sentence_type",
                    "sentence_months",
                    "sentence_court",
                    "sentence_date",
                    "expected_release_date",
                ),
            ),
            (
                _("Provenance and sharing"),
                bound(
                    "source_reliability",
                    "information_reliability",
                    "handling_code",
                    "handling_note",
                    "share_scope",
                    "share_network",
                    "criminal_markets",
                ),
            ),
        ]

    def person_identity(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            name: data[f"person_{name}"]
            for name in (
                "given_name",
                "surname",
                "second_surname",
                "birth_date",
                "nationality",
                "id_number",
                "gender",
            )
        }


class InmateEditForm(SentenceFields, ProvenanceForm):
    register_number = forms.CharField(label=_("Prison register number"), max_length=40)

    def __init__(self, *args: Any, cases: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [("", "—"), *cases]

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        changes: dict[str, Any] = {
            "register_number": data["register_number"],
            "risk_level": data["risk_level"],
            "expected_release_date": data["expected_release_date"],
            "legal_status": data["legal_status"],
            **self.sentence(),
            **self.provenance(),
        }
        return changes

    @staticmethod
    def initial_for(inmate: Any) -> dict[str, Any]:
        return {
            "register_number": inmate.register_number,
            "risk_level": inmate.risk_level,
            "expected_release_date": inmate.expected_release_date,
            "legal_status": inmate.legal_status,
            "sentence_type": inmate.sentence_type,
            "sentence_months": inmate.sentence_months,
            "sentence_court": inmate.sentence_court,
            "sentence_date": inmate.sentence_date,
            "case": inmate.case_id,
            "source_reliability": inmate.source_reliability,
            "information_reliability": inmate.information_reliability,
            "handling_code": inmate.handling_code,
            "handling_note": inmate.handling_note,
            "share_scope": inmate.share_scope,
            "share_network": inmate.share_network_id,
            "criminal_markets": inmate.criminal_markets,
        }


class MoveForm(forms.Form):
    to_establishment = forms.CharField(label=_("To the establishment"), max_length=200)
    on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ReleaseForm(forms.Form):
    released_on = forms.DateField(label=_("Released on"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class AffiliationForm(ProvenanceForm):
    group_name = forms.CharField(label=_("Group"), max_length=200)
    role = forms.ChoiceField(label=_("Role in the group"), choices=AffiliationRole.choices)
    source = forms.ChoiceField(label=_("Source"), choices=AffiliationSource.choices)
    source_note = forms.CharField(label=_("About the source"), max_length=500, required=False)
    since = forms.DateField(label=_("Known since"), required=False, widget=DATE)


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class SeparationForm(forms.Form):
    other = forms.TypedChoiceField(label=_("Keep apart from"), coerce=int)
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args: Any, inmates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = inmates


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class WatchForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=_("Why your institution needs to know (case, request or operation)."),
    )
    days_before = forms.IntegerField(
        label=_("Days of notice"),
        min_value=1,
        max_value=365,
        initial=lambda: settings.PACCTO_RELEASE_ALERT_DAYS,
    )


class PrisonReportForm(MessageForm):
    """A message of secure exchange, with what a prison intelligence report adds."""

    category = forms.ChoiceField(label=_("Category"), choices=ReportCategory.choices)
    inmates = forms.TypedMultipleChoiceField(
        label=_("Inmates"),
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    occurred_on = forms.DateField(label=_("Date of the facts"), widget=DATE)
    phone_numbers = forms.CharField(
        label=_("Seized phone numbers"),
        required=False,
        widget=TEXTAREA,
        help_text=_("One per line: recorded as phones of the entity store, linked to the inmates."),
    )
    field_order = ["category", "inmates", "occurred_on", "phone_numbers"]

    def __init__(self, *args: Any, inmates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, rules=[], **kwargs)
        for name in ("message_type", "clock_rule", "in_reply_to", "hit", "special_category"):
            del self.fields[name]
        self.fields["inmates"].choices = inmates

    def phones(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["phone_numbers"].splitlines()]


class TransferOpenForm(forms.Form):
    instrument = forms.ChoiceField(label=_("Legal instrument"), choices=TransferInstrument.choices)
    administering_country = forms.ChoiceField(label=_("Administering state"))
    request_reference = forms.CharField(
        label=_("Reference of the request"),
        max_length=100,
        required=False,
        help_text=_("The judicial request for the transfer, if there is one."),
    )

    def __init__(self, *args: Any, countries: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["administering_country"].choices = [("", "—"), *countries]


class ConsentForm(forms.Form):
    consent_given = forms.BooleanField(label=_("The person consents"), required=False)
    consent_date = forms.DateField(label=_("Date of the consent"), required=False, widget=DATE)
    consent_exception = forms.ChoiceField(
        label=_("Or the legal exception"), choices=EMPTY + ConsentException.choices, required=False
    )
    note = forms.CharField(label=_("Facts and remarks"), required=False, widget=TEXTAREA)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"))
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DATE)
    grounds = forms.CharField(label=_("Grounds"), required=False, widget=TEXTAREA)

    def __init__(self, *args: Any, accept: tuple[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [accept, ("refuse", _("Refuse"))]


class AdaptForm(forms.Form):
    adapted = forms.BooleanField(label=_("The sentence is adapted"), required=False)
    adapted_sentence_months = forms.IntegerField(
        label=_("Adapted length (months)"), required=False, min_value=0, max_value=100_000
    )
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DATE)
    grounds = forms.CharField(label=_("Grounds"), required=False, widget=TEXTAREA)
    planned_transfer_date = forms.DateField(
        label=_("Planned transfer date"), required=False, widget=DATE
    )


class TransferDateForm(forms.Form):
    transfer_date = forms.DateField(label=_("Transfer date"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, widget=TEXTAREA)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=TEXTAREA)


class DocumentForm(forms.Form):
    dossier = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Document"), choices=TransferDocumentKind.choices)
    file = forms.FileField(label=_("File"))


class CourseFilterForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=EMPTY + CourseTopic.choices, required=False)
    language = forms.ChoiceField(
        label=_("Taught in"), choices=EMPTY + list(settings.LANGUAGES), required=False
    )


class SessionForm(forms.Form):
    starts_on = forms.DateField(label=_("Starts"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends"), widget=DATE)
    online = forms.BooleanField(label=_("Online"), required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language"))
    capacity = forms.IntegerField(label=_("Places"), min_value=0, max_value=100_000)

    def __init__(self, *args: Any, languages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        self.fields["language"].choices = [(code, names.get(code, code)) for code in languages]


class EnrolForm(forms.Form):
    participant = forms.TypedChoiceField(label=_("Participant"), coerce=int)

    def __init__(self, *args: Any, staff: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].choices = staff


class CompletionForm(forms.Form):
    attended = forms.BooleanField(label=_("Attended"), required=False)
    certificate = forms.BooleanField(label=_("Certificate issued"), required=False)
