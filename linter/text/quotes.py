"""Quote normalisation, quote alignment and quotation-span detection.

A claim's evidence quote must appear verbatim in its source. "Verbatim" has to survive the
typographic noise between a web page and a YAML file: curly versus straight quotation marks,
en/em dashes versus hyphens, non-breaking spaces, line wrapping and compatibility characters
(ligatures, full-width digits). `normalise` removes exactly that noise and nothing else, so an
exact match after normalisation is still an exact match for a human reader.

When the exact match fails, `find_quote` aligns the quote against the source with rapidfuzz's
`partial_ratio_alignment` and reports the score and the closest passage of the *original* text,
so an editor sees what the source actually says next to what the claim file says.

`quoted_spans` finds the stretches of text inside quotation marks. The provenance and
attribution modules use it: words inside quotation marks are someone's reported speech, not the
author's own voice.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

__all__ = ["QuoteMatch", "find_quote", "normalise", "quoted_spans"]

# Typographic characters folded to ASCII. NFKC alone leaves these untouched: they are distinct
# characters, not compatibility variants.
_FOLD = {
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark / apostrophe
    "\u201a": "'",  # single low-9 quotation mark
    "\u201b": "'",  # single high-reversed-9 quotation mark
    "\u2032": "'",  # prime
    "\u201c": '"',  # left double quotation mark
    "\u201d": '"',  # right double quotation mark
    "\u201e": '"',  # double low-9 quotation mark
    "\u201f": '"',  # double high-reversed-9 quotation mark
    "\u2033": '"',  # double prime
    "\u00ab": '"',  # left-pointing double angle quotation mark
    "\u00bb": '"',  # right-pointing double angle quotation mark
    "\u2039": "'",  # single left-pointing angle quotation mark
    "\u203a": "'",  # single right-pointing angle quotation mark
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2015": "-",  # horizontal bar
    "\u2212": "-",  # minus sign
}


def _clusters(text: str) -> list[tuple[int, int]]:
    """Split `text` into (start, end) clusters: a base character plus its combining marks.

    NFKC composes "e" + U+0301 into "é"; normalising cluster by cluster keeps that composition
    while still letting us map every output character back to the original text.
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        spans.append((i, j))
        i = j
    return spans


def _normalise_with_map(text: str) -> tuple[str, list[int], list[int]]:
    """Normalise `text`; return it with, per output character, its original start and end."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pending_space: tuple[int, int] | None = None
    for start, end in _clusters(text):
        piece = unicodedata.normalize("NFKC", text[start:end])
        piece = "".join(_FOLD.get(ch, ch) for ch in piece)
        for ch in piece:
            if ch.isspace():
                # Collapse runs of whitespace into one space, mapped to the first of the run;
                # leading whitespace is dropped and trailing whitespace never flushed.
                if out and pending_space is None:
                    pending_space = (start, end)
                continue
            if pending_space is not None:
                out.append(" ")
                starts.append(pending_space[0])
                ends.append(pending_space[1])
                pending_space = None
            out.append(ch)
            starts.append(start)
            ends.append(end)
    return "".join(out), starts, ends


def normalise(text: str) -> str:
    """Fold typographic variants so that equal wording compares equal.

    NFKC; curly, angle and low quotation marks to ASCII quotes; hyphen-like dashes to "-";
    every run of whitespace (including line breaks and non-breaking spaces) to one space;
    leading and trailing whitespace removed. Case is kept: quotes must be exact.
    """
    return _normalise_with_map(text)[0]


class QuoteMatch(NamedTuple):
    """Where a quote was found in a source text, and how well it matched.

    `score` is 0-100 (100 for an exact match after normalisation). `snippet` is the best
    matching passage of the original haystack, widened to whole words (empty when the haystack
    or quote is empty); `start`/`end` are its offsets in the original haystack.
    `numbers_differ` is True when a fuzzy match's figures differ from the quote's; such a match
    is never `found`, whatever its score.
    """

    found: bool
    score: float
    snippet: str
    start: int | None = None
    end: int | None = None
    exact: bool = False
    numbers_differ: bool = False


def find_quote(quote: str, haystack: str, threshold: float) -> QuoteMatch:
    """Look for `quote` in `haystack`: exact after normalisation first, then fuzzy alignment.

    `threshold` (0-100) is the fuzzy score at or above which the quote counts as found,
    provided the figures (digit sequences) of quote and passage are the same. The best
    alignment is always returned, even below the threshold, so a report can show the nearest
    passage next to the claimed quote.
    """
    if not 0 <= threshold <= 100:
        raise ValueError(f"threshold must be between 0 and 100, not {threshold!r}")
    needle = normalise(quote)
    hay, starts, ends = _normalise_with_map(haystack)
    if not needle or not hay:
        return QuoteMatch(found=False, score=0.0, snippet="")

    at = hay.find(needle)
    if at >= 0:
        o_start, o_end = starts[at], ends[at + len(needle) - 1]
        return QuoteMatch(True, 100.0, haystack[o_start:o_end], o_start, o_end, exact=True)

    # Imported here: rapidfuzz is only needed when a quote is not found verbatim, and most
    # runs never get this far.
    from rapidfuzz import fuzz

    alignment = fuzz.partial_ratio_alignment(needle, hay)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return QuoteMatch(found=False, score=0.0, snippet="")
    o_start, o_end = starts[alignment.dest_start], ends[alignment.dest_end - 1]
    # The alignment may cut a word (or a number) in half; widen it to whole words so the
    # snippet reads naturally and its figures can be compared with the quote's.
    while o_start > 0 and haystack[o_start - 1].isalnum() and haystack[o_start].isalnum():
        o_start -= 1
    while o_end < len(haystack) and haystack[o_end].isalnum() and haystack[o_end - 1].isalnum():
        o_end += 1
    while o_start < o_end and haystack[o_start].isspace():
        o_start += 1
    while o_end > o_start and haystack[o_end - 1].isspace():
        o_end -= 1
    snippet = haystack[o_start:o_end]
    score = round(float(alignment.score), 2)
    # A near-verbatim quote with a different figure ("85%" for "82%") scores high but is a
    # misquote of exactly the kind a fact-checker exists to catch: never call it found.
    numbers_differ = _numbers(needle) != _numbers(normalise(snippet))
    found = score >= threshold and not numbers_differ
    return QuoteMatch(found, score, snippet, o_start, o_end, numbers_differ=numbers_differ)


_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


def _numbers(text: str) -> list[str]:
    return _NUMBER_RE.findall(text)


# Paired quotation marks: opening character -> closing character.
_PAIRS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d"}
# Real-world text mixes curly and straight double quotes (the WSJ seed opens with “ and closes
# with "), so any double closing mark ends any double-quoted span.
_DOUBLE = {'"', "\u201d"}
_MARKS_RE = re.compile("[\n\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019]")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of text enclosed in quotation marks, marks included.

    Handles "straight", “curly”, «angle» and ‘single’ quotes. A quote never runs past the end
    of its line: an unbalanced mark must not swallow the rest of a document. A single quote
    opens only before a letter and after a non-letter, and closes only when not followed by a
    letter, so apostrophes (can't, China's, students') do not open or close quotes. A straight
    double quote right after "=" is an attribute value (href="…"), not reported speech.
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    open_at: int | None = None
    closer = ""
    in_attribute = False
    # Only quotation marks and line breaks change state: visit just those positions.
    for m in _MARKS_RE.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n":
            if open_at is not None:
                spans.append((open_at, i))
            open_at = None
            in_attribute = False
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if in_attribute:
            in_attribute = ch != '"'
            continue
        if open_at is None:
            if ch in _PAIRS:
                open_at, closer = i, _PAIRS[ch]
            elif ch == '"' and prev == "=":
                in_attribute = True
            elif ch == '"':
                open_at, closer = i, '"'
            elif ch in "\u2018'" and not prev.isalnum() and nxt.isalnum():
                open_at, closer = i, "\u2019" if ch == "\u2018" else "'"
        elif ch == closer or (closer in _DOUBLE and ch in _DOUBLE):
            if closer in "\u2019'" and nxt.isalpha():
                continue  # an apostrophe inside the quoted words
            spans.append((open_at, i + 1))
            open_at = None
    if open_at is not None:
        spans.append((open_at, n))
    return spans
