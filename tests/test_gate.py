"""The CI gate: baselines, JUnit and Markdown output."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import VALID_CLAIM, VALID_SOURCE, write

LEGACY = """\
claims:
  - id: legacy-one
    text: 429 GW were added.
  - id: legacy-two
    text: 5 million graduates.
    evidence:
      - source: missing-source
        quote: "5 million graduates"
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write(tmp_path, {"claims/sources.yaml": VALID_SOURCE, "claims/good.yaml": VALID_CLAIM,
                            "claims/legacy.yaml": LEGACY})


def test_baseline_round_trip(corpus, factlint):
    written = factlint("check", "--write-baseline", "baseline.json", cwd=corpus)
    assert (written.code, written.out) == (0, "Wrote 2 findings to baseline.json.\n")
    entries = json.loads((corpus / "baseline.json").read_text())["findings"]
    assert [(e["code"], e["subject"]) for e in entries] == [
        ("FL103", "legacy-two"), ("FL201", "legacy-one")]

    # Unrelated edits: lines added above, claims moved within the file. Nothing is new.
    legacy = corpus / "claims/legacy.yaml"
    moved = LEGACY.replace("claims:\n", "# reviewed 2025-11\n\nclaims:\n")
    first, second = moved.split("  - id: legacy-two\n")
    legacy.write_text(first.split("  - id: legacy-one\n")[0] + "  - id: legacy-two\n" + second
                      + "  - id: legacy-one\n" + first.split("  - id: legacy-one\n")[1])
    again = factlint("check", "--baseline", "baseline.json", cwd=corpus)
    assert again.code == 0, again.out
    assert again.out == (
        "Baseline baseline.json: 2 known findings hidden, 0 fixed since.\n"
        "All checks passed (3 files checked).\n"
    )

    # One new bad claim: exactly one new finding, and the gate fails.
    write(corpus, {"claims/new.yaml": "claims:\n  - id: fresh\n    text: 82% of all chips.\n"})
    new = factlint("check", "--baseline", "baseline.json", "-q", cwd=corpus)
    assert new.code == 1
    assert new.out.splitlines() == [
        "claims/new.yaml:2:9: FL201 error: claim 'fresh' states a figure in its text but cites "
        "no evidence; add an evidence item with the source and a verbatim quote"]

    # Fixing a baselined finding is counted.
    legacy.write_text("claims: []\n")
    fixed = factlint("check", "--baseline", "baseline.json", cwd=corpus)
    assert "0 known findings hidden, 2 fixed since." in fixed.out


@pytest.mark.parametrize("content", ["not json", '{"tool": "other"}', '{"tool": "factlint", '
                                     '"version": 1, "findings": [3]}'])
def test_bad_baseline_is_exit_2(corpus, factlint, content):
    (corpus / "b.json").write_text(content)
    result = factlint("check", "--baseline", "b.json", cwd=corpus)
    assert result.code == 2
    assert result.err.startswith("factlint: error: b.json: ")


def test_junit_counts(corpus, factlint):
    result = factlint("check", "--format", "junit", cwd=corpus)
    root = ET.fromstring(result.out)
    suite = root.find("testsuite")
    assert suite is not None
    # `failures` counts <failure> elements (legacy.yaml has two), not failing files (one).
    assert (suite.get("tests"), suite.get("failures")) == ("3", "2")
    assert (root.get("tests"), root.get("failures")) == ("3", "2")
    assert len(suite.findall("testcase/failure")) == 2
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert sorted(cases) == ["claims/good.yaml", "claims/legacy.yaml", "claims/sources.yaml"]
    failures = cases["claims/legacy.yaml"].findall("failure")
    assert [f.get("type") for f in failures] == ["FL201", "FL103"]
    assert cases["claims/good.yaml"].find("failure") is None


def test_junit_warnings_below_fail_on_are_passing_cases_of_their_own(corpus, factlint):
    write(corpus, {"cfg.toml": 'severity = {FL201 = "warning"}\n'})
    result = factlint("check", "--format", "junit", "--fail-on", "error", "--config", "cfg.toml",
                      cwd=corpus)
    assert result.code == 1  # FL103 is still an error
    root = ET.fromstring(result.out)
    suite = root.find("testsuite")
    assert suite is not None
    assert [(c.get("classname"), c.get("name")) for c in suite.findall("testcase")] == [
        ("factlint", "claims/good.yaml"),
        ("factlint", "claims/legacy.yaml"),
        ("factlint.warning", "claims/legacy.yaml:2:9: FL201 warning"),
        ("factlint", "claims/sources.yaml"),
    ]
    assert (suite.get("tests"), suite.get("failures")) == ("4", "1")
    assert (root.get("tests"), root.get("failures")) == ("4", "1")
    legacy = suite.find("testcase[@name='claims/legacy.yaml']")
    assert legacy is not None
    assert [f.get("type") for f in legacy.findall("failure")] == ["FL103"]
    assert legacy.find("system-out") is None
    warning = suite.find("testcase[@classname='factlint.warning']")
    assert warning is not None and warning.find("failure") is None
    out = warning.find("system-out")
    assert out is not None and out.text == (
        "claims/legacy.yaml:2:9: FL201 warning: claim 'legacy-one' states a figure in its text "
        "but cites no evidence; add an evidence item with the source and a verbatim quote")


def test_markdown_escapes_table_cells(tmp_path, factlint):
    write(tmp_path, {"claims/x.yaml": 'claims:\n  - id: "pipes"\n    text: "1 | 2 <script>"\n'
                                      '    evidence:\n      - source: "a|b"\n        quote: q\n'})
    result = factlint("check", "--format", "markdown", cwd=tmp_path)
    lines = result.out.splitlines()
    assert lines[0] == "## factlint: failed"
    rows = [line for line in lines if line.startswith("| error")]
    # Markdown punctuation from the input is escaped too: a value such as "[x](https://…)"
    # quoted in a message must not become a link in the job summary.
    assert rows == ["| error | `claims/x.yaml:5:17` | FL101 | claims\\[0\\].evidence\\[0\\].source: "
                    "'a\\|b' is not valid: A corpus-wide identifier: lowercase letters, digits, '.', "
                    "'\\_' and '-'. |",
                    "| error | `claims/x.yaml:5:17` | FL103 | evidence cites unknown source "
                    "'a\\|b' |"]
    assert all(line.count("|") - line.count("\\|") == 5 for line in rows)
