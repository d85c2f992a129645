"""Kind `load`: report what the loader found wrong with a file (syntax, duplicate keys, refused
YAML constructs, encoding, limits). One rule per category keeps the codes stable and selectable."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.load.document import DUPLICATE_KEY, ENCODING, LIMIT, SYNTAX, UNSUPPORTED
from linter.model import Finding

if TYPE_CHECKING:
    from linter.rulebook.context import Context

# Findings depend on this file alone: cached per file (see linter.run.store).
SCOPE = "file"
PARAMS: dict[str, object] = {"category": ""}
_CATEGORIES = (SYNTAX, DUPLICATE_KEY, UNSUPPORTED, ENCODING, LIMIT)


def validate(params: dict[str, object]) -> None:
    if params["category"] not in _CATEGORIES:
        raise ValueError(f"category must be one of {', '.join(_CATEGORIES)}")


def check(ctx: Context) -> Iterator[Finding]:
    category = ctx.params["category"]
    for document in ctx.corpus.documents:
        for problem in document.problems:
            if problem.category == category:
                yield Finding(
                    path=document.path,
                    line=problem.position.line,
                    col=problem.position.col,
                    code=ctx.rule.code,
                    message=problem.message,
                    severity=ctx.rule.severity,
                    rule=ctx.rule.name,
                )
