from django import forms
from django.utils.translation import gettext_lazy as _

from paccto.audit.choices import AuditAction


class AuditSearchForm(forms.Form):
    username = forms.CharField(label=_("Actor"), max_length=150, required=False)
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", "—"), *AuditAction.choices], required=False
    )
    object_type = forms.CharField(label=_("Object type"), max_length=80, required=False)
    object_id = forms.CharField(label=_("Object id"), max_length=80, required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
