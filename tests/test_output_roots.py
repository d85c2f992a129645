"""`github` and `sarif` paths are relative to the repository root, not the working directory.

GitHub resolves an annotation's `file=` and a SARIF URI against the root of the checkout: a fact
base in `factbase/` of a monorepo, run with the Action's `working-directory: factbase`, must
annotate `factbase/claims/a.yaml`, not `claims/a.yaml`. Text and JSON output stay relative to
the working directory.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from linter.output.repo_root import relocator, repository_root
from tests.conftest import REPO, write

CLAIM = "claims:\n  - id: a\n    text: 5 pears\n"  # FL201 at 2:9
CONFLICT_A = """\
claims:
  - id: rival-2024
    text: DeepSeek-R1 came out in 2024.
    subject: deepseek-r1
    property: release date
    value: {date: "2024"}
"""
CONFLICT_B = """\
claims:
  - id: r1-2025
    text: DeepSeek-R1 came out on 20 January 2025.
    subject: deepseek-r1
    property: release date
    value: {date: "2025-01-20"}
"""
FL201 = ("FL201 figure-without-evidence::claim 'a' states a figure in its text but cites no "
         "evidence; add an evidence item with the source and a verbatim quote")
NO_WORKSPACE = {"GITHUB_WORKSPACE": ""}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A monorepo: `.git/` at the top, the fact base (its configuration and claims) in factbase/."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write(root, {"factbase/.factlint.toml": 'paths = ["claims"]\n',
                 "factbase/claims/a.yaml": CLAIM})
    return root


def _annotations(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("::")]


def _sarif(out: str) -> dict:
    document = json.loads(out)
    schema = json.loads((REPO / "tests/data/sarif-schema-2.1.0-errata01.json").read_text())
    jsonschema.Draft4Validator(schema).validate(document)
    return document["runs"][0]


def _artifact(result: dict) -> dict:
    return result["locations"][0]["physicalLocation"]["artifactLocation"]


def test_github_paths_from_a_subfolder_are_relative_to_the_git_top_level(repo, factlint):
    result = factlint("check", "--no-cache", "--format", "github", cwd=repo / "factbase",
                      env=NO_WORKSPACE)
    assert result.code == 1, result.err
    assert _annotations(result.out) == [
        f"::error file=factbase/claims/a.yaml,line=2,col=9,title={FL201}"]
    # The text output keeps the working directory's view.
    text = factlint("check", "--no-cache", "-q", cwd=repo / "factbase", env=NO_WORKSPACE)
    assert text.out.startswith("claims/a.yaml:2:9: FL201 error: ")


def test_github_paths_from_deeper_in_the_fact_base(repo, factlint):
    result = factlint("check", "--no-cache", "--format", "github", cwd=repo / "factbase/claims",
                      env=NO_WORKSPACE)
    assert _annotations(result.out) == [
        f"::error file=factbase/claims/a.yaml,line=2,col=9,title={FL201}"]
    text = factlint("check", "--no-cache", "-q", cwd=repo / "factbase/claims", env=NO_WORKSPACE)
    assert text.out.startswith("a.yaml:2:9: FL201 error: ")


def test_a_git_file_marks_the_root_too(repo, factlint):
    # A worktree or a submodule has a `.git` file, not a folder.
    (repo / ".git").rmdir()
    (repo / ".git").write_text("gitdir: /nowhere\n")
    result = factlint("check", "--no-cache", "--format", "github", cwd=repo / "factbase",
                      env=NO_WORKSPACE)
    assert _annotations(result.out)[0].startswith("::error file=factbase/claims/a.yaml,line=2,")


def test_github_workspace_wins_when_the_project_is_inside_it(repo, factlint):
    # Under Actions the checkout is GITHUB_WORKSPACE, whatever `.git` folders lie below it.
    (repo / "factbase/.git").mkdir()
    inside = factlint("check", "--no-cache", "--format", "github", cwd=repo / "factbase",
                      env={"GITHUB_WORKSPACE": str(repo)})
    assert _annotations(inside.out)[0].startswith("::error file=factbase/claims/a.yaml,line=2,")
    # A workspace the project is not in is ignored: the nearest `.git` decides.
    elsewhere = repo.parent / "elsewhere"
    elsewhere.mkdir()
    outside = factlint("check", "--no-cache", "--format", "github", cwd=repo / "factbase",
                       env={"GITHUB_WORKSPACE": str(elsewhere)})
    assert _annotations(outside.out)[0].startswith("::error file=claims/a.yaml,line=2,")


def test_without_git_or_workspace_paths_are_relative_to_the_project_root(tmp_path, factlint):
    if any((folder / ".git").exists() for folder in (tmp_path, *tmp_path.parents)):
        pytest.skip("the temporary folder lies inside a git checkout")
    write(tmp_path, {"factbase/.factlint.toml": 'paths = ["claims"]\n',
                     "factbase/claims/a.yaml": CLAIM})
    result = factlint("check", "--no-cache", "--format", "github",
                      cwd=tmp_path / "factbase/claims", env=NO_WORKSPACE)
    assert _annotations(result.out) == [f"::error file=claims/a.yaml,line=2,col=9,title={FL201}"]


def test_a_git_fifo_is_never_opened(repo, factlint):
    # Only the kind of `.git` is looked at: a FIFO (or anything else neither a folder nor a
    # file) marks no root, and nothing waits on it.
    (repo / ".git").rmdir()
    os.mkfifo(repo / ".git")
    result = factlint("check", "--no-cache", "--format", "github", cwd=repo / "factbase",
                      env=NO_WORKSPACE)
    assert result.code == 1, result.err
    assert _annotations(result.out)[0].startswith("::error file=claims/a.yaml,line=2,")


def test_sarif_uris_are_relative_to_srcroot_the_repository_root(repo, factlint):
    result = factlint("check", "--no-cache", "--format", "sarif", cwd=repo / "factbase",
                      env=NO_WORKSPACE)
    assert result.code == 1, result.err
    run = _sarif(result.out)
    assert run["originalUriBaseIds"] == {
        "%SRCROOT%": {"uri": repo.as_uri() + "/", "description": {"text": "The repository root."}}}
    (finding,) = run["results"]
    assert _artifact(finding) == {"uri": "factbase/claims/a.yaml", "uriBaseId": "%SRCROOT%"}
    # The same alert, whichever folder of the fact base factlint ran in.
    deeper = _sarif(factlint("check", "--no-cache", "--format", "sarif",
                             cwd=repo / "factbase/claims", env=NO_WORKSPACE).out)
    assert _artifact(deeper["results"][0]) == _artifact(finding)
    assert deeper["results"][0]["partialFingerprints"] == finding["partialFingerprints"]


def test_a_file_outside_the_repository_gets_an_absolute_path(repo, factlint):
    outside = write(repo.parent / "outside", {"x.yaml": CLAIM}) / "x.yaml"
    github = factlint("check", "--no-cache", "--format", "github", str(outside),
                      cwd=repo / "factbase", env=NO_WORKSPACE)
    assert _annotations(github.out)[0].startswith(f"::error file={outside.as_posix()},line=2,")
    sarif = _sarif(factlint("check", "--no-cache", "--format", "sarif", str(outside),
                            cwd=repo / "factbase", env=NO_WORKSPACE).out)
    assert _artifact(sarif["results"][0]) == {"uri": outside.as_uri()}  # no uriBaseId


def test_annotations_name_the_related_locations_relative_to_the_root(repo, factlint):
    write(repo / "factbase", {"claims/a.yaml": CONFLICT_A, "claims/b.yaml": CONFLICT_B})
    result = factlint("check", "--no-cache", "--select", "FL203", "--format", "github",
                      cwd=repo / "factbase", env=NO_WORKSPACE)
    assert result.code == 1, result.err
    annotations = _annotations(result.out)
    assert [a.split("::")[1].split(",")[0] for a in annotations] == [
        "error file=factbase/claims/a.yaml", "error file=factbase/claims/b.yaml"]
    assert annotations[0].endswith(
        "both cannot be true — a human should decide (add a `review`, or rank the wrong one "
        "`deprecated`) (see factbase/claims/b.yaml:6)")
    assert annotations[1].endswith("(see factbase/claims/a.yaml:6)")


# --- the helpers themselves ---------------------------------------------------------------


def test_repository_root_order(tmp_path):
    project = tmp_path / "top/mid/project"
    project.mkdir(parents=True)
    (tmp_path / "top/.git").mkdir()
    assert repository_root(project, {}) == tmp_path / "top"
    assert repository_root(project, {"GITHUB_WORKSPACE": str(tmp_path)}) == tmp_path
    assert repository_root(project, {"GITHUB_WORKSPACE": str(tmp_path / "other")}) == \
        tmp_path / "top"
    (tmp_path / "top/mid/.git").write_text("gitdir: x\n")
    assert repository_root(project, {}) == tmp_path / "top/mid"
    # A `.git` that is neither a folder nor a regular file (a dangling link) marks nothing.
    (project / ".git").symlink_to(tmp_path / "missing")
    assert repository_root(project, {}) == tmp_path / "top/mid"


def test_relocator(tmp_path):
    root = tmp_path / "repo"
    relocate = relocator(root / "factbase", root)
    assert relocate("claims/a.yaml") == "factbase/claims/a.yaml"
    assert relocate(str(root / "other/b.yaml")) == "other/b.yaml"
    assert relocate(str(tmp_path / "elsewhere/c.yaml")) is None
    assert relocator(root, root)("claims/a.yaml") == "claims/a.yaml"
    assert relocate("../other/./b.yaml") == "other/b.yaml"
    assert relocate("../../c.yaml") is None
    # A working directory outside the root: each path is placed on its own.
    away = relocator(tmp_path / "away", root)
    assert away("d.yaml") is None
    assert away(str(root / "e.yaml")) == "e.yaml"
    # A report built without a working directory keeps its paths.
    assert relocator(None, None)("claims/a.yaml") == "claims/a.yaml"
