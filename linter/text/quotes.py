"""Quote normalisation, quote alignment and quotation-span detection.

A claim's evidence quote must appear verbatim in its source. "Verbatim" has to survive the
typographic noise between a web page and a YAML file: curly versus straight quotation marks,
en/em dashes versus hyphens, non-breaking spaces, line wrapping and compatibility characters
(ligatures, full-width digits). `normalise` removes exactly that noise and nothing else, so an
exact match after normalisation is still an exact match for a human reader.

When the exact match fails, `find_quote` aligns the quote against the source with rapidfuzz's
`partial_ratio_alignment` and reports the score and the closest passage of the *original* text,
so an editor sees what the source actually says next to what the claim file says.

A snapshot may be 5 MB, and every search must stay bounded. `Haystack` normalises a text once,
in time linear in its size (most of it in C), for all the quotes searched in it. An exact match
is one `str.find`. The fuzzy alignment, whose cost grows with the text's length times the
quote's squared, runs over the whole text only when that is cheap (as for every snapshot of a
news article), else over a few windows where the quote's longest words occur. Quotes longer
than `MAX_FUZZY_QUOTE` are compared verbatim only, and a `SearchBudget` of estimated work caps
what the quotes of one claim file may cost; a search cut short says so (`QuoteMatch.limit`),
for the rule to report rather than pass.

`quoted_spans` finds the stretches of text inside quotation marks. The provenance and
attribution modules use it: words inside quotation marks are someone's reported speech, not the
author's own voice.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from typing import Any, NamedTuple

__all__ = ["MAX_FUZZY_QUOTE", "Haystack", "QuoteMatch", "SearchBudget", "find_quote",
           "normalise", "quoted_spans"]

MAX_FUZZY_QUOTE = 1_000  # normalised characters; a longer quote is compared verbatim only

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
    """Normalise `text`; return it with, per output character, its original start and end.

    The definition, cluster by cluster, in Python: `_normalise_fast` computes the same in
    linear time with most of the work in C (the tests hold the two equal)."""
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


def _classify(ch: str, normal: str | None = None) -> tuple[str, str]:
    """How `_normalise_fast` sees a character, as the cluster it is alone, and what it becomes:
    "p" one character that is not white space ("’" becomes "'"); "w" white space (" "); "x"
    characters none of which is white space ("…" becomes "..."); "c" a combining mark; "s"
    anything else (a piece holding white space and more). `normal`: its NFKC, if known."""
    piece = unicodedata.normalize("NFKC", ch) if normal is None else normal
    if piece == ch and ch not in _FOLD:  # by far the most common: nothing changes
        if unicodedata.combining(ch):
            return "c", piece
        return ("w", " ") if ch.isspace() else ("p", ch)
    piece = "".join(_FOLD.get(c, c) for c in piece)
    if unicodedata.combining(ch):
        return "c", piece
    if len(piece) == 1:
        return ("w", " ") if piece.isspace() else ("p", piece)
    if piece and not any(c.isspace() for c in piece) and len(piece) < 64:
        return "x", piece
    return "s", piece


_ASCII = {code: _classify(chr(code)) for code in range(128)}
_ASCII_BYTES = bytes(32 if code < 128 and _ASCII[code][0] == "w" else code
                     for code in range(256))
_SPACES = re.compile(r"  +")
_WHITE_RE = re.compile(r"\s")  # str.isspace(), as `re` has it for str patterns
_BLOCK = 4096  # input characters per step when a stretch's offsets are looked up
# Clusters a snapshot may hold that the definition must normalise one by one (about a
# microsecond each): more than a 5 MB text of prose has, a second of work.
MAX_CLUSTERS = 500_000


class TooIrregular(ValueError):
    """A text with more than MAX_CLUSTERS clusters to normalise one by one."""


class _Tables(NamedTuple):
    translation: dict[int, str]  # what a character of a stretch becomes, when not itself
    white: str  # the white-space characters present
    expansions: dict[str, int]  # characters that give more than one, and how many
    # The characters that start or are part of clusters that follow the definition: combining
    # marks (`marked` matches a run of them, `marks` holds them) and awkward pieces.
    special: re.Pattern[str] | None
    marked: re.Pattern[str] | None
    marks: frozenset[str]


_FEW = 32  # translated with one `str.replace` each, when no more: a `str.translate` with a
# dict costs about 90 ns a character, a replace of a character that is rare next to nothing


def _tables(text: str) -> _Tables:
    translation: dict[int, str] = {}
    white: list[str] = []
    marks: list[str] = []
    others: list[str] = []
    expansions: dict[str, int] = {}
    present = set(text)
    wide = [ch for ch in present if ch > "\x7f"]
    # Most characters stay themselves. Those that may not are found in C, a million distinct
    # characters in a fraction of a second: those NFKC changes (normalised in one call: NUL
    # between them composes with nothing and reorders nothing), combining marks, white space,
    # the typographic characters folded.
    joined = "\0".join(wide)
    normal = unicodedata.normalize("NFKC", joined).split("\0") if wide else []
    odd = {ch: piece for ch, piece in zip(wide, normal, strict=True) if piece != ch}
    for ch, mark in zip(wide, map(unicodedata.combining, wide), strict=True):
        if mark:
            odd.setdefault(ch, ch)
    for ch in (*_WHITE_RE.findall(joined), *(present & _FOLD.keys())):
        odd.setdefault(ch, ch)
    for ch in (*(present - set(wide)), *odd):
        code = ord(ch)
        category, piece = _ASCII[code] if code < 128 else _classify(ch, odd[ch])
        if category == "p":
            if piece != ch:
                translation[code] = piece
        elif category == "w":
            white.append(ch)
            if ch != " ":
                translation[code] = " "
        elif category == "x":
            translation[code] = piece
            expansions[ch] = len(piece)
        elif category == "c":
            marks.append(ch)
        else:
            others.append(ch)
    special = marked = None
    if marks or others:
        special = re.compile(f"[{''.join(map(re.escape, sorted(marks + others)))}]")
    if marks:
        marked = re.compile(f"[{''.join(map(re.escape, sorted(marks)))}]*")
    return _Tables(translation, "".join(sorted(white)), expansions, special, marked,
                   frozenset(marks))


def _translate(body: str, tables: _Tables) -> str:
    """`body` (characters of a stretch) translated, white space collapsed."""
    if body.isascii():
        written = body.encode("ascii").translate(_ASCII_BYTES).decode("ascii")
    elif len(tables.translation) <= _FEW:
        # One after the other is safe: no piece holds a character that is translated.
        written = body
        for code, piece in tables.translation.items():
            written = written.replace(chr(code), piece)
    else:
        written = body.translate(tables.translation)
    return _SPACES.sub(" ", written)


def _normalise_fast(text: str, limit: int | None = None) -> tuple[str, list[int], list[Any]]:
    """The normalised text of `_normalise_with_map`, in time linear in `text`, with the way
    back to offsets as segments (see `Haystack`): the start of each segment in the output, and
    per segment either ("t", first, last, tables): the stretch text[first:last], where every
    character is a cluster alone, translated; or ("d", starts, ends): characters written by
    the definition, cluster by cluster, with their offsets.

    Most characters normalise alone to characters that are not white space, and white space
    collapses by runs: stretches of those are translated and collapsed in C. The clusters
    that remain (a combining mark with its base, a piece holding white space) follow the
    definition one by one, sharing its state (a space pending) with the stretches; more than
    `limit` of them raise TooIrregular."""
    tables = _tables(text)
    out: list[str] = []
    at: list[int] = []  # where each segment starts in the output
    segments: list[Any] = []
    size = 0  # characters in `out`
    pending: tuple[int, int] | None = None  # a space to write before the next character
    pieces: dict[str, str] = {}  # clusters already normalised

    def write(ch: str, start: int, end: int) -> None:
        nonlocal size
        if segments and segments[-1][0] == "d" and at[-1] + len(segments[-1][1]) == size:
            segment = segments[-1]
        else:
            segment = ("d", [], [])
            at.append(size)
            segments.append(segment)
        out.append(ch)
        segment[1].append(start)
        segment[2].append(end)
        size += 1

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            write(" ", *pending)
            pending = None

    def cluster(start: int, end: int) -> None:
        # One cluster by the definition (`_normalise_with_map`).
        nonlocal pending
        text_ = text[start:end]
        piece = pieces.get(text_)
        if piece is None:
            piece = pieces[text_] = "".join(
                _FOLD.get(ch, ch) for ch in unicodedata.normalize("NFKC", text_))
        for ch in piece:
            if ch.isspace():
                if size and pending is None:
                    pending = (start, end)
                continue
            flush()
            write(ch, start, end)

    def stretch(first: int, last: int) -> None:
        # A run of white space at either end meets the state around it; runs inside collapse
        # to their first character, which becomes a space.
        nonlocal size, pending
        body = text[first:last]
        lead = len(body) - len(body.lstrip(tables.white))
        if lead == len(body):
            if size and pending is None:
                pending = (first, first + 1)
            return
        trail = len(body) - len(body.rstrip(tables.white))
        if lead and size and pending is None:
            pending = (first, first + 1)
        flush()
        first, last = first + lead, last - trail
        written = _translate(body[lead:len(body) - trail], tables)
        at.append(size)
        segments.append(("t", first, last, tables))
        out.append(written)
        size += len(written)
        if trail:
            pending = (last, last + 1)

    pos = 0
    found = 0
    search = tables.special.search if tables.special is not None else None
    while search is not None and (m := search(text, pos)) is not None:
        found += 1
        if limit is not None and found > limit:
            raise TooIrregular(f"more than {limit:,} characters that do not normalise one "
                               "for one (combining marks, compatibility characters)")
        # A cluster is a character and the combining marks after it: a mark found belongs to
        # the character before it (which a cluster before never took: it took every mark).
        first = m.start()
        if first > pos and text[first] in tables.marks:
            first -= 1
        last = m.start() + 1
        marks = tables.marked.match(text, last) if tables.marked is not None else None
        if marks is not None:  # (a run of none matches too)
            last = marks.end()
        if first > pos:
            stretch(pos, first)
        cluster(first, last)
        pos = last
    if pos < len(text):
        stretch(pos, len(text))
    return "".join(out), at, segments


class Haystack:
    """A text prepared for quote search: normalised once, with the way back from each
    normalised character to where it came from (`start`, `end`). Build one per snapshot and
    search it for every quote; the offsets of a stretch are worked out only when asked for."""

    __slots__ = ("_at", "_counted", "_segments", "normal", "refused", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.refused = ""  # why the text cannot be searched (then `normal` is empty)
        try:
            self.normal, self._at, self._segments = _normalise_fast(text, MAX_CLUSTERS)
        except TooIrregular as exc:
            self.normal, self._at, self._segments, self.refused = "", [], [], str(exc)
        self._counted: dict[int, list[int]] = {}  # per stretch: output before each block

    def _where(self, index: int) -> tuple[int, int]:
        """(start, end) in `text` of the normalised character at `index`."""
        number = bisect.bisect_right(self._at, index) - 1
        segment, offset = self._segments[number], index - self._at[number]
        if segment[0] == "d":
            return segment[1][offset], segment[2][offset]
        _, first, last, tables = segment
        before = self._counted.get(number)
        if before is None:
            before = self._counted[number] = self._blocks(first, last, tables)
        block = bisect.bisect_right(before, offset) - 1
        left = offset - before[block]
        # Within the block, character by character: white space gives 1 where a run starts.
        text, white, expansions = self.text, tables.white, tables.expansions
        for i in range(first + block * _BLOCK, last):
            ch = text[i]
            if ch in white:
                left -= text[i - 1] not in white
            else:
                left -= expansions.get(ch, 1)
            if left < 0:
                return i, i + 1
        raise IndexError(index)  # pragma: no cover - every output character has an input

    def _blocks(self, first: int, last: int, tables: _Tables) -> list[int]:
        """How many normalised characters the blocks of the stretch text[first:last] give
        before each block: each block translated as the stretch was, in C, less one where a run
        of white space began in the block before."""
        text, white = self.text, tables.white
        before, total = [], 0
        for start in range(first, last, _BLOCK):
            before.append(total)
            part = text[start:min(start + _BLOCK, last)]
            total += len(_translate(part, tables))
            total -= start > first and part[0] in white and text[start - 1] in white
        return before

    def start(self, index: int) -> int:
        return self._where(index)[0]

    def end(self, index: int) -> int:
        return self._where(index)[1]


def normalise(text: str) -> str:
    """Fold typographic variants so that equal wording compares equal.

    NFKC; curly, angle and low quotation marks to ASCII quotes; hyphen-like dashes to "-";
    every run of whitespace (including line breaks and non-breaking spaces) to one space;
    leading and trailing whitespace removed. Case is kept: quotes must be exact.
    """
    return _normalise_fast(text)[0]


class SearchBudget:
    """Work that searches may still spend, in estimated nanoseconds: estimated from sizes and
    never timed, so that the same files give the same findings on every machine."""

    __slots__ = ("left",)

    def __init__(self, nanoseconds: float) -> None:
        self.left = nanoseconds

    def spend(self, nanoseconds: float) -> bool:
        """Take `nanoseconds` if that many are left; else take nothing and say False."""
        if nanoseconds > self.left:
            return False
        self.left -= nanoseconds
        return True


# Estimated costs, measured with rapidfuzz 3 and CPython 3.11 on a 2-core machine: a
# `str.find` reads about 4 characters a nanosecond; `partial_ratio_alignment` of a quote of Q
# characters over W costs about Q * W * (0.5 + Q / 1000) + Q**3 / 20 ns (the last term is why
# a long quote is expensive even in a short window: 0.4 s for 2,000 characters in 6,000).
def _find_cost(size: int) -> float:
    return size / 4


def _fuzzy_cost(quote: int, window: int) -> float:
    return quote * window * (0.5 + quote / 1000) + quote**3 / 20


FULL_FUZZY_NS = 50e6  # a whole-text alignment cheaper than this is done as it always was
_WINDOWS = 3  # windows aligned when the whole text is too large
_ANCHORS = 8  # pieces of the quote looked for
_OCCURRENCES = 64  # occurrences of each looked at


class QuoteMatch(NamedTuple):
    """Where a quote was found in a source text, and how well it matched.

    `score` is 0-100 (100 for an exact match after normalisation). `snippet` is the best
    matching passage of the original haystack, widened to whole words (empty when the haystack
    or quote is empty); `start`/`end` are its offsets in the original haystack.
    `numbers_differ` is True when a fuzzy match's figures differ from the quote's; such a match
    is never `found`, whatever its score. `limit` says why a search stopped short of a fuzzy
    comparison: "too-long" (the quote has more than `MAX_FUZZY_QUOTE` characters and is not in
    the text verbatim), "budget" (the `SearchBudget` ran out) or "irregular" (the text cannot
    be normalised in bounded time: `Haystack.refused`); "" when it did not.
    """

    found: bool
    score: float
    snippet: str
    start: int | None = None
    end: int | None = None
    exact: bool = False
    numbers_differ: bool = False
    limit: str = ""


def find_quote(quote: str, haystack: str | Haystack, threshold: float,
               budget: SearchBudget | None = None) -> QuoteMatch:
    """Look for `quote` in `haystack`: exact after normalisation first, then fuzzy alignment.

    `threshold` (0-100) is the fuzzy score at or above which the quote counts as found,
    provided the figures (digit sequences) of quote and passage are the same. The best
    alignment is always returned, even below the threshold, so a report can show the nearest
    passage next to the claimed quote. `budget`, when given, is spent on the search.
    """
    if not 0 <= threshold <= 100:
        raise ValueError(f"threshold must be between 0 and 100, not {threshold!r}")
    hay = haystack if isinstance(haystack, Haystack) else Haystack(haystack)
    needle = normalise(quote)
    if hay.refused and needle:
        return QuoteMatch(found=False, score=0.0, snippet="", limit="irregular")
    if not needle or not hay.normal:
        return QuoteMatch(found=False, score=0.0, snippet="")
    if budget is not None and not budget.spend(_find_cost(len(hay.normal))):
        return QuoteMatch(found=False, score=0.0, snippet="", limit="budget")

    at = hay.normal.find(needle)
    if at >= 0:
        o_start, o_end = hay.start(at), hay.end(at + len(needle) - 1)
        return QuoteMatch(True, 100.0, hay.text[o_start:o_end], o_start, o_end, exact=True)
    if len(needle) > MAX_FUZZY_QUOTE:
        return QuoteMatch(found=False, score=0.0, snippet="", limit="too-long")

    windows = _windows(needle, hay.normal, budget)
    if windows is None:
        return QuoteMatch(found=False, score=0.0, snippet="", limit="budget")
    # Imported here: rapidfuzz is only needed when a quote is not found verbatim, and most
    # runs never get this far.
    from rapidfuzz import fuzz

    best = None
    for first, last in windows:
        alignment = fuzz.partial_ratio_alignment(needle, hay.normal[first:last])
        if alignment is not None and (best is None or alignment.score > best[0].score):
            best = (alignment, first)
    if best is None or best[0].dest_end <= best[0].dest_start:
        return QuoteMatch(found=False, score=0.0, snippet="")
    alignment, offset = best
    return _fuzzy_match(needle, hay, alignment.dest_start + offset,
                        alignment.dest_end + offset, float(alignment.score), threshold)


def _windows(needle: str, normal: str,
             budget: SearchBudget | None) -> list[tuple[int, int]] | None:
    """Stretches of `normal` to align `needle` with: all of it when that is cheap; else up to
    `_WINDOWS` stretches about three quotes long where most of the quote's anchors (three
    words in a row, spread over the quote) occur at the place they have in the quote. None
    when the budget runs out."""
    size = len(needle)
    whole = _fuzzy_cost(size, len(normal))
    if whole <= FULL_FUZZY_NS:
        return [(0, len(normal))] if budget is None or budget.spend(whole) else None
    anchors = _anchors(needle)
    if budget is not None and not budget.spend(_find_cost(len(normal)) * len(anchors)):
        return None
    bucket = max(size // 2, 16)
    votes: Counter[int] = Counter()
    for anchor, offset in anchors:
        seen: set[int] = set()
        at = normal.find(anchor)
        for _ in range(_OCCURRENCES):
            if at < 0:
                break
            seen.add(max(0, at - offset) // bucket)
            at = normal.find(anchor, at + 1)
        votes.update(seen)  # an anchor counts once per place
    places = sorted(votes.items(), key=lambda item: (-item[1], item[0]))[:_WINDOWS]
    windows = [(max(0, place * bucket - size), min(len(normal), place * bucket + 2 * size))
               for place, _ in sorted(places)]
    cost = sum(_fuzzy_cost(size, last - first) for first, last in windows)
    if budget is not None and not budget.spend(cost):
        return None
    return windows


def _anchors(needle: str) -> list[tuple[str, int]]:
    """Up to `_ANCHORS` pieces of `needle`, each three words in a row (as the quote writes
    them), spread over it, with their offsets; the words alone in a quote of fewer."""
    words = list(_WORD_RE.finditer(needle))
    if len(words) < 3:
        return [(m.group(), m.start()) for m in words]
    grams = [(needle[words[i].start():words[i + 2].end()], words[i].start())
             for i in range(len(words) - 2)]
    if len(grams) <= _ANCHORS:
        return grams
    step = (len(grams) - 1) / (_ANCHORS - 1)
    return [grams[round(k * step)] for k in range(_ANCHORS)]


def _fuzzy_match(needle: str, hay: Haystack, dest_start: int, dest_end: int, score: float,
                 threshold: float) -> QuoteMatch:
    haystack = hay.text
    o_start, o_end = hay.start(dest_start), hay.end(dest_end - 1)
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
    score = round(score, 2)
    # A near-verbatim quote with a different figure ("85%" for "82%") scores high but is a
    # misquote of exactly the kind a fact-checker exists to catch: never call it found.
    numbers_differ = _numbers(needle) != _numbers(normalise(snippet))
    found = score >= threshold and not numbers_differ
    return QuoteMatch(found, score, snippet, o_start, o_end, numbers_differ=numbers_differ)


_WORD_RE = re.compile(r"\w+")
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
