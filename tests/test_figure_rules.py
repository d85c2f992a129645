"""FL2xx on a fixture corpus: conflicts, agreements, unsourced figures, unanchored dates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "figures"

EXPECTED = [
    ("FL203", "claims/conflicts.yaml", 6, "price-118-42"),
    ("FL203", "claims/conflicts.yaml", 12, "price-118-58"),
    ("FL202", "claims/conflicts.yaml", 24, "unsourced-wrong"),
    ("FL204", "claims/conflicts.yaml", 30, "unanchored"),
    ("FL204", "claims/conflicts.yaml", 36, "unanchored-value"),
    ("FL203", "claims/deepseek.yaml", 6, "rival-2024"),
    ("FL203", "claims/deepseek.yaml", 13, "r1-2025-01-20"),
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(FIXTURE, target)
    return target


def _findings(factlint, cwd: Path) -> list[dict]:
    result = factlint("check", "--isolated", "--select", "FL2", "--format", "json", cwd=cwd)
    assert result.code == 1, result.err
    return json.loads(result.out)["findings"]


def test_exact_findings(corpus, factlint):
    found = [(f["code"], f["path"], f["line"], f["subject"]) for f in _findings(factlint, corpus)]
    assert found == EXPECTED


def test_conflict_names_both_values_and_sources_and_points_at_the_other(corpus, factlint):
    (rival,) = [f for f in _findings(factlint, corpus) if f["subject"] == "rival-2024"]
    assert rival["message"] == (
        "conflicting figures for deepseek-r1 / release date: this claim says 2024 (undated), but "
        "2025-01-20 in r1-2025-01-20 (turing); both cannot be true — a human should decide (add "
        "a `review`, or rank the wrong one `deprecated`)")
    assert rival["related"] == [{"path": "claims/deepseek.yaml", "line": 13, "column": 12,
                                 "message": "r1-2025-01-20 says 2025-01-20 (turing)"}]


def test_agreeing_and_incomparable_figures_are_not_conflicts(corpus, factlint):
    subjects = {f["subject"] for f in _findings(factlint, corpus) if f["code"] == "FL203"}
    # about 4,000 ft ~ 1,208 m; more than 200 ~ 237; nearly $600bn ~ $593.7bn; 34% in 2024 vs
    # 82% by 2027 (different time points); two analysts' forecasts; this week of 2025-10-03 ~
    # last month of 2025-11-05; V3 vs R1 (different products); a reviewed claim.
    assert subjects == {"price-118-42", "price-118-58", "rival-2024", "r1-2025-01-20"}


def test_unsourced_figure_names_the_missing_figure(corpus, factlint):
    (finding,) = [f for f in _findings(factlint, corpus) if f["code"] == "FL202"]
    assert finding["message"].startswith(
        "figure USD 654 billion in the claim's value is not stated by any evidence quote")


def test_review_then_silences_the_conflict(corpus, factlint):
    path = corpus / "claims" / "deepseek.yaml"
    path.write_text(path.read_text().replace(
        '    value: {date: "2024"}\n',
        '    value: {date: "2024"}\n    review: {verdict: "false", note: R1 came out in 2025.}\n'))
    assert "FL203" not in {f["code"] for f in _findings(factlint, corpus)
                           if "deepseek" in f["path"]}
