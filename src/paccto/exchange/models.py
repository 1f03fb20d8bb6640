"""Secure exchange between institutions: messages and their threads, recipients and their
delivery, read and acknowledgement status, attachments, legal clocks, onward sharing that
obeys the owner, and the notifications that tell people about all of it (the platform's
notification centre: other apps notify through it too)."""

from collections.abc import Callable

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from paccto.core.choices import HandlingCode, InformationReliability, SourceReliability
from paccto.core.models import Institution, Network, Provenance
from paccto.exchange.choices import ClockStage, ForwardStatus, MessageType, NotificationKind

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


def _in_language(texts: dict, fallback: str) -> str:
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return str(texts.get(language) or texts.get("en") or fallback)


class ClockRule(models.Model):
    """How long the requested side has to answer under a legal instrument, for one
    urgency (Directive (EU) 2023/977, urgent, directly accessible data: 8 hours).
    Reference data, shipped in ``exchange/reference/clocks.json``; ``hours`` empty means the
    instrument sets no fixed deadline."""

    instrument = models.SlugField(_("instrument key"), max_length=40)
    instrument_name = models.CharField(_("legal instrument"), max_length=200)
    urgency = models.SlugField(_("urgency key"), max_length=40)
    labels = models.JSONField(_("urgency"), default=dict, help_text=_("One text per language."))
    hours = models.PositiveIntegerField(_("hours to answer"), null=True, blank=True)
    remind_percent = models.PositiveSmallIntegerField(
        _("reminder (percent of the clock left)"), default=20
    )
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "instrument", "urgency"]
        verbose_name = _("clock rule")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "urgency"], name="uniq_clock_rule")
        ]

    def __str__(self) -> str:
        return f"{self.instrument_name} — {self.urgency_label}"

    @property
    def urgency_label(self) -> str:
        return _in_language(self.labels, self.urgency)


class ExchangeDefaults(models.Model):
    """What an institution's messages carry unless the sender says otherwise: handling
    code, its restrictions, grade and language. Set by the national administrators of the
    institution's country or a platform administrator."""

    institution = models.OneToOneField(
        Institution, on_delete=models.CASCADE, related_name="exchange_defaults"
    )
    handling_code = models.CharField(
        _("handling code"), max_length=2, choices=HandlingCode.choices, default="H0"
    )
    handling_note = models.CharField(_("handling restrictions"), max_length=500, blank=True)
    source_reliability = models.CharField(
        _("source reliability"), max_length=1, choices=SourceReliability.choices, default="X"
    )
    information_reliability = models.CharField(
        _("information reliability"),
        max_length=1,
        choices=InformationReliability.choices,
        default="4",
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("exchange defaults")

    def __str__(self) -> str:
        return f"defaults of {self.institution_id}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.handling_code == HandlingCode.H3 and not self.handling_note.strip():
            raise ValidationError(
                {"handling_note": _("H3 needs the restrictions stated in free text.")}
            )


class Thread(models.Model):
    """A conversation: a message and the replies that answer it, and theirs."""

    subject = models.CharField(_("subject"), max_length=300)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    last_message_at = models.DateTimeField(_("last message"), default=timezone.now)

    class Meta:
        ordering = ["-last_message_at"]

    def __str__(self) -> str:
        return f"thread {self.pk}"


class ThreadParticipant(models.Model):
    """An institution that sent, received or owns a message of a thread: its thread list
    reads these rows (one index range), not the messages."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="participants")
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    last_message_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "institution"], name="uniq_thread_member")
        ]
        indexes = [models.Index(fields=["institution", "-last_message_at"])]

    def __str__(self) -> str:
        return f"{self.institution_id} in thread {self.thread_id}"


def message_reference(country: str, pk: int) -> str:
    """``CO-MSG-0000042``: the sender's country and the message's number."""
    return f"{country}-MSG-{pk:07d}"


class Message(Provenance):
    """A message from one institution to others. It carries its owner's restrictions
    (handling code and note, 4x4 grade), which every forwarded copy keeps: the owner is the
    institution whose information it is, the sender the one that sent this copy."""

    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="messages")
    in_reply_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    forwarded_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copy of"),
    )
    message_type = models.CharField(_("type"), max_length=16, choices=MessageType.choices)
    sender_institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("sender")
    )
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("network"),
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    case_reference = models.CharField(_("case reference"), max_length=100, blank=True)
    clock_rule = models.ForeignKey(
        ClockRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("legal instrument and urgency"),
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # When the clock must next look at this request (reminder, then escalation); empty when
    # nothing is left to do. The clock reads one index range of this column.
    clock_next_at = models.DateTimeField(null=True, blank=True, db_index=True)
    forward_note = models.CharField(_("note of the forwarder"), max_length=500, blank=True)
    hit_notification = models.ForeignKey(
        "hits.HitNotification",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hit"),
    )
    # Subject, body, reference and case reference folded (paccto.matching.text.fold), for a
    # search that works the same on SQLite and PostgreSQL.
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            # Sent messages in order; with the owner and the id, who may see each row is
            # read from the index (counts without visiting the table on PostgreSQL).
            models.Index(fields=["sender_institution", "-sent_at", "owner_institution", "id"]),
            models.Index(fields=["owner_institution", "-sent_at"]),
            models.Index(fields=["thread", "sent_at"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """The reference quoted between institutions: sender's country, MSG, number."""
        return message_reference(self.sender_institution.country_id, self.pk)

    @property
    def is_copy(self) -> bool:
        return self.forwarded_from_id is not None

    @property
    def not_for_judicial_use(self) -> bool:
        """H1: not to be used in judicial proceedings without the owner's permission."""
        return self.handling_code == HandlingCode.H1

    @property
    def is_overdue(self) -> bool:
        return self.due_at is not None and self.answered_at is None and self.due_at < timezone.now()


class MessageRecipient(models.Model):
    """An institution a message was delivered to, and what became of it there: when it
    was delivered, first read (and by whom), acknowledged (time-stamped proof of receipt)
    and answered."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="recipients")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    via_network = models.ForeignKey(
        Network, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    delivered_at = models.DateTimeField(_("delivered"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["institution__country_id", "institution__name"]
        constraints = [
            models.UniqueConstraint(fields=["message", "institution"], name="uniq_recipient")
        ]
        # The inbox: one index range in delivery order; with the message id in it, counting
        # an institution's inbox (and checking who may see each row) reads only the index.
        indexes = [models.Index(fields=["institution", "-delivered_at", "message"])]

    def __str__(self) -> str:
        return f"{self.message_id} to {self.institution_id}"

    @property
    def is_overdue(self) -> bool:
        """Past the message's due time and not answered by this institution."""
        due = self.message.due_at
        return due is not None and self.answered_at is None and due < timezone.now()


class Attachment(models.Model):
    """A file sent with a message, kept outside the web root under a random name, with the
    SHA-256 computed when it arrived (checked again at every download). An attachment
    without a message is one uploaded through the API and not sent yet; forwarded copies
    share the stored file of the original."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(_("file"), max_length=200)
    kind = models.CharField(_("kind of file"), max_length=16)
    media_type = models.CharField(_("media type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    stored_name = models.CharField(max_length=64, db_index=True)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        indexes = [models.Index(fields=["message", "uploaded_at"])]

    def __str__(self) -> str:
        return self.file_name


class ForwardRequest(models.Model):
    """A request to the owner for permission to pass H2 content ("not to be passed on
    without the owner's permission") to other institutions. The copy exists, and is
    delivered, only once the owner grants it."""

    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="+")
    owner_institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    requesting_institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    targets = models.ManyToManyField(Institution, related_name="+", verbose_name=_("to"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    requested_at = models.DateTimeField(_("asked"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=8, choices=ForwardStatus.choices, default=ForwardStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("reason"), max_length=500, blank=True)
    copy = models.ForeignKey(
        Message, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at"]
        indexes = [
            models.Index(fields=["owner_institution", "status"]),
            models.Index(fields=["requesting_institution", "-requested_at"]),
        ]

    def __str__(self) -> str:
        return f"forward {self.pk} of {self.message_id}"


class ClockEvent(models.Model):
    """A reminder or an escalation of a request's clock: at most one of each per message
    (the unique constraint is what makes the clock idempotent)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="clock_events")
    stage = models.CharField(_("stage"), max_length=12, choices=ClockStage.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["at"]
        constraints = [
            models.UniqueConstraint(fields=["message", "stage"], name="uniq_clock_event")
        ]

    def __str__(self) -> str:
        return f"{self.stage} of {self.message_id}"


class MessageEntity(models.Model):
    """A person, organisation, phone, vehicle... mentioned in a message and recorded (or
    found) in the entity store."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey("entities.Entity", on_delete=models.PROTECT, related_name="+")
    recorded = models.BooleanField(_("recorded from the message"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["added_at"]
        constraints = [
            models.UniqueConstraint(fields=["message", "entity"], name="uniq_message_entity")
        ]

    def __str__(self) -> str:
        return f"{self.entity_id} in {self.message_id}"


# How other apps word their kinds of notification (``register_notification_text``).
_notification_texts: dict[str, Callable[["Notification"], str]] = {}


def register_notification_text(kind: str, text: Callable[["Notification"], str]) -> None:
    """Have notifications of ``kind`` (a ``NotificationKind`` another app uses) worded by
    ``text``, called in the reader's language."""
    _notification_texts[kind] = text


class Notification(models.Model):
    """Something a user should know about (a new message, an acknowledgement, a forwarding
    request, a deadline, a hit, a step of a judicial request), shown under the bell and,
    once, sent by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reference = models.CharField(_("reference"), max_length=40, blank=True)
    institution_name = models.CharField(_("institution"), max_length=200, blank=True)
    # What, within its kind, the notification is about (a status, a deadline): a key that
    # the kind's text translates when it is read, never free text.
    topic = models.CharField(_("topic"), max_length=40, blank=True)
    # The day an announced event happens (a release or a transfer), when there is one.
    event_date = models.DateField(_("date"), null=True, blank=True)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["user", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"

    @property
    def text(self) -> str:
        """What happened, in the active language."""
        from django.utils.formats import date_format
        from django.utils.translation import gettext

        custom = _notification_texts.get(self.kind)
        if custom is not None:
            return custom(self)
        params = {
            "reference": self.reference,
            "institution": self.institution_name,
            "date": date_format(self.event_date, "SHORT_DATE_FORMAT") if self.event_date else "",
        }
        texts = {
            NotificationKind.DELIVERED: gettext("New message %(reference)s from %(institution)s"),
            NotificationKind.ACKNOWLEDGED: gettext(
                "%(institution)s acknowledged receipt of %(reference)s"
            ),
            NotificationKind.FORWARD_REQUESTED: gettext(
                "%(institution)s asks permission to forward %(reference)s"
            ),
            NotificationKind.FORWARD_DECIDED: gettext(
                "The owner decided on forwarding %(reference)s"
            ),
            NotificationKind.REMINDER: gettext(
                "Request %(reference)s is due soon (%(institution)s)"
            ),
            NotificationKind.ESCALATION: gettext(
                "Request %(reference)s is overdue (%(institution)s)"
            ),
            NotificationKind.HIT: gettext(
                "A check by %(institution)s hit your record %(reference)s"
            ),
            NotificationKind.RELEASE_DUE: gettext(
                "Inmate %(reference)s is due for release on %(date)s (%(institution)s)"
            ),
            NotificationKind.RELEASED: gettext(
                "Inmate %(reference)s was released on %(date)s (%(institution)s)"
            ),
            NotificationKind.TRANSFER_DUE: gettext(
                "Inmate %(reference)s is due to be transferred on %(date)s (%(institution)s)"
            ),
            NotificationKind.TRANSFERRED: gettext(
                "Inmate %(reference)s was transferred on %(date)s (%(institution)s)"
            ),
            NotificationKind.MOVED: gettext(
                "Inmate %(reference)s was moved to another establishment on %(date)s "
                "(%(institution)s)"
            ),
        }
        return texts.get(self.kind, self.kind) % params
