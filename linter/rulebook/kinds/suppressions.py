"""Kinds `unknown-suppressed-rule` and `unused-suppression`: the `suppress` entries themselves.

A suppression is a human's decision to accept a finding. One that names a rule factlint does not
have (a typo, a rule since renumbered) accepts nothing while looking as if it did; one that no
longer matches any finding (the claim was fixed, or the rule stopped firing) is a stale promise
that will silently swallow the next, different finding of that rule. Like ruff's unused `noqa`.

`unknown-suppressed-rule` depends on the file alone (and the rules loaded). `unused-suppression`
can only be judged once every finding of the run is known: the runner calls `unused` after the
findings are final, for the files it reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from linter.model import Finding, Rule

if TYPE_CHECKING:
    from linter.rulebook.context import Context

SCOPE = "file"
PARAMS: dict[str, object] = {}


def check(ctx: Context) -> Iterator[Finding]:
    """Suppressions naming a rule code no loaded rule has."""
    known = ctx.rulebook.rules
    for entry in ctx.corpus.entries:
        items = entry.get("suppress")
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            code = item.get("rule") if isinstance(item, dict) else None
            if not isinstance(code, str) or code in known:
                continue
            import difflib  # only when a finding needs a suggestion

            close = difflib.get_close_matches(code.upper(), list(known), n=1, cutoff=0.8)
            hint = f"; did you mean {close[0]}?" if close else " (see `factlint rules`)"
            yield ctx.at_entry(
                entry, f"suppression of unknown rule {code!r}: it accepts nothing{hint}",
                ("suppress", index, "rule"))


def unused(rule: Rule, findings: Iterable[Finding],
           suppressions: Iterable[tuple[str, str, str, int, int]],
           selected: set[str]) -> list[Finding]:
    """A finding for each suppression (path, subject, code, line, col) of a selected rule that
    no finding of the run used."""
    used = {(f.path, f.subject, f.code) for f in findings if f.suppressed is not None}
    found = []
    for path, subject, code, line, col in suppressions:
        if code not in selected or (path, subject, code) in used:
            continue
        found.append(Finding(
            path=path, line=line, col=col, code=rule.code, severity=rule.severity,
            rule=rule.name, subject=subject,
            message=f"unused suppression: no {code} finding on '{subject}' to accept; remove "
                    "it, or it will accept the next, different one"))
    return found
