"""`factlint scan`: lint raw article text, or draft claim stubs from it (`--claims`).

Attached to the main group in `linter/cli.py` with `cli.add_command(scan)`. Findings use the
same model, formats, exit codes, `--select/--ignore`, `--fail-on` and configured severities
as `factlint check`; the scan rules are the `kind: scan` rule files (FL401-FL409). As in
cli.py, the command imports what it needs inside its body.
"""

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
    load_configured_rulebook,
    output_name,
    render_output,
    selection_options,
    settings,
    show_files,
    show_settings,
    terminal_options,
)

_SOURCE_KINDS = ("news", "analysis", "opinion", "blog", "press-release", "company",
                 "government", "academic", "reference", "unknown")


@click.command("scan")
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--claims", "draft_claims", is_flag=True,
              help="Print YAML claim stubs for the figures found instead of findings "
                   "(one article).")
@click.option("--explain", "explain_figures", is_flag=True,
              help="Print, for every figure stated in the articles, whether it is attributed "
                   "and which cue decided (findings or not), instead of findings.")
@click.option("--published", metavar="DATE",
              help="Publication date of the article (YYYY, YYYY-MM or YYYY-MM-DD): relative "
                   "dates are resolved against it; with --claims also the source's date.")
@click.option("--source-id", help="With --claims: the source id (default: from the file name).")
@click.option("--title", help="With --claims: the source title as printed.")
@click.option("--publisher", help="With --claims: who published the article.")
@click.option("--url", help="With --claims: the article's http(s) URL.")
@click.option("--kind", "source_kind", type=click.Choice(_SOURCE_KINDS),
              help="With --claims: the source kind (default: unknown).")
@click.option("--format", "output_format", type=click.Choice(FORMAT_NAMES),
              help="A stable format of findings for programs and logs (default when not on a "
                   "terminal: text, one line a finding; github when GITHUB_ACTIONS=true).")
@terminal_options
@selection_options
@gate_options
@config_options
def scan(
    articles: tuple[str, ...],
    draft_claims: bool,
    explain_figures: bool,
    published: str | None,
    source_id: str | None,
    title: str | None,
    publisher: str | None,
    url: str | None,
    source_kind: str | None,
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
    terminal: Terminal,
) -> None:
    """Lint article text (plain text, Markdown or HTML; `-` reads standard input).

    Reports AI-provenance signals (FL401-FL404), figures stated as fact without a named
    source (FL405) or on anonymous sourcing (FL406), and relative dates no publication date
    anchors (FL407; with --published, FL408 shows how each resolves). Exit codes as in
    `factlint check`.

    With --claims, prints a claim file instead: one stub per sentence with a figure, the
    sentence verbatim as the evidence quote, ready to edit into claims/ (exit 0).
    """
    from linter.text.dates import parse_date

    anchor = None
    if published is not None:
        try:
            anchor = parse_date(published)
        except ValueError as exc:
            raise FactlintError(f"--published: {exc}") from None
    source_options = {"--source-id": source_id, "--title": title, "--publisher": publisher,
                      "--url": url, "--kind": source_kind}
    if not draft_claims:
        given = [name for name, value in source_options.items() if value is not None]
        if given:
            raise FactlintError(f"{', '.join(given)} only apply with --claims")
    if explain_figures and draft_claims:
        raise FactlintError("--explain and --claims cannot be combined")
    if (explain_figures or draft_claims) and (terminal.given() or statistics):
        raise FactlintError(f"{'--explain' if explain_figures else '--claims'} prints no "
                            "findings: --output-format, --color, --statistics, --exit-zero, "
                            "--show-files and --show-settings do not apply")
    config = load_config_or_fail(config_file, isolated)
    if explain_figures:
        _explain(articles, config, output_file)
        return
    if draft_claims:
        _draft(articles, config, published, source_id, title, publisher, url, source_kind,
               output_file)
        return
    _lint(articles, config, anchor, output_format, select, extend_select, ignore, fail_on,
          statistics, quiet, output_file, terminal)


def _read(path: str, config):
    from linter.scan.analysis import ArticleError, read_article

    try:
        if path == "-":
            return read_article("<stdin>", config.limits.max_bytes,
                                sys.stdin.buffer.read(config.limits.max_bytes + 1))
        return read_article(path, config.limits.max_bytes)
    except ArticleError as exc:
        raise FactlintError(str(exc)) from None


def _explain(articles, config, output_file) -> None:
    from linter.scan.analysis import Resources, explain_figures

    rulebook = guard(lambda: load_configured_rulebook(config))
    resources = guard(lambda: Resources.from_rulebook(
        rulebook, [r for r in rulebook.rules.values() if r.kind == "scan"]))
    lines: list[str] = []
    for path in articles:
        lines.extend(explain_figures(_read(path, config), resources))
    emit("".join(f"{line}\n" for line in lines), output_file)


def _lint(articles, config, anchor, output_format, select, extend_select, ignore,
          fail_on, statistics, quiet, output_file, terminal) -> None:
    from linter.model import Severity
    from linter.output import Report
    from linter.run.engine import Selection, finalize
    from linter.run.runner import Options, exit_code, prepare_rules
    from linter.scan.analysis import Resources, scan_text, to_findings

    options = Options(select=codes(select) or None, extend_select=codes(extend_select),
                      ignore=codes(ignore))
    name = output_name(output_format, terminal, statistics, config, output_file)
    if terminal.show_files and terminal.show_settings:
        raise FactlintError("--show-files and --show-settings exclude each other")
    if terminal.show_files:
        show_files(sorted(set(articles)))
    rulebook, rules = guard(lambda: prepare_rules(config, options))
    scan_rules = [r for r in rules if r.kind == "scan"]
    if terminal.show_settings:
        show_settings(settings(config, scan_rules, name, terminal, fail_on), name == "json")
    resources = guard(lambda: Resources.from_rulebook(
        rulebook, [r for r in rulebook.rules.values() if r.kind == "scan"]))
    raw = []
    names = []
    for path in articles:
        article = _read(path, config)
        names.append(article.path)
        raw.extend(to_findings(article, scan_text(article.text, resources, anchor), scan_rules))
    selection = Selection(severity=dict(config.severity),
                          per_file_ignores=dict(config.per_file_ignores), report_paths=None)
    findings = finalize(raw, {}, selection)
    threshold = Severity.parse(fail_on) if fail_on else config.fail_on
    # As `check`: github and sarif paths relative to the repository root, where GitHub
    # resolves them, and SARIF rules linked to their pages.
    report = Report(findings=findings, files=sorted(set(names)), rules=scan_rules,
                    fail_on=threshold, version=__version__, show_statistics=statistics,
                    quiet=quiet, cwd=Path.cwd(), project_root=config.root,
                    documented=(frozenset(r.code for r in scan_rules if is_builtin(r))
                                if name == "sarif" else frozenset()))
    emit(render_output(name, report, terminal, output_file, config.root,
                       config.limits.max_bytes), output_file)
    sys.exit(0 if terminal.exit_zero else exit_code(findings, threshold))


def _draft(articles, config, published, source_id, title, publisher, url,
           source_kind, output_file) -> None:
    import os

    from linter.scan.analysis import (
        ID_PATTERN,
        TODO_TITLE,
        URL_PATTERN,
        Resources,
        SourceMeta,
        claim_stubs,
        default_source_id,
        stubs_yaml,
    )

    if len(articles) != 1:
        raise FactlintError("--claims drafts stubs from one article at a time "
                            f"({len(articles)} given)")
    if source_id is not None and (not ID_PATTERN.match(source_id) or len(source_id) > 120):
        raise FactlintError(f"--source-id {source_id!r}: use lowercase letters, digits, '.', '_' "
                            "and '-', starting with a letter or digit (at most 120)")
    # fullmatch: the pattern ends in `$`, which would accept a final line break.
    if url is not None and not URL_PATTERN.fullmatch(url):
        raise FactlintError(f"--url {url!r} is not an absolute http(s) URL")
    for option, value in (("--title", title), ("--publisher", publisher)):
        if value is not None and not value.strip():
            raise FactlintError(f"{option} must not be empty")
    article = _read(articles[0], config)
    rulebook = guard(lambda: load_configured_rulebook(config))
    resources = guard(lambda: Resources.from_rulebook(
        rulebook, [r for r in rulebook.rules.values() if r.kind == "scan"]))
    meta = SourceMeta(
        id=source_id or default_source_id(articles[0]),
        title=" ".join((title or article.title or TODO_TITLE).split()),
        kind=source_kind or "unknown",
        publisher=" ".join(publisher.split()) if publisher else None,
        url=url,
        published=published,
    )
    document = claim_stubs(article, resources, meta)
    from linter.schema import SCHEMA_FILE as schema

    reference = str(schema)
    if output_file is not None:
        # Relative to the file's folder, as the claim files in this repository write it, when
        # both sit in one tree; across unrelated trees an absolute path is the honest one.
        folder = output_file.resolve().parent
        try:
            if os.path.commonpath([schema, folder]) != os.path.dirname(os.path.abspath(os.sep)):
                reference = os.path.relpath(schema, folder)
        except ValueError:  # different drives on Windows
            pass
    emit(stubs_yaml(document, reference.replace(os.sep, "/"), article.path), output_file)
    if output_file is not None:
        count = len(document["claims"])
        click.echo(f"Wrote {count} claim stub{'s' if count != 1 else ''} to {output_file}.",
                   err=True)
    sys.exit(0)
