"""Geometry for the inline SVG of a conflict: each side's figure as an interval on one axis.

Numbers go on a number line, dates on a timeline. Horizontal coordinates are in a 720-unit
space the template writes as percentages of the figure's width (`Figure.pct`), and there is no
viewBox: the picture stretches to any width while its text keeps its size in pixels (11 px and
more on a phone, where a scaled 720-unit drawing shrank labels to 5 px).

Each side has a mark: a letter, a shape and a colour, repeated on its card, so that no reader
depends on telling hues apart. The hues are Okabe-Ito's colour-blind-safe set without its green
and vermilion: the sides of a conflict are not right and wrong, and red and green are the
report's own words for errors and for "ok". This module only computes coordinates and
label strings; the Jinja template draws the SVG elements, so every string (claim ids and values
come from claim files and are untrusted) passes through the template's autoescaping. No SVG
text is ever assembled here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

# Okabe-Ito blue, orange, reddish purple, sky blue, yellow and black: distinguishable with any
# common colour-vision deficiency, and in greyscale print by their lightness and shape.
PALETTE = ("#0072B2", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# A point mark's outline around (0, 0), in pixels; "circle" is drawn as a circle.
SHAPES = ("circle", "square", "diamond", "triangle", "triangle-down", "hexagon")
SHAPE_POINTS = {
    "square": "-5.5,-5.5 5.5,-5.5 5.5,5.5 -5.5,5.5",
    "diamond": "0,-7.5 7.5,0 0,7.5 -7.5,0",
    "triangle": "0,-7 7,6 -7,6",
    "triangle-down": "0,7 7,-6 -7,-6",
    "hexagon": "-3.5,-6 3.5,-6 7,0 3.5,6 -3.5,6 -7,0",
}


@dataclass(frozen=True)
class Mark:
    """How one side of a conflict is told apart: on the picture and on its card."""

    letter: str
    colour: str
    shape: str

    @property
    def points(self) -> str:
        return SHAPE_POINTS.get(self.shape, "")


def mark(index: int) -> Mark:
    letter = LETTERS[index % len(LETTERS)] + ("" if index < len(LETTERS) else str(
        index // len(LETTERS)))
    return Mark(letter, PALETTE[index % len(PALETTE)], SHAPES[index % len(SHAPES)])

WIDTH = 720
LEFT, RIGHT = 32.0, 688.0  # room for an arrow (12 px) at each end on a phone
ROW = 40.0
TOP = 6.0
MIN_BAR = 6.0  # a one-day date or an exact figure still needs a visible mark

_BASE_UNITS = {
    "percent": "%",
    "percentage-point": "percentage points",
    "count": "count",
    "times": "times",
    "length": "metres",
    "power": "watts",
    "energy": "watt-hours",
    "duration": "days",
}


@dataclass
class Bar:
    label: str
    colour: str
    mark: Mark
    x1: float
    x2: float
    y: float  # the bar's centre line
    text_y: float
    open_left: bool  # the interval reaches beyond the axis (a lower bound: "more than")
    open_right: bool
    point: bool  # too narrow to see as a bar: drawn as a dot


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Figure:
    width: int
    height: int
    left: float
    right: float
    axis_y: float
    ticks: list[Tick]
    bars: list[Bar]
    caption: str
    description: str  # for screen readers: what the picture shows, in words

    def pct(self, x: float) -> str:
        """A horizontal coordinate as a percentage of the figure's width."""
        return f"{x / self.width * 100:.2f}%"


class Span(NamedTuple):
    """One side of a conflict as drawn: the claim, its value as written, and the interval its
    wording admits in base units (ordinal days for dates; None: not computable)."""

    claim_id: str
    value: str | None
    low: float | None
    high: float | None


def number_line(dimension: str | None, spans: Sequence[Span]) -> Figure | None:
    """The figure for a conflict's sides, or None when no side has a computable interval."""
    drawable = [
        (i, side) for i, side in enumerate(spans)
        if side.low is not None and side.high is not None
    ]
    if not drawable:
        return None
    is_date = dimension == "date"
    finite = [v for _, s in drawable for v in (s.low, s.high) if v is not None and math.isfinite(v)]
    if not finite:
        return None
    lo, hi = min(finite), max(finite)
    span = hi - lo
    if is_date:
        span = max(span, 60.0)  # at least two months, so one-day marks have context
    elif span == 0:
        span = abs(lo) * 0.2 or 2.0
    centre = (lo + hi) / 2
    lo, hi = min(lo, centre - span / 2), max(hi, centre + span / 2)
    pad = span * 0.08
    d0, d1 = lo - pad, hi + pad

    def x(v: float) -> float:
        if v == -math.inf:
            return LEFT
        if v == math.inf:
            return RIGHT
        return LEFT + (v - d0) / (d1 - d0) * (RIGHT - LEFT)

    bars: list[Bar] = []
    words: list[str] = []
    for row, (index, side) in enumerate(drawable):
        assert side.low is not None and side.high is not None
        x1, x2 = x(side.low), x(side.high)
        point = x2 - x1 < MIN_BAR
        if point:
            mid = (x1 + x2) / 2
            x1, x2 = mid - MIN_BAR / 2, mid + MIN_BAR / 2
        top = TOP + row * ROW
        value = side.value or "no figure"
        side_mark = mark(index)
        bars.append(Bar(
            # The value first: on a phone the end of a long claim id is what gets clipped.
            label=f"{side_mark.letter}  {value} · {side.claim_id}",
            colour=side_mark.colour,
            mark=side_mark,
            x1=round(x1, 1),
            x2=round(x2, 1),
            y=round(top + 26, 1),
            text_y=round(top + 13, 1),
            open_left=side.low == -math.inf,
            open_right=side.high == math.inf,
            point=point,
        ))
        words.append(f"{side_mark.letter}: {side.claim_id} admits "
                     f"{_describe(side.low, side.high, is_date)}")
    axis_y = TOP + len(bars) * ROW + 8
    ticks = _date_ticks(d0, d1) if is_date else _number_ticks(d0, d1)
    return Figure(
        width=WIDTH,
        height=int(axis_y + 30),
        left=LEFT,
        right=RIGHT,
        axis_y=axis_y,
        ticks=[Tick(round(x(v), 1), label) for v, label in ticks],
        bars=bars,
        caption=_caption(dimension),
        description="; ".join(words) + ".",
    )


def _caption(dimension: str | None) -> str:
    if dimension == "date":
        return "Timeline: the span of days each claim's date admits at its precision."
    if dimension and dimension.startswith("currency:"):
        unit = dimension.split(":", 1)[1]
    else:
        unit = _BASE_UNITS.get(dimension or "", dimension or "value")
    return (f"Number line ({unit}): the interval each figure admits, after rounding and "
            "qualifiers such as about, more than, up to.")


def _describe(low: float, high: float, is_date: bool) -> str:
    def fmt(v: float) -> str:
        if is_date:
            return date.fromordinal(int(v)).isoformat()
        return f"{v:,.6g}"

    if low == -math.inf and high == math.inf:
        return "any value"
    if low == -math.inf:
        return f"up to {fmt(high)}"
    if high == math.inf:
        return f"{fmt(low)} or more"
    if low == high:
        return fmt(low)
    return f"{fmt(low)} to {fmt(high)}"


def _number_ticks(d0: float, d1: float) -> list[tuple[float, str]]:
    raw = (d1 - d0) / 6
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    biggest = max(abs(d0), abs(d1))
    divisor, suffix = next(
        ((10.0**e, s) for e, s in ((12, "T"), (9, "B"), (6, "M"), (3, "k")) if biggest >= 10.0**e),
        (1.0, ""),
    )
    decimals = max(0, -math.floor(math.log10(step / divisor) + 1e-9))
    ticks = []
    v = math.ceil(d0 / step) * step
    while v <= d1 + step * 1e-9:
        value = 0.0 if abs(v) < step * 1e-9 else v
        ticks.append((value, f"{value / divisor:,.{decimals}f}{suffix}"))
        v += step
    return ticks


def _date_ticks(d0: float, d1: float) -> list[tuple[float, str]]:
    start = date.fromordinal(max(1, math.ceil(d0)))
    end = date.fromordinal(max(1, math.floor(d1)))
    days = (end - start).days
    ticks: list[tuple[float, str]] = []
    if days > 3 * 365:
        years = end.year - start.year + 1
        every = max(1, math.ceil(years / 7))
        for year in range(start.year, end.year + 1):
            if (year - start.year) % every == 0 and date(year, 1, 1) >= start:
                ticks.append((float(date(year, 1, 1).toordinal()), str(year)))
        return ticks
    if days > 45:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        every = next(n for n in (1, 2, 3, 6, 12) if months / n <= 8 or n == 12)
        y, m = start.year, start.month
        for _ in range(months + 1):
            first = date(y, m, 1)
            # Calendar-aligned (January, April, July, October for a quarterly step), so that
            # every year boundary gets a tick.
            if start <= first <= end and (m - 1) % every == 0:
                ticks.append((float(first.toordinal()), f"{y:04d}-{m:02d}"))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return ticks
    every = max(1, math.ceil(days / 6))
    for offset in range(0, days + 1, every):
        day = date.fromordinal(start.toordinal() + offset)
        ticks.append((float(day.toordinal()), day.isoformat()))
    return ticks
