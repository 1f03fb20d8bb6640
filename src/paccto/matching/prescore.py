"""Every record's comparable parts computed once, as numpy arrays, and a vectorised upper
bound of the log-odds ``compare_persons`` gives a pair.

``compare_persons`` explains itself and costs tens of microseconds a pair; blocking brings
millions of candidate pairs on large files, nearly all of them far from a match. The bound
here takes a few array operations a pair. It is exact for the fields that compare by
equality or by counting characters (dates, documents, postcodes, phones, emails, sex,
nationality, generation marks) and takes, for the others, the best level the pair could
still reach: names by phonetic and short-form codes, then, for names that share no code,
by the same Jaro-Winkler and edit-distance tests as the comparison (rapidfuzz, in C) and
the same letters written as one word ("joined"), and,
for names that share one, whether one of two surnames or the second of two given names
differs (relatives: ``_one_differs``, ``_second_differs``); addresses and cities by their
codes. The family correction only ever subtracts: it is applied where the given names
certainly differ, left out elsewhere. A pair whose bound cannot reach the threshold
cannot be a link: only the others are compared in full (see ``xref._compare``);
``tests/test_matching_xref.py`` checks the bound against ``compare_persons`` on random and
blocked pairs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence, Sized
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import Any

import numpy as np
import numpy.typing as npt
from mypy_extensions import mypyc_attr
from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler

from paccto.matching.blocking import (
    INITIALS,
    BlockParts,
    SoundLetter,
    _given_initials,
    name_block_parts,
    word_parts,
)
from paccto.matching.compare import (
    ADDRESS_COUNTED,
    CITY_WEIGHTS,
    CUT,
    DATE_WEIGHTS,
    DOCUMENT_WEIGHTS,
    EMAIL_WEIGHTS,
    FAMILY_DATE_CAP,
    GENERATION_WEIGHTS,
    GIVEN_WEIGHTS,
    NATIONALITY_WEIGHTS,
    PHONE_WEIGHTS,
    PLACE_FLOOR,
    POSTCODE_WEIGHTS,
    PRIOR_LOG2_ODDS,
    SEX_WEIGHTS,
    SPELT_ALIKE,
    SURNAME_WEIGHTS,
    SWAPPED_ORDER_WEIGHT,
    PersonRecord,
    _code_key,
    _forms,
    address_weights,
    date_level,
    given_culture,
    mailbox,
    misread,
    nationality_code,
    sex_code,
    spelt_alike,
    surname_initial,
)
from paccto.matching.dates import DateAgreement, _parts
from paccto.matching.documents import bare_number, document_key, national_scheme
from paccto.matching.names import (
    CHINESE_SURNAMES,
    DOUBLE_PART,
    PINYIN_SYLLABLES,
    SURNAME_MARKS,
    PersonName,
    cedilla_sound,
    fields_joined,
    given_field_words,
    given_name_forms,
    given_particle_joined,
    glued_surnames,
    has_double_name,
    married_fields_split,
    particle_rests,
    person_name_readings,
    phonetic,
    surname_field_words,
    whole_name_in_given,
)
from paccto.matching.text import address_words, fold, phone_digits, tokens

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Texts = npt.NDArray[Any]  # of str

NAME_CODES = 8  # phonetic codes kept per record and kind; more makes the name bound open
SECOND_FORMS = 5  # the forms of a second given name kept (``given_name_forms`` gives no more)
REST_CODES = 8  # ``particle_rests`` kept per word (a word has one or two)
READINGS = 4  # name readings kept per record; more makes the name bound open
DOCUMENT_WIDTH = 24
POSTCODE_WIDTH = 12
PHONE_WIDTH = 8
DATE_LEVELS = list(DateAgreement)
# Per level, its weight with households and without (``date_level``).
DATE_WEIGHT_ARRAYS = {
    households: np.array([DATE_WEIGHTS[date_level(level, households)] for level in DATE_LEVELS])
    for households in (True, False)
}
CODE_MASK = (1 << 59) - 1  # bits 59 to 62 are left for the kinds of blocks (see xref)


def code(text: str) -> int:
    """A non-zero 59-bit code of a text (0 means none). Codes are equal for equal texts in
    one process and its forked workers; a rare collision only loosens the bound."""
    return (hash(text) & CODE_MASK) | 1


def mix(a: Ints, b: Ints, salt: int) -> Ints:
    """A non-zero code (``CODE_MASK``) of two codes (and a salt telling kinds of keys apart), for
    whole arrays; 0 where either is 0."""
    with np.errstate(over="ignore"):
        h = a.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        h ^= b.astype(np.uint64) + np.uint64(salt)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(31)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(29)
    out = (h & np.uint64(CODE_MASK)).astype(np.int64) | 1
    return np.where((a != 0) & (b != 0), out, 0)


SOUND_LETTER_SALT = 6  # tells the keys of the name alone apart (see ``xref._key_codes``)


def sound_letter_code(sounds: Ints, letters: Ints) -> Ints:
    """The codes of keys of the name alone (``blocking.name_block_parts``), of the codes of
    their sounds and letters."""
    return mix(sounds, letters, SOUND_LETTER_SALT)


def _chars(values: list[str], width: int) -> npt.NDArray[np.uint8]:
    """ASCII texts as a (n, width) byte matrix, zero padded."""
    out = np.zeros((len(values), width), dtype=np.uint8)
    if values:
        joined = b"".join(v.encode("ascii", "replace")[:width].ljust(width, b"\0") for v in values)
        out[:] = np.frombuffer(joined, dtype=np.uint8).reshape(len(values), width)
    return out


def codes(texts: Sequence[str], none_for_empty: bool = False) -> Ints:
    """``code`` of many texts at once (with ``none_for_empty``, 0 for the empty ones)."""
    n = len(texts)
    out = (np.fromiter(map(hash, texts), dtype=np.int64, count=n) & CODE_MASK) | 1
    if none_for_empty:
        out[~np.fromiter(map(bool, texts), dtype=bool, count=n)] = 0
    return out


def _lengths(items: Sequence[Sized] | npt.NDArray[Any]) -> Ints:
    """The length of each text (or row)."""
    return np.fromiter(map(len, items), dtype=np.int64, count=len(items))


def _rows(rows: Sequence[Sequence[Any]], width: int, convert: Callable[[list[Any]], Ints]) -> Ints:
    """Rows of values, converted all at once, zero padded to the longest row's length (at
    most ``width``, at least 1)."""
    lengths = _lengths(rows)
    used = max(1, min(width, int(lengths.max(initial=1))))
    if (lengths > used).any():
        flat = [value for row in rows for value in row[:used]]
    else:
        flat = list(chain.from_iterable(rows))
    out = np.zeros((len(rows), used), dtype=np.int64)
    out[np.arange(used) < np.minimum(lengths, used)[:, None]] = convert(flat)
    return out


def padded(rows: Sequence[Sequence[int]], width: int) -> Ints:
    """Rows of codes, zero padded, as wide as the longest row (at most ``width``)."""
    return _rows(rows, width, lambda flat: np.array(flat, dtype=np.int64))


def code_rows(rows: Sequence[Sequence[str]], width: int, none_for_empty: bool = False) -> Ints:
    """Rows of texts as ``padded`` rows of their codes (``codes``)."""
    return _rows(rows, width, lambda flat: codes(flat, none_for_empty))


def _object_rows(rows: list[list[str]]) -> npt.NDArray[Any]:
    """Rows of texts as a (n, READINGS) array, empty texts as padding."""
    out = np.full((len(rows), READINGS), "", dtype=object)
    if rows:
        out[:, 0] = [row[0] if row else "" for row in rows]  # most names are read one way
    for i in np.flatnonzero(_lengths(rows) > 1):
        for k, value in enumerate(rows[i][1:READINGS], start=1):
            out[i, k] = value
    return out


def factorize(values: Sequence[Hashable]) -> tuple[list[Any], Ints]:
    """The distinct values in first-seen order, and each value's index among them."""
    ids: dict[Hashable, int] = {}
    index = np.fromiter(
        (ids.setdefault(v, len(ids)) for v in values), dtype=np.int64, count=len(values)
    )
    return list(ids), index


def _chinese_surname_in(text: str) -> bool:
    return bool(text) and not CHINESE_SURNAMES.isdisjoint(tokens(text))


def _column(
    records: Sequence[PersonRecord], field: str, compute: Callable[[str], Any]
) -> tuple[list[Any], Ints]:
    """``compute`` of a field's distinct values (texts repeat a lot: dates, addresses,
    cities, names), and each record's index among them."""
    distinct, index = factorize(list(map(attrgetter(field), records)))
    return [compute(v) for v in distinct], index


@dataclass
class _Name:
    """The name parts the bound needs, of one distinct name (``_read_columns``; texts that
    it turns into codes all at once)."""

    surnames: list[str]
    given: list[str]
    surname_forms: list[str]
    surname_rests: list[str]
    given_rests: list[str]
    joined_given: list[str]
    joined_given_sound: list[str]
    open: bool
    no_given: bool
    no_surname: bool
    first: str
    last: str
    joined_surnames: list[str]
    glued_surnames: list[str]  # of the readings with particles (``names.glued_surnames``)
    first_surnames: list[str]
    last_given: list[str]
    generation: int
    block_parts: BlockParts
    two_surnames: bool  # one reading, with two surnames
    second: str  # the second of exactly two given names of a name read one way, or ""


# What the block keys (``xref._key_codes``) reuse of a table's work, per distinct value
# and each record's index among them: the names' block parts, the document numbers'
# ``document_key``, the phones' digits (``phone_digits``) and the addresses' block keys.
Distinct = tuple[list[str], Ints]
Ragged = tuple[Ints, Ints]  # each code's record and the codes
# The codes of the name's block keys by kind (``blocking.name_block_parts``): the sounds
# with the year, the keys of the name alone, the initials with the date, the sounds.
NameKeys = tuple[Ragged, Ragged, Ragged, Ragged, Ragged]
KeyParts = tuple[NameKeys, Distinct, Distinct, Distinct, Distinct]


def _name(fields: tuple[str, str, str, str]) -> _Name:
    return _any_readings(person_name_readings(*fields))


def _any_readings(readings: Sequence[PersonName]) -> _Name:
    """``_name`` of a name read any number of ways (the straightforward path: see
    ``_read_columns``)."""
    surnames = {phonetic(w) for r in readings for w in r.surnames}
    given = set().union(*(_forms(r.given) for r in readings)) if readings else set()
    surname_forms = set().union(*(_forms(r.surnames) for r in readings)) if readings else set()
    rests = {phonetic(x) for r in readings for w in r.surnames for x in particle_rests(w)}
    given_rests = {phonetic(x) for r in readings for w in r.given for x in particle_rests(w)}
    givens = [r.given[0] for r in readings if r.given]
    lasts = [r.surnames[-1] for r in readings if r.surnames]
    mark = readings[0].generation if readings else ""
    return _Name(
        surnames=list(surnames),
        given=list(given),
        surname_forms=list(surname_forms),
        surname_rests=list(rests),
        given_rests=list(given_rests),
        joined_given=["".join(r.given) for r in readings if r.given],
        joined_given_sound=[s for r in readings if (s := _joined_pinyin_sound(r.given))],
        open=(
            not readings
            or len(readings) > READINGS
            or max(len(surnames), len(given), len(surname_forms), len(rests), len(given_rests))
            > NAME_CODES
            or len(set(givens)) > 1
            or len(set(lasts)) > 1
        ),
        no_given=any(not r.given for r in readings),
        no_surname=any(not r.surnames for r in readings),
        first=givens[0] if givens else "",
        last=lasts[0] if lasts else "",
        joined_surnames=["".join(r.surnames) for r in readings if r.surnames],
        glued_surnames=[g for r in readings if (g := glued_surnames(r.surnames, r.joined))],
        first_surnames=[r.surnames[0] for r in readings if r.surnames],
        last_given=[r.given[-1] for r in readings if r.given],
        generation=code(mark) if mark else 0,
        block_parts=name_block_parts(readings),
        two_surnames=len(readings) == 1 and len(readings[0].surnames) == 2,
        second=readings[0].given[1] if len(readings) == 1 and len(readings[0].given) == 2 else "",
    )


def _date(value: str) -> tuple[int, int, int, int]:
    """Year, month, day (-1 when missing) and state: 0 missing, 1 full, 2 partial, 3 odd."""
    parts = _parts(value) if value else None
    if parts is None:
        return (0, 0, 0, 0)
    year, month, day = parts
    if month is None or day is None:
        return (year, -1 if month is None else month, -1 if day is None else day, 2)
    return (year, month, day, 1 if month <= 99 and day <= 99 else 3)


def address_block_key(words: Sequence[str]) -> str:
    """The block key of an address's folded words: the words sorted, without spaces (the
    same address with its lines in another order meets); none for short addresses."""
    block = "".join(sorted(words))
    return f"a:{block}" if len(block) >= 6 else ""


def _address(value: str) -> tuple[int, int, int, str]:
    """An address's codes: its folded words joined, the same sorted, its numbers sorted;
    and its ``address_block_key``."""
    words = address_words(value) if value else []
    if not words:
        return (0, 0, 0, "")
    numbers = sorted({w for w in words if w.isdigit()})
    return (
        code("".join(words)),
        code(" ".join(sorted(words))),
        code(" ".join(numbers)) if numbers else 0,
        address_block_key(words),
    )


def _nationality(value: str) -> int:
    return code(written) if (written := nationality_code(value)) else 0


def _email(value: str) -> tuple[int, int, int]:
    mail = mailbox(value)
    if not mail:
        return (0, 0, 0)
    local = mail.split("@", 1)[0]
    dotless = code(local.replace(".", ""))
    return (code(mail), dotless if len(local) >= 5 else 0, dotless)


def _date_nibbles(dates: Ints, swapped: bool = False) -> npt.NDArray[np.uint32]:
    """The digits of YYYYMMDD (YYYYDDMM when ``swapped``), four bits each, the first digit
    highest."""
    y, m, d = dates.T
    first, second = (d, m) if swapped else (m, d)
    digits = [y // 1000, y // 100 % 10, y // 10 % 10, y % 10]
    digits += [first // 10, first % 10, second // 10, second % 10]
    out = np.zeros(len(dates), dtype=np.uint32)
    for digit in digits:
        out = (out << np.uint32(4)) | (digit & 15).astype(np.uint32)
    return out


def _digits_differ(x: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """Of the exclusive or of two ``_date_nibbles``, the lowest bit of each digit that
    differs."""
    x = x | (x >> np.uint32(1))
    x = x | (x >> np.uint32(2))
    return x & np.uint32(0x11111111)


def _ints(values: list[Any], index: Ints, width: int = 0) -> Ints:
    """Per-distinct values (ints or tuples of ints) spread to the records."""
    table = np.array(values, dtype=np.int64)
    if width:
        table = table.reshape(len(values), width)
    return np.asarray(table[index])


def _texts(values: list[str], index: Ints, width: int) -> tuple[Words, Ints, Bools]:
    """Texts as ``_words`` of ``width`` bytes, their lengths and whether a text is longer
    than the width."""
    lengths = np.array([len(v) for v in values], dtype=np.int64)
    return _words(_chars(values, width), width)[index], lengths[index], (lengths > width)[index]


def _ragged(
    rows: Sequence[Sequence[Any]], index: Ints, convert: Callable[[list[Any]], Ints]
) -> Ragged:
    """The codes of the keys of each record's row (``index``: which of ``rows`` is its own;
    ``convert``: the codes of keys), flat: each code's record and the codes (no padding: a
    few names have many keys, most have few)."""
    return _ragged_of(convert(list(chain.from_iterable(rows))), _lengths(rows), index)


def _ragged_of(flat: Ints, lengths: Ints, index: Ints) -> Ragged:
    """``_ragged`` of the rows' codes laid end to end (``flat``) and the rows' lengths."""
    counts = lengths[index]
    owners = np.repeat(np.arange(len(index), dtype=np.int64), counts)
    return owners, flat[np.repeat((np.cumsum(lengths) - lengths)[index], counts) + within(counts)]


def within(counts: Ints) -> Ints:
    """For runs of these lengths laid end to end, each element's position in its run."""
    return np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)


def key_codes(texts: list[str]) -> Ints:
    """``codes`` of block keys: 0 (no key) for the empty texts."""
    return codes(texts, none_for_empty=True)


def _sound_letter_codes(pairs: list[SoundLetter]) -> Ints:
    return sound_letter_code(codes([p[0] for p in pairs]), codes([p[1] for p in pairs]))


def _integers(values: list[int]) -> Ints:
    return np.array(values, dtype=np.int64)


def name_keys(parts: Sequence[BlockParts], index: Ints) -> NameKeys:
    """The codes of names' block parts (``index``: which of ``parts`` is each record's)."""
    return (
        _ragged([p[0] for p in parts], index, key_codes),
        _ragged([p[1] for p in parts], index, _sound_letter_codes),
        _ragged([p[2] for p in parts], index, _integers),
        _ragged([p[3] for p in parts], index, key_codes),
        _ragged([p[4] for p in parts], index, _sound_letter_codes),
    )


Columns = dict[str, npt.NDArray[Any]]


def _name_columns(records: Sequence[PersonRecord]) -> tuple[Columns, NameKeys]:
    """Every record's name columns (the attributes of ``Prepared`` named as in ``_Name``)
    and the codes of its name's block keys, in arrays: names in separate fields (most) by
    distinct given-name field and distinct surname fields (``_fielded_columns``), names in
    one field by the given names and surnames of their readings (``_one_field_columns``);
    a file with both has its rows of each joined."""
    n = len(records)
    # Per record, 1: its name in fields; 2: cut short where a fixed width ran out (its codes
    # tell nothing of the words it begins, ``compare._cut_surname``: its bound left open).
    state = np.fromiter(
        (
            (1 if r.given_name or r.surname or r.second_surname else 0)
            | (2 if CUT in r.__dict__ else 0)
            for r in records
        ),
        dtype=np.int8,
        count=n,
    )
    columns, keys = _name_columns_read(records, (state & 1).astype(bool))
    if (state & 2).any():
        columns["open_names"] = columns["open_names"] | (state & 2).astype(bool)
    return columns, keys


def _name_columns_read(records: Sequence[PersonRecord], fielded: Bools) -> tuple[Columns, NameKeys]:
    """``_name_columns`` of the records, ``fielded`` those whose names are in fields."""
    n = len(records)
    # Names in fields with a married name read two ways: the one-field path takes them
    # (``_one_way``). Most surname fields are one word each, told apart at once.
    # So do names typed whole in the given-name field (``names.whole_name_in_given``).
    # And double given names written as one word (``names.has_double_name``), and given
    # names that begin with a particle (``names.given_particle_joined``: La Toya).
    several = [
        i
        for i, r in enumerate(records)
        if (r.surname and not r.surname.isalpha())
        or (r.second_surname and not r.second_surname.isalpha())
        or (r.given_name and not r.given_name.isalpha() and not r.surname)
        or (len(r.given_name) >= 2 * DOUBLE_PART and has_double_name(r.given_name))
        or (not r.given_name.isalpha() and given_particle_joined(r.given_name))
        or _may_end_in_surname_mark(r.second_surname or r.surname)
    ]
    for i in several:
        if not _one_way(records[i]):
            fielded[i] = False
    rows, others = np.flatnonzero(fielded), np.flatnonzero(~fielded)
    if len(rows) == 0 and n:
        return _one_field_columns(records)
    if len(others) == 0:  # (also an empty table)
        return _fielded_columns(records)
    parts = [
        (rows, _fielded_columns([records[i] for i in rows.tolist()])),
        (others, _one_field_columns([records[i] for i in others.tolist()])),
    ]
    columns: Columns = {}
    for name, first in parts[0][1][0].items():
        second = parts[1][1][0][name]
        if first.ndim == 2 and first.shape[1] != second.shape[1]:  # code rows: the wider
            width = max(first.shape[1], second.shape[1])
            first, second = (np.pad(a, ((0, 0), (0, width - a.shape[1]))) for a in (first, second))
        out = np.zeros((n, *first.shape[1:]), dtype=first.dtype)
        out[rows], out[others] = first, second
        columns[name] = out
    joined = tuple(
        (
            np.concatenate([where[part_keys[k][0]] for where, (_, part_keys) in parts]),
            np.concatenate([part_keys[k][1] for _, (_, part_keys) in parts]),
        )
        for k in range(5)
    )
    return columns, joined  # type: ignore[return-value]


_SURNAME_MARKS = tuple(SURNAME_MARKS.values())  # Neto, Sobrinho: ``_one_way``


def _may_end_in_surname_mark(field: str) -> bool:
    """Whether a surname field may end in a mark that is a surname too (``names.
    SURNAME_MARKS``; both end in o): the fold of its end, accents and full-width letters
    read as ``names`` reads them (Netô, NETO full-width), for the fields that do not end in another
    letter of the alphabet. More than those that do (Barneto): ``_one_way`` tells."""
    field = field.rstrip()
    end = field[-1:]
    if end.isascii() and end.isalpha() and end not in "oO":
        return False
    return fold(field[-16:]).endswith(_SURNAME_MARKS)


def _one_way(record: PersonRecord) -> bool:
    """Whether a name's fields read one way: all but those with a married name (Martin née
    Dupont: ``names.married_split``), those with the whole name in the given-name field
    (``names.whole_name_in_given``) and those with a double given name written as one word
    (``names.has_double_name``: Mariachiara) or a first particle (``names.
    given_particle_joined``: La Toya) or surnames ending in a mark that is a surname too
    (``names.SURNAME_MARKS``: Anjos Neto), which ``_one_field_columns`` reads."""
    pair = (record.surname, record.second_surname)
    if married_fields_split(*pair) is not None or has_double_name(record.given_name):
        return False
    surnames, mark = surname_field_words(*pair)
    if surnames and mark in SURNAME_MARKS:
        return False
    if given_particle_joined(record.given_name):
        return False
    return not whole_name_in_given(record.given_name, *pair)


def _name_key(record: PersonRecord) -> str | tuple[str, str, str, str]:
    """What ``_one_field_columns`` reads a name from: its one field, or its fields where
    they hold a married name."""
    if record.given_name or record.surname or record.second_surname:
        return (record.full_name, record.given_name, record.surname, record.second_surname)
    return record.full_name


def _fielded_columns(records: Sequence[PersonRecord]) -> tuple[Columns, NameKeys]:
    """``_name_columns`` of names in separate fields: what comes of the given names, of the
    surnames, and of both (``_any_readings``'s parts, ``name_block_parts``'s keys)."""
    givens, gi = factorize([r.given_name for r in records])
    pairs, si = factorize([(r.surname, r.second_surname) for r in records])
    given_words = [given_field_words(v) for v in givens]
    surname_words = [surname_field_words(a, b) for a, b in pairs]
    given, given_open, given_keys = _given_columns([w for w, _ in given_words])
    surnames, surname_open, surname_keys = _surname_columns([w for w, _ in surname_words])
    columns = {k: v[gi] for k, v in given.items()} | {k: v[si] for k, v in surnames.items()}
    columns["open_names"] = given_open[gi] | surname_open[si]
    given_mark = np.array([code(m) if m else 0 for _, m in given_words], dtype=np.int64)[gi]
    mark = np.array([code(m) if m else 0 for _, m in surname_words], dtype=np.int64)[si]
    columns["generation"] = np.where(mark != 0, mark, given_mark)  # the surnames' first
    glued = [
        glued_surnames(words, fields_joined(surname, second))
        for (surname, second), (words, _) in zip(pairs, surname_words, strict=True)
    ]
    columns["glued_surname_codes"] = code_rows([[g] if g else [] for g in glued], 1)[si]
    return columns, _fielded_keys(given_keys, gi, surname_keys, si)


def _given_columns(
    words: list[tuple[str, ...]],
) -> tuple[Columns, Bools, tuple[Ints, Ints, Ints, Ints]]:
    """Per distinct given-name field (its words): the given-name columns, whether they
    leave the bound open, and for the block keys the codes of the first given name's
    initials (zero padded), their characters, its sound and its sound as a key (0 for
    none). Each distinct word is worked out once (``_Words``)."""
    table = _Words(words)
    counted = table.counts
    given, given_open = table.distinct_rows(table.forms)
    rests, rests_open = table.distinct_rows(_rest_codes(table))
    first, last = table.ids[:, 0], table.last()
    second = np.where(counted == 2, table.ids[:, 1], 0)
    distinct = table.text[1:].tolist()
    phonetics = table.sound_text
    second_forms = code_rows([[], *(given_name_forms(x) for x in distinct)], SECOND_FORMS)
    firsts = set(first.tolist())  # the initials of first given names only
    initials = [(), *(_given_initials(x) if k in firsts else () for k, x in enumerate(distinct, 1))]
    joined = ["".join(w) for w in words]
    columns = {
        "given": given,
        "given_rests": rests,
        "joined_given": codes(joined, none_for_empty=True)[:, None],
        "joined_given_sound": _joined_given_sounds(words),
        "no_given": counted == 0,
        "first": np.append(table.text[first], ""),
        "first_len": table.length[first],
        "first_sound": np.append(np.where(first > 0, phonetics[first], phonetic("")), ""),
        "joined_given_text": _first_column(joined),
        "last_given": _first_column(table.text[last].tolist()),
        "second": np.append(table.text[second], ""),
        "second_sound": np.append(phonetics[second], ""),
        "second_forms": _trimmed(np.vstack([second_forms[second], second_forms[:1]])),
    }
    keys = (
        _trimmed(code_rows(initials, 64)[first]),
        _trimmed(padded([[ord(x) for x in row] for row in initials], 64)[first]),
        table.sound[first],
        table.sound_key[first],
    )
    return columns, given_open | rests_open, keys


def _joined_given_sounds(words: Sequence[tuple[str, ...]]) -> Ints:
    """Per given-name field (its words), the code of the sound of two pinyin syllables or
    more run together, as a form of one given name (``_forms``) is coded: for those that
    are one of the other record's given names (``compare.runs_together_in``: Yan Ping,
    Lucía Yanping); 0 for others."""
    return codes([_joined_pinyin_sound(w) for w in words], none_for_empty=True)[:, None]


def _joined_pinyin_sound(words: Sequence[str]) -> str:
    if len(words) < 2 or not all(w in PINYIN_SYLLABLES for w in words):
        return ""
    return phonetic("".join(words))


def _rest_codes(table: _Words) -> Ints:
    """Per distinct word of a ``_Words``, the codes of the sounds of what is left of it
    without particles joined to its front (``particle_rests``: Deluca, luca), for the names
    written joined in one record and apart in the other."""
    per_word = [[phonetic(x) for x in particle_rests(w)] for w in table.text[1:].tolist()]
    return code_rows([[], *per_word], REST_CODES)


def _surname_columns(
    words: list[tuple[str, ...]],
) -> tuple[Columns, Bools, SurnameKeys]:
    """Per distinct pair of surname fields (their words): the surname columns, whether they
    leave the bound open, and for the block keys whether there is a surname, the codes of
    every surname's sound as a key, and of the first two's: sound, sound as a key, first
    letter, initials' characters (two each) and how many initials. Each distinct word is
    worked out once (``_Words``); the rows are put together from it in arrays."""
    table = _Words(words)
    counted = table.counts
    sounds, sound_open = table.distinct_rows(table.sound[:, None])
    forms, forms_open = table.distinct_rows(table.forms)
    rests, rests_open = table.distinct_rows(_rest_codes(table))
    joined = ["".join(w) for w in words]
    last = table.last()
    columns = {
        "surnames": sounds,
        "surname_forms": forms,
        "surname_rests": rests,
        "no_surname": counted == 0,
        "last": np.append(table.text[last], ""),
        "last_len": table.length[last],
        "joined_surnames": _first_column(joined),
        "first_surnames": _first_column(table.text[table.ids[:, 0]].tolist()),
        "joined_surname_codes": codes(joined, none_for_empty=True)[:, None],
        "two_surnames": counted == 2,
    }
    two = table.ids[:, :2]
    every = table.sound_key[table.ids[:, : max(1, min(64, int(counted.max(initial=0))))]]
    keys = (
        counted > 0,
        every,
        table.sound[two],
        table.sound_key[two],
        table.initial[two],
        table.characters[two],
        table.initials[two],
    )
    return columns, sound_open | forms_open | rests_open, keys


class _Words:
    """The words of many rows (tuples of words), each distinct word worked out once:
    ``ids`` the rows as word numbers (0 past a row's end, 1... the distinct words), and per
    word number (0: no word) its text, length, sound (``phonetic``) and its code (``codes``,
    and as a key: 0 for an empty sound), first letter's code, its initials' characters and how many
    (``word_parts``), and the codes of its forms' sounds (``_forms``)."""

    def __init__(self, rows: Sequence[tuple[str, ...]]) -> None:
        self.counts = _lengths(rows)
        distinct, index = factorize(list(chain.from_iterable(rows)))
        width = max(2, int(self.counts.max(initial=0)))
        self.ids = np.zeros((len(rows), width), dtype=np.int64)
        self.ids[np.arange(width) < self.counts[:, None]] = index + 1
        texts = ["", *distinct]
        self.text = np.array(texts, dtype=object)
        self.length = _lengths(texts)
        parts = [word_parts(x) for x in distinct]
        sounds = ["", *(sound for sound, _ in parts)]
        self.sound_text = np.array(sounds, dtype=object)
        self.sound = codes(sounds)
        self.sound[0] = 0
        self.sound_key = codes(sounds, none_for_empty=True)
        self.initial = codes([x[:1] for x in texts])
        self.initial[0] = 0
        letters = [ord(x) if x else 0 for _, firsts in parts for x in (*firsts, "")[:2]]
        self.characters = np.zeros((len(texts), 2), dtype=np.int64)
        self.characters[1:] = np.array(letters, dtype=np.int64).reshape(-1, 2)
        self.initials = np.array([0, *(len(firsts) for _, firsts in parts)], dtype=np.int64)
        self.forms = code_rows([[], *(list(_forms((x,))) for x in distinct)], 64)

    def last(self) -> Ints:
        """Each row's last word's number (0 for an empty row)."""
        return self.ids[np.arange(len(self.ids)), np.maximum(self.counts - 1, 0)]

    def distinct_rows(self, per_word: Ints) -> tuple[Ints, Bools]:
        """The distinct non-zero codes of each row's words (``per_word``: a code row per word
        number), as ``code_rows`` makes rows of them; and where a row has more than
        ``NAME_CODES`` (its bound left open)."""
        rows = per_word[self.ids].reshape(len(self.ids), self.ids.shape[1] * per_word.shape[1])
        united, distinct = _distinct_codes(rows)
        return united, distinct > NAME_CODES


def _distinct_codes(rows: Ints) -> tuple[Ints, Ints]:
    """Each row's distinct non-zero codes, left-packed, as wide as ``code_rows`` makes rows
    (the most a row has, at least 1, at most ``NAME_CODES``); and how many each row has."""
    united = -np.sort(-rows, axis=1)  # zeros last
    united[:, 1:][united[:, 1:] == united[:, :-1]] = 0  # repeats
    united = -np.sort(-united, axis=1)
    distinct = (united != 0).sum(axis=1)
    width = max(1, min(NAME_CODES, int(distinct.max(initial=0))))
    return np.ascontiguousarray(united[:, :width]), distinct


def _first_column(values: list[str]) -> npt.NDArray[Any]:
    """``_object_rows`` of rows of one text (or none: "")."""
    out = np.full((len(values), READINGS), "", dtype=object)
    out[:, 0] = values
    return out


SurnameKeys = tuple[Bools, Ints, Ints, Ints, Ints, Ints, Ints]


def _fielded_keys(
    given: tuple[Ints, Ints, Ints, Ints],
    gi: Ints,
    surnames: SurnameKeys,
    si: Ints,
) -> NameKeys:
    """``name_block_parts``'s codes (``name_keys``) of names in separate fields, in arrays:
    the tables of ``_given_columns`` and ``_surname_columns`` and each record's rows in
    them. Zero codes (padding, empty sounds) are left out."""
    initials, characters, given_sound, given_key = (a[gi] for a in given)
    present, every, sound, sound_key, first, firsts, counts = surnames
    has_surname = present[si]
    every, sound, sound_key, first, firsts, counts = (
        a[si] for a in (every, sound, sound_key, first, firsts, counts)
    )
    n = len(gi)
    has_given = initials[:, 0] != 0  # every given name has an initial
    records = np.arange(n, dtype=np.int64)
    year = [np.where(has_given, 0, sound_key[:, k]) for k in range(2)]
    year.append(np.where(has_given & ~has_surname, given_key, 0))
    alone = [
        sound_letter_code(sound[:, k], initials[:, j])
        for k in range(2)
        for j in range(initials.shape[1])
    ]
    alone += [sound_letter_code(given_sound, first[:, k]) for k in range(2)]
    dated = []
    for k in range(2):
        for j in range(initials.shape[1]):
            for f in range(2):
                x, y = characters[:, j], firsts[:, k, f]
                pair = (np.minimum(x, y) << 21 | np.maximum(x, y)) + 1
                valid = (initials[:, j] != 0) & (counts[:, k] > f)
                dated.append(np.where(valid, pair, 0))
    sounds = [given_key] + [every[:, k] for k in range(every.shape[1])]

    def ragged(columns: list[Ints], owners: Ints = records) -> Ragged:
        flat = np.concatenate(columns)
        keep = np.flatnonzero(flat)
        return np.tile(owners, len(columns))[keep], flat[keep]

    # No given name: the surnames (with a sound) with every initial, for those records only.
    bare = np.repeat(np.flatnonzero(~has_given), len(INITIALS))
    letters = np.resize(codes(list(INITIALS)), len(bare))
    # (the sound's block key code: 0 for an empty sound, which gives no key)
    bare_keys = ragged([sound_letter_code(sound_key[bare, k], letters) for k in range(2)], bare)
    return ragged(year), ragged(alone), ragged(dated), ragged(sounds), bare_keys


def _one_field_columns(records: Sequence[PersonRecord]) -> tuple[Columns, NameKeys]:
    """``_name_columns`` of names in one field: each distinct name's readings (the ways it
    splits into given names and surnames, ``person_name_readings``) worked out as names in
    fields are, then joined per name as ``_any_readings`` joins them: the codes of every
    reading, the texts of each in order, the first reading's first given name and last
    surname."""
    names, index = factorize([_name_key(r) for r in records])
    readings = [
        person_name_readings(*v) if isinstance(v, tuple) else person_name_readings(v) for v in names
    ]
    counts = _lengths(readings)
    # A married name's readings (Marie Martin née Dupont: Martin, Dupont) end in different
    # surnames, and may be more than READINGS: the bound is left open, as ``_any_readings``
    # leaves it. Other names' readings are cut from their words (below).
    diverging = np.fromiter(
        (
            len(rs) > 1
            and (
                len(rs) > READINGS
                or len({r.given[0] for r in rs if r.given}) > 1
                or len({r.surnames[-1] for r in rs if r.surnames}) > 1
            )
            for rs in readings
        ),
        dtype=bool,
        count=len(readings),
    )
    flat = list(chain.from_iterable(readings))
    givens, gi = factorize([r.given for r in flat])
    pairs, si = factorize([r.surnames for r in flat])
    given, given_open, given_keys = _given_columns(givens)
    surname, surname_open, surname_keys = _surname_columns(pairs)
    spread = _Spread(counts)
    columns: Columns = {}
    for name, table, rows in (
        ("given", given, gi),
        ("given_rests", given, gi),
        ("surnames", surname, si),
        ("surname_forms", surname, si),
        ("surname_rests", surname, si),
    ):
        columns[name] = spread.union(table[name][rows])
    has_given, has_surname = ~given["no_given"][gi], ~surname["no_surname"][si]
    for name, table, rows, valid in (
        ("joined_given", given, gi, has_given),
        ("joined_surname_codes", surname, si, has_surname),
    ):
        columns[name] = spread.ordered(table[name][rows][:, 0], valid, READINGS, trim=True)
    sound = given["joined_given_sound"][gi][:, 0]  # (0 for readings of one given name)
    columns["joined_given_sound"] = spread.ordered(sound, sound != 0, READINGS, trim=True)
    glued = codes([glued_surnames(r.surnames, r.joined) for r in flat], none_for_empty=True)
    columns["glued_surname_codes"] = spread.ordered(glued, glued != 0, READINGS, trim=True)
    for name, table, rows, valid in (
        ("joined_given_text", given, gi, has_given),
        ("last_given", given, gi, has_given),
        ("joined_surnames", surname, si, has_surname),
        ("first_surnames", surname, si, has_surname),
    ):
        columns[name] = spread.ordered(table[name][rows][:, 0], valid, READINGS)
    for name, table, rows, valid in (
        ("first", given, gi, has_given),
        ("first_len", given, gi, has_given),
        ("first_sound", given, gi, has_given),
        ("last", surname, si, has_surname),
        ("last_len", surname, si, has_surname),
    ):
        columns[name] = spread.ordered(table[name][rows], valid, 1)[:, 0]
    # Open where a reading has too many codes. A name's readings are cut from its words, so
    # their given names (and their surnames) are nested: a name has more distinct codes
    # than NAME_CODES only where a reading has. They agree on the first and last words and
    # are at most READINGS: _any_readings' other reasons to leave a name open do not arise.
    columns["open_names"] = spread.any(given_open[gi] | surname_open[si]) | diverging
    columns["no_given"] = spread.any(~has_given)
    columns["no_surname"] = spread.any(~has_surname)
    marks = [r[0].generation for r in readings]
    columns["generation"] = np.array([code(m) if m else 0 for m in marks], dtype=np.int64)
    single = counts == 1
    first_reading = np.cumsum(counts) - counts  # where each name's readings begin
    columns["two_surnames"] = single & surname["two_surnames"][si[first_reading]]
    for name in ("second", "second_sound"):
        columns[name] = np.where(single, given[name][gi[first_reading]], "").astype(object)
    second_forms = np.where(single[:, None], given["second_forms"][gi[first_reading]], 0)
    columns["second_forms"] = _trimmed(second_forms)
    keys = _fielded_keys(given_keys, gi, surname_keys, si)  # per reading: per name, then record
    owner = np.repeat(np.arange(len(names), dtype=np.int64), counts)
    name_level = [(owner[k[0]], k[1]) for k in keys]
    record_keys = tuple(_by_record(k, index, len(names)) for k in name_level)
    return {k: v[index] for k, v in columns.items()}, record_keys  # type: ignore[return-value]


class _Spread:
    """Values per reading laid out per name (a row per name, its readings in order)."""

    def __init__(self, counts: Ints) -> None:
        self.n = len(counts)
        self.width = max(1, int(counts.max(initial=1)))
        self.owner = np.repeat(np.arange(self.n, dtype=np.int64), counts)
        self.position = within(counts)

    def matrix(self, values: npt.NDArray[Any], fill: Any) -> npt.NDArray[Any]:
        """(names, readings, ...) of per-reading ``values``, ``fill`` where a name has fewer."""
        out = np.full((self.n, self.width, *values.shape[1:]), fill, dtype=values.dtype)
        out[self.owner, self.position] = values
        return out

    def any(self, flags: Bools) -> Bools:
        return np.asarray(self.matrix(flags, False).any(axis=1), dtype=bool)

    def union(self, rows: Ints) -> Ints:
        """Each name's distinct codes of its readings' code rows, as code rows (``code_rows``
        widths)."""
        return _distinct_codes(self.matrix(rows, 0).reshape(self.n, -1))[0]

    def ordered(
        self, values: npt.NDArray[Any], valid: Bools, width: int, trim: bool = False
    ) -> npt.NDArray[Any]:
        """The ``valid`` values of each name's readings, in order, padded (zeros or empty
        texts) to ``width``; ``trim``: only as wide as the longest (``code_rows``)."""
        fill = "" if values.dtype == object else 0
        matrix = self.matrix(values, fill)
        keep = self.matrix(valid, False)
        order = np.argsort(~keep, axis=1, kind="stable")
        matrix = np.take_along_axis(matrix, order, axis=1)
        matrix[~np.take_along_axis(keep, order, axis=1)] = fill
        if matrix.shape[1] < width:
            matrix = np.pad(matrix, ((0, 0), (0, width - matrix.shape[1])), constant_values=fill)
        matrix = matrix[:, :width]
        return _trimmed(matrix) if trim else matrix


def _trimmed(rows: Ints) -> Ints:
    """Left-packed code rows as wide as the longest (at least 1), as ``code_rows`` makes them."""
    return rows[:, : max(1, int((rows != 0).sum(axis=1).max(initial=0)))]


def _by_record(keys: Ragged, index: Ints, names: int) -> Ragged:
    """Codes per name (each code's name, the codes) as codes per record (``index``: each
    record's name)."""
    order = np.argsort(keys[0], kind="stable")
    counts = np.bincount(keys[0], minlength=names)
    return _ragged_of(keys[1][order], counts, index)


def _read_columns(records: Sequence[PersonRecord]) -> tuple[Columns, NameKeys]:
    """``_name_columns`` by distinct name (``_name``), any name in fields or in one: the
    straightforward path, slower, which the array paths are held to (in the tests)."""
    keys = [(r.full_name, r.given_name, r.surname, r.second_surname) for r in records]
    distinct, index = factorize(keys)
    names = [_name(key) for key in distinct]
    seconds = [x.second for x in names] + [""]
    joined = [x.joined_surnames for x in names]
    c = {
        "surnames": code_rows([x.surnames for x in names], NAME_CODES),
        "given": code_rows([x.given for x in names], NAME_CODES),
        "surname_forms": code_rows([x.surname_forms for x in names], NAME_CODES),
        "surname_rests": code_rows([x.surname_rests for x in names], NAME_CODES),
        "given_rests": code_rows([x.given_rests for x in names], NAME_CODES),
        "joined_given": code_rows([x.joined_given for x in names], READINGS),
        "joined_given_sound": code_rows([x.joined_given_sound for x in names], READINGS),
        "open_names": np.array([x.open for x in names], dtype=bool),
        "no_given": np.array([x.no_given for x in names], dtype=bool),
        "no_surname": np.array([x.no_surname for x in names], dtype=bool),
        "first": np.array([x.first for x in names] + [""], dtype=object),
        "first_len": np.array([len(x.first) for x in names], dtype=np.int64),
        "first_sound": np.array([phonetic(x.first) for x in names] + [""], dtype=object),
        "last": np.array([x.last for x in names] + [""], dtype=object),
        "last_len": np.array([len(x.last) for x in names], dtype=np.int64),
        "joined_surnames": _object_rows(joined),
        "first_surnames": _object_rows([x.first_surnames for x in names]),
        "joined_surname_codes": code_rows(joined, READINGS),
        "glued_surname_codes": code_rows([x.glued_surnames for x in names], READINGS),
        "joined_given_text": _object_rows([x.joined_given for x in names]),
        "last_given": _object_rows([x.last_given for x in names]),
        "generation": np.array([x.generation for x in names], dtype=np.int64),
        "two_surnames": np.array([x.two_surnames for x in names], dtype=bool),
        "second": np.array(seconds, dtype=object),
        "second_sound": np.array([phonetic(x) if x else "" for x in seconds], dtype=object),
        "second_forms": code_rows(
            [given_name_forms(x) if x else [] for x in seconds], SECOND_FORMS
        ),
    }
    return {k: v[index] for k, v in c.items()}, name_keys([x.block_parts for x in names], index)


@mypyc_attr(native_class=False)  # its columns are set by name (setattr)
class Prepared:
    """The comparable parts of a list of records, one row per record. Each distinct value of
    a field (a name, a date, an address...) is worked out once."""

    # The name columns (``_name_columns``).
    surnames: Ints
    given: Ints
    surname_forms: Ints
    surname_rests: Ints
    given_rests: Ints
    joined_given: Ints
    joined_given_sound: Ints
    open_names: Bools
    no_given: Bools
    no_surname: Bools
    first: Texts
    first_len: Ints
    first_sound: Texts
    last: Texts
    last_len: Ints
    last_cedilla: Ints  # the codes of the last surnames' ``cedilla_sound`` (0: none)
    chinese: Bools  # a word of the name is a Chinese surname (``compare.two_cultures``)
    joined_surnames: Texts
    first_surnames: Texts
    joined_surname_codes: Ints
    glued_surname_codes: Ints  # the surnames run together with their particles, if any
    joined_given_text: Texts
    last_given: Texts
    generation: Ints
    two_surnames: Bools
    second: Texts
    second_sound: Texts
    second_forms: Ints
    given_wide_sig: npt.NDArray[np.uint64]  # the given names and their rests (GIVEN_WIDE)

    def __init__(self, records: Sequence[PersonRecord]) -> None:
        n = len(records)
        self.n = n
        columns, name_parts = _name_columns(records)
        for name, column in columns.items():
            setattr(self, name, column)
        lasts, index = factorize(self.last.tolist())
        self.last_cedilla = codes(list(map(cedilla_sound, lasts)), none_for_empty=True)[index]
        # Whether a word of its name is a Chinese surname (``compare.two_cultures``), in
        # whichever field: the swapped readings read surnames as given names and back.
        self.chinese = np.zeros(n, dtype=bool)
        for field in ("full_name", "given_name", "surname", "second_surname"):
            flags, index = _column(records, field, _chinese_surname_in)
            self.chinese |= np.array(flags, dtype=bool)[index]
        dates, index = _column(records, "date_of_birth", _date)
        table = _ints(dates, index, 4)
        self.dates = np.ascontiguousarray(table[:, :3])
        self.date_state = table[:, 3].astype(np.int8)
        self.date_digits = _date_nibbles(self.dates)
        self.date_digits_swapped = _date_nibbles(self.dates, swapped=True)
        documents, index = _column(
            records, "document_number", lambda v: document_key(v) if v else ""
        )
        self.document, self.document_len, self.document_open = _texts(
            documents, index, DOCUMENT_WIDTH
        )
        self.document_scheme = np.array(list(map(national_scheme, documents)), np.int8)[index]
        # The number's code, and that of its digits after series letters (``bare_number``).
        self.document_code = codes(documents, none_for_empty=True)[index]
        self.document_bare = codes(list(map(bare_number, documents)), none_for_empty=True)[index]
        document_parts = (documents, index)
        sex, index = _column(records, "gender", lambda v: ord(sex_code(v) or "\0") if v else 0)
        self.sex = _ints(sex, index)
        nationality, index = _column(records, "nationality", _nationality)
        self.nationality = _ints(nationality, index)
        address, index = _column(records, "address", _address)
        self.address = _ints([a[:3] for a in address], index, 3)
        address_parts = ([a[3] for a in address], index)
        city, index = _column(records, "city", lambda v: code(_code_key(v)) if _code_key(v) else 0)
        self.city = _ints(city, index)
        postcodes, index = _column(records, "postcode", lambda v: _code_key(v) if v else "")
        self.postcode, self.postcode_len, self.postcode_open = _texts(
            postcodes, index, POSTCODE_WIDTH
        )
        postcode_parts = (postcodes, index)
        phones, index = _column(records, "phone", phone_digits)
        self.phone, self.phone_len, _ = _texts(phones, index, PHONE_WIDTH)
        # For the block keys (xref._key_codes), which delete it once read.
        self.key_parts: KeyParts = (
            name_parts,
            document_parts,
            (phones, index),
            address_parts,
            postcode_parts,
        )
        email, index = _column(records, "email", _email)
        self.email = _ints(email, index, 3)
        for kind in CODE_KINDS:
            setattr(self, f"{kind}_sig", _signature(getattr(self, kind)))
        self.given_wide_sig = _signatures(self, ("given",)) | _signatures(self, ("given_rests",))
        # Per record, its slack without households (column 0) and with (column 1).
        self.slack = np.stack([slack(self, False), slack(self, True)], axis=1)


def concat(parts: Sequence[Prepared]) -> Prepared:
    """One table of the records of several, in order. The parts are emptied array by
    array as they are joined (memory: a million records' tables are gigabytes)."""
    if len(parts) == 1:
        return parts[0]
    out = Prepared([])
    for name in list(vars(parts[0])):
        if name in ("n", "key_parts"):
            continue
        arrays = [getattr(p, name) for p in parts]
        if arrays[0].ndim == 2:  # code and character rows: as wide as the widest part
            width = max(a.shape[1] for a in arrays)
            arrays = [
                np.pad(a, ((0, 0), (0, width - a.shape[1]))) if a.shape[1] < width else a
                for a in arrays
            ]
        setattr(out, name, np.concatenate(arrays))
        del arrays
        for part in parts:
            delattr(part, name)
    out.n = sum(p.n for p in parts)
    return out


def _shared_codes(a: Ints, b: Ints) -> Ints:
    """Per row of two code matrices, how many of a's non-zero codes b's row holds too."""
    count = np.zeros(len(a), dtype=np.int64)
    for k in range(a.shape[1]):
        # Only the rows with a k-th code (most names have one or two: later columns are
        # nearly empty).
        rows = np.flatnonzero(a[:, k])
        if len(rows) == len(a):
            count += (a[:, k : k + 1] == b).any(axis=1)
        elif len(rows):
            count[rows] += (a[rows, k : k + 1] == b[rows]).any(axis=1)
    return count


def _share(a: Ints, b: Ints) -> Bools:
    """Rows of two code matrices that have a non-zero code in common."""
    return _shared_codes(a, b) > 0


CODE_KINDS = (
    "surnames",
    "given",
    "surname_forms",
    "surname_rests",
    "given_rests",
    "joined_given",
    "joined_given_sound",
    "joined_surname_codes",
    "glued_surname_codes",
)


def _signature(codes: Ints) -> npt.NDArray[np.uint64]:
    """Per row, one bit (of 64) set for each code: rows whose signatures share no bit share
    no code."""
    bits = np.left_shift(np.uint64(1), ((codes >> 1) & 63).astype(np.uint64))
    return np.asarray(np.bitwise_or.reduce(np.where(codes != 0, bits, np.uint64(0)), axis=1))


# Given names and the rests of those that are surnames joined to their particles, which
# the bound tests together (``Prepared.given_wide_sig``: both signatures).
GIVEN_WIDE = ("given", "given_rests")


def _signatures(table: Prepared, kinds: tuple[str, ...]) -> npt.NDArray[np.uint64]:
    """The signatures of the codes of one kind, or of GIVEN_WIDE's together."""
    if kinds == GIVEN_WIDE:
        return table.given_wide_sig
    (kind,) = kinds
    return np.asarray(getattr(table, f"{kind}_sig"))


def _shared_any(
    pa: Prepared,
    kinds_a: tuple[str, ...],
    ia: Ints,
    pb: Prepared,
    kinds_b: tuple[str, ...],
    ib: Ints,
) -> Bools:
    """``_shared`` of any of a's kinds of codes with any of b's, the signatures of each
    side's kinds joined first (one look at every pair)."""
    meet = np.flatnonzero(_signatures(pa, kinds_a)[ia] & _signatures(pb, kinds_b)[ib])
    out = np.zeros(len(ia), dtype=bool)
    if len(meet):
        ja, jb = ia[meet], ib[meet]
        found = np.zeros(len(meet), dtype=bool)
        for kind_a in kinds_a:
            for kind_b in kinds_b:
                found |= _shared(pa, kind_a, ja, pb, kind_b, jb)
        out[meet] = found
    return out


def _shared(pa: Prepared, kind_a: str, ia: Ints, pb: Prepared, kind_b: str, ib: Ints) -> Bools:
    """``_share`` of two kinds of codes for pairs (ia[k], ib[k]): the signatures first, the
    codes themselves only for the pairs whose signatures meet."""
    meet = np.flatnonzero(getattr(pa, f"{kind_a}_sig")[ia] & getattr(pb, f"{kind_b}_sig")[ib])
    out = np.zeros(len(ia), dtype=bool)
    if len(meet):
        out[meet] = _share(getattr(pa, kind_a)[ia[meet]], getattr(pb, kind_b)[ib[meet]])
    return out


Words = npt.NDArray[np.uint64]
BYTE_BITS = np.uint64(0x0101010101010101)  # the lowest bit of each byte of a word
GATHER = np.uint64(0x0102040810204080)  # brings those bits, byte k to bit k, to the top byte


def _words(chars: npt.NDArray[np.uint8], width: int) -> Words:
    """Fixed-width byte rows as rows of 64-bit words, eight bytes each, the first byte
    lowest: the bytes of ``width`` characters, zero padded."""
    out = np.zeros((len(chars), -(-width // 8) * 8), dtype=np.uint8)
    out[:, : chars.shape[1]] = chars
    return out.view(np.dtype("<u8"))


def _byte(words: Words, position: Ints) -> Ints:
    """Row by row, the byte at a position of rows of ``_words``."""
    word = words[np.arange(len(words)), position // 8]
    return ((word >> (8 * (position % 8)).astype(np.uint64)) & np.uint64(255)).astype(np.int64)


def _edits(
    ta: Words, ia: Ints, la: Ints, tb: Words, ib: Ints, lb: Ints
) -> tuple[Bools, Bools, Ints, Bools]:
    """For texts of rows ia of ``_words`` ta and ib of tb: equal, same length with one
    character changed or two neighbours swapped (an optimal string alignment distance of
    one), the first position where they differ (64 where none), and whether they differ
    only in the last character. The bytes that differ make a bitmap, position k at bit k."""
    a, b = ta[ia], tb[ib]
    x = a ^ b
    x |= x >> np.uint64(4)
    x |= x >> np.uint64(2)
    x |= x >> np.uint64(1)
    bits = ((x & BYTE_BITS) * GATHER) >> np.uint64(56)
    bitmap = bits[:, 0].copy()
    for k in range(1, bits.shape[1]):
        bitmap |= bits[:, k] << np.uint64(8 * k)
    count = np.bitwise_count(bitmap)
    lowest = bitmap & (~bitmap + np.uint64(1))
    first = np.bitwise_count(lowest - np.uint64(1)).astype(np.int64)  # 64 where none
    same_length = la == lb
    # Two neighbours differ: each the other's (for those few pairs, read byte by byte).
    swapped = (count == 2) & ((bitmap & (bitmap >> np.uint64(1))) != 0)
    rows = np.flatnonzero(swapped)
    if len(rows):
        at, after = first[rows], first[rows] + 1
        wa, wb = a[rows], b[rows]
        swapped[rows] = (_byte(wa, at) == _byte(wb, after)) & (_byte(wa, after) == _byte(wb, at))
    equal = same_length & (count == 0)
    one = same_length & ((count == 1) | swapped)
    only_last = same_length & (count == 1) & (first == la - 1)
    return equal, one, first, only_last


# Per-pair Python tests, for the few rows an array test left (the tests on all rows would
# cost more than the spelling tests they help).
def _long(rows: Ints, a: Texts | Sequence[str], b: Texts | Sequence[str]) -> Ints:
    """The rows whose shorter text has four letters or more (one edit apart, a typo)."""
    return rows[[min(len(a[k]), len(b[k])) >= 4 for k in rows.tolist()]] if len(rows) else rows


def _same_first(rows: Ints, a: Texts | Sequence[str], b: Texts | Sequence[str]) -> Ints:
    """The rows whose texts begin with the same letter."""
    return rows[[a[k][:1] == b[k][:1] for k in rows.tolist()]] if len(rows) else rows


def _similar(a: npt.NDArray[Any], b: npt.NDArray[Any], threshold: float) -> Bools:
    """``compare._similar`` on pairs of texts, in C: Jaro-Winkler at or above the threshold,
    or one edit apart in words of four letters or more."""
    if len(a) == 0:
        return np.zeros(0, dtype=bool)
    qa, qb = list(a), list(b)
    out = process.cpdist(qa, qb, scorer=JaroWinkler.similarity, workers=1) >= threshold - 1e-9
    osa = process.cpdist(qa, qb, scorer=OSA.distance, workers=1)
    out[_long(np.flatnonzero((osa <= 1) & ~out), qa, qb)] = True
    return np.asarray(out)


def _sound_typo(a: npt.NDArray[Any], b: npt.NDArray[Any]) -> Bools:
    """``compare._sound_typo`` on pairs of phonetic keys."""
    if len(a) == 0:
        return np.zeros(0, dtype=bool)
    qa, qb = list(a), list(b)
    one = np.flatnonzero(process.cpdist(qa, qb, scorer=OSA.distance, workers=1) <= 1)
    out = np.zeros(len(qa), dtype=bool)
    out[_long(one, qa, qb)] = True
    return out


def _surname_close(a: npt.NDArray[Any], b: npt.NDArray[Any]) -> Bools:
    """``compare._surname_typo`` on pairs of surnames: ``_similar``, else ``_sound_typo`` of
    their sounds, worked out here for those pairs only (``_one_differs`` tests few)."""
    out = _similar(a, b, 0.9)
    rest = np.flatnonzero(~out)
    if len(rest):
        out[rest] = _sound_typo(_sounds(a[rest]), _sounds(b[rest]))
    return out


def _short_typo(
    a: npt.NDArray[Any], b: npt.NDArray[Any], lengths: tuple[Ints, Ints] | None = None
) -> Bools:
    """``compare._short_typo`` on pairs of words: a letter more or less in three letters.
    ``lengths``: the words' lengths, when the caller has them."""
    if len(a) == 0:
        return np.zeros(0, dtype=bool)
    qa, qb = list(a), list(b)
    la, lb = lengths or (_lengths(qa), _lengths(qb))
    at = _same_first(np.flatnonzero((np.abs(la - lb) == 1) & (np.minimum(la, lb) == 3)), qa, qb)
    out = np.zeros(len(qa), dtype=bool)
    if len(at):
        osa = process.cpdist(
            [qa[i] for i in at], [qb[i] for i in at], scorer=OSA.distance, workers=1
        )
        out[at] = osa <= 1
    return out


def _misread(a: npt.NDArray[Any], b: npt.NDArray[Any], lengths: tuple[Ints, Ints]) -> Bools:
    """``compare.misread`` on pairs of words of the given lengths (a letter more or less,
    three letters or more, the first one kept: few pairs left for the test itself)."""
    out = np.zeros(len(a), dtype=bool)
    la, lb = lengths
    rows = np.flatnonzero((np.abs(la - lb) == 1) & (np.minimum(la, lb) >= 3))
    if len(rows) == 0:
        return out
    qa, qb = a[rows].tolist(), b[rows].tolist()
    out[rows] = [x[0] == y[0] and misread(x, y) for x, y in zip(qa, qb, strict=True)]
    return out


def _max(weights: dict[Any, float], *levels: Any) -> float:
    return max(weights[level] for level in levels)


SURNAME_TOP = max(SURNAME_WEIGHTS.values())
GIVEN_TOP = max(GIVEN_WEIGHTS.values())
# The best levels of names that are not the same words (compare.surname_feature and
# given_name_feature: "both exact" and "exact" need them, and given names run together,
# "joined", the same letters: their joined codes shared).
SURNAME_INEXACT = max(w for k, w in SURNAME_WEIGHTS.items() if k not in ("both exact", "exact"))
GIVEN_INEXACT = max(w for k, w in GIVEN_WEIGHTS.items() if k not in ("exact", "joined"))
# The best level of given names that share no code: a typo, or run together ("joined").
GIVEN_SPELT = _max(GIVEN_WEIGHTS, "typo", "joined")


def _date_weights(
    pa: Prepared, ia: Ints, pb: Prepared, ib: Ints, households: bool = True
) -> Floats:
    """``birth_date_feature`` weights, exactly, on arrays."""
    state_a, state_b = pa.date_state[ia], pb.date_state[ib]
    (ya, ma, da), (yb, mb, db) = pa.dates[ia].T, pb.dates[ib].T
    level = np.full(len(ia), DATE_LEVELS.index(DateAgreement.DIFFERENT), dtype=np.int64)
    apart = np.abs(ya - yb) >= 14
    undecided = np.ones(len(ia), dtype=bool)

    def put(mask: Bools, agreement: DateAgreement) -> None:
        nonlocal undecided
        level[mask & undecided] = DATE_LEVELS.index(agreement)
        undecided &= ~mask

    put((state_a == 0) | (state_b == 0), DateAgreement.MISSING)
    partial = ((state_a == 2) | (state_b == 2)) & undecided
    rows = np.flatnonzero(partial)
    level[rows] = _partial_levels(ya[rows], ma[rows], yb[rows], mb[rows], apart[rows])
    undecided &= ~partial
    put((ya == yb) & (ma == mb) & (da == db), DateAgreement.EXACT)
    put((ya == yb) & (ma == db) & (da == mb), DateAgreement.SWAPPED)
    # Digits of YYYYMMDD (``_date_nibbles``); odd dates (a month of three digits) take the
    # best level left.
    odd = (state_a == 3) | (state_b == 3)
    put(odd, DateAgreement.ONE_DIGIT)
    na, nb = pa.date_digits[ia], pb.date_digits[ib]
    differ = _digits_differ(na ^ nb)
    count = np.bitwise_count(differ)
    # Two neighbouring digits differ (the lower one's bit), each equal to the other's.
    pair = differ & (differ >> np.uint32(4))
    low = pair * np.uint32(15)
    swapped = (
        (count == 2)
        & (pair != 0)
        & (((na ^ (nb << np.uint32(4))) & (low << np.uint32(4))) == 0)
        & (((na ^ (nb >> np.uint32(4))) & low) == 0)
    )
    put(count == 1, DateAgreement.ONE_DIGIT)
    put(swapped, DateAgreement.TRANSPOSED)
    same_day = (ma == mb) & (da == db)
    put(apart & ~same_day & ~((ma == db) & (da == mb)), DateAgreement.GENERATION)
    put((np.abs(ya - yb) == 1) & same_day, DateAgreement.YEAR_OFF_BY_ONE)
    # b's day and month exchanged: one digit off besides.
    off = np.bitwise_count(_digits_differ(na ^ pb.date_digits_swapped[ib]))
    one_more = (off == 1) | ((np.abs(ya - yb) == 1) & (ma == db) & (da == mb))
    put(one_more & ((ma != mb) | (da != db)), DateAgreement.SWAPPED_AND_ONE)
    put(count == 2, DateAgreement.TWO_DIGITS)
    # 1 January read as the year alone too (dates.year_placeholder): its month unknown, the
    # stronger level kept (the levels' indices are their order of strength, EXACT first).
    january_a = (state_a == 1) & (ma == 1) & (da == 1)
    january_b = (state_b == 1) & (mb == 1) & (db == 1)
    rows = np.flatnonzero((january_a & (state_b != 0)) | (january_b & (state_a != 0)))
    if len(rows):
        month_a = np.where(january_a[rows], -1, ma[rows])
        month_b = np.where(january_b[rows], -1, mb[rows])
        by_year = _partial_levels(ya[rows], month_a, yb[rows], month_b, apart[rows])
        level[rows] = np.minimum(level[rows], by_year)
    return np.asarray(DATE_WEIGHT_ARRAYS[households][level])


_PARTIAL_LEVELS = [
    DATE_LEVELS.index(getattr(DateAgreement, name))
    for name in ("SAME_MONTH", "SAME_YEAR", "NEAR_YEAR", "GENERATION", "DIFFERENT")
]


def _partial_levels(ya: Ints, ma: Ints, yb: Ints, mb: Ints, apart: Bools) -> Ints:
    """The ``DATE_LEVELS`` indices of ``dates.date_agreement`` for dates of which one lacks
    its day or month (a month of -1 unknown)."""
    unknown_or_same = (ma == -1) | (mb == -1) | (ma == mb)
    conditions = [
        (ya == yb) & (ma != -1) & (ma == mb),
        (ya == yb) & unknown_or_same,
        (np.abs(ya - yb) == 1) & unknown_or_same,
        apart,
    ]
    *levels, different = _PARTIAL_LEVELS
    return np.asarray(np.select(conditions, levels, different), dtype=np.int64)


def _document_weights(pa: Prepared, ia: Ints, pb: Prepared, ib: Ints) -> Floats:
    """``document_feature`` weights, exactly (an upper bound for keys over 24 characters)."""
    la, lb = pa.document_len[ia], pb.document_len[ib]
    equal, one, first, only_last = _edits(pa.document, ia, la, pb.document, ib, lb)
    shorter = np.minimum(la, lb)
    prefix = first >= shorter  # the same up to the shorter one's length
    check = ((np.abs(la - lb) == 1) & prefix & (shorter >= 5)) | (only_last & (la >= 6))
    bare_a, bare_b = pa.document_bare[ia], pb.document_bare[ib]
    series = ((bare_a != 0) & (bare_a == pb.document_code[ib])) | (
        (bare_b != 0) & (bare_b == pa.document_code[ia])
    )
    weight = np.where(
        equal,
        DOCUMENT_WEIGHTS["exact"],
        np.where(
            check,
            DOCUMENT_WEIGHTS["check character"],
            np.where(
                series,
                DOCUMENT_WEIGHTS["series letters"],
                np.where(
                    one & (la >= 6),
                    DOCUMENT_WEIGHTS["one character"],
                    DOCUMENT_WEIGHTS["different"],
                ),
            ),
        ),
    )
    scheme = pa.document_scheme[ia]
    lifelong = (scheme > 0) & (scheme == pb.document_scheme[ib])
    different = weight == DOCUMENT_WEIGHTS["different"]  # no typing error either
    weight = np.where(lifelong & different, DOCUMENT_WEIGHTS["different lifelong number"], weight)
    weight = np.where(
        pa.document_open[ia] | pb.document_open[ib], DOCUMENT_WEIGHTS["exact"], weight
    )
    return np.where((la == 0) | (lb == 0), DOCUMENT_WEIGHTS["missing"], weight)


def _place_weights(
    pa: Prepared, ia: Ints, pb: Prepared, ib: Ints, households: bool = True
) -> Floats:
    """Address, postcode and city together: the best the address can do with the postcode and
    city weights that go with it (they count little once the address agrees)."""
    weights = address_weights(households)
    (ka, sa, na), (kb, sb, nb) = pa.address[ia].T, pb.address[ib].T
    present = (ka != 0) & (kb != 0)
    exact = present & ((ka == kb) | (sa == sb))
    numbers_fit = (na == nb) | (na == 0) | (nb == 0)
    equal, one, _, _ = _edits(
        pa.postcode, ia, pa.postcode_len[ia], pb.postcode, ib, pb.postcode_len[ib]
    )
    postcode_present = (pa.postcode_len[ia] > 0) & (pb.postcode_len[ib] > 0)
    postcode_open = pa.postcode_open[ia] | pb.postcode_open[ib]
    ca, cb = pa.city[ia], pb.city[ib]
    city_present = (ca != 0) & (cb != 0)

    def extras(counted: bool) -> Floats:
        postcode = np.where(
            equal | postcode_open,
            POSTCODE_WEIGHTS["exact", counted],
            np.where(
                one,
                POSTCODE_WEIGHTS["one character", counted],
                POSTCODE_WEIGHTS["different", counted],
            ),
        )
        town = np.where(
            ca == cb,
            CITY_WEIGHTS["exact", counted],
            _max(CITY_WEIGHTS, ("similar", counted), ("different", counted)),
        )
        return np.where(postcode_present, postcode, 0.0) + np.where(city_present, town, 0.0)

    counted, loose = extras(True), extras(False)
    not_counted = _max(weights, "same street", "street", "different") + loose
    return np.where(
        ~present,
        weights["missing"] + loose,
        np.where(
            exact,
            weights["exact"] + counted,
            np.where(
                numbers_fit,
                np.maximum(weights["similar"] + counted, not_counted),
                not_counted,
            ),
        ),
    )


def _contact_weights(pa: Prepared, ia: Ints, pb: Prepared, ib: Ints) -> Floats:
    """Sex, nationality and email, exactly."""
    sa, sb = pa.sex[ia], pb.sex[ib]
    sex = np.where(
        (sa == 0) | (sb == 0),
        0.0,
        np.where(sa == sb, SEX_WEIGHTS["same"], SEX_WEIGHTS["different"]),
    )
    na, nb = pa.nationality[ia], pb.nationality[ib]
    nat = np.where(
        (na == 0) | (nb == 0),
        0.0,
        np.where(na == nb, NATIONALITY_WEIGHTS["same"], NATIONALITY_WEIGHTS["different"]),
    )
    (ea, checked, _), (eb, _, local) = pa.email[ia].T, pb.email[ib].T
    mail = np.where(
        (ea == 0) | (eb == 0),
        0.0,
        np.where(
            ea == eb,
            EMAIL_WEIGHTS["exact"],
            np.where(
                (checked != 0) & (checked == local),
                EMAIL_WEIGHTS["same name"],
                EMAIL_WEIGHTS["different"],
            ),
        ),
    )
    return np.asarray(sex + nat + mail)


def _phone_weights(pa: Prepared, ia: Ints, pb: Prepared, ib: Ints) -> Floats:
    la, lb = pa.phone_len[ia], pb.phone_len[ib]
    equal, one, _, _ = _edits(pa.phone, ia, la, pb.phone, ib, lb)
    return np.where(
        (la == 0) | (lb == 0),
        0.0,
        np.where(
            equal,
            PHONE_WEIGHTS["exact"],
            np.where(one, PHONE_WEIGHTS["one digit"], PHONE_WEIGHTS["different"]),
        ),
    )


def _generation_weights(pa: Prepared, ia: Ints, pb: Prepared, ib: Ints) -> Floats:
    ga, gb = pa.generation[ia], pb.generation[ib]
    return np.where(
        (ga == 0) & (gb == 0),
        0.0,
        np.where(
            ga == gb,
            GENERATION_WEIGHTS["same"],
            np.where(
                (ga != 0) & (gb != 0),
                GENERATION_WEIGHTS["different"],
                GENERATION_WEIGHTS["one side"],
            ),
        ),
    )


@mypyc_attr(native_class=False)  # copied through vars()
class NameCodes:
    """Which name codes a batch of pairs shares."""

    def __init__(self, pa: Prepared, ia: Ints, pb: Prepared, ib: Ints) -> None:
        # A surname one record writes joined to its particles (Deluca), the other apart (de
        # Luca): the comparison's "joined", which the bound takes as sharing a surname.
        self.joined = _shared(pa, "surname_rests", ia, pb, "surnames", ib)
        self.joined |= _shared(pa, "surnames", ia, pb, "surname_rests", ib)
        self.surnames = _shared(pa, "surnames", ia, pb, "surnames", ib) | self.joined
        self.given = _shared(pa, "given", ia, pb, "given", ib)
        # or one's given names run together one of the other's (compare's "shared": Yan
        # Ping, Lucía Yanping)
        self.given |= _shared(pa, "joined_given_sound", ia, pb, "given", ib)
        self.given |= _shared(pa, "given", ia, pb, "joined_given_sound", ib)
        # a's surnames against b's given names, a's given names against b's surnames, or
        # the rests of given names that are surnames joined to their particles (Vandenberg
        # Willem, Willem van der Berg: the comparison's "joined"; b's surname forms hold its
        # surnames' sounds).
        self.cross_surnames = _shared_any(pa, ("surnames",), ia, pb, GIVEN_WIDE, ib)
        self.cross_given = _shared_any(pa, GIVEN_WIDE, ia, pb, ("surname_forms",), ib)
        # a's surnames read as given names (their short forms too) against b's given names.
        self.cross_surname_forms = _shared(pa, "surname_forms", ia, pb, "given", ib)
        # Given names, surnames, the same word for word: only then can they be exact.
        self.same_given = _shared(pa, "joined_given", ia, pb, "joined_given", ib)
        joined, glued = "joined_surname_codes", "glued_surname_codes"
        self.same_surnames = _shared(pa, joined, ia, pb, joined, ib)
        # or one written as one word with its particles (Soares da Silva, SOARESDASILVA)
        self.same_surnames |= _shared(pa, glued, ia, pb, joined, ib)
        self.same_surnames |= _shared(pa, joined, ia, pb, glued, ib)
        self.open = pa.open_names[ia] | pb.open_names[ib]
        self.no_given = pa.no_given[ia] | pb.no_given[ib]
        self.no_surname = pa.no_surname[ia] | pb.no_surname[ib]

    def subset(self, rows: Ints) -> NameCodes:
        out = NameCodes.__new__(NameCodes)
        for name, value in vars(self).items():
            setattr(out, name, value[rows])
        return out

    def unswapped(self) -> NameCodes:
        """The same codes as if no name met the other's in the other field: the names
        compared only as given (no swapped reading)."""
        out = NameCodes.__new__(NameCodes)
        vars(out).update(vars(self))
        none = np.zeros(len(self.surnames), dtype=bool)
        out.cross_surnames = out.cross_given = out.cross_surname_forms = none
        return out


def _name_weights(
    codes: NameCodes,
    surname_rest: Floats | float,
    given_rest: Floats | float,
    swapped_given_rest: Floats | float = GIVEN_SPELT,
    surname_top: Floats | float = SURNAME_TOP,
    given_top: Floats | float = GIVEN_TOP,
    swaps: Swaps | None = None,
) -> Floats:
    """The best the names can do: ``surname_rest`` and ``given_rest`` are the bounds for
    names that share no code (a typo, an initial, or different), ``surname_top`` and
    ``given_top`` for names that share one (but for the exact levels, which need the same
    words: ``NameCodes.same_surnames`` and ``same_given``). ``swapped_given_rest`` and
    ``swaps`` bound the parts of the swapped readings that share no code (``_swaps``)."""
    surname_top = np.where(
        codes.same_surnames, surname_top, np.minimum(surname_top, SURNAME_INEXACT)
    )
    given_top = np.where(codes.same_given, given_top, np.minimum(given_top, GIVEN_INEXACT))
    surname = np.where(codes.surnames, surname_top, surname_rest)
    surname = np.where(codes.no_surname, np.maximum(surname, SURNAME_WEIGHTS["missing"]), surname)
    # Given names run together alike (their joined codes shared: "joined", as much as
    # exact) take the top too.
    given = np.where(codes.given | codes.same_given, given_top, given_rest)
    given = np.where(codes.no_given, np.maximum(given, GIVEN_WEIGHTS["missing"]), given)
    normal = surname + given
    cross = codes.cross_surnames | codes.cross_given
    # Before the spelling tests, surnames that share no code at a typo's weight, or joined
    # (the same letters: Mc Donald against McDonald).
    most = SURNAME_WEIGHTS["joined"]
    b_surname, a_surname, a_given = swaps or (
        most,
        most,
        _max(GIVEN_WEIGHTS, "typo", "joined", "missing"),
    )
    # b's fields exchanged: a's surnames against b's given names as surnames, a's given
    # names against b's surnames as given names.
    swapped = (
        np.where(codes.cross_surnames, SURNAME_TOP, b_surname)
        + np.where(
            codes.cross_given, GIVEN_TOP, np.maximum(swapped_given_rest, GIVEN_WEIGHTS["missing"])
        )
        + SWAPPED_ORDER_WEIGHT
    )
    # a's fields exchanged: a's given names against b's surnames as surnames, a's surnames
    # against b's given names as given names.
    swapped_a = (
        np.where(codes.cross_given, SURNAME_TOP, a_surname)
        + np.where(codes.cross_surname_forms, GIVEN_TOP, a_given)
        + SWAPPED_ORDER_WEIGHT
    )
    swapped = np.maximum(swapped, swapped_a)
    best = np.where(cross, np.maximum(normal, swapped), normal)
    return np.where(codes.open, SURNAME_TOP + GIVEN_TOP, best)


Swaps = tuple[Floats, Floats, Floats]


def _surname_loose(codes: NameCodes) -> Floats:
    """The most surnames that share no code can weigh before their spelling tests: a
    typo's, or "joined" where they are the same written as one word (their joined codes
    shared: O'Brien and OBrien)."""
    return np.where(codes.same_surnames, SURNAME_WEIGHTS["joined"], SURNAME_WEIGHTS["typo"])


def _any_similar(
    texts_a: Sequence[npt.NDArray[Any]], texts_b: Sequence[npt.NDArray[Any]], threshold: float
) -> Bools:
    """Row by row, whether any of a's texts (columns) is ``_similar`` to any of b's; empty
    texts never are."""
    out = np.zeros(len(texts_a[0]), dtype=bool)
    on_b = [y != "" for y in texts_b]  # which texts are there, once
    for x in texts_a:
        on_a = x != ""
        if not on_a.any():  # a reading no name has
            continue
        for y, on in zip(texts_b, on_b, strict=True):
            filled = np.flatnonzero(on_a & on & ~out)
            if len(filled):
                out[filled] |= _similar(x[filled], y[filled], threshold)
    return out


def _columns(rows: npt.NDArray[Any]) -> list[npt.NDArray[Any]]:
    return [rows[:, k] for k in range(rows.shape[1])]


def _swaps(pa: Prepared, ia: Ints, pb: Prepared, ib: Ints, codes: NameCodes) -> Swaps:
    """For names that may have been typed in each other's fields, the bounds of the
    swapped readings' parts that share no code (``compare.surname_feature`` and
    ``given_name_feature`` then reach a typo only through close spellings, else an initial
    or nothing): a's surnames against b's given names as surnames, a's given names as
    surnames against b's surnames, and a's surnames as given names against b's given
    names; each tested only where it shares no code. Each may also be missing where a
    reading lacks given names or surnames."""
    swapping = (codes.cross_surnames | codes.cross_given) & ~codes.open
    missing = codes.no_surname | codes.no_given
    parts = []
    for shares, test, loose in (
        (codes.cross_surnames, _b_surnames_as_surnames, SURNAME_WEIGHTS["typo"]),
        (codes.cross_given, _a_given_as_surnames, SURNAME_WEIGHTS["typo"]),
        (codes.cross_surname_forms, _a_surnames_as_given, GIVEN_SPELT),
    ):
        level = np.full(len(ia), loose)
        rows = np.flatnonzero(swapping & ~shares)
        if len(rows):
            found = test(pa, ia[rows], pb, ib[rows])
            level[rows] = np.where(missing[rows], np.maximum(found, 0.0), found)
        parts.append(level)
    return parts[0], parts[1], parts[2]


def _surname_level(close: Bools, joined: Bools) -> Floats:
    """A typo where close, "joined" where the surnames written as one word are the same
    (O'Brien and OBrien: ``compare.surname_feature``), else different."""
    level = np.where(close, SURNAME_WEIGHTS["typo"], SURNAME_WEIGHTS["different"])
    return np.where(joined, SURNAME_WEIGHTS["joined"], level)


def _b_surnames_as_surnames(pa: Prepared, ja: Ints, pb: Prepared, jb: Ints) -> Floats:
    """a's surnames against b's given names as surnames: a typo where one (or the first of
    several) is close to the other's first or last one, or the names joined are close;
    "joined" where the names joined are the same (``_surname_level``)."""
    a_surnames, b_first = _columns(pa.first_surnames[ja]), pb.first[jb]
    close = _any_similar(a_surnames, [b_first, *_columns(pb.last_given[jb])], 0.9)
    close |= _any_similar([pa.last[ja]], [b_first], 0.9)
    joined = _columns(pa.joined_surnames[ja])
    close |= _any_similar(joined, _columns(pb.joined_given_text[jb]), 0.95)
    same = _shared(pa, "joined_surname_codes", ja, pb, "joined_given", jb)
    # or glued to their particles or article (compare.py's glued surnames), or one with
    # an article joined to it that the other leaves out (compare._article_joined)
    same |= _shared(pa, "glued_surname_codes", ja, pb, "joined_given", jb)
    same |= _shared(pa, "surname_rests", ja, pb, "given", jb)
    same |= _shared(pa, "surnames", ja, pb, "given_rests", jb)
    return _surname_level(close, same)


def _a_given_as_surnames(pa: Prepared, ja: Ints, pb: Prepared, jb: Ints) -> Floats:
    """a's given names as surnames against b's surnames, as ``_b_surnames_as_surnames``."""
    a_first, b_surnames = pa.first[ja], _columns(pb.first_surnames[jb])
    close = _any_similar([a_first, *_columns(pa.last_given[ja])], b_surnames, 0.9)
    close |= _any_similar([a_first], [pb.last[jb]], 0.9)
    joined = _columns(pa.joined_given_text[ja])
    close |= _any_similar(joined, _columns(pb.joined_surnames[jb]), 0.95)
    same = _shared(pa, "joined_given", ja, pb, "joined_surname_codes", jb)
    same |= _shared(pa, "joined_given", ja, pb, "glued_surname_codes", jb)
    same |= _shared(pa, "given_rests", ja, pb, "surnames", jb)
    same |= _shared(pa, "given", ja, pb, "surname_rests", jb)
    return _surname_level(close, same)


def _a_surnames_as_given(pa: Prepared, ja: Ints, pb: Prepared, jb: Ints) -> Floats:
    """a's first surname as a first given name against b's (``_given_level``)."""
    return _given_level(
        [(column, None) for column in _columns(pa.first_surnames[ja])],
        [(pb.first[jb], pb.first_sound[jb])],
        _shared(pa, "joined_surname_codes", ja, pb, "joined_given", jb),
        (pa.chinese[ja], pb.chinese[jb]),
    )


def _given_level(
    names_a: Sequence[tuple[Texts, Texts | None]],
    names_b: Sequence[tuple[Texts, Texts | None]],
    joined: Bools,
    chinese: tuple[Bools, Bools],
) -> Floats:
    """``compare.given_name_feature`` for first given names that share no code, the best of
    any of a's candidates (texts, with their sounds or None) against any of b's: "joined"
    where ``joined`` (the names run together alike), else a typo (close spellings, by
    sound, a letter more or less), spelt alike, an initial, a Chinese name and a name of
    the country (``_two_cultures``, ``chinese``: the pairs' ``Prepared.chinese``), or
    different."""
    typo, initial = np.zeros(len(joined), dtype=bool), np.zeros(len(joined), dtype=bool)
    alike, cultures = np.zeros(len(joined), dtype=bool), np.zeros(len(joined), dtype=bool)
    for x, x_sounds in names_a:
        for y, y_sounds in names_b:
            filled = np.flatnonzero((x != "") & (y != ""))
            if len(filled) == 0:
                continue
            fa, fb = x[filled], y[filled]
            sa = _sounds(fa) if x_sounds is None else x_sounds[filled]
            sb = _sounds(fb) if y_sounds is None else y_sounds[filled]
            la, lb = _lengths(fa), _lengths(fb)
            typo[filled] |= (
                _similar(fa, fb, 0.9)
                | _sound_typo(sa, sb)
                | _short_typo(fa, fb, (la, lb))
                | _misread(fa, fb, (la, lb))
            )
            alike[filled] |= _alike(fa, fb, sa, sb)
            cultures[filled] |= _two_cultures(fa, fb, chinese[0][filled], chinese[1][filled])
            # An initial: one name a single letter, the other beginning with it.
            initial[filled[_same_first(np.flatnonzero((la == 1) | (lb == 1)), fa, fb)]] = True
    levels = np.where(initial, GIVEN_WEIGHTS["initial"], GIVEN_WEIGHTS["different"])
    levels = np.where(cultures, np.maximum(levels, GIVEN_WEIGHTS["two cultures"]), levels)
    levels = np.where(alike, GIVEN_WEIGHTS["alike"], levels)
    levels = np.where(typo, GIVEN_WEIGHTS["typo"], levels)
    return np.where(joined, GIVEN_WEIGHTS["joined"], levels)


def _alike(fa: Texts, fb: Texts, sa: Texts, sb: Texts) -> Bools:
    """``compare.spelt_alike`` on pairs of given names with their sounds: the tests of the
    sounds' lengths and closeness on all pairs, the names' own for the few left."""
    out = np.zeros(len(fa), dtype=bool)
    ls, lt = _lengths(sa), _lengths(sb)
    rows = np.flatnonzero((np.minimum(ls, lt) >= 4) & (np.abs(ls - lt) <= 2))
    if len(rows) == 0:
        return out
    close = process.cpdist(
        sa[rows].tolist(),
        sb[rows].tolist(),
        scorer=JaroWinkler.similarity,
        dtype=np.float64,
        workers=1,
    )
    rows = rows[close >= SPELT_ALIKE - 1e-9]
    names = zip(fa[rows].tolist(), fb[rows].tolist(), strict=True)
    out[rows] = np.fromiter((spelt_alike(x, y) for x, y in names), dtype=bool, count=len(rows))
    return out


def _two_cultures(fa: Texts, fb: Texts, chinese_a: Bools, chinese_b: Bools) -> Bools:
    """``compare.two_cultures`` on pairs of first given names, looser: one a Mandarin name in
    pinyin the tables do not know, of a record with a Chinese surname in any field, the
    other a name they know (``compare.given_culture``), whatever the later given names."""
    rows = np.flatnonzero(chinese_a | chinese_b)
    out = np.zeros(len(fa), dtype=bool)
    if len(rows) == 0:
        return out
    ca = np.fromiter(map(given_culture, fa[rows].tolist()), dtype=np.int8, count=len(rows))
    cb = np.fromiter(map(given_culture, fb[rows].tolist()), dtype=np.int8, count=len(rows))
    out[rows] = ((ca == 1) & chinese_a[rows] & (cb == 2)) | (
        (cb == 1) & chinese_b[rows] & (ca == 2)
    )
    return out


def _sounds(texts: Texts) -> Texts:
    return np.array([phonetic(t) for t in texts], dtype=object)


def _second_differs(pa: Prepared, ia: Ints, pb: Prepared, ib: Ints, codes: NameCodes) -> Bools:
    """Pairs whose given names share a code but can only compare as "second differs"
    (sisters María José and María Fernanda): both names read one way with two given names,
    the same first one, and second ones of two letters or more that are not one name
    (``compare._same_given``), nor one cut short (``compare._cut_short``), nor the other's
    first (``compare.given_name_feature``)."""
    out = np.zeros(len(ia), dtype=bool)
    todo = np.flatnonzero(codes.given & ~codes.open)
    if len(todo) == 0:
        return out
    ja, jb = ia[todo], ib[todo]
    x, y = pa.second[ja], pb.second[jb]
    first = pa.first[ja]
    lengths_x, lengths_y = _lengths(x), _lengths(y)
    maybe = (lengths_x > 1) & (lengths_y > 1) & (first == pb.first[jb]) & (x != y)
    maybe &= (x != first) & (y != first)
    maybe &= pa.second_sound[ja] != pb.second_sound[jb]
    rows = np.flatnonzero(maybe)
    if len(rows) == 0:
        return out
    ka, kb, xs, ys = ja[rows], jb[rows], x[rows], y[rows]
    same = _share(pa.second_forms[ka], pb.second_forms[kb])
    same |= _similar(xs, ys, 0.9)
    same |= _sound_typo(pa.second_sound[ka], pb.second_sound[kb])
    same |= _short_typo(xs, ys, (lengths_x[rows], lengths_y[rows]))
    same |= _misread(xs, ys, (lengths_x[rows], lengths_y[rows]))
    # One cut short (``compare._cut_short``: the second of two given names is the last).
    pairs = zip(xs.tolist(), ys.tolist(), strict=True)
    cut = (u.startswith(v) or v.startswith(u) for u, v in pairs)
    same |= np.fromiter(cut, dtype=bool, count=len(xs))
    out[todo[rows]] = ~same
    return out


def _given_rest(
    pa: Prepared, ia: Ints, pb: Prepared, ib: Ints, codes: NameCodes
) -> tuple[Floats, Floats, Bools]:
    """The given-name bound with the spelling tests done for the given names that share no
    code, that for those which share one (``_second_differs``), and which pairs certainly
    have other given names (the family correction then applies)."""
    second_differs = _second_differs(pa, ia, pb, ib, codes)
    given_top = np.where(second_differs, GIVEN_WEIGHTS["second differs"], GIVEN_TOP)
    given_rest = np.full(len(ia), GIVEN_WEIGHTS["different"])
    todo = np.flatnonzero(~codes.given & ~codes.open)
    if len(todo):
        ja, jb = ia[todo], ib[todo]
        given_rest[todo] = _given_level(
            [(pa.first[ja], pa.first_sound[ja])],
            [(pb.first[jb], pb.first_sound[jb])],
            _shared(pa, "joined_given", ja, pb, "joined_given", jb),
            (pa.chinese[ja], pb.chinese[jb]),
        )
    other_given = (
        (((given_rest == GIVEN_WEIGHTS["different"]) & ~codes.given) | second_differs)
        & ~codes.open
        & ~codes.no_given
        & ~codes.cross_given
        & ~codes.cross_surnames
    )
    return given_rest, given_top, other_given


def _surname_rest(
    pa: Prepared, ia: Ints, pb: Prepared, ib: Ints, codes: NameCodes
) -> tuple[Floats, Floats, Floats]:
    """The surname bound with the spelling tests done for the surnames that share no code,
    that for those which share one (``_one_differs``), and the bound of the given names of
    the swapped reading (a's given names against b's surnames)."""
    surname_top = np.where(
        _one_differs(pa, ia, pb, ib, codes), SURNAME_WEIGHTS["one differs"], SURNAME_TOP
    )
    surname_rest = np.full(len(ia), SURNAME_WEIGHTS["different"])
    todo = np.flatnonzero(~codes.surnames & ~codes.open)
    if len(todo):
        ja, jb = ia[todo], ib[todo]
        close = _similar(pa.last[ja], pb.last[jb], 0.9)
        # or a ç written ss (Gonçalves, Gonssalves: ``compare._straight_surname``)
        cedilla = pa.last_cedilla[ja]
        close |= (cedilla == pb.last_cedilla[jb]) & (cedilla != 0)
        sa, sb = pa.joined_surnames[ja], pb.joined_surnames[jb]
        fa, fb = pa.first_surnames[ja], pb.first_surnames[jb]
        # Which texts are there, once (most names have one reading: the other columns are
        # empty, and their readings are skipped whole).
        sa_on, sb_on, fa_on, fb_on = sa != "", sb != "", fa != "", fb != ""
        a_used, b_used = (sa_on | fa_on).any(axis=0), (sb_on | fb_on).any(axis=0)
        for x in np.flatnonzero(a_used).tolist():
            for y in np.flatnonzero(b_used).tolist():
                filled = np.flatnonzero(sa_on[:, x] & sb_on[:, y] & ~close)
                if len(filled):
                    close[filled] |= _similar(sa[filled, x], sb[filled, y], 0.95)
                # One surname against the first or last of the other's (one of two, a typo).
                filled = np.flatnonzero(fa_on[:, x] & fb_on[:, y] & ~close)
                if len(filled):
                    close[filled] |= _similar(fa[filled, x], fb[filled, y], 0.9)
        for x in range(READINGS):
            filled = np.flatnonzero(fa_on[:, x] & ~close)
            if len(filled):
                close[filled] |= _similar(fa[filled, x], pb.last[jb][filled], 0.9)
            filled = np.flatnonzero(fb_on[:, x] & ~close)
            if len(filled):
                close[filled] |= _similar(pa.last[ja][filled], fb[filled, x], 0.9)
        # the same surname written as one word: their joined codes shared
        surname_rest[todo] = _surname_level(close, codes.same_surnames[todo])
    # The swapped reading's given names are a's given names against b's surnames.
    swapped_rest = np.full(len(ia), GIVEN_SPELT)
    todo = np.flatnonzero((codes.cross_surnames | codes.cross_given) & ~codes.open)
    if len(todo):
        ja, jb = ia[todo], ib[todo]
        swapped_rest[todo] = _given_level(
            [(pa.first[ja], pa.first_sound[ja])],
            [(column, None) for column in _columns(pb.first_surnames[jb])],
            _shared(pa, "joined_given", ja, pb, "joined_surname_codes", jb),
            (pa.chinese[ja], pb.chinese[jb]),
        )
    return surname_rest, surname_top, swapped_rest


def _one_differs(pa: Prepared, ia: Ints, pb: Prepared, ib: Ints, codes: NameCodes) -> Bools:
    """Pairs whose surnames share a code but can only compare as "one differs" (a
    relative: one surname shared, the other not): both names read one way with two
    surnames, the sounds of neither within the other's, and the surnames not both alike
    place by place, nor crosswise (``compare.surname_feature``)."""
    out = np.zeros(len(ia), dtype=bool)
    todo = np.flatnonzero(
        codes.surnames & ~codes.joined & ~codes.open & pa.two_surnames[ia] & pb.two_surnames[ib]
    )
    if len(todo) == 0:
        return out
    ja, jb = ia[todo], ib[todo]
    sa, sb = pa.surnames[ja], pb.surnames[jb]
    shared = _shared_codes(sa, sb)
    maybe = np.flatnonzero((shared < (sa != 0).sum(axis=1)) & (shared < (sb != 0).sum(axis=1)))
    if len(maybe):
        ka, kb = ja[maybe], jb[maybe]
        first_a, first_b, last_a, last_b = (
            pa.first_surnames[ka, 0],
            pb.first_surnames[kb, 0],
            pa.last[ka],
            pb.last[kb],
        )
        alike = _surname_close(first_a, first_b) & _surname_close(last_a, last_b)
        # or crosswise: the surnames swapped, one mistyped ("swapped with a typo")
        alike |= _similar(first_a, last_b, 0.9) & _similar(last_a, first_b, 0.9)
        # or the last one the other's initial (Pérez G.: "one of two")
        alike |= _initials(last_a, last_b)
        # or the same written as one word ("joined")
        alike |= codes.same_surnames[todo[maybe]]
        out[todo[maybe]] = ~alike
    return out


def _initials(a: Texts, b: Texts) -> Bools:
    """``compare.surname_initial`` row by row (the few rows ``_one_differs`` tests)."""
    return np.fromiter(map(surname_initial, a, b), dtype=bool, count=len(a))


def needed_log2_odds(threshold: float) -> float:
    """The log2 odds a pair needs for a probability at or above the threshold."""
    if threshold <= 0.0:
        return -math.inf
    if threshold >= 1.0:
        return 60.0
    return math.log2(threshold / (1.0 - threshold))


def _place_table(households: bool) -> Floats:
    """The most address, postcode and city can give, by which of them a record has
    (``[address, postcode, city]``), whatever the other record has."""
    weights = address_weights(households)
    table = np.zeros((2, 2, 2))
    for address in (0, 1):
        levels = list(weights) if address else ["missing"]
        for postcode in (0, 1):
            for city in (0, 1):
                table[address, postcode, city] = max(
                    weights[level]
                    + postcode
                    * max(
                        POSTCODE_WEIGHTS[k, level in ADDRESS_COUNTED] for k, _ in POSTCODE_WEIGHTS
                    )
                    + city * max(CITY_WEIGHTS[k, level in ADDRESS_COUNTED] for k, _ in CITY_WEIGHTS)
                    for level in levels
                )
    return table


def slack(p: Prepared, households: bool) -> Floats:
    """Per record, the most the place, phone, contact and generation fields can add to a
    pair's log-odds given only what this record has (each field counts only when both
    records have it, so the smaller of the two records' slacks bounds the pair's)."""
    place = _place_table(households)[
        (p.address[:, 0] != 0).astype(int),
        (p.postcode_len > 0).astype(int),
        (p.city != 0).astype(int),
    ]
    return np.asarray(
        place
        + (p.phone_len > 0) * max(PHONE_WEIGHTS.values())
        + (p.sex != 0) * max(SEX_WEIGHTS.values())
        + (p.nationality != 0) * max(NATIONALITY_WEIGHTS.values())
        + (p.email[:, 0] != 0) * max(EMAIL_WEIGHTS.values())
        + (p.generation != 0) * max(GENERATION_WEIGHTS.values())
    )


def upper_bound(
    pa: Prepared,
    ia: Ints,
    pb: Prepared,
    ib: Ints,
    need: float = -math.inf,
    households: bool = True,
    exact_place: Callable[[Ints, Ints], Floats] | None = None,
) -> Floats:
    """An upper bound of ``compare_persons(a, b, households).log2_odds`` for each pair
    (ia[k], ib[k]).
    In stages, each on the pairs the one before left able to reach ``need``: dates,
    documents and name codes with the other fields at the most they could add; then every
    field; then the spelling tests of the given names; then those of the surnames (the
    costlier). A pair left behind keeps the cheaper bound it had, below ``need``.
    ``exact_place``: the caller's ``compare.place_weight`` of pairs (it has the records),
    asked last for the pairs that only the address, postcode and city at their best keep
    able to reach ``need`` (the bound takes the address as nearly the same and the city as
    misspelt whenever they are not equal: at 1 000 000 x 1 000 000 most pairs left were
    strangers in the same region whose addresses differ)."""
    date = _date_weights(pa, ia, pb, ib, households)
    # (the comparison's DATE_FROM_DOCUMENT only lowers a date's weight: bounded by it)
    document = _document_weights(pa, ia, pb, ib)
    codes = NameCodes(pa, ia, pb, ib)
    names_loose = _name_weights(
        codes, _surname_loose(codes), _max(GIVEN_WEIGHTS, "typo", "initial")
    )
    out = np.asarray(
        PRIOR_LOG2_ODDS
        + date
        + document
        + names_loose
        + np.minimum(pa.slack[ia, int(households)], pb.slack[ib, int(households)])
    )
    first = np.flatnonzero(out >= need - 1e-9)
    if len(first) == 0:
        return out
    if len(first) < len(ia):
        ia, ib = ia[first], ib[first]
        date, document, names_loose = date[first], document[first], names_loose[first]
        codes = codes.subset(first)
    place = _place_weights(pa, ia, pb, ib, households)
    phone = _phone_weights(pa, ia, pb, ib)
    fixed = (
        PRIOR_LOG2_ODDS
        + date
        + document
        + place
        + phone
        + _contact_weights(pa, ia, pb, ib)
        + _generation_weights(pa, ia, pb, ib)
    )
    loose = fixed + names_loose
    keep = np.flatnonzero(loose >= need - 1e-9)
    if len(keep):
        ja, jb, named = ia[keep], ib[keep], codes.subset(keep)
        given_rest, given_top, other_given = _given_rest(pa, ja, pb, jb, named)
        # Other given names and no agreeing document: the family correction takes back the
        # household's positive evidence and the date's above its cap (compare.family_feature).
        family = other_given & (document[keep] < DOCUMENT_WEIGHTS["one character"])
        family &= households
        household = place[keep] + phone[keep] + date[keep]
        kept = np.where(
            family,
            fixed[keep] - household + np.minimum(date[keep], FAMILY_DATE_CAP),
            fixed[keep],
        )
        # The given names settled, the surnames at the most they could give (the costlier
        # spelling tests), then those tests for the pairs still able to reach ``need``.
        loose[keep] = kept + _name_weights(
            named, _surname_loose(named), given_rest, given_top=given_top
        )
        more = np.flatnonzero(loose[keep] >= need - 1e-9)
        if len(more):
            named = named.subset(more)
            ka, kb = ja[more], jb[more]
            surname_rest, surname_top, swapped = _surname_rest(pa, ka, pb, kb, named)
            given, top = given_rest[more], given_top[more]
            names = _name_weights(named, surname_rest, given, swapped, surname_top, top)
            # Then the swapped readings' parts that share no code (the costliest tests),
            # for the pairs only they keep able to reach ``need`` (all without a ``need``).
            cross = (named.cross_surnames | named.cross_given) & ~named.open
            cross &= kept[more] + names >= need - 1e-9
            if need > -math.inf:
                plain = named.unswapped()
                unswapped = _name_weights(plain, surname_rest, given, swapped, surname_top, top)
                cross &= kept[more] + unswapped < need - 1e-9
            swap = np.flatnonzero(cross)
            if len(swap):
                part = named.subset(swap)
                names[swap] = _name_weights(
                    part,
                    surname_rest[swap],
                    given[swap],
                    swapped[swap],
                    surname_top[swap],
                    top[swap],
                    _swaps(pa, ka[swap], pb, kb[swap], part),
                )
            rows = keep[more]
            loose[rows] = kept[more] + names
            if exact_place is not None:
                # Not for the family's pairs: their bound has no household evidence left.
                doubt = (loose[rows] >= need - 1e-9) & ~family[more]
                doubt &= loose[rows] - place[rows] + PLACE_FLOOR < need - 1e-9
                at = rows[np.flatnonzero(doubt)]
                if len(at):
                    loose[at] += exact_place(ia[at], ib[at]) - place[at]
    out[first] = loose
    return out
