"""Dates written another way, to ISO 8601 at the precision they were written with.

Only spellings with one reading: the year first (2025/7/30, 2025.07.30, 2025-7-3) or the month
named (30 July 2025, July 30, 2025, Jul 2025). 07/08/2025 is left alone: July or August is the
writer's to say.
"""

from __future__ import annotations

import datetime
import re

_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}

_YEAR_FIRST = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})(?:\2([0-9]{1,2}))?")
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?,? ([0-9]{4})")
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\.? ([0-9]{1,2})(?:st|nd|rd|th)?,? ([0-9]{4})")
_MONTH_YEAR = re.compile(r"([a-z]+)\.?,? ([0-9]{4})")


def iso_date(text: str) -> str | None:
    """`text` as YYYY-MM-DD or YYYY-MM, or None when it is not an unambiguous date."""
    folded = " ".join(text.strip().casefold().split())
    if match := _YEAR_FIRST.fullmatch(folded):
        year, _, month, day = match.groups()
        return _checked(int(year), int(month), int(day) if day else None)
    if match := _DAY_MONTH_YEAR.fullmatch(folded):
        day, month, year = match.groups()
        return _named(year, month, day)
    if match := _MONTH_DAY_YEAR.fullmatch(folded):
        month, day, year = match.groups()
        return _named(year, month, day)
    if match := _MONTH_YEAR.fullmatch(folded):
        month, year = match.groups()
        return _named(year, month, None)
    return None


def _named(year: str, month: str, day: str | None) -> str | None:
    number = _MONTHS.get(month)
    if number is None:
        return None
    return _checked(int(year), number, int(day) if day else None)


def _checked(year: int, month: int, day: int | None) -> str | None:
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        return None
    if year < 1:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
