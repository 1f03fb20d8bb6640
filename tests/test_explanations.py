"""The matching engine's evidence in the user's language: every field and level the engine
can produce has a label and a sentence, and the sentences follow the active language."""

from __future__ import annotations

import ast
from collections import defaultdict

import pytest
from django.utils import translation

from paccto.core.explanations import (
    FIELD_LABELS,
    LEVEL_TEXTS,
    feature_explanation,
    feature_label,
    features_explained,
)
from paccto.matching import _native, compare
from paccto.matching.compare import PersonRecord, compare_persons
from paccto.matching.dates import DateAgreement

LANGUAGES = ["es", "pt", "fr", "en", "nl", "it"]


def _table_levels() -> set[tuple[str, str]]:
    """(field, level) pairs read from the engine's weight tables."""
    pairs = {("surname", level) for level in compare.SURNAME_WEIGHTS}
    pairs |= {("given name", level) for level in compare.GIVEN_WEIGHTS}
    pairs |= {("generation", level) for level in compare.GENERATION_WEIGHTS}
    pairs |= {("date of birth", agreement.name.lower()) for agreement in DateAgreement}
    pairs |= {("date of birth", agreement.name.lower()) for agreement in compare.DATE_WEIGHTS}
    pairs |= {("document", level) for level in compare.DOCUMENT_WEIGHTS}
    pairs |= {("address", level) for level in (*compare.ADDRESS_WEIGHTS, *compare.ADDRESS_TEXT)}
    pairs |= {("postcode", level) for level, _counted in compare.POSTCODE_WEIGHTS}
    pairs |= {("city", level) for level, _counted in compare.CITY_WEIGHTS}
    for field, table in (
        ("sex", compare.SEX_WEIGHTS),
        ("nationality", compare.NATIONALITY_WEIGHTS),
        ("phone", compare.PHONE_WEIGHTS),
        ("email", compare.EMAIL_WEIGHTS),
    ):
        pairs |= {(field, level) for level in table}
    return pairs


def _text(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


MAKERS = ("Feature", "feature")  # the class, and the function that makes them faster


def _literal_features() -> set[tuple[str, str, str | None]]:
    """(field, level, English explanation or None) of every feature compare.py builds with
    literal codes: ``feature("sex", "missing", ...)`` (``Feature``'s maker) and helpers such as
    ``_surname("exact", "...")`` (a function returning ``feature("surname", level, ...)``)."""
    # The source file itself: the module may be its compiled build (matching._native).
    tree = ast.parse((_native.HERE / "compare.py").read_text(encoding="utf-8"))
    helpers: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.args.args:
            first = node.args.args[0].arg
            for call in ast.walk(node):  # (returned, or kept and returned)
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id in MAKERS
                    and _text(call.args[0])
                    and isinstance(call.args[1], ast.Name)
                    and call.args[1].id == first
                ):
                    helpers[node.name] = str(_text(call.args[0]))
    found: set[tuple[str, str, str | None]] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        args = node.args
        if node.func.id in MAKERS and len(args) == 4:
            field, level = _text(args[0]), _text(args[1])
            if field and level:
                found.add((field, level, _text(args[3])))
        elif node.func.id in helpers and len(args) == 2 and _text(args[0]):
            found.add((helpers[node.func.id], str(_text(args[0])), _text(args[1])))
    return found


def _engine_levels() -> set[tuple[str, str]]:
    return _table_levels() | {(field, level) for field, level, _text in _literal_features()}


def test_the_source_scan_finds_the_engine_s_literal_features():
    found = {(field, level) for field, level, _text in _literal_features()}
    # A guard for the scan itself: if compare.py is reshaped so that it finds nothing, the
    # coverage test below would only check the tables.
    assert {
        ("surname", "both exact"),
        ("given name", "short form"),
        ("sex", "missing"),
        ("name order", "swapped"),
        ("family", "other given names"),
        ("family", "sibling"),
        ("family", "other generation"),
    } <= found
    assert len(found) >= 50


def test_every_field_and_level_of_the_engine_has_a_translation():
    engine = _engine_levels()
    missing = sorted(engine - set(LEVEL_TEXTS))
    assert not missing, f"levels the engine produces without a sentence: {missing}"
    stale = sorted(set(LEVEL_TEXTS) - engine)
    assert not stale, f"sentences for levels the engine no longer produces: {stale}"
    fields = {field for field, _level in engine}
    assert fields == set(FIELD_LABELS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_levels_the_engine_explains_two_ways_stay_apart_in_every_language(language):
    by_level: dict[tuple[str, str], set[str]] = defaultdict(set)
    for field, level, text in _literal_features():
        if text is not None:
            by_level[field, level].add(text)
    with translation.override(language):
        for (field, level), texts in by_level.items():
            translated = {feature_explanation(field, level, text) for text in texts}
            assert len(translated) == len(texts), (field, level, texts, translated)


# Analyst-readable cases: two records, the field to look at, its level and the Spanish text.
CASES = [
    (
        PersonRecord(given_name="Paco", surname="Vásquez"),
        PersonRecord(given_name="Francisco", surname="Vasquez"),
        "given name",
        "short form",
        "una forma corta, otra grafía o la forma en otro idioma del mismo nombre",
    ),
    (
        PersonRecord(given_name="Ana", surname="Rojas", date_of_birth="1982-09-05"),
        PersonRecord(given_name="Ana", surname="Rojas", date_of_birth="1982-05-09"),
        "date of birth",
        "swapped",
        "fechas de nacimiento con el día y el mes invertidos",
    ),
    (  # one given name shared, the others not: the engine's second sentence for the level
        PersonRecord(full_name="Ana Cecília Souza Lima"),
        PersonRecord(full_name="Mariana Ana Carolina Souza Lima"),
        "given name",
        "second differs",
        "un nombre coincide, los demás difieren",
    ),
    (  # the generation marks are names, kept as written
        PersonRecord(full_name="Carlos Mendes Jr."),
        PersonRecord(full_name="Carlos Mendes Sr."),
        "generation",
        "different",
        "generaciones distintas (Jr. y Sr.)",
    ),
    (  # sisters at one address: the shared home is taken back
        PersonRecord(
            given_name="Maite",
            surname="Quintero",
            second_surname="Lopera",
            date_of_birth="1990-01-17",
            address="Calle 10 # 4-21",
            phone="3001234567",
        ),
        PersonRecord(
            given_name="María",
            surname="Quintero",
            second_surname="Lopera",
            date_of_birth="1993-06-02",
            address="Calle 10 # 4-21",
            phone="3001234567",
        ),
        "family",
        "sibling",
        "nombres parecidos y otra fecha de nacimiento: un hogar compartido no cuenta",
    ),
    (
        PersonRecord(given_name="Lucía", surname="Ferreira", document_number="43.512.876-K"),
        PersonRecord(given_name="Lucia", surname="Ferreira", document_number="43512876"),
        "document",
        "check character",
        "números de documento que solo difieren en el carácter de control",
    ),
]


@pytest.mark.parametrize(("a", "b", "field", "level", "spanish"), CASES)
def test_comparisons_read_in_spanish(a, b, field, level, spanish):
    features = {f.field: f for f in compare_persons(a, b).features}
    assert features[field].level == level
    with translation.override("es"):
        shown = {f.field: f for f in features_explained(features.values())}
    assert shown[field].explanation == spanish
    assert shown[field].level == level and shown[field].weight == features[field].weight


def test_labels_and_sentences_follow_the_active_language():
    seen = {}
    for language in LANGUAGES:
        with translation.override(language):
            seen[language] = (
                feature_label("date of birth"),
                feature_explanation("date of birth", "exact", "exact"),
            )
    assert seen["en"] == ("Date of birth", "the same date of birth")
    assert seen["es"] == ("Fecha de nacimiento", "la misma fecha de nacimiento")
    assert seen["fr"] == ("Date de naissance", "la même date de naissance")
    assert len(set(seen.values())) == len(LANGUAGES)


def test_stored_lists_read_like_the_engine_s_features():
    """Cross-referencing stores [field, level, weight, explanation] as JSON."""
    features = compare_persons(
        PersonRecord(given_name="Paco", surname="Vásquez", date_of_birth="1982-09-05"),
        PersonRecord(given_name="Francisco", surname="Vasquez", date_of_birth="1982-05-09"),
    ).features
    stored = [[f.field, f.level, f.weight, f.explanation] for f in features]
    with translation.override("pt"):
        assert features_explained(stored) == features_explained(features)


def test_unknown_codes_fall_back_to_the_engine_s_english():
    with translation.override("es"):
        assert feature_label("shoe size") == "shoe size"
        assert feature_explanation("shoe size", "close", "shoe sizes one apart") == (
            "shoe sizes one apart"
        )
        assert feature_explanation("surname", "new level", "a new sentence") == "a new sentence"
        # A generation sentence the engine might reword: the level's sentence, not a crash.
        assert feature_explanation("generation", "different", "other marks") == (
            "sufijos generacionales distintos"
        )
        [shown] = features_explained([["shoe size", "close", 1, "shoe sizes one apart"]])
    assert (shown.label, shown.explanation, shown.weight) == (
        "shoe size",
        "shoe sizes one apart",
        1.0,
    )


def test_the_name_frequency_reads_its_count_in_the_user_s_language():
    common = compare.name_frequency_feature(1234, ())
    assert common is not None
    with translation.override("es"):
        [shown] = features_explained([common])
        assert shown.label == "Frecuencia del nombre"
        assert shown.explanation == "1\xa0234 registros comparten estos nombres"
    with translation.override("fr"):
        assert features_explained([common])[0].explanation.startswith("1")
        assert "234 fiches partagent ces noms" in features_explained([common])[0].explanation
    with translation.override("en"):
        assert features_explained([common])[0].explanation == ("1,234 records share these names")
        # An English sentence the engine might reword: the level's sentence.
        assert feature_explanation("name frequency", "common", "many share it") == (
            "other records share these names"
        )
