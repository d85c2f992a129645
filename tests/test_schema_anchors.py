"""Anchored patterns in the claim-file schema reject a trailing newline, in both validators.

Python's `$` (jsonschema's `pattern` is `re.search`) also matches before a final "\\n", so
`^[a-z0-9]...$` took "abc\\n" as an id; ECMA-262's `$` does not. The patterns end in `(?!\\n)$`.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest

from linter.schema import schema
from linter.schema.fast import compile_schema
from tests.conftest import write

SCHEMA = schema()
FAST = compile_schema(SCHEMA)
SLOW = jsonschema.Draft202012Validator(SCHEMA)

VALID: dict[str, Any] = {
    "sources": [{"id": "s1", "title": "T", "kind": "news", "published": "2025-07-30",
                 "accessed": "2025", "url": "https://example.com/a", "language": "en",
                 "suppress": [{"rule": "FL301", "reason": "reviewed by the desk editor"}]}],
    "claims": [{"id": "c1", "text": "A claim.",
                "value": {"date": "2025-01", "as_of": "2025-02"},
                "evidence": [{"source": "s1", "quote": "a quote"}],
                "review": {"verdict": "true", "date": "2025-03-01"}}],
}

FIELDS = [
    ("sources", 0, "id"), ("sources", 0, "published"), ("sources", 0, "accessed"),
    ("sources", 0, "url"), ("sources", 0, "language"), ("sources", 0, "suppress", 0, "rule"),
    ("claims", 0, "id"), ("claims", 0, "value", "date"), ("claims", 0, "value", "as_of"),
    ("claims", 0, "evidence", 0, "source"), ("claims", 0, "review", "date"),
]


def _with(path: tuple[Any, ...], suffix: str) -> dict[str, Any]:
    doc = copy.deepcopy(VALID)
    target: Any = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] += suffix
    return doc


def test_the_base_document_is_valid():
    assert FAST(VALID) is True
    assert SLOW.is_valid(VALID) is True


@pytest.mark.parametrize("path", FIELDS, ids=[".".join(map(str, p)) for p in FIELDS])
@pytest.mark.parametrize("suffix", ["\n", "\n\n", " ", "\r"])
def test_a_trailing_newline_or_space_is_rejected_by_both(path, suffix):
    doc = _with(path, suffix)
    assert FAST(doc) is False
    assert SLOW.is_valid(doc) is False
    assert [tuple(e.absolute_path) for e in SLOW.iter_errors(doc)] == [path]
    assert [e.validator for e in SLOW.iter_errors(doc)] == ["pattern"]


def test_every_anchored_pattern_ends_in_the_lookahead():
    def patterns(node: Any) -> list[str]:
        if isinstance(node, dict):
            found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
            return found + [p for value in node.values() for p in patterns(value)]
        if isinstance(node, list):
            return [p for value in node for p in patterns(value)]
        return []

    found = patterns(SCHEMA)
    anchored = [p for p in found if p.endswith("$")]
    assert len(found) == 8
    assert len(anchored) == 6
    assert all(p.endswith("(?!\\n)$") and p.startswith("^") for p in anchored), anchored
    assert sorted(set(found) - set(anchored)) == ["\\S"]


BASE = """\
sources:
  - id: s1
    title: A title
    kind: news
    published: "2025-07-30"
claims:
  - id: c1
    text: A claim.
"""


@pytest.mark.parametrize(("old", "new", "line", "column", "message"), [
    ("  - id: c1\n", '  - id: "abc\\n"\n', 7, 9,
     "claims[0].id: 'abc\\n' is not valid: A corpus-wide identifier: lowercase letters, "
     "digits, '.', '_' and '-'."),
    ('    published: "2025-07-30"\n', '    published: "2025-07-30\\n"\n', 5, 16,
     "sources[0].published: '2025-07-30\\n' is not valid: A calendar date with its precision: "
     "YYYY (a year), YYYY-MM (a month) or YYYY-MM-DD (a day)."),
    # a literal block scalar keeps its final newline: the same value, written another way
    ("  - id: s1\n", "  - id: |\n      s1\n", 2, 9,
     "sources[0].id: 's1\\n' is not valid: A corpus-wide identifier: lowercase letters, "
     "digits, '.', '_' and '-'."),
])
def test_a_trailing_newline_is_fl101_at_its_line(tmp_path, factlint, old, new, line, column,
                                                 message):
    assert old in BASE
    write(tmp_path, {"claims/a.yaml": BASE.replace(old, new, 1)})
    result = factlint("check", "--select", "FL101", "--format", "json", cwd=tmp_path)
    found = [(f["path"], f["line"], f["column"], f["code"], f["message"])
             for f in json.loads(result.out)["findings"]]
    assert found == [("claims/a.yaml", line, column, "FL101", message)]
    assert result.code == 1
