"""Baselines: adopt factlint on an existing corpus and gate only on new findings.

A finding is remembered by a fingerprint. A cross-file finding (duplicate id, unknown source,
conflicting figures, future date: the findings that carry a `key`) is fingerprinted on its rule,
file and key — the ids involved, sorted, and the subject and property — never on its message,
so a reworded message does not make it new. Any other finding is fingerprinted on its rule,
file, subject (claim or source id) and message, with line numbers taken out of the message.
Either way, moving a claim within its file or adding lines above it does not make its findings
"new". Counts are kept per fingerprint: two identical findings in the baseline excuse two, not
three.

Version 1 baselines (every finding keyed on its message) are still read, and compared the way
they were written; the run says to write them again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from linter.files.read import read_capped, why
from linter.files.write import write_text
from linter.model import Finding

VERSION = 2
READS = (1, 2)  # the versions this factlint reads
# "at line 12", "claims/a.yaml:12" or "a.yaml:12:5" inside a message: positions, not content.
_POSITIONS = re.compile(r"\bline \d+|(?<=\.yaml):\d+(?::\d+)?|(?<=\.yml):\d+(?::\d+)?")


class BaselineError(Exception):
    """An unreadable or foreign baseline file (exit 2)."""


def fingerprint(finding: Finding) -> str:
    """The version 2 fingerprint: on the finding's key when it has one, else on its message."""
    if not finding.key:
        return legacy_fingerprint(finding)
    parts = ("key", finding.code, finding.path, *finding.key)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def legacy_fingerprint(finding: Finding) -> str:
    """The version 1 fingerprint: rule, file, subject and message without positions."""
    code, path, subject, message = finding.fingerprint_content()
    stable = _POSITIONS.sub("", message)
    return hashlib.sha256("\x1f".join((code, path, subject, stable)).encode()).hexdigest()[:32]


_FINGERPRINTS = {1: legacy_fingerprint, 2: fingerprint}


def write(path: Path, findings: list[Finding]) -> int:
    entries = sorted(
        (
            {"fingerprint": fingerprint(f), "code": f.code, "path": f.path,
             "subject": f.subject, "key": list(f.key), "message": f.message}
            for f in findings if f.suppressed is None
        ),
        key=lambda e: (e["path"], e["code"], e["subject"], e["message"], e["fingerprint"]),
    )
    document = {"tool": "factlint", "version": VERSION, "findings": entries}
    write_text(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return len(entries)


@dataclass(frozen=True)
class Baseline:
    counts: Counter[str]  # fingerprint -> how many findings it excuses
    version: int

    def notice(self, path: Path) -> str | None:
        """What the user should do about an old baseline, if anything."""
        if self.version == VERSION:
            return None
        return (f"{path} is a version {self.version} baseline, keyed on messages: a reworded "
                f"message makes a finding new; write it again with `factlint check "
                f"--write-baseline {path}` (version {VERSION}).")


def read(path: Path) -> Baseline:
    # A regular file of bounded size (a FIFO would block, a link to /dev/zero would never end),
    # and JSON that cannot crash the reader: nesting deeper than Python's recursion limit, or an
    # integer of more than 4,300 digits, is "not a factlint baseline", never an internal error.
    try:
        data = read_capped(path)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {why(exc)}") from None
    except ValueError:  # a NUL in the name
        raise BaselineError(f"{path}: cannot read baseline: not a file name") from None
    try:
        document = json.loads(data.decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: not a factlint baseline (invalid JSON: {exc})") from None
    except RecursionError:
        raise BaselineError(f"{path}: not a factlint baseline (nested too deeply)") from None
    except ValueError:  # int() refuses more than 4,300 digits
        raise BaselineError(f"{path}: not a factlint baseline (a number too long to read)") \
            from None
    problem = _foreign(document)
    if problem:
        raise BaselineError(f"{path}: {problem}")
    counts: Counter[str] = Counter()
    for entry in document["findings"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise BaselineError(f"{path}: malformed baseline entry {_shown(entry)}")
        counts[entry["fingerprint"]] += 1
    return Baseline(counts, document["version"])


def _foreign(document: object) -> str | None:
    """What makes `document` not a baseline this version of factlint reads, said the way a
    user can act on: what was found, and what is expected."""
    written = "write one with `factlint check --write-baseline FILE`"
    if not isinstance(document, dict):
        return (f"not a factlint baseline: expected a JSON object with \"tool\": \"factlint\", "
                f"found {_kind(document)}; {written}")
    if document.get("tool") != "factlint":
        found = f"{_shown(document['tool'])}" if "tool" in document else "none"
        return f"not a factlint baseline: expected \"tool\": \"factlint\", found {found}; {written}"
    version = document.get("version")
    if version not in READS or isinstance(version, bool) or not isinstance(version, int):
        found = _shown(version) if "version" in document else "none"
        readable = " and ".join(str(v) for v in READS)
        return (f"unsupported factlint baseline version {found} (this factlint reads versions "
                f"{readable}); write it again with `factlint check --write-baseline FILE`")
    if not isinstance(document.get("findings"), list):
        return (f"malformed factlint baseline: \"findings\" must be a list, found "
                f"{_kind(document.get('findings'))}")
    return None


def _kind(value: object) -> str:
    """A JSON value's type, as JSON names it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return {dict: "an object", list: "an array", str: "a string", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)


def _shown(entry: object) -> str:
    """At most 80 characters of the entry's repr, without building the repr of a huge or deeply
    nested entry (reprlib stops at a depth and a length)."""
    import reprlib

    shown = reprlib.Repr()
    shown.maxlevel, shown.maxstring, shown.maxother = 3, 80, 80
    shown.maxdict = shown.maxlist = shown.maxtuple = 8
    return f"{shown.repr(entry):.80}"


@dataclass(frozen=True)
class Comparison:
    new: list[Finding]
    known: int  # findings hidden because the baseline has them
    fixed: int  # baseline entries no longer found


def compare(findings: list[Finding], baseline: Baseline) -> Comparison:
    remaining = Counter(baseline.counts)
    fingerprint_of = _FINGERPRINTS[baseline.version]
    new: list[Finding] = []
    known = 0
    for finding in findings:
        if finding.suppressed is not None:
            new.append(finding)  # suppressed findings still show; they never fail the gate
            continue
        key = fingerprint_of(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
            known += 1
        else:
            new.append(finding)
    return Comparison(new, known, sum(remaining.values()))
