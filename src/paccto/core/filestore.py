"""Files kept by the platform outside the web root: ``<data dir>/<area>/``, each under a
random name (directory 0700, files 0600), written with an fsync. Nothing here knows what a
file means: the app that stores one keeps its name, type and SHA-256 in its own rows."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings


class PrivateFileStore:
    """One area of the data directory (``evidence``, ``attachments``...)."""

    def __init__(self, area: str) -> None:
        if not area.isidentifier():
            raise ValueError("an area is a plain name")
        self.area = area

    def directory(self) -> Path:
        directory = Path(settings.DATA_DIR) / self.area
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        directory.chmod(0o700)
        return directory

    def path(self, stored_name: str) -> Path:
        if not stored_name.isalnum():  # random hex only: never a path from outside
            raise ValueError("invalid stored name")
        return self.directory() / stored_name

    def write(self, content: bytes) -> str:
        """Store the content under a new random name (created exclusively, mode 0600)."""
        stored_name = secrets.token_hex(24)
        fd = os.open(self.path(stored_name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        return stored_name

    def read(self, stored_name: str) -> bytes | None:
        """The stored content, or None when the file is gone."""
        try:
            return self.path(stored_name).read_bytes()
        except FileNotFoundError:
            return None

    def remove(self, stored_name: str) -> None:
        """Forget a file (one whose registration failed, or one being erased)."""
        self.path(stored_name).unlink(missing_ok=True)
