"""The cyclic garbage collector paused around bulk work (pure Python, no Django)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic garbage collector off while millions of objects are made and none of them
    is garbage: it would walk them, and everything else alive in the process, again and
    again (a third of the time of a cross-referencing run)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
