"""Kind `future-date`: a source dated after today (the date factlint runs, or FACTLINT_TODAY)."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.model import Finding

if TYPE_CHECKING:
    from linter.engine import Context

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


def check(ctx: Context) -> Iterator[Finding]:
    now = today()
    for source_id, entry in ctx.corpus.focus_sources():
        published = entry.get("published")
        if not isinstance(published, str):
            continue
        start = earliest(published)
        if start is not None and start > now:
            yield ctx.at_entry(
                entry,
                f"source {source_id!r} is dated {published}, after today ({now.isoformat()}): "
                "a typo in the year, or a date that is not the publication date",
                ("published",),
            )
