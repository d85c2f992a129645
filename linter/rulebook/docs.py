"""A rule's documentation as `factlint rule CODE` prints it, in the shape of ruff's rule pages."""

from __future__ import annotations

import textwrap

from linter.model import Rule


def render_rule(rule: Rule) -> str:
    doc = rule.doc
    params = ""
    if rule.params:
        rows = "\n".join(f"  {k}: {v!r}" for k, v in sorted(rule.params.items()))
        params = f"\nParameters (kind `{rule.kind}`):\n{rows}\n"
    notes = f"\nNotes\n{_wrap(doc.notes)}\n" if doc.notes else ""
    return (
        f"{rule.code} {rule.name} ({rule.severity})\n\n"
        f"{rule.summary}\n\n"
        f"What it does\n{_wrap(doc.what)}\n\n"
        f"Why is this bad?\n{_wrap(doc.why)}\n\n"
        f"Example that fails\n{textwrap.indent(doc.fail, '    ')}\n\n"
        f"Example that passes\n{textwrap.indent(doc.passing, '    ')}\n"
        f"{params}{notes}"
        f"\nDefined in {rule.origin}\n"
    )


def _wrap(text: str) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(
        textwrap.fill(" ".join(p.split()), width=96, initial_indent="  ", subsequent_indent="  ")
        for p in paragraphs
    )
