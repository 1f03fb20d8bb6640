"""Files of a request: the requesting side's documents (while it may still add to the
request) and the executing side's results (during and after execution). Checked like every
upload of the platform (``core.filetypes``: content sniffed, no programs, no extension that
lies; the exchange's name rules: no path, no invisible characters), stored outside the web
root (``core.filestore``, area ``judicial``) with their SHA-256, checked again and audited
at every download."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.cases.services import Upload
from paccto.core import filetypes
from paccto.core.filestore import PrivateFileStore
from paccto.core.permissions import Actor
from paccto.exchange import filetypes as exchange_filetypes
from paccto.exchange.services.attachments import MAX_FILES, NAME_ERRORS, max_mb
from paccto.judicial.choices import RequestStatus, Side
from paccto.judicial.models import JudicialRequest, RequestAttachment
from paccto.judicial.permissions import request_sides
from paccto.judicial.services.access import Errors, judicial_deny, judicial_refuse
from paccto.judicial.services.requests import REQUESTER_OPEN

JUDICIAL_FILES = PrivateFileStore("judicial")
RESULTS_OPEN = (
    RequestStatus.IN_EXECUTION,
    RequestStatus.EXECUTED,
    RequestStatus.PARTIALLY_EXECUTED,
)


class RequestFileIntegrityError(Exception):
    """A stored file no longer matches the SHA-256 recorded when it arrived."""


def _file_errors(upload: Upload) -> tuple[str | None, filetypes.FileType | None]:
    """The translated reason a file is refused (None when accepted), and its type."""
    try:
        exchange_filetypes.clean_name(upload.name)
    except exchange_filetypes.FileNameError as exc:
        return NAME_ERRORS[exc.code](upload.name) % {"name": upload.name[:80]}, None
    if not upload.content:
        return _("%(name)s is empty.") % {"name": upload.name}, None
    if len(upload.content) > settings.PACCTO_ATTACHMENT_MAX_BYTES:
        return _("%(name)s is larger than %(mb)s MB.") % {"name": upload.name, "mb": max_mb()}, None
    try:
        filetypes.check_name(upload.name)
        return None, filetypes.check_type(upload.name, upload.content[:8192])
    except filetypes.FileRefused as exc:
        if exc.code == "executable":
            return _("“%(name)s” is a program: programs cannot be attached.") % {
                "name": upload.name
            }, None
        if exc.code == "mismatch":
            return _("The content of %(name)s does not match its extension .%(ext)s.") % {
                "name": upload.name,
                "ext": filetypes.extension(upload.name) or "-",
            }, None
        return _(
            "The file name %(name)s is not allowed: no /, \\ or :, and no dot at the start."
        ) % {"name": upload.name[:80]}, None


def request_attachments_add(
    *, actor: Actor, request: JudicialRequest, uploads: list[Upload]
) -> list[RequestAttachment]:
    """Attach files to a request: the requesting side's documents while it may still add
    to it, the executing side's results during and after execution. All the files or
    none."""
    sides = request_sides(actor, request)
    if Side.REQUESTING in sides and request.status in REQUESTER_OPEN:
        side = Side.REQUESTING
    elif Side.EXECUTING in sides and request.status in RESULTS_OPEN:
        side = Side.EXECUTING
    elif sides:
        judicial_refuse(
            actor=actor,
            event="attach",
            errors={
                "files": [
                    _(
                        "Files are added by the requesting side while the request is a draft or "
                        "a clarification is asked, and by the executing side during and after "
                        "execution."
                    )
                ]
            },
            obj=request,
        )
    else:
        judicial_deny(
            actor=actor,
            event="attach",
            message=_("Only the judges and prosecutors of the request's sides add files."),
            obj=request,
        )
    errors = Errors()
    if not uploads:
        errors.add("files", _("Choose at least one file."))
    if len(uploads) > MAX_FILES:
        errors.add("files", _("At most %(n)s files at a time.") % {"n": MAX_FILES})
    kinds = []
    for upload in uploads[:MAX_FILES]:
        message, kind = _file_errors(upload)
        if message:
            errors.add("files", message)
        kinds.append(kind)
    if errors:
        judicial_refuse(actor=actor, event="attach", errors=errors, obj=request)
    assert actor.user_id is not None and actor.institution_id is not None
    stored: list[str] = []
    try:
        for upload in uploads:
            stored.append(JUDICIAL_FILES.write(upload.content))
        with transaction.atomic():
            rows = []
            for upload, kind, name in zip(uploads, kinds, stored, strict=True):
                assert kind is not None
                row = RequestAttachment.objects.create(
                    request=request,
                    side=side,
                    file_name=upload.name.strip(),
                    media_type=kind.mime,
                    kind=kind.label,
                    size=len(upload.content),
                    sha256=hashlib.sha256(upload.content).hexdigest(),
                    stored_name=name,
                    uploaded_by_id=actor.user_id,
                    institution_id=actor.institution_id,
                )
                audit_record(
                    actor=actor,
                    action=AuditAction.COLLECT,
                    obj=row,
                    details={
                        "request": request.number,
                        "file": row.file_name,
                        "sha256": row.sha256,
                        "side": side,
                    },
                )
                rows.append(row)
    except BaseException:
        for name in stored:
            JUDICIAL_FILES.remove(name)
        raise
    return rows


def request_attachment_open(*, actor: Actor, attachment: RequestAttachment) -> bytes:
    """The content of a file the actor sees, after checking its SHA-256; every download
    is audited, and so is a refusal because the file no longer matches."""
    content = JUDICIAL_FILES.read(attachment.stored_name)
    intact = content is not None and hashlib.sha256(content).hexdigest() == attachment.sha256
    details = {
        "file": attachment.file_name,
        "sha256": attachment.sha256,
        "request": attachment.request.number,
    }
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.CONSULT,
            obj=attachment,
            details=details if intact else {**details, "refused": "integrity"},
        )
    if not intact or content is None:
        raise RequestFileIntegrityError(
            _(
                "The file %(name)s no longer matches the fingerprint recorded when it was "
                "attached: it may have been altered, so it is not handed out. The refusal is "
                "logged; tell your platform administrator."
            )
            % {"name": attachment.file_name}
        )
    return content
