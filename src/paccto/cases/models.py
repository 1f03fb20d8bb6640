"""Cases along the criminal chain, and joint investigation teams (JITs) with their evidence,
its chain of custody, tasks, meetings and joint evaluation."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paccto.cases.choices import (
    CaseStage,
    CooperationQuality,
    CustodyKind,
    EvidenceType,
    JitStatus,
    LegalBasis,
    MemberFunction,
    ObjectivesMet,
    ParticipantRole,
    TaskStatus,
)

USER = settings.AUTH_USER_MODEL


class Case(models.Model):
    """A criminal case as the institutions working on it know it: its reference at the
    owning institution, the markets it concerns, who takes part, the records it links and
    where it stands along the chain (intelligence to sentence execution)."""

    owner_institution = models.ForeignKey(
        "core.Institution",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner institution"),
    )
    reference = models.CharField(_("reference"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=5000)
    criminal_markets = models.JSONField(_("criminal markets"), default=list, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=CaseStage.choices, default=CaseStage.INTELLIGENCE
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["owner_institution", "reference"], name="uniq_case_reference"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def is_closed(self) -> bool:
        return self.stage == CaseStage.CLOSED

    @property
    def stage_label(self) -> str:
        return str(CaseStage(self.stage).label)

    @property
    def market_labels(self) -> list[str]:
        from paccto.core.choices import CriminalMarket

        return [str(CriminalMarket(m).label) for m in self.criminal_markets]


class CaseParticipant(models.Model):
    """An institution (all its operational users) or one person taking part in a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    institution = models.ForeignKey(
        "core.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("institution"),
    )
    user = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("role"), max_length=12, choices=ParticipantRole.choices)
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(institution__isnull=True, user__isnull=False)
                | Q(institution__isnull=False, user__isnull=True),
                name="case_participant_one_of",
            ),
            models.UniqueConstraint(
                fields=["case", "institution"],
                condition=Q(institution__isnull=False),
                name="uniq_case_institution",
            ),
            models.UniqueConstraint(
                fields=["case", "user"], condition=Q(user__isnull=False), name="uniq_case_user"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "case"]),
            models.Index(fields=["institution", "case"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.institution_id or self.user_id} ({self.role})"


class CaseStageChange(models.Model):
    """One move of a case along the chain: from where, to where, who, when and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from"), max_length=20, choices=CaseStage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=CaseStage.choices)
    reason = models.CharField(_("reason"), max_length=1000)
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_stage or '-'} -> {self.to_stage}"


class CaseEntity(models.Model):
    """A record of the entity store brought into a case by its owner: the case's
    participants see it while it stays linked."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="entity_links")
    entity = models.ForeignKey(
        "entities.Entity", on_delete=models.CASCADE, related_name="case_links"
    )
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["case", "entity"], name="uniq_case_entity")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.entity_id}"


class CaseMessage(models.Model):
    """A message of secure exchange linked to the case it is about. The link gives nobody
    access: the case's pages and timeline show it only to readers who may already see the
    message."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="message_links")
    message = models.ForeignKey(
        "exchange.Message", on_delete=models.CASCADE, related_name="case_links"
    )
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "message"], name="uniq_case_message")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: message {self.message_id}"


class Jit(models.Model):
    """A joint investigation team: an agreement between institutions of several countries
    and the closed space its members share (evidence, tasks, meetings)."""

    name = models.CharField(_("name"), max_length=200)
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jits",
        verbose_name=_("case"),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)
    legal_basis_text = models.CharField(_("legal basis (text)"), max_length=500, blank=True)
    purpose = models.TextField(_("purpose"), max_length=5000)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    leader = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("leader")
    )
    administrator = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("space administrator")
    )
    status = models.CharField(
        _("status"), max_length=8, choices=JitStatus.choices, default=JitStatus.ACTIVE
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("joint investigation team")
        verbose_name_plural = _("joint investigation teams")

    def __str__(self) -> str:
        return f"{self.reference}: {self.name}"

    @property
    def reference(self) -> str:
        return f"JIT-{self.pk:05d}"

    @property
    def is_closed(self) -> bool:
        return self.status == JitStatus.CLOSED

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date comes before the start date.")
        if self.legal_basis == LegalBasis.OTHER and not self.legal_basis_text.strip():
            errors["legal_basis_text"] = _("State the legal basis in the text.")
        if errors:
            raise ValidationError(errors)


class JitParty(models.Model):
    """An institution party to the agreement (its country is the institution's)."""

    jit = models.ForeignKey(Jit, on_delete=models.CASCADE, related_name="parties")
    institution = models.ForeignKey("core.Institution", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["institution__country_id", "institution__name"]
        constraints = [
            models.UniqueConstraint(fields=["jit", "institution"], name="uniq_jit_party")
        ]

    def __str__(self) -> str:
        return f"{self.jit_id}: {self.institution_id}"


class JitMember(models.Model):
    """A person in the team. Removal keeps the row (``left_at``): who was a member when
    stays known; a member who left sees nothing any more."""

    jit = models.ForeignKey(Jit, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="jit_memberships")
    institution = models.ForeignKey("core.Institution", on_delete=models.PROTECT, related_name="+")
    function = models.CharField(_("function"), max_length=12, choices=MemberFunction.choices)
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["institution__country_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["jit", "user"], name="uniq_jit_member")]
        indexes = [models.Index(fields=["user", "left_at"])]

    def __str__(self) -> str:
        return f"{self.jit_id}: {self.user_id}"


class Evidence(models.Model):
    """An item of evidence in a JIT's register. Fixed once registered: what happens to it
    afterwards is appended to its chain of custody."""

    jit = models.ForeignKey(Jit, on_delete=models.PROTECT, related_name="evidence")
    number = models.PositiveIntegerField(_("number"))
    item = models.CharField(_("item"), max_length=200)
    evidence_type = models.CharField(_("type"), max_length=16, choices=EvidenceType.choices)
    description = models.TextField(_("description"), max_length=5000)
    seized_at = models.DateTimeField(_("seized on"))
    seized_place = models.CharField(_("seized at (place)"), max_length=300)
    seized_by = models.CharField(_("seized by"), max_length=300)
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)

    class Meta:
        ordering = ["jit", "number"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.UniqueConstraint(fields=["jit", "number"], name="uniq_evidence_number")
        ]

    def __str__(self) -> str:
        return f"{self.jit_id}/E{self.number}: {self.item}"

    @property
    def reference(self) -> str:
        return f"JIT-{self.jit_id:05d}-E{self.number:04d}"


class EvidenceFile(models.Model):
    """A file of an item of evidence, stored outside the web root under a random name; its
    SHA-256 is computed at upload and checked at every download."""

    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, related_name="files")
    original_name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(max_length=64, unique=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("type"), max_length=100)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class CustodyEvent(models.Model):
    """One link of an item's chain of custody: registration, hand-over, access, copy,
    download or return. ``entry_hash`` covers the event's canonical content and the
    previous event's hash (``cases.custody``), so a changed, removed, slipped-in or
    reordered event shows. People are stored as plain values too: the log outlives them."""

    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, related_name="custody")
    seq = models.PositiveIntegerField(_("sequence"))
    kind = models.CharField(_("event"), max_length=16, choices=CustodyKind.choices)
    at = models.DateTimeField(_("time (UTC)"))
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_username = models.CharField(_("recorded by"), max_length=150)
    actor_institution_id = models.BigIntegerField(null=True, blank=True)
    actor_country = models.CharField(max_length=2, blank=True)
    from_holder_id = models.BigIntegerField(null=True, blank=True)
    from_holder = models.CharField(_("from"), max_length=150, blank=True)
    to_holder_id = models.BigIntegerField(null=True, blank=True)
    to_holder = models.CharField(_("to"), max_length=150, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    details = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["evidence", "seq"]
        constraints = [models.UniqueConstraint(fields=["evidence", "seq"], name="uniq_custody_seq")]

    def __str__(self) -> str:
        return f"{self.evidence_id}#{self.seq} {self.kind}"

    @property
    def kind_label(self) -> str:
        return str(CustodyKind(self.kind).label)


class CustodyHead(models.Model):
    """The end of an item's chain (its last event) and who holds the item now; locked by
    every append so the chain stays linear."""

    evidence = models.OneToOneField(
        Evidence, on_delete=models.PROTECT, primary_key=True, related_name="custody_head"
    )
    seq = models.PositiveIntegerField(default=0)
    entry_hash = models.CharField(max_length=64)
    holder = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.evidence_id} head #{self.seq}"


class JitTask(models.Model):
    """Something a member is to do for the team, by a date."""

    jit = models.ForeignKey(Jit, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    assignee = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("assignee")
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title


class JitMeeting(models.Model):
    """An operational meeting of the team: when, who attended, what was decided."""

    jit = models.ForeignKey(Jit, on_delete=models.CASCADE, related_name="meetings")
    held_at = models.DateTimeField(_("date"))
    title = models.CharField(_("subject"), max_length=200)
    attendees = models.ManyToManyField(
        "accounts.User", related_name="+", verbose_name=_("attendees")
    )
    minutes = models.TextField(_("minutes"), max_length=20000)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-held_at", "pk"]

    def __str__(self) -> str:
        return self.title


class JitEvaluation(models.Model):
    """The joint evaluation the team fills in when it closes."""

    jit = models.OneToOneField(Jit, on_delete=models.CASCADE, related_name="evaluation")
    objectives_met = models.CharField(
        _("objectives met"), max_length=8, choices=ObjectivesMet.choices
    )
    legal_obstacles = models.TextField(_("legal obstacles"), max_length=5000, blank=True)
    cooperation_quality = models.CharField(
        _("quality of cooperation"), max_length=1, choices=CooperationQuality.choices
    )
    lessons_learned = models.TextField(_("lessons learned"), max_length=5000)
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    def __str__(self) -> str:
        return f"evaluation of {self.jit_id}"


class JitEvaluationStatement(models.Model):
    """What one party says in the joint evaluation, in its own words."""

    evaluation = models.ForeignKey(
        JitEvaluation, on_delete=models.CASCADE, related_name="statements"
    )
    institution = models.ForeignKey("core.Institution", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("statement"), max_length=5000, blank=True)

    class Meta:
        ordering = ["institution__country_id", "pk"]

    def __str__(self) -> str:
        return f"{self.evaluation_id}: {self.institution_id}"
