"""The HTML report: one self-contained file, rendered by Jinja2 with autoescaping on.

Every string from a claim file is untrusted (a claim, a title or a quote may hold markup), so
no HTML is ever built by string concatenation here: the template receives plain data and Jinja
escapes it. The file loads nothing from the network: inline CSS, one small inline script for
filtering (the report reads fine without it), no fonts, images or external links except
`<a href>` to the sources themselves. A Content-Security-Policy meta tag states the same thing
to the browser: `default-src 'none'` and only our own script, by hash, may run, so that even
an escaping mistake could not execute injected script or fetch anything.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from pathlib import Path
from typing import Any

from linter.output import visible
from linter.report.model import ReportModel
from linter.report.svg import mark

TEMPLATES = Path(__file__).resolve().parent / "templates"

# The only script in the report: filter the finding tables by text and severity. It touches
# textContent and the `hidden` property only, never innerHTML.
FILTER_SCRIPT = """
(function () {
  var box = document.getElementById("filter");
  var sev = document.getElementById("filter-severity");
  if (!box || !sev) { return; }
  document.getElementById("filters").hidden = false;
  function apply() {
    var text = box.value.toLowerCase();
    var level = sev.value;
    var rows = document.querySelectorAll("tr.finding");
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var okText = !text || row.textContent.toLowerCase().indexOf(text) !== -1;
      var okSev = !level || row.getAttribute("data-severity") === level;
      row.hidden = !(okText && okSev);
    }
  }
  box.addEventListener("input", apply);
  sev.addEventListener("change", apply);
})();
"""


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _shown(value: Any) -> Any:
    """Every `{{ value }}` passes here: control characters from a claim file (ESC, BEL, form
    feed…), which HTML forbids, are written as visible escapes, then the text is escaped."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        # Line breaks become character references: no line of the file (it may be printed to
        # a CI log) can then start with text from a claim file, such as "::error::".
        from markupsafe import Markup, escape  # jinja2's own dependency, loaded with it

        escaped = escape(visible(value, one_line=False))
        return Markup(escaped.replace("\r", "&#13;").replace("\n", "&#10;"))
    return value


@functools.cache
def _template() -> Any:
    import jinja2  # lazy: only `factlint report --format html` needs it

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # on for every template, whatever its file name
        undefined=jinja2.StrictUndefined,  # a typo in the template fails loudly in tests
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_shown,
    )
    environment.filters["percent"] = lambda share: f"{share * 100:.0f}%"
    return environment.get_template("report.html.j2")


def render_model(model: ReportModel) -> str:
    from markupsafe import Markup

    template = _template()
    return template.render(
        model=model,
        summary=model.summary,
        mark=mark,
        # The ids that exist in this page: a link to a claim or source the cut left out
        # would lead nowhere, so it is written as plain text.
        anchors=frozenset([*(f"claim-{c.id}" for c in model.claims),
                           *(f"source-{s.id}" for s in model.sources)]),
        # Our own constant script: marked safe so autoescaping leaves its quotes alone.
        script=Markup(FILTER_SCRIPT),
        script_hash=_script_hash(FILTER_SCRIPT),
    )
