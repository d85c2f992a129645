"""The advice a finding's message ends with, told apart from what the message reports.

Rules write their advice into the message ("…; add an evidence item with the source and a
verbatim quote"), so every machine format (JSON, SARIF, GitHub, JUnit, the `text` lines) carries
one self-contained sentence, and those stay as they are. The terminal's `full` view prints the
advice once, on its own `help:` line, and `concise` leaves it out: for that, the advice clause of
each built-in rule is known here, by code, as the pattern the message ends with.

A message that does not end with its rule's pattern (a rule pack's rule, a reworded message) is
shown whole with no `help:` line: the split never cuts a message anywhere else.
tests/test_console_output.py runs every rule's failing example and checks that its message
splits, so a reworded message shows up there, not as a silently missing `help:` line.
"""

from __future__ import annotations

import functools
import re

# Code → the message's tail: a separator, then the advice (the group). Anchored at the end.
_ADVICE: dict[str, str] = {
    "FL003": r": (write the value out)",
    "FL102": r"; (ids must be unique across the corpus)",
    "FL104": r"; (add it to \S+ so conflicts with other claims can be found)",
    "FL106": r"; (remove it, or it will accept the next, different one)",
    "FL201": r"; (add an evidence item with the source and a verbatim quote)",
    "FL202": r"; (quote the sentence that states it, or correct the figure)",
    "FL203": r" — (a human should decide \(add a `review`, or rank the wrong one `deprecated`\))",
    "FL204": r"; (date the source, or leave the time unresolved in the claim)",
    "FL303": r"\. (A weak signal on its own: check who wrote it before relying on it)",
    "FL312": r"; (record what is known, and say in a comment what is not)",
    "FL320": r"; (add `attribution:` if the source names one elsewhere, or find a source that "
             r"does)",
    "FL321": r": (name a source that can be checked, or say why anonymity is justified)",
    "FL403": r"; (\d+ different markers in the text: a weak signal, check who wrote it)",
    "FL405": r"; (name who measured, reported, estimated or forecast it)",
    "FL406": r": (name a source that can be checked, or find one that does)",
    "FL407": r"; (pass --published YYYY\[-MM\[-DD\]\] or write the date out)",
}
_REST_ON = r"\. (Add a reliable, human-written source or mark the claim as unsupported)"
for _code in ("FL305", "FL306", "FL308", "FL310", "FL311"):
    _ADVICE[_code] = _REST_ON

ADVISED = frozenset(_ADVICE)  # the codes whose messages carry advice

# A parenthesised quotation at least this long is an excerpt of the evidence (“…”), which
# `concise` leaves out; a shorter one is usually the words the rule matched, and stays.
EXCERPT_MIN = 40
_EXCERPT = re.compile(r" \(“[^”]{" + str(EXCERPT_MIN) + r",}”\)")


@functools.cache
def _pattern(code: str) -> re.Pattern[str] | None:
    tail = _ADVICE.get(code)
    return re.compile(tail + r"\Z") if tail else None


def split(code: str, message: str) -> tuple[str, str | None]:
    """(what the message reports, its advice or None)."""
    pattern = _pattern(code)
    match = pattern.search(message) if pattern else None
    if match is None or match.start() == 0:
        return message, None
    return message[:match.start()], match.group(1)


def without_excerpts(message: str) -> str:
    """`message` with long parenthesised quotations (excerpts of a quote) taken out."""
    return _EXCERPT.sub("", message) if "(“" in message else message
