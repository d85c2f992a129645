"""Compiled regular expressions kept between runs (`linter.regexcache`).

What must hold: a pattern loaded from the file is the pattern `re.compile` builds (equal
program, flags and groups, the same matches); a damaged or foreign file loads nothing; the file
is written only when a run compiled something it lacks; and a check run with the file compiles
no regular expression at all, while `--no-cache` neither reads nor writes it.
"""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from linter import regexcache
from tests.conftest import VALID_CLAIM, VALID_SOURCE, write

# Patterns no other code compiles (the suffix), with what makes a program differ: named
# groups, inline and passed flags, bytes, non-ASCII text.
PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<year>\d{4})-(?P<month>\d\d) regexcache-test-a", 0),
    (r"billion|million regexcache-test-b", re.IGNORECASE),
    (r"(?x) \d+ \s* (?:%|percent)  # regexcache-test-c", 0),
    (rb"(?P<n>[0-9]+) regexcache-test-d", 0),
    (r"\b(?:约|近)\s*\d+ regexcache-test-e", re.ASCII | re.MULTILINE),
]
SAMPLES = ["2025-01 regexcache-test-a", "BILLION regexcache-test-b", "82 % regexcache-test-c",
           "约 5 regexcache-test-e", "nothing here"]


def _key(pattern: str | bytes, flags: int) -> tuple[type, str | bytes, int]:
    return (type(pattern), pattern, flags)


@pytest.fixture
def fresh_re(monkeypatch: pytest.MonkeyPatch):
    """`re`'s cache emptied and the module's memory of a loaded file cleared; both restored."""
    saved = dict(re._cache)  # type: ignore[attr-defined]
    re.purge()
    monkeypatch.setattr(regexcache, "_stored", {})
    monkeypatch.setattr(regexcache, "_stored_path", None)
    yield
    re.purge()
    re._cache.update(saved)  # type: ignore[attr-defined]


def _cache_dir(root: Path) -> Path:
    directory = root / ".factlint_cache"
    directory.mkdir(parents=True)
    return directory


def _kept(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Compile PATTERNS, keep them in ROOT/.factlint_cache, and forget them again."""
    directory = _cache_dir(root)
    for pattern, flags in PATTERNS:
        re.compile(pattern, flags)
    assert regexcache.save(directory) is True
    re.purge()
    monkeypatch.setattr(regexcache, "_stored", {})
    monkeypatch.setattr(regexcache, "_stored_path", None)
    return directory / regexcache.NAME


def test_a_loaded_pattern_is_what_re_compile_builds(tmp_path: Path, fresh_re, monkeypatch):
    from re import _compiler  # type: ignore[attr-defined]

    _kept(tmp_path, monkeypatch)
    start = tmp_path / "claims" / "deep"  # found upward, as a run in a subfolder finds it
    start.mkdir(parents=True)
    assert regexcache.preload(str(start)) == len(PATTERNS)
    for pattern, flags in PATTERNS:
        loaded = re._cache[_key(pattern, flags)]  # type: ignore[attr-defined]
        assert re.compile(pattern, flags) is loaded  # served from re's cache, not compiled
        built = _compiler.compile(pattern, flags)
        assert loaded == built  # flags, pattern and program
        assert (loaded.flags, loaded.groups, dict(loaded.groupindex)) == (
            built.flags, built.groups, dict(built.groupindex))
        for sample in SAMPLES:
            text: str | bytes = sample.encode() if isinstance(pattern, bytes) else sample
            got, want = loaded.search(text), built.search(text)  # type: ignore[arg-type]
            assert (got and (got.span(), got.groupdict())) == (
                want and (want.span(), want.groupdict()))


def test_the_file_is_written_only_for_patterns_it_lacks(tmp_path: Path, fresh_re, monkeypatch):
    path = _kept(tmp_path, monkeypatch)
    regexcache.preload(str(tmp_path))
    before = path.stat()
    assert regexcache.save(path.parent) is False  # everything compiled is kept already
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    re.compile(r"regexcache-test-new \d+")
    assert regexcache.save(path.parent) is True
    kept = regexcache._read(path)
    assert {_key(p, f) for p, f in PATTERNS} | {_key(r"regexcache-test-new \d+", 0)} == set(kept)


def test_flags_given_as_an_int_subclass_are_kept_as_an_int(tmp_path: Path, fresh_re,
                                                          monkeypatch):
    # Python 3.13's re.split and re.sub pass a sentinel subclass of int equal to 0 as flags,
    # and re keys its cache by it.
    class Zero(int):
        pass

    directory = _cache_dir(tmp_path)
    re.compile(r"regexcache-test-sentinel \d", Zero(0))
    assert regexcache.save(directory) is True
    re.purge()
    monkeypatch.setattr(regexcache, "_stored", {})
    assert regexcache.preload(str(tmp_path)) == 1
    loaded = re._cache[_key(r"regexcache-test-sentinel \d", 0)]  # type: ignore[attr-defined]
    assert re.compile(r"regexcache-test-sentinel \d") is loaded
    assert type(regexcache._read(directory / regexcache.NAME)[
        _key(r"regexcache-test-sentinel \d", 0)][1]) is int


def test_debug_and_locale_patterns_are_not_kept(tmp_path: Path, fresh_re):
    directory = _cache_dir(tmp_path)
    re.compile(rb"regexcache-test-locale \w+", re.LOCALE)
    re.compile(r"regexcache-test-kept")
    assert regexcache.save(directory) is True
    assert set(regexcache._read(directory / regexcache.NAME)) == {
        _key(r"regexcache-test-kept", 0)}


def _valid_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    return _kept(tmp_path, monkeypatch).read_bytes()


def _bad_program(data: bytes) -> bytes:
    signature, entries = marshal.loads(data)
    pattern, key_flags, flags, code, groups, groupindex, indexgroup = entries[0]
    entries[0] = (pattern, key_flags, flags, b"\xff" * len(code), groups, groupindex, indexgroup)
    return marshal.dumps((signature, entries))


def _other_python(data: bytes) -> bytes:
    signature, entries = marshal.loads(data)
    return marshal.dumps(((*signature[:1], "2.7.18 (other)", *signature[2:]), entries))


@pytest.mark.parametrize("damage", [
    lambda data: b"",
    lambda data: b"not marshal at all",
    lambda data: data[: len(data) // 2],
    lambda data: marshal.dumps(["a list", "not a pair"]),
    _other_python,
    _bad_program,
], ids=["empty", "garbage", "truncated", "wrong-shape", "other-python", "invalid-program"])
def test_a_damaged_or_foreign_file_loads_nothing(damage, tmp_path: Path, fresh_re, monkeypatch):
    path = tmp_path / ".factlint_cache" / regexcache.NAME
    path.write_bytes(damage(_valid_file(tmp_path, monkeypatch)))
    assert regexcache.preload(str(tmp_path)) == 0
    assert not {_key(p, f) for p, f in PATTERNS} & set(re._cache)  # type: ignore[attr-defined]
    assert re.compile(*PATTERNS[0]).search("2025-01 regexcache-test-a")  # re works as ever
    # The next save replaces what could not be read.
    assert regexcache.save(path.parent) is True
    assert _key(*PATTERNS[0]) in regexcache._read(path)


def test_nothing_is_loaded_without_a_cache_directory(tmp_path: Path, fresh_re):
    assert regexcache.preload(str(tmp_path)) == 0
    assert regexcache.save(tmp_path / "missing") is False


# A check run as the console script runs it, counting the regular expressions compiled.
_PROBE = """
import atexit, sys
from re import _compiler
compiled = []
original = _compiler.compile
def counting(pattern, flags=0):
    compiled.append(pattern)
    return original(pattern, flags)
_compiler.compile = counting
atexit.register(lambda: sys.stderr.write(f"COMPILED {len(compiled)}\\n"))
sys.argv = ["factlint", *ARGS]
from linter.entry import main
main()
"""


def _check(project: Path, *args: str) -> tuple[int, str, int]:
    proc = subprocess.run([sys.executable, "-c", _PROBE.replace("ARGS", repr(list(args)))],
                          cwd=project, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONHASHSEED": "random"})
    last = proc.stderr.splitlines()[-1]
    assert last.startswith("COMPILED "), proc.stderr
    return proc.returncode, proc.stdout, int(last.split()[1])


def test_a_check_run_after_the_first_compiles_no_regular_expression(tmp_path: Path):
    project = write(tmp_path / "project", {"claims/source.yaml": VALID_SOURCE,
                                           "claims/claim.yaml": VALID_CLAIM})
    passed = "All checks passed (2 files checked).\n"
    code, out, first = _check(project, "check")
    assert (code, out) == (0, passed) and first > 50  # PyYAML's, click's and factlint's
    assert (project / ".factlint_cache" / regexcache.NAME).is_file()
    claim = project / "claims" / "claim.yaml"
    claim.write_text(claim.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    # The edited file is analysed again, every rule runs on it: nothing is compiled (the
    # patterns built from the registries under a new hash seed included).
    assert _check(project, "check") == (0, passed, 0)


def test_no_cache_neither_reads_nor_writes_the_file(tmp_path: Path):
    project = write(tmp_path / "project", {"claims/source.yaml": VALID_SOURCE,
                                           "claims/claim.yaml": VALID_CLAIM})
    _check(project, "check")
    kept = project / ".factlint_cache" / regexcache.NAME
    kept.unlink()
    code, _, compiled = _check(project, "check", "--no-cache")
    assert code == 0 and compiled > 50 and not kept.exists()
    _check(project, "check")  # writes it again
    before = kept.read_bytes()
    assert _check(project, "check", "--no-cache")[2] > 50  # not read
    assert kept.read_bytes() == before
