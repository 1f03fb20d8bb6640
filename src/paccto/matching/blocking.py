"""The name parts of the blocking keys (see ``xref.block_keys``), shared by the keys as texts
and by their vectorised codes, so that both always say the same."""

from __future__ import annotations

from collections.abc import Sequence

from paccto.matching.names import PersonName, given_name_forms, phonetic


def name_block_parts(
    readings: Sequence[PersonName],
) -> tuple[list[str], list[str], list[str]]:
    """The sounds that block with the year of birth, the keys that block alone (a surname's
    sound with a given name's initial, either way round), and the initials that block with
    the full date of birth."""
    with_year: list[str] = []
    alone: list[str] = []
    with_date: list[str] = []
    for name in readings:
        for surname in name.surnames[:2]:
            sound = phonetic(surname)
            with_year.append(sound)
            for given in name.given[:1]:
                for form in given_name_forms(given):
                    alone.append(f"sg:{sound}:{form[:1]}")
                    with_date.append("".join(sorted((form[:1], surname[:1]))))
                # names typed in each other's fields
                alone.append(f"sg:{phonetic(given)}:{surname[:1]}")
        for given in name.given[:1]:
            with_year.append(phonetic(given))
    return with_year, alone, with_date
