"""Dates of birth as sources really write them: swapped day and month, one wrong digit,
a year off by one, only a year, or nothing."""

from __future__ import annotations

from enum import Enum


class DateAgreement(Enum):
    """How two dates of birth compare, from strongest to weakest evidence."""

    EXACT = "exact"
    SWAPPED = "day and month swapped"
    ONE_DIGIT = "one digit differs"
    YEAR_OFF_BY_ONE = "year off by one, day and month equal"
    SAME_YEAR = "same year, day or month unknown"
    MISSING = "missing on one side"
    DIFFERENT = "different"


def _parts(value: str) -> tuple[int, int | None, int | None] | None:
    pieces = value.strip().split("-")
    try:
        numbers = [int(p) for p in pieces if p]
    except ValueError:
        return None
    if not numbers or not 1800 <= numbers[0] <= 2200:
        return None
    year = numbers[0]
    month = numbers[1] if len(numbers) > 1 else None
    day = numbers[2] if len(numbers) > 2 else None
    return year, month, day


def date_agreement(a: str | None, b: str | None) -> DateAgreement:
    """Compare two ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""
    pa, pb = _parts(a or ""), _parts(b or "")
    if pa is None or pb is None:
        return DateAgreement.MISSING
    (ya, ma, da), (yb, mb, db) = pa, pb
    if None in (ma, da, mb, db):
        if ya == yb and (ma is None or mb is None or ma == mb):
            return DateAgreement.SAME_YEAR
        return DateAgreement.DIFFERENT
    if (ya, ma, da) == (yb, mb, db):
        return DateAgreement.EXACT
    if ya == yb and (ma, da) == (db, mb):
        return DateAgreement.SWAPPED
    sa, sb = f"{ya:04d}{ma:02d}{da:02d}", f"{yb:04d}{mb:02d}{db:02d}"
    if sum(x != y for x, y in zip(sa, sb, strict=True)) == 1:
        return DateAgreement.ONE_DIGIT
    if abs(ya - yb) == 1 and (ma, da) == (mb, db):
        return DateAgreement.YEAR_OFF_BY_ONE
    return DateAgreement.DIFFERENT
