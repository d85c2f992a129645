"""The shared vocabulary: severities, positions, findings and rules.

Everything else in factlint speaks in these types, so this module imports nothing of factlint's own
and nothing heavy: it is on the path of every run, including `factlint --version` in a hook.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Severity(enum.IntEnum):
    """Ordered so that `severity >= fail_on` decides the exit code."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r} (expected error, warning or info)"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


class Position(NamedTuple):
    """1-based line and column, as editors and CI annotations count them."""

    line: int
    col: int


# A path into a loaded YAML document: mapping keys and sequence indexes, as jsonschema reports them.
NodePath = tuple[str | int, ...]


class Related(NamedTuple):
    """Another place a finding points at (the other side of a conflict, the first definition)."""

    path: str
    line: int
    col: int
    message: str


class Edit(NamedTuple):
    """Replace the characters `start`..`end` of the file `path` (a finding's path) by
    `replacement`. Offsets count characters of the file's text as decoded (a BOM excluded)."""

    path: str
    start: int
    end: int
    replacement: str


class Fix(NamedTuple):
    """How to make a finding go away by editing the claim file. `safe` fixes change no
    meaning a human has to check (`check --fix`); the others need `--unsafe-fixes`. `digest`
    is the content hash of the text the offsets were computed on: a file that changed since
    is not edited."""

    safe: bool
    description: str
    edits: tuple[Edit, ...]
    digest: str


class Finding(NamedTuple):
    """One located problem. `subject` names the claim or source it is about (for baselines).

    `key` is what identifies a cross-file finding whatever its message says: the ids involved
    and the subject/property, as "name=value" texts (`("claim=a", "source=b")`). Baselines key
    such findings on it, so rewording a message does not make a baselined finding new; a
    finding without one is identified by its message (positions taken out)."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity
    rule: str = ""
    subject: str = ""
    related: tuple[Related, ...] = ()
    suppressed: str | None = None  # the reason, when a suppression in the claim file covers it
    key: tuple[str, ...] = ()
    fix: Fix | None = None  # see `linter.fix`

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.line, self.col, self.code, self.message)

    def fingerprint_content(self) -> tuple[str, str, str, str]:
        """What identifies the finding regardless of where in the file it sits."""
        return (self.code, self.path, self.subject, self.message)


class RuleDoc(NamedTuple):
    what: str
    why: str
    fail: str
    passing: str
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule as declared by one YAML file in a rules directory."""

    code: str
    name: str
    severity: Severity
    kind: str
    summary: str
    doc: RuleDoc
    params: dict[str, Any] = field(default_factory=dict)
    origin: str = ""  # the file the rule came from


class RuleFileError(Exception):
    """A rule or registry file that cannot be used; the message names the file."""


class RegistryError(RuleFileError, ValueError):
    """A registry file is malformed. The message names the file and the offending entry."""

    def __init__(self, origin: str, message: str, entry: str | None = None) -> None:
        where = f"{origin}: {entry}: " if entry else f"{origin}: "
        super().__init__(where + message)
        self.origin = origin
        self.entry = entry
