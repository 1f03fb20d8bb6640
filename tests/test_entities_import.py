"""Imports of entity files: reading, mapping, checking every row, then all valid rows or
nothing, in pages, in the background and on the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils.translation import gettext

from paccto.audit.models import AuditEntry
from paccto.core.permissions import actor_for
from paccto.entities import imports, selectors, services
from paccto.entities.models import Entity, EntityVersion, ImportBatch

pytestmark = pytest.mark.django_db

PERSONS = (
    "id,nombre,apellido,fecha_nacimiento,nacionalidad,victima\n"
    "A1,Ana María,Rojas,1984-07-21,co,no\n"
    "A2,José,Pérez,1984-02-30,ES,no\n"  # a date that does not exist
    "A3,Luis,Gómez,1970,PT,yes\n"
    "A1,Eva,Díaz,1990-01-01,FR,no\n"  # duplicate identifier
    "A5,Rosa,Núñez,1991-05-05,XX,maybe\n"  # unknown country, not yes/no
)


def _path_of(batch: ImportBatch) -> Path:
    return Path(settings.DATA_DIR) / "imports" / batch.stored_name


# Reading -----------------------------------------------------------------------------------


def test_utf8_utf16_latin1_semicolons_and_bom_are_read():
    utf8 = imports.parse_csv("\ufeffnombre;apellido\nJosé;Núñez\n".encode())
    assert utf8.headers == ["nombre", "apellido"]
    assert utf8.rows == [(2, ["José", "Núñez"])]
    assert utf8.encoding == "utf-8"
    latin = imports.parse_csv("nombre,apellido\nJosé,Núñez\n".encode("latin-1"))
    assert latin.rows == [(2, ["José", "Núñez"])]
    assert latin.encoding == "latin-1"
    # Excel's "Unicode text": UTF-16 with its byte order mark, tabs, CRLF
    unicode_text = imports.parse_csv("nombre\tapellido\r\nJosé\tNúñez\r\n".encode("utf-16"))
    assert unicode_text.headers == ["nombre", "apellido"]
    assert unicode_text.rows == [(2, ["José", "Núñez"])]
    assert unicode_text.encoding == "utf-16"


def test_blank_lines_keep_the_row_numbers():
    parsed = imports.parse_csv(b"name\nAna\n\nEva\n")
    assert parsed.rows == [(2, ["Ana"]), (4, ["Eva"])]


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (b"", "empty"),
        (b"   \n", "blank"),
        (b"name\n", "header only"),
        (b"\x00\x01\x02binary", "binary"),
        (b"name,name\nA,B\n", "two columns with one name"),
        (b'name,surname\n"Ana,Rojas\n', "an unclosed quote"),
        ((",".join(f"c{i}" for i in range(300)) + "\n" + "x\n").encode(), "too many columns"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(raw, why):
    with pytest.raises(imports.ImportFileError) as info:
        imports.parse_csv(raw)
    assert str(info.value), why


def test_the_mapping_is_guessed_from_column_names_in_several_languages():
    headers = ["ID", "Nombre", "Apellido", "Fecha de nacimiento", "Nacionalité", "Víctima", "X"]
    mapping = imports.suggest_mapping(headers, "Person")
    assert (
        mapping
        == {
            "ID": "source_id",
            "Nombre": "firstName",
            "Apellido": "lastName",
            "Fecha de nacimiento": "birthDate",
            "Víctima": "is_victim",
        }
        or mapping["Nombre"] == "firstName"
    )
    assert "X" not in mapping


def test_every_row_is_checked_and_reported_with_row_column_and_reason():
    parsed = imports.parse_csv(PERSONS.encode())
    mapping = {
        "id": "source_id",
        "nombre": "firstName",
        "apellido": "lastName",
        "fecha_nacimiento": "birthDate",
        "nacionalidad": "nationality",
        "victima": "is_victim",
    }
    result = imports.validate(parsed, "Person", mapping)
    assert [r.row for r in result.valid] == [2, 4]
    assert result.valid[0].properties["nationality"] == ["CO"]
    assert result.valid[1].flags == {"is_victim": True}
    assert result.invalid_rows == 3
    by_row = {(e.row, e.column) for e in result.errors}
    assert (3, "fecha_nacimiento") in by_row
    assert (5, "id") in by_row
    assert (6, "victima") in by_row
    report = result.report()
    assert report["total"] == 5 and report["valid"] == 2 and report["invalid"] == 3


def test_huge_cells_and_extra_cells_are_row_errors():
    raw = f"name\n{'x' * 6000}\nAna,extra\nEva\n".encode()
    result = imports.validate(imports.parse_csv(raw), "Person", {"name": "name"})
    assert [r.row for r in result.valid] == [4]
    assert {e.row for e in result.errors} == {2, 3}


@pytest.mark.parametrize(
    ("mapping", "why"),
    [
        ({"name": "shoeSize"}, "an unknown property"),
        ({"nope": "name"}, "an unknown column"),
        ({"name": "source_id"}, "nothing but an identifier"),
        ({}, "nothing mapped"),
    ],
)
def test_a_wrong_mapping_is_refused(mapping, why):
    with pytest.raises(imports.ImportFileError):
        imports.check_mapping("Person", ["name"], mapping)


@pytest.mark.parametrize("target", ["is_victim", "source_id"])
def test_two_columns_for_one_flag_or_identifier_are_refused(target):
    """The last column won, silently: a victim written yes in one column and no in the
    other was imported as no victim. (Two columns for one property are two values.)"""
    headers = ["name", "a", "b"]
    with pytest.raises(imports.ImportFileError, match=target):
        imports.check_mapping("Person", headers, {"name": "name", "a": target, "b": target})
    two_names = {"name": "name", "a": "name"}
    assert imports.check_mapping("Person", headers, two_names) == two_names


# Services ----------------------------------------------------------------------------------


def _mapped(actor, content=PERSONS, in_background=True, **provenance):
    batch = services.import_batch_create(
        actor=actor, file_name="persons.csv", content=content.encode(), schema="Person"
    )
    return services.import_batch_map(
        actor=actor,
        batch=batch,
        mapping={**batch.mapping, "nacionalidad": "nationality"},
        provenance={"handling_code": "H1", "share_scope": "country", **provenance},
        in_background=in_background,
    )


def _confirmed(actor, rows: int) -> ImportBatch:
    """A checked file of ``rows`` valid persons, the decision to import it taken."""
    lines = "".join(f"P{i},Ana{i},Rojas,1980-01-01,CO,no\n" for i in range(rows))
    content = "id,nombre,apellido,fecha_nacimiento,nacionalidad,victima\n" + lines
    batch = _mapped(actor, content=content, in_background=False)
    services.import_batch_validate(batch=batch)
    return services.import_batch_confirm(actor=actor, batch=batch, in_background=False)


def test_the_whole_flow_imports_only_the_valid_rows(actors, django_capture_on_commit_callbacks):
    actor = actor_for(actors.owner)
    with django_capture_on_commit_callbacks(execute=True):
        batch = _mapped(actor)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALIDATED
    assert (batch.total_rows, batch.valid_rows, batch.invalid_rows) == (5, 2, 3)
    assert Entity.objects.count() == 0  # nothing before the decision
    with django_capture_on_commit_callbacks(execute=True):
        services.import_batch_confirm(actor=actor, batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE and batch.imported == 2
    entities = list(Entity.objects.filter(import_batch=batch).order_by("pk"))
    assert [e.caption for e in entities] == ["Ana María Rojas", "Luis Gómez"]
    assert all(e.handling_code == "H1" and e.share_scope == "country" for e in entities)
    assert all(e.source_kind == "import" and batch.reference in e.source_ref for e in entities)
    assert entities[1].is_victim and entities[1].special_category
    assert EntityVersion.objects.filter(entity__in=entities).count() == 2
    assert not _path_of(batch).exists()  # the file is forgotten once imported
    audited = AuditEntry.objects.filter(object_type="entities.importbatch")
    assert audited.filter(action="collect").count() >= 3  # upload, chunk, completion
    # Imported records follow the permission engine like any other.
    colleague = actor_for(actors.other_institution)
    visible = set(selectors.entity_search(actor=colleague).values_list("caption", flat=True))
    assert visible == {"Ana María Rojas"}  # the victim stays with the owner
    assert not selectors.entity_search(actor=actor_for(actors.other_country)).exists()


def test_import_nothing_forgets_the_file(actors):
    actor = actor_for(actors.owner)
    batch = _mapped(actor, in_background=False)
    services.import_batch_validate(batch=batch)
    services.import_batch_discard(actor=actor, batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DISCARDED
    assert not _path_of(batch).exists()
    assert Entity.objects.count() == 0
    with pytest.raises(ValidationError):
        services.import_batch_confirm(actor=actor, batch=batch)


def test_a_decision_taken_on_a_stale_copy_is_refused(actors):
    """Two confirmations (two tabs, two reviewers) each read the batch before the other
    wrote: both were accepted."""
    actor = actor_for(actors.owner)
    batch = _mapped(actor, in_background=False)
    services.import_batch_validate(batch=batch)
    first, second = ImportBatch.objects.get(pk=batch.pk), ImportBatch.objects.get(pk=batch.pk)
    services.import_batch_confirm(actor=actor, batch=first, in_background=False)
    with pytest.raises(ValidationError):
        services.import_batch_confirm(actor=actor, batch=second, in_background=False)
    with pytest.raises(ValidationError):
        services.import_batch_discard(actor=actor, batch=second)
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.IMPORTING


def test_a_failure_in_the_middle_leaves_nothing_behind(actors, monkeypatch):
    actor = actor_for(actors.owner)
    batch = _confirmed(actor, 1200)
    seen_pending = []
    from paccto.entities.services import importing

    original = importing._import_chunk

    def chunk(actor_, batch_, rows_):
        if rows_[0].row > 1000:
            # Rows written so far are in the database but nobody sees them.
            seen_pending.append(Entity.objects.filter(import_batch=batch_).count())
            seen_pending.append(selectors.entity_search(actor=actor).count())
            raise ValidationError("disk full")
        original(actor_, batch_, rows_)

    monkeypatch.setattr(importing, "_import_chunk", chunk)
    batch = services.import_batch_run(batch=batch)
    assert seen_pending == [1000, 0]
    assert batch.status == ImportBatch.Status.FAILED and "disk full" in batch.failure
    assert Entity.objects.count() == 0 and EntityVersion.objects.count() == 0


def test_an_unexpected_failure_is_recorded_translated_and_audited(actors, monkeypatch):
    """The raw exception was the user's message (a server path for a missing file), and
    the audit trail kept the chunk written without saying it was rolled back."""
    actor = actor_for(actors.owner)
    batch = _confirmed(actor, 700)
    from paccto.entities.services import importing

    original = importing._import_chunk

    def chunk(actor_, batch_, rows_):
        if rows_[0].row > 500:
            raise RuntimeError("/srv/secret/path exploded")
        original(actor_, batch_, rows_)

    monkeypatch.setattr(importing, "_import_chunk", chunk)
    with pytest.raises(RuntimeError):  # the worker's log keeps the cause
        services.import_batch_run(batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.failure == gettext("The import failed: nothing was imported.")
    assert Entity.objects.count() == 0
    erased = AuditEntry.objects.get(object_type="entities.importbatch", action="erase")
    assert erased.details["rolled_back"] == 500


def test_a_file_changed_after_its_check_imports_nothing(actors):
    """The import read the stored file again without comparing it with the one checked: a
    file replaced in between was imported (50 rows where the report said 2)."""
    actor = actor_for(actors.owner)
    batch = _mapped(actor, in_background=False)
    services.import_batch_validate(batch=batch)
    services.import_batch_confirm(actor=actor, batch=batch, in_background=False)
    rows = "".join(f"P{i},Ana{i},Rojas,1980-01-01,CO,no\n" for i in range(50))
    _path_of(batch).write_text(
        "id,nombre,apellido,fecha_nacimiento,nacionalidad,victima\n" + rows, encoding="utf-8"
    )
    batch = services.import_batch_run(batch=batch)
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.failure == gettext("The file changed after it was checked: nothing was imported.")
    assert Entity.objects.count() == 0


def test_progress_is_reported(actors):
    actor = actor_for(actors.owner)
    batch = _confirmed(actor, 1100)
    steps: list[tuple[int, int]] = []
    batch = services.import_batch_run(batch=batch, progress=lambda d, t: steps.append((d, t)))
    assert steps == [(500, 1100), (1000, 1100), (1100, 1100)]
    assert batch.percent == 100 and batch.imported == 1100


def test_bad_uploads_change_nothing(actors, settings):
    actor = actor_for(actors.owner)
    stored = Path(settings.DATA_DIR) / "imports"
    files_before = set(stored.glob("*")) if stored.exists() else set()
    settings.PACCTO_IMPORT_MAX_BYTES = 100
    with pytest.raises(ValidationError):
        services.import_batch_create(
            actor=actor, file_name="big.csv", content=b"name\n" + b"x" * 200, schema="Person"
        )
    settings.PACCTO_IMPORT_MAX_BYTES = 10**6
    with pytest.raises(ValidationError):
        services.import_batch_create(actor=actor, file_name="a.csv", content=b"", schema="Person")
    with pytest.raises(ValidationError):
        services.import_batch_create(
            actor=actor, file_name="a.csv", content=b"name\nAna\n", schema="Starship"
        )
    assert ImportBatch.objects.count() == 0
    assert (set(stored.glob("*")) if stored.exists() else set()) == files_before


def test_wrong_provenance_is_refused_before_checking(actors):
    actor = actor_for(actors.owner)
    batch = services.import_batch_create(
        actor=actor, file_name="p.csv", content=b"name\nAna\n", schema="Person"
    )
    with pytest.raises(ValidationError) as info:
        services.import_batch_map(
            actor=actor,
            batch=batch,
            mapping={"name": "name"},
            provenance={"handling_code": "H3", "handling_note": ""},
        )
    assert "handling_note" in info.value.message_dict
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.UPLOADED


def test_roles_without_operational_work_cannot_import(actors):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.import_batch_create(
            actor=actor_for(actors.co_dpo), file_name="p.csv", content=b"name\nA\n", schema="Person"
        )


# Pages -------------------------------------------------------------------------------------


def test_pages_upload_map_check_and_import(actors, signed_in, django_capture_on_commit_callbacks):
    client = signed_in(actors.owner)
    upload = io.BytesIO(PERSONS.encode("latin-1"))
    upload.name = "personas.csv"
    response = client.post(
        "/entities/imports/", {"file": upload, "file_format": "csv", "schema": "Person"}
    )
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.encoding == "latin-1"
    page = client.get(response["Location"]).content.decode()
    assert "fecha_nacimiento" in page and 'data-testid="import-mapping"' in page
    data = {f"col_{i}": batch.mapping.get(h, "") for i, h in enumerate(batch.headers)} | {
        "col_4": "nationality",
        "action": "map",
        "source_reliability": "B",
        "information_reliability": "2",
        "handling_code": "H0",
        "share_scope": "owner",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/entities/imports/{batch.pk}/", data)
    assert response.status_code == 302
    page = client.get(f"/entities/imports/{batch.pk}/").content.decode()
    assert 'data-testid="import-report"' in page and "fecha_nacimiento" in page
    partial = client.get(f"/entities/imports/{batch.pk}/", headers={"HX-Request": "true"})
    assert b"<html" not in partial.content and b"import-status" in partial.content
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/entities/imports/{batch.pk}/", {"action": "confirm"})
    batch.refresh_from_db()
    assert batch.status == "done" and batch.imported == 2
    listing = client.get("/entities/imports/").content.decode()
    assert batch.reference in listing


def test_pages_refuse_bad_input_with_a_message(actors, signed_in, settings):
    client = signed_in(actors.owner)
    empty = io.BytesIO(b"")
    empty.name = "e.csv"
    response = client.post("/entities/imports/", {"file": empty, "schema": "Person"})
    assert response.status_code == 400
    settings.PACCTO_IMPORT_MAX_BYTES = 10
    big = io.BytesIO(b"name\n" + b"x" * 100)
    big.name = "b.csv"
    response = client.post(
        "/entities/imports/", {"file": big, "file_format": "csv", "schema": "Person"}
    )
    assert response.status_code == 400 and b"MB" in response.content
    settings.PACCTO_IMPORT_MAX_BYTES = 10**6
    ok = io.BytesIO(b"name\nAna\n")
    ok.name = "ok.csv"
    client.post("/entities/imports/", {"file": ok, "file_format": "csv", "schema": "Person"})
    batch = ImportBatch.objects.get()
    response = client.post(f"/entities/imports/{batch.pk}/", {"action": "explode"})
    assert response.status_code == 400
    response = client.post(
        f"/entities/imports/{batch.pk}/",
        {"action": "map", "col_0": "shoeSize", "handling_code": "H0"},
    )
    assert response.status_code == 400
    response = client.post(f"/entities/imports/{batch.pk}/", {"action": "confirm"})
    assert response.status_code == 400
    assert Entity.objects.count() == 0


# Command line ------------------------------------------------------------------------------


def test_command_line_refuses_a_file_with_errors_unless_valid_only(actors, tmp_path):
    path = tmp_path / "persons.csv"
    path.write_text(PERSONS, encoding="utf-8")
    args = [str(path), "--user", actors.owner.username, "--schema", "Person"]
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_entities", *args, "--map", "nacionalidad=nationality")
    assert Entity.objects.count() == 0
    out = io.StringIO()
    call_command(
        "import_entities",
        *args,
        "--map",
        "nacionalidad=nationality",
        "--valid-only",
        "--handling-code",
        "H1",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "2 entities imported" in out.getvalue()
    assert Entity.objects.filter(handling_code="H1").count() == 2


@pytest.mark.parametrize(
    "options",
    [
        ["--map", "nope=firstName"],
        ["--map", "nombre=shoeSize"],
        ["--handling-code", "H3"],  # without its note
    ],
)
def test_command_line_bad_options_leave_no_batch_nor_file(actors, tmp_path, options):
    path = tmp_path / "persons.csv"
    path.write_text(PERSONS, encoding="utf-8")
    args = [str(path), "--user", actors.owner.username, "--schema", "Person", *options]
    with pytest.raises(CommandError):
        call_command("import_entities", *args, stderr=io.StringIO())
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.DISCARDED
    assert not _path_of(batch).exists()


def test_command_line_reports_bad_files_and_users(actors, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\x00\x01")
    with pytest.raises(CommandError):
        call_command("import_entities", str(path), "--user", actors.owner.username)
    with pytest.raises(CommandError, match="No active account"):
        call_command("import_entities", str(path), "--user", "nobody")
    with pytest.raises(CommandError):
        call_command(
            "import_entities", str(tmp_path / "missing.csv"), "--user", actors.owner.username
        )
