from django.core.management.base import BaseCommand

from paccto.core.services import reference_data_load


class Command(BaseCommand):
    help = "Load or update the reference data: countries, groupings, institutions, networks."

    def handle(self, *args, **options):
        counts = reference_data_load()
        self.stdout.write(", ".join(f"{n} {name}" for name, n in counts.items()))
