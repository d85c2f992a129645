"""Kind `scan`: rules that act on raw article text (`factlint scan`), never on claim files.

A scan rule file names the finding it reports with `params.finding` (one of
`FINDINGS` below); `factlint scan` runs the engine in `linter/scan.py` once per article
and gives each finding the code, name and severity of every selected rule that asks for it.
Declaring these as rule files is what lets `factlint rules`, `factlint rule FL405`,
`--select/--ignore` and configured severities treat them like any other rule.

Over a corpus of claim files (`factlint check`) the kind yields nothing: a claim file is not an
article. The provenance and attribution of *sources* in claim files are FL30x/FL32x's job.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.model import Finding

if TYPE_CHECKING:
    from linter.rulebook.context import Context

#: The findings the scan engine (`linter/scan.py`) produces. Kept here, not in the engine, so
#: that validating rule files on every `factlint check` never imports the engine.
FINDINGS = (
    "ai-generated",
    "leaked-chatbot-text",
    "ai-style-markers",
    "ai-assisted",
    "ai-assisted-unreviewed",
    "unattributed-figure",
    "anonymous-sourcing",
    "unanchored-relative-date",
    "resolved-relative-date",
)

PARAMS: dict[str, object] = {
    "finding": "",
    # unattributed-figure: how a sentence may open to continue the previous sentence's source.
    "continuation_openers": [],
    # ai-style-markers: how many different markers make the weak signal worth reporting.
    "min_markers": 1,
}


def validate(params: dict[str, object]) -> None:
    if params["finding"] not in FINDINGS:
        raise ValueError(f"`finding` must be one of {', '.join(FINDINGS)}")
    openers = params["continuation_openers"]
    if not isinstance(openers, list) or not all(isinstance(o, str) and o.strip()
                                                for o in openers):
        raise ValueError("`continuation_openers` must be a list of non-empty strings")
    markers = params["min_markers"]
    if isinstance(markers, bool) or not isinstance(markers, int) or markers < 1:
        raise ValueError("`min_markers` must be a positive integer")


def check(ctx: Context) -> Iterator[Finding]:
    return iter(())
