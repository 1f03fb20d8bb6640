"""A progress bar for long command-line jobs (drawn only on a terminal)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """``[#####.....] 52% 5200/10000 12s``, redrawn at most ten times a second."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.started = time.monotonic()
        self.last_draw = 0.0
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.drawn = False

    def update(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last_draw < 0.1 and done < total:
            return
        self.last_draw = now
        fraction = done / total if total else 1.0
        filled = int(self.width * fraction)
        bar = "#" * filled + "." * (self.width - filled)
        elapsed = int(now - self.started)
        self.stream.write(f"\r{self.label} [{bar}] {fraction:4.0%} {done}/{total} {elapsed}s")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.enabled and self.drawn:
            self.stream.write("\n")
            self.stream.flush()
