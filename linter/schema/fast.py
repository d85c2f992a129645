"""A fast yes/no validator for the subset of JSON Schema 2020-12 the claim-file schema uses.

jsonschema costs ~60 ms to import and ~0.1 ms per claim to validate, because it is general: it
collects every error with its path. Most files in a fact base are valid, and for those a yes is
all we need. This module compiles the schema once into nested closures that answer "valid?" and
nothing else; only a file that fails it goes to jsonschema for the full, located errors.

It refuses (raises `Unsupported` at compile time) any keyword it does not implement, so it can
never silently accept what jsonschema would reject; `fastschema_agrees` tests compare the two on
valid and broken files. fastjsonschema was not an option: it runs 2020-12 schemas as draft-07
without saying so (prefixItems and dependentSchemas would be ignored).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

_ANNOTATIONS = {"$schema", "$id", "title", "description", "$comment", "examples", "default",
                "$defs", "deprecated", "readOnly", "writeOnly"}


class Unsupported(Exception):
    """The schema uses a keyword this validator does not implement."""


def _is_type(name: str) -> Check:
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
    if options and all(type(o) is str for o in options):
        # A set lookup, not a scan: units and kinds are enums of dozens of strings.
        strings = frozenset(options)
        return lambda v: type(v) is str and v in strings
    return lambda v: any(v == o and type(v) is type(o) for o in options)


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


class _Compiler:
    """Schema → nested closures. Plain loops rather than `all(generator)`, one pass over a
    mapping for its properties, set lookups for string enums and $refs bound directly once
    compiled: validating is a sizeable share of a cold run, and these halve it."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}
        self.compiling: set[str] = set()

    def ref(self, pointer: str) -> Check:
        if not pointer.startswith("#/"):
            raise Unsupported(f"$ref {pointer!r}")
        if pointer in self.refs:
            return self.refs[pointer]
        slots = self.refs
        if pointer in self.compiling:
            # A cycle: the closure looks the compiled check up when called.
            return lambda v: slots[pointer](v)
        self.compiling.add(pointer)
        target: Any = self.root
        for part in pointer[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        compiled = self.compile(target)
        self.compiling.discard(pointer)
        slots[pointer] = compiled
        return compiled

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        checks: list[Check] = []
        for keyword, arg in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            if keyword == "$ref":
                checks.append(self.ref(arg))
            elif keyword == "type":
                names = [arg] if isinstance(arg, str) else list(arg)
                tests = [_is_type(n) for n in names]
                checks.append(tests[0] if len(tests) == 1 else
                              lambda v, tests=tests: any(t(v) for t in tests))
            elif keyword == "enum":
                checks.append(_enum(list(arg)))
            elif keyword == "pattern":
                search = re.compile(arg).search
                checks.append(lambda v, s=search: not isinstance(v, str) or s(v) is not None)
            elif keyword == "minLength":
                checks.append(lambda v, n=arg: not isinstance(v, str) or len(v) >= n)
            elif keyword == "maxLength":
                checks.append(lambda v, n=arg: not isinstance(v, str) or len(v) <= n)
            elif keyword == "minItems":
                checks.append(lambda v, n=arg: not isinstance(v, list) or len(v) >= n)
            elif keyword == "maxItems":
                checks.append(lambda v, n=arg: not isinstance(v, list) or len(v) <= n)
            elif keyword == "minProperties":
                checks.append(lambda v, n=arg: not isinstance(v, dict) or len(v) >= n)
            elif keyword == "required":
                names = tuple(arg)
                checks.append(lambda v, names=names: not isinstance(v, dict) or all(
                    n in v for n in names))
            elif keyword == "properties":
                if "additionalProperties" in schema:
                    continue  # checked with additionalProperties, in the same pass
                checks.append(_mapping({name: self.compile(sub) for name, sub in arg.items()},
                                       None))
            elif keyword == "additionalProperties":
                if schema.get("patternProperties"):
                    raise Unsupported("patternProperties")
                known = {name: self.compile(sub)
                         for name, sub in schema.get("properties", {}).items()}
                checks.append(_mapping(known, self.compile(arg)))
            elif keyword == "items":
                item = self.compile(arg)
                skip = len(schema.get("prefixItems", []))

                def items(v: Any, item: Check = item, skip: int = skip) -> bool:
                    if not isinstance(v, list):
                        return True
                    for x in v[skip:] if skip else v:  # noqa: SIM110 - as in _all
                        if not item(x):
                            return False
                    return True

                checks.append(items)
            elif keyword == "prefixItems":
                prefix = [self.compile(sub) for sub in arg]
                checks.append(lambda v, prefix=prefix: not isinstance(v, list) or all(
                    check(x) for check, x in zip(prefix, v, strict=False)))
            elif keyword == "oneOf":
                options = [self.compile(sub) for sub in arg]
                checks.append(lambda v, options=options: sum(1 for o in options if o(v)) == 1)
            elif keyword == "anyOf":
                options = [self.compile(sub) for sub in arg]
                checks.append(lambda v, options=options: any(o(v) for o in options))
            elif keyword == "allOf":
                checks.append(_all([self.compile(sub) for sub in arg]))
            elif keyword == "not":
                inner = self.compile(arg)
                checks.append(lambda v, inner=inner: not inner(v))
            elif keyword == "dependentSchemas":
                dependents = {name: self.compile(sub) for name, sub in arg.items()}
                checks.append(lambda v, d=dependents: not isinstance(v, dict) or all(
                    check(v) for name, check in d.items() if name in v))
            else:
                raise Unsupported(f"keyword {keyword!r}")
        if not checks:
            return lambda v: True
        return _all(checks)


def compile_schema(schema: dict[str, Any]) -> Check:
    """A function telling whether an instance is valid; raises `Unsupported` if it cannot be
    built for this schema (use jsonschema then)."""
    return _Compiler(schema).compile(schema)
