"""A minimal operational record used to exercise the provenance policy in tests."""

from django.db import models

from paccto.core.models import Provenance
from paccto.core.permissions import ProvenancePolicy, register_policy


class Dossier(Provenance):
    title = models.CharField(max_length=100)
    case_id = models.IntegerField(null=True, blank=True)

    class Meta:
        app_label = "provenance_app"

    def __str__(self) -> str:
        return self.title


register_policy(Dossier, ProvenancePolicy(case_field="case_id"))
