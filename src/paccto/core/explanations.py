"""The matching engine's evidence in the user's language.

The engine (``paccto.matching.compare``) stays free of Django and speaks English: each
``Feature`` names its field and level with stable codes ("surname", "both exact") and adds an
English sentence. Pages and the API show a translated label per field and a translated
sentence per (field, level), looked up here when they are shown, so stored explanations
(cross-referencing keeps them as JSON) stay language-neutral. A code the tables below do not
know yet shows the engine's own English rather than failing; ``tests/test_explanations.py``
fails first when the engine gains a field or a level without a sentence here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from paccto.matching.compare import Feature

FIELD_LABELS: dict[str, Promise] = {
    "surname": _("Surname"),
    "given name": _("Given name"),
    "name order": _("Name order"),
    "generation": _("Generation"),
    "date of birth": _("Date of birth"),
    "document": _("Document"),
    "sex": _("Sex"),
    "nationality": _("Nationality"),
    "address": _("Address"),
    "postcode": _("Postcode"),
    "city": _("City"),
    "phone": _("Phone"),
    "email": _("Email"),
    "family": _("Family"),
    "name frequency": _("Name frequency"),
}

LEVEL_TEXTS: dict[tuple[str, str], Promise] = {
    ("surname", "both exact"): _("both surnames are the same"),
    ("surname", "exact"): _("the surname is the same"),
    ("surname", "one typo of two"): _("both surnames, one with a typing error"),
    ("surname", "one of two"): _("one record gives only one of the surnames"),
    ("surname", "sound"): _("the surnames sound the same"),
    ("surname", "typo"): _("the surnames differ by a typing error"),
    ("surname", "one of two with a typo"): _(
        "one record gives only one of the surnames, with a typing error"
    ),
    ("surname", "swapped"): _("the same surnames in the other order"),
    ("surname", "joined"): _("the same surname, its particle written apart or joined to it"),
    ("surname", "swapped with a typo"): _(
        "the same surnames in the other order, one with a typing error"
    ),
    ("surname", "one of two by sound"): _(
        "one record gives only one of the surnames, spelt another way"
    ),
    ("surname", "fewer"): _("one record gives fewer surnames"),
    ("surname", "one differs"): _("one surname is shared, the other differs"),
    ("surname", "different"): _("the surnames differ"),
    ("surname", "missing"): _("a surname is missing"),
    ("surname", "cut short after one"): _(
        "the first surname is the same, the next one is cut short where the field ran out"
    ),
    ("surname", "cut short"): _("the surname is cut short where the field ran out"),
    ("surname", "cut to its initials"): _(
        "the surname is cut to its first letters where the field ran out"
    ),
    ("given name", "exact"): _("the given names are the same"),
    ("given name", "second differs"): _("the second given names differ"),
    ("given name", "first"): _("the first given name is the same"),
    ("given name", "short form"): _(
        "a short form, another spelling or another language's form of the same given name"
    ),
    ("given name", "sound"): _("the given names sound the same"),
    ("given name", "typo"): _("the given names differ by a typing error"),
    ("given name", "joined"): _("the same given names, run together in one record"),
    ("given name", "initial"): _("an initial matches the given name"),
    ("given name", "shared"): _("one of the given names is shared"),
    ("given name", "alike"): _(
        "the given names are spelt alike (a spelling the name tables do not know)"
    ),
    ("given name", "two cultures"): _(
        "a Chinese given name and a given name of the country: one person's two names"
    ),
    ("given name", "different"): _("the given names differ"),
    ("given name", "missing"): _("a given name is missing"),
    ("name order", "swapped"): _("given names and surnames are in each other's fields"),
    ("generation", "same"): _("the same generation mark (Jr., Sr., Neto…)"),
    ("generation", "different"): _("different generation marks"),
    ("generation", "one side"): _("a generation mark on one side only"),
    ("date of birth", "exact"): _("the same date of birth"),
    ("date of birth", "swapped"): _("dates of birth with day and month swapped"),
    ("date of birth", "one_digit"): _("dates of birth one digit apart"),
    ("date of birth", "transposed"): _("dates of birth with two digits typed in the wrong order"),
    ("date of birth", "year_off_by_one"): _(
        "dates of birth with the year off by one, day and month equal"
    ),
    ("date of birth", "same_month"): _("the same year and month of birth, day unknown"),
    ("date of birth", "same_year"): _("the same year of birth, day or month unknown"),
    ("date of birth", "near_year"): _("years of birth one apart, day or month unknown"),
    ("date of birth", "two_digits"): _("dates of birth two digits apart"),
    ("date of birth", "swapped_and_one"): _(
        "dates of birth with day and month swapped, and one more digit or the year off by one"
    ),
    ("date of birth", "missing"): _("a date of birth is missing"),
    ("date of birth", "different"): _("different dates of birth"),
    ("date of birth", "generation"): _("dates of birth a generation apart"),
    ("date of birth", "from_document"): _(
        "a date of birth that the same document number writes: only what the number does not"
        " say counts"
    ),
    ("document", "exact"): _("the same document number"),
    ("document", "check character"): _("document numbers that differ only in the check character"),
    ("document", "series letters"): _(
        "the same document number, written once without the letters before its digits"
    ),
    ("document", "identity number in a tax number"): _(
        "an identity card's number and the tax number made of it (a CUIL, a RUC)"
    ),
    ("document", "one character"): _("document numbers one character apart"),
    ("document", "missing"): _("a document number is missing"),
    ("document", "different"): _("different document numbers (people hold several)"),
    ("document", "different lifelong number"): _(
        "two different valid national numbers of one kind (a person keeps one for life)"
    ),
    ("sex", "same"): _("the same sex"),
    ("sex", "different"): _("different sex"),
    ("sex", "missing"): _("the sex is missing"),
    ("nationality", "same"): _("the same nationality"),
    ("nationality", "different"): _("different nationality (people hold several)"),
    ("nationality", "missing"): _("a nationality is missing"),
    ("address", "exact"): _("the same address"),
    ("address", "similar"): _("nearly the same address"),
    ("address", "same street"): _("the same street"),
    ("address", "street"): _("the same street, another number"),
    ("address", "missing"): _("an address is missing"),
    ("address", "different"): _("different addresses (people move)"),
    ("postcode", "exact"): _("the same postcode"),
    ("postcode", "one character"): _("postcodes one character apart"),
    ("postcode", "different"): _("different postcodes"),
    ("postcode", "missing"): _("a postcode is missing"),
    ("city", "exact"): _("the same city"),
    ("city", "similar"): _("the same city, misspelt"),
    ("city", "different"): _("different cities"),
    ("city", "missing"): _("a city is missing"),
    ("phone", "exact"): _("the same phone number"),
    ("phone", "one digit"): _("phone numbers one digit apart"),
    ("phone", "different"): _("different phone numbers"),
    ("phone", "missing"): _("a phone number is missing"),
    ("email", "exact"): _("the same email address"),
    ("email", "same name"): _("the same email name, another provider"),
    ("email", "different"): _("different email addresses"),
    ("email", "missing"): _("an email address is missing"),
    ("family", "other given names"): _("other given names: shared family details do not count"),
    ("family", "sibling"): _(
        "close given names and another date of birth: a shared home does not count"
    ),
    ("family", "other generation"): _("another generation: a shared home does not count"),
    ("name frequency", "common"): _("other records share these names"),
}

# One level the engine explains two ways, told apart by its English sentence.
EXPLANATION_VARIANTS: dict[tuple[str, str, str], Promise] = {
    ("given name", "second differs", "one given name is shared, the others differ"): _(
        "one given name is shared, the others differ"
    ),
    ("given name", "different", "a man's and a woman's forms of one given name"): _(
        "a man's and a woman's forms of one given name"
    ),
    ("given name", "different", "a man's and a woman's given names spelt alike"): _(
        "a man's and a woman's given names spelt alike"
    ),
}

# "different generations (Jr. and Sr.)": the marks are names, kept as the engine writes them.
GENERATION_MARKS = re.compile(r"different generations \((?P<first>.+) and (?P<second>.+)\)")
# "12 records share these names": the count, shown in the user's language and locale.
NAMESAKES = re.compile(r"(?P<count>\d+) records share these names")


@dataclass(frozen=True)
class ExplainedFeature:
    """One piece of matching evidence as shown: the stable codes and weight, with the field's
    label and the explanation in the active language."""

    field: str
    level: str
    weight: float
    label: str
    explanation: str


def feature_label(field: str) -> str:
    """The field's label in the active language (the engine's code if unknown)."""
    label = FIELD_LABELS.get(field)
    return str(label) if label is not None else field


def feature_explanation(field: str, level: str, explanation: str) -> str:
    """The sentence for a (field, level) in the active language; the engine's English
    ``explanation`` if the level is unknown here."""
    variant = EXPLANATION_VARIANTS.get((field, level, explanation))
    if variant is not None:
        return str(variant)
    if (field, level) == ("generation", "different"):
        marks = GENERATION_MARKS.fullmatch(explanation)
        if marks:
            return gettext("different generations (%(first)s and %(second)s)") % marks.groupdict()
    if (field, level) == ("name frequency", "common"):
        namesakes = NAMESAKES.fullmatch(explanation)
        if namesakes:
            count = int(namesakes["count"])
            return ngettext(
                "%(count)s record shares these names",
                "%(count)s records share these names",
                count,
            ) % {"count": number_format(count, force_grouping=True)}
    text = LEVEL_TEXTS.get((field, level))
    return str(text) if text is not None else explanation


def features_explained(
    features: Iterable[Feature | Sequence[Any]],
) -> list[ExplainedFeature]:
    """Engine features, or their stored ``[field, level, weight, explanation]`` lists, with
    labels and explanations in the active language."""
    explained = []
    for feature in features:
        if isinstance(feature, Sequence):
            field, level = str(feature[0]), str(feature[1])
            weight, explanation = float(feature[2]), str(feature[3])
        else:
            field, level = feature.field, feature.level
            weight, explanation = feature.weight, feature.explanation
        explained.append(
            ExplainedFeature(
                field=field,
                level=level,
                weight=weight,
                label=feature_label(field),
                explanation=feature_explanation(field, level, explanation),
            )
        )
    return explained
