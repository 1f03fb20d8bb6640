"""Transfers of sentenced persons between states, so that they serve their sentence in the
state of their nationality or residence (CoE 1983 Convention, EU FD 2008/909/JHA,
Managua 1993 Convention, Mercosur agreement, bilateral treaties)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paccto.core.models import Country, Institution
from paccto.prisons.choices import (
    ConsentException,
    SentenceType,
    TransferDocumentKind,
    TransferInstrument,
    TransferStatus,
    TransferStepKind,
)

USER = settings.AUTH_USER_MODEL


class TransferDossier(models.Model):
    """The dossier of one sentenced person's transfer: the person's consent or the legal
    exception, the decisions of the sentencing and administering states (dates and
    grounds), the certificate and the judgment, the adaptation of the sentence by the
    administering state, and the transfer date. Every step is a ``TransferStep``.

    The person and the sentence are stated as on the day the dossier was opened: the
    administering state reads them here, not in the sentencing state's records."""

    inmate = models.ForeignKey("prisons.Inmate", on_delete=models.PROTECT, related_name="transfers")
    instrument = models.CharField(_("legal instrument"), max_length=16, choices=TransferInstrument)
    sentencing_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("sentencing state")
    )
    administering_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("administering state")
    )
    opened_by_institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TransferStatus, default=TransferStatus.OPENED
    )
    request_reference = models.CharField(_("reference of the request"), max_length=100, blank=True)
    person_name = models.CharField(_("name"), max_length=300)
    person_birth_date = models.CharField(_("date of birth"), max_length=10, blank=True)
    person_nationality = models.CharField(_("nationality"), max_length=60, blank=True)
    sentence_type = models.CharField(_("sentence"), max_length=12, choices=SentenceType)
    sentence_months = models.PositiveIntegerField(_("sentence (months)"), null=True, blank=True)
    sentence_court = models.CharField(_("sentencing court"), max_length=200)
    sentence_date = models.DateField(_("date of the sentence"))
    consent_given = models.BooleanField(_("the person consents"), null=True, blank=True)
    consent_date = models.DateField(_("date of the consent"), null=True, blank=True)
    consent_exception = models.CharField(
        _("legal exception to consent"), max_length=24, choices=ConsentException, blank=True
    )
    consent_note = models.CharField(_("about the consent"), max_length=1000, blank=True)
    sentencing_decided_on = models.DateField(
        _("decision of the sentencing state"), null=True, blank=True
    )
    sentencing_grounds = models.TextField(_("grounds of the sentencing state"), blank=True)
    administering_decided_on = models.DateField(
        _("decision of the administering state"), null=True, blank=True
    )
    administering_grounds = models.TextField(_("grounds of the administering state"), blank=True)
    refused_by = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("refused by"),
    )
    adapted = models.BooleanField(_("sentence adapted"), null=True, blank=True)
    adapted_sentence_months = models.PositiveIntegerField(
        _("adapted sentence (months)"), null=True, blank=True
    )
    adaptation_grounds = models.TextField(_("grounds of the adaptation"), blank=True)
    adapted_on = models.DateField(_("adaptation decided on"), null=True, blank=True)
    planned_transfer_date = models.DateField(_("planned transfer date"), null=True, blank=True)
    transfer_date = models.DateField(_("transfer date"), null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("opened"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("transfer dossier")
        verbose_name_plural = _("transfer dossiers")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(sentencing_country=models.F("administering_country")),
                name="transfer_between_two_states",
            )
        ]
        indexes = [
            models.Index(fields=["sentencing_country", "status"]),
            models.Index(fields=["administering_country", "status"]),
            models.Index(fields=["status", "planned_transfer_date"]),
        ]

    def __str__(self) -> str:
        return f"transfer {self.pk}"

    @property
    def reference(self) -> str:
        """``CO-TSP-000042``: the sentencing state, TSP (transfer of a sentenced person),
        the number."""
        return f"{self.sentencing_country_id}-TSP-{self.pk:06d}"

    @property
    def is_closed(self) -> bool:
        from paccto.prisons.choices import TRANSFER_CLOSED

        return self.status in TRANSFER_CLOSED


class TransferStep(models.Model):
    """One time-stamped step of a transfer dossier: which, from which status to which,
    who took it for which institution, the date of the decision and its grounds."""

    dossier = models.ForeignKey(TransferDossier, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=24, choices=TransferStepKind)
    from_status = models.CharField(_("from"), max_length=20, choices=TransferStatus, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=TransferStatus)
    at = models.DateTimeField(_("time"), default=timezone.now)
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("transfer step")

    def __str__(self) -> str:
        return f"{self.kind} of transfer {self.dossier_id}"


class TransferDocument(models.Model):
    """A document of a transfer dossier (the certificate, the judgment...), kept outside
    the web root under a random name with the SHA-256 computed on arrival."""

    dossier = models.ForeignKey(TransferDossier, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("document"), max_length=12, choices=TransferDocumentKind)
    file_name = models.CharField(_("file"), max_length=255)
    media_type = models.CharField(_("media type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    stored_name = models.CharField(max_length=64, unique=True)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["dossier", "kind", "uploaded_at", "pk"]
        verbose_name = _("transfer document")

    def __str__(self) -> str:
        return self.file_name
