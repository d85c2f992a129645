"""One lint run, start to finish, independent of the command line: configuration → rules →
files → index → findings. `factlint check` and `factlint report` both stand on it.

Rules come in three scopes (see `linter.rulebook.kinds.scope`):
- file: findings depend on the file alone (syntax, schema);
- cited (the default): on the file and the sources its claims cite (figures in quotes, source
  provenance) — cached per file with the *view* of those sources they saw;
- index: on facts collected from every file (duplicate ids, unknown sources, conflicting
  figures) — each file's facts are cached, and the rule joins them.

A run brings the index up to date (files whose stat and content changed are parsed again, in
parallel when there are many), analyses again the files whose view no longer holds (a source
they cite changed), and joins the facts for the files it reports. The index is the cache in
`.factlint_cache/`, or, with `--no-cache`, a private one in memory.
"""

from __future__ import annotations

import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from linter.files.cachedir import DIRECTORY, CacheDir, Unusable
from linter.load.corpus import Corpus
from linter.load.document import Document, Limits
from linter.model import Finding, Rule, Severity
from linter.project.config import Config, codes_mentioned
from linter.project.discovery import PathError, Target, expand
from linter.rulebook import kinds
from linter.rulebook.book import (
    Rulebook,
    check_selectors,
    compiled_in,
    load_rulebook,
    select_rules,
)
from linter.rulebook.context import Context
from linter.rulebook.kinds.future_date import today
from linter.run import garbage as collection
from linter.run.analysis import analyse, parse, read, snapshot_stat
from linter.run.engine import Selection, check_rules, finalize
from linter.run.store import (
    RACY_NS,
    FileResult,
    SourceRow,
    StatKey,
    Store,
    cache_key,
    content_hash,
)

# Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 400
# Files parsed and checked together: large enough that per-check set-up is paid rarely, small
# enough that a 100,000-file corpus never sits in memory at once.
BATCH = 250

__all__ = ["Options", "Outcome", "check_rules", "exit_code", "gather", "lint", "load_documents"]

# Called as files are parsed, with (files parsed so far, files to parse): the command line's
# progress line. Parsing is what takes long in a cold run; a warm one parses nothing.
ProgressHook = Callable[[int, int], None]


class Options(NamedTuple):
    """What the command line adds to (or overrides in) the configuration."""

    paths: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    use_cache: bool = False
    jobs: int | None = None  # None: from the CPU count, serial for small inputs


class Outcome:
    # A plain class (see `linter.load.corpus.Corpus`).
    __slots__ = (
        "_corpus",
        "config",
        "files",
        "findings",
        "notices",
        "outside",
        "parsed",
        "rulebook",
        "rules",
        "targets",
    )

    def __init__(self, findings: list[Finding], files: list[str], rules: list[Rule],
                 rulebook: Rulebook, parsed: int = 0, targets: list[Target] | None = None,
                 config: Config | None = None) -> None:
        self.findings, self.rules, self.rulebook = findings, rules, rulebook
        self.files = files  # reported files
        self.parsed = parsed  # files parsed this run (not served by the cache)
        self.targets: list[Target] = targets if targets is not None else []
        self.config = config
        self.notices: list[str] = []  # said once on standard error (a cache not used, rebuilt)
        # Files not named that hold findings the named files caused (see `_indexed`).
        self.outside: list[str] = []
        self._corpus: Corpus | None = None

    @property
    def corpus(self) -> Corpus:
        """Every file's data (for the report): parsed on first use, since a lint run itself
        keeps only the index."""
        if self._corpus is None:
            assert self.config is not None
            self._corpus = Corpus.build(load_documents(self.targets, self.config),
                                        self.config.root.resolve())
        return self._corpus


def prepare_rules(config: Config, options: Options) -> tuple[Rulebook, list[Rule]]:
    packs = tuple(config.root / p for p in config.rule_packs)
    rulebook = load_rulebook(packs, config.root.resolve())
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
    root = config.root
    for configured_path in config.paths:
        # A configured path is the repository's choice: it must stay inside the project.
        if not Path(os.path.abspath(root / configured_path)).is_relative_to(
                os.path.abspath(root)):
            where = config.source.name if config.source else "configuration"
            raise PathError(f"{where}: [tool.factlint] paths: {configured_path!r} lies outside "
                            "the project root")
    configured = expand([root / p for p in config.paths], cwd, config.exclude, strict=False,
                        root=root)
    if not options.paths:
        return configured, None
    named = expand([Path(p) for p in options.paths], cwd, config.exclude, strict=True,
                   root=root)
    # pre-commit names a few files of a corpus of thousands: one pass over the corpus swaps
    # in the named ones, which keep the spelling the user gave them.
    # (Sorting a list already in order, as it is unless a spelling differs, is one pass.)
    by_file = {t.file: t for t in named}
    everything = [by_file.pop(t.file, t) for t in configured]
    everything.extend(by_file.values())  # named files outside the configured paths
    everything.sort(key=itemgetter(1))  # by display
    report = {t.display for t in named}
    if len(report) == len(everything):
        # Every file is named (`factlint check claims/`): the same run as naming none, which
        # joins the cross-file index once instead of file by file, and whose index findings a
        # later run with nothing changed can reuse.
        return everything, None
    return everything, report


def load_documents(targets: list[Target], config: Config) -> list[Document]:
    """Parse every target (no cache, no rules): for commands that need only the data."""
    return [parse(target, read(target, config.limits), config.limits) for target in targets]


def _work(batch: list[tuple[Target, bytes | None]], limits: Limits, rule_codes: list[str],
          packs: tuple[Path, ...], root: Path) -> list[FileResult]:
    """Worker: analyse a batch (in a child process)."""
    rulebook = load_rulebook(packs, root)
    rules = [rulebook.rules[code] for code in rule_codes]
    with collection.paused():
        return analyse(batch, limits, rules, rulebook, root)


def _batches(items: list[tuple[Target, bytes | None]], size: int
             ) -> list[list[tuple[Target, bytes | None]]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


class _Run:
    """The state of one run: the index, the rules, and what changed."""

    def __init__(self, config: Config, options: Options, rulebook: Rulebook,
                 rules: list[Rule], store: Store) -> None:
        self.config, self.options, self.rulebook, self.store = config, options, rulebook, store
        self.root = config.root.resolve()
        # With the cache on, every rule's share is computed, so the cache serves any later
        # --select; without it, only the selected rules'.
        self.analysed = list(rulebook.rules.values()) if options.use_cache else rules
        self.parsed = 0
        self.progress: ProgressHook | None = None

    def sync(self, targets: list[Target]) -> None:
        """Bring the index up to date with the files on disk."""
        stored = self.store.stored()
        pending: list[tuple[Target, bytes | None]] = []
        signatures: dict[str, StatKey] = {}
        # The loop below runs once per file of the corpus, a pre-commit run's included: keep
        # it lean (no tuple built for a file whose stat is unchanged, mtime compared first).
        stat, known_of = os.stat, stored.get
        racy = self.store.stamped_ns() - RACY_NS  # from here on, a stamp proves nothing
        new = 0  # files the cache has not seen
        for target in targets:
            file, display = target
            try:
                info = stat(file)
            except OSError as exc:
                raise OSError(f"{display}: cannot read: {exc.strerror or exc}") from None
            known = known_of(display)
            if (known is not None and known[1] == info.st_mtime_ns and known[0] == info.st_size
                    and known[2] == info.st_ino and info.st_mtime_ns < racy):
                continue
            signature = (info.st_size, info.st_mtime_ns, info.st_ino)
            raw = None
            if known is None:
                new += 1
            else:  # read now only to tell a touched file from a changed one
                raw = read(target, self.config.limits)
                if self.store.sha(display) == content_hash(raw):
                    if known != signature:  # touched; a racy stamp that held stays as it is
                        self.store.touch(target.display, signature)
                    continue
            signatures[target.display] = signature
            pending.append((target, raw))  # a new file is read where it is analysed
        if len(stored) > len(targets) - new:  # some stored file is no longer there
            self.store.remove(set(stored) - {t.display for t in targets})
        progress, total = self.progress, len(pending)
        for done, result in enumerate(self._analyse_many(pending), start=1):
            self.store.replace(result, signatures[result.path])  # as they come: memory stays flat
            if progress is not None:
                progress(done, total)
        self.parsed += len(pending)
        self.store.refresh_snapshots(snapshot_stat)

    def _analyse_many(self, pending: list[tuple[Target, bytes | None]]
                      ) -> Iterator[FileResult]:
        if not pending:
            return
        jobs = self.options.jobs if self.options.jobs is not None else (os.cpu_count() or 1)
        limits = self.config.limits
        if jobs <= 1 or len(pending) < PARALLEL_THRESHOLD:
            serial = _batches(pending, BATCH)
            for number, batch in enumerate(serial, start=1):
                yield from analyse(batch, limits, self.analysed, self.rulebook, self.root,
                                   lookup=self._foreign)
                if number < len(serial):  # after the last, the collector is back on its own
                    collection.between_batches()
            return
        from concurrent.futures import Future, ProcessPoolExecutor

        # A few batches per worker evens out the load; only a few are in flight at once, so
        # results are stored (and let go) as they come.
        size = min(BATCH, -(-len(pending) // (jobs * 4)))
        packs = tuple(self.config.root / p for p in self.config.rule_packs)
        codes = [rule.code for rule in self.analysed]
        batches = deque(_batches(pending, size))
        running: deque[Future[list[FileResult]]] = deque()
        pool = ProcessPoolExecutor(max_workers=jobs)
        try:
            while batches or running:
                while batches and len(running) < jobs * 2:
                    running.append(pool.submit(_work, batches.popleft(), limits, codes, packs,
                                               self.root))
                yield from running.popleft().result()
                if batches or running:
                    collection.between_batches()
        except BaseException:
            # An interrupt must not wait for the batches still queued.
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()

    def _foreign(self, ids: set[str]) -> dict[str, SourceRow]:
        """Sources defined elsewhere that a batch cites, with their content."""
        return self.store.first_definitions(ids, data=True)

    def candidates(self) -> set[str]:
        """The files `revalidate` looks at: those citing a source changed in this run, and
        those analysed in it."""
        return self.store.citing(self.store.touched_ids) | self.store.analysed

    def revalidate(self, targets: list[Target]) -> None:
        """Analyse again every file whose view of the sources no longer holds: only files that
        cite (or define) a source whose definition changed in this run, and files analysed in
        this run (they may have looked a source up before another file's change landed)."""
        store = self.store
        candidates = self.candidates()
        if not candidates:
            return
        views = store.views(candidates)
        first = store.first_definitions({sid for view in views.values() for sid in view})
        stale = sorted(
            path for path, view in views.items()
            if any(seen != (first[sid].view if sid in first else None)
                   for sid, seen in view.items()))
        if not stale:
            return
        by_display = {t.display: t for t in targets}
        signatures = store.stored()
        for batch in _batches([(by_display[p], None) for p in stale if p in by_display], BATCH):
            paths = {target.display for target, _ in batch}
            elsewhere = {sid for path in paths for sid in views[path]
                         if sid in first and first[sid].path not in paths}
            foreign = self._foreign(elsewhere) if elsewhere else {}
            for result in analyse(batch, self.config.limits, self.analysed, self.rulebook,
                                  self.root, foreign):
                store.replace(result, signatures[result.path])
            self.parsed += len(batch)
            collection.between_batches()

    def index_findings(self, rules: list[Rule], focus: list[str] | None,
                       keys: dict[str, set[str]] | None = None) -> list[Finding]:
        """Findings of the index-scoped `rules` in `focus` (None: every file); with `keys`,
        those of each rule's groups of these keys, in whatever file they land."""
        found: list[Finding] = []
        for rule in rules:
            if keys is not None and not keys.get(rule.code):
                continue
            context = Context(rule, Corpus(root=self.root), self.rulebook, index=self.store,
                              reported=focus if keys is None else None,
                              keys=None if keys is None else keys[rule.code])
            found.extend(kinds.module(rule.kind).reduce(context))
        return found

    def named_findings(self, index_rules: list[Rule], selected: set[str],
                       focus: list[str]) -> tuple[list[Finding], list[Finding]]:
        """The index findings of the named files (`focus`), and the findings outside them that
        they take part in.

        Named files (pre-commit's) can cause findings in files not named: a renamed or removed
        source id leaves its citers unknown, a new claim conflicts with another file's, a
        source's changed provenance changes its citers' findings. So the index groups the named
        files have facts in, or had (see `Store.departed`: the keys a file, or a removed file,
        no longer has), are judged wherever their files are — one join gives both lists — and
        the findings of the rules that read cited sources are reported for every file citing a
        source the named files define or defined. Every run naming the files says so again,
        until it is fixed.
        """
        store, named = self.store, set(focus)
        departed = store.departed(focus)
        keys = {rule.code: store.fact_keys(rule.code, focus) | departed.get(rule.code, set())
                for rule in index_rules}
        joined = self.index_findings(index_rules, None, keys)
        inside = [f for f in joined if f.path in named]
        outside = [f for f in joined if f.path not in named]
        ids = store.defined_ids(focus) | departed.get("", set())
        citing = sorted(store.citing(ids) - named) if ids else []
        if citing:
            cited = {rule.code for rule in self.rulebook.rules.values()
                     if kinds.scope(rule.kind) == "cited"}
            # Errors only: a source shared by thousands of claims must not bring every citer's
            # warnings into a one-file commit; what would fail the gate must be there.
            outside += [f for f in store.findings(citing)
                        if f.code in cited and f.severity >= Severity.ERROR]
        return inside, sorted((f for f in outside if f.code in selected), key=_signature)


def lint(config: Config, options: Options, cwd: Path,
         progress: ProgressHook | None = None) -> Outcome:
    cache: CacheDir | None = None
    notices: list[str] = []
    if options.use_cache:
        try:
            cache = CacheDir.open(config.root)
        except Unusable as exc:
            notices.append(f"not using the cache in {DIRECTORY}/: {exc}")
    # The validated built-in rules are kept in the cache folder too (and, like the run cache,
    # not with --no-cache): a run that finds everything cached need not import every kind.
    with compiled_in(cache):
        rulebook, rules = prepare_rules(config, options)
        targets, report_paths = gather(config, options, cwd)
        key = cache_key(config.fingerprint(), rulebook.key, rulebook.packs_key())
        try:
            indexed = _indexed(config, options, rulebook, rules, targets, report_paths, cache,
                               key, progress=progress)
        except _Damaged as damaged:
            # A cache that cannot be read back (a corrupt row, a damaged page) is dropped and
            # the run done again cold, once; it never fails every run after it.
            notices.append(f"the cache {DIRECTORY}/{damaged.path.name} was damaged "
                           f"({damaged.why}); it was removed and rebuilt")
            indexed = _indexed(config, options, rulebook, rules, targets, report_paths, cache,
                               key, retry=True, progress=progress)
    if indexed.notice:
        notices.append(indexed.notice)
    selection = Selection(
        severity=dict(config.severity),
        per_file_ignores=dict(config.per_file_ignores),
        report_paths=(frozenset(report_paths) | frozenset(indexed.outside)
                      if report_paths is not None else None),
    )
    findings = finalize(indexed.raw, indexed.suppressions, selection)
    # (Most runs have no suppression at all: then the module is not even imported.)
    final = [r for r in rules if kinds.scope(r.kind) == "final"] if indexed.sites else []
    if final:
        # Judged on the final findings: a suppression is unused only once every finding of
        # every selected rule is known (and suppressed or not).
        selected = {r.code for r in rules}
        for rule in final:
            judged = kinds.module(rule.kind).unused(rule, findings, indexed.sites, selected)
            findings = finalize([*findings, *judged], indexed.suppressions, selection)
    focus = sorted(report_paths) if report_paths is not None else None
    files = focus if focus is not None else [t.display for t in targets]
    outcome = Outcome(findings, files, rules, rulebook, indexed.parsed, targets, config)
    outcome.notices = notices
    outcome.outside = indexed.outside
    return outcome


class _Damaged(Exception):
    def __init__(self, path: Path, why: str) -> None:
        super().__init__(why)
        self.path, self.why = path, why


# What reading back a damaged cache raises: SQLite's own errors, and what decoding a row that
# is not what `Store` wrote raises (bad JSON, a wrong shape, a wrong type).
_DAMAGE = (sqlite3.DatabaseError, ValueError, TypeError, KeyError, IndexError, AttributeError,
           RecursionError)


def _indexed(config: Config, options: Options, rulebook: Rulebook, rules: list[Rule],
             targets: list[Target], report_paths: set[str] | None, cache: CacheDir | None,
             key: str, *, retry: bool = False, progress: ProgressHook | None = None
             ) -> _Indexed:
    """The raw findings, suppressions and parse count of a run on the store of `key`. A store
    on disk that fails to read back raises `_Damaged` after removing its file (unless this is
    the `retry` on a fresh one: then the error is a bug, and raised as it is)."""
    focus = sorted(report_paths) if report_paths is not None else None
    store = Store.open(cache, key) if cache is not None else Store.memory(key)
    saved = False
    try:
        run = _Run(config, options, rulebook, rules, store)
        run.progress = progress
        selected = {r.code for r in rules}
        index_rules = [r for r in rules if kinds.scope(r.kind) == "index"]
        with collection.paused():  # where a run allocates most (see linter.run.garbage)
            run.sync(targets)
            run.revalidate(targets)
        if store.changed:
            store.bump()
        raw = [f for f in store.findings(focus) if f.code in selected]
        caused: list[Finding] = []
        everything = [r for r in rulebook.rules.values() if kinds.scope(r.kind) == "index"]
        # The index rules' findings for every file can stand in for a later run as long as no
        # file changed (and the date did not: sources dated in the future).
        full_run = focus is None and len(index_rules) == len(everything)
        signature = f"{store.generation()}:{today().isoformat()}"
        reused = store.index_result(signature) if full_run and store.path else None
        if reused is not None:
            raw += reused
        elif focus is not None:
            found, caused = run.named_findings(index_rules, selected, focus)
            raw += found
        else:
            found = run.index_findings(index_rules, focus)
            raw += found
            if full_run and store.path:
                store.keep_index_result(signature, found)
        caused_paths = sorted({f.path for f in caused})
        raw += caused
        suppressions = store.suppressions(focus)
        sites = store.suppression_sites(focus)
        if caused_paths:
            suppressions.update(store.suppressions(caused_paths))
        store.close(save=True)
        saved = True
    except _DAMAGE as exc:
        if store.path is None or retry:
            raise  # no cache to blame (or a fresh one failed too): a bug, reported as one
        store.close(save=False)
        saved = True
        store.discard()
        raise _Damaged(store.path, f"{type(exc).__name__}: {exc}"[:200]) from None
    finally:
        if not saved:
            store.close(save=False)
    return _Indexed(raw, suppressions, run.parsed, store.notice, caused_paths, sites)


class _Indexed(NamedTuple):
    raw: list[Finding]
    suppressions: dict[tuple[str, str], dict[str, str]]
    parsed: int
    notice: str | None
    outside: list[str]  # files not named that hold findings the named files caused
    sites: list[tuple[str, str, str, int, int]]  # the suppressions of the files reported


def _signature(finding: Finding) -> tuple[str, int, int, str, str]:
    return (finding.path, finding.line, finding.col, finding.code, finding.message)


def exit_code(findings: list[Finding], fail_on: Severity) -> int:
    return int(any(f.severity >= fail_on and f.suppressed is None for f in findings))
