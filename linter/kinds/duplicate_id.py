"""Kind `duplicate-id`: an id used by more than one source or claim anywhere in the corpus.

Every occurrence is reported (each pointing at the others), so that a pre-commit run on either file
shows the clash, whichever file sorts first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.corpus import Entry
from linter.model import Finding

if TYPE_CHECKING:
    from linter.engine import Context

PARAMS: dict[str, object] = {}


def check(ctx: Context) -> Iterator[Finding]:
    by_id: dict[str, list[Entry]] = defaultdict(list)
    for entry in ctx.corpus.entries:
        by_id[entry.id].append(entry)
    for entry_id, entries in by_id.items():
        if len(entries) < 2:
            continue
        for entry in filter(ctx.corpus.in_focus, entries):
            others = [e for e in entries if e is not entry]
            where = ", ".join(
                f"{e.document.path}:{e.document.position((*e.path, 'id')).line}" for e in others
            )
            yield ctx.at_entry(
                entry,
                f"id {entry_id!r} is also used at {where}; ids must be unique across the corpus",
                ("id",),
                related=[ctx.related(e, f"{e.section[:-1]} {entry_id!r} defined here", ("id",))
                         for e in others],
            )
