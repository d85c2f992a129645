"""Configuration: `[tool.factlint]` in pyproject.toml, or a `.factlint.toml`, found upward from a
directory. Every key is checked: a typo in a key or a rule code is a configuration error (exit 2),
never silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.load.document import Limits
from linter.model import Severity


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Config:
    root: Path  # the project root: where the configuration file lives, else the start directory
    source: Path | None = None  # the file the configuration came from
    paths: tuple[str, ...] = ("claims",)
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    output_format: str | None = None
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rule_packs: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)

    def fingerprint(self) -> str:
        """A stable text of every setting that changes findings (for caches)."""
        return repr(
            (
                self.paths, self.exclude, self.select, self.extend_select, self.ignore,
                sorted((k, int(v)) for k, v in self.severity.items()),
                sorted(self.per_file_ignores.items()), self.rule_packs, self.limits,
            )
        )


_KEYS = {
    "paths", "exclude", "select", "extend-select", "ignore", "fail-on", "format", "severity",
    "per-file-ignores", "rule-packs", "limits",
}
_LIMIT_KEYS = {"max-bytes": "max_bytes", "max-depth": "max_depth", "max-nodes": "max_nodes",
               "max-string": "max_string"}
FORMATS = ("text", "json", "github", "sarif", "junit", "markdown")


def find_config_file(start: Path) -> Path | None:
    """The nearest `.factlint.toml`, or `pyproject.toml` with a [tool.factlint] table, upward."""
    for directory in (start, *start.parents):
        dotfile = directory / ".factlint.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_factlint_table(pyproject):
            return pyproject
    return None


def _has_factlint_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    # Cheap: no TOML parse for other projects' pyproject files on the way up.
    return "[tool.factlint" in text


def load_config(start: Path, explicit: Path | None = None, isolated: bool = False) -> Config:
    if isolated:
        return Config(root=start)
    path = explicit or find_config_file(start)
    if path is None:
        return Config(root=start)
    import tomllib  # here: a project without a configuration file never needs a TOML parser

    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = document.get("tool", {}).get("factlint")
        if table is None:
            raise ConfigError(f"{path}: no [tool.factlint] table")
    else:
        table = document.get("tool", {}).get("factlint", document)
    return parse_table(table, path)


def parse_table(table: dict[str, Any], path: Path) -> Config:
    def fail(key: str, why: str) -> ConfigError:
        return ConfigError(f"{path}: [tool.factlint] {key}: {why}")

    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key (known: {', '.join(sorted(_KEYS))})")

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, "expected a list of strings")
        return tuple(value)

    values: dict[str, Any] = {"root": path.parent, "source": path}
    if "paths" in table:
        values["paths"] = strings("paths")
    for key in ("exclude", "select", "extend-select", "ignore", "rule-packs"):
        values[key.replace("-", "_")] = strings(key)
    if "fail-on" in table:
        try:
            values["fail_on"] = Severity.parse(str(table["fail-on"]))
        except ValueError as exc:
            raise fail("fail-on", str(exc)) from None
    if "format" in table:
        if table["format"] not in FORMATS:
            raise fail("format", f"expected one of {', '.join(FORMATS)}")
        values["output_format"] = table["format"]
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise fail("severity", "expected a table of CODE = \"error|warning|info\"")
    try:
        values["severity"] = {code: Severity.parse(str(v)) for code, v in severity.items()}
    except ValueError as exc:
        raise fail("severity", str(exc)) from None
    ignores = table.get("per-file-ignores", {})
    if not isinstance(ignores, dict) or not all(
        isinstance(v, list) and all(isinstance(c, str) for c in v) for v in ignores.values()
    ):
        raise fail("per-file-ignores", "expected a table of \"glob\" = [\"CODE\", ...]")
    values["per_file_ignores"] = {glob: tuple(codes) for glob, codes in ignores.items()}
    limits = table.get("limits", {})
    if not isinstance(limits, dict):
        raise fail("limits", "expected a table")
    bad = sorted(set(limits) - set(_LIMIT_KEYS))
    if bad:
        raise fail(f"limits.{bad[0]}", f"unknown limit (known: {', '.join(sorted(_LIMIT_KEYS))})")
    for key, value in limits.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise fail(f"limits.{key}", "expected a positive integer")
    values["limits"] = Limits(**{_LIMIT_KEYS[k]: v for k, v in limits.items()})
    return Config(**values)


def codes_mentioned(config: Config) -> list[tuple[str, str]]:
    """(setting, code) pairs naming rule codes, for checking against the loaded rules."""
    pairs: list[tuple[str, str]] = []
    for setting in ("select", "extend_select", "ignore"):
        pairs += [(setting.replace("_", "-"), code) for code in getattr(config, setting)]
    pairs += [("severity", code) for code in config.severity]
    for glob, codes in config.per_file_ignores.items():
        pairs += [(f"per-file-ignores.{glob}", code) for code in codes]
    return pairs
