"""The `--format text` lines (the default when output is not a terminal): `path:line:col: CODE
severity: message`, sorted, then a summary line. Scripts, logs and editors read these: they stay
as they are; the terminal's views are in linter/output/console.py."""

from __future__ import annotations

from linter.model import Severity
from linter.output import Report, safe_path, visible


def render(report: Report) -> str:
    lines: list[str] = []
    for finding in report.active:
        # One finding a line, whatever the claim file held: control characters are escaped.
        # "[*]": `--fix` repairs it (as ruff marks them); unsafe fixes are counted below.
        mark = " [*]" if finding.fix is not None and finding.fix.safe else ""
        lines.append(
            f"{safe_path(finding.path)}:{finding.line}:{finding.col}: {finding.code}{mark} "
            f"{finding.severity}: {visible(finding.message)}"
        )
        for related in finding.related:
            lines.append(f"    {visible(related.path)}:{related.line}:{related.col}: "
                         f"{visible(related.message)}")
    if report.show_statistics:
        names = {rule.code: rule.name for rule in report.rules}
        counts = report.by_code()
        if counts:
            lines.append("")
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"{count:6d}  {code}  {names.get(code, '')}")
    if not report.quiet:
        if lines:
            lines.append("")
        lines.extend(visible(note) for note in report.notes)
        lines.append(summary(report))
        fixable = fixable_line(report)
        if fixable:
            lines.append(fixable)
    return "\n".join(lines) + ("\n" if lines else "")


def summary(report: Report) -> str:
    counts = report.by_severity()
    files = f"{len(report.files)} file{'s' if len(report.files) != 1 else ''} checked"
    suppressed = len(report.suppressed)
    tail = f", {suppressed} suppressed" if suppressed else ""
    total = sum(counts.values())
    if not total:
        return f"All checks passed ({files}{tail})."
    parts = [
        f"{counts[s]} {s}{'s' if counts[s] != 1 and s is not Severity.INFO else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[s]
    ]
    noun = "finding" if total == 1 else "findings"
    return f"Found {total} {noun} ({', '.join(parts)}) in {files}{tail}."


def fixable_line(report: Report) -> str:
    """"[*] 2 fixable with --fix (1 more with --unsafe-fixes)", or "" when no safe fix is."""
    safe = sum(1 for f in report.active if f.fix is not None and f.fix.safe)
    unsafe = sum(1 for f in report.active if f.fix is not None and not f.fix.safe)
    if not safe:
        return ""  # unsafe fixes alone are offered by `--diff --unsafe-fixes`, not on every run
    more = f" ({unsafe} more with --unsafe-fixes)" if unsafe else ""
    return f"[*] {safe} fixable with --fix{more}."
