"""Uploaded files, checked and stored the same way by every app that keeps them (message
attachments, evidence, and the apps to come): a name that stays in its folder and hides
nothing, not empty, not over the limit, a kind the use accepts, never a program, and an
extension that tells the truth about the content (``core.filetypes``). The file is streamed
into ``core.filestore.PrivateFileStore`` while its SHA-256 is computed, checked there, and
removed at once when refused: a refused file leaves nothing behind, and the user gets one
translated message. Refusals that look like an attempt (a name leaving its folder or
hiding characters, a disguised content, a program) are audited.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from paccto.core import filetypes
from paccto.core.filestore import PrivateFileStore
from paccto.core.filetypes import ATTACHMENTS, EVIDENCE, Acceptance, FileRefused, FileType
from paccto.core.permissions import Actor

CHUNK = 1 << 20
# Refusals worth a trace in the audit log: they are how files are smuggled in.
AUDITED = frozenset({"path", "control", "mismatch", "executable"})
ACCEPTED = {
    ATTACHMENTS: gettext_lazy("PDF, images, office documents, text, ZIP, audio or video"),
    EVIDENCE: gettext_lazy("any file but a program"),
}
# The kinds whose label is words rather than a format's name, as a message shows them.
LABELS = {
    filetypes.TEXT.label: gettext_lazy("text"),
    filetypes.BINARY.label: gettext_lazy("binary data"),
    filetypes.OLE.label: gettext_lazy("old Office document"),
    filetypes.ODT.label: gettext_lazy("OpenDocument text"),
    filetypes.ODS.label: gettext_lazy("OpenDocument spreadsheet"),
    filetypes.ODP.label: gettext_lazy("OpenDocument presentation"),
    filetypes.E01.label: gettext_lazy("EnCase disk image"),
}


class Chunked(Protocol):
    """What an uploaded file offers (Django's ``UploadedFile``, or ``Upload``)."""

    name: str | None

    def chunks(self, chunk_size: int | None = ...) -> Iterator[bytes]: ...


@dataclass(frozen=True)
class Upload:
    """A file held in memory: its name and content (small files, tests, demo data)."""

    name: str
    content: bytes

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        size = chunk_size or CHUNK
        for start in range(0, len(self.content), size):
            yield self.content[start : start + size]


@dataclass(frozen=True)
class ReceivedFile:
    """A file checked and stored: the name kept, its kind and media type, size, SHA-256
    and its random name in the store."""

    file_name: str
    kind: FileType
    media_type: str
    size: int
    sha256: str
    stored_name: str


def max_mb(limit: int) -> str:
    """A byte limit in MB, as people write it (50, 0.5)."""
    return f"{limit / (1024 * 1024):g}"


def _shown(name: str) -> str:
    """A name as it may appear in a message: invisible characters spelled out."""
    printable = name.isprintable()
    return (name if printable else name.encode("unicode_escape").decode())[:80]


MESSAGES = {
    "empty": gettext_lazy("A file has no name."),
    "too_long": gettext_lazy("The file name %(name)s is longer than 200 characters."),
    "control": gettext_lazy("A file name contains control or invisible characters."),
    "path": gettext_lazy(
        "The file name %(name)s is not allowed: no /, \\ or :, and no dot at the start."
    ),
    "no_extension": gettext_lazy("The file name %(name)s has no extension."),
    "empty_file": gettext_lazy("“%(name)s” is empty."),
    "too_large": gettext_lazy("“%(name)s” is larger than %(mb)s MB."),
    "not_accepted": gettext_lazy(
        "“%(name)s” is not a kind of file that can be kept here: %(accepted)s."
    ),
    "executable": gettext_lazy("“%(name)s” is a program: programs cannot be registered or sent."),
    "mismatch": gettext_lazy(
        "The content of “%(name)s” (%(content)s) does not match its extension .%(extension)s."
    ),
    "mismatch_no_extension": gettext_lazy(
        "The content of “%(name)s” (%(content)s) needs the extension of its kind."
    ),
}


def refusal_message(
    exc: FileRefused, *, name: str, limit: int, accept: Acceptance = EVIDENCE
) -> str:
    """The translated reason a file was refused."""
    params = {
        "name": _shown(name),
        "mb": max_mb(limit),
        "accepted": str(ACCEPTED.get(accept, "")),
        **exc.params,
    }
    if "content" in params:
        params["content"] = str(LABELS.get(params["content"], params["content"]))
    code = exc.code
    if code == "mismatch" and params.get("extension", "-") == "-":
        code = "mismatch_no_extension"
    return str(MESSAGES[code]) % params


def upload_refusal_record(*, actor: Actor, object_type: str, name: str, reason: str) -> None:
    """Record a refused file that looked like an attempt (disguised content, a program, a
    name leaving its folder or hiding characters), in its own transaction."""
    from paccto.audit.choices import AuditAction
    from paccto.audit.services import audit_record

    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            object_type=object_type,
            details={"refused": reason, "file": name[:200]},
        )


def _reason(exc: FileRefused, kind: FileType | None) -> str:
    if exc.code in ("path", "control"):
        return f"name:{exc.code}"
    if kind is not None:
        return f"content:{kind.key}"
    return exc.code


def upload_receive(
    *,
    actor: Actor,
    store: PrivateFileStore,
    upload: Chunked,
    limit: int,
    accept: Acceptance,
    field: str,
    object_type: str,
) -> ReceivedFile:
    """Check and store one uploaded file for a use (``accept``), streaming it into
    ``store``. ``ValidationError`` on ``field``, and nothing kept, when it is refused."""
    raw_name = upload.name or ""
    kind: FileType | None = None
    stored_name = ""
    try:
        name = filetypes.clean_name(raw_name, extension_required=accept.extension_required)
        stored = store.write_chunks(upload.chunks(), limit=limit)
        stored_name = stored.stored_name
        if stored.size == 0:
            raise FileRefused("empty_file")
        kind = filetypes.sniff(store.path(stored_name))
        filetypes.check(name, kind, accept)
        return ReceivedFile(
            file_name=name,
            kind=kind,
            media_type=filetypes.media_type(kind, filetypes.extension(name)),
            size=stored.size,
            sha256=stored.sha256,
            stored_name=stored_name,
        )
    except FileRefused as exc:
        if stored_name:
            store.remove(stored_name)
        if exc.code in AUDITED:
            upload_refusal_record(
                actor=actor, object_type=object_type, name=raw_name, reason=_reason(exc, kind)
            )
        message = refusal_message(exc, name=raw_name, limit=limit, accept=accept)
        raise ValidationError({field: [message]}) from exc
    except BaseException:
        if stored_name:
            store.remove(stored_name)
        raise


def uploads_receive(
    *,
    actor: Actor,
    store: PrivateFileStore,
    uploads: Iterable[Chunked],
    limit: int,
    accept: Acceptance,
    field: str,
    object_type: str,
    total_limit: int | None = None,
    max_files: int | None = None,
) -> list[ReceivedFile]:
    """Check and store several files: all of them, or none (a refused file removes the
    ones already stored). ``total_limit`` bounds them together, ``max_files`` their
    number."""
    uploads = list(uploads)
    if max_files is not None and len(uploads) > max_files:
        raise ValidationError({field: [_("At most %(n)s files at a time.") % {"n": max_files}]})
    received: list[ReceivedFile] = []
    try:
        for upload in uploads:
            received.append(
                upload_receive(
                    actor=actor,
                    store=store,
                    upload=upload,
                    limit=limit,
                    accept=accept,
                    field=field,
                    object_type=object_type,
                )
            )
        if total_limit is not None and sum(f.size for f in received) > total_limit:
            raise ValidationError(
                {
                    field: [
                        _("The files together are larger than %(mb)s MB.")
                        % {"mb": max_mb(total_limit)}
                    ]
                }
            )
    except BaseException:
        for item in received:
            store.remove(item.stored_name)
        raise
    return received
