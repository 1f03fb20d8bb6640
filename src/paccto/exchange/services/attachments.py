"""Attachments: received, checked and stored outside the web root; checked again and
audited at every download.

Files go through the platform's one upload path (``core.uploads``): streamed into
``<data dir>/attachments/`` (directory 0700) under a random name (file 0600) while their
SHA-256 and size are computed, then their kind is read from their content
(``core.filetypes``, ``ATTACHMENTS``). Empty files, files over
``PACCTO_ATTACHMENT_MAX_BYTES``, kinds not accepted, programs, extensions that contradict
the content, and names that could escape a folder or hide their extension are refused,
and the file is removed at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core import uploads
from paccto.core.filestore import FileIntegrityError, PrivateFileStore
from paccto.core.filetypes import ATTACHMENTS
from paccto.core.permissions import Actor
from paccto.core.uploads import Chunked as Upload
from paccto.core.uploads import ReceivedFile
from paccto.exchange.models import Attachment
from paccto.exchange.permissions import can_use_exchange

MAX_FILES = 10
ATTACHMENT_FILES = PrivateFileStore("attachments", name_bytes=16)


class AttachmentIntegrityError(Exception):
    """A stored file no longer matches the SHA-256 recorded when it arrived."""


def attachment_dir() -> Path:
    return ATTACHMENT_FILES.directory()


def attachment_file_forget(stored_name: str) -> None:
    """Remove a stored file once no attachment row refers to it (copies share files)."""
    if not Attachment.objects.filter(stored_name=stored_name).exists():
        ATTACHMENT_FILES.remove(stored_name)


def max_mb() -> str:
    return uploads.max_mb(settings.PACCTO_ATTACHMENT_MAX_BYTES)


def _receive(actor: Actor, files: Iterable[Upload]) -> list[ReceivedFile]:
    return uploads.uploads_receive(
        actor=actor,
        store=ATTACHMENT_FILES,
        uploads=files,
        limit=settings.PACCTO_ATTACHMENT_MAX_BYTES,
        total_limit=settings.PACCTO_ATTACHMENT_MAX_BYTES,
        max_files=MAX_FILES,
        accept=ATTACHMENTS,
        field="attachments",
        object_type="exchange.attachment",
    )


def attachments_receive(*, actor: Actor, uploads: Iterable[Upload]) -> list[ReceivedFile]:
    """Check and store several files: all of them, or none (a refused file removes the
    ones already stored)."""
    return _receive(actor, uploads)


def attachments_forget(received: Iterable[ReceivedFile]) -> None:
    """Remove files received for a message that was not sent after all."""
    for item in received:
        ATTACHMENT_FILES.remove(item.stored_name)


def attachment_row(received: ReceivedFile, **fields: Any) -> Attachment:
    """An attachment row for a received file (not saved)."""
    return Attachment(
        file_name=received.file_name,
        kind=received.kind.key,
        media_type=received.media_type,
        size=received.size,
        sha256=received.sha256,
        stored_name=received.stored_name,
        **fields,
    )


def attachment_upload(*, actor: Actor, upload: Upload) -> Attachment:
    """Upload one file through the API, to be sent with a message later (by the same
    user, within ``PACCTO_ATTACHMENT_STAGED_HOURS``)."""
    if not can_use_exchange(actor) or actor.user_id is None or actor.institution_id is None:
        raise PermissionDenied(_("You may not send messages."))
    [received] = _receive(actor, [upload])
    try:
        with transaction.atomic():
            attachment = attachment_row(
                received, uploaded_by_id=actor.user_id, institution_id=actor.institution_id
            )
            attachment.save()
            audit_record(
                actor=actor,
                action=AuditAction.COLLECT,
                obj=attachment,
                details={"file": received.file_name, "sha256": received.sha256},
            )
    except BaseException:
        ATTACHMENT_FILES.remove(received.stored_name)
        raise
    return attachment


def attachment_open(*, actor: Actor, attachment: Attachment) -> IO[Any]:
    """Open an attachment the actor may see for download, after checking it still has the
    SHA-256 recorded at upload. Every download is audited (a consultation); a mismatch or a
    missing file refuses the download, and that is audited too."""
    message = attachment.message
    reference = message.reference if message is not None else ""
    details = {"file": attachment.file_name, "sha256": attachment.sha256, "message": reference}
    handle: IO[Any] | None = None
    try:
        handle = ATTACHMENT_FILES.open_verified(attachment.stored_name, attachment.sha256)
    except FileIntegrityError:
        handle = None
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.CONSULT,
            obj=attachment,
            details=details if handle is not None else {**details, "refused": "integrity"},
        )
    if handle is None:
        raise AttachmentIntegrityError(
            _(
                "The file %(name)s no longer matches the fingerprint recorded when it was "
                "sent: it may have been altered, so it is not handed out. The refusal is "
                "logged; tell your platform administrator."
            )
            % {"name": attachment.file_name}
        )
    return handle
