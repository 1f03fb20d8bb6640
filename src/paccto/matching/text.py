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
# ASCII bytes: letters and digits kept (upper case already lowered), anything else a space.
_ALNUM = b"0123456789abcdefghijklmnopqrstuvwxyz"
_ASCII_FOLD = bytes(c if c in _ALNUM else 32 for c in range(256))


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Lower case, no accents, only letters, digits and single spaces.

    >>> fold("  María-José  D'Ávila ")
    'maria jose d avila'
    """
    if text.isascii():  # as below, by a byte table (three times sooner)
        return " ".join(text.encode("ascii").lower().translate(_ASCII_FOLD).decode("ascii").split())
    text = unicodedata.normalize("NFKD", text.casefold().translate(SPECIAL_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return NON_ALNUM.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    """The folded words of a text."""
    return fold(text).split() if text else []


NON_DIGIT = re.compile(r"[^0-9]+")
_NOT_DIGITS = bytes(c for c in range(128) if not 48 <= c <= 57)


def digits(text: str) -> str:
    """Only the digits of a text (phone numbers, postcodes).

    >>> digits("+34 (91) 123-45-67")
    '34911234567'
    """
    if text.isascii():
        return text.encode("ascii").translate(None, _NOT_DIGITS).decode("ascii")
    return NON_DIGIT.sub("", text)
