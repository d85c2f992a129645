"""Kind `duplicate-id`: an id used by more than one source or claim anywhere in the corpus.

Each file that uses a shared id gets one finding, at its first use there, pointing at the other
uses: a pre-commit run on either file shows the clash, whichever file sorts first. At most
`LISTED` other uses are named, then counted ("and 3,995 more"), so that 4,000 claims with one id
give one finding of bounded size, not 4,000 findings naming 3,999 places each.

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
LISTED = 4  # other uses named in a finding; the rest are counted


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
        seen: set[str] = set()
        for entry in entries:  # corpus order: the first use in each file carries the finding
            if entry[0] in seen or (reported is not None and entry[0] not in reported):
                continue
            seen.add(entry[0])
            # The first uses but this one: the head of the list is enough to name them.
            others = [e for e in entries[:LISTED + 1] if e is not entry][:LISTED]
            more = len(entries) - 1 - len(others)
            where = ", ".join(f"{path}:{line}" for path, _, line, _ in others)
            if more:
                where += f" and {more:,} more"
            yield ctx.finding(
                entry[0], entry[2], entry[3],
                f"id {entry_id!r} is also used at {where}; ids must be unique across the corpus",
                subject=entry_id, key=(f"id={entry_id}",),
                related=[Related(path, line, col, f"{section[:-1]} {entry_id!r} defined here")
                         for path, section, line, col in others],
            )
