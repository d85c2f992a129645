"""Shared helpers: run the installed console script, write fixture corpora."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The console script installed next to the interpreter running the tests (the project's venv).
FACTLINT = str(Path(sys.executable).parent / "factlint")


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_factlint(*args: str, cwd: Path, env: dict[str, str] | None = None,
                 stdin: str | None = None) -> Run:
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment.update(env or {})
    proc = subprocess.run(
        [FACTLINT, *args], cwd=cwd, capture_output=True, text=True, env=environment,
        input=stdin, timeout=120,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def factlint():
    return run_factlint


VALID_SOURCE = """
sources:
  - id: wsj-2025-07-30-china-ai
    title: China Is Fighting Back in the AI Race
    publisher: The Wall Street Journal
    url: https://www.wsj.com/tech/ai/china-ai-race
    published: "2025-07-30"
    kind: news
"""

VALID_CLAIM = """
claims:
  - id: domestic-ai-chip-share-2027
    text: China will have 82% of its AI chips from domestic makers by 2027.
    value: {amount: 82, unit: percent, as_of: "2027", kind: forecast}
    attribution: Morgan Stanley analysts
    evidence:
      - source: wsj-2025-07-30-china-ai
        quote: "Morgan Stanley analysts forecast that China will have 82% of AI chips from domestic makers by 2027, up from 34% in 2024."
"""
