"""Kind `schema`: each file against the claim-file JSON Schema (draft 2020-12).

Every error is reported, each at the node it is about: a wrong type at the value, an unexpected key
at that key, a missing key at the mapping that lacks it. jsonschema is imported here, lazily: it
costs ~60 ms to import, which a hook run that selects no schema rule should not pay.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from linter.model import Finding, Fix, NodePath
from linter.schema import schema as _schema

if TYPE_CHECKING:
    from linter.load.document import Document
    from linter.rulebook.context import Context

# Findings depend on this file alone: cached per file (see linter.run.store).
SCOPE = "file"
PARAMS: dict[str, object] = {"max_per_file": 100}
_FIGURE_KINDS = ("amount", "range", "date", "relative")
EMPTY = "file is empty: a claim file holds `sources` and/or `claims`"

_JSON_TYPES = {
    dict: "a mapping", list: "a list", str: "a string", bool: "a boolean", int: "an integer",
    float: "a number", type(None): "empty (null)",
}
_SCHEMA_TYPES = {
    "object": "a mapping", "array": "a list", "string": "a string", "boolean": "a boolean",
    "integer": "an integer", "number": "a number", "null": "null",
}


@cache
def _fast() -> Callable[[Any], bool] | None:
    from linter.schema.fast import Unsupported, compile_schema

    try:
        return compile_schema(_schema())
    except Unsupported:  # a schema beyond the fast subset: every file goes to jsonschema
        return None


@cache
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(_schema())


def check(ctx: Context) -> Iterator[Finding]:
    fast = _fast()
    for document in ctx.corpus.documents:
        if document.problems and document.data is None:
            continue  # the load rules already say why there is nothing to validate
        if document.data is None:
            yield ctx.at(document, (), EMPTY)
            continue
        if fast is not None and _known_valid(fast, document.data):
            continue  # valid: the yes/no validator is enough, jsonschema is never imported
        yield from _errors(ctx, document)


def _known_valid(fast: Callable[[Any], bool], data: Any) -> bool:
    """The fast validator's yes; anything it cannot answer goes to jsonschema."""
    try:
        return fast(data)
    except Exception:  # a "not known valid": jsonschema decides and says why
        return False


def _errors(ctx: Context, document: Document) -> Iterator[Finding]:
    """jsonschema's errors as findings; if jsonschema itself fails on the file (a recursion
    too deep, a pattern it cannot run), one finding at the top of the file says so: the file
    was not validated, and that must fail the gate, not end the run with a traceback."""
    # Errors come lazily: stopping at the cap also bounds the time a hostile file costs
    # (a list of 200,000 wrong items would otherwise take seconds and print as many lines).
    cap = int(ctx.params["max_per_file"])
    found: list[Finding] = []
    try:
        for count, error in enumerate(_validator().iter_errors(document.data)):
            if count == cap:
                found.append(ctx.at(document, (), f"more than {cap} schema errors in this "
                                    "file; the rest are not shown (fix these first)"))
                break
            found.extend(_findings(ctx, document, error))
    except Exception as exc:  # any failure of the validator, reported in place
        reason = str(exc).splitlines()[0][:200] if str(exc) else ""
        found.append(ctx.at(document, (), "could not be validated against the claim-file "
                            f"schema ({type(exc).__name__}{': ' + reason if reason else ''}); "
                            "the file is not known to be valid"))
    yield from found


def display(path: NodePath) -> str:
    """`claims[3].value.amount`: the path as a reader of the file would write it."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _findings(ctx: Context, document: Document, error: Any) -> Iterator[Finding]:
    path: NodePath = tuple(error.absolute_path)
    where = display(path)
    subject = _subject(document, path)
    validator, value, schema = error.validator, error.instance, error.schema

    def at(node: NodePath, message: str, *, key: bool = False) -> Finding:
        return ctx.at(document, node, message, key=key, subject=subject)

    if validator in ("oneOf", "anyOf", "not") and not isinstance(value, dict):
        return  # `required`-only branches: the type error at this node already says it
    if validator == "required":
        missing = [k for k in error.validator_value if isinstance(value, dict) and k not in value]
        for name in missing:
            yield at(path, f"{where}: missing required key {name!r}")
        return
    if validator == "additionalProperties" and isinstance(value, dict):
        allowed = set(schema.get("properties", {}))
        for name in sorted(k for k in value if k not in allowed):
            known = ", ".join(sorted(allowed))
            yield at((*path, name), f"{where}: unexpected key {name!r}{did_you_mean(name, allowed)}"
                     f" (allowed: {known})", key=True)
        return
    if validator == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_SCHEMA_TYPES.get(n, n) for n in names)
        got = _JSON_TYPES.get(type(value), type(value).__name__)
        if path == () and value is None:
            yield at(path, EMPTY)
            return
        hint = ""
        if isinstance(value, bool) and "string" in names:
            hint = " (YAML reads yes/no/on/off as booleans: quote the value)"
        elif isinstance(value, int | float) and "string" in names and path[-1:] in (
            ("published",), ("accessed",), ("as_of",), ("date",)
        ):
            hint = " (quote dates so they stay strings: \"2025\")"
        found = at(path, f"{where}: expected {wanted}, got {got} {_short(value)}{hint}")
        yield found._replace(fix=_quote_date(document, found)) if hint.startswith(" (quote d") \
            else found
        return
    if validator == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        hint = did_you_mean(value, error.validator_value) if isinstance(value, str) else ""
        yield at(path, f"{where}: {_short(value)} is not one of: {options}{hint}")
        return
    if validator == "pattern":
        described = schema.get("description")
        if error.validator_value == "\\S":
            yield at(path, f"{where}: must not be blank")
        else:
            detail = described or f"the pattern {error.validator_value}"
            found = at(path, f"{where}: {_short(value)} is not valid: {detail}")
            yield found._replace(fix=_iso_date(document, found, value, error.validator_value))
        return
    if validator == "minLength" and isinstance(value, str) and not value:
        yield at(path, f"{where}: must not be empty")
        return
    if validator == "oneOf" and isinstance(value, dict) and set(_FIGURE_KINDS) & set(
        schema.get("properties", {})
    ):
        present = [k for k in _FIGURE_KINDS if k in value]
        options = ", ".join(_FIGURE_KINDS[:-1]) + f" or {_FIGURE_KINDS[-1]}"
        if present:
            yield at(path, f"{where}: give only one of {options} (found {', '.join(present)})")
        else:
            yield at(path, f"{where}: give one of {options}")
        return
    if validator == "not" and isinstance(value, dict) and ("date" in value or "relative" in value):
        yield at(path, f"{where}: a date figure takes no unit or scale")
        return
    if validator == "minProperties" and path == ():
        yield at(path, "file holds neither `sources` nor `claims`")
        return
    if validator in ("minItems", "maxItems") and path[-1:] == ("range",):
        yield at(path, f"{where}: a range is exactly two numbers: [low, high]")
        return
    yield at(path, f"{where}: {error.message}")


# A year or a day YAML reads as a number or a timestamp when unquoted.
_UNQUOTED_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}){0,2}")


def _quote_date(document: Document, finding: Finding) -> Fix | None:
    """Safe: `published: 2025` → `published: "2025"` (the text as written, now a string)."""
    from linter.fix.edits import of_document

    text = of_document(document)
    node = text.scalar_at(finding.line, finding.col) if text else None
    if text is None or node is None or node.node.style is not None:
        return None
    written = text.source(node)
    if not _UNQUOTED_DATE.fullmatch(written):
        return None
    return text.fix(f'quote the date: "{written}"', [(node.start, node.end, f'"{written}"')],
                    safe=True)


def _iso_date(document: Document, finding: Finding, value: Any, pattern: Any) -> Fix | None:
    """Safe: a date with one reading (`2025/7/30`, `30 July 2025`) written as ISO 8601."""
    if not isinstance(value, str) or not isinstance(pattern, str) or "[0-9]{3}" not in pattern:
        return None  # not a date's pattern
    from linter.fix.dates import iso_date
    from linter.fix.edits import of_document

    iso = iso_date(value)
    if iso is None or not re.search(pattern, iso):
        return None
    text = of_document(document)
    node = text.scalar_at(finding.line, finding.col) if text else None
    if text is None or node is None or node.node.value != value:
        return None
    return text.fix(f'write the date as ISO 8601: "{iso}"', [(node.start, node.end, f'"{iso}"')],
                    safe=True)


def did_you_mean(name: str, options: Iterable[Any]) -> str:
    """"; did you mean 'quote'?" for a near miss (a typo, a letter case: `Percent`, `usd`), as
    factlint says for rule codes; "" when nothing is close."""
    import difflib  # only when a finding needs a suggestion

    by_folded: dict[str, str] = {}
    for option in options:
        if isinstance(option, str):
            by_folded.setdefault(option.casefold(), option)
    close = difflib.get_close_matches(name.casefold(), list(by_folded), n=1, cutoff=0.8)
    return f"; did you mean {by_folded[close[0]]!r}?" if close else ""


def _subject(document: Document, path: NodePath) -> str:
    """The id of the source or claim the error sits in, for baselines and suppressions."""
    if len(path) >= 2 and path[0] in ("sources", "claims") and isinstance(path[1], int):
        try:
            item = document.data[path[0]][path[1]]
        except (KeyError, IndexError, TypeError):
            return ""
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return item["id"]
    return ""


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
