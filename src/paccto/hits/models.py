"""Hit/no-hit checks: who asked, and the hits they got, which their owners are told about."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paccto.core.models import Institution


class HitQuery(models.Model):
    """One check ("is this person known?"). The person asked about stays in the audit log
    only; this row counts checks for the rate limit and ties the hits together."""

    class Answer(models.TextChoices):
        ANSWERED = "answered", _("Answered (hits or no hit)")
        # A name so common that "no hit" would wrongly reassure: a date of birth or a
        # document was asked for instead (still a check: counted and audited).
        TOO_COMMON = "too_common", _("Name too common alone: a date or document asked for")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("time"), default=timezone.now)
    hit_count = models.PositiveIntegerField(_("hits"), default=0)
    justification = models.CharField(_("justification"), max_length=500)
    answer = models.CharField(
        _("answer"), max_length=16, choices=Answer.choices, default=Answer.ANSWERED
    )

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        return f"check {self.pk} by {self.user_id}"


class Band(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class HitNotification(models.Model):
    """A hit on an institution's record by another institution: the owner is told, and the
    one who asked may request the record with one click."""

    query = models.ForeignKey(HitQuery, on_delete=models.PROTECT, related_name="hits")
    entity = models.ForeignKey("entities.Entity", on_delete=models.PROTECT, related_name="+")
    owner_institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    band = models.CharField(_("score band"), max_length=8, choices=Band.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    seen_at = models.DateTimeField(_("seen"), null=True, blank=True)
    requested_at = models.DateTimeField(_("record requested"), null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["owner_institution", "at"])]

    def __str__(self) -> str:
        return f"hit {self.pk} on {self.entity_id}"
