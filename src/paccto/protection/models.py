"""Cross-border protection orders for victims of gender violence: the order issued from a
national protection measure, its transmission to the states where the protected person lives
or stays, their recognition, frontline verification and breach reports.

The protected person's and her children's data (``ProtectedPerson``) are encrypted at rest;
everything else holds no data about them, so that lists, verification answers, statistics
and the audit log can never show it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paccto.core.encrypted_fields import EncryptedTextField
from paccto.core.models import Institution
from paccto.protection.choices import (
    AgeGroup,
    ContactMeans,
    LegalFramework,
    MeasureKind,
    MonitoringKind,
    NotificationKind,
    OrderEventKind,
    OrderStatus,
    PersonRole,
    RefusalGround,
)


class ProtectionOrder(models.Model):
    """An order of protection issued by a judicial, prosecution or police authority from a
    national protection measure, to travel with the protected person to other states (a
    Mercosur Protection Order or a European Protection Order)."""

    number = models.CharField(_("order number"), max_length=32, unique=True)
    framework = models.CharField(_("legal framework"), max_length=8, choices=LegalFramework)
    issuing_institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issuing authority"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=OrderStatus, default=OrderStatus.DRAFT
    )
    national_measure_reference = models.CharField(_("national measure reference"), max_length=120)
    national_measure_date = models.DateField(_("date of the national measure"))
    national_measure_authority = models.CharField(
        _("authority that ordered the national measure"), max_length=200
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"))
    # The person causing danger: a person of the entity store, and his identity as the order
    # states it (what the executing states receive and verify against).
    respondent = models.ForeignKey(
        "entities.Entity",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("person causing danger"),
    )
    respondent_given_name = models.CharField(_("given names"), max_length=200, blank=True)
    respondent_surname = models.CharField(_("surname"), max_length=200, blank=True)
    respondent_second_surname = models.CharField(_("second surname"), max_length=200, blank=True)
    respondent_full_name = models.CharField(_("full name"), max_length=300, blank=True)
    respondent_date_of_birth = models.CharField(_("date of birth"), max_length=10, blank=True)
    respondent_nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    respondent_document = models.CharField(_("document number"), max_length=120, blank=True)
    respondent_gender = models.CharField(_("sex"), max_length=8, blank=True)
    # Statistics only: the protected person's age group on the day of issue.
    victim_age_group = models.CharField(_("age group"), max_length=8, choices=AgeGroup)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("issued"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("protection order")
        verbose_name_plural = _("protection orders")
        indexes = [
            models.Index(fields=["issuing_institution", "status"]),
            models.Index(fields=["status", "valid_to"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")),
                name="protection_order_validity_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.number

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end of validity comes before its start.")})

    @property
    def is_ended(self) -> bool:
        from paccto.protection.choices import ENDED

        return self.status in ENDED

    @property
    def respondent_name(self) -> str:
        parts = [
            self.respondent_given_name,
            self.respondent_surname,
            self.respondent_second_surname,
        ]
        return " ".join(p for p in parts if p) or self.respondent_full_name


class ProtectedPerson(models.Model):
    """The protected woman or one of her children, as the order names them. Every field is
    encrypted at rest; only protection officers of the issuing and executing authorities
    read them, each time with a stated reason."""

    order = models.ForeignKey(
        ProtectionOrder, on_delete=models.CASCADE, related_name="protected_persons"
    )
    role = models.CharField(_("role"), max_length=8, choices=PersonRole)
    position = models.PositiveSmallIntegerField(default=0)
    given_names = EncryptedTextField(_("given names"))
    surnames = EncryptedTextField(_("surnames"))
    date_of_birth = EncryptedTextField(_("date of birth"))
    phone = EncryptedTextField(_("phone"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)

    class Meta:
        ordering = ["order", "position", "pk"]
        verbose_name = _("protected person")
        verbose_name_plural = _("protected persons")

    def __str__(self) -> str:
        # Never the name: this text may end up in logs or error reports.
        return f"{self.role} {self.pk} of order {self.order_id}"


class ProtectionMeasure(models.Model):
    """One measure the person causing danger must respect, with the details that make it
    enforceable (places, means of contact, distance, monitoring, weapons)."""

    order = models.ForeignKey(ProtectionOrder, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("measure"), max_length=12, choices=MeasureKind)
    places = models.TextField(_("places"), blank=True)
    contact_means = models.JSONField(_("means of contact"), default=list, blank=True)
    distance_metres = models.PositiveIntegerField(_("distance (metres)"), null=True, blank=True)
    monitoring = models.CharField(
        _("monitoring system"), max_length=12, choices=MonitoringKind, blank=True
    )
    note = models.TextField(_("details"), blank=True)

    class Meta:
        ordering = ["order", "kind"]
        verbose_name = _("protection measure")
        verbose_name_plural = _("protection measures")
        constraints = [
            models.UniqueConstraint(fields=["order", "kind"], name="uniq_protection_measure_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} of order {self.order_id}"

    @property
    def label(self) -> str:
        return str(MeasureKind(self.kind).label)

    @property
    def contact_means_labels(self) -> tuple[str, ...]:
        return tuple(str(ContactMeans(m).label) for m in self.contact_means if m in ContactMeans)

    @property
    def monitoring_label(self) -> str:
        return str(MonitoringKind(self.monitoring).label) if self.monitoring else ""


class Transmission(models.Model):
    """An order sent to the competent authority of one executing state, which recognises it
    (or refuses, with a ground) without new proceedings, then enforces it."""

    order = models.ForeignKey(
        ProtectionOrder, on_delete=models.CASCADE, related_name="transmissions"
    )
    executing_institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("executing authority"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=OrderStatus, default=OrderStatus.TRANSMITTED
    )
    transmitted_at = models.DateTimeField(_("transmitted"), default=timezone.now)
    transmitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    refusal_ground = models.CharField(
        _("refusal ground"), max_length=24, choices=RefusalGround, blank=True
    )
    refusal_note = models.TextField(_("explanation"), blank=True)
    in_force_at = models.DateTimeField(_("in force since"), null=True, blank=True)

    class Meta:
        ordering = ["order", "transmitted_at", "pk"]
        verbose_name = _("transmission")
        verbose_name_plural = _("transmissions")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "executing_institution"], name="uniq_transmission_institution"
            )
        ]
        indexes = [models.Index(fields=["executing_institution", "status"])]

    def __str__(self) -> str:
        return f"{self.order_id} to {self.executing_institution_id} ({self.status})"


class OrderEvent(models.Model):
    """One step of an order's life: what changed, from which state to which, who did it,
    when, and why. Steps of one executing state name its transmission."""

    order = models.ForeignKey(ProtectionOrder, on_delete=models.CASCADE, related_name="events")
    transmission = models.ForeignKey(
        Transmission, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    kind = models.CharField(_("step"), max_length=12, choices=OrderEventKind)
    from_status = models.CharField(_("from"), max_length=12, choices=OrderStatus, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=OrderStatus)
    at = models.DateTimeField(_("time"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("order event")

    def __str__(self) -> str:
        return f"{self.order_id} {self.kind} {self.from_status}->{self.to_status}"


class BreachReport(models.Model):
    """A breach of an order reported by the executing state to the issuing authority on the
    standard form; the issuing authority informs the protected person."""

    transmission = models.ForeignKey(
        Transmission, on_delete=models.PROTECT, related_name="breaches"
    )
    order = models.ForeignKey(ProtectionOrder, on_delete=models.PROTECT, related_name="breaches")
    measure = models.ForeignKey(
        ProtectionMeasure,
        on_delete=models.PROTECT,
        related_name="breaches",
        verbose_name=_("measure breached"),
    )
    occurred_at = models.DateTimeField(_("date and time of the breach"))
    place = models.CharField(_("place"), max_length=300)
    description = models.TextField(_("description"))
    action_taken = models.TextField(_("action taken"))
    victim_informed = models.BooleanField(
        _("protected person informed through the issuing authority"), default=False
    )
    victim_informed_at = models.DateTimeField(_("informed on"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported"), default=timezone.now)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("breach report")
        verbose_name_plural = _("breach reports")

    def __str__(self) -> str:
        return f"breach {self.pk} of order {self.order_id}"


class ProtectionNotification(models.Model):
    """What an institution is told about an order (transmitted to it, recognised, refused,
    breached...), shown on the order pages and sent by e-mail to its protection officers."""

    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    order = models.ForeignKey(
        ProtectionOrder, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("notification"), max_length=12, choices=NotificationKind)
    breach = models.ForeignKey(BreachReport, on_delete=models.CASCADE, null=True, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now)
    seen_at = models.DateTimeField(_("seen"), null=True, blank=True)
    emailed_to = models.PositiveIntegerField(_("e-mails sent"), default=0)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["institution", "at"])]

    def __str__(self) -> str:
        return f"{self.kind} of order {self.order_id} to {self.institution_id}"


class VerificationQuery(models.Model):
    """One frontline check ("is there a valid order?"). What was asked stays in the audit
    log only; this row counts checks for the rate limit."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("time"), default=timezone.now)
    found = models.PositiveIntegerField(_("orders found"), default=0)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        return f"verification {self.pk} by {self.user_id}"
