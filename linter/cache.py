"""The cache: what a run learned about each file, so the next run need not parse it again.

Like ruff's: a directory `.factlint_cache/` at the project root (with CACHEDIR.TAG, so backup
tools skip it, and a .gitignore, so nobody commits it). One JSON file per cache key; the key
covers factlint's version (and its code files, for editable installs), the configuration and
the content of every rule and registry file, so changing any of them starts a fresh cache.

Per file it keeps the stat signature (size, mtime, inode) and a content hash, the loaded data,
the loader's problems and the findings of the file-scoped rules. A
file whose stat is unchanged is not even read; one whose stat changed but whose content hash did
not is not parsed. Corpus-scoped rules (duplicate ids, conflicts, sources) always run on the
data, which is why the data is cached and not just the findings.

JSON, not pickle: a cache file is data from disk and is never trusted to run code. A corrupt,
truncated or foreign file is ignored and rebuilt. Writes go to a temporary file that is renamed
into place, so two processes writing at once leave one complete file, never a mix.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linter import __version__
from linter.atomic import write_text
from linter.model import Finding, Position, Related, Severity
from linter.yamlload import Document, LoadProblem

DIRECTORY = ".factlint_cache"
FORMAT = 3
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by factlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)

StatKey = tuple[int, int, int]


def stat_key(stat: os.stat_result) -> StatKey:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def content_hash(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def cache_key(config_fingerprint: str, rule_dirs: tuple[Path, ...]) -> str:
    digest = hashlib.blake2b(digest_size=12)
    for part in (__version__, str(FORMAT), sys.version.split()[0], config_fingerprint):
        digest.update(part.encode() + b"\0")
    # The code itself, by stat: an editable install changes without a version bump, and a
    # cache that outlived the code that filled it would report stale findings.
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        with contextlib.suppress(OSError):
            digest.update(f"{path.relative_to(package)}\0{stat_key(path.stat())}\0".encode())
    for directory in rule_dirs:
        for path in sorted(directory.rglob("*.yaml")):
            digest.update(str(path.relative_to(directory)).encode() + b"\0")
            with contextlib.suppress(OSError):
                digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class Entry:
    """What the cache knows about one file."""

    stat: StatKey
    sha: str
    data: Any
    problems: list[LoadProblem]
    findings: list[Finding]

    def document(self, display: str, file: Path) -> Document:
        return Document(display, data=self.data, problems=list(self.problems), file=file,
                        reparse=True)


@dataclass
class CorpusResult:
    """Raw findings of every corpus-scoped rule, valid while `signature` (every file's stat,
    every snapshot's stat, today's date) is unchanged: a run where nothing changed needs no
    rule at all."""

    signature: str
    findings: list[Finding]


def _finding_row(f: Finding) -> list[Any]:
    return [f.line, f.col, f.code, f.message, int(f.severity), f.rule, f.subject,
            [[r.path, r.line, r.col, r.message] for r in f.related]]


def _finding(path: str, row: list[Any]) -> Finding:
    line, col, code, message, severity, rule, subject, related = row
    return Finding(path, line, col, code, message, Severity(severity), rule, subject,
                   tuple(Related(*r) for r in related))


class Cache:
    def __init__(self, root: Path, key: str) -> None:
        self.directory = root / DIRECTORY
        self.path = self.directory / f"{key}.json"
        self.key = key

    def load(self) -> tuple[dict[str, Entry], dict[str, Any], CorpusResult | None]:
        """Entries by display path, the text analyses (`Corpus.derived`) and the last full run's
        corpus-rule findings; an unreadable or foreign file is an empty cache."""
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
            if document.get("format") != FORMAT or document.get("key") != self.key:
                return {}, {}, None
            entries = {path: self._entry(path, row) for path, row in document["files"].items()}
            derived = document["derived"]
            if not isinstance(derived, dict):
                return {}, {}, None
            stored = document.get("corpus")
            result = None
            if stored is not None:
                result = CorpusResult(str(stored["signature"]),
                                      [_finding(path, row) for path, row in stored["findings"]])
            return entries, derived, result
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}, {}, None

    @staticmethod
    def _entry(path: str, row: dict[str, Any]) -> Entry:
        problems = [LoadProblem(c, Position(line, col), m) for c, line, col, m in row["problems"]]
        return Entry(tuple(row["stat"]), row["sha"], row["data"], problems,
                     [_finding(path, f) for f in row["findings"]])

    def save(self, entries: dict[str, Entry], derived: dict[str, Any],
             result: CorpusResult | None = None) -> None:
        """Write every entry; failures to write a cache are never an error for the run."""
        files = {
            path: {
                "stat": list(e.stat), "sha": e.sha, "data": e.data,
                "problems": [[p.category, p.position.line, p.position.col, p.message]
                             for p in e.problems],
                "findings": [_finding_row(f) for f in e.findings],
            }
            for path, e in entries.items()
        }
        document: dict[str, Any] = {
            "format": FORMAT, "key": self.key, "version": __version__, "files": files,
            "derived": derived,
        }
        if result is not None:
            document["corpus"] = {
                "signature": result.signature,
                "findings": [[f.path, _finding_row(f)] for f in result.findings],
            }
        try:
            self._prepare()
            write_text(self.path, json.dumps(document, ensure_ascii=False,
                                             separators=(",", ":")))
            self._prune()
        except (OSError, ValueError, TypeError):
            pass  # a read-only checkout or a full disk must not fail the lint

    def _prepare(self) -> None:
        self.directory.mkdir(exist_ok=True)
        tag = self.directory / "CACHEDIR.TAG"
        if not tag.exists():
            write_text(tag, _TAG)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            write_text(ignore, "# Created by factlint.\n*\n")

    def _prune(self) -> None:
        """Remove cache files of other keys: an old configuration's cache is dead weight."""
        for other in self.directory.glob("*.json"):
            if other != self.path:
                with contextlib.suppress(OSError):
                    other.unlink()
