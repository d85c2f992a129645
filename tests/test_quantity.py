"""Table-driven tests for linter.text.quantity: the value model and its comparison semantics."""

from __future__ import annotations

import math
from typing import Any

import pytest

from linter.text.extract import extract_figures
from linter.text.quantity import (
    Quantity,
    Tolerances,
    comparable,
    compatible,
    describe,
    digit_steps,
    from_value,
    interval,
    matches,
)

INF = math.inf
FT = 0.3048


def one(text: str) -> Quantity:
    """The single figure extracted from ``text``."""
    figures = extract_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


# ----------------------------------------------------------------------------- from_value

FROM_VALUE: list[tuple[dict[str, Any], str, float, float, str]] = [
    ({"amount": 82, "unit": "percent"}, "percent", 82, 82, "exact"),
    ({"amount": 564, "scale": "billion", "unit": "USD"}, "currency:USD", 564e9, 564e9, "exact"),
    (
        {"amount": 4000, "unit": "ft", "qualifier": "about"},
        "length",
        4000 * FT,
        4000 * FT,
        "approximate",
    ),
    ({"amount": 1208, "unit": "m"}, "length", 1208, 1208, "exact"),
    ({"amount": 2.5, "unit": "times"}, "times", 2.5, 2.5, "exact"),
    ({"amount": 200, "qualifier": "more-than"}, "count", 200, 200, "lower"),
    ({"amount": 15, "qualifier": "at-least"}, "count", 15, 15, "lower-inclusive"),
    ({"amount": 10, "unit": "percent", "qualifier": "less-than"}, "percent", 10, 10, "upper"),
    (
        {"amount": 350, "scale": "thousand", "qualifier": "up-to"},
        "count",
        350e3,
        350e3,
        "upper-inclusive",
    ),
    (
        {"amount": 600, "scale": "billion", "unit": "CNY", "qualifier": "nearly"},
        "currency:CNY",
        600e9,
        600e9,
        "approximate-not-above",
    ),
    ({"range": [80, 85], "unit": "percent"}, "percent", 80, 85, "exact"),
    ({"amount": 3, "unit": "percentage-point"}, "percentage-point", 3, 3, "exact"),
    ({"amount": 5, "unit": "GW"}, "power", 5e9, 5e9, "exact"),
    ({"amount": 12, "unit": "TWh"}, "energy", 12e12, 12e12, "exact"),
    ({"amount": 3, "unit": "months"}, "duration", 3 * 365.25 / 12, 3 * 365.25 / 12, "exact"),
    ({"amount": 5, "unit": "years"}, "duration", 5 * 365.25, 5 * 365.25, "exact"),
    ({"amount": 2, "unit": "weeks"}, "duration", 14, 14, "exact"),
    ({"amount": 20, "unit": "HKD", "scale": "billion"}, "currency:HKD", 20e9, 20e9, "exact"),
    ({"amount": 1, "unit": "km"}, "length", 1000, 1000, "exact"),
    ({"amount": 1, "unit": "mi"}, "length", 1609.344, 1609.344, "exact"),
    ({"amount": 0, "unit": "count"}, "count", 0, 0, "exact"),
]


@pytest.mark.parametrize(("value", "dimension", "low", "high", "bound"), FROM_VALUE)
def test_from_value(value: dict[str, Any], dimension: str, low: float, high: float, bound: str):
    q = from_value(value)
    assert (q.dimension, q.bound) == (dimension, bound)
    assert math.isclose(q.low, low, rel_tol=1e-12)
    assert math.isclose(q.high, high, rel_tol=1e-12)


@pytest.mark.parametrize(
    ("value", "iso_start", "iso_end", "precision", "bound"),
    [
        ({"date": "2024"}, "2024-01-01", "2024-12-31", "year", "exact"),
        ({"date": "2025-01"}, "2025-01-01", "2025-01-31", "month", "exact"),
        ({"date": "2024-02"}, "2024-02-01", "2024-02-29", "month", "exact"),
        ({"date": "2025-01-20"}, "2025-01-20", "2025-01-20", "day", "exact"),
        (
            {"date": "2019", "qualifier": "at-least"},
            "2019-01-01",
            "2019-12-31",
            "year",
            "lower-inclusive",
        ),
    ],
)
def test_from_value_dates(
    value: dict[str, Any], iso_start: str, iso_end: str, precision: str, bound: str
) -> None:
    from datetime import date

    q = from_value(value)
    assert q.dimension == "date"
    assert date.fromordinal(int(q.low)).isoformat() == iso_start
    assert date.fromordinal(int(q.high)).isoformat() == iso_end
    assert (q.precision, q.bound) == (precision, bound)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"amount": 5, "unit": "parsecs"}, "unknown unit"),
        ({"amount": 5, "scale": "zillion"}, "unknown scale"),
        ({"amount": 5, "qualifier": "roughly"}, "unknown qualifier"),
        ({"amount": 5, "range": [1, 2]}, "exactly one"),
        ({"unit": "percent"}, "exactly one"),
        ({"amount": True}, "must be a number"),
        ({"amount": "82"}, "must be a number"),
        ({"amount": float("nan")}, "finite"),
        ({"range": [85, 80]}, "above range high"),
        ({"range": [80]}, "two numbers"),
        ({"date": "2025-02-30"}, "not a valid date"),
        ({"date": "Jan 2025"}, "not a date"),
    ],
)
def test_from_value_errors(value: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        from_value(value)


def test_from_value_rejects_non_mapping() -> None:
    with pytest.raises(ValueError, match="mapping"):
        from_value([82])  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- rounding


@pytest.mark.parametrize(
    ("digits", "step", "round_step"),
    [
        ("564", 1, 1),
        ("593.7", 0.1, 0.1),
        ("4,000", 1, 1000),
        ("2.50", 0.01, 0.01),
        ("100,000", 1, 100_000),
        ("240", 1, 10),
        ("0", 1, 1),
        ("82", 1, 1),
        ("25 000", 1, 1000),  # thousands grouped with a space
        ("12\u202f500", 1, 100),  # or a narrow no-break space
    ],
)
def test_digit_steps(digits: str, step: float, round_step: float) -> None:
    assert digit_steps(digits) == pytest.approx((step, round_step))


# ----------------------------------------------------------------------------- intervals

INTERVALS: list[tuple[dict[str, Any], float, float]] = [
    ({"amount": 564, "scale": "billion", "unit": "USD"}, 563.5e9, 564.5e9),
    ({"amount": 82, "unit": "percent"}, 81.5, 82.5),
    ({"amount": 118.42, "unit": "USD"}, 118.415, 118.425),
    ({"amount": 4000, "unit": "ft", "qualifier": "about"}, 3600 * FT, 4400 * FT),
    ({"amount": 4000, "unit": "ft"}, 3920 * FT, 4080 * FT),  # trailing zeros: capped at 2%
    ({"amount": 600, "scale": "billion", "qualifier": "nearly"}, 540e9, 600e9),
    ({"amount": 200, "qualifier": "more-than"}, 200, INF),
    ({"amount": 200, "qualifier": "at-least"}, 200, INF),
    ({"amount": 10, "qualifier": "less-than"}, -INF, 10),
    ({"amount": 350000, "qualifier": "up-to"}, -INF, 350000),
    ({"range": [80, 85], "unit": "percent"}, 79.5, 85.5),
    ({"amount": 2.5, "unit": "times", "qualifier": "about"}, 2.25, 2.75),
]


@pytest.mark.parametrize(("value", "low", "high"), INTERVALS)
def test_interval(value: dict[str, Any], low: float, high: float) -> None:
    lo, hi = interval(from_value(value))
    assert lo == pytest.approx(low, rel=1e-9)
    assert hi == pytest.approx(high, rel=1e-9)


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ({"date": "2024"}, "2024-01-01", "2024-12-31"),
        ({"date": "2019", "qualifier": "at-least"}, "2019-01-01", None),
        ({"date": "2019", "qualifier": "more-than"}, "2019-12-31", None),
        ({"date": "2027", "qualifier": "up-to"}, None, "2027-12-31"),
        ({"date": "2025", "qualifier": "less-than"}, None, "2025-01-01"),
        ({"date": "2025-01-20", "qualifier": "about"}, "2024-12-20", "2025-02-20"),
    ],
)
def test_date_interval(value: dict[str, Any], start: str | None, end: str | None) -> None:
    from datetime import date

    lo, hi = interval(from_value(value))
    assert (date.fromordinal(int(lo)).isoformat() if start else lo) == (start or -INF)
    assert (date.fromordinal(int(hi)).isoformat() if end else hi) == (end or INF)


# ----------------------------------------------------------------------------- compatible

V = from_value
COMPATIBLE: list[tuple[str, Quantity, Quantity, bool]] = [
    # DESIGN.md's examples
    (
        "about 4,000 ft ~ 1,208 m",
        V({"amount": 4000, "unit": "ft", "qualifier": "about"}),
        V({"amount": 1208, "unit": "m"}),
        True,
    ),
    ("more than 200 ~ 237", V({"amount": 200, "qualifier": "more-than"}), V({"amount": 237}), True),
    ("2024 !~ 2025-01-20", V({"date": "2024"}), V({"date": "2025-01-20"}), False),
    ("2025 ~ 2025-01-20", V({"date": "2025"}), V({"date": "2025-01-20"}), True),
    ("2025-01 ~ 2025-01-20", V({"date": "2025-01"}), V({"date": "2025-01-20"}), True),
    ("2024-12 !~ 2025-01-20", V({"date": "2024-12"}), V({"date": "2025-01-20"}), False),
    # the brief's rounding examples
    (
        "nearly 600bn ~ 593.7bn",
        V({"amount": 600, "scale": "billion", "qualifier": "nearly"}),
        V({"amount": 593.7, "scale": "billion"}),
        True,
    ),
    (
        "$118.42 !~ $118.58",
        V({"amount": 118.42, "unit": "USD"}),
        V({"amount": 118.58, "unit": "USD"}),
        False,
    ),
    (
        "$564bn ~ $564.4bn",
        V({"amount": 564, "scale": "billion", "unit": "USD"}),
        V({"amount": 564.4, "scale": "billion", "unit": "USD"}),
        True,
    ),
    (
        "$564bn !~ $566bn",
        V({"amount": 564, "scale": "billion", "unit": "USD"}),
        V({"amount": 566, "scale": "billion", "unit": "USD"}),
        False,
    ),
    (
        "82% !~ 83%",
        V({"amount": 82, "unit": "percent"}),
        V({"amount": 83, "unit": "percent"}),
        False,
    ),
    (
        "about 82% ~ 85%",
        V({"amount": 82, "unit": "percent", "qualifier": "about"}),
        V({"amount": 85, "unit": "percent"}),
        True,
    ),
    ("nearly 600 !~ 601", V({"amount": 600, "qualifier": "nearly"}), V({"amount": 601}), False),
    (
        "more than 200 !~ 150",
        V({"amount": 200, "qualifier": "more-than"}),
        V({"amount": 150}),
        False,
    ),
    ("up to 350k ~ 300k", V({"amount": 350000, "qualifier": "up-to"}), V({"amount": 300000}), True),
    (
        "less than 10% !~ 12%",
        V({"amount": 10, "unit": "percent", "qualifier": "less-than"}),
        V({"amount": 12, "unit": "percent"}),
        False,
    ),
    (
        "80-85% ~ 82%",
        V({"range": [80, 85], "unit": "percent"}),
        V({"amount": 82, "unit": "percent"}),
        True,
    ),
    (
        "80-85% !~ 90%",
        V({"range": [80, 85], "unit": "percent"}),
        V({"amount": 90, "unit": "percent"}),
        False,
    ),
    (
        "more than 200 ~ less than 300",
        V({"amount": 200, "qualifier": "more-than"}),
        V({"amount": 300, "qualifier": "less-than"}),
        True,
    ),
    (
        "on the boundary: more than 200 ~ 200",
        V({"amount": 200, "qualifier": "more-than"}),
        V({"amount": 200}),
        True,
    ),
    (
        "5% !~ 5 percentage points",
        V({"amount": 5, "unit": "percent"}),
        V({"amount": 5, "unit": "percentage-point"}),
        False,
    ),
    (
        "$5bn !~ CNY 5bn",
        V({"amount": 5, "scale": "billion", "unit": "USD"}),
        V({"amount": 5, "scale": "billion", "unit": "CNY"}),
        False,
    ),
    ("since 2019 ~ 2024", V({"date": "2019", "qualifier": "at-least"}), V({"date": "2024"}), True),
    ("by 2027 !~ 2028", V({"date": "2027", "qualifier": "up-to"}), V({"date": "2028"}), False),
    (
        "more than 200 !~ less than 200",
        V({"amount": 200, "qualifier": "more-than"}),
        V({"amount": 200, "qualifier": "less-than"}),
        False,
    ),
    (
        "at least 200 ~ up to 200",
        V({"amount": 200, "qualifier": "at-least"}),
        V({"amount": 200, "qualifier": "up-to"}),
        True,
    ),
    (
        "more than 200 !~ up to 200",
        V({"amount": 200, "qualifier": "more-than"}),
        V({"amount": 200, "qualifier": "up-to"}),
        False,
    ),
    (
        "after 2019 !~ 2019-12-31",
        V({"date": "2019", "qualifier": "more-than"}),
        V({"date": "2019-12-31"}),
        False,
    ),
    (
        "after 2019 ~ 2020-01",
        V({"date": "2019", "qualifier": "more-than"}),
        V({"date": "2020-01"}),
        True,
    ),
    (
        "before 2025 !~ 2025-01-01",
        V({"date": "2025", "qualifier": "less-than"}),
        V({"date": "2025-01-01"}),
        False,
    ),
    (
        "before 2025 ~ 2024",
        V({"date": "2025", "qualifier": "less-than"}),
        V({"date": "2024"}),
        True,
    ),
    ("2024-12-31 ~ 2024", V({"date": "2024-12-31"}), V({"date": "2024"}), True),
    (
        "82% ~ 82.4%",
        V({"amount": 82, "unit": "percent"}),
        V({"amount": 82.4, "unit": "percent"}),
        True,
    ),
    ("70% ~ 71%", V({"amount": 70, "unit": "percent"}), V({"amount": 71, "unit": "percent"}), True),
    (
        "3 months ~ 90 days",
        V({"amount": 3, "unit": "months", "qualifier": "about"}),
        V({"amount": 90, "unit": "days"}),
        True,
    ),
]


@pytest.mark.parametrize(("name", "a", "b", "expected"), COMPATIBLE, ids=[c[0] for c in COMPATIBLE])
def test_compatible(name: str, a: Quantity, b: Quantity, expected: bool) -> None:
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected  # symmetric


def test_comparable() -> None:
    usd = V({"amount": 5, "unit": "USD"})
    assert comparable(usd, V({"amount": 7, "unit": "USD"}))
    assert not comparable(usd, V({"amount": 5, "unit": "HKD"}))
    assert not comparable(V({"amount": 5, "unit": "percent"}), V({"amount": 5}))
    assert comparable(V({"date": "2024"}), V({"date": "2025-01-20"}))


def test_extracted_and_declared_figures_compare() -> None:
    # The conflict the project is known for, with the extractor on one side.
    launched = one("In 2024, the Chinese startup DeepSeek stunned the global tech community.")
    released = V({"date": "2025-01-20"})
    assert comparable(launched, released)
    assert not compatible(launched, released)
    assert compatible(one("at nearly 4,000 feet"), V({"amount": 1208, "unit": "m"}))


# ----------------------------------------------------------------------------- tolerances


def test_tolerances_from_params() -> None:
    tol = Tolerances.from_params({"approximate": 0.05, "approximate-days": 7})
    assert tol == Tolerances(approximate=0.05, approximate_days=7)
    assert Tolerances.from_params(None) == Tolerances()
    assert Tolerances.from_params({}) == Tolerances()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"approximately": 0.1}, "approximately"),
        ({"epsilon": 1}, "epsilon"),
        ({"approximate": -0.1}, ">= 0"),
        ({"nearly": "ten"}, "must be a number"),
        ({"round_figure": float("inf")}, "finite"),
        ({"approximate": True}, "must be a number"),
    ],
)
def test_tolerances_from_params_errors(params: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Tolerances.from_params(params)


def test_tolerances_change_the_verdict() -> None:
    about = V({"amount": 100, "qualifier": "about"})
    other = V({"amount": 108})
    assert compatible(about, other)
    assert not compatible(about, other, Tolerances(approximate=0.05))
    date_about = V({"date": "2025-01-20", "qualifier": "about"})
    assert compatible(date_about, V({"date": "2025-02-10"}))
    assert not compatible(date_about, V({"date": "2025-02-10"}), Tolerances(approximate_days=7))


# ----------------------------------------------------------------------------- matches

MATCHES: list[tuple[str, Quantity, str, bool]] = [
    ("82% = 82 percent", V({"amount": 82, "unit": "percent"}), "it was 82 percent", True),
    ("82% = 82%", V({"amount": 82, "unit": "percent"}), "82% of AI chips", True),
    ("82% != 83%", V({"amount": 82, "unit": "percent"}), "83% of AI chips", False),
    (
        "$564bn = 564 billion dollars",
        V({"amount": 564, "scale": "billion", "unit": "USD"}),
        "spending 564 billion dollars",
        True,
    ),
    (
        "$564bn = US$564bn",
        V({"amount": 564, "scale": "billion", "unit": "USD"}),
        "spending US$564bn",
        True,
    ),
    (
        "$564bn = $564 billion",
        V({"amount": 564, "scale": "billion", "unit": "USD"}),
        "It is spending $564 billion on grid",
        True,
    ),
    (
        "$564bn != $565bn",
        V({"amount": 564, "scale": "billion", "unit": "USD"}),
        "spending $565 billion",
        False,
    ),
    (
        "$564bn != HK$564bn",
        V({"amount": 564, "scale": "billion", "unit": "USD"}),
        "spending HK$564bn",
        False,
    ),
    (
        "2.5 times = about 2.5 times",
        V({"amount": 2.5, "unit": "times"}),
        "about 2.5 times as much",
        True,
    ),
    (
        "4,000 ft = nearly 4,000 feet",
        V({"amount": 4000, "unit": "ft", "qualifier": "nearly"}),
        "at nearly 4,000 feet",
        True,
    ),
    (
        "80-85% = Some 80-85 percent",
        V({"range": [80, 85], "unit": "percent"}),
        "Some 80-85 percent of the economy",
        True,
    ),
    ("80-85% != 80 percent", V({"range": [80, 85], "unit": "percent"}), "80 percent", False),
    ("2025-01-20 = January 20, 2025", V({"date": "2025-01-20"}), "on January 20, 2025", True),
    ("2025-01 = January 20, 2025", V({"date": "2025-01"}), "on January 20, 2025", True),
    ("2024 != January 20, 2025", V({"date": "2024"}), "on January 20, 2025", False),
    (
        "5% != 5 percentage points",
        V({"amount": 5, "unit": "percent"}),
        "5 percentage points",
        False,
    ),
    (
        "240 million = some 240 million",
        V({"amount": 240, "scale": "million"}),
        "some 240 million people",
        True,
    ),
    ("100,000 != 150,000", V({"amount": 100000, "unit": "USD"}), "$150,000", False),
    # issue 22: currency words after an adjective, pence, space-grouped thousands, multipliers
    (
        "HKD 2bn = 2 billion Hong Kong dollars",
        V({"amount": 2, "scale": "billion", "unit": "HKD"}),
        "worth 2 billion Hong Kong dollars",
        True,
    ),
    ("GBP 3 = 300 pence", V({"amount": 3, "unit": "GBP"}), "closed at 300 pence", True),
    ("300 != 300 pence", V({"amount": 300}), "closed at 300 pence", False),
    ("EUR 25,000 = 25 000 euros", V({"amount": 25000, "unit": "EUR"}), "a 25 000 euros fine", True),
    ("3 times = tripled", V({"amount": 3, "unit": "times"}), "Profits tripled.", True),
]


@pytest.mark.parametrize(
    ("name", "claim", "quote", "expected"), MATCHES, ids=[m[0] for m in MATCHES]
)
def test_matches(name: str, claim: Quantity, quote: str, expected: bool) -> None:
    found = extract_figures(quote)
    assert any(matches(claim, q) for q in found) is expected
    assert any(matches(q, claim) for q in found) is expected  # symmetric


# ----------------------------------------------------------------------------- model


def test_quantity_invariants() -> None:
    with pytest.raises(ValueError, match="above high"):
        Quantity(low=2, high=1, dimension="count")
    with pytest.raises(ValueError, match="unknown bound"):
        Quantity(low=1, high=1, dimension="count", bound="roughly")
    assert Quantity(low=1, high=2, dimension="count").is_range
    assert not Quantity(low=1, high=1, dimension="count").is_range


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({"amount": 82, "unit": "percent"}, "82%"),
        ({"amount": 200, "qualifier": "more-than"}, "more than 200"),
        ({"amount": 564, "scale": "billion", "unit": "USD"}, "564,000,000,000 USD"),
        ({"range": [80, 85], "unit": "percent", "qualifier": "about"}, "about 80-85%"),
        ({"date": "2024"}, "2024"),
        ({"date": "2025-01"}, "2025-01"),
        ({"date": "2019", "qualifier": "at-least"}, "since 2019"),
        ({"date": "2025-01-20"}, "2025-01-20"),
    ],
)
def test_describe(value: dict[str, Any], text: str) -> None:
    assert describe(from_value(value)) == text
