"""Forms of the exchange pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paccto.cases.models import Case
from paccto.core.choices import (
    CriminalMarket,
    HandlingCode,
    InformationReliability,
    SourceReliability,
)
from paccto.core.models import Network
from paccto.exchange.choices import COMPOSED_TYPES
from paccto.exchange.models import LANGUAGE_CHOICES, ClockRule


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (each checked by the attachment service)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class CaseChoiceField(forms.ModelChoiceField):
    """One of the actor's cases, shown by reference and title."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference} · {obj.title}"


class CaseLinkForm(forms.Form):
    case = CaseChoiceField(label=_("Case"), queryset=Case.objects.none())

    def __init__(self, *args: Any, cases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases


def clock_rule_choices(rules: Any) -> list:
    """Instruments as option groups, their urgencies inside."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for rule in rules:
        groups.setdefault(rule.instrument_name, []).append((str(rule.pk), rule.urgency_label))
    return [("", "—"), *groups.items()]


class MessageForm(forms.Form):
    message_type = forms.ChoiceField(
        label=_("Type"), choices=[(t.value, t.label) for t in COMPOSED_TYPES]
    )
    recipients = forms.TypedMultipleChoiceField(
        label=_("To institutions"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    network = forms.ModelChoiceField(
        label=_("Or to a network's contact points"),
        queryset=Network.objects.none(),
        required=False,
    )
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 10}))
    language = forms.ChoiceField(label=_("Language of the message"), choices=LANGUAGE_CHOICES)
    case_reference = forms.CharField(
        label=_("Case reference"),
        max_length=100,
        required=False,
        help_text=_("The reference the recipients know the case by, as free text."),
    )
    case = CaseChoiceField(
        label=_("Link to one of your cases"),
        queryset=Case.objects.none(),
        required=False,
        help_text=_("Only those who may read the message will see it on the case."),
    )
    criminal_markets = forms.MultipleChoiceField(
        label=_("Criminal markets"),
        choices=CriminalMarket.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    clock_rule = forms.TypedChoiceField(
        label=_("Legal instrument and urgency (requests)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    handling_code = forms.ChoiceField(
        label=_("Handling code"), choices=[("", "—"), *HandlingCode.choices], required=False
    )
    handling_note = forms.CharField(
        label=_("Handling restrictions (H3)"), max_length=500, required=False
    )
    source_reliability = forms.ChoiceField(
        label=_("Source reliability"), choices=SourceReliability.choices
    )
    information_reliability = forms.ChoiceField(
        label=_("Information reliability"), choices=InformationReliability.choices
    )
    special_category = forms.BooleanField(
        label=_("Concerns victims, witnesses, minors or informants"), required=False
    )
    attachments = MultipleFileField(label=_("Attachments"), required=False)
    in_reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False)
    hit = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        institutions: list[tuple[int, str]],
        networks: Any,
        rules: Any,
        cases: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipients"].choices = institutions
        self.fields["case"].queryset = cases
        self.fields["network"].queryset = networks
        self.rules = {rule.pk: rule for rule in rules}
        self.fields["clock_rule"].choices = clock_rule_choices(rules)

    def clean_clock_rule(self) -> ClockRule | None:
        pk = self.cleaned_data.get("clock_rule")
        return self.rules.get(pk) if pk else None


class ForwardForm(forms.Form):
    targets = forms.TypedMultipleChoiceField(
        label=_("Forward to"), coerce=int, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, institutions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["targets"].choices = institutions


class ForwardDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("grant", _("Grant")), ("refuse", _("Refuse"))]
    )
    note = forms.CharField(label=_("Reason"), max_length=500, required=False)


class EntityLinkForm(forms.Form):
    entity = forms.CharField(
        label=_("Entity (reference or number)"),
        max_length=40,
        help_text=_("For example CO-PER-0000042."),
    )

    def clean_entity(self) -> int:
        value = self.cleaned_data["entity"].strip()
        tail = value.rsplit("-", 1)[-1]
        if not tail.isdigit():
            raise forms.ValidationError(_("Give an entity reference such as CO-PER-0000042."))
        return int(tail)


class DefaultsForm(forms.Form):
    handling_code = forms.ChoiceField(label=_("Handling code"), choices=HandlingCode.choices)
    handling_note = forms.CharField(
        label=_("Handling restrictions (H3)"), max_length=500, required=False
    )
    source_reliability = forms.ChoiceField(
        label=_("Source reliability"), choices=SourceReliability.choices
    )
    information_reliability = forms.ChoiceField(
        label=_("Information reliability"), choices=InformationReliability.choices
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", "—"), *LANGUAGE_CHOICES], required=False
    )
