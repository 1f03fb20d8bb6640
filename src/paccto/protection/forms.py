"""Forms of the protection-order pages. They parse input; the services decide what is valid
(the same rules for pages and the API)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paccto.protection.choices import ContactMeans, MeasureKind, MonitoringKind, RefusalGround

MAX_CHILD_ROWS = 4
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXTAREA = forms.Textarea(attrs={"rows": 2})


class OrderIssueForm(forms.Form):
    national_measure_reference = forms.CharField(
        label=_("Reference of the national measure"), max_length=120
    )
    national_measure_date = forms.DateField(label=_("Date of the national measure"), widget=DATE)
    national_measure_authority = forms.CharField(
        label=_("Authority that ordered it"), max_length=200
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    valid_to = forms.DateField(label=_("Valid until"), widget=DATE)

    respondent = forms.CharField(
        label=_("Person of the entity store"),
        max_length=40,
        required=False,
        help_text=_("Its reference (AR-PER-0000042) or number; or leave empty and fill in below."),
    )
    respondent_given_name = forms.CharField(label=_("Given names"), max_length=200, required=False)
    respondent_surname = forms.CharField(label=_("Surname"), max_length=200, required=False)
    respondent_second_surname = forms.CharField(
        label=_("Second surname"), max_length=200, required=False
    )
    respondent_date_of_birth = forms.CharField(
        label=_("Date of birth"),
        max_length=10,
        required=False,
        help_text=_("YYYY-MM-DD, or YYYY-MM, or YYYY."),
    )
    respondent_nationality = forms.CharField(
        label=_("Nationality (ISO code)"), max_length=2, required=False
    )
    respondent_document = forms.CharField(
        label=_("Document number"), max_length=120, required=False
    )
    respondent_gender = forms.ChoiceField(
        label=_("Sex"),
        required=False,
        choices=[("", "—"), ("female", _("Female")), ("male", _("Male")), ("other", _("Other"))],
    )

    victim_given_names = forms.CharField(label=_("Given names"), max_length=200)
    victim_surnames = forms.CharField(label=_("Surnames"), max_length=200)
    victim_date_of_birth = forms.DateField(label=_("Date of birth"), widget=DATE)
    victim_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    victim_email = forms.CharField(label=_("E-mail"), max_length=200, required=False)
    victim_address = forms.CharField(
        label=_("Address"), max_length=500, required=False, widget=TEXTAREA
    )

    m_no_entry = forms.BooleanField(label=MeasureKind.NO_ENTRY.label, required=False)
    no_entry_places = forms.CharField(
        label=_("Places"),
        max_length=2000,
        required=False,
        widget=TEXTAREA,
        help_text=_("Areas or kinds of places, not her address: it is never shown to the police."),
    )
    m_no_contact = forms.BooleanField(label=MeasureKind.NO_CONTACT.label, required=False)
    no_contact_means = forms.MultipleChoiceField(
        label=_("Means of contact forbidden"),
        choices=ContactMeans.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    m_distance = forms.BooleanField(label=MeasureKind.DISTANCE.label, required=False)
    distance_metres = forms.IntegerField(label=_("Distance (metres)"), required=False)
    m_monitoring = forms.BooleanField(label=MeasureKind.MONITORING.label, required=False)
    monitoring_system = forms.ChoiceField(
        label=_("Monitoring system"),
        choices=[("", "—"), *MonitoringKind.choices],
        required=False,
    )
    monitoring_note = forms.CharField(
        label=_("Details"), max_length=2000, required=False, widget=TEXTAREA
    )
    m_weapons = forms.BooleanField(label=MeasureKind.WEAPONS.label, required=False)
    weapons_note = forms.CharField(
        label=_("Weapons and licences surrendered"),
        max_length=2000,
        required=False,
        widget=TEXTAREA,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, MAX_CHILD_ROWS + 1):
            self.fields[f"child_{n}_given_names"] = forms.CharField(
                label=_("Given names"), max_length=200, required=False
            )
            self.fields[f"child_{n}_surnames"] = forms.CharField(
                label=_("Surnames"), max_length=200, required=False
            )
            self.fields[f"child_{n}_date_of_birth"] = forms.DateField(
                label=_("Date of birth"), required=False, widget=DATE
            )

    def groups(self) -> list[tuple[str, list[Any]]]:
        """The fields by section, for the page."""

        def bound(*names: str) -> list[Any]:
            return [self[name] for name in names]

        children = [
            (
                _("Child %(n)d") % {"n": n},
                bound(f"child_{n}_given_names", f"child_{n}_surnames", f"child_{n}_date_of_birth"),
            )
            for n in range(1, MAX_CHILD_ROWS + 1)
        ]
        return [
            (
                _("National protection measure"),
                bound(
                    "national_measure_reference",
                    "national_measure_date",
                    "national_measure_authority",
                    "valid_from",
                    "valid_to",
                ),
            ),
            (
                _("Person causing danger"),
                bound(
                    "respondent",
                    "respondent_given_name",
                    "respondent_surname",
                    "respondent_second_surname",
                    "respondent_date_of_birth",
                    "respondent_nationality",
                    "respondent_document",
                    "respondent_gender",
                ),
            ),
            (
                _("Protected person (encrypted, protection officers only)"),
                bound(
                    "victim_given_names",
                    "victim_surnames",
                    "victim_date_of_birth",
                    "victim_phone",
                    "victim_email",
                    "victim_address",
                ),
            ),
            *children,
            (
                _("Measures"),
                bound(
                    "m_no_entry",
                    "no_entry_places",
                    "m_no_contact",
                    "no_contact_means",
                    "m_distance",
                    "distance_metres",
                    "m_monitoring",
                    "monitoring_system",
                    "monitoring_note",
                    "m_weapons",
                    "weapons_note",
                ),
            ),
        ]

    def respondent_number(self) -> int | None:
        """The entity number of the chosen person (from ``AR-PER-0000042`` or ``42``)."""
        text = self.cleaned_data["respondent"].strip()
        if not text:
            return None
        tail = text.rsplit("-", 1)[-1]
        return int(tail) if tail.isdigit() and len(tail) < 12 else 0

    def respondent_identity(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            name: data[f"respondent_{name}"]
            for name in (
                "given_name",
                "surname",
                "second_surname",
                "date_of_birth",
                "nationality",
                "document",
                "gender",
            )
        }

    def victim(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data[f"victim_{name}"]
            for name in ("given_names", "surnames", "date_of_birth", "phone", "email", "address")
        }

    def children(self) -> list[dict[str, Any]]:
        rows = []
        for n in range(1, MAX_CHILD_ROWS + 1):
            row = {
                name: self.cleaned_data.get(f"child_{n}_{name}")
                for name in ("given_names", "surnames", "date_of_birth")
            }
            if any(row.values()):
                rows.append(row)
        return rows

    def measures(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        chosen: list[dict[str, Any]] = []
        if data["m_no_entry"]:
            chosen.append({"kind": MeasureKind.NO_ENTRY, "places": data["no_entry_places"]})
        if data["m_no_contact"]:
            chosen.append(
                {"kind": MeasureKind.NO_CONTACT, "contact_means": data["no_contact_means"]}
            )
        if data["m_distance"]:
            chosen.append(
                {"kind": MeasureKind.DISTANCE, "distance_metres": data["distance_metres"]}
            )
        if data["m_monitoring"]:
            chosen.append(
                {
                    "kind": MeasureKind.MONITORING,
                    "monitoring": data["monitoring_system"],
                    "note": data["monitoring_note"],
                }
            )
        if data["m_weapons"]:
            chosen.append({"kind": MeasureKind.WEAPONS, "note": data["weapons_note"]})
        return chosen


class TransmitForm(forms.Form):
    executing_institution = forms.IntegerField(label=_("Executing authority"), required=False)

    def __init__(self, *args: Any, institutions: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(i.pk, f"{i.country.name} — {i.name}") for i in institutions]
        self.fields["executing_institution"].widget = forms.Select(choices=choices)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("recognise", _("Recognise")),
            ("refuse", _("Refuse")),
            ("enforce", _("Put in force")),
        ],
    )
    ground = forms.ChoiceField(
        label=_("Ground for refusing"), choices=[("", "—"), *RefusalGround.choices], required=False
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False, widget=TEXTAREA)


class CloseForm(forms.Form):
    closing = forms.ChoiceField(
        label=_("Action"), choices=[("revoke", _("Revoke")), ("withdraw", _("Withdraw"))]
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=TEXTAREA)


class BreachForm(forms.Form):
    measure = forms.IntegerField(label=_("Measure breached"), required=False)
    occurred_at = forms.DateTimeField(label=_("Date and time of the breach"), widget=DATETIME)
    place = forms.CharField(
        label=_("Place"),
        max_length=300,
        help_text=_("Where it happened, in general terms: not her address."),
    )
    description = forms.CharField(label=_("Description"), max_length=2000, widget=TEXTAREA)
    action_taken = forms.CharField(label=_("Action taken"), max_length=2000, widget=TEXTAREA)
    victim_informed = forms.BooleanField(
        label=_("The protected person was informed through the issuing authority"), required=False
    )
    victim_informed_at = forms.DateTimeField(
        label=_("Informed on"), required=False, widget=DATETIME
    )

    def __init__(self, *args: Any, measures: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(m.pk, m.get_kind_display()) for m in measures]
        self.fields["measure"].widget = forms.Select(choices=choices)


class VictimInformedForm(forms.Form):
    informed_at = forms.DateTimeField(label=_("Informed on"), widget=DATETIME)


class VerifyForm(forms.Form):
    number = forms.CharField(
        label=_("Order number"),
        max_length=40,
        required=False,
        help_text=_("For example AR-OMP-2026-000123. Or give the identity below."),
    )
    given_name = forms.CharField(label=_("Given names"), max_length=200, required=False)
    surname = forms.CharField(label=_("Surname"), max_length=200, required=False)
    second_surname = forms.CharField(label=_("Second surname"), max_length=200, required=False)
    date_of_birth = forms.CharField(
        label=_("Date of birth"),
        max_length=10,
        required=False,
        help_text=_("YYYY-MM-DD, or YYYY-MM, or YYYY."),
    )
    justification = forms.CharField(
        label=_("Justification"),
        max_length=500,
        help_text=_("Why you check (intervention, call or operation reference)."),
    )


class OrderFilterForm(forms.Form):
    q = forms.CharField(label=_("Number or name"), max_length=100, required=False)
