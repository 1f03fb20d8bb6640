"""The name parts of the blocking keys (see ``xref.block_keys``), shared by the keys as texts
and by their vectorised codes, so that both always say the same."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

from paccto.matching.names import PersonName, given_name_forms, phonetic

T = TypeVar("T")


@lru_cache(maxsize=131072)
def word_parts(word: str) -> tuple[str, tuple[str, ...]]:
    """A name word's sound and initials: its first letter and its first sound, so that
    spelling variants keep an initial (Víctor and Bíctor, Héctor and Éctor, Carlos and
    Karlos, César and Sesar, Ximena and Jimena; a j typed as a g, Gosé, Guan), while a
    letter lost after a silent h (Hrstal for Herstal) still keeps the first letter; a word
    with no sound (the initial H.) only its letter."""
    sound = phonetic(word)
    first = "x" if sound[:1] == "g" else sound[:1]
    letter = word[:1]
    return sound, (letter,) if first == letter or not first else (letter, first)


@lru_cache(maxsize=65536)
def _given_initials(given: str) -> tuple[str, ...]:
    """The initials of a given name and of the names its short forms stand for."""
    return tuple(
        dict.fromkeys(letter for form in given_name_forms(given) for letter in word_parts(form)[1])
    )


INITIALS = "abcdefghijklmnopqrstuvwxyz"  # the initials of the given names, folded

# A surname's sound and a given name's initial, or a given name's sound and a surname's
# initial (names typed in each other's fields): the keys of the name alone.
SoundLetter = tuple[str, str]
BlockParts = tuple[list[str], list[SoundLetter], list[int], list[str], list[SoundLetter]]


def letter_pair(a: str, b: str) -> int:
    """A code of two letters (or one and ""), either way round: the initials that block with
    the full date of birth."""
    x, y = ord(a) if a else 0, ord(b) if b else 0
    return (min(x, y) << 21 | max(x, y)) + 1


def name_block_parts(readings: Sequence[PersonName]) -> BlockParts:
    """The sounds that block with the year of birth, the keys that block alone (a surname's
    sound with a given name's initial, either way round), the initials that block with the
    full date of birth, and the sounds that block with the full date of birth and with the
    characters of a document number (the first given name's and every surname's: they meet
    when the names were typed in each other's fields, or one of them changed).

    The keys that block alone block with the year too; a sound blocks with the year only
    where a reading has no given name or no surname. (A surname's or a given name's sound
    with the year made four in ten candidate pairs of the generated files, for about one
    link in ten thousand that no other key found.) Last, the keys of a surname without a
    given name (or with NN) with every initial, which block alone only: a record "Silva"
    without a full date meets Maria and João Silva, a dated one those without; not with
    the year or the day, where its many keys would fill blocks of namesakes past their
    limits. A word with no sound (the initial H.) gives no key of its sound alone or with
    the date (as the key codes drop empty sounds)."""
    with_year: list[str] = []
    alone: list[SoundLetter] = []
    with_date: list[int] = []
    sounds: list[str] = []
    bare: list[SoundLetter] = []
    for name in readings:
        given = name.given[:1]
        sounds.extend(s for s in (word_parts(w)[0] for w in (*given, *name.surnames)) if s)
        letters = _given_initials(given[0]) if given else ()
        given_sound = word_parts(given[0])[0] if given else ""
        for surname in name.surnames[:2]:
            sound, firsts = word_parts(surname)
            if not given:
                if sound:
                    with_year.append(sound)
                    # No given name (or one written for none: NN): the surname with every
                    # initial, as if any given name could be the one left out.
                    bare.extend((sound, letter) for letter in INITIALS)
                continue
            for letter in letters:
                alone.append((sound, letter))
                with_date.extend(letter_pair(letter, first) for first in firsts)
            # Names typed in each other's fields: the other record's given name initials
            # include the first letter.
            alone.append((given_sound, surname[:1]))
        if not name.surnames:
            with_year.extend(s for s in (word_parts(g)[0] for g in given) if s)
    return (
        _distinct(with_year),
        _distinct(alone),
        _distinct(with_date),
        _distinct(sounds),
        _distinct(bare),
    )


def _distinct(keys: list[T]) -> list[T]:
    """The keys without repeats (readings share most of their keys), in order."""
    return list(dict.fromkeys(keys))
