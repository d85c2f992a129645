"""The cache and cross-file index: what a run learned about each file, in one SQLite database.

Like ruff's cache, it lives in `.factlint_cache/` at the project root (with CACHEDIR.TAG, so
backup tools skip it, and a .gitignore, so nobody commits it), one database per cache key; the
key covers factlint's version (and its code files, for editable installs), the configuration
and every rule and registry file, so changing any of them starts a fresh cache.

Per file it keeps the stat signature and a content hash, the raw findings of the rules whose
findings depend on that file and on the sources it cites, the *view* of those sources the
findings were computed with, the suppressions, and the file's share of the cross-file index:
every source definition, and each index rule's facts (ids, source references, the figure of
each claim with its subject, property and time) — see `linter.kinds` for the scopes. A run with
one changed file re-reads that one file and rewrites its rows, not the whole cache.

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from linter import __version__
from linter.hashing import blake2b
from linter.model import Finding, Related, Severity

DIRECTORY = ".factlint_cache"
FORMAT = 5
LOCK_TIMEOUT = 30.0  # seconds a run waits for another run's write lock
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by factlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)

StatKey = tuple[int, int, int]
# One encoder for every row (json.dumps with options builds a new one on each call).
_to_json = json.JSONEncoder(ensure_ascii=False).encode

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files(
    path TEXT PRIMARY KEY, file TEXT, size INT, mtime INT, ino INT, sha TEXT,
    findings TEXT, suppress TEXT);
-- Every run reads the stat signature of every file, and a pre-commit run little else: this
-- covering index serves that read without paging through the findings stored with each row
-- (20 ms against 13 ms for 10,000 files).
CREATE INDEX IF NOT EXISTS files_stat ON files(path, size, mtime, ino, sha);
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
"""


def content_hash(raw: bytes) -> str:
    return blake2b(raw, digest_size=16).hexdigest()


def cache_key(config_fingerprint: str, rules_key: str, pack_dirs: tuple[Path, ...]) -> str:
    """The run cache's key: this cache's format, the configuration, the built-in rules and the
    code (`rules_key`, see `linter.rulebook.directory_key`: an editable install changes without
    a version bump, and a cache that outlived the code that filled it would report stale
    findings), and every file of the rule packs."""
    digest = blake2b(digest_size=12)
    for part in (__version__, str(FORMAT), sys.version.split()[0], config_fingerprint,
                 rules_key):
        digest.update(part.encode() + b"\0")
    for directory in pack_dirs:
        for path in sorted(directory.rglob("*.yaml")):
            digest.update(str(path.relative_to(directory)).encode() + b"\0")
            with contextlib.suppress(OSError):
                digest.update(path.read_bytes())
    return digest.hexdigest()


# A source as a claim's findings saw it: where it is defined, its content and its snapshot.
SourceView = tuple[str, str, str]  # (display path, digest of the data, snapshot stat)


@dataclass
class FileResult:
    """What analysing one file produced (see `linter.analysis`)."""

    path: str
    sha: str  # of the content analysed
    file: str  # the file on disk, for paths relative to it (snapshots)
    findings: list[Finding]  # raw findings of the file- and cited-scoped rules
    view: dict[str, SourceView | None]  # every source id the findings looked up
    suppress: list[tuple[str, str, str]]  # (subject, code, reason)
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


class Fact(NamedTuple):
    path: str
    key: str
    role: str
    row: Any


def finding_row(f: Finding) -> list[Any]:
    return [f.line, f.col, f.code, f.message, int(f.severity), f.rule, f.subject,
            [[r.path, r.line, r.col, r.message] for r in f.related]]


def finding_from(path: str, row: list[Any]) -> Finding:
    line, col, code, message, severity, rule, subject, related = row
    return Finding(path, line, col, code, message, Severity(severity), rule, subject,
                   tuple(Related(*r) for r in related))


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    # SQLite caps the number of parameters of one statement.
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Store:
    """The cache on disk (`Store.open`) or a run's private index in memory (`Store.memory`)."""

    def __init__(self, db: sqlite3.Connection, key: str, path: Path | None) -> None:
        self.db, self.key, self.path = db, key, path
        self.changed = False  # any file's rows written or removed in this run
        # Source ids whose definition may have changed in this run, and files analysed: the
        # files whose view must be checked again.
        self.touched_ids: set[str] = set()
        self.analysed: set[str] = set()

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
    def open(cls, root: Path, key: str) -> Store:
        """The cache of `key` under `root`, locked for this run's writes; an in-memory store
        when it cannot be used (read-only checkout, held by another run, unreadable)."""
        directory = root / DIRECTORY
        path = directory / f"{key}.sqlite"
        for attempt in range(2):
            try:
                _prepare(directory)
                return cls._connect(path, key)
            except sqlite3.DatabaseError:
                # Corrupt or foreign (or locked past the timeout): a cache is never trusted
                # nor waited on forever. Remove an unreadable file once and start again.
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
                for table in ("meta", "files", "sources", "facts", "views"):
                    db.execute(f"DELETE FROM {table}")
                db.executemany("INSERT INTO meta VALUES (?, ?)",
                               [("format", str(FORMAT)), ("key", key),
                                ("version", __version__)])
            store = cls(db, key, path)
            store._prune()
            return store
        except BaseException:
            db.close()
            raise

    def close(self, *, save: bool) -> None:
        """Commit (when `save`) and close; failing to write a cache never fails a run."""
        try:
            if save and self.path is not None:
                self.db.execute("COMMIT")
            else:
                self.db.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        self.db.close()

    def _prune(self) -> None:
        """Remove caches of other keys (and older formats): an old configuration's cache is
        dead weight."""
        assert self.path is not None
        for other in self.path.parent.iterdir():
            if other.name.startswith(self.path.name) or other.name in (
                    "CACHEDIR.TAG", ".gitignore"):
                continue
            database = other if other.suffix != ".json" and other.suffix == ".sqlite" else (
                other.with_name(other.name.rsplit("-", 1)[0]))
            stale = other.suffix in (".json", ".sqlite") or other.name.endswith(
                (".sqlite-wal", ".sqlite-shm"))
            if stale and (other.suffix == ".json" or not _locked(database)):
                with contextlib.suppress(OSError):
                    other.unlink()

    # --- files -----------------------------------------------------------------------------

    def stored(self) -> dict[str, tuple[int, int, int, str]]:
        """(size, mtime, inode, content hash) of every file, by display path: plain tuples,
        since a pre-commit run reads 10,000 of them to find the one that changed."""
        return {row[0]: row[1:] for row in
                self.db.execute("SELECT path, size, mtime, ino, sha FROM files")}

    def touch(self, path: str, stat: StatKey) -> None:
        """A file whose stat changed but whose content did not."""
        self.db.execute("UPDATE files SET size=?, mtime=?, ino=? WHERE path=?", (*stat, path))

    def _defined(self, paths: list[str]) -> set[str]:
        marks = ",".join("?" * len(paths))
        return {sid for (sid,) in self.db.execute(
            f"SELECT id FROM sources WHERE path IN ({marks})", paths)}

    def remove(self, paths: Iterable[str]) -> None:
        for chunk in _chunks(sorted(paths)):
            marks = ",".join("?" * len(chunk))
            self.touched_ids |= self._defined(chunk)
            for table in ("files", "sources", "facts", "views"):
                self.db.execute(f"DELETE FROM {table} WHERE path IN ({marks})", chunk)
            self.changed = True

    def replace(self, result: FileResult, stat: StatKey) -> None:
        path = result.path
        before = set(self.db.execute("SELECT idx, id, digest FROM sources WHERE path=?", (path,)))
        after = {(idx, sid, digest) for idx, sid, digest, *_ in result.sources}
        if before != after:  # files citing these sources must be checked again
            self.touched_ids |= {sid for _, sid, _ in before | after}
        for table in ("sources", "facts", "views"):
            self.db.execute(f"DELETE FROM {table} WHERE path=?", (path,))
        self.db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (path, result.file, *stat, result.sha,
             _to_json([finding_row(f) for f in result.findings]), _to_json(result.suppress)))
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
        found = []
        sql = "SELECT path, findings FROM files WHERE findings != '[]' AND"
        for path, rows in self._select(sql, paths):
            found.extend(finding_from(path, row) for row in json.loads(rows))
        return found

    def suppressions(self, paths: list[str] | None) -> dict[tuple[str, str], dict[str, str]]:
        table: dict[tuple[str, str], dict[str, str]] = {}
        sql = "SELECT path, suppress FROM files WHERE suppress != '[]' AND"
        for path, rows in self._select(sql, paths):
            for subject, code, reason in json.loads(rows):
                table.setdefault((path, subject), {})[code] = reason
        return table

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


def _prepare(directory: Path) -> None:
    directory.mkdir(exist_ok=True)
    for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# Created by factlint.\n*\n")):
        target = directory / name
        if not target.exists():
            # Imported here: it pulls in tempfile, which a run with a ready cache never needs.
            from linter.atomic import write_text

            write_text(target, text)


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
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()
