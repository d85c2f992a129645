"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning, written by hand (the sarif-om package
is unmaintained). Tests validate the output against the OASIS 2.1.0 errata01 schema.

`partialFingerprints` hash the rule, file, subject id and message, not the line, so moving a claim
within its file does not make code scanning see a new alert.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any
from urllib.parse import quote

from linter.model import Finding, Rule, Severity
from linter.output import Report

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def fingerprint(finding: Finding) -> str:
    content = "\x1f".join(finding.fingerprint_content())
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:32]


def _rule(rule: Rule) -> dict[str, Any]:
    doc = rule.doc
    markdown = (
        f"## What it does\n\n{doc.what}\n\n## Why is this bad?\n\n{doc.why}\n\n"
        f"## Example\n\nFails:\n\n```yaml\n{doc.fail}\n```\n\n"
        f"Passes:\n\n```yaml\n{doc.passing}\n```\n"
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc.what},
        "help": {"text": f"{doc.what}\n\n{doc.why}", "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": [rule.kind]},
    }


def uri(path: str) -> str:
    """A relative path as an RFC 3986 URI reference: each byte of the file name that is not
    unreserved (letters, digits, `-._~`) nor a `/` is percent-encoded, so a space, `%`, `#` or
    `?` cannot end the path or start a query, a `:` in the first segment cannot read as a
    scheme, and non-ASCII names are their UTF-8 bytes. The bytes are the file system's own (a
    name that is not UTF-8 keeps its bytes), so decoding the URI gives back the same file."""
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # a surrogate no file name came from: never a crash
        raw = path.encode("utf-8", "surrogatepass")
    return quote(raw, safe="/")


def _location(path: str, line: int, col: int, message: str | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": uri(path), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": line, "startColumn": col},
        }
    }
    if message:
        location["message"] = {"text": message}
    return location


def render(report: Report) -> str:
    rules = sorted(report.rules, key=lambda r: r.code)
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    for f in report.findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [_location(f.path, f.line, f.col)],
            "partialFingerprints": {"factlint/v1": fingerprint(f)},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.related:
            result["relatedLocations"] = [
                {"id": i, **_location(r.path, r.line, r.col, r.message)}
                for i, r in enumerate(f.related)
            ]
        if f.suppressed is not None:
            result["suppressions"] = [{"kind": "inSource", "justification": f.suppressed}]
        results.append(result)
    document = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factlint",
                        "version": report.version,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
