"""Key management of the protected data: rotation to the current key, retiring old keys
from the key file. Each run is audited (administration, no data)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.encrypted_fields import (
    field_keyring,
    field_keyring_reset,
    fields_key_usage,
    fields_rotate,
)
from paccto.core.permissions import SYSTEM
from paccto.crypto.envelope import key_file_read, key_file_write, key_generate, key_id

KEYS = "core.fieldkey"


def protected_fields_rotate(progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Seal every protected value with the current key; older keys stay readable until no
    value needs them (see ``protected_fields_key_usage``)."""
    counts = fields_rotate(progress=progress)
    audit_record(
        actor=SYSTEM,
        action=AuditAction.ADMINISTER,
        object_type=KEYS,
        object_id=field_keyring().current_id,
        details={"event": "rotate", **counts},
    )
    return counts


def protected_fields_key_usage() -> dict[str, int]:
    """How many protected values each key id seals."""
    return fields_key_usage()


def _key_file() -> Path:
    if settings.PACCTO_FIELD_KEYS.strip():
        raise ValidationError(
            _(
                "The keys come from PACCTO_FIELD_KEYS: change that variable (new key first) "
                "and restart, not the key file."
            )
        )
    return Path(settings.PACCTO_FIELD_KEY_FILE)


def protected_fields_key_add() -> str:
    """Put a new key first in the key file (older keys stay, to open older values);
    returns its id. Restart the servers, then rotate."""
    path = _key_file()
    keys = [k for _kid, k in key_file_read(path).keys] if path.exists() else []
    new = key_generate()
    key_file_write(path, [new, *keys])
    field_keyring_reset()
    audit_record(
        actor=SYSTEM,
        action=AuditAction.ADMINISTER,
        object_type=KEYS,
        object_id=key_id(new),
        details={"event": "add"},
    )
    return key_id(new)


def protected_fields_keys_retire() -> list[str]:
    """Remove from the key file the older keys that no protected value uses any more;
    returns their ids. Refused while a value still needs one of them."""
    path = _key_file()
    keyring = key_file_read(path)
    usage = fields_key_usage()
    unknown = sorted(set(usage) - set(keyring.ids))
    if unknown:
        raise ValidationError(
            _("Some values are sealed with keys that are not configured: %(ids)s.")
            % {"ids": ", ".join(unknown)}
        )
    older = keyring.keys[1:]
    still = [kid for kid, _key in older if usage.get(kid)]
    if still:
        raise ValidationError(
            _("Keys %(ids)s still seal protected values: rotate first.") % {"ids": ", ".join(still)}
        )
    key_file_write(path, [keyring.keys[0][1]])
    field_keyring_reset()
    retired = [kid for kid, _key in older]
    audit_record(
        actor=SYSTEM,
        action=AuditAction.ADMINISTER,
        object_type=KEYS,
        object_id=keyring.current_id,
        details={"event": "retire", "retired": retired},
    )
    return retired
