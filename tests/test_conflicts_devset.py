"""The conflict rules (FL203, and FL205-FL207 for a part above its whole, disagreeing estimates
and a conversion that does not match its origin) on tests/data/conflicts_devset.yaml: every real
conflict found where it is, by the rule that should find it, no look-alike flagged by any. Each case becomes its own fact base (one claim file and one source per claim) and is
checked in-process through the click group; the header of the YAML file describes the cases."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from linter.cli.app import cli

_CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "conflicts_devset.yaml").read_text(encoding="utf-8")
)["cases"]
_CLASSES = {"instant", "milestone", "scope", "datum", "conversion", "part-whole", "estimate",
            "undated", "unregistered", "year", "rounding", "hedge"}
_RULES = ("FL203", "FL205", "FL206", "FL207")
_SCHEMA_LINE = "# yaml-language-server: $schema=../linter/schema/claim-file.schema.json\n"


def _claim_file(case: dict[str, Any], n: int, claim: dict[str, Any]) -> tuple[str, int]:
    """The text of claim `n`'s file and the line of its `value:` key (where FL203 points)."""
    source: dict[str, Any] = {"id": f"src-{n}", "title": f"Source {n} of {case['id']}",
                              "kind": "news"}
    if "published" in claim:
        source["published"] = claim["published"]
    entry: dict[str, Any] = {"id": f"{case['id']}.{n}", "text": claim["text"],
                             "subject": claim["subject"]}
    if "part_of" in claim:
        entry["part_of"] = claim["part_of"]
    entry.update({"property": claim["property"], "value": "VALUE"})
    if "attribution" in claim:
        entry["attribution"] = claim["attribution"]
    entry["evidence"] = [{"source": f"src-{n}", "quote": claim["text"]}]
    text = _SCHEMA_LINE + yaml.safe_dump({"sources": [source], "claims": [entry]},
                                         sort_keys=False, allow_unicode=True, width=1000)
    # The value on one line, in flow style (JSON is YAML): FL203 points where the value starts,
    # FL207 at its `converted_from`, on the same line.
    text = text.replace("  value: VALUE\n", f"  value: {json.dumps(claim['value'])}\n")
    (line,) = [i for i, row in enumerate(text.splitlines(), 1) if row.startswith("  value: {")]
    return text, line


def _materialise(root: Path, case: dict[str, Any]) -> dict[str, int]:
    """Writes the case's claim files under root/claims; their paths and value lines."""
    (root / "claims").mkdir(parents=True)
    lines = {}
    for n, claim in enumerate(case["claims"]):
        path = f"claims/{case['id']}-{n}.yaml"
        text, lines[path] = _claim_file(case, n, claim)
        (root / path).write_text(text, encoding="utf-8")
    return lines


def _check(root: Path, monkeypatch: pytest.MonkeyPatch, *codes: str) -> tuple[int, list[dict]]:
    monkeypatch.chdir(root)
    select = [arg for code in codes for arg in ("--select", code)]
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", *select,
                                      "--format", "json", "claims"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


def _expected(case: dict[str, Any], lines: dict[str, int]) -> list[tuple[str, str, int]]:
    """(code, path, line) of every finding a case expects: for a conflict, the claims listed per
    rule in `codes`, or FL203 on those in `flagged` (all claims when absent)."""
    if case["label"] == "look-alike":
        return []
    codes = case.get("codes") or {"FL203": case.get("flagged", range(len(case["claims"])))}
    paths = sorted(lines)
    return sorted((code, paths[n], lines[paths[n]]) for code, flagged in codes.items()
                  for n in flagged)


@pytest.mark.parametrize("case", _CASES, ids=[case["id"] for case in _CASES])
def test_case(case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if case.get("pending"):
        pytest.skip(f"waits for {case['pending']}")
    lines = _materialise(tmp_path, case)
    # The files are valid claim files: a case must not pass by being unreadable.
    code, findings = _check(tmp_path, monkeypatch, "FL0", "FL101", "FL102", "FL103", *_RULES)
    assert [f["message"] for f in findings if f["code"] not in _RULES] == []
    found = sorted((f["code"], f["path"], f["line"]) for f in findings)
    assert found == _expected(case, lines), [f["message"] for f in findings]
    # FL206 is a warning: it fails no run.
    assert code == (1 if any(f["severity"] == "error" for f in findings) else 0)
    assert {f["code"]: f["severity"] for f in findings}.get("FL206", "warning") == "warning"


def test_every_class_has_a_conflict_and_a_look_alike() -> None:
    labels = Counter((case["class"], case["label"]) for case in _CASES)
    assert {case["class"] for case in _CASES} == _CLASSES
    assert [c for c in sorted(_CLASSES) if not labels[c, "conflict"] or not labels[c, "look-alike"]
            ] == []


def test_the_set_is_large_and_live() -> None:
    assert len(_CASES) >= 60
    assert all(case["label"] in ("conflict", "look-alike") for case in _CASES)
    assert [case["id"] for case in _CASES if case.get("pending")] == []


def test_each_new_rule_has_two_conflicts_and_two_look_alikes_of_its_class() -> None:
    # The look-alikes of a class are those of the rule's class; the conflicts name the rule.
    for code, cls in (("FL205", "part-whole"), ("FL206", "estimate"), ("FL207", "conversion")):
        found = [c["id"] for c in _CASES if code in c.get("codes", {})]
        alike = [c["id"] for c in _CASES if c["class"] == cls and c["label"] == "look-alike"]
        assert len(found) >= 2 and len(alike) >= 2, (code, found, alike)


def test_expected_codes_are_the_rules_run() -> None:
    assert {code for case in _CASES for code in case.get("codes", {})} <= set(_RULES)


def test_case_ids_are_unique() -> None:
    ids = [case["id"] for case in _CASES]
    assert len(ids) == len(set(ids))
