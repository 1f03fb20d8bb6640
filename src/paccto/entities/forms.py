"""Forms of the entity pages, built from the schema registry."""

from django import forms
from django.utils.translation import gettext_lazy as _

from paccto.core.choices import (
    CriminalMarket,
    HandlingCode,
    InformationReliability,
    ShareScope,
    SourceReliability,
)
from paccto.core.models import Network
from paccto.entities.choices import LinkType
from paccto.entities.models import SCHEMA_CHOICES
from paccto.entities.schemata import SCHEMATA

VALUE_SEPARATOR = ";"


class JustificationForm(forms.Form):
    justification = forms.CharField(
        label=_("Justification"),
        max_length=500,
        help_text=_("Why you consult this data (case, request or operation reference)."),
    )


class EntitySearchForm(JustificationForm):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    schema = forms.ChoiceField(
        label=_("Kind"), choices=[("", "—"), *SCHEMA_CHOICES], required=False
    )


class ProvenanceForm(forms.Form):
    source_reliability = forms.ChoiceField(
        label=_("Source reliability"), choices=SourceReliability.choices, initial="X"
    )
    information_reliability = forms.ChoiceField(
        label=_("Information reliability"), choices=InformationReliability.choices, initial="4"
    )
    handling_code = forms.ChoiceField(
        label=_("Handling code"), choices=HandlingCode.choices, initial="H0"
    )
    handling_note = forms.CharField(
        label=_("Handling restrictions"), max_length=500, required=False
    )
    share_scope = forms.ChoiceField(
        label=_("Shared with"), choices=ShareScope.choices, initial=ShareScope.OWNER
    )
    share_network = forms.ModelChoiceField(
        label=_("Network shared with"), queryset=Network.objects.order_by("name"), required=False
    )
    criminal_markets = forms.MultipleChoiceField(
        label=_("Criminal markets"),
        choices=CriminalMarket.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def provenance(self) -> dict:
        data = dict(self.cleaned_data)
        network = data.pop("share_network", None)
        data["share_network_id"] = network.pk if network else None
        return {
            k: data[k]
            for k in (
                "source_reliability",
                "information_reliability",
                "handling_code",
                "handling_note",
                "share_scope",
                "share_network_id",
                "criminal_markets",
            )
        }


class EntityForm(ProvenanceForm):
    """One text field per property of the schema; several values separated by ";"."""

    is_victim = forms.BooleanField(label=_("Victim"), required=False)
    is_witness = forms.BooleanField(label=_("Witness"), required=False)
    is_minor = forms.BooleanField(label=_("Minor"), required=False)
    is_informant = forms.BooleanField(label=_("Informant"), required=False)
    note = forms.CharField(label=_("Note on this change"), max_length=300, required=False)

    def __init__(self, *args, schema: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.schema = SCHEMATA[schema]
        fields = {}
        for prop in self.schema.props:
            fields[f"p_{prop.name}"] = forms.CharField(
                label=prop.label,
                max_length=2000,
                required=False,
                help_text=_("Several values: separate them with ;") if prop.kind != "text" else "",
            )
        self.fields = {**fields, **self.fields}
        if schema != "Person":
            for flag in ("is_victim", "is_witness", "is_minor", "is_informant"):
                del self.fields[flag]

    def properties(self) -> dict[str, list[str]]:
        return {
            prop.name: [
                v.strip() for v in self.cleaned_data[f"p_{prop.name}"].split(VALUE_SEPARATOR)
            ]
            for prop in self.schema.props
            if self.cleaned_data.get(f"p_{prop.name}", "").strip()
        }

    def flags(self) -> dict[str, bool]:
        return {
            flag: bool(self.cleaned_data.get(flag))
            for flag in ("is_victim", "is_witness", "is_minor", "is_informant")
            if flag in self.fields
        }

    @staticmethod
    def initial_for(entity) -> dict:
        initial = {
            f"p_{name}": f" {VALUE_SEPARATOR} ".join(values)
            for name, values in entity.properties.items()
        }
        for field in (
            "source_reliability",
            "information_reliability",
            "handling_code",
            "handling_note",
            "share_scope",
            "criminal_markets",
            "is_victim",
            "is_witness",
            "is_minor",
            "is_informant",
        ):
            initial[field] = getattr(entity, field)
        initial["share_network"] = entity.share_network_id
        return initial


class LinkForm(ProvenanceForm):
    target = forms.CharField(label=_("Linked entity (reference or number)"), max_length=40)
    link_type = forms.ChoiceField(label=_("Relation"), choices=LinkType.choices)
    start_date = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def clean_target(self) -> int:
        import re

        match = re.search(r"(\d{1,15})\s*$", self.cleaned_data["target"])
        if not match or int(match.group(1)) < 1:
            raise forms.ValidationError(_("Enter a reference such as CO-PER-0000042."))
        return int(match.group(1))


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=[("csv", _("CSV")), ("ftm", _("FollowTheMoney JSON lines"))],
        initial="csv",
    )
    schema = forms.ChoiceField(
        label=_("Kind of entities (CSV)"), choices=[("", "—"), *SCHEMA_CHOICES], required=False
    )


class ImportMappingForm(ProvenanceForm):
    """One choice per column of the file: the property it holds, or nothing."""

    def __init__(self, *args, headers: list[str], targets: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        columns = {}
        for index, header in enumerate(headers):
            columns[f"col_{index}"] = forms.ChoiceField(
                label=header, choices=[("", _("(ignore)")), *targets], required=False
            )
        self.headers = headers
        self.fields = {**columns, **self.fields}

    def column_fields(self) -> list:
        return [self[f"col_{i}"] for i in range(len(self.headers))]

    def provenance_fields(self) -> list:
        return [self[name] for name in self.fields if not name.startswith("col_")]

    def mapping(self) -> dict[str, str]:
        return {
            header: self.cleaned_data[f"col_{index}"]
            for index, header in enumerate(self.headers)
            if self.cleaned_data.get(f"col_{index}")
        }

    @staticmethod
    def initial_for(mapping: dict[str, str], headers: list[str]) -> dict[str, str]:
        return {f"col_{i}": mapping.get(h, "") for i, h in enumerate(headers)}


class MergeForm(forms.Form):
    target = forms.CharField(
        label=_("Duplicate to merge into this record (reference)"), max_length=40
    )
    reason = forms.CharField(label=_("Why they are the same"), max_length=500)

    clean_target = LinkForm.clean_target


class UnmergeForm(forms.Form):
    reason = forms.CharField(label=_("Why they are not the same"), max_length=500)
