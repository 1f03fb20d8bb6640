"""The shared entity store: persons, organisations, objects and places that the
institutions know about, each with its provenance, and the links between them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paccto.core.models import Progress, Provenance
from paccto.entities.choices import LinkType, SourceKind
from paccto.entities.schemata import SCHEMATA

SCHEMA_CHOICES = [(name, schema.label) for name, schema in SCHEMATA.items()]


class Entity(Provenance):
    """Something an institution knows about (a person, a vehicle, a wallet...), as it knows
    it: properties in the form of its schema, with the owner's provenance and restrictions."""

    schema = models.CharField(_("kind"), max_length=32, choices=SCHEMA_CHOICES, db_index=True)
    caption = models.CharField(_("name"), max_length=300, db_index=True)
    properties = models.JSONField(_("properties"), default=dict)
    is_victim = models.BooleanField(_("victim"), default=False)
    is_witness = models.BooleanField(_("witness"), default=False)
    is_minor = models.BooleanField(_("minor"), default=False)
    is_informant = models.BooleanField(_("informant"), default=False)
    source_kind = models.CharField(
        _("source"), max_length=16, choices=SourceKind.choices, default=SourceKind.MANUAL
    )
    source_ref = models.CharField(_("source reference"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # A duplicate merged into another record of its owner; unmerging clears it.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    import_batch = models.ForeignKey(
        "ImportBatch",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entities",
        verbose_name=_("import batch"),
    )
    # Rows of an import still running: invisible to everyone until the whole batch is in.
    pending = models.BooleanField(default=False, db_index=True)

    class Meta:
        ordering = ["caption"]
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        indexes = [models.Index(fields=["owner_institution", "schema"])]

    def __str__(self) -> str:
        return f"{self.schema}: {self.caption}"

    @property
    def schema_label(self) -> str:
        return str(SCHEMATA[self.schema].label)

    @property
    def reference(self) -> str:
        """The reference quoted between institutions: owner's country, kind, number."""
        return f"{self.owner_institution.country_id}-{self.schema[:3].upper()}-{self.pk:07d}"

    def sync_special_category(self) -> None:
        """Victims, witnesses, minors and informants are special categories."""
        self.special_category = any(
            (self.is_victim, self.is_witness, self.is_minor, self.is_informant)
        )


class EntityVersion(models.Model):
    """A past state of an entity: every edit keeps the previous one."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    caption = models.CharField(_("name"), max_length=300)
    properties = models.JSONField(_("properties"), default=dict)
    flags = models.JSONField(_("special categories"), default=dict)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["entity", "version"], name="uniq_entity_version")
        ]

    def __str__(self) -> str:
        return f"{self.entity_id} v{self.version}"


class Link(Provenance):
    """A stated relation between two entities (member of, owns, called...), with its own
    provenance: who says so, how reliable it is, and for when."""

    source = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="links_in")
    link_type = models.CharField(_("relation"), max_length=20, choices=LinkType.choices)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["link_type"]
        verbose_name = _("link")
        verbose_name_plural = _("links")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="link_not_to_itself"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.link_type} {self.target_id}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end comes before the start.")})


class ImportBatch(Progress):
    """A file of entities brought in by an institution: its column mapping, the check of
    every row, and the import of the valid ones (all of them, or nothing)."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Waiting for the column mapping")
        VALIDATING = "validating", _("Checking the rows")
        VALIDATED = "validated", _("Checked: waiting for your decision")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        DISCARDED = "discarded", _("Nothing imported")
        FAILED = "failed", _("Failed: nothing imported")

    class Format(models.TextChoices):
        CSV = "csv", _("CSV")
        FTM = "ftm", _("FollowTheMoney JSON lines")

    owner_institution = models.ForeignKey(
        "core.Institution", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=255)
    file_format = models.CharField(
        _("format"), max_length=8, choices=Format.choices, default=Format.CSV
    )
    stored_name = models.CharField(max_length=64, unique=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    encoding = models.CharField(max_length=16, blank=True)
    schema = models.CharField(_("kind"), max_length=32, choices=SCHEMA_CHOICES, blank=True)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(_("column mapping"), default=dict)
    provenance = models.JSONField(default=dict)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UPLOADED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    valid_rows = models.PositiveIntegerField(_("valid rows"), default=0)
    invalid_rows = models.PositiveIntegerField(_("invalid rows"), default=0)
    imported = models.PositiveIntegerField(_("imported"), default=0)
    report = models.JSONField(default=dict)
    failure = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self) -> str:
        return f"import {self.pk} {self.file_name}"

    @property
    def reference(self) -> str:
        return f"IMP-{self.pk:06d}"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.VALIDATING, self.Status.IMPORTING)


class MergeDecision(models.Model):
    """Two records of one institution found to be the same: the duplicate is merged into
    the record kept. The decision is kept, and can be undone (unmerge)."""

    kept = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="merges_merged")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=500)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undo_reason = models.CharField(_("reason for undoing"), max_length=500, blank=True)

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.merged_id} into {self.kept_id}"
