"""Field encryption envelopes: AES-256-GCM with the key's id stored beside each ciphertext.

A value is sealed as ``pf1:<key id>:<base64url(nonce || ciphertext || tag)>``. The key id is
the first eight hex digits of the key's SHA-256, so a keyring needs no names and a value
always says which key opens it. Associated data (the table and column a value belongs to)
is authenticated with it: a ciphertext moved to another column does not open.

A keyring holds the current key (which seals) and older keys (which still open values sealed
before a rotation). Keys come from a list in the environment or from a key file of one key
per line, current first. No Django here: the same code serves the platform, its commands and
offline tools.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "pf1"
KEY_BYTES = 32
NONCE_BYTES = 12


class FieldKeyError(Exception):
    """A keyring that cannot be used: no key, a malformed key, an unsafe key file, or a value
    sealed with a key that is not configured. Protected data then stays closed."""


class FieldDecryptionError(FieldKeyError):
    """A value that does not open with its key: altered, moved, or the wrong key."""


def key_id(key: bytes) -> str:
    """The id of a key: eight hex digits of its SHA-256 (not secret, not reversible)."""
    return hashlib.sha256(key).hexdigest()[:8]


def key_encode(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode("ascii")


def key_decode(text: str) -> bytes:
    """A key written in base64 (standard or URL-safe alphabet), 32 bytes once decoded."""
    text = text.strip()
    try:
        key = base64.b64decode(text.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise FieldKeyError("a field key is not valid base64") from exc
    if len(key) != KEY_BYTES:
        raise FieldKeyError(f"a field key must be {KEY_BYTES} bytes (got {len(key)})")
    return key


def key_generate() -> bytes:
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


@dataclass(frozen=True)
class Keyring:
    """Keys by id, the first one current."""

    keys: tuple[tuple[str, bytes], ...]

    def __post_init__(self) -> None:
        if not self.keys:
            raise FieldKeyError("no field key is configured")
        ids = [kid for kid, _ in self.keys]
        if len(set(ids)) != len(ids):
            raise FieldKeyError("the same field key is listed twice")

    @classmethod
    def from_keys(cls, keys: Iterable[bytes]) -> Keyring:
        return cls(tuple((key_id(k), k) for k in keys))

    @classmethod
    def parse(cls, text: str) -> Keyring:
        """Keys separated by commas, spaces or new lines (``#`` starts a comment line)."""
        words: list[str] = []
        for line in text.splitlines():
            if line.strip().startswith("#"):
                continue
            words += line.replace(",", " ").split()
        return cls.from_keys(key_decode(w) for w in words)

    @property
    def current_id(self) -> str:
        return self.keys[0][0]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(kid for kid, _ in self.keys)

    def _key(self, kid: str) -> bytes:
        for candidate, key in self.keys:
            if candidate == kid:
                return key
        raise FieldKeyError(
            f"the protected data was sealed with field key {kid}, which is not configured"
        )

    def encrypt(self, plaintext: str, associated: bytes) -> str:
        """Seal a text with the current key."""
        kid, key = self.keys[0]
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), associated)
        body = base64.urlsafe_b64encode(nonce + sealed).decode("ascii").rstrip("=")
        return f"{PREFIX}:{kid}:{body}"

    def decrypt(self, token: str, associated: bytes) -> str:
        """Open a sealed value with the key it names."""
        kid, body = split_token(token)
        raw = _b64decode(body)
        if len(raw) < NONCE_BYTES + 16:
            raise FieldDecryptionError("a protected value is truncated")
        try:
            plain = AESGCM(self._key(kid)).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], associated)
        except InvalidTag as exc:
            raise FieldDecryptionError(
                f"a protected value does not open with field key {kid} (altered or moved)"
            ) from exc
        return plain.decode("utf-8")

    def reencrypt(self, token: str, associated: bytes) -> str | None:
        """The value sealed with the current key, or None when it already is."""
        kid, _body = split_token(token)
        if kid == self.current_id:
            return None
        return self.encrypt(self.decrypt(token, associated), associated)


def _b64decode(body: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError) as exc:
        raise FieldDecryptionError("a protected value is not valid base64") from exc


def split_token(token: str) -> tuple[str, str]:
    """The key id and the body of a sealed value."""
    parts = token.split(":")
    if len(parts) != 3 or parts[0] != PREFIX or len(parts[1]) != 8:
        raise FieldDecryptionError("a protected value is not sealed (not a pf1 envelope)")
    return parts[1], parts[2]


def token_key_id(token: str) -> str:
    return split_token(token)[0]


def key_file_read(path: Path) -> Keyring:
    """The keyring of a key file, which only its owner may read (mode 0600 or 0400)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as exc:
        raise FieldKeyError(f"the field key file {path} does not exist") from exc
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise FieldKeyError(
            f"the field key file {path} is open to other users (mode {stat.S_IMODE(mode):o}): "
            "chmod 600 it"
        )
    return Keyring.parse(path.read_text(encoding="ascii"))


def key_file_create(path: Path) -> Keyring:
    """Write a key file with one new key (mode 0600); if another process wrote it first,
    read theirs. The file appears whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key_file_text([key_generate()]))
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return key_file_read(path)


def key_file_text(keys: Iterable[bytes]) -> str:
    lines = [
        "# PAcCTO field encryption keys, current first. Back this file up apart from the",
        "# database: without it the protected data cannot be read.",
    ]
    lines += [key_encode(k) for k in keys]
    return "\n".join(lines) + "\n"


def key_file_write(path: Path, keys: Iterable[bytes]) -> None:
    """Replace a key file (atomically, mode 0600)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key_file_text(keys))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
