"""Run the selected rules over a corpus and turn raw findings into the reported list.

Order of business: each rule's kind yields findings; the engine then applies configured severities,
per-file ignores and in-file suppressions (kept, marked with their reason, so reports can show
them), keeps only findings in the files the user asked about, and sorts.
"""

from __future__ import annotations

import fnmatch
from typing import NamedTuple

from linter.load.corpus import Corpus
from linter.model import Finding, Rule, Severity
from linter.rulebook import kinds
from linter.rulebook.book import Rulebook, matches_code
from linter.rulebook.context import Context


class Selection(NamedTuple):
    """Which findings to keep, and how to adjust them (from configuration and flags)."""

    severity: dict[str, Severity]
    per_file_ignores: dict[str, tuple[str, ...]]
    report_paths: frozenset[str] | None  # None: report every file of the corpus


def check_rules(rules: list[Rule], corpus: Corpus, rulebook: Rulebook) -> list[Finding]:
    """Raw findings of `rules` on `corpus` (before severities, ignores and suppressions)."""
    raw: list[Finding] = []
    for rule in rules:
        context = Context(rule, corpus, rulebook)
        raw.extend(kinds.module(rule.kind).check(context))
    return raw


def finalize(raw: list[Finding], suppressions: dict[tuple[str, str], dict[str, str]],
             selection: Selection) -> list[Finding]:
    """Apply severities, ignores and suppressions (by (path, subject): rule → reason); sort."""
    kept: list[Finding] = []
    for finding in raw:
        if selection.report_paths is not None and finding.path not in selection.report_paths:
            continue
        if _ignored_for_file(finding, selection.per_file_ignores):
            continue
        override = severity_for(finding.code, selection.severity)
        if override is not None:
            finding = finding._replace(severity=override)
        reason = suppressions.get((finding.path, finding.subject), {}).get(finding.code)
        if reason is not None:
            finding = finding._replace(suppressed=reason)
        kept.append(finding)
    # Exact duplicates (the same rule reaching the same node twice) would only be noise.
    unique = {(f.sort_key(), f.subject, f.related): f for f in kept}
    return sorted(unique.values(), key=Finding.sort_key)


def severity_for(code: str, table: dict[str, Severity]) -> Severity | None:
    """The configured severity of `code`: its own entry, else the longest selector that
    selects it (`FL2` for FL203, as `select` reads it), else None."""
    exact = table.get(code)
    if exact is not None:
        return exact
    best = max((k for k in table if matches_code(code, k)), key=len, default=None)
    return table[best] if best is not None else None


def _ignored_for_file(finding: Finding, per_file: dict[str, tuple[str, ...]]) -> bool:
    for pattern, codes in per_file.items():
        if fnmatch.fnmatch(finding.path, pattern) and any(
            matches_code(finding.code, c) for c in codes
        ):
            return True
    return False
