"""Kind `ai-signals`: a source whose own text shows AI provenance of the given classes.

The classes come from the `ai-patterns` registry (disclosed-unreviewed, disclosed-reviewed,
leaked, style); `declared` lists the `provenance:` values a team may record that count as the
same thing without any matched text (and `registry_types` the publisher types that do).
Style markers are reported together, one finding per source, as the weak signal they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.model import Finding
from linter.sources.assessment import assessments

if TYPE_CHECKING:
    from linter.rulebook.context import Context

PARAMS: dict[str, object] = {"classes": [], "declared": [], "registry_types": [], "label": ""}


def validate(params: dict[str, object]) -> None:
    if not params["classes"] or not params["label"]:
        raise ValueError("`classes` and `label` are required")


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def check(ctx: Context) -> Iterator[Finding]:
    classes = set(ctx.params["classes"])
    declared = set(ctx.params["declared"])
    registry_types = set(ctx.params["registry_types"])
    label = ctx.params["label"]
    table = assessments(ctx.corpus, ctx.rulebook)
    for source_id, entry in ctx.corpus.focus_sources():
        found = table[source_id]
        signals = [s for s in found.signals if s.signal.category in classes]
        if signals:
            if classes == {"style"}:
                markers = "; ".join(
                    f"{s.signal.pattern_id} {_quote(s.signal.matched, 60)} ({s.where})"
                    for s in signals
                )
                # "1 stylistic marker of …", "3 stylistic markers of …"
                counted = label if len(signals) != 1 else label.replace("markers", "marker", 1)
                yield ctx.at_entry(
                    entry,
                    f"source {source_id!r} shows {len(signals)} {counted}: {markers}. A weak "
                    "signal on its own: check who wrote it before relying on it",
                    signals[0].node,
                )
                continue
            first = signals[0]
            signal = first.signal
            # A disclosure is read by the grammar, not matched by a pattern: say what it read.
            how = (f"{signal.kind} disclosure: {signal.explanation}"
                   if signal.pattern_id.startswith("disclosure-")
                   else f"pattern {signal.pattern_id}: {signal.explanation}")
            yield ctx.at_entry(
                entry, f"source {source_id!r} {label}: {_quote(signal.matched)} "
                       f"({first.where}; {how})", first.node)
        elif found.declared in declared:
            yield ctx.at_entry(
                entry, f"source {source_id!r} is recorded as provenance: {found.declared} "
                       f"({label})", ("provenance",))
        elif found.publisher is not None and registry_types & set(found.publisher.types):
            types = ", ".join(sorted(registry_types & set(found.publisher.types)))
            yield ctx.at_entry(
                entry,
                f"source {source_id!r} is published by {found.publisher.id}, listed in the "
                f"reliability registry as {types} ({label})",
                ("publisher",) if entry.get("publisher") else ("url",),
            )
