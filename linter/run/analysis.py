"""Analysing files: parse a batch, run the rules whose findings depend on each file (and on the
sources its claims cite), and collect each file's share of the cross-file index.

A batch is checked as one small corpus: claims see the sources of every file in the batch, plus
any source defined elsewhere that the caller passes in (`foreign`: the source each id means in
the whole corpus). What each file's findings looked up is recorded as its *view* — for every
source id its claims cite or its sources define, which definition answered (path, content
digest, snapshot stat) — so a later run can tell whether the findings still hold without
parsing the file again: they do while every id in the view still means the same source.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter.files.digest import blake2b
from linter.files.read import read_regular
from linter.load.corpus import Corpus, Entry
from linter.load.document import LIMIT, Document, Limits, LoadProblem
from linter.model import Finding, Position, Rule
from linter.project.discovery import Target
from linter.rulebook import kinds
from linter.rulebook.context import Context
from linter.run.engine import check_rules
from linter.run.store import FileResult, SourceRow, SourceView, content_hash

if TYPE_CHECKING:
    from linter.rulebook.book import Rulebook


def parse(target: Target, raw: bytes, limits: Limits) -> Document:
    if len(raw) > limits.max_bytes:
        try:  # only limit + 1 bytes were read: the size on disk says how far over it is
            size = target.path.stat().st_size
        except OSError:
            size = len(raw)
        document = Document(target.display)
        document.problems.append(LoadProblem(
            LIMIT, Position(1, 1),
            f"file is {size:,} bytes, over the limit of {limits.max_bytes:,}; not read"))
    else:
        # Imported here: a run whose files are all cached parses none and needs no PyYAML.
        from linter.load.yaml_positions import load_bytes

        document = load_bytes(raw, target.display, limits)
    document.file = target.path
    return document


def read(target: Target, limits: Limits) -> bytes:
    try:
        # A file swapped for a FIFO or a huge one after listing must not hang or exhaust memory.
        return read_regular(target.path, limits.max_bytes)
    except OSError as exc:
        raise OSError(f"{target.display}: cannot read: {exc.strerror or exc}") from None


# One encoder for every row: json.dumps with options builds a new encoder on each call, which
# cost more than the encoding on a 10,000-file corpus.
_to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def digest(data: Any) -> str:
    """A source's content, as its findings depend on it."""
    return blake2b(_to_json(data).encode(), digest_size=12).hexdigest()


def snapshot_stat(file: Path, archive: object) -> str:
    """What a source's snapshot is now, by stat (size, mtime, inode and where it resolves)."""
    if not isinstance(archive, str) or not archive.strip() or "\x00" in archive:
        return ""
    try:
        target = (file.parent / archive).resolve()
        stat = target.stat()
    except (OSError, RuntimeError, ValueError) as exc:
        return f"unreadable:{type(exc).__name__}"
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}:{target}"


def _stub(row: SourceRow) -> Entry:
    """A source defined in a file outside the batch, as the rules see it."""
    document = Document(row.path, file=Path(row.file), reparse=True, reread=_reread)
    return Entry("sources", row.id, json.loads(row.data), document, ("sources", row.idx))


def _cited(corpus: Corpus, entries: list[Entry]) -> set[str]:
    ids = set()
    for entry in entries:
        if entry.section == "claims":
            for _, item in corpus.evidence(entry):
                if isinstance(item.get("source"), str):
                    ids.add(item["source"])
        else:
            ids.add(entry.id)
    return ids


def _suppressions(entries: list[Entry]) -> list[tuple[str, str, str, int, int]]:
    """(subject, code, reason, line, col) of every suppression: where it is, for the finding
    that says it is unused."""
    found = []
    for entry in entries:
        items = entry.get("suppress")
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("rule"), str):
                reason = item.get("reason")
                if isinstance(reason, str) and reason.strip():
                    at = entry.document.position((*entry.path, "suppress", index))
                    found.append((entry.id, item["rule"], reason, at.line, at.col))
    return found


def analyse(batch: list[tuple[Target, bytes | None]], limits: Limits, rules: list[Rule],
            rulebook: Rulebook, root: Path,
            foreign: dict[str, SourceRow] | None = None,
            lookup: Callable[[set[str]], dict[str, SourceRow]] | None = None,
            ) -> list[FileResult]:
    """Parse `batch` and analyse it with `rules` (file-, cited- and index-scoped).

    `foreign`: sources defined outside the batch that the claims must see (the definition each
    id means in the whole corpus); `lookup`, when given, is asked for the ids the batch cites but
    does not define — so a changed file that cites a source elsewhere is analysed once, not
    analysed and then found stale.
    """
    shas = {}
    documents = []
    for target, raw in batch:  # None: not read yet
        data = read(target, limits) if raw is None else raw
        shas[target.display] = content_hash(data)
        documents.append(parse(target, data, limits))
    corpus = Corpus.build(documents, root)
    foreign = dict(foreign or {})
    if lookup is not None:
        missing = _cited(corpus, corpus.claims) - set(corpus.sources) - set(foreign)
        if missing:
            foreign.update(lookup(missing))
    views: dict[tuple[str, str], SourceView] = {}
    for sid, row in foreign.items():
        local = corpus.sources.get(sid)
        if local is None or local.document.path != row.path:
            corpus.sources[sid] = _stub(row)
            views[(row.path, sid)] = row.view
    by_file: dict[str, list[Entry]] = defaultdict(list)
    for entry in corpus.entries:
        by_file[entry.document.path].append(entry)
    findings: dict[str, list[Finding]] = defaultdict(list)
    analysed = [r for r in rules if kinds.scope(r.kind) not in ("index", "final")]
    for finding in check_rules(analysed, corpus, rulebook):
        findings[finding.path].append(finding)
    facts: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for rule in rules:
        if kinds.scope(rule.kind) == "index":
            context = Context(rule, corpus, rulebook)
            for path, key, role, row in kinds.module(rule.kind).collect(context):
                facts[path].append((rule.code, key, role, _to_json(row)))
    # Each source's digest and snapshot stat, measured once: its own file's rows and the views
    # of every file in the batch that cites it both need them.
    measured: dict[int, tuple[str, str]] = {}
    for entry in corpus.entries:
        if entry.section == "sources":
            measured[id(entry.data)] = (
                digest(entry.data),
                snapshot_stat(entry.document.file or root, entry.get("archive")))
    results = []
    for document in documents:
        entries = by_file[document.path]
        view: dict[str, SourceView | None] = {}
        for sid in sorted(_cited(corpus, entries)):
            source = corpus.sources.get(sid)
            if source is None:
                view[sid] = None
            elif (source.document.path, sid) in views:  # defined outside the batch
                view[sid] = views[(source.document.path, sid)]
            else:
                view[sid] = (source.document.path, *measured[id(source.data)])
        sources = []
        for entry in entries:
            if entry.section == "sources":
                archive = entry.get("archive")
                content, snapshot = measured[id(entry.data)]
                index = entry.path[1]  # ("sources", index): the entry's place in its list
                assert isinstance(index, int)
                sources.append((index, entry.id, content, _to_json(entry.data),
                                archive if isinstance(archive, str) else None, snapshot))
        results.append(FileResult(
            document.path, shas[document.path], str(document.file or ""),
            findings.get(document.path, []), view, _suppressions(entries), sources,
            facts.get(document.path, [])))
    # The memoised analyses refer back to the corpus (source assessments look sources up in it):
    # a cycle that would keep the whole batch in memory until a garbage collection. Cleared,
    # the batch is freed as soon as the caller lets it go.
    corpus.memo.clear()
    corpus.derived.clear()
    return results


def _reread(file: Path, display: str) -> Document:
    """Load a cached file again for its positions (PyYAML is imported only then)."""
    from linter.load.yaml_positions import load_path

    return load_path(file, display)
