"""Files kept by the platform outside the web root: ``<data dir>/<area>/``, each under a
random name (directory 0700, files 0600, created exclusively), written with an fsync.

Files arrive as a stream of chunks (an uploaded file's ``chunks()``): the SHA-256 and the
size are computed while they are written, so a 50 MB upload is never held in memory, and
one over its limit is cut off and removed at once. Downloads check the SHA-256 again before
handing the open file out. Nothing here knows what a file means: the app that stores one
keeps its name, type and SHA-256 in its own rows (``core.uploads`` checks what arrives).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

from paccto.core.filetypes import FileRefused

HASH_CHUNK = 1 << 20


class FileIntegrityError(Exception):
    """A stored file is gone or no longer matches the SHA-256 recorded when it arrived."""


@dataclass(frozen=True)
class StoredFile:
    """A file just written: its random name in the area, its size and SHA-256."""

    stored_name: str
    size: int
    sha256: str


class PrivateFileStore:
    """One area of the data directory (``evidence``, ``attachments``...), whose files are
    named with ``name_bytes`` random bytes in hex."""

    def __init__(self, area: str, *, name_bytes: int = 24) -> None:
        if not area.isidentifier():
            raise ValueError("an area is a plain name")
        self.area = area
        self.name_bytes = name_bytes

    def directory(self) -> Path:
        directory = Path(settings.DATA_DIR) / self.area
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        directory.chmod(0o700)
        return directory

    def path(self, stored_name: str) -> Path:
        if not stored_name.isalnum():  # random hex only: never a path from outside
            raise ValueError("invalid stored name")
        return self.directory() / stored_name

    def write_chunks(self, chunks: Iterable[bytes], *, limit: int | None = None) -> StoredFile:
        """Store a stream under a new random name, hashing it on the way. More than
        ``limit`` bytes: the file is removed and ``FileRefused("too_large")`` raised."""
        stored_name = secrets.token_hex(self.name_bytes)
        path = self.path(stored_name)
        digest = hashlib.sha256()
        size = 0
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                for chunk in chunks:
                    size += len(chunk)
                    if limit is not None and size > limit:
                        raise FileRefused("too_large")
                    digest.update(chunk)
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return StoredFile(stored_name=stored_name, size=size, sha256=digest.hexdigest())

    def write(self, content: bytes) -> str:
        """Store the content under a new random name; returns the name."""
        return self.write_chunks([content]).stored_name

    def read(self, stored_name: str) -> bytes | None:
        """The stored content, or None when the file is gone (small files only: prefer
        ``open_verified`` to hand a file out)."""
        try:
            return self.path(stored_name).read_bytes()
        except FileNotFoundError:
            return None

    def digest(self, stored_name: str) -> str | None:
        """The SHA-256 of a stored file, read in chunks; None when it is gone."""
        try:
            with self.path(stored_name).open("rb") as handle:
                return _sha256(handle)
        except FileNotFoundError:
            return None

    def open_verified(self, stored_name: str, sha256: str) -> BinaryIO:
        """The stored file, open at its start, once its content has been checked against
        ``sha256``; ``FileIntegrityError`` when it is gone or altered."""
        try:
            handle: BinaryIO = self.path(stored_name).open("rb")
        except OSError as exc:
            raise FileIntegrityError(stored_name) from exc
        try:
            intact = _sha256(handle) == sha256
        except OSError:
            intact = False
        if not intact:
            handle.close()
            raise FileIntegrityError(stored_name)
        handle.seek(0)
        return handle

    def read_verified(self, stored_name: str, sha256: str) -> bytes:
        """The content of a small stored file, once checked against ``sha256``;
        ``FileIntegrityError`` when it is gone or altered."""
        content = self.read(stored_name)
        if content is None or hashlib.sha256(content).hexdigest() != sha256:
            raise FileIntegrityError(stored_name)
        return content

    def remove(self, stored_name: str) -> None:
        """Forget a file (one whose registration failed, or one being erased)."""
        self.path(stored_name).unlink(missing_ok=True)


def _sha256(handle: BinaryIO) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(HASH_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()
