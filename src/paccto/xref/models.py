"""Batch cross-referencing: an imported dataset against the store or another dataset, and
the review queue of the candidate pairs it finds."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paccto.core.explanations import ExplainedFeature, features_explained
from paccto.core.models import Institution, Progress
from paccto.entities.models import Entity, ImportBatch, Link


class XrefRun(Progress):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Comparing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    owner_institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    left_batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, related_name="+", verbose_name=_("dataset")
    )
    # Against another dataset, or (empty) against every person the creator may see.
    right_batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("against dataset"),
    )
    threshold = models.FloatField(_("threshold"), default=0.5)
    justification = models.CharField(_("justification"), max_length=500)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    compared = models.PositiveIntegerField(_("records compared"), default=0)
    candidate_count = models.PositiveIntegerField(_("candidate pairs"), default=0)
    failure = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"XREF-{self.pk:06d}"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class Decision(models.TextChoices):
    PENDING = "pending", _("To review")
    CONFIRMED = "confirmed", _("Same person")
    REJECTED = "rejected", _("Not the same")
    UNSURE = "unsure", _("Unsure")


# The decisions that settle a pair: never proposed to the institution again, nor decided again.
SETTLED = (Decision.CONFIRMED, Decision.REJECTED)


class MatchCandidate(models.Model):
    """A pair the engine found, with its probability and explanation, until a reviewer
    decides. Confirmed pairs become "same as" links; rejected pairs are never proposed
    again."""

    run = models.ForeignKey(XrefRun, on_delete=models.CASCADE, related_name="candidates")
    left = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="+")
    right = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="+")
    probability = models.FloatField(_("probability"))
    features = models.JSONField(default=list)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    link = models.ForeignKey(Link, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["-probability", "pk"]
        indexes = [models.Index(fields=["left", "right"])]

    def __str__(self) -> str:
        return f"{self.left_id}~{self.right_id} {self.decision}"

    @property
    def explained_features(self) -> list[ExplainedFeature]:
        """The stored evidence with labels and explanations in the active language."""
        return features_explained(self.features)
