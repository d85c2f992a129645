"""The fast yes/no validator agrees with jsonschema on valid and broken claim files."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from linter.schema import schema_text
from linter.schema.fast import Unsupported, compile_schema

SCHEMA = json.loads(schema_text())
FAST = compile_schema(SCHEMA)
SLOW = jsonschema.Draft202012Validator(SCHEMA)

VALID = {
    "sources": [{"id": "s1", "title": "T", "kind": "news", "published": "2025-07",
                 "url": "https://www.wsj.com/x", "authors": ["A B"],
                 "suppress": [{"rule": "FL301", "reason": "reviewed by the desk editor"}]}],
    "claims": [
        {"id": "c1", "text": "82%.", "value": {"amount": 82, "unit": "percent", "as_of": "2027"},
         "evidence": [{"source": "s1", "quote": "82%"}], "review": {"verdict": "true"}},
        {"id": "c2", "text": "range", "value": {"range": [80, 85.5], "unit": "percent"}},
        {"id": "c3", "text": "date", "value": {"date": "2025-01-20", "qualifier": "about"}},
    ],
}


def _mutations() -> list[tuple[str, object]]:
    def at(path, value):
        doc = copy.deepcopy(VALID)
        target = doc
        for part in path[:-1]:
            target = target[part]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value
        return doc

    return [
        ("valid", VALID),
        ("empty mapping", {}),
        ("top-level list", [1]),
        ("unknown top key", {**VALID, "extra": 1}),
        ("id pattern", at(("claims", 0, "id"), "Bad Id")),
        ("id too long", at(("claims", 0, "id"), "a" * 121)),
        ("missing text", at(("claims", 0, "text"), KeyError)),
        ("blank text", at(("claims", 0, "text"), "   ")),
        ("amount as string", at(("claims", 0, "value", "amount"), "82")),
        ("amount as bool", at(("claims", 0, "value", "amount"), True)),
        ("amount and date", at(("claims", 0, "value", "date"), "2025")),
        ("date with unit", at(("claims", 2, "value", "unit"), "percent")),
        ("range of three", at(("claims", 1, "value", "range"), [1, 2, 3])),
        ("range of strings", at(("claims", 1, "value", "range"), ["1", 2])),
        ("bad unit", at(("claims", 0, "value", "unit"), "percnt")),
        ("bad month", at(("sources", 0, "published"), "2025-13")),
        ("date as int", at(("sources", 0, "published"), 2025)),
        ("bad url", at(("sources", 0, "url"), "ftp://x")),
        ("short reason", at(("sources", 0, "suppress", 0, "reason"), "short")),
        ("bad verdict", at(("claims", 0, "review", "verdict"), "maybe")),
        ("evidence extra key", at(("claims", 0, "evidence", 0, "qoute"), "x")),
        ("authors not list", at(("sources", 0, "authors"), "A B")),
        ("bool kind", at(("sources", 0, "kind"), False)),
        ("integer-valued float amount", at(("claims", 0, "value", "amount"), 82.0)),
    ]


@pytest.mark.parametrize(("name", "document"), _mutations(), ids=[n for n, _ in _mutations()])
def test_fast_validator_agrees_with_jsonschema(name, document):
    assert FAST(document) is SLOW.is_valid(document)


def test_unknown_keywords_are_refused():
    with pytest.raises(Unsupported):
        compile_schema({"type": "object", "patternProperties": {"a": {}},
                        "additionalProperties": False})
    with pytest.raises(Unsupported):
        compile_schema({"format": "uri"})
