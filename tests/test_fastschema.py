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


# --- dates that do not exist ----------------------------------------------------------------

IMPOSSIBLE_DATES = ["2025-02-30", "2025-13-01", "2023-02-29", "1900-02-29", "2100-02-29",
                    "2025-04-31", "2025-00-10", "2025-01-00", "2025-01-32", "0000", "0000-01-01"]
REAL_DATES = ["2024-02-29", "2000-02-29", "1600-02-29", "2025-02-28", "2025-01-31",
              "2025-12-31", "2025-04-30", "0001-01-01", "9999-12-31", "2025", "2025-12"]


@pytest.mark.parametrize("date", IMPOSSIBLE_DATES + REAL_DATES)
def test_both_validators_judge_a_date_alike(date):
    for path in (("sources", 0, "published"), ("claims", 2, "value", "date")):
        doc = copy.deepcopy(VALID)
        target = doc
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = date
        expected = date in REAL_DATES
        assert FAST(doc) is expected, (date, path)
        assert SLOW.is_valid(doc) is expected, (date, path)


def _exists(text: str) -> bool:
    import datetime

    parts = [int(p) for p in text.split("-")]
    if parts[0] < 1:
        return False
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def test_the_date_pattern_is_the_calendar():
    # Every month and day number from 00 to 13 and 00 to 32, in years that test each leap rule
    # (and the ends of the range), against Python's calendar.
    date_schema = {"$ref": "#/$defs/date", "$defs": SCHEMA["$defs"]}
    fast = compile_schema(date_schema)
    slow = jsonschema.Draft202012Validator(date_schema)
    checked = 0
    for year in (0, 1, 4, 100, 400, 1600, 1700, 1900, 1996, 2000, 2023, 2024, 2025, 2100, 2400,
                 9996, 9999):
        texts = [f"{year:04d}"] + [f"{year:04d}-{m:02d}" for m in range(14)]
        texts += [f"{year:04d}-{m:02d}-{d:02d}" for m in range(14) for d in range(33)]
        for text in texts:
            assert fast(text) is slow.is_valid(text) is _exists(text), text
            checked += 1
    assert checked == 17 * (1 + 14 + 14 * 33)
