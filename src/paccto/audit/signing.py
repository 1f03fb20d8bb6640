"""Ed25519 keys for signing audit checkpoints."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """The platform's checkpoint key, created (mode 0600) on first use."""
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} is not an Ed25519 private key")
        return key
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


def public_key_hex(key: Ed25519PrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        .hex()
    )


def checkpoint_message(seq: int, entry_hash: str, at_iso: str) -> bytes:
    return f"paccto-audit-checkpoint\n{seq}\n{entry_hash}\n{at_iso}".encode()


def sign_checkpoint(key: Ed25519PrivateKey, seq: int, entry_hash: str, at_iso: str) -> str:
    return key.sign(checkpoint_message(seq, entry_hash, at_iso)).hex()


def checkpoint_signature_valid(
    public_hex: str, signature_hex: str, seq: int, entry_hash: str, at_iso: str
) -> bool:
    try:
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        public.verify(bytes.fromhex(signature_hex), checkpoint_message(seq, entry_hash, at_iso))
    except (InvalidSignature, ValueError):
        return False
    return True
