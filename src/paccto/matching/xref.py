"""Cross-referencing of two person files, and deduplication of one, without a database.

Records are grouped into blocks by phonetic surname with given-name initial (either way
round; an initial is the first letter or the first sound), alone, with the birth year and
with the day and month of birth, by the initials with the full date of birth, date of birth,
document number, address, phone and email; only pairs sharing a block are compared. The
name alone (a surname's sound with an initial) pairs a record only with records of which
one lacks a full date of birth that can be true (``_dated``): when both have one, a pair
whose dates differ in the year meets by day and month, one whose dates differ in the day
or month meets by year, and one whose dates differ in both cannot score as the same person
on a common name alone (the name blocks were most of the candidate pairs and brought
hardly any match the others miss); a rare name (``RARE_NAME_BLOCK``) pairs all its
records. Document numbers block as typed, without their last character, and with their
characters sorted (two swapped) together with a name's sound.
Blocks larger than ``MAX_BLOCK`` (very common names without other evidence) are skipped for
that key: the other keys still bring such pairs together when they share a date or a
document. So is a name-alone block of more than ``NAME_BLOCK`` pairs (a common name among
records without a date: which namesake is meant, the name alone cannot say; at 1 000 000 x
1 000 000 those blocks gave a third of the candidate pairs, and four in five of the few
links no other key found were wrong; from 2 000 down to 500 pairs, 4.7 M candidate pairs
of 27.5 M fewer, 246 true links and 283 wrong ones lost); and a name's block with the birth
year, or with the day and month, of more than ``NAME_DATE_BLOCK`` pairs (many namesakes
born that year: there, a sixth of the pairs left, and the 31 links no other key found all
wrong; from 500 down to 250, 1.6 M pairs fewer, 4 true links and 44 wrong ones lost). The
name alone also blocks within a postcode, with the name-alone blocks' rule and limit: a
record without a date of birth whose common name's block was too large still meets the
namesakes of its postcode (at 1 000 000 x 1 000 000, 1.2 M pairs more, 5.6 %: 321 true
links more and 161 wrong ones; by city instead, 3.6 M pairs more for 466 and 288). An
address shared by many (a prison, a shelter, a registered office) blocks only up to
``ADDRESS_BLOCK`` pairs: its residents meet by their names and dates.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from paccto.core.collector import no_gc
from paccto.matching.blocking import name_block_parts
from paccto.matching.compare import (
    ALPHA_2,
    RECORD_FIELDS,
    PersonRecord,
    _code_key,
    compare_persons,
    fill_document_dates,
    mailbox,
    mark_cut,
    nationality_code,
    place_weight,
    record_of,
    sex_code,
    sex_word,
)
from paccto.matching.dates import day_first, iso_date, month_first
from paccto.matching.documents import document_key, document_variants
from paccto.matching.forked import fork_map
from paccto.matching.names import person_name_readings
from paccto.matching.prescore import (
    Bools,
    Floats,
    Ints,
    KeyParts,
    Prepared,
    address_block_key,
    code_rows,
    concat,
    factorize,
    key_codes,
    mix,
    name_keys,
    needed_log2_odds,
    upper_bound,
    within,
)
from paccto.matching.text import address_words, phone_digits

MAX_BLOCK = 400
_ID = RECORD_FIELDS.index("id")
_DOB = RECORD_FIELDS.index("date_of_birth")
_SEX = RECORD_FIELDS.index("gender")
Progress = Callable[[int, int], None]


class InputError(ValueError):
    """A file that cannot be read as person records, with the reason."""


def read_records(path: Path) -> list[PersonRecord]:
    """Person records from a CSV file whose headers use the exchange names (others ignored).
    UTF-8, UTF-16 with its byte order mark, or Latin-1 when the file is not valid UTF-8.
    Ids must be unique."""
    with no_gc():
        return _parse_records(path)


def _rows(reader: Any, path: Path) -> Iterator[list[str]]:
    """The rows of a CSV reader; its errors as an ``InputError`` with their line: a field over
    csv.field_size_limit(), a NUL character, a quoted field never closed (the reader is
    strict: such a field would swallow every row after it)..."""
    try:
        yield from reader
    except csv.Error as exc:
        raise InputError(f"{path}: line {reader.line_num}: not a readable CSV file: {exc}") from exc


DELIMITERS = ",;\t|"


def _delimiter(text: str) -> str:
    """What the header row's columns are separated with: of ``DELIMITERS``, the one that
    splits it into the most known column names (a comma where none does). Spreadsheets
    set up for French, Spanish, Italian, Portuguese or Dutch write semicolons."""
    ends = [i for i in (text.find("\n"), text.find("\r")) if i >= 0]
    header = text[: min(ends, default=len(text))]
    best, most = ",", 0
    for delimiter in DELIMITERS:
        cells = next(csv.reader([header], delimiter=delimiter), [])
        known = sum(1 for h in cells if h.strip().lower() in RECORD_FIELDS)
        if known > most:
            best, most = delimiter, known
    return best


def _parse_records(path: Path) -> list[PersonRecord]:
    raw = path.read_bytes()
    try:
        if raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):  # Excel's "Unicode text"
            text = raw.decode("utf-16")
        else:
            text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    # line ends \n, \r\n or \r
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    rows = _rows(reader, path)
    fieldnames = next(rows, None)
    if not fieldnames:
        raise InputError(f"{path}: no header row")
    headers = {h.strip().lower(): h for h in fieldnames if h}
    if not headers.keys() & set(RECORD_FIELDS):
        raise InputError(
            f"{path}: no column of the header row has a known name ({', '.join(RECORD_FIELDS)})"
        )
    # Where each known column is (the last of equal headers, as a csv.DictReader reads it).
    where = {
        c: max(i for i, h in enumerate(fieldnames) if h == headers[c])
        for c in RECORD_FIELDS
        if c in headers
    }
    # Every field read from the row, an absent column from an empty text put at its end.
    width = len(fieldnames)
    take = itemgetter(*(where.get(c, width) for c in RECORD_FIELDS))
    records, seen, written, sexes = [], set(), set(), set()
    number = 1
    for row in rows:
        if not row:  # blank lines are skipped, as csv.DictReader does
            continue
        number += 1
        if len(row) < width:  # missing cells are empty
            row += [""] * (width - len(row))
        row.insert(width, "")
        values = list(map(str.strip, take(row)))  # in the order of RECORD_FIELDS
        record_id = values[_ID] = values[_ID] or str(number - 1)
        if record_id in seen:
            raise InputError(f"{path}: line {reader.line_num}: duplicate id {record_id!r}")
        seen.add(record_id)
        written.add(values[_DOB])
        sexes.add(values[_SEX])
        records.append(record_of(values))
    _iso_dates(records, written)
    _sexes(records, sexes)
    mark_cut_names(records)
    return records


# A width at which a file's name field was cut short (registers, old systems and their
# exports keep names in fixed-width fields: Manuel Francisco Dom, Pereira Guer): far more
# distinct values of that length than of the lengths around it (``cut_widths``).
CUT_MIN_WIDTH = 8  # no field is that narrow
CUT_MIN_VALUES = 20  # distinct values of the one length, at least
CUT_SPIKE = 4  # times the mean count of the lengths two to four away on either side
CUT_FIELDS = ("full_name", "surname", "second_surname")


def cut_widths(values: Sequence[str]) -> set[int]:
    """The lengths at which a field's values look cut short: many distinct values of one
    length, the lengths around it far fewer (natural lengths spread; a value repeated
    does not count). One shorter than the width (a space cut off) is not compared. Counted
    over all values first, then, where one length stands out, over the distinct ones."""
    widths = _spikes(Counter(map(len, values)))
    if widths:
        widths &= _spikes(Counter(map(len, set(values))))
    return widths


def _spikes(counts: Counter[int]) -> set[int]:
    widths = set()
    for width, count in counts.items():
        if width < CUT_MIN_WIDTH or count < CUT_MIN_VALUES:
            continue
        around = [counts.get(width + d, 0) for d in (-4, -3, -2, 2, 3, 4)]
        if count >= CUT_SPIKE * max(1.0, sum(around) / len(around)):
            widths.add(width)
    return widths


def _last_name_field(record: PersonRecord) -> str:
    """The field whose last word ends the record's name as read (``person_name_readings``:
    the fields if any, else the name in one field); "" for a given name alone."""
    if record.second_surname:
        return "second_surname"
    if record.surname:
        return "surname"
    if record.given_name:
        return ""
    return "full_name"


CUT_SAMPLE = 50_000  # records whose values are looked at first (a large file: every k-th)


def mark_cut_names(records: Sequence[PersonRecord], sample: int = CUT_SAMPLE) -> int:
    """Mark (``compare.mark_cut``) the records whose name ends in a field cut short at a
    width the file's values show (``cut_widths``); how many. A large file's widths are
    looked for in a sample of its records first (reading a field of a million records
    takes a sixth of a second), then in all of them: ``sample`` records at most."""
    step = max(1, len(records) // sample)
    some = records[::step]
    widths = {f: cut_widths(list(map(attrgetter(f), some))) for f in CUT_FIELDS}
    if not any(widths.values()):
        return 0
    if step > 1:
        widths = {
            f: cut_widths(list(map(attrgetter(f), records))) if found else found
            for f, found in widths.items()
        }
    # And one shorter: cut where a space was, the space stripped (Douglas Rodrigo dos, its
    # surnames lost after the particle; a sixth of the cut values of a Spanish file).
    widths = {f: found | {w - 1 for w in found} for f, found in widths.items()}
    marked = 0
    for record in records:
        field = _last_name_field(record)
        if field and len(getattr(record, field)) in widths[field]:
            mark_cut(record)
            marked += 1
    return marked


# Nationalities of the countries whose registers write M (man) and V (vrouw).
DUTCH_SPEAKING = frozenset({"NL", "SR", "BE", "AW", "CW", "SX", "BQ", "AN"})


# How Spanish and Portuguese files write a man in words, where M is a woman (mujer, mulher)
# unless the file also writes women with F or a word in F (femenino, feminino, female: then
# M is masculino, and the words a few records' own).
_MEN_OF_IBERIAN_FILES = frozenset({"hombre", "homem", "varon"})


def _sexes(records: list[PersonRecord], written: set[str]) -> None:
    """The sexes a file's letters mean (``compare.SEX_CODES`` reads M as male, as most files
    mean it). In a file that writes H for men (hombre, homem), or varón, hombre or homem
    and no F nor a word in F (femenino), M is a woman (mujer, mulher).
    In one that writes M and V and nothing read as a woman, where more than half of its
    records with a known nationality are of a Dutch-speaking country, M and V are man and
    vrouw (V was read as a letter of its own: a Dutch woman was not the F of another file).
    In other files of M and V, both are read as neither: V is varón and M mujer in Spanish
    registers (every woman of one would otherwise be a man, "different" from her F in the
    other file), and the nationalities do not tell a Spanish file from a Dutch register of
    foreigners (of Colombians, say)."""
    codes = {sex_code(v) for v in written}
    words = {v: sex_word(v) for v in written}  # (a label before it left out: Sexo: M)
    letters = set(words.values())
    if "h" in letters or (
        not letters.isdisjoint(_MEN_OF_IBERIAN_FILES) and not any(v[:1] == "f" for v in letters)
    ):
        _rewrite(records, "gender", {v: "F" for v in written if words[v] == "m"})
    elif "m" in codes and "v" in letters and "f" not in codes:
        nationalities = Counter(nationality_code(r.nationality) for r in records)
        known = sum(n for code, n in nationalities.items() if code in ALPHA_2)
        dutch = sum(n for code, n in nationalities.items() if code in DUTCH_SPEAKING)
        if dutch * 2 > known > 0:
            _rewrite(records, "gender", {v: "F" for v in written if words[v] == "v"})
        else:
            _rewrite(records, "gender", {v: "" for v in written if words[v] == "m"})


def _iso_dates(records: list[PersonRecord], written: set[str]) -> None:
    """Dates of birth as the engine reads them (``iso_date``: 15/07/1980, 1980-00-00...),
    worked out per distinct date (``written``: the records' dates), in a file that writes
    the month first (``dates.month_first``: 07/15/1980) with the day first; the records of
    dates already so are left alone."""
    read = (lambda d: iso_date(day_first(d))) if month_first(written) else iso_date
    _rewrite(records, "date_of_birth", {d: iso for d in written if (iso := read(d)) != d})


def _rewrite(records: list[PersonRecord], name: str, changed: dict[str, str]) -> None:
    """The field ``name`` of the records whose value ``changed`` has, rewritten so (in
    place, as record_of built them)."""
    if changed:
        for record in records:
            value = changed.get(record.__dict__[name])
            if value is not None:
                record.__dict__[name] = value


DOB_BLOCK = 64  # a date of birth alone blocks only while few share it; else with initials
RARE_NAME_BLOCK = 64  # a name block this small pairs dated records too
NAME_BLOCK = 500  # the most pairs a name-alone block may give (see the module's text)
NAME_DATE_BLOCK = 250  # the most pairs a name's block with the year or day and month may give
# Pairs an address block may give. Measured on the generated files: at 1M x 1M, address
# blocks over 1024 pairs gave 16.6 M of 19.6 M address pairs (a fifth of all candidate
# pairs) for 15 of about 500 000 links no other key found; at 200k x 200k, none.
ADDRESS_BLOCK = 1024


def block_keys(record: PersonRecord) -> set[str]:
    """The blocks a record belongs to. Keys of the name alone begin with ``sg:`` (``sp:``
    in a postcode): they pair a record only with records of which one is not ``_dated``
    (``Blocks``)."""
    keys: set[str] = set()
    date = _known_date(record.date_of_birth)
    year = date[:4]
    full_date = len(date) == 10
    dated = _dated(date)
    with_year, pairs, with_date, sounds, bare = name_block_parts(record.names)
    alone = [f"sg:{sound}:{letter}" for sound, letter in pairs]
    keys.update(f"sg:{sound}:{letter}" for sound, letter in bare)
    if year:
        for near in (year, *_near_years(date)):
            keys.update(f"sy:{key}:{near}" for key in (*with_year, *alone))
    keys.update(alone)
    postcode = _code_key(record.postcode)
    if postcode:  # the name alone in a postcode
        keys.update(f"sp:{key[3:]}|{postcode}" for key in alone)
    if full_date:
        keys.update(f"bi:{date}:{pair}" for pair in with_date)
        keys.update(f"bs:{date}:{sound}" for sound in sounds)
    if dated:
        day = _day_key(date)
        keys.update(f"{key}:{day}" for key in alone)
    swapped = _swapped_document_key(document_key(record.document_number))
    if swapped:
        keys.update(f"{swapped}:{sound}" for sound in sounds)
    keys.update(_other_keys(record))
    return keys


def _known_date(date: str) -> str:
    """A record's date of birth, or "" for one written for none (``iso_date``: 1900-01-01,
    ``dates.NO_DATE``), which the comparison reads as no date."""
    return "" if date and not iso_date(date) else date


def _dated(date: str) -> bool:
    """A full date of birth that can be true (an impossible month or day is a typing
    error, 1900-01-01 none: such a record meets its namesakes as one without a date)."""
    if len(date) != 10 or not (date[5:7].isdecimal() and date[8:10].isdecimal()):  # not ²
        return False
    if not _known_date(date):
        return False
    return 1 <= int(date[5:7]) <= 12 and 1 <= int(date[8:10]) <= 31


def _near_years(date: str) -> tuple[str, ...]:
    """Of a date of birth that gives the year alone (1979, or 1 January that registers
    write for it: ``dates.year_placeholder``), the years before and after, which its name
    blocks with too: a year worked out from an age is one off as often (born 1987-12-02,
    1988 or 1988-01-01 in a file of ages), and the comparison reads them as near
    ("near_year"). None for other dates (1979-05 says more than an age)."""
    if not date[:4].isdecimal() or (len(date) != 4 and not (_dated(date) and date[5:] == "01-01")):
        return ()
    year = int(date[:4])
    return (f"{year - 1:04d}", f"{year + 1:04d}")


def _day_key(date: str) -> str:
    """Day and month of a full date, in either order (a day and month swapped meet)."""
    return "".join(sorted((date[5:7], date[8:10])))


def _document_keys(document: str) -> list[str]:
    """Of a ``document_key`` of five characters or more, ``documents.document_variants``:
    the number, without its last character, and its digits after series letters."""
    if len(document) < 5:
        return []
    return [f"d:{v}" for v in document_variants(document)]


def _swapped_document_key(document: str) -> str:
    """Of a ``document_key``: its characters in order (two of them swapped meet), which
    blocks with a name's sound: numbers of the same digits are far too many to block alone
    in a large file."""
    return f"t:{''.join(sorted(document))}" if len(document) >= 5 else ""


def _date_key(date: str) -> str:
    return f"b:{date}" if len(date) == 10 else ""


def _address_key(text: str) -> str:
    return address_block_key(address_words(text))


def _phone_key(text: str) -> str:
    return _phone_block_key(phone_digits(text))


def _phone_block_key(digits: str) -> str:
    """Of a phone's ``phone_digits``."""
    return f"p:{digits}" if digits else ""


def _email_key(text: str) -> str:
    email = mailbox(text)
    return f"e:{email}" if email else ""


def _other_keys(record: PersonRecord) -> list[str]:
    """The keys of the fields other than the name."""
    keys = [
        _date_key(_known_date(record.date_of_birth)),
        _address_key(record.address),
        _phone_key(record.phone),
        _email_key(record.email),
    ]
    return _document_keys(document_key(record.document_number)) + [k for k in keys if k]


DATE_FLAG = 1 << 62  # marks the codes of date-of-birth blocks (a smaller size limit)
NAME_ONLY_FLAG = 1 << 61  # marks the codes of name-alone blocks (not for two dated records)
ADDRESS_FLAG = 1 << 60  # marks the codes of address blocks (a smaller size limit)
NAME_DATE_FLAG = 1 << 59  # marks the codes of a name's blocks with the year or the day and month
CHUNK_PAIRS = 1 << 20  # pairs made at once (Blocks.pair_keys), about the most a bound task has


Keys = tuple[Ints, Ints, Bools]  # codes, their records, whether each record is ``_dated``


def _key_parts(records: Sequence[PersonRecord]) -> KeyParts:
    """``Prepared.key_parts`` without the rest of the table."""
    keys = [(r.full_name, r.given_name, r.surname, r.second_surname) for r in records]
    distinct, index = factorize(keys)
    names = name_keys([name_block_parts(person_name_readings(*k)) for k in distinct], index)
    numbers, number_index = factorize([r.document_number for r in records])
    phones, phone_index = factorize([r.phone for r in records])
    addresses, address_index = factorize([r.address for r in records])
    postcodes, postcode_index = factorize([r.postcode for r in records])
    return (
        names,
        ([document_key(v) if v else "" for v in numbers], number_index),
        ([phone_digits(v) for v in phones], phone_index),
        ([_address_key(v) for v in addresses], address_index),
        ([_code_key(v) if v else "" for v in postcodes], postcode_index),
    )


def _key_codes(
    records: Sequence[PersonRecord], offset: int = 0, reused: KeyParts | None = None
) -> Keys:
    """Every distinct (block code, record index): the codes of ``block_keys``, worked out
    per distinct value and combined in arrays; and whether each record is ``_dated``.
    ``reused``: the parts a table already worked out (``Prepared.key_parts``)."""
    n = len(records)
    (
        names,
        (documents, number_index),
        (phones, phone_index),
        (addresses, address_index),
        (postcodes, postcode_index),
    ) = reused or _key_parts(records)
    dates, date_index = factorize([r.date_of_birth for r in records])
    dates = [_known_date(d) for d in dates]
    year = key_codes([d[:4] for d in dates])[date_index]
    near = [_near_years(d) or ("", "") for d in dates]
    near_years = [key_codes([y[k] for y in near])[date_index] for k in range(2)]
    full = key_codes([d if len(d) == 10 else "" for d in dates])[date_index]
    known = [_dated(d) for d in dates]
    dated = np.array(known, dtype=bool)
    days = key_codes([_day_key(d) if ok else "" for d, ok in zip(dates, known, strict=True)])
    day = days[date_index]
    document = code_rows([_document_keys(d) for d in documents], 3, none_for_empty=True)
    swapped = key_codes([_swapped_document_key(d) for d in documents])[number_index]
    year_owners, year_sounds = names[0]
    alone_owners, alone = names[1]
    date_owners, with_date = names[2]
    sound_owners, sounds = names[3]
    bare_owners, bare = names[4]
    pieces = [
        (year_owners, _flagged(mix(year_sounds, year[year_owners], 1), NAME_DATE_FLAG)),
        (alone_owners, _flagged(mix(alone, year[alone_owners], 1), NAME_DATE_FLAG)),
        (alone_owners, _flagged(alone, NAME_ONLY_FLAG)),
        (bare_owners, _flagged(bare, NAME_ONLY_FLAG)),
        (alone_owners, _flagged(mix(alone, day[alone_owners], 3), NAME_DATE_FLAG)),
        (date_owners, mix(with_date, full[date_owners], 2)),
        (sound_owners, mix(sounds, full[sound_owners], 5)),
        (sound_owners, mix(sounds, swapped[sound_owners], 4)),
    ]
    # The name alone in a postcode: where a name-alone block of a common name gives too many
    # pairs (``NAME_BLOCK``), records without a date of birth still meet their namesakes
    # of one postcode (see the module's text).
    postcode = key_codes(postcodes)[postcode_index]
    pieces.append((alone_owners, _flagged(mix(alone, postcode[alone_owners], 7), NAME_ONLY_FLAG)))
    # the years next to a year given alone (``_near_years``), for the few records that have one
    for codes_of_year in near_years:
        for owners, parts in ((year_owners, year_sounds), (alone_owners, alone)):
            some = np.flatnonzero(codes_of_year[owners])
            if len(some):
                near_codes = mix(parts[some], codes_of_year[owners[some]], 1)
                pieces.append((owners[some], _flagged(near_codes, NAME_DATE_FLAG)))
    rows = np.arange(n, dtype=np.int64)
    birth = _flagged(key_codes([_date_key(d) for d in dates]), DATE_FLAG)
    pieces.append((rows, birth[date_index]))
    pieces += [(rows, column) for column in document[number_index].T]
    pieces.append((rows, key_codes([_phone_block_key(v) for v in phones])[phone_index]))
    pieces.append((rows, _flagged(key_codes(addresses), ADDRESS_FLAG)[address_index]))
    emails, email_index = factorize([r.email for r in records])
    pieces.append((rows, key_codes([_email_key(v) for v in emails])[email_index]))
    codes = np.concatenate([piece[1] for piece in pieces])
    owners = np.concatenate([piece[0] for piece in pieces])
    keep = np.flatnonzero(codes)
    codes, owners = codes[keep], owners[keep]
    dated = dated[date_index]
    ordered, owners = _distinct_pairs(_order_key(codes, dated[owners]), owners, n)
    return (ordered >> np.uint64(1)).astype(np.int64), owners + offset, dated


def _distinct_pairs(
    keys: npt.NDArray[np.uint64], owners: Ints, n: int
) -> tuple[npt.NDArray[np.uint64], Ints]:
    """The distinct (key, owner) pairs sorted by key, then owner (``owners`` below ``n``):
    ``np.lexsort`` in about half its time (a 250 000-record part's 6.3 M keys: 0.79 ->
    0.36-0.55 s). The keys are sorted once, and each pair becomes one number, its key's
    rank and its owner, which sorts fast."""
    shift = max(1, n.bit_length())
    if len(keys) == 0 or len(keys).bit_length() + shift > 64:
        order = np.lexsort((owners, keys))
        keys, owners = keys[order], owners[order]
        first = _changes(keys)
        first[1:] |= owners[1:] != owners[:-1]
        return keys[first], owners[first]
    order = np.argsort(keys)
    keys = keys[order]
    starts = _changes(keys)
    ranks = np.cumsum(starts, dtype=np.uint64) - np.uint64(1)
    pairs = (ranks << np.uint64(shift)) | owners[order].astype(np.uint64)
    pairs.sort()
    pairs = pairs[_changes(pairs)]
    distinct = keys[starts]
    owned = (pairs & np.uint64((1 << shift) - 1)).astype(np.int64)
    return distinct[(pairs >> np.uint64(shift)).astype(np.int64)], owned


def _changes(values: npt.NDArray[Any]) -> Bools:
    """Of sorted values, where each run of equal ones starts (the first value's place
    included)."""
    starts = np.ones(len(values), dtype=bool)
    np.not_equal(values[1:], values[:-1], out=starts[1:])
    return starts


def _flagged(codes: Ints, flag: int) -> Ints:
    """Codes marked with the flag of their kind of block (0 stays 0: no key)."""
    return np.where(codes != 0, codes | flag, 0)


def _order_key(codes: Ints, dated: Bools, in_place: bool = False) -> npt.NDArray[np.uint64]:
    """A code and whether its record is ``_dated`` as one number, in the order of the
    ``Keys`` (by code, the records not dated first); ``in_place``: in the codes' own memory
    (the code is the number shifted right by one). Codes are below 2**63."""
    key = codes.view(np.uint64)
    key = np.left_shift(key, np.uint64(1), out=key if in_place else None)
    np.bitwise_or(key, dated, out=key)
    return key


def _sorted(keys: list[Keys]) -> Keys:
    """The parts' keys (each sorted by ``_key_codes``, the parts' records in order:
    ``offset``) merged: sorted by code, the records not ``_dated`` first within each code,
    then by record. The list of parts is emptied (memory)."""
    if len(keys) == 1:
        return keys.pop()
    codes = np.concatenate([k[0] for k in keys])
    owners = np.concatenate([k[1] for k in keys])
    dated = np.concatenate([k[2] for k in keys])
    keys.clear()
    # A stable sort of sorted runs merges them (timsort), in a fraction of a full sort.
    key = _order_key(codes, dated[owners], in_place=True)
    order = np.argsort(key, kind="stable")
    # Gathered into arrays no longer needed where they can be: at 1 000 000 records a side
    # they are 200 MB each, and memory this process has not used yet costs more to touch
    # than the sort (``take`` copies through a temporary array unless told the indices are
    # valid: "clip").
    owned = np.take(owners, order, mode="clip")
    ordered = np.take(key, order, out=owners.view(np.uint64), mode="clip")
    del order, key, codes
    np.right_shift(ordered, np.uint64(1), out=ordered)
    return ordered.view(np.int64), owned, dated


def _runs(codes: Ints) -> tuple[Ints, Ints, Ints]:
    """Of sorted codes (``_sorted``), each distinct code, where its run starts and its
    length (``np.unique``'s answer without sorting again)."""
    starts = np.flatnonzero(_changes(codes))
    lengths = np.diff(starts, append=len(codes))
    return codes[starts], starts, lengths


def _undated(keys: Keys, starts: Ints) -> Ints:
    """Per run of one code (from ``starts``), its records not ``_dated``."""
    _codes, owners, dated = keys
    if len(owners) == 0:
        return np.zeros(0, dtype=np.int64)
    # Counted as int64 without an int64 copy of every key's flag (memory first touched
    # costs: 200 MB a side at 1 000 000 records).
    return np.add.reduceat(~dated[owners], starts, dtype=np.int64)


class Blocks:
    """The blocks two files (or one, ``right is None``) share, as rectangles of sorted
    arrays (left rows by right columns); pairs are generated a chunk of rectangles at a
    time so memory stays bounded. A block of the name alone gives two rectangles: its
    records not ``_dated`` against all, and its dated ones against the undated."""

    def __init__(self, left: Keys, right: Keys | None, right_size: int) -> None:
        self.same = right is None
        right = left if right is None else right
        left_codes, self.left_owner = left[0], left[1]
        right_codes, self.right_owner = right[0], right[1]
        # Arrays over every distinct code are let go of as soon as they are read: with a
        # million records a side they are the largest of the run.
        ul, sl, cl = _runs(left_codes)
        lu = _undated(left, sl)
        ur, sr, cr = _runs(right_codes)
        ru = _undated(right, sr)
        at = np.minimum(np.searchsorted(ur, ul), max(len(ur) - 1, 0))
        found = np.flatnonzero(ur[at] == ul) if len(ur) else np.zeros(0, dtype=np.int64)
        shared = ul[found]
        ls, lc, lu = sl[found], cl[found], lu[found]
        del ul, sl, cl
        at = at[found]
        rs, rc, ru = sr[at], cr[at], ru[at]
        del ur, sr, cr, at, found
        product = lc * rc
        # A rare name pairs all its records (a rare name is evidence in itself).
        name_only = ((shared & NAME_ONLY_FLAG) != 0) & (product > RARE_NAME_BLOCK)
        size = np.where(name_only, lu * rc + (lc - lu) * ru, product)
        limit = np.select(
            [
                (shared & DATE_FLAG) != 0,
                (shared & ADDRESS_FLAG) != 0,
                name_only,
                (shared & NAME_DATE_FLAG) != 0,
            ],
            [DOB_BLOCK, ADDRESS_BLOCK, NAME_BLOCK, NAME_DATE_BLOCK],
            MAX_BLOCK * MAX_BLOCK // 4,
        )
        kept = np.flatnonzero((size <= limit) & (size > (1 if self.same else 0)))
        del product, size, limit, shared
        ls, lc, lu, rs, rc, ru, name_only = (a[kept] for a in (ls, lc, lu, rs, rc, ru, name_only))
        # Rectangle A: all of a block, or a name block's undated left records against the
        # right (in one file: against the undated, the dated come in B); B: a name block's
        # dated left records against the undated right.
        a_rows = np.where(name_only, lu, lc)
        a_columns = np.where(name_only & self.same, ru, rc)
        b_rows = np.where(name_only, lc - lu, 0)
        b_columns = np.where(name_only, ru, 0)
        # Both rectangles of a block side by side (B empty for the other keys).
        self.left_start = np.stack((ls, ls + a_rows), axis=1).ravel()
        self.right_start = np.stack((rs, rs), axis=1).ravel()
        self.left_count = np.stack((a_rows, b_rows), axis=1).ravel()
        self.right_count = np.stack((a_columns, b_columns), axis=1).ravel()
        # In one file, rectangle B's pairs are (dated, undated): taken either way round.
        self.either = np.tile([False, True], len(kept))
        self.product = self.left_count * self.right_count
        self.total = int(self.product.sum())
        self.width = right_size + 1

    @classmethod
    def of(cls, left: Sequence[PersonRecord], right: Sequence[PersonRecord] | None) -> Blocks:
        keys = _sorted([_key_codes(left)])
        other = None if right is None else _sorted([_key_codes(right)])
        return cls(keys, other, len(left if right is None else right))

    def chunks(self, size: int = CHUNK_PAIRS) -> list[tuple[int, int]]:
        """Ranges of blocks of about ``size`` pairs each."""
        ends = np.cumsum(self.product)
        cuts = np.searchsorted(ends, np.arange(size, self.total + size, size), side="left")
        out, begin = [], 0
        for cut in cuts:
            end = min(int(cut) + 1, len(self.product))
            if end > begin:
                out.append((begin, end))
                begin = end
        return out

    def pair_keys(self) -> Ints:
        """Every distinct record pair of the blocks once (left < right within one file), as
        ``left * width + right``, in order: by left record, then right. A pair that several
        blocks share (a name with the year, the date of birth, the document...) is scored
        once: at 1 000 000 x 1 000 000 a fifth of the blocks' pairs were such repeats. The
        blocks' pairs are made a chunk at a time into one array (8 bytes a pair)."""
        keys = np.empty(self.total, dtype=np.int64)
        filled = 0
        for begin, end in self.chunks():
            part = self._keys(begin, end)
            keys[filled : filled + len(part)] = part
            filled += len(part)
        keys = keys[:filled]
        keys.sort()  # numpy's sort of integers is much faster than np.unique's hash
        return keys[_changes(keys)]

    def grouped_keys(self, left_size: int, size: int) -> tuple[Ints, list[tuple[int, int]]]:
        """The blocks' record pairs as ``pair_keys`` gives them, but only grouped: by ranges
        of ``left_size / groups`` left records, about ``size`` pairs a group, in no order
        within a group and with their repeats (a pair and its repeats in the same group:
        whoever works on a group sorts it and drops them); and each group's place in the
        array. ``pair_keys``'s sort of all of them took one core 3 s at 1 000 000 x
        1 000 000 (34 M keys) while the other waited; the bound sorts each task's pairs
        anyway, on both cores."""
        groups = max(1, -(-self.total // max(1, size)))
        span = max(1, left_size) * self.width  # a key is below it
        keys_a_group = -(-span // groups)  # a group's range of keys (no product to overflow)
        kind = np.uint16 if groups <= 1 << 16 else np.uint32  # uint16: numpy's radix sort
        pieces: list[list[Ints]] = [[] for _ in range(groups)]
        for begin, end in self.chunks():
            part = self._keys(begin, end)
            group = (part // keys_a_group).astype(kind)
            counts = np.bincount(group, minlength=groups).tolist()
            part = part[np.argsort(group, kind="stable")]  # a radix sort of small numbers
            del group
            at = 0
            for g, count in enumerate(counts):
                if count:  # copies: the chunk let go of at once (memory)
                    pieces[g].append(part[at : at + count].copy())
                    at += count
        keys = np.empty(sum(len(x) for piece in pieces for x in piece), dtype=np.int64)
        bounds, filled = [], 0
        for g in range(groups):
            start = filled
            for x in pieces[g]:
                keys[filled : filled + len(x)] = x
                filled += len(x)
            pieces[g] = []
            if filled > start:
                bounds.append((start, filled))
        return keys, bounds

    def _keys(self, begin: int, end: int) -> Ints:
        """The record pairs of blocks begin..end as keys (``pair_keys``), repeats kept."""
        product = self.product[begin:end]
        block = np.repeat(np.arange(len(product)), product)
        offsets = within(product)
        width = self.right_count[begin:end][block]
        ia = self.left_owner[self.left_start[begin:end][block] + offsets // width]
        ib = self.right_owner[self.right_start[begin:end][block] + offsets % width]
        if self.same:
            keep = np.flatnonzero(np.where(self.either[begin:end][block], ia != ib, ia < ib))
            ia, ib = np.minimum(ia[keep], ib[keep]), np.maximum(ia[keep], ib[keep])
        return np.asarray(ia * self.width + ib)


def candidate_pairs(
    left: list[PersonRecord], right: list[PersonRecord] | None
) -> list[tuple[int, int]]:
    """Index pairs (left, right) to compare; within one file when ``right`` is None."""
    blocks = Blocks.of(left, right)
    keys = blocks.pair_keys()
    return list(zip((keys // blocks.width).tolist(), (keys % blocks.width).tolist(), strict=True))


@dataclass
class _Job:
    """What every worker needs, inherited by fork rather than pickled."""

    left: Sequence[PersonRecord]
    right: Sequence[PersonRecord]
    prepared_left: Prepared
    prepared_right: Prepared
    threshold: float
    keys: Ints  # the candidate pairs, left * width + right, grouped (Blocks.grouped_keys)
    groups: list[tuple[int, int]]  # each group's range of ``keys``: the bound's tasks
    width: int
    best_only: bool = False  # only the best pair per left record is wanted
    households: bool = True  # whether the family correction applies (see household_share)
    survivors: tuple[Ints, Ints, Floats] | None = None  # sorted by left, bound descending
    here: bool = False  # this process works as one of the workers (``_here``)


_JOB: _Job | None = None
# Below these, forking worker processes costs more than it saves (measured on the FEBRL
# files and the generated benchmark, 10 000 and 8 200 records, with a process pool that
# cost 10-14 ms to start and stop; two workers of ``fork_map`` cost about 5 ms).
SINGLE_PROCESS_PAIRS = 20_000  # candidate pairs from which both cores bound them
PARALLEL_COMPARE = 2_000  # survivors from which both cores compare them
Found = list[tuple[int, int, float]]


def _bound(task: tuple[int, int]) -> tuple[Ints, Ints, Floats, int]:
    """The candidate pairs begin..end whose bound can reach the threshold, with their bound."""
    job = _JOB
    assert job is not None
    begin, end = task
    keys = job.keys[begin:end]
    # By right record: a task's left records are a narrow range of rows, so both tables are
    # read in order (the bound a sixth faster at 1 000 000 x 1 000 000 than by left record);
    # a pair that several blocks gave, once.
    height = len(job.left) + 1
    turned = np.sort((keys % job.width) * height + keys // job.width)
    turned = turned[_changes(turned)]
    ia, ib = turned % height, turned // height
    need = needed_log2_odds(job.threshold)
    bound = upper_bound(
        job.prepared_left, ia, job.prepared_right, ib, need, job.households, _exact_places
    )
    keep = np.flatnonzero(bound >= need - 1e-9)
    return ia[keep], ib[keep], bound[keep], len(ia)


def _exact_places(ia: Ints, ib: Ints) -> Floats:
    """``compare.place_weight`` of the pairs (the bound's last test, ``upper_bound``)."""
    job = _JOB
    assert job is not None
    left, right, households = job.left, job.right, job.households
    weights = (
        place_weight(left[i], right[j], households)
        for i, j in zip(ia.tolist(), ib.tolist(), strict=True)
    )
    return np.fromiter(weights, dtype=np.float64, count=len(ia))


def _probability(log2_odds: float) -> float:
    """``Comparison.probability`` of a log-odds (so that equal inputs give equal outputs)."""
    odds: float = 2.0**log2_odds
    return odds / (1.0 + odds)


def _compare(task: tuple[int, int]) -> tuple[Found, int]:
    """The full comparison of survivors begin..end, at or above the threshold. For the best
    pair per left record, a left record's pairs come by decreasing bound, and those whose
    bound cannot reach the best probability found so far are not compared."""
    job = _JOB
    assert job is not None and job.survivors is not None
    begin, end = task
    ia, ib, bound = (a[begin:end].tolist() for a in job.survivors)
    out: Found = []
    compared = 0
    best_left, best = -1, 2.0
    for i, j, b in zip(ia, ib, bound, strict=True):
        if job.best_only:
            if i != best_left:
                best_left, best = i, job.threshold
            elif _probability(b + 1e-9) < best:
                continue
        compared += 1
        probability = compare_persons(job.left[i], job.right[j], job.households).probability
        if probability >= job.threshold:
            if job.best_only and out and out[-1][0] == i:
                # The best of the left record's so far: the higher, or of two equal the
                # lower right record (``xref``'s order).
                _, other, found = out[-1]
                if probability > found or (probability == found and j < other):
                    out[-1] = (i, j, probability)
            else:
                out.append((i, j, probability))
            best = max(best, probability)
    return out, compared


def _ranges(left: Ints, parts: int) -> list[tuple[int, int]]:
    """About ``parts`` ranges of a sorted array, never splitting a run of equal values."""
    n = len(left)
    if n == 0:
        return []
    cuts = [0]
    for k in range(1, parts):
        at = int(np.searchsorted(left, left[min(n - 1, k * n // parts)], side="left"))
        if at > cuts[-1]:
            cuts.append(at)
    cuts.append(n)
    return [(a, b) for a, b in pairwise(cuts) if b > a]


def _execute(
    job: _Job,
    workers: int | None,
    progress: Progress | None,
    stats: dict[str, float] | None = None,
) -> Found:
    """Two passes: the bound on every candidate pair (``job.keys``, in ranges of consecutive
    left records), then the full comparison of the pairs that can reach the threshold."""
    global _JOB
    _JOB = job
    total = len(job.keys)
    requested, workers = workers, _workers(total, workers)
    tasks = job.groups
    found: Found = []
    done = scored = 0
    start = time.perf_counter()
    try:
        parts: list[tuple[Ints, Ints, Floats]] = []
        bounds = fork_map(_bound, tasks, workers, job.here)
        for (begin, end), (ia, ib, bound, size) in zip(tasks, bounds, strict=True):
            parts.append((ia, ib, bound))
            scored += size
            done += end - begin
            if progress:
                progress(done * 9 // 10, total)
        bounded = time.perf_counter()
        ia = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
        ib = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int64)
        bound = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0)
        # By left record, best bound first.
        order = np.lexsort((ib, -bound, ia))
        job.survivors = (ia[order], ib[order], bound[order])
        # The comparison costs a hundred times the bound per pair: the cores compare from
        # fewer pairs than bound them (FEBRL4's 16 000 pairs, 5 000 survivors: a tenth of the
        # run's time saved), one worker per PARALLEL_COMPARE survivors at most.
        comparing = min(_cores(requested), max(1, len(order) // max(1, PARALLEL_COMPARE)))
        ranges = _ranges(job.survivors[0], comparing * 8 if comparing > 1 else 1)
        compared = 0
        for rows, count in fork_map(_compare, ranges, comparing, job.here):
            found.extend(rows)
            compared += count
    finally:
        _JOB = None
    if progress:
        progress(total, total)
    if stats is not None:
        stats["pairs"] = stats.get("pairs", 0) + scored
        stats["survivors"] = stats.get("survivors", 0) + len(order)
        stats["compared"] = stats.get("compared", 0) + compared
        stats["bound_seconds"] = stats.get("bound_seconds", 0) + bounded - start
        stats["compare_seconds"] = time.perf_counter() - bounded
    return found


def _task_pairs(pairs: int, workers: int | None) -> int:
    """About how many candidate pairs a bound task takes: four tasks a core or more, of at
    least 20 000 pairs and at most ``CHUNK_PAIRS``."""
    return max(20_000, min(CHUNK_PAIRS, pairs // (_workers(pairs, workers) * 4) + 1))


def _workers(pairs: int, workers: int | None) -> int:
    return 1 if pairs < SINGLE_PROCESS_PAIRS else _cores(workers)


def _cores(workers: int | None) -> int:
    """The worker processes asked for, else one per core."""
    return workers or os.cpu_count() or 1


def score_pairs(
    left: list[PersonRecord],
    right: list[PersonRecord],
    pairs: list[tuple[int, int]],
    threshold: float,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Iterator[tuple[int, int, float]]:
    """Compare candidate pairs (on every core for many); yield those at or above the
    threshold."""
    width = len(right) + 1
    array = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    keys = np.unique(array[:, 0] * width + array[:, 1])  # each pair once, in order
    step = _task_pairs(len(keys), workers)
    groups = [(begin, min(begin + step, len(keys))) for begin in range(0, len(keys), step)]
    tables = Prepared(left), Prepared(right)
    here = _here(len(left) + len(right))
    job = _Job(left, right, *tables, threshold, keys, groups, width, here=here)
    yield from _execute(job, workers, progress)


HOUSEHOLD_SHARE = 0.05  # from this share of records living with family, the data has families
GENERATION_YEARS = 15


def household_share(table: Prepared) -> float:
    """The share of records living at an address where someone of another generation (born
    ``GENERATION_YEARS`` apart or more) and with another first given name lives too: a
    parent, a child. Data about people with their families shows many (the generated
    benchmark's files: 28 and 59 %); files of separate persons hardly any (FEBRL4: 0.08 %;
    FEBRL3, a file with its own duplicates, some with both date and name mistyped: 1.5 %).
    Where families are that rare, two records at one address with one surname and date of
    birth but other given names are far likelier one person mistyped than twins, so the
    family correction is left out (``compare_persons(..., households=False)``)."""
    if table.n == 0:
        return 0.0
    address = table.address[:, 0]
    known = np.flatnonzero((address != 0) & (table.date_state == 1) & (table.first_sound != ""))
    order = known[np.argsort(address[known], kind="stable")]
    _, starts, sizes = _runs(address[order])
    years, sounds = table.dates[:, 0], table.first_sound
    living = 0
    for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
        members = order[start : start + min(size, 20)]  # a block of flats: its first twenty
        born, first = years[members].tolist(), sounds[members].tolist()
        if any(
            abs(born[x] - born[y]) >= GENERATION_YEARS and first[x] != first[y]
            for x in range(len(born))
            for y in range(x + 1, len(born))
        ):
            living += size
    return living / table.n


_SIDES: tuple[Sequence[PersonRecord], ...] = ()
PARALLEL_RECORDS = 4_000  # from this many records, both cores prepare them (see above)
HERE_RECORDS = 50_000  # below this many records, this process is one of the workers


def _here(records: int) -> bool:
    """Whether this process works as one of the workers of each stage (``fork_map``'s
    ``here``): in small runs a fork and the pickling of half the answers are worth saving
    (FEBRL4's comparison: median 66 -> 57 ms); in large ones a worker whose answer is
    larger than a pipe holds would wait for this process's task to end (a part's tables
    are 232 MB at 1 000 000 records a side)."""
    return records < HERE_RECORDS


PART_RECORDS = 5_000  # the fewest records of a part prepared by one worker (fewer parts cost less)


def _prepare(task: tuple[int, int, int]) -> tuple[Prepared, Keys]:
    side, begin, end = task
    return _table(_SIDES[side][begin:end], begin)


def _table(records: Sequence[PersonRecord], offset: int = 0) -> tuple[Prepared, Keys]:
    """A file's (part's) table and block keys, the names worked out once for both."""
    prepared = Prepared(records)
    reused = prepared.key_parts
    del prepared.key_parts
    return prepared, _key_codes(records, offset, reused)


def _prepared(
    sides: tuple[Sequence[PersonRecord], ...], workers: int
) -> list[tuple[Prepared, Keys]]:
    """Each file's table and block keys, on every core for large files."""
    global _SIDES
    total = sum(len(s) for s in sides)
    if total < PARALLEL_RECORDS or workers <= 1:
        tables = [_table(s) for s in sides]
        return [(t[0], _sorted([t[1]])) for t in tables]
    size = max(PART_RECORDS, -(-total // (workers * 4)))
    tasks = [
        (k, begin, min(begin + size, len(s)))
        for k, s in enumerate(sides)
        for begin in range(0, len(s), size)
    ]
    _SIDES = sides
    out = []
    try:
        with contextlib.closing(fork_map(_prepare, tasks, workers, _here(total))) as results:
            # A file's parts joined as soon as they are in, while the workers make the next
            # file's (the parts let go of as they are joined: memory).
            for k in range(len(sides)):
                # (an empty file has no part: its table made here)
                mine = [next(results) for task in tasks if task[0] == k] or [_table(sides[k])]
                parts, keys = [r[0] for r in mine], [r[1] for r in mine]
                del mine
                out.append((concat(parts), _sorted(keys)))
                del parts, keys
    finally:
        _SIDES = ()
    return out


def _link(
    left: list[PersonRecord],
    right: list[PersonRecord] | None,
    threshold: float,
    progress: Progress | None,
    workers: int | None,
    stats: dict[str, float] | None,
    best_only: bool = False,
    households: bool | None = None,
) -> list[tuple[int, int, float]]:
    with no_gc():
        return _linked(left, right, threshold, progress, workers, stats, best_only, households)


def _linked(
    left: list[PersonRecord],
    right: list[PersonRecord] | None,
    threshold: float,
    progress: Progress | None,
    workers: int | None,
    stats: dict[str, float] | None,
    best_only: bool,
    households: bool | None,
) -> list[tuple[int, int, float]]:
    cores = workers or os.cpu_count() or 1
    sides = (left,) if right is None else (left, right)
    start = time.perf_counter()
    for side in sides:  # a date left out that the number writes, read alike by every stage
        fill_document_dates(side)
    prepared = _prepared(sides, cores)
    tabled = time.perf_counter()
    blocks = Blocks(prepared[0][1], None if right is None else prepared[-1][1], len(sides[-1]))
    blocked = time.perf_counter()
    tables = [table for table, _keys in prepared]
    del prepared  # the key codes, no longer needed
    prepared_left, prepared_right = tables[0], tables[-1]
    # Measured only when it decides or is reported (the xref app always says "yes").
    measured = households is None or stats is not None
    share = max(household_share(table) for table in tables) if measured else 0.0
    if households is None:
        households = share >= HOUSEHOLD_SHARE
    if stats is not None:
        stats["prepare_seconds"] = time.perf_counter() - start
        stats["tables_seconds"] = tabled - start  # of which: the tables and keys, joined
        stats["blocks_seconds"] = blocked - tabled  # the blocks shared
        stats["household_share"] = round(share, 4)
        stats["households"] = int(households)
    pairing = time.perf_counter()
    keys, groups = blocks.grouped_keys(len(left), _task_pairs(blocks.total, workers))
    if stats is not None:
        stats["pairs_seconds"] = time.perf_counter() - pairing  # the pairs, grouped
    job = _Job(
        left,
        sides[-1],
        prepared_left,
        prepared_right,
        threshold,
        keys,
        groups,
        blocks.width,
        best_only,
        households,
        here=_here(sum(len(s) for s in sides)),
    )
    del blocks
    return _execute(job, workers, progress, stats)


def xref(
    left: list[PersonRecord],
    right: list[PersonRecord],
    threshold: float = 0.5,
    all_pairs: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
    stats: dict[str, float] | None = None,
    households: bool | None = None,
) -> list[tuple[str, str, float]]:
    """Pairs (left id, right id, score) at or above the threshold; the best per left record
    unless ``all_pairs``. ``households``: whether the family correction applies; None
    measures it in the files (``household_share``). Unless ``all_pairs``, the comparison
    gives back only each left record's best pair (``_compare`` keeps it). A record that
    leaves its date of birth out and gives a number that writes one (a CURP) gets it
    written in (``compare.fill_document_dates``)."""
    scored = _link(left, right, threshold, progress, workers, stats, not all_pairs, households)
    found = [(left[i].id, right[j].id, p) for i, j, p in scored]
    # By score, highest first, then by ids: two stable sorts with plain keys (a key of
    # tuples took a fifth longer for 500 000 pairs).
    found.sort(key=itemgetter(0, 1))
    found.sort(key=itemgetter(2), reverse=True)
    return found


def dedupe(
    records: list[PersonRecord],
    threshold: float = 0.5,
    progress: Progress | None = None,
    workers: int | None = None,
    stats: dict[str, float] | None = None,
    households: bool | None = None,
) -> list[tuple[str, str]]:
    """(id, cluster id) for every record: records linked by a pair at or above the threshold
    share a cluster, named after its first id in file order. ``households`` and dates
    written in as in ``xref``."""
    parent = list(range(len(records)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in _link(records, None, threshold, progress, workers, stats, False, households):
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return [(record.id, records[root(i)].id) for i, record in enumerate(records)]


def _formula_safe(value: str) -> str:
    return f"'{value}" if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def write_csv(path: Path, header: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(
                [f"{v:.4f}" if isinstance(v, float) else _formula_safe(str(v)) for v in row]
            )
