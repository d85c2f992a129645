"""`--format markdown`: a compact summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment.

GitHub shows at most ten error and ten warning annotations per step; the job summary is where the
whole list belongs. Cells are escaped: `|` would split a table cell, a newline would end the row,
and `<` could open HTML. GitHub also turns bare URLs, `www.` names, e-mail addresses and
@mentions into links (and a mention notifies whoever it names): `inline` breaks each with an
invisible zero-width space, so the text reads the same and links nowhere.
"""

from __future__ import annotations

import re

from linter.model import Severity
from linter.output import Report, visible
from linter.output.text import summary

MAX_ROWS = 500  # keeps the summary well under GitHub's 1 MiB limit
_ICON = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def cell(text: str) -> str:
    return visible(
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    )


_SPECIAL = re.compile(r"([\\`*_\[\]~])")
# Where GitHub's autolinker would start a link: before the `://` of any scheme (it reads the
# scheme backwards from the colon), between `www` and its dot, and after an `@` (an e-mail
# address's domain, a mention's name, `mailto:` and `xmpp:`).
_AUTOLINK = re.compile(r"(?=://)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
ZERO_WIDTH_SPACE = "\u200b"


def no_autolinks(text: str) -> str:
    """`text` with a zero-width space where GitHub would start an automatic link or mention."""
    if ":" not in text and "@" not in text and "." not in text:
        return text
    return _AUTOLINK.sub(ZERO_WIDTH_SPACE, text)


def inline(text: str) -> str:
    """Untrusted text as inert Markdown in a table cell: no links, emphasis, code spans,
    automatic links or mentions."""
    return cell(_SPECIAL.sub(r"\\\1", no_autolinks(text)))


def code_span(text: str) -> str:
    """A location as a code span, unless it holds what a code span cannot carry."""
    if any(c in text for c in "`&<>"):
        return inline(text)
    return f"`{cell(text)}`"


def render(report: Report) -> str:
    status = "failed" if report.failing() else "passed"
    lines = [f"## factlint: {status}", "", summary(report), ""]
    names = {rule.code: rule.name for rule in report.rules}
    counts = report.by_code()
    if counts:
        lines += ["| Rule | Name | Findings |", "|---|---|---:|"]
        for code, count in sorted(counts.items()):
            lines.append(f"| {code} | {inline(names.get(code, ''))} | {count} |")
        lines.append("")
        lines += ["| Severity | Location | Rule | Message |", "|---|---|---|---|"]
        for finding in report.active[:MAX_ROWS]:
            location = f"{finding.path}:{finding.line}:{finding.col}"
            lines.append(
                f"| {_ICON[finding.severity]} | {code_span(location)} | {finding.code} | "
                f"{inline(finding.message)} |"
            )
        hidden = len(report.active) - MAX_ROWS
        if hidden > 0:
            lines.append(f"\n…and {hidden} more (see the SARIF or JSON output).")
    if report.suppressed:
        lines += ["", f"<details><summary>{len(report.suppressed)} suppressed</summary>", "",
                  "| Location | Rule | Reason |", "|---|---|---|"]
        for finding in report.suppressed:
            location = f"{finding.path}:{finding.line}:{finding.col}"
            reason = inline(finding.suppressed or "")
            lines.append(f"| {code_span(location)} | {finding.code} | {reason} |")
        lines += ["", "</details>"]
    lines += [inline(note) for note in report.notes]
    return "\n".join(lines).rstrip("\n") + "\n"
