"""Check kinds: the Python behind the rule files.

A rule file names a kind and gives it parameters; the kind's module declares `PARAMS` (the
parameters it accepts, with defaults), its `SCOPE`, and the functions that find problems. Modules
are imported only when a selected rule uses them, so a run that needs no schema validation never
imports jsonschema.

Scopes say what a kind's findings in a file depend on, and so what the cache may keep:
- "file": the file alone (syntax, schema). `check(ctx)` yields findings.
- "cited" (the default): the file and the sources its claims cite, wherever they are defined
  (figures in quotes, provenance). `check(ctx)` yields findings; the cache keeps them with the
  view of the sources they saw, and they are computed again when a source in that view changes.
- "index": facts from every file (duplicate ids, unknown sources, conflicting figures, dates
  after today). `collect(ctx)` yields each file's facts as (path, key, role, JSON row), which
  the cache keeps per file; `reduce(ctx)` joins them through `ctx.index` for the files in
  `ctx.reported` (None: every file) and yields findings.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

# kind name -> module. A new kind is a new module plus a line here.
KINDS: dict[str, str] = {
    "load": "linter.rulebook.kinds.load",
    "schema": "linter.rulebook.kinds.schema",
    "duplicate-id": "linter.rulebook.kinds.duplicate_id",
    "unknown-source": "linter.rulebook.kinds.unknown_source",
    "figure-without-evidence": "linter.rulebook.kinds.figure_without_evidence",
    "unknown-subject": "linter.rulebook.kinds.unknown_subject",
    "ai-signals": "linter.rulebook.kinds.ai_signals",
    "weak-support": "linter.rulebook.kinds.weak_support",
    "source-metadata": "linter.rulebook.kinds.source_metadata",
    "future-date": "linter.rulebook.kinds.future_date",
    "attribution": "linter.rulebook.kinds.attribution",
    "quote-in-snapshot": "linter.rulebook.kinds.quote_in_snapshot",
    "unsourced-figure": "linter.rulebook.kinds.unsourced_figure",
    "conflicting-figures": "linter.rulebook.kinds.conflicting_figures",
    "part-above-whole": "linter.rulebook.kinds.part_above_whole",
    "disagreeing-estimates": "linter.rulebook.kinds.disagreeing_estimates",
    "conversion-mismatch": "linter.rulebook.kinds.conversion_mismatch",
    "unanchored-relative-date": "linter.rulebook.kinds.unanchored_date",
    "scan": "linter.rulebook.kinds.scan",
    "unknown-suppressed-rule": "linter.rulebook.kinds.suppressions",
    "unused-suppression": "linter.rulebook.kinds.unused_suppression",
}


def module(kind: str) -> ModuleType:
    return importlib.import_module(KINDS[kind])


# Scopes already known, by kind: read from the modules, or handed over by the compiled rulebook
# (which reads them from the same modules, under a key that covers their code), so that asking
# a kind's scope does not import a module the run will not otherwise use.
_scopes: dict[str, str] = {}


def scope(kind: str) -> str:
    """"file", "cited" or "index" (see the module's documentation)."""
    known = _scopes.get(kind)
    if known is None:
        known = _scopes[kind] = str(getattr(module(kind), "SCOPE", "cited"))
    return known


def remember_scopes(scopes: dict[str, str]) -> None:
    """Scopes read earlier from the kinds' modules (see `linter.rulebook.book`)."""
    _scopes.update(scopes)


def validate_params(kind: str, params: dict[str, Any]) -> dict[str, Any]:
    """Merge `params` over the kind's defaults; unknown names and wrong types are errors."""
    defaults: dict[str, Any] = getattr(module(kind), "PARAMS", {})
    unknown = sorted(set(params) - set(defaults))
    if unknown:
        known = ", ".join(sorted(defaults)) or "none"
        raise ValueError(f"unknown parameter {unknown[0]!r} for kind {kind!r} (known: {known})")
    merged = dict(defaults)
    for name, value in params.items():
        expected = type(defaults[name])
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if defaults[name] is not None and not isinstance(value, expected):
            raise ValueError(f"{name!r} must be a {expected.__name__}, not {type(value).__name__}")
        merged[name] = value
    validator = getattr(module(kind), "validate", None)
    if validator is not None:
        validator(merged)
    return merged
