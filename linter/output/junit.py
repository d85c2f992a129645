"""`--format junit`: one test case per checked file, with a <failure> for each of its findings at
or above --fail-on; each finding below it (a warning under `--fail-on error`) is a test case of
its own that passes with the finding as its <system-out>, so CI test views list it instead of
burying it in a passing file's output. `failures` counts the <failure> elements, `tests` the
test cases.

Built with ElementTree, which escapes text and attributes, so claim text cannot break the XML;
characters XML 1.0 forbids even escaped (control characters, lone surrogates, U+FFFE and
U+FFFF) are written as visible escapes first: every string from a finding goes through
`visible`."""

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
    suite = ET.Element("testsuite", {"name": "factlint"})
    failures = tests = 0
    for path in files:
        case = ET.SubElement(suite, "testcase", {"classname": "factlint", "name": visible(path)})
        tests += 1
        below: list[Finding] = []
        for finding in per_file[path]:
            if finding.severity >= report.fail_on:
                failure = ET.SubElement(case, "failure", {
                    "type": visible(finding.code),
                    "message": f"{finding.line}:{finding.col}: {visible(finding.code)} "
                               f"{visible(finding.message)}",
                })
                failure.text = _describe(finding)
                failures += 1
            else:
                below.append(finding)
        for finding in below:
            # Right after its file's case, named like a text-output line, so it sorts with it.
            name = f"{path}:{finding.line}:{finding.col}: {finding.code} {finding.severity}"
            shown = ET.SubElement(suite, "testcase", {
                "classname": f"factlint.{finding.severity}", "name": visible(name)})
            ET.SubElement(shown, "system-out").text = _describe(finding)
            tests += 1
    suite.attrib.update({"tests": str(tests), "failures": str(failures), "errors": "0",
                         "skipped": "0"})
    root = ET.Element("testsuites", {
        "name": "factlint", "tests": str(tests), "failures": str(failures), "errors": "0",
    })
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
