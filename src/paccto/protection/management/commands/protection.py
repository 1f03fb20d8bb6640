"""``paccto protection rotate-keys`` and the other maintenance of protection orders: the
keys of the protected data (status, new key, rotation, retiring old keys) and expiry."""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from paccto.core.encrypted_fields import field_keyring
from paccto.core.progress import ProgressBar
from paccto.crypto.envelope import FieldKeyError, key_encode, key_generate
from paccto.protection.services import protection_orders_expire
from paccto.protection.services.keys import (
    protected_fields_key_add,
    protected_fields_key_usage,
    protected_fields_keys_retire,
    protected_fields_rotate,
)


class Command(BaseCommand):
    help = "Keys of the protected data (status, add, rotate, retire) and expiry of orders."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("key-status", help="The keys configured and how many values each seals.")
        sub.add_parser("generate-key", help="Print a new key (for PACCTO_FIELD_KEYS).")
        sub.add_parser("add-key", help="Put a new key first in the key file.")
        sub.add_parser("rotate-keys", help="Seal every protected value with the current key.")
        sub.add_parser("retire-keys", help="Drop older keys no value uses from the key file.")
        sub.add_parser("expire-orders", help="Mark orders past their validity as expired.")

    def handle(self, *args, action, **options):
        try:
            getattr(self, action.replace("-", "_"))()
        except (FieldKeyError, ValidationError) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            raise CommandError(message, returncode=1) from exc

    def key_status(self):
        keyring = field_keyring()
        usage = protected_fields_key_usage()
        for n, kid in enumerate(keyring.ids):
            mark = _("current") if n == 0 else _("older")
            self.stdout.write(f"{kid}  {mark}  {usage.get(kid, 0)}")
        for kid in sorted(set(usage) - set(keyring.ids)):
            self.stdout.write(f"{kid}  {_('NOT CONFIGURED')}  {usage[kid]}")
        if set(usage) - set(keyring.ids):
            raise CommandError(_("Some protected values cannot be opened."), returncode=1)

    def generate_key(self):
        self.stdout.write(key_encode(key_generate()))

    def add_key(self):
        kid = protected_fields_key_add()
        self.stdout.write(
            _(
                "New current key %(id)s. Restart the servers, then run: "
                "paccto protection rotate-keys"
            )
            % {"id": kid}
        )

    def rotate_keys(self):
        bar = ProgressBar(_("Rotating"), stream=sys.stderr)
        counts = protected_fields_rotate(progress=bar.update)
        bar.finish()
        self.stdout.write(
            _(
                "%(rotated)d values sealed again, %(current)d already current, "
                "%(changed)d changed meanwhile."
            )
            % counts
        )
        usage = protected_fields_key_usage()
        current = field_keyring().current_id
        left = sum(n for kid, n in usage.items() if kid != current)
        if left:
            raise CommandError(
                _("%(n)d values still use older keys: run the rotation again.") % {"n": left},
                returncode=1,
            )
        self.stdout.write(_("Every protected value uses key %(id)s.") % {"id": current})

    def retire_keys(self):
        retired = protected_fields_keys_retire()
        self.stdout.write(_("Retired: %(ids)s") % {"ids": ", ".join(retired) or "—"})

    def expire_orders(self):
        self.stdout.write(_("%(n)d orders expired.") % {"n": protection_orders_expire()})
