"""Kind `disagreeing-estimates`: two parties' estimates of the same figure, true at the same
time, that cannot both be right.

FL203 compares a forecast, target or estimate only with another of the same kind from the same
party (attribution): two parties may estimate differently, and that is no error of the fact base
to report as one. It still deserves a look: when a council estimates 400 homes damaged and the
insurers 6,000, one of them is far off, and a reader should be told both. This kind compares the
claims whose `value.kind` is one of `kinds` (estimates, by default: two forecasts of next year
are not yet wrong) and that name a party (`attribution`), across parties: same group as FL203
(subject, property, event, scope, datum, counted), same time point, same dimension, intervals
that do not overlap. Pairs from one party are left to FL203.

Index-scoped, as FL203, on FL203's join (`conflicting_figures.Conflicts`): each claim is counted
against every estimate of its kind in the group, less those of its own party (the same join with
parties kept apart), so the count stays near-linear; the parties named are gathered skipping the
runs of the claim's own party.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linter.load.figures import claim_figure
from linter.model import Finding, Related
from linter.rulebook.kinds.conflicting_figures import (
    Conflicts,
    Side,
    decided,
    figure_said,
    group_key,
    group_name,
    more_claims,
    side_row,
)
from linter.rulebook.kinds.conflicting_figures import validate as validate_tolerances
from linter.sources.entities import EntityRegistry
from linter.text.quantity import Tolerances

if TYPE_CHECKING:
    from linter.rulebook.context import Context

SCOPE = "index"
PARAMS: dict[str, object] = {"registry": "entities", "tolerances": {}, "kinds": ["estimate"]}
LISTED = 5  # other parties' claims named in a finding; the rest are counted


def validate(params: dict[str, object]) -> None:
    validate_tolerances(params)
    kinds = params["kinds"]
    known = ("estimate", "forecast", "target")
    if not isinstance(kinds, list) or not kinds or any(k not in known for k in kinds):
        raise ValueError(f"'kinds' must be a non-empty list of {', '.join(known)}")


def collect(ctx: Context) -> Iterator[tuple[str, str, str, Any]]:
    data, origin = ctx.rulebook.registry(str(ctx.params["registry"]))
    registry = EntityRegistry.from_data(data, origin)
    kinds = set(ctx.params["kinds"])
    for claim in ctx.corpus.claims:
        value, party = claim.get("value"), claim.get("attribution")
        kind = value.get("kind") if isinstance(value, dict) else None
        if not isinstance(kind, str) or kind not in kinds:
            continue  # a kind that is not a word is the schema's finding
        if not isinstance(party, str) or not party.strip() or decided(claim):
            continue  # an unnamed estimate has no party to disagree with
        key = group_key(registry, claim)
        figure = claim_figure(ctx.corpus, claim) if key is not None else None
        if key is None or figure is None:
            continue
        row = side_row(ctx, claim, figure)
        row[8]["party"] = " ".join(party.split())
        yield claim.document.path, key, "estimate", row


class _AcrossParties(Side):
    """A side compared with every party's estimates of its kind, with its party as written."""

    __slots__ = ("party",)
    by_party = False

    def __init__(self, path: str, row: list[Any], index: int, tolerances: Tolerances) -> None:
        super().__init__(path, row, index, tolerances)
        self.party = str(row[8]["party"])


def _party(side: Side) -> str:
    return side.party if isinstance(side, _AcrossParties) else side.attribution


def reduce(ctx: Context) -> Iterator[Finding]:
    tolerances = Tolerances.from_params(ctx.params["tolerances"])
    groups: dict[str, list[tuple[str, list[Any]]]] = defaultdict(list)
    for fact in ctx.facts(having="shared"):
        groups[fact.key].append((fact.path, fact.row))
    reported = None if ctx.reported is None else set(ctx.reported)
    for key, facts in sorted(groups.items()):
        across: list[Side] = [_AcrossParties(path, row, n, tolerances)
                              for n, (path, row) in enumerate(facts)]
        if len({side.attribution for side in across}) < 2:
            continue  # one party: FL203's to judge
        apart = Conflicts([Side(path, row, n, tolerances) for n, (path, row) in enumerate(facts)])
        together = Conflicts(across)
        entity, prop, within = group_name(key)
        for claim in across:
            if reported is not None and claim.path not in reported:
                continue
            own, _, _ = apart.met(apart.sides[claim.index])
            count, met, own_anchor = together.met(claim, other_parties=True)
            count -= own
            if count <= 0 or not met:
                continue
            yield _finding(ctx, claim, met[:LISTED], count, (entity, prop, within), own_anchor)


def _finding(ctx: Context, claim: Side, met: list[tuple[Any, bool]], count: int,
             group: tuple[str, str, str], own_anchor: bool) -> Finding:
    entity, prop, within = group
    others = "; ".join(
        f"{_party(view.side)} estimates {figure_said(view, anchored)} in {view.side.id} "
        f"({view.side.sources})" for view, anchored in met)
    others += more_claims(count - len(met))
    verdict = "they cannot both be right" if count == 1 else "they cannot all be right"
    return ctx.finding(
        claim.path, claim.line, claim.col,
        f"estimates disagree for {entity} / {prop}{within}: {_party(claim)} estimates "
        f"{figure_said(claim.value, own_anchor)} ({claim.sources}), but {others}; {verdict} — "
        "say which is preferred (`rank`), or why they differ (a `review`, or the `scope` or "
        "`counted` that keeps them apart)",
        subject=claim.id,
        # As FL203's: its own claim and the group, not the parties or figures quoted.
        key=(f"claim={claim.id}", f"subject={entity}", f"property={prop}"),
        related=[Related(view.side.path, view.side.line, view.side.col,
                         f"{view.side.id}: {_party(view.side)} estimates "
                         f"{figure_said(view, anchored)} ({view.side.sources})")
                 for view, anchored in met],
    )
