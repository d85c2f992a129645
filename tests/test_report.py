"""`factlint report` through the installed console script, the report model on a synthetic
conflict, and the CI integration files (action.yml, docs/github-actions.md)."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.conftest import FACTLINT, REPO, write

EVIL = """
sources:
  - id: evil-source
    title: "<script>alert(1)</script> Evil Times"
    publisher: "Evil <b>Press</b>"
    url: "https://example.com/a?q=<script>alert(1)</script>"
    published: "2025-07-30"
    kind: news
    provenance: generated
  - id: js-link
    title: "JS link"
    url: "javascript:alert(1)"
    publisher: Somebody
    kind: news
claims:
  - id: xss-claim
    text: "China has <script>alert(1)</script> 82% of its chips."
    value: {amount: 82, unit: percent}
    attribution: Morgan Stanley analysts
    evidence:
      - source: evil-source
        quote: "<script>alert(1)</script> 82% of its chips"
    review: {verdict: "false", note: "<img src=x onerror=alert(1)>", date: "2025-08-01"}
  - id: orphan
    text: China added 429 GW of capacity in 2024.
  - id: accepted-orphan
    text: China added 430 GW of capacity in 2024 </td></tr><script>alert(2)</script>.
    suppress:
      - rule: FL201
        reason: "<script>alert('reason')</script> accepted for testing"
  - id: cites-js
    text: Something happened.
    evidence:
      - source: js-link
        quote: "Something happened."
"""


@pytest.fixture
def evil(tmp_path: Path) -> Path:
    return write(tmp_path, {"claims/evil.yaml": EVIL})


class Page(HTMLParser):
    """Collects what a browser would see: tags with attributes, script bodies, text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self._stack: list[tuple[str, str | None]] = []  # (tag, id) of open sections/divs
        self.rows: dict[str, list[str]] = {}  # container id -> classes of <tr> inside it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag in ("section", "div"):
            self._stack.append((tag, attributes.get("id")))
        if tag == "tr":
            for _, container in self._stack:
                if container:
                    self.rows.setdefault(container, []).append(attributes.get("class") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        if tag in ("section", "div") and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def check_json(cwd: Path) -> dict:
    result = subprocess.run([FACTLINT, "check", "--format", "json"], cwd=cwd,
                            capture_output=True, text=True, env=_env())
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}


# --- HTML: untrusted text, self-containment, completeness ------------------------------------


def test_html_escapes_every_untrusted_string(evil, factlint):
    result = factlint("report", "-o", "report.html", cwd=evil)
    assert result.code == 0, result.err
    html = (evil / "report.html").read_text(encoding="utf-8")
    page = parse(html)

    from linter.report.html import FILTER_SCRIPT

    assert page.scripts == [FILTER_SCRIPT]  # our own inline script, nothing else
    assert [a for t, a in page.tags if t == "script"] == [{}]  # and no src=
    assert not [t for t, _ in page.tags if t in ("img", "iframe", "object", "embed", "b")]
    for tag, attributes in page.tags:
        assert not [k for k in attributes if k.startswith("on")], (tag, attributes)
        href = (attributes.get("href") or "").strip().lower()
        assert not href.startswith(("javascript:", "data:", "vbscript:")), href
    text = "".join(page.text)
    # The strings arrive as text a reader sees, escaped in the source.
    for needle in ("China has <script>alert(1)</script> 82% of its chips.",
                   "<script>alert(1)</script> Evil Times",
                   "<script>alert(1)</script> 82% of its chips",
                   "Evil <b>Press</b>",
                   "<img src=x onerror=alert(1)>",
                   "<script>alert('reason')</script> accepted for testing",
                   "</td></tr><script>alert(2)</script>"):
        assert needle in text, needle
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Evil Times" in html
    assert html.count("<script") == 1
    # The javascript: URL is shown nowhere as a link, the http one is.
    links = [a.get("href") for t, a in page.tags if t == "a"]
    assert "https://example.com/a?q=<script>alert(1)</script>" in links


def test_html_loads_nothing_from_the_network(evil, factlint):
    assert factlint("report", "-o", "report.html", cwd=evil).code == 0
    html = (evil / "report.html").read_text(encoding="utf-8")
    lowered = html.lower()
    for forbidden in ("@import", "url(", "<link", "<iframe", "<img", "<object", "<embed",
                      "srcset", "<base"):
        assert forbidden not in lowered, forbidden
    page = parse(html)
    for tag, attributes in page.tags:
        assert "src" not in attributes, tag
        for name, value in attributes.items():
            if value and re.search(r"(?i)\b(?:https?:)?//", value):
                # Only plain links to the sources themselves may name another host.
                assert (tag, name) == ("a", "href"), (tag, name, value)
    csp = next(a["content"] for t, a in page.tags
               if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp
    from linter.report.html import FILTER_SCRIPT, _script_hash

    assert _script_hash(FILTER_SCRIPT) in csp  # the browser would run our script only
    assert "@media print" in html


def test_html_shows_every_finding_by_rule_and_by_file(evil, factlint):
    checked = check_json(evil)
    assert factlint("report", "-o", "report.html", cwd=evil).code == 0
    page = parse((evil / "report.html").read_text(encoding="utf-8"))
    active = checked["summary"]["findings"]
    assert active >= 3 and checked["summary"]["suppressed"] == 1
    assert page.rows["findings-by-rule"].count("finding") == active
    assert page.rows["findings-by-file"].count("finding") == active
    assert page.rows["suppressed"].count("suppressed-finding") == 1
    assert active + 1 == len(checked["findings"])
    text = "".join(page.text)
    for finding in checked["findings"]:
        assert f"{finding['path']}:{finding['line']}:{finding['column']}" in text
        assert finding["message"] in text
    # Each finding about a claim links to its anchor, and the anchor exists.
    ids = {a.get("id") for _, a in page.tags}
    hrefs = {a.get("href") for t, a in page.tags if t == "a"}
    for finding in checked["findings"]:
        if finding["subject"] in ("orphan", "xss-claim"):
            assert f"#claim-{finding['subject']}" in hrefs
            assert f"claim-{finding['subject']}" in ids


def test_summary_counts_claims_sources_and_weak_share(evil, factlint):
    result = factlint("report", "--format", "json", cwd=evil)
    assert result.code == 0, result.err
    report = json.loads(result.out)
    summary = report["summary"]
    assert (summary["files"], summary["claims"], summary["sources"]) == (1, 4, 2)
    # xss-claim rests only on evil-source, which is AI-generated (declared provenance).
    assert summary["weak_only_claims"] == 1
    assert summary["weak_only_share"] == pytest.approx(0.25)
    assert summary["reviewed"] == 1 and summary["by_verdict"] == {"false": 1}
    evil_source = next(s for s in report["sources"] if s["id"] == "evil-source")
    assert evil_source["weak"] and evil_source["provenance"] == "generated"
    assert evil_source["citing_claims"] == 1
    js = next(s for s in report["sources"] if s["id"] == "js-link")
    assert js["url"] is None  # not an http(s) URL: never rendered as a link
    claim = next(c for c in report["claims"] if c["id"] == "xss-claim")
    assert claim["verdict"] == "false" and claim["weak_only"]


def test_json_and_markdown_carry_the_same_counts(evil, factlint):
    checked = check_json(evil)
    assert factlint("report", "-o", "report.json", cwd=evil).code == 0
    assert factlint("report", "-o", "report.md", cwd=evil).code == 0
    report = json.loads((evil / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["findings"] == checked["summary"]["findings"]
    assert report["summary"]["suppressed"] == checked["summary"]["suppressed"]
    assert len(report["findings"]) == len(checked["findings"])
    assert sum(len(g["findings"]) for g in report["by_rule"]) == checked["summary"]["findings"]
    assert sum(len(g["findings"]) for g in report["by_file"]) == checked["summary"]["findings"]
    assert len(report["suppressed"]) == checked["summary"]["suppressed"]

    markdown = (evil / "report.md").read_text(encoding="utf-8")
    assert markdown.startswith("# factlint report\n")
    by_rule = markdown.split("## Findings by rule")[1].split("## Findings by file")[0]
    by_file = markdown.split("## Findings by file")[1].split("## Suppressed findings")[0]
    suppressed = markdown.split("## Suppressed findings")[1].split("## Claims")[0]
    row = re.compile(r"^\| claims/evil\.yaml:\d+:\d+ \|", re.MULTILINE)
    assert len(row.findall(by_rule)) == checked["summary"]["findings"]
    assert len(row.findall(by_file)) == checked["summary"]["findings"]
    assert len(row.findall(suppressed)) == checked["summary"]["suppressed"]
    assert f"- Findings: {checked['summary']['findings']} " in markdown


def test_markdown_keeps_untrusted_text_inert(evil, factlint):
    result = factlint("report", "--format", "markdown", cwd=evil)
    assert result.code == 0
    out = result.out
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "](javascript:" not in out
    assert "(<https://example.com/a?q=%3Cscript%3Ealert(1)%3C/script%3E>)" in out


def test_format_follows_the_suffix_and_errors_exit_2(evil, factlint):
    assert factlint("report", cwd=evil).out.startswith("# factlint report\n")  # stdout: markdown
    assert factlint("report", "-o", "r.htm", cwd=evil).code == 0
    assert (evil / "r.htm").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert factlint("report", "-o", "r.out", "--format", "json", cwd=evil).code == 0
    json.loads((evil / "r.out").read_text(encoding="utf-8"))

    unknown = factlint("report", "-o", "report.txt", cwd=evil)
    assert unknown.code == 2 and "--format" in unknown.err and not (evil / "report.txt").exists()
    missing = factlint("report", "nope.yaml", "-o", "report.html", cwd=evil)
    assert missing.code == 2 and missing.err.startswith("factlint: error:")
    assert "Traceback" not in missing.err
    (evil / ".factlint.toml").write_text("[tool.factlint]\nbogus = 1\n", encoding="utf-8")
    bad_config = factlint("report", "-o", "report.html", cwd=evil)
    assert bad_config.code == 2 and "Traceback" not in bad_config.err


def test_report_is_not_a_gate(evil, factlint):
    assert factlint("check", cwd=evil).code == 1
    result = factlint("report", "-o", "report.html", cwd=evil)
    assert result.code == 0
    assert result.out == "" and "Wrote report.html" in result.err


def test_named_files_limit_the_report(tmp_path, factlint):
    write(tmp_path, {
        "claims/a.yaml": """
            sources:
              - id: src-a
                title: A
                publisher: The Wall Street Journal
                url: https://www.wsj.com/a
                published: "2025-07-30"
                kind: news
            claims:
              - id: claim-a
                text: Something was said.
                evidence:
                  - source: src-a
                    quote: Something was said.
            """,
        "claims/b.yaml": """
            claims:
              - id: claim-b
                text: China added 429 GW of capacity in 2024.
            """,
    })
    report = json.loads(factlint("report", "claims/a.yaml", "--format", "json", cwd=tmp_path).out)
    assert [c["id"] for c in report["claims"]] == ["claim-a"]
    assert report["files"] == ["claims/a.yaml"] and report["summary"]["findings"] == 0
    full = json.loads(factlint("report", "--format", "json", cwd=tmp_path).out)
    assert full["summary"]["claims"] == 2 and full["summary"]["findings"] >= 1
    source = next(s for s in full["sources"] if s["id"] == "src-a")
    assert source["reliability"] in ("generally-reliable", "unknown")  # registry optional


def test_real_corpus_renders(tmp_path):
    out = tmp_path / "report.html"
    result = subprocess.run([FACTLINT, "report", "claims", "-o", str(out)], cwd=REPO,
                            capture_output=True, text=True, env=_env())
    assert result.returncode == 0, result.stderr
    page = parse(out.read_text(encoding="utf-8"))
    ids = {a.get("id") for _, a in page.tags}
    assert "claim-seed002.deepseek-chatgpt-competitor-launch-year" in ids
    assert "source-wsj-2025-07-30-china-ai" in ids
    assert len(page.scripts) == 1


# --- conflicts: the model and the picture, on a synthetic conflicting-figures finding ---------

CONFLICT = """
sources:
  - id: undated
    title: "[untitled]"
    kind: news
  - id: paper
    title: "A <i>paper</i>"
    publisher: arXiv
    url: https://arxiv.org/abs/2502.02523
    published: "2025-02"
    kind: academic
claims:
  - id: launch-2024
    text: "DeepSeek launched R1 in 2024 <script>alert(3)</script>."
    subject: deepseek-r1
    property: release date
    value: {date: "2024", kind: actual}
    evidence:
      - source: undated
        quote: "In 2024, the Chinese startup DeepSeek stunned the global tech community."
  - id: release-2025
    text: DeepSeek released R1 on 20 January 2025.
    subject: deepseek-r1
    property: release date
    value: {date: "2025-01-20", kind: actual}
    evidence:
      - source: paper
        quote: "On the 20th of January they released DeepSeek-R1."
  - id: share-more-than
    text: More than 40% of chips.
    value: {amount: 40, unit: percent, qualifier: more-than}
  - id: share-about
    text: About 20% of chips.
    value: {amount: 20, unit: percent, qualifier: about}
"""


def _synthetic_conflicts(tmp_path: Path, monkeypatch):
    """A lint outcome plus FL203 findings, as the conflicting-figures kind reports them:
    `subject` is one claim, `related` points at the other."""
    from linter.model import Finding, Related, Rule, RuleDoc, Severity
    from linter.project.config import load_config
    from linter.rulebook.book import Rulebook
    from linter.run.runner import Options, lint

    write(tmp_path, {"claims/conflict.yaml": CONFLICT})
    monkeypatch.chdir(tmp_path)
    outcome = lint(load_config(tmp_path, None, True), Options(), tmp_path)
    # A code of its own, and the real rule's findings (if the kind is in the tree) left out,
    # so that this test sees exactly the findings it made.
    rule = Rule("FL299", "synthetic-conflict", Severity.ERROR, "conflicting-figures",
                "Figures that cannot both be true.", RuleDoc("w", "w", "f", "p"))
    real = {c for c, r in outcome.rulebook.rules.items() if r.kind == "conflicting-figures"}
    by_id = {c.id: c for c in outcome.corpus.claims}

    def conflict(a: str, b: str, both_ways: bool = False) -> list[Finding]:
        found = []
        for x, y in ((a, b), (b, a)) if both_ways else ((a, b),):
            ex, ey = by_id[x], by_id[y]
            px = ex.document.position((*ex.path, "value"))
            py = ey.document.position((*ey.path, "value", "date"))
            found.append(Finding(
                ex.document.path, px.line, px.col, "FL299", f"{x} <em>conflicts</em> with {y}",
                Severity.ERROR, "conflicting-figures", x,
                (Related(ey.document.path, py.line, py.col, "the other figure is here"),),
            ))
        return found

    findings = conflict("launch-2024", "release-2025", both_ways=True)
    findings += conflict("share-more-than", "share-about")
    old = outcome.rulebook
    outcome.rulebook = Rulebook({**old.rules, "FL299": rule}, old.directories,
                                old.verified_patterns, old.compiled_registries)
    kept = [f for f in outcome.findings if f.code not in real]
    outcome.findings = sorted(kept + findings, key=Finding.sort_key)
    return outcome


def test_conflicts_side_by_side_with_a_timeline(tmp_path, monkeypatch):
    from linter.report import build, render

    model = build(_synthetic_conflicts(tmp_path, monkeypatch), "test")
    # Reported from both sides, shown once.
    assert len(model.conflicts) == 2
    assert len(model.conflicts[0].messages) == 2
    dates = next(c for c in model.conflicts if c.dimension == "date")
    assert [s.claim.id for s in dates.sides] == ["launch-2024", "release-2025"]
    from datetime import date

    assert dates.sides[0].low == date(2024, 1, 1).toordinal()
    assert dates.sides[0].high == date(2024, 12, 31).toordinal()
    assert dates.sides[1].low == dates.sides[1].high == date(2025, 1, 20).toordinal()
    assert dates.figure is not None and "2025-01" in [t.label for t in dates.figure.ticks]
    assert dates.sides[1].claim.evidence[0].publisher == "arXiv"

    numbers = next(c for c in model.conflicts if c.dimension == "percent")
    # Sides run in ascending order, like the picture: about 20% first, more than 40% next.
    about, more_than = numbers.sides
    assert (about.claim.id, more_than.claim.id) == ("share-about", "share-more-than")
    assert about.low == pytest.approx(18) and about.high == pytest.approx(22)
    assert more_than.low == 40 and more_than.high == math.inf
    assert numbers.figure is not None
    assert [b.open_right for b in numbers.figure.bars] == [False, True]

    html = render(model, "html")
    page = parse(html)
    assert len(page.scripts) == 1 and html.count('<figure class="numberline">') == 2
    text = "".join(page.text)
    assert "A  2024 (actual) · launch-2024" in text  # the SVG label, escaped as text
    assert "DeepSeek launched R1 in 2024 <script>alert(3)</script>." in text
    assert "launch-2024 <em>conflicts</em> with release-2025" in text
    assert not [t for t, _ in page.tags if t in ("em", "i")]

    data = json.loads(render(model, "json"))
    assert [len(c["sides"]) for c in data["conflicts"]] == [2, 2]
    assert "figure" not in data["conflicts"][0]
    assert any(side["high"] is None for c in data["conflicts"] for side in c["sides"])
    markdown = render(model, "markdown")
    assert markdown.count("### Conflict ") == 2
    assert "A: launch-2024 admits 2024-01-01 to 2024-12-31" in markdown


def test_conflicts_from_the_rule_when_it_exists(tmp_path, factlint):
    from linter.rulebook import kinds

    if "conflicting-figures" not in kinds.KINDS:
        pytest.skip("the conflicting-figures check kind is not in this tree yet")
    write(tmp_path, {"claims/conflict.yaml": CONFLICT})
    checked = check_json(tmp_path)
    rules = {r["code"]: r["kind"] for r in json.loads(factlint("rules", "--format", "json",
                                                                cwd=tmp_path).out)}
    conflicts = [f for f in checked["findings"]
                 if rules.get(f["code"]) == "conflicting-figures"]
    if not conflicts:
        pytest.skip("the rule reports no conflict on this fixture")
    report = json.loads(factlint("report", "--format", "json", cwd=tmp_path).out)
    shown = {frozenset(s["claim"]["id"] for s in c["sides"]) for c in report["conflicts"]}
    assert {f["subject"] for f in conflicts} <= set().union(*shown)


# --- CI integration: action.yml and the docs ---------------------------------------------------


def _action() -> dict:
    return yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def test_action_yml_is_a_valid_composite_action():
    action = _action()
    assert action["name"] and action["description"]
    assert {"paths", "fail-on", "baseline", "sarif-file"} <= set(action["inputs"])
    for name, spec in action["inputs"].items():
        assert spec.get("description"), name
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    for step in steps:
        assert ("uses" in step) != ("run" in step), step
        if "run" in step:
            assert step["shell"] == "bash"  # composite run steps must name their shell
            # Inputs reach scripts through env only (no ${{ }} in the script: injection).
            assert "${{" not in step["run"], step["name"]
    install = next(s for s in steps if s.get("name") == "Install factlint")
    assert "$GITHUB_ACTION_PATH" in install["run"]
    # Its own virtual environment: the caller's Python is left as it was.
    assert '-m venv "$venv"' in install["run"]
    assert next(s for s in steps if s.get("id") == "python")["with"]["update-environment"] is False
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/"))
    assert "github.event.pull_request.head.repo.full_name == github.repository" in upload["if"]
    lint = next(s for s in steps if s.get("id") == "lint")
    assert "--format github" in lint["run"] and "--format markdown" in lint["run"]
    assert "$GITHUB_STEP_SUMMARY" in lint["run"] and "--format sarif" in lint["run"]
    assert action["outputs"]["exit-code"]["value"] == "${{ steps.lint.outputs.exit-code }}"


def _run_step(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    environment = _env()
    environment["PATH"] = f"{Path(FACTLINT).parent}{os.pathsep}{environment.get('PATH', '')}"
    environment.update(env)
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("fail_on, expected", [("error", "1"), ("info", "1")])
def test_action_lint_step_runs_locally(evil, tmp_path, fail_on, expected):
    steps = _action()["runs"]["steps"]
    lint = next(s for s in steps if s.get("id") == "lint")
    gate = next(s for s in steps if s.get("name", "").startswith("Gate"))
    summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
    result = _run_step(lint["run"], evil, {
        "FACTLINT_PATHS": "claims", "FACTLINT_FAIL_ON": fail_on, "FACTLINT_BASELINE": "",
        "FACTLINT_SARIF": "factlint.sarif", "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
    })
    assert result.returncode == 0, result.stderr  # the lint step never fails by itself
    assert output.read_text() == (f"sarif-file={evil / 'factlint.sarif'}\njson-file=\n"
                                  f"exit-code={expected}\n")
    assert summary.read_text().startswith("## factlint: failed")
    sarif = json.loads((evil / "factlint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert "::error " in result.stdout  # GitHub annotations in the log
    gated = _run_step(gate["run"], evil, {"FACTLINT_STATUS": expected})
    assert gated.returncode == int(expected)


def test_action_lint_step_with_a_baseline_passes(evil, tmp_path, factlint):
    assert factlint("check", "--write-baseline", "baseline.json", cwd=evil).code == 0
    lint = next(s for s in _action()["runs"]["steps"] if s.get("id") == "lint")
    output = tmp_path / "output.txt"
    result = _run_step(lint["run"], evil, {
        "FACTLINT_PATHS": "", "FACTLINT_FAIL_ON": "error", "FACTLINT_BASELINE": "baseline.json",
        "FACTLINT_SARIF": "", "GITHUB_STEP_SUMMARY": str(tmp_path / "s.md"),
        "GITHUB_OUTPUT": str(output),
    })
    assert result.returncode == 0, result.stderr
    assert output.read_text() == "sarif-file=\njson-file=\nexit-code=0\n"
    assert not (evil / "factlint.sarif").exists()


def test_action_reads_every_line_of_paths_an_absolute_sarif_file_and_args(evil, tmp_path):
    lint = next(s for s in _action()["runs"]["steps"] if s.get("id") == "lint")
    (evil / "more").mkdir()
    (evil / "more" / "x.yaml").write_text("claims: [{id: x}]\n", encoding="utf-8")
    output, sarif = tmp_path / "output.txt", tmp_path / "elsewhere" / "out.sarif"
    sarif.parent.mkdir()
    result = _run_step(lint["run"], evil, {
        "FACTLINT_PATHS": "claims\nmore/x.yaml\n", "FACTLINT_FAIL_ON": "error",
        "FACTLINT_BASELINE": "", "FACTLINT_SARIF": str(sarif), "FACTLINT_ARGS": "--select FL101",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "s.md"), "GITHUB_OUTPUT": str(output),
    })
    assert result.returncode == 0, result.stderr
    assert output.read_text() == f"sarif-file={sarif}\njson-file=\nexit-code=1\n"
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"FL101"}  # --select reached every run
    files = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "more/x.yaml" in files  # the second line of paths was read


def test_action_writes_the_json_and_uploads_it_as_an_artifact(evil, tmp_path):
    steps = _action()["runs"]["steps"]
    lint = next(s for s in steps if s.get("id") == "lint")
    output, temp = tmp_path / "output.txt", tmp_path / "runner-temp"
    temp.mkdir()
    result = _run_step(lint["run"], evil, {
        "FACTLINT_PATHS": "", "FACTLINT_FAIL_ON": "error", "FACTLINT_BASELINE": "",
        "FACTLINT_SARIF": "", "FACTLINT_JSON_ARTIFACT": "factlint-results",
        "RUNNER_TEMP": str(temp), "GITHUB_STEP_SUMMARY": str(tmp_path / "s.md"),
        "GITHUB_OUTPUT": str(output),
    })
    assert result.returncode == 0, result.stderr
    written = temp / "factlint-results.json"
    assert output.read_text() == f"sarif-file=\njson-file={written}\nexit-code=1\n"
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["summary"]["failed"] is True and document["findings"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["uses"] == "actions/upload-artifact@v4"
    assert upload["with"] == {"name": "${{ inputs.json-artifact }}",
                              "path": "${{ steps.lint.outputs.json-file }}",
                              "if-no-files-found": "warn"}
    assert "always()" in upload["if"] and "steps.lint.outputs.json-file != ''" in upload["if"]
    assert _action()["inputs"]["json-artifact"]["default"] == "factlint-results"
    # The job summary names the same artifact when it leaves rows out.
    from linter.output.markdown import ARTIFACT

    assert ARTIFACT == "factlint-results"
    # The gate step still comes last, after the uploads.
    assert steps[-1]["name"].startswith("Gate")


def test_github_actions_doc_workflows_parse():
    doc = (REPO / "docs/github-actions.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", doc, re.DOTALL)
    workflows = [yaml.safe_load(b) for b in blocks]
    assert len(workflows) == 2
    for workflow in workflows:
        # PyYAML reads the bare key `on` as True (YAML 1.1); GitHub reads it as "on".
        assert workflow.get("on", workflow.get(True)) and workflow["jobs"]
        assert workflow["permissions"]["security-events"] == "write"
    with_action, without = (w["jobs"]["factlint"]["steps"] for w in workflows)
    used = next(s for s in with_action if "with" in s and "paths" in s["with"])
    assert set(used["with"]) <= set(_action()["inputs"])
    commands = " ".join(s.get("run", "") for s in without)
    for fmt in ("sarif", "markdown", "github"):
        assert f"--format {fmt}" in commands
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@")
               for s in without)


def test_reports_are_deterministic(evil, factlint):
    for name in ("a.html", "b.html", "a.json", "b.json", "a.md", "b.md"):
        assert factlint("report", "-o", name, cwd=evil).code == 0
    for suffix in ("html", "json", "md"):
        assert (evil / f"a.{suffix}").read_bytes() == (evil / f"b.{suffix}").read_bytes()


# --- at scale: findings cut per rule, errors first; claims and sources lists optional ---------

MANY = "claims:\n" + "".join(
    f"""  - id: c{i}
    text: China made {i + 5}% of the chips.
    value: {{amount: {i + 5}, unit: percent}}
    suppress:
      - rule: FL202
        reason: accepted while the synthetic fixture has no quote
""" for i in range(4))
# Four FL201 errors and four FL106 warnings: the warnings' rule sorts first by code.
RULES = ("--select", "FL106,FL201,FL202")


@pytest.fixture
def many(tmp_path: Path) -> Path:
    return write(tmp_path, {"claims/many.yaml": MANY})


def _rule_order(page: Page) -> list[str]:
    return [a["id"] for t, a in page.tags if t == "details" and (a.get("id") or "")
            .startswith("rule-")]


def test_html_shows_the_first_n_of_each_rule_errors_first(many, factlint):
    result = factlint("report", *RULES, "--max-per-rule", "2", "-o", "r.html", cwd=many)
    assert result.code == 0, result.err
    html = (many / "r.html").read_text(encoding="utf-8")
    page = parse(html)
    assert _rule_order(page) == ["rule-FL201", "rule-FL106"]  # errors first, then by code
    assert page.rows["findings-by-rule"].count("finding") == 4  # 2 of each rule
    text = " ".join("".join(page.text).split())
    assert "FL201 figure-without-evidence (4, first 2 shown)" in text
    assert "2 more FL201 findings not shown here." in text
    assert "2 more FL106 findings not shown here." in text
    assert "Each rule shows its first 2 findings, errors first" in text
    # The rows shown are the first two of each rule in file order.
    by_rule = html.split('<div id="findings-by-rule">')[1].split('<div id="findings-by-file">')[0]
    shown = re.findall(r'<td><span class="loc">(claims/many\.yaml:\d+:\d+)</span></td>', by_rule)
    assert shown == ["claims/many.yaml:2:9", "claims/many.yaml:8:9",  # FL201
                     "claims/many.yaml:6:9", "claims/many.yaml:12:9"]  # FL106
    # By file: counts only, once a rule was cut.
    assert page.rows["findings-by-file"] == ["", "filecount"]  # a head row, one file
    assert "finding" not in page.rows["findings-by-file"]
    # The summary lists rules in the same order, with every finding counted.
    summary = html.split('<table class="rules">')[1].split("</table>")[0]
    assert summary.index("FL201") < summary.index("FL106")
    assert '<td class="num">4</td>' in summary


def test_max_per_rule_0_shows_all_and_json_keeps_every_finding(many, factlint):
    assert factlint("report", *RULES, "--max-per-rule", "0", "-o", "all.html", cwd=many).code == 0
    page = parse((many / "all.html").read_text(encoding="utf-8"))
    assert page.rows["findings-by-rule"].count("finding") == 8
    assert page.rows["findings-by-file"].count("finding") == 8
    assert "not shown here" not in "".join(page.text)

    report = json.loads(factlint("report", *RULES, "--max-per-rule", "1", "--no-claims",
                                 "--format", "json", cwd=many).out)
    assert len(report["findings"]) == 8 and len(report["claims"]) == 4
    groups = {g["key"]: (g["count"], len(g["findings"]), g["left_out"], g["severity"])
              for g in report["by_rule"]}
    assert groups == {"FL201": (4, 4, 0, "error"), "FL106": (4, 4, 0, "warning")}
    assert [g["key"] for g in report["by_rule"]] == ["FL201", "FL106"]
    assert report["findings_cut"] is False and report["claims_listed"] is True

    bad = factlint("report", "--max-per-rule", "-1", "-o", "x.html", cwd=many)
    assert bad.code == 2 and "--max-per-rule" in bad.err and not (many / "x.html").exists()


def test_markdown_makes_the_same_cut(many, factlint):
    result = factlint("report", *RULES, "--max-per-rule", "3", "--format", "markdown",
                      cwd=many)
    assert result.code == 0
    out = result.out
    assert out.index("### FL201 figure-without-evidence (4, first 3 shown)") < out.index(
        "### FL106 unused-suppression (4, first 3 shown)")
    by_rule = out.split("## Findings by rule")[1].split("## Findings by file")[0]
    assert len(re.findall(r"^\| claims/many\.yaml:\d+:\d+ \|", by_rule, re.MULTILINE)) == 6
    assert "_1 more FL201 findings not shown here" in by_rule
    by_file = out.split("## Findings by file")[1].split("## Claims")[0]
    assert "| claims/many.yaml | 4 | 4 | 0 | 8 |" in by_file


def test_model_cut_counts_what_it_left_out(many, monkeypatch):
    from linter.project.config import load_config
    from linter.report.model import Limits, build
    from linter.run.runner import Options, lint

    monkeypatch.chdir(many)
    outcome = lint(load_config(many, None, True),
                   Options(select=("FL106", "FL201", "FL202")), many)
    model = build(outcome, "test", Limits(max_per_rule=3))
    assert [(g.key, g.severity, g.count, len(g.findings), g.left_out) for g in model.by_rule] \
        == [("FL201", "error", 4, 3, 1), ("FL106", "warning", 4, 3, 1)]
    assert model.findings_cut and model.max_per_rule == 3
    [only] = model.by_file
    assert (only.key, only.findings, only.count, only.by_severity) == (
        "claims/many.yaml", [], 8, {"error": 4, "warning": 4, "info": 0})
    assert len(model.findings) == 8  # the cut is of what is shown, never of the data
    full = build(outcome, "test")
    assert not full.findings_cut and [len(g.findings) for g in full.by_rule] == [4, 4]


def test_claims_list_is_optional_and_off_above_the_limit(many, factlint, monkeypatch):
    listed = parse(factlint("report", "--format", "html", cwd=many).out)
    ids = {a.get("id") for _, a in listed.tags}
    assert {"claim-c0", "claim-c3"} <= ids  # a small fact base: listed by default

    result = factlint("report", "--no-claims", "-o", "r.html", cwd=many)
    assert result.code == 0
    html = (many / "r.html").read_text(encoding="utf-8")
    page = parse(html)
    assert not {i for i in (a.get("id") for _, a in page.tags) if i and i.startswith("claim-")}
    # No link may lead to a claim that is not in the page.
    assert not [a for t, a in page.tags if t == "a" and (a.get("href") or "").startswith(
        "#claim-")]
    assert "The 4 claims are not listed here" in "".join(page.text)
    assert "c0" in "".join(page.text)  # still named, as text, in the findings

    from linter.cli import report as cli
    from linter.report import model as report_model

    assert (cli.MAX_PER_RULE, cli.MAX_SOURCES, cli.CLAIMS_LIST_LIMIT) == (
        report_model.DEFAULT_MAX_PER_RULE, report_model.DEFAULT_MAX_SOURCES,
        report_model.CLAIMS_LIST_LIMIT)
    limits = report_model.Limits()
    assert limits.lists_claims(report_model.CLAIMS_LIST_LIMIT)
    assert not limits.lists_claims(report_model.CLAIMS_LIST_LIMIT + 1)
    assert report_model.Limits(claims=True).lists_claims(10**6)
    assert not report_model.Limits(claims=False).lists_claims(1)

    monkeypatch.setattr(report_model, "CLAIMS_LIST_LIMIT", 3)
    from linter.project.config import load_config
    from linter.run.runner import Options, lint

    monkeypatch.chdir(many)
    outcome = lint(load_config(many, None, True), Options(), many)
    model = report_model.build(outcome, "test", report_model.Limits())
    assert not model.claims_listed and model.claims == []
    assert model.summary.claims == 4  # counted, whether listed or not
    assert report_model.build(outcome, "test", report_model.Limits(claims=True)).claims_listed


def test_sources_cut_keeps_weak_ones_first(evil, monkeypatch):
    from linter.project.config import load_config
    from linter.report import render
    from linter.report.model import Limits, build
    from linter.run.runner import Options, lint

    monkeypatch.chdir(evil)
    outcome = lint(load_config(evil, None, True), Options(), evil)
    model = build(outcome, "test", Limits(max_sources=1))
    assert [s.id for s in model.sources] == ["evil-source"]  # AI-generated: weak
    assert model.sources[0].line == 2  # positions read for the rows shown
    assert model.sources_left_out == 1 and model.summary.sources == 2
    page = parse(render(model, "html"))
    hrefs = {a.get("href") for t, a in page.tags if t == "a"}
    assert "#source-evil-source" in hrefs and "#source-js-link" not in hrefs
    assert "1 more are in the JSON report" in "".join(page.text)


# --- on a phone and in print --------------------------------------------------------------------


def _style(html: str) -> str:
    return html.split("<style>")[1].split("</style>")[0]


def test_hidden_beats_display_so_the_filter_box_stays_hidden_without_scripts(evil, factlint):
    assert factlint("report", "-o", "r.html", cwd=evil).code == 0
    html = (evil / "r.html").read_text(encoding="utf-8")
    style = _style(html)
    assert re.search(r"(?m)^\[hidden\] \{ display: none !important; \}$", style)
    assert "#filters { display: flex;" in style  # what [hidden] must override
    page = parse(html)
    filters = next(a for t, a in page.tags if a.get("id") == "filters")
    assert "hidden" in filters  # shown only by the script


def test_print_keeps_headings_with_what_follows(evil, factlint):
    assert factlint("report", "-o", "r.html", cwd=evil).code == 0
    style = _style((evil / "r.html").read_text(encoding="utf-8"))
    printed = style.split("@media print {")[1]
    assert "h1, h2, h3, summary, caption, .claimhead { break-after: avoid; " \
           "break-inside: avoid; }" in printed
    assert re.search(r"tr, .conflict > p, .card, .stat, blockquote, figure, .claim, .leftout "
                     r"\{ break-inside: avoid; \}", printed)
    phone = style.split("@media (max-width: 640px) {")[1].split("@media print")[0]
    assert "table.stack, table.stack tbody, table.stack tr, table.stack td { display: block;" \
        in phone


def _hue(colour: str) -> tuple[float, float]:
    import colorsys

    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, _, s = colorsys.rgb_to_hls(r, g, b)
    return h * 360, s


def test_conflict_palette_is_colour_blind_safe_and_implies_no_verdict():
    from linter.report.html import TEMPLATES
    from linter.report.svg import PALETTE, SHAPES, mark

    template = (TEMPLATES / "report.html.j2").read_text(encoding="utf-8")
    tokens = dict(re.findall(r"--(ok|err|warn|info): (#[0-9a-fA-F]{6})", template))
    assert {"ok", "err"} <= set(tokens)
    verdicts = {tokens["ok"].lower(), tokens["err"].lower()}
    assert not verdicts & {c.lower() for c in PALETTE}
    # Okabe-Ito's hues without its green and vermilion: no side reads as right or wrong.
    assert [c.upper() for c in PALETTE] == ["#0072B2", "#E69F00", "#CC79A7", "#56B4E9",
                                            "#F0E442", "#000000"]
    for colour in PALETTE:
        hue, saturation = _hue(colour)
        if saturation > 0.2:
            assert not (hue >= 345 or hue <= 20), (colour, "reads as red")
            assert not (75 <= hue <= 165), (colour, "reads as green")
    # Each side is also told apart by a letter and a shape, not by hue alone.
    marks = [mark(i) for i in range(len(PALETTE))]
    assert [m.letter for m in marks] == list("ABCDEF")
    assert len({m.shape for m in marks}) == len(SHAPES) == len(PALETTE)
    assert mark(26).letter == "A1"


def test_conflict_cards_show_the_values_line_and_labels_keep_their_size(tmp_path, monkeypatch):
    from linter.report import build, render

    outcome = _synthetic_conflicts(tmp_path, monkeypatch)
    model = build(outcome, "test")
    lines = {f.subject: f.line for f in outcome.findings if f.code == "FL299"}
    dates = next(c for c in model.conflicts if c.dimension == "date")
    for side in dates.sides:
        claim = side.claim
        assert claim.value_line == claim.line + 4  # `value:` after text, subject, property
        if claim.id in lines:
            assert claim.value_line == lines[claim.id]  # the line the finding names
    html = render(model, "html")
    cards = html.split('<div class="sides">')[1].split("</article>")[0]
    for side in dates.sides:
        assert f"claims/conflict.yaml:{side.claim.value_line}</span>" in cards
        assert f"claims/conflict.yaml:{side.claim.line}</span>" not in cards
    # The figure has no viewBox: it stretches to the page while text keeps its pixel size.
    figure = html.split('<figure class="numberline">')[1].split("</figure>")[0]
    assert "viewBox" not in figure and 'width="100%"' in figure
    style = _style(html)
    assert "svg .tick { font-size: 11px;" in style and "svg .barlabel { font-size: 12px;" in style
    assert re.search(r'<rect x="[\d.]+%" y="[\d.]+" width="[\d.]+%"', figure)
