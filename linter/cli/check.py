"""`factlint check`: the gate. Lint claim files against the whole corpus and exit 0, 1 or 2."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from linter import __version__
from linter.cli.common import (
    FORMAT_NAMES,
    FactlintError,
    Terminal,
    codes,
    config_options,
    emit,
    gate_options,
    guard,
    is_builtin,
    load_config_or_fail,
    output_name,
    render_output,
    selection_options,
    settings,
    show_files,
    show_settings,
    tell,
    terminal_options,
)
from linter.cli.fixes import apply_fixes, fix_options


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice(FORMAT_NAMES),
              help="A stable output format for programs and logs (default when not on a "
                   "terminal: text, one line a finding; github when GITHUB_ACTIONS=true).")
@terminal_options
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
@click.option("--allow-empty", is_flag=True,
              help="Exit 0 when there is no claim file to check (default: exit 2).")
@fix_options
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
    allow_empty: bool,
    fix: bool,
    unsafe_fixes: bool,
    show_diff: bool,
    terminal: Terminal,
) -> None:
    """Lint claim files (default: the configured paths, `claims/`).

    Named files are checked against the whole configured corpus, so cross-file rules (duplicate
    ids, unknown sources, conflicting figures) work when pre-commit passes only changed files;
    findings are reported for the named files only.
    """
    from linter.model import Severity
    from linter.output import Report
    from linter.run.runner import Options, exit_code

    config = load_config_or_fail(config_file, isolated)
    options = Options(
        paths=paths,
        select=codes(select) or None,
        extend_select=codes(extend_select),
        ignore=codes(ignore),
        use_cache=not no_cache,
        jobs=jobs,
    )
    name = output_name(output_format, terminal, statistics, config, output_file)
    if terminal.show_files or terminal.show_settings:
        _show(config, options, name, terminal, fail_on, jobs)
    outcome = _lint_with_progress(config, options, quiet)
    tell(outcome.notices)
    if not outcome.files and not allow_empty:
        raise FactlintError(_nothing_checked(config, paths))
    if fix or unsafe_fixes or show_diff:
        outcome = apply_fixes(config, options, outcome, unsafe=unsafe_fixes,
                              show_diff=show_diff, quiet=quiet)
    threshold = Severity.parse(fail_on) if fail_on else config.fail_on
    findings, notes = outcome.findings, []
    if outcome.outside:
        count = sum(1 for f in findings if f.path in set(outcome.outside))
        notes.append(
            f"{count} finding{'s' if count != 1 else ''} in {len(outcome.outside)} file"
            f"{'s' if len(outcome.outside) != 1 else ''} not named "
            f"({', '.join(outcome.outside[:5])}{', …' if len(outcome.outside) > 5 else ''}): "
            "caused by the changes to the named files.")
    if write_baseline is not None:
        from linter.project import baseline as baselines

        count = guard(lambda: baselines.write(write_baseline, outcome.findings))
        click.echo(f"Wrote {count} finding{'s' if count != 1 else ''} to {write_baseline}.")
        sys.exit(0)
    if baseline is not None:
        from linter.project import baseline as baselines

        known = guard(lambda: baselines.read(baseline))
        comparison = baselines.compare(outcome.findings, known)
        findings = comparison.new
        notes.append(
            f"Baseline {baseline}: {comparison.known} known finding"
            f"{'s' if comparison.known != 1 else ''} hidden, {comparison.fixed} fixed since."
        )
        old = known.notice(baseline)
        if old:
            notes.append(old)
    report = Report(
        findings=findings,
        files=outcome.files,
        rules=outcome.rules,
        fail_on=threshold,
        version=__version__,
        show_statistics=statistics,
        quiet=quiet,
        notes=notes,
        cwd=Path.cwd(),
        project_root=config.root,
        # Only SARIF links rule pages: the hook's text run does not stat the rules folder.
        documented=(frozenset(r.code for r in outcome.rules if is_builtin(r))
                    if name == "sarif" else frozenset()),
    )
    text = render_output(name, report, terminal, output_file, config.root,
                         config.limits.max_bytes)
    emit(text, output_file)
    sys.exit(0 if terminal.exit_zero else exit_code(findings, threshold))


def _lint_with_progress(config, options, quiet: bool):
    """The run, with a progress line on standard error when that is a terminal (not with -q)."""
    from linter.run.runner import lint

    progress = None
    if not quiet and sys.stderr.isatty():  # (a hook's run, piped, never imports the module)
        from linter.output.progress import Progress

        progress = Progress(sys.stderr)
    try:
        return guard(lambda: lint(config, options, Path.cwd(), progress))
    finally:
        if progress is not None:
            progress.close()


def _show(config, options, name: str, terminal: Terminal, fail_on: str | None,
          jobs: int | None) -> None:
    """--show-files or --show-settings, then exit 0."""
    from linter.run.runner import gather, prepare_rules

    if terminal.show_files and terminal.show_settings:
        raise FactlintError("--show-files and --show-settings exclude each other")
    if terminal.show_files:
        targets, report_paths = guard(lambda: gather(config, options, Path.cwd()))
        show_files(sorted(report_paths) if report_paths is not None
                   else [t.display for t in targets])
    _, rules = guard(lambda: prepare_rules(config, options))
    rules = [r for r in rules if r.kind != "scan"]  # `factlint scan`'s, not run by check
    show_settings(settings(config, rules, name, terminal, fail_on,
                           {"cache": options.use_cache, "jobs": jobs}), name == "json")


def _nothing_checked(config, paths: tuple[str, ...]) -> str:
    """Checking nothing is not a pass: a wrong `paths` or a run in the wrong folder would give
    a green gate. Say where factlint looked."""
    if paths:
        where = f"no claim files (*.yaml, *.yml) in {', '.join(paths)}"
    else:
        origin = config.source.name if config.source else "the default"
        where = (f"no claim files (*.yaml, *.yml) in the configured paths "
                 f"({', '.join(config.paths) or 'none'}, from {origin}, relative to "
                 f"{config.root})")
    return f"nothing to check: {where}; pass --allow-empty if that is expected"
