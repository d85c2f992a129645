"""`factlint init`: the files it writes, that `factlint check` passes them, and what it refuses;
`factlint schema --path` and the schema's stable URL."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from linter import __version__
from linter.cli.app import cli
from linter.project.config import load_config
from linter.schema import SCHEMA_FILE
from tests.conftest import REPO

# The schema's stable location, as README documents it.
SCHEMA_URL = ("https://raw.githubusercontent.com/factlint/factlint/main/linter/schema/"
              "claim-file.schema.json")
MODELINE = f"# yaml-language-server: $schema={SCHEMA_URL}\n"
WRITTEN = [".factlint.toml", "claims/example-claims.yaml", "claims/sources/example-sources.yaml"]
SNIPPET = ("repos:\n"
           "  - repo: https://github.com/factlint/factlint\n"
           f"    rev: v{__version__}\n"
           "    hooks:\n"
           "      - id: factlint\n")


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), prog_name="factlint")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def files_under(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_writes_exactly_the_example_files_and_each_parses(here: Path):
    result = invoke("init")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout == (
        "Wrote .factlint.toml\n"
        "Wrote claims/example-claims.yaml\n"
        "Wrote claims/sources/example-sources.yaml\n"
        "\n"
        "To run factlint before each commit, add this to .pre-commit-config.yaml (or run "
        "factlint init --pre-commit):\n"
        f"{SNIPPET}"
        "\n"
        "Then run `factlint check`.\n")
    written = files_under(here)
    assert sorted(written) == WRITTEN
    settings = tomllib.loads(written[".factlint.toml"].decode())
    assert settings == {"paths": ["claims"], "fail-on": "error"}
    config = load_config(here)
    assert config.source == here / ".factlint.toml" and config.paths == ("claims",)
    claims = written["claims/example-claims.yaml"].decode()
    sources = written["claims/sources/example-sources.yaml"].decode()
    assert claims.startswith(MODELINE) and sources.startswith(MODELINE)
    assert [c["id"] for c in yaml.safe_load(claims)["claims"]] == [
        "example.deepseek-app-us-app-store-top"]
    assert [s["id"] for s in yaml.safe_load(sources)["sources"]] == [
        "hindustan-times-2025-01-27-deepseek-app-store"]


def test_check_passes_on_what_init_wrote(here: Path):
    assert invoke("init").exit_code == 0
    result = invoke("check", "--fail-on", "info", "--no-cache")
    assert result.exit_code == 0, result.output
    assert result.stdout == "All checks passed (2 files checked).\n"


def test_init_into_a_named_folder_names_it_and_check_there_passes(
        here: Path, monkeypatch: pytest.MonkeyPatch):
    result = invoke("init", "repo")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [f"Wrote repo/{name}" for name in WRITTEN]
    assert result.stdout.endswith("Then run `factlint check` in repo.\n")
    assert sorted(files_under(here / "repo")) == WRITTEN
    monkeypatch.chdir(here / "repo")
    assert invoke("check", "--fail-on", "info", "--no-cache").exit_code == 0


def test_second_init_exits_2_naming_the_existing_file_and_changes_nothing(here: Path):
    assert invoke("init").exit_code == 0
    (here / "claims/example-claims.yaml").write_text("claims: []\n")
    before = files_under(here)
    result = invoke("init")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == ("factlint: error: .factlint.toml exists: factlint init never "
                             "overwrites a file (--force replaces it)\n")
    assert files_under(here) == before


def test_one_existing_file_stops_the_whole_run(here: Path):
    (here / "claims/sources").mkdir(parents=True)
    (here / "claims/sources/example-sources.yaml").write_bytes(b"sources: []\n")
    result = invoke("init")
    assert result.exit_code == 2
    assert "claims/sources/example-sources.yaml exists" in result.stderr
    assert files_under(here) == {"claims/sources/example-sources.yaml": b"sources: []\n"}


def test_force_replaces_the_existing_files(here: Path, tmp_path_factory: pytest.TempPathFactory):
    assert invoke("init").exit_code == 0
    fresh = files_under(here)
    (here / ".factlint.toml").write_text('paths = ["elsewhere"]\n')
    (here / "claims/example-claims.yaml").write_text("claims: []\n")
    result = invoke("init", "--force")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [f"Wrote {name}" for name in WRITTEN]
    assert files_under(here) == fresh


def test_symlinked_claims_pointing_outside_is_refused(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch):
    outside, repo = tmp_path / "outside", tmp_path / "repo"
    outside.mkdir()
    repo.mkdir()
    (repo / "claims").symlink_to(outside, target_is_directory=True)
    monkeypatch.chdir(repo)
    for args in (["init"], ["init", "--force"]):
        result = invoke(*args)
        assert result.exit_code == 2
        assert result.stderr == ("factlint: error: claims is a symbolic link: factlint init "
                                 "writes nothing through a link (it could lead outside the "
                                 "folder)\n")
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in repo.iterdir()) == ["claims"]


def test_a_symlinked_target_file_is_refused_even_with_force(here: Path):
    target = here / "elsewhere.toml"
    target.write_text("# not factlint's\n")
    (here / ".factlint.toml").symlink_to(target)
    result = invoke("init", "--force")
    assert result.exit_code == 2
    assert result.stderr == ("factlint: error: .factlint.toml is a symbolic link: factlint "
                             "init never writes through one\n")
    assert target.read_text() == "# not factlint's\n"
    assert not (here / "claims").exists()


def test_pre_commit_option_writes_the_hook_config(here: Path):
    result = invoke("init", "--pre-commit")
    assert result.exit_code == 0, result.output
    assert "Wrote .pre-commit-config.yaml\n" in result.stdout
    config = yaml.safe_load((here / ".pre-commit-config.yaml").read_text())
    assert config == yaml.safe_load(SNIPPET)
    assert sorted(files_under(here)) == sorted([*WRITTEN, ".pre-commit-config.yaml"])


def test_an_existing_pre_commit_config_is_never_written(here: Path):
    existing = b"repos: []  # the repository's own hooks\n"
    (here / ".pre-commit-config.yaml").write_bytes(existing)
    refused = invoke("init", "--pre-commit", "--force")
    assert refused.exit_code == 2
    assert refused.stderr.startswith("factlint: error: .pre-commit-config.yaml exists: "
                                     "factlint init never changes it")
    assert files_under(here) == {".pre-commit-config.yaml": existing}
    result = invoke("init")
    assert result.exit_code == 0, result.output
    assert ("To run factlint before each commit, add its hook to .pre-commit-config.yaml:\n"
            + SNIPPET) in result.stdout
    assert (here / ".pre-commit-config.yaml").read_bytes() == existing


def test_a_pyproject_configuring_factlint_is_not_shadowed_without_force(here: Path):
    (here / "pyproject.toml").write_text('[tool.factlint]\npaths = ["facts"]\n')
    result = invoke("init")
    assert result.exit_code == 2
    assert result.stderr == ("factlint: error: pyproject.toml configures factlint "
                             "([tool.factlint]): a .factlint.toml would take its place (--force "
                             "writes it anyway)\n")
    assert sorted(files_under(here)) == ["pyproject.toml"]


def test_local_schema_modeline_points_at_the_installed_schema(here: Path):
    assert invoke("init", "--local-schema").exit_code == 0
    for name in WRITTEN[1:]:
        first = (here / name).read_text().splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix)
        reference = (here / name).parent / first[len(prefix):]
        assert reference.resolve() == SCHEMA_FILE


def test_the_commented_settings_are_valid_when_uncommented(here: Path):
    assert invoke("init").exit_code == 0
    text = (here / ".factlint.toml").read_text()
    settings = re.findall(r"^# ([a-z-]+ = .*)$", text, flags=re.MULTILINE)
    assert [line.split(" = ")[0] for line in settings] == [
        "exclude", "select", "ignore", "severity", "per-file-ignores"]
    (here / ".factlint.toml").write_text(text + "\n".join(settings) + "\n")
    result = invoke("check", "--no-cache")
    assert result.exit_code == 0, result.output


def test_the_snippet_matches_the_hook_and_the_pin_readme_gives():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [hook["id"] for hook in hooks] == ["factlint"]
    readme = (REPO / "README.md").read_text()
    assert f"    rev: v{__version__}\n" in readme


def test_schema_path_prints_the_installed_schema_whose_id_is_the_documented_url():
    result = invoke("schema", "--path")
    assert result.exit_code == 0
    path = Path(result.stdout.rstrip("\n"))
    assert result.stdout == f"{path}\n" and path.is_absolute() and path.is_file()
    assert json.loads(path.read_text())["$id"] == SCHEMA_URL
    assert SCHEMA_URL in (REPO / "README.md").read_text()
