"""`--format github`: workflow commands GitHub turns into annotations on the pull request.

`::error file=…,line=…,col=…,title=…::message`. Data escapes %, CR and LF; property values also
escape ':' and ','. Without the escaping, a claim text containing "%0A::error" could forge
annotations.

Paths are relative to the repository root (GITHUB_WORKSPACE under Actions, else the git top
level), where GitHub resolves them, not to the working directory: see `repo_root`. A finding's
related locations (the other side of a conflict, a first definition) have no place of their own
in an annotation, so the message names them: "… (see claims/b.yaml:4)".
"""

from __future__ import annotations

from linter.model import Severity
from linter.output import Report, visible
from linter.output.repo_root import absolute, relocator, repository_root
from linter.output.text import summary

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    # Other control characters are shown as escapes: ESC would colour or hide log text.
    text = visible(text, one_line=False)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    root = None if report.project_root is None else repository_root(report.project_root)
    relocate = relocator(report.cwd, root)

    def place(path: str) -> str:
        # A file outside the repository is named by its absolute path: GitHub cannot place it,
        # and no path relative to the root would name it.
        relocated = relocate(path)
        return absolute(report.cwd, path) if relocated is None else relocated

    lines = []
    for f in report.active:
        title = escape_property(f"{f.code} {f.rule}".strip())
        message = f.message
        if f.related:
            message += " (see " + ", ".join(f"{place(r.path)}:{r.line}" for r in f.related) + ")"
        lines.append(
            f"::{_LEVEL[f.severity]} file={escape_property(place(f.path))},line={f.line},"
            f"col={f.col},title={title}::{escape_data(message)}"
        )
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
