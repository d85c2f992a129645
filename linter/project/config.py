"""Configuration: `[tool.factlint]` in pyproject.toml, or a `.factlint.toml`, found upward from a
directory. Every key is checked: a typo in a key or a rule code is a configuration error (exit 2),
never silently ignored. So is a configuration file that cannot be read (not a regular file, too
large, a link out of its folder, not UTF-8, invalid or too deeply nested TOML) and a table meant
for factlint but spelt another way (`[tool.Factlint]`, `[tools.factlint]`): passing over either
would run factlint on its defaults without a word. Files are read through linter.files.read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.files.read import read_capped, read_inside, why
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


# A configuration file is a few kilobytes; this cap keeps a hostile one (or a link to a huge
# file) from costing seconds of TOML parsing.
CONFIG_LIMIT = 1_000_000


def find_config_file(start: Path) -> Path | None:
    """The nearest `.factlint.toml`, or `pyproject.toml` that configures factlint, upward."""
    found = _discover(start)
    return found[0] if found else None


def _discover(start: Path) -> tuple[Path, dict[str, Any] | None] | None:
    """The nearest configuration file upward, with its document when it was parsed on the way.

    A configuration file that is there but cannot be read (a FIFO, a link out of its folder, not
    UTF-8, invalid TOML, a misspelt `[tool.factlint]`) is an error, never passed over: passing
    over it would run factlint with its defaults without a word."""
    for directory in (start, *start.parents):
        dotfile = directory / ".factlint.toml"
        if os.path.lexists(dotfile):  # a dangling link or a FIFO is there too, and is an error
            return dotfile, None
        pyproject = directory / "pyproject.toml"
        if os.path.lexists(pyproject):
            document = _factlint_document(pyproject)
            if document is not None:
                return pyproject, document
    return None


def _factlint_document(pyproject: Path) -> dict[str, Any] | None:
    """The pyproject's document if it configures factlint, else None."""
    data = _read(pyproject, found=True)
    # Cheap: no decoding or TOML parse for other projects' pyproject files on the way up, unless
    # something in them is spelt like factlint; the parsed tables then decide.
    if not _mentions_factlint(data):
        return None
    document = _parse(pyproject, data)
    _check_spelling(pyproject, document, data)
    tool = document.get("tool")
    return document if isinstance(tool, dict) and "factlint" in tool else None


def load_config(start: Path, explicit: Path | None = None, isolated: bool = False) -> Config:
    if isolated:
        return Config(root=start)
    found = (explicit, None) if explicit is not None else _discover(start)
    if found is None:
        return Config(root=start)
    path, document = found
    if document is None:
        data = _read(path, found=explicit is None)
        document = _parse(path, data)
        _check_spelling(path, document, data)
    tool = document.get("tool")
    if path.name == "pyproject.toml":
        table = tool.get("factlint") if isinstance(tool, dict) else None
        if table is None:
            raise ConfigError(f"{path}: no [tool.factlint] table")
    elif "tool" in document:
        # A .factlint.toml holds its settings at the top level or under [tool.factlint], not
        # both: settings in the other place would be ignored without a word.
        table = tool.get("factlint") if isinstance(tool, dict) else None
        others = sorted(k for k in document if k != "tool")
        others += sorted(f"tool.{k}" for k in (tool if isinstance(tool, dict) else {})
                         if k != "factlint")
        if table is None or others:
            where = _shown(others[0]) if others else "tool"
            raise ConfigError(
                f"{path}: {where}: outside [tool.factlint] (a .factlint.toml holds its "
                "settings either at the top level or all under [tool.factlint])")
    else:
        table = document
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.factlint] must be a table of settings")
    return parse_table(table, path)


def _read(path: Path, *, found: bool) -> bytes:
    """The file's bytes: a regular file of at most CONFIG_LIMIT bytes (a FIFO would block, a
    link to /dev/zero would never end). A file found on the way up must resolve inside its own
    folder, the project root it defines; a file named with --config is the user's choice."""
    try:
        if found:
            return read_inside(path, path.parent.resolve(), CONFIG_LIMIT)
        return read_capped(path, CONFIG_LIMIT)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in a --config name
        raise ConfigError(f"{path}: cannot read configuration: {why(exc)}") from None


def _parse(path: Path, data: bytes) -> dict[str, Any]:
    """The TOML document, or a ConfigError that says where it went wrong."""
    import tomllib  # here: a project without a configuration file never needs a TOML parser

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise ConfigError(
            f"{path}: not UTF-8 at line {line}, column {column} (byte 0x{data[exc.start]:02x}); "
            "a TOML file must be UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # its text ends "(at line L, column C)"
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None
    except ValueError:  # an integer of more than 4,300 digits (Python's conversion limit)
        match = re.search(r"[0-9_]{4300,}", text)
        at = f" at line {text.count(chr(10), 0, match.start()) + 1}" if match else ""
        raise ConfigError(f"{path}: invalid TOML: a number too long to read{at}") from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters, both from 1) of a byte offset."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1


# ------------------------------------------------------------------ misspelt [tool.factlint]
# A table meant for factlint but spelt another way ([tool.Factlint], [tools.factlint],
# [tool.fact-lint], [tool.factlint_], [factlint], [tool.factlnit]) would leave factlint on its
# defaults without a word. Near means: equal after case folding and dropping `-`, `_`, `.` and
# blanks, or one edit away from that (a letter added, dropped, changed or two swapped). Two edits
# would reach other tools' names (salt-lint, eatlint, facelift); one reaches only these:
_OTHER_TOOLS = frozenset({"factline"})


def _normal(name: str) -> str:
    return name.casefold().translate(_SEPARATORS)


_SEPARATORS = str.maketrans("", "", "-_. \t\"'")


def _within_one(a: str, b: str) -> bool:
    """Whether `a` is at most one edit (insertion, deletion, substitution, swap) from `b`."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1:]


def _near_factlint(name: str) -> bool:
    normal = _normal(name)
    return _within_one(normal, "factlint") and normal not in _OTHER_TOOLS


def _mentions_factlint(data: bytes) -> bool:
    """Whether the bytes hold anything spelt near "factlint" (a cheap filter, never a verdict:
    false alarms cost a TOML parse). A one-edit variant keeps "fact" whole, or keeps "lint"
    whole behind a variant of "fact" (which holds one of "fa", "ac", "ct", "ca"), or is the swap
    of the middle letters ("facltint")."""
    text = data.lower().translate(None, b"-_. \t\"'").decode("ascii", "replace")
    if "faclt" in text:
        return True
    at = text.find("lint")
    while at != -1:
        before = text[max(0, at - 5):at]
        if any(pair in before for pair in ("fa", "ac", "ct", "ca")) and any(
            _near_factlint(text[begin:at + 4]) for begin in range(max(0, at - 5), at - 2)
        ):
            return True
        at = text.find("lint", at + 1)
    at = text.find("fact")
    while at != -1:
        if any(_near_factlint(text[at:end]) for end in range(at + 7, at + 10)):
            return True
        at = text.find("fact", at + 1)
    return False


def _check_spelling(path: Path, document: dict[str, Any], data: bytes) -> None:
    """A ConfigError for a table meant for factlint but spelt another way (even beside a
    correct [tool.factlint]: its settings would be ignored)."""
    for names in _misspelt(document):
        header = ".".join(_toml_key(n) for n in names)
        line = _line_of(data, ".".join(names)) or _line_of(data, names[-1])
        where = f"{path}:{line}" if line else str(path)
        raise ConfigError(f"{where}: [{header}] is not read by factlint: did you mean "
                          "[tool.factlint]?")


def _misspelt(document: dict[str, Any]) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for top, value in document.items():
        if top != "tool" and _near_factlint(top):  # [factlint], [Fact-Lint]
            found.append((top,))
        if not isinstance(value, dict) or not _within_one(_normal(top), "tool"):
            continue
        for child, sub in value.items():
            if top == "tool" and child == "factlint":
                continue
            if _near_factlint(child):  # [tool.Factlint], [tools.factlint], [tool.factlint_]
                found.append((top, child))
            elif isinstance(sub, dict):  # [tool.fact.lint]
                found += [(top, child, grand) for grand in sub
                          if _near_factlint(child + grand) and _normal(child) != "factlint"]
    return found


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _toml_key(name: str) -> str:
    """A key as TOML writes it: bare, or a quoted string with every control escaped."""
    if _BARE_KEY.fullmatch(name):
        return name
    import json  # only for a message

    return json.dumps(name)


def _line_of(data: bytes, key: str) -> int | None:
    """The first line that holds `key` (where a reader will find the misspelt table)."""
    at = data.find(key.encode("utf-8", "surrogatepass"))
    return data.count(b"\n", 0, at) + 1 if at != -1 else None


def _shown(key: str) -> str:
    """A key as messages show it: as written when printable, else quoted with escapes."""
    if key.isprintable():
        return key
    import json  # only for a message

    return json.dumps(key)


def parse_table(table: dict[str, Any], path: Path) -> Config:
    def fail(key: str, why: str) -> ConfigError:
        return ConfigError(f"{path}: [tool.factlint] {key}: {why}")

    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise fail(_shown(unknown[0]), f"unknown key{_did_you_mean(unknown[0], _KEYS)} (known: "
                   f"{', '.join(sorted(_KEYS))})")

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
    for key in ("exclude", "rule-packs"):
        values[key.replace("-", "_")] = strings(key)
    for key in ("select", "extend-select", "ignore"):
        values[key.replace("-", "_")] = tuple(_code(c) for c in strings(key))
    if "fail-on" in table:
        if not isinstance(table["fail-on"], str):
            raise fail("fail-on", "expected \"error\", \"warning\" or \"info\"")
        try:
            values["fail_on"] = Severity.parse(table["fail-on"])
        except ValueError as exc:
            raise fail("fail-on", str(exc)) from None
    if "format" in table:
        if table["format"] not in FORMATS:
            raise fail("format", f"expected one of {', '.join(FORMATS)}")
        values["output_format"] = table["format"]
    severity = table.get("severity", {})
    if not isinstance(severity, dict) or not all(isinstance(v, str) for v in severity.values()):
        raise fail("severity", "expected a table of CODE = \"error|warning|info\"")
    values["severity"] = {}
    for code, level in severity.items():
        try:
            parsed = Severity.parse(level)
        except ValueError as exc:
            raise fail(f"severity.{_shown(code)}", str(exc)) from None
        if _code(code) in values["severity"]:
            twice = [c for c in severity if _code(c) == _code(code)]
            raise fail("severity", f"{_code(code)} is given twice ({', '.join(twice)}): rule "
                       "codes are case-insensitive")
        values["severity"][_code(code)] = parsed
    ignores = table.get("per-file-ignores", {})
    if not isinstance(ignores, dict) or not all(
        isinstance(v, list) and all(isinstance(c, str) for c in v) for v in ignores.values()
    ):
        raise fail("per-file-ignores", "expected a table of \"glob\" = [\"CODE\", ...]")
    values["per_file_ignores"] = {glob: tuple(_code(c) for c in codes)
                                  for glob, codes in ignores.items()}
    limits = table.get("limits", {})
    if not isinstance(limits, dict):
        raise fail("limits", "expected a table")
    bad = sorted(set(limits) - set(_LIMIT_KEYS))
    if bad:
        raise fail(f"limits.{_shown(bad[0])}", f"unknown limit{_did_you_mean(bad[0], _LIMIT_KEYS)}"
                   f" (known: {', '.join(sorted(_LIMIT_KEYS))})")
    for key, value in limits.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise fail(f"limits.{key}", "expected a positive integer")
    values["limits"] = Limits(**{_LIMIT_KEYS[k]: v for k, v in limits.items()})
    return Config(**values)


def _code(text: str) -> str:
    """A rule code or prefix as the rules spell it: codes are case-insensitive (`fl203`), as on
    the command line and in `factlint rule fl203`."""
    return text.strip().upper()


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    """"; did you mean `fail-on`?" for a near miss (`fail_on`, `Paths`), else ""."""
    import difflib  # only for a message

    by_folded = {k.casefold(): k for k in known}
    close = difflib.get_close_matches(name.casefold(), list(by_folded), n=1, cutoff=0.8)
    return f"; did you mean `{by_folded[close[0]]}`?" if close else ""


def codes_mentioned(config: Config) -> list[tuple[str, str]]:
    """(setting, code) pairs naming rule codes, for checking against the loaded rules; the
    setting is located (`pyproject.toml: [tool.factlint] ignore`) when it came from a file."""
    where = f"{config.source}: [tool.factlint] " if config.source is not None else ""
    pairs: list[tuple[str, str]] = []
    for setting in ("select", "extend_select", "ignore"):
        pairs += [(where + setting.replace("_", "-"), code) for code in getattr(config, setting)]
    pairs += [(f"{where}severity", code) for code in config.severity]
    for glob, codes in config.per_file_ignores.items():
        pairs += [(f"{where}per-file-ignores.{_shown(glob)}", code) for code in codes]
    return pairs
