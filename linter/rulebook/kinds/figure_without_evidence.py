"""Kind `figure-without-evidence`: a claim that states a figure and cites no evidence at all."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.model import Finding

if TYPE_CHECKING:
    from linter.rulebook.context import Context

# Findings depend on this file alone: cached per file (see linter.run.store).
SCOPE = "file"
PARAMS: dict[str, object] = {}

_DIGIT = re.compile(r"\d")


def check(ctx: Context) -> Iterator[Finding]:
    for claim in ctx.corpus.claims:
        evidence = claim.get("evidence")
        if isinstance(evidence, list) and evidence:
            continue
        value = claim.get("value")
        text = claim.get("text")
        if isinstance(value, dict):
            what = "a figure in `value`"
        elif isinstance(text, str) and _DIGIT.search(text):
            what = "a figure in its text"
        else:
            continue
        yield ctx.at_entry(
            claim,
            f"claim {claim.id!r} states {what} but cites no evidence; add an evidence item with "
            "the source and a verbatim quote",
            ("id",),
        )
