"""``paccto audit verify`` and ``paccto audit checkpoint`` / ``export-checkpoints``."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from paccto.audit.models import AuditCheckpoint
from paccto.audit.services import audit_checkpoint_write
from paccto.audit.verification import audit_verify
from paccto.core.progress import ProgressBar


class Command(BaseCommand):
    help = "Verify the audit chain, sign a checkpoint, or export the signed checkpoints."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Check every entry and checkpoint; exit 1 on any break.")
        sub.add_parser("checkpoint", help="Sign the current head of the chain.")
        export = sub.add_parser("export-checkpoints", help="Write the checkpoints as JSON lines.")
        export.add_argument("--out", default="-")

    def handle(self, *args, action, **options):
        if action == "verify":
            bar = ProgressBar(_("Verifying"), stream=sys.stderr)
            report = audit_verify(progress=bar.update)
            bar.finish()
            for problem in report.problems:
                self.stdout.write(str(problem))
            summary = _("%(entries)d entries, %(checkpoints)d checkpoints: %(status)s") % {
                "entries": report.entries,
                "checkpoints": report.checkpoints,
                "status": _("chain intact") if report.ok else _("CHAIN BROKEN"),
            }
            self.stdout.write(summary)
            if not report.ok:
                raise CommandError(_("The audit chain is broken."), returncode=1)
        elif action == "checkpoint":
            checkpoint = audit_checkpoint_write()
            self.stdout.write(f"#{checkpoint.seq} {checkpoint.entry_hash}" if checkpoint else "-")
        else:
            out = sys.stdout if options["out"] == "-" else open(options["out"], "w")  # noqa: SIM115
            try:
                for c in AuditCheckpoint.objects.order_by("seq"):
                    row = {
                        "seq": c.seq,
                        "entry_hash": c.entry_hash,
                        "at": c.at.isoformat(timespec="milliseconds"),
                        "public_key": c.public_key,
                        "signature": c.signature,
                    }
                    out.write(json.dumps(row) + "\n")
            finally:
                if out is not sys.stdout:
                    out.close()
