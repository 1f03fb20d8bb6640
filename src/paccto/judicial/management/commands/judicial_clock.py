from django.core.management.base import BaseCommand

from paccto.judicial.services import judicial_clock_run


class Command(BaseCommand):
    help = (
        "One pass of the judicial clock only: reminders before and escalations after the "
        "deadlines of judicial requests (the platform's clock, `paccto exchange-clock`, runs "
        "it too). Safe to run as often as wanted."
    )

    def handle(self, *args, **options):
        counts = judicial_clock_run()
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
