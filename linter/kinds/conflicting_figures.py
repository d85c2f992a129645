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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.corpus import Entry
from linter.entities import EntityRegistry, fold
from linter.figures import claim_figure, show
from linter.model import Finding
from linter.quantity import Quantity, Tolerances, comparable, compatible

if TYPE_CHECKING:
    from linter.engine import Context
    from linter.timeexpr import DateInterval

PARAMS: dict[str, object] = {"registry": "entities", "tolerances": {}}
_FACTS = ("actual", None)


def validate(params: dict[str, object]) -> None:
    Tolerances.from_params(params["tolerances"])  # type: ignore[arg-type]


def _as_of(claim: Entry) -> DateInterval | None:
    from linter.timeexpr import parse_date

    value = claim.get("value")
    text = value.get("as_of") if isinstance(value, dict) else None
    if not isinstance(text, str):
        return None
    try:
        return parse_date(text)
    except ValueError:
        return None


def _same_time(a: Entry, b: Entry) -> bool:
    first, second = _as_of(a), _as_of(b)
    if first is None or second is None:
        return first is None and second is None
    return first.overlaps(second)


def _kind(claim: Entry) -> str | None:
    value = claim.get("value")
    kind = value.get("kind") if isinstance(value, dict) else None
    return kind if isinstance(kind, str) else None


def _same_footing(a: Entry, b: Entry) -> bool:
    kind_a, kind_b = _kind(a), _kind(b)
    if kind_a in _FACTS and kind_b in _FACTS:
        return True
    return kind_a == kind_b and fold(str(a.get("attribution", ""))) == fold(
        str(b.get("attribution", "")))


def _decided(claim: Entry) -> bool:
    review = claim.get("review")
    return (isinstance(review, dict) and "verdict" in review) or claim.get("rank") == "deprecated"


def _sources(ctx: Context, claim: Entry) -> str:
    ids = sorted({str(item.get("source")) for _, item in ctx.corpus.evidence(claim)
                  if isinstance(item.get("source"), str)})
    return ", ".join(ids) or "no source"


def check(ctx: Context) -> Iterator[Finding]:
    data, origin = ctx.rulebook.registry(str(ctx.params["registry"]))
    registry = EntityRegistry.from_data(data, origin)
    tolerances = Tolerances.from_params(ctx.params["tolerances"])  # type: ignore[arg-type]
    def key(claim: Entry) -> tuple[str, str] | None:
        subject, prop = claim.get("subject"), claim.get("property")
        if not isinstance(subject, str) or not isinstance(prop, str) or _decided(claim):
            return None
        entity = registry.resolve(subject)
        return (entity, fold(prop)) if entity is not None else None  # unknown: FL104's

    # Only groups a claim in focus belongs to can hold a finding to report.
    wanted = {k for k in map(key, ctx.corpus.focus_claims()) if k is not None}
    groups: dict[tuple[str, str], list[tuple[Entry, Quantity]]] = defaultdict(list)
    for claim in ctx.corpus.claims:
        group = key(claim)
        if group is None or group not in wanted:
            continue
        figure = claim_figure(ctx, claim)
        if figure is not None:  # no comparable figure, nothing to compare
            groups[group].append((claim, figure))
    for (entity, prop), members in sorted(groups.items()):
        for claim, figure in members:
            if not ctx.corpus.in_focus(claim):
                continue
            others = [
                (other, other_figure) for other, other_figure in members
                if other is not claim and _same_time(claim, other)
                and _same_footing(claim, other) and comparable(figure, other_figure)
                and not compatible(figure, other_figure, tolerances)
            ]
            if not others:
                continue
            against = "; ".join(
                f"{show(f)} in {o.id} ({_sources(ctx, o)})" for o, f in others)
            yield ctx.at_entry(
                claim,
                f"conflicting figures for {entity} / {prop}: this claim says {show(figure)} "
                f"({_sources(ctx, claim)}), but {against}; both cannot be true — a human should "
                "decide (add a `review`, or rank the wrong one `deprecated`)",
                ("value",),
                related=[ctx.related(o, f"{o.id} says {show(f)} ({_sources(ctx, o)})",
                                     ("value",)) for o, f in others],
            )
