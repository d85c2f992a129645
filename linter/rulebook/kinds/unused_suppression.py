"""Kind `unused-suppression`: judged after every finding of a run is known (see
`linter.rulebook.kinds.suppressions.unused`, which the runner calls); it has nothing to find in
a file or in the index on its own."""

from __future__ import annotations

from linter.rulebook.kinds.suppressions import unused

# Neither file, cited nor index: the runner applies it to the final findings.
SCOPE = "final"
PARAMS: dict[str, object] = {}

__all__ = ["SCOPE", "unused"]
