from django.core.management.base import BaseCommand

from paccto.prisons.services import release_alerts_run


class Command(BaseCommand):
    help = (
        "One pass of the release alerts: tell the institutions watching inmates about "
        "releases and transfers within their notice, and about those that happened. Safe to "
        "run as often as wanted (each alert is sent once); `paccto serve` runs it every "
        "minute with the exchange clock."
    )

    def handle(self, *args, **options):
        counts = release_alerts_run()
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
