"""Text and dates as sources really write them, as tables an analyst can read: (input,
expected, why). Invisible characters, UTF-8 read as cp1252, dates day first in eight digits
or as a spreadsheet's day number, and 1 January written for a year of birth alone."""

import itertools
import random
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from paccto.matching.compare import (
    DATE_WEIGHTS,
    PersonRecord,
    birth_date_feature,
    compare_persons,
    date_level,
)
from paccto.matching.dates import DateAgreement, date_agreement, iso_date
from paccto.matching.hitindex import HitIndex, _date_code, _date_weight, parse_date
from paccto.matching.prescore import Prepared, _date_weights, upper_bound
from paccto.matching.text import fold, tokens, unmangled

# -- invisible characters ------------------------------------------------------------------

INVISIBLE = [
    ("Te\u200bresa", "teresa", "zero-width space"),
    ("Te\u00adresa", "teresa", "soft hyphen"),
    ("\ufeffTeresa", "teresa", "byte order mark at the start of a file's first field"),
    ("Te\u200cre\u200dsa", "teresa", "zero-width non-joiner and joiner"),
    ("Te\u2060resa", "teresa", "word joiner"),
    ("\u200eTeresa Gómez\u200f", "teresa gomez", "direction marks"),
    ("Jose\u034f Luis", "jose luis", "combining grapheme joiner"),
    ("Ana\u00a0María", "ana maria", "a no-break space is still a space"),
]


@pytest.mark.parametrize(("text", "expected", "why"), INVISIBLE)
def test_invisible_characters_are_no_break_between_words(text, expected, why):
    assert fold(text) == expected, why


def test_every_format_character_is_removed():
    """Unicode category Cf, all of it as this Python knows it: none becomes a word break."""
    format_characters = [
        chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"
    ]
    assert len(format_characters) > 150
    kept = [hex(ord(ch)) for ch in format_characters if fold(f"Te{ch}resa") != "teresa"]
    assert not kept


# -- UTF-8 read as cp1252 or Latin-1 -------------------------------------------------------

MOJIBAKE = [
    ("HÃ©ctor", "hector", "é as cp1252 shows its two bytes"),
    ("JosÃ©", "jose", None),
    ("MuÃ±oz", "munoz", "ñ"),
    ("GonÃ§alves", "goncalves", "ç"),
    ("MartÃ\u00adnez", "martinez", "í: its second byte is the soft hyphen, not dropped first"),
    ("JOSÃ\u2030 MUÃ\u2018OZ", "jose munoz", "capitals: É and Ñ with cp1252's punctuation"),
    ("Ã\u0081lvaro", "alvaro", "Á: a byte cp1252 leaves undefined, read as Latin-1"),
    ("Ã\u008dÃ±igo", "inigo", "Latin-1 and cp1252 mixed in one word"),
    ("JosÃƒÂ©", "jose", "mangled twice"),
    ("Oâ€™Brien", "o brien", "a typographic apostrophe: three bytes"),
    ("JosÃ© Muñoz", "jose munoz", "half mangled: word by word"),
    # real names with Ã are not UTF-8 bytes: left as they are
    ("JOÃO", "joao", "Portuguese: Ã before a letter"),
    ("CONCEIÇÃO", "conceicao", None),
    ("SÃO PAULO", "sao paulo", None),
    ("João Gonçalves", "joao goncalves", "correct text"),
]


@pytest.mark.parametrize(("text", "expected", "why"), MOJIBAKE)
def test_utf8_read_as_cp1252_folds_as_written(text, expected, why):
    assert fold(text) == expected, why


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JOSÉ\u00a0LUIS", "jose luis"),
        ("ANDRÉ\u00a0SILVA", "andre silva"),
        ("ÓSCAR\u00a0RUIZ", "oscar ruiz"),
    ],
)
def test_capitals_before_a_no_break_space_are_no_mangled_text(text, expected):
    """É and a no-break space are the bytes of a Greek letter in UTF-8: not a repair."""
    assert fold(text) == expected


@pytest.mark.parametrize("name", ["JOÃO", "CONCEIÇÃO", "SÃO PAULO", "São Paulo", "Ãngela"])
def test_real_names_with_a_tilde_are_not_repaired(name):
    assert unmangled(name) == name
    with pytest.raises(UnicodeError):  # the guard: their bytes are not UTF-8
        name.encode("cp1252").decode("utf-8")


def test_unmangled_gives_the_text_as_written():
    assert unmangled("MuÃ±oz GonÃ§alves") == "Muñoz Gonçalves"
    assert unmangled("Oâ€™Brien") == "O\u2019Brien"
    assert unmangled("Ã\u0081lvaro") == "Álvaro"


def test_a_mangled_name_compares_as_the_name():
    written = PersonRecord(given_name="Héctor", surname="Muñoz", second_surname="Martínez")
    mangled = PersonRecord(given_name="HÃ©ctor", surname="MuÃ±oz", second_surname="MartÃ\xadnez")
    assert tokens(mangled.surname) == ["munoz"]
    assert (
        compare_persons(written, mangled).log2_odds == compare_persons(written, written).log2_odds
    )


# -- dates written in eight digits, and spreadsheets' day numbers --------------------------

ISO_DATES = [
    ("19800715", "1980-07-15", "year first, a date"),
    ("19101942", "1942-10-19", "year first no date (month 19): day first"),
    ("27092000", "2000-09-27", "year first no date (year 2709): day first"),
    ("01011980", "1980-01-01", None),
    ("20122012", "2012-12-20", "year first gives month 20"),
    ("19800000", "1980", "year first with 00: a year"),
    ("19803412", "1980-34-12", "neither reads: year first, the typing error kept"),
    ("12345678", "12345678", "no date either way"),
    ("29417", "1980-07-15", "a spreadsheet's day number"),
    ("29417.0", "1980-07-15", "with a time of day as a fraction"),
    ("10000", "1927-05-18", "the first five-digit day number"),
    ("73050", "2099-12-31", "the last one read"),
    ("73051", "73051", "past 2099: not a birth"),
    ("1980", "1980", "four digits from 1800 to 2200 are a year"),
    ("2200", "2200", None),
    ("9999", "9999", "other four digits are a placeholder more often than a birth"),
    ("1234", "1234", None),
    ("09999", "09999", "no spreadsheet writes a leading zero"),
    ("123456", "123456", "six digits: not a date"),
]


@pytest.mark.parametrize(("written", "iso", "why"), ISO_DATES)
def test_dates_in_digits_are_read_as_sources_write_them(written, iso, why):
    assert iso_date(written) == iso, why


WRITTEN_DATES = [
    ("14/III/1980", "1980-03-14", "a Roman month, as Italian and Portuguese registers write it"),
    ("14.XII.1980", "1980-12-14", None),
    ("14-iv-80", "1980-04-14", None),
    ("14MAR1980", "1980-03-14", "day, month and year run together, as travel records write"),
    ("14MAR80", "1980-03-14", None),
    ("14 03 1980", "1980-03-14", "numbers apart by spaces"),
    ("1980 03 14", "1980-03-14", None),
    ("14. 03. 1980", "1980-03-14", "a dot and a space"),
    ("1980-03-14+01:00", "1980-03-14", "a time zone after an ISO date"),
    ("1980-03-14Z", "1980-03-14", None),
    ("1980-03-14-03:00", "1980-03-14", "a time zone west of Greenwich, as the Americas'"),
    ("le 14 mars 1980", "1980-03-14", "an article before the day"),
    ("el 14 de marzo de 1980", "1980-03-14", None),
    ("viernes, 14 de marzo de 1980", "1980-03-14", "a spreadsheet's long date, with its weekday"),
    ("sexta-feira, 14 de março de 1980", "1980-03-14", None),
    ("Friday, March 14, 1980", "1980-03-14", None),
    ("vendredi 14 mars 1980", "1980-03-14", None),
    ("venerdì 14 marzo 1980", "1980-03-14", None),
    ("vrijdag 14 maart 1980", "1980-03-14", None),
    ("14 I 1980 II", "14 I 1980 II", "two months: not read"),
    ("1st March 1980", "1980-03-01", "an ordinal stays one"),
]


@pytest.mark.parametrize(("written", "iso", "why"), WRITTEN_DATES)
def test_dates_written_other_ways_are_read(written, iso, why):
    """Roman months, dates run together or apart by spaces, a time zone, an article or a
    weekday before the day: each read as the date (they compared as no date at all)."""
    assert iso_date(written) == iso, why


MONTH_FIRST = [
    (["03/14/1980", "12/31/1999", "01/02/1990"], True, "numbers above 12 second only"),
    (["3/14/80", "7.15.80", "12/31/1999 00:00"], True, "one-digit parts, two-digit years, a time"),
    (["03/14/1980", "14/03/1980"], False, "as many day first: the countries' way"),
    (["03/14/1980"], False, "one date is too few to turn a file"),
    (["01/02/1990", "05/06/1971"], False, "never above 12: day first"),
    (
        [f"{m:02}/{d}/1980" for m in range(1, 13) for d in range(13, 29)] + ["25/12/1980"],
        True,
        "a mistyped date does not turn a month-first file",
    ),
    (
        [f"{d}/{m:02}/1980" for m in range(1, 13) for d in range(13, 29)] + ["12/25/1980"],
        False,
        "nor a day-first one",
    ),
    (["1980-03-14", "1980/12/31", "19801231"], False, "year first is no day or month first"),
    (
        ["03/14/1980", "12/25/1974", "8/17/86", "11/21/1979", "10/28/1992", "30/6/1990"],
        True,
        "nor a date written day first among five",
    ),
    (["03/14/1980", "12/25/1974", "8/17/86", "30/6/1990"], False, "among three, it does"),
    (["03 14 1980", "12 31 1999"], True, "numbers apart by spaces"),
]


@pytest.mark.parametrize(("written", "expected", "why"), MONTH_FIRST)
def test_a_file_s_dates_say_whether_it_writes_the_month_first(written, expected, why):
    from paccto.matching.dates import month_first

    assert month_first(written) is expected, why


def test_a_month_first_date_is_read_day_first():
    from paccto.matching.dates import day_first

    assert iso_date(day_first("03 04 1980")) == "1980-03-04"  # apart by spaces: 4 March
    assert [iso_date(day_first(d)) for d in ("3/14/80", "12/31/1999 00:00", "7.15.1980")] == [
        "1980-03-14",
        "1999-12-31",
        "1980-07-15",
    ]
    # a time with AM or PM, as US-set spreadsheets export it; a first number above 12 is
    # a day (the date was written day first)
    assert iso_date(day_first("7/15/1980 12:00:00 AM")) == "1980-07-15"
    assert iso_date("15/07/1980 12:00 PM") == "1980-07-15"
    assert iso_date(day_first("7/15/1980  12:00 AM")) == "1980-07-15"  # two spaces
    assert day_first("25/12/1990") == "25/12/1990"
    assert day_first("1980-03-14") == "1980-03-14" and day_first("Jul 15, 1980") == "Jul 15, 1980"


# -- 1 January for a year of birth alone ---------------------------------------------------

PLACEHOLDERS = [
    ("1951-01-01", "1951-10-21", DateAgreement.SAME_YEAR, "registers write it for the year"),
    ("1951-01-01", "1952-10-21", DateAgreement.NEAR_YEAR, None),
    ("1951-01-01", "1950-07-15", DateAgreement.NEAR_YEAR, None),
    ("1951-01-01", "1951-01-01", DateAgreement.EXACT, "both 1 January: the same date"),
    ("1951-01-01", "1951-01-02", DateAgreement.ONE_DIGIT, "a digit apart beats the year"),
    ("1951-01-01", "1951-10-01", DateAgreement.TRANSPOSED, None),
    ("1951-01-01", "1952-01-01", DateAgreement.ONE_DIGIT, None),
    ("1959-01-01", "1960-01-01", DateAgreement.YEAR_OFF_BY_ONE, None),
    ("1951-01-01", "1953-01-01", DateAgreement.ONE_DIGIT, None),
    ("1951-01-01", "1955-07-15", DateAgreement.DIFFERENT, "another year"),
    ("1951-01-01", "1980-10-21", DateAgreement.GENERATION, None),
    ("1968-01-01", "1918-07-04", DateAgreement.GENERATION, None),
    ("1951-01-01", "1951-01", DateAgreement.SAME_MONTH, "a partial date: as written"),
    ("1951-01-01", "1951-10", DateAgreement.SAME_YEAR, "a partial date: the year alone"),
    ("1951-01-01", "1952-03-00", DateAgreement.NEAR_YEAR, None),
    ("1951-01-01", "1951", DateAgreement.SAME_YEAR, None),
    ("1951-01-01", "", DateAgreement.MISSING, None),
    ("1951-01-02", "1951-10-21", DateAgreement.DIFFERENT, "not 1 January: a wrong date"),
    ("1951-02-01", "1951-10-21", DateAgreement.DIFFERENT, None),
]


@pytest.mark.parametrize(("a", "b", "expected", "why"), PLACEHOLDERS)
def test_1_january_is_also_read_as_the_year_alone(a, b, expected, why):
    assert date_agreement(a, b) is expected, why
    assert date_agreement(b, a) is expected, why


@pytest.mark.parametrize("households", [True, False])
def test_the_order_of_date_levels_is_the_order_of_their_weights(households):
    """date_agreement keeps the first of two readings in the enum's order: the one that
    weighs more (MISSING aside: a date is never missing in one reading only)."""
    weights = [
        DATE_WEIGHTS[date_level(level, households)]
        for level in DateAgreement
        if level is not DateAgreement.MISSING
    ]
    assert weights == sorted(weights, reverse=True)


DATES = [
    "1985-03-12", "1985-03-21", "1985-12-03", "1985-03-13", "1986-03-12", "1985-30-12",
    "1985-03", "1985", "1986-03", "2003-12", "", "1965-12-03", "1943-03-12", "1985-10-10",
    "1985-01-01", "1986-01-01", "1984-01-01", "1985-01-02", "1985-10-01", "1985-01-10",
    "1985-01-11", "1985-11-01", "1984-12-31", "1985-01", "1986-01", "1970-01-01",
    "1999-01-01", "1965-01-02", "1935-01-01", "1985-01-00", "1985-00-00", "1971-02-01",
]  # fmt: skip


def _with_placeholders(records, rng):
    """A third of the records' dates written as 1 January of their year."""
    out = []
    for record in records:
        date = record.date_of_birth
        if len(date) == 10 and rng.random() < 0.33:
            record = PersonRecord(**{**vars(record), "date_of_birth": f"{date[:4]}-01-01"})
        out.append(record)
    return out


@pytest.mark.parametrize("households", [True, False])
def test_the_bound_never_undercuts_the_comparison_with_1_january(households):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import gen_persons

    left, right, _ = gen_persons.generate(seed=17, households=80, namesake_groups=10)
    fields = set(PersonRecord.__dataclass_fields__)
    rng = random.Random(3)
    left, right = (
        _with_placeholders(
            [PersonRecord(**{k: v for k, v in r.items() if k in fields}) for r in rows], rng
        )
        for rows in (left, right)
    )
    pairs = [(rng.randrange(len(left)), rng.randrange(len(right))) for _ in range(1500)]
    pairs += [(i, i) for i in range(min(len(left), len(right)))]
    ia = np.array([i for i, _ in pairs])
    ib = np.array([j for _, j in pairs])
    pa, pb = Prepared(left), Prepared(right)
    bound = upper_bound(pa, ia, pb, ib, households=households)
    exact = [compare_persons(left[i], right[j], households) for i, j in pairs]
    assert (bound >= np.array([c.log2_odds for c in exact]) - 1e-9).all()
    dates = _date_weights(pa, ia, pb, ib, households)
    assert dates.tolist() == [
        birth_date_feature(left[i], right[j], households).weight for i, j in pairs
    ]
    placeholder = sum(left[i].date_of_birth.endswith("-01-01") for i, _ in pairs)
    assert placeholder > 300, "the pairs hold 1 January"


def test_the_hit_proxy_weighs_1_january_as_the_comparison():
    """The proxy's date weight is the comparison's without households (a generation apart
    merely different), never below it; 1 January read as the year too."""
    for a, b in itertools.product(DATES, repeat=2):
        proxy = _date_weight(_date_code(parse_date(a)), _date_code(parse_date(b)))
        level = date_agreement(a, b)
        assert proxy >= DATE_WEIGHTS[date_level(level, True)], (a, b)
        if level is not DateAgreement.GENERATION:
            assert proxy == DATE_WEIGHTS[level], (a, b)
        if "-01-01" in a + b and abs(int(a[:4] or 0) - int(b[:4] or 0)) < 14:
            assert proxy == DATE_WEIGHTS[date_level(level, False)], (a, b)


def test_a_given_name_a_scanner_misread_finds_the_person():
    """Liam Walsh's passport scanned as Liarn: the hit index's proxy takes the misreading
    as the comparison does, a typo, and the check finds him."""
    index = HitIndex()
    index.add_many(
        [
            PersonRecord("gb1", given_name="Liam", surname="Walsh", date_of_birth="1988-02-14"),
            PersonRecord("gb2", given_name="Lena", surname="Walsh", date_of_birth="1988-02-14"),
        ]
    )
    hits = index.search(
        PersonRecord(given_name="Liarn", surname="Walsh", date_of_birth="1988-02-14")
    )
    assert [h.record_id for h in hits] == ["gb1"]
    levels = {f.field: f.level for f in hits[0].comparison.features}
    assert levels["given name"] == "typo"


def test_a_year_written_as_1_january_finds_the_person():
    """Giuseppe Russo born 1958-10-05, in a register that knows only his year: 1958-01-01."""
    index = HitIndex()
    index.add_many(
        [
            PersonRecord("it1", given_name="Giuseppe", surname="Russo", date_of_birth="1958-10-05"),
            PersonRecord("it2", given_name="Giuseppe", surname="Russo", date_of_birth="1961-01-01"),
        ]
    )
    hits = index.search(
        PersonRecord(given_name="Giuseppe", surname="Russo", date_of_birth="1958-01-01")
    )
    assert hits and hits[0].record_id == "it1"
    levels = {f.field: f.level for f in hits[0].comparison.features}
    assert levels["date of birth"] == "same_year"
    hits = index.search(
        PersonRecord(given_name="Giuseppe", surname="Russo", date_of_birth="1960-05-17")
    )
    assert hits and hits[0].record_id == "it2"
    levels = {f.field: f.level for f in hits[0].comparison.features}
    assert levels["date of birth"] == "near_year"
