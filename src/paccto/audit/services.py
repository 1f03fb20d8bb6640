"""Writes to the audit log. Every other service calls ``audit_record`` inside its own
transaction, so a change and its audit entry are committed together or not at all."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit import chain, signing
from paccto.audit.choices import JUSTIFIED_ACTIONS, AuditAction
from paccto.audit.models import AuditCheckpoint, AuditEntry, AuditHead
from paccto.core.permissions import Actor


def _now_ms() -> datetime:
    now = timezone.now()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def _storable(value: Any) -> Any:
    """``value`` with every NUL character replaced by U+FFFD: PostgreSQL keeps none in text
    or JSON, and an attempt that carries one (a file named ``a\\x00.pdf``) must still be
    recorded, the same way on every database."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(v) for v in value]
    return value


def audit_record(
    *,
    actor: Actor,
    action: AuditAction | str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    justification: str = "",
    recipients: Iterable[str] = (),
    details: dict[str, Any] | None = None,
    personal_data: bool = False,
) -> AuditEntry:
    """Append one entry to the chain, in the caller's transaction.

    Consulting, disclosing, combining or erasing personal data needs a justification.
    """
    if action not in AuditAction.values:
        raise ValueError(f"unknown audit action {action!r}")
    justification = _storable(justification.strip())
    if personal_data and action in JUSTIFIED_ACTIONS and not justification:
        raise ValidationError({"justification": _("A justification is required.")})
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    entry = AuditEntry(
        at=_now_ms(),
        actor_id=actor.user_id,
        actor_username=actor.username[:150],
        actor_institution_id=actor.institution_id,
        actor_country=actor.country_id or "",
        action=str(action),
        object_type=_storable(object_type)[:80],
        object_id=_storable(str(object_id))[:80],
        justification=justification,
        recipients=sorted(_storable(str(r)) for r in recipients),
        details=_storable(details or {}),
    )
    if connection.vendor == "postgresql":
        _append_postgresql(entry)
    else:
        _append(entry)
    every = settings.PACCTO_AUDIT_CHECKPOINT_EVERY
    if every and entry.seq % every == 0:
        from paccto.audit.tasks import audit_checkpoint_task

        transaction.on_commit(audit_checkpoint_task.enqueue)
    return entry


def _append(entry: AuditEntry) -> None:
    """Chain and store an entry: lock the head, insert, move the head (any database)."""
    with transaction.atomic():
        # The head row serialises appends (SELECT ... FOR UPDATE on PostgreSQL; SQLite
        # already holds its single write lock from BEGIN IMMEDIATE).
        entry.seq, entry.prev_hash = _locked_head()
        entry.seq += 1
        entry.entry_hash = chain.entry_digest(_entry_values(entry), entry.prev_hash)
        entry.save(force_insert=True)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {AuditHead._meta.db_table} SET seq = %s, entry_hash = %s WHERE id = 1",  # noqa: S608
                [entry.seq, entry.entry_hash],
            )


# The same append as one statement, so that an audited read costs one round trip. The
# database computes the hash with the same formula as ``chain.entry_digest``: SHA-256 of the
# previous hash, a newline and the canonical text, whose last member is the sequence number
# (keys are sorted, "seq" comes last), so Python sends the text without it.
_APPEND_SQL = """
WITH head AS (
    SELECT seq + 1 AS seq, entry_hash AS prev FROM audit_audithead WHERE id = 1 FOR UPDATE
), entry AS (
    INSERT INTO audit_auditentry (
        seq, at, actor_id, actor_username, actor_institution_id, actor_country, action,
        object_type, object_id, justification, recipients, details, prev_hash, entry_hash
    )
    SELECT head.seq, %(at)s, %(actor_id)s, %(actor_username)s, %(actor_institution_id)s,
        %(actor_country)s, %(action)s, %(object_type)s, %(object_id)s, %(justification)s,
        %(recipients)s::jsonb, %(details)s::jsonb, head.prev,
        encode(sha256(convert_to(
            head.prev || E'\\n' || %(canonical_head)s || head.seq::text || '}', 'UTF8'
        )), 'hex')
    FROM head
    RETURNING id, seq, prev_hash, entry_hash
)
UPDATE audit_audithead SET seq = entry.seq, entry_hash = entry.entry_hash
FROM entry WHERE audit_audithead.id = 1
RETURNING entry.id, entry.seq, entry.prev_hash, entry.entry_hash
"""
_SEQ_PLACEHOLDER = -1


def _append_postgresql(entry: AuditEntry) -> None:
    """Chain and store an entry in one statement (PostgreSQL)."""
    import json

    entry.seq = _SEQ_PLACEHOLDER
    text = chain.canonical(_entry_values(entry))
    tail = f"{_SEQ_PLACEHOLDER}}}"
    if not text.endswith(f'"seq":{tail}'):
        raise RuntimeError("the canonical form no longer ends with the sequence number")
    params = {
        name: getattr(entry, name)
        for name in chain.CHAINED_FIELDS
        if name not in ("seq", "recipients", "details")
    }
    params["recipients"] = json.dumps(entry.recipients)
    params["details"] = json.dumps(entry.details)
    params["canonical_head"] = text[: -len(tail)]
    with connection.cursor() as cursor:
        cursor.execute(_APPEND_SQL, params)
        row = cursor.fetchone()
    if row is None:  # no head row yet (a fresh or flushed database): the general path
        entry.seq = 0
        _append(entry)
        return
    entry.pk, entry.seq, entry.prev_hash, entry.entry_hash = row
    entry._state.adding = False


def _locked_head() -> tuple[int, str]:
    """The end of the chain, locked until the transaction ends. Plain SQL: this runs on
    every audited request."""
    table = AuditHead._meta.db_table
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seq, entry_hash FROM {table} WHERE id = 1{lock}")  # noqa: S608
        row = cursor.fetchone()
    if row is None:
        # Only an empty log may start a new chain (a fresh or flushed database); with
        # entries present, a missing head makes the next append fail on the unique seq.
        head, _ = AuditHead.objects.get_or_create(
            pk=1, defaults={"seq": 0, "entry_hash": chain.GENESIS}
        )
        return head.seq, head.entry_hash
    return int(row[0]), str(row[1])


def _entry_values(entry: AuditEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in chain.CHAINED_FIELDS}


def audit_checkpoint_write() -> AuditCheckpoint | None:
    """Sign the current head of the chain, unless it is already signed."""
    key = signing.load_or_create_key(settings.PACCTO_AUDIT_KEY_PATH)
    with transaction.atomic():
        seq, entry_hash = _locked_head()
        if seq == 0 or AuditCheckpoint.objects.filter(seq=seq).exists():
            return None
        at = _now_ms()
        return AuditCheckpoint.objects.create(
            seq=seq,
            entry_hash=entry_hash,
            at=at,
            public_key=signing.public_key_hex(key),
            signature=signing.sign_checkpoint(
                key, seq, entry_hash, at.isoformat(timespec="milliseconds")
            ),
        )
