"""Bad input, end to end: every case in docs/bad-input.md gets a located finding or a one-line
error with exit 2. Never a traceback, never a hang, never a changed file, never a read outside
the project or a connection to the network."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FACTLINT, REPO, VALID_CLAIM, VALID_SOURCE, Run, run_factlint, write

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def check(root: Path, *args: str) -> Run:
    return run_factlint("check", "--no-cache", *args, cwd=root)


def assert_one_line_error(result: Run, fragment: str) -> None:
    assert result.code == 2, result
    assert "Traceback" not in result.err
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith("factlint: error: ")
    assert fragment in result.err, result.err


def findings(result: Run) -> list[str]:
    assert "Traceback" not in result.err, result.err
    return [line for line in result.out.splitlines() if line.startswith(("claims/", "x"))]


# --- limits ------------------------------------------------------------------------------------


def test_each_limit_is_a_finding_through_the_cli(tmp_path):
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims/big.yaml").write_text("a: " + "x" * 5_000_001 + "\n")
    (tmp_path / "claims/deep.yaml").write_text("a: " + "[" * 70 + "]" * 70 + "\n")
    (tmp_path / "claims/nodes.yaml").write_text("a: [" + ",".join(["1"] * 200_001) + "]\n")
    (tmp_path / "claims/string.yaml").write_text("a: " + "x" * 100_001 + "\n")
    (tmp_path / "claims/key.yaml").write_text("? " + "k" * 100_001 + "\n: 1\n")
    start = time.perf_counter()
    result = check(tmp_path, "--select", "FL005", "-q")
    elapsed = time.perf_counter() - start
    assert result.code == 1
    assert findings(result) == [
        "claims/big.yaml:1:1: FL005 error: file is 5,000,005 bytes, over the limit of 5,000,000; "
        "not read",
        "claims/deep.yaml:1:67: FL005 error: nesting deeper than 64 levels; not read",
        "claims/key.yaml:1:3: FL005 error: mapping key of 100,001 characters, over the limit of "
        "100,000; truncated",
        "claims/nodes.yaml:1:399999: FL005 error: more than 200,000 YAML nodes; not read",
        "claims/string.yaml:1:4: FL005 error: string of 100,001 characters, over the limit of "
        "100,000; truncated",
    ]
    assert elapsed < 20  # correctness bound: composing 200k nodes first took far longer


def test_limits_come_from_the_configuration(tmp_path):
    write(tmp_path, {
        "pyproject.toml": """
            [tool.factlint]
            limits = {max-bytes = 200, max-depth = 3, max-nodes = 10, max-string = 5}
        """,
        "claims/big.yaml": "a: " + "x" * 300 + "\n",
        "claims/deep.yaml": "a: [[[[1]]]]\n",
        "claims/nodes.yaml": "a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n",
        "claims/string.yaml": "a: abcdefg\n",
    })
    result = check(tmp_path, "--select", "FL005", "-q")
    assert findings(result) == [
        "claims/big.yaml:1:1: FL005 error: file is 304 bytes, over the limit of 200; not read",
        "claims/deep.yaml:1:6: FL005 error: nesting deeper than 3 levels; not read",
        "claims/nodes.yaml:1:26: FL005 error: more than 10 YAML nodes; not read",
        "claims/string.yaml:1:4: FL005 error: string of 7 characters, over the limit of 5; "
        "truncated",
    ]


def test_depth_has_a_ceiling_whatever_the_configuration(tmp_path):
    # libyaml's composer recurses in C: 100,000 levels would kill the process, not raise.
    write(tmp_path, {".factlint.toml": "limits = {max-depth = 1000000}\n",
                     "claims/deep.yaml": "a: " + "[" * 100_000 + "\n"})
    result = check(tmp_path, "--select", "FL005", "-q")
    assert findings(result) == [
        "claims/deep.yaml:1:259: FL005 error: nesting deeper than 256 levels (the most factlint "
        "reads); not read"]


@pytest.mark.parametrize(("table", "message"), [
    ("limits = {max-bytes = 0}", "limits.max-bytes: expected a positive integer"),
    ("limits = {max-depth = 'deep'}", "limits.max-depth: expected a positive integer"),
    ("limits = {max-lines = 5}", "limits.max-lines: unknown limit"),
    ("limits = 5", "limits: expected a table"),
])
def test_bad_limit_configuration_exits_2(tmp_path, table, message):
    write(tmp_path, {".factlint.toml": table + "\n", "claims/a.yaml": VALID_SOURCE})
    assert_one_line_error(check(tmp_path), message)


def test_billion_laughs_is_refused_fast_and_small(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 9)}]")
    write(tmp_path, {"claims/bomb.yaml": "\n".join(lines) + "\n",
                     "claims/alias.yaml": "x: 1\ny: *nowhere\n"})
    start = time.perf_counter()
    proc = subprocess.Popen([FACTLINT, "check", "--no-cache", "-q"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    result = Run(proc.returncode, out, err)
    assert findings(result) == [
        "claims/alias.yaml:2:4: FL003 error: YAML alias *nowhere is not allowed in claim files: "
        "write the value out",
        "claims/bomb.yaml:1:4: FL003 error: YAML anchor &a is not allowed in claim files: write "
        "the value out",
    ]
    assert elapsed < 10
    # Expanded, the bomb is a billion strings; refused, the process stays small (KiB on Linux).
    assert usage.ru_maxrss < 200_000


# --- encodings and line endings ----------------------------------------------------------------


def test_encodings_binary_and_empty_files(tmp_path):
    files = {
        "latin1.yaml": "claims:\n  - id: café\n".encode("latin-1"),
        "utf16.yaml": "claims: []\n".encode("utf-16"),
        "binary.yaml": bytes(range(256)),
        "empty.yaml": b"",
        "bom.yaml": b"\xef\xbb\xbf" + VALID_SOURCE.lstrip().encode(),
        "crlf.yaml": b"# comment\r\n\r\nclaims:\r\n  - id: x\r\n    text: 5 apples\r\n",
        "cr.yaml": b"# comment\r\rclaims:\r  - id: y\r    text: 6 pears\r",
        "separator.yaml": 'sources: "a\u2028b"\nclaims:\n  - id: z\n    text: 7 plums\n'.encode(),
    }
    (tmp_path / "claims").mkdir()
    for name, raw in files.items():
        (tmp_path / "claims" / name).write_bytes(raw)
    result = check(tmp_path, "-q")
    assert result.code == 1
    assert findings(result) == [
        "claims/binary.yaml:1:1: FL004 error: file contains NUL bytes: binary, not YAML",
        "claims/cr.yaml:4:9: FL201 error: claim 'y' states a figure in its text but cites no "
        "evidence; add an evidence item with the source and a verbatim quote",
        "claims/crlf.yaml:4:9: FL201 error: claim 'x' states a figure in its text but cites no "
        "evidence; add an evidence item with the source and a verbatim quote",
        "claims/empty.yaml:1:1: FL101 error: file is empty: a claim file holds `sources` and/or "
        "`claims`",
        "claims/latin1.yaml:2:12: FL004 error: not valid UTF-8 (byte 0xe9); claim files must be "
        "UTF-8",
        "claims/separator.yaml:1:10: FL101 error: sources: expected a list, got a string "
        "'a\\u2028b'",
        # LINE SEPARATOR is not a line break for git, GitHub or editors: z is on line 3.
        "claims/separator.yaml:3:9: FL201 error: claim 'z' states a figure in its text but cites "
        "no evidence; add an evidence item with the source and a verbatim quote",
        "claims/utf16.yaml:1:1: FL004 error: file contains NUL bytes: binary, not YAML",
    ]


def test_loader_counts_lines_as_editors_do():
    from linter.load.yaml_positions import load_bytes, load_text
    from linter.model import Position

    assert load_text("a: 1\u2028\nb: [x\n", "f").problems[0].position == Position(3, 1)
    assert load_text("a: 1\x85b: 2\nc: 3\n", "f").positions[("c",)] == Position(2, 4)
    assert load_bytes(b"a: 1\r\nb: caf\xe9\n", "f").problems[0].position == Position(2, 7)
    assert load_bytes(b"a: 1\rb: \xe2\x82\xac \xff\n", "f").problems[0].position == Position(2, 6)
    assert load_bytes("a: \U0001F600\nb: [x".encode(), "f").problems[0].position.line == 3


# --- paths -------------------------------------------------------------------------------------


def test_path_errors_are_one_line(tmp_path):
    write(tmp_path, {"claims/ok.yaml": VALID_SOURCE})
    assert_one_line_error(check(tmp_path, "nope.yaml"), "nope.yaml: no such file or directory")
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "gone.yaml")
    assert_one_line_error(check(tmp_path, "dangling.yaml"), "dangling.yaml: broken symbolic link")
    (tmp_path / "claims/dangling.yaml").symlink_to(tmp_path / "gone.yaml")
    assert_one_line_error(check(tmp_path), "claims/dangling.yaml: broken symbolic link")
    (tmp_path / "claims/dangling.yaml").unlink()
    (tmp_path / "claims/loop.yaml").symlink_to(tmp_path / "claims/loop.yaml")
    assert_one_line_error(check(tmp_path), "claims/loop.yaml: cannot read: Too many levels")
    (tmp_path / "claims/loop.yaml").unlink()
    # A directory is walked; a link to a folder named like a claim file is not followed.
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "claims/folder.yaml").symlink_to(tmp_path / "elsewhere")
    result = check(tmp_path, "claims")
    assert (result.code, result.out) == (0, "All checks passed (1 file checked).\n")


def test_excluded_bad_paths_are_not_errors(tmp_path):
    write(tmp_path, {".factlint.toml": "exclude = ['claims/skip/*']\n",
                     "claims/ok.yaml": VALID_SOURCE})
    (tmp_path / "claims/skip").mkdir()
    (tmp_path / "claims/skip/dangling.yaml").symlink_to(tmp_path / "gone.yaml")
    assert check(tmp_path).code == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_special_files_never_block_or_stream(tmp_path):
    write(tmp_path, {"claims/ok.yaml": VALID_SOURCE})
    os.mkfifo(tmp_path / "claims/fifo.yaml")
    assert_one_line_error(check(tmp_path), "claims/fifo.yaml: not a regular file")
    os.unlink(tmp_path / "claims/fifo.yaml")
    os.mkfifo(tmp_path / "named.yaml")  # outside the configured paths: only named
    assert_one_line_error(check(tmp_path, "named.yaml"), "named.yaml: not a regular file")
    (tmp_path / "claims/zero.yaml").symlink_to("/dev/zero")
    assert_one_line_error(check(tmp_path), "claims/zero.yaml: not a regular file")


def test_unprintable_file_names_are_refused_by_name(tmp_path):
    write(tmp_path, {"claims/ok.yaml": VALID_SOURCE})
    (tmp_path / "claims" / "evil\n\x1b[31mred.yaml").write_text(VALID_CLAIM)
    result = check(tmp_path)
    assert_one_line_error(result, "claims/evil\\x0a\\x1b[31mred.yaml")
    assert "\x1b" not in result.err
    os.unlink(tmp_path / "claims" / "evil\n\x1b[31mred.yaml")
    with open(os.path.join(os.fsencode(tmp_path / "claims"), b"\xff.yaml"), "w") as stream:
        stream.write(VALID_CLAIM)
    assert_one_line_error(check(tmp_path), "claims/\\udcff.yaml: file name")
    for args in (["--format", "sarif"], ["-o", "r.html"]):
        assert run_factlint("report" if args[0] == "-o" else "check", *args,
                            cwd=tmp_path).code == 2


@pytest.mark.skipif(IS_ROOT, reason="root reads every folder")
def test_unreadable_folder_is_an_error_not_a_skip(tmp_path):
    write(tmp_path, {"claims/ok.yaml": VALID_SOURCE, "claims/private/x.yaml": VALID_CLAIM})
    (tmp_path / "claims/private").chmod(0)
    try:
        assert_one_line_error(check(tmp_path), "private: cannot list folder")
    finally:
        (tmp_path / "claims/private").chmod(stat.S_IRWXU)


# --- snapshot paths in claim files --------------------------------------------------------------

SNAPSHOT_SOURCES = """
sources:
  - {id: inside, title: T, kind: news, archive: snapshots/page.txt}
  - {id: dotdot, title: T, kind: news, archive: ../../../../../../etc/hostname}
  - {id: absolute, title: T, kind: news, archive: /etc/hostname}
  - {id: link-out, title: T, kind: news, archive: snapshots/out.txt}
  - {id: link-loop, title: T, kind: news, archive: snapshots/loop.txt}
  - {id: nul, title: T, kind: news, archive: "a\\0b"}
  - {id: fifo, title: T, kind: news, archive: snapshots/fifo.txt}
"""


def test_snapshot_paths_stay_inside_the_project(tmp_path):
    write(tmp_path, {"claims/sources.yaml": SNAPSHOT_SOURCES,
                     "claims/snapshots/page.txt": "Hello.\n"})
    (tmp_path / "claims/snapshots/out.txt").symlink_to("/etc/hostname")
    (tmp_path / "claims/snapshots/loop.txt").symlink_to(tmp_path / "claims/snapshots/loop.txt")
    os.mkfifo(tmp_path / "claims/snapshots/fifo.txt")
    result = check(tmp_path, "--select", "FL331", "-q")
    messages = [line.split(": ", 2)[2] for line in findings(result)]
    assert messages == [
        "source 'dotdot': archive '../../../../../../etc/hostname' resolves outside the project "
        "root; not read",
        "source 'absolute': archive '/etc/hostname' resolves outside the project root; not read",
        "source 'link-out': archive 'snapshots/out.txt' resolves outside the project root; "
        "not read",
        # The same on every Python (3.13's resolve no longer raises on a loop), and no
        # absolute path in a finding.
        "source 'link-loop': archive 'snapshots/loop.txt' cannot be resolved: a symbolic link "
        "loop",
        "source 'nul': archive 'a\\x00b' is not a path (it holds a NUL character)",
        "source 'fifo': archive 'snapshots/fifo.txt' is not a regular file; not read",
    ]


# --- rule files and registries are input too ----------------------------------------------------

RULE = """code: XY101
name: my-rule
severity: error
kind: duplicate-id
summary: s
docs: {what: a, why: b, fail: c, pass: d}
"""
REGISTRY = """version: 1
patterns:
  - id: mine
    class: style
    pattern: '%s'
    explanation: x
"""


@pytest.mark.parametrize(("files", "fragment"), [
    ({"pack/XY101.yaml": RULE + "colour: red\n"}, "pack/XY101.yaml: unknown key 'colour'"),
    ({"pack/XY101.yaml": RULE.replace("duplicate-id", "[duplicate-id]")},
     "pack/XY101.yaml: unknown check kind ['duplicate-id']"),
    ({"pack/XY101.yaml": RULE.replace("duplicate-id", "magic")}, "unknown check kind 'magic'"),
    ({"pack/XY101.yaml": "code: XY101\nname: &a x\n"}, "pack/XY101.yaml:2:7: YAML anchor &a"),
    ({"pack/XY101.yaml": "code: [unclosed\n"}, "pack/XY101.yaml:2:1: YAML syntax error"),
    ({"pack/registries/ai-patterns.yaml": REGISTRY % "(unclosed"},
     # The pack's registry extends the built-in one: both files are named.
     "ai-patterns.yaml: pattern 'mine': pattern does not compile: missing ), "
     "unterminated subpattern at position 0: '(unclosed'"),
    # Patterns are run by RE2, in linear time: what it cannot run so is refused, named.
    ({"pack/registries/ai-patterns.yaml": REGISTRY % r"(?<!not )generated"},
     "pattern 'mine': pattern rejected: RE2 cannot run it in linear time (invalid perl "
     "operator: (?<!); lookaround but one final (?!…) or (?=…), backreferences and "
     "conditionals need backtracking, which can take exponential time: '(?<!not )generated'"),
    ({"pack/registries/ai-patterns.yaml": REGISTRY % r"(\w+) \1"},
     "pattern 'mine': pattern rejected: RE2 cannot run it in linear time (invalid escape "
     "sequence: \\1)"),
    ({"pack/registries/ai-patterns.yaml": REGISTRY % "x{4294967295}"},
     "pattern 'mine': pattern does not compile: the repetition number is too large: "
     "'x{4294967295}'"),
    ({"pack/registries/ai-patterns.yaml": REGISTRY % r"a.{0,2000}b.{0,2000}c"},
     "pattern 'mine': pattern rejected: repeat count 2,000 is over 1,000, the most RE2 runs "
     "in bounded memory: 'a.{0,2000}b.{0,2000}c'"),
])
def test_broken_rule_files_and_registries_exit_2_naming_the_file(tmp_path, files, fragment):
    write(tmp_path, {".factlint.toml": "rule-packs = ['pack']\n",
                     "claims/a.yaml": VALID_SOURCE, **files})
    (tmp_path / "pack").mkdir(exist_ok=True)
    result = check(tmp_path)
    assert_one_line_error(result, fragment)
    assert f"{tmp_path}/pack/" in result.err


def test_registry_names_stay_inside_registries(tmp_path):
    from linter.model import RuleFileError
    from linter.rulebook.book import load_rulebook

    with pytest.raises(RuleFileError, match=re.escape("registry name '../../secret'")):
        load_rulebook().registry("../../secret")


def test_linear_safety_check():
    from linter.sources.ai_patterns import check_linear_safe

    # Python's `re` takes minutes on these (300 spaces, 24 letters, 600 "x"); RE2 runs them in
    # linear time, so they are accepted: bench/hostile.py measures them on 5 MB snapshots.
    for pattern in (r"\s*\s*\s*\s*x", "(a|a)*b", "(a+)+", r"[^.]*generated",
                    r"x[^y]*x[^y]*x[^y]*y", r"\Bai\w+z"):
        assert check_linear_safe(pattern) is None, pattern
    # What would need backtracking is refused, and so is every built-in pattern accepted.
    for pattern in (r"(?<=a)b", r"(a)\1", r"(?(1)a|b)", r"(?>a+)b", r"a++b"):
        assert check_linear_safe(pattern) is not None, pattern
    from linter.rulebook.book import load_rulebook
    from linter.sources.ai_patterns import AiPatternSet

    assert len(AiPatternSet.from_data(*load_rulebook().registry("ai-patterns"))) > 20


def test_attribution_cues_are_literal_phrases():
    from linter.rulebook.book import load_rulebook
    from linter.text.attribution import CueLexicon, attribution_of

    data, origin = load_rulebook().registry("attribution-cues")
    data = dict(data, anonymous_cues=[*data["anonymous_cues"], "(a+)+b", "[unclosed"])
    lexicon = CueLexicon.from_data(data, origin)
    start = time.perf_counter()
    assert attribution_of("a" * 5000 + " said (a+)+b", None, lexicon).kind == "anonymous"
    assert attribution_of("x [unclosed y", None, lexicon).kind == "anonymous"
    assert time.perf_counter() - start < 2


# --- no network --------------------------------------------------------------------------------


def test_check_and_report_open_no_socket(monkeypatch):
    import linter.report as reports
    from linter.output import FORMATS, Report, render
    from linter.project.config import load_config
    from linter.run.runner import Options, lint

    attempts: list[tuple[object, ...]] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access during a lint run")

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)
    # The project's own fact base: sources with URLs, snapshots, every rule (no cache: no write).
    config = load_config(REPO)
    outcome = lint(config, Options(use_cache=False), REPO)
    assert outcome.findings
    report = Report(outcome.findings, outcome.files, outcome.rules, config.fail_on, "t")
    for name in FORMATS:
        render(name, report)
    model = reports.build(outcome, "t")
    for name in reports.FORMATS:
        reports.render(model, name)
    assert attempts == []


# --- writes ------------------------------------------------------------------------------------


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".factlint_cache" not in p.parts}


def test_only_what_was_asked_is_written(tmp_path):
    write(tmp_path, {"claims/a.yaml": VALID_SOURCE, "claims/b.yaml": VALID_CLAIM,
                     "claims/bad.yaml": "claims:\n  - id: x\n    text: 5 apples\n"})
    before = _digest(tmp_path)
    for args in (["check"], ["check", "--format", "sarif"], ["report"], ["rules"], ["schema"]):
        run_factlint(*args, cwd=tmp_path)
    assert _digest(tmp_path) == before
    run_factlint("check", "-o", "out.txt", cwd=tmp_path)
    run_factlint("check", "--write-baseline", "base.json", cwd=tmp_path)
    run_factlint("report", "-o", "r.html", cwd=tmp_path)
    after = _digest(tmp_path)
    assert set(after) - set(before) == {"out.txt", "base.json", "r.html"}
    assert {k: v for k, v in after.items() if k in before} == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def _large_corpus(root: Path, copies: int) -> None:
    text = (REPO / "claims/wsj-2025-07-30-china-ai.yaml").read_text(encoding="utf-8")
    sources = (REPO / "claims/sources/seed-articles.yaml").read_text(encoding="utf-8")
    (root / "claims").mkdir()
    (root / "claims/sources.yaml").write_text(sources, encoding="utf-8")
    for i in range(copies):
        (root / f"claims/c{i:04d}.yaml").write_text(text.replace("id: wsj.", f"id: wsj{i}."),
                                                    encoding="utf-8")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("command", ["check", "report"])
def test_interrupted_run_leaves_no_output_and_no_traceback(tmp_path, signum, command):
    _large_corpus(tmp_path, 800)  # several seconds of work, so the signal lands mid-run
    out = "out.txt" if command == "check" else "report.html"
    proc = subprocess.Popen([FACTLINT, command, *(["--no-cache"] if command == "check" else []),
                             "-o", out], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)
    assert proc.poll() is None, "the run finished before the signal: make the corpus larger"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum
    assert "Traceback" not in err and err == ""
    assert not (tmp_path / out).exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_atomic_write_defers_a_signal_until_the_file_is_whole(tmp_path, monkeypatch):
    from linter.files import write as atomic

    class Stop(BaseException):
        pass

    def handler(signum: int, frame: object) -> None:
        raise Stop

    real_replace = os.replace

    def replace_then_signal(src: str, dst: str) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # arrives mid-write
        real_replace(src, dst)

    previous = signal.signal(signal.SIGTERM, handler)
    monkeypatch.setattr(os, "replace", replace_then_signal)
    try:
        with pytest.raises(Stop):
            atomic.write_text(tmp_path / "out.txt", "whole\n")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert (tmp_path / "out.txt").read_text() == "whole\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_failure_leaves_nothing(tmp_path, monkeypatch):
    from linter.files import write as atomic

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        atomic.write_text(tmp_path / "out.txt", "x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [
    ["check"], ["check", "--format", "sarif"], ["report"], ["report", "--format", "json"],
    ["rules"], ["rules", "--format", "json"], ["rule", "FL101"], ["schema"],
])
def test_closed_pipe_prints_no_traceback(tmp_path, args):
    write(tmp_path, {"claims/a.yaml": VALID_SOURCE,
                     "claims/bad.yaml": "claims:\n  - id: x\n    text: 5 apples\n"})
    proc = subprocess.Popen([FACTLINT, *args], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is written: EPIPE on first write
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert err == ""
    assert proc.returncode in (0, 1)


def test_output_error_is_one_line(tmp_path):
    write(tmp_path, {"claims/a.yaml": VALID_SOURCE})
    assert_one_line_error(check(tmp_path, "-o", "missing/dir/out.txt"),
                          "missing/dir/out.txt: cannot write")


def test_internal_errors_are_one_line(tmp_path):
    # A crash inside a kind is a bug; it must still read as one line, not a traceback.
    code = ("import sys, linter.run.runner as r\n"
            "def boom(*a, **k):\n    raise ValueError('bad\\nthing')\n"
            "r.lint = boom\n"
            "from linter.cli.main import main\nsys.argv = ['factlint', 'check']\nmain()\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.startswith("factlint: internal error: ValueError: bad thing")
    assert proc.stderr.count("\n") == 1
