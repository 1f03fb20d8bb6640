"""Where evidence files live: ``<data dir>/evidence/``, outside the web root, each under a
random name (directory 0700, files 0600). Nothing here knows what a file means."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings


def evidence_dir() -> Path:
    directory = Path(settings.DATA_DIR) / "evidence"
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    directory.chmod(0o700)
    return directory


def _path(stored_name: str) -> Path:
    if not stored_name.isalnum():  # random hex only: never a path from outside
        raise ValueError("invalid stored name")
    return evidence_dir() / stored_name


def evidence_file_write(content: bytes) -> str:
    """Store the content under a new random name (created exclusively, mode 0600)."""
    stored_name = secrets.token_hex(24)
    fd = os.open(_path(stored_name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    return stored_name


def evidence_file_read(stored_name: str) -> bytes | None:
    """The stored content, or None when the file is gone."""
    try:
        return _path(stored_name).read_bytes()
    except FileNotFoundError:
        return None


def evidence_file_remove(stored_name: str) -> None:
    """Forget a file whose registration failed (never one that was registered)."""
    _path(stored_name).unlink(missing_ok=True)
