"""Which files to read: the paths the user named, expanded, and the configured corpus around them.

pre-commit passes only changed files, but cross-file rules need every file: so the corpus is the
configured paths plus what was named, while findings are reported only for what was named.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".yaml", ".yml")


class PathError(Exception):
    """A named path that cannot be read (exit 2)."""


@dataclass(frozen=True, slots=True)
class Target:
    path: Path  # resolved
    display: str  # what findings print: relative to the working directory when inside it


def display_path(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def expand(paths: list[Path], cwd: Path, exclude: tuple[str, ...], *, strict: bool) -> list[Target]:
    """Files under `paths`. With `strict`, a missing path is an error (the user named it);
    otherwise (configured paths) it is skipped."""
    found: dict[Path, Target] = {}
    for raw in paths:
        path = raw if raw.is_absolute() else cwd / raw
        if not path.exists():
            if path.is_symlink():
                raise PathError(f"{raw}: broken symbolic link")
            if strict:
                raise PathError(f"{raw}: no such file or directory")
            continue
        if path.is_dir():
            for file in _walk(path):
                resolved = file.resolve()
                display = display_path(file.absolute(), cwd)
                if not _excluded(display, exclude):
                    found.setdefault(resolved, Target(resolved, display))
        elif path.is_file():
            resolved = path.resolve()
            found.setdefault(resolved, Target(resolved, display_path(path.absolute(), cwd)))
        else:
            raise PathError(f"{raw}: not a regular file or directory")
    return sorted(found.values(), key=lambda t: t.display)


def _walk(directory: Path) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(directory):
        # Hidden folders (.git, .factlint_cache) never hold claims.
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(Path(root) / n for n in names if n.endswith(SUFFIXES))
    return sorted(files)


def _excluded(display: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(display, p) or fnmatch.fnmatch(Path(display).name, p)
               for p in patterns)


def normalize_display(path: Path) -> str:
    return os.path.normpath(path).replace(os.sep, "/")
