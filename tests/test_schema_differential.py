"""The fast validator against jsonschema: on the official JSON Schema Test Suite (draft 2020-12,
vendored under tests/data/json-schema-test-suite/), on generated schemas and on generated
claim-file-shaped documents.

"The fallback" is what the schema rule does when `compile_schema` raises `Unsupported`: every file
goes to jsonschema. The fast validator answers yes/no only (no error paths), so verdicts are what
is compared; the located errors always come from jsonschema.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from linter.schema import schema as claim_schema
from linter.schema.fast import IMPLEMENTED, Unsupported, compile_schema, json_equal

SUITE = Path(__file__).resolve().parent / "data" / "json-schema-test-suite" / "draft2020-12"
ANNOTATIONS = {"$schema", "$id", "title", "description", "$comment", "examples", "default",
               "$defs", "deprecated", "readOnly", "writeOnly"}

# Keywords whose value is one subschema, a list of them, an object of them (to list the keywords
# a suite schema uses, wherever they sit).
_ONE = {"items", "additionalProperties", "not", "contains", "if", "then", "else", "propertyNames",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema"}
_MANY = {"allOf", "anyOf", "oneOf", "prefixItems"}
_MAP = {"properties", "$defs", "dependentSchemas", "patternProperties"}

# Suite cases that use only implemented keywords but a construct the fast validator leaves to
# jsonschema, with what it says. Each is a `$ref` it does not resolve itself.
FALLBACK = {
    ("defs", "validate definition against metaschema"):
        "$ref 'https://json-schema.org/draft/2020-12/schema'",
    ("ref", "relative pointer ref to array"):
        "$ref '#/prefixItems/0' does not lead to a schema in an object",
    ("ref", "escaped pointer ref"): "$ref '#/$defs/tilde~0field'",
    ("ref", "remote ref, containing refs itself"):
        "$ref 'https://json-schema.org/draft/2020-12/schema'",
    ("ref", "Recursive references between schemas"): "$ref 'node'",
    ("ref", "refs with quote"): "$ref '#/$defs/foo%22bar'",
    # `#/$defs/inner` is relative to an embedded `$id`, not the root
    ("ref", "refs with relative uris and defs"):
        "$ref '#/$defs/inner' does not lead to a schema in an object",
    ("ref", "relative refs with absolute uris and defs"):
        "$ref '#/$defs/inner' does not lead to a schema in an object",
    ("ref", "$id must be resolved against nearest parent, not just immediate parent"):
        "$ref 'http://example.com/b/d.json'",
    ("ref", "URN base URI with URN and JSON pointer ref"):
        "$ref 'urn:uuid:deadbeef-1234-0000-0000-4321feebdaed#/$defs/bar'",
    ("ref", "URN ref with nested pointer ref"): "$ref 'urn:uuid:deadbeef-4321-ffff-ffff-1234feebdaed'",
    ("ref", "ref with absolute-path-reference"): "$ref '/absref/foobar.json'",
    ("ref", "empty tokens in $ref json-pointer"): "$ref '#/$defs//$defs/'",
}


def _keywords(schema: Any, found: set[str]) -> set[str]:
    if isinstance(schema, dict):
        for keyword, arg in schema.items():
            found.add(keyword)
            if keyword in _ONE:
                _keywords(arg, found)
            elif keyword in _MANY and isinstance(arg, list):
                for sub in arg:
                    _keywords(sub, found)
            elif keyword in _MAP and isinstance(arg, dict):
                for sub in arg.values():
                    _keywords(sub, found)
    return found


def _groups() -> list[tuple[str, dict[str, Any]]]:
    groups = []
    for path in sorted(SUITE.glob("*.json")):
        for group in json.loads(path.read_text("utf-8")):
            groups.append((path.stem, group))
    return groups


GROUPS = _groups()


def _verdict(schema: Any, instance: Any) -> bool:
    """What the schema rule decides: the fast validator, or jsonschema when it refuses."""
    try:
        fast = compile_schema(schema)
    except Unsupported:
        return jsonschema.Draft202012Validator(schema).is_valid(instance)
    return fast(instance)


def test_the_vendored_suite_is_complete():
    # 25 files, 175 groups: a refresh that loses files or cases shows here.
    assert len({name for name, _ in GROUPS}) == 25
    assert len(GROUPS) == 175
    assert (SUITE.parent / "LICENSE").read_text("utf-8").startswith("Copyright (c) 2012 Julian")


@pytest.mark.parametrize(("name", "group"), GROUPS,
                         ids=[f"{n}: {g['description']}" for n, g in GROUPS])
def test_suite_case(name, group):
    schema = group["schema"]
    slow = jsonschema.Draft202012Validator(schema)
    implemented = _keywords(schema, set()) <= IMPLEMENTED | ANNOTATIONS
    try:
        fast = compile_schema(schema)
    except Unsupported as refusal:
        fast = None
        if implemented:
            assert FALLBACK.get((name, group["description"])) == str(refusal)
    else:
        assert implemented, "compiled a schema with a keyword the fast validator lacks"
        assert (name, group["description"]) not in FALLBACK
    for case in group["tests"]:
        expected = case["valid"]
        assert slow.is_valid(case["data"]) is expected, case["description"]
        if fast is not None:
            assert fast(case["data"]) is expected, case["description"]
        assert _verdict(schema, case["data"]) is expected, case["description"]


def test_the_suite_exercises_both_paths():
    compiled = refused = 0
    for _, group in GROUPS:
        try:
            compile_schema(group["schema"])
            compiled += 1
        except Unsupported:
            refused += 1
    assert (compiled, refused) == (143, 32)


# --- constructs the fast validator leaves to jsonschema ------------------------------------


@pytest.mark.parametrize(("schema", "message"), [
    ({"prefixItems": [{"type": "string"}], "items": {"$ref": "#/prefixItems/0"}},
     "$ref '#/prefixItems/0' does not lead to a schema in an object"),
    ({"$defs": {"x": [{"type": "string"}]}, "$ref": "#/$defs/x/0"},
     "$ref '#/$defs/x/0' does not lead to a schema in an object"),
    ({"$defs": {"a%b": {"type": "string"}}, "$ref": "#/$defs/a%25b"}, "$ref '#/$defs/a%25b'"),
    ({"$defs": {"a/b": {"type": "string"}}, "$ref": "#/$defs/a~1b"}, "$ref '#/$defs/a~1b'"),
    ({"$defs": {"a~b": {"type": "string"}}, "$ref": "#/$defs/a~0b"}, "$ref '#/$defs/a~0b'"),
    ({"$ref": "#/$defs/missing"}, "$ref '#/$defs/missing' does not lead to a schema in an object"),
    ({"$defs": {"n": 5}, "$ref": "#/$defs/n"}, "a schema is an object or a boolean, not int"),
    ({"$ref": "other.json"}, "$ref 'other.json'"),
    ({"$ref": "#anchor"}, "$ref '#anchor'"),
    ({"$ref": 5}, "$ref 5"),
    # a $ref under an embedded $id resolves against that $id
    ({"$defs": {"t": {"type": "integer"}},
      "properties": {"a": {"$id": "http://example.com/inner", "$defs": {"t": {"type": "string"}},
                           "$ref": "#/$defs/t"}}},
     "$ref in a schema that embeds another resource ($id)"),
    # ... and so does one that reaches into an embedded resource by pointer
    ({"$defs": {"r": {"$id": "http://example.com/r", "properties": {"x": {"$ref": "#/$defs/s"}},
                      "$defs": {"s": {"type": "string"}}}, "s": {"type": "integer"}},
      "$ref": "#/$defs/r/properties/x"},
     "$ref in a schema that embeds another resource ($id)"),
    ({"pattern": "("}, "pattern '(': missing ), unterminated subpattern at position 0"),
    ({"pattern": "\\p{L}"}, "pattern '\\\\p{L}': bad escape \\p at position 0"),
    ({"pattern": 5}, "pattern 5"),
    ({"format": "email"}, "keyword 'format'"),
    ({"minimum": 0}, "keyword 'minimum'"),
    ({"properties": {"a": {"patternProperties": {}}}}, "keyword 'patternProperties'"),
    ({"$anchor": "a"}, "keyword '$anchor'"),
    ({"$schema": "http://json-schema.org/draft-07/schema#"},
     "$schema 'http://json-schema.org/draft-07/schema#'"),
    ({"$id": 5}, "$id 5"),
    ({"$defs": []}, "$defs takes an object of schemas"),
    ({"type": 5}, "type 5"),
    ({"type": []}, "type []"),
    ({"type": "float"}, "type 'float'"),
    ({"type": ["string", {}]}, "type {}"),
    ({"enum": "abc"}, "enum 'abc'"),
    ({"required": "a"}, "required 'a'"),
    ({"required": [1]}, "required [1]"),
    ({"minLength": "2"}, "minLength '2'"),
    ({"maxItems": True}, "maxItems True"),
    ({"properties": []}, "properties takes an object of schemas"),
    ({"properties": {"a": 1}}, "a schema is an object or a boolean, not int"),
    ({"additionalProperties": False, "properties": [1]}, "properties takes an object of schemas"),
    ({"items": [{}]}, "a schema is an object or a boolean, not list"),
    ({"items": {}, "prefixItems": {}}, "prefixItems takes a non-empty list of schemas"),
    ({"allOf": []}, "allOf takes a non-empty list of schemas"),
    ({"oneOf": {}}, "oneOf takes a non-empty list of schemas"),
    ({"dependentSchemas": [1]}, "dependentSchemas takes an object of schemas"),
    ([{"type": "string"}], "a schema is an object or a boolean, not list"),
    (None, "a schema is an object or a boolean, not NoneType"),
    # a cycle that never reaches a child value would validate the same value forever
    ({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}},
      "$ref": "#/$defs/a"},
     "$ref '#/$defs/a' refers to itself on the same value"),
    ({"anyOf": [{"$ref": "#"}]}, "$ref '#' refers to itself on the same value"),
])
def test_unimplemented_constructs_are_refused_at_compile_time(schema, message):
    with pytest.raises(Unsupported) as refusal:
        compile_schema(schema)
    assert str(refusal.value) == message


def test_a_schema_nested_beyond_the_stack_is_refused():
    schema: dict[str, Any] = {}
    for _ in range(5000):
        schema = {"not": schema}
    with pytest.raises(Unsupported) as refusal:
        compile_schema(schema)
    assert str(refusal.value) == "the schema is nested too deeply"


def test_a_recursive_schema_on_a_value_nested_beyond_the_stack_is_not_known_valid():
    check = compile_schema({"properties": {"a": {"$ref": "#"}}, "type": "object"})
    shallow: dict[str, Any] = {}
    deep: dict[str, Any] = {}
    for _ in range(10):
        shallow = {"a": shallow}
    for _ in range(5000):
        deep = {"a": deep}
    assert check(shallow) is True
    assert check({"a": {"a": 1}}) is False
    assert check(deep) is False  # "ask jsonschema", not a traceback


def test_a_recursive_schema_through_a_child_value_compiles():
    tree = {"$defs": {"node": {"type": "object", "required": ["v"],
                               "properties": {"kids": {"type": "array",
                                                       "items": {"$ref": "#/$defs/node"}}}}},
            "$ref": "#/$defs/node"}
    check = compile_schema(tree)
    slow = jsonschema.Draft202012Validator(tree)
    for value in ({"v": 1}, {"v": 1, "kids": [{"v": 2, "kids": []}]}, {"v": 1, "kids": [{}]}):
        assert check(value) is slow.is_valid(value)
    assert [check(v) for v in ({"v": 1}, {"v": 1, "kids": [{}]})] == [True, False]


# --- JSON equality in enum and const ---------------------------------------------------------


@pytest.mark.parametrize(("one", "two", "equal"), [
    ([0], [False], False),
    ([1], [True], False),
    (True, 1, False),
    (False, 0, False),
    (None, False, False),
    (1.0, 1, True),
    ([[1.0]], [[1]], True),
    ({"a": 1, "b": [2.0]}, {"b": [2], "a": 1}, True),
    ({"a": 0}, {"a": False}, False),
    ({"a": 1}, {"a": 1, "b": 1}, False),
    ([{}], [[]], False),
    ([], {}, False),
    ("1", 1, False),
    ([1, 2], [2, 1], False),
    (True, True, True),
    ([None], [None], True),
])
def test_json_equality(one, two, equal):
    assert json_equal(one, two) is equal
    assert json_equal(two, one) is equal
    for schema in ({"enum": [one]}, {"const": one}, {"enum": ["x", one]}):
        assert compile_schema(schema)(two) is equal, schema
        assert jsonschema.Draft202012Validator(schema).is_valid(two) is equal, schema


# --- generated schemas -----------------------------------------------------------------------

_KEYS = st.sampled_from(["a", "b", "c"])
_SCALARS = (st.none() | st.booleans() | st.integers(-2, 2)
            | st.sampled_from([0.0, 1.0, 1.5, -2.0]) | st.text(alphabet="ab1\n", max_size=3))
JSON = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(_KEYS, inner, max_size=3), max_leaves=8)
_TYPES = st.sampled_from(["object", "array", "string", "integer", "number", "boolean", "null"])
_LEAF = st.booleans() | st.fixed_dictionaries({}, optional={
    "type": _TYPES | st.lists(_TYPES, min_size=1, max_size=3, unique=True),
    "enum": st.lists(JSON, min_size=1, max_size=3),
    "const": JSON,
    "pattern": st.sampled_from(["^a", "b$", "^a(?!\\n)$", "\\d", "^$", "1"]),
    "minLength": st.integers(0, 3), "maxLength": st.integers(0, 3),
    "minItems": st.integers(0, 3), "maxItems": st.integers(0, 3),
    "minProperties": st.integers(0, 3), "maxProperties": st.integers(0, 3),
    "required": st.lists(_KEYS, max_size=2, unique=True),
}) | st.sampled_from([{"$ref": "#"}, {"$ref": "#/$defs/d"}])
SCHEMAS = st.recursive(_LEAF, lambda inner: st.fixed_dictionaries({}, optional={
    "properties": st.dictionaries(_KEYS, inner, max_size=2),
    "additionalProperties": inner,
    "items": inner,
    "prefixItems": st.lists(inner, max_size=2),
    "allOf": st.lists(inner, min_size=1, max_size=2),
    "anyOf": st.lists(inner, min_size=1, max_size=2),
    "oneOf": st.lists(inner, min_size=1, max_size=2),
    "not": inner,
    "dependentSchemas": st.dictionaries(_KEYS, inner, max_size=2),
}), max_leaves=6)


@settings(max_examples=300, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(definition=SCHEMAS, body=SCHEMAS, instances=st.lists(JSON, min_size=1, max_size=4))
def test_generated_schemas_agree_with_jsonschema(definition, body, instances):
    schema = {"$defs": {"d": definition}, **body} if isinstance(body, dict) else body
    try:
        fast = compile_schema(schema)
    except Unsupported as refusal:
        # Only a `$ref` cycle on the same value is refused here (jsonschema would recurse
        # without end on it too).
        assert str(refusal).endswith("refers to itself on the same value")
        assume(False)
        return
    slow = jsonschema.Draft202012Validator(schema)
    for instance in instances:
        assert fast(instance) is slow.is_valid(instance), instance


_GARBAGE_KEYS = st.sampled_from(sorted(IMPLEMENTED | {"$defs", "$id", "$schema", "format", "a"}))
GARBAGE = st.recursive(JSON | st.sampled_from(["#", "#/$defs/a", "#/a/0", "(", "object"]),
                       lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(_GARBAGE_KEYS, inner, max_size=3), max_leaves=10)


@settings(max_examples=300, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(schema=GARBAGE, instances=st.lists(JSON, max_size=3))
def test_any_schema_compiles_or_is_refused(schema, instances):
    # Never another exception; and what compiles agrees with jsonschema.
    try:
        fast = compile_schema(schema)
    except Unsupported:
        return
    slow = jsonschema.Draft202012Validator(schema)
    for instance in instances:
        assert fast(instance) is slow.is_valid(instance), instance


# --- generated claim files -------------------------------------------------------------------

CLAIM_SCHEMA = claim_schema()
FAST = compile_schema(CLAIM_SCHEMA)
SLOW = jsonschema.Draft202012Validator(CLAIM_SCHEMA)

# A valid claim file is generated first, then broken in up to three places: a value replaced by
# a near miss or a wrong type, a key dropped, an unknown key added, a newline appended to a
# string. Files come out valid, broken in one field, or broken in several, in fair shares.
_ID = st.sampled_from(["s1", "c-2", "a.b_c", "x" * 120, "0"])
_DATE = st.sampled_from(["2025", "2025-07", "2024-02-29", "2025-12-31", "0001"])
_TEXT = st.sampled_from(["Some text.", "a\nb", "ends in a newline\n", "x"])
_SOME = st.sampled_from([True, False])
NEAR_MISSES = ["x" * 121, "Abc", "-a", "a b", "2023-02-29", "2025-13", "2025-7", "ftp://x",
               "News", "usd", "fl101", "EN", "too short", "", " ", "\n", 2025, 1.5, 0, True,
               None, [], {}, [1], ["1", 2], [1, 2, 3], {"amount": 1}]


def _optional(draw: Any, out: dict[str, Any], fields: dict[str, st.SearchStrategy[Any]]) -> None:
    for key, value in fields.items():
        if draw(_SOME):
            out[key] = draw(value)


_SUPPRESS = st.lists(st.fixed_dictionaries({"rule": st.sampled_from(["FL101", "AB12"]),
                                            "reason": st.just("reviewed by the desk")}),
                     max_size=1)


@st.composite
def _source(draw: Any) -> dict[str, Any]:
    out = {"id": draw(_ID), "title": draw(_TEXT), "kind": draw(st.sampled_from(["news", "blog"]))}
    _optional(draw, out, {
        "publisher": _TEXT, "url": st.sampled_from(["https://example.com/a", "http://x.y/?q=1"]),
        "published": _DATE, "accessed": _DATE, "authors": st.lists(_TEXT, max_size=2),
        "language": st.sampled_from(["en", "zh-Hans"]), "provenance": st.just("none"),
        "archive": st.just("a.txt"), "notes": st.just(""), "suppress": _SUPPRESS})
    return out


@st.composite
def _figure(draw: Any) -> dict[str, Any]:
    kind = draw(st.sampled_from(["amount", "range", "date", "relative"]))
    out: dict[str, Any] = {kind: draw({
        "amount": st.sampled_from([82, 82.5, 1.0, -3]),
        "range": st.sampled_from([[1, 2], [1.0, 2.5]]),
        "date": _DATE, "relative": st.just("last month")}[kind])}
    extra = {"qualifier": st.just("about"), "as_of": _DATE, "kind": st.just("forecast")}
    if kind in ("amount", "range"):
        extra |= {"scale": st.just("million"), "unit": st.sampled_from(["percent", "USD"]),
                  "counted": st.just("GPUs")}
    _optional(draw, out, extra)
    return out


@st.composite
def _claim(draw: Any) -> dict[str, Any]:
    out = {"id": draw(_ID), "text": draw(_TEXT)}
    _optional(draw, out, {
        "subject": st.just("x"), "property": st.just("share"), "value": _figure(),
        "attribution": _TEXT, "rank": st.just("preferred"), "tags": st.lists(st.just("t")),
        "evidence": st.lists(st.fixed_dictionaries({"source": _ID, "quote": _TEXT},
                                                   optional={"locator": st.just("p. 2")}),
                             min_size=1, max_size=2),
        "review": st.fixed_dictionaries({"verdict": st.sampled_from(["true", "mixed"])},
                                        optional={"date": _DATE}),
        "suppress": _SUPPRESS})
    return out


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into the document, the document itself first."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _places(value, (*path, index))
    return found


@st.composite
def claim_files(draw: Any) -> tuple[dict[str, Any], list[str]]:
    document: dict[str, Any] = {"sources": draw(st.lists(_source(), max_size=2)),
                                "claims": draw(st.lists(_claim(), min_size=1, max_size=3))}
    done = []
    for _ in range(draw(st.sampled_from([0, 1, 1, 2, 3]))):
        path = draw(st.sampled_from(_places(document)))
        how = draw(st.sampled_from(["replace", "drop", "add", "newline", "newline"]))
        if not path:
            how = "add"
        parent: Any = document
        for part in path[:-1]:
            parent = parent[part]
        target = parent[path[-1]] if path else document
        if how == "add" and isinstance(target, dict):
            target[draw(st.sampled_from(["extra", "qoute", "Id", "unit"]))] = draw(_TEXT)
        elif how == "newline" and isinstance(target, str):
            parent[path[-1]] = target + "\n"
        elif how == "drop" and isinstance(parent, dict):
            del parent[path[-1]]
        elif path:
            how = "replace"
            parent[path[-1]] = draw(st.sampled_from(NEAR_MISSES))
        done.append(how)
    return document, done


def test_generated_claim_files_agree_with_jsonschema():
    seen: Counter[str] = Counter()

    @settings(max_examples=400, derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(generated=claim_files())
    def agree(generated: tuple[dict[str, Any], list[str]]) -> None:
        document, done = generated
        valid = SLOW.is_valid(document)
        assert FAST(document) is valid
        seen["valid" if valid else "invalid"] += 1
        if valid and any(isinstance(c.get("value"), dict) and c.get("evidence")
                         for c in document.get("claims", []) if isinstance(c, dict)):
            seen["valid with a figure and evidence"] += 1
        if done == ["newline"] and not valid:
            seen["invalid only for a trailing newline"] += 1

    agree()
    # The comparison means something only if both verdicts come up, valid files have figures
    # and evidence, and some files are wrong only for a trailing newline.
    assert set(seen) == {"valid", "invalid", "valid with a figure and evidence",
                         "invalid only for a trailing newline"}, seen
