"""What the commands share: their common options, the one-line error, and turning known
failures into it. Every command imports what it needs inside its body, so loading a command
module costs little beyond click."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

FORMAT_NAMES = ("text", "json", "github", "sarif", "junit", "markdown")
SEVERITIES = ("error", "warning", "info")


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
    click.option("--statistics", is_flag=True, help="Count findings per rule."),
    click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary."),
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


