"""What a file is, read from its content rather than from its name (no Django here).

A small table of the kinds of file the platform accepts as attachments, each recognised by
its leading bytes ("magic numbers") and, for ZIP-based office documents, by the entries of
the archive's directory (nothing is decompressed but the tiny ``mimetype`` entry). A file
is accepted only if its content is one of these kinds and its extension is one that kind
may carry: a PNG named ``report.pdf`` is refused. Names are checked for what would let a
file escape its folder or disguise its extension (separators, ``..``, control and
bidirectional-formatting characters).
"""

from __future__ import annotations

import codecs
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

MAX_NAME = 200
HEAD = 64  # bytes read to recognise a binary format
TEXT_CHUNK = 1 << 16
# Control characters a text file may hold: tab, line feed, form feed, carriage return.
TEXT_CONTROLS = frozenset("\t\n\f\r")


@dataclass(frozen=True)
class FileKind:
    """An accepted kind of file: its key, media type and the extensions it may carry."""

    key: str
    media_type: str
    extensions: frozenset[str]


def _kind(key: str, media_type: str, *extensions: str) -> FileKind:
    return FileKind(key, media_type, frozenset(extensions))


KINDS: dict[str, FileKind] = {
    kind.key: kind
    for kind in (
        _kind("pdf", "application/pdf", "pdf"),
        _kind("png", "image/png", "png"),
        _kind("jpeg", "image/jpeg", "jpg", "jpeg"),
        _kind("gif", "image/gif", "gif"),
        _kind("tiff", "image/tiff", "tif", "tiff"),
        _kind("webp", "image/webp", "webp"),
        _kind("zip", "application/zip", "zip"),
        _kind(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        _kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        _kind(
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "pptx",
        ),
        _kind("odt", "application/vnd.oasis.opendocument.text", "odt"),
        _kind("ods", "application/vnd.oasis.opendocument.spreadsheet", "ods"),
        _kind("odp", "application/vnd.oasis.opendocument.presentation", "odp"),
        _kind("mp3", "audio/mpeg", "mp3"),
        _kind("wav", "audio/wav", "wav"),
        _kind("mp4", "video/mp4", "mp4", "m4a", "m4v"),
        _kind("text", "text/plain", "txt", "csv", "tsv", "log", "json", "xml", "md"),
    )
}
# Office documents are ZIP archives too: the .zip extension is no lie for them.
ZIP_BASED = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp"})
ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
OOXML_PARTS: tuple[tuple[str, str], ...] = (
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "xlsx"),
    ("ppt/presentation.xml", "pptx"),
)


class FileNameError(ValueError):
    """A file name that cannot be kept; ``code`` says why (for a translated message)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def clean_name(name: str) -> str:
    """The name to keep for an uploaded file, or ``FileNameError``.

    Refused: empty names, names over 200 characters, path separators and drive colons,
    ``.`` and ``..``, names starting with a dot, control and invisible formatting characters
    (a right-to-left override can show ``exe.pdf`` for ``fdp.exe``), and names without an
    extension.

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
    if extension(name) == "":
        raise FileNameError("no_extension")
    return name


def extension(name: str) -> str:
    """The extension of a file name, lower case, without the dot ("" when none)."""
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def _zip_kind(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 100:
                    found = ODF_TYPES.get(archive.read("mimetype").strip())
                    if found:
                        return found
            if "[Content_Types].xml" in names:
                for part, key in OOXML_PARTS:
                    if part in names:
                        return key
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError):
        return None
    return "zip"


def _binary_kind(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE6 == 0xE2):
        return "mp3"
    return None


def _is_text(path: Path) -> bool:
    """UTF-8 (with or without BOM) or Windows-1252 text, without control characters other
    than tab, line breaks and form feed."""
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(TEXT_CHUNK):
                    text = decoder.decode(chunk)
                    if any(ch < " " and ch not in TEXT_CONTROLS for ch in text):
                        return False
                    if "\x7f" in text:
                        return False
                decoder.decode(b"", final=True)
            return True
        except UnicodeDecodeError:
            continue
    return False


def sniff(path: Path) -> str | None:
    """The kind of file at ``path`` (a key of ``KINDS``), read from its content; None when
    it is none of the accepted kinds."""
    with path.open("rb") as handle:
        head = handle.read(HEAD)
    if not head:
        return None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path)
    found = _binary_kind(head)
    if found:
        return found
    return "text" if _is_text(path) else None


def extension_fits(kind: str, ext: str) -> bool:
    """Whether a file whose content is ``kind`` may carry the extension ``ext``."""
    if ext in KINDS[kind].extensions:
        return True
    return kind in ZIP_BASED and ext == "zip"


def media_type(kind: str, ext: str) -> str:
    """The media type a file is served with: the kind's, except CSV text."""
    if kind == "text" and ext in ("csv", "tsv"):
        return "text/csv" if ext == "csv" else "text/tab-separated-values"
    return KINDS[kind].media_type
