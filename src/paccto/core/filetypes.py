"""What a file really is, read from its content rather than from its name (no Django here).

- ``KINDS`` is the one table of the kinds of file the platform knows, each recognised by its
  leading bytes ("magic numbers"). ZIP archives are opened to tell Word, Excel, PowerPoint
  and OpenDocument files from plain archives (only the archive's directory and the tiny
  ``mimetype`` entry are read, nothing is decompressed). Text is told from binary content
  by decoding the whole file (UTF-8, or Windows-1252) without control characters. Programs
  (Windows, Linux and macOS executables) are recognised so that they are refused.
- ``sniff`` reads from a path, an open file or bytes, in chunks: a 50 MB upload is never
  held in memory.
- ``clean_name`` refuses a name that could escape a folder or disguise its extension.
- ``check`` decides whether a file of some kind may be kept under its name for one use: an
  ``Acceptance`` (``ATTACHMENTS`` of messages, ``EVIDENCE`` of joint investigation teams)
  says which kinds that use takes and how strict it is about names. Everywhere, programs
  are refused and an extension must not lie about the content (a PNG named ``report.pdf``).
"""

from __future__ import annotations

import codecs
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

MAX_NAME = 200
HEAD = 64  # bytes read to recognise a binary format
TEXT_CHUNK = 1 << 16
# Control characters a text file may not hold: all but tab, line feed, form feed and
# carriage return.
NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
Source = bytes | bytearray | os.PathLike[str] | BinaryIO


@dataclass(frozen=True)
class FileType:
    """A kind of file: its key, the media type it is served with, a label for messages,
    the extensions it may carry, and whether it is a program."""

    key: str
    mime: str
    label: str
    extensions: frozenset[str]
    executable: bool = False

    @property
    def media_type(self) -> str:
        return self.mime


def _t(key: str, mime: str, label: str, *extensions: str, executable: bool = False) -> FileType:
    return FileType(key, mime, label, frozenset(extensions), executable)


PDF = _t("pdf", "application/pdf", "PDF", "pdf")
PNG = _t("png", "image/png", "PNG", "png")
JPEG = _t("jpeg", "image/jpeg", "JPEG", "jpg", "jpeg", "jpe")
GIF = _t("gif", "image/gif", "GIF", "gif")
TIFF = _t("tiff", "image/tiff", "TIFF", "tif", "tiff")
WEBP = _t("webp", "image/webp", "WebP", "webp")
ZIP = _t("zip", "application/zip", "ZIP", "zip", "kmz")
DOCX = _t(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word",
    "docx",
)
XLSX = _t(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel", "xlsx"
)
PPTX = _t(
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint",
    "pptx",
)
ODT = _t("odt", "application/vnd.oasis.opendocument.text", "OpenDocument text", "odt")
ODS = _t("ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument sheet", "ods")
ODP = _t(
    "odp", "application/vnd.oasis.opendocument.presentation", "OpenDocument presentation", "odp"
)
GZIP = _t("gzip", "application/gzip", "gzip", "gz", "tgz")
SEVEN_Z = _t("7z", "application/x-7z-compressed", "7z", "7z")
OLE = _t("ole", "application/x-ole-storage", "OLE (old Office)", "doc", "xls", "ppt", "msg")
MP3 = _t("mp3", "audio/mpeg", "MP3", "mp3")
WAV = _t("wav", "audio/wav", "WAV", "wav")
OGG = _t("ogg", "audio/ogg", "Ogg", "ogg", "oga", "ogv", "opus")
MP4 = _t("mp4", "video/mp4", "MP4", "mp4", "m4v", "m4a", "mov", "3gp")
E01 = _t("e01", "application/x-ewf", "EnCase image", "e01")
SQLITE = _t("sqlite", "application/vnd.sqlite3", "SQLite", "sqlite", "sqlite3", "db")
TEXT = _t(
    "text",
    "text/plain",
    "text",
    "txt",
    "csv",
    "tsv",
    "json",
    "jsonl",
    "xml",
    "log",
    "eml",
    "md",
    "vcf",
    "kml",
    "gpx",
)
BINARY = _t("binary", "application/octet-stream", "binary", "bin", "raw", "dd", "img", "dat", "mem")
EXE = _t("exe", "application/x-msdownload", "Windows executable", "exe", "dll", executable=True)
ELF = _t("elf", "application/x-executable", "ELF executable", executable=True)
MACHO = _t("macho", "application/x-mach-binary", "Mach-O executable", executable=True)

KINDS: dict[str, FileType] = {
    kind.key: kind
    for kind in (
        PDF,
        PNG,
        JPEG,
        GIF,
        TIFF,
        WEBP,
        ZIP,
        DOCX,
        XLSX,
        PPTX,
        ODT,
        ODS,
        ODP,
        GZIP,
        SEVEN_Z,
        OLE,
        MP3,
        WAV,
        OGG,
        MP4,
        E01,
        SQLITE,
        TEXT,
        BINARY,
        EXE,
        ELF,
        MACHO,
    )
}
# Office documents are ZIP archives too: the .zip extension is no lie for them.
ZIP_BASED = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp"})
# Text and unrecognised binary content may carry names no kind claims ("notes.html",
# "disk"); the other kinds are recognised by their content, so their names must fit.
GENERIC = frozenset({"text", "binary"})
# Extensions refused whatever the content: they run when opened.
EXECUTABLE_EXTENSIONS = frozenset(
    {"exe", "dll", "com", "scr", "bat", "cmd", "msi", "ps1", "vbs", "js", "jar", "sh", "app"}
)
# Which specific (non-generic) kind claims each extension.
_CLAIMED = {ext: k.key for k in KINDS.values() if k.key not in GENERIC for ext in k.extensions}

SIGNATURES: tuple[tuple[bytes, FileType], ...] = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"\x1f\x8b", GZIP),
    (b"7z\xbc\xaf\x27\x1c", SEVEN_Z),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
    (b"ID3", MP3),
    (b"OggS", OGG),
    (b"EVF\x09\x0d\x0a\xff\x00", E01),
    (b"SQLite format 3\x00", SQLITE),
    (b"MZ", EXE),
    (b"\x7fELF", ELF),
    (b"\xcf\xfa\xed\xfe", MACHO),
    (b"\xfe\xed\xfa\xcf", MACHO),
    (b"\xce\xfa\xed\xfe", MACHO),
    (b"\xfe\xed\xfa\xce", MACHO),
)
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
    b"application/vnd.oasis.opendocument.presentation": ODP,
}
OOXML_PARTS: tuple[tuple[str, FileType], ...] = (
    ("word/document.xml", DOCX),
    ("xl/workbook.xml", XLSX),
    ("ppt/presentation.xml", PPTX),
)


class FileRefused(ValueError):
    """A file that may not be kept; ``code`` says why (for a translated message):
    ``empty_file``, ``too_large``, ``not_accepted``, ``executable``, ``mismatch``, or a
    name's ``FileNameError`` code."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class FileNameError(FileRefused):
    """A file name that cannot be kept: ``empty``, ``too_long``, ``control``, ``path`` or
    ``no_extension``."""


NAME_CODES = frozenset({"empty", "too_long", "control", "path", "no_extension"})


@dataclass(frozen=True)
class Acceptance:
    """What one use of uploaded files accepts: its kinds; whether a name must carry an
    extension, and whether that extension must be one of those kinds' (attachments are
    strict; evidence keeps any name whose extension does not lie)."""

    kinds: frozenset[str]
    extension_required: bool = True
    listed_extensions_only: bool = True

    @property
    def extensions(self) -> frozenset[str]:
        found = {ext for key in self.kinds for ext in KINDS[key].extensions}
        return frozenset(found | ({"zip"} if self.kinds & ZIP_BASED else set()))

    @property
    def labels(self) -> list[str]:
        return [KINDS[key].label for key in KINDS if key in self.kinds]


# Files sent with messages: documents, images, office files, text, archives and media.
ATTACHMENTS = Acceptance(
    kinds=frozenset(
        {
            "pdf",
            "png",
            "jpeg",
            "gif",
            "tiff",
            "webp",
            "zip",
            "docx",
            "xlsx",
            "pptx",
            "odt",
            "ods",
            "odp",
            "mp3",
            "wav",
            "mp4",
            "text",
        }
    )
)
# Files of evidence: anything seized but programs, under any name that does not lie.
EVIDENCE = Acceptance(
    kinds=frozenset(k.key for k in KINDS.values() if not k.executable),
    extension_required=False,
    listed_extensions_only=False,
)


def extension(name: str) -> str:
    """The extension of a file name, lower case, without the dot ("" when none)."""
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def clean_name(name: str, *, extension_required: bool = True) -> str:
    """The name to keep for an uploaded file, or ``FileNameError``.

    Refused: empty names, names over 200 characters, path separators and drive colons,
    ``.`` and ``..``, names starting with a dot, control and invisible formatting characters
    (a right-to-left override can show ``exe.pdf`` for ``fdp.exe``), and, when required,
    names without an extension.

    >>> clean_name("  Informe técnico.pdf ")
    'Informe técnico.pdf'
    """
    name = unicodedata.normalize("NFC", name).strip()
    if not name:
        raise FileNameError("empty")
    if len(name) > MAX_NAME:
        raise FileNameError("too_long")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in name):
        raise FileNameError("control")
    if any(ch in name for ch in "/\\:") or name.startswith("."):
        raise FileNameError("path")
    if extension_required and extension(name) == "":
        raise FileNameError("no_extension")
    return name


@contextmanager
def _opened(source: Source) -> Iterator[BinaryIO]:
    """A readable, seekable binary file for a path, bytes or an open file (put back where
    it was afterwards)."""
    if isinstance(source, bytes | bytearray):
        yield io.BytesIO(source)
    elif isinstance(source, os.PathLike):
        with open(source, "rb") as handle:
            yield handle
    else:
        position = source.tell()
        try:
            source.seek(0)
            yield source
        finally:
            source.seek(position)


def _zip_kind(handle: BinaryIO) -> FileType:
    """An office document, or a plain ZIP archive; unreadable archives are binary."""
    try:
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= 100:
                found = ODF_TYPES.get(archive.read("mimetype").strip())
                if found:
                    return found
            if "[Content_Types].xml" in names:
                for part, kind in OOXML_PARTS:
                    if part in names:
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError, EOFError):
        return BINARY
    return ZIP


def _signature_kind(head: bytes) -> FileType | None:
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return WAV
    if head[4:8] == b"ftyp":
        return MP4
    # An MPEG audio frame: eleven sync bits, then layer III (the mask keeps UTF-16's FF FE
    # byte-order mark out).
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xE6 == 0xE2:
        return MP3
    return None


def _is_text(handle: BinaryIO) -> bool:
    """UTF-8 (with or without BOM) or Windows-1252 text, without control characters other
    than tab, line breaks and form feed. A multi-byte character cut at the very end (a
    sample of a file) still counts as text."""
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        handle.seek(0)
        try:
            while chunk := handle.read(TEXT_CHUNK):
                text = decoder.decode(chunk)
                if NOT_TEXT.search(text):
                    return False
            return True
        except UnicodeDecodeError:
            continue
    return False


def sniff(source: Source) -> FileType:
    """The kind of a file, from its content: a path, an open (seekable) binary file, or
    bytes (the whole content, or its first few KiB). Unrecognised content that is not text
    is ``BINARY``; an empty file is ``BINARY`` too (callers refuse empty files first)."""
    with _opened(source) as handle:
        head = handle.read(HEAD)
        if head.startswith(ZIP_SIGNATURES):
            handle.seek(0)
            return _zip_kind(handle)
        found = _signature_kind(head)
        if found is not None:
            return found
        if head and _is_text(handle):
            return TEXT
    return BINARY


def extension_fits(kind: FileType | str, ext: str) -> bool:
    """Whether a file whose content is ``kind`` may carry the extension ``ext``: one of the
    kind's own; ``zip`` for office documents; and, for text and unrecognised binary content,
    any extension no other kind claims (binary content may not pose as text)."""
    kind = KINDS[kind] if isinstance(kind, str) else kind
    if ext in kind.extensions:
        return True
    if kind.key in ZIP_BASED:
        return ext == "zip"
    if kind.key == "text":
        return ext not in _CLAIMED
    if kind.key == "binary":
        return ext not in _CLAIMED and ext not in TEXT.extensions
    return False


def check(name: str, kind: FileType, accept: Acceptance) -> FileType:
    """Whether a file named ``name`` whose content is ``kind`` may be kept for a use:
    refused (``FileRefused``) when its extension is not one this use takes
    (``not_accepted``), when it is a program or named like one (``executable``), when its
    kind is not taken (``not_accepted``), or when its extension lies (``mismatch``)."""
    ext = extension(name)
    if accept.listed_extensions_only and ext not in accept.extensions:
        raise FileRefused("not_accepted")
    if kind.executable or ext in EXECUTABLE_EXTENSIONS:
        raise FileRefused("executable")
    if kind.key not in accept.kinds:
        raise FileRefused("not_accepted")
    if not extension_fits(kind, ext):
        raise FileRefused("mismatch", content=kind.label, extension=ext or "-")
    return kind


def media_type(kind: FileType | str, ext: str) -> str:
    """The media type a file is served with: the kind's, except CSV and TSV text."""
    kind = KINDS[kind] if isinstance(kind, str) else kind
    if kind.key == "text" and ext in ("csv", "tsv"):
        return "text/csv" if ext == "csv" else "text/tab-separated-values"
    return kind.mime
