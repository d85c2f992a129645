"""Startup: what `factlint --version` and a small check import, and the compiled rulebook.

Assertions are about which modules a run imports and what the compiled rulebook holds, never
about timings (those live in bench/bench.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter import __version__
from linter.files.cachedir import CacheDir
from linter.model import RuleFileError
from linter.rulebook import book as rulebook
from linter.rulebook import kinds
from linter.rulebook.book import builtin_rules_dir, load_rulebook
from tests.conftest import FACTLINT, VALID_CLAIM, VALID_SOURCE, write

# Run the entry point the console script runs, and print the modules imported by the end.
_PROBE = """
import atexit, json, sys
atexit.register(lambda: sys.stderr.write("MODULES " + json.dumps(sorted(sys.modules)) + "\\n"))
sys.argv = ["factlint", *ARGS]
from linter.cli.main import main
main()
"""


def _probe(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str, set[str]]:
    code = _PROBE.replace("ARGS", repr(args))
    proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=120)
    lines = proc.stderr.splitlines()
    assert lines and lines[-1].startswith("MODULES "), proc.stderr
    return proc.returncode, proc.stdout, set(json.loads(lines[-1][len("MODULES "):]))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CacheDir:
    """A cache folder the compiled rulebook is kept in, as `factlint check` opens one."""
    directory = CacheDir.open(tmp_path)
    monkeypatch.setattr(rulebook, "_compiled_in", directory)
    return directory


def _compiled(cache: CacheDir) -> Path:
    return cache.file(rulebook.COMPILED_STEM, rulebook.COMPILED_SUFFIX)


# --- factlint --version --------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_prints_what_click_prints(flag: str, tmp_path: Path):
    proc = subprocess.run([FACTLINT, flag], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        0, f"factlint, version {__version__}\n", "")
    # The same text as click's version_option on the full command group.
    from linter.cli.app import cli

    result = CliRunner().invoke(cli, [flag], prog_name="factlint")
    assert result.exit_code == 0
    assert result.output == proc.stdout


def test_python_dash_m_version(tmp_path: Path):
    proc = subprocess.run([sys.executable, "-m", "linter", "--version"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout) == (0, f"factlint, version {__version__}\n")


def test_version_loads_no_rule_and_no_yaml(tmp_path: Path):
    code, out, modules = _probe(["--version"], tmp_path, {})
    assert (code, out) == (0, f"factlint, version {__version__}\n")
    assert not {"yaml", "linter.cli.check", "linter.rulebook.book"} & modules


@pytest.mark.parametrize("args", [["--version", "check"], ["check", "--version"], ["--versio"],
                                  ["-V", "-V"]])
def test_other_command_lines_go_to_click(args: list[str], tmp_path: Path):
    fast = subprocess.run([FACTLINT, *args], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    from linter.cli.app import cli

    result = CliRunner().invoke(cli, args, prog_name="factlint")
    assert fast.returncode == result.exit_code
    assert fast.stdout + fast.stderr == result.output


def test_version_on_a_closed_pipe_is_quiet(tmp_path: Path):
    proc = subprocess.Popen([FACTLINT, "--version"], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert err == ""
    assert proc.returncode in (0, 1)


def test_help_lists_every_command(tmp_path: Path):
    proc = subprocess.run([FACTLINT, "--help"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0
    listed = proc.stdout.split("Commands:")[1].split()
    for command in ("check", "export", "report", "rule", "rules", "scan", "schema"):
        assert command in listed


# --- leaving the process --------------------------------------------------------------------

# An embedder's exit handler that writes to stdout without flushing it.
_HANDLER_PROBE = """
import atexit, sys
atexit.register(lambda: sys.stdout.write("handler ran\\n"))
sys.argv = ["factlint", *ARGS]
from linter.cli.main import main
main()
"""


@pytest.mark.parametrize(("files", "code", "first"), [
    ({"claims/a.yaml": VALID_SOURCE}, 0, "All checks passed (1 file checked)."),
    ({"claims/a.yaml": "claims: [\n"}, 1, "claims/a.yaml:2:1: FL001"),
])
def test_exit_runs_exit_handlers_flushes_and_keeps_the_code(
        tmp_path: Path, files: dict[str, str], code: int, first: str):
    # The console script leaves without freeing the interpreter: exit handlers must still
    # run, buffered output still reach the pipe, and the exit code stay the command's.
    project = write(tmp_path / "project", files)
    probe = _HANDLER_PROBE.replace("ARGS", repr(["check", "--no-cache"]))
    proc = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True,
                          text=True, timeout=120)
    lines = proc.stdout.splitlines()
    assert (proc.returncode, proc.stderr) == (code, "")
    assert lines[0].startswith(first)
    assert lines[-1] == "handler ran"


def test_exit_code_of_a_usage_error_is_kept(tmp_path: Path):
    proc = subprocess.run([FACTLINT, "check", "missing.yaml"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "missing.yaml: no such file or directory" in proc.stderr


# --- what a check imports ------------------------------------------------------------------


def test_small_check_imports_only_what_it_needs(tmp_path: Path):
    project = write(tmp_path / "project", {"claims/source.yaml": VALID_SOURCE,
                                           "claims/claim.yaml": VALID_CLAIM})
    # Nothing cached: every rule runs, yet valid files need no jsonschema error report.
    code, out, modules = _probe(["check", "--no-cache"], project, {})
    assert (code, out) == (0, "All checks passed (2 files checked).\n")
    assert "jsonschema" not in modules
    assert "linter.cli.report" not in modules and "linter.cli.scan" not in modules
    assert not (project / ".factlint_cache").exists()  # --no-cache writes nothing
    # Warm: the rulebook is compiled and the results cached, so no check kind runs and none
    # is imported for its parameters or scope.
    for _ in range(2):
        _probe(["check"], project, {})
    assert len(list((project / ".factlint_cache").glob("*.compiled"))) == 1
    code, out, modules = _probe(["check"], project, {})
    assert (code, out) == (0, "All checks passed (2 files checked).\n")
    imported_kinds = {m for m in modules if m.startswith("linter.rulebook.kinds.")}
    assert imported_kinds <= {"linter.rulebook.kinds.future_date"}  # the runner's today()
    assert not {"jsonschema", "linter.sources.assessment", "linter.sources.ai_patterns", "linter.project.baseline",
                "linter.cli.report", "linter.cli.scan"} & modules
    # Nothing to parse: PyYAML and the loader are not imported either.
    assert not {"yaml", "linter.load.yaml_positions"} & modules


# --- the compiled rulebook -----------------------------------------------------------------


def _without_compiled(monkeypatch: pytest.MonkeyPatch) -> rulebook.Rulebook:
    with monkeypatch.context() as patch:
        patch.setattr(rulebook._Compiled, "open", classmethod(lambda cls, directory: None))
        return load_rulebook()


def _stored(directory: CacheDir) -> dict:
    return json.loads(_compiled(directory).read_text(encoding="utf-8"))


def test_compiled_rulebook_equals_the_loaded_one(cache_dir: CacheDir, monkeypatch):
    fresh = _without_compiled(monkeypatch)
    first = load_rulebook()  # compiles
    document = _stored(cache_dir)
    second = load_rulebook()  # served from the file
    assert first.rules == second.rules == fresh.rules
    assert list(second.rules) == list(fresh.rules)
    for code, rule in second.rules.items():
        assert rulebook._same(rule.params, fresh.rules[code].params), code
        assert type(rule.severity) is type(fresh.rules[code].severity)
    assert set(document["scopes"]) == {r.kind for r in fresh.rules.values()}


def test_compiled_rulebook_is_read_not_rebuilt(cache_dir: CacheDir, monkeypatch):
    load_rulebook()
    calls: list[Path] = []
    real = rulebook.load_rule_file
    monkeypatch.setattr(rulebook, "load_rule_file", lambda path: calls.append(path) or real(path))
    keys: list[Path] = []
    real_key = rulebook.directory_key
    monkeypatch.setattr(rulebook, "directory_key", lambda d: keys.append(d) or real_key(d))
    served = load_rulebook()
    assert calls == []
    # The key it was looked up by is the run cache's too: the rule files are read once a run.
    assert served.key == real_key(builtin_rules_dir())
    assert keys == [builtin_rules_dir()]


def test_compiled_rulebook_keeps_the_linear_safety_verdicts(cache_dir: CacheDir, monkeypatch):
    from linter.sources import ai_patterns as provenance
    from linter.sources.assessment import AiPatternSet

    fresh = _without_compiled(monkeypatch)
    data, origin = fresh.registry("ai-patterns")
    patterns = {p.pattern for p in AiPatternSet.from_data(data, origin)}  # slots filled
    assert fresh.verified_patterns == {}
    load_rulebook()  # compiles
    served = load_rulebook()
    assert set(served.verified_patterns) == patterns  # every built-in pattern is safe
    for pattern, literals in served.verified_patterns.items():
        assert literals == provenance.required_literals(pattern), pattern
    # Most patterns have a literal to look for first.
    assert sum(bool(v) for v in served.verified_patterns.values()) >= len(patterns) * 3 // 4
    checked: list[str] = []
    monkeypatch.setattr(provenance, "check_linear_safe",
                        lambda pattern: checked.append(pattern) or None)
    added = {"id": "pack-pattern", "class": "style", "pattern": r"\bpack cue\b",
             "explanation": "A pattern a rule pack adds."}
    loaded = AiPatternSet.from_data({**data, "patterns": [*data["patterns"], added]}, origin,
                                    served.verified_patterns)
    assert len(loaded) == len(patterns) + 1
    assert checked == [r"\bpack cue\b"]  # only the pattern with no verdict is checked


def test_compiled_rulebook_serves_the_built_in_registries(cache_dir: CacheDir, monkeypatch):
    fresh = _without_compiled(monkeypatch)
    names = sorted(p.stem for p in (builtin_rules_dir() / "registries").glob("*.yaml"))
    assert names == ["ai-patterns", "attribution-cues", "entities", "reliability"]
    loaded = {name: fresh.registry(name) for name in names}
    load_rulebook()  # compiles
    served = load_rulebook()
    monkeypatch.setattr(rulebook, "_load", lambda path: pytest.fail(f"parsed {path}"))
    for name in names:
        data, origin = served.registry(name)
        assert (data, origin) == loaded[name]
        assert rulebook._same(data, loaded[name][0]), name


def test_a_changed_registry_is_a_miss(tmp_path: Path, cache_dir: CacheDir, monkeypatch):
    rules = _private_rules(tmp_path, monkeypatch)
    load_rulebook()  # compiles
    registry = rules / "registries" / "entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "\nentities:\n", "\nentities:\n  - id: added-entity\n    name: Added Entity\n", 1),
        encoding="utf-8")
    data, _ = load_rulebook().registry("entities")
    assert [e["id"] for e in data["entities"]][:1] == ["added-entity"]


def _private_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), rules)
    monkeypatch.setattr(rulebook, "builtin_rules_dir", lambda: rules)
    return rules


def test_a_changed_rule_file_is_a_miss(tmp_path: Path, cache_dir: CacheDir, monkeypatch):
    rules = _private_rules(tmp_path, monkeypatch)
    assert load_rulebook().rules["FL101"].summary != "Changed."
    path = next(rules.glob("FL101-*.yaml"))
    text = path.read_text(encoding="utf-8")
    summary = next(line for line in text.splitlines() if line.startswith("summary:"))
    path.write_text(text.replace(summary, "summary: Changed."), encoding="utf-8")
    assert load_rulebook().rules["FL101"].summary == "Changed."


def test_a_broken_rule_file_fails_the_same_way_and_is_not_stored(tmp_path: Path,
                                                                cache_dir: CacheDir, monkeypatch):
    rules = _private_rules(tmp_path, monkeypatch)
    load_rulebook()
    stored = _compiled(cache_dir)
    before = stored.read_text(encoding="utf-8")
    path = next(rules.glob("FL101-*.yaml"))
    path.write_text(path.read_text(encoding="utf-8").replace("severity: error",
                                                             "severity: fatal"))
    with pytest.raises(RuleFileError) as compiled_error:
        load_rulebook()
    with pytest.raises(RuleFileError) as plain_error:
        _without_compiled(monkeypatch)
    assert str(compiled_error.value) == str(plain_error.value)
    assert "unknown severity 'fatal'" in str(plain_error.value)
    assert stored.read_text(encoding="utf-8") == before


def test_changed_code_is_a_miss(tmp_path: Path, monkeypatch):
    directory = builtin_rules_dir()
    before = rulebook.directory_key(directory)
    fake = tmp_path / "pkg" / "rulebook" / "book.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("# a changed module\n")
    monkeypatch.setattr(rulebook, "__file__", str(fake))
    assert rulebook.directory_key(directory) != before


@pytest.mark.parametrize("damage", ["", "{", "[]", '{"format": 1}', "null"])
def test_a_damaged_file_is_a_miss_and_is_rewritten(damage: str, cache_dir: CacheDir,
                                                   monkeypatch):
    load_rulebook()
    stored = _compiled(cache_dir)
    good = stored.read_text(encoding="utf-8")
    stored.write_text(damage, encoding="utf-8")
    assert load_rulebook().rules == _without_compiled(monkeypatch).rules
    assert stored.read_text(encoding="utf-8") == good


def test_a_foreign_key_is_a_miss(cache_dir: CacheDir, monkeypatch):
    load_rulebook()
    document = _stored(cache_dir)
    document["key"] = "0" * 32
    document["rules"] = document["rules"][:1]
    (_compiled(cache_dir)).write_text(json.dumps(document), encoding="utf-8")
    assert len(load_rulebook().rules) == len(_without_compiled(monkeypatch).rules)


def test_off_unless_asked(tmp_path: Path, monkeypatch):
    assert rulebook._compiled_in is None  # library use and other commands: rule files only
    monkeypatch.chdir(tmp_path)
    with rulebook.compiled_in(None):
        assert load_rulebook().rules == _without_compiled(monkeypatch).rules
    assert rulebook._compiled_in is None
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_directory_is_not_an_error(tmp_path: Path, monkeypatch):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("")
    monkeypatch.setattr(rulebook, "_compiled_in", CacheDir(blocked, "0" * 32))
    assert load_rulebook().rules == _without_compiled(monkeypatch).rules


def test_rule_packs_load_as_before(tmp_path: Path, cache_dir: CacheDir):
    pack = tmp_path / "pack"
    pack.mkdir()
    source = next(builtin_rules_dir().glob("FL101-*.yaml")).read_text(encoding="utf-8")
    (pack / "X.yaml").write_text(source, encoding="utf-8")
    load_rulebook()  # compiled built-in rules
    with pytest.raises(RuleFileError, match="code FL101 is already declared by"):
        load_rulebook((pack,))


def test_same_is_strict_about_types():
    assert rulebook._same({"a": [1, 2.0, None, "x"]}, {"a": [1, 2.0, None, "x"]})
    assert not rulebook._same([1], [1.0])
    assert not rulebook._same([True], [1])
    assert not rulebook._same((1,), [1])
    assert not rulebook._same({1: "a"}, {"1": "a"})


def test_scopes_come_with_the_compiled_rulebook(tmp_path: Path, cache_dir: CacheDir, monkeypatch):
    # In a fresh process: a scope asked after a compiled load imports no kind module.
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from linter.rulebook import kinds\n"
        "from linter.rulebook.book import compiled_in, load_rulebook\n"
        "from linter.files.cachedir import CacheDir\n"
        f"with compiled_in(CacheDir.open(Path({str(cache_dir.path.parent)!r}))):\n"
        "    book = load_rulebook()\n"
        "scopes = {k: kinds.scope(k) for k in sorted({r.kind for r in book.rules.values()})}\n"
        "print(sorted(scopes.items()))\n"
        "print(sorted(m for m in sys.modules if m.startswith('linter.rulebook.kinds.')))\n"
    )
    first = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                           text=True, timeout=60)
    second = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout.splitlines()[0] == second.stdout.splitlines()[0]
    assert second.stdout.splitlines()[1] == "[]"
    monkeypatch.setattr(kinds, "_scopes", {})  # read every scope from the modules
    expected = {k: kinds.scope(k) for k in {r.kind for r in _without_compiled(monkeypatch).rules.values()}}
    assert first.stdout.splitlines()[0] == str(sorted(expected.items()))
