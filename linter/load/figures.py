"""Figures of claims and quotes, for the rules that compare them.

A claim's figure comes from its `value` (amount, range, date, or a `relative` date resolved
against its source's publication date), and, for a converted figure, its original from
`converted_from`; a value's time point (`as_of`, to the second) and what it must share with
another to be compared (event, scope, datum, what it counts) are read here too. A quote's
figures come from the extractor plus the relative dates in it, resolved the same way. Per-run
results are memoised on the corpus: the conflict and unsourced-figure rules both need them.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from linter.load.corpus import Corpus, Entry
from linter.text.foldcase import regex_letters
from linter.text.quantity import Quantity, date_quantity, describe, from_value

# The extractor and the date resolver compile many patterns on import: imported only when a text
# is actually analysed, which a run whose files are all served by the cache never does.
if TYPE_CHECKING:
    from linter.text.dates import DateInterval, RelativeDate


def source_anchor(corpus: Corpus, source_id: str) -> DateInterval | None:
    """The publication date of a source, at its precision, or None when unknown or invalid."""
    key = ("source-anchor", source_id)
    if key in corpus.memo:  # every quote citing the source asks again
        return corpus.memo[key]
    from linter.text.dates import parse_date

    entry = corpus.sources.get(source_id)
    published = entry.get("published") if entry else None
    anchor = None
    if isinstance(published, str):
        with contextlib.suppress(ValueError):
            anchor = parse_date(published)
    corpus.memo[key] = anchor
    return anchor


def claim_anchor(corpus: Corpus, claim: Entry) -> tuple[str | None, DateInterval | None]:
    """The first evidence source and its date: what a claim's relative date is relative to."""
    for _, item in corpus.evidence(claim):
        source = item.get("source")
        if isinstance(source, str):
            return source, source_anchor(corpus, source)
    return None, None


def claim_figure(corpus: Corpus, claim: Entry) -> Quantity | None:
    """The claim's `value` as a Quantity; None when absent, malformed or an unresolved relative
    date (the schema and FL204 report those)."""
    key = ("claim-figure", id(claim.data))
    if key in corpus.memo:
        return corpus.memo[key]
    value = claim.get("value")
    figure: Quantity | None = None
    if isinstance(value, dict):
        relative = value.get("relative")
        if isinstance(relative, str):
            figure = _resolve_relative(corpus, claim, relative)
        else:
            # Directly, not through `derive`: the memo above already holds it for the run,
            # and hashing and packing every value cost more than reading it.
            found = _from_value(value)
            figure = found[0] if found else None
    corpus.memo[key] = figure
    return figure


def claim_original(corpus: Corpus, claim: Entry) -> Quantity | None:
    """The figure a converted `value` was converted from (`converted_from`, with the value's
    qualifier); None when the value is not a conversion or its original is malformed."""
    key = ("claim-original", id(claim.data))
    if key in corpus.memo:
        return corpus.memo[key]
    value = claim.get("value")
    original = value.get("converted_from") if isinstance(value, dict) else None
    figure: Quantity | None = None
    if isinstance(original, dict) and "date" not in value and "relative" not in value:
        stated = {name: original[name] for name in ("amount", "unit", "scale") if name in original}
        if "qualifier" in value:
            stated["qualifier"] = value["qualifier"]
        found = _from_value(stated) if "amount" in stated else []
        figure = found[0] if found else None
    corpus.memo[key] = figure
    return figure


def normal_key(text: object) -> str:
    """A phrase as compared for equality: case folded, punctuation and runs of white space made
    one space ("First-phase " and "first phase" meet); "" for anything not a string."""
    if not isinstance(text, str):
        return ""
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


_PUNCTUATION = re.compile(r"[\W_]+")
# What two figures must share to be compared at all, beyond subject and property.
COMPARISON_FIELDS = ("event", "scope", "datum", "counted")


def comparison_keys(value: object) -> tuple[str, ...]:
    """The normalised `event`, `scope`, `datum` and `counted` of a value ("" where absent)."""
    if not isinstance(value, dict):
        return ("",) * len(COMPARISON_FIELDS)
    return tuple(normal_key(value.get(name)) for name in COMPARISON_FIELDS)


_DAY_SECONDS = 86_400
_CLOCK = re.compile(r"T(\d\d):(\d\d)(?::(\d\d))?")


def instant_span(text: object) -> tuple[int, int] | None:
    """An `as_of` as the seconds it covers on one time line, both ends included: a year, month
    or day at its precision, "2025-03-14T16:00" the minute 16:00, "...T16:00:30" that second.
    None when absent or not a time point (the schema reports those)."""
    from linter.text.dates import parse_date

    if not isinstance(text, str):
        return None
    day, _, clock = text.partition("T")
    try:
        interval = parse_date(day)
    except ValueError:
        return None
    start = interval.start.toordinal() * _DAY_SECONDS
    if not clock:
        return start, (interval.end.toordinal() + 1) * _DAY_SECONDS - 1
    match = _CLOCK.fullmatch("T" + clock)
    if match is None or interval.precision != "day":
        return None
    hours, minutes, seconds = int(match[1]), int(match[2]), match[3]
    if hours > 23 or minutes > 59 or (seconds is not None and int(seconds) > 59):
        return None
    start += hours * 3600 + minutes * 60 + int(seconds or 0)
    return start, start + (0 if seconds is not None else 59)


def _from_value(value: dict[str, Any]) -> list[Quantity]:
    try:
        return [from_value(value)]
    except (ValueError, TypeError, KeyError):
        return []


def _resolve_relative(corpus: Corpus, claim: Entry, phrase: str) -> Quantity | None:
    from linter.text.dates import find_relative_dates, resolve

    found = find_relative_dates(phrase)
    if not found:
        return None
    _, anchor = claim_anchor(corpus, claim)
    resolved = resolve(found[0], anchor)
    return date_quantity(resolved, text=f"{phrase} ({resolved.isoformat()})") if resolved else None


_MAGNITUDES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def show(q: Quantity) -> str:
    """A figure as an editor would write it: "USD 564 billion", "about 2.5 times", "2024"."""
    text = describe(q)
    if q.dimension == "date":
        return text
    for threshold, word in _MAGNITUDES:
        if abs(q.low) >= threshold and abs(q.high) >= threshold:
            low, high = q.low / threshold, q.high / threshold
            number = format(low, ",.10g") if low == high else (
                f"{format(low, ',.10g')}-{format(high, ',.10g')}")
            unit = q.dimension.split(":", 1)[1] if q.dimension.startswith("currency:") else (
                "" if q.dimension == "count" else q.dimension)
            qualifier = text[: len(text) - len(text.lstrip("abcdefghijklmnopqrstuvwxyz "))]
            return f"{qualifier}{unit + ' ' if unit else ''}{number} {word}".strip()
    return text


# Ordinal ranks are not figures to the extractor ("the second quarter", "first presidency"), but
# "the world's third-largest economy" states a rank that a claim with `unit: rank` must find.
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_SUPERLATIVES = ("largest", "biggest", "highest", "lowest", "smallest", "most", "least", "best",
                 "worst", "richest", "poorest", "longest", "top")
_RANK = re.compile(
    r"\b(?:(?P<word>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
    rf"|(?P<digits>\d{{1,3}})(?:st|nd|rd|th))[-\s](?:{'|'.join(_SUPERLATIVES)})\b",
    re.IGNORECASE,
)


def ranks(text: str) -> list[Quantity]:
    """Ordinal ranks stated with a superlative, as `rank` figures."""
    text = regex_letters(text)
    if text.isascii():
        # Most texts state no superlative at all; substring tests find that faster than the
        # pattern's scan. (Only in ASCII: case folding pairs "ſ" with "s", "İ" with "i".)
        lowered = text.lower()
        if not any(word in lowered for word in _SUPERLATIVES):
            return []
    found = []
    for match in _RANK.finditer(text):
        word = match.group("word")
        number = _ORDINALS[word.lower()] if word else int(match.group("digits"))
        quantity = from_value({"amount": number, "unit": "rank"})
        found.append(replace(quantity, text=match.group(), span=match.span()))
    return found


_DURATION_UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}


def quote_anchor(text: str, anchor: DateInterval | None,
                 corpus: Corpus | None = None) -> DateInterval | None:
    """What a quote's relative dates are relative to: its source's date, or else — for an undated
    source — the year of the latest full date the quote itself states ("Released on 20 January
    2025, … by 27 January" needs no publication date to place 27 January in 2025)."""
    from linter.text.dates import year_interval

    if anchor is not None:
        return anchor
    years = [date.fromordinal(int(q.high)).year for q in extracted(corpus, text)
             if q.dimension == "date" and q.bound == "exact"]
    return year_interval(max(years)) if years else None


# The same text is analysed by several rules in a run (a quote by unsourced-figure,
# attribution and unanchored-relative-date, each of its sentences again by attribution): the
# analyses are kept for the run in `corpus.memo`, keyed by the text itself, as Quantities:
# `derive` would hash every text and want JSON data, packed and unpacked on each use.


def extracted(corpus: Corpus | None, text: str) -> tuple[Quantity, ...]:
    """`extract_figures(text)`, once per run and text."""
    from linter.text.extract import extract_figures

    if corpus is None:
        return tuple(extract_figures(text))
    key = ("extract", text)
    found = corpus.memo.get(key)
    if found is None:
        found = corpus.memo[key] = tuple(extract_figures(text))
    return found


def text_figures(corpus: Corpus, text: str) -> list[Quantity]:
    """`extract_figures` plus ordinal ranks, once per run and text (a new list each call)."""
    key = ("figures", text)
    found = corpus.memo.get(key)
    if found is None:
        found = corpus.memo[key] = (*extracted(corpus, text), *ranks(text))
    return list(found)


def text_relatives(corpus: Corpus, text: str) -> list[RelativeDate]:
    """`find_relative_dates`, once per run and text (a new list each call)."""
    key = ("relatives", text)
    found = corpus.memo.get(key)
    if found is None:
        from linter.text.dates import find_relative_dates

        found = corpus.memo[key] = tuple(find_relative_dates(text))
    return list(found)


def quote_figures(text: str, anchor: DateInterval | None,
                  corpus: Corpus | None = None) -> list[Quantity]:
    """Figures stated in a quote. A relative date adds, once resolved against `anchor`, the
    interval it names; "three years ago" also states the duration "three years"; and a quote
    that dates itself relatively ("this week", "weeks earlier") lets the source's publication
    date stand as the time point it is relative to."""
    from linter.text.dates import resolve

    if corpus is not None:
        figures, relatives = text_figures(corpus, text), text_relatives(corpus, text)
    else:
        from linter.text.dates import find_relative_dates
        from linter.text.extract import extract_figures

        figures, relatives = [*extract_figures(text), *ranks(text)], find_relative_dates(text)
    anchor = quote_anchor(text, anchor, corpus) if relatives else anchor
    for relative in relatives:
        if relative.unit in _DURATION_UNITS and abs(relative.offset) > 1:
            figures.append(from_value({"amount": abs(relative.offset),
                                       "unit": _DURATION_UNITS[relative.unit]}))
        if anchor is not None:
            resolved = resolve(relative, anchor)
            if resolved is not None:
                figures.append(date_quantity(resolved, text=relative.phrase, span=relative.span))
    if anchor is not None and relatives:
        figures.append(date_quantity(anchor, text="the source's publication date"))
    return figures
