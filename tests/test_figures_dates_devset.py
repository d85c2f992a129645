"""The figure and date readings of tests/data/figures_dates_devset.yaml, one case per row.

Each row pins what the extractor reads in one sentence (`figures`, complete and in order),
what it must not read (`absent`), which relative dates the date finder sees and what they
resolve to against the row's publication date (`relative`, complete), and which figures
`factlint scan` counts as stated (`measured`). The header of the YAML file describes the rows.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from linter.scan.analysis import _measured
from linter.text.dates import DateInterval, find_relative_dates, parse_date, resolve
from linter.text.extract import extract_figures
from linter.text.quantity import Quantity

_TABLE = yaml.safe_load(
    (Path(__file__).parent / "data" / "figures_dates_devset.yaml").read_text(encoding="utf-8")
)
_ROWS: list[dict[str, Any]] = _TABLE["rows"]
_PUBLISHED: str = _TABLE["published"]


def _date_reading(q: Quantity) -> str:
    """A date figure in the table's form: ISO at its precision, or "start..end"."""
    assert q.precision is not None
    start, end = date.fromordinal(int(q.low)), date.fromordinal(int(q.high))
    return DateInterval(start, end, q.precision).isoformat()


def _reading(q: Quantity, expected: dict[str, Any]) -> dict[str, Any]:
    """`q` written with the keys the expected row uses, so a mismatch shows both in full."""
    out: dict[str, Any] = {"text": q.text}
    if q.dimension == "date":
        out["date"] = _date_reading(q)
    else:
        out["dimension"] = q.dimension
        if "range" in expected:
            out["range"] = [pytest.approx(q.low), pytest.approx(q.high)]
        elif q.low == q.high:
            out["value"] = pytest.approx(q.low)
        else:
            out["range"] = [q.low, q.high]
    out["bound"] = q.bound
    return out


def _expected(row_figure: dict[str, Any]) -> dict[str, Any]:
    return {"bound": "exact", **row_figure}


def _resolution(phrase_date: DateInterval | None) -> str | None:
    return None if phrase_date is None else phrase_date.isoformat()


@pytest.mark.parametrize("row", _ROWS, ids=[row["id"] for row in _ROWS])
def test_row(row: dict[str, Any]) -> None:
    text = row["text"]
    figures = extract_figures(text)

    if "figures" in row:
        expected = [_expected(f) for f in row["figures"]]
        got = [_reading(q, e) for q, e in zip(figures, expected, strict=False)]
        got += [_reading(q, {}) for q in figures[len(expected):]]
        assert got == expected

    for absent in row.get("absent", []):
        assert all(q.dimension != absent["dimension"] for q in figures), [q.text for q in figures]

    if "relative" in row:
        anchor = parse_date(str(row.get("published", _PUBLISHED)))
        found = [
            {"phrase": rel.phrase, "resolves": _resolution(resolve(rel, anchor))}
            for rel in find_relative_dates(text)
        ]
        assert found == row["relative"]

    if "measured" in row:
        measured, _dates = _measured(text)
        assert [q.text for q in measured] == row["measured"]


def test_every_row_checks_something() -> None:
    """A row that pins nothing would pass whatever the reader does."""
    checks = ("figures", "absent", "relative", "measured")
    assert [row["id"] for row in _ROWS if not any(k in row for k in checks)] == []


def test_row_ids_are_unique() -> None:
    ids = [row["id"] for row in _ROWS]
    assert len(ids) == len(set(ids)) == 90
