"""The command line through the installed console script: exact output, exit codes, formats."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import FACTLINT, REPO, VALID_CLAIM, VALID_SOURCE, write

BAD = """\
claims:
  - id: orphan-figure
    text: China added 429 GW of capacity in 2024.
  - id: cites-nothing-known
    text: Something happened.
    evidence:
      - source: wsj-2025-07-03-china-ai
        quote: "A quote."
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write(tmp_path, {
        "claims/sources.yaml": VALID_SOURCE,
        "claims/good.yaml": VALID_CLAIM,
        "claims/bad.yaml": BAD,
    })


def test_text_output_and_exit_code(corpus, factlint):
    result = factlint("check", cwd=corpus)
    assert result.code == 1
    assert result.out == (
        "claims/bad.yaml:2:9: FL201 error: claim 'orphan-figure' states a figure in its text but "
        "cites no evidence; add an evidence item with the source and a verbatim quote\n"
        "claims/bad.yaml:7:17: FL103 error: evidence cites unknown source "
        "'wsj-2025-07-03-china-ai' (did you mean 'wsj-2025-07-30-china-ai'?)\n"
        "\n"
        "Found 2 findings (2 errors) in 3 files checked.\n"
    )
    assert result.err == ""


def test_clean_corpus_exits_zero(corpus, factlint):
    (corpus / "claims/bad.yaml").unlink()
    result = factlint("check", cwd=corpus)
    assert (result.code, result.out) == (0, "All checks passed (2 files checked).\n")


def test_select_ignore_and_fail_on(corpus, factlint):
    assert factlint("check", "-q", "--select", "FL103", cwd=corpus).out.count("\n") == 1
    assert factlint("check", "-q", "--ignore", "FL1,FL201", cwd=corpus).code == 0
    assert factlint("check", "-q", "--select", "FL2", cwd=corpus).out.startswith(
        "claims/bad.yaml:2:9: FL201")


def test_severity_override_and_fail_on_from_config(corpus, factlint):
    write(corpus, {"pyproject.toml": """
        [tool.factlint]
        paths = ["claims"]
        severity = {FL201 = "warning", FL103 = "info"}
        fail-on = "error"
    """})
    result = factlint("check", cwd=corpus)
    assert result.code == 0
    assert "FL201 warning:" in result.out and "FL103 info:" in result.out
    assert result.out.endswith("Found 2 findings (1 warning, 1 info) in 3 files checked.\n")
    assert factlint("check", "--fail-on", "warning", cwd=corpus).code == 1
    assert factlint("check", "--fail-on", "info", "--select", "FL103", cwd=corpus).code == 1


def test_statistics(corpus, factlint):
    result = factlint("check", "--statistics", "-q", cwd=corpus)
    lines = result.out.splitlines()
    assert lines[-2:] == [
        "     1  FL103  unknown-source",
        "     1  FL201  figure-without-evidence",
    ]


def test_json_output_shape(corpus, factlint):
    result = factlint("check", "--format", "json", cwd=corpus)
    document = json.loads(result.out)
    assert document["summary"] == {
        "files": 3, "findings": 2, "errors": 2, "warnings": 0, "info": 0, "suppressed": 0,
        "fail_on": "error", "failed": True,
    }
    assert document["findings"][0] == {
        "path": "claims/bad.yaml", "line": 2, "column": 9, "code": "FL201",
        "rule": "figure-without-evidence", "severity": "error",
        "message": "claim 'orphan-figure' states a figure in its text but cites no evidence; add "
                   "an evidence item with the source and a verbatim quote",
        "subject": "orphan-figure", "related": [], "suppressed": None,
    }


def test_github_format_is_automatic_in_actions_and_escapes(tmp_path, factlint):
    write(tmp_path, {"claims/x.yaml": """
        claims:
          - id: "hostile"
            text: "100 things%0A::error::forged, really: yes"
    """})
    result = factlint("check", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert result.out.splitlines()[0] == (
        "::error file=claims/x.yaml,line=2,col=9,title=FL201 figure-without-evidence::claim "
        "'hostile' states a figure in its text but cites no evidence; add an evidence item with "
        "the source and a verbatim quote"
    )
    from linter.output.github import escape_data, escape_property

    assert escape_data("a%0A\nb\r") == "a%250A%0Ab%0D"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


def test_sarif_validates_against_the_oasis_schema(corpus, factlint):
    result = factlint("check", "--format", "sarif", cwd=corpus)
    sarif = json.loads(result.out)
    schema = json.loads((REPO / "tests/data/sarif-schema-2.1.0-errata01.json").read_text())
    jsonschema.Draft4Validator(schema).validate(sarif)
    run = sarif["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["FL201", "FL103"]
    first = run["results"][0]
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 9}
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "FL201"
    assert len(first["partialFingerprints"]["factlint/v1"]) == 32


def test_sarif_fingerprint_survives_moving_the_claim(corpus, factlint):
    before = json.loads(factlint("check", "--format", "sarif", cwd=corpus).out)
    path = corpus / "claims/bad.yaml"
    path.write_text("# a comment\n\n" + path.read_text())
    after = json.loads(factlint("check", "--format", "sarif", cwd=corpus).out)
    fingerprints = [[r["partialFingerprints"] for r in s["runs"][0]["results"]]
                    for s in (before, after)]
    lines = [[r["locations"][0]["physicalLocation"]["region"]["startLine"]
              for r in s["runs"][0]["results"]] for s in (before, after)]
    assert fingerprints[0] == fingerprints[1]
    assert lines == [[2, 7], [4, 9]]


def test_named_file_is_checked_against_the_whole_corpus(corpus, factlint):
    # As pre-commit would call it: only good.yaml changed. Its source lives in sources.yaml.
    result = factlint("check", "claims/good.yaml", cwd=corpus)
    assert (result.code, result.out) == (0, "All checks passed (1 file checked).\n")
    # A named file whose id clashes with another file: both sides are reported (the other
    # file's is caused by the named one), sorted by file.
    write(corpus, {"claims/new.yaml": "claims:\n  - id: domestic-ai-chip-share-2027\n"
                                       "    text: A second claim with the same id.\n"})
    result = factlint("check", "-q", "claims/new.yaml", cwd=corpus)
    assert result.out == (
        "claims/good.yaml:2:9: FL102 error: id 'domestic-ai-chip-share-2027' is also used at "
        "claims/new.yaml:2; ids must be unique across the corpus\n"
        "    claims/new.yaml:2:9: claim 'domestic-ai-chip-share-2027' defined here\n"
        "claims/new.yaml:2:9: FL102 error: id 'domestic-ai-chip-share-2027' is also used at "
        "claims/good.yaml:2; ids must be unique across the corpus\n"
        "    claims/good.yaml:2:9: claim 'domestic-ai-chip-share-2027' defined here\n"
    )


@pytest.mark.parametrize(
    ("args", "files", "message"),
    [
        (["check", "missing.yaml"], {}, "factlint: error: missing.yaml: no such file or directory"),
        (["check", "--select", "FL999"], {},
         "factlint: error: --select: 'FL999' matches no rule (see `factlint rules`)"),
        (["check"], {"pyproject.toml": "[tool.factlint]\npaths = ['claims']\nslect = ['FL1']\n"},
         "[tool.factlint] slect: unknown key"),
        (["check"], {"pyproject.toml": "[tool.factlint]\nignore = ['XX1']\n"},
         "factlint: error: ignore: 'XX1' matches no rule"),
        (["check"], {"pyproject.toml": "[tool.factlint\n"}, "invalid TOML"),
        (["check"], {".factlint.toml": "fail-on = 'fatal'\n"},
         "fail-on: unknown severity 'fatal'"),
        (["check"], {".factlint.toml": "rule-packs = ['myrules']\n",
                     "myrules/X.yaml": "code: XY001\nname: x\n"},
         "myrules/X.yaml: missing key 'docs'"),
        (["check"], {".factlint.toml": "rule-packs = ['myrules']\n",
                     "myrules/X.yaml": "code: XY001\nname: x\nseverity: error\nkind: magic\n"
                                       "summary: s\ndocs: {what: a, why: b, fail: c, pass: d}\n"},
         "unknown check kind 'magic'"),
        (["rule", "FL000"], {}, "factlint: error: unknown rule 'FL000'"),
    ],
)
def test_usage_and_configuration_errors_exit_2(tmp_path, factlint, args, files, message):
    write(tmp_path, files)
    result = factlint(*args, cwd=tmp_path)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_rule_pack_adds_a_rule(tmp_path, factlint):
    write(tmp_path, {
        ".factlint.toml": "rule-packs = ['myrules']\n",
        "myrules/XY101.yaml": """
            code: XY101
            name: our-duplicate-ids
            severity: warning
            kind: duplicate-id
            summary: Our own copy of the duplicate-id check.
            docs: {what: a, why: b, fail: c, pass: d}
        """,
    })
    result = factlint("rules", cwd=tmp_path)
    assert "XY101  our-duplicate-ids" in result.out


def test_rules_and_rule_documentation(tmp_path, factlint):
    listing = factlint("rules", cwd=tmp_path).out.splitlines()
    assert listing[0].startswith("FL001  yaml-syntax-error")
    doc = factlint("rule", "fl101", cwd=tmp_path)
    assert doc.code == 0
    for heading in ("FL101 schema-violation (error)", "What it does", "Why is this bad?",
                    "Example that fails", "Example that passes"):
        assert heading in doc.out


def test_version_and_output_file(corpus, factlint):
    assert factlint("--version", cwd=corpus).out.startswith("factlint, version ")
    result = factlint("check", "--format", "json", "-o", "out.json", cwd=corpus)
    assert result.code == 1 and result.out == ""
    assert json.loads((corpus / "out.json").read_text())["summary"]["findings"] == 2


def test_closed_pipe_prints_no_traceback(corpus):
    for i in range(200):
        write(corpus, {f"claims/many{i}.yaml": f"claims:\n  - id: c{i}\n    text: {i} apples\n"})
    proc = subprocess.run(f"'{FACTLINT}' check | head -1", shell=True, cwd=corpus,
                          capture_output=True, text=True)
    assert proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr
