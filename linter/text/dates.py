"""Dates with precision, and relative dates resolved against a source's publication date.

A date in factlint is never a point: it is the span of days its precision covers
(``DateInterval``). "2024" is 1 January-31 December 2024, "2025-01" the month, "2025-01-20" one
day. That is what lets "launched in 2024" and "released on 2025-01-20" conflict while "2025" and
"2025-01-20" agree.

Relative dates ("last month", "this week", "three years ago") mean nothing without an anchor,
the publication date of the source that printed them. ``find_relative_dates`` finds them in a
text; ``resolve`` turns one into a ``DateInterval`` given the anchor, or ``None`` when there is
no anchor (the caller reports that as "unanchored") or when the phrase is vague.

Resolution rules (the anchor is a day ``d`` unless said otherwise):

* last / this / next week, month, year: the calendar period before, containing or after ``d``.
  Weeks run Monday to Sunday (ISO 8601).
* early / mid / late + a year: January-April, May-August, September-December; + a month: days
  1-10, 11-20, 21-end. "earlier this year/month/week" runs from the period's first day to ``d``
  inclusive, "later this ..." from ``d`` to the period's last day.
* "N days / weeks / months ago" is the day, ISO week or calendar month N units before ``d``.
  "N years ago" (and "a decade ago") is a loose phrase and resolves to the whole calendar year
  N years before ``d``'s year, at year precision: "three years ago" against 2025-10-03 is 2022.
  Compounds count every part in the finer unit: "2 years and 6 months ago" is the month 30
  months before ``d``'s, "a week and two days ago" the day 9 days before ``d``. "the day
  before yesterday" is ``d`` minus two days, "three days before yesterday" minus four.
* "the past N units" is the span from N units before ``d`` to ``d``; "the next N units" from
  ``d`` to N units after it. "over N units" right after a figure or a verb of spreading
  ("$30 billion over ten years", "repaid over 12 months") is a span too, but one the sentence
  does not place: it is found (so a caller can tell a time frame from a measurement) and
  never resolved.
* A part of a named month ("in the last week of March", "the second week of January", "the
  first 10 days of May") is those days of the month chosen as for a month name: weeks are
  seven days from the 1st, or back from the month's last day for "last". A part of anything
  else ("the final year of the plan", "the last week of the campaign") is no date.
* A month name ("in September", "in early October", "on October 1", "January 10",
  "27 January", "the 20th of January") is the most recent such month not after ``d``'s month
  (so "in October" written in October is this October). After a cue that may point either
  way (from, starting/beginning in, by, until, till, through: "schools will begin lessons
  starting in September", "By 27 January, DeepSeek had overtaken ChatGPT") it is the nearest
  such month, before or after ``d``, the later one on a tie. "last September" is strictly
  before ``d``'s month, "next September" strictly after it, "this September" in ``d``'s year.
  A month name alone, without a cue or a day, is not taken for a date ("March forward").
* A weekday ("on Monday") is the most recent such day on or before ``d``; "last Monday" is
  strictly before ``d``, "next Monday" strictly after, "this Monday" in ``d``'s week. "on
  Monday next week" (or "of next week", "last week", "this week") is that week's Monday.
* A day the month never has ("April 31") is not a date at all; 29 February is found, and
  resolves only where the year it falls in is a leap year (never moved to the 28th).
* "yesterday" is ``d`` minus one day. "today" and "tomorrow" are not resolved: in news prose
  they are mostly figurative ("China builds tomorrow").
* "since 2019", "by 2027", "until 2030" name a calendar year: they need no anchor, resolve to
  that year and say in ``kind`` whether the year is a starting point ("since") or a target
  ("target"). The same cues on relative phrases ("since last year", "by September") set
  ``kind`` the same way; ``resolve`` always returns the period the phrase names, not the
  open-ended range, so the caller decides what "since" means for its comparison.
* "recently", "recent", "lately", "in recent weeks", "just weeks earlier" are vague: they are
  found (so a linter can flag them) but never resolved.

An anchor coarser than a day widens the result: the resolution is done at the anchor's first and
last day and the result is the span from the first result's start to the last result's end
(all rules above move forward with the anchor, so that span holds every possible reading).
"last month" against anchor 2025-10 is exactly September 2025; "this week" against 2025-10 is
Monday 2025-09-29 to Sunday 2025-11-02. The result's precision is the coarser of the phrase's
own precision and the anchor's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from linter.text.foldcase import regex_letters
from linter.text.lexicon import (
    MONTH_ABBREVIATIONS,
    MONTH_MAX_DAYS,
    MONTHS,
    NUMBER_WORDS,
    SPELLED_NUMBER,
    WEEKDAYS,
)

__all__ = [
    "PRECISIONS",
    "DateInterval",
    "RelativeDate",
    "day_interval",
    "find_relative_dates",
    "month_interval",
    "over_spans_time",
    "parse_date",
    "resolve",
    "week_interval",
    "year_interval",
]

#: Precisions from finest to coarsest.
PRECISIONS = ("day", "week", "month", "year")
_RANK = {p: i for i, p in enumerate(PRECISIONS)}


@dataclass(frozen=True, slots=True)
class DateInterval:
    """An inclusive span of days with the precision it was stated at."""

    start: date
    end: date
    precision: str

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"date interval starts after it ends: {self.start} > {self.end}")
        if self.precision not in _RANK:
            raise ValueError(f"unknown precision {self.precision!r}")

    def overlaps(self, other: DateInterval) -> bool:
        """True when the two spans share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def isoformat(self) -> str:
        """ISO form at the stated precision ("2024", "2025-01", "2025-01-20"), else a span."""
        s, e = self.start, self.end
        if self.precision == "year" and s == date(s.year, 1, 1) and e == date(s.year, 12, 31):
            return f"{s.year:04d}"
        if self.precision == "month" and s.day == 1 and e == _month_end(s.year, s.month):
            return f"{s.year:04d}-{s.month:02d}"
        if s == e:
            return s.isoformat()
        return f"{s.isoformat()}..{e.isoformat()}"


def _days_in_month(year: int, month: int) -> int:
    # Not the calendar module: importing it pulls in locale, all for one subtraction.
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def _month_end(year: int, month: int) -> date:
    return date(year, month, _days_in_month(year, month))


def year_interval(year: int) -> DateInterval:
    """The calendar year as a year-precision interval."""
    return DateInterval(date(year, 1, 1), date(year, 12, 31), "year")


def month_interval(year: int, month: int) -> DateInterval:
    """The calendar month as a month-precision interval."""
    return DateInterval(date(year, month, 1), _month_end(year, month), "month")


def day_interval(day: date) -> DateInterval:
    """One day as a day-precision interval."""
    return DateInterval(day, day, "day")


def week_interval(day: date) -> DateInterval:
    """The ISO week (Monday-Sunday) containing ``day``, at week precision."""
    monday = day - timedelta(days=day.weekday())
    return DateInterval(monday, monday + timedelta(days=6), "week")


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_date(text: str | date) -> DateInterval:
    """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" into a span at that precision.

    A ``datetime.date`` (as a YAML loader that resolves timestamps would give) is a day.
    Raises ValueError on anything else, including impossible dates ("2025-02-30").
    """
    if isinstance(text, date):
        return day_interval(text)
    if not isinstance(text, str):
        raise ValueError(f"not a date: {text!r}")
    m = _ISO_DATE.fullmatch(text.strip())
    if not m:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
    year = int(m.group(1))
    if year < 1:
        raise ValueError(f"year out of range: {text!r}")
    try:
        if m.group(3):
            return day_interval(date(year, int(m.group(2)), int(m.group(3))))
        if m.group(2):
            return month_interval(year, int(m.group(2)))
        return year_interval(year)
    except ValueError as exc:
        raise ValueError(f"not a valid date: {text!r} ({exc})") from None


# --------------------------------------------------------------------------- relative dates


class RelativeDate(NamedTuple):
    """A relative or anchored date phrase found in text.

    ``unit``: "day", "week", "month", "year", "month-name", "month-part", "weekday",
    "calendar-year" or "vague". ``offset``: periods from the anchor's (-1 last, 0 this, +1
    next, -3 for "three years ago"; for "span" kinds the signed length; for a weekday in a
    named week the week's offset; for "month-part" the ordinal of the part, -1 the last).
    ``value``: the month (1-12), weekday (0 = Monday) or calendar year named. ``day``: a day
    of the month ("October 1"). ``length``: the days a "month-part" covers. ``part``: "early",
    "mid", "late", "earlier" or "later". ``direction``: how a month name or weekday is placed:
    "past", "nearest" (months after by/from/until...), "future" (weekdays after by/until),
    "last", "next", "this", "week" (a weekday in the week ``offset`` away) or, for a span,
    "across" (a length of time the sentence does not place: "spread over five years").
    ``kind``: "point", "since" (a starting point), "target" (by/until), "span" (the past/next
    N units) or "vague". ``description``: a normalised, stable description such as "month -1"
    or "year=2027 target".
    """

    phrase: str
    span: tuple[int, int]
    unit: str
    offset: int = 0
    value: int | None = None
    day: int | None = None
    part: str | None = None
    direction: str = "past"
    kind: str = "point"
    description: str = ""
    length: int = 0

    @property
    def resolvable(self) -> bool:
        """False for vague phrases ("recently") and for spans placed nowhere ("over five
        years"), which no anchor can resolve."""
        return self.kind != "vague" and self.direction != "across"

    @property
    def needs_anchor(self) -> bool:
        """False when the phrase names its own year ("since 2019", "by 2027")."""
        return self.unit not in ("calendar-year", "vague")


_MONTH_NAMES = MONTHS
_WEEKDAYS = WEEKDAYS

_UNITS_ALT = r"(?:day|week|month|year|decade)s?"
_SPELLED = f"(?:{SPELLED_NUMBER})"
_NUM = rf"(?:\d{{1,3}}|{_SPELLED}|an?)"
_MONTH_ABBREVIATIONS = MONTH_ABBREVIATIONS
# Full names first; an abbreviation may carry a full stop ("Oct. 13").
_MONTH_ALT = "|".join(
    (*(rf"{n}\b" for n in _MONTH_NAMES), *(rf"{a}\b\.?" for a in sorted(_MONTH_ABBREVIATIONS)))
)
# After a month name: no year may follow, whether or not the abbreviation has its full stop
# ("Sept. 2021" is a date for the extractor, not "in Sept" and a stray "2021").
_NO_YEAR = r"(?![.\s,]*\d)"
_WEEKDAY_ALT = "|".join(_WEEKDAYS)
_AND = r"(?:\s*,\s*|\s+and\s+)"
# Case-insensitive pieces are scoped with (?i:...): month and weekday names stay
# case-sensitive ("May" the month, not "may" the verb). Compiled on first use (`_relative`).
_RELATIVE_SOURCE = (
    # vague phrases first: "in recent weeks" must not become "recent"
    r"(?P<vague>(?i:\bin\s+recent\s+(?:days|weeks|months|years)\b"
    r"|\b(?:just\s+|only\s+)?(?:a\s+few\s+|several\s+|some\s+)?(?:days|weeks|months|years)"
    r"\s+(?:ago|earlier|later)\b"
    r"|\brecently\b|\blately\b|\brecent\b))"
    # "the last week of March": a part of a named month; "the final year of the plan": a part
    # of something else, which no anchor places
    rf"|(?P<part>(?i:\b(?:(?P<part_cue>in|during|since|by|until|till|through|before|after|from)"
    rf"\s+)?the\s+(?P<part_ord>first|second|third|fourth|last|final)\s+"
    rf"(?:(?P<part_n>{_NUM})\s+)?(?P<part_u>{_UNITS_ALT})\s+of\b)"
    rf"(?:\s+(?P<part_month>{_MONTH_ALT}){_NO_YEAR})?)"
    # "the day before yesterday", "three days before yesterday"
    rf"|(?P<dby>(?i:\b(?:the\s+day|(?P<dby_n>{_NUM})\s+(?P<dby_u>days?|weeks?))"
    r"\s+before\s+yesterday\b))"
    # "2 years and 6 months ago", "a week and two days ago": every part counts
    rf"|(?P<cago>(?i:\b(?:(?P<cago_y>{_NUM})\s+years?{_AND}(?P<cago_m>{_NUM})\s+months?"
    rf"|(?P<cago_w>{_NUM})\s+weeks?{_AND}(?P<cago_d>{_NUM})\s+days?)\s+ago\b))"
    # N units ago
    rf"|(?P<ago>(?i:\b(?P<ago_n>{_NUM})\s+(?P<ago_u>{_UNITS_ALT})\s+ago\b))"
    # the past / next N units
    rf"|(?P<spanx>(?i:\b(?:the|these)\s+(?P<span_w>past|last|next|coming)\s+"
    rf"(?:(?P<span_n>{_NUM})\s+)?(?P<span_u>{_UNITS_ALT})\b))"
    # "over ten years" after a figure or a verb of spreading: a length of time, not placed
    rf"|(?P<over>(?i:\bover\s+(?P<over_n>{_NUM})\s+(?P<over_u>{_UNITS_ALT})\b"
    r"(?!\s+(?:ago|earlier|later)\b)))"
    # (since) (early|late|earlier...) last/this/next week|month|year
    r"|(?P<rel>(?i:\b(?:(?P<rel_cue>since|by|until|till|before|after)\s+)?"
    r"(?:(?P<rel_part>early|mid|late|earlier|later)[\s-]+)?"
    r"(?P<rel_w>last|this|next)\s+(?P<rel_u>week|month|year)\b))"
    r"|(?P<yesterday>(?i:\byesterday\b))"
    # weekday with a cue: on Monday, last Friday, on Monday next week, on Friday of last week
    rf"|(?P<wd>(?i:\b(?P<wd_cue>on|last|this|next|since|by|until)\s+)"
    rf"(?P<wd_name>{_WEEKDAY_ALT})\b"
    r"(?i:\s+(?:of\s+)?(?P<wd_week>last|this|next)\s+week\b)?)"
    # A month name and no year after it: after a cue ("in September", "since November",
    # "From October 1", "as of January 27"), or with a day and no cue ("January 10",
    # "27 January", "the 20th of January"). A bare month name without a cue is not a date.
    rf"|(?P<mon>(?i:\b(?P<mon_cue>since|by|until|till|through|before|after|from|during|in|on|"
    r"as\s+of|this|last|next|(?:starting|beginning)(?:\s+(?:in|on|from))?)\s+)?"
    r"(?:(?i:(?P<mon_part>early|mid|late))[\s-]+)?"
    rf"(?:(?P<mon_name>{_MONTH_ALT})(?:\s+(?P<mon_day>[0-3]?\d)(?:st|nd|rd|th)?\b)?+"
    rf"|(?:(?i:the)\s+)?(?P<mon_day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<mon_name2>{_MONTH_ALT}))"
    rf"{_NO_YEAR})"
    # a calendar year after a start/target cue: since 2019, by 2027
    r"|(?P<cy>(?i:\b(?P<cy_cue>since|by|until|till|through|before|after|"
    r"(?:starting|beginning)\s+in)\s+)(?P<cy_year>(?:1[89]|2[01])\d\d)(?![\d,.]?\d))"
)
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
# Words after "by 2000" that still let 2000 be a year (anything else is a noun: "by 2000 votes").
_YEAR_FOLLOWERS = frozenset(
    (
        *("and", "or", "but", "as", "when", "while", "with", "to", "in", "on", "at", "of"),
        *("for", "from", "after", "before", "the", "a", "an", "this", "that", "it", "its"),
        *("their", "his", "her", "they", "he", "she", "we", "is", "are", "was", "were"),
        *("will", "would", "could", "should", "may", "might", "has", "have", "had", "be"),
        *("been", "being", "according", "compared", "up", "down", "versus", "vs", "over"),
        *("under", "amid", "despite", "during", "through", "into", "against", "among"),
    )
)

_CUE_KIND = {
    "since": "since",
    "from": "since",
    "after": "since",
    "starting": "since",
    "beginning": "since",
    "by": "target",
    "until": "target",
    "till": "target",
    "through": "target",
    "before": "target",
}
_EITHER_WAY_CUES = frozenset({"from", "starting", "beginning", "by", "until", "till", "through"})
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}
_OFFSETS = {"last": -1, "this": 0, "next": 1}

# "over" that means across a span rather than "more than": after a verb of spreading
# ("repaid over 12 months") or right after a figure and at most one word ("$30 billion over
# ten years", "cut 4,000 jobs over three years", "rose 40% over a decade").
_ACROSS_VERBS = frozenset(
    (
        *("spread", "spreads", "spreading", "repaid", "repay", "repayable", "paid", "payable"),
        *("phased", "staggered", "amortised", "amortized", "split", "divided", "distributed"),
        *("stretched", "averaged"),
    )
)
_FIGURE_BEFORE = re.compile(
    r"(?:\d%?|%|\b(?i:thousand|million|billion|trillion|bn|mn|percent|cents?|dollars|euros"
    r"|pounds|pence|yuan|yen|points))(?:[ \t]+[a-z]+)?[ \t]+$"
)


def over_spans_time(text: str, over: int) -> bool:
    """True when the "over" at ``over`` means across a span of time, not more than it: "$30
    billion over ten years" against "the project took over ten years"."""
    window = text[max(0, over - 40) : over]
    words = window.split()
    if words and words[-1].lower() in _ACROSS_VERBS:
        return True
    return _FIGURE_BEFORE.search(window) is not None


def _number(word: str) -> int:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word in ("a", "an"):
        return 1
    if "-" in word:
        tens, units = word.split("-", 1)
        return NUMBER_WORDS[tens] + NUMBER_WORDS[units]
    return NUMBER_WORDS[word]


def _unit_of(word: str) -> tuple[str, int]:
    """Normalise "years"/"decade" to (unit, multiplier)."""
    word = word.lower().rstrip("s")
    if word == "decade":
        return "year", 10
    return word, 1


def _kind_of(cue: str | None, default: str = "point") -> str:
    if not cue:
        return default
    return _CUE_KIND.get(cue.lower().split()[0], default)


def _month_direction(cue: str) -> str:
    """How a month name after ``cue`` is placed (see the module docstring)."""
    first = cue.split()[0] if cue else "on"
    if first in ("last", "next", "this"):
        return first
    return "nearest" if first in _EITHER_WAY_CUES else "past"


def _with_kind(description: str, kind: str) -> str:
    return description if kind == "point" else f"{description} {kind}"


# Scanning: a search with the whole alternation over every position costs ~100 us a sentence,
# so the pattern is only tried at words that can start a phrase, and only in texts that hold
# at least one word every phrase needs.
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_WORD = re.compile(r"[a-z]+")
_CUES = ("since", "by", "until", "till", "through", "before", "after", "from", "during")
_KEYS = frozenset(
    (
        *("ago", "last", "this", "next", "past", "coming", "yesterday", "recent", "recently"),
        *("lately", "earlier", "later", "starting", "beginning", "over", *_CUES),
        *(name.lower() for name in (*_MONTH_NAMES, *_MONTH_ABBREVIATIONS, *_WEEKDAYS)),
    )
)
_STARTS = frozenset(
    (
        *_CUES,
        *("in", "on", "this", "last", "next", "starting", "beginning", "early", "mid", "late"),
        *("earlier", "later", "the", "these", "yesterday", "recently", "lately", "recent"),
        *("just", "only", "a", "an", "several", "some", "days", "weeks", "months", "years"),
        *("as", "over", *(name.lower() for name in (*_MONTH_NAMES, *_MONTH_ABBREVIATIONS))),
        *NUMBER_WORDS,
    )
)


_RELATIVE: re.Pattern[str] | None = None


def _relative() -> re.Pattern[str]:
    """The phrase pattern, compiled the first time a text holds a key word: the biggest pattern
    here, which a run that only parses dates (a source's `published`) never needs."""
    global _RELATIVE
    if _RELATIVE is None:
        _RELATIVE = re.compile(_RELATIVE_SOURCE)
    return _RELATIVE


def find_relative_dates(text: str) -> list[RelativeDate]:
    """Find relative date phrases in ``text``, in order, each with its span and description.

    Absolute dates ("in 2024", "October 1, 2025") are not relative and are left to the figure
    extractor, except calendar years after since/by/until/before/after, which are returned
    with ``unit="calendar-year"`` so a caller sees start points and targets in one place.
    """
    text = regex_letters(text)
    if text.isascii() and _KEYS.isdisjoint(_WORD.findall(text.lower())):
        # Most texts hold no key word: one pass in C tells, where the loop below would test
        # every token in Python. (ASCII only: there lowering keeps every letter run as it is.)
        return []
    tokens = list(_TOKEN.finditer(text))
    if not any(tok.group().lower() in _KEYS for tok in tokens):
        return []
    found: list[RelativeDate] = []
    pos = 0
    match = _relative().match
    for tok in tokens:
        word = tok.group()
        if tok.start() < pos or not (word[0].isdigit() or word.lower() in _STARTS):
            continue
        m = match(text, tok.start())
        if m is None:
            continue
        pos = m.end()  # what a phrase read (or refused) is not read again
        rel = _BUILDERS[m.lastgroup or ""](m, text)
        if rel is not None:
            found.append(rel)
    return found


# --------------------------------------------------------------------------- phrase builders
# One per alternative of the phrase pattern, by its group name. None refuses the phrase.


def _vague(m: re.Match[str], text: str) -> RelativeDate | None:
    return RelativeDate(m.group(0), m.span(), "vague", kind="vague", description="vague")


def _part_of_named_month(m: re.Match[str], text: str) -> RelativeDate | None:
    """ "the last week of March": days of a named month. A part of anything else ("the final
    year of the plan", "the last week of the campaign") is no date an anchor can place."""
    g = m.group
    unit, _ = _unit_of(g("part_u"))
    if g("part_month") is None or unit not in ("day", "week"):
        return None
    length = (_number(g("part_n")) if g("part_n") else 1) * (7 if unit == "week" else 1)
    ordinal = _ORDINALS[g("part_ord").lower()]
    month = _month_number(g("part_month"))
    cue = " ".join((g("part_cue") or "").lower().split())
    direction, kind = _month_direction(cue), _kind_of(cue)
    desc = _with_kind(f"month={month} part={ordinal}x{length}d {direction}", kind)
    return RelativeDate(m.group(0), m.span(), "month-part", offset=ordinal, value=month,
                        length=length, direction=direction, kind=kind, description=desc)


def _day_before_yesterday(m: re.Match[str], text: str) -> RelativeDate | None:
    g = m.group
    days = _number(g("dby_n")) * (7 if g("dby_u").lower().startswith("w") else 1) if g(
        "dby_n") else 1
    return RelativeDate(m.group(0), m.span(), "day", offset=-(days + 1),
                        description=f"day -{days + 1}")


def _compound_ago(m: re.Match[str], text: str) -> RelativeDate | None:
    """ "2 years and 6 months ago" in months, "a week and two days ago" in days."""
    g = m.group
    if g("cago_y"):
        unit, n = "month", 12 * _number(g("cago_y")) + _number(g("cago_m"))
    else:
        unit, n = "day", 7 * _number(g("cago_w")) + _number(g("cago_d"))
    return RelativeDate(m.group(0), m.span(), unit, offset=-n, description=f"{unit} -{n}")


def _ago(m: re.Match[str], text: str) -> RelativeDate | None:
    unit, mult = _unit_of(m.group("ago_u"))
    n = _number(m.group("ago_n")) * mult
    return RelativeDate(m.group(0), m.span(), unit, offset=-n, description=f"{unit} -{n}")


def _span(m: re.Match[str], text: str) -> RelativeDate | None:
    g = m.group
    unit, mult = _unit_of(g("span_u"))
    n = (_number(g("span_n")) if g("span_n") else 1) * mult
    sign = 1 if g("span_w").lower() in ("next", "coming") else -1
    return RelativeDate(m.group(0), m.span(), unit, offset=sign * n, kind="span",
                        description=f"span {unit} {sign * n:+d}")


def _across(m: re.Match[str], text: str) -> RelativeDate | None:
    """ "spread over five years": a time frame, not "more than five years"."""
    if not over_spans_time(text, m.start()):
        return None
    unit, mult = _unit_of(m.group("over_u"))
    n = _number(m.group("over_n")) * mult
    return RelativeDate(m.group(0), m.span(), unit, offset=n, direction="across", kind="span",
                        description=f"span {unit} {n} across")


def _this_last_next(m: re.Match[str], text: str) -> RelativeDate | None:
    g = m.group
    unit = g("rel_u").lower()
    offset = _OFFSETS[g("rel_w").lower()]
    part = g("rel_part").lower() if g("rel_part") else None
    kind = _kind_of(g("rel_cue"))
    desc = _with_kind(f"{unit} {offset:+d}" + (f" {part}" if part else ""), kind)
    return RelativeDate(m.group(0), m.span(), unit, offset=offset, part=part, kind=kind,
                        description=desc)


def _yesterday(m: re.Match[str], text: str) -> RelativeDate | None:
    return RelativeDate(m.group(0), m.span(), "day", offset=-1, description="day -1")


def _weekday_phrase(m: re.Match[str], text: str) -> RelativeDate | None:
    g = m.group
    cue = g("wd_cue").lower()
    weekday = _WEEKDAYS[g("wd_name")]
    offset = 0
    if g("wd_week"):  # "on Monday next week": that week's Monday, whatever today is
        direction, offset = "week", _OFFSETS[g("wd_week").lower()]
    elif cue in ("by", "until"):
        direction = "future"
    else:
        direction = {"last": "last", "next": "next", "this": "this"}.get(cue, "past")
    kind = _kind_of(cue)
    desc = f"weekday={g('wd_name')[:3]} {direction}" + (f"{offset:+d}" if g("wd_week") else "")
    return RelativeDate(m.group(0), m.span(), "weekday", offset=offset, value=weekday,
                        direction=direction, kind=kind, description=_with_kind(desc, kind))


def _month_number(name: str) -> int:
    name = name.rstrip(".")
    return _MONTH_NAMES.get(name) or _MONTH_ABBREVIATIONS[name]


def _month_name(m: re.Match[str], text: str) -> RelativeDate | None:
    g = m.group
    cue = " ".join((g("mon_cue") or "").lower().split())
    month = _month_number(g("mon_name") or g("mon_name2"))
    raw_day = g("mon_day") or g("mon_day2")
    day = int(raw_day) if raw_day else None
    if day is None and not cue:
        return None  # "March" alone: a month name is a date only after a cue
    if day is not None and not 1 <= day <= MONTH_MAX_DAYS[month]:
        return None  # "April 31": no year has it (29 February waits for its year)
    direction = _month_direction(cue)
    part = g("mon_part").lower() if g("mon_part") else None
    kind = _kind_of(cue.split()[0] if cue else "on")
    desc = f"month={month}" + (f" day={day}" if day else "") + f" {direction}"
    desc = _with_kind(desc + (f" {part}" if part else ""), kind)
    return RelativeDate(m.group(0), m.span(), "month-name", value=month, day=day, part=part,
                        direction=direction, kind=kind, description=desc)


def _calendar_year(m: re.Match[str], text: str) -> RelativeDate | None:
    nxt = _NEXT_WORD.match(text, m.end())
    if nxt and nxt.group(1) not in _YEAR_FOLLOWERS:
        return None  # "by 2000 votes": a count, not a year
    year = int(m.group("cy_year"))
    kind = _kind_of(m.group("cy_cue"), "target")
    return RelativeDate(m.group(0), m.span(), "calendar-year", value=year, kind=kind,
                        description=f"year={year} {kind}")


_BUILDERS = {
    "vague": _vague,
    "part": _part_of_named_month,
    "dby": _day_before_yesterday,
    "cago": _compound_ago,
    "ago": _ago,
    "spanx": _span,
    "over": _across,
    "rel": _this_last_next,
    "yesterday": _yesterday,
    "wd": _weekday_phrase,
    "mon": _month_name,
    "cy": _calendar_year,
}


# --------------------------------------------------------------------------- resolution


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _shift(day: date, unit: str, n: int) -> date:
    """``day`` moved by ``n`` units, clamping the day of month (31 Jan + 1 month = 28/29 Feb)."""
    if unit == "day":
        return day + timedelta(days=n)
    if unit == "week":
        return day + timedelta(weeks=n)
    months = n * 12 if unit == "year" else n
    y, mo = _add_months(day.year, day.month, months)
    return date(y, mo, min(day.day, _days_in_month(y, mo)))


def _part_of_month(y: int, mo: int, part: str | None, d: date) -> tuple[date, date, str]:
    start, end = date(y, mo, 1), _month_end(y, mo)
    if part == "early":
        return start, date(y, mo, 10), "day"
    if part == "mid":
        return date(y, mo, 11), date(y, mo, 20), "day"
    if part == "late":
        return date(y, mo, 21), end, "day"
    if part == "earlier" and start <= d <= end:
        return start, d, "day"
    if part == "later" and start <= d <= end:
        return d, end, "day"
    return start, end, "month"


def _part_of_year(y: int, part: str | None, d: date) -> tuple[date, date, str]:
    start, end = date(y, 1, 1), date(y, 12, 31)
    if part == "early":
        return start, date(y, 4, 30), "month"
    if part == "mid":
        return date(y, 5, 1), date(y, 8, 31), "month"
    if part == "late":
        return date(y, 9, 1), end, "month"
    if part == "earlier" and d.year == y:
        return start, d, "day"
    if part == "later" and d.year == y:
        return d, end, "day"
    return start, end, "year"


def _month_year(month: int, direction: str, d: date) -> int:
    """The year of the month-name reading (see the module docstring for each direction)."""
    if direction == "this":
        return d.year
    if direction == "last":
        return d.year if month < d.month else d.year - 1
    if direction == "next":
        return d.year if month > d.month else d.year + 1
    if direction == "nearest":
        ahead = (month - d.month) % 12  # months to the next such month (0: this one)
        return d.year + (month < d.month) if ahead <= 12 - ahead else d.year - (month > d.month)
    return d.year if month <= d.month else d.year - 1


def _weekday(weekday: int, direction: str, d: date, weeks: int = 0) -> date:
    today = d.weekday()
    if direction == "week":  # the weekday of the week `weeks` from d's
        return d + timedelta(days=weekday - today, weeks=weeks)
    if direction == "this":
        return d + timedelta(days=weekday - today)
    if direction == "last":
        return d - timedelta(days=(today - weekday - 1) % 7 + 1)
    if direction == "next":
        return d + timedelta(days=(weekday - today - 1) % 7 + 1)
    if direction == "future":
        return d + timedelta(days=(weekday - today) % 7)
    return d - timedelta(days=(today - weekday) % 7)


# What one anchor day gives: (start, end, precision of the phrase), or None when the phrase
# names a day that does not exist in the year it falls in (29 February of a common year).
_Reading = tuple[date, date, str] | None


def _resolve_span(rel: RelativeDate, d: date) -> _Reading:
    other = _shift(d, rel.unit, rel.offset)
    return (other + timedelta(days=1), d, "day") if rel.offset < 0 else (d, other, "day")


def _resolve_day(rel: RelativeDate, d: date) -> _Reading:
    day = d + timedelta(days=rel.offset)
    return day, day, "day"


def _resolve_week(rel: RelativeDate, d: date) -> _Reading:
    week = week_interval(d + timedelta(weeks=rel.offset))
    if rel.offset == 0 and rel.part == "earlier":
        return week.start, d, "day"
    if rel.offset == 0 and rel.part == "later":
        return d, week.end, "day"
    return week.start, week.end, "week"


def _resolve_month(rel: RelativeDate, d: date) -> _Reading:
    y, mo = _add_months(d.year, d.month, rel.offset)
    return _part_of_month(y, mo, rel.part, d)


def _resolve_year(rel: RelativeDate, d: date) -> _Reading:
    return _part_of_year(d.year + rel.offset, rel.part, d)


def _resolve_weekday(rel: RelativeDate, d: date) -> _Reading:
    assert rel.value is not None
    day = _weekday(rel.value, rel.direction, d, rel.offset)
    return day, day, "day"


def _resolve_month_name(rel: RelativeDate, d: date) -> _Reading:
    assert rel.value is not None
    y = _month_year(rel.value, rel.direction, d)
    if rel.day is None:
        return _part_of_month(y, rel.value, rel.part, date.min)
    if rel.day > _days_in_month(y, rel.value):
        return None  # "February 29" in a common year: refused, not moved to the 28th
    day = date(y, rel.value, rel.day)
    return day, day, "day"


def _resolve_month_part(rel: RelativeDate, d: date) -> _Reading:
    """ "the last week of March", "the second week of January": days counted from the
    month's first day (or back from its last), seven to a week."""
    assert rel.value is not None
    y = _month_year(rel.value, rel.direction, d)
    days = _days_in_month(y, rel.value)
    first = days - rel.length + 1 if rel.offset < 0 else (rel.offset - 1) * rel.length + 1
    last = first + rel.length - 1
    if first < 1 or last > days:
        return None  # "the fifth week of February": not in the month
    return date(y, rel.value, first), date(y, rel.value, last), "day"


_RESOLVERS = {
    "day": _resolve_day,
    "week": _resolve_week,
    "month": _resolve_month,
    "year": _resolve_year,
    "weekday": _resolve_weekday,
    "month-name": _resolve_month_name,
    "month-part": _resolve_month_part,
}


def _resolve_at(rel: RelativeDate, d: date) -> _Reading:
    """Resolve against one anchor day."""
    if rel.kind == "span":
        return _resolve_span(rel, d)
    return _RESOLVERS[rel.unit](rel, d)


def resolve(rel: RelativeDate, anchor: DateInterval | None) -> DateInterval | None:
    """Resolve a relative date against the source's publication date.

    Returns None when the phrase is vague or places nothing ("over five years"), when it needs
    an anchor and there is none (the caller reports "unanchored"), or when the day it names
    does not exist at the anchor (29 February of a common year). Calendar years ("since
    2019", "by 2027") need no anchor. An anchor of month or year precision widens the result
    (see the module docstring).
    """
    if not rel.resolvable:
        return None
    if rel.unit == "calendar-year":
        assert rel.value is not None
        return year_interval(rel.value)
    if anchor is None:
        return None
    first = _resolve_at(rel, anchor.start)
    if first is None:
        return None
    s1, e1, precision = first
    if anchor.end == anchor.start:
        return DateInterval(s1, e1, precision)
    last = _resolve_at(rel, anchor.end)
    if last is None:
        return None
    s2, e2, _ = last
    if (s1, e1) != (s2, e2) and _RANK[anchor.precision] > _RANK[precision]:
        # The reading moved with the anchor: the result is only as precise as the anchor.
        precision = anchor.precision
    return DateInterval(min(s1, s2), max(e1, e2), precision)
