"""Registry patterns run by RE2, which takes time linear in the text whatever the pattern.

The `ai-patterns` registry (and a rule pack's, which a pull request may change) holds Python
regular expressions. Python's `re` backtracks: `x[^y]*x[^y]*x[^y]*y` took 40 s on 600
characters, and a structural check of the pattern could not tell every such pattern from a
safe one. RE2 (google-re2) never backtracks; what it cannot run in linear time (lookaround,
backreferences) it refuses to compile, so a pattern is either bounded or a clear error.

A pattern keeps the meaning it has in Python (the tests compare the built-in patterns under
both engines): it is parsed by Python first (syntax errors read as they always did), then
written in RE2's syntax with Python's meanings: `\\w`, `\\d` and `\\s` are the Unicode classes
Python uses; `\\Z`, `\\uXXXX`, `\\N{NAME}`, octal escapes and `{,n}` are spelled RE2's way; and
the letters Python's case-insensitive matching takes for ASCII ones ("ı", "İ", "ſ", the Kelvin
sign) are read as those. A final `(?!…)` or `(?=…)` is checked where
the rest matched (exact when the rest ends only one way from a given start, as in the built-in
pattern that needs it). What remains different: `\\b` and `\\B` are ASCII word boundaries in
RE2 (a boundary between "AI" and "中" in "由AI中", none between "é" and "."), and characters
newer than Python's Unicode tables may count as letters.

google-re2 is imported when the first pattern is compiled, never at startup.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from typing import Any

try:  # The regex parser is private; fall back to the deprecated public alias if it moves.
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11 or a future reshuffle
    import sre_parse as _sre_parse

__all__ = ["MAX_REPEAT", "LinearPattern", "LinearSet", "PatternError", "compile_linear"]

FLAGS = re.IGNORECASE | re.MULTILINE  # how registry patterns are matched
MAX_REPEAT = 1000  # RE2's largest counted repeat
_MAX_MEMORY = 8 << 20  # RE2's budget per pattern for its program and automaton (its default)

# Python's classes for str patterns, in RE2's syntax.
_WORD = r"\p{L}\p{N}_"
_SPACE = (r"\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}"
          r"\x{202f}\x{205f}\x{3000}")
_OUTSIDE = {"w": f"[{_WORD}]", "W": f"[^{_WORD}]", "d": r"\p{Nd}", "D": r"\P{Nd}",
            "s": f"[{_SPACE}]", "S": f"[^{_SPACE}]", "Z": r"\z"}
_INSIDE = {"w": _WORD, "d": r"\p{Nd}", "D": r"\P{Nd}", "s": _SPACE, "b": r"\x08"}
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# Letters Python's case-insensitive matching takes for ASCII ones and RE2's does not all take
# (ı, İ), or takes but not as word characters for \b (ſ, K): RE2 reads the ASCII letter.
_AS_ASCII = {0x131: "i", 0x130: "I", 0x17F: "s", 0x212A: "k"}
_AS_ASCII_FOUND = re.compile("[" + "".join(map(chr, _AS_ASCII)) + "]")
_COUNT = re.compile(r"\{(\d*)(,?)(\d*)\}")  # a counted repeat, as Python reads one


class PatternError(ValueError):
    """A pattern that cannot be used; the message says why."""


def _repeat_too_large(tree: Any) -> int | None:
    """The first counted repeat over MAX_REPEAT in a parsed pattern, or None."""
    for op, arg in tree:
        if str(op) in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, body = arg
            for count in (low, high):
                if count != _sre_parse.MAXREPEAT and count > MAX_REPEAT:
                    return int(count)
            found = _repeat_too_large(body)
        else:
            found = None
            for sub in _subpatterns(arg):
                found = found or _repeat_too_large(sub)
        if found is not None:
            return found
    return None


def _subpatterns(value: Any) -> Iterator[Any]:
    if isinstance(value, _sre_parse.SubPattern):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _subpatterns(item)


def _parse(pattern: str) -> Any:
    """Python's parse of `pattern`, or PatternError with Python's own words."""
    try:
        with warnings.catch_warnings():  # "possible nested set" and the like: not for users
            warnings.simplefilter("ignore")
            return _sre_parse.parse(pattern, FLAGS)
    except re.error as exc:
        raise PatternError(f"pattern does not compile: {exc}") from None
    except (OverflowError, RecursionError, ValueError) as exc:
        raise PatternError(f"pattern does not compile: {exc}") from None


def _codepoint(code: int) -> str:
    return f"\\x{{{code:x}}}"


def _escape(pattern: str, i: int, inside: bool) -> tuple[str, int]:
    """The escape at pattern[i] (a backslash) in RE2's syntax, and where it ends."""
    nxt = pattern[i + 1]
    table = _INSIDE if inside else _OUTSIDE
    if nxt in table:
        return table[nxt], i + 2
    if nxt == "u":
        return _codepoint(int(pattern[i + 2:i + 6], 16)), i + 6
    if nxt == "U":
        return _codepoint(int(pattern[i + 2:i + 10], 16)), i + 10
    if nxt == "N":
        close = pattern.index("}", i)
        return _codepoint(ord(unicodedata.lookup(pattern[i + 3:close]))), close + 1
    if nxt.isdigit():
        digits = pattern[i + 1:i + 4]
        octal = len(digits) - len(digits.lstrip("01234567"))
        if inside or nxt == "0":  # Python's octal escapes: up to three digits
            count = max(1, octal)
        elif octal == 3:  # \123 outside a class: octal too
            count = 3
        else:
            return pattern[i:i + 2], i + 2  # a backreference: RE2 refuses it, with its reason
        return _codepoint(int(pattern[i + 1:i + 1 + count], 8)), i + 1 + count
    if nxt.isascii() and (nxt.isalnum() or nxt in _PUNCTUATION):
        return pattern[i:i + 2], i + 2  # \t \n \x41 \b \A \. … mean the same in RE2
    return _codepoint(ord(nxt)), i + 2  # an escaped space or non-ASCII character: itself


def _class(pattern: str, i: int) -> tuple[str, int]:
    """The character class starting at pattern[i] ("["), in RE2's syntax, and its end."""
    j = i + 1
    negated = pattern.startswith("^", j)
    j += negated
    parts = ["[^" if negated else "["]
    if pattern.startswith("]", j):  # a "]" first is a literal in Python
        parts.append(r"\]")
        j += 1
    while pattern[j] != "]":
        if pattern[j] == "\\":
            if pattern[j + 1] in "WS":
                raise PatternError(f"\\{pattern[j + 1]} inside [...] has no RE2 spelling; "
                                   "write the class as an alternative outside the brackets")
            piece, j = _escape(pattern, j, inside=True)
        else:
            piece = r"\[" if pattern[j] == "[" else pattern[j]
            j += 1
        parts.append(piece)
    parts.append("]")
    return "".join(parts), j + 1


def _group_header(pattern: str, i: int) -> tuple[str, int]:
    """The "(?…" header at pattern[i] as RE2 reads it, and where the group's body begins."""
    if pattern.startswith("(?P<", i):
        close = pattern.index(">", i)
        return pattern[i:close + 1], close + 1
    if pattern.startswith("(?#", i):  # a comment: RE2 has none, and it means nothing
        return "", pattern.index(")", i) + 1
    j = i + 2
    while j < len(pattern) and (pattern[j].isalpha() or pattern[j] == "-"):
        j += 1  # flags, as in (?i) or (?s:…)
    if j < len(pattern) and pattern[j] in ":)":
        return pattern[i:j + 1], j + 1
    return pattern[i:i + 2], i + 2  # (?= (?! (?<= (?<! (?P= (?( …: RE2 decides


def _translate(pattern: str) -> str:
    out: list[str] = []
    i, size = 0, len(pattern)
    while i < size:
        ch = pattern[i]
        if ch == "\\":
            piece, i = _escape(pattern, i, inside=False)
        elif ch == "[":
            piece, i = _class(pattern, i)
        elif pattern.startswith("(?", i):
            piece, i = _group_header(pattern, i)
        elif ch == "{":
            count = _COUNT.match(pattern, i)
            if count is None or not any(count.groups()):  # a literal brace, as in Python
                piece, i = r"\{", i + 1
            else:  # RE2 reads no {,n}: Python's minimum of none is 0
                low, comma, high = count.groups()
                piece, i = f"{{{low or (0 if comma else '')}{comma}{high}}}", count.end()
        else:
            piece, i = ch, i + 1
        out.append(piece)
    return "".join(out)


def _top_level(pattern: str) -> tuple[bool, int]:
    """Whether `pattern` is an alternation at its top level, and where its last top-level group
    opens (-1 if none). Read from the text: the parser folds a non-capturing group's
    alternatives into its parent ("a(?:b|c)" parses as a sequence holding a branch), so the
    tree cannot tell "a(?:b|c)" from "ab|c"."""
    depth, last, bar, i = 0, -1, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class(pattern, i)[1]
            continue
        if ch == "(":
            if depth == 0:
                last = i
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            bar = True
        i += 1
    return bar, last


def _trailing_lookahead(pattern: str, tree: Any) -> tuple[str, str, bool] | None:
    """(rest, lookahead body, negative) when the pattern ends with a lookahead at its top level
    and has no top-level alternation; else None."""
    if not tree.data:
        return None
    op, arg = tree.data[-1]
    if str(op) not in ("ASSERT", "ASSERT_NOT") or arg[0] != 1:
        return None
    bar, start = _top_level(pattern)  # the top-level group that ends last: the lookahead
    if bar:
        return None
    if pattern[start:start + 3] not in ("(?=", "(?!") or not pattern.endswith(")"):
        return None  # a comment after it, say: RE2 refuses the lookahead, with its reason
    return pattern[:start], pattern[start + 3:-1], str(op) == "ASSERT_NOT"


def _readable(text: str) -> tuple[bytes, bool]:
    """`text` as RE2 reads it (UTF-8, the letters in `_AS_ASCII` read as ASCII, one character
    for one so offsets stay), and whether it is ASCII (byte offsets are character offsets)."""
    read = text
    if not text.isascii() and _AS_ASCII_FOUND.search(text) is not None:
        read = text.translate(_AS_ASCII)
    data = read.encode("utf-8")
    return data, len(data) == len(text)


class LinearPattern:
    """A registry pattern compiled for RE2: `search` and `finditer` as `re` has them for the
    registry's flags, in time linear in the text."""

    __slots__ = ("_ahead", "_find", "_main", "_negative", "pattern")

    def __init__(self, pattern: str, main: Any, ahead: Any, negative: bool) -> None:
        self.pattern, self._main, self._ahead, self._negative = pattern, main, ahead, negative
        self._find = _span_finder(main)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, matched text) of each match, left to right, as `re.finditer`."""
        data, plain = _readable(text)
        size = len(data)
        last_byte = last_char = 0  # offsets are converted walking forward only

        def chars(offset: int) -> int:
            nonlocal last_byte, last_char
            last_char += len(data[last_byte:offset].decode("utf-8"))
            last_byte = offset
            return last_char

        find = self._find
        pos = 0
        while pos <= size:
            found = find(data, pos)
            if found is None:
                return
            start, end = found
            if self._ahead is not None and (
                    (self._ahead.match(data, end) is not None) == self._negative):
                pos = _next_char(data, start)
                continue
            if plain:
                yield start, end, text[start:end]
            else:
                first = chars(start)
                last = chars(end)
                yield first, last, text[first:last]
            pos = end if end > start else _next_char(data, end)

    def search(self, text: str) -> tuple[int, int, str] | None:
        return next(self.finditer(text), None)


def _span_finder(compiled: Any) -> Callable[[bytes, int], tuple[int, int] | None]:
    """A function giving the span of the first match of `compiled` in data[pos:], or None.

    Sentences are short and the grammar searches each of them many times, so the wrapper's
    cost per search (a generator and a match object) is much of the whole: the finder calls
    google-re2's compiled program directly when that version of the module has the one it
    had when written (`_regexp.Match(anchor, data, pos, endpos)`), and its public `search`
    otherwise. Both give the same spans."""
    import re2  # type: ignore[import-untyped]

    raw = getattr(getattr(compiled, "_regexp", None), "Match", None)
    anchor = getattr(getattr(re2, "_Anchor", None), "UNANCHORED", None)
    if raw is not None and anchor is not None:
        def first(data: bytes, pos: int) -> tuple[int, int] | None:
            span = raw(anchor, data, pos, len(data))[0]
            return None if span[0] < 0 else span

        try:
            probe = compiled.search(b"", 0)
            if first(b"", 0) == (None if probe is None else probe.span()):
                return first
        except Exception:  # another version's internals: use its public API
            pass

    def public(data: bytes, pos: int) -> tuple[int, int] | None:
        found = compiled.search(data, pos)
        return None if found is None else found.span()

    return public


def _next_char(data: bytes, pos: int) -> int:
    """The offset of the UTF-8 character after the one at `pos`."""
    pos += 1
    while pos < len(data) and 0x80 <= data[pos] < 0xC0:
        pos += 1
    return pos


def compile_linear(pattern: str) -> LinearPattern:
    """`pattern` (a Python regular expression, matched with FLAGS) compiled for RE2, or
    PatternError saying why it cannot be."""
    tree = _parse(pattern)
    too_large = _repeat_too_large(tree)
    if too_large is not None:
        raise PatternError(f"pattern rejected: repeat count {too_large:,} is over "
                           f"{MAX_REPEAT:,}, the most RE2 runs in bounded memory")
    split = _trailing_lookahead(pattern, tree)
    main, ahead, negative = (pattern, None, False) if split is None else split
    import re2  # google-re2: only when a pattern is compiled

    options = _options()
    try:
        compiled = re2.compile("(?m)" + _translate(main), options)
        lookahead = None if ahead is None else re2.compile("(?m)" + _translate(ahead), options)
    except (re2.error, PatternError) as exc:
        why = exc.args[0].decode() if isinstance(exc.args[0], bytes) else str(exc.args[0])
        raise PatternError(
            f"pattern rejected: RE2 cannot run it in linear time ({why}); lookaround but one "
            "final (?!…) or (?=…), backreferences and conditionals need backtracking, which "
            "can take exponential time") from None
    return LinearPattern(pattern, compiled, lookahead, negative)


def _options() -> Any:
    import re2

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = _MAX_MEMORY
    return options


def _main_source(pattern: str) -> str:
    """What `compile_linear(pattern)` hands RE2 for the part of `pattern` before a final
    lookahead (all of it when there is none)."""
    tree = _parse(pattern)
    split = _trailing_lookahead(pattern, tree)
    return "(?m)" + _translate(pattern if split is None else split[0])


class LinearSet:
    """Which of several patterns match somewhere in a text, found in one pass (RE2's Set)
    instead of one search per pattern: a long text that most patterns do not match is read
    once, not once per pattern.

    `possible` is a filter, never the judge: an index it leaves out is a pattern that matches
    nothing in the text (its part before a final lookahead matches nowhere); one it keeps is
    then searched as usual. RE2's set search can give up when its automaton runs out of memory
    and then reports no match at all; a pattern every text matches (`\\z`) is added last, so a
    search that gave up says so (None) instead of passing for "no pattern matches"."""

    __slots__ = ("_set", "_size")

    def __init__(self, patterns: list[str]) -> None:
        """PatternError if a pattern cannot be compiled, or the set is too large for RE2."""
        import re2

        self._size = len(patterns)
        self._set = re2.Set.SearchSet(_options())
        try:
            for pattern in patterns:
                self._set.Add(_main_source(pattern))
            self._set.Add(r"\z")  # matches every text: missing only when the search gave up
            self._set.Compile()
        except re2.error as exc:
            raise PatternError(f"pattern set rejected: {exc}") from None

    def possible(self, text: str) -> frozenset[int] | None:
        """The indices of the patterns that may match `text`, or None when RE2 gave up."""
        found = self._set.Match(_readable(text)[0]) or ()
        if self._size not in found:
            return None
        return frozenset(found) - {self._size}
