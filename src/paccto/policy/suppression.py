"""Small-count suppression for published tables (statistical disclosure control).

Primary suppression withholds every count from 1 to ``threshold - 1`` (zero is published:
it singles nobody out). Secondary suppression then withholds more cells so that no withheld
cell can be worked out from the published totals: in every row and every column, a lone
withheld value (a cell or the line's total) takes a second one with it, the smallest
published non-zero cell of that line, or the total itself when no other cell can go. The
margins are lines too (row totals and column totals against the grand total). It repeats
until nothing changes. No Django imports; tested by tables of cases.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass
class Table:
    """A two-way table of counts with its margins; ``None`` marks a withheld value."""

    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], int | None]
    row_totals: dict[str, int | None]
    column_totals: dict[str, int | None]
    total: int | None

    def cell(self, row: str, column: str) -> int | None:
        return self.cells[(row, column)]

    @property
    def withheld(self) -> int:
        values = [*self.cells.values(), *self.row_totals.values(), *self.column_totals.values()]
        return sum(1 for v in [*values, self.total] if v is None)


def table_from_counts(
    counts: Mapping[tuple[str, str], int], rows: Sequence[str], columns: Sequence[str]
) -> Table:
    """A full table (zeros where nothing was counted) with its exact margins."""
    cells: dict[tuple[str, str], int | None] = {
        (r, c): int(counts.get((r, c), 0)) for r in rows for c in columns
    }
    row_totals: dict[str, int | None] = {
        r: sum(int(counts.get((r, c), 0)) for c in columns) for r in rows
    }
    column_totals: dict[str, int | None] = {
        c: sum(int(counts.get((r, c), 0)) for r in rows) for c in columns
    }
    total = sum(v or 0 for v in row_totals.values())
    return Table(list(rows), list(columns), cells, row_totals, column_totals, total)


def _primary(value: int | None, threshold: int) -> bool:
    return value is not None and 0 < value < threshold


TOTAL = "__total__"


def _protect_line(
    values: Mapping[str, int | None], exact: Mapping[str, int], total: int | None
) -> str | None:
    """The key to withhold next in one line (cells summing to a total), or None when the
    line is safe. A line with exactly one withheld value (a cell or its total) lets a
    reader recompute it: withhold the smallest published non-zero cell, else the total
    (``TOTAL``)."""
    hidden = sum(1 for v in values.values() if v is None) + (total is None)
    if hidden != 1:
        return None
    candidates = [k for k, v in values.items() if v is not None and v > 0]
    if candidates:
        return min(candidates, key=lambda k: (exact[k], str(k)))
    return TOTAL if total is not None else None


def suppress(table: Table, threshold: int) -> Table:
    """A copy of the table with small counts withheld (primary) and enough others withheld
    (secondary) that none can be recomputed from the published values. ``threshold`` 0 or 1
    publishes everything."""
    exact_cells = {k: int(v or 0) for k, v in table.cells.items()}
    exact_rows = {k: int(v or 0) for k, v in table.row_totals.items()}
    exact_columns = {k: int(v or 0) for k, v in table.column_totals.items()}
    cells: dict[tuple[str, str], int | None] = dict(exact_cells)
    row_totals: dict[str, int | None] = dict(exact_rows)
    column_totals: dict[str, int | None] = dict(exact_columns)
    total: int | None = int(table.total or 0)
    if threshold <= 1:
        return Table(table.rows, table.columns, cells, row_totals, column_totals, total)
    for key in cells:
        if _primary(cells[key], threshold):
            cells[key] = None
    for r in row_totals:
        if _primary(row_totals[r], threshold):
            row_totals[r] = None
    for c in column_totals:
        if _primary(column_totals[c], threshold):
            column_totals[c] = None
    if _primary(total, threshold):
        total = None

    changed = True
    while changed:
        changed = False
        for r in table.rows:
            line = {c: cells[(r, c)] for c in table.columns}
            pick = _protect_line(
                line, {c: exact_cells[(r, c)] for c in table.columns}, row_totals[r]
            )
            if pick == TOTAL:
                row_totals[r], changed = None, True
            elif pick is not None:
                cells[(r, str(pick))], changed = None, True
        for c in table.columns:
            line = {r: cells[(r, c)] for r in table.rows}
            pick = _protect_line(
                line, {r: exact_cells[(r, c)] for r in table.rows}, column_totals[c]
            )
            if pick == TOTAL:
                column_totals[c], changed = None, True
            elif pick is not None:
                cells[(str(pick), c)], changed = None, True
        # The margins are lines too: row totals against the grand total, and column totals.
        for margins, exact in ((row_totals, exact_rows), (column_totals, exact_columns)):
            pick = _protect_line(dict(margins), exact, total)
            if pick == TOTAL:
                total, changed = None, True
            elif pick is not None:
                margins[str(pick)], changed = None, True
    return Table(table.rows, table.columns, cells, row_totals, column_totals, total)
