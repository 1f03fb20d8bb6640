from django import forms
from django.utils.translation import gettext_lazy as _

from paccto.entities.models import ImportBatch


class BatchChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: ImportBatch) -> str:
        return f"{obj.reference} · {obj.file_name} ({obj.imported})"


class XrefRunForm(forms.Form):
    left_batch = BatchChoice(label=_("Dataset"), queryset=ImportBatch.objects.none())
    right_batch = BatchChoice(
        label=_("Against"),
        queryset=ImportBatch.objects.none(),
        required=False,
        empty_label=_("Every person you may see in the store"),
    )
    threshold = forms.FloatField(label=_("Threshold"), initial=0.5, min_value=0.05, max_value=1)
    justification = forms.CharField(label=_("Justification"), max_length=500)

    def __init__(self, *args, datasets=None, **kwargs):
        super().__init__(*args, **kwargs)
        if datasets is not None:
            self.fields["left_batch"].queryset = datasets
            self.fields["right_batch"].queryset = datasets
