"""Markdown markup blanked in place, in time linear in the text.

`mask_markdown` replaces markup with spaces so that offsets, lines and columns stay those of
the file. Links, images and inline HTML are found by the scanners below rather than by regular
expressions: a pattern such as ``\\[[^\\]\\n]+\\]\\(`` is retried at every ``[`` and each attempt
reads to the end of the line, so a line of 100,000 ``[`` took minutes. The scanners find what
those patterns found (the tests compare them) and read each stretch of text a bounded number of
times: every "where is the next `]`" question is answered once per stretch (`_Next`), since the
answer is the same for every opener before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Patterns that cannot be retried quadratically: anchored at line starts, or with nothing
# repeated that a failed attempt would read again from the next position.
_MD_FENCE = re.compile(r"^(?P<fence>```|~~~)[^\n]*\n.*?(?:^(?P=fence)[^\n]*$|\Z)", re.M | re.S)
_MD_LINE_PREFIX = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)",
                             re.M)
_MD_LINK_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$", re.M)
_MD_EMPHASIS = re.compile(
    r"(?<![\w*_`])(?:\*\*|__|\*|_|~~)(?=\S)|(?<=\S)(?:\*\*|__|\*|_|~~)(?![\w*_`])"
)
_MD_CODE = re.compile(r"`+")
_MD_RULE = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M)

_CLOSE_BRACKET = re.compile(r"[\]\n]")
_CLOSE_PAREN = re.compile(r"[)\n]")
_CLOSE_ANGLE = re.compile(r"[>\n]")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


class _Next:
    """The first index at or after `i` where `pattern` matches in `text` (len(text): none),
    for questions asked in non-decreasing order of `i`. The answer for `i` holds for every
    later question up to it, so each stretch of the text is searched once."""

    __slots__ = ("_found", "_from", "_search", "_size", "_text")

    def __init__(self, pattern: re.Pattern[str] | str, text: str) -> None:
        self._text, self._size = text, len(text)
        self._search = pattern
        self._from, self._found = 1, 0  # nothing asked yet

    def __call__(self, i: int) -> int:
        if self._from <= i <= self._found:
            return self._found
        if isinstance(self._search, str):
            at = self._text.find(self._search, i)
            found = self._size if at < 0 else at
        else:
            match = self._search.search(self._text, i)
            found = self._size if match is None else match.start()
        self._from, self._found = i, found
        return found


def _bracketed(source: str, image: bool = False,
               reference: bool = False) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, label start, label end) of what these patterns find, left to right:
    image ``!\\[[^\\]\\n]*\\]\\([^)\\n]*\\)``, link ``\\[([^\\]\\n]+)\\]\\([^)\\n]*\\)``,
    reference link ``\\[([^\\]\\n]+)\\]\\[[^\\]\\n]*\\]``."""
    size = len(source)
    opener = "![" if image else "["
    label_end = _Next(_CLOSE_BRACKET, source)  # asked at each opener, in order
    second = _Next(_CLOSE_BRACKET if reference else _CLOSE_PAREN, source)
    pos = 0
    while True:
        start = source.find(opener, pos)
        if start < 0:
            return
        label = start + len(opener)
        close = label_end(label)
        # A label stops at the first `]` or line end, whichever opener it started at: an
        # opener that fails here fails for every opener before `close`, and is skipped.
        if close < size and source[close] == "]" and (image or close > label):
            follow = "[" if reference else "("
            if source.startswith(follow, close + 1):
                end = second(close + 2)
                if end < size and source[end] == ("]" if reference else ")"):
                    yield start, end + 1, label, close
                    pos = end + 1
                    continue
        pos = start + 1


def _html(source: str) -> Iterator[tuple[int, int]]:
    """(start, end) of what ``</?[A-Za-z][^>\\n]*>|<!--.*?-->`` (dot matching all) finds."""
    size = len(source)
    tag_end = _Next(_CLOSE_ANGLE, source)
    comment_end = _Next("-->", source)
    pos = 0
    while True:
        start = source.find("<", pos)
        if start < 0:
            return
        name = start + 2 if source.startswith("/", start + 1) else start + 1
        if name < size and source[name] in _LETTERS:
            end = tag_end(name + 1)
            if end < size and source[end] == ">":
                yield start, end + 1
                pos = end + 1
                continue
        if source.startswith("!--", start + 1):
            end = comment_end(start + 4)
            if end < size:
                yield start, end + 3
                pos = end + 3
                continue
        pos = start + 1


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def mask_markdown(source: str) -> str:
    """Markdown with its markup replaced by spaces: same length, same lines, same columns.

    Code blocks, images, link targets, reference definitions, inline HTML and emphasis markers
    go; headings, list items and block quotes keep their text. Good enough for prose: the text
    that remains is what a reader sees, and every figure keeps its place in the file.
    """
    chars = list(source)
    spans: list[tuple[int, int]] = []
    for regex in (_MD_FENCE, _MD_LINK_DEF, _MD_RULE):
        spans.extend(m.span() for m in regex.finditer(source))
    spans.extend((start, end) for start, end, _, _ in _bracketed(source, image=True))
    spans.extend(_html(source))
    for start, end in spans:
        _blank(chars, start, end)
    for reference in (False, True):
        for start, end, label, label_end in _bracketed(source, reference=reference):
            _blank(chars, start, label)
            _blank(chars, label_end, end)
    masked = "".join(chars)
    chars = list(masked)
    for regex in (_MD_LINE_PREFIX, _MD_EMPHASIS, _MD_CODE):
        for m in regex.finditer(masked):
            _blank(chars, m.start(), m.end())
    return "".join(chars)
