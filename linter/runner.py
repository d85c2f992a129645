"""One lint run, start to finish, independent of the command line: configuration → rules →
files → corpus → findings. `factlint check` and `factlint report` both stand on it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from linter.config import Config, codes_mentioned
from linter.corpus import Corpus
from linter.discovery import Target, expand
from linter.engine import Selection, run
from linter.model import Finding, Rule, Severity
from linter.rulebook import Rulebook, check_selectors, load_rulebook, select_rules
from linter.yamlload import Document, load_path


@dataclass(frozen=True)
class Options:
    """What the command line adds to (or overrides in) the configuration."""

    paths: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass
class Outcome:
    findings: list[Finding]
    files: list[str]  # reported files
    rules: list[Rule]
    corpus: Corpus
    rulebook: Rulebook


def prepare_rules(config: Config, options: Options) -> tuple[Rulebook, list[Rule]]:
    packs = tuple(config.root / p for p in config.rule_packs)
    rulebook = load_rulebook(packs)
    check_selectors(rulebook, codes_mentioned(config))
    pairs = [("--select", c) for c in options.select or ()]
    pairs += [("--extend-select", c) for c in options.extend_select]
    pairs += [("--ignore", c) for c in options.ignore]
    check_selectors(rulebook, pairs)
    select = options.select if options.select is not None else config.select
    rules = select_rules(
        rulebook, select, config.extend_select + options.extend_select,
        config.ignore + options.ignore,
    )
    return rulebook, rules


def gather(config: Config, options: Options, cwd: Path) -> tuple[list[Target], set[str] | None]:
    """All files of the corpus, and the display paths to report (None: all of them)."""
    configured = expand([config.root / p for p in config.paths], cwd, config.exclude, strict=False)
    if not options.paths:
        return configured, None
    named = expand([Path(p) for p in options.paths], cwd, config.exclude, strict=True)
    by_path = {t.path: t for t in configured}
    for target in named:  # a named file keeps the spelling the user gave it
        by_path[target.path] = target
    everything = sorted(by_path.values(), key=lambda t: t.display)
    return everything, {t.display for t in named}


def load_documents(targets: list[Target], config: Config) -> list[Document]:
    documents = []
    for target in targets:
        try:
            document = load_path(target.path, target.display, config.limits)
            document.file = target.path
            documents.append(document)
        except OSError as exc:
            raise OSError(f"{target.display}: cannot read: {exc.strerror or exc}") from None
    return documents


def lint(config: Config, options: Options, cwd: Path) -> Outcome:
    rulebook, rules = prepare_rules(config, options)
    targets, report_paths = gather(config, options, cwd)
    documents = load_documents(targets, config)
    corpus = Corpus.build(documents, config.root.resolve())
    selection = Selection(
        severity=dict(config.severity),
        per_file_ignores=dict(config.per_file_ignores),
        report_paths=frozenset(report_paths) if report_paths is not None else None,
    )
    findings = run(rules, corpus, rulebook, selection)
    files = sorted(report_paths) if report_paths is not None else [t.display for t in targets]
    return Outcome(findings, files, rules, corpus, rulebook)


def exit_code(findings: list[Finding], fail_on: Severity) -> int:
    return int(any(f.severity >= fail_on and f.suppressed is None for f in findings))
