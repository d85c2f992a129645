"""The attribution development set as a gate: the installed `factlint scan` must keep the
issue's targets (unattributed precision >= 0.95, recall >= 0.9) on the whole set, and each
class its own: no attributed class gains false flags, no must-stay-flagged class falls below
0.9 recall. The figures themselves are printed by `python bench/attribution_quality.py`."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "attribution_quality.py"


@pytest.fixture(scope="module")
def result() -> dict:
    spec = importlib.util.spec_from_file_location("attribution_quality", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.evaluate(split="all")


def test_the_targets_hold_on_the_whole_set(result: dict) -> None:
    unattributed = result["labels"]["unattributed"]
    assert unattributed["precision"] >= 0.95, result["mistakes"]
    assert unattributed["recall"] >= 0.9, result["mistakes"]
    assert result["labels"]["anonymous"]["recall"] >= 0.9


def test_no_attributed_class_is_flagged_and_no_hedge_class_is_missed(result: dict) -> None:
    flagged = {name: c["false_flags"] for name, c in result["classes"].items()
               if c["labels"] == ["attributed"] and c["false_flags"]}
    assert flagged == {}
    weak = {name: c["recall"] for name, c in result["classes"].items()
            if c["labels"] == ["unattributed"] and (c["recall"] or 0.0) < 0.9}
    assert weak == {}
