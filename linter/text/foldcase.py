"""Letters the regex engine folds to ASCII, folded the same way before any word lookup.

With IGNORECASE, Python's `re` lets "ſ" (long s) match "s", "K" (Kelvin sign) match "k", and
"ı"/"İ" (dotless and dotted i) match "i", while `str.lower()` keeps them as they are: a pattern
would match "thirdſ" and the table lookup behind it would then fail on a word it does not know.
The analyses map these four characters to their ASCII letters first. Each is one character for
one, so spans into the text stay exact.
"""

from __future__ import annotations

_TABLE = str.maketrans({"\u017f": "s", "\u212a": "K", "\u0131": "i", "\u0130": "I"})


def regex_letters(text: str) -> str:
    """`text` with the four regex-folded letters made ASCII (the same text when ASCII)."""
    return text if text.isascii() else text.translate(_TABLE)
