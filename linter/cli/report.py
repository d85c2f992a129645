"""`factlint report`: describe the fact base rather than gate it. It exits 0 when the report is
written and 2 on errors, never 1 for findings (that is `factlint check`'s job)."""

from __future__ import annotations

from pathlib import Path

import click

from linter import __version__
from linter.cli.common import (
    FactlintError,
    codes,
    config_options,
    emit,
    guard,
    load_config_or_fail,
    selection_options,
)

REPORT_FORMATS = ("html", "markdown", "json")


@click.command("report")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report here (format from the suffix: .html, .md, .json).")
@click.option("--format", "output_format", type=click.Choice(REPORT_FORMATS),
              help="Report format (default: from the -o suffix; markdown on standard output).")
@selection_options
@config_options
def report(
    paths: tuple[str, ...],
    output_file: Path | None,
    output_format: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: Path | None,
    isolated: bool,
) -> None:
    """Write a standalone report: summary, conflicts side by side, sources and their
    reliability, every finding by rule and by file, claims and their review status.

    The HTML file is self-contained (no network, inline CSS) and prints cleanly. The report
    is not a gate: it exits 0 whenever it is written, whatever it found.
    """
    from linter import report as reports
    from linter.run.runner import Options, lint

    name = output_format or reports.format_for(output_file)
    if name is None:
        raise FactlintError(
            f"cannot tell the report format from {str(output_file)!r}: use a .html, .md or "
            ".json file name, or pass --format html|markdown|json"
        )
    config = load_config_or_fail(config_file, isolated)
    options = Options(
        paths=paths,
        select=codes(select) or None,
        extend_select=codes(extend_select),
        ignore=codes(ignore),
    )
    outcome = guard(lambda: lint(config, options, Path.cwd()))
    model = reports.build(outcome, __version__)
    text = reports.render(model, name)
    emit(text, output_file)
    if output_file is not None:
        s = model.summary
        counts = ", ".join(_counted(n, word) for n, word in (
            (s.claims, "claim"), (s.sources, "source"), (s.findings, "finding"),
            (len(model.conflicts), "conflict")))
        click.echo(f"Wrote {output_file} ({name}): {counts}.", err=True)


def _counted(count: int, noun: str) -> str:
    """`1 conflict`, `2 conflicts`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
