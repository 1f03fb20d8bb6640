"""Checking an uploaded file before anything is stored: a plain name, not empty, not too
large, not a program, and an extension that tells the truth about the content. Every app
that keeps files (evidence, transfer documents...) checks them here and stores them with
``core.filestore.PrivateFileStore``."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from paccto.core import filetypes


@dataclass(frozen=True)
class Upload:
    """A file as received: its name and content."""

    name: str
    content: bytes


def upload_check(upload: Upload, *, max_bytes: int, field: str = "files") -> filetypes.FileType:
    """The type of an acceptable file; a translated error on ``field`` for a file that is
    empty, larger than ``max_bytes``, named like a path, a program, or whose extension
    lies about its content."""
    messages = {
        "name": _("The file name “%(name)s” is not acceptable: give a plain file name."),
        "executable": _("“%(name)s” is a program: programs cannot be registered."),
        "mismatch": _(
            "The content of “%(name)s” (%(content)s) does not match its extension (.%(extension)s)."
        ),
    }
    try:
        filetypes.check_name(upload.name)
        if not upload.content:
            raise ValidationError({field: [_("“%(name)s” is empty.") % {"name": upload.name}]})
        if len(upload.content) > max_bytes:
            raise ValidationError(
                {
                    field: [
                        _("“%(name)s” is larger than %(mb)s MB.")
                        % {"name": upload.name, "mb": max_bytes // (1024 * 1024)}
                    ]
                }
            )
        return filetypes.check_type(upload.name, upload.content[:8192])
    except filetypes.FileRefused as exc:
        name = upload.name if exc.code != "name" else upload.name.encode("unicode_escape").decode()
        raise ValidationError(
            {field: [messages[exc.code] % {"name": name[:255], **exc.params}]}
        ) from exc
