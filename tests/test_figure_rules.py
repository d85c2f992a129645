"""FL2xx on a fixture corpus: conflicts, agreements, unsourced figures, unanchored dates."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.rulebook.kinds import conflicting_figures as fl203
from linter.text.quantity import Tolerances, comparable, compatible, from_value

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


# --- the join counts what comparing every pair would find ---------------------------------------


_VALUES = st.one_of(
    st.fixed_dictionaries({
        "amount": st.sampled_from([0, 1, 5, 5.5, 10, 100, 118.42, 118.58, 4000, 1e300]),
        "unit": st.sampled_from(["count", "percent", "m", "ft"]),
        "qualifier": st.sampled_from(["exact", "about", "nearly", "more-than", "at-least",
                                      "less-than", "up-to"]),
        "scale": st.sampled_from(["one", "trillion"]),
    }),
    st.fixed_dictionaries({
        "date": st.sampled_from(["2024", "2025", "2025-01", "2025-01-20", "2025-12-31"]),
        "qualifier": st.sampled_from(["exact", "about", "more-than", "less-than", "up-to"]),
    }),
)
_SIDES = st.lists(st.tuples(
    _VALUES,
    st.sampled_from([None, "2024", "2025", "2025-01", "2025-01-20", "2025-06", "bad"]),
    st.sampled_from([None, "actual", "forecast", "target"]),
    st.sampled_from(["", "analysts"]),
), min_size=2, max_size=80)


def _pairwise(sides: list[fl203._Side], tolerances: Tolerances) -> list[list[int]]:
    """What the kind found when it compared every pair (its code before the index), figures
    too large for a float left out."""
    def same_time(a: fl203._Side, b: fl203._Side) -> bool:
        if a.as_of is None or b.as_of is None:
            return a.as_of is None and b.as_of is None
        return a.as_of.overlaps(b.as_of)

    def same_footing(a: fl203._Side, b: fl203._Side) -> bool:
        if a.kind in fl203._FACTS and b.kind in fl203._FACTS:
            return True
        return a.kind == b.kind and a.attribution == b.attribution

    def finite(a: fl203._Side) -> bool:
        return math.isfinite(a.figure.low) and math.isfinite(a.figure.high)

    return [[o.index for o in sides if finite(c) and finite(o) and o is not c and same_time(c, o) and same_footing(c, o)
             and comparable(c.figure, o.figure)
             and not compatible(c.figure, o.figure, tolerances)] for c in sides]


@settings(max_examples=300, deadline=None)
@given(_SIDES)
def test_the_conflict_index_counts_what_every_pair_finds(drawn) -> None:
    tolerances = Tolerances()
    sides = []
    for value, as_of, kind, attribution in drawn:
        value = {k: v for k, v in value.items() if k != "scale" or v != "one"}
        try:
            figure = from_value(value)
        except ValueError:
            continue
        packed = [list(v) if isinstance(v, tuple) else v
                  for v in (getattr(figure, name) for name in fl203._FIELDS)]
        row = [f"c{len(sides)}", packed, as_of, kind, attribution, "src", len(sides) + 1, 1]
        sides.append(fl203._Side("a.yaml", row, len(sides), tolerances))
    conflicts = fl203._Conflicts(sides)
    for side, expected in zip(sides, _pairwise(sides, tolerances), strict=True):
        count, named = conflicts.of(side)
        assert count == len(expected)
        shown = [o.index for o in named]
        if len(expected) <= fl203._GATHERED:
            # Few conflicts: the first in corpus order, as the pairwise join listed them.
            assert shown == expected[:fl203.LISTED]
        else:
            assert len(shown) == fl203.LISTED and set(shown) <= set(expected)
            assert shown == sorted(shown)


def test_a_large_group_gives_one_bounded_finding_per_claim(tmp_path, factlint):
    claims = "".join(
        f"  - id: c{i}\n    text: t\n    subject: deepseek-r1\n    property: users\n"
        f"    value: {{amount: {i + 1}}}\n    evidence: [{{source: s, quote: q}}]\n"
        for i in range(300))
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "many.yaml").write_text(
        "sources:\n  - {id: s, title: T, kind: news}\nclaims:\n" + claims)
    result = factlint("check", "--isolated", "--select", "FL203", "--format", "json",
                      "claims", cwd=tmp_path)
    assert result.code == 1, result.err
    findings = json.loads(result.out)["findings"]
    assert len(findings) == 300
    first = findings[0]
    assert (first["path"], first["line"], first["subject"]) == ("claims/many.yaml", 8, "c0")
    assert first["message"] == (
        "conflicting figures for deepseek-r1 / users: this claim says 1 (s), but 2 in c1 (s); "
        "3 in c2 (s); 4 in c3 (s); 5 in c4 (s); 6 in c5 (s); and 294 more claims; they cannot "
        "all be true — a human should decide (add a `review`, or rank the wrong one `deprecated`)")
    assert [r["line"] for r in first["related"]] == [14, 20, 26, 32, 38]
