"""Kind `future-date`: a source dated after today (the date factlint runs, or FACTLINT_TODAY)."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linter.model import Finding

if TYPE_CHECKING:
    from linter.rulebook.context import Context

# Index-scoped: it depends on the date of the run, which must not invalidate cached files.
SCOPE = "index"
PARAMS: dict[str, object] = {}


def today() -> datetime.date:
    """Today, or FACTLINT_TODAY (YYYY-MM-DD) so that runs and tests can be reproduced."""
    pinned = os.environ.get("FACTLINT_TODAY")
    if pinned:
        return datetime.date.fromisoformat(pinned)
    return datetime.date.today()


def earliest(text: str) -> datetime.date | None:
    """The first day a YYYY, YYYY-MM or YYYY-MM-DD date can mean."""
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
        return datetime.date(numbers[0], *[*numbers[1:], 1, 1][:2])
    except (ValueError, TypeError, IndexError):
        return None


def collect(ctx: Context) -> Iterator[tuple[str, str, str, Any]]:
    for entry in ctx.corpus.entries:
        if entry.section == "sources":
            published = entry.get("published")
            position = entry.document.position((*entry.path, "published"))
            yield entry.document.path, entry.id, "def", [
                published if isinstance(published, str) else None, position.line, position.col]


def reduce(ctx: Context) -> Iterator[Finding]:
    now = today()
    reported = None if ctx.reported is None else set(ctx.reported)
    seen: set[str] = set()
    for fact in ctx.facts():
        if fact.key in seen:
            continue  # a later definition of the id: the first is the source (FL102 reports)
        seen.add(fact.key)
        published, line, col = fact.row
        if published is None or (reported is not None and fact.path not in reported):
            continue
        start = earliest(published)
        if start is not None and start > now:
            yield ctx.finding(
                fact.path, line, col,
                f"source {fact.key!r} is dated {published}, after today ({now.isoformat()}): "
                "a typo in the year, or a date that is not the publication date",
                subject=fact.key, key=(f"source={fact.key}", f"published={published}"),
            )
