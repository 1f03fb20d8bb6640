"""Text folding shared by every comparison."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode does not decompose into a base letter and a mark.
SPECIAL_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "\u0131": "i",
    }
)
NON_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Lower case, no accents, only letters, digits and single spaces.

    >>> fold("  María-José  D'Ávila ")
    'maria jose d avila'
    """
    if text.isascii():
        return NON_ALNUM.sub(" ", text.lower()).strip()
    text = unicodedata.normalize("NFKD", text.casefold().translate(SPECIAL_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return NON_ALNUM.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    """The folded words of a text."""
    return fold(text).split() if text else []


NON_DIGIT = re.compile(r"[^0-9]+")


def digits(text: str) -> str:
    """Only the digits of a text (phone numbers, postcodes).

    >>> digits("+34 (91) 123-45-67")
    '34911234567'
    """
    return NON_DIGIT.sub("", text)
