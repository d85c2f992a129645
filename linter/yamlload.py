"""Load a claim file into plain data plus the line and column of every node, in one pass.

Why not `yaml.safe_load`: it throws positions away, silently keeps the last of two duplicate keys,
turns dates into `datetime.date`, and expands aliases (a billion-laughs document eats memory). We
compose with libyaml (`CSafeLoader`) and convert the node graph ourselves, which is faster than
`yaml.load` and gives jsonschema's `absolute_path` a line to point at.

Everything wrong with the input becomes a `LoadProblem` with a position; nothing here raises for bad
input. What claim files never need (tags, anchors, aliases, merge keys, complex keys) is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from linter.model import NodePath, Position

try:
    _Loader: type = yaml.CSafeLoader
    HAVE_LIBYAML = True
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader
    HAVE_LIBYAML = False

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"

# One constructor instance lends us PyYAML's exact YAML 1.1 scalar rules (0x1F, 1_000, .inf, yes/no)
# without constructing whole documents.
_SCALARS = yaml.constructor.SafeConstructor()

# Categories of problems; each maps to a rule code through the rule files (kind: load).
SYNTAX = "syntax"
DUPLICATE_KEY = "duplicate-key"
UNSUPPORTED = "unsupported"
ENCODING = "encoding"
LIMIT = "limit"


@dataclass(frozen=True, slots=True)
class Limits:
    """Input limits; each hit is a finding, not a crash. Set in [tool.factlint.limits]."""

    max_bytes: int = 5_000_000
    max_depth: int = 64
    max_nodes: int = 200_000
    max_string: int = 100_000


@dataclass(frozen=True, slots=True)
class LoadProblem:
    category: str
    position: Position
    message: str


@dataclass(slots=True)
class Document:
    """A loaded claim file. `data` is None when the file could not be read as YAML at all."""

    path: str
    data: Any = None
    file: Path | None = None  # where it was read from (resolved), for paths relative to it
    positions: dict[NodePath, Position] = field(default_factory=dict)
    key_positions: dict[NodePath, Position] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)
    # A document restored from the cache has no positions: they are read again from the file,
    # only if a finding needs one. Most documents never produce a finding, and storing every
    # node's position would make the cache several times larger than the data.
    reparse: bool = False

    def _restore_positions(self) -> None:
        self.reparse = False
        if self.file is None:
            return
        try:
            fresh = load_bytes(self.file.read_bytes(), self.path)
        except OSError:
            return  # the finding falls back to line 1 rather than failing the run
        self.positions, self.key_positions = fresh.positions, fresh.key_positions

    def position(self, path: NodePath, *, key: bool = False) -> Position:
        """The position of the node at `path`, or of its nearest ancestor that has one."""
        if self.reparse:
            self._restore_positions()
        table = self.key_positions if key else self.positions
        probe = tuple(path)
        while probe:
            found = table.get(probe) or self.positions.get(probe)
            if found:
                return found
            probe = probe[:-1]
        return self.positions.get((), Position(1, 1))


def load_path(path: Path, display: str, limits: Limits = Limits()) -> Document:
    """Read and load one file. I/O errors are the caller's (they are usage errors, exit 2)."""
    size = path.stat().st_size
    if size > limits.max_bytes:
        doc = Document(display)
        doc.problems.append(
            LoadProblem(
                LIMIT,
                Position(1, 1),
                f"file is {size:,} bytes, over the limit of {limits.max_bytes:,}; not read",
            )
        )
        return doc
    return load_bytes(path.read_bytes(), display, limits)


def load_bytes(raw: bytes, display: str, limits: Limits = Limits()) -> Document:
    doc = Document(display)
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        doc.problems.append(
            LoadProblem(ENCODING, Position(line, 1), "file contains NUL bytes: binary, not YAML")
        )
        return doc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.problems.append(
            LoadProblem(
                ENCODING,
                Position(line, col),
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); claim files must be UTF-8",
            )
        )
        return doc
    return load_text(text, display, limits, doc)


def load_text(
    text: str, display: str, limits: Limits = Limits(), doc: Document | None = None
) -> Document:
    doc = doc or Document(display)
    if _may_hold_refused_constructs(text) and _refuse_constructs(text, doc):
        return doc
    if _nesting_bound(text) > limits.max_depth and _too_deep(text, limits, doc):
        return doc
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        doc.problems.append(LoadProblem(SYNTAX, pos, f"YAML syntax error: {problem}{context}"))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(LoadProblem(SYNTAX, _reader_position(exc, text), _one_line(exc)))
        return doc
    if root is not None:
        _Converter(doc, limits).run(root)
    return doc


def _one_line(exc: Exception) -> str:
    return "YAML error: " + " ".join(str(exc).split())


def _reader_position(exc: yaml.YAMLError, text: str) -> Position:
    index = getattr(exc, "position", None)
    if not isinstance(index, int):
        return Position(1, 1)
    line = text.count("\n", 0, index) + 1
    return Position(line, index - (text.rfind("\n", 0, index) + 1) + 1)


# Anchors (&), aliases (*), explicit tags (!) and merge keys (<<) can only occur where these
# characters do; most claim files have none, so the event scan below is usually skipped.
_SUSPECT = re.compile(r"[&*!]|<<")


def _may_hold_refused_constructs(text: str) -> bool:
    return _SUSPECT.search(text) is not None


def _refuse_constructs(text: str, doc: Document) -> bool:
    """Scan parser events for anchors, aliases and explicit tags; stop at the first.

    Scanning events never builds the aliased graph, so a billion-laughs document is refused after
    reading its first anchor. Returns True when something was refused.
    """
    try:
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            pos = Position(event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, yaml.AliasEvent):
                doc.problems.append(
                    LoadProblem(UNSUPPORTED, pos, f"YAML alias *{anchor} is not allowed in claim "
                                "files: write the value out")
                )
                return True
            if anchor is not None:
                doc.problems.append(
                    LoadProblem(UNSUPPORTED, pos, f"YAML anchor &{anchor} is not allowed in claim "
                                "files: write the value out")
                )
                return True
            tag = getattr(event, "tag", None)
            if tag is not None:
                doc.problems.append(
                    LoadProblem(UNSUPPORTED, pos, f"YAML tag {tag} is not allowed in claim files")
                )
                return True
    except yaml.YAMLError:
        return False  # compose will report the syntax error with its position
    return False


# Every nesting level needs either a flow bracket or one more column of block indentation or
# indicator ("- ", "? "), so this cheap bound lets ordinary files skip the event scan.
_LEADING = re.compile(r"^[ \-?]*", re.MULTILINE)


def _nesting_bound(text: str) -> int:
    widest = max((len(m.group()) for m in _LEADING.finditer(text)), default=0)
    return text.count("[") + text.count("{") + widest + 2


def _too_deep(text: str, limits: Limits, doc: Document) -> bool:
    """Refuse documents nested deeper than the limit before libyaml's recursive composer sees them
    (it overflows the C stack on very deep input)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limits.max_depth:
                    mark = event.start_mark
                    doc.problems.append(
                        LoadProblem(
                            LIMIT,
                            Position(mark.line + 1, mark.column + 1),
                            f"nesting deeper than {limits.max_depth} levels; not read",
                        )
                    )
                    return True
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return False
    return False


class _Converter:
    """Node graph → plain data, recording positions. Iterative, so depth never hits Python's
    recursion limit."""

    def __init__(self, doc: Document, limits: Limits) -> None:
        self.doc = doc
        self.limits = limits
        self.count = 0

    def run(self, root: yaml.Node) -> None:
        holder: list[Any] = [None]
        # Work items: (node, path, container, slot)
        stack: list[tuple[yaml.Node, NodePath, Any, Any]] = [(root, (), holder, 0)]
        while stack:
            node, path, container, slot = stack.pop()
            self.count += 1
            if self.count > self.limits.max_nodes:
                self._problem(LIMIT, node, f"more than {self.limits.max_nodes:,} YAML nodes; "
                              "the rest of the file is not read")
                break
            self.doc.positions[path] = _pos(node)
            value: Any
            if isinstance(node, yaml.ScalarNode):
                value = self._scalar(node)
            elif isinstance(node, yaml.SequenceNode):
                value = [None] * len(node.value)
                for index in range(len(node.value) - 1, -1, -1):
                    stack.append((node.value[index], (*path, index), value, index))
            else:
                value = {}
                pending: list[tuple[yaml.Node, NodePath, Any, Any]] = []
                seen: dict[str, Position] = {}
                for key_node, value_node in node.value:
                    key = self._key(key_node)
                    if key is None:
                        continue
                    key_pos = _pos(key_node)
                    if key in seen:
                        self._problem(
                            DUPLICATE_KEY,
                            key_node,
                            f"duplicate key {key!r} (first at line {seen[key].line}); YAML would "
                            "silently keep only the last value",
                        )
                    seen[key] = key_pos
                    self.doc.key_positions[(*path, key)] = key_pos
                    value[key] = None
                    pending.append((value_node, (*path, key), value, key))
                stack.extend(reversed(pending))
            container[slot] = value
        self.doc.data = holder[0]

    def _key(self, node: yaml.Node) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self._problem(UNSUPPORTED, node, "complex mapping keys are not allowed in claim files")
            return None
        if node.tag == _MERGE:
            self._problem(UNSUPPORTED, node, "YAML merge keys (<<) are not allowed in claim files")
            return None
        # Keys stay strings: a key `no:` must not become False.
        return str(node.value)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if len(node.value) > self.limits.max_string:
            self._problem(LIMIT, node, f"string of {len(node.value):,} characters, over the limit "
                          f"of {self.limits.max_string:,}; truncated")
            return node.value[: self.limits.max_string]
        if tag in (_STR, _TIMESTAMP):  # dates stay strings: their precision is data
            return node.value
        try:
            if tag == _INT:
                return _SCALARS.construct_yaml_int(node)
            if tag == _FLOAT:
                return _SCALARS.construct_yaml_float(node)
            if tag == _BOOL:
                return _SCALARS.construct_yaml_bool(node)
        except (ValueError, yaml.YAMLError):
            return node.value
        if tag == _NULL:
            return None
        return node.value

    def _problem(self, category: str, node: yaml.Node, message: str) -> None:
        self.doc.problems.append(LoadProblem(category, _pos(node), message))


def _pos(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def libyaml_warning() -> str | None:
    if HAVE_LIBYAML:
        return None
    return (
        "warning: PyYAML was built without libyaml; loading is about 8x slower "
        "(reinstall PyYAML with libyaml available)"
    )

