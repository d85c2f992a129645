"""A loaded claim file, without the loader: what a run holds of each file, and reading it.

A run whose files are all unchanged since the cache saw them reads none of them, and needs
`Document` and `Limits` but not PyYAML (about 20 ms to import): this module imports nothing
but the standard library and `linter.model`; `linter.load.yaml_positions`, which parses, is
imported when a file is parsed (or a cached document's positions are read again from its file).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from linter.model import NodePath, Position

# Categories of problems; each maps to a rule code through the rule files (kind: load).
SYNTAX = "syntax"
DUPLICATE_KEY = "duplicate-key"
UNSUPPORTED = "unsupported"
ENCODING = "encoding"
LIMIT = "limit"


class Limits(NamedTuple):
    """Input limits; each hit is a finding, not a crash. Set in [tool.factlint.limits]."""

    max_bytes: int = 5_000_000
    max_depth: int = 64
    max_nodes: int = 200_000
    max_string: int = 100_000


DEFAULT_LIMITS = Limits()


# libyaml's composer recurses in C (around 100,000 levels overflow the stack and kill the process)
# and jsonschema in Python (RecursionError near 1,000): however high a team sets max-depth,
# nesting beyond this is refused.
DEPTH_CEILING = 256


class LoadProblem(NamedTuple):
    category: str
    position: Position
    message: str


@dataclass(slots=True)
class Document:
    """A loaded claim file. `data` is None when the file could not be read as YAML at all."""

    path: str
    data: Any = None
    file: Path | None = None  # where it was read from (resolved), for paths relative to it
    problems: list[LoadProblem] = field(default_factory=list)
    # A document restored from the cache has no positions: they are read again from the file,
    # only if a finding needs one. Most documents never produce a finding, and storing every
    # node's position would make the cache several times larger than the data.
    reparse: bool = False
    # How such a document's positions are read again (the loader's `load_path`): handed in by
    # whoever restores the document, so that this module never imports the loader.
    reread: Callable[[Path, str], Document] | None = field(default=None, repr=False)
    # Positions are not tabled while loading either: a Position and a path for every node cost
    # more than converting the data, and a run asks for a few per entry. A document loaded
    # without problems keeps, for each mapping and list of its data (by id: the data is
    # read-only), the packed positions of its entries, and `position` walks the data; the full
    # tables are built only when asked for. Ints in plain dicts and tuples, not the node graph:
    # the garbage collector, which traverses every container a run keeps, soon ignores them
    # (keeping the nodes tripled the cost of loading). A document the reference converter read
    # (it has problems, or unusual line breaks) has its tables from the start.
    _positions: dict[NodePath, Position] | None = field(default=None, repr=False)
    _key_positions: dict[NodePath, Position] | None = field(default=None, repr=False)
    _marks: _Marks | None = field(default=None, repr=False)

    @property
    def positions(self) -> dict[NodePath, Position]:
        """The position of every value node, by path."""
        if self._positions is None:
            self._tables()
        return self._positions  # type: ignore[return-value]

    @property
    def key_positions(self) -> dict[NodePath, Position]:
        """The position of every mapping key, by the path of its value."""
        if self._key_positions is None:
            self._tables()
        return self._key_positions  # type: ignore[return-value]

    def _tables(self) -> None:
        if self._marks is None and self.reparse:
            self._restore()
        if self._positions is not None:
            return
        if self._marks is not None:
            self._positions, self._key_positions = self._marks.tables(self.data)
        else:
            self._positions, self._key_positions = {}, {}

    def _restore(self) -> None:
        self.reparse = False
        if self.file is None or self.reread is None:
            return
        try:
            # The loader, not read_bytes: the file may have become a FIFO or grown since.
            fresh = self.reread(self.file, self.path)
        except OSError:
            return  # the finding falls back to line 1 rather than failing the run
        if fresh._marks is not None:
            # The marks describe the containers they were read with: keep those alongside.
            self._marks = _Marks(fresh._marks.root, fresh._marks.by_id, fresh.data)
        self._positions, self._key_positions = fresh._positions, fresh._key_positions

    def position(self, path: NodePath, *, key: bool = False) -> Position:
        """The position of the node at `path`, or of its nearest ancestor that has one."""
        if self._positions is None:
            if self._marks is None and self.reparse:
                self._restore()
            if self._marks is not None and self._positions is None:
                return self._marks.position(self.data, path, key)
        positions = self.positions
        table = self.key_positions if key else positions
        probe = tuple(path)
        while probe:
            found = table.get(probe) or positions.get(probe)
            if found:
                return found
            probe = probe[:-1]
        return positions.get((), Position(1, 1))


# A position packed in one int: line << 32 | column (0-based, as libyaml counts); a mapping
# entry packs its key's position above its value's.
_LOW = (1 << 64) - 1


def _unpack(packed: int) -> Position:
    return Position((packed >> 32) + 1, (packed & 0xFFFFFFFF) + 1)


class _Marks:
    """Where the nodes of a document's data are: `root`, packed; and by the id of each mapping
    of the data its entries' packed key and value positions by key, of each list its items'.
    `data`, when set, is the data those ids belong to (else the document's own)."""

    __slots__ = ("by_id", "data", "root")

    def __init__(self, root: int, by_id: dict[int, Any], data: Any = None) -> None:
        self.root = root
        self.by_id = by_id
        self.data = data

    def position(self, data: Any, path: NodePath, key: bool) -> Position:
        """As the tables would answer: the node at the deepest prefix of `path` that exists,
        at its key when asked and the last step was a mapping key."""
        node = self.data if self.data is not None else data
        at, key_at = self.root, -1
        by_id = self.by_id
        for part in path:
            marks = by_id.get(id(node))
            if marks is None:
                break
            if type(marks) is dict:
                packed = marks.get(part) if isinstance(part, str) else None
                if packed is None:
                    break
                at, key_at = packed & _LOW, packed >> 64
            elif isinstance(part, int) and 0 <= part < len(marks):
                at, key_at = marks[part], -1
            else:
                break
            node = node[part]
        return _unpack(key_at if key and key_at >= 0 else at)

    def tables(self, data: Any) -> tuple[dict[NodePath, Position], dict[NodePath, Position]]:
        positions: dict[NodePath, Position] = {(): _unpack(self.root)}
        keys: dict[NodePath, Position] = {}
        stack: list[tuple[Any, NodePath]] = [(self.data if self.data is not None else data, ())]
        while stack:
            node, path = stack.pop()
            marks = self.by_id.get(id(node))
            if marks is None:
                continue
            if type(marks) is dict:
                for name, packed in marks.items():
                    keys[(*path, name)] = _unpack(packed >> 64)
                    positions[(*path, name)] = _unpack(packed & _LOW)
                    stack.append((node[name], (*path, name)))
            else:
                for index, packed in enumerate(marks):
                    positions[(*path, index)] = _unpack(packed)
                    stack.append((node[index], (*path, index)))
        return positions, keys
