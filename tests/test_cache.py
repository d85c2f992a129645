"""The cache: what it must invalidate, what it must survive, and that it never changes results."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from linter import runner
from linter.config import load_config
from linter.runner import Options, lint
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
    assert len(list(cache.glob("*.json"))) == 1


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
    (cache_file,) = (corpus / ".factlint_cache").glob("*.json")
    written = cache_file.stat().st_mtime_ns
    outcome = _lint(corpus, paths=("claims/good.yaml",))
    assert outcome.parsed == 1
    assert outcome.files == ["claims/good.yaml"]
    # Parsing one named file again is cheaper than rewriting the whole cache for it.
    assert cache_file.stat().st_mtime_ns == written
    assert _lint(corpus, paths=("claims/good.yaml",)).parsed == 1
    assert _lint(corpus).parsed == 1  # a full run parses it once more and records it
    assert _lint(corpus).parsed == 0


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


@pytest.mark.parametrize("garbage", [b"", b"{not json", b'{"format": 3, "key": "other"}',
                                     b'{"format": 3, "key": "%s", "files": {"x": 3}}', b"\xff\xfe"])
def test_corrupt_or_foreign_cache_is_ignored_and_rebuilt(corpus, garbage):
    expected = _keys(_lint(corpus))
    (cache_file,) = (corpus / ".factlint_cache").glob("*.json")
    cache_file.write_bytes(garbage.replace(b"%s", cache_file.stem.encode()))
    outcome = _lint(corpus)
    assert outcome.parsed == 3
    assert _keys(outcome) == expected
    assert json.loads(cache_file.read_text())["format"] == 3  # rebuilt


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
    expected = _keys(_lint(corpus))
    _lint(corpus)  # the first warm run may still record text analyses
    calls: list[int] = []
    original = runner.check_rules
    monkeypatch.setattr(runner, "check_rules",
                        lambda rules, *a: calls.append(len(rules)) or original(rules, *a))
    assert _keys(_lint(corpus)) == expected
    assert calls == []


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
def test_a_named_file_gets_exactly_its_share_of_the_full_findings(tmp_path, fixture):
    import shutil

    root = tmp_path / fixture
    shutil.copytree(Path(__file__).parent / "fixtures" / fixture, root)
    (root / ".factlint.toml").write_text('paths = ["claims"]\n')
    full = _keys(lint(load_config(root), Options(), root))
    for path in sorted({k[1] for k in full}):
        named = lint(load_config(root), Options(paths=(path,), use_cache=True), root)
        assert _keys(named) == [k for k in full if k[1] == path]


def test_a_run_that_reuses_everything_keeps_the_remembered_analyses(corpus):
    _lint(corpus)
    (cache_file,) = (corpus / ".factlint_cache").glob("*.json")
    remembered = set(json.loads(cache_file.read_text())["derived"])
    assert remembered
    _lint(corpus)  # nothing changed: reuses the result, analyses nothing
    assert set(json.loads(cache_file.read_text())["derived"]) == remembered


def test_the_code_is_part_of_the_key(corpus, monkeypatch, tmp_path):
    from linter import cache

    before = cache.cache_key("config", ())
    fake = tmp_path / "pkg" / "cache.py"
    fake.parent.mkdir()
    fake.write_text("# a changed module\n")
    (fake.parent / "other.py").write_text("x = 1\n")
    monkeypatch.setattr(cache, "__file__", str(fake))
    assert cache.cache_key("config", ()) != before
