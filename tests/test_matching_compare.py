"""Person comparison as a table: (left, right, expected, why). 'same' means probability
above 0.9, 'different' below 0.1, 'possible' in between."""

import pytest

from paccto.matching.compare import PersonRecord as P
from paccto.matching.compare import compare_persons

CASES = [
    (
        P(full_name="José Luis García Márquez", date_of_birth="1970-03-14"),
        P(
            given_name="Jose Luis",
            surname="Garcia",
            second_surname="Marquez",
            date_of_birth="1970-03-14",
        ),
        "same",
        "one field against split fields, accents",
    ),
    (
        P(full_name="Francisco Javier Vázquez Ruiz", date_of_birth="1982-05-09"),
        P(full_name="Paco Vasquez Ruiz", date_of_birth="1982-09-05"),
        "same",
        "short form, z/s spelling, day and month swapped",
    ),
    (
        P(full_name="Ana Beatriz dos Santos Silva", date_of_birth="1990-11-02", gender="F"),
        P(full_name="Ana Beatriz Santos", date_of_birth="1990-11-02", gender="female"),
        "same",
        "Portuguese particles, one surname missing",
    ),
    (
        P(full_name="Joao Goncalves", document_number="12.345.678-9"),
        P(full_name="João Gonçalves", document_number="123456789"),
        "same",
        "same document, accents and cedilla",
    ),
    (
        P(full_name="María Fernanda Hernández López", date_of_birth="1995-07-21"),
        P(full_name="Maria Fernanda Ernandes Lopez", date_of_birth="1995-07-27"),
        "same",
        "silent h, z/s, one digit of the date",
    ),
    (
        P(full_name="Carlos Andrés Pérez Gómez", date_of_birth="2001-01-05"),
        P(full_name="Juan David Pérez Gómez", date_of_birth="2001-01-05"),
        "different",
        "twins: same surnames and date, different given names",
    ),
    (
        P(full_name="Luis Alberto Ramírez Soto", date_of_birth="1961-04-30"),
        P(full_name="Luis Alberto Ramírez Soto", date_of_birth="1988-09-12"),
        "different",
        "father and son with the same name",
    ),
    (
        P(full_name="Sofía Morales Vega", date_of_birth="1979-02-03"),
        P(full_name="Daniela Morales Vega", date_of_birth="1983-12-19"),
        "different",
        "sisters",
    ),
    (
        P(full_name="Pedro Sánchez", date_of_birth="1975-06-06"),
        P(full_name="Pedro Sánchez", date_of_birth="1975-06-06", gender="M"),
        "same",
        "common name, same date",
    ),
    (
        P(full_name="Pedro Sánchez"),
        P(full_name="Pedro Sánchez"),
        "possible",
        "a common name alone is not enough",
    ),
    (
        P(full_name="Jan van der Berg", date_of_birth="1966-08-08", nationality="NL"),
        P(full_name="Jan Berg", date_of_birth="1966-08-08", nationality="SR"),
        "same",
        "Dutch particles, second nationality",
    ),
    (
        P(given_name="Ryan", surname="Clarke", date_of_birth="1994-09-03"),
        P(given_name="Clarke", surname="Ryan", date_of_birth="1994-09-03"),
        "same",
        "given name and surname typed in each other's fields",
    ),
    (
        P(given_name="Brianna", surname="Feast", document_number="1261908"),
        P(given_name="Erin", surname="Fedst", document_number="1261908"),
        "same",
        "the same document number outweighs another given name and a typo",
    ),
    (
        P(full_name="Giuseppe Russo", date_of_birth="1958-10-10", gender="M"),
        P(full_name="Beppe Russo", date_of_birth="1958-10-10", gender="F"),
        "possible",
        "short form, but the recorded sex differs",
    ),
]


@pytest.mark.parametrize(("a", "b", "expected", "why"), CASES, ids=[c[3] for c in CASES])
def test_person_comparison(a, b, expected, why):
    result = compare_persons(a, b)
    probability = result.probability
    band = "same" if probability > 0.9 else "different" if probability < 0.1 else "possible"
    explanation = "; ".join(f"{f.field}: {f.level} ({f.weight:+})" for f in result.features)
    assert band == expected, f"{why}: p={probability:.3f} [{explanation}]"
    assert compare_persons(b, a).probability == pytest.approx(probability), "symmetric"


def test_every_feature_explains_itself():
    result = compare_persons(P(full_name="Ana Rojas"), P(full_name="Ana Rojas Díaz"))
    assert [f.field for f in result.features] == [
        "surname",
        "given name",
        "date of birth",
        "document",
        "sex",
        "nationality",
    ]
    assert all(f.explanation for f in result.features)
