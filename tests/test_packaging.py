"""The wheel carries the rules and the schema: installed (not editable) into a fresh venv and run
from a directory outside the repository, factlint still finds them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import REPO


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def test_wheel_installs_and_finds_its_rules(tmp_path: Path):
    wheels = tmp_path / "wheels"
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, REPO)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("factlint-*.whl")
    venv = tmp_path / "venv"
    assert _run(sys.executable, "-m", "venv", venv).returncode == 0
    installed = _run(venv / "bin" / "pip", "install", "-q", wheel)
    assert installed.returncode == 0, installed.stderr

    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "claims").mkdir(parents=True)
    (elsewhere / "claims" / "a.yaml").write_text(textwrap.dedent("""\
        claims:
          - id: orphan
            text: 82% of chips.
    """))
    result = _run(venv / "bin" / "factlint", "check", "claims", cwd=elsewhere)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("claims/a.yaml:2:9: FL201 error:")
    rules = _run(venv / "bin" / "factlint", "rules", cwd=elsewhere)
    assert "FL101  schema-violation" in rules.stdout
    schema = _run(venv / "bin" / "factlint", "schema", cwd=elsewhere)
    assert '"$schema": "https://json-schema.org/draft/2020-12/schema"' in schema.stdout
