"""Output formats. Each module renders a `Report` to a string; none of them knows the others.

Modules are imported on demand so that the text format, the hook's default, pays for nothing else.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections import Counter
from pathlib import Path

from linter.model import Finding, Rule, Severity

FORMATS: dict[str, str] = {
    "text": "linter.output.text",
    "json": "linter.output.jsonfmt",
    "github": "linter.output.github",
    "sarif": "linter.output.sarif",
    "junit": "linter.output.junit",
    "markdown": "linter.output.markdown",
}


class Report:
    """The result of one run, as every format sees it."""

    # A plain class (a dataclass costs about half a millisecond to define, on every run).
    __slots__ = ("cwd", "documented", "fail_on", "files", "findings", "notes", "project_root",
                 "quiet", "rules", "show_statistics", "version")

    def __init__(self, findings: list[Finding], files: list[str], rules: list[Rule],
                 fail_on: Severity, version: str, show_statistics: bool = False,
                 quiet: bool = False, notes: list[str] | None = None,
                 cwd: Path | None = None, project_root: Path | None = None,
                 documented: frozenset[str] = frozenset()) -> None:
        self.findings = findings
        self.files = files  # the files findings were reported for, sorted
        self.rules = rules  # the rules that ran
        self.fail_on, self.version = fail_on, version
        self.show_statistics, self.quiet = show_statistics, quiet
        self.notes: list[str] = notes if notes is not None else []  # e.g. baseline summaries
        # Where finding paths are relative to, and the project root: `github` and `sarif` output
        # rebase paths onto the repository root (linter/output/repo_root.py). None: keep them.
        self.cwd, self.project_root = cwd, project_root
        # Codes of the rules with a rendered page under docs/rules/ (the built-in ones).
        self.documented = documented

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


# Characters no output should carry raw: C0 and C1 controls (ESC would recolour or retitle a
# terminal or an Actions log), DEL, bidirectional overrides (they reorder what a line shows),
# line and paragraph separators, lone surrogates (they cannot be encoded) and the noncharacters
# U+FFFE and U+FFFF. Tab stays; \n and \r are each format's call. What is left is exactly what
# XML 1.0 allows (tests/test_hostile_output.py checks every code point), so JUnit output, which
# passes every string through `visible`, is well-formed whatever a file name or claim holds.
_UNPRINTABLE = (
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff"
    "\ufffe\uffff]"
)
_UNPRINTABLE_LINE = (
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff"
    "\ufffe\uffff]"
)


@functools.cache
def _unprintable(one_line: bool) -> re.Pattern[str]:
    # Compiled on first use: a run that prints no finding (the usual hook run) never needs them,
    # and these character classes cost about half a millisecond each to compile.
    return re.compile(_UNPRINTABLE_LINE if one_line else _UNPRINTABLE)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, one_line: bool = True) -> str:
    """`text` with control characters written as escapes (`\\x1b`), so that what a claim file
    holds is shown, never obeyed. With `one_line`, line breaks are escaped too (`\\n`)."""
    pattern = _unprintable(one_line)
    return pattern.sub(_escape, text) if pattern.search(text) else text


def safe_path(path: str) -> str:
    """A path as it starts an output line. The GitHub runner reads any stdout line that starts,
    after blanks, with `::` as a workflow command: a file named `::error::….yaml` must not
    become one, so such a path is written `./::error::….yaml` (the same file)."""
    path = visible(path)
    return "./" + path if path.lstrip().startswith("::") else path


def no_commands(text: str, escape: str) -> str:
    """`text` with `escape` put before any line that would start, after blanks, with `::`."""
    if "::" not in text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith("::"):
            lines[i] = line[: len(line) - len(stripped)] + escape + stripped
    return "\n".join(lines)


def render(name: str, report: Report) -> str:
    return importlib.import_module(FORMATS[name]).render(report)
