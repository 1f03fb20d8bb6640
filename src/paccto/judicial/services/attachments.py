"""Files of a request: the requesting side's documents (while it may still add to the
request) and the executing side's results (during and after execution). Received through
the platform's one upload path (``core.uploads``: a name that stays in its folder and hides
nothing, not empty, within ``PACCTO_ATTACHMENT_MAX_BYTES``, a kind attachments accept, never
a program, an extension that tells the truth about the content), streamed into
``<data dir>/judicial/`` (``core.filestore``) with their SHA-256, checked again and audited
at every download. Every refusal is audited."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core import uploads as core_uploads
from paccto.core.filestore import FileIntegrityError, PrivateFileStore
from paccto.core.filetypes import ATTACHMENTS
from paccto.core.permissions import Actor
from paccto.core.uploads import Chunked, Upload
from paccto.judicial.choices import RequestStatus, Side
from paccto.judicial.models import JudicialRequest, RequestAttachment
from paccto.judicial.permissions import request_sides
from paccto.judicial.services.access import judicial_deny, judicial_refuse
from paccto.judicial.services.requests import REQUESTER_OPEN

__all__ = ["JUDICIAL_FILES", "MAX_FILES", "RequestFileIntegrityError", "Upload"]

JUDICIAL_FILES = PrivateFileStore("judicial")
MAX_FILES = 10
RESULTS_OPEN = (
    RequestStatus.IN_EXECUTION,
    RequestStatus.EXECUTED,
    RequestStatus.PARTIALLY_EXECUTED,
)


class RequestFileIntegrityError(Exception):
    """A stored file no longer matches the SHA-256 recorded when it arrived."""


def request_attachments_add(
    *, actor: Actor, request: JudicialRequest, uploads: Sequence[Chunked]
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
    if not uploads:
        judicial_refuse(
            actor=actor,
            event="attach",
            errors={"files": [_("Choose at least one file.")]},
            obj=request,
        )
    try:
        received = core_uploads.uploads_receive(
            actor=actor,
            store=JUDICIAL_FILES,
            uploads=uploads,
            limit=settings.PACCTO_ATTACHMENT_MAX_BYTES,
            max_files=MAX_FILES,
            accept=ATTACHMENTS,
            field="files",
            object_type="judicial.requestattachment",
        )
    except ValidationError as exc:
        judicial_refuse(actor=actor, event="attach", errors=exc.message_dict, obj=request)
    assert actor.user_id is not None and actor.institution_id is not None
    try:
        with transaction.atomic():
            rows = []
            for item in received:
                row = RequestAttachment.objects.create(
                    request=request,
                    side=side,
                    file_name=item.file_name,
                    media_type=item.media_type,
                    kind=item.kind.label,
                    size=item.size,
                    sha256=item.sha256,
                    stored_name=item.stored_name,
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
        for item in received:
            JUDICIAL_FILES.remove(item.stored_name)
        raise
    return rows


def request_attachment_open(*, actor: Actor, attachment: RequestAttachment) -> bytes:
    """The content of a file the actor sees, after checking its SHA-256; every download
    is audited, and so is a refusal because the file no longer matches."""
    try:
        content: bytes | None = JUDICIAL_FILES.read_verified(
            attachment.stored_name, attachment.sha256
        )
    except FileIntegrityError:
        content = None
    intact = content is not None
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
