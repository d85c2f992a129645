"""`factlint report` and `factlint export claimreview`: commands that describe the fact base
rather than gate it. Both exit 0 when their output is written and 2 on errors; neither exits 1
for findings (that is `factlint check`'s job).

Attached to the main group in `linter/cli.py` with `cli.add_command(...)`. As in cli.py, every
command imports what it needs inside its body, so loading this module costs nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from linter import __version__
from linter.cli import (
    FactlintError,
    _codes,
    _config,
    _emit,
    _guard,
    config_options,
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
    from linter.runner import Options, lint

    name = output_format or reports.format_for(output_file)
    if name is None:
        raise FactlintError(
            f"cannot tell the report format from {str(output_file)!r}: use a .html, .md or "
            ".json file name, or pass --format html|markdown|json"
        )
    config = _config(config_file, isolated)
    options = Options(
        paths=paths,
        select=_codes(select) or None,
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
    )
    outcome = _guard(lambda: lint(config, options, Path.cwd()))
    model = reports.build(outcome, __version__)
    text = reports.render(model, name)
    _emit(text, output_file)
    if output_file is not None:
        s = model.summary
        click.echo(
            f"Wrote {output_file} ({name}): {s.claims} claims, {s.sources} sources, "
            f"{s.findings} findings, {len(model.conflicts)} conflicts.",
            err=True,
        )


@click.group("export")
def export() -> None:
    """Export the fact base to other formats."""


@export.command("claimreview")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the JSON-LD here instead of standard output.")
@click.option("--organisation", "--organization", "organisation", required=True,
              help="The fact-checking organisation: the ClaimReview author.")
@click.option("--page-url", required=True,
              help="http(s) URL of the page publishing the fact checks; each review links "
                   "to PAGE_URL#claim-<id>.")
@click.option("--skip-incomplete", is_flag=True,
              help="Leave out reviewed claims missing required data (listed on stderr) "
                   "instead of failing.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Configuration file (default: nearest .factlint.toml or pyproject.toml).")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
def claimreview(
    paths: tuple[str, ...],
    output_file: Path | None,
    organisation: str,
    page_url: str,
    skip_incomplete: bool,
    config_file: Path | None,
    isolated: bool,
) -> None:
    """schema.org ClaimReview JSON-LD for every claim with a human verdict (`review.verdict`).

    Unreviewed claims are never exported. A reviewed claim without a source URL or a review
    date is an error naming the claim (exit 2), unless --skip-incomplete.
    """
    from linter.claimreview import export as build_export
    from linter.claimreview import to_json
    from linter.corpus import Corpus
    from linter.runner import Options, gather, load_documents

    if not organisation.strip():
        raise FactlintError("--organisation must not be empty")
    if not page_url.lower().startswith(("http://", "https://")) or any(
        c.isspace() for c in page_url
    ):
        raise FactlintError(f"--page-url must be an absolute http(s) URL, not {page_url!r}")
    config = _config(config_file, isolated)

    def load() -> tuple[Corpus, set[str] | None]:
        # Only the corpus is needed, not the rules: references resolve across every file.
        targets, report_paths = gather(config, Options(paths=paths), Path.cwd())
        return Corpus.build(load_documents(targets, config)), report_paths

    corpus, files = _guard(load)
    result = build_export(corpus, files, organisation.strip(), page_url)
    for warning in result.warnings:
        click.echo(f"factlint: warning: {warning}", err=True)
    if result.incomplete:
        if not skip_incomplete:
            *others, last = result.incomplete
            for problem in others:
                click.echo(f"factlint: error: {problem}", err=True)
            raise FactlintError(str(last))
        for problem in result.incomplete:
            click.echo(f"factlint: skipped: {problem}", err=True)
    _emit(to_json(result.reviews), output_file)
    if output_file is not None:
        count = len(result.reviews)
        click.echo(f"Wrote {count} ClaimReview{'s' if count != 1 else ''} to {output_file}.",
                   err=True)
    sys.exit(0)
