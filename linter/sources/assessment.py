"""What the corpus knows about each source: AI-provenance signals, reliability, its snapshot.

Several rules judge sources (AI disclosures, reliability, claims resting only on weak sources) and
the report shows the same judgement, so it is computed once per run and memoised on the corpus.

Text read for AI signals: the source's recorded `disclosure`, its `title`, its `boilerplate`
excerpts, its `url` (chatbot referral parameters) and its local snapshot (`archive`) when there
is one inside the project. Provenance is the strongest of what the team recorded (`provenance:`),
what the registry says of the publisher (type `ai-generated`) and what the signals show.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from linter.files.cachedir import DIRECTORY as CACHE_DIRECTORY
from linter.load.corpus import Corpus, Entry
from linter.model import NodePath
from linter.sources.ai_patterns import AiPatternSet, AiSignal, find_ai_signals, provenance_of
from linter.sources.reliability import Entry as Publisher
from linter.sources.reliability import ReliabilityRegistry


class Registries(Protocol):
    """Where the registries come from (the rulebook): a registry's data and its origin, and the
    AI patterns already checked for linear-time safety."""

    verified_patterns: Any

    def registry(self, name: str) -> tuple[Any, str]: ...

PROVENANCE_RANK = {"unknown": 0, "none": 0, "assisted-and-reviewed": 1,
                   "assisted-unreviewed": 2, "generated": 3, "leaked": 4}
RELIABILITY_RANK = {"unknown": 1, "generally-reliable": 0, "no-consensus": 1,
                    "generally-unreliable": 2, "deprecated": 3, "blacklisted": 4}
MAX_SNAPSHOT_BYTES = 5_000_000
# Folders a snapshot is never read from, whatever the path or link that leads there: a version
# control system's own (.git/config can hold a token in a remote's URL, and a snapshot's text is
# quoted into findings and annotations) and factlint's cache (`linter.files.cachedir`).
# Compared case-folded: on a case-insensitive file system `.GIT/config` is `.git/config`.
_PRIVATE_FOLDERS = {
    ".git": "a version-control folder", ".hg": "a version-control folder",
    ".svn": "a version-control folder", ".bzr": "a version-control folder",
    "_darcs": "a version-control folder", ".jj": "a version-control folder",
    ".pijul": "a version-control folder", CACHE_DIRECTORY: "factlint's cache folder",
}


class Signal(NamedTuple):
    """An AI signal and the node of the source it was found in."""

    signal: AiSignal
    node: NodePath  # e.g. ("disclosure",), ("boilerplate", 2), ("archive",)
    where: str  # human words for the node: "disclosure", "boilerplate[2]", "snapshot line 40"


class Snapshot(NamedTuple):
    text: str | None
    problem: str | None  # why it could not be read; None when read or when there is none


class Assessment(NamedTuple):
    entry: Entry
    signals: tuple[Signal, ...]
    declared: str | None  # the `provenance` the team recorded
    # effective: none | assisted-and-reviewed | assisted-unreviewed | generated | leaked
    provenance: str
    publisher: Publisher | None  # the reliability registry's entry, if any
    snapshot: Snapshot
    via: str | None = None  # how the registry matched: "domain" or "name"
    basis: str = "none"  # what set the provenance: declared, detected, registry or none

    @property
    def status(self) -> str:
        return self.publisher.status if self.publisher else "unknown"

    @property
    def provenance_rank(self) -> int:
        return PROVENANCE_RANK[self.provenance]

    @property
    def reliability_rank(self) -> int:
        return RELIABILITY_RANK.get(self.status, 1)


def read_snapshot(entry: Entry, root: Path) -> Snapshot:
    """The source's `archive` text, read only if it resolves (symlinks included) inside root.

    Whatever the claim file says, this never raises, never reads outside the project root (an
    absolute path, `..`, or a link that points out), never blocks on a FIFO and never reads more
    than MAX_SNAPSHOT_BYTES.
    """
    archive = entry.get("archive")
    if not isinstance(archive, str) or not archive.strip():
        return Snapshot(None, None)
    shown = _shown(archive)
    if "\x00" in archive:
        return Snapshot(None, f"archive {shown} is not a path (it holds a NUL character)")
    base = entry.document.file.parent if entry.document.file else root
    # A symbolic link loop is told the same way on every Python: up to 3.12 `resolve` raises
    # RuntimeError (naming the absolute path: no finding should), from 3.13 it returns the
    # link, which O_NOFOLLOW below refuses with ELOOP.
    loop = f"archive {shown} cannot be resolved: a symbolic link loop"
    try:
        target = (base / archive).resolve()
    except RuntimeError:
        return Snapshot(None, loop)
    except (OSError, ValueError) as exc:  # names too long
        if getattr(exc, "errno", None) == errno.ELOOP:
            return Snapshot(None, loop)
        return Snapshot(None, f"archive {shown} cannot be resolved: {_why(exc)}")
    if not target.is_relative_to(root):
        return Snapshot(None, f"archive {shown} resolves outside the project root; not read")
    # As written (`sub/../.git/HEAD`) and as resolved (a link whose target is in .git).
    written = os.path.normpath(archive).split(os.sep)
    for part in (*written, *target.relative_to(root).parts):
        private = _PRIVATE_FOLDERS.get(part.casefold())
        if private is not None:
            return Snapshot(None, f"archive {shown} is inside {part!r}, {private}; not read")
    try:
        # O_NOFOLLOW: the last component was checked above and must not turn into a link now;
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        handle = os.open(target, flags)
    except (FileNotFoundError, NotADirectoryError):
        return Snapshot(None, f"archive {shown} does not exist")
    except (OSError, ValueError) as exc:
        if getattr(exc, "errno", None) == errno.ELOOP:
            return Snapshot(None, loop)
        return Snapshot(None, f"archive {shown} cannot be read: {_why(exc)}")
    try:
        with os.fdopen(handle, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                return Snapshot(None, f"archive {shown} is not a regular file; not read")
            data = stream.read(MAX_SNAPSHOT_BYTES + 1)
        if len(data) > MAX_SNAPSHOT_BYTES:
            return Snapshot(None, f"archive {shown} is larger than "
                                  f"{MAX_SNAPSHOT_BYTES:,} bytes; not read")
        return Snapshot(data.decode("utf-8-sig"), None)
    except UnicodeDecodeError:
        return Snapshot(None, f"archive {shown} is not UTF-8 text")
    except OSError as exc:
        return Snapshot(None, f"archive {shown} cannot be read: {_why(exc)}")


def _shown(archive: str) -> str:
    """The archive path as messages quote it: repr (no raw newlines), at most ~120 characters."""
    return repr(archive if len(archive) <= 120 else archive[:117] + "...")


def _why(exc: BaseException) -> str:
    # strerror, not str(exc): the latter repeats the (possibly very long) path.
    return str(getattr(exc, "strerror", None) or exc)


def _texts(entry: Entry, snapshot: Snapshot) -> list[tuple[NodePath, str, str]]:
    texts: list[tuple[NodePath, str, str]] = []
    for key in ("disclosure", "title", "url"):
        value = entry.get(key)
        if isinstance(value, str):
            texts.append(((key,), key, value))
    boilerplate = entry.get("boilerplate")
    if isinstance(boilerplate, list):
        for index, item in enumerate(boilerplate):
            if isinstance(item, str):
                texts.append((("boilerplate", index), f"boilerplate[{index}]", item))
    if snapshot.text is not None:
        texts.append((("archive",), "snapshot", snapshot.text))
    return texts


def _signals(text: str, patterns: AiPatternSet, corpus: Corpus | None) -> list[AiSignal]:
    if corpus is None:
        return find_ai_signals(text, patterns)
    # Once per text in a run: a title or snapshot is often shared by several sources.
    signals: list[AiSignal] = corpus.derive(
        "ai-signals", text, lambda t: find_ai_signals(t, patterns))
    return signals


def assess_source(entry: Entry, patterns: AiPatternSet, registry: ReliabilityRegistry,
                  root: Path, corpus: Corpus | None = None) -> Assessment:
    snapshot = read_snapshot(entry, root)
    signals: list[Signal] = []
    for node, where, text in _texts(entry, snapshot):
        for signal in _signals(text, patterns, corpus):
            label = f"snapshot line {signal.line}" if where == "snapshot" else where
            signals.append(Signal(signal, node, label))
    declared = entry.get("provenance") if isinstance(entry.get("provenance"), str) else None
    url = entry.get("url") if isinstance(entry.get("url"), str) else None
    name = entry.get("publisher") if isinstance(entry.get("publisher"), str) else None
    match = registry.match(url, name)
    publisher = match.entry if match else None
    # The strongest of what the team declared, what the page says, what the registry says.
    levels = [("declared", declared or "none"),
              ("detected", provenance_of(s.signal for s in signals))]
    if publisher is not None and "ai-generated" in publisher.types:
        levels.append(("registry", "generated"))
    basis, effective = max(levels, key=lambda level: PROVENANCE_RANK.get(level[1], 0))
    if PROVENANCE_RANK.get(effective, 0) == 0:
        basis, effective = ("declared" if declared == "none" else "none"), "none"
    return Assessment(entry, tuple(signals), declared, effective, publisher, snapshot,
                      match.via if match else None, basis)


class Assessments(Mapping[str, Assessment]):
    """Sources by id, each assessed on first use (a pre-commit run looks at a handful)."""

    def __init__(self, corpus: Corpus, patterns: AiPatternSet,
                 registry: ReliabilityRegistry) -> None:
        self.corpus, self.patterns, self.registry = corpus, patterns, registry
        self.done: dict[str, Assessment] = {}

    def __getitem__(self, source_id: str) -> Assessment:
        if source_id not in self.done:
            entry = self.corpus.sources[source_id]  # KeyError for unknown ids, as a dict
            self.done[source_id] = assess_source(entry, self.patterns, self.registry,
                                                 self.corpus.root, self.corpus)
        return self.done[source_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.corpus.sources)

    def __len__(self) -> int:
        return len(self.corpus.sources)


def assessments(corpus: Corpus, registries: Registries) -> Assessments:
    """Every source of the corpus, assessed once per run (memoised on the corpus)."""
    cached = corpus.memo.get("sources")
    if cached is None:
        patterns_data, patterns_origin = registries.registry("ai-patterns")
        registry_data, registry_origin = registries.registry("reliability")
        patterns = AiPatternSet.from_data(patterns_data, patterns_origin,
                                          registries.verified_patterns)
        cached = Assessments(corpus, patterns,
                             ReliabilityRegistry.from_data(registry_data, registry_origin))
        corpus.memo["sources"] = cached
    return cached


def cited(corpus: Corpus, registries: Registries, claim: Entry) -> list[Assessment]:
    """Assessments of the known sources a claim's evidence cites (unknown ids are FL103's).

    Once per claim and run: the four weak-support rules (FL305, FL306, FL310, FL311) each ask
    for every claim."""
    memo = corpus.memo
    key = ("cited", id(claim.data))  # the corpus keeps the claim's data alive for the run
    known = memo.get(key)
    if known is None:
        table = assessments(corpus, registries)
        found: dict[str, Assessment] = {}
        for _, item in corpus.evidence(claim):
            source = item.get("source")
            if isinstance(source, str) and source not in found and source in table:
                found[source] = table[source]
        known = memo[key] = tuple(found.values())
    return list(known)
