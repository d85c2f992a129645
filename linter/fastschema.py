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


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, pointer: str) -> Check:
        if not pointer.startswith("#/"):
            raise Unsupported(f"$ref {pointer!r}")
        if pointer not in self.refs:
            # A forward slot breaks cycles: the closure looks the compiled check up when called.
            self.refs[pointer] = lambda v: True
            target: Any = self.root
            for part in pointer[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            compiled = self.compile(target)
            self.refs[pointer] = compiled
        slots = self.refs
        return lambda v: slots[pointer](v)

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
                checks.append(lambda v, tests=tests: any(t(v) for t in tests))
            elif keyword == "enum":
                options = list(arg)
                checks.append(lambda v, options=options: any(
                    v == o and type(v) is type(o) for o in options))
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
                compiled = {name: self.compile(sub) for name, sub in arg.items()}
                checks.append(lambda v, c=compiled: not isinstance(v, dict) or all(
                    c[k](x) for k, x in v.items() if k in c))
            elif keyword == "additionalProperties":
                known = set(schema.get("properties", {}))
                if schema.get("patternProperties"):
                    raise Unsupported("patternProperties")
                extra = self.compile(arg)
                checks.append(lambda v, known=known, extra=extra: not isinstance(v, dict) or all(
                    extra(x) for k, x in v.items() if k not in known))
            elif keyword == "items":
                item = self.compile(arg)
                skip = len(schema.get("prefixItems", []))
                checks.append(lambda v, item=item, skip=skip: not isinstance(v, list) or all(
                    item(x) for x in v[skip:]))
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
                options = [self.compile(sub) for sub in arg]
                checks.append(lambda v, options=options: all(o(v) for o in options))
            elif keyword == "not":
                inner = self.compile(arg)
                checks.append(lambda v, inner=inner: not inner(v))
            elif keyword == "dependentSchemas":
                dependents = {name: self.compile(sub) for name, sub in arg.items()}
                checks.append(lambda v, d=dependents: not isinstance(v, dict) or all(
                    check(v) for name, check in d.items() if name in v))
            else:
                raise Unsupported(f"keyword {keyword!r}")
        if len(checks) == 1:
            return checks[0]
        return lambda v: all(check(v) for check in checks)


def compile_schema(schema: dict[str, Any]) -> Check:
    """A function telling whether an instance is valid; raises `Unsupported` if it cannot be
    built for this schema (use jsonschema then)."""
    return _Compiler(schema).compile(schema)
