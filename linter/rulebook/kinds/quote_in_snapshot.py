"""Kind `quote-in-snapshot`: every quote from a source with a local snapshot (`archive`) must be
found in it — exactly after normalising quotation marks, dashes and white space, or by fuzzy
alignment at or above `threshold` (0-100). A quote whose figures differ from the best match is
never accepted, however close the words.

`report: problems` instead reports snapshots that cannot be read: missing, not UTF-8, too large,
or resolving (after symlinks) outside the project — those are never read.

Every search is bounded (see `linter.text.quotes`): a snapshot is normalised once per run for
all its quotes; a quote longer than `MAX_FUZZY_QUOTE` characters is compared verbatim only; and
the quotes of one claim file share a budget of estimated work (`BUDGET_NS`, counted from sizes,
so that the same files give the same findings on every machine and in every order). A quote
whose search was cut short is reported as not verified, never passed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.model import Finding
from linter.sources.assessment import assessments
from linter.text.quotes import (
    MAX_FUZZY_QUOTE,
    Haystack,
    QuoteMatch,
    SearchBudget,
    find_quote,
)

if TYPE_CHECKING:
    from linter.rulebook.context import Context

PARAMS: dict[str, object] = {"threshold": 90.0, "report": "missing-quotes"}
BUDGET_NS = 1.5e9  # estimated search work for the quotes of one claim file: 1.5 s


def validate(params: dict[str, object]) -> None:
    if params["report"] not in ("missing-quotes", "problems"):
        raise ValueError("`report` must be missing-quotes or problems")
    if not 0 <= float(params["threshold"]) <= 100:  # type: ignore[arg-type]
        raise ValueError("`threshold` must be between 0 and 100")


def check(ctx: Context) -> Iterator[Finding]:
    table = assessments(ctx.corpus, ctx.rulebook)
    if ctx.params["report"] == "problems":
        for source_id, _ in ctx.corpus.focus_sources():
            found = table[source_id]
            if found.snapshot.problem:
                yield ctx.at_entry(found.entry, f"source {source_id!r}: {found.snapshot.problem}",
                                   ("archive",))
        return
    threshold = float(ctx.params["threshold"])
    budgets: dict[str, SearchBudget] = {}
    for claim in ctx.corpus.focus_claims():
        budget = budgets.setdefault(claim.document.path, SearchBudget(BUDGET_NS))
        for index, item in ctx.corpus.evidence(claim):
            source, quote = item.get("source"), item.get("quote")
            if not isinstance(source, str) or not isinstance(quote, str):
                continue
            cited = table.get(source)
            if cited is None or cited.snapshot.text is None:
                continue
            # One normalisation of a snapshot per run, for all the quotes searched in it.
            haystack = ctx.corpus.derive("quote-haystack", cited.snapshot.text, Haystack)
            match = find_quote(quote, haystack, threshold, budget)
            if match.found:
                continue
            yield ctx.at_entry(claim, _message(source, quote, match, haystack),
                               ("evidence", index, "quote"))


def _message(source: str, quote: str, match: QuoteMatch, haystack: Haystack) -> str:
    if match.limit == "too-long":
        return (f"quote not found verbatim in the snapshot of {source!r}, and at "
                f"{len(quote):,} characters it is too long to compare inexactly (at most "
                f"{MAX_FUZZY_QUOTE:,}): quote the passage that supports the claim")
    if match.limit == "budget":
        return (f"quote not verified against the snapshot of {source!r}: the quotes before it "
                f"in this file used up the search budget ({BUDGET_NS / 1e9:g} s of estimated "
                "work); split the file, or shorten the quotes or the snapshots")
    if match.limit == "irregular":
        return (f"quote not verified: the snapshot of {source!r} cannot be searched in bounded "
                f"time ({haystack.refused})")
    if not match.snippet:
        return (f"quote not found in the snapshot of {source!r}: no passage of it is close to "
                "the quote")
    why = " (its figures differ)" if match.numbers_differ else ""
    return (f"quote not found in the snapshot of {source!r}{why}: best match "
            f"{match.score:.0f}/100 “{' '.join(match.snippet.split())[:160]}”")
