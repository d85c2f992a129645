"""`--statistics`: the count of findings per rule, and nothing else, as text or JSON."""

from __future__ import annotations

import json

from linter.output import Report, visible


def rows(report: Report) -> list[dict[str, object]]:
    """Per code, the most frequent first (then by code): code, rule name, count, severity."""
    names = {rule.code: rule.name for rule in report.rules}
    severities: dict[str, str] = {}
    for finding in report.active:
        # A code's severity is configured per code, so all its findings share it.
        severities.setdefault(finding.code, str(finding.severity))
    counts = report.by_code()
    return [{"code": code, "name": names.get(code, ""), "count": count,
             "severity": severities[code]}
            for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def render_text(report: Report) -> str:
    return "".join(f"{row['count']:6d}  {row['code']}  {visible(str(row['name']))}\n"
                   for row in rows(report))


def render_json(report: Report) -> str:
    return json.dumps(rows(report), indent=2, ensure_ascii=False) + "\n"
