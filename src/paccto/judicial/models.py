"""Judicial cooperation between states: requests for mutual legal assistance, investigation
orders, extradition, provisional arrest, assets, transfers of proceedings and of sentenced
persons, with their steps, deadlines, human-rights safeguards, persons and assets, files;
and the court outcomes (judgments) of cases.

Legal bases, refusal grounds, deadline rules and where safeguards are required are
reference data (``judicial/reference/*.json``, loaded by ``paccto load-reference``)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from paccto.judicial.choices import (
    DeadlinePhase,
    EntityRole,
    Finality,
    JudgmentType,
    RequestAction,
    RequestStatus,
    RequestType,
    SafeguardQuestion,
    SentenceType,
    Side,
    Urgency,
)

USER = settings.AUTH_USER_MODEL
LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


def in_language(texts: dict, fallback: str) -> str:
    """The text of the active language, else English, else ``fallback``."""
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return str(texts.get(language) or texts.get("en") or fallback)


class LegalBasis(models.Model):
    """A treaty, convention or EU instrument under which requests travel (Palermo
    Convention, Directive 2014/41/EU...): which kinds of request it covers and between which
    states it applies (both must be parties). Reference data; ``countries`` ``["*"]`` means
    every state, ``groupings`` adds the members of groupings."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    short_name = models.CharField(_("short name"), max_length=40)
    names = models.JSONField(_("name"), default=dict, help_text=_("One text per language."))
    request_types = models.JSONField(_("kinds of request"), default=list)
    countries = models.JSONField(_("states parties"), default=list, blank=True)
    groupings = models.JSONField(_("groupings whose members are parties"), default=list)
    needs_detail = models.BooleanField(
        _("the treaty must be named"), default=False, help_text=_("Bilateral treaties.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.names, self.short_name)


class RefusalGround(models.Model):
    """A ground on which an executing authority may refuse a request (reference data);
    ``request_types`` empty means any kind."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    labels = models.JSONField(_("ground"), default=dict, help_text=_("One text per language."))
    request_types = models.JSONField(_("kinds of request"), default=list, blank=True)
    needs_explanation = models.BooleanField(_("must be explained"), default=False)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("refusal ground")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_language(self.labels, self.key)


class DeadlineRule(models.Model):
    """How long the executing side has for one phase (deciding on recognition, executing)
    under a legal basis, for a kind of request and an urgency; an empty key matches any,
    the most specific rule wins. ``hours`` empty: no fixed deadline. ``extension_hours``:
    how much longer the executing side may take once, with notice to the requester."""

    instrument = models.SlugField(_("legal basis key"), max_length=40, blank=True)
    request_type = models.CharField(
        _("kind of request"), max_length=24, choices=RequestType.choices, blank=True
    )
    urgency = models.CharField(_("urgency"), max_length=12, choices=Urgency.choices, blank=True)
    phase = models.CharField(_("phase"), max_length=12, choices=DeadlinePhase.choices)
    hours = models.PositiveIntegerField(_("hours"), null=True, blank=True)
    extension_hours = models.PositiveIntegerField(_("extension (hours)"), null=True, blank=True)
    remind_percent = models.PositiveSmallIntegerField(
        _("reminder (percent of the clock left)"), default=20
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("deadline rule")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "request_type", "urgency", "phase"],
                name="uniq_judicial_deadline_rule",
            )
        ]

    def __str__(self) -> str:
        keys = (self.instrument, self.request_type, self.urgency)
        return "/".join([*(key or "*" for key in keys), self.phase])


class SafeguardRule(models.Model):
    """Where the human-rights questions must be answered before sending: for a kind of
    request (any executing state), or for every request to a state whose law requires it
    (empty keys match any). Reference data."""

    country = models.CharField(_("executing state"), max_length=2, blank=True)
    request_type = models.CharField(
        _("kind of request"), max_length=24, choices=RequestType.choices, blank=True
    )
    note = models.CharField(_("legal source"), max_length=300, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["country", "request_type"]
        verbose_name = _("safeguard rule")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "request_type"], name="uniq_judicial_safeguard_rule"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country or '*'}/{self.request_type or '*'}"


class JudicialRequest(models.Model):
    """A request from a judicial authority of one state to the competent authority of
    another (through their central authorities when involved), under a legal basis, about
    offences and facts, persons and assets, asking for measures. It moves along the steps of
    ``judicial.machine``; every step is a ``RequestEvent``."""

    number = models.CharField(_("number"), max_length=32, unique=True)
    request_type = models.CharField(_("kind of request"), max_length=24, choices=RequestType)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus, default=RequestStatus.DRAFT
    )
    requesting_institution = models.ForeignKey(
        "core.Institution",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requesting authority"),
    )
    executing_institution = models.ForeignKey(
        "core.Institution",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested (executing) authority"),
    )
    requesting_central_authority = models.ForeignKey(
        "core.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("central authority of the requesting state"),
    )
    executing_central_authority = models.ForeignKey(
        "core.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("central authority of the requested state"),
    )
    legal_basis = models.ForeignKey(
        LegalBasis, on_delete=models.PROTECT, related_name="+", verbose_name=_("legal basis")
    )
    legal_basis_detail = models.CharField(_("treaty or article"), max_length=300, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="judicial_requests",
        verbose_name=_("case"),
    )
    title = models.CharField(_("subject"), max_length=200)
    offence = models.CharField(_("offence"), max_length=500)
    facts = models.TextField(_("facts"), max_length=10000)
    facts_from = models.DateField(_("facts from"), null=True, blank=True)
    facts_to = models.DateField(_("facts until"), null=True, blank=True)
    criminal_markets = models.JSONField(_("criminal markets"), default=list, blank=True)
    measures = models.TextField(_("measures asked"), max_length=5000)
    urgency = models.CharField(_("urgency"), max_length=12, choices=Urgency, default=Urgency.NORMAL)
    urgency_reasons = models.CharField(_("reasons for urgency"), max_length=1000, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("drafted"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The earliest due time of the request's open deadlines (None: none with a fixed
    # deadline): what lists sort and filter on, kept by the services.
    due_at = models.DateTimeField(_("due"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("judicial request")
        verbose_name_plural = _("judicial requests")
        indexes = [
            models.Index(fields=["requesting_institution", "-updated_at"]),
            models.Index(fields=["executing_institution", "-updated_at"]),
            models.Index(fields=["status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(facts_from__isnull=True)
                | Q(facts_to__isnull=True)
                | Q(facts_to__gte=F("facts_from")),
                name="judicial_request_facts_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(requesting_institution=F("executing_institution")),
                name="judicial_request_not_to_itself",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def clean(self) -> None:
        if self.facts_from and self.facts_to and self.facts_to < self.facts_from:
            raise ValidationError({"facts_to": _("The end of the facts comes before their start.")})

    @property
    def is_overdue(self) -> bool:
        return self.due_at is not None and self.due_at < timezone.now()

    @property
    def type_label(self) -> str:
        return str(RequestType(self.request_type).label)

    @property
    def status_label(self) -> str:
        return str(RequestStatus(self.status).label)

    @property
    def market_labels(self) -> list[str]:
        from paccto.core.choices import CriminalMarket

        return [str(CriminalMarket(m).label) for m in self.criminal_markets]


class RequestEvent(models.Model):
    """One step in a request's life: which, from which status to which, which side, who,
    when and why (with the refusal ground when refused). Deadline extensions, reminders and
    escalations are events too (their status does not change)."""

    request = models.ForeignKey(JudicialRequest, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("step"), max_length=20, choices=RequestAction)
    from_status = models.CharField(_("from"), max_length=20, choices=RequestStatus, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=RequestStatus)
    side = models.CharField(_("side"), max_length=12, choices=Side, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now)
    by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    institution = models.ForeignKey(
        "core.Institution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True, max_length=5000)
    ground = models.ForeignKey(
        RefusalGround,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("refusal ground"),
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("request event")

    def __str__(self) -> str:
        return f"{self.request_id} {self.action} {self.from_status}->{self.to_status}"


class RequestDeadline(models.Model):
    """A running or past deadline of a request (one per phase): when it started, when it is
    due (moved once by an extension with notice), when it ended; and when the clock must
    next look at it (its reminder, then its escalation)."""

    request = models.ForeignKey(JudicialRequest, on_delete=models.CASCADE, related_name="deadlines")
    phase = models.CharField(_("phase"), max_length=12, choices=DeadlinePhase)
    rule = models.ForeignKey(DeadlineRule, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(_("started"))
    due_at = models.DateTimeField(_("due"))
    original_due_at = models.DateTimeField(_("first due"))
    extended_at = models.DateTimeField(_("extended"), null=True, blank=True)
    extension_notice = models.TextField(_("notice of extension"), blank=True, max_length=2000)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    # When the clock must next look at this deadline; empty when nothing is left to do.
    clock_next_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("deadline")
        constraints = [
            models.UniqueConstraint(fields=["request", "phase"], name="uniq_request_deadline")
        ]

    def __str__(self) -> str:
        return f"{self.phase} of {self.request_id}"

    @property
    def phase_label(self) -> str:
        return str(DeadlinePhase(self.phase).label)

    @property
    def is_overdue(self) -> bool:
        end = self.ended_at or timezone.now()
        return self.due_at < end

    @property
    def can_extend(self) -> bool:
        return (
            self.ended_at is None
            and self.extended_at is None
            and bool(self.rule.extension_hours)
            and timezone.now() < self.due_at
        )


class SafeguardAnswer(models.Model):
    """A requesting authority's answer to one human-rights question about a request (yes or
    no, explained), with the assurance given when the death penalty is a risk. The executing
    side reads them."""

    request = models.ForeignKey(
        JudicialRequest, on_delete=models.CASCADE, related_name="safeguards"
    )
    question = models.CharField(_("question"), max_length=20, choices=SafeguardQuestion)
    answer = models.BooleanField(_("answer"))
    explanation = models.TextField(_("explanation"), max_length=2000)
    assurance = models.TextField(_("assurance given"), blank=True, max_length=2000)
    answered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        ordering = ["request", "pk"]
        verbose_name = _("safeguard answer")
        constraints = [
            models.UniqueConstraint(fields=["request", "question"], name="uniq_safeguard_answer")
        ]

    def __str__(self) -> str:
        return f"{self.question} of {self.request_id}"

    @property
    def question_label(self) -> str:
        return str(SafeguardQuestion(self.question).label)


class RequestEntity(models.Model):
    """A person or an asset of the entity store that a request concerns, with its name and
    reference as they were sent (the executing side reads these, whatever the entity
    store lets it open)."""

    request = models.ForeignKey(
        JudicialRequest, on_delete=models.CASCADE, related_name="entity_links"
    )
    entity = models.ForeignKey("entities.Entity", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=12, choices=EntityRole)
    schema = models.CharField(_("kind"), max_length=32)
    caption = models.CharField(_("name"), max_length=300)
    reference = models.CharField(_("reference"), max_length=40)
    note = models.CharField(_("note"), max_length=500, blank=True)
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("person or asset concerned")
        constraints = [
            models.UniqueConstraint(fields=["request", "entity"], name="uniq_request_entity")
        ]

    def __str__(self) -> str:
        return f"{self.entity_id} in {self.request_id}"


class RequestAttachment(models.Model):
    """A file of a request (the request's documents, or the results of its execution), kept
    outside the web root under a random name with the SHA-256 computed when it arrived."""

    request = models.ForeignKey(
        JudicialRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    side = models.CharField(_("side"), max_length=12, choices=Side)
    file_name = models.CharField(_("file"), max_length=200)
    media_type = models.CharField(_("media type"), max_length=100)
    kind = models.CharField(_("kind of file"), max_length=40)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    stored_name = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("core.Institution", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("request file")

    def __str__(self) -> str:
        return self.file_name


class Judgment(models.Model):
    """A court outcome of a case: which court decided what on which day, for whom; the
    sentence (kind and length), fines and confiscation; and whether it is final."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="judgments", verbose_name=_("case")
    )
    court = models.ForeignKey(
        "core.Institution",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("court"),
    )
    court_reference = models.CharField(_("court's reference"), max_length=100, blank=True)
    judgment_date = models.DateField(_("date of the judgment"))
    judgment_type = models.CharField(_("outcome"), max_length=12, choices=JudgmentType)
    defendant = models.ForeignKey(
        "entities.Entity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person judged"),
    )
    defendant_caption = models.CharField(_("person judged"), max_length=300, blank=True)
    offences = models.CharField(_("offences"), max_length=1000)
    sentence_type = models.CharField(
        _("sentence"), max_length=16, choices=SentenceType, default=SentenceType.NONE
    )
    sentence_months = models.PositiveIntegerField(_("months"), null=True, blank=True)
    sentence_days = models.PositiveIntegerField(_("days"), null=True, blank=True)
    fine_amount = models.DecimalField(
        _("fine"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    fine_currency = models.CharField(_("currency"), max_length=3, blank=True)
    confiscation_ordered = models.BooleanField(_("confiscation ordered"), default=False)
    confiscation_details = models.TextField(_("what is confiscated"), blank=True, max_length=2000)
    finality = models.CharField(
        _("finality"), max_length=12, choices=Finality, default=Finality.APPEALABLE
    )
    final_on = models.DateField(_("final since"), null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_institution = models.ForeignKey(
        "core.Institution", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-judgment_date", "-pk"]
        verbose_name = _("judgment")
        verbose_name_plural = _("judgments")
        constraints = [
            models.CheckConstraint(
                condition=Q(final_on__isnull=True) | Q(final_on__gte=F("judgment_date")),
                name="judgment_final_after_judgment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.judgment_type} of {self.judgment_date} in case {self.case_id}"

    @property
    def type_label(self) -> str:
        return str(JudgmentType(self.judgment_type).label)

    @property
    def sentence_label(self) -> str:
        return str(SentenceType(self.sentence_type).label)
