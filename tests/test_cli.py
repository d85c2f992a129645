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


def test_a_shared_id_gives_one_finding_per_file_naming_four_places(corpus, factlint):
    # Six more uses of good.yaml's id in one file: one finding there (at the first use) and
    # one in good.yaml, each naming four other places and counting the rest.
    claims = "".join(f"  - id: domestic-ai-chip-share-2027\n    text: Copy {n}.\n"
                     for n in range(6))
    write(corpus, {"claims/new.yaml": "claims:\n" + claims})
    result = factlint("check", "-q", "--select", "FL102", cwd=corpus)
    assert (result.code, result.out) == (1, (
        "claims/good.yaml:2:9: FL102 error: id 'domestic-ai-chip-share-2027' is also used at "
        "claims/new.yaml:2, claims/new.yaml:4, claims/new.yaml:6, claims/new.yaml:8 and 2 more; "
        "ids must be unique across the corpus\n"
        + "".join(f"    claims/new.yaml:{line}:9: claim 'domestic-ai-chip-share-2027' defined "
                  "here\n" for line in (2, 4, 6, 8))
        + "claims/new.yaml:2:9: FL102 error: id 'domestic-ai-chip-share-2027' is also used at "
        "claims/good.yaml:2, claims/new.yaml:4, claims/new.yaml:6, claims/new.yaml:8 and 2 more; "
        "ids must be unique across the corpus\n"
        "    claims/good.yaml:2:9: claim 'domestic-ai-chip-share-2027' defined here\n"
        + "".join(f"    claims/new.yaml:{line}:9: claim 'domestic-ai-chip-share-2027' defined "
                  "here\n" for line in (4, 6, 8))))


@pytest.mark.parametrize(
    ("args", "files", "message"),
    [
        (["check", "missing.yaml"], {}, "factlint: error: missing.yaml: no such file or directory"),
        (["check", "--select", "FL999"], {},
         "factlint: error: --select: 'FL999' matches no rule (see `factlint rules`)"),
        (["check"], {"pyproject.toml": "[tool.factlint]\npaths = ['claims']\nslect = ['FL1']\n"},
         "[tool.factlint] slect: unknown key"),
        (["check"], {"pyproject.toml": "[tool.factlint]\nignore = ['XX1']\n"},
         "pyproject.toml: [tool.factlint] ignore: 'XX1' matches no rule"),
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


# --- a full output device ---------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--version"], ["--help"], ["rules"], ["rule", "FL101"],
                                  ["schema"], ["check"], ["check", "--format", "junit"]])
@pytest.mark.parametrize("entry", ["console script", "python -m linter"])
def test_a_full_disk_is_one_line_and_exit_2(corpus, args, entry):
    import sys

    command = [FACTLINT] if entry == "console script" else [sys.executable, "-m", "linter"]
    with open("/dev/full", "w") as full:
        proc = subprocess.run([*command, *args], cwd=corpus, stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr == "factlint: error: cannot write: No space left on device\n"


# --- configuration found on the way up ------------------------------------------------------


def _load(start: Path, explicit: Path | None = None):  # type: ignore[no-untyped-def]
    from linter.project.config import load_config

    return load_config(start, explicit)


@pytest.mark.parametrize(("header", "shown"), [
    ("[tool.Factlint]", "tool.Factlint"), ("[tools.factlint]", "tools.factlint"),
    ("[Tool.factlint]", "Tool.factlint"), ("[tool.fact-lint]", "tool.fact-lint"),
    ("[tool.factlint_]", "tool.factlint_"), ("[tool._factlint]", "tool._factlint"),
    ("[tool.facltint]", "tool.facltint"), ("[tool.factlinter]", None),
    ("[tool.'factlint ']", 'tool."factlint "'), ("[fact-lint]", "fact-lint"),
    ("[tool.fact.lint]", "tool.fact.lint"),
])
def test_a_misspelt_table_in_an_ancestor_is_an_error(tmp_path, header, shown):
    from linter.project.config import ConfigError

    write(tmp_path, {"pyproject.toml": f"# the project\n{header}\npaths = ['x']\n"})
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    if shown is None:  # two edits away: another tool's name, not a misspelling
        assert _load(tmp_path / "sub" / "deeper").source is None
        return
    with pytest.raises(ConfigError) as error:
        _load(tmp_path / "sub" / "deeper")
    assert str(error.value) == (f"{tmp_path / 'pyproject.toml'}:2: [{shown}] is not read by "
                                "factlint: did you mean [tool.factlint]?")


def test_other_tools_and_projects_are_passed_over(tmp_path):
    # A Latin-1 pyproject of another project further up, other tools' tables that merely look
    # alike, and keys named factlint that are no table of factlint's: defaults, no error.
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.black]\n# r\xe9sum\xe9\n")
    write(tmp_path, {"a/pyproject.toml": (
        "[project]\ndependencies = ['factlint']\n[project.optional-dependencies]\n"
        "factlint = ['factlint']\n[dependency-groups]\nfactlint = ['factlint']\n"
        "[tool.yamllint]\n[tool.salt-lint]\n[tool.pylint]\n[tool.factline]\n"
        "[tool.ruff.lint]\n[tool.hatch.envs.factlint]\n")})
    config = _load(tmp_path / "a")
    assert config.source is None and config.root == tmp_path / "a"


def test_the_nearest_configuration_wins_over_a_broken_ancestor(tmp_path):
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.factlint]\n# caf\xe9\n")
    write(tmp_path, {"a/.factlint.toml": "paths = ['facts']\n"})
    assert _load(tmp_path / "a").paths == ("facts",)


@pytest.mark.parametrize(("content", "expected"), [
    ("[tool]\nfactlint.paths = ['facts']\n", ("facts",)),
    ("tool = {factlint = {paths = ['facts']}}\n", ("facts",)),
    ("[ tool . \"factlint\" ]\npaths = ['facts']\n", ("facts",)),
    ("[tool.factlint.limits]\nmax-depth = 50\n", ("claims",)),
])
def test_every_toml_spelling_of_the_table_is_read(tmp_path, content, expected):
    write(tmp_path, {"pyproject.toml": content, "sub/.keep": ""})
    config = _load(tmp_path / "sub")
    assert config.source == tmp_path / "pyproject.toml" and config.paths == expected


@pytest.mark.parametrize(("content", "message"), [
    (b"[tool.factlint]\npaths = ['claims'] # d\xe9j\xe0 vu\n",
     "not UTF-8 at line 2, column 23 (byte 0xe9); a TOML file must be UTF-8"),
    (b"[tool.factlint]\npaths = [\n", "invalid TOML: Invalid value (at end of document)"),
    (b"[tool.factlint]\npaths = " + b"[" * 3000 + b"]" * 3000 + b"\n",
     "invalid TOML: arrays or tables nested too deeply"),
    (b"tool = 3\n[tool.factlint]\n",
     "invalid TOML: Cannot overwrite a value (at line 2, column 15)"),
    (b"[tool]\nfactlint = 'yes'\n", "[tool.factlint] must be a table of settings"),
])
def test_unreadable_pyproject_configuration_is_located(tmp_path, content, message):
    from linter.project.config import ConfigError

    (tmp_path / "pyproject.toml").write_bytes(content)
    with pytest.raises(ConfigError) as error:
        _load(tmp_path)
    assert str(error.value) == f"{tmp_path / 'pyproject.toml'}: {message}"


def test_a_dangling_dotfile_link_is_an_error_not_a_default(tmp_path):
    from linter.project.config import ConfigError

    (tmp_path / ".factlint.toml").symlink_to("missing.toml")
    with pytest.raises(ConfigError) as error:
        _load(tmp_path)
    assert str(error.value) == (f"{tmp_path / '.factlint.toml'}: cannot read configuration: "
                                "No such file or directory")


def test_the_cheap_filter_lets_every_one_edit_misspelling_through():
    # The filter decides whether a pyproject on the way up is parsed at all: any table name one
    # edit from "factlint" must reach the parser (which then names it), and tools' tables that
    # only share "lint" must not cost a parse.
    import string

    from linter.project.config import _mentions_factlint

    word, letters = "factlint", string.ascii_lowercase + string.digits
    variants = {word[:i] + word[i + 1:] for i in range(len(word))}
    variants |= {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
    variants |= {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in letters}
    variants |= {word[:i] + c + word[i + 1:] for i in range(len(word)) for c in letters}
    assert len(variants) == 612
    for variant in sorted(variants):
        assert _mentions_factlint(f"[tool.{variant.upper()}]\nx = 1\n".encode()), variant
        assert _mentions_factlint(f"[tool]\n{variant[:3]}-{variant[3:]}.x = 1\n".encode())
    others = b"[tool.ruff.lint]\n[tool.pylint.main]\n[tool.yamllint]\n[tool.flake8]\nx = 'lint'\n"
    assert not _mentions_factlint(others)
