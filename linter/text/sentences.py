"""Sentence splitting for quotes and articles: good enough for news prose, standard library only.

A sentence ends at . ! or ? (optionally followed by a closing quote) before white space and a
capital letter, a digit or an opening quote; common abbreviations (U.S., Dr., Jan.) and initials
do not end one.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "e.u", "dr", "mr", "mrs", "ms", "prof", "sen", "rep", "gov", "gen",
    "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "corp", "co", "ltd", "no", "vs", "etc", "e.g", "i.e", "approx", "est",
}
_LOOKBACK = 64
_END = re.compile(r"[.!?][\"”’)\]]*(?=\s+[\"“‘(A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, white space trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        # Only the last few characters can hold the abbreviation a candidate end belongs to;
        # searching all pending text would be quadratic on a long run of word characters.
        window = text[max(start, match.start() + 1 - _LOOKBACK): match.start() + 1]
        word = re.search(r"([\w.]+)[.!?]?$", window)
        token = word.group(1).lower().rstrip(".") if word else ""
        if token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        chunk = text[begin:end]
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right > left:
            trimmed.append((begin + left, begin + right))
    return trimmed


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]
