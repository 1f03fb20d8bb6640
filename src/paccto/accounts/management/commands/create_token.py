from django.core.management.base import BaseCommand, CommandError

from paccto.accounts.models import User
from paccto.accounts.services import api_token_create
from paccto.core.permissions import actor_for


class Command(BaseCommand):
    help = "Issue an API token for an account and print its secret (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")
        parser.add_argument("--scope", choices=["read", "write"], default="read")
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, username, name, scope, days, **options):
        user = User.objects.filter(username=username.lower(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active account {username!r}.")
        _token, secret = api_token_create(
            actor=actor_for(user), user=user, name=name, scope=scope, days=days
        )
        self.stdout.write(secret)
