"""Kind `part-above-whole`: a part's figure above its whole's, for the same property and time.

"Coldharbour alone sold 1.2 million heat pumps" and "the whole market came to 900,000": no two
figures on one subject differ, yet both cannot be true. A part is named by the entity registry
(`part_of` on an entity: a product of its maker, a city of its country, and so up the chain) or,
where a registry entry does not fit (a firm in one market), by the claim itself (`part_of:
<subject>` beside `subject`). A part's claim is compared with its wholes' claims of the same
property and the same `event`, `scope`, `datum` and `counted` (FL203's group, with the whole for
subject), true at the same time (FL203's time points), of the same footing and dimension; it is a
finding when the part's lowest admitted value is above the whole's highest (the intervals of
FL203: "about 1 million" and "more than 900,000" leave room for each other).

Only figures that add up are compared: a part's count, sum of money, energy, power or data
cannot exceed the whole's (`dimensions`), but a city's growth rate, average wage or share price
may well be above its country's, so a property worded as a rate, average, price or share
(`intensive`, matched as words of the property) is never compared, nor are percentages, dates,
ranks and multipliers.

Index-scoped: each claim with such a figure contributes a "whole" fact under its own group and a
"part" fact under the group of each of its wholes (so a claim costs one fact per level of its
`part_of` chain). The join, per group, indexes the wholes' and the parts' figures by the ends of
their intervals (`conflicting_figures.Conflicts`) and counts for each side by bisection the other
role's figures beyond it: near-linear in the group's size.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linter.load.corpus import Entry
from linter.load.figures import claim_figure, comparison_keys, normal_key
from linter.model import Finding, Related
from linter.rulebook.kinds.conflicting_figures import (
    LISTED,
    Conflicts,
    Side,
    decided,
    figure_said,
    group_name,
    more_claims,
    side_row,
)
from linter.rulebook.kinds.conflicting_figures import validate as validate_tolerances
from linter.sources.entities import EntityRegistry, fold
from linter.text.quantity import Tolerances

if TYPE_CHECKING:
    from linter.rulebook.context import Context

SCOPE = "index"
PARAMS: dict[str, object] = {
    "registry": "entities",
    "tolerances": {},
    "dimensions": ["count", "currency", "energy", "power", "data"],
    "intensive": ["average", "mean", "median", "per", "rate", "price", "share", "growth",
                  "ratio", "density", "margin", "yield", "capita", "index", "percentage"],
}
_GATHERED = 50  # figures beyond a side looked at to choose those named


def validate(params: dict[str, object]) -> None:
    validate_tolerances(params)
    for name in ("dimensions", "intensive"):
        words = params[name]
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise ValueError(f"{name!r} must be a list of words")


_Name = tuple[str, bool]  # an entity id (True) or a subject the registry does not know (False)


def _named(registry: EntityRegistry, subject: object) -> _Name | None:
    if not isinstance(subject, str):
        return None
    entity = registry.resolve(subject)
    if entity is not None:
        return entity, True
    name = normal_key(subject)
    return (name, False) if name else None


def _wholes(registry: EntityRegistry, claim: Entry, own: _Name) -> list[_Name]:
    """What the claim's subject is a part of: the claim's own `part_of` and its wholes in the
    registry, then the subject's wholes in the registry; nearest first, each once, never the
    subject itself."""
    found: list[_Name] = []
    stated = _named(registry, claim.get("part_of"))
    starts = ([stated] if stated is not None else []) + [own]
    for start in starts:
        chain = [(whole, True) for whole in registry.wholes(start[0])] if start[1] else []
        for whole in ([start] if start is not own else []) + chain:
            if whole != own and whole not in found:
                found.append(whole)
    return found


def _adds_up(dimension: str, prop: str, dimensions: set[str], intensive: set[str]) -> bool:
    kind = "currency" if dimension.startswith("currency:") else dimension
    return kind in dimensions and not intensive.intersection(normal_key(prop).split())


def _key(name: _Name, prop: str, keys: tuple[str, ...]) -> str:
    # FL203's group key, so that `group_name` reads it.
    return json.dumps([name[0], name[1], fold(prop), *keys], ensure_ascii=False)


def collect(ctx: Context) -> Iterator[tuple[str, str, str, Any]]:
    data, origin = ctx.rulebook.registry(str(ctx.params["registry"]))
    registry = EntityRegistry.from_data(data, origin)
    dimensions, intensive = set(ctx.params["dimensions"]), set(ctx.params["intensive"])
    for claim in ctx.corpus.claims:
        prop = claim.get("property")
        own = _named(registry, claim.get("subject"))
        if own is None or not isinstance(prop, str) or decided(claim):
            continue
        figure = claim_figure(ctx.corpus, claim)
        if figure is None or not _adds_up(figure.dimension, prop, dimensions, intensive):
            continue
        keys = comparison_keys(claim.get("value"))
        row = side_row(ctx, claim, figure)
        path = claim.document.path
        wholes = _wholes(registry, claim, own)
        if wholes:  # the part as its whole's finding names it
            row[8]["part"] = own[0] if own[1] else " ".join(str(claim.get("subject")).split())
        yield path, _key(own, prop, keys), "whole", row
        for whole in wholes:
            yield path, _key(whole, prop, keys), "part", row


class _Member(Side):
    """A side of a part-whole group, with the name of the part when it is one."""

    __slots__ = ("part",)

    def __init__(self, path: str, row: list[Any], index: int, tolerances: Tolerances) -> None:
        super().__init__(path, row, index, tolerances)
        extra = row[8] if len(row) > 8 else {}
        self.part = str(extra.get("part") or self.id)


def _beyond(index: Conflicts, side: Side, above: bool) -> tuple[int, list[tuple[Any, bool]]]:
    """How many of `index`'s figures lie wholly below `side`'s (`above`: `side` is a part
    looking at its wholes) or wholly above it (a whole looking at its parts), at a time point
    `side` is compared at; up to `LISTED` of them in corpus order, each with whether it was
    met at its undated claim's source date."""
    count = 0
    gathered: list[tuple[Any, bool]] = []
    if not side.usable:
        return count, gathered
    for figures, times, view, time in side.queries():
        if not view.usable or view.empty:
            continue
        anchored = times == "anchored"
        for point in index.overlapping((figures, times, side.comparison_class(view)), time):
            room = _GATHERED - len(gathered)
            if above:
                below = point.below(view.low)
                count += below
                found = point.highs[max(0, below - room):below] if room > 0 else []
            else:
                start = point.above(view.high)
                count += len(point.lows) - start
                found = point.lows[start:start + room] if room > 0 else []
            gathered.extend((m, anchored) for m in found)
    gathered.sort(key=lambda met: met[0].index)
    return count, gathered[:LISTED]


def reduce(ctx: Context) -> Iterator[Finding]:
    tolerances = Tolerances.from_params(ctx.params["tolerances"])
    groups: dict[str, list[tuple[str, str, list[Any]]]] = defaultdict(list)
    for fact in ctx.facts(having="shared"):
        groups[fact.key].append((fact.role, fact.path, fact.row))
    reported = None if ctx.reported is None else set(ctx.reported)
    for key, facts in sorted(groups.items()):
        roles = {role for role, _, _ in facts}
        if roles != {"part", "whole"}:
            continue
        sides: dict[str, list[Side]] = {"part": [], "whole": []}
        for n, (role, path, row) in enumerate(facts):
            sides[role].append(_Member(path, row, n, tolerances))
        indexes = {role: Conflicts(members) for role, members in sides.items()}
        group = group_name(key)
        for role, members in sides.items():
            other = "whole" if role == "part" else "part"
            for side in members:
                if reported is not None and side.path not in reported:
                    continue
                count, met = _beyond(indexes[other], side, above=role == "part")
                if count:
                    yield _finding(ctx, side, role, count, met, group)


def _part(side: Side) -> str:
    return side.part if isinstance(side, _Member) else side.id


def _finding(ctx: Context, side: Side, role: str, count: int, met: list[tuple[Any, bool]],
             group: tuple[str, str, str]) -> Finding:
    whole, prop, within = group
    listed = "; ".join(
        f"{figure_said(view, anchored)} in {view.side.id} ({view.side.sources})"
        + ("" if role == "part" else f" for {_part(view.side)}")
        for view, anchored in met)
    listed += more_claims(count - len(met))
    said = f"{figure_said(side.value, False)} ({side.sources})"
    if role == "part":
        text = (f"part above its whole for {whole} / {prop}{within}: this claim says "
                f"{_part(side)}, a part of {whole}, has {said}, above the whole's {listed}")
    else:
        text = (f"parts above their whole for {whole} / {prop}{within}: this claim says "
                f"{whole} has {said}, below its part's {listed}")
    return ctx.finding(
        side.path, side.line, side.col,
        f"{text}; a part cannot exceed its whole — one of them is wrong, or they do not count "
        "the same thing (say so with `scope` or `counted`, or add a `review`)",
        subject=side.id,
        # Its own claim, the whole and the property, not the figures: as FL203's.
        key=(f"claim={side.id}", f"as={role}", f"whole={whole}", f"property={prop}"),
        related=[Related(view.side.path, view.side.line, view.side.col,
                         f"{view.side.id} says {figure_said(view, anchored)} "
                         f"({view.side.sources})") for view, anchored in met],
    )
