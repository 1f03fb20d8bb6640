"""Fields encrypted at rest, with a key that is not in the database.

``EncryptedTextField`` seals each value with AES-256-GCM (``paccto.crypto.envelope``) on its
way to the database and opens it on the way back; the table and column are authenticated
with it. The keys come from ``PACCTO_FIELD_KEYS`` (current key first) or, for an embedded
install, from a key file in the data directory created (mode 0600) on first use. Without
the right key protected values do not load at all: the error says which key is missing and
never shows the data.

Encrypted columns cannot be searched or filtered (only ``isnull``): a lookup would compare
ciphertexts. ``fields_rotate`` seals every value again with the current key.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction

from paccto.crypto.envelope import (
    FieldKeyError,
    Keyring,
    key_file_create,
    key_file_read,
    token_key_id,
)

_lock = threading.Lock()
_cache: tuple[tuple[str, str, float], Keyring] | None = None


def _file_stamp(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return -1.0


def field_keyring() -> Keyring:
    """The keyring of this process: ``PACCTO_FIELD_KEYS`` if set, else the key file (read
    again when it changes; created when missing and no protected value exists yet)."""
    global _cache
    env = settings.PACCTO_FIELD_KEYS.strip()
    path = Path(settings.PACCTO_FIELD_KEY_FILE)
    stamp = (env, str(path), 0.0 if env else _file_stamp(path))
    cached = _cache
    if cached is not None and cached[0] == stamp:
        return cached[1]
    with _lock:
        if env:
            keyring = Keyring.parse(env)
        elif path.exists():
            keyring = key_file_read(path)
        else:
            if protected_values_exist():
                raise FieldKeyError(
                    f"no field key is configured ({path} is missing) but protected data "
                    "exists: restore the key file from its backup or set PACCTO_FIELD_KEYS"
                )
            keyring = key_file_create(path)
        _cache = ((env, str(path), 0.0 if env else _file_stamp(path)), keyring)
        return keyring


def field_keyring_reset() -> None:
    """Forget the keyring read (tests; after replacing the key file)."""
    global _cache
    _cache = None


class EncryptedTextField(models.TextField):
    """Text encrypted at rest (AES-256-GCM, key id stored with each value)."""

    def _associated(self) -> bytes:
        return f"{self.model._meta.db_table}.{self.column}".encode()

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return field_keyring().decrypt(value, self._associated())

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return field_keyring().encrypt(str(value), self._associated())

    def get_lookup(self, lookup_name: str) -> Any:
        # Equality or containment on ciphertexts would silently find nothing.
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        return None


@dataclass(frozen=True)
class EncryptedColumn:
    model: type[models.Model]
    table: str
    pk_column: str
    column: str

    @property
    def associated(self) -> bytes:
        return f"{self.table}.{self.column}".encode()


def encrypted_columns() -> list[EncryptedColumn]:
    """Every encrypted column of every installed model."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                found.append(
                    EncryptedColumn(
                        model=model,
                        table=model._meta.db_table,
                        pk_column=model._meta.pk.column,
                        column=field.column,
                    )
                )
    return found


def protected_values_exist() -> bool:
    """Whether any encrypted column holds a value (then a new key must not be made up)."""
    from django.db.utils import OperationalError, ProgrammingError

    for col in encrypted_columns():
        qn = connection.ops.quote_name
        sql = f"SELECT 1 FROM {qn(col.table)} WHERE {qn(col.column)} IS NOT NULL LIMIT 1"  # noqa: S608
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                if cursor.fetchone():
                    return True
        except (OperationalError, ProgrammingError):
            continue  # table not migrated yet
    return False


def _raw_values(col: EncryptedColumn) -> Iterator[tuple[Any, str]]:
    qn = connection.ops.quote_name
    sql = (
        f"SELECT {qn(col.pk_column)}, {qn(col.column)} FROM {qn(col.table)} "  # noqa: S608
        f"WHERE {qn(col.column)} IS NOT NULL ORDER BY {qn(col.pk_column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        yield from cursor.fetchall()


def fields_key_usage() -> dict[str, int]:
    """How many protected values each key id seals."""
    counts: dict[str, int] = {}
    for col in encrypted_columns():
        for _pk, token in _raw_values(col):
            kid = token_key_id(token)
            counts[kid] = counts.get(kid, 0) + 1
    return counts


ROTATE_CHUNK = 500


def fields_rotate(progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Seal every protected value again with the current key, in chunks of committed
    updates; a value changed meanwhile is left for the next run. Returns counts per
    outcome: ``rotated``, ``current`` (already under the current key), ``changed``."""
    keyring = field_keyring()
    qn = connection.ops.quote_name
    columns = encrypted_columns()
    work = [(col, pk, token) for col in columns for pk, token in _raw_values(col)]
    counts = {"rotated": 0, "current": 0, "changed": 0}
    for start in range(0, len(work), ROTATE_CHUNK):
        with transaction.atomic():
            for col, pk, token in work[start : start + ROTATE_CHUNK]:
                fresh = keyring.reencrypt(token, col.associated)
                if fresh is None:
                    counts["current"] += 1
                    continue
                sql = (
                    f"UPDATE {qn(col.table)} SET {qn(col.column)} = %s "  # noqa: S608
                    f"WHERE {qn(col.pk_column)} = %s AND {qn(col.column)} = %s"
                )
                with connection.cursor() as cursor:
                    cursor.execute(sql, [fresh, pk, token])
                    counts["rotated" if cursor.rowcount == 1 else "changed"] += 1
        if progress is not None:
            progress(min(start + ROTATE_CHUNK, len(work)), len(work))
    return counts
