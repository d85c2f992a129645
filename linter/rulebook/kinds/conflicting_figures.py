"""Kind `conflicting-figures`: two claims about the same subject and property, true at the same
time, whose figures cannot both be true.

Subjects are resolved through the entity registry (aliases to ids); properties compare after
folding case and white space. Time points: two figures are compared when their `as_of` spans
overlap, or when neither has one. Only facts are compared: a forecast, target or estimate is
compared only with another of the same kind and the same attribution (two analysts may forecast
differently without either being wrong). Figures are intervals (see `factlint rule FL203` notes):
they conflict when comparable and their intervals do not overlap.

Claims a human has decided on — a `review` with a verdict, or `rank: deprecated` (superseded) —
are not reported again. Each side of a conflict is reported, pointing at the others.

Index-scoped: each file contributes, per claim that has a comparable figure, its group (entity
and property), figure, time, footing and sources; the join compares the groups of the claims
in the files reported.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from linter.load.corpus import Entry
from linter.load.figures import claim_figure, show
from linter.model import Finding, Related
from linter.sources.entities import EntityRegistry, fold
from linter.text.quantity import Quantity, Tolerances, comparable, compatible

if TYPE_CHECKING:
    from linter.rulebook.context import Context
    from linter.text.dates import DateInterval

SCOPE = "index"
PARAMS: dict[str, object] = {"registry": "entities", "tolerances": {}}
_FACTS = ("actual", None)
_FIELDS = [f.name for f in fields(Quantity)]


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


class _Side:
    __slots__ = (
        "as_of",
        "attribution",
        "col",
        "figure",
        "id",
        "kind",
        "line",
        "path",
        "sources",
    )

    def __init__(self, path: str, row: list[Any]) -> None:
        self.path = path
        (self.id, packed, as_of, self.kind, self.attribution, self.sources, self.line,
         self.col) = row
        values = dict(zip(_FIELDS, packed, strict=True))
        if isinstance(values.get("span"), list):
            values["span"] = tuple(values["span"])
        self.figure = Quantity(**values)
        self.as_of = _as_of(as_of)

    def same_time(self, other: _Side) -> bool:
        if self.as_of is None or other.as_of is None:
            return self.as_of is None and other.as_of is None
        return self.as_of.overlaps(other.as_of)

    def same_footing(self, other: _Side) -> bool:
        if self.kind in _FACTS and other.kind in _FACTS:
            return True
        return self.kind == other.kind and self.attribution == other.attribution


def reduce(ctx: Context) -> Iterator[Finding]:
    tolerances = Tolerances.from_params(ctx.params["tolerances"])  # type: ignore[arg-type]
    # Only groups a claim in focus belongs to can hold a finding to report.
    groups: dict[str, list[_Side]] = defaultdict(list)
    for fact in ctx.facts(having="shared"):
        groups[fact.key].append(_Side(fact.path, fact.row))
    reported = None if ctx.reported is None else set(ctx.reported)
    for key, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        entity, prop = json.loads(key)
        for claim in members:
            if reported is not None and claim.path not in reported:
                continue
            others = [
                other for other in members
                if other is not claim and claim.same_time(other)
                and claim.same_footing(other) and comparable(claim.figure, other.figure)
                and not compatible(claim.figure, other.figure, tolerances)
            ]
            if not others:
                continue
            against = "; ".join(f"{show(o.figure)} in {o.id} ({o.sources})" for o in others)
            yield ctx.finding(
                claim.path, claim.line, claim.col,
                f"conflicting figures for {entity} / {prop}: this claim says "
                f"{show(claim.figure)} ({claim.sources}), but {against}; both cannot be true — "
                "a human should decide (add a `review`, or rank the wrong one `deprecated`)",
                subject=claim.id,
                related=[Related(o.path, o.line, o.col,
                                 f"{o.id} says {show(o.figure)} ({o.sources})") for o in others],
            )
