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
import re
from pathlib import Path
from typing import Any, cast

import yaml

from linter.files.read import read_regular
from linter.load.document import (
    DEFAULT_LIMITS,
    DEPTH_CEILING,
    DUPLICATE_KEY,
    ENCODING,
    LIMIT,
    SYNTAX,
    UNSUPPORTED,
    Document,
    Limits,
    LoadProblem,
    _Marks,
)
from linter.model import NodePath, Position

# What a run holds of a file lives in linter.load.document (no PyYAML); named here too, for callers
# that load.
__all__ = [
    "DEFAULT_LIMITS", "DEPTH_CEILING", "DUPLICATE_KEY", "ENCODING", "LIMIT", "SYNTAX",
    "UNSUPPORTED", "Document", "Limits", "LoadProblem", "load_bytes", "load_path", "load_text",
    "read_regular",
]

try:
    _SafeLoader: type = yaml.CSafeLoader
    HAVE_LIBYAML = True
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _SafeLoader = yaml.SafeLoader
    HAVE_LIBYAML = False


def _lean_resolver(base: Any) -> Any:
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
        if exc.context == "expected a single document in the stream":
            # Not a syntax error: valid YAML that holds a second document after `---`.
            message = ("a second YAML document starts here: a claim file holds one document; "
                       "remove this `---` and merge the entries, or move them to another file")
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
            return text if tag == _STR else _scalar_value(cast(yaml.ScalarNode, node))
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

