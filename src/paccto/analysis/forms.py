"""Forms of the link analysis pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from paccto.core.schemas import MAX_ID
from paccto.entities.forms import JustificationForm


class TimelineForm(JustificationForm):
    """Which entities to put on a timeline, and why."""

    entity = forms.TypedMultipleChoiceField(coerce=int, required=True, label=_("Entities"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Any number is a valid choice: what the actor may not see is left out later.
        values = self.data.getlist("entity") if hasattr(self.data, "getlist") else []
        self.fields["entity"].choices = [(v, v) for v in values[:50]]

    def clean_entity(self) -> list[int]:
        ids = self.cleaned_data["entity"]
        if len(ids) > 50:
            raise forms.ValidationError(_("At most 50 entities on one timeline."))
        # An id no record can have is left out, as one the actor may not see is.
        ids = [i for i in ids if 1 <= i <= MAX_ID]
        if not ids:
            raise forms.ValidationError(_("None of these entities is visible to you."))
        return ids
