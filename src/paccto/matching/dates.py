"""Dates of birth as sources really write them: swapped day and month, one wrong digit, two
digits typed in the wrong order, a year off by one, only a year, an impossible date, or
nothing. A date a generation away is kept apart: a parent and a child often share a name."""

from __future__ import annotations

from enum import Enum
from functools import lru_cache


class DateAgreement(Enum):
    """How two dates of birth compare, from strongest to weakest evidence."""

    EXACT = "exact"
    SWAPPED = "day and month swapped"
    ONE_DIGIT = "one digit differs"
    TRANSPOSED = "two digits typed in the wrong order"
    YEAR_OFF_BY_ONE = "year off by one, day and month equal"
    SAME_YEAR = "same year, day or month unknown"
    NEAR_YEAR = "years one apart, day or month unknown"
    TWO_DIGITS = "two digits differ"
    SWAPPED_AND_ONE = "day and month swapped, and one more digit or the year off by one"
    MISSING = "missing on one side"
    DIFFERENT = "different"
    GENERATION = "a generation apart"


GENERATION_YEARS = 14  # a parent is rarely less than this much older than a child


@lru_cache(maxsize=65536)
def _parts(value: str) -> tuple[int, int | None, int | None] | None:
    pieces = value.strip().split("-")
    try:
        numbers = [int(p) for p in pieces if p]
    except ValueError:
        return None
    if not numbers or not 1800 <= numbers[0] <= 2200:
        return None
    if any(n > 99 for n in numbers[1:]):
        return None  # not a month or a day, even mistyped: the date cannot be read
    year = numbers[0]
    month = numbers[1] if len(numbers) > 1 else None
    day = numbers[2] if len(numbers) > 2 else None
    return year, month, day


def _digits_apart(sa: str, sb: str) -> tuple[int, bool]:
    """How many digits differ, and whether they are two neighbours swapped."""
    diff = [i for i in range(len(sa)) if sa[i] != sb[i]]
    swapped = (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and sa[diff[0]] == sb[diff[1]]
        and sa[diff[1]] == sb[diff[0]]
    )
    return len(diff), swapped


@lru_cache(maxsize=262144)
def date_agreement(a: str | None, b: str | None) -> DateAgreement:
    """Compare two ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``). Impossible dates
    (month 34) are kept: they are typing errors of a real date."""
    pa, pb = _parts(a or ""), _parts(b or "")
    if pa is None or pb is None:
        return DateAgreement.MISSING
    (ya, ma, da), (yb, mb, db) = pa, pb
    if None in (ma, da, mb, db):
        if ya == yb and (ma is None or mb is None or ma == mb):
            return DateAgreement.SAME_YEAR
        if abs(ya - yb) == 1 and (ma is None or mb is None or ma == mb):
            return DateAgreement.NEAR_YEAR  # as likely for one person as for two
        if abs(ya - yb) >= GENERATION_YEARS:
            return DateAgreement.GENERATION
        return DateAgreement.DIFFERENT
    if (ya, ma, da) == (yb, mb, db):
        return DateAgreement.EXACT
    if ya == yb and (ma, da) == (db, mb):
        return DateAgreement.SWAPPED
    sa, sb = f"{ya:04d}{ma:02d}{da:02d}", f"{yb:04d}{mb:02d}{db:02d}"
    count, swapped = _digits_apart(sa, sb)
    if count == 1:  # even in the decade: 1968 typed 1918
        return DateAgreement.ONE_DIGIT
    if swapped:
        return DateAgreement.TRANSPOSED
    if abs(ya - yb) >= GENERATION_YEARS:
        return DateAgreement.GENERATION
    if abs(ya - yb) == 1 and (ma, da) == (mb, db):
        return DateAgreement.YEAR_OFF_BY_ONE
    if (ma, da) != (mb, db):  # two errors: day and month swapped, and one more
        count_swapped, _ = _digits_apart(sa, f"{yb:04d}{db:02d}{mb:02d}")
        if count_swapped == 1 or (abs(ya - yb) == 1 and (ma, da) == (db, mb)):
            return DateAgreement.SWAPPED_AND_ONE
    if count == 2:
        return DateAgreement.TWO_DIGITS
    return DateAgreement.DIFFERENT
