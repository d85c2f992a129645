"""The folder that `github` and `sarif` output paths are relative to: the repository's root.

GitHub resolves an annotation's `file=` and a SARIF artifact's URI against the root of the
checkout, not the folder factlint ran in: with the Action's `working-directory` (a fact base in
`factbase/` of a monorepo), a path relative to the working directory lands nowhere. The root is

1. GITHUB_WORKSPACE, when it is set and the project lies inside it (under Actions);
2. else the nearest folder, from the project root upward, that holds a `.git` directory or file
   (a worktree or a submodule has a file) — only its existence is checked: nothing in it is
   read, and git is not run;
3. else the project root.

Text and JSON output keep paths relative to the working directory, as a terminal user expects.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath


def repository_root(project_root: Path, environ: Mapping[str, str] | None = None) -> Path:
    """The repository root for `project_root` (see the module docstring); absolute."""
    environ = os.environ if environ is None else environ
    project = Path(os.path.abspath(project_root))
    workspace = environ.get("GITHUB_WORKSPACE", "")
    if workspace:
        top = Path(os.path.abspath(workspace))
        if _inside(project, top):
            return top
    for folder in (project, *project.parents):
        if _has_git(folder):
            return folder
    return project


def _inside(path: Path, top: Path) -> bool:
    if path.is_relative_to(top):
        return True
    try:  # the same folders reached through a symbolic link
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(top))
    except (OSError, ValueError):
        return False


def _has_git(folder: Path) -> bool:
    try:
        mode = os.stat(folder / ".git").st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISDIR(mode) or stat.S_ISREG(mode)


STDIN = "<stdin>"  # the name `factlint scan -` gives standard input


def relocator(cwd: Path | str | None, root: Path | str | None) -> Callable[[str], str | None]:
    """A function from a path as findings carry it (relative to `cwd`, or absolute when outside
    it) to the same file relative to `root`, as a POSIX path; None for a file outside `root`.
    Without a `cwd` or `root` (a report built by hand) paths are kept as they are."""
    if cwd is None or root is None:
        return lambda path: path
    relocate = _relocator(Path(os.path.abspath(cwd)), Path(os.path.abspath(root)))

    def unless_named(path: str) -> str | None:
        # "<stdin>" (`factlint scan -`) names no file: there is nothing to rebase.
        return path if path == STDIN else relocate(path)

    return unless_named


def _relocator(here: Path, top: Path) -> Callable[[str], str | None]:
    prefix = _relative(here, top)
    if prefix is not None:
        # The usual case: the working directory is inside the root; one string join a path.
        lead = "" if prefix == "." else prefix + "/"

        def inside(path: str) -> str | None:
            if os.path.isabs(path):
                return _relative(Path(path), top)
            if path.startswith(("./", "../")) or "/./" in path or "/../" in path:
                return _relative(here / path, top)  # a path as typed, not as discovery shows it
            return lead + path

        return inside

    def outside(path: str) -> str | None:
        return _relative(here / path, top)

    return outside


def _relative(path: Path, top: Path) -> str | None:
    """`path` relative to `top` as POSIX text ("." for `top` itself); None when outside it,
    lexically and after resolving symbolic links in both."""
    path = Path(os.path.abspath(path))
    try:
        return PurePosixPath(*path.relative_to(top).parts).as_posix()
    except ValueError:
        pass
    try:
        real_top = Path(os.path.realpath(top))
        real = Path(os.path.realpath(path.parent)) / path.name
        return PurePosixPath(*real.relative_to(real_top).parts).as_posix()
    except (OSError, ValueError):
        return None


def absolute(cwd: Path | str | None, path: str) -> str:
    """A finding's path as an absolute POSIX path (for a file outside the repository root)."""
    if cwd is None or os.path.isabs(path):
        return path
    return Path(os.path.abspath(Path(cwd) / path)).as_posix()
