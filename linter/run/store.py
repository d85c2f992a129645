"""The cache and cross-file index: what a run learned about each file, in one SQLite database.

Like ruff's cache, it lives in `.factlint_cache/` at the project root (with CACHEDIR.TAG, so
backup tools skip it, and a .gitignore, so nobody commits it), one database per cache key; the
key covers factlint's version (and its code files, for editable installs), the configuration
and every rule and registry file, so changing any of them starts a fresh cache.

Per file it keeps the stat signature and a content hash, the raw findings of the rules whose
findings depend on that file and on the sources it cites, the *view* of those sources the findings
were computed with, the suppressions, and the file's share of the cross-file index: every source
definition, and each index rule's facts (ids, source references, the figure of each claim with its
subject, property and time) — see `linter.rulebook.kinds` for the scopes. A run with one changed
file re-reads that one file and rewrites its rows, not the whole cache.

SQLite, not a file per run: it reads only the rows a run needs (a pre-commit run looks up the
ids, sources and figure groups of the files it names), and its transactions give what a cache
written by two processes at once needs — each run sees and writes whole states, never a mix.
Writes take the database's write lock at the start of a run (`BEGIN IMMEDIATE`), so a second
process waits for the first instead of analysing the same files twice; one that cannot get it
in time runs on a private in-memory index instead. A corrupt or foreign file is never trusted:
it is removed and rebuilt. The same class backs a `--no-cache` run, in memory.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import sys
import time
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from linter import __version__
from linter.files.cachedir import CacheDir
from linter.files.digest import blake2b
from linter.model import Edit, Finding, Fix, Related, Severity
from linter.rulebook.context import Fact

_COMPANIONS = ("-wal", "-shm", "-journal")  # files SQLite keeps beside a database
FORMAT = 8
# Stamps this close to the time they were written are not trusted: FAT keeps mtimes to 2 s,
# and other filesystems to a tick of the kernel's clock.
RACY_NS = 2_000_000_000
_FAR_FUTURE = 2**62
LOCK_TIMEOUT = 30.0  # seconds a run waits for another run's write lock

StatKey = tuple[int, int, int]
# Array type codes of the packed stamps: size, mtime (signed: a file may predate 1970), inode.
_STAMP_CODES = ("q", "q", "Q")
_TABLES = ("files", "stamps", "restamps", "sources", "facts", "views", "departed")
# Departed keys kept at most (the oldest go first): a bound, not a history.
_DEPARTED = 20_000
# Changed signatures kept as rows before they are folded into the packed ones: at least this
# many, or a 64th of the files.
_RESTAMPS = 64
# One encoder for every row (json.dumps with options builds a new one on each call).
_to_json = json.JSONEncoder(ensure_ascii=False).encode

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files(
    path TEXT PRIMARY KEY, file TEXT, sha TEXT, findings TEXT, suppress TEXT);
-- The stat signature (size, mtime, inode) of every file of `files`: every run reads all of
-- them, and a pre-commit run little else. Packed in one row, 10,000 of them load in a few ms,
-- where a row per file took 10-16 ms (a Python object per value); the signatures changed
-- since that row was written are rows of `restamps` (size NULL: removed), folded into it once
-- they are many, so that a run changing one file does not rewrite them all. See `_stamps`.
CREATE TABLE IF NOT EXISTS stamps(paths TEXT, sizes BLOB, mtimes BLOB, inos BLOB);
CREATE TABLE IF NOT EXISTS restamps(path TEXT PRIMARY KEY, size INT, mtime INT, ino INT);
CREATE TABLE IF NOT EXISTS views(path TEXT, id TEXT, def TEXT, digest TEXT, snap TEXT);
CREATE INDEX IF NOT EXISTS views_id ON views(id);
CREATE INDEX IF NOT EXISTS views_path ON views(path);
CREATE TABLE IF NOT EXISTS sources(
    path TEXT, seq INT, idx INT, id TEXT, digest TEXT, data TEXT, archive TEXT, snap TEXT);
CREATE INDEX IF NOT EXISTS sources_id ON sources(id);
CREATE INDEX IF NOT EXISTS sources_path ON sources(path);
-- Every run looks for the sources that name a snapshot file (few, often none): without this,
-- that read pages through every source's data.
CREATE INDEX IF NOT EXISTS sources_archive ON sources(archive) WHERE archive IS NOT NULL;
CREATE TABLE IF NOT EXISTS facts(path TEXT, seq INT, code TEXT, key TEXT, role TEXT, row TEXT);
CREATE INDEX IF NOT EXISTS facts_key ON facts(code, key);
CREATE INDEX IF NOT EXISTS facts_path ON facts(path);
-- The index keys (code '' for source ids) a file had and no longer has, or had when it was
-- removed: a pre-commit run naming the file (or any, for removed files) judges those groups
-- again, so that a renamed source id shows its citers as unknown on every run until fixed.
CREATE TABLE IF NOT EXISTS departed(path TEXT, code TEXT, key TEXT,
                                    PRIMARY KEY (path, code, key));
"""


def content_hash(raw: bytes) -> str:
    return blake2b(raw, digest_size=16).hexdigest()


def cache_key(config_fingerprint: str, rules_key: str, packs_key: str) -> str:
    """The run cache's key: this cache's format, the configuration, the built-in rules and the
    code (`rules_key`, see `linter.rulebook.book.directory_key`: an editable install changes
    without a version bump, and a cache that outlived the code that filled it would report
    stale findings), and every file of the rule packs (`Rulebook.packs_key`)."""
    digest = blake2b(digest_size=12)
    for part in (__version__, str(FORMAT), sys.version.split()[0], config_fingerprint,
                 rules_key, packs_key):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


# A source as a claim's findings saw it: where it is defined, its content and its snapshot.
SourceView = tuple[str, str, str]  # (display path, digest of the data, snapshot stat)


class FileResult(NamedTuple):
    """What analysing one file produced (see `linter.run.analysis`)."""

    path: str
    sha: str  # of the content analysed
    file: str  # the file on disk, for paths relative to it (snapshots)
    findings: list[Finding]  # raw findings of the file- and cited-scoped rules
    view: dict[str, SourceView | None]  # every source id the findings looked up
    suppress: list[tuple[str, str, str, int, int]]  # (subject, code, reason, line, col)
    # (idx, id, digest, data as JSON, archive, snapshot stat) of each source defined
    sources: list[tuple[int, str, str, str, str | None, str]]
    facts: list[tuple[str, str, str, str]]  # (code, key, role, row as JSON) of index rules


class SourceRow(NamedTuple):
    path: str
    idx: int
    id: str
    digest: str
    data: str
    file: str
    snap: str

    @property
    def view(self) -> SourceView:
        return (self.path, self.digest, self.snap)


def finding_row(f: Finding) -> list[Any]:
    row = [f.line, f.col, f.code, f.message, int(f.severity), f.rule, f.subject,
           [[r.path, r.line, r.col, r.message] for r in f.related]]
    if f.fix is not None:  # the key (maybe empty), then the fix (see `linter.fix`)
        fix = f.fix
        return [*row, list(f.key), [fix.safe, fix.description,
                                    [list(edit) for edit in fix.edits], fix.digest]]
    return [*row, list(f.key)] if f.key else row  # the key baselines use (cross-file rules)


def finding_from(path: str, row: list[Any]) -> Finding:
    line, col, code, message, severity, rule, subject, related, *rest = row
    fix = None
    if len(rest) > 1:
        safe, description, edits, digest = rest[1]
        fix = Fix(safe, description, tuple(Edit(*edit) for edit in edits), digest)
    return Finding(path, line, col, code, message, Severity(severity), rule, subject,
                   tuple(Related(*r) for r in related), key=tuple(rest[0]) if rest else (),
                   fix=fix)


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    # SQLite caps the number of parameters of one statement.
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Store:
    """The cache on disk (`Store.open`) or a run's private index in memory (`Store.memory`)."""

    def __init__(self, db: sqlite3.Connection, key: str, path: Path | None) -> None:
        self.db, self.key, self.path = db, key, path
        self.notice: str | None = None  # why the cache on disk is not used, for the user
        self.changed = False  # any file's rows written or removed in this run
        # Source ids whose definition may have changed in this run, and files analysed: the
        # files whose view must be checked again.
        self.touched_ids: set[str] = set()
        self.analysed: set[str] = set()
        self._stat: dict[str, StatKey] | None = None  # the signatures, once read
        self._restamped = 0  # rows of `restamps` when they were read
        self._changed_stat: dict[str, StatKey | None] = {}  # in this run (None: removed)

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def memory(cls, key: str = "") -> Store:
        """A private index for one run. SQLite's "" is a temporary database that lives in
        memory until it outgrows the page cache and is deleted on close: a 100,000-file
        corpus does not have to fit in memory."""
        db = sqlite3.connect("", isolation_level=None)
        db.executescript(_SCHEMA)
        db.execute("BEGIN")
        return cls(db, key, None)

    @classmethod
    def open(cls, cache: CacheDir, key: str) -> Store:
        """The cache of `key` in the verified folder `cache`, locked for this run's writes; an
        in-memory store when it cannot be used (read-only checkout, held by another run,
        unreadable, or one of its files is a link or not a regular file: written through, it
        would write outside the folder). `notice` then says why, when the user should know."""
        path = cache.file(key, ".sqlite")
        companions = [path, *(Path(f"{path}{suffix}") for suffix in _COMPANIONS)]
        if not all(cache.usable(p) for p in companions):
            store = cls.memory(key)
            store.notice = (f"not using the cache: {path.name} or a file beside it is not a "
                            "regular file of this user's")
            return store
        for attempt in range(2):
            try:
                store = cls._connect(path, key)
                store._prune(cache)
                return store
            except sqlite3.DatabaseError:
                # Corrupt (or locked past the timeout): a cache is never trusted nor waited on
                # forever. Remove an unreadable file once and start again.
                if attempt == 0 and not _locked(path):
                    _remove(path)
                    continue
                break
            except OSError:
                break
        return cls.memory(key)

    @classmethod
    def _connect(cls, path: Path, key: str) -> Store:
        db = sqlite3.connect(path, timeout=LOCK_TIMEOUT, isolation_level=None)
        try:
            # WAL lets readers go on while a writer works; NORMAL sync cannot corrupt the
            # database in WAL mode (a crash may lose the last run's writes, which is fine for
            # a cache).
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            # executescript commits whatever transaction is open: the schema goes first, and
            # only then is the run's write lock taken.
            db.executescript(_SCHEMA)
            db.execute("BEGIN IMMEDIATE")
            found = dict(db.execute("SELECT name, value FROM meta"))
            if found.get("format") != str(FORMAT) or found.get("key") != key:
                for table in ("meta", *_TABLES):
                    db.execute(f"DELETE FROM {table}")
                db.executemany("INSERT INTO meta VALUES (?, ?)",
                               [("format", str(FORMAT)), ("key", key),
                                ("version", __version__)])
            return cls(db, key, path)
        except BaseException:
            db.close()
            raise

    def discard(self) -> None:
        """Remove this store's files (it is closed): a damaged cache is rebuilt, not kept."""
        if self.path is not None:
            _remove(self.path)

    def close(self, *, save: bool) -> None:
        """Commit (when `save`) and close; failing to write a cache never fails a run."""
        try:
            if save and self.path is not None:
                if self._changed_stat:
                    self._write_stamps()
                self.db.execute("COMMIT")
            else:
                self.db.execute("ROLLBACK")
        except (sqlite3.Error, OverflowError):
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")
        self.db.close()

    def _prune(self, cache: CacheDir) -> None:
        """Remove caches of other keys (and older formats, and other folders' tags): an old
        configuration's cache is dead weight. Only files of factlint's own naming, and no
        database another run holds."""
        assert self.path is not None
        from linter.rulebook.book import COMPILED_STEM, COMPILED_SUFFIX

        own = self.path.name
        keep = {own, *(own + suffix for suffix in _COMPANIONS),
                cache.file(COMPILED_STEM, COMPILED_SUFFIX).name}
        for other in cache.stale(keep):
            database = other.with_name(other.name.split(".")[0] + ".sqlite")
            if ".sqlite" in other.name and _locked(database):
                continue
            with contextlib.suppress(OSError):
                other.unlink()

    # --- files -----------------------------------------------------------------------------

    def stored(self) -> dict[str, StatKey]:
        """(size, mtime, inode) of every file, by display path (a copy: the store keeps its
        own up to date as files are replaced, touched and removed)."""
        return dict(self._stamps())

    def sha(self, path: str) -> str | None:
        """The content hash of the file last analysed as `path`."""
        row = self.db.execute("SELECT sha FROM files WHERE path=?", (path,)).fetchone()
        return row[0] if row else None

    def touch(self, path: str, stat: StatKey) -> None:
        """A file whose stat changed but whose content did not."""
        self._restamp(path, stat)

    def _restamp(self, path: str, stat: StatKey | None) -> None:
        stamps = self._stamps()
        if stat is None:
            stamps.pop(path, None)
        else:
            stamps[path] = stat
        self._changed_stat[path] = stat

    def _stamps(self) -> dict[str, StatKey]:
        """The signatures, read on first use. They are written in the transaction that writes
        the files' rows, so the two agree; signatures that are not what `_write_stamps` wrote
        are not trusted: the index is emptied and rebuilt."""
        if self._stat is None:
            row = self.db.execute("SELECT paths, sizes, mtimes, inos FROM stamps").fetchone()
            stamps = _unpack(row) if row is not None else {}
            changes = self.db.execute("SELECT path, size, mtime, ino FROM restamps").fetchall()
            if stamps is not None and _apply(stamps, changes):
                self._restamped = len(changes)
            else:
                for table in _TABLES:
                    self.db.execute(f"DELETE FROM {table}")
                stamps, self.changed = {}, True
            self._stat = stamps
        return self._stat

    def stamped_ns(self) -> int:
        """When the stamps were last written (wall clock, ns). A file whose mtime is not
        older than that, less the coarsest timestamp granularity, may have been rewritten
        within the same tick after it was stamped: its stamp proves nothing (git's
        racy-clean rule), so the run compares its content instead. A cache that never
        recorded the time makes every stamp racy once."""
        row = self.db.execute("SELECT value FROM meta WHERE name = 'stamped'").fetchone()
        try:
            return int(row[0]) if row is not None else _FAR_FUTURE
        except (TypeError, ValueError):
            return _FAR_FUTURE

    def _write_stamps(self) -> None:
        """This run's changed signatures as rows, or, once the rows would be many, every
        signature packed again."""
        stamps = self._stamps()
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('stamped', ?)",
                        (str(time.time_ns()),))
        if self._restamped + len(self._changed_stat) <= max(_RESTAMPS, len(stamps) // 64):
            self.db.executemany(
                "INSERT OR REPLACE INTO restamps VALUES (?, ?, ?, ?)",
                [(path, *(stat or (None, None, None))) for path, stat in
                 sorted(self._changed_stat.items())])
            return
        columns = list(zip(*stamps.values(), strict=True)) or [(), (), ()]
        self.db.execute("DELETE FROM restamps")
        self.db.execute("DELETE FROM stamps")
        self.db.execute("INSERT INTO stamps VALUES (?, ?, ?, ?)", (
            "\0".join(stamps), *(array(code, column).tobytes()
                                  for code, column in zip(_STAMP_CODES, columns, strict=True))))

    def _defined(self, paths: list[str]) -> set[str]:
        marks = ",".join("?" * len(paths))
        return {sid for (sid,) in self.db.execute(
            f"SELECT id FROM sources WHERE path IN ({marks})", paths)}

    def remove(self, paths: Iterable[str]) -> None:
        for chunk in _chunks(sorted(paths)):
            marks = ",".join("?" * len(chunk))
            defined = self._defined(chunk)
            self.touched_ids |= defined
            self.db.execute(
                f"INSERT OR IGNORE INTO departed SELECT DISTINCT path, code, key FROM facts "
                f"WHERE path IN ({marks})", chunk)
            self.db.execute(
                f"INSERT OR IGNORE INTO departed SELECT DISTINCT path, '', id FROM sources "
                f"WHERE path IN ({marks})", chunk)
            for table in ("files", "sources", "facts", "views"):
                self.db.execute(f"DELETE FROM {table} WHERE path IN ({marks})", chunk)
            for path in chunk:
                self._restamp(path, None)
            self.changed = True

    def replace(self, result: FileResult, stat: StatKey) -> None:
        path = result.path
        before = set(self.db.execute("SELECT idx, id, digest FROM sources WHERE path=?", (path,)))
        after = {(idx, sid, digest) for idx, sid, digest, *_ in result.sources}
        if before != after:  # files citing these sources must be checked again
            self.touched_ids |= {sid for _, sid, _ in before | after}
        self._depart(path, {("", sid) for _, sid, _ in before},
                     {("", sid) for _, sid, _ in after} | {
                         (code, key) for code, key, _, _ in result.facts})
        for table in ("sources", "facts", "views"):
            self.db.execute(f"DELETE FROM {table} WHERE path=?", (path,))
        self.db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
            (path, result.file, result.sha,
             _to_json([finding_row(f) for f in result.findings]), _to_json(result.suppress)))
        self._restamp(path, stat)
        self.db.executemany(
            "INSERT INTO views VALUES (?, ?, ?, ?, ?)",
            [(path, sid, *(seen or (None, None, None))) for sid, seen in result.view.items()])
        self.analysed.add(path)
        self.db.executemany(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(path, seq, *row) for seq, row in enumerate(result.sources)])
        self.db.executemany(
            "INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?)",
            [(path, seq, *fact) for seq, fact in enumerate(result.facts)])
        self.changed = True

    def _depart(self, path: str, sources: set[tuple[str, str]],
                now: set[tuple[str, str]]) -> None:
        """Record the keys `path` had (its facts' and its sources' ids) and no longer has."""
        had = set(self.db.execute("SELECT DISTINCT code, key FROM facts WHERE path=?", (path,)))
        gone = sorted((had | sources) - now)
        self.db.executemany("INSERT OR IGNORE INTO departed VALUES (?, ?, ?)",
                            [(path, code, key) for code, key in gone])
        self.db.executemany("DELETE FROM departed WHERE path=? AND code=? AND key=?",
                            [(path, code, key) for code, key in sorted(now)])
        if gone:
            self.db.execute(f"DELETE FROM departed WHERE rowid <= (SELECT max(rowid) FROM "
                            f"departed) - {_DEPARTED}")

    def departed(self, paths: list[str]) -> dict[str, set[str]]:
        """The keys, by rule code ('' for source ids), that `paths` and every removed file
        had and no longer have."""
        found: dict[str, set[str]] = {}
        rows = list(self._select("SELECT code, key FROM departed WHERE", paths))
        rows += self.db.execute("SELECT code, key FROM departed WHERE path NOT IN "
                                "(SELECT path FROM files)").fetchall()
        for code, key in rows:
            found.setdefault(code, set()).add(key)
        return found

    def defined_ids(self, paths: list[str]) -> set[str]:
        return {sid for (sid,) in self._select("SELECT id FROM sources WHERE", paths)}

    def _select(self, sql: str, paths: list[str] | None,
                params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows of `sql` (which ends in a WHERE clause on `path`) for `paths`, or all;
        `params` fill the placeholders before that clause."""
        if paths is None:
            yield from self.db.execute(sql + " 1", params)
            return
        for chunk in _chunks(paths):
            yield from self.db.execute(
                f"{sql} path IN ({','.join('?' * len(chunk))})", (*params, *chunk))

    def findings(self, paths: list[str] | None) -> list[Finding]:
        found: list[Finding] = []
        sql = "SELECT path, findings FROM files WHERE findings != '[]' AND"
        for path, rows in self._select(sql, paths):
            found.extend(finding_from(path, row) for row in json.loads(rows))
        return found

    def suppressions(self, paths: list[str] | None) -> dict[tuple[str, str], dict[str, str]]:
        table: dict[tuple[str, str], dict[str, str]] = {}
        sql = "SELECT path, suppress FROM files WHERE suppress != '[]' AND"
        for path, rows in self._select(sql, paths):
            for subject, code, reason, _, _ in json.loads(rows):
                table.setdefault((path, subject), {})[code] = reason
        return table

    def suppression_sites(self, paths: list[str] | None) -> list[tuple[str, str, str, int, int]]:
        """(path, subject, code, line, col) of every suppression in `paths` (None: all)."""
        sql = "SELECT path, suppress FROM files WHERE suppress != '[]' AND"
        return sorted((path, subject, code, line, col) for path, rows in self._select(sql, paths)
                      for subject, code, _, line, col in json.loads(rows))

    def views(self, paths: Iterable[str]) -> dict[str, dict[str, SourceView | None]]:
        """For each file of `paths`: every source id it looked up, and what it saw."""
        found: dict[str, dict[str, SourceView | None]] = {}
        for path, sid, where, digest, snap in self._select(
                "SELECT path, id, def, digest, snap FROM views WHERE", sorted(paths)):
            found.setdefault(path, {})[sid] = (where, digest, snap) if where else None
        return found

    def citing(self, ids: Iterable[str]) -> set[str]:
        """The files whose findings looked up any of `ids`."""
        wanted = sorted(set(ids))
        return {path for chunk in _chunks(wanted) for (path,) in self.db.execute(
            f"SELECT DISTINCT path FROM views WHERE id IN ({','.join('?' * len(chunk))})",
            chunk)}

    # --- sources ---------------------------------------------------------------------------

    def refresh_snapshots(self, snapshot_stat: Any) -> None:
        """Record the current stat of every snapshot a source names: a changed snapshot changes
        the findings of every file that cites the source (through the views)."""
        rows = self.db.execute(
            "SELECT sources.rowid, id, file, archive, snap FROM sources JOIN files USING (path) "
            "WHERE archive IS NOT NULL").fetchall()
        for rowid, sid, file, archive, snap in rows:
            now = snapshot_stat(Path(file), archive)
            if now != snap:
                self.db.execute("UPDATE sources SET snap=? WHERE rowid=?", (now, rowid))
                self.touched_ids.add(sid)

    def first_definitions(self, ids: Iterable[str], *,
                          data: bool = False) -> dict[str, SourceRow]:
        """The source each id means: its first definition in path order. Its content (`data`)
        is read only when asked for: comparing views needs the digest alone, and after a cold
        run that comparison covers every source of the corpus."""
        column = "data" if data else "''"
        sql = (f"SELECT path, idx, id, digest, {column}, file, snap FROM sources JOIN files "
               "USING (path) WHERE id IN")
        wanted = sorted(set(ids))
        rows = [row for chunk in _chunks(wanted) for row in self.db.execute(
            f"{sql} ({','.join('?' * len(chunk))})", chunk)]
        first: dict[str, SourceRow] = {}
        for row in sorted(rows, key=lambda r: (r[0], r[1])):
            first.setdefault(row[2], SourceRow(*row))
        return first

    # --- index facts -----------------------------------------------------------------------

    def facts(self, code: str, keys: Iterable[str] | None = None, *,
              having: str = "") -> list[Fact]:
        """The facts of rule `code` (for `keys` only, or all), in corpus order. `having`
        keeps only the keys whose facts, as a group, pass it: "shared" (two or more facts)
        or "no-def" (no fact with the role "def") — so a join over 100,000 files reads only
        the few groups that can hold a finding."""
        sql = "SELECT path, seq, key, role, row FROM facts WHERE code=?"
        rows: list[tuple[Any, ...]]
        if keys is None:
            if having:
                condition = {"shared": "count(*) > 1", "no-def": "sum(role = 'def') = 0"}[having]
                sql += (" AND key IN (SELECT key FROM facts WHERE code=? GROUP BY key "
                        f"HAVING {condition})")
            rows = self.db.execute(sql, (code, code) if having else (code,)).fetchall()
        else:
            # A few keys: their rows are read by the index, and the groups judged here.
            wanted = sorted(set(keys))
            rows = [row for chunk in _chunks(wanted) for row in self.db.execute(
                f"{sql} AND key IN ({','.join('?' * len(chunk))})", (code, *chunk))]
            if having:
                groups: dict[str, list[str]] = {}
                for row in rows:
                    groups.setdefault(row[2], []).append(row[3])
                keep = {key for key, roles in groups.items()
                        if (len(roles) > 1 if having == "shared" else "def" not in roles)}
                rows = [row for row in rows if row[2] in keep]
        rows.sort(key=lambda r: (r[0], r[1]))
        return [Fact(path, key, role, json.loads(row)) for path, _, key, role, row in rows]

    def fact_keys(self, code: str, paths: list[str]) -> set[str]:
        return {key for (key,) in self._select(
            "SELECT key FROM facts WHERE code=? AND", paths, (code,))}

    def keys_between(self, code: str, role: str, shortest: int, longest: int) -> list[str]:
        return sorted(key for (key,) in self.db.execute(
            "SELECT DISTINCT key FROM facts WHERE code=? AND role=? AND length(key) BETWEEN ? "
            "AND ?", (code, role, shortest, longest)))

    # --- the last run's index findings -----------------------------------------------------

    def generation(self) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE name='generation'").fetchone()
        return row[0] if row else "0"

    def bump(self) -> None:
        """Mark the index as changed: findings computed on the old one are no longer valid."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)",
                        (str(int(self.generation()) + 1),))

    def index_result(self, signature: str) -> list[Finding] | None:
        row = self.db.execute("SELECT value FROM meta WHERE name='index'").fetchone()
        if row is None:
            return None
        stored = json.loads(row[0])
        if stored.get("signature") != signature:
            return None
        return [finding_from(path, f) for path, f in stored["findings"]]

    def keep_index_result(self, signature: str, findings: list[Finding]) -> None:
        value = json.dumps({"signature": signature,
                            "findings": [[f.path, finding_row(f)] for f in findings]},
                           ensure_ascii=False)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('index', ?)", (value,))


def _unpack(row: tuple[Any, ...]) -> dict[str, StatKey] | None:
    """Stamps by path, from their row; None when the row is not what `_write_stamps` wrote."""
    paths, *blobs = row
    if not isinstance(paths, str) or not all(isinstance(b, bytes) for b in blobs):
        return None
    names = paths.split("\0") if paths else []
    columns = []
    for code, blob in zip(_STAMP_CODES, blobs, strict=True):
        column = array(code)
        if len(blob) % column.itemsize:
            return None
        column.frombytes(blob)
        if len(column) != len(names):
            return None
        columns.append(column)
    return dict(zip(names, zip(*columns, strict=True), strict=True))


def _apply(stamps: dict[str, StatKey], changes: list[tuple[Any, ...]]) -> bool:
    """Apply rows of `restamps` to `stamps`; False when a row is not what `_write_stamps`
    wrote."""
    for path, *stat in changes:
        if not isinstance(path, str):
            return False
        if stat == [None, None, None]:
            stamps.pop(path, None)
        elif all(type(value) is int for value in stat):
            stamps[path] = (stat[0], stat[1], stat[2])
        else:
            return False
    return True


def _locked(path: Path) -> bool:
    """Whether another run holds `path`'s write lock (its file must then not be removed)."""
    if not path.exists():
        return False
    try:
        db = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("ROLLBACK")
        finally:
            db.close()
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc)
    except sqlite3.DatabaseError:
        return False
    return False


def _remove(path: Path) -> None:
    for suffix in ("", *_COMPANIONS):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()
