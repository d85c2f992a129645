"""Kind `conversion-mismatch`: a converted figure that is not what its own original converts to.

A `value` with `converted_from` says "this is that figure in another unit". With a `rate` (units
of the value per unit of the original) the value must be the original times the rate; without
one, a physical conversion (metres to feet, GWh to TWh, weeks to days) is checked with the unit
factors the value model has, and a change of currency is not checked (there is no rate to check
it with). Both figures are the intervals FL203 reads them as (the digits written, the
qualifier, the `tolerances`), and the rate admits the rounding of its own last digit, so "$540
million" from "€500 million at 1.08" agrees and "$3,000 ft" from "1,208 m" does not. When the
value states the original's number in the new unit (1,208 ft from 1,208 m, $500 million from
€500 million at 1.08) the message says the unit was relabelled rather than converted.

File-scoped: a claim is judged on its own value.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linter.load.figures import claim_figure, claim_original
from linter.model import Finding
from linter.rulebook.kinds.conflicting_figures import validate as validate_tolerances
from linter.text.lexicon import SCALES
from linter.text.quantity import UNITS, Quantity, Tolerances, digit_steps, interval

if TYPE_CHECKING:
    from linter.rulebook.context import Context

SCOPE = "file"
PARAMS: dict[str, object] = {"tolerances": {}}


def validate(params: dict[str, object]) -> None:
    validate_tolerances(params)


def _factor(stated: dict[str, Any]) -> float:
    """Base units per unit as written (feet: 0.3048 m), scale left out."""
    return UNITS[str(stated.get("unit", "count"))][1]


def _rate(origin: dict[str, Any]) -> tuple[float, float] | None:
    """The rate and the half of its last digit's place ("1.08": 0.005); None when absent or
    not a positive finite number (the schema reports a rate that is not a number)."""
    rate = origin.get("rate")
    if isinstance(rate, bool) or not isinstance(rate, int | float):
        return None
    if not math.isfinite(rate) or rate <= 0:
        return None
    text = repr(rate) if "e" not in repr(rate).lower() else format(rate, "f")
    return float(rate), digit_steps(text)[0] / 2


def _scaled(span: tuple[float, float], low: float, high: float) -> tuple[float, float]:
    ends = (span[0] * low, span[0] * high, span[1] * low, span[1] * high)
    return min(ends), max(ends)


def _apart(one: tuple[float, float], other: tuple[float, float]) -> bool:
    """Two closed intervals with no point in common (binary noise of unit factors absorbed)."""
    noise = 1e-9 * max(1.0, *(abs(end) for end in (*one, *other) if math.isfinite(end)))
    return one[1] < other[0] - noise or other[1] < one[0] - noise


def _relabelled(figure: Quantity, original: Quantity, value_unit: float,
                original_unit: float) -> bool:
    """The value's number, in its own unit, is the original's number in the original's unit."""
    pairs = ((figure.low / value_unit, original.low / original_unit),
             (figure.high / value_unit, original.high / original_unit))
    return all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12) for a, b in pairs)


def _written(numbers: list[float], stated: dict[str, Any]) -> str:
    """Numbers in the unit and scale of `stated`: "3,963.3 ft", "540 million USD"."""
    number = "-".join(format(round(n, 2), ",.10g") for n in sorted(set(numbers)))
    unit = str(stated.get("unit", "count"))
    return " ".join(part for part in (number, str(stated.get("scale") or ""),
                                      "" if unit == "count" else unit) if part)


def _as_stated(stated: dict[str, Any]) -> str:
    """A figure of the claim file as written ("3,000 ft", "500 million EUR")."""
    amount = stated.get("range", [stated.get("amount")])
    return _written([float(n) for n in amount], stated)


def _in(figure: Quantity, stated: dict[str, Any], per: float = 1.0) -> str:
    """`figure` (base units, times `per`) in the unit and scale of `stated`."""
    unit = _factor(stated) * SCALES.get(str(stated.get("scale")), 1.0)
    return _written([figure.low * per / unit, figure.high * per / unit], stated)


def mismatch(value: dict[str, Any], figure: Quantity, original: Quantity,
             tolerances: Tolerances) -> str | None:
    """What is wrong with a conversion, or None when it holds or cannot be checked."""
    origin: dict[str, Any] = value["converted_from"]
    value_unit, original_unit = _factor(value), _factor(origin)
    stated = interval(figure, tolerances)
    rate = _rate(origin)
    if rate is not None:
        per = value_unit / original_unit
        expected = _scaled(interval(original, tolerances),
                           (rate[0] - rate[1]) * per, (rate[0] + rate[1]) * per)
        if not _apart(stated, expected):
            return None
        said = (f"{_as_stated(origin)} at a rate of {format(rate[0], 'g')} is "
                f"{_in(original, value, rate[0] * per)}")
    elif figure.dimension == original.dimension:
        if not _apart(stated, interval(original, tolerances)):
            return None
        said = f"{_as_stated(origin)} is {_in(original, value)}"
    elif figure.dimension.startswith("currency:") and original.dimension.startswith("currency:"):
        return None  # a change of currency is checked only with the rate it was made at
    else:
        return (f"{_as_stated(value)} cannot be a conversion of {_as_stated(origin)}: they measure "
                "different things; give the `rate` used, or the original as the source states it")
    if _relabelled(figure, original, value_unit, original_unit):
        return (f"the value {_as_stated(value)} is the original's number with its unit relabelled, "
                f"not converted: {said}")
    return f"the value {_as_stated(value)} is not its original converted: {said}"


def check(ctx: Context) -> Iterator[Finding]:
    tolerances = Tolerances.from_params(ctx.params["tolerances"])
    for claim in ctx.corpus.claims:
        value = claim.get("value")
        if not isinstance(value, dict) or not isinstance(value.get("converted_from"), dict):
            continue
        figure, original = claim_figure(ctx.corpus, claim), claim_original(ctx.corpus, claim)
        if figure is None or original is None:
            continue  # no figure to check (a date, or a value the schema rejects)
        problem = mismatch(value, figure, original, tolerances)
        if problem is not None:
            yield ctx.at(claim.document, (*claim.path, "value", "converted_from"),
                         f"conversion does not match its origin in claim {claim.id!r}: "
                         f"{problem} — correct the value, the original or the `rate`",
                         subject=claim.id)
