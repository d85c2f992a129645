"""Output formats. Each module renders a `Report` to a string; none of them knows the others.

Modules are imported on demand so that the text format, the hook's default, pays for nothing else.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field

from linter.model import Finding, Rule, Severity

FORMATS: dict[str, str] = {
    "text": "linter.output.text",
    "json": "linter.output.jsonfmt",
    "github": "linter.output.github",
    "sarif": "linter.output.sarif",
    "junit": "linter.output.junit",
    "markdown": "linter.output.markdown",
}


@dataclass
class Report:
    """The result of one run, as every format sees it."""

    findings: list[Finding]
    files: list[str]  # the files findings were reported for, sorted
    rules: list[Rule]  # the rules that ran
    fail_on: Severity
    version: str
    show_statistics: bool = False
    quiet: bool = False
    notes: list[str] = field(default_factory=list)  # e.g. baseline summary lines

    @property
    def active(self) -> list[Finding]:
        """Findings that count: not suppressed."""
        return [f for f in self.findings if f.suppressed is None]

    @property
    def suppressed(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed is not None]

    def failing(self) -> bool:
        return any(f.severity >= self.fail_on for f in self.active)

    def by_severity(self) -> Counter[Severity]:
        return Counter(f.severity for f in self.active)

    def by_code(self) -> Counter[str]:
        return Counter(f.code for f in self.active)


def render(name: str, report: Report) -> str:
    return importlib.import_module(FORMATS[name]).render(report)
