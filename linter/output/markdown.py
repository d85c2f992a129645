"""`--format markdown`: a compact summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment.

GitHub shows at most ten error and ten warning annotations per step; the job summary is where the
whole list belongs. Cells are escaped: `|` would split a table cell, a newline would end the row,
and `<` could open HTML. GitHub also turns bare URLs, `www.` names, e-mail addresses and
@mentions into links (and a mention notifies whoever it names): `inline` breaks each with an
invisible zero-width space, so the text reads the same and links nowhere.
"""

from __future__ import annotations

import re
from collections import Counter

from linter.model import Finding, Severity
from linter.output import Report, visible
from linter.output.text import summary

MAX_ROWS = 500  # keeps the summary well under GitHub's 1 MiB limit
ARTIFACT = "factlint-results"  # action.yml's default name for the JSON output's artifact
_ICON = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
_NOUN = {Severity.ERROR: ("error", "errors"), Severity.WARNING: ("warning", "warnings"),
         Severity.INFO: ("info", "info")}


def cell(text: str) -> str:
    return visible(
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    )


_SPECIAL = re.compile(r"([\\`*_\[\]~])")
# Where GitHub's autolinker would start a link: before the `://` of any scheme (it reads the
# scheme backwards from the colon), between `www` and its dot, after an `@` (an e-mail
# address's domain, a mention's name, `mailto:` and `xmpp:`), and before the number of an issue
# or pull-request reference (`#12`, `owner/repo#12`, `GH-12`), which also puts a "mentioned
# this" event on that issue's timeline.
_AUTOLINK = re.compile(r"(?=://)|(?<=www)(?=\.)|(?<=@)|(?<=#)(?=\d)|(?<=\bgh-)(?=\d)",
                       re.IGNORECASE)
ZERO_WIDTH_SPACE = "\u200b"


def no_autolinks(text: str) -> str:
    """`text` with a zero-width space where GitHub would start an automatic link, mention or
    issue reference."""
    if not any(c in text for c in ":@.#-"):
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


def _worst_first(finding: Finding) -> tuple[object, ...]:
    # The row limit must never hide an error behind warnings: errors first, then warnings,
    # then info, each in file order.
    return (-finding.severity, finding.path, finding.line, finding.col, finding.code,
            finding.message)


def left_out(hidden: list[Finding]) -> str:
    """The line under a cut table: how many findings of each severity it does not show."""
    counts = Counter(f.severity for f in hidden)
    parts = [f"{counts[s]} {_NOUN[s][counts[s] != 1]}"
             for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
    return (f"…and {len(hidden)} more not shown ({', '.join(parts)}): the full list is in the "
            "JSON output (`factlint check --format json`, which the factlint Action uploads as "
            f"an artifact, `{ARTIFACT}` by default) and in the SARIF log.")


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
        rows = sorted(report.active, key=_worst_first)
        for finding in rows[:MAX_ROWS]:
            location = f"{finding.path}:{finding.line}:{finding.col}"
            lines.append(
                f"| {_ICON[finding.severity]} | {code_span(location)} | {finding.code} | "
                f"{inline(finding.message)} |"
            )
        if len(rows) > MAX_ROWS:
            lines += ["", left_out(rows[MAX_ROWS:])]
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
