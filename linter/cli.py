"""The `factlint` command line.

Exit codes a CI can trust: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage,
configuration, rule-file or internal errors. Every command imports what it needs inside its body,
and `report`, `export` and `scan` are defined in modules loaded only when named, so a hook's
`factlint check` pays for little beyond click and the run itself. (`factlint --version` does
not get here at all: `linter.entry`, the console script, answers it without click.)
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path
from typing import ClassVar

import click

from linter import __version__
from linter.entry import silence_stdout as _silence_stdout

FORMAT_NAMES = ("text", "json", "github", "sarif", "junit", "markdown")
SEVERITIES = ("error", "warning", "info")


class FactlintError(click.ClickException):
    """A one-line error and exit 2 (click's own usage errors exit 2 as well)."""

    exit_code = 2

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        # One line even when the message quotes input that held a line break.
        click.echo(f"factlint: error: {' '.join(self.message.splitlines())}", err=True)


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """`--select FL1,FL2 --select FL3` → ("FL1", "FL2", "FL3")."""
    return tuple(c.strip() for v in values for c in v.split(",") if c.strip())


def _options(*decorators):  # type: ignore[no-untyped-def]
    """Several click options as one decorator, so commands share them word for word."""
    def apply(function):  # type: ignore[no-untyped-def]
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


class _Group(click.Group):
    """The main group, with the commands defined in other modules loaded only when named.

    `factlint check` (the hook) should not pay for defining `report`, `export` and `scan`;
    `--help`, shell completion and `factlint scan …` still see every command.
    """

    # command name -> (module, attribute); those modules import this one, so not at the top.
    LAZY: ClassVar[dict[str, tuple[str, str]]] = {
        "export": ("linter.cli_report", "export"),
        "report": ("linter.cli_report", "report"),
        "scan": ("linter.cli_scan", "scan"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.LAZY:
            import importlib

            module_name, attribute = self.LAZY[cmd_name]
            self.add_command(getattr(importlib.import_module(module_name), attribute))
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="factlint")
def cli() -> None:
    """factlint: lint a fact base of YAML claim files: schema, sources, figures, AI provenance."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice(FORMAT_NAMES),
              help="Output format (default: text; github when GITHUB_ACTIONS=true).")
@selection_options
@gate_options
@config_options
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Report and fail only on findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record today's findings in this file (then exit 0).")
@click.option("--no-cache", is_flag=True,
              help="Neither read nor write the cache in .factlint_cache/.")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Worker processes for parsing many files (default: the CPU count).")
def check(
    paths: tuple[str, ...],
    output_format: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    statistics: bool,
    quiet: bool,
    output_file: Path | None,
    config_file: Path | None,
    isolated: bool,
    baseline: Path | None,
    write_baseline: Path | None,
    no_cache: bool,
    jobs: int | None,
) -> None:
    """Lint claim files (default: the configured paths, `claims/`).

    Named files are checked against the whole configured corpus, so cross-file rules (duplicate
    ids, unknown sources, conflicting figures) work when pre-commit passes only changed files;
    findings are reported for the named files only.
    """
    from linter.model import Severity
    from linter.output import Report, render
    from linter.runner import Options, exit_code, lint

    config = _config(config_file, isolated)
    options = Options(
        paths=paths,
        select=_codes(select) or None,
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        use_cache=not no_cache,
        jobs=jobs,
    )
    # The validated built-in rules are kept beside the run cache (and, like it, not with
    # --no-cache): a run that finds everything cached need not import every check kind.
    from linter.cache import DIRECTORY
    from linter.rulebook import compiled_in

    with compiled_in(config.root / DIRECTORY if options.use_cache else None):
        outcome = _guard(lambda: lint(config, options, Path.cwd()))
    threshold = Severity.parse(fail_on) if fail_on else config.fail_on
    name = output_format or config.output_format or _default_format()
    findings, notes = outcome.findings, []
    if write_baseline is not None:
        from linter import baseline as baselines

        count = _guard(lambda: baselines.write(write_baseline, outcome.findings))
        click.echo(f"Wrote {count} finding{'s' if count != 1 else ''} to {write_baseline}.")
        sys.exit(0)
    if baseline is not None:
        from linter import baseline as baselines

        known = _guard(lambda: baselines.read(baseline))
        comparison = baselines.compare(outcome.findings, known)
        findings = comparison.new
        notes.append(
            f"Baseline {baseline}: {comparison.known} known finding"
            f"{'s' if comparison.known != 1 else ''} hidden, {comparison.fixed} fixed since."
        )
    report = Report(
        findings=findings,
        files=outcome.files,
        rules=outcome.rules,
        fail_on=threshold,
        version=__version__,
        show_statistics=statistics,
        quiet=quiet,
        notes=notes,
    )
    text = render(name, report)
    _emit(text, output_file)
    if options.use_cache:
        from linter import regexcache

        regexcache.save(config.root / DIRECTORY)
    sys.exit(exit_code(findings, threshold))


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text")
def rules_command(output_format: str) -> None:
    """List every rule: code, name, default severity, kind and summary."""
    import json

    rulebook = _guard(lambda: _rulebook())
    if output_format == "json":
        click.echo(json.dumps([
            {"code": r.code, "name": r.name, "severity": str(r.severity), "kind": r.kind,
             "summary": r.summary}
            for r in rulebook.rules.values()
        ], indent=2))
        return
    for rule in rulebook.rules.values():
        click.echo(f"{rule.code}  {rule.name:<34} {rule.severity!s:<8} {rule.summary}")


@cli.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Print the documentation of one rule (like `ruff rule`)."""
    from linter.ruledoc import render_rule

    rulebook = _guard(lambda: _rulebook())
    rule = rulebook.rules.get(code.upper())
    if rule is None:
        raise FactlintError(f"unknown rule {code!r} (see `factlint rules`)")
    click.echo(render_rule(rule), nl=False)


@cli.command("schema")
def schema_command() -> None:
    """Print the claim-file JSON Schema (draft 2020-12)."""
    from linter.kinds.schema import schema_text

    click.echo(schema_text(), nl=False)


def _rulebook():  # type: ignore[no-untyped-def]
    from linter.rulebook import load_rulebook

    config = _config(None, False)
    return load_rulebook(tuple(config.root / p for p in config.rule_packs))


def _config(config_file: Path | None, isolated: bool):  # type: ignore[no-untyped-def]
    from linter.config import ConfigError, load_config

    try:
        return load_config(Path.cwd(), config_file, isolated)
    except ConfigError as exc:
        raise FactlintError(str(exc)) from None


# The error types `_guard` turns into one-line errors, by module. An instance of one can only
# exist once its module is imported, so the check looks in sys.modules instead of importing
# them all: a run that never needs baselines does not pay for importing linter.baseline.
_KNOWN_ERRORS = (
    ("linter.baseline", "BaselineError"),
    ("linter.config", "ConfigError"),
    ("linter.discovery", "PathError"),
    ("linter.rulebook", "RuleFileError"),
)


def _known_error(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return True
    for module_name, class_name in _KNOWN_ERRORS:
        module = sys.modules.get(module_name)
        if module is not None and isinstance(exc, getattr(module, class_name)):
            return True
    return False


def _guard(action):  # type: ignore[no-untyped-def]
    """Turn known failure types into one-line errors with exit 2."""
    try:
        return action()
    except Exception as exc:
        if _known_error(exc):
            raise FactlintError(str(exc)) from None
        raise


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _emit(text: str, output_file: Path | None) -> None:
    if output_file is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from linter.atomic import write_text

    try:
        write_text(output_file, text)
    except OSError as exc:
        raise FactlintError(f"{output_file}: cannot write: {exc.strerror or exc}") from None


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived. A BaseException, so that no `except Exception` swallows it and
    click does not turn it into "Aborted!" with exit 1; `finally` blocks and the cleanup in
    `linter.atomic` still run, so no temporary or half-written file is left behind."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_MAIN_PID = os.getpid()


def _on_signal(signum: int, frame: object) -> None:
    if os.getpid() != _MAIN_PID:
        # A worker process forked by the runner: its parent got the signal too (or will get
        # the broken pool) and answers for the run; the worker leaves without a word.
        os._exit(128 + signum)
    raise Interrupted(signum)


def _install_signal_handlers() -> None:
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            if signal.getsignal(signum) is not signal.SIG_IGN:  # nohup and `cmd &` ignore SIGINT
                signal.signal(signum, _on_signal)
        except (ValueError, OSError):  # not the main thread (factlint called as a library)
            return


def main() -> None:
    """Console-script entry point: exit quietly on a closed pipe (1) or on SIGINT/SIGTERM
    (128 + the signal number, as a shell reports a process killed by it), and turn any
    unexpected exception into a one-line internal error (exit 2) instead of a traceback."""
    global _MAIN_PID
    _MAIN_PID = os.getpid()
    _install_signal_handlers()
    try:
        cli.main(prog_name="factlint", standalone_mode=True)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(1)
    except Interrupted as exc:
        _exit_on_signal(exc.signum)
    except KeyboardInterrupt:
        _exit_on_signal(signal.SIGINT)
    except SystemExit:
        raise
    except Exception as exc:
        if os.environ.get("FACTLINT_DEBUG"):
            raise
        _internal_error(f"{type(exc).__name__}: {exc}")


def _exit_on_signal(signum: int) -> None:
    for each in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C must not interrupt the exit
        with contextlib.suppress(ValueError, OSError):
            signal.signal(each, signal.SIG_IGN)
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        with contextlib.suppress(OSError, ValueError):
            _silence_stdout()
    sys.exit(128 + signum)


def _internal_error(text: str) -> None:
    # One line, whatever the exception's text holds (a path, a YAML snippet, a newline).
    line = " ".join(text.split())
    if len(line) > 500:
        line = line[:497] + "..."
    click.echo(
        f"factlint: internal error: {line} "
        "(set FACTLINT_DEBUG=1 for a traceback, and please report it)",
        err=True,
    )
    sys.exit(2)
