"""Kind `unknown-source`: evidence that cites a source id no file of the corpus defines."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.model import Finding

if TYPE_CHECKING:
    from linter.engine import Context

PARAMS: dict[str, object] = {}


def check(ctx: Context) -> Iterator[Finding]:
    known = sorted(ctx.corpus.sources)
    for claim in ctx.corpus.claims:
        for index, item in ctx.corpus.evidence(claim):
            source = item.get("source")
            if not isinstance(source, str) or source in ctx.corpus.sources:
                continue
            close = difflib.get_close_matches(source, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            yield ctx.at_entry(
                claim,
                f"evidence cites unknown source {source!r}{hint}",
                ("evidence", index, "source"),
            )
