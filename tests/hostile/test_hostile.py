"""Every hostile-repository case: its exit code and message, and that it neither reached
outside the project (no write, create or delete there; the secret never printed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_table import SECRET, Case, cases, factlint, sandbox, snapshot

CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_case(tmp_path: Path, case: Case) -> None:
    project, outside, home = sandbox(tmp_path)
    case.build(project)
    before = snapshot(outside)
    outputs = []
    for _ in range(case.runs):
        process = factlint(case.args, project, home, case.env)
        # A hang guard, not a timing: bench/hostile.py measures the time.
        out, err = process.communicate(timeout=300)
        outputs.append((process.returncode, out, err))
    code, out, err = outputs[-1]
    text = out + err
    assert code == case.exit, text[-2000:]
    expected = case.last_message if case.last_message is not None else case.message
    assert expected in text, text[-2000:]
    if case.runs > 1:
        assert case.message in outputs[0][1] + outputs[0][2], outputs[0]
    for every in outputs:
        assert SECRET not in every[1] + every[2]
        assert "Traceback" not in every[2]
    for absent in case.absent:
        assert absent not in text
    assert snapshot(outside) == before
    assert snapshot(home) == {}
