"""The terminal's views of a report: `full` (the claim file's line with a caret under the value
or quote, and the advice once on a `help:` line) and `concise` (one short line a finding).

These are for people, not programs: their layout may change between releases. Programs, CI
logs and editors read `--format text` (linter/output/text.py), whose lines stay as they are.
Colour is the caller's decision (`want_colour`); file text comes through a `reader` the caller
gives, so this module opens nothing itself.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from typing import TextIO

from linter.model import Finding, Severity
from linter.output import Report, safe_path, visible
from linter.output.advice import split, without_excerpts
from linter.output.text import summary

STYLES = ("full", "concise")
COLOR_CHOICES = ("auto", "always", "never")

# A line of a claim file as `full` shows it, at most this many columns: a quote of 300
# characters on one line is shown as a window around the column, not wrapped by the terminal.
EXCERPT_WIDTH = 100
_LEFT_CONTEXT = 30

Reader = Callable[[str], "list[str] | None"]  # display path → the file's lines, or None


def want_colour(choice: str, stream: TextIO, environ: dict[str, str] | None = None) -> bool:
    """Whether to colour output to `stream`. `--color always|never` decides; with `auto`,
    FORCE_COLOR (set and not "0") turns it on, NO_COLOR (set and not empty) off, and otherwise a
    terminal that is not `TERM=dumb` gets colour. FORCE_COLOR wins over NO_COLOR, as in Node
    and most tools honouring both: it is the narrower, more deliberate request."""
    if choice != "auto":
        return choice == "always"
    env = os.environ if environ is None else environ
    force = env.get("FORCE_COLOR")
    if force is not None and force not in ("0", "false"):
        return True
    if env.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and env.get("TERM") != "dumb"


_SGR: dict[object, str] = {
    "path": "1", "dim": "2", "help": "1;36",
    Severity.ERROR: "1;31", Severity.WARNING: "1;33", Severity.INFO: "1;36",
}


class Palette:
    """SGR sequences, or nothing at all when colour is off."""

    __slots__ = ("on",)

    def __init__(self, on: bool) -> None:
        self.on = on

    def paint(self, text: str, what: object) -> str:
        if not self.on or not text:
            return text
        return f"\x1b[{_SGR[what]}m{text}\x1b[0m"


def render(report: Report, style: str, *, colour: bool = False,
           reader: Reader | None = None) -> str:
    palette = Palette(colour)
    lines: list[str] = []
    for finding in report.active:
        if style == "concise":
            lines.append(_concise(finding, palette))
        else:
            lines.extend(_full(finding, palette, reader))
    if not report.quiet:
        if lines and style == "concise":
            lines.append("")
        lines.extend(visible(note) for note in report.notes)
        lines.append(summary(report))
    elif lines and not lines[-1]:
        lines.pop()  # no blank line after the last finding when nothing follows it
    return "\n".join(lines) + ("\n" if lines else "")


def _where(finding: Finding, palette: Palette) -> str:
    return (f"{palette.paint(safe_path(finding.path), 'path')}"
            f"{palette.paint(f':{finding.line}:{finding.col}:', 'dim')}")


def _concise(finding: Finding, palette: Palette) -> str:
    message, _ = split(finding.code, finding.message)
    return (f"{_where(finding, palette)} {palette.paint(finding.code, finding.severity)} "
            f"{visible(without_excerpts(message))}")


def _full(finding: Finding, palette: Palette, reader: Reader | None) -> list[str]:
    message, advice = split(finding.code, finding.message)
    code = palette.paint(f"{finding.code} {finding.severity}:", finding.severity)
    lines = [f"{_where(finding, palette)} {code} {visible(message)}"]
    source = reader(finding.path) if reader is not None else None
    if source is not None and 1 <= finding.line <= len(source):
        lines.extend(_excerpt(source[finding.line - 1], finding, palette))
    for related in finding.related:
        lines.append(f"    {palette.paint('=', 'dim')} {visible(related.path)}:{related.line}:"
                     f"{related.col}: {visible(related.message)}")
    if advice is not None:
        lines.append(f"{palette.paint('help:', 'help')} {visible(advice)}")
    lines.append("")  # a blank line between findings
    return lines


def _excerpt(line: str, finding: Finding, palette: Palette) -> list[str]:
    """The claim file's line, and a caret line under the token at the finding's column."""
    start = min(max(finding.col - 1, 0), len(line))
    end = _quoted_end(line, start, finding.message) or _token_end(line, start)
    first, last = _window(line, start)
    shown = line[first:last]
    prefix = ("…" if first else "") + _printable(line[first:start])
    marked = _printable(line[start:min(end, last)]) or " "
    number = str(finding.line)
    gutter = " " * len(number)
    bar = palette.paint("|", "dim")
    text = ("…" if first else "") + _printable(shown) + ("…" if last < len(line) else "")
    carets = palette.paint("^" * max(_width(marked), 1), finding.severity)
    return [
        f"{gutter} {bar}",
        f"{palette.paint(number, 'dim')} {bar} {text}",
        f"{gutter} {bar} {' ' * _width(prefix)}{carets}",
    ]


# A plain scalar ends before a comment, a flow indicator, or the `: ` after a key.
_QUOTED = re.compile(r"“([^”]+)”")


def _quoted_end(line: str, start: int, message: str) -> int | None:
    """The end of the words the message quotes (“about 2.5 times”) when the line has them at
    the column: an article's finding points into prose, where YAML's token ends mean nothing."""
    for match in _QUOTED.finditer(message):
        phrase = match.group(1)
        if line.startswith(phrase, start):
            return start + len(phrase)
    return None


_PLAIN_END = re.compile(r"\s#|,\s|:\s|:$|[,\]}]|\s*$")
_CLOSING = {'"': '"', "'": "'", "{": "}", "[": "]"}


def _token_end(line: str, start: int) -> int:
    """Where the value starting at `start` ends on this line: a quoted scalar at its closing
    quote, a flow mapping or sequence at its bracket, a plain scalar before a comment, a comma
    or the end of the line."""
    opening = line[start:start + 1]
    if line.startswith("- ", start) or line[start:].rstrip() == "-":
        return start + 1  # a sequence entry: the dash
    if opening in _CLOSING:
        closing = _CLOSING[opening]
        i = start + 1
        depth = 1
        while i < len(line):
            c = line[i]
            if opening == '"' and c == "\\":
                i += 2
                continue
            if opening == "'" and c == "'" and line[i + 1:i + 2] == "'":
                i += 2
                continue
            if c == closing:
                depth -= 1
                if depth == 0:
                    return i + 1
            elif c == opening and opening in "{[":
                depth += 1
            i += 1
        return len(line.rstrip())
    match = _PLAIN_END.search(line, start)
    return match.start() if match else len(line)


def _window(line: str, start: int) -> tuple[int, int]:
    """The part of `line` shown: all of it when short, else a window holding the column."""
    if _width(line) <= EXCERPT_WIDTH:
        return 0, len(line)
    first = max(0, start - _LEFT_CONTEXT)
    last = first
    width = 0
    while last < len(line) and width < EXCERPT_WIDTH:
        width += _char_width(line[last])
        last += 1
    return first, last


def _printable(text: str) -> str:
    # Tabs as one space each, so the caret line lines up whatever the terminal's tab stops.
    return visible(text.replace("\t", " "))


def _char_width(c: str) -> int:
    if unicodedata.combining(c):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def _width(text: str) -> int:
    return sum(_char_width(c) for c in text) if not text.isascii() else len(text)


_LINES = re.compile(r"\r\n|\r|\n")


def lines_of(data: bytes) -> list[str]:
    """A claim file's lines as the loader counts them (\\r\\n, \\r or \\n end a line)."""
    return _LINES.split(data.decode("utf-8-sig", "replace"))
