"""Kind `source-metadata`: a source missing the fields a reader needs to find and date it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.model import Finding

if TYPE_CHECKING:
    from linter.rulebook.context import Context

PARAMS: dict[str, object] = {"required": ["url", "publisher", "published"]}
_WORDS = {"url": "URL", "published": "publication date"}


def check(ctx: Context) -> Iterator[Finding]:
    required = [str(k) for k in ctx.params["required"]]
    for source_id, entry in ctx.corpus.focus_sources():
        missing = [_WORDS.get(k, k) for k in required if not entry.get(k)]
        if missing:
            listed = ", ".join(missing[:-1]) + (" or " if len(missing) > 1 else "") + missing[-1]
            yield ctx.at_entry(
                entry,
                f"source {source_id!r} has no {listed}: a reader cannot find or date it; record "
                "what is known, and say in a comment what is not",
                ("id",),
            )
