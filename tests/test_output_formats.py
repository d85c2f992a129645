"""What the gate's outputs show: the job summary's order and cut, SARIF's links to rule pages,
and counts and messages worded as a person would."""

from __future__ import annotations

import json

import pytest

from linter.model import Finding, Severity
from linter.output import Report
from tests.conftest import REPO, write

RULE_PAGES = "https://github.com/factlint/factlint/blob/main/docs/rules/"


# --- the Markdown job summary: errors first, and what the row limit leaves out ------------------


def _rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines()
            if line.startswith(("| error ", "| warning ", "| info "))]


def test_summary_rows_are_errors_then_warnings_then_info(monkeypatch):
    from linter.output import markdown

    findings = [
        Finding("claims/a.yaml", 3, 1, "FL303", "w1", Severity.WARNING),
        Finding("claims/a.yaml", 9, 1, "FL204", "i1", Severity.INFO),
        Finding("claims/b.yaml", 2, 1, "FL303", "w2", Severity.WARNING),
        Finding("claims/z.yaml", 5, 1, "FL201", "e2", Severity.ERROR),
        Finding("claims/c.yaml", 7, 1, "FL201", "e1", Severity.ERROR),
        Finding("claims/c.yaml", 8, 1, "FL204", "i2", Severity.INFO),
    ]
    report = Report(findings, ["claims/a.yaml"], [], Severity.ERROR, "1.0")
    assert _rows(markdown.render(report)) == [
        "| error | `claims/c.yaml:7:1` | FL201 | e1 |",
        "| error | `claims/z.yaml:5:1` | FL201 | e2 |",
        "| warning | `claims/a.yaml:3:1` | FL303 | w1 |",
        "| warning | `claims/b.yaml:2:1` | FL303 | w2 |",
        "| info | `claims/a.yaml:9:1` | FL204 | i1 |",
        "| info | `claims/c.yaml:8:1` | FL204 | i2 |",
    ]
    monkeypatch.setattr(markdown, "MAX_ROWS", 3)
    cut = markdown.render(report)
    assert [row.split(" | ")[3] for row in _rows(cut)] == ["e1 |", "e2 |", "w1 |"]
    assert ("…and 3 more not shown (1 warning, 2 info): the full list is in the JSON output "
            "(`factlint check --format json`, which the factlint Action uploads as an artifact, "
            "`factlint-results` by default) and in the SARIF log.") in cut.splitlines()


def test_summary_of_many_warnings_shows_every_error(tmp_path, factlint):
    # 600 warnings in a.yaml sort before the errors of z.yaml in file order: they must not
    # push the errors out of the 500 rows.
    warnings = "".join(f"  - id: w{i}\n    text: 5 pears\n" for i in range(600))
    write(tmp_path, {
        ".factlint.toml": 'paths = ["claims"]\nseverity = {FL201 = "warning"}\n',
        "claims/a.yaml": "claims:\n" + warnings,
        "claims/z.yaml": "claims:\n  - id: e1\n    text: t\n    evidence: [{source: nope, quote: q}]\n"
                         "  - id: e2\n    text: t\n    evidence: [{source: nope, quote: q}]\n",
    })
    result = factlint("check", "--no-cache", "--format", "markdown", cwd=tmp_path)
    assert result.code == 1, result.err
    rows = _rows(result.out)
    assert len(rows) == 500
    assert [row.split(" | ")[1] for row in rows[:2]] == ["`claims/z.yaml:4:25`",
                                                         "`claims/z.yaml:7:25`"]
    assert all(row.startswith("| warning | `claims/a.yaml:") for row in rows[2:])
    assert "…and 102 more not shown (102 warnings): the full list is in the JSON output" in \
        result.out


# --- SARIF: where to read about the tool and each rule -----------------------------------------


def test_sarif_links_the_tool_and_each_built_in_rule_to_its_page(tmp_path, factlint):
    write(tmp_path, {
        ".factlint.toml": "rule-packs = ['myrules']\n",
        "claims/a.yaml": "claims:\n  - id: a\n    text: 5 pears\n",
        "myrules/XY101.yaml": """
            code: XY101
            name: our-duplicate-ids
            severity: warning
            kind: duplicate-id
            summary: Our own copy of the duplicate-id check.
            docs: {what: a, why: b, fail: c, pass: d}
        """,
    })
    result = factlint("check", "--no-cache", "--format", "sarif", cwd=tmp_path)
    assert result.code == 1, result.err
    driver = json.loads(result.out)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://github.com/factlint/factlint"
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert rules["FL203"]["helpUri"] == RULE_PAGES + "FL203.md"
    assert "helpUri" not in rules["XY101"]  # a rule pack's rule has no page of ours
    built_in = [code for code in rules if code != "XY101"]
    assert len(built_in) > 30
    for code in built_in:
        assert rules[code]["helpUri"] == f"{RULE_PAGES}{code}.md"
        assert (REPO / "docs/rules" / f"{code}.md").is_file(), code  # the link leads somewhere


# --- wording ----------------------------------------------------------------------------------


CONFLICT = """\
sources:
  - {id: s, title: T, kind: news}
claims:
  - id: rival-2024
    text: DeepSeek-R1 came out in 2024.
    subject: deepseek-r1
    property: release date
    value: {date: "2024"}
    evidence: [{source: s, quote: q}]
  - id: r1-2025
    text: DeepSeek-R1 came out on 20 January 2025.
    subject: deepseek-r1
    property: release date
    value: {date: "2025-01-20"}
    evidence: [{source: s, quote: q}]
"""


def test_report_counts_are_singular_for_one(tmp_path, factlint):
    write(tmp_path, {"claims/a.yaml": CONFLICT})
    result = factlint("report", "-o", "r.md", "--select", "FL203", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.err == "Wrote r.md (markdown): 2 claims, 1 source, 2 findings, 1 conflict.\n"
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "- Findings: 2 (2 errors, 0 warnings, 0 info)" in markdown
    html = factlint("report", "-o", "r.html", "--select", "FL203", cwd=tmp_path)
    assert html.code == 0, html.err
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<strong>1</strong><span>conflict</span>" in page
    assert "<span>findings (2 errors, 0 warnings, 0 info)</span>" in page


def test_three_claims_that_cannot_all_be_true(tmp_path, factlint):
    third = CONFLICT + """\
  - id: r1-2023
    text: DeepSeek-R1 came out in 2023.
    subject: deepseek-r1
    property: release date
    value: {date: "2023"}
    evidence: [{source: s, quote: q}]
"""
    write(tmp_path, {"claims/a.yaml": third})
    result = factlint("check", "--no-cache", "--select", "FL203", "--format", "json",
                      cwd=tmp_path)
    assert result.code == 1, result.err
    messages = {f["subject"]: f["message"] for f in json.loads(result.out)["findings"]}
    assert set(messages) == {"rival-2024", "r1-2025", "r1-2023"}
    for message in messages.values():
        assert message.endswith("; they cannot all be true — a human should decide (add a "
                                "`review`, or rank the wrong one `deprecated`)")
        assert "both" not in message


@pytest.mark.parametrize(("content", "message"), [
    ('{"tool": "factlint", "version": 3, "findings": []}',
     "b.json: unsupported factlint baseline version 3 (this factlint reads versions 1 and 2); "
     "write it again with `factlint check --write-baseline FILE`"),
    ('{"tool": "factlint", "findings": []}',
     "b.json: unsupported factlint baseline version none (this factlint reads versions 1 and "
     "2); write it again with `factlint check --write-baseline FILE`"),
    ('{"tool": "other", "version": 1, "findings": []}',
     "b.json: not a factlint baseline: expected \"tool\": \"factlint\", found 'other'; write one "
     "with `factlint check --write-baseline FILE`"),
    ("[1, 2]",
     "b.json: not a factlint baseline: expected a JSON object with \"tool\": \"factlint\", found "
     "an array; write one with `factlint check --write-baseline FILE`"),
    ('{"tool": "factlint", "version": 1, "findings": {}}',
     "b.json: malformed factlint baseline: \"findings\" must be a list, found an object"),
])
def test_a_foreign_baseline_says_what_was_found_and_what_is_expected(tmp_path, factlint,
                                                                     content, message):
    write(tmp_path, {"claims/a.yaml": "claims: []\n", "b.json": content})
    result = factlint("check", "--baseline", "b.json", "--allow-empty", cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"factlint: error: {message}\n"
