"""Compile every .po catalogue to .mo with Babel (no gettext binaries needed)."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent / "src" / "paccto"

for po_path in ROOT.glob("locale/*/LC_MESSAGES/*.po"):
    mo_path = po_path.with_suffix(".mo")
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    with mo_path.open("wb") as handle:
        write_mo(handle, catalog)
