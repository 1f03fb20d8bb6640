"""Hit/no-hit: an in-memory index of person records for interactive checks.

``HitIndex`` answers "is this person known?" in about a millisecond against a million
records (``make bench-hitnohit``). Every ``Hit`` carries the probability and the explanation
that ``compare_persons(query, record)`` gives, with one more feature when other indexed
records share the names that agree (``compare.name_frequency_feature``: "José García" alone
points at none of a hundred namesakes); the index decides which few records
``compare_persons`` looks at. ``index.compare(query, record_id)`` gives that comparison for
any indexed record.

Usage::

    index = HitIndex()
    index.add_many(records)                  # bulk load; add() for one record
    index.remove("uuid-1")                   # an update is remove + add (or add again)
    hits = index.search(PersonRecord(full_name="Paco Vasquez Ruiz",
                                     date_of_birth="1982-09-05"), limit=10, threshold=0.5)
    hits[0].record_id, hits[0].probability, hits[0].comparison.features

A search runs in four steps:

1. Keys. The query's name readings (both ways round too: given names and surnames
   exchanged), date variants and document give the keys below, built from phonetic codes
   (b/v, s/z, ll/y, a silent h meet) and given names also under the full form of a short
   form (Pepe under José).
2. Candidates. Posting lists are read shortest first, up to ``MAX_CANDIDATES`` records (half
   as many when the query has a full date: its keys are precise); document keys always.
3. Proxy. A cheap approximation of compare_persons in log2 odds, from features precomputed
   for every record (name words as ids, the date as an integer, sex, nationality, document
   key), keeps the ``limit + CHECKED_EXTRA`` best candidates within ``PROXY_MARGIN`` bits of
   the threshold.
4. compare_persons scores those, and the names' frequency: the persons holding all the name
   keys without a date (GS, GSS, SI below) that the query and the record share, read off
   the posting lists (a key dropped as too common counts by its number alone). The hits at
   or above the threshold come back, best first.

====  ==========================================  ============================================
tag   key                                          finds the person despite
====  ==========================================  ============================================
GS    given name (any), one surname               a missing date
GSS   given name, both surnames (any order)       a missing date, swapped surnames
GSY   given name (any), one surname, year +/-1    the other surname, day or month errors
GSMD  given name, one surname, day and month      any error in the year
SSY   both surnames (any order), year +/-1        a misspelt given name or a nickname
SIY   one surname, initial, year +/-1             a misspelt given name, a wrong day or month
SIMD  one surname, initial, day and month         a misspelt given name and a wrong year
SI    one surname, initial                        a misspelt given name and no date
GD    given name, full date (swapped, year +/-1,  surnames changed, misspelt or missing
      one wrong digit, two digits transposed)
SD    one surname, full date (swapped, +/-1)      a given name and the other surname wrong
DOC   document key, without its last char, and    everything else
      digits after series letters (V-12873490)
      or the DNI in a CUIL or RUC
====  ==========================================  ============================================

The keys without a date (GS, GSS, SI) are kept apart for records without a year: a query
with a date reads only those, the date keys find the others.

Memory layout. Keys are 38-bit hashes of tuples of small integers. Each (key, row) pair is
one integer ``low 22 bits of the key << 26 | row`` in a sorted ``array('Q')``, one per bucket
of the top 16 key bits: a posting list is a contiguous slice found by bisection in a few
hundred entries. Keys shared by more than ``max_posting`` records (a very common name without
a date) are not read, and dropped at the next merge: such records are found by the keys that
add a date or a document. Each record is kept as one string (its fields joined) with a few
bytes per row of precomputed features; name readings are interned (most are shared). A bit
set of 32 MiB (one bit per hash of a key) tells most keys that hold nobody without a
bisection.

Records added one by one go to short sorted side runs, merged into their bucket as they
grow; removed records are tombstoned and their entries dropped by ``compact()`` (run by itself
when half the rows are dead; rows keep their numbers: at most 67 million rows per index).
Searches only read the index (and fill two memos: first-name spelling tests, namesake counts
until the next write), so they may run side by side; ``add``/``remove`` must not run while a
search does (the caller serialises writes).
"""

from __future__ import annotations

import heapq
import math
import mmap
from array import array
from bisect import bisect_left, insort
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import ne

from rapidfuzz.distance import OSA, JaroWinkler

from paccto.matching.compare import (
    ARTICLE_JOINED_REST,
    DATE_WEIGHTS,
    DOCUMENT_WEIGHTS,
    GIVEN_WEIGHTS,
    PRIOR_LOG2_ODDS,
    RECORD_FIELDS,
    SWAPPED_ORDER_WEIGHT,
    Comparison,
    PersonRecord,
    _short_typo,
    compare_persons,
    given_culture,
    misread,
    name_frequency_feature,
    nationality_code,
    portuguese_name,
    record_of,
    runs_together_in,
    sex_code,
    spelt_alike,
    surname_initial,
    with_document_date,
)
from paccto.matching.dates import DateAgreement, DateParts, date_numbers
from paccto.matching.documents import document_agreement, document_key, document_variants
from paccto.matching.names import (
    ARTICLES,
    JOINED_PREFIXES,
    JOINING_PARTICLES,
    PARTICLE_REST,
    SURNAME_PREFIXES,
    article_forms,
    article_rest,
    cedilla_sound,
    given_name_forms,
    glued_surnames,
    is_article,
    particle_rests,
    phonetic,
    same_name_in_two_languages,
)

__all__ = ["MAX_POSTING", "MAX_QUERY_FIELD", "Hit", "HitIndex", "parse_date"]

MAX_POSTING = 200  # longer posting lists are not read (and dropped at the next merge)
MAX_QUERY_FIELD = 256  # a longer query field is not a name, a date or a document
MAX_CANDIDATES = 100  # rows read per query, shortest posting lists first; half with a date
MAX_KEY_WORDS = 3  # given names / surnames used for keys (all of them are compared)
SIDE_RUN = 64  # entries in a bucket's side run before it is merged into the bucket

_ROW_BITS = 26  # up to 67 million rows
_ROW_MASK = (1 << _ROW_BITS) - 1
_KEY_BITS = 38
_KEY_MASK = (1 << _KEY_BITS) - 1
_BUCKET_BITS = 16  # 65,536 buckets: short bisections
_LOW_BITS = _KEY_BITS - _BUCKET_BITS  # the rest of the key, stored in the entry
_LOW_MASK = (1 << _LOW_BITS) - 1
_PRESENT_BITS = 28  # a bit set of 32 MiB: keys that may have a posting (HitIndex._present)
_PRESENT_MASK = (1 << _PRESENT_BITS) - 1
_SEP = "\x1f"  # between the stored fields of a record
_DOC_FIELD = RECORD_FIELDS.index("document_number")
# Fields the proxy reads; compare_persons may weigh others (address, phone...).
_PROXY_FIELDS = frozenset(
    {
        "id",
        "full_name",
        "given_name",
        "surname",
        "second_surname",
        "date_of_birth",
        "gender",
        "nationality",
        "document_number",
    }
)

GS, GSS, GSY, GSMD, SSY, SIY, SIMD, SI, GD, SD, DOC = range(1, 12)  # key tags
UNDATED = 16  # added to the tags of the keys without a date, for records without a year

# Date codes: 0 missing, -year, -(year*100 + month), year*10000 + month*100 + day, and
# _ODD_DATE for a month or day over 99.
_ODD_DATE = 1
Reading = tuple[tuple[int, ...], tuple[int, ...]]  # (given word ids, surname word ids)


@dataclass(frozen=True)
class Hit:
    """A record that may be the queried person: ``compare_persons(query, record)``."""

    record_id: str
    probability: float
    comparison: Comparison
    record: PersonRecord


# -- the proxy score -----------------------------------------------------------------------
# An approximation of compare_persons in log2 odds, computed from the precomputed features
# in a few microseconds. It only chooses which candidates compare_persons scores: those
# within PROXY_MARGIN of the threshold, best first, at most ``limit + CHECKED_EXTRA``. Its
# weights follow compare.py's; it does not need to follow every refinement of it.

PROXY_MARGIN = 2.0  # bits: how far below the threshold a candidate is still checked
UNREAD_FIELDS_MARGIN = 12.0  # added when the query has fields the proxy does not read
CHECKED_EXTRA = 2  # candidates checked with compare_persons beyond ``limit``
FIRST_NAME_PAIRS = 1 << 20  # first-name pairs whose spelling test is remembered
HOLDER_COUNTS = 1 << 16  # name keys whose number of holders is remembered
SPLIT_PREFIX = max(map(len, SURNAME_PREFIXES))
_PARTICLES_MAX = max(map(len, JOINED_PREFIXES))  # the most letters of particles run together
_GLUED_WORDS = 4  # the most words ``_glued_of`` fits into a glued text one by one


def _glued_of(text: str, words: list[str]) -> bool:
    """Whether ``text`` is the words written as one with particles before some of them
    (SOARESDASILVA: Soares, Silva), as a record that dropped every space writes them:
    compare.py's "joined" (``names.glued_surnames``), tested on the words alone (any
    particles: never less than compare gives)."""
    if len(text) <= sum(map(len, words)):
        return False
    # Past a few words, taken as glued (an upper bound, as the proxy must be): each word may
    # be tried after each particle cut, and crafted names would make that exponential.
    return len(words) > _GLUED_WORDS or _glued_rest(text, words)


def _glued_rest(text: str, words: list[str]) -> bool:
    if not words:
        return not text
    word, rest = words[0], words[1:]
    if text.startswith(word) and _glued_rest(text[len(word) :], rest):
        return True
    for cut in range(2, min(_PARTICLES_MAX, len(text) - len(word)) + 1):
        if (
            text[:cut] in JOINED_PREFIXES
            and text.startswith(word, cut)
            and _glued_rest(text[cut + len(word) :], rest)
        ):
            return True
    return False


SUR_EXACT2, SUR_EXACT1, SUR_SOUND, SUR_ONE_OF_TWO, SUR_SWAPPED = 8.0, 6.5, 5.5, 5.0, 5.0
SUR_ONE_OF_TWO_SOUND, SUR_TYPO, SUR_SHARED, SUR_DIFFERENT = 4.5, 4.0, 2.5, -6.0
SUR_ONE_TYPO, SUR_ONE_OF_TWO_TYPO, SUR_SWAPPED_TYPO, SUR_JOINED = 6.0, 3.5, 3.0, 6.0
SUR_FEWER = 5.0
GIV_EXACT, GIV_FIRST, GIV_SHORT, GIV_TYPO = 4.5, 4.0, 4.0, 3.0
GIV_SHARED, GIV_INITIAL, GIV_DIFFERENT, GIV_JOINED = 2.0, 1.0, -7.0, 4.5
GIV_ALIKE = 2.0
GIV_TWO_CULTURES = GIVEN_WEIGHTS["two cultures"]
SEX_SAME, SEX_DIFF, NAT_SAME, NAT_DIFF = 0.6, -5.0, 0.5, -1.0
MAX_NAME_W = SUR_EXACT2 + GIV_EXACT
MAX_SWAPPED_W = MAX_NAME_W + SWAPPED_ORDER_WEIGHT


def _date_w(level: str, default: float) -> float:
    member = getattr(DateAgreement, level, None)
    return DATE_WEIGHTS.get(member, default) if member is not None else default


_D_EXACT = _date_w("EXACT", 7.0)
_D_SWAPPED = _date_w("SWAPPED", 4.0)
_D_ONE_DIGIT = _date_w("ONE_DIGIT", 3.5)
_D_TRANSPOSED = _date_w("TRANSPOSED", 3.0)
_D_YEAR = _date_w("YEAR_OFF_BY_ONE", 2.0)
_D_SAME_MONTH = _date_w("SAME_MONTH", 3.0)
_D_SAME_YEAR = _date_w("SAME_YEAR", 1.5)
_D_NEAR_YEAR = _date_w("NEAR_YEAR", 0.0)
_D_TWO_DIGITS = _date_w("TWO_DIGITS", -1.0)
_D_SWAPPED_AND_ONE = _date_w("SWAPPED_AND_ONE", -1.0)
_D_MISSING = _date_w("MISSING", 0.0)
_D_DIFFERENT = _date_w("DIFFERENT", -6.0)
_DOC_MISSING = DOCUMENT_WEIGHTS.get("missing", 0.0)
_DOC_ONE_CHARACTER = DOCUMENT_WEIGHTS.get("one character", 6.0)
_DOC_DIFFERENT = DOCUMENT_WEIGHTS.get("different", -3.0)


def _readable(query: PersonRecord) -> bool:
    """Whether every field of a query is a text of at most MAX_QUERY_FIELD characters."""
    return all(
        isinstance(v, str) and len(v) <= MAX_QUERY_FIELD
        for v in (getattr(query, name) for name in RECORD_FIELDS if name != "id")
    )


def _similar(a: str, b: str, threshold: float = 0.9) -> bool:
    """compare.py's typo test: Jaro-Winkler >= threshold, or one edit in words of 4+ letters."""
    if JaroWinkler.similarity(a, b, score_cutoff=threshold):
        return True
    return min(len(a), len(b)) >= 4 and OSA.distance(a, b, score_cutoff=1) <= 1


def _first_name_w(wa: str, wb: str) -> float:
    """The proxy's weight of two different first names by their spelling alone: a typo,
    an initial, or 0.0 (neither)."""
    if _similar(wa, wb) or _sound_close(wa, wb):
        return GIV_TYPO
    if abs(len(wa) - len(wb)) == 1 and (_short_typo(wa, wb) or misread(wa, wb)):
        return GIV_TYPO
    if spelt_alike(wa, wb):
        return GIV_ALIKE
    if (len(wa) == 1 or len(wb) == 1) and wa[0] == wb[0]:
        return GIV_INITIAL
    return 0.0


def _surname_close(a: str, b: str) -> bool:
    """compare.py's surname typo test: ``_similar`` or ``_sound_close`` (Mralez, Morales),
    or a ç written ss (``cedilla_sound``: compare.py's ``_straight_surname``)."""
    return _similar(a, b) or _sound_close(a, b) or cedilla_sound(a) == cedilla_sound(b)


def _sound_close(a: str, b: str) -> bool:
    """compare.py's spelling-and-typo test (phonetic keys of four letters or more, one edit
    apart), with the cheap length test first."""
    ka, kb = phonetic(a), phonetic(b)
    if min(len(ka), len(kb)) < 4 or abs(len(ka) - len(kb)) > 1:
        return False
    return OSA.distance(ka, kb, score_cutoff=1) <= 1


# -- dates ---------------------------------------------------------------------------------


# (year, month, day) of an ISO date read as dates.py reads it (impossible months and days
# kept, 00 unknown), or None.
parse_date = date_numbers


def _date_code(parts: DateParts | None) -> int:
    if parts is None:
        return 0
    y, m, d = parts
    if (m is not None and m > 99) or (d is not None and d > 99):
        return _ODD_DATE
    if m is None:
        return -y
    if d is None:
        return -(y * 100 + m)
    return y * 10000 + m * 100 + d


def _decode(code: int) -> DateParts:
    if code > 0:
        return code // 10000, code // 100 % 100, code % 100
    code = -code
    if code <= 2200:
        return code, None, None
    return code // 100, code % 100, None


def _date_weight(a: int, b: int) -> float:
    """The proxy's date weight on two date codes: the levels of dates.date_agreement, taken
    optimistically (a date a generation away counts as merely different); 1 January read
    as written and as the year alone (dates.year_placeholder), the better weight kept."""
    weight = _written_date_weight(a, b)
    if a % 10000 == 101 or b % 10000 == 101:  # 1 January, or a month 99: _year_code tells
        weight = max(weight, _written_date_weight(_year_code(a), _year_code(b)))
    return weight


def _year_code(code: int) -> int:
    """The code of a date's year alone if it is 1 January (``_date_weight``)."""
    return -(code // 10000) if code > 0 and code % 10000 == 101 else code


def _written_date_weight(a: int, b: int) -> float:
    """``_date_weight`` of two dates as written."""
    if a == 0 or b == 0 or a == _ODD_DATE or b == _ODD_DATE:
        return _D_MISSING
    if a < 0 or b < 0:  # a year, or a year and a month
        ya, ma, _ = _decode(a)
        yb, mb, _ = _decode(b)
        if ma is None or mb is None or ma == mb:
            if ya == yb:
                return _D_SAME_MONTH if ma is not None and ma == mb else _D_SAME_YEAR
            if abs(ya - yb) == 1:
                return _D_NEAR_YEAR
        return _D_DIFFERENT
    if a == b:
        return _D_EXACT
    ya, mda = divmod(a, 10000)
    yb, mdb = divmod(b, 10000)
    if ya == yb and mda == (mdb % 100) * 100 + mdb // 100:
        return _D_SWAPPED
    sa, sb = str(a), str(b)
    count = sum(map(ne, sa, sb))
    if count == 1:
        return _D_ONE_DIGIT
    if count == 2:
        i = next(k for k in range(8) if sa[k] != sb[k])
        if i < 7 and sa[i] == sb[i + 1] and sa[i + 1] == sb[i]:
            return _D_TRANSPOSED
    if abs(ya - yb) == 1 and mda == mdb:
        return _D_YEAR
    if count == 2:
        return _D_TWO_DIGITS
    # Day and month swapped and one more error: the year one off or one digit apart with
    # day and month swapped, or the same year with the swapped day and month a digit apart.
    mdb_swapped = (mdb % 100) * 100 + mdb // 100
    if mda == mdb_swapped:
        if abs(ya - yb) == 1 or sum(map(ne, sa[:4], sb[:4])) == 1:
            return _D_SWAPPED_AND_ONE
    elif ya == yb and sum(map(ne, sa[4:], f"{mdb_swapped:04d}")) == 1:
        return _D_SWAPPED_AND_ONE
    return _D_DIFFERENT


def _valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= 31 and 1800 <= y <= 2200


@lru_cache(maxsize=8192)
def _full_date_variants(y: int, m: int, d: int, typing: bool) -> frozenset[tuple[int, int, int]]:
    """The dates a recorded date may have been written as: itself, day and month swapped,
    the year off by one and, with ``typing``, one wrong digit or two digits transposed."""
    out = {(y, m, d), (y - 1, m, d), (y + 1, m, d)}
    if _valid_day(y, d, m):
        out.add((y, d, m))
    if typing:
        text = f"{y:04d}{m:02d}{d:02d}"
        variants = [text[:i] + c + text[i + 1 :] for i in range(8) for c in "0123456789"]
        variants += [text[:i] + text[i + 1] + text[i] + text[i + 2 :] for i in range(7)]
        for t in variants:
            yy, mm, dd = int(t[:4]), int(t[4:6]), int(t[6:])
            if _valid_day(yy, mm, dd):
                out.add((yy, mm, dd))
    return frozenset(out)


# -- the index -----------------------------------------------------------------------------


def _key(*parts: int) -> int:
    return hash(parts) & _KEY_MASK


def _doc_int(key: str) -> int:
    return int(key[:60], 36)  # document_key() gives [0-9A-Z]+


def _pairs(codes: list[int]) -> list[tuple[int, int]]:
    return [(a, b) if a < b else (b, a) for i, a in enumerate(codes) for b in codes[i + 1 :]]


def _name_keys(
    readings: Iterable[Reading],
    phon: Sequence[int] | dict[int, int],
    forms: dict[int, frozenset[int]],
    words: Sequence[str] | dict[int, str],
    both_orders: bool,
) -> set[tuple[int, ...]]:
    """The (tag, codes) of a name's GS, GSS and SI keys, as HitIndex._record_keys makes
    them for a record without a date (in its own loop, with the dated keys: building them
    here costs the index build a tenth more; a test holds both equal); ``both_orders`` adds
    them with given names and surnames exchanged (as a query reads them)."""
    readings = list(readings)
    if both_orders:
        readings += [(s, g) for g, s in readings if g and s]
    out: set[tuple[int, ...]] = set()
    for given, surnames in readings:
        if not given or not surnames:
            continue
        first = {phon[f] for f in forms.get(given[0], (given[0],))}
        scodes = list(dict.fromkeys(phon[s] for s in surnames[:MAX_KEY_WORDS]))
        pairs = _pairs(scodes)
        later = (phon[f] for o in given[1:MAX_KEY_WORDS] for f in forms.get(o, (o,)))
        for g in first.union(later):
            for s in scodes:
                out.add((GS, g, s))
        for g in first:
            for a, b in pairs:
                out.add((GSS, g, a, b))
        for i in {ord(words[f][0]) for f in forms.get(given[0], (given[0],))}:
            for s in scodes:
                out.add((SI, s, i))
    return out


@dataclass
class _Query:
    """A query prepared once: its name readings as word ids (negative for words the index
    has never seen), each word's text, phonetic id and given-name forms, and memos of the
    name comparisons already made."""

    record: PersonRecord
    readings: list[Reading]
    words: dict[int, str]
    phon: dict[int, int]
    forms: dict[int, frozenset[int]]
    date: int
    sex: int
    nat: int
    doc: str
    floor: float
    # The distinct given-name and surname parts of the readings.
    given_parts: tuple[tuple[int, ...], ...] = ()
    surname_parts: tuple[tuple[int, ...], ...] = ()
    # Each part's words written as one (given names run together: _given_max).
    given_run_together: frozenset[str] = frozenset()
    surnames_run_together: frozenset[str] = frozenset()
    # Of several given-name parts with one first word, each within the longest (a name in
    # one field read several ways): that part, which weighs at least as much as any other
    # against any record's given names unless another one is exactly the record's
    # (_given_max); None otherwise.
    widest_given: tuple[int, ...] | None = None
    # The best weight of a tuple of record words as given names / as surnames.
    given_memo: dict[tuple[int, ...], float] = field(default_factory=dict)
    surname_memo: dict[tuple[int, ...], float] = field(default_factory=dict)
    # Phonetic ids of the query's given names (with their full forms) and surnames, and
    # whether a record's reading meets them crosswise (compare._crosswise).
    given_keys: frozenset[int] = frozenset()
    surname_keys: frozenset[int] = frozenset()
    meets_surnames: dict[tuple[int, ...], bool] = field(default_factory=dict)
    meets_given: dict[tuple[int, ...], bool] = field(default_factory=dict)
    part_forms: dict[tuple[int, ...], frozenset[int]] = field(default_factory=dict)
    part_sounds: dict[tuple[int, ...], frozenset[int]] = field(default_factory=dict)
    # The same with the query's given names and surnames exchanged.
    cross_given_memo: dict[tuple[int, ...], float] = field(default_factory=dict)
    cross_surname_memo: dict[tuple[int, ...], float] = field(default_factory=dict)
    # The query's name keys without a date (_name_keys).
    name_keys: frozenset[tuple[int, ...]] | None = None
    # The readings whose keys are read: the readings, and those with a surname written
    # joined to its particles read without them and one written apart read joined
    # (J. Dossantos finds Junior dos Santos, whose keys hold santos: the given name's
    # initial and the date alone would not find him).
    key_readings: list[Reading] = field(default_factory=list)


class HitIndex:
    """Person records indexed for hit/no-hit searches (see the module documentation)."""

    def __init__(
        self,
        max_posting: int = MAX_POSTING,
        person_of: Callable[[str], Hashable] | None = None,
    ) -> None:
        """``person_of`` gives the person a record id stands for, when one person may have
        several records (a name as recorded and its aliases): namesakes are counted by
        person. Without it, each record is a person."""
        self.max_posting = max_posting
        self._person_of = person_of
        self._person_ids: dict[Hashable, int] = {}
        self._persons = array("I")  # per row, with person_of
        # One row per record ever added; removed rows are None.
        self._raw: list[str | PersonRecord | None] = []
        self._rows: dict[str, int] = {}
        self._dates = array("i")
        self._sex = bytearray()
        self._nat = array("I")
        self._docs: list[str | None] = []  # document keys
        self._names = array("I")  # the row's name readings, as an id in _name_sets
        self._dead = 0
        # Vocabulary of name words: phonetic ids and given-name forms (short forms).
        self._word_id: dict[str, int] = {}
        self._words: list[str] = []
        self._phon = array("i")
        self._phon_id: dict[str, int] = {}
        self._forms: dict[int, frozenset[int]] = {}
        self._form_sounds: dict[int, frozenset[int]] = {}  # the forms' phonetic ids
        # Words of the vocabulary with the article al or el joined to them, without it
        # (elayoubi: ayoubi): a query's surname among them is read with it too.
        self._article_rests: set[str] = set()
        self._nat_id: dict[str, int] = {"": 0}
        # Name readings, interned: most names are shared by many records.
        self._tuples: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._name_set_id: dict[tuple[Reading, ...], int] = {}
        self._name_sets: list[tuple[Reading, ...]] = []
        # Postings: sorted runs of (key's low bits) << 26 | row, per bucket of the top bits.
        self._buckets = [array("Q") for _ in range(1 << _BUCKET_BITS)]
        self._side = [array("Q") for _ in range(1 << _BUCKET_BITS)]
        # Keys dropped as too common, with the number of entries they had then.
        self._dropped: dict[int, int] = {}
        # One bit per hash of the key's low bits, set for every key ever indexed: most keys
        # a query makes (date variants) hold nobody, and one look at a bit says so (4 % of
        # the bits set at a million records). Bits stay set after removals: only a wasted
        # bisection then. Private anonymous memory: a page is only allocated once a bit in
        # it is set (a small index takes a few), and copied on write after a fork.
        self._present = mmap.mmap(
            -1, 1 << (_PRESENT_BITS - 3), flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS
        )
        # The proxy's weight of two first names by spelling (_first_name_w), by word ids:
        # popular names meet again and again (about 70 % of the tests at a million records).
        self._first_names: dict[int, float] = {}
        # The persons holding each name key (_holders), by its parts, until the next write.
        self._holder_counts: dict[tuple[int, ...], tuple[int, ...] | int] = {}

    # -- size and access -----------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._rows

    def get(self, record_id: str) -> PersonRecord | None:
        """The indexed record with this id, or None."""
        row = self._rows.get(record_id)
        return None if row is None else self._record(row)

    def stats(self) -> dict[str, int]:
        """Sizes, for benchmarks and monitoring."""
        return {
            "records": len(self._rows),
            "rows": len(self._raw),
            "entries": sum(map(len, self._buckets)) + sum(map(len, self._side)),
            "dropped_keys": len(self._dropped),
            "words": len(self._words),
            "names": len(self._name_sets),
        }

    def _record(self, row: int) -> PersonRecord:
        raw = self._raw[row]
        if raw is None:
            raise KeyError(row)
        if isinstance(raw, PersonRecord):
            return raw
        return record_of(raw.split(_SEP))

    # -- writing -------------------------------------------------------------------------

    def add(self, record: PersonRecord) -> None:
        """Index one record; it replaces the indexed record with the same id, if any."""
        self._insert(record, None)

    def add_many(self, records: Iterable[PersonRecord]) -> int:
        """Index many records at once, much faster than ``add`` in a loop (same
        replacement rule); returns how many were read."""
        pending = [array("Q") for _ in range(1 << _BUCKET_BITS)]
        count = 0
        try:
            for record in records:
                self._insert(record, pending)
                count += 1
        finally:  # the records read so far are searchable even if one was refused
            for b, entries in enumerate(pending):
                if entries:
                    self._merge(b, entries)
        return count

    def remove(self, record_id: str) -> bool:
        """Forget a record; False when no record has this id."""
        row = self._rows.pop(record_id, None)
        if row is None:
            return False
        self._raw[row] = None
        self._docs[row] = None
        self._dead += 1
        self._holder_counts.clear()
        if self._dead > 1000 and self._dead * 2 > len(self._raw):
            self.compact()
        return True

    def compact(self) -> None:
        """Drop the entries of removed records (rows keep their numbers)."""
        raw = self._raw
        for runs in (self._buckets, self._side):
            for b, run in enumerate(runs):
                runs[b] = array("Q", [e for e in run if raw[e & _ROW_MASK] is not None])
        self._dead = 0

    def _word(self, word: str) -> int:
        wid = self._word_id.get(word)
        if wid is None:
            wid = len(self._words)
            self._word_id[word] = wid
            self._words.append(word)
            code = phonetic(word)
            self._phon.append(self._phon_id.setdefault(code, len(self._phon_id)))
            if word[:2] in ARTICLES and len(word) >= 2 + ARTICLE_JOINED_REST:
                self._article_rests.add(word[2:])
            forms = given_name_forms(word)
            if forms != [word]:
                ids = frozenset([wid, *(self._word(f) for f in forms if f != word)])
                self._forms[wid] = ids
                self._form_sounds[wid] = frozenset(self._phon[f] for f in ids)
        return wid

    def _words_tuple(self, words: tuple[str, ...]) -> tuple[int, ...]:
        ids = tuple(self._word(w) for w in words)
        return self._tuples.setdefault(ids, ids)

    def _insert(self, record: PersonRecord, bulk: list[array[int]] | None) -> None:
        if not record.id:
            raise ValueError("a record needs an id")
        record = with_document_date(record)  # (and each query: ``search``, ``compare``)
        self._holder_counts.clear()
        if record.id in self._rows:
            self.remove(record.id)
        row = len(self._raw)
        if row > _ROW_MASK:
            raise OverflowError("too many rows: build a new index")
        values = [getattr(record, name) for name in RECORD_FIELDS]
        if all(isinstance(v, str) and _SEP not in v for v in values):
            self._raw.append(_SEP.join(values))
        else:
            self._raw.append(record)
        self._rows[record.id] = row
        if self._person_of is not None:
            person = self._person_of(record.id)
            self._persons.append(self._person_ids.setdefault(person, len(self._person_ids)))
        readings: list[Reading] = []
        for name in record.names:
            reading = (self._words_tuple(name.given), self._words_tuple(name.surnames))
            if reading not in readings:
                readings.append(reading)
        name_set = tuple(readings)
        name_id = self._name_set_id.get(name_set)
        if name_id is None:
            name_id = self._name_set_id[name_set] = len(self._name_sets)
            self._name_sets.append(name_set)
        self._names.append(name_id)
        parts = parse_date(record.date_of_birth)
        self._dates.append(_date_code(parts))
        sex = sex_code(record.gender)
        self._sex.append(ord(sex) if sex else 0)
        nat = nationality_code(record.nationality)
        self._nat.append(self._nat_id.setdefault(nat, len(self._nat_id)))
        doc = document_key(record.document_number)
        self._docs.append(doc or None)

        keys = self._record_keys(name_set, parts, doc, portuguese_name(record))
        present = self._present
        for k in keys:
            present[(k & _PRESENT_MASK) >> 3] |= 1 << (k & 7)
        if bulk is not None:
            for k in keys:
                bulk[k >> _LOW_BITS].append((k & _LOW_MASK) << _ROW_BITS | row)
            return
        for k in keys:
            b = k >> _LOW_BITS
            insort(self._side[b], (k & _LOW_MASK) << _ROW_BITS | row)
            if len(self._side[b]) > SIDE_RUN:
                self._merge(b, self._side[b])
                self._side[b] = array("Q")

    def _record_keys(
        self,
        readings: tuple[Reading, ...],
        parts: DateParts | None,
        doc: str,
        cedilla: bool = False,
    ) -> set[int]:
        """The record's keys. ``cedilla``: its name is a Portuguese-speaking one
        (``compare.portuguese_name``): its surnames are keyed by their ``cedilla_sound``
        too, as the comparison reads them (GONCALVES, a ç lost, meets Gonssalves)."""
        keys: set[int] = set()
        y, m, d = parts if parts is not None else (0, None, None)
        full = m is not None and d is not None and _valid_day(y, m, d)
        undated = 0 if y else UNDATED
        phon, words = self._phon, self._words
        for given, surnames in readings:
            gcodes: set[int] = set()
            initials: set[int] = set()
            if given:
                for f in self._forms.get(given[0], (given[0],)):
                    gcodes.add(phon[f])
                    initials.add(ord(words[f][0]))
            scodes = list(dict.fromkeys(phon[s] for s in surnames[:MAX_KEY_WORDS]))
            pairs = _pairs(scodes)
            if cedilla:
                for s in surnames[:MAX_KEY_WORDS]:
                    code = self._phon_id.setdefault(cedilla_sound(words[s]), len(self._phon_id))
                    if code not in scodes:
                        scodes.append(code)
            for g in gcodes:
                for s in scodes:
                    keys.add(_key(GS + undated, g, s))
                    if y:
                        keys.add(_key(GSY, g, s, y))
                    if full:
                        keys.add(_key(GSMD, g, s, m or 0, d or 0))
                for a, b in pairs:
                    keys.add(_key(GSS + undated, g, a, b))
                if full:
                    keys.add(_key(GD, g, y, m or 0, d or 0))
            # goes by a second given name, in his language or another (Jaime Pieter asked
            # as Pierre: their forms meet)
            later = {phon[f] for o in given[1:MAX_KEY_WORDS] for f in self._forms.get(o, (o,))}
            for code in later:
                for s in scodes:
                    keys.add(_key(GS + undated, code, s))
                    if y:
                        keys.add(_key(GSY, code, s, y))
            for s in scodes:
                for i in initials:
                    keys.add(_key(SI + undated, s, i))
                    if y:
                        keys.add(_key(SIY, s, i, y))
                    if full:
                        keys.add(_key(SIMD, s, i, m or 0, d or 0))
                if full:
                    keys.add(_key(SD, s, y, m or 0, d or 0))
            if y:
                for a, b in pairs:
                    keys.add(_key(SSY, a, b, y))
        keys.update(_key(DOC, _doc_int(v)) for v in document_variants(doc))
        return keys

    def _merge(self, b: int, entries: Sequence[int]) -> None:
        """Merge entries into bucket ``b``; drop the keys that grew too common."""
        self._holder_counts.clear()
        merged = array("Q", sorted([*self._buckets[b], *entries]))
        limit = self.max_posting
        step = max(1, limit // 2)
        i, n = 0, len(merged)
        drops: list[tuple[int, int]] = []
        while i + step < n:  # a run longer than 2 * step spans two probes step apart
            low = merged[i] >> _ROW_BITS
            if merged[i + step] >> _ROW_BITS == low:
                lo = bisect_left(merged, low << _ROW_BITS)
                hi = bisect_left(merged, (low + 1) << _ROW_BITS, lo)
                if hi - lo > limit:
                    key = b << _LOW_BITS | low
                    self._dropped[key] = self._dropped.get(key, 0) + hi - lo
                    drops.append((lo, hi))
                i = hi
            else:
                i += step
        if drops:
            kept = array("Q")
            start = 0
            for lo, hi in drops:
                kept.extend(merged[start:lo])
                start = hi
            kept.extend(merged[start:])
            merged = kept
        self._buckets[b] = merged

    # -- searching -----------------------------------------------------------------------

    def search(self, query: PersonRecord, limit: int = 10, threshold: float = 0.5) -> list[Hit]:
        """The records most likely to be the queried person, best first: at most ``limit``
        hits, each with ``compare_persons(query, record).probability >= threshold``.

        Keys and proxy are designed for thresholds of 0.1 and above. A query field longer
        than MAX_QUERY_FIELD characters, or a query with neither a name nor a document,
        gives no hit; so does a very common name with neither a date nor a document."""
        if limit <= 0 or not self._rows or not _readable(query):
            return []
        query = with_document_date(query)
        q = self._prepare(query, threshold)
        if q is None:
            return []
        rows, doc_rows = self._candidates(q)
        best = self._best(q, rows, doc_rows, limit + CHECKED_EXTRA)
        if q.date == _ODD_DATE:  # a month or day over 99 is no date (dates.py cannot compare it)
            query = replace(query, date_of_birth="")
        hits: list[Hit] = []
        worse: list[float] = []  # minus the log2 odds of the hits, best first
        for proxy, row in best:
            if len(worse) >= limit and proxy < -worse[limit - 1] - PROXY_MARGIN:
                break  # the proxy is within the margin of compare_persons: no more hits
            record = self._record(row)
            comparison = self._compare(q, query, record, row)
            if comparison is None:
                continue
            probability = comparison.probability
            if probability >= threshold:
                hits.append(Hit(record.id, probability, comparison, record))
                insort(worse, -comparison.log2_odds)
        hits.sort(key=lambda hit: -hit.probability)
        return hits[:limit]

    def compare(self, query: PersonRecord, record_id: str) -> Comparison | None:
        """The comparison a search gives the query and this indexed record, hit or not:
        ``compare_persons`` and the names' frequency here. None for an unknown id, or a
        query the index cannot read (see ``search``)."""
        row = self._rows.get(record_id)
        if not _readable(query):
            return None
        query = with_document_date(query)
        q = self._prepare(query, 0.5)
        if row is None or q is None:
            return None
        if q.date == _ODD_DATE:
            query = replace(query, date_of_birth="")
        return self._compare(q, query, self._record(row), row)

    def _compare(
        self, q: _Query, query: PersonRecord, record: PersonRecord, row: int
    ) -> Comparison | None:
        try:
            comparison = compare_persons(query, record)
        except (ValueError, IndexError):
            if self._dates[row] != _ODD_DATE:
                raise
            return None  # the record's own date is one dates.py cannot compare
        frequency = name_frequency_feature(self._namesakes(q, row), comparison.features)
        if frequency is None:
            return comparison
        return Comparison((*comparison.features, frequency))

    def _namesakes(self, q: _Query, row: int) -> int:
        """How many persons share with the query all the names it shares with this row: the
        persons holding every name key without a date (given name and surname, given name
        and both surnames, surname and initial) that the query and the row have in common
        ("Carlos Eduardo Araújo" is rarer than "Carlos Araújo" and "Eduardo Araújo" apart);
        0 when they have none (the names agree by neither sound nor initial). A key too
        common to be listed (``max_posting``) counts by its number alone: the fewest of those
        when no listed key is shared."""
        if q.name_keys is None:
            q.name_keys = frozenset(
                _name_keys(q.readings, q.phon, q.forms, q.words, both_orders=True)
            )
        shared = q.name_keys & _name_keys(
            self._name_sets[self._names[row]],
            self._phon,
            self._forms,
            self._words,
            both_orders=False,
        )
        listed: list[tuple[int, ...]] = []
        fewest = 0
        for parts in shared:
            holders = self._holders(parts)
            if not isinstance(holders, int):
                listed.append(holders)
            elif holders and (not fewest or holders < fewest):
                fewest = holders
        if not listed:
            return fewest
        listed.sort(key=len)
        common = set(listed[0])
        for holders in listed[1:]:
            if len(common) <= 1:  # the row's own person: no fewer
                break
            common.intersection_update(holders)
        return len(common)

    def _holders(self, parts: tuple[int, ...]) -> tuple[int, ...] | int:
        """The persons holding the name key ``parts`` (tag and codes, as _name_keys gives
        it), with or without a year; only their number when the key held too many to be
        kept (see ``_count_holders``). Remembered until the next write: common names come
        back query after query (as tuples, which the garbage collector stops walking)."""
        holders = self._holder_counts.get(parts)
        if holders is None:
            if len(self._holder_counts) >= HOLDER_COUNTS:
                self._holder_counts.clear()
            tag, *codes = parts
            keys = (_key(tag, *codes), _key(tag + UNDATED, *codes))
            holders = self._holder_counts[parts] = self._count_holders(keys)
        return holders

    def _count_holders(self, keys: tuple[int, ...]) -> tuple[int, ...] | int:
        """Persons with a live record under one of these keys (a person's records once, by
        row or person id); their number only when more than ``max_posting`` (a key not
        merged yet), plus the records a key dropped as too common had then."""
        raw, persons = self._raw, self._persons if self._person_of is not None else None
        seen: set[int] = set()
        dropped = 0
        for key in keys:
            dropped += self._dropped.get(key, 0)
            b, low = key >> _LOW_BITS, key & _LOW_MASK
            first, after = low << _ROW_BITS, (low + 1) << _ROW_BITS
            for run in (self._buckets[b], self._side[b]):
                lo = bisect_left(run, first)
                for entry in run[lo : bisect_left(run, after, lo)]:
                    row = entry & _ROW_MASK
                    if raw[row] is not None:
                        seen.add(row if persons is None else persons[row])
        return dropped + len(seen) if dropped or len(seen) > self.max_posting else tuple(seen)

    def _prepare(self, query: PersonRecord, threshold: float) -> _Query | None:
        words: dict[int, str] = {}
        phon: dict[int, int] = {}
        forms: dict[int, frozenset[int]] = {}
        unknown: dict[str, int] = {}
        unknown_phon: dict[str, int] = {}

        def word_id(word: str) -> int:
            wid = self._word_id.get(word)
            if wid is None:
                wid = unknown.setdefault(word, -1 - len(unknown))
            if wid in words:
                return wid
            words[wid] = word
            if wid >= 0:
                phon[wid] = self._phon[wid]
                forms[wid] = self._forms.get(wid, frozenset((wid,)))
                for f in forms[wid]:
                    word_id(self._words[f])
            else:
                code = phonetic(word)
                pid = self._phon_id.get(code)
                if pid is None:
                    pid = unknown_phon.setdefault(code, -1 - len(unknown_phon))
                phon[wid] = pid
                extra = [word_id(f) for f in given_name_forms(word) if f != word]
                forms[wid] = frozenset([wid, *extra])
            return wid

        readings: list[Reading] = []
        for name in query.names:
            reading = (
                tuple(word_id(w) for w in name.given),
                tuple(word_id(w) for w in name.surnames),
            )
            if (reading[0] or reading[1]) and reading not in readings:
                readings.append(reading)
        key_readings = list(readings)
        for name in query.names:
            surnames = list(name.surnames)
            variants = [
                (*surnames[:k], rest, *surnames[k + 1 :])
                for k, word in enumerate(surnames)
                for rest in particle_rests(word)
            ]
            variants += [
                tuple(form if w == surname else w for w in surnames)
                for joined, surname in name.joined
                for form in self._joined_forms(joined, surname)
            ]
            variants += self._written_otherwise(surnames)
            variants += self._glued_otherwise(surnames, name.joined)
            given = tuple(word_id(w) for w in name.given)
            for variant in variants:
                reading = (given, tuple(word_id(w) for w in variant))
                if reading not in key_readings:
                    key_readings.append(reading)
        doc = document_key(query.document_number)
        if not readings:
            if not doc:
                return None
            readings = [((), ())]  # a document alone
            key_readings = readings
        if threshold <= 0.0:
            cutoff = -math.inf
        elif threshold >= 1.0:
            cutoff = math.inf
        else:
            cutoff = math.log2(threshold / (1.0 - threshold))
        margin = PROXY_MARGIN
        if any(getattr(query, f) for f in RECORD_FIELDS if f not in _PROXY_FIELDS):
            margin += UNREAD_FIELDS_MARGIN
        sex = sex_code(query.gender)
        nat = nationality_code(query.nationality)
        given_parts = tuple(dict.fromkeys(g for g, _ in readings))
        surname_parts = tuple(dict.fromkeys(s for _, s in readings))
        longest = max(given_parts, key=len)
        nested = len(given_parts) > 1 and all(
            part and part[0] == longest[0] and set(part) <= set(longest) for part in given_parts
        )
        return _Query(
            record=query,
            readings=readings,
            words=words,
            phon=phon,
            forms=forms,
            date=_date_code(parse_date(query.date_of_birth)),
            sex=ord(sex) if sex else 0,
            nat=self._nat_id.get(nat, -1) if nat else 0,
            doc=doc,
            floor=cutoff - margin,
            given_parts=given_parts,
            widest_given=longest if nested else None,
            surname_parts=surname_parts,
            given_run_together=frozenset("".join(words[w] for w in g) for g in given_parts),
            surnames_run_together=frozenset("".join(words[w] for w in s) for s in surname_parts),
            given_keys=frozenset(phon[f] for g, _ in readings for w in g for f in forms[w]),
            surname_keys=frozenset(phon[f] for _, s in readings for w in s for f in forms[w]),
            key_readings=key_readings,
        )

    def _written_otherwise(self, surnames: list[str]) -> list[tuple[str, ...]]:
        """The surnames with a prefix (``SURNAME_PREFIXES``) written apart joined to the
        next word, or joined written apart (O Brien, OBrien; Mc Donald, McDonald; El
        Amrani, Elamrani), where the index knows the sound that gives, or with the article
        al or el joined to them where its vocabulary holds that word (Amrani, Elamrani):
        compare.py finds them "joined" (the same letters, or but the article), and their
        keys differ."""
        known = self._phon_id
        out: list[tuple[str, ...]] = []
        for k, word in enumerate(surnames):
            if word in SURNAME_PREFIXES:
                if k + 1 < len(surnames) and phonetic(word + surnames[k + 1]) in known:
                    out.append((*surnames[:k], word + surnames[k + 1], *surnames[k + 2 :]))
                continue
            for cut in range(1, min(SPLIT_PREFIX, len(word) - PARTICLE_REST) + 1):
                head, tail = word[:cut], word[cut:]
                if head in SURNAME_PREFIXES and phonetic(tail) in known:
                    out.append((*surnames[:k], head, tail, *surnames[k + 1 :]))
            if word in self._article_rests:  # Ayoubi, asked for Elayoubi (compare.py)
                for form in ("al" + word, "el" + word):
                    if form in self._word_id:
                        out.append((*surnames[:k], form, *surnames[k + 1 :]))
        return out

    def _glued_otherwise(
        self, surnames: list[str], joined: tuple[tuple[str, str], ...]
    ) -> list[tuple[str, ...]]:
        """Surnames with particles written as one word with them (Soares da Silva:
        SOARESDASILVA, ``names.glued_surnames``), and one word that is two surnames with a
        particle between them, with particles before it or not (SOARESDASILVA: Soares
        Silva; DASILVADOSSANTOS: Silva Santos), where the index knows the sounds that
        give: compare.py finds them "joined", and their keys differ."""
        known = self._phon_id
        out: list[tuple[str, ...]] = []
        glued = glued_surnames(surnames, joined)
        if glued and phonetic(glued) in known:
            out.append((glued,))
        if len(surnames) == 1 and len(surnames[0]) >= 2 * PARTICLE_REST + 2:
            word = surnames[0]
            for rest in (word, *particle_rests(word)):
                for cut in range(PARTICLE_REST, len(rest) - PARTICLE_REST - 1):
                    head, tail = rest[:cut], rest[cut:]
                    if phonetic(head) not in known:
                        continue
                    for particle in JOINING_PARTICLES:
                        after = tail[len(particle) :]
                        if (
                            tail.startswith(particle)
                            and len(after) >= PARTICLE_REST
                            and phonetic(after) in known
                        ):
                            out.append((head, after))
        return out

    def _joined_forms(self, joined: str, surname: str) -> list[str]:
        """A surname written apart from its particles as records write it joined: with the
        particles as written (dos Santos, Dossantos), and with others that begin alike that
        the index knows (van der Berg, Vandenberg: records mix der and den); after an Arabic
        article, with the article in each of its forms the index knows (Er-Rahman:
        Alrahman, ``names.article_forms``)."""
        run = joined[: len(joined) - len(surname)]
        if is_article(run, surname):  # an Arabic article: its other forms (El Hassan, Alhassan)
            forms = article_forms(surname)
        else:
            forms = [p + surname for p in sorted(JOINED_PREFIXES) if p != run and p[:2] == run[:2]]
        return [joined, *(f for f in forms if f != joined and phonetic(f) in self._phon_id)]

    def _query_keys(self, q: _Query) -> tuple[set[int], set[int]]:
        """The keys to read: (name and date keys, document keys)."""
        keys: set[int] = set()
        y, m, d = _decode(q.date) if q.date not in (0, _ODD_DATE) else (0, None, None)
        years = (y, y - 1, y + 1) if y else ()
        # Without a date, the keys of dated records too; with one, the date keys find them.
        undated = (UNDATED,) if y else (0, UNDATED)
        days: set[tuple[int, int]] = set()
        dates: frozenset[tuple[int, int, int]] = frozenset()
        typed: frozenset[tuple[int, int, int]] = frozenset()
        if m is not None and d is not None and _valid_day(y, m, d):
            days = {(m, d), (d, m)} if _valid_day(y, d, m) else {(m, d)}
            dates = _full_date_variants(y, m, d, typing=False)
            typed = _full_date_variants(y, m, d, typing=True)
        orders = [(reading, True) for reading in q.key_readings]
        # given names and surnames exchanged; a surname alone also as a given name (Dupont,
        # finds a record "Dupont Marie", read with the given name Dupont, by the date)
        orders += [((s, g), False) for g, s in q.key_readings if s]
        for (given, surnames), usual in orders:
            gcodes: set[int] = set()
            initials: set[int] = set()
            for i, g in enumerate(given[:MAX_KEY_WORDS]):
                for f in q.forms[g] if i == 0 else (g,):
                    gcodes.add(q.phon[f])
                    initials.add(ord(q.words[f][0]))
            gcodes = {c for c in gcodes if c >= 0}
            scodes = [
                c for c in dict.fromkeys(q.phon[s] for s in surnames[:MAX_KEY_WORDS]) if c >= 0
            ]
            pairs = _pairs(scodes)
            # and each surname by its cedilla_sound: a ç lost (GONCALVES) meets the ss
            # that writes it (Gonssalves), a record that may have lost one (its keys) the
            # query's ss (as the comparison reads them: portuguese_name)
            for s in surnames[:MAX_KEY_WORDS]:
                code = self._phon_id.get(cedilla_sound(q.words[s]))
                if code is not None and code not in scodes:
                    scodes.append(code)
            for g in gcodes:
                for s in scodes:
                    for u in undated:
                        keys.add(_key(GS + u, g, s))
                    for year in years:
                        keys.add(_key(GSY, g, s, year))
                    for mm, dd in days:
                        keys.add(_key(GSMD, g, s, mm, dd))
                for a, b in pairs:
                    for u in undated:
                        keys.add(_key(GSS + u, g, a, b))
                for yy, mm, dd in typed if usual else dates:
                    keys.add(_key(GD, g, yy, mm, dd))
            for s in scodes:
                for i in initials:
                    for u in undated:
                        keys.add(_key(SI + u, s, i))
                    for year in years:
                        keys.add(_key(SIY, s, i, year))
                    for mm, dd in days:
                        keys.add(_key(SIMD, s, i, mm, dd))
                for yy, mm, dd in dates:
                    keys.add(_key(SD, s, yy, mm, dd))
            for a, b in pairs:
                for year in years:
                    keys.add(_key(SSY, a, b, year))
        doc_keys = {_key(DOC, _doc_int(v)) for v in document_variants(q.doc)}
        return keys, doc_keys

    def _candidates(self, q: _Query) -> tuple[set[int], set[int]]:
        """Rows sharing a key with the query, and those sharing a document key. Postings are
        read shortest first, up to MAX_CANDIDATES rows, half as many when the query has a
        full date (its keys are precise); the document keys are always read whole."""
        buckets, side, dropped, present = self._buckets, self._side, self._dropped, self._present
        limit = self.max_posting
        take_row = _ROW_MASK.__and__
        name_keys, doc_keys = self._query_keys(q)
        budget = MAX_CANDIDATES // 2 if q.date > _ODD_DATE else MAX_CANDIDATES
        found: list[set[int]] = []
        for keys in (doc_keys, name_keys):
            postings: list[tuple[int, int, int, int, int, int]] = []
            for key in keys:
                # Most keys read (date variants) have no posting: one look at a bit then.
                if not present[(key & _PRESENT_MASK) >> 3] >> (key & 7) & 1 or key in dropped:
                    continue
                posting = self._posting(key)
                if 0 < posting[0] <= limit:
                    postings.append(posting)
            postings.sort()
            rows: set[int] = set()
            for _, b, lo, hi, slo, shi in postings:
                if hi > lo:
                    rows.update(map(take_row, buckets[b][lo:hi]))
                if shi > slo:
                    rows.update(map(take_row, side[b][slo:shi]))
                if len(rows) >= budget:
                    break
            found.append(rows)
        doc_rows, name_rows = found
        return name_rows | doc_rows, doc_rows

    def _posting(self, key: int) -> tuple[int, int, int, int, int, int]:
        """Where the rows of a key are: (their number, its bucket, the range of the bucket's
        merged run, the range of its side run)."""
        b = key >> _LOW_BITS
        low = key & _LOW_MASK
        first, after = low << _ROW_BITS, (low + 1) << _ROW_BITS
        run = self._buckets[b]
        lo = bisect_left(run, first)
        hi = bisect_left(run, after, lo + 1) if lo < len(run) and run[lo] < after else lo
        extra = self._side[b]
        slo = shi = 0
        if extra:
            slo = bisect_left(extra, first)
            shi = bisect_left(extra, after, slo)
        return hi - lo + shi - slo, b, lo, hi, slo, shi

    def too_common(self, query: PersonRecord) -> bool:
        """Whether the query gives neither a date of birth nor a document, and a name key it
        reads holds too many persons to be read (``max_posting``): a search then looks at
        only some of the persons with the name (those under shorter keys: the undated, the
        rarer spellings), and its "no hit" would wrongly reassure. Ask for a date or a
        document instead."""
        if not self._rows or not _readable(query):
            return False
        q = self._prepare(query, 0.5)
        if q is None or q.doc or q.date:
            return False
        present, dropped = self._present, self._dropped
        for key in self._query_keys(q)[0]:
            if key in dropped:
                return True
            known = present[(key & _PRESENT_MASK) >> 3] >> (key & 7) & 1
            if known and self._posting(key)[0] > self.max_posting:
                return True
        return False

    def _best(
        self, q: _Query, rows: Iterable[int], doc_rows: set[int], k: int
    ) -> list[tuple[float, int]]:
        """The ``k`` candidates with the best proxy log2 odds at or above the query's floor,
        best first, as (proxy, row); ties go to the earlier row."""
        raw, dates, sexes, nats, docs, names, name_sets = (
            self._raw,
            self._dates,
            self._sex,
            self._nat,
            self._docs,
            self._names,
            self._name_sets,
        )
        qdate, qsex, qnat, qdoc, floor = q.date, q.sex, q.nat, q.doc, q.floor
        one_character = len(qdoc) >= 6
        heap: list[tuple[float, int]] = []  # the best k so far: (proxy, -row)
        for row in rows:
            stored = raw[row]
            if stored is None:
                continue
            w = PRIOR_LOG2_ODDS + _date_weight(qdate, dates[row])
            sx = sexes[row]
            if qsex and sx:
                w += SEX_SAME if sx == qsex else SEX_DIFF
            nt = nats[row]
            if qnat and nt:
                w += NAT_SAME if nt == qnat else NAT_DIFF
            doc = docs[row]
            if not qdoc or doc is None:
                w += _DOC_MISSING
            elif row in doc_rows:  # the same key, or one check character apart
                w += self._doc_weight(q, stored)
            elif one_character and len(doc) == len(qdoc) and OSA.distance(qdoc, doc) <= 1:
                w += _DOC_ONE_CHARACTER  # a character changed or two swapped
            else:
                w += _DOC_DIFFERENT
            if w + MAX_NAME_W < floor or (len(heap) >= k and w + MAX_NAME_W < heap[0][0]):
                continue
            needed = floor - w if len(heap) < k else max(floor, heap[0][0]) - w
            name_w = self._name_proxy(q, name_sets[names[row]], needed)
            item = (w + name_w, -row)
            if item[0] < floor:
                continue
            if len(heap) < k:
                heapq.heappush(heap, item)
            elif item > heap[0]:
                heapq.heapreplace(heap, item)
        return [(score, -neg) for score, neg in sorted(heap, reverse=True)]

    def _doc_weight(self, q: _Query, stored: str | PersonRecord) -> float:
        if isinstance(stored, str):
            number = stored.split(_SEP)[_DOC_FIELD]
        else:
            number = stored.document_number
        return DOCUMENT_WEIGHTS.get(document_agreement(q.record.document_number, number), 0.0)

    def _name_proxy(self, q: _Query, readings: tuple[Reading, ...], needed: float) -> float:
        """The name weight of the record's best reading, read as is or with its given names
        and surnames exchanged: the best given-name weight of its given names against any
        reading of the query, plus the best surname weight of its surnames (an upper bound
        of the best single reading pair, exact when the query has one reading). -inf when
        it cannot reach ``needed``: given names first, they rule most records out."""
        best = -math.inf
        for given, surnames in readings:
            g = self._given_max(q, given)
            if g + SUR_EXACT2 >= needed:
                best = max(best, g + self._surname_max(q, surnames))
            if (
                given
                and surnames
                and max(needed, best) <= MAX_SWAPPED_W
                and self._crosswise(q, given, surnames)
            ):
                # The record's fields exchanged, or the query's (compare.py tries both).
                g = self._given_max(q, surnames) + SWAPPED_ORDER_WEIGHT
                if g + SUR_EXACT2 >= max(needed, best):
                    best = max(best, g + self._surname_max(q, given))
                g = self._cross_given_max(q, given) + SWAPPED_ORDER_WEIGHT
                if g + SUR_EXACT2 >= max(needed, best):
                    best = max(best, g + self._cross_surname_max(q, surnames))
        return best

    def _crosswise(self, q: _Query, given: tuple[int, ...], surnames: tuple[int, ...]) -> bool:
        """Whether the record's given names meet the query's surnames or its surnames the
        query's given names, by sound or short form: only then does compare.py try the
        names typed in each other's fields."""
        meets = q.meets_surnames.get(given)
        if meets is None:
            meets = q.meets_surnames[given] = self._meets(given, q.surname_keys)
        if meets:
            return True
        meets = q.meets_given.get(surnames)
        if meets is None:
            meets = q.meets_given[surnames] = self._meets(surnames, q.given_keys)
        return meets

    def _meets(self, words: tuple[int, ...], keys: frozenset[int]) -> bool:
        """Whether a word, or the full form of a short form, has one of these sounds."""
        phon, forms = self._phon, self._forms
        for w in words:
            also = forms.get(w)
            if also is None:
                if phon[w] in keys:
                    return True
            else:
                for f in also:
                    if phon[f] in keys:
                        return True
        return False

    def _cross_given_max(self, q: _Query, words: tuple[int, ...]) -> float:
        """The best given-name weight of the query's surnames against these words."""
        w = q.cross_given_memo.get(words)
        if w is None:
            w = max(self._given_w(q, qs, words) for qs in q.surname_parts)
            if w < GIV_JOINED and self._run_together(words) in q.surnames_run_together:
                w = GIV_JOINED
            q.cross_given_memo[words] = w
        return w

    def _cross_surname_max(self, q: _Query, words: tuple[int, ...]) -> float:
        """The best surname weight of the query's given names against these words."""
        w = q.cross_surname_memo.get(words)
        if w is None:
            w = max(self._surname_w(q, qg, words) for qg in q.given_parts)
            q.cross_surname_memo[words] = w
        return w

    def _given_max(self, q: _Query, words: tuple[int, ...]) -> float:
        w = q.given_memo.get(words)
        if w is None:
            if q.widest_given is None:
                w = max(self._given_w(q, qg, words) for qg in q.given_parts)
            elif words in q.given_parts:
                w = GIV_EXACT
            else:  # each test of _given_w passes for the widest part if for any part
                w = self._given_w(q, q.widest_given, words)
            if w < GIV_JOINED and self._run_together(words) in q.given_run_together:
                w = GIV_JOINED  # Juancarlos, Juan Carlos (compare.py's "joined")
            q.given_memo[words] = w
        return w

    def _run_together(self, words: tuple[int, ...]) -> str:
        """A record's words written as one (given names run together: compare.py)."""
        if len(words) == 1:
            return self._words[words[0]]
        return "".join([self._words[w] for w in words])

    def _surname_max(self, q: _Query, words: tuple[int, ...]) -> float:
        w = q.surname_memo.get(words)
        if w is None:
            w = max(self._surname_w(q, qs, words) for qs in q.surname_parts)
            q.surname_memo[words] = w
        return w

    def _surname_w(self, q: _Query, sa: tuple[int, ...], sb: tuple[int, ...]) -> float:
        if not sa or not sb:
            return 0.0
        if sa == sb:
            return SUR_EXACT2 if len(sa) >= 2 else SUR_EXACT1
        words = self._words
        joined_a = "".join(q.words[x] for x in sa)
        joined_b = "".join(words[y] for y in sb)
        if joined_a == joined_b:  # O'Brien and OBrien (compare.py)
            return SUR_JOINED
        # every space dropped, the particles kept: SOARESDASILVA, Soares da Silva; also where
        # one surname is shared (Vonder Leyen, von der Leyen: compare.py tests this first)
        if _glued_of(joined_a, [words[y] for y in sb]) or _glued_of(
            joined_b, [q.words[x] for x in sa]
        ):
            return SUR_JOINED
        shared = set(sa) & set(sb)
        single = len(sa) == 1 or len(sb) == 1
        if shared and single:
            return SUR_ONE_OF_TWO
        if self._joined(q, sa, sb):
            return SUR_JOINED
        phon = self._phon
        pa = [q.phon[x] for x in sa]
        pb = [phon[x] for x in sb]
        if pa == pb:
            return SUR_SOUND
        if len(sa) == len(sb) and all(
            _surname_close(q.words[x], words[y]) for x, y in zip(sa, sb, strict=True)
        ):
            # (a spelling variant and a typo only with a shared surname: compare.py; not
            # told apart here, the proxy may say more)
            w = SUR_ONE_TYPO if shared else SUR_TYPO
            # (compare.py tests the spellings closer than this: pairs it does not take for
            # typos may be the surnames swapped, by sound)
            return max(w, SUR_SWAPPED) if sorted(pa) == sorted(pb) else w
        if (
            len(sa) == len(sb) >= 2
            and sa[:-1] == sb[:-1]
            and surname_initial(q.words[sa[-1]], words[sb[-1]])
        ):
            return SUR_ONE_OF_TWO  # the last written as its initial (compare.py)
        if sorted(pa) == sorted(pb):
            return SUR_SWAPPED
        if (
            len(sa) == len(sb) == 2
            and _similar(q.words[sa[0]], words[sb[1]])
            and _similar(q.words[sa[1]], words[sb[0]])
        ):
            return SUR_SWAPPED_TYPO
        common = set(pa) & set(pb)
        if single and common:
            return SUR_ONE_OF_TWO_SOUND
        if common and (set(pa) <= set(pb) or set(pb) <= set(pa)):
            return SUR_FEWER  # fewer surnames (compare.py counts them; sets say it or more)
        if shared or common:
            return SUR_SHARED
        if _similar(joined_a, joined_b, 0.95):
            # one surname written as two, misspelt; or two, one with a particle run into it
            # (De blacruz), as compare.py reads them all together
            return SUR_TYPO
        if single:  # one of two surnames, with a typing error (compare.py)
            one, other = (q.words[sa[0]], [words[y] for y in sb])
            if len(sa) != 1:
                one, other = words[sb[0]], [q.words[x] for x in sa]
            # (at the first letter too: Jesus and Yesus, as compare.py)
            for word in (other[0], other[-1]):
                if _similar(one, word):
                    return SUR_ONE_OF_TWO_TYPO
        return SUR_DIFFERENT

    def _joined(self, q: _Query, sa: tuple[int, ...], sb: tuple[int, ...]) -> bool:
        """Whether a surname of one side is one of the other's with particles joined to its
        front (Deluca, Luca): compare.py's "joined", tested on the words alone, whether or
        not the other record wrote the particles apart (never less than compare gives)."""
        words, phon = self._words, self._phon
        for x in sa:
            wx = q.words[x]
            rests = particle_rests(wx)
            # an article joined, the surname after it by sound (compare._after_article)
            after = article_rest(wx)
            after_id = self._phon_id.get(phonetic(after), -1) if after else -1
            sound = phonetic(wx)
            for y in sb:
                wy = words[y]
                if wy in rests or wx in particle_rests(wy) or after_id == phon[y]:
                    return True
                if (other := article_rest(wy)) and phonetic(other) == sound:
                    return True
        return False

    def _given_w(self, q: _Query, ga: tuple[int, ...], gb: tuple[int, ...]) -> float:
        if not ga or not gb:
            return 0.0
        if ga == gb:
            return GIV_EXACT
        fa, fb = ga[0], gb[0]
        if fa == fb:
            return GIV_FIRST
        # A short form: one first name among the other's given names or their full forms
        # (each side's forms hold its own words, so they then meet); or one of the
        # record's later given names the full form of the query's (Toño for Juan Antonio,
        # Lupe for María Guadalupe: compare._by_later).
        forms_a = q.part_forms.get(ga)
        if forms_a is None:
            forms_a = q.part_forms[ga] = frozenset().union(*(q.forms[g] for g in ga))
        if not forms_a.isdisjoint(gb):
            return GIV_SHORT
        # compare.py meets the forms by sound (Yan's form Jan sounds as Jhan; names that
        # sound alike are its short form too).
        sounds_a = q.part_sounds.get(ga)
        if sounds_a is None:
            sounds_a = q.part_sounds[ga] = frozenset(q.phon[f] for f in forms_a)
        phon = self._phon
        if phon[fb] in sounds_a:
            return GIV_SHORT
        # The query's first name sounds as one of the record's given names or their forms;
        # two short forms of one full name (Mamen, Maricarmen); or the query's first name a
        # form of one of the record's later ones through their forms (Paco for Ana
        # Francesco: compare._by_later's "shared"): their forms, or their sounds, meet.
        sounds, forms = self._form_sounds, self._forms
        sound = q.phon[fa]
        for g in gb:
            also = sounds.get(g)
            if also is None:
                # a word of no forms (Luiz) by the sounds of the query's first name's
                # forms too (Luigi's Luis), as compare.py meets them ("shared")
                if phon[g] in sounds_a:
                    return GIV_SHORT
            elif sound in also or not sounds_a.isdisjoint(also):
                return GIV_SHORT
            full = forms.get(g)
            if full is not None and not forms_a.isdisjoint(full):
                return GIV_SHORT
        if same_name_in_two_languages(q.words[fa], self._words[fb]):
            return GIV_SHORT
        if fa >= 0:  # two words of the vocabulary: the spelling tests once per pair
            key = fa << 32 | fb
            w = self._first_names.get(key)
            if w is None:
                if len(self._first_names) >= FIRST_NAME_PAIRS:
                    self._first_names.clear()
                w = self._first_names[key] = _first_name_w(q.words[fa], self._words[fb])
        else:
            w = _first_name_w(q.words[fa], self._words[fb])
        if w:
            return w
        if set(ga) & set(gb):
            return GIV_SHARED
        # Pinyin given names run together one of the other's (Yan Ping, Lucía Yanping)
        if len(ga) >= 2 or len(gb) >= 2:
            words_a = tuple(q.words[g] for g in ga)
            words_b = tuple(self._words[g] for g in gb)
            if runs_together_in(words_a, words_b) or runs_together_in(words_b, words_a):
                return GIV_SHARED
        # A Chinese name and a name of the country: compare.two_cultures, looser (the first
        # given names alone)
        cultures = given_culture(q.words[fa]) * given_culture(self._words[fb])
        return GIV_TWO_CULTURES if cultures == 2 else GIV_DIFFERENT
