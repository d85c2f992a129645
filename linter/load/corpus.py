"""A corpus: loaded claim files, and the sources and claims in them indexed by id.

A lint run checks its files in batches, each batch a corpus (plus the sources defined elsewhere
that its claims cite; see `linter.run.analysis`); the report builds one corpus of every file. It is
built from whatever data loaded, valid or not, so that a schema error in one claim does not hide
a conflict in another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from linter.load.document import Document
from linter.model import NodePath

_MISSING = object()


class Entry(NamedTuple):
    """A source or a claim, where it stands."""

    section: str  # "sources" or "claims"
    id: str
    data: dict[str, Any]
    document: Document
    path: NodePath  # e.g. ("claims", 3)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


class Corpus:
    # A plain class, like the other run-state classes: a dataclass costs about a millisecond
    # to define, on every run, a pre-commit one included.
    __slots__ = ("claims", "derived", "documents", "entries", "focus", "memo", "root", "sources")

    def __init__(self, documents: list[Document] | None = None, root: Path | None = None,
                 focus: frozenset[str] | None = None) -> None:
        self.documents: list[Document] = documents if documents is not None else []
        self.root: Path = root or Path.cwd()  # the project root; files outside are not read
        self.memo: dict[Any, Any] = {}  # per-run derived data shared by kinds
        # Text analyses (a quote's attribution, a source's AI signals) keyed by kind and text,
        # shared by every rule that needs them (see `derive`).
        self.derived: dict[tuple[str, str], Any] = {}
        # The files findings are wanted for (pre-commit names the changed ones); None: all.
        # Corpus rules still see every file, but need only produce findings located in these.
        self.focus = focus
        self.sources: dict[str, Entry] = {}  # first definition of each id
        self.claims: list[Entry] = []
        self.entries: list[Entry] = []  # every source and claim with an id

    def in_focus(self, entry: Entry) -> bool:
        return self.focus is None or entry.document.path in self.focus

    def focus_claims(self) -> list[Entry]:
        return self.claims if self.focus is None else [c for c in self.claims if self.in_focus(c)]

    def focus_sources(self) -> list[tuple[str, Entry]]:
        """(id, source) pairs in focus, sorted by id."""
        return sorted((i, e) for i, e in self.sources.items() if self.in_focus(e))

    def derive(self, kind: str, text: str, compute: Callable[[str], Any]) -> Any:
        """`compute(text)`, computed once per corpus whichever rules ask for it."""
        # Keyed by the text itself: a string caches its hash, and the corpus holds the text
        # anyway; a digest of it cost more than most lookups saved.
        key = (kind, text)
        found = self.derived.get(key, _MISSING)
        if found is _MISSING:
            found = self.derived[key] = compute(text)
        return found

    @classmethod
    def build(cls, documents: list[Document], root: Path | None = None) -> Corpus:
        corpus = cls(documents=documents, root=root or Path.cwd())
        for document in documents:
            for entry in _entries(document):
                corpus.entries.append(entry)
                if entry.section == "sources":
                    corpus.sources.setdefault(entry.id, entry)
                else:
                    corpus.claims.append(entry)
        return corpus

    def evidence(self, claim: Entry) -> Iterator[tuple[int, dict[str, Any]]]:
        """The claim's evidence items that are mappings, with their index."""
        items = claim.get("evidence")
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, dict):
                    yield index, item


def _entries(document: Document) -> Iterator[Entry]:
    data = document.data
    if not isinstance(data, dict):
        return
    for section in ("sources", "claims"):
        items = data.get(section)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield Entry(section, item["id"], item, document, (section, index))
