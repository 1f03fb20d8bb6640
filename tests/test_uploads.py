"""The one upload path (``core.uploads``), as every app that keeps files goes through it:
limits, the all-or-nothing rule, the store's integrity check, and the messages people read.
What a file is and which names are kept: tests/test_filetypes.py."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from paccto.audit.models import AuditEntry
from paccto.core.filestore import FileIntegrityError, PrivateFileStore
from paccto.core.filetypes import ATTACHMENTS, EVIDENCE
from paccto.core.middleware import upload_route_limit
from paccto.core.permissions import actor_for
from paccto.core.uploads import Upload, upload_receive, uploads_receive

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
STORE = PrivateFileStore("uploads_test")


def _stored() -> set[str]:
    return {p.name for p in STORE.directory().iterdir()}


def _receive(user, uploads, *, limit=1024, accept=ATTACHMENTS, **kwargs):
    return uploads_receive(
        actor=actor_for(user),
        store=STORE,
        uploads=uploads,
        limit=limit,
        accept=accept,
        field="files",
        object_type="tests.upload",
        **kwargs,
    )


def test_the_limits_default_to_50_mb():
    """Without PACCTO_ATTACHMENT_MAX_BYTES or PACCTO_EVIDENCE_MAX_MB in the environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PACCTO_")}
    code = (
        "from paccto.config import settings as s;"
        "print(s.PACCTO_ATTACHMENT_MAX_BYTES, s.PACCTO_EVIDENCE_MAX_BYTES)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == [str(50 * 1024 * 1024)] * 2
    env["PACCTO_ATTACHMENT_MAX_BYTES"], env["PACCTO_EVIDENCE_MAX_MB"] = "1000", "7"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["1000", str(7 * 1024 * 1024)]


@pytest.mark.django_db
def test_a_file_is_streamed_and_hashed_into_the_store(actors):
    big = PDF + b"%" * (3 * 1024 * 1024)  # three chunks and more
    [received] = _receive(actors.owner, [Upload("informe.pdf", big)], limit=len(big))
    assert (received.kind.key, received.media_type, received.size) == (
        "pdf",
        "application/pdf",
        len(big),
    )
    assert STORE.read_verified(received.stored_name, received.sha256) == big
    with STORE.open_verified(received.stored_name, received.sha256) as handle:
        assert handle.read() == big
    STORE.path(received.stored_name).write_bytes(big[:-1])
    with pytest.raises(FileIntegrityError):
        STORE.open_verified(received.stored_name, received.sha256)
    STORE.remove(received.stored_name)
    with pytest.raises(FileIntegrityError):
        STORE.read_verified(received.stored_name, received.sha256)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("uploads", "kwargs", "message"),
    [
        ([Upload("a.pdf", PDF), Upload("b.pdf", b"")], {}, "“b.pdf” is empty."),
        ([Upload("a.pdf", PDF), Upload("b.pdf", PDF * 20)], {}, "“b.pdf” is larger than"),
        ([Upload("a.pdf", PDF)] * 3, {"max_files": 2}, "At most 2 files at a time."),
        ([Upload("a.pdf", PDF * 8)] * 2, {}, "The files together are larger than"),
    ],
)
def test_all_files_or_none(actors, uploads, kwargs, message):
    before = _stored()
    with translation.override("en"), pytest.raises(ValidationError) as info:
        _receive(actors.owner, uploads, total_limit=1024, **kwargs)
    assert message in info.value.message_dict["files"][0]
    assert _stored() == before


@pytest.mark.django_db
def test_refusals_read_in_the_user_s_language_and_attempts_are_audited(actors):
    attempts = [
        ("notas.pdf", b"solo texto", "(texto) no corresponde a su extensión .pdf"),
        ("volcado.txt", bytes(range(256)), "(datos binarios) no corresponde"),
        ("herramienta.pdf", b"MZ\x90\x00" + bytes(60), "es un programa"),
        ("foto\u202egpj.pdf", PDF, "caracteres de control o invisibles"),
    ]
    for name, content, message in attempts:
        with translation.override("es"), pytest.raises(ValidationError) as info:
            _receive(actors.owner, [Upload(name, content)], accept=EVIDENCE)
        assert message in info.value.message_dict["files"][0], name
    refused = AuditEntry.objects.filter(object_type="tests.upload").order_by("seq")
    assert [e.details["refused"] for e in refused] == [
        "content:text",
        "content:binary",
        "content:exe",
        "name:control",
    ]


@pytest.mark.django_db
def test_one_upload_over_its_limit_is_cut_off(actors):
    before = _stored()
    with pytest.raises(ValidationError):
        upload_receive(
            actor=actor_for(actors.owner),
            store=STORE,
            upload=Upload("grande.pdf", PDF * 100),
            limit=len(PDF) * 99,
            accept=EVIDENCE,
            field="files",
            object_type="tests.upload",
        )
    assert _stored() == before


@pytest.mark.parametrize(
    ("path", "limit"),
    [
        ("/exchange/compose/", "PACCTO_ATTACHMENT_MAX_BYTES"),
        ("/api/v1/exchange/attachments", "PACCTO_ATTACHMENT_MAX_BYTES"),
        ("/cases/jits/12/evidence/new/", "PACCTO_EVIDENCE_MAX_BYTES"),  # by route pattern
        ("/api/v1/jits/12/evidence", "PACCTO_EVIDENCE_MAX_BYTES"),
        ("/api/v1/jits/12/evidence/3", None),
        ("/cases/", None),
        ("/nowhere/at/all", None),
    ],
)
def test_upload_routes_take_their_file_limit_and_a_mib(settings, path, limit):
    expected = None if limit is None else getattr(settings, limit) + 1024 * 1024
    assert upload_route_limit(path) == expected
