"""Kind `unknown-source`: evidence that cites a source id no file of the corpus defines."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.model import Finding

if TYPE_CHECKING:
    from linter.engine import Context

PARAMS: dict[str, object] = {}


def _suggest(missing: str, by_length: dict[int, list[str]]) -> str:
    # A typo changes the length by a character or two: comparing only ids of about the same
    # length keeps this fast on corpora with tens of thousands of sources.
    candidates = [c for n in range(len(missing) - 2, len(missing) + 3)
                  for c in by_length.get(n, ())]
    close = difflib.get_close_matches(missing, candidates, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check(ctx: Context) -> Iterator[Finding]:
    by_length: dict[int, list[str]] = {}
    for known in sorted(ctx.corpus.sources):
        by_length.setdefault(len(known), []).append(known)
    hints: dict[str, str] = {}  # the same missing id is usually cited many times
    for claim in ctx.corpus.focus_claims():
        for index, item in ctx.corpus.evidence(claim):
            source = item.get("source")
            if not isinstance(source, str) or source in ctx.corpus.sources:
                continue
            if source not in hints:
                hints[source] = _suggest(source, by_length)
            hint = hints[source]
            yield ctx.at_entry(
                claim,
                f"evidence cites unknown source {source!r}{hint}",
                ("evidence", index, "source"),
            )
