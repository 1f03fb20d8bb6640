"""``paccto custody verify [--jit ID]``: check the chains of custody of evidence."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from paccto.cases.custody import custody_verify
from paccto.cases.models import Evidence, Jit
from paccto.cases.services import custody_verify_files


class Command(BaseCommand):
    help = "Verify the chains of custody of evidence (all teams, or one); exit 1 on any break."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Check every custody event, item and file.")
        verify.add_argument("--jit", type=int, help="Only the evidence of this team (its id).")

    def handle(self, *args, action, **options):
        items = Evidence.objects.order_by("jit_id", "number")
        if options.get("jit") is not None:
            if not Jit.objects.filter(pk=options["jit"]).exists():
                raise CommandError(_("No joint investigation team has this id."))
            items = items.filter(jit_id=options["jit"])
        report = custody_verify(items.iterator(chunk_size=500), read_file=custody_verify_files)
        for problem in report.problems:
            self.stdout.write(str(problem))
        self.stdout.write(
            _("%(items)d items, %(events)d custody events, %(files)d files: %(status)s")
            % {
                "items": report.items,
                "events": report.events,
                "files": report.files,
                "status": _("chains intact") if report.ok else _("CHAIN BROKEN"),
            }
        )
        if not report.ok:
            raise CommandError(_("A chain of custody is broken."), returncode=1)
