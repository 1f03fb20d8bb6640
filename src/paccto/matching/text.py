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
# Characters that show nothing: the format characters (Unicode category Cf: soft hyphen,
# zero-width space and joiners, word joiner, byte order mark, direction marks) and the
# marks that only choose a glyph (combining grapheme joiner, variation selectors). Pasted
# from web pages and word processors into a name, they are no break between words.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180b-\u180f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufe00-\ufe0f\ufeff"
    "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef]"
)

# UTF-8 read as cp1252 or Latin-1 (mojibake: José as JosÃ©, Muñoz as MuÃ±oz, O'Brien's
# typographic apostrophe as Oâ€™Brien): a character of a UTF-8 lead byte of Latin letters
# and punctuation (0xC2 to 0xC5, 0xE2: not É or Ó, whose bytes would lead to Greek or
# Cyrillic, so JOSÉ and a no-break space stay) followed by one of a continuation byte
# (0x80 to 0xBF), as cp1252 shows them or, for
# the five bytes it leaves undefined, Latin-1's control characters. Real names in the
# six languages have no such pair (JOÃO: Ã before a letter); only then is a repair tried.
_CP1252_HIGH = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
_MANGLED = re.compile(f"[\u00c2-\u00c5\u00e2][\u0080-\u00bf{_CP1252_HIGH}]")
# cp1252's characters for bytes 0x80 to 0x9F, to Latin-1's (U+0080 to U+009F): then
# encoding as Latin-1 gives back the bytes of either, or of both mixed.
_CP1252_AS_LATIN1 = str.maketrans({ch: chr(ch.encode("cp1252")[0]) for ch in _CP1252_HIGH})
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
    # Repaired first: the soft hyphen is invisible, and the continuation byte of í (Ã\xad).
    text = INVISIBLE.sub("", unmangled(text))
    text = unicodedata.normalize("NFKD", text.casefold().translate(SPECIAL_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return NON_ALNUM.sub(" ", text).strip()


def unmangled(text: str) -> str:
    """Text written in UTF-8 and read as cp1252 or Latin-1, as it was written; any other
    text as it is. Word by word (a name put together from two sources may be half
    mangled), and twice (mangled twice: JosÃƒÂ©). A repair is kept only when the word is
    such UTF-8 through and through: a real name with Ã (JOÃO, SÃO PAULO) is not.

    >>> unmangled("JosÃ© Muñoz"), unmangled("JOÃO")
    ('José Muñoz', 'JOÃO')
    """
    if not _MANGLED.search(text):
        return text
    return " ".join(_unmangled_word(word) for word in text.split(" "))


def _unmangled_word(word: str) -> str:
    for _ in range(2):
        if not _MANGLED.search(word):
            break
        try:
            word = word.translate(_CP1252_AS_LATIN1).encode("latin-1").decode("utf-8")
        except UnicodeError:  # a character over U+00FF, or bytes that are not UTF-8
            break
    return word


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


# What clerks write where there is nothing to write, shared by strangers and so no evidence
# at all: each field's reader gives nothing for it (documents.document_key, phone_digits,
# address_words, compare.mailbox). Digits all the same or counted up or down from the
# start (000000, 99999999, 12345678) stand for a missing number, phone or document.
COUNTED = frozenset(
    run[:n] for run in ("1234567890", "0123456789", "9876543210") for n in range(4, 11)
)


def one_repeated(text: str) -> bool:
    """Whether a text is one character written again and again (0000, 99999, XXX)."""
    return bool(text) and text.count(text[0]) == len(text)


def no_number(text: str) -> bool:
    """Whether digits (or a document's characters) are one repeated or counted (COUNTED)."""
    return not text or one_repeated(text) or text in COUNTED


def phone_digits(value: str) -> str:
    """The last eight digits of a phone number; "" for fewer than six, or none written:
    one digit repeated, eight zeros at the end (+57 000 000 0000), 1234567 to 123456789
    (the whole number read: 987 654 321 is a Peruvian mobile, (12) 3456-7890 a Brazilian
    line, 612 345 678 a Spanish one)."""
    number = digits(value) if value else ""
    phone = number[-8:]
    if len(phone) < 6 or one_repeated(number) or phone == "00000000":
        return ""
    return "" if number in _DUMMY_PHONES else phone


_DUMMY_PHONES = frozenset({"1234567", "12345678", "123456789", "0123456789"})


# Addresses that say there is none, their folded words joined: no fixed abode, unknown,
# no data, homeless, in the six languages (and short ones: S/D, N/A, X, SDF, NFA); cities
# and postcodes too (compare._code_key).
# fmt: off
NO_ADDRESS = frozenset({
    "sindomicilio", "sindomiciliofijo", "sindomicilioconocido", "sindireccion",
    "domiciliodesconocido", "direcciondesconocida", "desconocido", "desconocida", "sindatos",
    "sindato", "sinregistro", "noconsta", "noaporta", "nosabe", "notiene", "ninguno", "ninguna",
    "ignorado", "ignorada", "situaciondecalle", "ensituaciondecalle", "indigente", "nofixedabode",
    "nofixedaddress", "nfa", "unknown", "unknownaddress", "none", "null", "nodata", "sdf",
    "sansdomicilefixe", "inconnu", "inconnue", "adresseinconnue", "senzafissadimora",
    "sconosciuto", "sconosciuta", "senzadimora", "onbekend", "adresonbekend", "zvwov",
    "geenvasteverblijfplaats", "zondervastewoonofverblijfplaats", "desconhecido", "desconhecida",
    "semdomicilio", "semresidenciafixa", "semendereco", "enderecodesconhecido", "situacaoderua",
    "xxx", "xxxx", "na", "nd", "sd", "sn", "nn"
})
# fmt: on


# The kinds of street as addresses in the 38 countries abbreviate them, folded, and the
# word each stands for (Cl. 45 No. 12-34 is Calle 45 # 12-34; Av. Brasil is Avenida
# Brasil; Tv. is a Colombian transversal or a Brazilian travessa, one word for both). Not
# English ones (St., Cr., Pl.: street, crescent, place) nor the house number's.
STREET_KINDS: dict[str, str] = {
    short: word
    for word, shorts in (
        ("calle", "cl cll clle"),
        ("carrera", "cra kra kr crra"),
        ("avenida", "av avda avd"),
        ("diagonal", "dg diag"),
        ("transversal", "tv transv trv travessa trav"),
        ("rua", "rue"),
        ("plaza", "pza pzza plz praca piazza"),
        ("boulevard", "bd blvd bvd boul"),
        ("pasaje", "psje pje"),
        ("jiron", "jr"),
        ("carretera", "ctra crta"),
        ("calzada", "calz"),
        ("manzana", "mz mza"),
        ("apartamento", "apto dpto depto departamento"),
        ("edificio", "edif"),
        ("santa", "sta"),
        ("santo", "sto"),
        ("sainte", "ste"),
    )
    for short in shorts.split()
}
# One letter for the kind, first in the address only (C/ Mayor, R. Augusta, V. Roma): a
# letter elsewhere is a flat's or a block's.
FIRST_STREET_KINDS = {"c": "calle", "r": "rua", "v": "via"}
# The words written out that name a kind of street (or of block, or of flat), not one
# street: strangers in two Calles share no street (compare.address_agreement).
STREET_KIND_WORDS = frozenset(
    {*STREET_KINDS.values(), *FIRST_STREET_KINDS.values()} - {"santa", "santo", "sainte"}
)
# The house number's sign, written or not (Nº 12, No. 12, nro 12, nr. 12 as the Dutch write).
NUMBER_SIGNS = frozenset({"no", "nro", "num", "numero", "nr"})


def address_words(text: str) -> list[str]:
    """The folded words of an address, the kinds of street written out (``STREET_KINDS``)
    and the number's sign left out; none where it says there is none (``NO_ADDRESS``,
    or fewer than three letters and digits)."""
    words = tokens(text)
    joined = "".join(words)
    if len(joined) < 3 or joined in NO_ADDRESS:
        return []
    out = [STREET_KINDS.get(w, w) for w in words if w not in NUMBER_SIGNS]
    if out and out[0] in FIRST_STREET_KINDS:
        out[0] = FIRST_STREET_KINDS[out[0]]
    return out or words
