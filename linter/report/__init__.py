"""`factlint report`: the standalone report (HTML, Markdown or JSON) of one lint run.

`model.build` turns a `runner.Outcome` into plain data; each format renders that data and knows
nothing of the others. The HTML renderer imports jinja2, so it is imported only when an HTML
report is asked for: `factlint check` never pays for it.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from linter.report.model import ReportModel, build

__all__ = ["FORMATS", "ReportModel", "build", "format_for", "render"]

FORMATS: dict[str, str] = {
    "html": "linter.report.html",
    "markdown": "linter.report.markdown",
    "json": "linter.report",
}

_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown",
             ".json": "json"}


def format_for(output: Path | None) -> str | None:
    """The format an output file's suffix names; markdown for standard output; None if the
    suffix says nothing (the caller asks for --format rather than guess)."""
    if output is None:
        return "markdown"
    return _SUFFIXES.get(output.suffix.lower())


def render(model: ReportModel, name: str) -> str:
    return importlib.import_module(FORMATS[name]).render_model(model)


def render_model(model: ReportModel) -> str:
    """The JSON variant: the model itself, with stable key order as declared."""
    document = {"tool": {"name": "factlint", "version": model.version}, **model.to_dict()}
    document.pop("version", None)
    # allow_nan=False: a stray infinity must fail loudly, never emit invalid JSON (Infinity).
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
