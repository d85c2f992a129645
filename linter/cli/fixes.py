"""`factlint check --fix / --unsafe-fixes / --diff`: apply the fixes a run's findings carry
(see `linter.fix`), then check again once to report what is left."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from linter.cli.common import FactlintError, guard


def fix_options(command: Any) -> Any:
    command = click.option(
        "--diff", "show_diff", is_flag=True,
        help="Show the fixes as a unified diff and write nothing; exit 1 if there is one.",
    )(command)
    command = click.option(
        "--unsafe-fixes", is_flag=True,
        help="Also apply (or, with --diff, show) the fixes a human must review.",
    )(command)
    return click.option("--fix", is_flag=True, help="Apply the safe fixes.")(command)


def apply_fixes(config: Any, options: Any, outcome: Any, *, unsafe: bool, show_diff: bool,
                quiet: bool) -> Any:
    """With `show_diff`, print the diff and exit (1 if any); else write the fixes and return
    the outcome of a second run. A file that cannot be written safely is exit 2."""
    from linter.fix import apply
    from linter.run.runner import lint

    cwd = Path.cwd()
    chosen = apply.selected(outcome.findings, unsafe=unsafe)
    try:
        plans = apply.plan(chosen, cwd, config.root)
        if show_diff:
            text = apply.diff(plans)
            click.echo(text, nl=False)
            count = sum(p.fixed for p in plans if p.after != p.before)
            if not quiet:
                click.echo(f"Would fix {count} finding{'s' if count != 1 else ''}.", err=True)
            sys.exit(1 if text else 0)
        fixed = apply.write(plans, cwd, config.root)
    except apply.FixError as exc:
        raise FactlintError(str(exc)) from None
    again = guard(lambda: lint(config, options, cwd)) if fixed else outcome
    if not quiet:
        remaining = sum(1 for f in again.findings if f.suppressed is None)
        click.echo(f"Fixed {fixed} finding{'s' if fixed != 1 else ''} ({remaining} remaining).",
                   err=True)
    return again
