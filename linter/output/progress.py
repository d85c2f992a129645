"""A progress line on standard error while a long run parses files: "parsed 2,500 of 10,000
files (410 files/s)", redrawn in place, erased before the findings are printed.

Only on a terminal, only after the run has gone on for `DELAY` seconds (a warm run, a
pre-commit run of one file, never shows it), and at most `RATE` redraws a second. No ANSI
sequences: a carriage return and blanks redraw the line, which every terminal understands.
"""

from __future__ import annotations

import time
from typing import TextIO

DELAY = 1.0  # seconds a run goes on before the line appears
RATE = 10  # redraws a second, at most


class Progress:
    """The callback the runner calls as files are parsed: `progress(done, total)`."""

    __slots__ = ("_clock", "_drawn", "_next", "_started", "_stream")

    def __init__(self, stream: TextIO, clock=time.monotonic) -> None:
        self._stream, self._clock = stream, clock
        self._started = clock()
        self._next = self._started + DELAY
        self._drawn = 0  # the width of the line on screen (0: none)

    def __call__(self, done: int, total: int) -> None:
        now = self._clock()
        if now < self._next and not (done == total and self._drawn):
            return  # (the last count is always drawn once the line is up: it ends at total)
        self._next = now + 1 / RATE
        elapsed = now - self._started
        rate = f" ({done / elapsed:,.0f} files/s)" if elapsed > 0 else ""
        self._draw(f"factlint: parsed {done:,} of {total:,} files{rate}")

    def _draw(self, text: str) -> None:
        self._stream.write("\r" + text.ljust(self._drawn))
        self._stream.flush()
        self._drawn = len(text)

    def close(self) -> None:
        """Erase the line, so what follows starts at the left margin of a clean line."""
        if self._drawn:
            self._stream.write("\r" + " " * self._drawn + "\r")
            self._stream.flush()
            self._drawn = 0

