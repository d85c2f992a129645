"""One lint run, start to finish, independent of the command line: configuration → rules →
files → corpus → findings. `factlint check` and `factlint report` both stand on it.

Rules come in two scopes (see `linter.kinds.scope`). File-scoped rules (syntax, schema, …) are
run once per file content and their findings cached with the file's data; corpus-scoped rules
(duplicate ids, conflicts, sources) run on every run, on data that comes from the cache for files
that did not change. Files that must be parsed are parsed in parallel when there are many.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from linter import kinds
from linter.cache import Cache, CorpusResult, Entry, cache_key, content_hash, stat_key
from linter.config import Config, codes_mentioned
from linter.corpus import Corpus
from linter.discovery import Target, expand
from linter.engine import Selection, check_rules, finalize
from linter.kinds.future_date import today
from linter.model import Finding, Position, Rule, Severity
from linter.rulebook import Rulebook, check_selectors, load_rulebook, select_rules
from linter.yamlload import LIMIT, Document, Limits, LoadProblem, load_bytes, read_regular

# Per-text analyses worth keeping only for the run: the per-claim results built from them are
# kept instead, and these would make the cache several times larger than the data.
_RUN_ONLY = ("figures:", "relatives:")

# Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 400


@dataclass(frozen=True)
class Options:
    """What the command line adds to (or overrides in) the configuration."""

    paths: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    use_cache: bool = False
    jobs: int | None = None  # None: from the CPU count, serial for small inputs


@dataclass
class Outcome:
    findings: list[Finding]
    files: list[str]  # reported files
    rules: list[Rule]
    corpus: Corpus
    rulebook: Rulebook
    parsed: int = 0  # files parsed this run (not served by the cache)


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


def _read(target: Target, limits: Limits) -> bytes:
    try:
        # A file swapped for a FIFO or a huge one after listing must not hang or exhaust memory.
        return read_regular(target.path, limits.max_bytes)
    except OSError as exc:
        raise OSError(f"{target.display}: cannot read: {exc.strerror or exc}") from None


def _parse(target: Target, raw: bytes, limits: Limits) -> Document:
    if len(raw) > limits.max_bytes:
        try:  # only limit + 1 bytes were read: the size on disk says how far over it is
            size = target.path.stat().st_size
        except OSError:
            size = len(raw)
        document = Document(target.display)
        document.problems.append(LoadProblem(
            LIMIT, Position(1, 1),
            f"file is {size:,} bytes, over the limit of {limits.max_bytes:,}; not read"))
    else:
        document = load_bytes(raw, target.display, limits)
    document.file = target.path
    return document


def load_documents(targets: list[Target], config: Config) -> list[Document]:
    """Parse every target (no cache, no rules): for commands that need only the data."""
    return [_parse(target, _read(target, config.limits), config.limits) for target in targets]


def _file_findings(documents: list[Document], rules: list[Rule],
                   rulebook: Rulebook) -> dict[str, list[Finding]]:
    """Findings of file-scoped rules, by file: each file is checked as a corpus of one."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in check_rules(rules, Corpus.build(documents), rulebook):
        by_file[finding.path].append(finding)
    return by_file


def _work(batch: list[tuple[Target, bytes]], limits: Limits, rule_codes: list[str],
          packs: tuple[Path, ...]) -> list[tuple[str, Entry]]:
    """Worker: parse a batch and run the file-scoped rules on it (in a child process)."""
    rulebook = load_rulebook(packs)
    rules = [rulebook.rules[code] for code in rule_codes]
    documents = [_parse(target, raw, limits) for target, raw in batch]
    findings = _file_findings(documents, rules, rulebook)
    return [
        (doc.path, Entry((0, 0, 0), "", doc.data, doc.problems, findings.get(doc.path, [])))
        for doc in documents
    ]


def _parse_many(pending: list[tuple[Target, bytes]], config: Config, file_rules: list[Rule],
                rulebook: Rulebook, jobs: int) -> dict[str, Entry]:
    if not pending:
        return {}
    if jobs <= 1 or len(pending) < PARALLEL_THRESHOLD:
        documents = [_parse(target, raw, config.limits) for target, raw in pending]
        findings = _file_findings(documents, file_rules, rulebook)
        return {doc.path: Entry((0, 0, 0), "", doc.data, doc.problems,
                                findings.get(doc.path, [])) for doc in documents}
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(pending) // (jobs * 4))  # a few batches per worker evens out the load
    batches = [pending[i:i + size] for i in range(0, len(pending), size)]
    packs = tuple(config.root / p for p in config.rule_packs)
    codes = [rule.code for rule in file_rules]
    results: dict[str, Entry] = {}
    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        futures = [pool.submit(_work, b, config.limits, codes, packs) for b in batches]
        for future in futures:
            results.update(future.result())
    except BaseException:
        # An interrupt must not wait for the batches still queued.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return results


@dataclass
class Loaded:
    corpus: Corpus
    findings: list[Finding]  # raw findings of the selected file-scoped rules
    parsed: int
    cache: Cache | None
    entries: dict[str, Entry]
    dirty: bool  # the files part of the cache must be written
    derived_loaded: set[str]
    previous: CorpusResult | None = None  # the last full run's corpus-rule findings
    parsed_paths: set[str] = field(default_factory=set)

    def signature(self) -> str:
        """What corpus-rule findings depend on besides the rules: every file (by stat), every
        snapshot a source names (by stat) and today's date (for dates in the future)."""
        digest = hashlib.blake2b(digest_size=16)
        digest.update(today().isoformat().encode())
        for path, entry in sorted(self.entries.items()):
            digest.update(f"{path}\0{entry.stat}\0".encode())
        for source in self.corpus.sources.values():
            archive = source.get("archive")
            if isinstance(archive, str) and source.document.file is not None:
                try:
                    stat = (source.document.file.parent / archive).stat()
                    digest.update(f"{archive}\0{stat_key(stat)}".encode())
                except (OSError, ValueError):
                    digest.update(f"{archive}\0missing".encode())
        return digest.hexdigest()

    def reusable(self, signature: str) -> list[Finding] | None:
        """The previous run's corpus findings, if nothing they depend on changed."""
        if self.cache is None or self.dirty or self.previous is None:
            return None
        return self.previous.findings if self.previous.signature == signature else None

    def save(self, full_run: bool, result: CorpusResult | None) -> None:
        """Write the cache if anything in it changed. Text analyses not used by this run are
        dropped only after a run of every rule, so a --select run does not empty the cache."""
        if self.cache is None:
            return
        focus = self.corpus.focus
        if focus is not None and self.parsed_paths <= focus:
            # pre-commit parsed only the files it named: rewriting the whole cache would cost
            # far more than parsing those few files again next time.
            return
        used, derived = self.corpus.derived_used, self.corpus.derived
        new = bool(used - self.derived_loaded)
        keep = used if full_run else used | self.derived_loaded
        stale_result = result is not None and (
            self.previous is None or self.previous.signature != result.signature)
        if self.dirty or new or stale_result or (full_run and self.derived_loaded - used):
            kept = {k: derived[k] for k in keep
                    if k in derived and not k.startswith(_RUN_ONLY)}
            self.cache.save(self.entries, kept, result or self.previous)


def load_corpus(config: Config, options: Options, rulebook: Rulebook, rules: list[Rule],
                targets: list[Target]) -> Loaded:
    """The corpus and the raw findings of the file-scoped rules among `rules`.

    With the cache on, every file-scoped rule of the rulebook runs on parsed files (so the cache
    serves any later --select); without it, only the selected ones do.
    """
    scoped = [r for r in rulebook.rules.values() if kinds.scope(r.kind) == "file"]
    selected = {r.code for r in rules}
    file_rules = scoped if options.use_cache else [r for r in scoped if r.code in selected]
    cache = None
    cached: dict[str, Entry] = {}
    derived: dict[str, object] = {}
    previous: CorpusResult | None = None
    if options.use_cache:
        key = cache_key(config.fingerprint(), rulebook.directories)
        cache = Cache(config.root, key)
        cached, derived, previous = cache.load()
    entries: dict[str, Entry] = {}
    pending: list[tuple[Target, bytes]] = []
    signatures: dict[str, tuple[tuple[int, int, int], str]] = {}
    changed = False
    for target in targets:
        try:
            signature = stat_key(target.path.stat())
        except OSError as exc:
            raise OSError(f"{target.display}: cannot read: {exc.strerror or exc}") from None
        entry = cached.get(target.display)
        if entry is not None and entry.stat == signature:
            entries[target.display] = entry
            continue
        raw = _read(target, config.limits)
        sha = content_hash(raw) if cache else ""
        if entry is not None and entry.sha == sha:
            entry.stat = signature  # touched, not changed
            entries[target.display] = entry
            changed = True
            continue
        signatures[target.display] = (signature, sha)
        pending.append((target, raw))
    jobs = options.jobs if options.jobs is not None else (os.cpu_count() or 1)
    for path, entry in _parse_many(pending, config, file_rules, rulebook, jobs).items():
        entry.stat, entry.sha = signatures[path]
        entries[path] = entry
    documents = [entries[t.display].document(t.display, t.path) for t in targets]
    raw_findings = [f for t in targets for f in entries[t.display].findings if f.code in selected]
    corpus = Corpus.build(documents, config.root.resolve())
    corpus.derived = derived
    dirty = bool(pending or changed or set(cached) - set(entries))
    return Loaded(corpus, raw_findings, len(pending), cache, entries, dirty, set(derived),
                  previous, {target.display for target, _ in pending})


def lint(config: Config, options: Options, cwd: Path) -> Outcome:
    rulebook, rules = prepare_rules(config, options)
    targets, report_paths = gather(config, options, cwd)
    loaded = load_corpus(config, options, rulebook, rules, targets)
    corpus, raw, parsed = loaded.corpus, loaded.findings, loaded.parsed
    corpus.focus = frozenset(report_paths) if report_paths is not None else None
    corpus_rules = [r for r in rules if kinds.scope(r.kind) != "file"]
    everything = [r for r in rulebook.rules.values() if kinds.scope(r.kind) != "file"]
    # A result for every rule and every file can stand in for a later run; a focused one can't.
    full_run = len(corpus_rules) == len(everything) and corpus.focus is None
    # The signature is needed only to reuse or store a full result.
    wants_signature = options.use_cache and (full_run or not loaded.dirty)
    signature = loaded.signature() if wants_signature else ""
    reused = loaded.reusable(signature)
    result: CorpusResult | None = None
    if reused is not None:  # nothing changed since the last full run: no rule needs to run
        selected = {r.code for r in corpus_rules}
        raw += [f for f in reused if f.code in selected]
    else:
        corpus_findings = check_rules(corpus_rules, corpus, rulebook)
        raw += corpus_findings
        if full_run and options.use_cache:
            result = CorpusResult(signature, corpus_findings)
    # A run that reused the last result analysed nothing: it must not prune what it did not use.
    loaded.save(full_run and reused is None, result)
    selection = Selection(
        severity=dict(config.severity),
        per_file_ignores=dict(config.per_file_ignores),
        report_paths=frozenset(report_paths) if report_paths is not None else None,
    )
    findings = finalize(raw, corpus, selection)
    files = sorted(report_paths) if report_paths is not None else [t.display for t in targets]
    return Outcome(findings, files, rules, corpus, rulebook, parsed)


def exit_code(findings: list[Finding], fail_on: Severity) -> int:
    return int(any(f.severity >= fail_on and f.suppressed is None for f in findings))
