"""Dates of birth as sources really write them: swapped day and month, one wrong digit, two
digits typed in the wrong order, a year off by one, only a year (or 1 January of it), an
impossible date, or nothing. A date a generation away is kept apart: a parent and a child
often share a name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import Enum
from functools import lru_cache

from paccto.matching.text import fold


class DateAgreement(Enum):
    """How two dates of birth compare, from strongest to weakest evidence (``date_agreement``
    takes the first of two readings by this order). SAME_YEAR and NEAR_YEAR also compare 1
    January with another day: registers write it when they know only the year."""

    EXACT = "exact"
    SWAPPED = "day and month swapped"
    ONE_DIGIT = "one digit differs"
    TRANSPOSED = "two digits typed in the wrong order"
    SAME_MONTH = "same year and month, day unknown"
    YEAR_OFF_BY_ONE = "year off by one, day and month equal"
    SAME_YEAR = "same year, day or month unknown"
    NEAR_YEAR = "years one apart, day or month unknown"
    TWO_DIGITS = "two digits differ"
    SWAPPED_AND_ONE = "day and month swapped, and one more digit or the year off by one"
    MISSING = "missing on one side"
    DIFFERENT = "different"
    GENERATION = "a generation apart"


GENERATION_YEARS = 14  # a parent is rarely less than this much older than a child


DateParts = tuple[int, int | None, int | None]


def date_numbers(value: str) -> DateParts | None:
    """(year, month, day) of an ISO date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``), None for
    what is not one or is written for none (``NO_DATE``). A month or day of 00 is unknown,
    as registers write it (1980-00-00 is a year, 1980-07-00 a year and month); impossible
    months and days (34) are kept."""
    parts = _numbers(value)
    return None if parts in NO_DATE else parts


def _numbers(value: str) -> DateParts | None:
    """``date_numbers`` of any date, those written for none too."""
    pieces = value.strip().split("-")
    try:
        numbers = [int(p) for p in pieces if p]
    except ValueError:
        return None
    if not numbers or not 1800 <= numbers[0] <= 2200:
        return None
    month = numbers[1] if len(numbers) > 1 and numbers[1] != 0 else None
    day = numbers[2] if month is not None and len(numbers) > 2 and numbers[2] != 0 else None
    return numbers[0], month, day


# What databases and clerks write where the date is not known, shared by strangers: the
# zero dates of spreadsheets and database servers (1899-12-30, 1900-01-01), 1800-01-01,
# 1901-01-01, the year 1900 alone. Read as no date (nobody in the records was born then).
NO_DATE: frozenset[tuple[int, int | None, int | None]] = frozenset(
    {(1899, 12, 30), (1899, 12, 31), (1900, 1, 1), (1900, None, None), (1800, 1, 1), (1901, 1, 1)}
)


@lru_cache(maxsize=65536)
def _parts(value: str) -> DateParts | None:
    parts = date_numbers(value)
    if parts is None or any(n is not None and n > 99 for n in parts[1:]):
        return None  # not a month or a day, even mistyped: the date cannot be read
    return parts


# What parts of a date are written apart with: - / or . (a space after them allowed), or
# spaces alone (15 07 1980).
_PIECES = re.compile(r"\s*[-/.]\s*|\s+")
# A time of day with AM or PM after a date, as spreadsheets set up for the United States
# export it.
_CLOCK = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?\s*[AaPp]\.?\s*[Mm]\.?\s*$")

# Month names and their abbreviations in the six languages (folded: no accents, lower case),
# as registers and database exports write dates of birth (15-JUL-1980, 15 de julio de 1980,
# 1er juillet 1980, 15 maart 1980, July 15, 1980).
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "enero ene january jan janeiro janvier janv gennaio gen januari",
            "febrero feb february fevereiro fev fevrier fevr febbraio februari",
            "marzo mar march marco mars maart mrt",
            "abril abr april apr avril avr aprile",
            "mayo may maio mai maggio mag mei",
            "junio jun june junho juin giugno giu juni",
            "julio jul july julho juillet juil luglio lug juli",
            "agosto ago august aug aout augustus",
            "septiembre setiembre sep sept set september setembro septembre settembre",
            "octubre oct october outubro out octobre ottobre ott oktober okt",
            "noviembre nov november novembro novembre",
            "diciembre dic december dec dezembro dez decembre dicembre",
        ),
        start=1,
    )
    for name in names.split()
}
_ORDINAL_SUFFIXES = ("er", "o", "a", "st", "nd", "rd", "th", "e")
# Months in Roman numerals, between the day and the year (14/III/1980, 14.XII.1980), as
# Italian, Portuguese and older Spanish registers write them.
ROMAN_MONTHS = {
    roman: number
    for number, roman in enumerate(
        ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"), start=1
    )
}
# Words around a written date that say nothing of it: prepositions and articles (15 de
# julio de 1980, le 15 juillet 1980) and the weekdays of spreadsheets' long dates (viernes,
# 14 de marzo de 1980; sexta-feira, 14 de março de 1980), in the six languages.
_FILLERS = frozenset(
    word
    for words in (
        "de del of el le il the",
        "lunes martes miercoles jueves viernes sabado domingo",
        "segunda terca quarta quinta sexta feira",
        "lundi mardi mercredi jeudi vendredi samedi dimanche",
        "lunedi martedi mercoledi giovedi venerdi sabato domenica",
        "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
        "monday tuesday wednesday thursday friday saturday sunday",
    )
    for word in words.split()
)
# A day, a month's name and a year run together (14MAR1980, 14MAR80), as travel records
# and older systems write them.
_RUN_TOGETHER = re.compile(r"(\d{1,2})([a-z]{3,})(\d{4}|\d{2})")


def two_digit_year(text: str) -> str:
    """A year written with two digits, as a date of birth: this century's unless that is
    still to come (15 is 2015, 40 is 1940)."""
    year = 2000 + int(text)
    return str(year if year <= date.today().year else year - 100)


def _day(text: str) -> str | None:
    """A day of the month written as a number, or an ordinal (1er, 1o, 1st), else None."""
    for suffix in _ORDINAL_SUFFIXES:
        if text.endswith(suffix) and text[: -len(suffix)].isdecimal():
            text = text[: -len(suffix)]
            break
    return text if text.isdecimal() and len(text) <= 2 and 1 <= int(text) <= 31 else None


def _with_month_name(text: str) -> str | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM``) of a date written with its month's name, in either
    order with the day (15 July 1980, July 15, 1980, 15-JUL-80); None otherwise."""
    words = [w for w in fold(text).split() if w not in _FILLERS]
    if len(words) == 1 and (run := _RUN_TOGETHER.fullmatch(words[0])) is not None:
        words = list(run.groups())
    months = [w for w in words if w in MONTHS]
    if not months and len(words) == 3 and words[1] in ROMAN_MONTHS:
        months = [words[1]]
    if len(months) != 1 or not 2 <= len(words) <= 3:
        return None
    month = MONTHS.get(months[0]) or ROMAN_MONTHS[months[0]]
    numbers = [w for w in words if w != months[0]]
    years = [w for w in numbers if w.isdecimal() and len(w) == 4]
    if len(numbers) == 1:  # a month and a year: July 1980
        return f"{years[0]}-{month:02d}" if years else None
    if years:
        other = numbers[1] if numbers[0] == years[0] else numbers[0]
        day = _day(other)
    elif words.index(months[0]) == 1:  # 15-JUL-80: the day, the month, a two-digit year
        day = _day(numbers[0])
        if not (numbers[1].isdecimal() and len(numbers[1]) == 2):
            return None
        years = [two_digit_year(numbers[1])]
    else:
        return None
    return f"{years[0]}-{month:02d}-{int(day):02d}" if day else None


def _compact(text: str) -> str:
    """Eight digits as a date with dashes: year first (19800715) unless that is no date and
    day first is (15071980, as the 38 countries write dates)."""
    year_first = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    day_first = f"{text[4:]}-{text[2:4]}-{text[:2]}"
    if not _readable(year_first) and _readable(day_first):
        return day_first
    return year_first


def _readable(text: str) -> bool:
    """Whether an ISO date has a year of 1800 to 2200, a month to 12 and a day to 31 (00
    unknown)."""
    parts = _numbers(text)
    return parts is not None and (parts[1] or 0) <= 12 and (parts[2] or 0) <= 31


# Spreadsheets keep dates as numbers of days since 1899-12-30 (29417 is 1980-07-15), and
# exports write the number when a column was not formatted as dates: five digits (10000 is
# 1927-05-18, 73050 is 2099-12-31), a time of day as a fraction. Not four: 1800 to 2200
# is a year, and the rest (1902 to 1927) more often a placeholder (9999) than a birth.
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_SERIALS = range(10000, 73051)


def _excel_serial(text: str) -> str | None:
    """``YYYY-MM-DD`` of a spreadsheet's day number (``EXCEL_SERIALS``), else None."""
    whole, _, fraction = text.partition(".")
    if not (len(whole) == 5 and whole.isdecimal() and (not fraction or fraction.isdecimal())):
        return None
    if int(whole) not in EXCEL_SERIALS:
        return None
    return date.fromordinal(EXCEL_EPOCH.toordinal() + int(whole)).isoformat()


@lru_cache(maxsize=65536)
def iso_date(value: str) -> str:
    """``_iso_date``, and "" for a date written for none (``NO_DATE``: 1900-01-01,
    01/01/1900, 30-DEC-1899), as for no date: such a record meets its namesakes as one
    without a date."""
    iso = _iso_date(value)
    return "" if _numbers(iso) in NO_DATE else iso


def _iso_date(value: str) -> str:
    """A date of birth as the engine reads it (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) from
    the ways files write it: ISO with - / or ., day first as the 38 countries write dates
    (15/07/1980, 15.07.1980, 15-07-1980, 07/1980), with a two-digit year (15/07/80),
    eight digits (19800715, or 15071980 where year first is no date), a spreadsheet's day
    number (29417, ``EXCEL_SERIALS``), the month's name in one of the six languages
    (15-JUL-1980, 15JUL1980, 15 de julio de 1980, July 15, 1980, a weekday before it) or in
    Roman numerals (15/VII/1980), parts apart by spaces (15 07 1980), with a time of day or
    a time zone after it; a month or day of 00 left out (1980-00-00 is 1980). Anything else
    is returned as it is (the comparison then finds no date in it)."""
    if (  # already so (most dates): no more work
        len(value) == 10
        and value[4] == value[7] == "-"
        and value[5:7] != "00" != value[8:]
        and (value[:4] + value[5:7] + value[8:]).isdecimal()
    ):
        return value
    text = value.strip()
    if len(text) > 10 and ((text[10] in "T -" and ":" in text[10:]) or text[10] in "+Z"):
        # a time of day exported with it (1980-07-15T00:00:00), or a time zone (Z, +01:00,
        # -03:00)
        text = text[:10].rstrip()
    elif " " in text and ":" in text.rsplit(" ", 1)[1]:
        text = text.rsplit(" ", 1)[0]  # and after other dates: 15-JUL-1980 00:00
    elif (clock := _CLOCK.search(text)) is not None:
        text = text[: clock.start()]  # with AM or PM: 7/15/1980 12:00:00 AM
    if len(text) == 8 and text.isdecimal():
        text = _compact(text)
    elif (serial := _excel_serial(text)) is not None:
        return serial
    pieces = _PIECES.split(text)
    if not all(p.isdecimal() for p in pieces) or len(pieces) > 3:
        return _with_month_name(text) or value
    if len(pieces) == 3 and len(pieces[0]) <= 2 and len(pieces[1]) <= 2 and len(pieces[2]) == 2:
        if not (_day(pieces[0]) and 1 <= int(pieces[1]) <= 12):
            return value
        pieces[2] = two_digit_year(pieces[2])  # day first, a two-digit year: 15/07/80
    if len(pieces) > 1 and len(pieces[-1]) == 4 and len(pieces[0]) <= 2:
        pieces.reverse()  # day first: 15/07/1980
    parts = _numbers("-".join(pieces)) if len(pieces[0]) == 4 else None
    if parts is None:
        return value
    year, month, day = parts
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


# Two numbers of one or two digits and a year, the way day-first and month-first files
# alike write dates (15/07/1980, 07/15/1980, 7.15.80, 07 15 1980), a time of day allowed
# after them.
_NUMERIC = re.compile(r"\s*(\d{1,2})([/. -])(\d{1,2})([/. -]\d{2}(?:\d{2})?(?:[ T].*)?)\s*")
MONTH_FIRST_SHARE = 5  # month-first dates needed for each day-first one (a typo's)


def month_first(values: Iterable[str]) -> bool:
    """Whether a file's dates (each distinct one once) put the month first, as spreadsheets
    set up for the United States export them (07/15/1980): some second numbers above 12,
    at least two, and ``MONTH_FIRST_SHARE`` of them for each first one (a day-first file
    has a first number above 12 in most of its dates: its typos do not turn it). A file
    whose numbers never pass 12 is read day first, as the 38 countries write dates."""
    firsts = seconds = 0
    for value in values:
        match = _NUMERIC.fullmatch(value)
        if match:
            first, second = int(match[1]), int(match[3])
            firsts += first > 12 >= second
            seconds += second > 12 >= first
    return seconds >= 2 and firsts * MONTH_FIRST_SHARE <= seconds


def day_first(value: str) -> str:
    """A month-first date (``month_first``) written day first (07/15/1980: 15/07/1980);
    anything else as it is, and a date whose first number is above 12 (a day: 25/12/1990,
    written day first in a month-first file)."""
    match = _NUMERIC.fullmatch(value)
    if not match or int(match[1]) > 12:
        return value
    return f"{match[3]}{match[2]}{match[1]}{match[4]}"


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


# Of two readings of a pair of dates, the one earlier in this order: the enum's, strongest
# evidence first (a test holds it in the order of compare.DATE_WEIGHTS). By the levels'
# values: an Enum member's hash is Python code, which compiled code calls as such.
_STRENGTH = {level.value: rank for rank, level in enumerate(DateAgreement)}


def _stronger(a: DateAgreement, b: DateAgreement) -> DateAgreement:
    """The stronger evidence of two levels (``_STRENGTH``), the first of two equal."""
    return a if _STRENGTH[a._value_] <= _STRENGTH[b._value_] else b


def year_placeholder(parts: DateParts) -> bool:
    """Whether a date is 1 January, that registers write for a year of birth alone
    (migrants' and refugees' registers, many police files: 1951-01-01 for born in 1951)."""
    return parts[1] == 1 and parts[2] == 1


def _as_year(parts: DateParts) -> DateParts:
    return (parts[0], None, None) if year_placeholder(parts) else parts


@lru_cache(maxsize=262144)
def date_agreement(a: str | None, b: str | None) -> DateAgreement:
    """Compare two ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``). Impossible dates
    (month 34) are kept: they are typing errors of a real date. 1 January is read both as
    written and as the year alone (``year_placeholder``), the stronger reading kept:
    1951-01-01 and 1951-10-21 are the same year, 1951-01-01 and 1951-01-02 a digit apart."""
    pa, pb = _parts(a or ""), _parts(b or "")
    if pa is None or pb is None:
        return DateAgreement.MISSING
    level = _agreement(pa, pb)
    if year_placeholder(pa) or year_placeholder(pb):  # both 1 January: EXACT stays first
        level = _stronger(level, _agreement(_as_year(pa), _as_year(pb)))
    return level


def _agreement(pa: DateParts, pb: DateParts) -> DateAgreement:
    """``date_agreement`` of two dates as written."""
    (ya, ma, da), (yb, mb, db) = pa, pb
    if None in (ma, da, mb, db):
        if ya == yb and ma is not None and ma == mb:  # 1980-07 (or 1980-07-00), 1980-07-15
            return DateAgreement.SAME_MONTH
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
    # A generation apart, but not with the same day and month (or them swapped): a parent
    # and a child born on the same day of the year are one pair in 365, two typing errors
    # in one person's year (1943 typed 1904) more likely.
    if abs(ya - yb) >= GENERATION_YEARS and (ma, da) not in ((mb, db), (db, mb)):
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
