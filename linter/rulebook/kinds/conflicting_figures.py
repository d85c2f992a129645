"""Kind `conflicting-figures`: two claims about the same subject and property, true at the same
time, whose figures cannot both be true.

Subjects are resolved through the entity registry (aliases to ids), or for a subject it does
not know compared by normalised name; properties compare after folding case and white space;
a value's `event`, `scope`, `datum` and `counted` must be equal (normalised, absent meets only
absent). Together they make a claim's group. Time points: two figures are compared when their
`as_of` spans overlap (to the second: "2025-03-14T16:00" is a minute), when neither has one, or
when one is undated and its source's publication date overlaps the other's `as_of`. Two
converted figures (`converted_from`) are compared through their originals, a converted figure
and a stated one through their values. Only facts are compared: a forecast, target or estimate
is compared only with another of the same kind and the same attribution (two analysts may
forecast differently without either being wrong; `disagreeing_estimates` compares estimates
across parties on this join). Figures are intervals (see `factlint rule
FL203` notes): they conflict when comparable and their intervals do not overlap.

Claims a human has decided on — a `review` with a verdict, or `rank: deprecated` (superseded) —
are not reported again. Each side of a conflict is reported, pointing at the others: at most
`LISTED` of them are named, the rest counted ("and 1,995 more claims").

The join is not a comparison of every pair (2,000 claims on one subject and property took 38 s
and printed 340 MB): a group's claims are split into pools (stated values, converted values,
originals; dated, undated, undated at their source's date), each into classes that compare at
all (footing, dimension, time point), a claim looks only in the pools it is compared with, and
within a class a claim conflicts with exactly the figures whose interval lies wholly below or
wholly above its own, which two sorted lists of interval ends count by bisection
(`Conflicts`). Near-linear in the group's size.

Index-scoped: each file contributes, per claim that has a comparable figure, its group (entity
or name, property, event, scope, datum, counted), figure and original, time or source date,
footing and sources; the join compares the groups of the claims
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
from linter.load.figures import (
    claim_anchor,
    claim_figure,
    claim_original,
    comparison_keys,
    instant_span,
    normal_key,
    show,
)
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



def more_claims(unnamed: int) -> str:
    """"; and 1,995 more claims" for the sides a finding counts but does not name."""
    return f"; and {unnamed:,} more claim{'s' if unnamed != 1 else ''}" if unnamed else ""

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


def decided(claim: Entry) -> bool:
    review = claim.get("review")
    return (isinstance(review, dict) and "verdict" in review) or claim.get("rank") == "deprecated"


def _sources(ctx: Context, claim: Entry) -> str:
    ids = sorted({str(item.get("source")) for _, item in ctx.corpus.evidence(claim)
                  if isinstance(item.get("source"), str)})
    return ", ".join(ids) or "no source"


def side_row(ctx: Context, claim: Entry, figure: Quantity) -> list[Any]:
    """What the join needs of one claim (JSON data): id, figure, `as_of`, kind, attribution,
    sources, position, then what only some claims have (`_Extra`)."""
    value = claim.get("value")
    as_of = value.get("as_of") if isinstance(value, dict) else None
    kind = value.get("kind") if isinstance(value, dict) else None
    position = claim.document.position((*claim.path, "value"))
    extra: dict[str, Any] = {}
    original = claim_original(ctx.corpus, claim)
    if original is not None:
        extra["original"] = _packed(original)
    if not isinstance(as_of, str):
        # An undated claim is read as true when its source was published, to compare it with
        # dated claims (the first evidence source's date, at its precision).
        source, anchor = claim_anchor(ctx.corpus, claim)
        if anchor is not None:
            extra["anchor"] = [source, anchor.isoformat(), anchor.start.toordinal(),
                               anchor.end.toordinal()]
    return [claim.id, _packed(figure), as_of if isinstance(as_of, str) else None,
            kind if isinstance(kind, str) else None, fold(str(claim.get("attribution", ""))),
            _sources(ctx, claim), position.line, position.col, extra]


def _packed(figure: Quantity) -> list[Any]:
    return [list(v) if isinstance(v, tuple) else v for v in
            (getattr(figure, name) for name in _FIELDS)]


def _unpacked(packed: list[Any]) -> Quantity:
    values = dict(zip(_FIELDS, packed, strict=True))
    if isinstance(values.get("span"), list):
        values["span"] = tuple(values["span"])
    return Quantity(**values)


def group_key(registry: EntityRegistry, claim: Entry) -> str | None:
    """The group a claim's figure is compared in: subject (an entity, or for a subject the
    registry does not know its normalised name), property, and the event, scope, datum and
    counted things of the value; None when the claim names no subject or property."""
    subject, prop = claim.get("subject"), claim.get("property")
    if not isinstance(subject, str) or not isinstance(prop, str):
        return None
    entity = registry.resolve(subject)
    # Unknown to the registry (FL104 says so): two claims naming it alike still meet.
    name, registered = (entity, True) if entity is not None else (normal_key(subject), False)
    if not name:
        return None
    return json.dumps([name, registered, fold(prop), *comparison_keys(claim.get("value"))],
                      ensure_ascii=False)


def collect(ctx: Context) -> Iterator[tuple[str, str, str, Any]]:
    data, origin = ctx.rulebook.registry(str(ctx.params["registry"]))
    registry = EntityRegistry.from_data(data, origin)
    for claim in ctx.corpus.claims:
        if decided(claim):
            continue
        key = group_key(registry, claim)
        if key is None:
            continue
        figure = claim_figure(ctx.corpus, claim)
        if figure is not None:  # no comparable figure, nothing to compare
            yield claim.document.path, key, "figure", side_row(ctx, claim, figure)


# An interval end as a sortable key: (value, rank) with an open upper end just below its value
# (rank 0), a closed end at it (1) and an open lower end just above it (2). Two intervals share
# a point exactly when neither's upper key is below the other's lower key, which is the test
# `compatible` makes on (value, closed) ends.
_Key = tuple[float, int]


class _View:
    """A figure of a side as it takes part in comparisons: its value, or the original a
    converted value was converted from. Ends as sortable keys; `index` the side's."""

    __slots__ = ("empty", "figure", "high", "index", "low", "side", "usable")

    def __init__(self, side: Side, figure: Quantity, tolerances: Tolerances) -> None:
        self.side, self.figure, self.index = side, figure, side.index
        (low, low_closed), (high, high_closed) = interval_ends(figure, tolerances)
        self.low: _Key = (low, 1 if low_closed else 2)
        self.high: _Key = (high, 1 if high_closed else 0)
        # A figure too large for a float (1e300 trillion) means nothing to compare: it is left
        # out (comparing it, `compatible` answered differently by argument order). An interval
        # with no point is compatible with nothing, as `compatible` finds.
        self.usable = (math.isfinite(figure.low) and math.isfinite(figure.high)
                       and not math.isnan(low) and not math.isnan(high))
        self.empty = self.low > self.high


_DAY = 86_400  # seconds: time points are spans of seconds, so that a time of day compares
_UNDATED = (0, 0)


class Side:
    """One claim of a group as the join sees it (see `side_row` for the row it is read from)."""

    # Estimates compare only within one party's (attribution's) in FL203; the
    # disagreeing-estimates kind compares them across parties (a subclass says False).
    by_party = True

    __slots__ = (
        "anchor",
        "as_of",
        "attribution",
        "col",
        "figure",
        "id",
        "index",
        "kind",
        "line",
        "original",
        "path",
        "sources",
        "span",
        "value",
    )

    def __init__(self, path: str, row: list[Any], index: int, tolerances: Tolerances) -> None:
        self.path, self.index = path, index  # index: the side's place in corpus order
        (self.id, packed, as_of, self.kind, self.attribution, self.sources, self.line,
         self.col) = row[:8]
        extra: dict[str, Any] = row[8] if len(row) > 8 else {}
        self.figure = _unpacked(packed)
        self.value = _View(self, self.figure, tolerances)
        self.original = (_View(self, _unpacked(extra["original"]), tolerances)
                         if "original" in extra else None)
        self.as_of = _as_of(as_of.partition("T")[0] if as_of else None)
        self.span = instant_span(as_of) if self.as_of is not None else None
        if self.span is None:
            self.as_of = None  # a time of day that is no time: undated, as a bad date is
        # The source's date of an undated claim: [source, its text, first and last day].
        self.anchor: list[Any] | None = extra.get("anchor") if self.as_of is None else None

    @property
    def usable(self) -> bool:
        return self.value.usable

    def footing(self) -> tuple[Any, ...]:
        """Facts compare with facts; a forecast, target or estimate with the same kind and
        attribution."""
        if self.kind in _FACTS:
            return ("fact",)
        return ("kind", self.kind, self.attribution) if self.by_party else ("kind", self.kind)

    def time(self) -> tuple[int, int]:
        return _UNDATED if self.span is None else self.span

    def anchor_time(self) -> tuple[int, int] | None:
        if self.anchor is None:
            return None
        first, last = self.anchor[2], self.anchor[3]
        return (first * _DAY, (last + 1) * _DAY - 1)

    def memberships(self) -> list[tuple[str, str, _View, tuple[int, int]]]:
        """The pools the side is in: (figures, times, view, time point)."""
        figures = ([("plain", self.value)] if self.original is None
                   else [("converted", self.value), ("original", self.original)])
        return [(pool, times, view, time) for pool, view in figures
                for times, time in self._times()]

    def queries(self) -> list[tuple[str, str, _View, tuple[int, int]]]:
        """The pools the side is compared with: a value meets values, except that two
        conversions meet through their originals; a dated side meets dated ones and undated
        ones at their source's date, an undated side the other undated ones and, at its
        source's date, the dated ones."""
        figures = ([("plain", self.value), ("converted", self.value)] if self.original is None
                   else [("original", self.original), ("plain", self.value)])
        if self.span is not None:
            times = [("dated", self.span), ("anchored", self.span)]
        else:
            anchored = self.anchor_time()
            times = [("undated", _UNDATED)] + ([("dated", anchored)] if anchored else [])
        return [(pool, kind, view, time) for pool, view in figures for kind, time in times]

    def _times(self) -> list[tuple[str, tuple[int, int]]]:
        if self.span is not None:
            return [("dated", self.span)]
        anchored = self.anchor_time()
        return [("undated", _UNDATED)] + ([("anchored", anchored)] if anchored else [])

    def comparison_class(self, view: _View | None = None) -> tuple[Any, ...]:
        """Views compare only within one class: the same footing and the same dimension."""
        return (*self.footing(), (view or self.value).figure.dimension)


class _TimePoint:
    """The views of one pool and comparison class with one time point, by their ends."""

    __slots__ = ("_skips", "empty", "highs", "lows", "members", "time")

    def __init__(self, time: tuple[int, int], members: list[_View]) -> None:
        self.time, self.members = time, members
        full = [m for m in members if not m.empty]
        self.empty = [m for m in members if m.empty]
        self.lows = sorted(full, key=lambda m: (m.low, m.index))
        self.highs = sorted(full, key=lambda m: (m.high, m.index))
        self._skips: tuple[list[int], list[int]] | None = None

    def below(self, key: _Key) -> int:
        """How many views end below `key` (a low end)."""
        return bisect.bisect_left(self.highs, key, key=lambda m: m.high)

    def above(self, key: _Key) -> int:
        """Where the views starting above `key` (a high end) begin in `lows`."""
        return bisect.bisect_right(self.lows, key, key=lambda m: m.low)

    def of_other_parties(self, party: str, below: int, above: int,
                         room: int) -> list[_View]:
        """Up to `room` of the views ending below (`highs[:below]`, nearest first) and up to
        `room` of those starting above (`lows[above:]`) whose party (attribution) is not
        `party`. A view of `party` jumps over the run of views of its party next to it, so
        that a party with thousands of figures costs no more than one."""
        before, after = self._party_skips()
        found: list[_View] = []
        at = below - 1
        while at >= 0 and len(found) < room:
            if self.highs[at].side.attribution != party:
                found.append(self.highs[at])
                at -= 1
            else:
                at = before[at]
        taken, at = len(found), above
        while at < len(self.lows) and len(found) - taken < room:
            if self.lows[at].side.attribution != party:
                found.append(self.lows[at])
                at += 1
            else:
                at = after[at]
        return found

    def _party_skips(self) -> tuple[list[int], list[int]]:
        """Per place in `highs`, the nearest place before it of another party (-1: none); per
        place in `lows`, the nearest after it (len: none)."""
        if self._skips is None:
            before: list[int] = []
            for at, view in enumerate(self.highs):
                same = at > 0 and self.highs[at - 1].side.attribution == view.side.attribution
                before.append(before[at - 1] if same else at - 1)
            after = [len(self.lows)] * len(self.lows)
            for at in range(len(self.lows) - 1, -1, -1):
                same = (at + 1 < len(self.lows)
                        and self.lows[at + 1].side.attribution == self.lows[at].side.attribution)
                after[at] = after[at + 1] if same else at + 1
            self._skips = before, after
        return self._skips


_Pool = tuple[str, str, tuple[Any, ...]]  # figures, times, comparison class


class Conflicts:
    """Which sides of a group conflict with a side, counted without comparing every pair: each
    side's views sit in pools (`Side.memberships`), split by comparison class and time point,
    and a side looks in the pools it is compared with (`Side.queries`). A side is in at most
    one pool that another side looks in, so no pair is counted twice."""

    def __init__(self, members: list[Side]) -> None:
        self.sides = members
        pools: dict[_Pool, dict[tuple[int, int], list[_View]]] = defaultdict(
            lambda: defaultdict(list))
        for side in members:
            for figures, clock, view, time in side.memberships():
                if view.usable and side.usable:
                    pools[figures, clock, side.comparison_class(view)][time].append(view)
        # Per pool: its time points sorted by start, and the longest one (a year: the bound
        # on how far before a point a point overlapping it can start).
        self.points: dict[_Pool, tuple[list[tuple[int, int]], list[_TimePoint], int]] = {}
        for name, by_time in pools.items():
            times = sorted(by_time)
            longest = max(end - start for start, end in times)
            self.points[name] = (times, [_TimePoint(t, by_time[t]) for t in times], longest)

    def overlapping(self, pool: _Pool, time: tuple[int, int]) -> list[_TimePoint]:
        if pool not in self.points:
            return []
        times, points, longest = self.points[pool]
        start, end = time
        first = bisect.bisect_left(times, (start - longest, start - longest))
        last = bisect.bisect_right(times, (end, math.inf))
        return [points[i] for i in range(first, last) if times[i][1] >= start]

    def of(self, side: Side) -> tuple[int, list[_View]]:
        """How many other sides conflict with `side`, and `LISTED` of them in corpus order (as
        the views they conflict through): of all of them when they are few, else of the first
        `_GATHERED` found (time points in order, in each the figures nearest its own)."""
        count, met, _ = self.met(side)
        return count, [view for view, _ in met]

    def met(self, side: Side, *, other_parties: bool = False,
            ) -> tuple[int, list[tuple[_View, bool]], bool]:
        """`of`, each view with whether it was met at its undated claim's source date, and
        whether `side` met any at its own source date. With `other_parties`, the views named
        are only those of another attribution than `side`'s (the count still counts all)."""
        count = 0
        gathered: list[tuple[_View, bool]] = []
        own_anchor = False
        if not side.usable:
            return count, gathered, own_anchor
        own = {(figures, times, time) for figures, times, _, time in side.memberships()}
        for figures, times, view, time in side.queries():
            if not view.usable:
                continue
            before = count
            anchored = times == "anchored"
            for point in self.overlapping((figures, times, side.comparison_class(view)), time):
                room = _GATHERED - len(gathered)
                if view.empty:  # conflicts with every view it compares with
                    itself = (figures, times, point.time) in own
                    count += len(point.members) - itself
                    members = point.members[:room + 1] if not other_parties else [
                        m for m in point.members if m.side.attribution != side.attribution]
                    gathered.extend([(m, anchored) for m in members
                                     if m.side is not side][:room])
                    continue
                below = point.below(view.low)
                above = point.above(view.high)
                count += len(point.empty) + below + len(point.lows) - above
                if room > 0 and other_parties:
                    gathered.extend((m, anchored) for m in point.empty
                                    if m.side.attribution != side.attribution)
                    gathered.extend((m, anchored) for m in point.of_other_parties(
                        side.attribution, below, above, room))
                elif room > 0:  # of many, the figures nearest this one below and above it
                    gathered.extend((m, anchored) for m in point.empty[:room])
                    gathered.extend((m, anchored) for m in point.highs[max(0, below - room):below])
                    gathered.extend((m, anchored) for m in point.lows[above:above + room])
            own_anchor = own_anchor or (count > before and side.span is None
                                        and times == "dated")
        gathered.sort(key=lambda met: met[0].index)
        return count, gathered[:LISTED], own_anchor


def figure_said(view: _View, anchored: bool) -> str:
    """A figure as the message quotes it: a conversion with its original, an undated claim
    compared at its source's date with that date."""
    side = view.side
    text = show(side.figure)
    if side.original is not None:
        text += f", converted from {show(side.original.figure)}"
    if anchored and side.anchor is not None:
        text += f", undated: read as of {side.anchor[1]}, its source's date"
    return text


_SHOWN = ("event", "scope", "datum", "counting")


def group_name(key: str) -> tuple[str, str, str]:
    """The subject, property and what the message says of a group key."""
    name, registered, prop, *keys = json.loads(key)
    shown = "; ".join(f"{label} {value}" for label, value in zip(_SHOWN, keys, strict=True)
                      if value)
    subject = name if registered else f"{name} (not in the entity registry)"
    return subject, prop, f" ({shown})" if shown else ""


def reduce(ctx: Context) -> Iterator[Finding]:
    tolerances = Tolerances.from_params(ctx.params["tolerances"])
    # Only groups a claim in focus belongs to can hold a finding to report.
    groups: dict[str, list[Side]] = defaultdict(list)
    for fact in ctx.facts(having="shared"):
        members = groups[fact.key]
        members.append(Side(fact.path, fact.row, len(members), tolerances))
    reported = None if ctx.reported is None else set(ctx.reported)
    for key, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        entity, prop, within = group_name(key)
        conflicts = Conflicts(members)
        for claim in members:
            if reported is not None and claim.path not in reported:
                continue
            count, met, own_anchor = conflicts.met(claim)
            if not count:
                continue
            others = [view for view, _ in met]
            against = "; ".join(f"{figure_said(o, anchored)} in {o.side.id} ({o.side.sources})"
                                for o, anchored in met)
            against += more_claims(count - len(others))
            # Two claims: "both"; three or more: "all".
            verdict = "both cannot be true" if count == 1 else "they cannot all be true"
            yield ctx.finding(
                claim.path, claim.line, claim.col,
                f"conflicting figures for {entity} / {prop}{within}: this claim says "
                f"{figure_said(claim.value, own_anchor)} ({claim.sources}), but {against}; "
                f"{verdict} — "
                "a human should decide (add a `review`, or rank the wrong one `deprecated`)",
                subject=claim.id,
                # Not the message: the figures and sources it quotes may be reworded or edited
                # while the conflict between these claims stays the one a baseline recorded.
                # Its own claim, not the other sides: a new claim joining the conflict is a new
                # finding (its own), not a reason to call the known ones new.
                key=(f"claim={claim.id}", f"subject={entity}", f"property={prop}"),
                related=[Related(o.side.path, o.side.line, o.side.col,
                                 f"{o.side.id} says {figure_said(o, anchored)} ({o.side.sources})")
                         for o, anchored in met],
            )


# The names tests/test_figure_rules.py knows the join by.
_Side, _Conflicts = Side, Conflicts
