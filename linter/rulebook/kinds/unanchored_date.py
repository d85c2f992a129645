"""Kind `unanchored-relative-date`: a relative date ("last month", "this week", "three years
ago") in a claim's value or evidence whose source has no publication date to resolve it against.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.load.figures import claim_anchor, quote_anchor, source_anchor, text_relatives
from linter.model import Finding

if TYPE_CHECKING:
    from linter.rulebook.context import Context

PARAMS: dict[str, object] = {}


def check(ctx: Context) -> Iterator[Finding]:
    for claim in ctx.corpus.focus_claims():
        reported = False
        for index, item in ctx.corpus.evidence(claim):
            quote, source = item.get("quote"), item.get("source")
            if not isinstance(quote, str) or not isinstance(source, str):
                continue
            if source not in ctx.corpus.sources or quote_anchor(
                    quote, source_anchor(ctx.corpus, source), ctx.corpus) is not None:
                continue  # a dated source, or a quote that states its own year
            phrases = [r.phrase for r in text_relatives(ctx.corpus, quote)
                       if r.resolvable and r.needs_anchor]
            if phrases:
                reported = True
                yield ctx.at_entry(
                    claim,
                    f"relative date “{phrases[0]}” cannot be resolved: source {source!r} has no "
                    "publication date; date the source, or leave the time unresolved in the claim",
                    ("evidence", index, "quote"),
                )
        value = claim.get("value")
        if not reported and isinstance(value, dict) and isinstance(value.get("relative"), str):
            source, anchor = claim_anchor(ctx.corpus, claim)
            if anchor is None:
                yield ctx.at_entry(
                    claim,
                    f"relative date “{value['relative']}” cannot be resolved: "
                    + (f"source {source!r} has no publication date" if source else
                       "the claim cites no source"),
                    ("value", "relative"),
                )
