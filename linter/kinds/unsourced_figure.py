"""Kind `unsourced-figure`: a figure in a claim's `value` or `text` that no evidence quote states.

Compared as normalised values, not strings: "$564 billion" is found in "564 billion dollars" and
"US$564bn", "82%" in "82 percent", 2025-01-20 in "On the 20th of January 2025"; relative dates in
a quote ("last month") count once resolved against the quote's source date.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.extract import extract_figures
from linter.figures import claim_figure, quote_figures, show, source_anchor
from linter.model import Finding
from linter.quantity import Quantity, Tolerances, matches

if TYPE_CHECKING:
    from linter.engine import Context

PARAMS: dict[str, object] = {"check_text": True, "tolerances": {}}


def validate(params: dict[str, object]) -> None:
    Tolerances.from_params(params["tolerances"])  # type: ignore[arg-type]


def check(ctx: Context) -> Iterator[Finding]:
    tolerances = Tolerances.from_params(ctx.params["tolerances"])  # type: ignore[arg-type]
    for claim in ctx.corpus.claims:
        quoted: list[Quantity] = []
        has_quote = False
        for _, item in ctx.corpus.evidence(claim):
            quote, source = item.get("quote"), item.get("source")
            if isinstance(quote, str):
                has_quote = True
                anchor = source_anchor(ctx.corpus, source) if isinstance(source, str) else None
                quoted.extend(quote_figures(quote, anchor))
        if not has_quote:
            continue  # no evidence at all is FL201's finding
        wanted: list[tuple[Quantity, tuple[str, ...], str]] = []
        figure = claim_figure(ctx, claim)
        if figure is not None:
            wanted.append((figure, ("value",), "value"))
        text = claim.get("text")
        if ctx.params["check_text"] and isinstance(text, str):
            wanted.extend((q, ("text",), "text") for q in extract_figures(text))
        missing: list[tuple[Quantity, tuple[str, ...], str]] = []
        for quantity, node, where in wanted:
            stated = any(matches(quantity, q, tolerances) for q in quoted)
            # The same figure in `value` and `text` is one missing figure, reported once.
            repeated = any(matches(m[0], quantity, tolerances) for m in missing)
            if not stated and not repeated:
                missing.append((quantity, node, where))
        for quantity, node, where in missing:
            yield ctx.at_entry(
                claim,
                f"figure {show(quantity)} in the claim's {where} is not stated by any "
                "evidence quote; quote the sentence that states it, or correct the figure",
                node,
            )
