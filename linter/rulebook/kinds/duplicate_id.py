"""Kind `duplicate-id`: an id used by more than one source or claim anywhere in the corpus.

Every occurrence is reported (each pointing at the others), so that a pre-commit run on either file
shows the clash, whichever file sorts first.

Index-scoped: each file contributes the ids it defines (with where); the join looks only at the
ids defined in the files reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linter.model import Finding, Related

if TYPE_CHECKING:
    from linter.rulebook.context import Context

SCOPE = "index"
PARAMS: dict[str, object] = {}


def collect(ctx: Context) -> Iterator[tuple[str, str, str, Any]]:
    for entry in ctx.corpus.entries:
        position = entry.document.position((*entry.path, "id"))
        yield entry.document.path, entry.id, "def", [entry.section, position.line, position.col]


def reduce(ctx: Context) -> Iterator[Finding]:
    by_id: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
    for fact in ctx.facts(having="shared"):
        section, line, col = fact.row
        by_id[fact.key].append((fact.path, section, line, col))
    reported = None if ctx.reported is None else set(ctx.reported)
    for entry_id, entries in by_id.items():
        if len(entries) < 2:
            continue
        for entry in entries:
            if reported is not None and entry[0] not in reported:
                continue
            others = [e for e in entries if e is not entry]
            where = ", ".join(f"{path}:{line}" for path, _, line, _ in others)
            yield ctx.finding(
                entry[0], entry[2], entry[3],
                f"id {entry_id!r} is also used at {where}; ids must be unique across the corpus",
                subject=entry_id,
                related=[Related(path, line, col, f"{section[:-1]} {entry_id!r} defined here")
                         for path, section, line, col in others],
            )
