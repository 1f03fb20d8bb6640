from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from paccto.accounts.models import User
from paccto.accounts.services import user_create
from paccto.core.demo import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    demo_cases_seed,
    demo_judicial_seed,
    demo_messages_seed,
    demo_network_seed,
    demo_person,
    demo_prisons_seed,
    demo_protection_order,
)
from paccto.core.models import Institution
from paccto.core.permissions import SYSTEM
from paccto.core.services import reference_data_load


class Command(BaseCommand):
    help = "Load the reference data and synthetic demo accounts (safe to run again)."

    def handle(self, *args, **options):
        if not settings.DEMO:
            raise CommandError(
                "Demo accounts share a published password: set PACCTO_DEMO=1 to create them."
            )
        if not Institution.objects.exists():
            reference_data_load()
        rows = []
        with transaction.atomic():
            for i, account in enumerate(DEMO_ACCOUNTS):
                institution = (
                    Institution.objects.filter(
                        key__startswith=f"{account.institution_key_prefix}-",
                        sector=account.sector,
                    )
                    .order_by("key")
                    .first()
                )
                user = User.objects.filter(username=account.username).first()
                if user is None:
                    first, last, email = demo_person(account.institution_key_prefix, i)
                    user = user_create(
                        actor=SYSTEM,
                        username=account.username,
                        institution=institution,
                        roles=account.roles,
                        first_name=first,
                        last_name=last,
                        email=email,
                        password=DEMO_PASSWORD,
                        language=account.language,
                    )
                rows.append((account.username, ", ".join(account.roles), str(institution)))
        reference = demo_cases_seed()
        network = demo_network_seed()
        with transaction.atomic():
            order = demo_protection_order(
                User.objects.get(username="ar.protection"),
                User.objects.get(username="uy.protection"),
            )
        if order is not None:
            self.stdout.write(f"Demo protection order: {order}")
        sent = demo_messages_seed()
        judicial = demo_judicial_seed()
        inmates = demo_prisons_seed()
        from paccto.policy.demo import demo_policy_seed

        cycle = demo_policy_seed()
        width = max(len(r[0]) for r in rows)
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for username, roles, institution in rows:
            self.stdout.write(f"  {username.ljust(width)}  {roles}  —  {institution}")
        if reference:
            self.stdout.write(f"Demo case {reference} with a joint investigation team (CO-BR).")
        if sent:
            self.stdout.write(f"{sent} demo messages sent.")
        if judicial:
            self.stdout.write(f"{judicial} demo judicial requests (ES-CO) and a judgment.")
        if inmates:
            self.stdout.write(f"{inmates} demo inmates, a release watch and a transfer dossier.")
        if network:
            self.stdout.write(f"Demo network of {network} entities for the link chart.")
        if cycle:
            self.stdout.write(f"Demo policy cycle {cycle} with two action plans and indicators.")
