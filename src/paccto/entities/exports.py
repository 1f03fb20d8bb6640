"""Entities as CSV: one row per entity, one column per property, formula-safe cells.

Special categories (victims, witnesses, minors, informants) never leave in clear: their rows
carry the reference and the kind only.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from paccto.entities.models import Entity

FIXED_COLUMNS = (
    "reference",
    "kind",
    "name",
    "owner_institution",
    "owner_country",
    "source_reliability",
    "information_reliability",
    "handling_code",
    "handling_note",
    "share_scope",
    "criminal_markets",
    "special_category",
    "created_at",
    "review_at",
)
# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
WITHHELD = "[withheld: special category]"


def cell(value: object) -> str:
    """A cell value that a spreadsheet shows as text, never evaluates."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def entities_csv(entities: Iterable[Entity]) -> str:
    rows = list(entities)
    properties = sorted({name for e in rows if not e.special_category for name in e.properties})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*FIXED_COLUMNS, *(f"property:{name}" for name in properties)])
    for e in rows:
        special = e.special_category
        fixed = [
            e.reference,
            e.schema,
            WITHHELD if special else e.caption,
            e.owner_institution.name,
            e.owner_institution.country_id,
            e.source_reliability,
            e.information_reliability,
            e.handling_code,
            e.handling_note,
            e.share_scope,
            ";".join(e.criminal_markets),
            "yes" if special else "no",
            e.created_at.isoformat(timespec="seconds"),
            e.review_at.date().isoformat(),
        ]
        values = ["" if special else "; ".join(e.properties.get(name, [])) for name in properties]
        writer.writerow([cell(v) for v in (*fixed, *values)])
    return out.getvalue()
