"""`--format json`: every finding with its location, rule and related locations; stable keys."""

from __future__ import annotations

import json
from typing import Any

from linter.model import Finding, Severity
from linter.output import Report


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.col,
        "code": finding.code,
        "rule": finding.rule,
        "severity": str(finding.severity),
        "message": finding.message,
        "subject": finding.subject or None,
        "related": [
            {"path": r.path, "line": r.line, "column": r.col, "message": r.message}
            for r in finding.related
        ],
        "suppressed": finding.suppressed,
    }


def render(report: Report) -> str:
    counts = report.by_severity()
    document = {
        "tool": {"name": "factlint", "version": report.version},
        "summary": {
            "files": len(report.files),
            "findings": len(report.active),
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "info": counts[Severity.INFO],
            "suppressed": len(report.suppressed),
            "fail_on": str(report.fail_on),
            "failed": report.failing(),
        },
        "findings": [finding_dict(f) for f in report.findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
