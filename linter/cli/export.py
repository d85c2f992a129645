"""`factlint export claimreview`: schema.org ClaimReview JSON-LD for the reviewed claims. Exits 0
when the output is written and 2 on errors, never 1 for findings."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from linter.cli.common import FactlintError, emit, guard, load_config_or_fail


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
    from linter.export.claimreview import export as build_export
    from linter.export.claimreview import to_json
    from linter.load.corpus import Corpus
    from linter.run.runner import Options, gather, load_documents

    if not organisation.strip():
        raise FactlintError("--organisation must not be empty")
    if not page_url.lower().startswith(("http://", "https://")) or any(
        c.isspace() for c in page_url
    ):
        raise FactlintError(f"--page-url must be an absolute http(s) URL, not {page_url!r}")
    config = load_config_or_fail(config_file, isolated)

    def load() -> tuple[Corpus, set[str] | None]:
        # Only the corpus is needed, not the rules: references resolve across every file.
        targets, report_paths = gather(config, Options(paths=paths), Path.cwd())
        return Corpus.build(load_documents(targets, config)), report_paths

    corpus, files = guard(load)
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
    emit(to_json(result.reviews), output_file)
    if output_file is not None:
        count = len(result.reviews)
        click.echo(f"Wrote {count} ClaimReview{'s' if count != 1 else ''} to {output_file}.",
                   err=True)
    sys.exit(0)
