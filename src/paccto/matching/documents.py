"""Identity document numbers written many ways: spaces, dots, dashes, leading zeros,
check letters."""

from __future__ import annotations

import re

NON_ALNUM = re.compile(r"[^0-9A-Z]")

# The kind of document that records write before the number (CC 43.512.876, C.C., DNI:,
# CPF, RUT, NIE, Nº...): Latin American and European identity cards, tax and population
# numbers, passports. Taken off only when something other than a letter or digit follows
# it, so that numbers that begin with letters (passports AB1234567, NIE X1234567L) stay.
DOCUMENT_KINDS = frozenset(
    {
        *("CC", "CE", "CI", "TI", "RC", "NUIP", "NIT", "CEDULA", "CIC", "CIE"),
        *("DNI", "NIE", "NIF", "CIF", "DPI", "CUI", "CIP", "RUT", "RUN", "RUC", "CUIT", "CUIL"),
        *("CPF", "RG", "RNE", "CNH", "BI", "NIC", "CURP", "RFC", "INE", "IFE", "CIN", "NI"),
        *("PAS", "PASS", "PASSPORT", "PASAPORTE", "PASSAPORTE", "PASSEPORT", "PASSAPORTO"),
        *("CNI", "ID", "NO", "NR", "NUM", "N", "NRO", "NUMERO", "NUMBER"),
    }
)
_KIND = re.compile(r"((?:[A-Z]\.?){1,10})[^0-9A-Z]+")


def document_key(number: str) -> str:
    """The comparable form of a document number: the kind written before it (``CC``, ``DNI``,
    ``No.``) left out, without spaces, dots or dashes, leading zeros or case.

    >>> document_key(" 01.234.567-k ")
    '1234567K'
    >>> document_key("C.C. No. 43.512.876")
    '43512876'
    """
    text = number.strip().upper()
    if text[:1].isalpha() and not text.isalnum():  # (most: a digit first, or no separator)
        while (kind := _KIND.match(text)) and kind.group(1).replace(".", "") in DOCUMENT_KINDS:
            text = text[kind.end() :]
    key = NON_ALNUM.sub("", text)
    return key.lstrip("0") or key


def document_agreement(a: str, b: str) -> str:
    """``exact``, ``check character`` (only the last character differs, or one side lacks
    it), ``one character`` (one typing error: a character changed or two swapped),
    ``missing`` or ``different``."""
    ka, kb = document_key(a or ""), document_key(b or "")
    if not ka or not kb:
        return "missing"
    if ka == kb:
        return "exact"
    short, long_ = sorted((ka, kb), key=len)
    if len(long_) - len(short) == 1 and long_.startswith(short) and len(short) >= 5:
        return "check character"
    if len(ka) == len(kb) and ka[:-1] == kb[:-1] and len(ka) >= 6:
        return "check character"
    if len(ka) == len(kb) >= 6:
        diff = [i for i in range(len(ka)) if ka[i] != kb[i]]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and ka[diff[0]] == kb[diff[1]]
        if len(diff) == 1 or (swapped and ka[diff[1]] == kb[diff[0]]):
            return "one character"
    return "different"
