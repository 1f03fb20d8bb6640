"""What a file really is, read from its first bytes rather than from its name.

Pure (no Django): ``sniff`` names the type found in the content; ``check_name`` refuses a
name that could escape a directory or hide something; ``check_type`` refuses an executable
and an extension that lies about the content (a PDF called ``photo.jpg``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath


@dataclass(frozen=True)
class FileType:
    mime: str
    label: str
    extensions: frozenset[str]
    executable: bool = False


def _t(mime: str, label: str, *extensions: str, executable: bool = False) -> FileType:
    return FileType(mime, label, frozenset(extensions), executable)


PDF = _t("application/pdf", "PDF", "pdf")
PNG = _t("image/png", "PNG", "png")
JPEG = _t("image/jpeg", "JPEG", "jpg", "jpeg", "jpe")
GIF = _t("image/gif", "GIF", "gif")
TIFF = _t("image/tiff", "TIFF", "tif", "tiff")
WEBP = _t("image/webp", "WebP", "webp")
ZIP = _t(
    "application/zip",
    "ZIP",
    "zip",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
    "kmz",
)
GZIP = _t("application/gzip", "gzip", "gz", "tgz")
SEVEN_Z = _t("application/x-7z-compressed", "7z", "7z")
OLE = _t("application/x-ole-storage", "OLE", "doc", "xls", "ppt", "msg")
MP4 = _t("video/mp4", "MP4", "mp4", "m4v", "m4a", "mov", "3gp")
MP3 = _t("audio/mpeg", "MP3", "mp3")
WAV = _t("audio/wav", "WAV", "wav")
OGG = _t("audio/ogg", "Ogg", "ogg", "oga", "ogv", "opus")
E01 = _t("application/x-ewf", "EnCase image", "e01")
SQLITE = _t("application/vnd.sqlite3", "SQLite", "sqlite", "db", "sqlite3")
TEXT = _t(
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
BINARY = _t("application/octet-stream", "binary", "bin", "raw", "dd", "img", "dat", "mem")
EXE = _t("application/x-msdownload", "Windows executable", "exe", "dll", executable=True)
ELF = _t("application/x-executable", "ELF executable", executable=True)
MACHO = _t("application/x-mach-binary", "Mach-O executable", executable=True)

# Extensions refused whatever the content: they run when opened.
EXECUTABLE_EXTENSIONS = frozenset(
    {"exe", "dll", "com", "scr", "bat", "cmd", "msi", "ps1", "vbs", "js", "jar", "sh", "app"}
)

KNOWN = (PDF, PNG, JPEG, GIF, TIFF, WEBP, ZIP, GZIP, SEVEN_Z, OLE, MP4, MP3, WAV, OGG, E01)
KNOWN_EXTENSIONS = frozenset(e for t in (*KNOWN, SQLITE, TEXT) for e in t.extensions)


class FileRefused(ValueError):
    """A file that may not be stored; ``code`` says why (for translated messages)."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def sniff(head: bytes) -> FileType:
    """The type of a file from its first bytes (a few KiB are enough)."""
    signatures: tuple[tuple[bytes, FileType], ...] = (
        (b"%PDF-", PDF),
        (b"\x89PNG\r\n\x1a\n", PNG),
        (b"\xff\xd8\xff", JPEG),
        (b"GIF87a", GIF),
        (b"GIF89a", GIF),
        (b"II*\x00", TIFF),
        (b"MM\x00*", TIFF),
        (b"PK\x03\x04", ZIP),
        (b"PK\x05\x06", ZIP),
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
    )
    for signature, kind in signatures:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return WAV
    if head[4:8] == b"ftyp":
        return MP4
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] != 0xFF:
        return MP3
    if _is_text(head):
        return TEXT
    return BINARY


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        return exc.start >= len(head) - 3
    return True


def check_name(name: str) -> str:
    """The name as given, when it is a plain file name; refused otherwise (a path, a
    parent reference, control characters, a hidden or empty name)."""
    if (
        not name
        or len(name) > 255
        or name != name.strip()
        or name.startswith(".")
        or ".." in name
        or any(sep in name for sep in ("/", "\\", ":"))
        or any(ord(c) < 32 or ord(c) == 127 for c in name)
        or PurePosixPath(name).name != name
        or PureWindowsPath(name).name != name
    ):
        raise FileRefused("name")
    return name


def extension(name: str) -> str:
    return name.rsplit(".", 1)[1].lower() if "." in name else ""


def check_type(name: str, head: bytes) -> FileType:
    """The type of a file named ``name`` starting with ``head``; refused when it is an
    executable or when its extension claims another type than its content."""
    kind = sniff(head)
    ext = extension(name)
    if kind.executable or ext in EXECUTABLE_EXTENSIONS:
        raise FileRefused("executable")
    if kind is TEXT:
        # Text may carry many names, but not one of a binary type it is not.
        if ext in KNOWN_EXTENSIONS - TEXT.extensions:
            raise FileRefused("mismatch", content=kind.label, extension=ext)
        return kind
    if kind is BINARY:
        if ext in KNOWN_EXTENSIONS:
            raise FileRefused("mismatch", content=kind.label, extension=ext)
        return kind
    if ext not in kind.extensions:
        raise FileRefused("mismatch", content=kind.label, extension=ext or "-")
    return kind
