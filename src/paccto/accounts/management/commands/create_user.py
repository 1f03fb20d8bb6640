"""``paccto create-user``: create an account from the command line (the first platform
administrator of a new installation, or scripted provisioning)."""

import getpass
import sys

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from paccto.accounts.services import user_create
from paccto.core.choices import Role
from paccto.core.models import Institution
from paccto.core.permissions import SYSTEM


class Command(BaseCommand):
    help = "Create an account in an institution with one or more roles."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--institution", required=True, help="Institution key, e.g. co-fiscalia"
        )
        parser.add_argument("--role", action="append", required=True, choices=Role.values)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from standard input."
        )

    def handle(self, *args, **options):
        institution = Institution.objects.filter(key=options["institution"]).first()
        if institution is None:
            raise CommandError(f"No institution with key {options['institution']!r}.")
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords differ.")
        try:
            user = user_create(
                actor=SYSTEM,
                username=options["username"],
                institution=institution,
                roles=options["role"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                email=options["email"],
                password=password,
            )
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from exc
        self.stdout.write(
            f"Created {user.username} ({', '.join(options['role'])}) in {institution}."
        )
