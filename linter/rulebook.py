"""Rules as files: each YAML file at the top of a rules directory declares one rule.

A rule names a check kind (implemented in `linter.kinds`) and gives it parameters; its documentation
travels with it. Registries the kinds read (entities, reliability, AI patterns, cues) live in the
`registries/` folder beside the rules. A broken rule file is a `RuleFileError` naming the file: the
CLI turns it into exit 2, since a rule that silently fails to load is a gate that silently opens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter import kinds
from linter.model import Rule, RuleDoc, Severity
from linter.yamlload import Document, load_path


class RuleFileError(Exception):
    """A rule or registry file that cannot be used; the message names the file."""


_CODE = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_RULE_KEYS = {"code", "name", "severity", "kind", "summary", "params", "docs"}
_DOC_KEYS = {"what", "why", "fail", "pass", "notes"}


def builtin_rules_dir() -> Path:
    """The rules shipped with factlint: inside the wheel, or the repo's top-level `rules/`."""
    here = Path(__file__).resolve().parent
    packaged = here / "_rules"
    if packaged.is_dir():
        return packaged
    return here.parent / "rules"


def _load(path: Path) -> Document:
    try:
        return load_path(path, str(path))
    except OSError as exc:
        raise RuleFileError(f"{path}: cannot read: {exc.strerror or exc}") from None


def load_rule_file(path: Path) -> Rule:
    document = _load(path)
    if document.problems:
        problem = document.problems[0]
        raise RuleFileError(
            f"{path}:{problem.position.line}:{problem.position.col}: {problem.message}"
        )
    data = document.data
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}: a rule file must be a mapping")

    def fail(why: str) -> RuleFileError:
        return RuleFileError(f"{path}: {why}")

    unknown = sorted(set(data) - _RULE_KEYS)
    if unknown:
        raise fail(f"unknown key {unknown[0]!r} (known: {', '.join(sorted(_RULE_KEYS))})")
    missing = sorted(_RULE_KEYS - {"params"} - set(data))
    if missing:
        raise fail(f"missing key {missing[0]!r}")
    code, name = data["code"], data["name"]
    if not isinstance(code, str) or not _CODE.match(code):
        raise fail(f"code {code!r} is not like FL101 (two to four capitals, three digits)")
    if not isinstance(name, str) or not _NAME.match(name):
        raise fail(f"name {name!r} must be lowercase words joined by '-'")
    try:
        severity = Severity.parse(str(data["severity"]))
    except ValueError as exc:
        raise fail(str(exc)) from None
    kind = data["kind"]
    if not isinstance(kind, str) or kind not in kinds.KINDS:
        raise fail(f"unknown check kind {kind!r} (known: {', '.join(sorted(kinds.KINDS))})")
    if not isinstance(data["summary"], str) or not data["summary"].strip():
        raise fail("summary must be a non-empty string")
    docs = data["docs"]
    if not isinstance(docs, dict):
        raise fail("docs must be a mapping with what, why, fail and pass")
    unknown = sorted(set(docs) - _DOC_KEYS)
    if unknown:
        raise fail(f"docs: unknown key {unknown[0]!r}")
    for key in ("what", "why", "fail", "pass"):
        if not isinstance(docs.get(key), str) or not docs[key].strip():
            raise fail(f"docs.{key} must be a non-empty string")
    params = data.get("params") or {}
    if not isinstance(params, dict):
        raise fail("params must be a mapping")
    try:
        params = kinds.validate_params(kind, params)
    except ValueError as exc:
        raise fail(f"params: {exc}") from None
    doc = RuleDoc(
        what=docs["what"].strip(),
        why=docs["why"].strip(),
        fail=docs["fail"].rstrip(),
        passing=docs["pass"].rstrip(),
        notes=str(docs.get("notes", "")).strip(),
    )
    return Rule(code, name, severity, kind, data["summary"].strip(), doc, params, str(path))


@dataclass
class Rulebook:
    """All rules from the built-in directory and any configured rule packs, by code."""

    rules: dict[str, Rule]
    directories: tuple[Path, ...]
    _registries: dict[str, Any] = field(default_factory=dict)

    def registry(self, name: str) -> tuple[Any, str]:
        """The data of `registries/NAME.yaml` and its path; a pack's registry extends the
        built-in one (list entries are concatenated, pack entries first)."""
        if name not in self._registries:
            if not _NAME.match(name):  # a rule's `registry:` must not reach outside registries/
                raise RuleFileError(f"registry name {name!r} must be lowercase words joined by "
                                    "'-' (a file in registries/)")
            self._registries[name] = _load_registry(name, self.directories)
        return self._registries[name]


def _load_registry(name: str, directories: tuple[Path, ...]) -> tuple[Any, str]:
    merged: dict[str, Any] | None = None
    origins: list[str] = []
    for directory in reversed(directories):  # packs (later) first in lists
        path = directory / "registries" / f"{name}.yaml"
        if not path.is_file():
            continue
        document = _load(path)
        if document.problems:
            problem = document.problems[0]
            raise RuleFileError(
                f"{path}:{problem.position.line}:{problem.position.col}: {problem.message}"
            )
        if not isinstance(document.data, dict):
            raise RuleFileError(f"{path}: a registry must be a mapping")
        origins.append(str(path))
        if merged is None:
            merged = dict(document.data)
            continue
        for key, value in document.data.items():
            if isinstance(value, list) and isinstance(merged.get(key), list):
                merged[key] = merged[key] + value
            elif key not in merged:
                merged[key] = value
    if merged is None:
        raise RuleFileError(f"no registry {name!r} in {', '.join(map(str, directories))}")
    return merged, " + ".join(origins)


def load_rulebook(extra_dirs: tuple[Path, ...] = ()) -> Rulebook:
    directories = (builtin_rules_dir(), *extra_dirs)
    rules: dict[str, Rule] = {}
    for directory in directories:
        if not directory.is_dir():
            raise RuleFileError(f"{directory}: rule directory not found")
        for path in sorted(directory.glob("*.yaml")):
            rule = load_rule_file(path)
            if rule.code in rules:
                raise RuleFileError(
                    f"{path}: code {rule.code} is already declared by {rules[rule.code].origin}"
                )
            rules[rule.code] = rule
    return Rulebook(dict(sorted(rules.items())), directories)


def matches_code(code: str, selector: str) -> bool:
    """`FL2` selects FL201, FL202…; `ALL` selects everything (as in ruff)."""
    return selector == "ALL" or code.startswith(selector)


def select_rules(
    rulebook: Rulebook,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> list[Rule]:
    selectors = (select or ("ALL",)) + extend_select
    chosen = []
    for code, rule in rulebook.rules.items():
        if any(matches_code(code, s) for s in selectors) and not any(
            matches_code(code, s) for s in ignore
        ):
            chosen.append(rule)
    return chosen


def check_selectors(rulebook: Rulebook, pairs: list[tuple[str, str]]) -> None:
    """Every code or prefix the user names must select at least one rule."""
    for setting, selector in pairs:
        if not any(matches_code(code, selector) for code in rulebook.rules):
            raise RuleFileError(f"{setting}: {selector!r} matches no rule (see `factlint rules`)")
