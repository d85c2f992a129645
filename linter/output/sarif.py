"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning, written by hand (the sarif-om package
is unmaintained). Tests validate the output against the OASIS 2.1.0 errata01 schema.

`partialFingerprints` hash the rule, file, subject id and message, not the line, so moving a claim
within its file does not make code scanning see a new alert.

Artifact URIs are relative to the repository root (GITHUB_WORKSPACE under Actions, else the git
top level, see `repo_root`), named `%SRCROOT%` in `originalUriBaseIds`: code scanning resolves
them against the checkout's root, whatever folder factlint ran in. The file a fingerprint hashes
is that root-relative path too, so running from another folder keeps the alerts' identities.
A file outside the root gets an absolute `file:` URI of its own.

The tool's `informationUri` is the project's page and each built-in rule's `helpUri` its
rendered page under docs/rules/ (scripts/render_rule_pages.py writes them).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from linter.model import Finding, Rule, Severity
from linter.output import Report
from linter.output.repo_root import absolute, relocator, repository_root

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFORMATION_URI = "https://github.com/factlint/factlint"
RULE_PAGES = f"{INFORMATION_URI}/blob/main/docs/rules/"
ROOT_ID = "%SRCROOT%"


def help_uri(code: str) -> str:
    """The rendered page of a built-in rule (docs/rules/CODE.md)."""
    return f"{RULE_PAGES}{code}.md"


def fingerprint(finding: Finding) -> str:
    content = "\x1f".join(finding.fingerprint_content())
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:32]


def _rule(rule: Rule, documented: bool) -> dict[str, Any]:
    doc = rule.doc
    markdown = (
        f"## What it does\n\n{doc.what}\n\n## Why is this bad?\n\n{doc.why}\n\n"
        f"## Example\n\nFails:\n\n```yaml\n{doc.fail}\n```\n\n"
        f"Passes:\n\n```yaml\n{doc.passing}\n```\n"
    )
    entry: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc.what},
        "help": {"text": f"{doc.what}\n\n{doc.why}", "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": [rule.kind]},
    }
    if documented:  # a rule pack's rule has no page of ours
        entry["helpUri"] = help_uri(rule.code)
    return entry


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


# A path as findings carry it → the artifactLocation that names the file.
Artifact = Callable[[str], dict[str, str]]


def _artifacts(report: Report) -> tuple[Artifact, Callable[[str], str], dict[str, Any] | None]:
    """How to name files: the artifactLocation of a finding's path, the path a fingerprint
    hashes, and the `originalUriBaseIds` that give `%SRCROOT%` its meaning (None for a report
    built without a working directory: its paths are taken to be root-relative already)."""
    if report.project_root is None or report.cwd is None:
        return (lambda path: {"uri": uri(path), "uriBaseId": ROOT_ID}), (lambda path: path), None
    root = repository_root(report.project_root)
    relocate = relocator(report.cwd, root)
    cwd = report.cwd

    def artifact(path: str) -> dict[str, str]:
        relative = relocate(path)
        if relative is None:
            return {"uri": _file_uri(absolute(cwd, path))}
        return {"uri": uri(relative), "uriBaseId": ROOT_ID}

    def hashed(path: str) -> str:
        relative = relocate(path)
        return absolute(cwd, path) if relative is None else relative

    bases = {ROOT_ID: {"uri": _file_uri(root.as_posix()).rstrip("/") + "/",
                       "description": {"text": "The repository root."}}}
    return artifact, hashed, bases


def _file_uri(path: str) -> str:
    """An absolute path as a `file:` URI, its bytes percent-encoded like `uri`."""
    if os.name == "nt":  # pragma: no cover - Windows
        return Path(path).as_uri()
    return "file://" + uri(path)


def _location(artifact: Artifact, path: str, line: int, col: int,
              message: str | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": artifact(path),
            "region": {"startLine": line, "startColumn": col},
        }
    }
    if message:
        location["message"] = {"text": message}
    return location


def render(report: Report) -> str:
    rules = sorted(report.rules, key=lambda r: r.code)
    index = {rule.code: i for i, rule in enumerate(rules)}
    artifact, hashed, bases = _artifacts(report)
    results = []
    for f in report.findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [_location(artifact, f.path, f.line, f.col)],
            "partialFingerprints": {"factlint/v1": fingerprint(f._replace(path=hashed(f.path)))},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.related:
            result["relatedLocations"] = [
                {"id": i, **_location(artifact, r.path, r.line, r.col, r.message)}
                for i, r in enumerate(f.related)
            ]
        if f.suppressed is not None:
            result["suppressions"] = [{"kind": "inSource", "justification": f.suppressed}]
        results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "factlint",
                "version": report.version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(rule, rule.code in report.documented) for rule in rules],
            }
        },
    }
    if bases is not None:
        run["originalUriBaseIds"] = bases
    run["columnKind"] = "unicodeCodePoints"
    run["results"] = results
    document = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
