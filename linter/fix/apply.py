"""Apply the fixes of a run's findings: per file, the non-overlapping edits, later offsets
first, written atomically; or shown as a unified diff, writing nothing.

A file is edited only if it is still the text the fixes were computed on (its content digest),
read again just before it is replaced; never through a symbolic link, and never outside the
project root.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from linter.files.read import Refused, inside, read_regular, why
from linter.files.write import write_bytes
from linter.fix.edits import content_digest
from linter.load.document import DEFAULT_LIMITS
from linter.model import Edit, Finding, Fix


class FixError(Exception):
    """A file the fixes cannot be written to (changed on disk, a link, outside the project);
    the message names it."""


class Planned(NamedTuple):
    """One file's fixes: its text before and after, and how many findings they fix."""

    path: str
    before: str
    after: str
    fixed: int
    bom: bool


def selected(findings: Iterable[Finding], *, unsafe: bool) -> list[Finding]:
    """The findings with a fix of the chosen safety (suppressed ones are accepted, not fixed)."""
    return [f for f in findings if f.fix is not None and f.suppressed is None
            and f.fix.edits and (unsafe or f.fix.safe)]


def plan(findings: Iterable[Finding], cwd: Path, root: Path) -> list[Planned]:
    """What the fixes of `findings` (see `selected`) make of each file, by path."""
    by_file: dict[str, list[Fix]] = defaultdict(list)
    for finding in findings:
        assert finding.fix is not None
        paths = {edit.path for edit in finding.fix.edits}
        if len(paths) == 1:  # a fix edits one file
            by_file[paths.pop()].append(finding.fix)
    return [_plan_file(path, fixes, cwd, root) for path, fixes in sorted(by_file.items())]


def _plan_file(path: str, fixes: list[Fix], cwd: Path, root: Path) -> Planned:
    raw = _read(path, cwd, root)
    digest = content_digest(raw)
    if any(fix.digest != digest for fix in fixes):
        raise FixError(f"{path}: changed on disk since it was checked; not written "
                       "(run the command again)")
    text = raw.decode("utf-8-sig")
    chosen, fixed = _non_overlapping(fixes)
    after = text
    for edit in sorted(chosen, key=lambda e: (e.start, e.end), reverse=True):
        after = after[:edit.start] + edit.replacement + after[edit.end:]
    return Planned(path, text, after, fixed, raw.startswith(b"\xef\xbb\xbf"))


def _non_overlapping(fixes: list[Fix]) -> tuple[list[Edit], int]:
    """The edits of the fixes that do not overlap an earlier one (by offset; a fix whose edits
    are all already chosen, as two findings fixed by one removal, counts as fixed too), and
    the number of fixes applied. The others wait for the next run."""
    chosen: list[Edit] = []
    fixed = 0
    for fix in sorted(fixes, key=lambda f: (min(e.start for e in f.edits), f.description)):
        edits = [e for e in fix.edits if e not in chosen]
        if not edits:
            fixed += 1
            continue
        if any(_overlap(e, c) for e in edits for c in chosen) or _self_overlap(edits):
            continue
        chosen.extend(edits)
        fixed += 1
    return chosen, fixed


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start == a.end == b.start == b.end:
        return True  # two insertions at one place: their order would be a guess
    return a.start < b.end and b.start < a.end


def _self_overlap(edits: list[Edit]) -> bool:
    return any(_overlap(a, b) for i, a in enumerate(edits) for b in edits[i + 1:])


def _target(path: str, cwd: Path, root: Path) -> Path:
    file = cwd / path
    if os.path.islink(file):
        raise FixError(f"{path}: a symbolic link; fixes are not written through links")
    try:
        return inside(file, root.resolve())
    except Refused as exc:
        raise FixError(f"{path}: {why(exc)}; not written") from None
    except OSError as exc:
        raise FixError(f"{path}: cannot read: {why(exc)}") from None


def _read(path: str, cwd: Path, root: Path) -> bytes:
    try:
        raw = read_regular(_target(path, cwd, root), DEFAULT_LIMITS.max_bytes)
    except OSError as exc:
        raise FixError(f"{path}: cannot read: {why(exc)}") from None
    return raw


def write(plans: Iterable[Planned], cwd: Path, root: Path) -> int:
    """Write each changed file atomically; the number of findings fixed. A file whose content
    changed since it was planned is not written (FixError)."""
    fixed = 0
    for planned in plans:
        if planned.after == planned.before:
            continue
        raw = _read(planned.path, cwd, root)
        if raw.decode("utf-8-sig", "replace") != planned.before:
            raise FixError(f"{planned.path}: changed on disk while fixing; not written "
                           "(run the command again)")
        data = planned.after.encode("utf-8")
        try:
            write_bytes(_target(planned.path, cwd, root), b"\xef\xbb\xbf" + data
                        if planned.bom else data)
        except OSError as exc:
            raise FixError(f"{planned.path}: cannot write: {why(exc)}") from None
        fixed += planned.fixed
    return fixed


def diff(plans: Iterable[Planned]) -> str:
    """The fixes as one unified diff (a/ and b/ paths, as git shows them)."""
    import difflib

    parts: list[str] = []
    for planned in plans:
        if planned.after == planned.before:
            continue
        lines = difflib.unified_diff(
            planned.before.splitlines(keepends=True), planned.after.splitlines(keepends=True),
            fromfile=f"a/{planned.path}", tofile=f"b/{planned.path}")
        for line in lines:
            parts.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(parts)
