"""Gates that cannot pass by accident, the rest of issue 20: baselines keyed on what a cross-file
finding is about (not its message), "did you mean" for claim keys, units and configuration keys,
rule codes in configuration that ignore case, a schema validator that fails in place, ids without
a trailing newline, `scan` paths from the repository root, and wording."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from linter.model import Finding
from linter.project import baseline as baselines
from tests.conftest import VALID_CLAIM, VALID_SOURCE, write

TODAY = {"FACTLINT_TODAY": "2025-11-23"}

# One finding of each cross-file rule: FL102 (the id `dup` twice), FL103 (an unknown source),
# FL203 (two release dates) and FL313 (a source dated after today).
CROSS = {
    "claims/sources.yaml": """
        sources:
          - {id: s, title: T, publisher: P, url: "https://example.com/s", published: "2024",
             kind: news}
          - {id: later, title: T, publisher: P, url: "https://example.com/l",
             published: "2030-01-01", kind: news}
        """,
    "claims/conflict.yaml": """
        claims:
          - id: r1-2024
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
        """,
    "claims/unknown.yaml": """
        claims:
          - id: cites-missing
            text: Nothing to measure.
            evidence: [{source: missing-source, quote: q}]
        """,
    "claims/dup-a.yaml": "claims:\n  - {id: dup, text: One.}\n",
    "claims/dup-b.yaml": "claims:\n  - {id: dup, text: Two.}\n",
}
CROSS_CODES = {"FL102", "FL103", "FL203", "FL313"}


def _lint(root: Path) -> list[Finding]:
    from linter.project.config import load_config
    from linter.run.runner import Options, lint

    outcome = lint(load_config(root), Options(use_cache=False, jobs=1), root)
    return outcome.findings


def _codes(run_out: str) -> list[tuple[str, str]]:
    """(path:line:col, code) of each finding line of text output."""
    return [tuple(line.split(" ")[:2]) for line in run_out.splitlines()  # type: ignore[misc]
            if " FL" in line and not line.startswith(" ")]


# --- 1. baselines -------------------------------------------------------------------------


def test_cross_file_findings_carry_a_key_and_keep_it_through_the_cache(tmp_path, factlint,
                                                                       monkeypatch):
    write(tmp_path, CROSS)
    monkeypatch.setenv("FACTLINT_TODAY", TODAY["FACTLINT_TODAY"])
    keys = sorted((f.code, f.path, f.key) for f in _lint(tmp_path) if f.code in CROSS_CODES)
    assert keys == [
        ("FL102", "claims/dup-a.yaml", ("id=dup",)),
        ("FL102", "claims/dup-b.yaml", ("id=dup",)),
        ("FL103", "claims/unknown.yaml", ("claim=cites-missing", "source=missing-source")),
        ("FL203", "claims/conflict.yaml", ("claim=r1-2024", "subject=deepseek-r1",
                                           "property=release date")),
        ("FL203", "claims/conflict.yaml", ("claim=r1-2025", "subject=deepseek-r1",
                                           "property=release date")),
        ("FL313", "claims/sources.yaml", ("source=later", "published=2030-01-01")),
    ]
    # The baseline records the key; a cached run (index findings read back from the cache)
    # writes the same baseline as a cold one.
    for _ in range(2):
        assert factlint("check", "--write-baseline", "b.json", cwd=tmp_path, env=TODAY).code == 0
        document = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
        assert document["version"] == 2
        recorded = sorted((e["code"], e["path"], tuple(e["key"])) for e in document["findings"]
                          if e["code"] in CROSS_CODES)
        assert recorded == keys


def test_a_reworded_cross_file_message_is_not_a_new_finding(tmp_path, monkeypatch):
    write(tmp_path, CROSS)
    monkeypatch.setenv("FACTLINT_TODAY", TODAY["FACTLINT_TODAY"])
    findings = [f for f in _lint(tmp_path) if f.code in CROSS_CODES]
    assert {f.code for f in findings} == CROSS_CODES
    baselines.write(tmp_path / "b.json", findings)
    known = baselines.read(tmp_path / "b.json")
    reworded = [f._replace(message=f"reworded: {f.message.upper()}") for f in findings]
    comparison = baselines.compare(reworded, known)
    assert (comparison.new, comparison.known, comparison.fixed) == ([], len(findings), 0)
    # What a cross-file finding is about still counts: the conflict of another claim is new.
    other = [f._replace(key=("claim=r1-2026", *f.key[1:])) if f.code == "FL203" else f
             for f in findings]
    assert [f.code for f in baselines.compare(other, known).new] == ["FL203", "FL203"]


def test_a_new_claim_on_a_baselined_conflict_adds_exactly_its_own_finding(tmp_path, factlint):
    write(tmp_path, {k: CROSS[k] for k in ("claims/sources.yaml", "claims/conflict.yaml")})
    assert factlint("check", "--select", "FL203", "--write-baseline", "b.json",
                    cwd=tmp_path).code == 0
    write(tmp_path, {"claims/third.yaml": """
        claims:
          - id: r1-2026
            text: DeepSeek-R1 came out in 2026.
            subject: deepseek-r1
            property: release date
            value: {date: "2026"}
            evidence: [{source: s, quote: q}]
        """})
    run = factlint("check", "--select", "FL203", "--baseline", "b.json", cwd=tmp_path)
    assert run.code == 1
    assert _codes(run.out) == [("claims/third.yaml:6:12:", "FL203")]
    assert "Baseline b.json: 2 known findings hidden, 0 fixed since." in run.out


def test_a_new_did_you_mean_does_not_make_a_baselined_fl103_new(tmp_path, factlint):
    write(tmp_path, {"claims/unknown.yaml": CROSS["claims/unknown.yaml"]})
    assert factlint("check", "--write-baseline", "b.json", cwd=tmp_path).code == 0
    # A source whose id is close to the missing one: FL103's message gains a suggestion.
    write(tmp_path, {"claims/s.yaml": VALID_SOURCE.replace("wsj-2025-07-30-china-ai",
                                                           "missing-sources")})
    plain = factlint("check", "--select", "FL103", cwd=tmp_path)
    assert "(did you mean 'missing-sources'?)" in plain.out
    run = factlint("check", "--select", "FL103", "--baseline", "b.json", cwd=tmp_path)
    assert (run.code, run.out) == (0, "Baseline b.json: 1 known finding hidden, 0 fixed since.\n"
                                      "All checks passed (2 files checked).\n")


def test_a_baselined_future_date_stays_known_on_another_day(tmp_path, factlint):
    write(tmp_path, {"claims/sources.yaml": CROSS["claims/sources.yaml"]})
    assert factlint("check", "--write-baseline", "b.json", cwd=tmp_path, env=TODAY).code == 0
    # FL313's message names today's date; tomorrow the finding is the same one.
    run = factlint("check", "--select", "FL313", "--baseline", "b.json", cwd=tmp_path,
                   env={"FACTLINT_TODAY": "2025-11-24"})
    assert run.code == 0, run.out


def test_a_third_use_of_a_duplicate_id_is_new_only_where_it_is(tmp_path, factlint):
    write(tmp_path, {k: v for k, v in CROSS.items() if k.startswith("claims/dup")})
    assert factlint("check", "--write-baseline", "b.json", cwd=tmp_path).code == 0
    # The two known findings now also name the third file in their message: still known.
    write(tmp_path, {"claims/dup-c.yaml": "claims:\n  - {id: dup, text: Three.}\n"})
    run = factlint("check", "--select", "FL102", "--baseline", "b.json", "-q", cwd=tmp_path)
    assert run.code == 1
    assert _codes(run.out) == [("claims/dup-c.yaml:2:10:", "FL102")]


def test_a_version_1_baseline_is_still_read_and_the_run_says_to_write_it_again(tmp_path,
                                                                               factlint):
    write(tmp_path, {"claims/unknown.yaml": CROSS["claims/unknown.yaml"]})
    findings = _lint(tmp_path)
    assert [f.code for f in findings] == ["FL103"]
    old = {"tool": "factlint", "version": 1, "findings": [
        {"fingerprint": baselines.legacy_fingerprint(f), "code": f.code, "path": f.path,
         "subject": f.subject, "message": f.message} for f in findings]}
    (tmp_path / "old.json").write_text(json.dumps(old), encoding="utf-8")
    run = factlint("check", "--baseline", "old.json", cwd=tmp_path)
    assert (run.code, run.out) == (0, (
        "Baseline old.json: 1 known finding hidden, 0 fixed since.\n"
        "old.json is a version 1 baseline, keyed on messages: a reworded message makes a "
        "finding new; write it again with `factlint check --write-baseline old.json` "
        "(version 2).\n"
        "All checks passed (1 file checked).\n"))


def test_a_baseline_of_an_unknown_version_says_how_to_regenerate_it(tmp_path, factlint):
    write(tmp_path, {"claims/a.yaml": "claims: []\n",
                     "b.json": '{"tool": "factlint", "version": 3, "findings": []}'})
    run = factlint("check", "--baseline", "b.json", "--allow-empty", cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err == ("factlint: error: b.json: unsupported factlint baseline version 3 (this "
                       "factlint reads versions 1 and 2); write it again with `factlint check "
                       "--write-baseline FILE`\n")


# --- 2. did you mean -----------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "message"), [
    ('        quote: "', '        Quote: "',
     "claims/a.yaml:8:9: FL101 error: claims[0].evidence[0]: unexpected key 'Quote'; did you "
     "mean 'quote'? (allowed: locator, quote, source)"),
    ("    attribution:", "    atribution:",
     "claims/a.yaml:5:5: FL101 error: claims[0]: unexpected key 'atribution'; did you mean "
     "'attribution'? (allowed: "),
    ("unit: percent", "unit: percnt",
     "claims/a.yaml:4:31: FL101 error: claims[0].value.unit: 'percnt' is not one of: percent, "),
    ("unit: percent", "unit: usd", "did you mean 'USD'?"),
])
def test_unknown_claim_keys_and_units_get_a_did_you_mean(tmp_path, factlint, old, new, message):
    assert old in VALID_CLAIM
    write(tmp_path, {"claims/a.yaml": VALID_CLAIM.replace(old, new, 1)})
    run = factlint("check", "--select", "FL101", "--no-cache", cwd=tmp_path)
    assert run.code == 1
    [line] = [line for line in run.out.splitlines() if message in line]
    if new.endswith("percnt"):
        assert line.endswith("; did you mean 'percent'?")


def test_nothing_close_gets_no_suggestion(tmp_path, factlint):
    write(tmp_path, {"claims/a.yaml": VALID_CLAIM.replace("unit: percent", "unit: parsecs")})
    run = factlint("check", "--select", "FL101", "--no-cache", cwd=tmp_path)
    assert run.code == 1
    assert "'parsecs' is not one of" in run.out and "did you mean" not in run.out


def test_both_validators_print_the_same_messages(tmp_path, monkeypatch):
    """The fast validator only says yes or no; without it (a schema beyond its subset) the same
    file gets the same findings, word for word."""
    from linter.rulebook.kinds import schema

    text = VALID_CLAIM.replace("unit: percent", "unit: percnt").replace("    quote:", "    qote:")
    write(tmp_path, {"claims/a.yaml": text})
    with_fast = [f for f in _lint(tmp_path) if f.code == "FL101"]
    monkeypatch.setattr(schema, "_fast", lambda: None)
    without = [f for f in _lint(tmp_path) if f.code == "FL101"]
    assert with_fast == without
    hints = [f.message.split("; ", 1)[-1] for f in with_fast if "did you mean" in f.message]
    assert hints == ["did you mean 'percent'?",
                     "did you mean 'quote'? (allowed: locator, quote, source)"]


@pytest.mark.parametrize(("table", "message"), [
    ("fail_on = 'warning'\n",
     "[tool.factlint] fail_on: unknown key; did you mean `fail-on`? (known: exclude, "),
    ("Paths = ['claims']\n", "[tool.factlint] Paths: unknown key; did you mean `paths`?"),
    ("limits = { max_bytes = 10 }\n",
     "[tool.factlint] limits.max_bytes: unknown limit; did you mean `max-bytes`? (known: "),
    ("colour = 'red'\n", "[tool.factlint] colour: unknown key (known: exclude, "),
])
def test_unknown_config_keys_get_a_did_you_mean(tmp_path, factlint, table, message):
    write(tmp_path, {"claims/a.yaml": "claims: []\n",
                     "pyproject.toml": "[tool.factlint]\n" + table})
    run = factlint("check", cwd=tmp_path)
    assert run.code == 2
    assert run.err.startswith(f"factlint: error: {tmp_path / 'pyproject.toml'}: {message}")


# --- 3. rule codes in configuration ---------------------------------------------------------


def test_configured_codes_ignore_case(tmp_path, factlint):
    write(tmp_path, {"claims/unknown.yaml": CROSS["claims/unknown.yaml"],
                     "claims/other.yaml": CROSS["claims/unknown.yaml"].replace(
                         "cites-missing", "cites-missing-too"),
                     "pyproject.toml": "[tool.factlint]\nselect = ['fl1']\n"
                                       "severity = { fl103 = 'warning' }\n"
                                       "per-file-ignores = { 'claims/other.yaml' = ['fl103'] }\n"})
    run = factlint("check", "--no-cache", cwd=tmp_path)
    # fl103 is FL103: a warning (the gate passes), and ignored in other.yaml.
    assert (run.code, _codes(run.out)) == (0, [("claims/unknown.yaml:4:25:", "FL103")])
    assert "FL103 warning:" in run.out
    write(tmp_path, {"pyproject.toml": "[tool.factlint]\nignore = ['fl103']\n"})
    assert factlint("check", "--no-cache", cwd=tmp_path).out.startswith("All checks passed")


@pytest.mark.parametrize(("table", "message"), [
    ("severity = { fl230 = 'warning' }\n",
     "[tool.factlint] severity: 'FL230' matches no rule; did you mean "),
    ("ignore = ['fl1033']\n", "[tool.factlint] ignore: 'FL1033' matches no rule; did you mean "
                              "FL103?"),
    ("per-file-ignores = { 'claims/*' = ['FL9999'] }\n",
     "[tool.factlint] per-file-ignores.claims/*: 'FL9999' matches no rule (see `factlint "
     "rules`)"),
    ("severity = { fl203 = 'warning', FL203 = 'error' }\n",
     "[tool.factlint] severity: FL203 is given twice (fl203, FL203): rule codes are "
     "case-insensitive"),
])
def test_unknown_configured_codes_are_located_with_a_did_you_mean(tmp_path, factlint, table,
                                                                   message):
    write(tmp_path, {"claims/a.yaml": "claims: []\n",
                     "pyproject.toml": "[tool.factlint]\n" + table})
    run = factlint("check", cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith(f"factlint: error: {tmp_path / 'pyproject.toml'}: {message}")


# --- 4. jsonschema failing ------------------------------------------------------------------


@pytest.mark.parametrize("error", [RecursionError("maximum recursion depth exceeded"),
                                   ValueError("bad pattern")])
def test_a_failing_schema_validator_is_a_finding_not_a_traceback(tmp_path, monkeypatch, error):
    from linter.rulebook.kinds import schema

    class Exploding:
        def iter_errors(self, instance):  # type: ignore[no-untyped-def]
            raise error

    write(tmp_path, {"claims/a.yaml": VALID_CLAIM.replace("unit: percent", "unit: percnt"),
                     "claims/b.yaml": VALID_CLAIM.replace("domestic-ai", "other-ai")})
    monkeypatch.setattr(schema, "_validator", lambda: Exploding())
    found = [(f.path, f.line, f.col, f.code, f.message) for f in _lint(tmp_path)
             if f.code == "FL101"]
    assert found == [("claims/a.yaml", 1, 1, "FL101",
                      f"could not be validated against the claim-file schema "
                      f"({type(error).__name__}: {error}); the file is not known to be valid")]


def test_a_failing_fast_validator_falls_back_to_jsonschema(tmp_path, monkeypatch):
    from linter.rulebook.kinds import schema

    def exploding(instance):  # type: ignore[no-untyped-def]
        raise RecursionError

    write(tmp_path, {"claims/a.yaml": VALID_CLAIM.replace("unit: percent", "unit: percnt")})
    monkeypatch.setattr(schema, "_fast", lambda: exploding)
    found = [f.message for f in _lint(tmp_path) if f.code == "FL101"]
    assert len(found) == 1 and found[0].startswith("claims[0].value.unit: 'percnt' is not one")


# --- 5. ids without a trailing newline ------------------------------------------------------


def test_a_source_id_with_a_trailing_newline_is_refused(tmp_path, factlint):
    from linter.scan.analysis import ID_PATTERN

    assert ID_PATTERN.match("a-source") and not ID_PATTERN.match("a-source\n")
    write(tmp_path, {"a.txt": "Revenue rose 40% in 2024, the company said.\n"})
    run = factlint("scan", "a.txt", "--claims", "--source-id", "a-source\n", cwd=tmp_path)
    assert run.code == 2
    assert run.err.startswith("factlint: error: --source-id 'a-source\\n': use lowercase")
    url = factlint("scan", "a.txt", "--claims", "--url", "https://example.com/a\n",
                   cwd=tmp_path)
    assert url.code == 2
    assert url.err == ("factlint: error: --url 'https://example.com/a\\n' is not an absolute "
                       "http(s) URL\n")


# --- 6. scan paths from the repository root -------------------------------------------------


ARTICLE = "As an AI language model, I cannot browse the web.\n"


@pytest.fixture
def monorepo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path, {"factbase/a.txt": ARTICLE})
    return tmp_path / "factbase"


def test_scan_github_annotations_are_relative_to_the_repository_root(monorepo, factlint):
    run = factlint("scan", "a.txt", "--select", "FL402", "--format", "github", cwd=monorepo)
    assert run.code == 1
    assert run.out.startswith("::error file=factbase/a.txt,line=1,col=1,title=FL402 ")
    stdin = factlint("scan", "-", "--select", "FL402", "--format", "github", cwd=monorepo,
                     stdin=ARTICLE)
    assert stdin.out.startswith("::error file=<stdin>,line=1,col=1,")


def test_scan_sarif_is_relative_to_the_repository_root(monorepo, factlint):
    run = factlint("scan", "a.txt", "--select", "FL402", "--format", "sarif", cwd=monorepo)
    assert run.code == 1
    [result] = json.loads(run.out)["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "factbase/a.txt", "uriBaseId": "%SRCROOT%"}
    bases = json.loads(run.out)["runs"][0]["originalUriBaseIds"]
    assert bases["%SRCROOT%"]["uri"] == monorepo.parent.resolve().as_uri() + "/"
    rules = json.loads(run.out)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["helpUri"].rsplit("/", 1)[-1] for r in rules if r["id"] == "FL402"] == ["FL402.md"]


# --- 7. wording -----------------------------------------------------------------------------


def test_one_more_conflicting_claim_is_singular(tmp_path, factlint):
    claims = "".join(f"""\
  - id: r1-{year}
    text: DeepSeek-R1 came out in {year}.
    subject: deepseek-r1
    property: release date
    value: {{date: "{year}"}}
    evidence: [{{source: s, quote: q}}]
""" for year in range(2019, 2026))  # seven claims: each conflicts with six, five are named
    write(tmp_path, {"claims/a.yaml": "sources:\n  - {id: s, title: T, kind: news}\nclaims:\n"
                                      + claims})
    run = factlint("check", "--no-cache", "--select", "FL203", "--format", "json", cwd=tmp_path)
    messages = [f["message"] for f in json.loads(run.out)["findings"]]
    assert len(messages) == 7
    for message in messages:
        assert "; and 1 more claim; they cannot all be true" in message


def test_a_severity_by_prefix_applies_to_every_code_it_selects():
    from linter.model import Severity
    from linter.run.engine import severity_for

    table = {"FL2": Severity.INFO, "FL203": Severity.ERROR}
    assert severity_for("FL203", table) is Severity.ERROR  # its own entry wins
    assert severity_for("FL202", table) is Severity.INFO  # the prefix selects it
    assert severity_for("FL301", table) is None
    assert severity_for("FL202", {"FL": Severity.ERROR, "FL2": Severity.INFO}) is Severity.INFO
