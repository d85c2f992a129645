"""What a kind needs to compute a fix: a claim file's text, its YAML nodes with their spans, and
the findings' positions mapped onto those nodes.

The loader keeps only where nodes start (`linter.load.document`); a fix needs where they end as
well, so the file is composed again here, with PyYAML's Python composer, whose marks count
characters of the text (the offsets an `Edit` uses). This happens only for a finding that may
have a fix, never on a clean file.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from linter.files.digest import blake2b
from linter.files.read import read_regular
from linter.load.document import DEFAULT_LIMITS
from linter.model import Edit, Fix


def content_digest(raw: bytes) -> str:
    return blake2b(raw, digest_size=16).hexdigest()


class Node(NamedTuple):
    """A YAML node, its parent, and (for a mapping's value) the key node it sits under."""

    node: Any
    parent: Node | None
    key: Any = None

    @property
    def start(self) -> int:
        return int(self.node.start_mark.index)

    @property
    def end(self) -> int:
        return int(self.node.end_mark.index)

    @property
    def key_name(self) -> str | None:
        return str(self.key.value) if self.key is not None else None


class FileText:
    """One claim file as a fix edits it: `text` decoded (a BOM kept apart), its digest, and
    its nodes by the 1-based position findings give."""

    def __init__(self, path: str, raw: bytes) -> None:
        self.path = path
        self.digest = content_digest(raw)
        self.text = raw.decode("utf-8-sig")
        self._at: dict[tuple[int, int], list[Node]] = {}
        self._index()

    def _index(self) -> None:
        import yaml

        root = yaml.compose(self.text, Loader=yaml.SafeLoader)
        stack = [Node(root, None)] if root is not None else []
        while stack:
            located = stack.pop()
            mark = located.node.start_mark
            self._at.setdefault((mark.line + 1, mark.column + 1), []).append(located)
            if isinstance(located.node, yaml.MappingNode):
                for key, value in located.node.value:
                    stack.append(Node(value, located, key))
            elif isinstance(located.node, yaml.SequenceNode):
                stack.extend(Node(item, located) for item in located.node.value)

    def nodes_at(self, line: int, col: int) -> list[Node]:
        return self._at.get((line, col), [])

    def scalar_at(self, line: int, col: int) -> Node | None:
        import yaml

        for located in self.nodes_at(line, col):
            if isinstance(located.node, yaml.ScalarNode):
                return located
        return None

    def source(self, located: Node) -> str:
        return self.text[located.start:located.end]

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        """The index after the line break of the line holding `index` (or the text's end)."""
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    def fix(self, description: str, edits: list[tuple[int, int, str]], *,
            safe: bool) -> Fix:
        return Fix(safe, description,
                   tuple(Edit(self.path, start, end, text) for start, end, text in edits),
                   self.digest)


@lru_cache(maxsize=16)
def _parsed(path: str, raw: bytes) -> FileText | None:
    try:
        return FileText(path, raw)
    except Exception:  # text the Python composer cannot read: no fix, never a failed run
        return None


def file_text(path: str, file: Path | str | None = None) -> FileText | None:
    """The text of the claim file shown as `path` (read from `file`, else from `path`), or None
    when it cannot be read or composed."""
    try:
        raw = read_regular(file if file is not None else path, DEFAULT_LIMITS.max_bytes)
    except OSError:
        return None
    if len(raw) > DEFAULT_LIMITS.max_bytes:
        return None
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return _parsed(path, raw)


def of_document(document: Any) -> FileText | None:
    """The text of a loaded document (`linter.load.document.Document`)."""
    return file_text(document.path, document.file)


_PLAIN_SAFE = re.compile(r"[a-z0-9][a-z0-9._-]*")


def scalar_text(value: str, style: str | None) -> str:
    """`value` written as a YAML scalar in the style of the one it replaces: plain where a plain
    scalar reads back as this string, else double-quoted (JSON's escapes are YAML's)."""
    if style is None and _PLAIN_SAFE.fullmatch(value) and not _looks_typed(value):
        return value
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


def _looks_typed(value: str) -> bool:
    """Would YAML 1.1 read this plain scalar as something other than a string?"""
    import yaml

    return yaml.safe_load(value) != value
