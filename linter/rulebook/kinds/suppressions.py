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

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from linter.model import Finding, Fix, Rule

if TYPE_CHECKING:
    from linter.fix.edits import FileText
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
    return _with_removals(found)


def _with_removals(found: list[Finding]) -> list[Finding]:
    """Each unused suppression with its safe fix: remove the entry (its lines), or the whole
    `suppress:` key when no entry of it is used."""
    if not found:
        return found
    from linter.fix.edits import file_text

    unused_at = {(f.path, f.line, f.col) for f in found}
    fixed = []
    for finding in found:
        text = file_text(finding.path)
        fix = _removal(text, finding, unused_at) if text is not None else None
        fixed.append(finding._replace(fix=fix) if fix else finding)
    return fixed


_DASH = re.compile(r"[ \t]*-[ \t]+")
_INDENT = re.compile(r"[ \t]*")


def _removal(text: FileText, finding: Finding, unused_at: set[tuple[str, int, int]]) -> Fix | None:
    import yaml

    item = next((n for n in text.nodes_at(finding.line, finding.col)
                 if isinstance(n.node, yaml.MappingNode)), None)
    entries = item.parent if item is not None else None
    if item is None or entries is None or entries.key_name != "suppress" \
            or not isinstance(entries.node, yaml.SequenceNode) or entries.node.flow_style:
        return None  # only block lists: a flow list is edited by hand
    items = entries.node.value
    all_unused = all((finding.path, i.start_mark.line + 1, i.start_mark.column + 1) in unused_at
                     for i in items)
    if all_unused:
        key = entries.key
        start = text.line_start(key.start_mark.index)
        if not _INDENT.fullmatch(text.text[start:key.start_mark.index]):
            return None  # `- suppress:` opens its entry: removing it is a hand's job
        end = text.line_end(_last_end(entries.node))
        return text.fix("remove the unused `suppress` key", [(start, end, "")], safe=True)
    start = text.line_start(item.start)
    if not _DASH.fullmatch(text.text[start:item.start]):
        return None
    end = text.line_end(_last_end(item.node))
    return text.fix("remove the unused suppression", [(start, end, "")], safe=True)


def _last_end(node: Any) -> int:
    """Where the last character of a block node's content is (a block mapping's own end mark
    runs on to the next token, past comments that are not its own)."""
    while getattr(node, "flow_style", False) is False and isinstance(node.value, list) \
            and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return int(node.end_mark.index) - 1
