"""``paccto import-entities FILE --user USERNAME --schema Person``: the import of the pages
on the command line, with the same checks, report and all-or-nothing rule, and progress bars.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from paccto.accounts.models import User
from paccto.core.choices import HandlingCode, InformationReliability, ShareScope, SourceReliability
from paccto.core.permissions import actor_for
from paccto.core.progress import ProgressBar
from paccto.entities import services
from paccto.entities.models import ImportBatch

REPORT_LINES = 50


class Command(BaseCommand):
    help = (
        "Import entities from a CSV file (mapped columns) or FollowTheMoney JSON lines. Every "
        "row is checked first; with errors, nothing is imported unless --valid-only is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="the importing account")
        parser.add_argument("--format", choices=["csv", "ftm"], default="csv")
        parser.add_argument("--schema", default="", help="kind of entities of a CSV file")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=PROPERTY",
            help="map a column (repeat); unmapped columns follow the suggestion",
        )
        parser.add_argument("--no-suggest", action="store_true", help="only the --map columns")
        parser.add_argument("--source-reliability", choices=SourceReliability.values, default="X")
        parser.add_argument(
            "--information-reliability", choices=InformationReliability.values, default="4"
        )
        parser.add_argument("--handling-code", choices=HandlingCode.values, default="H0")
        parser.add_argument("--handling-note", default="")
        parser.add_argument("--share-scope", choices=ShareScope.values, default=ShareScope.OWNER)
        parser.add_argument("--valid-only", action="store_true", help="import the valid rows")
        parser.add_argument("--check-only", action="store_true", help="check, import nothing")

    def handle(self, *args, **o):
        user = User.objects.filter(username=o["user"].lower(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active account {o['user']!r}.")
        actor = actor_for(user)
        try:
            content = o["file"].read_bytes()
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        try:
            batch = services.import_batch_create(
                actor=actor,
                file_name=o["file"].name,
                content=content,
                schema=o["schema"],
                file_format=o["format"],
            )
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError(_messages(exc)) from exc
        try:
            mapping = {} if o["no_suggest"] else dict(batch.mapping)
            for item in o["map"]:
                column, _sep, prop = item.partition("=")
                mapping[column] = prop
            services.import_batch_map(
                actor=actor,
                batch=batch,
                mapping=mapping,
                provenance={
                    "source_reliability": o["source_reliability"],
                    "information_reliability": o["information_reliability"],
                    "handling_code": o["handling_code"],
                    "handling_note": o["handling_note"],
                    "share_scope": o["share_scope"],
                },
                in_background=False,
            )
        except (ValidationError, PermissionDenied) as exc:
            # A mapping or provenance refused: the file received is not kept.
            services.import_batch_discard(actor=actor, batch=batch)
            raise CommandError(_messages(exc)) from exc
        self.stderr.write(f"{batch.reference}: {batch.file_name}, sha256 {batch.sha256}")
        for column, prop in batch.mapping.items():
            self.stderr.write(f"  {column} -> {prop}")
        bar = ProgressBar("Checking", stream=sys.stderr)
        batch = services.import_batch_validate(batch=batch, progress=bar.update)
        bar.finish()
        if batch.status == ImportBatch.Status.FAILED:
            raise CommandError(batch.failure)
        self._report(batch)
        if o["check_only"] or (batch.invalid_rows and not o["valid_only"]):
            services.import_batch_discard(actor=actor, batch=batch)
            if not o["check_only"]:
                raise CommandError(
                    "Nothing imported: some rows have errors (use --valid-only to import the "
                    "valid rows)."
                )
            return
        try:
            services.import_batch_confirm(actor=actor, batch=batch, in_background=False)
        except ValidationError as exc:
            services.import_batch_discard(actor=actor, batch=batch)
            raise CommandError(_messages(exc)) from exc
        bar = ProgressBar("Importing", stream=sys.stderr)
        try:
            batch = services.import_batch_run(batch=batch, progress=bar.update)
        except Exception as exc:  # rolled back and recorded: its message, not a traceback
            batch.refresh_from_db()
            raise CommandError(f"Nothing imported: {batch.failure}") from exc
        finally:
            bar.finish()
        if batch.status != ImportBatch.Status.DONE:
            raise CommandError(f"Nothing imported: {batch.failure}")
        self.stdout.write(f"{batch.reference}: {batch.imported} entities imported.")

    def _report(self, batch: ImportBatch) -> None:
        self.stderr.write(
            f"{batch.total_rows} rows: {batch.valid_rows} valid, {batch.invalid_rows} with errors"
        )
        for error in batch.report.get("errors", [])[:REPORT_LINES]:
            self.stderr.write(f"  row {error['row']} {error['column']}: {error['reason']}")
        if len(batch.report.get("errors", [])) > REPORT_LINES:
            self.stderr.write("  ...")


def _messages(exc: ValidationError | PermissionDenied) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return str(exc)
