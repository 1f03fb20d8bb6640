"""A git merge driver for translation catalogues (.po): the union of both sides' messages.

Two branches that each add strings to the six catalogues conflict on almost every line,
although they never disagree. This driver keeps every message of both sides; where both
changed the same message's translation differently, ours wins and the file is still
written. Run `make messages` after the merge: it drops obsolete messages, restores the
canonical layout and recompiles the .mo files.

Set it up once per clone (the attributes are in .gitattributes):

    git config merge.po.driver ".venv/bin/python scripts/merge_po.py %O %A %B"
    git config merge.mo.driver true
"""

from __future__ import annotations

import sys

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po


def load(path: str) -> Catalog:
    with open(path, "rb") as handle:
        return read_po(handle)


def merge(base: Catalog, ours: Catalog, theirs: Catalog) -> Catalog:
    """Ours, plus what theirs added or re-translated since the base."""
    for message in theirs:
        if not message.id:
            continue  # the header
        mine = ours.get(message.id, message.context)
        if mine is None:
            ours[message.id] = message
            continue
        original = base.get(message.id, message.context)
        unchanged_by_us = original is not None and original.string == mine.string
        if (not mine.string or unchanged_by_us) and message.string:
            mine.string = message.string
            mine.flags = set(message.flags)
    return ours


def main(base_path: str, ours_path: str, theirs_path: str) -> int:
    merged = merge(load(base_path), load(ours_path), load(theirs_path))
    with open(ours_path, "wb") as handle:
        write_po(handle, merged, width=79, omit_header=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
