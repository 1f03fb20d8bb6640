from django.core.management.base import BaseCommand

from paccto.exchange.services import exchange_clock_run


class Command(BaseCommand):
    help = (
        "One pass of the exchange clock: reminders before and escalations after the "
        "deadlines of requests, and uploads never sent. Safe to run as often as wanted."
    )

    def handle(self, *args, **options):
        counts = exchange_clock_run()
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
