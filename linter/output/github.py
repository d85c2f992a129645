"""`--format github`: workflow commands GitHub turns into annotations on the pull request.

`::error file=…,line=…,col=…,title=…::message`. Data escapes %, CR and LF; property values also
escape ':' and ','. Without the escaping, a claim text containing "%0A::error" could forge
annotations.
"""

from __future__ import annotations

from linter.model import Severity
from linter.output import Report, visible
from linter.output.text import summary

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    # Other control characters are shown as escapes: ESC would colour or hide log text.
    text = visible(text, one_line=False)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for f in report.active:
        title = escape_property(f"{f.code} {f.rule}".strip())
        lines.append(
            f"::{_LEVEL[f.severity]} file={escape_property(f.path)},line={f.line},col={f.col},"
            f"title={title}::{escape_data(f.message)}"
        )
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
