"""A rule's documentation as `factlint rule CODE` prints it, in the shape of ruff's rule pages."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable
from pathlib import PurePath

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


# --- Markdown: the rule pages under docs/rules/ (SARIF's helpUri points at them) ---------------


def render_rule_markdown(rule: Rule, origin: str | None = None) -> str:
    """One rule's page as Markdown, with the same sections as `render_rule`. `origin` is how the
    page names the rule file (default: the path it was loaded from)."""
    doc = rule.doc
    parts = [
        f"# {rule.code} {rule.name}",
        f"**Severity:** {rule.severity} · **Kind:** `{rule.kind}`",
        rule.summary,
        "## What it does",
        doc.what,
        "## Why is this bad?",
        doc.why,
        "## Example",
        "Fails:",
        _fenced(doc.fail),
        "Passes:",
        _fenced(doc.passing),
    ]
    if rule.params:
        parts += ["## Parameters",
                  f"The defaults of the `{rule.kind}` check kind as this rule sets them:",
                  _fenced("\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}"
                                    for key, value in sorted(rule.params.items())))]
    if doc.notes:
        parts += ["## Notes", doc.notes]
    shown = origin if origin is not None else rule.origin
    parts += ["---", f"Defined in `{shown}`. `factlint rule {rule.code}` prints this page in the "
                     "terminal; `factlint rules` lists every rule."]
    return "\n\n".join(parts) + "\n"


def _fenced(text: str, info: str = "yaml") -> str:
    """A fenced code block whose fence is longer than any run of backticks in `text`."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}"


def rule_pages(rules: Iterable[Rule]) -> dict[str, str]:
    """File name → content of every page under docs/rules/: one a rule, and an index."""
    ordered = sorted(rules, key=lambda r: r.code)
    pages = {f"{r.code}.md": render_rule_markdown(r, f"rules/{PurePath(r.origin).name}")
             for r in ordered}
    pipe = "\\|"  # a `|` in a summary would split its table cell
    rows = "\n".join(
        f"| [{r.code}]({r.code}.md) | {r.name} | {r.severity} | {r.summary.replace('|', pipe)} |"
        for r in ordered)
    pages["README.md"] = (
        "# factlint rules\n\n"
        "One page a built-in rule, written from the rule files in `rules/` by "
        "`python scripts/render_rule_pages.py` (tests/test_rule_pages.py fails when a page is "
        "out of date). SARIF output links each rule here (`helpUri`).\n\n"
        "| Code | Name | Severity | Summary |\n|---|---|---|---|\n" + rows + "\n")
    return pages
