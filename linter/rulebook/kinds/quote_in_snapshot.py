"""Kind `quote-in-snapshot`: every quote from a source with a local snapshot (`archive`) must be
found in it — exactly after normalising quotation marks, dashes and white space, or by fuzzy
alignment at or above `threshold` (0-100). A quote whose figures differ from the best match is
never accepted, however close the words.

`report: problems` instead reports snapshots that cannot be read: missing, not UTF-8, too large,
or resolving (after symlinks) outside the project — those are never read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.model import Finding
from linter.sources.assessment import assessments
from linter.text.quotes import find_quote

if TYPE_CHECKING:
    from linter.rulebook.context import Context

PARAMS: dict[str, object] = {"threshold": 90.0, "report": "missing-quotes"}


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
    threshold = float(ctx.params["threshold"])  # type: ignore[arg-type]
    for claim in ctx.corpus.focus_claims():
        for index, item in ctx.corpus.evidence(claim):
            source, quote = item.get("source"), item.get("quote")
            found = table.get(source) if isinstance(source, str) else None
            if found is None or found.snapshot.text is None or not isinstance(quote, str):
                continue
            match = find_quote(quote, found.snapshot.text, threshold)
            if match.found:
                continue
            why = " (its figures differ)" if match.numbers_differ else ""
            yield ctx.at_entry(
                claim,
                f"quote not found in the snapshot of {source!r}{why}: best match "
                f"{match.score:.0f}/100 “{' '.join(match.snippet.split())[:160]}”",
                ("evidence", index, "quote"),
            )
