"""The hook as another repository would use it: `pre-commit try-repo` of this repository."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import REPO, VALID_CLAIM, VALID_SOURCE

PRE_COMMIT = str(Path(sys.executable).parent / "pre-commit")


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _try_repo(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(REPO), "factlint", "--all-files"],
        cwd=cwd, capture_output=True, text=True, timeout=900,
    )


def test_hook_passes_good_claims_and_fails_bad_ones(tmp_path: Path):
    project = tmp_path / "project"
    (project / "claims").mkdir(parents=True)
    _git("init", "-q", cwd=project)
    _git("config", "user.email", "t@example.com", cwd=project)
    _git("config", "user.name", "t", cwd=project)
    (project / "claims" / "sources.yaml").write_text(textwrap.dedent(VALID_SOURCE).lstrip())
    (project / "claims" / "good.yaml").write_text(textwrap.dedent(VALID_CLAIM).lstrip())
    _git("add", ".", cwd=project)

    good = _try_repo(project)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "factlint" in good.stdout and "Passed" in good.stdout

    (project / "claims" / "bad.yaml").write_text(
        "claims:\n  - id: bad\n    text: 82% of chips.\n    evidence:\n"
        "      - source: nowhere\n        quote: x\n"
    )
    _git("add", ".", cwd=project)
    bad = _try_repo(project)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "claims/bad.yaml:5:17: FL103 error: evidence cites unknown source 'nowhere'" in bad.stdout
