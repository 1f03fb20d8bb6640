"""Comparison of two person records: small feature functions, each with its evidence
weight and a one-line explanation, combined into a probability.

Weights are log2 likelihood ratios (how much more often a level occurs for the same person
than for two different people), set from the literature on person linkage and checked on
the benchmarks (make bench-matching). Two dependencies between fields are modelled rather
than ignored: family members share surnames, an address, a phone and, for twins, a date of
birth, so when the given names differ that shared evidence is taken back (``family_feature``);
and postcode and city count little once the full address agrees.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from mypy_extensions import mypyc_attr
from rapidfuzz.distance import OSA, JaroWinkler

from paccto.matching.dates import DateAgreement, date_agreement, date_numbers, iso_date
from paccto.matching.documents import document_agreement, document_key, holder_birth_date
from paccto.matching.name_sexes import ALSO_WOMEN, MEN, WOMEN
from paccto.matching.names import (
    ARTICLES,
    CHINESE_SURNAMES,
    JOINING_PARTICLES,
    KNOWN_GIVEN,
    PARTICLES,
    PINYIN_SYLLABLES,
    SURNAME_PREFIXES,
    PersonName,
    article_rest,
    cedilla_sound,
    compound_forms,
    full_forms,
    given_name_forms,
    glued_surnames,
    is_abd_name,
    is_article,
    particle_rests,
    person_name_readings,
    phonetic,
    pinyin_name,
    same_name_in_two_languages,
)
from paccto.matching.text import (
    NO_ADDRESS,
    STREET_KIND_WORDS,
    address_words,
    fold,
    no_number,
    one_repeated,
    phone_digits,
    tokens,
)

PRIOR_LOG2_ODDS = -10.0  # about one pair in a thousand candidates is the same person


@mypyc_attr(native_class=False)  # records are built by record_of, names cached per record
@dataclass(frozen=True)
class PersonRecord:
    """What a source says about a person, in the exchange format (CSV headers of xref)."""

    id: str = ""
    full_name: str = ""
    given_name: str = ""
    surname: str = ""
    second_surname: str = ""
    date_of_birth: str = ""
    gender: str = ""
    nationality: str = ""
    document_number: str = ""
    address: str = ""
    city: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""

    @property
    def names(self) -> list[PersonName]:
        """The plausible readings of the name (see ``person_name_readings``), worked out
        once a record. Kept in the instance's dictionary by hand: mypyc compiles
        ``functools.cached_property`` as a plain property (python/mypy#21611), and a
        comparison reads the names several times (read again each time, the compiled
        comparison of two records took 52 us instead of 29 us without mypyc)."""
        names: list[PersonName] | None = self.__dict__.get("_names")
        if names is None:
            names = person_name_readings(
                self.full_name, self.given_name, self.surname, self.second_surname
            )
            if CUT in self.__dict__:  # its name's last field cut short (``mark_cut``)
                names = _cut_readings(names, not self.surname and not self.second_surname)
            self.__dict__["_names"] = names
        return names


def _cut_readings(names: list[PersonName], one_field: bool) -> list[PersonName]:
    """The readings of a name whose last field was cut short, marked so (``_cut_surname``);
    a name in one field may also have been cut before its surnames (Cecilia Luis Miguel,
    Marco Antonio August): one more reading, every word a given name."""
    out = [PersonName(n.given, n.surnames, n.generation, n.joined, True) for n in names]
    if one_field and names and names[-1].surnames:
        last = names[-1]
        # (first: the usual reading stays last, ``_of_other_sexes`` reads it)
        out.insert(0, PersonName(last.given + last.surnames, (), last.generation, (), True))
    return out


CUT = "_cut"  # in a record's __dict__: its name's last field was cut short (``mark_cut``)


def mark_cut(record: PersonRecord) -> None:
    """Mark a record whose name ends in a field cut short where a fixed width ran out
    (``xref.mark_cut_names`` finds them): the last word of its surnames may begin a
    longer one (``surname_feature``), and the bound leaves its names open."""
    record.__dict__[CUT] = True
    record.__dict__.pop("_names", None)


def is_cut(record: PersonRecord) -> bool:
    return CUT in record.__dict__


RECORD_FIELDS = tuple(f.name for f in fields(PersonRecord))
_new = object.__new__


def record_of(values: Iterable[str]) -> PersonRecord:
    """``PersonRecord(*values)``, every field given in order, built without the frozen
    dataclass's ``object.__setattr__`` per field (half the time: reading a million rows of
    a file, or the rows a search looks at)."""
    record: PersonRecord = _new(PersonRecord)
    record.__dict__.update(zip(RECORD_FIELDS, values, strict=True))
    return record


HOLDER_DATE_LENGTH = 12  # the shortest number that writes a date of birth (a cédula of Nicaragua)


def _may_write_date(number: object) -> bool:
    """Whether a written number is long enough to be one that writes a date of birth (its
    ``document_key`` of HOLDER_DATE_LENGTH characters or more: a number of just that length
    only when nothing is left out of it: 12.345.678-K is none)."""
    if not isinstance(number, str) or len(number) < HOLDER_DATE_LENGTH:
        return False
    return len(number) > HOLDER_DATE_LENGTH or number.isalnum()


def document_birth_date(record: PersonRecord) -> str:
    """The date of birth that the record leaves out (none written, or none that reads as a
    date: 1900-01-01, 00/00/0000, unknown) and its document writes
    (``documents.holder_birth_date``: a CURP, a codice fiscale, a NIR); "" for most
    records. A date written is kept, whatever the number says."""
    number = record.document_number
    if not _may_write_date(number):
        return ""
    written = record.date_of_birth
    if isinstance(written, str) and date_numbers(iso_date(written)) is not None:
        return ""
    return holder_birth_date(document_key(number))


def told_by_document(record: PersonRecord) -> str:
    """The part of the record's date of birth that its document writes (taken from it, or
    written alike): the whole date (a CURP, an RFC, a codice fiscale), the year and month
    or the year (a NIR); "" where the number writes none, or another date. Where two
    records' numbers agree, that part is no evidence beyond the number
    (``compare_persons``), as the date of a number copied from someone else's record is
    copied with it."""
    number, written = record.document_number, record.date_of_birth
    if not _may_write_date(number):
        return ""
    if not isinstance(written, str) or not written.strip():
        return ""
    told = holder_birth_date(document_key(number))
    if not told:
        return ""
    written = iso_date(written)
    return told if written == told or written.startswith(told + "-") else ""


def _date_beyond_number(date: Feature, a: PersonRecord, b: PersonRecord) -> Feature:
    """A date's agreement where the numbers agree, without what one of them writes
    (``told_by_document``): nothing for a whole date, the day's agreement for a NIR's year
    and month (a date written in full: exact 7 bits less same month 3)."""
    told = max(told_by_document(a), told_by_document(b), key=len)
    if not told:
        return date
    if len(told) == 10:
        return DATE_FROM_DOCUMENT
    level = DateAgreement.SAME_MONTH if len(told) == 7 else DateAgreement.SAME_YEAR
    weight = max(date.weight - DATE_FEATURES[level._value_].weight, 0.0)
    field, told_level, _, text = DATE_FROM_DOCUMENT  # (``_replace`` is Python code)
    return feature(field, told_level, weight, text)


def with_document_date(record: PersonRecord) -> PersonRecord:
    """The record with its ``document_birth_date`` written in (itself when there is none):
    what the hit index indexes and searches, so that its keys, its proxy and the
    comparison read one date."""
    when = document_birth_date(record)
    return replace(record, date_of_birth=when) if when else record


def fill_document_dates(records: Iterable[PersonRecord]) -> int:
    """Each record's ``document_birth_date`` written into the record itself (as
    ``record_of`` builds them: its names are not touched); how many changed."""
    changed = 0
    for record in records:
        if when := document_birth_date(record):
            record.__dict__["date_of_birth"] = when
            changed += 1
    return changed


class Feature(NamedTuple):
    """One piece of evidence: which field, how it compared, what it counted. (A named
    tuple: a comparison makes a dozen. They are made by ``feature``.)"""

    field: str
    level: str
    weight: float
    explanation: str


_new_tuple = tuple.__new__


def feature(field: str, level: str, weight: float, explanation: str) -> Feature:
    """``Feature(field, level, weight, explanation)`` without the named tuple's ``__new__``,
    a Python function that compiled code calls as such (a comparison's dozen features took
    1.6 us of its 15)."""
    made: Feature = _new_tuple(Feature, (field, level, weight, explanation))
    return made


class Comparison:
    """The features of a comparison of two records. A compiled class, not a dataclass
    (whose ``__init__``, made when the module is loaded, runs as Python code)."""

    def __init__(self, features: tuple[Feature, ...] = ()) -> None:
        self.features = features

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Comparison) and self.features == other.features

    def __hash__(self) -> int:
        return hash(self.features)

    def __repr__(self) -> str:
        return f"Comparison(features={self.features!r})"

    @property
    def log2_odds(self) -> float:
        return PRIOR_LOG2_ODDS + sum(f.weight for f in self.features)

    @property
    def probability(self) -> float:
        """The probability that both records are the same person."""
        odds: float = 2.0**self.log2_odds
        return odds / (1.0 + odds)


@lru_cache(maxsize=262144)
def _similar(a: str, b: str, threshold: float) -> bool:
    """Close spellings: Jaro-Winkler above the threshold, or one edit apart (a typo) in a
    word of four letters or more."""
    if JaroWinkler.similarity(a, b) >= threshold:
        return True
    return min(len(a), len(b)) >= 4 and OSA.distance(a, b) <= 1


def _short_typo(a: str, b: str) -> bool:
    """A letter left out of or added to a short given name (Lra for Lara, Iis for Isis):
    three letters or more, the first one kept."""
    if abs(len(a) - len(b)) != 1 or min(len(a), len(b)) != 3 or a[0] != b[0]:
        return False
    return OSA.distance(a, b, score_cutoff=1) <= 1


# Letters a character reader takes for others in scanned records: two for one (rn for m,
# cl for d, li for h) and one for two.
MISREADS = (("rn", "m"), ("cl", "d"), ("li", "h"))


def misread(a: str, b: str) -> bool:
    """A given name as a scanned record's character reader read it (Rarnón for Ramón,
    Anclrés for Andrés, Natlian for Nathan): one ``MISREADS`` error, after the first
    letter, in a name of three letters or more. A typist's error is one edit; a reader's
    is two (a letter changed and one added), which the typo tests do not take in short
    names."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) != len(b) + 1 or len(b) < 3 or a[0] != b[0]:
        return False
    for two, one in MISREADS:
        at = a.find(two, 1)
        while at >= 0:
            if a[:at] + one + a[at + 2 :] == b:
                return True
            at = a.find(two, at + 1)
    return False


@lru_cache(maxsize=262144)
def _given_typo(a: str, b: str) -> bool:
    """A given name mistyped: close spellings no more edits apart than two records' typists
    make in a name that long (one error each: two edits, three from eight letters, the
    shorter's), by sound, or a letter more or less in a short one. Jaro-Winkler alone
    rewards a shared beginning: it took María for Marisela, another name that begins
    alike, three edits in five letters. A name cut short stays one (Merce for Mercedes,
    a field too narrow: the beginning); so does one a scanner misread (``misread``). Two
    Abd names (``names.abd_name``) are compared by the names after Abd: Abdelkader and
    Abdelkadir are one, Abdellah and Abdelrahim two, however alike their beginnings."""
    if is_abd_name(a) and is_abd_name(b):
        return _given_typo(a[5:], b[5:])
    if _similar(a, b, 0.9):
        if a.startswith(b) or b.startswith(a):
            return True
        edits = 2 + (min(len(a), len(b)) >= 8)
        if OSA.distance(a, b, score_cutoff=edits) <= edits:
            return True
    return _sound_typo(a, b) or _short_typo(a, b) or misread(a, b)


@lru_cache(maxsize=262144)
def _sound_typo(a: str, b: str) -> bool:
    """A spelling variant and a typing error together (Jorje typed Jrge, Balentina typed
    Balentian): the phonetic keys, four letters or more, are one edit apart."""
    ka, kb = phonetic(a), phonetic(b)
    return min(len(ka), len(kb)) >= 4 and OSA.distance(ka, kb, score_cutoff=1) <= 1


def _surname_typo(a: str, b: str) -> bool:
    """Surnames that differ by a typing error (``_similar``), or by one and a spelling
    variant (``_sound_typo``: Mralez for Morales): the same first letter and sound keys of
    six letters or more, so that other common surnames stay apart (Pereira and Ferreira,
    Garza and García, Pérez and Pires, Rocha and Rojas). The bound and the hit proxy test
    the spelling and typo alone: looser, an upper bound still."""
    if _similar(a, b, 0.9):
        return True
    return a[:1] == b[:1] and min(len(phonetic(a)), len(phonetic(b))) >= 6 and _sound_typo(a, b)


SPELT_ALIKE = 0.88  # Jaro-Winkler of the sound keys from which two names are spelt alike


@lru_cache(maxsize=262144)
def spelt_alike(a: str, b: str) -> bool:
    """Two spellings of one given name the tables do not know, further apart than a typo
    (Suelen and Sueli, Taynara and Tainá, Kethlyn and Keteli, Mislande and Mislene): at
    least one of the two not a name of the tables (neither in ``KNOWN_GIVEN`` nor a short
    form of one), sound keys of four letters or more with the same first letter, at most
    two edits apart and with a Jaro-Winkler similarity of ``SPELT_ALIKE`` or more (which
    rewards a shared beginning). Names that registers spell many ways (Brazil's, the
    Caribbean's, transliterated ones) are not all in any table; two names the tables know
    stay two names."""
    ka, kb = phonetic(a), phonetic(b)
    if min(len(ka), len(kb)) < 4 or ka[0] != kb[0] or abs(len(ka) - len(kb)) > 2:
        return False
    if _known_given(a) and _known_given(b):
        return False
    if JaroWinkler.similarity(ka, kb, score_cutoff=SPELT_ALIKE) < SPELT_ALIKE:
        return False
    return OSA.distance(ka, kb, score_cutoff=2) <= 2


def _known_given(word: str) -> bool:
    return word in KNOWN_GIVEN or bool(full_forms(word))


def surname_initial(a: str, b: str) -> bool:
    """One surname the initial of the other (g and garcia)."""
    return (len(a) == 1 and len(b) > 1 and b[0] == a) or (len(b) == 1 and len(a) > 1 and a[0] == b)


def _phonetics(words: tuple[str, ...]) -> list[str]:
    return [phonetic(w) for w in words]


SURNAME_WEIGHTS = {
    "both exact": 8.0,
    "exact": 6.5,
    "one typo of two": 6.0,
    "one of two": 5.0,
    "sound": 5.5,
    "typo": 4.0,
    "one of two with a typo": 3.5,
    "swapped": 5.0,
    "swapped with a typo": 3.0,  # swapped, less what a typo costs (both exact - one typo)
    "joined": 6.0,  # De Luca and Deluca: as sure as one typo of two, short of exact
    "one of two by sound": 4.5,
    "fewer": 5.0,
    "one differs": -2.0,
    "different": -6.0,
    "missing": 0.0,
    # A field cut short where a fixed width ran out (``_cut_surname``).
    "cut short after one": 5.5,
    "cut short": 4.0,
    "cut to its initials": 1.5,
}


def _unjoined(words: tuple[str, ...], joined: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The words, those that the other record writes apart from their particles (its
    ``PersonName.joined``: Deluca where it has de Luca) as it writes them; joined to
    particles that begin as its own do (Vandenberg where it has van der Berg: records mix
    der and den), or to an Arabic article where it has one, in any of its forms and by
    sound (``_after_article``); not to others (Lamas is not de Mas, Dupont not de Pont)."""
    if not joined:
        return words
    apart = dict(joined)
    prefixes = {surname: form[: len(form) - len(surname)] for form, surname in joined}
    out = []
    for w in words:
        surname = apart.get(w)
        if surname is None:
            surname = next((r for r in particle_rests(w) if w[:2] == prefixes.get(r, "..")[:2]), w)
        if surname == w and (rest := article_rest(w)):
            surname = _after_article(rest, prefixes) or w
        out.append(surname)
    return tuple(out)


def _after_article(rest: str, prefixes: dict[str, str]) -> str:
    """The other record's surname written after an Arabic article (``prefixes``: each
    surname's particles or article as written) that sounds as ``rest`` does, what is left
    of a word after the article joined to its front (``names.article_rest``), in any of
    its forms (Alrashid where it has Ar-Rashid, Alhasan where it has Al-Hassan); "" if
    none does."""
    sound = phonetic(rest)
    for surname, prefix in prefixes.items():
        if is_article(prefix, surname) and phonetic(surname) == sound:
            return surname
    return ""


# The surname's and given name's features by explanation, made once each: every call
# writes its level and explanation as literals (a feature made anew costs a tenth of a warm
# comparison, ``DOCUMENT_FEATURES``).
_SURNAMES: dict[str, Feature] = {}
_GIVEN: dict[str, Feature] = {}


def _surname(level: str, text: str) -> Feature:
    made = _SURNAMES.get(text)
    if made is None or made[1] != level:
        made = _SURNAMES[text] = feature("surname", level, SURNAME_WEIGHTS[level], text)
    return made


def surname_feature(a: PersonName, b: PersonName) -> Feature:
    """Surnames agree exactly, joined (the same letters, a particle or prefix written apart
    in one record), by sound, with a typo, only one of two, cut short where a fixed-width
    field ran out (``_cut_surname``), or disagree."""
    feature = _surname_feature(a, b)
    if (a.cut or b.cut) and feature.weight < SURNAME_WEIGHTS["cut short after one"]:
        if _cut_before_surnames(a, b) or _cut_before_surnames(b, a):
            return _surname("different", "the surnames differ")
        cut = _cut_surname(a, b) or _cut_surname(b, a)
        if cut is not None and cut.weight > feature.weight:
            return cut
    return feature


def _cut_before_surnames(short: PersonName, other: PersonName) -> bool:
    """``short`` is the reading of a name cut before its surnames, every word a given name
    (``_cut_readings``), and its letters do not begin ``other``'s given names: its
    surnames are not missing but elsewhere, as those of the name as written (Maria Jose
    Garcia Lo is no Maria whose surname is missing)."""
    return (
        short.cut
        and not short.surnames
        and bool(other.surnames)
        and not "".join(other.given).startswith("".join(short.given))
    )


CUT_LETTERS = 3  # the fewest letters of a surname cut short that weigh as a typo's


def _cut_surname(short: PersonName, other: PersonName) -> Feature | None:
    """``short``'s surnames cut short (its field ran out: Domínguez Vega cut to Dom, Pereira
    Guerreiro to Pereira Guer), the letters left begin ``other``'s surnames, particles
    dropped or kept (van Wijk cut to va, van Doorn to van D). One whole surname the same
    and the next begun: between one of two and one typo of two; three letters or more: as
    a typo; one or two: a little more than a surname missing."""
    if not short.cut or not short.surnames or not other.surnames:
        return None
    plain = "".join(short.surnames)
    begun = "".join(other.surnames).startswith(plain) or (
        bool(other.joined) and glued_surnames(other.surnames, other.joined).startswith(plain)
    )
    if not begun:
        return None
    whole = len(short.surnames) - 1
    if whole and short.surnames[:whole] == other.surnames[:whole]:
        return _surname(
            "cut short after one",
            "the first surname is the same, the next one is cut short where the field ran out",
        )
    if len(plain) >= CUT_LETTERS:
        return _surname("cut short", "the surname is cut short where the field ran out")
    return _surname(
        "cut to its initials", "the surname is cut to its first letters where the field ran out"
    )


def _surname_feature(a: PersonName, b: PersonName) -> Feature:
    sa, sb = a.surnames, b.surnames
    if not sa or not sb:
        return _surname("missing", "a surname is missing")
    if sa == sb and len(sa) >= 2:
        return _surname("both exact", "both surnames are the same")
    if " ".join(sa) == " ".join(sb):
        return _surname("exact", "the surname is the same")
    # Its particles or prefix written apart in one record, joined in the other: De Luca and
    # Deluca, the same letters (O'Brien and OBrien, Mc Donald, El Amrani, D'Amico).
    if "".join(sa) == "".join(sb) or (
        (a.joined or b.joined) and _unjoined(sa, b.joined) == _unjoined(sb, a.joined)
    ):
        return _surname("joined", "the same surname, its particle written apart or joined to it")
    # Every space dropped, the particles kept: Soares da Silva and SOARESDASILVA.
    if (a.joined and glued_surnames(sa, a.joined) == "".join(sb)) or (
        b.joined and glued_surnames(sb, b.joined) == "".join(sa)
    ):
        return _surname("joined", "the same surname, its particle written apart or joined to it")
    # The Arabic article al or el joined to a surname in one record, left out in the other
    # (Elamrani and Amrani, Ibn Elzein and Ibn Zein).
    if len(sa) == len(sb) and all(
        x == y or _article_joined(x, y) or _article_joined(y, x)
        for x, y in zip(sa, sb, strict=True)
    ):
        return _surname("joined", "the same surname, its particle written apart or joined to it")
    shared = set(sa) & set(sb)
    if shared and (len(sa) == 1 or len(sb) == 1):
        return _surname("one of two", "one record gives only one of the surnames")
    pa, pb = _phonetics(sa), _phonetics(sb)
    if pa == pb:
        return _surname("sound", "the surnames sound the same")
    if len(sa) == len(sb):
        places = list(zip(sa, sb, strict=True))
        if all(_similar(x, y, 0.9) for x, y in places):
            if shared:  # two surnames (or more), one of them typed right
                return _surname("one typo of two", "both surnames, one with a typing error")
            return _surname("typo", "the surnames differ by a typing error")
        # The other also spelt otherwise (Mralez Ledesma, Morales Ledesma): a clerk's slip
        # where a surname is shared, a relative's other surname would not be that close;
        # alone, two errors in one surname could as well be another's.
        if shared and all(_surname_typo(x, y) for x, y in places):
            return _surname("one typo of two", "both surnames, one with a typing error")
        # The last written as its initial (Juan Pérez G.: registers abbreviate the second
        # surname), as much as one of two. (An initial before the surname is more often a
        # given name's: Juan R. Pérez.)
        if len(sa) >= 2 and sa[:-1] == sb[:-1] and surname_initial(sa[-1], sb[-1]):
            return _surname("one of two", "one record gives only one of the surnames")
    if sorted(sa) == sorted(sb) or sorted(pa) == sorted(pb):
        return _surname("swapped", "the same surnames in the other order")
    if len(sa) == len(sb) == 2 and _similar(sa[0], sb[1], 0.9) and _similar(sa[1], sb[0], 0.9):
        # Paternal and maternal surnames in the other order, one mistyped: a clerk's two
        # mistakes, not a relative (whose other surname would not be that close).
        return _surname(
            "swapped with a typo", "the same surnames in the other order, one with a typing error"
        )
    if (len(sa) == 1 or len(sb) == 1) and set(pa) & set(pb):
        return _surname("one of two by sound", "one record gives only one of the surnames")
    # As many times as written: Quispe Quispe is not Quispe Mamani with one surname fewer.
    if _counted_within(pa, pb) or _counted_within(pb, pa):
        return _surname("fewer", "one record gives fewer surnames")
    if (shared - NO_FAMILY) or (set(pa) & set(pb)) - _NO_FAMILY_SOUNDS:
        # Paternal and maternal surnames: one shared and one different is a relative (a
        # parent, a half-sibling, a cousin) more often than a clerk's mistake. Not a
        # prefix that begins the surnames of many families (O'Brien, O'Connor).
        return _surname("one differs", "one surname is shared, the other differs")
    if _similar("".join(sa), "".join(sb), 0.95):
        return _surname("typo", "the surnames differ by a typing error")
    single, other = (sa, sb) if len(sa) == 1 else (sb, sa)
    if len(single) == 1 and (
        _similar(single[0], other[0], 0.9) or _similar(single[0], other[-1], 0.9)
    ):
        return _surname(
            "one of two with a typo",
            "one record gives only one of the surnames, with a typing error",
        )
    return _surname("different", "the surnames differ")


# Prefixes that begin the surnames of many families, written apart (O Brien and O Connor,
# D Amico and D Angelo, Mc Donald, Ben Ali and Ben Ahmed; Berber Ait and Mauritanian Ould,
# "sons of" and "son of"): two surnames that share only one share no family.
NO_FAMILY = SURNAME_PREFIXES | {"ait", "ould"}
_NO_FAMILY_SOUNDS = frozenset(phonetic(w) for w in NO_FAMILY)


ARTICLE_JOINED_REST = 4  # the fewest letters of a surname read with al or el joined to it


def _article_joined(word: str, other: str) -> bool:
    """Whether ``other`` is ``word`` with the article al or el joined to its front
    (elamrani, amrani), ``word`` of ``ARTICLE_JOINED_REST`` letters or more. The bound and
    the hit index read it in ``names.particle_rests``."""
    return other[:2] in ARTICLES and other[2:] == word and len(word) >= ARTICLE_JOINED_REST


def _counted_within(a: list[str], b: list[str]) -> bool:
    """Whether each word of ``a`` is in ``b`` as many times or more (``Counter(a) <=
    Counter(b)``, without the Counters' Python code)."""
    return all(a.count(word) <= b.count(word) for word in set(a))


def _straight_surname(
    a: PersonName, b: PersonName, record_a: PersonRecord, record_b: PersonRecord
) -> Feature:
    """``surname_feature`` of two names as written, where one surname each may also be a
    typo apart by a Portuguese ç written ss, or an ss written ç and folded to a c
    (``cedilla_sound``: Gonçalves and Gonssalves, Ruço and Russo), when either record
    has a Portuguese-speaking name (``portuguese_name``: a file without accents writes
    Gonçalves GONCALVES); Spanish Maca, Rico, Soca are no Massa, Rizzo, Sossa. Not in the
    readings with the fields swapped, whose bound tests the spellings alone."""
    feature = surname_feature(a, b)
    if (
        feature.level == "different"
        and len(a.surnames) == len(b.surnames) == 1
        and (portuguese_name(record_a) or portuguese_name(record_b))
        and cedilla_sound(a.surnames[0]) == cedilla_sound(b.surnames[0])
    ):
        return _surname("typo", "the surnames differ by a typing error")
    return feature


# Portuguese-speaking countries. Their names are written with a ç that ASCII files lose
# (GONCALVES) and clerks write ss (Gonssalves), and their given names come before the
# mother's surnames and then the father's, so a short form keeps the first given name and
# the last surname (Theo José da Mata Monteiro: Theo José Monteiro, Theo da Mata Monteiro).
PORTUGUESE_SPEAKING = frozenset({"PT", "BR", "AO", "MZ", "CV", "GW", "ST", "TL"})
# ç, ã, õ, composed or written as a letter and its combining tilde or cedilla (NFD)
_PORTUGUESE_LETTERS = frozenset("ãõçÃÕÇ\u0303\u0327")
# Generation marks that are part of Portuguese legal names (Filho, Neto, Sobrinho).
_PORTUGUESE_MARKS = frozenset({"filho", "filha", "neto", "neta", "sobrinho"})
_PORTUGUESE_ENDINGS = tuple(_PORTUGUESE_MARKS)


def portuguese_name(record: PersonRecord) -> bool:
    """Whether a record's name is a Portuguese-speaking one: its nationality
    (``PORTUGUESE_SPEAKING``), a name written with a ç, ã or õ (João Gonssalves), or one
    ending in Filho, Neto or Sobrinho."""
    if nationality_code(record.nationality) in PORTUGUESE_SPEAKING:
        return True
    texts = (record.full_name, record.given_name, record.surname, record.second_surname)
    if any(not _PORTUGUESE_LETTERS.isdisjoint(text) for text in texts):
        return True
    for text in texts:  # (the hit index asks it of every record: the ending first)
        if text.rstrip(" .").casefold().endswith(_PORTUGUESE_ENDINGS):
            words = tokens(text)
            if words and words[-1] in _PORTUGUESE_MARKS:
                return True
    return False


@lru_cache(maxsize=262144)
def _forms(given: tuple[str, ...]) -> frozenset[str]:
    """Every given name and the full names its short forms stand for, by sound."""
    return frozenset(phonetic(f) for g in given for f in given_name_forms(g))


def _same_given(x: str, y: str) -> bool:
    """Two given names that are one: equal, a short form, the same sound or a typo."""
    if x == y or phonetic(x) == phonetic(y):
        return True
    if set(given_name_forms(x)) & set(given_name_forms(y)):
        return True
    return _given_typo(x, y)


GIVEN_WEIGHTS = {
    "exact": 4.5,
    "second differs": -4.0,
    "first": 4.0,
    "short form": 4.0,
    "sound": 3.5,
    "typo": 3.0,
    "joined": 4.5,  # Juancarlos and Juan Carlos: the same letters, as sure as exact
    "initial": 1.0,
    "shared": 2.0,
    "alike": 2.0,  # spelt alike (``spelt_alike``): a name the tables do not know
    "two cultures": 0.0,  # a Chinese person's two names (``two_cultures``): no evidence
    "different": -7.0,
    "missing": 0.0,
}


def _one_name_two_forms(a: str, b: str) -> bool:
    """Two forms of one given name, neither of two names (Pepe and Chepe: José; Meryem and
    Mariam: Maryam; Lola and Loli: Dolores), not by a spelling alone (Yuan is not John)."""
    if compound_forms(a) or compound_forms(b):
        return False
    return not full_forms(a).isdisjoint(full_forms(b))


def _one_full_name(a: str, b: str) -> bool:
    """Two short forms of one full name of two (Mamen and Maricarmen: María del Carmen)."""
    readings = compound_forms(a)
    return bool(readings) and readings == compound_forms(b)


def _written_out(short: str, given: tuple[str, ...]) -> bool:
    """A short form of two names or more against the names it stands for, each written in
    a form of its own (Giambattista: Gian Battista, Giovan Battista), not a typo of them
    (Chema is no Pepe Mario)."""
    return any(
        len(given) >= len(reading) and all(map(_one_name, reading, given))
        for reading in compound_forms(short)
    )


def _one_name(x: str, y: str) -> bool:
    """Two given names that are one by their forms or sound (``_same_given`` without its
    typing errors)."""
    if x == y or phonetic(x) == phonetic(y):
        return True
    return not set(given_name_forms(x)).isdisjoint(given_name_forms(y))


def _run_together(ga: tuple[str, ...], gb: tuple[str, ...]) -> bool:
    """The same letters once written as one word, names of two letters or more (M. A. is
    two initials, not Ma run together)."""
    if "".join(ga) != "".join(gb):
        return False
    return all(len(g) > 1 for g in ga) and all(len(g) > 1 for g in gb)


def _other_second(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """A short form of two given names (Maite: María Teresa) against two given names, the
    first its first and the second another (María José): sisters, as "second differs", not
    the short form of the first one alone. Not where the second is one of the short form's
    names, or one cut short (María Sol for Marisol, María Soledad)."""
    if len(short) != 1 or len(full) < 2 or len(full[1]) <= 1:
        return False
    readings, second = compound_forms(short[0]), full[1]
    if not any(_same_given(r[0], full[0]) for r in readings):
        return False
    return not any(_same_given(w, second) or w.startswith(second) for r in readings for w in r)


def _cut_short(ga: tuple[str, ...], gb: tuple[str, ...]) -> bool:
    """A second given name cut short where a field ran out (Javier Hum for Javier Humberto,
    Tatiana Vi for Tatiana Viviana: registers with fields of ten characters): the last
    given name of one, two letters or more, begins the other's second. At least what an
    initial says (Javier H., "first"); so a name that begins another (José, Josefa) is
    cut short where it ends its record's given names, as ``_given_typo`` already reads
    close ones."""
    x, y = ga[1], gb[1]
    if len(x) > len(y):
        x, y, ga = y, x, gb
    return len(x) < len(y) and y.startswith(x) and ga[-1] == x


def _by_later(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """One record's first given name a short form of one of the other's later given names
    (Lupe, Tere, Toño, Lola, Charo for María Guadalupe, María Teresa, Juan Antonio, María
    Dolores, Ana Rosario): people go by their second name's short form as by the name.
    Not a short form of two names (Chema, José María, is not Ana María)."""
    if len(other) < 2 or compound_forms(one[0]):
        return False
    return bool(_forms(one[:1]) & _forms(tuple(g for g in other[1:] if len(g) > 1)))


def _seconds_differ(ga: tuple[str, ...], gb: tuple[str, ...]) -> bool:
    """Two given names each, the first ones one name (the same, a short form, a spelling),
    and second ones of two letters or more that are not one name (``_same_given``), nor one
    cut short (``_cut_short``), nor the other's first: sisters (María José and María
    Fernanda; Ma. del Pilar and María Auxiliadora), brothers."""
    if len(ga) < 2 or len(gb) < 2:
        return False
    second_a, second_b = ga[1], gb[1]
    return (
        len(second_a) > 1
        and len(second_b) > 1
        and not _same_given(second_a, second_b)
        and not _cut_short(ga, gb)
        and second_a not in gb
        and second_b not in ga
    )


def _initial_differs(ga: tuple[str, ...], gb: tuple[str, ...]) -> bool:
    """Two given names each, the second of one an initial (Verónica C., J. G.) that begins
    none of the other's later given names nor a form of them (Carlos for K.): twins and
    siblings named alike (Verónica Manuela, Johanna Fleur), as ``_seconds_differ`` reads
    two second names written out; two initials, when they differ (Juan A., Juan B.)."""
    if len(ga) < 2 or len(gb) < 2 or (len(ga[1]) > 1 and len(gb[1]) > 1):
        return False
    for one, other in ((ga, gb), (gb, ga)):
        if len(one[1]) == 1:
            forms = [w for g in other[1:] for w in (g, *given_name_forms(g))]
            letters = {w[:1] for w in forms} | {phonetic(w)[:1] for w in forms}
            if one[1] not in letters:
                return True
    return False


def _seconds_other(ga: tuple[str, ...], gb: tuple[str, ...]) -> bool:
    """The second given names differ, written out (``_seconds_differ``) or one an initial
    of neither of the other's (``_initial_differs``)."""
    return _seconds_differ(ga, gb) or _initial_differs(ga, gb)


def _given(level: str, text: str) -> Feature:
    made = _GIVEN.get(text)
    if made is None or made[1] != level:
        made = _GIVEN[text] = feature("given name", level, GIVEN_WEIGHTS[level], text)
    return made


def given_name_feature(a: PersonName, b: PersonName) -> Feature:
    """Given names agree exactly, run together (the same letters), as a short form, by
    sound, as an initial, or disagree.
    When both records give a second given name, a clearly different one counts against:
    siblings often share the first (María José, María Fernanda)."""
    ga, gb = a.given, b.given
    if not ga or not gb:
        return _given("missing", "a given name is missing")
    if ga == gb:
        return _given("exact", "the given names are the same")
    first_a, first_b = ga[0], gb[0]
    if first_a == first_b:
        if _seconds_other(ga, gb):
            return _given("second differs", "the second given names differ")
        return _given("first", "the first given name is the same")
    if _run_together(ga, gb):  # Juancarlos, Juan Carlos; Jeanpierre, Jean-Pierre
        return _given("joined", "the same given names, run together in one record")
    forms_a, forms_b = _forms(ga), _forms(gb)
    key_a, key_b = phonetic(first_a), phonetic(first_b)
    first_forms_a, first_forms_b = _forms(ga[:1]), _forms(gb[:1])
    if first_forms_a & first_forms_b and (
        key_a in first_forms_b
        or key_b in first_forms_a
        or same_name_in_two_languages(first_a, first_b)
        or _one_full_name(first_a, first_b)
        or _one_name_two_forms(first_a, first_b)
        or _written_out(first_a, gb)
        or _written_out(first_b, ga)
    ):
        # Only the first given names: a name that meets the other's second given name is
        # one shared given name ("shared" below), not the same first name. One a form of
        # the other, or both the same name in two languages (Guillaume, William): never
        # two short forms of different full names (Chema and Maite share María).
        if _other_second(ga, gb) or _other_second(gb, ga) or _seconds_other(ga, gb):
            return _given("second differs", "the second given names differ")
        return _given(
            "short form",
            "a short form, another spelling or another language's form of the same given name",
        )
    if key_a == key_b or _given_typo(first_a, first_b):
        if _seconds_other(ga, gb):  # (one first name spelt two ways: as the same one)
            return _given("second differs", "the second given names differ")
        if key_a == key_b:
            return _given("sound", "the given names sound the same")
        return _given("typo", "the given names differ by a typing error")
    if (len(first_a) == 1 or len(first_b) == 1) and first_a[0] == first_b[0]:
        if _seconds_other(ga, gb):  # J. Pedro, Jorge Víctor; J. G., Johanna Fleur
            return _given("second differs", "the second given names differ")
        return _given("initial", "an initial matches the given name")
    if key_a in forms_b or key_b in forms_a or _by_later(ga, gb) or _by_later(gb, ga):
        # goes by a second given name, or by its short form (Lupe for María Guadalupe)
        rest_a = [g for g in ga if len(g) > 1 and not _forms((g,)) & forms_b]
        rest_b = [g for g in gb if len(g) > 1 and not _forms((g,)) & forms_a]
        if rest_a and rest_b and not any(_same_given(x, y) for x in rest_a for y in rest_b):
            # Ana Cecília and Mariana Ana Carolina: one name shared, the others differ.
            return _given("second differs", "one given name is shared, the others differ")
        return _given("shared", "one of the given names is shared")
    if runs_together_in(ga, gb) or runs_together_in(gb, ga):
        # A Chinese person's name in pinyin with a name of the country before it (Yan Ping,
        # Lucía Yanping).
        return _given("shared", "one of the given names is shared")
    if spelt_alike(first_a, first_b):
        if _seconds_differ(ga, gb):
            return _given("second differs", "the second given names differ")
        return _given(
            "alike", "the given names are spelt alike (a spelling the name tables do not know)"
        )
    if two_cultures(a, b):
        return _given(
            "two cultures",
            "a Chinese given name and a given name of the country: one person's two names",
        )
    return _given("different", "the given names differ")


def runs_together_in(several: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether ``several`` given names, each a pinyin syllable, run together are one of
    ``other``'s (Yan Ping and Lucía Yanping). (Pinyin only: the bound works the sound of
    few fields' given names run together out, ``prescore._joined_given_sounds``.)"""
    return (
        len(several) >= 2
        and all(w in PINYIN_SYLLABLES for w in several)
        and "".join(several) in other
    )


@lru_cache(maxsize=65536)
def given_culture(word: str) -> int:
    """Of a folded given name: 1 a Mandarin name in pinyin that the tables do not know (Wei,
    Xiaoming, Jun), 2 a name they know (Pablo, Lucía), 0 neither (an initial, another)."""
    if len(word) < 2:
        return 0
    if _known_given(word):
        return 2
    return 1 if pinyin_name(word) else 0


def two_cultures(a: PersonName, b: PersonName) -> bool:
    """Whether two names are a Chinese person's two: one with a Chinese surname and only
    Mandarin given names in pinyin that the tables do not know, the other with only given
    names they know (Wei Li and Pablo Li, Xiao Hong He and Sofía He). Chinese persons in
    Latin America and Europe are registered under a name of the country as often as
    under their own: such given names tell nothing either way ("two cultures", 0 bits,
    where they were "different", -7)."""
    return _chinese_named(a, b) or _chinese_named(b, a)


# Chinese surnames that are as often English ones (Lee, Long, Law): with them, a German or
# Nordic given name that reads as pinyin (Heike, Ole, Renate) against an English one would
# be one person's two names.
_TWO_CULTURES_SURNAMES = CHINESE_SURNAMES - {"lee", "long", "law"}


def _chinese_named(x: PersonName, y: PersonName) -> bool:
    """x's given names a Chinese person's (all pinyin names the tables do not know, beside a
    Chinese surname), y's first given name one the tables know, and its others too, or
    initials (Jorge L.)."""
    if not x.given or not y.given or _TWO_CULTURES_SURNAMES.isdisjoint(x.surnames):
        return False
    if given_culture(y.given[0]) != 2:
        return False
    return all(given_culture(g) == 1 for g in x.given) and all(
        len(g) == 1 or given_culture(g) == 2 for g in y.given
    )


GENERATION_WEIGHTS = {"same": 1.0, "different": -8.0, "one side": -0.5}
GENERATION_NAMES = {"junior": "Jr.", "senior": "Sr.", "grandson": "Neto", "nephew": "Sobrinho"}


def generation_feature(a: PersonName, b: PersonName) -> Feature | None:
    """Generation marks (Jr., Sr., Filho, Neto): different ones tell a father from a son.
    None when neither name has one."""
    if not a.generation and not b.generation:
        return None
    if a.generation == b.generation:
        return feature(
            "generation",
            "same",
            GENERATION_WEIGHTS["same"],
            "the same generation mark (Jr., Sr....)",
        )
    if a.generation and b.generation:
        marks = " and ".join(
            GENERATION_NAMES.get(g, g.upper()) for g in (a.generation, b.generation)
        )
        return feature(
            "generation",
            "different",
            GENERATION_WEIGHTS["different"],
            f"different generations ({marks})",
        )
    return feature(
        "generation",
        "one side",
        GENERATION_WEIGHTS["one side"],
        "a generation mark on one side only",
    )


DATE_WEIGHTS = {
    DateAgreement.EXACT: 7.0,
    DateAgreement.SWAPPED: 4.0,
    DateAgreement.ONE_DIGIT: 3.5,
    DateAgreement.TRANSPOSED: 3.0,
    DateAgreement.YEAR_OFF_BY_ONE: 2.0,
    DateAgreement.SAME_MONTH: 3.0,  # twelve times rarer by chance than the year alone
    DateAgreement.SAME_YEAR: 1.5,
    DateAgreement.NEAR_YEAR: 0.0,
    DateAgreement.TWO_DIGITS: -1.0,
    DateAgreement.SWAPPED_AND_ONE: -1.0,
    DateAgreement.MISSING: 0.0,
    DateAgreement.DIFFERENT: -6.0,
    DateAgreement.GENERATION: -10.0,
}


def date_level(agreement: DateAgreement, households: bool) -> DateAgreement:
    """Dates a generation apart count as a parent and a child (``households``); in data
    without families (see ``compare_persons``) they are merely different."""
    if agreement is DateAgreement.GENERATION and not households:
        return DateAgreement.DIFFERENT
    return agreement


# Each level's feature, by the level's value: an Enum member's hash, name and value are
# Python code, which compiled code calls as such (four calls a comparison).
DATE_FEATURES = {
    level.value: feature("date of birth", level.name.lower(), weight, level.value)
    for level, weight in DATE_WEIGHTS.items()
}


def birth_date_feature(a: PersonRecord, b: PersonRecord, households: bool = True) -> Feature:
    """Dates of birth, tolerant of the usual recording errors (``date_level``)."""
    level = date_level(date_agreement(a.date_of_birth, b.date_of_birth), households)
    return DATE_FEATURES[level._value_]


# The same document number by chance is very rare (about one pair in ten million): it
# outweighs a name typed in the wrong field, a changed surname or a wrong date. To refine
# with the document's type and issuing country, when sources give them.
DOCUMENT_WEIGHTS = {
    "exact": 20.0,
    "check character": 9.0,
    "series letters": 9.0,  # V-12873490 and 12873490 (documents.bare_number)
    # A CUIL and the DNI it is made of (documents.identity_in_tax_number); the bound reads
    # both as one (prescore._document_weights): keep the two weights equal.
    "identity number in a tax number": 9.0,
    "one character": 6.0,
    "missing": 0.0,
    "different": -3.0,
    # Two valid numbers of one lifelong scheme (a DNI, a CPF, a CURP...): one in a few
    # hundred records of one person carries someone else's number, copied or borrowed.
    "different lifelong number": -8.0,
}
DOCUMENT_AGREES = frozenset(
    {
        "exact",
        "check character",
        "series letters",
        "identity number in a tax number",
        "one character",
    }
)
# Two records with one number (a check character aside), one of whose dates is the one
# its number writes: the part it writes says no more than the number; a date that
# disagrees still counts against (a copied number: ``_date_beyond_number``). A number
# one character apart is most often a clerk's typo of the person's own: its date counts.
DATE_FROM_DOCUMENT = feature(
    "date of birth",
    "from_document",
    0.0,
    "a date of birth that the same document number writes: only what the number does not"
    " say counts",
)
DATE_FROM_DOCUMENT_LEVELS = frozenset({"exact", "check character"})
SWAPPED_ORDER_WEIGHT = -1.0  # given names and surnames exchanged between fields


# The features of the fields whose explanations are fixed, made once: a feature made
# anew is a tuple subclass's instance and a boxed weight (1 500 instructions compiled, a
# tenth of a warm comparison for its dozen features); these are read from a dictionary.
DOCUMENT_FEATURES = {
    level: feature("document", level, weight, f"document numbers: {level}")
    for level, weight in DOCUMENT_WEIGHTS.items()
}


def document_feature(a: PersonRecord, b: PersonRecord) -> Feature:
    """Document numbers; a different number weighs little (people hold several documents),
    unless both are valid numbers a person keeps for life (``documents.national_scheme``)."""
    return DOCUMENT_FEATURES[document_agreement(a.document_number, b.document_number)]


SEX_WEIGHTS = {"same": 0.6, "different": -5.0}
NATIONALITY_WEIGHTS = {"same": 0.5, "different": -1.0}
SEX_FEATURES = {
    "missing": feature("sex", "missing", 0.0, "sex is missing"),
    "same": feature("sex", "same", SEX_WEIGHTS["same"], "same sex"),
    "different": feature("sex", "different", SEX_WEIGHTS["different"], "different sex"),
}
NATIONALITY_FEATURES = {
    "missing": feature("nationality", "missing", 0.0, "nationality is missing"),
    "same": feature("nationality", "same", NATIONALITY_WEIGHTS["same"], "same nationality"),
    "different": feature(
        "nationality",
        "different",
        NATIONALITY_WEIGHTS["different"],
        "different nationality (people hold several)",
    ),
}


# Sex as registers write it, in the six languages and English, read as m or f: words,
# Spanish and Portuguese H (hombre, homem), ISO 5218's 1 and 2. M is male where a file
# writes F for women, female where it writes H or varón for men (Mexico's CURP, Spain's
# statistics: hombre / mujer): ``xref.read_records`` reads a file's codes so. V (varón in
# Spanish, vrouw in Dutch) is none but in a file of mostly Dutch nationalities that writes
# M and V (``xref._sexes``: F; in other files of M and V, M is none too), and unknown or
# unspecified (X, U, 0, 9, N/A), another sex or none said in words (otro, non-binaire) are
# none: no evidence either way, where their first letter was a sex "different" from M or F.
SEX_CODES: dict[str, str] = {
    word: code
    for code, words in (
        ("m", "m h 1 male man masculino masculin masculine maschio maschile mannelijk hombre"),
        ("m", "homem homme uomo varon"),
        ("f", "f w 2 female woman femenino feminino feminin feminine femmina femminile"),
        ("f", "vrouwelijk vrouw mujer mulher femme donna"),
        ("", "x u 0 9 unknown desconocido desconhecido inconnu sconosciuto onbekend"),
        ("", "otro otra outro outra autre altro altra anders other nb intersex intersexo"),
        ("", "indeterminado indeterminada indetermine indeterminato onbepaald ignorado"),
        ("", "indefinido nd sd na"),
        # V alone is varón in Spanish registers and vrouw in Dutch ones: neither, unless
        # the file says which (xref._sexes reads a Dutch-speaking file's V as F)
        ("", "v"),
    )
    for word in words.split()
}
# What a register writes before the sex itself (Sexo: F, Sexe : M).
SEX_LABELS = frozenset({"sexo", "sexe", "sesso", "sex", "geslacht", "genero", "gender"})


@lru_cache(maxsize=4096)
def sex_code(value: str) -> str:
    """The sex a record's text gives (``SEX_CODES``): m, f, "" for none; another word's
    first letter (two records writing it alike agree). Of several words, a label left out
    (Sexo: F), the one sex they all give, else none (M/F, a form's choices; no binario)."""
    word = sex_word(value)
    code = SEX_CODES.get(word)
    if code is not None:
        return code
    codes = {SEX_CODES.get(w, w[:1]) for w in word.split()}
    return codes.pop() if len(codes) == 1 else ""


def sex_word(value: str) -> str:
    """A sex as written, folded, without the label written before it (Sexo: M is m)."""
    return " ".join(w for w in fold(value).split() if w not in SEX_LABELS)


# ISO 3166 alpha-3 codes (as passports and their machine-readable zone write them) and
# their alpha-2 code, as "ESPES" (CLDR's territory aliases, old codes included: DDR, ZAR).
# fmt: off
_ALPHA_3 = (
    "ABWAW AFGAF AGOAO AIAAI ALAAX ALBAL ANDAD AREAE ARGAR ARMAM ASCAC ASMAS ATAAQ ATFTF "
    "ATGAG AUSAU AUTAT AZEAZ BDIBI BELBE BENBJ BESBQ BFABF BGDBD BGRBG BHRBH BHSBS BIHBA "
    "BLMBL BLRBY BLZBZ BMUBM BOLBO BRABR BRBBB BRNBN BTNBT BURMM BVTBV BWABW CAFCF CANCA "
    "CCKCC CHECH CHLCL CHNCN CIVCI CMRCM CODCD COGCG COKCK COLCO COMKM CPTCP CPVCV CRICR "
    "CUBCU CUWCW CXRCX CYMKY CYPCY CZECZ DDRDE DEUDE DGADG DJIDJ DMADM DNKDK DOMDO DZADZ "
    "ECUEC EGYEG ERIER ESHEH ESPES ESTEE ETHET FINFI FJIFJ FLKFK FRAFR FROFO FSMFM FXXFR "
    "GABGA GBRGB GEOGE GGYGG GHAGH GIBGI GINGN GLPGP GMBGM GNBGW GNQGQ GRCGR GRDGD GRLGL "
    "GTMGT GUFGF GUMGU GUYGY HKGHK HMDHM HNDHN HRVHR HTIHT HUNHU IDNID IMNIM INDIN IOTIO "
    "IRLIE IRNIR IRQIQ ISLIS ISRIL ITAIT JAMJM JEYJE JORJO JPNJP KAZKZ KENKE KGZKG KHMKH "
    "KIRKI KNAKN KORKR KWTKW LAOLA LBNLB LBRLR LBYLY LCALC LIELI LKALK LSOLS LTULT LUXLU "
    "LVALV MACMO MAFMF MARMA MCOMC MDAMD MDGMG MDVMV MEXMX MHLMH MKDMK MLIML MLTMT MMRMM "
    "MNEME MNGMN MNPMP MOZMZ MRTMR MSRMS MTQMQ MUSMU MWIMW MYSMY MYTYT NAMNA NCLNC NERNE "
    "NFKNF NGANG NICNI NIUNU NLDNL NORNO NPLNP NRUNR NZLNZ OMNOM PAKPK PANPA PCNPN PERPE "
    "PHLPH PLWPW PNGPG POLPL PRIPR PRKKP PRTPT PRYPY PSEPS PYFPF QUUEU REURE ROURO RUSRU "
    "RWARW SAUSA SDNSD SENSN SGPSG SGSGS SHNSH SJMSJ SLBSB SLESL SLVSV SMRSM SOMSO SPMPM "
    "SRBRS SSDSS STPST SURSR SVKSK SVNSI SWESE SWZSZ SXMSX SYCSC SYRSY TAATA TCATC TCDTD "
    "TGOTG THATH TJKTJ TKLTK TKMTM TLSTL TMPTL TONTO TTOTT TUNTN TURTR TUVTV TWNTW TZATZ "
    "UGAUG UKRUA UMIUM URYUY USAUS UZBUZ VATVA VCTVC VENVE VGBVG VIRVI VNMVN VUTVU WLFWF "
    "WSMWS YEMYE YMDYE ZAFZA ZARCD ZMBZM ZWEZW "
)
# fmt: on
ALPHA_3 = {_ALPHA_3[k : k + 3]: _ALPHA_3[k + 3 : k + 5] for k in range(0, len(_ALPHA_3), 6)}
ALPHA_3.update({"D": "DE", "GBD": "GB", "GBN": "GB", "GBO": "GB", "GBP": "GB", "GBS": "GB"})
ALPHA_3.update({"QAT": "QA", "RKS": "XK", "XKX": "XK", "ANT": "AN"})  # Kosovo, Antilles
ALPHA_2 = frozenset(ALPHA_3.values())  # (EE, TT, SS: real codes of one repeated letter)
# Nationalities that say there is none or it is not known, folded and run together:
# unknown, no data, stateless (no nationality to agree or disagree: ICAO's XXA, and its
# refugees' XXB and XXC), in the six languages; codes of one character repeated (XX, XXX,
# ZZ, 00, 999) are none too.
# fmt: off
NO_NATIONALITY = frozenset({
    "desconocida", "desconocido", "desconhecida", "desconhecido", "inconnue", "inconnu",
    "onbekend", "sconosciuta", "sconosciuto", "unknown", "sindato", "sindatos", "noconsta",
    "indeterminada", "indeterminado", "ignorada", "ignorado", "apatrida", "apatride",
    "stateless", "staatloos", "apolide", "nodata", "none", "null", "ninguna", "ninguno",
    "nd", "nn", "xxa", "xxb", "xxc",
})
# fmt: on


# The nationalities of the cooperating countries as registers write them in words (and the
# countries' names in the six languages, from CLDR: ``_countries``), folded.
# fmt: off
_DEMONYMS = """
AR argentino argentina argentine argentin
BO boliviano boliviana bolivian bolivien bolivienne
BR brasileno brasilena brasileiro brasileira brazilian bresilien bresilienne brasiliano
   brasiliana braziliaans braziliaanse
CL chileno chilena chilean chilien chilienne cileno cilena chileens chileense
CO colombiano colombiana colombian colombien colombienne colombiaans colombiaanse
CR costarricense costarriquenho costarriquenha costarican costaricien costaricienne
CU cubano cubana cuban cubain cubaine
DO dominicano dominicana
EC ecuatoriano ecuatoriana equatoriano equatoriana ecuadorian ecuadorien ecuadorienne
GT guatemalteco guatemalteca guatemalan guatemalteque
HN hondureno hondurena hondurenho hondurenha honduran hondurien hondurienne
HT haitiano haitiana haitian haitien haitienne
JM jamaicano jamaicana jamaiquino jamaiquina jamaican jamaicain jamaicaine
MX mexicano mexicana mexican mexicain mexicaine messicano messicana mexicaans mexicaanse
NI nicaraguense nicaraguan nicaraguayen nicaraguayenne
PA panameno panamena panamenho panamenha panamanian panameen panameenne
PE peruano peruana peruvian peruvien peruvienne peruviano peruviana peruaans peruaanse
PY paraguayo paraguaya paraguaio paraguaia paraguayan paraguayen paraguayenne
SV salvadoreno salvadorena salvadorenho salvadorenha salvadoran salvadorien salvadorienne
SR surinames surinamesa surinamer surinamese surinamien surinamienne surinaams surinaamse
UY uruguayo uruguaya uruguaio uruguaia uruguayan uruguayen uruguayenne
VE venezolano venezolana venezuelano venezuelana venezuelan venezuelien venezuelienne
   venezuelaans venezuelaanse
GY guyanes guyanesa guyanense guyanese guyanien guyanienne
BZ beliceno belicena belizean belizien belizienne
BS bahameno bahamena bahamian bahamien bahamienne
BB barbadense barbadian barbadien barbadienne bajan
TT trinitense trinidadian trinidadien trinidadienne
GD granadino granadina grenadian grenadien grenadienne
LC santalucense saintlucian saintlucien saintlucienne
VC sanvicentino sanvicentina vincentian
KN sancristobalense kittitian
AG antiguano antiguana antiguan
DM dominiques dominiquesa dominiquais dominiquaise
ES espanol espanola espanhol espanhola spanish espagnol espagnole spagnolo spagnola spaans
   spaanse
FR frances francesa frances francesa french francais francaise francese frans franse
IT italiano italiana italian italien italienne italiaans italiaanse
NL neerlandes neerlandesa holandes holandesa dutch neerlandais neerlandaise hollandais
   hollandaise olandese nederlands nederlandse hollands hollandse nederlander
BE belga belgian belge belg belgische belgisch
AW arubeno arubena arubano arubana aruban arubaans arubaanse
CW curazoleno curazolena curacaoan curacaos curacaose
PT portugues portuguesa portuguese portugais portugaise portoghese portugees portugese
PR puertorriqueno puertorriquena portorriquenho portorriquenha puertorican portoricain
   portoricaine portoricano portoricana puertoricaans puertoricaanse
AN antillasholandesas antilhasholandesas antillesneerlandaises netherlandsantilles
   antilleolandesi nederlandseantillen
US eeuu eua usa estadounidense norteamericano norteamericana americano americana american
   americain americaine statunitense amerikaans amerikaanse
GB uk inglaterra england angleterre inghilterra engeland britanico britanica britannique
   british britannico britannica brits britse ingles inglesa english anglais anglaise
   inglese engels engelse
NL holanda holland hollande olanda
DO rd
GF guyane
DE aleman alemana alemao alema german allemand allemande tedesco tedesca duits duitse
CN chino chinesa chines chinese chinois chinoise cinese chinees
MA marroqui marroquino marroquina moroccan marocain marocaine marocchino marocchina
   marokkaans marokkaanse
NG nigeriano nigeriana nigerian nigeriane nigeriaans nigeriaanse
NE nigerien nigerienne nigerino nigerina nigerees nigerese
AL albanes albanesa albanian albanais albanaise albanese albanees albanese
RO rumano rumana romeno romena romanian roumain roumaine rumeno rumena roemeens roemeense
RU ruso rusa russo russa russian russe russisch russische
TR turco turca turkish turc turque turks turkse
CA canadiense canadense canadian canadien canadienne canadese canadees canadese
CH suizo suiza suico suica swiss suisse svizzero svizzera zwitsers zwitserse
PL polaco polaca polones polonesa polish polonais polonaise polacco polacca pools poolse
UA ucraniano ucraniana ukrainian ukrainien ukrainienne ucraino ucraina oekraiens oekraiense
DZ argelino argelina algerian algerien algerienne algerino algerina algerijns algerijnse
LB libanes libanesa lebanese libanais libanaise libanese libanees libanese
SY sirio siria syrian syrien syrienne siriano siriana syrisch syrische
IL israeli israelense israelien israelienne israeliano israeliana israelisch israelische
CV caboverdiano caboverdiana capeverdean capverdien capverdienne kaapverdisch
AO angolano angolana angolan angolais angolaise angolees angolese
MZ mocambicano mocambicana mozambicano mozambicana mozambican mozambicain mozambicaine
   mozambikaans mozambikaanse
GW guineense bissauguineense bissauguinean bissauguineen bissauguineenne
ST santomense saotomense santomean santomeen santomeenne
TL timorense timorese timorais timoraise oosttimorees oosttimorese
"""
# fmt: on


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded nationality words and country names (``_DEMONYMS``, CLDR's territory names in
    the six languages, babel's), run together: their alpha-2 code."""
    from babel import Locale

    names: dict[str, str] = {}
    for line in _DEMONYMS.replace("\n   ", " ").strip().splitlines():
        code, *words = line.split()
        names.update((word, code) for word in words)
    for language in ("es", "pt", "fr", "en", "nl", "it"):
        for code, name in Locale(language).territories.items():
            if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "ZZ"):
                names.setdefault("".join(tokens(name)), code)
    return names


@lru_cache(maxsize=4096)
def nationality_code(value: str) -> str:
    """A record's nationality as it is compared: an ISO alpha-2 code as written, an alpha-3
    one (ESP, or D<< in a machine-readable zone) or the country or nationality in words
    (España, Spain, española, Colombiana) as its alpha-2 code, other text in capitals (two
    records writing it alike agree); "" for none written, or one written for none
    (``NO_NATIONALITY``; at most three letters with a slash or a dot between them: N/A,
    S/D, N.D.)."""
    written = value.strip().upper().rstrip("<.")
    if written in ALPHA_3:
        return ALPHA_3[written]
    if written in ALPHA_2:
        return written
    key = "".join(tokens(written))
    if not key or key in NO_NATIONALITY or one_repeated(key):
        return ""
    if len(key) <= 3 and ("/" in written or "." in written):
        return _countries().get(key, "")  # U.S.A., E.U.A., R.D.; not N/A, S/D, N.D.
    return _countries().get(key, written)


def sex_feature(a: PersonRecord, b: PersonRecord) -> Feature:
    sa, sb = sex_code(a.gender), sex_code(b.gender)
    if not sa or not sb:
        return SEX_FEATURES["missing"]
    return SEX_FEATURES["same" if sa == sb else "different"]


def nationality_feature(a: PersonRecord, b: PersonRecord) -> Feature:
    na, nb = nationality_code(a.nationality), nationality_code(b.nationality)
    if not na or not nb:
        return NATIONALITY_FEATURES["missing"]
    return NATIONALITY_FEATURES["same" if na == nb else "different"]


@lru_cache(maxsize=65536)
def _address_parts(address: str) -> tuple[str, tuple[str, ...], frozenset[str], frozenset[str]]:
    """Folded address without spaces, its words, its numbers, and the words that name its
    street: the longer words but the kinds of street (``text.STREET_KIND_WORDS``: two
    Calles are no one street), and a kind with the number after it (Calle 45, Cl. 9A)."""
    words = tuple(address_words(address))
    numbers = frozenset(w for w in words if w.isdigit())
    longer = {w for w in words if not w.isdigit() and len(w) >= 3 and w not in STREET_KIND_WORDS}
    longer.update(
        kind + number
        for kind, number in pairwise(words)
        if kind in STREET_KIND_WORDS and number[:1].isdigit()
    )
    return "".join(words), words, numbers, frozenset(longer)


def _shares_word(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two addresses' street words share one, or one a typo apart; a word with a
    number (Calle 45, ``_address_parts``) only as written: Calle 54 is another street."""
    if a & b:
        return True
    words_b = [y for y in b if y.isalpha()]
    return any(_similar(x, y, 0.92) for x in a if x.isalpha() for y in words_b)


def address_agreement(a: str, b: str) -> str:
    """``exact``, ``similar`` (typing errors, words in another order or a line missing on
    one side), ``same street`` (same street, number missing or equal on one line),
    ``street`` (same street, another number), ``missing`` or ``different``."""
    key_a, words_a, numbers_a, longer_a = _address_parts(a)
    key_b, words_b, numbers_b, longer_b = _address_parts(b)
    if not key_a or not key_b:
        return "missing"
    if key_a == key_b or sorted(words_a) == sorted(words_b):
        return "exact"
    same_numbers = numbers_a == numbers_b
    if same_numbers and _similar(key_a, key_b, 0.93):
        return "similar"
    set_a, set_b = set(words_a), set(words_b)
    if (
        (set_a <= set_b or set_b <= set_a)
        and len(set_a & set_b) >= 2
        and (same_numbers or not numbers_a or not numbers_b)
    ):
        return "similar"
    if not _shares_word(longer_a, longer_b):
        return "different"
    if same_numbers or not numbers_a or not numbers_b or numbers_a & numbers_b:
        return "same street"
    return "street"


ADDRESS_WEIGHTS = {
    "exact": 6.0,
    "similar": 5.0,
    "same street": 3.0,
    "street": 1.0,
    "missing": 0.0,
    "different": -0.5,
}
# In data without families (``households`` off, see compare_persons), two persons rarely
# share an address: the address then tells as much as a phone number or an e-mail address.
SEPARATE_ADDRESS_WEIGHTS = {**ADDRESS_WEIGHTS, "exact": 12.0, "similar": 11.0, "same street": 4.0}
ADDRESS_TEXT = {
    "exact": "the same address",
    "similar": "nearly the same address",
    "same street": "the same street",
    "street": "the same street, another number",
    "missing": "an address is missing",
    "different": "different addresses (people move)",
}


def address_weights(households: bool) -> dict[str, float]:
    """The address weights for data with families living together, or without."""
    return ADDRESS_WEIGHTS if households else SEPARATE_ADDRESS_WEIGHTS


ADDRESS_FEATURES = {  # by households, then level
    households: {
        level: feature("address", level, address_weights(households)[level], text)
        for level, text in ADDRESS_TEXT.items()
    }
    for households in (False, True)
}


def address_feature(a: PersonRecord, b: PersonRecord, households: bool = True) -> Feature:
    return ADDRESS_FEATURES[households][address_agreement(a.address, b.address)]


@lru_cache(maxsize=65536)
def _code_key(value: str) -> str:
    """A postcode or city folded, without spaces; "" for one written for none (a city
    Desconocido, S/D or N/A: ``text.NO_ADDRESS``; a postcode 00000 or 99999)."""
    key = fold(value).replace(" ", "")
    return "" if key in NO_ADDRESS or one_repeated(key) else key


# (level, whether the address already agrees): once it does, postcode and city add little.
POSTCODE_WEIGHTS = {
    ("exact", False): 3.0,
    ("exact", True): 0.5,
    ("one character", False): 1.0,
    ("one character", True): 0.5,
    ("different", False): -0.5,
    ("different", True): -0.5,
}
CITY_WEIGHTS = {
    ("exact", False): 1.5,
    ("exact", True): 0.3,
    ("similar", False): 1.0,
    ("similar", True): 0.3,
    ("different", False): -0.3,
    ("different", True): -0.3,
}
ADDRESS_COUNTED = frozenset({"exact", "similar"})
POSTCODE_FEATURES = {  # by whether the address agrees, then level
    counted: {
        "missing": feature("postcode", "missing", 0.0, "a postcode is missing"),
        "exact": feature(
            "postcode", "exact", POSTCODE_WEIGHTS["exact", counted], "the same postcode"
        ),
        "one character": feature(
            "postcode",
            "one character",
            POSTCODE_WEIGHTS["one character", counted],
            "postcodes one character apart",
        ),
        "different": feature(
            "postcode", "different", POSTCODE_WEIGHTS["different", counted], "different postcodes"
        ),
    }
    for counted in (False, True)
}
CITY_FEATURES = {  # by whether the address agrees, then level
    counted: {
        "missing": feature("city", "missing", 0.0, "a city is missing"),
        "exact": feature("city", "exact", CITY_WEIGHTS["exact", counted], "the same city"),
        "similar": feature(
            "city", "similar", CITY_WEIGHTS["similar", counted], "the same city, misspelt"
        ),
        "different": feature(
            "city", "different", CITY_WEIGHTS["different", counted], "different cities"
        ),
    }
    for counted in (False, True)
}


def postcode_feature(a: PersonRecord, b: PersonRecord, address: Feature) -> Feature:
    """Postcodes; once the address agrees, the postcode adds little."""
    ka, kb = _code_key(a.postcode), _code_key(b.postcode)
    features = POSTCODE_FEATURES[address.level in ADDRESS_COUNTED]
    if not ka or not kb:
        return features["missing"]
    if ka == kb:
        return features["exact"]
    if len(ka) == len(kb) and OSA.distance(ka, kb) == 1:  # a digit changed or two swapped
        return features["one character"]
    return features["different"]


def city_feature(a: PersonRecord, b: PersonRecord, address: Feature) -> Feature:
    ca = fold(a.city) if _code_key(a.city) else ""
    cb = fold(b.city) if _code_key(b.city) else ""
    features = CITY_FEATURES[address.level in ADDRESS_COUNTED]
    if not ca or not cb:
        return features["missing"]
    if ca.replace(" ", "") == cb.replace(" ", ""):
        return features["exact"]
    return features["similar" if _similar(ca, cb, 0.92) else "different"]


def place_weight(a: PersonRecord, b: PersonRecord, households: bool = True) -> float:
    """What address, postcode and city add to ``compare_persons``' log-odds, before the
    family correction (which only takes positive evidence back)."""
    address = address_feature(a, b, households)
    return (
        address.weight + postcode_feature(a, b, address).weight + city_feature(a, b, address).weight
    )


# The least address, postcode and city can add (all different), with or without families.
PLACE_FLOOR = (
    min(min(ADDRESS_WEIGHTS.values()), min(SEPARATE_ADDRESS_WEIGHTS.values()))
    + min(POSTCODE_WEIGHTS.values())
    + min(CITY_WEIGHTS.values())
)


PHONE_WEIGHTS = {"exact": 8.0, "one digit": 3.0, "different": -0.5}
EMAIL_WEIGHTS = {"exact": 10.0, "same name": 4.0, "different": -0.5}
PHONE_FEATURES = {
    "missing": feature("phone", "missing", 0.0, "a phone number is missing"),
    "exact": feature("phone", "exact", PHONE_WEIGHTS["exact"], "the same phone number"),
    "one digit": feature(
        "phone", "one digit", PHONE_WEIGHTS["one digit"], "phone numbers one digit apart"
    ),
    "different": feature(
        "phone", "different", PHONE_WEIGHTS["different"], "different phone numbers"
    ),
}
EMAIL_FEATURES = {
    "missing": feature("email", "missing", 0.0, "an email address is missing"),
    "exact": feature("email", "exact", EMAIL_WEIGHTS["exact"], "the same email address"),
    "same name": feature(
        "email", "same name", EMAIL_WEIGHTS["same name"], "the same email name, another provider"
    ),
    "different": feature(
        "email", "different", EMAIL_WEIGHTS["different"], "different email addresses"
    ),
}


def phone_feature(a: PersonRecord, b: PersonRecord) -> Feature:
    """Phone numbers on their last eight digits (country and area prefixes vary)."""
    pa, pb = phone_digits(a.phone), phone_digits(b.phone)
    if not pa or not pb:
        return PHONE_FEATURES["missing"]
    if pa == pb:
        return PHONE_FEATURES["exact"]
    if len(pa) == len(pb) and OSA.distance(pa, pb) == 1:
        return PHONE_FEATURES["one digit"]
    return PHONE_FEATURES["different"]


GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})
# Mailboxes that say there is none (no@no.com, sincorreo@gmail.com, notiene@hotmail.com):
# their names, without dots, dashes or underscores. Shared by strangers, they are none.
# fmt: off
NO_MAILBOX = frozenset({
    "no", "noemail", "nomail", "sinmail", "sinemail", "sincorreo", "sincorreoelectronico",
    "notiene", "notengo", "ninguno", "ninguna", "nohay", "none", "null", "test", "correo", "email",
    "mail", "sin", "naotem", "naopossui", "sememail", "pasdemail", "pasdemel", "aucun", "nessuno",
    "nessuna", "nonhalemail", "geen", "geenemail", "noaplica", "desconocido", "desconhecido",
    "inconnu", "sconosciuto", "onbekend", "unknown", "noreply"
})
# fmt: on


def mailbox(value: str) -> str:
    """An email address as the mailbox it reaches: lower case, without the tag after a +
    that most providers ignore (ana.ruiz+banco@outlook.com), and for Gmail without the dots
    it ignores too (a.na.ruiz@googlemail.com is anaruiz@gmail.com); "" for no address, or
    one that says there is none (``NO_MAILBOX``)."""
    mail = value.strip().casefold()
    if "@" not in mail:
        return ""
    local, domain = mail.rsplit("@", 1)
    local = local.split("+", 1)[0] or local
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", "") or local, "gmail.com"
    name = local.replace(".", "").replace("-", "").replace("_", "")
    if len(name) < 2 or name in NO_MAILBOX or no_number(name):
        return ""  # none written: no@no.com, x@x.com, 0000@gmail.com
    return f"{local}@{domain}"


def email_feature(a: PersonRecord, b: PersonRecord) -> Feature:
    ea, eb = mailbox(a.email), mailbox(b.email)
    if not ea or not eb:
        return EMAIL_FEATURES["missing"]
    if ea == eb:
        return EMAIL_FEATURES["exact"]
    local_a, local_b = ea.split("@", 1)[0], eb.split("@", 1)[0]
    if len(local_a) >= 5 and local_a.replace(".", "") == local_b.replace(".", ""):
        return EMAIL_FEATURES["same name"]
    return EMAIL_FEATURES["different"]


HOUSEHOLD_FIELDS = frozenset({"address", "postcode", "city", "phone"})
FAMILY_DATE_CAP = 2.0  # twins share a date of birth: with other given names it counts little


# Given names that resemble each other, as parents give their children (the sibling rule of
# ``family_feature``).
CLOSE_GIVEN = frozenset({"short form", "sound", "typo", "alike", "initial", "shared"})


def family_feature(features: tuple[Feature, ...], generation: bool = False) -> Feature | None:
    """Family members share surnames, an address, a phone and, for twins, a date of birth.
    When the given names differ, or the dates of birth are a generation apart (a father and
    a son named alike; ``generation``: so said where the date's level does not say it), or
    the dates of birth differ and the given names only resemble each other (sisters named
    Maite and María José, brothers Juan Carlos and Juan Pablo: parents give close names),
    and no document agrees, that shared evidence is what a sibling, a twin or a parent would
    show too, so it is taken back. None otherwise."""
    levels = {f.field: f for f in features}
    given = levels.get("given name")
    document = levels.get("document")
    date = levels.get("date of birth")
    # (a Chinese name and one of the country too: a twin's at one home as often as hers)
    other_given = given is not None and given.level in (
        "different",
        "second differs",
        "two cultures",
    )
    marks = levels.get("generation")
    other_generation = (
        generation
        or (date is not None and date.level == "generation")
        or (marks is not None and marks.level == "different")
    )
    sibling = (
        given is not None
        and given.level in CLOSE_GIVEN
        and date is not None
        and date.level == "different"
    )
    if not other_given and not other_generation and not sibling:
        return None
    if document is not None and document.level in DOCUMENT_AGREES:
        return None
    shared = sum(f.weight for f in features if f.field in HOUSEHOLD_FIELDS and f.weight > 0)
    if other_given and date is not None and date.weight > FAMILY_DATE_CAP:
        shared += date.weight - FAMILY_DATE_CAP
    if shared <= 0:
        return None
    if other_given:
        return feature(
            "family",
            "other given names",
            -shared,
            "other given names: shared family details do not count",
        )
    if sibling and not other_generation:
        return feature(
            "family",
            "sibling",
            -shared,
            "close given names and another date of birth: a shared home does not count",
        )
    return feature(
        "family",
        "other generation",
        -shared,
        "another generation: a shared home does not count",
    )


def siblings_named_alike(
    features: tuple[Feature, ...], a: PersonRecord | None = None, b: PersonRecord | None = None
) -> Feature | None:
    """``family_feature`` where the data shows no families (``households`` off) but the
    names say siblings: the first given names agree and the second differs (José Manuel
    and José Víctor, Luz Mary and Luz Liliana: parents give their children one first name
    and another second, while a person's second name does not turn into another), or the
    given names differ altogether, in records that give a sex: a man's and a woman's
    (Tomás and Camila, Daniel and Daniele), or of one sex where neither name holds the
    other (``_named_apart``; Edwin and Jesús) and they are not a Chinese person's names of
    two cultures (``_chinese_and_other_name``). With the same surnames, date of birth and
    address that is a twin, in any file: a twin's records may fall on one side each,
    leaving neither file a family to show. Likewise a parent and a child named alike:
    records of one sex whose dates of birth are a generation apart (``_a_generation_apart``;
    Rosa Bianchi and her daughter Rosa at one address). Spellings of one name the tables
    do not know are no different names (``spelt_alike``). Files of separate persons that
    replace a name or a date (FEBRL's duplicates: Daniella / Lachlan) give no sex, and keep
    their address's weight. None otherwise."""
    levels = {f.field: f.level for f in features}
    given = levels.get("given name")
    generation = _a_generation_apart(levels, a, b)
    if given == "different":
        sex = levels.get("sex", "missing")
        if sex == "missing":
            return None
        if sex == "same" and a is not None and b is not None and _one_name_still(a, b):
            return None
    elif given != "second differs" and not generation:
        return None
    return family_feature(features, generation)


def _a_generation_apart(
    levels: dict[str, str], a: PersonRecord | None, b: PersonRecord | None
) -> bool:
    """Whether two records of one sex (both give it) have dates of birth a generation apart
    (``DateAgreement.GENERATION``, which files without families read as merely
    "different")."""
    if a is None or b is None or levels.get("sex") != "same":
        return False
    if levels.get("date of birth") != "different":
        return False
    return date_agreement(a.date_of_birth, b.date_of_birth) is DateAgreement.GENERATION


def _one_name_still(a: PersonRecord, b: PersonRecord) -> bool:
    """Whether two records' different given names may still be one person's: one holds
    the other (not ``_named_apart``), or they are a Chinese person's names of two cultures
    (``_chinese_and_other_name``)."""
    return not _named_apart(a, b) or _chinese_and_other_name(a, b)


def _named_apart(a: PersonRecord, b: PersonRecord) -> bool:
    """Whether no given name of one record, nor its given names run together, is one of
    the other's (Lucía Yanping and Yan Ping run together), or one of the other's with a
    known name after it (Mariachiara: Maria and Chiara) or a particle before it (Delroy:
    the Roy of Del Roy, whose Del the reading drops); and the first given names sound with
    other consonants (not ``_transliterated``). Such names are one person's written two
    ways more often than twins' (Juliana and Ana, Julian and Ian stay twins')."""
    for x in a.names:
        words_x = {*x.given, "".join(x.given)}
        for y in b.names:
            if x.given and y.given and _transliterated(x.given[0], y.given[0]):
                return False
            words_y = {*y.given, "".join(y.given)}
            if any(_holds(u, v) or _holds(v, u) for u in words_x for v in words_y):
                return False
    return True


def _holds(whole: str, part: str) -> bool:
    """``whole`` is ``part`` (three letters or more), or ``part`` with a given name of the
    tables after it, or with a particle before it."""
    if len(part) < 3:
        return False
    if whole == part:
        return True
    if whole.startswith(part) and whole[len(part) :] in KNOWN_GIVEN:
        return True
    return whole.endswith(part) and whole[: -len(part)] in PARTICLES


_VOWELS = str.maketrans("", "", "aeiouy")


def _transliterated(x: str, y: str) -> bool:
    """Two given names with the same consonants, by sound, one of them unknown to the tables
    (Nordine and Noureddine, Yassine and Iasin, Imane and Imen: an Arabic name transliterated
    two ways; not Mario and Mauro)."""
    if _consonants(x) != _consonants(y):
        return False
    return not (_known_given(x) and _known_given(y))


def _consonants(word: str) -> str:
    """The consonants of a given name's sound key, two or more (else the key itself)."""
    key = phonetic(word)
    consonants = key.translate(_VOWELS)
    return consonants if len(consonants) >= 2 else key


def _chinese_and_other_name(a: PersonRecord, b: PersonRecord) -> bool:
    """Whether any readings of two records' names are a Chinese person's two names
    (``two_cultures``: Xie Jun and Jorge Xie), not two siblings'."""
    return any(two_cultures(x, y) for x in a.names for y in b.names)


IDENTIFYING_FIELDS = frozenset({"date of birth", "document", "phone", "email", "address"})


def name_frequency_feature(namesakes: int, features: tuple[Feature, ...]) -> Feature | None:
    """How common the names two records share are where one of them is looked for (term
    frequency): the name weights above are averages, but "Juan García" agreeing says less
    than "Ximena Urquijo". When ``namesakes`` records of a searched collection share the
    agreeing names (given name and surnames) with the query, the name evidence points at
    any of them. What tells them apart is the rest (``features``: a date of birth, a
    document, a phone...): a stranger's details agree as well as these by chance once in
    2**w (w their positive weight), so the other namesakes count as (namesakes - 1) / 2**w
    rivals, and log2(1 + rivals) bits are taken back: log2(namesakes) when nothing else
    agrees, next to nothing when the date of birth is exact. None for a name no other
    record shares."""
    if namesakes < 2:
        return None
    evidence = sum(f.weight for f in features if f.field in IDENTIFYING_FIELDS and f.weight > 0)
    rivals = (namesakes - 1) * 2.0**-evidence
    return feature(
        "name frequency",
        "common",
        -math.log2(1.0 + rivals),
        f"{namesakes} records share these names",
    )


# The most the name features of one reading can weigh, and of a swapped reading.
BEST_NAME_WEIGHT = max(SURNAME_WEIGHTS.values()) + max(GIVEN_WEIGHTS.values())
BEST_SWAPPED_WEIGHT = BEST_NAME_WEIGHT + SWAPPED_ORDER_WEIGHT


def _crosswise(a: PersonName, b: PersonName) -> bool:
    """Whether a's surnames meet b's given names or a's given names b's surnames, by sound or
    short form: only then can the names have been typed in each other's fields (without it
    the swapped reading scores no better than a typo in both names)."""
    surnames_a = {phonetic(s) for s in a.surnames}
    return bool(surnames_a & _forms(b.given)) or bool(_forms(a.given) & _forms(b.surnames))


def _hyphened(record: PersonRecord) -> frozenset[tuple[str, str]]:
    """The pairs of a record's name words written with a hyphen between them, particles
    apart (Maglio-Monteverdi, Jansen-de Vries, Jean-Pierre): one name, never split."""
    texts = (record.full_name, record.given_name, record.surname, record.second_surname)
    if all("-" not in text for text in texts):
        return frozenset()
    pairs: set[tuple[str, str]] = set()
    for text in texts:
        last, joined = "", False
        for part in text.replace("-", " - ").split():
            if part == "-":
                joined = True
                continue
            for word in tokens(part):
                if word in PARTICLES:
                    continue
                if joined and last:
                    pairs.add((last, word))
                last, joined = word, False
    return frozenset(pairs)


def _particle_typo(word: str) -> bool:
    """A particle mistyped (vna, vn, va for van; dl for del): three letters or fewer, its
    first letter kept, one edit from a particle; a word, not a name."""
    return len(word) <= 3 and any(
        p[0] == word[0] and OSA.distance(word, p) <= 1 for p in JOINING_PARTICLES
    )


def _in_place(a: PersonName, b: PersonName, hyphened: frozenset[tuple[str, str]]) -> bool:
    """Whether two readings put a word of each name in one place, a given name in one and
    a surname in the other, that are not one word: one reading has one given name more,
    the other one surname more before the surnames they share (Juan Pérez | García and
    Juan | López García; Sole Jolanda | Persico and Sole | Silvia Persico). Read so, each
    record would have left out the word the other writes there; in the same place, they
    are another name (a relative's, a namesake's): the readings that line the words up
    say how they differ (the second given names differ, one surname differs). Two words
    left out in different places stay omissions (Juan Carlos | Pérez and Juan | Pérez
    García: Juan Carlos Pérez García), and so do:
    - one given name that stands for two (Juancarlos, Maite: María Teresa);
    - an initial (Juan P. García), a surname's article (El Amrani, Al Rashid), a particle
      mistyped (Stijn vna Amstel);
    - the first part of a double surname written with a hyphen (``hyphened``:
      Maglio-Monteverdi, Jansen-de Vries) or after a particle (Theo | da Mata Monteiro,
      Luz Barajas de Fuentes: surnames, never given names);
    - the middle words of Portuguese-speaking names, or of names without a nationality
      (``_names_line_up``, tested by the caller)."""
    for x, y in ((a, b), (b, a)):
        if (
            x.surnames
            and len(x.given) == len(y.given) + 1
            and len(y.surnames) == len(x.surnames) + 1
            and _phonetics(y.surnames[1:]) == _phonetics(x.surnames)
        ):
            word, other = x.given[-1], y.surnames[0]
            if (
                y.joined
                or min(len(word), len(other)) == 1
                or word in SURNAME_PREFIXES
                or other in SURNAME_PREFIXES
                or _particle_typo(other)
                or (other, y.surnames[1]) in hyphened
                or _run_together(x.given, y.given)
                or any(compound_forms(g) for g in y.given)
            ):
                return False
            return phonetic(word) != phonetic(other) and not _surname_typo(word, other)
    return False


def _names_line_up(a: PersonRecord, b: PersonRecord) -> bool:
    """Whether the words of two names are read in place (``_in_place``): where a record
    says its nationality and neither name is a Portuguese-speaking one (``portuguese_name``).
    Without a nationality a name may be one whose middle words people leave out (Gustavo
    Araújo Oliveira, Gustavo Henrique Oliveira): the words stay left out."""
    if not (nationality_code(a.nationality) or nationality_code(b.nationality)):
        return False
    return not (portuguese_name(a) or portuguese_name(b))


def _name_features(a: PersonRecord, b: PersonRecord) -> tuple[Feature, ...]:
    """The name features of the best reading of both names, name order swaps included.
    Where a name in one field reads several ways, two readings that put a word of each in
    one place as a given name and as a surname are not compared straight (``_in_place``):
    the readings that line them up are; only where a nationality says the names are not
    Portuguese-speaking ones, whose middle words people leave out (``_names_line_up``).
    Readings that could not do strictly better than the best so far (every level at its
    highest weight) are not compared: the answer is the same, sooner."""
    best: tuple[Feature, ...] = ()
    best_weight = float("-inf")
    names_a, names_b = a.names, b.names
    several = (len(names_a) > 1 or len(names_b) > 1) and _names_line_up(a, b)
    hyphened = _hyphened(a) | _hyphened(b) if several else frozenset()
    set_aside: list[tuple[tuple[Feature, ...], PersonName, PersonName]] = []
    for name_a in names_a:
        if best_weight >= BEST_NAME_WEIGHT:
            break
        for name_b in names_b:
            if best_weight >= BEST_NAME_WEIGHT:
                break
            straight = (
                _straight_surname(name_a, name_b, a, b),
                given_name_feature(name_a, name_b),
            )
            candidates: list[tuple[Feature, ...]] = [straight]
            if several and _in_place(name_a, name_b, hyphened):
                set_aside.append((straight, name_a, name_b))
                candidates = []
            # Given names and surnames typed in each other's fields: either record's fields
            # exchanged (two surnames read as given names compare worse than as surnames).
            if (
                max(best_weight, straight[0].weight + straight[1].weight) < BEST_SWAPPED_WEIGHT
                and name_b.given
                and name_b.surnames
                and _crosswise(name_a, name_b)
            ):
                swapped = PersonName(name_b.surnames, name_b.given, name_b.generation)
                order = feature(
                    "name order",
                    "swapped",
                    SWAPPED_ORDER_WEIGHT,
                    "given names and surnames are in each other's fields",
                )
                candidates.append(
                    (surname_feature(name_a, swapped), given_name_feature(name_a, swapped), order)
                )
                if name_a.given and name_a.surnames:
                    own = PersonName(name_a.surnames, name_a.given, name_a.generation)
                    candidates.append(
                        (surname_feature(own, name_b), given_name_feature(own, name_b), order)
                    )
            for reading in candidates:
                weight = sum(f.weight for f in reading)
                if weight > best_weight:
                    generation = generation_feature(name_a, name_b)
                    best = (*reading, generation) if generation else reading
                    best_weight = weight
    if not best and set_aside:  # no reading lines the words up: the closest one set aside
        closest, name_a, name_b = max(set_aside, key=lambda s: s[0][0].weight + s[0][1].weight)
        generation = generation_feature(name_a, name_b)
        best = (*closest, generation) if generation else closest
    return best


def other_sex_forms(man: str, woman: str) -> bool:
    """A man's given name and the woman's form of it: the o made an a or -ina (Francisco and
    Francisca, Márcio and Márcia, Guillermo and Guillermina), an a added to a last consonant
    (Daniel and Daniela, Juan and Juana, Luis and Luiza) or an e to a last n (Kauan and
    Kauane, Rayan and Rayane, as Brazil's registers give women's names), or, where the
    countries of the six languages give the one to men and the other to women
    (``name_sexes``, from their name registers) and they begin alike, any other (Jean and
    Jeanne, Michel and Michelle, Lucas and Lucía, José and Josefa, Cristian and Cristina): a
    brother and a sister, twins even, rather than one name mistyped and the sex with it. Not
    two forms of one name of the tables, or of one sound (Isabel and Isabela, René and
    Renée, Robin and Robyn: the sex mistyped), nor a name some register gives women on the
    man's record (Ann and Anna, Lilian and Liliana, Tere and Teresa, Flor and Flora, Marian
    and Mariana: the sex mistyped), nor other endings of names no register gives to one sex,
    which typing errors make as often (Mateo and Matoe; Andrea, Simone and Michele are
    Italian men)."""
    m, w = fold(man), fold(woman)
    if len(m) < 3 or " " in m or " " in w or m == w or m in WOMEN or m in ALSO_WOMEN:
        return False  # a name some register gives women on the man's record: the sex mistyped
    if m in MEN and w in WOMEN and m[:3] == w[:3]:
        feminine = True
    elif m[-1] == "o":
        forms: tuple[str, ...] = (m[:-1] + "a", m[:-1] + "ina")
        feminine = phonetic(w) in {phonetic(f) for f in forms}  # either spelt otherwise
    elif m[-1] not in "aeiouy":  # Luis and Luiza; Kauan and Kauane, as Brazil's registers
        # (an e after an n only: Gabriele, Samuele and Simone are Italian men)
        feminine = phonetic(w) == phonetic(m + "a") or (
            m[-1] == "n" and w not in ALSO_WOMEN and phonetic(w) == phonetic(m + "e")
        )
    else:
        return False
    return feminine and not _forms((m,)) & _forms((w,))  # the tables' forms, by sound


# The levels at which a man's and a woman's forms of one name meet (Francisca a typo of
# Francisco, Juanita a short form of Juana and so near Juan).
CLOSE_SPELLING = frozenset({"typo", "sound", "short form"})


def _of_other_sexes(
    names: tuple[Feature, ...], man: PersonRecord, woman: PersonRecord
) -> tuple[Feature, ...]:
    """The name features of a man's record and a woman's, the given names "different"
    where they give the man's and the woman's forms of one name (``other_sex_forms``),
    which the given names' spelling read as close (``CLOSE_SPELLING``), and where they are
    only spelt alike (``spelt_alike``: a brother and a sister named alike rather than one
    name the tables do not know). Only for names read in their fields' order:
    the given names of a swapped reading are others."""
    given = next((f for f in names if f.field == "given name"), None)
    if given is None or (given.level not in CLOSE_SPELLING and given.level != "alike"):
        return names
    if any(f.field == "name order" for f in names):
        return names
    if given.level == "alike":
        different = _given("different", "a man's and a woman's given names spelt alike")
        return tuple(different if f is given else f for f in names)
    his, hers = man.names[-1].given, woman.names[-1].given  # the names as written
    if not his or not hers or not other_sex_forms(his[0], hers[0]):
        return names
    different = _given("different", "a man's and a woman's forms of one given name")
    return tuple(different if f is given else f for f in names)


def compare_persons(a: PersonRecord, b: PersonRecord, households: bool = True) -> Comparison:
    """Every feature of two person records, with the probability they are one person.
    When a name can be read several ways, the reading that fits best is kept.
    ``households`` says whether the records come from data where families live together
    (the default: police data does); only then are a family's shared details taken back
    (``family_feature``) and dates a generation apart read as a parent and a child. Without
    families, a shared address is strong evidence (``SEPARATE_ADDRESS_WEIGHTS``), taken back
    only where the names say siblings (``siblings_named_alike``: the first given name
    shared and the second another, or other given names in records that give a sex).
    Batch runs measure it in their files (``xref.household_share``)."""
    address = address_feature(a, b, households)
    names = _name_features(a, b)
    sexes = sex_code(a.gender) + sex_code(b.gender)
    if sexes in ("mf", "fm"):
        names = _of_other_sexes(names, a, b) if sexes == "mf" else _of_other_sexes(names, b, a)
    date, document = birth_date_feature(a, b, households), document_feature(a, b)
    if date.weight > 0 and document.level in DATE_FROM_DOCUMENT_LEVELS:
        date = _date_beyond_number(date, a, b)
    features = (
        *names,
        date,
        document,
        sex_feature(a, b),
        nationality_feature(a, b),
        address,
        postcode_feature(a, b, address),
        city_feature(a, b, address),
        phone_feature(a, b),
        email_feature(a, b),
    )
    family = family_feature(features) if households else siblings_named_alike(features, a, b)
    return Comparison((*features, family) if family else features)
