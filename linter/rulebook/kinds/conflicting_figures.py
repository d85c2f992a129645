"""Kind `conflicting-figures`: two claims about the same subject and property, true at the same
time, whose figures cannot both be true.

Subjects are resolved through the entity registry (aliases to ids); properties compare after
folding case and white space. Time points: two figures are compared when their `as_of` spans
overlap, or when neither has one. Only facts are compared: a forecast, target or estimate is
compared only with another of the same kind and the same attribution (two analysts may forecast
differently without either being wrong). Figures are intervals (see `factlint rule FL203` notes):
they conflict when comparable and their intervals do not overlap.

Claims a human has decided on — a `review` with a verdict, or `rank: deprecated` (superseded) —
are not reported again. Each side of a conflict is reported, pointing at the others: at most
`LISTED` of them are named, the rest counted ("and 1,995 more claims").

The join is not a comparison of every pair (2,000 claims on one subject and property took 38 s
and printed 340 MB): a group's claims are split into classes that compare at all (footing,
dimension, time point), and within a class a claim conflicts with exactly the figures whose
interval lies wholly below or wholly above its own, which two sorted lists of interval ends
count by bisection (`_Conflicts`). Near-linear in the group's size.

Index-scoped: each file contributes, per claim that has a comparable figure, its group (entity
and property), figure, time, footing and sources; the join compares the groups of the claims
in the files reported.
"""

from __future__ import annotations

import bisect
import json
import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from linter.load.corpus import Entry
from linter.load.figures import claim_figure, show
from linter.model import Finding, Related
from linter.sources.entities import EntityRegistry, fold
from linter.text.quantity import Quantity, Tolerances
from linter.text.quantity import _ends as interval_ends  # the closed/open ends `compatible` uses

if TYPE_CHECKING:
    from linter.rulebook.context import Context
    from linter.text.dates import DateInterval

SCOPE = "index"
PARAMS: dict[str, object] = {"registry": "entities", "tolerances": {}}
_FACTS = ("actual", None)
_FIELDS = [f.name for f in fields(Quantity)]
LISTED = 5  # conflicting claims named in a finding; the rest are counted
_GATHERED = 50  # conflicting claims looked at to choose those named (the first in corpus order)


def validate(params: dict[str, object]) -> None:
    Tolerances.from_params(params["tolerances"])  # type: ignore[arg-type]


def _as_of(text: str | None) -> DateInterval | None:
    from linter.text.dates import parse_date

    if text is None:
        return None
    try:
        return parse_date(text)
    except ValueError:
        return None


def _decided(claim: Entry) -> bool:
    review = claim.get("review")
    return (isinstance(review, dict) and "verdict" in review) or claim.get("rank") == "deprecated"


def _sources(ctx: Context, claim: Entry) -> str:
    ids = sorted({str(item.get("source")) for _, item in ctx.corpus.evidence(claim)
                  if isinstance(item.get("source"), str)})
    return ", ".join(ids) or "no source"


def _side(ctx: Context, claim: Entry, figure: Quantity) -> list[Any]:
    """What the join needs of one claim (JSON data)."""
    value = claim.get("value")
    as_of = value.get("as_of") if isinstance(value, dict) else None
    kind = value.get("kind") if isinstance(value, dict) else None
    position = claim.document.position((*claim.path, "value"))
    packed = [list(v) if isinstance(v, tuple) else v for v in
              (getattr(figure, name) for name in _FIELDS)]
    return [claim.id, packed, as_of if isinstance(as_of, str) else None,
            kind if isinstance(kind, str) else None, fold(str(claim.get("attribution", ""))),
            _sources(ctx, claim), position.line, position.col]


def collect(ctx: Context) -> Iterator[tuple[str, str, str, Any]]:
    data, origin = ctx.rulebook.registry(str(ctx.params["registry"]))
    registry = EntityRegistry.from_data(data, origin)
    for claim in ctx.corpus.claims:
        subject, prop = claim.get("subject"), claim.get("property")
        if not isinstance(subject, str) or not isinstance(prop, str) or _decided(claim):
            continue
        entity = registry.resolve(subject)
        if entity is None:
            continue  # unknown: FL104's
        figure = claim_figure(ctx.corpus, claim)
        if figure is not None:  # no comparable figure, nothing to compare
            key = json.dumps([entity, fold(prop)], ensure_ascii=False)
            yield claim.document.path, key, "figure", _side(ctx, claim, figure)


# An interval end as a sortable key: (value, rank) with an open upper end just below its value
# (rank 0), a closed end at it (1) and an open lower end just above it (2). Two intervals share
# a point exactly when neither's upper key is below the other's lower key, which is the test
# `compatible` makes on (value, closed) ends.
_Key = tuple[float, int]


class _Side:
    __slots__ = (
        "as_of",
        "attribution",
        "col",
        "empty",
        "figure",
        "high",
        "id",
        "index",
        "kind",
        "line",
        "low",
        "path",
        "sources",
        "usable",
    )

    def __init__(self, path: str, row: list[Any], index: int, tolerances: Tolerances) -> None:
        self.path, self.index = path, index  # index: the side's place in corpus order
        (self.id, packed, as_of, self.kind, self.attribution, self.sources, self.line,
         self.col) = row
        values = dict(zip(_FIELDS, packed, strict=True))
        if isinstance(values.get("span"), list):
            values["span"] = tuple(values["span"])
        self.figure = Quantity(**values)
        self.as_of = _as_of(as_of)
        (low, low_closed), (high, high_closed) = interval_ends(self.figure, tolerances)
        self.low: _Key = (low, 1 if low_closed else 2)
        self.high: _Key = (high, 1 if high_closed else 0)
        # A figure too large for a float (1e300 trillion) means nothing to compare: it is left
        # out (comparing it, `compatible` answered differently by argument order). An interval
        # with no point is compatible with nothing, as `compatible` finds.
        self.usable = (math.isfinite(self.figure.low) and math.isfinite(self.figure.high)
                       and not math.isnan(low) and not math.isnan(high))
        self.empty = self.low > self.high

    def comparison_class(self) -> tuple[Any, ...]:
        """Sides compare only within one class: the same footing (facts with facts; a forecast,
        target or estimate with the same kind and attribution) and the same dimension; sides
        with and without a time point never compare."""
        footing = ("fact",) if self.kind in _FACTS else ("kind", self.kind, self.attribution)
        return (*footing, self.figure.dimension, self.as_of is None)

    def time(self) -> tuple[int, int]:
        if self.as_of is None:
            return (0, 0)
        return (self.as_of.start.toordinal(), self.as_of.end.toordinal())


class _TimePoint:
    """The sides of one comparison class with one time point, by their interval ends."""

    __slots__ = ("empty", "highs", "lows", "members", "time")

    def __init__(self, time: tuple[int, int], members: list[_Side]) -> None:
        self.time, self.members = time, members
        full = [m for m in members if not m.empty]
        self.empty = [m for m in members if m.empty]
        self.lows = sorted(full, key=lambda m: (m.low, m.index))
        self.highs = sorted(full, key=lambda m: (m.high, m.index))

    def below(self, key: _Key) -> int:
        """How many sides end below `key` (a low end)."""
        return bisect.bisect_left(self.highs, key, key=lambda m: m.high)

    def above(self, key: _Key) -> int:
        """Where the sides starting above `key` (a high end) begin in `lows`."""
        return bisect.bisect_right(self.lows, key, key=lambda m: m.low)


class _Conflicts:
    """Which sides of a group conflict with a side, counted without comparing every pair."""

    def __init__(self, members: list[_Side]) -> None:
        classes: dict[tuple[Any, ...], dict[tuple[int, int], list[_Side]]] = defaultdict(
            lambda: defaultdict(list))
        for side in members:
            if side.usable:
                classes[side.comparison_class()][side.time()].append(side)
        # Per class: its time points sorted by start, and the longest one (a year: the bound
        # on how far before a point a point overlapping it can start).
        self.points: dict[tuple[Any, ...], tuple[list[tuple[int, int]], list[_TimePoint], int]]
        self.points = {}
        for name, by_time in classes.items():
            times = sorted(by_time)
            longest = max(end - start for start, end in times)
            self.points[name] = (times, [_TimePoint(t, by_time[t]) for t in times], longest)

    def _overlapping(self, side: _Side) -> list[_TimePoint]:
        times, points, longest = self.points[side.comparison_class()]
        start, end = side.time()
        first = bisect.bisect_left(times, (start - longest, start - longest))
        last = bisect.bisect_right(times, (end, math.inf))
        return [points[i] for i in range(first, last) if times[i][1] >= start]

    def of(self, side: _Side) -> tuple[int, list[_Side]]:
        """How many other sides conflict with `side`, and `LISTED` of them in corpus order: of
        all of them when they are few, else of the first `_GATHERED` found (time points in
        order, in each the figures nearest its own)."""
        count = 0
        gathered: list[_Side] = []
        if not side.usable:
            return count, gathered
        for point in self._overlapping(side):
            room = _GATHERED - len(gathered)
            if side.empty:  # conflicts with every side it compares with
                itself = point.time == side.time()
                count += len(point.members) - itself
                gathered.extend([m for m in point.members[:room + 1] if m is not side][:room])
                continue
            below = point.below(side.low)
            above = point.above(side.high)
            count += len(point.empty) + below + len(point.lows) - above
            if room > 0:  # of many, the figures nearest this one below and above it
                gathered.extend(point.empty[:room])
                gathered.extend(point.highs[max(0, below - room):below])
                gathered.extend(point.lows[above:above + room])
        gathered.sort(key=lambda m: m.index)
        return count, gathered[:LISTED]


def reduce(ctx: Context) -> Iterator[Finding]:
    tolerances = Tolerances.from_params(ctx.params["tolerances"])  # type: ignore[arg-type]
    # Only groups a claim in focus belongs to can hold a finding to report.
    groups: dict[str, list[_Side]] = defaultdict(list)
    for fact in ctx.facts(having="shared"):
        members = groups[fact.key]
        members.append(_Side(fact.path, fact.row, len(members), tolerances))
    reported = None if ctx.reported is None else set(ctx.reported)
    for key, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        entity, prop = json.loads(key)
        conflicts = _Conflicts(members)
        for claim in members:
            if reported is not None and claim.path not in reported:
                continue
            count, others = conflicts.of(claim)
            if not count:
                continue
            against = "; ".join(f"{show(o.figure)} in {o.id} ({o.sources})" for o in others)
            if count > len(others):
                against += f"; and {count - len(others):,} more claims"
            # Two claims: "both"; three or more: "all".
            verdict = "both cannot be true" if count == 1 else "they cannot all be true"
            yield ctx.finding(
                claim.path, claim.line, claim.col,
                f"conflicting figures for {entity} / {prop}: this claim says "
                f"{show(claim.figure)} ({claim.sources}), but {against}; {verdict} — "
                "a human should decide (add a `review`, or rank the wrong one `deprecated`)",
                subject=claim.id,
                related=[Related(o.path, o.line, o.col,
                                 f"{o.id} says {show(o.figure)} ({o.sources})") for o in others],
            )
