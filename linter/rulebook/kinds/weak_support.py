"""Kind `weak-support`: a claim whose best source is weak on a scale.

`scale: provenance` ranks sources none/unknown 0, assisted-and-reviewed 1, assisted-unreviewed 2,
generated 3, leaked 4;
`scale: reliability` ranks generally-reliable 0, no-consensus or unknown 1, generally-unreliable
2, deprecated 3, blacklisted 4. The claim fires when its *best* cited source ranks at least
`at_least` and (when `below` is set) below `below`: one good source is enough support.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.model import Finding
from linter.sources.assessment import PROVENANCE_RANK, RELIABILITY_RANK, Assessment, cited

if TYPE_CHECKING:
    from linter.rulebook.context import Context

PARAMS: dict[str, object] = {"scale": "", "at_least": "", "below": "", "label": ""}


def _scale(name: object) -> dict[str, int]:
    if name == "provenance":
        return PROVENANCE_RANK
    if name == "reliability":
        return RELIABILITY_RANK
    raise ValueError("`scale` must be provenance or reliability")


def validate(params: dict[str, object]) -> None:
    scale = _scale(params["scale"])
    for key in ("at_least", "below"):
        if params[key] and params[key] not in scale:
            raise ValueError(f"`{key}` must be one of {', '.join(scale)}")
    if not params["at_least"] or not params["label"]:
        raise ValueError("`at_least` and `label` are required")


def _describe(found: Assessment, scale: str) -> str:
    if scale == "provenance":
        signal = next((s for s in found.signals if s.signal.category != "style"), None)
        evidence = f": “{' '.join(signal.signal.matched.split())}”" if signal else ""
        return f"{found.entry.id} (provenance {found.provenance}{evidence})"
    publisher = f"{found.publisher.id}: " if found.publisher else ""
    return f"{found.entry.id} ({publisher}{found.status})"


def check(ctx: Context) -> Iterator[Finding]:
    scale_name = str(ctx.params["scale"])
    scale = _scale(scale_name)
    low = scale[str(ctx.params["at_least"])]
    high = scale[str(ctx.params["below"])] if ctx.params["below"] else None
    for claim in ctx.corpus.focus_claims():
        sources = cited(ctx.corpus, ctx.rulebook, claim)
        if not sources:
            continue
        rank = (lambda a: a.provenance_rank) if scale_name == "provenance" else (
            lambda a: a.reliability_rank)
        best = min(rank(a) for a in sources)
        if best < low or (high is not None and best >= high):
            continue
        listed = "; ".join(_describe(a, scale_name) for a in sources)
        yield ctx.at_entry(
            claim,
            f"claim {claim.id!r} rests only on {ctx.params['label']}: {listed}. Add a "
            "reliable, human-written source or mark the claim as unsupported",
            ("evidence",),
        )
