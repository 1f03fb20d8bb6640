"""The compiled matching engine: the modules below built to C by mypyc
(``scripts/build_native.py``, run by ``make setup``) into ``build/native/<digest>/``, the
digest that of their sources and of the interpreter. ``use`` puts such a build before the
sources in the package's path only when it was made from these very sources: a module
edited since runs as plain Python (never stale code), as does everything when
``PACCTO_PURE_PYTHON`` is set or nothing was built (no C compiler). Both run the same
code, and the test suite runs the compiled one that ``make test`` builds."""

from __future__ import annotations

import hashlib
import os
import sys
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
    """Where the build of the present sources is (or would be)."""
    digest = hashlib.sha256(sys.version.encode())
    for path in SOURCES:
        digest.update(path.read_bytes())
    return BUILDS / digest.hexdigest()[:20]


def use(package_path: list[str]) -> bool:
    """Put the compiled modules first in ``package_path`` (the package's ``__path__``) if a
    build of the present sources exists; whether they are."""
    if os.environ.get("PACCTO_PURE_PYTHON"):
        return False
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
