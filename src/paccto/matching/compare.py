"""Comparison of two person records: small feature functions, each with its evidence
weight and a one-line explanation, combined into a probability.

Weights are log2 likelihood ratios (how much more often a level occurs for the same person
than for two different people). They are set by hand from the literature on person linkage
for now; calibration against the benchmarks comes with the scoring work of issue 3.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz.distance import OSA, JaroWinkler

from paccto.matching.dates import DateAgreement, date_agreement
from paccto.matching.documents import document_agreement
from paccto.matching.names import (
    PersonName,
    given_name_forms,
    person_name_readings,
    phonetic,
)
from paccto.matching.text import fold

PRIOR_LOG2_ODDS = -10.0  # about one pair in a thousand candidates is the same person


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

    @property
    def names(self) -> list[PersonName]:
        """The plausible readings of the name (see ``person_name_readings``)."""
        return person_name_readings(
            self.full_name, self.given_name, self.surname, self.second_surname
        )


@dataclass(frozen=True)
class Feature:
    """One piece of evidence: which field, how it compared, what it counted."""

    field: str
    level: str
    weight: float
    explanation: str


@dataclass(frozen=True)
class Comparison:
    features: tuple[Feature, ...] = field(default_factory=tuple)

    @property
    def log2_odds(self) -> float:
        return PRIOR_LOG2_ODDS + sum(f.weight for f in self.features)

    @property
    def probability(self) -> float:
        """The probability that both records are the same person."""
        odds: float = 2.0**self.log2_odds
        return odds / (1.0 + odds)


def _similar(a: str, b: str, threshold: float) -> bool:
    """Close spellings: Jaro-Winkler above the threshold, or one edit apart (a typo) in a
    word of four letters or more."""
    if JaroWinkler.similarity(a, b) >= threshold:
        return True
    return min(len(a), len(b)) >= 4 and OSA.distance(a, b) <= 1


def surname_feature(a: PersonName, b: PersonName) -> Feature:
    """Surnames agree exactly, by sound, with a typo, only one of two, or disagree."""
    sa, sb = a.surnames, b.surnames
    if not sa or not sb:
        return Feature("surname", "missing", 0.0, "a surname is missing")
    if sa == sb and len(sa) >= 2:
        return Feature("surname", "exact", 8.0, "both surnames are the same")
    if " ".join(sa) == " ".join(sb):
        return Feature("surname", "exact", 6.5, "the surname is the same")
    shared = set(sa) & set(sb)
    if shared and (len(sa) == 1 or len(sb) == 1):
        return Feature("surname", "one of two", 5.0, "one record gives only one of the surnames")
    pa, pb = [phonetic(s) for s in sa], [phonetic(s) for s in sb]
    if pa == pb:
        return Feature("surname", "sound", 5.5, "the surnames sound the same")
    if len(sa) == len(sb) and all(_similar(x, y, 0.9) for x, y in zip(sa, sb, strict=True)):
        return Feature("surname", "typo", 4.0, "the surnames differ by a typing error")
    if sorted(sa) == sorted(sb):
        return Feature("surname", "swapped", 5.0, "the same surnames in the other order")
    if shared or set(pa) & set(pb):
        return Feature("surname", "one of two", 2.5, "one surname is shared, the other differs")
    return Feature("surname", "different", -6.0, "the surnames differ")


def given_name_feature(a: PersonName, b: PersonName) -> Feature:
    """Given names agree exactly, as a short form, by sound, as an initial, or disagree."""
    ga, gb = a.given, b.given
    if not ga or not gb:
        return Feature("given name", "missing", 0.0, "a given name is missing")
    if ga == gb:
        return Feature("given name", "exact", 4.5, "the given names are the same")
    first_a, first_b = ga[0], gb[0]
    if first_a == first_b:
        return Feature("given name", "first", 4.0, "the first given name is the same")
    forms_a = {f for g in ga for f in given_name_forms(g)}
    forms_b = {f for g in gb for f in given_name_forms(g)}
    if forms_a & forms_b and (first_a in forms_b or first_b in forms_a):
        return Feature("given name", "short form", 4.0, "a short form of the same given name")
    if phonetic(first_a) == phonetic(first_b):
        return Feature("given name", "sound", 3.5, "the given names sound the same")
    if _similar(first_a, first_b, 0.9):
        return Feature("given name", "typo", 3.0, "the given names differ by a typing error")
    if (len(first_a) == 1 or len(first_b) == 1) and first_a[0] == first_b[0]:
        return Feature("given name", "initial", 1.0, "an initial matches the given name")
    if set(ga) & set(gb):
        return Feature("given name", "shared", 2.0, "one of the given names is shared")
    return Feature("given name", "different", -9.0, "the given names differ")


DATE_WEIGHTS = {
    DateAgreement.EXACT: 7.0,
    DateAgreement.SWAPPED: 4.0,
    DateAgreement.ONE_DIGIT: 3.5,
    DateAgreement.YEAR_OFF_BY_ONE: 2.0,
    DateAgreement.SAME_YEAR: 1.5,
    DateAgreement.MISSING: 0.0,
    DateAgreement.DIFFERENT: -6.0,
}


def birth_date_feature(a: PersonRecord, b: PersonRecord) -> Feature:
    """Dates of birth, tolerant of the usual recording errors."""
    level = date_agreement(a.date_of_birth, b.date_of_birth)
    return Feature("date of birth", level.name.lower(), DATE_WEIGHTS[level], level.value)


# The same document number by chance is very rare (about one pair in ten million): it
# outweighs a name typed in the wrong field, a changed surname or a wrong date. To refine
# with the document's type and issuing country, when sources give them.
DOCUMENT_WEIGHTS = {
    "exact": 20.0,
    "check character": 9.0,
    "one character": 6.0,
    "missing": 0.0,
    "different": -3.0,
}
SWAPPED_ORDER_WEIGHT = -1.0  # given names and surnames exchanged between fields


def document_feature(a: PersonRecord, b: PersonRecord) -> Feature:
    """Document numbers; a different number weighs little (people hold several documents)."""
    level = document_agreement(a.document_number, b.document_number)
    return Feature("document", level, DOCUMENT_WEIGHTS[level], f"document numbers: {level}")


def sex_feature(a: PersonRecord, b: PersonRecord) -> Feature:
    sa, sb = fold(a.gender)[:1], fold(b.gender)[:1]
    if not sa or not sb:
        return Feature("sex", "missing", 0.0, "sex is missing")
    if sa == sb:
        return Feature("sex", "same", 0.6, "same sex")
    return Feature("sex", "different", -5.0, "different sex")


def nationality_feature(a: PersonRecord, b: PersonRecord) -> Feature:
    na, nb = a.nationality.strip().upper(), b.nationality.strip().upper()
    if not na or not nb:
        return Feature("nationality", "missing", 0.0, "nationality is missing")
    if na == nb:
        return Feature("nationality", "same", 0.5, "same nationality")
    return Feature("nationality", "different", -1.0, "different nationality (people hold several)")


def compare_persons(a: PersonRecord, b: PersonRecord) -> Comparison:
    """Every feature of two person records, with the probability they are one person.
    When a name can be read two ways, the reading that fits best is kept."""
    others = (
        birth_date_feature(a, b),
        document_feature(a, b),
        sex_feature(a, b),
        nationality_feature(a, b),
    )
    readings: list[tuple[Feature, ...]] = [
        (surname_feature(name_a, name_b), given_name_feature(name_a, name_b))
        for name_a in a.names
        for name_b in b.names
    ]
    # Given names and surnames typed in each other's fields.
    for name_a in a.names:
        for name_b in b.names:
            swapped = PersonName(name_b.surnames, name_b.given)
            if swapped.given and swapped.surnames:
                order = Feature(
                    "name order",
                    "swapped",
                    SWAPPED_ORDER_WEIGHT,
                    "given names and surnames are in each other's fields",
                )
                readings.append(
                    (surname_feature(name_a, swapped), given_name_feature(name_a, swapped), order)
                )
    best = max(readings, key=lambda reading: sum(f.weight for f in reading))
    return Comparison((*best, *others))
