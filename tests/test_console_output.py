"""The terminal's output: `--output-format full|concise`, colour, the progress line,
`--statistics`, `--exit-zero`, `--show-files` and `--show-settings`; and that output to a pipe
(what CI logs, scripts and the golden tests read) stays the `--format text` lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from linter.model import Finding, Severity
from linter.output import Report, console, progress
from linter.output.advice import ADVISED, split, without_excerpts
from linter.project.config import Config
from linter.rulebook.book import load_rulebook
from linter.run.runner import Options, lint
from tests.conftest import FACTLINT, VALID_CLAIM, VALID_SOURCE, write

BAD = """\
claims:
  - id: orphan-figure
    text: China added 429 GW of capacity in 2024.
  - id: cites-nothing-known
    text: Something happened.
    evidence:
      - source: wsj-2025-07-03-china-ai
        quote: "A quote."
"""
POWER = """\
claims:
  - id: power-capacity-ratio
    text: China has about 2.5 times as much power-generation capacity as the U.S.
    value: {amount: 2.5, unit: times, qualifier: about}
    evidence:
      - source: wsj-2025-07-30-china-ai
        quote: "China currently has about 2.5 times as much power-generation capacity as the U.S."
"""

CONCISE = """\
claims/bad.yaml:2:9: FL201 claim 'orphan-figure' states a figure in its text but cites no evidence
claims/bad.yaml:7:17: FL103 evidence cites unknown source 'wsj-2025-07-03-china-ai' (did you mean 'wsj-2025-07-30-china-ai'?)
claims/power.yaml:4:12: FL320 claim 'power-capacity-ratio': the evidence states the figure without saying who measured or estimated it

Found 3 findings (2 errors, 1 warning) in 4 files checked.
"""

FULL = """\
claims/bad.yaml:2:9: FL201 error: claim 'orphan-figure' states a figure in its text but cites no evidence
  |
2 |   - id: orphan-figure
  |         ^^^^^^^^^^^^^
help: add an evidence item with the source and a verbatim quote

claims/bad.yaml:7:17: FL103 error: evidence cites unknown source 'wsj-2025-07-03-china-ai' (did you mean 'wsj-2025-07-30-china-ai'?)
  |
7 |       - source: wsj-2025-07-03-china-ai
  |                 ^^^^^^^^^^^^^^^^^^^^^^^

claims/power.yaml:4:12: FL320 warning: claim 'power-capacity-ratio': the evidence states the figure without saying who measured or estimated it (“China currently has about 2.5 times as much power-generation capacity as the U.S.”)
  |
4 |     value: {amount: 2.5, unit: times, qualifier: about}
  |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
help: add `attribution:` if the source names one elsewhere, or find a source that does

Found 3 findings (2 errors, 1 warning) in 4 files checked.
"""

# What `factlint check` printed before --output-format existed, and still prints to a pipe.
TEXT = """\
claims/bad.yaml:2:9: FL201 error: claim 'orphan-figure' states a figure in its text but cites no evidence; add an evidence item with the source and a verbatim quote
claims/bad.yaml:7:17: FL103 error: evidence cites unknown source 'wsj-2025-07-03-china-ai' (did you mean 'wsj-2025-07-30-china-ai'?)
claims/power.yaml:4:12: FL320 warning: claim 'power-capacity-ratio': the evidence states the figure without saying who measured or estimated it (“China currently has about 2.5 times as much power-generation capacity as the U.S.”); add `attribution:` if the source names one elsewhere, or find a source that does

Found 3 findings (2 errors, 1 warning) in 4 files checked.
"""

ESC = "\x1b["


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write(tmp_path, {
        "claims/sources.yaml": VALID_SOURCE,
        "claims/good.yaml": VALID_CLAIM,
        "claims/bad.yaml": BAD,
        "claims/power.yaml": POWER,
    })


def _environment(env: dict[str, str] | None = None) -> dict[str, str]:
    drop = {"GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR"}
    environment = {k: v for k, v in os.environ.items() if k not in drop}
    environment.update(env or {})
    return environment


def _run(*args: str, cwd: Path, env: dict[str, str] | None = None):
    """factlint with stdout and stderr on pipes (no colour variables unless `env` sets them)."""
    return subprocess.run([FACTLINT, *args], cwd=cwd, capture_output=True, text=True,
                          env=_environment(env), timeout=120)


def _on_terminal(command: list[str], cwd: Path, *, stdout_tty: bool, stderr_tty: bool,
                 env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run `command` with stdout and/or stderr on a pseudo-terminal: (exit code, what the
    terminal received, what the pipe received). The terminal's line discipline writes \\r\\n for
    \\n; it is turned back."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(command, cwd=cwd, env=_environment(env),
                            stdout=slave if stdout_tty else subprocess.PIPE,
                            stderr=slave if stderr_tty else subprocess.PIPE)
    os.close(slave)
    received = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every writer has closed the terminal
            break
        if not chunk:
            break
        received += chunk
    os.close(master)
    piped = (proc.stderr if stdout_tty else proc.stdout)
    assert piped is not None
    other = piped.read().decode()
    code = proc.wait(timeout=120)
    return code, received.decode().replace("\r\n", "\n"), other


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


# --- the views ------------------------------------------------------------------------------


def test_concise_is_one_short_line_a_finding(corpus):
    result = _run("check", "--output-format", "concise", cwd=corpus)
    assert (result.returncode, result.stdout, result.stderr) == (1, CONCISE, "")


def test_full_shows_the_line_a_caret_and_the_advice_once(corpus):
    result = _run("check", "--output-format", "full", cwd=corpus)
    assert (result.returncode, result.stdout, result.stderr) == (1, FULL, "")


def test_a_pipe_gets_the_text_lines_byte_for_byte(corpus):
    default = _run("check", cwd=corpus)
    assert (default.returncode, default.stdout) == (1, TEXT)
    assert _run("check", "--format", "text", cwd=corpus).stdout == TEXT


def test_a_terminal_gets_full_by_default_and_an_explicit_format_wins(corpus):
    command = [FACTLINT, "check"]
    code, shown, err = _on_terminal(command, corpus, stdout_tty=True, stderr_tty=False,
                                    env={"NO_COLOR": "1"})
    assert (code, shown, err) == (1, FULL, "")
    code, shown, _ = _on_terminal([*command, "--format", "text"], corpus, stdout_tty=True,
                                  stderr_tty=False)
    assert (code, shown) == (1, TEXT)  # and uncoloured: --format output never is


def test_quiet_full_has_no_summary_and_no_trailing_blank_line(corpus):
    result = _run("check", "-q", "--output-format", "full", "--select", "FL201", cwd=corpus)
    assert result.stdout == FULL.split("\n\n")[0] + "\n"


def test_scan_full_shows_the_article_line(tmp_path):
    write(tmp_path, {"article.txt": "A headline\n\nChina currently has about 2.5 times as much "
                                    "power-generation capacity as the U.S.\n"})
    result = _run("scan", "article.txt", "--output-format", "full", "--select", "FL405",
                  cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stderr
    assert lines[0].startswith("article.txt:3:21: FL405 warning: figure “about 2.5 times”")
    assert lines[1:4] == [
        "  |",
        "3 | China currently has about 2.5 times as much power-generation capacity as the U.S.",
        "  |                     ^^^^^^^^^^^^^^^",  # the words the message quotes
    ]
    assert lines[4] == "help: name who measured, reported, estimated or forecast it"


def test_hostile_line_is_escaped_and_long_line_windowed():
    line = 'quote: "\x1b[31mred\x1b[0m ' + "x" * 200 + '"'
    finding = Finding("c.yaml", 1, 8, "FL202", "figure 2 not stated", Severity.WARNING)
    report = Report([finding], ["c.yaml"], [], Severity.ERROR, "test", quiet=True)
    text = console.render(report, "full", reader=lambda path: [line])
    shown = text.splitlines()
    assert "\x1b" not in text
    assert shown[2].startswith('1 | quote: "\\x1b[31mred\\x1b[0m xxx')
    assert shown[2].endswith("…")
    escapes = 2 * (len("\\x1b") - 1)  # each ESC is shown as four characters
    assert len(shown[2]) == len("1 | ") + console.EXCERPT_WIDTH + escapes + len("…")
    # from the opening quote to the window's end
    assert shown[3] == "  |        " + "^" * (console.EXCERPT_WIDTH - 7 + escapes)


def test_caret_counts_wide_characters_twice():
    line = "text: 中国 said “2.5”"
    finding = Finding("c.yaml", 1, line.index("“") + 1, "FL202", "m", Severity.ERROR)
    report = Report([finding], ["c.yaml"], [], Severity.ERROR, "test", quiet=True)
    carets = console.render(report, "full", reader=lambda path: [line]).splitlines()[3]
    assert carets == "  | " + " " * (len("text: ") + 4 + len(" said ")) + "^" * len("“2.5”")


def test_a_file_outside_the_project_shows_no_excerpt(tmp_path):
    """The `full` view reads through linter.files.read: a link out of the project is not."""
    outside = write(tmp_path / "elsewhere", {"claims/x.yaml": BAD})
    project = write(tmp_path / "project", {"claims/sources.yaml": VALID_SOURCE})
    (project / "claims" / "x.yaml").symlink_to(outside / "claims" / "x.yaml")
    from linter.cli.common import file_reader

    read = file_reader(project, project, 1_000_000)
    assert read("claims/x.yaml") is None
    assert read("claims/sources.yaml") == [*VALID_SOURCE.lstrip("\n").split("\n")]


# --- the advice -----------------------------------------------------------------------------

RULEBOOK = load_rulebook()
# Rules whose failing example cannot run as one claim file (see tests/test_rule_files.py).
NO_EXAMPLE = {"FL004", "FL005", "FL330"}


def _example_messages(code: str, tmp_path: Path) -> list[str]:
    rule = RULEBOOK.rules[code]
    if rule.kind == "scan":
        (tmp_path / "article.txt").write_text(rule.doc.fail + "\n", encoding="utf-8")
        result = _run("scan", "article.txt", "--format", "json", "--select", code,
                      "--isolated", cwd=tmp_path)
        return [f["message"] for f in json.loads(result.stdout)["findings"]]
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "example.yaml").write_text(rule.doc.fail + "\n", encoding="utf-8")
    also = ("FL202",) if code == "FL106" else ()
    outcome = lint(Config(root=tmp_path), Options(select=(code, *also)), tmp_path)
    return [f.message for f in outcome.findings if f.code == code]


@pytest.mark.parametrize("code", sorted(ADVISED - NO_EXAMPLE))
def test_every_advised_rule_s_example_message_splits(code, tmp_path):
    messages = _example_messages(code, tmp_path)
    assert messages, code
    for message in messages:
        reported, advice = split(code, message)
        assert advice, (code, message)
        assert message.startswith(reported) and message.endswith(advice)
        assert advice not in reported


def test_the_advice_table_names_only_existing_rules():
    assert set(RULEBOOK.rules) >= ADVISED


def test_split_never_cuts_a_message_that_does_not_end_with_the_advice():
    assert split("FL201", "something else; add more") == ("something else; add more", None)
    assert split("FL999", "a; add an evidence item") == ("a; add an evidence item", None)
    assert split("FL201", "; add an evidence item with the source and a verbatim quote")[1] \
        is None  # no report left: shown whole


def test_concise_drops_long_quotation_excerpts_only():
    long = "claim 'x' (“" + "y" * 40 + "”)"
    assert without_excerpts(long) == "claim 'x'"
    assert without_excerpts("rests on (“people familiar with”)") == \
        "rests on (“people familiar with”)"


# --- colour ---------------------------------------------------------------------------------


def test_color_always_paints_path_code_and_severity(corpus):
    result = _run("check", "--output-format", "concise", "--color", "always", cwd=corpus)
    assert "\x1b[1mclaims/bad.yaml\x1b[0m" in result.stdout
    assert "\x1b[1;31mFL201\x1b[0m" in result.stdout  # an error
    assert "\x1b[1;33mFL320\x1b[0m" in result.stdout  # a warning
    assert _strip_ansi(result.stdout) == CONCISE


def test_full_colour_strips_to_the_plain_view(corpus):
    result = _run("check", "--output-format", "full", "--color", "always", cwd=corpus)
    assert ESC in result.stdout and _strip_ansi(result.stdout) == FULL


def test_force_color_colours_a_pipe_and_no_color_stops_a_terminal(corpus):
    forced = _run("check", "--output-format", "concise", cwd=corpus, env={"FORCE_COLOR": "1"})
    assert ESC in forced.stdout
    plain = _run("check", "--output-format", "concise", cwd=corpus)
    assert ESC not in plain.stdout  # auto, on a pipe
    _, shown, _ = _on_terminal([FACTLINT, "check"], corpus, stdout_tty=True,
                               stderr_tty=False, env={"NO_COLOR": "1"})
    assert ESC not in shown and "help:" in shown
    _, shown, _ = _on_terminal([FACTLINT, "check"], corpus, stdout_tty=True,
                               stderr_tty=False)
    assert ESC in shown  # auto, on a terminal
    never = _run("check", "--output-format", "full", "--color", "never", cwd=corpus,
                 env={"FORCE_COLOR": "1"})
    assert ESC not in never.stdout


@pytest.mark.parametrize("name", ["text", "json", "github", "sarif", "junit", "markdown"])
def test_formats_for_programs_are_never_coloured(corpus, name):
    result = _run("check", "--format", name, cwd=corpus, env={"FORCE_COLOR": "1"})
    assert result.returncode == 1 and ESC not in result.stdout


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(("choice", "tty", "env", "expected"), [
    ("always", False, {"NO_COLOR": "1"}, True),
    ("never", True, {"FORCE_COLOR": "1"}, False),
    ("auto", True, {}, True),
    ("auto", False, {}, False),
    ("auto", True, {"NO_COLOR": "1"}, False),
    ("auto", True, {"NO_COLOR": ""}, True),  # set but empty: not a request (no-color.org)
    ("auto", False, {"FORCE_COLOR": "1"}, True),
    ("auto", False, {"FORCE_COLOR": "0"}, False),
    ("auto", True, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, True),
    ("auto", True, {"TERM": "dumb"}, False),
])
def test_want_colour(choice, tty, env, expected):
    assert console.want_colour(choice, _Stream(tty), env) is expected  # type: ignore[arg-type]


# --- progress -------------------------------------------------------------------------------

# factlint's entry point with the progress line's delay at zero, so a run of four files shows
# it (a real run waits a second first).
NO_DELAY = [sys.executable, "-c",
            "import sys; import linter.output.progress as p; p.DELAY = 0; "
            "from linter.cli.main import main; sys.argv[0] = 'factlint'; main()"]


def test_progress_on_a_terminal_and_erased_before_the_findings(corpus):
    code, shown, out = _on_terminal([*NO_DELAY, "check", "--no-cache"], corpus,
                                    stdout_tty=False, stderr_tty=True)
    assert code == 1 and out == TEXT
    assert shown.startswith("\rfactlint: parsed 1 of 4 files (")
    assert "\rfactlint: parsed 4 of 4 files (" in shown
    assert shown.endswith("\r" + " " * len(shown.split("\r")[-3]) + "\r")


def test_no_progress_when_not_a_terminal_or_quiet(corpus):
    piped = subprocess.run([*NO_DELAY, "check", "--no-cache"], cwd=corpus, capture_output=True,
                           text=True, env=_environment(), timeout=120)
    assert (piped.returncode, piped.stdout, piped.stderr) == (1, TEXT, "")
    code, shown, _ = _on_terminal([*NO_DELAY, "check", "--no-cache", "-q"], corpus,
                                  stdout_tty=False, stderr_tty=True)
    assert (code, shown) == (1, "")


def test_progress_waits_then_throttles_then_erases():
    class Clock:
        now = 100.0

        def __call__(self) -> float:
            return self.now

    clock, stream = Clock(), _Buffer()
    line = progress.Progress(stream, clock)  # type: ignore[arg-type]
    line(10, 100)
    assert stream.text == ""  # under a second: nothing
    clock.now += progress.DELAY
    line(50, 100)
    assert stream.text == "\rfactlint: parsed 50 of 100 files (50 files/s)"
    clock.now += 0.01
    line(60, 100)  # too soon to redraw
    line(100, 100)  # … but the last count is always drawn
    assert stream.text.endswith("\rfactlint: parsed 100 of 100 files (99 files/s)")
    line.close()
    assert stream.text.endswith("\r" + " " * 46 + "\r")


class _Buffer:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


# --- counts, exit codes, files and settings -------------------------------------------------


def test_statistics_prints_counts_only(corpus):
    result = _run("check", "--statistics", cwd=corpus)
    assert (result.returncode, result.stdout) == (1, (
        "     1  FL103  unknown-source\n"
        "     1  FL201  figure-without-evidence\n"
        "     1  FL320  unattributed-figure\n"))


def test_statistics_as_json(corpus):
    result = _run("check", "--statistics", "--format", "json", cwd=corpus)
    assert json.loads(result.stdout) == [
        {"code": "FL103", "name": "unknown-source", "count": 1, "severity": "error"},
        {"code": "FL201", "name": "figure-without-evidence", "count": 1, "severity": "error"},
        {"code": "FL320", "name": "unattributed-figure", "count": 1, "severity": "warning"},
    ]


def test_exit_zero_with_findings(corpus):
    result = _run("check", "--exit-zero", cwd=corpus)
    assert (result.returncode, result.stdout) == (0, TEXT)
    assert _run("check", "--exit-zero", "--config", "missing.toml", cwd=corpus).returncode == 2


def test_show_files(corpus):
    write(corpus, {".factlint.toml": 'exclude = ["claims/good.yaml"]\n'})
    result = _run("check", "--show-files", cwd=corpus)
    assert (result.returncode, result.stdout) == (
        0, "claims/bad.yaml\nclaims/power.yaml\nclaims/sources.yaml\n")
    named = _run("check", "--show-files", "claims/power.yaml", cwd=corpus)
    assert (named.returncode, named.stdout) == (0, "claims/power.yaml\n")


def test_show_settings(corpus):
    write(corpus, {".factlint.toml": textwrap.dedent("""\
        fail-on = "warning"
        severity = {FL320 = "info"}
    """)})
    result = _run("check", "--show-settings", "--select", "FL20,FL320", "--ignore", "FL205",
                  cwd=corpus)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert f"config-file = {json.dumps(str(corpus / '.factlint.toml'))}" in lines
    rules = next(line for line in lines if line.startswith("rules = "))
    chosen = json.loads(rules.removeprefix("rules = "))
    assert chosen[:4] == ["FL201", "FL202", "FL203", "FL204"] and chosen[-1] == "FL320"
    assert "FL205" not in chosen and all(c.startswith("FL20") for c in chosen[:-1])
    assert 'severity = {"FL320" = "info"}' in lines
    assert 'fail-on = "warning"' in lines and 'format = "text"' in lines
    document = json.loads(_run("check", "--show-settings", "--format", "json",
                               cwd=corpus).stdout)
    assert document["fail-on"] == "warning" and document["jobs"] is None
    assert document["limits"]["max-bytes"] == 5_000_000
    assert set(document) == {"config-file", "root", "paths", "exclude", "rules", "severity",
                             "per-file-ignores", "rule-packs", "fail-on", "format", "color",
                             "limits", "cache", "jobs"}
    scan = _run("scan", "x.txt", "--show-settings", "--format", "json", cwd=corpus)
    assert json.loads(scan.stdout)["rules"][0] == "FL401"


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "json", "--output-format", "full"],
     "--output-format full and --format json exclude each other"),
    (["--format", "sarif", "--color", "always"], "--color always: --format sarif is never"),
    (["--statistics", "--format", "junit"], "--statistics prints counts as text or JSON"),
    (["--show-files", "--show-settings"], "--show-files and --show-settings exclude"),
    (["--output-format", "medium"], "Invalid value for '--output-format'"),
    (["--color", "sometimes"], "Invalid value for '--color'"),
])
def test_invalid_combinations_exit_2(corpus, args, message):
    result = _run("check", *args, cwd=corpus)
    assert result.returncode == 2 and message in result.stderr and result.stdout == ""


def test_scan_options_that_print_no_findings_refuse_the_output_options(tmp_path):
    result = _run("scan", "x.txt", "--claims", "--output-format", "full", cwd=tmp_path)
    assert result.returncode == 2 and "--claims prints no findings" in result.stderr

