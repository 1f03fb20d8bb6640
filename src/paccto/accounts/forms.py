from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from paccto.accounts.models import ApiToken
from paccto.core.choices import Role
from paccto.core.models import Institution


class SignInForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput)


class OTPForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class PasswordChangeForm(forms.Form):
    current_password = forms.CharField(
        label=_("Current password"), strip=False, widget=forms.PasswordInput
    )
    new_password = forms.CharField(label=_("New password"), strip=False, widget=forms.PasswordInput)


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    scope = forms.ChoiceField(label=_("Scope"), choices=ApiToken.Scope.choices)
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, initial=90)


class UserCreateForm(forms.Form):
    username = forms.RegexField(label=_("Username"), max_length=150, regex=r"^[A-Za-z0-9._-]+$")
    first_name = forms.CharField(label=_("Given name"), max_length=150)
    last_name = forms.CharField(label=_("Surname"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    institution = forms.ModelChoiceField(
        label=_("Institution"), queryset=Institution.objects.none()
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )
    password = forms.CharField(label=_("Initial password"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, institutions=None, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        if institutions is not None:
            self.fields["institution"].queryset = institutions
        if roles is not None:
            self.fields["roles"].choices = [(r, Role(r).label) for r in roles]


class UserRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        if roles is not None:
            self.fields["roles"].choices = [(r, Role(r).label) for r in roles]
