"""The cache: what it must invalidate, what it must survive, and that it never changes results."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from linter.project.config import load_config
from linter.run import runner
from linter.run.runner import Options, lint
from linter.run.store import FORMAT
from tests.conftest import VALID_CLAIM, VALID_SOURCE, write

BAD = "claims:\n  - id: orphan\n    text: 82% of chips.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write(tmp_path, {
        ".factlint.toml": 'paths = ["claims"]\n',
        "claims/sources.yaml": VALID_SOURCE,
        "claims/good.yaml": VALID_CLAIM,
        "claims/bad.yaml": BAD,
    })


def _lint(root: Path, **options) -> runner.Outcome:
    return lint(load_config(root), Options(use_cache=True, **options), root)


def _keys(outcome: runner.Outcome) -> list[tuple[str, str, int, int, str]]:
    return [(f.code, f.path, f.line, f.col, f.message) for f in outcome.findings]


def test_cache_directory_is_tagged_and_ignored(corpus):
    _lint(corpus)
    cache = corpus / ".factlint_cache"
    assert (cache / "CACHEDIR.TAG").read_text().startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")
    assert (cache / ".gitignore").read_text().endswith("*\n")
    assert len(list(cache.glob("*.sqlite"))) == 1


def test_warm_run_parses_nothing_and_finds_the_same(corpus):
    cold = _lint(corpus)
    warm = _lint(corpus)
    assert (cold.parsed, warm.parsed) == (3, 0)
    assert _keys(warm) == _keys(cold)
    assert _keys(cold) == _keys(lint(load_config(corpus), Options(), corpus))  # no cache at all


def test_a_changed_file_is_parsed_again(corpus):
    _lint(corpus)
    (corpus / "claims/bad.yaml").write_text(BAD.replace("82% of chips", "83% of chips, 5 fabs"))
    outcome = _lint(corpus)
    assert outcome.parsed == 1
    assert any("claim 'orphan'" in f.message for f in outcome.findings)


def test_a_touched_but_unchanged_file_is_not_parsed(corpus):
    _lint(corpus)
    path = corpus / "claims/good.yaml"
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert _lint(corpus).parsed == 0


def test_one_changed_file_as_precommit_calls_it(corpus):
    _lint(corpus)
    (corpus / "claims/good.yaml").write_text(VALID_CLAIM + "# edited\n")
    outcome = _lint(corpus, paths=("claims/good.yaml",))
    assert outcome.parsed == 1
    assert outcome.files == ["claims/good.yaml"]
    # Its rows were rewritten: neither the next pre-commit run nor a full run parses it again.
    assert _lint(corpus, paths=("claims/good.yaml",)).parsed == 0
    assert _lint(corpus).parsed == 0


def test_a_changed_source_invalidates_the_files_that_cite_it(corpus):
    # good.yaml cites the source defined in sources.yaml: its cached findings saw that source.
    _lint(corpus)
    sources = corpus / "claims/sources.yaml"
    sources.write_text(sources.read_text() + "    provenance: generated\n")
    named = _lint(corpus, paths=("claims/good.yaml",))
    assert named.parsed == 2  # the changed file, and the one whose view of it no longer holds
    assert [(f.code, f.path) for f in named.findings if f.code == "FL305"] == [
        ("FL305", "claims/good.yaml")]
    assert _keys(_lint(corpus)) == _keys(lint(load_config(corpus), Options(), corpus))


def test_a_removed_file_leaves_the_index(corpus):
    write(corpus, {"claims/twin.yaml": BAD})  # the same claim id as bad.yaml
    assert {f.code for f in _lint(corpus).findings} >= {"FL102"}
    (corpus / "claims/twin.yaml").unlink()
    outcome = _lint(corpus)
    assert "FL102" not in {f.code for f in outcome.findings}
    assert _keys(outcome) == _keys(lint(load_config(corpus), Options(), corpus))


def test_a_renamed_file_leaves_its_old_name_behind(corpus):
    # As many files as before, one of them new: the old name's rows must still go.
    write(corpus, {"claims/twin.yaml": BAD})
    assert [f.path for f in _lint(corpus).findings if f.code == "FL102"] == [
        "claims/bad.yaml", "claims/twin.yaml"]
    (corpus / "claims/twin.yaml").rename(corpus / "claims/zwilling.yaml")
    outcome = _lint(corpus)
    assert outcome.parsed == 1
    assert [f.path for f in outcome.findings if f.code == "FL102"] == [
        "claims/bad.yaml", "claims/zwilling.yaml"]
    assert _keys(outcome) == _keys(lint(load_config(corpus), Options(), corpus))


def _stamps(root: Path) -> dict[str, tuple[int, int, int]] | None:
    import sqlite3

    from linter.run.store import _apply, _unpack

    (cache_file,) = (root / ".factlint_cache").glob("*.sqlite")
    db = sqlite3.connect(cache_file)
    try:
        row = db.execute("SELECT paths, sizes, mtimes, inos FROM stamps").fetchone()
        stamps = _unpack(row) if row else {}
        changes = db.execute("SELECT path, size, mtime, ino FROM restamps").fetchall()
        assert stamps is not None and _apply(stamps, changes)
        return stamps
    finally:
        db.close()


def _on_disk(root: Path, *names: str) -> dict[str, tuple[int, int, int]]:
    found = {}
    for name in names:
        info = os.stat(root / name)
        found[name] = (info.st_size, info.st_mtime_ns, info.st_ino)
    return found


def test_the_stamps_follow_touched_removed_and_renamed_files(corpus):
    _lint(corpus)
    names = ["claims/bad.yaml", "claims/good.yaml", "claims/sources.yaml"]
    assert _stamps(corpus) == _on_disk(corpus, *names)
    os.utime(corpus / "claims/good.yaml", ns=(1_000_000_000, 1_000_000_000))
    assert _lint(corpus).parsed == 0
    assert _stamps(corpus)["claims/good.yaml"][1] == 1_000_000_000  # kept: not read again
    (corpus / "claims/bad.yaml").rename(corpus / "claims/worse.yaml")
    (corpus / "claims/sources.yaml").unlink()
    assert _lint(corpus).parsed == 2  # the new name, and good.yaml: a source it cites went
    assert _stamps(corpus) == _on_disk(corpus, "claims/good.yaml", "claims/worse.yaml")


def _rows(root: Path, table: str) -> int:
    import sqlite3

    (cache_file,) = (root / ".factlint_cache").glob("*.sqlite")
    db = sqlite3.connect(cache_file)
    try:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        db.close()


ALL = ("claims/bad.yaml", "claims/good.yaml", "claims/sources.yaml")


def test_changed_signatures_are_rows_until_they_are_many(corpus, monkeypatch):
    from linter.run import store as cache

    monkeypatch.setattr(cache, "_RESTAMPS", 3)
    _lint(corpus)
    assert (_rows(corpus, "stamps"), _rows(corpus, "restamps")) == (0, 3)
    (corpus / "claims/good.yaml").write_text(VALID_CLAIM + "# edited\n")
    assert _lint(corpus).parsed == 1
    assert (_rows(corpus, "stamps"), _rows(corpus, "restamps")) == (1, 0)  # 4 > 3: folded
    assert _stamps(corpus) == _on_disk(corpus, *ALL)
    (corpus / "claims/good.yaml").write_text(VALID_CLAIM + "# edited again\n")
    (corpus / "claims/bad.yaml").unlink()
    assert _lint(corpus).parsed == 1
    assert (_rows(corpus, "stamps"), _rows(corpus, "restamps")) == (1, 2)
    assert _stamps(corpus) == _on_disk(corpus, "claims/good.yaml", "claims/sources.yaml")
    assert _lint(corpus).parsed == 0


def _truncate_sizes(db) -> None:
    db.execute("UPDATE stamps SET sizes = substr(sizes, 1, length(sizes) - 3)")


@pytest.mark.parametrize("tamper", [
    _truncate_sizes,  # does not unpack
    lambda db: db.execute("UPDATE stamps SET inos = zeroblob(8)"),  # one inode for three paths
    lambda db: db.execute("UPDATE stamps SET paths = 7"),  # not text
    lambda db: db.execute("INSERT INTO restamps VALUES ('claims/bad.yaml', 1, 'two', 3)"),
    lambda db: db.execute("INSERT INTO restamps VALUES (NULL, 1, 2, 3)"),
])
def test_signatures_that_are_not_what_was_written_are_not_trusted(corpus, monkeypatch, tamper):
    import sqlite3

    from linter.run import store as cache

    monkeypatch.setattr(cache, "_RESTAMPS", 0)  # every signature packed
    expected = _keys(_lint(corpus))
    (cache_file,) = (corpus / ".factlint_cache").glob("*.sqlite")
    db = sqlite3.connect(cache_file)
    tamper(db)
    db.commit()
    db.close()
    # Every file is analysed again, as in a first run: a signature believed wrongly would let
    # a changed file go unread.
    outcome = _lint(corpus)
    assert outcome.parsed == 3
    assert _keys(outcome) == expected
    assert _stamps(corpus) == _on_disk(corpus, *ALL)
    assert _lint(corpus).parsed == 0


@pytest.mark.parametrize("fold", [True, False])
def test_a_file_without_a_signature_is_analysed_again(corpus, monkeypatch, fold):
    import sqlite3

    from linter.run import store as cache

    monkeypatch.setattr(cache, "_RESTAMPS", 0 if fold else 64)
    expected = _keys(_lint(corpus))
    (cache_file,) = (corpus / ".factlint_cache").glob("*.sqlite")
    db = sqlite3.connect(cache_file)
    if fold:
        db.execute("DELETE FROM stamps")
    else:
        db.execute("DELETE FROM restamps WHERE path = 'claims/bad.yaml'")
    db.commit()
    db.close()
    outcome = _lint(corpus)
    assert outcome.parsed == (3 if fold else 1)
    assert _keys(outcome) == expected
    assert _stamps(corpus) == _on_disk(corpus, *ALL)


def test_a_changed_configuration_or_rule_file_starts_a_new_cache(corpus):
    _lint(corpus)
    write(corpus, {".factlint.toml": 'paths = ["claims"]\nlimits = {max-depth = 32}\n'})
    assert _lint(corpus).parsed == 3
    write(corpus, {
        ".factlint.toml": 'paths = ["claims"]\nlimits = {max-depth = 32}\nrule-packs = ["pack"]\n',
        "pack/XY201.yaml": """
            code: XY201
            name: our-figure-rule
            severity: warning
            kind: figure-without-evidence
            summary: Our copy.
            docs: {what: a, why: b, fail: c, pass: d}
        """,
    })
    first = _lint(corpus)
    assert first.parsed == 3
    assert "XY201" in {f.code for f in first.findings}
    pack = corpus / "pack/XY201.yaml"
    pack.write_text(pack.read_text().replace("severity: warning", "severity: error"))
    again = _lint(corpus)
    assert again.parsed == 3  # the rule file is part of the key
    assert [f.severity.name for f in again.findings if f.code == "XY201"] == ["ERROR"]


def _foreign_database(path: Path) -> None:
    import sqlite3

    db = sqlite3.connect(path)
    db.execute("CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('format', '3'), ('key', 'other')")
    db.commit()
    db.close()


@pytest.mark.parametrize("garbage", [b"", b"{not a database", b"SQLite format 3\x00" + b"\xff" * 200,
                                     b"\xff\xfe", None])
def test_corrupt_or_foreign_cache_is_ignored_and_rebuilt(corpus, garbage):
    import sqlite3

    expected = _keys(_lint(corpus))
    (cache_file,) = (corpus / ".factlint_cache").glob("*.sqlite")
    for extra in cache_file.parent.glob("*.sqlite-*"):
        extra.unlink()
    if garbage is None:
        cache_file.unlink()
        _foreign_database(cache_file)
    else:
        cache_file.write_bytes(garbage)
    outcome = _lint(corpus)
    assert outcome.parsed == 3
    assert _keys(outcome) == expected
    db = sqlite3.connect(cache_file)  # rebuilt, and readable
    assert dict(db.execute("SELECT name, value FROM meta"))["format"] == str(FORMAT)
    assert db.execute("SELECT count(*) FROM files").fetchone() == (3,)
    db.close()
    assert _lint(corpus).parsed == 0


def test_two_runs_at_once_both_succeed_and_leave_a_sound_cache(corpus, factlint):
    import subprocess
    import sys

    for i in range(40):
        write(corpus, {f"claims/extra{i:02d}.yaml":
                       f"claims:\n  - id: extra-{i}\n    text: {i} fabs opened.\n"})
    expected = factlint("check", "--no-cache", cwd=corpus).out
    command = [str(Path(sys.executable).parent / "factlint"), "check"]
    runs = [subprocess.Popen(command, cwd=corpus, stdout=subprocess.PIPE, text=True)
            for _ in range(3)]
    outputs = [run.communicate()[0] for run in runs]
    assert outputs == [expected] * 3
    assert [run.returncode for run in runs] == [1, 1, 1]
    assert _lint(corpus).parsed == 0


def test_parallel_parsing_gives_the_same_findings(corpus, monkeypatch):
    for i in range(30):
        write(corpus, {f"claims/extra{i:02d}.yaml":
                       f"claims:\n  - id: extra-{i}\n    text: {i} fabs opened.\n"})
    serial = lint(load_config(corpus), Options(jobs=1), corpus)
    monkeypatch.setattr(runner, "PARALLEL_THRESHOLD", 1)
    parallel = lint(load_config(corpus), Options(jobs=2, use_cache=True), corpus)
    assert parallel.parsed == 33
    assert _keys(parallel) == _keys(serial)
    assert _keys(_lint(corpus)) == _keys(serial)  # and warm from the cache they built


def test_cli_no_cache_writes_nothing(corpus, factlint):
    result = factlint("check", "--no-cache", cwd=corpus)
    assert result.code == 1
    assert not (corpus / ".factlint_cache").exists()
    assert factlint("check", cwd=corpus).out == result.out
    assert (corpus / ".factlint_cache").is_dir()


def test_nothing_changed_runs_no_rule_at_all(corpus, monkeypatch):
    from linter.run import analysis

    expected = _keys(_lint(corpus))
    calls: list[str] = []
    monkeypatch.setattr(runner, "analyse", lambda *a, **k: calls.append("analyse") or [])
    monkeypatch.setattr(analysis, "check_rules", lambda *a: calls.append("rules") or [])
    monkeypatch.setattr(runner._Run, "index_findings",
                        lambda *a: calls.append("index") or [])
    assert _keys(_lint(corpus)) == expected
    assert calls == []


def test_naming_every_file_is_a_full_run(corpus, monkeypatch):
    # `factlint check claims/` names the whole corpus: the same findings as naming nothing,
    # and, with nothing changed, the same reuse of the last run's cross-file findings.
    expected = _keys(_lint(corpus))
    assert _keys(_lint(corpus, paths=("claims",))) == expected
    assert runner.gather(load_config(corpus), Options(paths=("claims",)), corpus)[1] is None
    calls: list[str] = []
    monkeypatch.setattr(runner._Run, "index_findings",
                        lambda *a: calls.append("index") or [])
    assert _keys(_lint(corpus, paths=("claims",))) == expected
    assert calls == []
    # One file of three: only its findings, so the index is joined for it alone.
    named = runner.gather(load_config(corpus), Options(paths=("claims/bad.yaml",)), corpus)
    assert (len(named[0]), named[1]) == (3, {"claims/bad.yaml"})
    assert _lint(corpus, paths=("claims/bad.yaml",)).files == ["claims/bad.yaml"]
    assert calls == ["index"]


def test_a_changed_snapshot_invalidates_cross_file_findings(corpus):
    write(corpus, {
        "snapshots/wsj.txt": "Morgan Stanley analysts forecast that China will have 82% of AI "
                             "chips from domestic makers by 2027, up from 34% in 2024.\n",
    })
    sources = corpus / "claims/sources.yaml"
    sources.write_text(sources.read_text() + "    archive: ../snapshots/wsj.txt\n")
    assert "FL330" not in {f.code for f in _lint(corpus).findings}
    _lint(corpus)
    (corpus / "snapshots/wsj.txt").write_text("A different article altogether.\n")
    assert "FL330" in {f.code for f in _lint(corpus).findings}


def test_the_date_is_part_of_what_cross_file_findings_depend_on(corpus, monkeypatch):
    sources = corpus / "claims/sources.yaml"
    sources.write_text(sources.read_text().replace('"2025-07-30"', '"2026-01-15"'))
    monkeypatch.setenv("FACTLINT_TODAY", "2026-01-01")
    assert "FL313" in {f.code for f in _lint(corpus).findings}
    monkeypatch.setenv("FACTLINT_TODAY", "2026-02-01")
    assert "FL313" not in {f.code for f in _lint(corpus).findings}


@pytest.mark.parametrize("fixture", ["figures", "provenance"])
def test_a_named_file_gets_its_share_of_the_full_findings_and_what_it_causes(tmp_path, fixture):
    import shutil

    root = tmp_path / fixture
    shutil.copytree(Path(__file__).parent / "fixtures" / fixture, root)
    (root / ".factlint.toml").write_text('paths = ["claims"]\n')
    full = _keys(lint(load_config(root), Options(), root))
    for path in sorted({k[1] for k in full}):
        named = lint(load_config(root), Options(paths=(path,), use_cache=True), root)
        assert [k for k in _keys(named) if k[1] == path] == [k for k in full if k[1] == path]
        # What it takes part in elsewhere is reported too, and is no more than a full run finds.
        elsewhere = [k for k in _keys(named) if k[1] != path]
        assert set(elsewhere) <= set(full)
        assert sorted({k[1] for k in elsewhere}) == named.outside


def test_the_code_is_part_of_the_key(corpus, monkeypatch, tmp_path):
    from linter.rulebook import book as rulebook
    from linter.run import store as cache

    rules = rulebook.builtin_rules_dir()
    before = cache.cache_key("config", rulebook.directory_key(rules), "")
    fake = tmp_path / "pkg" / "rulebook" / "book.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("# a changed module\n")
    (fake.parent.parent / "other.py").write_text("x = 1\n")
    monkeypatch.setattr(rulebook, "__file__", str(fake))
    assert cache.cache_key("config", rulebook.directory_key(rules), "") != before


def test_the_run_cache_key_covers_the_built_in_rules_and_the_packs(corpus, tmp_path):
    from linter.rulebook import book as rulebook
    from linter.run import store as cache

    rules_key = rulebook.load_rulebook().key
    assert rules_key == rulebook.directory_key(rulebook.builtin_rules_dir())
    pack = write(tmp_path / "pack", {"XY1.yaml": "code: XY1\n"})
    book = rulebook.Rulebook({}, (rulebook.builtin_rules_dir(), pack), root=tmp_path.resolve())
    packs_key = book.packs_key()
    keys = {cache.cache_key("config", rules_key, ""), cache.cache_key("config", "other", ""),
            cache.cache_key("config", rules_key, packs_key), cache.cache_key("other", rules_key, "")}
    (pack / "XY1.yaml").write_text("code: XY2\n")
    keys.add(cache.cache_key("config", rules_key, book.packs_key()))
    assert len(keys) == 5


def test_an_analysed_batch_leaves_no_garbage_cycles(corpus):
    # Automatic collection is paused during a run (linter.run.garbage): a batch's parsed data
    # must then be freed by reference counting alone, or memory would grow with the corpus.
    import gc

    from linter.project.discovery import expand
    from linter.rulebook.book import load_rulebook
    from linter.run.analysis import analyse

    config = load_config(corpus)
    rulebook = load_rulebook(())
    targets = expand([corpus / "claims"], corpus, (), strict=False)
    analyse([(t, None) for t in targets], config.limits, list(rulebook.rules.values()),
            rulebook, corpus)  # the first analysis imports the rules' modules
    gc.collect()
    gc.disable()
    try:
        results = analyse([(t, None) for t in targets], config.limits,
                          list(rulebook.rules.values()), rulebook, corpus)
        assert [r.path for r in results] == ["claims/bad.yaml", "claims/good.yaml",
                                             "claims/sources.yaml"]
        del results
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_run_restores_the_collector_as_it_found_it(corpus):
    import gc

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    _lint(corpus, jobs=1)
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_a_same_size_rewrite_within_the_stamps_tick_is_seen(corpus):
    # git's racy-clean rule: a file rewritten in the same timestamp tick as the run that
    # stamped it keeps size, mtime and inode; its stamp proves nothing and its content decides.
    path = corpus / "claims/bad.yaml"
    before = path.stat()
    assert _lint(corpus).parsed == 3
    path.write_text(BAD.replace("orphan", "orphaX"))  # same size, same inode
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size, before.st_mtime_ns, before.st_ino)
    outcome = _lint(corpus)
    assert outcome.parsed == 1
    assert any("'orphaX'" in f.message for f in outcome.findings)
    assert not any("'orphan'" in f.message for f in outcome.findings)


def test_an_old_stamp_is_trusted_without_reading_the_file(corpus, monkeypatch):
    path = corpus / "claims/good.yaml"
    old = 1_000_000_000  # 2001: long before the cache was written
    os.utime(path, ns=(old, old))
    _lint(corpus)
    read = []
    real = runner.read
    monkeypatch.setattr(runner, "read", lambda target, limits: read.append(target.display)
                        or real(target, limits))
    assert _lint(corpus).parsed == 0
    assert "claims/good.yaml" not in read
