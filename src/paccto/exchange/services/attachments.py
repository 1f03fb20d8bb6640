"""Attachments: received, checked and stored outside the web root; checked again and
audited at every download.

A file is written to ``<data dir>/attachments/`` (directory 0700) under a random name (file
0600) while its SHA-256 and size are computed, then its kind is read from its content
(``exchange.filetypes``). Empty files, files over ``PACCTO_ATTACHMENT_MAX_BYTES``, kinds not
in the table, extensions that contradict the content, and names that could escape a folder
or hide their extension are refused, and the file is removed at once.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import Actor
from paccto.exchange import filetypes
from paccto.exchange.models import Attachment
from paccto.exchange.permissions import can_use_exchange

MAX_FILES = 10
HASH_CHUNK = 1 << 20


class Upload(Protocol):
    """What an uploaded file offers (Django's ``UploadedFile``)."""

    name: str | None

    def chunks(self, chunk_size: int | None = ...) -> Iterator[bytes]: ...


class AttachmentIntegrityError(Exception):
    """A stored file no longer matches the SHA-256 recorded when it arrived."""


@dataclass(frozen=True)
class ReceivedFile:
    file_name: str
    kind: str
    media_type: str
    size: int
    sha256: str
    stored_name: str


def attachment_dir() -> Path:
    directory = Path(settings.DATA_DIR) / "attachments"
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    return directory


def attachment_file_forget(stored_name: str) -> None:
    """Remove a stored file once no attachment row refers to it (copies share files)."""
    if not Attachment.objects.filter(stored_name=stored_name).exists():
        (attachment_dir() / stored_name).unlink(missing_ok=True)


def max_mb() -> str:
    return f"{settings.PACCTO_ATTACHMENT_MAX_BYTES / (1024 * 1024):g}"


NAME_ERRORS = {
    "empty": lambda name: _("A file has no name."),
    "too_long": lambda name: _("The file name %(name)s is longer than 200 characters."),
    "control": lambda name: _("A file name contains control or invisible characters."),
    "path": lambda name: _(
        "The file name %(name)s is not allowed: no /, \\ or :, and no dot at the start."
    ),
    "no_extension": lambda name: _("The file name %(name)s has no extension."),
}


def _refuse(message: str) -> ValidationError:
    return ValidationError({"attachments": [message]})


def _record_refusal(actor: Actor, name: str, reason: str) -> None:
    """Disguised files and names that try to leave their folder are worth a trace."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            object_type="exchange.attachment",
            details={"refused": reason, "file": name[:200]},
        )


def attachment_receive(*, actor: Actor, upload: Upload) -> ReceivedFile:
    """Check and store one uploaded file (not yet tied to anything). Raises
    ``ValidationError`` (and keeps nothing) when the file is refused."""
    raw_name = upload.name or ""
    try:
        name = filetypes.clean_name(raw_name)
    except filetypes.FileNameError as exc:
        if exc.code in ("path", "control"):
            _record_refusal(actor, raw_name, f"name:{exc.code}")
        raise _refuse(NAME_ERRORS[exc.code](raw_name) % {"name": raw_name[:80]}) from exc
    limit = settings.PACCTO_ATTACHMENT_MAX_BYTES
    stored_name = secrets.token_hex(16)
    path = attachment_dir() / stored_name
    digest = hashlib.sha256()
    size = 0
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in upload.chunks():
                size += len(chunk)
                if size > limit:
                    raise _refuse(
                        _("%(name)s is larger than %(mb)s MB.") % {"name": name, "mb": max_mb()}
                    )
                digest.update(chunk)
                handle.write(chunk)
        if size == 0:
            raise _refuse(_("%(name)s is empty.") % {"name": name})
        kind = filetypes.sniff(path)
        ext = filetypes.extension(name)
        if kind is None or not any(ext in k.extensions for k in filetypes.KINDS.values()):
            raise _refuse(
                _(
                    "%(name)s is not a kind of file that can be attached (PDF, images, office "
                    "documents, text, ZIP, audio or video)."
                )
                % {"name": name}
            )
        if not filetypes.extension_fits(kind, ext):
            _record_refusal(actor, name, f"content:{kind}")
            raise _refuse(
                _("The content of %(name)s does not match its extension .%(ext)s.")
                % {"name": name, "ext": ext}
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return ReceivedFile(
        file_name=name,
        kind=kind,
        media_type=filetypes.media_type(kind, ext),
        size=size,
        sha256=digest.hexdigest(),
        stored_name=stored_name,
    )


def attachments_receive(*, actor: Actor, uploads: Iterable[Upload]) -> list[ReceivedFile]:
    """Check and store several files: all of them, or none (a refused file removes the
    ones already stored)."""
    uploads = list(uploads)
    if len(uploads) > MAX_FILES:
        raise _refuse(_("At most %(n)s files at a time.") % {"n": MAX_FILES})
    received: list[ReceivedFile] = []
    try:
        for upload in uploads:
            received.append(attachment_receive(actor=actor, upload=upload))
        total = sum(f.size for f in received)
        if total > settings.PACCTO_ATTACHMENT_MAX_BYTES:
            raise _refuse(_("The files together are larger than %(mb)s MB.") % {"mb": max_mb()})
    except BaseException:
        for item in received:
            (attachment_dir() / item.stored_name).unlink(missing_ok=True)
        raise
    return received


def attachment_upload(*, actor: Actor, upload: Upload) -> Attachment:
    """Upload one file through the API, to be sent with a message later (by the same
    user, within ``PACCTO_ATTACHMENT_STAGED_HOURS``)."""
    if not can_use_exchange(actor) or actor.user_id is None or actor.institution_id is None:
        raise PermissionDenied(_("You may not send messages."))
    received = attachment_receive(actor=actor, upload=upload)
    try:
        with transaction.atomic():
            attachment = Attachment.objects.create(
                uploaded_by_id=actor.user_id,
                institution_id=actor.institution_id,
                **asdict(received),
            )
            audit_record(
                actor=actor,
                action=AuditAction.COLLECT,
                obj=attachment,
                details={"file": received.file_name, "sha256": received.sha256},
            )
    except BaseException:
        (attachment_dir() / received.stored_name).unlink(missing_ok=True)
        raise
    return attachment


def attachment_open(*, actor: Actor, attachment: Attachment) -> IO[Any]:
    """Open an attachment the actor may see for download, after checking it still has the
    SHA-256 recorded at upload. Every download is audited (a consultation); a mismatch or a
    missing file refuses the download, and that is audited too."""
    path = attachment_dir() / attachment.stored_name
    message = attachment.message
    reference = message.reference if message is not None else ""
    details = {"file": attachment.file_name, "sha256": attachment.sha256, "message": reference}
    handle: IO[Any] | None = None
    try:
        handle = path.open("rb")
        digest = hashlib.sha256()
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
        intact = digest.hexdigest() == attachment.sha256
    except OSError:
        intact = False
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.CONSULT,
            obj=attachment,
            details=details if intact else {**details, "refused": "integrity"},
        )
    if not intact or handle is None:
        if handle is not None:
            handle.close()
        raise AttachmentIntegrityError(
            _(
                "The file %(name)s no longer matches the fingerprint recorded when it was "
                "sent: it may have been altered, so it is not handed out. The refusal is "
                "logged; tell your platform administrator."
            )
            % {"name": attachment.file_name}
        )
    handle.seek(0)
    return handle
