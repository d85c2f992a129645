"""Kind `unknown-source`: evidence that cites a source id no file of the corpus defines.

Index-scoped: each file contributes the source ids it defines and the ones its evidence cites
(with where); the join looks only at the ids cited in the files reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linter.model import Finding, Fix

if TYPE_CHECKING:
    from linter.rulebook.context import Context

SCOPE = "index"
PARAMS: dict[str, object] = {}


def collect(ctx: Context) -> Iterator[tuple[str, str, str, Any]]:
    for entry in ctx.corpus.entries:
        if entry.section == "sources":
            yield entry.document.path, entry.id, "def", []
    for claim in ctx.corpus.claims:
        for index, item in ctx.corpus.evidence(claim):
            source = item.get("source")
            if isinstance(source, str):
                position = claim.document.position((*claim.path, "evidence", index, "source"))
                yield claim.document.path, source, "use", [position.line, position.col, claim.id]


def _closest(ctx: Context, missing: str) -> str | None:
    assert ctx.index is not None
    # A typo changes the length by a character or two: comparing only ids of about the same
    # length keeps this fast on corpora with tens of thousands of sources.
    candidates = ctx.index.keys_between(ctx.rule.code, "def", len(missing) - 2, len(missing) + 2)
    import difflib  # only when a finding needs a suggestion: 2 ms to import

    close = difflib.get_close_matches(missing, candidates, n=1)
    return close[0] if close else None


def _cite_fix(path: str, line: int, col: int, missing: str, suggested: str) -> Fix | None:
    """Unsafe: cite the suggested id instead (a human checks it is the source meant)."""
    from linter.fix.edits import file_text, scalar_text

    text = file_text(path)
    node = text.scalar_at(line, col) if text else None
    if text is None or node is None or node.node.value != missing:
        return None
    return text.fix(f"cite {suggested!r} instead of {missing!r}",
                    [(node.start, node.end, scalar_text(suggested, node.node.style))], safe=False)


def reduce(ctx: Context) -> Iterator[Finding]:
    defined: set[str] = set()
    uses: dict[str, list[tuple[str, int, int, str]]] = defaultdict(list)
    for fact in ctx.facts(having="no-def"):
        if fact.role == "def":
            defined.add(fact.key)
        else:
            uses[fact.key].append((fact.path, *fact.row))
    reported = None if ctx.reported is None else set(ctx.reported)
    for source, places in uses.items():
        if source in defined:
            continue
        # The same missing id is usually cited many times: one suggestion for all.
        suggested = _closest(ctx, source)
        hint = f" (did you mean {suggested!r}?)" if suggested else ""
        for path, line, col, claim_id in places:
            if reported is None or path in reported:
                found = ctx.finding(path, line, col,
                                    f"evidence cites unknown source {source!r}{hint}",
                                    subject=claim_id,
                                    key=(f"claim={claim_id}", f"source={source}"))
                if suggested is not None:
                    found = found._replace(fix=_cite_fix(path, line, col, source, suggested))
                yield found
