"""`--format junit`: one test case per checked file; each finding at or above --fail-on is a
<failure> of that case, findings below it go to the case's <system-out>. Built with ElementTree,
which escapes text and attributes, so claim text cannot break the XML; characters XML 1.0 forbids
even escaped (control characters, lone surrogates, U+FFFE and U+FFFF) are written as visible
escapes first: every string from a finding goes through `visible`."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from linter.model import Finding
from linter.output import Report, safe_path, visible


def _describe(finding: Finding) -> str:
    lines = [f"{safe_path(finding.path)}:{finding.line}:{finding.col}: {visible(finding.code)} "
             f"{finding.severity}: {visible(finding.message)}"]
    lines += [f"    {visible(r.path)}:{r.line}:{r.col}: {visible(r.message)}"
              for r in finding.related]
    return "\n".join(lines)


def render(report: Report) -> str:
    per_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.active:
        per_file[finding.path].append(finding)
    files = sorted(set(report.files) | set(per_file))
    failing_files = [p for p in files if any(f.severity >= report.fail_on for f in per_file[p])]
    suite = ET.Element("testsuite", {
        "name": "factlint",
        "tests": str(len(files)),
        "failures": str(len(failing_files)),
        "errors": "0",
        "skipped": "0",
    })
    for path in files:
        case = ET.SubElement(suite, "testcase", {"classname": "factlint", "name": visible(path)})
        below: list[str] = []
        for finding in per_file[path]:
            if finding.severity >= report.fail_on:
                failure = ET.SubElement(case, "failure", {
                    "type": visible(finding.code),
                    "message": f"{finding.line}:{finding.col}: {visible(finding.code)} "
                               f"{visible(finding.message)}",
                })
                failure.text = _describe(finding)
            else:
                below.append(_describe(finding))
        if below:
            ET.SubElement(case, "system-out").text = "\n".join(below)
    root = ET.Element("testsuites", {
        "name": "factlint", "tests": suite.get("tests", "0"),
        "failures": suite.get("failures", "0"), "errors": "0",
    })
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
