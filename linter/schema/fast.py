"""A fast yes/no validator for the subset of JSON Schema 2020-12 the claim-file schema uses.

jsonschema costs ~60 ms to import and ~0.1 ms per claim to validate, because it is general: it
collects every error with its path. Most files in a fact base are valid, and for those a yes is
all we need. This module compiles the schema once into nested closures that answer "valid?" and
nothing else; only a file that fails it goes to jsonschema for the full, located errors.

The compiler walks the schema once and refuses (raises `Unsupported`, never anything else) every
construct it does not implement exactly as jsonschema does: an unknown keyword, a keyword
argument of the wrong shape, a `$ref` that is not a plain `#/...` pointer to an object or boolean
(into an array, percent-encoded, `~0`/`~1`-escaped, remote, to an anchor), any `$ref` in a schema
that embeds another resource's `$id` (refs there resolve against that `$id`), a `$ref` cycle that
never descends into the instance, a pattern Python's `re` cannot compile, a `$schema` other than
2020-12. The caller then validates every file with jsonschema, so the fast path can never accept
what jsonschema would reject. tests/test_schema_differential.py holds it to jsonschema on the
official JSON Schema Test Suite. fastjsonschema was not an option: it runs 2020-12 schemas as
draft-07 without saying so (prefixItems and dependentSchemas would be ignored).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sized
from typing import Any

Check = Callable[[Any], bool]

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"

# Keywords with no effect on validity: skipped. `$schema` and `$id` are checked on the side.
_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "$comment", "examples",
                          "default", "$defs", "deprecated", "readOnly", "writeOnly"})

# Every keyword that affects validity and is implemented below (the differential tests pick the
# Test Suite's cases with this set).
IMPLEMENTED = frozenset({
    "$ref", "type", "enum", "const", "pattern", "minLength", "maxLength", "minItems", "maxItems",
    "minProperties", "maxProperties", "required", "properties", "additionalProperties", "items",
    "prefixItems", "oneOf", "anyOf", "allOf", "not", "dependentSchemas",
})

# A `$ref` the compiler resolves itself: "#" or "#/a/b" with plain segments. Anything else
# (percent-encoding, `~0`/`~1` escapes, a URI before the "#", an anchor) is jsonschema's job.
_PLAIN_POINTER = re.compile(r"#(?:/[A-Za-z0-9_.$-]+)*")


class Unsupported(Exception):
    """The schema uses a construct this validator does not implement."""


def json_equal(one: Any, two: Any) -> bool:
    """Equality as JSON Schema defines it (jsonschema's `_utils.equal`): booleans are not numbers
    (`True` is not `1`, `[0]` is not `[false]`), `1.0` is `1`, arrays compare item by item and
    objects key by key in any order."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, bool) or isinstance(two, bool):
        return False  # not the same object, so not the same boolean, or a boolean and another
    if isinstance(one, list | tuple) and isinstance(two, list | tuple):
        return len(one) == len(two) and all(
            json_equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, dict) and isinstance(two, dict):
        return len(one) == len(two) and all(
            key in two and json_equal(value, two[key]) for key, value in one.items())
    if isinstance(one, list | tuple | dict) or isinstance(two, list | tuple | dict):
        return False
    return bool(one == two)


def _is_type(name: Any) -> Check:
    if name == "object":
        return lambda v: isinstance(v, dict)
    if name == "array":
        return lambda v: isinstance(v, list)
    if name == "string":
        return lambda v: isinstance(v, str)
    if name == "boolean":
        return lambda v: isinstance(v, bool)
    if name == "null":
        return lambda v: v is None
    if name == "integer":
        return lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (
            isinstance(v, float) and v.is_integer())
    if name == "number":
        return lambda v: isinstance(v, int | float) and not isinstance(v, bool)
    raise Unsupported(f"type {name!r}")


def _all(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)

    def check(v: Any) -> bool:
        for each in checks:  # noqa: SIM110 - a loop: no generator to build on every node
            if not each(v):
                return False
        return True

    return check


def _enum(options: list[Any]) -> Check:
    if options and all(isinstance(o, str) for o in options):
        # A set lookup, not a scan: units and kinds are enums of dozens of strings.
        strings = frozenset(options)
        return lambda v: isinstance(v, str) and v in strings
    return lambda v: any(json_equal(v, o) for o in options)


def _const(value: Any) -> Check:
    if isinstance(value, str):
        return lambda v: isinstance(v, str) and v == value
    return lambda v: json_equal(v, value)


def _mapping(properties: dict[str, Check], extra: Check | None) -> Check:
    """`properties` (and `additionalProperties` when `extra`) in one pass over the mapping."""

    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        get = properties.get
        for key, value in v.items():
            sub = get(key)
            if sub is not None:
                if not sub(value):
                    return False
            elif extra is not None and not extra(value):
                return False
        return True

    return check


# keyword: (the type it constrains, whether the count is a minimum)
_SIZES: dict[str, tuple[type[Sized], bool]] = {
    "minLength": (str, True), "maxLength": (str, False), "minItems": (list, True),
    "maxItems": (list, False), "minProperties": (dict, True), "maxProperties": (dict, False),
}


def _size(kind: type[Sized], n: Any, at_least: bool) -> Check:
    if at_least:
        return lambda v: not isinstance(v, kind) or len(v) >= n
    return lambda v: not isinstance(v, kind) or len(v) <= n


def _any(options: list[Check]) -> Check:
    return lambda v: any(o(v) for o in options)


def _one_of(options: list[Check]) -> Check:
    return lambda v: sum(1 for o in options if o(v)) == 1


def _not(inner: Check) -> Check:
    return lambda v: not inner(v)


def _pattern(search: Callable[[str], Any]) -> Check:
    return lambda v: not isinstance(v, str) or search(v) is not None


def _required(names: tuple[str, ...]) -> Check:
    return lambda v: not isinstance(v, dict) or all(n in v for n in names)


def _dependent(dependents: dict[str, Check]) -> Check:
    return lambda v: not isinstance(v, dict) or all(
        check(v) for name, check in dependents.items() if name in v)


def _prefix(prefix: list[Check]) -> Check:
    return lambda v: not isinstance(v, list) or all(
        check(x) for check, x in zip(prefix, v, strict=False))


def _items(item: Check, skip: int) -> Check:
    def check(v: Any) -> bool:
        if not isinstance(v, list):
            return True
        for x in v[skip:] if skip else v:  # noqa: SIM110 - as in _all
            if not item(x):
                return False
        return True

    return check


def _count(keyword: str, arg: Any) -> Any:
    """The argument of minLength and the like: a number (2.0 is allowed, as jsonschema does)."""
    if isinstance(arg, bool) or not isinstance(arg, int | float):
        raise Unsupported(f"{keyword} {arg!r}")
    return arg


def _schemas(keyword: str, arg: Any) -> list[Any]:
    if not isinstance(arg, list) or (keyword != "prefixItems" and not arg):
        raise Unsupported(f"{keyword} takes a non-empty list of schemas")
    return arg


def _named(keyword: str, arg: Any) -> dict[str, Any]:
    if not isinstance(arg, dict) or not all(isinstance(k, str) for k in arg):
        raise Unsupported(f"{keyword} takes an object of schemas")
    return arg


class _Compiler:
    """Schema → nested closures. Plain loops rather than `all(generator)`, one pass over a
    mapping for its properties, set lookups for string enums and $refs bound directly once
    compiled: validating is a sizeable share of a cold run, and these halve it."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}
        # Pointer → how many instance levels down its compilation started: meeting it again at
        # the same level is a cycle that validates the same value forever.
        self.compiling: dict[str, int] = {}
        self.depth = 0
        self.cyclic = False
        self.has_ref = False
        self.embedded_id = False

    def ref(self, pointer: Any) -> Check:
        self.has_ref = True
        if not isinstance(pointer, str) or not _PLAIN_POINTER.fullmatch(pointer):
            raise Unsupported(f"$ref {pointer!r}")
        if pointer in self.refs:
            return self.refs[pointer]
        slots = self.refs
        if pointer in self.compiling:
            if self.compiling[pointer] == self.depth:
                raise Unsupported(f"$ref {pointer!r} refers to itself on the same value")
            self.cyclic = True
            # A cycle: the closure looks the compiled check up when called.
            return lambda v: slots[pointer](v)
        target: Any = self.root
        for part in pointer[2:].split("/") if pointer != "#" else []:
            if not isinstance(target, dict) or part not in target:
                raise Unsupported(f"$ref {pointer!r} does not lead to a schema in an object")
            if target is not self.root and "$id" in target:
                self.embedded_id = True  # the rest of the pointer is inside another resource
            target = target[part]
        self.compiling[pointer] = self.depth
        compiled = self.compile(target)
        del self.compiling[pointer]
        slots[pointer] = compiled
        return compiled

    def child(self, schema: Any) -> Check:
        """A schema that applies to a value inside the instance (a property, an item)."""
        self.depth += 1
        try:
            return self.compile(schema)
        finally:
            self.depth -= 1

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise Unsupported(f"a schema is an object or a boolean, not {type(schema).__name__}")
        if "$schema" in schema and schema["$schema"] != DRAFT_2020_12:
            raise Unsupported(f"$schema {schema['$schema']!r}")
        if "$id" in schema:
            if not isinstance(schema["$id"], str):
                raise Unsupported(f"$id {schema['$id']!r}")
            if schema is not self.root:
                self.embedded_id = True
        if not isinstance(schema.get("$defs", {}), dict):
            raise Unsupported("$defs takes an object of schemas")
        checks: list[Check] = []
        for keyword, arg in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            if keyword == "$ref":
                checks.append(self.ref(arg))
            elif keyword == "type":
                names = [arg] if isinstance(arg, str) else arg
                if not isinstance(names, list) or not names:
                    raise Unsupported(f"type {arg!r}")
                tests = [_is_type(n) for n in names]
                checks.append(tests[0] if len(tests) == 1 else _any(tests))
            elif keyword == "enum":
                if not isinstance(arg, list):
                    raise Unsupported(f"enum {arg!r}")
                checks.append(_enum(list(arg)))
            elif keyword == "const":
                checks.append(_const(arg))
            elif keyword == "pattern":
                if not isinstance(arg, str):
                    raise Unsupported(f"pattern {arg!r}")
                try:
                    search = re.compile(arg).search
                except (re.error, OverflowError, RecursionError, ValueError) as error:
                    raise Unsupported(f"pattern {arg!r}: {error}") from None
                checks.append(_pattern(search))
            elif keyword in _SIZES:
                kind, at_least = _SIZES[keyword]
                checks.append(_size(kind, _count(keyword, arg), at_least))
            elif keyword == "required":
                if not isinstance(arg, list) or not all(isinstance(n, str) for n in arg):
                    raise Unsupported(f"required {arg!r}")
                checks.append(_required(tuple(arg)))
            elif keyword == "properties":
                if "additionalProperties" in schema:
                    continue  # checked with additionalProperties, in the same pass
                known = {name: self.child(sub) for name, sub in _named(keyword, arg).items()}
                checks.append(_mapping(known, None))
            elif keyword == "additionalProperties":
                known = {name: self.child(sub) for name, sub in
                         _named("properties", schema.get("properties", {})).items()}
                checks.append(_mapping(known, self.child(arg)))
            elif keyword == "items":
                skip = len(_schemas("prefixItems", schema.get("prefixItems", [])))
                checks.append(_items(self.child(arg), skip))
            elif keyword == "prefixItems":
                prefix = [self.child(sub) for sub in _schemas(keyword, arg)]
                checks.append(_prefix(prefix))
            elif keyword == "oneOf":
                options = [self.compile(sub) for sub in _schemas(keyword, arg)]
                checks.append(_one_of(options))
            elif keyword == "anyOf":
                checks.append(_any([self.compile(sub) for sub in _schemas(keyword, arg)]))
            elif keyword == "allOf":
                checks.append(_all([self.compile(sub) for sub in _schemas(keyword, arg)]))
            elif keyword == "not":
                checks.append(_not(self.compile(arg)))
            elif keyword == "dependentSchemas":
                dependents = {name: self.compile(sub)
                              for name, sub in _named(keyword, arg).items()}
                checks.append(_dependent(dependents))
            else:
                raise Unsupported(f"keyword {keyword!r}")
        if not checks:
            return lambda v: True
        return _all(checks)


def compile_schema(schema: Any) -> Check:
    """A function telling whether an instance is valid; raises `Unsupported`, and nothing else,
    if it cannot be built for this schema exactly (use jsonschema then)."""
    compiler = _Compiler(schema)
    try:
        check = compiler.compile(schema)
    except Unsupported:
        raise
    except RecursionError:
        raise Unsupported("the schema is nested too deeply") from None
    except (TypeError, KeyError, IndexError, AttributeError, ValueError, re.error) as error:
        # A shape the checks above did not foresee.
        raise Unsupported(f"{type(error).__name__}: {error}") from None
    if compiler.has_ref and compiler.embedded_id:
        # Refs in or into an embedded resource resolve against its $id, not the root.
        raise Unsupported("$ref in a schema that embeds another resource ($id)")
    if not compiler.cyclic:
        return check

    def guarded(v: Any) -> bool:
        # A recursive schema follows the instance down; a value nested beyond the stack gets a
        # "not known valid", and jsonschema says why.
        try:
            return check(v)
        except RecursionError:
            return False

    return guarded
