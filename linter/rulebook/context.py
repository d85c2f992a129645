"""What a check kind sees: its rule, the corpus, the rulebook's registries, and the facts index.

Index-scoped kinds (see `linter.rulebook.kinds`) join facts from every file of the corpus. They
see the index through `FactIndex`, three questions and nothing SQL-shaped, so a kind cannot
depend on how the run stores its cache (`linter.run.store` answers them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from linter.load.corpus import Corpus, Entry
from linter.load.document import Document
from linter.model import Finding, NodePath, Related, Rule

if TYPE_CHECKING:
    from linter.rulebook.book import Rulebook


class Fact(NamedTuple):
    """One row an index-scoped kind collected from one file: its key (an id, a subject and
    property), its role there ("def", "ref", ...) and the kind's own JSON-ready data."""

    path: str
    key: str
    role: str
    row: Any


class FactIndex(Protocol):
    """The cross-file index as index-scoped kinds see it."""

    def facts(self, code: str, keys: Iterable[str] | None = None, *,
              having: str = "") -> list[Fact]:
        """Facts of rule `code` (for `keys` only, or all), in corpus order; `having` keeps the
        keys whose facts pass it as a group: "shared" (two or more) or "no-def" (none with the
        role "def")."""
        ...

    def fact_keys(self, code: str, paths: list[str]) -> set[str]:
        """The keys of rule `code`'s facts in the files `paths`."""
        ...

    def keys_between(self, code: str, role: str, shortest: int, longest: int) -> list[str]:
        """Keys of rule `code` with facts of `role` whose length is within the bounds, sorted
        (for "did you mean" suggestions)."""
        ...


class Context:
    """What a check kind sees: its rule, its parameters, the corpus and the registries."""

    # A plain class (see `linter.load.corpus.Corpus`).
    __slots__ = ("corpus", "index", "keys", "reported", "rule", "rulebook")

    def __init__(self, rule: Rule, corpus: Corpus, rulebook: Rulebook,
                 index: FactIndex | None = None, reported: list[str] | None = None,
                 keys: set[str] | None = None) -> None:
        self.rule, self.corpus, self.rulebook = rule, corpus, rulebook
        # For index-scoped kinds joining facts: the index, and the files to report (None: all).
        self.index, self.reported = index, reported
        # Or, instead of the reported files' keys, these groups (wherever their files are):
        # what a change to named files can cause elsewhere.
        self.keys = keys

    @property
    def params(self) -> dict[str, Any]:
        return self.rule.params

    def facts(self, *, having: str = "") -> list[Fact]:
        """This rule's facts that can bear on the reported files (every file: all of them), in
        corpus order; `having` as `FactIndex.facts`. Index-scoped kinds only."""
        assert self.index is not None, "facts are joined by index-scoped kinds only"
        code = self.rule.code
        keys = self.keys
        if keys is None and self.reported is not None:
            keys = self.index.fact_keys(code, self.reported)
        return self.index.facts(code, keys, having=having)

    def at(
        self,
        document: Document,
        path: NodePath,
        message: str,
        *,
        key: bool = False,
        subject: str = "",
        related: Iterable[Related] = (),
    ) -> Finding:
        """A finding at the node `path` of `document` (at its key when `key`)."""
        position = document.position(path, key=key)
        return Finding(
            path=document.path,
            line=position.line,
            col=position.col,
            code=self.rule.code,
            message=message,
            severity=self.rule.severity,
            rule=self.rule.name,
            subject=subject,
            related=tuple(related),
        )

    def finding(self, path: str, line: int, col: int, message: str, *, subject: str = "",
                related: Iterable[Related] = (), key: Iterable[str] = ()) -> Finding:
        """A finding at a position an index fact recorded; `key` as `Finding.key`."""
        return Finding(path=path, line=line, col=col, code=self.rule.code, message=message,
                       severity=self.rule.severity, rule=self.rule.name, subject=subject,
                       related=tuple(related), key=tuple(key))

    def at_entry(
        self,
        entry: Entry,
        message: str,
        subpath: NodePath = (),
        *,
        key: bool = False,
        related: Iterable[Related] = (),
    ) -> Finding:
        return self.at(
            entry.document, (*entry.path, *subpath), message, key=key, subject=entry.id,
            related=related,
        )

    def related(self, entry: Entry, message: str, subpath: NodePath = ()) -> Related:
        position = entry.document.position((*entry.path, *subpath))
        return Related(entry.document.path, position.line, position.col, message)
