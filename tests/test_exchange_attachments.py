"""Attachments: what a file is (read from its content), how it is stored, checked and
handed out, and the refusals."""

from __future__ import annotations

import hashlib
import io
import stat
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation

from paccto.audit.models import AuditEntry
from paccto.core.permissions import actor_for
from paccto.exchange import filetypes, selectors, services
from paccto.exchange.models import Attachment
from paccto.exchange.services.attachments import attachment_dir
from tests.exchange_helpers import PDF, PNG, pdf, send

# What a file is -------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


OOXML = b'<?xml version="1.0"?><Types/>'
SAMPLES = [
    # (content, kind, why)
    (PDF, "pdf", "%PDF- header"),
    (PNG, "png", "PNG signature"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "jpeg", "JPEG start of image"),
    (b"GIF89a\x01\x00\x01\x00", "gif", "GIF 89a"),
    (b"II*\x00\x08\x00\x00\x00", "tiff", "little-endian TIFF"),
    (b"MM\x00*\x00\x00\x00\x08", "tiff", "big-endian TIFF"),
    (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "webp", "RIFF WEBP"),
    (b"RIFF\x24\x00\x00\x00WAVEfmt ", "wav", "RIFF WAVE"),
    (b"ID3\x03\x00\x00\x00\x00\x00\x00", "mp3", "ID3 tag"),
    (b"\xff\xfb\x90\x64\x00\x00", "mp3", "MPEG-1 layer III frame"),
    (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00", "mp4", "ISO media ftyp box"),
    (_zip({"notas.txt": b"hola"}), "zip", "a plain ZIP archive"),
    (_zip({"[Content_Types].xml": OOXML, "word/document.xml": b"<w/>"}), "docx", "Word"),
    (_zip({"[Content_Types].xml": OOXML, "xl/workbook.xml": b"<x/>"}), "xlsx", "Excel"),
    (_zip({"[Content_Types].xml": OOXML, "ppt/presentation.xml": b"<p/>"}), "pptx", "PowerPoint"),
    (_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "odt", "ODF text"),
    (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "ods", "ODF sheet"),
    ("Informe\r\nlínea dos\tfin\n".encode(), "text", "UTF-8 text"),
    ("Información técnica".encode("cp1252"), "text", "Windows-1252 text"),
    (b"\xef\xbb\xbfnombre;apellido\nAna;Rojas\n", "text", "CSV with a BOM"),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", None, "a Windows executable"),
    (b"\x7fELF\x02\x01\x01\x00", None, "a Linux executable"),
    (b"texto\x00binario", None, "NUL bytes are not text"),
    (b"\x1b[31mterminal\x1b[0m", None, "escape codes are not text"),
    (b"PK\x03\x04broken", None, "a ZIP signature without an archive"),
]


@pytest.mark.parametrize(("content", "kind", "why"), SAMPLES, ids=[s[2] for s in SAMPLES])
def test_the_kind_is_read_from_the_content(tmp_path, content, kind, why):
    path = tmp_path / "file"
    path.write_bytes(content)
    assert filetypes.sniff(path) == kind, why


@pytest.mark.parametrize(
    ("kind", "ext", "fits"),
    [
        ("pdf", "pdf", True),
        ("png", "pdf", False),
        ("jpeg", "jpg", True),
        ("jpeg", "jpeg", True),
        ("docx", "docx", True),
        ("docx", "zip", True),  # an office document is a ZIP archive
        ("zip", "docx", False),  # a ZIP archive is not an office document
        ("text", "csv", True),
        ("text", "exe", False),
        ("pdf", "txt", False),
    ],
)
def test_an_extension_must_fit_the_content(kind, ext, fits):
    assert filetypes.extension_fits(kind, ext) is fits


@pytest.mark.parametrize(
    ("name", "outcome"),
    [
        ("  Informe técnico.PDF ", "Informe técnico.PDF"),
        ("acta_2026-04.final.pdf", "acta_2026-04.final.pdf"),
        ("../../etc/passwd.pdf", "path"),
        ("..\\..\\boot.ini.txt", "path"),
        ("C:informe.pdf", "path"),
        (".bashrc.txt", "path"),
        ("..", "path"),
        ("informe\x00.pdf", "control"),
        ("informe\n.pdf", "control"),
        ("fdp\u202eexe.pdf", "control"),  # right-to-left override hides the extension
        ("informe", "no_extension"),
        ("informe.", "no_extension"),
        ("x" * 201 + ".pdf", "too_long"),
        ("   ", "empty"),
    ],
)
def test_file_names(name, outcome):
    try:
        assert filetypes.clean_name(name) == outcome
    except filetypes.FileNameError as exc:
        assert exc.code == outcome


# Storing, checking, handing out --------------------------------------------------------------

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages read in English (the platform's default language is Spanish)."""
    with translation.override("en"):
        yield


class RawUpload:
    """An upload whose name reaches the service as sent (Django's own upload classes and
    multipart parser already cut paths and drop unprintable characters)."""

    def __init__(self, name: str, content: bytes) -> None:
        self.name, self.content = name, content

    def chunks(self, chunk_size=None):
        yield self.content


def _upload(user, name="informe.pdf", content=PDF):
    return services.attachment_upload(actor=actor_for(user), upload=RawUpload(name, content))


def test_a_file_is_stored_outside_the_web_root_under_a_random_name(actors, settings):
    attachment = _upload(actors.owner)
    directory = Path(settings.DATA_DIR) / "attachments"
    path = directory / attachment.stored_name
    assert path.read_bytes() == PDF
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest() and attachment.size == len(PDF)
    assert len(attachment.stored_name) == 32 and attachment.stored_name not in ("informe.pdf",)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert (attachment.kind, attachment.media_type) == ("pdf", "application/pdf")
    assert not str(directory).startswith(str(settings.STATIC_ROOT))


def _files() -> set[str]:
    return {p.name for p in attachment_dir().iterdir()}


@pytest.mark.parametrize(
    ("name", "content", "message", "audited"),
    [
        ("vacio.pdf", b"", "is empty", False),
        ("foto.pdf", PNG, "does not match its extension .pdf", True),
        ("programa.exe", b"MZ\x90\x00", "not a kind of file", False),
        ("pagina.html", b"<html><script>x</script></html>", "not a kind of file", False),
        ("../../secreto.pdf", PDF, "is not allowed", True),
        ("informe\x1b.pdf", PDF, "control or invisible", True),
    ],
)
def test_refused_files_leave_nothing_behind(actors, name, content, message, audited):
    before = _files()
    with pytest.raises(ValidationError) as info:
        _upload(actors.owner, name, content)
    assert message in " ".join(info.value.messages)
    assert _files() == before and not Attachment.objects.exists()
    refusals = AuditEntry.objects.filter(object_type="exchange.attachment")
    assert refusals.exists() is audited
    if audited:
        assert "refused" in refusals.get().details


def test_a_file_over_the_limit_is_refused(actors, settings):
    settings.PACCTO_ATTACHMENT_MAX_BYTES = len(PDF) - 1
    before = _files()
    with pytest.raises(ValidationError) as info:
        _upload(actors.owner)
    assert "larger than" in " ".join(info.value.messages)
    assert _files() == before


def test_a_download_checks_the_fingerprint_and_is_audited(actors):
    message = send(actors.owner, actors.other_country, uploads=[pdf()])
    attachment = selectors.message_attachments(message=message).get()
    reader = actor_for(actors.other_country)
    found = selectors.attachment_get(actor=reader, pk=attachment.pk)
    with services.attachment_open(actor=reader, attachment=found) as handle:
        assert handle.read() == PDF
    entry = AuditEntry.objects.filter(object_type="exchange.attachment").latest("seq")
    assert entry.action == "consult" and entry.actor_id == actors.other_country.pk
    assert entry.details["sha256"] == attachment.sha256


def test_an_altered_file_is_not_handed_out_and_the_refusal_is_audited(actors):
    message = send(actors.owner, actors.other_country, uploads=[pdf()])
    attachment = message.attachments.get()
    (attachment_dir() / attachment.stored_name).write_bytes(PDF.replace(b"1.7", b"1.4"))
    with pytest.raises(services.AttachmentIntegrityError):
        services.attachment_open(actor=actor_for(actors.other_country), attachment=attachment)
    entry = AuditEntry.objects.filter(object_type="exchange.attachment").latest("seq")
    assert entry.details["refused"] == "integrity"
    (attachment_dir() / attachment.stored_name).unlink()
    with pytest.raises(services.AttachmentIntegrityError):
        services.attachment_open(actor=actor_for(actors.other_country), attachment=attachment)


def test_only_those_who_see_the_message_reach_its_attachments(actors):
    message = send(actors.owner, actors.other_country, uploads=[pdf()])
    attachment = message.attachments.get()
    for user in (actors.other_institution, actors.colleague_no_role, actors.platform_admin):
        with pytest.raises(Http404):
            selectors.attachment_get(actor=actor_for(user), pk=attachment.pk)
    with pytest.raises(Http404):
        services.attachment_access(actor=actor_for(actors.other_institution), pk=attachment.pk)
    entry = AuditEntry.objects.filter(object_type="exchange.attachment").latest("seq")
    assert entry.details == {"refused": "not_found", "attempted": "download"}


def test_uploads_wait_for_their_message_then_are_forgotten(actors):
    staged = _upload(actors.owner)
    # Another user cannot send it, nor see it.
    with pytest.raises(ValidationError):
        send(actors.other_country, actors.owner, attachment_ids=[staged.pk])
    with pytest.raises(Http404):
        selectors.attachment_get(actor=actor_for(actors.other_country), pk=staged.pk)
    message = send(actors.owner, actors.other_country, attachment_ids=[staged.pk])
    staged.refresh_from_db()
    assert staged.message_id == message.pk
    leftover = _upload(actors.owner, "otro.pdf")
    counts = services.exchange_clock_run(now=leftover.uploaded_at + timedelta(hours=25))
    assert counts["forgotten"] == 1
    assert not Attachment.objects.filter(pk=leftover.pk).exists()
    erased = AuditEntry.objects.get(action="erase", object_id=str(leftover.pk))
    assert erased.details == {"file": "otro.pdf", "reason": "never sent"}
    assert leftover.stored_name not in _files() and staged.stored_name in _files()


def test_forwarded_copies_share_the_file(actors):
    message = send(actors.owner, actors.other_country, uploads=[pdf()])
    copy = services.message_forward(
        actor=actor_for(actors.other_country),
        message=message,
        target_ids=[actors.other_institution.institution_id],
    )
    original, copied = message.attachments.get(), copy.attachments.get()
    assert (copied.stored_name, copied.sha256) == (original.stored_name, original.sha256)
    assert selectors.attachment_get(actor=actor_for(actors.other_institution), pk=copied.pk)


def test_a_failed_send_removes_the_files_it_stored(actors):
    before = _files()
    with pytest.raises(ValidationError):
        send(actors.owner, actors.other_country, uploads=[pdf(), pdf("vacio.pdf", b"")])
    assert _files() == before
