"""Imports of entity files: receive, map, check every row, then import the valid rows (all
of them or nothing) or forget the file."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import Actor
from paccto.entities import imports
from paccto.entities.choices import SourceKind
from paccto.entities.models import Entity, EntityVersion, ImportBatch
from paccto.entities.permissions import can_create_entity
from paccto.entities.schemata import SCHEMATA, caption_for
from paccto.entities.services.records import FLAGS, PROVENANCE_FIELDS

Progress = Callable[[int, int], None]

IMPORT_CHUNK = 500


def _import_dir() -> Path:
    directory = Path(settings.DATA_DIR) / "imports"
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    return directory


def _import_file(batch: ImportBatch) -> bytes:
    return (_import_dir() / batch.stored_name).read_bytes()


def _import_forget_file(batch: ImportBatch) -> None:
    """The uploaded file is kept only while the import is undecided."""
    (_import_dir() / batch.stored_name).unlink(missing_ok=True)


def import_batch_create(
    *, actor: Actor, file_name: str, content: bytes, schema: str, file_format: str = "csv"
) -> ImportBatch:
    """Receive a file of entities for the actor's institution, read its header and guess the
    column mapping. Nothing is imported yet."""
    if not can_create_entity(actor) or actor.institution_id is None or actor.user_id is None:
        raise PermissionDenied(_("You may not record entities."))
    if len(content) > settings.PACCTO_IMPORT_MAX_BYTES:
        raise ValidationError(
            {"file": [_("The file is larger than %(mb)s MB.") % {"mb": _import_max_mb()}]}
        )
    if file_format == ImportBatch.Format.FTM:
        from paccto.entities import ftm

        try:
            schema, headers, encoding = ftm.inspect(content), [], "utf-8"
        except imports.ImportFileError as exc:
            raise ValidationError({"file": [str(exc)]}) from exc
        mapping: dict[str, str] = {}
    else:
        if schema not in SCHEMATA:
            raise ValidationError({"schema": [_("Choose the kind of entities in the file.")]})
        try:
            parsed = imports.parse_csv(content)
        except imports.ImportFileError as exc:
            raise ValidationError({"file": [str(exc)]}) from exc
        headers, encoding = parsed.headers, parsed.encoding
        mapping = imports.suggest_mapping(headers, schema)
    stored_name = secrets.token_hex(16)
    batch = ImportBatch(
        owner_institution_id=actor.institution_id,
        created_by_id=actor.user_id,
        file_name=Path(file_name).name[:255] or "import",
        file_format=file_format,
        stored_name=stored_name,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        encoding=encoding,
        schema=schema,
        headers=headers,
        mapping=mapping,
    )
    path = _import_dir() / stored_name
    path.write_bytes(content)
    path.chmod(0o600)
    try:
        with transaction.atomic():
            batch.save()
            audit_record(
                actor=actor,
                action=AuditAction.COLLECT,
                obj=batch,
                details={"file": batch.file_name, "sha256": batch.sha256, "size": batch.size},
                personal_data=schema == "Person",
            )
    except Exception:
        path.unlink(missing_ok=True)
        raise
    return batch


def _import_max_mb() -> int:
    return int(settings.PACCTO_IMPORT_MAX_BYTES // (1024 * 1024))


def _check_provenance(actor: Actor, provenance: dict[str, Any]) -> dict[str, Any]:
    """The provenance every imported entity will carry, checked like a single entity's."""
    clean = {k: v for k, v in provenance.items() if k in PROVENANCE_FIELDS and k != "review_at"}
    probe = Entity(schema="Person", **clean)
    try:
        probe.clean_fields(exclude=[f.name for f in Entity._meta.fields if f.name not in clean])
        probe.clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    return clean


def import_batch_map(
    *,
    actor: Actor,
    batch: ImportBatch,
    mapping: dict[str, str],
    provenance: dict[str, Any],
    in_background: bool = True,
) -> ImportBatch:
    """Set which property each column holds and the provenance of the rows, then check every
    row (in the background unless told otherwise)."""
    if batch.status not in (ImportBatch.Status.UPLOADED, ImportBatch.Status.VALIDATED):
        raise ValidationError(_("This import can no longer be changed."))
    if batch.file_format == ImportBatch.Format.CSV:
        try:
            mapping = imports.check_mapping(batch.schema, batch.headers, mapping)
        except imports.ImportFileError as exc:
            raise ValidationError({"mapping": [str(exc)]}) from exc
    batch.mapping = mapping
    batch.provenance = _check_provenance(actor, provenance)
    batch.status = ImportBatch.Status.VALIDATING
    batch.progress_done, batch.progress_total = 0, 0
    with transaction.atomic():
        batch.save()
        if in_background:
            from paccto.entities.tasks import import_validate_task

            transaction.on_commit(lambda: import_validate_task.enqueue(batch.pk))
    return batch


def _import_rows(batch: ImportBatch, checked: bool = False) -> imports.Validation:
    """Every row of the batch's file checked. ``checked``: the file the user's decision was
    taken on, refused if it is not the one received (its SHA-256) or no longer gives the
    valid rows reported."""
    content = _import_file(batch)
    result = _validation(batch, content)
    if checked and (
        hashlib.sha256(content).hexdigest() != batch.sha256 or len(result.valid) != batch.valid_rows
    ):
        raise imports.ImportFileError(
            _("The file changed after it was checked: nothing was imported.")
        )
    return result


def _validation(batch: ImportBatch, content: bytes) -> imports.Validation:
    if batch.file_format == ImportBatch.Format.FTM:
        from paccto.entities import ftm

        return ftm.validate(content)
    parsed = imports.parse_csv(content)
    return imports.validate(parsed, batch.schema, batch.mapping)


def _failure(exc: Exception) -> str:
    """What the user is told of a failed check or import: the reason where it is one of
    ours (translated), never a raw exception (a server path, a traceback's words)."""
    if isinstance(exc, imports.ImportFileError):
        return str(exc)[:500]
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)[:500]
    if isinstance(exc, OSError):
        return _("The file could not be read: nothing was imported.")
    return _("The import failed: nothing was imported.")


def _progress(batch: ImportBatch, done: int, total: int, progress: Progress | None) -> None:
    batch.progress_done, batch.progress_total = done, total
    ImportBatch.objects.filter(pk=batch.pk).update(progress_done=done, progress_total=total)
    if progress is not None:
        progress(done, total)


def import_batch_validate(*, batch: ImportBatch, progress: Progress | None = None) -> ImportBatch:
    """Check every row of the file and keep the report (row, column, reason)."""
    if batch.status != ImportBatch.Status.VALIDATING:
        return batch
    try:
        result = _import_rows(batch)
    except (imports.ImportFileError, OSError) as exc:
        batch.status, batch.failure = ImportBatch.Status.FAILED, _failure(exc)
        batch.finished_at = timezone.now()
        batch.save()
        _import_forget_file(batch)
        return batch
    _progress(batch, result.total, result.total, progress)
    batch.total_rows, batch.valid_rows = result.total, len(result.valid)
    batch.invalid_rows = result.invalid_rows
    batch.report = result.report()
    batch.progress_done = batch.progress_total = result.total
    batch.status = ImportBatch.Status.VALIDATED
    batch.save()
    return batch


def import_batch_confirm(
    *, actor: Actor, batch: ImportBatch, in_background: bool = True
) -> ImportBatch:
    """Import the valid rows of a checked file."""
    if batch.status != ImportBatch.Status.VALIDATED:
        raise ValidationError(_("This import is not waiting for a decision."))
    if not batch.valid_rows:
        raise ValidationError(_("No row can be imported."))
    with transaction.atomic():
        # Taken only if still waiting: a decision on a stale copy (another tab) is refused.
        taken = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.VALIDATED)
        if not taken.update(
            status=ImportBatch.Status.IMPORTING, progress_done=0, progress_total=batch.valid_rows
        ):
            raise ValidationError(_("This import is not waiting for a decision."))
        batch.status = ImportBatch.Status.IMPORTING
        batch.progress_done, batch.progress_total = 0, batch.valid_rows
        if in_background:
            from paccto.entities.tasks import import_run_task

            transaction.on_commit(lambda: import_run_task.enqueue(batch.pk))
    return batch


def import_batch_discard(*, actor: Actor, batch: ImportBatch) -> ImportBatch:
    """Import nothing from this file, and forget it."""
    undecided = (ImportBatch.Status.UPLOADED, ImportBatch.Status.VALIDATED)
    if batch.status not in undecided:
        raise ValidationError(_("This import can no longer be changed."))
    batch.status, batch.finished_at = ImportBatch.Status.DISCARDED, timezone.now()
    with transaction.atomic():
        taken = ImportBatch.objects.filter(pk=batch.pk, status__in=undecided)
        if not taken.update(status=batch.status, finished_at=batch.finished_at):
            raise ValidationError(_("This import can no longer be changed."))
        audit_record(actor=actor, action=AuditAction.ERASE, obj=batch, details={"discarded": True})
    _import_forget_file(batch)
    return batch


def import_batch_run(*, batch: ImportBatch, progress: Progress | None = None) -> ImportBatch:
    """Write the valid rows in chunks, invisible until the last one is in; on any failure
    the rows already written are removed, so the store gets all of them or none."""
    if batch.status != ImportBatch.Status.IMPORTING:
        return batch
    from paccto.core.permissions import actor_for

    actor = actor_for(batch.created_by)
    try:
        rows = _import_rows(batch, checked=True).valid
        total = len(rows)
        for start in range(0, total, IMPORT_CHUNK):
            _import_chunk(actor, batch, rows[start : start + IMPORT_CHUNK])
            _progress(batch, min(total, start + IMPORT_CHUNK), total, progress)
        with transaction.atomic():
            imported = Entity.objects.filter(import_batch=batch, pending=True).update(
                pending=False, updated_at=timezone.now()
            )
            batch.imported, batch.status = imported, ImportBatch.Status.DONE
            batch.finished_at = timezone.now()
            batch.save()
            audit_record(
                actor=actor,
                action=AuditAction.COLLECT,
                obj=batch,
                details={"imported": imported, "schema": batch.schema},
                personal_data=batch.schema == "Person",
            )
    except Exception as exc:
        with transaction.atomic():
            EntityVersion.objects.filter(entity__import_batch=batch).delete()
            written = Entity.objects.filter(import_batch=batch)
            rolled_back = written.count()
            written.delete()
            batch.status, batch.failure = ImportBatch.Status.FAILED, _failure(exc)
            batch.finished_at = timezone.now()
            batch.save()
            # The chunks' collect entries stay in the chain: this one says they were undone.
            audit_record(
                actor=actor,
                action=AuditAction.ERASE,
                obj=batch,
                details={"rolled_back": rolled_back, "failure": batch.failure},
            )
        _import_forget_file(batch)
        if not isinstance(exc, (imports.ImportFileError, ValidationError, OSError)):
            raise
        return batch
    _import_forget_file(batch)
    return batch


def _import_chunk(actor: Actor, batch: ImportBatch, rows: list[imports.ValidRow]) -> None:
    now = timezone.now()
    entities = []
    for row in rows:
        schema = row.schema or batch.schema
        ref = f"{batch.reference} #{row.row}" + (f" {row.source_id}" if row.source_id else "")
        entity = Entity(
            schema=schema,
            properties=row.properties,
            caption=caption_for(schema, row.properties),
            owner_institution_id=batch.owner_institution_id,
            source_kind=SourceKind.IMPORT,
            source_ref=ref[:120],
            created_by_id=batch.created_by_id,
            created_at=now,
            updated_at=now,
            import_batch=batch,
            pending=True,
            **row.flags,
            **batch.provenance,
        )
        entity.sync_special_category()
        entities.append(entity)
    with transaction.atomic():
        Entity.objects.bulk_create(entities)
        EntityVersion.objects.bulk_create(
            EntityVersion(
                entity=e,
                version=1,
                caption=e.caption,
                properties=e.properties,
                flags={flag: getattr(e, flag) for flag in FLAGS},
                changed_by_id=batch.created_by_id,
                changed_at=now,
                note=batch.reference,
            )
            for e in entities
        )
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=batch,
            details={
                "rows": [rows[0].row, rows[-1].row],
                "count": len(entities),
                "ids": [entities[0].pk, entities[-1].pk],
            },
            personal_data=batch.schema == "Person",
        )
