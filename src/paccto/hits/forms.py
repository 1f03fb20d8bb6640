from django import forms
from django.utils.translation import gettext_lazy as _


class HitCheckForm(forms.Form):
    given_name = forms.CharField(label=_("Given names"), max_length=200, required=False)
    surname = forms.CharField(label=_("Surname"), max_length=200, required=False)
    second_surname = forms.CharField(label=_("Second surname"), max_length=200, required=False)
    full_name = forms.CharField(label=_("Full name (in one field)"), max_length=200, required=False)
    date_of_birth = forms.CharField(
        label=_("Date of birth"),
        max_length=10,
        required=False,
        help_text=_("YYYY-MM-DD, or YYYY-MM, or YYYY."),
    )
    nationality = forms.CharField(label=_("Nationality (ISO code)"), max_length=2, required=False)
    gender = forms.ChoiceField(
        label=_("Sex"),
        required=False,
        choices=[("", "—"), ("female", _("Female")), ("male", _("Male")), ("other", _("Other"))],
    )
    document_number = forms.CharField(label=_("Document number"), max_length=200, required=False)
    justification = forms.CharField(
        label=_("Justification"),
        max_length=500,
        help_text=_("Why you check this person (case, request or operation reference)."),
    )
