"""The tamper-evident audit log: a hash chain of entries and signed checkpoints."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from paccto.audit.choices import AuditAction


def action_label(action: str) -> str:
    """An audit action in the active language; an unknown code as it is."""
    try:
        return str(AuditAction(action).label)
    except ValueError:
        return action


class AuditEntry(models.Model):
    """One logged event: who did what to which record, when, why and for whom.

    ``entry_hash`` = SHA-256 over the canonical form of the entry and ``prev_hash``, so any
    modification, deletion, insertion or reordering breaks the chain at that point.
    Actor and object are stored as plain values, never as foreign keys: the log outlives
    what it describes.
    """

    seq = models.BigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("time (UTC)"), db_index=True)
    # Indexed by ``audit_actor_seq`` below (a lookup by actor alone uses its first column).
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_username = models.CharField(_("actor"), max_length=150, blank=True)
    actor_institution_id = models.BigIntegerField(_("institution id"), null=True, blank=True)
    actor_country = models.CharField(_("country"), max_length=2, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=24, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=80, blank=True)
    object_id = models.CharField(_("object id"), max_length=80, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            # An actor's own latest entries (every dashboard view) read backwards along it,
            # instead of sorting all of that actor's entries. No index on the actor alone:
            # the planner, misled by stale statistics, took it and sorted every entry of
            # the actor (a dashboard paid for each of its user's past requests).
            models.Index(fields=["actor_id", "seq"], name="audit_actor_seq"),
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["action", "at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    @property
    def action_label(self) -> str:
        """The action in the active language (cheaper than ``get_action_display`` in lists)."""
        return action_label(self.action)


class AuditHead(models.Model):
    """The end of the chain (a single row), locked by each append to keep the chain linear."""

    seq = models.BigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"head #{self.seq}"


class AuditCheckpoint(models.Model):
    """A signed statement that the chain had ``entry_hash`` at ``seq`` (Ed25519)."""

    seq = models.BigIntegerField(_("sequence"), unique=True)
    entry_hash = models.CharField(max_length=64)
    at = models.DateTimeField(_("time (UTC)"))
    public_key = models.CharField(_("public key"), max_length=64)
    signature = models.CharField(_("signature"), max_length=128)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit checkpoint")

    def __str__(self) -> str:
        return f"checkpoint #{self.seq}"
