"""Figures as intervals: the value model behind "unsourced figures" and "conflicting figures".

How factlint compares two figures
---------------------------------
Every figure, whether it comes from a claim's ``value`` or from text, is read as the closed
interval of values its wording admits. Two figures *conflict* only when they are comparable and
their intervals do not overlap; the wording, not one global epsilon, decides how wide each
interval is.

* **Only like with like.** Figures are comparable when they have the same dimension: percent,
  percentage points, a currency, a count, a multiplier ("times"), a length, power, energy,
  duration, data size (read from text only: the claim schema has no byte unit) or date.
  Percent and percentage points are never compared ("rose 5 percentage points" says nothing
  about "5%"). Currencies are never converted: "$5 billion" and
  "CNY 5 billion" are simply not comparable.
* **Units and magnitudes are normalised** before comparing: lengths to metres, power to watts,
  energy to watt-hours, data sizes to bytes, durations to days (a year is 365.25 days, a
  month a twelfth of that), magnitudes (thousand, million, billion, trillion, bn, 万, 亿)
  multiplied out. "About 4,000 feet" and "1,208 m" are the same kind of figure.
* **Exact figures are as exact as the digits written.** A figure admits half a unit of its
  last written digit: "$564 billion" is 563.5-564.5 billion, "82%" is 81.5-82.5%, "$118.42" and
  "$118.58" do not agree. The upper end belongs to the next figure up (82.5 rounds to 83), so
  "82%" and "83%" do not agree by touching. Trailing zeros of a whole number ("4,000",
  "$100,000") may or may not be rounding; they admit half a unit of the last non-zero digit,
  but never more than ``round_figure`` (2%) of the value. In a range the finer end decides
  ("80-85": the 80 is not rounded to tens).
* **Qualifiers become bounds.** about / around / some / roughly / approximately / an estimated:
  plus or minus ``approximate`` (10%) of the value, or the rounding if that is wider.
  nearly / almost / close to: down to ``nearly`` (10%) below the value, never above it.
  more than / over / above / exceeding: everything above the value; at least: the value and
  everything above it. less than / under / below: everything below the value; up to / at
  most: the value and everything below it. So "more than 200" and "less than 200" conflict,
  "at least 200" and "up to 200" do not; "more than 200" and "200" do not either, because
  "200" as written admits 200.4.
* **Ranges** ("80-85 percent", "between 80 and 85") admit everything from the low end to the
  high end, each end with its own rounding.
* **Dates are spans of days at their precision.** "2024" is 1 January-31 December 2024,
  "2025-01" the whole month, "2025-01-20" one day. 2024 and 2025-01-20 conflict; 2025 and
  2025-01-20 agree. "since 2019" reaches from 1 January 2019 onwards and "after 2019" from
  1 January 2020; "by 2027" / "until 2027" up to 31 December 2027 and "before 2027" up to
  31 December 2026. An approximate date widens by ``approximate_days`` on each side.
* **Finding a claim's figure in a quote** (``matches``) is stricter than agreement: same
  dimension and the same value within the rounding of the less precise of the two ("82%" =
  "82 percent", "$564 billion" = "564 billion dollars" = "US$564bn"), whatever the qualifiers.
  A date is found when one of the two spans contains the other.

All tolerances are parameters (``Tolerances``) that a rule file may override.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from typing import Any

from linter.text.dates import DateInterval, parse_date
from linter.text.lexicon import CLAIM_UNITS, SCALES

__all__ = [
    "BOUNDS",
    "DIMENSIONS",
    "QUALIFIER_BOUNDS",
    "UNITS",
    "Quantity",
    "Tolerances",
    "comparable",
    "compatible",
    "date_quantity",
    "describe",
    "digit_steps",
    "from_value",
    "interval",
    "matches",
]

#: Bounds a figure's wording can put on its value.
BOUNDS = frozenset(
    {
        "exact",
        "approximate",
        "approximate-not-above",
        "lower",
        "lower-inclusive",
        "upper",
        "upper-inclusive",
    }
)

#: Dimensions that are not currencies ("currency:XXX" is open-ended: one per ISO code).
DIMENSIONS = frozenset(
    {
        "percent",
        "percentage-point",
        "count",
        "times",
        "length",
        "power",
        "energy",
        "duration",
        "data",
        "date",
        "rank",
    }
)

#: The claim file's qualifier vocabulary mapped to bounds.
QUALIFIER_BOUNDS: dict[str, str] = {
    "exact": "exact",
    "about": "approximate",
    "nearly": "approximate-not-above",
    "more-than": "lower",
    "at-least": "lower-inclusive",
    "less-than": "upper",
    "up-to": "upper-inclusive",
}

#: The claim file's unit vocabulary (kept with every other unit in `linter.text.lexicon`).
#: A small table is enough (DESIGN.md); pint would cost an import and a registry for nothing.
UNITS: dict[str, tuple[str, float]] = CLAIM_UNITS
_SCALES: dict[str, float] = SCALES

_SET = object.__setattr__  # how a frozen dataclass sets its fields


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure: an interval of values in a dimension's base unit, with its wording's bound.

    ``low``/``high`` are equal for a point value. Dates carry ordinal days
    (``date.toordinal()``), inclusive over their ``precision`` ("day", "week", "month" or
    "year"; None for everything that is not a date). ``step`` is the place value of
    the last digit written and ``round_step`` that of the last non-zero digit, both in base
    units: they differ only for whole numbers with trailing zeros ("4,000"), whose zeros may be
    rounding. Both are 0 when the figure has no written digits to round (dates, "billions").
    """

    low: float
    high: float
    dimension: str
    bound: str = "exact"
    precision: str | None = None
    text: str = ""
    span: tuple[int, int] | None = None
    step: float = 0.0
    round_step: float = 0.0

    # Written out rather than generated: quantities are built in hot loops by the extractor,
    # and the generated frozen __init__ (a global lookup per field, then __post_init__) took
    # half again as long. Cheap invariants only.
    def __init__(
        self,
        low: float,
        high: float,
        dimension: str,
        bound: str = "exact",
        precision: str | None = None,
        text: str = "",
        span: tuple[int, int] | None = None,
        step: float = 0.0,
        round_step: float = 0.0,
    ) -> None:
        if not low <= high:
            raise ValueError(f"low {low!r} is above high {high!r}")
        if bound not in BOUNDS:
            raise ValueError(f"unknown bound {bound!r}")
        put = _SET
        put(self, "low", low)
        put(self, "high", high)
        put(self, "dimension", dimension)
        put(self, "bound", bound)
        put(self, "precision", precision)
        put(self, "text", text)
        put(self, "span", span)
        put(self, "step", step)
        put(self, "round_step", round_step)

    @property
    def is_range(self) -> bool:
        """True when the figure states a range rather than a point (dates excluded)."""
        return self.dimension != "date" and self.low != self.high



def date_quantity(interval: DateInterval, bound: str = "exact", text: str = "",
                  span: tuple[int, int] | None = None) -> Quantity:
    """The "date" Quantity of a span of days: ordinal days, inclusive, at its precision."""
    return Quantity(
        low=float(interval.start.toordinal()),
        high=float(interval.end.toordinal()),
        dimension="date",
        bound=bound,
        precision=interval.precision,
        text=text or interval.isoformat(),
        span=span,
    )


@dataclass(frozen=True, slots=True)
class Tolerances:
    """How far each kind of wording stretches a figure; defaults follow common newsroom usage.

    ``approximate``: relative half-width for about/around/some (0.10 = plus or minus 10%).
    ``nearly``: relative distance below the value admitted by nearly/almost (never above).
    ``round_figure``: relative cap on the rounding admitted for trailing zeros ("4,000").
    ``approximate_days``: days an approximate date widens by on each side.
    """

    approximate: float = 0.10
    nearly: float = 0.10
    round_figure: float = 0.02
    approximate_days: float = 31.0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"tolerance {f.name!r} must be a number, got {value!r}")
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"tolerance {f.name!r} must be finite and >= 0, got {value!r}")

    @classmethod
    def from_params(cls, params: dict[str, Any] | None) -> Tolerances:
        """Build tolerances from a rule file's parameters; unknown keys raise ValueError.

        Keys may be written with dashes or underscores ("approximate-days").
        """
        if not params:
            return cls()
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in params.items():
            name = str(key).replace("-", "_")
            if name not in known:
                raise ValueError(
                    f"unknown tolerance parameter {key!r} (known: {', '.join(sorted(known))})"
                )
            values[name] = value
        return cls(**values)


_DEFAULT_TOLERANCES = Tolerances()


# Commas and the spaces that group thousands (plain, no-break, narrow no-break, thin).
_THOUSANDS_SEPARATORS = re.compile("[,\\s\u00a0\u202f\u2009]")


def digit_steps(digits: str) -> tuple[float, float]:
    """Place values of the last digit and of the last non-zero digit of a written number.

    "564" -> (1, 1); "593.7" -> (0.1, 0.1); "4,000" -> (1, 1000); "2.50" -> (0.01, 0.01).
    A zero ("0") gives (1, 1). Thousands may be grouped with commas or spaces ("25 000").
    """
    plain = _THOUSANDS_SEPARATORS.sub("", digits)
    if "." in plain:
        decimals = len(plain) - plain.index(".") - 1
        step = 10.0**-decimals
        return step, step
    stripped = plain.rstrip("0")
    if not stripped:
        return 1.0, 1.0
    return 1.0, 10.0 ** (len(plain) - len(stripped))


def _rounding(q: Quantity, value: float, tol: Tolerances) -> float:
    """Half-width admitted by rounding of the digits written, for an exact reading."""
    # min(round_step / 2, cap) and max(step / 2, coarse), spelled out as the builtins decide
    # (the first unless a later one is strictly beyond it): this runs for every pair of
    # figures compared, and the builtin calls were a good part of it.
    half_round, cap = q.round_step / 2, tol.round_figure * abs(value)
    coarse = cap if cap < half_round else half_round
    half = q.step / 2
    return coarse if coarse > half else half


# An end of an interval: (value, closed). Rounding ends are half-open and strict bounds open,
# so that "82%" and "83%" (81.5-82.5 and 82.5-83.5) do not agree by touching, and "more
# than 200" never agrees with "less than 200".
_End = tuple[float, bool]


def _ends(q: Quantity, tol: Tolerances) -> tuple[_End, _End]:
    inf = math.inf
    lo, hi, bound = q.low, q.high, q.bound
    if q.dimension == "date":
        days = tol.approximate_days
        if bound == "exact":
            return (lo, True), (hi, True)
        if bound == "approximate":
            return (lo - days, True), (hi + days, True)
        if bound == "approximate-not-above":
            return (lo - days, True), (hi, True)
        if bound == "lower":  # after X: strictly after the last day of X
            return (hi, False), (inf, True)
        if bound == "lower-inclusive":  # since X: from the first day of X
            return (lo, True), (inf, True)
        if bound == "upper":  # before X: strictly before the first day of X
            return (-inf, True), (lo, False)
        return (-inf, True), (hi, True)  # by / until X: up to the last day of X
    if bound == "exact":
        r_lo, r_hi = _rounding(q, lo, tol), _rounding(q, hi, tol)
        # Rounding admits [v - r, v + r): the upper end belongs to the next figure up.
        return (lo - r_lo, True), (hi + r_hi, r_hi == 0)
    if bound == "approximate":
        return (
            (lo - max(_rounding(q, lo, tol), tol.approximate * abs(lo)), True),
            (hi + max(_rounding(q, hi, tol), tol.approximate * abs(hi)), True),
        )
    if bound == "approximate-not-above":
        return (lo - max(_rounding(q, lo, tol), tol.nearly * abs(lo)), True), (hi, True)
    if bound == "lower":
        return (lo, False), (inf, True)
    if bound == "lower-inclusive":
        return (lo, True), (inf, True)
    if bound == "upper":
        return (-inf, True), (hi, False)
    return (-inf, True), (hi, True)


def interval(q: Quantity, tolerances: Tolerances | None = None) -> tuple[float, float]:
    """The interval of values ``q``'s wording admits, as (low, high) (see module docstring).

    Open-ended bounds give -inf / +inf. The tuple is the closure: whether an end itself is
    admitted (strict "more than", the upper end of a rounding) is taken into account by
    ``compatible``.
    """
    (lo, _), (hi, _) = _ends(q, tolerances or _DEFAULT_TOLERANCES)
    return lo, hi


def comparable(a: Quantity, b: Quantity) -> bool:
    """True when two figures measure the same thing (same dimension, same currency)."""
    return a.dimension == b.dimension


def compatible(a: Quantity, b: Quantity, tolerances: Tolerances | None = None) -> bool:
    """True when ``a`` and ``b`` are comparable and can both be true (intervals overlap).

    Figures that are not comparable are not compatible either; the conflict rule asks
    ``comparable`` first and only reports a conflict between comparable figures.
    """
    if not comparable(a, b):
        return False
    tol = tolerances or _DEFAULT_TOLERANCES
    (a_lo, a_lo_c), (a_hi, a_hi_c) = _ends(a, tol)
    (b_lo, b_lo_c), (b_hi, b_hi_c) = _ends(b, tol)
    # The intersection's ends: the larger low end and the smaller high end, each closed only
    # when every interval that reaches it includes it.
    if a_lo > b_lo:
        lo, lo_closed = a_lo, a_lo_c
    elif b_lo > a_lo:
        lo, lo_closed = b_lo, b_lo_c
    else:
        lo, lo_closed = a_lo, a_lo_c and b_lo_c
    if a_hi < b_hi:
        hi, hi_closed = a_hi, a_hi_c
    elif b_hi < a_hi:
        hi, hi_closed = b_hi, b_hi_c
    else:
        hi, hi_closed = a_hi, a_hi_c and b_hi_c
    return lo < hi or (lo == hi and lo_closed and hi_closed)


def _close(x: float, y: float, tolerance: float) -> bool:
    # A relative epsilon absorbs binary noise from unit factors (0.3048, 365.25/12); the
    # scale is max(|x|, |y|, 1.0), spelled out as in `_rounding`.
    scale, other = abs(x), abs(y)
    if other > scale:
        scale = other
    if scale < 1.0:
        scale = 1.0
    return abs(x - y) <= tolerance + 1e-9 * scale


def matches(a: Quantity, b: Quantity, tolerances: Tolerances | None = None) -> bool:
    """True when ``a`` and ``b`` state the same figure, as for "is this claim figure in this quote".

    Same dimension and the same value (both ends of a range) within the rounding of the less
    precise of the two; bounds are not compared ("about 2.5 times" matches 2.5 times). Dates
    match when one span contains the other ("January 2025" and "2025-01-20").
    """
    if a.dimension != b.dimension:
        return False
    if a.dimension == "date":
        return (a.low <= b.low and b.high <= a.high) or (b.low <= a.low and a.high <= b.high)
    tol = tolerances or _DEFAULT_TOLERANCES
    first, second = _rounding(a, a.low, tol), _rounding(b, b.low, tol)
    if not _close(a.low, b.low, second if second > first else first):
        return False
    first, second = _rounding(a, a.high, tol), _rounding(b, b.high, tol)
    return _close(a.high, b.high, second if second > first else first)


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{what} must be finite, got {value!r}")
    return float(value)


def _steps_of(value: int | float) -> tuple[float, float]:
    """Rounding steps of a number as YAML gave it (its shortest repr is what was written)."""
    text = repr(value).lstrip("-")
    if "e" in text or "E" in text:  # 1e-05, 1.5e+20: rare, worth the decimal import then
        from decimal import Decimal

        text = format(Decimal(text), "f")
    return digit_steps(text)


def from_value(value: dict[str, Any]) -> Quantity:
    """Build a Quantity from a claim file's ``value`` mapping (schema ``$defs/figure``).

    Raises ValueError with a plain message when the mapping is not a figure (no amount, range
    or date; unknown unit, scale or qualifier; a range whose low end is above its high end).
    A value with an amount and no unit is a count.
    """
    if not isinstance(value, dict):
        raise ValueError(f"a figure must be a mapping, got {type(value).__name__}")
    qualifier = value.get("qualifier", "exact")
    if qualifier not in QUALIFIER_BOUNDS:
        raise ValueError(f"unknown qualifier {qualifier!r}")
    bound = QUALIFIER_BOUNDS[qualifier]
    present = [key for key in ("amount", "range", "date") if key in value]
    if len(present) != 1:
        raise ValueError("a figure needs exactly one of amount, range or date")

    if present[0] == "date":
        raw = value["date"]
        return date_quantity(parse_date(str(raw)), bound=bound, text=str(raw))

    unit = value.get("unit", "count")
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    dimension, factor = UNITS[unit]
    scale_name = value.get("scale")
    if scale_name is not None and scale_name not in _SCALES:
        raise ValueError(f"unknown scale {scale_name!r}")
    factor *= _SCALES.get(scale_name, 1.0) if scale_name else 1.0

    if present[0] == "amount":
        raw_numbers = [value["amount"]]
        numbers = [_number(value["amount"], "amount")]
    else:
        raw_range = value["range"]
        if not isinstance(raw_range, list | tuple) or len(raw_range) != 2:
            raise ValueError("range must be a list of two numbers [low, high]")
        raw_numbers = list(raw_range)
        numbers = [_number(raw_range[0], "range low"), _number(raw_range[1], "range high")]
        if numbers[0] > numbers[1]:
            raise ValueError(f"range low {numbers[0]:g} is above range high {numbers[1]:g}")
    steps = [_steps_of(n) for n in raw_numbers]
    # A range rounds like its coarser end ("80.5-85": 1); whether trailing zeros are rounding
    # is told by the finer end ("80-85": the 80 is not rounded to tens).
    step = max(s for s, _ in steps) * factor
    round_step = max(step, min(r for _, r in steps) * factor)
    text = " ".join(
        part
        for part in (
            "-".join(format(n, "g") for n in numbers),
            scale_name or "",
            unit if unit != "count" else "",
        )
        if part
    )
    return Quantity(
        low=numbers[0] * factor,
        high=numbers[-1] * factor,
        dimension=dimension,
        bound=bound,
        text=text,
        step=step,
        round_step=round_step,
    )


_BOUND_WORDS = {
    "exact": "",
    "approximate": "about ",
    "approximate-not-above": "nearly ",
    "lower": "more than ",
    "lower-inclusive": "at least ",
    "upper": "less than ",
    "upper-inclusive": "up to ",
}
_DATE_BOUND_WORDS = {
    "exact": "",
    "approximate": "around ",
    "approximate-not-above": "nearly ",
    "lower": "after ",
    "lower-inclusive": "since ",
    "upper": "before ",
    "upper-inclusive": "by ",
}
_BASE_UNITS = {
    "percent": "%",
    "percentage-point": " percentage points",
    "count": "",
    "times": " times",
    "length": " m",
    "power": " W",
    "energy": " Wh",
    "duration": " days",
    "data": " bytes",
}


def describe(q: Quantity) -> str:
    """A short, stable rendering of a figure in base units, for messages and reports.

    "about 1,219.2 m", "more than 40%", "564,000,000,000 USD"; dates in ISO form at their
    precision ("2024", "2025-01", "2025-01-20").
    """
    prefix = _BOUND_WORDS.get(q.bound, "")
    if q.dimension == "date":
        prefix = _DATE_BOUND_WORDS.get(q.bound, "")
        from datetime import date

        start, end = date.fromordinal(int(q.low)), date.fromordinal(int(q.high))
        if q.precision == "year":
            body = f"{start.year}" if start.year == end.year else f"{start.year}-{end.year}"
        elif q.precision == "month" and (start.year, start.month) == (end.year, end.month):
            body = f"{start.year:04d}-{start.month:02d}"
        elif start == end:
            body = start.isoformat()
        else:
            body = f"{start.isoformat()}..{end.isoformat()}"
        return prefix + body

    def num(x: float) -> str:
        return f"{x:,.0f}" if x == int(x) and abs(x) < 1e18 else f"{x:,.6g}"

    body = num(q.low) if q.low == q.high else f"{num(q.low)}-{num(q.high)}"
    if q.dimension.startswith("currency:"):
        return f"{prefix}{body} {q.dimension.split(':', 1)[1]}"
    return prefix + body + _BASE_UNITS.get(q.dimension, f" {q.dimension}")
