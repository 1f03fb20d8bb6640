"""Inmates as their prison service knows them, what happened to them, and what the
institutions around them know and want to know about them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paccto.core.models import Institution, Provenance
from paccto.prisons.choices import (
    AffiliationRole,
    AffiliationSource,
    AlertKind,
    CustodyStatus,
    InmateEventKind,
    LegalStatus,
    ReportCategory,
    RiskLevel,
    SentenceType,
)

USER = settings.AUTH_USER_MODEL


class Inmate(Provenance):
    """A person held by a prison service, from admission to release or transfer: where,
    on what legal footing, for what sentence, how dangerous. The record belongs to the
    prison service (its owner institution, a penitentiary) and is shared as its
    provenance says; the person is a record of the entity store. The identity is kept as
    it was on admission, so that whoever may see the inmate sees whom it concerns without
    seeing the entity itself."""

    person = models.ForeignKey(
        "entities.Entity", on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    full_name = models.CharField(_("name"), max_length=300)
    birth_date = models.CharField(_("date of birth"), max_length=10, blank=True)
    nationality = models.CharField(_("nationality"), max_length=60, blank=True)
    register_number = models.CharField(_("prison register number"), max_length=40)
    establishment = models.CharField(_("establishment"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=CustodyStatus, default=CustodyStatus.IN_CUSTODY
    )
    legal_status = models.CharField(_("legal status"), max_length=10, choices=LegalStatus)
    admission_date = models.DateField(_("admission date"))
    expected_release_date = models.DateField(_("expected release date"), null=True, blank=True)
    released_on = models.DateField(_("left custody on"), null=True, blank=True)
    sentence_type = models.CharField(_("sentence"), max_length=12, choices=SentenceType, blank=True)
    sentence_months = models.PositiveIntegerField(_("sentence (months)"), null=True, blank=True)
    sentence_court = models.CharField(_("sentencing court"), max_length=200, blank=True)
    sentence_date = models.DateField(_("date of the sentence"), null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
    )
    risk_level = models.CharField(
        _("risk level"), max_length=10, choices=RiskLevel, default=RiskLevel.MEDIUM
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["full_name", "pk"]
        verbose_name = _("inmate")
        verbose_name_plural = _("inmates")
        constraints = [
            models.UniqueConstraint(
                fields=["owner_institution", "register_number"], name="uniq_inmate_register"
            ),
            # A person is in custody once at a time.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status=CustodyStatus.IN_CUSTODY),
                name="uniq_inmate_in_custody",
            ),
            models.CheckConstraint(
                condition=Q(expected_release_date__isnull=True)
                | Q(expected_release_date__gte=models.F("admission_date")),
                name="inmate_release_after_admission",
            ),
            models.CheckConstraint(
                condition=Q(released_on__isnull=True)
                | Q(released_on__gte=models.F("admission_date")),
                name="inmate_left_after_admission",
            ),
        ]
        indexes = [
            models.Index(fields=["owner_institution", "status"]),
            models.Index(fields=["status", "expected_release_date"]),
        ]

    def __str__(self) -> str:
        return f"inmate {self.pk}"

    @property
    def reference(self) -> str:
        """The reference quoted between institutions: owner's country, INM, number."""
        return f"{self.owner_institution.country_id}-INM-{self.pk:07d}"

    @property
    def in_custody(self) -> bool:
        return self.status == CustodyStatus.IN_CUSTODY


class InmateEvent(models.Model):
    """One step of an inmate's custody (admission, move to another establishment,
    sentence, release date changed, release, transfer abroad): when it happened, who
    recorded it, from what to what."""

    inmate = models.ForeignKey(Inmate, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=16, choices=InmateEventKind)
    on = models.DateField(_("date"))
    at = models.DateTimeField(_("recorded"), default=timezone.now)
    by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_value = models.CharField(_("from"), max_length=200, blank=True)
    to_value = models.CharField(_("to"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["on", "at", "pk"]
        verbose_name = _("custody event")
        indexes = [models.Index(fields=["inmate", "on"])]

    def __str__(self) -> str:
        return f"{self.kind} of inmate {self.inmate_id} on {self.on}"


class Affiliation(Provenance):
    """An inmate's membership of an organised-crime group, as intelligence: who says so
    (the owner), from what source, how reliable it is (4x4), how it may be handled and
    with whom it is shared. It may be shared more narrowly than the inmate record."""

    inmate = models.ForeignKey(Inmate, on_delete=models.CASCADE, related_name="affiliations")
    group_name = models.CharField(_("group"), max_length=200)
    role = models.CharField(_("role in the group"), max_length=12, choices=AffiliationRole)
    source = models.CharField(_("source"), max_length=20, choices=AffiliationSource)
    source_note = models.CharField(_("about the source"), max_length=500, blank=True)
    since = models.DateField(_("known since"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=500, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["inmate", "group_name", "pk"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        indexes = [models.Index(fields=["inmate", "ended_on"])]

    def __str__(self) -> str:
        return f"affiliation {self.pk} of inmate {self.inmate_id}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        if self.source == AffiliationSource.OTHER and not self.source_note.strip():
            raise ValidationError({"source_note": _("Describe the source.")})

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


class SeparationOrder(models.Model):
    """Two inmates who must be kept apart (rival groups, a witness and the accused, a
    threat), with the reason; lifted with a reason, never deleted."""

    inmate = models.ForeignKey(Inmate, on_delete=models.CASCADE, related_name="separations")
    other = models.ForeignKey(
        Inmate, on_delete=models.CASCADE, related_name="+", verbose_name=_("keep apart from")
    )
    reason = models.CharField(_("reason"), max_length=500)
    ordered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    ordered_at = models.DateTimeField(_("ordered"), default=timezone.now)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lift_reason = models.CharField(_("why it was lifted"), max_length=500, blank=True)

    class Meta:
        ordering = ["-ordered_at", "pk"]
        verbose_name = _("separation order")
        verbose_name_plural = _("separation orders")
        constraints = [
            models.CheckConstraint(
                condition=~Q(inmate=models.F("other")), name="separation_not_from_oneself"
            )
        ]

    def __str__(self) -> str:
        return f"separation of {self.inmate_id} and {self.other_id}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class ReleaseWatch(models.Model):
    """An institution (police, prosecution) that asked to be told before an inmate is
    released or transferred, and at the event itself."""

    inmate = models.ForeignKey(Inmate, on_delete=models.CASCADE, related_name="watches")
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    days_before = models.PositiveSmallIntegerField(_("days of notice"))
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("release watch")
        verbose_name_plural = _("release watches")
        constraints = [
            models.UniqueConstraint(
                fields=["inmate", "institution"],
                condition=Q(ended_at__isnull=True),
                name="uniq_active_release_watch",
            )
        ]
        indexes = [models.Index(fields=["ended_at", "inmate"])]

    def __str__(self) -> str:
        return f"watch {self.pk} on inmate {self.inmate_id}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class ReleaseAlert(models.Model):
    """One alert sent for a watch: at most one per watch, kind and date of the event (the
    unique constraint is what sends each alert once, however often the clock runs)."""

    watch = models.ForeignKey(ReleaseWatch, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(_("alert"), max_length=12, choices=AlertKind)
    event_date = models.DateField(_("date of the event"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    notified = models.PositiveIntegerField(_("people told"), default=0)

    class Meta:
        ordering = ["-sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["watch", "kind", "event_date"], name="uniq_release_alert"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} of watch {self.watch_id} for {self.event_date}"


class PrisonReport(models.Model):
    """A prison intelligence report (an incident, a seized phone, communications,
    recruitment, orders given from inside, a corruption attempt) about one or more
    inmates. It travels as a message of secure exchange, whose rules it follows: its
    recipients, handling code, grade, attachments and onward sharing are the message's."""

    message = models.OneToOneField(
        "exchange.Message", on_delete=models.PROTECT, related_name="prison_report"
    )
    category = models.CharField(_("category"), max_length=20, choices=ReportCategory)
    occurred_on = models.DateField(_("date of the facts"))
    inmates = models.ManyToManyField(Inmate, related_name="reports", verbose_name=_("inmates"))
    phone_numbers = models.JSONField(_("seized phone numbers"), default=list, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("prison intelligence report")
        verbose_name_plural = _("prison intelligence reports")

    def __str__(self) -> str:
        return f"report {self.pk} ({self.category})"
