"""Identity document numbers written many ways: spaces, dots, dashes, leading zeros,
check letters."""

from __future__ import annotations

import re
from datetime import date

from paccto.matching.dates import two_digit_year
from paccto.matching.text import no_number, one_repeated

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
    ``No.``) left out, without spaces, dots or dashes, leading zeros or case; empty where
    no number was written (``S/N``, ``SIN DOCUMENTO``, ``000000``).

    >>> document_key(" 04.512.876-k ")
    '4512876K'
    >>> document_key("C.C. No. 43.512.876")
    '43512876'
    """
    text = number.strip().upper()
    if text[:1].isalpha() and not text.isalnum():  # (most: a digit first, or no separator)
        while (kind := _KIND.match(text)) and kind.group(1).replace(".", "") in DOCUMENT_KINDS:
            text = text[kind.end() :]
    key = NON_ALNUM.sub("", text).lstrip("0")
    return "" if _no_number(key) else key


# Numbers that official examples and systems give to anyone: the Mexican CURP and RFC
# written for foreigners and the public at large.
_GENERIC = frozenset({"XEXX010101HNEXXXA4", "XEXX010101MNEXXXA8", "XAXX010101000", "XEXX010101000"})


def _no_number(key: str) -> bool:
    """What clerks write where there is no number (S/N, N/A, SIN DOCUMENTO, NO TIENE,
    INDOCUMENTADO, 000000000, 123456789), shared by strangers: no number. A number has
    digits and more than three characters, leading zeros aside, and its digits are not
    one repeated or counted (``text.no_number``), check characters aside too: 12345678Z
    and X0000000T (a DNI's and a NIE's letter), 123.456.789-09 (a CPF's two digits)."""
    if len(key) < 4 or key.isalpha() or no_number(key) or key in _GENERIC:
        return True
    if (series := _SERIES_DIGITS.fullmatch(key)) and one_repeated(series[1]):
        return True  # V-00000000, SP 99.999.999: series letters before no number
    core = key[:-1] if key[-1].isalpha() else key[:-2] if len(key) == 11 else key
    if core[:1] in ("X", "Y", "Z"):
        core = core[1:]
    return core != key and core.isdigit() and no_number(core)


def document_agreement(a: str, b: str) -> str:
    """``exact``, ``check character`` (only the last character differs, or one side lacks
    it), ``series letters`` (one side lacks the letters before the digits,
    ``bare_number``), ``identity number in a tax number`` (a CUIL or a RUC and the
    identity card's number it is made of, ``identity_in_tax_number``), ``one character``
    (one typing error: a character changed or two swapped), ``different lifelong number``
    (otherwise, two valid numbers of one ``NATIONAL_SCHEMES``: their checks rule out most
    typing errors), ``missing`` or ``different``."""
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
    if short == bare_number(long_):
        return "series letters" if _SERIES.fullmatch(long_) else "identity number in a tax number"
    if len(ka) == len(kb) >= 6:
        diff = [i for i in range(len(ka)) if ka[i] != kb[i]]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and ka[diff[0]] == kb[diff[1]]
        if len(diff) == 1 or (swapped and ka[diff[1]] == kb[diff[0]]):
            return "one character"
    scheme = national_scheme(ka)
    if scheme and scheme == national_scheme(kb):
        return "different lifelong number"
    return "different"


_SERIES = re.compile(r"[A-Z]{1,2}0*([1-9][0-9]{5,})")
_SERIES_DIGITS = re.compile(r"[A-Z]{1,2}([0-9]+)")


def bare_number(key: str) -> str:
    """The digits of a ``document_key`` written after one or two letters that say its series
    or kind (a Venezuelan cédula's V or E, a Brazilian RG's state: V-12.873.490 is written
    12873490 as often; SP 23.456.789), for numbers of six digits or more; the identity
    card's number that a tax number is made of (``identity_in_tax_number``); "" for others.
    Two numbers one of which is the other's digits agree as ``series letters`` (or
    ``identity number in a tax number``): not quite the same, since the letters may tell
    two series apart (V and E), but a stranger's number is rarely the same digits."""
    match = _SERIES.fullmatch(key)
    return match[1] if match else identity_in_tax_number(key)


_MOD11_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)  # Argentina's CUIL and CUIT, Peru's RUC


def identity_in_tax_number(key: str) -> str:
    """The identity card's number (as ``document_key`` writes it) that a person's tax
    number is made of, of a ``document_key`` whose check digit is right; "" for others.
    Argentina's CUIL and CUIT: 20, 23, 24 or 27, the DNI's eight digits and a check digit;
    Peru's RUC: 10, the DNI and a check digit; Ecuador's RUC: the cédula's ten digits
    (its own check digit last) and 001. Tax, bank and employment records give these
    numbers, police and court records the identity card's. A valid Brazilian CPF is none
    (eleven digits too: one in two hundred would pass a CUIL's or RUC's check). A Peruvian
    company's RUC (20, eight digits, a check digit) cannot be told from a man's CUIL.

    >>> identity_in_tax_number(document_key("20-12345678-6"))
    '12345678'
    """
    size = len(key)
    if not key.isascii():
        return ""
    if size == 11 and key.isdigit():
        if _cpf(key):  # (one CUIL in a hundred passes a CPF's check too: left out)
            return ""
        total = sum(w * (ord(c) - 48) for w, c in zip(_MOD11_WEIGHTS, key, strict=False))
        rest, check = 11 - total % 11, ord(key[10]) - 48
        if key[:2] in ("20", "23", "24", "27"):
            # 11 stands for 0; where 10 comes out, the number is given 23 before the DNI
            # instead of 20 or 27, which gives 9 or 4 (a man's or a woman's)
            valid = rest % 11 == check
        elif key[:2] == "10":
            valid = rest % 10 == check  # 10 stands for 0, 11 for 1
        else:
            valid = False
        return key[2:10].lstrip("0") if valid else ""
    if size in (12, 13) and key.isdigit() and key.endswith("001"):
        cedula = key[:-3].rjust(10, "0")
        province, kind = int(cedula[:2]), ord(cedula[2]) - 48
        if not (1 <= province <= 24 or province == 30) or kind >= 6:
            return ""
        total = 0
        for i in range(9):
            product = (ord(cedula[i]) - 48) * (2 - i % 2)
            total += product - 9 if product > 9 else product
        return cedula.lstrip("0") if (10 - total % 10) % 10 == ord(cedula[9]) - 48 else ""
    return ""


def document_variants(key: str) -> list[str]:
    """The forms of a ``document_key`` that the same number written otherwise gives: the
    number, without its last character (a check character mistyped or left out), and its
    digits after series letters (``bare_number``): blocking and hit-index keys."""
    if not key:
        return []
    bare = bare_number(key)
    return [key, *((key[:-1],) if len(key) > 1 else ()), *((bare,) if bare else ())]


# Lifelong national numbers whose format and check characters say what they are: a person
# keeps one for life (a passport number changes at each renewal, a card's version letters
# too), so two different valid numbers of one scheme are two persons, or a number copied
# from someone else's record. Numbers whose check a passport number passes by chance (the
# Chilean RUT, the Dutch BSN, the Portuguese NIF: one in eleven nine-digit numbers) and
# numbers without a check (Argentine DNI, Colombian cédula) are not among them.
NATIONAL_SCHEMES = ("", "ES DNI", "ES NIE", "BR CPF", "MX CURP", "IT codice fiscale", "FR NIR")
_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_CURP_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # Ñ (after N) is not in keys
# The value of each character (0-9 as A-J) in an odd place of a codice fiscale.
_CF_ODD = (
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
)  # fmt: skip


def _cpf(digits: str) -> bool:
    for size in (9, 10):
        total = 0
        for i in range(size):
            total += (ord(digits[i]) - 48) * (size + 1 - i)
        if (total * 10) % 11 % 10 != ord(digits[size]) - 48:
            return False
    return True


def _curp(key: str) -> bool:
    if not (key[:4].isalpha() and key[4:10].isdigit() and key[10] in "HMX"):
        return False
    if not (key[11:16].isalpha() and key[17].isdigit()):
        return False
    total = 0
    for i in range(17):
        value = _CURP_ALPHABET.find(key[i])
        total += (value + (value > 23)) * (18 - i)  # Ñ is 24 in the official alphabet
    return (10 - total % 10) % 10 == ord(key[17]) - 48


def _codice_fiscale(key: str) -> bool:
    """A valid codice fiscale with digits where digits go. Where two persons' codes would
    collide, the later one's digits are written as letters (omocodia, LMNPQRSTUV for 0-9):
    that person's records may carry either code, so such codes are left out."""
    if not (key[:6].isalpha() and key[8].isalpha() and key[11].isalpha() and key[15].isalpha()):
        return False
    total = 0
    for i in range(15):
        ch = key[i]
        if i in (6, 7, 9, 10, 12, 13, 14) and not ch.isdigit():
            return False  # (omocodia)
        value = ord(ch) - 48 if ch.isdigit() else ord(ch) - 65
        total += _CF_ODD[value] if i % 2 == 0 else value
    return chr(65 + total % 26) == key[15]


def national_scheme(key: str) -> int:
    """The lifelong national number a ``document_key`` is, by format and check characters
    (its index in ``NATIONAL_SCHEMES``), or 0.

    >>> NATIONAL_SCHEMES[national_scheme(document_key("43512876-G"))]
    'ES DNI'
    >>> national_scheme(document_key("AB1234567"))
    0
    """
    size = len(key)
    if not (key.isascii() and key.isalnum() and key == key.upper()):
        return 0  # not a document_key
    last = key[-1:]
    if 6 <= size <= 9 and last.isalpha() and key[:-1].isdigit():  # zeros left out
        return 1 if _DNI_LETTERS[int(key[:-1]) % 23] == last else 0
    if size == 9 and key[0] in "XYZ" and last.isalpha() and key[1:8].isdigit():
        value = int(str("XYZ".index(key[0])) + key[1:8])
        return 2 if _DNI_LETTERS[value % 23] == last else 0
    if 10 <= size <= 11 and key.isdigit():  # (nine digits: as many passports as CPFs)
        return 3 if _cpf(key.rjust(11, "0")) else 0
    if size == 18:
        return 4 if _curp(key) else 0
    if size == 16:
        return 5 if _codice_fiscale(key) else 0
    if size == 15 and key[0] in "12" and key[13:].isdigit():
        department = key[5:7].replace("2A", "19").replace("2B", "18")  # Corsica
        number = key[:5] + department + key[7:13]
        if number.isdigit():
            return 6 if 97 - int(number) % 97 == int(key[13:]) else 0
    return 0


_CF_MONTHS = "ABCDEHLMPRST"  # a codice fiscale's months, January to December


def holder_birth_date(key: str) -> str:
    """The date of birth (ISO) that a lifelong national number writes into itself, of a
    ``document_key``; "" for others. Mexico's CURP: the date, its 17th character telling
    the century (a digit before 2000, a letter after); Mexico's RFC of a person (the tax
    number: the CURP's first ten characters, then three of its own, the last a check
    character, ``_rfc``): the date; Nicaragua's cédula: the date
    (``_nicaraguan_cedula_date``); Italy's codice fiscale: the date, a woman's day counted
    from 41; France's NIR: the year and month. A two-digit year is this century's unless
    that is still to come (``dates.two_digit_year``). Registers keep the number where a
    clerk left the date out: the date compares then.

    >>> holder_birth_date(document_key("GOPA580710MDFRRN02"))
    '1958-07-10'
    >>> holder_birth_date(document_key("AB1234567"))
    ''
    """
    if len(key) not in (12, 13, 14, 15, 16, 18):  # (most numbers: none that writes a date)
        return ""
    if len(key) <= 14 and key[:-1].isdigit() and key[-1].isalpha() and key.isascii():
        return _nicaraguan_cedula_date(key)
    if len(key) == 13:  # Mexico's RFC of a person: its date (this century's unless to come)
        return (
            _iso(int(two_digit_year(key[4:6])), int(key[6:8]), int(key[8:10])) if _rfc(key) else ""
        )
    scheme = national_scheme(key)
    if scheme == 4:  # CURP
        year = int(key[4:6]) + (1900 if key[16].isdigit() else 2000)
        return _iso(year, int(key[6:8]), int(key[8:10]))
    if scheme == 5:  # codice fiscale
        day, month = int(key[9:11]), _CF_MONTHS.find(key[8]) + 1
        return _iso(int(two_digit_year(key[6:8])), month, day - 40 if day > 40 else day)
    if scheme == 6 and key[1:5].isdigit():  # NIR: a month of 20 or more is unknown
        year, month = int(two_digit_year(key[1:3])), int(key[3:5])
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else f"{year:04d}"
    return ""


_NI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXY"  # a Nicaraguan cédula's check letters (no I, O, Z)
CEDULA_AGE = 16  # Nicaragua issues the cédula from this age (Ley 152)


def _nicaraguan_cedula_date(key: str) -> str:
    """The date of birth of a Nicaraguan cédula's ``document_key`` whose check letter is
    right (the thirteen digits modulo 23), "" for others: the municipality (three digits,
    the department's first: 0 to 6), the date as DDMMYY, four digits, the letter
    (001-120385-0001 is written 1120385000 1 and a letter, its zeros left out)."""
    digits = key[:-1].rjust(13, "0")
    if len(digits) != 13 or digits[0] > "6" or _NI_LETTERS[int(digits) % 23] != key[-1]:
        return ""
    # Issued from the age of 16: a year after that is the century before's (20 is 1920).
    year = int(two_digit_year(digits[7:9]))
    if year > date.today().year - CEDULA_AGE:
        year -= 100
    return _iso(year, int(digits[5:7]), int(digits[3:5]))


_RFC_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ"  # (then a space, then Ñ: not in keys)


def _rfc(key: str) -> bool:
    """A person's RFC with its check character right: four letters, six digits, two
    letters or digits, and the check (0-9 or A, weights 13 to 2 modulo 11). Those written
    with an Ñ or an & are left out (``document_key`` keeps neither)."""
    if not (key[:4].isalpha() and key[4:10].isdigit() and key[10:12].isalnum()):
        return False
    total = 0
    for i in range(12):
        total += _RFC_ALPHABET.find(key[i]) * (13 - i)
    check = (11 - total % 11) % 11
    return key[12] == ("A" if check == 10 else chr(48 + check))


def _iso(year: int, month: int, day: int) -> str:
    """The ISO date, or an empty text for no date (a day or month that does not exist)."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""
