"""Load a claim file into plain data plus the line and column of every node, in one pass.

Why not `yaml.safe_load`: it throws positions away, silently keeps the last of two duplicate keys,
turns dates into `datetime.date`, and expands aliases (a billion-laughs document eats memory). We
compose with libyaml (`CSafeLoader`) and convert the node graph ourselves, which is faster than
`yaml.load` and gives jsonschema's `absolute_path` a line to point at.

Everything wrong with the input becomes a `LoadProblem` with a position; nothing here raises for bad
input. What claim files never need (tags, anchors, aliases, merge keys, complex keys) is refused.
"""

from __future__ import annotations

import bisect
import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from linter.model import NodePath, Position

try:
    _SafeLoader: type = yaml.CSafeLoader
    HAVE_LIBYAML = True
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _SafeLoader = yaml.SafeLoader
    HAVE_LIBYAML = False


def _lean_resolver(base: type) -> type:
    """`base` with a leaner `resolve`, giving the same tags.

    libyaml's composer calls `resolve` in Python for every node it builds, to pick a plain
    scalar's implicit tag (int, float, bool, null, timestamp...): PyYAML's method concatenates
    two lists and looks up path resolvers on each call, a sixth of composing a claim file.
    This one looks up the regexps for the scalar's first character in a table copied once.
    Only for a loader without wildcard or path resolvers (SafeLoader has neither), where the
    two agree exactly (tests/test_hotpath.py compares them); otherwise `base` as it is.
    """
    table = base.yaml_implicit_resolvers
    if None in table or base.yaml_path_resolvers:  # pragma: no cover - not SafeLoader's
        return base
    by_first = {first: tuple(resolvers) for first, resolvers in table.items()}
    scalar, sequence = yaml.ScalarNode, yaml.SequenceNode
    text, seq, map_ = base.DEFAULT_SCALAR_TAG, base.DEFAULT_SEQUENCE_TAG, base.DEFAULT_MAPPING_TAG

    def resolve(self: Any, kind: type, value: str | None, implicit: Any) -> str:
        if kind is scalar:
            if implicit[0]:  # a plain scalar: "" looks up "", as PyYAML's does
                for tag, regexp in by_first.get(value[:1], ()):  # type: ignore[index]
                    if regexp.match(value):
                        return tag
            return text
        return seq if kind is sequence else map_

    return type(base.__name__, (base,), {"resolve": resolve, "__doc__": _lean_resolver.__doc__})


_Loader = _lean_resolver(_SafeLoader)

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
        if self.file is None:
            return
        try:
            # load_path, not read_bytes: the file may have become a FIFO or grown since.
            fresh = load_path(self.file, self.path)
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


def read_regular(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a regular file (one more than the limit tells the caller it
    is over). Anything else is an OSError "not a regular file": opening a FIFO would block until
    a writer comes, reading /dev/zero would never end."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        # Reads sized by the file, not by the limit: a buffer of `limit` bytes for every file
        # (as `read(limit + 1)` allocates) cost more than the read. Read until end of file,
        # since the file may have grown since its stat; but a first read that returns exactly
        # the size fstat gave, one byte short of what it asked for, has met the end of the
        # file: no second read (a syscall per file) to hear so.
        wanted = limit + 1
        size = min(info.st_size + 1, wanted)
        first = os.read(descriptor, size)
        if len(first) == info.st_size < size:
            return first
        parts = [first]
        wanted -= len(first)
        size = min(1 << 16, wanted)
        while first and wanted > 0:
            part = os.read(descriptor, size)
            if not part:
                break
            parts.append(part)
            wanted -= len(part)
            size = min(1 << 16, wanted)
        return parts[0] if len(parts) == 1 else b"".join(parts)
    finally:
        os.close(descriptor)


def load_path(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and load one file. I/O errors are the caller's (they are usage errors, exit 2).

    Only a regular file is read (a FIFO would block, /dev/zero would never end), and never more
    than the size limit, whatever the file grew to since it was listed.
    """
    raw = read_regular(path, limits.max_bytes)
    if len(raw) > limits.max_bytes:
        doc = Document(display)
        size = max(len(raw), path.stat().st_size)
        doc.problems.append(
            LoadProblem(
                LIMIT,
                Position(1, 1),
                f"file is {size:,} bytes, over the limit of {limits.max_bytes:,}; not read",
            )
        )
        return doc
    return load_bytes(raw, display, limits)


def load_bytes(raw: bytes, display: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    doc = Document(display)
    if b"\x00" in raw:
        line = _byte_line(raw, raw.index(b"\x00"))
        doc.problems.append(
            LoadProblem(ENCODING, Position(line, 1), "file contains NUL bytes: binary, not YAML")
        )
        return doc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = _byte_line(raw, exc.start)
        start = max(raw.rfind(b"\n", 0, exc.start), raw.rfind(b"\r", 0, exc.start)) + 1
        # Columns count characters, as everywhere else: the bytes before the bad one are valid.
        col = len(raw[start: exc.start].decode("utf-8-sig", "replace")) + 1
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
    text: str, display: str, limits: Limits = DEFAULT_LIMITS, doc: Document | None = None
) -> Document:
    doc = doc or Document(display)
    locate = _Locator(text)
    # Each pre-scan reads parser events only, never building nodes, and runs only when a cheap
    # bound says the file might need it: most claim files skip all three.
    constructs = _may_hold_refused_constructs(text)
    depth = min(limits.max_depth, DEPTH_CEILING)
    deep = _nesting_bound(text) > depth
    # Composing builds every node before the converter could count them (a 5 MB flow list of
    # 2.4 million numbers takes ~10 s and over 1 GB); no text holds two nodes a character.
    many = 2 * len(text) + 3 > limits.max_nodes
    if (constructs or deep or many) and _prescan(
        text, doc, locate, constructs=constructs, depth=depth if deep else None,
        nodes=limits.max_nodes if many else None,
    ):
        return doc
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = locate.mark(mark) if mark else Position(1, 1)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        message = _one_line(f"YAML syntax error: {problem}{context}")
        doc.problems.append(LoadProblem(SYNTAX, pos, message))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(
            LoadProblem(SYNTAX, _reader_position(exc, locate), _one_line(f"YAML error: {exc}"))
        )
        return doc
    if root is None:
        doc._positions, doc._key_positions = {}, {}
        return doc
    if not locate.unusual:
        try:
            doc.data, doc._marks = _fast_data(root, limits)
            return doc
        except (_Unusual, RecursionError):  # the latter only should the nesting bound be wrong
            pass
    converter = _Converter(doc, limits, locate)
    converter.run(root)
    doc._positions, doc._key_positions = converter.positions, converter.key_positions
    return doc


def _one_line(message: str) -> str:
    """A problem message is one line of output whatever the input held."""
    return " ".join(message.split()) if any(c in message for c in "\r\n\x85\u2028\u2029") \
        else message


# Lines as editors, git and GitHub count them: \n, \r\n and a lone \r end a line. libyaml also
# ends lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR; in a text holding one of those,
# positions are recomputed from the character index so that annotations land on the right line.
_BREAK = re.compile(r"\r\n|\r|\n")
_UNUSUAL_BREAK = re.compile("[\x85\u2028\u2029]")
_BYTE_BREAK = re.compile(rb"\r\n|\r|\n")


def _byte_line(raw: bytes, index: int) -> int:
    return len(_BYTE_BREAK.findall(raw, 0, index)) + 1


class _Locator:
    """libyaml marks → 1-based (line, column) in characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.unusual = _UNUSUAL_BREAK.search(text) is not None
        self._starts: list[int] | None = None

    def mark(self, mark: Any) -> Position:
        if not self.unusual:
            return Position(mark.line + 1, mark.column + 1)
        return self.index(mark.index)

    def index(self, index: int) -> Position:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _BREAK.finditer(self.text))]
        line = bisect.bisect_right(self._starts, index)
        return Position(line, index - self._starts[line - 1] + 1)


def _reader_position(exc: yaml.YAMLError, locate: _Locator) -> Position:
    index = getattr(exc, "position", None)
    if not isinstance(index, int):
        return Position(1, 1)
    return locate.index(index)


# Anchors (&), aliases (*), explicit tags (!) and merge keys (<<) can only occur where these
# characters do; most claim files have none, so the event scan below is usually skipped.
_SUSPECT = re.compile(r"[&*!]|<<")


def _may_hold_refused_constructs(text: str) -> bool:
    return _SUSPECT.search(text) is not None


# Every nesting level needs either a flow bracket or one more column of block indentation or
# indicator ("- ", "? "), so this cheap bound lets ordinary files skip the event scan.
_LEADING = re.compile(r"^[ \-?]*", re.MULTILINE)


def _nesting_bound(text: str) -> int:
    widest = max(map(len, _LEADING.findall(text)), default=0)  # no Python loop per line
    return text.count("[") + text.count("{") + widest + 2


def _prescan(text: str, doc: Document, locate: _Locator, *, constructs: bool,
             depth: int | None, nodes: int | None) -> bool:
    """Scan parser events once and stop at the first thing refused; True when one was.

    - `constructs`: anchors, aliases and explicit tags. A billion-laughs document is refused at
      its first anchor: scanning events never builds the aliased graph.
    - `depth`: nesting deeper than this, before libyaml's recursive composer sees it.
    - `nodes`: more nodes than this, before the composer builds them all in memory.

    A syntax error ends the scan quietly: compose reports it with its position.
    """
    level = count = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if constructs and _refused_construct(event, doc, locate):
                return True
            if isinstance(event, yaml.CollectionStartEvent):
                level += 1
                if depth is not None and level > depth:
                    doc.problems.append(LoadProblem(
                        LIMIT, locate.mark(event.start_mark),
                        f"nesting deeper than {depth} levels"
                        f"{' (the most factlint reads)' if depth == DEPTH_CEILING else ''}; "
                        "not read"))
                    return True
            elif isinstance(event, yaml.CollectionEndEvent):
                level -= 1
                continue
            elif not isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                continue
            count += 1
            if nodes is not None and count > nodes:
                doc.problems.append(LoadProblem(
                    LIMIT, locate.mark(event.start_mark),
                    f"more than {nodes:,} YAML nodes; not read"))
                return True
    except yaml.YAMLError as exc:
        # libyaml from 0.2.6 refuses flow nesting past 1,000 levels itself, and its scanner
        # reads a run of "[[[[" to the end before the parser emits the first event: the error
        # comes before the level above `depth` is seen. The text up to where libyaml stopped
        # yields those events (then ends in a syntax error), so the finding stays ours, at
        # the same place whatever the libyaml version.
        mark = getattr(exc, "problem_mark", None)
        if (depth is not None and mark is not None and 0 < mark.index < len(text)
                and "maximum nesting depth" in str(getattr(exc, "problem", ""))):
            return _prescan(text[:mark.index], doc, locate, constructs=constructs,
                            depth=depth, nodes=nodes)
        return False
    return False


def _refused_construct(event: yaml.Event, doc: Document, locate: _Locator) -> bool:
    anchor = getattr(event, "anchor", None)
    if isinstance(event, yaml.AliasEvent):
        message = f"YAML alias *{anchor} is not allowed in claim files: write the value out"
    elif anchor is not None:
        message = f"YAML anchor &{anchor} is not allowed in claim files: write the value out"
    elif getattr(event, "tag", None) is not None:
        message = f"YAML tag {event.tag} is not allowed in claim files"  # type: ignore[attr-defined]
    else:
        return False
    doc.problems.append(LoadProblem(UNSUPPORTED, locate.mark(event.start_mark), message))
    return True


class _Converter:
    """Node graph → plain data, recording positions and problems. Iterative, so depth never hits
    Python's recursion limit.

    The reference conversion: a load takes `_fast_data` instead and falls back on this for any
    document with a problem (or unusual line breaks), which keeps these tables."""

    def __init__(self, doc: Document, limits: Limits, locate: _Locator) -> None:
        self.doc = doc
        self.limits = limits
        self.count = 0
        self.positions: dict[NodePath, Position] = {}
        self.key_positions: dict[NodePath, Position] = {}
        self._pos = _pos if not locate.unusual else lambda node: locate.mark(node.start_mark)

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
            self.positions[path] = self._pos(node)
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
                    key_pos = self._pos(key_node)
                    if key in seen:
                        self._problem(
                            DUPLICATE_KEY,
                            key_node,
                            f"duplicate key {key!r} (first at line {seen[key].line}); YAML would "
                            "silently keep only the last value",
                        )
                    seen[key] = key_pos
                    self.key_positions[(*path, key)] = key_pos
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
        if len(node.value) > self.limits.max_string:
            self._problem(LIMIT, node, f"mapping key of {len(node.value):,} characters, over the "
                          f"limit of {self.limits.max_string:,}; truncated")
            return str(node.value[: self.limits.max_string])
        # Keys stay strings: a key `no:` must not become False.
        return str(node.value)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if len(node.value) > self.limits.max_string:
            self._problem(LIMIT, node, f"string of {len(node.value):,} characters, over the limit "
                          f"of {self.limits.max_string:,}; truncated")
            return node.value[: self.limits.max_string]
        return _scalar_value(node)

    def _problem(self, category: str, node: yaml.Node, message: str) -> None:
        self.doc.problems.append(LoadProblem(category, self._pos(node), message))


def _scalar_value(node: yaml.ScalarNode) -> Any:
    """A scalar's value by its resolved tag: YAML 1.1 numbers, booleans and null; dates stay
    strings (their precision is data); anything unreadable stays the text it was."""
    tag = node.tag
    if tag in (_STR, _TIMESTAMP):
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


class _Unusual(Exception):
    """Raised by `_fast_data` at anything the reference converter would report."""


def _fast_data(root: yaml.Node, limits: Limits) -> tuple[Any, _Marks]:
    """The data of a node graph that has nothing to report, as `_Converter` would build it,
    and where its nodes are. Raises `_Unusual` at the first complex, merge, duplicate or
    over-long key, over-long string or too many nodes, and the caller converts again with
    `_Converter`, which reports them in its order. Recursive, as a tight loop: the nesting bound
    checked before composing (see `load_text`) keeps the depth far below Python's recursion
    limit."""
    scalar, sequence, mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
    max_string = limits.max_string
    budget = [limits.max_nodes - 1]  # the root is one node
    by_id: dict[int, Any] = {}

    def convert(node: yaml.Node) -> Any:
        kind = type(node)
        if kind is scalar:
            text = node.value
            if len(text) > max_string:
                raise _Unusual
            tag = node.tag
            return text if tag == _STR else _scalar_value(node)
        items = node.value
        budget[0] -= len(items)
        if budget[0] < 0:
            raise _Unusual
        if kind is sequence:
            values = []
            marks = []
            for item in items:
                mark = item.start_mark
                marks.append(mark.line << 32 | mark.column)
                values.append(convert(item))
            by_id[id(values)] = tuple(marks)
            return values
        if kind is not mapping:
            raise _Unusual
        result: dict[str, Any] = {}
        where: dict[str, int] = {}
        for key_node, value_node in items:
            if type(key_node) is not scalar or key_node.tag == _MERGE:
                raise _Unusual
            key = key_node.value
            if len(key) > max_string or key in result:
                raise _Unusual
            result[key] = None  # the key order is the file's even if a value raises later
            k, v = key_node.start_mark, value_node.start_mark
            where[key] = (k.line << 32 | k.column) << 64 | v.line << 32 | v.column
        for key_node, value_node in items:
            result[key_node.value] = convert(value_node)
        by_id[id(result)] = where
        return result

    data = convert(root)
    # `convert` refers to itself through its closure: a reference cycle that would keep this
    # function alive until a garbage collection. Rebinding the name breaks it now.
    convert = _converted
    mark = root.start_mark
    return data, _Marks(mark.line << 32 | mark.column, by_id)


def _converted(node: yaml.Node) -> Any:
    raise AssertionError("a document's converter is called after its conversion")


def _pos(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def libyaml_warning() -> str | None:
    if HAVE_LIBYAML:
        return None
    return (
        "warning: PyYAML was built without libyaml; loading is about 8x slower "
        "(reinstall PyYAML with libyaml available)"
    )

