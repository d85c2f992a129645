"""What the commands share: their common options, the one-line error, and turning known
failures into it. Every command imports what it needs inside its body, so loading a command
module costs little beyond click."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Any

import click

FORMAT_NAMES = ("text", "json", "github", "sarif", "junit", "markdown")
SEVERITIES = ("error", "warning", "info")
# The terminal's views (linter/output/console.py), and when to colour them.
STYLES = ("full", "concise")
COLOR_CHOICES = ("auto", "always", "never")
# The formats --statistics can print its counts in.
STATISTICS_FORMATS = ("text", "full", "concise", "json")


class FactlintError(click.ClickException):
    """A one-line error and exit 2 (click's own usage errors exit 2 as well)."""

    exit_code = 2

    def show(self, file=None) -> None:
        # One line even when the message quotes input that held a line break.
        click.echo(f"factlint: error: {' '.join(self.message.splitlines())}", err=True)


def codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """`--select FL1,fl2 --select FL3` → ("FL1", "FL2", "FL3"): codes are case-insensitive."""
    return tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())


def _options(*decorators):
    """Several click options as one decorator, so commands share them word for word."""
    def apply(function):
        for decorator in reversed(decorators):
            function = decorator(function)
        return function
    return apply


selection_options = _options(
    click.option("--select", multiple=True,
                 help="Only these rule codes or prefixes (FL1, FL203)."),
    click.option("--extend-select", multiple=True, help="Add rules to the configured selection."),
    click.option("--ignore", multiple=True, help="Skip these rule codes or prefixes."),
)
config_options = _options(
    click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
                 help="Configuration file (default: nearest .factlint.toml or pyproject.toml)."),
    click.option("--isolated", is_flag=True, help="Ignore configuration files."),
)
gate_options = _options(
    click.option("--fail-on", type=click.Choice(SEVERITIES),
                 help="Lowest severity that makes the exit code 1 (default: error)."),
    click.option("--statistics", is_flag=True,
                 help="Print only the count of findings per rule (text, or JSON with "
                      "--format json)."),
    click.option("-q", "--quiet", is_flag=True,
                 help="Print findings only: no summary, no progress line."),
    click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path),
                 help="Write the output to this file instead of standard output."),
)


def load_configured_rulebook(config=None):
    """The built-in rules and the configured rule packs."""
    from linter.rulebook.book import load_rulebook

    if config is None:
        config = load_config_or_fail(None, False)
    return load_rulebook(tuple(config.root / p for p in config.rule_packs), config.root.resolve())


def is_builtin(rule) -> bool:
    """Whether `rule` is one of factlint's own (its page is under docs/rules/), not a pack's."""
    from linter.rulebook.book import builtin_rules_dir

    folder = os.path.abspath(builtin_rules_dir())
    return os.path.dirname(os.path.abspath(rule.origin)) == folder


def load_config_or_fail(config_file: Path | None, isolated: bool):
    from linter.project.config import ConfigError, load_config

    try:
        return load_config(Path.cwd(), config_file, isolated)
    except ConfigError as exc:
        raise FactlintError(str(exc)) from None


# The error types `guard` turns into one-line errors, by module. An instance of one can only
# exist once its module is imported, so the check looks in sys.modules instead of importing
# them all: a run that never needs baselines does not pay for importing linter.project.baseline.
KNOWN_ERRORS = (
    ("linter.project.baseline", "BaselineError"),
    ("linter.project.config", "ConfigError"),
    ("linter.project.discovery", "PathError"),
    ("linter.model", "RuleFileError"),
)


def known_error(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return True
    for module_name, class_name in KNOWN_ERRORS:
        module = sys.modules.get(module_name)
        if module is not None and isinstance(exc, getattr(module, class_name)):
            return True
    return False


def guard(action):
    """Turn known failure types into one-line errors with exit 2."""
    try:
        return action()
    except Exception as exc:
        if known_error(exc):
            raise FactlintError(str(exc)) from None
        raise


def tell(notices: list[str]) -> None:
    """Things the user should hear once (a cache not used, or rebuilt), on standard error."""
    from linter.output import visible

    for notice in notices:
        click.echo(f"factlint: {visible(notice)}", err=True)


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def emit(text: str, output_file: Path | None) -> None:
    if output_file is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from linter.files.write import write_text

    try:
        write_text(output_file, text)
    except OSError as exc:
        raise FactlintError(f"{output_file}: cannot write: {exc.strerror or exc}") from None




class Terminal:
    """The options about how output looks, shared by `check` and `scan`."""

    # A plain class, not a NamedTuple: every run imports this module, the hook's included.
    __slots__ = ("color", "exit_zero", "show_files", "show_settings", "style")

    def __init__(self, style: str | None = None, color: str = "auto", exit_zero: bool = False,
                 show_files: bool = False, show_settings: bool = False) -> None:
        self.style = style  # --output-format
        self.color, self.exit_zero = color, exit_zero
        self.show_files, self.show_settings = show_files, show_settings

    def given(self) -> bool:
        """Whether any of these options was given."""
        return (self.style is not None or self.color != "auto" or self.exit_zero
                or self.show_files or self.show_settings)


_terminal_decorators = _options(
    click.option("--output-format", "style", type=click.Choice(STYLES),
                 help="How findings look to a person: full (the claim file's line with a caret "
                      "under the value, the advice on a help: line) or concise (one short line "
                      "a finding). Default: full on a terminal, to be read; a pipe or file gets "
                      "the --format text lines, so what scripts and logs parse does not change. "
                      "Not with --format, which names a stable format for programs."),
    click.option("--color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
                 help="Colour full and concise output: auto colours a terminal, honouring "
                      "NO_COLOR and FORCE_COLOR. --format output is never coloured."),
    click.option("--exit-zero", is_flag=True,
                 help="Exit 0 even when findings fail the gate (2 still means an error)."),
    click.option("--show-files", is_flag=True,
                 help="List the files that would be checked, then exit 0."),
    click.option("--show-settings", is_flag=True,
                 help="Print the resolved configuration, then exit 0."),
)


def terminal_options(function):
    """The options of `Terminal`, given to the command as one `terminal` argument."""
    @functools.wraps(function)
    def command(*args: Any, **kwargs: Any) -> Any:
        kwargs["terminal"] = Terminal(**{name: kwargs.pop(name) for name in Terminal.__slots__})
        return function(*args, **kwargs)
    return _terminal_decorators(command)


def output_name(format_name: str | None, terminal: Terminal, statistics: bool, config,
                output_file: Path | None) -> str:
    """The format or view to print: --format, else --output-format, else the configured
    format, else `github` in GitHub Actions, `full` on a terminal, `text` lines otherwise (a
    pipe, a file, a CI log: what scripts and problem matchers read stays as it was)."""
    if format_name is not None and terminal.style is not None:
        raise FactlintError(
            f"--output-format {terminal.style} and --format {format_name} exclude each other: "
            "--output-format is how findings look to a person, --format a stable format for "
            "programs (its text lines are the default when not on a terminal)")
    if format_name is not None and terminal.color == "always":
        raise FactlintError(f"--color always: --format {format_name} is never coloured; "
                            "colour applies to --output-format full or concise")
    name = format_name or terminal.style or config.output_format or default_format()
    if name == "text" and not (format_name or config.output_format) and output_file is None \
            and _is_terminal(sys.stdout):
        name = "full"
    if statistics and name not in STATISTICS_FORMATS:
        raise FactlintError(f"--statistics prints counts as text or JSON, not as {name}")
    return name


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def render_output(name: str, report, terminal: Terminal, output_file: Path | None,
                  root: Path, limit: int) -> str:
    """The text to print for `report` as `name` (a --format or a --output-format)."""
    if report.show_statistics:
        from linter.output import statistics

        return (statistics.render_json(report) if name == "json"
                else statistics.render_text(report))
    if name not in STYLES:
        from linter.output import render

        return render(name, report)
    from linter.output import console

    # (`auto` never colours a file: a file is not a terminal, unless FORCE_COLOR says so.)
    stream = sys.stdout if output_file is None else None
    colour = console.want_colour(terminal.color, stream)  # type: ignore[arg-type]
    return console.render(report, name, colour=colour,
                          reader=file_reader(root, Path.cwd(), limit))


def file_reader(root: Path, cwd: Path, limit: int):
    """Display path → the file's lines, read through linter.files.read (a regular file inside
    the project, at most `limit` bytes), or None: the `full` view then shows no excerpt."""
    from linter.files.read import read_inside
    from linter.output.console import lines_of

    tree = root.resolve()
    read: dict[str, list[str] | None] = {}

    def lines(path: str) -> list[str] | None:
        if path not in read:
            try:
                read[path] = lines_of(read_inside(cwd / path, tree, limit))
            except (OSError, ValueError):
                read[path] = None
        return read[path]
    return lines


def show_files(paths: list[str]) -> None:
    """--show-files: the files, one a line, then exit 0."""
    from linter.output import safe_path

    emit("".join(f"{safe_path(p)}\n" for p in paths), None)
    sys.exit(0)


def show_settings(settings: dict[str, Any], as_json: bool) -> None:
    """--show-settings: one `name = value` line a setting (TOML values), or a JSON object."""
    import json

    if as_json:
        emit(json.dumps(settings, indent=2, ensure_ascii=False) + "\n", None)
    else:  # TOML has no null: an unset setting is left out
        emit("".join(f"{name} = {_toml(value)}\n" for name, value in settings.items()
                     if value is not None), None)
    sys.exit(0)


def _toml(value: Any) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml(v)}" for k, v in value.items()) \
            + "}"
    return json.dumps(str(value), ensure_ascii=False)


def settings(config, rules, name: str, terminal: Terminal, fail_on: str | None,
             extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The configuration as this run resolves it: the file's settings with the command line's
    on top, the rules that would run, and how output would look."""
    threshold = fail_on or str(config.fail_on)
    colour = "off"
    if name in STYLES:
        from linter.output import console

        colour = "on" if console.want_colour(terminal.color, sys.stdout) else "off"
    return {
        "config-file": str(config.source) if config.source else None,
        "root": str(config.root),
        "paths": list(config.paths),
        "exclude": list(config.exclude),
        "rules": [rule.code for rule in rules],
        "severity": {code: str(s) for code, s in sorted(config.severity.items())},
        "per-file-ignores": {glob: list(c) for glob, c in sorted(config.per_file_ignores.items())},
        "rule-packs": list(config.rule_packs),
        "fail-on": threshold,
        "format": name,
        "color": colour,
        "limits": {k.replace("_", "-"): v for k, v in config.limits._asdict().items()},
        **(extra or {}),
    }
