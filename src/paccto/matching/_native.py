"""The compiled matching engine: the modules below built to C by mypyc
(``scripts/build_native.py``, run by ``make setup``) into ``build/native/<digest>/``, the
digest that of their sources and of the interpreter. ``use`` puts such a build before the
sources in the package's path only when it was made from these very sources: a module
edited since runs as plain Python (never stale code), as does everything when
``PACCTO_PURE_PYTHON`` is set or nothing was built (no C compiler). Both run the same
code, and the test suite runs the compiled one that ``make test`` builds."""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULES = (
    "text",
    "names",
    "dates",
    "documents",
    "blocking",
    "compare",
    "prescore",
    "xref",
    "hitindex",
)
SOURCES = tuple(HERE / f"{module}.py" for module in MODULES)
BUILDS = HERE.parents[2] / "build" / "native"  # in the repository: src/paccto/matching


def build_directory() -> Path:
    """Where the build of the present sources is (or would be). The digest tells an edited
    source from the built one, nothing more (no attacker here): two zlib checksums and the
    size, not hashlib, whose import alone costs each command 3 ms."""
    crc = adler = zlib.crc32(sys.version.encode())
    size = 0
    for path in SOURCES:
        data = path.read_bytes()
        crc, adler, size = zlib.crc32(data, crc), zlib.adler32(data, adler), size + len(data)
    return BUILDS / f"{crc:08x}{adler:08x}{size:x}"


def use(package_path: list[str]) -> bool:
    """Put the compiled modules first in ``package_path`` (the package's ``__path__``) if a
    build of the present sources exists; whether they are."""
    if os.environ.get("PACCTO_PURE_PYTHON") or not BUILDS.is_dir():
        return False  # asked for, or nothing built here (an installed package): no digest
    try:
        target = build_directory()
    except OSError:  # sources not readable as files (a zipped install): plain Python
        return False
    modules = target / "paccto" / "matching"
    if not modules.is_dir():
        return False
    sys.path.append(str(target))  # the modules' shared library, paccto_matching__mypyc
    package_path.insert(0, str(modules))
    return True
