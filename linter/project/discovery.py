"""Which files to read: the paths the user named, expanded, and the configured corpus around them.

pre-commit passes only changed files, but cross-file rules need every file: so the corpus is the
configured paths plus what was named, while findings are reported only for what was named.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from linter.output import visible

SUFFIXES = (".yaml", ".yml")


class PathError(Exception):
    """A named path that cannot be read (exit 2)."""


class Target(NamedTuple):
    """A file to check. A named tuple: a run builds one for every file of the corpus, and a
    tuple is built several times faster than a frozen dataclass."""

    file: str  # resolved; a string, since building a Path for each of 100,000 files is slow
    display: str  # what findings print: relative to the working directory when inside it

    @property
    def path(self) -> Path:
        return Path(self.file)


def display_path(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def expand(paths: list[Path], cwd: Path, exclude: tuple[str, ...], *, strict: bool,
           root: Path | None = None) -> list[Target]:
    """Files under `paths`, sorted by display path. With `strict`, a missing path is an error
    (the user named it); otherwise (configured paths) it is skipped.

    No file is read from outside the tree it was found in: a path inside the project `root`
    must resolve, after every symbolic link, inside the root (a claim file linked to
    /etc/passwd is refused, not read and quoted); a path the user names outside the project
    is its own tree (a folder) or its folder's (a file).
    """
    found: dict[str, Target] = {}
    for raw in paths:
        path = raw if raw.is_absolute() else cwd / raw
        if not path.exists():
            if path.is_symlink():
                raise PathError(f"{visible(str(raw))}: broken symbolic link")
            if strict:
                raise PathError(f"{visible(str(raw))}: no such file or directory")
            continue
        tree = _tree(path, root)
        if path.is_dir():
            _confined(path, tree, raw)
            for target in _folder_targets(path, cwd, exclude, tree):
                found.setdefault(target.file, target)
        elif path.is_file():
            resolved = str(_confined(path, tree, raw))
            display = display_path(path.absolute(), cwd)
            _check_name(display)
            found.setdefault(resolved, Target(resolved, display))
        else:
            raise PathError(f"{visible(str(raw))}: not a regular file or directory")
    return sorted(found.values(), key=_BY_DISPLAY)


def _tree(path: Path, root: Path | None) -> Path:
    """The folder `path`'s files must resolve inside (see `expand`)."""
    lexical = Path(os.path.abspath(path))
    if root is not None:
        top = Path(os.path.abspath(root))
        if lexical.is_relative_to(top) or lexical.is_relative_to(root.resolve()):
            return root.resolve()
    return (lexical if path.is_dir() else lexical.parent).resolve()


def _confined(path: Path, tree: Path, shown: Path | str) -> Path:
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        raise PathError(f"{visible(str(shown))}: cannot read: a symbolic link loop") from None
    if not resolved.is_relative_to(tree):
        raise PathError(f"{visible(str(shown))}: a symbolic link that resolves outside the "
                        "project root; not read")
    return resolved


_BY_DISPLAY = itemgetter(1)
_new = tuple.__new__


def _folder_targets(folder: Path, cwd: Path, exclude: tuple[str, ...],
                    tree: Path) -> list[Target]:
    """The claim files below `folder`. Paths and displays are built as strings, in one
    comprehension for the regular files: this runs for each of 100,000 files on every run, a
    pre-commit one included, where Path operations or a loop statement per file would cost more
    than listing them."""
    base = str(folder.resolve()).rstrip(os.sep) + os.sep
    top = display_path(folder.absolute(), cwd)
    prefix = "" if top == "." else f"{top.rstrip('/')}/"
    start = len(str(folder).rstrip(os.sep)) + 1
    regular, special = _walk(folder)
    # tuple.__new__ directly: a named tuple's own __new__ parses its arguments in Python,
    # which doubled the cost of this comprehension.
    if os.sep == "/":
        targets = [_new(Target, (base + file[start:], prefix + file[start:]))
                   for file in regular]
    else:  # pragma: no cover - Windows
        targets = [_new(Target, (base + file[start:], prefix + file[start:].replace(os.sep, "/")))
                   for file in regular]
    for file, is_link, problem in special:
        relative = file[start:]
        display = prefix + relative.replace(os.sep, "/")
        if exclude and _excluded(display, exclude):
            continue
        if problem:
            raise PathError(f"{visible(display)}: {problem}")
        # Resolving costs a syscall per path component: only a symbolic link needs it (folder
        # links are never followed).
        resolved = str(_confined(Path(file), tree, display)) if is_link else base + relative
        targets.append(Target(resolved, display))
    if exclude:
        targets = [t for t in targets if not _excluded(t.display, exclude)]
    _check_names([t.display for t in targets])
    return targets


def _walk(directory: Path) -> tuple[list[str], list[tuple[str, bool, str | None]]]:
    """YAML files below `directory`: the regular files, then the others (links and special
    files) with whether each is a symbolic link and why it cannot be read (None when it can).
    Both lists are sorted. Folder links are not followed (a link loop must not hang a hook), and
    hidden folders (.git, .factlint_cache) never hold claims. scandir gives the file type without
    a syscall per file; only links cost a stat.

    A folder that cannot be listed is an error, not a silent skip: its claims would go unchecked.
    So is a `.yaml` that is not a regular file: reading a FIFO blocks forever and reading a link
    to /dev/zero never ends.
    """
    regular: list[str] = []
    special: list[tuple[str, bool, str | None]] = []
    pending = [str(directory)]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            raise PathError(f"{folder}: cannot list folder: {exc.strerror or exc}") from None
        for entry in entries:
            # The common case first, in one call: a regular `.yaml` file.
            if entry.name.endswith(SUFFIXES) and entry.is_file(follow_symlinks=False):
                regular.append(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith("."):
                    pending.append(entry.path)
            elif entry.name.endswith(SUFFIXES):  # a link or a special file
                is_link = entry.is_symlink()
                problem = _unreadable(entry)
                if problem != "folder":  # a link to a folder: not followed
                    special.append((entry.path, is_link, problem))
    regular.sort()
    special.sort()
    return regular, special


# A name findings cannot print: control characters would break one-finding-a-line output and
# drive terminals; bytes that are not UTF-8 (read as lone surrogates) cannot be written to JSON,
# SARIF or a report at all.
# (Compiled on first use, by re's cache: printable ASCII, what nearly every name is, is told
# apart without it, and compiling its ranges took a millisecond of every run.)
_UNPRINTABLE_NAME = "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]"


def _printable_ascii(text: str) -> bool:
    return text.isascii() and text.isprintable()


def _check_name(display: str) -> None:
    if not _printable_ascii(display) and re.search(_UNPRINTABLE_NAME, display):
        raise PathError(f"{visible(display)}: file name holds control characters or bytes that "
                        "are not UTF-8; rename the file")


def _check_names(displays: list[str]) -> None:
    """`_check_name` of each, in one test of them all (joined by a character the pattern
    allows) for the common case where every name is fine: printable ASCII holds none of the
    characters the pattern looks for."""
    joined = "/".join(displays)
    if not _printable_ascii(joined) and re.search(_UNPRINTABLE_NAME, joined):
        for display in displays:
            _check_name(display)


def _unreadable(entry: os.DirEntry[str]) -> str | None:
    """Why a link or special file cannot be read as a claim file; "folder" for a folder link."""
    try:
        mode = os.stat(entry.path).st_mode
    except FileNotFoundError:
        return "broken symbolic link"
    except OSError as exc:  # a link loop, a permission problem
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return "folder"
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, socket or device); not read"
    return None


def _excluded(display: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(display, p) or fnmatch.fnmatch(Path(display).name, p)
               for p in patterns)
