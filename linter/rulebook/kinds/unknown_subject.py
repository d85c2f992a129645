"""Kind `unknown-subject`: a claim whose `subject` names no entity in the entity registry.

Conflicts are only found between claims about the same entity; a subject the registry does not
know can never be compared, so a misspelt subject silently hides a conflict.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.model import Finding
from linter.sources.entities import EntityRegistry

if TYPE_CHECKING:
    from linter.rulebook.context import Context

# Findings depend on this file alone: cached per file (see linter.run.store).
SCOPE = "file"
PARAMS: dict[str, object] = {"registry": "entities"}


def load(ctx: Context) -> EntityRegistry:
    data, origin = ctx.rulebook.registry(str(ctx.params["registry"]))
    return EntityRegistry.from_data(data, origin)


def check(ctx: Context) -> Iterator[Finding]:
    registry = load(ctx)
    names = sorted(registry.entities)
    for claim in ctx.corpus.claims:
        subject = claim.get("subject")
        if not isinstance(subject, str) or registry.resolve(subject) is not None:
            continue
        import difflib  # only when a finding needs a suggestion: 2 ms to import

        close = difflib.get_close_matches(subject.lower(), names, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        yield ctx.at_entry(
            claim,
            f"subject {subject!r} is not in the entity registry{hint}; add it to "
            "registries/entities.yaml so conflicts with other claims can be found",
            ("subject",),
        )
