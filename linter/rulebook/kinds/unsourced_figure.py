"""Kind `unsourced-figure`: a figure in a claim's `value` or `text` that no evidence quote states.

Compared as normalised values, not strings: "$564 billion" is found in "564 billion dollars" and
"US$564bn", "82%" in "82 percent", 2025-01-20 in "On the 20th of January 2025"; relative dates in
a quote ("last month") count once resolved against the quote's source date.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linter.load.corpus import Entry
from linter.load.figures import claim_figure, quote_figures, show, source_anchor, text_figures
from linter.model import Finding
from linter.text.quantity import Quantity, Tolerances, matches

if TYPE_CHECKING:
    from linter.rulebook.context import Context

PARAMS: dict[str, object] = {"check_text": True, "tolerances": {}}


def validate(params: dict[str, object]) -> None:
    Tolerances.from_params(params["tolerances"])  # type: ignore[arg-type]


def _missing(ctx: Context, claim: Entry, tolerances: Tolerances) -> list[list[Any]]:
    """[shown figure, node, where] for each claim figure no quote states."""
    quoted: list[Quantity] = []
    for _, item in ctx.corpus.evidence(claim):
        quote, source = item.get("quote"), item.get("source")
        if isinstance(quote, str):
            anchor = source_anchor(ctx.corpus, source) if isinstance(source, str) else None
            quoted.extend(quote_figures(quote, anchor, ctx.corpus))
    wanted: list[tuple[Quantity, str]] = []
    figure = claim_figure(ctx.corpus, claim)
    if figure is not None:
        wanted.append((figure, "value"))
    text = claim.get("text")
    if ctx.params["check_text"] and isinstance(text, str):
        wanted.extend((q, "text") for q in text_figures(ctx.corpus, text) if q.dimension != "rank")
    missing: list[tuple[Quantity, str]] = []
    for quantity, where in wanted:
        if any(matches(quantity, q, tolerances) for q in quoted):
            continue  # stated
        # The same figure in `value` and `text` is one missing figure, reported once.
        if not any(matches(m, quantity, tolerances) for m, _ in missing):
            missing.append((quantity, where))
    return [[show(quantity), where] for quantity, where in missing]


def check(ctx: Context) -> Iterator[Finding]:
    tolerances = Tolerances.from_params(ctx.params["tolerances"])
    for claim in ctx.corpus.focus_claims():
        if not any(isinstance(item.get("quote"), str) for _, item in ctx.corpus.evidence(claim)):
            continue  # no evidence at all is FL201's finding
        # Each claim is checked once a run: no `derive` (it would only hash the claim's repr).
        for shown, where in _missing(ctx, claim, tolerances):
            yield ctx.at_entry(
                claim,
                f"figure {shown} in the claim's {where} is not stated by any "
                "evidence quote; quote the sentence that states it, or correct the figure",
                (where,),
            )
