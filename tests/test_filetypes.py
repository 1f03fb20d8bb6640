"""What a file is (``core.filetypes``), read from its content, and what each use of uploaded
files accepts: tables of cases (input, expected, why), as an analyst would read them."""

from __future__ import annotations

import io
import zipfile

import pytest

from paccto.core import filetypes
from paccto.core.filetypes import ATTACHMENTS, EVIDENCE, FileRefused


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)
OOXML = b'<?xml version="1.0"?><Types/>'
DOCX = _zip({"[Content_Types].xml": OOXML, "word/document.xml": b"<w/>"})

# (content, kind, attachable, why): ``attachable`` says whether messages take that kind.
SAMPLES = [
    (PDF, "pdf", True, "%PDF- header"),
    (PNG, "png", True, "PNG signature"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "jpeg", True, "JPEG start of image"),
    (b"GIF89a\x01\x00\x01\x00", "gif", True, "GIF 89a"),
    (b"GIF87a\x01\x00\x01\x00", "gif", True, "GIF 87a"),
    (b"II*\x00\x08\x00\x00\x00", "tiff", True, "little-endian TIFF"),
    (b"MM\x00*\x00\x00\x00\x08", "tiff", True, "big-endian TIFF"),
    (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "webp", True, "RIFF WEBP"),
    (b"RIFF\x24\x00\x00\x00WAVEfmt ", "wav", True, "RIFF WAVE"),
    (b"ID3\x03\x00\x00\x00\x00\x00\x00", "mp3", True, "ID3 tag"),
    (b"\xff\xfb\x90\x64\x00\x00", "mp3", True, "MPEG-1 layer III frame"),
    (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00", "mp4", True, "ISO media ftyp box"),
    (_zip({"notas.txt": b"hola"}), "zip", True, "a plain ZIP archive"),
    (DOCX, "docx", True, "Word: the archive holds word/document.xml"),
    (_zip({"[Content_Types].xml": OOXML, "xl/workbook.xml": b"<x/>"}), "xlsx", True, "Excel"),
    (_zip({"[Content_Types].xml": OOXML, "ppt/presentation.xml": b"<p/>"}), "pptx", True, "PPT"),
    (_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "odt", True, "ODF text"),
    (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "ods", True, "ODS"),
    (_zip({"mimetype": b"application/vnd.oasis.opendocument.presentation"}), "odp", True, "ODP"),
    ("Informe\r\nlínea dos\tfin\n".encode(), "text", True, "UTF-8 text"),
    ("Información técnica".encode("cp1252"), "text", True, "Windows-1252 text"),
    (b"\xef\xbb\xbfnombre;apellido\nAna;Rojas\n", "text", True, "CSV with a BOM"),
    (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip", False, "gzip stream"),
    (b"7z\xbc\xaf\x27\x1c\x00\x04", "7z", False, "7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "ole", False, "old Office (OLE) document"),
    (b"OggS\x00\x02\x00\x00", "ogg", False, "Ogg audio"),
    (b"EVF\x09\x0d\x0a\xff\x00\x01", "e01", False, "EnCase forensic image"),
    (b"SQLite format 3\x00\x10\x00", "sqlite", False, "SQLite database (a phone's messages)"),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "exe", False, "a Windows executable"),
    (b"\x7fELF\x02\x01\x01\x00", "elf", False, "a Linux executable"),
    (b"\xcf\xfa\xed\xfe\x07\x00\x00\x01", "macho", False, "a macOS executable"),
    (b"texto\x00binario", "binary", False, "NUL bytes are not text"),
    (b"\x1b[31mterminal\x1b[0m", "binary", False, "escape codes are not text"),
    (b"PK\x03\x04broken", "binary", False, "a ZIP signature without an archive"),
    (b"\xff\xfeI\x00n\x00", "binary", False, "UTF-16 is not taken for MP3 audio"),
]


@pytest.mark.parametrize(
    ("content", "kind", "attachable", "why"), SAMPLES, ids=[s[3] for s in SAMPLES]
)
def test_the_kind_is_read_from_the_content(tmp_path, content, kind, attachable, why):
    path = tmp_path / "file"
    path.write_bytes(content)
    found = filetypes.sniff(path)
    assert found.key == kind, why
    # The same from bytes and from an open file, which is left where it was.
    assert filetypes.sniff(content).key == kind
    with path.open("rb") as handle:
        handle.seek(3)
        assert filetypes.sniff(handle).key == kind
        assert handle.tell() == 3
    assert (kind in ATTACHMENTS.kinds) is attachable, why
    assert (kind in EVIDENCE.kinds) is not found.executable, why


def test_text_is_read_to_its_end(tmp_path):
    """A file that starts as text and turns binary further on is binary."""
    path = tmp_path / "file"
    path.write_bytes(b"linea\n" * 20_000 + b"\x00\x01")
    assert filetypes.sniff(path).key == "binary"


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
        ("text", "html", True),  # text may carry a name no kind claims
        ("text", "pdf", False),  # but not a binary kind's
        ("pdf", "txt", False),
        ("binary", "dd", True),  # a raw disk image
        ("binary", "", True),  # a seized file without extension
        ("binary", "txt", False),  # binary content may not pose as text
        ("binary", "jpg", False),
        ("sqlite", "db", True),
        ("e01", "e01", True),
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


def test_evidence_keeps_names_without_an_extension():
    assert filetypes.clean_name("disk", extension_required=False) == "disk"
    with pytest.raises(filetypes.FileNameError):
        filetypes.clean_name("../disk", extension_required=False)


# (name, content, attachments, evidence, why): what each use decides; "ok" or the code.
DECISIONS = [
    ("informe.pdf", PDF, "ok", "ok", "a PDF named as one"),
    ("informe.docx", DOCX, "ok", "ok", "a Word document"),
    ("informe.zip", DOCX, "ok", "ok", "a Word document is a ZIP archive too"),
    ("foto.pdf", PNG, "mismatch", "mismatch", "a PNG that says it is a PDF"),
    ("notes.pdf", b"just text", "mismatch", "mismatch", "text that says it is a PDF"),
    ("programa.exe", b"MZ\x90\x00", "not_accepted", "executable", "a program"),
    ("tool.pdf", b"MZ\x90\x00" + bytes(60), "executable", "executable", "a program as a PDF"),
    ("run.sh", b"#!/bin/sh\nrm -rf /\n", "not_accepted", "executable", "a script"),
    ("pagina.html", b"<html><script>x</script></html>", "not_accepted", "ok", "HTML"),
    ("chat.sqlite", b"SQLite format 3\x00", "not_accepted", "ok", "a phone's database"),
    ("disk.e01", b"EVF\x09\x0d\x0a\xff\x00", "not_accepted", "ok", "a forensic image"),
    ("memory.mem", bytes(range(256)), "not_accepted", "ok", "a raw memory dump"),
    ("dump", bytes(range(256)), "not_accepted", "ok", "raw data without extension"),
    ("dump.txt", bytes(range(256)), "not_accepted", "mismatch", "binary that says it is text"),
]


@pytest.mark.parametrize(
    ("name", "content", "attachments", "evidence", "why"),
    DECISIONS,
    ids=[d[4] for d in DECISIONS],
)
def test_what_each_use_accepts(name, content, attachments, evidence, why):
    kind = filetypes.sniff(content)
    for accept, expected in ((ATTACHMENTS, attachments), (EVIDENCE, evidence)):
        try:
            filetypes.check(name, kind, accept)
            outcome = "ok"
        except FileRefused as exc:
            outcome = exc.code
        assert outcome == expected, why


@pytest.mark.parametrize(
    ("kind", "ext", "media_type"),
    [
        ("text", "csv", "text/csv"),
        ("text", "tsv", "text/tab-separated-values"),
        ("text", "txt", "text/plain"),
        ("docx", "zip", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("pdf", "pdf", "application/pdf"),
    ],
)
def test_media_types(kind, ext, media_type):
    assert filetypes.media_type(kind, ext) == media_type
